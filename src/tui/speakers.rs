//! The speaker picker's choices for a claim: nobody, then every actor by name (an order that
//! stays the same from claim to claim, so a number picks the same actor each time); the
//! suggested speaker highlighted.

use std::ops::Range;

use super::app::{App, Mode, PickerClaim, SpeakerOption, SpeakerPicker};
use super::outcome::after;
use super::request::Request;
use crate::annotation::Kind;
use crate::session::SpeakerChoice;

/// Opens the speaker picker for `claim`: nobody, then every actor by name; the speaker the
/// claim has, or else the suggested one, is highlighted.
pub(super) fn open_speaker_picker(app: &mut App, claim: PickerClaim) {
    let session = &app.session;
    let (range, current) = match &claim {
        PickerClaim::Tagged(id) => {
            let Some(tagged) = session.annotations.get(id) else {
                return;
            };
            (tagged.range.clone(), tagged.speaker.clone())
        }
        PickerClaim::New { range, .. } => (range.clone(), None),
    };
    let text = &session.doc.text;
    let speaker_labels: Vec<&str> = app
        .config
        .entity_labels
        .iter()
        .filter(|l| l.speaker)
        .map(|l| l.name.as_str())
        .collect();
    let claim_start = range.start;
    // (name, label, choice, distance, other names): one row per actor, standing for its nearest mention
    // before the claim (tagged mentions first).
    let mut options: Vec<(String, String, SpeakerChoice, usize, Vec<String>)> = Vec::new();
    let mut add = |name: String, label: String, choice: SpeakerChoice, mention: &Range<usize>| {
        let distance = if mention.start <= claim_start {
            claim_start - mention.start
        } else {
            mention.start.saturating_sub(claim_start) + text.len()
        };
        let written = text[mention.clone()].trim().to_string();
        let tagged = |c: &SpeakerChoice| matches!(c, SpeakerChoice::Entity(_));
        match options.iter_mut().find(|o| o.0 == name && o.1 == label) {
            Some(existing) => {
                let better = tagged(&choice) && !tagged(&existing.2)
                    || (tagged(&choice) == tagged(&existing.2) && distance < existing.3);
                if better {
                    existing.2 = choice;
                    existing.3 = distance;
                }
                if written != name && !existing.4.contains(&written) {
                    existing.4.push(written);
                }
            }
            None => {
                let also = (written != name).then_some(written).into_iter().collect();
                options.push((name, label, choice, distance, also));
            }
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
    options.sort_by(|a, b| (a.0.to_lowercase(), &a.1).cmp(&(b.0.to_lowercase(), &b.1)));
    let suggested_speaker: Option<String> = current
        .as_ref()
        .and_then(|id| session.annotations.get(id))
        .map(|a| a.actor_name(text).to_string())
        .or_else(|| {
            session
                .suggestions
                .claims_in(range.clone())
                .filter_map(|i| session.suggestions.claims[i].speaker)
                .map(|e| session.suggestions.entities[e].actor.clone())
                .next()
        });
    let mut list = vec![SpeakerOption {
        name: "(nobody)".into(),
        label: String::new(),
        choice: SpeakerChoice::Nobody,
        also: Vec::new(),
    }];
    list.extend(
        options
            .into_iter()
            .map(|(name, label, choice, _, also)| SpeakerOption {
                name,
                label,
                choice,
                also,
            }),
    );
    let selected = suggested_speaker
        .and_then(|name| list.iter().position(|o| o.name == name))
        .unwrap_or(0);
    app.mode = Mode::SpeakerPicker(SpeakerPicker {
        claim,
        options: list,
        filter: String::new(),
        selected,
        suggested: selected,
    });
}
/// Tags `range` as a claim labelled `label` once its speaker is chosen: the speaker picker
/// opens, and the claim is made with the choice (Esc there tags nothing).
pub(super) fn finish_claim(app: &mut App, range: Range<usize>, label: &str) -> Vec<Request> {
    app.selection = None;
    if app.session.is_read_only() {
        let (outcome, _) = app.session.tag_claim(range, label);
        return after(app, outcome);
    }
    // A claim already tagged there (with this label) has its speaker changed, as `s` does.
    let claim = match app.session.annotations.find_exact(Kind::Claim, &range) {
        Some(existing) if existing.label == label => PickerClaim::Tagged(existing.id.clone()),
        _ => PickerClaim::New {
            range,
            label: label.to_string(),
        },
    };
    open_speaker_picker(app, claim);
    Vec::new()
}
