//! An article taken from a web page: its metadata and its text, cleaned and laid out as
//! paragraphs separated by blank lines, ready for [`crate::document::Document::new`].

use crate::text::clean::clean;

/// Longest title kept, in characters.
const MAX_TITLE_CHARS: usize = 300;

/// Longest metadata field (byline, date, site, address) kept, in characters.
const MAX_FIELD_CHARS: usize = 300;

/// An article extracted from a web page. Every field is cleaned of control characters,
/// escape sequences and bidi controls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The headline (empty only when the page has neither a title nor text).
    pub title: String,
    /// The author line, as the page gives it ("By Jane Doe").
    pub byline: Option<String>,
    /// The publication date, as the page gives it (usually ISO 8601).
    pub date: Option<String>,
    /// The name of the site or publication.
    pub site: Option<String>,
    /// The page's address: the one it was fetched from, else the one it declares.
    pub url: Option<String>,
    /// The title, then the article's paragraphs and headings, separated by blank lines.
    pub text: String,
}

/// A one-line field: cleaned, whitespace runs collapsed to one space, cut to `max`
/// characters; `None` when nothing is left.
pub fn one_line(raw: &str, max: usize) -> Option<String> {
    let cleaned = clean(raw);
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.chars().count() > max {
        out = out.chars().take(max - 1).collect();
        out.push('…');
    }
    (!out.is_empty()).then_some(out)
}

/// A title field (see [`one_line`]).
pub fn title_line(raw: &str) -> Option<String> {
    one_line(raw, MAX_TITLE_CHARS)
}

/// A metadata field (see [`one_line`]).
pub fn field(raw: Option<&str>) -> Option<String> {
    raw.and_then(|r| one_line(r, MAX_FIELD_CHARS))
}

/// The paragraphs of extracted text: cleaned, split at blank lines, each line trimmed with its
/// whitespace runs collapsed, empty lines dropped.
pub fn paragraphs(raw: &str) -> Vec<String> {
    let cleaned = clean(raw);
    let mut out = Vec::new();
    let mut current = String::new();
    for line in cleaned.split('\n') {
        let mut tidy = String::new();
        for word in line.split_whitespace() {
            if !tidy.is_empty() {
                tidy.push(' ');
            }
            tidy.push_str(word);
        }
        if tidy.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(&tidy);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The article text: the title as the first paragraph (unless the body already opens with
/// it), then the body's paragraphs, separated by blank lines.
pub fn compose(title: &str, body: &[String]) -> String {
    let mut parts: Vec<&str> = Vec::with_capacity(body.len() + 1);
    if !title.is_empty() && body.first().is_none_or(|first| first != title) {
        parts.push(title);
    }
    parts.extend(body.iter().map(String::as_str));
    parts.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_tidied() {
        let raw = "  One  two\n\n\n\tThree\nfour \u{1b}[31mred\u{1b}[0m\n \n";
        assert_eq!(paragraphs(raw), ["One two", "Three\nfour red"]);
    }

    #[test]
    fn title_is_not_repeated() {
        let body = vec!["Headline".to_string(), "Text.".to_string()];
        assert_eq!(compose("Headline", &body), "Headline\n\nText.");
        assert_eq!(compose("Other", &body), "Other\n\nHeadline\n\nText.");
        assert_eq!(compose("", &body), "Headline\n\nText.");
    }

    #[test]
    fn fields_are_one_clean_line() {
        assert_eq!(
            field(Some(" By\n Jane\u{202e} Doe ")),
            Some("By Jane Doe".into())
        );
        assert_eq!(field(Some("\u{1b}]52;c;aGk=\u{7}")), None);
        assert_eq!(one_line("abcdef", 4), Some("abc…".into()));
    }
}
