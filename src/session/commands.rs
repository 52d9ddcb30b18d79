//! The commands of a session: tagging, accepting and rejecting suggestions, speakers,
//! notes, removal. Each builds its edits and commits them as one undoable transaction.

use std::ops::Range;

use super::{
    Edit, LearnedActor, Outcome, Session, SpeakerChoice, entity_rejection, whole_word_matches,
};
use crate::annotation::file::Rejection;
use crate::annotation::model::now;
use crate::annotation::{Annotation, Kind};
use crate::text::plural::count as plural;

/// The file's status of an article the user marked done.
const DONE: &str = "done";

impl Session {
    /// The edit that tags `range` as an entity (or relabels an identical one), and its id.
    fn entity_edit(
        &mut self,
        range: Range<usize>,
        label: &str,
        actor: Option<String>,
    ) -> (Option<Edit>, String) {
        if let Some(existing) = self.annotations.find_exact(Kind::Entity, &range) {
            let id = existing.id.clone();
            if existing.label == label && (actor.is_none() || existing.actor == actor) {
                return (None, id);
            }
            let mut after = existing.clone();
            after.label = label.to_string();
            if actor.is_some() {
                after.actor = actor;
            }
            after.modified = now();
            return (
                Some(Edit::Update {
                    before: existing.clone(),
                    after,
                }),
                id,
            );
        }
        let mut a = self.new_annotation(Kind::Entity, label, range);
        a.actor = actor;
        let id = a.id.clone();
        (Some(Edit::Insert(a)), id)
    }

    /// Tags `range` as an entity with `label`. Returns the outcome and the entity's id.
    pub fn tag_entity(
        &mut self,
        range: Range<usize>,
        label: &str,
        actor: Option<String>,
    ) -> (Outcome, String) {
        let text = self.doc.text[range.clone()].trim().to_string();
        let learn = self.learn_edit(&text, label, actor.as_deref());
        let (edit, id) = self.entity_edit(range, label, actor);
        let outcome = self.commit(
            format!("tagged {text:?} as {label}"),
            edit.into_iter().chain(learn).collect(),
        );
        (outcome, id)
    }

    /// Tags `range` as a claim with `label`. Returns the outcome and the claim's id.
    pub fn tag_claim(&mut self, range: Range<usize>, label: &str) -> (Outcome, String) {
        if let Some(existing) = self.annotations.find_exact(Kind::Claim, &range) {
            let id = existing.id.clone();
            if existing.label == label {
                return (Outcome::Unchanged(Some("already a claim".into())), id);
            }
            let mut after = existing.clone();
            after.label = label.to_string();
            after.modified = now();
            let edit = Edit::Update {
                before: existing.clone(),
                after,
            };
            return (
                self.commit(format!("relabelled claim as {label}"), vec![edit]),
                id,
            );
        }
        let a = self.new_annotation(Kind::Claim, label, range);
        let id = a.id.clone();
        (
            self.commit(format!("tagged a {label}"), vec![Edit::Insert(a)]),
            id,
        )
    }

    /// The edits that make `speaker` the speaker of claim `claim_id`.
    fn speaker_edits(&mut self, claim_id: &str, speaker: &SpeakerChoice) -> Vec<Edit> {
        let mut edits = Vec::new();
        let speaker_id = match speaker {
            SpeakerChoice::Nobody => None,
            SpeakerChoice::Entity(id) => Some(id.clone()),
            // Accepted as `y` accepts it: tagged and learned.
            SpeakerChoice::Suggestion(index) => {
                let (accept, id) = self.entity_accept_edits(*index);
                edits.extend(accept);
                Some(id)
            }
        };
        if let Some(claim) = self.annotations.get(claim_id)
            && claim.speaker != speaker_id
        {
            let mut after = claim.clone();
            after.speaker = speaker_id;
            after.modified = now();
            edits.push(Edit::Update {
                before: claim.clone(),
                after,
            });
        }
        edits
    }

    /// The name of the actor `speaker` stands for ("nobody" for none).
    fn speaker_name(&self, speaker: &SpeakerChoice) -> String {
        match speaker {
            SpeakerChoice::Nobody => "nobody".to_string(),
            SpeakerChoice::Entity(id) => self
                .annotations
                .get(id)
                .map(|a| a.actor_name(&self.doc.text).to_string())
                .unwrap_or_default(),
            SpeakerChoice::Suggestion(i) => self.suggestions.entities[*i].actor.clone(),
        }
    }

    /// Sets the speaker of a claim.
    pub fn set_speaker(&mut self, claim_id: &str, speaker: SpeakerChoice) -> Outcome {
        let edits = self.speaker_edits(claim_id, &speaker);
        let name = self.speaker_name(&speaker);
        self.commit(format!("speaker set to {name}"), edits)
    }

    /// Tags `range` as a claim labelled `label` and spoken by `speaker`, in one transaction:
    /// what the speaker picker does for a claim being tagged, so that nothing is tagged until
    /// the speaker is chosen (Esc in the picker leaves the annotations as they were).
    pub fn tag_claim_spoken_by(
        &mut self,
        range: Range<usize>,
        label: &str,
        speaker: SpeakerChoice,
    ) -> Outcome {
        let name = self.speaker_name(&speaker);
        let mut edits = Vec::new();
        let claim_id = match self.annotations.find_exact(Kind::Claim, &range) {
            Some(existing) => {
                let id = existing.id.clone();
                if existing.label != label {
                    let mut after = existing.clone();
                    after.label = label.to_string();
                    after.modified = now();
                    edits.push(Edit::Update {
                        before: existing.clone(),
                        after,
                    });
                }
                id
            }
            None => {
                let a = self.new_annotation(Kind::Claim, label, range);
                let id = a.id.clone();
                edits.push(Edit::Insert(a));
                id
            }
        };
        // The speaker's edits are worked out on the claim as tagged.
        self.apply_all(&edits);
        let speaker_edits = self.speaker_edits(&claim_id, &speaker);
        self.apply_all(&speaker_edits);
        edits.extend(speaker_edits);
        self.revert_all(&edits);
        if edits.is_empty() {
            return Outcome::Unchanged(Some(format!("already a {label} by {name}")));
        }
        self.commit(format!("tagged a {label} by {name}"), edits)
    }

    /// Accepts entity suggestions (one transaction).
    pub fn accept_entities(&mut self, indices: &[usize]) -> Outcome {
        let mut edits = Vec::new();
        // Later edits depend on earlier ones only through what was learned and relabelled,
        // so insertions are not applied while building: an actor row can hold tens of
        // thousands of mentions, and each insertion would move the list's tail.
        let mut applied = Vec::new();
        let mut inserted = std::collections::HashSet::new();
        for &i in indices {
            for edit in self.entity_accept_edits(i).0 {
                match &edit {
                    Edit::Insert(a) => {
                        if !inserted.insert((a.range.start, a.range.end)) {
                            continue;
                        }
                    }
                    _ => {
                        self.apply(&edit);
                        applied.push(edit.clone());
                    }
                }
                edits.push(edit);
            }
        }
        self.unapply(&applied);
        let description = match indices {
            [i] => {
                let s = &self.suggestions.entities[*i];
                format!("accepted {} ({})", s.actor, s.label)
            }
            _ => format!("accepted {}", plural(indices.len(), "mention")),
        };
        self.commit(description, edits)
    }

    /// The edits that accept entity suggestion `index` (the entity and, if it is new, its
    /// learned name), and the entity's id.
    fn entity_accept_edits(&mut self, index: usize) -> (Vec<Edit>, String) {
        let s = self.suggestions.entities[index].clone();
        let text = self.doc.text[s.range.clone()].trim().to_string();
        let learn = self.learn_edit(&text, &s.label, Some(&s.actor));
        let (edit, id) = self.entity_edit(s.range, &s.label, Some(s.actor));
        (edit.into_iter().chain(learn).collect(), id)
    }

    /// Reverts edits applied while building a transaction, so that `commit` applies them
    /// once, in order. (Later edits of a transaction can depend on earlier ones.)
    fn unapply(&mut self, edits: &[Edit]) {
        for edit in edits.iter().rev() {
            self.revert(edit);
        }
    }

    /// The edit that remembers an actor the user tagged or accepted (dates are not
    /// remembered: a date names no actor).
    fn learn_edit(&self, text: &str, label: &str, actor: Option<&str>) -> Option<Edit> {
        if label == "Date" || text.is_empty() {
            return None;
        }
        let name = actor.unwrap_or(text).to_string();
        let known = self
            .learned
            .actors()
            .find(|a| a.name == name && a.label == label);
        if known.is_some_and(|a| name == text || a.aliases.iter().any(|x| x == text)) {
            return None;
        }
        let before = known.cloned();
        let mut after = before.clone().unwrap_or(LearnedActor {
            name: name.clone(),
            label: label.to_string(),
            aliases: Vec::new(),
        });
        if name != text {
            after.aliases.push(text.to_string());
            after.aliases.sort();
            after.aliases.dedup();
        }
        Some(Edit::Learn {
            before,
            after: Some(after),
        })
    }

    /// The edit that forgets a learned actor when its last tagged mention in this article is
    /// removed (a mistaken tag must not be suggested everywhere from then on).
    fn forget_edit(&self, removed: &Annotation) -> Option<Edit> {
        if removed.kind != Kind::Entity {
            return None;
        }
        let name = removed.actor_name(&self.doc.text).to_string();
        let others = self.annotations.iter().any(|a| {
            a.kind == Kind::Entity
                && a.id != removed.id
                && a.label == removed.label
                && a.actor_name(&self.doc.text) == name
        });
        if others {
            return None;
        }
        let learned = self
            .learned
            .actors()
            .find(|a| a.name == name && a.label == removed.label)?;
        Some(Edit::Learn {
            before: Some(learned.clone()),
            after: None,
        })
    }

    /// Renames the actor `name` (with `label`) to `new`, on every tagged mention of it in
    /// this article (one transaction). When another actor already has that name and label,
    /// the two are one from then on: a merge ("Mme Spanton" into "Emily Spanton").
    pub fn rename_actor(&mut self, name: &str, label: &str, new: &str) -> Outcome {
        // Typed by the user, but a name goes to the file and to every screen: no control,
        // escape or bidi character.
        let cleaned = crate::text::clean::clean(new);
        let new = crate::text::names::normalise(&cleaned);
        if new.is_empty() || new == name {
            return Outcome::Unchanged(Some("name unchanged".into()));
        }
        let text = &self.doc.text;
        let merging = self.annotations.iter().any(|a| {
            a.kind == Kind::Entity && a.label == label && a.actor_name(text) == new.as_ref()
        });
        let time = now();
        let edits: Vec<Edit> = self
            .annotations
            .iter()
            .filter(|a| a.kind == Kind::Entity && a.label == label && a.actor_name(text) == name)
            .map(|a| {
                let mut after = a.clone();
                // The name is the text itself where it is: no actor of its own to keep.
                after.actor =
                    (text[a.range.clone()].trim() != new.as_ref()).then(|| new.to_string());
                after.modified = time.clone();
                Edit::Update {
                    before: a.clone(),
                    after,
                }
            })
            .collect();
        if edits.is_empty() {
            return Outcome::Unchanged(Some(format!("no tagged mention of {name} to rename")));
        }
        let mentions = plural(edits.len(), "mention");
        let description = match merging {
            true => format!("merged {name} into {new} ({mentions})"),
            false => format!("renamed {name} to {new} ({mentions})"),
        };
        self.commit(description, edits)
    }

    /// Marks the article done, or, when it is, not done (one transaction, undone like any).
    pub fn toggle_done(&mut self) -> Outcome {
        let done = self.is_done();
        let after = (!done).then(|| DONE.to_string());
        let edit = Edit::Status {
            before: self.status.clone(),
            after,
        };
        let description = match done {
            true => "marked not done",
            false => "marked done",
        };
        self.commit(description.into(), vec![edit])
    }

    /// True when the user marked the article done.
    pub fn is_done(&self) -> bool {
        self.status.as_deref() == Some(DONE)
    }

    /// Puts in the suggestions detected after the article was opened (see
    /// [`crate::session::open::detect_suggestions`]), with the learned names'.
    pub fn take_suggestions(&mut self, suggestions: crate::session::Suggestions) {
        self.suggestions = std::sync::Arc::new(suggestions);
        self.rebuild_suggestions();
    }

    /// The suggestions: detection's, plus every learned name in the text that detection did
    /// not suggest.
    pub fn rebuild_suggestions(&mut self) {
        let found = self.learned.find(&self.doc.text);
        let suggestions = std::sync::Arc::unwrap_or_clone(std::mem::take(&mut self.suggestions));
        self.suggestions = std::sync::Arc::new(suggestions.with_learned(found));
        self.suggestions_stale = false;
    }

    /// After the learned names changed: the suggestions are rebuilt with them now, or marked
    /// stale for a worker (see [`Session::rebuild_suggestions_later`]).
    pub(super) fn learned_changed(&mut self) {
        if self.rebuild_later {
            self.suggestions_stale = true;
        } else {
            self.rebuild_suggestions();
        }
    }

    /// Edits that accept claim suggestion `index`, with its suggested speaker.
    fn claim_accept_edits(&mut self, index: usize) -> Vec<Edit> {
        let s = self.suggestions.claims[index].clone();
        let mut edits = Vec::new();
        let mut claim = self.new_annotation(Kind::Claim, &s.label, s.range.clone());
        match s.speaker.map(|e| self.suggested_speaker(e)) {
            Some(SpeakerChoice::Suggestion(speaker)) => {
                let (speaker_edits, id) = self.entity_accept_edits(speaker);
                edits.extend(speaker_edits);
                claim.speaker = Some(id);
            }
            Some(SpeakerChoice::Entity(id)) => claim.speaker = Some(id),
            Some(SpeakerChoice::Nobody) | None => {}
        }
        if self.annotations.find_exact(Kind::Claim, &s.range).is_none() {
            edits.push(Edit::Insert(claim));
        }
        edits
    }

    /// Accepts claim suggestion `index` and its suggested speaker.
    pub fn accept_claim(&mut self, index: usize) -> Outcome {
        let edits = self.claim_accept_edits(index);
        self.commit("accepted a claim".into(), edits)
    }

    /// Accepts every open suggestion overlapping `range` that lies inside it.
    pub fn accept_all_in(&mut self, range: Range<usize>) -> Outcome {
        let entities: Vec<usize> = self
            .suggestions
            .entities_in(range.clone())
            .filter(|&i| self.entity_suggestion_open(i))
            .collect();
        let claims: Vec<usize> = self
            .suggestions
            .claims_in(range.clone())
            .filter(|&i| self.claim_suggestion_open(i))
            .collect();
        let mut edits = Vec::new();
        for i in &entities {
            for edit in self.entity_accept_edits(*i).0 {
                self.apply(&edit);
                edits.push(edit);
            }
        }
        for i in &claims {
            for edit in self.claim_accept_edits(*i) {
                self.apply(&edit);
                edits.push(edit);
            }
        }
        self.unapply(&edits);
        let count = entities.len() + claims.len();
        if count == 0 {
            return Outcome::Unchanged(Some("no suggestion here".into()));
        }
        self.commit(format!("accepted {}", plural(count, "suggestion")), edits)
    }

    /// Rejects suggestions so they are no longer offered: an entity suggestion's actor (with
    /// its label) everywhere in the article, a claim suggestion's text.
    pub fn reject(&mut self, kind: Kind, indices: &[usize]) -> Outcome {
        let mut rejections: Vec<Rejection> = indices
            .iter()
            .map(|&i| match kind {
                Kind::Entity => entity_rejection(&self.suggestions.entities[i]),
                Kind::Claim => self
                    .annotated()
                    .claim_rejection(&self.suggestions.claims[i]),
            })
            .filter(|r| !self.rejected.contains(r))
            .collect();
        rejections.sort();
        rejections.dedup();
        let what = match (kind, rejections.first()) {
            (Kind::Entity, Some(r)) => format!("{} ({})", r.name, r.label),
            _ => "claim".to_string(),
        };
        let edits = rejections.into_iter().map(Edit::Reject).collect();
        self.commit(format!("rejected suggested {what}"), edits)
    }

    /// Removes annotations (one transaction). A claim spoken by a removed mention passes to
    /// another mention of the same actor when one stays, else it has no speaker.
    pub fn remove(&mut self, ids: &[String]) -> Outcome {
        let mut edits = Vec::new();
        for id in ids {
            let Some(annotation) = self.annotations.get(id).cloned() else {
                continue;
            };
            let speaks = self
                .annotations
                .iter()
                .any(|c| c.speaker.as_deref() == Some(id.as_str()));
            let heir = speaks
                .then(|| {
                    let name = actor_name(&annotation, &self.doc.text);
                    self.annotations
                        .iter()
                        .filter(|a| a.kind == Kind::Entity && !ids.contains(&a.id))
                        .find(|a| actor_name(a, &self.doc.text) == name)
                        .map(|a| a.id.clone())
                })
                .flatten();
            let unlink: Vec<Edit> = self
                .annotations
                .iter()
                .filter(|c| c.speaker.as_deref() == Some(id.as_str()))
                .map(|c| {
                    let mut after = c.clone();
                    after.speaker = heir.clone();
                    after.modified = now();
                    Edit::Update {
                        before: c.clone(),
                        after,
                    }
                })
                .collect();
            let forget = self.forget_edit(&annotation);
            for edit in unlink
                .into_iter()
                .chain([Edit::Remove(annotation)])
                .chain(forget)
            {
                self.apply(&edit);
                edits.push(edit);
            }
        }
        self.unapply(&edits);
        let description = match ids {
            [id] => match self.annotations.get(id) {
                Some(a) if a.kind == Kind::Entity => {
                    format!("removed {:?}", self.doc.text[a.range.clone()].trim())
                }
                _ => "removed a claim".to_string(),
            },
            _ => format!("removed {} annotations", ids.len()),
        };
        self.commit(description, edits)
    }

    /// Drops an unplaced annotation (the user decided it is gone with the old text).
    pub fn drop_unplaced(&mut self, id: &str) -> Outcome {
        let Some(dropped) = self.unplaced.iter().find(|u| u.id == id).cloned() else {
            return Outcome::Unchanged(None);
        };
        let description = format!("dropped unplaced {:?}", dropped.text);
        self.commit(description, vec![Edit::DropUnplaced(dropped)])
    }

    /// Sets or clears (empty text) the note of annotation `id`.
    pub fn set_note(&mut self, id: &str, note: &str) -> Outcome {
        let Some(before) = self.annotations.get(id).cloned() else {
            return Outcome::Unchanged(None);
        };
        let note = note.trim_end();
        let note = (!note.trim().is_empty()).then(|| note.to_string());
        if before.note == note {
            return Outcome::Unchanged(Some("note unchanged".into()));
        }
        let mut after = before.clone();
        after.note = note;
        after.modified = now();
        let description = if after.note.is_some() {
            "note saved"
        } else {
            "note removed"
        };
        self.commit(description.into(), vec![Edit::Update { before, after }])
    }

    /// Tags every whole-word occurrence of the entity `id`'s text that is not yet tagged as
    /// an entity, with the same label and actor.
    pub fn tag_all_like(&mut self, id: &str) -> Outcome {
        let Some(model) = self.annotations.get(id).cloned() else {
            return Outcome::Unchanged(Some("tag a name first".into()));
        };
        let needle = self.doc.text[model.range.clone()].to_string();
        // Not where the name is part of a longer name, tagged or suggested ("Lee" in "Lee
        // Group", "Xi" in "Xi Jinping").
        let ranges: Vec<Range<usize>> = whole_word_matches(&self.doc.text, &needle)
            .filter(|r| {
                self.annotations
                    .overlapping(r.clone())
                    .all(|a| a.kind != Kind::Entity)
                    && self.suggestions.entities_in(r.clone()).all(|i| {
                        let s = &self.suggestions.entities[i];
                        s.range.len() <= r.len() || !self.entity_suggestion_open(i)
                    })
            })
            .collect();
        let mut edits = Vec::new();
        for range in ranges {
            let mut a = self.new_annotation(Kind::Entity, &model.label, range);
            a.actor = model.actor.clone();
            edits.push(Edit::Insert(a));
        }
        if edits.is_empty() {
            return Outcome::Unchanged(Some(format!("no other untagged {needle:?}")));
        }
        let count = edits.len();
        self.commit(format!("tagged {count} more {needle:?}"), edits)
    }
}

/// The actor an entity stands for: its canonical name, else its text.
fn actor_name<'a>(entity: &'a Annotation, text: &'a str) -> &'a str {
    entity
        .actor
        .as_deref()
        .unwrap_or_else(|| text[entity.range.clone()].trim())
}
