//! When the library keeps an article a reader has open, and where the library's own copy of
//! its annotations is restored from.

use std::path::{Path, PathBuf};

use super::{ArticleMeta, Library, LibraryError};
use crate::config::paths::Dirs;
use crate::document::Document;
use crate::session::{SaveError, Session};

/// Why an article could not be kept in the library.
#[derive(Debug, thiserror::Error)]
pub enum KeepError {
    /// Its annotation file had to be written first and could not be.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The library could not record it.
    #[error("not kept in the library")]
    Record(#[source] LibraryError),
}

/// Records the article of `session` in `library` with `meta` (its feed, date and reading
/// position), saving its annotation file first when there is none yet, so that the library
/// never lists an article without its file. Returns what the library wants the user to know
/// (a copy kept aside), if anything.
pub fn keep(
    library: &mut Library,
    session: &mut Session,
    meta: ArticleMeta,
) -> Result<Option<String>, KeepError> {
    // An article kept in the library folder itself needs its file there to be listed; one
    // opened from a file gets its annotation file beside it only once something is tagged.
    // (Annotations restored from the library's copy are written back beside the article.)
    let has_tags = !session.annotations.is_empty() || !session.unplaced.is_empty();
    if (library.holds(&session.storage.path).is_some() || has_tags)
        && !session.is_read_only()
        && !session.storage.path.exists()
    {
        session.save()?;
    }
    library
        .record(&session.storage.path, &session.to_file(), meta)
        .map_err(KeepError::Record)?;
    Ok(library.take_notice())
}

/// The library's copy of the annotations of `doc` (whose annotation file is `annotations`,
/// else the default one), when the library keeps one apart from that file: what to restore
/// if the annotation file is gone.
pub fn copy_for(
    library: &Library,
    doc: &Document,
    annotations: Option<&Path>,
    dirs: &Dirs,
) -> Option<PathBuf> {
    let path = annotations.map_or_else(
        || crate::session::open::default_annotation_path(doc, dirs),
        Path::to_path_buf,
    );
    let entry = library.entry_for_file(&path)?;
    if entry.annotations == Some(0) {
        // Nothing to restore: reading the copy (a whole article) would only find that out.
        return None;
    }
    let copy = library.article_path(&entry.id);
    (library.holds(&path).is_none() && copy.exists()).then_some(copy)
}
