//! Import of annotations from brat, doccano, Label Studio and W3C Web Annotation files into
//! gloss annotation files (with the article text), and of articles given as rows of a CSV or
//! JSON Lines file ([`import_rows`]), one annotation file each.
//!
//! Input is checked before anything is built: a file that does not parse, an annotation whose
//! offsets fall outside the text, or whose quoted text differs from the text at its offsets
//! is an [`ImportError`] naming the file, the line and the annotation. What gloss cannot hold
//! (other relation types, events, extra labels) is counted as [`Dropped`]. Import is pure
//! apart from reading the input (and, for brat, the `.txt` beside the `.ann`): writing the
//! results is the caller's.

mod brat;
mod doccano;
mod json;
mod label_studio;
mod rows;
mod side_data;
mod w3c;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::annotation::file::{self, AnnotationFile, Header, StoredAnnotation};
use crate::annotation::model::{self, Annotation, AnnotationSet, Kind};
use crate::export::{Dropped, Drops};
use crate::text::offsets::CharIndex;

pub use rows::{Columns, ROW_CAP, Row};

/// A format gloss imports from. Its names on the command line are [`ImportFormat::name`]'s
/// (clap parses them, "jsonl" too for doccano, and lists them in `--help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ImportFormat {
    /// brat standoff: an `.ann` file and the `.txt` beside it.
    Brat,
    /// doccano JSONL (sequence labelling, with or without relations), one article a line.
    Doccano,
    /// A Label Studio JSON export (a task list, or one task).
    LabelStudio,
    /// W3C Web Annotation JSON-LD: a collection, a page, a list or one annotation.
    W3c,
    /// Articles as rows of a CSV file with a header row (text, title, url, date, id).
    Csv,
    /// Articles as JSON Lines, one object a line (text, title, url, date, id).
    Jsonl,
}

impl ImportFormat {
    /// The name used on the command line (clap's name of the value).
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Brat => "brat",
            ImportFormat::Doccano => "doccano",
            ImportFormat::LabelStudio => "label-studio",
            ImportFormat::W3c => "w3c",
            ImportFormat::Csv => "csv",
            ImportFormat::Jsonl => "jsonl",
        }
    }

    /// True for the formats of articles as rows, without annotations ([`import_rows`]).
    pub fn is_rows(self) -> bool {
        matches!(self, ImportFormat::Csv | ImportFormat::Jsonl)
    }
}

impl fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One annotation file made by an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The file name to write it as, e.g. `putin.txt.gloss.json`.
    pub name: String,
    /// The annotation file.
    pub file: AnnotationFile,
}

/// Why an import failed: the file, and where known the line and the annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The input file.
    pub path: PathBuf,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// The annotation's id in the input, where known.
    pub annotation: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ": line {line}")?;
        }
        if let Some(id) = &self.annotation {
            write!(f, ": annotation {id:?}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    /// An error about the whole file or a line of it.
    pub(crate) fn at(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line,
            annotation: None,
            message: message.into(),
        }
    }

    /// A JSON syntax error, with its line, column and what is wrong said once.
    pub(crate) fn json(path: &Path, error: &serde_json::Error) -> Self {
        Self::json_at(path, error, (1, 0))
    }

    /// A JSON error in a part of the input that starts at `(line, column)` (1-based line,
    /// 0-based byte column), with its line and column in the whole input.
    pub(crate) fn json_at(path: &Path, error: &serde_json::Error, at: (usize, usize)) -> Self {
        let message = error.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |at| &message[..at]);
        let (line, column) = match error.line() {
            1 => (at.0, at.1 + error.column()),
            n => (at.0 + n - 1, error.column()),
        };
        Self::at(path, Some(line), format!("column {column}: {message}"))
    }
}

/// Reads `path` (and for brat the `.txt` beside it) and imports it.
pub fn import(
    format: ImportFormat,
    path: &Path,
) -> Result<(Vec<Imported>, Vec<Dropped>), ImportError> {
    let read = |p: &Path| {
        crate::files::read_to_string(p).map_err(|e| ImportError::at(p, None, e.to_string()))
    };
    let mut drops = Drops::default();
    let imported = match format {
        ImportFormat::Brat => {
            let ann = path.with_extension("ann");
            let txt = path.with_extension("txt");
            let one = brat::parse(&ann, &read(&ann)?, &txt, &read(&txt)?, &mut drops)?;
            vec![one]
        }
        ImportFormat::Doccano => doccano::parse(path, &read(path)?, &mut drops)?,
        ImportFormat::LabelStudio => label_studio::parse(path, &read(path)?, &mut drops)?,
        ImportFormat::W3c => w3c::parse(path, &read(path)?, &mut drops)?,
        ImportFormat::Csv | ImportFormat::Jsonl => {
            every_row(format, path, open_rows(path)?, &mut drops)?
        }
    };
    Ok((imported, drops.into_vec()))
}

/// Opens a file of rows for reading (a buffered regular file; a device or a folder is
/// refused).
fn open_rows(path: &Path) -> Result<std::io::BufReader<std::fs::File>, ImportError> {
    let file =
        crate::files::open_regular(path).map_err(|e| ImportError::at(path, None, e.to_string()))?;
    Ok(std::io::BufReader::with_capacity(1 << 16, file))
}

/// Reads the articles of a CSV or JSON Lines file (`format`, [`ImportFormat::is_rows`]) one
/// row at a time, handing each to `each` as an annotation file without annotations; returns
/// the lines of the rows without text, which are skipped. Memory stays bounded whatever the
/// file's size (each row is capped at [`ROW_CAP`]).
pub fn import_rows(
    format: ImportFormat,
    path: &Path,
    columns: &Columns,
    each: impl FnMut(Imported) -> Result<(), ImportError>,
) -> Result<Vec<usize>, ImportError> {
    rows_of(format, path, open_rows(path)?, columns, each)
}

/// Every article of a file of rows, at once, with the rows without text counted as dropped.
fn every_row(
    format: ImportFormat,
    path: &Path,
    input: impl std::io::BufRead,
    drops: &mut Drops,
) -> Result<Vec<Imported>, ImportError> {
    let mut all = Vec::new();
    let skipped = rows_of(format, path, input, &Columns::default(), |a| {
        all.push(a);
        Ok(())
    })?;
    drops.add("rows without text", skipped.len());
    Ok(all)
}

fn rows_of(
    format: ImportFormat,
    path: &Path,
    input: impl std::io::BufRead,
    columns: &Columns,
    mut each: impl FnMut(Imported) -> Result<(), ImportError>,
) -> Result<Vec<usize>, ImportError> {
    let mut article = |row: Row| each(rows::article(path, row));
    match format {
        ImportFormat::Csv => rows::read_csv(path, input, columns, &mut article),
        ImportFormat::Jsonl => rows::read_jsonl(path, input, columns, &mut article),
        other => Err(ImportError::at(
            path,
            None,
            format!("{other} is not a format of articles as rows"),
        )),
    }
}

/// Imports from contents already read: for brat `contents` is the `.ann` file and `text` the
/// `.txt`; the other formats take no `text`.
pub fn import_str(
    format: ImportFormat,
    path: &Path,
    contents: &str,
    text: Option<&str>,
) -> Result<(Vec<Imported>, Vec<Dropped>), ImportError> {
    let mut drops = Drops::default();
    let imported = match format {
        ImportFormat::Brat => {
            let txt = path.with_extension("txt");
            let text = text.ok_or_else(|| ImportError::at(&txt, None, "no article text"))?;
            vec![brat::parse(path, contents, &txt, text, &mut drops)?]
        }
        ImportFormat::Doccano => doccano::parse(path, contents, &mut drops)?,
        ImportFormat::LabelStudio => label_studio::parse(path, contents, &mut drops)?,
        ImportFormat::W3c => w3c::parse(path, contents, &mut drops)?,
        ImportFormat::Csv | ImportFormat::Jsonl => {
            every_row(format, path, contents.as_bytes(), &mut drops)?
        }
    };
    Ok((imported, drops.into_vec()))
}

/// An annotation as read from an input, before it is checked against the text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Raw {
    /// Its id in the input (for speaker links and messages).
    pub key: String,
    /// Its gloss id, when the input keeps one.
    pub id: Option<String>,
    /// Claim or entity.
    pub kind: Option<Kind>,
    /// The label.
    pub label: String,
    /// Start, code points.
    pub start: usize,
    /// End (exclusive), code points.
    pub end: usize,
    /// The text the input says is at the offsets, if it says.
    pub quote: Option<String>,
    /// Actor name.
    pub actor: Option<String>,
    /// Key of the speaking annotation.
    pub speaker: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Creation time.
    pub created: Option<String>,
    /// Last change.
    pub modified: Option<String>,
    /// 1-based line in the input.
    pub line: Option<usize>,
}

/// One article as read from an input.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    /// The "source" of the annotation file.
    pub source: String,
    /// The title; the first line of the text when `None`.
    pub title: Option<String>,
    /// The article text.
    pub text: String,
    /// The annotations.
    pub raws: Vec<Raw>,
    /// Unplaced annotations carried over (doccano files written by gloss).
    pub unplaced: Vec<StoredAnnotation>,
}

/// Longest title taken from the text, in characters (as the reader).
const MAX_TITLE_CHARS: usize = 200;

/// Checks a draft against its text and builds the annotation file.
pub(crate) fn build(path: &Path, draft: Draft) -> Result<AnnotationFile, ImportError> {
    let text = draft.text.as_str();
    let chars = CharIndex::new(text);
    let len = chars.len_chars();
    let error = |raw: &Raw, message: String| ImportError {
        path: path.to_path_buf(),
        line: raw.line,
        annotation: Some(raw.key.clone()),
        message,
    };
    let mut used: HashSet<String> = HashSet::new();
    for raw in &draft.raws {
        if let Some(id) = &raw.id
            && !used.insert(id.clone())
        {
            return Err(error(raw, format!("id {id:?} is used twice")));
        }
    }
    let mut ids: HashMap<&str, String> = HashMap::new();
    let mut next = 1;
    let mut ranges = Vec::with_capacity(draft.raws.len());
    for raw in &draft.raws {
        let bytes = (raw.start <= raw.end)
            .then(|| Some(chars.char_to_byte(text, raw.start)?..chars.char_to_byte(text, raw.end)?))
            .flatten()
            .ok_or_else(|| {
                error(
                    raw,
                    format!(
                        "offsets {}..{} outside the text ({len} characters)",
                        raw.start, raw.end
                    ),
                )
            })?;
        if let Some(quote) = &raw.quote
            && text[bytes.clone()] != *quote
        {
            return Err(error(
                raw,
                format!(
                    "quotes {quote:?} but the text at {}..{} is {:?}",
                    raw.start,
                    raw.end,
                    &text[bytes.clone()]
                ),
            ));
        }
        let id = match &raw.id {
            Some(id) => id.clone(),
            None => loop {
                let id = format!("a{next}");
                next += 1;
                if used.insert(id.clone()) {
                    break id;
                }
            },
        };
        if ids.insert(raw.key.as_str(), id).is_some() {
            return Err(error(raw, "is used twice".into()));
        }
        ranges.push(bytes);
    }
    let now = model::now();
    let mut annotations = Vec::with_capacity(draft.raws.len());
    for (raw, range) in draft.raws.iter().zip(ranges) {
        let speaker = match &raw.speaker {
            Some(key) => Some(ids.get(key.as_str()).cloned().ok_or_else(|| {
                error(
                    raw,
                    format!("speaker {key:?} is not an annotation of this article"),
                )
            })?),
            None => None,
        };
        annotations.push(Annotation {
            id: ids[raw.key.as_str()].clone(),
            kind: raw.kind.unwrap_or(Kind::Entity),
            label: raw.label.clone(),
            range,
            actor: raw.actor.clone(),
            speaker,
            note: raw.note.clone(),
            created: raw.created.clone().unwrap_or_else(|| now.clone()),
            modified: raw.modified.clone().unwrap_or_else(|| now.clone()),
        });
    }
    let title = draft.title.unwrap_or_else(|| {
        text.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or_default()
            .chars()
            .take(MAX_TITLE_CHARS)
            .collect()
    });
    let header = Header {
        source: &draft.source,
        title: &title,
        text,
        chars: &chars,
    };
    Ok(file::build(
        header,
        &AnnotationSet::from_vec(annotations),
        &draft.unplaced,
        &[],
    ))
}

/// The output file name for an article: `<file name of source>.gloss.json` when the source
/// names a file, else `<fallback>.gloss.json`.
pub(crate) fn output_name(source: &str, fallback: &str) -> String {
    let last = source
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let name = last.strip_suffix(".gloss.json").unwrap_or(last);
    let usable = !name.is_empty()
        && name != "stdin"
        && !name.contains(':')
        && !name.starts_with('.')
        && name.chars().all(|c| !c.is_control());
    format!("{}.gloss.json", if usable { name } else { fallback })
}

/// Makes the names of one input's articles unique by numbering repeats.
pub(crate) fn dedupe_names(imported: &mut [Imported]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for item in imported.iter_mut() {
        let count = seen.entry(item.name.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            let stem = item.name.trim_end_matches(".gloss.json");
            item.name = format!("{stem}-{count}.gloss.json");
        }
    }
}

/// The stem of an input file, for fallback names.
pub(crate) fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into())
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::ImportFormat;

    #[test]
    fn format_names_are_clap_names() {
        for &f in ImportFormat::value_variants() {
            assert_eq!(f.to_possible_value().unwrap().get_name(), f.name());
            assert_eq!(ImportFormat::from_str(f.name(), true), Ok(f));
        }
        // "jsonl" is articles as rows now; doccano's JSONL is named for doccano.
        assert_eq!(
            ImportFormat::from_str("JSONL", true),
            Ok(ImportFormat::Jsonl)
        );
    }
}
