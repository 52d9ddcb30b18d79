//! `gloss export FILE... --format F [-o OUT] [--csv-raw] [--csv-bom]`: annotation files to
//! another tool's format.
//!
//! FILE is an annotation file (`*.gloss.json`) or an article with one beside it
//! (`<name>.gloss.json`). Several files export together, as one collection. A one-stream
//! format goes to stdout, or to OUT; brat's files go to the folder OUT (default: beside the
//! first file, `<name>.brat`). A stream's companion files (Label Studio's labelling config)
//! go beside OUT, or are named on stderr when the stream goes to stdout. Whatever the format
//! could not hold is reported on stderr, one line per kind of thing. Nothing is written until
//! the whole export is built, every file is replaced atomically, and a new output folder
//! appears only once all its files are in it.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::annotation::file::{self, AnnotationFile};
use crate::annotation::store::write_atomic;
use crate::commands::output::{OutputGuard, write_stdout};
use crate::export::{
    self, Companion, CsvOptions, Dropped, Export, ExportOptions, Format, Output, describe_drop,
};

/// Arguments of `gloss export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Annotation files (*.gloss.json), or articles that have one beside them.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The format: jsonl, brat, conll, label-studio, prodigy, w3c, csv, markdown or html.
    #[arg(long, short = 'f', value_name = "F", value_parser = parse_format)]
    pub format: Format,
    /// Output file (a folder for brat). Default: stdout (for brat, `<name>.brat` beside the
    /// first file). For label-studio the project's labelling config is written beside it
    /// (`-o tasks.json` → `tasks.label-studio.xml`).
    #[arg(long, short = 'o', value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// How CSV is written.
    #[command(flatten)]
    pub csv: CsvArgs,
}

/// The flags of `gloss export` that only `--format csv` reads.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct CsvArgs {
    /// CSV: write every cell as it is. By default a cell that starts with =, +, -, @, a tab or
    /// a carriage return gets a ' before it, so that a spreadsheet shows it as text instead of
    /// running it as a formula.
    #[arg(long)]
    pub csv_raw: bool,
    /// CSV: start the file with a UTF-8 byte order mark, so that Excel reads it as UTF-8.
    #[arg(long)]
    pub csv_bom: bool,
}

impl CsvArgs {
    fn options(self) -> CsvOptions {
        CsvOptions {
            raw_cells: self.csv_raw,
            byte_order_mark: self.csv_bom,
        }
    }
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format {s:?} (one of: {})", names.join(", "))
    })
}

/// Runs `gloss export`; `library` is the library folder, whose files an output never
/// replaces.
pub fn run(args: ExportArgs, library: &Path) -> Result<(), String> {
    if args.format != Format::Csv && (args.csv.csv_raw || args.csv.csv_bom) {
        return Err(format!(
            "--csv-raw and --csv-bom are for --format csv, not {}",
            args.format
        ));
    }
    let options = ExportOptions {
        csv: args.csv.options(),
    };
    // A web address stands for the annotation file the reader keeps for that page.
    let files: Vec<PathBuf> = args
        .files
        .iter()
        .map(|p| {
            match p
                .to_str()
                .filter(|t| crate::web::address::is_web_address(t))
            {
                Some(url) => {
                    library.join(format!("{}.gloss.json", crate::library::article_id(url)))
                }
                None => p.clone(),
            }
        })
        .collect();
    let docs = args
        .files
        .iter()
        .zip(&files)
        .map(|(given, file)| {
            read_annotations(file).map_err(|e| match file == given {
                true => e,
                false => format!(
                    "{}: no annotations kept for this page (open it with gloss and tag something first)",
                    given.display()
                ),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut guard = OutputGuard::new();
    for (path, doc) in files.iter().zip(&docs) {
        guard.protect(path);
        guard.protect(&annotation_path(path));
        if !doc.source.contains("://") {
            guard.protect(Path::new(&doc.source));
        }
    }
    guard.protect_library(library);
    let Export {
        output,
        companions,
        dropped,
    } = export::export_with(&docs, args.format, &options).map_err(|e| e.to_string())?;
    let folder = match &args.output {
        Some(dir) => dir.clone(),
        None => default_folder(&files[0], args.format),
    };
    // Refused before anything is said of the export.
    match (&output, &args.output) {
        (Output::Stream(_), Some(path)) => {
            guard.check(path)?;
            for companion in &companions {
                guard.check(&companion_path(path, args.format, companion))?;
            }
        }
        (Output::Stream(_), None) => {}
        (Output::Files(files), _) => {
            guard.check_folder(&folder, files.iter().map(|(name, _)| name.as_path()))?
        }
    }
    report_drops(args.format, &dropped);
    let output = terminal_safe(args.format, output);
    match output {
        Output::Stream(text) => match &args.output {
            Some(path) => {
                write_atomic(path, text.as_bytes())
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                for written in write_companions(path, args.format, &companions)? {
                    eprintln!("gloss: {}: wrote {written}", args.format);
                }
                Ok(())
            }
            None => {
                write_stdout(&text)?;
                for companion in &companions {
                    eprintln!(
                        "gloss: {}: the {} was not written, as the export went to standard \
                         output: with -o tasks.json it is written beside it as tasks.{}",
                        args.format, companion.what, companion.extension
                    );
                }
                Ok(())
            }
        },
        Output::Files(files) => {
            let dir = folder;
            write_folder(&dir, &files)?;
            eprintln!(
                "gloss: {}: wrote {} files to {}",
                args.format,
                files.len(),
                dir.display()
            );
            Ok(())
        }
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
) -> Result<(PathBuf, Vec<Dropped>), String> {
    let Export {
        output,
        companions,
        dropped,
    } = export::export_with(std::slice::from_ref(doc), format, &ExportOptions::default())
        .map_err(|e| e.to_string())?;
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
            write_atomic(&target, text.as_bytes())
                .map_err(|e| format!("{}: {e}", target.display()))?;
            write_companions(&target, format, &companions)?;
        }
        Output::Files(files) => write_folder(&target, &files)?,
    }
    Ok((target, dropped))
}

/// `output` with nothing in it that could drive a terminal it is printed on: control and
/// bidi characters escaped in the JSON formats, dropped from the others. (Annotation files
/// are cleaned when read; this keeps every export safe whatever reaches it.)
fn terminal_safe(format: Format, output: Output) -> Output {
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
fn write_companions(
    output: &Path,
    format: Format,
    companions: &[Companion],
) -> Result<Vec<String>, String> {
    companions
        .iter()
        .map(|companion| {
            let path = companion_path(output, format, companion);
            write_atomic(&path, companion.contents.as_bytes())
                .map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(format!("the {} to {}", companion.what, path.display()))
        })
        .collect()
}

/// Prints one line on stderr per kind of dropped item.
pub fn report_drops(format: Format, dropped: &[Dropped]) {
    for d in dropped {
        eprintln!("gloss: {}", describe_drop(format, d));
    }
}

/// The path of an export of `annotations` beside it.
fn beside(annotations: &Path, format: Format) -> PathBuf {
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

fn default_folder(first: &Path, format: Format) -> PathBuf {
    let annotations = annotation_path(first);
    beside(&annotations, format)
}

/// The annotation file for FILE: itself when it is one, else `<FILE>.gloss.json`.
pub fn annotation_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.ends_with(".gloss.json") {
        path.to_path_buf()
    } else {
        let mut beside = path.as_os_str().to_os_string();
        beside.push(".gloss.json");
        PathBuf::from(beside)
    }
}

/// Reads the annotation file of FILE (see [`annotation_path`]).
pub fn read_annotations(path: &Path) -> Result<AnnotationFile, String> {
    let annotations = annotation_path(path);
    let json = match crate::files::read_to_string(&annotations) {
        Ok(json) => json,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && annotations != path => {
            return Err(format!(
                "{}: no annotation file beside it (looked for {})",
                path.display(),
                annotations.display()
            ));
        }
        Err(e) => return Err(format!("{}: {e}", annotations.display())),
    };
    file::parse(&annotations, &json).map_err(|e| e.to_string())
}

/// Writes `files` into `dir`. A new folder is built under a temporary name beside it and
/// renamed into place once complete; into an existing folder each file is replaced
/// atomically.
fn write_folder(dir: &Path, files: &[(PathBuf, String)]) -> Result<(), String> {
    let shown = |e: std::io::Error| format!("{}: {e}", dir.display());
    if dir.exists() {
        if !dir.is_dir() {
            return Err(format!("{}: exists and is not a folder", dir.display()));
        }
        for (name, contents) in files {
            let path = dir.join(name);
            write_atomic(&path, contents.as_bytes())
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        return Ok(());
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(shown)?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.exporting-"))
        .tempdir_in(parent)
        .map_err(shown)?;
    for (file, contents) in files {
        let path = staging.path().join(file);
        write_atomic(&path, contents.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, dir).map_err(|e| {
        let _ = std::fs::remove_dir_all(&staged);
        shown(e)
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
