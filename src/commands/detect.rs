//! `gloss detect [FILE...|-] [--json]`: the detection engine on articles, without the reader.
//!
//! With `--json`, one JSON object a line for each article:
//!
//! ```json
//! {"source": "a.txt", "text": "…", "sentences": [[0, 42], …],
//!  "entities": [{"start": 0, "end": 5, "label": "Person", "text": "Putin",
//!                "actor": "Vladimir Putin"}, …],
//!  "claims": [{"start": 0, "end": 42, "label": "Claim", "text": "…",
//!              "speaker": {"start": 0, "end": 5, "text": "Putin", "actor": "Vladimir Putin"},
//!              "cue": {"start": 6, "end": 10, "text": "said"}}, …]}
//! ```
//!
//! * "text" is the article exactly as read after UTF-8 decoding (a Markdown file, `.md` or
//!   `.markdown`, after conversion to plain text): no character is changed, added or
//!   removed, not even a byte order mark or a control character.
//! * Every offset is a Unicode code point offset into "text", end exclusive, and every
//!   span's "text" is exactly that slice of "text".
//! * "label" of a claim is "Claim", the default claim label of the reader.
//! * "speaker" is the mention that names the claim's speaker (for a pronoun, "he said",
//!   the mention of the actor it stands for), or null when no single actor can be named.
//! * "cue" is what marks the claim: the reporting verb ("said"), "according to", or the
//!   opening quotation mark.
//!
//! Without `--json`, a summary for each article: the actors with their label and number of
//! mentions, then the claims with their speaker.
//!
//! Errors are one line, naming the file (and for text that is not UTF-8, the byte offset
//! of the first bad byte).

use std::io::Write as _;
use std::sync::atomic::AtomicBool;

use crate::open::Opened;
use std::ops::Range;

use clap::Args;
use serde::Serialize;

use crate::detect::{Detection, Detector};
use crate::document::{Document, Source};
use crate::text::offsets::CharIndex;

/// Arguments of `gloss detect`.
#[derive(Debug, Clone, Args)]
pub struct DetectArgs {
    /// UTF-8 text or Markdown (.md) articles, or - for stdin. Default: stdin.
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,
    /// Print one JSON object per article and line (offsets in code points).
    #[arg(long)]
    pub json: bool,
}

/// A span of the text, in code points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpanJson {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The text of the span.
    pub text: String,
}

/// An entity mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityJson {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// "Person", "Organisation", "Place" or "Date".
    pub label: &'static str,
    /// The text of the mention.
    pub text: String,
    /// The canonical actor ("Vladimir Putin" for "Putin").
    pub actor: String,
}

/// The speaker of a claim: one of the article's entity mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerJson {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The text of the mention.
    pub text: String,
    /// The canonical actor.
    pub actor: String,
}

/// A claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimJson {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// Always "Claim".
    pub label: &'static str,
    /// The text of the claim.
    pub text: String,
    /// Who makes the claim, when one actor can be named.
    pub speaker: Option<SpeakerJson>,
    /// What marks the claim: the reporting verb, "according to", or the opening quote.
    pub cue: SpanJson,
}

/// What `gloss detect --json` prints for one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleJson {
    /// Where the text came from: the path as given, or "stdin".
    pub source: String,
    /// The article text, exactly as read (Markdown: as converted to plain text).
    pub text: String,
    /// Sentences as [start, end] code point pairs.
    pub sentences: Vec<[usize; 2]>,
    /// Entity mentions, in text order.
    pub entities: Vec<EntityJson>,
    /// Claims, in text order.
    pub claims: Vec<ClaimJson>,
}

/// Byte ranges to code point spans of one text: the one conversion, through [`CharIndex`].
struct Spans<'a> {
    text: &'a str,
    index: &'a CharIndex,
}

impl Spans<'_> {
    fn span(&self, r: &Range<usize>) -> SpanJson {
        SpanJson {
            start: self.index.byte_to_char(self.text, r.start),
            end: self.index.byte_to_char(self.text, r.end),
            text: self.text[r.clone()].to_string(),
        }
    }
}

/// Detects actors and claims in `text` and gives the JSON record of the article.
/// `text` is kept as it is.
pub fn analyse(detector: &Detector, text: String, source: &str) -> ArticleJson {
    let doc = Document::new(text, Source::Stdin);
    let detection = detector.detect(&doc.text, &doc.sentences);
    to_json(&doc, &detection, source)
}

/// The JSON record of a detection over `doc`.
fn to_json(doc: &Document, det: &Detection, source: &str) -> ArticleJson {
    let spans = Spans {
        text: &doc.text,
        index: &doc.chars,
    };
    let entities: Vec<EntityJson> = det
        .entities
        .iter()
        .map(|e| {
            let s = spans.span(&e.range);
            EntityJson {
                start: s.start,
                end: s.end,
                label: e.label.name(),
                text: s.text,
                actor: e.actor.clone(),
            }
        })
        .collect();
    let claims = det
        .claims
        .iter()
        .map(|c| {
            let s = spans.span(&c.range);
            ClaimJson {
                start: s.start,
                end: s.end,
                label: "Claim",
                text: s.text,
                speaker: c
                    .speaker
                    .and_then(|i| entities.get(i))
                    .map(|e| SpeakerJson {
                        start: e.start,
                        end: e.end,
                        text: e.text.clone(),
                        actor: e.actor.clone(),
                    }),
                cue: spans.span(&c.cue),
            }
        })
        .collect();
    ArticleJson {
        source: source.to_string(),
        sentences: doc
            .sentences
            .iter()
            .map(|r| {
                let s = spans.span(r);
                [s.start, s.end]
            })
            .collect(),
        entities,
        claims,
        text: doc.text.clone(),
    }
}

/// Reads an article as the reader does (see [`crate::open::open`]): a text or Markdown file,
/// a saved web page's article, an annotation file's text, standard input for "-", or a web
/// page fetched and extracted. Returns the text and its source name.
pub fn read_article(path: &str) -> anyhow::Result<(String, String)> {
    let source = if path == "-" { "stdin" } else { path };
    match crate::open::open(Some(path), &|_| {}, &AtomicBool::new(false))? {
        Opened::Article(doc) => Ok((doc.text, source.to_string())),
        Opened::Feed(..) => {
            anyhow::bail!("{path}: is a feed, not an article (`gloss feed {path}` lists its items)")
        }
    }
}

/// The readable summary of one article.
pub fn summary(article: &ArticleJson) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} sentences, {} entity mentions, {} claims",
        article.source,
        article.sentences.len(),
        article.entities.len(),
        article.claims.len()
    );
    // Actors by mentions, then by first mention.
    let mut actors: Vec<(&str, &str, usize)> = Vec::new();
    for e in &article.entities {
        match actors
            .iter_mut()
            .find(|(a, l, _)| *a == e.actor && *l == e.label)
        {
            Some(a) => a.2 += 1,
            None => actors.push((&e.actor, e.label, 1)),
        }
    }
    actors.sort_by_key(|a| std::cmp::Reverse(a.2));
    if !actors.is_empty() {
        out.push_str("\nActors:\n");
        for (actor, label, n) in &actors {
            let times = if *n == 1 { "mention" } else { "mentions" };
            let _ = writeln!(out, "  {actor} ({label}), {n} {times}");
        }
    }
    if !article.claims.is_empty() {
        out.push_str("\nClaims:\n");
        for c in &article.claims {
            let speaker = c.speaker.as_ref().map_or("no single speaker", |s| &s.actor);
            let _ = writeln!(out, "  [{speaker}] {}", one_line(&c.text, 160));
        }
    }
    out
}

/// `s` on one line (whitespace runs as one space), cut to `max` characters with "…".
fn one_line(s: &str, max: usize) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() <= max {
        return joined;
    }
    let mut cut: String = joined.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// Runs `gloss detect` with the detection settings of the user's config (extra gazetteers
/// and reporting verbs); a user gazetteer with an error is reported on stderr and left out.
pub fn run(args: DetectArgs, config: &crate::config::DetectConfig) -> anyhow::Result<()> {
    let mut notices = Vec::new();
    let detector = crate::session::open::detector(config, &mut notices)?;
    for notice in notices {
        eprintln!("gloss: {notice}");
    }
    let files = if args.files.is_empty() {
        vec!["-".to_string()]
    } else {
        args.files
    };
    let mut stdout = std::io::stdout().lock();
    for (i, path) in files.iter().enumerate() {
        let (text, source) = read_article(path)?;
        let article = analyse(&detector, text, &source);
        let out = if args.json {
            let line = serde_json::to_string(&article)?;
            let mut line = crate::text::json::escape_controls(&line).into_owned();
            line.push('\n');
            line
        } else if i > 0 {
            format!("\n{}", crate::text::json::drop_controls(&summary(&article)))
        } else {
            crate::text::json::drop_controls(&summary(&article)).into_owned()
        };
        stdout
            .write_all(out.as_bytes())
            .map_err(crate::commands::output::StdoutError)?;
    }
    Ok(stdout
        .flush()
        .map_err(crate::commands::output::StdoutError)?)
}
