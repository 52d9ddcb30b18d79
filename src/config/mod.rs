//! User configuration: labels with their keys and colours, key bindings, and reader options.
//! Every struct rejects unknown keys, so a typo is an error naming the file and line, never
//! silently ignored; an empty file gives exactly the defaults.

pub mod colour;
pub mod paths;

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use colour::Colour;

use crate::keymap::KeyBindings;

/// One label the user can tag with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelConfig {
    /// The name stored in annotation files, e.g. "Person".
    pub name: String,
    /// The key that picks this label in the label picker.
    #[serde(deserialize_with = "single_char")]
    pub key: char,
    /// The highlight colour.
    pub colour: Colour,
    /// Whether an entity with this label can be the speaker of a claim.
    #[serde(default = "yes")]
    pub speaker: bool,
}

fn yes() -> bool {
    true
}

fn single_char<'de, D: serde::Deserializer<'de>>(d: D) -> Result<char, D::Error> {
    let s = String::deserialize(d)?;
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() && !c.is_whitespace() => Ok(c),
        _ => Err(serde::de::Error::custom(format!(
            "bad label key {s:?}: expected one printable character"
        ))),
    }
}

/// Reader options.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReaderConfig {
    /// Capture the mouse (click, wheel, drag).
    pub mouse: bool,
    /// Width of the side panel in columns.
    pub panel_width: u16,
    /// Show suggestions.
    pub suggestions: bool,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        Self {
            mouse: true,
            panel_width: 42,
            suggestions: true,
        }
    }
}

/// Detection options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct DetectConfig {
    /// Extra gazetteer files (the shipped format: `[[actor]]` tables), used with the shipped
    /// gazetteer. A relative path is relative to the config file's folder.
    pub gazetteers: Vec<std::path::PathBuf>,
    /// Extra reporting verbs ("quipped"), in their base form or any tense.
    pub reporting_verbs: Vec<String>,
}

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Labels for actors and dates.
    pub entity_labels: Vec<LabelConfig>,
    /// Labels for claims.
    pub claim_labels: Vec<LabelConfig>,
    /// Key bindings laid over the defaults.
    pub keys: KeyBindings,
    /// Reader options.
    pub reader: ReaderConfig,
    /// Detection options.
    pub detect: DetectConfig,
    /// Subscribed feeds (`[[feeds]]` with name and url).
    pub feeds: Vec<crate::feed::Subscription>,
}

impl Default for Config {
    fn default() -> Self {
        let label = |name: &str, key: char, colour: Colour, speaker: bool| LabelConfig {
            name: name.to_string(),
            key,
            colour,
            speaker,
        };
        Self {
            entity_labels: vec![
                label("Person", 'p', Colour::LightCyan, true),
                label("Organisation", 'o', Colour::LightMagenta, true),
                label("Place", 'l', Colour::LightGreen, true),
                label("Date", 'd', Colour::LightBlue, false),
            ],
            claim_labels: vec![label("Claim", 'c', Colour::Yellow, false)],
            keys: KeyBindings::default(),
            reader: ReaderConfig::default(),
            detect: DetectConfig::default(),
            feeds: Vec::new(),
        }
    }
}

/// A config file that cannot be used. The message is one line naming the file and line.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        error: std::io::Error,
    },
    /// The TOML is invalid or has a bad key or value.
    #[error("{path}: line {line}, column {column}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// For an error about a key binding (a bad key name, a key bound twice under two
/// spellings, an action its layer does not take: each key quoted in the message), the line of the later one in `text`, since the
/// key table reports no position of its own.
fn rebound_key_line(text: &str, message: &str) -> Option<usize> {
    let wrong_layer = message.contains("is not something");
    if !message.contains("is bound twice") && !message.starts_with("bad key name") && !wrong_layer {
        return None;
    }
    let named = if message.starts_with("bad key name") || wrong_layer {
        1
    } else {
        2
    };
    let spellings: Vec<&str> = message.split('"').skip(1).step_by(2).take(named).collect();
    spellings
        .iter()
        .filter_map(|spelling| {
            text.lines().position(|line| {
                let line = line.trim_start();
                let rest = line
                    .strip_prefix(&format!("\"{spelling}\""))
                    .or_else(|| line.strip_prefix(*spelling));
                rest.is_some_and(|r| r.trim_start().starts_with('='))
            })
        })
        .max()
        .map(|index| index + 1)
}

impl Config {
    /// Parses a config file's text. `path` is only used in error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = rebound_key_line(text, e.message())
                .map(|line| (line, 1))
                .or_else(|| e.span().map(|span| line_and_column(text, span.start)))
                .unwrap_or((1, 1));
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message: e.message().trim().replace('\n', " "),
            }
        })?;
        config.check(path, text)?;
        Ok(config)
    }

    /// Reads the config at `path`; a missing file gives the defaults when `required` is false.
    pub fn load(path: &Path, required: bool) -> Result<Self, ConfigError> {
        match crate::files::read_to_string(path) {
            Ok(text) => {
                let mut config = Self::parse(path, &text)?;
                let folder = path.parent().unwrap_or(Path::new("."));
                for gazetteer in &mut config.detect.gazetteers {
                    if gazetteer.is_relative() {
                        *gazetteer = folder.join(&*gazetteer);
                    }
                }
                Ok(config)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Self::default()),
            Err(error) => Err(ConfigError::Io {
                path: path.to_path_buf(),
                error,
            }),
        }
    }

    /// Checks what TOML types cannot: label names and keys are unique.
    fn check(&self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let invalid = |message: String, needle: &str| {
            let (line, column) = text
                .find(needle)
                .map(|at| line_and_column(text, at))
                .unwrap_or((1, 1));
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        for (kind, labels) in [
            ("entity-labels", &self.entity_labels),
            ("claim-labels", &self.claim_labels),
        ] {
            if labels.is_empty() {
                return Err(invalid(
                    format!("{kind} must list at least one label"),
                    kind,
                ));
            }
            for (i, label) in labels.iter().enumerate() {
                if label.name.trim().is_empty() {
                    return Err(invalid(format!("{kind}: a label has an empty name"), kind));
                }
                if labels[..i].iter().any(|l| l.key == label.key) {
                    return Err(invalid(
                        format!(
                            "{kind}: key {:?} of label {:?} is already used by another label",
                            label.key, label.name
                        ),
                        &format!("\"{}\"", label.name),
                    ));
                }
                if labels[..i].iter().any(|l| l.name == label.name) {
                    return Err(invalid(
                        format!("{kind}: label {:?} is listed twice", label.name),
                        &format!("\"{}\"", label.name),
                    ));
                }
            }
        }
        for feed in &self.feeds {
            if !crate::web::address::is_web_address(&feed.url) {
                return Err(invalid(
                    format!(
                        "feeds: {:?} is not an http or https address",
                        crate::text::clean::clean(&feed.url)
                    ),
                    &feed.url,
                ));
            }
        }
        Ok(())
    }

    /// The label config named `name`, among entity and claim labels.
    pub fn label(&self, name: &str) -> Option<&LabelConfig> {
        self.entity_labels
            .iter()
            .chain(&self.claim_labels)
            .find(|l| l.name == name)
    }
}

/// 1-based line and column of byte offset `at` in `text`.
fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_the_defaults() {
        assert_eq!(
            Config::parse(Path::new("c"), "").unwrap(),
            Config::default()
        );
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let err = Config::parse(Path::new("c.toml"), "[reader]\nmouse = true\ncolor = 1\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("c.toml: line 3, column 1: unknown field `color`"),
            "{err}"
        );
        let err = Config::parse(
            Path::new("c.toml"),
            "[keys.normal]\nctrl-shft-x = \"quit\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("line 2") && err.contains("bad key name"),
            "{err}"
        );
        let bad_colour =
            "[[entity-labels]]\nname = \"Person\"\nkey = \"p\"\ncolour = \"blurple\"\n";
        let err = Config::parse(Path::new("c.toml"), bad_colour)
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 4") && err.contains("blurple"), "{err}");
        let err = Config::parse(Path::new("c.toml"), "[keys.normal]\nj = \"jump_around\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 2") && err.contains("jump_around"),
            "{err}"
        );
    }

    #[test]
    fn a_key_bound_twice_under_two_spellings_is_refused_with_its_line() {
        let text = "[keys.normal]\nctrl-x = \"undo\"\nq = \"quit\"\nCtrl-X = \"redo\"\n";
        let err = Config::parse(Path::new("c.toml"), text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("bound twice"), "{err}");
        assert!(err.contains("c.toml") && err.contains("line 4"), "{err}");
    }

    #[test]
    fn duplicate_label_keys_are_refused() {
        let text = "[[claim-labels]]\nname = \"Claim\"\nkey = \"c\"\ncolour = \"yellow\"\n[[claim-labels]]\nname = \"Denial\"\nkey = \"c\"\ncolour = \"red\"\n";
        let err = Config::parse(Path::new("c.toml"), text)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("already used") && err.contains("line 6"),
            "{err}"
        );
    }
}

#[cfg(test)]
mod example_tests {
    use super::*;

    #[test]
    fn the_shipped_example_is_exactly_the_defaults() {
        let text = include_str!("../../config.example.toml");
        let config = Config::parse(Path::new("config.example.toml"), text).unwrap();
        assert_eq!(config, Config::default());
    }
}
