//! Slugs and ids: ASCII kebab-case names for URLs, folders and taxonomy terms.
//!
//! In: a headline or a name. Out: `[a-z0-9-]+`, never empty (Zola merges colliding taxonomy
//! slugs and lets an empty slug collide with its section, so we make them ourselves).
//!
//! What it gets wrong: non-Latin scripts fold to nothing and fall back to a hash-based slug.

use sha2::{Digest, Sha256};

/// Most bytes of a page slug; cut at a word boundary.
const MAX_SLUG: usize = 48;

/// Kebab-case ASCII: letters folded to ASCII where they have an obvious base letter, dots and
/// apostrophes dropped inside words ("U.S." → "us", "China’s" → "chinas"), every other run of
/// non-alphanumerics → one hyphen.
pub fn kebab(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_hyphen = false;
    for c in s.chars() {
        let folded = fold_char(c);
        if let Some(f) = folded {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push_str(f);
        } else if matches!(c, '.' | '\'' | '’' | '‘') {
            // Dropped without a break: "U.S." and "China’s" stay one word.
        } else {
            pending_hyphen = true;
        }
    }
    out
}

fn fold_char(c: char) -> Option<&'static str> {
    const ASCII: [&str; 36] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n",
        "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    let lc = c.to_lowercase().next().unwrap_or(c);
    if lc.is_ascii_digit() {
        return Some(ASCII[(lc as u8 - b'0') as usize]);
    }
    if lc.is_ascii_lowercase() {
        return Some(ASCII[(lc as u8 - b'a' + 10) as usize]);
    }
    let base = match lc {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        'ð' => "d",
        _ => return None,
    };
    Some(base)
}

/// A page slug from a headline: kebab-case, cut at a word boundary near 48 bytes. A headline
/// with no ASCII-foldable letters gets `article-<hash>`.
pub fn slugify_title(title: &str) -> String {
    let k = kebab(title);
    if k.is_empty() {
        return format!("article-{}", &short_hash(title));
    }
    let mut out = String::new();
    for w in k.split('-') {
        if !out.is_empty() && out.len() + 1 + w.len() > MAX_SLUG {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    if out.len() > MAX_SLUG {
        out.truncate(MAX_SLUG);
    }
    out.trim_matches('-').to_string()
}

/// A stakeholder id from a name ("Abdul Mateen Qani" → "abdul-mateen-qani").
pub fn id_for_name(name: &str) -> String {
    let k = kebab(name);
    if k.is_empty() {
        format!("actor-{}", short_hash(name))
    } else {
        k
    }
}

/// The first 8 hex digits of the SHA-256 of `s`.
pub fn short_hash(s: &str) -> String {
    crate::ingest::hex(&Sha256::digest(s.as_bytes())[..4])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_headline_slug() {
        assert_eq!(
            slugify_title("Taliban weighs using U.S. mass surveillance plan, met with China’s Huawei"),
            "taliban-weighs-using-us-mass-surveillance-plan"
        );
    }

    #[test]
    fn slugs_are_never_empty_and_ascii() {
        for t in ["!!!", "{{ 7*7 }}", "Ελλάδα", "-leading dash", "Café, São Paulo"] {
            let s = slugify_title(t);
            assert!(!s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{t} → {s}");
            assert!(!s.starts_with('-') && !s.ends_with('-'));
        }
        assert_eq!(slugify_title("Café, São Paulo"), "cafe-sao-paulo");
    }
}
