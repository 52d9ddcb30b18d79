//! Background work. Everything slow (fetching a page or feeds, opening a long article,
//! searching the library) runs on a worker thread and reports on one channel, the same one
//! that carries the terminal's input, so that one loop waits on keys and results together
//! (gitui's `Select` over channels). The status bar shows a spinner and the bytes read;
//! cancelling sets a flag the worker checks, and a result that arrives after it is dropped.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use crate::document::Document;
use crate::library::{ArticleMeta, Hit};
use crate::open::{OpenError, Opened};
use crate::web::document::PageError;

/// Spinner frames, one per tick.
pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// What the loop waits for: the terminal's input, or a worker's result.
#[derive(Debug)]
pub enum Event {
    /// A key, a paste, the mouse or a resize.
    Input(crossterm::event::Event),
    /// A worker finished.
    Done {
        /// Which job (see [`Work::start`]).
        job: u64,
        /// What it produced.
        output: Output,
    },
    /// The writer of annotation files finished a save (see [`super::saver`]).
    Saved,
    /// A reader's panel was built (see [`super::panel_builder`]).
    Panel(Box<Built>),
}

/// What a worker produces.
#[derive(Debug)]
pub enum Output {
    /// What the command line named, fetched.
    Opened(Box<Result<Opened, OpenError>>),
    /// A fetched page of a feed item; the feed's summary to show instead when the fetch
    /// failed.
    Article(
        Box<Result<Document, PageError>>,
        ArticleMeta,
        Option<Box<Document>>,
    ),
    /// Fetched feeds: their positions and bytes.
    Feeds(Vec<(usize, Result<Vec<u8>, OpenError>)>),
    /// An article opened (read, split and detected), with where to put the cursor and
    /// whether it holds the lock.
    Session(
        Box<Result<crate::session::Session, crate::session::OpenError>>,
        ArticleMeta,
        Option<usize>,
        bool,
    ),
    /// The suggestions of an article opened before they were detected: the session's id,
    /// the suggestions (`None`: cancelled) and what to tell the user.
    Detected(
        u64,
        Box<Result<crate::session::open::Detected, crate::session::OpenError>>,
    ),
    /// What a search of the library found (the query as typed).
    Search(String, Result<Vec<Hit>, crate::library::SearchError>),
    /// The worker stopped without a result (it panicked).
    Lost,
}

/// A panel built.
#[derive(Debug)]
pub struct Built {
    /// The session it is for.
    pub session: u64,
    /// Which of the reader's panels.
    pub generation: u64,
    /// The suggestions rebuilt with the learned names (when they had changed) and the rows;
    /// `None` when the builder failed (it panicked): the reader then builds the panel
    /// itself.
    pub panel: Option<(
        Option<Arc<crate::session::Suggestions>>,
        Vec<crate::tui::panel::PanelItem>,
    )>,
}

/// The job running now.
#[derive(Debug)]
pub struct Running {
    /// Its number.
    pub id: u64,
    /// What is being done, for the status bar ("fetching https://…").
    pub what: String,
    /// How many screens were open when it started: an article it opens is shown only if the
    /// user is still on that screen (not in another article opened meanwhile).
    pub depth: usize,
    read: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
    /// The bytes the job goes through, when known (its status then says how far it is).
    total: u64,
}

impl Running {
    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// How far the job is, when it knows how much it goes through.
    pub fn percent(&self) -> Option<u64> {
        (self.total > 0).then(|| (self.bytes_read() * 100 / self.total).min(100))
    }

    /// The status line: [`Running::progress`], then how to cancel.
    pub fn status(&self, tick: usize) -> String {
        format!("{} · Esc cancels", self.progress(tick))
    }

    /// Spinner, what is being done, and how far it is (the percentage, or the bytes read
    /// once there are some).
    pub fn progress(&self, tick: usize) -> String {
        let spinner = SPINNER[tick % SPINNER.len()];
        if let Some(percent) = self.percent() {
            return format!("{spinner} {} {percent}%", self.what);
        }
        match self.bytes_read() {
            0 => format!("{spinner} {}", self.what),
            n => format!("{spinner} {} · {} read", self.what, human_bytes(n)),
        }
    }
}

/// The channel every event comes through, and the job running, if any (one at a time).
#[derive(Debug)]
pub struct Work {
    sender: Sender<Event>,
    receiver: Receiver<Event>,
    running: Option<Running>,
    next_id: u64,
}

impl Default for Work {
    fn default() -> Self {
        let (sender, receiver) = mpsc::channel();
        Self {
            sender,
            receiver,
            running: None,
            next_id: 0,
        }
    }
}

impl Work {
    /// Where the terminal's input is sent (the loop's input thread).
    pub fn sender(&self) -> Sender<Event> {
        self.sender.clone()
    }

    /// The job running now.
    pub fn running(&self) -> Option<&Running> {
        self.running.as_ref()
    }

    /// True while a job runs.
    pub fn busy(&self) -> bool {
        self.running.is_some()
    }

    /// Starts `work` on a new thread, told how to report the bytes read so far and given
    /// the cancel flag; `depth` is the number of screens open.
    pub fn start(
        &mut self,
        what: String,
        depth: usize,
        work: impl FnOnce(&dyn Fn(u64), &AtomicBool) -> Output + Send + 'static,
    ) {
        self.start_counted(what, depth, 0, work);
    }

    /// [`Work::start`] for a job that goes through `total` bytes (reported by its progress
    /// calls), so that its status says how far it is.
    pub fn start_counted(
        &mut self,
        what: String,
        depth: usize,
        total: u64,
        work: impl FnOnce(&dyn Fn(u64), &AtomicBool) -> Output + Send + 'static,
    ) {
        self.cancel();
        self.next_id += 1;
        let id = self.next_id;
        let read = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        {
            let (read, cancel, done) = (read.clone(), cancel.clone(), self.sender.clone());
            std::thread::spawn(move || {
                super::priority::lower_this_thread(super::priority::Nice::Worker);
                let report = |n| read.store(n, Ordering::Relaxed);
                let output = std::panic::catch_unwind(AssertUnwindSafe(|| work(&report, &cancel)))
                    .unwrap_or(Output::Lost);
                // The loop is gone when gloss is ending.
                let _ = done.send(Event::Done { job: id, output });
            });
        }
        self.running = Some(Running {
            id,
            what,
            depth,
            read,
            cancel,
            total,
        });
    }

    /// Asks the running job to stop; its result will not be used. True if one ran.
    pub fn cancel(&mut self) -> bool {
        match self.running.take() {
            Some(running) => {
                running.cancel.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    /// The next event within `timeout`: input, or the running job's result with the job
    /// (results of cancelled jobs are dropped). `None` when nothing came.
    pub fn next(&mut self, timeout: Duration) -> Option<Received> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.receiver.recv_timeout(left) {
                Ok(event) => {
                    if let Some(received) = self.accept(event) {
                        return Some(received);
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// Waits for the running job's result (for `gloss screen` and tests, which have no
    /// terminal input); input that arrives meanwhile is dropped.
    pub fn wait(&mut self) -> Option<(Running, Output)> {
        while self.running.is_some() {
            let event = self.receiver.recv().ok()?;
            if let Some(Received::Done(running, output)) = self.accept(event) {
                return Some((running, output));
            }
        }
        None
    }

    fn accept(&mut self, event: Event) -> Option<Received> {
        match event {
            Event::Input(input) => Some(Received::Input(input)),
            Event::Done { job, output } => match &self.running {
                Some(running) if running.id == job => {
                    let running = self.running.take()?;
                    Some(Received::Done(running, output))
                }
                _ => None,
            },
            Event::Saved => Some(Received::Saved),
            Event::Panel(built) => Some(Received::Panel(built)),
        }
    }
}

/// An event the loop acts on.
#[derive(Debug)]
pub enum Received {
    /// The terminal's input.
    Input(crossterm::event::Event),
    /// The running job finished.
    Done(Running, Output),
    /// A reader's panel was built.
    Panel(Box<Built>),
    /// A save was written (or failed).
    Saved,
}

/// "12.3 KB", "812 B".
pub fn human_bytes(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reports_progress_and_its_result() {
        let mut work = Work::default();
        work.start("searching".into(), 0, |progress, _| {
            progress(1500);
            Output::Search("x".into(), Ok(Vec::new()))
        });
        assert!(work.busy());
        let (running, output) = work.wait().expect("a result");
        assert_eq!(running.what, "searching");
        assert!(matches!(output, Output::Search(query, _) if query == "x"));
        assert!(!work.busy());
        assert_eq!(human_bytes(1500), "1.5 KB");
        assert_eq!(human_bytes(12), "12 B");
    }

    #[test]
    fn a_cancelled_job_sees_the_flag_and_its_result_is_dropped() {
        let (go, wait) = mpsc::channel::<()>();
        let (seen, saw) = mpsc::channel();
        let mut work = Work::default();
        work.start("waiting".into(), 0, move |_, cancel| {
            wait.recv().unwrap();
            seen.send(cancel.load(Ordering::Relaxed)).unwrap();
            Output::Lost
        });
        assert!(work.cancel());
        go.send(()).unwrap();
        assert!(saw.recv().unwrap());
        assert!(work.next(Duration::from_millis(200)).is_none());
    }

    #[test]
    fn input_and_results_come_through_one_channel() {
        let mut work = Work::default();
        let input = work.sender();
        input
            .send(Event::Input(crossterm::event::Event::FocusGained))
            .unwrap();
        assert!(matches!(
            work.next(Duration::from_millis(200)),
            Some(Received::Input(crossterm::event::Event::FocusGained))
        ));
        work.start("panicking".into(), 0, |_, _| panic!("a worker's bug"));
        match work.next(Duration::from_secs(5)) {
            Some(Received::Done(_, Output::Lost)) => {}
            other => panic!("expected a lost job, got {other:?}"),
        }
    }
}
