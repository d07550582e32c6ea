//! Slugs and ids: ASCII kebab-case names for URLs, folders and taxonomy terms.
//!
//! In: a headline or a name. Out: `[a-z0-9-]+`, never empty (Zola merges colliding taxonomy
//! slugs and lets an empty slug collide with its section, so we make them ourselves).
//!
//! Bounded: a page slug is at most 48 bytes (then a caller's collision suffix); a stakeholder id
//! at most [`MAX_ID`] bytes, a longer one is cut at a word and gets `-<8 hex digits>` of the
//! SHA-256 of the name, so ids stay valid folder names (255 bytes) and stable.
//!
//! Mixed scripts: a name whose letters are partly Latin and partly of another script (a
//! Cyrillic "а" in "Huаwei", which looks like the Latin one) is not folded to its Latin letters
//! alone ("hu-wei", which would merge with a person "Hu Wei" elsewhere): its id gets the same
//! hash suffix ([`mixed_script`] says when; the stakeholder stage warns about it).
//!
//! What it gets wrong: non-Latin scripts fold to nothing and fall back to a hash-based slug.

use sha2::{Digest, Sha256};

/// Most bytes of a page slug; cut at a word boundary.
const MAX_SLUG: usize = 48;

/// Most bytes of a stakeholder id (see the module doc).
pub const MAX_ID: usize = 64;

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
        _ if lc.is_ascii() => return None,
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
        // Other Latin letters with marks ("ễ", "ọ"): the base letter of their decomposition.
        _ => return decomposed_base(lc),
    };
    Some(base)
}

/// The ASCII base letter of a letter that decomposes to one plus combining marks.
fn decomposed_base(c: char) -> Option<&'static str> {
    use unicode_normalization::char::decompose_canonical;
    let mut first = None;
    decompose_canonical(c, |d| {
        first.get_or_insert(d);
    });
    match first {
        Some(b) if b != c && b.is_ascii_lowercase() => fold_char(b),
        _ => None,
    }
}

/// Whether `name` mixes Latin letters with letters of another script (letters [`kebab`] cannot
/// fold): "Huаwei" with a Cyrillic "а".
pub fn mixed_script(name: &str) -> bool {
    let mut latin = false;
    let mut other = false;
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        if fold_char(c).is_some() {
            latin = true;
        } else {
            other = true;
        }
    }
    latin && other
}

/// A page slug from a headline: kebab-case, cut at a word boundary near 48 bytes. A headline
/// with no ASCII-foldable letters gets `article-<hash>`.
pub fn slugify_title(title: &str) -> String {
    let k = kebab(title);
    if k.is_empty() {
        return format!("article-{}", &short_hash(title));
    }
    cut_at_word(&k, MAX_SLUG)
}

/// The words of a kebab-case string `k` that fit in `max` bytes (the first word cut when even
/// it does not), without a leading or trailing hyphen.
fn cut_at_word(k: &str, max: usize) -> String {
    let mut out = String::new();
    for w in k.split('-') {
        if !out.is_empty() && out.len() + 1 + w.len() > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    out.truncate(max);
    out.trim_matches('-').to_string()
}

/// A stakeholder id from a name ("Abdul Mateen Qani" → "abdul-mateen-qani"), at most
/// [`MAX_ID`] bytes; mixed-script and over-long names get a hash suffix (see the module doc).
pub fn id_for_name(name: &str) -> String {
    let k = kebab(name);
    if k.is_empty() {
        return format!("actor-{}", short_hash(name));
    }
    if k.len() <= MAX_ID && !mixed_script(name) {
        return k;
    }
    // Room for "-" and 8 hex digits.
    format!("{}-{}", cut_at_word(&k, MAX_ID - 9), short_hash(name))
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

    /// Regression (issue 17): a 300-letter word in a name gave a 300-byte id, longer than a file
    /// name may be, so its stakeholder page was not written and `zola build` failed.
    #[test]
    fn a_300_letter_word_in_a_name_gives_a_bounded_stable_id() {
        let name = format!("Ahmad {} Khan", "x".repeat(300));
        let id = id_for_name(&name);
        assert!(id.len() <= MAX_ID, "{id}");
        assert_eq!(id, id_for_name(&name), "stable");
        assert_ne!(id, id_for_name(&format!("Ahmad {} Khan", "x".repeat(301))), "different names, different ids");
        assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{id}");
        assert_eq!(id_for_name("Abdul Mateen Qani"), "abdul-mateen-qani");
    }

    /// Regression (issue 17): a Cyrillic "а" in "Huаwei" gave `hu-wei`, which merged with a
    /// person "Hu Wei" of another article.
    #[test]
    fn cyrillic_a_in_huawei_never_gives_the_id_of_hu_wei() {
        let spoof = id_for_name("Hu\u{430}wei");
        assert_ne!(spoof, id_for_name("Hu Wei"));
        assert!(spoof.starts_with("hu-wei-") && spoof.len() == "hu-wei-".len() + 8, "{spoof}");
        assert!(mixed_script("Hu\u{430}wei") && !mixed_script("François Hollande") && !mixed_script("Ελλάδα"));
        // Latin letters with marks fold to their base letter through their decomposition.
        assert_eq!(kebab("Nguyễn Phú Trọng"), "nguyen-phu-trong");
    }
}
