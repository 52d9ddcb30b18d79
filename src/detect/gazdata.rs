//! The gazetteer's data model and compiler: reads gazetteer files in their usual layout and
//! turns entries into actors and names. Shared by the library (user gazetteer files, at
//! run time) and the build script (the shipped files, compiled into static tables): this
//! module uses nothing outside itself but `words`.

use std::borrow::Cow;
use std::collections::HashSet;

use super::words::is_one_word;

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

/// What a name in the gazetteer stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PatKind {
    /// A name or alias of the actor.
    Name,
    /// A demonym of a country ("Russian"): not an actor alone.
    Demonym,
    /// A capital: the country's government, or the city `city` when used as a place.
    Capital {
        /// Index of the city's actor.
        city: u32,
    },
}

/// One name of the gazetteer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pattern {
    /// Index of the actor.
    pub actor: u32,
    /// What the name stands for.
    pub kind: PatKind,
}

/// An entry read by the fast reader: fields with their 1-based line.
pub(crate) struct FastEntry<'s> {
    /// Line of the `[[actor]]` header.
    pub line: usize,
    /// `name` and its line.
    pub name: Option<(Cow<'s, str>, usize)>,
    /// `label` and its line.
    pub label: Option<(Cow<'s, str>, usize)>,
    /// `aliases`.
    pub aliases: Vec<Cow<'s, str>>,
    /// `demonyms`.
    pub demonyms: Vec<Cow<'s, str>>,
    /// `capitals`.
    pub capitals: Vec<Cow<'s, str>>,
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
pub(crate) fn read_fast(source: &str) -> Option<Vec<FastEntry<'_>>> {
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

/// A compiled gazetteer: its actors and names.
#[derive(Default)]
pub(crate) struct Compiled {
    /// Actors (canonical name, label); actor `i` has index `base + i`.
    pub actors: Vec<(String, Label)>,
    /// Names of one word (as the tokeniser cuts words), each once: the first entry wins.
    pub words: Vec<(String, Pattern)>,
    /// Names of several words, each once: the first entry wins.
    pub multi: Vec<(String, Pattern)>,
}

/// Turns entries into a [`Compiled`] gazetteer.
pub(crate) struct Compiler {
    base: u32,
    out: Compiled,
    words: HashSet<String>,
    multi: HashSet<String>,
}

impl Compiler {
    /// A compiler whose first actor gets index `base`.
    pub(crate) fn new(base: u32) -> Compiler {
        Compiler {
            base,
            out: Compiled::default(),
            words: HashSet::new(),
            multi: HashSet::new(),
        }
    }

    /// Adds an actor; returns its index.
    pub(crate) fn actor(&mut self, name: &str, label: Label) -> u32 {
        self.out.actors.push((name.to_string(), label));
        self.base + (self.out.actors.len() - 1) as u32
    }

    /// Adds a name (and its spelling with a curly apostrophe) unless it is taken.
    pub(crate) fn pattern(&mut self, name: &str, actor: u32, kind: PatKind) {
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
            if is_one_word(&v) {
                if self.words.insert(v.clone()) {
                    self.out.words.push((v, pattern));
                }
            } else if self.multi.insert(v.clone()) {
                self.out.multi.push((v, pattern));
            }
        }
    }

    /// Adds one `[[actor]]` entry; an error is a line and a message.
    pub(crate) fn entry(&mut self, entry: &FastEntry<'_>) -> Result<(), (usize, String)> {
        let (name, name_line) = entry
            .name
            .as_ref()
            .ok_or_else(|| (entry.line, "missing field `name`".to_string()))?;
        let (label, label_line) = entry
            .label
            .as_ref()
            .ok_or_else(|| (entry.line, "missing field `label`".to_string()))?;
        let label = Label::parse(label).ok_or_else(|| {
            (
                *label_line,
                format!("unknown label {label:?} (Person, Organisation, Place or Date)"),
            )
        })?;
        let name = name.trim();
        if name.is_empty() {
            return Err((*name_line, "empty name".to_string()));
        }
        let actor = self.actor(name, label);
        self.pattern(name, actor, PatKind::Name);
        for a in &entry.aliases {
            self.pattern(a, actor, PatKind::Name);
        }
        for d in &entry.demonyms {
            self.pattern(d, actor, PatKind::Demonym);
        }
        for c in &entry.capitals {
            let city = self.actor(c.trim(), Label::Place);
            self.pattern(c, actor, PatKind::Capital { city });
        }
        Ok(())
    }

    /// The compiled gazetteer.
    pub(crate) fn finish(self) -> Compiled {
        self.out
    }
}
