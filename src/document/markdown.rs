//! Markdown shown as readable text: headings and paragraphs become paragraphs, emphasis
//! markers go, links keep their text, list items keep a bullet.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Renders Markdown as plain text with a blank line between blocks.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut list_depth = 0usize;
    let mut ordered: Vec<Option<u64>> = Vec::new();
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    );
    for event in parser {
        match event {
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
                out.push_str(&"  ".repeat(list_depth.saturating_sub(1)));
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
                | Tag::Table(_),
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
    fn markdown_becomes_readable_text() {
        let md = "# Putin meets Xi\n\nThe *Kremlin* said **yes** in [a statement](http://x.example).\nIt was `fruitful`.\n\n- one\n- two\n\n1. first\n2. second\n";
        assert_eq!(
            to_plain_text(md),
            "Putin meets Xi\n\nThe Kremlin said yes in a statement. It was fruitful.\n\n• one\n\n• two\n\n1. first\n\n2. second"
        );
    }
}
