//! The screens together: the library (first run, opening, going back, filtering, searching
//! annotations), feeds (items, marks, opening an item from its content or its page, refresh
//! and failures served by a real HTTP server, subscriptions and their cache).

use crate::common;
use crate::common::http;

use std::path::Path;

use gloss::config::Config;
use gloss::document::load;
use gloss::feed::Subscription;
use gloss::library::Library;
use gloss::open::{FeedOrigin, Opened};
use gloss::session::SpeakerChoice;
use gloss::tui::feed_view::FeedView;
use gloss::tui::screen::render_shell_text;
use gloss::tui::shell::{Screen, Shell};

use common::{context, library_shell, press_keys as press, type_keys as type_text};

fn screen(shell: &mut Shell) -> String {
    render_shell_text(shell, 120, 30)
}

/// The text with every run of spaces made one, line by line (columns are padded).
fn squeeze(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn top(shell: &Shell) -> &'static str {
    match shell.screens.last() {
        Some(Screen::Library(_)) => "library",
        Some(Screen::Feed(_)) => "feed",
        Some(Screen::Reader(_)) => "reader",
        None => "none",
    }
}

/// Tags "Vladimir Putin" as a Person and the sentence after it as his claim, in the article
/// on top (the sample), and saves.
fn tag_putin_and_his_claim(shell: &mut Shell) -> usize {
    let app = shell.reader().expect("an article is open");
    let text = app.session.doc.text.clone();
    let at = text.find("Vladimir Putin").unwrap();
    let (_, putin) = app
        .session
        .tag_entity(at..at + "Vladimir Putin".len(), "Person", None);
    let claim_at = text.find("Following a videoconference").unwrap();
    let claim_end = claim_at + text[claim_at..].find('.').unwrap() + 1;
    let (_, claim) = app.session.tag_claim(claim_at..claim_end, "Claim");
    app.session
        .set_speaker(&claim, SpeakerChoice::Entity(putin));
    app.session.save().unwrap();
    claim_at
}

#[test]
fn the_library_opens_with_the_sample_and_counts_what_was_tagged() {
    let dir = tempfile::tempdir().unwrap();
    let mut shell = library_shell(dir.path());
    let text = screen(&mut shell);
    assert!(text.contains("Library · 1 article\n"), "{text}");
    assert!(
        text.contains("Xi Jinping and Putin meet by video"),
        "{text}"
    );
    assert!(squeeze(&text).contains("0 actors · 0 claims"), "{text}");
    press(&mut shell, "enter");
    assert_eq!(top(&shell), "reader");
    assert!(screen(&mut shell).contains("1/15"));
    tag_putin_and_his_claim(&mut shell);
    press(&mut shell, "q");
    assert_eq!(top(&shell), "library");
    let text = screen(&mut shell);
    assert!(squeeze(&text).contains("1 actor · 1 claim"), "{text}");
    // Esc leaves an article too, once nothing else is open; the tags are still there.
    press(&mut shell, "enter");
    assert_eq!(shell.reader().unwrap().session.annotations.len(), 2);
    press(&mut shell, "v esc");
    assert_eq!(top(&shell), "reader", "the first Esc drops the selection");
    press(&mut shell, "esc");
    assert_eq!(top(&shell), "library");
    press(&mut shell, "q");
    assert!(shell.quit);
    // Reopened later, the library still holds the article with its counts, and the article
    // opens where it was left.
    let mut shell = library_shell(dir.path());
    assert!(squeeze(&screen(&mut shell)).contains("1 actor · 1 claim"));
    press(&mut shell, "enter j j j");
    assert!(screen(&mut shell).contains("│ 4/15 │"));
    press(&mut shell, "q enter");
    let text = screen(&mut shell);
    assert!(text.contains("│ 4/15 │"), "{text}");
}

#[test]
fn articles_opened_directly_are_kept_filtered_and_read_from_their_own_file() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "grain.txt",
            "Grain deal extended\n\nUkraine and Turkey agreed on Monday.",
        ),
        (
            "rates.txt",
            "Rates rise again\n\nThe central bank raised rates.",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let doc = load::read_file(&path).unwrap();
        let mut shell = Shell::reading(context(dir.path(), Config::default()), doc, true).unwrap();
        shell.start();
        press(&mut shell, "q");
        assert!(shell.quit);
    }
    assert!(
        !dir.path().join("rates.txt.gloss.json").exists(),
        "nothing tagged: no annotation file is made beside the article"
    );
    let mut shell = library_shell(dir.path());
    let text = screen(&mut shell);
    assert!(text.contains("Library · 3 articles"), "{text}");
    // Most recently opened first.
    let rows: Vec<&str> = text.lines().skip(1).take(3).collect();
    assert!(rows[0].contains("Rates rise again"), "{text}");
    assert!(rows[1].contains("Grain deal extended"), "{text}");
    assert!(rows[0].contains("rates.txt"), "{text}");
    press(&mut shell, "/");
    type_text(&mut shell, "GRAIN");
    let text = screen(&mut shell);
    assert!(text.contains("1 match “GRAIN”"), "{text}");
    assert!(text.contains("/GRAIN▏"), "{text}");
    assert!(!text.contains("Rates rise again"), "{text}");
    press(&mut shell, "enter");
    // The filter stays while the list is used; the article opens from its own annotation
    // file beside it, which is where new tags go.
    press(&mut shell, "enter");
    assert_eq!(top(&shell), "reader");
    let text = screen(&mut shell);
    assert!(
        text.contains("│ grain.txt │"),
        "named by the article: {text}"
    );
    let beside = dir.path().join("grain.txt.gloss.json");
    assert_eq!(shell.reader().unwrap().session.storage.path, beside);
    let app = shell.reader().unwrap();
    let at = app.session.doc.text.find("Ukraine").unwrap();
    app.session.tag_entity(at..at + 7, "Place", None);
    app.session.save().unwrap();
    press(&mut shell, "q esc");
    let text = screen(&mut shell);
    assert!(
        text.contains("Library · 3 articles\n"),
        "Esc clears the filter: {text}"
    );
    assert!(squeeze(&text).contains("1 actor · 0 claims"), "{text}");
    assert!(
        std::fs::read_to_string(&beside)
            .unwrap()
            .contains("Ukraine")
    );
    // With the original gone, the library's copy is read.
    std::fs::remove_file(&beside).unwrap();
    std::fs::remove_file(dir.path().join("grain.txt")).unwrap();
    let mut shell = library_shell(dir.path());
    press(&mut shell, "/");
    type_text(&mut shell, "grain");
    press(&mut shell, "enter enter");
    assert_eq!(top(&shell), "reader");
    let app = shell.reader().unwrap();
    assert!(app.session.doc.text.contains("Ukraine and Turkey"));
    assert_eq!(app.session.annotations.len(), 1);
}

#[test]
fn a_search_across_annotations_jumps_to_each_hit() {
    let dir = tempfile::tempdir().unwrap();
    let mut shell = library_shell(dir.path());
    press(&mut shell, "enter");
    let claim_at = tag_putin_and_his_claim(&mut shell);
    press(&mut shell, "q s");
    type_text(&mut shell, "every claim by putin");
    press(&mut shell, "enter");
    // The search reads the articles on a worker: the list stays usable meanwhile.
    assert!(shell.work.busy());
    assert!(screen(&mut shell).contains("searching 1 article for"));
    shell.wait_job();
    let text = screen(&mut shell);
    assert!(
        text.contains("Search: every claim by putin · 1 found"),
        "{text}"
    );
    assert!(text.contains("claim"), "{text}");
    assert!(text.contains("q back"), "{text}");
    assert!(
        squeeze(&text)
            .contains("claim Vladimir Putin Xi Jinping and Putin meet b… Following a video"),
        "{text}"
    );
    press(&mut shell, "enter");
    assert_eq!(top(&shell), "reader");
    assert_eq!(shell.reader().unwrap().cursor, claim_at);
    // Back to the results, then to the list.
    press(&mut shell, "q");
    assert!(screen(&mut shell).contains("Search: every claim by putin"));
    press(&mut shell, "esc");
    assert!(screen(&mut shell).contains("Library · 1 article"));
    // Esc stops a search that is still running; nothing is shown of it.
    press(&mut shell, "s");
    type_text(&mut shell, "putin");
    press(&mut shell, "enter esc");
    assert!(!shell.work.busy());
    let text = screen(&mut shell);
    assert!(
        text.contains("cancelled") && text.contains("Library · 1 article"),
        "{text}"
    );
    press(&mut shell, "s");
    type_text(&mut shell, "putin");
    press(&mut shell, "enter");
    shell.wait_job();
    let text = screen(&mut shell);
    // A bare name finds what the actor says and where it is mentioned, in text order.
    assert!(text.contains("2 found"), "{text}");
    assert!(
        squeeze(&text).contains("claim Vladimir Putin Xi Jinping and Putin meet b… Following"),
        "{text}"
    );
    assert!(
        squeeze(&text).contains("mention Vladimir Putin Xi Jinping and Putin meet b…"),
        "{text}"
    );
    assert!(
        text.contains("President Vladimir Putin on"),
        "context: {text}"
    );
    press(&mut shell, "esc s");
    type_text(&mut shell, "mentions of the Kremlin");
    press(&mut shell, "enter");
    shell.wait_job();
    assert!(screen(&mut shell).contains("nothing found for \"mentions of the Kremlin\""));
}

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Test News</title><link>https://news.example/</link>
<item><title>Full story in the feed</title><link>LINK/full</link>
<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Vladimir Putin said the talks went well.</p><p>The Kremlin agreed.</p>]]></content:encoded></item>
<item><title>Only a link</title><link>LINK/page</link>
<pubDate>Sun, 01 Nov 2026 10:00:00 GMT</pubDate><description>Short teaser.</description></item>
<item><title>A broken link</title><link>LINK/gone</link>
<pubDate>Sat, 31 Oct 2026 10:00:00 GMT</pubDate></item>
<item><title>A broken link with a teaser</title><link>LINK/gone-too</link>
<pubDate>Fri, 30 Oct 2026 10:00:00 GMT</pubDate><description>The teaser stands in.</description></item>
<item><title>No link, no guid</title><description>Only this text.</description></item>
</channel></rss>"#;

const PAGE: &str = "<html><head><title>Only a link</title></head><body><article><h1>Only a link</h1>\
<p>Emmanuel Macron told reporters in Paris that the summit had been useful and that talks would go on.</p>\
<p>He added that Germany and Italy backed the plan, according to officials close to the talks.</p>\
</article></body></html>";

fn feed_view(base: &str) -> (FeedView, String) {
    let xml = FEED.replace("LINK", base);
    let feed = gloss::feed::parse(xml.as_bytes(), "test").unwrap();
    let origin = FeedOrigin::Url(format!("{base}/feed.xml"));
    (FeedView::single(feed, origin), xml)
}

#[test]
fn feed_items_open_from_their_content_or_their_page_and_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let base = http::serve(vec![(
        "/page",
        http::Reply::Ok("text/html; charset=utf-8", PAGE.as_bytes().to_vec()),
    )]);
    let (view, _) = feed_view(&base);
    let mut shell = Shell::new(context(dir.path(), Config::default()), Screen::Feed(view));
    let text = screen(&mut shell);
    assert!(text.contains("Test News · 5 items"), "{text}");
    assert!(text.contains("• Full story in the feed"), "{text}");
    assert!(text.contains("2026-11-02"), "{text}");
    // An item with its full content opens at once, from the feed.
    press(&mut shell, "enter");
    assert_eq!(top(&shell), "reader");
    assert!(!shell.work.busy());
    let app = shell.reader().unwrap();
    assert!(
        app.session
            .doc
            .text
            .contains("Vladimir Putin said the talks went well.")
    );
    let at = app.session.doc.text.find("Kremlin").unwrap();
    app.session.tag_entity(at..at + 7, "Organisation", None);
    app.session.save().unwrap();
    press(&mut shell, "q");
    let text = screen(&mut shell);
    assert!(text.contains("✎ Full story in the feed"), "{text}");
    // An item with only a link is fetched on a worker thread, then opens.
    press(&mut shell, "j enter");
    assert!(shell.work.busy());
    assert!(screen(&mut shell).contains("Esc cancels"));
    shell.wait_job();
    assert_eq!(top(&shell), "reader");
    assert!(
        shell
            .reader()
            .unwrap()
            .session
            .doc
            .text
            .contains("Emmanuel Macron told reporters")
    );
    press(&mut shell, "q");
    let text = screen(&mut shell);
    assert!(
        text.contains("  Only a link"),
        "opened, not annotated: {text}"
    );
    // A link that fails says why in the status bar, and the list stays.
    press(&mut shell, "j enter");
    shell.wait_job();
    assert_eq!(top(&shell), "feed");
    let text = screen(&mut shell);
    assert!(text.contains("404"), "{text}");
    // When it has a summary, the summary stands in, and the status says why.
    press(&mut shell, "j enter");
    shell.wait_job();
    assert_eq!(top(&shell), "reader");
    let text = screen(&mut shell);
    assert!(text.contains("The teaser stands in."), "{text}");
    assert!(
        text.contains("404 Not Found · showing the feed's summary"),
        "{text}"
    );
    press(&mut shell, "q");
    // An item with neither link nor id opens from its text, and again as the same item.
    press(&mut shell, "j enter");
    assert!(screen(&mut shell).contains("Only this text."));
    press(&mut shell, "q");
    assert!(!screen(&mut shell).contains("• No link, no guid"));
    // Both opened articles are in the library, with the feed's name and date.
    let library = shell.ctx.library.as_ref().unwrap();
    let full = library.find_source(&format!("{base}/full")).unwrap();
    assert_eq!(full.feed.as_deref(), Some("Test News"));
    assert!(full.date.as_deref().unwrap().starts_with("2026-11-02"));
    assert!(library.find_source(&format!("{base}/page")).is_some());
    assert_eq!(library.entries().len(), 5, "the sample and four items");
    // Opened again, an item comes from the library, tags and all, without a fetch.
    press(&mut shell, "g enter");
    assert_eq!(shell.reader().unwrap().session.annotations.len(), 1);
}

#[test]
fn subscriptions_refresh_on_a_worker_thread_cache_and_report_failures() {
    let dir = tempfile::tempdir().unwrap();
    let (_, xml) = feed_view("https://news.example");
    let base = http::serve(vec![
        (
            "/good.xml",
            http::Reply::Ok("application/rss+xml", xml.into_bytes()),
        ),
        (
            "/broken.xml",
            http::Reply::Status("500 Internal Server Error"),
        ),
        (
            "/notxml",
            http::Reply::Ok("text/plain", b"this is not a feed".to_vec()),
        ),
    ]);
    let config = Config {
        feeds: ["good.xml", "broken.xml", "notxml"]
            .iter()
            .map(|p| Subscription {
                name: format!("Feed {p}"),
                url: format!("{base}/{p}"),
            })
            .collect(),
        ..Config::default()
    };
    let mut shell = Shell::feeds(context(dir.path(), config.clone()));
    assert!(shell.work.busy(), "feeds never read are fetched at once");
    assert!(screen(&mut shell).contains("fetching 3 feeds"));
    shell.wait_job();
    let text = screen(&mut shell);
    assert!(text.contains("Feeds · 5 items"), "{text}");
    assert!(text.contains("2 failed to load"), "{text}");
    assert!(text.contains("2 of the 3 feeds fetched failed"), "{text}");
    let Some(Screen::Feed(view)) = shell.screens.last() else {
        panic!("the feed list")
    };
    assert_eq!(view.cursor.selected, 0, "the newest item is selected");
    assert!(text.contains("500"), "{text}");
    // Items of several feeds name their feed.
    assert!(text.contains("Feed good.xml"), "{text}");
    // The good feed was cached: the next start shows it at once.
    let mut shell = Shell::feeds(context(dir.path(), config.clone()));
    let text = screen(&mut shell);
    assert!(text.contains("Full story in the feed"), "{text}");
    shell.wait_job();
    // r refreshes the feed under the cursor only; R all of them.
    press(&mut shell, "r");
    let text = screen(&mut shell);
    assert!(
        text.contains(&format!("fetching {base}/good.xml")),
        "{text}"
    );
    shell.wait_job();
    let text = screen(&mut shell);
    assert!(
        text.contains("refreshed Feed good.xml · 5 items in all"),
        "{text}"
    );
    press(&mut shell, "R");
    shell.wait_job();
    assert!(screen(&mut shell).contains("2 of the 3 feeds fetched failed"));
    // Esc cancels a fetch; q goes back (here: quits, nothing is below).
    press(&mut shell, "R esc");
    assert!(!shell.work.busy());
    assert!(screen(&mut shell).contains("cancelled"));
    press(&mut shell, "q");
    assert!(shell.quit);
    // Nothing failed half-way in the library: every article file there parses.
    let library = Library::open(&dir.path().join("data/library")).unwrap();
    for entry in library.entries() {
        library.load_article(&entry.id).unwrap();
    }
}

#[test]
fn f_in_the_library_shows_the_feeds_and_q_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut shell = library_shell(dir.path());
    press(&mut shell, "F");
    assert_eq!(top(&shell), "feed");
    let text = screen(&mut shell);
    assert!(text.contains("No feeds yet"), "{text}");
    press(&mut shell, "?");
    let help = screen(&mut shell);
    assert!(help.contains("Refresh every feed"), "{help}");
    assert!(!help.contains("claims by NAME"), "{help}");
    assert!(!help.contains("Search every article"), "{help}");
    press(&mut shell, "esc");
    press(&mut shell, "R");
    assert!(screen(&mut shell).contains("no feeds: add [[feeds]]"));
    press(&mut shell, "q");
    assert_eq!(top(&shell), "library");
    assert!(!shell.quit);
}

#[test]
fn a_feed_file_is_opened_as_a_feed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.xml");
    std::fs::write(&path, FEED.replace("LINK", "https://news.example")).unwrap();
    let Ok(Opened::Feed(feed, origin)) = gloss::open::open_path(&path) else {
        panic!("a feed");
    };
    assert_eq!(feed.items.len(), 5);
    let mut shell = Shell::new(
        context(dir.path(), Config::default()),
        Screen::Feed(FeedView::single(feed, origin)),
    );
    std::fs::write(&path, "not xml").unwrap();
    press(&mut shell, "r");
    let text = screen(&mut shell);
    assert!(text.contains("news.xml: "), "{text}");
    assert!(
        text.contains("Test News · 5 items"),
        "old items stay: {text}"
    );
}

#[test]
fn a_long_article_is_shown_at_once_and_its_suggestions_fill_in_from_a_worker() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let paragraph = "Officials in Geneva said the talks would resume on Monday. ";
    let text = format!("A long report\n\n{}", paragraph.repeat(6_000));
    std::fs::write(&path, &text).unwrap();
    let doc = load::read_file(&path).unwrap();
    let mut shell = Shell::reading(context(dir.path(), Config::default()), doc, true).unwrap();
    shell.start();
    press(&mut shell, "q");
    let mut shell = library_shell(dir.path());
    press(&mut shell, "enter");
    assert_eq!(top(&shell), "reader", "the article is shown at once");
    assert!(
        shell
            .reader()
            .unwrap()
            .session
            .suggestions
            .entities
            .is_empty()
    );
    let text = screen(&mut shell);
    assert!(text.contains("A long report"), "{text}");
    assert!(text.contains("detecting"), "{text}");
    // Keys work meanwhile.
    press(&mut shell, "j k");
    shell.wait_job();
    let app = shell.reader().unwrap();
    assert!(
        app.session
            .suggestions
            .entities
            .iter()
            .any(|e| &app.session.doc.text[e.range.clone()] == "Geneva"),
        "the suggestions are in"
    );
    let text = screen(&mut shell);
    assert!(!text.contains("detecting"));
    assert!(text.contains("? Geneva"), "the panel lists them: {text}");
}

#[test]
fn a_long_article_file_shows_its_start_at_once_and_its_reader_takes_the_keys_pressed_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let paragraph = "Officials in Geneva said the talks would resume on Monday. ";
    let text = format!("A long report\n\n{}", paragraph.repeat(6_000));
    std::fs::write(&path, &text).unwrap();
    let min = gloss::tui::shell::open::BACKGROUND_OPEN_BYTES as u64;
    let read = gloss::open::read_long_article(&path, min).unwrap().unwrap();
    let mut shell = Shell::previewing(context(dir.path(), Config::default()), read, path.clone());
    let preview = shell.preview().expect("the start is shown");
    assert!(
        preview.session.doc.text.len() < text.len() / 4,
        "only the start is split"
    );
    let first = screen(&mut shell);
    assert!(first.contains("A long report"), "{first}");
    assert!(first.contains("Officials in Geneva said"), "{first}");
    assert!(first.contains("OPENING"), "{first}");
    press(&mut shell, "j j j");
    assert_eq!(top(&shell), "none", "the reader is not open yet");
    shell.wait_job();
    assert_eq!(top(&shell), "reader");
    assert!(shell.preview().is_none());
    let app = shell.reader().unwrap();
    assert_eq!(app.session.doc.text, text, "the whole article");
    assert_eq!(
        app.sentence(),
        3,
        "the keys pressed meanwhile moved the cursor"
    );
    assert!(!app.session.is_read_only());
    let opened = screen(&mut shell);
    assert!(!opened.contains("OPENING"), "{opened}");
    assert!(opened.contains("4/6001"), "{opened}");

    // Keys past the cap are dropped, a q among them too: it does not stop the opening.
    let read = gloss::open::read_long_article(&path, min).unwrap().unwrap();
    let mut shell = Shell::previewing(context(dir.path(), Config::default()), read, path.clone());
    press(&mut shell, &vec!["j"; 300].join(" "));
    press(&mut shell, "q");
    assert!(!shell.quit, "a q past the held keys does not quit");
    shell.wait_job();
    assert_eq!(top(&shell), "reader");
    press(&mut shell, "q");

    // Ctrl-C while it is read stops it, and gloss.
    let read = gloss::open::read_long_article(&path, min).unwrap().unwrap();
    let mut shell = Shell::previewing(context(dir.path(), Config::default()), read, path.clone());
    press(&mut shell, "ctrl-c");
    assert!(shell.quit);
    assert_eq!(shell.failure.as_deref(), Some("cancelled opening"));

    // Only a long plain article is read this way.
    let short = dir.path().join("short.txt");
    std::fs::write(&short, "A short report.").unwrap();
    let feed = dir.path().join("long.rss");
    std::fs::write(&feed, &text).unwrap();
    for other in [
        short,
        feed,
        dir.path().join("missing.txt"),
        dir.path().to_path_buf(),
    ] {
        assert!(
            gloss::open::read_long_article(&other, min)
                .unwrap()
                .is_none(),
            "{}",
            other.display()
        );
    }
}

#[test]
fn a_fetch_that_ends_after_another_article_opened_does_not_cover_it() {
    let dir = tempfile::tempdir().unwrap();
    let base = http::serve(vec![(
        "/page",
        http::Reply::Slow(std::time::Duration::from_millis(300)),
    )]);
    let (view, _) = feed_view(&base);
    let mut shell = Shell::new(context(dir.path(), Config::default()), Screen::Feed(view));
    // "Only a link" is fetched; meanwhile the item with its full content is opened.
    press(&mut shell, "j enter");
    assert!(shell.work.busy());
    press(&mut shell, "k enter");
    assert_eq!(top(&shell), "reader");
    shell.wait_job();
    let app = shell.reader().unwrap();
    assert!(
        app.session
            .doc
            .text
            .contains("Vladimir Putin said the talks")
    );
    press(&mut shell, "q");
    assert_eq!(top(&shell), "feed");
    // Esc cancels a running fetch before it clears a filter.
    press(&mut shell, "/");
    type_text(&mut shell, "link");
    press(&mut shell, "enter enter");
    assert!(shell.work.busy());
    press(&mut shell, "esc");
    assert!(!shell.work.busy());
    assert!(screen(&mut shell).contains("“link”"), "the filter stays");
}

#[test]
fn a_file_whose_annotation_file_is_gone_gets_its_tags_back_from_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.txt");
    let text = "Harbour strike\n\nPutin spoke in Moscow. Xi listened in Beijing.";
    std::fs::write(&path, text).unwrap();
    let open_file = |dir: &Path| {
        let doc = load::read_file(&path).unwrap();
        let mut shell = Shell::reading(context(dir, Config::default()), doc, true).unwrap();
        shell.start();
        shell
    };
    let mut shell = open_file(dir.path());
    let app = shell.reader().unwrap();
    let at = text.find("Putin").unwrap();
    app.session.tag_entity(at..at + 5, "Person", None);
    app.session.save().unwrap();
    press(&mut shell, "q");
    // The annotation file and the article go; the library's copy opens and gets a tag more.
    std::fs::remove_file(dir.path().join("story.txt.gloss.json")).unwrap();
    std::fs::remove_file(&path).unwrap();
    let mut shell = library_shell(dir.path());
    press(&mut shell, "enter");
    let app = shell.reader().unwrap();
    assert_eq!(app.session.annotations.len(), 1);
    let at = text.find("Xi").unwrap();
    app.session.tag_entity(at..at + 2, "Person", None);
    app.session.save().unwrap();
    press(&mut shell, "q q");
    // The article comes back: opened by name, it has both tags, and the copy keeps them.
    std::fs::write(&path, text).unwrap();
    let mut shell = open_file(dir.path());
    let text_on_screen = screen(&mut shell);
    assert_eq!(shell.reader().unwrap().session.annotations.len(), 2);
    assert!(
        text_on_screen.contains("2 annotations restored from the library's copy"),
        "{text_on_screen}"
    );
    press(&mut shell, "q");
    let library = Library::open(&dir.path().join("data/library")).unwrap();
    let entries = library.entries();
    let entry = entries
        .iter()
        .find(|e| e.title.contains("Harbour"))
        .unwrap();
    assert_eq!(entry.actors, 2, "{entry:?}");
}

#[test]
fn tags_made_in_the_library_copy_survive_a_lost_index_and_an_older_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.md");
    let text = "Berlin talks\n\nAngela Merkel met Emmanuel Macron in Berlin.";
    std::fs::write(&path, text).unwrap();
    let open_file = || {
        let doc = load::read_file(&path).unwrap();
        let mut shell = Shell::reading(context(dir.path(), Config::default()), doc, true).unwrap();
        shell.start();
        shell
    };
    let mut shell = open_file();
    let app = shell.reader().unwrap();
    let at = text.find("Berlin.").unwrap();
    app.session.tag_entity(at..at + 6, "Place", None);
    app.session.save().unwrap();
    press(&mut shell, "q");
    // The index and the article's entry are lost: the library then knows only its copy,
    // which opens as the file to write, and gets a tag more there.
    let library_dir = dir.path().join("data/library");
    std::fs::write(library_dir.join(".index/library.db"), "garbage").unwrap();
    for entry in std::fs::read_dir(&library_dir).unwrap() {
        let entry = entry.unwrap().path();
        if entry.to_string_lossy().ends_with(".entry.json") {
            std::fs::remove_file(entry).unwrap();
        }
    }
    let mut shell = library_shell(dir.path());
    press(&mut shell, "/");
    type_text(&mut shell, "berlin");
    press(&mut shell, "enter enter");
    let app = shell.reader().unwrap();
    let at = text.find("Angela Merkel").unwrap();
    app.session.tag_entity(at..at + 13, "Person", None);
    app.session.save().unwrap();
    press(&mut shell, "q q");
    // Opening the article by name reads the older file beside it; the copy's tags are kept.
    let mut shell = open_file();
    let text_on_screen = screen(&mut shell);
    assert!(
        text_on_screen.contains("the library's copy had newer tags"),
        "{text_on_screen}"
    );
    press(&mut shell, "q");
    let library = Library::open(&library_dir).unwrap();
    let entries = library.entries();
    let kept = entries
        .iter()
        .find(|e| e.title.contains("(kept"))
        .expect("the copy is kept");
    assert_eq!(library.load_article(&kept.id).unwrap().annotations.len(), 2);
}

#[test]
fn keys_do_nothing_while_the_screen_is_too_small_but_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let mut shell = library_shell(dir.path());
    press(&mut shell, "enter");
    render_shell_text(&mut shell, 10, 3);
    press(&mut shell, "Y x q");
    assert_eq!(top(&shell), "reader");
    assert!(shell.reader().unwrap().session.annotations.is_empty());
    press(&mut shell, "ctrl-c");
    assert!(shell.quit);
}

/// The annotations in the file at `path` now.
fn annotations_on_disk(path: &Path) -> usize {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    json["annotations"].as_array().unwrap().len()
}

#[test]
fn background_saves_say_saved_only_once_on_disk_and_leaving_waits_for_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut shell = library_shell(dir.path());
    shell.save_in_background();
    press(&mut shell, "enter");
    let path = shell.reader().unwrap().session.storage.path.clone();
    // Accept a sentence's suggestions, take them back and put them back: three saves handed
    // over at once, each expecting the version the one before it wrote.
    press(&mut shell, "Y u ctrl-r");
    let tagged = shell.reader().unwrap().session.annotations.len();
    assert!(tagged > 0);
    let state = &shell.reader().unwrap().session.save_state;
    assert!(
        matches!(
            state,
            gloss::session::SaveState::Saving | gloss::session::SaveState::Saved
        ),
        "{state:?}"
    );
    shell.flush_saves();
    assert!(!shell.saving());
    let app = shell.reader().unwrap();
    assert_eq!(app.session.save_state, gloss::session::SaveState::Saved);
    assert_eq!(
        app.message.as_deref(),
        Some("redid: accepted 6 suggestions")
    );
    assert_eq!(annotations_on_disk(&path), tagged);
    assert!(screen(&mut shell).contains("saved ✓"));
    // Leaving waits for the last save: the file holds the undo made just before.
    press(&mut shell, "u q");
    assert_eq!(top(&shell), "library");
    assert_eq!(annotations_on_disk(&path), 0);
}

/// Takes the loop's events until no reader's panel is being built (at most ten seconds).
fn wait_for_panels(shell: &mut Shell) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while shell.panel_pending() && std::time::Instant::now() < deadline {
        shell.next_input(std::time::Duration::from_millis(20));
    }
    assert!(!shell.panel_pending(), "the panel was never built");
}

#[test]
fn a_panel_built_in_the_background_is_the_one_built_at_once_with_the_learned_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut shell = library_shell(dir.path());
    shell.save_in_background();
    shell.build_panels_in_background();
    press(&mut shell, "enter");
    let rows_before = shell.reader().unwrap().panel_items.clone();
    // Accepting the first sentence's suggestions learns new names: the frame after the key
    // shows the new annotations with the rows of before, until the builder is done.
    press(&mut shell, "Y");
    assert!(shell.panel_pending());
    let app = shell.reader().unwrap();
    assert!(!app.session.annotations.is_empty());
    assert!(app.session.suggestions_stale());
    assert_eq!(app.panel_items, rows_before);
    wait_for_panels(&mut shell);
    let app = shell.reader().unwrap();
    assert!(!app.session.suggestions_stale());
    assert_ne!(app.panel_items, rows_before);
    assert_eq!(
        app.panel_items,
        gloss::tui::panel::build(app.session.annotated())
    );
    let built = app.session.suggestions.entities.clone();
    app.session.rebuild_suggestions();
    assert_eq!(app.session.suggestions.entities, built);
    // Taking it back: the learned names are forgotten, the rows are those of the start.
    press(&mut shell, "u");
    wait_for_panels(&mut shell);
    assert_eq!(shell.reader().unwrap().panel_items, rows_before);
    shell.flush_saves();
}

#[test]
fn a_key_while_the_panel_is_being_built_gets_the_rows_of_now() {
    let dir = tempfile::tempdir().unwrap();
    let mut shell = library_shell(dir.path());
    shell.save_in_background();
    shell.build_panels_in_background();
    press(&mut shell, "enter");
    // The key after Y comes before the builder's rows are taken: it must not see the rows
    // (or the suggestions) of before Y.
    press(&mut shell, "Y tab");
    let app = shell.reader().unwrap();
    assert!(app.panel_pending().is_none());
    assert!(!app.session.suggestions_stale());
    let now = gloss::tui::panel::build(app.session.annotated());
    assert_eq!(app.panel_items, now);
    shell.flush_saves();
}

#[test]
fn a_background_save_never_writes_over_a_file_changed_behind_glosss_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut shell = library_shell(dir.path());
    shell.save_in_background();
    press(&mut shell, "enter Y");
    shell.flush_saves();
    let path = shell.reader().unwrap().session.storage.path.clone();
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"annotations\"", "\"annotations\" ");
    std::fs::write(&path, &theirs).unwrap();
    press(&mut shell, "u");
    shell.flush_saves();
    let app = shell.reader().unwrap();
    assert!(
        matches!(&app.session.save_state, gloss::session::SaveState::Failed(e) if e.contains("changed")),
        "{:?}",
        app.session.save_state
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn a_filter_with_many_matches_reads_them_a_screen_at_a_time_and_g_goes_to_the_last() {
    let dir = tempfile::tempdir().unwrap();
    let folder = common::dirs(dir.path()).data.join("library");
    let mut library = Library::open(&folder).unwrap();
    for n in 0..300 {
        let text = format!("Report {n}\n\nThe council met.");
        let chars = gloss::text::offsets::CharIndex::new(&text);
        let source = format!("https://news.example/report-{n}");
        let header = gloss::annotation::file::Header {
            source: &source,
            title: &format!("Report {n}"),
            text: &text,
            chars: &chars,
        };
        let file = gloss::annotation::file::build(
            header,
            &gloss::annotation::AnnotationSet::new(),
            &[],
            &[],
        );
        library
            .save_article(&file, gloss::library::ArticleMeta::default())
            .unwrap();
    }
    drop(library);
    let mut shell = library_shell(dir.path());
    press(&mut shell, "/");
    type_text(&mut shell, "report");
    press(&mut shell, "enter");
    let text = screen(&mut shell);
    assert!(text.contains("256+ matches “report”"), "{text}");
    assert!(text.contains("Report 299"), "newest first: {text}");
    press(&mut shell, "G");
    let text = screen(&mut shell);
    assert!(text.contains("300 matches “report”"), "{text}");
    assert!(text.contains("Report 0 "), "{text}");
    press(&mut shell, "g enter");
    assert_eq!(top(&shell), "reader");
    assert!(screen(&mut shell).contains("Report 299"));
}

/// The title of the article in the reader on top.
fn reading(shell: &mut Shell) -> String {
    shell.reader().unwrap().session.doc.title.clone()
}

#[test]
fn brackets_open_the_next_and_previous_article_of_the_list_as_it_was_saving_first() {
    let dir = tempfile::tempdir().unwrap();
    let folder = common::dirs(dir.path()).data.join("library");
    let mut library = Library::open(&folder).unwrap();
    for n in 0..5 {
        let text = format!("Report {n}\n\nThe council met in Paris.");
        let chars = gloss::text::offsets::CharIndex::new(&text);
        let source = format!("https://news.example/report-{n}");
        let header = gloss::annotation::file::Header {
            source: &source,
            title: &format!("Report {n}"),
            text: &text,
            chars: &chars,
        };
        let file = gloss::annotation::file::build(
            header,
            &gloss::annotation::AnnotationSet::new(),
            &[],
            &[],
        );
        library
            .save_article(&file, gloss::library::ArticleMeta::default())
            .unwrap();
    }
    drop(library);
    let mut shell = library_shell(dir.path());
    // Newest first: Report 4, 3, 2, 1, 0 (and the sample, first opened, last).
    press(&mut shell, "j enter");
    assert_eq!(reading(&mut shell), "Report 3");
    // Tag something: ] saves it before leaving.
    press(&mut shell, "j Y");
    let path = shell.reader().unwrap().session.storage.path.clone();
    press(&mut shell, "]");
    assert_eq!(top(&shell), "reader");
    assert_eq!(reading(&mut shell), "Report 2");
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert!(!saved["annotations"].as_array().unwrap().is_empty());
    // The list moved (each article opened went to the top), the trail did not.
    press(&mut shell, "] ]");
    assert_eq!(reading(&mut shell), "Report 0");
    press(&mut shell, "[ [ [");
    assert_eq!(reading(&mut shell), "Report 3");
    press(&mut shell, "[");
    assert_eq!(reading(&mut shell), "Report 4");
    press(&mut shell, "[");
    assert_eq!(reading(&mut shell), "Report 4");
    assert_eq!(
        shell.reader().unwrap().message.as_deref(),
        Some("this is the first article of the list")
    );
    // Back in the list, the article last read is selected.
    press(&mut shell, "q");
    assert_eq!(top(&shell), "library");
}

#[test]
fn brackets_in_an_article_not_opened_from_a_list_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::open_sample(dir.path());
    let requests = gloss::tui::update::handle_key(&mut app, common::key("]"));
    assert_eq!(requests, [gloss::tui::request::Request::Neighbour(1)]);
    let ctx = context(dir.path(), Config::default());
    let mut shell = Shell::new(
        ctx,
        Screen::Reader(Box::new(gloss::tui::shell::Reading {
            app,
            meta: gloss::library::ArticleMeta::default(),
        })),
    );
    press(&mut shell, "]");
    assert_eq!(top(&shell), "reader");
    let message = shell.reader().unwrap().message.clone().unwrap();
    assert!(message.contains("move through the list"), "{message}");
}

#[test]
fn brackets_never_leave_an_article_whose_save_failed() {
    let dir = tempfile::tempdir().unwrap();
    let folder = common::dirs(dir.path()).data.join("library");
    let mut library = Library::open(&folder).unwrap();
    for n in 0..2 {
        let text = format!("Report {n}\n\nThe council met in Paris.");
        let chars = gloss::text::offsets::CharIndex::new(&text);
        let source = format!("https://news.example/report-{n}");
        let header = gloss::annotation::file::Header {
            source: &source,
            title: &format!("Report {n}"),
            text: &text,
            chars: &chars,
        };
        let file = gloss::annotation::file::build(
            header,
            &gloss::annotation::AnnotationSet::new(),
            &[],
            &[],
        );
        library
            .save_article(&file, gloss::library::ArticleMeta::default())
            .unwrap();
    }
    drop(library);
    let mut shell = library_shell(dir.path());
    press(&mut shell, "enter");
    assert_eq!(reading(&mut shell), "Report 1");
    // Someone else changes the article's file: the next save is refused.
    let path = shell.reader().unwrap().session.storage.path.clone();
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"annotations\"", "\"annotations\" ");
    std::fs::write(&path, &theirs).unwrap();
    press(&mut shell, "j Y");
    assert!(matches!(
        shell.reader().unwrap().session.save_state,
        gloss::session::SaveState::Failed(_)
    ));
    press(&mut shell, "]");
    assert_eq!(reading(&mut shell), "Report 1");
    let message = shell.reader().unwrap().message.clone().unwrap();
    assert!(message.starts_with("NOT SAVED"), "{message}");
    assert!(!shell.reader().unwrap().session.annotations.is_empty());
}
