//! Web pages as articles: a page fetched by its address, a saved page (`FILE.html`), or a
//! page piped to standard input.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use crate::document::{Document, Source};
use crate::web::{self, Article, FetchOptions, WebError};

/// True when `bytes` start like an HTML document (after a byte order mark and whitespace).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head: Vec<u8> = bytes[start..]
        .iter()
        .take(14)
        .map(u8::to_ascii_lowercase)
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// True for a saved web page, by its extension.
pub fn is_html(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm" | "xhtml"))
}

/// The document of an extracted article, its source being `source`.
pub fn document(article: Article, source: Source) -> Document {
    Document::new(article.text, source)
}

/// Why a page could not be read as an article: the page named, then the cause.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    /// The saved page does not exist.
    #[error("{}: no such file", .0.display())]
    Missing(std::path::PathBuf),
    /// The saved page could not be read.
    #[error("{}", .path.display())]
    Read {
        /// The page's path.
        path: std::path::PathBuf,
        /// Why.
        #[source]
        error: std::io::Error,
    },
    /// Fetching or extracting failed.
    #[error("{name}")]
    Web {
        /// The address, the path or "stdin".
        name: String,
        /// Why.
        #[source]
        error: WebError,
    },
}

/// Fetches `url` and extracts its article. `progress` is told the bytes read so far;
/// setting `cancel` stops the fetch.
pub fn fetch(
    url: &str,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Result<Document, PageError> {
    let article =
        web::fetch_article(url, &FetchOptions::default(), progress, cancel).map_err(|error| {
            PageError::Web {
                name: url.to_string(),
                error,
            }
        })?;
    Ok(document(article, Source::Url(url.to_string())))
}

/// Reads a saved page as an article.
pub fn read_html_file(path: &Path) -> Result<Document, PageError> {
    let bytes = crate::files::read(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => PageError::Missing(path.to_path_buf()),
        _ => PageError::Read {
            path: path.to_path_buf(),
            error,
        },
    })?;
    from_bytes(
        &bytes,
        Source::File(path.to_path_buf()),
        &path.display().to_string(),
    )
}

/// The article of a page's bytes, read from `name`.
pub fn from_bytes(bytes: &[u8], source: Source, name: &str) -> Result<Document, PageError> {
    let article = web::article_from_html_bytes(bytes, None).map_err(|error| PageError::Web {
        name: name.to_string(),
        error: error.into(),
    })?;
    Ok(document(article, source))
}
