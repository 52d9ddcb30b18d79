//! A reading session: one article, its confirmed annotations, its suggestions, the undo
//! history, and the file they are saved to. Every command here is a pure change of state
//! that reports whether the annotation file must be saved; the caller saves.

pub mod annotated;
mod commands;
pub mod draft;
pub mod history;
pub mod learned;
pub mod open;
pub mod suggestions;

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::annotation::file::{self, Header, Rejection, StoredAnnotation};
use crate::annotation::model::now;
use crate::annotation::store::{self, Fingerprint, Lock};
use crate::annotation::{Annotation, AnnotationSet, Kind};
use crate::document::Document;

use annotated::entity_rejection;
pub use annotated::{Annotated, Snapshot};
pub use history::{Edit, History, Transaction};
pub use learned::{Learned, LearnedActor};
pub use open::{OpenError, OpenOptions, open};
pub use suggestions::{SuggestedClaim, SuggestedEntity, Suggestions};

/// Where and whether annotations are saved.
#[derive(Debug)]
pub struct Storage {
    /// The annotation file.
    pub path: std::path::PathBuf,
    /// The lock, held while this session may write; `None` when read-only.
    pub lock: Option<Lock>,
    /// Why the session is read-only, if it is.
    pub read_only: Option<String>,
    /// Where a note being typed is kept if gloss ends before it is saved (`None`: nowhere).
    pub drafts: Option<std::path::PathBuf>,
}

/// Why the annotations could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The article is open read-only: why.
    #[error("{0}")]
    ReadOnly(String),
    /// The annotation file could not be looked at before it was replaced.
    #[error("cannot check {} before saving", .path.display())]
    Check {
        /// The annotation file.
        path: PathBuf,
        /// Why.
        #[source]
        error: std::io::Error,
    },
    /// Someone else changed the file since gloss read it: it is left as it is.
    #[error(
        "{} changed on disk since gloss read it: not overwritten (quit and reopen the article to see the change)",
        .0.display()
    )]
    ChangedOnDisk(PathBuf),
    /// Writing the file failed.
    #[error("cannot save {}", .path.display())]
    Write {
        /// The annotation file.
        path: PathBuf,
        /// Why.
        #[source]
        error: std::io::Error,
    },
    /// The annotations were saved; the learned names were not.
    #[error("annotations saved, learned names not")]
    Learned(#[source] learned::LearnedError),
}

/// The result of the last save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing to save yet (no change since opening).
    Clean,
    /// Every change is on disk.
    Saved,
    /// The newest change is being written (on a worker); not on disk yet.
    Saving,
    /// The last save failed; the message says why.
    Failed(String),
}

/// What a command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing changed (the message, if any, says why).
    Unchanged(Option<String>),
    /// The annotations changed: save now.
    Changed(String),
}

/// A choice of speaker for a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeakerChoice {
    /// No speaker.
    Nobody,
    /// A confirmed entity, by id.
    Entity(String),
    /// An entity suggestion, accepted as part of the choice.
    Suggestion(usize),
}

/// One article being read and annotated.
#[derive(Debug)]
pub struct Session {
    /// The article; shared with the saves written away from the reader.
    pub doc: std::sync::Arc<Document>,
    /// Confirmed annotations.
    pub annotations: AnnotationSet,
    /// Annotations the current text has no place for; kept and saved, never dropped.
    pub unplaced: Vec<StoredAnnotation>,
    /// Suggestions from detection and the learned names; shared with the worker that builds
    /// the panel.
    pub suggestions: std::sync::Arc<Suggestions>,
    /// Where annotations go.
    pub storage: Storage,
    /// The last save's result.
    pub save_state: SaveState,
    /// A message from opening (e.g. the text changed on disk), shown once.
    pub notice: Option<String>,
    /// The "source" written to the file.
    pub source_label: String,
    /// The "date" written to the file: the article's, as the file had it.
    pub date: Option<String>,
    /// The "status" written to the file: `"done"` once the user marked the article done.
    pub status: Option<String>,
    /// Suggestions not to offer again (saved in the file).
    pub rejected: BTreeSet<Rejection>,
    /// The user's own gazetteer.
    pub learned: Learned,
    history: History,
    /// The fingerprint of the annotation file's bytes as this session last read or wrote
    /// them (`None`: there was none), so that a change made on disk by someone else is never
    /// written over, whatever its modified time says.
    disk_version: Option<Fingerprint>,
    /// This session among the process's, to tell their saves apart.
    id: u64,
    /// How many saves were asked for: the newest is the one that counts.
    save_generation: u64,
    /// The save whose bytes `disk_version` is the fingerprint of.
    disk_generation: u64,
    /// A change of the learned names leaves the suggestions stale rather than rebuilding them.
    rebuild_later: bool,
    /// The learned names changed since the suggestions were built.
    suggestions_stale: bool,
    /// The article text's fingerprint, worked out once, by the first save that needs it
    /// (the text never changes), and shared with the saves.
    text_fingerprint: std::sync::Arc<std::sync::OnceLock<String>>,
}

/// An annotation file to write away from the reader (see [`Session::save_later`]).
#[derive(Debug)]
pub struct PendingSave {
    /// The session it is from ([`Session::id`]).
    pub session: u64,
    /// Which of the session's saves it is: a newer one replaces it, unwritten.
    pub generation: u64,
    /// The annotation file.
    pub path: PathBuf,
    /// The version the file on disk had when the session last read or wrote it.
    pub expected: Option<Fingerprint>,
    /// The save that wrote `expected` (a writer that has written a later one of this session
    /// expects its own version instead).
    pub expected_as_of: u64,
    contents: SaveContents,
    /// The learned names changed since the last save, written after the file.
    learned: Option<learned::LearnedChanges>,
}

/// What the writer did with a save's learned names (see [`PendingSave::learned`]).
#[derive(Debug)]
pub struct LearnedWrite {
    changes: learned::LearnedChanges,
    /// The names on disk after writing them, or why they could not be written.
    result: Result<BTreeSet<LearnedActor>, learned::LearnedError>,
}

/// What a save writes, taken from the session without copying the text or the
/// annotations (they are shared), so that handing a save over costs the reader little
/// at any article length; the file is built from it by the writer.
#[derive(Debug)]
struct SaveContents {
    doc: std::sync::Arc<Document>,
    source_label: String,
    date: Option<String>,
    status: Option<String>,
    text_fingerprint: std::sync::Arc<std::sync::OnceLock<String>>,
    annotations: std::sync::Arc<Vec<std::sync::Arc<Annotation>>>,
    unplaced: Vec<StoredAnnotation>,
    rejected: Vec<Rejection>,
}

impl SaveContents {
    fn to_file(&self) -> file::AnnotationFile {
        let header = Header {
            source: &self.source_label,
            title: &self.doc.title,
            text: &self.doc.text,
            chars: &self.doc.chars,
        };
        let mut file = file::build_known(
            header,
            self.text_fingerprint
                .get_or_init(|| file::fingerprint(&self.doc.text))
                .clone(),
            self.annotations.iter().map(|a| &**a),
            &self.unplaced,
            &self.rejected,
        );
        file.date = self.date.clone();
        file.status = self.status.clone();
        file
    }
}

impl PendingSave {
    /// Writes the file atomically, unless the file on disk is no longer version `expected`
    /// (someone else changed it; a file deleted is written again). Returns the version
    /// written.
    pub fn write(&self, expected: Option<Fingerprint>) -> Result<Fingerprint, SaveError> {
        write_checked(&self.path, &self.contents.to_file(), expected)
    }

    /// The learned names' changes, written now when `write` (the annotation file was), for
    /// [`Session::saved`]; `None` when there were none or they were not written (they stay
    /// in the session for the next save).
    pub fn learned(&mut self, write: bool) -> Option<LearnedWrite> {
        let changes = self.learned.take().filter(|_| write)?;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| changes.write()))
            .unwrap_or_else(|_| {
                Err(learned::LearnedError::Invalid(
                    "the learned names could not be written (the writer stopped)".into(),
                ))
            });
        Some(LearnedWrite { changes, result })
    }
}

/// Writes `file` to `path` atomically unless the file there is no longer version `expected`.
fn write_checked(
    path: &Path,
    file: &file::AnnotationFile,
    expected: Option<Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    let now_on_disk = Fingerprint::of_file(path).map_err(|error| SaveError::Check {
        path: path.to_path_buf(),
        error,
    })?;
    if now_on_disk.is_some() && now_on_disk != expected {
        return Err(SaveError::ChangedOnDisk(path.to_path_buf()));
    }
    let json = file::to_json(file);
    store::write_atomic(path, json.as_bytes()).map_err(|error| SaveError::Write {
        path: path.to_path_buf(),
        error,
    })?;
    Ok(Fingerprint::of(json.as_bytes()))
}

/// The ids given to sessions.
static SESSIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Session {
    /// A session over `doc` with no file (used by tests and by `open`).
    pub fn new(
        doc: Document,
        annotations: AnnotationSet,
        suggestions: Suggestions,
        storage: Storage,
    ) -> Self {
        let source_label = doc.source.describe();
        Self {
            text_fingerprint: Default::default(),
            doc: std::sync::Arc::new(doc),
            annotations,
            unplaced: Vec::new(),
            suggestions: std::sync::Arc::new(suggestions),
            storage,
            save_state: SaveState::Clean,
            notice: None,
            source_label,
            date: None,
            status: None,
            rejected: BTreeSet::new(),
            learned: Learned::default(),
            history: History::default(),
            disk_version: None,
            id: SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            save_generation: 0,
            disk_generation: 0,
            rebuild_later: false,
            suggestions_stale: false,
        }
    }

    /// This session's id among the process's.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The annotation file as it is now, to be written by a worker
    /// ([`PendingSave::write`]); the status bar says "saving" until
    /// [`Session::saved`] is told it is on disk.
    pub fn save_later(&mut self) -> Result<PendingSave, SaveError> {
        if let Some(reason) = &self.storage.read_only {
            return Err(SaveError::ReadOnly(reason.clone()));
        }
        self.save_generation += 1;
        self.save_state = SaveState::Saving;
        Ok(PendingSave {
            session: self.id,
            generation: self.save_generation,
            path: self.storage.path.clone(),
            expected: self.disk_version,
            expected_as_of: self.disk_generation,
            contents: self.contents(),
            learned: self.learned.pending_changes(),
        })
    }

    /// Takes the result of writing save `generation` (from [`Session::save_later`]) and its
    /// learned names ([`PendingSave::learned`]): once the newest is on disk, the status bar
    /// says "saved"; a failure says why. Learned names not written stay to be written by the
    /// next save.
    pub fn saved(
        &mut self,
        generation: u64,
        result: Result<Fingerprint, SaveError>,
        learned: Option<LearnedWrite>,
    ) -> Result<(), SaveError> {
        // Names not written stay in the session's learned names for the next save.
        let learned = match learned {
            Some(LearnedWrite { changes, result }) => self.learned.written(&changes, result),
            None => Ok(()),
        };
        match result {
            Ok(version) => {
                if generation > self.disk_generation {
                    self.disk_version = Some(version);
                    self.disk_generation = generation;
                }
                if generation == self.save_generation {
                    self.save_state = SaveState::Saved;
                }
                learned.map_err(SaveError::Learned)
            }
            Err(error) => {
                self.save_state = SaveState::Failed(crate::error::chain(&error));
                Err(error)
            }
        }
    }

    /// Records `version` (the fingerprint of the bytes read from the annotation file, `None`
    /// when there was none) as the version on disk this session knows.
    pub fn note_disk_version(&mut self, version: Option<Fingerprint>) {
        self.disk_version = version;
    }

    /// True when changes cannot be saved.
    pub fn is_read_only(&self) -> bool {
        self.storage.read_only.is_some()
    }

    /// The annotations and suggestions as they stand, borrowed: whether a suggestion is
    /// open, who a suggested speaker stands for.
    pub fn annotated(&self) -> Annotated<'_> {
        Annotated {
            text: &self.doc.text,
            annotations: &self.annotations,
            suggestions: &self.suggestions,
            rejected: &self.rejected,
            unplaced: &self.unplaced,
        }
    }

    /// True when the entity suggestion `index` is neither confirmed nor rejected (see
    /// [`Annotated::entity_suggestion_open`]).
    pub fn entity_suggestion_open(&self, index: usize) -> bool {
        self.annotated().entity_suggestion_open(index)
    }

    /// For every entity suggestion, whether it is open.
    pub fn open_entity_suggestions(&self) -> Vec<bool> {
        self.annotated().open_entity_suggestions()
    }

    /// Who a suggested speaker stands for now (see [`Annotated::suggested_speaker`]).
    pub fn suggested_speaker(&self, entity: usize) -> SpeakerChoice {
        self.annotated().suggested_speaker(entity)
    }

    /// True when the claim suggestion `index` is neither confirmed nor rejected.
    pub fn claim_suggestion_open(&self, index: usize) -> bool {
        self.annotated().claim_suggestion_open(index)
    }

    /// From now on, a change of the learned names leaves the suggestions as they are, stale
    /// ([`Session::suggestions_stale`]), for a worker to rebuild from a [`Snapshot`]: the
    /// reader does so, so that accepting a new name never waits for the whole text to be
    /// searched for it.
    pub fn rebuild_suggestions_later(&mut self) {
        self.rebuild_later = true;
    }

    /// True when the learned names changed since the suggestions were last built.
    pub fn suggestions_stale(&self) -> bool {
        self.suggestions_stale
    }

    /// The annotations and suggestions as they are now, for a worker (with the learned
    /// names, when the suggestions are stale).
    pub fn snapshot(&self) -> Snapshot {
        let learned = self
            .suggestions_stale
            .then(|| self.learned.actors().cloned().collect());
        Snapshot::new(self, learned)
    }

    /// Puts in the suggestions a worker rebuilt from a [`Session::snapshot`] taken when the
    /// session was as it is now (the caller checks that nothing changed since).
    pub fn install_suggestions(&mut self, suggestions: std::sync::Arc<Suggestions>) {
        self.suggestions = suggestions;
        self.suggestions_stale = false;
    }

    /// The annotation file for the session as it is now.
    pub fn to_file(&self) -> file::AnnotationFile {
        self.contents().to_file()
    }

    /// What the annotation file holds now, shared with the session rather than copied.
    fn contents(&self) -> SaveContents {
        SaveContents {
            doc: self.doc.clone(),
            source_label: self.source_label.clone(),
            date: self.date.clone(),
            status: self.status.clone(),
            text_fingerprint: self.text_fingerprint.clone(),
            annotations: self.annotations.snapshot(),
            unplaced: self.unplaced.clone(),
            rejected: self.rejected.iter().cloned().collect(),
        }
    }

    /// Writes the annotation file atomically (and the learned names); a failure is also
    /// kept in [`Session::save_state`] for the status bar.
    pub fn save(&mut self) -> Result<(), SaveError> {
        if let Some(reason) = &self.storage.read_only {
            return Err(SaveError::ReadOnly(reason.clone()));
        }
        let written = self.write_annotation_file();
        self.save_state = match &written {
            Ok(()) => SaveState::Saved,
            Err(error) => SaveState::Failed(crate::error::chain(error)),
        };
        written?;
        self.learned.save().map_err(SaveError::Learned)
    }

    fn write_annotation_file(&mut self) -> Result<(), SaveError> {
        // A file changed by someone else is not written over; one deleted is written again.
        let version = write_checked(&self.storage.path, &self.to_file(), self.disk_version)?;
        self.disk_version = Some(version);
        self.save_generation += 1;
        self.disk_generation = self.save_generation;
        Ok(())
    }

    /// Applies a transaction's edits and records it for undo.
    fn commit(&mut self, description: String, edits: Vec<Edit>) -> Outcome {
        if let Some(reason) = &self.storage.read_only {
            return Outcome::Unchanged(Some(format!("read-only: {reason}")));
        }
        if edits.is_empty() {
            return Outcome::Unchanged(None);
        }
        self.apply_all(&edits);
        if edits.iter().any(|e| matches!(e, Edit::Learn { .. })) {
            self.learned_changed();
        }
        self.history.record(Transaction {
            description: description.clone(),
            edits,
        });
        Outcome::Changed(description)
    }

    /// Applies `edits` in order. A run of insertions or removals (accepting or removing
    /// every mention of an actor: thousands, in a long text) is done in one pass over the
    /// list rather than one move of its tail per annotation.
    fn apply_all(&mut self, edits: &[Edit]) {
        let mut rest = edits;
        while let Some(first) = rest.first() {
            let run = run_of(rest, first);
            if run.len() > 1 {
                self.bulk(run, first, true);
            } else {
                self.apply(first);
            }
            rest = &rest[run.len().max(1)..];
        }
    }

    /// Reverts `edits` in reverse order, runs in one pass as in [`Session::apply_all`].
    fn revert_all(&mut self, edits: &[Edit]) {
        let mut rest = edits;
        while let Some(last) = rest.last() {
            let run = run_at_end(rest, last);
            if run.len() > 1 {
                self.bulk(run, last, false);
            } else {
                self.revert(last);
            }
            rest = &rest[..rest.len() - run.len().max(1)];
        }
    }

    /// Applies (`forward`) or reverts a run of insertions or removals like `kind`.
    fn bulk(&mut self, run: &[Edit], kind: &Edit, forward: bool) {
        let annotations = run.iter().filter_map(|e| match e {
            Edit::Insert(a) | Edit::Remove(a) => Some(a),
            _ => None,
        });
        let adds = matches!(kind, Edit::Insert(_)) == forward;
        if adds {
            self.annotations.insert_many(annotations.cloned());
        } else {
            let ids: std::collections::HashSet<&str> = annotations.map(|a| a.id.as_str()).collect();
            self.annotations.remove_many(&ids);
        }
    }

    fn apply(&mut self, edit: &Edit) {
        match edit {
            Edit::Insert(a) => self.annotations.insert(a.clone()),
            Edit::Remove(a) => {
                self.annotations.remove(&a.id);
            }
            Edit::Update { after, .. } => {
                self.annotations.replace(after.clone());
            }
            Edit::Reject(rejection) => {
                self.rejected.insert(rejection.clone());
            }
            Edit::DropUnplaced(dropped) => self.unplaced.retain(|u| u.id != dropped.id),
            Edit::Learn { before, after } => {
                if let Some(before) = before {
                    self.learned.remove(before);
                }
                if let Some(after) = after {
                    self.learned.insert(after.clone());
                }
            }
            Edit::Status { after, .. } => self.status = after.clone(),
        }
    }

    fn revert(&mut self, edit: &Edit) {
        match edit {
            Edit::Insert(a) => {
                self.annotations.remove(&a.id);
            }
            Edit::Remove(a) => self.annotations.insert(a.clone()),
            Edit::Update { before, .. } => {
                self.annotations.replace(before.clone());
            }
            Edit::Reject(rejection) => {
                self.rejected.remove(rejection);
            }
            Edit::DropUnplaced(dropped) => {
                self.unplaced.push(dropped.clone());
                self.unplaced
                    .sort_by(|a, b| a.start.cmp(&b.start).then(a.id.cmp(&b.id)));
            }
            Edit::Learn { before, after } => {
                if let Some(after) = after {
                    self.learned.remove(after);
                }
                if let Some(before) = before {
                    self.learned.insert(before.clone());
                }
            }
            Edit::Status { before, .. } => self.status = before.clone(),
        }
    }

    /// Undoes the last transaction.
    pub fn undo(&mut self) -> Outcome {
        if self.is_read_only() {
            return Outcome::Unchanged(Some("read-only".into()));
        }
        let Some(t) = self.history.undo().cloned() else {
            return Outcome::Unchanged(Some("nothing to undo".into()));
        };
        self.revert_all(&t.edits);
        if t.edits.iter().any(|e| matches!(e, Edit::Learn { .. })) {
            self.learned_changed();
        }
        Outcome::Changed(format!("undid: {}", t.description))
    }

    /// Redoes the last undone transaction.
    pub fn redo(&mut self) -> Outcome {
        if self.is_read_only() {
            return Outcome::Unchanged(Some("read-only".into()));
        }
        let Some(t) = self.history.redo().cloned() else {
            return Outcome::Unchanged(Some("nothing to redo".into()));
        };
        self.apply_all(&t.edits);
        if t.edits.iter().any(|e| matches!(e, Edit::Learn { .. })) {
            self.learned_changed();
        }
        Outcome::Changed(format!("redid: {}", t.description))
    }

    fn new_annotation(&mut self, kind: Kind, label: &str, range: Range<usize>) -> Annotation {
        let time = now();
        Annotation {
            id: self.annotations.fresh_id(),
            kind,
            label: label.to_string(),
            range,
            actor: None,
            speaker: None,
            note: None,
            created: time.clone(),
            modified: time,
        }
    }
}

/// The rejection of an entity suggestion: its actor with its label.
/// Ranges of `needle` in `text` that start and end at word boundaries.
pub fn whole_word_matches<'a>(
    text: &'a str,
    needle: &'a str,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    // Scripts written without spaces (Chinese, Japanese) have no word boundaries to check:
    // a name there may touch the next word.
    let unspaced = |c: char| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
    let first = needle.chars().next();
    let last = needle.chars().next_back();
    text.match_indices(needle)
        .map(|(start, m)| start..start + m.len())
        .filter(move |r| {
            let before = text[..r.start].chars().next_back();
            let after = text[r.end..].chars().next();
            let joined = |edge: Option<char>, next: Option<char>| {
                next.is_some_and(is_word)
                    && !(edge.is_some_and(unspaced) || next.is_some_and(unspaced))
            };
            !needle.is_empty() && !joined(first, before) && !joined(last, after)
        })
}

/// True for two edits that a bulk pass can do together: both insertions or both removals.
fn same_run(a: &Edit, b: &Edit) -> bool {
    matches!(
        (a, b),
        (Edit::Insert(_), Edit::Insert(_)) | (Edit::Remove(_), Edit::Remove(_))
    )
}

/// The edits at the start of `edits` of the same kind as `first` (insertions or removals).
fn run_of<'a>(edits: &'a [Edit], first: &Edit) -> &'a [Edit] {
    let len = edits.iter().take_while(|e| same_run(e, first)).count();
    &edits[..len]
}

/// The edits at the end of `edits` of the same kind as `last`.
fn run_at_end<'a>(edits: &'a [Edit], last: &Edit) -> &'a [Edit] {
    let len = edits.iter().rev().take_while(|e| same_run(e, last)).count();
    &edits[edits.len() - len..]
}

#[cfg(test)]
mod word_tests {
    use super::whole_word_matches;

    #[test]
    fn whole_words_in_spaced_and_unspaced_scripts() {
        let found = |text, needle| whole_word_matches(text, needle).collect::<Vec<_>>();
        assert_eq!(found("Xi met Xiang and Xi.", "Xi"), [0..2, 17..19]);
        // Chinese has no spaces: the name touching the next word still counts.
        let text = "习近平说。中国国家主席习近平与普京";
        assert_eq!(found(text, "习近平").len(), 2);
        // But a Latin name glued to Latin letters does not.
        assert_eq!(found("Putinism and Putin", "Putin"), vec![(13..18)]);
    }
}
