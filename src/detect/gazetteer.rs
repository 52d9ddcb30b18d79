//! The gazetteer: known actors and their names, compiled into one Aho-Corasick automaton.

use std::borrow::Cow;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};
use serde::Deserialize;

use super::lexicon::FxMap;
use super::tokens::{self, Document, Kind};
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

/// An entry read by the fast reader: fields with their 1-based line.
struct FastEntry<'s> {
    line: usize,
    name: Option<(Cow<'s, str>, usize)>,
    label: Option<(Cow<'s, str>, usize)>,
    aliases: Vec<Cow<'s, str>>,
    demonyms: Vec<Cow<'s, str>>,
    capitals: Vec<Cow<'s, str>>,
}

/// Reads a basic TOML string starting at the opening quote; returns it and the rest.
fn basic_string(s: &str) -> Option<(Cow<'_, str>, &str)> {
    let s = s.strip_prefix('"')?;
    // Most strings have no escapes: borrow them.
    if let Some(end) = s.find(['"', '\\'])
        && s.as_bytes()[end] == b'"'
        && !s[..end].bytes().any(|b| b < 0x20)
    {
        return Some((Cow::Borrowed(&s[..end]), &s[end + 1..]));
    }
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((Cow::Owned(out), &s[i + 1..])),
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'u' => {
                        let mut v = 0u32;
                        for _ in 0..4 {
                            v = v * 16 + chars.next()?.1.to_digit(16)?;
                        }
                        out.push(char::from_u32(v)?);
                    }
                    _ => return None,
                }
            }
            c if (c as u32) < 0x20 => return None,
            c => out.push(c),
        }
    }
    None
}

/// Reads `["a", "b"]`; returns the strings and the rest.
fn string_array(s: &str) -> Option<(Vec<Cow<'_, str>>, &str)> {
    let mut rest = s.strip_prefix('[')?.trim_start();
    let mut out = Vec::new();
    loop {
        if let Some(r) = rest.strip_prefix(']') {
            return Some((out, r));
        }
        let (v, r) = basic_string(rest)?;
        out.push(v);
        rest = r.trim_start();
        if let Some(r) = rest.strip_prefix(',') {
            rest = r.trim_start();
        } else if !rest.starts_with(']') {
            return None;
        }
    }
}

/// A fast reader for the gazetteer's usual layout (`[[actor]]` headers, one
/// `key = "string"` or `key = ["strings"]` a line, comments). Anything else returns
/// None, and the file is read with the full TOML parser instead.
fn read_fast(source: &str) -> Option<Vec<FastEntry<'_>>> {
    let mut out: Vec<FastEntry<'_>> = Vec::new();
    for (n, raw) in source.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "[[actor]]" {
            out.push(FastEntry {
                line: n + 1,
                name: None,
                label: None,
                aliases: Vec::new(),
                demonyms: Vec::new(),
                capitals: Vec::new(),
            });
            continue;
        }
        let entry = out.last_mut()?;
        let (key, value) = line.split_once('=')?;
        let key = key.trim();
        let value = value.trim_start();
        let rest = if value.starts_with('"') {
            let (v, rest) = basic_string(value)?;
            match key {
                "name" if entry.name.is_none() => entry.name = Some((v, n + 1)),
                "label" if entry.label.is_none() => entry.label = Some((v, n + 1)),
                _ => return None,
            }
            rest
        } else {
            let (v, rest) = string_array(value)?;
            let field = match key {
                "aliases" => &mut entry.aliases,
                "demonyms" => &mut entry.demonyms,
                "capitals" => &mut entry.capitals,
                _ => return None,
            };
            if !field.is_empty() {
                return None;
            }
            *field = v;
            rest
        };
        let rest = rest.trim();
        if !(rest.is_empty() || rest.starts_with('#')) {
            return None;
        }
    }
    Some(out)
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
    /// Patterns of the automaton, by pattern id.
    patterns: Vec<Pattern>,
    /// One-token names.
    words: FxMap<Box<str>, Pattern>,
    /// Names of several tokens ("Xi Jinping", "United States").
    automaton: AhoCorasick,
}

fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

struct Builder {
    actors: Vec<Actor>,
    /// Patterns of the automaton (names of several tokens).
    patterns: Vec<Pattern>,
    names: Vec<String>,
    /// Names of one token, looked up token by token.
    words: FxMap<Box<str>, Pattern>,
    seen: FxMap<String, ()>,
}

impl Builder {
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
        let pattern = Pattern { actor, kind };
        let mut variants = vec![name.to_string()];
        if name.contains('\'') {
            variants.push(name.replace('\'', "’"));
        }
        for v in variants {
            if tokens::is_one_word(&v) {
                self.words.entry(v.into()).or_insert(pattern);
            } else if self.seen.insert(v.clone(), ()).is_none() {
                self.names.push(v);
                self.patterns.push(pattern);
            }
        }
    }
}

impl Gazetteer {
    /// Parses the sources and builds the automaton.
    pub(crate) fn build(sources: &[GazetteerSource<'_>]) -> Result<Gazetteer, DetectError> {
        let mut b = Builder {
            actors: Vec::with_capacity(4096),
            patterns: Vec::with_capacity(8192),
            names: Vec::with_capacity(4096),
            words: FxMap::with_capacity_and_hasher(8192, Default::default()),
            seen: FxMap::with_capacity_and_hasher(8192, Default::default()),
        };
        for &(file, source) in sources {
            let bad = |line: usize, message: String| DetectError::Gazetteer {
                file: file.to_string(),
                line,
                message,
            };
            let entries: Vec<FastEntry<'_>> = match read_fast(source) {
                Some(e) => e,
                None => {
                    let parsed: File = toml::from_str(source).map_err(|e| {
                        bad(
                            e.span().map_or(1, |s| line_of(source, s.start)),
                            e.message().to_string(),
                        )
                    })?;
                    parsed
                        .actor
                        .into_iter()
                        .map(|e| FastEntry {
                            line: line_of(source, e.name.span().start),
                            name: Some((
                                Cow::Owned(e.name.get_ref().clone()),
                                line_of(source, e.name.span().start),
                            )),
                            label: Some((
                                Cow::Owned(e.label.get_ref().clone()),
                                line_of(source, e.label.span().start),
                            )),
                            aliases: e.aliases.into_iter().map(Cow::Owned).collect(),
                            demonyms: e.demonyms.into_iter().map(Cow::Owned).collect(),
                            capitals: e.capitals.into_iter().map(Cow::Owned).collect(),
                        })
                        .collect()
                }
            };
            for entry in entries {
                let (name, name_line) = entry
                    .name
                    .ok_or_else(|| bad(entry.line, "missing field `name`".to_string()))?;
                let (label, label_line) = entry
                    .label
                    .ok_or_else(|| bad(entry.line, "missing field `label`".to_string()))?;
                let label = Label::parse(&label).ok_or_else(|| {
                    bad(
                        label_line,
                        format!("unknown label {label:?} (Person, Organisation, Place or Date)"),
                    )
                })?;
                let name = name.trim();
                if name.is_empty() {
                    return Err(bad(name_line, "empty name".to_string()));
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
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .dense_depth(1)
            .build(&b.names)
            .map_err(|e| DetectError::Automaton(e.to_string()))?;
        Ok(Gazetteer {
            actors: b.actors,
            patterns: b.patterns,
            words: b.words,
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

    /// The label of the one-word name `w`, if the gazetteer has it.
    pub(crate) fn word_label(&self, w: &str) -> Option<Label> {
        self.words
            .get(w)
            .map(|p| self.actors[p.actor as usize].label)
    }

    /// Finds gazetteer names in the document's sentences: whole words only, longest
    /// first, not overlapping.
    pub(crate) fn find(&self, text: &str, doc: &Document<'_>) -> Vec<GazMatch> {
        let mut all: Vec<GazMatch> = Vec::new();
        let mut out = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            all.clear();
            for t in &doc.tokens[doc.sent_tokens[si].clone()] {
                if t.kind != Kind::Word {
                    continue;
                }
                let w = t.text(text);
                if let Some(p) = self.words.get(w) {
                    all.push(GazMatch {
                        start: t.start,
                        end: t.end,
                        pattern: *p,
                    });
                } else if w.contains('-') {
                    // "Russia-China": the parts.
                    let mut off = t.start;
                    for part in w.split('-') {
                        if let Some(p) = self.words.get(part) {
                            all.push(GazMatch {
                                start: off,
                                end: off + part.len(),
                                pattern: *p,
                            });
                        }
                        off += part.len() + 1;
                    }
                }
            }
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
