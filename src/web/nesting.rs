//! Bounding how deeply a page's elements nest before it is parsed. A hostile page of tens of
//! thousands of nested elements makes the HTML parser's scope checks and the readability
//! port's tree walks cost time quadratic in the depth, and its recursion overflow the stack.
//! No article nests more than a few dozen elements deep, so tags past [`MAX_DEPTH`] are
//! dropped (their text is kept) in one linear pass over the markup.

use std::borrow::Cow;

/// The deepest nesting of elements passed on to the parser.
pub const MAX_DEPTH: usize = 256;

/// Elements that never have content, so never nest.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out: the next one of their kind closes them, so a page
/// of many unclosed ones does not nest. They are not counted.
const OPTIONAL_END: [&str; 14] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rt", "rp", "thead", "tbody",
    "tfoot",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: [&str; 6] = ["script", "style", "textarea", "title", "xmp", "noembed"];

/// `html` with every start tag that would nest deeper than [`MAX_DEPTH`] (and the end tag
/// that closes it) removed. Borrows when the page is within the bound, as every real page is.
pub fn bound_nesting(html: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut depth = 0usize;
    // Start tags dropped and not yet closed.
    let mut dropped = 0usize;
    let mut copied = 0usize;
    let mut at = 0usize;
    let bytes = html.as_bytes();
    while let Some(offset) = memchr_lt(&bytes[at..]) {
        let start = at + offset;
        let Some(tag) = Tag::read(html, start) else {
            at = start + 1;
            continue;
        };
        at = tag.end;
        let drop = match tag.kind {
            TagKind::Start if counts(&tag.name) && !tag.self_closing => {
                if depth >= MAX_DEPTH {
                    dropped += 1;
                    true
                } else {
                    depth += 1;
                    false
                }
            }
            TagKind::End if counts(&tag.name) => {
                if dropped > 0 {
                    dropped -= 1;
                    true
                } else {
                    depth = depth.saturating_sub(1);
                    false
                }
            }
            _ => false,
        };
        if drop {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..start]);
            copied = tag.end;
        }
        if tag.kind == TagKind::Start && RAW_TEXT.contains(&tag.name.as_str()) {
            at = raw_text_end(html, at, &tag.name);
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Whether an element named `name` counts towards the depth.
fn counts(name: &str) -> bool {
    !VOID.contains(&name) && !OPTIONAL_END.contains(&name)
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

#[derive(Debug, PartialEq, Eq)]
enum TagKind {
    Start,
    End,
    /// A comment, doctype or processing instruction.
    Other,
}

/// One tag of the markup.
struct Tag {
    kind: TagKind,
    /// The element name, lower-cased (empty for [`TagKind::Other`]).
    name: String,
    self_closing: bool,
    /// The byte just after the tag.
    end: usize,
}

impl Tag {
    /// The tag starting at the `<` at byte `start`, if one does.
    fn read(html: &str, start: usize) -> Option<Tag> {
        let rest = &html[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            let end = comment
                .find("-->")
                .map_or(html.len(), |i| start + 4 + i + 3);
            return Some(Tag::other(end));
        }
        if rest.starts_with('!') || rest.starts_with('?') {
            let end = rest.find('>').map_or(html.len(), |i| start + 1 + i + 1);
            return Some(Tag::other(end));
        }
        let (kind, name_at) = match rest.strip_prefix('/') {
            Some(_) => (TagKind::End, start + 2),
            None => (TagKind::Start, start + 1),
        };
        let name_len = html[name_at..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
            .count();
        if name_len == 0 || !html.as_bytes()[name_at].is_ascii_alphabetic() {
            return None;
        }
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let close = tag_close(html, name_at + name_len);
        let self_closing = close > 1 && html.as_bytes().get(close - 2) == Some(&b'/');
        Some(Tag {
            kind,
            name,
            self_closing,
            end: close,
        })
    }

    fn other(end: usize) -> Tag {
        Tag {
            kind: TagKind::Other,
            name: String::new(),
            self_closing: false,
            end,
        }
    }
}

/// The byte after the `>` that ends a tag whose attributes start at `from` (quoted values may
/// hold `>`); the end of the text when there is none.
fn tag_close(html: &str, from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (i, b) in html.as_bytes()[from..].iter().enumerate() {
        match (quote, b) {
            (Some(q), b) if *b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(*b),
            (None, b'>') => return from + i + 1,
            _ => {}
        }
    }
    html.len()
}

/// Where the raw text of a `name` element starting at `from` ends: at its end tag.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let closing = format!("</{name}");
    let haystack = &html[from..];
    // End tags are matched without regard to case; the text is searched as ASCII lower case
    // only where a `</` is.
    let mut at = 0;
    while let Some(i) = haystack[at..].find("</") {
        let candidate = at + i;
        let end = candidate + closing.len();
        if haystack
            .get(candidate..end)
            .is_some_and(|t| t.eq_ignore_ascii_case(&closing))
        {
            return from + candidate;
        }
        at = candidate + 2;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn max_depth(html: &str) -> usize {
        let (mut depth, mut max) = (0usize, 0usize);
        let mut at = 0;
        while let Some(i) = memchr_lt(&html.as_bytes()[at..]) {
            let start = at + i;
            match Tag::read(html, start) {
                Some(tag) => {
                    match tag.kind {
                        TagKind::Start if counts(&tag.name) && !tag.self_closing => depth += 1,
                        TagKind::End if counts(&tag.name) => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    max = max.max(depth);
                    at = tag.end;
                }
                None => at = start + 1,
            }
        }
        max
    }

    #[test]
    fn a_real_page_is_left_as_it_is() {
        let page = "<!DOCTYPE html><html><head><title>a < b</title><script>if (a</b) {}</script></head>\
            <body><!-- <div><div> --><div class=\"x>y\"><p>One<p>Two<br><img src=a.png/></div></body></html>";
        assert!(matches!(bound_nesting(page), Cow::Borrowed(_)));
    }

    #[test]
    fn nesting_past_the_bound_is_dropped_and_the_text_kept() {
        let n = 30_000;
        let page = format!(
            "<body>{}deep text{}</body>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let bounded = bound_nesting(&page);
        assert!(bounded.contains("deep text"));
        assert_eq!(max_depth(&bounded), MAX_DEPTH);
        assert!(bounded.ends_with("</div></body>"));
    }

    #[test]
    fn unclosed_paragraphs_and_list_items_do_not_count_as_nesting() {
        let page = "<ul>".to_string() + &"<li>item".repeat(10_000) + "</ul>";
        assert!(matches!(bound_nesting(&page), Cow::Borrowed(_)));
    }
}
