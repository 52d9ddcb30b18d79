//! Reading an article from a file, from standard input, or from the bundled sample.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{Document, Source, markdown};
use crate::text::clean::{clean, clean_owned};

/// The bundled sample article.
pub const SAMPLE_TEXT: &str = include_str!("../../assets/sample/xi-putin-treaty.txt");

/// Why an article could not be read. Each message is one line naming the input.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The path does not exist.
    #[error("{0}: no such file")]
    Missing(PathBuf),
    /// The path is a directory.
    #[error("{0}: is a directory, not an article")]
    Directory(PathBuf),
    /// The bytes are not UTF-8.
    #[error("{name}: not valid UTF-8 at byte {offset}")]
    NotUtf8 {
        /// The file name, or "stdin".
        name: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// Nothing but whitespace.
    #[error("{0}: the article is empty")]
    Empty(String),
    /// Any other I/O failure.
    #[error("{name}")]
    Io {
        /// The file name, or "stdin".
        name: String,
        /// The underlying error.
        #[source]
        error: std::io::Error,
    },
}

/// True when `path` names a Markdown file, by its extension.
pub fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "md" | "markdown" | "mdown" | "mkd"
        )
    })
}

/// Reads a UTF-8 plain-text or Markdown article from `path`.
pub fn read_file(path: &Path) -> Result<Document, LoadError> {
    Ok(Document::new(
        read_text(path)?,
        Source::File(path.to_path_buf()),
    ))
}

/// The text [`read_file`] makes its document of, cleaned (a long article's is split into
/// sentences on a worker while its first screen is drawn).
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let meta = std::fs::metadata(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => LoadError::Missing(path.to_path_buf()),
        _ => LoadError::Io {
            name: path.display().to_string(),
            error,
        },
    })?;
    if meta.is_dir() {
        return Err(LoadError::Directory(path.to_path_buf()));
    }
    let name = path.display().to_string();
    let bytes = crate::files::read(path).map_err(|error| LoadError::Io {
        name: name.clone(),
        error,
    })?;
    let text = decode(bytes, &name)?;
    let text = if is_markdown(path) {
        markdown::to_plain_text(&text)
    } else {
        text
    };
    prepare(text, &name)
}

/// Reads standard input (or any stream) up to the input cap.
pub fn read_stdin_bytes(reader: impl Read) -> Result<Vec<u8>, LoadError> {
    crate::files::read_all_capped(reader, crate::files::INPUT_CAP).map_err(|error| LoadError::Io {
        name: "stdin".to_string(),
        error,
    })
}

/// The article of UTF-8 `bytes` read from `name`.
pub fn from_bytes(bytes: Vec<u8>, source: Source, name: &str) -> Result<Document, LoadError> {
    let text = decode(bytes, name)?;
    build(text, source, name)
}

/// The bundled sample article.
pub fn sample() -> Document {
    Document::new(clean(SAMPLE_TEXT).into_owned(), Source::Sample)
}

/// Decodes UTF-8, dropping a leading byte-order mark.
fn decode(bytes: Vec<u8>, name: &str) -> Result<String, LoadError> {
    let text = String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        name: name.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Cleans the text and builds the document, refusing an empty article.
fn build(text: String, source: Source, name: &str) -> Result<Document, LoadError> {
    Ok(Document::new(prepare(text, name)?, source))
}

/// Cleans the text, refusing an empty article.
fn prepare(text: String, name: &str) -> Result<String, LoadError> {
    let text = clean_owned(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty(name.to_string()));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdin_errors_name_the_byte() {
        let read = |bytes: &[u8]| {
            let bytes = read_stdin_bytes(bytes).unwrap();
            from_bytes(bytes, Source::Stdin, "stdin")
        };
        let err = read(b"ok \xff bad").unwrap_err();
        assert_eq!(err.to_string(), "stdin: not valid UTF-8 at byte 3");
        let err = read(b" \n\t").unwrap_err();
        assert_eq!(err.to_string(), "stdin: the article is empty");
    }

    #[test]
    fn sample_has_its_title() {
        let doc = sample();
        assert!(doc.title.starts_with("Xi Jinping and Putin meet by video"));
        assert_eq!(doc.paragraphs.len(), 9);
    }
}
