//! The release binary end to end in a real terminal (tmux): open the sample, tag an actor and
//! a claim with the default keys, quit, check the screen and the saved file, reopen and see
//! them restored. .ci/run installs tmux; without it this test fails rather than skips.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn new(name: &str) -> Self {
        Self {
            socket: format!("gloss-test-{}-{name}", std::process::id()),
        }
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux is installed (.ci/run installs it)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn start(&self, home: &Path, command: &str, width: u16, height: u16) {
        let env = format!(
            "env HOME={h} XDG_CONFIG_HOME={h}/config XDG_DATA_HOME={h}/data XDG_STATE_HOME={h}/state TERM=xterm-256color",
            h = home.display()
        );
        let shell = format!("{env} {command}; echo EXITED $?; sleep 30");
        let (w, h) = (width.to_string(), height.to_string());
        self.run(&["new-session", "-d", "-x", &w, "-y", &h, &shell]);
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", key]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p"])
    }

    /// Waits until the screen contains `needle`, returning the screen.
    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {needle:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_gloss"))
}

#[test]
fn tag_an_actor_and_a_claim_quit_and_reopen() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::new("sample");
    let gloss = binary().display().to_string();
    tmux.start(home.path(), &gloss, 120, 40);
    // gloss opens the library, with the sample in it; Enter opens the sample.
    tmux.wait_for("Library · 1 article");
    tmux.keys(&["Enter"]);
    tmux.wait_for("1/15");
    // Second sentence; search for the name, select both words, tag as Person.
    tmux.keys(&["j", "/", "Vladimir", "Enter", "v", "w", "a"]);
    tmux.wait_for("as…");
    tmux.keys(&["p"]);
    tmux.wait_for("tagged \"Vladimir Putin\" as Person");
    // Tag the sentence as a claim; the picker offers the actors, the tagged one included.
    tmux.keys(&["c"]);
    let picker = tmux.wait_for("Who says it?");
    assert!(picker.contains("Vladimir Putin"), "{picker}");
    // Pick Vladimir Putin by moving to him in the list.
    let lines: Vec<&str> = picker
        .lines()
        .filter(|l| {
            l.contains('│')
                && (l.contains("(nobody)")
                    || l.contains("  Person")
                    || l.contains("  Place")
                    || l.contains("  Organisation"))
        })
        .collect();
    let putin_row = lines
        .iter()
        .position(|l| l.contains(" Vladimir Putin  Person"))
        .expect("Vladimir Putin offered");
    let nobody_row = lines.iter().position(|l| l.contains("(nobody)")).unwrap();
    let selected_row = lines.iter().position(|l| l.contains('›')).unwrap();
    let _ = nobody_row;
    let moves = putin_row as isize - selected_row as isize;
    for _ in 0..moves.unsigned_abs() {
        tmux.keys(&[if moves > 0 { "j" } else { "k" }]);
    }
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("speaker set to Vladimir Putin");
    assert!(screen.contains("● Vladimir Putin · Person ×1"), "{screen}");
    assert!(
        screen.contains("» Vladimir Putin: Following a video"),
        "{screen}"
    );
    assert!(screen.contains("saved ✓"), "{screen}");
    // q goes back to the library, which counts what was tagged; q again quits.
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("LIBRARY");
    let squeezed: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeezed.contains("1 actor · 1 claim"), "{screen}");
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXITED 0");
    assert!(
        !screen.contains("Entities"),
        "terminal not restored:\n{screen}"
    );

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
    let tmux = Tmux::new("reopen");
    tmux.start(home.path(), &gloss, 120, 40);
    tmux.wait_for("LIBRARY");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Xi Jinping and Putin meet by video");
    assert!(screen.contains("● Vladimir Putin · Person ×1"), "{screen}");
    assert!(
        screen.contains("» Vladimir Putin: Following a video"),
        "{screen}"
    );
    assert!(screen.contains("2 tagged"), "{screen}");
    // A second gloss on the same file is read-only while the first runs.
    let second = Tmux::new("second");
    second.start(home.path(), &gloss, 120, 40);
    second.wait_for("LIBRARY");
    second.keys(&["Enter"]);
    let screen = second.wait_for("READ-ONLY");
    assert!(screen.contains("another gloss is editing"), "{screen}");
    second.keys(&["q", "q"]);
    second.wait_for("EXITED 0");
    tmux.keys(&["q", "q"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn a_tiny_terminal_shows_a_notice_and_survives_resizes() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::new("tiny");
    let gloss = binary().display().to_string();
    tmux.start(home.path(), &gloss, 15, 4);
    tmux.wait_for("too small");
    tmux.run(&["resize-window", "-x", "40", "-y", "12"]);
    tmux.wait_for("Library");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Xi Jinping");
    tmux.keys(&["j", "j", "Tab"]);
    tmux.wait_for("Entities");
    tmux.run(&["resize-window", "-x", "1", "-y", "1"]);
    std::thread::sleep(Duration::from_millis(200));
    tmux.run(&["resize-window", "-x", "120", "-y", "40"]);
    tmux.keys(&["Tab", "G", "?"]);
    tmux.wait_for("Keys (j/k scroll");
    tmux.keys(&["Escape", "q"]);
    tmux.wait_for("LIBRARY");
    tmux.run(&["resize-window", "-x", "12", "-y", "3"]);
    tmux.wait_for("too small");
    tmux.run(&["resize-window", "-x", "30", "-y", "8"]);
    tmux.wait_for("LIBRARY");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
}

#[path = "common/http.rs"]
mod http;

#[test]
fn a_slow_page_shows_progress_and_esc_cancels() {
    let home = tempfile::tempdir().unwrap();
    let base = http::serve(vec![("/slow", http::Reply::Slow(Duration::from_secs(20)))]);
    let tmux = Tmux::new("slow");
    let gloss = format!("{} {base}/slow", binary().display());
    tmux.start(home.path(), &gloss, 100, 20);
    let screen = tmux.wait_for("fetching");
    assert!(screen.contains("Esc cancels"), "{screen}");
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("EXITED 2");
    assert!(screen.contains("cancelled"), "{screen}");
}

/// The pid of the gloss process whose arguments are exactly `args`.
fn gloss_pid(args: &[&str]) -> Option<String> {
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
            let found: Vec<&[u8]> = cmdline
                .split(|b| *b == 0)
                .filter(|a| !a.is_empty())
                .collect();
            let is_gloss = found.first()?.ends_with(b"gloss")
                && found.len() == args.len() + 1
                && found[1..].iter().zip(args).all(|(a, b)| *a == b.as_bytes());
            is_gloss.then(|| entry.file_name().to_string_lossy().into_owned())
        })
}

#[test]
fn closing_the_terminal_ends_gloss() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("hangup-article.txt");
    std::fs::write(&article, "Title\n\nPutin said so.").unwrap();
    let tmux = Tmux::new("hangup");
    let gloss = format!("{} {}", binary().display(), article.display());
    tmux.start(home.path(), &gloss, 80, 20);
    tmux.wait_for("Putin said so.");
    let pid = gloss_pid(&[article.to_str().unwrap()]).expect("gloss is running");
    // The terminal goes away, as when its window is closed.
    tmux.run(&["kill-server"]);
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.split_whitespace().nth(2) == Some("Z") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "gloss still runs after its terminal closed: {state}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigterm_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("sigterm-article.txt");
    std::fs::write(&article, "Title\n\nPutin said so.").unwrap();
    let tmux = Tmux::new("sigterm");
    let gloss = format!("{} {}", binary().display(), article.display());
    tmux.start(home.path(), &gloss, 80, 20);
    tmux.wait_for("Putin said so.");
    // The gloss process itself (not the shell around it): argv is [gloss, article].
    let pid = gloss_pid(&[article.to_str().unwrap()]).expect("gloss is running");
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let screen = tmux.wait_for("EXITED");
    assert!(
        !screen.contains("Entities"),
        "terminal not restored:\n{screen}"
    );
    let mode = tmux.run(&["display", "-p", "#{alternate_on}"]);
    assert_eq!(mode.trim(), "0", "still on the alternate screen");
}
