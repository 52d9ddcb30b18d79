//! Counts in messages: "1 article", "3 articles", "2 matches".

/// `n` (with thousands separated: "1,000,000") and `word`, in the plural unless `n` is 1.
pub fn count(n: usize, word: &str) -> String {
    format!("{} {}", grouped(n), noun(n, word))
}

/// `n` with a comma between each group of three digits.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
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
    fn large_counts_have_their_thousands_separated() {
        assert_eq!(count(1_000_000, "article"), "1,000,000 articles");
        assert_eq!(count(999, "match"), "999 matches");
        assert_eq!(count(1_000, "item"), "1,000 items");
        assert_eq!(grouped(12_345), "12,345");
    }

    #[test]
    fn counts_read_right() {
        assert_eq!(count(1, "article"), "1 article");
        assert_eq!(count(0, "claim"), "0 claims");
        assert_eq!(count(2, "match"), "2 matches");
    }
}
