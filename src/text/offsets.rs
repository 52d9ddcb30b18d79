//! Conversion between byte offsets (how Rust indexes strings) and Unicode code point offsets
//! (what the annotation file and every export format store). This is the one place where the
//! two meet: the rest of the crate works in bytes.

/// How many code points lie between two checkpoints of a [`CharIndex`].
const STRIDE: usize = 64;

/// A compact map between byte and code point offsets of one text.
///
/// It keeps the byte offset of every 64th code point, so a conversion costs a table lookup and
/// a scan of at most 64 code points, and the table is about 1/8 of the text's size for
/// ASCII-heavy text (and nothing at all for pure ASCII).
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of code point `i * STRIDE`; empty when the text is ASCII.
    checkpoints: Vec<usize>,
    len_bytes: usize,
    len_chars: usize,
}

impl CharIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                checkpoints: Vec::new(),
                len_bytes: text.len(),
                len_chars: text.len(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut count = 0;
        for (byte, _) in text.char_indices() {
            if count % STRIDE == 0 {
                checkpoints.push(byte);
            }
            count += 1;
        }
        Self {
            checkpoints,
            len_bytes: text.len(),
            len_chars: count,
        }
    }

    /// Number of code points in the text.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// The code point offset of byte offset `byte`, which must be a char boundary of `text`
    /// (the text this index was built for). Offsets past the end clamp to the end.
    pub fn byte_to_char(&self, text: &str, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        if self.checkpoints.is_empty() {
            return byte;
        }
        let slot = match self.checkpoints.binary_search(&byte) {
            Ok(slot) => return slot * STRIDE,
            Err(slot) => slot - 1,
        };
        let from = self.checkpoints[slot];
        slot * STRIDE + text[from..byte].chars().count()
    }

    /// The byte offset of code point offset `ch` in `text`, or `None` when `ch` is past the
    /// end of the text.
    pub fn char_to_byte(&self, text: &str, ch: usize) -> Option<usize> {
        if ch > self.len_chars {
            return None;
        }
        if self.checkpoints.is_empty() {
            return Some(ch);
        }
        if ch == self.len_chars {
            return Some(self.len_bytes);
        }
        let slot = ch / STRIDE;
        let from = self.checkpoints[slot];
        let skip = ch % STRIDE;
        text[from..]
            .char_indices()
            .nth(skip)
            .map(|(offset, _)| from + offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let text = "Putin said.";
        let index = CharIndex::new(text);
        assert_eq!(index.byte_to_char(text, 5), 5);
        assert_eq!(index.char_to_byte(text, 11), Some(11));
        assert_eq!(index.char_to_byte(text, 12), None);
    }

    #[test]
    fn round_trips_every_boundary_of_mixed_text() {
        let text = "é世界👩‍👩‍👧 a\u{301}".repeat(40);
        let index = CharIndex::new(&text);
        assert_eq!(index.len_chars(), text.chars().count());
        for (ch, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.byte_to_char(&text, byte), ch);
            assert_eq!(index.char_to_byte(&text, ch), Some(byte));
        }
        assert_eq!(index.byte_to_char(&text, text.len()), index.len_chars());
        assert_eq!(
            index.char_to_byte(&text, index.len_chars()),
            Some(text.len())
        );
    }
}
