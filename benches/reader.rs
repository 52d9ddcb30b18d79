//! Opening an article to its first frame, and a keypress to the redrawn frame at 120x40, on
//! the sample and on a 5 MB article built from the Wikinews corpus.
//!
//! Run: `cargo bench --bench reader`

mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use gloss::config::Config;
use gloss::config::paths::Dirs;
use gloss::document::{Document, Source, load};
use gloss::keymap::Keymap;
use gloss::session::{self, OpenOptions};
use gloss::tui::App;
use gloss::tui::update::handle_key;
use gloss::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

fn open(doc: Document, root: &std::path::Path) -> App {
    let config = Config::default();
    let dirs = Dirs::under(root);
    let options = OpenOptions {
        config: &config,
        dirs: &dirs,
        annotations: Some(root.join("bench.gloss.json")),
        lock: false,
    };
    let session = session::open(doc, &options).unwrap();
    App::new(session, config.clone(), Keymap::defaults())
}

/// Everything `gloss` does before the first frame is on screen: read the sample, split it,
/// detect suggestions, open the annotation file, lay out and draw at 120x40.
#[divan::bench]
fn open_sample_to_first_frame(bencher: Bencher) {
    let root = tempfile::tempdir().unwrap();
    bencher.bench_local(|| {
        let mut app = open(load::sample(), root.path());
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|f| {
                app.prepare(f.area());
                view::draw(&app, f);
            })
            .unwrap();
        app
    });
}

/// Pressing `j` (next sentence) and drawing the new frame at 120x40.
#[divan::bench(args = ["sample", "wikinews-5MB"])]
fn keypress_to_frame(bencher: Bencher, article: &str) {
    let root = tempfile::tempdir().unwrap();
    let doc = match article {
        "sample" => load::sample(),
        _ => Document::new(support::wikinews_article(5_000_000), Source::Stdin),
    };
    let mut app = open(doc, root.path());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut draw = |app: &mut App| {
        terminal
            .draw(|f| {
                app.prepare(f.area());
                view::draw(app, f);
            })
            .unwrap();
    };
    draw(&mut app);
    // Start in the middle of the article, where a user reading it would be.
    let middle = app.session.doc.text.len() / 2;
    app.jump_to(app.session.doc.sentences[app.session.doc.sentence_at(middle)].start);
    draw(&mut app);
    let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    let k = KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE);
    let mut forward = true;
    let mut steps = 0;
    bencher.bench_local(|| {
        // Walk forward 200 sentences, then back, so every iteration moves and redraws.
        steps += 1;
        if steps % 200 == 0 {
            forward = !forward;
        }
        handle_key(&mut app, if forward { j } else { k });
        draw(&mut app);
    });
}

/// A shell reading a 5 MB Wikinews article with saves and panels made off the UI thread, as
/// in the terminal, the cursor on a sentence in the middle with suggestions to accept, and
/// the terminal it draws to at 120x40.
struct Tagging {
    shell: gloss::tui::Shell,
    terminal: Terminal<TestBackend>,
}

impl Tagging {
    fn new(root: &std::path::Path) -> Self {
        let path = root.join("long.txt");
        std::fs::write(&path, support::wikinews_article(5_000_000)).unwrap();
        let doc = load::read_file(&path).unwrap();
        let ctx = gloss::tui::shell::Context {
            dirs: Dirs::under(root),
            config: Config::default(),
            keymap: Keymap::defaults(),
            library: None,
            annotations: None,
        };
        let mut shell = gloss::tui::Shell::reading(ctx, doc, true).unwrap();
        shell.start();
        shell.save_in_background();
        shell.build_panels_in_background();
        let mut tagging = Tagging {
            shell,
            terminal: Terminal::new(TestBackend::new(120, 40)).unwrap(),
        };
        tagging.draw();
        let app = tagging.shell.reader().unwrap();
        let middle = app.session.doc.text.len() / 2;
        let at = app
            .session
            .suggestions
            .entities
            .iter()
            .find(|s| s.range.start >= middle)
            .map(|s| s.range.start)
            .unwrap();
        app.jump_to(at);
        tagging.draw();
        tagging
    }

    fn draw(&mut self) {
        let shell = &mut self.shell;
        self.terminal
            .draw(|f| {
                shell.prepare(f.area());
                view::draw_shell(shell, f);
            })
            .unwrap();
    }

    /// A key, then the loop's next event if one came (a save's acknowledgement), then the
    /// frame, as the terminal's loop does.
    fn press(&mut self, c: char) {
        self.shell
            .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        self.shell.next_input(std::time::Duration::ZERO);
        self.draw();
    }

    /// Takes the loop's events (saves written, panels built) until no panel is being
    /// built, drawing after each.
    fn settle(&mut self) {
        while self.shell.panel_pending() {
            self.shell.next_input(std::time::Duration::from_millis(50));
            self.draw();
        }
    }
}

/// A tagging key on a 5 MB article through the whole shell, as in the terminal: `Y` (accept
/// the sentence's suggestions, learning new names) and `u` (undo it) in turn, each handed
/// to the writer thread to save and its panel to the builder thread, then the frame
/// redrawn. The key waits for neither. Between keys (untimed) the panel is let finish, as
/// it does between a person's keys.
#[divan::bench(sample_count = 40, sample_size = 1)]
fn tagging_key_to_frame_5mb(bencher: Bencher) {
    let root = tempfile::tempdir().unwrap();
    let tagging = std::cell::RefCell::new(Tagging::new(root.path()));
    let mut accept = true;
    bencher
        .with_inputs(|| tagging.borrow_mut().settle())
        .bench_local_values(|()| {
            tagging.borrow_mut().press(if accept { 'Y' } else { 'u' });
            accept = !accept;
        });
    tagging.borrow_mut().shell.flush_saves();
}

/// The same keys to the frame that shows their panel: the key's frame, then the builder's
/// panel (rebuilding the suggestions with the names learned or forgotten) taken and drawn.
#[divan::bench(sample_count = 40, sample_size = 1)]
fn tagging_key_to_its_panel_5mb(bencher: Bencher) {
    let root = tempfile::tempdir().unwrap();
    let mut tagging = Tagging::new(root.path());
    let mut accept = true;
    bencher.bench_local(|| {
        tagging.press(if accept { 'Y' } else { 'u' });
        accept = !accept;
        tagging.settle();
    });
    tagging.shell.flush_saves();
}

/// Accepting every suggested mention of an actor named 40,000 times (`y` on its panel row),
/// then undoing it.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn accept_and_undo_an_actor_row_40000(bencher: Bencher) {
    let root = tempfile::tempdir().unwrap();
    let text = format!(
        "Putin in Moscow\n\n{}",
        "Vladimir Putin spoke in Moscow on Monday. ".repeat(40_000)
    );
    let doc = Document::new(text, Source::Stdin);
    let mut app = open(doc, root.path());
    let mut rows: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, s) in app.session.suggestions.entities.iter().enumerate() {
        rows.entry(s.actor.as_str()).or_default().push(i);
    }
    let (actor, mentions) = rows.into_iter().max_by_key(|(_, m)| m.len()).unwrap();
    let (actor, mentions) = (actor.to_string(), mentions);
    println!("{actor}: {} mentions", mentions.len());
    bencher.bench_local(|| {
        app.session.accept_entities(&mentions);
        assert_eq!(app.session.annotations.len(), mentions.len());
        app.session.undo();
        assert!(app.session.annotations.is_empty());
    });
}
