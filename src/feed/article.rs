//! A feed item as an article: its full content when the feed carries it, else the page at
//! its link, with its summary standing in when there is no page or fetching it fails.

use super::FeedItem;
use crate::document::{Document, Source};

/// How a feed item is read.
#[derive(Debug)]
pub enum ItemArticle {
    /// The feed holds the article (its content, or its summary when it has no link).
    Ready(Document),
    /// The article is the page at this address, to be fetched; the summary stands in when
    /// fetching fails.
    Fetch {
        /// The page's address.
        link: String,
        /// The feed's summary as an article of its own (kept apart from the page, so that
        /// the page is fetched again next time).
        summary: Option<Document>,
    },
    /// Nothing to read: no content and no web address.
    Nothing,
}

/// How to read `item`, whose articles are filed under `source` (see
/// `FeedView::source`).
pub fn item_article(item: &FeedItem, source: &str) -> ItemArticle {
    let with_title = |body: &str, source: String| {
        let text = match item.title.is_empty() {
            true => body.to_string(),
            false => format!("{}\n\n{body}", item.title),
        };
        Document::new(text, Source::Url(source))
    };
    let link = item
        .link
        .clone()
        .filter(|l| crate::web::address::is_web_address(l));
    match (&item.content, link, &item.summary) {
        (Some(content), _, _) => ItemArticle::Ready(with_title(content, source.to_string())),
        (None, None, Some(summary)) => ItemArticle::Ready(with_title(summary, source.to_string())),
        (None, None, None) => ItemArticle::Nothing,
        (None, Some(link), summary) => ItemArticle::Fetch {
            link,
            summary: summary.as_deref().map(|s| {
                let text = match item.title.is_empty() {
                    true => format!("(summary)\n\n{s}"),
                    false => format!("{} (summary)\n\n{s}", item.title),
                };
                Document::new(text, Source::Url(format!("{source}#summary")))
            }),
        },
    }
}
