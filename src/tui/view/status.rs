//! The status bar: mode, article, where annotations are saved and whether they are, then a
//! message or short key hints.

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use crate::keymap::{Action, KeyCode, Layer};
use crate::session::SaveState;
use crate::text::clean::clean;
use crate::text::width::{ellipsize, text_width};
use crate::tui::app::{App, Mode};
use crate::tui::layout::message_lines;
use crate::tui::style;

/// Draws both status rows.
pub fn draw(app: &App, buf: &mut Buffer) {
    let area = app.geometry.status;
    let width = usize::from(area.width);
    buf.set_style(area, style::STATUS);
    let mode_name = match (&app.mode, app.focus) {
        (crate::tui::app::Mode::Normal, crate::tui::app::Focus::Panel) => "PANEL",
        (mode, _) => mode.name(),
    };
    let mode = format!(" {mode_name} ");
    buf.set_stringn(area.x, area.y, &mode, width, style::MODE);
    let mode_width = text_width(&mode);
    let info = clean(&info_line(app)).into_owned();
    buf.set_stringn(
        area.x + mode_width as u16,
        area.y,
        ellipsize(&info, width.saturating_sub(mode_width)),
        width.saturating_sub(mode_width),
        style::STATUS,
    );
    let second = clean(&second_line(app)).into_owned();
    let rows = usize::from(area.height.saturating_sub(1));
    // A message wraps (see `rows`); key hints are cut to one row.
    let lines = match app.message.is_some() {
        true => message_lines(&second, width),
        false => vec![ellipsize(&second, width)],
    };
    for (row, line) in lines.iter().take(rows).enumerate() {
        // The last row that fits ends with an ellipsis when more was left.
        let line = match row + 1 == rows && lines.len() > rows {
            true => ellipsize(&format!("{line} …"), width),
            false => line.clone(),
        };
        buf.set_stringn(area.x, area.y + 1 + row as u16, line, width, Style::new());
    }
}

/// The last part of `path`, as the status bar names an article's file.
pub(super) fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Article, position, save state and place.
fn info_line(app: &App) -> String {
    let session = &app.session;
    let name = match &session.doc.source {
        crate::document::Source::File(p) => file_name(p),
        // An annotation file is named by the article it holds (the library's copy of a web
        // page by its address, of a file by the file's name).
        crate::document::Source::AnnotationFile(p) => {
            let label = &session.source_label;
            if label.starts_with("sample:") {
                "sample".to_string()
            } else if crate::web::address::is_web_address(label) {
                label.clone()
            } else if label == "stdin" {
                "stdin".to_string()
            } else if label.is_empty() {
                file_name(p)
            } else {
                file_name(std::path::Path::new(label))
            }
        }
        crate::document::Source::Sample => "sample".to_string(),
        crate::document::Source::Stdin => "stdin".to_string(),
        crate::document::Source::Url(url) => url.clone(),
    };
    let position = format!("{}/{}", app.sentence() + 1, session.doc.sentences.len());
    let path = home_relative(&session.storage.path);
    // The save state comes first: on a narrow screen it must not be the part cut off.
    let (state, place) = match (&session.storage.read_only, &session.save_state) {
        (Some(reason), _) => (format!("READ-ONLY ({reason})"), path),
        (None, SaveState::Failed(e)) => (format!("NOT SAVED: {e}"), path),
        (None, SaveState::Clean) if session.annotations.is_empty() => {
            ("saves to".to_string(), path)
        }
        (None, SaveState::Saving) => ("saving…".to_string(), path),
        (None, SaveState::Saved | SaveState::Clean) => ("saved ✓".to_string(), path),
    };
    let mut counts = format!("{} tagged", session.annotations.len());
    // Marked done with D; a status written by hand or by another gloss is shown as it is.
    if let Some(status) = &session.status {
        counts.push_str(&format!(" · {status}"));
    }
    if let Some(detecting) = &app.detecting {
        counts.push_str(&format!(" · {detecting}"));
    }
    format!(" {state} │ {name} │ {position} │ {counts} │ {place}")
}

/// The message of the last command, what is being typed, or key hints.
fn second_line(app: &App) -> String {
    if let Mode::SearchInput(input) = &app.mode {
        return format!("/{input}▏");
    }
    if let Mode::RenameActor { name, input, .. } = &app.mode {
        // What is typed first: on a narrow screen the rest is what is cut.
        return format!(" {input}▏ · renaming {name} (another actor's name merges them)");
    }
    if let Some(message) = app.status_message() {
        return message;
    }
    // In a picker or the note editor, its keys.
    match &app.mode {
        Mode::Note { .. } => {
            return format!(
                " type the note · {} saves · {} discards",
                app.keymap.hint(Layer::Note, Action::SaveNote),
                app.keymap.hint(Layer::Note, Action::DiscardNote)
            );
        }
        Mode::LabelPicker(target) => {
            let labels = match target {
                crate::tui::app::LabelTarget::Actor(..) => &app.config.entity_labels,
                crate::tui::app::LabelTarget::Claim(_) => &app.config.claim_labels,
            };
            let keys: Vec<String> = labels
                .iter()
                .map(|l| format!("{} {}", l.key, l.name))
                .collect();
            return format!(
                " {} · {} cancels",
                keys.join(" · "),
                app.keymap.hint(Layer::Picker, Action::Cancel)
            );
        }
        Mode::SpeakerPicker(picker) => {
            let keys = |action| {
                // Letters type into the filter, so a hint shows another key (an arrow first).
                let mut keys: Vec<_> = app
                    .keymap
                    .keys_in(Layer::Picker, action)
                    .into_iter()
                    .filter(|k| k.ctrl || k.alt || !matches!(k.code, KeyCode::Char(_)))
                    .collect();
                keys.sort_by_key(|k| !matches!(k.code, KeyCode::Up | KeyCode::Down));
                keys.first()
                    .map_or_else(|| "-".to_string(), ToString::to_string)
            };
            let esc = match (&picker.claim, picker.filter.is_empty()) {
                (_, false) => "clears the filter",
                (crate::tui::app::PickerClaim::New { .. }, true) => "tags no claim",
                (crate::tui::app::PickerClaim::Tagged(_), true) => "leaves the speaker as it was",
            };
            return format!(
                " type to filter · {}/{} move · {} or 0-9 picks · {} {esc}",
                keys(Action::NextItem),
                keys(Action::PrevItem),
                keys(Action::Confirm),
                keys(Action::Cancel)
            );
        }
        _ => {}
    }
    let key = |action: Action| {
        app.keymap
            .key_for(action)
            .map_or_else(|| "-".to_string(), |k| k.to_string())
    };
    let mut hints = vec![
        format!("{} help", key(Action::Help)),
        format!(
            "{}/{} sentence",
            key(Action::NextSentence),
            key(Action::PrevSentence)
        ),
        format!("{} accept", key(Action::Accept)),
        format!("{} actor", key(Action::TagActor)),
        format!("{} claim", key(Action::TagClaim)),
        format!("{} panel", key(Action::ToggleFocus)),
        format!("{} undo", key(Action::Undo)),
        format!(
            "{} {}",
            key(Action::Quit),
            if app.from_list { "back" } else { "quit" }
        ),
    ];
    if app.focus == crate::tui::app::Focus::Panel {
        hints = vec![
            format!(
                "panel: {}/{} move",
                key(Action::NextSentence),
                key(Action::PrevSentence)
            ),
            format!("{} jumps", key(Action::Open)),
            format!("{} accept", key(Action::Accept)),
            format!("{} remove", key(Action::Remove)),
            format!("{} claim", key(Action::TagClaim)),
            format!("{} speaker", key(Action::Speaker)),
            format!("{} article", key(Action::ToggleFocus)),
        ];
    }
    if app.selection.is_some() {
        hints = vec![
            format!("selecting: {} actor", key(Action::TagActor)),
            format!("{} claim", key(Action::TagClaim)),
            "w/b/e/h/l extend".to_string(),
            format!("{} drop", key(Action::Cancel)),
        ];
    } else if let Some(query) = &app.search {
        hints.insert(0, format!("/{}: n/N next/previous, esc clears", query.text));
    }
    format!(" {}", hints.join(" · "))
}

/// `path` with the home folder written as "~".
pub fn home_relative(path: &std::path::Path) -> String {
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty())
        && let Ok(rest) = path.strip_prefix(&home)
    {
        return format!("~/{}", rest.display());
    }
    path.display().to_string()
}
