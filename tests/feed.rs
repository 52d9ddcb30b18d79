//! Feeds: every file of the feed corpus (tests/fixtures/corpus/feeds) parses with its item count, bad input gives
//! one clear line, hostile content never reaches the caller with a control character, and
//! OPML round-trips.

use std::path::PathBuf;

use gloss::feed::{self, Subscription, export_opml, import_opml};

fn corpus(name: &str) -> (Vec<u8>, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/feeds")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (bytes, name.to_string())
}

/// (file, number of items) for every feed in the corpus that must open.
const CORPUS: [(&str, usize); 20] = [
    ("atom_example_1.xml", 1),
    ("atom_example_reddit.xml", 1),
    ("atom_mediarss_youtube_1.xml", 1),
    ("atom_relative.xml", 1),
    ("atom_spec_1.xml", 1),
    ("atom_xml_base.xml", 1),
    ("jsonfeed_example_1.json", 2),
    ("jsonfeed_spec_1.json", 1),
    ("rss_0.91_encoding_1.xml", 1),
    ("rss_1.0_biorxiv.xml", 1),
    ("rss_2.0_bbc.xml", 1),
    ("rss_2.0_cloudflare.xml", 1),
    ("rss_2.0_encoding_1.xml", 1),
    ("rss_2.0_example_1.xml", 1),
    ("rss_2.0_ilgiornale.xml", 1),
    ("rss_2.0_nbcny.xml", 1),
    ("rss_2.0_reddit.xml", 1),
    ("rss_2.0_relurl_1.xml", 2),
    ("rss_2.0_spiegel.xml", 1),
    ("rss_2.0_wirecutter.xml", 1),
];

fn assert_clean(what: &str, text: &str) {
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{what}: control character in {text:?}"
    );
}

fn assert_feed_clean(feed: &feed::Feed) {
    assert_clean("feed title", &feed.title);
    assert!(!feed.title.contains('\n'));
    for item in &feed.items {
        assert_clean("id", &item.id);
        assert_clean("title", &item.title);
        assert!(!item.title.contains('\n'), "{:?}", item.title);
        for field in [&item.link, &item.author, &item.content, &item.summary] {
            assert_clean("field", field.as_deref().unwrap_or_default());
        }
    }
}

#[test]
fn every_corpus_feed_opens_with_its_items() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus/feeds");
    let mut listed: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xml") || n.ends_with(".json"))
        .filter(|n| n != "rss_2.0_invalid_1.xml")
        .collect();
    listed.sort();
    let expected: Vec<&str> = CORPUS.iter().map(|(n, _)| *n).collect();
    assert_eq!(listed, expected, "the corpus changed: update CORPUS");
    for (name, count) in CORPUS {
        let (bytes, source) = corpus(name);
        let feed = feed::parse(&bytes, &source).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(feed.items.len(), count, "{name}");
        assert!(
            feed.items
                .iter()
                .all(|i| !i.title.is_empty() || i.summary.is_some()),
            "{name}: an item with neither title nor summary"
        );
        assert_feed_clean(&feed);
    }
}

#[test]
fn fields_are_plain_text() {
    let (bytes, source) = corpus("rss_2.0_bbc.xml");
    let feed = feed::parse(&bytes, &source).unwrap();
    assert!(!feed.title.is_empty());
    let item = &feed.items[0];
    assert!(item.link.as_deref().unwrap().starts_with("http"));
    assert!(item.date.is_some());
    let (bytes, source) = corpus("rss_2.0_encoding_1.xml");
    let feed = feed::parse(&bytes, &source).unwrap();
    for item in &feed.items {
        for text in [
            Some(&item.title),
            item.summary.as_ref(),
            item.content.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            assert!(!text.contains("<p>") && !text.contains("&amp;"), "{text:?}");
        }
    }
}

#[test]
fn invalid_feed_gives_one_line_naming_the_source() {
    let (bytes, source) = corpus("rss_2.0_invalid_1.xml");
    let err = feed::parse(&bytes, &source).unwrap_err().to_string();
    assert!(err.starts_with("rss_2.0_invalid_1.xml: "), "{err}");
    assert!(!err.contains('\n'), "{err}");
}

#[test]
fn not_a_feed_is_one_clear_line() {
    for (bytes, want) in [
        (&b"Hello, plain text"[..], "not a feed"),
        (b"<html><body>a page</body></html>", "not a feed"),
        (b"{\"not\": \"a feed\"}", "JSON"),
        (b"<rss version=\"2.0\"><channel><item>", "XML"),
        (b"", "not a feed"),
    ] {
        let err = feed::parse(bytes, "https://example.org/x\u{1b}[2J")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("https://example.org/x: "), "{err}");
        assert!(err.contains(want), "{err}");
        assert!(!err.contains('\n') && !err.contains('\u{1b}'), "{err:?}");
    }
}

#[test]
fn full_content_becomes_paragraphs() {
    let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>T &amp;amp; Co</title><link>https://example.org/</link>
<item><title>Putin &amp;amp; Xi</title><link>https://example.org/a</link>
<guid>a1</guid><pubDate>Mon, 28 Jun 2021 10:00:00 GMT</pubDate>
<author>desk@example.org (News Desk)</author>
<description>&lt;p&gt;Short.&lt;/p&gt;</description>
<content:encoded><![CDATA[<h1>Head</h1><p>One
two.</p><p>Three &amp; four&nbsp;five.</p><script>x()</script>]]></content:encoded>
</item></channel></rss>"#;
    let feed = feed::parse(rss.as_bytes(), "t.xml").unwrap();
    assert_eq!(feed.title, "T & Co");
    assert_eq!(feed.link.as_deref(), Some("https://example.org/"));
    let item = &feed.items[0];
    assert_eq!(item.id, "a1");
    assert_eq!(item.title, "Putin & Xi");
    assert_eq!(item.summary.as_deref(), Some("Short."));
    assert_eq!(
        item.content.as_deref(),
        Some("Head\n\nOne two.\n\nThree & four five.")
    );
    assert_eq!(item.date.unwrap().to_string(), "2021-06-28T10:00:00Z");
}

#[test]
fn hostile_content_cannot_reach_the_terminal() {
    let esc = "\u{1b}";
    let hostile =
        format!("a{esc}]52;c;ZXZpbA=={esc}\\b{esc}[31m\u{202e}c\u{9b}2J{esc}]8;;http://x{esc}\\d");
    let entities = "&#x9b;2J&#155;31m&#27;[2J&amp;#x9b;&#x202E;";
    let xml = format!(
        r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<title type="html">F {entities}</title>
<entry><id>e{entities}</id><title type="html">&lt;b&gt;T&lt;/b&gt; {entities}</title>
<author><name>N {entities}</name></author>
<link href="http://example.org/{entities}"/>
<summary type="html">&lt;p&gt;S {entities}&lt;/p&gt;</summary>
<content type="html">&lt;p&gt;C {entities}&lt;/p&gt;</content></entry></feed>"#
    );
    let json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": hostile,
        "items": [{
            "id": hostile, "url": format!("https://x/{hostile}"), "title": hostile,
            "content_html": format!("<p>{hostile}{entities}</p>"), "summary": hostile,
            "authors": [{"name": hostile}]
        }]
    })
    .to_string();
    for (bytes, source) in [(xml.into_bytes(), "atom"), (json.into_bytes(), "json")] {
        let feed = feed::parse(&bytes, source).unwrap();
        assert_feed_clean(&feed);
        let all = format!("{feed:?}");
        for bad in ["\\u{1b}", "\\u{9b}", "\\u{202e}", "\\u{7}"] {
            assert!(!all.contains(bad), "{source}: {bad} in {all}");
        }
    }
}

#[test]
fn opml_round_trips_with_escaping() {
    let subs = vec![
        Subscription {
            name: "BBC <News> & \"More\" 'x'".into(),
            url: "https://feeds.example/rss?a=1&b=<2>".into(),
        },
        Subscription {
            name: "Le Monde — à la une".into(),
            url: "https://lemonde.example/rss/une.xml".into(),
        },
    ];
    let opml = export_opml(&subs);
    assert!(opml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"));
    assert!(!opml.contains("<News>") && opml.contains("&amp;b=&lt;2&gt;"));
    assert_eq!(import_opml(&opml).unwrap(), subs);
    assert_eq!(import_opml(&export_opml(&[])).unwrap(), []);
}

#[test]
fn opml_import_cleans_names_and_urls() {
    let opml = "<opml version=\"2.0\"><body><outline text=\"A&#x1b;[31mB&#x202e;\" \
                xmlUrl=\"https://a.example/&#x9b;2J&#x202e;feed\"/></body></opml>";
    let subs = import_opml(opml).unwrap();
    assert_eq!(
        subs,
        [Subscription {
            name: "AB".into(),
            url: "https://a.example/feed".into()
        }]
    );
}

#[test]
fn items_without_an_id_keep_the_same_id_each_time() {
    let xml = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title><description>a</description></item>
<item><title>Two</title><description>b</description></item>
<item><title>Linked</title><link>https://x.example/3</link></item>
</channel></rss>"#;
    let ids = |bytes: &[u8]| -> Vec<String> {
        feed::parse(bytes, "t.xml")
            .unwrap()
            .items
            .into_iter()
            .map(|i| i.id)
            .collect()
    };
    let first = ids(xml);
    assert_eq!(first, ids(xml));
    assert_ne!(first[0], first[1]);
}

#[test]
fn a_late_xml_declaration_naming_an_encoding_is_an_error_not_a_panic() {
    // Found by fuzzing: a second `<?xml ... encoding=...?>` inside the document made the XML
    // reader under feed-rs panic.
    let bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n<rss version=\"2.0\">\n<channel>\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<title>T</title><item><title>A</title></item></channel></rss>";
    let parsed = std::panic::catch_unwind(|| feed::parse(bytes, "late.xml"));
    assert!(parsed.is_ok(), "parsing panicked");
    // The declared encoding is still honoured.
    let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>A</title></item></channel></rss>";
    let feed = feed::parse(latin1, "latin1.xml").unwrap();
    assert_eq!(feed.title, "Café");
}
