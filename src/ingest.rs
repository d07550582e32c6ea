//! Ingest: bytes on disk → [`Seed`].
//!
//! In: a file path (or bytes). Out: a `Seed` with the text decoded to UTF-8, its SHA-256, and
//! warnings about anything odd about the encoding.
//!
//! Decoding: a UTF-8 BOM is dropped; a UTF-16 BOM (LE or BE) decodes as UTF-16; valid UTF-8 is
//! taken as is; anything else is read as Windows-1252 (a superset of Latin-1 for printable text)
//! with a warning. Files with NUL bytes that are not UTF-16 are binary and refused, as are empty
//! and blank files. Line endings are kept as they are (spans index the text as read); later stages
//! treat `\r\n`, `\r` and `\n` alike.
//!
//! HTML seeds (`.html`, `.htm`, `.html.gz`) are handed to [`crate::html`], which extracts the
//! page's main content and metadata.
//!
//! What it gets wrong: UTF-16 without a BOM is taken for binary; a legacy encoding other than
//! Windows-1252 (e.g. KOI8-R) decodes to mojibake rather than failing.

use crate::error::{Error, ErrorKind, Result};
use crate::model::{Diagnostic, Seed};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Reads and decodes one seed file. `file` is the path as shown to users.
pub fn read(path: &Path, file: &str) -> Result<Seed> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(file, &e))?;
    decode(file, &bytes)
}

/// Decodes the bytes of a seed.
pub fn decode(file: &str, bytes: &[u8]) -> Result<Seed> {
    if crate::html::is_html_name(file) {
        return crate::html::decode(file, bytes);
    }
    decode_text(file, bytes)
}

/// Decodes the bytes of a text seed (see the module doc).
pub fn decode_text(file: &str, bytes: &[u8]) -> Result<Seed> {
    let sha256 = hex(&Sha256::digest(bytes));
    let mut warnings = Vec::new();
    let (text, transcoded): (String, Option<&'static str>) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            match std::str::from_utf8(rest) {
                Ok(s) => (s.to_string(), None),
                Err(e) => return Err(invalid_utf8(file, rest, e)),
            }
        } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            let enc = if bytes[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
            let (cow, had_errors) = enc.decode_with_bom_removal(bytes);
            if had_errors {
                warnings.push(Diagnostic {
                    line: 0,
                    col: 0,
                    message: format!("some bytes were not valid {}; they were replaced by U+FFFD", enc.name()),
                });
            }
            (cow.into_owned(), Some(if bytes[0] == 0xFF { "UTF-16LE" } else { "UTF-16BE" }))
        } else if bytes.contains(&0) {
            let at = bytes.iter().position(|&b| b == 0).unwrap_or(0);
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(Error::new(ErrorKind::Binary, "this is not a text file (it contains NUL bytes)")
                .in_file(file)
                .at_line(line)
                .hint("seeds must be plain text; remove the file from seeds/ or save the article as .txt"));
        } else {
            match std::str::from_utf8(bytes) {
                Ok(s) => (s.to_string(), None),
                Err(_) => {
                    let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                    warnings.push(Diagnostic {
                        line: 0,
                        col: 0,
                        message: "not valid UTF-8; read as Latin-1 (Windows-1252). Save the file as UTF-8 to silence this"
                            .to_string(),
                    });
                    (cow.into_owned(), Some("windows-1252"))
                }
            }
        };
    if text.trim().is_empty() {
        return Err(Error::new(
            ErrorKind::Empty,
            if bytes.is_empty() { "the file is empty" } else { "the file holds only white space" },
        )
        .in_file(file)
        .hint("paste the article text into it, or delete it"));
    }
    let control = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    if control * 20 > text.chars().count() {
        return Err(Error::new(ErrorKind::Binary, "this does not look like text (mostly control characters)")
            .in_file(file)
            .hint("seeds must be plain text articles"));
    }
    Ok(Seed { file: file.to_string(), text, sha256, transcoded, warnings, format: Default::default(), page: None })
}

fn invalid_utf8(file: &str, bytes: &[u8], e: std::str::Utf8Error) -> Error {
    let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
    Error::new(ErrorKind::NoArticle, "starts with a UTF-8 byte-order mark but is not valid UTF-8")
        .in_file(file)
        .at_line(line)
        .hint("re-save the file as UTF-8")
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        let s = decode("a.txt", b"\xEF\xBB\xBFHello world").unwrap();
        assert_eq!(s.text, "Hello world");
        assert_eq!(s.transcoded, None);
    }

    #[test]
    fn utf16le_with_bom_decodes() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Kabul news".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let s = decode("a.txt", &b).unwrap();
        assert_eq!(s.text, "Kabul news");
        assert_eq!(s.transcoded, Some("UTF-16LE"));
    }

    #[test]
    fn latin1_is_read_with_a_warning() {
        let s = decode("a.txt", b"Caf\xe9 society").unwrap();
        assert_eq!(s.text, "Café society");
        assert_eq!(s.warnings.len(), 1);
    }

    #[test]
    fn empty_blank_and_binary_are_refused() {
        assert_eq!(decode("a.txt", b"").unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(decode("a.txt", b" \n\r\n\t").unwrap_err().kind, ErrorKind::Empty);
        let e = decode("a.txt", b"PK\x03\x04\x00\x00abc").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Binary);
        assert!(e.to_string().starts_with("a.txt:1: "), "{e}");
    }
}
