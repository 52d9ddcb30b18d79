//! The binary from the outside: arguments, errors and `gloss screen`.

use crate::common::bin;

use bin::{assert_one_line_error, gloss, stderr, stdout};

#[test]
fn help_and_version() {
    let home = tempfile::tempdir().unwrap();
    let out = gloss(home.path(), &["--help"], None);
    assert!(out.status.success());
    assert!(stdout(&out).contains("Usage: gloss"));
    assert!(stdout(&out).contains("screen"));
    let out = gloss(home.path(), &["--version"], None);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out).trim(),
        format!("gloss {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_definitions() {
    let home = tempfile::tempdir().unwrap();
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef gloss"),
        ("fish", "complete -c gloss"),
    ] {
        let out = gloss(home.path(), &["completions", shell], None);
        assert!(out.status.success(), "{}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(mark), "{shell}: {script}");
        // Every subcommand is offered.
        for sub in ["detect", "export", "import", "feeds", "screen", "man"] {
            assert!(script.contains(sub), "{shell} lacks {sub}");
        }
    }
    let out = gloss(home.path(), &["man"], None);
    assert!(out.status.success());
    let page = stdout(&out);
    assert!(
        page.starts_with(".ie") || page.contains(".TH gloss"),
        "{page}"
    );
    assert!(page.contains("\\-\\-annotations") || page.contains("annotations"));
    // Every page gloss(1) refers to can be written.
    let dir = home.path().join("man1");
    let out = gloss(home.path(), &["man", dir.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    for page in [
        "gloss.1",
        "gloss-export.1",
        "gloss-feeds.1",
        "gloss-feeds-import.1",
    ] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(text.contains(".TH"), "{page}");
    }
    let out = gloss(home.path(), &["completions", "tcsh"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_arguments_give_one_line() {
    let home = tempfile::tempdir().unwrap();
    let out = gloss(home.path(), &["screen", "--size", "5"], None);
    assert_one_line_error(&out, "bad size \"5\": expected WIDTHxHEIGHT");
    let out = gloss(home.path(), &["export", "-f", "nope", "x.gloss.json"], None);
    assert_one_line_error(&out, "(one of: jsonl, brat, conll");
    let out = gloss(home.path(), &["--bogus"], None);
    assert_one_line_error(&out, "unexpected argument '--bogus'");
    // Help and the version still go to stdout, whole.
    let out = gloss(home.path(), &["export", "--help"], None);
    assert!(out.status.success());
    assert!(stdout(&out).lines().count() > 5);
}

#[test]
fn a_cause_is_named_once() {
    let home = tempfile::tempdir().unwrap();
    // An annotation file that is a folder: reading it fails with the system's reason.
    let folder = home.path().join("story.txt.gloss.json");
    std::fs::create_dir(&folder).unwrap();
    let out = gloss(
        home.path(),
        &["export", folder.to_str().unwrap(), "-f", "jsonl"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let line = stderr(&out);
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(line.starts_with("gloss: "), "{line}");
    assert!(line.contains("story.txt.gloss.json: "), "{line}");
    let cause = line.rsplit(": ").next().unwrap().trim();
    assert!(!cause.is_empty());
    assert_eq!(line.matches(cause).count(), 1, "{line}");
}

#[test]
fn bad_articles_give_one_line_and_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let missing = dir.join("missing.txt");
    let out = gloss(dir, &["screen", missing.to_str().unwrap()], None);
    assert_one_line_error(&out, "missing.txt: no such file");

    let out = gloss(dir, &["screen", dir.to_str().unwrap()], None);
    assert_one_line_error(&out, "is a directory");

    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 au lait").unwrap();
    let out = gloss(dir, &["screen", latin1.to_str().unwrap()], None);
    assert_one_line_error(&out, "latin1.txt: not valid UTF-8 at byte 3");

    let empty = dir.join("empty.txt");
    std::fs::write(&empty, " \n\n").unwrap();
    let out = gloss(dir, &["screen", empty.to_str().unwrap()], None);
    assert_one_line_error(&out, "empty.txt: the article is empty");

    let out = gloss(dir, &["screen", "-"], Some(b"\xff\xfe"));
    assert_one_line_error(&out, "stdin: not valid UTF-8 at byte 0");

    // The reader itself refuses a missing file before touching the terminal.
    let out = gloss(dir, &[missing.to_str().unwrap()], None);
    assert_one_line_error(&out, "no such file");
}

#[test]
fn bad_config_names_file_line_and_key() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("bad.toml");
    std::fs::write(&config, "[reader]\nmouse = true\npanel-wdth = 30\n").unwrap();
    let out = gloss(
        home.path(),
        &["screen", "--config", config.to_str().unwrap()],
        None,
    );
    assert_one_line_error(
        &out,
        "bad.toml: line 3, column 1: unknown field `panel-wdth`",
    );

    std::fs::write(&config, "[keys.normal]\n\"ctrl-shft-x\" = \"quit\"\n").unwrap();
    let out = gloss(
        home.path(),
        &["screen", "--config", config.to_str().unwrap()],
        None,
    );
    assert_one_line_error(&out, "line 2");

    // A key of the note editor bound to something the editor cannot do.
    std::fs::write(
        &config,
        "[keys.note]\nesc = \"none\"\nctrl-j = \"tag_actor\"\n",
    )
    .unwrap();
    let out = gloss(
        home.path(),
        &["screen", "--config", config.to_str().unwrap()],
        None,
    );
    assert_one_line_error(
        &out,
        "bad.toml: line 3, column 1: key \"ctrl-j\": \"tag_actor\" is not something the note editor does",
    );

    let out = gloss(
        home.path(),
        &["screen", "--config", "/nonexistent/c.toml"],
        None,
    );
    assert_one_line_error(&out, "/nonexistent/c.toml");
}

#[test]
fn a_broken_annotation_file_is_reported_and_never_overwritten() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("a.txt");
    std::fs::write(&article, "Putin said so.").unwrap();
    let annotations = home.path().join("a.txt.gloss.json");
    let broken = b"{\"format\": \"gloss/1\",\n  \"annotations\": [oops]}";
    std::fs::write(&annotations, broken).unwrap();
    for args in [
        vec!["screen", article.to_str().unwrap()],
        vec![article.to_str().unwrap()],
    ] {
        let out = gloss(home.path(), &args, None);
        assert_one_line_error(&out, "a.txt.gloss.json: line 2, column");
        assert_eq!(std::fs::read(&annotations).unwrap(), broken);
    }
    std::fs::write(&annotations, "{\"format\": \"gloss/7\"}").unwrap();
    let out = gloss(home.path(), &["screen", article.to_str().unwrap()], None);
    assert_one_line_error(&out, "unknown format \"gloss/7\"");
}

/// The bundled sample article, as a file.
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/sample/xi-putin-treaty.txt"
);

#[test]
fn screen_without_argument_prints_the_library_with_the_sample() {
    let home = tempfile::tempdir().unwrap();
    let out = gloss(home.path(), &["screen"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = stdout(&out);
    assert!(screen.contains("Library · 1 article"), "{screen}");
    assert!(
        screen.contains("Xi Jinping and Putin meet by video"),
        "{screen}"
    );
    assert!(screen.contains("LIBRARY"), "{screen}");
}

#[test]
fn screen_prints_the_sample_at_any_size() {
    let home = tempfile::tempdir().unwrap();
    let out = gloss(home.path(), &["screen", SAMPLE], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = stdout(&out);
    assert_eq!(screen.lines().count(), 40);
    assert!(screen.contains("Xi Jinping and Putin meet by video"));
    assert!(screen.contains("Entities"));
    assert!(screen.contains("Claims"));
    assert!(
        screen
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 120)
    );
    let out = gloss(home.path(), &["screen", SAMPLE, "--size", "40x12"], None);
    assert_eq!(stdout(&out).lines().count(), 12);
    let out = gloss(home.path(), &["screen", SAMPLE, "--size", "1x1"], None);
    assert!(out.status.success());
    let out = gloss(home.path(), &["screen", "--size", "axb"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdin_and_markdown_are_read() {
    let home = tempfile::tempdir().unwrap();
    let out = gloss(
        home.path(),
        &["screen", "-"],
        Some("Headline\n\nBody text here.".as_bytes()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Body text here."));
    assert!(stdout(&out).contains("stdin"));

    let md = home.path().join("story.md");
    std::fs::write(
        &md,
        "# The *Kremlin* speaks\n\nIt said **yes** in [a note](http://x.example).\n",
    )
    .unwrap();
    let out = gloss(home.path(), &["screen", md.to_str().unwrap()], None);
    let screen = stdout(&out);
    assert!(screen.contains("The Kremlin speaks"), "{screen}");
    assert!(screen.contains("It said yes in a note."), "{screen}");
    assert!(!screen.contains("**") && !screen.contains("http://x.example"));
}

#[test]
fn escape_sequences_in_the_article_never_reach_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("evil.txt");
    std::fs::write(
        &article,
        "Title \u{1b}]52;c;ZXZpbA==\u{7}here\n\nPutin \u{1b}[2J said \u{9b}31m it \u{202e}was\u{2066} fine.\u{7}",
    )
    .unwrap();
    let out = gloss(home.path(), &["screen", article.to_str().unwrap()], None);
    let screen = stdout(&out);
    assert!(out.status.success());
    assert!(screen.contains("Putin said it was fine."), "{screen}");
    for c in screen.chars() {
        assert!(
            c == '\n'
                || !(c.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)),
            "control character {c:?} in the screen"
        );
    }
}

#[test]
fn changed_article_text_re_anchors_and_keeps_unplaced_annotations() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("a.txt");
    std::fs::write(&article, "Putin met Xi.\n\nBiden stayed home.").unwrap();
    let json = r#"{
  "format": "gloss/1", "source": "a.txt", "title": "Putin met Xi.",
  "fingerprint": "blake3:x",
  "annotations": [
    {"id": "a1", "kind": "entity", "label": "Person", "start": 0, "end": 5, "text": "Putin",
     "prefix": "", "suffix": " met Xi.", "actor": null, "speaker": null, "note": null,
     "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"},
    {"id": "a2", "kind": "entity", "label": "Person", "start": 10, "end": 12, "text": "Xi",
     "prefix": "Putin met ", "suffix": ".", "actor": null, "speaker": null, "note": "keep me",
     "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"}
  ],
  "text": "Putin met Xi."
}"#;
    std::fs::write(home.path().join("a.txt.gloss.json"), json).unwrap();
    std::fs::write(
        &article,
        "Yesterday Putin met Jinping.\n\nBiden stayed home.",
    )
    .unwrap();
    let out = gloss(home.path(), &["screen", article.to_str().unwrap()], None);
    let screen = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(screen.contains("Unplaced (1)"), "{screen}");
    assert!(screen.contains("✗ Xi · Person"), "{screen}");
    assert!(screen.contains("● Putin · Person ×1"), "{screen}");
    assert!(screen.contains("the article changed"), "{screen}");
}

#[test]
fn learned_actors_export_as_prodigy_patterns() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data/gloss");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("learned.toml"),
        "[[actor]]\nname = \"Vladimir Putin\"\nlabel = \"Person\"\naliases = [\"Putin\"]\n",
    )
    .unwrap();
    let out = gloss(home.path(), &["patterns"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "{\"label\":\"Person\",\"pattern\":[{\"lower\":\"vladimir\"},{\"lower\":\"putin\"}]}\n{\"label\":\"Person\",\"pattern\":[{\"lower\":\"putin\"}]}\n"
    );
    std::fs::write(data.join("learned.toml"), "[[actor]]\nnam = 1\n").unwrap();
    let out = gloss(home.path(), &["patterns"], None);
    assert_one_line_error(&out, "learned.toml: line 2");
}

#[test]
fn new_annotations_never_reuse_an_unplaced_annotations_id() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("a.txt");
    std::fs::write(&article, "Title\n\nBerlin is new.").unwrap();
    let json = r#"{"format": "gloss/1", "source": "a.txt", "title": "Title", "fingerprint": "x",
  "annotations": [],
  "unplaced": [{"id": "a5", "kind": "claim", "label": "Claim", "start": 7, "end": 20, "text": "Merkel said.",
     "prefix": "", "suffix": "", "actor": null, "speaker": null, "note": null,
     "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"}],
  "text": "Title\n\nMerkel said."}"#;
    std::fs::write(home.path().join("a.txt.gloss.json"), json).unwrap();
    let dirs = gloss::config::paths::Dirs::under(home.path());
    let config = gloss::config::Config::default();
    let options = gloss::session::OpenOptions {
        config: &config,
        dirs: &dirs,
        annotations: None,
        lock: true,
    };
    let doc = gloss::document::load::read_file(&article).unwrap();
    let mut session = gloss::session::open(doc, &options).unwrap();
    let (_, id) = session.tag_entity(7..13, "Place", None);
    assert_eq!(id, "a6");
    session.save().unwrap();
    drop(session);
    // The file still opens.
    let out = gloss(home.path(), &["screen", article.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn import_never_writes_a_file_another_gloss_has_open() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    std::fs::write(dir.join("a.txt"), "Putin said so.").unwrap();
    std::fs::write(dir.join("a.ann"), "T1\tPerson 0 5\tPutin\n").unwrap();
    let ann = dir.join("a.ann");
    let out = gloss(
        dir,
        &["import", "--format", "brat", ann.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let written: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".gloss.json"))
        .collect();
    assert_eq!(written.len(), 1);
    let target = &written[0];
    let before = std::fs::read(target).unwrap();
    let lock = gloss::annotation::store::Lock::try_acquire(target, &dir.join("state/gloss/locks"))
        .unwrap()
        .expect("free");
    std::fs::write(dir.join("a.ann"), "T1\tPlace 0 5\tPutin\n").unwrap();
    let import_forced = || {
        let args = [
            "import",
            "--format",
            "brat",
            "--force",
            ann.to_str().unwrap(),
        ];
        gloss(dir, &args, None)
    };
    let out = import_forced();
    assert_one_line_error(&out, "open in another gloss");
    assert_eq!(std::fs::read(target).unwrap(), before);
    drop(lock);
    let out = import_forced();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_ne!(std::fs::read(target).unwrap(), before);
}

#[test]
fn detect_uses_the_config_and_reads_annotation_files_text() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    std::fs::write(
        dir.join("mine.toml"),
        "[[actor]]\nname = \"Zorblax Industries\"\nlabel = \"Organisation\"\naliases = [\"Zorblax\"]\n",
    )
    .unwrap();
    let config = dir.join("c.toml");
    std::fs::write(
        &config,
        "[detect]\ngazetteers = [\"mine.toml\"]\nreporting-verbs = [\"quip\"]\n",
    )
    .unwrap();
    let article = dir.join("z.txt");
    std::fs::write(&article, "Title\n\nZorblax quipped that prices would fall.").unwrap();
    let out = gloss(
        dir,
        &[
            "--config",
            config.to_str().unwrap(),
            "detect",
            article.to_str().unwrap(),
            "--json",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(
        json["entities"][0]["actor"], "Zorblax Industries",
        "{json:#}"
    );
    assert_eq!(json["claims"].as_array().unwrap().len(), 1, "{json:#}");

    // An annotation file is read for the article text it holds.
    let annotations = dir.join("z.txt.gloss.json");
    std::fs::write(
        &annotations,
        r#"{"format": "gloss/1", "source": "z.txt", "title": "T", "fingerprint": "x", "annotations": [], "text": "Putin said so."}"#,
    )
    .unwrap();
    let out = gloss(
        dir,
        &["detect", annotations.to_str().unwrap(), "--json"],
        None,
    );
    let json: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(json["text"], "Putin said so.");
}

use crate::common::http;

#[test]
fn web_pages_and_saved_pages_open_as_articles() {
    let home = tempfile::tempdir().unwrap();
    let page = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web/news.html"),
    )
    .unwrap();
    let base = http::serve(vec![
        (
            "/story",
            http::Reply::Ok("text/html; charset=utf-8", page.clone()),
        ),
        ("/gone", http::Reply::Status("404 Not Found")),
    ]);
    let out = gloss(home.path(), &["screen", &format!("{base}/story")], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = stdout(&out);
    assert!(screen.contains(&format!("{base}/story")), "{screen}");
    assert!(screen.contains("Entities"), "{screen}");

    let out = gloss(home.path(), &["screen", &format!("{base}/gone")], None);
    assert_one_line_error(&out, "404");

    let saved = home.path().join("page.html");
    std::fs::write(&saved, &page).unwrap();
    let out = gloss(home.path(), &["screen", saved.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let from_file = stdout(&out);
    let first_line = |s: &str| s.lines().next().unwrap_or_default().to_string();
    assert_eq!(
        first_line(&from_file).split('│').next(),
        first_line(&screen).split('│').next(),
        "the same article either way"
    );
}

#[test]
fn a_web_page_on_stdin_is_read_as_its_article() {
    let home = tempfile::tempdir().unwrap();
    let page = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web/news.html"),
    )
    .unwrap();
    let out = gloss(home.path(), &["screen", "-"], Some(&page));
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = stdout(&out);
    assert!(
        !screen.contains("<p>") && !screen.contains("<div"),
        "{screen}"
    );
    assert!(screen.contains("stdin"), "{screen}");
}

#[test]
fn a_reader_that_cannot_start_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("never-shown.txt");
    std::fs::write(&article, "Never shown\n\nPutin said so.").unwrap();
    // Standard output is a pipe here, not a terminal.
    let out = gloss(home.path(), &[article.to_str().unwrap()], None);
    assert_one_line_error(&out, "standard output is not a terminal");
    assert!(!home.path().join("never-shown.txt.gloss.json").exists());
    let library = gloss::library::Library::open(&home.path().join("data/gloss/library")).unwrap();
    assert!(
        library
            .entries()
            .iter()
            .all(|e| !e.title.contains("Never shown")),
        "{:?}",
        library.entries()
    );
}

#[test]
fn arguments_are_cleaned_in_errors_and_other_schemes_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let out = gloss(home.path(), &["/tmp/no\u{1b}]0;PWN\u{7}such"], None);
    assert_one_line_error(&out, "/tmp/nosuch: no such file");
    assert!(!stderr(&out).contains('\u{1b}'));
    let out = gloss(home.path(), &["ftp://example.org/a.txt"], None);
    assert_one_line_error(&out, "only http and https addresses can be opened");
    let out = gloss(home.path(), &["feed", "file:///etc/passwd"], None);
    assert_one_line_error(&out, "only http and https addresses can be opened");
    let out = gloss(home.path(), &["feed", home.path().to_str().unwrap()], None);
    assert_one_line_error(&out, "is a folder, not a feed");
}

#[test]
fn an_annotation_file_past_the_input_cap_opens_and_one_past_its_own_cap_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    // A valid file padded with JSON whitespace to 65 MiB: over the 64 MiB of other inputs.
    let mut json = r#"{
  "format": "gloss/1", "source": "a.txt", "title": "Putin met Xi.",
  "fingerprint": "blake3:x",
  "annotations": [
    {"id": "a1", "kind": "entity", "label": "Person", "start": 0, "end": 5, "text": "Putin",
     "prefix": "", "suffix": " met Xi.", "actor": null, "speaker": null, "note": null,
     "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"}
  ],
  "text": "Putin met Xi."
}"#
    .to_string()
    .into_bytes();
    json.resize(65 * 1024 * 1024, b' ');
    let big = dir.join("big.txt.gloss.json");
    std::fs::write(&big, &json).unwrap();
    drop(json);
    let out = gloss(dir, &["screen", big.to_str().unwrap()], None);
    let screen = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(screen.contains("Putin met Xi."), "{screen}");
    assert!(screen.contains("● Putin · Person ×1"), "{screen}");
    // Over 256 MiB (a sparse file: only its length is written): one line, nothing read.
    let huge = dir.join("huge.txt.gloss.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(256 * 1024 * 1024 + 1)
        .unwrap();
    let out = gloss(dir, &["screen", huge.to_str().unwrap()], None);
    assert_one_line_error(
        &out,
        "huge.txt.gloss.json: longer than gloss's limit of 256 MiB",
    );
}

#[cfg(unix)]
#[test]
fn endless_and_special_inputs_are_refused_with_one_line() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let out = gloss(dir, &["screen", "/dev/zero"], None);
    assert_one_line_error(&out, "/dev/zero: is a device, not a regular file");
    let out = gloss(dir, &["--config", "/dev/zero", "screen"], None);
    assert_one_line_error(&out, "is a device, not a regular file");
    // `yes | gloss -`: standard input is read up to the cap, then refused.
    let endless = vec![b'y'; 64 * 1024 * 1024 + 10];
    let out = gloss(dir, &["screen", "-"], Some(&endless));
    assert_one_line_error(&out, "stdin: longer than gloss's limit of 64 MiB");
    // A FIFO where a gazetteer should be is left out with a notice; it never blocks.
    let fifo = dir.join("gazetteer.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[detect]\ngazetteers = [{:?}]\n",
            fifo.display().to_string()
        ),
    )
    .unwrap();
    let article = dir.join("a.txt");
    std::fs::write(&article, "Title\n\nPutin said so.").unwrap();
    let out = gloss(
        dir,
        &[
            "--config",
            config.to_str().unwrap(),
            "detect",
            article.to_str().unwrap(),
        ],
        None,
    );
    let err = stderr(&out);
    assert!(err.contains("a FIFO, not a regular file"), "{err}");
    // Rows of a corpus are read as a stream: a FIFO or a device is refused before reading.
    let out_dir = dir.join("corpus");
    for rows in [fifo.to_str().unwrap(), "/dev/zero"] {
        let out = gloss(
            dir,
            &[
                "import",
                "--format",
                "csv",
                rows,
                "-o",
                out_dir.to_str().unwrap(),
            ],
            None,
        );
        assert_one_line_error(&out, "not a regular file");
    }
    assert!(!out_dir.exists());
}

#[cfg(unix)]
#[test]
fn a_fifo_given_as_an_article_is_refused_without_waiting_for_a_writer() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("story.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for command in ["screen", "detect"] {
        let out = gloss(home.path(), &[command, fifo.to_str().unwrap()], None);
        assert_one_line_error(&out, "is a FIFO, not a regular file");
    }
}

#[test]
fn search_prints_one_result_a_line_and_json_for_scripts() {
    let home = tempfile::tempdir().unwrap();
    // The first run keeps the sample article in the library.
    let out = gloss(
        home.path(),
        &["search", "says", "'friendship treaty'"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert!(lines.len() >= 2, "{lines:?}");
    let fields: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(fields.len(), 6, "{fields:?}");
    assert_eq!(fields[1], "text");
    let (start, end): (usize, usize) = (fields[2].parse().unwrap(), fields[3].parse().unwrap());
    assert_eq!(end - start, "friendship treaty".chars().count());
    let out = gloss(
        home.path(),
        &["search", "--json", "--limit", "1", "text: treaty"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(json.len(), 1);
    assert_eq!(json[0]["kind"], "text");
    assert_eq!(json[0]["text"].as_str().unwrap().to_lowercase(), "treaty");
    let out = gloss(home.path(), &["search", "\"unclosed"], None);
    assert_one_line_error(&out, "cannot search for");
    let out = gloss(home.path(), &["index", "--rebuild"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "1 article indexed");
}

#[test]
fn a_corpus_imported_from_csv_exports_from_its_folder_one_row_per_article() {
    let home = tempfile::tempdir().unwrap();
    let csv = home.path().join("news.csv");
    std::fs::write(
        &csv,
        "id,title,date,text\n1,Kremlin,2019-01-04,Vladimir Putin spoke in Moscow.\n2,Rain,,It rained in Paris.\n",
    )
    .unwrap();
    let corpus = home.path().join("corpus");
    let out = bin::gloss(
        home.path(),
        &[
            "import",
            "--format",
            "csv",
            csv.to_str().unwrap(),
            "-o",
            corpus.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", bin::stderr(&out));
    assert!(
        bin::stderr(&out).contains("imported 2 articles"),
        "{}",
        bin::stderr(&out)
    );
    let out = bin::gloss(
        home.path(),
        &["export", corpus.to_str().unwrap(), "--format", "articles"],
        None,
    );
    assert!(out.status.success(), "{}", bin::stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].starts_with("title,source,date,status,"), "{csv}");
    assert!(lines[1].starts_with("Kremlin,"), "{csv}");
    assert!(lines[1].contains(",2019-01-04,new,0,"), "{csv}");
    assert!(lines[2].starts_with("Rain,"), "{csv}");
    // An empty folder says so.
    let empty = home.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = bin::gloss(
        home.path(),
        &["export", empty.to_str().unwrap(), "--format", "articles"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        bin::stderr(&out).contains("no annotation files"),
        "{}",
        bin::stderr(&out)
    );
}
