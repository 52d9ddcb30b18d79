//! Long work before an article can be shown (fetching a page) runs on a worker thread while
//! the screen shows a spinner and the bytes read so far; Esc cancels at once.

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::style;
use crate::document::{Document, web};
use crate::text::clean::clean;
use crate::text::width::ellipsize;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// Fetches the article at `url`, showing progress on the terminal (or nothing when standard
/// output is not one). Esc, q or Ctrl-C cancel.
pub fn fetch(url: &str) -> Result<Document, String> {
    if !io::stdout().is_terminal() {
        return web::fetch(url, &|_| {}, &AtomicBool::new(false));
    }
    let read = Arc::new(AtomicU64::new(0));
    let cancel = Arc::new(AtomicBool::new(false));
    let (done, result) = mpsc::channel();
    {
        let (url, read, cancel) = (url.to_string(), read.clone(), cancel.clone());
        std::thread::spawn(move || {
            let fetched = web::fetch(&url, &|n| read.store(n, Ordering::Relaxed), &cancel);
            let _ = done.send(fetched);
        });
    }
    let mut terminal = ratatui::try_init().map_err(|e| e.to_string())?;
    let outcome = wait(&mut terminal, url, &read, &cancel, &result);
    ratatui::restore();
    outcome
}

fn wait(
    terminal: &mut ratatui::DefaultTerminal,
    url: &str,
    read: &AtomicU64,
    cancel: &AtomicBool,
    result: &mpsc::Receiver<Result<Document, String>>,
) -> Result<Document, String> {
    let shown_url = clean(url).into_owned();
    for tick in 0usize.. {
        match result.try_recv() {
            Ok(outcome) => return outcome,
            Err(mpsc::TryRecvError::Disconnected) => return Err(format!("{url}: fetch failed")),
            Err(mpsc::TryRecvError::Empty) => {}
        }
        let bytes = read.load(Ordering::Relaxed);
        terminal
            .draw(|frame| {
                let area = frame.area();
                let width = usize::from(area.width);
                let middle = Rect::new(area.x, area.y + area.height / 2, area.width, 1);
                let line = format!("{} Fetching {shown_url}", SPINNER[tick % SPINNER.len()]);
                frame.render_widget(Paragraph::new(Line::from(ellipsize(&line, width))), middle);
                if area.height > 2 {
                    let status = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
                    let text = format!(" {} read · Esc cancels", human_bytes(bytes));
                    frame.render_widget(
                        Paragraph::new(Line::from(ellipsize(&text, width))).style(style::STATUS),
                        status,
                    );
                }
            })
            .map_err(|e| e.to_string())?;
        if event::poll(Duration::from_millis(100)).map_err(|e| e.to_string())?
            && let Event::Key(key) = event::read().map_err(|e| e.to_string())?
            && key.kind != KeyEventKind::Release
            && (matches!(key.code, KeyCode::Esc | KeyCode::Char('q'))
                || (key.code == KeyCode::Char('c')
                    && key.modifiers.contains(KeyModifiers::CONTROL)))
        {
            // The worker sees the flag at its next read; its result is no longer wanted.
            cancel.store(true, Ordering::Relaxed);
            return Err(format!("{url}: cancelled"));
        }
    }
    unreachable!("the loop returns")
}

/// "12.3 KB", "812 B".
fn human_bytes(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}
