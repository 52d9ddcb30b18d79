//! An article's annotations and suggestions as they stand: whether a suggestion is still
//! open and who a suggested speaker stands for now. The session answers through it
//! ([`super::Session::annotated`]), and so does a copy of the session handed to a worker
//! ([`Snapshot`]), which builds the side panel away from the keys.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use super::{SpeakerChoice, SuggestedClaim, SuggestedEntity, Suggestions, learned};
use crate::annotation::file::{Rejection, StoredAnnotation};
use crate::annotation::{Annotation, AnnotationSet, Kind};
use crate::document::Document;

/// The annotations and suggestions of one article, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct Annotated<'a> {
    /// The article's text.
    pub text: &'a str,
    /// Confirmed annotations.
    pub annotations: &'a AnnotationSet,
    /// Suggestions from detection and the learned names.
    pub suggestions: &'a Suggestions,
    /// Suggestions not to offer again.
    pub rejected: &'a BTreeSet<Rejection>,
    /// Annotations the text has no place for.
    pub unplaced: &'a [StoredAnnotation],
}

impl Annotated<'_> {
    /// True when the entity suggestion `index` is neither confirmed nor rejected.
    /// (A confirmed entity overlapping it also closes it: the user has tagged that text.)
    pub fn entity_suggestion_open(&self, index: usize) -> bool {
        let s = &self.suggestions.entities[index];
        !self.is_rejected(|| entity_rejection(s)) && self.confirmed_entity_over(&s.range).is_none()
    }

    /// For every entity suggestion, whether it is open (see
    /// [`Annotated::entity_suggestion_open`]), all at once: a binary search in the confirmed
    /// entities' starts for each, where asking one at a time searches the whole set twice.
    pub fn open_entity_suggestions(&self) -> Vec<bool> {
        // The confirmed entities by start, with the furthest end reached by each and those
        // before it: a suggestion overlaps one exactly when the furthest end among those that
        // start before its end is past its start. (An empty entity counts as one character,
        // as `AnnotationSet::overlapping` takes it.)
        let mut entities: Vec<(usize, usize)> = self
            .annotations
            .iter()
            .filter(|a| a.kind == Kind::Entity)
            .map(|a| (a.range.start, a.range.end.max(a.range.start + 1)))
            .collect();
        entities.sort_unstable();
        let furthest: Vec<usize> = entities
            .iter()
            .scan(0, |furthest, &(_, end)| {
                *furthest = end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        self.suggestions
            .entities
            .iter()
            .map(|s| {
                let end = s.range.end.max(s.range.start + 1);
                let before = entities.partition_point(|&(start, _)| start < end);
                let covered = before > 0 && furthest[before - 1] > s.range.start;
                !covered && !self.is_rejected(|| entity_rejection(s))
            })
            .collect()
    }

    /// True when the claim suggestion `index` is neither confirmed nor rejected.
    pub fn claim_suggestion_open(&self, index: usize) -> bool {
        let s = &self.suggestions.claims[index];
        !self.is_rejected(|| self.claim_rejection(s))
            && self.annotations.find_exact(Kind::Claim, &s.range).is_none()
    }

    /// Who a suggested speaker stands for now: the confirmed entity the user tagged over it,
    /// nobody if the user rejected that actor, else the suggestion itself.
    pub fn suggested_speaker(&self, entity: usize) -> SpeakerChoice {
        let e = &self.suggestions.entities[entity];
        if let Some(confirmed) = self.confirmed_entity_over(&e.range) {
            SpeakerChoice::Entity(confirmed.id.clone())
        } else if self.is_rejected(|| entity_rejection(e)) {
            SpeakerChoice::Nobody
        } else {
            SpeakerChoice::Suggestion(entity)
        }
    }

    /// What rejecting claim suggestion `s` records.
    pub fn claim_rejection(&self, s: &SuggestedClaim) -> Rejection {
        Rejection {
            kind: Kind::Claim,
            label: s.label.clone(),
            name: self.text[s.range.clone()].to_string(),
        }
    }

    /// A confirmed entity overlapping `range`, the exact one first.
    pub fn confirmed_entity_over(&self, range: &Range<usize>) -> Option<&Annotation> {
        self.annotations
            .find_exact(Kind::Entity, range)
            .or_else(|| {
                self.annotations
                    .overlapping(range.clone())
                    .find(|a| a.kind == Kind::Entity)
            })
    }

    /// Whether the user rejected what `key` makes. Asked of every suggestion each time the
    /// panel is built: the key is made only when there are rejections to look it up in.
    fn is_rejected(&self, key: impl FnOnce() -> Rejection) -> bool {
        !self.rejected.is_empty() && self.rejected.contains(&key())
    }
}

/// What rejecting entity suggestion `s` records: its actor, not its text.
pub fn entity_rejection(s: &SuggestedEntity) -> Rejection {
    Rejection {
        kind: Kind::Entity,
        label: s.label.clone(),
        name: s.actor.clone(),
    }
}

/// The session's annotations and suggestions as they were when it was taken, owned, for a
/// worker: the text, the suggestions and the annotations are shared, not copied (a change
/// the session makes meanwhile copies what it changes); the rejections and the unplaced
/// annotations, few, are copied. When the user's learned names changed and the suggestions were not
/// yet rebuilt with them, it holds the names, and [`Snapshot::rebuild_suggestions`] does
/// that work on the worker.
#[derive(Debug)]
pub struct Snapshot {
    doc: Arc<Document>,
    annotations: AnnotationSet,
    suggestions: Arc<Suggestions>,
    rejected: BTreeSet<Rejection>,
    unplaced: Vec<StoredAnnotation>,
    learned: Option<BTreeSet<super::LearnedActor>>,
}

impl Snapshot {
    /// Takes the parts of a session (`learned`: the names to rebuild the suggestions with,
    /// when they are stale).
    pub(super) fn new(
        session: &super::Session,
        learned: Option<BTreeSet<super::LearnedActor>>,
    ) -> Self {
        Self {
            doc: session.doc.clone(),
            annotations: session.annotations.clone(),
            suggestions: session.suggestions.clone(),
            rejected: session.rejected.clone(),
            unplaced: session.unplaced.clone(),
            learned,
        }
    }

    /// Rebuilds the suggestions with the learned names, when they were stale; returns the
    /// new suggestions (`None`: they were not stale).
    pub fn rebuild_suggestions(&mut self) -> Option<Arc<Suggestions>> {
        let actors = self.learned.take()?;
        let found = learned::find_in(&actors, &self.doc.text);
        let suggestions = Arc::unwrap_or_clone(std::mem::take(&mut self.suggestions));
        self.suggestions = Arc::new(suggestions.with_learned(found));
        Some(self.suggestions.clone())
    }

    /// The annotations and suggestions, borrowed.
    pub fn annotated(&self) -> Annotated<'_> {
        Annotated {
            text: &self.doc.text,
            annotations: &self.annotations,
            suggestions: &self.suggestions,
            rejected: &self.rejected,
            unplaced: &self.unplaced,
        }
    }
}
