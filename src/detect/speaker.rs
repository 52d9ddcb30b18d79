//! Who makes a claim: the actor in subject position of the reporting verb, after
//! "according to", or a pronoun or role resolved to the nearest earlier actor.

use std::ops::Range;

use super::lexicon as lx;
use super::tokens::{Document, Kind, Token};
use super::{EntityMention, Label};

/// What marks a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cue {
    /// A reporting verb at this token.
    Verb(usize),
    /// "according to" starting at this token.
    According(usize),
    /// An opinion noun ("view") before "is that", at this token.
    Opinion(usize),
}

/// Tokens mapped to the entity over them.
pub(crate) struct Resolver<'a, 't> {
    /// The document.
    pub doc: &'a Document<'t>,
    /// The entities, sorted.
    pub entities: &'a [EntityMention],
    /// Token → entity index (`u32::MAX` if none).
    pub ent_of: Vec<u32>,
    /// Token → inside a quotation?
    pub quoted: &'a [bool],
}

const NONE: u32 = u32::MAX;

/// Verbs that may come before their subject: "“...,” said Putin".
const INVERTIBLE: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "wrote",
    "writes",
    "asked",
    "explained",
    "continued",
    "noted",
    "stated",
    "told",
    "insisted",
    "argued",
    "warned",
    "recalled",
    "replied",
    "responded",
    "tweeted",
];

impl<'a, 't> Resolver<'a, 't> {
    /// Maps tokens to entities.
    pub(crate) fn new(
        doc: &'a Document<'t>,
        entities: &'a [EntityMention],
        quoted: &'a [bool],
    ) -> Self {
        let mut ent_of = vec![NONE; doc.tokens.len()];
        let mut ti = 0;
        for (ei, e) in entities.iter().enumerate() {
            while ti < doc.tokens.len() && doc.tokens[ti].end <= e.range.start {
                ti += 1;
            }
            let mut k = ti;
            while k < doc.tokens.len() && doc.tokens[k].start < e.range.end {
                if ent_of[k] == NONE {
                    ent_of[k] = ei as u32;
                }
                k += 1;
            }
        }
        Resolver {
            doc,
            entities,
            ent_of,
            quoted,
        }
    }

    fn tok(&self, i: usize) -> &Token {
        &self.doc.tokens[i]
    }

    fn text(&self, i: usize) -> &'t str {
        self.doc.tokens[i].text(self.doc.text)
    }

    /// The actor entity over token `i` (dates are not actors).
    pub(crate) fn entity(&self, i: usize) -> Option<usize> {
        let e = self.ent_of[i];
        if e == NONE {
            return None;
        }
        let e = e as usize;
        (self.entities[e].label != Label::Date).then_some(e)
    }

    /// The nearest entity before byte `pos` with one of the labels.
    fn nearest_before(&self, pos: usize, labels: &[Label]) -> Option<usize> {
        let n = self.entities.partition_point(|e| e.range.start < pos);
        (0..n)
            .rev()
            .take(400)
            .find(|&i| labels.contains(&self.entities[i].label))
    }

    /// The speaker for a cue in the sentence with token range `s`.
    pub(crate) fn speaker(&self, cue: Cue, s: Range<usize>) -> Option<usize> {
        match cue {
            Cue::According(i) => self.after_according(i + 2, s.end),
            Cue::Opinion(i) => self.noun_phrase_owner(i + 1, s.start),
            Cue::Verb(v) => self.verb_subject(v, s),
        }
    }

    fn after_according(&self, mut i: usize, end: usize) -> Option<usize> {
        let limit = (i + 16).min(end);
        let mut first = None;
        while i < limit {
            let t = self.tok(i);
            if t.kind == Kind::Punct && matches!(self.text(i), "," | "." | ";" | ":" | "(") {
                break;
            }
            if let Some(e) = self.entity(i) {
                // "according to Reuters and NBC": two sources, no single speaker.
                let l = self
                    .doc
                    .token_at(self.entities[e].range.end.saturating_sub(1));
                if l + 2 < limit && self.text(l + 1) == "and" && self.entity(l + 2).is_some() {
                    return None;
                }
                if self.entities[e].label == Label::Person {
                    return Some(e);
                }
                first.get_or_insert(e);
            } else if t.kind == Kind::Word && !t.cap && t.flags & (lx::REPORT) != 0 {
                break;
            }
            i += 1;
        }
        first
    }

    /// "X and Y": the entity `e` (first token `f`) is joined to another actor.
    fn conjoined(&self, f: usize, s0: usize) -> bool {
        f >= s0 + 2
            && self.tok(f - 1).kind == Kind::Word
            && matches!(self.text(f - 1), "and" | "&")
            && self.entity(f - 2).is_some()
    }

    fn first_token_of(&self, e: usize) -> usize {
        self.doc.token_at(self.entities[e].range.start)
    }

    fn verb_subject(&self, v: usize, s: Range<usize>) -> Option<usize> {
        let vt = self.text(v);
        // ", saying that ...": the subject of the main clause.
        if vt.ends_with("ing") {
            if v > s.start && self.text(v - 1) == "," {
                return self.main_subject(s);
            }
            if v > s.start && self.tok(v - 1).kind == Kind::Word {
                // "... statement saying" without comma: look back like a verb.
            } else {
                return self.main_subject(s);
            }
        }
        let mut j = v;
        let mut passive = false;
        while j > s.start {
            let t = self.tok(j - 1);
            if t.kind == Kind::Word && !t.cap && t.flags & lx::SKIP != 0 {
                passive |= matches!(
                    self.text(j - 1),
                    "was" | "were" | "been" | "being" | "is" | "are" | "be"
                );
                j -= 1;
                continue;
            }
            break;
        }
        if passive && !vt.ends_with("ing") {
            // "he was told by the minister": the agent speaks.
            let lim = (v + 8).min(s.end);
            let by = (v + 1..lim).find(|&k| self.text(k) == "by")?;
            let mut k = by + 1;
            while k < lim {
                if let Some(e) = self.entity(k) {
                    return Some(e);
                }
                let t = self.tok(k);
                if t.kind == Kind::Word && t.flags & (lx::DET | lx::TITLE | lx::TITLE_MOD) != 0 {
                    k += 1;
                    continue;
                }
                break;
            }
            return None;
        }
        if j > s.start {
            let i = j - 1;
            let t = *self.tok(i);
            if let Some(e) = self.entity(i) {
                let f = self.first_token_of(e);
                if self.conjoined(f, s.start) {
                    return None;
                }
                // "researchers from ... in Ohio reported": a place in a prepositional
                // phrase is not the subject.
                if f > s.start {
                    let p = self.tok(f - 1);
                    let pw = self.text(f - 1);
                    if p.kind == Kind::Word
                        && !p.cap
                        && (p.flags & lx::LOC_PREP != 0
                            || matches!(pw, "of" | "for" | "with" | "by" | "on"))
                        && self.entities[e].label == Label::Place
                    {
                        return None;
                    }
                }
                return Some(e);
            }
            if t.kind == Kind::Poss {
                return None;
            }
            // "The president of Namibia, Hage Geingob, expressed" and "Damodar Naik,
            // spokesperson for the party, said": an apposition between commas.
            if self.text(i) == "," && i > s.start {
                return self.apposition_subject(i, s.start);
            }
            if t.kind == Kind::Word {
                if t.flags & lx::PRON_PERSON != 0 {
                    return self.antecedent(t.start);
                }
                if t.flags & lx::PRON_IT != 0 {
                    return self.nearest_before(t.start, &[Label::Organisation]);
                }
                if t.flags & lx::PRON_GROUP != 0 {
                    return None;
                }
                if !t.cap && t.flags & lx::GROUP != 0 {
                    return None;
                }
                if !t.cap && t.flags & (lx::ROLE | lx::ORG_ROLE | lx::PLACE_ROLE) != 0 {
                    return self.noun_phrase_owner(i + 1, s.start);
                }
            }
        }
        // "“...,” said Putin" / "said the Kremlin".
        if INVERTIBLE.contains(&vt) {
            let mut k = v + 1;
            while k < s.end && k < v + 7 {
                let t = self.tok(k);
                if let Some(e) = self.entity(k) {
                    return Some(e);
                }
                if t.kind == Kind::Word
                    && (t.flags & (lx::DET | lx::TITLE | lx::TITLE_MOD) != 0 || t.cap)
                {
                    k += 1;
                    continue;
                }
                // "said study co-author Karen Alley": role nouns before the name.
                if t.kind == Kind::Word
                    && !t.cap
                    && t.flags & (lx::SKIP | lx::REPORT) == 0
                    && t.lflags & lx::FUNC == 0
                {
                    k += 1;
                    continue;
                }
                break;
            }
        }
        None
    }

    /// The owner of the noun phrase ending before token `end` ("Le Figaro newspaper",
    /// "the Kremlin's spokesman", "the spokesman" → the nearest earlier actor).
    fn noun_phrase_owner(&self, end: usize, s0: usize) -> Option<usize> {
        if end == 0 {
            return None;
        }
        let head = end - 1;
        let ht = *self.tok(head);
        let mut k = head;
        let mut definite = false;
        let mut steps = 0;
        while k > s0 && steps < 5 {
            k -= 1;
            steps += 1;
            let t = self.tok(k);
            if let Some(e) = self.entity(k) {
                let f = self.first_token_of(e);
                if self.conjoined(f, s0) {
                    return None;
                }
                // "Chelyabinsk's governor": a person of the place, not the place.
                if ht.flags & lx::ROLE != 0
                    && ht.flags & lx::ORG_ROLE == 0
                    && self.entities[e].label == Label::Place
                {
                    return None;
                }
                return Some(e);
            }
            match t.kind {
                Kind::Poss => continue,
                Kind::Word if !t.cap => {
                    if t.flags & lx::PRON_PERSON != 0
                        || self.text(k) == "his"
                        || self.text(k) == "her"
                    {
                        return None;
                    }
                    if matches!(self.text(k), "the" | "this" | "that") {
                        definite = true;
                        break;
                    }
                    if t.flags & (lx::DET | lx::REPORT | lx::LOC_PREP | lx::FUNC) != 0 {
                        break;
                    }
                }
                Kind::Word => {
                    if matches!(self.text(k), "The" | "This" | "That") {
                        definite = true;
                    }
                    break;
                }
                _ => break,
            }
        }
        if !definite || ht.kind != Kind::Word {
            return None;
        }
        let labels: &[Label] = if ht.flags & lx::ROLE != 0 {
            &[Label::Person]
        } else if ht.flags & lx::ORG_ROLE != 0 {
            &[Label::Organisation]
        } else if ht.flags & lx::PLACE_ROLE != 0 {
            &[Label::Place]
        } else {
            return None;
        };
        // "the general view" and other nouns with no actor behind them stay unattributed.
        self.nearest_before(ht.start, labels)
    }

    /// The subject of the sentence's main clause.
    fn main_subject(&self, s: Range<usize>) -> Option<usize> {
        let mut i = s.start;
        while i < s.end && self.tok(i).kind == Kind::Punct {
            i += 1;
        }
        if i >= s.end {
            return None;
        }
        // An introductory phrase ("On Monday, ...", "However, ..."): skip to its comma.
        let t = self.tok(i);
        if t.kind == Kind::Word && t.lflags & lx::FUNC != 0 && t.lflags & lx::DET == 0 {
            let lim = (i + 20).min(s.end);
            if let Some(c) = (i..lim).find(|&k| self.text(k) == ",") {
                i = c + 1;
            }
        }
        while i < s.end
            && self.tok(i).kind == Kind::Word
            && self.tok(i).lflags & lx::DET != 0
            && self.entity(i).is_none()
        {
            i += 1;
        }
        // "President Donald Trump ...": titles before the name.
        while i < s.end
            && self.tok(i).kind == Kind::Word
            && self.tok(i).flags & (lx::TITLE | lx::TITLE_MOD) != 0
            && self.entity(i).is_none()
        {
            i += 1;
        }
        if i >= s.end {
            return None;
        }
        if let Some(e) = self.entity(i) {
            // "Biden and Putin held ...": a pair is no single speaker.
            let last = self
                .doc
                .token_at(self.entities[e].range.end.saturating_sub(1));
            if last + 2 < s.end && self.text(last + 1) == "and" && self.entity(last + 2).is_some() {
                return None;
            }
            return Some(e);
        }
        let t = self.tok(i);
        if t.kind == Kind::Word && t.flags & lx::PRON_PERSON != 0 {
            return self.antecedent(t.start);
        }
        None
    }

    /// The subject before an apposition that ends at the comma `i`.
    fn apposition_subject(&self, i: usize, s0: usize) -> Option<usize> {
        // "..., Hage Geingob, expressed": a person between the commas.
        if let Some(e) = self.entity(i - 1)
            && self.entities[e].label == Label::Person
        {
            let f = self.first_token_of(e);
            if f > s0 && self.text(f - 1) == "," {
                return Some(e);
            }
        }
        // "Damodar Naik, spokesperson for ..., said": the actor before the first comma.
        let lim = i.saturating_sub(14).max(s0);
        let c = (lim..i).rev().find(|&k| self.text(k) == ",")?;
        let mut k = c;
        while k > s0 {
            k -= 1;
            let e = self.entity(k)?;
            let f = self.first_token_of(e);
            // "The Aam Aadmi Party in Goa, ...": step over a place after a preposition.
            if self.entities[e].label == Label::Place
                && f > s0 + 1
                && self.tok(f - 1).kind == Kind::Word
                && !self.tok(f - 1).cap
                && self.tok(f - 1).flags & lx::LOC_PREP != 0
            {
                k = f - 1;
                continue;
            }
            if self.conjoined(f, s0) {
                return None;
            }
            return Some(e);
        }
        None
    }

    /// The person a "he" or "she" at byte `pos` most likely stands for: the nearest
    /// earlier person that is not the object of a preposition ("speaking to X"), not a
    /// possessor ("Mohammad's admission") and not inside a quotation.
    fn antecedent(&self, pos: usize) -> Option<usize> {
        let n = self.entities.partition_point(|e| e.range.start < pos);
        let mut nearest = None;
        for i in (0..n).rev().take(400) {
            let e = &self.entities[i];
            if e.label != Label::Person {
                continue;
            }
            nearest.get_or_insert(i);
            let f = self.doc.token_at(e.range.start);
            let object = f > 0 && {
                let p = self.tok(f - 1);
                p.kind == Kind::Word
                    && !p.cap
                    && matches!(
                        self.text(f - 1),
                        "to" | "with" | "by" | "of" | "for" | "from" | "about" | "against"
                    )
            };
            let l = self.doc.token_at(e.range.end.saturating_sub(1));
            let possessor = l + 1 < self.doc.tokens.len() && self.tok(l + 1).kind == Kind::Poss;
            let quoted = self.quoted.get(f).copied().unwrap_or(false);
            if !object && !possessor && !quoted {
                return Some(i);
            }
        }
        nearest
    }
}
