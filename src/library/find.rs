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
            _ => span_hits(db, query, limit),
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

fn span_hits(db: &Connection, query: &SearchQuery, limit: i64) -> rusqlite::Result<Vec<Found>> {
    let kinds = match query {
        SearchQuery::ClaimsBy(_) => "s.kind = 0",
        SearchQuery::Mentions(_) => "s.kind = 1",
        _ => "s.kind IN (0, 1)",
    };
    let sql = format!(
        "WITH matching(name) AS (SELECT name FROM names WHERE instr(name, ?1) > 0)
         SELECT a.id, a.title, s.kind, s.annotation, s.start, s.end, s.actor
         FROM spans s JOIN articles a ON a.key = s.article
         WHERE {kinds} AND (s.name IN matching OR (s.kind = 1 AND s.said IN matching))
         ORDER BY a.seq DESC, s.start, s.kind LIMIT ?2"
    );
    let mut statement = db.prepare_cached(&sql)?;
    let rows = statement.query_map(params![query.needle(), limit], |row| {
        let kind: i64 = row.get(2)?;
        Ok(Found {
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
        })
    })?;
    rows.collect()
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
