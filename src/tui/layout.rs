//! Wrapping paragraphs into screen rows and scrolling through them.
//!
//! Only the paragraphs that are drawn are ever wrapped (and the result is cached per width),
//! so the cost of a frame depends on the screen, not on the article's length.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use unicode_segmentation::UnicodeSegmentation;

use crate::document::Document;
use crate::text::width::grapheme_width;

/// The most rows a status message takes.
pub const MAX_MESSAGE_ROWS: u16 = 4;

/// A status message wrapped to `width` columns, each row indented by one space as the first
/// is.
pub fn message_lines(message: &str, width: usize) -> Vec<String> {
    crate::text::width::wrap(message.trim_start(), width.saturating_sub(1))
        .into_iter()
        .map(|line| format!(" {line}"))
        .collect()
}

/// One screen row of a paragraph: the byte range of the text drawn on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Byte range in the document text.
    pub range: Range<usize>,
}

/// One grapheme of a row as it is laid out: the one description of where text goes on
/// screen, which wrapping, drawing and mouse hit-testing all follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell<'a> {
    /// Byte offset of the grapheme in the text.
    pub at: usize,
    /// Its bytes in the text.
    pub len: usize,
    /// What is drawn: the grapheme, or one space for a run of whitespace.
    pub symbol: &'a str,
    /// Columns from the row's start.
    pub column: usize,
    /// Columns it takes (0 for a zero-width grapheme, which is not drawn).
    pub width: usize,
    /// True for the first grapheme of a run of whitespace (line breaks included).
    pub space: bool,
}

/// The cells of `text[range]`: each grapheme with its column, a run of whitespace taking one
/// column (so hard-wrapped text reflows), the rest of the run left out.
pub fn cells(text: &str, range: Range<usize>) -> impl Iterator<Item = Cell<'_>> + '_ {
    let start = range.start;
    let mut column = 0;
    let mut prev_space = false;
    text[range]
        .grapheme_indices(true)
        .filter_map(move |(offset, grapheme)| {
            let space = grapheme.chars().all(char::is_whitespace);
            if space && prev_space {
                return None;
            }
            prev_space = space;
            let (symbol, width) = match space {
                true => (" ", 1),
                false => (grapheme, grapheme_width(grapheme)),
            };
            let cell = Cell {
                at: start + offset,
                len: grapheme.len(),
                symbol,
                column,
                width,
                space,
            };
            column += width;
            Some(cell)
        })
}

/// The byte offset of the cell of `text[range]` drawn at `column`, or of the row's last cell
/// when the column is past its end (`range.start` for an empty row).
pub fn offset_at_column(text: &str, range: Range<usize>, column: usize) -> usize {
    let mut last = range.start;
    for cell in cells(text, range) {
        if column < cell.column + cell.width {
            return cell.at;
        }
        last = cell.at;
    }
    last
}

/// Wraps `text` (the paragraph at byte offset `base`) into rows of at most `width` columns,
/// breaking at whitespace where it can and inside a word only when a word is wider than a
/// row. Widths are those of [`cells`]: a run of whitespace takes one column, as drawn.
pub fn wrap(text: &str, base: usize, width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    // The row being filled: start, end and width.
    let mut current: Option<(usize, usize, usize)> = None;
    for (start, end, word_width) in words(text) {
        if word_width > width {
            if let Some((s, e, _)) = current.take() {
                rows.push(s..e);
            }
            let mut chunk: Option<(usize, usize, usize)> = None;
            for cell in cells(text, start..end) {
                let (g_start, g_end, w) = (cell.at, cell.at + cell.len, cell.width);
                chunk = match chunk {
                    Some((s, _, cw)) if cw + w <= width => Some((s, g_end, cw + w)),
                    Some((s, e, _)) => {
                        rows.push(s..e);
                        Some((g_start, g_end, w))
                    }
                    None => Some((g_start, g_end, w)),
                };
            }
            current = chunk;
            continue;
        }
        current = match current {
            Some((s, _, w)) if w + 1 + word_width <= width => Some((s, end, w + 1 + word_width)),
            Some((s, e, _)) => {
                rows.push(s..e);
                Some((start, end, word_width))
            }
            None => Some((start, end, word_width)),
        };
    }
    if let Some((s, e, _)) = current {
        rows.push(s..e);
    }
    if rows.is_empty() {
        rows.push(0..0);
    }
    rows.into_iter()
        .map(|r| Row {
            range: base + r.start..base + r.end,
        })
        .collect()
}

/// The words of `text` (runs of cells without whitespace) as (start, end, columns).
fn words(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut cells = cells(text, 0..text.len()).peekable();
    std::iter::from_fn(move || {
        while cells.next_if(|c| c.space).is_some() {}
        let first = cells.next()?;
        let (mut end, mut width) = (first.at + first.len, first.width);
        while let Some(cell) = cells.next_if(|c| !c.space) {
            end = cell.at + cell.len;
            width += cell.width;
        }
        Some((first.at, end, width))
    })
}

/// A position in the flow of rows: a paragraph and a row within it, where the row one past
/// the paragraph's text rows is the blank line that follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct RowPos {
    /// Paragraph index.
    pub para: usize,
    /// Row within the paragraph.
    pub row: usize,
}

/// Wrapped paragraphs for one width, filled on demand.
#[derive(Debug, Default)]
pub struct WrapCache {
    width: usize,
    paragraphs: HashMap<usize, Rc<[Row]>>,
}

/// Paragraphs kept in the cache before it is emptied (it refills with what is on screen).
const CACHE_LIMIT: usize = 4096;

impl WrapCache {
    /// The rows of paragraph `para` at `width` columns.
    pub fn rows(&mut self, doc: &Document, para: usize, width: usize) -> Rc<[Row]> {
        if width != self.width || self.paragraphs.len() > CACHE_LIMIT {
            self.paragraphs.clear();
            self.width = width;
        }
        self.paragraphs
            .entry(para)
            .or_insert_with(|| {
                let range = doc.paragraphs[para].range.clone();
                wrap(&doc.text[range.clone()], range.start, width).into()
            })
            .clone()
    }

    /// Rows a paragraph takes on screen, counting the blank line after all but the last.
    pub fn height(&mut self, doc: &Document, para: usize, width: usize) -> usize {
        let gap = usize::from(para + 1 < doc.paragraphs.len());
        self.rows(doc, para, width).len() + gap
    }

    /// The row position `n` rows after `pos` (clamped to the last row).
    pub fn forward(&mut self, doc: &Document, width: usize, pos: RowPos, n: usize) -> RowPos {
        let mut pos = self.clamp(doc, width, pos);
        let mut left = n;
        loop {
            let height = self.height(doc, pos.para, width);
            if pos.row + left < height {
                pos.row += left;
                return pos;
            }
            if pos.para + 1 >= doc.paragraphs.len() {
                pos.row = height.saturating_sub(1);
                return pos;
            }
            left -= height - pos.row;
            pos = RowPos {
                para: pos.para + 1,
                row: 0,
            };
        }
    }

    /// The row position `n` rows before `pos` (clamped to the first row).
    pub fn backward(&mut self, doc: &Document, width: usize, pos: RowPos, n: usize) -> RowPos {
        let mut pos = self.clamp(doc, width, pos);
        let mut left = n;
        loop {
            if pos.row >= left {
                pos.row -= left;
                return pos;
            }
            if pos.para == 0 {
                pos.row = 0;
                return pos;
            }
            left -= pos.row + 1;
            let para = pos.para - 1;
            pos = RowPos {
                para,
                row: self.height(doc, para, width) - 1,
            };
        }
    }

    /// `pos` moved onto a row that exists at this width (a position kept from another width
    /// may point past its paragraph's rows).
    pub fn clamp(&mut self, doc: &Document, width: usize, pos: RowPos) -> RowPos {
        let para = pos.para.min(doc.paragraphs.len().saturating_sub(1));
        let height = self.height(doc, para, width);
        RowPos {
            para,
            row: pos.row.min(height.saturating_sub(1)),
        }
    }

    /// The row position holding byte offset `at` (which lies in paragraph `para`).
    pub fn locate(&mut self, doc: &Document, width: usize, at: usize) -> RowPos {
        let para = doc.paragraph_at(at);
        let rows = self.rows(doc, para, width);
        let row = rows
            .partition_point(|r| r.range.start <= at)
            .saturating_sub(1);
        RowPos { para, row }
    }

    /// The last row position of the document.
    pub fn end(&mut self, doc: &Document, width: usize) -> RowPos {
        let para = doc.paragraphs.len().saturating_sub(1);
        RowPos {
            para,
            row: self.height(doc, para, width).saturating_sub(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<&str> {
        wrap(text, 0, width)
            .into_iter()
            .map(|r| &text[r.range])
            .collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrapped("Putin said it was fruitful.", 10),
            ["Putin said", "it was", "fruitful."]
        );
        assert_eq!(wrapped("a  b", 10), ["a  b"]);
        assert_eq!(wrapped("  a   b  ", 3), ["a   b"]);
        assert_eq!(wrapped("line one\nline two", 8), ["line one", "line two"]);
    }

    #[test]
    fn breaks_long_words_and_respects_wide_graphemes() {
        assert_eq!(wrapped("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrapped("世界世界世", 4), ["世界", "世界", "世"]);
        assert_eq!(
            wrapped("e\u{301}e\u{301}e\u{301}", 2),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
        assert_eq!(wrapped("👩‍👩‍👧 👩‍👩‍👧", 3), ["👩‍👩‍👧", "👩‍👩‍👧"]);
    }

    #[test]
    fn positions_from_another_width_are_clamped() {
        let doc = Document::new(
            "Title\n\nA paragraph long enough to wrap into several rows at a narrow width.".into(),
            crate::document::Source::Stdin,
        );
        let mut cache = WrapCache::default();
        let narrow_end = cache.end(&doc, 10);
        assert!(narrow_end.row > 3);
        let wide = cache.forward(&doc, 200, narrow_end, 1);
        assert_eq!(wide, RowPos { para: 1, row: 0 });
        let back = cache.backward(&doc, 200, narrow_end, 1);
        assert_eq!(back, RowPos { para: 0, row: 1 });
    }

    #[test]
    fn every_row_fits() {
        let text = "The Kremlin said the Russia-China friendship treaty, signed 20 years ago, was extended; 世界 e\u{301} 👩‍👩‍👧 end.";
        for width in 1..40 {
            for row in wrap(text, 0, width) {
                let w = crate::text::width::text_width(&text[row.range]);
                assert!(w <= width.max(2), "width {width}: row of {w}");
            }
        }
    }

    #[test]
    fn a_row_is_laid_out_one_way_for_wrapping_drawing_and_the_mouse() {
        // Runs of whitespace (a line break too) take one column; a zero-width space takes
        // none and is never what a click lands on.
        let text = "Xi  and\nPutin\u{200b} met 世界 e\u{301}.";
        for width in [4, 7, 12, 80] {
            for row in wrap(text, 0, width) {
                let laid: Vec<Cell<'_>> = cells(text, row.range.clone()).collect();
                let drawn: usize = laid.iter().map(|c| c.width).sum();
                assert!(
                    drawn <= width.max(2),
                    "width {width}: {drawn} columns drawn"
                );
                for cell in laid.iter().filter(|c| c.width > 0) {
                    for column in cell.column..cell.column + cell.width {
                        assert_eq!(
                            offset_at_column(text, row.range.clone(), column),
                            cell.at,
                            "width {width}, column {column}"
                        );
                    }
                }
            }
        }
        let row: Vec<&str> = cells(text, 0..text.len()).map(|c| c.symbol).collect();
        assert_eq!(&row[..5], ["X", "i", " ", "a", "n"]);
        let zero_width = text.find('\u{200b}').unwrap();
        assert!(cells(text, 0..text.len()).any(|c| c.at == zero_width && c.width == 0));
        assert_ne!(offset_at_column(text, 0..text.len(), 12), zero_width);
    }
}
