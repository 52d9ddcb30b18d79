//! The library's index: an SQLite database (WAL mode) beside the article files, holding one
//! row per article, the words of its list line (a trigram index, for filtering as the user
//! types), the words of its text (FTS5, for full-text search) and its tagged spans (for
//! "claims by" and "mentions of"). It is only a cache of the files: a database that is
//! missing, damaged, stale or from another gloss is rebuilt from them, never trusted.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

/// File name of the database in the library folder.
pub const DB_FILE: &str = "library.db";

/// The schema this gloss writes and reads; a database with another is rebuilt (older) or
/// left alone (newer).
pub const SCHEMA: i64 = 4;

/// How long a writer waits for another gloss to finish its own write.
const BUSY: Duration = Duration::from_secs(10);

const CREATE: &str = "
CREATE TABLE meta(key TEXT PRIMARY KEY, value ANY) WITHOUT ROWID;
CREATE TABLE articles(
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    feed TEXT,
    date TEXT,
    actors INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    names TEXT NOT NULL,
    added TEXT NOT NULL,
    last_opened TEXT NOT NULL,
    file TEXT,
    position INTEGER,
    fingerprint TEXT NOT NULL,
    file_stamp TEXT NOT NULL,
    entry_stamp TEXT NOT NULL,
    annotations INTEGER
);
CREATE VIRTUAL TABLE list_words USING fts5(haystack, tokenize = 'trigram');
CREATE VIRTUAL TABLE text_words USING fts5(
    title, body, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE spans(
    article INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    name TEXT NOT NULL,
    said TEXT NOT NULL,
    annotation TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    actor TEXT NOT NULL
);
CREATE TABLE names(name TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER count_in AFTER INSERT ON articles
    BEGIN UPDATE meta SET value = value + 1 WHERE key = 'count'; END;
CREATE TRIGGER count_out AFTER DELETE ON articles
    BEGIN UPDATE meta SET value = value - 1 WHERE key = 'count'; END;
";

/// The indexes of the articles and spans tables: made after the rows when the database is
/// filled (sorting millions of rows once is far quicker than keeping the indexes in order
/// while they come, and an article's id is random: each would go to a page of its own).
pub const INDEXES: &str = "
CREATE UNIQUE INDEX IF NOT EXISTS articles_by_id ON articles(id);
CREATE UNIQUE INDEX IF NOT EXISTS articles_by_seq ON articles(seq);
CREATE INDEX IF NOT EXISTS articles_by_file ON articles(file) WHERE file IS NOT NULL;
CREATE INDEX IF NOT EXISTS spans_by_article ON spans(article);
CREATE INDEX IF NOT EXISTS spans_by_name ON spans(name, kind, seq DESC, start);
CREATE INDEX IF NOT EXISTS spans_by_said ON spans(said, kind, seq DESC, start);
";

/// Removes [`INDEXES`].
pub const DROP_INDEXES: &str = "
DROP INDEX IF EXISTS articles_by_id;
DROP INDEX IF EXISTS articles_by_seq;
DROP INDEX IF EXISTS articles_by_file;
DROP INDEX IF EXISTS spans_by_article;
DROP INDEX IF EXISTS spans_by_name;
DROP INDEX IF EXISTS spans_by_said;
";

/// Why the database could not be used.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite refused (a damaged file, a full disk, a lock held too long).
    #[error("the library index {}", .path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The cause.
        #[source]
        error: rusqlite::Error,
    },
    /// A newer gloss made it: it is left as it is.
    #[error(
        "the library index {} was made by a newer gloss (schema {found}; this one reads {SCHEMA})",
        .path.display()
    )]
    Newer {
        /// The database file.
        path: PathBuf,
        /// Its schema.
        found: i64,
    },
    /// An older gloss made it: it is rebuilt in this one's shape.
    #[error(
        "the library index {} was made by an older gloss (schema {found}; this one reads {SCHEMA})",
        .path.display()
    )]
    Older {
        /// The database file.
        path: PathBuf,
        /// Its schema.
        found: i64,
    },
}

impl DbError {
    /// True when the file is not a usable database of ours (damaged, not SQLite, an older
    /// schema, or never finished), so that rebuilding it loses nothing.
    pub fn is_damage(&self) -> bool {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match self {
            DbError::Sqlite { error, .. } => matches!(
                error.sqlite_error_code(),
                Some(DatabaseCorrupt | NotADatabase)
            ),
            DbError::Older { .. } => true,
            DbError::Newer { .. } => false,
        }
    }
}

/// The state of an opened database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Complete, last written when the folder had this stamp.
    Ready {
        /// The folder's stamp when the database was last written.
        folder: String,
    },
    /// Empty or never finished: it must be filled from the files.
    Unfilled,
}

/// A connection to the database at `path`, with its pragmas set; the tables are made when
/// the file is new.
pub fn connect(path: &Path) -> Result<Connection, DbError> {
    let sqlite = |error| DbError::Sqlite {
        path: path.to_path_buf(),
        error,
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let db = Connection::open_with_flags(path, flags).map_err(sqlite)?;
    db.busy_timeout(BUSY).map_err(sqlite)?;
    // The database is a cache of fsynced files: after a power cut it may lose its last
    // transactions, and the folder stamp then tells that it must be checked again.
    // Asking for WAL again while another gloss writes would fail at once, not wait.
    let mode: String = db
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .map_err(sqlite)?;
    if !mode.eq_ignore_ascii_case("wal") {
        db.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(sqlite)?;
    }
    db.execute_batch("PRAGMA synchronous = NORMAL;")
        .map_err(sqlite)?;
    create_if_new(&db).map_err(sqlite)?;
    Ok(db)
}

/// A new database at `path` for one connection alone to fill before it takes the library's
/// place ([`finish_filling`]): without a journal and without syncs while it fills, which
/// halves what is written (in WAL mode every page went to the log, then again into the
/// file). Nothing else opens it, and a crash leaves a file the next fill removes.
pub fn connect_to_fill(path: &Path) -> Result<Connection, DbError> {
    let sqlite = |error| DbError::Sqlite {
        path: path.to_path_buf(),
        error,
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let db = Connection::open_with_flags(path, flags).map_err(sqlite)?;
    db.query_row("PRAGMA journal_mode = OFF", [], |_| Ok(()))
        .map_err(sqlite)?;
    db.execute_batch("PRAGMA synchronous = OFF;")
        .map_err(sqlite)?;
    create_if_new(&db).map_err(sqlite)?;
    Ok(db)
}

/// Makes a database filled through [`connect_to_fill`] one to share: in WAL mode, and
/// closed (the caller syncs the file).
pub fn finish_filling(db: Connection, path: &Path) -> Result<(), DbError> {
    let sqlite = |error| DbError::Sqlite {
        path: path.to_path_buf(),
        error,
    };
    db.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .map_err(sqlite)?;
    db.close().map_err(|(_, error)| sqlite(error))
}

/// An in-memory database of the same shape (for a library whose file belongs to a newer
/// gloss).
pub fn in_memory() -> Result<Connection, DbError> {
    let sqlite = |error| DbError::Sqlite {
        path: PathBuf::from(":memory:"),
        error,
    };
    let db = Connection::open_in_memory().map_err(sqlite)?;
    create_if_new(&db).map_err(sqlite)?;
    Ok(db)
}

fn create_if_new(db: &Connection) -> rusqlite::Result<()> {
    let tables: i64 = db.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
        [],
        |row| row.get(0),
    )?;
    if tables == 0 {
        // Immediate: a transaction that reads, then writes, fails at once in WAL mode when
        // another wrote in between, instead of waiting.
        let tx =
            rusqlite::Transaction::new_unchecked(db, rusqlite::TransactionBehavior::Immediate)?;
        // Another gloss may have made them since the check above.
        let again: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |row| row.get(0),
        )?;
        if again == 0 {
            tx.execute_batch(CREATE)?;
            tx.execute_batch(INDEXES)?;
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('schema', ?1), ('count', 0)",
                params![SCHEMA],
            )?;
        }
        tx.commit()?;
    }
    Ok(())
}

/// What the database at `path` (opened as `db`) holds: refuses one of a newer schema.
pub fn state(db: &Connection, path: &Path) -> Result<State, DbError> {
    let sqlite = |error| DbError::Sqlite {
        path: path.to_path_buf(),
        error,
    };
    let schema: Option<i64> = meta(db, "schema").map_err(sqlite)?;
    match schema {
        Some(found) if found > SCHEMA => {
            return Err(DbError::Newer {
                path: path.to_path_buf(),
                found,
            });
        }
        Some(found) if found < SCHEMA => {
            return Err(DbError::Older {
                path: path.to_path_buf(),
                found,
            });
        }
        Some(_) => {}
        // Tables made but never marked: as good as empty.
        None => return Ok(State::Unfilled),
    }
    let folder: Option<String> = meta(db, "folder").map_err(sqlite)?;
    Ok(match folder {
        Some(folder) => State::Ready { folder },
        None => State::Unfilled,
    })
}

/// The value of `key` in the meta table.
pub fn meta<T: rusqlite::types::FromSql>(
    db: &Connection,
    key: &str,
) -> rusqlite::Result<Option<T>> {
    db.query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
        row.get(0)
    })
    .optional()
}

/// Sets `key` in the meta table.
pub fn set_meta(db: &Connection, key: &str, value: impl rusqlite::ToSql) -> rusqlite::Result<()> {
    db.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )
    .map(drop)
}

/// Removes the database at `path` and its WAL files (it is damaged or of an older gloss:
/// the files it was made from are untouched).
pub fn remove(path: &Path) -> std::io::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        match std::fs::remove_file(PathBuf::from(file)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// A stamp of the file at `path` (its size and modification time), to tell whether it
/// changed since it was indexed; empty when it is not there.
pub fn stamp(path: &Path) -> String {
    std::fs::metadata(path).map_or_else(|_| String::new(), |m| stamp_of(&m))
}

/// The stamp of a file's metadata.
pub fn stamp_of(metadata: &std::fs::Metadata) -> String {
    let modified = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("{}:{modified}", metadata.len())
}
