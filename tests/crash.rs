//! Killing gloss with SIGKILL in the middle of saves, many times: the annotation file always
//! parses and holds every annotation whose save had completed.
#![cfg(unix)]

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use gloss::annotation::file;
use gloss::config::Config;
use gloss::document::{Document, Source};

const CHILD_ENV: &str = "GLOSS_CRASH_CHILD_DIR";
const WORDS: usize = 400;

fn article() -> String {
    let words: Vec<String> = (0..WORDS).map(|i| format!("Name{i}")).collect();
    format!("Title\n\n{}.", words.join(" "))
}

/// Runs in the child process: tags one word after another, saving each time, and reports
/// each completed save on stdout.
#[test]
fn crash_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    let text = article();
    let mut config = Config::default();
    config.reader.suggestions = false;
    let doc = Document::new(text.clone(), Source::File(dir.join("article.txt")));
    let mut app = common::open_with(dir, doc, config, None);
    let mut out = std::io::stdout().lock();
    let start = app.session.annotations.len();
    for i in start..WORDS {
        let word = format!("Name{i} ");
        let at = text.find(&word).unwrap();
        let _ = app
            .session
            .tag_entity(at..at + word.len() - 1, "Person", None);
        app.session.save().unwrap();
        writeln!(out, "saved {}", app.session.annotations.len()).unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn sigkill_during_saves_never_tears_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.txt"), article()).unwrap();
    let annotations = dir.path().join("article.txt.gloss.json");
    let mut last_confirmed = 0;
    for round in 0..25 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash::crash_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Let it complete a varying number of saves, then kill it mid-flight.
        let wanted = 1 + (round * 7) % 9;
        let mut seen = 0;
        while seen < wanted {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(n) = line.split("saved ").nth(1) {
                        last_confirmed = n.trim().parse().unwrap();
                        seen += 1;
                    }
                }
                _ => break,
            }
        }
        child.kill().unwrap();
        child.wait().unwrap();
        // Saves reported after the ones we read may also have completed; never fewer.
        for line in lines.map_while(Result::ok) {
            if let Some(n) = line.split("saved ").nth(1) {
                last_confirmed = n.trim().parse().unwrap();
            }
        }
        let json = std::fs::read_to_string(&annotations).expect("file exists after a save");
        let parsed = file::parse(&annotations, &json).expect("file always parses");
        assert!(
            parsed.annotations.len() >= last_confirmed,
            "round {round}: {} annotations on disk, {last_confirmed} confirmed saved",
            parsed.annotations.len()
        );
        assert_eq!(parsed.text, article());
        if last_confirmed >= WORDS {
            break;
        }
    }
    assert!(last_confirmed > 0);
    // The next session cleans up temporary files a kill left behind.
    let mut config = Config::default();
    config.reader.suggestions = false;
    let doc = Document::new(article(), Source::File(dir.path().join("article.txt")));
    let app = common::open_with(dir.path(), doc, config, None);
    assert!(app.session.annotations.len() >= last_confirmed);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
