//! What a command-line argument opens: an article (a text, Markdown or HTML file, an
//! annotation file, standard input, a web page) or a feed (a feed file or address). A web
//! address is fetched once and looked at: a feed opens as a feed, a page as an article.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::document::load::{self, LoadError};
use crate::document::{Document, Source};
use crate::feed::{self, Feed, FeedError};
use crate::web::address::{self, AddressError};
use crate::web::document::{self as page, PageError};
use crate::web::{FetchError, FetchOptions, fetch::check_html};

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

/// Why an argument could not be opened. Each message names the input first.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// An article file or standard input could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A web page, saved or fetched, holds no article or could not be read.
    #[error(transparent)]
    Page(#[from] PageError),
    /// A feed could not be parsed.
    #[error(transparent)]
    Feed(#[from] FeedError),
    /// An annotation file opened as an article could not be read.
    #[error(transparent)]
    AnnotationFile(#[from] crate::session::OpenError),
    /// An address with a scheme other than http or https.
    #[error("{0}: only http and https addresses can be opened (save the file and give its path)")]
    Scheme(String),
    /// Something written as a web address that is not one.
    #[error("{arg}")]
    Address {
        /// The argument.
        arg: String,
        /// Why it is not an address.
        #[source]
        error: AddressError,
    },
    /// Fetching failed.
    #[error("{url}")]
    Fetch {
        /// The address.
        url: String,
        /// Why.
        #[source]
        error: FetchError,
    },
    /// A path that is not a regular file (a FIFO, a device, a socket).
    #[error("{}: is {kind}, not a regular file", .path.display())]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is ("a FIFO").
        kind: &'static str,
    },
    /// A feed file that could not be read.
    #[error("{}: no such file", .0.display())]
    MissingFeed(PathBuf),
    /// A folder given as a feed.
    #[error("{}: is a folder, not a feed", .0.display())]
    FeedFolder(PathBuf),
    /// A feed file that could not be read for another reason.
    #[error("{}", .path.display())]
    ReadFeed {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        error: std::io::Error,
    },
}

/// What a command-line argument names.
enum Argument<'a> {
    /// An http or https address.
    Web(&'a str),
    /// A path.
    Path(&'a Path),
}

/// Tells a web address from a path: anything written `scheme://` is an address, and only
/// http and https addresses are opened (one check for every argument: [`address::parse`]).
fn argument(arg: &str) -> Result<Argument<'_>, OpenError> {
    if !arg.contains("://") {
        return Ok(Argument::Path(Path::new(arg)));
    }
    match address::parse(arg) {
        Ok(_) => Ok(Argument::Web(arg)),
        Err(AddressError::Scheme(_)) => Err(OpenError::Scheme(arg.to_string())),
        Err(error) => Err(OpenError::Address {
            arg: arg.to_string(),
            error,
        }),
    }
}

/// True when `arg` is an http or https address, to be fetched.
pub fn is_web_argument(arg: &str) -> bool {
    matches!(argument(arg), Ok(Argument::Web(_)))
}

/// Opens a command-line argument: `None` is the sample, "-" standard input, a URL is fetched,
/// a path is read (a feed when it looks like one). Errors are one line naming the source.
pub fn open(
    arg: Option<&str>,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Result<Opened, OpenError> {
    match arg {
        None => Ok(Opened::Article(load::sample())),
        Some("-") => read_stdin().map(Opened::Article),
        Some(arg) => match argument(arg)? {
            Argument::Web(url) => open_url(url, progress, cancel),
            Argument::Path(path) => open_path(path),
        },
    }
}

/// Reads the path of a feed named on the command line, refusing addresses other than http
/// and https (an http address is fetched by the caller).
pub fn feed_path(arg: &str) -> Result<&Path, OpenError> {
    match argument(arg)? {
        Argument::Path(path) => Ok(path),
        Argument::Web(url) => Err(OpenError::Scheme(url.to_string())),
    }
}

/// Reads standard input as an article: a web page piped in (`curl … | gloss -`) is read as
/// its article.
fn read_stdin() -> Result<Document, OpenError> {
    let bytes = load::read_stdin_bytes(std::io::stdin().lock())?;
    if page::looks_like_html(&bytes) {
        return Ok(page::from_bytes(&bytes, Source::Stdin, "stdin")?);
    }
    Ok(load::from_bytes(bytes, Source::Stdin, "stdin")?)
}

/// Opens a file: a feed, a saved web page, an annotation file or a text article.
pub fn open_path(path: &Path) -> Result<Opened, OpenError> {
    // Judged before anything opens it: opening a FIFO to look at its start would block.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        return Err(OpenError::NotRegular {
            path: path.to_path_buf(),
            kind: crate::annotation::store::describe_kind(&meta),
        });
    }
    if is_feed_file(path) {
        return read_feed_file(path).map(|feed| Opened::Feed(feed, FeedOrigin::File(path.into())));
    }
    let doc = if page::is_html(path) {
        page::read_html_file(path)?
    } else if path.to_string_lossy().ends_with(".gloss.json") {
        crate::session::open::read_annotation_file_as_article(path)?
    } else {
        load::read_file(path)?
    };
    Ok(Opened::Article(doc))
}

/// The cleaned text of the plain-text or Markdown article at `path` when it is longer than
/// `min_bytes`, to be split into a document on a worker while its first screen is drawn;
/// `None` for anything [`open_path`] opens otherwise (a feed, a page, an annotation file, a
/// shorter article, or a path it reports an error for).
pub fn read_long_article(path: &Path, min_bytes: u64) -> Result<Option<String>, OpenError> {
    let long_file = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > min_bytes);
    if !long_file
        || is_feed_file(path)
        || page::is_html(path)
        || path.to_string_lossy().ends_with(".gloss.json")
    {
        return Ok(None);
    }
    Ok(Some(load::read_text(path)?))
}

/// Reads and parses a feed file.
pub fn read_feed_file(path: &Path) -> Result<Feed, OpenError> {
    let bytes = crate::files::read(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => OpenError::MissingFeed(path.to_path_buf()),
        std::io::ErrorKind::IsADirectory => OpenError::FeedFolder(path.to_path_buf()),
        _ => OpenError::ReadFeed {
            path: path.to_path_buf(),
            error,
        },
    })?;
    Ok(feed::parse(&bytes, &path.display().to_string())?)
}

/// Fetches `url`: a feed when the answer is one, else the page's article.
pub fn open_url(
    url: &str,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Result<Opened, OpenError> {
    let fetched = fetch(url, progress, cancel)?;
    if feed::looks_like_feed(&fetched.body) {
        let feed = feed::parse(&fetched.body, url)?;
        return Ok(Opened::Feed(feed, FeedOrigin::Url(url.to_string())));
    }
    let page_error = |error: crate::web::WebError| PageError::Web {
        name: url.to_string(),
        error,
    };
    check_html(fetched.content_type.as_deref()).map_err(|e| page_error(e.into()))?;
    let article = crate::web::extract(&fetched.text(), Some(&fetched.url))
        .map_err(|e| page_error(e.into()))?;
    Ok(Opened::Article(page::document(
        article,
        Source::Url(url.to_string()),
    )))
}

/// Fetches a feed at `url` and returns its bytes (checked to parse).
pub fn fetch_feed(
    url: &str,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Result<Vec<u8>, OpenError> {
    let fetched = fetch(url, progress, cancel)?;
    feed::parse(&fetched.body, url)?;
    Ok(fetched.body)
}

fn fetch(
    url: &str,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Result<crate::web::Fetched, OpenError> {
    let options = FetchOptions {
        require_html: false,
        ..FetchOptions::default()
    };
    crate::web::fetch(url, &options, progress, cancel).map_err(|error| OpenError::Fetch {
        url: url.to_string(),
        error,
    })
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
