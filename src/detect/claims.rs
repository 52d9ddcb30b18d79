//! Claims: sentences that attribute a statement — direct quotations (also across
//! sentences, or left open at a paragraph's end), reported speech with a reporting verb,
//! "according to X", opinion frames ("the view is that").

use std::ops::Range;

use super::lexicon::{self as lx, Lexicon};
use super::speaker::{Cue, Resolver};
use super::tokens::{Document, Kind};
use super::{ClaimMention, EntityMention};

/// A quotation: its byte span and the sentences it touches.
#[derive(Clone, Debug)]
struct Quote {
    start: usize,
    end: usize,
    first_sent: usize,
    last_sent: usize,
    words: usize,
}

/// Is there a paragraph break (a blank line) in `s`?
fn paragraph_break(s: &str) -> bool {
    let mut newlines = 0;
    for c in s.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines >= 2 {
                return true;
            }
        } else if !c.is_whitespace() {
            newlines = 0;
        }
    }
    false
}

const DOUBLE: u8 = 0;
const STRAIGHT: u8 = 1;
const SINGLE: u8 = 2;

fn find_quotes(doc: &Document<'_>) -> Vec<Quote> {
    let mut quotes = Vec::new();
    // (start byte, sentence, straight?, words so far)
    // (start byte, sentence, kind of mark, words so far); kinds: DOUBLE, STRAIGHT, SINGLE.
    let mut open: Option<(usize, usize, u8, usize)> = None;
    for (si, r) in doc.sent_tokens.iter().enumerate() {
        if si > 0 {
            let gap = &doc.text[doc.sentences[si - 1].end..doc.sentences[si].start];
            if paragraph_break(gap)
                && let Some((start, fs, _, words)) = open.take()
            {
                quotes.push(Quote {
                    start,
                    end: doc.sentences[si - 1].end,
                    first_sent: fs,
                    last_sent: si - 1,
                    words,
                });
            }
        }
        for i in r.clone() {
            let t = &doc.tokens[i];
            if t.kind != Kind::Punct {
                if t.is_word()
                    && let Some(o) = open.as_mut()
                {
                    o.3 += 1;
                }
                continue;
            }
            let c = t.text(doc.text);
            match c {
                "“" | "«" | "„" if open.is_none() => {
                    open = Some((t.start, si, DOUBLE, 0));
                }
                "‘" if open.is_none() => {
                    open = Some((t.start, si, SINGLE, 0));
                }
                "’" if open.is_some_and(|o| o.2 == SINGLE) => {
                    if let Some((start, fs, _, words)) = open.take() {
                        quotes.push(Quote {
                            start,
                            end: t.end,
                            first_sent: fs,
                            last_sent: si,
                            words,
                        });
                    }
                }
                "”" | "»" if open.is_some_and(|o| o.2 != SINGLE) => {
                    if let Some((start, fs, _, words)) = open.take() {
                        quotes.push(Quote {
                            start,
                            end: t.end,
                            first_sent: fs,
                            last_sent: si,
                            words,
                        });
                    }
                }
                "\"" => match open {
                    Some((start, fs, STRAIGHT, words)) => {
                        quotes.push(Quote {
                            start,
                            end: t.end,
                            first_sent: fs,
                            last_sent: si,
                            words,
                        });
                        open = None;
                    }
                    Some(_) => {}
                    None => open = Some((t.start, si, STRAIGHT, 0)),
                },
                _ => {}
            }
        }
    }
    if let Some((start, fs, _, words)) = open
        && let Some(last) = doc.sentences.last()
    {
        quotes.push(Quote {
            start,
            end: last.end,
            first_sent: fs,
            last_sent: doc.sentences.len() - 1,
            words,
        });
    }
    quotes
}

/// Finds claims and their speakers among `entities`.
pub(crate) fn find(
    doc: &Document<'_>,
    _lex: &Lexicon,
    entities: &[EntityMention],
) -> Vec<ClaimMention> {
    let quotes = find_quotes(doc);

    let ns = doc.sentences.len();
    // Per sentence: the quotes that touch it.
    let mut inside = vec![false; doc.tokens.len()];
    let mut ti = 0;
    for q in &quotes {
        while ti < doc.tokens.len() && doc.tokens[ti].end <= q.start {
            ti += 1;
        }
        let mut k = ti;
        while k < doc.tokens.len() && doc.tokens[k].start < q.end {
            inside[k] = true;
            k += 1;
        }
    }
    let res = Resolver::new(doc, entities, &inside);
    // Sentence groups joined by quotations.
    let mut group_end: Vec<usize> = (0..ns).collect();
    for q in &quotes {
        let last = q.last_sent.min(ns - 1);
        for g in &mut group_end[q.first_sent.min(last)..=last] {
            *g = (*g).max(last);
        }
    }
    let mut out = Vec::new();
    let mut qi = 0;
    let mut prev: Option<(usize, Option<usize>)> = None; // (last sentence, speaker)
    let mut s = 0;
    while s < ns {
        let mut e = group_end[s];
        let mut k = s;
        while k <= e {
            e = e.max(group_end[k]);
            k += 1;
        }
        // Quotes of this group.
        while qi < quotes.len() && quotes[qi].last_sent < s {
            qi += 1;
        }
        let group_quotes: Vec<&Quote> = quotes[qi..]
            .iter()
            .take_while(|q| q.first_sent <= e)
            .collect();
        let quote_words: usize = group_quotes.iter().map(|q| q.words).sum();
        let multi = group_quotes.iter().any(|q| q.last_sent > q.first_sent);
        let has_quote = !group_quotes.is_empty();
        // Cues.
        let mut chosen: Option<(Cue, usize, Option<usize>)> = None;
        for si in s..=e {
            let r = doc.sent_tokens[si].clone();
            for i in r.clone() {
                if inside[i] {
                    continue;
                }
                let Some(cue) = cue_at(doc, &inside, r.clone(), i) else {
                    continue;
                };
                let weak =
                    matches!(cue, Cue::Verb(v) if doc.tokens[v].flags & lx::REPORT_WEAK != 0);
                let speaker = res.speaker(cue, r.clone());
                if weak && speaker.is_none() && !has_quote {
                    continue;
                }
                let better = match &chosen {
                    None => true,
                    Some((_, _, sp)) => sp.is_none() && speaker.is_some(),
                };
                if better {
                    chosen = Some((cue, si, speaker));
                }
                if chosen.as_ref().is_some_and(|c| c.2.is_some()) {
                    break;
                }
            }
            if chosen.as_ref().is_some_and(|c| c.2.is_some()) {
                break;
            }
        }
        let range = doc.sentences[s].start..doc.sentences[e].end;
        if let Some((cue, _, speaker)) = chosen {
            let cue_range = match cue {
                Cue::Verb(v) => doc.tokens[v].start..doc.tokens[v].end,
                Cue::According(a) => doc.tokens[a].start..doc.tokens[a + 1].end,
                Cue::Opinion(o) => doc.tokens[o].start..doc.tokens[o].end,
            };
            out.push(ClaimMention {
                range,
                cue: cue_range,
                speaker,
            });
            prev = Some((e, speaker));
        } else if has_quote && (quote_words >= 4 || multi) {
            let q = group_quotes[0];
            let qstart = q.start;
            let qend = doc.text[qstart..]
                .chars()
                .next()
                .map_or(qstart, |c| qstart + c.len_utf8());
            // A quotation right after an attributed one goes on in the same voice.
            let speaker = match prev {
                Some((ps, sp))
                    if ps + 1 == s
                        && !paragraph_break(
                            &doc.text[doc.sentences[ps].end..doc.sentences[s].start],
                        ) =>
                {
                    sp
                }
                _ => None,
            };
            out.push(ClaimMention {
                range,
                cue: qstart..qend,
                speaker,
            });
            prev = Some((e, speaker));
        }
        s = e + 1;
    }
    out
}

/// A claim cue at token `i` of the sentence `r`, if there is one.
fn cue_at(doc: &Document<'_>, inside: &[bool], r: Range<usize>, i: usize) -> Option<Cue> {
    let t = &doc.tokens[i];
    if t.kind != Kind::Word {
        return None;
    }
    let w = t.text(doc.text);
    let prev = (i > r.start).then(|| &doc.tokens[i - 1]);
    let next = (i + 1 < r.end).then(|| &doc.tokens[i + 1]);
    if (w == "according" || w == "According")
        && next.is_some_and(|n| n.text(doc.text) == "to")
        && i + 2 < r.end
    {
        return Some(Cue::According(i));
    }
    if t.cap {
        return None;
    }
    if t.flags & (lx::REPORT | lx::REPORT_WEAK) != 0 {
        // "the claims", "his remarks", "of reported magnitude": nouns and adjectives.
        let det_before = prev.is_some_and(|p| {
            p.kind == Kind::Word
                && matches!(
                    p.text(doc.text).to_ascii_lowercase().as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "this"
                        | "these"
                        | "those"
                        | "his"
                        | "her"
                        | "its"
                        | "their"
                        | "our"
                        | "my"
                        | "your"
                        | "of"
                        | "such"
                        | "no"
                        | "every"
                        | "each"
                        | "some"
                        | "any"
                        | "many"
                        | "several"
                        | "so-called"
                        | "unconfirmed"
                        | "widely"
                )
        });
        if det_before && w != "said" {
            return None;
        }
        // "to say" after a noun ("a right to say"): no attribution of its own.
        if prev.is_some_and(|p| p.text(doc.text) == "to") && t.flags & lx::NOUNISH != 0 {
            return None;
        }
        let _ = inside;
        return Some(Cue::Verb(i));
    }
    if t.flags & lx::OPINION != 0
        && i + 2 < r.end
        && matches!(doc.tokens[i + 1].text(doc.text), "is" | "was")
        && doc.tokens[i + 2].text(doc.text) == "that"
    {
        return Some(Cue::Opinion(i));
    }
    None
}
