//! The feed list: the items of one feed, or of every subscribed feed newest first, with
//! marks for what was read and what was annotated; Enter opens an item as an article.

use crossterm::event::KeyEvent;

use super::input::to_combo;
use super::line_input::filter_key;
use super::list::ListCursor;
use super::request::Request;
use crate::feed::{Feed, FeedItem, Subscription};
use crate::keymap::{Action, Keymap, Layer};
use crate::open::FeedOrigin;

/// One feed in the list and what is known of it.
#[derive(Debug, Clone)]
pub struct FeedState {
    /// The name shown for it.
    pub name: String,
    /// Where it is read from.
    pub origin: FeedOrigin,
    /// The items, once read.
    pub feed: Option<Feed>,
    /// Why the last read failed.
    pub error: Option<String>,
    /// The library source of each item (see [`item_source`]), worked out once when the feed
    /// is read rather than for every row of every frame.
    sources: Vec<String>,
}

impl FeedState {
    fn new(name: String, origin: FeedOrigin, feed: Option<Feed>) -> Self {
        let mut state = Self {
            name,
            origin,
            feed: None,
            error: None,
            sources: Vec::new(),
        };
        state.set(feed);
        state
    }

    /// Takes `feed` as the items read.
    fn set(&mut self, feed: Option<Feed>) {
        self.sources = feed
            .iter()
            .flat_map(|f| &f.items)
            .map(|item| item_source(&self.origin, item))
            .collect();
        self.feed = feed;
    }

    /// The source item `item`'s article is kept under in the library.
    pub fn source(&self, item: usize) -> &str {
        &self.sources[item]
    }
}

/// The feed list's state.
#[derive(Debug)]
pub struct FeedView {
    /// The heading: the feed's title, or "Feeds".
    pub title: String,
    /// The feeds listed.
    pub feeds: Vec<FeedState>,
    /// The rows shown: (feed, item) positions.
    pub rows: Vec<(usize, usize)>,
    /// The filter on titles.
    pub filter: String,
    /// True while the filter is being typed.
    pub typing: bool,
    /// The selected row.
    pub cursor: ListCursor,
    /// The help screen, scrolled by this many rows.
    pub help: Option<usize>,
    /// Rows on screen in the last frame.
    pub height: usize,
}

impl FeedView {
    /// The list of one feed, newest first.
    pub fn single(feed: Feed, origin: FeedOrigin) -> Self {
        let name = match feed.title.is_empty() {
            true => origin.describe(),
            false => feed.title.clone(),
        };
        Self::with_feeds(name.clone(), vec![FeedState::new(name, origin, Some(feed))])
    }

    /// The list of the subscribed feeds (each address once), each with its cached copy when
    /// `cached` has one.
    pub fn subscriptions(
        subscriptions: &[Subscription],
        cached: impl Fn(&str) -> Option<Feed>,
    ) -> Self {
        let mut seen = std::collections::HashSet::new();
        let feeds = subscriptions
            .iter()
            .filter(|s| seen.insert(s.url.as_str()))
            .map(|s| {
                FeedState::new(
                    crate::feed::html::clean_line(&s.name),
                    FeedOrigin::Url(s.url.clone()),
                    cached(&s.url),
                )
            })
            .collect();
        Self::with_feeds("Feeds".to_string(), feeds)
    }

    fn with_feeds(title: String, feeds: Vec<FeedState>) -> Self {
        let mut view = Self {
            title,
            feeds,
            rows: Vec::new(),
            filter: String::new(),
            typing: false,
            cursor: ListCursor::default(),
            help: None,
            height: 0,
        };
        view.rebuild();
        view
    }

    /// The feeds not read yet (no copy at all).
    pub fn unread_feeds(&self) -> Vec<usize> {
        (0..self.feeds.len())
            .filter(|&f| self.feeds[f].feed.is_none())
            .collect()
    }

    /// Replaces feed `index` with a fresh read, or records why it failed (its old items stay).
    pub fn set_feed(&mut self, index: usize, read: Result<Feed, String>) {
        let Some(state) = self.feeds.get_mut(index) else {
            return;
        };
        match read {
            Ok(feed) => {
                if self.feeds.len() == 1 && !feed.title.is_empty() {
                    self.title = feed.title.clone();
                }
                let state = &mut self.feeds[index];
                state.set(Some(feed));
                state.error = None;
            }
            Err(reason) => state.error = Some(reason),
        }
        self.rebuild();
    }

    /// Total number of items in every feed.
    pub fn item_count(&self) -> usize {
        self.feeds
            .iter()
            .filter_map(|f| f.feed.as_ref())
            .map(|f| f.items.len())
            .sum()
    }

    /// The item on row `row`.
    pub fn item(&self, row: usize) -> Option<(&FeedState, &FeedItem)> {
        let &(f, i) = self.rows.get(row)?;
        let state = self.feeds.get(f)?;
        Some((state, state.feed.as_ref()?.items.get(i)?))
    }

    /// The feed and item on the selected row.
    pub fn selected(&self) -> Option<(usize, usize)> {
        self.rows.get(self.cursor.selected).copied()
    }

    /// Recomputes the rows: the items whose title holds every word of the filter; with
    /// several feeds, newest first (undated items last), else in the feed's order.
    fn rebuild(&mut self) {
        // The selected item, by its feed and id: a refresh can move it to another position.
        let selected = self
            .selected()
            .and_then(|(f, i)| Some((f, self.feeds[f].feed.as_ref()?.items.get(i)?.id.clone())));
        let words = crate::library::filter_words(&self.filter);
        let mut rows = Vec::with_capacity(self.item_count());
        for (f, state) in self.feeds.iter().enumerate() {
            let Some(feed) = &state.feed else { continue };
            for (i, item) in feed.items.iter().enumerate() {
                if crate::library::words_match(&item.title.to_lowercase(), &words) {
                    rows.push((f, i));
                }
            }
        }
        let date = |&(f, i): &(usize, usize)| {
            self.feeds[f]
                .feed
                .as_ref()
                .and_then(|feed| feed.items[i].date)
        };
        // Newest first; undated items keep the feed's order, after the dated ones.
        rows.sort_by_key(|r| std::cmp::Reverse(date(r)));
        self.rows = rows;
        // The selected item stays selected as feeds load, unless it was the first row: then
        // the first row stays selected (the newest item).
        if self.cursor.selected > 0
            && let Some(row) = selected.and_then(|(feed, id)| {
                self.rows.iter().position(|&(f, i)| {
                    f == feed
                        && self.feeds[f]
                            .feed
                            .as_ref()
                            .is_some_and(|x| x.items[i].id == id)
                })
            })
        {
            self.cursor.selected = row;
        }
        self.cursor.settle(self.rows.len(), self.height);
    }

    /// The list's rows as they are now, at item `item` of feed `feed`, for `]` and `[`.
    pub fn trail(&self, feed: usize, item: usize) -> Option<super::shell::trail::Trail> {
        use super::shell::trail::{Stop, Trail};
        let at = self.rows.iter().position(|&row| row == (feed, item))?;
        let stops = self
            .rows
            .iter()
            .map(|&(feed, item)| Stop::Item { feed, item })
            .collect();
        Trail::new(stops, at)
    }

    /// Handles a key.
    pub fn handle_key(&mut self, key: KeyEvent, keymap: &Keymap) -> Request {
        if let Some(scroll) = &mut self.help {
            if !super::help::help_key(scroll, key, keymap) {
                self.help = None;
            }
            return Request::None;
        }
        if self.typing {
            self.typing = filter_key(&mut self.filter, key, keymap);
            self.cursor = ListCursor::default();
            self.rebuild();
            return Request::None;
        }
        match to_combo(key).and_then(|c| keymap.lookup(Layer::List, c)) {
            Some(action) => self.update(action),
            None => Request::None,
        }
    }

    /// Carries out a list action.
    pub fn update(&mut self, action: Action) -> Request {
        let height = self.height.max(1);
        if self.cursor.apply(action, self.rows.len(), height) {
            self.cursor.settle(self.rows.len(), height);
            return Request::None;
        }
        match action {
            Action::OpenItem => match self.selected() {
                Some((feed, item)) => Request::OpenItem { feed, item },
                None => Request::None,
            },
            Action::Refresh => {
                let feed = match self.selected() {
                    Some((feed, _)) => feed,
                    None if self.feeds.len() == 1 => 0,
                    None => return Request::Message("no feed under the cursor".into()),
                };
                Request::Refresh(vec![feed])
            }
            Action::RefreshAll if self.feeds.is_empty() => Request::Message(
                "no feeds: add [[feeds]] to the config, or `gloss feeds import FILE.opml`".into(),
            ),
            Action::RefreshAll => Request::Refresh((0..self.feeds.len()).collect()),
            Action::Filter => {
                self.typing = true;
                Request::None
            }
            Action::Cancel if !self.filter.is_empty() => {
                self.filter.clear();
                self.rebuild();
                Request::None
            }
            Action::Cancel => Request::CancelJob,
            Action::OpenLink => {
                let link = self
                    .item(self.cursor.selected)
                    .and_then(|(_, i)| i.link.as_deref());
                Request::browse(link, "this item")
            }
            Action::Help => {
                self.help = Some(0);
                Request::None
            }
            Action::Quit => Request::Back,
            Action::QuitAll => Request::QuitAll,
            _ => Request::None,
        }
    }
}

/// The source an item's article is kept under in the library: its link, else the feed's
/// address with a digest of the item's id, date and text (items without a link or a title
/// can share an id).
fn item_source(origin: &FeedOrigin, item: &FeedItem) -> String {
    if let Some(link) = &item.link {
        return link.clone();
    }
    let mut hasher = blake3::Hasher::new();
    hasher.update(item.id.as_bytes());
    hasher.update(
        item.date
            .map(|d| d.to_string())
            .unwrap_or_default()
            .as_bytes(),
    );
    let text = item
        .content
        .as_deref()
        .or(item.summary.as_deref())
        .unwrap_or_default();
    hasher.update(text.as_bytes());
    format!(
        "{}#{}",
        origin.describe(),
        &hasher.finalize().to_hex()[..16]
    )
}
