//! Annotations: the model, the versioned file that holds them, atomic saving with a lock (one
//! file, or many at once), and re-anchoring when the article text has changed.

pub mod anchor;
pub mod batch;
pub mod file;
pub mod model;
pub mod store;

pub use model::{Annotation, AnnotationSet, Kind};
