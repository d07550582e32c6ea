//! Errors: one struct carrying the file (and line, where it helps) plus a kind that says what
//! went wrong. Every message says what to do next.
//!
//! In: failures from every stage. Out: `file:line: message` lines for the terminal and the exit
//! status. A bad seed is reported and skipped; the run goes on and remembers the failure.

use std::fmt;
use std::path::Path;

/// What kind of failure; new kinds may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read (permissions, vanished, a directory).
    Io,
    /// The file holds no article text (empty, blank).
    Empty,
    /// The file is not text (NUL bytes, an image, an archive).
    Binary,
    /// The seed is over a size or work limit (see `ingest::MAX_SEED_BYTES`, `build::output_budget`).
    TooLarge,
    /// The text was read but no article could be made of it.
    NoArticle,
    /// A settings file or option is malformed.
    Config,
    /// Output could not be written.
    Write,
    /// Another build holds the lock.
    Locked,
    /// `explainer check` found a problem in generated output.
    Check,
    /// An external program (zola) failed or is missing.
    External,
}

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    /// The file the error is about, as shown to users.
    pub file: Option<String>,
    /// 1-based line, where it helps.
    pub line: Option<usize>,
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, file: None, line: None, message: message.into(), hint: None }
    }
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Error {
        self.file = Some(display_path(file.as_ref()));
        self
    }
    pub fn at_line(mut self, line: usize) -> Error {
        self.line = Some(line);
        self
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }
    pub fn io(file: impl AsRef<Path>, err: &std::io::Error) -> Error {
        Error::new(ErrorKind::Io, format!("cannot read: {err}"))
            .in_file(file)
            .hint("check that the file exists and is readable")
    }
    pub fn write(file: impl AsRef<Path>, err: &std::io::Error) -> Error {
        Error::new(ErrorKind::Write, format!("cannot write: {err}"))
            .in_file(file)
            .hint("check the disk has room and the folder is writable")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{file}:{line}: ")?,
            (Some(file), None) => write!(f, "{file}: ")?,
            _ => {}
        }
        write!(f, "{}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "; {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A path for messages and `seed.file`: `/` separators, no leading `./`.
pub fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
