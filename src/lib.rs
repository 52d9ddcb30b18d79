//! gloss: a terminal news reader for close reading.
//!
//! The crate is split into a pure core that knows nothing of terminals or the network
//! (`text`, `document`, `detect`, `annotation`, `session`, `keymap`, `config`, `export`,
//! `import`), the world outside (`web`, `feed`, `library`, `open`) and a terminal layer
//! (`tui`) built on top of them in the Elm architecture: key events become
//! [`keymap::Action`]s, [`tui::update`] changes state and returns
//! [`tui::request::Request`]s that the [`tui::shell`] alone carries out, and the view only
//! draws. ARCHITECTURE.md has the map.

pub mod annotation;
pub mod cli;
pub mod commands {
    //! Subcommands besides reading: detection, export and import of annotations, feeds.
    pub mod detect;
    pub mod export;
    pub mod feeds;
    pub mod import;
    pub mod man;
    pub mod output;
    pub mod search;
}
pub mod config;
pub mod detect;
pub mod document;
pub mod error;
pub mod export;
pub mod feed;
pub mod files;
pub mod import;
pub mod keymap;
pub mod library;
pub mod open;
pub mod session;
pub mod text;
pub mod tui;
pub mod web;
mod word_sets;
