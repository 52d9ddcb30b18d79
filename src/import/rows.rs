//! Articles as rows: a CSV file with a header row, or JSON Lines, one article a row, with its
//! text and, where the row has them, its title, source address, date and id, in columns (or
//! keys) the user names. News datasets come this way (Media Cloud and GDELT exports, Kaggle
//! news sets, Wikinews dumps).
//!
//! Rows are read one at a time, each capped at [`ROW_CAP`] bytes, so that memory stays
//! bounded whatever the file's size; a row without text is skipped and reported by its line.

use std::io::{BufRead, Read};
use std::path::Path;

use super::{ImportError, Imported};
use crate::annotation::AnnotationSet;
use crate::annotation::file::{self, Header};
use crate::text::offsets::CharIndex;

/// The longest title made from an article's first line when its row has none, in
/// characters.
const TITLE_CHARS: usize = 120;

/// The longest file name made from an id or a title, in characters (before the suffix).
const NAME_CHARS: usize = 80;

/// The most bytes one row may hold (a field that never closes its quote would otherwise
/// make the rest of the file one row).
pub const ROW_CAP: usize = 16 * 1024 * 1024;

/// The columns (CSV) or keys (JSON Lines) that hold each part of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// The article's text (required in every row).
    pub text: String,
    /// Its title.
    pub title: String,
    /// Where it came from.
    pub url: String,
    /// When it was published.
    pub date: String,
    /// Its id in the dataset.
    pub id: String,
}

impl Default for Columns {
    fn default() -> Self {
        Self {
            text: "text".into(),
            title: "title".into(),
            url: "url".into(),
            date: "date".into(),
            id: "id".into(),
        }
    }
}

/// One article read from a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row's first line in the file (1-based; the CSV header is line 1).
    pub line: usize,
    /// The article's text.
    pub text: String,
    /// Its title, where the row has one.
    pub title: Option<String>,
    /// Its source address.
    pub url: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// Its id.
    pub id: Option<String>,
}

/// Reads the CSV rows of `reader` (the file at `path`, for messages), handing each article
/// to `each`; returns the lines of the rows without text. A header without the text column,
/// a row with another number of fields than the header, text that is not UTF-8 or a row
/// over [`ROW_CAP`] is an error naming the row's line. A UTF-8 byte order mark is skipped.
pub fn read_csv(
    path: &Path,
    reader: impl Read,
    columns: &Columns,
    mut each: impl FnMut(Row) -> Result<(), ImportError>,
) -> Result<Vec<usize>, ImportError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(CappedRows::new(reader));
    let header = csv.headers().map_err(|e| csv_error(path, &e))?.clone();
    let find = |name: &str| header.iter().position(|h| h.trim() == name);
    let text = find(&columns.text).ok_or_else(|| {
        ImportError::at(
            path,
            Some(1),
            format!(
                "no column {:?} for the text (the header has {}; name it with --text)",
                columns.text,
                quoted_list(header.iter())
            ),
        )
    })?;
    let (title, url, date, id) = (
        find(&columns.title),
        find(&columns.url),
        find(&columns.date),
        find(&columns.id),
    );
    let mut skipped = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        csv.get_mut().row_started();
        let starts_at = csv.position().line() as usize;
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let mut error = csv_error(path, &e);
                error.line = error.line.or(Some(starts_at));
                return Err(error);
            }
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        let field = |at: Option<usize>| {
            at.and_then(|at| record.get(at))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let Some(body) = field(Some(text)) else {
            skipped.push(line);
            continue;
        };
        each(Row {
            line,
            text: body,
            title: field(title),
            url: field(url),
            date: field(date),
            id: field(id),
        })?;
    }
    Ok(skipped)
}

/// Reads the JSON Lines of `reader` (the file at `path`, for messages), one JSON object a
/// line, handing each article to `each`; returns the lines without text. Blank lines are
/// skipped; a line that is not a JSON object, a value that is neither text nor a number, or
/// a line over [`ROW_CAP`] is an error naming the line.
pub fn read_jsonl(
    path: &Path,
    reader: impl BufRead,
    columns: &Columns,
    mut each: impl FnMut(Row) -> Result<(), ImportError>,
) -> Result<Vec<usize>, ImportError> {
    let mut skipped = Vec::new();
    let mut reader = reader;
    let mut buffer = Vec::new();
    let mut line = 0;
    loop {
        buffer.clear();
        line += 1;
        let read = (&mut reader)
            .take(ROW_CAP as u64 + 1)
            .read_until(b'\n', &mut buffer)
            .map_err(|e| ImportError::at(path, Some(line), e.to_string()))?;
        if read == 0 {
            break;
        }
        if buffer.len() > ROW_CAP && !buffer.ends_with(b"\n") {
            return Err(too_long(path, line));
        }
        let bytes = buffer
            .strip_prefix(b"\xEF\xBB\xBF".as_slice())
            .filter(|_| line == 1);
        let bytes = bytes.unwrap_or(&buffer);
        let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(bytes).map_err(|e| ImportError::json_at(path, &e, (line, 0)))?;
        let field = |key: &str| -> Result<Option<String>, ImportError> {
            match object.get(key) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(s)) => {
                    Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty()))
                }
                Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
                Some(_) => Err(ImportError::at(
                    path,
                    Some(line),
                    format!("{key:?} is neither text nor a number"),
                )),
            }
        };
        let Some(text) = field(&columns.text)? else {
            skipped.push(line);
            continue;
        };
        each(Row {
            line,
            text,
            title: field(&columns.title)?,
            url: field(&columns.url)?,
            date: field(&columns.date)?,
            id: field(&columns.id)?,
        })?;
    }
    Ok(skipped)
}

/// The annotation file of the article in `row` of the file at `path`, without annotations:
/// its source is the row's address (else the file and the line), its title the row's (else
/// its first line), and its name made from its id (else its title).
pub fn article(path: &Path, row: Row) -> Imported {
    let title = row.title.unwrap_or_else(|| {
        let first = row
            .text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        first.trim().chars().take(TITLE_CHARS).collect()
    });
    let source = row
        .url
        .unwrap_or_else(|| format!("{}:{}", path.display(), row.line));
    let name = [row.id.as_deref(), Some(title.as_str())]
        .into_iter()
        .flatten()
        .map(file_name_part)
        .find(|n| !n.is_empty())
        .unwrap_or_else(|| format!("row-{}", row.line));
    let chars = CharIndex::new(&row.text);
    let header = Header {
        source: &source,
        title: &title,
        text: &row.text,
        chars: &chars,
    };
    let mut file = file::build(header, &AnnotationSet::new(), &[], &[]);
    file.date = row.date;
    Imported {
        name: format!("{name}{}", file::SUFFIX),
        file,
    }
}

/// `text` as a file name: lower-case letters and digits, every other run of characters one
/// dash, at most [`NAME_CHARS`].
pub fn file_name_part(text: &str) -> String {
    let mut name = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
        if name.chars().count() >= NAME_CHARS {
            break;
        }
    }
    name.trim_end_matches('-').to_string()
}

fn too_long(path: &Path, line: usize) -> ImportError {
    ImportError::at(path, Some(line), too_long_message())
}

/// What is wrong with a row over [`ROW_CAP`].
fn too_long_message() -> String {
    format!(
        "the row is longer than {} MB (a quote never closed?)",
        ROW_CAP >> 20
    )
}

/// The CSV reader's error with the row's line where it has one.
fn csv_error(path: &Path, error: &csv::Error) -> ImportError {
    let line = error.position().map(|p| p.line() as usize);
    let message = match error.kind() {
        csv::ErrorKind::Io(e) => e.to_string(),
        csv::ErrorKind::Utf8 { .. } => "the text is not UTF-8".to_string(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => error.to_string(),
    };
    ImportError::at(path, line, message)
}

/// `"a", "b", "c"`.
fn quoted_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(|i| format!("{i:?}")).collect();
    match items.is_empty() {
        true => "no columns".to_string(),
        false => items.join(", "),
    }
}

/// A reader that refuses to give the CSV reader more than [`ROW_CAP`] bytes for one row:
/// the CSV reader buffers a row whole, and a quote that never closes makes the rest of the
/// file one row. `row_started` marks where each row begins.
struct CappedRows<R> {
    inner: R,
    read: usize,
    row_start: usize,
}

impl<R: Read> CappedRows<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            read: 0,
            row_start: 0,
        }
    }

    /// A row begins: what the CSV reader has not yet used counts toward it, at most the
    /// size of its buffer.
    fn row_started(&mut self) {
        self.row_start = self.read;
    }
}

impl<R: Read> Read for CappedRows<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.read - self.row_start > ROW_CAP {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                too_long_message(),
            ));
        }
        let n = self.inner.read(buf)?;
        self.read += n;
        Ok(n)
    }
}
