//! Extracting the article from a web page with a readability port (dom_smoothie): title,
//! byline, date, site name and the text as paragraphs, with navigation, adverts and comments
//! left behind. The HTML parser decodes entities first, and every field is then cleaned, so
//! `&#27;` in a page cannot smuggle an escape sequence to the terminal.

use dom_smoothie::{Config, Readability, TextMode};

use super::address;
use super::article::{self, Article};

/// Fewer words than this in the whole body is not an article but a stub, an error page or a
/// menu.
const MIN_WORDS: usize = 10;

/// Elements that are advertising by their own markup. The readability port drops most
/// chrome by itself but keeps an advert placed among the article's paragraphs.
const ADVERTS: &str = ".ad, .ads, .advert, .advertisement, [class*='advertis'], [id^='ad-'], \
    [id*='advert'], .sponsored, [data-ad], ins.adsbygoogle, [aria-label='Advertisement']";

/// What the page says about itself that the readability port does not read.
struct Hints {
    /// The first `<time datetime>`, for pages with no published-time metadata.
    time: Option<String>,
    /// The canonical address (`<link rel=canonical>`, else `og:url`).
    canonical: Option<String>,
}

impl Hints {
    fn read(document: &dom_query::Document) -> Self {
        let attr = |selector: &str, name: &str| {
            document
                .select(selector)
                .attr(name)
                .map(|value| value.to_string())
        };
        Self {
            time: attr("time[datetime]", "datetime"),
            canonical: attr("link[rel=canonical]", "href")
                .or_else(|| attr("meta[property='og:url']", "content")),
        }
    }
}

/// Why no article could be taken from a page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The page has no text that reads as an article.
    #[error("no article text found in the page")]
    NoArticle,
}

/// Extracts the article from `html`. `url`, the page's address when it has one, is used for
/// the article's address and, when the page names no site, for its site.
pub fn extract(html: &str, url: Option<&str>) -> Result<Article, ExtractError> {
    let base = url.filter(|u| address::is_web_address(u));
    let html = super::nesting::bound_nesting(html);
    let document = dom_query::Document::from(html.as_ref());
    let hints = Hints::read(&document);
    document.select(ADVERTS).remove();
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let parsed = Readability::with_document(document, base, Some(config))
        .and_then(|mut readability| readability.parse())
        .map_err(|_| ExtractError::NoArticle)?;
    // From the article's HTML rather than the port's text, which runs list items, captions
    // and quotes together into one paragraph.
    let body = article::paragraphs(&super::blocks::block_text(&parsed.content));
    if body
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum::<usize>()
        < MIN_WORDS
    {
        return Err(ExtractError::NoArticle);
    }
    let title = article::title_line(&parsed.title)
        .or_else(|| article::title_line(body[0].lines().next().unwrap_or_default()))
        .unwrap_or_default();
    let url = [base, parsed.url.as_deref(), hints.canonical.as_deref()]
        .into_iter()
        .flatten()
        .find(|u| address::is_web_address(u))
        .and_then(|u| article::field(Some(u)));
    let site = article::field(parsed.site_name.as_deref()).or_else(|| {
        let host = url.as_deref().and_then(|u| address::parse(u).ok())?;
        article::field(host.host())
    });
    Ok(Article {
        text: article::compose(&title, &body),
        byline: article::field(parsed.byline.as_deref()),
        date: article::field(parsed.published_time.as_deref())
            .or_else(|| article::field(hints.time.as_deref())),
        site,
        url,
        title,
    })
}
