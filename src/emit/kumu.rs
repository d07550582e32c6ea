//! The stakeholder map as a Kumu blueprint download (`kumu.json`: `{elements, connections}`).
//!
//! In: the wire document. Out: one element per stakeholder, one connection per relation.
//!
//! What it gets wrong: (to be written).

use crate::wire;

pub fn blueprint(_doc: &wire::Document) -> String {
    "{\"elements\":[],\"connections\":[]}\n".to_string()
}
