//! Word boundaries shared by the tokeniser and the build script (which compiles the
//! shipped gazetteer): this module uses nothing outside itself but the word lists of
//! `crate::word_sets` (in the library compiled from `assets/words/`, in the build script the
//! same files read at build time).

use crate::word_sets;

/// The character at byte `i` of `s`, if `i` is a character boundary inside `s`.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// Is `s` exactly one word token ("Putin", "U.S.", "al-Assad")?
pub(crate) fn is_one_word(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric) && scan_word(s, 0) == s.len()
}

/// The end of the word starting at `start` (an alphanumeric character).
pub(crate) fn scan_word(s: &str, start: usize) -> usize {
    let mut i = start;
    // Basic run: alphanumerics, joined by single hyphens, inner apostrophes (not "'s"),
    // digit groups ("1,000", "3.5").
    while let Some(c) = char_at(s, i) {
        if c.is_alphanumeric() || c == '\u{00AD}' {
            i += c.len_utf8();
            continue;
        }
        let prev_digit = i > start && s.as_bytes()[i - 1].is_ascii_digit();
        match c {
            '-' | '‐' | '‑'
                if char_at(s, i + c.len_utf8()).is_some_and(|n| n.is_alphanumeric()) =>
            {
                i += c.len_utf8();
                continue;
            }
            '\'' | '’' => {
                let j = i + c.len_utf8();
                if let Some(n) = char_at(s, j)
                    && n.is_alphanumeric()
                {
                    let possessive = (n == 's' || n == 'S')
                        && !char_at(s, j + 1).is_some_and(|c| c.is_alphanumeric());
                    if !possessive {
                        i = j;
                        continue;
                    }
                }
            }
            ',' | '.' if prev_digit && char_at(s, i + 1).is_some_and(|n| n.is_ascii_digit()) => {
                i += 1;
                continue;
            }
            _ => {}
        }
        break;
    }
    // Web addresses as names: "Znak.com", "Amazon.com".
    if char_at(s, i) == Some('.') {
        let rest = &s[i + 1..];
        let tld_len = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        if (2..=4).contains(&tld_len)
            && word_sets::tlds(&rest[..tld_len])
            && !rest[tld_len..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            return i + 1 + tld_len;
        }
    }
    // Initials and abbreviations: "U.S.", "D.C.", "L.", "Dr.", "Inc.".
    if char_at(s, i) == Some('.') {
        let word = &s[start..i];
        let single = word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic());
        if single {
            let mut j = i + 1;
            // More initials: "U.S.A."
            while let Some(n) = char_at(s, j) {
                if n.is_alphabetic() && char_at(s, j + n.len_utf8()) == Some('.') {
                    j += n.len_utf8() + 1;
                } else {
                    break;
                }
            }
            return j;
        }
        if word_sets::abbreviations(word) || word_sets::month_abbreviations(word) {
            return i + 1;
        }
    }
    i
}

/// The maximal run of alphanumeric characters at the start of `s` (empty if `s` does not
/// start with one).
pub(crate) fn first_run(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}
