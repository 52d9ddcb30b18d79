//! The side panel's items: actors grouped by name, claims with their speakers, and
//! annotations that could not be placed. Built from the session when it changes, not on
//! every frame.

use std::borrow::Cow;
use std::collections::HashMap;
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

/// An actor's name and label, borrowed from the session while the panel is built.
type ActorKey<'a> = (Cow<'a, str>, &'a str);

/// What the panel gathers for one actor.
#[derive(Default)]
struct Group {
    mentions: Vec<Range<usize>>,
    confirmed: Vec<String>,
    suggested: Vec<usize>,
    noted: bool,
}

/// Where an actor's row goes: those with confirmed mentions first, then by first appearance
/// in the article, then by name and label (so that the order never depends on the map's).
fn actor_order<'b>(
    ((name, label), group): &'b (ActorKey<'_>, Group),
) -> (bool, usize, &'b str, &'b str) {
    (
        group.confirmed.is_empty(),
        group.mentions.first().map_or(0, |m| m.start),
        name,
        label,
    )
}

/// Builds the panel's items for `session`.
pub fn build(session: &Session) -> Vec<PanelItem> {
    let text = &session.doc.text;
    // Keyed by borrowed names: one allocation per actor, not per mention (a long article
    // has tens of thousands of suggestions); the order is set by the sort below.
    let mut groups: HashMap<ActorKey<'_>, Group> = HashMap::new();
    let mut claims = Vec::new();
    for a in session.annotations.iter() {
        match a.kind {
            Kind::Entity => {
                let group = groups
                    .entry((a.actor_name(text), a.label.as_str()))
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
                .entry((Cow::Borrowed(s.actor.as_str()), s.label.as_str()))
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
    let mut actors: Vec<(ActorKey<'_>, Group)> = groups.into_iter().collect();
    for (_, group) in &mut actors {
        group.mentions.sort_by_key(|m| m.start);
    }
    actors.sort_by(|a, b| actor_order(a).cmp(&actor_order(b)));
    let actors = actors
        .into_iter()
        .map(|((name, label), group)| PanelItem::Actor {
            name: name.into_owned(),
            label: label.to_string(),
            mentions: group.mentions,
            confirmed: group.confirmed,
            suggested: group.suggested,
            noted: group.noted,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Source};
    use crate::session::{Storage, SuggestedEntity, Suggestions};

    fn entity(range: Range<usize>, label: &str, actor: &str) -> SuggestedEntity {
        SuggestedEntity {
            range,
            label: label.into(),
            actor: actor.into(),
            learned: false,
        }
    }

    #[test]
    fn actors_are_listed_by_first_mention_then_name_and_label_every_time() {
        let text = "Paris wins. Jordan and Paris lose. Jordan again.";
        let suggestions = Suggestions::new(
            vec![
                entity(12..18, "Person", "Jordan"),
                entity(12..18, "Place", "Jordan"),
                entity(0..5, "Place", "Paris"),
                entity(23..28, "Person", "Paris"),
                entity(35..41, "Place", "Jordan"),
                entity(12..18, "Organisation", "Jordan"),
            ],
            Vec::new(),
        );
        let storage = Storage {
            path: "/nonexistent/panel.gloss.json".into(),
            lock: None,
            read_only: None,
            drafts: None,
        };
        let doc = Document::new(text.to_string(), Source::Stdin);
        let session = Session::new(
            doc,
            crate::annotation::AnnotationSet::new(),
            suggestions,
            storage,
        );
        for _ in 0..20 {
            let rows: Vec<(String, String, usize)> = build(&session)
                .into_iter()
                .filter_map(|item| match item {
                    PanelItem::Actor {
                        name,
                        label,
                        suggested,
                        ..
                    } => Some((name, label, suggested.len())),
                    _ => None,
                })
                .collect();
            let expected = [
                ("Paris", "Place", 1),
                ("Jordan", "Organisation", 1),
                ("Jordan", "Person", 1),
                ("Jordan", "Place", 2),
                ("Paris", "Person", 1),
            ];
            let expected: Vec<(String, String, usize)> = expected
                .iter()
                .map(|(n, l, c)| (n.to_string(), l.to_string(), *c))
                .collect();
            assert_eq!(rows, expected);
        }
    }
}
