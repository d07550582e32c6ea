//! [`Lower`]: a token's lower-case text, borrowed from the seed when the token needs no change
//! (most tokens), so the tokenizers that use it (dates, sources) allocate no string for them.
//!
//! In: a token's text, lower-cased by the caller's rule. Out: a string-like value that compares
//! with `&str`. What it gets wrong: nothing known.

use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lower<'a>(Cow<'a, str>);

impl<'a> Lower<'a> {
    /// The text itself, already lower case.
    pub fn borrowed(text: &'a str) -> Lower<'a> {
        Lower(Cow::Borrowed(text))
    }
    /// A lower-cased copy.
    pub fn owned(text: String) -> Lower<'a> {
        Lower(Cow::Owned(text))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<Lower<'_>> for &str {
    fn eq(&self, other: &Lower<'_>) -> bool {
        **self == *other.0
    }
}

impl std::fmt::Display for Lower<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
