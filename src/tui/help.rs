//! Scrolling a help screen with the keys of the keymap's help layer; any other key closes
//! it.

use crossterm::event::KeyEvent;

use super::input::to_combo;
use crate::keymap::{Action, Keymap, Layer};

/// Rows a page of help scrolls.
const PAGE: usize = 10;

/// Scrolls a help screen by `key`; false for a key that closes it.
pub fn help_key(scroll: &mut usize, key: KeyEvent, keymap: &Keymap) -> bool {
    match to_combo(key).and_then(|c| keymap.lookup(Layer::Help, c)) {
        Some(Action::NextItem) => *scroll += 1,
        Some(Action::PrevItem) => *scroll = scroll.saturating_sub(1),
        Some(Action::PageDown) => *scroll += PAGE,
        Some(Action::PageUp) => *scroll = scroll.saturating_sub(PAGE),
        _ => return false,
    }
    true
}
