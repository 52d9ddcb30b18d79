//! The gazetteer's data model and compiler: reads gazetteer files (TOML, with `serde` and
//! `toml`) and turns entries into actors and names. Shared by the library (user gazetteer
//! files, at run time) and the build script (the shipped files, compiled into static
//! tables): this module uses nothing of the library outside itself but `words`.

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

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

/// One gazetteer file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct File {
    /// Its `[[actor]]` tables.
    #[serde(default)]
    pub actor: Vec<Entry>,
}

/// One `[[actor]]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    /// The canonical name, with where it is in the file.
    pub name: Spanned<String>,
    /// The label, with where it is in the file.
    pub label: Spanned<String>,
    /// Other names of the actor.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Demonyms of a country ("Russian").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Capitals of a country: each is the country's government, and a place of its own.
    #[serde(default)]
    pub capitals: Vec<String>,
}

/// The 1-based line of byte `offset` of `source`.
pub(crate) fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Reads a gazetteer file; an error is a 1-based line and a message.
pub(crate) fn parse(source: &str) -> Result<File, (usize, String)> {
    toml::from_str(source).map_err(|e| {
        (
            e.span().map_or(1, |s| line_of(source, s.start)),
            e.message().to_string(),
        )
    })
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

    /// Adds one `[[actor]]` entry of the file `source`; an error is a line and a message.
    pub(crate) fn entry(&mut self, source: &str, entry: &Entry) -> Result<(), (usize, String)> {
        let label = Label::parse(entry.label.get_ref()).ok_or_else(|| {
            (
                line_of(source, entry.label.span().start),
                format!(
                    "unknown label {:?} (Person, Organisation, Place or Date)",
                    entry.label.get_ref()
                ),
            )
        })?;
        let name = entry.name.get_ref().trim();
        if name.is_empty() {
            return Err((
                line_of(source, entry.name.span().start),
                "empty name".to_string(),
            ));
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
