//! The library view with 10,000 articles: opening it to its list (budget 200 ms), filtering it
//! as one keypress does (budget 2 ms), rebuilding a lost index, recording an opened article,
//! and searching every annotation for one actor's claims.
//!
//! Run: `cargo bench --bench library`

mod support;

use std::path::Path;
use std::sync::LazyLock;

use divan::Bencher;
use gloss::annotation::file::{self, Header};
use gloss::annotation::{Annotation, AnnotationSet, Kind};
use gloss::library::{Library, SearchQuery};
use gloss::text::offsets::CharIndex;

fn main() {
    divan::main();
}

const ARTICLES: usize = 10_000;

/// A library folder of 10,000 Wikinews articles, each with its capitalised words tagged as
/// actors (up to 12) and its first sentence as a claim by the first of them.
static LIBRARY: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let texts = support::wikinews_texts();
    for i in 0..ARTICLES {
        let text: String = texts[i % texts.len()].chars().take(3_000).collect();
        let source = format!("https://en.wikinews.org/wiki/article_{i}");
        let title = text.lines().next().unwrap_or_default().to_string();
        let json = file::to_json(&build(&source, &title, &text));
        let id = gloss::library::article_id(&source);
        std::fs::write(dir.path().join(format!("{id}.gloss.json")), json).unwrap();
    }
    drop(Library::open(dir.path()).unwrap());
    dir
});

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

fn library_dir() -> &'static Path {
    LIBRARY.path()
}

#[divan::bench]
fn open_10000_to_list(bencher: Bencher) {
    let dir = library_dir();
    assert_eq!(Library::open(dir).unwrap().entries().len(), ARTICLES);
    bencher.bench(|| Library::open(dir).unwrap());
}

#[divan::bench(args = ["p", "putin", "wikinews.org/wiki/article_99"])]
fn filter_10000(bencher: Bencher, query: &str) {
    let library = Library::open(library_dir()).unwrap();
    bencher.bench_local(|| library.filter(divan::black_box(query)).len());
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn rebuild_lost_index_10000(bencher: Bencher) {
    let dir = library_dir();
    bencher
        .with_inputs(|| {
            gloss::library::db::remove(
                &dir.join(gloss::library::INDEX_DIR)
                    .join(gloss::library::db::DB_FILE),
            )
            .unwrap()
        })
        .bench_values(|()| Library::open(dir).unwrap());
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn record_opened_article_10000(bencher: Bencher) {
    let mut library = Library::open(library_dir()).unwrap();
    let entry = library.page(ARTICLES / 2, 1)[0].clone();
    bencher.bench_local(|| {
        let mut entry = entry.clone();
        entry.last_opened = gloss::annotation::model::now();
        library.add_or_update(entry).unwrap();
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn search_claims_by_10000(bencher: Bencher) {
    let library = Library::open(library_dir()).unwrap();
    let query = SearchQuery::parse("claims by The").unwrap();
    bencher.bench_local(|| library.search(&query, usize::MAX).unwrap().len());
}

/// A shell showing the library view over the 10,000 articles.
fn library_shell(library: Library) -> gloss::tui::Shell {
    let root = library_dir();
    let config = gloss::config::Config::default();
    let ctx = gloss::tui::shell::Context {
        keymap: gloss::keymap::Keymap::with_overrides(&config.keys),
        config,
        dirs: gloss::config::paths::Dirs::under(root),
        library: Some(library),
        annotations: None,
    };
    let screen = gloss::tui::Shell::library_screen(&ctx).unwrap();
    gloss::tui::Shell::new(ctx, screen)
}

/// `gloss` with 10,000 articles: the library read, the view built and its first frame drawn
/// at 120x40 (budget 200 ms).
#[divan::bench]
fn open_10000_to_first_frame(bencher: Bencher) {
    let dir = library_dir();
    bencher.bench_local(|| {
        let mut shell = library_shell(Library::open(dir).unwrap());
        gloss::tui::screen::render_shell(&mut shell, 120, 40)
    });
}

/// A keypress in the library view of 10,000 articles to its redrawn frame at 120x40
/// (budget 2 ms): moving down a row, and typing one more letter of a filter.
#[divan::bench(args = ["j", "filter"])]
fn keypress_in_10000_to_frame(bencher: Bencher, what: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut shell = library_shell(Library::open(library_dir()).unwrap());
    let press = |shell: &mut gloss::tui::Shell, code| {
        shell.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    };
    if what == "filter" {
        press(&mut shell, KeyCode::Char('/'));
    }
    gloss::tui::screen::render_shell(&mut shell, 120, 40);
    let mut step = 0usize;
    bencher.bench_local(|| {
        step += 1;
        let key = match (what, step % 2) {
            ("j", _) => KeyCode::Char('j'),
            // Type "w", then take it back: the list is filtered again each time.
            (_, 1) => KeyCode::Char('w'),
            _ => KeyCode::Backspace,
        };
        press(&mut shell, key);
        gloss::tui::screen::render_shell(&mut shell, 120, 40)
    });
}
