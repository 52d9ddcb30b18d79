//! The terminal reader, in the Elm architecture: input becomes actions ([`input`],
//! [`crate::keymap`]), [`update`] (and the list screens) change their own state and return
//! [`request::Request`]s, which the [`shell`] alone carries out, and [`view`] only draws.
//! [`run`] is the one loop that ties them to a real terminal, waiting on input and
//! background work together; [`screen`] draws one frame to text without a terminal.

pub mod app;
pub mod browser;
pub mod cursor;
#[cfg(unix)]
pub mod fatal;
pub mod feed_view;
pub mod hangup;
pub mod help;
pub mod input;
pub mod layout;
pub mod library_view;
pub mod line_input;
pub mod list;
mod modes;
pub mod motion;
pub mod outcome;
pub mod panel;
pub mod pending_note;
pub mod request;
pub mod screen;
pub mod search;
pub mod shell;
mod speakers;
pub mod style;
pub mod target;
pub mod terminal;
pub mod update;
pub mod view;

pub use app::App;
pub use shell::Shell;
pub use terminal::run;
