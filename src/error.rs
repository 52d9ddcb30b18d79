//! An error as one line: its message, then each cause it carries, joined by ": " (as anyhow
//! prints a chain with `{:#}`). Error types say what failed and keep the cause as their
//! source, so the cause is written once.

use std::error::Error;

/// `error` and its causes on one line: "story.txt: permission denied".
pub fn chain(error: &(dyn Error + 'static)) -> String {
    let mut line = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !text.is_empty() {
            line.push_str(": ");
            line.push_str(&text);
        }
        source = cause.source();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("story.txt")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn each_cause_is_written_once() {
        let error = Outer(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "permission denied",
        ));
        assert_eq!(chain(&error), "story.txt: permission denied");
    }
}
