//! Colours and text styles of the reader, from the config's label colours.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{Colour, Config};

/// Whether the user asked for no colour (the NO_COLOR convention: set and not empty).
pub fn no_colour() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Takes the colours out of a drawn frame for NO_COLOR, keeping every other attribute: bold,
/// italic, underline and dim stay, and a background colour (a tagged name, the status bar,
/// a search match) becomes reverse video, so nothing that colour set apart runs together.
///
/// (crossterm's own NO_COLOR handling writes a reset in place of each colour, which would
/// take the attributes with it; the shell turns it off and calls this instead.)
pub fn strip_colour(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        // Toggled, not set: the cursor (reverse video) on a tagged name (a background
        // colour) must still stand out from the name around it.
        if cell.bg != Color::Reset {
            cell.modifier.toggle(Modifier::REVERSED);
        }
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}

/// The terminal colour of a config colour.
pub fn colour(c: Colour) -> Color {
    match c {
        Colour::Black => Color::Black,
        Colour::Red => Color::Red,
        Colour::Green => Color::Green,
        Colour::Yellow => Color::Yellow,
        Colour::Blue => Color::Blue,
        Colour::Magenta => Color::Magenta,
        Colour::Cyan => Color::Cyan,
        Colour::Gray => Color::Gray,
        Colour::DarkGray => Color::DarkGray,
        Colour::LightRed => Color::LightRed,
        Colour::LightGreen => Color::LightGreen,
        Colour::LightYellow => Color::LightYellow,
        Colour::LightBlue => Color::LightBlue,
        Colour::LightMagenta => Color::LightMagenta,
        Colour::LightCyan => Color::LightCyan,
        Colour::White => Color::White,
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
        Colour::Indexed(i) => Color::Indexed(i),
    }
}

/// The colour of label `name` (gray for a label the config no longer has).
pub fn label_colour(config: &Config, name: &str) -> Color {
    config.label(name).map_or(Color::Gray, |l| colour(l.colour))
}

/// A confirmed entity: black on the label colour, bold (bold survives without colour).
pub fn confirmed_entity(config: &Config, label: &str) -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(label_colour(config, label))
        .add_modifier(Modifier::BOLD)
}

/// A suggested entity: the label colour, underlined, so it reads as "not yet yours".
pub fn suggested_entity(config: &Config, label: &str) -> Style {
    Style::new()
        .fg(label_colour(config, label))
        .add_modifier(Modifier::UNDERLINED)
}

/// A confirmed claim: text in the claim colour, italic.
pub fn confirmed_claim(config: &Config, label: &str) -> Style {
    Style::new()
        .fg(label_colour(config, label))
        .add_modifier(Modifier::ITALIC)
}

/// A suggested claim: dim claim colour.
pub fn suggested_claim(config: &Config, label: &str) -> Style {
    Style::new()
        .fg(label_colour(config, label))
        .add_modifier(Modifier::DIM)
}

/// A search match.
pub const SEARCH_MATCH: Style = Style::new().fg(Color::Black).bg(Color::LightYellow);
/// The grapheme under the cursor and the selection.
pub const CURSOR: Style = Style::new().add_modifier(Modifier::REVERSED);
/// The current-sentence marker in the margin.
pub const SENTENCE_MARKER: Style = Style::new().fg(Color::Yellow);
/// Section headers and the title.
pub const HEADING: Style = Style::new().add_modifier(Modifier::BOLD);
/// Secondary text.
pub const DIM: Style = Style::new().fg(Color::DarkGray);
/// The status bar.
pub const STATUS: Style = Style::new().fg(Color::Black).bg(Color::Gray);
/// The mode badge in the status bar.
pub const MODE: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
/// The selected panel row.
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
