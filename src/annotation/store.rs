//! Durable storage of one annotation file: atomic replacement and a lock that keeps a second
//! gloss process from writing the same file.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `contents` to `path` so that a crash at any moment leaves either the old file or the
/// new one, never a torn one: a temporary file in the same folder is written and synced, then
/// renamed over `path`, and the folder is synced so the rename itself is durable.
///
/// A symbolic link is followed: its final target is replaced (beside itself) and the link
/// stays a link. A path that is not a regular file (a folder, a FIFO, a device) is refused,
/// never replaced.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = resolve_links(path)?;
    let path = target.as_path();
    refuse_special(path)?;
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

/// How many links [`resolve_links`] follows before giving up (as the kernel's ELOOP).
const MAX_LINKS: usize = 40;

/// `path` with every symbolic link at its end followed to the final target, which need not
/// exist yet (a dangling link is followed to where it points). Links in the folders above are
/// left as they are: renaming into a linked folder already writes into its target.
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let pointed = std::fs::read_link(&current)?;
                current = if pointed.is_absolute() {
                    pointed
                } else {
                    parent_dir(&current).join(pointed)
                };
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row"
    )))
}

/// An error unless `path` is missing or a regular file.
pub(super) fn refuse_special(path: &Path) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(io::Error::other(format!(
            "{} is {}, not a regular file: not replaced",
            path.display(),
            describe_kind(&meta)
        ))),
        _ => Ok(()),
    }
}

/// What kind of file `meta` is, in words.
pub fn describe_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else if meta.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// The fingerprint of one version of a file's bytes: what tells a file changed behind
/// gloss's back, whatever its modified time says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint(blake3::Hash);

impl Fingerprint {
    /// The fingerprint of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Self(blake3::hash(bytes))
    }

    /// The fingerprint of the file at `path` as it is now (links followed); `None` when
    /// there is no file.
    pub fn of_file(path: &Path) -> io::Result<Option<Self>> {
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut hasher = blake3::Hasher::new();
        hasher.update_reader(file)?;
        Ok(Some(Self(hasher.finalize())))
    }
}

/// The folder holding `path` ("." for a bare file name).
pub(super) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

pub(super) const TEMP_SUFFIX: &str = ".tmp";

/// Temporary files for `path` are named after it, so that the lock holder can tell its own
/// leftovers (from a crash mid-save) from other files.
pub(super) fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}.saving-")
}

/// Removes temporary files a crash left behind while saving `path`. Only the holder of the
/// lock on `path` may call this: no one else writes those files.
pub fn remove_stale_temp_files(path: &Path) {
    let Ok(path) = resolve_links(path) else {
        return;
    };
    let path = path.as_path();
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
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub(super) fn sync_dir(_dir: &Path) -> io::Result<()> {
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

/// The lock file name for `target`: a hash of its absolute path, links followed, so that a
/// link and its target share one lock.
fn lock_name(target: &Path) -> io::Result<String> {
    let absolute = absolute_path(&resolve_links(target)?)?;
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

    #[cfg(unix)]
    #[test]
    fn atomic_write_through_a_link_replaces_its_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/ann.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("story.txt.gloss.json");
        std::os::unix::fs::symlink("real/ann.json", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        // A dangling link is followed to where it points.
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink("real/new.json", &dangling).unwrap();
        write_atomic(&dangling, b"made").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("real/new.json")).unwrap(),
            b"made"
        );
        assert!(
            std::fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_never_replaces_a_fifo_or_a_device() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let error = write_atomic(&fifo, b"x").unwrap_err();
        assert!(error.to_string().contains("a FIFO"), "{error}");
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        let error = write_atomic(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(error.to_string().contains("a device"), "{error}");
        let link = dir.path().join("null-link");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        assert!(write_atomic(&link, b"x").is_err());
        assert!(
            std::fs::symlink_metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    #[test]
    fn a_fingerprint_tells_versions_apart_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        assert_eq!(Fingerprint::of_file(&path).unwrap(), None);
        std::fs::write(&path, "one").unwrap();
        assert_eq!(
            Fingerprint::of_file(&path).unwrap(),
            Some(Fingerprint::of(b"one"))
        );
        assert_ne!(Fingerprint::of(b"one"), Fingerprint::of(b"two"));
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
