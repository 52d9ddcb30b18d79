//! CSV, one row per annotation, for spreadsheets: RFC 4180 (comma-separated, CRLF line
//! ends, a field quoted when it holds a comma, a quote, CR or LF, quotes doubled), UTF-8
//! (with a byte order mark when [`CsvOptions::byte_order_mark`] asks, for Excel), and a
//! header row:
//!
//! `article,source,id,kind,label,start,end,text,actor,sentence,speaker,speaker_id,note,created,modified`
//!
//! `article` is the title; `start`/`end` are code points, end exclusive; `sentence` is the
//! sentence the annotation starts in; `speaker` is the name of a claim's speaker (its actor,
//! else its text) and `speaker_id` its id.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! as a formula (OWASP's CSV injection rule), and article text is written by strangers: such a
//! cell is written with a `'` before it, which spreadsheets take as "this is text", unless
//! [`CsvOptions::raw_cells`] asks for the values as they are. Each such cell is counted.
//! Unplaced annotations are dropped and counted.

use std::ops::Range;

use super::{Article, Drops};

/// How the CSV is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Write every cell as it is, even one a spreadsheet would run as a formula.
    pub raw_cells: bool,
    /// Start with a UTF-8 byte order mark, without which Excel reads the file in the
    /// system's legacy code page.
    pub byte_order_mark: bool,
}

/// What a cell starts with when a spreadsheet runs it as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The drop report's name for cells written with a `'` before them.
pub(super) const NEUTRALISED: &str = "cells a spreadsheet would run as formulas (starting with = + - @ tab or CR: written with ' before)";

/// The header row's fields.
pub const HEADER: [&str; 15] = [
    "article",
    "source",
    "id",
    "kind",
    "label",
    "start",
    "end",
    "text",
    "actor",
    "sentence",
    "speaker",
    "speaker_id",
    "note",
    "created",
    "modified",
];

/// The CSV text.
pub fn export(articles: &[Article<'_>], options: CsvOptions, drops: &mut Drops) -> String {
    let mut out = String::new();
    if options.byte_order_mark {
        out.push('\u{feff}');
    }
    let neutralise = !options.raw_cells;
    let mut neutralised = write_row(&mut out, HEADER, neutralise);
    for article in articles {
        let sentences = article.sentences();
        for span in &article.spans {
            let s = span.stored;
            let sentence =
                sentence_at(&sentences, span.bytes.start).map_or("", |r| &article.text()[r]);
            let speaker = article.speaker_of(span);
            let start = s.start.to_string();
            let end = s.end.to_string();
            neutralised += write_row(
                &mut out,
                [
                    article.file.title.as_str(),
                    article.file.source.as_str(),
                    s.id.as_str(),
                    s.kind.name(),
                    s.label.as_str(),
                    start.as_str(),
                    end.as_str(),
                    s.text.as_str(),
                    s.actor.as_deref().unwrap_or(""),
                    sentence,
                    speaker.map_or("", |sp| article.actor_name(sp)),
                    s.speaker.as_deref().unwrap_or(""),
                    s.note.as_deref().unwrap_or(""),
                    s.created.as_str(),
                    s.modified.as_str(),
                ],
                neutralise,
            );
        }
    }
    drops.add(NEUTRALISED, neutralised);
    drops.unplaced(articles);
    out
}

/// The sentence containing byte `at`, else the one after it (an annotation that starts in
/// the whitespace between two sentences belongs to the next).
fn sentence_at(sentences: &[Range<usize>], at: usize) -> Option<Range<usize>> {
    let i = sentences.partition_point(|s| s.end <= at);
    sentences.get(i).cloned()
}

/// Appends one record; with `neutralise`, a cell that starts with one of [`FORMULA_STARTS`]
/// gets a `'` before it. Returns how many cells got one.
pub fn write_row<'s>(
    out: &mut String,
    fields: impl IntoIterator<Item = &'s str>,
    neutralise: bool,
) -> usize {
    let mut neutralised = 0;
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let prefixed;
        let field = if neutralise && field.starts_with(FORMULA_STARTS) {
            neutralised += 1;
            prefixed = format!("'{field}");
            prefixed.as_str()
        } else {
            field
        };
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
    neutralised
}
