//! Cursor motions inside a sentence: by grapheme and by word.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// True for a word segment (it has a letter or digit).
fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Word segments of `range` in `text` as absolute byte ranges.
fn words(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    text[range.clone()]
        .split_word_bound_indices()
        .filter(|(_, w)| is_word(w))
        .map(move |(i, w)| range.start + i..range.start + i + w.len())
}

/// The grapheme after the one at `at`, staying inside `range`.
pub fn next_grapheme(text: &str, range: Range<usize>, at: usize) -> usize {
    let rest = &text[at..range.end];
    let mut graphemes = rest.grapheme_indices(true);
    graphemes.next();
    graphemes.next().map_or(at, |(i, _)| at + i)
}

/// The grapheme before the one at `at`, staying inside `range`.
pub fn prev_grapheme(text: &str, range: Range<usize>, at: usize) -> usize {
    text[range.start..at]
        .grapheme_indices(true)
        .next_back()
        .map_or(at, |(i, _)| range.start + i)
}

/// The start of the next word after `at`, or `at` when there is none.
pub fn next_word(text: &str, range: Range<usize>, at: usize) -> usize {
    words(text, range)
        .find(|w| w.start > at)
        .map_or(at, |w| w.start)
}

/// The start of the word before `at` (or of the word `at` is inside).
pub fn prev_word(text: &str, range: Range<usize>, at: usize) -> usize {
    words(text, range)
        .take_while(|w| w.start < at)
        .last()
        .map_or(at, |w| w.start)
}

/// The last grapheme of the word at `at`, or of the next word when `at` is already on a
/// word's last grapheme or between words.
pub fn word_end(text: &str, range: Range<usize>, at: usize) -> usize {
    let last_grapheme = |w: &Range<usize>| prev_grapheme(text, w.clone(), w.end);
    words(text, range)
        .map(|w| last_grapheme(&w))
        .find(|&end| end > at)
        .unwrap_or(at)
}

/// The word containing `at`, if `at` is inside one.
pub fn word_at(text: &str, range: Range<usize>, at: usize) -> Option<Range<usize>> {
    words(text, range).find(|w| w.start <= at && at < w.end)
}

/// The selection from `anchor` to `cursor` (either order, both inclusive of their grapheme),
/// widened at each end to the whole word when the end lies inside a word.
pub fn selection_range(
    text: &str,
    sentence: Range<usize>,
    anchor: usize,
    cursor: usize,
) -> Range<usize> {
    let (first, last) = if anchor <= cursor {
        (anchor, cursor)
    } else {
        (cursor, anchor)
    };
    let start = word_at(text, sentence.clone(), first).map_or(first, |w| w.start);
    let last_end = next_grapheme(text, sentence.clone(), last).max(last);
    let last_end = if last_end == last {
        // `last` is the final grapheme of the sentence.
        sentence.end
    } else {
        last_end
    };
    let end = word_at(text, sentence, last).map_or(last_end, |w| w.end.max(last_end));
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Putin called the U.S. treaty “fruitful.”";

    #[test]
    fn word_motions() {
        let all = 0..TEXT.len();
        let called = TEXT.find("called").unwrap();
        assert_eq!(next_word(TEXT, all.clone(), 0), called);
        assert_eq!(prev_word(TEXT, all.clone(), called), 0);
        assert_eq!(prev_word(TEXT, all.clone(), called + 2), called);
        assert_eq!(word_end(TEXT, all.clone(), 0), 4);
        assert_eq!(word_end(TEXT, all.clone(), 4), called + 5);
        assert_eq!(next_grapheme(TEXT, all.clone(), 0), 1);
        assert_eq!(prev_grapheme(TEXT, all.clone(), 1), 0);
        assert_eq!(prev_grapheme(TEXT, all, 0), 0);
    }

    #[test]
    fn selections_snap_to_whole_words() {
        let all = 0..TEXT.len();
        let r = selection_range(TEXT, all.clone(), 1, 1);
        assert_eq!(&TEXT[r], "Putin");
        let us = TEXT.find("U.S.").unwrap();
        let r = selection_range(TEXT, all.clone(), us + 3, us);
        assert_eq!(&TEXT[r], "U.S.");
        let end = TEXT.len() - "”".len();
        let r = selection_range(TEXT, all, TEXT.find("fruitful").unwrap(), end);
        assert_eq!(&TEXT[r], "fruitful.”");
    }
}
