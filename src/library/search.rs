//! Searching the annotations of every article in the library: the claims whose speaker is a
//! given actor, or the mentions of an actor, each with its article and code point offsets.

/// What to look for. Names match case-insensitively, anywhere in an actor's name ("putin"
/// finds "Vladimir Putin").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchQuery {
    /// Every claim whose speaker is an actor of this name.
    ClaimsBy(String),
    /// Every mention of an actor of this name.
    Mentions(String),
    /// Both: the mentions of an actor of this name and the claims it speaks (a bare name).
    Actor(String),
    /// Every article whose text (or title) has these words: an FTS5 query, so "a phrase"
    /// in quotes, a prefix*, and AND, OR, NOT.
    Text(String),
}

impl SearchQuery {
    /// Reads a query as typed: "claims by NAME" (also "every claim by", "said by") asks for
    /// claims, "mentions of NAME" or "articles that mention NAME" for mentions, just NAME for
    /// both. `None` when no name is left.
    pub fn parse(text: &str) -> Option<SearchQuery> {
        let lower = text.trim().to_ascii_lowercase();
        if let Some(words) = text_query(text.trim(), &lower) {
            return (!words.is_empty()).then_some(SearchQuery::Text(words));
        }
        let claims = [" by ", "claims by", "claim by", "said by"]
            .iter()
            .filter(|_| lower.contains("claim") || lower.contains("said"))
            .find_map(|marker| lower.find(marker).map(|at| at + marker.len()));
        if let Some(at) = claims {
            let name = text.trim()[at..].trim();
            return (!name.is_empty()).then(|| SearchQuery::ClaimsBy(name.to_string()));
        }
        for marker in ["mentions of", "mention of", "mentions", "mention"] {
            if let Some(at) = lower.rfind(marker) {
                let name = text.trim()[at + marker.len()..].trim();
                return (!name.is_empty()).then(|| SearchQuery::Mentions(name.to_string()));
            }
        }
        let name = text.trim();
        (!name.is_empty()).then(|| SearchQuery::Actor(name.to_string()))
    }

    /// The name searched for, lower-cased, without a leading "the " ("the Kremlin" finds
    /// the actor "Kremlin").
    pub fn needle(&self) -> String {
        let (SearchQuery::ClaimsBy(name)
        | SearchQuery::Mentions(name)
        | SearchQuery::Actor(name)
        | SearchQuery::Text(name)) = self;
        let lower = name.trim().to_lowercase();
        match lower.strip_prefix("the ") {
            Some(rest) if !rest.trim().is_empty() => rest.trim().to_string(),
            _ => lower,
        }
    }
}

/// The words of a full-text query as typed: text in quotes ("\"friendship treaty\"" or
/// 'friendship treaty'), or words after a leading "text:", "text", "says" or "say", or after
/// "that says" or "that say" ("every article that says 'friendship treaty'"), with single
/// quotes made FTS5's double ones.
fn text_query(text: &str, lower: &str) -> Option<String> {
    let words = if text.starts_with(['"', '\'']) {
        text
    } else {
        let leading = ["text:", "text ", "says ", "say "]
            .iter()
            .find(|m| lower.starts_with(*m))
            .map(|m| m.len());
        let inside = || {
            ["that says ", "that say "]
                .iter()
                .find_map(|m| lower.find(m).map(|at| at + m.len()))
        };
        &text[leading.or_else(inside)?..]
    };
    let words = words.trim();
    let quoted = words.len() >= 2 && words.starts_with('\'') && words.ends_with('\'');
    Some(match quoted {
        true => format!("\"{}\"", words[1..words.len() - 1].replace('"', "\"\"")),
        false => words.to_string(),
    })
}

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    /// A claim by the actor.
    Claim,
    /// A mention of the actor.
    Mention,
    /// Words of the article's text.
    Text,
}

/// One annotation found, with where to jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The article's library id.
    pub article: String,
    /// The article's title.
    pub title: String,
    /// Claim or mention.
    pub kind: HitKind,
    /// The annotation's id in the article file.
    pub annotation: String,
    /// Start in the article text, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The annotated text.
    pub text: String,
    /// The annotated text with some of the article around it, on one line, so that two
    /// mentions of one name can be told apart.
    pub context: String,
    /// The actor's name (the speaker for a claim).
    pub actor: String,
}

/// Code points `start..end` of the text `chars` with about `columns` columns of text before
/// them and up to twice that after, on one line, with "…" where the text goes on.
pub(super) fn around(chars: &[char], start: usize, end: usize, columns: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let (start, end) = (start.min(chars.len()), end.min(chars.len()));
    let mut from = start;
    let mut used = 0;
    while from > 0 && used < columns {
        from -= 1;
        used += chars[from].width().unwrap_or(0);
    }
    let mut to = end;
    used = 0;
    while to < chars.len() && used < columns * 2 {
        used += chars[to].width().unwrap_or(0);
        to += 1;
    }
    let window: String = chars[from..to].iter().collect();
    let mut line = one_line(&window);
    if from > 0 {
        line.insert(0, '…');
    }
    if to < chars.len() {
        line.push('…');
    }
    line
}

/// `text` with every run of whitespace made one space.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_measured_in_columns() {
        let cjk = format!("{}Kremlin{}", "中".repeat(100), "国".repeat(100));
        let chars = |text: &str| text.chars().collect::<Vec<_>>();
        let line = around(&chars(&cjk), 100, 107, 24);
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        assert!(line.contains("中Kremlin国"), "{line}");
        assert_eq!(line.chars().filter(|c| *c == '中').count(), 12);
        assert_eq!(around(&chars("a Putin b"), 2, 7, 24), "a Putin b");
    }

    #[test]
    fn queries_read_as_typed() {
        let claims = |n: &str| Some(SearchQuery::ClaimsBy(n.into()));
        let mentions = |n: &str| Some(SearchQuery::Mentions(n.into()));
        assert_eq!(
            SearchQuery::parse("every claim by Vladimir Putin"),
            claims("Vladimir Putin")
        );
        assert_eq!(SearchQuery::parse("Claims by Xi"), claims("Xi"));
        assert_eq!(
            SearchQuery::parse("every article that mentions the Kremlin"),
            mentions("the Kremlin")
        );
        assert_eq!(SearchQuery::parse("mentions of Geneva"), mentions("Geneva"));
        assert_eq!(
            SearchQuery::parse("  Biden "),
            Some(SearchQuery::Actor("Biden".into()))
        );
        assert_eq!(SearchQuery::parse("claims by "), None);
        let text = |q: &str| Some(SearchQuery::Text(q.into()));
        assert_eq!(
            SearchQuery::parse("every article that says 'friendship treaty'"),
            text("\"friendship treaty\"")
        );
        assert_eq!(
            SearchQuery::parse("\"friendship treaty\""),
            text("\"friendship treaty\"")
        );
        assert_eq!(SearchQuery::parse("text: treat*"), text("treat*"));
        assert_eq!(
            SearchQuery::parse("claims by Textbook Author"),
            claims("Textbook Author")
        );
        assert_eq!(SearchQuery::parse(""), None);
    }
}
