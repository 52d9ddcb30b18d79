//! The word lists looked up one at a time: the tokeniser's (`detect/words.rs`) and the
//! sentence splitter's (`document/sentences.rs`). The build script compiles each file
//! `assets/words/NAME.txt` of them into a function `NAME(w: &str) -> bool`, a `matches!` over
//! its words. The detector's lists are merged into one table instead (`detect/lexicon.rs`);
//! `months.txt` and `weekdays.txt` are in both.

include!(concat!(env!("OUT_DIR"), "/word_sets.rs"));
