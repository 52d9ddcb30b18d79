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

/// `text` broken into lines of at most `width` columns, at spaces where it can be and inside
/// a word (on a grapheme boundary) where a word is longer than a line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    // Whether a word (even an empty one: a leading or doubled space) is on the line, so that
    // the next one is set after a space.
    let mut started = false;
    for word in text.split(' ') {
        let mut word = word;
        loop {
            let need = text_width(word) + usize::from(started);
            if text_width(&line) + need <= width {
                if started {
                    line.push(' ');
                }
                line.push_str(word);
                started = true;
                break;
            }
            if started && !line.trim().is_empty() {
                lines.push(std::mem::take(&mut line));
                started = false;
                continue;
            }
            // A word longer than a line: as much as fits, the rest on the next.
            let room = width.saturating_sub(text_width(&line) + usize::from(started));
            let head = truncate_to_width(word, room.max(1));
            let head = match head.is_empty() {
                true => word.graphemes(true).next().unwrap_or(word),
                false => head,
            };
            if started {
                line.push(' ');
            }
            line.push_str(head);
            lines.push(std::mem::take(&mut line));
            started = false;
            word = &word[head.len()..];
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
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
    fn wrapping_breaks_at_spaces_and_inside_long_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("世界世界", 5), ["世界", "世界"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap(" lead", 9), [" lead"]);
        assert!(
            wrap(&"word ".repeat(100), 20)
                .iter()
                .all(|l| text_width(l) <= 20)
        );
    }

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
