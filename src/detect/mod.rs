//! Detection engine: suggests the actors of an article (people, organisations, places,
//! dates) and the claims made in it, with the actor who makes each claim.
//!
//! The engine is rule based: a gazetteer of well-known actors, rules for names that no
//! gazetteer holds (capitalised word sequences, titles, cue words), date patterns, and
//! attribution patterns (quotations, reporting verbs, "according to"). All offsets are byte
//! ranges into the text given.
//!
//! The shipped gazetteer and word lists are compiled at build time (`build.rs`) into static
//! tables, so [`Detector::builtin`] parses and builds nothing; user gazetteer files, extra
//! reporting verbs and learned actors are layered on top at run time
//! ([`Detector::with_extras`], [`Detector::with_learned`]).

mod claims;
mod dates;
mod gazdata;
mod gazetteer;
mod lexicon;
mod names;
mod resolve;
mod speaker;
mod tokens;
// The word lists are read by the build script (and the tests); the library uses the flags.
#[cfg_attr(not(test), allow(dead_code))]
mod wordlists;
mod words;

use std::ops::Range;

use gazetteer::Gazetteer;
use lexicon::Lexicon;

pub use gazdata::Label;

/// One mention of an actor in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// The mention, as a byte range into the text.
    pub range: Range<usize>,
    /// The kind of actor.
    pub label: Label,
    /// The canonical name of the actor ("Vladimir Putin" for "Putin", "Russia" for "Moscow").
    pub actor: String,
}

/// A statement attributed to a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimMention {
    /// The claim, as a byte range into the text: usually the whole sentence (or the
    /// sentences a quotation spans).
    pub range: Range<usize>,
    /// What marks the claim: the reporting verb ("said"), "according to", or the opening
    /// quotation mark.
    pub cue: Range<usize>,
    /// The actor who makes the claim, as an index into [`Detection::entities`], when one
    /// single actor can be named.
    pub speaker: Option<usize>,
}

/// What [`Detector::detect`] finds in a text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Detection {
    /// Entity mentions, sorted by position, not overlapping.
    pub entities: Vec<EntityMention>,
    /// Claims, sorted by position.
    pub claims: Vec<ClaimMention>,
}

/// Why a detector could not be built.
#[derive(Debug, thiserror::Error)]
pub enum DetectError {
    /// A gazetteer file could not be read as TOML of the expected shape.
    #[error("gazetteer {file}, line {line}: {message}")]
    Gazetteer {
        /// The file's name.
        file: String,
        /// The line (1-based) where the problem is.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// One gazetteer source: a file name (for error messages) and its TOML text.
pub type GazetteerSource<'a> = (&'a str, &'a str);

/// The gazetteer files shipped in `assets/gazetteer`.
pub const BUILTIN_GAZETTEER: &[GazetteerSource<'static>] = &[
    (
        "countries.toml",
        include_str!("../../assets/gazetteer/countries.toml"),
    ),
    (
        "organisations.toml",
        include_str!("../../assets/gazetteer/organisations.toml"),
    ),
    (
        "people.toml",
        include_str!("../../assets/gazetteer/people.toml"),
    ),
    (
        "places.toml",
        include_str!("../../assets/gazetteer/places.toml"),
    ),
];

/// The detection engine: the gazetteer and the word lists of the rules.
/// Build it once and share it; [`Detector::detect`] takes `&self`. Cloning is cheap (the
/// run-time parts are shared).
#[derive(Clone)]
pub struct Detector {
    gazetteer: Gazetteer,
    lexicon: Lexicon,
}

impl std::fmt::Debug for Detector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Detector")
            .field("actors", &self.gazetteer.actor_count())
            .finish_non_exhaustive()
    }
}

impl Detector {
    /// The detector with the gazetteer and word lists shipped in `assets/gazetteer`,
    /// compiled at build time: this costs no parsing and no allocation.
    pub fn builtin() -> Result<Detector, DetectError> {
        Ok(Detector {
            gazetteer: Gazetteer::builtin(),
            lexicon: Lexicon::builtin(),
        })
    }

    /// A detector over other gazetteer files (TOML, `[[actor]]` tables with `name`,
    /// `label`, and optional `aliases`, `demonyms` and `capitals`), instead of the shipped
    /// ones. Earlier files win when two files claim the same alias.
    pub fn with_gazetteer(sources: &[GazetteerSource<'_>]) -> Result<Detector, DetectError> {
        Ok(Detector {
            gazetteer: Gazetteer::build(sources)?,
            lexicon: Lexicon::builtin(),
        })
    }

    /// The shipped detector plus user gazetteer files (`(file name, contents)`, same
    /// format as [`Detector::with_gazetteer`]) and extra reporting verbs. A name in a
    /// user file wins over the shipped gazetteer's; among user files, earlier files win.
    /// A verb in its base form ("quip") also counts in its other forms ("quips",
    /// "quipped", "quipping"). A malformed file is an error naming the file and line;
    /// callers that want to go on can fall back to [`Detector::builtin`].
    pub fn with_extras(
        user_gazetteers: &[(String, String)],
        extra_reporting_verbs: &[String],
    ) -> Result<Detector, DetectError> {
        let sources: Vec<GazetteerSource<'_>> = user_gazetteers
            .iter()
            .map(|(f, s)| (f.as_str(), s.as_str()))
            .collect();
        Ok(Detector {
            gazetteer: Gazetteer::builtin().with_files(&sources)?,
            lexicon: if extra_reporting_verbs.is_empty() {
                Lexicon::builtin()
            } else {
                Lexicon::with_reporting_verbs(extra_reporting_verbs)
            },
        })
    }

    /// This detector plus actors learned at run time (a name the user tagged, with its
    /// label): each name is then suggested wherever it appears, as that actor, winning
    /// over every gazetteer. Costs a hash map of the given names; the rest is shared.
    pub fn with_learned(&self, actors: &[(String, Label)]) -> Detector {
        Detector {
            gazetteer: self.gazetteer.with_actors(actors),
            lexicon: self.lexicon.clone(),
        }
    }

    /// The number of actors the gazetteer knows.
    pub fn actor_count(&self) -> usize {
        self.gazetteer.actor_count()
    }

    /// Finds entity and claim suggestions. `sentences` are byte ranges into `text`,
    /// sorted; ranges that are out of bounds, not on char boundaries or overlapping are
    /// trimmed or skipped. With no sentences, the whole text is read as one sentence.
    pub fn detect(&self, text: &str, sentences: &[Range<usize>]) -> Detection {
        let sentences = clean_sentences(text, sentences);
        let doc = tokens::Document::new(text, &sentences, &self.lexicon);
        let matches = self.gazetteer.find(text, &doc);
        let dates = dates::find(&doc, &self.lexicon);
        let cands = names::find(&doc, &self.lexicon, &self.gazetteer, &matches, &dates);
        let entities = resolve::resolve(&doc, &self.gazetteer, cands, dates);
        let claims = claims::find(&doc, &self.lexicon, &entities);
        Detection { entities, claims }
    }
}

/// Sentence ranges made safe: inside the text, on char boundaries, sorted, disjoint,
/// non-empty.
fn clean_sentences(text: &str, sentences: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sentences.len());
    let mut last_end = 0;
    let whole = 0..text.len();
    let source: &[Range<usize>] = if sentences.is_empty() {
        std::slice::from_ref(&whole)
    } else {
        sentences
    };
    for r in source.iter().cloned() {
        let mut start = r.start.min(text.len()).max(last_end);
        let mut end = r.end.min(text.len());
        while start < end && !text.is_char_boundary(start) {
            start += 1;
        }
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        if start < end {
            out.push(start..end);
            last_end = end;
        }
    }
    out
}

/// Prodigy-style match patterns for actors, as JSON lines:
/// `{"label": "Person", "pattern": [{"lower": "vladimir"}, {"lower": "putin"}]}`. A name's
/// tokens are its whitespace-separated words, lower-cased; the label is the label's name
/// ([`Label::name`]). Names with no word are skipped.
pub fn prodigy_patterns(actors: &[(String, Label)]) -> String {
    actors
        .iter()
        .filter_map(|(name, label)| prodigy_pattern(name, label.name()))
        .collect()
}

/// One Prodigy match pattern line (with its newline) for `name` with label `label`; `None`
/// for a name with no word.
pub fn prodigy_pattern(name: &str, label: &str) -> Option<String> {
    let tokens: Vec<serde_json::Value> = name
        .split_whitespace()
        .map(|t| serde_json::json!({ "lower": t.to_lowercase() }))
        .collect();
    if tokens.is_empty() {
        return None;
    }
    let line = serde_json::json!({ "label": label, "pattern": tokens });
    Some(format!("{line}\n"))
}
