//! The reader driven by keys, as a user would, without a terminal: state, saved file and
//! screen after each step.

use crate::common;

use common::*;
use gloss::config::Config;
use gloss::document::{Document, Source};
use gloss::tui::screen::render_text;

const TEXT: &str = "Putin meets Xi\n\nPutin said the treaty was fruitful. Xi agreed with Putin.\n\nThe Kremlin announced a deal.";

#[test]
fn tagging_an_actor_saves_it_at_once_and_undo_redo_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "j a p");
    let json = saved_json(&app);
    let annotations = json["annotations"].as_array().unwrap();
    assert_eq!(annotations.len(), 1);
    let a = &annotations[0];
    assert_eq!(a["kind"], "entity");
    assert_eq!(a["label"], "Person");
    assert_eq!(a["text"], "Putin");
    assert_eq!(a["start"], 16);
    assert_eq!(a["end"], 21);
    assert_eq!(a["prefix"], "Putin meets Xi\n\n");
    assert_eq!(json["format"], "gloss/1");
    assert_eq!(json["text"], TEXT);

    // Tag every other Putin with one key.
    press(&mut app, "A");
    assert_eq!(saved_json(&app)["annotations"].as_array().unwrap().len(), 3);
    press(&mut app, "u");
    assert_eq!(saved_json(&app)["annotations"].as_array().unwrap().len(), 1);
    press(&mut app, "u");
    assert_eq!(saved_json(&app)["annotations"].as_array().unwrap().len(), 0);
    press(&mut app, "ctrl-r ctrl-r");
    assert_eq!(saved_json(&app)["annotations"].as_array().unwrap().len(), 3);
}

#[test]
fn a_claim_gets_its_speaker_from_the_picker() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "j a p");
    press(&mut app, "c");
    let screen = render_text(&mut app, 120, 40);
    assert!(screen.contains("Who says it?"), "{screen}");
    assert!(screen.contains("(nobody)"));
    // The actor named in the sentence is offered first after "nobody".
    press(&mut app, "1");
    let json = saved_json(&app);
    let annotations = json["annotations"].as_array().unwrap();
    let entity = annotations.iter().find(|a| a["kind"] == "entity").unwrap();
    let claim = annotations.iter().find(|a| a["kind"] == "claim").unwrap();
    assert_eq!(claim["text"], "Putin said the treaty was fruitful.");
    assert_eq!(claim["speaker"], entity["id"]);
    let screen = render_text(&mut app, 120, 40);
    assert!(
        screen.contains("» Putin: Putin said the treaty"),
        "{screen}"
    );
}

#[test]
fn a_selection_becomes_a_span_claim_and_notes_are_multi_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    cursor_to(&mut app, "the treaty");
    // 0 picks nobody as the speaker.
    press(&mut app, "v w w w c 0");
    let json = saved_json(&app);
    let claim = &json["annotations"][0];
    assert_eq!(claim["text"], "the treaty was fruitful");
    assert_eq!(claim["speaker"], serde_json::Value::Null);
    press(&mut app, "m");
    type_text(&mut app, "first line");
    press(&mut app, "enter");
    type_text(&mut app, "second line");
    press(&mut app, "esc");
    assert_eq!(
        saved_json(&app)["annotations"][0]["note"],
        "first line\nsecond line"
    );
    press(&mut app, "x");
    assert_eq!(saved_json(&app)["annotations"].as_array().unwrap().len(), 0);
    press(&mut app, "u");
    assert_eq!(
        saved_json(&app)["annotations"][0]["note"],
        "first line\nsecond line"
    );
}

#[test]
fn removing_a_speaker_unlinks_its_claims() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "j a p c 1");
    press(&mut app, "x");
    let json = saved_json(&app);
    let annotations = json["annotations"].as_array().unwrap();
    assert_eq!(annotations.len(), 1);
    assert_eq!(annotations[0]["kind"], "claim");
    assert_eq!(annotations[0]["speaker"], serde_json::Value::Null);
}

#[test]
fn reopening_restores_every_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "j a p c 1 m");
    type_text(&mut app, "checked");
    press(&mut app, "esc");
    let before = saved_json(&app);
    drop(app);
    let mut app = open_text(dir.path(), TEXT);
    assert_eq!(app.session.annotations.len(), 2);
    let screen = render_text(&mut app, 120, 40);
    assert!(screen.contains("● Putin · Person ×1"), "{screen}");
    app.session.save().unwrap();
    assert_eq!(saved_json(&app)["annotations"], before["annotations"]);
}

#[test]
fn navigation_moves_by_sentence_and_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    assert_eq!(app.sentence(), 0);
    press(&mut app, "j j");
    assert_eq!(app.sentence(), 2);
    press(&mut app, "k");
    assert_eq!(app.sentence(), 1);
    press(&mut app, "J");
    assert_eq!(app.sentence(), 3);
    press(&mut app, "K");
    assert_eq!(app.sentence(), 1);
    press(&mut app, "G");
    assert_eq!(app.sentence(), 3);
    press(&mut app, "g");
    assert_eq!(app.sentence(), 0);
    press(&mut app, "/");
    type_text(&mut app, "kremlin");
    press(&mut app, "enter");
    assert_eq!(&app.session.doc.text[app.cursor..app.cursor + 7], "Kremlin");
    press(&mut app, "/");
    type_text(&mut app, "xi");
    press(&mut app, "enter");
    let first = app.cursor;
    press(&mut app, "n");
    assert_ne!(app.cursor, first);
    press(&mut app, "N");
    assert_eq!(app.cursor, first);
}

#[test]
fn a_second_reader_of_the_same_file_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let first = open_text(dir.path(), TEXT);
    let mut second = open_text(dir.path(), TEXT);
    assert!(second.session.is_read_only());
    press(&mut second, "j a p");
    assert!(second.session.annotations.is_empty());
    let screen = render_text(&mut second, 120, 40);
    assert!(screen.contains("READ-ONLY"), "{screen}");
    assert!(!first.session.is_read_only());
}

#[test]
fn every_size_down_to_one_cell_draws_without_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(
        dir.path(),
        "世界 e\u{301} 👩‍👩‍👧 Putin said.\n\nMore text here.",
    );
    for width in 1..50 {
        for height in 1..14 {
            let screen = render_text(&mut app, width, height);
            if width < 20 || height < 5 {
                assert!(screen.contains("small") || width < 9, "{screen}");
            }
        }
    }
    press(&mut app, "tab");
    for width in [1, 10, 30, 60] {
        render_text(&mut app, width, 12);
    }
}

/// The screen cell where byte offset `at` is drawn.
fn cell_of(app: &gloss::tui::App, at: usize) -> (u16, u16) {
    let g = &app.geometry;
    for (i, (_, range)) in g.rows.iter().enumerate() {
        if let Some(range) = range
            && range.start <= at
            && at < range.end
        {
            let before = &app.session.doc.text[range.start..at];
            let column = gloss::text::width::text_width(before);
            return (g.article.x + 2 + column as u16, g.article.y + i as u16);
        }
    }
    panic!("offset {at} not on screen");
}

#[test]
fn mouse_click_drag_and_wheel() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    use gloss::tui::input::handle_mouse;
    let mouse = |kind, (column, row): (u16, u16)| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    render_text(&mut app, 120, 40);
    let kremlin = app.session.doc.text.find("Kremlin").unwrap();
    let cell = cell_of(&app, kremlin + 2);
    handle_mouse(
        &mut app,
        mouse(MouseEventKind::Down(MouseButton::Left), cell),
    );
    assert_eq!(app.cursor, kremlin + 2);
    assert_eq!(app.sentence(), 3);
    let deal = app.session.doc.text.find("deal").unwrap();
    let cell = cell_of(&app, deal);
    handle_mouse(
        &mut app,
        mouse(MouseEventKind::Drag(MouseButton::Left), cell),
    );
    handle_mouse(&mut app, mouse(MouseEventKind::Up(MouseButton::Left), cell));
    assert_eq!(
        &app.session.doc.text[app.selection_range().unwrap()],
        "Kremlin announced a deal"
    );
    press(&mut app, "a o");
    assert_eq!(
        saved_json(&app)["annotations"][0]["text"],
        "Kremlin announced a deal"
    );

    // A click in the panel selects the item and gives the panel the focus.
    render_text(&mut app, 120, 40);
    let panel = app.geometry.panel;
    handle_mouse(
        &mut app,
        mouse(
            MouseEventKind::Down(MouseButton::Left),
            (panel.x + 3, panel.y + 1),
        ),
    );
    assert_eq!(app.focus, gloss::tui::app::Focus::Panel);
    assert_eq!(app.panel_selected, 1);

    // The wheel scrolls a long article and keeps the cursor on screen.
    let long = (0..200)
        .map(|i| format!("Sentence number {i} is here."))
        .collect::<Vec<_>>()
        .join("\n\n");
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), &long);
    render_text(&mut app, 120, 40);
    let article = app.geometry.article;
    for _ in 0..5 {
        handle_mouse(
            &mut app,
            mouse(MouseEventKind::ScrollDown, (article.x + 5, article.y + 5)),
        );
    }
    let screen = render_text(&mut app, 120, 40);
    assert!(!screen.contains("Sentence number 0 "), "{screen}");
    assert!(
        app.sentence() >= 7,
        "cursor followed the scroll: {}",
        app.sentence()
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any sequence of keys at any sizes: no panic, and the saved file always parses and
    /// holds what the session holds.
    #[test]
    fn any_keys_at_any_size_never_panic(
        keys in proptest::collection::vec(0usize..KEYS.len(), 1..60),
        sizes in proptest::collection::vec((1u16..130, 1u16..45), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = open_sample(dir.path());
        for (i, k) in keys.iter().enumerate() {
            let (w, h) = sizes[i % sizes.len()];
            render_text(&mut app, w, h);
            if common::leaves(&press(&mut app, KEYS[*k])) {
                break;
            }
        }
        render_text(&mut app, 120, 40);
        if app.session.storage.path.exists() {
            let json = std::fs::read_to_string(&app.session.storage.path).unwrap();
            let file = gloss::annotation::file::parse(&app.session.storage.path, &json).unwrap();
            proptest::prop_assert_eq!(file.annotations.len(), app.session.annotations.len());
        }
    }
}

const KEYS: &[&str] = &[
    "j",
    "k",
    "J",
    "K",
    "g",
    "G",
    "ctrl-d",
    "ctrl-u",
    "h",
    "l",
    "w",
    "b",
    "e",
    "v",
    "esc",
    "tab",
    "enter",
    "c",
    "a",
    "A",
    "y",
    "n",
    "Y",
    "x",
    "m",
    "s",
    "u",
    "ctrl-r",
    "?",
    "p",
    "o",
    "0",
    "1",
    "2",
    "/",
    "P",
    "backspace",
    "down",
    "up",
];

#[test]
fn the_export_picker_writes_beside_the_annotation_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "j a p c 1");
    press(&mut app, "E");
    let screen = render_text(&mut app, 120, 40);
    assert!(screen.contains("Export beside the article"), "{screen}");
    assert!(screen.contains("conll"), "{screen}");
    // CoNLL is third; it cannot hold the claim and says so.
    press(&mut app, "3");
    let message = app.message.clone().unwrap();
    assert!(message.starts_with("exported conll to "), "{message}");
    assert!(message.contains("dropped 1"), "{message}");
    let written = std::fs::read_to_string(dir.path().join("article.txt.gloss.conll"))
        .or_else(|_| {
            let name = std::fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .find(|e| e.file_name().to_string_lossy().contains("conll"))
                .unwrap()
                .path();
            std::fs::read_to_string(name)
        })
        .unwrap();
    assert!(written.contains("Putin"), "{written}");
    assert!(written.contains("B-Person"), "{written}");
}

#[test]
fn a_rejected_name_is_not_offered_again_in_that_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_sample(dir.path());
    let offered = |app: &gloss::tui::App, actor: &str| {
        (0..app.session.suggestions.entities.len()).any(|i| {
            app.session.suggestions.entities[i].actor == actor
                && app.session.entity_suggestion_open(i)
        })
    };
    assert!(offered(&app, "Vladimir Putin"));
    cursor_to(&mut app, "Putin meet");
    press(&mut app, "n");
    assert!(
        !offered(&app, "Vladimir Putin"),
        "every mention of the name goes"
    );
    assert!(offered(&app, "Xi Jinping"));
    let json = saved_json(&app);
    assert_eq!(json["rejected"][0]["name"], "Vladimir Putin");
    assert_eq!(json["rejected"][0]["kind"], "entity");
    press(&mut app, "u");
    assert!(offered(&app, "Vladimir Putin"), "undo brings it back");
    assert!(saved_json(&app).get("rejected").is_none());
    press(&mut app, "ctrl-r");
    drop(app);
    let app = open_sample(dir.path());
    assert!(
        !offered(&app, "Vladimir Putin"),
        "still rejected after reopening"
    );
}

#[test]
fn a_tagged_name_is_suggested_at_once_and_in_later_articles() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Title\n\nThe site zorblatnet said so. Later zorblatnet denied it.";
    let path = dir.path().join("one.txt");
    std::fs::write(&path, text).unwrap();
    let doc = gloss::document::load::read_file(&path).unwrap();
    let mut app = open_with(dir.path(), doc, gloss::config::Config::default(), None);
    let suggested = |app: &gloss::tui::App, name: &str| {
        (0..app.session.suggestions.entities.len())
            .filter(|&i| {
                app.session.suggestions.entities[i].actor == name
                    && app.session.entity_suggestion_open(i)
            })
            .count()
    };
    assert_eq!(suggested(&app, "zorblatnet"), 0);
    cursor_to(&mut app, "zorblatnet");
    press(&mut app, "a o");
    assert_eq!(
        suggested(&app, "zorblatnet"),
        1,
        "the other mention is suggested at once"
    );
    press(&mut app, "u");
    assert_eq!(suggested(&app, "zorblatnet"), 0, "undo forgets it");
    press(&mut app, "ctrl-r");
    assert_eq!(suggested(&app, "zorblatnet"), 1);
    drop(app);
    let learned = std::fs::read_to_string(dir.path().join("data/learned.toml")).unwrap();
    assert!(learned.contains("name = \"zorblatnet\""), "{learned}");
    assert!(learned.contains("label = \"Organisation\""), "{learned}");

    let other = dir.path().join("two.txt");
    std::fs::write(&other, "News\n\nA report by zorblatnet was published.").unwrap();
    let doc = gloss::document::load::read_file(&other).unwrap();
    let app = open_with(dir.path(), doc, gloss::config::Config::default(), None);
    assert_eq!(suggested(&app, "zorblatnet"), 1, "a later article");
}

#[test]
fn quitting_after_a_failed_save_asks_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    // The annotation file's folder is replaced by a plain file: saves fail.
    let blocked = dir.path().join("gone");
    std::fs::write(&blocked, "").unwrap();
    app.session.storage.path = blocked.join("x.gloss.json");
    let requests = gloss::tui::update::handle_key(&mut app, key("j"));
    assert!(requests.is_empty());
    for k in ["a", "p"] {
        let requests = gloss::tui::update::handle_key(&mut app, key(k));
        gloss::tui::shell::carry_out_in_reader(&mut app, requests);
    }
    assert!(matches!(
        app.session.save_state,
        gloss::session::SaveState::Failed(_)
    ));
    let screen = render_text(&mut app, 120, 40);
    assert!(screen.contains("NOT SAVED"), "{screen}");
    let requests = gloss::tui::update::handle_key(&mut app, key("q"));
    assert!(!common::leaves(&requests));
    assert!(app.message.as_deref().unwrap().contains("press q again"));
    let requests = gloss::tui::update::handle_key(&mut app, key("q"));
    assert!(common::leaves(&requests));
}

#[test]
fn suggestions_never_cut_a_grapheme() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Title\n\nJose\u{301} Nun\u{303}ez met Angela Merkel in Zu\u{308}rich. 👩\u{200d}👩\u{200d}👧 Jose\u{301} said so.";
    let path = dir.path().join("a.txt");
    std::fs::write(&path, text).unwrap();
    let doc = gloss::document::load::read_file(&path).unwrap();
    let app = open_with(dir.path(), doc, gloss::config::Config::default(), None);
    let text = &app.session.doc.text;
    let ranges = app
        .session
        .suggestions
        .entities
        .iter()
        .map(|e| e.range.clone())
        .chain(
            app.session
                .suggestions
                .claims
                .iter()
                .map(|c| c.range.clone()),
        );
    for r in ranges {
        assert!(gloss::text::graphemes::is_boundary(text, r.start), "{r:?}");
        assert!(
            gloss::text::graphemes::is_boundary(text, r.end),
            "{r:?} {:?}",
            &text[r.clone()]
        );
    }
}

#[test]
fn tagging_over_an_entity_relabels_it_and_hides_overlapping_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_sample(dir.path());
    // Tag "Le Figaro newspaper" by hand: the "Le Figaro" suggestion inside it is closed, and
    // accepting the sentence's claim makes the user's entity its speaker.
    cursor_to(&mut app, "Le Figaro newspaper");
    press(&mut app, "v w w a o");
    let json = saved_json(&app);
    assert_eq!(json["annotations"][0]["text"], "Le Figaro newspaper");
    press(&mut app, "Y");
    let json = saved_json(&app);
    let annotations = json["annotations"].as_array().unwrap();
    let figaro: Vec<_> = annotations
        .iter()
        .filter(|a| a["kind"] == "entity" && a["text"].as_str().unwrap().contains("Figaro"))
        .collect();
    assert_eq!(figaro.len(), 1, "{json:#}");
    let claim = annotations.iter().find(|a| a["kind"] == "claim").unwrap();
    assert_eq!(claim["speaker"], figaro[0]["id"]);
    // `a` on the tagged entity changes its label instead of nesting a new one.
    cursor_to(&mut app, "Figaro newspaper");
    press(&mut app, "a p");
    let json = saved_json(&app);
    let figaro: Vec<_> = json["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "entity" && a["text"].as_str().unwrap().contains("Figaro"))
        .cloned()
        .collect();
    assert_eq!(figaro.len(), 1);
    assert_eq!(figaro[0]["label"], "Person");
}

#[test]
fn a_claim_does_not_bring_back_a_rejected_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_sample(dir.path());
    cursor_to(&mut app, "Moscow announces");
    press(&mut app, "n");
    assert!(app.message.as_deref().unwrap().contains("Russia"));
    press(&mut app, "y");
    let json = saved_json(&app);
    let annotations = json["annotations"].as_array().unwrap();
    assert_eq!(annotations.len(), 1, "{json:#}");
    assert_eq!(annotations[0]["kind"], "claim");
    assert_eq!(annotations[0]["speaker"], serde_json::Value::Null);
}

#[test]
fn user_gazetteers_and_reporting_verbs_come_from_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.toml"),
        "[[actor]]\nname = \"Zorblat Fund\"\nlabel = \"Organisation\"\naliases = [\"the Fund\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken.toml"),
        "[[actor]]\nname = \"X\"\nlabl = \"Person\"\n",
    )
    .unwrap();
    let config_path = dir.path().join("config.toml");
    std::fs::write(
        &config_path,
        "[detect]\ngazetteers = [\"mine.toml\", \"broken.toml\"]\nreporting-verbs = [\"quip\"]\n",
    )
    .unwrap();
    let config = gloss::config::Config::load(&config_path, true).unwrap();
    let text = "Title\n\nthe Fund quipped that rates would fall.";
    let path = dir.path().join("a.txt");
    std::fs::write(&path, text).unwrap();
    let doc = gloss::document::load::read_file(&path).unwrap();
    let app = open_with(dir.path(), doc, config, None);
    let session = &app.session;
    let fund = session
        .suggestions
        .entities
        .iter()
        .position(|e| e.actor == "Zorblat Fund")
        .expect("the user's gazetteer is used");
    let claim = session
        .suggestions
        .claims
        .first()
        .expect("quipped marks a claim");
    assert_eq!(claim.speaker, Some(fund));
    let notice = session.notice.clone().unwrap();
    assert!(
        notice.contains("broken.toml") && notice.contains("line 3"),
        "{notice}"
    );
}

#[test]
fn exports_never_replace_the_users_files_or_each_other() {
    let dir = tempfile::tempdir().unwrap();
    // An article without extension beside another article `art.md`.
    std::fs::write(dir.path().join("art.md"), "# Mine\n\nDo not touch.").unwrap();
    let path = dir.path().join("art");
    std::fs::write(&path, TEXT).unwrap();
    let mut config = gloss::config::Config::default();
    config.reader.suggestions = false;
    let doc = gloss::document::load::read_file(&path).unwrap();
    let mut app = open_with(dir.path(), doc, config, None);
    press(&mut app, "j a p");
    for n in 1..=9 {
        press(&mut app, &format!("E {n}"));
        let message = app.message.clone().unwrap();
        assert!(message.starts_with("exported"), "{message}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("art.md")).unwrap(),
        "# Mine\n\nDo not touch."
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("art.gloss."))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "art.gloss.brat",
            "art.gloss.conll",
            "art.gloss.csv",
            "art.gloss.html",
            "art.gloss.json",
            "art.gloss.jsonl",
            "art.gloss.label-studio.json",
            "art.gloss.label-studio.xml",
            "art.gloss.markdown.md",
            "art.gloss.prodigy.jsonl",
            "art.gloss.w3c.jsonld",
        ]
    );
}

#[test]
fn accepting_all_learns_removing_forgets_and_a_longer_learned_name_wins() {
    let dir = tempfile::tempdir().unwrap();
    let learned_file = dir.path().join("data/learned.toml");
    let mut app = open_text(dir.path(), TEXT);
    app.session.learned = gloss::session::Learned::load(learned_file.clone()).0;
    // Y learns like y.
    app.session.suggestions = gloss::session::Suggestions::new(
        vec![gloss::session::SuggestedEntity {
            range: 16..21,
            label: "Person".into(),
            actor: "Vladimir Putin".into(),
            learned: false,
        }],
        Vec::new(),
    )
    .into();
    press(&mut app, "j Y");
    assert!(
        app.session
            .learned
            .actors()
            .any(|a| a.name == "Vladimir Putin" && a.aliases == ["Putin"])
    );
    // x on the last mention forgets it; undo brings it back.
    press(&mut app, "x");
    assert_eq!(app.session.learned.actors().count(), 0);
    press(&mut app, "u");
    assert_eq!(app.session.learned.actors().count(), 1);
    press(&mut app, "ctrl-r");
    assert_eq!(app.session.learned.actors().count(), 0);
    assert!(
        !std::fs::read_to_string(&learned_file)
            .unwrap()
            .contains("Putin")
    );

    // A hand-tagged longer name is suggested over the shorter detected one.
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_sample(dir.path());
    cursor_to(&mut app, "Le Figaro newspaper");
    press(&mut app, "v w w a o");
    let other = dir.path().join("other.txt");
    std::fs::write(
        &other,
        "News\n\nLe Figaro newspaper said the talks were over.",
    )
    .unwrap();
    let doc = gloss::document::load::read_file(&other).unwrap();
    let app = open_with(dir.path(), doc, gloss::config::Config::default(), None);
    let actors: Vec<&str> = app
        .session
        .suggestions
        .entities
        .iter()
        .map(|e| e.actor.as_str())
        .collect();
    assert!(actors.contains(&"Le Figaro newspaper"), "{actors:?}");
    assert!(!actors.contains(&"Le Figaro"), "{actors:?}");
    let claim = &app.session.suggestions.claims[0];
    let speaker = claim
        .speaker
        .map(|s| app.session.suggestions.entities[s].actor.as_str());
    assert_eq!(speaker, Some("Le Figaro newspaper"));
}

#[test]
fn an_unplaced_annotation_can_be_dropped_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), "Title\n\nPutin met Xi.");
    press(&mut app, "j a p w w a p");
    assert_eq!(saved_json(&app)["annotations"].as_array().unwrap().len(), 2);
    drop(app);
    // Xi is gone from the new text.
    let mut app = open_text(dir.path(), "Title\n\nPutin met Jinping.");
    assert_eq!(app.session.unplaced.len(), 1);
    render_text(&mut app, 120, 40);
    press(&mut app, "tab G x");
    assert!(app.session.unplaced.is_empty());
    assert!(saved_json(&app).get("unplaced").is_none());
    press(&mut app, "u");
    assert_eq!(saved_json(&app)["unplaced"][0]["text"], "Xi");
}

#[test]
fn a_on_part_of_a_suggested_name_tags_the_name_and_tag_all_skips_longer_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_sample(dir.path());
    // The cursor on "Xi" of "Xi and Putin": the suggested mention is "Xi", actor Xi Jinping.
    cursor_to(&mut app, "Xi, the Kremlin");
    press(&mut app, "a p");
    let json = saved_json(&app);
    let first = &json["annotations"][0];
    assert_eq!(first["text"], "Xi");
    assert_eq!(
        first["actor"], "Xi Jinping",
        "grouped under the suggested actor"
    );
    // A tags the other lone "Xi"s but never the "Xi" of "Xi Jinping".
    press(&mut app, "A");
    let json = saved_json(&app);
    for a in json["annotations"].as_array().unwrap() {
        let start = a["start"].as_u64().unwrap() as usize;
        let text: String = app.session.doc.text.chars().skip(start).take(10).collect();
        assert!(
            !text.starts_with("Xi Jinping"),
            "tagged inside Xi Jinping at {start}"
        );
    }
}

#[test]
fn accepting_and_removing_many_mentions_at_once_keeps_order_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "Putin meets Xi\n\n{}",
        "Putin spoke. Xi listened to Putin. ".repeat(400)
    );
    let mut app = gloss::tui::App::new(
        {
            let doc = gloss::document::Document::new(text.clone(), gloss::document::Source::Stdin);
            let config = gloss::config::Config::default();
            let dirs = common::dirs(dir.path());
            gloss::session::open(
                doc,
                &gloss::session::OpenOptions {
                    config: &config,
                    dirs: &dirs,
                    annotations: Some(dir.path().join("many.gloss.json")),
                    lock: true,
                },
            )
            .unwrap()
        },
        gloss::config::Config::default(),
        gloss::keymap::Keymap::defaults(),
    );
    let putin: Vec<usize> = app
        .session
        .suggestions
        .entities
        .iter()
        .enumerate()
        .filter(|(_, s)| s.actor == "Vladimir Putin")
        .map(|(i, _)| i)
        .collect();
    assert!(putin.len() >= 800, "{}", putin.len());
    app.session.accept_entities(&putin);
    let starts: Vec<usize> = app
        .session
        .annotations
        .iter()
        .map(|a| a.range.start)
        .collect();
    assert_eq!(starts.len(), putin.len());
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "kept in text order");
    assert!(
        app.session
            .learned
            .actors()
            .any(|a| a.name == "Vladimir Putin")
    );
    let ids: Vec<String> = app
        .session
        .annotations
        .iter()
        .map(|a| a.id.clone())
        .collect();
    app.session.remove(&ids);
    assert!(app.session.annotations.is_empty());
    app.session.undo();
    assert_eq!(app.session.annotations.len(), putin.len());
    app.session.undo();
    assert!(app.session.annotations.is_empty());
    assert!(
        !app.session
            .learned
            .actors()
            .any(|a| a.name == "Vladimir Putin")
    );
    app.session.redo();
    let again: Vec<usize> = app
        .session
        .annotations
        .iter()
        .map(|a| a.range.start)
        .collect();
    assert_eq!(again, starts);
}

#[test]
fn pickers_show_their_keys_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "j a");
    let screen = gloss::tui::screen::render_text(&mut app, 120, 30);
    assert!(
        screen.contains("p Person · o Organisation · l Place · d Date · esc cancels"),
        "{screen}"
    );
}

#[test]
fn an_annotation_file_changed_on_disk_is_not_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "j a p");
    let path = app.session.storage.path.clone();
    assert!(path.exists());
    // Someone else writes the file (or damages it) while the article is open.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, "GARBAGE").unwrap();
    let (outcome, _) = app.session.tag_entity(0..5, "Person", None);
    assert!(matches!(outcome, gloss::session::Outcome::Changed(_)));
    let error = app.session.save().unwrap_err().to_string();
    assert!(
        error.contains("changed on disk since gloss read it"),
        "{error}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "GARBAGE");
    // A file deleted meanwhile is simply written again.
    std::fs::remove_file(&path).unwrap();
    app.session.save().unwrap();
    assert!(std::fs::read_to_string(&path).unwrap().contains("gloss/1"));
}

#[test]
fn an_unplaced_annotation_comes_back_when_its_text_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    let at = TEXT.find("Kremlin").unwrap();
    app.session.tag_entity(at..at + 7, "Organisation", None);
    app.session.save().unwrap();
    drop(app);
    // The paragraph goes: the tag is unplaced; an edit saves the file with the new text.
    let shorter = TEXT.replace("\n\nThe Kremlin announced a deal.", "");
    let mut app = open_text(dir.path(), &shorter);
    assert_eq!(app.session.unplaced.len(), 1);
    app.session.tag_entity(0..5, "Person", None);
    app.session.save().unwrap();
    drop(app);
    // The paragraph is back: so is the tag.
    let app = open_text(dir.path(), TEXT);
    assert!(
        app.session.unplaced.is_empty(),
        "{:?}",
        app.session.unplaced
    );
    let kremlin = app
        .session
        .annotations
        .iter()
        .find(|a| a.label == "Organisation")
        .expect("placed again");
    assert_eq!(&TEXT[kremlin.range.clone()], "Kremlin");
}

#[test]
fn a_claim_passes_to_another_mention_of_its_speaker_when_one_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    let text = app.session.doc.text.clone();
    let second = text[1..].find("Putin").unwrap() + 1;
    let (_, first_id) = app.session.tag_entity(0..5, "Person", None);
    let (_, second_id) = app.session.tag_entity(second..second + 5, "Person", None);
    let sentence_end = second + text[second..].find('.').unwrap() + 1;
    let (_, claim) = app.session.tag_claim(second..sentence_end, "Claim");
    app.session.set_speaker(
        &claim,
        gloss::session::SpeakerChoice::Entity(second_id.clone()),
    );
    app.session.remove(std::slice::from_ref(&second_id));
    let speaker =
        |app: &gloss::tui::App| app.session.annotations.get(&claim).unwrap().speaker.clone();
    assert_eq!(
        speaker(&app),
        Some(first_id.clone()),
        "another Putin speaks it"
    );
    app.session.undo();
    assert_eq!(speaker(&app), Some(second_id));
    // With no mention of the actor left, the claim has no speaker.
    let both: Vec<String> = app
        .session
        .annotations
        .iter()
        .filter(|a| a.label == "Person")
        .map(|a| a.id.clone())
        .collect();
    app.session.remove(&both);
    assert_eq!(speaker(&app), None);
}

#[test]
fn an_edit_on_disk_that_keeps_the_size_and_the_modified_time_is_not_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "j a p");
    let path = app.session.storage.path.clone();
    let before = std::fs::metadata(&path).unwrap();
    // Someone else changes one letter and puts the old modified time back (as `touch -r`,
    // rsync or a careful script do): only the content tells.
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("Person", "Persom", 1);
    assert_eq!(edited.len() as u64, before.len());
    std::fs::write(&path, &edited).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    drop(file);
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (after.modified().unwrap(), after.len()),
        (before.modified().unwrap(), before.len())
    );
    app.session.tag_entity(0..5, "Person", None);
    let error = app.session.save().unwrap_err().to_string();
    assert!(
        error.contains("changed on disk since gloss read it"),
        "{error}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

#[cfg(unix)]
#[test]
fn a_linked_annotation_file_stays_a_link_and_its_target_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("story.txt");
    std::fs::write(&article, TEXT).unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/ann.json");
    let link = dir.path().join("story.txt.gloss.json");
    std::os::unix::fs::symlink("real/ann.json", &link).unwrap();
    let doc = gloss::document::load::read_file(&article).unwrap();
    let mut app = common::open_with(
        dir.path(),
        doc,
        gloss::config::Config::default(),
        Some(link.clone()),
    );
    press(&mut app, "j a p");
    app.session.save().unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    let saved = std::fs::read_to_string(&target).unwrap();
    assert!(saved.contains("\"Person\""), "{saved}");
    // A second save (now that the target exists) also goes through the link.
    app.session.tag_entity(0..5, "Person", None);
    app.session.save().unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // Reopened through the link, the tags are there.
    drop(app);
    let doc = gloss::document::load::read_file(&article).unwrap();
    let app = common::open_with(
        dir.path(),
        doc,
        gloss::config::Config::default(),
        Some(link.clone()),
    );
    assert_eq!(app.session.annotations.len(), 2);
}

#[test]
fn a_note_draft_left_when_gloss_ended_is_put_back_and_saved_on_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "j a p");
    app.session.save().unwrap();
    let path = app.session.storage.path.clone();
    let id = app.session.annotations.iter().next().unwrap().id.clone();
    drop(app);
    // What the watcher writes when the terminal closes while the note is typed.
    let drafts = common::dirs(dir.path()).drafts();
    let draft = gloss::session::draft::NoteDraft {
        annotation_file: path.clone(),
        id,
        text: "half".into(),
    };
    gloss::session::draft::save(&drafts, &draft).unwrap();
    let app = open_text(dir.path(), TEXT);
    let notice = app.session.notice.clone().unwrap_or_default();
    assert!(notice.contains("is back and saved"), "{notice}");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("\"note\": \"half\""), "{saved}");
    assert!(gloss::session::draft::find(&drafts, &path).is_none());
}

#[test]
fn esc_in_the_speaker_picker_tags_no_claim() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "j c");
    assert!(matches!(app.mode, gloss::tui::app::Mode::SpeakerPicker(_)));
    press(&mut app, "esc");
    assert!(
        app.session.annotations.is_empty(),
        "Esc left a claim behind"
    );
    assert!(!app.session.storage.path.exists(), "nothing to save");
    assert_eq!(app.message.as_deref(), Some("no claim tagged"));
    // Picking a speaker makes the claim and its speaker in one step, undone at once.
    press(&mut app, "c 0");
    assert_eq!(app.session.annotations.len(), 1);
    press(&mut app, "u");
    assert!(app.session.annotations.is_empty());
}

#[test]
fn the_speaker_picker_keeps_one_order_and_filters_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Talks\n\nZelensky met Biden. Macron met Abe. Biden said the talks went well. Abe said so too.";
    let mut app = open_text(dir.path(), text);
    for name in ["Zelensky", "Biden", "Macron", "Abe"] {
        cursor_to(&mut app, name);
        press(&mut app, "a p");
    }
    let order = |app: &gloss::tui::App| match &app.mode {
        gloss::tui::app::Mode::SpeakerPicker(p) => p
            .visible()
            .into_iter()
            .map(|i| p.options[i].name.clone())
            .collect::<Vec<_>>(),
        _ => panic!("no picker"),
    };
    cursor_to(&mut app, "Biden said");
    press(&mut app, "c");
    let first = order(&app);
    assert_eq!(first, ["(nobody)", "Abe", "Biden", "Macron", "Zelensky"]);
    press(&mut app, "esc");
    cursor_to(&mut app, "Abe said");
    press(&mut app, "c");
    assert_eq!(order(&app), first, "the order changed from claim to claim");
    // Typing narrows the list; the first match is highlighted and Enter picks it.
    type_text(&mut app, "mac");
    assert_eq!(order(&app), ["(nobody)", "Macron"]);
    press(&mut app, "enter");
    let claim = app
        .session
        .annotations
        .iter()
        .find(|a| a.kind == gloss::annotation::Kind::Claim)
        .unwrap();
    let speaker = app
        .session
        .annotations
        .get(claim.speaker.as_ref().unwrap())
        .unwrap();
    assert_eq!(&text[speaker.range.clone()], "Macron");
}

#[test]
fn a_long_status_message_wraps_instead_of_being_cut() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    let message = "the note could not be saved: /home/someone/articles/a-rather-long-folder-name/story.txt.gloss.json changed on disk since gloss read it";
    app.message = Some(message.to_string());
    let screen = render_text(&mut app, 60, 16);
    let squeezed: String = screen.split_whitespace().collect();
    let wanted: String = message.split_whitespace().collect();
    assert!(squeezed.contains(&wanted), "{screen}");
}

#[test]
fn a_long_note_line_wraps_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "j a p m");
    type_text(
        &mut app,
        "Checked against the Kremlin transcript of the call and the Chinese foreign ministry readout published the same evening",
    );
    let screen = render_text(&mut app, 100, 30);
    // The start of the line is still in view (no sideways scroll) and so is its end.
    assert!(screen.contains("Checked against the Kremlin"), "{screen}");
    assert!(screen.contains("the same evening"), "{screen}");
    assert!(
        screen.contains("esc or ctrl-s or alt-enter saves"),
        "{screen}"
    );
}

#[test]
fn s_on_a_suggested_claim_picks_its_speaker_and_tags_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_sample(dir.path());
    cursor_to(&mut app, "Following a video");
    press(&mut app, "s");
    let gloss::tui::app::Mode::SpeakerPicker(picker) = &app.mode else {
        panic!("no speaker picker: {:?}", app.message);
    };
    // The suggested speaker is highlighted; Enter tags the claim with it.
    let highlighted = &picker.options[picker.visible()[picker.selected]].name;
    assert_eq!(highlighted, "Vladimir Putin");
    press(&mut app, "enter");
    let claim = app
        .session
        .annotations
        .iter()
        .find(|a| a.kind == gloss::annotation::Kind::Claim)
        .expect("the claim is tagged");
    let speaker = app
        .session
        .annotations
        .get(claim.speaker.as_ref().unwrap())
        .unwrap();
    assert_eq!(speaker.actor_name(&app.session.doc.text), "Vladimir Putin");
}

#[test]
fn clearing_the_picker_filter_highlights_the_suggested_speaker_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_sample(dir.path());
    cursor_to(&mut app, "Following a video");
    press(&mut app, "c");
    let highlighted = |app: &gloss::tui::App| match &app.mode {
        gloss::tui::app::Mode::SpeakerPicker(p) => p.options[p.visible()[p.selected]].name.clone(),
        _ => panic!("no picker"),
    };
    assert_eq!(highlighted(&app), "Vladimir Putin");
    type_text(&mut app, "x");
    press(&mut app, "esc");
    assert_eq!(highlighted(&app), "Vladimir Putin");
    type_text(&mut app, "p");
    press(&mut app, "backspace");
    assert_eq!(highlighted(&app), "Vladimir Putin");
    // The speaker picked from a suggestion is learned, as `y` learns it.
    press(&mut app, "enter");
    assert!(
        app.session
            .learned
            .actors()
            .any(|a| a.name == "Vladimir Putin"),
        "not learned"
    );
}

#[test]
fn c_in_the_panel_tags_the_claim_row_highlighted_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_sample(dir.path());
    press(&mut app, "tab");
    let row = app
        .panel_items
        .iter()
        .position(|item| {
            matches!(item, gloss::tui::panel::PanelItem::Claim { range, .. }
                if app.session.doc.text[range.clone()].starts_with("Following a video"))
        })
        .expect("the claim is listed");
    app.panel_selected = row;
    press(&mut app, "c enter");
    let claim = app
        .session
        .annotations
        .iter()
        .find(|a| a.kind == gloss::annotation::Kind::Claim)
        .expect("a claim is tagged");
    assert!(
        app.session.doc.text[claim.range.clone()].starts_with("Following a video"),
        "tagged {:?}",
        &app.session.doc.text[claim.range.clone()]
    );
}

#[test]
fn a_long_status_message_is_read_whole_on_a_small_screen_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    let message = "paste ignored: paste into a note (m), a search (/) or a filter";
    app.message = Some(message.to_string());
    let screen = render_text(&mut app, 30, 8);
    let squeezed: String = screen.split_whitespace().collect();
    let wanted: String = message.split_whitespace().collect();
    assert!(squeezed.contains(&wanted), "{screen}");
}

#[test]
fn the_speaker_picker_finds_an_actor_by_another_name_it_has_in_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_sample(dir.path());
    cursor_to(&mut app, "Following a video");
    press(&mut app, "c");
    type_text(&mut app, "moscow");
    let gloss::tui::app::Mode::SpeakerPicker(picker) = &app.mode else {
        panic!("no picker");
    };
    let names: Vec<&str> = picker
        .visible()
        .into_iter()
        .map(|i| picker.options[i].name.as_str())
        .collect();
    assert!(names.len() > 1, "nothing found for moscow: {names:?}");
}

#[test]
fn the_panel_shows_its_own_keys_and_the_note_editor_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "tab");
    let screen = render_text(&mut app, 120, 30);
    assert!(screen.contains("panel: j/k move"), "{screen}");
    press(&mut app, "tab j a p m");
    let screen = render_text(&mut app, 120, 30);
    assert!(screen.contains("ctrl-q discards"), "{screen}");
    assert!(!screen.contains("y accept"), "{screen}");
}

#[test]
fn the_keys_of_pickers_prompts_the_note_editor_and_help_can_be_rebound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    std::fs::write(&path, TEXT).unwrap();
    let mut config = Config::default();
    config.reader.suggestions = false;
    config.keys = toml::from_str(
        "[note]\nesc = \"none\"\nctrl-w = \"save_note\"\n\
         [prompt]\nenter = \"none\"\nctrl-j = \"confirm\"\n\
         [picker]\nctrl-j = \"confirm\"\n\
         [help]\nx = \"next_item\"",
    )
    .unwrap();
    let doc = Document::new(TEXT.to_string(), Source::File(path));
    let mut app = open_with(dir.path(), doc, config, None);
    // The note editor saves with the key given, says so, and Esc now types nothing.
    press(&mut app, "a p m");
    let screen = render_text(&mut app, 120, 30);
    assert!(
        screen.contains("ctrl-s or ctrl-w or alt-enter saves"),
        "{screen}"
    );
    assert!(!screen.contains("esc or"), "{screen}");
    type_text(&mut app, "seen");
    press(&mut app, "esc");
    assert!(matches!(app.mode, gloss::tui::app::Mode::Note { .. }));
    press(&mut app, "ctrl-w");
    assert!(matches!(app.mode, gloss::tui::app::Mode::Normal));
    let note = saved_json(&app)["annotations"][0]["note"].clone();
    assert_eq!(note, "seen");
    // The search prompt runs on its new key only.
    press(&mut app, "/");
    type_text(&mut app, "Kremlin");
    press(&mut app, "enter");
    assert!(matches!(app.mode, gloss::tui::app::Mode::SearchInput(_)));
    press(&mut app, "ctrl-j");
    assert_eq!(app.search.as_ref().unwrap().text, "Kremlin");
    // The export picker chooses on its new key too (and still on its number).
    press(&mut app, "E");
    press(&mut app, "ctrl-j");
    assert!(
        app.message.as_deref().unwrap().starts_with("exported"),
        "{:?}",
        app.message
    );
    // Help scrolls on its new key too.
    press(&mut app, "?");
    press(&mut app, "x");
    assert!(matches!(app.mode, gloss::tui::app::Mode::Help(1)));
}

#[test]
fn an_annotation_file_opened_as_the_article_is_read_again_if_it_changed_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.txt.gloss.json");
    let file = |notes: &[&str]| {
        let annotations: Vec<String> = notes
            .iter()
            .enumerate()
            .map(|(i, note)| {
                format!(
                    r#"{{"id": "a{}", "kind": "entity", "label": "Person", "start": {}, "end": {},
                    "text": "Putin", "prefix": "", "suffix": "", "note": "{note}",
                    "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"}}"#,
                    i + 1,
                    i * 13,
                    i * 13 + 5
                )
            })
            .collect();
        format!(
            r#"{{"format": "gloss/1", "source": "story.txt", "title": "Putin",
            "fingerprint": "blake3:x", "annotations": [{}],
            "text": "Putin spoke. Putin left."}}"#,
            annotations.join(",")
        )
    };
    let open = |doc| {
        let config = Config::default();
        let dirs = common::dirs(dir.path());
        let options = gloss::session::OpenOptions {
            config: &config,
            dirs: &dirs,
            annotations: Some(path.clone()),
            lock: false,
        };
        gloss::session::open(doc, &options).unwrap()
    };
    let notes = |session: &gloss::session::Session| -> Vec<String> {
        let notes = session.annotations.iter().map(|a| a.note.clone().unwrap());
        notes.collect()
    };
    std::fs::write(&path, file(&["one"])).unwrap();
    let doc = gloss::session::open::read_annotation_file_as_article(&path).unwrap();
    assert!(doc.preread.is_some());
    assert_eq!(notes(&open(doc)), ["one"]);
    // Changed between reading the article and opening the session: the new file counts.
    let doc = gloss::session::open::read_annotation_file_as_article(&path).unwrap();
    std::fs::write(&path, file(&["two", "three"])).unwrap();
    assert_eq!(notes(&open(doc)), ["two", "three"]);
}

#[test]
fn a_panel_built_for_an_older_state_is_not_taken() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::open_sample(dir.path());
    app.build_panel_later();
    let first = app.panel_changed();
    assert_eq!(first, Some(gloss::tui::request::Request::BuildPanel));
    let older = app.panel_pending().unwrap();
    app.panel_changed();
    let newest = app.panel_pending().unwrap();
    assert_ne!(older, newest);
    let rows = app.panel_items.clone();
    assert!(!app.take_panel(older, None, Vec::new()));
    assert_eq!(app.panel_items, rows);
    assert_eq!(app.panel_pending(), Some(newest));
    assert!(app.take_panel(newest, None, Vec::new()));
    assert!(app.panel_items.is_empty());
    assert_eq!(app.panel_pending(), None);
}

#[test]
fn an_articles_date_in_its_file_is_kept_through_every_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("42.gloss.json");
    let text = "Vladimir Putin spoke in Moscow.";
    let chars = gloss::text::offsets::CharIndex::new(text);
    let header = gloss::annotation::file::Header {
        source: "https://news.example/42",
        title: "Moscow",
        text,
        chars: &chars,
    };
    let mut file =
        gloss::annotation::file::build(header, &gloss::annotation::AnnotationSet::new(), &[], &[]);
    file.date = Some("2019-01-04".into());
    std::fs::write(&path, gloss::annotation::file::to_json(&file)).unwrap();
    let doc = gloss::session::open::read_annotation_file_as_article(&path).unwrap();
    let mut app = open_with(dir.path(), doc, Config::default(), Some(path.clone()));
    press(&mut app, "Y");
    assert!(!app.session.annotations.is_empty());
    let saved = saved_json(&app);
    assert_eq!(saved["date"], "2019-01-04");
    assert_eq!(saved["source"], "https://news.example/42");
}

#[test]
fn d_marks_the_article_done_in_its_file_and_again_not_done_undoably() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_sample(dir.path());
    press(&mut app, "D");
    assert!(app.session.is_done());
    assert_eq!(saved_json(&app)["status"], "done");
    assert!(render_text(&mut app, 120, 30).contains("0 tagged · done"));
    // Undo takes it back like any change; D again marks it not done.
    press(&mut app, "u");
    assert!(!app.session.is_done());
    assert!(saved_json(&app).get("status").is_none());
    press(&mut app, "ctrl-r D");
    assert!(!app.session.is_done());
    assert_eq!(app.message.as_deref(), Some("marked not done"));
    // Reopened, the file's status is the article's.
    press(&mut app, "D");
    drop(app);
    let app = open_sample(dir.path());
    assert!(app.session.is_done());
}

#[test]
fn the_tenth_export_format_is_picked_with_0() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), TEXT);
    press(&mut app, "j a p D E");
    let screen = render_text(&mut app, 120, 40);
    assert!(screen.contains("0 articles"), "{screen}");
    press(&mut app, "0");
    let message = app.message.clone().unwrap();
    assert!(message.starts_with("exported articles to "), "{message}");
    let name = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with(".articles.csv"))
        .unwrap()
        .path();
    let written = std::fs::read_to_string(name).unwrap();
    assert!(written.contains(",done,1,1,1,0,0"), "{written}");
}

#[test]
fn r_renames_an_actor_and_a_name_another_actor_has_merges_them_undoably() {
    const SPANTON: &str =
        "Emily Spanton spoke first.\n\nLater Mme Spanton said more. Then Mme Spanton left.";
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), SPANTON);
    // Tag "Emily Spanton" and both "Mme Spanton" as people.
    cursor_to(&mut app, "Emily");
    press(&mut app, "v e e a p");
    cursor_to(&mut app, "Mme");
    press(&mut app, "v e e a p");
    app.jump_to(SPANTON.rfind("Mme").unwrap());
    press(&mut app, "v e e a p");
    let actors = |app: &gloss::tui::App| -> Vec<String> {
        let text = &app.session.doc.text;
        let mut names: Vec<String> = app
            .session
            .annotations
            .iter()
            .map(|a| a.actor_name(text).into_owned())
            .collect();
        names.sort();
        names.dedup();
        names
    };
    assert_eq!(actors(&app), ["Emily Spanton", "Mme Spanton"]);
    // The prompt starts with the name; Ctrl-U clears it.
    cursor_to(&mut app, "Mme");
    press(&mut app, "R");
    assert!(render_text(&mut app, 120, 30).contains("Mme Spanton▏ · renaming Mme Spanton"));
    // On a narrow screen what is typed is what stays in sight.
    assert!(render_text(&mut app, 40, 12).contains(" Mme Spanton▏"));
    press(&mut app, "ctrl-u");
    type_text(&mut app, "Emily Spanton");
    press(&mut app, "enter");
    assert_eq!(
        app.message.as_deref(),
        Some("merged Mme Spanton into Emily Spanton (2 mentions)")
    );
    assert_eq!(actors(&app), ["Emily Spanton"]);
    let saved = saved_json(&app);
    let with_actor = saved["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["actor"] == "Emily Spanton")
        .count();
    assert_eq!(with_actor, 2, "{saved}");
    // One panel row for the person now.
    let rows = app
        .panel_items
        .iter()
        .filter(|i| matches!(i, gloss::tui::panel::PanelItem::Actor { .. }))
        .count();
    assert_eq!(rows, 1);
    press(&mut app, "u");
    assert_eq!(actors(&app), ["Emily Spanton", "Mme Spanton"]);
    // A new name renames; Esc leaves it as it was.
    cursor_to(&mut app, "Emily");
    press(&mut app, "R ctrl-u");
    type_text(&mut app, "Emily R. Spanton");
    press(&mut app, "enter");
    assert_eq!(actors(&app), ["Emily R. Spanton", "Mme Spanton"]);
    press(&mut app, "R esc");
    assert_eq!(actors(&app), ["Emily R. Spanton", "Mme Spanton"]);
}

#[test]
fn a_renamed_actor_is_cleaned_of_bidi_and_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_text(dir.path(), "Putin spoke.");
    press(&mut app, "a p");
    let outcome = app
        .session
        .rename_actor("Putin", "Person", "Vladimir\u{202e} Putin\u{1b}[31m");
    assert!(matches!(outcome, gloss::session::Outcome::Changed(_)));
    let text = &app.session.doc.text;
    let name = app
        .session
        .annotations
        .iter()
        .next()
        .unwrap()
        .actor_name(text)
        .into_owned();
    assert!(
        !name.contains('\u{202e}') && !name.contains('\u{1b}'),
        "{name:?}"
    );
    assert!(name.starts_with("Vladimir"), "{name:?}");
}
