//! OPML subscription lists: the feeds of an OPML file (any nesting of outlines) read into
//! subscriptions, and subscriptions written as OPML 2.0.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::html::clean_line;

/// One subscribed feed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// The name shown for the feed.
    pub name: String,
    /// The feed's address.
    pub url: String,
}

/// Why an OPML file could not be read: one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpmlError {
    /// The XML is malformed.
    #[error("not a well-formed OPML file: {0}")]
    Xml(String),
    /// The XML has no `<opml>` root.
    #[error("not an OPML file (no <opml> element)")]
    NotOpml,
}

/// The feeds of an OPML document: every `<outline>` with an `xmlUrl`, at any depth, in
/// document order, named by its `title` else its `text` else its URL. Names and URLs are
/// cleaned; a URL listed twice is kept once.
pub fn import_opml(text: &str) -> Result<Vec<Subscription>, OpmlError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut subscriptions: Vec<Subscription> = Vec::new();
    let mut seen_root = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| OpmlError::Xml(clean_line(&e.to_string())))?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                if name.as_ref().eq_ignore_ascii_case("opml") {
                    seen_root = true;
                } else if seen_root
                    && name.as_ref().eq_ignore_ascii_case("outline")
                    && let Some(sub) = subscription(&e)?
                    && !subscriptions.iter().any(|s| s.url == sub.url)
                {
                    subscriptions.push(sub);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if seen_root {
        Ok(subscriptions)
    } else {
        Err(OpmlError::NotOpml)
    }
}

/// The subscription an outline describes, if it has a feed URL.
fn subscription(outline: &BytesStart<'_>) -> Result<Option<Subscription>, OpmlError> {
    let (mut url, mut title, mut text) = (None, None, None);
    for attr in outline.attributes().with_checks(false) {
        let attr = attr.map_err(|e| OpmlError::Xml(clean_line(&e.to_string())))?;
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| OpmlError::Xml(clean_line(&e.to_string())))?;
        let value = clean_line(&value);
        match attr.key.local_name().as_ref() {
            "xmlUrl" | "xmlurl" => url = Some(value),
            "title" => title = Some(value),
            "text" => text = Some(value),
            _ => {}
        }
    }
    let Some(url) = url.filter(|u| !u.is_empty()) else {
        return Ok(None);
    };
    let name = [title, text]
        .into_iter()
        .flatten()
        .find(|n| !n.is_empty())
        .unwrap_or_else(|| url.clone());
    Ok(Some(Subscription { name, url }))
}

/// An OPML 2.0 document listing `subscriptions`, one `<outline type="rss">` each, with
/// attribute values escaped.
pub fn export_opml(subscriptions: &[Subscription]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    \
         <title>gloss subscriptions</title>\n  </head>\n  <body>\n",
    );
    for sub in subscriptions {
        let name = escape_attribute(&clean_line(&sub.name));
        let url = escape_attribute(&clean_line(&sub.url));
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{url}\"/>\n"
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// Escapes a value for a double-quoted XML attribute.
fn escape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines_are_found_and_names_fall_back() {
        let opml = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>x</title></head><body>
  <outline text="News">
    <outline type="rss" text="BBC &amp; co" xmlUrl="https://bbc.example/rss?a=1&amp;b=2"/>
    <outline type="rss" xmlUrl="https://no-name.example/feed"/>
  </outline>
  <outline text="not a feed"/>
</body></opml>"#;
        let subs = import_opml(opml).unwrap();
        assert_eq!(
            subs,
            [
                Subscription {
                    name: "BBC & co".into(),
                    url: "https://bbc.example/rss?a=1&b=2".into()
                },
                Subscription {
                    name: "https://no-name.example/feed".into(),
                    url: "https://no-name.example/feed".into()
                },
            ]
        );
    }

    #[test]
    fn not_opml_is_an_error() {
        assert_eq!(import_opml("<rss></rss>"), Err(OpmlError::NotOpml));
        assert!(matches!(
            import_opml("<opml><body></wrong>"),
            Err(OpmlError::Xml(_))
        ));
    }
}
