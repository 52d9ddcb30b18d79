//! What a session command's outcome shows and asks for: its message, and a save when
//! something changed.

use super::app::App;
use super::request::Request;
use crate::session::Outcome;

/// Turns a session outcome into a message and effects.
pub fn after(app: &mut App, outcome: Outcome) -> Vec<Request> {
    app.refresh_panel();
    match outcome {
        Outcome::Changed(message) => {
            app.message = Some(message);
            vec![Request::Save]
        }
        Outcome::Unchanged(message) => {
            app.message = message;
            Vec::new()
        }
    }
}
