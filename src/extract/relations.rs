//! Relations: edges of the stakeholder map, each from a sentence that states it.
//!
//! In: the document and its stakeholders. Out: relations in text order.
//!
//! What it gets wrong: (to be written with the extractor).

use crate::model::{Document, Relation, Stakeholder};

pub fn extract(_doc: &Document, _stakeholders: &[Stakeholder]) -> Vec<Relation> {
    Vec::new()
}
