//! Bringing the database in line with the files: filling it from every article file (a new or
//! damaged database), or checking each file against what was indexed of it (after a crash,
//! or a change made behind gloss's back). An article whose file is there is always listed,
//! and an entry whose article file is gone is dropped.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rusqlite::Connection;

use super::LibraryError;
use super::entry::Entry;
use super::index::{self, Stamps};
use super::scan::{self, ARTICLE_SUFFIX, ENTRY_SUFFIX};
use crate::annotation::file::{self, AnnotationFile};

/// How far a rebuild is: articles done and in all.
pub type Progress<'a> = &'a dyn Fn(usize, usize);

/// What a check changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checked {
    /// Articles (re)indexed.
    pub indexed: usize,
    /// Entries dropped because their file is gone.
    pub dropped: usize,
}

/// The page cache while the database is filled, in KiB.
const FILL_CACHE_KIB: usize = 32 * 1024;

/// The memory each full-text table gathers new terms in while the database is filled before
/// it writes them out as a segment: with FTS5's default, a million articles make thousands of
/// small segments, each merged again and again into larger ones.
const FILL_FTS_HASH_BYTES: usize = 32 << 20;

/// FTS5's default for it, for the articles indexed one at a time afterwards.
const FTS_HASH_BYTES: usize = 1 << 20;

/// How many segments of one size the full-text tables gather before merging them into one
/// while the database is filled: FTS5's default of 4 rewrites every term many times over at
/// a million articles (merging was a fifth of the fill).
const FILL_FTS_MERGE: usize = 16;

/// FTS5's default for it.
const FTS_MERGE: usize = 4;

/// Articles whose full-text rows go into the FTS5 tables in one statement while the
/// database is filled (each statement writes a segment).
const FILL_BATCH: usize = 1024;

/// Sets how much the full-text tables gather in memory before they write a segment, and
/// how many segments of a size they gather before merging them.
fn fts_tuning(db: &Connection, hash_bytes: usize, merge: usize) -> rusqlite::Result<()> {
    for table in ["list_words", "text_words"] {
        for (option, value) in [("hashsize", hash_bytes), ("automerge", merge)] {
            db.execute(
                &format!("INSERT INTO {table}({table}, rank) VALUES (?1, ?2)"),
                rusqlite::params![option, value as i64],
            )?;
        }
    }
    Ok(())
}

/// Indexes every article file of `dir` (the database is empty), in the order of the list
/// (by when each was last opened), telling `progress` as it goes. With `path`, the
/// library's database file, the rows go into a new file beside it that then takes its
/// place (`db` is connected to it); without, into `db` itself (a database in memory).
pub fn fill(
    db: &mut Connection,
    path: Option<&Path>,
    dir: &Path,
    progress: Progress<'_>,
) -> Result<usize, LibraryError> {
    let Some(path) = path else {
        return fill_into(db, &super::db_path(dir), dir, progress);
    };
    let mut filling = path.as_os_str().to_owned();
    filling.push(FILLING_SUFFIX);
    let filling = std::path::PathBuf::from(filling);
    // What a fill that never finished left.
    super::db::remove(&filling).map_err(super::io(&filling))?;
    let mut new = super::db::connect_to_fill(&filling)?;
    let filled = fill_into(&mut new, &filling, dir, progress)
        .and_then(|total| Ok((total, super::db::finish_filling(new, &filling)?)));
    let total = match filled {
        Ok((total, ())) => total,
        Err(e) => {
            let _ = super::db::remove(&filling);
            return Err(e);
        }
    };
    std::fs::File::open(&filling)
        .and_then(|file| file.sync_all())
        .map_err(super::io(&filling))?;
    // The old database closed and gone (with its log) before the new one takes its name: a
    // log left beside it would be replayed into the new file.
    drop(std::mem::replace(db, super::db::in_memory()?));
    super::db::remove(path).map_err(super::io(path))?;
    std::fs::rename(&filling, path).map_err(super::io(path))?;
    if let Some(folder) = path.parent() {
        std::fs::File::open(folder)
            .and_then(|folder| folder.sync_all())
            .map_err(super::io(folder))?;
    }
    *db = super::db::connect(path)?;
    Ok(total)
}

/// What is added to the database's file name for the file a fill makes.
const FILLING_SUFFIX: &str = ".filling";

/// [`fill`] into `db` (at `db_path`, for messages).
fn fill_into(
    db: &mut Connection,
    db_path: &Path,
    dir: &Path,
    progress: Progress<'_>,
) -> Result<usize, LibraryError> {
    let sql = super::sqlite(db_path);
    // The folder is read once no other gloss can write the database: an article written
    // meanwhile has its file there, or waits to be indexed after this.
    let tx = db
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(&sql)?;
    let ids = scan::article_ids(dir).map_err(super::io(dir))?;
    // The list's order first, from the small entry files; then each article is read and
    // parsed on a thread of its own while this one indexes the one before, a few at a time
    // in flight, so that memory stays bounded whatever the library's size.
    let mut order = list_order(dir, ids);
    order.sort();
    let total = order.len();
    let (send, receive) = std::sync::mpsc::sync_channel(64);
    let reader_dir = dir.to_path_buf();
    let reader = std::thread::spawn(move || {
        for (_, id) in order {
            if send.send(read(&reader_dir, &id)).is_err() {
                return;
            }
        }
    });
    let staged = index::Staged::begin(&tx).map_err(&sql)?;
    tx.execute_batch(super::db::DROP_INDEXES).map_err(&sql)?;
    // A larger page cache while the tables grow (the default 2 MB thrashes past a hundred
    // thousand articles); set back once they are filled.
    tx.execute_batch(&format!("PRAGMA cache_size = -{FILL_CACHE_KIB}"))
        .map_err(&sql)?;
    fts_tuning(&tx, FILL_FTS_HASH_BYTES, FILL_FTS_MERGE).map_err(&sql)?;
    // Sorting for the indexes made at the end on another thread too.
    tx.execute_batch("PRAGMA threads = 2").map_err(&sql)?;
    for (seq, (entry, file, stamps)) in receive.into_iter().enumerate() {
        index::put_staged(&tx, &entry, file.as_ref(), &stamps, seq as i64 + 1, &staged)
            .map_err(&sql)?;
        if seq % FILL_BATCH == FILL_BATCH - 1 {
            staged.flush(&tx).map_err(&sql)?;
        }
        if seq % 1024 == 1023 {
            progress(seq + 1, total);
        }
    }
    staged.flush(&tx).map_err(&sql)?;
    staged.end(&tx).map_err(&sql)?;
    tx.execute_batch(super::db::INDEXES).map_err(&sql)?;
    fts_tuning(&tx, FTS_HASH_BYTES, FTS_MERGE).map_err(&sql)?;
    let _ = reader.join();
    tx.commit().map_err(&sql)?;
    db.execute_batch("PRAGMA cache_size = -2000")
        .map_err(&sql)?;
    progress(total, total);
    Ok(total)
}

/// Each of `ids` with when it was last opened (from its entry file), read on two threads: a
/// million small files take half a minute on one.
fn list_order(dir: &Path, ids: Vec<String>) -> Vec<(String, String)> {
    let with_date = |ids: Vec<String>| -> Vec<(String, String)> {
        ids.into_iter()
            .map(|id| (scan::last_opened(dir, &id), id))
            .collect()
    };
    let mut first = ids;
    let second = first.split_off(first.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| with_date(second));
        let mut order = with_date(first);
        match other.join() {
            Ok(rest) => order.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        order
    })
}

/// Checks every article file of `dir` against what the database indexed of it: a file that is
/// new or changed (by its stamp) is indexed again, an entry without a file dropped.
pub fn check(db: &mut Connection, dir: &Path) -> Result<Checked, LibraryError> {
    let db_path = super::db_path(dir);
    let sql = super::sqlite(&db_path);
    let tx = db
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(&sql)?;
    // Read once no other gloss can write the database (see [`fill`]).
    let ids = scan::article_ids(dir).map_err(super::io(dir))?;
    check_with(tx, dir, &ids).map_err(sql)
}

fn check_with(
    tx: rusqlite::Transaction<'_>,
    dir: &Path,
    ids: &[String],
) -> rusqlite::Result<Checked> {
    let on_disk: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let indexed: HashMap<String, (String, String)> = {
        let mut statement = tx.prepare("SELECT id, file_stamp, entry_stamp FROM articles")?;
        statement
            .query_map([], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?
    };
    let mut checked = Checked::default();
    for id in indexed.keys().filter(|id| !on_disk.contains(id.as_str())) {
        index::remove(&tx, id)?;
        checked.dropped += 1;
    }
    let mut changed: Vec<(Entry, Option<AnnotationFile>, Stamps)> = Vec::new();
    for id in ids {
        let stamps = stamps(dir, id);
        if indexed.get(id) != Some(&(stamps.file.clone(), stamps.entry.clone())) {
            changed.push(read(dir, id));
        }
    }
    changed.sort_by(|a, b| (&a.0.last_opened, &a.0.id).cmp(&(&b.0.last_opened, &b.0.id)));
    for (entry, file, stamps) in changed {
        // An article already listed keeps its place unless it was opened since.
        let place: Option<(i64, String)> = tx
            .query_row(
                "SELECT seq, last_opened FROM articles WHERE id = ?1",
                [&entry.id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .ok();
        let seq = match place {
            Some((seq, last_opened)) if last_opened >= entry.last_opened => seq,
            _ => index::next_seq(&tx)?,
        };
        index::put(&tx, &entry, file.as_ref(), &stamps, seq)?;
        checked.indexed += 1;
    }
    tx.commit()?;
    Ok(checked)
}

/// The stamps of article `id`'s files now.
pub fn stamps(dir: &Path, id: &str) -> Stamps {
    Stamps {
        file: super::db::stamp(&dir.join(format!("{id}{ARTICLE_SUFFIX}"))),
        entry: super::db::stamp(&dir.join(format!("{id}{ENTRY_SUFFIX}"))),
    }
}

/// Article `id`'s entry (from its entry file, else recovered from the article file), its
/// annotation file when it can be read, and the stamps of both as they were read.
fn read(dir: &Path, id: &str) -> (Entry, Option<AnnotationFile>, Stamps) {
    let stamps = stamps(dir, id);
    let path = dir.join(format!("{id}{ARTICLE_SUFFIX}"));
    let file = crate::files::read_annotation_file(&path)
        .ok()
        .and_then(|json| file::parse(&path, &json).ok());
    let entry = scan::recover(dir, id, file.as_ref());
    (entry, file, stamps)
}
