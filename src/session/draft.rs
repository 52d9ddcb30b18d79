//! Note drafts: a note being typed when gloss ends without the editor being closed (the
//! terminal window closed, SIGHUP, SIGTERM, a crash) is written to a draft file in the state
//! folder, and the next open of its article puts it back as the note.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::annotation::store::{absolute_path, resolve_links, write_atomic};

/// A note typed but not yet saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteDraft {
    /// The annotation file of the article.
    pub annotation_file: PathBuf,
    /// The annotation the note belongs to.
    pub id: String,
    /// The note as typed.
    pub text: String,
}

/// The draft file for `annotation_file` in `drafts_dir`: named by a hash of the file's
/// absolute path (links followed), like its lock.
pub fn draft_path(drafts_dir: &Path, annotation_file: &Path) -> PathBuf {
    let absolute = resolve_links(annotation_file)
        .and_then(|p| absolute_path(&p))
        .unwrap_or_else(|_| annotation_file.to_path_buf());
    let hash = blake3::hash(absolute.as_os_str().as_encoded_bytes());
    drafts_dir.join(format!("{}.json", &hash.to_hex()[..32]))
}

/// Writes `draft` durably to its draft file in `drafts_dir`.
pub fn save(drafts_dir: &Path, draft: &NoteDraft) -> std::io::Result<()> {
    let json = serde_json::to_string_pretty(draft).map_err(std::io::Error::other)?;
    write_atomic(
        &draft_path(drafts_dir, &draft.annotation_file),
        json.as_bytes(),
    )
}

/// The draft left for `annotation_file`, if any (an unreadable draft file is ignored).
pub fn find(drafts_dir: &Path, annotation_file: &Path) -> Option<NoteDraft> {
    let path = draft_path(drafts_dir, annotation_file);
    let json = crate::files::read_capped(&path, crate::files::DRAFT_CAP).ok()?;
    serde_json::from_slice(&json).ok()
}

/// Removes the draft file of `annotation_file` (once its note is saved).
pub fn remove(drafts_dir: &Path, annotation_file: &Path) {
    let _ = std::fs::remove_file(draft_path(drafts_dir, annotation_file));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_draft_is_found_for_its_file_only_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = dir.path().join("drafts");
        let file = dir.path().join("a.txt.gloss.json");
        let draft = NoteDraft {
            annotation_file: file.clone(),
            id: "a3".into(),
            text: "half a tho".into(),
        };
        save(&drafts, &draft).unwrap();
        assert_eq!(find(&drafts, &file), Some(draft));
        assert_eq!(find(&drafts, &dir.path().join("b.txt.gloss.json")), None);
        remove(&drafts, &file);
        assert_eq!(find(&drafts, &file), None);
    }
}
