//! Whole screens as text snapshots (insta) at 120x40 and 40x12, and highlight styles checked
//! on the buffer (a text snapshot has no colours).

use crate::common;

use common::*;
use gloss::tui::App;
use gloss::tui::screen::{render, render_text};
use ratatui::style::{Color, Modifier};

/// The screen with the temporary folder written as a fixed path.
fn screen(app: &mut App, root: &std::path::Path, width: u16, height: u16) -> String {
    render_text(app, width, height).replace(&root.display().to_string(), "/tmp/T")
}

/// The sample, with its data folder under `root` (the status bar shows /tmp/T/data/...).
fn sample_in(root: &std::path::Path) -> App {
    open_sample(root)
}

#[test]
fn sample_opened() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_in(dir.path());
    insta::assert_snapshot!("sample_120x40", screen(&mut app, dir.path(), 120, 40));
    insta::assert_snapshot!("sample_40x12", screen(&mut app, dir.path(), 40, 12));
}

#[test]
fn sample_after_tagging_a_claim_with_its_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_in(dir.path());
    // Second sentence: accept its suggestions (actors, the claim and its speaker) at once.
    press(&mut app, "j Y");
    // And tag the next sentence's claim by hand, with the speaker picker.
    press(&mut app, "j c");
    insta::assert_snapshot!(
        "speaker_picker_120x40",
        screen(&mut app, dir.path(), 120, 40)
    );
    press(&mut app, "enter");
    insta::assert_snapshot!("tagged_120x40", screen(&mut app, dir.path(), 120, 40));
    insta::assert_snapshot!("tagged_40x12", screen(&mut app, dir.path(), 40, 12));
}

#[test]
fn help_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_in(dir.path());
    press(&mut app, "?");
    insta::assert_snapshot!("help_120x40", screen(&mut app, dir.path(), 120, 40));
    insta::assert_snapshot!("help_40x12", screen(&mut app, dir.path(), 40, 12));
}

#[test]
fn highlights_have_their_styles() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(
        dir.path(),
        "Title\n\nPutin said it was fruitful. Xi agreed.",
    );
    press(&mut app, "j a p");
    press(&mut app, "c 0");
    press(&mut app, "j");
    let buffer = render(&mut app, 120, 40);
    let cell = |needle: &str| {
        let text = gloss::tui::screen::to_text(&buffer);
        let (row, line) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(needle))
            .unwrap();
        let column = unicode_width::UnicodeWidthStr::width(&line[..line.find(needle).unwrap()]);
        buffer[(column as u16, row as u16)].clone()
    };
    // A confirmed Person: black on light cyan, bold.
    let putin = cell("Putin said");
    assert_eq!(putin.bg, Color::LightCyan);
    assert_eq!(putin.fg, Color::Black);
    assert!(putin.modifier.contains(Modifier::BOLD));
    // A confirmed claim: yellow italic.
    let said = cell("said");
    assert_eq!(said.fg, Color::Yellow);
    assert!(said.modifier.contains(Modifier::ITALIC));
    // The current sentence (the second) has the margin marker; the first does not.
    let text = gloss::tui::screen::to_text(&buffer);
    let line = text.lines().find(|l| l.contains("Putin said")).unwrap();
    assert!(line.starts_with("▌ "), "{line}");
    // The cursor is on the first grapheme of the current sentence: reversed.
    let xi = cell("Xi agreed");
    assert!(xi.modifier.contains(Modifier::REVERSED));
}

#[test]
fn suggestions_look_different_from_confirmed_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_in(dir.path());
    let buffer = render(&mut app, 120, 40);
    let text = gloss::tui::screen::to_text(&buffer);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Russian President Vladimir Putin"))
        .unwrap();
    let column = unicode_width::UnicodeWidthStr::width(&line[..line.find("Vladimir").unwrap()]);
    let cell = &buffer[(column as u16, row as u16)];
    assert!(cell.modifier.contains(Modifier::UNDERLINED), "{cell:?}");
    assert_eq!(cell.fg, Color::LightCyan);
    assert_ne!(cell.bg, Color::LightCyan);
}
