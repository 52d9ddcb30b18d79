//! The side panel's items: actors grouped by name, claims with their speakers, and
//! annotations that could not be placed. Built from the session when it changes, not on
//! every frame.

use std::borrow::Cow;
use std::ops::Range;

use crate::annotation::Kind;
use crate::session::{Annotated, SpeakerChoice};

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

/// Builds the panel's items for `session`'s annotations and suggestions.
pub fn build(session: Annotated<'_>) -> Vec<PanelItem> {
    let text = session.text;
    let suggestions = session.suggestions;
    // One group per actor of the suggestions, found by its number (a long article has tens of
    // thousands of suggested mentions: none is hashed); a confirmed entity joins its actor's
    // group by name, or one of its own. Names are borrowed: one allocation per actor.
    let mut keys: Vec<ActorKey<'_>> = (0..suggestions.actor_count() as u32)
        .map(|number| {
            let (name, label) = suggestions.actor_of_number(number);
            (Cow::Borrowed(name), label)
        })
        .collect();
    // foldhash: quicker than the default on short names, and still seeded at random, so that
    // an article cannot be written to make its names collide.
    let mut numbers: foldhash::HashMap<ActorKey<'_>, usize> = keys
        .iter()
        .enumerate()
        .map(|(number, key)| (key.clone(), number))
        .collect();
    let open = session.open_entity_suggestions();
    let actor_numbers = suggestions.actor_numbers();
    // Each group's lists made at their size at once: growing them a push at a time was a good
    // part of the cost.
    let mut open_counts = vec![0usize; keys.len()];
    for (number, _) in actor_numbers.iter().zip(&open).filter(|(_, open)| **open) {
        open_counts[*number as usize] += 1;
    }
    let mut groups: Vec<Group> = open_counts
        .iter()
        .map(|&count| Group {
            mentions: Vec::with_capacity(count),
            suggested: Vec::with_capacity(count),
            ..Group::default()
        })
        .collect();
    let mut claims = Vec::new();
    for a in session.annotations.iter() {
        match a.kind {
            Kind::Entity => {
                let key = (a.actor_name(text), a.label.as_str());
                let number = match numbers.get(&key) {
                    Some(&number) => number,
                    None => {
                        keys.push(key.clone());
                        numbers.insert(key, groups.len());
                        groups.push(Group::default());
                        groups.len() - 1
                    }
                };
                let group = &mut groups[number];
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
    for (i, s) in suggestions.entities.iter().enumerate() {
        if open[i] {
            let group = &mut groups[actor_numbers[i] as usize];
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

    // An actor whose suggestions are all taken or rejected, and has no confirmed mention,
    // has no row.
    let mut actors: Vec<(ActorKey<'_>, Group)> = keys
        .into_iter()
        .zip(groups)
        .filter(|(_, group)| !group.mentions.is_empty())
        .collect();
    let mut items = vec![PanelItem::Header(format!("Entities ({})", actors.len()))];
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
    use crate::session::{Session, Storage, SuggestedEntity, Suggestions};

    fn entity(range: Range<usize>, label: &str, actor: &str) -> SuggestedEntity {
        SuggestedEntity {
            range,
            label: label.into(),
            actor: actor.into(),
            learned: false,
        }
    }

    #[test]
    fn open_suggestions_all_at_once_are_those_open_one_at_a_time() {
        let text = "abcdefghijklmnopqrstuvwxyz".repeat(4);
        let mut entities = Vec::new();
        for start in (0..90).step_by(3) {
            for len in [1, 2, 5, 11] {
                entities.push(entity(start..start + len, "Person", "X"));
            }
        }
        let mut session = Session::new(
            Document::new(text, Source::Stdin),
            crate::annotation::AnnotationSet::new(),
            Suggestions::new(entities, Vec::new()),
            Storage {
                path: "/nonexistent/panel.gloss.json".into(),
                lock: None,
                read_only: None,
                drafts: None,
            },
        );
        // Short, long, nested and empty entities, and a claim (which covers nothing).
        for (range, kind) in [
            (4..6, crate::annotation::Kind::Entity),
            (20..41, crate::annotation::Kind::Entity),
            (25..27, crate::annotation::Kind::Entity),
            (60..60, crate::annotation::Kind::Entity),
            (70..95, crate::annotation::Kind::Claim),
        ] {
            let id = session.annotations.fresh_id();
            session.annotations.insert(crate::annotation::Annotation {
                id,
                kind,
                label: "Person".into(),
                range,
                actor: None,
                speaker: None,
                note: None,
                created: String::new(),
                modified: String::new(),
            });
        }
        let one_at_a_time: Vec<bool> = (0..session.suggestions.entities.len())
            .map(|i| session.entity_suggestion_open(i))
            .collect();
        assert!(one_at_a_time.iter().any(|open| *open));
        assert!(one_at_a_time.iter().any(|open| !*open));
        assert_eq!(session.open_entity_suggestions(), one_at_a_time);
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
            let rows: Vec<(String, String, usize)> = build(session.annotated())
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
