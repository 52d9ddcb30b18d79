//! Exporting 1,000 annotated articles of about 1,000 words each (built from the Wikinews
//! corpus in tests/fixtures/corpus/wikinews) to each format. Target: under 1 s per format on one
//! core.
//!
//! Run: `cargo bench --bench export`

mod support;

use divan::Bencher;
use gloss::annotation::file::{self, AnnotationFile, Header};
use gloss::annotation::model::Annotation;
use gloss::annotation::{AnnotationSet, Kind};
use gloss::export::{Format, export};
use gloss::text::offsets::CharIndex;

fn main() {
    divan::main();
}

const ARTICLES: usize = 1_000;
const WORDS: usize = 1_000;

/// 1,000 articles of about 1,000 words, each with an entity on every capitalised word after
/// the first few (about one word in eight), a claim of twelve words every sixty words whose
/// speaker is the entity before it, and a note on every fifth annotation.
fn articles() -> Vec<AnnotationFile> {
    let texts = support::wikinews_texts();
    let mut words = texts.iter().flat_map(|t| t.split_whitespace()).cycle();
    (0..ARTICLES)
        .map(|n| {
            let mut text = String::new();
            let mut ranges = Vec::with_capacity(WORDS);
            for i in 0..WORDS {
                if i > 0 {
                    text.push_str(if i % 90 == 0 { "\n\n" } else { " " });
                }
                let w = words.next().unwrap();
                ranges.push(text.len()..text.len() + w.len());
                text.push_str(w);
            }
            let mut annotations = Vec::new();
            let mut last_entity: Option<String> = None;
            for (i, r) in ranges.iter().enumerate() {
                let id = format!("a{}", annotations.len() + 1);
                let word = &text[r.clone()];
                let note =
                    (annotations.len() % 5 == 0).then(|| "checked against the wire".to_string());
                if i % 60 == 30 && i + 12 < ranges.len() {
                    annotations.push(Annotation {
                        id,
                        kind: Kind::Claim,
                        label: "Claim".into(),
                        range: r.start..ranges[i + 11].end,
                        actor: None,
                        speaker: last_entity.clone(),
                        note,
                        created: "2026-01-01T00:00:00Z".into(),
                        modified: "2026-01-01T00:00:00Z".into(),
                    });
                } else if i > 3 && word.chars().next().is_some_and(char::is_uppercase) {
                    last_entity = Some(id.clone());
                    annotations.push(Annotation {
                        id,
                        kind: Kind::Entity,
                        label: if i % 2 == 0 { "Person" } else { "Org" }.into(),
                        range: r.clone(),
                        actor: (i % 3 == 0).then(|| word.to_uppercase()),
                        speaker: None,
                        note,
                        created: "2026-01-01T00:00:00Z".into(),
                        modified: "2026-01-01T00:00:00Z".into(),
                    });
                }
            }
            let chars = CharIndex::new(&text);
            let source = format!("wikinews/{n}.txt");
            let header = Header {
                source: &source,
                title: &source,
                text: &text,
                chars: &chars,
            };
            file::build(header, &AnnotationSet::from_vec(annotations), &[], &[])
        })
        .collect()
}

#[divan::bench(
    args = [Format::Jsonl, Format::Brat, Format::Conll, Format::LabelStudio, Format::Prodigy,
            Format::W3c, Format::Csv, Format::Markdown, Format::Html],
    sample_count = 5,
    sample_size = 1,
)]
fn export_1000_articles(bencher: Bencher, format: Format) {
    let docs = articles();
    bencher.bench_local(|| export(divan::black_box(&docs), format).unwrap());
}
