//! From feed-rs's model to gloss's [`Feed`], cleaning every field on the way.

use feed_rs::model;
use feed_rs::parser::{ParseErrorKind, ParseFeedError};

use super::html::{clean_line, plain_paragraphs, to_line, to_paragraphs};
use super::{Feed, FeedItem};

/// Converts a parsed feed.
pub(super) fn feed(feed: model::Feed) -> Feed {
    Feed {
        title: feed.title.as_ref().map(line).unwrap_or_default(),
        link: best_link(&feed.links),
        items: feed.entries.into_iter().map(item).collect(),
    }
}

fn item(entry: model::Entry) -> FeedItem {
    let author = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(|name| to_line(name, false))
        .filter(|name| !name.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    FeedItem {
        id: clean_line(&entry.id),
        title: entry.title.as_ref().map(line).unwrap_or_default(),
        link: best_link(&entry.links),
        date: entry.published.or(entry.updated).and_then(|d| {
            jiff::Timestamp::new(d.timestamp(), d.timestamp_subsec_nanos() as i32).ok()
        }),
        author: (!author.is_empty()).then_some(author),
        content: entry
            .content
            .as_ref()
            .and_then(|c| Some(paragraphs(c.body.as_deref()?, c.content_type.as_ref())))
            .filter(|text| !text.is_empty()),
        summary: entry
            .summary
            .as_ref()
            .map(|t| paragraphs(&t.content, t.content_type.as_ref()))
            .filter(|text| !text.is_empty()),
    }
}

fn is_html(content_type: &str) -> bool {
    content_type.contains("html")
}

fn line(text: &model::Text) -> String {
    to_line(&text.content, is_html(text.content_type.as_ref()))
}

fn paragraphs(body: &str, content_type: &str) -> String {
    if is_html(content_type) {
        to_paragraphs(body)
    } else {
        plain_paragraphs(body)
    }
}

/// The alternate (web page) link, else the first one; cleaned, and never empty.
fn best_link(links: &[model::Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(links.first())
        .map(|l| clean_line(&l.href))
        .filter(|href| !href.is_empty())
}

/// A one-line, cleaned reason for a parse failure.
pub(super) fn reason(error: &ParseFeedError) -> String {
    let reason = match error {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
            "not a feed (no RSS, Atom or JSON Feed found)".to_string()
        }
        ParseFeedError::XmlReader(e) => format!("not a well-formed XML feed: {e}"),
        ParseFeedError::JsonSerde(e) => format!("not a valid JSON feed: {e}"),
        ParseFeedError::JsonUnsupportedVersion(v) => format!("unsupported JSON Feed version {v}"),
        ParseFeedError::IoError(e) => format!("cannot read the feed: {e}"),
        ParseFeedError::ParseError(kind) => format!("not a valid feed: {kind}"),
    };
    clean_line(&reason)
}
