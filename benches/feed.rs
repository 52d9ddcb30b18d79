//! Parsing a 500-item RSS 2.0 feed (Wikinews articles as full content) to its item list:
//! the work before the feed view's first frame, whose budget is 100 ms.
//!
//! Run: `cargo bench --bench feed`

mod support;

use divan::Bencher;

fn main() {
    divan::main();
}

/// Escapes text for XML character data.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An RSS 2.0 feed of `count` items built from the Wikinews corpus: title, link, guid, date,
/// an HTML description and the whole article as HTML in content:encoded.
pub fn wikinews_feed(count: usize) -> String {
    let texts = support::wikinews_texts();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n\
         <title>Wikinews</title>\n<link>https://en.wikinews.org/</link>\n\
         <description>Bench feed</description>\n",
    );
    for (i, text) in texts.iter().cycle().take(count).enumerate() {
        let mut paragraphs = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
        let title = paragraphs.next().unwrap_or("Untitled");
        let body: Vec<&str> = paragraphs.collect();
        let html: String = body
            .iter()
            .map(|p| format!("<p>{}</p>", escape(p)))
            .collect();
        xml.push_str(&format!(
            "<item>\n<title>{}</title>\n<link>https://en.wikinews.org/wiki/{i}</link>\n\
             <guid>wikinews-{i}</guid>\n<pubDate>Mon, 28 Jun 2021 10:{:02}:00 GMT</pubDate>\n\
             <description>{}</description>\n<content:encoded><![CDATA[{}]]></content:encoded>\n\
             </item>\n",
            escape(title),
            i % 60,
            escape(&format!("<p>{}</p>", escape(body.first().unwrap_or(&"")))),
            html.replace("]]>", "]]&gt;"),
        ));
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
}

#[divan::bench(args = [500])]
fn parse_feed(bencher: Bencher, items: usize) {
    let xml = wikinews_feed(items);
    let feed = gloss::feed::parse(xml.as_bytes(), "bench.xml").unwrap();
    assert_eq!(feed.items.len(), items);
    assert!(feed.items.iter().all(|i| i.content.is_some()));
    bencher
        .counter(divan::counter::BytesCount::new(xml.len()))
        .bench(|| gloss::feed::parse(divan::black_box(xml.as_bytes()), "bench.xml"));
}

/// `gloss feed FILE` with 500 items: the feed parsed, the view built and its first frame
/// drawn at 120x40 (budget 100 ms), with the library (holding only the sample) consulted
/// for the read and annotated marks.
#[divan::bench(args = [500])]
fn open_feed_to_first_frame(bencher: Bencher, items: usize) {
    let xml = wikinews_feed(items);
    let root = tempfile::tempdir().unwrap();
    let library = root.path().join("library");
    bencher.bench_local(|| {
        let feed = gloss::feed::parse(xml.as_bytes(), "bench.xml").unwrap();
        let origin = gloss::open::FeedOrigin::File("bench.xml".into());
        let config = gloss::config::Config::default();
        let ctx = gloss::tui::shell::Context {
            keymap: gloss::keymap::Keymap::with_overrides(&config.keys),
            config,
            dirs: gloss::config::paths::Dirs::under(root.path()),
            library: Some(gloss::library::Library::open(&library).unwrap()),
            annotations: None,
        };
        let view = gloss::tui::feed_view::FeedView::single(feed, origin);
        let mut shell = gloss::tui::Shell::new(ctx, gloss::tui::shell::Screen::Feed(view));
        gloss::tui::screen::render_shell(&mut shell, 120, 40)
    });
}
