//! One frame drawn to plain text, without a terminal: for `gloss screen`, the README and
//! tests.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::app::App;
use super::view;

/// Draws one frame of `width` x `height` with `draw` and returns the buffer.
fn render_with(width: u16, height: u16, draw: impl FnOnce(&mut ratatui::Frame<'_>)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(draw)
        .expect("drawing to a test backend cannot fail");
    terminal.backend().buffer().clone()
}

/// Draws the reader at `width` x `height` and returns the buffer.
pub fn render(app: &mut App, width: u16, height: u16) -> Buffer {
    render_with(width, height, |frame| {
        app.prepare(frame.area());
        view::draw(app, frame);
    })
}

/// The buffer's text, one line per row, trailing spaces removed.
pub fn to_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.y..area.y + area.height {
        let mut line = String::new();
        let mut x = area.x;
        while x < area.x + area.width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            let width = crate::text::width::text_width(symbol).max(1);
            x += width as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Draws the reader and returns the screen as text.
pub fn render_text(app: &mut App, width: u16, height: u16) -> String {
    to_text(&render(app, width, height))
}

/// Draws the top screen of `shell` at `width` x `height` and returns the buffer.
pub fn render_shell(shell: &mut super::Shell, width: u16, height: u16) -> Buffer {
    render_with(width, height, |frame| {
        shell.prepare(frame.area());
        view::draw_shell(shell, frame);
    })
}

/// Draws the top screen of `shell` and returns it as text.
pub fn render_shell_text(shell: &mut super::Shell, width: u16, height: u16) -> String {
    to_text(&render_shell(shell, width, height))
}
