//! The view: draws the reader from its state. It changes nothing; the layout it draws was
//! worked out by [`App::prepare`](super::app::App::prepare) before the frame.

mod article;
pub mod list;
pub mod overlay;
mod panel;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::{App, MIN_HEIGHT, MIN_WIDTH, Mode};
use super::shell::{Screen, Shell};

/// Draws the top screen of the shell.
pub fn draw_shell(shell: &Shell, frame: &mut Frame<'_>) {
    let area = frame.area();
    match shell.screens.last() {
        Some(Screen::Reader(reading)) => draw(&reading.app, frame),
        Some(_) if area.width < MIN_WIDTH || area.height < MIN_HEIGHT => too_small(frame),
        Some(Screen::Library(view)) => list::draw_library(shell, view, frame),
        Some(Screen::Feed(view)) => list::draw_feed(shell, view, frame),
        None => match shell.preview() {
            Some(app) => preview(shell, app, frame),
            None => waiting(shell, frame),
        },
    }
}

/// The start of a long article, drawn as its reader will show it while the whole of it is
/// read; the status bar says so (the reader's counts and places are not known yet).
fn preview(shell: &Shell, app: &App, frame: &mut Frame<'_>) {
    draw(app, frame);
    let area = app.geometry.status;
    if app.geometry.too_small || area.height == 0 {
        return;
    }
    let width = usize::from(area.width);
    let buf = frame.buffer_mut();
    for y in area.y..area.y + area.height {
        buf.set_stringn(area.x, y, " ".repeat(width), width, super::style::STATUS);
    }
    let spinner = shell
        .work
        .running()
        .map(|job| job.progress(shell.tick))
        .unwrap_or_default();
    buf.set_stringn(area.x, area.y, " OPENING ", width, super::style::MODE);
    let mode_width = crate::text::width::text_width(" OPENING ");
    let name = match &app.session.doc.source {
        crate::document::Source::File(path) => status::file_name(path),
        _ => app.session.doc.title.clone(),
    };
    let info = crate::text::clean::clean(&format!(" {name} │ {spinner}")).into_owned();
    buf.set_stringn(
        area.x + mode_width as u16,
        area.y,
        crate::text::width::ellipsize(&info, width.saturating_sub(mode_width)),
        width.saturating_sub(mode_width),
        super::style::STATUS,
    );
    if area.height > 1 {
        buf.set_stringn(
            area.x,
            area.y + 1,
            crate::text::width::ellipsize(
                " keys wait until the article is open · Ctrl-C quits",
                width,
            ),
            width,
            ratatui::style::Style::new(),
        );
    }
}

/// What the command line named, while it is fetched or opened: a spinner and the bytes read
/// in the middle of the screen, and how to cancel at the bottom.
fn waiting(shell: &Shell, frame: &mut Frame<'_>) {
    let Some(job) = shell.work.running() else {
        return;
    };
    let area = frame.area();
    let width = usize::from(area.width);
    let line = crate::text::clean::clean(&job.status(shell.tick)).into_owned();
    let middle = Rect::new(
        area.x,
        area.y + area.height / 2,
        area.width,
        1.min(area.height),
    );
    frame.render_widget(
        Paragraph::new(Line::from(crate::text::width::ellipsize(&line, width))),
        middle,
    );
    if area.height > 2 {
        let status = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
        frame.render_widget(
            Paragraph::new(Line::from(crate::text::width::ellipsize(
                " Esc cancels",
                width,
            )))
            .style(super::style::STATUS),
            status,
        );
    }
}

/// A notice in place of a screen too small to be used.
fn too_small(frame: &mut Frame<'_>) {
    let area = frame.area();
    let notice = if area.width >= 18 {
        "terminal too small"
    } else {
        "too small"
    };
    let notice = crate::text::width::ellipsize(notice, usize::from(area.width));
    let y = area.y + area.height / 2;
    frame.render_widget(
        Paragraph::new(Line::from(notice)),
        Rect::new(area.x, y, area.width, 1.min(area.height)),
    );
}

/// Draws the reader.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let g = &app.geometry;
    if g.too_small {
        too_small(frame);
        return;
    }
    let buf = frame.buffer_mut();
    if g.article.width > 0 {
        article::draw(app, buf);
    }
    if g.panel.width > 0 {
        panel::draw(app, buf);
        if g.article.width > 0 {
            for y in g.panel.y..g.panel.y + g.panel.height {
                buf[(g.panel.x - 1, y)]
                    .set_symbol("│")
                    .set_style(super::style::DIM);
            }
        }
    }
    status::draw(app, buf);
    match &app.mode {
        Mode::Normal | Mode::SearchInput(_) | Mode::RenameActor { .. } => {}
        Mode::Help(scroll) => overlay::help(app, *scroll, frame),
        Mode::LabelPicker(target) => overlay::label_picker(app, target, frame),
        Mode::SpeakerPicker(picker) => overlay::speaker_picker(app, picker, frame),
        Mode::Note { editor, .. } => overlay::note(editor, frame),
        Mode::ExportPicker(selected) => overlay::export_picker(app, *selected, frame),
    }
}
