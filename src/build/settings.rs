//! Per-seed settings: `seeds/<name>.toml` next to `seeds/<name>.txt`.
//!
//! In: the settings file's bytes. Out: the [`Options`] for that seed, or an error naming the file
//! and the line. Today one setting exists:
//!
//! ```toml
//! published = "2023-09-26"   # or a TOML date: published = 2023-09-26
//! ```
//!
//! `published` wins over a dateline in the text (`Options::published_override`). Unknown keys are
//! errors (a typo must not be silently ignored).
//!
//! What it gets wrong: nothing known.

use crate::error::{Error, ErrorKind, Result};
use crate::extract::Options;
use crate::model::Ymd;

/// The settings every seed may have, for messages.
pub const KEYS: &[&str] = &["published"];

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Line of `key = …` in the text, when it can be found.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|l| {
        let l = l.trim_start();
        l.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')) || l.strip_prefix(&format!("\"{key}\"")).is_some()
    })
    .map(|i| i + 1)
}

/// Applies a settings file to the run's options.
pub fn apply(file: &str, bytes: &[u8], base: &Options) -> Result<Options> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::Config, "settings file is not UTF-8 text")
            .in_file(file)
            .at_line(line_of(&String::from_utf8_lossy(&bytes[..e.valid_up_to()]), usize::MAX))
            .hint("save it as UTF-8")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let mut err = Error::new(ErrorKind::Config, format!("settings file is not valid TOML: {}", e.message()))
            .in_file(file)
            .hint("write settings as `key = value` lines, e.g. published = \"2023-09-26\"");
        if let Some(span) = e.span() {
            err = err.at_line(line_of(text, span.start));
        }
        err
    })?;
    let mut opts = base.clone();
    for (key, value) in &table {
        let at = |e: Error| match line_of_key(text, key) {
            Some(l) => e.at_line(l),
            None => e,
        };
        match key.as_str() {
            "published" => {
                let s = match value {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
                    other => {
                        return Err(at(Error::new(
                            ErrorKind::Config,
                            format!("`published` must be a date such as \"2023-09-26\", not {}", other.type_str()),
                        )
                        .in_file(file)
                        .hint("write published = \"YYYY-MM-DD\"")));
                    }
                };
                let date = Ymd::parse(&s).ok_or_else(|| {
                    at(Error::new(ErrorKind::Config, format!("`published = {s:?}` is not a real date"))
                        .in_file(file)
                        .hint("write published = \"YYYY-MM-DD\" with a month 01-12 and a day that month has"))
                })?;
                opts.published_override = Some(date);
            }
            other => {
                return Err(at(Error::new(ErrorKind::Config, format!("unknown setting `{other}`"))
                    .in_file(file)
                    .hint(format!("the settings a seed can have are: {}", KEYS.join(", ")))));
            }
        }
    }
    Ok(opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_as_string_or_date() {
        let o = apply("seeds/a.toml", b"published = \"2023-09-26\"\n", &Options::default()).unwrap();
        assert_eq!(o.published_override.unwrap().to_string(), "2023-09-26");
        let o = apply("seeds/a.toml", b"# note\npublished = 2023-09-26\n", &Options::default()).unwrap();
        assert_eq!(o.published_override.unwrap().to_string(), "2023-09-26");
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = apply("seeds/a.toml", b"\n\npublished = \"2023-02-30\"\n", &Options::default()).unwrap_err();
        assert!(e.to_string().starts_with("seeds/a.toml:3: "), "{e}");
        let e = apply("seeds/a.toml", b"# x\npublishd = \"2023-02-03\"\n", &Options::default()).unwrap_err();
        assert!(e.to_string().starts_with("seeds/a.toml:2: unknown setting `publishd`"), "{e}");
        let e = apply("seeds/a.toml", b"a = 1\nb = = 2\n", &Options::default()).unwrap_err();
        assert!(e.to_string().starts_with("seeds/a.toml:2: "), "{e}");
        let e = apply("seeds/a.toml", b"published = 13\n", &Options::default()).unwrap_err();
        assert!(e.to_string().contains("must be a date"), "{e}");
    }
}
