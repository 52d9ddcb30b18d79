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

use serde::Deserialize;
use serde_json::value::RawValue;

use super::json::{Json, Loose, Text, string};
use super::{Draft, ImportError, Imported, Raw, build};
use crate::annotation::Kind;
use crate::export::Drops;

/// One task.
#[derive(Deserialize)]
struct Task<'a> {
    /// Its id, shown as written.
    id: Option<serde_json::Value>,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
    #[serde(borrow)]
    annotations: Option<&'a RawValue>,
    #[serde(borrow)]
    completions: Option<&'a RawValue>,
    #[serde(borrow)]
    predictions: Option<&'a RawValue>,
}

/// A task's data: the text, and what gloss wrote beside it.
#[derive(Deserialize)]
struct Data {
    text: Text,
    source: Text,
    title: Text,
}

/// One annotation (or prediction) of a task.
#[derive(Deserialize)]
struct Annotation<'a> {
    #[serde(borrow)]
    result: Option<&'a RawValue>,
}

/// Strings, of which only the strings are read.
type Texts = Option<Loose<Vec<Loose<String>>>>;

/// The strings of a [`Texts`] field, if it holds a list.
fn texts(t: &Texts) -> Option<Vec<&str>> {
    let items = t.as_ref().and_then(Loose::get)?;
    Some(
        items
            .iter()
            .filter_map(|s| s.get().map(String::as_str))
            .collect(),
    )
}

/// One result: a region, a text area or a relation.
#[derive(Deserialize)]
struct Item<'a> {
    #[serde(rename = "type")]
    kind: Text,
    #[serde(borrow)]
    id: Option<&'a RawValue>,
    from_name: Text,
    #[serde(borrow)]
    value: Option<&'a RawValue>,
    meta: Option<Loose<Meta>>,
    /// A relation's labels.
    labels: Texts,
    from_id: Text,
    #[serde(borrow)]
    to_id: Option<&'a RawValue>,
}

/// A region's note.
#[derive(Deserialize)]
struct Meta {
    text: Texts,
}

/// The value of a `labels` result: a region.
#[derive(Deserialize)]
struct Region {
    start: Option<Loose<u64>>,
    end: Option<Loose<u64>>,
    labels: Option<Loose<Vec<Loose<String>>>>,
    text: Text,
}

/// The value of a `textarea` result.
#[derive(Deserialize)]
struct TextArea {
    text: Texts,
}

/// Parses a Label Studio export.
pub fn parse(path: &Path, contents: &str, drops: &mut Drops) -> Result<Vec<Imported>, ImportError> {
    let json = Json { path, contents };
    let root = json.root()?;
    let tasks = match json.array(root)? {
        Some(tasks) => tasks,
        None if root.get().starts_with('{') => vec![root],
        None => return Err(ImportError::at(path, Some(1), "expected a list of tasks")),
    };
    let stem = super::stem(path);
    let mut out = Vec::new();
    for (n, raw_task) in tasks.into_iter().enumerate() {
        let task: Option<Task<'_>> = json.object(raw_task)?;
        let task_id = task
            .as_ref()
            .and_then(|t| t.id.as_ref())
            .map(|v| v.to_string())
            .unwrap_or_else(|| (n + 1).to_string());
        let task_line = json.line(task.as_ref().and_then(|t| t.data).unwrap_or(raw_task));
        let err = |message: String| {
            ImportError::at(path, Some(task_line), format!("task {task_id}: {message}"))
        };
        let Some(task) = task else {
            return Err(err("no \"data\"".into()));
        };
        let data = task.data.ok_or_else(|| err("no \"data\"".into()))?;
        let data: Option<Data> = json.object(data)?;
        let text = data
            .as_ref()
            .and_then(|d| string(&d.text))
            .ok_or_else(|| err("no \"data\".\"text\"".into()))?;
        let mut results = None;
        for list in [task.annotations, task.completions, task.predictions]
            .into_iter()
            .flatten()
        {
            if let Some(list) = json.array(list)?
                && !list.is_empty()
            {
                results = Some(list);
                break;
            }
        }
        let mut raws: Vec<Raw> = Vec::new();
        let mut relations = Vec::new();
        let mut actors = Vec::new();
        if let Some(list) = results {
            drops.add(
                "further annotations of a task (the first is imported)",
                list.len() - 1,
            );
            let first: Option<Annotation<'_>> = json.object(list[0])?;
            let result = match first.and_then(|a| a.result) {
                Some(r) => json.array(r)?.unwrap_or_default(),
                None => Vec::new(),
            };
            for raw_result in result {
                let Some(r) = json.object::<Item<'_>>(raw_result)? else {
                    drops.add(
                        "results other than labels, actor text areas and relations",
                        1,
                    );
                    continue;
                };
                let id = r.id.map(|id| json.id(id)).transpose()?;
                match string(&r.kind).unwrap_or_default() {
                    "labels" => {
                        let id = id.ok_or_else(|| err("a labels region without \"id\"".into()))?;
                        let line = r.id.map(|raw| json.line(raw));
                        let bad = |what: &str| ImportError {
                            path: path.to_path_buf(),
                            line,
                            annotation: Some(id.clone()),
                            message: format!("region without {what}"),
                        };
                        let value = r.value.ok_or_else(|| bad("\"value\""))?;
                        let value: Option<Region> = json.object(value)?;
                        let number =
                            |n: &Option<Loose<u64>>| n.as_ref().and_then(Loose::get).copied();
                        let start = value
                            .as_ref()
                            .and_then(|v| number(&v.start))
                            .ok_or_else(|| bad("a numeric \"start\""))?;
                        let end = value
                            .as_ref()
                            .and_then(|v| number(&v.end))
                            .ok_or_else(|| bad("a numeric \"end\""))?;
                        let labels = value
                            .as_ref()
                            .and_then(|v| v.labels.as_ref())
                            .and_then(Loose::get)
                            .map_or(&[][..], Vec::as_slice);
                        let label = labels
                            .first()
                            .and_then(Loose::get)
                            .ok_or_else(|| bad("a label"))?;
                        drops.add(
                            "further labels of a region (the first is imported)",
                            labels.len() - 1,
                        );
                        let note = r
                            .meta
                            .as_ref()
                            .and_then(Loose::get)
                            .and_then(|m| texts(&m.text))
                            .map(|t| t.join("\n"));
                        let quote = value
                            .as_ref()
                            .and_then(|v| string(&v.text))
                            .map(str::to_string);
                        raws.push(Raw {
                            key: id.clone(),
                            id: Some(id.clone()),
                            kind: Some(if string(&r.from_name) == Some("claim") {
                                Kind::Claim
                            } else {
                                Kind::Entity
                            }),
                            label: label.clone(),
                            start: start as usize,
                            end: end as usize,
                            quote,
                            note,
                            line,
                            ..Raw::default()
                        });
                    }
                    "textarea" if string(&r.from_name) == Some("actor") => {
                        let value: Option<TextArea> = match r.value {
                            Some(v) => json.object(v)?,
                            None => None,
                        };
                        let name = value
                            .as_ref()
                            .and_then(|v| texts(&v.text))
                            .map(|t| t.join(" "));
                        if let (Some(id), Some(name)) = (id, name) {
                            actors.push((id, name));
                        }
                    }
                    "relation" => {
                        let speaker = texts(&r.labels)
                            .unwrap_or_default()
                            .iter()
                            .any(|s| s.eq_ignore_ascii_case("speaker"));
                        let to = match r.to_id {
                            Some(raw) => json
                                .parse::<Loose<String>>(raw)?
                                .get()
                                .map(|to| (to.clone(), json.line(raw))),
                            None => None,
                        };
                        match (speaker, string(&r.from_id), to) {
                            (true, Some(from), Some(to)) => relations.push((from.to_string(), to)),
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
        for (from, (to, line)) in relations {
            if !raws.iter().any(|r| r.key == to) {
                return Err(ImportError {
                    path: path.to_path_buf(),
                    line: Some(line),
                    annotation: Some(from),
                    message: format!("relation to {to:?}, which is no region of the task"),
                });
            }
            match raws.iter_mut().find(|r| r.key == from) {
                Some(raw) => raw.speaker = Some(to),
                None => drops.add("relations from no region", 1),
            }
        }
        let source = data.as_ref().and_then(|d| string(&d.source));
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
                .as_ref()
                .and_then(|d| string(&d.title))
                .map(str::to_string),
            text: text.to_string(),
            raws,
            unplaced: Vec::new(),
        };
        out.push(Imported {
            name,
            file: build(path, draft)?,
        });
    }
    if out.is_empty() {
        return Err(ImportError::at(path, None, "no tasks in the file"));
    }
    super::dedupe_names(&mut out);
    Ok(out)
}
