//! Re-finding an annotation by its quoted text and context when the article text has changed
//! (or when its stored offsets no longer point at its quote).

use std::ops::Range;

/// What is known of an annotation's place: its quote, the context on either side, and where
/// it used to be.
#[derive(Debug, Clone, Copy)]
pub struct Quote<'a> {
    /// Exactly the covered text.
    pub exact: &'a str,
    /// Text just before it.
    pub prefix: &'a str,
    /// Text just after it.
    pub suffix: &'a str,
    /// The byte offset where it was, as a tie-breaker between equal candidates.
    pub hint: usize,
}

/// The byte range in `text` that best matches `quote`: every occurrence of the exact text
/// is scored by how much of the prefix and suffix agree, then by closeness to the hint.
/// `None` when the exact text does not occur, or only where its context does not agree
/// enough to tell it is the same mention (a quarter of the known context, up to 8
/// characters): better unplaced and shown to the user than placed on another mention.
pub fn find(text: &str, quote: Quote<'_>) -> Option<Range<usize>> {
    if quote.exact.is_empty() {
        return None;
    }
    let known = quote.prefix.chars().count() + quote.suffix.chars().count();
    let required = (known / 4).min(8);
    let mut best: Option<(usize, usize, Range<usize>)> = None;
    for (start, _) in text.match_indices(quote.exact) {
        let end = start + quote.exact.len();
        let score = common_suffix_len(&text[..start], quote.prefix)
            + common_prefix_len(&text[end..], quote.suffix);
        if score < required {
            continue;
        }
        let distance = start.abs_diff(quote.hint);
        let better = match &best {
            None => true,
            Some((s, d, _)) => score > *s || (score == *s && distance < *d),
        };
        if better {
            best = Some((score, distance, start..end));
        }
    }
    best.map(|(_, _, range)| range)
}

/// Number of characters that `a` and `b` share at their ends.
fn common_suffix_len(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Number of characters that `a` and `b` share at their starts.
fn common_prefix_len(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_picks_the_right_occurrence() {
        let text = "Putin met Xi. Later Putin said no.";
        let quote = Quote {
            exact: "Putin",
            prefix: "Later ",
            suffix: " said",
            hint: 0,
        };
        assert_eq!(find(text, quote), Some(20..25));
    }

    #[test]
    fn a_mention_whose_context_is_gone_is_not_placed_on_another() {
        let text = "Anne Hidalgo met Emmanuel Macron. The mayor said the plan was a success.";
        let quote = Quote {
            exact: "Hidalgo",
            prefix: "Anne Hidalgo met Emmanuel Macron. ",
            suffix: " said the plan was a success.",
            hint: 34,
        };
        assert_eq!(find(text, quote), None);
    }

    #[test]
    fn hint_breaks_ties_and_missing_text_is_none() {
        let text = "Xi and Xi";
        let quote = Quote {
            exact: "Xi",
            prefix: "",
            suffix: "",
            hint: 6,
        };
        assert_eq!(find(text, quote), Some(7..9));
        let gone = Quote {
            exact: "Biden",
            ..quote
        };
        assert_eq!(find(text, gone), None);
    }
}
