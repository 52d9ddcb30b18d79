//! Grapheme cluster boundaries: spans shown and saved never cut a user-perceived character
//! (a base letter and its combining accents, an emoji ZWJ sequence) in two.

use std::ops::Range;

use unicode_segmentation::GraphemeCursor;

/// True when byte offset `at` is a grapheme cluster boundary of `text`.
pub fn is_boundary(text: &str, at: usize) -> bool {
    if at == 0 || at >= text.len() {
        return at <= text.len();
    }
    if !text.is_char_boundary(at) {
        return false;
    }
    GraphemeCursor::new(at, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(true)
}

/// `range` widened to whole grapheme clusters.
pub fn widen(text: &str, range: Range<usize>) -> Range<usize> {
    let mut start = range.start.min(text.len());
    while !is_boundary(text, start) {
        start -= 1;
    }
    let mut end = range.end.clamp(start, text.len());
    while !is_boundary(text, end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widens_to_whole_clusters() {
        let text = "Jose\u{301} Nun\u{303}ez 👩\u{200d}👩\u{200d}👧!";
        assert_eq!(&text[widen(text, 0..4)], "Jose\u{301}");
        let n = text.find("Nun").unwrap();
        assert_eq!(&text[widen(text, n..n + 3)], "Nun\u{303}");
        let family = text.find('👩').unwrap();
        assert_eq!(
            &text[widen(text, family..family + 4)],
            "👩\u{200d}👩\u{200d}👧"
        );
        assert_eq!(widen(text, 1..3), 1..3);
    }
}
