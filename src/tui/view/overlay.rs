//! What opens over the reader: help, the label and speaker pickers, the note editor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui_textarea::TextArea;

use crate::keymap::{Action, Layer};
use crate::text::clean::clean;
use crate::text::width::{ellipsize, text_width};
use crate::tui::app::{App, LabelTarget, SpeakerPicker};
use crate::tui::style;

/// A box of at most `width` x `height` centred in `area`.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Draws `lines` in a bordered box titled `title`, showing rows from `scroll`.
fn popup(frame: &mut Frame<'_>, title: &str, lines: Vec<Line<'_>>, width: u16, scroll: usize) {
    let area = frame.area();
    let height = (lines.len() as u16).saturating_add(2);
    let width = width.max(text_width(title) as u16);
    let rect = centred(area, width.saturating_add(4), height);
    let inner_width = usize::from(rect.width.saturating_sub(2));
    let visible = usize::from(rect.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let lines: Vec<Line<'_>> = lines
        .into_iter()
        .skip(scroll)
        .map(|line| fit(line, inner_width))
        .collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(ellipsize(title, inner_width)),
        ),
        rect,
    );
}

/// Cuts a line to `width` columns.
fn fit(line: Line<'_>, width: usize) -> Line<'_> {
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let left = width.saturating_sub(used);
        if left == 0 {
            break;
        }
        let content = ellipsize(&span.content, left);
        used += text_width(&content);
        spans.push(Span::styled(content, span.style));
    }
    Line::from(spans)
}

/// The reader's help screen, generated from the keymap.
pub fn help(app: &App, scroll: usize, frame: &mut Frame<'_>) {
    let footer = [
        "In the label picker, a label's own key (from the config) tags with it.",
        "In the speaker picker, letters narrow the list and 0-9 pick by number.",
    ];
    help_screen(
        &app.keymap,
        &app.keymap.help_entries(),
        &footer,
        scroll,
        frame,
    );
}

/// A help screen listing `entries`, with `footer` lines under them.
pub fn help_screen(
    keymap: &crate::keymap::Keymap,
    entries: &[crate::keymap::HelpEntry],
    footer: &[&str],
    scroll: usize,
    frame: &mut Frame<'_>,
) {
    let key_width = entries
        .iter()
        .map(|e| text_width(&e.keys.join(", ")))
        .max()
        .unwrap_or(0)
        .min(24);
    let mut lines = Vec::new();
    let mut layer = "";
    for entry in entries {
        if entry.layer != layer {
            layer = entry.layer;
            lines.push(Line::from(""));
            lines.push(Line::styled(layer.to_string(), style::HEADING));
        }
        let keys = entry.keys.join(", ");
        let pad = " ".repeat(key_width.saturating_sub(text_width(&keys)));
        lines.push(Line::from(vec![
            Span::styled(format!("{keys}{pad}  "), style::HEADING),
            Span::raw(entry.action.description()),
        ]));
    }
    lines.push(Line::from(""));
    for line in footer {
        lines.push(Line::styled(*line, style::DIM));
    }
    let width = lines.iter().map(Line::width).max().unwrap_or(20) as u16;
    let first = |action| {
        let keys = keymap.keys_in(Layer::Help, action);
        keys.first()
            .map_or_else(|| "-".to_string(), ToString::to_string)
    };
    let title = format!(
        " Keys ({}/{} scroll, any other key closes) ",
        first(Action::NextItem),
        first(Action::PrevItem)
    );
    popup(frame, &title, lines, width, scroll);
}

/// The label picker.
pub fn label_picker(app: &App, target: &LabelTarget, frame: &mut Frame<'_>) {
    let (labels, range, what) = match target {
        LabelTarget::Actor(r, _) => (&app.config.entity_labels, r, "Tag"),
        LabelTarget::Claim(r) => (&app.config.claim_labels, r, "Claim"),
    };
    let quote = clean(&app.session.doc.text[range.clone()])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let lines: Vec<Line<'_>> = labels
        .iter()
        .map(|l| {
            Line::from(vec![
                Span::styled(format!(" {} ", l.key), style::HEADING),
                Span::styled(l.name.clone(), Style::new().fg(style::colour(l.colour))),
            ])
        })
        .collect();
    let title = format!(" {what} “{}” as… ", ellipsize(&quote, 30));
    let width = (text_width(&title) as u16).max(20);
    popup(frame, &title, lines, width, 0);
}

/// The speaker picker.
pub fn speaker_picker(app: &App, picker: &SpeakerPicker, frame: &mut Frame<'_>) {
    let selected = picker.selected;
    let lines: Vec<Line<'_>> = picker
        .visible()
        .into_iter()
        .enumerate()
        .map(|(i, index)| {
            let o = &picker.options[index];
            let key = if i < 10 { format!("{i}") } else { " ".into() };
            let marker = if i == selected { "›" } else { " " };
            let label_style = Style::new().fg(style::label_colour(&app.config, &o.label));
            let row_style = if i == selected {
                style::SELECTED
            } else {
                Style::new()
            };
            Line::from(vec![
                Span::styled(format!("{marker}{key} "), style::HEADING),
                Span::styled(clean(&o.name).into_owned(), row_style),
                Span::styled(format!("  {}", o.label), label_style),
            ])
        })
        .collect();
    let visible = usize::from(frame.area().height.saturating_sub(2));
    let scroll = (selected + 1).saturating_sub(visible);
    let width = lines.iter().map(Line::width).max().unwrap_or(20).max(30) as u16;
    let title = match picker.filter.is_empty() {
        true => " Who says it? ".to_string(),
        false => format!(" Who says it? {}▏ ", clean(&picker.filter)),
    };
    popup(frame, &title, lines, width, scroll);
}

/// What a format is for, in the picker.
fn purpose(format: crate::export::Format) -> &'static str {
    use crate::export::Format;
    match format {
        Format::Jsonl => "doccano and any JSON tool",
        Format::Brat => "brat standoff (.txt + .ann folder)",
        Format::Conll => "CoNLL IOB2 tokens, for NER training",
        Format::LabelStudio => "Label Studio task list",
        Format::Prodigy => "Prodigy / spaCy tasks",
        Format::W3c => "W3C Web Annotation (JSON-LD)",
        Format::Csv => "a spreadsheet, one row per annotation",
        Format::Articles => "a spreadsheet, one row per article (for R, Stata, SPSS)",
        Format::Markdown => "a readable report",
        Format::Html => "a readable report for the browser",
    }
}

/// The export format picker.
pub fn export_picker(app: &App, selected: usize, frame: &mut Frame<'_>) {
    let lines: Vec<Line<'_>> = crate::export::Format::ALL
        .iter()
        .enumerate()
        .map(|(i, format)| {
            let marker = if i == selected { "›" } else { " " };
            let row_style = if i == selected {
                style::SELECTED
            } else {
                Style::new()
            };
            Line::from(vec![
                Span::styled(format!("{marker}{} ", (i + 1) % 10), style::HEADING),
                Span::styled(format!("{:<13}", format.name()), row_style),
                Span::styled(purpose(*format), style::DIM),
            ])
        })
        .collect();
    let width = lines.iter().map(Line::width).max().unwrap_or(20) as u16;
    popup(
        frame,
        match app.session.doc.source {
            crate::document::Source::File(_) => " Export beside the article (1-9, 0, Enter; Esc) ",
            _ => " Export to the current folder (1-9, 0, Enter; Esc) ",
        },
        lines,
        width,
        0,
    );
}

/// The note editor.
pub fn note(editor: &TextArea<'static>, frame: &mut Frame<'_>) {
    let rect = centred(frame.area(), 64, 12);
    frame.render_widget(Clear, rect);
    frame.render_widget(editor, rect);
}

/// A note editor for the annotation described by `target`, holding `note`.
pub fn note_editor(note: &str, target: &str, keymap: &crate::keymap::Keymap) -> TextArea<'static> {
    let mut editor = TextArea::new(note.lines().map(str::to_string).collect());
    // The title names what the note is on; the keys go along the bottom edge, so neither
    // is cut in the 64 columns of the box.
    let target = ellipsize(&clean(target), 48);
    editor.set_block(
        Block::default()
            .borders(Borders::ALL)
            .title(format!(" Note on {target} "))
            .title_bottom(format!(
                " {} saves · {} discards ",
                keymap.hint(Layer::Note, Action::SaveNote),
                keymap.hint(Layer::Note, Action::DiscardNote)
            )),
    );
    // Long lines wrap at words (inside a word longer than the box), never scroll sideways.
    editor.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    editor.set_cursor_line_style(Style::new());
    editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
    editor.move_cursor(ratatui_textarea::CursorMove::End);
    editor
}
