//! Extract: [`Document`] → [`Explainer`].
//!
//! In: a segmented article and the run's options. Out: every extracted fact, each tied to the
//! sentence it came from, in the contract's orders. The stages run in dependency order:
//! publication date → dates → stakeholders → relations → sources → events → figures → summary.
//! Each stage is its own module with its own notes on what it gets wrong.

pub mod dates;
pub mod events;
pub mod figures;
pub mod lower;
pub mod relations;
pub mod sources;
pub mod stakeholders;
pub mod summary;

use crate::model::{DateOrigin, Diagnostic, Document, Explainer, Published, Ymd};

/// Options that change extraction.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--published`: used where the text states no publication date.
    pub published: Option<Ymd>,
    /// A per-seed setting (`seeds/<name>.toml`): wins over the text.
    pub published_override: Option<Ymd>,
}

/// Runs every extractor over a document.
pub fn run(mut doc: Document, opts: &Options) -> Explainer {
    let mut warnings: Vec<Diagnostic> = doc.article.seed.warnings.clone();
    warnings.extend(crate::clean::assess(&doc.article));
    if let Some(date) = opts.published_override {
        doc.article.published = Some(Published { date, origin: DateOrigin::Override, span: None });
    } else if doc.article.published.is_none() {
        if let Some(date) = opts.published {
            doc.article.published = Some(Published { date, origin: DateOrigin::Option, span: None });
        }
    }
    let published = doc.article.published.map(|p| p.date);
    let dates = dates::extract(&doc, published, &mut warnings);
    // The relation extractor reads the stakeholder extractor's tokens (one tokenisation).
    let (stakeholders, sentence_tokens) = stakeholders::extract_with_tokens(&doc, &mut warnings);
    let relations = relations::extract_with_tokens(&doc, &stakeholders, &sentence_tokens);
    drop(sentence_tokens);
    let (sources, disputes) = sources::extract(&doc, &stakeholders);
    let events = events::extract(&doc, &dates, &stakeholders, &sources);
    let figures = figures::extract(&doc, &dates);
    let (summary, summary_sentence) = summary::summarize(&doc);
    let why = summary::why_it_matters(&doc, &summary);
    let next = summary::what_next(&doc, &[summary_sentence, why].into_iter().flatten().collect::<Vec<_>>());
    let slug = crate::slug::slugify_title(&doc.article.title);
    warnings.sort();
    warnings.dedup();
    Explainer { doc, slug, summary, summary_sentence, why, next, dates, events, stakeholders, relations, sources, disputes, figures, warnings }
}
