//! doccano JSONL import, one article a line.
//!
//! Spans come from `"entities"` (`id`, `start_offset`, `end_offset`, `label`) or from the
//! older `"label"` list (`[start, end, "LABEL"]`); offsets are code points. A `Speaker`
//! relation (`from_id` the claim, `to_id` the speaker) gives a claim its speaker. A line
//! written by `gloss export --format jsonl` also has `"gloss"`, which restores kinds, ids,
//! actors, notes, times, the title, the source and unplaced annotations. Other relation
//! types and document-level labels are counted as dropped.

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

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
    relations: Vec<Relation>,
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

#[derive(Deserialize)]
struct GlossAnnotation {
    entity: usize,
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
        for r in &parsed.relations {
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
        for (i, to) in speakers {
            raws[i].speaker = Some(to);
            raws[i].kind = Some(Kind::Claim);
        }
        let fallback = format!("{stem}-{line_no}");
        let mut name = format!("{fallback}.gloss.json");
        let mut draft = Draft {
            source: format!("{}#{line_no}", path.display()),
            text: parsed.text,
            ..Draft::default()
        };
        if let Some(gloss) = parsed.gloss {
            let keys: Vec<String> = raws.iter().map(|r| r.key.clone()).collect();
            for g in &gloss.annotations {
                let raw = raws.get_mut(g.entity).ok_or_else(|| {
                    ImportError::at(
                        path,
                        Some(line_no),
                        format!("gloss annotation {:?}: no entity {}", g.id, g.entity),
                    )
                })?;
                raw.id = Some(g.id.clone());
                raw.kind = Some(g.kind);
                raw.actor = g.actor.clone();
                raw.note = g.note.clone();
                raw.created = g.created.clone();
                raw.modified = g.modified.clone();
            }
            // Speakers named in "gloss" are gloss ids: map them back to entity keys.
            for g in &gloss.annotations {
                if let Some(speaker) = &g.speaker {
                    let target = gloss.annotations.iter().find(|o| &o.id == speaker);
                    match target {
                        Some(t) if t.entity < keys.len() => {
                            raws[g.entity].speaker = Some(keys[t.entity].clone());
                        }
                        _ => drops.add("speaker links to annotations not in the file", 1),
                    }
                }
            }
            draft.title = gloss.title;
            if let Some(source) = gloss.source {
                name = super::output_name(&source, &fallback);
                draft.source = source;
            }
            draft.unplaced = gloss.unplaced;
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

fn strip(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(at) => s[..at].to_string(),
        None => s,
    }
}
