//! `gloss import --format brat|doccano|label-studio|w3c FILE... [-o DIR] [--force]`: other
//! tools' annotations to gloss annotation files (with the article text).
//!
//! Every input is read and checked first; only when all of them import cleanly, and no
//! output exists (unless `--force`) or is named twice, are the files written, each
//! atomically, into DIR (default: beside each input). Whatever gloss could not hold is
//! reported on stderr.

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::Args;

use crate::annotation::file::to_json;
use crate::annotation::store::{Lock, write_atomic};
use crate::import::{self, ImportFormat};

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
}

/// Runs `gloss import`.
pub fn run(args: ImportArgs) -> anyhow::Result<()> {
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
