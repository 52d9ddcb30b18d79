//! W3C Web Annotation import: an `AnnotationCollection` (with its first page embedded), an
//! `AnnotationPage`, a list of annotations or one annotation.
//!
//! Annotations are grouped by their target's `source`. The article text is the one the
//! collection carries under `gloss:articles` (as `gloss export --format w3c` writes it), else
//! the file the source names (a `file:` IRI, or a path relative to the input). A
//! `TextPositionSelector` gives the offsets (code points); a `TextQuoteSelector`'s `exact`
//! must then match the text there, and without a position the quote is searched for, by its
//! prefix and suffix. Bodies: `tagging` the label (else "Annotation"), `classifying`
//! "claim" the kind, `identifying` the actor, `commenting` (or `bodyValue`) the note, a
//! `linking` `SpecificResource` the speaker. Annotations whose target has no selector, other
//! bodies and other selectors are counted as dropped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{Draft, ImportError, Imported, Raw, build, line_of};
use crate::annotation::Kind;
use crate::annotation::anchor::{self, Quote};
use crate::export::Drops;
use crate::text::offsets::CharIndex;

const ID_PREFIX: &str = "urn:gloss:annotation:";

fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    as_list(v.get("type")).iter().any(|x| x.as_str() == Some(t))
}

fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// The gloss id inside an IRI written by gloss, percent-decoded.
fn gloss_id(iri: &str) -> Option<String> {
    let rest = iri.strip_prefix(ID_PREFIX)?;
    let encoded = rest.rsplit(':').next()?;
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().filter(|s| !s.is_empty())
}

struct Group {
    source: String,
    raws: Vec<Raw>,
}

/// Parses a W3C Web Annotation document.
pub fn parse(path: &Path, contents: &str, drops: &mut Drops) -> Result<Vec<Imported>, ImportError> {
    let root: Value = serde_json::from_str(contents).map_err(|e| ImportError::json(path, &e))?;
    let items: Vec<&Value> = if let Value::Array(list) = &root {
        list.iter().collect()
    } else if has_type(&root, "AnnotationCollection") {
        match root.get("first") {
            Some(page @ Value::Object(_)) => as_list(page.get("items")),
            Some(_) => {
                return Err(ImportError::at(
                    path,
                    None,
                    "the collection's first page is not embedded",
                ));
            }
            None => Vec::new(),
        }
    } else if has_type(&root, "AnnotationPage") {
        as_list(root.get("items"))
    } else {
        vec![&root]
    };
    let mut articles: HashMap<&str, (&Value, usize)> = HashMap::new();
    for (i, a) in as_list(root.get("gloss:articles")).into_iter().enumerate() {
        if let Some(id) = str_of(a, "id") {
            articles.insert(id, (a, i));
        }
    }
    // Every article the collection carries is imported, with or without annotations.
    let mut groups: Vec<Group> = Vec::new();
    let mut texts: HashMap<String, String> = HashMap::new();
    for a in as_list(root.get("gloss:articles")) {
        if let (Some(id), Some(text)) = (str_of(a, "id"), str_of(a, "gloss:text")) {
            groups.push(Group {
                source: id.to_string(),
                raws: Vec::new(),
            });
            texts.insert(id.to_string(), text.to_string());
        }
    }
    for item in items {
        let key = str_of(item, "id").unwrap_or_default().to_string();
        let line = line_of(
            contents,
            &serde_json::to_string(&key).unwrap_or_default(),
            0,
        );
        let err = |message: String| ImportError {
            path: path.to_path_buf(),
            line: Some(line),
            annotation: (!key.is_empty()).then(|| key.clone()),
            message,
        };
        if !has_type(item, "Annotation") {
            return Err(err("not an Annotation".into()));
        }
        if key.is_empty() {
            return Err(err("an annotation without \"id\"".into()));
        }
        let target = as_list(item.get("target"))
            .into_iter()
            .next()
            .ok_or_else(|| err("no target".into()))?;
        let (source, selectors) = match target {
            Value::String(s) => (s.as_str(), Vec::new()),
            t => (
                str_of(t, "source").ok_or_else(|| err("a target without \"source\"".into()))?,
                as_list(t.get("selector")),
            ),
        };
        if selectors.is_empty() {
            drops.add("annotations of a whole document (no selector)", 1);
            continue;
        }
        if !texts.contains_key(source) {
            let text = match articles.get(source) {
                Some((a, _)) => str_of(a, "gloss:text").map(str::to_string),
                None => None,
            };
            let text = match text {
                Some(t) => t,
                None => read_source(path, source).map_err(err)?,
            };
            texts.insert(source.to_string(), text);
        }
        let text = &texts[source];
        let mut position = None;
        let mut quote = None;
        for s in &selectors {
            if has_type(s, "TextPositionSelector") {
                let start = s.get("start").and_then(Value::as_u64);
                let end = s.get("end").and_then(Value::as_u64);
                match (start, end) {
                    (Some(a), Some(b)) => position = Some((a as usize, b as usize)),
                    _ => {
                        return Err(err(
                            "a TextPositionSelector needs numeric start and end".into()
                        ));
                    }
                }
            } else if has_type(s, "TextQuoteSelector") {
                let exact = str_of(s, "exact")
                    .ok_or_else(|| err("a TextQuoteSelector needs \"exact\"".into()))?;
                quote = Some((
                    exact,
                    str_of(s, "prefix").unwrap_or(""),
                    str_of(s, "suffix").unwrap_or(""),
                ));
            } else {
                drops.add("selectors other than text position and quote", 1);
            }
        }
        let (start, end) = match (position, quote) {
            (Some(p), _) => p,
            (None, Some((exact, prefix, suffix))) => {
                let found = anchor::find(
                    text,
                    Quote {
                        exact,
                        prefix,
                        suffix,
                        hint: 0,
                    },
                )
                .ok_or_else(|| err(format!("quote {exact:?} is not in the text")))?;
                let chars = CharIndex::new(text);
                (
                    chars.byte_to_char(text, found.start),
                    chars.byte_to_char(text, found.end),
                )
            }
            (None, None) => return Err(err("no text position or quote selector".into())),
        };
        let mut raw = Raw {
            key: key.clone(),
            id: gloss_id(&key),
            label: "Annotation".into(),
            start,
            end,
            quote: quote.map(|q| q.0.to_string()),
            created: str_of(item, "created").map(str::to_string),
            modified: str_of(item, "modified").map(str::to_string),
            line: Some(line),
            ..Raw::default()
        };
        if let Some(value) = str_of(item, "bodyValue") {
            raw.note = Some(value.to_string());
        }
        for body in as_list(item.get("body")) {
            let purpose = as_list(body.get("purpose"))
                .first()
                .and_then(|p| p.as_str())
                .unwrap_or("");
            let value = str_of(body, "value");
            match (purpose, value) {
                ("tagging", Some(v)) => raw.label = v.to_string(),
                ("classifying", Some("claim")) => raw.kind = Some(Kind::Claim),
                ("classifying", Some("entity")) => raw.kind = Some(Kind::Entity),
                ("identifying", Some(v)) => raw.actor = Some(v.to_string()),
                ("commenting", Some(v)) => raw.note = Some(v.to_string()),
                ("linking", None) if str_of(body, "source").is_some() => {
                    raw.speaker = str_of(body, "source").map(str::to_string);
                }
                _ => drops.add("bodies gloss has no place for", 1),
            }
        }
        match groups.iter_mut().find(|g| g.source == source) {
            Some(g) => g.raws.push(raw),
            None => groups.push(Group {
                source: source.to_string(),
                raws: vec![raw],
            }),
        }
    }
    if groups.is_empty() {
        return Err(ImportError::at(
            path,
            None,
            "no annotations with a text selector",
        ));
    }
    let stem = super::stem(path);
    let mut out = Vec::new();
    for (n, group) in groups.into_iter().enumerate() {
        let article = articles.get(group.source.as_str()).map(|(a, _)| *a);
        let title = article.and_then(|a| str_of(a, "title")).map(str::to_string);
        let source = article
            .and_then(|a| str_of(a, "gloss:source"))
            .unwrap_or(&group.source)
            .to_string();
        let fallback = format!("{stem}-{}", n + 1);
        let name = super::output_name(&source, &fallback);
        let text = texts.remove(&group.source).unwrap_or_default();
        let draft = Draft {
            source,
            title,
            text,
            raws: group.raws,
            unplaced: Vec::new(),
        };
        out.push(Imported {
            name,
            file: build(path, draft)?,
        });
    }
    super::dedupe_names(&mut out);
    Ok(out)
}

/// The text of a target source that names a local file.
fn read_source(input: &Path, source: &str) -> Result<String, String> {
    let local: Option<PathBuf> = if let Some(p) = source.strip_prefix("file://") {
        Some(PathBuf::from(p))
    } else if source.contains(':') {
        None
    } else {
        Some(input.parent().unwrap_or(Path::new(".")).join(source))
    };
    let Some(local) = local else {
        return Err(format!(
            "no article text for target source {source:?} (not in \"gloss:articles\" and not a local file)"
        ));
    };
    crate::files::read_to_string(&local)
        .map_err(|e| format!("target source {}: {e}", local.display()))
}
