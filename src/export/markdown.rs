//! A Markdown report for a person to read: per article its title, the text with each
//! annotation between `⟦` and `⟧` followed by its number in superscript digits (marks nest and
//! may cross, as annotations do), then the actors with their mentions, then the claims grouped
//! by speaker, each with its note.
//!
//! All article text is escaped so that no character of it acts as Markdown (ASCII punctuation
//! with meaning is backslash-escaped, as are list and heading markers at line starts, and
//! leading indentation is dropped so nothing becomes a code block). A report has no offsets;
//! it shows no times or ids, which are counted as dropped, as are unplaced annotations.

use std::fmt::Write as _;

use super::report::{self, Group};
use super::{Article, Drops};

/// The report.
pub fn export(articles: &[Article<'_>], drops: &mut Drops) -> String {
    let mut out = String::new();
    for (i, article) in articles.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        write_article(article, &mut out);
    }
    drops.times(articles);
    drops.unplaced(articles);
    let dangling: usize = articles.iter().map(Article::dangling_speakers).sum();
    drops.add("speaker links to annotations not exported", dangling);
    out
}

fn write_article(article: &Article<'_>, out: &mut String) {
    let text = article.text();
    let _ = writeln!(out, "# {}\n", inline(article.display_name()));
    if !article.file.title.trim().is_empty() && !article.file.source.is_empty() {
        let _ = writeln!(out, "Source: {}\n", inline(&article.file.source));
    }
    let mut w = Writer {
        out: String::with_capacity(text.len() + text.len() / 4),
        line_start: true,
        digits: false,
    };
    let mut at = 0;
    for e in report::events(article) {
        w.text(&text[at..e.at]);
        at = e.at;
        if e.start {
            w.raw("⟦");
        } else {
            w.raw("⟧");
            w.raw(&superscript(e.span + 1));
        }
    }
    w.text(&text[at..]);
    out.push_str(w.out.trim_end());
    out.push_str("\n\n");

    let actors = report::actors(article);
    if !actors.is_empty() {
        out.push_str("## Actors\n\n");
        for group in &actors {
            write_group_heading(out, group, "- **", "**", "mention");
            for &i in &group.items {
                write_item(article, i, "  ", out);
            }
        }
        out.push('\n');
    }
    let claims = report::claims_by_speaker(article);
    if !claims.is_empty() {
        out.push_str("## Claims by speaker\n\n");
        for group in &claims {
            write_group_heading(out, group, "### ", "", "claim");
            out.push('\n');
            for &i in &group.items {
                write_item(article, i, "", out);
            }
            out.push('\n');
        }
    }
}

fn write_group_heading(out: &mut String, group: &Group, before: &str, after: &str, noun: &str) {
    let name = group
        .name
        .as_deref()
        .map_or("No speaker".to_string(), inline);
    let labels: Vec<String> = group.labels.iter().map(|l| inline(l)).collect();
    let count = group.items.len();
    let plural = if count == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "{before}{name}{after} ({}, {count} {noun}{plural})",
        labels.join(", ")
    );
}

fn write_item(article: &Article<'_>, i: usize, indent: &str, out: &mut String) {
    let s = article.spans[i].stored;
    let _ = writeln!(
        out,
        "{indent}- {}: “{}” ({})",
        i + 1,
        inline(&s.text),
        inline(&s.label)
    );
    if let Some(actor) = &s.actor
        && !article.spans[i].is_entity()
    {
        let _ = writeln!(out, "{indent}  - Actor: {}", inline(actor));
    }
    if let Some(note) = &s.note {
        let lines: Vec<String> = note.lines().map(inline).collect();
        let joined = lines.join(&format!("\\\n{indent}    "));
        let _ = writeln!(out, "{indent}  - Note: {joined}");
    }
}

/// `n` in superscript digits.
fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|b| DIGITS[usize::from(b - b'0')])
        .collect()
}

/// Characters escaped wherever they stand.
fn always_escaped(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' | '$' | '^'
    )
}

/// One line of text (line breaks become spaces) escaped for use inside a line.
fn inline(s: &str) -> String {
    let mut w = Writer {
        out: String::with_capacity(s.len() + 8),
        line_start: true,
        digits: false,
    };
    let one_line: String = s
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    w.text(one_line.trim());
    w.out
}

/// Writes text escaped for Markdown, tracking the start of each line.
struct Writer {
    out: String,
    line_start: bool,
    /// Only digits since the line start (so "1." would start a list).
    digits: bool,
}

impl Writer {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
        self.line_start = false;
        self.digits = false;
    }

    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if c == '\n' {
                self.out.push('\n');
                self.line_start = true;
                self.digits = false;
                continue;
            }
            if self.line_start {
                if c == ' ' || c == '\t' {
                    continue;
                }
                self.line_start = false;
                if matches!(c, '-' | '+' | '=' | '>' | '#') {
                    self.out.push('\\');
                    self.out.push(c);
                    continue;
                }
                self.digits = c.is_ascii_digit();
                if self.digits {
                    self.out.push(c);
                    continue;
                }
            } else if self.digits {
                if c.is_ascii_digit() {
                    self.out.push(c);
                    continue;
                }
                self.digits = false;
                if c == '.' || c == ')' {
                    self.out.push('\\');
                    self.out.push(c);
                    continue;
                }
            }
            if always_escaped(c) {
                self.out.push('\\');
            }
            self.out.push(c);
        }
    }
}
