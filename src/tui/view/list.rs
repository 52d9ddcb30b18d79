//! Drawing the library and feed lists: a heading row, one row per article or item, and the
//! two status rows. Every string drawn is cleaned, whatever its origin.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::keymap::{Action, Keymap};
use crate::library::{Entry, HitKind};
use crate::text::clean::clean;
use crate::text::plural::{count, noun};
use crate::text::width::{ellipsize, pad_to, text_width};
use crate::tui::feed_view::FeedView;
use crate::tui::library_view::{LibraryView, Typing};
use crate::tui::list::CHROME;
use crate::tui::shell::Shell;
use crate::tui::style;

/// Draws the library view.
pub fn draw_library(shell: &Shell, view: &LibraryView, frame: &mut Frame<'_>) {
    let area = frame.area();
    let Some(library) = shell.ctx.library.as_ref() else {
        return;
    };
    let buf = frame.buffer_mut();
    let width = usize::from(area.width);
    let list = list_area(area);
    if let Some(results) = &view.results {
        let found = results.hits.len();
        let found = match found >= crate::tui::shell::open::SEARCH_LIMIT {
            true => format!("the first {}", crate::text::plural::grouped(found)),
            false => crate::text::plural::grouped(found),
        };
        let heading = format!(
            " Search: {} · {found} found · Enter opens, Esc goes back",
            results.query
        );
        put(buf, area.x, area.y, &heading, width, style::HEADING);
        for (row, hit) in results
            .hits
            .iter()
            .enumerate()
            .skip(results.cursor.offset)
            .take(usize::from(list.height))
        {
            let kind = match hit.kind {
                HitKind::Claim => "claim  ",
                HitKind::Mention => "mention",
                HitKind::Text => "text   ",
            };
            let line = format!(
                " {kind} {}  {}  {}",
                pad_to(&hit.actor, 18),
                pad_to(&hit.title, 28),
                hit.context
            );
            let y = list.y + (row - results.cursor.offset) as u16;
            let style = row_style(row == results.cursor.selected);
            put(buf, list.x, y, &line, width, style);
        }
    } else {
        let mut heading = format!(" Library · {}", count(view.total, "article"));
        if !view.filter.is_empty() {
            heading.push_str(&format!(
                " · {} “{}”",
                match view.rows.partial() {
                    true => format!("{}+ matches", view.rows.len()),
                    false => count(view.rows.len(), "match"),
                },
                view.filter
            ));
        }
        put(buf, area.x, area.y, &heading, width, style::HEADING);
        if view.rows.is_empty() {
            let empty = match view.filter.is_empty() {
                true => " No articles yet: open one with `gloss FILE` or `gloss URL`.",
                false => " No article matches the filter (Esc clears it).",
            };
            put(buf, list.x, list.y, empty, width, style::DIM);
        }
        let rows = view.cursor.offset..view.rows.len();
        for row in rows.take(usize::from(list.height)) {
            let Some(entry) = view.entry_at(row) else {
                continue;
            };
            let y = list.y + (row - view.cursor.offset) as u16;
            let selected = row == view.cursor.selected;
            draw_entry(buf, list.x, y, width, entry, row_style(selected));
        }
    }
    let typing = match &view.typing {
        Some(Typing::Filter) => Some(format!("/{}▏", view.filter)),
        Some(Typing::Search(query)) => Some(format!("search annotations: {query}▏")),
        None => None,
    };
    let info = format!(" {}", super::status::home_relative(library.dir()));
    let hints = [
        (Action::OpenItem, "open"),
        (Action::Filter, "filter"),
        (Action::SearchAnnotations, "search annotations"),
        (Action::Feeds, "feeds"),
        (Action::Help, "help"),
        (Action::Quit, "quit"),
    ];
    let (mode, q) = match view.results {
        Some(_) => ("SEARCH", "back"),
        None => ("LIBRARY", "quit"),
    };
    let hints = hints.map(|(action, what)| match action {
        Action::Quit => (action, q),
        _ => (action, what),
    });
    draw_status(shell, frame.buffer_mut(), area, mode, &info, typing, &hints);
    if let Some(scroll) = view.help {
        let not_here = [Action::Refresh, Action::RefreshAll];
        let footer = [
            "Filter: type, Enter keeps it, Esc clears it.",
            "Search annotations: a name (\"Kremlin\") finds its mentions;",
            "\"claims by NAME\" finds what that actor said.",
        ];
        list_help(&shell.ctx.keymap, &not_here, &footer, scroll, frame);
    }
}

fn draw_entry(buf: &mut Buffer, x: u16, y: u16, width: usize, entry: &Entry, style: Style) {
    // The date the list is sorted by: when the article was last opened.
    let date = entry.last_opened.get(..10).unwrap_or_default();
    let counts = format!(
        "{:>4} {:<6} · {:>4} {:<6}",
        entry.actors,
        noun(entry.actors, "actor"),
        entry.claims,
        noun(entry.claims, "claim")
    );
    let right = if width >= 100 {
        format!("{}  {date}  {counts}", pad_to(&short_source(entry), 24))
    } else if width >= 60 {
        format!("{date}  {counts}")
    } else {
        format!("{}a {}c ", entry.actors, entry.claims)
    };
    draw_row(buf, x, y, width, &entry.title, &right, style);
}

/// Draws a feed list.
pub fn draw_feed(shell: &Shell, view: &FeedView, frame: &mut Frame<'_>) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    let width = usize::from(area.width);
    let list = list_area(area);
    let mut heading = format!(" {} · {}", view.title, count(view.item_count(), "item"));
    if !view.filter.is_empty() {
        heading.push_str(&format!(
            " · {} “{}”",
            count(view.rows.len(), "match"),
            view.filter
        ));
    }
    let failed = view.feeds.iter().filter(|f| f.error.is_some()).count();
    if failed > 0 {
        heading.push_str(&format!(" · {failed} failed to load"));
    }
    put(buf, area.x, area.y, &heading, width, style::HEADING);
    if view.rows.is_empty() {
        let empty = if view.feeds.is_empty() {
            " No feeds yet: add [[feeds]] with name and url to the config, or run `gloss feeds import FILE.opml`."
                .to_string()
        } else if !view.filter.is_empty() {
            " No item matches the filter (Esc clears it).".to_string()
        } else if let Some(error) = view.feeds.iter().find_map(|f| f.error.as_deref()) {
            format!(" {error}")
        } else if shell.work.busy() {
            " Fetching…".to_string()
        } else {
            " No items.".to_string()
        };
        put(buf, list.x, list.y, &empty, width, style::DIM);
    }
    let library = shell.ctx.library.as_ref();
    let several = view.feeds.len() > 1;
    for row in (view.cursor.offset..view.rows.len()).take(usize::from(list.height)) {
        let (Some((state, item)), Some(&(_, index))) = (view.item(row), view.rows.get(row)) else {
            continue;
        };
        // An item read from its summary (its page could not be fetched) counts as read too.
        let source = state.source(index);
        let entry = library.and_then(|l| {
            l.find_source(source)
                .or_else(|| l.find_source(&format!("{source}#summary")))
        });
        let mark = match &entry {
            None => "•",
            Some(e) if e.actors + e.claims > 0 => "✎",
            Some(_) => " ",
        };
        let date = item
            .date
            .map(|d| d.strftime("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let right = if several && width >= 80 {
            format!("{}  {date:10} ", pad_to(&state.name, 20))
        } else if width >= 40 {
            format!("{date:10} ")
        } else {
            String::new()
        };
        let title = match item.title.is_empty() {
            true => "(untitled)",
            false => &item.title,
        };
        let left = format!("{mark} {title}");
        let y = list.y + (row - view.cursor.offset) as u16;
        let mut style = row_style(row == view.cursor.selected);
        if entry.is_none() {
            style = style.patch(style::HEADING);
        }
        draw_row(buf, list.x, y, width, &left, &right, style);
    }
    let typing = view.typing.then(|| format!("/{}▏", view.filter));
    let info = match view.feeds.as_slice() {
        [one] => format!(" {}", one.origin.describe()),
        feeds => format!(" {} feeds", feeds.len()),
    };
    let back = if shell.screens.len() > 1 {
        "back"
    } else {
        "quit"
    };
    let hints = [
        (Action::OpenItem, "open"),
        (Action::Refresh, "refresh"),
        (Action::RefreshAll, "refresh all"),
        (Action::Filter, "filter"),
        (Action::Help, "help"),
        (Action::Quit, back),
    ];
    draw_status(
        shell,
        frame.buffer_mut(),
        area,
        "FEED",
        &info,
        typing,
        &hints,
    );
    if let Some(scroll) = view.help {
        let not_here = [Action::SearchAnnotations, Action::Feeds];
        let footer = [
            "Marks: • not opened yet, ✎ annotated.",
            "Filter: type, Enter keeps it, Esc clears it.",
        ];
        list_help(&shell.ctx.keymap, &not_here, &footer, scroll, frame);
    }
}

/// The rows between the heading and the status bar.
fn list_area(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(CHROME),
    )
}

fn row_style(selected: bool) -> Style {
    if selected {
        style::SELECTED
    } else {
        Style::new()
    }
}

/// One row: `left` cut to fit, `right` at the right edge; the whole row in `style`.
fn draw_row(buf: &mut Buffer, x: u16, y: u16, width: usize, left: &str, right: &str, style: Style) {
    let right = clean(right);
    let right_width = text_width(&right).min(width);
    let left_width = width.saturating_sub(right_width + 1);
    let left = ellipsize(&format!(" {}", clean(left)), left_width);
    let pad = width.saturating_sub(text_width(&left) + right_width);
    let line = format!("{left}{}{right}", " ".repeat(pad));
    put(buf, x, y, &line, width, style);
}

/// Writes `text`, cleaned and cut to `width` columns, filling the row with `style`.
fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, width: usize, style: Style) {
    if y >= buf.area.y + buf.area.height {
        return;
    }
    let text = ellipsize(&clean(text), width);
    buf.set_style(Rect::new(x, y, width as u16, 1), style);
    buf.set_stringn(x, y, text, width, style);
}

/// A short name for where an article came from: the host of a URL, a file's name.
fn short_source(entry: &Entry) -> String {
    let source = &entry.source;
    if crate::web::address::is_web_address(source) {
        let rest = source.split_once("://").map_or(source.as_str(), |(_, r)| r);
        return rest.split('/').next().unwrap_or(rest).to_string();
    }
    if let Some(name) = source.strip_prefix("sample:") {
        return format!("sample ({name})");
    }
    std::path::Path::new(source)
        .file_name()
        .map_or_else(|| source.clone(), |n| n.to_string_lossy().into_owned())
}

/// The two status rows: mode and place, then what is typed, a message, the fetch in
/// progress, or key hints.
fn draw_status(
    shell: &Shell,
    buf: &mut Buffer,
    area: Rect,
    mode: &str,
    info: &str,
    typing: Option<String>,
    hints: &[(Action, &str)],
) {
    if area.height < CHROME {
        return;
    }
    let width = usize::from(area.width);
    let y = area.y + area.height - 2;
    buf.set_style(Rect::new(area.x, y, area.width, 2), style::STATUS);
    let mode = format!(" {mode} ");
    buf.set_stringn(area.x, y, &mode, width, style::MODE);
    let used = text_width(&mode);
    put_at(
        buf,
        area.x + used as u16,
        y,
        info,
        width.saturating_sub(used),
        style::STATUS,
    );
    let second = if let Some(typing) = typing {
        format!(" {typing}")
    } else if let (Some(message), Some(job)) = (&shell.message, shell.work.running()) {
        format!(" {message} · {}", job.status(shell.tick))
    } else if let Some(job) = shell.work.running() {
        format!(" {}", job.status(shell.tick))
    } else if let Some(message) = &shell.message {
        format!(" {message}")
    } else {
        let keys: Vec<String> = hints
            .iter()
            .filter_map(|&(action, what)| {
                Some(format!("{} {what}", shell.ctx.keymap.list_key_for(action)?))
            })
            .collect();
        format!(" {}", keys.join(" · "))
    };
    put(buf, area.x, y + 1, &second, width, Style::new());
}

fn put_at(buf: &mut Buffer, x: u16, y: u16, text: &str, width: usize, style: Style) {
    if width > 0 {
        buf.set_stringn(x, y, ellipsize(&clean(text), width), width, style);
    }
}

/// The help of a list, without the actions in `not_here`, with `footer` under the keys.
fn list_help(
    keymap: &Keymap,
    not_here: &[Action],
    footer: &[&str],
    scroll: usize,
    frame: &mut Frame<'_>,
) {
    let mut entries = keymap.list_help_entries();
    entries.retain(|e| !not_here.contains(&e.action));
    super::overlay::help_screen(keymap, &entries, footer, scroll, frame);
}
