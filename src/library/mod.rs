//! The library: every article opened, kept in the data folder with its text, metadata and
//! annotations, so that it can be read and annotated offline later.
//!
//! The folder holds, per article, `<id>.gloss.json` (the annotation file, which holds the
//! text) and `<id>.entry.json` (its [`Entry`]), plus `library.json`, an index of all entries
//! so that listing the library reads one file. Every write is atomic and the article file is
//! written before its entry and the index, so after a crash at any point the next
//! [`Library::open`] lists every article whose file exists, rebuilding the index if needed.

pub mod entry;
mod filter;
mod index;
pub mod keep;
mod scan;
pub mod search;

use std::path::{Path, PathBuf};

pub use entry::{Entry, article_id};
pub use filter::{matches as words_match, words as filter_words};
pub use search::{Hit, HitKind, SearchQuery};

use crate::annotation::AnnotationSet;
use crate::annotation::file::{self, AnnotationFile, FileError, Header};
/// The time now, to the microsecond, in a fixed-width RFC 3339 form (so that the entries
/// sort by it as text, even two opened within one second).
fn now() -> String {
    stamp(jiff::Timestamp::now())
}

/// `time` in the fixed-width form of [`now`]: every time the library writes has this width,
/// so comparing them as text compares the times.
pub(crate) fn stamp(time: jiff::Timestamp) -> String {
    format!(
        "{}.{:06}Z",
        time.strftime("%Y-%m-%dT%H:%M:%S"),
        time.subsec_microsecond()
    )
}

/// True when the time `a` is later than `b`, whatever precision each was written with (an
/// index from an older gloss holds whole seconds).
fn later(a: &str, b: &str) -> bool {
    match (a.parse::<jiff::Timestamp>(), b.parse::<jiff::Timestamp>()) {
        (Ok(a), Ok(b)) => a > b,
        _ => a > b,
    }
}
use crate::annotation::store::write_atomic;
use scan::{ARTICLE_SUFFIX, ENTRY_SUFFIX};

/// File name of the index in the library folder.
pub const INDEX_FILE: &str = "library.json";

/// The lock file that serialises the glosses writing one library's index.
const WRITERS_LOCK: &str = ".library.lock";

/// Why the library could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// A file or the folder could not be read or written.
    #[error("{}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        #[source]
        error: std::io::Error,
    },
    /// An article file could not be parsed.
    #[error(transparent)]
    File(#[from] FileError),
    /// No article has this id.
    #[error("no article {0:?} in the library")]
    NotFound(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> LibraryError + '_ {
    move |error| LibraryError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// What the library knows of an article besides its annotation file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    /// The feed it was opened from.
    pub feed: Option<String>,
    /// Its publication date (RFC 3339).
    pub date: Option<String>,
    /// Where the reader's cursor was, in code points.
    pub position: Option<usize>,
}

/// Where an article of the library is opened from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenFrom {
    /// An annotation file, whose text is the article.
    AnnotationFile(PathBuf),
    /// The article's own file (text, Markdown or HTML).
    Article(PathBuf),
}

/// The library folder and its entries, most recently opened first.
#[derive(Debug)]
pub struct Library {
    dir: PathBuf,
    entries: Vec<Entry>,
    haystacks: Vec<String>,
    /// Position of each entry by id.
    positions: std::collections::HashMap<String, usize>,
    /// A message for the user from the last change, see [`Library::take_notice`].
    notice: Option<String>,
}

impl Library {
    /// Opens the library in `dir` (usually `Dirs::data/library`), creating it with the
    /// bundled sample article on first run (no index and no article yet). A missing or damaged index is rebuilt from the
    /// article files; articles the index lacks are added and entries without a file dropped.
    pub fn open(dir: &Path) -> Result<Library, LibraryError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let index_path = dir.join(INDEX_FILE);
        let ids = scan::article_ids(dir).map_err(io(dir))?;
        let first_run = ids.is_empty() && !index_path.exists();
        let (entries, changed) = scan::reconcile(dir, &ids, index::read(&index_path));
        let mut library = Library {
            dir: dir.to_path_buf(),
            entries: Vec::new(),
            haystacks: Vec::new(),
            positions: Default::default(),
            notice: None,
        };
        library.set_entries(entries);
        if changed {
            let _writer = library.lock_writers()?;
            library.merge_from(&index_path);
            index::write(&index_path, &library.entries).map_err(io(&index_path))?;
        }
        if first_run {
            library.add_sample()?;
        }
        Ok(library)
    }

    /// The files the library in `dir` knows (each entry's annotation file and local
    /// source), read from its index without opening (or creating) the library.
    pub fn known_files(dir: &Path) -> Vec<PathBuf> {
        let entries = index::read(&dir.join(INDEX_FILE)).unwrap_or_default();
        entries
            .into_iter()
            .flat_map(|entry| {
                let source = (!entry.source.contains("://")).then(|| PathBuf::from(entry.source));
                entry.file.into_iter().chain(source)
            })
            .collect()
    }

    /// The library folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every entry, most recently opened first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of article `id`.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.positions.get(id).map(|&at| &self.entries[at])
    }

    /// The entries whose title, source or feed contains every word of `query`, ignoring
    /// case, most recent first; all of them for an empty query.
    pub fn filter(&self, query: &str) -> Vec<&Entry> {
        self.filter_positions(query)
            .into_iter()
            .map(|at| &self.entries[at])
            .collect()
    }

    /// The positions in [`Library::entries`] of the entries [`Library::filter`] keeps.
    pub fn filter_positions(&self, query: &str) -> Vec<usize> {
        let words = filter::words(query);
        self.haystacks
            .iter()
            .enumerate()
            .filter(|(_, haystack)| filter::matches(haystack, &words))
            .map(|(at, _)| at)
            .collect()
    }

    /// The entry whose article came from `source` (a URL, a path) and is kept in the library
    /// folder itself.
    pub fn find_source(&self, source: &str) -> Option<&Entry> {
        self.get(&article_id(source))
    }

    /// How to open article `id` so that its annotations go where they went before: its own
    /// annotation file when it has one outside the library; the article file it came from
    /// when nothing was tagged yet (its annotation file is then made beside it, as when it is
    /// opened by name); else the library's copy.
    pub fn how_to_open(&self, id: &str) -> OpenFrom {
        let copy = OpenFrom::AnnotationFile(self.article_path(id));
        let Some(entry) = self.get(id) else {
            return copy;
        };
        // The article file is the annotation file's name without ".gloss.json" (the
        // source as written may be relative to another folder).
        let beside = |path: &Path| {
            let name = path.file_name()?.to_str()?.strip_suffix(ARTICLE_SUFFIX)?;
            Some(path.with_file_name(name)).filter(|p| p.is_file())
        };
        match &entry.file {
            Some(path) if path.exists() => OpenFrom::AnnotationFile(path.clone()),
            Some(path) => beside(path).map_or(copy, OpenFrom::Article),
            None => copy,
        }
    }

    /// True when `path` is an article file in the library folder (the reader writes it
    /// directly, so the library keeps no copy).
    pub fn holds(&self, path: &Path) -> Option<String> {
        let name = path.file_name()?.to_str()?;
        let id = name.strip_suffix(ARTICLE_SUFFIX)?;
        (path.parent()? == self.dir && !id.is_empty()).then(|| id.to_string())
    }

    /// The entry of the article whose annotation file is `path`, as [`Library::record`]
    /// files it.
    pub fn entry_for_file(&self, path: &Path) -> Option<&Entry> {
        let path = &absolute(path);
        let id = self
            .holds(path)
            .unwrap_or_else(|| article_id(&path.display().to_string()));
        self.get(&id)
    }

    /// Records the article a reader has open: `path` is its annotation file and `file` what
    /// it holds now. An article whose file is in the library folder gets its entry updated;
    /// any other gets a copy of its file in the library too, so that it can be read there
    /// when the original is gone. The entry moves to the top of the list.
    pub fn record(
        &mut self,
        path: &Path,
        file: &AnnotationFile,
        meta: ArticleMeta,
    ) -> Result<Entry, LibraryError> {
        let path = &absolute(path);
        let (id, outside) = match self.holds(path) {
            Some(id) => (id, None),
            None => {
                let id = article_id(&path.display().to_string());
                let copy = self.article_path(&id);
                self.keep_newer_copy(&id, file)?;
                write_atomic(&copy, file::to_json(file).as_bytes()).map_err(io(&copy))?;
                (id, Some(path.to_path_buf()))
            }
        };
        self.enter(&id, file, meta, outside)
    }

    /// Makes the entry of article `id`, stored as `file` (kept at `outside` when that is not
    /// the library's own copy), and records it.
    fn enter(
        &mut self,
        id: &str,
        file: &AnnotationFile,
        meta: ArticleMeta,
        outside: Option<PathBuf>,
    ) -> Result<Entry, LibraryError> {
        let mut entry = Entry::from_file(id, file, &now());
        entry.feed = meta.feed;
        entry.date = meta.date;
        entry.position = meta.position;
        entry.file = outside;
        self.add_or_update(entry.clone())?;
        Ok(self.get(id).cloned().unwrap_or(entry))
    }

    /// What the last [`Library::record`] wants the user to know (a copy kept aside), once.
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    /// Before the library's copy of article `id` is replaced by `file`: when the copy was
    /// itself the file being written (its entry names no other file: the article's own
    /// annotation file was gone, or the index was lost) and holds other annotations than
    /// `file`, it is kept as an article of its own instead of being lost.
    fn keep_newer_copy(&mut self, id: &str, file: &AnnotationFile) -> Result<(), LibraryError> {
        if self.get(id).is_some_and(|e| e.file.is_some()) {
            // A mirror of the annotation file beside the article: nothing of its own.
            return Ok(());
        }
        let copy_path = self.article_path(id);
        let Some(copy) = crate::files::read_annotation_file(&copy_path)
            .ok()
            .and_then(|json| file::parse(&copy_path, &json).ok())
        else {
            return Ok(());
        };
        let nothing = copy.annotations.is_empty() && copy.unplaced.is_empty();
        if nothing || (copy.annotations == file.annotations && copy.unplaced == file.unplaced) {
            return Ok(());
        }
        let stamp: String = now()
            .chars()
            .filter(char::is_ascii_digit)
            .take(14)
            .collect();
        let aside = format!("{id}-kept-{stamp}");
        let aside_path = self.article_path(&aside);
        write_atomic(&aside_path, file::to_json(&copy).as_bytes()).map_err(io(&aside_path))?;
        let mut entry = Entry::from_file(&aside, &copy, &now());
        entry.title = format!("{} (kept: newer tags than its file)", entry.title);
        self.add_or_update(entry)?;
        self.notice = Some(format!(
            "the library's copy had newer tags than {}: kept in the library as \"{} (kept…)\"",
            copy.source, copy.title
        ));
        Ok(())
    }

    /// Where article `id`'s annotation file is kept.
    pub fn article_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}{ARTICLE_SUFFIX}"))
    }

    /// Reads article `id`'s annotation file.
    pub fn load_article(&self, id: &str) -> Result<AnnotationFile, LibraryError> {
        let path = self.article_path(id);
        let json = crate::files::read_annotation_file(&path).map_err(|error| {
            if error.kind() == std::io::ErrorKind::NotFound {
                LibraryError::NotFound(id.to_string())
            } else {
                LibraryError::Io {
                    path: path.clone(),
                    error,
                }
            }
        })?;
        Ok(file::parse(&path, &json)?)
    }

    /// Keeps `file` as the article of its source (see [`article_id`]): writes the article
    /// file, then its entry and the index, each atomically. The entry's counts come from the
    /// file; when the article was there before, its added time and any metadata `meta` leaves
    /// out are kept. Returns the new entry.
    pub fn save_article(
        &mut self,
        file: &AnnotationFile,
        meta: ArticleMeta,
    ) -> Result<Entry, LibraryError> {
        let id = article_id(&file.source);
        let path = self.article_path(&id);
        write_atomic(&path, file::to_json(file).as_bytes()).map_err(io(&path))?;
        self.enter(&id, file, meta, None)
    }

    /// Records `entry` (replacing the one with its id, whose added time and missing metadata
    /// it inherits) in its entry file and the index, and moves it to its place in the list.
    /// Call it after saving the article file, e.g. each time the reader opens or saves it.
    pub fn add_or_update(&mut self, mut entry: Entry) -> Result<(), LibraryError> {
        // Held until the index is written: another gloss writing between this one's merge and
        // its write would have its update lost.
        let _writer = self.lock_writers()?;
        let index_path = self.dir.join(INDEX_FILE);
        self.merge_from(&index_path);
        if let Some(&at) = self.positions.get(&entry.id) {
            entry.inherit(&self.entries[at]);
            self.entries.remove(at);
            self.haystacks.remove(at);
        }
        let entry_path = self.dir.join(format!("{}{ENTRY_SUFFIX}", entry.id));
        let json = serde_json::to_vec_pretty(&entry).map_err(|e| LibraryError::Io {
            path: entry_path.clone(),
            error: std::io::Error::other(e),
        })?;
        write_atomic(&entry_path, &json).map_err(io(&entry_path))?;
        let at = self
            .entries
            .partition_point(|e| recency(e) < recency(&entry));
        self.haystacks.insert(at, filter::haystack(&entry));
        self.entries.insert(at, entry);
        self.index_positions();
        index::write(&index_path, &self.entries).map_err(io(&index_path))
    }

    /// Waits for, then holds, the one right to write this library's index (an exclusive lock
    /// on a lock file in its folder, released when the value is dropped).
    fn lock_writers(&self) -> Result<std::fs::File, LibraryError> {
        let path = self.dir.join(WRITERS_LOCK);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io(&path))?;
        file.lock().map_err(io(&path))?;
        Ok(file)
    }

    /// Takes in what another gloss wrote to the index at `path` since this one read it
    /// (each writes the whole index): entries this one lacks whose article file is there,
    /// and entries opened more recently there.
    fn merge_from(&mut self, path: &Path) {
        let Some(on_disk) = index::read(path) else {
            return;
        };
        let mut changed = false;
        for theirs in on_disk {
            match self.positions.get(&theirs.id) {
                Some(&at) if later(&theirs.last_opened, &self.entries[at].last_opened) => {
                    self.entries[at] = theirs;
                    changed = true;
                }
                Some(_) => {}
                None if self.article_path(&theirs.id).exists() => {
                    self.positions.insert(theirs.id.clone(), self.entries.len());
                    self.entries.push(theirs);
                    changed = true;
                }
                None => {}
            }
        }
        if changed {
            let entries = std::mem::take(&mut self.entries);
            self.set_entries(entries);
        }
    }

    fn index_positions(&mut self) {
        self.positions = self
            .entries
            .iter()
            .enumerate()
            .map(|(at, e)| (e.id.clone(), at))
            .collect();
    }

    /// Records that article `id` was opened now, moving it to the top of the list.
    pub fn mark_opened(&mut self, id: &str) -> Result<(), LibraryError> {
        let mut entry = self
            .get(id)
            .cloned()
            .ok_or_else(|| LibraryError::NotFound(id.to_string()))?;
        entry.last_opened = now();
        self.add_or_update(entry)
    }

    /// Every claim by, or mention of, the actor `query` names, in list order and then text
    /// order. Only the articles whose entry lists a matching actor are opened; an article file
    /// that cannot be read is skipped.
    pub fn search_annotations(&self, query: &SearchQuery) -> Vec<Hit> {
        self.search_plan(query)
            .run(&|_| {}, &std::sync::atomic::AtomicBool::new(false))
    }

    /// The articles a search must read (those whose index names an actor the query
    /// matches), to be read by [`SearchPlan::run`] away from the library (on a worker).
    pub fn search_plan(&self, query: &SearchQuery) -> SearchPlan {
        let needle = query.needle();
        let articles = self
            .entries
            .iter()
            .filter(|e| e.names.iter().any(|n| search::name_matches(n, &needle)))
            .map(|e| (e.id.clone(), self.article_path(&e.id)))
            .collect();
        SearchPlan {
            query: query.clone(),
            articles,
        }
    }

    /// Stores the bundled sample article.
    fn add_sample(&mut self) -> Result<(), LibraryError> {
        let doc = crate::document::load::sample();
        let header = Header {
            source: &doc.source.describe(),
            title: &doc.title,
            text: &doc.text,
            chars: &doc.chars,
        };
        let file = file::build(header, &AnnotationSet::new(), &[], &[]);
        self.save_article(&file, ArticleMeta::default()).map(drop)
    }

    fn set_entries(&mut self, mut entries: Vec<Entry>) {
        entries.sort_by(|a, b| recency(a).cmp(&recency(b)));
        self.haystacks = entries.iter().map(filter::haystack).collect();
        self.entries = entries;
        self.index_positions();
    }
}

/// A search of the library's annotations, ready to run without the library: the query and
/// the article files to read.
#[derive(Debug, Clone)]
pub struct SearchPlan {
    query: SearchQuery,
    articles: Vec<(String, PathBuf)>,
}

impl SearchPlan {
    /// How many articles it reads.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// True when no article can match.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Reads each article and collects the hits, in the library's order; `progress` is told
    /// the bytes read so far, and setting `cancel` stops it (with the hits found so far).
    /// A file that cannot be read is skipped.
    pub fn run(&self, progress: &dyn Fn(u64), cancel: &std::sync::atomic::AtomicBool) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut read = 0u64;
        for (id, path) in &self.articles {
            if cancel.load(std::sync::atomic::Ordering::Relaxed) {
                break;
            }
            let Ok(json) = crate::files::read_annotation_file(path) else {
                continue;
            };
            read += json.len() as u64;
            progress(read);
            if let Ok(file) = file::parse(path, &json) {
                hits.extend(search::hits_in(id, &file, &self.query));
            }
        }
        hits
    }
}

/// `path` made absolute (against the current folder), so that one file has one id whatever
/// folder gloss was started in.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The sort key of the list: most recently opened first, then by id.
fn recency(entry: &Entry) -> (std::cmp::Reverse<&str>, &str) {
    (std::cmp::Reverse(entry.last_opened.as_str()), &entry.id)
}
