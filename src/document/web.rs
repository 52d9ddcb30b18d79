//! Articles from the web: a page fetched by its address, or a saved page (`FILE.html`).

use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::{Document, Source};
use crate::web::{self, Article, FetchOptions};

/// True for an address gloss fetches (http or https).
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

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

/// Fetches `url` and extracts its article. `progress` is told the bytes read so far;
/// setting `cancel` stops the fetch.
pub fn fetch(url: &str, progress: &dyn Fn(u64), cancel: &AtomicBool) -> Result<Document, String> {
    let article = web::fetch_article(url, &FetchOptions::default(), progress, cancel)
        .map_err(|e| format!("{url}: {e}"))?;
    Ok(document(article, Source::Url(url.to_string())))
}

/// Reads a saved page as an article.
pub fn read_html_file(path: &Path) -> Result<Document, String> {
    let bytes = crate::files::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{}: no such file", path.display()),
        _ => format!("{}: {e}", path.display()),
    })?;
    let article = web::article_from_html_bytes(&bytes, None)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(document(article, Source::File(path.to_path_buf())))
}
