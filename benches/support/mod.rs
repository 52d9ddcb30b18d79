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
    let csv = std::fs::read_to_string(corpus_dir().join("wikinews/wikinews_2019.csv"))
        .expect("tests/fixtures/corpus/wikinews/wikinews_2019.csv");
    let rows = parse_csv(&csv);
    let header = &rows[0];
    let column = header
        .iter()
        .position(|h| h == "text")
        .expect("text column");
    rows[1..]
        .iter()
        .filter_map(|r| r.get(column).cloned())
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

/// A minimal RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
