//! Finding text in the article: case-insensitive when the query has no capital letter.

use std::ops::Range;

/// A search query and how it compares characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// What the user typed.
    pub text: String,
    ignore_case: bool,
}

impl Query {
    /// A query; "smart case": case matters only if it has a capital letter.
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            ignore_case: !text.chars().any(char::is_uppercase),
        }
    }

    fn chars_equal(&self, a: char, b: char) -> bool {
        let (a, b) = (fold_quote(a), fold_quote(b));
        a == b || (self.ignore_case && a.to_lowercase().eq(b.to_lowercase()))
    }

    /// The match starting exactly at byte `at`, if any.
    pub fn match_at(&self, text: &str, at: usize) -> Option<Range<usize>> {
        let mut haystack = text[at..].char_indices();
        for q in self.text.chars() {
            let (_, c) = haystack.next()?;
            if !self.chars_equal(q, c) {
                return None;
            }
        }
        let end = haystack.next().map_or(text.len(), |(i, _)| at + i);
        Some(at..end)
    }

    /// Matches overlapping `range` (searching from a little before it).
    pub fn matches_in(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        if self.text.is_empty() {
            return Vec::new();
        }
        let mut from = range.start.saturating_sub(self.text.len() * 4);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut found = Vec::new();
        for (i, _) in text[from..range.end].char_indices() {
            if let Some(m) = self.match_at(text, from + i)
                && m.end > range.start
            {
                found.push(m);
            }
        }
        found
    }

    /// The first match starting after `from` (wrapping to the top), or before it when
    /// `forward` is false (wrapping to the bottom).
    pub fn find(&self, text: &str, from: usize, forward: bool) -> Option<Range<usize>> {
        if self.text.is_empty() {
            return None;
        }
        let first = self.text.chars().next()?;
        let candidates = |range: Range<usize>| {
            text[range.clone()]
                .char_indices()
                .filter(move |(_, c)| self.chars_equal(first, *c))
                .map(move |(i, _)| range.start + i)
        };
        let after = (from + 1).min(text.len());
        let after = (after..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        if forward {
            candidates(after..text.len())
                .chain(candidates(0..after))
                .find_map(|i| self.match_at(text, i))
        } else {
            let before: Vec<usize> = candidates(0..from.min(text.len())).collect();
            let wrapped: Vec<usize> = candidates(from.min(text.len())..text.len()).collect();
            before
                .into_iter()
                .rev()
                .chain(wrapped.into_iter().rev())
                .find_map(|i| self.match_at(text, i))
        }
    }
}

/// Typographic quotes and apostrophes match their plain forms ("France's" finds "France’s").
fn fold_quote(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '′' => '\'',
        '“' | '”' | '„' | '″' => '"',
        '–' | '—' => '-',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case_and_wrapping() {
        let text = "Putin met Xi. putin left. PUTIN!";
        let q = Query::new("putin");
        assert_eq!(q.find(text, 0, true), Some(14..19));
        assert_eq!(q.find(text, 14, true), Some(26..31));
        assert_eq!(q.find(text, 26, true), Some(0..5));
        assert_eq!(q.find(text, 0, false), Some(26..31));
        assert_eq!(Query::new("Putin").find(text, 0, true), Some(0..5));
        assert_eq!(q.matches_in(text, 15..30).len(), 2);
        assert_eq!(Query::new("é").find("café É", 0, true), Some(3..5));
        assert_eq!(
            Query::new("France's").find("In France’s capital", 0, true),
            Some(3..13)
        );
    }
}
