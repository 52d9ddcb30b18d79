//! gloss's exports read by readers someone else wrote: NLTK's CoNLL reader, seqeval's strict
//! IOB2 decoder and spaCy's CoNLL converter, a JSON Schema validator (jsonschema) with the Web
//! Annotation model's rules, and a re-reading of brat output with brat's standoff rules.
//!
//! They use programs from outside the repository, so they are opt-in: with
//! `GLOSS_EXTERNAL_TESTS=1` (which .ci/run sets) they run in the Python virtual environment
//! that .ci/run creates (`python3 -m venv target/consumers-venv &&
//! target/consumers-venv/bin/pip install -q -r tests/consumers/requirements.txt`), and fail
//! when it is missing. Without the variable each says so and does nothing.

use crate::common::fixture;

use std::path::{Path, PathBuf};
use std::process::Command;

use gloss::annotation::Kind;
use gloss::annotation::file::AnnotationFile;
use gloss::export::{Format, Output, export};

/// Whether the tests that use other people's programs are turned on.
fn external_tests_on() -> bool {
    let on = std::env::var_os("GLOSS_EXTERNAL_TESTS").is_some_and(|v| v == "1");
    if !on {
        eprintln!("not run: set GLOSS_EXTERNAL_TESTS=1 to check exports with the Python readers");
    }
    on
}

fn python() -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/consumers-venv");
    let python = venv.join("bin/python");
    assert!(
        python.exists(),
        "{} is missing: create it with `python3 -m venv target/consumers-venv && \
         target/consumers-venv/bin/pip install -q -r tests/consumers/requirements.txt` \
         (.ci/run does)",
        python.display()
    );
    python
}

fn run(script: &str, args: &[&Path]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/consumers")
        .join(script);
    let out = Command::new(python())
        .arg(&script)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{} failed:\n{stdout}\n{stderr}",
        script.display()
    );
    eprintln!("{stdout}");
}

/// The sample, plus a second article from the Wikinews corpus with an entity on each
/// capitalised word and a claim per sentence.
fn docs() -> Vec<AnnotationFile> {
    let csv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/corpus/wikinews/wikinews_2019.csv"),
    )
    .unwrap();
    // The first article's text: between the fourth comma-separated field's quotes.
    let start = csv.find("\"Friday, January 4, 2019").unwrap() + 1;
    let end = start + csv[start..].find("\"\n").unwrap();
    let text = csv[start..end].replace("\"\"", "\"");
    let mut annotations = Vec::new();
    let mut at = 0;
    let mut last_entity = None;
    for word in text.split_whitespace() {
        let s = at + text[at..].find(word).unwrap();
        at = s + word.len();
        let word = word.trim_end_matches(['.', ',', ';', ':', '"', ')']);
        if word.len() > 3
            && word.chars().next().unwrap().is_uppercase()
            && word.chars().all(char::is_alphabetic)
        {
            let id = format!("a{}", annotations.len() + 1);
            last_entity = Some(id.clone());
            annotations.push(gloss::annotation::model::Annotation {
                id,
                kind: Kind::Entity,
                label: "Person".into(),
                range: s..s + word.len(),
                actor: None,
                speaker: None,
                note: None,
                created: "2026-01-01T00:00:00Z".into(),
                modified: "2026-01-01T00:00:00Z".into(),
            });
        } else if word == "said" {
            annotations.push(gloss::annotation::model::Annotation {
                id: format!("a{}", annotations.len() + 1),
                kind: Kind::Claim,
                label: "Claim".into(),
                range: s..s + 4,
                actor: None,
                speaker: last_entity.clone(),
                note: Some("said".into()),
                created: "2026-01-01T00:00:00Z".into(),
                modified: "2026-01-01T00:00:00Z".into(),
            });
        }
    }
    let wiki = fixture::build(
        "wikinews/magnitogorsk.txt",
        "Magnitogorsk",
        &text,
        annotations,
    );
    vec![fixture::sample(), wiki]
}

fn write_stream(dir: &Path, format: Format) -> PathBuf {
    let Output::Stream(s) = export(&docs(), format).unwrap().0 else {
        panic!("{format}")
    };
    let path = dir.join(format!("export.{}", format.extension()));
    std::fs::write(&path, s).unwrap();
    path
}

#[test]
fn conll_is_read_by_nltk_and_decoded_by_seqeval_as_strict_iob2() {
    if !external_tests_on() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write_stream(dir.path(), Format::Conll);
    // Expected entities: the entities CoNLL keeps (the outer one of nested entities), in order.
    let expected: Vec<Vec<(String, String)>> = docs()
        .iter()
        .map(|doc| {
            let mut kept: Vec<(usize, usize, String, String)> = Vec::new();
            let mut entities: Vec<_> = doc
                .annotations
                .iter()
                .filter(|a| a.kind == Kind::Entity)
                .collect();
            entities.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            for a in entities {
                if kept.last().is_some_and(|k| a.start < k.1) {
                    continue;
                }
                kept.push((a.start, a.end, a.label.clone(), a.text.clone()));
            }
            kept.into_iter().map(|k| (k.2, k.3)).collect()
        })
        .collect();
    let expected_path = dir.path().join("expected.json");
    std::fs::write(&expected_path, serde_json::to_string(&expected).unwrap()).unwrap();
    run("check_conll.py", &[&path, &expected_path]);
}

#[test]
fn w3c_is_valid_against_the_web_annotation_model() {
    if !external_tests_on() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write_stream(dir.path(), Format::W3c);
    run("check_w3c.py", &[&path]);
}

#[test]
fn brat_is_re_read_with_brat_rules() {
    if !external_tests_on() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let Output::Files(files) = export(&docs(), Format::Brat).unwrap().0 else {
        panic!()
    };
    for (name, contents) in files {
        std::fs::write(dir.path().join(name), contents).unwrap();
    }
    run("check_brat.py", &[dir.path()]);
}
