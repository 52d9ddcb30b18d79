//! Keys as data: key combinations, the actions they trigger, and the keymap that joins them.
//! The default keymap ships as `assets/keymap.toml`; the user's config is laid over it.
//! Nothing here knows about a terminal: the terminal layer turns its key events into
//! [`KeyCombo`]s.

pub mod action;
pub mod combo;

use std::collections::BTreeMap;

use serde::Deserialize;

pub use action::Action;
pub use combo::{KeyCode, KeyCombo};

/// The shipped default bindings.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Bindings for each layer, as read from TOML: `[normal]` always applies; `[search]` applies
/// on top of it while search matches are shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KeyBindings {
    /// Keys in the reader.
    #[serde(deserialize_with = "unique_bindings")]
    pub normal: BTreeMap<KeyCombo, Action>,
    /// Keys while a search is active.
    #[serde(deserialize_with = "unique_bindings")]
    pub search: BTreeMap<KeyCombo, Action>,
    /// Keys in the library and feed lists.
    #[serde(deserialize_with = "unique_bindings")]
    pub list: BTreeMap<KeyCombo, Action>,
    /// Keys in the label, speaker and export pickers.
    #[serde(deserialize_with = "picker_bindings")]
    pub picker: BTreeMap<KeyCombo, Action>,
    /// Keys while a line is typed (a search, a filter).
    #[serde(deserialize_with = "prompt_bindings")]
    pub prompt: BTreeMap<KeyCombo, Action>,
    /// Keys in the note editor.
    #[serde(deserialize_with = "note_bindings")]
    pub note: BTreeMap<KeyCombo, Action>,
    /// Keys on a help screen.
    #[serde(deserialize_with = "help_bindings")]
    pub help: BTreeMap<KeyCombo, Action>,
}

/// What the keys of a layer that takes only its own actions may do.
struct OwnActions {
    /// The layer, as the help screen names it.
    name: &'static str,
    /// Its actions (besides `none`).
    actions: &'static [Action],
}

const PICKER: OwnActions = OwnActions {
    name: "a picker",
    actions: &[
        Action::NextItem,
        Action::PrevItem,
        Action::Confirm,
        Action::Cancel,
        Action::DeleteChar,
    ],
};
const PROMPT: OwnActions = OwnActions {
    name: "a prompt",
    actions: &[
        Action::Confirm,
        Action::Cancel,
        Action::DeleteChar,
        Action::ClearLine,
    ],
};
const NOTE: OwnActions = OwnActions {
    name: "the note editor",
    actions: &[Action::SaveNote, Action::DiscardNote],
};
const HELP: OwnActions = OwnActions {
    name: "help",
    actions: &[
        Action::NextItem,
        Action::PrevItem,
        Action::PageDown,
        Action::PageUp,
    ],
};

fn picker_bindings<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<KeyCombo, Action>, D::Error> {
    layer_bindings(d, Some(&PICKER))
}

fn prompt_bindings<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<KeyCombo, Action>, D::Error> {
    layer_bindings(d, Some(&PROMPT))
}

fn note_bindings<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<KeyCombo, Action>, D::Error> {
    layer_bindings(d, Some(&NOTE))
}

fn help_bindings<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<KeyCombo, Action>, D::Error> {
    layer_bindings(d, Some(&HELP))
}

/// Reads one layer's bindings, refusing a key bound twice under two spellings
/// (`ctrl-x` and `Ctrl-X` are one key): the second would silently replace the first.
fn unique_bindings<'de, D>(deserializer: D) -> Result<BTreeMap<KeyCombo, Action>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    layer_bindings(deserializer, None)
}

/// Reads one layer's bindings (see [`unique_bindings`]); a layer with `own` actions refuses
/// any other, naming the ones it takes.
fn layer_bindings<'de, D>(
    deserializer: D,
    own: Option<&'static OwnActions>,
) -> Result<BTreeMap<KeyCombo, Action>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Layer(Option<&'static OwnActions>);
    impl<'de> serde::de::Visitor<'de> for Layer {
        type Value = BTreeMap<KeyCombo, Action>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a table of key = \"action\"")
        }

        fn visit_map<M: serde::de::MapAccess<'de>>(
            self,
            mut map: M,
        ) -> Result<Self::Value, M::Error> {
            let mut bindings = BTreeMap::new();
            let mut spellings: BTreeMap<KeyCombo, String> = BTreeMap::new();
            while let Some((spelling, action)) = map.next_entry::<String, Action>()? {
                let combo: KeyCombo = spelling.parse().map_err(serde::de::Error::custom)?;
                if let Some(own) = self.0
                    && action != Action::None
                    && !own.actions.contains(&action)
                {
                    let names: Vec<String> = own.actions.iter().map(|a| a.name()).collect();
                    return Err(serde::de::Error::custom(format!(
                        "key {spelling:?}: {:?} is not something {} does (its actions: {}, none)",
                        action.name(),
                        own.name,
                        names.join(", ")
                    )));
                }
                if let Some(first) = spellings.get(&combo) {
                    return Err(serde::de::Error::custom(format!(
                        "key {spelling:?} is bound twice: {first:?} is the same key"
                    )));
                }
                spellings.insert(combo, spelling);
                bindings.insert(combo, action);
            }
            Ok(bindings)
        }
    }
    deserializer.deserialize_map(Layer(own))
}

/// Which layer of bindings is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Reading and tagging.
    Normal,
    /// A search is highlighted: its keys come first, then the normal ones.
    Search,
    /// The library and feed lists (only their own keys).
    List,
    /// A picker (only its own keys).
    Picker,
    /// A line being typed (only its own keys; other characters are typed).
    Prompt,
    /// The note editor (only its own keys; every other key edits the note).
    Note,
    /// A help screen (only its own keys; any other closes it).
    Help,
}

/// The effective keymap: defaults with the user's bindings laid over them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: KeyBindings,
}

impl Keymap {
    /// The shipped defaults.
    pub fn defaults() -> Self {
        let bindings: KeyBindings =
            toml::from_str(DEFAULT_KEYMAP).expect("assets/keymap.toml is valid");
        Self { bindings }
    }

    /// The defaults with `user` laid over them; binding a key to `none` unbinds it.
    pub fn with_overrides(user: &KeyBindings) -> Self {
        let mut keymap = Self::defaults();
        for (layer, overrides) in [
            (&mut keymap.bindings.normal, &user.normal),
            (&mut keymap.bindings.search, &user.search),
            (&mut keymap.bindings.list, &user.list),
            (&mut keymap.bindings.picker, &user.picker),
            (&mut keymap.bindings.prompt, &user.prompt),
            (&mut keymap.bindings.note, &user.note),
            (&mut keymap.bindings.help, &user.help),
        ] {
            for (combo, action) in overrides {
                layer.insert(*combo, *action);
            }
            layer.retain(|_, action| *action != Action::None);
        }
        keymap
    }

    /// The action for `combo` in `layer`.
    /// The search layer falls back on the normal one; every other layer has only its own
    /// keys.
    pub fn lookup(&self, layer: Layer, combo: KeyCombo) -> Option<Action> {
        let own = self.bindings_of(layer).get(&combo).copied();
        match layer {
            Layer::Search => own.or_else(|| self.bindings.normal.get(&combo).copied()),
            _ => own,
        }
    }

    /// The bindings `layer` has of its own.
    fn bindings_of(&self, layer: Layer) -> &BTreeMap<KeyCombo, Action> {
        match layer {
            Layer::Normal => &self.bindings.normal,
            Layer::Search => &self.bindings.search,
            Layer::List => &self.bindings.list,
            Layer::Picker => &self.bindings.picker,
            Layer::Prompt => &self.bindings.prompt,
            Layer::Note => &self.bindings.note,
            Layer::Help => &self.bindings.help,
        }
    }

    /// Every binding of the reader for the help screen: (layer name, action, its keys), in
    /// the order of [`Action::ALL`].
    pub fn help_entries(&self) -> Vec<HelpEntry> {
        Self::entries_of(&[
            ("", &self.bindings.normal),
            ("while searching", &self.bindings.search),
            ("in a picker", &self.bindings.picker),
            ("typing a search", &self.bindings.prompt),
            ("in the note editor", &self.bindings.note),
            ("in help", &self.bindings.help),
        ])
    }

    /// Every binding of the library and feed lists, for their help screen.
    pub fn list_help_entries(&self) -> Vec<HelpEntry> {
        Self::entries_of(&[
            ("", &self.bindings.list),
            ("typing a filter or search", &self.bindings.prompt),
            ("in help", &self.bindings.help),
        ])
    }

    fn entries_of(layers: &[(&'static str, &BTreeMap<KeyCombo, Action>)]) -> Vec<HelpEntry> {
        let mut entries = Vec::new();
        for &(layer, map) in layers {
            for &action in Action::ALL {
                let keys: Vec<String> = map
                    .iter()
                    .filter(|(_, a)| **a == action)
                    .map(|(k, _)| k.to_string())
                    .collect();
                if !keys.is_empty() {
                    entries.push(HelpEntry {
                        layer,
                        action,
                        keys,
                    });
                }
            }
        }
        entries
    }

    /// The first key bound to `action` in the normal layer, for hints in the status bar.
    pub fn key_for(&self, action: Action) -> Option<KeyCombo> {
        Self::first_key(&self.bindings.normal, action)
    }

    /// The first key bound to `action` in the list layer.
    pub fn list_key_for(&self, action: Action) -> Option<KeyCombo> {
        Self::first_key(&self.bindings.list, action)
    }

    /// Every key bound to `action` in `layer` (its own bindings only), for hints: "esc or
    /// ctrl-s".
    pub fn keys_in(&self, layer: Layer, action: Action) -> Vec<KeyCombo> {
        let mut keys: Vec<KeyCombo> = self
            .bindings_of(layer)
            .iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| *k)
            .collect();
        keys.sort_by_key(|k| (k.ctrl || k.alt, !matches!(k.code, KeyCode::Char(_))));
        keys
    }

    /// The keys of `action` in `layer` joined for a hint ("esc or ctrl-s"); "-" when none.
    pub fn hint(&self, layer: Layer, action: Action) -> String {
        let keys: Vec<String> = self
            .keys_in(layer, action)
            .iter()
            .map(ToString::to_string)
            .collect();
        match keys.is_empty() {
            true => "-".to_string(),
            false => keys.join(" or "),
        }
    }

    fn first_key(map: &BTreeMap<KeyCombo, Action>, action: Action) -> Option<KeyCombo> {
        let mut keys: Vec<&KeyCombo> = map
            .iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| k)
            .collect();
        keys.sort_by_key(|k| (!matches!(k.code, KeyCode::Char(_)), k.ctrl || k.alt));
        keys.first().map(|k| **k)
    }
}

/// One line of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    /// "" for the normal layer, else when the binding applies.
    pub layer: &'static str,
    /// The action.
    pub action: Action,
    /// Its keys, as written in the config.
    pub keys: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_bind_the_documented_keys() {
        let keymap = Keymap::defaults();
        let key = |s: &str| s.parse::<KeyCombo>().unwrap();
        assert_eq!(
            keymap.lookup(Layer::Normal, key("j")),
            Some(Action::NextSentence)
        );
        assert_eq!(
            keymap.lookup(Layer::Normal, key("ctrl-r")),
            Some(Action::Redo)
        );
        assert_eq!(keymap.lookup(Layer::Normal, key("n")), Some(Action::Reject));
        assert_eq!(
            keymap.lookup(Layer::Search, key("n")),
            Some(Action::SearchNext)
        );
    }

    #[test]
    fn every_action_a_user_can_bind_has_a_default_key() {
        let keymap = Keymap::defaults();
        let bound: Vec<Action> = keymap
            .help_entries()
            .iter()
            .chain(&keymap.list_help_entries())
            .map(|e| e.action)
            .collect();
        for action in Action::ALL {
            if *action != Action::None {
                assert!(bound.contains(action), "{action:?} has no default key");
            }
        }
    }

    #[test]
    fn overrides_replace_and_unbind() {
        let user: KeyBindings =
            toml::from_str("[normal]\n\"ctrl-n\" = \"next_sentence\"\nq = \"none\"").unwrap();
        let keymap = Keymap::with_overrides(&user);
        let key = |s: &str| s.parse::<KeyCombo>().unwrap();
        assert_eq!(
            keymap.lookup(Layer::Normal, key("ctrl-n")),
            Some(Action::NextSentence)
        );
        assert_eq!(keymap.lookup(Layer::Normal, key("q")), None);
        assert_eq!(
            keymap.lookup(Layer::Normal, key("j")),
            Some(Action::NextSentence)
        );
    }

    #[test]
    fn a_layer_of_its_own_refuses_an_action_it_cannot_do() {
        let error = toml::from_str::<KeyBindings>("[note]\nctrl-j = \"tag_actor\"\n").unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("\"tag_actor\" is not something the note editor does"),
            "{message}"
        );
        assert!(
            message.contains("save_note, discard_note, none"),
            "{message}"
        );
        assert!(toml::from_str::<KeyBindings>("[help]\nx = \"save_note\"\n").is_err());
        assert!(toml::from_str::<KeyBindings>("[note]\nesc = \"none\"\n").is_ok());
    }

    #[test]
    fn every_action_is_named_as_the_config_writes_it() {
        for action in Action::ALL {
            let written = format!("a = \"{}\"", action.name());
            let parsed: std::collections::BTreeMap<String, Action> =
                toml::from_str(&written).unwrap();
            assert_eq!(parsed["a"], *action);
        }
    }
}
