//! The library: first run holds the sample, articles are listed most recent first and
//! filtered, the index survives damage and crashes without losing an article, and the
//! annotation search finds claims by an actor and mentions of one with their offsets.

use std::path::Path;

use gloss::annotation::file::{self, AnnotationFile, Header};
use gloss::annotation::{Annotation, AnnotationSet, Kind};
use gloss::library::{ArticleMeta, Entry, HitKind, Library, SearchQuery, article_id};

/// The library database in the library folder `dir`.
fn index_file(dir: &Path) -> std::path::PathBuf {
    gloss::library::db_path(dir)
}
use gloss::text::offsets::CharIndex;

/// An article whose text is `text`, with an entity for each (needle, actor) and a claim for
/// each (sentence, speaker needle).
fn article(
    source: &str,
    title: &str,
    text: &str,
    entities: &[(&str, &str)],
    claims: &[(&str, &str)],
) -> AnnotationFile {
    let chars = CharIndex::new(text);
    let mut set = AnnotationSet::new();
    let mut ids = std::collections::HashMap::new();
    for (needle, actor) in entities {
        let start = text.find(needle).unwrap();
        let id = set.fresh_id();
        ids.insert(*needle, id.clone());
        set.insert(annotation(
            id,
            Kind::Entity,
            start..start + needle.len(),
            Some(actor),
            None,
        ));
    }
    for (sentence, speaker) in claims {
        let start = text.find(sentence).unwrap();
        let id = set.fresh_id();
        let speaker = ids[speaker].clone();
        set.insert(annotation(
            id,
            Kind::Claim,
            start..start + sentence.len(),
            None,
            Some(speaker),
        ));
    }
    file::build(
        Header {
            source,
            title,
            text,
            chars: &chars,
        },
        &set,
        &[],
        &[],
    )
}

fn annotation(
    id: String,
    kind: Kind,
    range: std::ops::Range<usize>,
    actor: Option<&str>,
    speaker: Option<String>,
) -> Annotation {
    Annotation {
        id,
        kind,
        label: if kind == Kind::Claim {
            "Claim"
        } else {
            "Person"
        }
        .into(),
        range,
        actor: actor.map(String::from),
        speaker,
        note: None,
        created: "2026-01-01T00:00:00Z".into(),
        modified: "2026-01-01T00:00:00Z".into(),
    }
}

fn titles(library: &Library) -> Vec<String> {
    library.entries().into_iter().map(|e| e.title).collect()
}

fn dir_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A library with three articles opened at known times, oldest first.
fn three(dir: &Path) -> Library {
    let mut library = Library::open(dir).unwrap();
    let mut sample = library.entries()[0].clone();
    sample.last_opened = "2019-01-01T00:00:00Z".into();
    library.add_or_update(sample).unwrap();
    let texts = [
        (
            "https://news.example/moscow-treaty",
            "Moscow extends the treaty",
            "Moscow extends the treaty. Vladimir Putin said it was historic. The Kremlin agreed.",
        ),
        (
            "/home/me/geneva.txt",
            "Biden meets Putin in Genève",
            "Biden meets Putin in Genève. Putin said the talks were “constructive”.",
        ),
        (
            "https://other.example/weather",
            "Rain in Brittany",
            "Rain in Brittany. Nobody said anything.",
        ),
    ];
    let annotated = [
        article(
            texts[0].0,
            texts[0].1,
            texts[0].2,
            &[("Vladimir Putin", "Vladimir Putin"), ("Kremlin", "Kremlin")],
            &[
                ("Vladimir Putin said it was historic.", "Vladimir Putin"),
                ("The Kremlin agreed.", "Kremlin"),
            ],
        ),
        article(
            texts[1].0,
            texts[1].1,
            texts[1].2,
            &[("Biden", "Joe Biden"), ("Putin", "Vladimir Putin")],
            &[("Putin said the talks were “constructive”.", "Putin")],
        ),
        article(texts[2].0, texts[2].1, texts[2].2, &[], &[]),
    ];
    for (i, file) in annotated.iter().enumerate() {
        library.save_article(file, ArticleMeta::default()).unwrap();
        let mut entry = library.get(&article_id(&file.source)).unwrap().clone();
        entry.last_opened = format!("2020-01-0{}T00:00:00Z", i + 1);
        library.add_or_update(entry).unwrap();
    }
    library
}

#[test]
fn first_run_holds_the_sample_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("library");
    let library = Library::open(&dir).unwrap();
    assert_eq!(library.entries().len(), 1);
    let sample = &library.entries()[0];
    assert!(sample.title.contains("Xi Jinping"), "{}", sample.title);
    let file = library.load_article(&sample.id).unwrap();
    assert_eq!(file.text, gloss::document::load::sample().text);
    drop(library);
    let again = Library::open(&dir).unwrap();
    assert_eq!(again.entries().len(), 1);
    // The article, its entry, the index and the lock that serialises index writers.
    assert_eq!(dir_names(&dir).len(), 4, "{:?}", dir_names(&dir));
}

#[test]
fn most_recent_first_and_updates_move_to_the_top() {
    let tmp = tempfile::tempdir().unwrap();
    let mut library = three(tmp.path());
    assert_eq!(
        titles(&library)[..3],
        [
            "Rain in Brittany",
            "Biden meets Putin in Genève",
            "Moscow extends the treaty"
        ]
    );
    let moscow = library.entries()[2].clone();
    assert_eq!((moscow.actors, moscow.claims), (2, 2));
    let mut opened = moscow.clone();
    opened.last_opened = "2020-02-01T00:00:00Z".into();
    opened.added = "changed".into();
    opened.date = Some("2021-06-28T00:00:00Z".into());
    library.add_or_update(opened).unwrap();
    assert_eq!(titles(&library)[0], "Moscow extends the treaty");
    assert_eq!(
        library.entries()[0].added,
        moscow.added,
        "added time is kept"
    );
    let reopened = Library::open(tmp.path()).unwrap();
    assert_eq!(reopened.entries(), library.entries());
    let sample = library.entries().last().unwrap().id.clone();
    library.mark_opened(&sample).unwrap();
    assert_eq!(library.entries()[0].id, sample);
    assert!(library.mark_opened("no-such-article").is_err());
}

#[test]
fn filter_is_case_insensitive_on_title_and_source() {
    let tmp = tempfile::tempdir().unwrap();
    let library = three(tmp.path());
    let found =
        |q: &str| -> Vec<String> { library.filter(q).iter().map(|e| e.title.clone()).collect() };
    let putin = found("PUTIN");
    assert_eq!(putin.len(), 2, "{putin:?}");
    assert_eq!(putin[0], "Biden meets Putin in Genève");
    assert!(
        putin[1].starts_with("Xi Jinping and Putin"),
        "the sample: {putin:?}"
    );
    assert_eq!(found("genève"), ["Biden meets Putin in Genève"]);
    assert_eq!(found("news.example"), ["Moscow extends the treaty"]);
    assert_eq!(found("example treaty"), ["Moscow extends the treaty"]);
    assert_eq!(found("  ").len(), 4);
    assert!(found("nothing like this").is_empty());
}

#[test]
fn damaged_or_missing_index_is_rebuilt_without_losing_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let expected = three(tmp.path()).entries().to_vec();
    let index = index_file(tmp.path());
    for damage in [
        &b"{\"format\": \"gloss-library/1\", \"entr"[..],
        b"",
        b"\x00\xff garbage",
    ] {
        std::fs::write(&index, damage).unwrap();
        assert_eq!(Library::open(tmp.path()).unwrap().entries(), expected);
        assert_eq!(Library::open(tmp.path()).unwrap().entries(), expected);
    }
    std::fs::remove_file(&index).unwrap();
    assert_eq!(Library::open(tmp.path()).unwrap().entries(), expected);
    // Without the entry files too, everything is rebuilt from the articles themselves.
    std::fs::remove_file(&index).unwrap();
    for name in dir_names(tmp.path()) {
        if name.ends_with(".entry.json") {
            std::fs::remove_file(tmp.path().join(name)).unwrap();
        }
    }
    let rebuilt = Library::open(tmp.path()).unwrap();
    assert_eq!(rebuilt.entries().len(), 4);
    for e in &expected {
        let r = rebuilt.get(&e.id).unwrap();
        assert_eq!(
            (&r.title, &r.source, r.actors, r.claims, &r.names),
            (&e.title, &e.source, e.actors, e.claims, &e.names)
        );
    }
}

#[test]
fn crash_between_article_and_index_keeps_the_article() {
    let tmp = tempfile::tempdir().unwrap();
    let library = three(tmp.path());
    let orphan = article(
        "https://late.example/story",
        "Written before the crash",
        "Written before the crash.",
        &[],
        &[],
    );
    let id = article_id(&orphan.source);
    gloss::annotation::store::write_atomic(
        &library.article_path(&id),
        file::to_json(&orphan).as_bytes(),
    )
    .unwrap();
    let gone = library.entries()[0].id.clone();
    std::fs::remove_file(library.article_path(&gone)).unwrap();
    drop(library);
    let reopened = Library::open(tmp.path()).unwrap();
    assert!(
        reopened
            .get(&id)
            .is_some_and(|e| e.title == "Written before the crash")
    );
    assert!(reopened.get(&gone).is_none());
    assert_eq!(reopened.entries().len(), 4);
    assert!(dir_names(tmp.path()).iter().all(|n| !n.ends_with(".tmp")));
}

#[test]
fn an_unreadable_article_is_listed_not_lost() {
    let tmp = tempfile::tempdir().unwrap();
    drop(Library::open(tmp.path()).unwrap());
    std::fs::write(tmp.path().join("broken-1234.gloss.json"), "{ not json").unwrap();
    let library = Library::open(tmp.path()).unwrap();
    let broken = library.get("broken-1234").unwrap();
    assert!(broken.title.contains("cannot be read"), "{}", broken.title);
    assert_eq!(library.entries().len(), 2);
}

#[test]
fn search_finds_claims_by_an_actor_and_mentions() {
    let tmp = tempfile::tempdir().unwrap();
    let library = three(tmp.path());
    let hits = library
        .search(
            &SearchQuery::parse("every claim by Vladimir Putin").unwrap(),
            usize::MAX,
        )
        .unwrap();
    let found: Vec<(&str, &str)> = hits
        .iter()
        .map(|h| (h.title.as_str(), h.text.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "Biden meets Putin in Genève",
                "Putin said the talks were “constructive”."
            ),
            (
                "Moscow extends the treaty",
                "Vladimir Putin said it was historic."
            ),
        ]
    );
    for hit in &hits {
        assert_eq!(hit.kind, HitKind::Claim);
        assert_eq!(hit.actor, "Vladimir Putin");
        let text = library.load_article(&hit.article).unwrap().text;
        let chars: String = text
            .chars()
            .skip(hit.start)
            .take(hit.end - hit.start)
            .collect();
        assert_eq!(chars, hit.text, "offsets are code points");
    }
    let kremlin = library
        .search(
            &SearchQuery::parse("every article that mentions the Kremlin").unwrap(),
            usize::MAX,
        )
        .unwrap();
    assert_eq!(kremlin.len(), 1);
    assert_eq!(
        (kremlin[0].kind, kremlin[0].text.as_str()),
        (HitKind::Mention, "Kremlin")
    );
    assert_eq!(
        kremlin[0].article,
        article_id("https://news.example/moscow-treaty")
    );
    let biden = library
        .search(&SearchQuery::Mentions("joe biden".into()), usize::MAX)
        .unwrap();
    assert_eq!(biden.len(), 1);
    assert!(
        library
            .search(&SearchQuery::ClaimsBy("Biden".into()), usize::MAX)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn search_hits_follow_the_list_when_an_article_moves_to_the_top() {
    let tmp = tempfile::tempdir().unwrap();
    let mut library = three(tmp.path());
    let claims_by_putin = SearchQuery::parse("claims by putin").unwrap();
    let titles_of = |library: &Library, query: &SearchQuery, limit: usize| -> Vec<String> {
        library
            .search(query, limit)
            .unwrap()
            .into_iter()
            .map(|h| h.title)
            .collect()
    };
    assert_eq!(
        titles_of(&library, &claims_by_putin, 10),
        ["Biden meets Putin in Genève", "Moscow extends the treaty"]
    );
    // Opened again (its entry only changes), the older article goes to the top of the list,
    // and of every search.
    library
        .mark_opened(&article_id("https://news.example/moscow-treaty"))
        .unwrap();
    assert_eq!(
        titles_of(&library, &claims_by_putin, 1),
        ["Moscow extends the treaty"]
    );
    let mentions = SearchQuery::parse("putin").unwrap();
    let hits = library.search(&mentions, 10).unwrap();
    let found: Vec<(&str, HitKind, &str)> = hits
        .iter()
        .map(|h| (h.title.as_str(), h.kind, h.text.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "Moscow extends the treaty",
                HitKind::Claim,
                "Vladimir Putin said it was historic."
            ),
            (
                "Moscow extends the treaty",
                HitKind::Mention,
                "Vladimir Putin"
            ),
            ("Biden meets Putin in Genève", HitKind::Mention, "Putin"),
            (
                "Biden meets Putin in Genève",
                HitKind::Claim,
                "Putin said the talks were “constructive”."
            ),
        ],
        "by the list, then by offset, a claim before a mention at one offset"
    );
    // The same after the index is rebuilt from the files.
    drop(library);
    std::fs::remove_file(index_file(tmp.path())).unwrap();
    let library = Library::open(tmp.path()).unwrap();
    assert_eq!(
        titles_of(&library, &claims_by_putin, 1),
        ["Moscow extends the treaty"]
    );
}

#[test]
fn entries_count_actors_and_claims_from_the_file() {
    let file = article(
        "s",
        "T",
        "Putin and Vladimir Putin met Xi.",
        &[
            ("Putin", "Vladimir Putin"),
            ("Vladimir Putin", "Vladimir Putin"),
            ("Xi", "Xi Jinping"),
        ],
        &[("Xi.", "Xi")],
    );
    let entry = Entry::from_file("x", &file, "2030-01-01T00:00:00Z");
    assert_eq!((entry.actors, entry.claims), (2, 1));
    assert_eq!(entry.names, ["Vladimir Putin", "Xi Jinping"]);
}

#[test]
fn an_article_recorded_by_a_relative_path_has_one_id_and_opens_from_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(&dir.path().join("library")).unwrap();
    let file = article("notes.txt", "Notes", "Notes\n\nPutin spoke.", &[], &[]);
    let cwd = std::env::current_dir().unwrap();
    let relative = Path::new("target/test-notes.txt.gloss.json");
    let by_relative = library
        .record(relative, &file, ArticleMeta::default())
        .unwrap();
    let by_absolute = library
        .record(&cwd.join(relative), &file, ArticleMeta::default())
        .unwrap();
    assert_eq!(by_relative.id, by_absolute.id);
    assert_eq!(
        by_relative.file.as_deref(),
        Some(cwd.join(relative).as_path())
    );
    // Nothing tagged yet, so no annotation file beside the article: it opens from the
    // article's own file when that is there, else from the library's copy.
    let id = by_relative.id.clone();
    assert_eq!(
        library.how_to_open(&id),
        gloss::library::OpenFrom::AnnotationFile(library.article_path(&id))
    );
    let article_file = cwd.join("target/test-notes.txt");
    // The target folder may be elsewhere (CARGO_TARGET_DIR): this one is only a place.
    std::fs::create_dir_all(cwd.join("target")).unwrap();
    std::fs::write(&article_file, "Notes\n\nPutin spoke.").unwrap();
    assert_eq!(
        library.how_to_open(&id),
        gloss::library::OpenFrom::Article(article_file.clone())
    );
    std::fs::remove_file(article_file).unwrap();
}

#[test]
fn two_glosses_writing_one_library_keep_each_others_articles() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("library");
    let mut second = Library::open(&folder).unwrap();
    let x = article(
        "https://x.example/a",
        "Article X",
        "Article X\n\nPutin spoke.",
        &[],
        &[],
    );
    let y = article(
        "https://y.example/b",
        "Article Y",
        "Article Y\n\nXi spoke.",
        &[],
        &[],
    );
    second.save_article(&x, ArticleMeta::default()).unwrap();
    // The first opens now: it knows X as it is at this moment.
    let mut first = Library::open(&folder).unwrap();
    first.save_article(&y, ArticleMeta::default()).unwrap();
    // The first wrote the index last, yet X (written by the second) is in it.
    let reopened = Library::open(&folder).unwrap();
    let titles = titles(&reopened);
    assert!(titles.iter().any(|t| t == "Article X"), "{titles:?}");
    assert!(titles.iter().any(|t| t == "Article Y"), "{titles:?}");
    // A later change by the second is not undone by the first's next write.
    let tagged = article(
        "https://x.example/a",
        "Article X",
        "Article X\n\nPutin spoke.",
        &[("Putin", "Vladimir Putin")],
        &[],
    );
    second
        .save_article(&tagged, ArticleMeta::default())
        .unwrap();
    first
        .save_article(
            &article("https://z.example/c", "Article Z", "Z\n\nText.", &[], &[]),
            ArticleMeta::default(),
        )
        .unwrap();
    let reopened = Library::open(&folder).unwrap();
    let x_entry = reopened.find_source("https://x.example/a").unwrap();
    assert_eq!(x_entry.actors, 1, "{x_entry:?}");
    assert_eq!(reopened.entries().len(), 4, "the sample, X, Y and Z");
}

#[test]
fn eight_glosses_writing_one_library_at_once_lose_no_update() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("library");
    Library::open(&folder).unwrap();
    let threads: Vec<_> = (0..8)
        .map(|n| {
            let folder = folder.clone();
            std::thread::spawn(move || {
                let mut library = Library::open(&folder).unwrap();
                for round in 0..6 {
                    // Each round tags one more actor, so a lost update shows in the counts.
                    let names = ["Kremlin", "Putin", "Xi", "Biden", "Macron", "Scholz"];
                    let text = format!("Article {n}\n\n{}.", names.join(" and "));
                    let entities: Vec<(&str, &str)> =
                        names[..=round].iter().map(|name| (*name, *name)).collect();
                    let file = article(
                        &format!("https://news.example/{n}"),
                        &format!("Article {n}"),
                        &text,
                        &entities,
                        &[],
                    );
                    library.save_article(&file, ArticleMeta::default()).unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    // The database as written last (not rebuilt or checked from the files) holds every
    // article with its last counts.
    let db = rusqlite::Connection::open(index_file(&folder)).unwrap();
    for n in 0..8 {
        let source = format!("https://news.example/{n}");
        let actors: i64 = db
            .query_row(
                "SELECT actors FROM articles WHERE source = ?1",
                [&source],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("{source} missing from the index: {e}"));
        assert_eq!(actors, 6, "{source}");
    }
    let count: i64 = db
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 9, "the sample and the eight");
    drop(db);
    assert_eq!(Library::open(&folder).unwrap().len(), 9);
}

#[test]
fn full_text_search_finds_phrases_and_prefixes_with_their_places() {
    let tmp = tempfile::tempdir().unwrap();
    let library = three(tmp.path());
    let search = |q: &str| library.search(&SearchQuery::parse(q).unwrap(), usize::MAX);
    let talks = search("every article that says 'talks were'").unwrap();
    assert_eq!(talks.len(), 1, "{talks:?}");
    assert_eq!(talks[0].kind, HitKind::Text);
    assert_eq!(talks[0].title, "Biden meets Putin in Genève");
    let text = library.load_article(&talks[0].article).unwrap().text;
    let at: String = text
        .chars()
        .skip(talks[0].start)
        .take(talks[0].end - talks[0].start)
        .collect();
    assert_eq!(at, "talks were", "offsets are code points");
    // Diacritics and case are folded; a prefix finds every word it starts.
    let geneva = search("text: geneve").unwrap();
    assert_eq!(geneva.len(), 1, "{geneva:?}");
    assert_eq!(geneva[0].text, "Genève");
    let treaty = search("text: treat*").unwrap();
    assert_eq!(treaty[0].title, "Moscow extends the treaty", "newest first");
    assert!(
        treaty.len() > 2
            && treaty
                .iter()
                .all(|h| h.text.to_lowercase().starts_with("treat")),
        "{treaty:?}"
    );
    assert!(search("text: nothingsuch").unwrap().is_empty());
    let bad = search("\"unclosed").unwrap_err().to_string();
    assert!(bad.contains("cannot search for"), "{bad}");
    // At most as many as asked for.
    assert_eq!(
        library
            .search(&SearchQuery::parse("text: putin").unwrap(), 1)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_database_from_a_newer_gloss_is_left_alone_and_the_files_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let expected = three(tmp.path()).entries();
    let db = rusqlite::Connection::open(index_file(tmp.path())).unwrap();
    db.execute("UPDATE meta SET value = 99 WHERE key = 'schema'", [])
        .unwrap();
    drop(db);
    let mut library = Library::open(tmp.path()).unwrap();
    let notice = library.take_notice().unwrap();
    assert!(notice.contains("newer gloss"), "{notice}");
    assert_eq!(library.entries(), expected);
    library
        .save_article(
            &article("https://new.example/a", "New", "New.", &[], &[]),
            ArticleMeta::default(),
        )
        .unwrap();
    assert_eq!(library.len(), 5);
    // A rebuild asked for makes the index in memory again, not the newer gloss's file.
    assert_eq!(library.reindex(true, &|_, _| {}).unwrap().indexed, 5);
    assert_eq!(library.len(), 5);
    drop(library);
    let db = rusqlite::Connection::open(index_file(tmp.path())).unwrap();
    let schema: i64 = db
        .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(schema, 99, "not written over");
    assert!(library_has_file(tmp.path(), "https://new.example/a"));
}

#[test]
fn a_database_from_an_older_gloss_is_rebuilt_in_this_ones_shape() {
    let tmp = tempfile::tempdir().unwrap();
    let expected = three(tmp.path()).entries();
    let db = rusqlite::Connection::open(index_file(tmp.path())).unwrap();
    db.execute_batch(
        "UPDATE meta SET value = 1 WHERE key = 'schema';
         ALTER TABLE articles DROP COLUMN annotations;",
    )
    .unwrap();
    drop(db);
    let mut library = Library::open(tmp.path()).unwrap();
    let notice = library.take_notice().unwrap();
    assert!(notice.contains("older gloss"), "{notice}");
    assert!(
        notice.contains("rebuilt from the article files"),
        "{notice}"
    );
    assert_eq!(library.entries(), expected);
    library
        .save_article(
            &article("https://new.example/a", "New", "New.", &[], &[]),
            ArticleMeta::default(),
        )
        .unwrap();
    drop(library);
    let mut again = Library::open(tmp.path()).unwrap();
    assert_eq!(again.take_notice(), None, "rebuilt once");
    assert_eq!(again.len(), 5);
}

#[test]
fn a_library_copy_without_annotations_is_not_read_to_restore_nothing() {
    use gloss::document::{Document, Source};
    use gloss::library::keep::copy_for;
    let tmp = tempfile::tempdir().unwrap();
    let dirs = gloss::config::paths::Dirs::under(&tmp.path().join("home"));
    let mut library = Library::open(&tmp.path().join("library")).unwrap();
    let text = "Vladimir Putin said it was historic.";
    let article_path = tmp.path().join("a.txt");
    std::fs::write(&article_path, text).unwrap();
    let annotations = tmp.path().join("a.txt.gloss.json");
    let source = article_path.display().to_string();
    let doc = Document::new(text.into(), Source::File(article_path.clone()));
    let untagged = article(&source, "A", text, &[], &[]);
    let entry = library
        .record(&annotations, &untagged, ArticleMeta::default())
        .unwrap();
    assert_eq!(entry.annotations, Some(0));
    assert!(
        library.article_path(&entry.id).is_file(),
        "the copy is kept"
    );
    assert_eq!(copy_for(&library, &doc, None, &dirs), None);
    let tagged = article(
        &source,
        "A",
        text,
        &[("Vladimir Putin", "Vladimir Putin")],
        &[],
    );
    let entry = library
        .record(&annotations, &tagged, ArticleMeta::default())
        .unwrap();
    assert_eq!(entry.annotations, Some(1));
    assert_eq!(
        copy_for(&library, &doc, None, &dirs),
        Some(library.article_path(&entry.id))
    );
}

fn library_has_file(dir: &Path, source: &str) -> bool {
    dir.join(format!("{}.gloss.json", article_id(source)))
        .is_file()
}

#[test]
fn a_damaged_database_is_rebuilt_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let expected = three(tmp.path()).entries();
    std::fs::write(index_file(tmp.path()), b"SQLite format 3\0 but not really").unwrap();
    let mut library = Library::open(tmp.path()).unwrap();
    let notice = library.take_notice().unwrap();
    assert!(
        notice.contains("rebuilt from the article files"),
        "{notice}"
    );
    assert_eq!(library.entries(), expected);
}

#[test]
fn a_file_changed_behind_glosss_back_is_indexed_again() {
    let tmp = tempfile::tempdir().unwrap();
    let library = three(tmp.path());
    let entry = library
        .find_source("https://other.example/weather")
        .unwrap();
    drop(library);
    let tagged = article(
        "https://other.example/weather",
        "Rain in Brittany",
        "Rain in Brittany. Nobody said anything.",
        &[("Brittany", "Brittany")],
        &[],
    );
    let path = tmp.path().join(format!("{}.gloss.json", entry.id));
    gloss::annotation::store::write_atomic(&path, file::to_json(&tagged).as_bytes()).unwrap();
    let library = Library::open(tmp.path()).unwrap();
    assert_eq!(library.get(&entry.id).unwrap().actors, 1);
    let hits = library
        .search(&SearchQuery::Mentions("brittany".into()), usize::MAX)
        .unwrap();
    assert_eq!(hits.len(), 1);
    // Its place in the list and when it was opened are kept.
    assert_eq!(
        library.get(&entry.id).unwrap().last_opened,
        entry.last_opened
    );
}

const DB_HOLDER_ENV: &str = "GLOSS_TEST_DB_HOLDER";

/// Run by the test below as a process of its own: holds a write transaction on the
/// database named in the environment until it is killed.
#[test]
fn db_holder_child() {
    let Ok(path) = std::env::var(DB_HOLDER_ENV) else {
        return;
    };
    let db = rusqlite::Connection::open(path).unwrap();
    db.execute_batch("BEGIN IMMEDIATE; UPDATE articles SET title = 'half-written' WHERE seq = 1;")
        .unwrap();
    println!("held");
    use std::io::Write as _;
    std::io::stdout().flush().unwrap();
    std::thread::sleep(std::time::Duration::from_secs(60));
}

#[test]
fn a_write_cut_off_by_a_killed_process_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let expected = three(tmp.path()).entries();
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "library::db_holder_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DB_HOLDER_ENV, index_file(tmp.path()))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("held") {
        line.clear();
        assert!(
            std::io::BufRead::read_line(&mut out, &mut line).unwrap() > 0,
            "child ended"
        );
    }
    // SIGKILL: the process dies holding its lock, mid-transaction.
    child.kill().unwrap();
    child.wait().unwrap();
    let mut library = Library::open(tmp.path()).unwrap();
    assert_eq!(
        library.entries(),
        expected,
        "the half-written change is not there"
    );
    library
        .save_article(
            &article("https://after.example/a", "After", "After.", &[], &[]),
            ArticleMeta::default(),
        )
        .unwrap();
    assert_eq!(library.len(), 5);
}

#[test]
fn removing_the_database_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let library = three(tmp.path());
    let expected = library.entries();
    let hits = library
        .search(&SearchQuery::parse("claims by Putin").unwrap(), usize::MAX)
        .unwrap();
    drop(library);
    std::fs::remove_dir_all(tmp.path().join(gloss::library::INDEX_DIR)).unwrap();
    let library = Library::open(tmp.path()).unwrap();
    assert_eq!(library.entries(), expected);
    let again = library
        .search(&SearchQuery::parse("claims by Putin").unwrap(), usize::MAX)
        .unwrap();
    assert_eq!(again, hits);
}

#[test]
fn a_rebuild_fills_a_new_file_that_takes_the_old_ones_place_whole_and_shared() {
    let tmp = tempfile::tempdir().unwrap();
    let expected = three(tmp.path()).entries().to_vec();
    let index = index_file(tmp.path());
    // What a rebuild cut short by a crash left beside the database: removed, never used.
    let mut filling = index.as_os_str().to_owned();
    filling.push(".filling");
    let filling = std::path::PathBuf::from(filling);
    std::fs::write(&filling, b"SQLite format 3\0 half written").unwrap();
    let mut library = Library::open(tmp.path()).unwrap();
    let checked = library.reindex(true, &|_, _| {}).unwrap();
    assert_eq!(checked.indexed, expected.len());
    assert!(!filling.exists());
    assert_eq!(library.entries(), expected);
    drop(library);
    // The file in place is the new one, in WAL mode (so that another gloss reads it while
    // one writes), with no log of the old one beside it.
    let db = rusqlite::Connection::open(&index).unwrap();
    let mode: String = db
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let count: i64 = db
        .query_row("SELECT count(*) FROM articles", [], |row| row.get(0))
        .unwrap();
    assert_eq!(count as usize, expected.len());
    drop(db);
    assert_eq!(Library::open(tmp.path()).unwrap().entries(), expected);
}
