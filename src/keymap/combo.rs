//! Key combinations as written in the config ("j", "J", "ctrl-d", "pagedown", "shift-tab").

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    /// A character; case matters ("J" is shift-j).
    Char(char),
    /// Enter.
    Enter,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Escape.
    Esc,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Insert.
    Insert,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// A function key, F1 to F12.
    F(u8),
}

/// A key with its Ctrl and Alt modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub struct KeyCombo {
    /// The key.
    pub code: KeyCode,
    /// Ctrl held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
}

impl KeyCombo {
    /// A key with no modifier.
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            ctrl: false,
            alt: false,
        }
    }
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

impl FromStr for KeyCombo {
    type Err = String;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "bad key name {spec:?}: expected a character, a name such as \"enter\", \"pagedown\" or \"f5\", or one with \"ctrl-\", \"alt-\" or \"shift-\" before it"
            )
        };
        let mut rest = spec;
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else if rest.chars().count() > 1 && lower.starts_with("shift-") {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                KeyCode::Char(if shift { c.to_ascii_uppercase() } else { c })
            }
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some((_, code)) = NAMED.iter().find(|(name, _)| *name == lower) {
                    match (*code, shift) {
                        (KeyCode::Tab, true) => KeyCode::BackTab,
                        (code, _) => code,
                    }
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse().ok())
                    && (1..=12).contains(&n)
                {
                    KeyCode::F(n)
                } else {
                    return Err(bad());
                }
            }
        };
        // A terminal sends the same byte for Ctrl with a letter whatever its case (Ctrl-X
        // and Ctrl-x are both 0x18), so the two spellings are one key.
        let code = match code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        Ok(Self { code, ctrl, alt })
    }
}

impl TryFrom<String> for KeyCombo {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl fmt::Display for KeyCombo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => {
                let name = NAMED
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("backtab", |(name, _)| name);
                f.write_str(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_keys() {
        for spec in [
            "j", "J", "ctrl-d", "pagedown", "enter", "f5", "alt-x", "?", "/", "space",
        ] {
            assert_eq!(spec.parse::<KeyCombo>().unwrap().to_string(), spec);
        }
        assert_eq!(
            "shift-tab".parse::<KeyCombo>().unwrap().code,
            KeyCode::BackTab
        );
        // Ctrl with a letter is one key in either case: a terminal sends the same byte.
        assert_eq!("Ctrl-R".parse::<KeyCombo>().unwrap().to_string(), "ctrl-r");
        assert_eq!("ctrl--".parse::<KeyCombo>().unwrap().to_string(), "ctrl--");
        assert!("ctrl-".parse::<KeyCombo>().is_err());
        assert!("hyper-x".parse::<KeyCombo>().is_err());
        assert!("f13".parse::<KeyCombo>().is_err());
        assert!("".parse::<KeyCombo>().is_err());
    }
}
