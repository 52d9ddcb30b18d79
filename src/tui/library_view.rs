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

/// The rows of the list: every article, or the places of those the filter keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    /// Every article of the library, this many.
    All(usize),
    /// The places (in the library's list) of the articles the filter keeps, in order: the
    /// first of them, read as the list is moved through, until `complete`.
    Matches {
        /// The places read so far.
        places: Vec<i64>,
        /// True once every match is read.
        complete: bool,
    },
}

impl Default for Rows {
    fn default() -> Self {
        Rows::All(0)
    }
}

impl Rows {
    /// How many rows.
    pub fn len(&self) -> usize {
        match self {
            Rows::All(count) => *count,
            Rows::Matches { places, .. } => places.len(),
        }
    }

    /// True when there is no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when more rows may follow those read (a filter's matches not all read yet).
    pub fn partial(&self) -> bool {
        matches!(
            self,
            Rows::Matches {
                complete: false,
                ..
            }
        )
    }
}

/// Matches of a filter read at a time: enough for a few screens.
const MATCHES_AT_A_TIME: usize = 256;

/// The library list's state. It holds the entries on screen only, read from the library's
/// index a screen at a time (see [`LibraryView::fill`]).
#[derive(Debug, Default)]
pub struct LibraryView {
    /// The filter.
    pub filter: String,
    /// What is being typed.
    pub typing: Option<Typing>,
    /// The rows of the list.
    pub rows: Rows,
    /// The entries of rows `shown_from..`, at least those on screen.
    pub shown: Vec<crate::library::Entry>,
    /// The row of the first entry in `shown`.
    pub shown_from: usize,
    /// False when `shown` must be read again (the rows changed).
    shown_fresh: bool,
    /// The number of articles in the library.
    pub total: usize,
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
    /// article selected when it is still shown (the one last opened from the list, which has
    /// moved to the top, else the one that was selected).
    pub fn refresh(&mut self, library: &Library) {
        let selected = self
            .opened
            .take()
            .or_else(|| self.selected_entry().map(|e| e.id.clone()));
        self.total = library.len();
        self.rows = match library.filter_places_from(&self.filter, None, MATCHES_AT_A_TIME) {
            Some(places) => Rows::Matches {
                complete: places.len() < MATCHES_AT_A_TIME,
                places,
            },
            None => Rows::All(self.total),
        };
        if let Some(id) = selected
            && let Some(row) = self.row_of(library, &id)
        {
            self.cursor.selected = row;
        }
        self.read_matches(library, self.cursor.selected + 1);
        self.cursor.settle(self.rows.len(), self.height);
        self.shown_fresh = false;
        self.fill(library);
    }

    /// The row of article `id`, if the list shows it (a filter's matches are read as far as
    /// its place).
    fn row_of(&mut self, library: &Library, id: &str) -> Option<usize> {
        let place = library.place_of(id)?;
        loop {
            let Rows::Matches { places, complete } = &self.rows else {
                return library.rank_of(place);
            };
            if let Some(at) = places.iter().position(|&p| p == place) {
                return Some(at);
            }
            // Places go down the list: one above the last read is not a match.
            if *complete || places.last().is_some_and(|&last| last < place) {
                return None;
            }
            let more = places.len() + MATCHES_AT_A_TIME;
            self.read_matches(library, more);
        }
    }

    /// Reads a filter's matches until there are `rows` of them (every one for
    /// `usize::MAX`), or no more.
    fn read_matches(&mut self, library: &Library, rows: usize) {
        let Rows::Matches { places, complete } = &mut self.rows else {
            return;
        };
        while !*complete && places.len() < rows {
            let want = match rows {
                usize::MAX => usize::MAX,
                _ => (rows - places.len()).max(MATCHES_AT_A_TIME),
            };
            let more = library
                .filter_places_from(&self.filter, places.last().copied(), want)
                .unwrap_or_default();
            *complete = more.len() < want;
            places.extend(more);
        }
    }

    /// Reads the entries of the rows on screen (and as many again below, so that a taller
    /// window still has them) from the library.
    pub fn fill(&mut self, library: &Library) {
        let rows = self.height.max(1) * 2;
        let from = self.cursor.offset;
        let wanted = rows.min(self.rows.len().saturating_sub(from));
        if self.shown_fresh && self.shown_from == from && self.shown.len() >= wanted {
            return;
        }
        self.shown_fresh = true;
        self.shown_from = from;
        self.shown = match &self.rows {
            Rows::All(_) => library.page(from, rows),
            Rows::Matches { places, .. } => {
                let end = (from + rows).min(places.len());
                library.at_places(places.get(from..end).unwrap_or_default())
            }
        };
    }

    /// The entry on row `row`, when it is on screen.
    pub fn entry_at(&self, row: usize) -> Option<&crate::library::Entry> {
        self.shown.get(row.checked_sub(self.shown_from)?)
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
                    let source = hit.and_then(|h| library.get(&h.article)).map(|e| e.source);
                    return Request::browse(source.as_deref(), "this article");
                }
                // The filter applies to the articles, not to the results.
                Action::Filter => return Request::None,
                _ => {}
            }
        }
        // A filter's matches are read as far as the move can go: to the end for the last
        // row, else a page or two beyond the selection.
        let ahead = match action {
            Action::LastItem => usize::MAX,
            _ => self.cursor.selected + 2 * height + 1,
        };
        self.read_matches(library, ahead);
        if self.cursor.apply(action, self.rows.len(), height) {
            self.cursor.settle(self.rows.len(), height);
            self.fill(library);
            return Request::None;
        }
        match action {
            Action::OpenItem => match self.selected_entry().map(|e| e.id.clone()) {
                Some(id) => {
                    self.opened = Some(id.clone());
                    Request::OpenEntry { id, at: None }
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
            Action::OpenLink => match self.selected_entry() {
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

    /// The list around the selected row, article `id`, as it is now: up to
    /// [`RADIUS`](super::shell::trail::RADIUS) articles before and after it, for `]` and `[`.
    pub fn trail(&self, library: &Library, id: &str) -> Option<super::shell::trail::Trail> {
        use super::shell::trail::{RADIUS, Stop, Trail};
        if self.results.is_some() {
            return None;
        }
        let from = self.cursor.selected.saturating_sub(RADIUS);
        let end = (self.cursor.selected + RADIUS + 1).min(self.rows.len());
        let entries = match &self.rows {
            Rows::All(_) => library.page(from, end.saturating_sub(from)),
            Rows::Matches { places, .. } => {
                library.at_places(places.get(from..end.min(places.len())).unwrap_or_default())
            }
        };
        let at = entries.iter().position(|e| e.id == id)?;
        let stops = entries.into_iter().map(|e| Stop::Entry(e.id)).collect();
        Trail::new(stops, at)
    }

    /// The entry on the selected row.
    pub fn selected_entry(&self) -> Option<&crate::library::Entry> {
        self.entry_at(self.cursor.selected)
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
