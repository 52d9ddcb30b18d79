//! gloss: a terminal news reader for close reading.
//!
//! The crate is split into a pure core that knows nothing of terminals (`text`, `document`,
//! `detect`, `annotation`, `config`) and a terminal layer (`tui`) built on top of it in the
//! Elm architecture: key events become [`tui::action::Action`]s, `update` changes state and
//! returns effects, and the view only draws.

pub mod annotation;
pub mod cli;
pub mod commands {
    //! Subcommands besides reading: detection, export and import of annotations, feeds.
    pub mod detect;
    pub mod export;
    pub mod feeds;
    pub mod import;
    pub mod output;
}
pub mod config;
pub mod detect;
pub mod document;
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
