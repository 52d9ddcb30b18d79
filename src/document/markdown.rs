//! Markdown shown as readable text: headings and paragraphs become paragraphs, emphasis
//! markers go, links keep their text, list items keep a bullet.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The deepest list nesting shown by indentation; deeper lists are indented as this one.
/// Without a bound, a line of thousands of nested list markers would be written out with an
/// indent per level per item: output, and memory, quadratic in the input.
const MAX_LIST_INDENT: usize = 8;

/// Renders Markdown as plain text with a blank line between blocks.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut list_depth = 0usize;
    let mut ordered: Vec<Option<u64>> = Vec::new();
    let options = Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut in_metadata = false;
    for event in Parser::new_ext(markdown, options) {
        match event {
            // Front matter is data about the article, not part of it.
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Html(html) | Event::InlineHtml(html) => push_html_text(&mut out, &html),
            Event::Start(Tag::List(start)) => {
                list_depth += 1;
                ordered.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                ordered.pop();
            }
            Event::Start(Tag::Item) => {
                end_block(&mut out);
                let indent = list_depth.saturating_sub(1).min(MAX_LIST_INDENT);
                out.push_str(&"  ".repeat(indent));
                match ordered.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("• "),
                }
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::HtmlBlock,
            ) if !in_list_item_start(&out) => end_block(&mut out),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push(' '),
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Rule => end_block(&mut out),
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// Appends the text of an HTML fragment, without its tags.
fn push_html_text(out: &mut String, html: &str) {
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
}

/// True right after a list bullet, where a paragraph inside the item must not break the line.
fn in_list_item_start(out: &str) -> bool {
    out.ends_with("• ")
        || out.ends_with(". ")
            && out.rsplit('\n').next().is_some_and(|l| {
                l.trim_start()
                    .trim_end_matches(". ")
                    .chars()
                    .all(|c| c.is_ascii_digit())
            })
}

/// Ends the current block with a blank line, unless nothing has been written yet.
fn end_block(out: &mut String) {
    if out.is_empty() {
        return;
    }
    let trimmed = out.trim_end_matches([' ', '\n']).len();
    out.truncate(trimmed);
    out.push_str("\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deeply_nested_list_markers_give_output_linear_in_the_input() {
        // 100 KB of list markers on one line: 50,000 lists, one inside the other.
        let md = "- ".repeat(50_000) + "deep";
        let text = to_plain_text(&md);
        assert!(text.ends_with("deep"), "{}", &text[text.len() - 40..]);
        assert!(
            text.len() < md.len() * 20,
            "{} bytes of output for {} of input",
            text.len(),
            md.len()
        );
    }

    #[test]
    fn front_matter_is_skipped_and_html_keeps_its_text() {
        let md = "---\ntitle: Front matter title\n---\n# Senate passes **budget** bill\n\n<div>raw html <b>bold</b></div>\n\nEnd.";
        assert_eq!(
            to_plain_text(md),
            "Senate passes budget bill\n\nraw html bold\n\nEnd."
        );
    }

    #[test]
    fn markdown_becomes_readable_text() {
        let md = "# Putin meets Xi\n\nThe *Kremlin* said **yes** in [a statement](http://x.example).\nIt was `fruitful`.\n\n- one\n- two\n\n1. first\n2. second\n";
        assert_eq!(
            to_plain_text(md),
            "Putin meets Xi\n\nThe Kremlin said yes in a statement. It was fruitful.\n\n• one\n\n• two\n\n1. first\n\n2. second"
        );
    }
}
