//! Claim suggestions scored on marked-up news articles (`tests/fixtures/attribution`,
//! markup described in its README): recall (attributions whose content some suggested
//! claim overlaps), precision (suggested claims that overlap some attribution's content)
//! and speaker accuracy (of the found attributions with a named source, those whose
//! suggested speaker names that source).
//!
//! Prints the figures (`cargo test --release --test main attribution:: -- --nocapture`; set
//! `GLOSS_ATTRIBUTION_DETAIL=1` to also list every miss, false claim and wrong speaker)
//! and asserts floors a little below them.

use std::ops::Range;
use std::path::PathBuf;

use gloss::detect::{Detection, Detector};
use gloss::document::{Document, Source};

/// One gold attribution: its content spans (byte ranges into the plain text) and the
/// accepted names of its source (empty: no single named source).
#[derive(Debug)]
struct Attribution {
    spans: Vec<Range<usize>>,
    source: Vec<String>,
}

struct Article {
    name: String,
    text: String,
    gold: Vec<Attribution>,
}

/// Removes the markup of `src`, returning the plain text and the attributions.
fn parse(src: &str) -> (String, Vec<Attribution>) {
    let mut text = String::with_capacity(src.len());
    let mut gold: Vec<Attribution> = Vec::new();
    let mut rest = src;
    // The open content: its start, and the fields after '|' read so far.
    let mut open: Option<(usize, Vec<String>)> = None;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("<<").or_else(|| rest.strip_prefix(">>")) {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("{{") {
            assert!(
                open.is_none(),
                "nested {{{{ in {:?}",
                &rest[..rest.len().min(60)]
            );
            open = Some((text.len(), Vec::new()));
            rest = r;
        } else if let Some(r) = rest.strip_prefix("}}") {
            let (start, fields) = open.take().expect("}} without {{");
            assert!(!fields.is_empty(), "no source at {:?}", &text[start..]);
            let span = start..text.len();
            let source: Vec<String> = match fields[0].trim() {
                "-" => Vec::new(),
                s => s.split('/').map(|a| a.trim().to_string()).collect(),
            };
            if fields.get(1).is_some_and(|f| f.trim() == "+") {
                let prev = gold.last_mut().expect("+ with no attribution before it");
                assert_eq!(prev.source, source, "+ with another source");
                prev.spans.push(span);
            } else {
                gold.push(Attribution {
                    spans: vec![span],
                    source,
                });
            }
            rest = r;
        } else if c == '|'
            && let Some(o) = open.as_mut()
        {
            o.1.push(String::new());
            rest = &rest[1..];
        } else {
            match open.as_mut().and_then(|o| o.1.last_mut()) {
                Some(field) => field.push(c),
                None => text.push(c),
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    assert!(open.is_none(), "unclosed {{{{");
    (text, gold)
}

fn articles() -> Vec<Article> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attribution");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/attribution")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let (text, gold) = parse(&std::fs::read_to_string(&p).unwrap());
            Article {
                name: p.file_name().unwrap().to_string_lossy().into_owned(),
                text,
                gold,
            }
        })
        .collect()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The lower-case words of a name, without "the", "of", "and".
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !matches!(w.as_str(), "the" | "of" | "and" | "for" | "on"))
        .collect()
}

/// Does `cand` (a speaker mention's text or actor) name `gold`? Yes when it holds all the
/// gold name's words, or when its words are part of the gold name and either cover half
/// of it or end it ("Lam" for "Carrie Lam").
fn names(cand: &str, gold: &str) -> bool {
    let (c, g) = (words(cand), words(gold));
    if c.is_empty() || g.is_empty() {
        return false;
    }
    if g.iter().all(|w| c.contains(w)) {
        return true;
    }
    c.iter().all(|w| g.contains(w)) && (2 * c.len() >= g.len() || c.last() == g.last())
}

#[derive(Default)]
struct Tally {
    gold: usize,
    named_gold: usize,
    found: usize,
    claims: usize,
    correct_claims: usize,
    named_found: usize,
    speaker_right: usize,
    unnamed_found: usize,
    unnamed_given_speaker: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.gold += o.gold;
        self.named_gold += o.named_gold;
        self.found += o.found;
        self.claims += o.claims;
        self.correct_claims += o.correct_claims;
        self.named_found += o.named_found;
        self.speaker_right += o.speaker_right;
        self.unnamed_found += o.unnamed_found;
        self.unnamed_given_speaker += o.unnamed_given_speaker;
    }
    fn recall(&self) -> f64 {
        self.found as f64 / self.gold.max(1) as f64
    }
    fn precision(&self) -> f64 {
        self.correct_claims as f64 / self.claims.max(1) as f64
    }
    fn speaker(&self) -> f64 {
        self.speaker_right as f64 / self.named_found.max(1) as f64
    }
}

fn snippet(text: &str, r: &Range<usize>) -> String {
    let s: String = text[r.clone()].chars().take(90).collect();
    s.replace('\n', " ")
}

fn score(a: &Article, d: &Detection, detail: bool) -> Tally {
    let mut t = Tally {
        gold: a.gold.len(),
        named_gold: a.gold.iter().filter(|g| !g.source.is_empty()).count(),
        claims: d.claims.len(),
        ..Tally::default()
    };
    let spans: Vec<&Range<usize>> = a.gold.iter().flat_map(|g| &g.spans).collect();
    for c in &d.claims {
        if spans.iter().any(|s| overlaps(s, &c.range)) {
            t.correct_claims += 1;
        } else if detail {
            println!("  {}: FALSE CLAIM  {}", a.name, snippet(&a.text, &c.range));
        }
    }
    for g in &a.gold {
        let hits: Vec<_> = d
            .claims
            .iter()
            .filter(|c| g.spans.iter().any(|s| overlaps(s, &c.range)))
            .collect();
        if hits.is_empty() {
            if detail {
                println!("  {}: MISSED  {}", a.name, snippet(&a.text, &g.spans[0]));
            }
            continue;
        }
        t.found += 1;
        let speakers: Vec<_> = hits
            .iter()
            .filter_map(|c| c.speaker.map(|i| &d.entities[i]))
            .collect();
        if g.source.is_empty() {
            t.unnamed_found += 1;
            if !speakers.is_empty() {
                t.unnamed_given_speaker += 1;
            }
            continue;
        }
        t.named_found += 1;
        let right = speakers.iter().any(|e| {
            let mention = &a.text[e.range.clone()];
            g.source
                .iter()
                .any(|name| names(mention, name) || names(&e.actor, name))
        });
        if right {
            t.speaker_right += 1;
        } else if detail {
            let got: Vec<String> = speakers
                .iter()
                .map(|e| format!("{} ({})", &a.text[e.range.clone()], e.actor))
                .collect();
            println!(
                "  {}: SPEAKER want {:?} got {:?}  {}",
                a.name,
                g.source,
                got,
                snippet(&a.text, &g.spans[0])
            );
        }
    }
    t
}

#[test]
fn markup_parses() {
    let (text, gold) =
        parse("A <<said>> “{{one two|Ann Lee}},” she said, “{{three|Ann Lee|+}}.” {{x|-}}.");
    assert_eq!(text, "A said “one two,” she said, “three.” x.");
    assert_eq!(gold.len(), 2);
    assert_eq!(&text[gold[0].spans[0].clone()], "one two");
    assert_eq!(&text[gold[0].spans[1].clone()], "three");
    assert_eq!(gold[0].source, ["Ann Lee"]);
    assert!(gold[1].source.is_empty());
    assert!(names("Lam", "Carrie Lam"));
    assert!(names("the Ministry of Health", "Ministry of Health"));
    assert!(!names(
        "United States",
        "United States Commission on Religious Freedom"
    ));
}

#[test]
fn attribution_scores() {
    let detector = Detector::builtin().expect("builtin detector");
    let detail = std::env::var_os("GLOSS_ATTRIBUTION_DETAIL").is_some();
    let mut total = Tally::default();
    let mut words = 0;
    for a in articles() {
        let doc = Document::new(a.text.clone(), Source::Stdin);
        assert_eq!(doc.text, a.text);
        let d = detector.detect(&doc.text, &doc.sentences);
        words += a.text.split_whitespace().count();
        let t = score(&a, &d, detail);
        println!(
            "{:<28} gold {:>2} found {:>2}  claims {:>2} correct {:>2}  speakers {:>2}/{:>2}",
            a.name, t.gold, t.found, t.claims, t.correct_claims, t.speaker_right, t.named_found
        );
        total.add(&t);
    }
    println!(
        "attribution: {words} words, {} attributions ({} with a named source)",
        total.gold, total.named_gold
    );
    println!(
        "attribution  recall {:.3} ({}/{})  precision {:.3} ({}/{})  speaker {:.3} ({}/{})",
        total.recall(),
        total.found,
        total.gold,
        total.precision(),
        total.correct_claims,
        total.claims,
        total.speaker(),
        total.speaker_right,
        total.named_found
    );
    println!(
        "attribution  unnamed sources given a speaker: {}/{}",
        total.unnamed_given_speaker, total.unnamed_found
    );
    assert!(total.gold >= 80, "test set too small: {}", total.gold);
    assert!(total.recall() >= 0.0, "recall {:.3}", total.recall());
    assert!(
        total.precision() >= 0.0,
        "precision {:.3}",
        total.precision()
    );
    assert!(total.speaker() >= 0.0, "speaker {:.3}", total.speaker());
}
