//! Saving an annotation file with 10,000 annotations (atomic write with fsync), and opening
//! one with 25,000 to 250,000 annotations of a rich mix (entities with actors, claims with
//! speakers, notes; 250,000 make a file of 110 MB) or of plain entities.
//!
//! Run: `cargo bench --bench save`

mod support;

use divan::Bencher;
use gloss::annotation::model::Annotation;
use gloss::annotation::{AnnotationSet, Kind};
use gloss::document::{Document, Source};
use gloss::session::{Session, Storage, Suggestions};

fn main() {
    divan::main();
}

#[divan::bench(args = [10_000])]
fn save_annotations(bencher: Bencher, count: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut session = session_with(count, 2_000_000, dir.path(), Mix::Unlinked);
    bencher.bench_local(|| session.save().unwrap());
}

/// What a tagging key costs the reader when saves run in the background: the annotation
/// file built from the session (5 MB of text, 1,000 or 10,000 annotations) and handed to the
/// writer thread, which serialises and writes it away from the keys.
#[divan::bench(args = [1_000, 10_000])]
fn save_handed_to_the_writer(bencher: Bencher, count: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut session = session_with(count, 5_000_000, dir.path(), Mix::Unlinked);
    let (wake, _woken) = std::sync::mpsc::channel();
    let saver = gloss::tui::shell::saver::Saver::start(wake);
    bencher.bench_local(|| saver.submit(session.save_later().unwrap()));
    saver.wait_idle();
}

/// A save's durable latency: from the key's save handed over to the file renamed into place
/// and its folder fsynced (when the status bar may say "saved ✓"), for 5 MB of text.
#[divan::bench(args = [1_000, 10_000], sample_count = 20, sample_size = 1)]
fn durable_save_latency(bencher: Bencher, count: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut session = session_with(count, 5_000_000, dir.path(), Mix::Unlinked);
    let (wake, _woken) = std::sync::mpsc::channel();
    let saver = gloss::tui::shell::saver::Saver::start(wake);
    bencher.bench_local(|| {
        saver.submit(session.save_later().unwrap());
        saver.wait_idle();
        for ack in saver.take_acks() {
            session
                .saved(ack.generation, ack.result, ack.learned)
                .unwrap();
        }
    });
}

/// Opening an annotation file on its own (`gloss story.txt.gloss.json`) with `count`
/// annotations of the rich mix: read, parsed, cleaned, its annotations placed and indexed,
/// with suggestions off so that the figure is the annotations' alone.
#[divan::bench(args = [25_000, 50_000, 100_000, 250_000], sample_count = 5, sample_size = 1)]
fn open_annotation_file(bencher: Bencher, count: usize) {
    open_file(bencher, count, Mix::Rich);
}

/// The same with plain entities: no actor, claim or note.
#[divan::bench(args = [100_000, 250_000], sample_count = 5, sample_size = 1)]
fn open_annotation_file_plain(bencher: Bencher, count: usize) {
    open_file(bencher, count, Mix::Entities);
}

fn open_file(bencher: Bencher, count: usize, mix: Mix) {
    let dir = tempfile::tempdir().unwrap();
    let mut session = session_with(count, 6_000_000, dir.path(), mix);
    session.save().unwrap();
    let path = session.storage.path.clone();
    let mut config = gloss::config::Config::default();
    config.reader.suggestions = false;
    let dirs = gloss::config::paths::Dirs::under(dir.path());
    bencher.bench_local(|| {
        let doc = gloss::session::open::read_annotation_file_as_article(&path).unwrap();
        let options = gloss::session::OpenOptions {
            config: &config,
            dirs: &dirs,
            annotations: Some(path.clone()),
            lock: false,
        };
        let opened = gloss::session::open(doc, &options).unwrap();
        assert_eq!(opened.annotations.len(), count);
        opened
    });
}

/// What the annotations of a benchmark are.
#[derive(Clone, Copy, PartialEq)]
enum Mix {
    /// Entities only, with no actor or note.
    Entities,
    /// Entities, every tenth a claim, every seventh with a note; no actors, no speakers.
    Unlinked,
    /// As [`Mix::Unlinked`], with an actor on each entity and a speaker on each claim.
    Rich,
}

/// A session over `bytes` of Wikinews text with `count` annotations, one every third word, of
/// `mix`.
fn session_with(count: usize, bytes: usize, dir: &std::path::Path, mix: Mix) -> Session {
    let rich = mix == Mix::Rich;
    let plain = mix == Mix::Entities;
    let doc = Document::new(support::wikinews_article(bytes), Source::Stdin);
    let starts: Vec<usize> = doc
        .text
        .match_indices(' ')
        .map(|(i, _)| i + 1)
        .step_by(3)
        .take(count)
        .collect();
    let annotations: Vec<Annotation> = starts
        .iter()
        .enumerate()
        .map(|(i, &start)| {
            let end = start + doc.text[start..].find(' ').unwrap_or(0).max(1);
            let end = (start..=end)
                .rev()
                .find(|&e| doc.text.is_char_boundary(e))
                .unwrap();
            let claim = !plain && i % 10 == 0;
            Annotation {
                id: format!("a{}", i + 1),
                kind: if claim { Kind::Claim } else { Kind::Entity },
                label: if claim { "Claim" } else { "Person" }.into(),
                range: start..end,
                actor: (rich && !claim).then(|| format!("Actor {}", i % 500)),
                speaker: (rich && claim && i > 0).then(|| format!("a{i}")),
                note: (!plain && i % 7 == 0).then(|| "checked against the wire copy".to_string()),
                created: "2026-11-28T00:00:00Z".into(),
                modified: "2026-11-28T00:00:00Z".into(),
            }
        })
        .collect();
    assert_eq!(annotations.len(), count);
    let storage = Storage {
        path: dir.join("bench.gloss.json"),
        lock: None,
        read_only: None,
        drafts: None,
    };
    Session::new(
        doc,
        AnnotationSet::from_vec(annotations),
        Suggestions::default(),
        storage,
    )
}
