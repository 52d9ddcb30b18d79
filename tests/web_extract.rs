//! Extracting articles from HTML: the realistic news page, saved pages in legacy encodings,
//! pages without metadata, and pages with no article at all.

use gloss::document::{Document, Source};
use gloss::text::clean::is_bidi_control;
use gloss::web::{ExtractError, article_from_html_bytes, extract};

const NEWS: &str = include_str!("fixtures/web/news.html");

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

#[test]
fn news_page_gives_metadata_and_paragraphs_without_chrome() {
    let article = extract(NEWS, Some("https://ledger.example/world/treaty")).unwrap();
    assert_eq!(article.title, "Russia and China extend friendship treaty");
    assert_eq!(article.byline.as_deref(), Some("Anna Petrova"));
    assert_eq!(article.date.as_deref(), Some("2021-06-29T08:30:00Z"));
    assert_eq!(article.site.as_deref(), Some("The Daily Ledger"));
    assert_eq!(
        article.url.as_deref(),
        Some("https://ledger.example/world/treaty")
    );
    let parts = paragraphs(&article.text);
    assert_eq!(parts.len(), 7, "{}", article.text);
    assert_eq!(parts[0], article.title);
    assert!(
        parts[1].starts_with("Following a videoconference between Chinese President Xi Jinping")
    );
    assert_eq!(
        parts[2],
        "Putin called the extension of the treaty “an example of cooperation in the 21st \
         century,” and both sides praised their partnership as a stabilising force in the face \
         of what they called global turmoil."
    );
    assert_eq!(parts[3], "Twenty years of partnership");
    assert!(parts[4].starts_with("France’s Le Figaro newspaper"));
    assert!(parts[6].ends_with("to return their ambassadors to their posts."));
    for chrome in [
        "Advertisement",
        "Subscribe",
        "troll42",
        "fake news",
        "Comments",
        "Most read",
        "Politics",
        "Share on",
        "All rights reserved",
        "Search the Ledger",
        "dataLayer",
    ] {
        assert!(
            !article.text.contains(chrome),
            "{chrome:?} kept:\n{}",
            article.text
        );
    }
}

#[test]
fn extracted_text_is_ready_for_a_document() {
    let article = extract(NEWS, None).unwrap();
    let document = Document::new(article.text.clone(), Source::Stdin);
    assert_eq!(document.title, article.title);
    assert_eq!(document.paragraphs.len(), 7);
    assert_eq!(
        document.slice(document.paragraphs[3].range.clone()),
        "Twenty years of partnership"
    );
    // Without an address, the page's own og:url is used.
    assert_eq!(
        article.url.as_deref(),
        Some("https://ledger.example/world/2021/06/29/treaty")
    );
}

#[test]
fn saved_windows_1252_page_without_declaration_is_read() {
    let bytes = include_bytes!("fixtures/web/windows1252.html");
    assert!(
        bytes.contains(&0x93) && bytes.contains(&0xe9),
        "single-byte fixture"
    );
    let article = article_from_html_bytes(bytes, None).unwrap();
    assert_eq!(article.title, "Café crème : l’accord est signé");
    assert!(article.text.contains("“Nous sommes prêts à coopérer”"));
    assert!(!article.text.contains('\u{fffd}'));
}

#[test]
fn saved_latin1_page_uses_its_meta_declaration() {
    let article =
        article_from_html_bytes(include_bytes!("fixtures/web/latin1_meta.html"), None).unwrap();
    assert_eq!(article.title, "Réseau ferré : accord à Genève");
    assert!(
        article
            .text
            .contains("Genève pour discuter du réseau ferré")
    );
}

const PLAIN_PAGE: &str = r#"<html><head><title>Council approves new bridge</title></head>
<body>
<div class="menu"><a href="/">Home</a> | <a href="/news">News</a></div>
<div id="story">
<h1>Council approves new bridge</h1>
<p class="byline">By Sam Okafor</p>
<p><time datetime="2024-03-05">5 March 2024</time></p>
<p>The city council voted on Tuesday to approve the construction of a new pedestrian bridge across the river, ending a debate that has lasted more than a decade.</p>
<h2>Costs</h2>
<p>The bridge is expected to cost 12 million euros, with half of the money coming from the regional government and the rest from the city's own budget over four years.</p>
<ul><li>Construction starts in June.</li><li>The bridge opens in 2026.</li></ul>
<p>Opponents said the money would be better spent on repairing the existing roads, but the motion passed by twenty-one votes to nine after a long session.</p>
</div>
</body></html>"#;

#[test]
fn page_without_metadata_falls_back_to_its_markup_and_address() {
    let article = extract(PLAIN_PAGE, Some("https://news.example.org/bridge")).unwrap();
    assert_eq!(article.title, "Council approves new bridge");
    assert_eq!(article.byline.as_deref(), Some("By Sam Okafor"));
    assert_eq!(article.date.as_deref(), Some("2024-03-05"));
    assert_eq!(article.site.as_deref(), Some("news.example.org"));
    let parts = paragraphs(&article.text);
    assert!(parts.contains(&"Costs"), "{}", article.text);
    // Each list item is a paragraph of its own.
    assert!(
        parts.contains(&"Construction starts in June."),
        "{}",
        article.text
    );
    assert!(
        parts.contains(&"The bridge opens in 2026."),
        "{}",
        article.text
    );
    assert!(!article.text.contains("Home"), "{}", article.text);
}

#[test]
fn page_with_no_article_is_an_error() {
    for html in [
        "",
        "<html><body></body></html>",
        "<nav><a href='/'>Home</a></nav>",
    ] {
        let error = extract(html, None).unwrap_err();
        assert_eq!(error, ExtractError::NoArticle);
        assert_eq!(error.to_string(), "no article text found in the page");
    }
}

#[test]
fn entities_are_decoded_before_cleaning() {
    let html = "<html><head><title>Q&amp;A &#27;[31mred&#x1b;[0m &#x202E;x</title></head><body><article>\
        <p>Tom &amp; Jerry&nbsp;said &lt;hello&gt; &#27;]52;c;aGk=&#7; and &#x9b;2J then left the building \
        after a long and eventful afternoon in the town square with their friends.</p></article></body></html>";
    let article = extract(html, None).unwrap();
    assert_eq!(article.title, "Q&A red x");
    for c in article.text.chars() {
        assert!(
            (!c.is_control() || c == '\n') && !is_bidi_control(c),
            "{c:?}"
        );
    }
    // As in browsers, &#x9b; is read as Windows-1252's 0x9B, "›", not as the C1 control CSI.
    assert!(
        article
            .text
            .contains("Tom & Jerry said <hello> and ›2J then left"),
        "{}",
        article.text
    );
}

#[test]
fn a_page_nested_a_hundred_thousand_deep_is_read_without_overflowing_the_stack() {
    // Run on a thread with a small stack: deep recursion anywhere in parsing or extraction
    // overflows it (and aborts the test process) long before 100,000 levels.
    let reader = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(|| {
            let n = 100_000;
            let page = format!(
                "<html><head><title>Deep</title></head><body><article><p>{}</p>{}{}{}</article></body></html>",
                "The minister said the budget would pass this week. ".repeat(4),
                "<div>".repeat(n),
                "The opposition said it would vote against the budget.",
                "</div>".repeat(n),
            );
            extract(&page, None)
        })
        .unwrap();
    let article = reader.join().expect("extraction finished").unwrap();
    assert!(
        article.text.contains("The minister said"),
        "{}",
        article.text
    );
    assert!(
        article.text.contains("vote against the budget"),
        "{}",
        article.text
    );
}
