//! Stakeholders: who is involved, as what.
//!
//! In: the document. Out: one stakeholder per real-world actor, ordered by salience then name.
//!
//! What it gets wrong: (to be written with the extractor).

use crate::model::{Diagnostic, Document, Stakeholder};

pub fn extract(_doc: &Document, _warnings: &mut Vec<Diagnostic>) -> Vec<Stakeholder> {
    Vec::new()
}
