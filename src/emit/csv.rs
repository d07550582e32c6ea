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
    push_cell(&mut v, s);
    v
}

/// [`cell`] appended to `out`.
fn push_cell(out: &mut String, s: &str) {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    // The `'` of a formula prefix is none of these, so the cell is quoted when `s` holds one.
    let quoted = s.contains([',', '"', '\r', '\n']);
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    if quoted {
        let mut rest = s;
        while let Some(i) = rest.find('"') {
            out.push_str(&rest[..=i]);
            out.push('"');
            rest = &rest[i + 1..];
        }
        out.push_str(rest);
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// Cells separated by commas (the start of a row).
fn cells(out: &mut String, cells: &[&str]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, c);
    }
}

pub fn sources_csv(doc: &wire::Document) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(256 + doc.sources.iter().flat_map(|s| &s.statements).map(|st| st.text.len() + 96).sum::<usize>());
    cells(&mut out, &HEADER);
    out.push_str("\r\n");
    for s in &doc.sources {
        let named = if s.named { "true" } else { "false" };
        let on_record = if s.on_record { "true" } else { "false" };
        for st in &s.statements {
            cells(
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
                ],
            );
            // The span (digits: never quoted) and `on_record`, then the row's end.
            let _ = write!(out, ",{},{},{on_record}\r\n", st.span[0], st.span[1]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cell writer before it wrote in place, kept as the reference.
    fn cell_by_copies(s: &str) -> String {
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

    proptest::proptest! {
        #[test]
        fn cells_match_the_reference(s in "[=+@a-z\t\r\n,\"' -]{0,12}") {
            proptest::prop_assert_eq!(cell(&s), cell_by_copies(&s));
        }
    }

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
