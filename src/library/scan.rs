//! Reconciles the index with the article files on disk: an article whose file is there is
//! listed even when the index lost it (a crash between the two writes, a damaged index), and
//! an entry whose article file is gone is dropped.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::entry::Entry;
use crate::annotation::file;

/// Suffix of an article file.
pub const ARTICLE_SUFFIX: &str = ".gloss.json";
/// Suffix of an article's entry file.
pub const ENTRY_SUFFIX: &str = ".entry.json";

/// The ids of the article files in `dir`, in no particular order.
pub fn article_ids(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        let Some(name) = name.to_str() else { continue };
        if let Some(id) = name.strip_suffix(ARTICLE_SUFFIX)
            && !id.is_empty()
            && !id.starts_with('.')
        {
            ids.push(id.to_string());
        }
    }
    Ok(ids)
}

/// The entries for the article files `ids`: those of `indexed` (when the index could be read)
/// that still have a file, plus a recovered entry for each file the index lacks. Returns the
/// entries and whether they differ from `indexed`.
pub fn reconcile(dir: &Path, ids: &[String], indexed: Option<Vec<Entry>>) -> (Vec<Entry>, bool) {
    let on_disk: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let had_index = indexed.is_some();
    let mut known: HashMap<String, Entry> = HashMap::with_capacity(ids.len());
    let mut dropped = false;
    for entry in indexed.unwrap_or_default() {
        if on_disk.contains(entry.id.as_str()) {
            known.insert(entry.id.clone(), entry);
        } else {
            dropped = true;
        }
    }
    let mut recovered = false;
    for id in ids {
        if !known.contains_key(id) {
            known.insert(id.clone(), recover(dir, id));
            recovered = true;
        }
    }
    (
        known.into_values().collect(),
        !had_index || dropped || recovered,
    )
}

/// The entry of article `id` from its entry file, else from the article file itself (dated by
/// the file's modification time), else a placeholder naming the file so it is not lost.
pub fn recover(dir: &Path, id: &str) -> Entry {
    let entry_path = dir.join(format!("{id}{ENTRY_SUFFIX}"));
    if let Some(entry) = crate::files::read(&entry_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Entry>(&bytes).ok())
        .filter(|e| e.id == id)
    {
        return entry;
    }
    let article_path = dir.join(format!("{id}{ARTICLE_SUFFIX}"));
    let modified = std::fs::metadata(&article_path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    let modified = super::stamp(modified);
    let parsed = crate::files::read_annotation_file(&article_path)
        .ok()
        .and_then(|json| file::parse(&article_path, &json).ok());
    match parsed {
        Some(file) => Entry::from_file(id, &file, &modified),
        None => Entry {
            id: id.to_string(),
            title: format!("{id}{ARTICLE_SUFFIX} (cannot be read)"),
            source: String::new(),
            feed: None,
            date: None,
            actors: 0,
            claims: 0,
            names: Vec::new(),
            added: modified.clone(),
            last_opened: modified,
            file: None,
            position: None,
        },
    }
}
