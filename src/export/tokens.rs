//! The tokenizer behind the token-based formats (CoNLL, Prodigy).
//!
//! Tokens are the Unicode word-boundary segments of UAX #29 (an emoji ZWJ sequence is one
//! token and punctuation stands alone), with an abbreviation's last period kept on it ("U.S."
//! and "e.g." are one token, as spaCy and CoNLL-2003 write them), whitespace removed, and cut
//! again at every given boundary: an exported span then always starts and ends on a token
//! edge, so no annotation has to be widened or shifted. Whitespace is what Python's
//! `str.isspace` calls whitespace (Unicode White_Space plus U+001C..U+001F), so that readers
//! that split lines on whitespace see exactly the tokens written.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// A token: its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text.
    pub bytes: Range<usize>,
}

/// True for a character that separates tokens.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The tokens of `text[range]` (byte ranges into `text`), cut at every byte offset in `cuts`
/// (sorted ascending; offsets outside `range` are ignored).
pub fn tokenize(text: &str, range: Range<usize>, cuts: &[usize]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut cut = cuts.partition_point(|&c| c <= range.start);
    let base = range.start;
    for (offset, segment) in text[range].split_word_bound_indices() {
        let mut run_start: Option<usize> = None;
        let seg_start = base + offset;
        for (i, c) in segment.char_indices() {
            let at = seg_start + i;
            if is_space(c) {
                if let Some(s) = run_start.take() {
                    push_cut(&mut tokens, s..at, cuts, &mut cut);
                }
            } else if run_start.is_none() {
                run_start = Some(at);
            }
        }
        if let Some(s) = run_start {
            push_cut(&mut tokens, s..seg_start + segment.len(), cuts, &mut cut);
        }
    }
    keep_abbreviation_periods(text, &mut tokens, cuts);
    tokens
}

/// Joins a period to the abbreviation right before it ("U.S" and "." become "U.S."): letters
/// with periods between them, the period touching them, and no cut between the two.
fn keep_abbreviation_periods(text: &str, tokens: &mut Vec<Token>, cuts: &[usize]) {
    let abbreviation = |t: &str| {
        let mut parts = t.split('.');
        t.contains('.')
            && parts.all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
    };
    // One pass, so that a text full of abbreviations stays linear.
    let mut joined: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens.drain(..) {
        if let Some(last) = joined.last_mut()
            && last.bytes.end == token.bytes.start
            && &text[token.bytes.clone()] == "."
            && abbreviation(&text[last.bytes.clone()])
            && cuts.binary_search(&last.bytes.end).is_err()
        {
            last.bytes.end = token.bytes.end;
            continue;
        }
        joined.push(token);
    }
    *tokens = joined;
}

/// Pushes `run`, split at the cuts that fall strictly inside it.
fn push_cut(tokens: &mut Vec<Token>, run: Range<usize>, cuts: &[usize], next: &mut usize) {
    while *next < cuts.len() && cuts[*next] <= run.start {
        *next += 1;
    }
    let mut start = run.start;
    while *next < cuts.len() && cuts[*next] < run.end {
        tokens.push(Token {
            bytes: start..cuts[*next],
        });
        start = cuts[*next];
        *next += 1;
    }
    tokens.push(Token {
        bytes: start..run.end,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abbreviation_keeps_its_last_period() {
        let text = "Aid from the U.S. arrived, e.g. food. End.";
        let words: Vec<&str> = tokenize(text, 0..text.len(), &[])
            .iter()
            .map(|t| &text[t.bytes.clone()])
            .collect();
        assert_eq!(
            words,
            [
                "Aid", "from", "the", "U.S.", "arrived", ",", "e.g.", "food", ".", "End", "."
            ]
        );
        // An annotation ending before the period keeps its edge.
        let cut = text.find("U.S").unwrap() + 3;
        let words: Vec<&str> = tokenize(text, 0..text.len(), &[cut])
            .iter()
            .map(|t| &text[t.bytes.clone()])
            .collect();
        assert!(words.contains(&"U.S") && words.contains(&"."));
    }

    fn words<'t>(text: &'t str, cuts: &[usize]) -> Vec<&'t str> {
        tokenize(text, 0..text.len(), cuts)
            .into_iter()
            .map(|t| &text[t.bytes])
            .collect()
    }

    #[test]
    fn splits_words_and_punctuation_and_keeps_emoji_whole() {
        assert_eq!(
            words("The U.S. said: 世界 👩‍👩‍👧 ok.", &[]),
            ["The", "U.S.", "said", ":", "世", "界", "👩‍👩‍👧", "ok", "."]
        );
    }

    #[test]
    fn cuts_inside_words() {
        let text = "Putin's plan";
        assert_eq!(words(text, &[5]), ["Putin", "'s", "plan"]);
        assert_eq!(words(text, &[0, 3, 12]), ["Put", "in's", "plan"]);
    }

    #[test]
    fn a_space_followed_by_a_combining_mark_is_still_a_separator() {
        let text = "a \u{301}b";
        for w in words(text, &[]) {
            assert!(!w.chars().any(is_space), "{w:?}");
        }
    }
}
