//! Many new files written at once (an import of thousands of articles), each atomically as
//! [`super::store::write_atomic`] writes one, without an fsync per file: each is written
//! to a temporary file beside its place; [`Batch::commit`] makes them all durable with one
//! sync of the file system (Linux; elsewhere one fsync each), then renames each into place
//! and syncs the folders. Until then nothing is in place, and a batch dropped uncommitted
//! removes its temporary files.

#![allow(unsafe_code)] // syncfs, which takes a file descriptor only

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::store;

/// Files written and not yet in place.
#[derive(Debug, Default)]
pub struct Batch {
    staged: Vec<(tempfile::TempPath, PathBuf)>,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many files are staged.
    pub fn len(&self) -> usize {
        self.staged.len()
    }

    /// True when none is.
    pub fn is_empty(&self) -> bool {
        self.staged.is_empty()
    }

    /// Writes `contents` to a temporary file beside `path` (through a link at `path`, to its
    /// target; never over a device or a folder), to be put in place by [`Batch::commit`].
    pub fn add(&mut self, path: &Path, contents: &[u8]) -> io::Result<()> {
        let target = store::resolve_links(path)?;
        store::refuse_special(&target)?;
        let dir = store::parent_dir(&target);
        std::fs::create_dir_all(dir)?;
        let mut temp = tempfile::Builder::new()
            .prefix(&store::temp_prefix(&target))
            .suffix(store::TEMP_SUFFIX)
            .tempfile_in(dir)?;
        temp.write_all(contents)?;
        self.staged.push((temp.into_temp_path(), target));
        Ok(())
    }

    /// Makes every staged file durable, then puts each in place, then syncs their folders.
    /// On a failure, the files not yet in place are removed.
    pub fn commit(mut self) -> io::Result<()> {
        let dirs: BTreeSet<PathBuf> = self
            .staged
            .iter()
            .map(|(_, target)| store::parent_dir(target).to_path_buf())
            .collect();
        if !dirs.iter().all(|dir| sync_file_system(dir).is_ok()) {
            for (temp, _) in &self.staged {
                std::fs::File::open(temp)?.sync_all()?;
            }
        }
        for (temp, target) in std::mem::take(&mut self.staged) {
            temp.persist(&target).map_err(|e| e.error)?;
        }
        for dir in &dirs {
            store::sync_dir(dir)?;
        }
        Ok(())
    }
}

/// Writes out everything waiting for the file system that holds `dir` (Linux's syncfs).
#[cfg(target_os = "linux")]
fn sync_file_system(dir: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let folder = std::fs::File::open(dir)?;
    // SAFETY: the descriptor is open for the length of the call, which only reads it.
    match unsafe { libc::syncfs(folder.as_raw_fd()) } {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

/// Elsewhere there is no such call: each file is synced instead.
#[cfg(not(target_os = "linux"))]
fn sync_file_system(_dir: &Path) -> io::Result<()> {
    Err(io::Error::other("no syncfs here"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_in_place_before_the_commit_and_a_dropped_batch_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut batch = Batch::new();
        batch.add(&dir.path().join("a.json"), b"a").unwrap();
        batch.add(&dir.path().join("b.json"), b"b").unwrap();
        assert_eq!(batch.len(), 2);
        assert!(!dir.path().join("a.json").exists());
        drop(batch);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let mut batch = Batch::new();
        batch.add(&dir.path().join("a.json"), b"a").unwrap();
        batch.add(&dir.path().join("sub/b.json"), b"b").unwrap();
        batch.commit().unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.json")).unwrap(), b"a");
        assert_eq!(std::fs::read(dir.path().join("sub/b.json")).unwrap(), b"b");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_never_written_over() {
        let mut batch = Batch::new();
        assert!(batch.add(Path::new("/dev/null"), b"x").is_err());
    }
}
