//! Word lists of the rules, merged into one table from word to flags so that each token
//! is looked up once. The shipped lists are merged at build time (`build.rs`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// A small, fast, non-cryptographic hasher (the Fx hash of rustc).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.hash = (self.hash.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.hash = (self.hash.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A hash map with the Fx hasher.
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

pub(crate) use super::wordlists::*;

/// The shipped word lists (the files of `assets/words/` that `wordlists.rs` names), merged
/// into one table by the build script.
mod builtin {
    use super::Flags;
    include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));
}

/// The rules' word lists: the shipped table, plus words added at run time (extra
/// reporting verbs).
#[derive(Clone, Default)]
pub(crate) struct Lexicon {
    extra: Option<Arc<FxMap<Box<str>, Flags>>>,
}

impl Lexicon {
    /// The shipped word lists. Costs nothing: the table is static.
    pub(crate) fn builtin() -> Lexicon {
        Lexicon { extra: None }
    }

    /// The shipped lists plus `verbs` as reporting verbs (flag [`Flags::REPORT`]). A verb given
    /// in its base form ("quip") also gets its other forms ("quips", "quipped",
    /// "quipping"); other forms are taken as written. As for the shipped verbs, a
    /// capitalised form ("Quipped") is found through its lower-case form.
    pub(crate) fn with_reporting_verbs(verbs: &[String]) -> Lexicon {
        let mut map: FxMap<Box<str>, Flags> = FxMap::default();
        for v in verbs {
            let v = v.trim();
            if v.is_empty() || v.len() > 40 || v.contains(char::is_whitespace) {
                continue;
            }
            for form in verb_forms(v) {
                let flags = builtin::LEXICON
                    .get(form.as_str())
                    .copied()
                    .unwrap_or_default()
                    | Flags::REPORT;
                map.insert(form.into(), flags);
            }
        }
        Lexicon {
            extra: (!map.is_empty()).then(|| Arc::new(map)),
        }
    }

    /// The flags of a word as written.
    #[inline]
    pub(crate) fn get(&self, w: &str) -> Flags {
        if w.len() > 40 {
            return Flags::empty();
        }
        let flags = builtin::LEXICON.get(w).copied().unwrap_or_default();
        match &self.extra {
            None => flags,
            Some(extra) => flags | extra.get(w).copied().unwrap_or_default(),
        }
    }

    /// The flags of a word's lower-case form (ASCII words only; others as written).
    #[inline]
    pub(crate) fn get_lower(&self, w: &str) -> Flags {
        let b = w.as_bytes();
        if b.len() > 40 {
            return Flags::empty();
        }
        if !b.iter().any(|c| c.is_ascii_uppercase()) {
            return self.get(w);
        }
        if !w.is_ascii() {
            return self.get(w);
        }
        let mut buf = [0u8; 40];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        match std::str::from_utf8(&buf[..b.len()]) {
            Ok(s) => self.get(s),
            Err(_) => Flags::empty(),
        }
    }
}

/// A verb's forms: the word itself, its lower-case form and, for what looks like a base
/// form (not ending in "ed", "s" or "ing"), its third person, past and present
/// participle. Ending in consonant-vowel-consonant, both spellings are added ("quiped"
/// and "quipped"), since English doubles the consonant in some such verbs only.
fn verb_forms(v: &str) -> Vec<String> {
    let lower = v.to_lowercase();
    let mut out = vec![v.to_string(), lower.clone()];
    let looks_inflected = lower.ends_with("ed") || lower.ends_with('s') || lower.ends_with("ing");
    if lower.is_ascii() && !looks_inflected && lower.len() >= 2 {
        let b = lower.as_bytes();
        let last = b[b.len() - 1];
        let vowel = |c: u8| b"aeiou".contains(&c);
        if last == b'e' {
            let stem = &lower[..lower.len() - 1];
            out.extend([
                format!("{lower}s"),
                format!("{lower}d"),
                format!("{stem}ing"),
            ]);
        } else if last == b'y' && !vowel(b[b.len() - 2]) {
            let stem = &lower[..lower.len() - 1];
            out.extend([
                format!("{stem}ies"),
                format!("{stem}ied"),
                format!("{lower}ing"),
            ]);
        } else if matches!(last, b'h' | b'x' | b'z') {
            out.extend([
                format!("{lower}es"),
                format!("{lower}ed"),
                format!("{lower}ing"),
            ]);
        } else {
            out.extend([
                format!("{lower}s"),
                format!("{lower}ed"),
                format!("{lower}ing"),
            ]);
            if b.len() >= 3 && !vowel(last) && !matches!(last, b'w' | b'y') && vowel(b[b.len() - 2])
            {
                let d = last as char;
                out.extend([format!("{lower}{d}ed"), format!("{lower}{d}ing")]);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let lex = Lexicon::builtin();
        assert!(lex.get("John").intersects(Flags::GIVEN));
        assert!(lex.get_lower("Water").intersects(Flags::COMMON));
        assert!(lex.get("said").intersects(Flags::REPORT));
        assert!(lex.get_lower("The").intersects(Flags::FUNC));
        assert!(!lex.get("quipped").intersects(Flags::REPORT));
        let lex = Lexicon::with_reporting_verbs(&["quip".to_string(), "opine".to_string()]);
        for w in [
            "quip", "quips", "quipped", "quipping", "opined", "opines", "Quipped",
        ] {
            assert!(lex.get_lower(w).intersects(Flags::REPORT), "{w}");
        }
        assert!(lex.get("water").intersects(Flags::COMMON));
    }

    /// The static table holds the lists as merged from the sources.
    #[test]
    fn builtin_table_matches_lists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/words");
        let texts: Vec<(&str, String)> = LISTS
            .iter()
            .map(|&(name, _)| {
                let path = dir.join(format!("{name}.txt"));
                (name, std::fs::read_to_string(&path).expect("a word list"))
            })
            .collect();
        let entries = super::super::wordlists::entries(|name| {
            texts
                .iter()
                .find(|(n, _)| *n == name)
                .map_or("", |(_, t)| t.as_str())
        });
        assert_eq!(builtin::LEXICON.len(), entries.len());
        for (w, flags) in entries {
            assert_eq!(builtin::LEXICON.get(w), Some(&flags), "{w}");
        }
    }
}
