//! Colours as written in the config: a name ("yellow", "lightcyan"), "#rrggbb", or a number
//! 0 to 255 from the terminal's palette.

use std::str::FromStr;

use serde::Deserialize;

/// A highlight colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
#[allow(missing_docs)]
pub enum Colour {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
    /// An entry of the 256-colour palette.
    Indexed(u8),
}

const NAMES: &[(&str, Colour)] = &[
    ("black", Colour::Black),
    ("red", Colour::Red),
    ("green", Colour::Green),
    ("yellow", Colour::Yellow),
    ("blue", Colour::Blue),
    ("magenta", Colour::Magenta),
    ("cyan", Colour::Cyan),
    ("gray", Colour::Gray),
    ("grey", Colour::Gray),
    ("darkgray", Colour::DarkGray),
    ("darkgrey", Colour::DarkGray),
    ("lightred", Colour::LightRed),
    ("lightgreen", Colour::LightGreen),
    ("lightyellow", Colour::LightYellow),
    ("lightblue", Colour::LightBlue),
    ("lightmagenta", Colour::LightMagenta),
    ("lightcyan", Colour::LightCyan),
    ("white", Colour::White),
];

impl FromStr for Colour {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase().replace(['-', '_', ' '], "");
        if let Some((_, colour)) = NAMES.iter().find(|(name, _)| *name == lower) {
            return Ok(*colour);
        }
        if let Some(hex) = lower.strip_prefix('#')
            && hex.len() == 6
            && let Ok(value) = u32::from_str_radix(hex, 16)
        {
            let [_, r, g, b] = value.to_be_bytes();
            return Ok(Colour::Rgb(r, g, b));
        }
        if let Ok(index) = lower.parse::<u8>() {
            return Ok(Colour::Indexed(index));
        }
        Err(format!(
            "bad colour {s:?}: expected a name such as \"yellow\" or \"lightcyan\", \"#rrggbb\", or 0 to 255"
        ))
    }
}

impl TryFrom<String> for Colour {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_hex_and_indexes() {
        assert_eq!("Light-Cyan".parse(), Ok(Colour::LightCyan));
        assert_eq!("#ff8000".parse(), Ok(Colour::Rgb(255, 128, 0)));
        assert_eq!("208".parse(), Ok(Colour::Indexed(208)));
        assert!("#ff80".parse::<Colour>().is_err());
        assert!("blurple".parse::<Colour>().is_err());
    }
}
