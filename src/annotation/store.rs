//! Durable storage of one annotation file: atomic replacement and a lock that keeps a second
//! gloss process from writing the same file.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `contents` to `path` so that a crash at any moment leaves either the old file or the
/// new one, never a torn one: a temporary file in the same folder is written and synced, then
/// renamed over `path`, and the folder is synced so the rename itself is durable.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// The folder holding `path` ("." for a bare file name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

const TEMP_SUFFIX: &str = ".tmp";

/// Temporary files for `path` are named after it, so that the lock holder can tell its own
/// leftovers (from a crash mid-save) from other files.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}.saving-")
}

/// Removes temporary files a crash left behind while saving `path`. Only the holder of the
/// lock on `path` may call this: no one else writes those files.
pub fn remove_stale_temp_files(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(parent_dir(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// An exclusive advisory lock on an annotation file, held for as long as this value lives.
///
/// The lock is taken on a separate lock file in gloss's state folder, named after the
/// annotation file's absolute path: the annotation file itself is replaced by rename on every
/// save, so a lock on it would not survive the first save, and lock files beside each article
/// would litter the user's folders.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Tries to lock `target`, using `lock_dir` for the lock file. `Ok(None)` when another
    /// process holds the lock.
    pub fn try_acquire(target: &Path, lock_dir: &Path) -> io::Result<Option<Lock>> {
        std::fs::create_dir_all(lock_dir)?;
        let lock_path = lock_dir.join(lock_name(target)?);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Lock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }
}

/// The lock file name for `target`: a hash of its absolute path.
fn lock_name(target: &Path) -> io::Result<String> {
    let absolute = absolute_path(target)?;
    let hash = blake3::hash(absolute.as_os_str().as_encoded_bytes());
    Ok(format!("{}.lock", &hash.to_hex()[..32]))
}

/// `target` made absolute with symbolic links in its folder resolved, whether or not the file
/// itself exists yet.
pub fn absolute_path(target: &Path) -> io::Result<PathBuf> {
    let dir = parent_dir(target);
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let dir = match dir.canonicalize() {
        Ok(d) => d,
        Err(_) => std::path::absolute(dir)?,
    };
    Ok(dir.join(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.gloss.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn second_lock_on_the_same_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let locks = dir.path().join("locks");
        let target = dir.path().join("a.gloss.json");
        let first = Lock::try_acquire(&target, &locks).unwrap();
        assert!(first.is_some());
        assert!(Lock::try_acquire(&target, &locks).unwrap().is_none());
        drop(first);
        assert!(Lock::try_acquire(&target, &locks).unwrap().is_some());
    }
}
