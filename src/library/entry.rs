//! One article in the library as the list shows it: what the index keeps so that listing
//! does not open the article files.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::annotation::Kind;
use crate::annotation::file::AnnotationFile;
use crate::text::clean::clean;

/// An article's line in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The article's id: its file is `<id>.gloss.json` in the library folder.
    pub id: String,
    /// The article's title, on one line.
    pub title: String,
    /// Where it came from: a URL, a path, "stdin" or the sample.
    pub source: String,
    /// The feed it was opened from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed: Option<String>,
    /// Publication date (RFC 3339), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Number of distinct actors tagged.
    pub actors: usize,
    /// Number of claims tagged.
    pub claims: usize,
    /// The distinct actor names, so that a search opens only the articles that can match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// When it entered the library (RFC 3339, UTC).
    pub added: String,
    /// When it was last opened (RFC 3339, UTC); the list is sorted on it.
    pub last_opened: String,
    /// The annotation file the reader writes, when it is not the library's own copy (an
    /// article opened from a file keeps its annotations beside it; the library holds a copy
    /// made each time the article is opened and left).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<std::path::PathBuf>,
    /// Where the reader's cursor was when the article was last left, in code points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<usize>,
    /// How many annotations, placed or not, the library's file of the article holds (unknown
    /// in entries written before gloss counted them): an article whose copy holds none need
    /// not be read to restore it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<usize>,
}

impl Entry {
    /// The entry for article `id` stored as `file`, opened at `now`: title, source and counts
    /// come from the file, feed and date are unknown.
    pub fn from_file(id: &str, file: &AnnotationFile, now: &str) -> Entry {
        let names: BTreeSet<String> = file
            .annotations
            .iter()
            // A date is tagged like an actor but names none.
            .filter(|a| a.kind == Kind::Entity && a.label != "Date")
            .map(|a| {
                one_line(&crate::text::names::normalise(
                    a.actor.as_deref().unwrap_or(&a.text),
                ))
            })
            .filter(|name| !name.is_empty())
            .collect();
        Entry {
            id: id.to_string(),
            title: one_line(&file.title),
            source: one_line(&file.source),
            feed: None,
            date: None,
            actors: names.len(),
            claims: file
                .annotations
                .iter()
                .filter(|a| a.kind == Kind::Claim)
                .count(),
            names: names.into_iter().collect(),
            added: now.to_string(),
            last_opened: now.to_string(),
            file: None,
            position: None,
            annotations: Some(file.annotations.len() + file.unplaced.len()),
        }
    }

    /// Takes over what this entry does not know from an older entry of the same article:
    /// when it was added, its feed, its date and the reading position.
    pub fn inherit(&mut self, older: &Entry) {
        self.added.clone_from(&older.added);
        if self.feed.is_none() {
            self.feed.clone_from(&older.feed);
        }
        if self.date.is_none() {
            self.date.clone_from(&older.date);
        }
        if self.position.is_none() {
            self.position = older.position;
        }
    }
}

/// Cleaned text with whitespace runs collapsed to single spaces.
fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The library id of the article from `source`: a short readable slug of the source's last
/// path segment and a hash of the whole source, so that one source always has one id and the
/// id is a safe file name.
pub fn article_id(source: &str) -> String {
    let hash = blake3::hash(source.as_bytes()).to_hex();
    let tail = source
        .trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\', ':'])
        .next()
        .unwrap_or_default();
    let mut slug = String::new();
    for c in tail.chars().flat_map(char::to_lowercase) {
        if slug.len() >= 40 {
            break;
        }
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        hash[..16].to_string()
    } else {
        format!("{slug}-{}", &hash[..10])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_safe_and_readable() {
        let a = article_id("https://news.example/2021/06/xi-putin-treaty/");
        assert!(a.starts_with("xi-putin-treaty-"), "{a}");
        assert_eq!(
            a,
            article_id("https://news.example/2021/06/xi-putin-treaty/")
        );
        assert_ne!(a, article_id("https://other.example/xi-putin-treaty/"));
        let odd = article_id("../../etc/passwd\u{1b}[2J");
        assert!(
            odd.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{odd}"
        );
        assert_eq!(article_id("stdin").len(), "stdin-".len() + 10);
        assert_eq!(article_id("/").len(), 16);
    }
}
