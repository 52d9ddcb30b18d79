//! The article pane: wrapped paragraphs with highlights, the current sentence marked in the
//! margin, the cursor and the selection.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use crate::annotation::Kind;
use crate::tui::app::{App, Focus, MARGIN};
use crate::tui::layout::cells;
use crate::tui::style;

/// A styled stretch of text; later layers are patched over earlier ones.
struct Layer {
    range: Range<usize>,
    style: Style,
}

/// Draws the article rows worked out for this frame.
pub fn draw(app: &App, buf: &mut Buffer) {
    let area = app.geometry.article;
    let sentence = app.sentence_range();
    let selection = app.selection_range();
    let text = &app.session.doc.text;
    for (i, (pos, range)) in app.geometry.rows.iter().enumerate() {
        let y = area.y + i as u16;
        let Some(range) = range else {
            continue;
        };
        if range.start < sentence.end && range.end > sentence.start
            || (range.is_empty() && range.start == sentence.start)
        {
            buf.set_string(area.x, y, "▌", style::SENTENCE_MARKER);
        }
        let base = if pos.para == 0 {
            style::HEADING
        } else {
            Style::new()
        };
        let layers = layers_for(app, range.clone(), selection.clone());
        let left = usize::from(area.x + MARGIN);
        let right = usize::from(area.x + area.width);
        for cell in cells(text, range.clone()) {
            // A zero-width grapheme takes no cell of its own.
            if cell.width == 0 {
                continue;
            }
            let x = left + cell.column;
            if x + cell.width > right {
                break;
            }
            let mut cell_style = base;
            for layer in &layers {
                if layer.range.start <= cell.at && cell.at < layer.range.end {
                    cell_style = cell_style.patch(layer.style);
                }
            }
            buf.set_stringn(x as u16, y, cell.symbol, cell.width, cell_style);
        }
    }
}

/// Everything that styles text in `row`, in drawing order: claims, entities, search
/// matches, the selection, the cursor.
fn layers_for(app: &App, row: Range<usize>, selection: Option<Range<usize>>) -> Vec<Layer> {
    let session = &app.session;
    let config = &app.config;
    let mut layers = Vec::new();
    for i in session.suggestions.claims_in(row.clone()) {
        if session.claim_suggestion_open(i) {
            let s = &session.suggestions.claims[i];
            layers.push(Layer {
                range: s.range.clone(),
                style: style::suggested_claim(config, &s.label),
            });
        }
    }
    for a in session.annotations.overlapping(row.clone()) {
        if a.kind == Kind::Claim {
            layers.push(Layer {
                range: a.range.clone(),
                style: style::confirmed_claim(config, &a.label),
            });
        }
    }
    for i in session.suggestions.entities_in(row.clone()) {
        if session.entity_suggestion_open(i) {
            let s = &session.suggestions.entities[i];
            layers.push(Layer {
                range: s.range.clone(),
                style: style::suggested_entity(config, &s.label),
            });
        }
    }
    for a in session.annotations.overlapping(row.clone()) {
        if a.kind == Kind::Entity {
            layers.push(Layer {
                range: a.range.clone(),
                style: style::confirmed_entity(config, &a.label),
            });
        }
    }
    if let Some(query) = &app.search {
        for range in query.matches_in(&session.doc.text, row.clone()) {
            layers.push(Layer {
                range,
                style: style::SEARCH_MATCH,
            });
        }
    }
    if let Some(range) = selection {
        layers.push(Layer {
            range,
            style: style::CURSOR,
        });
    }
    if app.focus == Focus::Article || app.geometry.panel.width == 0 {
        let end = crate::tui::cursor::next_grapheme(
            &session.doc.text,
            app.cursor..session.doc.text.len(),
            app.cursor,
        );
        let end = if end == app.cursor {
            app.cursor + 1
        } else {
            end
        };
        layers.push(Layer {
            range: app.cursor..end,
            style: style::CURSOR,
        });
    }
    layers
}
