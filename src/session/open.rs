//! Opening a session: finding the annotation file, reading and placing what it holds, taking
//! the lock, and running detection.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::{Learned, Session, Storage, Suggestions, draft};
use crate::annotation::AnnotationSet;
use crate::annotation::file::{self, FileError};
use crate::annotation::store::{Fingerprint, Lock};
use crate::config::Config;
use crate::config::DetectConfig;
use crate::config::paths::Dirs;
use crate::detect::{DetectError, Detection, Detector};
use crate::document::{Document, Source};

/// How to open a session.
#[derive(Debug, Clone)]
pub struct OpenOptions<'a> {
    /// The config (labels).
    pub config: &'a Config,
    /// gloss's folders.
    pub dirs: &'a Dirs,
    /// An annotation file given with --annotations.
    pub annotations: Option<PathBuf>,
    /// Take the lock that makes this session the file's one writer. `gloss screen`, which
    /// never writes, does not.
    pub lock: bool,
}

/// Why a session could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The annotation file is unreadable; it is left untouched.
    #[error("{}{}", crate::error::chain(.0), untouched(.0))]
    File(FileError),
    /// Detection could not load its data.
    #[error("{0}")]
    Detect(String),
    /// The lock could not be taken for a reason other than another gloss holding it.
    #[error("cannot lock {}", .path.display())]
    Lock {
        /// The annotation file.
        path: PathBuf,
        /// The cause.
        #[source]
        error: std::io::Error,
    },
}

/// " (the file is left untouched)" for a file gloss could not read, nothing for one that
/// is not there.
fn untouched(error: &FileError) -> &'static str {
    match error {
        FileError::Io { error, .. } if error.kind() == std::io::ErrorKind::NotFound => "",
        _ => " (the file is left untouched)",
    }
}

impl From<FileError> for OpenError {
    fn from(error: FileError) -> Self {
        OpenError::File(error)
    }
}

/// The annotation file for an article when none is given: beside a file as
/// `<name>.gloss.json`; for stdin and the sample, in the data folder.
pub fn default_annotation_path(doc: &Document, dirs: &Dirs) -> PathBuf {
    match &doc.source {
        Source::File(path) => {
            let mut name = path.file_name().unwrap_or_default().to_os_string();
            name.push(".gloss.json");
            path.with_file_name(name)
        }
        Source::AnnotationFile(path) => path.clone(),
        Source::Sample => dirs
            .data
            .join("annotations")
            .join("sample")
            .join("xi-putin-treaty.txt.gloss.json"),
        Source::Url(url) => dirs
            .data
            .join("library")
            .join(format!("{}.gloss.json", crate::library::article_id(url))),
        Source::Stdin => {
            let fingerprint = file::fingerprint(&doc.text);
            let short = &fingerprint["blake3:".len().."blake3:".len() + 16];
            dirs.data
                .join("annotations")
                .join("stdin")
                .join(format!("{short}.gloss.json"))
        }
    }
}

/// Reads an annotation file given on its own as the article: its text is the article.
pub fn read_annotation_file_as_article(path: &Path) -> Result<Document, OpenError> {
    let json = crate::files::read_annotation_file(path).map_err(|error| FileError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let bytes = Fingerprint::of(json.as_bytes());
    // The file's text is untrusted like any article, cleaned; if cleaning changes it, the
    // annotations are re-anchored in the cleaned text.
    let (text, loaded) = file::load_as_article(path, &json)?;
    drop(json);
    if text.trim().is_empty() {
        return Err(OpenError::Detect(format!(
            "{}: the article text is empty",
            path.display()
        )));
    }
    let preread = file::Preread::new(bytes, &text, loaded);
    let mut doc = Document::new(text, Source::AnnotationFile(path.to_path_buf()));
    doc.preread = Some(std::sync::Arc::new(preread));
    Ok(doc)
}

/// The detector: the shipped gazetteer with the user's gazetteer files and reporting verbs.
/// A user file that cannot be read or has an error is left out, with a notice naming the file
/// and line; detection goes on with the rest.
pub fn detector(config: &DetectConfig, notices: &mut Vec<String>) -> Result<Detector, OpenError> {
    if config.gazetteers.is_empty() && config.reporting_verbs.is_empty() {
        return Detector::builtin().map_err(|e| OpenError::Detect(e.to_string()));
    }
    let mut files: Vec<(String, String)> = Vec::new();
    for path in &config.gazetteers {
        let name = path.display().to_string();
        match crate::files::read_to_string(path) {
            // Names from it are shown on screen: nothing in it may drive the terminal.
            Ok(text) => files.push((name, crate::text::clean::clean_owned(text))),
            Err(e) => notices.push(format!("gazetteer {name} left out: {e}")),
        }
    }
    loop {
        match Detector::with_extras(&files, &config.reporting_verbs) {
            Ok(detector) => return Ok(detector),
            Err(DetectError::Gazetteer {
                file,
                line,
                message,
            }) if files.iter().any(|(name, _)| *name == file) => {
                notices.push(format!("gazetteer {file} left out: line {line}: {message}"));
                files.retain(|(name, _)| *name != file);
            }
            Err(e) => return Err(OpenError::Detect(e.to_string())),
        }
    }
}

/// Articles longer than this are detected a group of paragraphs at a time.
const DETECT_CHUNK_BYTES: usize = 256 * 1024;

/// Runs detection over `doc`. A very long text (a book, a concatenation of articles) is read
/// in groups of whole paragraphs of about 256 KB, so that the detector's working memory stays
/// bounded whatever the text's length; a name's type is then carried only within its group.
fn detect_in_chunks(detector: &Detector, doc: &Document) -> Detection {
    detect_in_chunks_with(detector, doc, &|_| {}, &AtomicBool::new(false)).unwrap_or_else(|| {
        Detection {
            entities: Vec::new(),
            claims: Vec::new(),
        }
    })
}

/// [`detect_in_chunks`], telling `progress` the bytes detected so far after each group;
/// `None` when `cancel` was set.
fn detect_in_chunks_with(
    detector: &Detector,
    doc: &Document,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Option<Detection> {
    if doc.text.len() <= DETECT_CHUNK_BYTES {
        let found = detector.detect(&doc.text, &doc.sentences);
        progress(doc.text.len() as u64);
        return Some(found);
    }
    let mut all = Detection {
        entities: Vec::new(),
        claims: Vec::new(),
    };
    let mut first = 0;
    while first < doc.paragraphs.len() {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let start = doc.paragraphs[first].range.start;
        let mut last = first;
        while last + 1 < doc.paragraphs.len()
            && doc.paragraphs[last + 1].range.end - start <= DETECT_CHUNK_BYTES
        {
            last += 1;
        }
        let end = doc.paragraphs[last].range.end;
        let sentences: Vec<_> = doc.sentences
            [doc.paragraphs[first].sentences.start..doc.paragraphs[last].sentences.end]
            .iter()
            .map(|s| s.start - start..s.end - start)
            .collect();
        let part = detector.detect(&doc.text[start..end], &sentences);
        let base = all.entities.len();
        all.entities.extend(part.entities.into_iter().map(|mut e| {
            e.range = e.range.start + start..e.range.end + start;
            e
        }));
        all.claims.extend(part.claims.into_iter().map(|mut c| {
            c.range = c.range.start + start..c.range.end + start;
            c.cue = c.cue.start + start..c.cue.end + start;
            c.speaker = c.speaker.map(|s| s + base);
            c
        }));
        progress(end as u64);
        first = last + 1;
    }
    Some(all)
}

/// What [`detect_suggestions`] found: the suggestions and what to tell the user, or `None`
/// when it was cancelled.
pub type Detected = Option<(Suggestions, Vec<String>)>;

/// The suggestions for `doc` under `config`, detected away from the reader (an article
/// opened at once, its suggestions filled in after, see
/// [`Session::take_suggestions`]); `progress` is told the bytes detected so far. `None`
/// when `cancel` was set. Also returns what to tell the user (a gazetteer left out).
pub fn detect_suggestions(
    doc: &Document,
    config: &Config,
    progress: &dyn Fn(u64),
    cancel: &AtomicBool,
) -> Result<Detected, OpenError> {
    let mut notices = Vec::new();
    let detector = detector(&config.detect, &mut notices)?;
    let Some(found) = detect_in_chunks_with(&detector, doc, progress, cancel) else {
        return Ok(None);
    };
    Ok(Some((
        Suggestions::from_detection(found, config, &doc.text),
        notices,
    )))
}

/// Puts back the note being typed when gloss last ended with the article open, if a draft
/// was left (only by a session that may write): saved as the note at once, undoable. Returns
/// what to tell the user.
fn recover_note_draft(session: &mut Session) -> Option<String> {
    let drafts = session.storage.drafts.clone()?;
    // Only the holder of the lock writes (not `gloss screen`, not a read-only reader).
    if session.is_read_only() || session.storage.lock.is_none() {
        return None;
    }
    let path = session.storage.path.clone();
    let found = draft::find(&drafts, &path)?;
    let Some(annotation) = session.annotations.get(&found.id) else {
        return Some(format!(
            "a note draft for an annotation that is gone is kept in {}",
            draft::draft_path(&drafts, &path).display()
        ));
    };
    let what = session.doc.text[annotation.range.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let what = crate::text::width::ellipsize(&what, 40);
    match session.set_note(&found.id, &found.text) {
        super::Outcome::Changed(_) => match session.save() {
            Ok(()) => {
                draft::remove(&drafts, &path);
                Some(format!(
                    "the note you were typing on “{what}” when gloss ended is back and saved (u undoes)"
                ))
            }
            Err(e) => Some(format!(
                "a note draft was found but not saved: {}",
                crate::error::chain(&e)
            )),
        },
        super::Outcome::Unchanged(_) => {
            draft::remove(&drafts, &path);
            None
        }
    }
}

/// Opens a session over `doc`.
pub fn open(doc: Document, options: &OpenOptions<'_>) -> Result<Session, OpenError> {
    open_with_fallback(doc, options, None)
}

/// Opens a session over `doc`; when its annotation file does not exist, the annotations of
/// `fallback` (the library's copy of it) are placed instead, and written to the annotation
/// file with the next change. An unreadable fallback is ignored.
pub fn open_with_fallback(
    mut doc: Document,
    options: &OpenOptions<'_>,
    fallback: Option<&Path>,
) -> Result<Session, OpenError> {
    let path = options
        .annotations
        .clone()
        .unwrap_or_else(|| default_annotation_path(&doc, options.dirs));
    // Detection first: it can take a while on a long text and needs neither the lock nor
    // the annotation file, so the lock is held only from the moment the file is read (an
    // open cancelled during detection does not keep the article locked meanwhile).
    let mut notices = Vec::new();
    let suggestions = if options.config.reader.suggestions {
        let detector = detector(&options.config.detect, &mut notices)?;
        Suggestions::from_detection(detect_in_chunks(&detector, &doc), options.config, &doc.text)
    } else {
        Suggestions::default()
    };
    // The lock first, then the file: read before it, the file could be changed by a gloss
    // that then quits, and this one would write over that change.
    let (lock, read_only) = if !options.lock {
        (None, None)
    } else {
        match Lock::try_acquire(&path, &options.dirs.locks()) {
            Ok(Some(lock)) => {
                crate::annotation::store::remove_stale_temp_files(&path);
                (Some(lock), None)
            }
            Ok(None) => (
                None,
                Some("another gloss is editing these annotations".to_string()),
            ),
            Err(error) => return Err(OpenError::Lock { path, error }),
        }
    };
    let mut restored = false;
    let mut disk_version = None;
    let existing = match crate::files::read_annotation_file(&path) {
        Ok(json) => {
            let version = Fingerprint::of(json.as_bytes());
            disk_version = Some(version);
            // Read already, for this article, if the file has not changed since.
            let preread = doc.preread.take().and_then(|preread| {
                std::sync::Arc::unwrap_or_clone(preread).take_if(&version, &doc.text)
            });
            match preread {
                Some(loaded) => Some(loaded),
                None => Some(file::load(&path, &json, &doc.text)?),
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let copy = fallback.and_then(|copy| {
                let json = crate::files::read_annotation_file(copy).ok()?;
                file::parse(copy, &json).ok()
            });
            let copy = copy.filter(|c| !c.annotations.is_empty() || !c.unplaced.is_empty());
            restored = copy.is_some();
            copy.map(|copy| file::Loaded::placing(&copy, &doc.text))
        }
        Err(error) => return Err(FileError::Io { path, error }.into()),
    };
    let storage = Storage {
        path,
        lock,
        read_only,
        drafts: Some(options.dirs.drafts()),
    };
    let mut session = Session::new(doc, AnnotationSet::new(), suggestions, storage);
    session.note_disk_version(disk_version);
    let (learned, warning) = Learned::load(options.dirs.learned_file());
    session.learned = learned;
    notices.extend(warning);
    if options.config.reader.suggestions {
        session.rebuild_suggestions();
    }
    if let Some(existing) = existing {
        if matches!(session.doc.source, Source::AnnotationFile(_)) {
            session.source_label = existing.source;
        }
        session.date = existing.date;
        session.status = existing.status;
        let placed = existing.placed;
        if placed.text_changed || placed.moved > 0 || !placed.unplaced.is_empty() {
            // This notice matters more than one about learned names.
            let lost = placed.unplaced.len();
            session.notice = Some(if placed.text_changed {
                format!(
                    "the article changed since the annotations were saved: {} re-found, {lost} unplaced (listed in the panel)",
                    placed.moved
                )
            } else {
                format!(
                    "{} annotations re-found by their text, {lost} unplaced",
                    placed.moved
                )
            });
        }
        session.annotations = placed.annotations;
        session.unplaced = placed.unplaced;
        for unplaced in &session.unplaced {
            session.annotations.reserve_id(&unplaced.id);
        }
        session.rejected = existing.rejected.into_iter().collect();
    }
    notices.extend(recover_note_draft(&mut session));
    if restored {
        notices.insert(
            0,
            format!(
                "{} annotations restored from the library's copy (the annotation file was gone)",
                session.annotations.len() + session.unplaced.len()
            ),
        );
    }
    if !notices.is_empty() {
        let joined = notices.join(" · ");
        session.notice = Some(match session.notice.take() {
            Some(first) => format!("{first} · {joined}"),
            None => joined,
        });
    }
    Ok(session)
}
