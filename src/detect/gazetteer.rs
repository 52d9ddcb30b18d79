//! The gazetteer: known actors and their names, compiled into one Aho-Corasick automaton.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use serde::Deserialize;

use super::lexicon::{self, FxMap, Lexicon};
use super::tokens::Document;
use super::{DetectError, GazetteerSource, Label};

/// One gazetteer file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    actor: Vec<Entry>,
}

/// One `[[actor]]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: toml::Spanned<String>,
    label: toml::Spanned<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    capitals: Vec<String>,
}

/// A known actor.
pub(crate) struct Actor {
    /// Canonical name.
    pub name: Box<str>,
    /// Kind.
    pub label: Label,
}

/// What a name in the automaton stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PatKind {
    /// A name or alias of the actor.
    Name,
    /// A demonym of a country ("Russian"): not an actor alone.
    Demonym,
    /// A capital: the country's government, or the city `city` when used as a place.
    Capital { city: u32 },
}

/// One name in the automaton.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pattern {
    /// Index of the actor.
    pub actor: u32,
    /// What the name stands for.
    pub kind: PatKind,
    /// A single capitalised word that is also a common word ("Shell"): not trusted at the
    /// start of a sentence.
    pub common: bool,
}

/// A gazetteer name found in a text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GazMatch {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The name's pattern.
    pub pattern: Pattern,
}

impl GazMatch {
    /// The match's byte range.
    pub(crate) fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The compiled gazetteer.
pub(crate) struct Gazetteer {
    actors: Vec<Actor>,
    patterns: Vec<Pattern>,
    automaton: AhoCorasick,
}

fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

struct Builder<'l> {
    lex: &'l Lexicon,
    actors: Vec<Actor>,
    patterns: Vec<Pattern>,
    names: Vec<String>,
    seen: FxMap<String, ()>,
}

impl Builder<'_> {
    fn actor(&mut self, name: &str, label: Label) -> u32 {
        self.actors.push(Actor {
            name: name.into(),
            label,
        });
        (self.actors.len() - 1) as u32
    }

    fn pattern(&mut self, name: &str, actor: u32, kind: PatKind) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let mut first = name.chars();
        let titlecase = first.next().is_some_and(|c| c.is_uppercase())
            && first.all(|c| c.is_lowercase())
            && !name.contains(' ');
        let common = titlecase && self.lex.get_lower(name) & (lexicon::COMMON | lexicon::FUNC) != 0;
        let pattern = Pattern {
            actor,
            kind,
            common,
        };
        let mut variants = vec![name.to_string()];
        if name.contains('\'') {
            variants.push(name.replace('\'', "’"));
        }
        for v in variants {
            if self.seen.insert(v.clone(), ()).is_none() {
                self.names.push(v);
                self.patterns.push(pattern);
            }
        }
    }
}

impl Gazetteer {
    /// Parses the sources and builds the automaton.
    pub(crate) fn build(
        sources: &[GazetteerSource<'_>],
        lex: &Lexicon,
    ) -> Result<Gazetteer, DetectError> {
        let mut b = Builder {
            lex,
            actors: Vec::with_capacity(4096),
            patterns: Vec::with_capacity(8192),
            names: Vec::with_capacity(8192),
            seen: FxMap::with_capacity_and_hasher(8192, Default::default()),
        };
        for &(file, source) in sources {
            let parsed: File = toml::from_str(source).map_err(|e| DetectError::Gazetteer {
                file: file.to_string(),
                line: e.span().map_or(1, |s| line_of(source, s.start)),
                message: e.message().to_string(),
            })?;
            for entry in parsed.actor {
                let bad = |span: Range<usize>, message: String| DetectError::Gazetteer {
                    file: file.to_string(),
                    line: line_of(source, span.start),
                    message,
                };
                let label = Label::parse(entry.label.get_ref()).ok_or_else(|| {
                    bad(
                        entry.label.span(),
                        format!(
                            "unknown label {:?} (Person, Organisation, Place or Date)",
                            entry.label.get_ref()
                        ),
                    )
                })?;
                let name = entry.name.get_ref().trim();
                if name.is_empty() {
                    return Err(bad(entry.name.span(), "empty name".to_string()));
                }
                let actor = b.actor(name, label);
                b.pattern(name, actor, PatKind::Name);
                for a in &entry.aliases {
                    b.pattern(a, actor, PatKind::Name);
                }
                for d in &entry.demonyms {
                    b.pattern(d, actor, PatKind::Demonym);
                }
                for c in &entry.capitals {
                    let city = b.actor(c.trim(), Label::Place);
                    b.pattern(c, actor, PatKind::Capital { city });
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&b.names)
            .map_err(|e| DetectError::Automaton(e.to_string()))?;
        Ok(Gazetteer {
            actors: b.actors,
            patterns: b.patterns,
            automaton,
        })
    }

    /// The number of actors.
    pub(crate) fn actor_count(&self) -> usize {
        self.actors.len()
    }

    /// The actor with index `i`.
    pub(crate) fn actor(&self, i: u32) -> &Actor {
        &self.actors[i as usize]
    }

    /// Finds gazetteer names in the document's sentences: whole words only, longest
    /// first, not overlapping.
    pub(crate) fn find(&self, text: &str, doc: &Document<'_>) -> Vec<GazMatch> {
        let mut all: Vec<GazMatch> = Vec::new();
        let mut out = Vec::new();
        for s in &doc.sentences {
            all.clear();
            let input = Input::new(text).span(s.clone());
            for m in self.automaton.find_overlapping_iter(input) {
                let (start, end) = (m.start(), m.end());
                if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                    continue;
                }
                let before_ok = text[..start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after_ok = text[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                if before_ok && after_ok {
                    all.push(GazMatch {
                        start,
                        end,
                        pattern: self.patterns[m.pattern().as_usize()],
                    });
                }
            }
            all.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            let mut last_end = 0;
            for m in &all {
                if m.start >= last_end {
                    out.push(*m);
                    last_end = m.end;
                }
            }
        }
        out
    }
}
