//! Output paths: what an export (or an OPML list) may and may not replace.
//!
//! An export must never take the place of the user's work: an article, an annotation file
//! (even one a reader has open), or a file in the library; nor of something that is not a
//! regular file (a FIFO, a device, a folder). A symbolic link is judged by what it points to,
//! and written through when that is allowed.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::annotation::store::{describe_kind, resolve_links};

/// Why an output path may not be written.
#[derive(Debug, thiserror::Error)]
pub enum GuardError {
    /// The path is protected: what it is and what to do instead.
    #[error("{0}")]
    Refused(String),
    /// The path could not be looked at.
    #[error("{}", .path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        error: std::io::Error,
    },
}

/// How many bytes of an existing file are read to tell whether it is a gloss annotation file.
const SNIFF_BYTES: u64 = 4096;

/// The files an output path must not replace.
#[derive(Debug, Default)]
pub struct OutputGuard {
    /// Articles and annotation files, absolute with links resolved.
    files: Vec<PathBuf>,
    /// Folders whose files are all gloss's (the library).
    folders: Vec<PathBuf>,
}

impl OutputGuard {
    /// A guard that protects annotation files and special files only.
    pub fn new() -> Self {
        Self::default()
    }

    /// Protects `path` (an input article or annotation file), if it exists.
    pub fn protect(&mut self, path: &Path) {
        if let Ok(path) = path.canonicalize() {
            self.files.push(path);
        }
    }

    /// Protects the folder `dir` (gloss's library) and everything in it.
    pub fn protect_folder(&mut self, dir: &Path) {
        if let Ok(dir) = dir.canonicalize() {
            self.folders.push(dir);
        }
    }

    /// `Ok` when `path` may be written: it does not exist, or it is (or links to) a regular
    /// file that is neither protected nor an annotation file.
    pub fn check(&self, path: &Path) -> Result<(), GuardError> {
        let shown = path.display();
        let io = |error| GuardError::Io {
            path: path.to_path_buf(),
            error,
        };
        let target = resolve_links(path).map_err(&io)?;
        let through = if target == path {
            String::new()
        } else {
            format!(" (it links to {})", target.display())
        };
        let refused = |what: &str| {
            GuardError::Refused(format!(
                "{shown}{through}: is {what}: not replaced (choose another output path)"
            ))
        };
        let meta = match std::fs::metadata(&target) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return match self.in_protected_folder(&target) {
                    true => Err(refused("inside gloss's library")),
                    false => Ok(()),
                };
            }
            Err(e) => return Err(io(e)),
        };
        if !meta.is_file() {
            return Err(refused(describe_kind(&meta)));
        }
        let canonical = target.canonicalize().unwrap_or(target.clone());
        if self.files.contains(&canonical) {
            return Err(refused(
                "one of the articles or annotation files being read",
            ));
        }
        if self.in_protected_folder(&canonical) {
            return Err(refused("a file of gloss's library"));
        }
        if is_annotation_file(&canonical) {
            return Err(refused("a gloss annotation file"));
        }
        Ok(())
    }

    /// `Ok` when the files of an export may be written into the folder `dir` under `names`:
    /// it is missing (and not inside the library) or a folder, and none of those files is
    /// refused by [`OutputGuard::check`].
    pub fn check_folder<'a>(
        &self,
        dir: &Path,
        names: impl IntoIterator<Item = &'a Path>,
    ) -> Result<(), GuardError> {
        let refused = |message: String| Err(GuardError::Refused(message));
        match std::fs::metadata(dir) {
            Ok(meta) if meta.is_dir() => {
                let canonical = dir.canonicalize().unwrap_or(dir.to_path_buf());
                if self.folders.iter().any(|f| canonical.starts_with(f)) {
                    return refused(format!(
                        "{}: is gloss's library: not written into (choose another output folder)",
                        dir.display()
                    ));
                }
                names
                    .into_iter()
                    .try_for_each(|name| self.check(&dir.join(name)))
            }
            Ok(meta) => refused(format!(
                "{}: is {}, not a folder: not replaced (choose another output folder)",
                dir.display(),
                describe_kind(&meta)
            )),
            Err(_) if self.in_protected_folder(dir) => refused(format!(
                "{}: is inside gloss's library: not written (choose another output folder)",
                dir.display()
            )),
            Err(_) => Ok(()),
        }
    }

    /// Whether `path` (existing or not) lies in a protected folder.
    fn in_protected_folder(&self, path: &Path) -> bool {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let Ok(folder) = folder.canonicalize() else {
            return false;
        };
        self.folders.iter().any(|f| folder.starts_with(f))
    }
}

/// Whether the file at `path` is a gloss annotation file: by its name, or by the format mark
/// near its start (one saved under another name).
fn is_annotation_file(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    if name.ends_with(".gloss.json") {
        return true;
    }
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::new();
    if file.take(SNIFF_BYTES).read_to_end(&mut head).is_err() {
        return false;
    }
    let head = String::from_utf8_lossy(&head);
    head.trim_start().starts_with('{') && head.contains("\"gloss/1\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_and_a_plain_old_export_may_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let guard = OutputGuard::new();
        assert!(guard.check(&dir.path().join("new.conll")).is_ok());
        std::fs::write(dir.path().join("old.conll"), "-DOCSTART-").unwrap();
        assert!(guard.check(&dir.path().join("old.conll")).is_ok());
    }

    #[test]
    fn protected_files_and_annotation_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("story.txt");
        std::fs::write(&article, "text").unwrap();
        let renamed = dir.path().join("backup.json");
        std::fs::write(&renamed, "{\n  \"format\": \"gloss/1\",\n").unwrap();
        let mut guard = OutputGuard::new();
        guard.protect(&article);
        let error = guard.check(&article).unwrap_err().to_string();
        assert!(error.contains("not replaced"), "{error}");
        assert!(
            guard
                .check(&renamed)
                .unwrap_err()
                .to_string()
                .contains("annotation file")
        );
        let annotations = dir.path().join("other.txt.gloss.json");
        std::fs::write(&annotations, "anything").unwrap();
        assert!(guard.check(&annotations).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn links_are_judged_by_their_target() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("story.txt");
        std::fs::write(&article, "text").unwrap();
        let mut guard = OutputGuard::new();
        guard.protect(&article);
        let link = dir.path().join("out.conll");
        std::os::unix::fs::symlink(&article, &link).unwrap();
        let error = guard.check(&link).unwrap_err().to_string();
        assert!(error.contains("links to"), "{error}");
        let fine = dir.path().join("fine.conll");
        std::fs::write(dir.path().join("target.conll"), "").unwrap();
        std::os::unix::fs::symlink("target.conll", &fine).unwrap();
        assert!(guard.check(&fine).is_ok());
        assert!(
            guard
                .check(Path::new("/dev/null"))
                .unwrap_err()
                .to_string()
                .contains("a device")
        );
    }
}
