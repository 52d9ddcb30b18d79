//! The release binary end to end in a real (pseudo-)terminal: open the sample, tag an actor
//! and a claim with the default keys, quit, check the screen and the saved file, reopen and
//! see them restored; tiny sizes, resizes, cancelling a fetch, hang-ups and signals. The
//! terminal is emulated by vt100, so no tmux is needed.
#![cfg(unix)]

use crate::common::pty;

use crate::common::http;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use pty::Term;

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_gloss"))
}

fn gloss(home: &Path, args: &[&str], width: u16, height: u16) -> Term {
    Term::start(home, &binary(), args, width, height, &[])
}

/// Checks that the terminal is back as it was: the main screen, no reader on it.
fn assert_restored(term: &mut Term) {
    let screen = term.screen();
    let emulator = term.emulator();
    assert!(
        !emulator.alternate_screen(),
        "still on the alternate screen"
    );
    assert!(
        !screen.contains("Entities"),
        "terminal not restored:\n{screen}"
    );
}

#[test]
fn tag_an_actor_and_a_claim_quit_and_reopen() {
    let home = tempfile::tempdir().unwrap();
    let mut term = gloss(home.path(), &[], 120, 40);
    // gloss opens the library, with the sample in it; Enter opens the sample.
    term.wait_for("Library · 1 article");
    term.keys(&["Enter"]);
    term.wait_for("1/15");
    // Second sentence; search for the name, select both words, tag as Person.
    term.keys(&["j", "/", "Vladimir", "Enter", "v", "w", "a"]);
    term.wait_for("as…");
    term.keys(&["p"]);
    term.wait_for("tagged \"Vladimir Putin\" as Person");
    // Tag the sentence as a claim; the picker offers the actors, the tagged one included.
    term.keys(&["c"]);
    let picker = term.wait_for("Who says it?");
    assert!(picker.contains("Vladimir Putin"), "{picker}");
    // Pick Vladimir Putin by typing part of his name: the list narrows, Enter picks.
    term.keys(&["vlad"]);
    let picker = term.wait_for("Who says it? vlad");
    assert!(!picker.contains("Xi Jinping  Person"), "{picker}");
    term.keys(&["Enter"]);
    let screen = term.wait_for("tagged a Claim by Vladimir Putin");
    assert!(screen.contains("● Vladimir Putin · Person ×1"), "{screen}");
    assert!(
        screen.contains("» Vladimir Putin: Following a video"),
        "{screen}"
    );
    // The writer thread says so once the file is on disk (under load, after the frame above).
    term.wait_for("saved ✓");
    // q goes back to the library, which counts what was tagged; q again quits.
    term.keys(&["q"]);
    let screen = term.wait_for("LIBRARY");
    let squeezed: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeezed.contains("1 actor · 1 claim"), "{screen}");
    term.keys(&["q"]);
    assert_eq!(term.wait_exit(), 0);
    assert_restored(&mut term);

    let library = home.path().join("data/gloss/library");
    let saved: Vec<PathBuf> = std::fs::read_dir(&library)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".gloss.json"))
        .collect();
    let [saved] = saved.as_slice() else {
        panic!("one article file in the library: {saved:?}");
    };
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(saved).unwrap()).unwrap();
    let annotations = json["annotations"].as_array().unwrap();
    assert_eq!(annotations.len(), 2, "{json:#}");
    let entity = annotations.iter().find(|a| a["kind"] == "entity").unwrap();
    let claim = annotations.iter().find(|a| a["kind"] == "claim").unwrap();
    assert_eq!(entity["text"], "Vladimir Putin");
    assert_eq!(entity["label"], "Person");
    assert_eq!(claim["speaker"], entity["id"]);
    assert!(
        claim["text"]
            .as_str()
            .unwrap()
            .starts_with("Following a videoconference")
    );

    // Reopen: both are restored.
    let mut term = gloss(home.path(), &[], 120, 40);
    term.wait_for("LIBRARY");
    term.keys(&["Enter"]);
    let screen = term.wait_for("Xi Jinping and Putin meet by video");
    assert!(screen.contains("● Vladimir Putin · Person ×1"), "{screen}");
    assert!(
        screen.contains("» Vladimir Putin: Following a video"),
        "{screen}"
    );
    assert!(screen.contains("2 tagged"), "{screen}");
    // A second gloss on the same file is read-only while the first runs.
    let mut second = gloss(home.path(), &[], 120, 40);
    second.wait_for("LIBRARY");
    second.keys(&["Enter"]);
    let screen = second.wait_for("READ-ONLY");
    assert!(screen.contains("another gloss is editing"), "{screen}");
    second.keys(&["q", "q"]);
    assert_eq!(second.wait_exit(), 0);
    term.keys(&["q", "q"]);
    assert_eq!(term.wait_exit(), 0);
}

#[test]
fn a_tiny_terminal_shows_a_notice_and_survives_resizes() {
    let home = tempfile::tempdir().unwrap();
    let mut term = gloss(home.path(), &[], 15, 4);
    term.wait_for("too small");
    term.resize(40, 12);
    term.wait_for("Library");
    term.keys(&["Enter"]);
    term.wait_for("Xi Jinping");
    term.keys(&["j", "j", "Tab"]);
    term.wait_for("Entities");
    term.resize(1, 1);
    std::thread::sleep(Duration::from_millis(200));
    term.resize(120, 40);
    term.keys(&["Tab", "G", "?"]);
    term.wait_for("Keys (j/k scroll");
    term.keys(&["Escape", "q"]);
    term.wait_for("LIBRARY");
    term.resize(12, 3);
    term.wait_for("too small");
    term.resize(30, 8);
    term.wait_for("LIBRARY");
    term.keys(&["q"]);
    assert_eq!(term.wait_exit(), 0);
    assert_restored(&mut term);
}

#[test]
fn a_slow_page_shows_progress_and_esc_cancels() {
    let home = tempfile::tempdir().unwrap();
    let base = http::serve(vec![("/slow", http::Reply::Slow(Duration::from_secs(20)))]);
    let address = format!("{base}/slow");
    let mut term = gloss(home.path(), &[&address], 100, 20);
    let screen = term.wait_for("fetching");
    assert!(screen.contains("Esc cancels"), "{screen}");
    term.keys(&["Escape"]);
    assert_eq!(term.wait_exit(), 2);
    let screen = term.screen();
    assert!(screen.contains("cancelled"), "{screen}");
}

/// Waits until process `pid` has ended (or is a zombie waiting to be reaped).
fn assert_ends(pid: u32, what: &str) {
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.split_whitespace().nth(2) == Some("Z") {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "gloss still runs after {what}: {state}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn closing_the_terminal_ends_gloss() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("hangup-article.txt");
    std::fs::write(&article, "Title\n\nPutin said so.").unwrap();
    let mut term = gloss(home.path(), &[article.to_str().unwrap()], 80, 20);
    term.wait_for("Putin said so.");
    let pid = term.pid();
    // The terminal goes away, as when its window is closed.
    term.hang_up();
    assert_ends(pid, "its terminal closed");
}

#[test]
fn sigterm_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("sigterm-article.txt");
    std::fs::write(&article, "Title\n\nPutin said so.").unwrap();
    let mut term = gloss(home.path(), &[article.to_str().unwrap()], 80, 20);
    term.wait_for("Putin said so.");
    let killed = Command::new("kill")
        .args(["-TERM", &term.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    term.wait_exit();
    assert_restored(&mut term);
}

/// Opens an article, tags "Putin" as a person and starts typing a note on it; returns the
/// terminal and the annotation file.
fn typing_a_note(home: &Path, name: &str) -> (Term, PathBuf) {
    let article = home.join(name);
    std::fs::write(&article, "Title\n\nPutin said so.").unwrap();
    let mut term = gloss(home, &[article.to_str().unwrap()], 80, 20);
    term.wait_for("Putin said so.");
    term.keys(&["/", "Putin", "Enter", "a"]);
    term.wait_for("as…");
    term.keys(&["p"]);
    term.wait_for("saved ✓");
    term.keys(&["m"]);
    term.wait_for("NOTE");
    term.keys(&["checked against the transcript"]);
    term.wait_for("checked against the transcript");
    (term, home.join(format!("{name}.gloss.json")))
}

fn note_in(file: &Path) -> Option<String> {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    json["annotations"][0]["note"].as_str().map(str::to_string)
}

#[test]
fn a_note_being_typed_is_saved_when_gloss_is_told_to_stop() {
    let home = tempfile::tempdir().unwrap();
    let (mut term, file) = typing_a_note(home.path(), "sigterm-note.txt");
    assert_eq!(note_in(&file), None);
    let killed = Command::new("kill")
        .args(["-TERM", &term.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    term.wait_exit();
    assert_eq!(
        note_in(&file).as_deref(),
        Some("checked against the transcript")
    );
}

#[test]
fn a_note_being_typed_when_the_terminal_closes_is_not_lost() {
    let home = tempfile::tempdir().unwrap();
    let (mut term, file) = typing_a_note(home.path(), "hangup-note.txt");
    let pid = term.pid();
    term.hang_up();
    assert_ends(pid, "its terminal closed");
    let ended = term.ended();
    drop(term);
    // Either gloss saw the hang-up in time and saved the note, or the watcher that ends it
    // left a draft that this open puts back.
    let article = home.path().join("hangup-note.txt");
    let mut term = gloss(home.path(), &[article.to_str().unwrap()], 100, 20);
    term.wait_for("Putin said so.");
    let screen = term.wait_for("saved ✓");
    let drafts: Vec<_> = std::fs::read_dir(home.path().join("state/gloss/drafts"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert_eq!(
        note_in(&file).as_deref(),
        Some("checked against the transcript"),
        "{screen}\nended: {ended:?} drafts: {drafts:?}\n{}",
        std::fs::read_to_string(&file).unwrap()
    );
    term.keys(&["q"]);
    term.wait_exit();
}

#[test]
fn a_fatal_signal_leaves_the_terminal_restored() {
    for signal in ["-ABRT", "-SEGV", "-ILL"] {
        let home = tempfile::tempdir().unwrap();
        let article = home.path().join("abort-article.txt");
        std::fs::write(&article, "Title\n\nPutin said so.").unwrap();
        let mut term = gloss(home.path(), &[article.to_str().unwrap()], 80, 20);
        term.wait_for("Putin said so.");
        assert!(!term.cooked(), "the reader runs in raw mode");
        let sent = Command::new("kill")
            .args([signal, &term.pid().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let start = Instant::now();
        while term.ended().is_none() && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let ended = term.ended();
        assert!(ended.is_some(), "{signal}: gloss still runs");
        assert_restored(&mut term);
        assert!(term.cooked(), "{signal}: the terminal was left in raw mode");
        assert!(
            !term.emulator().hide_cursor(),
            "{signal}: the cursor was left hidden"
        );
    }
}

/// The (row, column) of the first cell where `needle` starts on screen.
fn find_on_screen(term: &mut Term, needle: &str) -> (u16, u16) {
    let screen = term.screen();
    for (row, line) in screen.lines().enumerate() {
        if let Some(at) = line.find(needle) {
            return (row as u16, line[..at].chars().count() as u16);
        }
    }
    panic!("{needle:?} not on screen:\n{screen}");
}

#[test]
fn no_color_keeps_bold_underline_and_reverse() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("no-color.txt");
    std::fs::write(
        &article,
        "Title\n\nVladimir Putin met the leaders of the Kremlin in Moscow.",
    )
    .unwrap();
    let mut term = Term::start(
        home.path(),
        &binary(),
        &[article.to_str().unwrap()],
        100,
        20,
        &[("NO_COLOR", "1")],
    );
    term.wait_for("Vladimir Putin met");
    term.keys(&["/", "Kremlin", "Enter", "a"]);
    term.wait_for("as…");
    term.keys(&["o"]);
    term.wait_for("saved ✓");
    // Esc clears the search, whose match highlight would cover the tag.
    term.keys(&["Escape"]);
    let (row, col) = find_on_screen(&mut term, "Vladimir Putin met");
    let (tag_row, tag_col) = find_on_screen(&mut term, "Kremlin in");
    let (status_row, status_col) = find_on_screen(&mut term, "saved ✓");
    let emulator = term.emulator();
    let suggested = emulator.cell(row, col).unwrap();
    assert!(suggested.underline(), "a suggested name is underlined");
    // The cursor stands on the first letter.
    let tagged = emulator.cell(tag_row, tag_col + 2).unwrap();
    assert!(
        tagged.bold() && tagged.inverse(),
        "a tagged name is bold, reversed: bold {} inverse {} underline {}",
        tagged.bold(),
        tagged.inverse(),
        tagged.underline()
    );
    let plain = emulator.cell(row, col + 15).unwrap();
    assert!(!plain.underline() && !plain.bold() && !plain.inverse());
    assert!(
        emulator.cell(status_row, status_col).unwrap().inverse(),
        "the status bar"
    );
    let (rows, cols) = emulator.size();
    for r in 0..rows.get() {
        for c in 0..cols.get() {
            let cell = emulator.cell(r, c).unwrap();
            assert_eq!(
                (cell.fgcolor(), cell.bgcolor()),
                (vt100::Color::Default, vt100::Color::Default),
                "a colour at {r},{c} with NO_COLOR set"
            );
        }
    }
    term.keys(&["q"]);
    term.wait_exit();
}

#[test]
fn a_paste_never_runs_as_keys_and_goes_into_the_open_input() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("paste.txt");
    std::fs::write(&article, "Title\n\nPutin said so. Xi agreed.").unwrap();
    let mut term = gloss(home.path(), &[article.to_str().unwrap()], 100, 20);
    term.wait_for("Putin said so.");
    assert!(term.emulator().bracketed_paste(), "bracketed paste is on");
    term.keys(&["/", "Putin", "Enter", "a"]);
    term.wait_for("as…");
    term.keys(&["p"]);
    term.wait_for("saved ✓");
    let file = home.path().join("paste.txt.gloss.json");
    let before = std::fs::read_to_string(&file).unwrap();
    // On the reader itself: x would remove the tag and q quit.
    term.paste("xj q");
    let screen = term.wait_for("paste ignored");
    assert!(term.running(), "gloss quit on a paste:\n{screen}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    // Into a note: the text as pasted, line breaks included.
    term.keys(&["m"]);
    term.wait_for("NOTE");
    term.paste("from the transcript\nsecond line");
    term.keys(&["Escape"]);
    term.wait_for("note saved");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(
        json["annotations"][0]["note"],
        "from the transcript\nsecond line"
    );
    // Into a search: one line.
    term.keys(&["/"]);
    term.paste("Xi\n");
    term.wait_for("/Xi");
    term.keys(&["Escape", "q"]);
    assert_eq!(term.wait_exit(), 0);
    assert!(
        !term.emulator().bracketed_paste(),
        "bracketed paste left on"
    );
}

#[test]
fn combining_marks_and_joiners_never_move_the_panel_border() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("marks.txt");
    let zalgo = format!("Z{}algo", "\u{301}".repeat(10_000));
    std::fs::write(
        &article,
        format!(
            "Title\n\n{zalgo} said the Daily Xtra\u{200d} was right. The Daily Xtra said so too."
        ),
    )
    .unwrap();
    let mut term = gloss(home.path(), &[article.to_str().unwrap()], 100, 20);
    term.wait_for("said the Daily");
    // Tag both spellings of the paper and the name with the marks.
    term.keys(&["/", "Daily", "Enter", "v", "w", "a"]);
    term.wait_for("as…");
    term.keys(&["o"]);
    term.wait_for("saved ✓");
    term.keys(&["n", "v", "w", "a"]);
    term.wait_for("as…");
    term.keys(&["o"]);
    term.keys(&["/", "Z", "Enter", "a"]);
    term.wait_for("p Person ·");
    term.keys(&["p"]);
    let screen = term.wait_for("3 tagged");
    // One actor for both spellings.
    assert!(screen.contains("Daily Xtra · Organisation ×2"), "{screen}");
    let emulator = term.emulator();
    let (rows, cols) = emulator.size();
    let border: Vec<Option<u16>> = (0..rows.get() - 2)
        .map(|r| (0..cols.get()).find(|&c| emulator.cell(r, c).unwrap().contents() == "│"))
        .collect();
    let first = border[0];
    assert!(first.is_some(), "{screen}");
    for (row, at) in border.iter().enumerate() {
        assert_eq!(*at, first, "row {row}: the panel border moved\n{screen}");
    }
    term.keys(&["q"]);
    term.wait_exit();
}

#[test]
fn a_web_article_is_exported_to_the_current_folder_named_from_its_title() {
    let home = tempfile::tempdir().unwrap();
    let page = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/web/news.html"
    ))
    .unwrap();
    let base = http::serve(vec![("/world/treaty", http::Reply::Ok("text/html", page))]);
    let address = format!("{base}/world/treaty");
    let mut term = gloss(home.path(), &[&address], 120, 40);
    term.wait_for("Russia and China extend");
    term.keys(&["/", "Kremlin", "Enter", "a"]);
    term.wait_for("as…");
    term.keys(&["o"]);
    term.wait_for("saved ✓");
    term.keys(&["E"]);
    term.wait_for("Export to the current folder");
    term.keys(&["1"]);
    term.wait_for("exported jsonl to");
    let written = home
        .path()
        .join("Russia-and-China-extend-friendship-treaty.gloss.jsonl");
    let jsonl = std::fs::read_to_string(&written)
        .unwrap_or_else(|e| panic!("{}: {e}; screen:\n{}", written.display(), term.screen()));
    assert!(jsonl.contains("Kremlin"), "{jsonl}");
    term.keys(&["q"]);
    term.wait_exit();
}
