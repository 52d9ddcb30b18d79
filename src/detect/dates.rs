//! Dates and time expressions: "June 28", "Monday, June 28", "28 June 2021", "2001",
//! "the 1990s", "20 years ago", "two weeks ago", "on Monday", "last week".

use std::ops::Range;

use super::lexicon::{Flags, Lexicon};
use super::tokens::{Document, Kind, Token};

/// Words after a number that make it a quantity, not a year ("2000 people").
const QUANTITY_NOUNS: &[&str] = &[
    "people",
    "persons",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
    "ft",
    "tons",
    "tonnes",
    "dollars",
    "euros",
    "pounds",
    "votes",
    "points",
    "troops",
    "soldiers",
    "deaths",
    "cases",
    "times",
    "percent",
    "words",
    "cars",
    "homes",
    "houses",
    "jobs",
    "students",
    "members",
    "employees",
    "workers",
    "acres",
    "hectares",
    "kg",
    "calories",
    "hp",
    "mph",
    "units",
    "copies",
    "pages",
    "rooms",
    "square",
    "sq",
    "m",
    "cm",
    "mm",
    "yards",
    "children",
    "men",
    "women",
    "residents",
    "refugees",
    "migrants",
    "prisoners",
    "officers",
    "police",
    "staff",
    "patients",
    "users",
    "visitors",
    "signatures",
    "seats",
    "rounds",
    "shots",
    "rockets",
    "missiles",
    "drones",
    "barrels",
    "litres",
    "liters",
    "gallons",
    "euro",
    "dollar",
    "yuan",
    "rubles",
    "roubles",
    "rupees",
    "yen",
    "won",
    "pesos",
    "francs",
    "lbs",
    "kilograms",
    "grams",
];

fn word<'t>(doc: &Document<'t>, t: &Token) -> &'t str {
    t.text(doc.text)
}

/// A day of the month: "28", "28th", "1st".
fn is_day(s: &str) -> bool {
    let digits: &str = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &s[digits.len()..];
    if !(suffix.is_empty() || matches!(suffix, "st" | "nd" | "rd" | "th")) {
        return false;
    }
    digits.len() <= 2
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

/// A year in running text: four digits, 1000 to 2099.
fn is_year(s: &str) -> bool {
    s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.parse::<u32>().is_ok_and(|y| (1000..=2099).contains(&y))
}

/// A decade: "1990s", "1990’s".
fn is_decade(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5 && b[..3].iter().all(u8::is_ascii_digit) && b[3] == b'0' && b[4] == b's'
}

/// Finds date expressions; returns their token index ranges, sorted, disjoint.
pub(crate) fn find(doc: &Document<'_>, lex: &Lexicon) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let toks = &doc.tokens;
    for sr in &doc.sent_tokens {
        let (s0, s1) = (sr.start, sr.end);
        let mut i = s0;
        while i < s1 {
            match match_at(doc, lex, s0, s1, i) {
                Some(end) if end > i => {
                    out.push(i..end);
                    i = end;
                }
                _ => i += 1,
            }
        }
    }
    // Keep only ranges whose tokens are non-empty.
    out.retain(|r| r.start < r.end && r.end <= toks.len());
    out
}

fn is_punct(doc: &Document<'_>, i: usize, end: usize, c: &str) -> bool {
    i < end && doc.tokens[i].kind == Kind::Punct && word(doc, &doc.tokens[i]) == c
}

fn lower_is(doc: &Document<'_>, i: usize, end: usize, w: &str) -> bool {
    i < end && doc.tokens[i].kind == Kind::Word && word(doc, &doc.tokens[i]).eq_ignore_ascii_case(w)
}

/// Month expression at `i` (a month word): returns its end, or None.
fn month_at(doc: &Document<'_>, lex: &Lexicon, s0: usize, s1: usize, i: usize) -> Option<usize> {
    let toks = &doc.tokens;
    let m = word(doc, &toks[i]);
    let mut j = i + 1;
    if j < s1 && toks[j].kind == Kind::Num && is_day(word(doc, &toks[j])) {
        j += 1;
        if is_punct(doc, j, s1, ",") && j + 1 < s1 && is_year(word(doc, &toks[j + 1])) {
            j += 2;
        } else if j < s1 && is_year(word(doc, &toks[j])) {
            j += 1;
        }
        return Some(j);
    }
    if j < s1 && is_year(word(doc, &toks[j])) {
        return Some(j + 1);
    }
    // A month alone: only after a preposition or a relative word ("in June", "last May").
    if i > s0 {
        let p = &toks[i - 1];
        let pw = word(doc, p);
        let prep = matches!(
            pw.to_ascii_lowercase().as_str(),
            "in" | "since"
                | "until"
                | "till"
                | "by"
                | "from"
                | "through"
                | "during"
                | "before"
                | "after"
                | "of"
                | "early"
                | "late"
                | "mid"
                | "mid-"
                | "end"
                | "last"
                | "next"
                | "this"
        );
        if prep && !matches!(m, "May" | "March") || (lex.get_lower(pw).intersects(Flags::REL_TIME))
        {
            return Some(i + 1);
        }
    }
    None
}

/// The end of a date expression starting at token `i`, if one starts there.
fn match_at(doc: &Document<'_>, lex: &Lexicon, s0: usize, s1: usize, i: usize) -> Option<usize> {
    let toks = &doc.tokens;
    let t = &toks[i];
    let w = word(doc, t);
    match t.kind {
        Kind::Word => {
            if t.cap && t.flags.intersects(Flags::WEEKDAY) {
                // "Monday, June 28" / "Monday June 28" / "Monday".
                let mut j = i + 1;
                if is_punct(doc, j, s1, ",") {
                    j += 1;
                }
                if j < s1
                    && toks[j].flags.intersects(Flags::MONTH)
                    && let Some(end) = month_at(doc, lex, s0, s1, j)
                    && end > j + 1
                {
                    return Some(end);
                }
                return Some(i + 1);
            }
            if t.cap && t.flags.intersects(Flags::MONTH) {
                return month_at(doc, lex, s0, s1, i);
            }
            let lw = t.lflags;
            if lw.intersects(Flags::NUMBER) {
                return ago_at(doc, lex, s1, i, 0);
            }
            if lw.intersects(Flags::REL_TIME) && (!t.cap || t.initial) {
                // "last week", "earlier this month", "next Monday".
                let mut j = i + 1;
                if j < s1
                    && toks[j].lflags.intersects(Flags::REL_TIME)
                    && toks[j].kind == Kind::Word
                {
                    j += 1;
                }
                if j < s1 && toks[j].kind == Kind::Word {
                    let n = &toks[j];
                    if (!n.cap && n.flags.intersects(Flags::TIME_UNIT))
                        || (n.cap && n.flags.intersects(Flags::WEEKDAY | Flags::MONTH))
                    {
                        let first = word(doc, t).to_ascii_lowercase();
                        // "the following day", "a later year": only the clear relative words.
                        if matches!(
                            first.as_str(),
                            "last"
                                | "next"
                                | "this"
                                | "past"
                                | "coming"
                                | "earlier"
                                | "later"
                                | "previous"
                        ) {
                            return Some(j + 1);
                        }
                    }
                }
                return None;
            }
            if !t.cap && matches!(w, "yesterday" | "tomorrow") {
                return Some(i + 1);
            }
            None
        }
        Kind::Num => {
            // "28 June 2021"
            if is_day(w)
                && i + 1 < s1
                && toks[i + 1].cap
                && toks[i + 1].flags.intersects(Flags::MONTH)
            {
                let mut j = i + 2;
                if j < s1 && is_year(word(doc, &toks[j])) {
                    j += 1;
                }
                return Some(j);
            }
            if let Some(end) = ago_at(doc, lex, s1, i, 0) {
                return Some(end);
            }
            if is_decade(w) {
                return Some(i + 1);
            }
            if is_year(w) {
                if i > s0 {
                    let p = word(doc, &toks[i - 1]);
                    if matches!(
                        p,
                        "$" | "€" | "£" | "¥" | "#" | "No." | "No" | "US$" | "number"
                    ) {
                        return None;
                    }
                }
                if i + 1 < s1 {
                    let n = &toks[i + 1];
                    let nw = word(doc, n);
                    if nw == "%" || (n.kind == Kind::Word && QUANTITY_NOUNS.contains(&nw)) {
                        return None;
                    }
                }
                return Some(i + 1);
            }
            None
        }
        _ => None,
    }
}

/// "20 years ago", "two weeks ago", "a few days ago": from the number word at `i`.
fn ago_at(doc: &Document<'_>, _lex: &Lexicon, s1: usize, i: usize, _depth: usize) -> Option<usize> {
    let toks = &doc.tokens;
    let mut j = i + 1;
    // Up to two more number words: "a few", "a couple of".
    let mut k = 0;
    while j < s1 && k < 2 && toks[j].kind == Kind::Word && toks[j].lflags.intersects(Flags::NUMBER)
    {
        j += 1;
        k += 1;
    }
    if lower_is(doc, j, s1, "of") {
        j += 1;
    }
    if j < s1
        && toks[j].kind == Kind::Word
        && toks[j].flags.intersects(Flags::TIME_UNIT)
        && lower_is(doc, j + 1, s1, "ago")
    {
        return Some(j + 2);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_years() {
        assert!(is_day("28") && is_day("1st") && !is_day("32") && !is_day("28x"));
        assert!(is_year("2001") && !is_year("2100") && !is_year("999"));
        assert!(is_decade("1990s") && !is_decade("1995s"));
    }
}
