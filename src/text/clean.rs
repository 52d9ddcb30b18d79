//! Cleaning of untrusted text (articles, feeds, pages, file names) so that nothing in it can
//! drive the terminal: control characters, escape sequences and bidi overrides are removed,
//! line ends are normalised to `\n` and tabs become spaces.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// The single-character C1 form of CSI.
const C1_CSI: char = '\u{9b}';
/// The single-character C1 forms that open a string ended by ST (OSC, DCS, SOS, PM, APC).
const C1_STRING_OPENERS: [char; 5] = ['\u{9d}', '\u{90}', '\u{98}', '\u{9e}', '\u{9f}'];
const C1_ST: char = '\u{9c}';

/// True for the bidi embedding, override and isolate controls (U+202A..U+202E,
/// U+2066..U+2069), which can make text display in an order other than the one stored.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The most combining marks kept on one character. Real text stacks two or three (Vietnamese
/// has two); thousands on one letter draw past a terminal cell's capacity and shift what
/// follows, in the article and in every list.
pub const MAX_MARKS: usize = 4;

/// True for a combining mark. None comes before U+0300, so most characters of most text
/// (ASCII, Latin-1) are told apart without the table lookup, which was a quarter of the
/// time of opening a large annotation file.
fn is_mark(c: char) -> bool {
    c >= '\u{300}' && is_combining_mark(c)
}

/// True when [`clean`] leaves `text` as it is: no character it removes or replaces, none
/// with more than [`MAX_MARKS`] combining marks. One pass over the bytes: runs of printable
/// ASCII are skipped 32 bytes at a time, and only a character that is not ASCII is decoded
/// (judging every character of a long article that is mostly ASCII, with a few curly quotes,
/// took as long as splitting it into sentences).
fn is_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut marks = 0usize;
    while at < bytes.len() {
        let run = plain_run(&bytes[at..]);
        if run > 0 {
            // An ASCII character came before: no mark follows it yet.
            marks = 0;
            at += run;
            continue;
        }
        if bytes[at] < 0x80 {
            // A control character (or DEL): cleaning removes it.
            return false;
        }
        // `at` is a character boundary: everything before it was whole characters.
        let c = text[at..]
            .chars()
            .next()
            .expect("a character at a boundary");
        if is_mark(c) {
            marks += 1;
            if marks > MAX_MARKS {
                return false;
            }
        } else if needs_cleaning(c) {
            return false;
        } else {
            marks = 0;
        }
        at += c.len_utf8();
    }
    true
}

/// True for a byte of printable ASCII or a line feed: one [`clean`] keeps as it is.
fn is_plain(byte: u8) -> bool {
    (b' '..0x7f).contains(&byte) | (byte == b'\n')
}

/// The length of the run of [`is_plain`] bytes that `bytes` starts with.
fn plain_run(bytes: &[u8]) -> usize {
    const CHUNK: usize = 32;
    let mut at = 0;
    // Whole chunks first, judged without an early exit so that the check compiles to vector
    // instructions: a byte at a time, this was most of the cost of opening a long article.
    while let Some(chunk) = bytes.get(at..at + CHUNK) {
        if !chunk.iter().fold(true, |plain, &b| plain & is_plain(b)) {
            break;
        }
        at += CHUNK;
    }
    at + bytes[at..]
        .iter()
        .position(|&b| !is_plain(b))
        .unwrap_or(bytes.len() - at)
}

/// True for a character that `clean` removes or replaces.
fn needs_cleaning(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi_control(c)
}

/// Returns `text` with every escape sequence (CSI, OSC, DCS, SOS, PM, APC, in both their
/// 7-bit and C1 forms), every other control character except `\n`, and every bidi control
/// removed; `\r\n` and lone `\r` become `\n`, a tab becomes one space, and no character keeps
/// more than [`MAX_MARKS`] combining marks.
///
/// Borrows when there is nothing to clean, which is the common case.
pub fn clean(text: &str) -> Cow<'_, str> {
    if is_clean(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut marks = 0usize;
    while let Some(c) = chars.next() {
        if is_mark(c) {
            marks += 1;
            if marks > MAX_MARKS {
                continue;
            }
        } else {
            marks = 0;
        }
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push(' '),
            ESC => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                // A two-character escape (ESC c, ESC 7, ...): both characters go.
                _ => {}
            },
            C1_CSI => skip_csi(&mut chars),
            c if C1_STRING_OPENERS.contains(&c) => skip_string(&mut chars),
            c if needs_cleaning(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`clean`] for a string already owned: clean text (the common case) is handed back as it
/// is, not copied.
pub fn clean_owned(text: String) -> String {
    match clean(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(cleaned) => cleaned,
    }
}

/// Skips the parameters and final byte of a control sequence.
fn skip_csi(chars: &mut impl Iterator<Item = char>) {
    for c in chars {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// Skips a control string up to and including its terminator (BEL, ESC \ or C1 ST).
fn skip_string(chars: &mut std::iter::Peekable<impl Iterator<Item = char>>) {
    while let Some(c) = chars.next() {
        match c {
            BEL | C1_ST => break,
            ESC => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_is_found_wherever_it_falls_in_the_chunks_of_plain_bytes() {
        for at in 0..100 {
            for bad in ["\u{1b}", "\u{7f}", "\t", "\r", "\u{202e}"] {
                let text = format!("{}{bad}{}", "a".repeat(at), "b\n".repeat(40));
                assert!(!is_clean(&text), "{bad:?} at {at}");
                assert!(!clean(&text).contains(bad), "{bad:?} at {at}");
            }
            let plain = format!("{}é{}", "a".repeat(at), "b\n".repeat(40));
            assert!(is_clean(&plain), "{at}");
        }
    }

    #[test]
    fn no_combining_mark_comes_before_u0300() {
        for c in (0..0x300u32).filter_map(char::from_u32) {
            assert!(!is_combining_mark(c), "{c:?}");
        }
        assert!(is_mark('\u{301}') && !is_mark('e'));
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(clean("Putin said “yes”.\n世界"), Cow::Borrowed(_)));
    }

    #[test]
    fn removes_escape_sequences_and_controls() {
        let dirty = "a\u{1b}[31mred\u{1b}[0m b\u{1b}]52;c;aGVsbG8=\u{7} c\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\ d\u{9b}2Je\u{0}\u{7f}f\u{202e}g\u{2066}h";
        let cleaned = clean(dirty);
        assert_eq!(cleaned, "ared b clink defgh");
        assert!(!cleaned.chars().any(|c| c.is_control()));
    }

    #[test]
    fn a_letter_keeps_at_most_a_few_combining_marks() {
        let zalgo = format!("Z{}algo", "\u{301}".repeat(10_000));
        assert_eq!(
            clean(&zalgo),
            format!("Z{}algo", "\u{301}".repeat(MAX_MARKS))
        );
        // Vietnamese: two marks on one letter, untouched.
        assert!(matches!(clean("Nguyê\u{303}n"), Cow::Borrowed(_)));
    }

    #[test]
    fn ascii_text_is_judged_by_its_bytes() {
        assert!(matches!(clean("Putin said.\nXi agreed."), Cow::Borrowed(_)));
        assert_eq!(clean("a\u{7f}b\u{1}c\u{1b}[2Jd"), "abcd");
        // One mark too many on a letter: text that is not ASCII is judged character by character.
        let marks = format!("e{}", "\u{301}".repeat(MAX_MARKS + 1));
        assert_eq!(clean(&marks).chars().count(), MAX_MARKS + 1);
    }

    #[test]
    fn normalises_line_ends_and_tabs() {
        assert_eq!(clean("a\r\nb\rc\td"), "a\nb\nc d");
    }

    #[test]
    fn unterminated_sequences_do_not_leak() {
        assert_eq!(clean("x\u{1b}]52;c;unterminated"), "x");
        assert_eq!(clean("x\u{1b}"), "x");
        assert_eq!(clean("x\u{1b}[12"), "x");
    }
}
