//! The side panel's items: actors grouped by name, claims with their speakers, and
//! annotations that could not be placed. Built from the session when it changes, not on
//! every frame.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::annotation::Kind;
use crate::session::{Session, SpeakerChoice};

/// What a panel row stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanelItem {
    /// A section title.
    Header(String),
    /// An actor with its label: its confirmed mentions and its open suggestions, one row.
    Actor {
        /// The actor's name.
        name: String,
        /// Its label.
        label: String,
        /// Every mention's range (confirmed and suggested) in article order.
        mentions: Vec<Range<usize>>,
        /// Ids of the confirmed mentions.
        confirmed: Vec<String>,
        /// Indices of the open entity suggestions.
        suggested: Vec<usize>,
        /// Whether any mention has a note.
        noted: bool,
    },
    /// A claim.
    Claim {
        /// Its range.
        range: Range<usize>,
        /// Its label.
        label: String,
        /// The speaker's name, if any.
        speaker: Option<String>,
        /// The confirmed claim's id, or the suggestion's index.
        member: Member,
        /// Whether it has a note.
        noted: bool,
    },
    /// An annotation whose text is no longer in the article.
    Unplaced {
        /// Its id.
        id: String,
        /// Its quoted text.
        text: String,
        /// Its kind and label, e.g. "Person".
        label: String,
    },
}

/// One annotation or suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member {
    /// A confirmed annotation id.
    Confirmed(String),
    /// A suggestion index.
    Suggested(usize),
}

impl PanelItem {
    /// True for rows that can be selected.
    pub fn selectable(&self) -> bool {
        !matches!(self, PanelItem::Header(_))
    }
}

/// An actor's name and label.
type ActorKey = (String, String);

/// What the panel gathers for one actor.
#[derive(Default)]
struct Group {
    mentions: Vec<Range<usize>>,
    confirmed: Vec<String>,
    suggested: Vec<usize>,
    noted: bool,
}

/// Builds the panel's items for `session`.
pub fn build(session: &Session) -> Vec<PanelItem> {
    let text = &session.doc.text;
    let mut groups: BTreeMap<ActorKey, Group> = BTreeMap::new();
    let mut claims = Vec::new();
    for a in session.annotations.iter() {
        match a.kind {
            Kind::Entity => {
                let group = groups
                    .entry((a.actor_name(text).to_string(), a.label.clone()))
                    .or_default();
                group.mentions.push(a.range.clone());
                group.confirmed.push(a.id.clone());
                group.noted |= a.note.is_some();
            }
            Kind::Claim => {
                let speaker = a
                    .speaker
                    .as_ref()
                    .and_then(|id| session.annotations.get(id))
                    .map(|s| s.actor_name(text).to_string());
                claims.push(PanelItem::Claim {
                    range: a.range.clone(),
                    label: a.label.clone(),
                    speaker,
                    member: Member::Confirmed(a.id.clone()),
                    noted: a.note.is_some(),
                });
            }
        }
    }
    for (i, s) in session.suggestions.entities.iter().enumerate() {
        if session.entity_suggestion_open(i) {
            let group = groups
                .entry((s.actor.clone(), s.label.clone()))
                .or_default();
            group.mentions.push(s.range.clone());
            group.suggested.push(i);
        }
    }
    for (i, s) in session.suggestions.claims.iter().enumerate() {
        if session.claim_suggestion_open(i) {
            claims.push(PanelItem::Claim {
                range: s.range.clone(),
                label: s.label.clone(),
                speaker: s.speaker.and_then(|e| match session.suggested_speaker(e) {
                    SpeakerChoice::Entity(id) => session
                        .annotations
                        .get(&id)
                        .map(|a| a.actor_name(text).to_string()),
                    SpeakerChoice::Suggestion(e) => {
                        Some(session.suggestions.entities[e].actor.clone())
                    }
                    SpeakerChoice::Nobody => None,
                }),
                member: Member::Suggested(i),
                noted: false,
            });
        }
    }
    claims.sort_by_key(|c| match c {
        PanelItem::Claim { range, member, .. } => {
            (range.start, matches!(member, Member::Suggested(_)))
        }
        _ => (0, false),
    });

    let mut items = vec![PanelItem::Header(format!("Entities ({})", groups.len()))];
    let mut actors: Vec<PanelItem> = groups
        .into_iter()
        .map(|((name, label), mut group)| {
            group.mentions.sort_by_key(|m| m.start);
            PanelItem::Actor {
                name,
                label,
                mentions: group.mentions,
                confirmed: group.confirmed,
                suggested: group.suggested,
                noted: group.noted,
            }
        })
        .collect();
    // Actors with confirmed mentions first, then by first appearance in the article.
    actors.sort_by_key(|item| match item {
        PanelItem::Actor {
            mentions,
            confirmed,
            ..
        } => (
            confirmed.is_empty(),
            mentions.first().map_or(0, |m| m.start),
        ),
        _ => (true, 0),
    });
    items.extend(actors);
    items.push(PanelItem::Header(format!("Claims ({})", claims.len())));
    items.extend(claims);
    if !session.unplaced.is_empty() {
        items.push(PanelItem::Header(format!(
            "Unplaced ({})",
            session.unplaced.len()
        )));
        items.extend(session.unplaced.iter().map(|u| PanelItem::Unplaced {
            id: u.id.clone(),
            text: u.text.clone(),
            label: u.label.clone(),
        }));
    }
    items
}
