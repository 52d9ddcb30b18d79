//! The screens gloss shows, as a stack: the library at the bottom (when gloss starts without
//! an argument), a feed list above it, an article on top. Keys go to the top screen, which
//! changes its own state and returns [`Request`]s; the shell alone carries them out: saving,
//! exporting, opening articles ([`open`]), and starting, cancelling and finishing
//! background work ([`work`]).

pub mod open;
pub mod panel_builder;
mod priority;
pub mod saver;
pub mod trail;
pub mod work;

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};
use ratatui::layout::Rect;

use super::app::{App, Mode};
use super::feed_view::FeedView;
use super::library_view::LibraryView;
use super::request::Request;
use super::update;
use crate::config::Config;
use crate::config::paths::Dirs;
use crate::keymap::{Action, Keymap, Layer};
use crate::library::{ArticleMeta, Library};
use work::Work;

/// The most keys held for a reader while its article is read (a key held down repeats).
const MAX_HELD_KEYS: usize = 256;

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
    /// The folder of cached feeds.
    pub fn feed_cache(&self) -> PathBuf {
        self.dirs.data.join("feeds")
    }
}

/// The stack of screens and the work in progress.
#[derive(Debug)]
pub struct Shell {
    /// Screens, bottom first; keys go to the last.
    pub screens: Vec<Screen>,
    /// What they share.
    pub ctx: Context,
    /// Background work, and the channel the loop waits on.
    pub work: Work,
    /// The writer of annotation files, when saves are made off the UI thread (see
    /// [`Shell::save_in_background`]); without it, each save is made at once.
    saver: Option<saver::Saver>,
    /// The builder of readers' panels, when they are built off the UI thread (see
    /// [`Shell::build_panels_in_background`]); without it, each is built at once.
    panel_builder: Option<panel_builder::PanelBuilder>,
    /// A one-line message for a list's status bar, cleared by the next key.
    pub message: Option<String>,
    /// Frames drawn, for the spinner.
    pub tick: usize,
    /// Set when gloss should exit.
    pub quit: bool,
    /// Why an article closed with changes that could not be saved, if one did.
    pub unsaved: Option<String>,
    /// Why gloss could not show what it was asked to (a fetch of the command line's address
    /// failed or was cancelled before any screen was shown).
    pub failure: Option<String>,
    /// True when the last frame was too small to show anything.
    too_small: bool,
    /// The reader on top was opened without its suggestions, to be detected once its
    /// first frame is on screen.
    undetected: bool,
    /// False until the screens are shown: an article named on the command line is kept in
    /// the library only once gloss really runs (not when it then fails to start).
    started: bool,
    /// The first screen of the long article named on the command line, drawn while a worker
    /// splits the whole of it (see [`Shell::previewing`]).
    preview: Option<Box<App>>,
    /// Keys pressed while the preview was shown, for the reader once it is open.
    held: Vec<KeyEvent>,
    /// The list the article on top was opened from, for `]` and `[`.
    trail: Option<trail::Trail>,
}

impl Shell {
    /// A shell showing `screen`.
    pub fn new(ctx: Context, screen: Screen) -> Self {
        let mut shell = Self::empty(ctx);
        shell.screens.push(screen);
        shell
    }

    /// The library view (its library must be open).
    pub fn library_screen(ctx: &Context) -> Option<Screen> {
        ctx.library
            .as_ref()
            .map(|l| Screen::Library(LibraryView::new(l)))
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
            work: Work::default(),
            saver: None,
            panel_builder: None,
            message: None,
            tick: 0,
            quit: false,
            unsaved: None,
            failure: None,
            too_small: false,
            undetected: false,
            started: true,
            preview: None,
            held: Vec::new(),
            trail: None,
        }
    }

    /// Marks the screens as shown (after the first frame is drawn): an article opened before
    /// is kept in the library now. Later calls do nothing.
    pub fn start(&mut self) {
        if self.started {
            return;
        }
        self.started = true;
        if let Some(Screen::Reader(reading)) = self.screens.last_mut()
            && !reading.app.session.is_read_only()
        {
            let library = self.ctx.library.as_mut();
            if let Err(e) = open::keep(library, &mut reading.app, &reading.meta) {
                reading.app.message = Some(e);
            }
        }
        self.detect_on_top();
    }

    /// From now on, annotation files are written by a thread of their own, so that a key
    /// never waits for a save: the status bar says "saving…" until the newest state is on
    /// disk, then "saved ✓". Leaving an article, and quitting, wait for its saves.
    pub fn save_in_background(&mut self) {
        if self.saver.is_none() {
            self.saver = Some(saver::Saver::start(self.work.sender()));
        }
    }

    /// From now on, after a change the reader's panel (and the suggestions a new learned
    /// name adds) is built by a thread of its own, so that a tagging key's frame never
    /// waits for the whole article's suggestions to be gone through; the frames until it is
    /// built show the panel as it was, and a key that comes first builds it at once.
    pub fn build_panels_in_background(&mut self) {
        if self.panel_builder.is_none() {
            self.panel_builder = Some(panel_builder::PanelBuilder::start(self.work.sender()));
        }
    }

    /// True while a reader's panel is being built on the builder thread.
    pub fn panel_pending(&self) -> bool {
        self.screens.iter().any(|screen| {
            matches!(screen, Screen::Reader(reading) if reading.app.panel_pending().is_some())
        })
    }

    /// Gives the reader it is for a panel the builder finished.
    fn take_panel(&mut self, built: work::Built) {
        let Some(app) = reader_of(&mut self.screens, built.session) else {
            return;
        };
        match built.panel {
            Some((suggestions, items)) => {
                app.take_panel(built.generation, suggestions, items);
            }
            None if app.panel_pending() == Some(built.generation) => app.refresh_panel(),
            None => {}
        }
    }

    /// True while a save is waiting or being written.
    pub fn saving(&self) -> bool {
        self.saver.as_ref().is_some_and(saver::Saver::busy)
    }

    /// Waits for every save handed to the writer, and takes their results.
    pub fn flush_saves(&mut self) {
        if let Some(saver) = &self.saver {
            saver.wait_idle();
        }
        self.take_saves();
    }

    /// Gives each reader the results of its saves that the writer finished.
    fn take_saves(&mut self) {
        let Some(saver) = &self.saver else {
            return;
        };
        for ack in saver.take_acks() {
            // A reader closed since waited for its saves: none is left unclaimed.
            let Some(app) = reader_of(&mut self.screens, ack.session) else {
                continue;
            };
            match app.session.saved(ack.generation, ack.result, ack.learned) {
                Ok(()) if !matches!(app.mode, Mode::Note { .. }) => {
                    if matches!(app.session.save_state, crate::session::SaveState::Saved) {
                        super::pending_note::clear();
                    }
                }
                Ok(()) => {}
                Err(e) => app.message = Some(crate::error::chain(&e)),
            }
        }
    }

    /// Closes every open article, keeping each in the library (when gloss ends).
    pub fn close_all(&mut self) {
        // A note being typed when gloss is told to end (SIGTERM, SIGHUP) is saved as the note.
        if let Some(app) = self.reader() {
            let requests = super::modes::commit_note(app);
            self.carry_out_all(requests);
        }
        while matches!(self.screens.last(), Some(Screen::Reader(_))) {
            self.leave_reader();
        }
        self.work.cancel();
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
        let list_height = usize::from(area.height.saturating_sub(super::list::CHROME));
        let detecting = self
            .work
            .running()
            .filter(|job| job.percent().is_some() && job.depth == self.screens.len())
            .map(|job| job.progress(self.tick));
        match self.screens.last_mut() {
            Some(Screen::Reader(reading)) => {
                reading.app.detecting = detecting;
                reading.app.prepare(area);
            }
            Some(Screen::Library(view)) => {
                view.height = list_height;
                let len = view.rows.len();
                view.cursor.settle(len, list_height);
                if let Some(library) = &self.ctx.library {
                    view.fill(library);
                }
                if let Some(results) = &mut view.results {
                    results.cursor.settle(results.hits.len(), list_height);
                }
            }
            Some(Screen::Feed(view)) => {
                view.height = list_height;
                view.cursor.settle(view.rows.len(), list_height);
            }
            None => {
                if let Some(preview) = &mut self.preview {
                    preview.prepare(area);
                }
            }
        }
    }

    /// Handles a key on the top screen.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.message = None;
        let combo = super::input::to_combo(key);
        let list_action = combo.and_then(|c| self.ctx.keymap.lookup(Layer::List, c));
        let reader_action = combo.and_then(|c| self.ctx.keymap.lookup(Layer::Normal, c));
        // Nothing is shown to act on: only leaving gloss (Ctrl-C) works.
        if self.too_small {
            if list_action == Some(Action::QuitAll) || reader_action == Some(Action::QuitAll) {
                self.close_all();
                self.quit = true;
            }
            return;
        }
        let panels_later = self.panel_builder.is_some();
        let requests = match self.screens.last_mut() {
            Some(Screen::Reader(reading)) => {
                if panels_later {
                    reading.app.build_panel_later();
                }
                reading.app.panel_up_to_date();
                update::handle_key(&mut reading.app, key)
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
            })) if self.work.busy() && list_action == Some(Action::Cancel) => {
                vec![Request::CancelJob]
            }
            Some(Screen::Library(view)) => match &self.ctx.library {
                Some(library) => vec![view.handle_key(key, &self.ctx.keymap, library)],
                None => vec![Request::Back],
            },
            Some(Screen::Feed(view)) => vec![view.handle_key(key, &self.ctx.keymap)],
            // The start of the article is shown while the rest is read: keys are for the
            // reader about to open, all but Ctrl-C (past the cap they are dropped, never
            // taken as Esc or q for the screen being opened).
            None if self.preview.is_some() && list_action != Some(Action::QuitAll) => {
                if self.held.len() < MAX_HELD_KEYS {
                    self.held.push(key);
                }
                Vec::new()
            }
            // Nothing shown yet (what the command line named is being fetched or opened):
            // Esc, q or Ctrl-C stop it, and gloss.
            None if matches!(
                list_action,
                Some(Action::Cancel | Action::Quit | Action::QuitAll)
            ) =>
            {
                let what = self.work.running().map(|r| r.what.clone());
                self.work.cancel();
                self.failure = Some(match what {
                    Some(what) => format!("cancelled {what}"),
                    None => "cancelled".to_string(),
                });
                vec![Request::QuitAll]
            }
            None => Vec::new(),
        };
        self.carry_out_all(requests);
    }

    /// Handles the mouse (the reader only).
    pub fn handle_mouse(&mut self, mouse: MouseEvent) {
        if let Some(app) = self.reader() {
            app.panel_up_to_date();
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
                    '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                    c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
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
            self.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    /// Whether the top screen has a one-line text input open (a search or a filter), which
    /// takes pasted text.
    fn typing(&self) -> bool {
        match self.screens.last() {
            Some(Screen::Reader(reading)) => matches!(
                reading.app.mode,
                Mode::SearchInput(_) | Mode::SpeakerPicker(_) | Mode::RenameActor { .. }
            ),
            Some(Screen::Library(view)) => view.typing.is_some(),
            Some(Screen::Feed(view)) => view.typing,
            None => false,
        }
    }

    /// Carries out requests in order.
    pub fn carry_out_all(&mut self, requests: Vec<Request>) {
        for request in requests {
            self.carry_out(request);
        }
    }

    /// Carries out what a screen asked for: the one place screens' wishes reach the disk,
    /// the browser, other screens and background work.
    pub fn carry_out(&mut self, request: Request) {
        match request {
            Request::None => {}
            Request::Save => {
                let reader = match self.screens.last_mut() {
                    Some(Screen::Reader(reading)) => Some(&mut reading.app),
                    _ => None,
                };
                match (reader, &self.saver) {
                    (Some(app), Some(saver)) => match app.session.save_later() {
                        Ok(pending) => saver.submit(pending),
                        Err(e) => app.message = Some(crate::error::chain(&e)),
                    },
                    (Some(app), None) => save(app),
                    (None, _) => {}
                }
            }
            Request::BuildPanel => {
                let builder = &self.panel_builder;
                if let Some(Screen::Reader(reading)) = self.screens.last_mut() {
                    let app = &mut reading.app;
                    match (builder, app.panel_pending()) {
                        (Some(builder), Some(generation)) => builder.submit(panel_builder::Job {
                            session: app.session.id(),
                            generation,
                            snapshot: app.session.snapshot(),
                        }),
                        (None, Some(_)) => app.refresh_panel(),
                        (_, None) => {}
                    }
                }
            }
            Request::Export(format) => {
                if let Some(app) = self.reader() {
                    app.message = Some(open::export(app, format));
                }
            }
            Request::Message(message) => self.say(message),
            Request::OpenBrowser(url) => {
                let message = match super::browser::open(&url) {
                    Ok(program) => format!("opened in {program}"),
                    Err(e) => crate::error::chain(&e),
                };
                self.say(message);
            }
            Request::OpenEntry { id, at } => {
                self.trail = match (self.screens.last(), &self.ctx.library) {
                    (Some(Screen::Library(view)), Some(library)) => view.trail(library, &id),
                    _ => None,
                };
                if let Err(e) = self.open_entry(&id, at) {
                    self.say(crate::error::chain(&e));
                }
            }
            Request::OpenItem { feed, item } => {
                self.trail = match self.screens.last() {
                    Some(Screen::Feed(view)) => view.trail(feed, item),
                    _ => None,
                };
                if let Err(e) = self.open_item(feed, item) {
                    self.say(crate::error::chain(&e));
                }
            }
            Request::Neighbour(step) => self.open_neighbour(step),
            Request::ShowFeeds => self.show_feeds(),
            Request::Refresh(feeds) => self.refresh(feeds),
            Request::SearchLibrary(query) => self.search_library(&query),
            Request::Back => match self.screens.last() {
                Some(Screen::Reader(_)) => self.leave_reader(),
                _ => {
                    self.work.cancel();
                    self.screens.pop();
                    self.after_pop();
                }
            },
            Request::QuitAll => {
                while matches!(self.screens.last(), Some(Screen::Reader(_))) {
                    self.leave_reader();
                }
                self.quit = true;
            }
            Request::CancelJob => {
                if self.work.cancel() {
                    self.say("cancelled".into());
                }
            }
        }
    }

    /// Leaves the reader on top (saving it, as leaving does) for the article `step` away in
    /// the list it was opened from.
    fn open_neighbour(&mut self, step: isize) {
        let from_list = self.screens.len() >= 2
            && matches!(self.screens.last(), Some(Screen::Reader(_)))
            && matches!(
                self.screens.get(self.screens.len() - 2),
                Some(Screen::Library(_) | Screen::Feed(_))
            );
        let Some(trail) = self.trail.as_ref().filter(|_| from_list) else {
            self.say(
                "] and [ move through the list an article was opened from: this one was not".into(),
            );
            return;
        };
        let Some((to, stop)) = trail.step(step) else {
            let end = if step > 0 { "last" } else { "first" };
            self.say(format!("this is the {end} article of the list"));
            return;
        };
        let stop = stop.clone();
        // Leaving an article whose last save failed would drop its changes: as for q, it is
        // refused (q twice leaves anyway).
        self.flush_saves();
        if let Some(app) = self.reader()
            && let crate::session::SaveState::Failed(reason) = &app.session.save_state
        {
            app.message = Some(format!(
                "NOT SAVED ({reason}): ] and [ stay here; q twice leaves anyway"
            ));
            return;
        }
        let mut trail = self.trail.take();
        if let Some(trail) = &mut trail {
            trail.go(to);
        }
        self.leave_reader();
        let opened = match &stop {
            trail::Stop::Entry(id) => {
                if let Some(Screen::Library(view)) = self.screens.last_mut() {
                    view.opened = Some(id.clone());
                }
                self.open_entry(id, None)
            }
            trail::Stop::Item { feed, item } => self.open_item(*feed, *item),
        };
        match opened {
            Ok(()) => self.trail = trail,
            Err(e) => self.say(crate::error::chain(&e)),
        }
    }

    /// Shows `message` in the top screen's status bar.
    fn say(&mut self, message: String) {
        if self.screens.is_empty() {
            self.failure = Some(message);
        } else if let Some(app) = self.reader() {
            app.message = Some(message);
        } else {
            self.message = Some(message);
        }
    }

    /// Closes the reader on top, keeping its article in the library.
    fn leave_reader(&mut self) {
        self.flush_saves();
        if let Some(Screen::Reader(mut reading)) = self.screens.pop() {
            if let crate::session::SaveState::Failed(reason) = &reading.app.session.save_state {
                self.unsaved = Some(reason.clone());
            }
            let meta = reading.meta.clone();
            if self.started
                && !reading.app.session.is_read_only()
                && let Err(e) = open::keep(self.ctx.library.as_mut(), &mut reading.app, &meta)
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

    /// Takes the running job's result when it is done, and waits up to `timeout` for input;
    /// returns the input, if any came. (The terminal loop; tests use [`Shell::wait_job`].)
    pub fn next_input(&mut self, timeout: std::time::Duration) -> Option<crossterm::event::Event> {
        match self.work.next(timeout)? {
            work::Received::Input(input) => Some(input),
            work::Received::Saved => {
                self.take_saves();
                None
            }
            work::Received::Panel(built) => {
                self.take_panel(*built);
                None
            }
            work::Received::Done(running, output) => {
                self.finish(running, output);
                None
            }
        }
    }

    /// Waits for the running job and takes its result (for `gloss screen` and tests).
    pub fn wait_job(&mut self) {
        if let Some((running, output)) = self.work.wait() {
            self.finish(running, output);
        }
    }
}

/// The reader among `screens` whose session is `session`.
fn reader_of(screens: &mut [Screen], session: u64) -> Option<&mut App> {
    screens.iter_mut().find_map(|screen| match screen {
        Screen::Reader(reading) if reading.app.session.id() == session => Some(&mut reading.app),
        _ => None,
    })
}

/// Saves the reader's annotations, saying why when that fails.
fn save(app: &mut App) {
    match app.session.save() {
        // A note typed into the editor is safe once it is saved.
        Ok(()) if !matches!(app.mode, Mode::Note { .. }) => super::pending_note::clear(),
        Ok(()) => {}
        Err(e) => app.message = Some(crate::error::chain(&e)),
    }
}

/// Carries out a reader's requests on `app` alone, as the shell does for the reader on
/// top: saves, exports, the browser and messages. Returns the requests that need the
/// screen stack (back, quit, opening other screens). For tests and benchmarks that drive
/// one reader without a shell.
pub fn carry_out_in_reader(app: &mut App, requests: Vec<Request>) -> Vec<Request> {
    let mut rest = Vec::new();
    for request in requests {
        match request {
            Request::Save => save(app),
            Request::BuildPanel => app.panel_up_to_date(),
            Request::Export(format) => app.message = Some(open::export(app, format)),
            Request::Message(message) => app.message = Some(message),
            other => rest.push(other),
        }
    }
    rest
}
