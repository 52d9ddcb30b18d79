//! Opening a web address in the user's browser: `$BROWSER`, else `xdg-open` (`open` on
//! macOS). The address is passed as one argument, with no shell in between, and only http and
//! https addresses are opened.

use std::process::{Command, Stdio};

use crate::web::address::is_web_address;

/// Why the browser could not be started.
#[derive(Debug, thiserror::Error)]
pub enum BrowserError {
    /// Only http and https addresses are opened.
    #[error("not opening {0:?}: only http and https addresses")]
    NotWeb(String),
    /// `$BROWSER` names no command.
    #[error("no browser command")]
    NoCommand,
    /// The command could not be started.
    #[error("cannot start {program}")]
    Start {
        /// The program.
        program: String,
        /// Why.
        #[source]
        error: std::io::Error,
    },
}

/// Starts the browser on `url` and returns the command used. `$BROWSER` may list several
/// commands separated by ':' (the first that starts wins), each with arguments, where `%s`
/// stands for the address (else it is added last).
pub fn open(url: &str) -> Result<String, BrowserError> {
    let default = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let browsers = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| default.to_string());
    let mut last_error = BrowserError::NoCommand;
    for command in browsers.split(':').filter(|c| !c.trim().is_empty()) {
        match open_with(command, url) {
            Ok(()) => return Ok(command.trim().to_string()),
            Err(e) => last_error = e,
        }
    }
    Err(last_error)
}

/// Starts `command` (a program and its arguments, split at whitespace) with `url` in place of
/// `%s`, or as the last argument; the address is always one argument.
pub fn open_with(command: &str, url: &str) -> Result<(), BrowserError> {
    if !is_web_address(url) || url.chars().any(char::is_control) {
        return Err(BrowserError::NotWeb(url.to_string()));
    }
    let mut words = command.split_whitespace();
    let program = words.next().ok_or(BrowserError::NoCommand)?;
    let mut args: Vec<&str> = words.collect();
    match args.iter_mut().find(|a| **a == "%s") {
        Some(slot) => *slot = url,
        None => args.push(url),
    }
    Command::new(program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|error| BrowserError::Start {
            program: program.to_string(),
            error,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_address_is_one_argument_and_only_http() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("browser");
        let out = dir.path().join("args");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > {}\n",
                out.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        // Shell syntax a web address may hold: it reaches the browser as it is, one argument.
        let url = "https://example.org/a;$(touch%20x)&c=1";
        // What the script logged: its argument count, then each argument on a line.
        let logged = || {
            let start = std::time::Instant::now();
            while !out.exists() && start.elapsed().as_secs() < 5 {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
            std::fs::read_to_string(&out).unwrap()
        };
        open_with(script.to_str().unwrap(), url).unwrap();
        assert_eq!(logged(), format!("1\n{url}\n"));
        assert!(open_with(script.to_str().unwrap(), "file:///etc/passwd").is_err());
        std::fs::remove_file(&out).unwrap();
        open_with(&format!("{} --new-tab %s", script.display()), url).unwrap();
        assert_eq!(logged(), format!("2\n--new-tab\n{url}\n"));
        assert!(open_with(script.to_str().unwrap(), "javascript:alert(1)").is_err());
        // Not a web address at all (a space is not allowed in one).
        assert!(open_with(script.to_str().unwrap(), "https://example.org/a b").is_err());
    }
}
