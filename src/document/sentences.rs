//! Sentence splitting tuned for news paragraphs.
//!
//! This is a single-pass byte scanner rather than UAX #29 plus fix-ups: UAX #29 breaks after
//! every "Mr." or "U.S." followed by a capital, and undoing that costs more code (and time)
//! than deciding each candidate once. Only the bytes that can end a sentence (`.`, `!`, `?`,
//! line breaks, a few non-ASCII terminators and bullets, and `:` for photo captions) are
//! looked at; everything else is skipped with one table lookup per byte. Each candidate is
//! decided from the word before it and the word after it, so the cost is linear in the
//! paragraph length and nothing is allocated besides the output.

use std::ops::Range;

use crate::word_sets;

/// Splits one paragraph into sentences.
///
/// Returns byte ranges into `paragraph`, sorted, non-overlapping, each trimmed of surrounding
/// whitespace and never empty. Every non-whitespace character of the paragraph lies in exactly
/// one range, and boundaries only fall between words (or after a CJK full stop).
///
/// The paragraph may contain single line breaks: a line without terminal punctuation ends a
/// sentence when it looks like a headline or dateline, and is joined to the next line when it
/// looks like hard-wrapped prose.
pub fn split_sentences(paragraph: &str) -> Vec<Range<usize>> {
    let mut scanner = Scanner::new(paragraph);
    scanner.run();
    scanner.into_ranges()
}

/// Splits one paragraph into sentences and returns them as string slices.
///
/// Same boundaries as [`split_sentences`].
pub fn sentence_strs(paragraph: &str) -> Vec<&str> {
    split_sentences(paragraph)
        .into_iter()
        .map(|r| &paragraph[r])
        .collect()
}

/// Bytes that may start a sentence-boundary candidate. 0xE2, 0xE3 and 0xEF are the lead
/// bytes of the non-ASCII terminators, closers and bullets we recognise.
const INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    t[b':' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Longest word looked at behind a full stop; longer tokens are treated as ordinary words.
const MAX_TOKEN: usize = 64;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// `.`
    Dot,
    /// `…`
    Ellipsis,
    /// `!`, `?` and their doubled forms.
    Strong,
    /// CJK full stops and full-width marks, which end a sentence without a following space.
    Cjk,
}

/// The word that follows a candidate boundary.
#[derive(Clone, Copy)]
struct Next<'a> {
    /// First character after any opening quotes or brackets.
    first: char,
    /// The alphabetic run starting at `first` (empty when `first` is not alphabetic).
    word: &'a str,
    /// Whether `word` is immediately followed by `.` (an initial such as "A.").
    word_dot: bool,
    /// Whether the token starts with `(`.
    paren: bool,
    /// Byte offset just past `word`.
    end: usize,
}

impl Next<'_> {
    fn is_lower(&self) -> bool {
        self.first.is_lowercase()
    }

    /// A capital letter, or a letter of a script without case (CJK, Arabic, ...).
    fn is_upper_like(&self) -> bool {
        self.first.is_alphabetic() && !self.first.is_lowercase()
    }

    fn is_digit(&self) -> bool {
        self.first.is_numeric()
    }

    /// Whether the next word is one that typically starts a sentence and rarely continues a
    /// proper noun ("the U.S. How ..." versus "the U.S. Government ...").
    fn is_starter(&self) -> bool {
        if self.word_dot && self.word.chars().count() == 1 {
            // "J. A. Smith": an initial, not the article.
            return false;
        }
        is_starter_word(self.word)
    }
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Sentence end positions (untrimmed), ascending.
    cuts: Vec<usize>,
    /// Start of the sentence being scanned.
    sent_start: usize,
    /// Start of the current line.
    line_start: usize,
    /// Starts of list items found by the list pre-pass, ascending.
    forced: Vec<usize>,
    forced_idx: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            cuts: Vec::new(),
            sent_start: 0,
            line_start: 0,
            forced: Vec::new(),
            forced_idx: 0,
        }
    }

    fn run(&mut self) {
        self.find_list_items();
        let b = self.bytes;
        let mut i = 0;
        while i < b.len() {
            if !INTERESTING[b[i] as usize] {
                i += 1;
                continue;
            }
            self.apply_forced(i);
            i = match b[i] {
                b'.' | b'!' | b'?' => self.terminator(i),
                b'\n' => self.newline(i),
                b':' => self.colon(i),
                _ => self.multibyte(i),
            };
        }
        self.apply_forced(b.len());
    }

    fn into_ranges(self) -> Vec<Range<usize>> {
        let mut out = Vec::with_capacity(self.cuts.len() + 1);
        let mut start = 0;
        for end in self.cuts.iter().copied().chain([self.text.len()]) {
            let s = &self.text[start..end];
            let lead = s.len() - s.trim_start().len();
            let trimmed_end = start + s.trim_end().len();
            if start + lead < trimmed_end {
                out.push(start + lead..trimmed_end);
            }
            start = end;
        }
        out
    }

    /// Ends the current sentence at `end` and starts the next one at `next_start`. A cut with
    /// nothing but whitespace before it since the last one is dropped.
    fn cut(&mut self, end: usize, next_start: usize) {
        if end < self.sent_start {
            return;
        }
        if self.text[self.sent_start..end]
            .chars()
            .any(|c| !c.is_whitespace())
        {
            self.cuts.push(end);
        }
        self.sent_start = next_start;
    }

    fn apply_forced(&mut self, upto: usize) {
        while let Some(&p) = self.forced.get(self.forced_idx) {
            if p > upto {
                break;
            }
            self.forced_idx += 1;
            self.cut(p, p);
        }
    }

    // ---- low-level helpers -------------------------------------------------------------

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    /// Byte length of the whitespace character at `i`, or 0.
    fn ws_len(&self, i: usize) -> usize {
        match self.bytes.get(i) {
            Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) => 1,
            Some(&b) if b >= 0x80 => match self.char_at(i) {
                Some(c) if c.is_whitespace() => c.len_utf8(),
                _ => 0,
            },
            _ => 0,
        }
    }

    fn ws_before(&self, i: usize) -> bool {
        i > 0
            && self.text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace)
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        loop {
            let n = self.ws_len(i);
            if n == 0 {
                return i;
            }
            i += n;
        }
    }

    /// Terminal punctuation at `i`, with its byte length.
    fn terminal_at(&self, i: usize) -> Option<(usize, Terminal)> {
        let b = self.bytes;
        match b.get(i)? {
            b'.' => Some((1, Terminal::Dot)),
            b'!' | b'?' => Some((1, Terminal::Strong)),
            0xE2 => match (b.get(i + 1)?, b.get(i + 2)?) {
                (0x80, 0xA6) => Some((3, Terminal::Ellipsis)),
                // ‼ ⁇ ⁈ ⁉
                (0x80, 0xBC) | (0x81, 0x87..=0x89) => Some((3, Terminal::Strong)),
                _ => None,
            },
            // 。
            0xE3 if b.get(i + 1..i + 3)? == [0x80, 0x82] => Some((3, Terminal::Cjk)),
            // ！ ？ ｡
            0xEF => match (b.get(i + 1)?, b.get(i + 2)?) {
                (0xBC, 0x81) | (0xBC, 0x9F) | (0xBD, 0xA1) => Some((3, Terminal::Cjk)),
                _ => None,
            },
            _ => None,
        }
    }

    /// Closing quote or bracket at `i`, with its byte length.
    fn closer_len(&self, i: usize) -> usize {
        match self.bytes.get(i) {
            Some(b'"' | b'\'' | b')' | b']' | b'}') => 1,
            Some(&b) if b >= 0x80 => match self.char_at(i) {
                Some(c @ ('”' | '’' | '»' | '›' | '」' | '』' | '）' | '】')) => {
                    c.len_utf8()
                }
                _ => 0,
            },
            _ => 0,
        }
    }

    // ---- handlers ----------------------------------------------------------------------

    fn multibyte(&mut self, i: usize) -> usize {
        if self.terminal_at(i).is_some() {
            return self.terminator(i);
        }
        if let Some(c) = self.char_at(i)
            && is_bullet(c)
        {
            // A bullet after whitespace starts a new item ("• 9. First • 10. Second").
            if self.ws_before(i) {
                self.cut(i, i);
            }
            return i + c.len_utf8();
        }
        i + 1
    }

    fn terminator(&mut self, i: usize) -> usize {
        if self.bytes[i] == b'.'
            && let Some(resume) = self.spaced_ellipsis(i)
        {
            return resume;
        }
        let mut j = i;
        let mut dots = 0;
        let mut strong = false;
        let mut cjk = false;
        while let Some((len, kind)) = self.terminal_at(j) {
            match kind {
                Terminal::Dot => dots += 1,
                Terminal::Ellipsis => dots += 3,
                Terminal::Strong => strong = true,
                Terminal::Cjk => cjk = true,
            }
            j += len;
        }
        let mut k = j;
        loop {
            let n = self.closer_len(k);
            if n == 0 {
                break;
            }
            k += n;
        }
        if k >= self.bytes.len() {
            return k;
        }
        if cjk {
            self.cut(k, k);
            return k;
        }
        if self.ws_len(k) == 0 {
            return k;
        }
        let m = self.skip_ws(k);
        if m >= self.bytes.len() {
            return k;
        }
        let next = self.next_token(m);
        let split = if strong {
            !next.is_lower()
        } else if dots >= 2 {
            self.ellipsis_split(i, j, dots, next)
        } else {
            self.period_split(i, k, next)
        };
        if split {
            self.cut(k, m);
        }
        k
    }

    /// Handles ". . ." and ". . . ." starting at the dot `i`; `None` when `i` does not start
    /// one.
    fn spaced_ellipsis(&mut self, i: usize) -> Option<usize> {
        let b = self.bytes;
        let mut n = 1;
        let mut e = i + 1;
        while b.get(e) == Some(&b' ') && b.get(e + 1) == Some(&b'.') {
            n += 1;
            e += 2;
        }
        if n < 3 {
            return None;
        }
        let mut k = e;
        loop {
            let c = self.closer_len(k);
            if c == 0 {
                break;
            }
            k += c;
        }
        if k >= b.len() || self.ws_len(k) == 0 {
            return Some(k);
        }
        let m = self.skip_ws(k);
        if m >= b.len() {
            return Some(k);
        }
        let next = self.next_token(m);
        if n >= 4 && (next.is_upper_like() || next.is_digit()) {
            if self.ws_before(i) || i == 0 {
                // "a period . . . . Next": the four dots end the sentence.
                self.cut(k, m);
            } else {
                // "compounds. . . . The": a full stop, then an ellipsis opening the next one.
                self.cut(i + 1, i + 2);
            }
        }
        // Three spaced dots are an omission inside the sentence ("the thing is . . . I").
        Some(k)
    }

    /// Decides an unspaced "..." / "…" run from `i` to `j`.
    fn ellipsis_split(&self, i: usize, j: usize, dots: usize, next: Next) -> bool {
        if i > 0 && self.bytes[i - 1] == b'[' && self.bytes.get(j) == Some(&b']') {
            // "[...]" marks an omission in a quote; a following "(Smith 55)" is a citation.
            return !next.paren && next.is_upper_like();
        }
        if i == 0 || self.ws_before(i) {
            return dots >= 4 && (next.is_upper_like() || next.is_digit());
        }
        next.is_upper_like() || (dots >= 4 && next.is_digit())
    }

    /// Decides a single full stop at `i` whose closers end at `k`.
    fn period_split(&self, i: usize, k: usize, next: Next) -> bool {
        if next.is_lower() || !next.first.is_alphanumeric() {
            return false;
        }
        let Some((ts, w)) = self.token_before(i) else {
            return true;
        };
        if self.is_list_marker(ts, w) && (k == i + 1 || self.bytes[i + 1] == b')') {
            return false;
        }
        if k > i + 1 {
            // A closing quote or bracket after the stop: the quoted sentence is over.
            return true;
        }
        if w.is_empty() {
            return true;
        }
        if is_never_final(w) {
            return false;
        }
        let multi = is_multi_period(w);
        if next.is_digit() {
            return !(is_numeric_prefix(w) || is_month(w) || is_postpositive(w) || multi);
        }
        if w.eq_ignore_ascii_case("a.m") || w.eq_ignore_ascii_case("p.m") {
            // "7:49 a.m. UTC", "10 a.m. Tongan time": the time goes on.
            if is_time_zone(next.word) || self.text[next.end..].starts_with(" time") {
                return false;
            }
            return next.is_starter() || !self.is_intro_phrase(ts);
        }
        if is_postpositive(w) || multi || (is_state(w) && self.after_comma(ts)) {
            return next.is_starter();
        }
        let mut chars = w.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && c.is_uppercase()
        {
            // An initial ("Jonas E. Smith") unless the next word opens a sentence; "I" after
            // a lowercase word is the pronoun ("you and I. Did ...").
            return next.is_starter() || (c == 'I' && self.prev_word_is_lower(ts));
        }
        true
    }

    /// The token that ends at the full stop `i` (openers and bullets stripped), with its
    /// start. `None` when the token is longer than [`MAX_TOKEN`].
    fn token_before(&self, i: usize) -> Option<(usize, &'a str)> {
        let text = self.text;
        let mut lo = i.saturating_sub(MAX_TOKEN).max(self.sent_start.min(i));
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        let mut start = None;
        for (off, c) in text[lo..i].char_indices().rev() {
            if c.is_whitespace() {
                start = Some(lo + off + c.len_utf8());
                break;
            }
        }
        let start = match start {
            Some(s) => s,
            None if lo == self.sent_start.min(i) || lo == 0 => lo,
            None => return None,
        };
        let mut ts = start;
        for c in text[start..i].chars() {
            if is_opener(c) || is_bullet(c) {
                ts += c.len_utf8();
            } else {
                break;
            }
        }
        Some((ts, &text[ts..i]))
    }

    /// "1", "12" or "a" at the very start of a sentence (after bullets): a list marker.
    fn is_list_marker(&self, ts: usize, w: &str) -> bool {
        let marker = match w.as_bytes() {
            [c] => c.is_ascii_alphanumeric(),
            [a, b] => a.is_ascii_digit() && b.is_ascii_digit(),
            _ => false,
        };
        marker
            && ts >= self.sent_start
            && ts - self.sent_start <= 8
            && self.text[self.sent_start..ts]
                .chars()
                .all(|c| c.is_whitespace() || is_bullet(c) || is_opener(c))
    }

    /// Whether the sentence so far (up to `ts`) is only a short introductory phrase such as
    /// "At 5", so that "At 5 a.m. Mr. Smith went ..." is not cut after "a.m.".
    fn is_intro_phrase(&self, ts: usize) -> bool {
        if ts < self.sent_start || ts - self.sent_start > 40 {
            return false;
        }
        let head = &self.text[self.sent_start..ts];
        let mut words = head.split_whitespace();
        let first = words.next().unwrap_or("");
        word_sets::intro_words(first) && words.count() <= 2
    }

    fn after_comma(&self, ts: usize) -> bool {
        ts >= 2 && self.bytes[ts - 1] == b' ' && self.bytes[ts - 2] == b','
    }

    /// Whether the word before the token starting at `ts` starts with a lowercase letter.
    fn prev_word_is_lower(&self, ts: usize) -> bool {
        if ts <= self.sent_start {
            return false;
        }
        let before = self.text[self.sent_start..ts].trim_end();
        let word_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(o, c)| o + c.len_utf8());
        before[word_start..]
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_lowercase)
    }

    fn next_token(&self, m: usize) -> Next<'a> {
        let text = self.text;
        let mut p = m;
        let mut paren = false;
        let mut first = ' ';
        for (n, c) in text[m..].chars().enumerate() {
            if n == 0 && c == '(' {
                paren = true;
            }
            if n < 4 && is_opener(c) {
                p += c.len_utf8();
                continue;
            }
            first = c;
            break;
        }
        let mut e = p;
        for c in text[p..].chars() {
            if !c.is_alphabetic() || e - p > 24 {
                break;
            }
            e += c.len_utf8();
        }
        Next {
            first,
            word: &text[p..e],
            word_dot: self.bytes.get(e) == Some(&b'.'),
            paren,
            end: e,
        }
    }

    /// A line break after a line without terminal punctuation: cut when the line looks like
    /// a headline or dateline, join when it looks like hard-wrapped prose.
    fn newline(&mut self, i: usize) -> usize {
        let line_start = self.line_start;
        self.line_start = i + 1;
        let frag_start = line_start.max(self.sent_start);
        if frag_start >= i {
            return i + 1;
        }
        let frag = self.text[frag_start..i].trim();
        let Some(last) = frag.chars().next_back() else {
            return i + 1;
        };
        let unclosed = frag.trim_end_matches(|c: char| is_closer(c));
        if let Some(c) = unclosed.chars().next_back()
            && is_terminal_char(c)
        {
            // Decided by the terminator handler already.
            return i + 1;
        }
        if matches!(
            last,
            ',' | ';' | ':' | '-' | '–' | '—' | '/' | '&' | '(' | '[' | '+'
        ) {
            return i + 1;
        }
        let m = self.skip_ws(i);
        if m >= self.bytes.len() {
            return i + 1;
        }
        let next = self.next_token(m);
        if !(next.is_upper_like() || next.is_digit()) {
            return i + 1;
        }
        let last_word = frag.rsplit(char::is_whitespace).next().unwrap_or("");
        if is_small_word(last_word) {
            return i + 1;
        }
        let line = self.text[line_start..i].trim();
        let next_line = self.text[m..].split('\n').next().unwrap_or("").trim_end();
        if line.chars().count() < 60
            || is_title_case(frag)
            || is_dateline(frag)
            || is_dateline(next_line)
        {
            self.cut(i, m);
        }
        i + 1
    }

    /// Wikinews-style photo captions: "... Ahmed Mohamed Image: Twitter." starts a sentence
    /// at "Image:" even without a full stop before it.
    fn colon(&mut self, i: usize) -> usize {
        if self.ws_len(i + 1) == 0 {
            return i + 1;
        }
        let start = i.saturating_sub(7);
        if let Some(word_start) = (start..i).rev().find(|&p| self.bytes[p] == b' ') {
            let w = &self.bytes[word_start + 1..i];
            if matches!(w, b"Image" | b"Photo" | b"Picture") {
                self.cut(word_start, word_start + 1);
            }
        }
        i + 1
    }

    /// Pre-pass for inline lists: when the paragraph opens with a marker ("1.", "1.)", "2)",
    /// "a.", "• 9."), record where each following marker of the sequence starts.
    fn find_list_items(&mut self) {
        let b = self.bytes;
        let mut p = self.skip_ws(0);
        p = self.skip_bullets(p);
        let Some((value, suffix, end)) = self.parse_marker(p) else {
            return;
        };
        let mut expected = value + 1;
        let mut q = end;
        while q < b.len() {
            if b[q] == b' ' || b[q] == b'\t' || b[q] == b'\n' {
                let start = q + 1;
                let marker_at = self.skip_bullets(start);
                if let Some((v, s, _)) = self.parse_marker(marker_at)
                    && v == expected
                    && s == suffix
                {
                    self.forced.push(start);
                    expected += 1;
                }
            }
            q += 1;
        }
    }

    fn skip_bullets(&self, mut p: usize) -> usize {
        while let Some(c) = self.char_at(p) {
            if is_bullet(c) {
                p = self.skip_ws(p + c.len_utf8());
            } else {
                break;
            }
        }
        p
    }

    /// A list marker at `p`: its ordinal (digits, or a lowercase letter as 1000 + index), its
    /// suffix ("." ".)" or ")"), and where it ends. It must be followed by whitespace.
    fn parse_marker(&self, p: usize) -> Option<(u32, &'static str, usize)> {
        let b = self.bytes;
        let mut e = p;
        let mut value = 0u32;
        while e < b.len() && b[e].is_ascii_digit() && e - p < 2 {
            value = value * 10 + u32::from(b[e] - b'0');
            e += 1;
        }
        if e == p {
            let c = *b.get(p)?;
            if !c.is_ascii_lowercase() {
                return None;
            }
            value = 1000 + u32::from(c - b'a');
            e += 1;
        }
        let (suffix, end) = match (b.get(e), b.get(e + 1)) {
            (Some(b'.'), Some(b')')) => (".)", e + 2),
            (Some(b'.'), _) => (".", e + 1),
            (Some(b')'), _) => (")", e + 1),
            _ => return None,
        };
        (self.ws_len(end) > 0).then_some((value, suffix, end))
    }
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '¿'
            | '¡'
            | '„'
            | '「'
            | '『'
            | '（'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›' | '」' | '』' | '）' | '】'
    )
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '‣' | '⁃' | '◦' | '▪' | '●')
}

fn is_terminal_char(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？' | '｡'
    )
}

/// "U.S", "U.S.A", "D.C", "Ph.D", "a.m": letter groups of one or two joined by full stops.
fn is_multi_period(w: &str) -> bool {
    let mut groups = 0;
    for g in w.split('.') {
        let n = g.len();
        if n == 0 || n > 2 || !g.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

/// Abbreviations that never end a sentence: titles before a name, "vs.", "e.g."
/// (`assets/words/never_final.txt`).
fn is_never_final(w: &str) -> bool {
    word_sets::never_final(w)
}

/// Abbreviations usually followed by a number ("No. 5", "p. 55", "N°. 12"):
/// `assets/words/numeric_prefixes.txt` and those that never end a sentence.
fn is_numeric_prefix(w: &str) -> bool {
    word_sets::numeric_prefixes(w) || is_never_final(w)
}

/// A month abbreviation without its full stop ("Jan", "Sept"; `assets/words/month_abbreviations.txt`,
/// which the tokeniser uses too).
fn is_month(w: &str) -> bool {
    word_sets::month_abbreviations(w)
}

/// Abbreviations that follow a name and may or may not end the sentence ("Apple Inc. The
/// company ..." versus "Apple Inc. CEO ..."; `assets/words/postpositives.txt`).
fn is_postpositive(w: &str) -> bool {
    word_sets::postpositives(w)
}

/// AP-style US state abbreviations ("Sacramento, Calif."), only trusted after a comma
/// (`assets/words/us_states.txt`).
fn is_state(w: &str) -> bool {
    word_sets::us_states(w)
}

/// Capitalised function words that open sentences and almost never continue a name
/// (`assets/words/sentence_starters.txt`).
fn is_starter_word(w: &str) -> bool {
    word_sets::sentence_starters(w)
}

/// "UTC", "GMT", "EDT", "ET", "AEST": an all-caps zone name after "a.m."/"p.m.".
fn is_time_zone(w: &str) -> bool {
    (2..=5).contains(&w.len())
        && w.bytes().all(|b| b.is_ascii_uppercase())
        && (w.ends_with('T') || matches!(w, "UTC" | "MSK"))
}

/// Words that never end a headline, so a line ending in one is hard-wrapped prose
/// (`assets/words/small_words.txt`).
fn is_small_word(w: &str) -> bool {
    word_sets::small_words(w)
}

/// Most words capitalised, ignoring short function words: "Afghan Team Wins Silver Medal".
fn is_title_case(line: &str) -> bool {
    let mut total = 0;
    let mut caps = 0;
    for word in line.split_whitespace() {
        let word = word.trim_start_matches(is_opener);
        let Some(c) = word.chars().next() else {
            continue;
        };
        if !c.is_alphanumeric() || is_small_word(word) || matches!(word, "vs" | "via" | "per") {
            continue;
        }
        total += 1;
        if !c.is_lowercase() {
            caps += 1;
        }
    }
    total >= 2 && caps * 5 >= total * 4
}

/// "Friday, July 21, 2017", "March 4, 2019": a short line opening with a weekday or month
/// name and holding a number.
fn is_dateline(line: &str) -> bool {
    if line.len() > 48 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let first = line
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    // `first` has no full stop, so of months.txt (the detector's) only the full names and
    // the abbreviations written without one can match.
    word_sets::weekdays(first) || word_sets::months(first) || is_month(first)
}
