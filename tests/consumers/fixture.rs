//! Annotation files for the export and import tests: built the way the reader builds them.
#![allow(dead_code)]

use gloss::annotation::file::{self, AnnotationFile, Header};
use gloss::annotation::model::Annotation;
use gloss::annotation::{AnnotationSet, Kind};
use gloss::text::offsets::CharIndex;

/// One annotation to place: the `nth` occurrence of `quote`.
pub struct Spec<'a> {
    pub id: &'a str,
    pub kind: Kind,
    pub label: &'a str,
    pub quote: &'a str,
    pub nth: usize,
    pub actor: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// An entity spec.
pub fn entity<'a>(id: &'a str, label: &'a str, quote: &'a str) -> Spec<'a> {
    Spec {
        id,
        kind: Kind::Entity,
        label,
        quote,
        nth: 0,
        actor: None,
        speaker: None,
        note: None,
    }
}

/// A claim spec.
pub fn claim<'a>(id: &'a str, quote: &'a str, speaker: Option<&'a str>) -> Spec<'a> {
    Spec {
        id,
        kind: Kind::Claim,
        label: "Claim",
        quote,
        nth: 0,
        actor: None,
        speaker,
        note: None,
    }
}

/// Builds a file from byte-range annotations.
pub fn build(
    source: &str,
    title: &str,
    text: &str,
    annotations: Vec<Annotation>,
) -> AnnotationFile {
    let chars = CharIndex::new(text);
    let header = Header {
        source,
        title,
        text,
        chars: &chars,
    };
    file::build(header, &AnnotationSet::from_vec(annotations), &[], &[])
}

/// Builds a file from specs.
pub fn article(source: &str, text: &str, specs: &[Spec<'_>]) -> AnnotationFile {
    let annotations = specs
        .iter()
        .map(|s| {
            let start = text
                .match_indices(s.quote)
                .nth(s.nth)
                .unwrap_or_else(|| panic!("{:?} not in the text", s.quote))
                .0;
            Annotation {
                id: s.id.into(),
                kind: s.kind,
                label: s.label.into(),
                range: start..start + s.quote.len(),
                actor: s.actor.map(Into::into),
                speaker: s.speaker.map(Into::into),
                note: s.note.map(Into::into),
                created: "2026-01-02T03:04:05Z".into(),
                modified: "2026-01-02T03:04:06Z".into(),
            }
        })
        .collect();
    let title = text.lines().next().unwrap_or_default();
    build(source, title, text, annotations)
}

/// Text with é, 世界, an emoji ZWJ sequence, markup characters and a line break in a claim.
pub const TEXT: &str = "Café talks: 世界 summit\n\n\
    Élodie Martin of 世界 Corp said the 👩‍👩‍👧 family plan \"will <b>work</b> & last\".\n\
    Later, Putin replied that the plan\nwould fail. Élodie laughed.\n\n\
    -DOCSTART- is not a token here; 1. neither is a list.";

/// An article over [`TEXT`] with overlapping entities, claims with speakers, actors and notes.
pub fn sample() -> AnnotationFile {
    let mut speaker_claim = claim(
        "a5",
        "the 👩‍👩‍👧 family plan \"will <b>work</b> & last\"",
        Some("a1"),
    );
    speaker_claim.note = Some("quoted\nfrom the wire");
    let mut putin = entity("a3", "Person", "Putin");
    putin.actor = Some("Vladimir Putin");
    let mut elodie2 = entity("a7", "Person", "Élodie");
    elodie2.nth = 1;
    elodie2.actor = Some("Élodie Martin");
    let mut corp = entity("a2", "Org", "世界 Corp");
    corp.note = Some("a <script>alert(1)</script> note");
    let mut nested = entity("a9", "Place", "世界");
    nested.nth = 1;
    article(
        "news/café-talks.txt",
        TEXT,
        &[
            entity("a1", "Person", "Élodie Martin"),
            corp,
            entity("a4", "Place", "世界"),
            putin,
            speaker_claim,
            claim("a6", "the plan\nwould fail", Some("a3")),
            elodie2,
            entity("a8", "Family", "👩‍👩‍👧 family"),
            nested,
        ],
    )
}
