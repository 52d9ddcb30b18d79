//! Feeds: RSS 0.9x, 1.0 and 2.0, Atom and JSON Feed parsed into a list of items, and OPML
//! subscription lists read and written.
//!
//! Every text field is cleaned once, here where it enters: HTML is stripped and its entities
//! decoded first, then control characters and escape sequences are removed, so nothing in a
//! feed can drive the terminal.

mod convert;
pub mod html;
pub mod opml;

pub use opml::{OpmlError, Subscription, export_opml, import_opml};

/// A parsed feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// The feed's title (empty when it has none).
    pub title: String,
    /// The feed's web page, when it names one.
    pub link: Option<String>,
    /// The items in the order the feed lists them.
    pub items: Vec<FeedItem>,
}

/// One item (entry) of a feed, every field plain, cleaned text.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    /// The item's id from the feed (or one derived from its link and title).
    pub id: String,
    /// Title, on one line (empty when it has none).
    pub title: String,
    /// The article's address.
    pub link: Option<String>,
    /// When it was published, else last updated.
    pub date: Option<jiff::Timestamp>,
    /// Author names, comma-separated.
    pub author: Option<String>,
    /// The full article as paragraphs separated by blank lines, when the feed carries it.
    pub content: Option<String>,
    /// The summary or description as plain text.
    pub summary: Option<String>,
}

/// Why a feed could not be read: one line naming the source.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {reason}")]
pub struct FeedError {
    /// The file or URL the feed came from.
    pub origin: String,
    /// What is wrong, on one line.
    pub reason: String,
}

/// Parses a feed of any supported format from its raw bytes (the XML declaration's encoding
/// is honoured). `source` names the file or URL for error messages.
pub fn parse(bytes: &[u8], source: &str) -> Result<Feed, FeedError> {
    match feed_rs::parser::parse(bytes) {
        Ok(feed) => Ok(convert::feed(feed)),
        Err(error) => Err(FeedError {
            origin: html::clean_line(source),
            reason: convert::reason(&error),
        }),
    }
}
