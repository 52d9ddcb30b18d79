//! Typing of a run of capitalised words that no gazetteer holds: titles, roles, cue
//! words, given names, context ("in X", "X, Texas") and article evidence.

use super::super::Label;
use super::super::lexicon::Flags;
use super::super::tokens::{self, Kind, Token};
use super::{Cand, CandActor, Ctx, NO_GAZ};

/// Label given to a lone capitalised word with no other clue.
const DEFAULT_SINGLE: Label = Label::Organisation;

impl Ctx<'_, '_> {
    /// Classifies the name run `a..b` and records it: the span is trimmed
    /// ([`Ctx::trim_run`]), a lone word that is no name is dropped
    /// ([`Ctx::single_word_is_no_name`]), a role before a name is left out
    /// ([`Ctx::name_after_role`]), products, events and lone titles are dropped
    /// ([`Ctx::no_name`]), and what is left is labelled ([`Ctx::label_run`]).
    pub(super) fn run(
        &mut self,
        a: usize,
        b: usize,
        s0: usize,
        after_title: bool,
        after_gaz: bool,
        titlecase: bool,
    ) {
        let Some((a, b)) = self.trim_run(a, b) else {
            return;
        };
        if b - a == 1 && self.single_word_is_no_name(a) {
            return;
        }
        if let Some(k) = self.name_after_role(a, b, s0, after_title) {
            return self.run(k, b, s0, true, false, titlecase);
        }
        let words: Vec<usize> = (a..b).filter(|&i| !self.joiner(i)).collect();
        if self.no_name(a, b, &words) {
            return;
        }
        let Some((label, strength, needs_support)) =
            self.label_run(a, b, s0, &words, after_title, after_gaz, titlecase)
        else {
            return;
        };
        let (first, last) = (*self.tok(a), *self.tok(b - 1));
        if titlecase && strength < 2 {
            return;
        }
        self.out.push(Cand {
            range: first.start..last.end,
            label,
            actor: CandActor::Surface,
            strength,
            needs_support,
            title: if after_title {
                self.pending_title.take()
            } else {
                None
            },
            by_title: false,
        });
    }

    /// The run `a..b` without what is no part of a name: leading joiners and punctuation (an
    /// ordinal stays: "21st Century Fox"), trailing ones, leading modifiers ("Scientologist
    /// Tom Cruise") and trailing function words ("MS The"). `None` when nothing is left, when
    /// every word is a non-entity, or for "Operation …", "Hurricane …" and the like.
    fn trim_run(&self, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
        // Leading joiners and punctuation go; an ordinal stays ("21st Century Fox").
        while a < b
            && (self.joiner(a)
                || (self.tok(a).kind != Kind::Word
                    && !(self.tok(a).kind == Kind::Num && a + 1 < b)))
        {
            a += 1;
        }
        while b > a && (self.joiner(b - 1) || self.tok(b - 1).kind != Kind::Word) {
            b -= 1;
        }
        if a >= b {
            return None;
        }
        if (a..b).all(|i| self.joiner(i) || self.tok(i).flags.intersects(Flags::NON_ENTITY)) {
            return None;
        }
        // Leading modifiers: "Scientologist Tom Cruise", "Catholic Bishop ...".
        while a + 1 < b
            && self.tok(a).flags.intersects(Flags::NON_ENTITY)
            && !self.joiner(a + 1)
            && self
                .tok(a + 1)
                .flags
                .intersects(Flags::GIVEN | Flags::NON_ENTITY)
        {
            a += 1;
        }
        if matches!(
            self.text(a),
            "Operation"
                | "Hurricane"
                | "Typhoon"
                | "Cyclone"
                | "Tropical"
                | "Storm"
                | "Project"
                | "Super"
        ) {
            return None;
        }
        // Trailing function words ("MS The"): not part of the name.
        while b > a + 1
            && self.tok(b - 1).lflags.intersects(Flags::FUNC)
            && !self.tok(b - 1).flags.intersects(Flags::GIVEN)
        {
            b -= 1;
        }
        Some((a, b))
    }

    /// A lone word that is no name: a cue word alone ("the Court", "the Ministry" refer
    /// back), an initial ("E."), a code ("K2-18b", "REGN-EB3"), a compound adjective
    /// ("Muslim-majority", "US-based") or a contraction ("I'm").
    fn single_word_is_no_name(&self, a: usize) -> bool {
        {
            let t = self.tok(a);
            let w = self.text(a);
            // "the Court", "the Ministry": a cue word alone refers back, it is no name.
            if t.flags
                .intersects(Flags::ORG_CUE | Flags::PLACE_CUE | Flags::ORG_PREFIX)
                && !t.flags.intersects(Flags::GIVEN)
            {
                return true;
            }
            // "E." alone; "K2-18b", "REGN-EB3": codes, not names.
            let initial_letter = w.chars().filter(|c| c.is_alphabetic()).count() == 1;
            let code = w.bytes().any(|c| c.is_ascii_digit()) && !tokens::is_acronym(w);
            // "Muslim-majority", "US-based": compound adjectives.
            let compound = w.contains('-')
                && w.rsplit('-')
                    .next()
                    .is_some_and(|last| last.starts_with(char::is_lowercase))
                && !tokens::arabic_cap(w);
            let contraction = w.starts_with("I'") || w.starts_with("I’");
            if initial_letter || code || compound || contraction {
                return true;
            }
        }
        false
    }

    /// Where the name starts after a role before it: "the minister of Education Stefania
    /// Giannini" (the portfolio, then the name), "Education Stefania Giannini" (common words
    /// before a given name).
    fn name_after_role(&self, a: usize, b: usize, s0: usize, after_title: bool) -> Option<usize> {
        // "the minister of Education Stefania Giannini": the portfolio, then the name.
        let after_role_of = a >= s0 + 2
            && self.text(a - 1) == "of"
            && self.tok(a - 2).kind == Kind::Word
            && !self.tok(a - 2).cap
            && self.tok(a - 2).flags.intersects(Flags::ROLE);
        if after_role_of && !after_title {
            let mut k = a;
            while k < b
                && (self.joiner(k)
                    || self.tok(k).flags.intersects(Flags::TITLE_MOD)
                    || self.tok(k).lflags.intersects(Flags::COMMON))
            {
                k += 1;
            }
            if k > a && k < b {
                return Some(k);
            }
        }
        // "Education Stefania Giannini": common words before a given name are a role.
        if let Some(k) =
            (a + 1..b).find(|&k| self.tok(k).flags.intersects(Flags::GIVEN) && !self.joiner(k - 1))
            && !self.tok(a).flags.intersects(Flags::GIVEN)
            && (a..k).all(|i| {
                let t = self.tok(i);
                t.flags
                    .intersects(Flags::TITLE | Flags::TITLE_MOD | Flags::NON_ENTITY)
                    || t.lflags.intersects(Flags::COMMON)
            })
        {
            return Some(k);
        }
        None
    }

    /// A run that names no actor: one with a product word, an event ("World Cup", but not
    /// "Cup Council"), or a title alone ("Minister").
    fn no_name(&self, a: usize, b: usize, words: &[usize]) -> bool {
        let n = words.len();
        let first = *self.tok(a);
        let last = *self.tok(b - 1);
        if words
            .iter()
            .any(|&i| self.tok(i).flags.intersects(Flags::PRODUCT))
        {
            return true;
        }
        let roman = |w: &str| !w.is_empty() && w.bytes().all(|c| matches!(c, b'I' | b'V' | b'X'));
        let head = if n >= 2 && roman(self.text(b - 1)) {
            *self.tok(words[n - 2])
        } else {
            last
        };
        if n >= 2
            && head.flags.intersects(Flags::EVENT_CUE)
            && !head.flags.intersects(Flags::ORG_CUE | Flags::PLACE_CUE)
        {
            return true;
        }
        if n == 1
            && (first.flags.intersects(Flags::TITLE | Flags::TITLE_MOD)
                && !first.flags.intersects(Flags::GIVEN))
        {
            return true;
        }
        false
    }

    /// The label of the name run `a..b` (its words `words`), how sure it is (0-2), and
    /// whether it needs support from elsewhere in the article; `None` to drop it. In order:
    /// a website; after a title or role ("Dr. Jane Doe", "spokesman Kino Gabriel"); a cue word
    /// last ("Ministry", "River") or first ("Bank of", "University of"); a given name ("Jane
    /// Doe"); before a place ("Irving, Texas"); after an organisation role; an acronym
    /// ("NATO"); a people ("Muslims", "Samoans"); after "in"; a lone given name; after a
    /// place; common words (weak); acronyms in a longer name ("PG&E"); two or more words (a
    /// person); a lone word (weak, not an adjective such as "Brazilian teams").
    #[allow(clippy::too_many_arguments)]
    fn label_run(
        &self,
        a: usize,
        b: usize,
        s0: usize,
        words: &[usize],
        after_title: bool,
        after_gaz: bool,
        titlecase: bool,
    ) -> Option<(Label, u8, bool)> {
        let n = words.len();
        let first = *self.tok(a);
        let last = *self.tok(b - 1);
        let prev = if a > s0 && !after_gaz && !after_title {
            Some(*self.tok(a - 1))
        } else {
            None
        };
        let lower_prev = |f: Flags| {
            prev.is_some_and(|p| p.kind == Kind::Word && !p.cap && p.flags.intersects(f))
        };
        let prev_role = lower_prev(Flags::ROLE);
        let prev_org_role = lower_prev(Flags::ORG_ROLE);
        let prev_in = lower_prev(Flags::IN_PREP);
        let given = first.flags.intersects(Flags::GIVEN);
        let text = self.doc.text;
        let common = |t: &Token| {
            let w = t.text(text);
            // "Biological Diversity": adjectives are no part of a person's name.
            let adjective = n >= 2
                && ["ical", "ous", "ive", "ary", "ory"]
                    .iter()
                    .any(|s| w.ends_with(s));
            (t.lflags.intersects(Flags::COMMON) && w.len() > 2 || adjective)
                && !t.flags.intersects(Flags::GIVEN | Flags::PARTICLE)
        };
        let any_common = words.iter().any(|&i| common(self.tok(i)));
        let seen = |cx: &Self, i: usize| cx.seen.contains_key(cx.text(i));
        let w = self.text(a);
        let concept = n == 1
            && [
                "ology", "ism", "ity", "ics", "tion", "ment", "ness", "ance", "ence", "phobia",
                "philia",
            ]
            .iter()
            .any(|s| w.ends_with(s));
        // "Livorno, Tuscany", "Irving, Texas".
        let before_place = n <= 2 && b + 1 < self.doc.tokens.len() && self.text(b) == "," && {
            let k = b + 1;
            self.gaz_of[k] != NO_GAZ
                && self.emit[self.gaz_of[k] as usize]
                    .as_ref()
                    .is_some_and(|c| c.label == Label::Place && c.range.start == self.tok(k).start)
        };
        let mut needs_support = false;
        let website = n == 1
            && w.rfind('.')
                .is_some_and(|d| d > 0 && w[d + 1..].bytes().all(|b| b.is_ascii_lowercase()));
        let (label, strength) = if website {
            (Label::Organisation, 2)
        } else if (after_title || prev_role) && (!any_common || given) {
            (Label::Person, 2)
        } else if last.flags.intersects(Flags::ORG_CUE) && n >= 2 {
            (Label::Organisation, 2)
        } else if last.flags.intersects(Flags::PLACE_CUE) && n >= 2 {
            (Label::Place, 2)
        } else if n >= 2
            && b - a >= 3
            && self.text(a + 1) == "of"
            && first.flags.intersects(Flags::ORG_PREFIX)
        {
            (Label::Organisation, 2)
        } else if n >= 2
            && b - a >= 3
            && self.text(a + 1) == "of"
            && first.flags.intersects(Flags::PLACE_PREFIX)
        {
            (Label::Place, 2)
        } else if n >= 2 && first.flags.intersects(Flags::ORG_FIRST) {
            (Label::Organisation, 2)
        } else if n >= 2 && first.flags.intersects(Flags::PLACE_FIRST) {
            (Label::Place, 2)
        } else if given && (2..=4).contains(&n) {
            (Label::Person, 2)
        } else if before_place && !concept {
            (Label::Place, 2)
        } else if prev_org_role {
            (Label::Organisation, 1)
        } else if n == 1 && tokens::is_acronym(w) {
            // "UNLESS": a shouted word; "IE6": a product or a model.
            let shouted = w.len() >= 4 && first.lflags.intersects(Flags::COMMON | Flags::FUNC);
            let model = w.ends_with(|c: char| c.is_ascii_digit());
            if shouted || model || first.initial && first.lflags.intersects(Flags::FUNC) {
                return None;
            }
            (Label::Organisation, 1)
        } else if n == 1 && w.ends_with('s') && {
            let stem = &w[..w.len() - 1];
            self.lex.get(stem).intersects(Flags::NON_ENTITY)
                || (w.ends_with("ans")
                    && self.gaz.word_label(&w[..w.len() - 2]) == Some(Label::Place))
        } {
            // "Muslims", "Christians", "Samoans": people, as a group.
            (Label::Person, 1)
        } else if prev_in && n <= 2 && !concept && !given {
            (Label::Place, 1)
        } else if n == 1 && given {
            if first.initial
                && !seen(self, a)
                && (first.lflags.intersects(Flags::COMMON) || self.lower_seen(a))
            {
                return None;
            }
            (Label::Person, 1)
        } else if n == 1 && self.after_place(a, s0) && !concept {
            (Label::Place, 2)
        } else if any_common || (n == 1 && self.lower_seen(a)) {
            if n == 1 {
                if first.initial && !seen(self, a) {
                    return None;
                }
                needs_support = true;
                (DEFAULT_SINGLE, 0)
            } else {
                if titlecase {
                    return None;
                }
                (Label::Organisation, 0)
            }
        } else if n >= 2 && words.iter().any(|&i| tokens::is_acronym(self.text(i))) {
            // "PG&E", "AT&T": letters are no person's name.
            (Label::Organisation, 1)
        } else if n >= 2 {
            (Label::Person, 1)
        } else {
            if first.initial && !seen(self, a) {
                return None;
            }
            if first.initial && w.ends_with("ly") {
                return None;
            }
            // "Brazilian teams": an adjective.
            let adjective = ["ian", "ean", "ese", "ish"].iter().any(|s| w.ends_with(s))
                && b < self.doc.tokens.len()
                && self.tok(b).kind == Kind::Word
                && !self.tok(b).cap;
            if adjective {
                return None;
            }
            (DEFAULT_SINGLE, 0)
        };
        Some((label, strength, needs_support))
    }

    /// "Livorno, Tuscany": a name right after a place and a comma.
    fn after_place(&self, a: usize, s0: usize) -> bool {
        if a < s0 + 2 || self.text(a - 1) != "," {
            return false;
        }
        let end = self.tok(a - 2).end;
        let k = a - 2;
        let gaz_place = self.gaz_of[k] != NO_GAZ
            && self.emit[self.gaz_of[k] as usize]
                .as_ref()
                .is_some_and(|c| c.label == Label::Place && c.range.end == end);
        gaz_place
            || self
                .out
                .last()
                .is_some_and(|c| c.label == Label::Place && c.range.end == end)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_names::{has, lacks};
    use crate::detect::Label;

    #[test]
    fn a_run_is_trimmed_to_its_name() {
        has(
            "The Catholic Thomas Olbrycht arrived late.",
            "Thomas Olbrycht",
            Label::Person,
        );
        lacks("Operation Harbour Shield began at dawn.", "Operation");
    }

    #[test]
    fn a_lone_cue_word_initial_or_code_is_no_name() {
        lacks("The delegation met in the Ministry yesterday.", "Ministry");
        lacks("Astronomers studied K2-18b for years.", "K2-18b");
    }

    #[test]
    fn a_role_before_a_name_is_left_out() {
        has(
            "The minister of Education Stefania Giannini visited the school.",
            "Stefania Giannini",
            Label::Person,
        );
    }

    #[test]
    fn events_and_lone_titles_are_no_actors() {
        lacks("Fans watched the Harbour Cup final.", "Harbour Cup");
    }

    #[test]
    fn what_is_left_is_labelled_by_its_clues() {
        has(
            "She moved to Irvingdale, Texas, last year.",
            "Irvingdale",
            Label::Place,
        );
        has(
            "The Brukner Institute opened a lab.",
            "Brukner Institute",
            Label::Organisation,
        );
        has(
            "Marta Olbrycht spoke to reporters.",
            "Marta Olbrycht",
            Label::Person,
        );
    }
}
