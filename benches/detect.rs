//! The detection engine: loading the shipped detector, and sentence splitting plus entity
//! and claim detection over the Wikinews corpus (tests/fixtures/corpus/wikinews), on one core.
//! Goals (issue 4): at least 1,000,000 words per second; loading under 10 ms.
//!
//! Run: `cargo bench --bench detect` (divan prints the time per corpus pass; the words per
//! second are printed once before the runs).

mod support;

use divan::Bencher;
use gloss::detect::Detector;
use gloss::document::{Document, Source};

fn main() {
    let texts = support::wikinews_texts();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let detector = Detector::builtin().unwrap();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        for text in &texts {
            divan::black_box(detect(&detector, text));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "wikinews: {} articles, {words} words, best pass {:.1} ms: {:.0} words/s",
        texts.len(),
        best * 1e3,
        words as f64 / best
    );
    divan::main();
}

/// Splits the text into sentences and detects entities and claims.
fn detect(detector: &Detector, text: &str) -> usize {
    let doc = Document::new(text.to_string(), Source::Stdin);
    let found = detector.detect(&doc.text, &doc.sentences);
    found.entities.len() + found.claims.len()
}

/// `Detector::builtin()`: the shipped gazetteer and word lists, compiled at build time.
#[divan::bench]
fn load_builtin() -> Detector {
    Detector::builtin().unwrap()
}

/// Sentence splitting plus detection over the whole Wikinews corpus.
#[divan::bench(sample_count = 20)]
fn wikinews_corpus(bencher: Bencher) {
    let texts = support::wikinews_texts();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let detector = Detector::builtin().unwrap();
    bencher
        .counter(divan::counter::ItemsCount::new(words))
        .bench(|| texts.iter().map(|t| detect(&detector, t)).sum::<usize>());
}
