//! One line of typed text (a filter, a search), edited key by key with the keys of the
//! keymap's prompt layer; other characters are typed.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::input::to_combo;
use crate::keymap::{Action, Keymap, Layer};

/// What a key did to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEdit {
    /// The text changed.
    Changed,
    /// Confirmed (Enter): the text is done.
    Done,
    /// Cancelled (Esc), or deleting on an empty line: typing is abandoned.
    Cancelled,
    /// The key does nothing here.
    Ignored,
}

/// Applies `key` to `text`.
pub fn edit(text: &mut String, key: KeyEvent, keymap: &Keymap) -> LineEdit {
    match to_combo(key).and_then(|c| keymap.lookup(Layer::Prompt, c)) {
        Some(Action::Cancel) => return LineEdit::Cancelled,
        Some(Action::Confirm) => return LineEdit::Done,
        Some(Action::DeleteChar) => {
            return match text.pop() {
                Some(_) => LineEdit::Changed,
                None => LineEdit::Cancelled,
            };
        }
        Some(Action::ClearLine) => {
            text.clear();
            return LineEdit::Changed;
        }
        _ => {}
    }
    let typed = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if typed && !c.is_control() => {
            text.push(c);
            LineEdit::Changed
        }
        _ => LineEdit::Ignored,
    }
}

/// Applies `key` to a filter applied as it is typed: confirming keeps it, cancelling (or
/// deleting on an empty one) clears it. Returns whether typing goes on.
pub fn filter_key(filter: &mut String, key: KeyEvent, keymap: &Keymap) -> bool {
    match edit(filter, key, keymap) {
        LineEdit::Cancelled => {
            filter.clear();
            false
        }
        LineEdit::Done => false,
        LineEdit::Changed | LineEdit::Ignored => true,
    }
}
