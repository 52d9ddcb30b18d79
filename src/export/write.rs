//! Writing an export to disk: the reader's export beside its annotation file, and the files
//! `gloss export` writes. Every file is replaced atomically, a new folder appears only once
//! all its files are in it, and nothing is written over what [`OutputGuard`] protects. (The
//! rest of `export` only builds text; this is the one part that touches the disk.)

use std::path::{Path, PathBuf};

use super::guard::{GuardError, OutputGuard};
use super::{Companion, Dropped, Export, ExportError, ExportOptions, Format, Output, export_with};
use crate::annotation::file::AnnotationFile;
use crate::annotation::store::write_atomic;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The export could not be built.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The output path is protected.
    #[error(transparent)]
    Refused(#[from] GuardError),
    /// The output folder is a file.
    #[error("{}: exists and is not a folder", .0.display())]
    NotAFolder(PathBuf),
    /// A file could not be written.
    #[error("{}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        error: std::io::Error,
    },
}

/// The error of a failed write to `path`.
fn io(path: &Path) -> impl Fn(std::io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Exports `doc` (the reader's annotations) to `format` beside `annotations` (its annotation
/// file, or the one it would have in the folder the export goes to), for the reader's export
/// picker: `<name>.gloss.<ext>` for a one-stream format, the folder `<name>.gloss.brat` for
/// brat. Returns where it was written and what was dropped.
pub fn export_beside(
    doc: &AnnotationFile,
    annotations: &Path,
    format: Format,
) -> Result<(PathBuf, Vec<Dropped>), WriteError> {
    let Export {
        output,
        companions,
        dropped,
    } = export_with(std::slice::from_ref(doc), format, &ExportOptions::default())?;
    let output = terminal_safe(format, output);
    let target = beside(annotations, format);
    let mut guard = OutputGuard::new();
    guard.protect(annotations);
    if !doc.source.contains("://") {
        guard.protect(Path::new(&doc.source));
    }
    match &output {
        Output::Stream(_) => {
            guard.check(&target)?;
            for companion in &companions {
                guard.check(&companion_path(&target, format, companion))?;
            }
        }
        Output::Files(files) => {
            guard.check_folder(&target, files.iter().map(|(name, _)| name.as_path()))?
        }
    }
    match output {
        Output::Stream(text) => {
            write_atomic(&target, text.as_bytes()).map_err(io(&target))?;
            write_companions(&target, format, &companions)?;
        }
        Output::Files(files) => write_folder(&target, &files)?,
    }
    Ok((target, dropped))
}

/// `output` with nothing in it that could drive a terminal it is printed on: control and
/// bidi characters escaped in the JSON formats, dropped from the others. (Annotation files
/// are cleaned when read; this keeps every export safe whatever reaches it.)
pub fn terminal_safe(format: Format, output: Output) -> Output {
    let json = matches!(
        format,
        Format::Jsonl | Format::Prodigy | Format::LabelStudio | Format::W3c
    );
    let safe = |text: String| match json {
        true => crate::text::json::escape_controls(&text).into_owned(),
        false => crate::text::json::drop_controls(&text).into_owned(),
    };
    match output {
        Output::Stream(text) => Output::Stream(safe(text)),
        Output::Files(files) => Output::Files(
            files
                .into_iter()
                .map(|(name, text)| (name, safe(text)))
                .collect(),
        ),
    }
}

/// Where `companion` goes beside the one-stream export at `output`: the same name with the
/// format's extension (else the last extension) replaced by the companion's, so `-o out.json`
/// puts Label Studio's configuration in `out.label-studio.xml`.
pub fn companion_path(output: &Path, format: Format, companion: &Companion) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(&format!(".{}", format.extension()))
        .or_else(|| {
            name.rsplit_once('.')
                .map(|(stem, _)| stem)
                .filter(|s| !s.is_empty())
        })
        .unwrap_or(&name);
    output.with_file_name(format!("{stem}.{}", companion.extension))
}

/// Writes each companion beside `output` atomically (after [`OutputGuard::check`] allowed
/// it); returns what was written where, for messages.
pub fn write_companions(
    output: &Path,
    format: Format,
    companions: &[Companion],
) -> Result<Vec<String>, WriteError> {
    companions
        .iter()
        .map(|companion| {
            let path = companion_path(output, format, companion);
            write_atomic(&path, companion.contents.as_bytes()).map_err(io(&path))?;
            Ok(format!("the {} to {}", companion.what, path.display()))
        })
        .collect()
}

/// The path of an export of `annotations` beside it.
pub fn beside(annotations: &Path, format: Format) -> PathBuf {
    let name = annotations
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".gloss.json").unwrap_or(&name);
    // `.gloss.` and the format's name keep exports apart from each other and from the
    // user's own files (an article `art` beside an `art.md`, say).
    let extension = format.extension();
    let file = if extension.starts_with(format.name()) {
        format!("{stem}.gloss.{extension}")
    } else {
        format!("{stem}.gloss.{}.{extension}", format.name())
    };
    annotations.with_file_name(file)
}

/// Writes `files` into `dir`. A new folder is built under a temporary name beside it and
/// renamed into place once complete; into an existing folder each file is replaced
/// atomically.
pub fn write_folder(dir: &Path, files: &[(PathBuf, String)]) -> Result<(), WriteError> {
    let shown = io(dir);
    if dir.exists() {
        if !dir.is_dir() {
            return Err(WriteError::NotAFolder(dir.to_path_buf()));
        }
        for (name, contents) in files {
            let path = dir.join(name);
            write_atomic(&path, contents.as_bytes()).map_err(io(&path))?;
        }
        return Ok(());
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(&shown)?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.exporting-"))
        .tempdir_in(parent)
        .map_err(&shown)?;
    for (file, contents) in files {
        let path = staging.path().join(file);
        write_atomic(&path, contents.as_bytes()).map_err(io(&path))?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, dir).map_err(|e| {
        let _ = std::fs::remove_dir_all(&staged);
        io(dir)(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_companion_replaces_the_extension_of_the_export() {
        let config = Companion {
            what: "config",
            extension: "label-studio.xml",
            contents: String::new(),
        };
        let at = |out: &str| {
            companion_path(Path::new(out), Format::LabelStudio, &config)
                .display()
                .to_string()
        };
        assert_eq!(at("out.json"), "out.label-studio.xml");
        assert_eq!(
            at("dir/tasks.label-studio.json"),
            "dir/tasks.label-studio.xml"
        );
        assert_eq!(at("dir/a.b.json"), "dir/a.b.label-studio.xml");
        assert_eq!(at("tasks"), "tasks.label-studio.xml");
        assert_eq!(at(".json"), ".json.label-studio.xml");
    }
}
