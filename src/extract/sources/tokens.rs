//! Tokens and quotation regions for the source extractor.
//!
//! In: the seed text and a span (a sentence or a paragraph). Out: word and punctuation tokens
//! with byte spans into the seed, and the spans of double-quoted passages.
//!
//! A word keeps inner hyphens ("then-vice"), inner apostrophes ("won’t"), digit groups
//! ("62,000") and the dots of dotted acronyms and listed abbreviations ("U.S.", "Inc."). A
//! possessive "’s" is its own token. Only double quotes (“ ” " „ « ») delimit quotations; single
//! quotes are too often apostrophes.
//!
//! What it gets wrong: straight double quotes are paired by alternation, so one stray `"`
//! flips every later quotation of the paragraph; a quotation whose close is missing runs to the
//! end of its paragraph (and on into the next when that one opens with a quote mark).

use crate::lexicon;
use crate::model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tk {
    Word,
    Punct,
    /// “ „ «
    OpenQ,
    /// ” »
    CloseQ,
    /// A straight `"`.
    AmbQ,
}

#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub span: Span,
    pub kind: Tk,
    /// Lower case, curly apostrophes straightened.
    pub lower: Lower<'a>,
    /// Starts with an upper-case letter.
    pub cap: bool,
}

pub use crate::extract::lower::Lower;

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == Tk::Word
    }
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, Tk::OpenQ | Tk::CloseQ | Tk::AmbQ)
    }
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Tokenizes `text[span]`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token<'_>> {
    let s = &text[span.start..span.end];
    // ASCII text (most sentences): character k is byte k, so no table of characters is built.
    if s.is_ascii() {
        let b = s.as_bytes();
        tokenize_chars(s, span, b.len(), |k| (k, char::from(b[k])))
    } else {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        tokenize_chars(s, span, chars.len(), |k| chars[k])
    }
}

/// [`tokenize`] over the `n` characters of `s`: `at(k)` is the byte offset and the character.
fn tokenize_chars<'a>(s: &'a str, span: Span, n: usize, at: impl Fn(usize) -> (usize, char)) -> Vec<Token<'a>> {
    // About one token per five bytes of prose: room for most sentences without regrowing.
    let mut out = Vec::with_capacity(s.len() / 4 + 4);
    let mut k = 0;
    let byte_at = |k: usize| if k < n { at(k).0 } else { s.len() };
    while k < n {
        let c = at(k).1;
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if is_word_char(c) {
            let start = k;
            let mut m = k + 1;
            loop {
                if m < n && is_word_char(at(m).1) {
                    m += 1;
                    continue;
                }
                if m + 1 < n {
                    let (d, next) = (at(m).1, at(m + 1).1);
                    let prev = at(m - 1).1;
                    let joins = match d {
                        '-' | '&' | '/' => is_word_char(next),
                        '\'' | '’' => {
                            // Inner apostrophe ("won’t", "O'Leary"), but not a possessive "’s".
                            prev.is_alphabetic()
                                && next.is_alphabetic()
                                && !((next == 's' || next == 'S') && (m + 2 >= n || !is_word_char(at(m + 2).1)))
                        }
                        ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
                        // "62.5", "Detik.com"
                        '.' => (prev.is_ascii_digit() && next.is_ascii_digit()) || (prev.is_alphabetic() && next.is_lowercase() && at(m - 1).1.is_lowercase()),
                        _ => false,
                    };
                    if joins {
                        m += 2;
                        continue;
                    }
                }
                // Dotted acronyms: "U.S.", "U.N."
                if m < n && at(m).1 == '.' {
                    let word = &s[byte_at(start)..byte_at(m)];
                    let single = word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic());
                    let dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2);
                    let next_is_letter = m + 1 < n && at(m + 1).1.is_alphabetic();
                    let after_next_dot = m + 2 < n && at(m + 2).1 == '.';
                    if (single || dotted) && next_is_letter && (after_next_dot || dotted) {
                        m += 1;
                        continue;
                    }
                    let abbr = lexicon::ABBREVIATIONS.contains(word.to_lowercase().as_str());
                    if (dotted && word.len() > 1) || abbr {
                        m += 1;
                    }
                }
                break;
            }
            push(&mut out, span.start, s, byte_at(start), byte_at(m), Tk::Word);
            k = m;
            continue;
        }
        // Possessive "’s".
        if (c == '\'' || c == '’')
            && k + 1 < n
            && (at(k + 1).1 == 's' || at(k + 1).1 == 'S')
            && k > 0
            && is_word_char(at(k - 1).1)
            && (k + 2 >= n || !is_word_char(at(k + 2).1))
        {
            push(&mut out, span.start, s, byte_at(k), byte_at(k + 2), Tk::Word);
            k += 2;
            continue;
        }
        let kind = match c {
            '“' | '„' | '«' => Tk::OpenQ,
            '”' | '»' => Tk::CloseQ,
            '"' => Tk::AmbQ,
            _ => Tk::Punct,
        };
        push(&mut out, span.start, s, byte_at(k), byte_at(k + 1), kind);
        k += 1;
    }
    out
}

fn push<'a>(out: &mut Vec<Token<'a>>, base: usize, s: &'a str, a: usize, b: usize, kind: Tk) {
    let t = &s[a..b];
    // ASCII (most tokens): borrowed when already lower case, else one allocation; same result.
    let lower = if t.is_ascii() {
        if t.bytes().any(|c| c.is_ascii_uppercase()) {
            Lower::owned(t.to_ascii_lowercase())
        } else {
            Lower::borrowed(t)
        }
    } else {
        Lower::owned(t.to_lowercase().replace('’', "'"))
    };
    let cap = t.chars().next().is_some_and(char::is_uppercase);
    out.push(Token { span: Span::new(base + a, base + b), kind, lower, cap });
}

/// A double-quoted passage inside one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing mark, both included (or the paragraph's end).
    pub span: Span,
    /// The closing mark was found.
    pub closed: bool,
}

/// The quotations of `text[para]`: the same as [`quotes`] over [`tokenize`]`(text, para)`
/// without building the word tokens (a quotation mark is always a token of its own).
pub fn quotes_in(text: &str, para: Span) -> Vec<Quote> {
    let marks: Vec<Token> = text[para.start..para.end]
        .char_indices()
        .filter_map(|(i, c)| {
            let kind = match c {
                '“' | '„' | '«' => Tk::OpenQ,
                '”' | '»' => Tk::CloseQ,
                '"' => Tk::AmbQ,
                _ => return None,
            };
            let start = para.start + i;
            Some(Token { span: Span::new(start, start + c.len_utf8()), kind, lower: Lower::borrowed(""), cap: false })
        })
        .collect();
    quotes(&marks, para)
}

/// The quotations of one paragraph's tokens.
pub fn quotes(tokens: &[Token], para: Span) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for t in tokens {
        match t.kind {
            Tk::OpenQ => {
                if open.is_none() {
                    open = Some(t.span.start);
                }
            }
            Tk::CloseQ => match open.take() {
                Some(s) => out.push(Quote { span: Span::new(s, t.span.end), closed: true }),
                // A close with no open: the quotation began in an earlier paragraph.
                None => {
                    if out.is_empty() {
                        out.push(Quote { span: Span::new(para.start, t.span.end), closed: true })
                    }
                }
            },
            Tk::AmbQ => match open.take() {
                Some(s) => out.push(Quote { span: Span::new(s, t.span.end), closed: true }),
                None => open = Some(t.span.start),
            },
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push(Quote { span: Span::new(s, para.end), closed: false });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s, Span::new(0, s.len())).into_iter().map(|t| s[t.span.start..t.span.end].to_string()).collect()
    }

    #[test]
    fn words_keep_acronyms_hyphens_and_split_possessives() {
        assert_eq!(words("the U.S. plan"), vec!["the", "U.S.", "plan"]);
        assert_eq!(words("then-vice president"), vec!["then-vice", "president"]);
        assert_eq!(words("China’s Huawei won’t"), vec!["China", "’s", "Huawei", "won’t"]);
        assert_eq!(words("62,000 cameras, he said."), vec!["62,000", "cameras", ",", "he", "said", "."]);
        assert_eq!(words("Mr. O'Leary of Apple Inc. said"), vec!["Mr.", "O'Leary", "of", "Apple", "Inc.", "said"]);
        assert_eq!(words("in the U.S."), vec!["in", "the", "U.S."]);
    }

    #[test]
    fn quotes_pair_curly_and_straight_marks() {
        let s = "“We agree,” he said. She said \"no\" and “left";
        let t = tokenize(s, Span::new(0, s.len()));
        let q = quotes(&t, Span::new(0, s.len()));
        assert_eq!(q.len(), 3);
        assert_eq!(&s[q[0].span.start..q[0].span.end], "“We agree,”");
        assert_eq!(&s[q[1].span.start..q[1].span.end], "\"no\"");
        assert!(!q[2].closed);
    }

    /// `quotes_in` is `quotes` over `tokenize`, on marks of every kind next to words,
    /// apostrophes and possessives.
    #[test]
    fn quotes_in_matches_quotes_over_tokens() {
        for s in [
            "“We agree,” he said. She said \"no\" and “left",
            "”closing first, then «a» and „b“ and O'Leary’s \"x’s\" \"",
            "no quotes at all",
            "\"U.S.\"-led “62,000”",
        ] {
            let span = Span::new(0, s.len());
            assert_eq!(quotes_in(s, span), quotes(&tokenize(s, span), span), "{s}");
        }
    }
}
