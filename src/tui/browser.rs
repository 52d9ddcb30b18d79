//! Opening a web address in the user's browser: `$BROWSER`, else `xdg-open` (`open` on
//! macOS). The address is passed as one argument, with no shell in between, and only http and
//! https addresses are opened.

use std::process::{Command, Stdio};

use crate::document::web::is_url;

/// Starts the browser on `url` and returns the program's name.
pub fn open(url: &str) -> Result<String, String> {
    let program = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| {
            if cfg!(target_os = "macos") {
                "open".to_string()
            } else {
                "xdg-open".to_string()
            }
        });
    open_with(&program, url)?;
    Ok(program)
}

/// Starts `program` with `url` as its one argument.
pub fn open_with(program: &str, url: &str) -> Result<(), String> {
    if !is_url(url) || url.chars().any(char::is_control) {
        return Err(format!(
            "not opening {url:?}: only http and https addresses"
        ));
    }
    Command::new(program)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| format!("cannot start {program}: {e}"))
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
        let url = "https://example.org/a b;$(touch x)&c=1";
        open_with(script.to_str().unwrap(), url).unwrap();
        let start = std::time::Instant::now();
        while !out.exists() && start.elapsed().as_secs() < 5 {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            format!("1\n{url}\n")
        );
        assert!(open_with(script.to_str().unwrap(), "file:///etc/passwd").is_err());
        assert!(open_with(script.to_str().unwrap(), "javascript:alert(1)").is_err());
    }
}
