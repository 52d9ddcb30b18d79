//! The speaker picker's choices for a claim: nobody, then the actors named in the claim's
//! sentence, then every other actor; the suggested speaker highlighted.

use std::ops::Range;

use super::app::{App, Mode, SpeakerOption};
use crate::annotation::Kind;
use crate::session::SpeakerChoice;

/// Opens the speaker picker for claim `claim_id`: nobody, then the actors named in the claim,
/// then every other actor; the suggested speaker, if any, is highlighted.
pub(super) fn open_speaker_picker(app: &mut App, claim_id: String) {
    let session = &app.session;
    let Some(claim) = session.annotations.get(&claim_id) else {
        return;
    };
    let text = &session.doc.text;
    let speaker_labels: Vec<&str> = app
        .config
        .entity_labels
        .iter()
        .filter(|l| l.speaker)
        .map(|l| l.name.as_str())
        .collect();
    let sentence = session.doc.sentences[session.doc.sentence_at(claim.range.start)].clone();
    let near = |r: &Range<usize>| {
        (
            r.start < sentence.end && r.end > sentence.start,
            r.start <= claim.range.start,
            r.start,
        )
    };
    // (name, label) -> (rank, choice)
    let mut options: Vec<(bool, String, String, SpeakerChoice, usize)> = Vec::new();
    let mut add = |name: String, label: String, choice: SpeakerChoice, range: &Range<usize>| {
        let (in_sentence, before, start) = near(range);
        let distance = if before {
            claim.range.start - start
        } else {
            start.saturating_sub(claim.range.start) + text.len()
        };
        match options.iter_mut().find(|o| o.1 == name && o.2 == label) {
            Some(existing) => {
                let better = matches!(choice, SpeakerChoice::Entity(_))
                    && !matches!(existing.3, SpeakerChoice::Entity(_))
                    || (matches!(choice, SpeakerChoice::Entity(_))
                        == matches!(existing.3, SpeakerChoice::Entity(_))
                        && distance < existing.4);
                existing.0 |= in_sentence;
                if better {
                    existing.3 = choice;
                    existing.4 = distance;
                }
            }
            None => options.push((in_sentence, name, label, choice, distance)),
        }
    };
    for a in session.annotations.iter() {
        if a.kind == Kind::Entity && speaker_labels.contains(&a.label.as_str()) {
            add(
                a.actor_name(text).to_string(),
                a.label.clone(),
                SpeakerChoice::Entity(a.id.clone()),
                &a.range,
            );
        }
    }
    for (i, s) in session.suggestions.entities.iter().enumerate() {
        if session.entity_suggestion_open(i) && speaker_labels.contains(&s.label.as_str()) {
            add(
                s.actor.clone(),
                s.label.clone(),
                SpeakerChoice::Suggestion(i),
                &s.range,
            );
        }
    }
    options.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let suggested_speaker: Option<String> = claim
        .speaker
        .as_ref()
        .and_then(|id| session.annotations.get(id))
        .map(|a| a.actor_name(text).to_string())
        .or_else(|| {
            session
                .suggestions
                .claims_in(claim.range.clone())
                .filter_map(|i| session.suggestions.claims[i].speaker)
                .map(|e| session.suggestions.entities[e].actor.clone())
                .next()
        });
    let mut list = vec![SpeakerOption {
        name: "(nobody)".into(),
        label: String::new(),
        choice: SpeakerChoice::Nobody,
    }];
    list.extend(
        options
            .into_iter()
            .map(|(_, name, label, choice, _)| SpeakerOption {
                name,
                label,
                choice,
            }),
    );
    let selected = suggested_speaker
        .and_then(|name| list.iter().position(|o| o.name == name))
        .unwrap_or(0);
    app.mode = Mode::SpeakerPicker {
        claim_id,
        options: list,
        selected,
    };
}
