//! doccano-compatible JSONL: one article a line.
//!
//! ```json
//! {"id":1,"text":"…","entities":[{"id":0,"start_offset":0,"end_offset":5,"label":"Person"}],
//!  "relations":[{"id":0,"from_id":1,"to_id":0,"type":"Speaker"}],
//!  "gloss":{"format":"gloss/1","title":"…","source":"…","annotations":[{"entity":0,"id":"a1",
//!   "kind":"entity","actor":null,"note":null,"created":"…","modified":"…"}],"unplaced":[]}}
//! ```
//!
//! Offsets are code points, end exclusive (doccano counts characters as Python does). Claims
//! are entities too, so that the "Speaker" relation can link a claim (`from_id`) to the entity
//! that speaks it (`to_id`). Everything else gloss keeps (kinds, actors, notes, ids, times,
//! unplaced annotations) is under "gloss", a key doccano keeps as metadata and otherwise
//! ignores; so this format drops nothing.

use serde_json::{Value, json};

use super::{Article, Drops};

/// The relation type linking a claim to its speaker.
pub const SPEAKER: &str = "Speaker";

/// One line per article.
pub fn export(articles: &[Article<'_>], _drops: &mut Drops) -> String {
    let mut out = String::new();
    for article in articles {
        let line = article_json(article);
        out.push_str(&serde_json::to_string(&line).expect("JSON value serialises"));
        out.push('\n');
    }
    out
}

fn article_json(article: &Article<'_>) -> Value {
    let entities: Vec<Value> = article
        .spans
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "id": i,
                "start_offset": s.stored.start,
                "end_offset": s.stored.end,
                "label": s.stored.label,
            })
        })
        .collect();
    let mut relations = Vec::new();
    for (i, span) in article.spans.iter().enumerate() {
        if let Some(speaker) = span.stored.speaker.as_deref()
            && let Some(to) = article.position(speaker)
        {
            relations.push(json!({
                "id": relations.len(),
                "from_id": i,
                "to_id": to,
                "type": SPEAKER,
            }));
        }
    }
    let gloss: Vec<Value> = article
        .spans
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "entity": i,
                "id": s.stored.id,
                "kind": s.stored.kind,
                "actor": s.stored.actor,
                "speaker": s.stored.speaker,
                "note": s.stored.note,
                "created": s.stored.created,
                "modified": s.stored.modified,
            })
        })
        .collect();
    json!({
        "id": article.index + 1,
        "text": article.text(),
        "entities": entities,
        "relations": relations,
        "gloss": {
            "format": crate::annotation::file::FORMAT,
            "title": article.file.title,
            "source": article.file.source,
            "annotations": gloss,
            "unplaced": article.file.unplaced,
        },
    })
}
