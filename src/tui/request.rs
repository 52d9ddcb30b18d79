//! The one message every screen returns to the shell: what a key asked for beyond changing
//! the screen's own state. Screens never write files, open other screens or start work;
//! the shell alone carries requests out (gitui's `queue.rs`, csvlens's `Control`).

use crate::export::Format;

/// What a screen asks the shell to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Nothing (a key that only changed the screen's own state).
    None,
    /// Write the reader's annotation file now.
    Save,
    /// Build the reader's panel again (see [`super::app::App::panel_changed`]).
    BuildPanel,
    /// Export the reader's annotations (beside their file, or to the current folder).
    Export(Format),
    /// Show a message in the status bar.
    Message(String),
    /// Open a web address in the browser.
    OpenBrowser(String),
    /// Open a library article, at this code point offset when given.
    OpenEntry {
        /// The article's library id.
        id: String,
        /// Where to put the cursor, in code points.
        at: Option<usize>,
    },
    /// Open a feed item as an article.
    OpenItem {
        /// The feed's position in the list.
        feed: usize,
        /// The item's position in the feed.
        item: usize,
    },
    /// Open the next (1) or the previous (-1) article of the list the reader's article was
    /// opened from, saving first.
    Neighbour(isize),
    /// Show the subscribed feeds.
    ShowFeeds,
    /// Read these feeds (positions in the list) again.
    Refresh(Vec<usize>),
    /// Search every article of the library for annotations (the query as typed).
    SearchLibrary(String),
    /// Leave the screen on top (an article is kept in the library as it closes).
    Back,
    /// Leave gloss.
    QuitAll,
    /// Stop the running work.
    CancelJob,
}

impl Request {
    /// Opens `address` in the browser when it is a web address, else says that `what` has
    /// none.
    pub fn browse(address: Option<&str>, what: &str) -> Request {
        match address {
            Some(url) if crate::web::address::is_web_address(url) => {
                Request::OpenBrowser(url.to_string())
            }
            _ => Request::Message(format!("{what} has no web address")),
        }
    }
}
