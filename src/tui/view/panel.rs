//! The side panel: Entities (actors with label and mention count) and Claims (with their
//! speakers), confirmed ones first and suggestions dimmed with a "?".

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};

use crate::text::clean::clean;
use crate::text::width::ellipsize;
use crate::tui::app::{App, Focus};
use crate::tui::panel::{Member, PanelItem};
use crate::tui::style;

/// Draws the panel rows that fit.
pub fn draw(app: &App, buf: &mut Buffer) {
    let area = app.geometry.panel;
    let width = usize::from(area.width);
    let focused = app.focus == Focus::Panel;
    let text = &app.session.doc.text;
    for (row, index) in (app.panel_offset..app.panel_items.len())
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + row as u16;
        let item = &app.panel_items[index];
        let selected = focused && index == app.panel_selected;
        let marker = if selected { "›" } else { " " };
        let (line, line_style) = match item {
            PanelItem::Header(title) => (title.clone(), style::HEADING),
            PanelItem::Actor {
                name,
                label,
                confirmed,
                suggested,
                noted,
                ..
            } => {
                let note = if *noted { " ✎" } else { "" };
                if confirmed.is_empty() {
                    let st = style::suggested_entity(&app.config, label)
                        .remove_modifier(Modifier::UNDERLINED);
                    (
                        format!("{marker}? {name} · {label} ×{}", suggested.len()),
                        st,
                    )
                } else {
                    let more = if suggested.is_empty() {
                        String::new()
                    } else {
                        format!(" +{}?", suggested.len())
                    };
                    let st = Style::new().fg(style::label_colour(&app.config, label));
                    (
                        format!(
                            "{marker}● {name} · {label} ×{}{more}{note}",
                            confirmed.len()
                        ),
                        st,
                    )
                }
            }
            PanelItem::Claim {
                range,
                label,
                speaker,
                member,
                noted,
            } => {
                let suggested = matches!(member, Member::Suggested(_));
                let dot = if suggested { "?" } else { "»" };
                let who = speaker.as_deref().unwrap_or("—");
                let note = if *noted { " ✎" } else { "" };
                let quote = words_for(&text[range.clone()], width);
                let st = if suggested {
                    style::suggested_claim(&app.config, label)
                } else {
                    Style::new().fg(style::label_colour(&app.config, label))
                };
                (format!("{marker}{dot} {who}{note}: {quote}"), st)
            }
            PanelItem::Unplaced { text, label, .. } => {
                (format!("{marker}✗ {text} · {label}"), style::DIM)
            }
        };
        let line_style = if selected {
            line_style.patch(style::SELECTED)
        } else {
            line_style
        };
        let line = clean(&line);
        buf.set_stringn(area.x, y, ellipsize(&line, width), width, line_style);
    }
}

/// The first words of `text`, each run of whitespace one space, as far as a row `width`
/// columns wide can show: a claim may run over pages, and its row shows the start.
fn words_for(text: &str, width: usize) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() > width {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_claim_gives_its_first_words_only() {
        let text = "said  that\n the plan ".repeat(10_000);
        let words = super::words_for(&text, 20);
        assert!(words.starts_with("said that the plan said"), "{words}");
        assert!(words.chars().count() < 40, "{words}");
        assert_eq!(super::words_for(" a \t b ", 20), "a b");
    }
}
