//! Counts in messages: "1 article", "3 articles", "2 matches".

/// `n` and `word`, in the plural unless `n` is 1.
pub fn count(n: usize, word: &str) -> String {
    format!("{n} {}", noun(n, word))
}

/// `word` in the plural unless `n` is 1 ("match" → "matches").
pub fn noun(n: usize, word: &str) -> String {
    match (n, word.ends_with("ch")) {
        (1, _) => word.to_string(),
        (_, true) => format!("{word}es"),
        (_, false) => format!("{word}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_right() {
        assert_eq!(count(1, "article"), "1 article");
        assert_eq!(count(0, "claim"), "0 claims");
        assert_eq!(count(2, "match"), "2 matches");
    }
}
