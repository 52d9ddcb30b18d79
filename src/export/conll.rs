//! CoNLL-2003 columns with IOB2 tags: `word POS chunk NER`, one token a line, POS and chunk
//! written as `_` (gloss has neither), a blank line after each sentence, and
//! `-DOCSTART- -X- O O` and a blank line before each article.
//!
//! ```text
//! -DOCSTART- -X- O O
//!
//! Vladimir _ _ B-Person
//! Putin _ _ I-Person
//! said _ _ O
//! . _ _ O
//! ```
//!
//! Sentences are the reader's (paragraphs at blank lines, then
//! [`crate::document::sentences::split_sentences`]); tokens are those of
//! [`super::tokens::tokenize`], cut at every exported entity's edges. IOB2: every entity
//! starts with `B-`. The format holds entity labels only; it drops, and counts, claims,
//! speaker links, actors, notes, times, overlapping or nested entities (the later or shorter
//! one goes), entities that cross a sentence boundary, entities with no token, and unplaced
//! annotations. Spaces in labels are written as `_`.

use std::ops::Range;

use super::tokens::{is_space, tokenize};
use super::{Article, Drops};

/// The line before each article. spaCy's converter (`spacy convert --converter ner`) splits
/// documents at exactly this string; CoNLL-2003 readers take any line that starts with
/// `-DOCSTART-`. Its four columns match the token lines', with the NER tag `O`.
pub const DOCSTART: &str = "-DOCSTART- -X- O O";

/// The CoNLL text of all articles.
pub fn export(articles: &[Article<'_>], drops: &mut Drops) -> String {
    let mut out = String::new();
    for article in articles {
        out.push_str(DOCSTART);
        out.push_str("\n\n");
        write_article(article, drops, &mut out);
    }
    drops.times(articles);
    drops.unplaced(articles);
    out
}

fn write_article(article: &Article<'_>, drops: &mut Drops, out: &mut String) {
    let text = article.text();
    let sentences = article.sentences();
    let mut claims = 0;
    let mut speakers = 0;
    let mut actors = 0;
    let mut notes = 0;
    // Entities by start, longer first, so that an outer entity wins over a nested one.
    let mut entities: Vec<(Range<usize>, &str)> = Vec::new();
    for span in &article.spans {
        let s = span.stored;
        notes += usize::from(s.note.is_some());
        speakers += usize::from(s.speaker.is_some());
        if !span.is_entity() {
            claims += 1;
            continue;
        }
        actors += usize::from(s.actor.is_some());
        entities.push((span.bytes.clone(), s.label.as_str()));
    }
    drops.add("claims (CoNLL holds entity labels only)", claims);
    drops.add("speaker links", speakers);
    drops.add("actor names", actors);
    drops.add("notes", notes);
    entities.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));

    // Keep entities that neither overlap a kept one nor cross a sentence boundary.
    let mut kept: Vec<(Range<usize>, String)> = Vec::new();
    let mut overlapping = 0;
    let mut crossing = 0;
    let mut relabelled = 0;
    let mut no_token = 0;
    for (range, label) in entities {
        if kept.last().is_some_and(|(k, _)| range.start < k.end) {
            overlapping += 1;
            continue;
        }
        let covered = &text[range.clone()];
        let trimmed = covered.trim_start_matches(is_space);
        let start = range.end - trimmed.len();
        let end = start + trimmed.trim_end_matches(is_space).len();
        if start == end {
            no_token += 1;
            continue;
        }
        if sentence_of(&sentences, start).is_none_or(|s| end > sentences[s].end) {
            crossing += 1;
            continue;
        }
        let tag: String = label
            .chars()
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .collect();
        relabelled += usize::from(tag != label);
        kept.push((range, tag));
    }
    drops.add(
        "overlapping or nested entities (IOB2 holds one label a token)",
        overlapping,
    );
    drops.add("entities that cross a sentence boundary", crossing);
    drops.add("spaces in labels (written as _)", relabelled);

    let mut cuts: Vec<usize> = kept.iter().flat_map(|(r, _)| [r.start, r.end]).collect();
    cuts.sort_unstable();
    let mut next = 0;
    let mut tagged = vec![false; kept.len()];
    for sentence in &sentences {
        let tokens = tokenize(text, sentence.clone(), &cuts);
        if tokens.is_empty() {
            continue;
        }
        for token in &tokens {
            while next < kept.len() && kept[next].0.end <= token.bytes.start {
                next += 1;
            }
            out.push_str(&text[token.bytes.clone()]);
            out.push_str(" _ _ ");
            match kept.get(next) {
                Some((range, tag))
                    if range.start <= token.bytes.start && token.bytes.end <= range.end =>
                {
                    out.push_str(if tagged[next] { "I-" } else { "B-" });
                    tagged[next] = true;
                    out.push_str(tag);
                }
                _ => out.push('O'),
            }
            out.push('\n');
        }
        out.push('\n');
    }
    no_token += tagged.iter().filter(|t| !**t).count();
    drops.add("entities with no token", no_token);
}

/// The index of the sentence containing byte `at`, if any.
fn sentence_of(sentences: &[Range<usize>], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= at);
    (i < sentences.len() && sentences[i].start <= at).then_some(i)
}
