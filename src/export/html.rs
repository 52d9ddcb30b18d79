//! A self-contained HTML report: one file with inline CSS and no script (a Content Security
//! Policy forbids scripts, frames, images and any fetch as a second guard). Per article: its
//! title and source, the text with each annotated stretch in a `<mark>` (entities shaded,
//! claims underlined, both where they overlap) and each annotation's number after its end,
//! linking to its entry; then the actors with their mentions; then the claims grouped by
//! speaker, with notes.
//!
//! Every string that comes from an article (text, title, source, labels, actor names, notes)
//! is escaped (`&`, `<`, `>`, `"`, `'`). A report has no offsets; it shows no times or ids,
//! which are counted as dropped, as are unplaced annotations.

use std::fmt::Write as _;

use super::report::{self, Group};
use super::{Article, Drops};

const STYLE: &str = "\
body{font:16px/1.6 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222;background:#fff}\
h1{font-size:1.6em;line-height:1.25}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}\
h3{font-size:1em}.source{color:#666;font-size:.9em}\
.text{white-space:pre-wrap;overflow-wrap:break-word}\
mark{background:none;color:inherit}mark.e{background:#fde68a}\
mark.c{text-decoration:underline 2px #2563eb;text-underline-offset:3px}\
sup a{color:#2563eb;text-decoration:none;font-size:.75em}\
.label{font:.8em sans-serif;background:#eee;border-radius:3px;padding:0 .3em}\
.note{white-space:pre-wrap;color:#444;border-left:3px solid #ddd;padding-left:.6em;margin:.2em 0}\
article+article{border-top:2px solid #999;margin-top:3em}";

/// The report.
pub fn export(articles: &[Article<'_>], drops: &mut Drops) -> String {
    let title = match articles {
        [one] => escape(one.display_name()),
        _ => format!("gloss report: {} articles", articles.len()),
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    for article in articles {
        write_article(article, &mut out);
    }
    out.push_str("</body>\n</html>\n");
    drops.times(articles);
    drops.unplaced(articles);
    let dangling: usize = articles.iter().map(Article::dangling_speakers).sum();
    drops.add("speaker links to annotations not exported", dangling);
    out
}

fn anchor(article: &Article<'_>, span: usize) -> String {
    format!("n{}-{}", article.index + 1, span + 1)
}

fn write_article(article: &Article<'_>, out: &mut String) {
    let text = article.text();
    let _ = writeln!(
        out,
        "<article>\n<h1>{}</h1>\n<p class=\"source\">{}</p>",
        escape(article.display_name()),
        escape(&article.file.source)
    );
    out.push_str("<div class=\"text\">");
    let mut entities = 0usize;
    let mut claims = 0usize;
    let mut at = 0;
    let write_segment = |out: &mut String, from: usize, to: usize, e: usize, c: usize| {
        if from == to {
            return;
        }
        let segment = escape(&text[from..to]);
        match (e > 0, c > 0) {
            (false, false) => out.push_str(&segment),
            (true, false) => {
                let _ = write!(out, "<mark class=\"e\">{segment}</mark>");
            }
            (false, true) => {
                let _ = write!(out, "<mark class=\"c\">{segment}</mark>");
            }
            (true, true) => {
                let _ = write!(out, "<mark class=\"e c\">{segment}</mark>");
            }
        }
    };
    for event in report::events(article) {
        write_segment(out, at, event.at, entities, claims);
        at = event.at;
        let is_entity = article.spans[event.span].is_entity();
        let counter = if is_entity {
            &mut entities
        } else {
            &mut claims
        };
        if event.start {
            *counter += 1;
        } else {
            *counter -= 1;
            let id = anchor(article, event.span);
            let _ = write!(out, "<sup><a href=\"#{id}\">{}</a></sup>", event.span + 1);
        }
    }
    write_segment(out, at, text.len(), entities, claims);
    out.push_str("</div>\n");

    let actors = report::actors(article);
    if !actors.is_empty() {
        out.push_str("<h2>Actors</h2>\n<ul>\n");
        for group in &actors {
            out.push_str("<li>");
            write_heading(out, group, "mention", "strong");
            out.push_str("<ol>\n");
            for &i in &group.items {
                write_item(article, i, out);
            }
            out.push_str("</ol></li>\n");
        }
        out.push_str("</ul>\n");
    }
    let claims = report::claims_by_speaker(article);
    if !claims.is_empty() {
        out.push_str("<h2>Claims by speaker</h2>\n");
        for group in &claims {
            out.push_str("<section>");
            write_heading(out, group, "claim", "h3");
            out.push_str("<ol>\n");
            for &i in &group.items {
                write_item(article, i, out);
            }
            out.push_str("</ol></section>\n");
        }
    }
    out.push_str("</article>\n");
}

fn write_heading(out: &mut String, group: &Group, noun: &str, tag: &str) {
    let name = group
        .name
        .as_deref()
        .map_or("No speaker".to_string(), escape);
    let labels: Vec<String> = group
        .labels
        .iter()
        .map(|l| format!("<span class=\"label\">{}</span>", escape(l)))
        .collect();
    let count = group.items.len();
    let plural = if count == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "<{tag}>{name}</{tag}> {} ({count} {noun}{plural})",
        labels.join(" ")
    );
}

fn write_item(article: &Article<'_>, i: usize, out: &mut String) {
    let span = &article.spans[i];
    let s = span.stored;
    let _ = write!(
        out,
        "<li id=\"{}\" value=\"{}\">“{}” <span class=\"label\">{}</span>",
        anchor(article, i),
        i + 1,
        escape(&s.text),
        escape(&s.label)
    );
    if let (Some(actor), false) = (&s.actor, span.is_entity()) {
        let _ = write!(out, " (actor: {})", escape(actor));
    }
    if let Some(note) = &s.note {
        let _ = write!(out, "<p class=\"note\">{}</p>", escape(note));
    }
    out.push_str("</li>\n");
}

/// `s` with the five HTML-special characters replaced by references.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
