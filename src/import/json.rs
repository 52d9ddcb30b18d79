//! Reading the JSON imports (Label Studio, W3C) into typed structs, with positions.
//!
//! A part of the input whose position matters (a task, a region, an annotation, an id) is
//! deserialized as a borrowed [`RawValue`]: serde_json hands out the slice of the input where
//! it found the value, so its offset, and so its line, is known exactly. The part is then
//! deserialized on its own into its struct, and an error in it is reported at its line and
//! column in the whole input.
//!
//! The importers read only some fields of files written by other tools, and tolerate another
//! kind of value where they need none: such fields are [`Loose`], and a value of another type
//! reads as absent.

use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use super::ImportError;

/// A value of type `T`, or any other value (read as absent).
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum Loose<T> {
    /// A value of the expected type.
    Is(T),
    /// Anything else.
    Other(IgnoredAny),
}

impl<T> Loose<T> {
    /// The value, if it has the expected type.
    pub(crate) fn get(&self) -> Option<&T> {
        match self {
            Loose::Is(v) => Some(v),
            Loose::Other(_) => None,
        }
    }
}

/// A field that should hold a string.
pub(crate) type Text = Option<Loose<String>>;

/// The string of a [`Text`] field, if it holds one.
pub(crate) fn string(t: &Text) -> Option<&str> {
    t.as_ref().and_then(Loose::get).map(String::as_str)
}

/// A JSON-LD value that is one item or a list of them (`"type": "Annotation"` or
/// `"type": ["Annotation"]`).
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum List<T> {
    /// A list.
    Many(Vec<T>),
    /// One item.
    One(T),
}

impl<T> List<T> {
    /// The items of an optional field (none when it is absent or null).
    pub(crate) fn items(list: &Option<List<T>>) -> &[T] {
        match list {
            None => &[],
            Some(List::Many(v)) => v,
            Some(List::One(one)) => std::slice::from_ref(one),
        }
    }
}

/// The input of a JSON import: its path (for errors) and its text.
#[derive(Clone, Copy)]
pub(crate) struct Json<'a> {
    /// The input file.
    pub path: &'a Path,
    /// Its contents.
    pub contents: &'a str,
}

impl<'a> Json<'a> {
    /// The whole input as a raw value.
    pub(crate) fn root(&self) -> Result<&'a RawValue, ImportError> {
        serde_json::from_str(self.contents).map_err(|e| ImportError::json(self.path, &e))
    }

    /// The byte offset of `raw` in the input (0 if it is not part of it).
    fn offset(&self, raw: &RawValue) -> usize {
        let at = (raw.get().as_ptr() as usize).wrapping_sub(self.contents.as_ptr() as usize);
        if at <= self.contents.len() { at } else { 0 }
    }

    /// The 1-based line and the 0-based byte column of `raw` in the input.
    fn position(&self, raw: &RawValue) -> (usize, usize) {
        let before = &self.contents[..self.offset(raw)];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.bytes().filter(|&b| b == b'\n').count() + 1,
            before.len() - line_start,
        )
    }

    /// The 1-based line of `raw` in the input.
    pub(crate) fn line(&self, raw: &RawValue) -> usize {
        self.position(raw).0
    }

    /// `raw` deserialized as a `T`; an error names its line and column in the input.
    pub(crate) fn parse<T: Deserialize<'a>>(&self, raw: &'a RawValue) -> Result<T, ImportError> {
        serde_json::from_str(raw.get())
            .map_err(|e| ImportError::json_at(self.path, &e, self.position(raw)))
    }

    /// The items of `raw` if it is an array.
    pub(crate) fn array(
        &self,
        raw: &'a RawValue,
    ) -> Result<Option<Vec<&'a RawValue>>, ImportError> {
        if raw.get().starts_with('[') {
            self.parse(raw).map(Some)
        } else {
            Ok(None)
        }
    }

    /// `raw` deserialized as a `T` if it is an object.
    pub(crate) fn object<T: Deserialize<'a>>(
        &self,
        raw: &'a RawValue,
    ) -> Result<Option<T>, ImportError> {
        if raw.get().starts_with('{') {
            self.parse(raw).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The items of a JSON-LD value that is one item or a list (none when it is absent or
    /// null).
    pub(crate) fn items(
        &self,
        raw: Option<&'a RawValue>,
    ) -> Result<Vec<&'a RawValue>, ImportError> {
        match raw {
            None => Ok(Vec::new()),
            Some(raw) if raw.get() == "null" => Ok(Vec::new()),
            Some(raw) => Ok(self.array(raw)?.unwrap_or_else(|| vec![raw])),
        }
    }

    /// A string value (an id) as written: a string's text, any other value's JSON.
    pub(crate) fn id(&self, raw: &'a RawValue) -> Result<String, ImportError> {
        Ok(match self.parse::<serde_json::Value>(raw)? {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct A {
        #[allow(dead_code)]
        a: u8,
    }

    /// A part's line, and an error in it, are where serde_json puts them in the whole input.
    #[test]
    fn parts_are_placed_in_the_whole_input() {
        for contents in [
            "[\n  {\"a\": 1},\n  {\"a\": 1, \"a\": 2}\n]",
            "[\n  {\"a\": 1},\n  {\"a\": 1}, {\"a\": 300}\n]",
            "[{\"a\": 1}, {\n\"a\"\n:\n-1}]",
        ] {
            let json = Json {
                path: Path::new("x.json"),
                contents,
            };
            let items = json.array(json.root().unwrap()).unwrap().unwrap();
            assert_eq!(
                json.line(items[0]),
                if contents.starts_with("[\n") { 2 } else { 1 }
            );
            let got = items
                .iter()
                .find_map(|&item| json.parse::<A>(item).err())
                .unwrap();
            let want = serde_json::from_str::<Vec<A>>(contents).err().unwrap();
            let want = ImportError::json(Path::new("x.json"), &want);
            assert_eq!(got, want, "{contents}");
        }
    }
}
