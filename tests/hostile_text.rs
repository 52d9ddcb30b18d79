//! Untrusted text never reaches a terminal raw: a hand-written annotation file and other
//! tools' files holding escape sequences (OSC 52 sets the clipboard, CSI 2J clears the
//! screen), C1 controls and bidi overrides come out of every export, import and `--json`
//! output without them, and the offsets stay right.

use crate::common::bin;

use std::path::Path;

use bin::{gloss, stderr, stdout};

/// What must never be printed raw: ESC, BEL, the C1 CSI and OSC, DEL, bidi overrides.
fn assert_terminal_safe(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| {
            (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in:\n{text}");
}

const OSC52: &str = "\u{1b}]52;c;cm0gLXJmIH4=\u{7}";
const CLEAR: &str = "\u{1b}[2J";

/// A gloss/1 file written by hand (or by an attacker): every field hostile.
fn hostile_file(dir: &Path) -> std::path::PathBuf {
    let text = format!("Title{CLEAR}\n\nPutin{OSC52} said the \u{202e}deal\u{202c} was good.");
    let putin_start = text[..text.find("Putin").unwrap()].chars().count();
    let said_start = text[..text.find("said").unwrap()].chars().count();
    let end = text.chars().count();
    let file = serde_json::json!({
        "format": "gloss/1",
        "source": format!("story{CLEAR}.txt"),
        "title": format!("Title{OSC52}"),
        "fingerprint": "blake3:0",
        "annotations": [
            {"id": "a1", "kind": "entity", "label": format!("Person{CLEAR}"),
             "start": putin_start, "end": putin_start + 5, "text": "Putin",
             "prefix": "", "suffix": "", "actor": format!("Vladimir\u{9b}2J Putin\u{202e}"),
             "speaker": null, "note": format!("see {OSC52}"),
             "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"},
            {"id": "a2", "kind": "claim", "label": "Claim",
             "start": said_start, "end": end, "text": &text[text.find("said").unwrap()..],
             "prefix": "", "suffix": "", "actor": null,
             "speaker": "a1", "note": null,
             "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"}
        ],
        "text": text,
    });
    let path = dir.join("hostile.gloss.json");
    std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    path
}

#[test]
fn every_export_of_a_hostile_annotation_file_is_terminal_safe() {
    let home = tempfile::tempdir().unwrap();
    let file = hostile_file(home.path());
    for format in [
        "jsonl",
        "conll",
        "label-studio",
        "prodigy",
        "w3c",
        "csv",
        "markdown",
        "html",
    ] {
        let out = gloss(
            home.path(),
            &["export", file.to_str().unwrap(), "--format", format],
            None,
        );
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert_terminal_safe(format, &stdout(&out));
        assert_terminal_safe(format, &stderr(&out));
    }
    // The offsets are right in the cleaned text.
    let out = gloss(
        home.path(),
        &["export", file.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    let line: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let text = line["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let spans = line["entities"]
        .as_array()
        .or_else(|| line["spans"].as_array())
        .expect("jsonl has entity spans");
    let first = &spans[0];
    let (start, end) = (
        first["start_offset"]
            .as_u64()
            .or_else(|| first["start"].as_u64())
            .unwrap() as usize,
        first["end_offset"]
            .as_u64()
            .or_else(|| first["end"].as_u64())
            .unwrap() as usize,
    );
    assert_eq!(
        chars[start..end].iter().collect::<String>(),
        "Putin",
        "{line}"
    );
}

#[test]
fn the_screen_of_a_hostile_annotation_file_is_terminal_safe() {
    let home = tempfile::tempdir().unwrap();
    let file = hostile_file(home.path());
    let out = gloss(home.path(), &["screen", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = stdout(&out);
    assert_terminal_safe("screen", &screen);
    assert!(
        screen.contains("Vladimir2J Putin") || screen.contains("Putin"),
        "{screen}"
    );
}

#[test]
fn imported_files_are_cleaned_where_they_enter() {
    let home = tempfile::tempdir().unwrap();
    let doccano = serde_json::json!({
        "text": format!("Putin{OSC52} said so."),
        "entities": [{"id": 1, "start_offset": 0, "end_offset": 5,
                      "label": format!("Person{CLEAR}")}],
        "relations": [],
    });
    let input = home.path().join("project.jsonl");
    std::fs::write(&input, format!("{doccano}\n")).unwrap();
    let out = gloss(
        home.path(),
        &["import", "--format", "doccano", input.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let written: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".gloss.json"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let saved = std::fs::read_to_string(&written[0]).unwrap();
    assert_terminal_safe("imported file", &saved);
    let json: serde_json::Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(json["text"], "Putin said so.");
    assert_eq!(json["annotations"][0]["label"], "Person");
    assert_eq!(json["annotations"][0]["text"], "Putin");
}

#[test]
fn detect_json_escapes_controls_in_the_article() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("a.txt");
    std::fs::write(
        &article,
        "Title\n\nVladimir Putin said \u{9b}2J the \u{202e}deal was good.",
    )
    .unwrap();
    let out = gloss(
        home.path(),
        &["detect", article.to_str().unwrap(), "--json"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_terminal_safe("detect --json", &stdout(&out));
    let out = gloss(home.path(), &["detect", article.to_str().unwrap()], None);
    assert_terminal_safe("detect", &stdout(&out));
}
