//! Reading the user's local files with a bound: every input gloss reads from disk or stdin
//! (articles, annotation files, the config, gazetteers, feeds, imports) goes through here, so
//! that `/dev/zero`, an endless pipe or a FIFO never grows memory without bound or blocks.
//!
//! Errors are [`std::io::Error`]s whose kind is kept (a missing file is still
//! [`std::io::ErrorKind::NotFound`]) and whose message names the limit, so each caller's
//! "PATH: error" line says what and where.

use std::io::{self, Read};
use std::path::Path;

use crate::annotation::store::describe_kind;

/// The most gloss reads of one local input: 64 MiB, far beyond any article (the longest
/// news articles are well under 1 MiB). Annotation files have their own, larger cap,
/// [`ANNOTATION_CAP`].
pub const INPUT_CAP: u64 = 64 * 1024 * 1024;

/// The most gloss reads of one annotation file (`gloss/1`): 256 MiB. An annotation file holds
/// the article's text and, for each annotation, its quote, 32 characters of context on each
/// side, its times and note, pretty-printed: about 440 bytes an annotation, so 250,000
/// annotations of a 6 MB article (a book, a corpus of articles tagged by a tool) make a file
/// of 110 MB, over [`INPUT_CAP`]. 256 MiB holds some 600,000 annotations of such an article,
/// and still bounds what one file can make gloss read into memory.
pub const ANNOTATION_CAP: u64 = 256 * 1024 * 1024;

/// The most gloss reads of a note draft.
pub const DRAFT_CAP: u64 = 16 * 1024 * 1024;

/// Opens the regular file at `path` (links followed) for reading, refusing other kinds of
/// file without blocking (for an input read as a stream, such as rows of a corpus, whose
/// reader caps each part).
pub fn open_regular(path: &Path) -> io::Result<std::fs::File> {
    // Judged before opening: opening a FIFO for reading blocks until someone writes to it.
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    Ok(file)
}

/// Reads the regular file at `path` (links followed), refusing other kinds of file and
/// files longer than `cap` bytes.
pub fn read_capped(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let meta = file.metadata()?;
    if meta.len() > cap {
        return Err(too_large(cap));
    }
    // Room for the whole file at once (and the byte that tells the end), rather than growing
    // by doubling and copying what was read each time.
    read_into(Vec::with_capacity(meta.len() as usize + 1), file, cap)
}

/// Reads the regular file at `path` as UTF-8, within [`INPUT_CAP`].
pub fn read_to_string(path: impl AsRef<Path>) -> io::Result<String> {
    utf8(read(path)?)
}

/// Reads the regular file at `path`, within [`INPUT_CAP`].
pub fn read(path: impl AsRef<Path>) -> io::Result<Vec<u8>> {
    read_capped(path.as_ref(), INPUT_CAP)
}

/// Reads the annotation file (`gloss/1`) at `path` as UTF-8, within [`ANNOTATION_CAP`].
pub fn read_annotation_file(path: impl AsRef<Path>) -> io::Result<String> {
    let bytes = read_capped(path.as_ref(), ANNOTATION_CAP)?;
    utf8(bytes)
}

/// `bytes` as a string, or an error saying they are not UTF-8.
fn utf8(bytes: Vec<u8>) -> io::Result<String> {
    String::from_utf8(bytes)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("not UTF-8: {e}")))
}

/// Reads `reader` (standard input, say) to its end, failing once it passes `cap` bytes
/// rather than reading on.
pub fn read_all_capped(reader: impl Read, cap: u64) -> io::Result<Vec<u8>> {
    read_into(Vec::new(), reader, cap)
}

/// Reads `reader` to its end after `bytes`, failing once it passes `cap` bytes.
fn read_into(mut bytes: Vec<u8>, reader: impl Read, cap: u64) -> io::Result<Vec<u8>> {
    reader.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_large(cap));
    }
    Ok(bytes)
}

/// The error for an input over `cap` bytes.
fn too_large(cap: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "longer than gloss's limit of {} for one input",
            show_size(cap)
        ),
    )
}

fn not_regular(meta: &std::fs::Metadata) -> io::Error {
    // A folder keeps its own kind, which callers turn into their own words.
    let kind = match meta.is_dir() {
        true => io::ErrorKind::IsADirectory,
        false => io::ErrorKind::InvalidInput,
    };
    io::Error::new(
        kind,
        format!("is {}, not a regular file", describe_kind(meta)),
    )
}

/// `bytes` as "64 MiB", "512 KiB" or "100 bytes".
fn show_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_within_the_cap_is_read_and_a_longer_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(read_capped(&path, 10).unwrap(), b"0123456789");
        let error = read_capped(&path, 9).unwrap_err();
        assert!(error.to_string().contains("limit of 9 bytes"), "{error}");
        assert_eq!(
            read(dir.path().join("missing")).unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
    }

    #[test]
    fn annotation_files_have_a_larger_cap_than_other_inputs() {
        let dir = tempfile::tempdir().unwrap();
        // Sparse files: nothing is written but their length.
        let over_input = dir.path().join("big.gloss.json");
        std::fs::File::create(&over_input)
            .unwrap()
            .set_len(INPUT_CAP + 1)
            .unwrap();
        let error = read_to_string(&over_input).unwrap_err();
        assert!(error.to_string().contains("limit of 64 MiB"), "{error}");
        assert_eq!(
            read_annotation_file(&over_input).unwrap().len() as u64,
            INPUT_CAP + 1
        );
        let over_annotation = dir.path().join("huge.gloss.json");
        std::fs::File::create(&over_annotation)
            .unwrap()
            .set_len(ANNOTATION_CAP + 1)
            .unwrap();
        let error = read_annotation_file(&over_annotation).unwrap_err();
        assert!(error.to_string().contains("limit of 256 MiB"), "{error}");
    }

    #[test]
    fn an_endless_stream_stops_at_the_cap() {
        let error = read_all_capped(io::repeat(b'y'), 1024 * 1024).unwrap_err();
        assert!(error.to_string().contains("1 MiB"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_folders_and_fifos_are_refused_without_blocking() {
        let error = read(Path::new("/dev/zero")).unwrap_err();
        assert!(error.to_string().contains("a device"), "{error}");
        let dir = tempfile::tempdir().unwrap();
        assert!(
            read(dir.path())
                .unwrap_err()
                .to_string()
                .contains("a folder")
        );
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let error = read(&fifo).unwrap_err();
        assert!(error.to_string().contains("a FIFO"), "{error}");
    }
}
