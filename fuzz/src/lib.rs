//! The bodies of gloss's fuzz targets, one function per target, each taking the fuzzer's raw
//! bytes. The fuzz targets in `fuzz_targets/` call these, and so does the root crate's
//! `tests/fuzz_corpus.rs` (which includes this file by path), so the seed corpora and the
//! saved regressions are replayed by `cargo test` on stable. Depends on `gloss` only.
//!
//! A function may return early or get an `Err` from the parser: only a panic, a hang or
//! runaway memory is a finding.

use std::path::Path;

use gloss::annotation::file;
use gloss::config::Config;
use gloss::detect::Detector;
use gloss::document::{Document, Source};
use gloss::import::{ImportFormat, import_str};
use gloss::keymap::Keymap;

/// A target's body: it takes the fuzzer's bytes.
pub type Target = fn(&[u8]);

/// Every target, by name, as the fuzz targets and the corpus test know them.
pub const TARGETS: &[(&str, Target)] = &[
    ("annotation_file", annotation_file),
    ("config", config),
    ("gazetteer", gazetteer),
    ("markdown", markdown),
    ("html_extract", html_extract),
    ("feed", feed),
    ("opml", opml),
    ("import_brat", import_brat),
    ("import_doccano", import_doccano),
    ("import_label_studio", import_label_studio),
    ("import_w3c", import_w3c),
    ("document", document),
];

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// An annotation file (`*.gloss.json`), as opening it does: parse, read its text as the
/// article, place the annotations in it; then what gloss writes must read back.
pub fn annotation_file(data: &[u8]) {
    let Some(json) = text(data) else { return };
    let path = Path::new("fuzz.gloss.json");
    let parsed = match file::parse(path, json) {
        Ok(parsed) => parsed,
        Err(error) => {
            // Every way of reading a file refuses it the same way.
            let error = error.to_string();
            assert_eq!(file::load(path, json, "").unwrap_err().to_string(), error);
            assert_eq!(
                file::load_as_article(path, json).unwrap_err().to_string(),
                error
            );
            return;
        }
    };
    let article = gloss::text::clean::clean(&parsed.text).into_owned();
    let doc = Document::new(article, Source::AnnotationFile(path.into()));
    let placed = file::place(&parsed, &doc.text);
    // Reading and placing at once gives what parsing then placing gives.
    let (own, loaded) = file::load_as_article(path, json).expect("parse accepted it");
    assert_eq!(own, doc.text);
    let annotations = |p: &file::Placed| p.annotations.iter().cloned().collect::<Vec<_>>();
    assert_eq!(annotations(&loaded.placed), annotations(&placed));
    assert_eq!(loaded.placed.unplaced, placed.unplaced);
    assert_eq!(
        (loaded.placed.text_changed, loaded.placed.moved),
        (placed.text_changed, placed.moved)
    );
    assert_eq!(
        (&loaded.source, &loaded.rejected),
        (&parsed.source, &parsed.rejected)
    );
    let written = file::to_json(&parsed);
    if let Err(e) = file::parse(path, &written) {
        panic!("a parsed annotation file, written again, does not parse: {e}\n{written}");
    }
}

/// The config file, and the key map built from it.
pub fn config(data: &[u8]) {
    let Some(toml) = text(data) else { return };
    if let Ok(config) = Config::parse(Path::new("config.toml"), toml) {
        let _ = Keymap::with_overrides(&config.keys);
    }
}

/// A user gazetteer file, as the reader loads it (cleaned, over the shipped gazetteer), then
/// detection over the start of the same text (which holds the file's own names).
pub fn gazetteer(data: &[u8]) {
    let Some(toml) = text(data) else { return };
    let toml = gloss::text::clean::clean(toml).into_owned();
    let files = [("user.toml".to_string(), toml)];
    if let Ok(detector) = Detector::with_extras(&files, &[]) {
        let _ = detector.detect(prefix(&files[0].1, 4096), &[]);
    }
}

/// A Markdown article rendered as plain text.
pub fn markdown(data: &[u8]) {
    let Some(md) = text(data) else { return };
    let _ = gloss::document::markdown::to_plain_text(md);
}

/// A saved web page: its bytes decoded by their declared charset, nesting bounded, and the
/// article extracted (as opening `FILE.html` does).
pub fn html_extract(data: &[u8]) {
    let _ = gloss::web::nesting::bound_nesting(&String::from_utf8_lossy(data));
    let _ = gloss::web::article_from_html_bytes(data, Some("https://news.example/a/story"));
}

/// A feed (RSS, Atom, JSON Feed) from raw bytes.
pub fn feed(data: &[u8]) {
    let _ = gloss::feed::looks_like_feed(data);
    let _ = gloss::feed::parse(data, "https://news.example/feed.xml");
}

/// An OPML subscription list.
pub fn opml(data: &[u8]) {
    let Some(xml) = text(data) else { return };
    if let Ok(subs) = gloss::feed::import_opml(xml) {
        let _ = gloss::feed::export_opml(&subs);
    }
}

/// brat standoff: the input is the `.ann` file, a NUL byte, then the `.txt` (with no NUL,
/// the `.ann` is read against an empty text).
pub fn import_brat(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let (ann, txt) = input.split_once('\0').unwrap_or((input, ""));
    let _ = import_str(ImportFormat::Brat, Path::new("fuzz.ann"), ann, Some(txt));
}

/// doccano JSONL.
pub fn import_doccano(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let _ = import_str(ImportFormat::Doccano, Path::new("fuzz.jsonl"), input, None);
}

/// A Label Studio JSON export.
pub fn import_label_studio(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let _ = import_str(
        ImportFormat::LabelStudio,
        Path::new("fuzz.json"),
        input,
        None,
    );
}

/// W3C Web Annotation JSON-LD.
pub fn import_w3c(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let _ = import_str(ImportFormat::W3c, Path::new("fuzz.jsonld"), input, None);
}

/// Any article text: cleaned, split into paragraphs and sentences, and run through detection
/// with the shipped gazetteer.
pub fn document(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let article = gloss::text::clean::clean(input).into_owned();
    let doc = Document::new(article, Source::Stdin);
    for s in &doc.sentences {
        let _ = doc.sentence_at(s.start);
        let _ = doc.slice(s.clone());
    }
    let _ = gloss::document::sentences::split_sentences(&doc.text);
    let _ = builtin_detector().detect(&doc.text, &doc.sentences);
}

fn builtin_detector() -> &'static Detector {
    static DETECTOR: std::sync::OnceLock<Detector> = std::sync::OnceLock::new();
    DETECTOR.get_or_init(|| Detector::builtin().expect("the shipped detector builds"))
}
