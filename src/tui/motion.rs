//! Moving through the article: scrolling by rows (keeping the cursor on screen) and
//! stepping to the next match of a search.

use super::app::App;

/// Scrolls the article by `delta` rows and keeps the cursor on screen.
pub fn scroll(app: &mut App, delta: isize) {
    let width = app.geometry.text_width().max(1);
    let height = app.article_height().max(1);
    let doc = &app.session.doc;
    let before = app.top;
    app.top = if delta >= 0 {
        let end = app.wrap.end(doc, width);
        let last_top = app.wrap.backward(doc, width, end, height - 1);
        app.wrap
            .forward(doc, width, app.top, delta as usize)
            .min(last_top)
    } else {
        app.wrap.backward(doc, width, app.top, delta.unsigned_abs())
    };
    let stuck = app.top == before;
    let bottom = app.wrap.forward(doc, width, app.top, height - 1);
    let top_start = app.row_start(app.top);
    let bottom_start = app.row_start(bottom);
    let doc = &app.session.doc;
    if app.cursor < top_start {
        let mut s = doc.sentence_at(top_start);
        if doc.sentences[s].start < top_start && s + 1 < doc.sentences.len() {
            s += 1;
        }
        app.cursor = doc.sentences[s].start;
        app.selection = None;
    } else if app.cursor > bottom_start {
        let s = doc.sentence_at(bottom_start);
        app.cursor = doc.sentences[s].start.max(top_start);
        app.selection = None;
    } else if stuck {
        // The view cannot scroll further: move the cursor to the first or last sentence.
        let s = if delta > 0 {
            doc.sentences.len() - 1
        } else {
            0
        };
        app.cursor = doc.sentences[s].start;
        app.selection = None;
    }
}

/// Moves to the next (or previous) match of the search, wrapping around.
pub fn search_step(app: &mut App, forward: bool) {
    let Some(query) = &app.search else {
        return;
    };
    match query.find(&app.session.doc.text, app.cursor, forward) {
        Some(found) => {
            let wrapped = if forward {
                found.start <= app.cursor
            } else {
                found.start >= app.cursor
            };
            let text = query.text.clone();
            app.jump_to(found.start);
            app.message = Some(if wrapped {
                format!("/{text} (search wrapped around)")
            } else {
                format!("/{text}")
            });
        }
        None => app.message = Some(format!("no match for {:?}", query.text)),
    }
}
