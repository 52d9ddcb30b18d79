//! Running a [`SearchQuery`] on the library database: the spans whose actor's name matches
//! (claims by it, mentions of it), or the articles whose text matches a full-text query, in
//! the list's order; then each hit's text and context read from its article's file, for
//! the hits asked for only.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{Connection, params};

use super::index::{CLAIM, MENTION};
use super::scan::ARTICLE_SUFFIX;
use super::search::{Hit, HitKind, SearchQuery, around, one_line};
use crate::text::clean::clean;

/// Why a search failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The full-text query is not one SQLite reads.
    #[error("cannot search for {query:?}: {reason}")]
    Query {
        /// The query as typed.
        query: String,
        /// SQLite's reason.
        reason: String,
    },
    /// The database could not be read.
    #[error("the library index {}", .path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The cause.
        #[source]
        error: rusqlite::Error,
    },
    /// The search was cancelled.
    #[error("search cancelled")]
    Cancelled,
}

/// Columns of context shown before a mention.
const CONTEXT_COLUMNS: usize = 24;

/// The most places one article's text shows for a full-text query.
const PLACES_PER_ARTICLE: usize = 20;

/// A search that can run on a worker: the library folder and its database.
#[derive(Debug, Clone)]
pub struct Searcher {
    pub(super) dir: PathBuf,
    pub(super) db: PathBuf,
}

impl Searcher {
    /// Runs `query` on a connection of its own: at most `limit` hits, in the list's order;
    /// setting `cancel` stops it.
    pub fn run(
        &self,
        query: &SearchQuery,
        limit: usize,
        cancel: &AtomicBool,
    ) -> Result<Vec<Hit>, SearchError> {
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let db =
            Connection::open_with_flags(&self.db, flags).map_err(|error| SearchError::Sqlite {
                path: self.db.clone(),
                error,
            })?;
        search(&db, &self.db, &self.dir, query, limit, cancel)
    }
}

/// Runs `query` on `db` (the database at `db_path` of the library in `dir`).
pub fn search(
    db: &Connection,
    db_path: &Path,
    dir: &Path,
    query: &SearchQuery,
    limit: usize,
    cancel: &AtomicBool,
) -> Result<Vec<Hit>, SearchError> {
    let sqlite = |error: rusqlite::Error| match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::OperationInterrupted) => SearchError::Cancelled,
        _ => match (query, &error) {
            (SearchQuery::Text(words), rusqlite::Error::SqliteFailure(_, Some(reason))) => {
                SearchError::Query {
                    query: words.clone(),
                    reason: reason.clone(),
                }
            }
            _ => SearchError::Sqlite {
                path: db_path.to_path_buf(),
                error,
            },
        },
    };
    let limit = limit.min(i64::MAX as usize) as i64;
    let done = AtomicBool::new(false);
    let interrupt = db.get_interrupt_handle();
    let found = std::thread::scope(|scope| {
        // A query sorting many rows returns nothing until it is done: a watcher interrupts
        // it when the search is cancelled.
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                if cancel.load(Ordering::Relaxed) {
                    interrupt.interrupt();
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        });
        let found = match query {
            SearchQuery::Text(words) => text_hits(db, words, limit),
            _ => span_hits(db, query, limit, cancel),
        };
        done.store(true, Ordering::Relaxed);
        found
    })
    .map_err(sqlite)?;
    if cancel.load(Ordering::Relaxed) {
        return Err(SearchError::Cancelled);
    }
    let mut hits = resolve(dir, query, found);
    hits.truncate(limit as usize);
    Ok(hits)
}

/// A hit as the database gives it, before its text is read.
struct Found {
    article: String,
    title: String,
    kind: HitKind,
    annotation: String,
    start: usize,
    end: usize,
    actor: String,
}

/// The spans of the actors whose names hold the query's, in the list's order (the article
/// on top first, then by offset), `limit` at most: for each such name its first `limit` by
/// an index that keeps them in that order, then the first `limit` of them all. (One query
/// sorting every match took 663 ms for a speaker of a fifth of a million articles.)
fn span_hits(
    db: &Connection,
    query: &SearchQuery,
    limit: i64,
    cancel: &AtomicBool,
) -> rusqlite::Result<Vec<Found>> {
    let names: Vec<String> = db
        .prepare_cached("SELECT name FROM names WHERE instr(name, ?1) > 0")?
        .query_map([query.needle()], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let (kinds, mentions): (&[i64], bool) = match query {
        SearchQuery::ClaimsBy(_) => (&[CLAIM], false),
        SearchQuery::Mentions(_) => (&[MENTION], true),
        _ => (&[CLAIM, MENTION], true),
    };
    const SELECT: &str = "SELECT a.id, a.title, s.kind, s.annotation, s.start, s.end, s.actor,
         s.seq FROM spans s JOIN articles a ON a.key = s.article";
    let mut by_name = db.prepare_cached(&format!(
        "{SELECT} WHERE s.name = ?1 AND s.kind = ?2 ORDER BY s.seq DESC, s.start LIMIT ?3"
    ))?;
    // A mention is found by what it says too ("the Kremlin" of the actor "Russia").
    let mut by_said = db.prepare_cached(&format!(
        "{SELECT} WHERE s.said = ?1 AND s.kind = ?2 ORDER BY s.seq DESC, s.start LIMIT ?3"
    ))?;
    let mut found: Vec<(i64, Found)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for name in &names {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let mut rows = Vec::new();
        for kind in kinds {
            rows.extend(
                by_name
                    .query_map(params![name, kind, limit], found_of)?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
            );
        }
        if mentions {
            rows.extend(
                by_said
                    .query_map(params![name, MENTION, limit], found_of)?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
            );
        }
        for (seq, hit) in rows {
            if seen.insert((
                hit.article.clone(),
                hit.annotation.clone(),
                kind_order(hit.kind),
            )) {
                found.push((seq, hit));
            }
        }
    }
    found.sort_by(|(a_seq, a), (b_seq, b)| {
        b_seq
            .cmp(a_seq)
            .then(a.start.cmp(&b.start))
            .then(kind_order(a.kind).cmp(&kind_order(b.kind)))
    });
    found.truncate(limit.max(0) as usize);
    Ok(found.into_iter().map(|(_, hit)| hit).collect())
}

/// A span's kind as the database numbers it (claims before mentions at one offset).
fn kind_order(kind: HitKind) -> i64 {
    match kind {
        HitKind::Claim => CLAIM,
        _ => MENTION,
    }
}

/// The hit of a row of [`span_hits`], with its article's place.
fn found_of(row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, Found)> {
    let kind: i64 = row.get(2)?;
    Ok((
        row.get(7)?,
        Found {
            article: row.get(0)?,
            title: row.get(1)?,
            kind: if kind == CLAIM {
                HitKind::Claim
            } else {
                debug_assert_eq!(kind, MENTION);
                HitKind::Mention
            },
            annotation: row.get(3)?,
            start: row.get::<_, i64>(4)?.max(0) as usize,
            end: row.get::<_, i64>(5)?.max(0) as usize,
            actor: row.get(6)?,
        },
    ))
}

fn text_hits(db: &Connection, words: &str, limit: i64) -> rusqlite::Result<Vec<Found>> {
    let mut statement = db.prepare_cached(
        "SELECT a.id, a.title FROM text_words t JOIN articles a ON a.key = t.rowid
         WHERE text_words MATCH ?1 ORDER BY t.rowid DESC LIMIT ?2",
    )?;
    let rows = statement.query_map(params![words, limit], |row| {
        Ok(Found {
            article: row.get(0)?,
            title: row.get(1)?,
            kind: HitKind::Text,
            annotation: String::new(),
            start: 0,
            end: 0,
            actor: String::new(),
        })
    })?;
    rows.collect()
}

/// Reads each hit's article once for its text and context; a hit whose article cannot be
/// read, or whose offsets its text no longer has, is left out.
fn resolve(dir: &Path, query: &SearchQuery, found: Vec<Found>) -> Vec<Hit> {
    #[derive(serde::Deserialize)]
    struct TextOnly {
        text: String,
    }
    let mut texts: HashMap<String, Option<Vec<char>>> = HashMap::new();
    let phrases = match query {
        SearchQuery::Text(words) => super::words::phrases(words),
        _ => Vec::new(),
    };
    let mut hits = Vec::with_capacity(found.len());
    for found in found {
        let chars = texts.entry(found.article.clone()).or_insert_with(|| {
            let path = dir.join(format!("{}{ARTICLE_SUFFIX}", found.article));
            let json = crate::files::read_annotation_file(&path).ok()?;
            let text: TextOnly = serde_json::from_str(&json).ok()?;
            Some(text.text.chars().collect())
        });
        let Some(chars) = chars else { continue };
        if found.kind == HitKind::Text {
            let places = super::words::find(chars, &phrases, PLACES_PER_ARTICLE);
            // The index matched words this reading did not find: the article's start.
            if places.is_empty() {
                hits.push(hit(&found, 0, 0, chars));
            }
            for place in places {
                hits.push(hit(&found, place.start, place.end, chars));
            }
            continue;
        }
        if found.end > chars.len() || found.start > found.end {
            continue;
        }
        hits.push(hit(&found, found.start, found.end, chars));
    }
    hits
}

fn hit(found: &Found, start: usize, end: usize, chars: &[char]) -> Hit {
    // The file may have been edited by hand: what is shown is cleaned.
    let text = clean(&chars[start..end].iter().collect::<String>()).into_owned();
    let context = match found.kind {
        HitKind::Claim => one_line(&text),
        HitKind::Mention | HitKind::Text => {
            clean(&around(chars, start, end, CONTEXT_COLUMNS)).into_owned()
        }
    };
    Hit {
        article: found.article.clone(),
        title: found.title.clone(),
        kind: found.kind,
        annotation: found.annotation.clone(),
        start,
        end,
        text,
        context,
        actor: found.actor.clone(),
    }
}
