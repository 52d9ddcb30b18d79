//! What the Markdown and HTML reports share: where each annotation starts and ends in the
//! text, the actors with their mentions, and the claims grouped by speaker. Annotations are
//! numbered from 1 in file order; the number links a mark in the text to its list entry.

use super::Article;

/// A mark in the text: annotation `span` (index into the article's spans) starts or ends at
/// byte `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    /// Byte offset in the text.
    pub at: usize,
    /// True where the annotation starts.
    pub start: bool,
    /// Index into [`Article::spans`].
    pub span: usize,
}

/// Start and end events in text order. At one offset, ends come before starts; of several
/// ends the annotation that started last ends first, and of several starts the longest
/// starts first, so that marks nest wherever the annotations do.
pub fn events(article: &Article<'_>) -> Vec<Event> {
    let mut events = Vec::with_capacity(article.spans.len() * 2);
    for (i, s) in article.spans.iter().enumerate() {
        events.push(Event {
            at: s.bytes.start,
            start: true,
            span: i,
        });
        events.push(Event {
            at: s.bytes.end,
            start: false,
            span: i,
        });
    }
    let spans = &article.spans;
    events.sort_by(|a, b| {
        a.at.cmp(&b.at).then(a.start.cmp(&b.start)).then_with(|| {
            let (ra, rb) = (&spans[a.span].bytes, &spans[b.span].bytes);
            if a.start {
                rb.end.cmp(&ra.end).then(a.span.cmp(&b.span))
            } else {
                rb.start.cmp(&ra.start).then(b.span.cmp(&a.span))
            }
        })
    });
    events
}

/// A heading and the annotations (indices into [`Article::spans`]) under it.
#[derive(Debug, Clone)]
pub struct Group {
    /// The actor's or speaker's name; `None` for claims with no speaker.
    pub name: Option<String>,
    /// Labels used by the group's annotations, in order of first use.
    pub labels: Vec<String>,
    /// The annotations.
    pub items: Vec<usize>,
}

fn push(groups: &mut Vec<Group>, name: Option<&str>, label: &str, item: usize) {
    let at = match groups.iter().position(|g| g.name.as_deref() == name) {
        Some(at) => at,
        None => {
            groups.push(Group {
                name: name.map(str::to_string),
                labels: Vec::new(),
                items: Vec::new(),
            });
            groups.len() - 1
        }
    };
    let group = &mut groups[at];
    if !group.labels.iter().any(|l| l == label) {
        group.labels.push(label.to_string());
    }
    group.items.push(item);
}

/// Entity mentions grouped by actor name, in order of first mention.
pub fn actors(article: &Article<'_>) -> Vec<Group> {
    let mut groups = Vec::new();
    for (i, span) in article.spans.iter().enumerate() {
        if span.is_entity() {
            push(
                &mut groups,
                Some(article.actor_name(span)),
                &span.stored.label,
                i,
            );
        }
    }
    groups
}

/// Claims grouped by their speaker's actor name, in order of first claim; claims with no
/// (placed) speaker last, under `None`.
pub fn claims_by_speaker(article: &Article<'_>) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut unattributed = Vec::new();
    for (i, span) in article.spans.iter().enumerate() {
        if span.is_entity() {
            continue;
        }
        match article.speaker_of(span) {
            Some(speaker) => push(
                &mut groups,
                Some(article.actor_name(speaker)),
                &span.stored.label,
                i,
            ),
            None => unattributed.push(i),
        }
    }
    for i in unattributed {
        push(&mut groups, None, &article.spans[i].stored.label, i);
    }
    groups
}
