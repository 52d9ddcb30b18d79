//! Gazetteer matches judged in context: a capital as the government or as the city, a
//! demonym alone or as the state ("the Russian government"), a common word at a sentence
//! start, a place name that is a person's given name.

use std::ops::Range;

use super::super::Label;
use super::super::gazetteer::PatKind;
use super::super::lexicon::Flags;
use super::super::tokens::{self, Kind, Token};
use super::{Cand, CandActor, Ctx, NO_GAZ};

/// Nouns after a demonym that make it stand for the country ("the Russian government").
const STATE_NOUNS: &[&str] = &[
    "government",
    "authorities",
    "military",
    "army",
    "navy",
    "embassy",
    "regime",
    "leadership",
    "side",
    "state",
    "administration",
    "presidency",
    "parliament",
    "forces",
    "delegation",
    "officials",
];

impl Ctx<'_, '_> {
    /// Tokens of match `mi`: first and one past last.
    pub(super) fn match_tokens(&self, mi: usize) -> Range<usize> {
        let m = &self.matches[mi];
        let a = self.doc.token_at(m.start);
        let mut b = a;
        while b < self.doc.tokens.len() && self.doc.tokens[b].start < m.end {
            b += 1;
        }
        a..b
    }

    /// The word token before token `i` in the same sentence, if any.
    pub(super) fn prev_word(&self, i: usize) -> Option<&Token> {
        let s = self.doc.sentence_of(i);
        let s0 = self.doc.sent_tokens[s].start;
        if i > s0 {
            let t = self.tok(i - 1);
            if t.is_word() {
                return Some(t);
            }
        }
        None
    }

    /// Decides whether gazetteer match `mi` is suggested, and as whom.
    pub(super) fn judge_gaz(&mut self, mi: usize) {
        let m = self.matches[mi];
        let toks = self.match_tokens(mi);
        if toks.is_empty() {
            return;
        }
        if toks.clone().any(|i| self.is_date[i]) {
            return;
        }
        let first = *self.tok(toks.start);
        let p = m.pattern;
        let actor = self.gaz.actor(p.actor);
        // A common word ("Shell") at the start of a sentence is the word, not the name.
        let one_word = toks.len() == 1 && first.start == m.start && first.end == m.end;
        let titlecase = {
            let mut cs = self.doc.text[m.range()].chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
        };
        if one_word
            && titlecase
            && first.initial
            && first.lflags.intersects(Flags::COMMON | Flags::FUNC)
        {
            return;
        }
        // "Chad Smith", "Jordan Peterson": a place that is also a given name, before a
        // surname, is a person.
        if actor.label == Label::Place
            && toks.len() == 1
            && first.flags.intersects(Flags::GIVEN)
            && first.start == m.start
            && first.end == m.end
        {
            let nxt = toks.end;
            if nxt < self.doc.tokens.len()
                && self.doc.sentence_of(nxt) == self.doc.sentence_of(toks.start)
                && tokens::is_capword(self.tok(nxt))
                && self.gaz_of[nxt] == NO_GAZ
                && !self.tok(nxt).flags.intersects(
                    Flags::ORG_CUE
                        | Flags::PLACE_CUE
                        | Flags::TITLE
                        | Flags::MONTH
                        | Flags::WEEKDAY,
                )
            {
                self.gaz_of[toks.start] = NO_GAZ;
                return;
            }
        }
        let cand = match p.kind {
            PatKind::Name => Cand {
                range: m.range(),
                label: actor.label,
                actor: CandActor::Gaz(p.actor),
                strength: 3,
                needs_support: false,
                title: None,
                by_title: false,
            },
            PatKind::Capital { city } => {
                let loc = self
                    .prev_word(toks.start)
                    .is_some_and(|t| !t.cap && t.flags.intersects(Flags::LOC_PREP));
                Cand {
                    range: m.range(),
                    label: Label::Place,
                    actor: CandActor::Gaz(if loc { city } else { p.actor }),
                    strength: 3,
                    needs_support: false,
                    title: None,
                    by_title: false,
                }
            }
            PatKind::Demonym => {
                let nxt = toks.end;
                if first.start != m.start || self.tok(toks.end - 1).end != m.end {
                    return;
                }
                // "Afghans", "the Belgians": people, as a group.
                let w = &self.doc.text[m.range()];
                if toks.len() == 1 && w.ends_with('s') && !w.ends_with("ss") && w != actor.name {
                    self.emit[mi] = Some(Cand {
                        range: m.range(),
                        label: Label::Person,
                        actor: CandActor::Surface,
                        strength: 2,
                        needs_support: false,
                        title: None,
                        by_title: false,
                    });
                    return;
                }
                if nxt < self.doc.tokens.len()
                    && self.doc.sentence_of(nxt) == self.doc.sentence_of(toks.start)
                    && self.tok(nxt).kind == Kind::Word
                    && !self.tok(nxt).cap
                    && STATE_NOUNS.contains(&self.text(nxt))
                {
                    Cand {
                        range: m.start..self.tok(nxt).end,
                        label: Label::Place,
                        actor: CandActor::Gaz(p.actor),
                        strength: 3,
                        needs_support: false,
                        title: None,
                        by_title: false,
                    }
                } else {
                    return;
                }
            }
        };
        self.emit[mi] = Some(cand);
    }
}
