//! A Label Studio JSON task list: one task per article, its annotations as one completed
//! annotation whose results are `labels` regions, per-region `textarea` results for actor
//! names, and `relation` results linking a claim to its speaker.
//!
//! ```json
//! [{"id":1,"data":{"text":"…","title":"…","source":"…"},"annotations":[{"result":[
//!   {"id":"a1","from_name":"entity","to_name":"text","type":"labels",
//!    "value":{"start":0,"end":5,"text":"Putin","labels":["Person"]},"meta":{"text":["a note"]}},
//!   {"id":"a1","from_name":"actor","to_name":"text","type":"textarea",
//!    "value":{"start":0,"end":5,"text":["Vladimir Putin"]}},
//!   {"id":"a2","from_name":"claim","to_name":"text","type":"labels","value":{…,"labels":["Claim"]}},
//!   {"from_id":"a2","to_id":"a1","type":"relation","direction":"right","labels":["Speaker"]}]}]}]
//! ```
//!
//! Offsets are code points, end exclusive: Label Studio's text regions store code point
//! offsets (the frontend converts from JavaScript's UTF-16 positions) and the region's
//! `text` must equal the text at them. Region ids are the gloss ids; a note is the region's
//! `meta.text`, as Label Studio stores per-region notes. The labelling configuration these
//! tasks fit is written beside them ([`super::label_studio_config`]).
//!
//! Label Studio has no place for per-region times: they are dropped and counted, as are
//! unplaced annotations.

use serde::Serialize;

use super::{Article, Drops};

/// `from_name` of entity regions.
pub const ENTITY: &str = "entity";
/// `from_name` of claim regions.
pub const CLAIM: &str = "claim";
/// `from_name` of the per-region actor name.
pub const ACTOR: &str = "actor";
/// `to_name` of every region.
pub const TEXT: &str = "text";
/// The relation label linking a claim to its speaker.
pub const SPEAKER: &str = "Speaker";

#[derive(Serialize)]
struct Task<'a> {
    id: usize,
    data: Data<'a>,
    annotations: [Completed<'a>; 1],
}

#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
    title: &'a str,
    source: &'a str,
}

#[derive(Serialize)]
struct Completed<'a> {
    result: Vec<Item<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Region {
        id: &'a str,
        from_name: &'static str,
        to_name: &'static str,
        #[serde(rename = "type")]
        kind: &'static str,
        value: Value<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        meta: Option<Meta<'a>>,
    },
    Relation {
        from_id: &'a str,
        to_id: &'a str,
        #[serde(rename = "type")]
        kind: &'static str,
        direction: &'static str,
        labels: [&'static str; 1],
    },
}

#[derive(Serialize)]
#[serde(untagged)]
enum Value<'a> {
    Labels {
        start: usize,
        end: usize,
        text: &'a str,
        labels: [&'a str; 1],
    },
    TextArea {
        start: usize,
        end: usize,
        text: [&'a str; 1],
    },
}

#[derive(Serialize)]
struct Meta<'a> {
    text: [&'a str; 1],
}

/// The task list as pretty-printed JSON.
pub fn export(articles: &[Article<'_>], drops: &mut Drops) -> String {
    let tasks: Vec<Task<'_>> = articles.iter().map(task).collect();
    drops.times(articles);
    drops.unplaced(articles);
    let dangling: usize = articles.iter().map(Article::dangling_speakers).sum();
    drops.add("speaker links to annotations not exported", dangling);
    let mut out = serde_json::to_string_pretty(&tasks).expect("JSON serialises");
    out.push('\n');
    out
}

fn task<'a>(article: &'a Article<'a>) -> Task<'a> {
    let mut result = Vec::with_capacity(article.spans.len() * 2);
    for span in &article.spans {
        let s = span.stored;
        result.push(Item::Region {
            id: &s.id,
            from_name: if span.is_entity() { ENTITY } else { CLAIM },
            to_name: TEXT,
            kind: "labels",
            value: Value::Labels {
                start: s.start,
                end: s.end,
                text: &s.text,
                labels: [&s.label],
            },
            meta: s.note.as_deref().map(|note| Meta { text: [note] }),
        });
        if let Some(actor) = &s.actor {
            result.push(Item::Region {
                id: &s.id,
                from_name: ACTOR,
                to_name: TEXT,
                kind: "textarea",
                value: Value::TextArea {
                    start: s.start,
                    end: s.end,
                    text: [actor],
                },
                meta: None,
            });
        }
    }
    for span in &article.spans {
        if let Some(speaker) = article.speaker_of(span) {
            result.push(Item::Relation {
                from_id: &span.stored.id,
                to_id: &speaker.stored.id,
                kind: "relation",
                direction: "right",
                labels: [SPEAKER],
            });
        }
    }
    Task {
        id: article.index + 1,
        data: Data {
            text: article.text(),
            title: &article.file.title,
            source: &article.file.source,
        },
        annotations: [Completed { result }],
    }
}
