//! The screens gloss shows, as a stack: the library at the bottom (when gloss starts without
//! an argument), a feed list above it, an article on top. Keys go to the top screen; list
//! screens ask for work with a [`Request`] that the shell carries out: opening articles
//! (keeping each in the library), fetching on a worker thread, going back.

use std::path::PathBuf;

use crossterm::event::{KeyEvent, KeyModifiers, MouseEvent};
use ratatui::layout::Rect;

use super::app::{App, Mode};
use super::feed_view::FeedView;
use super::job::Job;
use super::library_view::LibraryView;
use super::update;
use crate::config::Config;
use crate::config::paths::Dirs;
use crate::document::{Document, Source};
use crate::feed::{self, Feed};
use crate::keymap::Keymap;
use crate::library::{ArticleMeta, Library};
use crate::open::FeedOrigin;
use crate::session::{self, OpenOptions};
use crate::text::plural::count;

/// What a list screen asks the shell to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Nothing.
    None,
    /// Show a message in the status bar.
    Message(String),
    /// Open a library article, at this code point offset when given.
    OpenEntry {
        /// The article's library id.
        id: String,
        /// Where to put the cursor, in code points.
        at: Option<usize>,
    },
    /// Open a feed item as an article.
    OpenItem {
        /// The feed's position in the list.
        feed: usize,
        /// The item's position in the feed.
        item: usize,
    },
    /// Show the subscribed feeds.
    ShowFeeds,
    /// Read these feeds (positions in the list) again.
    Refresh(Vec<usize>),
    /// Leave the screen.
    Back,
    /// Leave gloss.
    QuitAll,
    /// Open a web address in the browser.
    OpenBrowser(String),
    /// Stop the running fetch.
    CancelJob,
}

impl Request {
    /// Opens `address` in the browser when it is a web address, else says that `what` has
    /// none.
    pub fn browse(address: Option<&str>, what: &str) -> Request {
        match address {
            Some(url) if crate::document::web::is_url(url) => Request::OpenBrowser(url.to_string()),
            _ => Request::Message(format!("{what} has no web address")),
        }
    }
}

/// An article being read, with what the library should know of it.
#[derive(Debug)]
pub struct Reading {
    /// The reader.
    pub app: App,
    /// Its feed and date.
    pub meta: ArticleMeta,
}

/// One screen of the stack.
#[derive(Debug)]
pub enum Screen {
    /// The library list.
    Library(LibraryView),
    /// A feed list.
    Feed(FeedView),
    /// An article.
    Reader(Box<Reading>),
}

/// What every screen shares.
#[derive(Debug)]
pub struct Context {
    /// gloss's folders.
    pub dirs: Dirs,
    /// The config.
    pub config: Config,
    /// The keymap.
    pub keymap: Keymap,
    /// The library, when it could be opened.
    pub library: Option<Library>,
    /// The annotation file given with --annotations, for the first article.
    pub annotations: Option<PathBuf>,
}

impl Context {
    /// The library's copy of the annotations of `doc` (whose annotation file is
    /// `annotations`, else the default one), when the library keeps one apart from it: what
    /// to restore if that annotation file is gone.
    pub fn library_copy(
        &self,
        doc: &Document,
        annotations: Option<&std::path::Path>,
    ) -> Option<PathBuf> {
        let library = self.library.as_ref()?;
        let path = annotations.map_or_else(
            || session::open::default_annotation_path(doc, &self.dirs),
            std::path::Path::to_path_buf,
        );
        let entry = library.entry_for_file(&path)?;
        let copy = library.article_path(&entry.id);
        (library.holds(&path).is_none() && copy.exists()).then_some(copy)
    }

    /// The folder of cached feeds.
    pub fn feed_cache(&self) -> PathBuf {
        self.dirs.data.join("feeds")
    }
}

/// What a worker thread produces.
#[derive(Debug)]
pub enum Output {
    /// A fetched article; the feed's summary to show instead when the fetch failed.
    Article(
        Box<Result<Document, String>>,
        ArticleMeta,
        Option<Box<Document>>,
    ),
    /// Fetched feeds: their positions and bytes.
    Feeds(Vec<(usize, Result<Vec<u8>, String>)>),
    /// An article opened (read, split and detected) off the main thread, with where to put
    /// the cursor and whether it holds the lock.
    Session(
        Box<Result<crate::session::Session, String>>,
        ArticleMeta,
        Option<usize>,
        bool,
    ),
    /// The worker stopped without a result.
    Lost,
}

/// The stack of screens and the work in progress.
#[derive(Debug)]
pub struct Shell {
    /// Screens, bottom first; keys go to the last.
    pub screens: Vec<Screen>,
    /// What they share.
    pub ctx: Context,
    /// The fetch in progress.
    pub job: Option<Job<Output>>,
    /// A one-line message for a list's status bar, cleared by the next key.
    pub message: Option<String>,
    /// Frames drawn, for the spinner.
    pub tick: usize,
    /// Set when gloss should exit.
    pub quit: bool,
    /// Why an article closed with changes that could not be saved, if one did.
    pub unsaved: Option<String>,
    /// True when the last frame was too small to show anything.
    too_small: bool,
    /// How many screens were open when the job started: an article it opens is shown only
    /// if the user is still on that screen (not in another article opened meanwhile).
    job_depth: usize,
    /// False until the screens are shown: an article named on the command line is kept in
    /// the library only once gloss really runs (not when it then fails to start).
    started: bool,
}

impl Shell {
    /// A shell showing `screen`.
    pub fn new(ctx: Context, screen: Screen) -> Self {
        let mut shell = Self::empty(ctx);
        shell.push(screen);
        shell
    }

    /// The library view (its library must be open).
    pub fn library_screen(ctx: &Context) -> Option<Screen> {
        ctx.library
            .as_ref()
            .map(|l| Screen::Library(LibraryView::new(l)))
    }

    /// A shell reading `doc`, kept in the library too when `lock` (a reader that may write;
    /// `gloss screen` does not).
    pub fn reading(ctx: Context, doc: Document, lock: bool) -> Result<Self, String> {
        let mut shell = Self::empty(ctx);
        shell.started = false;
        let annotations = shell.ctx.annotations.take();
        shell.open_article(doc, ArticleMeta::default(), None, annotations, lock)?;
        Ok(shell)
    }

    /// A shell reading an article whose session was opened already (a long one, opened with
    /// a spinner on screen).
    pub fn with_session(ctx: Context, session: crate::session::Session) -> Self {
        let mut shell = Self::empty(ctx);
        shell.started = false;
        shell.show_session(session, ArticleMeta::default(), None, true);
        shell
    }

    /// A shell showing the subscribed feeds, fetching those not read before.
    pub fn feeds(ctx: Context) -> Self {
        let mut shell = Self::empty(ctx);
        shell.show_feeds();
        shell
    }

    fn empty(ctx: Context) -> Self {
        Self {
            screens: Vec::new(),
            ctx,
            job: None,
            message: None,
            tick: 0,
            quit: false,
            unsaved: None,
            job_depth: 0,
            too_small: false,
            started: true,
        }
    }

    /// Marks the screens as shown: an article opened before is kept in the library now.
    pub fn start(&mut self) {
        if self.started {
            return;
        }
        self.started = true;
        if let Some(Screen::Reader(reading)) = self.screens.last_mut()
            && !reading.app.session.is_read_only()
            && let Err(e) = keep(self.ctx.library.as_mut(), &mut reading.app, &reading.meta)
        {
            reading.app.message = Some(e);
        }
    }

    /// Closes every open article, keeping each in the library (when gloss ends).
    pub fn close_all(&mut self) {
        // A note being typed when gloss is told to end (SIGTERM, SIGHUP) is saved as the note.
        if let Some(app) = self.reader() {
            for effect in super::modes::commit_note(app) {
                super::update::perform(app, effect);
            }
        }
        while matches!(self.screens.last(), Some(Screen::Reader(_))) {
            self.leave_reader();
        }
        if let Some(job) = self.job.take() {
            job.cancel();
        }
    }

    /// The reader on top, if an article is.
    pub fn reader(&mut self) -> Option<&mut App> {
        match self.screens.last_mut()? {
            Screen::Reader(reading) => Some(&mut reading.app),
            _ => None,
        }
    }

    /// Lays out the top screen for `area`.
    pub fn prepare(&mut self, area: Rect) {
        self.too_small = area.width < super::app::MIN_WIDTH || area.height < super::app::MIN_HEIGHT;
        let list_height = usize::from(area.height.saturating_sub(super::view::list::CHROME));
        match self.screens.last_mut() {
            Some(Screen::Reader(reading)) => reading.app.prepare(area),
            Some(Screen::Library(view)) => {
                view.height = list_height;
                let len = view.rows.len();
                view.cursor.settle(len, list_height);
                if let Some(results) = &mut view.results {
                    results.cursor.settle(results.hits.len(), list_height);
                }
            }
            Some(Screen::Feed(view)) => {
                view.height = list_height;
                view.cursor.settle(view.rows.len(), list_height);
            }
            None => {}
        }
    }

    /// Handles a key on the top screen.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.message = None;
        // Nothing is shown to act on: only Ctrl-C (leave gloss) works.
        if self.too_small {
            let ctrl_c = key.code == crossterm::event::KeyCode::Char('c')
                && key
                    .modifiers
                    .contains(crossterm::event::KeyModifiers::CONTROL);
            if ctrl_c {
                self.close_all();
                self.quit = true;
            }
            return;
        }
        let request = match self.screens.last_mut() {
            Some(Screen::Reader(reading)) => {
                let effects = update::handle_key(&mut reading.app, key);
                for effect in effects {
                    update::perform(&mut reading.app, effect);
                }
                if reading.app.quit {
                    let all = reading.app.quit_all;
                    self.leave_reader();
                    if all {
                        self.quit = true;
                    }
                }
                return;
            }
            // While a fetch runs, Esc cancels it first (the status bar says so).
            Some(Screen::Library(LibraryView {
                typing: None,
                help: None,
                ..
            }))
            | Some(Screen::Feed(FeedView {
                typing: false,
                help: None,
                ..
            })) if self.job.is_some() && key.code == crossterm::event::KeyCode::Esc => {
                Request::CancelJob
            }
            Some(Screen::Library(view)) => match &self.ctx.library {
                Some(library) => view.handle_key(key, &self.ctx.keymap, library),
                None => Request::Back,
            },
            Some(Screen::Feed(view)) => view.handle_key(key, &self.ctx.keymap),
            None => Request::QuitAll,
        };
        self.carry_out(request);
    }

    /// Handles the mouse (the reader only).
    pub fn handle_mouse(&mut self, mouse: MouseEvent) {
        if let Some(app) = self.reader() {
            super::input::handle_mouse(app, mouse);
        }
    }

    /// Handles pasted text (into a note being edited).
    pub fn handle_paste(&mut self, text: &str) {
        let text = crate::text::clean::clean(text);
        if let Some(app) = self.reader()
            && let Mode::Note { .. } = &app.mode
        {
            // Typed into the note as it is, line breaks included, through the note's keys
            // so that the draft is kept as for typing.
            for c in text.chars() {
                let key = match c {
                    '\n' => KeyEvent::new(crossterm::event::KeyCode::Enter, KeyModifiers::NONE),
                    c => KeyEvent::new(crossterm::event::KeyCode::Char(c), KeyModifiers::NONE),
                };
                self.handle_key(key);
            }
            return;
        }
        if !self.typing() {
            // Never run as keys: a pasted "xj q" would remove a tag and quit.
            match self.reader() {
                Some(app) => {
                    app.message = Some(
                        "paste ignored: paste into a note (m), a search (/) or the speaker picker"
                            .to_string(),
                    )
                }
                None => self.message = Some("paste ignored: press / to filter first".to_string()),
            }
            return;
        }
        // One line: a pasted line break is a space, never Enter.
        for c in text.chars() {
            let c = if c == '\n' { ' ' } else { c };
            self.handle_key(KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                KeyModifiers::NONE,
            ));
        }
    }

    /// Whether the top screen has a one-line text input open (a search or a filter), which
    /// takes pasted text.
    fn typing(&self) -> bool {
        match self.screens.last() {
            Some(Screen::Reader(reading)) => matches!(
                reading.app.mode,
                Mode::SearchInput(_) | Mode::SpeakerPicker(_)
            ),
            Some(Screen::Library(view)) => view.typing.is_some(),
            Some(Screen::Feed(view)) => view.typing,
            None => false,
        }
    }

    /// Carries out what a list asked for.
    pub fn carry_out(&mut self, request: Request) {
        match request {
            Request::None => {}
            Request::Message(message) => self.message = Some(message),
            Request::OpenEntry { id, at } => {
                if let Err(e) = self.open_entry(&id, at) {
                    self.message = Some(e);
                }
            }
            Request::OpenItem { feed, item } => {
                if let Err(e) = self.open_item(feed, item) {
                    self.message = Some(e);
                }
            }
            Request::ShowFeeds => self.show_feeds(),
            Request::Refresh(feeds) => self.refresh(feeds),
            Request::Back => {
                if let Some(job) = self.job.take() {
                    job.cancel();
                }
                self.screens.pop();
                self.after_pop();
            }
            Request::QuitAll => self.quit = true,
            Request::OpenBrowser(url) => {
                self.message = Some(match super::browser::open(&url) {
                    Ok(program) => format!("opened in {program}"),
                    Err(e) => e,
                });
            }
            Request::CancelJob => {
                if let Some(job) = self.job.take() {
                    job.cancel();
                    self.message = Some("cancelled".into());
                }
            }
        }
    }

    /// Takes the result of the running job when it is done; true when the screen changed.
    pub fn poll_job(&mut self) -> bool {
        let Some(job) = &self.job else { return false };
        match job.poll(lost) {
            Some(output) => {
                self.job = None;
                self.finish(output);
                true
            }
            None => false,
        }
    }

    /// Waits for the running job and takes its result (for `gloss screen` and tests).
    pub fn wait_job(&mut self) {
        if let Some(job) = self.job.take() {
            let output = job.wait(lost);
            self.finish(output);
        }
    }

    /// Runs `job`, remembering which screen it belongs to.
    fn spawn(&mut self, job: Job<Output>) {
        self.job_depth = self.screens.len();
        self.job = Some(job);
    }

    fn push(&mut self, screen: Screen) {
        self.screens.push(screen);
    }

    /// Opens `doc` in a reader on top: keeps it in the library, puts the cursor at code point
    /// `at` when given.
    fn open_article(
        &mut self,
        doc: Document,
        meta: ArticleMeta,
        at: Option<usize>,
        annotations: Option<PathBuf>,
        lock: bool,
    ) -> Result<(), String> {
        if doc.text.len() > BACKGROUND_OPEN_BYTES && self.started {
            // Detection over a long article takes a while: the list stays usable meanwhile.
            if self.job.is_some() {
                return Err("still fetching: wait, or Esc to cancel".into());
            }
            let (config, dirs) = (self.ctx.config.clone(), self.ctx.dirs.clone());
            let fallback = self.ctx.library_copy(&doc, annotations.as_deref());
            let what = format!("opening {}", crate::text::width::ellipsize(&doc.title, 60));
            self.spawn(Job::spawn(what, move |_, _| {
                let options = OpenOptions {
                    config: &config,
                    dirs: &dirs,
                    annotations,
                    lock,
                };
                let opened = session::open::open_with_fallback(doc, &options, fallback.as_deref())
                    .map_err(|e| e.to_string());
                Output::Session(Box::new(opened), meta, at, lock)
            }));
            return Ok(());
        }
        let fallback = self.ctx.library_copy(&doc, annotations.as_deref());
        let options = OpenOptions {
            config: &self.ctx.config,
            dirs: &self.ctx.dirs,
            annotations,
            lock,
        };
        let session = session::open::open_with_fallback(doc, &options, fallback.as_deref())
            .map_err(|e| e.to_string())?;
        self.show_session(session, meta, at, lock);
        Ok(())
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
        self.push(Screen::Reader(Box::new(Reading { app, meta })));
    }

    /// Closes the reader on top, keeping its article in the library.
    fn leave_reader(&mut self) {
        if let Some(Screen::Reader(mut reading)) = self.screens.pop() {
            if let crate::session::SaveState::Failed(reason) = &reading.app.session.save_state {
                self.unsaved = Some(reason.clone());
            }
            let meta = reading.meta.clone();
            if self.started
                && !reading.app.session.is_read_only()
                && let Err(e) = keep(self.ctx.library.as_mut(), &mut reading.app, &meta)
            {
                self.message = Some(e);
            }
        }
        self.after_pop();
    }

    /// After a screen closed: gloss exits when none is left, else the list below is updated.
    fn after_pop(&mut self) {
        let library = self.ctx.library.as_ref();
        match self.screens.last_mut() {
            None => self.quit = true,
            Some(Screen::Library(view)) => {
                if let Some(library) = library {
                    view.refresh(library);
                }
            }
            Some(_) => {}
        }
    }

    fn open_entry(&mut self, id: &str, at: Option<usize>) -> Result<(), String> {
        let library = self.ctx.library.as_ref().ok_or("the library is not open")?;
        let entry = library
            .get(id)
            .ok_or_else(|| format!("no article {id:?} in the library"))?;
        let meta = ArticleMeta {
            feed: entry.feed.clone(),
            date: entry.date.clone(),
            position: None,
        };
        let doc = match library.how_to_open(id) {
            crate::library::OpenFrom::AnnotationFile(path) => {
                session::open::read_annotation_file_as_article(&path).map_err(|e| e.to_string())?
            }
            crate::library::OpenFrom::Article(path) => match crate::open::open_path(&path)? {
                crate::open::Opened::Article(doc) => doc,
                crate::open::Opened::Feed(..) => {
                    return Err(format!("{}: is a feed now", path.display()));
                }
            },
        };
        self.open_article(doc, meta, at, None, true)
    }

    fn open_item(&mut self, feed: usize, item: usize) -> Result<(), String> {
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
        let as_article = |body: &str, source: String| {
            let text = match it.title.is_empty() {
                true => body.to_string(),
                false => format!("{}\n\n{body}", it.title),
            };
            Document::new(text, Source::Url(source))
        };
        let link = it.link.clone().filter(|l| crate::document::web::is_url(l));
        // The feed's full content is the article; its summary only stands in when there is
        // no page to fetch, or fetching it fails. A summary standing in for a page is kept as
        // an article of its own, so that the page is fetched again next time.
        let now = match (&it.content, &link, &it.summary) {
            (Some(content), _, _) => Some(as_article(content, source.clone())),
            (None, None, Some(summary)) => Some(as_article(summary, source.clone())),
            _ => None,
        };
        let summary = it.summary.as_deref().map(|s| {
            let text = match it.title.is_empty() {
                true => format!("(summary)\n\n{s}"),
                false => format!("{} (summary)\n\n{s}", it.title),
            };
            Box::new(Document::new(
                text,
                Source::Url(format!("{source}#summary")),
            ))
        });
        if let Some(doc) = now {
            return self.open_article(doc, meta, None, None, true);
        }
        let Some(link) = link else {
            return Err("this item has no content and no web address".into());
        };
        if self.job.is_some() {
            return Err("still fetching: wait, or Esc to cancel".into());
        }
        self.spawn(Job::spawn(
            format!("fetching {}", crate::web::address::shorten(&link)),
            move |progress, cancel| {
                let fetched = crate::document::web::fetch(&link, progress, cancel);
                Output::Article(Box::new(fetched), meta, summary)
            },
        ));
        Ok(())
    }

    fn show_feeds(&mut self) {
        let cache = self.ctx.feed_cache();
        let view = FeedView::subscriptions(&self.ctx.config.feeds, |url| {
            let bytes = feed::cache::load(&cache, url)?;
            feed::parse(&bytes, url).ok()
        });
        let unread = view.unread_feeds();
        self.push(Screen::Feed(view));
        if !unread.is_empty() {
            self.refresh(unread);
        }
    }

    /// Reads feeds again: files at once, web feeds on a worker thread.
    fn refresh(&mut self, feeds: Vec<usize>) {
        let Some(Screen::Feed(view)) = self.screens.last_mut() else {
            return;
        };
        let mut urls = Vec::new();
        for index in feeds {
            match view.feeds.get(index).map(|f| f.origin.clone()) {
                Some(FeedOrigin::File(path)) => {
                    let read = crate::open::read_feed_file(&path);
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
        if self.job.is_some() {
            self.message = Some("still fetching: wait, or Esc to cancel".into());
            return;
        }
        let what = match urls.as_slice() {
            [(_, url)] => format!("fetching {}", crate::web::address::shorten(url)),
            _ => format!("fetching {} feeds", urls.len()),
        };
        self.spawn(Job::spawn(what, move |progress, cancel| {
            let mut read = Vec::new();
            for (index, url) in urls {
                if cancel.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
                read.push((index, crate::open::fetch_feed(&url, progress, cancel)));
            }
            Output::Feeds(read)
        }));
    }

    fn finish(&mut self, output: Output) {
        let opens = matches!(output, Output::Article(..) | Output::Session(..));
        if opens && self.screens.len() != self.job_depth {
            // The user opened another article meanwhile; this one is not pushed over it.
            return;
        }
        match output {
            Output::Article(fetched, meta, summary) => match (*fetched, summary) {
                (Ok(doc), _) => {
                    if let Err(e) = self.open_article(doc, meta, None, None, true) {
                        self.message = Some(e);
                    }
                }
                (Err(e), Some(summary)) => {
                    match self.open_article(*summary, meta, None, None, true) {
                        Ok(()) => {
                            if let Some(app) = self.reader() {
                                app.message = Some(format!("{e} · showing the feed's summary"));
                            }
                        }
                        Err(open) => self.message = Some(format!("{e}; {open}")),
                    }
                }
                (Err(e), None) => self.message = Some(e),
            },
            Output::Feeds(read) => self.finish_feeds(read),
            Output::Session(opened, meta, at, lock) => match *opened {
                Ok(session) => self.show_session(session, meta, at, lock),
                Err(e) => self.message = Some(e),
            },
            Output::Lost => self.message = Some("the fetch stopped without a result".into()),
        }
    }

    fn finish_feeds(&mut self, read: Vec<(usize, Result<Vec<u8>, String>)>) {
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
            let parsed: Result<Feed, String> = bytes.and_then(|bytes| {
                let feed = feed::parse(&bytes, &url).map_err(|e| e.to_string())?;
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

/// Records the article of `app` in the library (saving its annotation file first when
/// there is none yet, so the library never lists an article without its file).
fn keep(library: Option<&mut Library>, app: &mut App, meta: &ArticleMeta) -> Result<(), String> {
    let Some(library) = library else {
        return Ok(());
    };
    let doc = &app.session.doc;
    let meta = ArticleMeta {
        position: Some(doc.chars.byte_to_char(&doc.text, app.cursor)),
        ..meta.clone()
    };
    let session = &mut app.session;
    // An article kept in the library folder itself needs its file there to be listed; one
    // opened from a file gets its annotation file beside it only once something is tagged.
    // (Annotations restored from the library's copy are written back beside the article.)
    let has_tags = !session.annotations.is_empty() || !session.unplaced.is_empty();
    if (library.holds(&session.storage.path).is_some() || has_tags)
        && !session.is_read_only()
        && !session.storage.path.exists()
    {
        session.save()?;
    }
    library
        .record(&session.storage.path, &session.to_file(), meta)
        .map_err(|e| format!("not kept in the library: {e}"))?;
    match library.take_notice() {
        Some(notice) => Err(notice),
        None => Ok(()),
    }
}

/// Articles longer than this are opened on a worker thread.
pub const BACKGROUND_OPEN_BYTES: usize = 256 * 1024;

fn lost() -> Output {
    Output::Lost
}
