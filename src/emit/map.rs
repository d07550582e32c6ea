//! The stakeholder map as an inline SVG, laid out deterministically by the preprocessor.
//!
//! In: the wire document. Out: SVG markup (every text XML-escaped) with `<title>` and `<desc>`,
//! printed by the theme as is. An empty string when there is nothing to draw.
//!
//! What it gets wrong: (to be written).

use crate::wire;

pub fn map_svg(_doc: &wire::Document) -> String {
    String::new()
}
