//! Detection engine: suggests the actors of an article (people, organisations, places,
//! dates) and the claims made in it, with the actor who makes each claim.
//!
//! The engine is rule based: a gazetteer of well-known actors compiled into an
//! Aho-Corasick automaton, rules for names that no gazetteer holds (capitalised word
//! sequences, titles, cue words), date patterns, and attribution patterns (quotations,
//! reporting verbs, "according to"). All offsets are byte ranges into the text given.

mod claims;
mod dates;
mod gazetteer;
mod lexicon;
mod names;
mod resolve;
mod speaker;
mod tokens;

use std::ops::Range;

use gazetteer::Gazetteer;
use lexicon::Lexicon;

/// The kind of an actor.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Label {
    /// A person, or a group of people.
    Person,
    /// An organisation: a company, a government body, a party, a news outlet.
    Organisation,
    /// A place: a country, a region, a city, a building.
    Place,
    /// A date or a time expression ("June 28", "two weeks ago").
    Date,
}

impl Label {
    /// The label's name as shown to the user: "Person", "Organisation", "Place" or "Date".
    pub fn name(self) -> &'static str {
        match self {
            Label::Person => "Person",
            Label::Organisation => "Organisation",
            Label::Place => "Place",
            Label::Date => "Date",
        }
    }

    /// Parses a label name as written in the gazetteer ("Organization" is accepted too).
    pub fn parse(name: &str) -> Option<Label> {
        match name {
            "Person" => Some(Label::Person),
            "Organisation" | "Organization" => Some(Label::Organisation),
            "Place" => Some(Label::Place),
            "Date" => Some(Label::Date),
            _ => None,
        }
    }
}

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
    /// The automaton over the gazetteer's names could not be built.
    #[error("gazetteer automaton: {0}")]
    Automaton(String),
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

const GIVEN_NAMES: &str = include_str!("../../assets/gazetteer/given_names.txt");
const COMMON_WORDS: &str = include_str!("../../assets/gazetteer/common_words.txt");

/// The detection engine: the compiled gazetteer and the word lists of the rules.
/// Build it once and share it; [`Detector::detect`] takes `&self`.
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
    /// The detector with the gazetteer shipped in `assets/gazetteer`.
    pub fn builtin() -> Result<Detector, DetectError> {
        Detector::with_gazetteer(BUILTIN_GAZETTEER)
    }

    /// A detector over other gazetteer files (TOML, `[[actor]]` tables with `name`,
    /// `label`, and optional `aliases`, `demonyms` and `capitals`). Earlier files win
    /// when two files claim the same alias.
    pub fn with_gazetteer(sources: &[GazetteerSource<'_>]) -> Result<Detector, DetectError> {
        // The word lists and the gazetteer are independent: build them side by side.
        std::thread::scope(|scope| {
            let lexicon = std::thread::Builder::new()
                .name("gloss-lexicon".into())
                .spawn_scoped(scope, || Lexicon::new(GIVEN_NAMES, COMMON_WORDS));
            let gazetteer = Gazetteer::build(sources);
            let lexicon = match lexicon {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|_| Lexicon::new(GIVEN_NAMES, COMMON_WORDS)),
                Err(_) => Lexicon::new(GIVEN_NAMES, COMMON_WORDS),
            };
            Ok(Detector {
                gazetteer: gazetteer?,
                lexicon,
            })
        })
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
