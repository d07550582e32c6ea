//! Dates: temporal expressions → TIMEX3 values.
//!
//! In: a segmented document and the publication date, if known. Out: every temporal expression,
//! in text order, with its TIMEX3 value, type, precision, modifier and anchor.
//!
//! What it gets wrong: (to be written with the extractor).

use crate::model::{DateMention, Diagnostic, Document, Ymd};

pub fn extract(_doc: &Document, _published: Option<Ymd>, _warnings: &mut Vec<Diagnostic>) -> Vec<DateMention> {
    Vec::new()
}
