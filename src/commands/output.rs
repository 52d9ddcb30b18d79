//! What the subcommands write: standard output (a write error is an error), and which output
//! paths given with `-o` are protected (see [`crate::export::guard`]).

use std::io::Write as _;
use std::path::Path;

use crate::export::guard::OutputGuard;
use crate::library::Library;

/// Protects the library folder `dir` and every article file its entries name.
pub fn protect_library(guard: &mut OutputGuard, dir: &Path) {
    guard.protect_folder(dir);
    for file in Library::known_files(dir) {
        guard.protect(&file);
    }
}

/// Writes `text` to standard output and flushes it: any failure (a full disk, a closed
/// pipe) is an error, so a command never reports success for output that was lost.
pub fn write_stdout(text: &str) -> Result<(), StdoutError> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(StdoutError)
}

/// Standard output could not be written (a full disk, a closed pipe).
#[derive(Debug, thiserror::Error)]
#[error("cannot write to standard output")]
pub struct StdoutError(#[source] pub std::io::Error);
