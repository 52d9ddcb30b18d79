//! Suggestions for one article, held apart from confirmed annotations: they are shown
//! differently and never written to the annotation file until the user accepts them.

use std::ops::Range;

use crate::config::Config;
use crate::detect::Detection;
use crate::text::graphemes::widen;

/// A suggested entity mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestedEntity {
    /// Byte range in the article.
    pub range: Range<usize>,
    /// A configured entity label.
    pub label: String,
    /// The canonical actor name.
    pub actor: String,
    /// True when it comes from the user's learned names rather than from detection.
    pub learned: bool,
}

/// A suggested claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestedClaim {
    /// Byte range in the article.
    pub range: Range<usize>,
    /// A configured claim label.
    pub label: String,
    /// The suggested speaker, an index into [`Suggestions::entities`].
    pub speaker: Option<usize>,
}

/// All suggestions for an article, each list ordered by start.
#[derive(Debug, Clone, Default)]
pub struct Suggestions {
    /// Entity suggestions.
    pub entities: Vec<SuggestedEntity>,
    /// Claim suggestions.
    pub claims: Vec<SuggestedClaim>,
    longest_entity: usize,
    longest_claim: usize,
    /// For each entity suggestion, the number of its actor (its name and label), in order
    /// of first appearance, and for each number its first suggestion: the panel groups
    /// mentions by it without hashing every name. Worked out when first asked for (the
    /// suggestions are rebuilt twice over when a name is learned).
    actors: std::sync::OnceLock<(Vec<u32>, Vec<usize>)>,
}

impl Suggestions {
    /// Turns a detection over `text` into suggestions with the labels of `config`; a detected
    /// label the config does not have is dropped (the user renamed or removed it). Spans are
    /// widened to whole grapheme clusters, so a name never ends before its accent.
    pub fn from_detection(detection: Detection, config: &Config, text: &str) -> Self {
        let mut index_map = vec![None; detection.entities.len()];
        let mut entities = Vec::with_capacity(detection.entities.len());
        for (i, mention) in detection.entities.into_iter().enumerate() {
            let name = mention.label.name();
            if config.entity_labels.iter().any(|l| l.name == name) {
                index_map[i] = Some(entities.len());
                let range = widen(text, mention.range.clone());
                let actor =
                    if range != mention.range && mention.actor == text[mention.range.clone()] {
                        text[range.clone()].to_string()
                    } else {
                        mention.actor
                    };
                entities.push(SuggestedEntity {
                    range,
                    label: name.to_string(),
                    actor,
                    learned: false,
                });
            }
        }
        let claim_label = config.claim_labels[0].name.clone();
        let claims = detection
            .claims
            .into_iter()
            .map(|claim| SuggestedClaim {
                range: widen(text, claim.range),
                label: claim_label.clone(),
                speaker: claim
                    .speaker
                    .and_then(|s| index_map.get(s).copied().flatten()),
            })
            .collect();
        Self::new(entities, claims)
    }

    /// Builds the lists, sorting each by start (speaker indices are remapped).
    pub fn new(entities: Vec<SuggestedEntity>, mut claims: Vec<SuggestedClaim>) -> Self {
        // Most often they come in order already (a learned name's rebuild keeps detection's):
        // nothing to move, no speaker to renumber.
        let entities = if entities.is_sorted_by_key(|e| (e.range.start, e.range.end)) {
            entities
        } else {
            Self::in_order(entities, &mut claims)
        };
        claims.sort_by_key(|c| (c.range.start, c.range.end));
        Self {
            longest_entity: entities.iter().map(|e| e.range.len()).max().unwrap_or(0),
            longest_claim: claims.iter().map(|c| c.range.len()).max().unwrap_or(0),
            entities,
            claims,
            actors: std::sync::OnceLock::new(),
        }
    }

    /// `entities` sorted by range, with the speakers of `claims` renumbered to match.
    fn in_order(
        entities: Vec<SuggestedEntity>,
        claims: &mut [SuggestedClaim],
    ) -> Vec<SuggestedEntity> {
        let mut order: Vec<usize> = (0..entities.len()).collect();
        order.sort_by_key(|&i| (entities[i].range.start, entities[i].range.end));
        let mut new_index = vec![0; entities.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut slots: Vec<Option<SuggestedEntity>> = entities.into_iter().map(Some).collect();
        let entities: Vec<SuggestedEntity> = order
            .iter()
            .map(|&i| slots[i].take().expect("each index once"))
            .collect();
        for claim in claims.iter_mut() {
            claim.speaker = claim.speaker.map(|s| new_index[s]);
        }
        entities
    }

    /// The actor number of each entity suggestion (see [`Suggestions::actor_of_number`]).
    pub fn actor_numbers(&self) -> &[u32] {
        &self.numbered().0
    }

    /// The name and label of actor number `number`.
    pub fn actor_of_number(&self, number: u32) -> (&str, &str) {
        let first = &self.entities[self.numbered().1[number as usize]];
        (&first.actor, &first.label)
    }

    /// How many actors the entity suggestions name.
    pub fn actor_count(&self) -> usize {
        self.numbered().1.len()
    }

    fn numbered(&self) -> &(Vec<u32>, Vec<usize>) {
        self.actors.get_or_init(|| number_actors(&self.entities))
    }

    /// These suggestions with those from learned names replaced by `learned` (each given as
    /// range, label and actor), leaving out any that overlaps a detected suggestion.
    pub fn with_learned(self, learned: Vec<(Range<usize>, String, String)>) -> Self {
        let had_learned = self.entities.iter().any(|e| e.learned);
        if learned.is_empty() && !had_learned {
            return self;
        }
        let mut index_map = vec![None; self.entities.len()];
        let mut entities = Vec::with_capacity(self.entities.len());
        for (i, e) in self.entities.into_iter().enumerate() {
            if !e.learned {
                index_map[i] = Some(entities.len());
                entities.push(e);
            }
        }
        let claims = self
            .claims
            .into_iter()
            .map(|mut c| {
                c.speaker = c.speaker.and_then(|s| index_map[s]);
                c
            })
            .collect();
        let detected = Self::new(entities, claims);
        // A learned name wins over the detected ones it strictly contains (the user tagged
        // "Le Figaro newspaper", detection found "Le Figaro"); where it only overlaps or
        // covers the same text, detection, which knows the context, wins.
        let mut replaced_by: Vec<Option<usize>> = vec![None; detected.entities.len()];
        let mut extra: Vec<SuggestedEntity> = Vec::new();
        for (range, label, actor) in learned {
            let overlapping: Vec<usize> = detected.entities_in(range.clone()).collect();
            let contains_all = overlapping.iter().all(|&i| {
                let r = &detected.entities[i].range;
                range.start <= r.start && r.end <= range.end && r.len() < range.len()
            });
            if !contains_all {
                continue;
            }
            for i in overlapping {
                replaced_by[i] = Some(extra.len());
            }
            extra.push(SuggestedEntity {
                range,
                label,
                actor,
                learned: true,
            });
        }
        if extra.is_empty() {
            return detected;
        }
        let mut new_index = vec![None; detected.entities.len()];
        let mut entities = Vec::with_capacity(detected.entities.len() + extra.len());
        for (i, e) in detected.entities.into_iter().enumerate() {
            if replaced_by[i].is_none() {
                new_index[i] = Some(entities.len());
                entities.push(e);
            }
        }
        let kept = entities.len();
        entities.extend(extra);
        let claims = detected
            .claims
            .into_iter()
            .map(|mut c| {
                c.speaker = c
                    .speaker
                    .and_then(|s| new_index[s].or(replaced_by[s].map(|l| kept + l)));
                c
            })
            .collect();
        Self::new(entities, claims)
    }

    /// Indices of entity suggestions overlapping `range`.
    pub fn entities_in(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        overlapping(&self.entities, |e| &e.range, self.longest_entity, range)
    }

    /// Indices of claim suggestions overlapping `range`.
    pub fn claims_in(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        overlapping(&self.claims, |c| &c.range, self.longest_claim, range)
    }
}

/// Indices of items (ordered by start) whose range overlaps `range`.
fn overlapping<'a, T>(
    items: &'a [T],
    range_of: impl Fn(&T) -> &Range<usize> + Copy + 'a,
    longest: usize,
    range: Range<usize>,
) -> impl Iterator<Item = usize> + 'a {
    let from = range.start.saturating_sub(longest);
    let first = items.partition_point(|item| range_of(item).start < from);
    let end = range.end.max(range.start + 1);
    (first..items.len())
        .take_while(move |&i| range_of(&items[i]).start < end)
        .filter(move |&i| range_of(&items[i]).end > range.start)
}

/// Numbers the actors (name and label) of `entities` in order of first appearance: each
/// entity's number, and each number's first entity.
fn number_actors(entities: &[SuggestedEntity]) -> (Vec<u32>, Vec<usize>) {
    let mut numbers: foldhash::HashMap<(&str, &str), u32> = Default::default();
    let mut first_of_actor = Vec::new();
    let actor_numbers = entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            *numbers
                .entry((e.actor.as_str(), e.label.as_str()))
                .or_insert_with(|| {
                    first_of_actor.push(i);
                    (first_of_actor.len() - 1) as u32
                })
        })
        .collect();
    (actor_numbers, first_of_actor)
}
