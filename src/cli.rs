//! The command line: parse arguments, open what was asked for, and turn every failure into
//! one line on stderr with exit code 2.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::Config;
use crate::config::paths::Dirs;
use std::sync::atomic::AtomicBool;

use crate::document::{Document, load, web};
use crate::keymap::Keymap;
use crate::session::{self, OpenOptions};
use crate::tui::{self, App};

/// gloss: read news closely in the terminal; tag who acts and what is claimed.
#[derive(Debug, Parser)]
#[command(name = "gloss", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A UTF-8 text or Markdown article, an annotation file (*.gloss.json), or - for stdin.
    /// Without it, the bundled sample article opens.
    path: Option<String>,
    #[command(flatten)]
    settings: Settings,
}

/// Settings that apply to whatever is opened.
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
    /// Import annotations from brat, doccano, label-studio or w3c files.
    Import(crate::commands::import::ImportArgs),
    /// Print the actors gloss learned from your tags as Prodigy match patterns (JSONL).
    Patterns,
    /// Print what the first screen shows, as plain text, and exit.
    Screen {
        /// What to open, as for `gloss PATH`.
        path: Option<String>,
        /// Screen size as WIDTHxHEIGHT (up to 1000x1000).
        #[arg(long, default_value = "120x40", value_parser = parse_size)]
        size: (u16, u16),
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
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gloss: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let dirs = Dirs::from_env()?;
    match cli.command {
        None => {
            let mut app = match cli.path.as_deref() {
                // A page is fetched with progress on screen and Esc to cancel.
                Some(url) if web::is_url(url) => {
                    let doc = tui::loading::fetch(url)?;
                    app_for(doc, &cli.settings, &dirs, true)?
                }
                path => open_app(path, &cli.settings, &dirs, true)?,
            };
            tui::run(&mut app).map_err(|e| e.to_string())?;
            match &app.session.save_state {
                crate::session::SaveState::Failed(reason) => {
                    Err(format!("quit with unsaved changes: {reason}"))
                }
                _ => Ok(()),
            }
        }
        Some(Command::Detect(args)) => {
            let config = load_config(&cli.settings, &dirs)?;
            crate::commands::detect::run(args, &config.detect)
        }
        Some(Command::Patterns) => {
            let (learned, warning) = crate::session::Learned::load(dirs.learned_file());
            if let Some(warning) = warning {
                return Err(warning);
            }
            print!("{}", learned.prodigy_patterns());
            Ok(())
        }
        Some(Command::Export(args)) => crate::commands::export::run(args),
        Some(Command::Import(args)) => crate::commands::import::run(args),
        Some(Command::Screen { path, size }) => {
            let mut app = open_app(path.as_deref(), &cli.settings, &dirs, false)?;
            print!("{}", tui::screen::render_text(&mut app, size.0, size.1));
            Ok(())
        }
    }
}

/// Loads config, article and annotations into a reader.
fn open_app(path: Option<&str>, args: &Settings, dirs: &Dirs, lock: bool) -> Result<App, String> {
    let doc = read_article(path)?;
    app_for(doc, args, dirs, lock)
}

/// A reader over `doc` with the config and annotations of `args`.
fn app_for(doc: Document, args: &Settings, dirs: &Dirs, lock: bool) -> Result<App, String> {
    let config = load_config(args, dirs)?;
    let options = OpenOptions {
        config: &config,
        dirs,
        annotations: args.annotations.clone(),
        lock,
    };
    let session = session::open(doc, &options).map_err(|e| e.to_string())?;
    let keymap = Keymap::with_overrides(&config.keys);
    Ok(App::new(session, config, keymap))
}

/// The config given with --config, else the user's (or the defaults when there is none).
fn load_config(settings: &Settings, dirs: &Dirs) -> Result<Config, String> {
    match &settings.config {
        Some(path) => Config::load(path, true),
        None => Config::load(&dirs.config_file(), false),
    }
    .map_err(|e| e.to_string())
}

/// The article named on the command line.
fn read_article(path: Option<&str>) -> Result<Document, String> {
    match path {
        None => Ok(load::sample()),
        Some("-") => load::read_stdin(std::io::stdin().lock()).map_err(|e| e.to_string()),
        Some(url) if web::is_url(url) => web::fetch(url, &|_| {}, &AtomicBool::new(false)),
        Some(p) if web::is_html(Path::new(p)) => web::read_html_file(Path::new(p)),
        Some(p) if p.ends_with(".gloss.json") => {
            session::open::read_annotation_file_as_article(Path::new(p)).map_err(|e| e.to_string())
        }
        Some(p) => load::read_file(Path::new(p)).map_err(|e| e.to_string()),
    }
}
