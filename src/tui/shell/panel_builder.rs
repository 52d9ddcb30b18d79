//! Building a reader's side panel off the UI thread. After a change the reader hands a
//! snapshot of its session to one builder thread, which rebuilds the suggestions when the
//! learned names changed, builds the panel's rows from them, and reports on the loop's
//! channel. Only the newest snapshot waiting is built: those it replaced are dropped, as
//! the reader would drop their rows anyway (see [`crate::tui::app::App::take_panel`]).

use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{self, Receiver, Sender};

use super::work::{Built, Event};
use crate::session::Snapshot;
use crate::tui::panel;

/// A panel to build.
#[derive(Debug)]
pub struct Job {
    /// The session it is for ([`crate::session::Session::id`]).
    pub session: u64,
    /// Which of the reader's panels ([`crate::tui::app::App::panel_pending`]).
    pub generation: u64,
    /// The session as it was.
    pub snapshot: Snapshot,
}

/// The builder thread.
#[derive(Debug)]
pub struct PanelBuilder {
    jobs: Sender<Job>,
}

impl PanelBuilder {
    /// Starts the builder; it reports each panel through `done`. It ends with the
    /// builder.
    pub fn start(done: Sender<Event>) -> PanelBuilder {
        let (jobs, waiting) = mpsc::channel();
        std::thread::spawn(move || {
            super::priority::lower_this_thread(super::priority::Nice::Idle);
            build_loop(&waiting, &done)
        });
        PanelBuilder { jobs }
    }

    /// Hands `job` to the builder.
    pub fn submit(&self, job: Job) {
        // The builder is gone only if it panicked outside a build: the reader's next key
        // builds the panel itself (the panel is still pending).
        let _ = self.jobs.send(job);
    }
}

fn build_loop(waiting: &Receiver<Job>, done: &Sender<Event>) {
    while let Ok(mut job) = waiting.recv() {
        // Only the newest waiting is worth building.
        while let Ok(newer) = waiting.try_recv() {
            job = newer;
        }
        let Job {
            session,
            generation,
            mut snapshot,
        } = job;
        let panel = std::panic::catch_unwind(AssertUnwindSafe(|| {
            let suggestions = snapshot.rebuild_suggestions();
            (suggestions, panel::build(snapshot.annotated()))
        }))
        .ok();
        // Let go of the session's annotations before the reader hears of the panel: a
        // change it makes while they are still held here copies them.
        drop(snapshot);
        let built = Built {
            session,
            generation,
            panel,
        };
        if done.send(Event::Panel(Box::new(built))).is_err() {
            return;
        }
    }
}
