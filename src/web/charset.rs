//! Turning the bytes of a web page into text: the character encoding comes from a byte order
//! mark, else the `charset` of the Content-Type header, else the page's own `<meta charset>`,
//! `<meta http-equiv="Content-Type">` or XML declaration, else UTF-8 (or Windows-1252 when the
//! bytes are not valid UTF-8, as old pages saved without a declaration often are).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How far into the page a `<meta>` charset declaration is looked for. The HTML standard says
/// 1024 bytes; real pages put long scripts and styles first, so gloss looks further.
const PRESCAN_BYTES: usize = 8192;

/// Decodes a page (fetched or read from a saved `FILE.html`) to text. `content_type` is the
/// HTTP Content-Type header, when there is one. Invalid sequences become U+FFFD; the result
/// is not yet cleaned of control characters.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let encoding = encoding_for(bytes, content_type);
    // `decode` lets a byte order mark override the chosen encoding, as browsers do.
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// The encoding `decode` uses for `bytes` served with `content_type`.
pub fn encoding_for(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    if let Some(encoding) = content_type
        .and_then(charset_param)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
    {
        return usable(encoding);
    }
    if let Some(encoding) = declared_in_page(bytes) {
        // A page that calls itself UTF-16 while being read as bytes is really UTF-8.
        return match usable(encoding) {
            e if e == UTF_16LE || e == UTF_16BE => UTF_8,
            e => e,
        };
    }
    if std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        WINDOWS_1252
    }
}

/// The "replacement" encoding (for labels such as iso-2022-kr) would turn the whole page into
/// one U+FFFD; UTF-8 keeps at least the ASCII text.
fn usable(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::REPLACEMENT {
        UTF_8
    } else {
        encoding
    }
}

/// The value of the `charset` parameter of a Content-Type such as
/// `text/html; charset="ISO-8859-1"`.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).trim())
            .filter(|v| !v.is_empty())
    })
}

/// The encoding a page declares in its first bytes: an XML declaration's `encoding`, a
/// `<meta charset>`, or the `charset=` inside a `<meta http-equiv="Content-Type" content>`.
/// Declarations inside comments are skipped.
pub fn declared_in_page(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    if lower.starts_with(b"<?xml")
        && let Some(end) = find(&lower, b"?>", 0)
        && let Some(label) = attribute_value(&head[..end], &lower[..end], b"encoding")
    {
        return Encoding::for_label(label);
    }
    let mut at = 0;
    while let Some(open) = find(&lower, b"<", at) {
        let rest = &lower[open..];
        if rest.starts_with(b"<!--") {
            at = find(&lower, b"-->", open + 4).map_or(lower.len(), |end| end + 3);
            continue;
        }
        let end = find(&lower, b">", open).unwrap_or(lower.len());
        if rest.starts_with(b"<meta")
            && rest
                .get(5)
                .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
            && let Some(label) = attribute_value(&head[open..end], &lower[open..end], b"charset")
            && let Some(encoding) = Encoding::for_label(label)
        {
            return Some(encoding);
        }
        at = open + 1;
    }
    None
}

/// The value after `name` `=` in a tag (quoted or not), read from `original` at the place
/// found in its lower-cased copy `lower`.
fn attribute_value<'a>(original: &'a [u8], lower: &[u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut at = 0;
    while let Some(found) = find(lower, name, at) {
        at = found + name.len();
        let mut i = at;
        while lower.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower
            .get(i)
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'"' || b == b'\'')
        {
            i += 1;
        }
        let start = i;
        while lower
            .get(i)
            .is_some_and(|&b| !(b.is_ascii_whitespace() || b"\"';>/?".contains(&b)))
        {
            i += 1;
        }
        if i > start {
            return Some(&original[start..i]);
        }
    }
    None
}

/// The first position of `needle` in `haystack` at or after `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_wins_over_meta() {
        let page = b"<meta charset=utf-8><p>caf\xe9</p>";
        assert_eq!(
            decode(page, Some("text/html; charset=ISO-8859-1")),
            "<meta charset=utf-8><p>café</p>"
        );
    }

    #[test]
    fn meta_charset_and_http_equiv_are_found() {
        let equiv = b"<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">";
        assert_eq!(declared_in_page(equiv), Some(WINDOWS_1252));
        assert_eq!(
            declared_in_page(b"<meta charset='koi8-r'>"),
            Some(encoding_rs::KOI8_R)
        );
        assert_eq!(
            declared_in_page(b"<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><html>"),
            Some(encoding_rs::ISO_8859_2)
        );
    }

    #[test]
    fn commented_out_meta_is_ignored() {
        assert_eq!(
            declared_in_page(b"<!-- <meta charset=koi8-r> --><p>x</p>"),
            None
        );
    }

    #[test]
    fn undeclared_pages_are_utf8_or_windows_1252() {
        assert_eq!(decode("“é”".as_bytes(), None), "“é”");
        assert_eq!(decode(b"\x93caf\xe9\x94", Some("text/html")), "“café”");
    }

    #[test]
    fn bom_overrides_everything() {
        assert_eq!(
            decode(
                b"\xef\xbb\xbfcaf\xc3\xa9",
                Some("text/html; charset=windows-1252")
            ),
            "café"
        );
    }

    #[test]
    fn charset_param_reads_quoted_values() {
        assert_eq!(charset_param("text/html; Charset=\"UTF-8\""), Some("UTF-8"));
        assert_eq!(charset_param("text/html"), None);
    }
}
