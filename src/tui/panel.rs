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
    /// An actor: confirmed mentions, or open suggestions when `suggested`.
    Actor {
        /// The actor's name.
        name: String,
        /// Its label.
        label: String,
        /// Mention ranges in article order.
        mentions: Vec<Range<usize>>,
        /// Annotation ids (confirmed) or suggestion indices (suggested), as strings or
        /// numbers respectively.
        members: Members,
        /// True for a group of suggestions.
        suggested: bool,
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
        /// Its quoted text.
        text: String,
        /// Its kind and label, e.g. "Person".
        label: String,
    },
}

/// The annotations or suggestions a panel row stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Members {
    /// Confirmed annotation ids.
    Confirmed(Vec<String>),
    /// Entity suggestion indices.
    Suggested(Vec<usize>),
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
/// An actor's mention ranges and the ids or indices of its members.
type Group<T> = (Vec<Range<usize>>, Vec<T>);

/// Builds the panel's items for `session`.
pub fn build(session: &Session) -> Vec<PanelItem> {
    let text = &session.doc.text;
    let mut confirmed: BTreeMap<ActorKey, Group<String>> = BTreeMap::new();
    let mut noted_actors = std::collections::BTreeSet::new();
    let mut claims = Vec::new();
    for a in session.annotations.iter() {
        match a.kind {
            Kind::Entity => {
                let key = (a.actor_name(text).to_string(), a.label.clone());
                if a.note.is_some() {
                    noted_actors.insert(key.clone());
                }
                let entry = confirmed.entry(key).or_default();
                entry.0.push(a.range.clone());
                entry.1.push(a.id.clone());
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
    let mut suggested: BTreeMap<ActorKey, Group<usize>> = BTreeMap::new();
    for (i, s) in session.suggestions.entities.iter().enumerate() {
        if session.entity_suggestion_open(i) {
            let entry = suggested
                .entry((s.actor.clone(), s.label.clone()))
                .or_default();
            entry.0.push(s.range.clone());
            entry.1.push(i);
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

    let mut items = Vec::new();
    let actor_count = confirmed.len() + suggested.len();
    items.push(PanelItem::Header(format!("Entities ({actor_count})")));
    let mut actors: Vec<PanelItem> = confirmed
        .into_iter()
        .map(|((name, label), (mentions, ids))| PanelItem::Actor {
            noted: noted_actors.contains(&(name.clone(), label.clone())),
            name,
            label,
            mentions,
            members: Members::Confirmed(ids),
            suggested: false,
        })
        .collect();
    actors.extend(
        suggested
            .into_iter()
            .map(|((name, label), (mentions, ids))| PanelItem::Actor {
                name,
                label,
                mentions,
                members: Members::Suggested(ids),
                suggested: true,
                noted: false,
            }),
    );
    // Confirmed before suggested, then by first appearance in the article.
    actors.sort_by_key(|item| match item {
        PanelItem::Actor {
            mentions,
            suggested,
            ..
        } => (*suggested, mentions.first().map_or(0, |m| m.start)),
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
            text: u.text.clone(),
            label: u.label.clone(),
        }));
    }
    items
}
