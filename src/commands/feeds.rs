//! `gloss feeds import FILE.opml` and `gloss feeds export`: the subscribed feeds, kept as
//! `[[feeds]]` tables in the config, to and from OPML.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::Subcommand;

use crate::annotation::store::write_atomic;
use crate::commands::output::{protect_library, write_stdout};
use crate::config::Config;
use crate::config::paths::Dirs;
use crate::export::guard::OutputGuard;
use crate::feed::{Subscription, export_opml, import_opml};
use crate::web::address::is_web_address;

/// The `gloss feeds` subcommands.
// The doc comments of clap's arguments are their --help text, written for a terminal.
#[allow(rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]
#[derive(Debug, Clone, Subcommand)]
pub enum FeedsCommand {
    /// Add the feeds of an OPML file to the config's [[feeds]] (those already there are
    /// skipped).
    Import {
        /// The OPML file.
        file: PathBuf,
    },
    /// Print the subscribed feeds as OPML.
    Export {
        /// Write to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List the subscribed feeds, one "name<TAB>url" per line.
    List,
}

/// Runs a `gloss feeds` subcommand on the config at `config` (default: the user's).
pub fn run(command: FeedsCommand, config: Option<&Path>, dirs: &Dirs) -> anyhow::Result<()> {
    let path = config.map_or_else(|| dirs.config_file(), Path::to_path_buf);
    match command {
        FeedsCommand::Import { file } => {
            let opml = match crate::files::read_to_string(&file) {
                Ok(opml) => opml,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    bail!("{}: no such file", file.display())
                }
                Err(e) => return Err(e).context(file.display().to_string()),
            };
            let found = import_opml(&opml).with_context(|| file.display().to_string())?;
            let report = import(&path, &found)?;
            eprintln!("{report}");
            Ok(())
        }
        FeedsCommand::Export { output } => {
            let config = Config::load(&path, false)?;
            let opml = export_opml(&config.feeds);
            match output {
                Some(out) => {
                    let mut guard = OutputGuard::new();
                    guard.protect(&path);
                    protect_library(&mut guard, &dirs.data.join("library"));
                    guard.check(&out)?;
                    write_atomic(&out, opml.as_bytes())
                        .with_context(|| format!("cannot write {}", out.display()))
                }
                None => Ok(write_stdout(&opml)?),
            }
        }
        FeedsCommand::List => {
            let config = Config::load(&path, false)?;
            if config.feeds.is_empty() {
                eprintln!(
                    "no feeds in {}: add [[feeds]] with name and url, or `gloss feeds import FILE.opml`",
                    path.display()
                );
            }
            let list: String = config
                .feeds
                .iter()
                .map(|feed| {
                    format!(
                        "{}\t{}\n",
                        crate::feed::html::clean_line(&feed.name),
                        crate::text::clean::clean(&feed.url)
                    )
                })
                .collect();
            Ok(write_stdout(&list)?)
        }
    }
}

/// Adds the subscriptions of `found` that the config at `path` lacks (by URL), appending
/// `[[feeds]]` tables to it so the rest of the file stays as written. A config gloss cannot
/// read is left untouched. Returns a one-line report.
pub fn import(path: &Path, found: &[Subscription]) -> anyhow::Result<String> {
    let text = match crate::files::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).context(path.display().to_string()),
    };
    let config = Config::parse(path, &text).map_err(|e| {
        anyhow::anyhow!("{} (the config is left untouched)", crate::error::chain(&e))
    })?;
    let mut known: Vec<&str> = config.feeds.iter().map(|f| f.url.as_str()).collect();
    let mut added = String::new();
    let (mut count, mut present, mut skipped) = (0, 0, 0);
    for sub in found {
        if !is_web_address(&sub.url) {
            skipped += 1;
        } else if known.contains(&sub.url.as_str()) {
            present += 1;
        } else {
            known.push(&sub.url);
            count += 1;
            added.push_str(&format!(
                "\n[[feeds]]\nname = {}\nurl = {}\n",
                toml::Value::String(sub.name.clone()),
                toml::Value::String(sub.url.clone())
            ));
        }
    }
    if count > 0 {
        let mut new_text = text.clone();
        if !new_text.is_empty() && !new_text.ends_with('\n') {
            new_text.push('\n');
        }
        new_text.push_str(&added);
        // Never write a config that gloss would then refuse.
        Config::parse(path, &new_text).context("cannot add the feeds")?;
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        // A config that is a link (to a dotfiles repository) stays one: its target is
        // rewritten.
        let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        write_atomic(&target, new_text.as_bytes())
            .with_context(|| format!("cannot write {}", target.display()))?;
    }
    let mut report = format!("added {count} feeds to {}", path.display());
    if present > 0 {
        report.push_str(&format!(" · {present} already there"));
    }
    if skipped > 0 {
        report.push_str(&format!(" · {skipped} skipped (not http or https)"));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(name: &str, url: &str) -> Subscription {
        Subscription {
            name: name.into(),
            url: url.into(),
        }
    }

    #[test]
    fn import_appends_new_feeds_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "# mine\n[reader]\nmouse = false").unwrap();
        let found = [
            sub("A \"quoted\" feed", "https://a.example/rss"),
            sub("local", "file:///x.xml"),
        ];
        let report = import(&path, &found).unwrap();
        assert!(report.starts_with("added 1 feeds"), "{report}");
        assert!(report.contains("1 skipped"), "{report}");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# mine\n[reader]\nmouse = false\n"),
            "{text}"
        );
        let config = Config::parse(&path, &text).unwrap();
        assert!(!config.reader.mouse);
        assert_eq!(config.feeds, [found[0].clone()]);
        let again = import(&path, &found).unwrap();
        assert!(again.contains("added 0 feeds") && again.contains("1 already there"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn a_config_gloss_cannot_read_is_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[reader]\nmouse = maybe\n").unwrap();
        let error = import(&path, &[sub("a", "https://a.example/rss")]).unwrap_err();
        assert!(error.to_string().contains("left untouched"), "{error}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "[reader]\nmouse = maybe\n"
        );
    }
}
