//! The command line: parse arguments, open what was asked for, and turn every failure into
//! one line on stderr with exit code 2.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{anyhow, bail};
use clap::{Args, CommandFactory as _, Parser, Subcommand};

use crate::commands::output::write_stdout;
use crate::config::Config;
use crate::config::paths::Dirs;
use crate::keymap::Keymap;
use crate::library::Library;
use crate::open::{FeedOrigin, Opened, is_web_argument};
use crate::tui::shell::open::BACKGROUND_OPEN_BYTES;
use crate::tui::shell::{Context, Screen};
use crate::tui::{self, Shell};

/// gloss: read news closely in the terminal; tag who acts and what is claimed.
#[derive(Debug, Parser)]
#[command(name = "gloss", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// What to open: a UTF-8 text or Markdown article, a saved web page (.html), an
    /// annotation file (*.gloss.json), a feed file, an http(s) address of a page or a feed,
    /// or - for stdin. Without it, the library of articles opened before.
    path: Option<String>,
    #[command(flatten)]
    settings: Settings,
}

/// Settings that apply to whatever is opened.
// The doc comments of clap's arguments are their --help text, written for a terminal.
#[allow(rustdoc::invalid_html_tags)]
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Config file (default: $XDG_CONFIG_HOME/gloss/config.toml).
    #[arg(long, value_name = "PATH", global = true)]
    config: Option<PathBuf>,
    /// Annotation file (default: beside the article as <name>.gloss.json).
    #[arg(long, value_name = "PATH", global = true)]
    annotations: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Suggest actors and claims in articles (one JSON object per article and line with --json).
    Detect(crate::commands::detect::DetectArgs),
    /// Export annotations to jsonl, brat, conll, label-studio, prodigy, w3c, csv, markdown or html.
    Export(crate::commands::export::ExportArgs),
    /// Search the library: claims by an actor, its mentions, or words of the articles' text
    /// (one result a line, tab-separated, or JSON with --json).
    Search(crate::commands::search::SearchArgs),
    /// Check the library's index against its files (with --rebuild, make it again).
    Index(crate::commands::search::IndexArgs),
    /// Import annotations from brat, doccano, label-studio or w3c files.
    Import(crate::commands::import::ImportArgs),
    /// Print the actors gloss learned from your tags as Prodigy match patterns (JSONL).
    Patterns,
    /// Open a feed (a file or an http(s) address), or without one the subscribed feeds.
    Feed {
        /// The feed's file or address.
        source: Option<String>,
    },
    /// Manage the subscribed feeds ([[feeds]] in the config).
    #[command(subcommand)]
    Feeds(crate::commands::feeds::FeedsCommand),
    /// Print what the first screen shows, as plain text, and exit.
    Screen {
        /// What to open, as for `gloss PATH` (without it, the library).
        path: Option<String>,
        /// Screen size as WIDTHxHEIGHT (up to 1000x1000).
        #[arg(long, default_value = "120x40", value_parser = parse_size)]
        size: (u16, u16),
    },
    /// Print a completion script for a shell (bash, zsh, fish, elvish or powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print gloss's manual page (roff), e.g. `gloss man | man -l -`; with DIR, write it and
    /// one page per subcommand (gloss-export.1, …) into DIR.
    Man {
        /// The folder to write every page into.
        dir: Option<PathBuf>,
    },
}

/// The largest screen `gloss screen` draws.
const MAX_SCREEN_SIDE: u16 = 1000;

fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let bad = || format!("bad size {s:?}: expected WIDTHxHEIGHT, e.g. 120x40");
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u16 = w.trim().parse().map_err(|_| bad())?;
    let h: u16 = h.trim().parse().map_err(|_| bad())?;
    if w == 0 || h == 0 {
        return Err(bad());
    }
    if w > MAX_SCREEN_SIDE || h > MAX_SCREEN_SIDE {
        return Err(format!(
            "size {s:?} too large: at most {MAX_SCREEN_SIDE}x{MAX_SCREEN_SIDE}"
        ));
    }
    Ok((w, h))
}

/// Runs gloss with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "gloss: {}", one_line_usage_error(&e));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The error and its causes, once, on one line. Messages quote arguments, paths
            // and addresses: none may drive the terminal.
            let message = crate::error::chain(error.as_ref());
            let message = crate::text::clean::clean(&message).replace('\n', " ");
            // A closed or full stderr must not turn exit 2 into a panic.
            let _ = writeln!(std::io::stderr(), "gloss: {message}");
            ExitCode::from(2)
        }
    }
}

/// A command-line error as one line: clap's message, with the values it would take, and
/// where to read more (clap's own form spreads over several lines).
fn one_line_usage_error(error: &clap::Error) -> String {
    let text = crate::text::clean::clean(&error.to_string()).into_owned();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("bad arguments");
    let mut line = first.strip_prefix("error: ").unwrap_or(first).to_string();
    for extra in lines {
        if let Some(values) = extra
            .strip_prefix("[possible values: ")
            .and_then(|v| v.strip_suffix(']'))
        {
            line.push_str(&format!(" (one of: {values})"));
        }
    }
    line.push_str(" (gloss --help lists the arguments)");
    line
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let dirs = Dirs::from_env()?;
    match cli.command {
        None => {
            let mut shell = match cli.path.as_deref() {
                None => library_shell(&cli.settings, &dirs)?,
                Some(arg) => {
                    let ctx = context(&cli.settings, &dirs, true)?;
                    let terminal = std::io::stdout().is_terminal();
                    if is_web_argument(arg) && terminal {
                        // Fetched with a spinner on screen, in the one event loop.
                        Shell::fetching(ctx, arg.to_string())
                    } else if let Some(text) = long_article(arg, terminal)? {
                        // Its first screen is drawn while a worker splits the rest.
                        Shell::previewing(ctx, text, PathBuf::from(arg))
                    } else {
                        match open_arg(arg)? {
                            Opened::Article(doc) if doc.text.len() > BACKGROUND_OPEN_BYTES => {
                                Shell::opening(ctx, doc)?
                            }
                            opened => shell_for(opened, ctx, true)?,
                        }
                    }
                }
            };
            run_shell(&mut shell)
        }
        Some(Command::Feed { source }) => {
            let ctx = context(&cli.settings, &dirs, true)?;
            let mut shell = match source.as_deref() {
                None => Shell::feeds(ctx),
                Some(arg) if is_web_argument(arg) && std::io::stdout().is_terminal() => {
                    Shell::fetching_feed(ctx, arg.to_string())
                }
                Some(arg) if is_web_argument(arg) => {
                    let bytes = crate::open::fetch_feed(arg, &|_| {}, &AtomicBool::new(false))?;
                    let feed = crate::feed::parse(&bytes, arg)?;
                    shell_for(Opened::Feed(feed, FeedOrigin::Url(arg.into())), ctx, true)?
                }
                Some(arg) => {
                    let path = crate::open::feed_path(arg)?;
                    let feed = crate::open::read_feed_file(path)?;
                    shell_for(Opened::Feed(feed, FeedOrigin::File(path.into())), ctx, true)?
                }
            };
            run_shell(&mut shell)
        }
        Some(Command::Feeds(command)) => {
            crate::commands::feeds::run(command, cli.settings.config.as_deref(), &dirs)
        }
        Some(Command::Detect(args)) => {
            let config = load_config(&cli.settings, &dirs)?;
            crate::commands::detect::run(args, &config.detect)
        }
        Some(Command::Patterns) => {
            let (learned, warning) = crate::session::Learned::load(dirs.learned_file());
            if let Some(warning) = warning {
                bail!(warning);
            }
            Ok(write_stdout(&crate::text::json::escape_controls(
                &learned.prodigy_patterns(),
            ))?)
        }
        Some(Command::Export(args)) => {
            crate::commands::export::run(args, &dirs.data.join("library"))
        }
        Some(Command::Import(args)) => crate::commands::import::run(args),
        Some(Command::Search(args)) => {
            crate::commands::search::run(args, &dirs.data.join("library"))
        }
        Some(Command::Index(args)) => {
            crate::commands::search::run_index(args, &dirs.data.join("library"))
        }
        Some(Command::Screen { path, size }) => {
            let mut shell = match path.as_deref() {
                None => library_shell(&cli.settings, &dirs)?,
                Some(arg) => {
                    let opened = open_arg(arg)?;
                    shell_for(opened, context(&cli.settings, &dirs, false)?, false)?
                }
            };
            Ok(write_stdout(&tui::screen::render_shell_text(
                &mut shell, size.0, size.1,
            ))?)
        }
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "gloss", &mut script);
            Ok(write_stdout(&String::from_utf8_lossy(&script))?)
        }
        Some(Command::Man { dir }) => crate::commands::man::run(Cli::command(), dir.as_deref()),
    }
}

/// Runs the screens on the terminal, then keeps every open article in the library.
fn run_shell(shell: &mut Shell) -> anyhow::Result<()> {
    let result = tui::run(shell);
    shell.close_all();
    result?;
    if let Some(failure) = &shell.failure
        && shell.screens.is_empty()
    {
        bail!(failure.clone());
    }
    match &shell.unsaved {
        Some(reason) => bail!("quit with unsaved changes: {reason}"),
        None => Ok(()),
    }
}

/// The library view (with the sample article in it on first run).
fn library_shell(settings: &Settings, dirs: &Dirs) -> anyhow::Result<Shell> {
    let config = load_config(settings, dirs)?;
    let mut library = Library::open_with(
        &dirs.data.join("library"),
        &crate::commands::search::progress_bar(),
    )?;
    let notice = library.take_notice();
    let ctx = Context {
        keymap: Keymap::with_overrides(&config.keys),
        config,
        dirs: dirs.clone(),
        library: Some(library),
        annotations: settings.annotations.clone(),
    };
    let screen = Shell::library_screen(&ctx).ok_or_else(|| anyhow!("cannot open the library"))?;
    let mut shell = Shell::new(ctx, screen);
    shell.message = notice;
    Ok(shell)
}

/// The screens for what an argument opened.
fn shell_for(opened: Opened, ctx: Context, lock: bool) -> anyhow::Result<Shell> {
    match opened {
        Opened::Article(doc) => Ok(Shell::reading(ctx, doc, lock)?),
        Opened::Feed(feed, origin) => Ok(Shell::new(
            ctx,
            Screen::Feed(tui::feed_view::FeedView::single(feed, origin)),
        )),
    }
}

/// The text of the long plain-text article file `arg` names, when the screens are shown on
/// a terminal (see [`Shell::previewing`]).
fn long_article(arg: &str, terminal: bool) -> anyhow::Result<Option<String>> {
    if !terminal || is_web_argument(arg) {
        return Ok(None);
    }
    let path = std::path::Path::new(arg);
    Ok(crate::open::read_long_article(
        path,
        BACKGROUND_OPEN_BYTES as u64,
    )?)
}

/// Opens a command-line argument now (a web address is fetched before anything is shown).
fn open_arg(arg: &str) -> anyhow::Result<Opened> {
    Ok(crate::open::open(
        Some(arg),
        &|_| {},
        &AtomicBool::new(false),
    )?)
}

/// What the screens share: config, keymap, folders and (when `with_library`, and it can be
/// opened) the library.
fn context(settings: &Settings, dirs: &Dirs, with_library: bool) -> anyhow::Result<Context> {
    let config = load_config(settings, dirs)?;
    let keymap = Keymap::with_overrides(&config.keys);
    let library = with_library
        .then(|| {
            let progress = crate::commands::search::progress_bar();
            Library::open_with(&dirs.data.join("library"), &progress).ok()
        })
        .flatten();
    Ok(Context {
        dirs: dirs.clone(),
        config,
        keymap,
        library,
        annotations: settings.annotations.clone(),
    })
}

/// The config given with --config, else the user's (or the defaults when there is none).
fn load_config(settings: &Settings, dirs: &Dirs) -> anyhow::Result<Config> {
    Ok(match &settings.config {
        Some(path) => Config::load(path, true),
        None => Config::load(&dirs.config_file(), false),
    }?)
}
