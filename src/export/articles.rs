//! CSV, one row per article, for a statistics package (R, Stata, SPSS) or a spreadsheet: what
//! a study's unit of analysis is. The header row:
//!
//! `title,source,date,status,annotations,entities,actors,claims,claims_with_speaker`, then one
//! column per label the articles use, `entity:LABEL` and `claim:LABEL` (labels sorted by
//! name, the count of that label's annotations in the article).
//!
//! `status` is `done` for an article marked done, else `started` when it has annotations and
//! `new` when it has none (a status another gloss wrote is given as it is). `actors` counts
//! the distinct actors the entities name. Written as the CSV of annotations is (RFC 4180,
//! UTF-8, a byte order mark on request, cells a spreadsheet would run as formulas written
//! with a `'` before them unless asked otherwise); unplaced annotations are not counted, and
//! are reported.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::csv::{CsvOptions, NEUTRALISED, write_row};
use super::{Article, Drops};
use crate::annotation::Kind;

/// The columns before the labels'.
pub const HEADER: [&str; 9] = [
    "title",
    "source",
    "date",
    "status",
    "annotations",
    "entities",
    "actors",
    "claims",
    "claims_with_speaker",
];

/// The CSV text.
pub fn export(articles: &[Article<'_>], options: CsvOptions, drops: &mut Drops) -> String {
    let labels: BTreeSet<(Kind, &str)> = articles
        .iter()
        .flat_map(|a| a.spans.iter())
        .map(|s| (s.stored.kind, s.stored.label.as_str()))
        .collect();
    let mut out = String::new();
    if options.byte_order_mark {
        out.push('\u{feff}');
    }
    let neutralise = !options.raw_cells;
    let label_columns: Vec<String> = labels
        .iter()
        .map(|(kind, label)| format!("{}:{label}", kind.name()))
        .collect();
    let mut neutralised = write_row(
        &mut out,
        HEADER
            .iter()
            .copied()
            .chain(label_columns.iter().map(String::as_str)),
        neutralise,
    );
    for article in articles {
        let mut per_label: BTreeMap<(Kind, &str), usize> = BTreeMap::new();
        let mut actors = HashSet::new();
        let (mut entities, mut claims, mut spoken) = (0, 0, 0);
        for span in &article.spans {
            *per_label
                .entry((span.stored.kind, span.stored.label.as_str()))
                .or_default() += 1;
            if span.is_entity() {
                entities += 1;
                actors.insert(article.actor_name(span));
            } else {
                claims += 1;
                spoken += usize::from(article.speaker_of(span).is_some());
            }
        }
        let file = article.file;
        let status = match (&file.status, article.spans.is_empty()) {
            (Some(status), _) => status.as_str(),
            (None, true) => "new",
            (None, false) => "started",
        };
        let numbers: Vec<String> = [article.spans.len(), entities, actors.len(), claims, spoken]
            .iter()
            .chain(labels.iter().map(|key| per_label.get(key).unwrap_or(&0)))
            .map(usize::to_string)
            .collect();
        neutralised += write_row(
            &mut out,
            [
                file.title.as_str(),
                file.source.as_str(),
                file.date.as_deref().unwrap_or(""),
                status,
            ]
            .into_iter()
            .chain(numbers.iter().map(String::as_str)),
            neutralise,
        );
    }
    drops.add(NEUTRALISED, neutralised);
    drops.unplaced(articles);
    out
}
