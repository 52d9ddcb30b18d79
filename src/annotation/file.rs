//! The annotation file, format "gloss/1": JSON holding the article text and every confirmed
//! annotation, with keys and annotations in a stable order so that versions diff cleanly.
//!
//! Offsets in the file are Unicode code point offsets into "text", end exclusive; in memory
//! they are byte offsets. The conversion happens here and nowhere else.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::anchor::{self, Quote};
use super::model::{Annotation, AnnotationSet, Kind};
use crate::text::offsets::CharIndex;

/// The format tag this version reads and writes.
pub const FORMAT: &str = "gloss/1";
/// Characters of context kept on each side of an annotation.
pub const CONTEXT_CHARS: usize = 32;

/// The whole file as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// Where the article came from (a path, "stdin", a URL).
    pub source: String,
    /// The article's title.
    pub title: String,
    /// "blake3:" and the hex BLAKE3 hash of "text".
    pub fingerprint: String,
    /// Confirmed annotations in order of (start, end, kind, id).
    pub annotations: Vec<StoredAnnotation>,
    /// Annotations that could not be placed in the current text, kept so that none is lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<StoredAnnotation>,
    /// Suggestions the user rejected, not offered again in this article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejection>,
    /// The article text the offsets refer to.
    pub text: String,
}

/// One annotation as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredAnnotation {
    /// Identifier, unique in the file.
    pub id: String,
    /// "entity" or "claim".
    pub kind: Kind,
    /// The label name.
    pub label: String,
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// Exactly the covered text.
    pub text: String,
    /// Up to 32 characters before the annotation.
    pub prefix: String,
    /// Up to 32 characters after it.
    pub suffix: String,
    /// Canonical actor name of an entity.
    #[serde(default)]
    pub actor: Option<String>,
    /// Id of the entity that speaks a claim.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The user's note.
    #[serde(default)]
    pub note: Option<String>,
    /// RFC 3339 creation time.
    pub created: String,
    /// RFC 3339 time of the last change.
    pub modified: String,
}

/// A rejected suggestion: for an entity, every mention of that actor with that label; for
/// a claim, that claim text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// "entity" or "claim".
    pub kind: Kind,
    /// The suggested label.
    pub label: String,
    /// The actor's canonical name, or the claim's text.
    pub name: String,
}

/// Why an annotation file could not be read. gloss never writes over such a file.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file could not be read.
    #[error("{}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        error: std::io::Error,
    },
    /// The JSON does not parse or does not have the expected fields.
    #[error("{path}: line {line}, column {column}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file is of a format this version does not know.
    #[error("{path}: unknown format {format:?} (this gloss reads {FORMAT:?})")]
    UnknownFormat {
        /// The file.
        path: PathBuf,
        /// The format it declares.
        format: String,
    },
    /// An annotation's offsets fall outside the text or are reversed.
    #[error(
        "{path}: annotation {id:?}: offsets {start}..{end} outside the text ({len} characters)"
    )]
    BadOffsets {
        /// The file.
        path: PathBuf,
        /// The annotation.
        id: String,
        /// Its start.
        start: usize,
        /// Its end.
        end: usize,
        /// The text length in code points.
        len: usize,
    },
    /// Two annotations share an id.
    #[error("{path}: annotation id {id:?} is used twice")]
    DuplicateId {
        /// The file.
        path: PathBuf,
        /// The id.
        id: String,
    },
}

/// The fingerprint of an article text.
pub fn fingerprint(text: &str) -> String {
    format!("blake3:{}", blake3::hash(text.as_bytes()).to_hex())
}

/// Parses an annotation file, checking its format and offsets.
pub fn parse(path: &Path, json: &str) -> Result<AnnotationFile, FileError> {
    #[derive(Deserialize)]
    struct FormatOnly {
        format: Option<String>,
    }
    let parse_error = |e: serde_json::Error| FileError::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    };
    let head: FormatOnly = serde_json::from_str(json).map_err(parse_error)?;
    match head.format.as_deref() {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(FileError::UnknownFormat {
                path: path.to_path_buf(),
                format: other.to_string(),
            });
        }
        None => {
            return Err(FileError::Parse {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: "missing field `format`".into(),
            });
        }
    }
    let file: AnnotationFile = serde_json::from_str(json).map_err(parse_error)?;
    let len = file.text.chars().count();
    let mut seen = std::collections::HashSet::new();
    for a in file.annotations.iter().chain(&file.unplaced) {
        if !seen.insert(a.id.as_str()) {
            return Err(FileError::DuplicateId {
                path: path.to_path_buf(),
                id: a.id.clone(),
            });
        }
    }
    for a in &file.annotations {
        if a.start > a.end || a.end > len {
            return Err(FileError::BadOffsets {
                path: path.to_path_buf(),
                id: a.id.clone(),
                start: a.start,
                end: a.end,
                len,
            });
        }
    }
    Ok(file.cleaned())
}

/// `text` cleaned of everything that could drive a terminal (see [`crate::text::clean`]).
fn cleaned_string(text: &mut String) {
    if let std::borrow::Cow::Owned(clean) = crate::text::clean::clean(text) {
        *text = clean;
    }
}

impl StoredAnnotation {
    /// Cleans every text field in place.
    fn clean_fields(&mut self) {
        for field in [
            &mut self.id,
            &mut self.label,
            &mut self.text,
            &mut self.prefix,
            &mut self.suffix,
            &mut self.created,
            &mut self.modified,
        ] {
            cleaned_string(field);
        }
        for field in [&mut self.actor, &mut self.speaker, &mut self.note]
            .into_iter()
            .flatten()
        {
            cleaned_string(field);
        }
    }
}

impl AnnotationFile {
    /// The file with every text field cleaned of control characters, escape sequences and
    /// bidi controls: annotation files may come from anyone (edited by hand, imported from
    /// another tool). When the article text itself had to be cleaned, the annotations are
    /// placed again in the cleaned text by their quotes, so every offset stays right.
    pub fn cleaned(mut self) -> AnnotationFile {
        for field in [&mut self.source, &mut self.title] {
            cleaned_string(field);
        }
        for a in self.annotations.iter_mut().chain(self.unplaced.iter_mut()) {
            a.clean_fields();
        }
        for r in &mut self.rejected {
            cleaned_string(&mut r.label);
            cleaned_string(&mut r.name);
        }
        let std::borrow::Cow::Owned(text) = crate::text::clean::clean(&self.text) else {
            return self;
        };
        let placed = place(&self, &text);
        let chars = CharIndex::new(&text);
        let header = Header {
            source: &self.source,
            title: &self.title,
            text: &text,
            chars: &chars,
        };
        build(
            header,
            &placed.annotations,
            &placed.unplaced,
            &self.rejected,
        )
    }
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// The annotations of a file placed in an article's text.
#[derive(Debug, Clone, Default)]
pub struct Placed {
    /// Annotations placed in the text.
    pub annotations: AnnotationSet,
    /// Annotations whose quote is no longer in the text.
    pub unplaced: Vec<StoredAnnotation>,
    /// True when the file's text differs from the article's.
    pub text_changed: bool,
    /// How many annotations had to be re-found by their quote and context.
    pub moved: usize,
}

/// Places the file's annotations in `text` (the article as read now). Where the file's text
/// is the same and each quote matches its offsets this is a plain conversion; otherwise each
/// annotation is re-found by its quote and context, and one that cannot be found is kept as
/// unplaced.
pub fn place(file: &AnnotationFile, text: &str) -> Placed {
    let file_chars = CharIndex::new(&file.text);
    let text_changed = file.text != text;
    let mut placed = Vec::with_capacity(file.annotations.len());
    let mut unplaced = Vec::new();
    let mut moved = 0;
    // Annotations unplaced before are looked for again when the text changed: their text may
    // be back.
    for stored in &file.unplaced {
        let found = text_changed
            .then(|| {
                anchor::find(
                    text,
                    Quote {
                        exact: &stored.text,
                        prefix: &stored.prefix,
                        suffix: &stored.suffix,
                        hint: 0,
                    },
                )
            })
            .flatten();
        match found {
            Some(range) => {
                moved += 1;
                placed.push(from_stored(stored, range));
            }
            None => unplaced.push(stored.clone()),
        }
    }
    for stored in &file.annotations {
        let old = byte_range(&file.text, &file_chars, stored.start, stored.end);
        let in_place = !text_changed
            && old
                .as_ref()
                .is_some_and(|r| file.text[r.clone()] == stored.text);
        let range = if in_place {
            old
        } else {
            let hint = old.map(|r| r.start).unwrap_or(0);
            let found = anchor::find(
                text,
                Quote {
                    exact: &stored.text,
                    prefix: &stored.prefix,
                    suffix: &stored.suffix,
                    hint,
                },
            );
            moved += usize::from(found.is_some());
            found
        };
        match range {
            Some(range) => placed.push(from_stored(stored, range)),
            None => unplaced.push(stored.clone()),
        }
    }
    Placed {
        annotations: AnnotationSet::from_vec(placed),
        unplaced,
        text_changed,
        moved,
    }
}

fn byte_range(text: &str, chars: &CharIndex, start: usize, end: usize) -> Option<Range<usize>> {
    Some(chars.char_to_byte(text, start)?..chars.char_to_byte(text, end)?)
}

fn from_stored(stored: &StoredAnnotation, range: Range<usize>) -> Annotation {
    Annotation {
        id: stored.id.clone(),
        kind: stored.kind,
        label: stored.label.clone(),
        range,
        actor: stored.actor.clone(),
        speaker: stored.speaker.clone(),
        note: stored.note.clone(),
        created: stored.created.clone(),
        modified: stored.modified.clone(),
    }
}

/// The stored form of an annotation placed in `text`.
pub fn to_stored(annotation: &Annotation, text: &str, chars: &CharIndex) -> StoredAnnotation {
    let range = annotation.range.clone();
    let prefix_start = text[..range.start]
        .char_indices()
        .rev()
        .take(CONTEXT_CHARS)
        .last()
        .map_or(range.start, |(i, _)| i);
    let suffix_end = text[range.end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| range.end + i);
    StoredAnnotation {
        id: annotation.id.clone(),
        kind: annotation.kind,
        label: annotation.label.clone(),
        start: chars.byte_to_char(text, range.start),
        end: chars.byte_to_char(text, range.end),
        text: text[range.clone()].to_string(),
        prefix: text[prefix_start..range.start].to_string(),
        suffix: text[range.end..suffix_end].to_string(),
        actor: annotation.actor.clone(),
        speaker: annotation.speaker.clone(),
        note: annotation.note.clone(),
        created: annotation.created.clone(),
        modified: annotation.modified.clone(),
    }
}

/// What a file holds besides its annotations.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    /// Where the article came from.
    pub source: &'a str,
    /// The article title.
    pub title: &'a str,
    /// The article text.
    pub text: &'a str,
    /// Offsets of `text`.
    pub chars: &'a CharIndex,
}

/// Builds the file for an article and its annotations.
pub fn build(
    header: Header<'_>,
    annotations: &AnnotationSet,
    unplaced: &[StoredAnnotation],
    rejected: &[Rejection],
) -> AnnotationFile {
    AnnotationFile {
        format: FORMAT.to_string(),
        source: header.source.to_string(),
        title: header.title.to_string(),
        fingerprint: fingerprint(header.text),
        annotations: annotations
            .iter()
            .map(|a| to_stored(a, header.text, header.chars))
            .collect(),
        unplaced: unplaced.to_vec(),
        rejected: rejected.to_vec(),
        text: header.text.to_string(),
    }
}

/// The file as pretty-printed JSON with a final newline.
pub fn to_json(file: &AnnotationFile) -> String {
    let json = serde_json::to_string_pretty(file).expect("annotation file serialises");
    let mut json = crate::text::json::escape_controls(&json).into_owned();
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_set(text: &str) -> AnnotationSet {
        let start = text.find("Putin").unwrap();
        AnnotationSet::from_vec(vec![Annotation {
            id: "a1".into(),
            kind: Kind::Entity,
            label: "Person".into(),
            range: start..start + "Putin".len(),
            actor: Some("Vladimir Putin".into()),
            speaker: None,
            note: Some("line one\nline two".into()),
            created: "2026-01-01T00:00:00Z".into(),
            modified: "2026-01-01T00:00:00Z".into(),
        }])
    }

    #[test]
    fn round_trip_keeps_everything_and_offsets_are_code_points() {
        let text = "世界 é 👩‍👩‍👧 Putin said.";
        let chars = CharIndex::new(text);
        let set = sample_set(text);
        let header = Header {
            source: "x.txt",
            title: "T",
            text,
            chars: &chars,
        };
        let file = build(header, &set, &[], &[]);
        let stored = &file.annotations[0];
        let as_chars: Vec<char> = text.chars().collect();
        let sliced: String = as_chars[stored.start..stored.end].iter().collect();
        assert_eq!(sliced, "Putin");
        assert_eq!(stored.prefix, "世界 é 👩‍👩‍👧 ");
        let json = to_json(&file);
        let parsed = parse(Path::new("x"), &json).unwrap();
        assert_eq!(parsed, file);
        let placed = place(&parsed, text);
        assert!(!placed.text_changed);
        assert_eq!(placed.annotations.iter().next(), set.iter().next());
    }

    #[test]
    fn changed_text_re_finds_or_keeps_unplaced() {
        let text = "Putin said. Xi agreed.";
        let chars = CharIndex::new(text);
        let mut set = sample_set(text);
        let first = set.iter().next().unwrap().clone();
        set.insert(Annotation {
            id: "a2".into(),
            range: 12..14,
            actor: None,
            note: None,
            ..first
        });
        let file = build(
            Header {
                source: "s",
                title: "t",
                text,
                chars: &chars,
            },
            &set,
            &[],
            &[],
        );
        let new_text = "Yesterday Putin said so.";
        let placed = place(&file, new_text);
        assert!(placed.text_changed);
        assert_eq!(placed.annotations.len(), 1);
        assert_eq!(placed.annotations.iter().next().unwrap().range, 10..15);
        assert_eq!(placed.unplaced.len(), 1);
        assert_eq!(placed.unplaced[0].text, "Xi");
    }

    #[test]
    fn bad_files_say_where() {
        let err = parse(
            Path::new("f.json"),
            "{\"format\": \"gloss/1\",\n \"oops\": 1}",
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("f.json: line 2, column"),
            "{err}"
        );
        let err = parse(Path::new("f.json"), "{\"format\": \"gloss/9\"}").unwrap_err();
        assert!(err.to_string().contains("unknown format \"gloss/9\""));
        let err = parse(Path::new("f.json"), "not json").unwrap_err();
        assert!(err.to_string().contains("line 1, column"), "{err}");
    }
}
