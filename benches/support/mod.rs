//! Test material shared by benchmarks and tests: articles built from the Wikinews corpus in
//! tests/fixtures/corpus/wikinews.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared corpus folder.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// The Wikinews article texts (the "text" column of wikinews_2019.csv).
pub fn wikinews_texts() -> Vec<String> {
    let path = corpus_dir().join("wikinews/wikinews_2019.csv");
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let column = reader
        .headers()
        .expect("a header row")
        .iter()
        .position(|h| h == "text")
        .expect("text column");
    reader
        .records()
        .map(|r| r.expect("a CSV record"))
        .filter_map(|r| r.get(column).map(str::to_string))
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// An article of at least `bytes` bytes: Wikinews articles one after another, separated by
/// blank lines.
pub fn wikinews_article(bytes: usize) -> String {
    let texts = wikinews_texts();
    let mut out = String::with_capacity(bytes + 10_000);
    'outer: loop {
        for t in &texts {
            out.push_str(t.trim());
            out.push_str("\n\n");
            if out.len() >= bytes {
                break 'outer;
            }
        }
    }
    out
}
