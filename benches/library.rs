//! The library at 1,000, 10,000, 100,000 and 1,000,000 articles, so that the curve shows in
//! one run: rebuilding its index from the files, opening it to its first frame, a key and a
//! letter of the filter to their frames, a search's first screen of results (claims by an
//! actor, mentions of one, words of the text), and recording an article just opened.
//!
//! Run: `cargo bench --bench library` (the first run writes the libraries, about 4 GB, into
//! target/bench-libraries/, and later runs reuse them); `GLOSS_BENCH_MAX=100000` stops at
//! that size.

mod support;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use divan::Bencher;
use gloss::annotation::file::{self, Header};
use gloss::annotation::{Annotation, AnnotationSet, Kind};
use gloss::library::{Library, SearchQuery, article_id};
use gloss::text::offsets::CharIndex;

fn main() {
    divan::main();
}

const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

/// Characters of each article's text (a Wikinews article is about this long).
const ARTICLE_CHARS: usize = 2_500;

/// The library folder of `count` articles, written on first use: Wikinews articles (one of
/// the 171 after another), each with its capitalised words tagged as actors (up to 12) and
/// its first sentence as a claim by the first of them, with entry files opened one second
/// apart.
fn library_dir(count: usize) -> Option<PathBuf> {
    let max: usize = std::env::var("GLOSS_BENCH_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX);
    if count > max {
        return None;
    }
    static WRITTEN: Mutex<()> = Mutex::new(());
    let _one_at_a_time = WRITTEN.lock().unwrap();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-libraries")
        .join(count.to_string());
    // Beside the folder: a file written into it would change its stamp, and the next open
    // would check every file.
    let done = dir.with_extension("complete");
    if done.exists() {
        return Some(dir);
    }
    std::fs::create_dir_all(&dir).unwrap();
    let texts = support::wikinews_texts();
    let start = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    for i in 0..count {
        let text: String = texts[i % texts.len()].chars().take(ARTICLE_CHARS).collect();
        let source = format!("https://en.wikinews.org/wiki/article_{i}");
        let title = format!("{} ({i})", text.lines().next().unwrap_or_default());
        let annotated = build(&source, &title, &text);
        let id = article_id(&source);
        std::fs::write(
            dir.join(format!("{id}.gloss.json")),
            file::to_json(&annotated),
        )
        .unwrap();
        let opened = gloss::library::stamp(start + jiff::SignedDuration::from_secs(i as i64));
        let mut entry = gloss::library::Entry::from_file(&id, &annotated, &opened);
        entry.feed = (i % 3 == 0).then(|| "Wikinews".to_string());
        std::fs::write(
            dir.join(format!("{id}.entry.json")),
            serde_json::to_vec(&entry).unwrap(),
        )
        .unwrap();
    }
    let progress = |_, _| {};
    Library::open_with(&dir, &progress).unwrap();
    std::fs::write(&done, b"").unwrap();
    Some(dir)
}

fn build(source: &str, title: &str, text: &str) -> file::AnnotationFile {
    let chars = CharIndex::new(text);
    let mut set = AnnotationSet::new();
    let words = text
        .match_indices(|c: char| c.is_ascii_uppercase())
        .filter(|(at, _)| *at == 0 || text[..*at].ends_with(' '));
    let mut first = None;
    for (start, _) in words.take(12) {
        let len = text[start..]
            .find([' ', ',', '.', '\n'])
            .unwrap_or(text.len() - start);
        let id = set.fresh_id();
        first.get_or_insert(id.clone());
        set.insert(annotation(id, Kind::Entity, start..start + len, None));
    }
    let end = text.find(". ").map_or(text.len(), |e| e + 1);
    let id = set.fresh_id();
    set.insert(annotation(id, Kind::Claim, 0..end, first));
    let header = Header {
        source,
        title,
        text,
        chars: &chars,
    };
    file::build(header, &set, &[], &[])
}

fn annotation(
    id: String,
    kind: Kind,
    range: std::ops::Range<usize>,
    speaker: Option<String>,
) -> Annotation {
    Annotation {
        id,
        kind,
        label: "Person".into(),
        range,
        actor: None,
        speaker,
        note: None,
        created: "2026-01-01T00:00:00Z".into(),
        modified: "2026-01-01T00:00:00Z".into(),
    }
}

/// Making the index again from every file (`gloss index --rebuild`).
#[divan::bench(args = SIZES, sample_count = 1, sample_size = 1)]
fn rebuild_index(bencher: Bencher, count: usize) {
    let Some(dir) = library_dir(count) else {
        return;
    };
    let mut library = Library::open(&dir).unwrap();
    bencher.bench_local(|| {
        let checked = library.reindex(true, &|_, _| {}).unwrap();
        assert_eq!(checked.indexed, count);
    });
}

/// A shell showing the library view.
fn library_shell(dir: &Path) -> gloss::tui::Shell {
    let config = gloss::config::Config::default();
    let ctx = gloss::tui::shell::Context {
        keymap: gloss::keymap::Keymap::with_overrides(&config.keys),
        config,
        dirs: gloss::config::paths::Dirs::under(dir),
        library: Some(Library::open(dir).unwrap()),
        annotations: None,
    };
    let screen = gloss::tui::Shell::library_screen(&ctx).unwrap();
    gloss::tui::Shell::new(ctx, screen)
}

/// `gloss`: the library opened, the view built and its first frame drawn at 120x40.
#[divan::bench(args = SIZES, sample_count = 20)]
fn open_to_first_frame(bencher: Bencher, count: usize) {
    let Some(dir) = library_dir(count) else {
        return;
    };
    bencher.bench_local(|| {
        let mut shell = library_shell(&dir);
        gloss::tui::screen::render_shell(&mut shell, 120, 40)
    });
}

/// A key in the library view to its redrawn frame at 120x40: `j` down a row, `G` to the
/// last row and `g` back, and one letter of a filter typed and taken back (the letter
/// "w" matches a third of the articles through a scan; "wiki" matches every one through the
/// trigram index; "treaty" a few).
#[divan::bench(args = SIZES, consts = [0, 1, 2, 3, 4], sample_count = 20)]
fn key_to_frame<const KEY: usize>(bencher: Bencher, count: usize) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let Some(dir) = library_dir(count) else {
        return;
    };
    let mut shell = library_shell(&dir);
    let press = |shell: &mut gloss::tui::Shell, code| {
        shell.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    };
    let typed = match KEY {
        2 => "",
        3 => "wik",
        4 => "treat",
        _ => "",
    };
    if KEY >= 2 {
        press(&mut shell, KeyCode::Char('/'));
        for c in typed.chars() {
            press(&mut shell, KeyCode::Char(c));
        }
    }
    gloss::tui::screen::render_shell(&mut shell, 120, 40);
    let mut step = 0usize;
    bencher.bench_local(|| {
        step += 1;
        let key = match (KEY, step % 2) {
            (0, _) => KeyCode::Char('j'),
            (1, 1) => KeyCode::Char('G'),
            (1, _) => KeyCode::Char('g'),
            (2 | 3, 1) => KeyCode::Char('w'),
            (4, 1) => KeyCode::Char('y'),
            _ => KeyCode::Backspace,
        };
        press(&mut shell, key);
        gloss::tui::screen::render_shell(&mut shell, 120, 40)
    });
}

/// The first screen (40 hits) of a search: claims by an actor (in this generated library the
/// first capitalised word of an article speaks its claim: "Monday", for a fifth of them),
/// mentions of one ("Police", tagged in one article in 30) and a phrase of the text.
#[divan::bench(args = SIZES, consts = [0, 1, 2], sample_count = 20)]
fn search_first_screen<const QUERY: usize>(bencher: Bencher, count: usize) {
    let Some(dir) = library_dir(count) else {
        return;
    };
    let library = Library::open(&dir).unwrap();
    let typed = [
        "claims by Monday",
        "mentions of Police",
        "says 'the police'",
    ][QUERY];
    let query = SearchQuery::parse(typed).unwrap();
    assert!(!library.search(&query, 40).unwrap().is_empty(), "{typed}");
    bencher.bench_local(|| library.search(&query, 40).unwrap().len());
}

/// Recording an article just opened (its entry file written and fsynced, its rows and
/// spans indexed): what leaving an article costs the library.
#[divan::bench(args = SIZES, sample_count = 20)]
fn record_opened_article(bencher: Bencher, count: usize) {
    let Some(dir) = library_dir(count) else {
        return;
    };
    let mut library = Library::open(&dir).unwrap();
    let entry = library.page(count / 2, 1)[0].clone();
    let annotated = library.load_article(&entry.id).unwrap();
    let path = library.article_path(&entry.id);
    bencher.bench_local(|| {
        library
            .record(&path, &annotated, gloss::library::ArticleMeta::default())
            .unwrap()
    });
}
