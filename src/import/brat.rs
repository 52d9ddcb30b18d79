//! brat standoff import: the `.ann` file and the `.txt` beside it.
//!
//! T lines become annotations (a discontinuous span becomes the span from its first start to
//! its last end; its text must equal the pieces joined by one space, as brat writes it); one
//! with the attribute `Claim`, or that is Arg1 of a `Speaker` relation, is a claim; `Speaker`
//! relations give speakers, `Reference … Actor:…` normalisations actor names, and
//! `AnnotatorNotes` notes. Other relations, attributes, normalisations, events and
//! equivalences have no place in gloss and are counted as dropped.

use std::collections::HashMap;
use std::path::Path;

use super::{Draft, ImportError, Imported, Raw, build};
use crate::annotation::Kind;
use crate::export::Drops;
use crate::text::offsets::CharIndex;

/// Parses a brat document.
pub fn parse(
    ann_path: &Path,
    ann: &str,
    txt_path: &Path,
    text: &str,
    drops: &mut Drops,
) -> Result<Imported, ImportError> {
    let chars = CharIndex::new(text);
    let mut raws: Vec<Raw> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // Lines other than T lines refer to T lines that may come later: keep them for a second pass.
    let mut later: Vec<(usize, &str, &str, &str)> = Vec::new();
    for (n, line) in ann.split('\n').enumerate() {
        let line_no = n + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let err = |id: &str, message: String| ImportError {
            path: ann_path.to_path_buf(),
            line: Some(line_no),
            annotation: (!id.is_empty()).then(|| id.to_string()),
            message,
        };
        let (id, rest) = line
            .split_once('\t')
            .ok_or_else(|| err("", "expected an id, a tab and the annotation".into()))?;
        let (fields, tail) = rest.split_once('\t').unwrap_or((rest, ""));
        if id.starts_with('T') {
            let (label, offsets) = fields
                .split_once(' ')
                .ok_or_else(|| err(id, "expected a label and offsets".into()))?;
            let mut pieces = Vec::new();
            for piece in offsets.split(';') {
                let parsed = piece.split_once(' ').and_then(|(s, e)| {
                    Some((
                        s.trim().parse::<usize>().ok()?,
                        e.trim().parse::<usize>().ok()?,
                    ))
                });
                let (s, e) = parsed.ok_or_else(|| err(id, format!("bad offsets {piece:?}")))?;
                let bytes = (s <= e)
                    .then(|| Some(chars.char_to_byte(text, s)?..chars.char_to_byte(text, e)?))
                    .flatten()
                    .ok_or_else(|| {
                        err(
                            id,
                            format!(
                                "offsets {s}..{e} outside the text of {} ({} characters)",
                                txt_path.display(),
                                chars.len_chars()
                            ),
                        )
                    })?;
                pieces.push((s, e, bytes));
            }
            let joined: Vec<&str> = pieces.iter().map(|p| &text[p.2.clone()]).collect();
            let joined = joined.join(" ");
            if joined != tail {
                return Err(err(
                    id,
                    format!("quotes {tail:?} but the text at {offsets} is {joined:?}"),
                ));
            }
            let start = pieces.iter().map(|p| p.0).min().unwrap_or(0);
            let end = pieces.iter().map(|p| p.1).max().unwrap_or(0);
            let gaps_only_breaks = pieces.windows(2).all(|w| {
                w[0].2.end <= w[1].2.start
                    && text[w[0].2.end..w[1].2.start]
                        .chars()
                        .all(crate::export::is_line_break)
            });
            if !gaps_only_breaks {
                drops.add("gaps of discontinuous spans (imported as one span)", 1);
            }
            index.insert(id.to_string(), raws.len());
            raws.push(Raw {
                key: id.to_string(),
                label: label.to_string(),
                start,
                end,
                line: Some(line_no),
                ..Raw::default()
            });
        } else {
            later.push((line_no, id, fields, tail));
        }
    }
    for (line_no, id, fields, tail) in later {
        let err = |message: String| ImportError {
            path: ann_path.to_path_buf(),
            line: Some(line_no),
            annotation: Some(id.to_string()),
            message,
        };
        let mut words = fields.split(' ');
        let kind = words.next().unwrap_or_default();
        let target = |t: &str| {
            index
                .get(t)
                .copied()
                .ok_or_else(|| err(format!("refers to {t:?}, which is no T line")))
        };
        match id.chars().next() {
            Some('R') => {
                let mut arg1 = None;
                let mut arg2 = None;
                for w in words {
                    if let Some(t) = w.strip_prefix("Arg1:") {
                        arg1 = Some(target(t)?);
                    } else if let Some(t) = w.strip_prefix("Arg2:") {
                        arg2 = Some(target(t)?);
                    }
                }
                let (Some(a1), Some(a2)) = (arg1, arg2) else {
                    return Err(err("a relation needs Arg1 and Arg2".into()));
                };
                if kind.eq_ignore_ascii_case("speaker") {
                    raws[a1].speaker = Some(raws[a2].key.clone());
                    raws[a1].kind = Some(Kind::Claim);
                } else {
                    drops.add("relations other than Speaker", 1);
                }
            }
            Some('A' | 'M') => {
                let t = words.next().unwrap_or_default();
                let i = target(t)?;
                if kind == "Claim" && words.next().is_none() {
                    raws[i].kind = Some(Kind::Claim);
                } else {
                    drops.add("attributes other than Claim", 1);
                }
            }
            Some('N') => {
                let t = words.next().unwrap_or_default();
                let i = target(t)?;
                let reference = words.next().unwrap_or_default();
                if reference.starts_with("Actor:") {
                    raws[i].actor = Some(tail.to_string());
                } else {
                    drops.add("normalisations other than Actor", 1);
                }
            }
            Some('#') => {
                let t = words.next().unwrap_or_default();
                let i = target(t)?;
                let note = match raws[i].note.take() {
                    Some(before) => format!("{before}\n{tail}"),
                    None => tail.to_string(),
                };
                raws[i].note = Some(note);
            }
            Some('E') => drops.add("events", 1),
            Some('*') => drops.add("equivalences", 1),
            _ => return Err(err(format!("unknown annotation type {id:?}"))),
        }
    }
    let source = txt_path.display().to_string();
    let name = super::output_name(&source, &super::stem(txt_path));
    let file = build(
        ann_path,
        Draft {
            source,
            title: None,
            text: text.to_string(),
            raws,
            unplaced: Vec::new(),
        },
    )?;
    Ok(Imported { name, file })
}
