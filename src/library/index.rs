//! One article's rows in the library database: its entry, the words of its list line, the
//! words of its text and its tagged spans. Writing them is one call, inside the caller's
//! transaction.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::entry::Entry;
use super::filter;
use crate::annotation::Kind;
use crate::annotation::file::{AnnotationFile, StoredAnnotation};

/// The stamps of an article's two files when they were indexed (see [`super::db::stamp`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamps {
    /// Of its annotation file.
    pub file: String,
    /// Of its entry file.
    pub entry: String,
}

/// A span's kind in the `spans` table.
pub const CLAIM: i64 = 0;
/// A mention's kind in the `spans` table.
pub const MENTION: i64 = 1;

/// The columns [`entry_of`] reads, in its order.
pub const ENTRY_COLUMNS: &str = "id, title, source, feed, date, actors, claims, names, added, last_opened, file, position, \
     annotations";

/// The entry of a row selected with [`ENTRY_COLUMNS`] first.
pub fn entry_of(row: &Row<'_>) -> rusqlite::Result<Entry> {
    let names: String = row.get(7)?;
    let position: Option<i64> = row.get(11)?;
    let file: Option<String> = row.get(10)?;
    Ok(Entry {
        id: row.get(0)?,
        title: row.get(1)?,
        source: row.get(2)?,
        feed: row.get(3)?,
        date: row.get(4)?,
        actors: row.get::<_, i64>(5)?.max(0) as usize,
        claims: row.get::<_, i64>(6)?.max(0) as usize,
        names: names
            .split('\n')
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect(),
        added: row.get(8)?,
        last_opened: row.get(9)?,
        file: file.map(std::path::PathBuf::from),
        position: position.map(|p| p.max(0) as usize),
        annotations: row.get::<_, Option<i64>>(12)?.map(|n| n.max(0) as usize),
    })
}

/// The entry of article `id`, if the database has it.
pub fn get(db: &Connection, id: &str) -> rusqlite::Result<Option<Entry>> {
    db.query_row(
        &format!("SELECT {ENTRY_COLUMNS} FROM articles WHERE id = ?1"),
        [id],
        entry_of,
    )
    .optional()
}

/// The next place at the top of the list.
pub fn next_seq(db: &Connection) -> rusqlite::Result<i64> {
    db.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM articles",
        [],
        |row| row.get(0),
    )
}

/// Full-text rows held back while many articles are indexed, to go into the FTS5 tables
/// thousands at a time: one statement each, where a statement per article would have FTS5
/// write out (and merge) its pending terms every time.
#[derive(Debug)]
pub struct Staged(());

impl Staged {
    /// Makes the holding tables (temporary, this connection's only).
    pub fn begin(db: &Connection) -> rusqlite::Result<Staged> {
        db.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS staged_list(rowid INTEGER PRIMARY KEY, haystack);
             CREATE TEMP TABLE IF NOT EXISTS staged_text(rowid INTEGER PRIMARY KEY, title, body);",
        )?;
        Ok(Staged(()))
    }

    /// Moves what is held into the FTS5 tables.
    pub fn flush(&self, db: &Connection) -> rusqlite::Result<()> {
        db.execute_batch(
            "INSERT INTO list_words(rowid, haystack) SELECT rowid, haystack FROM staged_list;
             DELETE FROM staged_list;
             INSERT INTO text_words(rowid, title, body) SELECT rowid, title, body FROM staged_text;
             DELETE FROM staged_text;",
        )
    }

    /// Removes the holding tables (after a last [`Staged::flush`]).
    pub fn end(self, db: &Connection) -> rusqlite::Result<()> {
        db.execute_batch("DROP TABLE staged_list; DROP TABLE staged_text;")
    }
}

/// Writes `entry` at place `seq` of the list; with `file`, its text and spans are indexed
/// too (the text only when it changed).
pub fn put(
    db: &Connection,
    entry: &Entry,
    file: Option<&AnnotationFile>,
    stamps: &Stamps,
    seq: i64,
) -> rusqlite::Result<()> {
    put_with(db, entry, file, stamps, seq, None)
}

/// [`put`] for an article new to the database, its full-text rows held in `staged`.
pub fn put_staged(
    db: &Connection,
    entry: &Entry,
    file: Option<&AnnotationFile>,
    stamps: &Stamps,
    seq: i64,
    staged: &Staged,
) -> rusqlite::Result<()> {
    put_with(db, entry, file, stamps, seq, Some(staged))
}

fn put_with(
    db: &Connection,
    entry: &Entry,
    file: Option<&AnnotationFile>,
    stamps: &Stamps,
    seq: i64,
    staged: Option<&Staged>,
) -> rusqlite::Result<()> {
    // An article staged is new to the database (which is being filled, its indexes made
    // only once the rows are in: a lookup by id would read the whole table).
    let existing: Option<(i64, i64, String)> = match staged {
        Some(_) => None,
        None => db
            .prepare_cached("SELECT key, seq, fingerprint FROM articles WHERE id = ?1")?
            .query_row([&entry.id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .optional()?,
    };
    let fingerprint = file.map_or_else(
        || existing.as_ref().map(|e| e.2.clone()).unwrap_or_default(),
        |f| f.fingerprint.clone(),
    );
    let names = entry.names.join("\n");
    let file_path = entry.file.as_ref().map(|p| p.display().to_string());
    let position = entry.position.map(|p| p as i64);
    let annotations = entry.annotations.map(|n| n as i64);
    let key = match &existing {
        Some((key, old_seq, _)) => {
            db.execute("DELETE FROM list_words WHERE rowid = ?1", [old_seq])?;
            db.prepare_cached(
                "UPDATE articles SET seq = ?2, title = ?3, source = ?4, feed = ?5, date = ?6,
                 actors = ?7, claims = ?8, names = ?9, added = ?10, last_opened = ?11,
                 file = ?12, position = ?13, fingerprint = ?14, file_stamp = ?15,
                 entry_stamp = ?16, annotations = ?17 WHERE key = ?1",
            )?
            .execute(params![
                key,
                seq,
                entry.title,
                entry.source,
                entry.feed,
                entry.date,
                entry.actors as i64,
                entry.claims as i64,
                names,
                entry.added,
                entry.last_opened,
                file_path,
                position,
                fingerprint,
                stamps.file,
                stamps.entry,
                annotations
            ])?;
            *key
        }
        None => {
            db.prepare_cached(
                "INSERT INTO articles(seq, id, title, source, feed, date, actors, claims, names,
                 added, last_opened, file, position, fingerprint, file_stamp, entry_stamp,
                 annotations)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17)",
            )?
            .execute(params![
                seq,
                entry.id,
                entry.title,
                entry.source,
                entry.feed,
                entry.date,
                entry.actors as i64,
                entry.claims as i64,
                names,
                entry.added,
                entry.last_opened,
                file_path,
                position,
                fingerprint,
                stamps.file,
                stamps.entry,
                annotations
            ])?;
            db.last_insert_rowid()
        }
    };
    let (list, text) = match staged {
        Some(_) => (
            "INSERT INTO staged_list(rowid, haystack) VALUES (?1, ?2)",
            "INSERT INTO staged_text(rowid, title, body) VALUES (?1, ?2, ?3)",
        ),
        None => (
            "INSERT INTO list_words(rowid, haystack) VALUES (?1, ?2)",
            "INSERT INTO text_words(rowid, title, body) VALUES (?1, ?2, ?3)",
        ),
    };
    db.prepare_cached(list)?
        .execute(params![seq, filter::haystack(entry)])?;
    if let Some(file) = file {
        let text_changed = existing.as_ref().is_none_or(|e| e.2 != file.fingerprint);
        if text_changed {
            if existing.is_some() {
                db.execute("DELETE FROM text_words WHERE rowid = ?1", [key])?;
            }
            db.prepare_cached(text)?
                .execute(params![key, file.title, file.text])?;
        }
        if existing.is_some() {
            db.execute("DELETE FROM spans WHERE article = ?1", [key])?;
        }
        put_spans(db, key, seq, file)?;
    } else if existing.as_ref().is_some_and(|e| e.1 != seq) {
        // The spans keep the article's place, so that a search walks them in the list's order.
        db.prepare_cached("UPDATE spans SET seq = ?2 WHERE article = ?1")?
            .execute(params![key, seq])?;
    }
    Ok(())
}

/// Removes article `id` and everything indexed of it.
pub fn remove(db: &Connection, id: &str) -> rusqlite::Result<()> {
    let Some((key, seq)): Option<(i64, i64)> = db
        .query_row("SELECT key, seq FROM articles WHERE id = ?1", [id], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?
    else {
        return Ok(());
    };
    db.execute("DELETE FROM list_words WHERE rowid = ?1", [seq])?;
    db.execute("DELETE FROM text_words WHERE rowid = ?1", [key])?;
    db.execute("DELETE FROM spans WHERE article = ?1", [key])?;
    db.execute("DELETE FROM articles WHERE key = ?1", [key])?;
    Ok(())
}

/// The name a span is found by: its actor's, lower-cased.
fn name_of(annotation: &StoredAnnotation) -> String {
    actor_of(annotation).to_lowercase()
}

/// The actor's name as shown: the entity's canonical name, else its text.
pub fn actor_of(annotation: &StoredAnnotation) -> String {
    annotation
        .actor
        .clone()
        .unwrap_or_else(|| annotation.text.trim().to_string())
}

fn put_spans(db: &Connection, key: i64, seq: i64, file: &AnnotationFile) -> rusqlite::Result<()> {
    let mut span = db.prepare_cached(
        "INSERT INTO spans(article, seq, kind, name, said, annotation, start, end, actor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut name = db.prepare_cached("INSERT OR IGNORE INTO names(name) VALUES (?1)")?;
    let entities: HashMap<&str, &StoredAnnotation> = file
        .annotations
        .iter()
        .filter(|a| a.kind == Kind::Entity)
        .map(|a| (a.id.as_str(), a))
        .collect();
    for annotation in &file.annotations {
        let (kind, speaker) = match annotation.kind {
            Kind::Entity => (MENTION, annotation),
            Kind::Claim => {
                let Some(speaker) = annotation
                    .speaker
                    .as_deref()
                    .and_then(|id| entities.get(id))
                else {
                    continue;
                };
                (CLAIM, *speaker)
            }
        };
        let found_by = name_of(speaker);
        let said = match kind {
            MENTION => annotation.text.trim().to_lowercase(),
            _ => String::new(),
        };
        name.execute([&found_by])?;
        if !said.is_empty() && said != found_by {
            name.execute([&said])?;
        }
        span.execute(params![
            key,
            seq,
            kind,
            found_by,
            said,
            annotation.id,
            annotation.start as i64,
            annotation.end as i64,
            actor_of(speaker)
        ])?;
    }
    Ok(())
}
