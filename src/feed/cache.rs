//! The last copy fetched of each subscribed feed, kept in the data folder so that the feed
//! list opens at once and offline; a refresh replaces it (atomically).

use std::path::{Path, PathBuf};

use crate::annotation::store::write_atomic;

/// The cache file of the feed at `url` in `dir`.
pub fn path(dir: &Path, url: &str) -> PathBuf {
    dir.join(format!("{}.feed", crate::library::article_id(url)))
}

/// The cached bytes of the feed at `url`, if any.
pub fn load(dir: &Path, url: &str) -> Option<Vec<u8>> {
    crate::files::read(path(dir, url)).ok()
}

/// Keeps `bytes` as the latest copy of the feed at `url`.
pub fn store(dir: &Path, url: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    write_atomic(&path(dir, url), bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_feed_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let feeds = dir.path().join("feeds");
        assert_eq!(load(&feeds, "https://a.example/rss"), None);
        store(&feeds, "https://a.example/rss", b"<rss/>").unwrap();
        assert_eq!(
            load(&feeds, "https://a.example/rss").as_deref(),
            Some(&b"<rss/>"[..])
        );
        assert_eq!(load(&feeds, "https://b.example/rss"), None);
    }
}
