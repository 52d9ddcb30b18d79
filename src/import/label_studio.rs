//! Label Studio JSON import: a task list (or one task) as Label Studio exports it.
//!
//! The text is `data.text`. The results of each task's first annotation (else its first
//! prediction) are read: `labels` regions become annotations (offsets in code points, the
//! region's `text` must match), a claim when `from_name` is `claim`; a per-region `textarea`
//! named `actor` gives the actor name; the region's `meta.text` the note; a `relation` labelled
//! `Speaker` from a claim to an entity its speaker. Region ids are kept as gloss ids. Other
//! result types, other relations, further labels of a region and further annotations of a task
//! are counted as dropped.

use std::path::Path;

use serde_json::Value;

use super::{Draft, ImportError, Imported, Raw, build, line_of};
use crate::annotation::Kind;
use crate::export::Drops;

/// Parses a Label Studio export.
pub fn parse(path: &Path, contents: &str, drops: &mut Drops) -> Result<Vec<Imported>, ImportError> {
    let root: Value = serde_json::from_str(contents).map_err(|e| ImportError::json(path, &e))?;
    let tasks = match root {
        Value::Array(tasks) => tasks,
        task @ Value::Object(_) => vec![task],
        _ => return Err(ImportError::at(path, Some(1), "expected a list of tasks")),
    };
    let stem = super::stem(path);
    let mut out = Vec::new();
    let mut cursor = 0;
    for (n, task) in tasks.iter().enumerate() {
        let task_id = task
            .get("id")
            .map(|v| v.to_string())
            .unwrap_or_else(|| (n + 1).to_string());
        cursor = contents[cursor..]
            .find("\"data\"")
            .map_or(cursor, |i| cursor + i);
        let task_line = line_of(contents, "", cursor);
        let err = |message: String| {
            ImportError::at(path, Some(task_line), format!("task {task_id}: {message}"))
        };
        let data = task.get("data").ok_or_else(|| err("no \"data\"".into()))?;
        let text = data
            .get("text")
            .and_then(Value::as_str)
            .ok_or_else(|| err("no \"data\".\"text\"".into()))?;
        let results = ["annotations", "completions", "predictions"]
            .iter()
            .filter_map(|k| task.get(*k).and_then(Value::as_array))
            .find(|list| !list.is_empty());
        let mut raws: Vec<Raw> = Vec::new();
        let mut relations = Vec::new();
        let mut actors = Vec::new();
        if let Some(list) = results {
            drops.add(
                "further annotations of a task (the first is imported)",
                list.len() - 1,
            );
            let result = list[0]
                .get("result")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for r in &result {
                let kind = r.get("type").and_then(Value::as_str).unwrap_or_default();
                let id = r.get("id").map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                });
                let value = r.get("value");
                match kind {
                    "labels" => {
                        let id = id.ok_or_else(|| err("a labels region without \"id\"".into()))?;
                        let line = line_of(
                            contents,
                            &serde_json::to_string(&id).unwrap_or_default(),
                            cursor,
                        );
                        let bad = |what: &str| ImportError {
                            path: path.to_path_buf(),
                            line: Some(line),
                            annotation: Some(id.clone()),
                            message: format!("region without {what}"),
                        };
                        let value = value.ok_or_else(|| bad("\"value\""))?;
                        let start = value
                            .get("start")
                            .and_then(Value::as_u64)
                            .ok_or_else(|| bad("a numeric \"start\""))?;
                        let end = value
                            .get("end")
                            .and_then(Value::as_u64)
                            .ok_or_else(|| bad("a numeric \"end\""))?;
                        let labels = value
                            .get("labels")
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default();
                        let label = labels
                            .first()
                            .and_then(Value::as_str)
                            .ok_or_else(|| bad("a label"))?;
                        drops.add(
                            "further labels of a region (the first is imported)",
                            labels.len() - 1,
                        );
                        let note = r
                            .get("meta")
                            .and_then(|m| m.get("text"))
                            .and_then(Value::as_array)
                            .map(|t| {
                                t.iter()
                                    .filter_map(Value::as_str)
                                    .collect::<Vec<_>>()
                                    .join("\n")
                            });
                        let from = r
                            .get("from_name")
                            .and_then(Value::as_str)
                            .unwrap_or_default();
                        raws.push(Raw {
                            key: id.clone(),
                            id: Some(id.clone()),
                            kind: Some(if from == "claim" {
                                Kind::Claim
                            } else {
                                Kind::Entity
                            }),
                            label: label.to_string(),
                            start: start as usize,
                            end: end as usize,
                            quote: value
                                .get("text")
                                .and_then(Value::as_str)
                                .map(str::to_string),
                            note,
                            line: Some(line),
                            ..Raw::default()
                        });
                    }
                    "textarea" if r.get("from_name").and_then(Value::as_str) == Some("actor") => {
                        let texts = value
                            .and_then(|v| v.get("text"))
                            .and_then(Value::as_array)
                            .map(|t| {
                                t.iter()
                                    .filter_map(Value::as_str)
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            });
                        if let (Some(id), Some(name)) = (id, texts) {
                            actors.push((id, name));
                        }
                    }
                    "relation" => {
                        let labels = r
                            .get("labels")
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default();
                        let speaker = labels.iter().any(|l| {
                            l.as_str()
                                .is_some_and(|s| s.eq_ignore_ascii_case("speaker"))
                        });
                        let from = r.get("from_id").and_then(Value::as_str);
                        let to = r.get("to_id").and_then(Value::as_str);
                        match (speaker, from, to) {
                            (true, Some(from), Some(to)) => {
                                relations.push((from.to_string(), to.to_string()))
                            }
                            _ => drops.add("relations other than Speaker", 1),
                        }
                    }
                    _ => drops.add(
                        "results other than labels, actor text areas and relations",
                        1,
                    ),
                }
            }
        }
        for (id, name) in actors {
            match raws.iter_mut().find(|r| r.key == id) {
                Some(raw) => raw.actor = Some(name),
                None => drops.add("actor names of no region", 1),
            }
        }
        for (from, to) in relations {
            if !raws.iter().any(|r| r.key == to) {
                return Err(ImportError {
                    path: path.to_path_buf(),
                    line: Some(line_of(contents, &format!("\"{to}\""), cursor)),
                    annotation: Some(from),
                    message: format!("relation to {to:?}, which is no region of the task"),
                });
            }
            match raws.iter_mut().find(|r| r.key == from) {
                Some(raw) => raw.speaker = Some(to),
                None => drops.add("relations from no region", 1),
            }
        }
        let source = data.get("source").and_then(Value::as_str);
        let fallback = format!("{stem}-{}", n + 1);
        let name = source.map_or(format!("{fallback}.gloss.json"), |s| {
            super::output_name(s, &fallback)
        });
        let draft = Draft {
            source: source.map_or_else(
                || format!("{}#task-{task_id}", path.display()),
                str::to_string,
            ),
            title: data
                .get("title")
                .and_then(Value::as_str)
                .map(str::to_string),
            text: text.to_string(),
            raws,
            unplaced: Vec::new(),
        };
        out.push(Imported {
            name,
            file: build(path, draft)?,
        });
        cursor += 1;
    }
    if out.is_empty() {
        return Err(ImportError::at(path, None, "no tasks in the file"));
    }
    super::dedupe_names(&mut out);
    Ok(out)
}
