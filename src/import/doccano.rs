//! doccano JSONL import, one article a line.
//!
//! Spans come from `"entities"` (`id`, `start_offset`, `end_offset`, `label`) or from the
//! older `"label"` list (`[start, end, "LABEL"]`); offsets are code points. A `Speaker`
//! relation (`from_id` the claim, `to_id` the speaker) gives a claim its speaker. A line
//! written by `gloss export --format jsonl` also has `"gloss"`, which restores kinds, ids,
//! actors, notes, times, the title, the source and unplaced annotations. Other relation
//! types and document-level labels are counted as dropped.
//!
//! doccano keeps `"gloss"` as it was imported while the user edits the spans, so its entries
//! are matched to spans by offsets and label ([`super::side_data`]); an entry whose span was
//! deleted or relabelled is dropped and counted, with the actor name and note it held. A line
//! with `"relations"` (a project with relation labelling) takes its speakers from them, as
//! the user left them; a line without takes them from `"gloss"`. A span the user added is a
//! claim when it speaks through a `Speaker` relation's `from_id` or has a label that
//! `"gloss"` gives to claims only, else an entity.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::side_data::{SpanKey, match_entries};
use super::{Draft, ImportError, Imported, Raw, build};
use crate::annotation::Kind;
use crate::annotation::file::StoredAnnotation;
use crate::export::Drops;

#[derive(Deserialize)]
struct Line {
    text: String,
    #[serde(default)]
    entities: Option<Vec<Entity>>,
    #[serde(default)]
    label: Option<Value>,
    #[serde(default)]
    relations: Option<Vec<Relation>>,
    #[serde(default)]
    gloss: Option<Gloss>,
}

#[derive(Deserialize)]
struct Entity {
    id: Value,
    start_offset: usize,
    end_offset: usize,
    label: String,
}

#[derive(Deserialize)]
struct Relation {
    from_id: Value,
    to_id: Value,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct Gloss {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    annotations: Vec<GlossAnnotation>,
    #[serde(default)]
    unplaced: Vec<StoredAnnotation>,
}

/// An entry of `"gloss"`. Its offsets and label name its span; an entry written by a gloss
/// before they were there has only the span's old position (`entity`), which says nothing
/// after an edit.
#[derive(Deserialize)]
struct GlossAnnotation {
    #[serde(default)]
    start_offset: Option<usize>,
    #[serde(default)]
    end_offset: Option<usize>,
    #[serde(default)]
    label: Option<String>,
    id: String,
    kind: Kind,
    #[serde(default)]
    actor: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    modified: Option<String>,
}

fn key(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Parses every line of a doccano JSONL file.
pub fn parse(path: &Path, contents: &str, drops: &mut Drops) -> Result<Vec<Imported>, ImportError> {
    let mut out = Vec::new();
    let stem = super::stem(path);
    for (n, line) in contents.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(line).map_err(|e| {
            ImportError::at(
                path,
                Some(line_no),
                format!("column {}: {}", e.column(), strip(&e)),
            )
        })?;
        let mut raws: Vec<Raw> = Vec::new();
        match (&parsed.entities, &parsed.label) {
            (Some(entities), _) => {
                for e in entities {
                    raws.push(Raw {
                        key: key(&e.id),
                        label: e.label.clone(),
                        start: e.start_offset,
                        end: e.end_offset,
                        line: Some(line_no),
                        ..Raw::default()
                    });
                }
            }
            (None, Some(Value::Array(items))) => {
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::Array(triple) if triple.len() == 3 => {
                            let bad = || {
                                ImportError::at(
                                    path,
                                    Some(line_no),
                                    format!("label {i}: expected [start, end, \"LABEL\"]"),
                                )
                            };
                            let start = triple[0].as_u64().ok_or_else(bad)? as usize;
                            let end = triple[1].as_u64().ok_or_else(bad)? as usize;
                            let label = triple[2].as_str().ok_or_else(bad)?.to_string();
                            raws.push(Raw {
                                key: i.to_string(),
                                label,
                                start,
                                end,
                                line: Some(line_no),
                                ..Raw::default()
                            });
                        }
                        Value::String(_) => drops.add("document labels", 1),
                        _ => {
                            return Err(ImportError::at(
                                path,
                                Some(line_no),
                                format!("label {i}: expected [start, end, \"LABEL\"]"),
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
        let position = |k: &str| raws.iter().position(|r| r.key == k);
        let mut speakers = Vec::new();
        for r in parsed.relations.iter().flatten() {
            let (from, to) = (key(&r.from_id), key(&r.to_id));
            let err = |k: &str| ImportError {
                path: path.to_path_buf(),
                line: Some(line_no),
                annotation: Some(k.to_string()),
                message: "relation refers to an entity that does not exist".into(),
            };
            let i = position(&from).ok_or_else(|| err(&from))?;
            position(&to).ok_or_else(|| err(&to))?;
            if r.kind.eq_ignore_ascii_case("speaker") {
                speakers.push((i, to));
            } else {
                drops.add("relations other than Speaker", 1);
            }
        }
        let fallback = format!("{stem}-{line_no}");
        let mut name = format!("{fallback}.gloss.json");
        let mut draft = Draft {
            source: format!("{}#{line_no}", path.display()),
            text: parsed.text,
            ..Draft::default()
        };
        if let Some(gloss) = parsed.gloss {
            let relations_given = parsed.relations.is_some();
            restore(&mut raws, &gloss.annotations, relations_given, drops);
            draft.title = gloss.title;
            if let Some(source) = gloss.source {
                name = super::output_name(&source, &fallback);
                draft.source = source;
            }
            draft.unplaced = gloss.unplaced;
        }
        // The relations as the user left them: a span that speaks through one is a claim.
        for (i, to) in speakers {
            raws[i].speaker = Some(to);
            raws[i].kind = Some(Kind::Claim);
        }
        draft.raws = raws;
        let file = build(path, draft)?;
        out.push(Imported { name, file });
    }
    if out.is_empty() {
        return Err(ImportError::at(path, None, "no articles in the file"));
    }
    super::dedupe_names(&mut out);
    Ok(out)
}

/// Gives each span the gloss data of the entry that matches it by offsets and label (and,
/// when the line has no relations, its speaker), counts what matches no span, and makes an
/// added span a claim when its label is one the entries give to claims only.
fn restore(
    raws: &mut [Raw],
    entries: &[GlossAnnotation],
    relations_given: bool,
    drops: &mut Drops,
) {
    let keys: Vec<Option<SpanKey<'_>>> = entries
        .iter()
        .map(|g| {
            Some(SpanKey {
                start: g.start_offset?,
                end: g.end_offset?,
                label: g.label.as_deref()?,
            })
        })
        .collect();
    let spans: Vec<SpanKey<'_>> = raws
        .iter()
        .map(|r| SpanKey {
            start: r.start,
            end: r.end,
            label: &r.label,
        })
        .collect();
    let matches = match_entries(&keys, &spans);
    let mut restored = vec![false; raws.len()];
    for ((g, key), at) in entries.iter().zip(&keys).zip(&matches) {
        let Some(i) = *at else {
            if key.is_none() {
                drops.add(OLD_ENTRIES, 1);
                continue;
            }
            drops.add(GONE, 1);
            drops.add(GONE_ACTORS, usize::from(g.actor.is_some()));
            drops.add(GONE_NOTES, usize::from(g.note.is_some()));
            continue;
        };
        restored[i] = true;
        let raw = &mut raws[i];
        raw.id = Some(g.id.clone());
        raw.kind = Some(g.kind);
        raw.actor = g.actor.clone();
        raw.note = g.note.clone();
        raw.created = g.created.clone();
        raw.modified = g.modified.clone();
    }
    // Speakers named in "gloss" are gloss ids: the span their entry matched speaks. Where the
    // line has relations, those say who speaks (doccano keeps a relation to a relabelled span).
    for (g, at) in entries.iter().zip(&matches) {
        let (Some(i), Some(speaker)) = (*at, &g.speaker) else {
            continue;
        };
        let target = entries.iter().zip(&matches).find(|(o, _)| &o.id == speaker);
        match target {
            None => drops.add("speaker links to annotations not in the file", 1),
            Some(_) if relations_given => {}
            Some((_, Some(j))) => raws[i].speaker = Some(raws[*j].key.clone()),
            Some((_, None)) => drops.add(GONE_SPEAKERS, 1),
        }
    }
    let labels_of = |kind: Kind| -> HashSet<&str> {
        entries
            .iter()
            .filter(|g| g.kind == kind)
            .filter_map(|g| g.label.as_deref())
            .collect()
    };
    let (claim_labels, entity_labels) = (labels_of(Kind::Claim), labels_of(Kind::Entity));
    for (raw, _) in raws.iter_mut().zip(&restored).filter(|(_, r)| !**r) {
        let label = raw.label.as_str();
        if claim_labels.contains(label) && !entity_labels.contains(label) {
            raw.kind = Some(Kind::Claim);
        }
    }
}

/// The drop report's names for gloss data whose span is no longer in the doccano file.
const GONE: &str =
    "gloss annotations whose span was deleted or relabelled in doccano (their id, kind and times)";
const GONE_ACTORS: &str = "actor names of spans deleted or relabelled in doccano";
const GONE_NOTES: &str = "notes of spans deleted or relabelled in doccano";
const GONE_SPEAKERS: &str = "speaker links to spans deleted or relabelled in doccano";
const OLD_ENTRIES: &str =
    "gloss annotations written by an older gloss without offsets, so matched to no span";

fn strip(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(at) => s[..at].to_string(),
        None => s,
    }
}
