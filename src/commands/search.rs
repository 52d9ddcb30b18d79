//! `gloss search QUERY [--json] [--limit N]`: the library's search on the command line, one
//! result a line, for scripts and pipes; and `gloss index [--rebuild]`, which checks the
//! library's database against its files, or makes it again from them.
//!
//! A result line is tab-separated: the article's library id, the kind ("claim", "mention"
//! or "text"), the start and end (code points into the article's text, end exclusive), the
//! actor (the speaker of a claim; empty for text), and the text with some of the article
//! around it, on one line. With `--json`, one object a line:
//!
//! ```json
//! {"article": "…", "title": "…", "kind": "claim", "start": 0, "end": 42,
//!  "text": "…", "actor": "Vladimir Putin", "context": "…"}
//! ```

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;

use anyhow::bail;
use clap::Args;
use serde::Serialize;

use super::output::write_stdout;
use crate::library::{Hit, HitKind, Library, SearchQuery};
use crate::text::clean::clean;
use crate::text::plural::count;

/// The arguments of `gloss search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to find: a name ("Putin": its mentions and claims), "claims by NAME",
    /// "mentions of NAME", or words of the text ("says 'friendship treaty'", "\"a phrase\"",
    /// "text: treat*", with FTS5's AND, OR and NOT).
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    /// One JSON object a line.
    #[arg(long)]
    json: bool,
    /// At most this many results.
    #[arg(long, default_value_t = 1000)]
    limit: usize,
}

/// The arguments of `gloss index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Make the database again from every file, instead of checking each file against it.
    #[arg(long)]
    rebuild: bool,
}

#[derive(Serialize)]
struct HitOut<'a> {
    article: &'a str,
    title: &'a str,
    kind: &'static str,
    start: usize,
    end: usize,
    text: &'a str,
    actor: &'a str,
    context: &'a str,
}

fn kind_name(kind: HitKind) -> &'static str {
    match kind {
        HitKind::Claim => "claim",
        HitKind::Mention => "mention",
        HitKind::Text => "text",
    }
}

/// Runs `gloss search` on the library in `dir`.
pub fn run(args: SearchArgs, dir: &Path) -> anyhow::Result<()> {
    let typed = args.query.join(" ");
    let Some(query) = SearchQuery::parse(&typed) else {
        bail!("nothing to search for: give a name, \"claims by NAME\" or words of the text");
    };
    let library = open(dir)?;
    let hits = library.search(&query, args.limit)?;
    let mut out = String::new();
    for hit in &hits {
        out.push_str(&line(hit, args.json)?);
        out.push('\n');
    }
    write_stdout(&out)?;
    Ok(())
}

/// Runs `gloss index` on the library in `dir`.
pub fn run_index(args: IndexArgs, dir: &Path) -> anyhow::Result<()> {
    let mut library = open(dir)?;
    let checked = library.reindex(args.rebuild, &progress_bar())?;
    let what = match args.rebuild {
        true => format!("{} indexed", count(checked.indexed, "article")),
        false => format!(
            "{} of {} indexed again, {} dropped (their file is gone)",
            checked.indexed,
            count(library.len(), "article"),
            checked.dropped
        ),
    };
    write_stdout(&format!("{what}\n"))?;
    Ok(())
}

/// Opens the library in `dir`, showing a rebuild's progress and saying on stderr what
/// opening it wants the user to know.
pub fn open(dir: &Path) -> anyhow::Result<Library> {
    let mut library = Library::open_with(dir, &progress_bar())?;
    if let Some(notice) = library.take_notice() {
        let _ = writeln!(std::io::stderr(), "gloss: {}", clean(&notice));
    }
    Ok(library)
}

/// A progress bar on stderr for a rebuild of many articles, when stderr is a terminal.
pub fn progress_bar() -> impl Fn(usize, usize) {
    let terminal = std::io::stderr().is_terminal();
    move |done: usize, total: usize| {
        if !terminal || total < 1000 {
            return;
        }
        let width = 30;
        let filled = done * width / total.max(1);
        let bar = format!("{}{}", "█".repeat(filled), "·".repeat(width - filled));
        let end = if done >= total { "\n" } else { "" };
        let _ = write!(
            std::io::stderr(),
            "\rindexing the library {bar} {done} of {total} articles{end}"
        );
    }
}

fn line(hit: &Hit, json: bool) -> anyhow::Result<String> {
    if json {
        let out = HitOut {
            article: &hit.article,
            title: &hit.title,
            kind: kind_name(hit.kind),
            start: hit.start,
            end: hit.end,
            text: &hit.text,
            actor: &hit.actor,
            context: &hit.context,
        };
        let json = serde_json::to_string(&out)?;
        return Ok(crate::text::json::escape_controls(&json).into_owned());
    }
    let one_line = |text: &str| clean(text).split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(format!(
        "{}\t{}\t{}\t{}\t{}\t{}",
        hit.article,
        kind_name(hit.kind),
        hit.start,
        hit.end,
        one_line(&hit.actor),
        one_line(&hit.context)
    ))
}
