//! Feeds: RSS 0.9x, 1.0 and 2.0, Atom and JSON Feed parsed into a list of items, and OPML
//! subscription lists read and written.
//!
//! Every text field is cleaned once, here where it enters: HTML is stripped and its entities
//! decoded first, then control characters and escape sequences are removed, so nothing in a
//! feed can drive the terminal.

pub mod article;
pub mod cache;
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
    // Relative item links are resolved against the feed's own address.
    let base = crate::web::address::is_web_address(source).then_some(source);
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base)
        .id_generator(stable_id)
        .build();
    match parser.parse(as_utf8_without_declarations(bytes).as_ref()) {
        Ok(feed) => Ok(convert::feed(feed)),
        Err(error) => Err(FeedError {
            origin: html::clean_line(source),
            reason: convert::reason(&error),
        }),
    }
}

/// An XML feed as UTF-8 with no XML declaration left in it: decoded here with the encoding
/// its byte-order mark or declaration names (encoding_rs, WHATWG labels), every `<?xml ...?>`
/// removed. The XML reader under feed-rs switches encodings itself when it meets a
/// declaration, and panics when one comes too late or too long (found by fuzzing); given
/// UTF-8 with none, it never switches. JSON feeds are left as they are.
fn as_utf8_without_declarations(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    use std::borrow::Cow;
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let (encoding, bom) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, bom),
        // JSON Feed: no declaration to meet.
        None if bytes.get(start) == Some(&b'{') => return Cow::Borrowed(bytes),
        None => (declared_encoding(bytes), 0),
    };
    let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
    if !text.contains("<?xml") && encoding == encoding_rs::UTF_8 && bom == 0 {
        return Cow::Borrowed(bytes);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(at) = rest.find("<?xml") {
        let after = rest[at + 5..].chars().next();
        if !after.is_some_and(|c| c.is_whitespace() || c == '?') {
            // `<?xml-stylesheet ...?>` and the like are other instructions: kept.
            out.push_str(&rest[..at + 5]);
            rest = &rest[at + 5..];
            continue;
        }
        out.push_str(&rest[..at]);
        rest = match rest[at..].find("?>") {
            Some(end) => &rest[at + end + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    Cow::Owned(out.into_bytes())
}

/// The encoding the first XML declaration near the start of `xml` names, UTF-8 when none
/// does (or the name is unknown).
fn declared_encoding(xml: &[u8]) -> &'static encoding_rs::Encoding {
    let head = &xml[..xml.len().min(1024)];
    let Some(open) = head.windows(5).position(|w| w == b"<?xml") else {
        return encoding_rs::UTF_8;
    };
    let Some(end) = head[open..].windows(2).position(|w| w == b"?>") else {
        return encoding_rs::UTF_8;
    };
    let declaration = String::from_utf8_lossy(&head[open..open + end]);
    let Some(at) = declaration.find("encoding") else {
        return encoding_rs::UTF_8;
    };
    let value = declaration[at + "encoding".len()..]
        .trim_start()
        .trim_start_matches('=')
        .trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
    let name = match quote {
        Some(q) => value[1..].split(q).next().unwrap_or(""),
        None => "",
    };
    encoding_rs::Encoding::for_label(name.trim().as_bytes()).unwrap_or(encoding_rs::UTF_8)
}

/// The id of an item that has none: from its link and title (as feed-rs does), else from
/// the feed's address and the title, never random, so that an item read again is the same
/// item (and keeps its place in the library).
fn stable_id(
    links: &[feed_rs::model::Link],
    title: &Option<feed_rs::model::Text>,
    uri: Option<&str>,
) -> String {
    if let Some(link) = links.first() {
        return feed_rs::parser::generate_id_from_link_and_title(link, title);
    }
    let mut hasher = blake3::Hasher::new();
    hasher.update(uri.unwrap_or_default().as_bytes());
    hasher.update(b"\0");
    hasher.update(title.as_ref().map_or("", |t| t.content.as_str()).as_bytes());
    hasher.finalize().to_hex()[..32].to_string()
}

/// True when `bytes` start like a feed: an XML document whose first element is `<rss>`,
/// `<feed>` or `<rdf:RDF>`, or a JSON Feed.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('{') {
        return text.contains("jsonfeed.org/version");
    }
    if !text.starts_with('<') {
        return false;
    }
    let feed_at = ["<rss", "<feed", "<rdf:rdf"]
        .iter()
        .filter_map(|tag| text.find(tag))
        .min();
    match (feed_at, text.find("<html")) {
        (Some(feed), Some(html)) => feed < html,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

#[cfg(test)]
mod sniff_tests {
    use super::looks_like_feed;

    #[test]
    fn feeds_are_told_from_pages() {
        assert!(looks_like_feed(
            b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"
        ));
        assert!(looks_like_feed(
            b"\xef\xbb\xbf<feed xmlns=\"http://www.w3.org/2005/Atom\">"
        ));
        assert!(looks_like_feed(b"<rdf:RDF xmlns:rdf=\"x\">"));
        assert!(looks_like_feed(
            b"{\"version\": \"https://jsonfeed.org/version/1.1\"}"
        ));
        assert!(!looks_like_feed(
            b"<!doctype html><html><body><a href=feed>feed</a>"
        ));
        assert!(!looks_like_feed(b"{\"a\": 1}"));
        assert!(!looks_like_feed(b"A plain article about <rss> feeds."));
    }
}
