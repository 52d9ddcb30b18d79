//! doccano-compatible JSONL: one article a line.
//!
//! ```json
//! {"id":1,"text":"…","entities":[{"id":0,"start_offset":0,"end_offset":5,"label":"Person"}],
//!  "relations":[{"id":0,"from_id":1,"to_id":0,"type":"Speaker"}],
//!  "gloss":{"format":"gloss/1","title":"…","source":"…","annotations":[{"start_offset":0,
//!   "end_offset":5,"label":"Person","id":"a1","kind":"entity","actor":null,"speaker":null,
//!   "note":null,"created":"…","modified":"…"}],"unplaced":[]}}
//! ```
//!
//! Offsets are code points, end exclusive (doccano counts characters as Python does). Claims
//! are entities too, so that the "Speaker" relation can link a claim (`from_id`) to the entity
//! that speaks it (`to_id`). Everything else gloss keeps (kinds, actors, notes, ids, times,
//! unplaced annotations) is under "gloss", a key doccano keeps as metadata and otherwise
//! ignores; so this format drops nothing. Each entry there names its entity by offsets and
//! label, not by position: doccano renumbers and reorders entities, and the user may delete,
//! add or relabel them, while "gloss" stays as it was exported.

use serde::Serialize;

use super::{Article, Drops};
use crate::annotation::Kind;
use crate::annotation::file::StoredAnnotation;

/// The relation type linking a claim to its speaker.
pub const SPEAKER: &str = "Speaker";

#[derive(Serialize)]
struct Line<'a> {
    id: usize,
    text: &'a str,
    entities: Vec<Entity<'a>>,
    relations: Vec<Relation>,
    gloss: Gloss<'a>,
}

#[derive(Serialize)]
struct Entity<'a> {
    id: usize,
    start_offset: usize,
    end_offset: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct Relation {
    id: usize,
    from_id: usize,
    to_id: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Gloss<'a> {
    format: &'static str,
    title: &'a str,
    source: &'a str,
    annotations: Vec<Extra<'a>>,
    unplaced: &'a [StoredAnnotation],
}

#[derive(Serialize)]
struct Extra<'a> {
    start_offset: usize,
    end_offset: usize,
    label: &'a str,
    id: &'a str,
    kind: Kind,
    actor: Option<&'a str>,
    speaker: Option<&'a str>,
    note: Option<&'a str>,
    created: &'a str,
    modified: &'a str,
}

/// One line per article.
pub fn export(articles: &[Article<'_>], _drops: &mut Drops) -> String {
    let mut out = Vec::new();
    for article in articles {
        serde_json::to_writer(&mut out, &line(article)).expect("JSON serialises");
        out.push(b'\n');
    }
    String::from_utf8(out).expect("JSON is UTF-8")
}

fn line<'a>(article: &'a Article<'a>) -> Line<'a> {
    let spans = &article.spans;
    let entities = spans
        .iter()
        .enumerate()
        .map(|(i, s)| Entity {
            id: i,
            start_offset: s.stored.start,
            end_offset: s.stored.end,
            label: &s.stored.label,
        })
        .collect();
    let mut relations = Vec::new();
    for (i, span) in spans.iter().enumerate() {
        if let Some(speaker) = span.stored.speaker.as_deref()
            && let Some(to) = article.position(speaker)
        {
            relations.push(Relation {
                id: relations.len(),
                from_id: i,
                to_id: to,
                kind: SPEAKER,
            });
        }
    }
    let annotations = spans
        .iter()
        .map(|s| {
            let a = s.stored;
            Extra {
                start_offset: a.start,
                end_offset: a.end,
                label: &a.label,
                id: &a.id,
                kind: a.kind,
                actor: a.actor.as_deref(),
                speaker: a.speaker.as_deref(),
                note: a.note.as_deref(),
                created: &a.created,
                modified: &a.modified,
            }
        })
        .collect();
    Line {
        id: article.index + 1,
        text: article.text(),
        entities,
        relations,
        gloss: Gloss {
            format: crate::annotation::file::FORMAT,
            title: &article.file.title,
            source: &article.file.source,
            annotations,
            unplaced: &article.file.unplaced,
        },
    }
}
