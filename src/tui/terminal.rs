//! The event loop on a real terminal, and restoring the terminal on every exit, panics
//! included.

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;

use super::app::{App, Mode};
use super::update;
use super::{input, view};

/// Runs the reader until the user quits. The terminal is restored however this returns.
pub fn run(app: &mut App) -> io::Result<()> {
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "standard output is not a terminal (use `gloss screen` to print a screen as text)",
        ));
    }
    let mut terminal = ratatui::try_init()?;
    let mouse = app.config.reader.mouse;
    if mouse {
        // ratatui's panic hook restores the screen; mouse capture must be undone too.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            hook(info);
        }));
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    // SIGTERM or SIGHUP (a closed terminal window, `kill`) end the reader like q does, so
    // the terminal is restored; every change is already saved.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, stop.clone())?;
    }
    let result = event_loop(&mut terminal, app, &stop);
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
) -> io::Result<()> {
    loop {
        terminal.draw(|frame| {
            app.prepare(frame.area());
            view::draw(app, frame);
        })?;
        if app.quit {
            return Ok(());
        }
        // Wake up now and then to notice a signal.
        while !event::poll(Duration::from_millis(200))? {
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
        }
        let effects = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => update::handle_key(app, key),
            Event::Mouse(mouse) => {
                input::handle_mouse(app, mouse);
                Vec::new()
            }
            Event::Paste(text) => {
                if let Mode::Note { editor, .. } = &mut app.mode {
                    editor.insert_str(crate::text::clean::clean(&text));
                }
                Vec::new()
            }
            _ => Vec::new(),
        };
        for effect in effects {
            update::perform(app, effect);
        }
    }
}
