//! The user's own gazetteer: every actor the user tags or accepts is remembered, in this
//! article at once and in every later one. It lives in `$XDG_DATA_HOME/gloss/learned.toml`
//! in the shipped gazetteer's format, so it can be read and edited by hand, and it can be
//! exported as Prodigy match patterns.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

use crate::annotation::store::write_atomic;

/// One learned actor.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearnedActor {
    /// The canonical name.
    pub name: String,
    /// The label it was tagged with.
    pub label: String,
    /// Other names seen for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LearnedFile {
    #[serde(default)]
    actor: Vec<LearnedActor>,
}

/// The learned actors, with what changed since they were last written.
#[derive(Debug, Default)]
pub struct Learned {
    path: Option<PathBuf>,
    actors: BTreeSet<LearnedActor>,
    added: BTreeSet<LearnedActor>,
    removed: BTreeSet<LearnedActor>,
}

/// What a new learned file starts with.
const HEADER: &str = "# Actors you tagged or accepted in gloss, suggested wherever their names appear.\n# Edit freely: [[actor]] tables with name, label and optional aliases.\n";

/// Why the learned file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum LearnedError {
    /// Reading or writing it failed.
    #[error("{}", .path.display())]
    Io {
        /// The learned file.
        path: PathBuf,
        /// Why.
        #[source]
        error: std::io::Error,
    },
    /// It is not a list of `[[actor]]` tables: the file, the line and what is wrong.
    #[error("{0}")]
    Invalid(String),
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> LearnedError + '_ {
    move |error| LearnedError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Reads a learned file's actors; a missing file is empty.
fn read(path: &Path) -> Result<BTreeSet<LearnedActor>, LearnedError> {
    let text = match crate::files::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(io_error(path)(e)),
    };
    parse(path, &text)
}

/// The actors of the learned file `text` (read from `path`), cleaned of anything that could
/// drive a terminal: the file may have been edited by hand, or by someone else.
fn parse(path: &Path, text: &str) -> Result<BTreeSet<LearnedActor>, LearnedError> {
    let file: LearnedFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        LearnedError::Invalid(format!(
            "{}: line {line}: {}",
            path.display(),
            e.message().trim().replace('\n', " ")
        ))
    })?;
    Ok(file.actor.into_iter().map(LearnedActor::cleaned).collect())
}

/// `text` (the learned file as it is on disk, holding `on_disk`) with the `removed` actors'
/// tables taken out and the `added` ones appended, everything else (the user's comments,
/// order and layout) left as it was.
fn edit_in_place(
    path: &Path,
    text: &str,
    on_disk: &BTreeSet<LearnedActor>,
    added: &BTreeSet<LearnedActor>,
    removed: &BTreeSet<LearnedActor>,
) -> Result<String, LearnedError> {
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| LearnedError::Invalid(format!("{}: {e}", path.display())))?;
    if !doc.contains_key("actor") {
        doc.insert(
            "actor",
            toml_edit::Item::ArrayOfTables(toml_edit::ArrayOfTables::new()),
        );
    }
    // A file of comments only (the header of a new file) keeps them above the first table
    // rather than after the last.
    let leading = match doc.get("actor").and_then(|a| a.as_array_of_tables()) {
        Some(tables) if !tables.is_empty() => String::new(),
        _ => {
            let comments = doc.trailing().as_str().unwrap_or("").to_string();
            doc.set_trailing("");
            comments
        }
    };
    let tables = doc["actor"].as_array_of_tables_mut().ok_or_else(|| {
        LearnedError::Invalid(format!(
            "{}: actor is not a list of [[actor]] tables",
            path.display()
        ))
    })?;
    // A table's comments are written before it (its decor): those of a removed table move
    // to the next one, so a comment about the file or a group of actors stays.
    let prefix = |table: &toml_edit::Table| {
        let raw = table.decor().prefix().and_then(|p| p.as_str());
        raw.unwrap_or("").to_string()
    };
    let mut carried = leading;
    let mut at = 0;
    while at < tables.len() {
        let table = tables.get(at).expect("in range");
        if actor_of(table).is_some_and(|actor| removed.contains(&actor)) {
            carried.push_str(&prefix(table));
            tables.remove(at);
            continue;
        }
        if !carried.is_empty() {
            let table = tables.get_mut(at).expect("in range");
            let own = prefix(table);
            table
                .decor_mut()
                .set_prefix(std::mem::take(&mut carried) + &own);
        }
        at += 1;
    }
    for actor in added.iter().filter(|a| !on_disk.contains(a)) {
        let mut table = toml_edit::Table::new();
        table["name"] = toml_edit::value(actor.name.as_str());
        table["label"] = toml_edit::value(actor.label.as_str());
        if !actor.aliases.is_empty() {
            let aliases: toml_edit::Array = actor.aliases.iter().map(String::as_str).collect();
            table["aliases"] = toml_edit::value(aliases);
        }
        if !carried.is_empty() {
            table.decor_mut().set_prefix(std::mem::take(&mut carried));
        }
        tables.push(table);
    }
    if !carried.is_empty() {
        let trailing = doc.trailing().as_str().unwrap_or("").to_string();
        doc.set_trailing(carried + &trailing);
    }
    Ok(doc.to_string())
}

/// The actor an `[[actor]]` table holds, as [`parse`] reads it.
fn actor_of(table: &toml_edit::Table) -> Option<LearnedActor> {
    let text = |key: &str| table.get(key)?.as_str().map(str::to_string);
    let aliases = match table.get("aliases") {
        Some(item) => item
            .as_array()?
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()?,
        None => Vec::new(),
    };
    Some(
        LearnedActor {
            name: text("name")?,
            label: text("label")?,
            aliases,
        }
        .cleaned(),
    )
}

impl LearnedActor {
    /// The actor with its name, label and aliases cleaned (see [`crate::text::clean`]).
    fn cleaned(self) -> Self {
        let clean = |s: &str| crate::text::clean::clean(s).into_owned();
        let name = |s: &str| crate::text::names::normalise(&clean(s)).into_owned();
        Self {
            name: name(&self.name),
            label: clean(&self.label),
            aliases: self.aliases.iter().map(|a| name(a)).collect(),
        }
    }
}

impl Learned {
    /// Loads the learned actors at `path`. A file that cannot be read gives an empty set and a
    /// warning naming the file and line; it is then never written, so nothing in it is lost.
    pub fn load(path: PathBuf) -> (Self, Option<String>) {
        match read(&path) {
            Ok(actors) => (
                Self {
                    path: Some(path),
                    actors,
                    ..Self::default()
                },
                None,
            ),
            Err(error) => (
                Self::default(),
                Some(format!(
                    "learned names not used: {}",
                    crate::error::chain(&error)
                )),
            ),
        }
    }

    /// All learned actors.
    pub fn actors(&self) -> impl Iterator<Item = &LearnedActor> {
        self.actors.iter()
    }

    /// True when `actor` is known.
    pub fn contains(&self, actor: &LearnedActor) -> bool {
        self.actors.contains(actor)
    }

    /// Adds an actor.
    pub fn insert(&mut self, actor: LearnedActor) {
        self.removed.remove(&actor);
        self.added.insert(actor.clone());
        self.actors.insert(actor);
    }

    /// Forgets an actor (an undone tag).
    pub fn remove(&mut self, actor: &LearnedActor) {
        self.added.remove(actor);
        self.removed.insert(actor.clone());
        self.actors.remove(actor);
    }

    /// Writes the changes since the last save, merged into what is on disk now (another gloss
    /// may have learned names meanwhile).
    pub fn save(&mut self) -> Result<(), LearnedError> {
        match self.pending_changes() {
            Some(changes) => {
                let result = changes.write();
                self.written(&changes, result)
            }
            None => Ok(()),
        }
    }

    /// The changes not yet written, copied to be written elsewhere (by the writer thread,
    /// with the annotation file): `None` when there are none, or no file. They stay here
    /// until [`Learned::written`] hears they are on disk, so a save that fails, or two in
    /// flight at once, lose nothing: the next save carries whatever is still unwritten.
    pub fn pending_changes(&self) -> Option<LearnedChanges> {
        let path = self.path.clone()?;
        if self.added.is_empty() && self.removed.is_empty() {
            return None;
        }
        Some(LearnedChanges {
            path,
            added: self.added.clone(),
            removed: self.removed.clone(),
        })
    }

    /// Takes the result of writing `changes` ([`LearnedChanges::write`]): those of them
    /// still unwritten here as they were are written now, and the names on disk then, with
    /// the changes made since on top, are the names; on a failure nothing changes here.
    pub fn written(
        &mut self,
        changes: &LearnedChanges,
        result: Result<BTreeSet<LearnedActor>, LearnedError>,
    ) -> Result<(), LearnedError> {
        let mut on_disk = result?;
        for a in &changes.added {
            self.added.remove(a);
        }
        for a in &changes.removed {
            self.removed.remove(a);
        }
        for a in &self.removed {
            on_disk.remove(a);
        }
        on_disk.extend(self.added.iter().cloned());
        self.actors = on_disk;
        Ok(())
    }

    /// Whole-word occurrences in `text` of every learned name and alias: (range, label,
    /// canonical name), leftmost-longest, not overlapping.
    pub fn find(&self, text: &str) -> Vec<(Range<usize>, String, String)> {
        find_in(&self.actors, text)
    }

    /// The learned actors as Prodigy match patterns, one JSON object a line:
    /// `{"label": "Person", "pattern": [{"lower": "vladimir"}, {"lower": "putin"}]}`.
    pub fn prodigy_patterns(&self) -> String {
        self.actors
            .iter()
            .flat_map(|actor| {
                std::iter::once(&actor.name)
                    .chain(&actor.aliases)
                    .filter_map(|name| crate::detect::prodigy_pattern(name, &actor.label))
            })
            .collect()
    }
}

/// Learned names added and forgotten since the file was last written, on their way to it.
#[derive(Debug)]
pub struct LearnedChanges {
    path: PathBuf,
    added: BTreeSet<LearnedActor>,
    removed: BTreeSet<LearnedActor>,
}

impl LearnedChanges {
    /// Writes them into the file as it is now (atomically, editing it in place so that
    /// comments and order stay); returns the names the file holds then.
    pub fn write(&self) -> Result<BTreeSet<LearnedActor>, LearnedError> {
        let path = &self.path;
        let text = match crate::files::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => HEADER.to_string(),
            Err(e) => return Err(io_error(path)(e)),
        };
        let mut on_disk = parse(path, &text)?;
        let text = edit_in_place(path, &text, &on_disk, &self.added, &self.removed)?;
        for a in &self.removed {
            on_disk.remove(a);
        }
        on_disk.extend(self.added.iter().cloned());
        write_atomic(path, text.as_bytes()).map_err(io_error(path))?;
        Ok(on_disk)
    }
}

/// Whole-word occurrences in `text` of the names and aliases of `actors` (see
/// [`Learned::find`]).
pub fn find_in(actors: &BTreeSet<LearnedActor>, text: &str) -> Vec<(Range<usize>, String, String)> {
    let mut patterns = Vec::new();
    let mut owners = Vec::new();
    for actor in actors {
        for name in std::iter::once(&actor.name).chain(&actor.aliases) {
            if !name.trim().is_empty() {
                patterns.push(name.as_str());
                owners.push(actor);
            }
        }
    }
    if patterns.is_empty() {
        return Vec::new();
    }
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
    else {
        return Vec::new();
    };
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    automaton
        .find_iter(text)
        .filter(|m| {
            !text[..m.start()].chars().next_back().is_some_and(is_word)
                && !text[m.end()..].chars().next().is_some_and(is_word)
        })
        .map(|m| {
            let owner = owners[m.pattern().as_usize()];
            (m.range(), owner.label.clone(), owner.name.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str, label: &str) -> LearnedActor {
        LearnedActor {
            name: name.into(),
            label: label.into(),
            aliases: Vec::new(),
        }
    }

    #[test]
    fn saving_keeps_the_users_comments_and_layout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("learned.toml");
        let by_hand = "# my actors, checked 2026-11\n\n[[actor]]\nname = \"Kremlin\"  # the office\nlabel = \"Organisation\"\n\n# people\n[[actor]]\nname = \"Xi Jinping\"\nlabel = \"Person\"\naliases = [\"Xi\"]\n";
        std::fs::write(&path, by_hand).unwrap();
        let (mut learned, warning) = Learned::load(path.clone());
        assert_eq!(warning, None);
        learned.insert(actor("Vladimir Putin", "Person"));
        learned.remove(&actor("Kremlin", "Organisation"));
        learned.save().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# my actors, checked 2026-11\n"), "{text}");
        // A new file starts with its header.
        let fresh = dir.path().join("fresh.toml");
        let (mut new, _) = Learned::load(fresh.clone());
        new.insert(actor("Xi Jinping", "Person"));
        new.save().unwrap();
        let written = std::fs::read_to_string(&fresh).unwrap();
        assert!(written.starts_with("# Actors you tagged"), "{written}");
        assert!(text.contains("# people\n"), "{text}");
        assert!(text.contains("aliases = [\"Xi\"]"), "{text}");
        assert!(!text.contains("Kremlin"), "{text}");
        assert!(text.contains("name = \"Vladimir Putin\""), "{text}");
        let (again, _) = Learned::load(path);
        let names: Vec<&str> = again.actors().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Vladimir Putin", "Xi Jinping"]);
    }

    #[test]
    fn hand_edited_names_are_cleaned_of_terminal_controls() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("learned.toml");
        std::fs::write(
            &path,
            "[[actor]]\nname = \"Evil\\u001b]52;c;aGk=\\u0007 Corp\\u202e\"\nlabel = \"Organisation\"\n",
        )
        .unwrap();
        let (learned, _) = Learned::load(path);
        let name = &learned.actors().next().unwrap().name;
        assert_eq!(name, "Evil Corp");
    }

    #[test]
    fn learns_saves_merges_and_finds_whole_words() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("learned.toml");
        let (mut a, warning) = Learned::load(path.clone());
        assert!(warning.is_none());
        a.insert(actor("Zorblat Institute", "Organisation"));
        let (mut b, _) = Learned::load(path.clone());
        b.insert(actor("Ana Mirel", "Person"));
        a.save().unwrap();
        b.save().unwrap();
        let (c, _) = Learned::load(path);
        assert_eq!(c.actors().count(), 2, "both processes' names kept");
        let found = c.find("The Zorblat Institute and Ana Mirel; Ana Mirels no.");
        let names: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
        assert_eq!(names, ["Zorblat Institute", "Ana Mirel"]);
        assert!(
            c.prodigy_patterns()
                .contains(r#"{"label":"Person","pattern":[{"lower":"ana"},{"lower":"mirel"}]}"#)
        );
    }

    #[test]
    fn a_broken_file_is_reported_with_its_line_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("learned.toml");
        std::fs::write(
            &path,
            "[[actor]]\nname = \"X\"\nlabel = \"Person\"\nalias = 3\n",
        )
        .unwrap();
        let (mut learned, warning) = Learned::load(path.clone());
        let warning = warning.unwrap();
        assert!(warning.contains("learned.toml: line 4"), "{warning}");
        learned.insert(actor("Y", "Person"));
        learned.save().unwrap();
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("alias = 3")
        );
    }
}
