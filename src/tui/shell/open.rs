//! Opening screens: articles (read at once, or on a worker when long), library entries,
//! feed items (fetched on a worker), feeds; what the command line names; and taking each
//! job's result when it is done.

use std::path::PathBuf;

use super::work::{Output, Running};
use super::{Reading, Screen, Shell};
use crate::document::{Document, Source};
use crate::export::Format;
use crate::feed::article::{ItemArticle, item_article};
use crate::feed::{self, Feed};
use crate::library::{ArticleMeta, Library, keep::copy_for};
use crate::open::{FeedOrigin, OpenError, Opened};
use crate::session::{self, OpenOptions};
use crate::text::plural::count;
use crate::tui::app::App;
use crate::tui::feed_view::FeedView;

/// Articles longer than this are opened on a worker thread.
pub const BACKGROUND_OPEN_BYTES: usize = 256 * 1024;

/// How much of a long article is split at once for its first screen: far more than the
/// tallest, widest terminal shows, and split in well under a millisecond.
const PREVIEW_BYTES: usize = 64 * 1024;

/// Why the shell could not open what was asked for (shown in the status bar).
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    /// Other work is running (one job at a time).
    #[error("still fetching: wait, or Esc to cancel")]
    Busy,
    /// The article's annotations could not be opened.
    #[error(transparent)]
    Session(#[from] crate::session::OpenError),
    /// The article could not be read.
    #[error(transparent)]
    Article(#[from] OpenError),
    /// The library could not be opened.
    #[error("the library is not open")]
    NoLibrary,
    /// No library entry has this id.
    #[error("no article {0:?} in the library")]
    NotInLibrary(String),
    /// A library article's file holds a feed now.
    #[error("{}: is a feed now", .0.display())]
    FeedNow(PathBuf),
    /// A feed item with nothing to read.
    #[error("this item has no content and no web address")]
    NothingToRead,
}

impl Shell {
    /// A shell reading `doc`, opened now, kept in the library too when `lock` (a reader that
    /// may write; `gloss screen` does not) once the screens are shown.
    pub fn reading(ctx: super::Context, doc: Document, lock: bool) -> Result<Self, ShellError> {
        let mut shell = Self::empty(ctx);
        shell.started = false;
        let annotations = shell.ctx.annotations.take();
        shell.open_now(doc, ArticleMeta::default(), None, annotations, lock)?;
        Ok(shell)
    }

    /// A shell reading the long article `doc` at once, before its suggestions are detected:
    /// they are detected on a worker once the first frame is on screen (see
    /// [`Shell::start`]), and fill in the panel when they are ready.
    pub fn opening(ctx: super::Context, doc: Document) -> Result<Self, ShellError> {
        let mut shell = Self::empty(ctx);
        shell.started = false;
        let annotations = shell.ctx.annotations.take();
        shell.open_undetected(doc, ArticleMeta::default(), None, annotations, true)?;
        Ok(shell)
    }

    /// A shell reading the long article of `text`, from the file at `path`: the start of it
    /// is drawn at once, while a worker splits the whole of it into sentences; the reader
    /// opens when that is done, and takes the keys pressed meanwhile.
    pub fn previewing(ctx: super::Context, text: String, path: PathBuf) -> Self {
        let mut shell = Self::empty(ctx);
        let source = Source::File(path);
        let head = Document::head(&text, source.clone(), PREVIEW_BYTES);
        let storage = session::Storage {
            path: session::open::default_annotation_path(&head, &shell.ctx.dirs),
            lock: None,
            read_only: Some("opening".to_string()),
            drafts: None,
        };
        let session = session::Session::new(
            head,
            crate::annotation::AnnotationSet::new(),
            session::Suggestions::default(),
            storage,
        );
        let config = shell.ctx.config.clone();
        let keymap = shell.ctx.keymap.clone();
        shell.preview = Some(Box::new(App::new(session, config, keymap)));
        shell.work.start("opening".to_string(), 0, move |_, _| {
            let doc = Document::new(text, source);
            Output::Opened(Box::new(Ok(Opened::Article(doc))))
        });
        shell
    }

    /// The preview of the article being opened, if one is shown.
    pub fn preview(&self) -> Option<&App> {
        self.preview.as_deref()
    }

    /// A shell that fetches the web address `url` named on the command line, then shows
    /// what it is: a feed's items or a page's article.
    pub fn fetching(ctx: super::Context, url: String) -> Self {
        let mut shell = Self::empty(ctx);
        let what = format!("fetching {}", crate::text::clean::clean(&url));
        shell.work.start(what, 0, move |progress, cancel| {
            Output::Opened(Box::new(crate::open::open_url(&url, progress, cancel)))
        });
        shell
    }

    /// A shell that fetches the feed at `url` named on the command line, then lists it.
    pub fn fetching_feed(ctx: super::Context, url: String) -> Self {
        let mut shell = Self::empty(ctx);
        let what = format!("fetching {}", crate::text::clean::clean(&url));
        shell.work.start(what, 0, move |progress, cancel| {
            let fetched = crate::open::fetch_feed(&url, progress, cancel).and_then(|bytes| {
                let feed = feed::parse(&bytes, &url)?;
                Ok(Opened::Feed(feed, FeedOrigin::Url(url.clone())))
            });
            Output::Opened(Box::new(fetched))
        });
        shell
    }

    /// Opens `doc` in a reader on top (on a worker when it is long and the screens are
    /// shown): keeps it in the library, puts the cursor at code point `at` when given.
    pub(super) fn open_article(
        &mut self,
        doc: Document,
        meta: ArticleMeta,
        at: Option<usize>,
        annotations: Option<PathBuf>,
        lock: bool,
    ) -> Result<(), ShellError> {
        if doc.text.len() > BACKGROUND_OPEN_BYTES && self.started {
            // Detection over a long article takes a while: the article is shown first.
            if self.work.busy() {
                return Err(ShellError::Busy);
            }
            self.open_undetected(doc, meta, at, annotations, lock)?;
            self.detect_on_top();
            return Ok(());
        }
        self.open_now(doc, meta, at, annotations, lock)
    }

    /// Opens `doc` in a reader on top without detecting its suggestions (a long article,
    /// whose suggestions [`Shell::detect_on_top`] then detects on a worker).
    fn open_undetected(
        &mut self,
        doc: Document,
        meta: ArticleMeta,
        at: Option<usize>,
        annotations: Option<PathBuf>,
        lock: bool,
    ) -> Result<(), ShellError> {
        let mut config = self.ctx.config.clone();
        config.reader.suggestions = false;
        self.open_with(&config, doc, meta, at, annotations, lock)?;
        self.undetected = self.ctx.config.reader.suggestions;
        Ok(())
    }

    /// Detects the suggestions of the article on top, opened without them, on a worker: the
    /// reader's status bar says how far it is, and the panel fills in when it is done.
    pub(super) fn detect_on_top(&mut self) {
        if !std::mem::take(&mut self.undetected) {
            return;
        }
        let Some(app) = self.reader() else {
            return;
        };
        let doc = app.session.doc.clone();
        let session = app.session.id();
        let config = self.ctx.config.clone();
        let total = doc.text.len() as u64;
        self.work.start_counted(
            "detecting".to_string(),
            self.screens.len(),
            total,
            move |progress, cancel| {
                let found = session::open::detect_suggestions(&doc, &config, progress, cancel);
                Output::Detected(session, Box::new(found))
            },
        );
    }

    fn open_now(
        &mut self,
        doc: Document,
        meta: ArticleMeta,
        at: Option<usize>,
        annotations: Option<PathBuf>,
        lock: bool,
    ) -> Result<(), ShellError> {
        let config = self.ctx.config.clone();
        self.open_with(&config, doc, meta, at, annotations, lock)
    }

    /// Opens `doc` under `config` in a reader on top.
    fn open_with(
        &mut self,
        config: &crate::config::Config,
        doc: Document,
        meta: ArticleMeta,
        at: Option<usize>,
        annotations: Option<PathBuf>,
        lock: bool,
    ) -> Result<(), ShellError> {
        let fallback = self.library_copy(&doc, annotations.as_deref());
        let options = OpenOptions {
            config,
            dirs: &self.ctx.dirs,
            annotations,
            lock,
        };
        let session = session::open::open_with_fallback(doc, &options, fallback.as_deref())?;
        self.show_session(session, meta, at, lock);
        Ok(())
    }

    /// The library's copy of the annotations of `doc`, to restore when its file is gone.
    fn library_copy(
        &self,
        doc: &Document,
        annotations: Option<&std::path::Path>,
    ) -> Option<PathBuf> {
        let library = self.ctx.library.as_ref()?;
        copy_for(library, doc, annotations, &self.ctx.dirs)
    }

    /// Puts a reader over an opened session on top, at code point `at` when given.
    fn show_session(
        &mut self,
        session: crate::session::Session,
        meta: ArticleMeta,
        at: Option<usize>,
        lock: bool,
    ) {
        // Without a place to go to, the reader opens where it was left.
        let at = at.or_else(|| {
            let library = self.ctx.library.as_ref()?;
            library.entry_for_file(&session.storage.path)?.position
        });
        let mut app = App::new(session, self.ctx.config.clone(), self.ctx.keymap.clone());
        app.from_list = !self.screens.is_empty();
        if let Some(at) = at {
            let doc = &app.session.doc;
            let byte = doc
                .chars
                .char_to_byte(&doc.text, at)
                .unwrap_or(doc.text.len());
            app.jump_to(byte);
        }
        if lock
            && self.started
            && let Err(e) = keep(self.ctx.library.as_mut(), &mut app, &meta)
        {
            app.message = Some(e);
        }
        self.screens
            .push(Screen::Reader(Box::new(Reading { app, meta })));
    }

    pub(super) fn open_entry(&mut self, id: &str, at: Option<usize>) -> Result<(), ShellError> {
        let library = self.ctx.library.as_ref().ok_or(ShellError::NoLibrary)?;
        let entry = library
            .get(id)
            .ok_or_else(|| ShellError::NotInLibrary(id.to_string()))?;
        let meta = ArticleMeta {
            feed: entry.feed.clone(),
            date: entry.date.clone(),
            position: None,
        };
        let doc = match library.how_to_open(id) {
            crate::library::OpenFrom::AnnotationFile(path) => {
                session::open::read_annotation_file_as_article(&path)?
            }
            crate::library::OpenFrom::Article(path) => match crate::open::open_path(&path)? {
                Opened::Article(doc) => doc,
                Opened::Feed(..) => return Err(ShellError::FeedNow(path)),
            },
        };
        self.open_article(doc, meta, at, None, true)
    }

    pub(super) fn open_item(&mut self, feed: usize, item: usize) -> Result<(), ShellError> {
        let Some(Screen::Feed(view)) = self.screens.last() else {
            return Ok(());
        };
        let state = &view.feeds[feed];
        let Some(it) = state.feed.as_ref().and_then(|f| f.items.get(item)) else {
            return Ok(());
        };
        let source = state.source(item).to_string();
        let meta = ArticleMeta {
            feed: Some(state.name.clone()),
            date: it.date.map(|d| d.to_string()),
            position: None,
        };
        if let Some(library) = &self.ctx.library
            && let Some(entry) = library.find_source(&source)
        {
            let id = entry.id.clone();
            return self.open_entry(&id, None);
        }
        match item_article(it, &source) {
            ItemArticle::Ready(doc) => self.open_article(doc, meta, None, None, true),
            ItemArticle::Nothing => Err(ShellError::NothingToRead),
            ItemArticle::Fetch { .. } if self.work.busy() => Err(ShellError::Busy),
            ItemArticle::Fetch { link, summary } => {
                let what = format!("fetching {}", crate::web::address::shorten(&link));
                self.work
                    .start(what, self.screens.len(), move |progress, cancel| {
                        let fetched = crate::web::document::fetch(&link, progress, cancel);
                        Output::Article(Box::new(fetched), meta, summary.map(Box::new))
                    });
                Ok(())
            }
        }
    }

    pub(super) fn show_feeds(&mut self) {
        let cache = self.ctx.feed_cache();
        let view = FeedView::subscriptions(&self.ctx.config.feeds, |url| {
            let bytes = feed::cache::load(&cache, url)?;
            feed::parse(&bytes, url).ok()
        });
        let unread = view.unread_feeds();
        self.screens.push(Screen::Feed(view));
        if !unread.is_empty() {
            self.refresh(unread);
        }
    }

    /// Reads feeds again: files at once, web feeds on a worker thread.
    pub(super) fn refresh(&mut self, feeds: Vec<usize>) {
        let Some(Screen::Feed(view)) = self.screens.last_mut() else {
            return;
        };
        let mut urls = Vec::new();
        for index in feeds {
            match view.feeds.get(index).map(|f| f.origin.clone()) {
                Some(FeedOrigin::File(path)) => {
                    let read =
                        crate::open::read_feed_file(&path).map_err(|e| crate::error::chain(&e));
                    if let Err(e) = &read {
                        self.message = Some(e.clone());
                    }
                    view.set_feed(index, read);
                }
                Some(FeedOrigin::Url(url)) => urls.push((index, url)),
                None => {}
            }
        }
        if urls.is_empty() {
            return;
        }
        if self.work.busy() {
            self.message = Some(ShellError::Busy.to_string());
            return;
        }
        let what = match urls.as_slice() {
            [(_, url)] => format!("fetching {}", crate::web::address::shorten(url)),
            _ => format!("fetching {} feeds", urls.len()),
        };
        self.work
            .start(what, self.screens.len(), move |progress, cancel| {
                let mut read = Vec::new();
                for (index, url) in urls {
                    if cancel.load(std::sync::atomic::Ordering::Relaxed) {
                        break;
                    }
                    read.push((index, crate::open::fetch_feed(&url, progress, cancel)));
                }
                Output::Feeds(read)
            });
    }

    /// Searches every article of the library for annotations on a worker: the list stays
    /// usable, and Esc cancels.
    pub(super) fn search_library(&mut self, query: &str) {
        let Some(library) = &self.ctx.library else {
            return;
        };
        let Some(parsed) = crate::library::SearchQuery::parse(query) else {
            self.message = Some("type a name, e.g. \"claims by Putin\"".into());
            return;
        };
        if self.work.busy() {
            self.message = Some(ShellError::Busy.to_string());
            return;
        }
        let searcher = library.searcher();
        let query = query.trim().to_string();
        let what = format!(
            "searching {} for \"{query}\"",
            count(library.len(), "article")
        );
        self.work.start(what, self.screens.len(), move |_, cancel| {
            let hits = searcher.run(&parsed, SEARCH_LIMIT, cancel);
            Output::Search(query, hits)
        });
    }

    /// Takes a finished job's result.
    pub(super) fn finish(&mut self, running: Running, output: Output) {
        let opens = matches!(
            output,
            Output::Article(..) | Output::Session(..) | Output::Opened(..)
        );
        if opens && self.screens.len() != running.depth {
            // The user opened another article meanwhile; this one is not pushed over it.
            return;
        }
        // The preview gives way to what was opened (or to why it could not be).
        let previewed = self.preview.take().is_some();
        match output {
            Output::Opened(opened) => match *opened {
                Ok(Opened::Article(doc)) => {
                    let annotations = self.ctx.annotations.take();
                    if let Err(e) =
                        self.open_article(doc, ArticleMeta::default(), None, annotations, true)
                    {
                        self.say(crate::error::chain(&e));
                    }
                }
                Ok(Opened::Feed(feed, origin)) => {
                    self.screens
                        .push(Screen::Feed(FeedView::single(feed, origin)));
                }
                Err(e) => self.say(crate::error::chain(&e)),
            },
            Output::Article(fetched, meta, summary) => match (*fetched, summary) {
                (Ok(doc), _) => {
                    if let Err(e) = self.open_article(doc, meta, None, None, true) {
                        self.say(crate::error::chain(&e));
                    }
                }
                (Err(e), Some(summary)) => {
                    let e = crate::error::chain(&e);
                    match self.open_article(*summary, meta, None, None, true) {
                        Ok(()) => {
                            if let Some(app) = self.reader() {
                                app.message = Some(format!("{e} · showing the feed's summary"));
                            }
                        }
                        Err(open) => self.say(format!("{e}; {}", crate::error::chain(&open))),
                    }
                }
                (Err(e), None) => self.say(crate::error::chain(&e)),
            },
            Output::Feeds(read) => self.finish_feeds(read),
            Output::Session(opened, meta, at, lock) => match *opened {
                Ok(session) => self.show_session(session, meta, at, lock),
                Err(e) => self.say(crate::error::chain(&e)),
            },
            Output::Search(query, hits) => self.finish_search(query, hits),
            Output::Detected(session, found) => self.finish_detection(session, *found),
            Output::Lost => self.say(format!("{} stopped without a result", running.what)),
        }
        // Nothing could be shown for what the command line named: gloss ends, saying why.
        if self.screens.is_empty() && !self.work.busy() {
            self.quit = true;
        }
        if previewed && self.reader().is_some() {
            for key in std::mem::take(&mut self.held) {
                self.handle_key(key);
            }
        }
    }

    fn finish_detection(
        &mut self,
        session: u64,
        found: Result<session::open::Detected, session::OpenError>,
    ) {
        let Some(app) = super::reader_of(&mut self.screens, session) else {
            return;
        };
        match found {
            Ok(Some((suggestions, notices))) => {
                app.session.take_suggestions(suggestions);
                // The panel's rows were made from the suggestions there were (none).
                app.refresh_panel();
                if !notices.is_empty() {
                    app.message = Some(notices.join("; "));
                }
            }
            Ok(None) => app.message = Some("detection cancelled: no suggestions".to_string()),
            Err(e) => app.message = Some(crate::error::chain(&e)),
        }
    }

    fn finish_search(
        &mut self,
        query: String,
        hits: Result<Vec<crate::library::Hit>, crate::library::SearchError>,
    ) {
        let Some(Screen::Library(view)) = self.screens.last_mut() else {
            return;
        };
        let hits = match hits {
            Ok(hits) => hits,
            Err(crate::library::SearchError::Cancelled) => return,
            Err(e) => {
                self.message = Some(crate::error::chain(&e));
                return;
            }
        };
        if hits.is_empty() {
            self.message = Some(format!("nothing found for \"{query}\""));
            return;
        }
        view.show_results(query, hits);
    }

    fn finish_feeds(&mut self, read: Vec<(usize, Result<Vec<u8>, OpenError>)>) {
        let cache = self.ctx.feed_cache();
        let Some(view) = self.screens.iter_mut().rev().find_map(|s| match s {
            Screen::Feed(view) => Some(view),
            _ => None,
        }) else {
            return;
        };
        let total = read.len();
        let names: Vec<String> = read
            .iter()
            .filter_map(|(index, _)| view.feeds.get(*index).map(|f| f.name.clone()))
            .collect();
        let mut failures = Vec::new();
        for (index, bytes) in read {
            let Some(FeedOrigin::Url(url)) = view.feeds.get(index).map(|f| f.origin.clone()) else {
                continue;
            };
            let parsed: Result<Feed, String> =
                bytes
                    .map_err(|e| crate::error::chain(&e))
                    .and_then(|bytes| {
                        let feed =
                            feed::parse(&bytes, &url).map_err(|e| crate::error::chain(&e))?;
                        if let Err(e) = feed::cache::store(&cache, &url, &bytes) {
                            failures.push(format!("{url}: not cached: {e}"));
                        }
                        Ok(feed)
                    });
            if let Err(e) = &parsed {
                failures.push(e.clone());
            }
            view.set_feed(index, parsed);
        }
        self.message = Some(match (names.as_slice(), failures.as_slice()) {
            ([name], []) => format!(
                "refreshed {name} · {} in all",
                count(view.item_count(), "item")
            ),
            (_, []) => format!(
                "refreshed {total} feeds · {} in all",
                count(view.item_count(), "item")
            ),
            ([_], [reason]) => reason.clone(),
            (_, [first, ..]) => format!(
                "{} of the {total} feeds fetched failed: {first}",
                failures.len()
            ),
        });
    }
}

/// The most hits a search in the library shows.
pub const SEARCH_LIMIT: usize = 10_000;

/// Records the article of `app` in the library (see [`crate::library::keep::keep`]), with
/// its reading position; the message to show when something went wrong.
pub(super) fn keep(
    library: Option<&mut Library>,
    app: &mut App,
    meta: &ArticleMeta,
) -> Result<(), String> {
    let Some(library) = library else {
        return Ok(());
    };
    let doc = &app.session.doc;
    let meta = ArticleMeta {
        position: Some(doc.chars.byte_to_char(&doc.text, app.cursor)),
        ..meta.clone()
    };
    match crate::library::keep::keep(library, &mut app.session, meta) {
        Ok(None) => Ok(()),
        Ok(Some(notice)) => Err(notice),
        Err(e) => Err(crate::error::chain(&e)),
    }
}

/// Exports the reader's annotations to `format`: an article from a file beside its
/// annotation file; one kept in gloss's own folders (a web page, a feed item, standard
/// input) to the current folder, named from its title rather than its library id. Returns
/// the message to show.
pub(super) fn export(app: &App, format: Format) -> String {
    let file = app.session.to_file();
    let beside = match &app.session.doc.source {
        crate::document::Source::File(_) => app.session.storage.path.clone(),
        _ => std::env::current_dir().unwrap_or_default().join(format!(
            "{}.gloss.json",
            crate::text::names::file_stem(&app.session.doc.title)
        )),
    };
    match crate::export::write::export_beside(&file, &beside, format) {
        Ok((path, dropped)) => {
            let mut message = format!("exported {} to {}", format.name(), path.display());
            for d in &dropped {
                message.push_str(&format!(" · dropped {} {}", d.count, d.what));
            }
            message
        }
        Err(e) => format!("export failed: {}", crate::error::chain(&e)),
    }
}
