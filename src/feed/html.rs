//! HTML fragments from feeds (summaries, full content, titles) to plain text.
//!
//! The order matters for safety: tags are stripped first, then HTML entities are decoded, and
//! only then is the text cleaned of control characters and escape sequences, so that an
//! entity such as `&#155;` (the one-character CSI) cannot survive as a control character.

use crate::text::clean::clean;

/// Elements whose content is never text for the reader.
const SKIPPED: [&str; 9] = [
    "script", "style", "head", "noscript", "template", "iframe", "svg", "object", "title",
];

/// Elements that start and end a paragraph.
const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "article",
    "section",
    "header",
    "footer",
    "figure",
    "figcaption",
    "hr",
    "aside",
    "main",
];

/// Plain text of an HTML fragment: paragraphs separated by one blank line, lines inside a
/// paragraph (from `<br>`) kept, other whitespace collapsed, entities decoded, cleaned.
pub fn to_paragraphs(html: &str) -> String {
    let stripped = strip_tags(html);
    let decoded = html_escape::decode_html_entities(&stripped);
    normalise_paragraphs(&clean(&decoded))
}

/// Plain text with paragraphs normalised as [`to_paragraphs`] does, for text that is not
/// HTML (newlines there are meaningful).
pub fn plain_paragraphs(text: &str) -> String {
    normalise_paragraphs(&clean(text))
}

/// One line of plain text for a title or a name: tags stripped when `html`, entities
/// decoded (feeds often escape titles twice), cleaned, all whitespace collapsed.
pub fn to_line(text: &str, html: bool) -> String {
    let stripped = if html {
        strip_tags(text)
    } else {
        text.to_string()
    };
    let decoded = html_escape::decode_html_entities(&stripped);
    collapse(&clean(&decoded))
}

/// One line of text that is not HTML and whose entities are not decoded (ids, links, file
/// names, messages): cleaned, all whitespace collapsed.
pub fn clean_line(text: &str) -> String {
    collapse(&clean(text))
}

/// Whitespace runs (including line breaks) become one space; ends trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Paragraphs are runs of non-blank lines; each line is collapsed, paragraphs are joined by
/// one blank line.
fn normalise_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_paragraph = false;
    for line in text.lines() {
        let line = collapse(line);
        if line.is_empty() {
            in_paragraph = false;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if in_paragraph { "\n" } else { "\n\n" });
        }
        out.push_str(&line);
        in_paragraph = true;
    }
    out
}

/// The text of `html` without tags, comments or the content of [`SKIPPED`] elements; source
/// whitespace becomes spaces, `<br>` a line break and block elements a blank line. Entities
/// are left as they are.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        let tag = &rest[lt..];
        if let Some(after) = tag.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if !starts_tag(tag) {
            out.push('<');
            rest = &tag[1..];
            continue;
        }
        let end = tag_end(tag);
        let (name, closing) = tag_name(&tag[..end]);
        rest = &tag[end..];
        if !closing && SKIPPED.contains(&name.as_str()) {
            rest = skip_element(rest, &name);
        } else if name == "br" {
            out.push('\n');
        } else if BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        }
    }
    push_text(&mut out, rest);
    out
}

/// Appends source text with each whitespace character turned into a space.
fn push_text(out: &mut String, text: &str) {
    out.extend(
        text.chars()
            .map(|c| if c.is_ascii_whitespace() { ' ' } else { c }),
    );
}

/// True when `s` (starting with '<') opens a tag, a closing tag or a declaration, rather than
/// being a literal '<' as in "a < b".
fn starts_tag(s: &str) -> bool {
    s[1..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
}

/// The byte offset just past the '>' that ends the tag at the start of `s`, minding quoted
/// attribute values; the end of `s` when there is none.
fn tag_end(s: &str) -> usize {
    let mut quote: Option<u8> = None;
    for (i, b) in s.bytes().enumerate() {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The lower-case name of a tag and whether it is a closing tag.
fn tag_name(tag: &str) -> (String, bool) {
    let inner = tag.trim_start_matches('<');
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (name, closing)
}

/// The rest of the fragment after the closing tag of element `name` (or nothing when it is
/// never closed).
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let closing = format!("</{name}");
    let lower = rest.to_ascii_lowercase();
    match lower.find(&closing) {
        Some(at) => {
            let after = &rest[at..];
            &after[tag_end(after)..]
        }
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_from_blocks_and_breaks() {
        let html = "<p>First   para\n graph &amp; more.</p><p>Line one<br/>line two</p>\
                    <script>alert('x')</script><!-- note --><div>Last</div>";
        assert_eq!(
            to_paragraphs(html),
            "First para graph & more.\n\nLine one\nline two\n\nLast"
        );
    }

    #[test]
    fn literal_angle_brackets_and_quoted_attributes() {
        assert_eq!(to_paragraphs("a < b <a title=\"x>y\">c</a>"), "a < b c");
        assert_eq!(to_paragraphs("&lt;p&gt; is a tag"), "<p> is a tag");
    }

    #[test]
    fn entities_cannot_smuggle_control_characters() {
        let out = to_paragraphs("a&#155;31mred&#x9b;0m b&#27;[2J c\u{1b}]52;c;eA==\u{7}d");
        assert!(!out.chars().any(|c| c.is_control()), "{out:?}");
        let line = to_line("T&#x9B;1m &amp; <b>x</b>", true);
        assert_eq!(line, "T & x");
    }

    #[test]
    fn titles_are_one_line() {
        assert_eq!(to_line("  A\n  title &#8217;s  ", false), "A title ’s");
    }
}
