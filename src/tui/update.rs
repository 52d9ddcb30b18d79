//! `update`: how each action and key changes the reader's state. It never draws and never
//! touches the terminal or the disk; it returns the [`Request`]s the shell carries out.

use std::ops::Range;

use crossterm::event::KeyEvent;

use super::app::{App, Focus, LabelTarget, Mode, PickerClaim};
use super::cursor;
use super::input::to_combo;
use super::modes;
use super::motion::{scroll, search_step};
use super::outcome::after;
use super::panel::PanelItem;
use super::request::Request;
use super::speakers::{finish_claim, open_speaker_picker};
use super::target;
use crate::annotation::Kind;
use crate::keymap::Action;
use crate::session::SaveState;

/// Handles a key press in whatever mode is open.
pub fn handle_key(app: &mut App, key: KeyEvent) -> Vec<Request> {
    app.message = None;
    match &mut app.mode {
        Mode::Normal => match to_combo(key).and_then(|c| app.keymap.lookup(app.layer(), c)) {
            Some(action) => update(app, action),
            None => Vec::new(),
        },
        Mode::Help(scroll) => {
            if !super::help::help_key(scroll, key, &app.keymap) {
                app.mode = Mode::Normal;
            }
            Vec::new()
        }
        Mode::LabelPicker(_) => modes::label_picker_key(app, key),
        Mode::SpeakerPicker(_) => modes::speaker_picker_key(app, key),
        Mode::Note { .. } => modes::note_key(app, key),
        Mode::SearchInput(_) => modes::search_input_key(app, key),
        Mode::ExportPicker(_) => modes::export_picker_key(app, key),
        Mode::RenameActor { .. } => modes::rename_input_key(app, key),
    }
}

/// Carries out an action in the normal mode.
pub fn update(app: &mut App, action: Action) -> Vec<Request> {
    if !matches!(action, Action::Quit | Action::QuitAll) {
        app.quit_armed = false;
    }
    if app.focus == Focus::Panel && panel_action(app, action) {
        return Vec::new();
    }
    let doc_len = app.session.doc.sentences.len();
    let sentence = app.sentence();
    match action {
        Action::NextSentence => move_to_sentence(app, (sentence + 1).min(doc_len - 1)),
        Action::PrevSentence => move_to_sentence(app, sentence.saturating_sub(1)),
        Action::NextParagraph => {
            let para = app.session.doc.paragraph_of_sentence(sentence);
            let next = (para + 1).min(app.session.doc.paragraphs.len() - 1);
            let first = app.session.doc.paragraphs[next].sentences.start;
            move_to_sentence(app, first);
        }
        Action::PrevParagraph => {
            let doc = &app.session.doc;
            let para = doc.paragraph_of_sentence(sentence);
            let target = if doc.paragraphs[para].sentences.start < sentence {
                para
            } else {
                para.saturating_sub(1)
            };
            let first = doc.paragraphs[target].sentences.start;
            move_to_sentence(app, first);
        }
        Action::Top => {
            move_to_sentence(app, 0);
            app.top = Default::default();
        }
        Action::Bottom => move_to_sentence(app, doc_len - 1),
        Action::HalfPageDown => scroll(app, (app.article_height() / 2).max(1) as isize),
        Action::HalfPageUp => scroll(app, -((app.article_height() / 2).max(1) as isize)),
        Action::PageDown => scroll(app, app.article_height().saturating_sub(2).max(1) as isize),
        Action::PageUp => scroll(
            app,
            -(app.article_height().saturating_sub(2).max(1) as isize),
        ),
        Action::CharLeft => move_cursor(app, cursor::prev_grapheme),
        Action::CharRight => move_cursor(app, cursor::next_grapheme),
        Action::WordNext => move_cursor(app, cursor::next_word),
        Action::WordPrev => move_cursor(app, cursor::prev_word),
        Action::WordEnd => move_cursor(app, cursor::word_end),
        Action::Select => {
            app.selection = match app.selection {
                Some(_) => None,
                None => Some(app.cursor),
            };
        }
        Action::Cancel => {
            if app.selection.is_some() {
                app.selection = None;
            } else if app.search.is_some() {
                app.search = None;
            } else if app.focus == Focus::Panel {
                app.focus = Focus::Article;
            } else if app.from_list {
                // Nothing left to close: Esc goes back to the list, as q does.
                return update(app, Action::Quit);
            }
        }
        Action::Search => app.mode = Mode::SearchInput(String::new()),
        Action::SearchNext => search_step(app, true),
        Action::SearchPrev => search_step(app, false),
        Action::ToggleFocus => {
            app.focus = match app.focus {
                Focus::Article => Focus::Panel,
                Focus::Panel => Focus::Article,
            };
            app.follow_cursor = true;
        }
        Action::Open => {}
        Action::TagClaim => return tag_claim(app),
        Action::TagActor => {
            // Without a selection: the entity under the cursor (to change its label), else the
            // suggested name under it (whole, with its actor), else the word under it.
            let at = app.cursor;
            let session = &app.session;
            let target = match app.selection_range() {
                Some(range) => Some((range, None)),
                None => session
                    .annotations
                    .overlapping(at..at + 1)
                    .filter(|a| a.kind == Kind::Entity && a.contains(at))
                    .min_by_key(|a| a.range.len())
                    .map(|a| (a.range.clone(), a.actor.clone()))
                    .or_else(|| {
                        session
                            .suggestions
                            .entities_in(at..at + 1)
                            .find(|&i| session.entity_suggestion_open(i))
                            .map(|i| {
                                let s = &session.suggestions.entities[i];
                                (s.range.clone(), Some(s.actor.clone()))
                            })
                    })
                    .or_else(|| {
                        cursor::word_at(&session.doc.text, app.sentence_range(), at)
                            .map(|r| (r, None))
                    }),
            };
            match target {
                Some((range, actor)) => {
                    app.mode = Mode::LabelPicker(LabelTarget::Actor(range, actor));
                }
                None => app.message = Some("put the cursor on a word (w, b) or select (v)".into()),
            }
        }
        Action::TagAll => {
            let Some(id) = app.last_tagged.clone() else {
                app.message = Some("tag a name first (a), then this tags it everywhere".into());
                return Vec::new();
            };
            let outcome = app.session.tag_all_like(&id);
            return after(app, outcome);
        }
        Action::Accept => return accept(app),
        Action::Reject => {
            let Some((kind, indices)) = target::suggestion(app) else {
                app.message = Some("no suggestion under the cursor".into());
                return Vec::new();
            };
            let outcome = app.session.reject(kind, &indices);
            return after(app, outcome);
        }
        Action::NextArticle => return vec![Request::Neighbour(1)],
        Action::PrevArticle => return vec![Request::Neighbour(-1)],
        Action::ToggleDone => {
            let outcome = app.session.toggle_done();
            return after(app, outcome);
        }
        Action::AcceptSentence => {
            let range = app.sentence_range();
            let outcome = app.session.accept_all_in(range);
            return after(app, outcome);
        }
        Action::Remove => {
            if app.focus == Focus::Panel
                && let Some(PanelItem::Unplaced { id, .. }) =
                    app.panel_items.get(app.panel_selected)
            {
                let id = id.clone();
                let outcome = app.session.drop_unplaced(&id);
                return after(app, outcome);
            }
            let Some(ids) = target::confirmed(app) else {
                app.message = Some("no annotation under the cursor".into());
                return Vec::new();
            };
            let outcome = app.session.remove(&ids);
            return after(app, outcome);
        }
        Action::Note => modes::open_note(app),
        Action::Speaker => match target::confirmed_claim(app) {
            Some(id) => open_speaker_picker(app, PickerClaim::Tagged(id)),
            // A suggested claim is tagged with the speaker picked (its suggested one first).
            None => match target::suggestion(app) {
                Some((Kind::Claim, indices)) if !app.session.is_read_only() => {
                    let claim = &app.session.suggestions.claims[indices[0]];
                    let (range, label) = (claim.range.clone(), claim.label.clone());
                    open_speaker_picker(app, PickerClaim::New { range, label });
                }
                _ => app.message = Some("no claim here: tag one with c".into()),
            },
        },
        Action::Undo => {
            let outcome = app.session.undo();
            return after(app, outcome);
        }
        Action::Redo => {
            let outcome = app.session.redo();
            return after(app, outcome);
        }
        Action::Export => app.mode = Mode::ExportPicker(0),
        Action::RenameActor => match actor_here(app) {
            Some((name, label)) if !app.session.is_read_only() => {
                app.mode = Mode::RenameActor {
                    input: name.clone(),
                    name,
                    label,
                }
            }
            Some(_) => app.message = Some("read-only".into()),
            None => app.message = Some("no tagged actor here: tag or accept one first".into()),
        },
        Action::OpenLink => {
            // A web article, or an annotation file of one (its source is the address).
            let address = match &app.session.doc.source {
                crate::document::Source::Url(url) => url,
                _ => &app.session.source_label,
            };
            return vec![Request::browse(Some(address), "this article")];
        }
        Action::Help => app.mode = Mode::Help(0),
        Action::Quit | Action::QuitAll => {
            if let SaveState::Failed(reason) = &app.session.save_state
                && !app.quit_armed
            {
                app.quit_armed = true;
                app.message = Some(format!(
                    "NOT SAVED ({reason}): press q again to quit and lose the unsaved changes"
                ));
            } else {
                return vec![match action {
                    Action::QuitAll => Request::QuitAll,
                    _ => Request::Back,
                }];
            }
            return Vec::new();
        }
        // List actions have no meaning in an article.
        Action::NextItem
        | Action::PrevItem
        | Action::FirstItem
        | Action::LastItem
        | Action::OpenItem
        | Action::Filter
        | Action::SearchAnnotations
        | Action::Feeds
        | Action::Refresh
        | Action::RefreshAll
        // Keys of the pickers, prompts and the note editor, handled in their modes.
        | Action::Confirm
        | Action::DeleteChar
        | Action::ClearLine
        | Action::SaveNote
        | Action::DiscardNote
        | Action::None => {}
    }
    Vec::new()
}

/// Panel navigation; returns true when the action was a panel action.
fn panel_action(app: &mut App, action: Action) -> bool {
    let items = &app.panel_items;
    let selectable: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].selectable())
        .collect();
    if selectable.is_empty() {
        return false;
    }
    let position = selectable
        .iter()
        .position(|&i| i >= app.panel_selected)
        .unwrap_or(0);
    let page = usize::from(app.geometry.panel.height).max(2) - 1;
    let new = match action {
        Action::NextSentence => (position + 1).min(selectable.len() - 1),
        Action::PrevSentence => position.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => (position + page).min(selectable.len() - 1),
        Action::PageUp | Action::HalfPageUp => position.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => selectable.len() - 1,
        Action::NextParagraph | Action::PrevParagraph => {
            // Jump to the next or previous section.
            let headers: Vec<usize> = (0..items.len())
                .filter(|&i| !items[i].selectable())
                .collect();
            let current = app.panel_selected;
            let target = if action == Action::NextParagraph {
                headers.iter().find(|&&h| h > current).map(|h| h + 1)
            } else {
                headers
                    .iter()
                    .rev()
                    .filter(|&&h| h < current)
                    .nth(1)
                    .map(|h| h + 1)
            };
            selectable
                .iter()
                .position(|&i| Some(i) == target)
                .unwrap_or(position)
        }
        Action::Open => {
            open_panel_item(app);
            return true;
        }
        _ => return false,
    };
    app.panel_selected = selectable[new];
    true
}

/// Jumps to the selected panel item in the article: an actor's next mention after the
/// cursor (so Enter again cycles through them), or a claim.
fn open_panel_item(app: &mut App) {
    let Some(item) = app.panel_items.get(app.panel_selected) else {
        return;
    };
    let at = match item {
        PanelItem::Actor { mentions, .. } => mentions
            .iter()
            .find(|m| m.start > app.cursor)
            .or(mentions.first())
            .map(|m| m.start),
        PanelItem::Claim { range, .. } => Some(range.start),
        PanelItem::Unplaced { text, .. } => {
            app.message = Some(format!(
                "{text:?} is no longer in the article text (x drops it)"
            ));
            None
        }
        PanelItem::Header(_) => None,
    };
    if let Some(at) = at {
        app.jump_to(at);
        if app.geometry.area.width < super::app::SIDE_BY_SIDE_WIDTH {
            app.focus = Focus::Article;
        }
    }
}

fn move_to_sentence(app: &mut App, index: usize) {
    if let Some(s) = app.session.doc.sentences.get(index) {
        app.jump_to(s.start);
    }
}

fn move_cursor(app: &mut App, motion: fn(&str, Range<usize>, usize) -> usize) {
    let range = app.sentence_range();
    app.cursor = motion(&app.session.doc.text, range, app.cursor);
    app.follow_cursor = true;
}

fn accept(app: &mut App) -> Vec<Request> {
    let Some((kind, indices)) = target::suggestion(app) else {
        app.message = Some("no suggestion under the cursor".into());
        return Vec::new();
    };
    let outcome = match kind {
        Kind::Entity => app.session.accept_entities(&indices),
        Kind::Claim => app.session.accept_claim(indices[0]),
    };
    after(app, outcome)
}

fn tag_claim(app: &mut App) -> Vec<Request> {
    // In the panel, the claim row highlighted there; in the article, the selection or the
    // sentence.
    let panel_claim = match (app.focus, app.panel_items.get(app.panel_selected)) {
        (Focus::Panel, Some(PanelItem::Claim { range, .. })) => Some(range.clone()),
        _ => None,
    };
    let range = panel_claim.unwrap_or_else(|| {
        app.selection_range()
            .unwrap_or_else(|| app.sentence_range())
    });
    if app.config.claim_labels.len() > 1 {
        app.mode = Mode::LabelPicker(LabelTarget::Claim(range));
        return Vec::new();
    }
    let label = app.config.claim_labels[0].name.clone();
    finish_claim(app, range, &label)
}

/// The tagged actor to rename: the panel row's (when the panel has the keyboard), else that
/// of the tagged mention under the cursor; its name and label.
fn actor_here(app: &App) -> Option<(String, String)> {
    if app.focus == Focus::Panel {
        return match app.panel_items.get(app.panel_selected) {
            Some(PanelItem::Actor {
                name,
                label,
                confirmed,
                ..
            }) if !confirmed.is_empty() => Some((name.clone(), label.clone())),
            _ => None,
        };
    }
    let text = &app.session.doc.text;
    target::confirmed(app)?
        .iter()
        .filter_map(|id| app.session.annotations.get(id))
        .find(|a| a.kind == Kind::Entity)
        .map(|a| (a.actor_name(text).into_owned(), a.label.clone()))
}
