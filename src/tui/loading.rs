//! Long work before anything can be shown (fetching what the command line names) runs on a
//! worker thread while the screen shows a spinner and the bytes read so far; Esc cancels at
//! once.

use std::io::{self, IsTerminal};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::job::Job;
use super::style;
use crate::text::clean::clean;
use crate::text::width::ellipsize;

/// Runs `work` (told how to report bytes read, and the cancel flag), showing `what` with a
/// spinner on the terminal, or nothing when standard output is not one. Esc, q or Ctrl-C
/// cancel: the result is then `Err("cancelled")`.
pub fn run<T: Send + 'static>(
    what: &str,
    work: impl FnOnce(&dyn Fn(u64), &AtomicBool) -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    if !io::stdout().is_terminal() {
        return work(&|_| {}, &AtomicBool::new(false));
    }
    let stop = super::hangup::stop_flag().map_err(|e| e.to_string())?;
    let job = Job::spawn(clean(what).into_owned(), work);
    #[cfg(unix)]
    super::fatal::remember_terminal();
    let mut terminal = ratatui::try_init().map_err(|e| e.to_string())?;
    #[cfg(unix)]
    super::fatal::install();
    let outcome = wait(&mut terminal, job, &stop);
    ratatui::restore();
    outcome
}

fn wait<T>(
    terminal: &mut ratatui::DefaultTerminal,
    job: Job<Result<T, String>>,
    stop: &AtomicBool,
) -> Result<T, String> {
    let lost = || Err(format!("{}: stopped without a result", job.what));
    crossterm::style::force_color_output(true);
    for tick in 0usize.. {
        if let Some(outcome) = job.poll(lost) {
            return outcome;
        }
        terminal
            .draw(|frame| {
                let area = frame.area();
                let width = usize::from(area.width);
                let middle = Rect::new(area.x, area.y + area.height / 2, area.width, 1);
                let line = job.status(tick);
                frame.render_widget(Paragraph::new(Line::from(ellipsize(&line, width))), middle);
                if area.height > 2 {
                    let status = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
                    frame.render_widget(
                        Paragraph::new(Line::from(ellipsize(" Esc cancels", width)))
                            .style(style::STATUS),
                        status,
                    );
                }
                if style::no_colour() {
                    style::strip_colour(frame.buffer_mut());
                }
            })
            .map_err(|e| e.to_string())?;
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            job.cancel();
            return Err("stopped by a signal".into());
        }
        if event::poll(Duration::from_millis(100)).map_err(|e| e.to_string())?
            && let Event::Key(key) = event::read().map_err(|e| e.to_string())?
            && key.kind != KeyEventKind::Release
            && (matches!(key.code, KeyCode::Esc | KeyCode::Char('q'))
                || (key.code == KeyCode::Char('c')
                    && key.modifiers.contains(KeyModifiers::CONTROL)))
        {
            let what = job.what.clone();
            // The worker sees the flag at its next read; its result is no longer wanted.
            job.cancel();
            return Err(format!("cancelled {what}"));
        }
    }
    unreachable!("the loop returns")
}
