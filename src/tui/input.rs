//! Terminal input turned into what the reader understands: key events into [`KeyCombo`]s,
//! mouse events into cursor moves, selections and scrolling.

use crossterm::event::{
    KeyCode as TermKey, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};

use super::app::{App, Focus, MARGIN, Mode};
use super::motion;
use crate::keymap::{KeyCode, KeyCombo};

/// The key combination of a key press; `None` for releases and keys gloss does not bind.
pub fn to_combo(key: KeyEvent) -> Option<KeyCombo> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let code = match key.code {
        TermKey::Char(c) => KeyCode::Char(c),
        TermKey::Enter => KeyCode::Enter,
        TermKey::Tab => KeyCode::Tab,
        TermKey::BackTab => KeyCode::BackTab,
        TermKey::Esc => KeyCode::Esc,
        TermKey::Backspace => KeyCode::Backspace,
        TermKey::Delete => KeyCode::Delete,
        TermKey::Insert => KeyCode::Insert,
        TermKey::Up => KeyCode::Up,
        TermKey::Down => KeyCode::Down,
        TermKey::Left => KeyCode::Left,
        TermKey::Right => KeyCode::Right,
        TermKey::Home => KeyCode::Home,
        TermKey::End => KeyCode::End,
        TermKey::PageUp => KeyCode::PageUp,
        TermKey::PageDown => KeyCode::PageDown,
        TermKey::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    // Ctrl with a letter is one key whatever the letter's case, as the keymap reads it.
    let code = match code {
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        code => code,
    };
    Some(KeyCombo {
        code,
        ctrl,
        alt: key.modifiers.contains(KeyModifiers::ALT),
    })
}

/// The key press of a key combination: the inverse of [`to_combo`] (a capital letter comes
/// with Shift, as a terminal sends it). For driving the screens from key names, as the
/// tests and benchmarks do.
pub fn to_key_event(combo: KeyCombo) -> KeyEvent {
    let code = match combo.code {
        KeyCode::Char(c) => TermKey::Char(c),
        KeyCode::Enter => TermKey::Enter,
        KeyCode::Tab => TermKey::Tab,
        KeyCode::BackTab => TermKey::BackTab,
        KeyCode::Esc => TermKey::Esc,
        KeyCode::Backspace => TermKey::Backspace,
        KeyCode::Delete => TermKey::Delete,
        KeyCode::Insert => TermKey::Insert,
        KeyCode::Up => TermKey::Up,
        KeyCode::Down => TermKey::Down,
        KeyCode::Left => TermKey::Left,
        KeyCode::Right => TermKey::Right,
        KeyCode::Home => TermKey::Home,
        KeyCode::End => TermKey::End,
        KeyCode::PageUp => TermKey::PageUp,
        KeyCode::PageDown => TermKey::PageDown,
        KeyCode::F(n) => TermKey::F(n),
    };
    let mut modifiers = KeyModifiers::NONE;
    if combo.ctrl {
        modifiers |= KeyModifiers::CONTROL;
    }
    if combo.alt {
        modifiers |= KeyModifiers::ALT;
    }
    if matches!(combo.code, KeyCode::Char(c) if c.is_uppercase()) {
        modifiers |= KeyModifiers::SHIFT;
    }
    KeyEvent::new(code, modifiers)
}

/// Rows the wheel scrolls.
const WHEEL_ROWS: isize = 3;

/// Handles a mouse event: a click moves to a sentence or panel item, a drag selects words,
/// the wheel scrolls the pane under the pointer.
pub fn handle_mouse(app: &mut App, event: MouseEvent) {
    if !matches!(app.mode, Mode::Normal) || app.geometry.too_small {
        return;
    }
    let (x, y) = (event.column, event.row);
    let in_article = app
        .geometry
        .article
        .contains(ratatui::layout::Position::new(x, y));
    let in_panel = app
        .geometry
        .panel
        .contains(ratatui::layout::Position::new(x, y));
    match event.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let delta = if event.kind == MouseEventKind::ScrollDown {
                WHEEL_ROWS
            } else {
                -WHEEL_ROWS
            };
            if in_panel {
                let max = app.panel_items.len().saturating_sub(1);
                app.panel_offset = app.panel_offset.saturating_add_signed(delta).min(max);
            } else if in_article {
                motion::scroll(app, delta);
            }
        }
        MouseEventKind::Down(MouseButton::Left) => {
            app.message = None;
            if in_article {
                app.focus = Focus::Article;
                if let Some(at) = offset_at(app, x, y) {
                    app.cursor = at;
                    app.selection = None;
                    app.drag_anchor = Some(at);
                }
            } else if in_panel {
                app.focus = Focus::Panel;
                let row = app.panel_offset + usize::from(y - app.geometry.panel.y);
                if app.panel_items.get(row).is_some_and(|i| i.selectable()) {
                    app.panel_selected = row;
                }
            }
        }
        MouseEventKind::Drag(MouseButton::Left) => {
            let (Some(anchor), true) = (app.drag_anchor, in_article) else {
                return;
            };
            if let Some(at) = offset_at(app, x, y) {
                let sentence =
                    app.session.doc.sentences[app.session.doc.sentence_at(anchor)].clone();
                app.cursor = at.clamp(sentence.start, sentence.end.saturating_sub(1));
                app.selection = Some(anchor);
            }
        }
        MouseEventKind::Up(MouseButton::Left) => {
            app.drag_anchor = None;
        }
        _ => {}
    }
}

/// The byte offset of the grapheme drawn at screen cell (x, y) of the article, or of the
/// nearest grapheme on that row.
fn offset_at(app: &App, x: u16, y: u16) -> Option<usize> {
    let g = &app.geometry;
    let (_, range) = g.rows.get(usize::from(y - g.article.y))?;
    let range = range.clone()?;
    let column = usize::from(x.saturating_sub(g.article.x + MARGIN));
    Some(super::layout::offset_at_column(
        &app.session.doc.text,
        range,
        column,
    ))
}
