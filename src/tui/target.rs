//! What "the annotation under the cursor" means: in the article, the confirmed entity or
//! entity suggestion at the cursor, else the claim or claim suggestion around it; in the
//! panel, the selected row.

use crate::annotation::Kind;

use super::app::{App, Focus};
use super::panel::{Member, PanelItem};

/// Something a command can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Confirmed annotations, by id.
    Confirmed(Vec<String>),
    /// Open suggestions of a kind, by index.
    Suggested(Kind, Vec<usize>),
}

/// The targets under the cursor, most specific first.
pub fn under_cursor(app: &App) -> Vec<Target> {
    if app.focus == Focus::Panel {
        return panel_targets(app);
    }
    let session = &app.session;
    let at = app.cursor;
    let here = at..at + 1;
    let sentence = app.sentence_range();
    let mut targets = Vec::new();
    if let Some(a) = session
        .annotations
        .overlapping(here.clone())
        .filter(|a| a.kind == Kind::Entity && a.contains(at))
        .min_by_key(|a| a.range.len())
    {
        targets.push(Target::Confirmed(vec![a.id.clone()]));
    }
    if let Some(i) = session
        .suggestions
        .entities_in(here.clone())
        .find(|&i| session.entity_suggestion_open(i))
    {
        targets.push(Target::Suggested(Kind::Entity, vec![i]));
    }
    // Claims: those at the cursor first, then any in the sentence.
    let mut claims: Vec<_> = session
        .annotations
        .overlapping(sentence.clone())
        .filter(|a| a.kind == Kind::Claim)
        .collect();
    claims.sort_by_key(|a| !a.contains(at));
    if let Some(a) = claims.first() {
        targets.push(Target::Confirmed(vec![a.id.clone()]));
    }
    let mut suggested: Vec<usize> = session
        .suggestions
        .claims_in(sentence)
        .filter(|&i| session.claim_suggestion_open(i))
        .collect();
    suggested.sort_by_key(|&i| {
        let r = &session.suggestions.claims[i].range;
        !(r.start <= at && at < r.end)
    });
    if let Some(&i) = suggested.first() {
        targets.push(Target::Suggested(Kind::Claim, vec![i]));
    }
    targets
}

/// The selected panel row's targets: an actor's confirmed mentions and its open
/// suggestions, or a claim.
fn panel_targets(app: &App) -> Vec<Target> {
    match app.panel_items.get(app.panel_selected) {
        Some(PanelItem::Actor {
            confirmed,
            suggested,
            ..
        }) => {
            let mut targets = Vec::new();
            if !confirmed.is_empty() {
                targets.push(Target::Confirmed(confirmed.clone()));
            }
            if !suggested.is_empty() {
                targets.push(Target::Suggested(Kind::Entity, suggested.clone()));
            }
            targets
        }
        Some(PanelItem::Claim { member, .. }) => vec![match member {
            Member::Confirmed(id) => Target::Confirmed(vec![id.clone()]),
            Member::Suggested(i) => Target::Suggested(Kind::Claim, vec![*i]),
        }],
        _ => Vec::new(),
    }
}

/// The first suggestion target.
pub fn suggestion(app: &App) -> Option<(Kind, Vec<usize>)> {
    under_cursor(app).into_iter().find_map(|t| match t {
        Target::Suggested(kind, indices) => Some((kind, indices)),
        Target::Confirmed(_) => None,
    })
}

/// The first confirmed target.
pub fn confirmed(app: &App) -> Option<Vec<String>> {
    under_cursor(app).into_iter().find_map(|t| match t {
        Target::Confirmed(ids) => Some(ids),
        Target::Suggested(..) => None,
    })
}

/// The confirmed claim under the cursor.
pub fn confirmed_claim(app: &App) -> Option<String> {
    under_cursor(app).into_iter().find_map(|t| match t {
        Target::Confirmed(ids) => ids.into_iter().find(|id| {
            app.session
                .annotations
                .get(id)
                .is_some_and(|a| a.kind == Kind::Claim)
        }),
        Target::Suggested(..) => None,
    })
}
