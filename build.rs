//! Build script: compiles the shipped gazetteer (`assets/gazetteer/*.toml`) and the word
//! lists (`assets/words/*.txt`) into static tables, written to `$OUT_DIR/gazetteer.rs`,
//! `$OUT_DIR/lexicon.rs` and `$OUT_DIR/word_sets.rs` and included by
//! `src/detect/gazetteer.rs`, `src/detect/lexicon.rs` and `src/word_sets.rs`. So
//! `Detector::builtin()` and the sentence splitter parse nothing and build nothing at run
//! time.
//!
//! Each word list is one file, read here only: the detector's lists are merged into the
//! lexicon (one map from word to flags, the files and flags in `src/detect/wordlists.rs`),
//! and the lists looked up one at a time (by the tokeniser and the sentence splitter) become
//! a function each ([`WORD_SETS`]); a file may be both (`months.txt`, `weekdays.txt`).
//!
//! It reads the files with the same code the library uses for user gazetteer files (the
//! modules below), so the tables hold exactly what a run-time compile would (a unit test
//! in `gazetteer.rs` checks it). A shipped gazetteer file that does not parse stops the
//! build with the file and line.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[allow(dead_code)]
#[path = "src/detect/words.rs"]
mod words;

#[allow(dead_code)]
#[path = "src/detect/gazdata.rs"]
mod gazdata;

#[allow(dead_code)]
#[path = "src/detect/wordlists.rs"]
mod wordlists;

/// The word lists `src/detect/words.rs` looks words up in, read from `assets/words/` (in
/// the library, `crate::word_sets` has them compiled).
mod word_sets {
    use super::WordSet;

    static ABBREVIATIONS: WordSet = WordSet::new("abbreviations");
    static MONTH_ABBREVIATIONS: WordSet = WordSet::new("month_abbreviations");
    static TLDS: WordSet = WordSet::new("tlds");

    pub(crate) fn abbreviations(w: &str) -> bool {
        ABBREVIATIONS.contains(w)
    }

    pub(crate) fn month_abbreviations(w: &str) -> bool {
        MONTH_ABBREVIATIONS.contains(w)
    }

    pub(crate) fn tlds(w: &str) -> bool {
        TLDS.contains(w)
    }
}

use gazdata::{Compiler, PatKind, Pattern};

/// The word lists compiled into a function each in `$OUT_DIR/word_sets.rs`: the file
/// `assets/words/{name}.txt` becomes `fn {name}(w: &str) -> bool`, a `matches!` over its
/// words (for these short lists, looked up a few times a sentence, faster than a
/// `phf::Set`: splitting alone ran 9% slower with them).
const WORD_SETS: &[&str] = &[
    // The tokeniser (src/detect/words.rs).
    "abbreviations",
    "month_abbreviations",
    "tlds",
    // The sentence splitter (src/document/sentences.rs).
    "intro_words",
    "months",
    "never_final",
    "numeric_prefixes",
    "postpositives",
    "sentence_starters",
    "small_words",
    "us_states",
    "weekdays",
];

/// The shipped gazetteer files, in priority order (as `BUILTIN_GAZETTEER` in
/// `src/detect/mod.rs`).
const GAZETTEER_FILES: &[&str] = &[
    "countries.toml",
    "organisations.toml",
    "people.toml",
    "places.toml",
];

/// Files of the library that the tables depend on.
const SOURCES: &[&str] = &[
    "src/detect/words.rs",
    "src/detect/gazdata.rs",
    "src/detect/wordlists.rs",
];

/// The path of the word list `name`.
fn word_file(name: &str) -> PathBuf {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    Path::new(&root).join(format!("assets/words/{name}.txt"))
}

/// Reads the word list `name` (and has the build rerun when it changes). A word listed
/// twice stops the build.
fn read_words(name: &str) -> String {
    let path = word_file(name);
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut seen = HashSet::new();
    for w in wordlists::words(&text) {
        assert!(
            seen.insert(w),
            "assets/words/{name}.txt: {w:?} is listed twice"
        );
    }
    text
}

/// A word list read at build time, for `src/detect/words.rs`.
struct WordSet {
    name: &'static str,
    words: OnceLock<HashSet<String>>,
}

impl WordSet {
    const fn new(name: &'static str) -> WordSet {
        WordSet {
            name,
            words: OnceLock::new(),
        }
    }

    fn contains(&self, w: &str) -> bool {
        self.words
            .get_or_init(|| {
                wordlists::words(&read_words(self.name))
                    .map(str::to_string)
                    .collect()
            })
            .contains(w)
    }
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let dir = Path::new(&root).join("assets/gazetteer");
    let read = |name: &str| {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    };
    for s in SOURCES {
        println!("cargo:rerun-if-changed={s}");
    }

    // The gazetteer.
    let mut compiler = Compiler::new(0);
    for file in GAZETTEER_FILES {
        let source = read(file);
        let parsed = gazdata::parse(&source).unwrap_or_else(|(line, message)| {
            panic!("assets/gazetteer/{file}, line {line}: {message}")
        });
        for entry in &parsed.actor {
            if let Err((line, message)) = compiler.entry(&source, entry) {
                panic!("assets/gazetteer/{file}, line {line}: {message}");
            }
        }
    }
    let compiled = compiler.finish();
    let mut code = String::from("// Generated by build.rs from assets/gazetteer: do not edit.\n\n");

    let mut names = String::new();
    let mut actors = String::new();
    for (name, label) in &compiled.actors {
        let (s, e) = push(&mut names, name);
        let _ = write!(actors, "({s}, {e}, Label::{label:?}),");
    }
    let _ = writeln!(code, "pub(super) static ACTOR_NAMES: &str = {names:?};");
    let _ = writeln!(
        code,
        "pub(super) static ACTORS: [(u32, u32, Label); {}] = [{actors}];",
        compiled.actors.len()
    );

    let words: Vec<(&str, String)> = compiled
        .words
        .iter()
        .map(|(w, p)| (w.as_str(), pattern(p)))
        .collect();
    code.push_str(&static_map("WORDS", "Pattern", &words));

    // Names of several words, grouped by first run, longest first.
    let mut groups: Vec<(&str, Vec<&(String, Pattern)>)> = Vec::new();
    let mut group_of = std::collections::HashMap::new();
    for m in &compiled.multi {
        let run = words::first_run(&m.0);
        assert!(
            !run.is_empty(),
            "assets/gazetteer: the name {:?} does not start with a letter or digit; \
             shipped names must",
            m.0
        );
        let g = *group_of.entry(run).or_insert_with(|| {
            groups.push((run, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(m);
    }
    let mut multi_names = String::new();
    let mut multi = String::new();
    let mut index = Vec::new();
    let mut first = [0u64; 256];
    let mut count = 0usize;
    for (run, mut names) in groups {
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        let a = count;
        for (name, p) in names {
            let (s, e) = push(&mut multi_names, name);
            let _ = write!(multi, "({s}, {e}, {}),", pattern(p));
            count += 1;
        }
        index.push((run, format!("({a}, {count})")));
        first[usize::from(run.as_bytes()[0])] |= 1 << run.len().min(63);
    }
    let _ = writeln!(
        code,
        "pub(super) static MULTI_NAMES: &str = {multi_names:?};"
    );
    let _ = writeln!(
        code,
        "pub(super) static MULTI: [(u32, u32, Pattern); {count}] = [{multi}];"
    );
    code.push_str(&static_map("MULTI_INDEX", "(u32, u32)", &index));
    let _ = writeln!(code, "pub(super) static FIRST: [u64; 256] = {first:?};");
    write(&out, "gazetteer.rs", &code);

    // The word lists: the lexicon, then the sets.
    let texts: Vec<(&str, String)> = wordlists::LISTS
        .iter()
        .map(|&(name, _)| name)
        .chain(WORD_SETS.iter().copied())
        .map(|name| (name, read_words(name)))
        .collect();
    let text = |name: &str| {
        texts
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.as_str())
            .expect("a listed file")
    };
    let entries: Vec<(&str, String)> = wordlists::entries(text)
        .into_iter()
        .map(|(w, f)| (w, format!("Flags::from_bits_retain({:#x})", f.bits())))
        .collect();
    let code = format!(
        "// Generated by build.rs from assets/words (the files of src/detect/wordlists.rs): do \
         not edit.\n\n{}",
        static_map("LEXICON", "Flags", &entries)
    );
    write(&out, "lexicon.rs", &code);

    let mut code = String::from("// Generated by build.rs from assets/words: do not edit.\n");
    for &name in WORD_SETS {
        let words: Vec<String> = wordlists::words(text(name))
            .map(|w| format!("{w:?}"))
            .collect();
        assert!(!words.is_empty(), "assets/words/{name}.txt: no words");
        let _ = write!(
            code,
            "\n/// Whether `w` is listed in `assets/words/{name}.txt`.\n#[inline]\n\
             pub(crate) fn {name}(w: &str) -> bool {{\n    matches!(w, {})\n}}\n",
            words.join(" | ")
        );
    }
    write(&out, "word_sets.rs", &code);

    // Every word list is used.
    let words_dir = Path::new(&root).join("assets/words");
    println!("cargo:rerun-if-changed={}", words_dir.display());
    for entry in std::fs::read_dir(&words_dir).expect("assets/words") {
        let path = entry.expect("assets/words").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            assert!(
                texts.iter().any(|(n, _)| *n == stem),
                "{}: not used (add it to LISTS in src/detect/wordlists.rs or WORD_SETS in \
                 build.rs)",
                path.display()
            );
        }
    }
}

/// Appends `s` to `blob`; returns its start and end.
fn push(blob: &mut String, s: &str) -> (usize, usize) {
    let start = blob.len();
    blob.push_str(s);
    (start, blob.len())
}

/// A pattern as Rust source.
fn pattern(p: &Pattern) -> String {
    let kind = match p.kind {
        PatKind::Name => "PatKind::Name".to_string(),
        PatKind::Demonym => "PatKind::Demonym".to_string(),
        PatKind::Capital { city } => format!("PatKind::Capital {{ city: {city} }}"),
    };
    format!("Pattern {{ actor: {}, kind: {kind} }}", p.actor)
}

/// A `phf::Map` named `name` from distinct keys to values (as Rust source), laid out by
/// `phf_codegen`.
fn static_map(name: &str, ty: &str, entries: &[(&str, String)]) -> String {
    let mut map = phf_codegen::Map::new();
    for (k, v) in entries {
        map.entry(*k, v.as_str());
    }
    format!(
        "pub(super) static {name}: phf::Map<&'static str, {ty}> = {};\n",
        map.build()
    )
}

/// Writes `code` to `$OUT_DIR/name`.
fn write(out: &str, name: &str, code: &str) {
    let path = Path::new(out).join(name);
    std::fs::write(&path, code).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
