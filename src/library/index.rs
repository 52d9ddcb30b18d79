//! The library index: every entry in one compact JSON file, read whole when the library
//! opens and replaced atomically when it changes. It is only a cache of the per-article
//! entry files, so a missing or damaged index is rebuilt, never trusted.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::entry::Entry;
use crate::annotation::store::write_atomic;

/// The format tag of the index file.
pub const INDEX_FORMAT: &str = "gloss-library/1";

#[derive(Serialize)]
struct IndexOut<'a> {
    format: &'a str,
    entries: &'a [Entry],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndexIn {
    format: String,
    entries: Vec<Entry>,
}

/// The entries of the index at `path`, or `None` when it is missing, unreadable, damaged or of
/// another format.
pub fn read(path: &Path) -> Option<Vec<Entry>> {
    let bytes = crate::files::read(path).ok()?;
    let index: IndexIn = serde_json::from_slice(&bytes).ok()?;
    (index.format == INDEX_FORMAT).then_some(index.entries)
}

/// Replaces the index at `path` with `entries`, atomically.
pub fn write(path: &Path, entries: &[Entry]) -> std::io::Result<()> {
    let json = serde_json::to_vec(&IndexOut {
        format: INDEX_FORMAT,
        entries,
    })
    .map_err(std::io::Error::other)?;
    write_atomic(path, &json)
}
