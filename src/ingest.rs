//! Ingest: bytes on disk → [`Seed`].
//!
//! In: a file path (or bytes). Out: a `Seed` with the text decoded to UTF-8, its SHA-256, and
//! warnings about anything odd about the encoding.
//!
//! Decoding: a UTF-8 BOM is dropped; a UTF-16 BOM (LE or BE) decodes as UTF-16; valid UTF-8 is
//! taken as is; anything else is read as Windows-1252 (a superset of Latin-1 for printable text)
//! with a warning naming the line and column of the first byte that is not UTF-8. Files with NUL
//! bytes that are not UTF-16 are binary and refused, as are empty and blank files. Line endings
//! are kept as they are; later stages treat `\r\n`, `\r` and `\n` alike.
//!
//! Normalised text ([`normalise`]): the decoded text is put in Unicode NFC (decomposed "c" +
//! combining cedilla, as macOS writes file contents at times, becomes "ç", so "François" is one
//! word); the line and paragraph separators U+2028 and U+2029 become `\n` and `\n\n`; invisible
//! format characters that can hide inside a name or flip the text around it (zero-width space,
//! joiner and non-joiner, word joiner, soft hyphen, an inner BOM, bidi embeddings, overrides and
//! isolates such as an unclosed U+202E) are removed, with a warning. **Every span of every later
//! stage indexes this normalised text**, not the bytes on disk (the seed's SHA-256 is of the
//! bytes).
//!
//! Bounded: a seed larger than [`MAX_SEED_BYTES`] is refused by its length on disk, before it is
//! read, and is read through a limit (a file that grows meanwhile is refused too).
//!
//! HTML seeds (`.html`, `.htm`, `.html.gz`) are handed to [`crate::html`], which extracts the
//! page's main content and metadata.
//!
//! What it gets wrong: UTF-16 without a BOM is taken for binary; a legacy encoding other than
//! Windows-1252 (e.g. KOI8-R) decodes to mojibake rather than failing; removing joiners splits
//! emoji sequences (a family emoji becomes its people) and Persian/Indic words that use ZWNJ.

use crate::error::{Error, ErrorKind, Result};
use crate::model::{Diagnostic, Seed};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The largest seed read, in bytes (4 MiB: a long news article is under 100 KB).
pub const MAX_SEED_BYTES: u64 = 4 << 20;

/// Reads and decodes one seed file. `file` is the path as shown to users.
pub fn read(path: &Path, file: &str) -> Result<Seed> {
    let bytes = read_bytes(path, file)?;
    decode(file, &bytes)
}

/// Reads a seed's bytes, refusing one over [`MAX_SEED_BYTES`] by its length before reading it
/// (and while reading, should it grow).
pub fn read_bytes(path: &Path, file: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let too_big = |len: u64| {
        Error::new(
            ErrorKind::TooLarge,
            format!("is {} bytes, more than the {} bytes (4 MiB) a seed may have; not read", len, MAX_SEED_BYTES),
        )
        .in_file(file)
        .hint("a seed is one article as plain text: split the file, or remove it from seeds/")
    };
    let f = std::fs::File::open(path).map_err(|e| Error::io(file, &e))?;
    let len = f.metadata().map_err(|e| Error::io(file, &e))?.len();
    if len > MAX_SEED_BYTES {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    f.take(MAX_SEED_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Error::io(file, &e))?;
    if bytes.len() as u64 > MAX_SEED_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Invisible format characters removed by [`normalise`].
fn is_removed_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' // soft hyphen
        | '\u{061C}' // Arabic letter mark
        | '\u{180E}' // Mongolian vowel separator
        | '\u{200B}'..='\u{200F}' // zero-width space, non-joiner, joiner; LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{206F}' // bidi isolates, deprecated format characters
        | '\u{FEFF}' // a BOM inside the text
        | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
        | '\u{E0000}'..='\u{E007F}' // tags
    )
}

/// The text later stages see (see the module doc): separators as line breaks, invisible format
/// characters removed, NFC. Also returns how many format characters were removed and the byte
/// offset (in the returned text) of the first.
pub fn normalise(text: &str) -> (String, usize, usize) {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    let special = |c: char| matches!(c, '\u{2028}' | '\u{2029}') || is_removed_format(c);
    let mut removed = 0;
    let mut first = 0;
    let cleaned: std::borrow::Cow<'_, str> = if text.chars().any(special) {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\u{2028}' => out.push('\n'),
                '\u{2029}' => out.push_str("\n\n"),
                c if is_removed_format(c) => {
                    if removed == 0 {
                        first = out.len();
                    }
                    removed += 1;
                }
                c => out.push(c),
            }
        }
        out.into()
    } else {
        text.into()
    };
    if is_nfc_quick(cleaned.chars()) == IsNormalized::Yes {
        return (cleaned.into_owned(), removed, first);
    }
    // The first removal's offset in the NFC text: the length of its NFC prefix.
    let first = if removed > 0 { cleaned[..first].nfc().map(char::len_utf8).sum() } else { 0 };
    (cleaned.nfc().collect(), removed, first)
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
                let at = cow.find('\u{FFFD}').unwrap_or(0);
                let (line, col) = line_col_of(cow.as_bytes(), at);
                warnings.push(Diagnostic {
                    line,
                    col,
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
                Err(e) => {
                    let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                    let (line, col) = line_col_of(bytes, e.valid_up_to());
                    warnings.push(Diagnostic {
                        line,
                        col,
                        message: "not valid UTF-8 from here on; read as Latin-1 (Windows-1252). Save the file as UTF-8 to silence this"
                            .to_string(),
                    });
                    (cow.into_owned(), Some("windows-1252"))
                }
            }
        };
    let (text, removed, first) = normalise(&text);
    if removed > 0 {
        let (line, col) = line_col_of(text.as_bytes(), first);
        warnings.push(Diagnostic {
            line,
            col,
            message: format!(
                "removed {removed} invisible formatting character(s) (zero-width, bidi controls such as a right-to-left override) that could disguise names"
            ),
        });
    }
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

/// 1-based (line, column in characters) of byte `at` of `bytes`, whose first `at` bytes are
/// valid UTF-8.
fn line_col_of(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}

fn invalid_utf8(file: &str, bytes: &[u8], e: std::str::Utf8Error) -> Error {
    let (line, col) = line_col_of(bytes, e.valid_up_to());
    Error::new(ErrorKind::NoArticle, format!("starts with a UTF-8 byte-order mark but is not valid UTF-8 (column {col})"))
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
    fn bad_utf16_is_reported_at_its_line_and_column() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Title\nab".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        b.extend_from_slice(&0xD800u16.to_le_bytes()); // a lone surrogate
        b.extend_from_slice(&u16::from(b'c').to_le_bytes());
        let s = decode("a.txt", &b).unwrap();
        assert_eq!((s.warnings[0].line, s.warnings[0].col), (2, 3), "{:?}", s.warnings);
    }

    #[test]
    fn latin1_is_read_with_a_warning() {
        let s = decode("a.txt", b"Caf\xe9 society").unwrap();
        assert_eq!(s.text, "Café society");
        assert_eq!(s.warnings.len(), 1);
    }

    /// Regression (issue 17): invalid UTF-8 was reported at "0:0".
    #[test]
    fn invalid_utf8_is_reported_at_its_line_and_column() {
        let s = decode("a.txt", "Héadline\n\nSecond line caf".bytes().chain(*b"\xe9 ok\n").collect::<Vec<u8>>().as_slice()).unwrap();
        assert_eq!((s.warnings[0].line, s.warnings[0].col), (3, 16), "{:?}", s.warnings);
    }

    /// Regression (issue 17): decomposed "François" (NFD) split into "Franc"; a zero-width joiner
    /// inside "Huawei" gave "Hua"; an unclosed right-to-left override stayed in the title;
    /// U+2028/U+2029 were not line breaks, so the whole article became the headline.
    #[test]
    fn nfd_zero_width_joiner_rlo_and_line_separators_are_normalised() {
        let s = decode("a.txt", "Franc\u{327}ois met Hua\u{200D}wei \u{202E}evil\u{2029}Body one.\u{2028}Body two.".as_bytes()).unwrap();
        assert_eq!(s.text, "François met Huawei evil\n\nBody one.\nBody two.");
        assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
        assert_eq!((s.warnings[0].line, s.warnings[0].col), (1, 17));
    }

    /// Regression (issue 17): a 2 GB seed was read whole (2.1 GB of memory) before being refused.
    #[test]
    fn a_2_gb_seed_is_refused_before_it_is_read() {
        let p = std::env::temp_dir().join(format!("explainer-2gb-{}.txt", std::process::id()));
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(2 << 30).unwrap(); // sparse: no disk used
        let e = read(&p, "seeds/2gb.txt").unwrap_err();
        let _ = std::fs::remove_file(&p);
        assert_eq!(e.kind, ErrorKind::TooLarge);
        assert!(e.to_string().starts_with("seeds/2gb.txt: is 2147483648 bytes"), "{e}");
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
