//! Saving off the UI thread: the readers hand their annotation files to one writer thread,
//! which writes each atomically (fsynced) and reports on the loop's channel. A save handed
//! over while an older one of the same file waits replaces it (the newest state wins), and a
//! reader's status bar says "saved ✓" only once the writer says the newest is on disk.

use std::collections::HashMap;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use super::work::Event;
use crate::annotation::store::Fingerprint;
use crate::session::{LearnedWrite, PendingSave, SaveError};

/// What the writer did with one save.
#[derive(Debug)]
pub struct Ack {
    /// The session it came from.
    pub session: u64,
    /// Which of its saves.
    pub generation: u64,
    /// The version written, or why not.
    pub result: Result<Fingerprint, SaveError>,
    /// What was done with the learned names that changed.
    pub learned: Option<LearnedWrite>,
}

#[derive(Default)]
struct State {
    /// Saves waiting, by session: the newest only.
    waiting: Vec<PendingSave>,
    /// A save is being written.
    writing: bool,
    /// What the writer did, not yet taken.
    acks: Vec<Ack>,
    /// The save the writer last wrote of each session (its generation and version), which
    /// a later save of that session expects to find on disk.
    written: HashMap<u64, (u64, Fingerprint)>,
    /// The shell is gone: the thread ends once nothing waits.
    stop: bool,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding it cannot leave the state half-changed (every change is one
        // assignment), so a poisoned lock is still good.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The writer thread and what it shares with the loop.
pub struct Saver {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Saver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Saver").finish_non_exhaustive()
    }
}

impl Saver {
    /// Starts the writer; it wakes the loop through `wake` after each save.
    pub fn start(wake: Sender<Event>) -> Saver {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        });
        let writer = shared.clone();
        std::thread::spawn(move || {
            super::priority::lower_this_thread(super::priority::Nice::Writer);
            write_loop(&writer, &wake)
        });
        Saver { shared }
    }

    /// Hands `save` to the writer, replacing a save of the same session that waits.
    pub fn submit(&self, save: PendingSave) {
        queue(&mut self.shared.lock().waiting, save);
        self.shared.changed.notify_all();
    }

    /// What the writer did since the last call.
    pub fn take_acks(&self) -> Vec<Ack> {
        std::mem::take(&mut self.shared.lock().acks)
    }

    /// True while a save waits or is being written.
    pub fn busy(&self) -> bool {
        let state = self.shared.lock();
        state.writing || !state.waiting.is_empty()
    }

    /// Waits until every save handed over is written (or has failed).
    pub fn wait_idle(&self) {
        let mut state = self.shared.lock();
        while state.writing || !state.waiting.is_empty() {
            state = self
                .shared
                .changed
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        self.wait_idle();
        self.shared.lock().stop = true;
        self.shared.changed.notify_all();
    }
}

/// Adds `save` to the saves `waiting`, in place of one of the same session (the newest
/// state wins; a save already being written is not in the list).
fn queue(waiting: &mut Vec<PendingSave>, save: PendingSave) {
    // The newer carries every learned name not yet written, the older's included.
    waiting.retain(|w| w.session != save.session);
    waiting.push(save);
}

fn write_loop(shared: &Shared, wake: &Sender<Event>) {
    loop {
        let (mut save, expected) = {
            let mut state = shared.lock();
            while state.waiting.is_empty() && !state.stop {
                state = shared
                    .changed
                    .wait(state)
                    .unwrap_or_else(|e| e.into_inner());
            }
            if state.waiting.is_empty() {
                return;
            }
            let save = state.waiting.remove(0);
            state.writing = true;
            let expected = match state.written.get(&save.session) {
                Some(&(generation, version)) if generation > save.expected_as_of => Some(version),
                _ => save.expected,
            };
            (save, expected)
        };
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| save.write(expected)))
                .unwrap_or_else(|_| {
                    Err(SaveError::Write {
                        path: save.path.clone(),
                        error: std::io::Error::other("the writer stopped"),
                    })
                });
        // The learned names after the file, and only when it was written (as a save made at
        // once does).
        let learned = save.learned(result.is_ok());
        {
            let mut state = shared.lock();
            if let Ok(version) = &result {
                state
                    .written
                    .insert(save.session, (save.generation, *version));
            }
            state.acks.push(Ack {
                session: save.session,
                generation: save.generation,
                result,
                learned,
            });
            state.writing = false;
            shared.changed.notify_all();
        }
        // The loop is gone when gloss is ending.
        let _ = wake.send(Event::Saved);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::AnnotationSet;
    use crate::document::{Document, Source};
    use crate::session::{Session, Storage, Suggestions};

    fn session(dir: &std::path::Path, name: &str) -> Session {
        let storage = Storage {
            path: dir.join(name),
            lock: None,
            read_only: None,
            drafts: None,
        };
        let doc = Document::new("Putin said so.".into(), Source::Stdin);
        Session::new(doc, AnnotationSet::new(), Suggestions::default(), storage)
    }

    #[test]
    fn a_waiting_save_is_replaced_by_a_newer_one_of_its_session_only() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, mut b) = (session(dir.path(), "a.json"), session(dir.path(), "b.json"));
        let mut waiting = Vec::new();
        queue(&mut waiting, a.save_later().unwrap());
        queue(&mut waiting, b.save_later().unwrap());
        queue(&mut waiting, a.save_later().unwrap());
        let left: Vec<(u64, u64)> = waiting.iter().map(|w| (w.session, w.generation)).collect();
        assert_eq!(left, [(b.id(), 1), (a.id(), 2)]);
    }

    #[test]
    fn saves_are_written_in_turn_and_each_is_acknowledged() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = session(dir.path(), "a.json");
        let (wake, woken) = std::sync::mpsc::channel();
        let saver = Saver::start(wake);
        for _ in 0..5 {
            saver.submit(a.save_later().unwrap());
        }
        saver.wait_idle();
        let acks = saver.take_acks();
        assert!(!acks.is_empty() && acks.len() <= 5);
        assert_eq!(
            acks.last().unwrap().generation,
            5,
            "the newest is written last"
        );
        for ack in acks {
            a.saved(ack.generation, ack.result, ack.learned).unwrap();
        }
        assert_eq!(a.save_state, crate::session::SaveState::Saved);
        assert!(
            woken
                .recv_timeout(std::time::Duration::from_secs(10))
                .is_ok()
        );
        assert!(dir.path().join("a.json").is_file());
    }

    #[test]
    fn a_save_holds_the_annotations_as_they_were_when_it_was_handed_over() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = session(dir.path(), "a.json");
        a.tag_entity(0..5, "Person", None);
        let first = a.save_later().unwrap();
        a.tag_claim(6..13, "Claim");
        a.undo();
        a.undo();
        a.tag_claim(0..14, "Claim");
        let second = a.save_later().unwrap();
        first.write(None).unwrap();
        let written = std::fs::read_to_string(dir.path().join("a.json")).unwrap();
        let file: serde_json::Value = serde_json::from_str(&written).unwrap();
        let kinds: Vec<&str> = file["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["entity"],
            "the first save is the state it was taken in"
        );
        let version = crate::annotation::store::Fingerprint::of(written.as_bytes());
        second.write(Some(version)).unwrap();
        let written = std::fs::read_to_string(dir.path().join("a.json")).unwrap();
        assert!(written.contains("\"claim\"") && !written.contains("\"entity\""));
    }

    fn actor(name: &str) -> crate::session::LearnedActor {
        crate::session::LearnedActor {
            name: name.into(),
            label: "Person".into(),
            aliases: Vec::new(),
        }
    }

    #[test]
    fn the_learned_names_are_written_by_the_writer_and_a_replaced_save_passes_them_on() {
        let dir = tempfile::tempdir().unwrap();
        let learned_file = dir.path().join("learned.toml");
        let mut a = session(dir.path(), "a.json");
        a.learned = crate::session::Learned::load(learned_file.clone()).0;
        let mut waiting = Vec::new();
        a.learned.insert(actor("Emily Spanton"));
        a.learned.insert(actor("Mme Spanton"));
        queue(&mut waiting, a.save_later().unwrap());
        // The next save, handed over before the first was written, forgets one and learns
        // another: it replaces the first and must carry the first's names too.
        a.learned.remove(&actor("Mme Spanton"));
        a.learned.insert(actor("Omar al-Bashir"));
        queue(&mut waiting, a.save_later().unwrap());
        assert_eq!(waiting.len(), 1);
        let mut save = waiting.pop().unwrap();
        let result = save.write(None);
        assert!(
            !learned_file.exists(),
            "the names are written after the file"
        );
        let learned = save.learned(result.is_ok());
        a.saved(save.generation, result, learned).unwrap();
        let written = std::fs::read_to_string(&learned_file).unwrap();
        assert!(written.contains("Emily Spanton"), "{written}");
        assert!(written.contains("Omar al-Bashir"), "{written}");
        assert!(!written.contains("Mme Spanton"), "{written}");
        // Nothing is left to write.
        assert!(a.learned.pending_changes().is_none());
    }

    #[test]
    fn learned_names_of_a_save_that_failed_are_written_with_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let learned_file = dir.path().join("learned.toml");
        let mut a = session(dir.path(), "a.json");
        a.learned = crate::session::Learned::load(learned_file.clone()).0;
        a.learned.insert(actor("Emily Spanton"));
        let mut failed = a.save_later().unwrap();
        // Someone else wrote the annotation file: the save is refused, the names unwritten.
        std::fs::write(dir.path().join("a.json"), "{}").unwrap();
        let result = failed.write(None);
        assert!(result.is_err());
        let learned = failed.learned(result.is_ok());
        assert!(a.saved(failed.generation, result, learned).is_err());
        assert!(!learned_file.exists());
        std::fs::remove_file(dir.path().join("a.json")).unwrap();
        let mut next = a.save_later().unwrap();
        let result = next.write(None);
        let learned = next.learned(result.is_ok());
        a.saved(next.generation, result, learned).unwrap();
        assert!(
            std::fs::read_to_string(&learned_file)
                .unwrap()
                .contains("Emily Spanton")
        );
    }

    #[test]
    fn two_saves_in_flight_that_both_fail_lose_no_learned_name() {
        let dir = tempfile::tempdir().unwrap();
        let learned_file = dir.path().join("learned.toml");
        let mut a = session(dir.path(), "a.json");
        a.learned = crate::session::Learned::load(learned_file.clone()).0;
        let save_now = |a: &mut Session, expected| {
            let mut save = a.save_later().unwrap();
            let result = save.write(expected);
            let version = result.as_ref().ok().copied();
            let learned = save.learned(result.is_ok());
            let _ = a.saved(save.generation, result, learned);
            version
        };
        a.learned.insert(actor("Emily Spanton"));
        let version = save_now(&mut a, None);
        assert!(
            std::fs::read_to_string(&learned_file)
                .unwrap()
                .contains("Emily")
        );
        // Untagged, then tagged again, each save handed over before the other came back,
        // and both refused (someone else changed the annotation file).
        a.learned.remove(&actor("Emily Spanton"));
        let mut first = a.save_later().unwrap();
        a.learned.insert(actor("Emily Spanton"));
        let mut second = a.save_later().unwrap();
        std::fs::write(dir.path().join("a.json"), "{}").unwrap();
        for save in [&mut first, &mut second] {
            let result = save.write(version);
            assert!(result.is_err());
            let learned = save.learned(result.is_ok());
            assert!(a.saved(save.generation, result, learned).is_err());
        }
        // The next save that works leaves her learned.
        std::fs::remove_file(dir.path().join("a.json")).unwrap();
        save_now(&mut a, None);
        assert!(
            std::fs::read_to_string(&learned_file)
                .unwrap()
                .contains("Emily Spanton")
        );
        assert!(a.learned.pending_changes().is_none());
    }
}
