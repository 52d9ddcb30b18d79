//! What a key can do. Each action has a config name (snake_case) and a one-line description
//! that the help screen shows, so help can never drift from the bindings.

use serde::Deserialize;

macro_rules! actions {
    ($($variant:ident => $description:literal,)*) => {
        /// An action a key can be bound to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $(
                #[doc = $description]
                $variant,
            )*
        }

        impl Action {
            /// Every action, in the order the help screen lists them.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The action's name in the config (snake_case): "next_item".
            pub fn name(self) -> String {
                let mut name = String::new();
                for (i, c) in format!("{self:?}").chars().enumerate() {
                    if c.is_uppercase() && i > 0 {
                        name.push('_');
                    }
                    name.push(c.to_ascii_lowercase());
                }
                name
            }

            /// One line saying what the action does.
            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $description,)*
                }
            }
        }
    };
}

actions! {
    NextSentence => "Next sentence (next item in the panel)",
    PrevSentence => "Previous sentence (previous item in the panel)",
    NextParagraph => "Next paragraph",
    PrevParagraph => "Previous paragraph",
    Top => "Go to the top",
    Bottom => "Go to the bottom",
    HalfPageDown => "Half a page down",
    HalfPageUp => "Half a page up",
    PageDown => "A page down",
    PageUp => "A page up",
    CharLeft => "Cursor one character left",
    CharRight => "Cursor one character right",
    WordNext => "Cursor to the next word",
    WordPrev => "Cursor to the previous word",
    WordEnd => "Cursor to the end of the word",
    Select => "Start a selection at the cursor (or drop it)",
    Cancel => "Drop the selection or close what is open",
    Search => "Search the article",
    SearchNext => "Next search match",
    SearchPrev => "Previous search match",
    ToggleFocus => "Move focus between article and side panel",
    Open => "Jump to the panel item in the article",
    TagClaim => "Tag the sentence (or selection) as a claim, then pick its speaker",
    TagActor => "Tag the selection (or word) as an actor, then pick a label",
    TagAll => "Tag every other occurrence of the name just tagged",
    Accept => "Accept the suggestion under the cursor",
    Reject => "Reject the suggestion under the cursor",
    AcceptSentence => "Accept every suggestion in the sentence",
    Remove => "Remove the annotation under the cursor",
    Note => "Add or edit a note on the annotation under the cursor",
    Speaker => "Change the speaker of the claim under the cursor",
    Export => "Export the annotations beside their file (pick a format)",
    OpenLink => "Open the article's web page in the browser",
    ToggleDone => "Mark the article done (again: not done)",
    NextArticle => "Open the next article of the list this one came from",
    PrevArticle => "Open the previous article of the list this one came from",
    RenameActor => "Rename the actor (another actor's name merges the two)",
    Undo => "Undo",
    Redo => "Redo",
    Help => "Show or hide this help",
    Quit => "Quit (from an article opened from a list: back to the list)",
    QuitAll => "Quit gloss",
    NextItem => "Next item in the list",
    PrevItem => "Previous item in the list",
    FirstItem => "First item in the list",
    LastItem => "Last item in the list",
    OpenItem => "Open the article or feed item under the cursor",
    Filter => "Filter the list as you type",
    SearchAnnotations => "Search every article's annotations (e.g. \"claims by Putin\")",
    Feeds => "Show the items of the subscribed feeds",
    Refresh => "Refresh the feed of the item under the cursor",
    RefreshAll => "Refresh every feed",
    Confirm => "Choose the highlighted entry, or run what was typed",
    DeleteChar => "Delete the character before the cursor (on an empty line: close it)",
    ClearLine => "Clear what was typed",
    SaveNote => "Save the note and close the editor",
    DiscardNote => "Close the editor without saving the note",
    None => "Do nothing (unbinds a key)",
}
