//! Helpers shared by the integration tests: readers opened on temporary folders and keys
//! pressed in them (here), the binary run as a process ([`bin`]), a local HTTP server
//! ([`http`]), the binary in a pseudo-terminal ([`pty`]), the annotated article the
//! exports are checked on ([`fixture`]) and the benchmarks' generated corpora
//! ([`support`]).
#![allow(dead_code)]

pub mod bin;
#[path = "../consumers/fixture.rs"]
pub mod fixture;
pub mod http;
pub mod pty;
#[path = "../../benches/support/mod.rs"]
pub mod support;

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gloss::config::Config;
use gloss::config::paths::Dirs;
use gloss::document::{Document, Source, load};
use gloss::keymap::{KeyCombo, Keymap};
use gloss::session::{self, OpenOptions};
use gloss::tui::App;
use gloss::tui::Shell;
use gloss::tui::request::Request;
use gloss::tui::shell::Context;
use gloss::tui::update::handle_key;

/// Folders under a temporary directory.
pub fn dirs(root: &Path) -> Dirs {
    Dirs::under(root)
}

/// Opens `doc` in a reader whose files live under `root`.
pub fn open_with(root: &Path, doc: Document, config: Config, annotations: Option<PathBuf>) -> App {
    let dirs = dirs(root);
    let options = OpenOptions {
        config: &config,
        dirs: &dirs,
        annotations,
        lock: true,
    };
    let session = session::open(doc, &options).expect("opens");
    let keymap = Keymap::with_overrides(&config.keys);
    App::new(session, config, keymap)
}

/// Opens the sample in a reader whose files live under `root`.
pub fn open_sample(root: &Path) -> App {
    open_with(root, load::sample(), Config::default(), None)
}

/// Opens `text` (as if from a file in `root`) without suggestions.
pub fn open_text(root: &Path, text: &str) -> App {
    let path = root.join("article.txt");
    std::fs::write(&path, text).unwrap();
    let mut config = Config::default();
    config.reader.suggestions = false;
    let doc = Document::new(text.to_string(), Source::File(path));
    open_with(root, doc, config, None)
}

/// The key event for a key name, as the config writes keys: "j", "J", "ctrl-r", "enter",
/// "esc", "tab".
pub fn key(name: &str) -> KeyEvent {
    let combo: KeyCombo = name
        .parse()
        .unwrap_or_else(|e| panic!("unknown key {name:?}: {e}"));
    gloss::tui::input::to_key_event(combo)
}

/// Presses keys (space-separated names) and carries out the requests as the shell would;
/// returns those that need the screen stack (back, quit).
pub fn press(app: &mut App, keys: &str) -> Vec<Request> {
    let mut rest = Vec::new();
    for name in keys.split_whitespace() {
        let requests = handle_key(app, key(name));
        if requests.contains(&Request::Save) {
            app.session.save().expect("saves");
        }
        let others = requests
            .into_iter()
            .filter(|r| *r != Request::Save)
            .collect();
        rest.extend(gloss::tui::shell::carry_out_in_reader(app, others));
    }
    rest
}

/// True when `requests` close the reader (q, Q, or Esc back to a list).
pub fn leaves(requests: &[Request]) -> bool {
    requests
        .iter()
        .any(|r| matches!(r, Request::Back | Request::QuitAll))
}

/// Types text into whatever input is open.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let _ = handle_key(app, event);
    }
}

/// The annotation file as JSON.
pub fn saved_json(app: &App) -> serde_json::Value {
    let text = std::fs::read_to_string(&app.session.storage.path).expect("annotation file");
    serde_json::from_str(&text).unwrap()
}

/// Moves the cursor to the first occurrence of `needle`.
pub fn cursor_to(app: &mut App, needle: &str) {
    let at = app.session.doc.text.find(needle).expect("needle in text");
    app.jump_to(at);
}

/// What a shell's screens share, with the library under `root` and the config given.
pub fn context(root: &Path, config: Config) -> Context {
    let dirs = dirs(root);
    let library = gloss::library::Library::open(&dirs.data.join("library")).unwrap();
    Context {
        keymap: Keymap::with_overrides(&config.keys),
        config,
        dirs,
        library: Some(library),
        annotations: None,
    }
}

/// A shell showing the library under `root` (with the sample in it on first run).
pub fn library_shell(root: &Path) -> Shell {
    let ctx = context(root, Config::default());
    let screen = Shell::library_screen(&ctx).unwrap();
    Shell::new(ctx, screen)
}

/// Presses keys (space-separated names) on the shell's top screen.
pub fn press_keys(shell: &mut Shell, keys: &str) {
    for name in keys.split_whitespace() {
        shell.handle_key(key(name));
    }
}

/// Types `text` into the shell one character at a time.
pub fn type_keys(shell: &mut Shell, text: &str) {
    for c in text.chars() {
        shell.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}
