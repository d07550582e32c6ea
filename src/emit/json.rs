//! JSON strings written by hand, byte for byte as `serde_json` writes them, for the parts of
//! the bundle built as text (the JSON-LD of [`super::view::json_ld`]).
//!
//! In: a `&str`. Out: the quoted JSON string appended to a buffer: `"` and `\` escaped with a
//! backslash, the C0 controls as `\b`, `\t`, `\n`, `\f`, `\r` or `\u00xx` (lower-case hex),
//! everything else (DEL and all non-ASCII) as is: `serde_json`'s compact output. Runs without
//! an escape are copied whole. [`push_str_script`] also writes `<`, `>` and `&` as `\u003c`,
//! `\u003e`, `\u0026` (what [`super::view::escape_json_for_script`] does to a whole document).
//!
//! What it gets wrong: nothing known; property tests compare it with `serde_json`.

/// `s` as a JSON string, appended to `out`.
pub fn push_str(out: &mut String, s: &str) {
    push(out, s, false);
}

/// `s` as a JSON string that cannot end a `<script>` element or start markup.
pub fn push_str_script(out: &mut String, s: &str) {
    push(out, s, true);
}

/// The bytes a JSON string escapes: `"`, `\` and the C0 controls; for scripts also `<`, `>`
/// and `&`.
static SPECIAL: [bool; 256] = super::control_and(b"\"\\");
static SCRIPT_SPECIAL: [bool; 256] = super::control_and(b"\"\\<>&");

fn push(out: &mut String, s: &str, script: bool) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    let b = s.as_bytes();
    // Bytes that may need an escape: one table look-up each to skip the others.
    let special = if script { &SCRIPT_SPECIAL } else { &SPECIAL };
    let mut start = 0;
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&c| special[usize::from(c)]) {
        i += k;
        let c = b[i];
        i += 1;
        let rep: &str = match c {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0c => "\\f",
            b'\r' => "\\r",
            0..=0x1f => "",
            b'<' if script => "\\u003c",
            b'>' if script => "\\u003e",
            b'&' if script => "\\u0026",
            _ => continue,
        };
        out.push_str(&s[start..i - 1]);
        if rep.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(c >> 4)]));
            out.push(char::from(HEX[usize::from(c & 0xf)]));
        } else {
            out.push_str(rep);
        }
        start = i;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Same bytes as `serde_json` (and, for scripts, as escaping its output).
        #[test]
        fn strings_match_serde_json(s in "(.|[\\u{0}-\\u{1f}\\u{7f}\"\\\\<>&é€😀])*") {
            let mut o = String::new();
            push_str(&mut o, &s);
            prop_assert_eq!(&o, &serde_json::to_string(&s).unwrap());
            let mut o = String::new();
            push_str_script(&mut o, &s);
            prop_assert_eq!(&o, &crate::emit::view::escape_json_for_script(&serde_json::to_string(&s).unwrap()));
        }
    }

    #[test]
    fn controls_and_quotes() {
        let mut o = String::new();
        push_str(&mut o, "a\"b\\c\u{1}\u{8}\u{c}\u{1f}\u{7f}");
        assert_eq!(o, "\"a\\\"b\\\\c\\u0001\\b\\f\\u001f\u{7f}\"");
    }
}
