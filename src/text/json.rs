//! JSON that is safe to print on a terminal. serde_json escapes C0 controls inside strings
//! but writes DEL, the C1 controls (U+0080..U+009F, which include the one-character forms
//! of CSI and OSC) and the bidi controls as they are; this escapes them as `\uXXXX`, so
//! `gloss ... --json` on a terminal can never drive it, whatever the data holds.

use std::borrow::Cow;

use super::clean::is_bidi_control;

/// Whether `c` must not reach a terminal raw. Line ends and tabs are left: serde_json only
/// writes them as whitespace between tokens, never raw inside a string.
fn must_escape(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || is_bidi_control(c)
}

/// `json` (the output of serde_json) with every control and bidi character escaped. Such
/// characters can only stand inside strings in valid JSON, where `\uXXXX` means the same
/// character, so the value read back is unchanged.
pub fn escape_controls(json: &str) -> Cow<'_, str> {
    if !json.chars().any(must_escape) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if must_escape(c) {
            // Every such character is in the Basic Multilingual Plane: one escape each.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` (a text export: CoNLL, CSV, Markdown, brat) with control and bidi characters
/// other than line ends and tabs dropped, so that printing it cannot drive a terminal.
pub fn drop_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(must_escape) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|c| !must_escape(*c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped_and_read_back_unchanged() {
        let value = serde_json::json!({"note": "a\u{1b}]52;c;aGk=\u{7}b\u{9b}2J\u{202e}c\u{7f}"});
        let json = serde_json::to_string(&value).unwrap();
        let safe = escape_controls(&json);
        assert!(!safe.chars().any(must_escape), "{safe}");
        assert!(
            safe.contains("\\u009b") && safe.contains("\\u202e"),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn text_keeps_line_ends_and_tabs() {
        assert_eq!(drop_controls("a\tb\n\u{1b}[2Jc\u{202e}"), "a\tb\n[2Jc");
    }
}
