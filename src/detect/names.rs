//! Names: gazetteer matches judged in context (capitals, demonyms, common words) and
//! capitalised word sequences that no gazetteer holds, typed by titles, cue words,
//! given names and context.

use std::ops::Range;

mod classify;
mod gaz;

use super::Label;
use super::gazetteer::{GazMatch, Gazetteer, PatKind};
use super::lexicon::{Flags, FxMap, Lexicon};
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
    /// Kept only if another mention in the article supports it (a capitalised common
    /// word like "Cruise" after "Tom Cruise").
    pub needs_support: bool,
    /// The title before the name ("President" in "President Donald Trump"), bytes.
    pub title: Option<Range<usize>>,
    /// A title alone ("the President"): stands for the last person with that title.
    pub by_title: bool,
}

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
    /// Capitalised words seen capitalised away from a sentence start, with counts.
    seen: FxMap<&'t str, u32>,
    /// Words seen in lower case (after a space), with counts.
    lower: FxMap<&'t str, u32>,
    /// The title just read, for the name after it.
    pending_title: Option<Range<usize>>,
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
        lower: FxMap::default(),
        pending_title: None,
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
        if t.kind == Kind::Word {
            if t.cap {
                if !t.initial {
                    *cx.seen.entry(t.text(doc.text)).or_insert(0) += 1;
                }
            } else if t.end - t.start >= 3
                && doc.text[..t.start].ends_with([' ', '\n', '(', '"', '“'])
            {
                *cx.lower.entry(t.text(doc.text)).or_insert(0) += 1;
            }
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

    /// Can token `i` be part of a name?
    fn namey(&self, i: usize) -> bool {
        let t = self.tok(i);
        t.kind == Kind::Word
            && t.cap
            && !self.is_date[i]
            && (!t.flags.intersects(Flags::MONTH | Flags::WEEKDAY) || self.gaz_covered(i))
    }

    /// Is token `i` a lower-case joiner inside a name ("of", "de", "bin")?
    fn joiner(&self, i: usize) -> bool {
        let t = self.tok(i);
        (t.kind == Kind::Word && !t.cap && t.flags.intersects(Flags::JOINER))
            || (t.kind == Kind::Punct && self.text(i) == "&")
    }

    fn sentence(&mut self, si: usize) {
        let r = self.doc.sent_tokens[si].clone();
        let titlecase = self.titlecase(r.clone());
        let mut i = r.start;
        while i < r.end {
            // "501st Legion", "82nd Airborne Division": an ordinal may open a name.
            let ordinal = self.tok(i).kind == Kind::Num
                && ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|x| self.text(i).ends_with(x))
                && i + 1 < r.end
                && self.namey(i + 1);
            if !self.namey(i) && !ordinal {
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
                // "Ted Scambos of CU Boulder": "of" does not join a person to a place.
                let of_after_person = b < r.end
                    && self.text(b) == "of"
                    && self.tok(a).flags.intersects(Flags::GIVEN)
                    && b - a >= 2;
                if j > b && j < r.end && self.namey(j) && !of_after_person {
                    b = j + 1;
                    continue;
                }
                // "Centre for Disease Control", "Council on Foreign Relations".
                if b + 1 < r.end
                    && matches!(self.text(b), "for" | "on")
                    && self
                        .tok(b - 1)
                        .flags
                        .intersects(Flags::ORG_CUE | Flags::PLACE_CUE | Flags::ORG_PREFIX)
                    && self.namey(b + 1)
                {
                    b += 2;
                    continue;
                }
                // "Alachua Sheriff's Office": a possessive inside an organisation's name.
                if b + 1 < r.end
                    && self.tok(b).kind == Kind::Poss
                    && self.namey(b + 1)
                    && self.tok(b + 1).flags.intersects(Flags::ORG_CUE)
                    && !self.gaz_covered(b - 1)
                {
                    b += 2;
                    continue;
                }
                // "National Oceanic and Atmospheric Administration": "and" inside a name
                // that ends with an organisation word.
                if b + 1 < r.end && self.text(b) == "and" && self.namey(b + 1) {
                    let left_open = !self
                        .tok(b - 1)
                        .flags
                        .intersects(Flags::ORG_CUE | Flags::PLACE_CUE)
                        && !self.gaz_covered(b - 1)
                        && !self.tok(a).flags.intersects(Flags::GIVEN);
                    let mut c = b + 1;
                    while c < r.end
                        && (self.namey(c) || (self.joiner(c) && c + 1 < r.end && self.namey(c + 1)))
                    {
                        c += 1;
                    }
                    if left_open
                        && !self.gaz_covered(c - 1)
                        && self.tok(c - 1).flags.intersects(Flags::ORG_CUE)
                    {
                        b = c;
                        continue;
                    }
                }
                break;
            }
            self.segment(a, b, r.start, titlecase);
            i = b;
        }
    }

    /// A headline in title case: capitalised words and no lower-case content word.
    fn titlecase(&self, r: Range<usize>) -> bool {
        let mut caps = 0;
        for i in r {
            let t = self.tok(i);
            if t.kind != Kind::Word {
                continue;
            }
            if t.cap {
                caps += 1;
            } else if !t.flags.intersects(Flags::FUNC) && t.end - t.start >= 3 {
                return false;
            }
        }
        caps >= 4
    }

    /// Does token `i`'s lower-case form occur in lower case in the article ("Iodine"
    /// at a sentence start, "iodine" elsewhere)?
    fn lower_seen(&self, i: usize) -> bool {
        let w = self.text(i);
        if !w.is_ascii() || w.len() > 40 {
            return false;
        }
        let mut buf = [0u8; 40];
        for (d, c) in buf.iter_mut().zip(w.bytes()) {
            *d = c.to_ascii_lowercase();
        }
        let lower = std::str::from_utf8(&buf[..w.len()])
            .ok()
            .and_then(|l| self.lower.get(l))
            .copied()
            .unwrap_or(0);
        lower > 0 && lower >= self.seen.get(w).copied().unwrap_or(0)
    }

    /// Does the name run `run_start..k`, which starts with a given name, take in the
    /// one-word gazetteer name at `k` as its last word?
    fn absorbs(&self, run_start: usize, k: usize, b: usize) -> bool {
        if run_start >= k {
            return false;
        }
        let mi = self.gaz_of[k] as usize;
        let m = &self.matches[mi];
        let t = self.tok(k);
        let single = m.start == t.start && m.end == t.end;
        if !single || m.pattern.kind == PatKind::Demonym {
            return false;
        }
        // "Ali bin Tamim": a name part after a joiner.
        if self.joiner(k - 1) {
            return run_start < k - 1;
        }
        let last = k + 1 == b;
        let person = self.gaz.actor(m.pattern.actor).label == Label::Person;
        self.tok(run_start).flags.intersects(Flags::GIVEN) && last && !person
    }

    /// The end of the run of capitalised words from `k`.
    fn segment_end(&self, k: usize) -> usize {
        let mut e = k;
        while e < self.doc.tokens.len() && self.namey(e) {
            e += 1;
        }
        e
    }

    fn gaz_covered(&self, i: usize) -> bool {
        self.gaz_of[i] != NO_GAZ
    }

    /// Finds the names in the segment `a..b` of capitalised words (from sentence token `s0`):
    /// trimmed ([`Ctx::trim_segment`]), a whole unit with a cue word when it is one
    /// ([`Ctx::unit_label`], [`Ctx::emit_unit`]), else split at gazetteer names and titles
    /// into runs that are classified one by one ([`Ctx::split_runs`]).
    fn segment(&mut self, a: usize, b: usize, s0: usize, titlecase: bool) {
        self.pending_title = None;
        let Some((a, mut b)) = self.trim_segment(a, b) else {
            return;
        };
        if let Some(label) = self.unit_label(a, b) {
            let tail = self.unit_tail(a, b);
            if let Some(k) = tail {
                b = k;
            }
            if self.emit_unit(a, b, label, tail, s0, titlecase) {
                return;
            }
        }
        self.split_runs(a, b, s0, titlecase);
    }

    /// The segment without what starts or ends it but names nothing: leading function words
    /// and sentence-initial common words ("The", "Yesterday"), trailing joiners.
    fn trim_segment(&self, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
        // Leading function words and sentence-initial common words are not names.
        while a < b {
            let t = *self.tok(a);
            if self.gaz_covered(a) {
                break;
            }
            let acronym = tokens::is_acronym(self.text(a));
            let func = t.lflags.intersects(Flags::FUNC)
                && !t.flags.intersects(Flags::GIVEN | Flags::TITLE)
                && !acronym;
            let initial_common = t.initial
                && (t.lflags.intersects(Flags::COMMON) || self.lower_seen(a))
                && !t.flags.intersects(Flags::GIVEN | Flags::TITLE)
                && !acronym
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
            return None;
        }
        Some((a, b))
    }

    /// The label of a segment that is one name by its cue word: "Russian Foreign Ministry",
    /// "Metro Toronto Convention Centre" (last word), "University of Texas" (first word and
    /// "of"), "Council on Foreign Relations" ("for" or "on" after a cue).
    fn unit_label(&self, a: usize, b: usize) -> Option<Label> {
        // Whole-segment names with a cue word: "Russian Foreign Ministry",
        // "University of Texas", "Metro Toronto Convention Centre".
        let last = *self.tok(b - 1);
        let first = *self.tok(a);
        let mut unit: Option<Label> = None;
        // "Centre for Control of ...", "Council on Foreign Relations".
        if (a + 1..b).any(|k| {
            matches!(self.text(k), "for" | "on")
                && self
                    .tok(k - 1)
                    .flags
                    .intersects(Flags::ORG_CUE | Flags::PLACE_CUE | Flags::ORG_PREFIX)
        }) {
            unit = Some(Label::Organisation);
        } else if b - a >= 2 && !self.gaz_covered(b - 1) {
            if last.flags.intersects(Flags::ORG_CUE) {
                unit = Some(Label::Organisation);
            } else if last.flags.intersects(Flags::PLACE_CUE) {
                unit = Some(Label::Place);
            }
        }
        if unit.is_none()
            && b - a >= 3
            && !self.gaz_covered(a)
            && self.tok(a + 1).kind == Kind::Word
            && self.text(a + 1) == "of"
        {
            if first.flags.intersects(Flags::ORG_PREFIX) {
                unit = Some(Label::Organisation);
            } else if first.flags.intersects(Flags::PLACE_PREFIX) {
                unit = Some(Label::Place);
            }
        }
        unit
    }

    /// Where another name starts after a unit named "X of Y": "University of Texas
    /// Arlington Amneh Jafari" ends with the gazetteer names after "of".
    fn unit_tail(&self, a: usize, b: usize) -> Option<usize> {
        let last = *self.tok(b - 1);
        if self.text(a + 1) == "of" && !last.flags.intersects(Flags::ORG_CUE | Flags::PLACE_CUE) {
            // "University of Texas Arlington Amneh Jafari": the name of the place ends
            // with the gazetteer names after "of"; what follows is another name.
            let mut k = a + 2;
            while k < b && self.joiner(k) {
                k += 1;
            }
            if k < b && self.gaz_covered(k) {
                while k < b && self.gaz_covered(k) {
                    k += 1;
                }
                if k < b {
                    return Some(k);
                }
            }
        }
        None
    }

    /// Records the unit `a..b` as one name labelled `label` (without the titles before it:
    /// "President" in "President Putin Foundation" aside), then classifies what `tail`
    /// starts; true when done. A gazetteer actor covering the whole unit stays as it is
    /// (false: the segment is split as usual).
    fn emit_unit(
        &mut self,
        a: usize,
        b: usize,
        label: Label,
        tail: Option<usize>,
        s0: usize,
        titlecase: bool,
    ) -> bool {
        // Titles before an organisation are not part of it ("President Putin Foundation" aside).
        let mut ua = a;
        while ua < b - 1
            && self.tok(ua).flags.intersects(Flags::TITLE)
            && !self.tok(ua).flags.intersects(Flags::ORG_PREFIX)
        {
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
                needs_support: false,
                title: None,
                by_title: false,
            });
            if let Some(k) = tail {
                let end = self.segment_end(k);
                self.run(k, end, s0, false, true, titlecase);
            }
            return true;
        }
        false
    }

    /// Splits the segment at gazetteer names (a person's last name after a given name is
    /// absorbed: "Marc Lamont Hill") and at titles ("Foreign Minister Sergey Lavrov": the
    /// title is kept for the name after it; "the President" alone is the person last named
    /// with it; "Deputy Emergency Situations Minister": a portfolio), classifying each run.
    fn split_runs(&mut self, a: usize, b: usize, s0: usize, titlecase: bool) {
        let mut run_start = a;
        let mut after_title = false;
        let mut after_gaz = false;
        let mut k = a;
        while k < b {
            if self.gaz_covered(k) && self.absorbs(run_start, k, b) {
                // "Marc Lamont Hill", "Denzel Washington": the last name of a person.
                let mi = self.gaz_of[k] as usize;
                self.emit[mi] = None;
                self.gaz_of[k] = NO_GAZ;
                k += 1;
                continue;
            }
            if self.gaz_covered(k) {
                self.run(run_start, k, s0, after_title, after_gaz, titlecase);
                let mi = self.gaz_of[k];
                if after_title && run_start == k {
                    let title = self.pending_title.take();
                    if let Some(c) = self.emit[mi as usize].as_mut()
                        && c.label == Label::Person
                    {
                        c.title = title;
                    }
                }
                while k < b && self.gaz_of[k] == mi {
                    k += 1;
                }
                run_start = k;
                after_title = false;
                after_gaz = true;
                continue;
            }
            let t = *self.tok(k);
            if t.flags.intersects(Flags::TITLE | Flags::TITLE_MOD) {
                let (m, head) = self.title_span(k, b);
                if head && m < b {
                    self.pending_title = Some(self.tok(k).start..self.tok(m - 1).end);
                    // "Deputy Emergency Situations Minister Alexander Chupriyan": the words
                    // between title words are a portfolio, not a name.
                    let portfolio = (run_start..k).all(|i| {
                        self.joiner(i)
                            || !self
                                .tok(i)
                                .flags
                                .intersects(Flags::ORG_CUE | Flags::PLACE_CUE)
                    }) && (after_title
                        || self.tok(k).flags.intersects(Flags::TITLE));
                    if !portfolio {
                        self.run(run_start, k, s0, after_title, after_gaz, titlecase);
                    }
                    run_start = m;
                    after_title = true;
                    after_gaz = false;
                    k = m;
                    continue;
                }
                if head && m == b {
                    // A title with no name after it ("the President"): the person last
                    // named with it.
                    self.run(run_start, k, s0, after_title, after_gaz, titlecase);
                    if k > s0 && matches!(self.text(k - 1), "the" | "The") {
                        let range = self.tok(k).start..self.tok(m - 1).end;
                        self.out.push(Cand {
                            range: range.clone(),
                            label: Label::Person,
                            actor: CandActor::Surface,
                            strength: 1,
                            needs_support: false,
                            title: Some(range),
                            by_title: true,
                        });
                    }
                    run_start = b;
                    k = b;
                    continue;
                }
            }
            k += 1;
        }
        self.run(run_start, b, s0, after_title, after_gaz, titlecase);
    }

    /// The title starting at token `k`: title words (and "of") ending in a head word, with a
    /// portfolio after "of" ("Minister of Information Moammar al-Eryani"). Returns the token
    /// after it and whether it has a head word.
    fn title_span(&self, k: usize, b: usize) -> (usize, bool) {
        let mut m = k;
        let mut head = false;
        while m < b {
            let tm = self.tok(m);
            if tm.flags.intersects(Flags::TITLE) && tm.cap {
                head = true;
                m += 1;
            } else if (tm.flags.intersects(Flags::TITLE_MOD) && tm.cap && !self.gaz_covered(m))
                || (self.text(m) == "of"
                    && m + 1 < b
                    && self
                        .tok(m + 1)
                        .flags
                        .intersects(Flags::TITLE | Flags::TITLE_MOD))
            {
                m += 1;
            } else if head && self.text(m) == "of" {
                // "Minister of Information Moammar al-Eryani": common words after
                // "of" name the portfolio.
                let mut e = m + 1;
                while e < b
                    && !self.gaz_covered(e)
                    && (self.joiner(e)
                        || (self.tok(e).lflags.intersects(Flags::COMMON)
                            && !self.tok(e).flags.intersects(Flags::GIVEN)))
                {
                    e += 1;
                }
                if e > m + 1 && e < b {
                    m = e;
                }
                break;
            } else {
                break;
            }
        }
        (m, head)
    }
}

#[cfg(test)]
mod test_names {
    use crate::detect::{Detector, Label};

    /// The names the detector finds in `text`, with their labels.
    pub(super) fn names(text: &str) -> Vec<(String, Label)> {
        let sentences = crate::document::sentences::split_sentences(text);
        let detection = Detector::builtin().unwrap().detect(text, &sentences);
        detection
            .entities
            .iter()
            .filter(|e| e.label != Label::Date)
            .map(|e| (text[e.range.clone()].to_string(), e.label))
            .collect()
    }

    /// Checks that `name` is found in `text` with `label`.
    pub(super) fn has(text: &str, name: &str, label: Label) {
        let found = names(text);
        assert!(
            found.iter().any(|(n, l)| n == name && *l == label),
            "{name} ({label:?}) in {text:?}: {found:?}"
        );
    }

    /// Checks that nothing found in `text` holds `name`.
    pub(super) fn lacks(text: &str, name: &str) {
        let found = names(text);
        assert!(
            !found.iter().any(|(n, _)| n.contains(name)),
            "{name} in {text:?}: {found:?}"
        );
    }
}

#[cfg(test)]
mod segment_tests {
    use super::test_names::{has, names};
    use crate::detect::Label;

    #[test]
    fn leading_function_words_are_trimmed() {
        has(
            "Yesterday Marta Olbrycht spoke.",
            "Marta Olbrycht",
            Label::Person,
        );
    }

    #[test]
    fn a_segment_with_a_cue_word_is_one_name() {
        has(
            "The Brukner Harbour Authority said so.",
            "Brukner Harbour Authority",
            Label::Organisation,
        );
        has(
            "She studied at the University of Brukner.",
            "University of Brukner",
            Label::Organisation,
        );
    }

    #[test]
    fn a_segment_splits_at_titles() {
        has(
            "Foreign Minister Marta Olbrycht arrived.",
            "Marta Olbrycht",
            Label::Person,
        );
        let found = names("Foreign Minister Marta Olbrycht arrived.");
        assert!(
            !found.iter().any(|(n, _)| n.contains("Minister")),
            "{found:?}"
        );
    }
}
