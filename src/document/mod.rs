//! The article as gloss reads it: its text, title, paragraphs and sentences.
//!
//! Offsets here are byte offsets into [`Document::text`]; [`Document::chars`] converts them to
//! the code point offsets that files store.

pub mod load;
pub mod markdown;
pub mod sentences;

use std::ops::Range;
use std::path::PathBuf;

use crate::text::offsets::CharIndex;

/// Where an article came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A plain-text or Markdown file.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// The sample article bundled with gloss.
    Sample,
    /// An annotation file opened on its own: its text is the article.
    AnnotationFile(PathBuf),
    /// A web page, by its address.
    Url(String),
}

impl Source {
    /// A short description for the status bar and the annotation file's "source" field.
    pub fn describe(&self) -> String {
        match self {
            Source::File(path) | Source::AnnotationFile(path) => path.display().to_string(),
            Source::Stdin => "stdin".to_string(),
            Source::Sample => "sample:xi-putin-treaty.txt".to_string(),
            Source::Url(url) => url.clone(),
        }
    }
}

/// One paragraph: its text range and the sentences in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range of the paragraph's text, without surrounding whitespace.
    pub range: Range<usize>,
    /// Indices into [`Document::sentences`].
    pub sentences: Range<usize>,
}

/// An article split into paragraphs and sentences.
#[derive(Debug, Clone)]
pub struct Document {
    /// The article text, cleaned of control characters.
    pub text: String,
    /// The first paragraph, shown as the title.
    pub title: String,
    /// Where the text came from.
    pub source: Source,
    /// Paragraphs in order; never empty (an empty text has one empty paragraph).
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in order, as byte ranges into `text`; never empty, and each paragraph has
    /// at least one.
    pub sentences: Vec<Range<usize>>,
    /// Byte and code point offset conversion for `text`.
    pub chars: CharIndex,
    /// For an article read from an annotation file, that file as it was read, so that
    /// opening a session over the article does not parse the file a second time.
    pub preread: Option<std::sync::Arc<crate::annotation::file::Preread>>,
}

/// Longest title kept, in characters; the title is only a label for lists and status bars.
const MAX_TITLE_CHARS: usize = 200;

impl Document {
    /// Splits `text` (already cleaned) into paragraphs at blank lines and into sentences.
    /// There is always at least one paragraph and one sentence: a text with none (empty, or
    /// only whitespace) is one empty paragraph at its start, so that every screen can index
    /// the first and the last.
    pub fn new(text: String, source: Source) -> Self {
        let mut ranges = paragraph_ranges(&text);
        if ranges.is_empty() {
            ranges.push(0..0);
        }
        let (paragraphs, sentences) = split_paragraphs(&text, ranges);
        let title = paragraphs
            .first()
            .map(|p| {
                let first_line = text[p.range.clone()].lines().next().unwrap_or_default();
                first_line.chars().take(MAX_TITLE_CHARS).collect()
            })
            .unwrap_or_default();
        let chars = CharIndex::new(&text);
        Self {
            text,
            title,
            source,
            paragraphs,
            sentences,
            chars,
            preread: None,
        }
    }

    /// A document of the start of `text`, about `bytes` of it (whole lines where they are
    /// not too long): enough to draw the first screen of a long article before all of it is
    /// split into sentences. It starts as the whole article's document does.
    pub fn head(text: &str, source: Source, bytes: usize) -> Self {
        let mut cut = text.floor_char_boundary(bytes.min(text.len()));
        // To the end of the line, so that the last line shown is wrapped as it will be.
        if let Some(line_end) = text[cut..].find('\n').filter(|&n| n <= bytes) {
            cut += line_end;
        }
        Self::new(text[..cut].to_string(), source)
    }

    /// The sentence containing byte offset `at`, or the nearest one before it.
    pub fn sentence_at(&self, at: usize) -> usize {
        match self.sentences.binary_search_by(|s| s.start.cmp(&at)) {
            Ok(index) => index,
            Err(0) => 0,
            Err(index) => index - 1,
        }
    }

    /// The paragraph containing sentence `sentence`.
    pub fn paragraph_of_sentence(&self, sentence: usize) -> usize {
        match self
            .paragraphs
            .binary_search_by(|p| p.sentences.start.cmp(&sentence))
        {
            Ok(index) => index,
            Err(index) => index.saturating_sub(1),
        }
    }

    /// The paragraph containing byte offset `at`, or the nearest one before it.
    pub fn paragraph_at(&self, at: usize) -> usize {
        match self.paragraphs.binary_search_by(|p| p.range.start.cmp(&at)) {
            Ok(index) => index,
            Err(index) => index.saturating_sub(1),
        }
    }

    /// The text of a byte range.
    pub fn slice(&self, range: Range<usize>) -> &str {
        &self.text[range]
    }

    /// Number of words (whitespace-separated runs) in the text.
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// Articles longer than this are split into sentences on every core: paragraphs split alone,
/// and a long article's splitting was the largest part of the time to its first frame.
const PARALLEL_SPLIT_BYTES: usize = 256 * 1024;

/// The paragraphs of `text` at `ranges`, with their sentences, split on every core when the
/// text is long.
fn split_paragraphs(text: &str, ranges: Vec<Range<usize>>) -> (Vec<Paragraph>, Vec<Range<usize>>) {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if text.len() < PARALLEL_SPLIT_BYTES || threads < 2 || ranges.len() < threads {
        return split_sequentially(text, &ranges);
    }
    // Cut the paragraphs into one run per core, of about equal bytes.
    let share = text.len() / threads + 1;
    let mut runs: Vec<&[Range<usize>]> = Vec::with_capacity(threads);
    let mut first = 0;
    for (index, range) in ranges.iter().enumerate() {
        let done = range.end >= share * (runs.len() + 1);
        if done && runs.len() + 1 < threads {
            runs.push(&ranges[first..=index]);
            first = index + 1;
        }
    }
    runs.push(&ranges[first..]);
    let parts: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .iter()
            .map(|run| scope.spawn(|| split_sequentially(text, run)))
            .collect();
        handles
            .into_iter()
            .map(|handle| match handle.join() {
                Ok(part) => part,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    let mut paragraphs = Vec::with_capacity(ranges.len());
    let mut sentences = Vec::with_capacity(parts.iter().map(|(_, s)| s.len()).sum());
    for (part_paragraphs, part_sentences) in parts {
        let offset = sentences.len();
        paragraphs.extend(part_paragraphs.into_iter().map(|p| Paragraph {
            range: p.range,
            sentences: p.sentences.start + offset..p.sentences.end + offset,
        }));
        sentences.extend(part_sentences);
    }
    (paragraphs, sentences)
}

/// The paragraphs at `ranges` with their sentences, numbered from 0.
fn split_sequentially(text: &str, ranges: &[Range<usize>]) -> (Vec<Paragraph>, Vec<Range<usize>>) {
    let mut paragraphs = Vec::with_capacity(ranges.len());
    let mut sentences = Vec::new();
    for range in ranges {
        let start = sentences.len();
        for sentence in sentences::split_sentences(&text[range.clone()]) {
            sentences.push(range.start + sentence.start..range.start + sentence.end);
        }
        if sentences.len() == start {
            sentences.push(range.clone());
        }
        paragraphs.push(Paragraph {
            range: range.clone(),
            sentences: start..sentences.len(),
        });
    }
    (paragraphs, sentences)
}

/// Byte ranges of the paragraphs of `text`: runs of lines separated by blank lines, trimmed.
fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                ranges.push(s..end);
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            if start.is_none() {
                start = Some(offset + lead);
            }
            end = offset + line.trim_end().len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        ranges.push(s..end);
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_starts_as_the_whole_document_does() {
        let paragraph = "Officials said the talks would resume. Nobody knew when.\n\n";
        let text = format!("Title\n\n{}", paragraph.repeat(200));
        let whole = Document::new(text.clone(), Source::Stdin);
        let head = Document::head(&text, Source::Stdin, 1_000);
        assert!(head.text.len() >= 1_000 && head.text.len() < 1_100);
        assert!(text.starts_with(&head.text));
        assert_eq!(head.title, whole.title);
        let whole_paragraphs = head.paragraphs.len() - 1;
        assert_eq!(
            head.paragraphs[..whole_paragraphs],
            whole.paragraphs[..whole_paragraphs]
        );
        let sentences = head.paragraphs[whole_paragraphs].sentences.start;
        assert_eq!(head.sentences[..sentences], whole.sentences[..sentences]);
        // One long line is cut at a character boundary.
        let line = "é".repeat(1_000);
        assert_eq!(Document::head(&line, Source::Stdin, 101).text.len(), 100);
        assert_eq!(Document::head("short", Source::Stdin, 1_000).text, "short");
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_are_trimmed() {
        let text = "  Title\n\nFirst line\nsecond line.\n \n\n Last. ";
        let ranges = paragraph_ranges(text);
        let parts: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(parts, ["Title", "First line\nsecond line.", "Last."]);
    }

    #[test]
    fn a_long_article_split_on_every_core_matches_the_split_in_one_pass() {
        let text = "Title\n\nOne. Two “three.” Four!\n\nFive? Six.\n".repeat(20_000);
        assert!(text.len() > PARALLEL_SPLIT_BYTES);
        let ranges = paragraph_ranges(&text);
        let (paragraphs, sentences) = split_paragraphs(&text, ranges.clone());
        let (one_paragraphs, one_sentences) = split_sequentially(&text, &ranges);
        assert_eq!(paragraphs, one_paragraphs);
        assert_eq!(sentences, one_sentences);
        let one = "Title\n\nOne. Two “three.” Four!\n\nFive? Six.\n";
        assert_eq!(
            sentences.len(),
            20_000 * Document::new(one.into(), Source::Stdin).sentences.len()
        );
    }

    #[test]
    fn document_knows_sentences_and_paragraphs() {
        let doc = Document::new("Title\n\nOne. Two.\n\nThree.".into(), Source::Stdin);
        assert_eq!(doc.title, "Title");
        assert_eq!(doc.paragraphs.len(), 3);
        assert_eq!(doc.sentences.len(), 4);
        assert_eq!(doc.paragraph_of_sentence(2), 1);
        assert_eq!(doc.paragraph_of_sentence(3), 2);
        assert_eq!(doc.sentence_at(doc.text.find("Two").unwrap()), 2);
    }

    #[test]
    fn a_text_without_paragraphs_still_has_one_paragraph_and_one_sentence() {
        for text in ["", " \n\n\t "] {
            let doc = Document::new(text.into(), Source::Stdin);
            assert_eq!(doc.paragraphs.len(), 1, "{text:?}");
            assert_eq!(doc.sentences, vec![0..0], "{text:?}");
            assert_eq!(doc.paragraphs[0].sentences, 0..1);
            assert_eq!(doc.sentence_at(0), 0);
        }
    }
}
