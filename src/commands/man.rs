//! `gloss man [DIR]`: the manual pages, made from the command-line definitions. Without DIR,
//! gloss(1) on standard output; with it, every page (gloss.1 and one per subcommand, such as
//! gloss-export.1, which gloss(1) refers to) written into DIR, each file atomically.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::annotation::store::write_atomic;
use crate::commands::output::write_stdout;

/// Prints gloss(1), or writes every page into `dir`; the pages written are named on stderr.
pub fn run(command: clap::Command, dir: Option<&Path>) -> anyhow::Result<()> {
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let Some(dir) = dir else {
        let page = render(clap_mangen::Man::new(command))?;
        return Ok(write_stdout(&String::from_utf8_lossy(&page))?);
    };
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    for path in write_pages(command, dir)? {
        eprintln!("gloss: wrote {}", path.display());
    }
    Ok(())
}

/// Writes the page of `command` and of each of its subcommands into `dir`.
fn write_pages(command: clap::Command, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        written.extend(write_pages(sub.clone(), dir)?);
    }
    let man = clap_mangen::Man::new(command);
    let path = dir.join(man.get_filename());
    write_atomic(&path, &render(man)?).with_context(|| path.display().to_string())?;
    written.push(path);
    Ok(written)
}

fn render(man: clap_mangen::Man) -> anyhow::Result<Vec<u8>> {
    let mut page = Vec::new();
    man.render(&mut page)
        .context("cannot write the manual page")?;
    Ok(page)
}
