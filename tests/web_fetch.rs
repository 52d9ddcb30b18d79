//! Fetching against a real HTTP/1.1 server on 127.0.0.1: pages, encodings, gzip, redirects,
//! and every kind of misbehaviour, each with its one-line message.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use gloss::text::clean::is_bidi_control;
use gloss::web::{FetchError, FetchOptions, Fetched, WebError, fetch, fetch_article};

const NEWS: &str = include_str!("fixtures/web/news.html");
const WINDOWS_1252: &[u8] = include_bytes!("fixtures/web/windows1252.html");
const LATIN1_META: &[u8] = include_bytes!("fixtures/web/latin1_meta.html");
const HOSTILE: &[u8] = include_bytes!("fixtures/web/hostile.html");

/// The test server's address, `http://127.0.0.1:PORT`; started once for all tests.
fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || serve(stream));
            }
        });
        base
    })
}

fn url(path: &str) -> String {
    format!("{}{path}", base())
}

/// One request: its path and headers (names lower-cased).
struct Request {
    path: String,
    headers: HashMap<String, String>,
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    Some(Request { path, headers })
}

/// Writes a complete response with a Content-Length; write errors (the client gave up) are
/// ignored.
fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, &str)], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

fn html(stream: &mut TcpStream, body: &[u8]) {
    respond(
        stream,
        "200 OK",
        &[("Content-Type", "text/html; charset=utf-8")],
        body,
    );
}

fn redirect(stream: &mut TcpStream, status: &str, location: &str) {
    respond(stream, status, &[("Location", location)], b"");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

const MIB: usize = 1024 * 1024;

fn serve(mut stream: TcpStream) {
    let Some(request) = read_request(&stream) else {
        // Not HTTP (a TLS handshake, say): answer as a plain HTTP server would.
        respond(&mut stream, "400 Bad Request", &[], b"");
        return;
    };
    let path = request.path.as_str();
    match path {
        "/news" => html(&mut stream, NEWS.as_bytes()),
        "/ua" => {
            let agent = request
                .headers
                .get("user-agent")
                .cloned()
                .unwrap_or_default();
            html(&mut stream, format!("<p>agent: {agent}</p>").as_bytes());
        }
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            html(&mut stream, NEWS.as_bytes());
        }
        "/slow-body" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<p>first part";
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.flush();
            std::thread::sleep(Duration::from_secs(3));
        }
        "/cut" => {
            let mut head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n".to_vec();
            head.extend_from_slice(&NEWS.as_bytes()[..100]);
            let _ = stream.write_all(&head);
            let _ = stream.flush();
        }
        "/big" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "text/html")],
            &vec![b'x'; 2 * MIB],
        ),
        "/big-chunked" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            let chunk = vec![b'y'; 64 * 1024];
            for _ in 0..64 {
                let framed =
                    [format!("{:x}\r\n", chunk.len()).as_bytes(), &chunk, b"\r\n"].concat();
                if stream.write_all(&framed).is_err() {
                    return;
                }
            }
            let _ = stream.write_all(b"0\r\n\r\n");
        }
        "/gzip" => {
            let accepts = request
                .headers
                .get("accept-encoding")
                .is_some_and(|v| v.contains("gzip"));
            if accepts {
                respond(
                    &mut stream,
                    "200 OK",
                    &[
                        ("Content-Type", "text/html; charset=utf-8"),
                        ("Content-Encoding", "gzip"),
                    ],
                    &gzip(NEWS.as_bytes()),
                );
            } else {
                html(&mut stream, b"<p>gzip was not asked for</p>");
            }
        }
        "/bad-gzip" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            b"\x1f\x8b\x08\x00not really gzip at all",
        ),
        "/loop/a" => redirect(&mut stream, "302 Found", "/loop/b"),
        "/loop/b" => redirect(&mut stream, "301 Moved Permanently", &url("/loop/a")),
        "/to-file" => redirect(&mut stream, "302 Found", "file:///etc/passwd"),
        // Never followed: judged by the address check before any connection.
        "/to-metadata" => redirect(
            &mut stream,
            "302 Found",
            "http://169.254.169.254/latest/meta-data/",
        ),
        "/to-localhost" => {
            let port = url("/")
                .rsplit(':')
                .next()
                .unwrap()
                .trim_end_matches('/')
                .to_string();
            redirect(
                &mut stream,
                "302 Found",
                &format!("http://localhost:{port}/news"),
            );
        }
        "/no-location" => respond(&mut stream, "302 Found", &[], b""),
        "/missing" => respond(
            &mut stream,
            "404 Not Found",
            &[("Content-Type", "text/html")],
            b"<h1>Not here</h1>",
        ),
        "/broken" => respond(
            &mut stream,
            "500 Internal Server Error",
            &[("Content-Type", "text/html")],
            b"<h1>Oops</h1>",
        ),
        "/plain" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "text/plain; charset=utf-8")],
            b"just text",
        ),
        "/windows-1252" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "text/html; charset=windows-1252")],
            WINDOWS_1252,
        ),
        "/latin1-meta" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "text/html")],
            LATIN1_META,
        ),
        "/hostile" => html(&mut stream, HOSTILE),
        p if p.starts_with("/chain/") => {
            let n: u32 = p["/chain/".len()..].parse().unwrap_or(0);
            if n == 0 {
                html(&mut stream, NEWS.as_bytes());
            } else {
                // Alternate relative and absolute Locations.
                let next = if n.is_multiple_of(2) {
                    format!("{}", n - 1)
                } else {
                    url(&format!("/chain/{}", n - 1))
                };
                redirect(&mut stream, "307 Temporary Redirect", &next);
            }
        }
        _ => respond(&mut stream, "404 Not Found", &[], b""),
    }
}

fn get(path: &str, options: &FetchOptions) -> Result<Fetched, FetchError> {
    fetch(&url(path), options, &|_| {}, &AtomicBool::new(false))
}

fn error(path: &str, options: &FetchOptions) -> String {
    let message = get(path, options).expect_err(path).to_string();
    assert!(!message.contains('\n'), "one line: {message}");
    message
}

fn quick() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_millis(500),
        max_bytes: MIB as u64,
        ..FetchOptions::default()
    }
}

#[test]
fn fetches_a_page_and_reports_progress() {
    let seen = AtomicU64::new(0);
    let fetched = fetch(
        &url("/news"),
        &FetchOptions::default(),
        &|n| seen.store(n, Ordering::Relaxed),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(fetched.body, NEWS.as_bytes());
    assert_eq!(fetched.url, url("/news"));
    assert_eq!(
        fetched.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(seen.load(Ordering::Relaxed), NEWS.len() as u64);
}

#[test]
fn sends_a_user_agent_naming_gloss() {
    let text = get("/ua", &FetchOptions::default()).unwrap().text();
    assert!(
        text.contains(&format!("agent: gloss/{}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
}

#[test]
fn fetches_and_extracts_an_article() {
    let article = fetch_article(
        &url("/news"),
        &FetchOptions::default(),
        &|_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(article.title, "Russia and China extend friendship treaty");
    assert_eq!(article.url.as_deref(), Some(url("/news").as_str()));
    assert!(
        article
            .text
            .contains("Beijing has not yet released information")
    );
}

#[test]
fn gzip_pages_are_decompressed() {
    let fetched = get("/gzip", &FetchOptions::default()).unwrap();
    assert_eq!(fetched.text(), NEWS);
    assert_eq!(
        error("/bad-gzip", &quick()),
        "the compressed page is damaged"
    );
}

#[test]
fn slow_response_times_out() {
    let started = Instant::now();
    assert_eq!(error("/slow", &quick()), "timed out after 500 ms");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn timeout_covers_the_whole_body() {
    let started = Instant::now();
    assert_eq!(error("/slow-body", &quick()), "timed out after 500 ms");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn body_cut_short_is_an_error() {
    assert_eq!(
        error("/cut", &quick()),
        "the page was cut short: the connection closed after 100 bytes of 5000"
    );
}

#[test]
fn body_over_the_cap_is_an_error() {
    assert_eq!(
        error("/big", &quick()),
        "the page is larger than the 1 MiB limit"
    );
    assert_eq!(
        error("/big-chunked", &quick()),
        "the page is larger than the 1 MiB limit"
    );
}

#[test]
fn redirect_chain_within_the_limit_is_followed() {
    let fetched = get("/chain/4", &FetchOptions::default()).unwrap();
    assert_eq!(fetched.url, url("/chain/0"));
    assert_eq!(fetched.body, NEWS.as_bytes());
}

#[test]
fn redirect_chain_over_the_limit_is_an_error() {
    let options = FetchOptions {
        max_redirects: 3,
        ..quick()
    };
    assert_eq!(
        error("/chain/4", &options),
        "too many redirects (more than 3)"
    );
    assert!(get("/chain/3", &options).is_ok());
}

#[test]
fn redirect_loop_is_an_error() {
    assert_eq!(
        error("/loop/a", &quick()),
        format!("redirect loop: {} was already visited", url("/loop/a"))
    );
}

#[test]
fn redirects_only_to_web_addresses() {
    assert_eq!(
        error("/to-file", &quick()),
        "only http and https addresses can be fetched, not file:"
    );
    assert_eq!(
        error("/no-location", &quick()),
        "the server answered 302 (a redirect) without saying where to"
    );
}

#[test]
fn error_statuses_are_reported() {
    assert_eq!(
        error("/missing", &quick()),
        "the server answered 404 Not Found"
    );
    assert_eq!(
        error("/broken", &quick()),
        "the server answered 500 Internal Server Error"
    );
}

#[test]
fn non_html_is_refused_unless_allowed() {
    assert_eq!(
        error("/plain", &quick()),
        "not an HTML page (content type text/plain)"
    );
    let any = FetchOptions {
        require_html: false,
        ..quick()
    };
    assert_eq!(get("/plain", &any).unwrap().text(), "just text");
}

#[test]
fn only_web_addresses_are_fetched() {
    let fail = |address: &str| {
        fetch(address, &quick(), &|_| {}, &AtomicBool::new(false))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        fail("file:///etc/passwd"),
        "only http and https addresses can be fetched, not file:"
    );
    assert_eq!(fail("not a url"), "not a web address: not a url");
}

#[test]
fn connection_refused_is_reported() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let message = fetch(
        &format!("http://127.0.0.1:{port}/"),
        &quick(),
        &|_| {},
        &AtomicBool::new(false),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        message,
        format!("cannot connect to 127.0.0.1:{port}: connection refused")
    );
}

#[test]
fn cancel_stops_before_and_during_the_body() {
    let cancelled = AtomicBool::new(true);
    let before = fetch(&url("/news"), &quick(), &|_| {}, &cancelled).unwrap_err();
    assert_eq!(before.to_string(), "cancelled");

    let cancel = AtomicBool::new(false);
    let received = AtomicU64::new(0);
    let options = FetchOptions {
        max_bytes: 64 * MIB as u64,
        ..quick()
    };
    let during = fetch(
        &url("/big-chunked"),
        &options,
        &|n| {
            received.store(n, Ordering::Relaxed);
            cancel.store(true, Ordering::Relaxed);
        },
        &cancel,
    )
    .unwrap_err();
    assert_eq!(during.to_string(), "cancelled");
    assert!(received.load(Ordering::Relaxed) > 0);
}

#[test]
fn windows_1252_page_is_decoded() {
    let fetched = get("/windows-1252", &FetchOptions::default()).unwrap();
    let article = gloss::web::extract(&fetched.text(), Some(&fetched.url)).unwrap();
    assert_eq!(article.title, "Café crème : l’accord est signé");
    assert!(
        article.text.contains("“Nous sommes prêts à coopérer”"),
        "{}",
        article.text
    );
}

#[test]
fn iso_8859_1_declared_in_meta_only_is_decoded() {
    let fetched = get("/latin1-meta", &FetchOptions::default()).unwrap();
    assert_eq!(fetched.content_type.as_deref(), Some("text/html"));
    let article = gloss::web::extract(&fetched.text(), Some(&fetched.url)).unwrap();
    assert_eq!(article.title, "Réseau ferré : accord à Genève");
    assert!(
        article.text.contains("« une étape décisive »"),
        "{}",
        article.text
    );
}

/// No control character but `\n`, no bidi control, and nothing left of an escape sequence.
fn assert_terminal_safe(field: &str) {
    for c in field.chars() {
        assert!(
            (!c.is_control() || c == '\n') && !is_bidi_control(c),
            "{c:?} in {field:?}"
        );
    }
    for leftover in ["[31m", "[2J", "52;c", "]8;;", "aGVsbG8"] {
        assert!(!field.contains(leftover), "{leftover:?} in {field:?}");
    }
}

#[test]
fn hostile_page_yields_only_clean_fields() {
    let article = match fetch_article(
        &url("/hostile"),
        &FetchOptions::default(),
        &|_| {},
        &AtomicBool::new(false),
    ) {
        Ok(article) => article,
        Err(WebError::Fetch(e)) => panic!("fetch: {e}"),
        Err(WebError::Extract(e)) => panic!("extract: {e}"),
    };
    let fields = [
        Some(article.title.as_str()),
        article.byline.as_deref(),
        article.date.as_deref(),
        article.site.as_deref(),
        article.url.as_deref(),
        Some(article.text.as_str()),
    ];
    for field in fields.into_iter().flatten() {
        assert_terminal_safe(field);
    }
    assert!(article.title.starts_with("Evil"), "{}", article.title);
    assert_eq!(article.byline.as_deref(), Some("Mallory link"));
    assert_eq!(article.site.as_deref(), Some("Sitename"));
    assert_eq!(article.date.as_deref(), Some("2021-01-01T00:00:00Z"));
    assert!(
        article
            .text
            .contains("that turns text red and an encoded one here,"),
        "{}",
        article.text
    );
    assert!(
        article.text.contains("click me before it ends"),
        "{}",
        article.text
    );
}

#[test]
fn https_to_a_server_without_tls_fails_cleanly() {
    let address = url("/news").replacen("http://", "https://", 1);
    let message = fetch(&address, &quick(), &|_| {}, &AtomicBool::new(false))
        .unwrap_err()
        .to_string();
    let host = base().trim_start_matches("http://");
    assert!(
        message.starts_with(&format!("secure connection to {host} failed: ")),
        "{message}"
    );
    assert!(!message.contains('\n'));
}

#[test]
fn redirects_into_private_or_link_local_addresses_are_refused_before_connecting() {
    let error = get("/to-metadata", &FetchOptions::default()).unwrap_err();
    assert!(
        matches!(&error, FetchError::PrivateRedirect { ip, .. } if ip.to_string() == "169.254.169.254"),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("refused a redirect to http://169.254.169.254/"),
        "{error}"
    );
    // A name that stands for a loopback address other than the one given is judged by its
    // address too (localhost is resolved from the hosts file, not the network).
    let error = get("/to-localhost", &FetchOptions::default()).unwrap_err();
    assert!(
        matches!(error, FetchError::PrivateRedirect { .. }),
        "{error}"
    );
    // Redirects that stay on the local address the user gave are followed.
    assert!(get("/chain/3", &FetchOptions::default()).is_ok());
}
