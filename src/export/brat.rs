//! brat standoff: `NAME.txt` (the text exactly) and `NAME.ann` per article, one
//! `annotation.conf` declaring the labels, the relation and the attribute used, and one
//! `tools.conf` declaring the `Actor` normalisation (brat's `[normalization]` section).
//!
//! (⇥ is a tab.)
//!
//! ```text
//! T1⇥Person 0 5⇥Putin
//! T2⇥Claim 12 40⇥the treaty will hold for decades
//! A1⇥Claim T2
//! R1⇥Speaker Arg1:T2 Arg2:T1
//! N1⇥Reference T1 Actor:Vladimir_Putin⇥Vladimir Putin
//! #1⇥AnnotatorNotes T1⇥line one line two
//! ```
//!
//! Offsets are code points, 0-based, end exclusive. Every annotation is a T line; a claim also
//! gets the binary attribute `Claim` (brat has no other way to tell a claim from an entity);
//! a claim's speaker is an R line `Speaker Arg1:claim Arg2:speaker`; an entity's actor name is
//! an N line (normalisation to the pseudo-database `Actor`, the name after the tab); a note is
//! an `AnnotatorNotes` line. brat shows an N line's name only when `tools.conf` declares its
//! database, and offers it for a type only when `annotation.conf` gives the type
//! `<NORM>:Actor`: `Actor` is declared with `DB:<NONE>` (no database to look names up in, so
//! brat shows the name written after the tab) and an empty `<URL>` (brat requires one). A span that crosses a line break becomes a discontinuous span
//! (`start end;start end`) of its pieces between line breaks, its text the pieces joined by
//! one space, as brat itself does, since a `.ann` line cannot hold a line break.
//!
//! brat cannot hold: times, gloss ids, line breaks in notes (written as spaces), spaces in
//! labels (written as `_`), empty spans, unplaced annotations. Each is counted.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use super::article::cp;
use super::{Article, Drops};

/// The relation type linking a claim (Arg1) to its speaker (Arg2).
pub const SPEAKER: &str = "Speaker";
/// The binary attribute that marks a claim.
pub const CLAIM_ATTRIBUTE: &str = "Claim";
/// The normalisation database of actor names.
pub const ACTOR_DB: &str = "Actor";

/// `tools.conf`: the declaration of [`ACTOR_DB`].
const TOOLS_CONF: &str = "# Written by gloss export --format brat.\n\
# Actor: the actor names gloss groups entity mentions under; no database holds them, so brat\n\
# shows the name written after the tab of each N line.\n\
[normalization]\n\
Actor\tDB:<NONE>, <URL>:\n";

/// Characters that end a line for brat's reader (Python's universal newlines and
/// `str.splitlines`); a `.ann` line cannot contain them.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// A label as brat can declare it: whitespace and characters that brat's configuration
/// syntax reserves become `_`.
pub fn brat_label(label: &str) -> String {
    let cleaned: String = label
        .chars()
        .map(|c| {
            if c.is_whitespace()
                || matches!(c, ':' | ',' | '|' | '<' | '>' | '=' | '#' | '[' | ']' | '!')
            {
                '_'
            } else {
                c
            }
        })
        .collect();
    if cleaned.is_empty() {
        "_".into()
    } else {
        cleaned
    }
}

/// The files of the export: per article NAME.txt and NAME.ann, then annotation.conf and
/// tools.conf.
pub fn export(articles: &[Article<'_>], drops: &mut Drops) -> Vec<(PathBuf, String)> {
    let mut files = Vec::with_capacity(articles.len() * 2 + 1);
    let mut used = BTreeSet::new();
    let mut conf = Conf::default();
    for article in articles {
        let name = unique_name(article, &mut used);
        let ann = ann_file(article, drops, &mut conf);
        files.push((
            PathBuf::from(format!("{name}.txt")),
            article.text().to_string(),
        ));
        files.push((PathBuf::from(format!("{name}.ann")), ann));
    }
    files.push((PathBuf::from("annotation.conf"), conf.render()));
    files.push((PathBuf::from("tools.conf"), TOOLS_CONF.to_string()));
    drops.times(articles);
    drops.unplaced(articles);
    files
}

#[derive(Default)]
struct Conf {
    entities: BTreeSet<String>,
    claims: BTreeSet<String>,
    /// Labels of annotations that have an actor name (an N line).
    normalised: BTreeSet<String>,
    arg1: BTreeSet<String>,
    arg2: BTreeSet<String>,
}

impl Conf {
    fn render(&self) -> String {
        let mut out = String::from("# Written by gloss export --format brat.\n[entities]\n");
        for label in self.entities.union(&self.claims) {
            // Any entity may be given an actor in brat; a claim only if it had one.
            if self.entities.contains(label) || self.normalised.contains(label) {
                let _ = writeln!(out, "{label}\t<NORM>:{ACTOR_DB}");
            } else {
                let _ = writeln!(out, "{label}");
            }
        }
        out.push_str("\n[relations]\n");
        if !self.arg1.is_empty() {
            let join = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join("|");
            let _ = writeln!(
                out,
                "{SPEAKER}\tArg1:{}, Arg2:{}",
                join(&self.arg1),
                join(&self.arg2)
            );
        }
        out.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
        out.push_str("\n[events]\n\n[attributes]\n");
        if !self.claims.is_empty() {
            let _ = writeln!(out, "{CLAIM_ATTRIBUTE}\tArg:<ENTITY>");
        }
        out
    }
}

/// A file name for the article: its source's file name without extension, else its title,
/// made safe and unique.
fn unique_name(article: &Article<'_>, used: &mut BTreeSet<String>) -> String {
    let source = article.file.source.as_str();
    let from_source = source
        .rsplit(['/', '\\'])
        .next()
        .filter(|s| !s.is_empty() && !s.contains(':') && *s != "stdin")
        .map(|s| s.strip_suffix(".gloss.json").unwrap_or(s))
        .map(|s| match s.rfind('.') {
            Some(dot) if dot > 0 => &s[..dot],
            _ => s,
        });
    let base = safe_name(from_source.unwrap_or(&article.file.title));
    let base = if base.is_empty() {
        format!("article-{}", article.index + 1)
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while !used.insert(name.to_lowercase()) || name.eq_ignore_ascii_case("annotation") {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

fn safe_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if out.len() >= 60 {
            break;
        }
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

fn ann_file(article: &Article<'_>, drops: &mut Drops, conf: &mut Conf) -> String {
    let text = article.text();
    let mut out = String::new();
    let mut t_ids: Vec<Option<usize>> = vec![None; article.spans.len()];
    let mut t = 0;
    for (i, span) in article.spans.iter().enumerate() {
        let pieces = pieces(text, span.bytes.clone());
        if pieces.is_empty() {
            drops.add("empty spans (brat spans need text)", 1);
            continue;
        }
        t += 1;
        t_ids[i] = Some(t);
        let label = brat_label(&span.stored.label);
        if label != span.stored.label {
            drops.add("characters in labels brat cannot declare (written as _)", 1);
        }
        if span.is_entity() {
            conf.entities.insert(label.clone());
        } else {
            conf.claims.insert(label.clone());
        }
        let offsets: Vec<String> = pieces
            .iter()
            .map(|r| format!("{} {}", cp(article, r.start), cp(article, r.end)))
            .collect();
        let quoted: Vec<&str> = pieces.iter().map(|r| &text[r.clone()]).collect();
        let _ = writeln!(
            out,
            "T{t}\t{label} {}\t{}",
            offsets.join(";"),
            quoted.join(" ")
        );
    }
    let mut a = 0;
    for (i, span) in article.spans.iter().enumerate() {
        if let (Some(t), false) = (t_ids[i], span.is_entity()) {
            a += 1;
            let _ = writeln!(out, "A{a}\t{CLAIM_ATTRIBUTE} T{t}");
        }
    }
    let mut r = 0;
    for (i, span) in article.spans.iter().enumerate() {
        let Some(speaker_id) = span.stored.speaker.as_deref() else {
            continue;
        };
        let target = article
            .position(speaker_id)
            .and_then(|j| t_ids[j].map(|t| (j, t)));
        match (t_ids[i], target) {
            (Some(from), Some((j, to))) => {
                r += 1;
                let _ = writeln!(out, "R{r}\t{SPEAKER} Arg1:T{from} Arg2:T{to}");
                conf.arg1.insert(brat_label(&span.stored.label));
                conf.arg2.insert(brat_label(&article.spans[j].stored.label));
            }
            _ => drops.add("speaker links to annotations not exported", 1),
        }
    }
    let mut n = 0;
    for (i, span) in article.spans.iter().enumerate() {
        if let (Some(t), Some(actor)) = (t_ids[i], span.stored.actor.as_deref()) {
            n += 1;
            let (name, changed) = one_line(actor);
            if changed {
                drops.add("line breaks in actor names (written as spaces)", 1);
            }
            let db_id: String = name
                .chars()
                .map(|c| if c.is_whitespace() { '_' } else { c })
                .collect();
            let _ = writeln!(out, "N{n}\tReference T{t} {ACTOR_DB}:{db_id}\t{name}");
            conf.normalised.insert(brat_label(&span.stored.label));
        }
    }
    let mut c = 0;
    for (i, span) in article.spans.iter().enumerate() {
        if let (Some(t), Some(note)) = (t_ids[i], span.stored.note.as_deref()) {
            c += 1;
            let (note, changed) = one_line(note);
            if changed {
                drops.add("line breaks in notes (written as spaces)", 1);
            }
            let _ = writeln!(out, "#{c}\tAnnotatorNotes T{t}\t{note}");
        }
    }
    out
}

/// The pieces of `range` between line breaks (byte ranges), without empty pieces.
pub fn pieces(text: &str, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for (i, c) in text[range.clone()].char_indices() {
        if is_line_break(c) {
            let at = range.start + i;
            if at > start {
                out.push(start..at);
            }
            start = at + c.len_utf8();
        }
    }
    if range.end > start {
        out.push(start..range.end);
    }
    out
}

/// `s` with each line break replaced by a space, and whether anything changed.
fn one_line(s: &str) -> (String, bool) {
    if !s.chars().any(is_line_break) {
        return (s.to_string(), false);
    }
    (
        s.chars()
            .map(|c| if is_line_break(c) { ' ' } else { c })
            .collect(),
        true,
    )
}
