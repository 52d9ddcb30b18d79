//! Reading the library list a screen at a time: the list is the articles by place (`seq`,
//! highest most recently opened), so a page of it, and a page of the articles a filter
//! keeps, is read through an index from where it starts, whatever the library's size.

use rusqlite::{Connection, params_from_iter};

use super::entry::Entry;
use super::index::{ENTRY_COLUMNS, entry_of};

/// The number of articles in the library.
pub fn count(db: &Connection) -> rusqlite::Result<usize> {
    let count: Option<i64> = super::db::meta(db, "count")?;
    Ok(count.unwrap_or(0).max(0) as usize)
}

/// The entries at places `from..from + rows` of the whole list (of `total` articles), most
/// recently opened first. A page nearer the end is read from the end.
pub fn page(
    db: &Connection,
    from: usize,
    rows: usize,
    total: usize,
) -> rusqlite::Result<Vec<Entry>> {
    if rows == 0 || from >= total {
        return Ok(Vec::new());
    }
    let rows = rows.min(total - from);
    if from > total / 2 {
        let skip = total - from - rows;
        let mut entries = select(
            db,
            &format!("SELECT {ENTRY_COLUMNS} FROM articles ORDER BY seq ASC LIMIT ?1 OFFSET ?2"),
            &[rows as i64, skip as i64],
        )?;
        entries.reverse();
        return Ok(entries);
    }
    select(
        db,
        &format!("SELECT {ENTRY_COLUMNS} FROM articles ORDER BY seq DESC LIMIT ?1 OFFSET ?2"),
        &[rows as i64, from as i64],
    )
}

/// The places (`seq`) of the articles whose title, source or feed holds every word of
/// `query`, ignoring case, most recently opened first: those below place `below` when
/// given, at most `limit` of them. `None` for a query without words (every article). The
/// trigram index gives them in order, so the first of many cost no more than a few.
pub fn filter(
    db: &Connection,
    query: &str,
    below: Option<i64>,
    limit: Option<usize>,
) -> rusqlite::Result<Option<Vec<i64>>> {
    let words = super::filter::words(query);
    if words.is_empty() {
        return Ok(None);
    }
    // Words of three characters or more go through the trigram index; shorter ones are
    // matched on the text of the rows it leaves (or of every row, most recent first).
    let (long, short): (Vec<&String>, Vec<&String>) =
        words.iter().partition(|w| w.chars().count() >= 3);
    let mut conditions = Vec::new();
    let mut values: Vec<String> = Vec::new();
    if !long.is_empty() {
        conditions.push("list_words MATCH ?".to_string());
        let phrases: Vec<String> = long
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect();
        values.push(phrases.join(" AND "));
    }
    for word in short {
        conditions.push("instr(haystack, ?) > 0".to_string());
        values.push(word.clone());
    }
    if let Some(below) = below {
        conditions.push("rowid < ?".to_string());
        values.push(below.to_string());
    }
    let limit = limit.map_or(-1, |l| l.min(i64::MAX as usize) as i64);
    let sql = format!(
        "SELECT rowid FROM list_words WHERE {} ORDER BY rowid DESC LIMIT {limit}",
        conditions.join(" AND ")
    );
    let mut statement = db.prepare_cached(&sql)?;
    let seqs = statement
        .query_map(params_from_iter(values.iter()), |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(Some(seqs))
}

/// The entries at places `seqs`, in that order.
pub fn at_places(db: &Connection, seqs: &[i64]) -> rusqlite::Result<Vec<Entry>> {
    let mut statement = db.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM articles WHERE seq = ?1"
    ))?;
    let mut entries = Vec::with_capacity(seqs.len());
    for seq in seqs {
        let mut rows = statement.query_map([seq], entry_of)?;
        if let Some(entry) = rows.next() {
            entries.push(entry?);
        }
    }
    Ok(entries)
}

/// The place of article `id`.
pub fn place_of(db: &Connection, id: &str) -> rusqlite::Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    db.query_row("SELECT seq FROM articles WHERE id = ?1", [id], |row| {
        row.get(0)
    })
    .optional()
}

/// The row of the whole list at `place`: how many articles were opened after it.
pub fn rank_of(db: &Connection, place: i64) -> rusqlite::Result<usize> {
    db.query_row(
        "SELECT count(*) FROM articles WHERE seq > ?1",
        [place],
        |row| row.get::<_, i64>(0),
    )
    .map(|n| n.max(0) as usize)
}

fn select(db: &Connection, sql: &str, values: &[i64]) -> rusqlite::Result<Vec<Entry>> {
    let mut statement = db.prepare_cached(sql)?;
    statement
        .query_map(params_from_iter(values.iter()), entry_of)?
        .collect()
}
