//! Annotations: the model, the versioned file that holds them, atomic saving with a lock, and
//! re-anchoring when the article text has changed.

pub mod anchor;
pub mod file;
pub mod model;
pub mod store;

pub use model::{Annotation, AnnotationSet, Kind};
