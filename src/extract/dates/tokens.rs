//! A small tokenizer for the date, event and figure taggers.
//!
//! In: a slice of the seed (one sentence) and its offset. Out: tokens with byte spans into the
//! seed: words (letters, possibly with digits: `12th`, `1990s`, `Q3`), numbers (digits with
//! thousands commas or a decimal point: `62,000`, `3.5`) and single punctuation characters.
//! An apostrophe or hyphen never joins tokens (`mid-2011` is `mid`, `-`, `2011`), except an
//! apostrophe between letters (`Huawei’s`, `won't`).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// ASCII lower case of `text` (other characters unchanged).
    pub lower: Lower<'a>,
    pub kind: Kind,
}

pub use crate::extract::lower::Lower;

/// A token's lower-case text: borrowed from the seed when it has no ASCII capital (most
/// tokens), so tokenising allocates no string per token.
fn lower_of(text: &str) -> Lower<'_> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Lower::owned(text.to_ascii_lowercase())
    } else {
        Lower::borrowed(text)
    }
}

impl Tok<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_num(&self) -> bool {
        self.kind == Kind::Num
    }
    /// A plain integer (digits only, at most 9 of them).
    pub fn int(&self) -> Option<u32> {
        if self.kind == Kind::Num && self.text.len() <= 9 && self.text.bytes().all(|b| b.is_ascii_digit()) {
            self.text.parse().ok()
        } else {
            None
        }
    }
    pub fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    pub fn is(&self, s: &str) -> bool {
        self.lower == s
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Tokens of `text[span]`; spans are absolute offsets into `text`.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Tok<'_>> {
    let s = &text[start..end];
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(s.len() / 5);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + c.len_utf8();
            let mut all_digits = c.is_ascii_digit();
            loop {
                let Some(&(k, d)) = it.peek() else { break };
                if d.is_alphanumeric() {
                    all_digits &= d.is_ascii_digit();
                    j = k + d.len_utf8();
                    it.next();
                    continue;
                }
                // Thousands separators and decimal points inside numbers: 62,000 and 3.5.
                if all_digits && (d == ',' || d == '.') && b.get(k + 1).is_some_and(u8::is_ascii_digit) {
                    let digits = b[k + 1..].iter().take_while(|x| x.is_ascii_digit()).count();
                    let next_alpha = s[k + 1 + digits..].chars().next().is_some_and(|x| x.is_alphabetic());
                    if (d == '.' || digits == 3) && !next_alpha {
                        it.next();
                        continue;
                    }
                }
                // Apostrophes inside words (won't, O'Brien), but not the possessive "’s",
                // which stays a token of its own so that "Monday’s" is "Monday", "’", "s".
                let after = &s[k + d.len_utf8()..];
                let possessive = (after.starts_with('s') || after.starts_with('S')) && !after[1..].chars().next().is_some_and(char::is_alphanumeric);
                if is_apostrophe(d) && !all_digits && !possessive && after.chars().next().is_some_and(char::is_alphabetic) {
                    it.next();
                    continue;
                }
                break;
            }
            let text_ = &s[i..j];
            let kind = if text_.bytes().all(|x| x.is_ascii_digit() || x == b',' || x == b'.') { Kind::Num } else { Kind::Word };
            out.push(Tok { start: start + i, end: start + j, text: text_, lower: lower_of(text_), kind });
        } else {
            let j = i + c.len_utf8();
            let text_ = &s[i..j];
            out.push(Tok { start: start + i, end: start + j, text: text_, lower: lower_of(text_), kind: Kind::Punct });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s, 0, s.len()).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn numbers_words_and_punctuation() {
        assert_eq!(texts("62,000 cameras, $100 million."), vec!["62,000", "cameras", ",", "$", "100", "million", "."]);
        assert_eq!(texts("mid-2011, the '90s and Huawei’s 3.5%"), vec!["mid", "-", "2011", ",", "the", "'", "90s", "and", "Huawei", "’", "s", "3.5", "%"]);
        assert_eq!(texts("Sept. 12, 2023"), vec!["Sept", ".", "12", ",", "2023"]);
        assert_eq!(texts("1,2,3"), vec!["1", ",", "2", ",", "3"]);
        assert_eq!(texts("won't O'Brien"), vec!["won't", "O'Brien"]);
    }
}

/// Joins tokens (owned or borrowed) with the spacing they had in the text: one space where the
/// text had any gap, none where the tokens touched.
pub fn join<'a, T: std::borrow::Borrow<Tok<'a>>>(toks: &[T]) -> String {
    let mut out = String::new();
    for (k, t) in toks.iter().enumerate() {
        let t = t.borrow();
        if k > 0 && t.start != toks[k - 1].borrow().end {
            out.push(' ');
        }
        out.push_str(t.text);
    }
    out
}
