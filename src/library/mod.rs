//! The library: every article opened, kept in the data folder with its text, metadata and
//! annotations, so that it can be read and annotated offline later.
//!
//! The folder holds, per article, `<id>.gloss.json` (the annotation file, which holds the
//! text) and `<id>.entry.json` (its [`Entry`]): these are the truth. `.index/library.db` is
//! an SQLite database made from them (see [`db`]) so that a screen of the list, a filter or a
//! search costs what it shows, not the library's size. Every file write is atomic and comes
//! before the database's, so after a crash at any point the next [`Library::open`] finds
//! the folder changed since the database last saw it, and checks each file again; a
//! database that is missing or damaged is rebuilt from the files.

pub mod db;
pub mod entry;
mod filter;
pub mod find;
mod index;
pub mod keep;
mod list;
pub mod rebuild;
mod scan;
pub mod search;
mod words;

use std::path::{Path, PathBuf};

pub use entry::{Entry, article_id};
pub use filter::{matches as words_match, words as filter_words};
pub use find::{SearchError, Searcher};
pub use search::{Hit, HitKind, SearchQuery};

use crate::annotation::AnnotationSet;
use crate::annotation::file::{self, AnnotationFile, FileError, Header};
use crate::error;
/// The time now, to the microsecond, in a fixed-width RFC 3339 form (so that the entries
/// sort by it as text, even two opened within one second).
fn now() -> String {
    stamp(jiff::Timestamp::now())
}

/// `time` in a fixed-width RFC 3339 form, to the microsecond: every time the library writes has this width,
/// so comparing them as text compares the times.
pub fn stamp(time: jiff::Timestamp) -> String {
    format!(
        "{}.{:06}Z",
        time.strftime("%Y-%m-%dT%H:%M:%S"),
        time.subsec_microsecond()
    )
}

use crate::annotation::store::write_atomic;
use rusqlite::{Connection, TransactionBehavior};
use scan::{ARTICLE_SUFFIX, ENTRY_SUFFIX};

/// The folder in the library folder that holds the database (its own, so that the
/// database's journal coming and going does not change the library folder's stamp).
pub const INDEX_DIR: &str = ".index";

/// The lock file that serialises the glosses rebuilding or checking one library's index.
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
    /// The database could not be used.
    #[error(transparent)]
    Db(#[from] db::DbError),
    /// A search failed.
    #[error(transparent)]
    Search(#[from] SearchError),
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

/// How far opening a library got when it had to rebuild its index: articles done, in all.
pub type Progress<'a> = rebuild::Progress<'a>;

/// The library folder and its database.
#[derive(Debug)]
pub struct Library {
    dir: PathBuf,
    db_path: PathBuf,
    db: Connection,
    /// A message for the user from opening or the last change, see [`Library::take_notice`].
    notice: Option<String>,
    /// A write of the database failed (a full disk, a lock held too long): later writes no
    /// longer record the folder's stamp, so that the next start checks every file.
    missed: bool,
    /// The database file belongs to a newer gloss: this one's index is in memory, and the
    /// file is never touched.
    newer: bool,
}

impl Library {
    /// Opens the library in `dir` (usually `Dirs::data/library`), creating it with the
    /// bundled sample article on first run (no database and no article yet). See
    /// [`Library::open_with`].
    pub fn open(dir: &Path) -> Result<Library, LibraryError> {
        Library::open_with(dir, &|_, _| {})
    }

    /// Opens the library in `dir`: a database that is missing, damaged or of an older gloss
    /// is rebuilt from the article files (telling `progress`); one whose folder changed since
    /// it was last written (a crash, a file changed by hand) has each file checked again;
    /// one from a newer gloss is left alone, and the library is indexed in memory.
    pub fn open_with(dir: &Path, progress: Progress<'_>) -> Result<Library, LibraryError> {
        std::fs::create_dir_all(dir.join(INDEX_DIR)).map_err(io(dir))?;
        let db_path = db_path(dir);
        let first_run = !db_path.exists() && scan::article_ids(dir).map_err(io(dir))?.is_empty();
        let mut notice = None;
        let mut newer = false;
        let (db, state) = match connect(&db_path) {
            Ok(opened) => opened,
            Err(e) if e.is_damage() => {
                let _writer = lock_writers(dir)?;
                notice = Some(format!(
                    "{}: rebuilt from the article files",
                    error::chain(&e)
                ));
                db::remove(&db_path).map_err(io(&db_path))?;
                connect(&db_path)?
            }
            Err(e @ db::DbError::Newer { .. }) => {
                newer = true;
                notice = Some(format!(
                    "{}: not changed; read from the article files",
                    error::chain(&e)
                ));
                (db::in_memory()?, db::State::Unfilled)
            }
            Err(e) => return Err(e.into()),
        };
        let mut library = Library {
            dir: dir.to_path_buf(),
            db_path,
            db,
            notice,
            missed: false,
            newer,
        };
        library.bring_up_to_date(state, progress)?;
        if first_run {
            library.add_sample()?;
        }
        Ok(library)
    }

    /// Fills or checks the database when `state` (read when it was opened) asks for it,
    /// holding the writers' lock so that two glosses do not both do it.
    fn bring_up_to_date(
        &mut self,
        state: db::State,
        progress: Progress<'_>,
    ) -> Result<(), LibraryError> {
        let folder = db::stamp(&self.dir);
        if matches!(&state, db::State::Ready { folder: seen } if *seen == folder) {
            return Ok(());
        }
        let _writer = lock_writers(&self.dir)?;
        // Another gloss may have done it while this one waited, and put a new file in the
        // place of the one this connection has open: the file there now is the one to read.
        if !self.newer {
            self.db = db::connect(&self.db_path)?;
        }
        let state = db::state(&self.db, &self.db_path)?;
        let sql = sqlite(&self.db_path);
        match state {
            db::State::Unfilled => {
                let path = (!self.newer).then_some(self.db_path.as_path());
                rebuild::fill(&mut self.db, path, &self.dir, progress)?;
            }
            db::State::Ready { folder: seen } if seen == db::stamp(&self.dir) => return Ok(()),
            db::State::Ready { .. } => {
                rebuild::check(&mut self.db, &self.dir)?;
            }
        }
        db::set_meta(&self.db, "folder", db::stamp(&self.dir)).map_err(&sql)?;
        Ok(())
    }

    /// The files the library in `dir` knows (each entry's annotation file and local
    /// source), read from its database without opening (or creating) the library.
    pub fn known_files(dir: &Path) -> Vec<PathBuf> {
        let path = db_path(dir);
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let Ok(db) = Connection::open_with_flags(&path, flags) else {
            return Vec::new();
        };
        let rows = db
            .prepare("SELECT file, source FROM articles")
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| {
                        Ok((row.get::<_, Option<String>>(0)?, row.get::<_, String>(1)?))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()
            });
        rows.unwrap_or_default()
            .into_iter()
            .flat_map(|(file, source)| {
                let source = (!source.contains("://")).then(|| PathBuf::from(source));
                file.map(PathBuf::from).into_iter().chain(source)
            })
            .collect()
    }

    /// The library folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The number of articles.
    pub fn len(&self) -> usize {
        list::count(&self.db).unwrap_or(0)
    }

    /// True when the library holds no article.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every entry, most recently opened first (reads the whole list: the screens read
    /// [`Library::page`]s).
    pub fn entries(&self) -> Vec<Entry> {
        self.page(0, self.len())
    }

    /// The entries at places `from..from + rows` of the list, most recently opened first.
    pub fn page(&self, from: usize, rows: usize) -> Vec<Entry> {
        list::page(&self.db, from, rows, self.len()).unwrap_or_default()
    }

    /// The entry of article `id`.
    pub fn get(&self, id: &str) -> Option<Entry> {
        index::get(&self.db, id).ok().flatten()
    }

    /// The entries whose title, source or feed contains every word of `query`, ignoring
    /// case, most recent first; all of them for an empty query.
    pub fn filter(&self, query: &str) -> Vec<Entry> {
        match self.filter_places(query) {
            Some(places) => self.at_places(&places),
            None => self.entries(),
        }
    }

    /// The places in the list of the entries [`Library::filter`] keeps, to be read a screen
    /// at a time with [`Library::at_places`]; `None` for a query without words.
    pub fn filter_places(&self, query: &str) -> Option<Vec<i64>> {
        list::filter(&self.db, query, None, None).unwrap_or(Some(Vec::new()))
    }

    /// The first `limit` of [`Library::filter_places`] that come after place `below` in the
    /// list (from the top without it): what a screen of the filtered list needs.
    pub fn filter_places_from(
        &self,
        query: &str,
        below: Option<i64>,
        limit: usize,
    ) -> Option<Vec<i64>> {
        list::filter(&self.db, query, below, Some(limit)).unwrap_or(Some(Vec::new()))
    }

    /// The entries at `places` (from [`Library::filter_places`]), in that order.
    pub fn at_places(&self, places: &[i64]) -> Vec<Entry> {
        list::at_places(&self.db, places).unwrap_or_default()
    }

    /// The place in the list of article `id` (see [`Library::filter_places`]).
    pub fn place_of(&self, id: &str) -> Option<i64> {
        list::place_of(&self.db, id).ok().flatten()
    }

    /// The row of the whole list at `place` (0 for the most recently opened): as costly as
    /// the row is far down.
    pub fn rank_of(&self, place: i64) -> Option<usize> {
        list::rank_of(&self.db, place).ok()
    }

    /// The entry whose article came from `source` (a URL, a path) and is kept in the library
    /// folder itself.
    pub fn find_source(&self, source: &str) -> Option<Entry> {
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
    pub fn entry_for_file(&self, path: &Path) -> Option<Entry> {
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
        self.put(entry, Some(file))
    }

    /// What opening the library or the last [`Library::record`] wants the user to know (an
    /// index rebuilt, a copy kept aside), once.
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
        self.put(entry, Some(&copy))?;
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
    /// it inherits) in its entry file and the index, at the top of the list. Call it after
    /// saving the article file.
    pub fn add_or_update(&mut self, entry: Entry) -> Result<(), LibraryError> {
        self.put(entry, None).map(drop)
    }

    /// Writes `entry`'s file and its rows (with `file`'s spans and text, when given) in one
    /// transaction, which also serialises the glosses writing this library. Returns the
    /// entry as recorded.
    fn put(&mut self, entry: Entry, file: Option<&AnnotationFile>) -> Result<Entry, LibraryError> {
        let put = self.try_put(entry, file);
        // The files this write was about may be on disk without their rows: from now on the
        // folder's stamp is not recorded, so the next start checks every file.
        self.missed |= put.is_err();
        put
    }

    fn try_put(
        &mut self,
        mut entry: Entry,
        file: Option<&AnnotationFile>,
    ) -> Result<Entry, LibraryError> {
        let sql = sqlite(&self.db_path);
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&sql)?;
        if let Some(older) = index::get(&tx, &entry.id).map_err(&sql)? {
            entry.inherit(&older);
        }
        let entry_path = self.dir.join(format!("{}{ENTRY_SUFFIX}", entry.id));
        let json = serde_json::to_vec_pretty(&entry).map_err(|e| LibraryError::Io {
            path: entry_path.clone(),
            error: std::io::Error::other(e),
        })?;
        write_atomic(&entry_path, &json).map_err(io(&entry_path))?;
        let stamps = rebuild::stamps(&self.dir, &entry.id);
        let seq = index::next_seq(&tx).map_err(&sql)?;
        index::put(&tx, &entry, file, &stamps, seq).map_err(&sql)?;
        let folder = match self.missed {
            true => String::new(),
            false => db::stamp(&self.dir),
        };
        db::set_meta(&tx, "folder", folder).map_err(&sql)?;
        tx.commit().map_err(&sql)?;
        Ok(entry)
    }

    /// Records that article `id` was opened now, moving it to the top of the list.
    pub fn mark_opened(&mut self, id: &str) -> Result<(), LibraryError> {
        let mut entry = self
            .get(id)
            .ok_or_else(|| LibraryError::NotFound(id.to_string()))?;
        entry.last_opened = now();
        self.add_or_update(entry)
    }

    /// Every hit of `query` (claims by, or mentions of, an actor; words of the text), at
    /// most `limit`, in list order and then text order.
    pub fn search(&self, query: &SearchQuery, limit: usize) -> Result<Vec<Hit>, LibraryError> {
        let cancel = std::sync::atomic::AtomicBool::new(false);
        Ok(find::search(
            &self.db,
            &self.db_path,
            &self.dir,
            query,
            limit,
            &cancel,
        )?)
    }

    /// A search of this library to run away from it (on a worker, with its own connection).
    pub fn searcher(&self) -> Searcher {
        Searcher {
            dir: self.dir.clone(),
            db: self.db_path.clone(),
        }
    }

    /// Checks every article file against the database now (as opening does when the folder
    /// changed), or with `rebuild`, makes the database again from the files.
    pub fn reindex(
        &mut self,
        rebuild: bool,
        progress: Progress<'_>,
    ) -> Result<rebuild::Checked, LibraryError> {
        let _writer = lock_writers(&self.dir)?;
        let sql = sqlite(&self.db_path);
        let checked = if rebuild {
            // A new file is far quicker than deleting every row (FTS5's above all).
            let path = (!self.newer).then_some(self.db_path.as_path());
            if self.newer {
                self.db = db::in_memory()?;
            }
            let indexed = rebuild::fill(&mut self.db, path, &self.dir, progress)?;
            rebuild::Checked {
                indexed,
                dropped: 0,
            }
        } else {
            rebuild::check(&mut self.db, &self.dir)?
        };
        db::set_meta(&self.db, "folder", db::stamp(&self.dir)).map_err(&sql)?;
        Ok(checked)
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
}

/// Where the database of the library in `dir` is.
pub fn db_path(dir: &Path) -> PathBuf {
    dir.join(INDEX_DIR).join(db::DB_FILE)
}

/// A connection to the database at `path` and what it holds.
fn connect(path: &Path) -> Result<(Connection, db::State), db::DbError> {
    let db = db::connect(path)?;
    let state = db::state(&db, path)?;
    Ok((db, state))
}

/// Waits for, then holds, the one right to rebuild or check the library in `dir` (an
/// exclusive lock on a lock file in its folder, released when the value is dropped).
fn lock_writers(dir: &Path) -> Result<std::fs::File, LibraryError> {
    let path = dir.join(WRITERS_LOCK);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io(&path))?;
    file.lock().map_err(io(&path))?;
    Ok(file)
}

/// Turns an SQLite error on the database at `path` into the library's.
fn sqlite(path: &Path) -> impl Fn(rusqlite::Error) -> LibraryError + '_ {
    move |error| {
        LibraryError::Db(db::DbError::Sqlite {
            path: path.to_path_buf(),
            error,
        })
    }
}

/// `path` made absolute (against the current folder), so that one file has one id whatever
/// folder gloss was started in.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(source: &str, words: usize) -> AnnotationFile {
        let text = format!("{source} said so. ") + &"Another word here. ".repeat(words);
        let doc = crate::document::Document::new(text, crate::document::Source::Stdin);
        let header = file::Header {
            source,
            title: &doc.title,
            text: &doc.text,
            chars: &doc.chars,
        };
        file::build(header, &AnnotationSet::new(), &[], &[])
    }

    #[test]
    fn an_article_saved_while_the_database_is_full_is_indexed_at_the_next_start() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(dir.path()).unwrap();
        library
            .save_article(&article("first.txt", 10), ArticleMeta::default())
            .unwrap();
        let pages: i64 = library
            .db
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        // SQLite's own "database or disk is full", as on a full disk.
        library
            .db
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        let full = library.save_article(&article("full.txt", 20_000), ArticleMeta::default());
        assert!(
            full.as_ref()
                .is_err_and(|e| error::chain(e).contains("full")),
            "{full:?}"
        );
        let id = article_id("full.txt");
        assert!(
            library.article_path(&id).is_file(),
            "the article file is written"
        );
        // The disk has room again; a later write must not hide the missed one.
        library
            .db
            .pragma_update(None, "max_page_count", 1i64 << 30)
            .unwrap();
        library
            .save_article(&article("later.txt", 10), ArticleMeta::default())
            .unwrap();
        assert!(library.get(&id).is_none());
        drop(library);

        let library = Library::open(dir.path()).unwrap();
        let titles: Vec<String> = library.entries().into_iter().map(|e| e.source).collect();
        for source in ["first.txt", "full.txt", "later.txt"] {
            assert!(titles.iter().any(|t| t == source), "{source} in {titles:?}");
        }
    }
}
