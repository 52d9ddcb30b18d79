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

use serde::Deserialize;
use serde_json::value::RawValue;

use super::json::{Json, List, Loose, Text, string};
use super::{Draft, ImportError, Imported, Raw, build};
use crate::annotation::Kind;
use crate::annotation::anchor::{self, Quote};
use crate::export::Drops;
use crate::text::offsets::CharIndex;

const ID_PREFIX: &str = "urn:gloss:annotation:";

/// A `type`: one name or several.
type Types = Option<List<Loose<String>>>;

/// Does `types` name `t`?
fn has_type(types: &Types, t: &str) -> bool {
    List::items(types)
        .iter()
        .any(|x| x.get().is_some_and(|x| x == t))
}

/// What the document is: a collection, a page or an annotation (a list is read apart).
#[derive(Deserialize, Default)]
struct Root<'a> {
    #[serde(rename = "type")]
    types: Types,
    /// A collection's first page.
    #[serde(borrow)]
    first: Option<&'a RawValue>,
    /// A page's annotations.
    #[serde(borrow)]
    items: Option<&'a RawValue>,
    /// The articles gloss writes beside a collection.
    #[serde(rename = "gloss:articles")]
    articles: Option<List<Loose<Article>>>,
}

/// A page of a collection.
#[derive(Deserialize)]
struct Page<'a> {
    #[serde(borrow)]
    items: Option<&'a RawValue>,
}

/// An article gloss writes beside a collection.
#[derive(Deserialize)]
struct Article {
    id: Text,
    title: Text,
    #[serde(rename = "gloss:text")]
    text: Text,
    #[serde(rename = "gloss:source")]
    source: Text,
}

/// One annotation.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Annotation<'a> {
    #[serde(borrow)]
    id: Option<&'a RawValue>,
    #[serde(rename = "type")]
    types: Types,
    target: Option<List<Loose<Target>>>,
    body: Option<List<Loose<Body>>>,
    body_value: Text,
    created: Text,
    modified: Text,
}

/// An annotation's target: an IRI, or a part of a resource.
#[derive(Deserialize)]
#[serde(untagged)]
enum Target {
    /// A whole resource.
    Iri(String),
    /// A part of a resource.
    Specific {
        source: Text,
        selector: Option<List<Loose<Selector>>>,
    },
}

/// A selector of a target.
#[derive(Deserialize)]
struct Selector {
    #[serde(rename = "type")]
    types: Types,
    start: Option<Loose<u64>>,
    end: Option<Loose<u64>>,
    exact: Text,
    prefix: Text,
    suffix: Text,
}

/// A body of an annotation.
#[derive(Deserialize)]
struct Body {
    purpose: Types,
    value: Text,
    source: Text,
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
    let json = Json { path, contents };
    let root = json.root()?;
    let (items, articles) = match json.array(root)? {
        Some(list) => (list, Vec::new()),
        None => {
            let top: Option<Root<'_>> = json.object(root)?;
            let top = top.unwrap_or_default();
            let items = if has_type(&top.types, "AnnotationCollection") {
                match top.first {
                    Some(first) => match json.object::<Page<'_>>(first)? {
                        Some(page) => json.items(page.items)?,
                        None => {
                            return Err(ImportError::at(
                                path,
                                None,
                                "the collection's first page is not embedded",
                            ));
                        }
                    },
                    None => Vec::new(),
                }
            } else if has_type(&top.types, "AnnotationPage") {
                json.items(top.items)?
            } else {
                vec![root]
            };
            let articles: Vec<Article> = match top.articles {
                None => Vec::new(),
                Some(List::One(a)) => vec![a],
                Some(List::Many(list)) => list,
            }
            .into_iter()
            .filter_map(|a| match a {
                Loose::Is(a) => Some(a),
                Loose::Other(_) => None,
            })
            .collect();
            (items, articles)
        }
    };
    let mut by_id: HashMap<&str, &Article> = HashMap::new();
    for a in &articles {
        if let Some(id) = string(&a.id) {
            by_id.insert(id, a);
        }
    }
    // Every article the collection carries is imported, with or without annotations.
    let mut groups: Vec<Group> = Vec::new();
    let mut texts: HashMap<String, String> = HashMap::new();
    for a in &articles {
        if let (Some(id), Some(text)) = (string(&a.id), string(&a.text)) {
            groups.push(Group {
                source: id.to_string(),
                raws: Vec::new(),
            });
            texts.insert(id.to_string(), text.to_string());
        }
    }
    for raw_item in items {
        let item: Option<Annotation<'_>> = json.object(raw_item)?;
        let id = item.as_ref().and_then(|i| i.id);
        let key = match id {
            Some(id) => json
                .parse::<Loose<String>>(id)?
                .get()
                .cloned()
                .unwrap_or_default(),
            None => String::new(),
        };
        let line = json.line(id.unwrap_or(raw_item));
        let err = |message: String| ImportError {
            path: path.to_path_buf(),
            line: Some(line),
            annotation: (!key.is_empty()).then(|| key.clone()),
            message,
        };
        let Some(item) = item.filter(|i| has_type(&i.types, "Annotation")) else {
            return Err(err("not an Annotation".into()));
        };
        if key.is_empty() {
            return Err(err("an annotation without \"id\"".into()));
        }
        let target = List::items(&item.target)
            .first()
            .ok_or_else(|| err("no target".into()))?;
        let (source, selectors) = match target {
            Loose::Is(Target::Iri(s)) => (s.as_str(), &[][..]),
            Loose::Is(Target::Specific { source, selector }) => (
                string(source).ok_or_else(|| err("a target without \"source\"".into()))?,
                List::items(selector),
            ),
            Loose::Other(_) => return Err(err("a target without \"source\"".into())),
        };
        if selectors.is_empty() {
            drops.add("annotations of a whole document (no selector)", 1);
            continue;
        }
        if !texts.contains_key(source) {
            let text = by_id
                .get(source)
                .and_then(|a| string(&a.text))
                .map(str::to_string);
            let text = match text {
                Some(t) => t,
                None => read_source(path, source).map_err(err)?,
            };
            texts.insert(source.to_string(), text);
        }
        let text = &texts[source];
        let mut position = None;
        let mut quote = None;
        for s in selectors {
            let Some(s) = s.get() else {
                drops.add("selectors other than text position and quote", 1);
                continue;
            };
            if has_type(&s.types, "TextPositionSelector") {
                let number = |n: &Option<Loose<u64>>| n.as_ref().and_then(Loose::get).copied();
                match (number(&s.start), number(&s.end)) {
                    (Some(a), Some(b)) => position = Some((a as usize, b as usize)),
                    _ => {
                        return Err(err(
                            "a TextPositionSelector needs numeric start and end".into()
                        ));
                    }
                }
            } else if has_type(&s.types, "TextQuoteSelector") {
                let exact = string(&s.exact)
                    .ok_or_else(|| err("a TextQuoteSelector needs \"exact\"".into()))?;
                quote = Some((
                    exact,
                    string(&s.prefix).unwrap_or(""),
                    string(&s.suffix).unwrap_or(""),
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
            created: string(&item.created).map(str::to_string),
            modified: string(&item.modified).map(str::to_string),
            line: Some(line),
            ..Raw::default()
        };
        if let Some(value) = string(&item.body_value) {
            raw.note = Some(value.to_string());
        }
        for body in List::items(&item.body) {
            let Some(body) = body.get() else {
                drops.add("bodies gloss has no place for", 1);
                continue;
            };
            let purpose = List::items(&body.purpose)
                .first()
                .and_then(Loose::get)
                .map_or("", String::as_str);
            match (purpose, string(&body.value)) {
                ("tagging", Some(v)) => raw.label = v.to_string(),
                ("classifying", Some("claim")) => raw.kind = Some(Kind::Claim),
                ("classifying", Some("entity")) => raw.kind = Some(Kind::Entity),
                ("identifying", Some(v)) => raw.actor = Some(v.to_string()),
                ("commenting", Some(v)) => raw.note = Some(v.to_string()),
                ("linking", None) if string(&body.source).is_some() => {
                    raw.speaker = string(&body.source).map(str::to_string);
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
        let article = by_id.get(group.source.as_str());
        let title = article.and_then(|a| string(&a.title)).map(str::to_string);
        let source = article
            .and_then(|a| string(&a.source))
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
