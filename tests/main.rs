//! gloss's integration tests, in one test binary: gloss is linked once for all of them
//! rather than once per file. Each module is one area; helpers shared by several live in
//! [`common`]. `cargo test --test main shell::` runs one module.

mod common;

mod architecture;
mod attribution;
mod cli;
mod crash;
mod detect;
mod detect_command;
mod export;
mod export_consumers;
mod feed;
mod feeds_cli;
mod fuzz_corpus;
mod hostile_text;
mod import;
mod library;
mod memory;
mod output_paths;
mod reader;
mod sentence_split;
mod shell;
mod snapshots;
mod terminal;
mod web_extract;
mod web_fetch;
