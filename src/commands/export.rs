//! `gloss export FILE... --format F [-o OUT] [--csv-raw] [--csv-bom]`: annotation files to
//! another tool's format.
//!
//! FILE is an annotation file (`*.gloss.json`), an article with one beside it
//! (`<name>.gloss.json`), or a folder (a corpus: every annotation file in it and the
//! folders in it, by path). Several files export together, as one collection. A one-stream
//! format goes to stdout, or to OUT; brat's files go to the folder OUT (default: beside the
//! first file, `<name>.brat`). A stream's companion files (Label Studio's labelling config)
//! go beside OUT, or are named on stderr when the stream goes to stdout. Whatever the format
//! could not hold is reported on stderr, one line per kind of thing. Nothing is written until
//! the whole export is built, every file is replaced atomically, and a new output folder
//! appears only once all its files are in it.

use std::path::{Path, PathBuf};

use clap::Args;

use anyhow::{Context as _, bail};

use crate::annotation::file::{self, AnnotationFile};
use crate::annotation::store::write_atomic;
use crate::commands::output::{protect_library, write_stdout};
use crate::export::guard::OutputGuard;
use crate::export::write::{beside, companion_path, terminal_safe, write_companions, write_folder};
use crate::export::{
    self, CsvOptions, Dropped, Export, ExportOptions, Format, Output, describe_drop,
};

/// Arguments of `gloss export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Annotation files (*.gloss.json), articles that have one beside them, or folders of
    /// them (a corpus).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The format.
    #[arg(long, short = 'f', value_name = "F", ignore_case = true)]
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

/// Runs `gloss export`; `library` is the library folder, whose files an output never
/// replaces.
pub fn run(args: ExportArgs, library: &Path) -> anyhow::Result<()> {
    let csv_like = matches!(args.format, Format::Csv | Format::Articles);
    if !csv_like && (args.csv.csv_raw || args.csv.csv_bom) {
        bail!(
            "--csv-raw and --csv-bom are for --format csv or articles, not {}",
            args.format
        );
    }
    let options = ExportOptions {
        csv: args.csv.options(),
    };
    // A web address stands for the annotation file the reader keeps for that page; a folder
    // for every annotation file in it (a corpus).
    let mut given: Vec<PathBuf> = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for p in &args.files {
        if let Some(url) = p
            .to_str()
            .filter(|t| crate::web::address::is_web_address(t))
        {
            given.push(p.clone());
            files.push(library.join(format!("{}.gloss.json", crate::library::article_id(url))));
        } else if p.is_dir() {
            let found = annotation_files_in(p)?;
            if found.is_empty() {
                bail!(
                    "{}: no annotation files (*.gloss.json) in this folder",
                    p.display()
                );
            }
            given.extend(found.iter().cloned());
            files.extend(found);
        } else {
            given.push(p.clone());
            files.push(p.clone());
        }
    }
    let docs = given
        .iter()
        .zip(&files)
        .map(|(given, file)| {
            read_annotations(file).or_else(|e| match file == given {
                true => Err(e),
                false => bail!(
                    "{}: no annotations kept for this page (open it with gloss and tag something first)",
                    given.display()
                ),
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut guard = OutputGuard::new();
    for (path, doc) in files.iter().zip(&docs) {
        guard.protect(path);
        guard.protect(&annotation_path(path));
        if !doc.source.contains("://") {
            guard.protect(Path::new(&doc.source));
        }
    }
    protect_library(&mut guard, library);
    let Export {
        output,
        companions,
        dropped,
    } = export::export_with(&docs, args.format, &options)?;
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
                write_atomic(path, text.as_bytes()).with_context(|| path.display().to_string())?;
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

/// Prints one line on stderr per kind of dropped item.
pub fn report_drops(format: Format, dropped: &[Dropped]) {
    for d in dropped {
        eprintln!("gloss: {}", describe_drop(format, d));
    }
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
pub fn read_annotations(path: &Path) -> anyhow::Result<AnnotationFile> {
    let annotations = annotation_path(path);
    let json = match crate::files::read_annotation_file(&annotations) {
        Ok(json) => json,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && annotations != path => {
            bail!(
                "{}: no annotation file beside it (looked for {})",
                path.display(),
                annotations.display()
            );
        }
        Err(e) => return Err(e).with_context(|| annotations.display().to_string()),
    };
    Ok(file::parse(&annotations, &json)?)
}

/// How deep [`annotation_files_in`] goes into folders.
const MAX_DEPTH: usize = 32;

/// Every annotation file (`*.gloss.json`) in `dir` and the folders in it, by path; hidden
/// folders (a library's `.index`) and links to folders are not entered.
fn annotation_files_in(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut folders = vec![(dir.to_path_buf(), 0)];
    while let Some((folder, depth)) = folders.pop() {
        let entries = std::fs::read_dir(&folder).with_context(|| folder.display().to_string())?;
        for entry in entries {
            let entry = entry.with_context(|| folder.display().to_string())?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let kind = entry
                .file_type()
                .with_context(|| path.display().to_string())?;
            if kind.is_dir() && !name.starts_with('.') && depth < MAX_DEPTH {
                folders.push((path, depth + 1));
            } else if !kind.is_dir() && name.ends_with(file::SUFFIX) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}
