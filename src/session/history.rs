//! Undo and redo for every change of a session: each user command is one transaction of
//! edits, and undo applies their inverses in reverse order.

use crate::annotation::Annotation;
use crate::annotation::file::{Rejection, StoredAnnotation};
use crate::session::learned::LearnedActor;

/// One reversible change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// An annotation was added.
    Insert(Annotation),
    /// An annotation was removed.
    Remove(Annotation),
    /// An annotation changed.
    Update {
        /// Before the change.
        before: Annotation,
        /// After the change.
        after: Annotation,
    },
    /// A suggestion was rejected.
    Reject(Rejection),
    /// An annotation the article no longer has a place for was dropped by the user.
    DropUnplaced(StoredAnnotation),
    /// An actor was added to the user's own gazetteer (replacing its entry with fewer
    /// aliases, if it had one).
    Learn {
        /// The entry it replaced.
        before: Option<LearnedActor>,
        /// The new entry; `None` when the actor is forgotten.
        after: Option<LearnedActor>,
    },
    /// The article's status changed (marked done, or not done).
    Status {
        /// Before.
        before: Option<String>,
        /// After.
        after: Option<String>,
    },
}

/// A user command's edits, with a short description for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// What was done, e.g. "tagged Putin as Person".
    pub description: String,
    /// The edits, in the order they were applied.
    pub edits: Vec<Edit>,
}

/// The undo and redo stacks.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Transaction>,
    undone: Vec<Transaction>,
}

impl History {
    /// Records a transaction that has been applied; the redo stack is dropped.
    pub fn record(&mut self, transaction: Transaction) {
        if !transaction.edits.is_empty() {
            self.done.push(transaction);
            self.undone.clear();
        }
    }

    /// The transaction to undo, moved to the redo stack.
    pub fn undo(&mut self) -> Option<&Transaction> {
        let t = self.done.pop()?;
        self.undone.push(t);
        self.undone.last()
    }

    /// The transaction to redo, moved back to the undo stack.
    pub fn redo(&mut self) -> Option<&Transaction> {
        let t = self.undone.pop()?;
        self.done.push(t);
        self.done.last()
    }
}
