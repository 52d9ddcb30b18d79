//! brat standoff import: the `.ann` file and the `.txt` beside it.
//!
//! T lines become annotations (a discontinuous span becomes the span from its first start to
//! its last end; its text must equal the pieces joined by one space, as brat writes it); one
//! with the attribute `Claim`, or that is Arg1 of a `Speaker` relation, is a claim; `Speaker`
//! relations give speakers, `Reference … Actor:…` normalisations actor names, and
//! `AnnotatorNotes` notes. Other relations, attributes, normalisations, events and
//! equivalences have no place in gloss and are counted as dropped; so are the attributes,
//! normalisations, notes and relations attached to what is dropped (an event, a relation).

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
    // Lines that gloss does not keep can still be referred to: by id, for the drop report.
    let unkept: HashMap<&str, char> = later
        .iter()
        .filter(|(_, id, _, _)| *id != "*")
        .filter_map(|(_, id, _, _)| Some((*id, id.chars().next()?)))
        .collect();
    for (line_no, id, fields, tail) in later {
        let err = |message: String| ImportError {
            path: ann_path.to_path_buf(),
            line: Some(line_no),
            annotation: Some(id.to_string()),
            message,
        };
        let mut words = fields.split(' ');
        let kind = words.next().unwrap_or_default();
        let target = |t: &str| match (index.get(t), unkept.get(t)) {
            (Some(&i), _) => Ok(Target::Text(i)),
            (None, Some(&letter)) => Ok(Target::Unkept(letter)),
            (None, None) => Err(err(format!("refers to {t:?}, which is no annotation"))),
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
                match (arg1, arg2) {
                    (Some(Target::Text(a1)), Some(Target::Text(a2))) => {
                        if kind.eq_ignore_ascii_case("speaker") {
                            raws[a1].speaker = Some(raws[a2].key.clone());
                            raws[a1].kind = Some(Kind::Claim);
                        } else {
                            drops.add("relations other than Speaker", 1);
                        }
                    }
                    (Some(Target::Unkept(letter)), Some(_))
                    | (Some(_), Some(Target::Unkept(letter))) => {
                        drops.add(&of_unkept("relations", letter), 1);
                    }
                    _ => return Err(err("a relation needs Arg1 and Arg2".into())),
                }
            }
            Some('A' | 'M') => match target(words.next().unwrap_or_default())? {
                Target::Text(i) if kind == "Claim" && words.next().is_none() => {
                    raws[i].kind = Some(Kind::Claim);
                }
                Target::Text(_) => drops.add("attributes other than Claim", 1),
                Target::Unkept(letter) => drops.add(&of_unkept("attributes", letter), 1),
            },
            Some('N') => match target(words.next().unwrap_or_default())? {
                Target::Text(i) if words.next().unwrap_or_default().starts_with("Actor:") => {
                    raws[i].actor = Some(tail.to_string());
                }
                Target::Text(_) => drops.add("normalisations other than Actor", 1),
                Target::Unkept(letter) => drops.add(&of_unkept("normalisations", letter), 1),
            },
            Some('#') => match target(words.next().unwrap_or_default())? {
                Target::Text(i) => {
                    let note = match raws[i].note.take() {
                        Some(before) => format!("{before}\n{tail}"),
                        None => tail.to_string(),
                    };
                    raws[i].note = Some(note);
                }
                Target::Unkept(letter) => drops.add(&of_unkept("notes", letter), 1),
            },
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

/// What a line other than a T line refers to.
enum Target {
    /// The T line at this index of the annotations.
    Text(usize),
    /// A line gloss does not make an annotation of, by its id letter.
    Unkept(char),
}

/// The drop report's name for `what` (e.g. "attributes") attached to an annotation that gloss
/// does not keep, whose id starts with `letter`.
fn of_unkept(what: &str, letter: char) -> String {
    match letter {
        'E' => format!("{what} of events (dropped with the events)"),
        'R' => format!("{what} of relations (gloss keeps nothing on a relation)"),
        _ => format!("{what} of {letter} lines (gloss keeps none on them)"),
    }
}
