//! Feeds from the outside: every corpus feed through `gloss screen`, feeds served over HTTP
//! (and failing), `gloss feeds import/export/list`, and hostile feed content followed through
//! every path to the screen and to every export.

use crate::common;
use crate::common::bin;
use crate::common::http;

use std::path::{Path, PathBuf};

use bin::{assert_one_line_error, gloss, stderr, stdout};
use gloss::config::Config;
use gloss::open::{FeedOrigin, Opened};
use gloss::tui::feed_view::FeedView;
use gloss::tui::screen::render_shell_text;
use gloss::tui::shell::{Screen, Shell};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/feeds")
        .join(name)
}

#[test]
fn every_corpus_feed_opens_with_its_item_count_on_screen() {
    let home = tempfile::tempdir().unwrap();
    let mut opened = 0;
    for entry in std::fs::read_dir(corpus("")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.ends_with(".xml") || name.ends_with(".json")) {
            continue;
        }
        let out = gloss(home.path(), &["screen", path.to_str().unwrap()], None);
        if name == "rss_2.0_invalid_1.xml" {
            assert_one_line_error(&out, "rss_2.0_invalid_1.xml: ");
            continue;
        }
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let bytes = std::fs::read(&path).unwrap();
        let items = gloss::feed::parse(&bytes, &name).unwrap().items.len();
        let noun = if items == 1 { "item" } else { "items" };
        let first = stdout(&out).lines().next().unwrap_or_default().to_string();
        assert!(
            first.contains(&format!(" · {items} {noun}")),
            "{name}: {first}"
        );
        assert!(stdout(&out).contains("FEED"), "{name}");
        opened += 1;
    }
    assert_eq!(opened, 20);
}

#[test]
fn feeds_over_http_open_and_fail_with_one_line() {
    let home = tempfile::tempdir().unwrap();
    let bbc = std::fs::read(corpus("rss_2.0_bbc.xml")).unwrap();
    let base = http::serve(vec![
        ("/bbc.xml", http::Reply::Ok("application/rss+xml", bbc)),
        ("/text", http::Reply::Ok("text/plain", b"not a feed at all".to_vec())),
        (
            "/page",
            http::Reply::Ok(
                "text/html",
                b"<html><body><article><p>An article, not a feed, long enough to be one.</p></article></body></html>".to_vec(),
            ),
        ),
        ("/down", http::Reply::Status("500 Internal Server Error")),
    ]);
    let url = |p: &str| format!("{base}{p}");
    // A feed's address opens the feed, with `gloss screen` and with `gloss URL`.
    let out = gloss(home.path(), &["screen", &url("/bbc.xml")], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("· 1 item"), "{}", stdout(&out));
    for (path, needle) in [
        ("/missing", "404 Not Found"),
        ("/down", "500 Internal Server Error"),
        ("/text", "not an HTML page"),
    ] {
        let out = gloss(home.path(), &["screen", &url(path)], None);
        assert_one_line_error(&out, needle);
    }
    let out = gloss(home.path(), &["feed", &url("/page")], None);
    assert_one_line_error(&out, "not a feed");
    let out = gloss(home.path(), &["feed", &url("/missing")], None);
    assert_one_line_error(&out, "404");
    let out = gloss(home.path(), &["feed", "/no/such/feed.xml"], None);
    assert_one_line_error(&out, "/no/such/feed.xml: no such file");
    // Nothing was half-written into the library (at most the sample, its entry, the index
    // and the writers' lock).
    let library = home.path().join("data/gloss/library");
    assert!(!library.exists() || std::fs::read_dir(&library).unwrap().count() <= 4);
}

#[test]
fn subscriptions_import_list_and_export_as_opml() {
    let home = tempfile::tempdir().unwrap();
    let opml = home.path().join("subs.opml");
    std::fs::write(
        &opml,
        r#"<?xml version="1.0"?><opml version="2.0"><body>
<outline text="World"><outline type="rss" text="BBC &amp; more" xmlUrl="https://bbc.example/rss"/></outline>
<outline type="rss" text="Wire" xmlUrl="https://wire.example/atom"/>
<outline type="rss" text="Local" xmlUrl="file:///tmp/x.xml"/>
</body></opml>"#,
    )
    .unwrap();
    let out = gloss(
        home.path(),
        &["feeds", "import", opml.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("added 2 feeds"), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 skipped"), "{}", stderr(&out));
    let out = gloss(home.path(), &["feeds", "list"], None);
    assert_eq!(
        stdout(&out),
        "BBC & more\thttps://bbc.example/rss\nWire\thttps://wire.example/atom\n"
    );
    let out = gloss(home.path(), &["feeds", "export"], None);
    let exported = stdout(&out);
    assert!(exported.contains(r#"text="BBC &amp; more""#), "{exported}");
    let again = gloss::feed::import_opml(&exported).unwrap();
    assert_eq!(again.len(), 2);
    // Importing twice adds nothing; a broken OPML file is one line and changes nothing.
    let out = gloss(
        home.path(),
        &["feeds", "import", opml.to_str().unwrap()],
        None,
    );
    assert!(stderr(&out).contains("added 0 feeds"), "{}", stderr(&out));
    std::fs::write(&opml, "<opml><body></wrong>").unwrap();
    let out = gloss(
        home.path(),
        &["feeds", "import", opml.to_str().unwrap()],
        None,
    );
    assert_one_line_error(&out, "subs.opml: not a well-formed OPML file");
    let config = home.path().join("config/gloss/config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    assert_eq!(text.matches("[[feeds]]").count(), 2);
    // A bad address in the config is one line naming the file and line.
    std::fs::write(&config, "[[feeds]]\nname = \"x\"\nurl = \"ftp://x\"\n").unwrap();
    let out = gloss(home.path(), &["feeds", "list"], None);
    assert_one_line_error(&out, "config.toml: line 3");
}

/// Characters that must never reach a terminal: C0 and C1 controls (but the line and tab
/// characters that text files and CSV use), DEL, and
/// the bidi controls.
fn assert_inert(what: &str, text: &str) {
    for c in text.chars() {
        let control = (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(!control, "{what}: {:?} in {text:?}", c);
    }
}

fn hostile_feed(base: &str) -> String {
    let e = "&#27;]52;c;ZXZpbA==&#7;&#x1b;[2J&#155;31m&#x202E;&#27;]8;;http://x&#27;\\";
    format!(
        r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Evil {e} News</title>
<item><title>Putin {e} speaks</title><link>{base}/evil{e}</link><author>x@y (Mallory {e})</author>
<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Vladimir Putin said {e} the treaty was good.</p><p>The Kremlin {e} agreed, officials said.</p>]]></content:encoded></item>
<item><title>Second {e}</title><link>{base}/gone{e}</link><description>teaser {e}</description></item>
</channel></rss>"#
    )
}

#[test]
fn hostile_feed_content_never_reaches_the_screen_or_the_exports() {
    let home = tempfile::tempdir().unwrap();
    let base_placeholder = "http://127.0.0.1:1";
    let xml = hostile_feed(base_placeholder);
    let base = http::serve(vec![(
        "/evil.xml",
        http::Reply::Ok("application/rss+xml", xml.clone().into_bytes()),
    )]);
    // gloss screen of the feed, from a file and over HTTP.
    let file = home.path().join("evil.xml");
    std::fs::write(&file, &xml).unwrap();
    for arg in [
        file.to_str().unwrap().to_string(),
        format!("{base}/evil.xml"),
    ] {
        let out = gloss(home.path(), &["screen", &arg], None);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_inert("gloss screen", &stdout(&out));
        assert!(stdout(&out).contains("Putin"), "{}", stdout(&out));
    }
    // In the screens: the list, the article pane, the panel and the status bar, the library
    // list, a search's results, and a failed fetch's message.
    let ctx = common::context(home.path(), Config::default());
    let Ok(Opened::Feed(feed, _)) = gloss::open::open_path(&file) else {
        panic!("a feed")
    };
    let origin = FeedOrigin::Url(format!("{base}/evil.xml"));
    let mut shell = Shell::new(ctx, Screen::Feed(FeedView::single(feed, origin)));
    let mut screens = vec![render_shell_text(&mut shell, 120, 30)];
    shell.handle_key(common::key("enter"));
    screens.push(render_shell_text(&mut shell, 120, 30));
    screens.push(render_shell_text(&mut shell, 50, 12));
    let app = shell.reader().expect("the item opened");
    let text = app.session.doc.text.clone();
    let at = text.find("Vladimir Putin").unwrap();
    let (_, putin) = app.session.tag_entity(at..at + 14, "Person", None);
    let (_, claim) = app.session.tag_claim(0..text.find('\n').unwrap(), "Claim");
    app.session
        .set_speaker(&claim, gloss::session::SpeakerChoice::Entity(putin));
    app.session.save().unwrap();
    let article_file = app.session.storage.path.clone();
    shell.handle_key(common::key("tab"));
    screens.push(render_shell_text(&mut shell, 120, 30));
    shell.handle_key(common::key("q"));
    shell.handle_key(common::key("j"));
    shell.handle_key(common::key("enter"));
    shell.wait_job();
    screens.push(render_shell_text(&mut shell, 120, 30));
    let mut library_shell = common::library_shell(home.path());
    screens.push(render_shell_text(&mut library_shell, 120, 30));
    common::press_keys(&mut library_shell, "s");
    common::type_keys(&mut library_shell, "claims by putin");
    common::press_keys(&mut library_shell, "enter");
    library_shell.wait_job();
    screens.push(render_shell_text(&mut library_shell, 120, 30));
    assert!(
        screens.last().unwrap().contains("1 found"),
        "{}",
        screens.last().unwrap()
    );
    for (i, screen) in screens.iter().enumerate() {
        assert_inert(&format!("screen {i}"), screen);
    }
    assert!(screens[1].contains("Vladimir Putin said"), "{}", screens[1]);
    assert!(
        screens[4].contains("cannot connect"),
        "the failed fetch is reported: {}",
        screens[4]
    );
    // Every export of the article.
    for format in [
        "jsonl",
        "brat",
        "conll",
        "label-studio",
        "prodigy",
        "w3c",
        "csv",
        "markdown",
        "html",
    ] {
        let out_dir = home.path().join(format!("export-{format}"));
        let out = gloss(
            home.path(),
            &[
                "export",
                article_file.to_str().unwrap(),
                "--format",
                format,
                "-o",
                out_dir.to_str().unwrap(),
            ],
            None,
        );
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        for file in walk(&out_dir) {
            let bytes = std::fs::read(&file).unwrap();
            assert_inert(
                &format!("{format}: {}", file.display()),
                &String::from_utf8_lossy(&bytes),
            );
        }
    }
}

fn walk(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    std::fs::read_dir(path)
        .map(|d| d.flatten().flat_map(|e| walk(&e.path())).collect())
        .unwrap_or_default()
}
