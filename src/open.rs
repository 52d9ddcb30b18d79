//! What a command-line argument opens: an article (a text, Markdown or HTML file, an
//! annotation file, standard input, a web page) or a feed (a feed file or address). A web
//! address is fetched once and looked at: a feed opens as a feed, a page as an article.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use crate::document::{Document, Source, load, web};
use crate::feed::{self, Feed};
use crate::web::{FetchOptions, fetch::check_html};

/// Something gloss can show.
#[derive(Debug)]
pub enum Opened {
    /// An article for the reader.
    Article(Document),
    /// A feed for the item list, with where it came from.
    Feed(Feed, FeedOrigin),
}

/// Where a feed comes from, so that it can be read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedOrigin {
    /// A web address.
    Url(String),
    /// A file.
    File(std::path::PathBuf),
}

impl FeedOrigin {
    /// The address or path, for messages and for the item sources of the library.
    pub fn describe(&self) -> String {
        match self {
            FeedOrigin::Url(url) => url.clone(),
            FeedOrigin::File(path) => path.display().to_string(),
        }
    }
}

/// Opens a command-line argument: `None` is the sample, "-" standard input, a URL is fetched,
/// a path is read (a feed when it looks like one). Errors are one line naming the source.
pub fn open(
    arg: Option<&str>,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Result<Opened, String> {
    match arg {
        None => Ok(Opened::Article(load::sample())),
        Some("-") => load::read_stdin(std::io::stdin().lock())
            .map(Opened::Article)
            .map_err(|e| e.to_string()),
        Some(url) if web::is_url(url) => open_url(url, progress, cancel),
        Some(path) => {
            check_scheme(path)?;
            open_path(Path::new(path))
        }
    }
}

/// An error for an address gloss cannot fetch (ftp://, file://): only http and https are
/// read; anything else is taken as a path.
pub fn check_scheme(arg: &str) -> Result<(), String> {
    let scheme = arg.split_once("://").map(|(s, _)| s);
    match scheme {
        Some(s)
            if !s.is_empty()
                && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
        {
            Err(format!(
                "{arg}: only http and https addresses can be opened (save the file and give its path)"
            ))
        }
        _ => Ok(()),
    }
}

/// Opens a file: a feed, a saved web page, an annotation file or a text article.
pub fn open_path(path: &Path) -> Result<Opened, String> {
    // Judged before anything opens it: opening a FIFO to look at its start would block.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        return Err(format!(
            "{}: is {}, not a regular file",
            path.display(),
            crate::annotation::store::describe_kind(&meta)
        ));
    }
    if is_feed_file(path) {
        return read_feed_file(path).map(|feed| Opened::Feed(feed, FeedOrigin::File(path.into())));
    }
    let doc = if web::is_html(path) {
        web::read_html_file(path)?
    } else if path.to_string_lossy().ends_with(".gloss.json") {
        crate::session::open::read_annotation_file_as_article(path).map_err(|e| e.to_string())?
    } else {
        load::read_file(path).map_err(|e| e.to_string())?
    };
    Ok(Opened::Article(doc))
}

/// Reads and parses a feed file.
pub fn read_feed_file(path: &Path) -> Result<Feed, String> {
    let bytes = crate::files::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{}: no such file", path.display()),
        std::io::ErrorKind::IsADirectory => format!("{}: is a folder, not a feed", path.display()),
        _ => format!("{}: {e}", path.display()),
    })?;
    feed::parse(&bytes, &path.display().to_string()).map_err(|e| e.to_string())
}

/// Fetches `url`: a feed when the answer is one, else the page's article.
pub fn open_url(url: &str, progress: &dyn Fn(u64), cancel: &AtomicBool) -> Result<Opened, String> {
    let fetched = fetch(url, progress, cancel)?;
    if feed::looks_like_feed(&fetched.body) {
        let feed = feed::parse(&fetched.body, url).map_err(|e| e.to_string())?;
        return Ok(Opened::Feed(feed, FeedOrigin::Url(url.to_string())));
    }
    check_html(fetched.content_type.as_deref()).map_err(|e| format!("{url}: {e}"))?;
    let article = crate::web::extract(&fetched.text(), Some(&fetched.url))
        .map_err(|e| format!("{url}: {e}"))?;
    Ok(Opened::Article(web::document(
        article,
        Source::Url(url.to_string()),
    )))
}

/// Fetches a feed at `url` and returns its bytes (checked to parse).
pub fn fetch_feed(
    url: &str,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Result<Vec<u8>, String> {
    let fetched = fetch(url, progress, cancel)?;
    feed::parse(&fetched.body, url).map_err(|e| e.to_string())?;
    Ok(fetched.body)
}

fn fetch(
    url: &str,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Result<crate::web::Fetched, String> {
    let options = FetchOptions {
        require_html: false,
        ..FetchOptions::default()
    };
    crate::web::fetch(url, &options, progress, cancel).map_err(|e| format!("{url}: {e}"))
}

/// True for a file that holds a feed: named like one (.xml, .rss, .atom, .rdf, .json but
/// not an annotation file) or starting like one.
fn is_feed_file(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".gloss.json") {
        return false;
    }
    let by_name = [".xml", ".rss", ".atom", ".rdf", ".json"]
        .iter()
        .any(|ext| name.ends_with(ext));
    by_name || {
        use std::io::Read;
        let mut head = Vec::with_capacity(4096);
        std::fs::File::open(path)
            .and_then(|f| f.take(4096).read_to_end(&mut head))
            .is_ok()
            && feed::looks_like_feed(&head)
    }
}
