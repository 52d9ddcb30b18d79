//! The annotation model: one tagged span (an entity mention or a claim) and the ordered set
//! of them for one article. Ranges are byte ranges into the article text.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// What an annotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A mention of an actor or a date.
    Entity,
    /// A statement attributed to a speaker.
    Claim,
}

impl Kind {
    /// "entity" or "claim".
    pub fn name(self) -> &'static str {
        match self {
            Kind::Entity => "entity",
            Kind::Claim => "claim",
        }
    }
}

/// One confirmed annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// Stable identifier within the file, e.g. "a12".
    pub id: String,
    /// Entity or claim.
    pub kind: Kind,
    /// A label from the config, e.g. "Person" or "Claim".
    pub label: String,
    /// Byte range into the article text.
    pub range: Range<usize>,
    /// For an entity: the canonical actor name that groups mentions ("Vladimir Putin" for
    /// "Putin"); `None` means the covered text is the name.
    pub actor: Option<String>,
    /// For a claim: the id of the entity annotation that speaks it.
    pub speaker: Option<String>,
    /// The user's note.
    pub note: Option<String>,
    /// RFC 3339 creation time.
    pub created: String,
    /// RFC 3339 time of the last change.
    pub modified: String,
}

impl Annotation {
    /// The actor name this entity groups under: its canonical actor, else its text.
    pub fn actor_name<'a>(&'a self, text: &'a str) -> std::borrow::Cow<'a, str> {
        let name = self
            .actor
            .as_deref()
            .unwrap_or_else(|| &text[self.range.clone()]);
        crate::text::names::normalise(name)
    }

    /// True when the range contains byte offset `at`.
    pub fn contains(&self, at: usize) -> bool {
        self.range.start <= at && at < self.range.end
    }
}

/// The current time as RFC 3339, to the second, in UTC.
pub fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| jiff::Timestamp::now().to_string())
}

/// The confirmed annotations of one article, ordered by (start, end, kind, id).
///
/// Lookups by position are a binary search plus a scan bounded by the longest annotation,
/// so drawing a screen costs what is on the screen, not what is in the article.
#[derive(Debug, Clone, Default)]
pub struct AnnotationSet {
    /// Shared so that a save, or the worker that builds the panel, can take the set as it
    /// is without copying it (see [`AnnotationSet::snapshot`]; cloning the set is two
    /// reference counts): a change copies the list only while such a copy is still held.
    items: Arc<Vec<Arc<Annotation>>>,
    /// Where each annotation sorts, by id: a lookup by id is a hash lookup and a binary
    /// search, not a scan (a claim's speaker is looked up by id, for every claim).
    places: Arc<HashMap<String, (usize, usize, Kind)>>,
    longest: usize,
    next_id: u64,
}

fn place_of(a: &Annotation) -> (usize, usize, Kind) {
    (a.range.start, a.range.end, a.kind)
}

fn order_key(a: &Annotation) -> (usize, usize, Kind, &str) {
    (a.range.start, a.range.end, a.kind, a.id.as_str())
}

impl AnnotationSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a set from annotations in any order.
    pub fn from_vec(items: Vec<Annotation>) -> Self {
        let mut items: Vec<Arc<Annotation>> = items.into_iter().map(Arc::new).collect();
        items.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
        let longest = items.iter().map(|a| a.range.len()).max().unwrap_or(0);
        let next_id = items
            .iter()
            .filter_map(|a| id_number(&a.id))
            .max()
            .unwrap_or(0)
            + 1;
        let places = items.iter().map(|a| (a.id.clone(), place_of(a))).collect();
        Self {
            items: Arc::new(items),
            places: Arc::new(places),
            longest,
            next_id,
        }
    }

    /// A fresh id that no annotation in the set has had in this session.
    pub fn fresh_id(&mut self) -> String {
        self.next_id = self.next_id.max(1);
        let id = format!("a{}", self.next_id);
        self.next_id += 1;
        id
    }

    /// Makes sure `id` is never handed out by [`AnnotationSet::fresh_id`] (ids kept outside
    /// the set, such as unplaced annotations, share the file's id space).
    pub fn reserve_id(&mut self, id: &str) {
        if let Some(n) = id_number(id) {
            self.next_id = self.next_id.max(n + 1);
        }
    }

    /// Number of annotations.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All annotations in order.
    pub fn iter(&self) -> impl Iterator<Item = &Annotation> {
        self.items.iter().map(|a| &**a)
    }

    /// The annotations as they are now, in order, shared rather than copied: a change made
    /// afterwards does not show in it.
    pub fn snapshot(&self) -> Arc<Vec<Arc<Annotation>>> {
        self.items.clone()
    }

    /// Adds an annotation (its id must be new).
    pub fn insert(&mut self, annotation: Annotation) {
        if let Some(n) = id_number(&annotation.id) {
            self.next_id = self.next_id.max(n + 1);
        }
        self.longest = self.longest.max(annotation.range.len());
        let at = {
            let key = order_key(&annotation);
            self.items.partition_point(|a| order_key(a) < key)
        };
        Arc::make_mut(&mut self.places).insert(annotation.id.clone(), place_of(&annotation));
        Arc::make_mut(&mut self.items).insert(at, Arc::new(annotation));
    }

    /// Adds many annotations (their ids must be new) with one sort, instead of moving the
    /// tail of the list once per annotation.
    pub fn insert_many(&mut self, annotations: impl IntoIterator<Item = Annotation>) {
        let items = Arc::make_mut(&mut self.items);
        let places = Arc::make_mut(&mut self.places);
        for annotation in annotations {
            if let Some(n) = id_number(&annotation.id) {
                self.next_id = self.next_id.max(n + 1);
            }
            self.longest = self.longest.max(annotation.range.len());
            places.insert(annotation.id.clone(), place_of(&annotation));
            items.push(Arc::new(annotation));
        }
        items.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
    }

    /// Removes the annotations whose ids are in `ids`, in one pass.
    pub fn remove_many(&mut self, ids: &std::collections::HashSet<&str>) {
        Arc::make_mut(&mut self.items).retain(|a| !ids.contains(a.id.as_str()));
        let places = Arc::make_mut(&mut self.places);
        for id in ids {
            places.remove(*id);
        }
    }

    /// Removes and returns the annotation with `id`.
    pub fn remove(&mut self, id: &str) -> Option<Annotation> {
        let at = self.position(id)?;
        Arc::make_mut(&mut self.places).remove(id);
        Some(Arc::unwrap_or_clone(
            Arc::make_mut(&mut self.items).remove(at),
        ))
    }

    /// Where the annotation with `id` is in the list.
    fn position(&self, id: &str) -> Option<usize> {
        let &(start, end, kind) = self.places.get(id)?;
        let key = (start, end, kind, id);
        let at = self.items.partition_point(|a| order_key(a) < key);
        (self.items.get(at)?.id == id).then_some(at)
    }

    /// Replaces the annotation with the same id, returning the old one.
    pub fn replace(&mut self, annotation: Annotation) -> Option<Annotation> {
        let old = self.remove(&annotation.id)?;
        self.insert(annotation);
        Some(old)
    }

    /// The annotation with `id`.
    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.items.get(self.position(id)?).map(|a| &**a)
    }

    /// Annotations that overlap `range` (or, for an empty range, contain its start).
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Annotation> {
        let from = range.start.saturating_sub(self.longest);
        let first = self.items.partition_point(|a| a.range.start < from);
        self.items[first..]
            .iter()
            .map(|a| &**a)
            .take_while(move |a| a.range.start < range.end.max(range.start + 1))
            .filter(move |a| {
                a.range.end > range.start || (a.range.is_empty() && a.range.start == range.start)
            })
    }

    /// The annotation of `kind` covering exactly `range`.
    pub fn find_exact(&self, kind: Kind, range: &Range<usize>) -> Option<&Annotation> {
        let first = self.items.partition_point(|a| a.range.start < range.start);
        self.items[first..]
            .iter()
            .map(|a| &**a)
            .take_while(|a| a.range.start == range.start)
            .find(|a| a.kind == kind && a.range.end == range.end)
    }
}

/// The number in an id of the form "a12".
fn id_number(id: &str) -> Option<u64> {
    id.strip_prefix('a')?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: &str, range: Range<usize>) -> Annotation {
        Annotation {
            id: id.into(),
            kind: Kind::Entity,
            label: "Person".into(),
            range,
            actor: None,
            speaker: None,
            note: None,
            created: String::new(),
            modified: String::new(),
        }
    }

    #[test]
    fn lookups_by_id_follow_every_change() {
        let mut set = AnnotationSet::from_vec(vec![entity("a2", 10..15), entity("a1", 0..5)]);
        set.insert_many([entity("a3", 0..5), entity("a4", 20..25)]);
        assert_eq!(set.get("a3").unwrap().range, 0..5);
        assert_eq!(set.get("a1").unwrap().range, 0..5);
        let mut moved = entity("a2", 30..40);
        moved.label = "Place".into();
        set.replace(moved);
        assert_eq!(set.get("a2").unwrap().range, 30..40);
        set.remove_many(&["a1", "a4"].into_iter().collect());
        assert!(set.get("a1").is_none() && set.get("a4").is_none());
        assert!(set.remove("a4").is_none());
        assert_eq!(set.remove("a3").unwrap().range, 0..5);
        let ids: Vec<&str> = set.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a2"]);
        assert!(set.get("a9").is_none());
    }

    #[test]
    fn keeps_order_and_finds_overlaps() {
        let mut set = AnnotationSet::from_vec(vec![entity("a2", 10..15), entity("a1", 0..5)]);
        set.insert(entity("a7", 3..30));
        let ids: Vec<&str> = set.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a1", "a7", "a2"]);
        let hits: Vec<&str> = set.overlapping(12..13).map(|a| a.id.as_str()).collect();
        assert_eq!(hits, ["a7", "a2"]);
        assert_eq!(set.fresh_id(), "a8");
        assert!(set.find_exact(Kind::Entity, &(10..15)).is_some());
        assert!(set.find_exact(Kind::Claim, &(10..15)).is_none());
        assert_eq!(set.remove("a7").unwrap().range, 3..30);
        assert_eq!(set.overlapping(20..25).count(), 0);
    }
}
