//! Tokens: words (with internal hyphens, apostrophes and initials' dots), numbers,
//! possessive markers and single punctuation characters, each with its lexicon flags.

use std::ops::Range;

use super::lexicon::{Flags, Lexicon};
use super::words::{char_at, scan_word};

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
    pub flags: Flags,
    /// Lexicon flags of the word's lower-case form.
    pub lflags: Flags,
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

const ARABIC_PREFIXES: &[&str] = &[
    "al", "el", "ad", "as", "ash", "ar", "an", "at", "az", "bin", "ibn", "abu", "abd",
];

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
                (Flags::empty(), Flags::empty(), false)
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
                        flags: Flags::empty(),
                        lflags: Flags::empty(),
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
            flags: Flags::empty(),
            lflags: Flags::empty(),
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
        let lex = Lexicon::builtin();
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
