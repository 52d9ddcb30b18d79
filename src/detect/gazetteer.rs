//! The gazetteer: known actors and their names, in layers looked up in order. The shipped
//! gazetteer is compiled at build time (`build.rs`) into static tables that cost nothing to
//! load; user files and learned actors are compiled at run time into hash maps.
//!
//! Names of one word are looked up token by token. A name of several words is looked up
//! by its first run of alphanumeric characters ("Xi" for "Xi Jinping", "U" for "U.S.
//! Army") at every such run of the text that does not follow an alphanumeric character,
//! then compared in full; it must end at a word boundary too.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use super::gazdata::{Compiled, Compiler, parse};
use super::lexicon::FxMap;
use super::tokens::{Document, Kind};
use super::words::first_run;
use super::{DetectError, GazetteerSource, Label};

pub(crate) use super::gazdata::{PatKind, Pattern};

/// The shipped gazetteer, compiled by the build script.
mod builtin {
    use super::super::gazdata::{Label, PatKind, Pattern};
    include!(concat!(env!("OUT_DIR"), "/gazetteer.rs"));
}

/// A known actor.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Actor<'g> {
    /// Canonical name.
    pub name: &'g str,
    /// Kind.
    pub label: Label,
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

/// The bit of a first run's length in the filter of its first byte.
#[inline]
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// A gazetteer compiled at run time.
struct Dynamic {
    /// Index of the first actor.
    base: u32,
    actors: Vec<(Box<str>, Label)>,
    /// One-word names.
    words: FxMap<Box<str>, Pattern>,
    /// Names of several words by their first run, longest first.
    multi: FxMap<Box<str>, Vec<(Box<str>, Pattern)>>,
    /// Names of several words that do not start with an alphanumeric character.
    odd: Vec<(Box<str>, Pattern)>,
    /// For each first byte of a first run, the bits of the runs' lengths.
    first: Box<[u64; 256]>,
}

impl Dynamic {
    fn new(base: u32, c: Compiled) -> Dynamic {
        let mut words = FxMap::with_capacity_and_hasher(c.words.len(), Default::default());
        for (w, p) in c.words {
            words.insert(w.into_boxed_str(), p);
        }
        let mut multi: FxMap<Box<str>, Vec<(Box<str>, Pattern)>> = FxMap::default();
        let mut odd = Vec::new();
        let mut first = Box::new([0u64; 256]);
        for (name, p) in c.multi {
            let run = first_run(&name);
            if run.is_empty() {
                odd.push((name.into_boxed_str(), p));
                continue;
            }
            first[usize::from(run.as_bytes()[0])] |= len_bit(run.len());
            multi
                .entry(run.into())
                .or_default()
                .push((name.into_boxed_str(), p));
        }
        for names in multi.values_mut() {
            names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        }
        Dynamic {
            base,
            actors: c
                .actors
                .into_iter()
                .map(|(n, l)| (n.into_boxed_str(), l))
                .collect(),
            words,
            multi,
            odd,
            first,
        }
    }
}

/// One layer of the gazetteer.
#[derive(Clone)]
enum Layer {
    /// The shipped gazetteer (actors from 0).
    Builtin,
    /// User files or learned actors.
    Dynamic(Arc<Dynamic>),
}

impl Layer {
    fn base(&self) -> u32 {
        match self {
            Layer::Builtin => 0,
            Layer::Dynamic(d) => d.base,
        }
    }

    fn actor_count(&self) -> usize {
        match self {
            Layer::Builtin => builtin::ACTORS.len(),
            Layer::Dynamic(d) => d.actors.len(),
        }
    }

    fn actor(&self, local: usize) -> Actor<'_> {
        match self {
            Layer::Builtin => {
                let (s, e, label) = builtin::ACTORS[local];
                Actor {
                    name: &builtin::ACTOR_NAMES[s as usize..e as usize],
                    label,
                }
            }
            Layer::Dynamic(d) => {
                let (name, label) = &d.actors[local];
                Actor {
                    name,
                    label: *label,
                }
            }
        }
    }

    #[inline]
    fn word(&self, w: &str) -> Option<Pattern> {
        match self {
            Layer::Builtin => builtin::WORDS.get(w).copied(),
            Layer::Dynamic(d) => d.words.get(w).copied(),
        }
    }

    /// Pushes the one-word names among the sentence's tokens.
    fn find_words(&self, text: &str, doc: &Document<'_>, si: usize, all: &mut Vec<GazMatch>) {
        for t in &doc.tokens[doc.sent_tokens[si].clone()] {
            if t.kind != Kind::Word {
                continue;
            }
            let w = t.text(text);
            if let Some(p) = self.word(w) {
                all.push(GazMatch {
                    start: t.start,
                    end: t.end,
                    pattern: p,
                });
            } else if w.contains('-') {
                // "Russia-China": the parts.
                let mut off = t.start;
                for part in w.split('-') {
                    if let Some(p) = self.word(part) {
                        all.push(GazMatch {
                            start: off,
                            end: off + part.len(),
                            pattern: p,
                        });
                    }
                    off += part.len() + 1;
                }
            }
        }
    }

    /// Pushes, for each run of alphanumeric characters in `s` that does not follow one,
    /// the longest name of several words that starts there and ends at a word boundary.
    fn find_multi(&self, text: &str, s: &Range<usize>, all: &mut Vec<GazMatch>) {
        let first: &[u64; 256] = match self {
            Layer::Builtin => &builtin::FIRST,
            Layer::Dynamic(d) => &d.first,
        };
        let bytes = text.as_bytes();
        let mut prev_alnum = text[..s.start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let mut i = s.start;
        while i < s.end {
            let b = bytes[i];
            let (alnum, len) = if b < 0x80 {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                match text[i..].chars().next() {
                    Some(c) => (c.is_alphanumeric(), c.len_utf8()),
                    None => break,
                }
            };
            if !alnum || prev_alnum {
                prev_alnum = alnum;
                i += len;
                continue;
            }
            // A run starts at i: find its end.
            let mut j = i + len;
            while j < bytes.len() {
                let b = bytes[j];
                if b < 0x80 {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    j += 1;
                } else {
                    match text[j..].chars().next() {
                        Some(c) if c.is_alphanumeric() => j += c.len_utf8(),
                        _ => break,
                    }
                }
            }
            if first[usize::from(b)] & len_bit(j - i) != 0 {
                self.longest_at(text, s.end, i, &text[i..j], all);
            }
            prev_alnum = true;
            i = j;
        }
        if let Layer::Dynamic(d) = self {
            for (name, p) in &d.odd {
                let hay = &text[s.clone()];
                let step = name.chars().next().map_or(1, char::len_utf8);
                let mut from = 0;
                while let Some(k) = hay[from..].find(&**name) {
                    let start = s.start + from + k;
                    let end = start + name.len();
                    let before_ok = text[..start]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric());
                    if before_ok && boundary_after(text, end) {
                        all.push(GazMatch {
                            start,
                            end,
                            pattern: *p,
                        });
                    }
                    from += k + step;
                }
            }
        }
    }

    /// Pushes the longest name of several words whose first run is `run`, at `start`.
    fn longest_at(
        &self,
        text: &str,
        limit: usize,
        start: usize,
        run: &str,
        all: &mut Vec<GazMatch>,
    ) {
        let rest = &text.as_bytes()[start..limit];
        let mut try_name = |name: &str, p: Pattern| {
            if rest.starts_with(name.as_bytes()) && boundary_after(text, start + name.len()) {
                all.push(GazMatch {
                    start,
                    end: start + name.len(),
                    pattern: p,
                });
                true
            } else {
                false
            }
        };
        match self {
            Layer::Builtin => {
                if let Some(&(a, b)) = builtin::MULTI_INDEX.get(run) {
                    for &(s, e, p) in &builtin::MULTI[a as usize..b as usize] {
                        if try_name(&builtin::MULTI_NAMES[s as usize..e as usize], p) {
                            return;
                        }
                    }
                }
            }
            Layer::Dynamic(d) => {
                if let Some(names) = d.multi.get(run) {
                    for (name, p) in names {
                        if try_name(name, *p) {
                            return;
                        }
                    }
                }
            }
        }
    }
}

/// Is there no alphanumeric character right after byte `end`?
#[inline]
fn boundary_after(text: &str, end: usize) -> bool {
    text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// The gazetteer: layers looked up in order, the first that knows a name wins.
#[derive(Clone)]
pub(crate) struct Gazetteer {
    layers: Vec<Layer>,
}

/// Reads gazetteer files into `compiler`; errors name the file and line.
fn compile_sources(
    compiler: &mut Compiler,
    sources: &[GazetteerSource<'_>],
) -> Result<(), DetectError> {
    for &(file, source) in sources {
        let bad = |line: usize, message: String| DetectError::Gazetteer {
            file: file.to_string(),
            line,
            message,
        };
        let mut file = parse(source).map_err(|(line, message)| bad(line, message))?;
        // TOML escapes (\u001b) can spell what a raw file cannot hold.
        let clean = |s: &mut String| {
            if let Cow::Owned(c) = crate::text::clean::clean(s) {
                *s = c;
            }
        };
        for e in &mut file.actor {
            clean(e.name.get_mut());
            clean(e.label.get_mut());
            e.aliases
                .iter_mut()
                .chain(&mut e.demonyms)
                .chain(&mut e.capitals)
                .for_each(clean);
        }
        for entry in &file.actor {
            compiler
                .entry(source, entry)
                .map_err(|(line, message)| bad(line, message))?;
        }
    }
    Ok(())
}

impl Gazetteer {
    /// The shipped gazetteer: static tables, nothing to build.
    pub(crate) fn builtin() -> Gazetteer {
        Gazetteer {
            layers: vec![Layer::Builtin],
        }
    }

    /// A gazetteer of these files only.
    pub(crate) fn build(sources: &[GazetteerSource<'_>]) -> Result<Gazetteer, DetectError> {
        let mut compiler = Compiler::new(0);
        compile_sources(&mut compiler, sources)?;
        Ok(Gazetteer {
            layers: vec![Layer::Dynamic(Arc::new(Dynamic::new(0, compiler.finish())))],
        })
    }

    /// This gazetteer with `sources` in front: their names win over this one's.
    pub(crate) fn with_files(
        &self,
        sources: &[GazetteerSource<'_>],
    ) -> Result<Gazetteer, DetectError> {
        if sources.is_empty() {
            return Ok(self.clone());
        }
        let base = self.next_base();
        let mut compiler = Compiler::new(base);
        compile_sources(&mut compiler, sources)?;
        Ok(self.with_layer(base, compiler.finish()))
    }

    /// This gazetteer with `actors` (one name each) in front: their names win.
    pub(crate) fn with_actors(&self, actors: &[(String, Label)]) -> Gazetteer {
        if actors.is_empty() {
            return self.clone();
        }
        let base = self.next_base();
        let mut compiler = Compiler::new(base);
        for (name, label) in actors {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let actor = compiler.actor(name, *label);
            compiler.pattern(name, actor, PatKind::Name);
        }
        self.with_layer(base, compiler.finish())
    }

    fn with_layer(&self, base: u32, compiled: Compiled) -> Gazetteer {
        let mut layers = Vec::with_capacity(self.layers.len() + 1);
        layers.push(Layer::Dynamic(Arc::new(Dynamic::new(base, compiled))));
        layers.extend(self.layers.iter().cloned());
        Gazetteer { layers }
    }

    /// The index the next layer's first actor gets.
    fn next_base(&self) -> u32 {
        self.layers
            .iter()
            .map(|l| l.base() + l.actor_count() as u32)
            .max()
            .unwrap_or(0)
    }

    /// The number of actors.
    pub(crate) fn actor_count(&self) -> usize {
        self.layers.iter().map(Layer::actor_count).sum()
    }

    /// The actor with index `i`.
    pub(crate) fn actor(&self, i: u32) -> Actor<'_> {
        for l in &self.layers {
            let base = l.base();
            if i >= base && ((i - base) as usize) < l.actor_count() {
                return l.actor((i - base) as usize);
            }
        }
        Actor {
            name: "",
            label: Label::Person,
        }
    }

    /// The label of the one-word name `w`, if the gazetteer has it.
    pub(crate) fn word_label(&self, w: &str) -> Option<Label> {
        self.layers
            .iter()
            .find_map(|l| l.word(w))
            .map(|p| self.actor(p.actor).label)
    }

    /// Finds gazetteer names in the document's sentences: whole words only, longest
    /// first, not overlapping; of two layers with the same name, the first wins.
    pub(crate) fn find(&self, text: &str, doc: &Document<'_>) -> Vec<GazMatch> {
        let mut all: Vec<GazMatch> = Vec::new();
        let mut out = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            all.clear();
            for l in &self.layers {
                l.find_words(text, doc, si, &mut all);
                l.find_multi(text, s, &mut all);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The static tables hold what the run-time compiler makes of the shipped files.
    #[test]
    fn builtin_tables_match_runtime_compile() {
        let mut compiler = Compiler::new(0);
        compile_sources(&mut compiler, super::super::BUILTIN_GAZETTEER).unwrap();
        let c = compiler.finish();
        let g = Gazetteer::builtin();
        assert_eq!(g.actor_count(), c.actors.len());
        for (i, (name, label)) in c.actors.iter().enumerate() {
            let a = g.actor(i as u32);
            assert_eq!((a.name, a.label), (name.as_str(), *label));
        }
        assert_eq!(builtin::WORDS.len(), c.words.len());
        for (w, p) in &c.words {
            assert_eq!(builtin::WORDS.get(w), Some(p), "{w}");
        }
        assert_eq!(builtin::MULTI.len(), c.multi.len());
        let d = Dynamic::new(0, c);
        assert!(d.odd.is_empty());
        assert_eq!(builtin::MULTI_INDEX.len(), d.multi.len());
        for (run, names) in &d.multi {
            let &(a, b) = builtin::MULTI_INDEX.get(run.as_ref()).unwrap();
            let got: Vec<(&str, usize)> = builtin::MULTI[a as usize..b as usize]
                .iter()
                .map(|&(s, e, _)| {
                    let n = &builtin::MULTI_NAMES[s as usize..e as usize];
                    (n, n.len())
                })
                .collect();
            let mut want: Vec<(&str, usize)> = names.iter().map(|(n, _)| (&**n, n.len())).collect();
            let mut got_sorted = got.clone();
            got_sorted.sort();
            want.sort();
            assert_eq!(got_sorted, want, "{run}");
            assert!(
                got.windows(2).all(|w| w[0].1 >= w[1].1),
                "{run}: longest first"
            );
        }
        assert_eq!(builtin::FIRST, *d.first);
    }
}
