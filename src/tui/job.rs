//! Work that must not freeze the screen (fetching a page or a feed) runs on a worker thread.
//! The screen shows a spinner and the bytes read so far; cancelling sets a flag the worker
//! checks at each read and drops the result.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;

/// Spinner frames, one per tick.
pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// A piece of work running on a worker thread, producing a `T`.
#[derive(Debug)]
pub struct Job<T> {
    /// What is being done, for the status bar ("fetching https://…").
    pub what: String,
    read: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
    result: mpsc::Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread. It is given a function to report the bytes read so far
    /// and the cancel flag.
    pub fn spawn(
        what: String,
        work: impl FnOnce(&dyn Fn(u64), &AtomicBool) -> T + Send + 'static,
    ) -> Self {
        let read = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (done, result) = mpsc::channel();
        {
            let (read, cancel) = (read.clone(), cancel.clone());
            std::thread::spawn(move || {
                let output = work(&|n| read.store(n, Ordering::Relaxed), &cancel);
                // The receiver is gone when the job was cancelled.
                let _ = done.send(output);
            });
        }
        Self {
            what,
            read,
            cancel,
            result,
        }
    }
}

impl<T> Job<T> {
    /// The result when the work is done; `None` while it runs. A worker that died without
    /// a result gives `Some(Err(..))` through `lost`.
    pub fn poll(&self, lost: impl FnOnce() -> T) -> Option<T> {
        match self.result.try_recv() {
            Ok(output) => Some(output),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(lost()),
        }
    }

    /// Waits for the result (for `gloss screen` and tests, which have no screen to keep alive).
    pub fn wait(self, lost: impl FnOnce() -> T) -> T {
        self.result.recv().unwrap_or_else(|_| lost())
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// Asks the worker to stop; its result will not be used.
    pub fn cancel(self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The status line: spinner, what is being done, bytes read (once there are some).
    pub fn status(&self, tick: usize) -> String {
        let spinner = SPINNER[tick % SPINNER.len()];
        match self.bytes_read() {
            0 => format!("{spinner} {} · Esc cancels", self.what),
            n => format!(
                "{spinner} {} · {} read · Esc cancels",
                self.what,
                human_bytes(n)
            ),
        }
    }
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
        let job = Job::spawn("counting".into(), |progress, _| {
            progress(1500);
            42
        });
        assert_eq!(job.wait(|| 0), 42);
        assert_eq!(human_bytes(1500), "1.5 KB");
        assert_eq!(human_bytes(12), "12 B");
    }

    #[test]
    fn a_cancelled_job_sees_the_flag() {
        let (go, wait) = mpsc::channel::<()>();
        let (seen, saw) = mpsc::channel();
        let job = Job::spawn("waiting".into(), move |_, cancel| {
            wait.recv().unwrap();
            seen.send(cancel.load(Ordering::Relaxed)).unwrap();
        });
        job.cancel();
        go.send(()).unwrap();
        assert!(saw.recv().unwrap());
    }
}
