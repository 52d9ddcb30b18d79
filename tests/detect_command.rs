//! Tests of `gloss detect`: the JSON record (`gloss::commands::detect`) and the binary.
//!
//! The offset contract: every offset is a code point offset into "text", end exclusive,
//! and every span's "text" is exactly that slice of "text"; "text" is the article as the
//! reader reads it (a page's article, not its HTML; the cleaned text of a file).

use std::io::Write as _;
use std::process::{Command, Stdio};

use gloss::commands::detect::{ArticleJson, analyse, read_article, summary};
use gloss::detect::Detector;
use proptest::prelude::*;

const SAMPLE: &str = include_str!("../assets/sample/xi-putin-treaty.txt");

/// The code points `start..end` of `text`.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// Checks the offset contract on a record parsed back from its JSON.
fn check_contract(article: &ArticleJson) {
    let json = serde_json::to_string(article).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let text = v["text"].as_str().unwrap();
    assert_eq!(text, article.text);
    let n = text.chars().count();
    let check = |span: &serde_json::Value| {
        let (s, e) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert!(s <= e && e <= n, "{span} out of 0..{n}");
        assert_eq!(span["text"].as_str().unwrap(), slice(text, s, e), "{span}");
    };
    let mut last = 0;
    for s in v["sentences"].as_array().unwrap() {
        let (a, b) = (
            s[0].as_u64().unwrap() as usize,
            s[1].as_u64().unwrap() as usize,
        );
        assert!(last <= a && a <= b && b <= n, "sentence {s}");
        last = b;
    }
    for e in v["entities"].as_array().unwrap() {
        check(e);
        assert!(e["actor"].is_string() && e["label"].is_string());
    }
    for c in v["claims"].as_array().unwrap() {
        check(c);
        check(&c["cue"]);
        assert_eq!(c["label"], "Claim");
        if !c["speaker"].is_null() {
            check(&c["speaker"]);
            assert!(c["speaker"]["actor"].is_string());
        }
    }
}

#[test]
fn sample_record() {
    let d = Detector::builtin().unwrap();
    let a = analyse(&d, SAMPLE.to_string(), "sample");
    assert_eq!(a.text, SAMPLE);
    assert_eq!(a.source, "sample");
    check_contract(&a);
    assert!(a.entities.iter().any(|e| e.actor == "Vladimir Putin"));
    assert!(!a.claims.is_empty());
    assert!(a.claims.iter().any(|c| c.speaker.is_some()));
    let text = summary(&a);
    assert!(text.contains("Vladimir Putin (Person)"), "{text}");
    assert!(text.contains("Claims:"), "{text}");
}

#[test]
fn text_is_kept_as_read() {
    let d = Detector::builtin().unwrap();
    for text in [
        "\u{feff}Putin said: \"No.\"\r\nXi  agreed.\t\u{7}\u{0}",
        "“Мы готовы”, — сказал Путин. 习近平说：“好。” قال بوتين",
        "",
        "\n\n\n",
        "...!!!???,,,;;;",
        "\"He said \"\" she said",
        "‘Unclosed quote from Xi Jinping, who said so",
    ] {
        let a = analyse(&d, text.to_string(), "t");
        assert_eq!(a.text, text);
        check_contract(&a);
    }
}

#[test]
fn markdown_is_converted_and_bad_utf8_named() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("a.md");
    std::fs::write(&md, "# Talks\n\n**Putin** said the *talks* went well.\n").unwrap();
    let (text, source) = read_article(md.to_str().unwrap()).unwrap();
    assert_eq!(
        text,
        gloss::document::markdown::to_plain_text(&std::fs::read_to_string(&md).unwrap())
    );
    assert!(!text.contains("**"));
    assert_eq!(source, md.to_str().unwrap());

    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"caf\xc3\xa9 ok \xff rest").unwrap();
    let err = format!("{:#}", read_article(bad.to_str().unwrap()).unwrap_err());
    assert!(
        err.contains("bad.txt") && err.contains("at byte 9"),
        "{err}"
    );
    assert!(!err.contains('\n'));

    let err = format!(
        "{:#}",
        read_article(dir.path().join("missing.txt").to_str().unwrap()).unwrap_err()
    );
    assert!(err.contains("missing.txt"), "{err}");
}

/// Arbitrary text: words from several scripts, names, quotes (often unbalanced),
/// punctuation, whitespace and control characters.
fn text_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Putin".to_string()),
        Just("Xi Jinping".to_string()),
        Just("said".to_string()),
        Just("according to".to_string()),
        Just("the Kremlin".to_string()),
        Just("Путин".to_string()),
        Just("北京".to_string()),
        Just("بوتين".to_string()),
        Just("🇺🇦".to_string()),
        Just("e\u{301}".to_string()),
        prop::sample::select(vec!["\"", "“", "”", "‘", "’", "'", "«", "»"]).prop_map(String::from),
        prop::sample::select(vec![".", "!", "?", ",", ";", ":", "—", "(", ")", "…"])
            .prop_map(String::from),
        prop::sample::select(vec![
            " ", "  ", "\n", "\n\n", "\t", "\r\n", "\u{0}", "\u{a0}"
        ])
        .prop_map(String::from),
        "\\PC{0,8}",
        "[A-Z][a-z]{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn spans_slice_the_text(text in text_strategy()) {
        let d = Detector::builtin().unwrap();
        let a = analyse(&d, text.clone(), "prop");
        prop_assert_eq!(&a.text, &text);
        check_contract(&a);
    }

    #[test]
    fn only_punctuation(text in "[[:punct:]“”‘’«»—… ]{0,60}") {
        let d = Detector::builtin().unwrap();
        let a = analyse(&d, text.clone(), "prop");
        prop_assert_eq!(&a.text, &text);
        check_contract(&a);
    }
}

// The binary: these run `gloss detect` as a user would.

fn gloss() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
}

#[test]
fn binary_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let odd = "\u{feff}Putin said: “Peace.”\r\n\r\nИ\u{7} Xi\tagreed";
    std::fs::write(&a, odd).unwrap();
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/sample/xi-putin-treaty.txt"
    );
    let out = gloss()
        .args(["detect", "--json", sample, a.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["text"], SAMPLE);
    assert_eq!(first["source"], sample);
    // The text the reader reads (its annotation files count offsets in it): line ends and
    // tabs normalised, the control character gone.
    let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    let read = gloss::document::load::read_file(&a).unwrap().text;
    assert_eq!(second["text"], read.as_str());
    assert!(!read.contains('\u{7}') && !read.contains('\r'), "{read:?}");
    for line in lines {
        let a: serde_json::Value = serde_json::from_str(line).unwrap();
        for e in a["entities"].as_array().unwrap() {
            let text = a["text"].as_str().unwrap();
            let (s, e2) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
            assert_eq!(e["text"], slice(text, s as usize, e2 as usize));
        }
    }
}

#[test]
fn binary_stdin_and_summary() {
    let mut child = gloss()
        .args(["detect", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(SAMPLE.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("stdin: "), "{stdout}");
    assert!(stdout.contains("Vladimir Putin (Person)"), "{stdout}");
}

#[test]
fn binary_errors_are_one_line_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"Caf\xe9").unwrap();
    let out = gloss()
        .args(["detect", "--json", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("gloss: ") && err.contains("latin1.txt") && err.contains("at byte 3"));
    assert!(out.stdout.is_empty());
}

use crate::common::http;

#[test]
fn detect_reads_a_saved_page_and_a_web_address_as_the_reader_does() {
    let page = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/web/news.html");
    let out = gloss().args(["detect", "--json", page]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = json["text"].as_str().unwrap();
    assert!(
        text.starts_with("Russia and China extend friendship treaty"),
        "{text}"
    );
    assert!(!text.contains('<'), "detected on the markup: {text}");
    assert!(!json["claims"].as_array().unwrap().is_empty());
    let html = std::fs::read(page).unwrap();
    let base = http::serve(vec![("/story", http::Reply::Ok("text/html", html))]);
    let url = format!("{base}/story");
    let out = gloss().args(["detect", "--json", &url]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_web: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(from_web["text"], json["text"]);
    assert_eq!(from_web["source"], url.as_str());
}
