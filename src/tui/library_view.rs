//! The library view: every article kept, most recently opened first, filtered as the user
//! types, and a search across every article's annotations with a jump to each hit.

use crossterm::event::KeyEvent;

use super::input::to_combo;
use super::line_input::{LineEdit, edit, filter_key};
use super::list::ListCursor;
use super::request::Request;
use crate::keymap::{Action, Keymap, Layer};
use crate::library::{Hit, Library};

/// What the user is typing, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typing {
    /// The filter (applied as it is typed).
    Filter,
    /// A search across annotations (run on Enter).
    Search(String),
}

/// The results of a search across annotations.
#[derive(Debug, Clone)]
pub struct Results {
    /// The query as typed.
    pub query: String,
    /// What was found, article by article.
    pub hits: Vec<Hit>,
    /// The selected hit.
    pub cursor: ListCursor,
}

/// The library list's state.
#[derive(Debug, Default)]
pub struct LibraryView {
    /// The filter.
    pub filter: String,
    /// What is being typed.
    pub typing: Option<Typing>,
    /// Positions in the library's entries of the rows shown.
    pub rows: Vec<usize>,
    /// The selected row.
    pub cursor: ListCursor,
    /// Search results shown instead of the articles.
    pub results: Option<Results>,
    /// The help screen, scrolled by this many rows.
    pub help: Option<usize>,
    /// Rows on screen in the last frame.
    pub height: usize,
    /// The article last opened from the list: selected again when the list comes back (it
    /// has moved to the top).
    pub opened: Option<String>,
}

impl LibraryView {
    /// The view of `library`, unfiltered.
    pub fn new(library: &Library) -> Self {
        let mut view = Self::default();
        view.refresh(library);
        view
    }

    /// Recomputes the rows after the library or the filter changed, keeping the selected
    /// article selected when it is still shown.
    /// The rows hold positions in the library as it was: the selected article is found by
    /// the id remembered when it was opened, or else by its old position.
    pub fn refresh(&mut self, library: &Library) {
        let selected = self.opened.take().or_else(|| {
            self.rows
                .get(self.cursor.selected)
                .and_then(|&at| library.entries().get(at))
                .map(|e| e.id.clone())
        });
        self.rows = library.filter_positions(&self.filter);
        if let Some(id) = selected
            && let Some(row) = self
                .rows
                .iter()
                .position(|&at| library.entries()[at].id == id)
        {
            self.cursor.selected = row;
        }
        self.cursor.settle(self.rows.len(), self.height);
    }

    /// Handles a key.
    pub fn handle_key(&mut self, key: KeyEvent, keymap: &Keymap, library: &Library) -> Request {
        if let Some(scroll) = &mut self.help {
            if !super::help::help_key(scroll, key, keymap) {
                self.help = None;
            }
            return Request::None;
        }
        match &mut self.typing {
            Some(Typing::Filter) => {
                if !filter_key(&mut self.filter, key, keymap) {
                    self.typing = None;
                }
                self.cursor = ListCursor::default();
                self.refresh(library);
                return Request::None;
            }
            Some(Typing::Search(query)) => {
                match edit(query, key, keymap) {
                    LineEdit::Cancelled => self.typing = None,
                    LineEdit::Done => {
                        let query = std::mem::take(query);
                        self.typing = None;
                        return Request::SearchLibrary(query);
                    }
                    LineEdit::Changed | LineEdit::Ignored => {}
                }
                return Request::None;
            }
            None => {}
        }
        match to_combo(key).and_then(|c| keymap.lookup(Layer::List, c)) {
            Some(action) => self.update(action, library),
            None => Request::None,
        }
    }

    /// Carries out a list action.
    pub fn update(&mut self, action: Action, library: &Library) -> Request {
        let height = self.height.max(1);
        if let Some(results) = &mut self.results {
            if results.cursor.apply(action, results.hits.len(), height) {
                results.cursor.settle(results.hits.len(), height);
                return Request::None;
            }
            match action {
                Action::OpenItem => {
                    return match results.hits.get(results.cursor.selected) {
                        Some(hit) => Request::OpenEntry {
                            id: hit.article.clone(),
                            at: Some(hit.start),
                        },
                        None => Request::None,
                    };
                }
                Action::Cancel | Action::Quit => {
                    self.results = None;
                    return Request::None;
                }
                Action::OpenLink => {
                    let hit = results.hits.get(results.cursor.selected);
                    let source = hit.and_then(|h| library.get(&h.article)).map(|e| &e.source);
                    return Request::browse(source.map(String::as_str), "this article");
                }
                // The filter applies to the articles, not to the results.
                Action::Filter => return Request::None,
                _ => {}
            }
        }
        if self.cursor.apply(action, self.rows.len(), height) {
            self.cursor.settle(self.rows.len(), height);
            return Request::None;
        }
        match action {
            Action::OpenItem => match self.selected_entry(library) {
                Some(entry) => {
                    self.opened = Some(entry.id.clone());
                    Request::OpenEntry {
                        id: entry.id.clone(),
                        at: None,
                    }
                }
                None => Request::None,
            },
            Action::Filter => {
                self.typing = Some(Typing::Filter);
                Request::None
            }
            Action::SearchAnnotations => {
                self.typing = Some(Typing::Search(String::new()));
                Request::None
            }
            Action::Cancel if !self.filter.is_empty() => {
                self.filter.clear();
                self.refresh(library);
                Request::None
            }
            Action::Cancel => Request::CancelJob,
            Action::OpenLink => match self.selected_entry(library) {
                Some(entry) => Request::browse(Some(&entry.source), "this article"),
                None => Request::None,
            },
            Action::Feeds => Request::ShowFeeds,
            Action::Help => {
                self.help = Some(0);
                Request::None
            }
            Action::Quit => Request::Back,
            Action::QuitAll => Request::QuitAll,
            _ => Request::None,
        }
    }

    /// The entry on the selected row.
    pub fn selected_entry<'a>(&self, library: &'a Library) -> Option<&'a crate::library::Entry> {
        let at = *self.rows.get(self.cursor.selected)?;
        library.entries().get(at)
    }

    /// Shows what a search of the library found (see [`Request::SearchLibrary`]).
    pub fn show_results(&mut self, query: String, hits: Vec<Hit>) {
        self.results = Some(Results {
            query,
            hits,
            cursor: ListCursor::default(),
        });
    }
}
