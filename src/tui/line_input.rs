//! One line of typed text (a filter, a search), edited key by key.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEdit {
    /// The text changed.
    Changed,
    /// Enter: the text is done.
    Done,
    /// Esc, or Backspace on an empty line: typing is abandoned.
    Cancelled,
    /// The key does nothing here.
    Ignored,
}

/// Applies `key` to `text`.
pub fn edit(text: &mut String, key: KeyEvent) -> LineEdit {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => LineEdit::Cancelled,
        KeyCode::Char('c') if ctrl => LineEdit::Cancelled,
        KeyCode::Enter => LineEdit::Done,
        KeyCode::Backspace if text.pop().is_none() => LineEdit::Cancelled,
        KeyCode::Backspace => LineEdit::Changed,
        KeyCode::Char('u') if ctrl => {
            text.clear();
            LineEdit::Changed
        }
        KeyCode::Char(c) if !ctrl && !c.is_control() => {
            text.push(c);
            LineEdit::Changed
        }
        _ => LineEdit::Ignored,
    }
}

/// Applies `key` to a filter applied as it is typed: Enter keeps it, Esc (or Backspace on an
/// empty one) clears it. Returns whether typing goes on.
pub fn filter_key(filter: &mut String, key: KeyEvent) -> bool {
    match edit(filter, key) {
        LineEdit::Cancelled => {
            filter.clear();
            false
        }
        LineEdit::Done => false,
        LineEdit::Changed | LineEdit::Ignored => true,
    }
}
