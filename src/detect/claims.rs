//! Claims: sentences that attribute a statement — direct quotations (also across
//! sentences, or left open at a paragraph's end), reported speech with a reporting verb,
//! "according to X", opinion frames ("the view is that").

use std::ops::Range;

use super::lexicon::{Flags, Lexicon};
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
    /// A title or a name in quotation marks, not speech.
    title: bool,
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
const STRAIGHT_SINGLE: u8 = 3;

/// Is `c` a character after which a straight single quote opens a quotation?
fn opens_after(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–'))
}

/// Does the quotation over tokens `r` read as a title or a name ("Just Don't Tell Anyone",
/// "The Red Flag", "Istanbul: Memories and the City") rather than speech: capitalised
/// words and short function words only, and no sentence punctuation?
fn is_title(doc: &Document<'_>, r: Range<usize>) -> bool {
    let mut caps = 0;
    let mut first = true;
    for t in &doc.tokens[r] {
        match t.kind {
            Kind::Word if t.cap => caps += 1,
            Kind::Word if !first && t.flags.intersects(Flags::FUNC) && t.end - t.start <= 4 => {}
            Kind::Num | Kind::Poss => {}
            Kind::Punct
                if matches!(
                    t.text(doc.text),
                    "\"" | "“" | "”" | "‘" | "’" | "'" | "«" | "»" | "„" | ":" | "-" | "–" | "&"
                ) => {}
            _ => return false,
        }
        if t.kind == Kind::Word {
            first = false;
        }
    }
    caps > 0
}

fn find_quotes(doc: &Document<'_>) -> Vec<Quote> {
    let mut quotes = Vec::new();
    // (start byte, sentence, kind of mark, words so far); kinds: DOUBLE, STRAIGHT, SINGLE,
    // STRAIGHT_SINGLE.
    let mut open: Option<(usize, usize, u8, usize)> = None;
    let text = doc.text;
    for (si, r) in doc.sent_tokens.iter().enumerate() {
        if si > 0 {
            let gap = &text[doc.sentences[si - 1].end..doc.sentences[si].start];
            if paragraph_break(gap)
                && let Some((start, fs, kind, words)) = open.take()
                && kind != STRAIGHT_SINGLE
            {
                // A quotation left open at a paragraph's end (it goes on in the next).
                quotes.push(Quote {
                    start,
                    end: doc.sentences[si - 1].end,
                    first_sent: fs,
                    last_sent: si - 1,
                    words,
                    title: false,
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
            let c = t.text(text);
            let close = |open: &mut Option<(usize, usize, u8, usize)>, quotes: &mut Vec<Quote>| {
                if let Some((start, fs, _, words)) = open.take() {
                    quotes.push(Quote {
                        start,
                        end: t.end,
                        first_sent: fs,
                        last_sent: si,
                        words,
                        title: false,
                    });
                }
            };
            match c {
                "“" | "«" | "„" if open.is_none_or(|o| o.2 == STRAIGHT_SINGLE) => {
                    open = Some((t.start, si, DOUBLE, 0));
                }
                "‘" if open.is_none() => {
                    open = Some((t.start, si, SINGLE, 0));
                }
                "’" if open.is_some_and(|o| o.2 == SINGLE) => close(&mut open, &mut quotes),
                "”" | "»" if open.is_some_and(|o| o.2 == DOUBLE || o.2 == STRAIGHT) => {
                    close(&mut open, &mut quotes)
                }
                "\"" => match open {
                    Some((_, _, STRAIGHT, _)) => close(&mut open, &mut quotes),
                    Some((_, _, STRAIGHT_SINGLE, _)) | None => {
                        open = Some((t.start, si, STRAIGHT, 0))
                    }
                    Some(_) => {}
                },
                // British single quotes: 'We will ...', Johnson said. An apostrophe
                // ("ISIS' fighters") closes only a quotation opened before it.
                "'" => {
                    let before = text[..t.start].chars().next_back();
                    let after = text[t.end..].chars().next();
                    match open {
                        Some((_, _, STRAIGHT_SINGLE, _))
                            if !before.is_some_and(char::is_whitespace)
                                && !after.is_some_and(char::is_alphanumeric) =>
                        {
                            close(&mut open, &mut quotes)
                        }
                        None if opens_after(before) && after.is_some_and(char::is_alphanumeric) => {
                            open = Some((t.start, si, STRAIGHT_SINGLE, 0))
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }
    if let Some((start, fs, kind, words)) = open
        && kind != STRAIGHT_SINGLE
        && let Some(last) = doc.sentences.last()
    {
        quotes.push(Quote {
            start,
            end: last.end,
            first_sent: fs,
            last_sent: doc.sentences.len() - 1,
            words,
            title: false,
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
    let mut quotes = find_quotes(doc);

    let ns = doc.sentences.len();
    // Per sentence: the quotes that touch it.
    let mut inside = vec![false; doc.tokens.len()];
    let mut ti = 0;
    for q in &mut quotes {
        while ti < doc.tokens.len() && doc.tokens[ti].end <= q.start {
            ti += 1;
        }
        let mut k = ti;
        while k < doc.tokens.len() && doc.tokens[k].start < q.end {
            inside[k] = true;
            k += 1;
        }
        q.title = is_title(doc, ti..k);
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
        let quote_words: usize = group_quotes
            .iter()
            .filter(|q| !q.title)
            .map(|q| q.words)
            .sum();
        let multi = group_quotes.iter().any(|q| q.last_sent > q.first_sent);
        let has_quote = group_quotes.iter().any(|q| !q.title);
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
                let weak = matches!(cue, Cue::Verb(v) if doc.tokens[v].flags.intersects(Flags::REPORT_WEAK));
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
            if speaker.is_some() && matches!(cue, Cue::Verb(_)) {
                res.last_speaker.set(speaker);
            }
            prev = Some((e, speaker));
        } else if has_quote && (quote_words >= 4 || multi) {
            let q = group_quotes
                .iter()
                .find(|q| !q.title)
                .unwrap_or(&group_quotes[0]);
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
    let prev_lower = prev
        .filter(|p| p.kind == Kind::Word)
        .map(|p| p.text(doc.text));
    let next_text = next.map(|n| n.text(doc.text));
    if t.flags.intersects(Flags::REPORT | Flags::REPORT_WEAK) {
        // "the claims", "his remarks", "of reported magnitude": nouns and adjectives.
        let det_before = prev_lower.is_some_and(|p| {
            matches!(
                p.to_ascii_lowercase().as_str(),
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
        // "some said", "many said" are claims; "the said law" is not.
        let article_before = prev_lower.is_some_and(|p| {
            matches!(
                p.to_ascii_lowercase().as_str(),
                "the" | "a" | "an" | "this" | "these" | "those" | "such" | "its" | "their"
            )
        });
        if det_before && (w != "said" || article_before) {
            return None;
        }
        // "to say" after a noun ("a right to say"): no attribution of its own.
        if prev.is_some_and(|p| p.text(doc.text) == "to") && t.flags.intersects(Flags::NOUNISH) {
            return None;
        }
        // "All told, ...": an idiom, not speech.
        if w == "told" && prev_lower.is_some_and(|p| p.eq_ignore_ascii_case("all")) {
            return None;
        }
        // "declared a state of emergency", "declared war": an act, not a statement.
        if w.starts_with("declar")
            && next_text.is_some_and(|n| {
                matches!(
                    n,
                    "a" | "an" | "martial" | "war" | "independence" | "bankruptcy" | "emergency"
                )
            })
        {
            return None;
        }
        // "a campaign called “Justice for Harry”": naming, not speech.
        if matches!(w, "called" | "named" | "dubbed")
            && prev.is_some_and(|p| {
                p.kind == Kind::Word
                    && !p.cap
                    && !p
                        .flags
                        .intersects(Flags::PRON_PERSON | Flags::PRON_IT | Flags::PRON_GROUP)
            })
            && next.is_some_and(|n| {
                (n.kind == Kind::Word
                    && n.cap
                    && !n.flags.intersects(Flags::PRON_IT | Flags::PRON_GROUP))
                    || matches!(n.text(doc.text), "\"" | "“" | "‘" | "'")
            })
        {
            return None;
        }
        return Some(Cue::Verb(i));
    }
    // "pointed out that", "made clear that", "made it clear".
    if (w == "pointed" && next_text == Some("out"))
        || (matches!(w, "made" | "makes")
            && (next_text == Some("clear")
                || (next_text == Some("it")
                    && i + 2 < r.end
                    && doc.tokens[i + 2].text(doc.text) == "clear")))
    {
        return Some(Cue::Verb(i));
    }
    // "agreed that", "found that": knowing and finding before a clause.
    if t.flags.intersects(Flags::REPORT_THAT) && next_text == Some("that") {
        return Some(Cue::Verb(i));
    }
    // "“...,” Lam continued": speech only beside a quotation.
    if t.flags.intersects(Flags::QUOTE_VERB) && r.clone().any(|k| inside[k]) {
        return Some(Cue::Verb(i));
    }
    if t.flags.intersects(Flags::OPINION)
        && i + 2 < r.end
        && matches!(doc.tokens[i + 1].text(doc.text), "is" | "was")
        && doc.tokens[i + 2].text(doc.text) == "that"
    {
        return Some(Cue::Opinion(i));
    }
    None
}
