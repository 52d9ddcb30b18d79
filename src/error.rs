//! An error as one line: its message, then each cause it carries, joined by ": " (as anyhow
//! prints a chain with `{:#}`). Error types say what failed and keep the cause as their
//! source, so the cause is written once.

use std::error::Error;

/// `error` and its causes on one line: "story.txt: permission denied".
pub fn chain(error: &(dyn Error + 'static)) -> String {
    let mut line = describe(error);
    let mut source = error.source();
    while let Some(cause) = source {
        let text = describe(cause);
        if !text.is_empty() {
            line.push_str(": ");
            line.push_str(&text);
        }
        source = cause.source();
    }
    line
}

/// One error's own message; the system's common reasons in gloss's words ("no such file"
/// rather than "No such file or directory (os error 2)").
fn describe(error: &(dyn Error + 'static)) -> String {
    use std::io::ErrorKind;
    match error
        .downcast_ref::<std::io::Error>()
        .map(std::io::Error::kind)
    {
        Some(ErrorKind::NotFound) => "no such file".to_string(),
        Some(ErrorKind::PermissionDenied) => "permission denied".to_string(),
        Some(ErrorKind::IsADirectory) => "is a folder".to_string(),
        _ => error.to_string(),
    }
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
        let missing = Outer(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(chain(&missing), "story.txt: no such file");
    }
}
