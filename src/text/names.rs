//! Actor names as one form: the same name typed, pasted or extracted in different ways
//! ("Daily Xtra" and "Daily Xtra" followed by a zero-width joiner, or a name in composed and
//! decomposed accents) is one actor.

use std::borrow::Cow;

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// Zero-width characters that change nothing a reader sees: spaces, joiners, the word
/// joiner and the byte-order mark.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// `name` in Unicode NFC, without white space or zero-width characters at its ends.
/// Borrows when it is already in that form, as nearly every name is.
pub fn normalise(name: &str) -> Cow<'_, str> {
    let trimmed = name.trim_matches(|c: char| c.is_whitespace() || is_zero_width(c));
    match is_nfc_quick(trimmed.chars()) {
        unicode_normalization::IsNormalized::Yes => Cow::Borrowed(trimmed),
        _ => Cow::Owned(trimmed.nfc().collect()),
    }
}

/// A file name made from `title` ("Xi and Putin meet" → "Xi-and-Putin-meet"): letters,
/// digits, `-` and `_` kept, every other run of characters one `-`, at most 60 characters;
/// "article" when nothing is left.
pub fn file_stem(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if out.chars().count() >= 60 {
            break;
        }
        if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    match out.is_empty() {
        true => "article".to_string(),
        false => out.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_come_from_titles() {
        assert_eq!(
            file_stem("Xi and Putin meet: a “new era”"),
            "Xi-and-Putin-meet-a-new-era"
        );
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("¿?"), "article");
        assert!(file_stem(&"long title ".repeat(20)).chars().count() <= 60);
    }

    #[test]
    fn joiners_at_the_ends_and_decomposed_accents_make_no_new_name() {
        assert_eq!(normalise("Daily Xtra\u{200d}"), "Daily Xtra");
        assert_eq!(normalise("\u{feff} Daily Xtra "), "Daily Xtra");
        assert_eq!(normalise("Macron\u{200c}"), "Macron");
        assert_eq!(normalise("Jose\u{301} Mari\u{301}a"), "José María");
        // A joiner inside a name (an emoji sequence, Indic scripts) stays.
        assert_eq!(normalise("a\u{200d}b"), "a\u{200d}b");
        assert!(matches!(normalise("Kremlin"), Cow::Borrowed(_)));
    }
}
