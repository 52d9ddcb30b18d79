//! The fuzz targets' inputs replayed as ordinary tests on stable: every file in
//! `fuzz/corpus/<target>/` (the seed corpus, minimised) and `fuzz/regressions/<target>/`
//! (inputs that once crashed, hung or ran out of memory) goes through the same function as the
//! fuzz target, `fuzz/src/lib.rs` included here by path, and must return without panicking
//! and within [`LIMIT`]. A crash once fixed stays fixed.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// The longest one input may take, in a debug build; the fuzzer's own limit is 10 seconds in
/// an optimised build.
const LIMIT: Duration = Duration::from_secs(60);

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted; none when the folder does not exist.
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(root().join(kind).join(target)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = dir
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `run` on every input of `target`, each on its own thread so that a panic or a hang is
/// reported with its file and the rest still run; fails naming every input that did not pass.
fn replay(target: &str, run: fn(&[u8])) {
    let corpus = inputs("corpus", target);
    assert!(!corpus.is_empty(), "fuzz/corpus/{target}/ is empty");
    let mut failures = Vec::new();
    for path in corpus.iter().chain(&inputs("regressions", target)) {
        let data = std::fs::read(path).unwrap();
        let (done, wait) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(move || {
                let outcome = std::panic::catch_unwind(|| run(&data));
                let _ = done.send(outcome.is_ok());
            })
            .unwrap();
        let shown = path.strip_prefix(root()).unwrap_or(path).display();
        match wait.recv_timeout(LIMIT) {
            Ok(true) => {
                worker.join().unwrap();
            }
            Ok(false) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                let _ = worker.join();
                failures.push(format!("fuzz/{shown}: panicked"));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                failures.push(format!("fuzz/{shown}: still running after {LIMIT:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{target}: {} of its inputs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

macro_rules! replay_tests {
    ($($target:ident),* $(,)?) => {
        $(
            #[test]
            fn $target() {
                replay(stringify!($target), targets::$target);
            }
        )*

        /// Every target has a test here, a fuzz target and a corpus.
        #[test]
        fn every_target_is_replayed() {
            let tested = [$(stringify!($target)),*];
            for (name, _) in targets::TARGETS {
                assert!(tested.contains(name), "{name} has no replay test");
                let target = root().join("fuzz_targets").join(format!("{name}.rs"));
                assert!(target.is_file(), "no {}", target.display());
            }
            assert_eq!(tested.len(), targets::TARGETS.len());
        }
    };
}

replay_tests!(
    annotation_file,
    config,
    gazetteer,
    markdown,
    html_extract,
    feed,
    opml,
    import_brat,
    import_doccano,
    import_label_studio,
    import_w3c,
    document,
);
