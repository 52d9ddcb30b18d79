//! Memory for a 5 MB article (text, sentences, suggestions, annotations index, first frame)
//! stays under 10 times the article's size. Measured as the growth of the peak resident set
//! of a child process that does only this.
#![cfg(target_os = "linux")]

use crate::common;
use crate::common::support;

use std::process::Command;

const CHILD_ENV: &str = "GLOSS_MEMORY_CHILD";
const ARTICLE_BYTES: usize = 5_000_000;

fn peak_rss_kib() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[test]
fn memory_child() {
    if std::env::var(CHILD_ENV).is_err() {
        return;
    }
    let before = peak_rss_kib();
    let dir = tempfile::tempdir().unwrap();
    let text = support::wikinews_article(ARTICLE_BYTES);
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &text).unwrap();
    drop(text);
    let doc = gloss::document::load::read_file(&path).unwrap();
    let mut app = common::open_with(dir.path(), doc, gloss::config::Config::default(), None);
    gloss::tui::screen::render_text(&mut app, 120, 40);
    common::press(&mut app, "G");
    gloss::tui::screen::render_text(&mut app, 120, 40);
    let size = app.session.doc.text.len();
    println!(
        "article {size} bytes; peak RSS {} KiB before, {} KiB after",
        before,
        peak_rss_kib()
    );
}

#[test]
fn a_5mb_article_takes_under_ten_times_its_size() {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "memory::memory_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout
        .lines()
        .find_map(|l| l.find("article ").map(|at| &l[at..]))
        .expect("child reports");
    println!("{line}");
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    // What the article took: the peak less what the test binary held before it started
    // (all the integration tests are one binary, larger than gloss).
    let (bytes, before, after) = (numbers[0], numbers[1], numbers[2]);
    let used = after.saturating_sub(before);
    assert!(
        used * 1024 < bytes * 10,
        "{used} KiB above the {before} KiB before, for a {bytes}-byte article"
    );
}
