//! Fetching a web page over HTTP or HTTPS (rustls, no system OpenSSL): redirects followed up
//! to a limit and loops refused, a connect timeout and a whole-response timeout, a size cap,
//! gzip, and a User-Agent naming gloss. Made to run on a worker thread: it reports the bytes
//! received so far and stops when asked to.

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ureq::Agent;
use ureq::http::{StatusCode, Uri, header};

use super::address::{self, AddressError};
use super::charset;

/// The User-Agent gloss sends: its name, version and what it is.
pub const USER_AGENT: &str = concat!(
    "gloss/",
    env!("CARGO_PKG_VERSION"),
    " (terminal news reader; +https://crates.io/crates/gloss)"
);

/// The Accept header: HTML first, anything else (feeds, when a caller allows them) after.
const ACCEPT: &str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";

/// How much of the body one read asks for; progress is reported after each.
const CHUNK: usize = 16 * 1024;

/// Limits and identity for [`fetch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// Longest wait for a connection (DNS, TCP and TLS) to one server.
    pub connect_timeout: Duration,
    /// Longest time for the whole fetch, redirects and the full body included.
    pub timeout: Duration,
    /// Most redirects followed; one more is an error.
    pub max_redirects: u32,
    /// Largest body accepted, in bytes after decompression; a larger one is an error.
    pub max_bytes: u64,
    /// The User-Agent header.
    pub user_agent: String,
    /// Refuse a response whose Content-Type is neither HTML nor XHTML (a missing one is
    /// accepted). Callers fetching feeds turn this off.
    pub require_html: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 10,
            max_bytes: 10 * 1024 * 1024,
            user_agent: USER_AGENT.to_string(),
            require_html: true,
        }
    }
}

/// A fetched page: where it ended up, what the server said it is, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The final address, after redirects.
    pub url: String,
    /// The Content-Type header, if the server sent one.
    pub content_type: Option<String>,
    /// The body, decompressed.
    pub body: Vec<u8>,
}

impl Fetched {
    /// The body as text, decoded with the charset from the header or the page
    /// (see [`charset::decode`]).
    pub fn text(&self) -> String {
        charset::decode(&self.body, self.content_type.as_deref())
    }
}

/// Why a fetch failed. Each message is one line, fit for a status bar.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The address is not an http or https one.
    #[error(transparent)]
    Address(#[from] AddressError),
    /// The fetch took longer than [`FetchOptions::timeout`] (or the connect timeout).
    #[error("timed out after {}", seconds(*.0))]
    Timeout(Duration),
    /// The connection closed before the whole body arrived.
    #[error("the page was cut short: the connection closed after {received} bytes{}", of_expected(*.expected))]
    CutShort {
        /// Bytes received before the connection closed.
        received: u64,
        /// The Content-Length the server announced, if any.
        expected: Option<u64>,
    },
    /// The body is larger than [`FetchOptions::max_bytes`]; nothing of it is kept.
    #[error("the page is larger than the {} limit", size(*.0))]
    TooLarge(u64),
    /// A redirect led back to an address already visited.
    #[error("redirect loop: {0} was already visited")]
    RedirectLoop(String),
    /// A redirect to a private, loopback or link-local address the user did not give.
    #[error(
        "refused a redirect to {address} ({ip} is a private or local address); open it directly if you mean to"
    )]
    PrivateRedirect {
        /// Where the redirect pointed.
        address: String,
        /// The address its host stands for.
        ip: std::net::IpAddr,
    },
    /// More redirects than [`FetchOptions::max_redirects`].
    #[error("too many redirects (more than {0})")]
    TooManyRedirects(u32),
    /// A redirect status with no Location header.
    #[error("the server answered {0} (a redirect) without saying where to")]
    MissingLocation(u16),
    /// A status other than success or redirect, such as 404 or 500.
    #[error("the server answered {} {}", .0, reason(*.0))]
    Status(u16),
    /// The response is not an HTML page.
    #[error("not an HTML page (content type {0})")]
    NotHtml(String),
    /// The host name could not be resolved.
    #[error("cannot find the server {0}")]
    HostNotFound(String),
    /// No connection could be made to the server.
    #[error("cannot connect to {host}: {reason}")]
    Connect {
        /// The server's host (and port).
        host: String,
        /// What went wrong, in a few words.
        reason: String,
    },
    /// The TLS handshake or certificate check failed.
    #[error("secure connection to {host} failed: {reason}")]
    Tls {
        /// The server's host (and port).
        host: String,
        /// What went wrong, in a few words.
        reason: String,
    },
    /// A gzip body that does not decompress.
    #[error("the compressed page is damaged")]
    Decompress,
    /// The caller asked the fetch to stop.
    #[error("cancelled")]
    Cancelled,
    /// Anything else the HTTP layer reports.
    #[error("fetch failed: {0}")]
    Other(String),
}

/// A duration as "30 s" or "250 ms".
fn seconds(d: Duration) -> String {
    if d.as_millis() < 1000 || d.subsec_millis() != 0 {
        format!("{} ms", d.as_millis())
    } else {
        format!("{} s", d.as_secs())
    }
}

/// " of 5000" when the expected length is known.
fn of_expected(expected: Option<u64>) -> String {
    expected.map(|n| format!(" of {n}")).unwrap_or_default()
}

/// A byte count as "10 MiB", "512 KiB" or "900 bytes".
fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// The standard reason phrase for a status (the server's own is not trusted or shown).
fn reason(status: u16) -> &'static str {
    StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

/// Fetches `url` (http or https only), following redirects, and returns the final address,
/// content type and body. `progress` is called with the number of body bytes received so far
/// after each read; `cancel` is checked before each request and each read, so a fetch stops
/// within one read of it being set (a read waits at most until the timeout).
pub fn fetch(
    url: &str,
    options: &FetchOptions,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Result<Fetched, FetchError> {
    let (url, mut response, server) = follow_redirects(url, options, cancel)?;
    let content_type = header_text(&response, header::CONTENT_TYPE);
    if options.require_html {
        check_html(content_type.as_deref())?;
    }
    let expected = header_text(&response, header::CONTENT_LENGTH).and_then(|v| v.parse().ok());
    if expected.is_some_and(|n: u64| n > options.max_bytes) {
        return Err(FetchError::TooLarge(options.max_bytes));
    }
    let reader = response.body_mut().with_config().reader();
    let body = read_body(reader, options, progress, cancel).map_err(|e| match e {
        BodyError::Fetch(e) => e,
        BodyError::Ureq(e, received) => {
            from_ureq(e, &server, options, Some(Received { received, expected }))
        }
    })?;
    Ok(Fetched {
        url: url.to_string(),
        content_type,
        body,
    })
}

/// Requests `url` and follows redirects (refusing loops, other schemes and more than
/// [`FetchOptions::max_redirects`]) to a successful response, whose body is left unread.
fn follow_redirects(
    url: &str,
    options: &FetchOptions,
    cancel: &AtomicBool,
) -> Result<(Uri, ureq::http::Response<ureq::Body>, Server), FetchError> {
    let deadline = Instant::now() + options.timeout;
    let agent: Agent = Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(options.user_agent.as_str())
        .timeout_connect(Some(options.connect_timeout))
        .build()
        .into();
    let mut current = address::parse(url)?;
    let start = current.clone();
    let mut visited = vec![current.to_string()];
    loop {
        check(cancel)?;
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(FetchError::Timeout(options.timeout));
        }
        let server = Server::of(&current);
        // The whole-response budget left, redirects so far included, covers the body too.
        let response = agent
            .get(current.to_string())
            .header(header::ACCEPT, ACCEPT)
            .config()
            .timeout_global(Some(remaining))
            .build()
            .call()
            .map_err(|e| from_ureq(e, &server, options, None))?;
        let Some(next) = redirect_target(&response, &current)? else {
            let status = response.status();
            if !status.is_success() {
                return Err(FetchError::Status(status.as_u16()));
            }
            return Ok((current, response, server));
        };
        if visited.len() > options.max_redirects as usize {
            return Err(FetchError::TooManyRedirects(options.max_redirects));
        }
        let next_text = next.to_string();
        // Judged before any connection is made to it.
        if let Some(ip) = address::redirect_refused(&start, &next, &address::host_addresses(&next))
        {
            return Err(FetchError::PrivateRedirect {
                address: address::shorten(&next_text),
                ip,
            });
        }
        if visited.contains(&next_text) {
            return Err(FetchError::RedirectLoop(address::shorten(&next_text)));
        }
        visited.push(next_text);
        current = next;
    }
}

/// How much of a body had arrived when reading it failed.
#[derive(Debug, Clone, Copy)]
struct Received {
    received: u64,
    expected: Option<u64>,
}

/// A failure while reading the body: already a [`FetchError`], or an HTTP-layer error with
/// the number of bytes received before it.
enum BodyError {
    Fetch(FetchError),
    Ureq(ureq::Error, u64),
}

/// Reads the whole body in chunks, reporting progress and enforcing the size cap.
fn read_body(
    mut reader: impl Read,
    options: &FetchOptions,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Result<Vec<u8>, BodyError> {
    let mut body = Vec::new();
    let mut buffer = vec![0; CHUNK];
    loop {
        check(cancel).map_err(BodyError::Fetch)?;
        let n = match reader.read(&mut buffer) {
            Ok(0) => return Ok(body),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(BodyError::Ureq(ureq::Error::from(e), body.len() as u64)),
        };
        if (body.len() + n) as u64 > options.max_bytes {
            return Err(BodyError::Fetch(FetchError::TooLarge(options.max_bytes)));
        }
        body.extend_from_slice(&buffer[..n]);
        progress(body.len() as u64);
    }
}

/// `Err(Cancelled)` once `cancel` is set.
fn check(cancel: &AtomicBool) -> Result<(), FetchError> {
    if cancel.load(Ordering::Relaxed) {
        Err(FetchError::Cancelled)
    } else {
        Ok(())
    }
}

/// The next address when `response` is a redirect, resolved against `current`.
fn redirect_target(
    response: &ureq::http::Response<ureq::Body>,
    current: &Uri,
) -> Result<Option<Uri>, FetchError> {
    let status = response.status().as_u16();
    if !matches!(status, 301 | 302 | 303 | 307 | 308) {
        return Ok(None);
    }
    let location =
        header_text(response, header::LOCATION).ok_or(FetchError::MissingLocation(status))?;
    Ok(Some(address::resolve(current, &location)?))
}

/// A header's value as text, if present and readable.
fn header_text(
    response: &ureq::http::Response<ureq::Body>,
    name: header::HeaderName,
) -> Option<String> {
    let value = response.headers().get(name)?.to_str().ok()?.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// `Err(NotHtml)` unless the content type is HTML or XHTML (or missing).
pub fn check_html(content_type: Option<&str>) -> Result<(), FetchError> {
    let Some(content_type) = content_type else {
        return Ok(());
    };
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if essence.eq_ignore_ascii_case("text/html")
        || essence.eq_ignore_ascii_case("application/xhtml+xml")
    {
        Ok(())
    } else {
        Err(FetchError::NotHtml(address::shorten(essence)))
    }
}

/// The server a request goes to, as error messages need it.
struct Server {
    /// Host and port, for messages.
    host: String,
    /// True for https.
    secure: bool,
}

impl Server {
    fn of(uri: &Uri) -> Self {
        Self {
            host: address::shorten(uri.authority().map_or("", |a| a.as_str())),
            secure: uri.scheme_str() == Some("https"),
        }
    }
}

/// Turns an HTTP-layer error into a one-line [`FetchError`]. `body` is set when the error
/// came while reading the body, after the response headers.
fn from_ureq(
    error: ureq::Error,
    server: &Server,
    options: &FetchOptions,
    body: Option<Received>,
) -> FetchError {
    let host = server.host.as_str();
    let connect = |reason: &str| FetchError::Connect {
        host: host.to_string(),
        reason: reason.to_string(),
    };
    let tls = |reason: &str| FetchError::Tls {
        host: host.to_string(),
        reason: one_line(reason),
    };
    match error {
        ureq::Error::Timeout(ureq::Timeout::Connect) => {
            FetchError::Timeout(options.connect_timeout)
        }
        ureq::Error::Timeout(_) => FetchError::Timeout(options.timeout),
        ureq::Error::HostNotFound => FetchError::HostNotFound(host.to_string()),
        ureq::Error::ConnectionFailed => connect("connection failed"),
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(options.max_bytes),
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects(options.max_redirects),
        ureq::Error::Decompress(..) => FetchError::Decompress,
        ureq::Error::Tls(reason) => tls(reason),
        ureq::Error::Rustls(e) => tls(&e.to_string()),
        ureq::Error::Io(e) => match (e.kind(), body) {
            (io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock, _) => {
                FetchError::Timeout(options.timeout)
            }
            (
                io::ErrorKind::UnexpectedEof
                | io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::BrokenPipe,
                Some(Received { received, expected }),
            ) => FetchError::CutShort { received, expected },
            (io::ErrorKind::ConnectionRefused, _) => connect("connection refused"),
            // rustls reports a failed handshake or certificate check as invalid data.
            (io::ErrorKind::InvalidData, None) if server.secure => tls(&e.to_string()),
            (io::ErrorKind::UnexpectedEof, None) => connect("the server closed the connection"),
            (io::ErrorKind::ConnectionReset, None) => connect("connection reset"),
            (io::ErrorKind::HostUnreachable | io::ErrorKind::NetworkUnreachable, _) => {
                connect("unreachable")
            }
            // The system's resolver found no such host (std reports it as an uncategorised
            // error with this text).
            _ if e
                .to_string()
                .starts_with("failed to lookup address information") =>
            {
                FetchError::HostNotFound(host.to_string())
            }
            _ => FetchError::Other(one_line(&e.to_string())),
        },
        ureq::Error::Protocol(e) => match body {
            Some(Received { received, expected }) => FetchError::CutShort { received, expected },
            None => FetchError::Other(one_line(&format!("bad HTTP response: {e}"))),
        },
        other => FetchError::Other(one_line(&other.to_string())),
    }
}

/// `text` cleaned of control characters and on one line.
fn one_line(text: &str) -> String {
    address::shorten(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_line() {
        let options = FetchOptions::default();
        let cases = [
            (
                from_ureq(
                    ureq::Error::HostNotFound,
                    &Server::of(&address::parse("http://nowhere.invalid/").unwrap()),
                    &options,
                    None,
                ),
                "cannot find the server nowhere.invalid",
            ),
            (
                from_ureq(
                    ureq::Error::Io(io::Error::other(
                        "failed to lookup address information: Name or service not known",
                    )),
                    &Server::of(&address::parse("http://nowhere.invalid/").unwrap()),
                    &options,
                    None,
                ),
                "cannot find the server nowhere.invalid",
            ),
            (
                FetchError::Timeout(Duration::from_millis(300)),
                "timed out after 300 ms",
            ),
            (
                FetchError::Timeout(Duration::from_secs(30)),
                "timed out after 30 s",
            ),
            (
                FetchError::TooLarge(10 * 1024 * 1024),
                "the page is larger than the 10 MiB limit",
            ),
            (FetchError::Status(404), "the server answered 404 Not Found"),
            (
                FetchError::Status(500),
                "the server answered 500 Internal Server Error",
            ),
            (
                FetchError::CutShort {
                    received: 100,
                    expected: Some(5000),
                },
                "the page was cut short: the connection closed after 100 bytes of 5000",
            ),
        ];
        for (error, message) in cases {
            assert_eq!(error.to_string(), message);
        }
    }

    #[test]
    fn html_content_types_are_accepted() {
        assert!(check_html(Some("text/html; charset=utf-8")).is_ok());
        assert!(check_html(Some("application/xhtml+xml")).is_ok());
        assert!(check_html(None).is_ok());
        assert_eq!(
            check_html(Some("application/pdf")).unwrap_err().to_string(),
            "not an HTML page (content type application/pdf)"
        );
    }

    #[test]
    fn user_agent_names_gloss_and_its_version() {
        assert!(USER_AGENT.starts_with(concat!("gloss/", env!("CARGO_PKG_VERSION"))));
    }
}
