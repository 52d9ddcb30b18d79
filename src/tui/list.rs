//! A cursor over a list shown a screenful at a time: the selected row and the first row on
//! screen. Used by the library and the feed lists.

use crate::keymap::Action;

/// Rows a list screen uses besides its list: the heading and two status rows.
pub const CHROME: u16 = 3;

/// The selected row and the scroll position of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    /// The selected row.
    pub selected: usize,
    /// The first row on screen.
    pub offset: usize,
}

impl ListCursor {
    /// Moves for a list action over `len` rows shown `height` at a time; returns false for an
    /// action that is not a movement.
    pub fn apply(&mut self, action: Action, len: usize, height: usize) -> bool {
        let page = height.saturating_sub(1).max(1);
        let last = len.saturating_sub(1);
        self.selected = match action {
            Action::NextItem => (self.selected + 1).min(last),
            Action::PrevItem => self.selected.saturating_sub(1),
            Action::FirstItem => 0,
            Action::LastItem => last,
            Action::PageDown => (self.selected + page).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::HalfPageDown => (self.selected + (height / 2).max(1)).min(last),
            Action::HalfPageUp => self.selected.saturating_sub((height / 2).max(1)),
            _ => return false,
        };
        true
    }

    /// Keeps the selection within `len` rows and on screen for `height` rows.
    pub fn settle(&mut self, len: usize, height: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if height > 0 && self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height.max(1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_in_the_list_and_on_screen() {
        let mut cursor = ListCursor::default();
        assert!(cursor.apply(Action::LastItem, 100, 10));
        cursor.settle(100, 10);
        assert_eq!((cursor.selected, cursor.offset), (99, 90));
        cursor.apply(Action::PageUp, 100, 10);
        cursor.settle(100, 10);
        assert_eq!((cursor.selected, cursor.offset), (90, 90));
        cursor.apply(Action::PrevItem, 100, 10);
        cursor.settle(100, 10);
        assert_eq!((cursor.selected, cursor.offset), (89, 89));
        cursor.settle(5, 10);
        assert_eq!((cursor.selected, cursor.offset), (4, 0));
        assert!(!cursor.apply(Action::Undo, 5, 10));
        cursor.settle(0, 10);
        assert_eq!((cursor.selected, cursor.offset), (0, 0));
    }
}
