//! A W3C Web Annotation `AnnotationCollection` (JSON-LD) whose one `AnnotationPage` holds
//! every annotation of every article.
//!
//! ```json
//! {"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:gloss:annotation:3f…:1:a1",
//!  "type":"Annotation","motivation":"tagging","created":"…","modified":"…",
//!  "body":[{"type":"TextualBody","value":"Person","purpose":"tagging"},
//!          {"type":"TextualBody","value":"entity","purpose":"classifying"},
//!          {"type":"TextualBody","value":"Vladimir Putin","purpose":"identifying"},
//!          {"type":"TextualBody","value":"a note","purpose":"commenting","format":"text/plain"}],
//!  "target":{"source":"urn:blake3:3f…","selector":[
//!    {"type":"TextQuoteSelector","exact":"Putin","prefix":"…","suffix":"…"},
//!    {"type":"TextPositionSelector","start":0,"end":5}]}}
//! ```
//!
//! Positions are code points, end exclusive, as the model requires; the quote selector's
//! prefix and suffix are the 32 characters of context gloss stores. The label is a `tagging`
//! body, the kind (entity or claim) a `classifying` body, an actor name an `identifying`
//! body, a note a `commenting` body; a claim's speaker is a `linking` body, a
//! `SpecificResource` whose source is the speaker annotation's id. The target source is the
//! article's URL when its source is one, else `urn:blake3:HASH` of its text. The collection
//! also carries each article (id, title, source and text) under `gloss:articles`, so that
//! `gloss import --format w3c` can rebuild the annotation files; a W3C reader ignores it.
//! Unplaced annotations are dropped and counted.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::{Article, Drops};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The prefix of gloss's own terms.
pub const GLOSS_NS: &str = "urn:gloss:ns#";

/// The collection as pretty-printed JSON.
pub fn export(articles: &[Article<'_>], drops: &mut Drops) -> String {
    let mut used = HashSet::new();
    let mut items = Vec::new();
    let mut described = Vec::with_capacity(articles.len());
    let mut all = blake3::Hasher::new();
    for article in articles {
        let source = source_iri(article, &mut used);
        all.update(article.file.fingerprint.as_bytes());
        let prefix = annotation_prefix(article);
        for span in &article.spans {
            items.push(annotation(article, span, &source, &prefix));
        }
        described.push(json!({
            "id": source,
            "title": article.file.title,
            "gloss:source": article.file.source,
            "gloss:text": article.text(),
        }));
    }
    drops.unplaced(articles);
    let dangling: usize = articles.iter().map(Article::dangling_speakers).sum();
    drops.add("speaker links to annotations not exported", dangling);
    let id = format!("urn:gloss:collection:{}", &all.finalize().to_hex()[..32]);
    let collection = json!({
        "@context": [CONTEXT, {"gloss": GLOSS_NS}],
        "id": id,
        "type": "AnnotationCollection",
        "label": "gloss export",
        "total": items.len(),
        "first": {
            "id": format!("{id}:page:1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
        "gloss:articles": described,
    });
    let mut out = serde_json::to_string_pretty(&collection).expect("JSON value serialises");
    out.push('\n');
    out
}

/// The IRI of an annotation of `article` with gloss id `id`.
pub fn annotation_iri(prefix: &str, id: &str) -> String {
    format!("{prefix}{}", encode_iri_part(id))
}

fn annotation_prefix(article: &Article<'_>) -> String {
    let hash = article
        .file
        .fingerprint
        .strip_prefix("blake3:")
        .unwrap_or(&article.file.fingerprint);
    let short: String = hash.chars().take(16).collect();
    format!("urn:gloss:annotation:{short}:{}:", article.index + 1)
}

fn source_iri(article: &Article<'_>, used: &mut HashSet<String>) -> String {
    let source = article.file.source.trim();
    let hash = blake3::hash(article.text().as_bytes()).to_hex();
    let base = if is_web_url(source) {
        source.to_string()
    } else {
        format!("urn:blake3:{hash}")
    };
    let mut iri = base.clone();
    let mut n = 2;
    while !used.insert(iri.clone()) {
        iri = format!("{base}#gloss-{n}");
        n += 1;
    }
    iri
}

fn is_web_url(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://"))
        && !s.contains(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
        })
}

/// Percent-encodes what may not stand in an IRI segment.
fn encode_iri_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '~') {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

fn annotation(article: &Article<'_>, span: &super::Span<'_>, source: &str, prefix: &str) -> Value {
    let s = span.stored;
    let mut body = vec![
        json!({"type": "TextualBody", "value": s.label, "purpose": "tagging"}),
        json!({"type": "TextualBody", "value": s.kind.name(), "purpose": "classifying"}),
    ];
    if let Some(actor) = &s.actor {
        body.push(json!({"type": "TextualBody", "value": actor, "purpose": "identifying"}));
    }
    if let Some(note) = &s.note {
        body.push(json!({
            "type": "TextualBody", "value": note, "purpose": "commenting", "format": "text/plain",
        }));
    }
    if let Some(speaker) = article.speaker_of(span) {
        body.push(json!({
            "type": "SpecificResource",
            "source": annotation_iri(prefix, &speaker.stored.id),
            "purpose": "linking",
        }));
    }
    let (before, after) = article.context(span);
    let mut annotation = json!({
        "@context": CONTEXT,
        "id": annotation_iri(prefix, &s.id),
        "type": "Annotation",
        "motivation": "tagging",
        "body": body,
        "target": {
            "source": source,
            "selector": [
                {"type": "TextQuoteSelector", "exact": s.text, "prefix": before, "suffix": after},
                {"type": "TextPositionSelector", "start": s.start, "end": s.end},
            ],
        },
    });
    for (key, time) in [("created", &s.created), ("modified", &s.modified)] {
        if !time.is_empty() {
            annotation[key] = json!(time);
        }
    }
    annotation
}
