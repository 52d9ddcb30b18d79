//! The note being typed, kept where every way out of gloss can reach it: the signal watcher
//! that ends gloss when its terminal closes, and the panic hook. Each writes it to a draft
//! file (see [`crate::session::draft`]) that the next open of the article puts back. A normal
//! exit (q, or a stop signal the event loop sees) saves it as the note instead.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::session::draft::{self, NoteDraft};

/// The draft being typed, and the folder its file goes to.
static PENDING: Mutex<Option<(PathBuf, NoteDraft)>> = Mutex::new(None);

/// Records `draft` (the whole note as typed so far) as the one in progress.
pub fn hold(drafts_dir: &Path, draft: NoteDraft) {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    *pending = Some((drafts_dir.to_path_buf(), draft));
}

/// Forgets the draft in progress (the note was saved or discarded).
pub fn clear() {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    *pending = None;
}

/// Writes the draft in progress, if any, to its draft file. Never blocks: when another
/// thread holds the draft (a panic in the middle of [`hold`]), nothing is written.
pub fn save_to_disk() {
    let pending = match PENDING.try_lock() {
        Ok(pending) => pending,
        Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return,
    };
    if let Some((dir, note)) = pending.as_ref() {
        let _ = draft::save(dir, note);
    }
}
