//! Keys while something is open over the reader: the label, speaker and export pickers,
//! the note editor and the search prompt.

use crossterm::event::{KeyCode as TermKey, KeyEvent, KeyModifiers};

use super::app::{App, LabelTarget, Mode, PickerClaim, SpeakerPicker};
use super::input::to_combo;
use super::line_input::{LineEdit, edit};
use super::motion::search_step;
use super::outcome::after;
use super::request::Request;
use super::search::Query;
use super::speakers::finish_claim;
use super::target;
use crate::annotation::Kind;
use crate::export::Format;
use crate::keymap::{Action, Keymap, Layer};
use crate::session::Outcome;
use crate::session::draft::NoteDraft;

pub(super) fn label_picker_key(app: &mut App, key: KeyEvent) -> Vec<Request> {
    let Mode::LabelPicker(target) = &app.mode else {
        return Vec::new();
    };
    let target = target.clone();
    let TermKey::Char(c) = key.code else {
        app.mode = Mode::Normal;
        return Vec::new();
    };
    let labels = match target {
        LabelTarget::Actor(..) => &app.config.entity_labels,
        LabelTarget::Claim(_) => &app.config.claim_labels,
    };
    let Some(label) = labels.iter().find(|l| l.key == c).map(|l| l.name.clone()) else {
        app.mode = Mode::Normal;
        return Vec::new();
    };
    app.mode = Mode::Normal;
    match target {
        LabelTarget::Actor(range, actor) => {
            app.selection = None;
            let (outcome, id) = app.session.tag_entity(range, &label, actor);
            let tagged = matches!(outcome, Outcome::Changed(_));
            let mut effects = after(app, outcome);
            if tagged {
                app.last_tagged = Some(id);
                if let (Some(message), Some(key)) =
                    (&mut app.message, app.keymap.key_for(Action::TagAll))
                {
                    message.push_str(&format!(" · {key}: tag it everywhere"));
                }
            }
            effects.dedup();
            effects
        }
        LabelTarget::Claim(range) => finish_claim(app, range, &label),
    }
}

/// What a key does in a picker's list.
enum ListKey {
    /// The highlight moved.
    Moved,
    /// An entry was chosen (confirmed, or its number).
    Chosen(usize),
    /// Not a list key.
    Other,
}

/// The picker layer's keys move the highlight or choose; a digit chooses the entry of that
/// number (the first entry being `first_number`).
fn list_key(
    key: KeyEvent,
    keymap: &Keymap,
    selected: &mut usize,
    len: usize,
    first_number: usize,
) -> ListKey {
    match to_combo(key).and_then(|c| keymap.lookup(Layer::Picker, c)) {
        Some(Action::NextItem) => {
            *selected = (*selected + 1).min(len.saturating_sub(1));
            return ListKey::Moved;
        }
        Some(Action::PrevItem) => {
            *selected = selected.saturating_sub(1);
            return ListKey::Moved;
        }
        Some(Action::Confirm) => return ListKey::Chosen(*selected),
        _ => {}
    }
    match key.code {
        TermKey::Char(c) if c.is_ascii_digit() => {
            // In a list numbered from 1, 0 is the tenth entry, as on the keyboard.
            let number = match c as usize - '0' as usize {
                0 if first_number == 1 => 10,
                n => n,
            };
            match number.checked_sub(first_number) {
                Some(index) if index < len => ListKey::Chosen(index),
                _ => ListKey::Moved,
            }
        }
        _ => ListKey::Other,
    }
}

pub(super) fn speaker_picker_key(app: &mut App, key: KeyEvent) -> Vec<Request> {
    let action = to_combo(key).and_then(|c| app.keymap.lookup(Layer::Picker, c));
    let Mode::SpeakerPicker(picker) = &mut app.mode else {
        return Vec::new();
    };
    let visible = picker.visible();
    // Letters (without ctrl or alt) type into the filter and digits pick by number; the
    // picker layer's other keys move, choose and close.
    let typed = match key.code {
        TermKey::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    };
    let chosen = match (typed, action) {
        (Some(c), _) if c.is_ascii_digit() => visible.get(c as usize - '0' as usize).copied(),
        (Some(c), _) => {
            picker.filter.push(c);
            picker.selected = first_match(picker);
            None
        }
        (None, Some(Action::NextItem)) => {
            picker.selected = (picker.selected + 1).min(visible.len().saturating_sub(1));
            None
        }
        (None, Some(Action::PrevItem)) => {
            picker.selected = picker.selected.saturating_sub(1);
            None
        }
        (None, Some(Action::Confirm)) => visible.get(picker.selected).copied(),
        (None, Some(Action::DeleteChar)) => {
            picker.filter.pop();
            picker.selected = first_match(picker);
            None
        }
        (None, Some(Action::Cancel)) if !picker.filter.is_empty() => {
            picker.filter.clear();
            picker.selected = picker.suggested;
            None
        }
        (None, Some(Action::Cancel)) => {
            let new = matches!(picker.claim, PickerClaim::New { .. });
            app.mode = Mode::Normal;
            app.message = Some(match new {
                true => "no claim tagged".into(),
                false => "speaker left as it was".into(),
            });
            return Vec::new();
        }
        _ => None,
    };
    let Some(index) = chosen else {
        return Vec::new();
    };
    let choice = picker.options[index].choice.clone();
    let claim = picker.claim.clone();
    app.mode = Mode::Normal;
    let outcome = match claim {
        PickerClaim::Tagged(id) => app.session.set_speaker(&id, choice),
        PickerClaim::New { range, label } => app.session.tag_claim_spoken_by(range, &label, choice),
    };
    after(app, outcome)
}

/// The row to highlight after the filter changed: the first actor it lets through, else
/// nobody; with no filter, the speaker highlighted when the picker opened.
fn first_match(picker: &SpeakerPicker) -> usize {
    match (picker.filter.is_empty(), picker.visible().len()) {
        (true, _) => picker.suggested,
        (false, n) if n > 1 => 1,
        _ => 0,
    }
}

pub(super) fn open_note(app: &mut App) {
    let Some(ids) = target::confirmed(app) else {
        app.message = Some(match target::suggestion(app) {
            Some(_) => "accept the suggestion first (y), then add a note".into(),
            None => "no annotation under the cursor".into(),
        });
        return;
    };
    if app.session.is_read_only() {
        app.message = Some("read-only: notes cannot be saved".into());
        return;
    }
    let id = ids[0].clone();
    let Some(annotation) = app.session.annotations.get(&id) else {
        return;
    };
    let note = annotation.note.clone().unwrap_or_default();
    let text = &app.session.doc.text;
    let target = match annotation.kind {
        Kind::Entity => format!(
            "{} ({})",
            text[annotation.range.clone()].trim(),
            annotation.label
        ),
        Kind::Claim => format!(
            "the claim “{}”",
            text[annotation.range.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        ),
    };
    let editor = super::view::overlay::note_editor(&note, &target, &app.keymap);
    app.mode = Mode::Note {
        id,
        editor: Box::new(editor),
    };
}

pub(super) fn note_key(app: &mut App, key: KeyEvent) -> Vec<Request> {
    let Mode::Note { id, editor } = &mut app.mode else {
        return Vec::new();
    };
    let action = to_combo(key).and_then(|c| app.keymap.lookup(Layer::Note, c));
    let save = action == Some(Action::SaveNote);
    if action == Some(Action::DiscardNote) {
        app.mode = Mode::Normal;
        app.message = Some("note discarded".into());
        super::pending_note::clear();
        return Vec::new();
    }
    if !save {
        editor.input(key);
        if let Some(drafts) = &app.session.storage.drafts {
            let draft = NoteDraft {
                annotation_file: app.session.storage.path.clone(),
                id: id.clone(),
                text: editor.lines().join("\n"),
            };
            super::pending_note::hold(drafts, draft);
        }
        return Vec::new();
    }
    commit_note(app)
}

/// Saves the note being typed as the annotation's note and closes the editor (Esc, or gloss
/// ending while the editor is open).
pub(super) fn commit_note(app: &mut App) -> Vec<Request> {
    let Mode::Note { id, editor } = &app.mode else {
        return Vec::new();
    };
    let id = id.clone();
    let text = editor.lines().join("\n");
    app.mode = Mode::Normal;
    let outcome = app.session.set_note(&id, &text);
    // The draft is kept for the watcher until the note is on disk (see the shell's save).
    if matches!(outcome, Outcome::Unchanged(_)) {
        super::pending_note::clear();
    }
    after(app, outcome)
}

pub(super) fn export_picker_key(app: &mut App, key: KeyEvent) -> Vec<Request> {
    let Mode::ExportPicker(selected) = &mut app.mode else {
        return Vec::new();
    };
    let chosen = match list_key(key, &app.keymap, selected, Format::ALL.len(), 1) {
        ListKey::Moved => None,
        ListKey::Chosen(index) => Some(index),
        ListKey::Other => {
            app.mode = Mode::Normal;
            return Vec::new();
        }
    };
    match chosen.and_then(|i| Format::ALL.get(i)) {
        Some(format) => {
            app.mode = Mode::Normal;
            vec![Request::Export(*format)]
        }
        None => Vec::new(),
    }
}

pub(super) fn rename_input_key(app: &mut App, key: KeyEvent) -> Vec<Request> {
    let Mode::RenameActor { input, .. } = &mut app.mode else {
        return Vec::new();
    };
    match edit(input, key, &app.keymap) {
        LineEdit::Cancelled => app.mode = Mode::Normal,
        LineEdit::Done => {
            let Mode::RenameActor { name, label, input } =
                std::mem::replace(&mut app.mode, Mode::Normal)
            else {
                return Vec::new();
            };
            let outcome = app.session.rename_actor(&name, &label, input.trim());
            return after(app, outcome);
        }
        LineEdit::Changed | LineEdit::Ignored => {}
    }
    Vec::new()
}

pub(super) fn search_input_key(app: &mut App, key: KeyEvent) -> Vec<Request> {
    let Mode::SearchInput(input) = &mut app.mode else {
        return Vec::new();
    };
    match edit(input, key, &app.keymap) {
        LineEdit::Cancelled => app.mode = Mode::Normal,
        LineEdit::Done => {
            let query = std::mem::take(input);
            app.mode = Mode::Normal;
            if !query.is_empty() {
                app.search = Some(Query::new(&query));
                search_step(app, true);
            }
        }
        LineEdit::Changed | LineEdit::Ignored => {}
    }
    Vec::new()
}
