//! Prodigy JSONL tasks, one article a line, with spaCy-style tokens, spans and relations.
//!
//! ```json
//! {"text":"…","tokens":[{"text":"Putin","start":0,"end":5,"id":0,"ws":true},…],
//!  "spans":[{"start":0,"end":5,"token_start":0,"token_end":0,"label":"Person"}],
//!  "relations":[{"head":4,"child":0,"head_span":{…},"child_span":{…},"label":"Speaker"}],
//!  "meta":{"title":"…","source":"…"},"answer":"accept"}
//! ```
//!
//! Offsets `start`/`end` are code points, end exclusive; `token_start`/`token_end` are token
//! indices, `token_end` inclusive. Tokens are those of [`super::tokens::tokenize`] cut at every
//! span edge, plus whitespace tokens as spaCy makes them: `ws` is true when a token is followed
//! by one space, and any other whitespace is a token of its own, so that joining the tokens'
//! texts, each followed by a space where `ws` is true, gives the text back exactly. Claims
//! are spans too; a claim's speaker is a relation whose head is the claim's last token and
//! child the speaker's. Prodigy has no place for actors, notes, times or unplaced
//! annotations: they are dropped and counted, as are spans that cover no token.

use serde::Serialize;

use super::article::cp;
use super::tokens::tokenize;
use super::{Article, Drops};

/// The relation label linking a claim (head) to its speaker (child).
pub const SPEAKER: &str = "Speaker";

#[derive(Serialize)]
struct Task<'a> {
    text: &'a str,
    tokens: Vec<TokenOut<'a>>,
    spans: Vec<SpanOut<'a>>,
    relations: Vec<RelationOut<'a>>,
    meta: Meta<'a>,
    answer: &'static str,
}

#[derive(Serialize)]
struct TokenOut<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    id: usize,
    ws: bool,
}

#[derive(Serialize, Clone)]
struct SpanOut<'a> {
    start: usize,
    end: usize,
    token_start: usize,
    token_end: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct RelationOut<'a> {
    head: usize,
    child: usize,
    head_span: SpanOut<'a>,
    child_span: SpanOut<'a>,
    label: &'static str,
}

#[derive(Serialize)]
struct Meta<'a> {
    title: &'a str,
    source: &'a str,
}

/// One task a line.
pub fn export(articles: &[Article<'_>], drops: &mut Drops) -> String {
    let mut out = Vec::new();
    for article in articles {
        serde_json::to_writer(&mut out, &task(article, drops)).expect("JSON serialises");
        out.push(b'\n');
    }
    drops.times(articles);
    drops.unplaced(articles);
    String::from_utf8(out).expect("JSON is UTF-8")
}

struct Tok {
    start: usize,
    end: usize,
    ws: bool,
}

fn task<'a>(article: &'a Article<'a>, drops: &mut Drops) -> Task<'a> {
    let text = article.text();
    let mut cuts: Vec<usize> = article
        .spans
        .iter()
        .flat_map(|s| [s.bytes.start, s.bytes.end])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let words = tokenize(text, 0..text.len(), &cuts);
    // spaCy-style: a single space after a token is its `ws`; other whitespace is a token.
    let mut toks: Vec<Tok> = Vec::with_capacity(words.len() * 2);
    let mut at = 0;
    let push_gap = |toks: &mut Vec<Tok>, from: usize, to: usize| {
        let mut from = from;
        if from < to
            && text.as_bytes()[from] == b' '
            && let Some(last) = toks.last_mut()
        {
            last.ws = true;
            from += 1;
        }
        if from < to {
            toks.push(Tok {
                start: from,
                end: to,
                ws: false,
            });
        }
    };
    for w in &words {
        push_gap(&mut toks, at, w.bytes.start);
        toks.push(Tok {
            start: w.bytes.start,
            end: w.bytes.end,
            ws: false,
        });
        at = w.bytes.end;
    }
    push_gap(&mut toks, at, text.len());

    let tokens: Vec<TokenOut<'a>> = toks
        .iter()
        .enumerate()
        .map(|(i, t)| TokenOut {
            text: &text[t.start..t.end],
            start: cp(article, t.start),
            end: cp(article, t.end),
            id: i,
            ws: t.ws,
        })
        .collect();

    let mut span_json: Vec<Option<SpanOut<'a>>> = Vec::with_capacity(article.spans.len());
    let mut no_token = 0;
    for span in &article.spans {
        let first = toks.partition_point(|t| t.start < span.bytes.start);
        let last = toks.partition_point(|t| t.end <= span.bytes.end);
        if last == 0 || first > last - 1 {
            no_token += 1;
            span_json.push(None);
            continue;
        }
        span_json.push(Some(SpanOut {
            start: span.stored.start,
            end: span.stored.end,
            token_start: first,
            token_end: last - 1,
            label: &span.stored.label,
        }));
    }
    drops.add("spans that cover no token", no_token);
    let mut relations = Vec::new();
    let mut dangling = 0;
    let mut actors = 0;
    let mut notes = 0;
    for (i, span) in article.spans.iter().enumerate() {
        actors += usize::from(span.stored.actor.is_some());
        notes += usize::from(span.stored.note.is_some());
        let Some(speaker) = span.stored.speaker.as_deref() else {
            continue;
        };
        let j = article.position(speaker);
        match (&span_json[i], j.and_then(|j| span_json[j].as_ref())) {
            (Some(head), Some(child)) => relations.push(RelationOut {
                head: head.token_end,
                child: child.token_end,
                head_span: head.clone(),
                child_span: child.clone(),
                label: SPEAKER,
            }),
            _ => dangling += 1,
        }
    }
    drops.add("speaker links to annotations not exported", dangling);
    drops.add("actor names", actors);
    drops.add("notes", notes);
    Task {
        text,
        tokens,
        spans: span_json.into_iter().flatten().collect(),
        relations,
        meta: Meta {
            title: &article.file.title,
            source: &article.file.source,
        },
        answer: "accept",
    }
}
