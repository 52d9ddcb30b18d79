//! What a session command's outcome shows and asks for: its message, a save when
//! something changed, and the panel's rows built again.

use super::app::App;
use super::request::Request;
use crate::session::Outcome;

/// Turns a session outcome into a message and effects.
pub fn after(app: &mut App, outcome: Outcome) -> Vec<Request> {
    let panel = app.panel_changed();
    let mut requests = match outcome {
        Outcome::Changed(message) => {
            app.message = Some(message);
            vec![Request::Save]
        }
        Outcome::Unchanged(message) => {
            app.message = message;
            Vec::new()
        }
    };
    requests.extend(panel);
    requests
}
