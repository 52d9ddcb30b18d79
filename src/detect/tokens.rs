//! Tokens: words (with internal hyphens, apostrophes and initials' dots), numbers,
//! possessive markers and single punctuation characters, each with its lexicon flags.

use std::ops::Range;

use super::lexicon::Lexicon;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word starting with a letter.
    Word,
    /// A word starting with a digit ("2001", "21st", "1,000").
    Num,
    /// A possessive "'s" / "’s".
    Poss,
    /// One punctuation or symbol character.
    Punct,
}

/// One token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// What the token is.
    pub kind: Kind,
    /// Lexicon flags of the word as written.
    pub flags: u64,
    /// Lexicon flags of the word's lower-case form.
    pub lflags: u64,
    /// The word starts with an upper-case letter (or is "al-Assad"-like).
    pub cap: bool,
    /// The token is the first word of its sentence, or follows an opening quote or colon.
    pub initial: bool,
}

impl Token {
    /// The token's text.
    #[inline]
    pub(crate) fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Is this a word (or number)?
    #[inline]
    pub(crate) fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word | Kind::Num)
    }
}

/// A text cut into sentences and tokens.
pub(crate) struct Document<'t> {
    /// The whole text.
    pub text: &'t str,
    /// Sentence byte ranges (clean: sorted, disjoint, on char boundaries).
    pub sentences: Vec<Range<usize>>,
    /// All tokens, sentence after sentence.
    pub tokens: Vec<Token>,
    /// For each sentence, its tokens' index range in `tokens`.
    pub sent_tokens: Vec<Range<usize>>,
}

impl<'t> Document<'t> {
    /// Tokenises every sentence.
    pub(crate) fn new(text: &'t str, sentences: &[Range<usize>], lex: &Lexicon) -> Document<'t> {
        let mut tokens = Vec::with_capacity(text.len() / 5 + 8);
        let mut sent_tokens = Vec::with_capacity(sentences.len());
        for s in sentences {
            let first = tokens.len();
            tokenize(text, s.clone(), lex, &mut tokens);
            sent_tokens.push(first..tokens.len());
        }
        Document {
            text,
            sentences: sentences.to_vec(),
            tokens,
            sent_tokens,
        }
    }

    /// The index of the token that contains byte `pos`, or the first token after it.
    pub(crate) fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= pos)
    }

    /// The sentence index of token `i`.
    pub(crate) fn sentence_of(&self, i: usize) -> usize {
        self.sent_tokens
            .partition_point(|r| r.end <= i)
            .min(self.sent_tokens.len().saturating_sub(1))
    }
}

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm",
    "Prof", "Rev", "St", "Mt", "Ft", "Jr", "Sr", "Inc", "Corp", "Ltd", "Co", "Bros", "No", "vs",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Ave",
    "Blvd", "Rd", "Dept", "Univ", "Cpl", "Pvt", "Cmdr", "Gens", "Reps", "Sens", "Messrs", "Mme",
    "Mlle", "approx", "etc", "al",
];

const TLDS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "info", "io", "ru", "uk", "de", "fr", "cn", "jp", "in",
    "it", "es", "ua", "nl",
];

const ARABIC_PREFIXES: &[&str] = &[
    "al", "el", "ad", "as", "ash", "ar", "an", "at", "az", "bin", "ibn", "abu", "abd",
];

#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokenises `text[range]`, appending to `out`.
pub(crate) fn tokenize(text: &str, range: Range<usize>, lex: &Lexicon, out: &mut Vec<Token>) {
    let s = &text[range.clone()];
    let base = range.start;
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut initial = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' || b == b'\n' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            match char_at(s, i) {
                Some(c) => c,
                None => {
                    i += 1;
                    continue;
                }
            }
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let end = scan_word(s, i);
            let word = &s[start..end];
            let kind = if c.is_numeric() {
                Kind::Num
            } else {
                Kind::Word
            };
            let (flags, lflags, cap) = if kind == Kind::Word {
                let flags = lex.get(word);
                let cap = c.is_uppercase() || arabic_cap(word);
                let lflags = if cap { lex.get_lower(word) } else { flags };
                (flags, lflags, cap)
            } else {
                (0, 0, false)
            };
            out.push(Token {
                start: base + start,
                end: base + end,
                kind,
                flags,
                lflags,
                cap,
                initial,
            });
            initial = false;
            i = end;
            // Possessive "'s" right after a word.
            if let Some(a) = char_at(s, i)
                && is_apostrophe(a)
            {
                let j = i + a.len_utf8();
                if matches!(char_at(s, j), Some('s') | Some('S'))
                    && !char_at(s, j + 1).is_some_and(|c| c.is_alphanumeric())
                {
                    out.push(Token {
                        start: base + i,
                        end: base + j + 1,
                        kind: Kind::Poss,
                        flags: 0,
                        lflags: 0,
                        cap: false,
                        initial: false,
                    });
                    i = j + 1;
                }
            }
            continue;
        }
        let len = c.len_utf8();
        out.push(Token {
            start: base + i,
            end: base + i + len,
            kind: Kind::Punct,
            flags: 0,
            lflags: 0,
            cap: false,
            initial: false,
        });
        // A word after an opening quote, a colon or a dash starts a new clause.
        if matches!(c, '"' | '“' | '‘' | ':' | '(' | '—' | '–' | '[') || (c == '\'' && initial)
        {
            initial = true;
        }
        i += len;
    }
}

/// "al-Assad", "bin-Salman": a lower-case Arabic article joined to a capitalised name.
pub(crate) fn arabic_cap(word: &str) -> bool {
    let Some(dash) = word.find('-') else {
        return false;
    };
    ARABIC_PREFIXES.contains(&&word[..dash])
        && word[dash + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
}

/// Is `s` exactly one word token ("Putin", "U.S.", "al-Assad")?
pub(crate) fn is_one_word(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric) && scan_word(s, 0) == s.len()
}

/// The end of the word starting at `start` (an alphanumeric character).
fn scan_word(s: &str, start: usize) -> usize {
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
            && TLDS.contains(&&rest[..tld_len])
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
        if ABBREVIATIONS.contains(&word) {
            return i + 1;
        }
    }
    i
}

/// True if the token is a capitalised word that may belong to a name.
#[inline]
pub(crate) fn is_capword(t: &Token) -> bool {
    t.kind == Kind::Word && t.cap
}

/// True if the word is all upper-case letters (an acronym like "NASA"), 2 to 6 letters.
pub(crate) fn is_acronym(w: &str) -> bool {
    let n = w.len();
    (2..=6).contains(&n)
        && w.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && w.bytes().filter(|b| b.is_ascii_uppercase()).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let lex = Lexicon::new("", "");
        let mut out = Vec::new();
        tokenize(s, 0..s.len(), &lex, &mut out);
        out.iter().map(|t| t.text(s).to_string()).collect()
    }

    #[test]
    fn words_initials_possessives() {
        assert_eq!(
            toks("the U.S. and Russia’s al-Assad, 1,000 Dr. Smith's O'Brien"),
            vec![
                "the", "U.S.", "and", "Russia", "’s", "al-Assad", ",", "1,000", "Dr.", "Smith",
                "'s", "O'Brien"
            ]
        );
        assert_eq!(toks("L. Ron Hubbard."), vec!["L.", "Ron", "Hubbard", "."]);
        assert_eq!(toks("Russia-China"), vec!["Russia-China"]);
    }
}
