//! The annotation file, format "gloss/1": JSON holding the article text and every confirmed
//! annotation, with keys and annotations in a stable order so that versions diff cleanly.
//!
//! Offsets in the file are Unicode code point offsets into "text", end exclusive; in memory
//! they are byte offsets. The conversion happens here and nowhere else.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::anchor::{self, Quote};
use super::model::{Annotation, AnnotationSet, Kind};
use super::store::Fingerprint;
use crate::text::offsets::CharIndex;

/// The format tag this version reads and writes.
pub const FORMAT: &str = "gloss/1";
/// Characters of context kept on each side of an annotation.
pub const CONTEXT_CHARS: usize = 32;

/// How an annotation file's name ends (`article.txt.gloss.json`, or an article kept as its
/// annotation file alone).
pub const SUFFIX: &str = ".gloss.json";

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
    /// When the article was published, as its source gave it (an import's date column);
    /// absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the coding of the article stands: `"done"` once the user marked it done; absent
    /// otherwise (then it is "new" without annotations, "started" with). Another value,
    /// written by hand or by a later gloss, is kept as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
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

/// A string of an annotation file as parsed: borrowed from the JSON where it holds no
/// escape, so that reading a file does not allocate for each of its strings.
#[derive(Debug, Clone)]
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<'a>(std::marker::PhantomData<&'a str>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visitor<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                // As for a `String`, so that errors read the same.
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_string(Visitor(std::marker::PhantomData))
    }
}

impl Text<'_> {
    fn as_str(&self) -> &str {
        &self.0
    }

    /// Cleans the string in place (see [`crate::text::clean`]).
    fn clean(&mut self) {
        if let Cow::Owned(clean) = crate::text::clean::clean(&self.0) {
            self.0 = Cow::Owned(clean);
        }
    }

    fn into_string(self) -> String {
        self.0.into_owned()
    }
}

/// [`AnnotationFile`] as parsed, its strings borrowed from the JSON: the same fields, read
/// the same way (so errors are the same), without an allocation for each string.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile<'a> {
    #[serde(borrow)]
    format: Text<'a>,
    #[serde(borrow)]
    source: Text<'a>,
    #[serde(borrow)]
    title: Text<'a>,
    #[serde(default, borrow)]
    date: Option<Text<'a>>,
    #[serde(default, borrow)]
    status: Option<Text<'a>>,
    #[serde(borrow)]
    fingerprint: Text<'a>,
    #[serde(borrow)]
    annotations: Vec<RawAnnotation<'a>>,
    #[serde(default, borrow)]
    unplaced: Vec<RawAnnotation<'a>>,
    #[serde(default)]
    rejected: Vec<Rejection>,
    #[serde(borrow)]
    text: Text<'a>,
}

/// [`StoredAnnotation`] as parsed, its strings borrowed from the JSON.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnnotation<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    kind: Kind,
    #[serde(borrow)]
    label: Text<'a>,
    start: usize,
    end: usize,
    #[serde(borrow)]
    text: Text<'a>,
    #[serde(borrow)]
    prefix: Text<'a>,
    #[serde(borrow)]
    suffix: Text<'a>,
    #[serde(default, borrow)]
    actor: Option<Text<'a>>,
    #[serde(default, borrow)]
    speaker: Option<Text<'a>>,
    #[serde(default, borrow)]
    note: Option<Text<'a>>,
    #[serde(borrow)]
    created: Text<'a>,
    #[serde(borrow)]
    modified: Text<'a>,
}

impl RawAnnotation<'_> {
    /// Cleans every text field in place, as [`StoredAnnotation::clean_fields`] does.
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
            field.clean();
        }
        for field in [&mut self.actor, &mut self.speaker, &mut self.note]
            .into_iter()
            .flatten()
        {
            field.clean();
        }
    }

    fn fields(&self) -> Fields<'_> {
        Fields {
            id: self.id.as_str(),
            kind: self.kind,
            label: self.label.as_str(),
            start: self.start,
            end: self.end,
            text: self.text.as_str(),
            prefix: self.prefix.as_str(),
            suffix: self.suffix.as_str(),
            actor: self.actor.as_ref().map(Text::as_str),
            speaker: self.speaker.as_ref().map(Text::as_str),
            note: self.note.as_ref().map(Text::as_str),
            created: self.created.as_str(),
            modified: self.modified.as_str(),
        }
    }

    fn into_stored(self) -> StoredAnnotation {
        StoredAnnotation {
            id: self.id.into_string(),
            kind: self.kind,
            label: self.label.into_string(),
            start: self.start,
            end: self.end,
            text: self.text.into_string(),
            prefix: self.prefix.into_string(),
            suffix: self.suffix.into_string(),
            actor: self.actor.map(Text::into_string),
            speaker: self.speaker.map(Text::into_string),
            note: self.note.map(Text::into_string),
            created: self.created.into_string(),
            modified: self.modified.into_string(),
        }
    }
}

impl RawFile<'_> {
    fn into_owned(self) -> AnnotationFile {
        AnnotationFile {
            format: self.format.into_string(),
            source: self.source.into_string(),
            title: self.title.into_string(),
            date: self.date.map(Text::into_string),
            status: self.status.map(Text::into_string),
            fingerprint: self.fingerprint.into_string(),
            annotations: self
                .annotations
                .into_iter()
                .map(RawAnnotation::into_stored)
                .collect(),
            unplaced: self
                .unplaced
                .into_iter()
                .map(RawAnnotation::into_stored)
                .collect(),
            rejected: self.rejected,
            text: self.text.into_string(),
        }
    }
}

/// Parses an annotation file, checking its format and offsets.
pub fn parse(path: &Path, json: &str) -> Result<AnnotationFile, FileError> {
    Ok(parse_raw(path, json)?.into_owned().cleaned())
}

/// An annotation file given on its own as the article: the article's text (the file's
/// text, cleaned as [`parse`] cleans it, then again as the text of any article is), and the
/// file's annotations placed in it, as [`load`] places them.
pub fn load_as_article(path: &Path, json: &str) -> Result<(String, Loaded), FileError> {
    let file = parse_raw(path, json)?;
    let once = match crate::text::clean::clean(file.text.as_str()) {
        Cow::Owned(clean) => clean,
        Cow::Borrowed(_) => file.text.as_str().to_string(),
    };
    // Cleaning twice differs from cleaning once only where a removed control stood between
    // combining marks.
    let text = match crate::text::clean::clean(&once) {
        Cow::Owned(clean) => clean,
        Cow::Borrowed(_) => once,
    };
    let loaded = load_raw(file, &text);
    Ok((text, loaded))
}

/// An annotation file as it was read for the article made of its text: kept with that
/// article ([`crate::document::Document::preread`]) so that the session opened over it takes
/// the annotations from here when the file still holds the same bytes, instead of parsing
/// it again.
#[derive(Debug, Clone)]
pub struct Preread {
    bytes: Fingerprint,
    text: Fingerprint,
    loaded: Loaded,
}

impl Preread {
    /// What was read from a file of `bytes`, placed in article text `text`.
    pub fn new(bytes: Fingerprint, text: &str, loaded: Loaded) -> Self {
        Self {
            bytes,
            text: Fingerprint::of(text.as_bytes()),
            loaded,
        }
    }

    /// What [`load`] gives for a file of `bytes` and article text `text`, when they are
    /// those this was read from.
    pub fn take_if(self, bytes: &Fingerprint, text: &str) -> Option<Loaded> {
        (self.bytes == *bytes && self.text == Fingerprint::of(text.as_bytes()))
            .then_some(self.loaded)
    }
}

/// An annotation file read for an article: what a session keeps of it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The file's "source", cleaned.
    pub source: String,
    /// The file's "date", cleaned.
    pub date: Option<String>,
    /// The file's "status", cleaned.
    pub status: Option<String>,
    /// The file's rejected suggestions, cleaned.
    pub rejected: Vec<Rejection>,
    /// Its annotations placed in the article's text.
    pub placed: Placed,
}

impl Loaded {
    /// A parsed file's annotations placed in `text`.
    pub fn placing(file: &AnnotationFile, text: &str) -> Loaded {
        Loaded {
            source: file.source.clone(),
            date: file.date.clone(),
            status: file.status.clone(),
            rejected: file.rejected.clone(),
            placed: place(file, text),
        }
    }
}

/// Parses an annotation file and places its annotations in `text` (the article as read now):
/// the same as [`parse`] then [`place`], with each string copied once, into the annotation
/// that keeps it, rather than three times.
pub fn load(path: &Path, json: &str, text: &str) -> Result<Loaded, FileError> {
    Ok(load_raw(parse_raw(path, json)?, text))
}

/// [`load`] of a file once parsed.
fn load_raw(mut file: RawFile<'_>, text: &str) -> Loaded {
    if let Cow::Owned(_) = crate::text::clean::clean(file.text.as_str()) {
        // The file's own text had to be cleaned: its annotations are first placed in the
        // cleaned text (`AnnotationFile::cleaned`), which this rare case does the long way.
        return Loaded::placing(&file.into_owned().cleaned(), text);
    }
    file.source.clean();
    for field in [&mut file.date, &mut file.status].into_iter().flatten() {
        field.clean();
    }
    for a in file.annotations.iter_mut().chain(file.unplaced.iter_mut()) {
        a.clean_fields();
    }
    let mut rejected = file.rejected;
    for r in &mut rejected {
        cleaned_string(&mut r.label);
        cleaned_string(&mut r.name);
    }
    let placed = place_fields(
        file.text.as_str(),
        file.unplaced.iter().map(RawAnnotation::fields),
        file.annotations.iter().map(RawAnnotation::fields),
        file.annotations.len(),
        text,
    );
    Loaded {
        source: file.source.into_string(),
        date: file.date.map(Text::into_string),
        status: file.status.map(Text::into_string),
        rejected,
        placed,
    }
}

/// Parses an annotation file without cleaning it, checking its format, its ids and its
/// offsets.
fn parse_raw<'a>(path: &Path, json: &'a str) -> Result<RawFile<'a>, FileError> {
    let parse_error = |e: serde_json::Error| FileError::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    };
    let file: RawFile<'_> = match serde_json::from_str(json) {
        Ok(file) => file,
        // The format is judged first: a file of another format is reported as that, not by
        // the first field this version does not know.
        Err(error) => return Err(format_error(path, json).unwrap_or_else(|| parse_error(error))),
    };
    if file.format.as_str() != FORMAT {
        return Err(FileError::UnknownFormat {
            path: path.to_path_buf(),
            format: file.format.into_string(),
        });
    }
    let len = file.text.as_str().chars().count();
    let mut seen = std::collections::HashSet::with_capacity(file.annotations.len());
    for a in file.annotations.iter().chain(&file.unplaced) {
        if !seen.insert(a.id.as_str()) {
            return Err(FileError::DuplicateId {
                path: path.to_path_buf(),
                id: a.id.as_str().to_string(),
            });
        }
    }
    for a in &file.annotations {
        if a.start > a.end || a.end > len {
            return Err(FileError::BadOffsets {
                path: path.to_path_buf(),
                id: a.id.as_str().to_string(),
                start: a.start,
                end: a.end,
                len,
            });
        }
    }
    Ok(file)
}

/// What is wrong with the "format" of a file that does not parse, if that is what is wrong
/// with it: not JSON, a format missing or of another version.
fn format_error(path: &Path, json: &str) -> Option<FileError> {
    #[derive(Deserialize)]
    struct FormatOnly<'a> {
        #[serde(borrow)]
        format: Option<Text<'a>>,
    }
    let head: FormatOnly<'_> = match serde_json::from_str(json) {
        Ok(head) => head,
        Err(e) => {
            return Some(FileError::Parse {
                path: path.to_path_buf(),
                line: e.line(),
                column: e.column(),
                message: strip_position(&e.to_string()),
            });
        }
    };
    match head.format {
        Some(format) if format.as_str() == FORMAT => None,
        Some(other) => Some(FileError::UnknownFormat {
            path: path.to_path_buf(),
            format: other.into_string(),
        }),
        None => Some(FileError::Parse {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "missing field `format`".into(),
        }),
    }
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

    fn fields(&self) -> Fields<'_> {
        Fields {
            id: &self.id,
            kind: self.kind,
            label: &self.label,
            start: self.start,
            end: self.end,
            text: &self.text,
            prefix: &self.prefix,
            suffix: &self.suffix,
            actor: self.actor.as_deref(),
            speaker: self.speaker.as_deref(),
            note: self.note.as_deref(),
            created: &self.created,
            modified: &self.modified,
        }
    }
}

impl AnnotationFile {
    /// The file with every text field cleaned of control characters, escape sequences and
    /// bidi controls: annotation files may come from anyone (edited by hand, imported from
    /// another tool). When the article text itself had to be cleaned, the annotations are
    /// placed again in the cleaned text by their quotes, so every offset stays right.
    pub fn cleaned(mut self) -> AnnotationFile {
        for field in [&mut self.source, &mut self.title]
            .into_iter()
            .chain(self.date.as_mut())
            .chain(self.status.as_mut())
        {
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
    place_fields(
        &file.text,
        file.unplaced.iter().map(StoredAnnotation::fields),
        file.annotations.iter().map(StoredAnnotation::fields),
        file.annotations.len(),
        text,
    )
}

/// An annotation of a file, borrowed: what placing it needs, and what it is made of.
#[derive(Debug, Clone, Copy)]
struct Fields<'a> {
    id: &'a str,
    kind: Kind,
    label: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    actor: Option<&'a str>,
    speaker: Option<&'a str>,
    note: Option<&'a str>,
    created: &'a str,
    modified: &'a str,
}

impl Fields<'_> {
    fn quote(&self, hint: usize) -> Quote<'_> {
        Quote {
            exact: self.text,
            prefix: self.prefix,
            suffix: self.suffix,
            hint,
        }
    }

    /// The annotation placed at `range`.
    fn annotation(&self, range: Range<usize>) -> Annotation {
        Annotation {
            id: self.id.to_string(),
            kind: self.kind,
            label: self.label.to_string(),
            range,
            actor: self.actor.map(str::to_string),
            speaker: self.speaker.map(str::to_string),
            note: self.note.map(str::to_string),
            created: self.created.to_string(),
            modified: self.modified.to_string(),
        }
    }

    /// The annotation as stored, unplaced.
    fn stored(&self) -> StoredAnnotation {
        StoredAnnotation {
            id: self.id.to_string(),
            kind: self.kind,
            label: self.label.to_string(),
            start: self.start,
            end: self.end,
            text: self.text.to_string(),
            prefix: self.prefix.to_string(),
            suffix: self.suffix.to_string(),
            actor: self.actor.map(str::to_string),
            speaker: self.speaker.map(str::to_string),
            note: self.note.map(str::to_string),
            created: self.created.to_string(),
            modified: self.modified.to_string(),
        }
    }
}

/// [`place`] over the annotations of a file whose text is `file_text`: those it had left
/// unplaced, then its placed ones (`count` of them).
fn place_fields<'a>(
    file_text: &str,
    unplaced_before: impl Iterator<Item = Fields<'a>>,
    annotations: impl Iterator<Item = Fields<'a>>,
    count: usize,
    text: &str,
) -> Placed {
    let file_chars = CharIndex::new(file_text);
    let text_changed = file_text != text;
    let mut placed = Vec::with_capacity(count);
    let mut unplaced = Vec::new();
    let mut moved = 0;
    // Annotations unplaced before are looked for again when the text changed: their text may
    // be back.
    for stored in unplaced_before {
        let found = text_changed
            .then(|| anchor::find(text, stored.quote(0)))
            .flatten();
        match found {
            Some(range) => {
                moved += 1;
                placed.push(stored.annotation(range));
            }
            None => unplaced.push(stored.stored()),
        }
    }
    for stored in annotations {
        let old = byte_range(file_text, &file_chars, stored.start, stored.end);
        let in_place = !text_changed
            && old
                .as_ref()
                .is_some_and(|r| file_text[r.clone()] == *stored.text);
        let range = if in_place {
            old
        } else {
            let hint = old.map(|r| r.start).unwrap_or(0);
            let found = anchor::find(text, stored.quote(hint));
            moved += usize::from(found.is_some());
            found
        };
        match range {
            Some(range) => placed.push(stored.annotation(range)),
            None => unplaced.push(stored.stored()),
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
    build_known(
        header,
        fingerprint(header.text),
        annotations.iter(),
        unplaced,
        rejected,
    )
}

/// [`build`] for a text whose fingerprint is known, from annotations in order.
pub fn build_known<'a>(
    header: Header<'_>,
    text_fingerprint: String,
    annotations: impl Iterator<Item = &'a Annotation>,
    unplaced: &[StoredAnnotation],
    rejected: &[Rejection],
) -> AnnotationFile {
    AnnotationFile {
        format: FORMAT.to_string(),
        source: header.source.to_string(),
        title: header.title.to_string(),
        date: None,
        status: None,
        fingerprint: text_fingerprint,
        annotations: annotations
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

    /// What `load` gives, as comparable values.
    fn loaded_parts(loaded: &Loaded) -> impl PartialEq + std::fmt::Debug {
        (
            loaded.source.clone(),
            loaded.rejected.clone(),
            loaded
                .placed
                .annotations
                .iter()
                .cloned()
                .collect::<Vec<_>>(),
            loaded.placed.unplaced.clone(),
            loaded.placed.text_changed,
            loaded.placed.moved,
        )
    }

    #[test]
    fn load_is_parse_then_place() {
        let json = |s: &str| serde_json::to_string(s).unwrap();
        let annotation = |id: &str, start: usize, end: usize, text: &str, note: &str| {
            let (text, note) = (json(text), json(note));
            format!(
                r#"{{"id": "{id}", "kind": "entity", "label": "Person\u001b[31m", "start": {start}, "end": {end},
                "text": {text}, "prefix": "said \"", "suffix": "\u0007 met", "actor": "Vladimir\u202e Putin",
                "speaker": null, "note": {note}, "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"}}"#
            )
        };
        let file = |text: &str, annotations: &[String], unplaced: &[String]| {
            format!(
                r#"{{"format": "gloss/1", "source": "a\u0007.txt", "title": "T", "fingerprint": "blake3:x",
                "annotations": [{}], "unplaced": [{}],
                "rejected": [{{"kind": "entity", "label": "Person\u0000", "name": "Xi"}}],
                "text": {}}}"#,
                annotations.join(","),
                unplaced.join(","),
                json(text)
            )
        };
        let files = [
            // The article as saved, with strings to clean and strings with escapes.
            file(
                "Putin met Xi.\nLater Putin said no.",
                &[
                    annotation("a1", 0, 5, "Putin", "line\nbreak"),
                    annotation("a2", 20, 25, "Putin", "plain"),
                    annotation("a3", 10, 12, "Yi", "stale quote"),
                ],
                &[annotation("a4", 0, 2, "Xi", "gone")],
            ),
            // A text that must itself be cleaned: annotations placed again in it first.
            file(
                "Putin\u{1b}[2J met Xi.",
                &[
                    annotation("a1", 0, 5, "Putin", ""),
                    annotation("a2", 14, 16, "Xi", ""),
                ],
                &[],
            ),
            // Not ASCII: offsets are code points.
            file(
                "世界 Putin 世界 Xi",
                &[annotation("a1", 3, 8, "Putin", "é")],
                &[],
            ),
        ];
        let articles = [
            "Putin met Xi.\nLater Putin said no.",
            "Yesterday Putin met Xi. Later Putin said no.",
            "Putin met Xi.",
            "世界 Putin 世界 Xi",
        ];
        for json in &files {
            let json = json.as_str();
            let path = Path::new("f.gloss.json");
            let parsed = parse(path, json).unwrap();
            let (own, loaded) = load_as_article(path, json).unwrap();
            let article = crate::text::clean::clean(&parsed.text).into_owned();
            assert_eq!(own, article);
            let expected = Loaded::placing(&parsed, &article);
            assert_eq!(loaded_parts(&loaded), loaded_parts(&expected), "{json}");
            for text in articles.iter().copied().chain([parsed.text.as_str()]) {
                let loaded = load(path, json, text).unwrap();
                let expected = Loaded::placing(&parsed, text);
                assert_eq!(
                    loaded_parts(&loaded),
                    loaded_parts(&expected),
                    "{json}\n{text}"
                );
            }
        }
    }

    #[test]
    fn every_way_of_reading_a_bad_file_gives_the_same_error() {
        let path = Path::new("f.json");
        let bad = [
            "not json",
            "{\"format\": \"gloss/9\", \"oops\": 1}",
            "{\"format\": \"gloss/1\",\n \"oops\": 1, \"x\": }",
            "{\"format\": 5}",
            "{\"source\": \"x\"}",
            r#"{"format": "gloss/1", "source": "s", "title": "t", "fingerprint": "f", "annotations": [
              {"id": "a1", "kind": "entity", "label": "L", "start": 0, "end": 9, "text": "x",
               "prefix": "", "suffix": "", "created": "", "modified": ""}], "text": "short"}"#,
            r#"{"format": "gloss/1", "source": "s", "title": "t", "fingerprint": "f", "annotations": [
              {"id": "a1", "kind": "entity", "label": "L", "start": 0, "end": 1, "text": "s",
               "prefix": "", "suffix": "", "created": "", "modified": ""}],
              "unplaced": [{"id": "a1", "kind": "entity", "label": "L", "start": 0, "end": 1,
               "text": "s", "prefix": "", "suffix": "", "created": "", "modified": 7}], "text": "short"}"#,
        ];
        for json in bad {
            let error = parse(path, json).unwrap_err().to_string();
            assert_eq!(load_as_article(path, json).unwrap_err().to_string(), error);
            assert_eq!(load(path, json, "short").unwrap_err().to_string(), error);
        }
        // The format is judged first, then the first error from the start.
        let unknown = parse(path, bad[1]).unwrap_err().to_string();
        assert!(unknown.contains("unknown format \"gloss/9\""), "{unknown}");
        let syntax = parse(path, bad[2]).unwrap_err().to_string();
        assert!(
            syntax.contains("line 2") && syntax.contains("expected value"),
            "{syntax}"
        );
        let offsets = parse(path, bad[5]).unwrap_err().to_string();
        assert!(
            offsets.contains("offsets 0..9 outside the text"),
            "{offsets}"
        );
        let typed = parse(path, bad[6]).unwrap_err().to_string();
        assert!(typed.contains("expected a string"), "{typed}");
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
