//! Export of annotation files to the formats other annotation tools read.
//!
//! Every exporter takes annotation files ([`AnnotationFile`], offsets in code points) and
//! returns either one stream (JSONL, CoNLL, JSON, CSV, Markdown, HTML) or a set of files
//! (brat), the files that belong beside a stream ([`Companion`]: Label Studio's labelling
//! configuration), and what the format could not hold ([`Dropped`]): nothing is dropped
//! silently. Exporting is pure: it reads and writes no file, so a caller that writes the
//! result can do so only once everything has been built.
//!
//! Each format states the unit of its offsets in [`Format::offset_unit`]; the exact facts of
//! each format are in `shared/docs/formats.md` and in each module's documentation.

mod article;
mod articles;
mod brat;
mod conll;
mod csv;
pub mod guard;
mod html;
mod jsonl;
mod label_studio;
mod label_studio_config;
mod markdown;
mod prodigy;
mod report;
mod tokens;
mod w3c;
pub mod write;

use std::path::PathBuf;

use crate::annotation::file::AnnotationFile;

pub use article::{Article, Span};
pub use brat::is_line_break;
pub use csv::{CsvOptions, FORMULA_STARTS};
pub use tokens::{Token, tokenize};

/// A format gloss exports to. Its names on the command line are [`Format::name`]'s (clap
/// parses them, "md" too for Markdown, and lists them in `--help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// doccano-compatible JSONL, one article a line, with gloss's own fields under "gloss".
    Jsonl,
    /// brat standoff: ARTICLE.txt and ARTICLE.ann per article and an annotation.conf.
    Brat,
    /// CoNLL-2003 columns with IOB2 entity tags.
    Conll,
    /// A Label Studio JSON task list.
    LabelStudio,
    /// Prodigy JSONL tasks with tokens and spans.
    Prodigy,
    /// A W3C Web Annotation AnnotationCollection (JSON-LD).
    W3c,
    /// One CSV row per annotation (RFC 4180, UTF-8).
    Csv,
    /// A Markdown report for a person to read.
    #[value(alias = "md")]
    Markdown,
    /// A self-contained HTML report for a person to read.
    Html,
    /// One CSV row per article (status, date, counts per label), for R, Stata or SPSS.
    Articles,
}

impl Format {
    /// Every format, in the order they are listed to users (as clap's
    /// `Format::value_variants()`).
    pub const ALL: &[Format] = &[
        Format::Jsonl,
        Format::Brat,
        Format::Conll,
        Format::LabelStudio,
        Format::Prodigy,
        Format::W3c,
        Format::Csv,
        Format::Markdown,
        Format::Html,
        Format::Articles,
    ];

    /// The name used on the command line (clap's name of the value) and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::LabelStudio => "label-studio",
            Format::Prodigy => "prodigy",
            Format::W3c => "w3c",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Articles => "articles",
        }
    }

    /// What the format's offsets count.
    pub fn offset_unit(self) -> &'static str {
        match self {
            Format::Jsonl | Format::Brat | Format::LabelStudio | Format::W3c | Format::Csv => {
                "Unicode code points, 0-based, end exclusive"
            }
            Format::Prodigy => {
                "Unicode code points, end exclusive (start, end); token indices, token_end inclusive"
            }
            Format::Conll => "none: one token a line, sentences and articles in order",
            Format::Markdown | Format::Html => "none: annotations are marked in the text",
            Format::Articles => "none: one row per article, with counts",
        }
    }

    /// The file name extension of a one-stream export (brat writes a folder).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl | Format::Prodigy => "jsonl",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::LabelStudio => "label-studio.json",
            Format::W3c => "jsonld",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Articles => "articles.csv",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Something a format could not hold, and how many of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// What was dropped, e.g. "claims (CoNLL holds entity labels only)".
    pub what: String,
    /// How many.
    pub count: usize,
}

/// What an export produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// One stream, for stdout or one file.
    Stream(String),
    /// Several files, with paths relative to the output folder.
    Files(Vec<(PathBuf, String)>),
}

/// A file that belongs beside a one-stream export, e.g. the Label Studio labelling
/// configuration without which the tasks cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Companion {
    /// What it is, for messages: "Label Studio labelling config".
    pub what: &'static str,
    /// How its name ends: the export's name with its extension replaced by this, e.g.
    /// `label-studio.xml` for `tasks.json` → `tasks.label-studio.xml`.
    pub extension: &'static str,
    /// Its contents.
    pub contents: String,
}

/// Everything an export produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The export itself.
    pub output: Output,
    /// The files that belong beside a stream (none for most formats).
    pub companions: Vec<Companion>,
    /// What the format could not hold.
    pub dropped: Vec<Dropped>,
}

/// Why an export failed. Nothing is written when it does.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// An annotation's offsets fall outside its article's text.
    #[error(
        "{article}: annotation {id:?}: offsets {start}..{end} outside the text ({len} characters)"
    )]
    OutOfRange {
        /// The article's source.
        article: String,
        /// The annotation id.
        id: String,
        /// Start in code points.
        start: usize,
        /// End in code points.
        end: usize,
        /// Text length in code points.
        len: usize,
    },
    /// An annotation's quoted text differs from the text at its offsets.
    #[error(
        "{article}: annotation {id:?}: quotes {quoted:?} but the text at {start}..{end} is {found:?} (open the article in gloss to re-anchor it)"
    )]
    QuoteMismatch {
        /// The article's source.
        article: String,
        /// The annotation id.
        id: String,
        /// Start in code points.
        start: usize,
        /// End in code points.
        end: usize,
        /// The annotation's "text".
        quoted: String,
        /// The text at its offsets.
        found: String,
    },
    /// Nothing to export.
    #[error("no annotation files to export")]
    Empty,
}

/// Choices a user makes about how an export is written; each format reads its own part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// For [`Format::Csv`].
    pub csv: CsvOptions,
}

/// Exports `docs` as one collection in `format` with the default [`ExportOptions`], returning
/// the output and what the format could not hold, but not its [`Companion`]s (see
/// [`export_with`]).
pub fn export(
    docs: &[AnnotationFile],
    format: Format,
) -> Result<(Output, Vec<Dropped>), ExportError> {
    let export = export_with(docs, format, &ExportOptions::default())?;
    Ok((export.output, export.dropped))
}

/// Exports `docs` as one collection in `format`, written as `options` say.
pub fn export_with(
    docs: &[AnnotationFile],
    format: Format,
    options: &ExportOptions,
) -> Result<Export, ExportError> {
    if docs.is_empty() {
        return Err(ExportError::Empty);
    }
    let articles = docs
        .iter()
        .enumerate()
        .map(|(i, d)| Article::new(d, i))
        .collect::<Result<Vec<_>, _>>()?;
    let mut drops = Drops::default();
    let output = match format {
        Format::Jsonl => Output::Stream(jsonl::export(&articles, &mut drops)),
        Format::Brat => Output::Files(brat::export(&articles, &mut drops)),
        Format::Conll => Output::Stream(conll::export(&articles, &mut drops)),
        Format::LabelStudio => Output::Stream(label_studio::export(&articles, &mut drops)),
        Format::Prodigy => Output::Stream(prodigy::export(&articles, &mut drops)),
        Format::W3c => Output::Stream(w3c::export(&articles, &mut drops)),
        Format::Csv => Output::Stream(csv::export(&articles, options.csv, &mut drops)),
        Format::Markdown => Output::Stream(markdown::export(&articles, &mut drops)),
        Format::Html => Output::Stream(html::export(&articles, &mut drops)),
        Format::Articles => Output::Stream(articles::export(&articles, options.csv, &mut drops)),
    };
    let companions = match format {
        Format::LabelStudio => vec![Companion {
            what: "Label Studio labelling config",
            extension: label_studio_config::EXTENSION,
            contents: label_studio_config::config(&articles),
        }],
        _ => Vec::new(),
    };
    Ok(Export {
        output,
        companions,
        dropped: drops.into_vec(),
    })
}

/// Counts of dropped items, in the order first seen.
#[derive(Debug, Default)]
pub(crate) struct Drops {
    items: Vec<Dropped>,
}

impl Drops {
    /// Adds `count` items of `what` (nothing when `count` is 0).
    pub(crate) fn add(&mut self, what: &str, count: usize) {
        if count == 0 {
            return;
        }
        match self.items.iter_mut().find(|d| d.what == what) {
            Some(d) => d.count += count,
            None => self.items.push(Dropped {
                what: what.to_string(),
                count,
            }),
        }
    }

    /// Counts the unplaced annotations of every article (no format but JSONL holds them).
    pub(crate) fn unplaced(&mut self, articles: &[Article<'_>]) {
        let n = articles.iter().map(|a| a.file.unplaced.len()).sum();
        self.add("unplaced annotations (no position in the text)", n);
    }

    /// Counts the creation and modification times of every placed annotation.
    pub(crate) fn times(&mut self, articles: &[Article<'_>]) {
        let n = articles.iter().map(|a| a.spans.len()).sum();
        self.add("annotation times (created, modified)", n);
    }

    /// The counts.
    pub(crate) fn into_vec(self) -> Vec<Dropped> {
        self.items
    }
}

/// The one-line message for a drop, e.g. "conll: dropped 3 claims (...)".
pub fn describe_drop(format: Format, dropped: &Dropped) -> String {
    // Neutralised CSV cells are kept, changed: the report says so rather than "dropped".
    if dropped.what.contains("written with ' before") {
        return format!("{format}: changed {} {}", dropped.count, dropped.what);
    }
    format!("{format}: dropped {} {}", dropped.count, dropped.what)
}
