//! explainer: turns news articles into a static explainer website built with Zola.
//!
//! One typed document model flows through the stages, like mdBook's `Book` through its
//! preprocessors:
//!
//! ```text
//! ingest (bytes → Seed) → clean (→ CleanArticle) → segment (→ Document)
//!   → extract (dates, stakeholders, relations, sources, events, figures → Explainer)
//!   → wire (explainer/1 JSON) → emit (Zola content, downloads, CSS)
//! ```
//!
//! `build` drives the stages over every seed; `check` validates what `build` wrote.

#![warn(missing_docs, unreachable_pub)]
#![allow(missing_docs)]

pub mod build;
pub mod check;
pub mod clean;
pub mod emit;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod segment;
pub mod serve;
pub mod slug;
pub mod wire;

use error::Result;
use model::{Explainer, Seed};
use std::path::Path;

/// Runs clean → segment → extract on a decoded seed.
pub fn explain(seed: Seed, opts: &extract::Options) -> Explainer {
    extract::run(segment::segment(clean::clean(seed)), opts)
}

/// Reads a seed file and explains it. `file` is the path as shown to users.
pub fn explain_file(path: &Path, file: &str, opts: &extract::Options) -> Result<Explainer> {
    let seed = ingest::read(path, file)?;
    Ok(explain(seed, opts))
}
