//! Article-level resolution: overlaps removed, one mention's type carried to the other
//! mentions of the same name, surnames and given names mapped to the full name.

use std::ops::Range;

use super::gazetteer::Gazetteer;
use super::lexicon::FxMap;
use super::names::{Cand, CandActor};
use super::tokens::Document;
use super::{EntityMention, Label};

/// Turns candidates and date token ranges into the final, sorted, disjoint mentions.
pub(crate) fn resolve(
    doc: &Document<'_>,
    gaz: &Gazetteer,
    mut cands: Vec<Cand>,
    dates: Vec<Range<usize>>,
) -> Vec<EntityMention> {
    let text = doc.text;
    for r in dates {
        let (a, b) = (doc.tokens[r.start].start, doc.tokens[r.end - 1].end);
        cands.push(Cand {
            range: a..b,
            label: Label::Date,
            actor: CandActor::Surface,
            strength: 3,
        });
    }
    cands.retain(|c| {
        c.range.start < c.range.end
            && c.range.end <= text.len()
            && text.is_char_boundary(c.range.start)
            && text.is_char_boundary(c.range.end)
    });
    cands.sort_by_key(|c| (c.range.start, std::cmp::Reverse(c.range.end)));
    // Remove overlaps: keep the stronger, then the longer.
    let mut kept: Vec<Cand> = Vec::with_capacity(cands.len());
    for c in cands {
        if let Some(last) = kept.last_mut()
            && c.range.start < last.range.end
        {
            let better = (c.strength, c.range.len()) > (last.strength, last.range.len());
            if better {
                *last = c;
            }
            continue;
        }
        kept.push(c);
    }
    // Names in the article: the strongest label of each surface form.
    let mut by_surface: FxMap<&str, (Label, u8)> = FxMap::default();
    for c in &kept {
        if c.actor == CandActor::Surface && c.label != Label::Date {
            let s = &text[c.range.clone()];
            let e = by_surface.entry(s).or_insert((c.label, c.strength));
            if c.strength > e.1 {
                *e = (c.label, c.strength);
            }
        }
    }
    // Full names of people, by their first and last words.
    let mut person_parts: FxMap<String, String> = FxMap::default();
    for c in &kept {
        if c.label != Label::Person || c.strength < 1 {
            continue;
        }
        let full = actor_name(text, gaz, c);
        let words: Vec<&str> = full.split_whitespace().collect();
        if words.len() < 2 {
            continue;
        }
        let last = words[words.len() - 1].trim_end_matches('.');
        let last = if matches!(last, "Jr" | "Sr" | "II" | "III" | "IV") && words.len() >= 3 {
            words[words.len() - 2]
        } else {
            last
        };
        person_parts.entry(last.to_string()).or_insert_with(|| full.clone());
        person_parts
            .entry(words[0].to_string())
            .or_insert_with(|| full.clone());
    }
    let mut out = Vec::with_capacity(kept.len());
    for mut c in kept {
        let mut actor = actor_name(text, gaz, &c);
        if c.actor == CandActor::Surface && c.label != Label::Date {
            let s = &text[c.range.clone()];
            if let Some(&(label, strength)) = by_surface.get(s)
                && strength > c.strength
            {
                c.label = label;
            }
            if !s.contains(char::is_whitespace)
                && c.strength < 3
                && let Some(full) = person_parts.get(s)
                && full != s
            {
                c.label = Label::Person;
                actor = full.clone();
            }
        }
        out.push(EntityMention {
            range: c.range,
            label: c.label,
            actor,
        });
    }
    out
}

/// The canonical name of a candidate's actor.
fn actor_name(text: &str, gaz: &Gazetteer, c: &Cand) -> String {
    match c.actor {
        CandActor::Gaz(i) => gaz.actor(i).name.to_string(),
        CandActor::Surface => {
            let s = &text[c.range.clone()];
            let mut out = String::with_capacity(s.len());
            for (i, w) in s.split_whitespace().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(w);
            }
            if out.is_empty() { s.to_string() } else { out }
        }
    }
}
