//! The source list as a CSV download (`sources.csv`, RFC 4180).
//!
//! In: the wire document. Out: a header and one row per statement, sources in list order and
//! statements in text order; a source with no statement (none today) gets no row. Columns:
//! `source_id, source, kind, named, stakeholder, statement_kind, cue, judgement, text,
//! paragraph, start, end, on_record` (`start`/`end`: the statement's byte span in the seed;
//! `on_record`: false for anonymous sources and unnamed groups; added last so column positions
//! stay stable).
//!
//! Lines end with CRLF; a field is quoted when it holds a comma, a quote, CR or LF, with quotes
//! doubled. Spreadsheet formula injection is neutralised: a cell that starts with `=`, `+`, `-`,
//! `@`, a tab or a carriage return gets a leading `'` (OWASP's advice), so a quote such as
//! "=HYPERLINK(…)" is shown, not run.
//!
//! What it gets wrong: the `'` prefix is visible in tools that do not evaluate formulas, and
//! changes text that merely starts with a minus sign ("-5 degrees").

use crate::wire;

const HEADER: [&str; 13] = [
    "source_id", "source", "kind", "named", "stakeholder", "statement_kind", "cue", "judgement", "text", "paragraph", "start", "end", "on_record",
];

/// One CSV cell: formula prefixes neutralised, quoted when needed.
pub fn cell(s: &str) -> String {
    let mut v = String::with_capacity(s.len() + 2);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        v.push('\'');
    }
    v.push_str(s);
    if v.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

fn row(out: &mut String, cells: &[&str]) {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

pub fn sources_csv(doc: &wire::Document) -> String {
    let mut out = String::new();
    row(&mut out, &HEADER);
    for s in &doc.sources {
        let named = if s.named { "true" } else { "false" };
        let on_record = if s.on_record { "true" } else { "false" };
        for st in &s.statements {
            let (start, end) = (st.span[0].to_string(), st.span[1].to_string());
            row(
                &mut out,
                &[
                    &s.id,
                    &s.name,
                    &s.kind,
                    named,
                    s.stakeholder.as_deref().unwrap_or(""),
                    &st.kind,
                    &st.cue,
                    if st.judgement { "true" } else { "false" },
                    &st.text,
                    st.paragraph.as_deref().unwrap_or(""),
                    &start,
                    &end,
                    on_record,
                ],
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_per_rfc_4180() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn formula_cells_are_neutralised() {
        // OWASP CSV injection list: = + - @ tab CR.
        assert_eq!(cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("a=b"), "a=b");
    }

    #[test]
    fn one_row_per_statement_with_crlf() {
        let x = crate::explain(
            crate::model::Seed::from_text("t.txt", "Headline\n\nThe company said, \"=cmd\" was fine, and Jane Doe said that it was not.\n"),
            &crate::extract::Options::default(),
        );
        let doc = wire::Document::from_explainer(&x);
        let csv = sources_csv(&doc);
        let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
        assert_eq!(rows[0], HEADER.join(","));
        let n: usize = doc.sources.iter().map(|s| s.statements.len()).sum();
        assert_eq!(rows.len(), 1 + n);
        assert!(csv.ends_with("\r\n"));
    }
}
