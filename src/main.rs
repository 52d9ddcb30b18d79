//! The `gloss` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    gloss::cli::main()
}
