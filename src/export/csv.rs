//! CSV, one row per annotation, for spreadsheets: RFC 4180 (comma-separated, CRLF line
//! ends, a field quoted when it holds a comma, a quote, CR or LF, quotes doubled), UTF-8
//! without a byte order mark, and a header row:
//!
//! `article,source,id,kind,label,start,end,text,actor,sentence,speaker,speaker_id,note,created,modified`
//!
//! `article` is the title; `start`/`end` are code points, end exclusive; `sentence` is the
//! sentence the annotation starts in; `speaker` is the name of a claim's speaker (its actor,
//! else its text) and `speaker_id` its id. Fields are written as they are: a spreadsheet may
//! read a field that starts with `=` as a formula, so open untrusted exports as text.
//! Unplaced annotations are dropped and counted.

use std::ops::Range;

use super::{Article, Drops};

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
pub fn export(articles: &[Article<'_>], drops: &mut Drops) -> String {
    let mut out = String::new();
    write_row(&mut out, HEADER.iter().copied());
    for article in articles {
        let sentences = article.sentences();
        for span in &article.spans {
            let s = span.stored;
            let sentence =
                sentence_at(&sentences, span.bytes.start).map_or("", |r| &article.text()[r]);
            let speaker = article.speaker_of(span);
            let start = s.start.to_string();
            let end = s.end.to_string();
            write_row(
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
            );
        }
    }
    drops.unplaced(articles);
    out
}

/// The sentence containing byte `at`, else the one after it (an annotation that starts in
/// the whitespace between two sentences belongs to the next).
fn sentence_at(sentences: &[Range<usize>], at: usize) -> Option<Range<usize>> {
    let i = sentences.partition_point(|s| s.end <= at);
    sentences.get(i).cloned()
}

/// Appends one record.
pub fn write_row<'s>(out: &mut String, fields: impl IntoIterator<Item = &'s str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}
