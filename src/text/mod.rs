//! Text primitives shared by the whole crate: offset conversion, cleaning of untrusted text,
//! and grapheme-aware display width.

pub mod clean;
pub mod graphemes;
pub mod offsets;
pub mod width;
