//! What `-o` may replace: never an article, an annotation file (even one a reader has
//! open), a link to one, a FIFO or a device; a link to anything else is written through.
//! Output that cannot be written (a full disk on stdout) is an error, exit 2.
#![cfg(unix)]

use crate::common::fixture;

use crate::common::bin;

use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use bin::{assert_one_line_error, gloss};

/// An article and its annotation file in `dir`; returns (article, annotation file).
fn article(dir: &Path) -> (PathBuf, PathBuf) {
    let mut file = fixture::sample();
    let article = dir.join("story.txt");
    std::fs::write(&article, &file.text).unwrap();
    file.source = article.display().to_string();
    let annotations = dir.join("story.txt.gloss.json");
    std::fs::write(
        &annotations,
        gloss::annotation::file::to_json(&file).as_bytes(),
    )
    .unwrap();
    (article, annotations)
}

fn export_to(home: &Path, input: &Path, output: &Path) -> std::process::Output {
    gloss(
        home,
        &[
            "export",
            input.to_str().unwrap(),
            "--format",
            "conll",
            "-o",
            output.to_str().unwrap(),
        ],
        None,
    )
}

#[test]
fn export_never_replaces_the_article_or_an_annotation_file() {
    let home = tempfile::tempdir().unwrap();
    let (article, annotations) = article(home.path());
    let before_article = std::fs::read(&article).unwrap();
    let before_annotations = std::fs::read(&annotations).unwrap();
    let out = export_to(home.path(), &article, &article);
    assert_one_line_error(&out, "not replaced");
    let out = export_to(home.path(), &article, &annotations);
    assert_one_line_error(&out, "not replaced");
    // An annotation file saved under another name is known by its content.
    let backup = home.path().join("backup.json");
    std::fs::copy(&annotations, &backup).unwrap();
    let out = export_to(home.path(), &article, &backup);
    assert_one_line_error(&out, "annotation file");
    assert_eq!(std::fs::read(&article).unwrap(), before_article);
    assert_eq!(std::fs::read(&annotations).unwrap(), before_annotations);
    assert_eq!(std::fs::read(&backup).unwrap(), before_annotations);
}

#[test]
fn export_never_replaces_a_link_to_the_article_a_fifo_or_a_device() {
    let home = tempfile::tempdir().unwrap();
    let (article, annotations) = article(home.path());
    let link = home.path().join("out.conll");
    symlink(&article, &link).unwrap();
    let out = export_to(home.path(), &annotations, &link);
    assert_one_line_error(&out, "links to");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let fifo = home.path().join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = export_to(home.path(), &annotations, &fifo);
    assert_one_line_error(&out, "a FIFO");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    let out = export_to(home.path(), &annotations, Path::new("/dev/null"));
    assert_one_line_error(&out, "a device");
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn export_writes_through_a_link_to_a_plain_file() {
    let home = tempfile::tempdir().unwrap();
    let (_, annotations) = article(home.path());
    std::fs::create_dir(home.path().join("exports")).unwrap();
    let target = home.path().join("exports/story.conll");
    std::fs::write(&target, "old export").unwrap();
    let link = home.path().join("latest.conll");
    symlink("exports/story.conll", &link).unwrap();
    let out = export_to(home.path(), &annotations, &link);
    assert!(out.status.success(), "{}", bin::stderr(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("-DOCSTART-"), "{written}");
}

#[test]
fn export_never_writes_into_the_library() {
    let home = tempfile::tempdir().unwrap();
    let (_, annotations) = article(home.path());
    // The library exists once gloss has shown it.
    let shown = gloss(home.path(), &["screen"], None);
    assert!(shown.status.success());
    let library = home.path().join("data/gloss/library");
    let out = export_to(home.path(), &annotations, &library.join("index.conll"));
    assert_one_line_error(&out, "library");
    let out = gloss(
        home.path(),
        &[
            "export",
            annotations.to_str().unwrap(),
            "--format",
            "brat",
            "-o",
            library.to_str().unwrap(),
        ],
        None,
    );
    assert_one_line_error(&out, "library");
}

/// Runs gloss with stdout on /dev/full.
fn to_full_disk(home: &Path, args: &[&str]) -> std::process::Output {
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap();
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .stdin(Stdio::null())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn output_lost_to_a_full_disk_is_an_error() {
    let home = tempfile::tempdir().unwrap();
    let (article, annotations) = article(home.path());
    let config = home.path().join("config/gloss");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[[feeds]]\nname = \"News\"\nurl = \"https://example.org/feed.xml\"\n",
    )
    .unwrap();
    let commands: [&[&str]; 5] = [
        &["export", annotations.to_str().unwrap(), "--format", "jsonl"],
        &["detect", article.to_str().unwrap(), "--json"],
        &["screen", article.to_str().unwrap()],
        &["feeds", "export"],
        &["feeds", "list"],
    ];
    for args in commands {
        let out = to_full_disk(home.path(), args);
        assert_one_line_error(&out, "standard output");
        assert!(
            bin::stderr(&out).contains("No space left"),
            "{args:?}: {}",
            bin::stderr(&out)
        );
    }
}

#[test]
fn label_studio_writes_its_config_beside_the_tasks_but_never_over_an_annotation_file() {
    let home = tempfile::tempdir().unwrap();
    let (article, annotations) = article(home.path());
    let export = |output: Option<&Path>| {
        let mut args = vec![
            "export",
            article.to_str().unwrap(),
            "--format",
            "label-studio",
        ];
        if let Some(output) = output {
            args.extend(["-o", output.to_str().unwrap()]);
        }
        gloss(home.path(), &args, None)
    };
    let tasks = home.path().join("out.json");
    let config = home.path().join("out.label-studio.xml");
    let out = export(Some(&tasks));
    assert!(out.status.success(), "{}", bin::stderr(&out));
    assert!(
        std::fs::read_to_string(&config)
            .unwrap()
            .starts_with("<View>")
    );
    assert!(
        bin::stderr(&out).contains(&format!(
            "wrote the Label Studio labelling config to {}",
            config.display()
        )),
        "{}",
        bin::stderr(&out)
    );
    // An annotation file where the config would go: neither file is written.
    std::fs::remove_file(&tasks).unwrap();
    std::fs::copy(&annotations, &config).unwrap();
    let out = export(Some(&tasks));
    assert_one_line_error(&out, "not replaced");
    assert!(!tasks.exists());
    assert_eq!(
        std::fs::read(&config).unwrap(),
        std::fs::read(&annotations).unwrap()
    );
    // To stdout: the tasks, and on stderr how to get the config.
    let out = export(None);
    assert!(out.status.success());
    assert!(bin::stdout(&out).starts_with('['));
    assert!(
        bin::stderr(&out)
            .contains("with -o tasks.json it is written beside it as tasks.label-studio.xml"),
        "{}",
        bin::stderr(&out)
    );
}

#[test]
fn a_web_address_exports_the_annotations_the_reader_keeps_for_it() {
    let home = tempfile::tempdir().unwrap();
    let url = "https://news.example/world/treaty";
    let mut file = fixture::sample();
    file.source = url.to_string();
    let library = home.path().join("data/gloss/library");
    std::fs::create_dir_all(&library).unwrap();
    std::fs::write(
        library.join(format!("{}.gloss.json", gloss::library::article_id(url))),
        gloss::annotation::file::to_json(&file),
    )
    .unwrap();
    let out = gloss(home.path(), &["export", url, "--format", "jsonl"], None);
    assert!(out.status.success(), "{}", bin::stderr(&out));
    assert!(bin::stdout(&out).contains("Putin"), "{}", bin::stdout(&out));
    let out = gloss(
        home.path(),
        &["export", "https://news.example/other", "--format", "jsonl"],
        None,
    );
    assert_one_line_error(&out, "no annotations kept for this page");
}
