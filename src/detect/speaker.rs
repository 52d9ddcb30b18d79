//! Who makes a claim: the actor in subject position of the reporting verb, after
//! "according to", or a pronoun or role resolved to the nearest earlier actor.

use std::cell::Cell;
use std::ops::Range;

use super::lexicon::Flags;
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
    /// The speaker of the claim before, for "the statement said".
    pub last_speaker: Cell<Option<usize>>,
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

/// Does the lower-case word `w` before a name read as a verb whose object the name is
/// ("convert Hagia Sophia", "met Putin"), rather than a role noun ("spokesman Kino
/// Gabriel", "motorcyclist Harry Dunn") or a function word?
fn object_verb(t: &Token, w: &str) -> bool {
    const NOUN_ENDINGS: &[&str] = &[
        "ist", "er", "or", "ian", "ant", "ent", "man", "woman", "ee", "ive", "ary", "al",
    ];
    !t.flags.intersects(
        Flags::FUNC
            | Flags::DET
            | Flags::ROLE
            | Flags::ORG_ROLE
            | Flags::REPORT
            | Flags::REPORT_WEAK
            | Flags::SKIP
            | Flags::TITLE
            | Flags::TITLE_MOD
            | Flags::GROUP
            | Flags::JOINER
            | Flags::QUOTE_VERB,
    ) && !t.lflags.intersects(Flags::FUNC)
        && !NOUN_ENDINGS.iter().any(|e| w.ends_with(e))
}

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
            last_speaker: Cell::new(None),
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

    /// The nearest entity before byte `pos` with one of the labels, preferring one named
    /// with the role noun `head` ("the ministry" → "Ministry of Health", "the spokesman"
    /// → "spokesman Kino Gabriel", "the party" → "Law and Justice party").
    fn nearest_role(&self, pos: usize, labels: &[Label], head: &str) -> Option<usize> {
        let n = self.entities.partition_point(|e| e.range.start < pos);
        let nt = self.doc.tokens.len();
        let mut nearest = None;
        for i in (0..n).rev().take(400) {
            let e = &self.entities[i];
            // "the embassy" may be named after its country ("the US Embassy").
            let org_place = labels == [Label::Organisation] && e.label == Label::Place;
            if !labels.contains(&e.label) && !org_place {
                continue;
            }
            if !org_place {
                nearest.get_or_insert(i);
            }
            let f = self.doc.token_at(e.range.start);
            let l = self.doc.token_at(e.range.end.saturating_sub(1));
            let is_head = |k: usize| {
                k < nt
                    && self.tok(k).kind == Kind::Word
                    && self.tok(k).start < pos
                    && self.text(k).eq_ignore_ascii_case(head)
            };
            // An organisation named with the noun ("Ministry of Health", "US Embassy",
            // "Law and Justice party"); a person with it before or in an apposition after
            // ("spokesman Kino Gabriel", "Sofiene Zaag, the ministry spokesman").
            let named = if labels.contains(&Label::Person) {
                (f.saturating_sub(3)..(l + 5).min(nt)).any(is_head)
            } else {
                (f..=(l + 1)).any(is_head)
            };
            if named {
                return Some(i);
            }
        }
        nearest
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
            } else if t.kind == Kind::Word && !t.cap && t.flags.intersects(Flags::REPORT) {
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

    /// The subject of the reporting verb at token `v` in the sentence of tokens `s`: the
    /// rules below in turn, the first that decides winning (a rule may decide that there is
    /// no speaker).
    fn verb_subject(&self, v: usize, s: Range<usize>) -> Option<usize> {
        if let Some(decided) = self.participle_subject(v, s.clone()) {
            return decided;
        }
        let (j, passive) = self.skip_to_subject(v, s.start);
        if passive && !self.text(v).ends_with("ing") {
            return self.passive_agent(v, s.end);
        }
        if let Some(decided) = self.subject_before(v, j, s.clone()) {
            return decided;
        }
        // (A verb right after a comma, "Hickenlooper ends bid, says he ...", is decided by
        // the apposition rule of `subject_before`: a rule after these, giving such a verb
        // the main clause's subject, could never fire and is gone.)
        self.inverted_subject(v, j, s)
    }

    /// A participle: "Putin spoke, saying ...", "was quoted as saying", "when announcing":
    /// the subject of the main clause, or the person cited ("cited Budi Gunawan, chief of
    /// ..., as saying"), or the actor right before ("the Police Agency when announcing the
    /// arrest"). Decides nothing for a verb not ending in "ing", or one right after a word
    /// ("a statement saying"), which is read like any verb.
    fn participle_subject(&self, v: usize, s: Range<usize>) -> Option<Option<usize>> {
        if !self.text(v).ends_with("ing") {
            return None;
        }
        // ", saying", "was quoted as saying", "when announcing".
        if v > s.start && matches!(self.text(v - 1), "," | "as" | "when" | "while" | "after") {
            let c = v - 1;
            // "cited Budi Gunawan, chief of ..., as saying": the person cited.
            if self.text(c) == "as"
                && let Some(q) = (s.start..c)
                    .rev()
                    .take(20)
                    .find(|&k| matches!(self.text(k), "cited" | "quoted" | "citing" | "quoting"))
                && let Some(e) = (q + 1..c).find_map(|k| {
                    self.entity(k)
                        .filter(|&e| self.entities[e].label == Label::Person)
                })
            {
                return Some(Some(e));
            }
            // "the Police Agency when announcing the arrest": the actor right before.
            if c > s.start
                && self.text(c) != ","
                && let Some(e) = self.entity(c - 1)
            {
                return Some(Some(e));
            }
            return Some(self.main_subject(s));
        }
        // "... statement saying" without comma: looked back from like a verb.
        if v > s.start && self.tok(v - 1).kind == Kind::Word {
            return None;
        }
        Some(self.main_subject(s))
    }

    /// Steps back from the verb at `v` over what comes between it and its subject: adverbs
    /// and auxiliaries ("has also said"), and a date with its preposition ("Putin on Tuesday
    /// said"). Returns the token just after the subject, and whether a form of "be" was
    /// passed ("was told").
    fn skip_to_subject(&self, v: usize, s0: usize) -> (usize, bool) {
        let mut j = v;
        let mut passive = false;
        while j > s0 {
            let t = self.tok(j - 1);
            // "X, a security official, on Tuesday told": step over the date.
            let date = self.ent_of[j - 1];
            if date != NONE && self.entities[date as usize].label == Label::Date {
                j = self
                    .doc
                    .token_at(self.entities[date as usize].range.start)
                    .clamp(s0, j - 1);
                if j > s0
                    && matches!(
                        self.text(j - 1),
                        "on" | "in" | "at" | "since" | "during" | "by"
                    )
                {
                    j -= 1;
                }
                continue;
            }
            if t.kind == Kind::Word && !t.cap && t.flags.intersects(Flags::SKIP) {
                passive |= matches!(
                    self.text(j - 1),
                    "was" | "were" | "been" | "being" | "is" | "are" | "be"
                );
                j -= 1;
                continue;
            }
            break;
        }
        (j, passive)
    }

    /// A passive reporting verb: "he was told by the minister": the agent after "by"
    /// (past articles and titles) speaks; without one, nobody named does.
    fn passive_agent(&self, v: usize, end: usize) -> Option<usize> {
        let lim = (v + 8).min(end);
        let by = (v + 1..lim).find(|&k| self.text(k) == "by")?;
        let mut k = by + 1;
        while k < lim {
            if let Some(e) = self.entity(k) {
                return Some(e);
            }
            let t = self.tok(k);
            if t.kind == Kind::Word
                && t.flags
                    .intersects(Flags::DET | Flags::TITLE | Flags::TITLE_MOD)
            {
                k += 1;
                continue;
            }
            break;
        }
        None
    }

    /// The word before the verb (token `j - 1`): an actor ("Putin said"; "Doug Collins of
    /// Georgia wrote": the person), an apposition ("The president of Namibia, Hage Geingob,
    /// expressed"), a pronoun ("he said": its antecedent), "and" ("declined the request and
    /// said": the first verb's subject), "who" ("the prime minister, who told"), a document
    /// ("the statement said": its owner), a role ("the spokesman said"). Decides nothing when
    /// none of these is there.
    fn subject_before(&self, v: usize, j: usize, s: Range<usize>) -> Option<Option<usize>> {
        if j <= s.start {
            return None;
        }
        let i = j - 1;
        let t = *self.tok(i);
        if let Some(e) = self.entity(i) {
            let f = self.first_token_of(e);
            if self.conjoined(f, s.start) {
                return Some(None);
            }
            // "Doug Collins of Georgia wrote": the person the phrase is about.
            if self.entities[e].label != Label::Person
                && let Some(p) = self.person_before_of(f, s.start)
            {
                return Some(Some(p));
            }
            // "researchers from ... in Ohio reported": a place in a prepositional
            // phrase is not the subject.
            if f > s.start {
                let p = self.tok(f - 1);
                let pw = self.text(f - 1);
                if p.kind == Kind::Word
                    && !p.cap
                    && (p.flags.intersects(Flags::LOC_PREP)
                        || matches!(pw, "of" | "for" | "with" | "by" | "on"))
                    && self.entities[e].label == Label::Place
                {
                    return Some(None);
                }
            }
            return Some(Some(e));
        }
        if t.kind == Kind::Poss {
            return Some(None);
        }
        // "The president of Namibia, Hage Geingob, expressed" and "Damodar Naik,
        // spokesperson for the party, said": an apposition between commas.
        if self.text(i) == "," && i > s.start {
            return Some(self.apposition_subject(i, s.start));
        }
        if t.kind == Kind::Word {
            if t.flags.intersects(Flags::PRON_PERSON) {
                return Some(self.antecedent(t.start));
            }
            let w = self.text(i);
            // "The embassy declined the request and said": the first verb's subject.
            if matches!(w, "and" | "but") {
                if self.tok(v).flags.intersects(Flags::REPORT_WEAK) {
                    return Some(None);
                }
                return Some(self.clause_subject(i, s));
            }
            // "the prime minister, who told the press": the noun before "who".
            if w == "who" {
                return Some(self.relative_antecedent(i, s.start));
            }
            // "The statement said", "its statement said", "his letter says".
            if !t.cap && t.flags.intersects(Flags::DOC_NOUN) {
                return Some(self.doc_owner(i, s.start));
            }
            // "Anna Frankowska of the charity Have No Fear told".
            if t.cap
                && let Some(p) = self.person_before_of(i + 1, s.start)
            {
                return Some(Some(p));
            }
            if t.flags.intersects(Flags::PRON_IT) {
                return Some(self.nearest_before(t.start, &[Label::Organisation]));
            }
            if t.flags.intersects(Flags::PRON_GROUP) {
                return Some(None);
            }
            if !t.cap && t.flags.intersects(Flags::GROUP) {
                return Some(None);
            }
            if !t.cap
                && t.flags
                    .intersects(Flags::ROLE | Flags::ORG_ROLE | Flags::PLACE_ROLE)
            {
                // "the Liaison Office in the city said": the noun phrase before the
                // prepositional phrase.
                if let Some(e) = self.before_pp(i, s.start) {
                    return Some(Some(e));
                }
                return Some(self.noun_phrase_owner(i + 1, s.start));
            }
        }
        None
    }

    /// An inverted verb with no subject before it: "“...,” said Putin", "said the Kremlin",
    /// "said study co-author Karen Alley" (past articles, titles and role nouns), but not
    /// "the statement also said US troops ...".
    fn inverted_subject(&self, v: usize, j: usize, s: Range<usize>) -> Option<usize> {
        // Only with no subject before the verb.
        let may_invert = j == s.start || self.tok(j - 1).kind == Kind::Punct;
        if may_invert && INVERTIBLE.contains(&self.text(v)) {
            let mut k = v + 1;
            while k < s.end && k < v + 7 {
                let t = self.tok(k);
                if let Some(e) = self.entity(k) {
                    return Some(e);
                }
                if t.kind == Kind::Word
                    && (t
                        .flags
                        .intersects(Flags::DET | Flags::TITLE | Flags::TITLE_MOD)
                        || t.cap)
                {
                    k += 1;
                    continue;
                }
                // "said study co-author Karen Alley": role nouns before the name.
                if t.kind == Kind::Word
                    && !t.cap
                    && !t.flags.intersects(Flags::SKIP | Flags::REPORT)
                    && !t.lflags.intersects(Flags::FUNC)
                {
                    k += 1;
                    continue;
                }
                break;
            }
        }
        None
    }

    /// "Doug Collins of Georgia", "Sheldon Yett of UNICEF", "Anna Frankowska of the
    /// charity Have No Fear": the person before "of", "from" or "at" in the phrase that
    /// ends before token `f`.
    fn person_before_of(&self, f: usize, s0: usize) -> Option<usize> {
        let lim = f.saturating_sub(8).max(s0);
        let mut k = f;
        while k > lim {
            k -= 1;
            let t = self.tok(k);
            match t.kind {
                Kind::Word if !t.cap && matches!(self.text(k), "of" | "from" | "at") => {
                    if k == s0 {
                        return None;
                    }
                    let e = self.entity(k - 1)?;
                    return (self.entities[e].label == Label::Person).then_some(e);
                }
                Kind::Word
                    if !t
                        .flags
                        .intersects(Flags::REPORT | Flags::PRON_PERSON | Flags::PRON_GROUP)
                        && (t.cap || !t.flags.intersects(Flags::SKIP)) => {}
                Kind::Poss => {}
                Kind::Punct if matches!(self.text(k), "'" | "’") => {}
                _ => return None,
            }
            if self
                .entity(k)
                .is_some_and(|e| self.entities[e].label == Label::Person)
            {
                return None;
            }
        }
        None
    }

    /// The subject of the first verb of a sentence whose second verb follows "and" at
    /// token `and`: the main clause's subject, else the first actor not in a
    /// prepositional phrase.
    fn clause_subject(&self, and: usize, s: Range<usize>) -> Option<usize> {
        if let Some(e) = self.main_subject(s.clone()) {
            return Some(e);
        }
        let mut k = s.start;
        while k < and {
            if self.quoted.get(k).copied().unwrap_or(false) {
                k += 1;
                continue;
            }
            if let Some(e) = self.entity(k) {
                let f = self.first_token_of(e);
                let l = self
                    .doc
                    .token_at(self.entities[e].range.end.saturating_sub(1));
                // At the start or in an apposition ("One of these groups, the SDF, ...").
                let mut b = f;
                if b > s.start && matches!(self.text(b - 1), "the" | "The") {
                    b -= 1;
                }
                let leads = b == s.start || self.text(b - 1) == ",";
                let pair = l + 2 < and && self.text(l + 1) == "and" && self.entity(l + 2).is_some();
                if leads && !pair {
                    return Some(e);
                }
                k = self
                    .doc
                    .token_at(self.entities[e].range.end.saturating_sub(1))
                    .max(k)
                    + 1;
                continue;
            }
            k += 1;
        }
        None
    }

    /// The noun before a relative "who" at token `who`: an actor, or a role resolved.
    fn relative_antecedent(&self, who: usize, s0: usize) -> Option<usize> {
        let mut k = who;
        if k > s0 && self.text(k - 1) == "," {
            k -= 1;
        }
        if k == s0 {
            return None;
        }
        let h = k - 1;
        if let Some(e) = self.entity(h) {
            if self.entities[e].label == Label::Person {
                return Some(e);
            }
            // "Mark Hay, a marine ecologist at GT, who said": the person of the apposition.
            let lim = h.saturating_sub(14).max(s0);
            let person = (lim..h)
                .rev()
                .filter(|&c| self.text(c) == ",")
                .filter_map(|c| c.checked_sub(1).and_then(|p| self.entity(p)))
                .find(|&p| self.entities[p].label == Label::Person);
            // Else the name itself, unless a place ("the mayor of London, who").
            return person.or((self.entities[e].label != Label::Place).then_some(e));
        }
        let t = self.tok(h);
        if t.kind == Kind::Word && !t.cap && t.flags.intersects(Flags::ROLE | Flags::ORG_ROLE) {
            return self.noun_phrase_owner(h + 1, s0);
        }
        None
    }

    /// The author of a statement noun at token `i`: "Erdogan's statement", "the White
    /// House statement", "its statement" (an organisation), "his letter" (a person), "the
    /// statement" (the speaker of the claim before).
    fn doc_owner(&self, i: usize, s0: usize) -> Option<usize> {
        let mut k = i;
        while k > s0 && i - k < 5 {
            k -= 1;
            if let Some(e) = self.entity(k) {
                return Some(e);
            }
            let t = self.tok(k);
            match t.kind {
                Kind::Poss => {}
                Kind::Word => match self.text(k) {
                    "his" | "her" | "His" | "Her" => return self.antecedent(t.start),
                    "its" | "Its" => {
                        return self.nearest_before(t.start, &[Label::Organisation]);
                    }
                    "the" | "The" | "this" | "This" | "that" => return self.last_speaker.get(),
                    _ if t.cap
                        || t.flags.intersects(Flags::FUNC | Flags::REPORT)
                        || t.lflags.intersects(Flags::FUNC) =>
                    {
                        return None;
                    }
                    _ => {}
                },
                _ => return None,
            }
        }
        None
    }

    /// The actor before a prepositional phrase that ends with the noun at token `i`: "the
    /// Liaison Office in the city" → "Liaison Office".
    fn before_pp(&self, i: usize, s0: usize) -> Option<usize> {
        let mut b = i;
        while b > s0 && i - b < 4 {
            let p = self.tok(b - 1);
            let w = self.text(b - 1);
            if p.kind == Kind::Word && !p.cap && matches!(w, "the" | "a" | "an" | "its" | "their") {
                b -= 1;
                break;
            }
            if p.kind == Kind::Word
                && !p.cap
                && !p
                    .flags
                    .intersects(Flags::FUNC | Flags::LOC_PREP | Flags::SKIP)
            {
                b -= 1;
                continue;
            }
            return None;
        }
        if b < s0 + 2 {
            return None;
        }
        let p = self.tok(b - 1);
        let prep = p.kind == Kind::Word
            && !p.cap
            && (p.flags.intersects(Flags::LOC_PREP)
                || matches!(self.text(b - 1), "of" | "for" | "on"));
        if !prep {
            return None;
        }
        let e = self.entity(b - 2)?;
        (!self.conjoined(self.first_token_of(e), s0)).then_some(e)
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
                if ht.flags.intersects(Flags::ROLE)
                    && !ht.flags.intersects(Flags::ORG_ROLE)
                    && self.entities[e].label == Label::Place
                {
                    return None;
                }
                return Some(e);
            }
            match t.kind {
                Kind::Poss => continue,
                Kind::Word if !t.cap => {
                    if t.flags.intersects(Flags::PRON_PERSON)
                        || self.text(k) == "his"
                        || self.text(k) == "her"
                    {
                        return None;
                    }
                    if matches!(self.text(k), "the" | "this" | "that") {
                        definite = true;
                        break;
                    }
                    if t.flags
                        .intersects(Flags::DET | Flags::REPORT | Flags::LOC_PREP | Flags::FUNC)
                    {
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
        let labels: &[Label] = if ht.flags.intersects(Flags::ROLE) {
            &[Label::Person]
        } else if ht.flags.intersects(Flags::ORG_ROLE) {
            &[Label::Organisation]
        } else if ht.flags.intersects(Flags::PLACE_ROLE) {
            &[Label::Place]
        } else {
            return None;
        };
        // "the general view" and other nouns with no actor behind them stay unattributed.
        self.nearest_role(ht.start, labels, self.text(head))
    }

    /// The subject of the sentence's main clause.
    fn main_subject(&self, s: Range<usize>) -> Option<usize> {
        let mut i = s.start;
        // "“...,” Lam said, adding ...": past the quotation.
        while i < s.end
            && (self.tok(i).kind == Kind::Punct || self.quoted.get(i).copied().unwrap_or(false))
        {
            i += 1;
        }
        if i >= s.end {
            return None;
        }
        // An introductory phrase ("On Monday, ...", "However, ..."): skip to its comma.
        let t = self.tok(i);
        if t.kind == Kind::Word
            && t.lflags.intersects(Flags::FUNC)
            && !t.lflags.intersects(Flags::DET)
        {
            let lim = (i + 20).min(s.end);
            if let Some(c) = (i..lim).find(|&k| self.text(k) == ",") {
                i = c + 1;
            }
        }
        while i < s.end
            && self.tok(i).kind == Kind::Word
            && self.tok(i).lflags.intersects(Flags::DET)
            && self.entity(i).is_none()
        {
            i += 1;
        }
        // "President Donald Trump ...": titles before the name.
        while i < s.end
            && self.tok(i).kind == Kind::Word
            && self
                .tok(i)
                .flags
                .intersects(Flags::TITLE | Flags::TITLE_MOD)
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
            // "Gardner's campaign manager, Casey Contres, ...": the person in apposition.
            if last + 1 < s.end && self.tok(last + 1).kind == Kind::Poss {
                let lim = (last + 8).min(s.end);
                if let Some(c) = (last + 2..lim).find(|&k| self.text(k) == ",")
                    && c + 1 < s.end
                    && let Some(p) = self.entity(c + 1)
                    && self.entities[p].label == Label::Person
                {
                    return Some(p);
                }
            }
            return Some(e);
        }
        let t = self.tok(i);
        if t.kind == Kind::Word && t.flags.intersects(Flags::PRON_PERSON) {
            return self.antecedent(t.start);
        }
        // "The embassy declined ...": a role noun for an earlier actor.
        if t.kind == Kind::Word
            && !t.cap
            && t.flags.intersects(Flags::ROLE | Flags::ORG_ROLE)
            && i > s.start
            && matches!(self.text(i - 1), "the" | "The")
        {
            // "The mayor of London, Sadiq Khan, ...": the person in apposition.
            let lim = (i + 8).min(s.end);
            if let Some(c) = (i + 1..lim).find(|&k| self.text(k) == ",")
                && c + 1 < s.end
                && let Some(p) = self.entity(c + 1)
                && self.entities[p].label == Label::Person
            {
                return Some(p);
            }
            return self.noun_phrase_owner(i + 1, s.start);
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
                && self.tok(f - 1).flags.intersects(Flags::LOC_PREP)
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
            // "by United States President Donald Trump": step over the title.
            let mut b = f;
            while b > 0 && f - b < 6 {
                let p = self.tok(b - 1);
                if p.kind == Kind::Word
                    && p.cap
                    && p.flags.intersects(Flags::TITLE | Flags::TITLE_MOD)
                {
                    b -= 1;
                } else if let Some(pe) = self.entity(b - 1)
                    && self.entities[pe].label != Label::Person
                    && b < f
                {
                    b = self.doc.token_at(self.entities[pe].range.start).min(b - 1);
                } else {
                    break;
                }
            }
            let object = b > 0 && {
                let p = self.tok(b - 1);
                let pw = self.text(b - 1);
                p.kind == Kind::Word
                    && !p.cap
                    && (matches!(
                        pw,
                        "to" | "with" | "by" | "of" | "for" | "from" | "about" | "against"
                    ) || (b == f && object_verb(p, pw)))
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

#[cfg(test)]
mod tests {
    use crate::detect::Detector;

    /// Checks the speaker the detector gives the first claim of `marked`: one sentence,
    /// with the expected speaker's words in [brackets] (none: no speaker).
    fn speaker_is(marked: &str) {
        let text = marked.replace(['[', ']'], "");
        let expected = marked
            .find('[')
            .map(|start| marked[start + 1..marked.find(']').unwrap()].to_string());
        let sentences = crate::document::sentences::split_sentences(&text);
        let detection = Detector::builtin().unwrap().detect(&text, &sentences);
        let claim = detection
            .claims
            .first()
            .unwrap_or_else(|| panic!("no claim: {marked}"));
        let speaker = claim
            .speaker
            .map(|i| text[detection.entities[i].range.clone()].to_string());
        assert_eq!(speaker, expected, "{marked}");
    }

    #[test]
    fn a_participle_takes_the_subject_of_the_main_clause_or_the_person_cited() {
        speaker_is("[Vladimir Putin] spoke on Tuesday, saying the treaty had been a success.");
        speaker_is(
            "The newspaper cited [Budi Gunawan], chief of the agency, as saying the arrests were legal.",
        );
    }

    #[test]
    fn dates_and_adverbs_between_subject_and_verb_are_stepped_over() {
        speaker_is("[Vladimir Putin] on Tuesday also said the treaty had been a success.");
    }

    #[test]
    fn a_passive_verb_gives_the_agent_after_by() {
        speaker_is("Reporters were told by [Angela Merkel] that the talks had failed.");
    }

    #[test]
    fn the_word_before_the_verb_names_the_subject() {
        speaker_is("[Angela Merkel] said the talks had failed.");
        speaker_is("The chancellor of Germany, [Angela Merkel], said the talks had failed.");
        speaker_is("[Doug Collins] of Georgia wrote that the inquiry was a sham.");
    }

    #[test]
    fn an_inverted_verb_takes_the_actor_after_it() {
        speaker_is("“The talks have failed,” said [Angela Merkel].");
        speaker_is("“The talks have failed,” said German Chancellor [Angela Merkel].");
        // Past a comma it stops: the actor there is not the one who speaks.
        speaker_is("“The talks have failed,” said the chancellor, Angela Merkel.");
    }
}
