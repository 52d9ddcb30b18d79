//! The Label Studio labelling configuration that the task list of [`super::label_studio`] fits:
//! a project created with it imports the tasks with every region, actor name and speaker link.
//!
//! ```xml
//! <View>
//!   <Relations>
//!     <Relation value="Speaker"/>
//!   </Relations>
//!   <Labels name="entity" toName="text">
//!     <Label value="Person"/>
//!   </Labels>
//!   <Labels name="claim" toName="text">
//!     <Label value="Claim"/>
//!   </Labels>
//!   <Text name="text" value="$text"/>
//!   <TextArea name="actor" toName="text" perRegion="true"/>
//! </View>
//! ```
//!
//! Label Studio refuses tasks whose regions use a label the configuration lacks, so each
//! `Labels` holds every label the exported regions of its kind use; a kind with none gets
//! gloss's default labels for it, so that such regions can still be made in Label Studio.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use quick_xml::escape::escape;

use super::Article;
use super::label_studio::{ACTOR, CLAIM, ENTITY, SPEAKER, TEXT};
use crate::config::{Config, LabelConfig};

/// The file name ending of the configuration beside the tasks.
pub const EXTENSION: &str = "label-studio.xml";

/// The labelling configuration for the tasks of `articles`.
pub fn config(articles: &[Article<'_>]) -> String {
    let mut entities = BTreeSet::new();
    let mut claims = BTreeSet::new();
    for span in articles.iter().flat_map(|a| &a.spans) {
        let label = span.stored.label.as_str();
        if span.is_entity() {
            entities.insert(label);
        } else {
            claims.insert(label);
        }
    }
    let defaults = Config::default();
    let mut out = String::from("<View>\n  <Relations>\n");
    let _ = writeln!(out, "    <Relation value=\"{}\"/>", escape(SPEAKER));
    out.push_str("  </Relations>\n");
    labels(&mut out, ENTITY, &entities, &defaults.entity_labels);
    labels(&mut out, CLAIM, &claims, &defaults.claim_labels);
    let _ = writeln!(out, "  <Text name=\"{TEXT}\" value=\"${TEXT}\"/>");
    let _ = writeln!(
        out,
        "  <TextArea name=\"{ACTOR}\" toName=\"{TEXT}\" perRegion=\"true\"/>"
    );
    out.push_str("</View>\n");
    out
}

/// One `Labels` control named `name`: `used`, else the names of `defaults`.
fn labels(out: &mut String, name: &str, used: &BTreeSet<&str>, defaults: &[LabelConfig]) {
    let _ = writeln!(out, "  <Labels name=\"{name}\" toName=\"{TEXT}\">");
    let names: Vec<&str> = if used.is_empty() {
        defaults.iter().map(|l| l.name.as_str()).collect()
    } else {
        used.iter().copied().collect()
    };
    for label in names {
        let _ = writeln!(out, "    <Label value=\"{}\"/>", escape(label));
    }
    out.push_str("  </Labels>\n");
}
