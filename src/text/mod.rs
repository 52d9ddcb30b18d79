//! Text primitives shared by the whole crate: offset conversion, cleaning of untrusted text,
//! grapheme-aware display width, and counts in messages.

pub mod clean;
pub mod graphemes;
pub mod json;
pub mod names;
pub mod offsets;
pub mod plural;
pub mod width;
