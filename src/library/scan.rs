//! The article files in the library folder, and the entry of each as its files tell it.

use std::path::Path;

use super::entry::Entry;
use crate::annotation::file::AnnotationFile;

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

/// When article `id` was last opened, by its entry file, else by its annotation file's
/// modification time (the same as [`recover`] gives it).
pub fn last_opened(dir: &Path, id: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Opened {
        id: String,
        last_opened: String,
    }
    let entry_path = dir.join(format!("{id}{ENTRY_SUFFIX}"));
    crate::files::read(&entry_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Opened>(&bytes).ok())
        .filter(|e| e.id == id)
        .map(|e| e.last_opened)
        .unwrap_or_else(|| modified(&dir.join(format!("{id}{ARTICLE_SUFFIX}"))))
}

/// The modification time of `path` in the library's form, now when it cannot be read.
fn modified(path: &Path) -> String {
    let time = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    super::stamp(time)
}

/// The entry of article `id` from its entry file, with its title and counts from its
/// annotation `file` when that could be read; else from the annotation file alone (dated by
/// its modification time); else a placeholder naming the file so it is not lost.
pub fn recover(dir: &Path, id: &str, file: Option<&AnnotationFile>) -> Entry {
    let entry_path = dir.join(format!("{id}{ENTRY_SUFFIX}"));
    let kept = crate::files::read(&entry_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Entry>(&bytes).ok())
        .filter(|e| e.id == id);
    let article_path = dir.join(format!("{id}{ARTICLE_SUFFIX}"));
    let modified = || modified(&article_path);
    match (kept, file) {
        (Some(kept), Some(file)) => {
            let mut entry = Entry::from_file(id, file, &kept.last_opened);
            entry.inherit(&kept);
            entry.file = kept.file;
            entry
        }
        (Some(kept), None) => kept,
        (None, Some(file)) => Entry::from_file(id, file, &modified()),
        (None, None) => {
            let modified = modified();
            Entry {
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
                annotations: None,
            }
        }
    }
}
