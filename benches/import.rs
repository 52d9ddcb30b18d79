//! Importing a corpus of articles given as rows: 100,000 rows of a CSV file (Wikinews
//! articles, cut to 1,500 characters, with an id, a title, an address and a date) to one
//! annotation file each, made durable together.
//!
//! Run: `cargo bench --bench import`

mod support;

use divan::Bencher;
use gloss::commands::import::{ImportArgs, run};
use gloss::import::ImportFormat;

fn main() {
    divan::main();
}

const ROWS: usize = 100_000;

/// Writes the CSV of `rows` articles into `dir`.
fn corpus(dir: &std::path::Path, rows: usize) -> std::path::PathBuf {
    let texts = support::wikinews_texts();
    let path = dir.join("corpus.csv");
    let mut csv = csv::Writer::from_path(&path).unwrap();
    csv.write_record(["id", "title", "url", "date", "text"])
        .unwrap();
    for i in 0..rows {
        let text: String = texts[i % texts.len()].chars().take(1_500).collect();
        let title = text.lines().next().unwrap_or_default().to_string();
        csv.write_record([
            format!("story-{i}"),
            title,
            format!("https://en.wikinews.org/wiki/story_{i}"),
            "2019-01-04".to_string(),
            text,
        ])
        .unwrap();
    }
    csv.flush().unwrap();
    path
}

/// `gloss import --format csv corpus.csv -o DIR` of 100,000 rows.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn import_csv_100000_rows(bencher: Bencher) {
    let root = tempfile::tempdir().unwrap();
    let input = corpus(root.path(), ROWS);
    let mut run_number = 0;
    bencher.bench_local(|| {
        run_number += 1;
        let output = root.path().join(format!("out-{run_number}"));
        run(ImportArgs {
            format: ImportFormat::Csv,
            files: vec![input.clone()],
            output: Some(output.clone()),
            force: false,
            text: "text".into(),
            title: "title".into(),
            url: "url".into(),
            date: "date".into(),
            id: "id".into(),
        })
        .unwrap();
        output
    });
}
