//! Sources: who is on record saying what, and who would not say.
//!
//! In: the document and its stakeholders. Out: sources in order of first appearance, each with
//! its statements in text order, and the disputes between them.
//!
//! What it gets wrong: (to be written with the extractor).

use crate::model::{Dispute, Document, Source, Stakeholder};

pub fn extract(_doc: &Document, _stakeholders: &[Stakeholder]) -> (Vec<Source>, Vec<Dispute>) {
    (Vec::new(), Vec::new())
}
