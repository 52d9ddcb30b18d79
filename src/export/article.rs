//! One annotation file checked and indexed for export: byte ranges beside the stored code
//! point offsets, lookup by id, and the article's sentences.

use std::collections::HashMap;
use std::ops::Range;

use super::ExportError;
use crate::annotation::Kind;
use crate::annotation::file::{AnnotationFile, CONTEXT_CHARS, StoredAnnotation};
use crate::document::{Document, Source};
use crate::text::offsets::CharIndex;

/// A placed annotation with its byte range in the article text.
#[derive(Debug, Clone)]
pub struct Span<'a> {
    /// The annotation as stored (offsets in code points).
    pub stored: &'a StoredAnnotation,
    /// Byte range of the annotation in the text.
    pub bytes: Range<usize>,
}

impl Span<'_> {
    /// True for an entity mention.
    pub fn is_entity(&self) -> bool {
        self.stored.kind == Kind::Entity
    }
}

/// An annotation file whose every placed annotation was checked against its text.
#[derive(Debug)]
pub struct Article<'a> {
    /// The file.
    pub file: &'a AnnotationFile,
    /// Position of the file in the exported collection, from 0.
    pub index: usize,
    /// Offset conversion for the text.
    pub chars: CharIndex,
    /// The placed annotations, in file order.
    pub spans: Vec<Span<'a>>,
    by_id: HashMap<&'a str, usize>,
}

impl<'a> Article<'a> {
    /// Checks that each annotation's offsets lie in the text and slice exactly its quoted
    /// text, and indexes the file.
    pub fn new(file: &'a AnnotationFile, index: usize) -> Result<Self, ExportError> {
        let text = file.text.as_str();
        let chars = CharIndex::new(text);
        let len = chars.len_chars();
        let mut spans = Vec::with_capacity(file.annotations.len());
        let mut by_id = HashMap::with_capacity(file.annotations.len());
        for stored in &file.annotations {
            let bytes = (stored.start <= stored.end)
                .then(|| {
                    Some(
                        chars.char_to_byte(text, stored.start)?
                            ..chars.char_to_byte(text, stored.end)?,
                    )
                })
                .flatten()
                .ok_or_else(|| ExportError::OutOfRange {
                    article: file.source.clone(),
                    id: stored.id.clone(),
                    start: stored.start,
                    end: stored.end,
                    len,
                })?;
            if text[bytes.clone()] != stored.text {
                return Err(ExportError::QuoteMismatch {
                    article: file.source.clone(),
                    id: stored.id.clone(),
                    start: stored.start,
                    end: stored.end,
                    quoted: stored.text.clone(),
                    found: text[bytes].to_string(),
                });
            }
            by_id.insert(stored.id.as_str(), spans.len());
            spans.push(Span { stored, bytes });
        }
        Ok(Self {
            file,
            index,
            chars,
            spans,
            by_id,
        })
    }

    /// The article text.
    pub fn text(&self) -> &'a str {
        &self.file.text
    }

    /// The placed annotation with `id`.
    pub fn get(&self, id: &str) -> Option<&Span<'a>> {
        self.by_id.get(id).map(|&i| &self.spans[i])
    }

    /// Index in [`Article::spans`] of the annotation with `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The speaker of a claim, when it has one that is placed in this article.
    pub fn speaker_of(&self, span: &Span<'_>) -> Option<&Span<'a>> {
        span.stored.speaker.as_deref().and_then(|id| self.get(id))
    }

    /// How many annotations name a speaker that is not placed in this article.
    pub fn dangling_speakers(&self) -> usize {
        self.spans
            .iter()
            .filter(|s| s.stored.speaker.is_some() && self.speaker_of(s).is_none())
            .count()
    }

    /// The name an entity's mentions group under: its actor, else its trimmed text.
    pub fn actor_name<'s>(&self, span: &'s Span<'a>) -> &'s str {
        span.stored
            .actor
            .as_deref()
            .unwrap_or_else(|| span.stored.text.trim())
    }

    /// Sentences as byte ranges: paragraphs are split at blank lines and each paragraph
    /// by [`crate::document::sentences::split_sentences`], as the reader does.
    pub fn sentences(&self) -> Vec<Range<usize>> {
        Document::new(self.file.text.clone(), Source::Stdin).sentences
    }

    /// The context of a span as the annotation file keeps it: up to
    /// [`CONTEXT_CHARS`] code points before and after, computed from the text.
    pub fn context(&self, span: &Span<'_>) -> (&'a str, &'a str) {
        let text = self.text();
        let before = &text[..span.bytes.start];
        let prefix_start = before
            .char_indices()
            .rev()
            .take(CONTEXT_CHARS)
            .last()
            .map_or(span.bytes.start, |(i, _)| i);
        let after = &text[span.bytes.end..];
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(text.len(), |(i, _)| span.bytes.end + i);
        (
            &text[prefix_start..span.bytes.start],
            &text[span.bytes.end..suffix_end],
        )
    }

    /// A short name for messages and file names: the title, else the source.
    pub fn display_name(&self) -> &str {
        if self.file.title.trim().is_empty() {
            &self.file.source
        } else {
            &self.file.title
        }
    }
}

/// The code point offset of byte offset `byte` in `article`.
pub(crate) fn cp(article: &Article<'_>, byte: usize) -> usize {
    article.chars.byte_to_char(article.text(), byte)
}
