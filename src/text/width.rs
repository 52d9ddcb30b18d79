//! Display width of text on a terminal, measured per grapheme cluster.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Terminal columns taken by one grapheme cluster (0 for zero-width clusters, 2 for wide
/// ones such as CJK ideographs and most emoji, including ZWJ sequences).
pub fn grapheme_width(grapheme: &str) -> usize {
    let bytes = grapheme.as_bytes();
    if bytes.len() == 1 && bytes[0].is_ascii_graphic() || grapheme == " " {
        return 1;
    }
    grapheme.width()
}

/// Terminal columns taken by `text`.
pub fn text_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// The longest prefix of `text` that fits in `max` columns, ending on a grapheme boundary.
pub fn truncate_to_width(text: &str, max: usize) -> &str {
    let mut used = 0;
    for (offset, grapheme) in text.grapheme_indices(true) {
        let width = grapheme_width(grapheme);
        if used + width > max {
            return &text[..offset];
        }
        used += width;
    }
    text
}

/// `text` cut to `max` columns with an ellipsis when it does not fit.
pub fn ellipsize(text: &str, max: usize) -> String {
    if text_width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    format!("{}…", truncate_to_width(text, max - 1))
}

/// `text` fitted to exactly `width` columns: cut with an ellipsis, or padded with spaces.
pub fn pad_to(text: &str, width: usize) -> String {
    let mut fitted = ellipsize(text, width);
    let used = text_width(&fitted);
    fitted.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    fitted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_counts_columns() {
        assert_eq!(pad_to("世界", 6), "世界  ");
        assert_eq!(pad_to("abcdef", 4), "abc…");
        assert_eq!(text_width(&pad_to("世界世界", 5)), 5);
    }

    #[test]
    fn widths_of_wide_and_combining_text() {
        assert_eq!(text_width("abc"), 3);
        assert_eq!(text_width("世界"), 4);
        assert_eq!(text_width("e\u{301}"), 1);
        assert_eq!(grapheme_width("👩‍👩‍👧"), 2);
    }

    #[test]
    fn truncation_never_splits_a_grapheme() {
        assert_eq!(truncate_to_width("世界x", 3), "世");
        assert_eq!(ellipsize("Vladimir Putin", 6), "Vladi…");
        assert_eq!(ellipsize("世界", 4), "世界");
    }
}
