//! Filtering the library list as the user types: every word of the query must occur in the
//! entry's title, source or feed, ignoring case. The lower-cased text of each entry is built
//! once, so a keypress costs one substring scan per entry.

use super::entry::Entry;

/// The lower-cased searchable text of an entry.
pub fn haystack(entry: &Entry) -> String {
    let mut text = String::with_capacity(entry.title.len() + entry.source.len() + 2);
    text.push_str(&entry.title);
    text.push('\n');
    text.push_str(&entry.source);
    if let Some(feed) = &entry.feed {
        text.push('\n');
        text.push_str(feed);
    }
    text.to_lowercase()
}

/// The query's words, lower-cased.
pub fn words(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

/// True when every word occurs in `haystack`.
pub fn matches(haystack: &str, words: &[String]) -> bool {
    words.iter().all(|w| haystack.contains(w.as_str()))
}
