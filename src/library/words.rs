//! Where the words of a full-text query are in an article: the index says which articles
//! match; this finds the places to show, reading words the way SQLite's unicode61
//! tokenizer does (runs of letters and digits, case and diacritics folded).

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// One word of a phrase: its folded text, and whether it is a prefix (`treat*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The word, folded.
    pub word: String,
    /// True for `word*`.
    pub prefix: bool,
}

/// The phrases of an FTS5 query: each quoted phrase, and each bare word as a phrase of one;
/// the operators AND, OR, NOT and NEAR, column names and brackets are not words to find.
pub fn phrases(query: &str) -> Vec<Vec<Term>> {
    let mut phrases = Vec::new();
    let mut rest = query;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            let phrase = terms(&after[..end]);
            if !phrase.is_empty() {
                phrases.push(phrase);
            }
            rest = after.get(end + 1..).unwrap_or_default();
            continue;
        }
        let end = rest.find([' ', '"', '(', ')']).unwrap_or(rest.len());
        let word = &rest[..end];
        let operator = matches!(word, "AND" | "OR" | "NOT" | "NEAR") || word.ends_with(':');
        if !operator {
            let phrase = terms(word);
            if !phrase.is_empty() {
                phrases.push(phrase);
            }
        }
        rest = &rest[end.max(1).min(rest.len())..];
    }
    phrases
}

fn terms(text: &str) -> Vec<Term> {
    let mut terms: Vec<Term> = tokens(&text.chars().collect::<Vec<_>>())
        .map(|(word, _)| Term {
            word,
            prefix: false,
        })
        .collect();
    if text.trim_end().ends_with('*')
        && let Some(last) = terms.last_mut()
    {
        last.prefix = true;
    }
    terms
}

/// The places (code points) of up to `most` occurrences of any of `phrases` in `chars`, in
/// text order.
pub fn find(chars: &[char], phrases: &[Vec<Term>], most: usize) -> Vec<Range<usize>> {
    let words: Vec<(String, Range<usize>)> = tokens(chars).collect();
    let mut places = Vec::new();
    for at in 0..words.len() {
        if places.len() >= most {
            break;
        }
        for phrase in phrases {
            let Some(last) = at.checked_add(phrase.len()).map(|end| end - 1) else {
                continue;
            };
            if last >= words.len() {
                continue;
            }
            let matches = phrase
                .iter()
                .zip(&words[at..=last])
                .all(|(term, (word, _))| match term.prefix {
                    true => word.starts_with(&term.word),
                    false => *word == term.word,
                });
            if matches {
                places.push(words[at].1.start..words[last].1.end);
                break;
            }
        }
    }
    places
}

/// The words of `chars`, folded, with their places.
fn tokens(chars: &[char]) -> impl Iterator<Item = (String, Range<usize>)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < chars.len() && !chars[at].is_alphanumeric() {
            at += 1;
        }
        if at >= chars.len() {
            return None;
        }
        let start = at;
        while at < chars.len() && chars[at].is_alphanumeric() {
            at += 1;
        }
        Some((fold(&chars[start..at]), start..at))
    })
}

/// A word lower-cased and without its diacritics ("Genève" is "geneve").
fn fold(word: &[char]) -> String {
    let lower: String = word.iter().flat_map(|c| c.to_lowercase()).collect();
    if lower.is_ascii() {
        return lower;
    }
    lower
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str, query: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        find(&chars, &phrases(query), 10)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn phrases_prefixes_and_operators() {
        let text = "The friendship Treaty was signed; a friendship, treaties and Genève.";
        assert_eq!(places(text, "\"friendship treaty\""), ["friendship Treaty"]);
        assert_eq!(places(text, "treat*"), ["Treaty", "treaties"]);
        assert_eq!(places(text, "geneve OR signed"), ["signed", "Genève"]);
        assert_eq!(places(text, "NOT absent"), Vec::<String>::new());
        assert_eq!(places(text, "\"friendship treaty"), ["friendship Treaty"]);
    }
}
