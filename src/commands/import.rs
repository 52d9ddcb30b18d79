//! `gloss import --format brat|doccano|label-studio|w3c FILE... [-o DIR] [--force]`: other
//! tools' annotations to gloss annotation files (with the article text); and
//! `gloss import --format csv|jsonl FILE... -o DIR`: articles given as rows, one annotation
//! file each.
//!
//! Every input is read and checked first; only when all of them import cleanly, and no
//! output exists (unless `--force`) or is named twice, are the files written, each
//! atomically, into DIR (default: beside each input). Whatever gloss could not hold is
//! reported on stderr. Rows are written as they are read, to temporary files put in place
//! together at the end ([`crate::annotation::batch`]): a bad row leaves nothing behind.

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::Args;

use std::io::IsTerminal as _;

use crate::annotation::batch::Batch;
use crate::annotation::file::{self, to_json};
use crate::annotation::store::{Lock, write_atomic};
use crate::import::{self, Columns, ImportError, ImportFormat};

/// Arguments of `gloss import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The input format.
    #[arg(long, short = 'f', value_name = "F", ignore_case = true)]
    pub format: ImportFormat,
    /// Input files (for brat the .ann, or the .txt beside it).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Folder for the annotation files. Default: beside each input.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Replace annotation files that exist.
    #[arg(long)]
    pub force: bool,
    /// csv and jsonl: the column (or key) of the article's text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text: String,
    /// csv and jsonl: the column of its title (else its first line).
    #[arg(long, value_name = "NAME", default_value = "title")]
    pub title: String,
    /// csv and jsonl: the column of its source address.
    #[arg(long, value_name = "NAME", default_value = "url")]
    pub url: String,
    /// csv and jsonl: the column of its date.
    #[arg(long, value_name = "NAME", default_value = "date")]
    pub date: String,
    /// csv and jsonl: the column of its id (the file's name is made from it, else from the
    /// title).
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id: String,
}

/// Runs `gloss import`.
pub fn run(args: ImportArgs) -> anyhow::Result<()> {
    if args.format.is_rows() {
        return run_rows(&args);
    }
    let mut planned: Vec<(PathBuf, String)> = Vec::new();
    let mut names = HashSet::new();
    for input in &args.files {
        let (imported, dropped) = import::import(args.format, input)?;
        for d in &dropped {
            eprintln!(
                "gloss: import {}: {}: dropped {} {}",
                args.format,
                input.display(),
                d.count,
                d.what
            );
        }
        let dir = match &args.output {
            Some(dir) => dir.clone(),
            None => match input.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            },
        };
        for item in imported {
            let path = dir.join(&item.name);
            if !names.insert(path.clone()) {
                bail!(
                    "{}: two imported articles would be written there",
                    path.display()
                );
            }
            // Other tools' files may hold anything: cleaned like every annotation file read.
            planned.push((path, to_json(&item.file.cleaned())));
        }
    }
    if !args.force
        && let Some((path, _)) = planned.iter().find(|(p, _)| p.exists())
    {
        bail!("{}: exists (use --force to replace it)", path.display());
    }
    // A reader that has one of these files open would write its own copy over the import:
    // take each file's lock first, and hold them all while writing.
    let locks_dir = crate::config::paths::Dirs::from_env()?.locks();
    let mut locks = Vec::with_capacity(planned.len());
    for (path, _) in &planned {
        match Lock::try_acquire(path, &locks_dir) {
            Ok(Some(lock)) => locks.push(lock),
            Ok(None) => {
                bail!("{}: open in another gloss; quit it first", path.display());
            }
            Err(e) => return Err(e).with_context(|| format!("{}: cannot lock", path.display())),
        }
    }
    for (path, json) in &planned {
        write_atomic(path, json.as_bytes()).with_context(|| path.display().to_string())?;
        eprintln!("gloss: wrote {}", path.display());
    }
    Ok(())
}

/// `gloss import --format csv|jsonl`: one annotation file per row into the folder given.
fn run_rows(args: &ImportArgs) -> anyhow::Result<()> {
    let Some(dir) = &args.output else {
        bail!(
            "import {}: one file is written per row: name their folder with -o DIR",
            args.format
        );
    };
    let columns = Columns {
        text: args.text.clone(),
        title: args.title.clone(),
        url: args.url.clone(),
        date: args.date.clone(),
        id: args.id.clone(),
    };
    let progress = Progress::new();
    let mut batch = Batch::new();
    let mut names = HashSet::new();
    let mut replaced = Vec::new();
    let mut skipped = 0;
    for input in &args.files {
        let lines = import::import_rows(args.format, input, &columns, |imported| {
            let mut path = dir.join(&imported.name);
            if !names.insert(path.clone()) {
                // Two rows of the same id or title: the later ones are numbered.
                let stem = imported.name.trim_end_matches(file::SUFFIX);
                let mut n = 2;
                while !names.insert(dir.join(format!("{stem}-{n}{}", file::SUFFIX))) {
                    n += 1;
                }
                path = dir.join(format!("{stem}-{n}{}", file::SUFFIX));
            }
            let place = |message: String| ImportError::at(&path, None, message);
            if path.symlink_metadata().is_ok() {
                if !args.force {
                    return Err(place("exists (use --force to replace it)".into()));
                }
                replaced.push(path.clone());
            }
            batch
                .add(&path, to_json(&imported.file.cleaned()).as_bytes())
                .map_err(|e| place(e.to_string()))?;
            progress.show(batch.len());
            Ok(())
        })?;
        for line in lines.iter().take(MAX_SKIPPED_SHOWN) {
            eprintln!(
                "gloss: import {}: {}: line {line}: no text, skipped",
                args.format,
                input.display()
            );
        }
        if lines.len() > MAX_SKIPPED_SHOWN {
            eprintln!(
                "gloss: import {}: {}: {} more rows without text skipped",
                args.format,
                input.display(),
                lines.len() - MAX_SKIPPED_SHOWN
            );
        }
        skipped += lines.len();
    }
    progress.done(batch.len());
    // A reader with a replaced file open would write its own copy over the import.
    let locks_dir = crate::config::paths::Dirs::from_env()?.locks();
    let mut locks = Vec::with_capacity(replaced.len());
    for path in &replaced {
        match Lock::try_acquire(path, &locks_dir) {
            Ok(Some(lock)) => locks.push(lock),
            Ok(None) => bail!("{}: open in another gloss; quit it first", path.display()),
            Err(e) => return Err(e).with_context(|| format!("{}: cannot lock", path.display())),
        }
    }
    let written = batch.len();
    batch
        .commit()
        .with_context(|| format!("{}: cannot write the articles", dir.display()))?;
    eprintln!(
        "gloss: imported {} into {}{}",
        crate::text::plural::count(written, "article"),
        dir.display(),
        match skipped {
            0 => String::new(),
            n => format!(" ({n} rows without text skipped)"),
        }
    );
    Ok(())
}

/// How many rows without text are listed one by one.
const MAX_SKIPPED_SHOWN: usize = 10;

/// The count of rows read, on stderr when it is a terminal, every thousand rows.
struct Progress {
    terminal: bool,
}

impl Progress {
    fn new() -> Self {
        Self {
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn show(&self, rows: usize) {
        if self.terminal && rows.is_multiple_of(1000) {
            eprint!("\rimporting: {rows} articles read");
        }
    }

    fn done(&self, rows: usize) {
        if self.terminal && rows >= 1000 {
            eprintln!("\rimporting: {rows} articles read, writing them");
        }
    }
}
