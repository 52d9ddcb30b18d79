//! The reader's state: the session plus everything about how it is being looked at
//! (cursor, selection, focus, scroll, what is open on top).

use std::ops::Range;

use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::layout::{RowPos, WrapCache};
use super::panel::{self, PanelItem};
use super::search::Query;
use crate::config::Config;
use crate::keymap::{Keymap, Layer};
use crate::session::{Session, SpeakerChoice};

/// Columns left of the text for the current-sentence marker.
pub const MARGIN: u16 = 2;
/// Below this size the reader shows only a notice.
pub const MIN_WIDTH: u16 = 20;
/// Below this size the reader shows only a notice.
pub const MIN_HEIGHT: u16 = 5;
/// Rows of the status bar.
pub const STATUS_HEIGHT: u16 = 2;
/// Rows of article a long status message always leaves (it is cleared by the next key).
pub const MIN_BODY_ROWS: u16 = 2;
/// Below this width the panel and the article share the screen by turns.
pub const SIDE_BY_SIDE_WIDTH: u16 = 70;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The article.
    Article,
    /// The side panel.
    Panel,
}

/// What a label picker will tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelTarget {
    /// An actor at this range, grouped under this canonical actor when it has one (the
    /// word was part of a suggested name).
    Actor(Range<usize>, Option<String>),
    /// A claim at this range.
    Claim(Range<usize>),
}

/// One speaker the picker offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerOption {
    /// Shown text.
    pub name: String,
    /// Its label ("" for nobody).
    pub label: String,
    /// Other names it appears under in the text ("Moscow" for Russia), which the filter
    /// matches too.
    pub also: Vec<String>,
    /// What choosing it does.
    pub choice: SpeakerChoice,
}

/// The claim a speaker is being chosen for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerClaim {
    /// A claim already tagged, by id.
    Tagged(String),
    /// A claim being tagged: it is made only when the speaker is chosen.
    New {
        /// Its text.
        range: Range<usize>,
        /// Its label.
        label: String,
    },
}

/// The speaker picker: every actor in a stable order (nobody first, then by name), narrowed
/// by what the user types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerPicker {
    /// The claim.
    pub claim: PickerClaim,
    /// Every choice, "nobody" first.
    pub options: Vec<SpeakerOption>,
    /// What has been typed to narrow the list.
    pub filter: String,
    /// The highlighted row of [`SpeakerPicker::visible`].
    pub selected: usize,
    /// The option highlighted when the picker opened (the claim's speaker, or the suggested
    /// one), highlighted again whenever the filter is cleared.
    pub suggested: usize,
}

impl SpeakerPicker {
    /// The options the filter lets through, as indices into `options`: nobody always, then
    /// each actor whose name or label contains the filter, ignoring case.
    pub fn visible(&self) -> Vec<usize> {
        let filter = self.filter.to_lowercase();
        self.options
            .iter()
            .enumerate()
            .filter(|(i, o)| {
                *i == 0
                    || filter.is_empty()
                    || o.name.to_lowercase().contains(&filter)
                    || o.label.to_lowercase().contains(&filter)
                    || o.also.iter().any(|a| a.to_lowercase().contains(&filter))
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// What is open on top of the reader.
#[derive(Debug)]
pub enum Mode {
    /// Nothing: reading and tagging.
    Normal,
    /// The help screen, scrolled by this many rows.
    Help(usize),
    /// Choosing a label.
    LabelPicker(LabelTarget),
    /// Choosing the speaker of a claim.
    SpeakerPicker(SpeakerPicker),
    /// Editing a note.
    Note {
        /// The annotation.
        id: String,
        /// The editor.
        editor: Box<TextArea<'static>>,
    },
    /// Typing a search.
    SearchInput(String),
    /// Choosing an export format; the highlighted one.
    ExportPicker(usize),
    /// Typing an actor's new name (another actor's name merges the two).
    RenameActor {
        /// The actor's name now.
        name: String,
        /// Its label.
        label: String,
        /// The name being typed.
        input: String,
    },
}

impl Mode {
    /// The name shown in the status bar.
    pub fn name(&self) -> &'static str {
        match self {
            Mode::Normal => "READ",
            Mode::Help(_) => "HELP",
            Mode::LabelPicker(_) => "LABEL",
            Mode::SpeakerPicker(_) => "SPEAKER",
            Mode::Note { .. } => "NOTE",
            Mode::SearchInput(_) => "SEARCH",
            Mode::ExportPicker(_) => "EXPORT",
            Mode::RenameActor { .. } => "RENAME",
        }
    }
}

/// Where things are on screen, worked out before each frame and used by both the view and
/// the mouse.
#[derive(Debug, Clone, Default)]
pub struct Geometry {
    /// The whole screen.
    pub area: Rect,
    /// The article pane, margin included (zero when hidden).
    pub article: Rect,
    /// The panel (zero when hidden).
    pub panel: Rect,
    /// The status bar.
    pub status: Rect,
    /// The article rows on screen, top to bottom: `None` for a blank line.
    pub rows: Vec<(RowPos, Option<Range<usize>>)>,
    /// True when the screen is below the usable size.
    pub too_small: bool,
}

impl Geometry {
    /// Width of the article text (without the margin).
    pub fn text_width(&self) -> usize {
        usize::from(self.article.width.saturating_sub(MARGIN))
    }
}

/// The reader.
#[derive(Debug)]
pub struct App {
    /// The article and its annotations.
    pub session: Session,
    /// The config.
    pub config: Config,
    /// The keymap.
    pub keymap: Keymap,
    /// Byte offset of the grapheme under the cursor.
    pub cursor: usize,
    /// Where a selection started, if one is being made.
    pub selection: Option<usize>,
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// What is open on top.
    pub mode: Mode,
    /// The active search.
    pub search: Option<Query>,
    /// A one-line message for the status bar, cleared by the next key.
    pub message: Option<String>,
    /// The entity last tagged by hand, for "tag every other occurrence".
    pub last_tagged: Option<String>,
    /// The top row of the article pane.
    pub top: RowPos,
    /// Scroll the article so the cursor is visible before the next frame.
    pub follow_cursor: bool,
    /// Wrapped paragraphs.
    pub wrap: WrapCache,
    /// Screen geometry of the last frame.
    pub geometry: Geometry,
    /// Panel rows.
    pub panel_items: Vec<PanelItem>,
    /// Selected panel row.
    pub panel_selected: usize,
    /// First panel row on screen.
    pub panel_offset: usize,
    /// Where a mouse drag started.
    pub drag_anchor: Option<usize>,
    /// Set by a first quit while the last save failed: a second quit leaves anyway.
    pub quit_armed: bool,
    /// True when the article was opened from the library or a feed: Esc with nothing to
    /// close goes back to the list.
    pub from_list: bool,
    /// How far the detection of this article's suggestions is, while it runs on a worker
    /// (set by the shell before each frame).
    pub detecting: Option<String>,
    /// The panel is built on a worker after a change (see [`App::build_panel_later`]).
    panel_later: bool,
    /// The newest panel asked for (each change asks for one).
    panel_generation: u64,
    /// The panel asked for and not yet built: the rows shown are of the state before the
    /// last change until it comes.
    panel_pending: Option<u64>,
}

impl App {
    /// A reader over `session`.
    pub fn new(session: Session, config: Config, keymap: Keymap) -> Self {
        let message = session.notice.clone();
        let mut app = Self {
            session,
            config,
            keymap,
            cursor: 0,
            selection: None,
            focus: Focus::Article,
            mode: Mode::Normal,
            search: None,
            message,
            last_tagged: None,
            top: RowPos::default(),
            follow_cursor: true,
            wrap: WrapCache::default(),
            geometry: Geometry::default(),
            panel_items: Vec::new(),
            panel_selected: 0,
            panel_offset: 0,
            drag_anchor: None,
            quit_armed: false,
            from_list: false,
            detecting: None,
            panel_later: false,
            panel_generation: 0,
            panel_pending: None,
        };
        app.cursor = app.session.doc.sentences.first().map_or(0, |s| s.start);
        app.refresh_panel();
        app
    }

    /// The key layer in effect.
    pub fn layer(&self) -> Layer {
        if self.search.is_some() {
            Layer::Search
        } else {
            Layer::Normal
        }
    }

    /// Index of the sentence holding the cursor.
    pub fn sentence(&self) -> usize {
        self.session.doc.sentence_at(self.cursor)
    }

    /// Byte range of the sentence holding the cursor.
    pub fn sentence_range(&self) -> Range<usize> {
        self.session
            .doc
            .sentences
            .get(self.sentence())
            .cloned()
            .unwrap_or(0..0)
    }

    /// The selected range (snapped to words), if a selection is being made.
    pub fn selection_range(&self) -> Option<Range<usize>> {
        let anchor = self.selection?;
        Some(super::cursor::selection_range(
            &self.session.doc.text,
            self.sentence_range(),
            anchor,
            self.cursor,
        ))
    }

    /// Rebuilds the panel rows now (and the suggestions, when the learned names changed),
    /// keeping the selection on a selectable row.
    pub fn refresh_panel(&mut self) {
        if self.session.suggestions_stale() {
            self.session.rebuild_suggestions();
        }
        self.panel_generation += 1;
        self.panel_pending = None;
        let items = panel::build(self.session.annotated());
        self.set_panel(items);
    }

    /// From now on a change does not rebuild the panel, or the suggestions a new learned
    /// name adds, before the next frame: [`App::panel_changed`] asks the shell to have a
    /// worker build them from a snapshot, and the frames until it is done show the rows as
    /// they were. On a long article that work is many times a frame's (the whole text's
    /// suggestions are gone through).
    pub fn build_panel_later(&mut self) {
        if !self.panel_later {
            self.panel_later = true;
            self.session.rebuild_suggestions_later();
        }
    }

    /// After the annotations changed: rebuilds the panel now, or asks for it to be built on
    /// a worker (the returned request; see [`App::build_panel_later`]).
    pub fn panel_changed(&mut self) -> Option<super::request::Request> {
        if !self.panel_later {
            self.refresh_panel();
            return None;
        }
        self.panel_generation += 1;
        self.panel_pending = Some(self.panel_generation);
        Some(super::request::Request::BuildPanel)
    }

    /// The panel being built on a worker, if one is: its number, to match the result.
    pub fn panel_pending(&self) -> Option<u64> {
        self.panel_pending
    }

    /// Before a key that may act on the panel's rows or the suggestions: a panel still
    /// being built is built now, so that nothing acts on rows of an older state.
    pub fn panel_up_to_date(&mut self) {
        if self.panel_pending.is_some() {
            self.refresh_panel();
        }
    }

    /// Takes panel `generation` built by a worker, with the suggestions rebuilt for it
    /// (when the learned names had changed). Anything older than the newest asked for is
    /// dropped; returns whether it was taken.
    pub fn take_panel(
        &mut self,
        generation: u64,
        suggestions: Option<std::sync::Arc<crate::session::Suggestions>>,
        items: Vec<PanelItem>,
    ) -> bool {
        if self.panel_pending != Some(generation) {
            return false;
        }
        if let Some(suggestions) = suggestions {
            self.session.install_suggestions(suggestions);
        }
        self.panel_pending = None;
        self.set_panel(items);
        true
    }

    /// Shows `items`, keeping the selection on a selectable row.
    fn set_panel(&mut self, items: Vec<PanelItem>) {
        self.panel_items = items;
        self.panel_selected = self
            .panel_selected
            .min(self.panel_items.len().saturating_sub(1));
        if !self
            .panel_items
            .get(self.panel_selected)
            .is_some_and(PanelItem::selectable)
        {
            self.panel_selected = self
                .panel_items
                .iter()
                .position(PanelItem::selectable)
                .unwrap_or(0);
        }
    }

    /// Height of the article text area.
    pub fn article_height(&self) -> usize {
        usize::from(self.geometry.article.height)
    }

    /// Byte offset where row position `pos` starts.
    pub fn row_start(&mut self, pos: RowPos) -> usize {
        let width = self.geometry.text_width().max(1);
        let doc = &self.session.doc;
        let rows = self.wrap.rows(doc, pos.para, width);
        rows.get(pos.row)
            .map_or(doc.paragraphs[pos.para].range.end, |r| r.range.start)
    }

    /// Places the cursor at byte `at` and scrolls to it.
    pub fn jump_to(&mut self, at: usize) {
        self.cursor = at.min(self.session.doc.text.len());
        self.selection = None;
        self.follow_cursor = true;
    }

    /// What the status bar's message rows show, when a message is shown: the search being
    /// typed, else the message.
    pub fn status_message(&self) -> Option<String> {
        let message = self.message.as_ref()?;
        Some(match &self.mode {
            Mode::SearchInput(input) => format!("/{input}▏"),
            _ => format!(" {message}"),
        })
    }

    /// Rows the status bar needs at `width` columns: the bar itself, then its message wrapped
    /// (a long message is never cut at the screen's edge), at most
    /// [`MAX_MESSAGE_ROWS`](super::layout::MAX_MESSAGE_ROWS); one row of key hints when
    /// there is no message.
    pub fn status_rows(&self, width: u16) -> u16 {
        let Some(message) = self.status_message() else {
            return STATUS_HEIGHT;
        };
        let message = crate::text::clean::clean_owned(message);
        let lines = super::layout::message_lines(&message, usize::from(width)).len() as u16;
        1 + lines.clamp(1, super::layout::MAX_MESSAGE_ROWS)
    }

    /// Works out the screen layout for `area`: pane rectangles, the scroll position (keeping
    /// the cursor visible when it moved) and the article rows on screen.
    pub fn prepare(&mut self, area: Rect) {
        if area != self.geometry.area {
            // After a resize the cursor's sentence may have moved off screen.
            self.follow_cursor = true;
        }
        let mut g = Geometry {
            area,
            ..Geometry::default()
        };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            g.too_small = true;
            self.geometry = g;
            return;
        }
        // A long message takes more rows, leaving at least a little of the article.
        let status_height = self
            .status_rows(area.width)
            .min(area.height.saturating_sub(MIN_BODY_ROWS))
            .max(STATUS_HEIGHT);
        let body_height = area.height - status_height;
        g.status = Rect::new(area.x, area.y + body_height, area.width, status_height);
        let body = Rect::new(area.x, area.y, area.width, body_height);
        if area.width >= SIDE_BY_SIDE_WIDTH {
            let panel_width = self
                .config
                .reader
                .panel_width
                .clamp(20, area.width * 45 / 100);
            let article_width = area.width - panel_width - 1;
            g.article = Rect::new(body.x, body.y, article_width, body.height);
            g.panel = Rect::new(body.x + article_width + 1, body.y, panel_width, body.height);
        } else if self.focus == Focus::Panel {
            g.panel = body;
        } else {
            g.article = body;
        }
        self.geometry = g;
        self.place_article_rows();
        self.place_panel_rows();
    }

    fn place_article_rows(&mut self) {
        let height = self.article_height();
        let width = self.geometry.text_width().max(1);
        if height == 0 || self.session.doc.paragraphs.is_empty() {
            self.geometry.rows.clear();
            return;
        }
        let doc = &self.session.doc;
        if self.follow_cursor {
            let at = self.wrap.locate(doc, width, self.cursor);
            let sentence = &doc.sentences[doc.sentence_at(self.cursor)];
            let sentence_end = self.wrap.locate(
                doc,
                width,
                sentence.end.saturating_sub(1).max(sentence.start),
            );
            let context = (height / 4).min(2);
            let cursor_top = self.wrap.backward(doc, width, at, context);
            if cursor_top < self.top {
                self.top = cursor_top;
            } else {
                // Show the whole sentence (with context) where it fits, the cursor always.
                let wanted_bottom = self.wrap.forward(doc, width, sentence_end.max(at), context);
                let bottom = self.wrap.forward(doc, width, self.top, height - 1);
                if wanted_bottom > bottom {
                    let new_top = self.wrap.backward(doc, width, wanted_bottom, height - 1);
                    self.top = new_top.min(cursor_top);
                }
            }
            self.follow_cursor = false;
        }
        // Never leave empty screen below the end of the article when it could be filled.
        let end = self.wrap.end(doc, width);
        let last_top = self.wrap.backward(doc, width, end, height - 1);
        if self.top > last_top {
            self.top = last_top;
        }
        let mut rows = Vec::with_capacity(height);
        let mut pos = self.top;
        while rows.len() < height && pos.para < doc.paragraphs.len() {
            let para_rows = self.wrap.rows(doc, pos.para, width);
            let range = para_rows.get(pos.row).map(|r| r.range.clone());
            rows.push((pos, range));
            let next = self.wrap.forward(doc, width, pos, 1);
            if next == pos {
                break;
            }
            pos = next;
        }
        self.geometry.rows = rows;
    }

    fn place_panel_rows(&mut self) {
        let height = usize::from(self.geometry.panel.height);
        if height == 0 {
            return;
        }
        if self.panel_selected < self.panel_offset {
            self.panel_offset = self.panel_selected;
            // Show the section header above the first item.
            if self.panel_offset > 0 && !self.panel_items[self.panel_offset - 1].selectable() {
                self.panel_offset -= 1;
            }
        } else if self.panel_selected >= self.panel_offset + height {
            self.panel_offset = self.panel_selected + 1 - height;
        }
        let max_offset = self.panel_items.len().saturating_sub(height);
        self.panel_offset = self.panel_offset.min(max_offset);
    }
}
