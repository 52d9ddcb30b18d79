//! Saving an annotation file with 10,000 annotations (atomic write with fsync).
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
    let doc = Document::new(support::wikinews_article(2_000_000), Source::Stdin);
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
            Annotation {
                id: format!("a{}", i + 1),
                kind: if i % 10 == 0 {
                    Kind::Claim
                } else {
                    Kind::Entity
                },
                label: "Person".into(),
                range: start..end,
                actor: None,
                speaker: None,
                note: (i % 7 == 0).then(|| "checked against the wire copy".to_string()),
                created: "2026-11-28T00:00:00Z".into(),
                modified: "2026-11-28T00:00:00Z".into(),
            }
        })
        .collect();
    assert_eq!(annotations.len(), count);
    let storage = Storage {
        path: dir.path().join("bench.gloss.json"),
        lock: None,
        read_only: None,
        drafts: None,
    };
    let mut session = Session::new(
        doc,
        AnnotationSet::from_vec(annotations),
        Suggestions::default(),
        storage,
    );
    bencher.bench_local(|| session.save().unwrap());
}
