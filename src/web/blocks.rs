//! The text of an extracted article's HTML with its block structure kept: every block
//! element (a paragraph, a list item, a figure caption, a block quote, a heading, a table row)
//! becomes a paragraph of its own, so that six `<li>` are six paragraphs, not one line.

use dom_query::{Document, NodeRef};

/// Elements whose content is a block of its own.
const BLOCKS: [&str; 30] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
];

/// Elements whose content is not text to read.
const SKIPPED: [&str; 5] = ["script", "style", "noscript", "template", "head"];

/// One step of the walk over the tree: a node to enter, or the block to close after its
/// children.
enum Step<'a> {
    /// A node, with the number it shows when it is an item of an ordered list.
    Enter(NodeRef<'a>, Option<i64>),
    Leave {
        block: bool,
        pre: bool,
    },
}

/// The text of `html` with a blank line around each block and a line break for each `<br>`;
/// white space inside text collapsed to single spaces, except in `<pre>`. The walk keeps its
/// own stack, so no nesting depth can overflow the thread's.
pub fn block_text(html: &str) -> String {
    let document = Document::from(html);
    let mut out = String::with_capacity(html.len() / 2);
    let mut stack = vec![Step::Enter(document.root(), None)];
    let mut pre = 0usize;
    while let Some(step) = stack.pop() {
        let (node, number) = match step {
            Step::Leave {
                block,
                pre: was_pre,
            } => {
                if block {
                    out.push_str("\n\n");
                }
                if was_pre {
                    pre -= 1;
                }
                continue;
            }
            Step::Enter(node, number) => (node, number),
        };
        if node.is_text() {
            push_text(&mut out, &node.text(), pre > 0);
            continue;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if SKIPPED.contains(&name.as_str()) {
            continue;
        }
        if name == "br" {
            out.push('\n');
            continue;
        }
        let block = BLOCKS.contains(&name.as_str());
        let is_pre = name == "pre";
        if block {
            out.push_str("\n\n");
        }
        if let Some(number) = number {
            out.push_str(&format!("{number}. "));
        }
        if is_pre {
            pre += 1;
        }
        stack.push(Step::Leave { block, pre: is_pre });
        let mut children = Vec::new();
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            children.push(c);
        }
        // The items of an ordered list are numbered here, once, in order (`<ol start="3">`
        // counts from 3).
        let mut next = (name == "ol").then(|| list_start(&node));
        let numbered: Vec<Step<'_>> = children
            .into_iter()
            .map(|child| {
                let item = child
                    .node_name()
                    .is_some_and(|n| n.eq_ignore_ascii_case("li"));
                let number = next.filter(|_| item);
                if let (Some(n), true) = (&mut next, item) {
                    *n = n.saturating_add(1);
                }
                Step::Enter(child, number)
            })
            .collect();
        stack.extend(numbered.into_iter().rev());
    }
    out
}

/// The number the first item of the ordered list `list` shows: its `start`, else 1.
fn list_start(list: &NodeRef<'_>) -> i64 {
    list.attr("start")
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or(1)
}

/// Appends a text node: as it is inside `<pre>`, else with white space runs as one space.
fn push_text(out: &mut String, text: &str, pre: bool) {
    if pre {
        out.push_str(text);
        return;
    }
    let mut last_space = out.ends_with([' ', '\n']);
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_of_an_ordered_list_keep_their_numbers() {
        let html = "<ol><li>First</li><li>Second</li></ol><ol start=\"7\"><li>Seventh</li></ol>\
                    <ul><li>Bullet</li></ul>";
        assert_eq!(
            blocks(html),
            ["1. First", "2. Second", "7. Seventh", "Bullet"]
        );
    }

    fn blocks(html: &str) -> Vec<String> {
        super::super::article::paragraphs(&block_text(html))
    }

    #[test]
    fn list_items_captions_and_quotes_are_paragraphs_of_their_own() {
        let html = "<div><p>Lead  paragraph\n continues.</p><ul><li>One</li><li>Two <b>bold</b></li></ul>\
            <figure><img src=a.jpg><figcaption>A caption.</figcaption></figure>\
            <blockquote>A quote.</blockquote>Tail<br>line</div>";
        assert_eq!(
            blocks(html),
            [
                "Lead paragraph continues.",
                "One",
                "Two bold",
                "A caption.",
                "A quote.",
                "Tail\nline"
            ]
        );
    }

    #[test]
    fn scripts_are_not_text_and_pre_keeps_its_lines() {
        let html = "<p>Before</p><script>var x = 1;</script><pre>a  b\nc</pre>";
        let text = block_text(html);
        assert!(!text.contains("var x"), "{text}");
        assert!(text.contains("a  b\nc"), "{text}");
    }
}
