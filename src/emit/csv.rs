//! The source list as a CSV download (`sources.csv`, RFC 4180).
//!
//! In: the wire document. Out: one row per statement.
//!
//! What it gets wrong: (to be written).

use crate::wire;

pub fn sources_csv(_doc: &wire::Document) -> String {
    "source,kind,named,statement_kind,cue,text,paragraph\n".to_string()
}
