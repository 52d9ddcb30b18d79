//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gloss::config::Config;
use gloss::config::paths::Dirs;
use gloss::document::{Document, Source, load};
use gloss::keymap::Keymap;
use gloss::session::{self, OpenOptions};
use gloss::tui::App;
use gloss::tui::request::Request;
use gloss::tui::update::handle_key;

/// Folders under a temporary directory.
pub fn dirs(root: &Path) -> Dirs {
    Dirs {
        config: root.join("config"),
        data: root.join("data"),
        state: root.join("state"),
    }
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

/// The key event for a key name: "j", "J", "ctrl-r", "enter", "esc", "tab".
pub fn key(name: &str) -> KeyEvent {
    let (modifiers, rest) = match name.strip_prefix("ctrl-") {
        Some(rest) => (KeyModifiers::CONTROL, rest),
        None => (KeyModifiers::NONE, name),
    };
    let code = match rest {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "down" => KeyCode::Down,
        "up" => KeyCode::Up,
        "backspace" => KeyCode::Backspace,
        s if s.chars().count() == 1 => {
            let c = s.chars().next().unwrap();
            let modifiers = if c.is_uppercase() {
                modifiers | KeyModifiers::SHIFT
            } else {
                modifiers
            };
            return KeyEvent::new(KeyCode::Char(c), modifiers);
        }
        other => panic!("unknown key {other}"),
    };
    KeyEvent::new(code, modifiers)
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
