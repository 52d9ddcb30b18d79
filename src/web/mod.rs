//! Web pages as articles: fetching a page over HTTP or HTTPS ([`fetch()`]), decoding its bytes
//! to text ([`charset`]), and extracting the article from its HTML ([`extract()`]). Pure
//! library code with no terminal in it: the reader runs [`fetch()`] on a worker thread.

pub mod address;
pub mod article;
pub mod blocks;
pub mod charset;
pub mod document;
pub mod extract;
pub mod fetch;
pub mod nesting;

use std::sync::atomic::AtomicBool;

pub use article::Article;
pub use charset::decode;
pub use extract::{ExtractError, extract};
pub use fetch::{FetchError, FetchOptions, Fetched, fetch};

/// Why a web page could not be opened as an article.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Fetching failed.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The page was fetched but holds no article.
    #[error(transparent)]
    Extract(#[from] ExtractError),
}

/// Fetches `url` and extracts its article: [`fetch()`], then [`Fetched::text`], then
/// [`extract()`] with the final address after redirects.
pub fn fetch_article(
    url: &str,
    options: &FetchOptions,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Result<Article, WebError> {
    let fetched = fetch(url, options, progress, cancel)?;
    Ok(extract(&fetched.text(), Some(&fetched.url))?)
}

/// Reads a saved page (`FILE.html`) as an article: its bytes decoded with the charset it
/// declares (see [`decode`]), then [`extract()`]ed. `url` is the page's address if known.
pub fn article_from_html_bytes(bytes: &[u8], url: Option<&str>) -> Result<Article, ExtractError> {
    extract(&decode(bytes, None), url)
}
