//! Where gloss keeps its files, following the XDG base directory rules.

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

/// gloss's folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    /// Config folder (config.toml).
    pub config: PathBuf,
    /// Data folder (annotations of the sample and of stdin).
    pub data: PathBuf,
    /// State folder (lock files).
    pub state: PathBuf,
}

/// The home folder could not be found, so neither could gloss's folders.
#[derive(Debug, thiserror::Error)]
#[error("cannot find the home folder")]
pub struct NoHome(#[source] pub etcetera::HomeDirError);

impl Dirs {
    /// The folders from the environment ($XDG_CONFIG_HOME and friends, else ~/.config ...).
    pub fn from_env() -> Result<Self, NoHome> {
        let base = etcetera::choose_base_strategy().map_err(NoHome)?;
        let state = base
            .state_dir()
            .unwrap_or_else(|| base.data_dir())
            .join("gloss");
        Ok(Self {
            config: base.config_dir().join("gloss"),
            data: base.data_dir().join("gloss"),
            state,
        })
    }

    /// gloss's folders under `root` (config/, data/, state/): for tests, benchmarks and a
    /// throwaway home.
    pub fn under(root: &Path) -> Self {
        Self {
            config: root.join("config"),
            data: root.join("data"),
            state: root.join("state"),
        }
    }

    /// The default config file.
    pub fn config_file(&self) -> PathBuf {
        self.config.join("config.toml")
    }

    /// The user's own gazetteer: actors tagged or accepted, suggested in every article.
    pub fn learned_file(&self) -> PathBuf {
        self.data.join("learned.toml")
    }

    /// The folder of lock files.
    pub fn locks(&self) -> PathBuf {
        self.state.join("locks")
    }

    /// The folder of note drafts saved when gloss ended while a note was being typed.
    pub fn drafts(&self) -> PathBuf {
        self.state.join("drafts")
    }
}
