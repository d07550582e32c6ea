//! Summary: the one or two sentences a reader sees first.
//!
//! In: the document. Out: the lede: the first one or two sentences of the first text paragraph,
//! capped near 60 words so it fits a card and a `<meta name="description">`.
//!
//! What it gets wrong: a lede that is a scene-setting anecdote gives an unhelpful summary; an
//! article that buries its news is summarised by its opening anyway.

use crate::model::{Document, ParagraphKind};

/// Most words the summary may hold before it is cut at a sentence.
const MAX_WORDS: usize = 60;

pub fn summarize(doc: &Document) -> String {
    let Some(first) = doc.article.paragraphs.iter().position(|p| p.kind == ParagraphKind::Text) else {
        return doc.article.title.clone();
    };
    let mut out = String::new();
    for s in doc.body_sentences().filter(|&s| doc.sentences[s].paragraph == Some(first)) {
        let t = doc.sentence_text(s);
        let total = out.split_whitespace().count() + t.split_whitespace().count();
        if !out.is_empty() && total > MAX_WORDS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t);
        if out.split_whitespace().count() >= 25 {
            break;
        }
    }
    if out.split_whitespace().count() > MAX_WORDS * 2 {
        let ws: Vec<&str> = out.split_whitespace().take(MAX_WORDS).collect();
        out = format!("{}…", ws.join(" "));
    }
    out
}
