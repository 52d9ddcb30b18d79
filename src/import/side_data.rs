//! Matching gloss's own data about each span (kind, id, actor, note, speaker, times), kept
//! beside another tool's spans, back to those spans after the user edited them in that tool.
//!
//! The tool may renumber and reorder its spans, and the user may delete, add or relabel some,
//! while gloss's data stays as it was exported. So an entry belongs to the span with its
//! offsets and label, never to the span at its old position: an entry whose span is gone or
//! relabelled matches nothing (and is reported by the caller), and a span nobody's entry
//! matches is one the user added.

/// Where a span is and what it is labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpanKey<'a> {
    /// Start, code points.
    pub start: usize,
    /// End (exclusive), code points.
    pub end: usize,
    /// The label.
    pub label: &'a str,
}

/// For each entry of `entries`, the index in `spans` of the span it belongs to: the first
/// span with its offsets and label that no earlier entry took. Entries and spans in the same
/// order (as exported) pair up as they were, even where two spans are alike.
pub fn match_entries(entries: &[Option<SpanKey<'_>>], spans: &[SpanKey<'_>]) -> Vec<Option<usize>> {
    let mut taken = vec![false; spans.len()];
    entries
        .iter()
        .map(|entry| {
            let entry = (*entry)?;
            let i = (0..spans.len()).find(|&i| !taken[i] && spans[i] == entry)?;
            taken[i] = true;
            Some(i)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(start: usize, end: usize, label: &str) -> SpanKey<'_> {
        SpanKey { start, end, label }
    }

    #[test]
    fn entries_follow_their_span_not_its_position() {
        let entries = [
            Some(key(0, 5, "Person")),
            Some(key(6, 9, "Org")),
            Some(key(10, 12, "Claim")),
            None,
        ];
        // The Org span deleted, the others reordered, one added, one relabelled.
        let spans = [key(10, 12, "Claim"), key(20, 22, "Place"), key(0, 5, "Org")];
        assert_eq!(match_entries(&entries, &spans), [None, None, Some(0), None]);
    }

    #[test]
    fn alike_spans_pair_up_in_order_once_each() {
        let entries = [Some(key(0, 5, "Person")); 3];
        let spans = [key(0, 5, "Person"), key(0, 5, "Person")];
        assert_eq!(match_entries(&entries, &spans), [Some(0), Some(1), None]);
    }
}
