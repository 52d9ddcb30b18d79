//! Names: gazetteer matches judged in context (capitals, demonyms, common words) and
//! capitalised word sequences that no gazetteer holds, typed by titles, cue words,
//! given names and context.

use std::ops::Range;

use super::Label;
use super::gazetteer::{GazMatch, Gazetteer, PatKind};
use super::lexicon::{self as lx, FxMap, Lexicon};
use super::tokens::{self, Document, Kind, Token};

/// Who an entity candidate stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CandActor {
    /// A gazetteer actor.
    Gaz(u32),
    /// Not in the gazetteer: named by its text.
    Surface,
}

/// An entity candidate before article-level resolution.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    /// Byte range.
    pub range: Range<usize>,
    /// Label.
    pub label: Label,
    /// Actor.
    pub actor: CandActor,
    /// Confidence of the label: 3 gazetteer, 2 strong cue, 1 medium, 0 guess.
    pub strength: u8,
}

/// Label given to a lone capitalised word with no other clue.
const DEFAULT_SINGLE: Label = Label::Organisation;

/// Nouns after a demonym that make it stand for the country ("the Russian government").
const STATE_NOUNS: &[&str] = &[
    "government", "authorities", "military", "army", "navy", "embassy", "regime", "leadership", "side", "state",
    "administration", "presidency", "parliament", "forces", "delegation", "officials",
];

const NO_GAZ: u32 = u32::MAX;

struct Ctx<'a, 't> {
    doc: &'a Document<'t>,
    lex: &'a Lexicon,
    gaz: &'a Gazetteer,
    matches: &'a [GazMatch],
    /// Token → index of the gazetteer match over it.
    gaz_of: Vec<u32>,
    /// Gazetteer match → emitted?
    emit: Vec<Option<Cand>>,
    /// Token inside a date.
    is_date: Vec<bool>,
    /// Capitalised words seen capitalised away from a sentence start.
    seen: FxMap<&'t str, ()>,
    out: Vec<Cand>,
}

/// Finds name candidates (gazetteer and rules). `dates` are token ranges already taken.
pub(crate) fn find(
    doc: &Document<'_>,
    lex: &Lexicon,
    gaz: &Gazetteer,
    matches: &[GazMatch],
    dates: &[Range<usize>],
) -> Vec<Cand> {
    let n = doc.tokens.len();
    let mut cx = Ctx {
        doc,
        lex,
        gaz,
        matches,
        gaz_of: vec![NO_GAZ; n],
        emit: vec![None; matches.len()],
        is_date: vec![false; n],
        seen: FxMap::default(),
        out: Vec::new(),
    };
    for r in dates {
        for i in r.clone() {
            cx.is_date[i] = true;
        }
    }
    // Map tokens to gazetteer matches (both sorted by position).
    let mut ti = 0;
    for (mi, m) in matches.iter().enumerate() {
        while ti < n && doc.tokens[ti].end <= m.start {
            ti += 1;
        }
        let mut k = ti;
        while k < n && doc.tokens[k].start < m.end {
            if cx.gaz_of[k] == NO_GAZ {
                cx.gaz_of[k] = mi as u32;
            }
            k += 1;
        }
    }
    for t in &doc.tokens {
        if t.kind == Kind::Word && t.cap && !t.initial {
            cx.seen.insert(t.text(doc.text), ());
        }
    }
    for mi in 0..matches.len() {
        cx.judge_gaz(mi);
    }
    for si in 0..doc.sent_tokens.len() {
        cx.sentence(si);
    }
    let Ctx { emit, mut out, .. } = cx;
    out.extend(emit.into_iter().flatten());
    out.sort_by_key(|c| (c.range.start, std::cmp::Reverse(c.range.end)));
    out
}

impl<'t> Ctx<'_, 't> {
    fn tok(&self, i: usize) -> &Token {
        &self.doc.tokens[i]
    }

    fn text(&self, i: usize) -> &'t str {
        self.doc.tokens[i].text(self.doc.text)
    }

    /// Tokens of match `mi`: first and one past last.
    fn match_tokens(&self, mi: usize) -> Range<usize> {
        let m = &self.matches[mi];
        let a = self.doc.token_at(m.start);
        let mut b = a;
        while b < self.doc.tokens.len() && self.doc.tokens[b].start < m.end {
            b += 1;
        }
        a..b
    }

    /// The word token before token `i` in the same sentence, if any.
    fn prev_word(&self, i: usize) -> Option<&Token> {
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
    fn judge_gaz(&mut self, mi: usize) {
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
        if p.common && first.initial && first.start == m.start {
            return;
        }
        // "Chad Smith", "Jordan Peterson": a place that is also a given name, before a
        // surname, is a person.
        if actor.label == Label::Place
            && toks.len() == 1
            && first.flags & lx::GIVEN != 0
            && first.start == m.start
            && first.end == m.end
        {
            let nxt = toks.end;
            if nxt < self.doc.tokens.len()
                && self.doc.sentence_of(nxt) == self.doc.sentence_of(toks.start)
                && tokens::is_capword(self.tok(nxt))
                && self.gaz_of[nxt] == NO_GAZ
                && self.tok(nxt).flags & (lx::ORG_CUE | lx::PLACE_CUE | lx::TITLE | lx::MONTH | lx::WEEKDAY) == 0
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
            },
            PatKind::Capital { city } => {
                let loc = self
                    .prev_word(toks.start)
                    .is_some_and(|t| !t.cap && t.flags & lx::LOC_PREP != 0);
                Cand {
                    range: m.range(),
                    label: Label::Place,
                    actor: CandActor::Gaz(if loc { city } else { p.actor }),
                    strength: 3,
                }
            }
            PatKind::Demonym => {
                let nxt = toks.end;
                if first.start != m.start || self.tok(toks.end - 1).end != m.end {
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
                    }
                } else {
                    return;
                }
            }
        };
        self.emit[mi] = Some(cand);
    }

    /// Can token `i` be part of a name?
    fn namey(&self, i: usize) -> bool {
        let t = self.tok(i);
        t.kind == Kind::Word && t.cap && !self.is_date[i]
    }

    /// Is token `i` a lower-case joiner inside a name ("of", "de", "bin")?
    fn joiner(&self, i: usize) -> bool {
        let t = self.tok(i);
        (t.kind == Kind::Word && !t.cap && t.flags & lx::JOINER != 0)
            || (t.kind == Kind::Punct && self.text(i) == "&")
    }

    fn sentence(&mut self, si: usize) {
        let r = self.doc.sent_tokens[si].clone();
        let titlecase = self.titlecase(r.clone());
        let mut i = r.start;
        while i < r.end {
            if !self.namey(i) {
                i += 1;
                continue;
            }
            // Extend the segment over capitalised words and joiners between them.
            let a = i;
            let mut b = i + 1;
            loop {
                if b < r.end && self.namey(b) {
                    b += 1;
                    continue;
                }
                let mut j = b;
                while j < r.end && j - b < 2 && self.joiner(j) {
                    j += 1;
                }
                if j > b && j < r.end && self.namey(j) {
                    b = j + 1;
                    continue;
                }
                break;
            }
            self.segment(a, b, r.start, titlecase);
            i = b;
        }
    }

    /// A headline-style sentence with most words capitalised.
    fn titlecase(&self, r: Range<usize>) -> bool {
        let mut words = 0;
        let mut caps = 0;
        for i in r {
            let t = self.tok(i);
            if t.kind == Kind::Word && t.end - t.start >= 4 && t.flags & lx::FUNC == 0 {
                words += 1;
                if t.cap {
                    caps += 1;
                }
            }
        }
        words >= 4 && caps * 4 >= words * 3
    }

    fn gaz_covered(&self, i: usize) -> bool {
        self.gaz_of[i] != NO_GAZ
    }

    fn segment(&mut self, mut a: usize, mut b: usize, s0: usize, titlecase: bool) {
        // Leading function words and sentence-initial common words are not names.
        while a < b {
            let t = *self.tok(a);
            if self.gaz_covered(a) {
                break;
            }
            let func = t.lflags & lx::FUNC != 0 && t.flags & lx::GIVEN == 0;
            let initial_common = t.initial
                && t.lflags & lx::COMMON != 0
                && t.flags & lx::GIVEN == 0
                && !self.seen.contains_key(self.text(a));
            if func || initial_common || self.joiner(a) {
                a += 1;
            } else {
                break;
            }
        }
        while b > a && self.joiner(b - 1) {
            b -= 1;
        }
        if a >= b {
            return;
        }
        // Whole-segment names with a cue word: "Russian Foreign Ministry",
        // "University of Texas", "Metro Toronto Convention Centre".
        let last = *self.tok(b - 1);
        let first = *self.tok(a);
        let mut unit: Option<Label> = None;
        if b - a >= 2 && !self.gaz_covered(b - 1) {
            if last.flags & lx::ORG_CUE != 0 {
                unit = Some(Label::Organisation);
            } else if last.flags & lx::PLACE_CUE != 0 {
                unit = Some(Label::Place);
            }
        }
        if unit.is_none()
            && b - a >= 3
            && !self.gaz_covered(a)
            && self.tok(a + 1).kind == Kind::Word
            && self.text(a + 1) == "of"
        {
            if first.flags & lx::ORG_PREFIX != 0 {
                unit = Some(Label::Organisation);
            } else if first.flags & lx::PLACE_PREFIX != 0 {
                unit = Some(Label::Place);
            }
        }
        if let Some(label) = unit {
            // Titles before an organisation are not part of it ("President Putin Foundation" aside).
            let mut ua = a;
            while ua < b - 1 && self.tok(ua).flags & lx::TITLE != 0 && self.tok(ua).flags & lx::ORG_PREFIX == 0 {
                ua += 1;
            }
            // A gazetteer actor covering the whole unit stays as it is.
            let whole = self.gaz_of[ua] != NO_GAZ
                && self.matches[self.gaz_of[ua] as usize].start <= self.tok(ua).start
                && self.matches[self.gaz_of[ua] as usize].end >= self.tok(b - 1).end;
            if !whole {
                for k in ua..b {
                    if self.gaz_of[k] != NO_GAZ {
                        let mi = self.gaz_of[k] as usize;
                        self.emit[mi] = None;
                    }
                }
                self.out.push(Cand {
                    range: self.tok(ua).start..self.tok(b - 1).end,
                    label,
                    actor: CandActor::Surface,
                    strength: 2,
                });
                return;
            }
        }
        // Split at gazetteer names and titles.
        let mut run_start = a;
        let mut after_title = false;
        let mut after_gaz = false;
        let mut k = a;
        while k < b {
            if self.gaz_covered(k) {
                self.run(run_start, k, s0, after_title, after_gaz, titlecase);
                let mi = self.gaz_of[k];
                while k < b && self.gaz_of[k] == mi {
                    k += 1;
                }
                run_start = k;
                after_title = false;
                after_gaz = true;
                continue;
            }
            let t = *self.tok(k);
            if t.flags & (lx::TITLE | lx::TITLE_MOD) != 0 {
                // A title: title words (and "of") ending in a head word, then a name.
                let mut m = k;
                let mut head = false;
                while m < b {
                    let tm = self.tok(m);
                    if tm.flags & lx::TITLE != 0 && tm.cap {
                        head = true;
                        m += 1;
                    } else if tm.flags & lx::TITLE_MOD != 0 && tm.cap && !self.gaz_covered(m) {
                        m += 1;
                    } else if self.text(m) == "of" && m + 1 < b && self.tok(m + 1).flags & (lx::TITLE | lx::TITLE_MOD) != 0 {
                        m += 1;
                    } else {
                        break;
                    }
                }
                if head && m < b {
                    self.run(run_start, k, s0, after_title, after_gaz, titlecase);
                    run_start = m;
                    after_title = true;
                    after_gaz = false;
                    k = m;
                    continue;
                }
                if head && m == b {
                    // A title with no name after it ("the President").
                    self.run(run_start, k, s0, after_title, after_gaz, titlecase);
                    run_start = b;
                    k = b;
                    continue;
                }
            }
            k += 1;
        }
        self.run(run_start, b, s0, after_title, after_gaz, titlecase);
    }

    /// Classifies the name run `a..b` and records it.
    fn run(&mut self, mut a: usize, mut b: usize, s0: usize, after_title: bool, after_gaz: bool, titlecase: bool) {
        while a < b && (self.joiner(a) || self.tok(a).kind != Kind::Word) {
            a += 1;
        }
        while b > a && (self.joiner(b - 1) || self.tok(b - 1).kind != Kind::Word) {
            b -= 1;
        }
        if a >= b {
            return;
        }
        let words: Vec<usize> = (a..b).filter(|&i| !self.joiner(i)).collect();
        let n = words.len();
        let first = *self.tok(a);
        let last = *self.tok(b - 1);
        if words.iter().all(|&i| self.tok(i).flags & lx::NON_ENTITY != 0) {
            return;
        }
        if n == 1 && (first.flags & (lx::TITLE | lx::TITLE_MOD) != 0 && first.flags & lx::GIVEN == 0) {
            return;
        }
        let prev = if a > s0 && !after_gaz && !after_title {
            Some(*self.tok(a - 1))
        } else {
            None
        };
        let prev_role = prev.is_some_and(|p| p.kind == Kind::Word && !p.cap && p.flags & lx::ROLE != 0);
        let prev_org_role =
            prev.is_some_and(|p| p.kind == Kind::Word && !p.cap && p.flags & lx::ORG_ROLE != 0);
        let prev_loc = prev.is_some_and(|p| p.kind == Kind::Word && !p.cap && p.flags & lx::LOC_PREP != 0);
        let given = first.flags & lx::GIVEN != 0;
        let any_common = words.iter().any(|&i| {
            let t = self.tok(i);
            t.lflags & lx::COMMON != 0 && t.flags & lx::GIVEN == 0
        });
        let seen = |cx: &Self, i: usize| cx.seen.contains_key(cx.text(i));
        let (label, strength) = if after_title {
            (Label::Person, 2)
        } else if prev_role {
            (Label::Person, 2)
        } else if given && n >= 2 && !any_common_except_first(self, &words) {
            (Label::Person, 2)
        } else if last.flags & lx::ORG_CUE != 0 && n >= 2 {
            (Label::Organisation, 2)
        } else if last.flags & lx::PLACE_CUE != 0 && n >= 2 {
            (Label::Place, 2)
        } else if prev_org_role {
            (Label::Organisation, 1)
        } else if n == 1 && tokens::is_acronym(self.text(a)) {
            if first.initial && first.lflags & lx::FUNC != 0 {
                return;
            }
            (Label::Organisation, 1)
        } else if n == 1 && given {
            if first.initial && !seen(self, a) && first.lflags & lx::COMMON != 0 {
                return;
            }
            (Label::Person, 1)
        } else if any_common {
            if n == 1 {
                return;
            }
            if titlecase {
                return;
            }
            (Label::Organisation, 0)
        } else if prev_loc && n <= 2 {
            (Label::Place, 1)
        } else if n >= 2 {
            (Label::Person, 1)
        } else {
            if first.initial && !seen(self, a) {
                return;
            }
            if self.text(a).ends_with("ly") && first.initial {
                return;
            }
            (DEFAULT_SINGLE, 0)
        };
        if titlecase && strength < 2 {
            return;
        }
        self.out.push(Cand {
            range: first.start..last.end,
            label,
            actor: CandActor::Surface,
            strength,
        });
    }
}

/// True if a word after the first (a given name) is a common word: "John Deere
/// Tractor Company" is not a person.
fn any_common_except_first(cx: &Ctx<'_, '_>, words: &[usize]) -> bool {
    words[1..].iter().any(|&i| {
        let t = cx.tok(i);
        t.lflags & lx::COMMON != 0 && t.flags & lx::GIVEN == 0 && t.flags & lx::NON_ENTITY == 0
    })
}
