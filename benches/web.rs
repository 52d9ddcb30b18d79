//! Web page figures: extracting the article from a ~200 KB news page (goal: under 50 ms), and
//! decoding its bytes.

mod support;

use std::sync::LazyLock;

fn main() {
    divan::main();
}

/// A ~200 KB news page: Wikinews text as the article, wrapped in the chrome of a real news
/// site (navigation, adverts, a sidebar, comments, scripts and a footer).
static PAGE: LazyLock<String> = LazyLock::new(|| news_page(200 * 1024));

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn news_page(bytes: usize) -> String {
    let mut nav = String::from("<header><a class=\"logo\" href=\"/\">The Ledger</a><nav><ul>");
    for section in [
        "World", "Politics", "Business", "Science", "Health", "Sport", "Culture",
    ] {
        nav.push_str(&format!("<li><a href=\"/{section}\">{section}</a></li>"));
    }
    nav.push_str("</ul></nav></header><div class=\"ad ad-top\"><a href=\"https://ads.example/\">Advertisement: 50% off</a></div>");
    let chrome_after = "<section id=\"comments\"><h2>Comments</h2>\
        <div class=\"comment\"><p>First!</p></div><div class=\"comment\"><p>Fake news.</p></div></section>\
        <aside class=\"sidebar\"><h2>Most read</h2><ol><li><a href=\"/a\">One</a></li><li><a href=\"/b\">Two</a></li></ol></aside>\
        <footer><p>&copy; The Ledger</p><a href=\"/privacy\">Privacy</a></footer>\
        <script>var tracking = {id: 42};</script></body></html>";
    let head = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
        <title>Wikinews stories | The Ledger</title>\
        <meta property=\"og:site_name\" content=\"The Ledger\">\
        <meta name=\"author\" content=\"Staff reporters\">\
        <meta property=\"article:published_time\" content=\"2019-06-01T12:00:00Z\">\
        <style>body { font-family: serif; }</style></head><body>";
    let mut article = String::from("<main><article><h1>Wikinews stories</h1>");
    let budget = bytes.saturating_sub(head.len() + nav.len() + chrome_after.len() + 64);
    let text = support::wikinews_article(budget);
    for (i, paragraph) in text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .enumerate()
    {
        if article.len() >= budget {
            break;
        }
        if i % 12 == 11 {
            article.push_str(&format!("<h2>Section {}</h2>", i / 12 + 1));
        }
        if i % 20 == 19 {
            article.push_str(
                "<div class=\"ad ad-inline\"><p>Advertisement: subscribe today.</p></div>",
            );
        }
        article.push_str("<p>");
        article.push_str(&escape(paragraph.trim()));
        article.push_str("</p>\n");
    }
    article.push_str("</article></main>");
    format!("{head}{nav}{article}{chrome_after}")
}

#[divan::bench]
fn extract_article_200kb(bencher: divan::Bencher) {
    let page = PAGE.as_str();
    assert!(page.len() > 195 * 1024, "page is {} bytes", page.len());
    let article = gloss::web::extract(page, None).unwrap();
    assert!(
        article.text.len() > 150 * 1024,
        "{} bytes",
        article.text.len()
    );
    assert!(article.text.contains("\n\nSection 2\n\n"));
    assert!(!article.text.contains("Advertisement") && !article.text.contains("Fake news"));
    bencher.bench(|| {
        gloss::web::extract(
            divan::black_box(page),
            Some("https://ledger.example/stories"),
        )
        .unwrap()
    });
}

#[divan::bench]
fn decode_200kb(bencher: divan::Bencher) {
    let bytes = PAGE.as_bytes();
    bencher.bench(|| gloss::web::decode(divan::black_box(bytes), Some("text/html")));
}
