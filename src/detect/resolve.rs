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
            needs_support: false,
            title: None,
            by_title: false,
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
    // "the President": the last person named with that title.
    let mut by_title: Vec<Option<String>> = vec![None; kept.len()];
    {
        let key = |r: &Range<usize>| {
            text[r.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut last: FxMap<String, String> = FxMap::default();
        for (i, c) in kept.iter().enumerate() {
            let Some(t) = &c.title else { continue };
            if c.by_title {
                by_title[i] = last.get(&key(t)).cloned();
            } else if c.label == Label::Person {
                last.insert(key(t), actor_name(text, gaz, c));
            }
        }
    }
    // Names in the article: the strongest label of each surface form (ties: the most
    // frequent label).
    let mut votes: FxMap<&str, [(u8, u32); 4]> = FxMap::default();
    for c in &kept {
        if c.actor == CandActor::Surface && c.label != Label::Date && !c.needs_support {
            let s = &text[c.range.clone()];
            let v = votes.entry(s).or_insert([(0, 0); 4]);
            let slot = &mut v[c.label as usize];
            slot.0 = slot.0.max(c.strength + 1);
            slot.1 += 1;
        }
    }
    let by_surface: FxMap<&str, (Label, u8)> = votes
        .into_iter()
        .filter_map(|(s, v)| {
            let best = (0..4).max_by_key(|&i| (v[i].0, v[i].1))?;
            let label = [
                Label::Person,
                Label::Organisation,
                Label::Place,
                Label::Date,
            ][best];
            (v[best].0 > 0).then_some((s, (label, v[best].0 - 1)))
        })
        .collect();
    // Full names of people, by their first and last words.
    let mut person_parts: FxMap<String, String> = FxMap::default();
    for c in &kept {
        if c.label != Label::Person || c.strength < 1 || c.needs_support {
            continue;
        }
        let full = actor_name(text, gaz, c);
        let words: Vec<&str> = full.split_whitespace().collect();
        let person_like = words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    *w,
                    "de" | "van"
                        | "von"
                        | "der"
                        | "da"
                        | "di"
                        | "del"
                        | "bin"
                        | "ibn"
                        | "al"
                        | "la"
                        | "le"
                )
                || w.starts_with("al-")
                || w.starts_with("el-")
        });
        if words.len() < 2 || words.len() > 5 || !person_like {
            continue;
        }
        let last = words[words.len() - 1].trim_end_matches('.');
        let last = if matches!(last, "Jr" | "Sr" | "II" | "III" | "IV") && words.len() >= 3 {
            words[words.len() - 2]
        } else {
            last
        };
        person_parts
            .entry(last.to_string())
            .or_insert_with(|| full.clone());
        // "Rosselló" for "Ricardo Rosselló Nevares": middle words too.
        for w in words[1..words.len() - 1].iter().filter(|_| c.strength >= 2) {
            if w.chars().next().is_some_and(char::is_uppercase) && w.len() > 3 {
                person_parts
                    .entry(w.to_string())
                    .or_insert_with(|| full.clone());
            }
        }
        person_parts
            .entry(words[0].to_string())
            .or_insert_with(|| full.clone());
    }
    let mut out = Vec::with_capacity(kept.len());
    for (i, mut c) in kept.into_iter().enumerate() {
        if c.by_title {
            if let Some(actor) = by_title[i].take() {
                out.push(EntityMention {
                    range: c.range,
                    label: Label::Person,
                    actor,
                });
            }
            continue;
        }
        let mut actor = actor_name(text, gaz, &c);
        if c.actor == CandActor::Surface && c.label != Label::Date {
            let s = &text[c.range.clone()];
            let mut supported = false;
            if let Some(&(label, strength)) = by_surface.get(s)
                && (strength > c.strength || c.needs_support)
            {
                c.label = label;
                supported = strength >= 1;
            }
            if !s.contains(char::is_whitespace)
                && c.strength < 3
                && let Some(full) = person_parts.get(s)
                && full != s
            {
                c.label = Label::Person;
                actor = full.clone();
                supported = true;
            }
            if c.needs_support && !supported {
                continue;
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
