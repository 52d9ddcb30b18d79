//! The event loop on a real terminal, and restoring the terminal on every exit, panics
//! included.

use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind,
};
use crossterm::execute;

use super::shell::Shell;
use super::view;

/// Runs gloss's screens until the user quits. The terminal is restored however this returns.
pub fn run(shell: &mut Shell) -> io::Result<()> {
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "standard output is not a terminal (use `gloss screen` to print a screen as text)",
        ));
    }
    #[cfg(unix)]
    super::fatal::remember_terminal();
    let mut terminal = ratatui::try_init()?;
    #[cfg(unix)]
    super::fatal::install();
    // ratatui's panic hook restores the terminal; a note being typed is kept as a draft.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        super::pending_note::save_to_disk();
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        hook(info);
    }));
    // Pasted text arrives as one event, never as keys (see `Shell::handle_paste`).
    execute!(io::stdout(), EnableBracketedPaste)?;
    let mouse = shell.ctx.config.reader.mouse;
    if mouse {
        // ratatui's panic hook restores the screen; mouse capture must be undone too.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            hook(info);
        }));
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    // SIGTERM or SIGHUP (a closed terminal window, `kill`) end gloss like q does, so the
    // terminal is restored; every change is already saved.
    let stop = super::hangup::stop_flag()?;
    let result = event_loop(&mut terminal, shell, &stop);
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    shell: &mut Shell,
    stop: &AtomicBool,
) -> io::Result<()> {
    let no_colour = super::style::no_colour();
    // Colours are taken out of each frame here; crossterm must write what is left as it is.
    crossterm::style::force_color_output(true);
    spawn_input_thread(shell.work.sender());
    // A key never waits for a save, nor for the panel to be built again (see
    // `Shell::save_in_background`, `Shell::build_panels_in_background`).
    shell.save_in_background();
    shell.build_panels_in_background();
    loop {
        terminal.draw(|frame| {
            shell.prepare(frame.area());
            view::draw_shell(shell, frame);
            if no_colour {
                super::style::strip_colour(frame.buffer_mut());
            }
        })?;
        // The library's bookkeeping for an article named on the command line (its entry,
        // its copy) waits until the first frame is on screen.
        shell.start();
        if shell.quit {
            return Ok(());
        }
        // One wait for input and background results together, waking up now and then to
        // notice a signal, and often while work runs so that its spinner turns.
        let wait = match shell.work.busy() {
            true => Duration::from_millis(100),
            false => Duration::from_millis(200),
        };
        match shell.next_input(wait) {
            Some(Event::Key(key)) if key.kind != KeyEventKind::Release => shell.handle_key(key),
            Some(Event::Mouse(mouse)) => shell.handle_mouse(mouse),
            Some(Event::Paste(text)) => shell.handle_paste(&text),
            Some(_) => {}
            None if shell.work.busy() => shell.tick += 1,
            None => {}
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
    }
}

/// Reads the terminal's input on a thread of its own and sends it to the loop's channel;
/// it ends when the loop is gone or the terminal cannot be read.
fn spawn_input_thread(events: std::sync::mpsc::Sender<super::shell::work::Event>) {
    std::thread::spawn(move || {
        while let Ok(event) = event::read() {
            if events
                .send(super::shell::work::Event::Input(event))
                .is_err()
            {
                break;
            }
        }
    });
}
