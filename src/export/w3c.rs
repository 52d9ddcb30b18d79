//! A W3C Web Annotation `AnnotationCollection` (JSON-LD) whose one `AnnotationPage` holds
//! every annotation of every article, written one annotation a line.
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

use serde::Serialize;

use super::{Article, Drops, Span};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The prefix of gloss's own terms.
pub const GLOSS_NS: &str = "urn:gloss:ns#";

#[derive(Serialize)]
struct Described<'a> {
    id: String,
    title: &'a str,
    #[serde(rename = "gloss:source")]
    source: &'a str,
    #[serde(rename = "gloss:text")]
    text: &'a str,
}

#[derive(Serialize)]
struct Annotation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    created: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    modified: &'a str,
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Text {
        #[serde(rename = "type")]
        kind: &'static str,
        value: &'a str,
        purpose: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<&'static str>,
    },
    Link {
        #[serde(rename = "type")]
        kind: &'static str,
        source: String,
        purpose: &'static str,
    },
}

fn text_body<'a>(value: &'a str, purpose: &'static str) -> Body<'a> {
    Body::Text {
        kind: "TextualBody",
        value,
        purpose,
        format: (purpose == "commenting").then_some("text/plain"),
    }
}

#[derive(Serialize)]
struct Target<'a> {
    source: &'a str,
    selector: (Quote<'a>, Position),
}

#[derive(Serialize)]
struct Quote<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
}

#[derive(Serialize)]
struct Position {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

/// The collection as JSON, one annotation a line.
pub fn export(articles: &[Article<'_>], drops: &mut Drops) -> String {
    let mut used = HashSet::new();
    let sources: Vec<String> = articles.iter().map(|a| source_iri(a, &mut used)).collect();
    let mut all = blake3::Hasher::new();
    for article in articles {
        all.update(article.file.fingerprint.as_bytes());
    }
    let id = format!("urn:gloss:collection:{}", &all.finalize().to_hex()[..32]);
    let total: usize = articles.iter().map(|a| a.spans.len()).sum();
    let text_len: usize = articles.iter().map(|a| a.text().len()).sum();
    let mut out: Vec<u8> = Vec::with_capacity(text_len * 2 + total * 700);
    out.extend_from_slice(b"{\"@context\": ");
    json(&mut out, &(CONTEXT, GlossContext { gloss: GLOSS_NS }));
    out.extend_from_slice(b",\n \"id\": ");
    json(&mut out, &id);
    out.extend_from_slice(
        b",\n \"type\": \"AnnotationCollection\",\n \"label\": \"gloss export\",\n",
    );
    out.extend_from_slice(format!(" \"total\": {total},\n \"first\": {{\"id\": ").as_bytes());
    json(&mut out, &format!("{id}:page:1"));
    out.extend_from_slice(b", \"type\": \"AnnotationPage\", \"startIndex\": 0, \"items\": [");
    let mut first = true;
    for (article, source) in articles.iter().zip(&sources) {
        let prefix = annotation_prefix(article);
        for span in &article.spans {
            out.extend_from_slice(if first { b"\n  " } else { b",\n  " });
            first = false;
            json(&mut out, &annotation(article, span, source, &prefix));
        }
    }
    out.extend_from_slice(b"\n ]},\n \"gloss:articles\": [");
    for (i, (article, source)) in articles.iter().zip(&sources).enumerate() {
        out.extend_from_slice(if i == 0 { b"\n  " } else { b",\n  " });
        let described = Described {
            id: source.clone(),
            title: &article.file.title,
            source: &article.file.source,
            text: article.text(),
        };
        json(&mut out, &described);
    }
    out.extend_from_slice(b"\n ]\n}\n");
    drops.unplaced(articles);
    let dangling: usize = articles.iter().map(Article::dangling_speakers).sum();
    drops.add("speaker links to annotations not exported", dangling);
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Appends `value` as compact JSON.
fn json<T: Serialize>(out: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(out, value).expect("JSON serialises");
}

#[derive(Serialize)]
struct GlossContext {
    gloss: &'static str,
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

fn annotation<'a>(
    article: &'a Article<'a>,
    span: &'a Span<'a>,
    source: &'a str,
    prefix: &str,
) -> Annotation<'a> {
    let s = span.stored;
    let mut body = vec![
        text_body(&s.label, "tagging"),
        text_body(s.kind.name(), "classifying"),
    ];
    if let Some(actor) = &s.actor {
        body.push(text_body(actor, "identifying"));
    }
    if let Some(note) = &s.note {
        body.push(text_body(note, "commenting"));
    }
    if let Some(speaker) = article.speaker_of(span) {
        body.push(Body::Link {
            kind: "SpecificResource",
            source: annotation_iri(prefix, &speaker.stored.id),
            purpose: "linking",
        });
    }
    let (before, after) = article.context(span);
    Annotation {
        context: CONTEXT,
        id: annotation_iri(prefix, &s.id),
        kind: "Annotation",
        motivation: "tagging",
        created: &s.created,
        modified: &s.modified,
        body,
        target: Target {
            source,
            selector: (
                Quote {
                    kind: "TextQuoteSelector",
                    exact: &s.text,
                    prefix: before,
                    suffix: after,
                },
                Position {
                    kind: "TextPositionSelector",
                    start: s.start,
                    end: s.end,
                },
            ),
        },
    }
}
