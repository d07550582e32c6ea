//! Stakeholders: who is involved, as what.
//!
//! In: the segmented document. Out: one [`Stakeholder`] per real-world actor, ordered by
//! salience (descending), then name.
//!
//! How, offline and rule-based:
//! 1. `chunk`: capitalised-span chunking per sentence, lexicon names (countries, demonyms,
//!    international bodies, media, armed groups, NGOs, companies, government bodies: `lex`),
//!    titles split off names, bracketed trading codes skipped, acronym definitions.
//! 2. Merging (here): one cluster per lexicon entry (aliases and demonyms: "the U.S." = "the
//!    United States", "American" → United States), acronym ↔ expansion ("… Movement (ETIM)"),
//!    a later surname → the full name ("Qani" → "Abdul Mateen Qani"), an acronym → the name it
//!    abbreviates, and a near spelling of a person's surname (edit distance ≤ 2, same first
//!    letter, in a speech context) merged **with a warning**. "X government" makes X a
//!    government. Headline words in title case only join actors found elsewhere.
//! 3. `roles`: roles and affiliations from titles, descriptors and appositives; a government
//!    body with no stated owner belongs to the country in its name, its lexicon country, or the
//!    one government the text names.
//! 4. `groups`: unnamed groups of people or organisations ("rights groups", "Boeing
//!    employees" → affiliation Boeing), kind `group`.
//! 5. Salience from mentions, first position, speech context ("X said", "according to X",
//!    past an appositive) and subject position; unnamed groups count 0.6 of a named actor.
//!
//! Products and events are not actors: a name followed by or holding a model number ("Airbus
//! A380", "Trent 900"), ending in an event or law word ("… Conference", "… Act"), or made of
//! units and adjectives ("USD", "European") is dropped.
//!
//! Measured (`../shared/eval/score_dev.py`, people + organisations, document level): MEANTIME-dev
//! P 0.882 R 0.744 F1 0.807; GUM P 0.917 R 0.557 F1 0.693 (spaCy en_core_web_sm on the same
//! texts with `tools/spacy_baseline.py`: 0.731 and 0.594).
//!
//! What it gets wrong: no pronoun or common-noun coreference ("the spokesman" is not linked to
//! Qani; "analysts" and "security analysts" are two groups); a lone capitalised word that is neither in a lexicon nor a known surname becomes an
//! organisation (it may be a product or a place); demonyms alone only make a country when used
//! twice or with "government"; two different people sharing a surname merge.

mod chunk;
mod groups;
mod lex;
mod roles;

pub(crate) use chunk::{tokenize, Tk, Token};

use crate::model::{Diagnostic, Document, Mention, Span, Stakeholder, StakeholderKind};
use chunk::{Cand, Hint, WordStats};
use lex::{fold, is_caps, with_fold, TABLES};
use rustc_hash::FxHashMap as HashMap;

/// A group of candidates that name one actor.
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    name: String,
    kind: StakeholderKind,
    entry: Option<usize>,
    /// Person name tokens (for surname matching).
    tokens: Vec<String>,
    /// (span, sentence, demonym)
    mentions: Vec<(Span, usize, bool)>,
    role: Option<String>,
    affiliation: Option<usize>,
    /// Sentence where the role or affiliation was stated.
    evidence: Option<usize>,
    gov: bool,
    /// A country named inside the name ("Chinese Foreign Ministry").
    country: Option<usize>,
    /// Was the name derived from a real (non-restricted) candidate.
    real: bool,
}

fn speech_after(w: &str) -> bool {
    matches!(w, "said" | "says" | "told" | "added" | "claimed" | "stated" | "noted" | "argued" | "explained" | "wrote" | "reported" | "reports" | "announced" | "asserts" | "asserted" | "claims" | "insisted" | "warned" | "confirmed" | "denied")
}

/// The mention is in a speech context: "X said", "according to X", "X told".
fn speech_context(text: &str, tk: &[Token], c: &Cand) -> bool {
    let (a, mut b) = c.toks;
    if b < tk.len() && tk[b].kind == Tk::Pos {
        b += 1;
    }
    // Token folds compared in place (no strings): a token holds no white space, so the fold
    // of two tokens joined by a space is "according to" exactly when they fold to "according"
    // and "to".
    let folds_to = |k: usize, w: &str| tk.get(k).is_some_and(|t| with_fold(t.text(text), |f| f == w));
    // The word after the mention; "Thomas West, the U.S. Special Representative for
    // Afghanistan, stated": past the appositive.
    let mut after = b;
    if folds_to(b, ",") {
        if let Some(k) = (b + 1..tk.len().min(b + 16)).find(|&k| tk[k].text(text) == ",") {
            after = k + 1;
        }
    }
    let mut p = a;
    if p > 0 && folds_to(p - 1, "the") {
        p -= 1;
    }
    tk.get(after).is_some_and(|t| with_fold(t.text(text), speech_after)) || (p >= 2 && folds_to(p - 2, "according") && folds_to(p - 1, "to"))
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Looks like a personal name word: capitalised, then lower-case letters ("Qani", "McDonald").
fn name_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_uppercase()) && w.chars().any(|c| c.is_lowercase()) && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

pub fn extract(doc: &Document, warnings: &mut Vec<Diagnostic>) -> Vec<Stakeholder> {
    extract_with_tokens(doc, warnings).0
}

/// [`extract`], also returning the tokens of every sentence (index = sentence index), which
/// the relation extractor reads too rather than tokenising the text again.
pub(crate) fn extract_with_tokens(doc: &Document, warnings: &mut Vec<Diagnostic>) -> (Vec<Stakeholder>, Vec<Vec<Token>>) {
    let text = doc.text();
    let t = &*TABLES;
    let toks: Vec<Vec<Token>> = doc.sentences.iter().map(|s| tokenize(text, s.span)).collect();
    let restricted: Vec<bool> = doc
        .sentences
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let heading = match s.paragraph {
                None => true,
                Some(p) => doc.article.paragraphs[p].kind == crate::model::ParagraphKind::Heading,
            };
            heading && chunk::title_case(text, &toks[si])
        })
        .collect();
    let mut stats = WordStats::default();
    for (si, tk) in toks.iter().enumerate() {
        stats.add(text, tk, restricted[si]);
    }
    let mut cands: Vec<Cand> = Vec::new();
    for si in 0..doc.sentences.len() {
        let restricted = restricted[si];
        // Role affiliations index the sentence's own list; make them global.
        let offset = cands.len();
        cands.extend(chunk::candidates(text, si, &toks[si], &stats, restricted).into_iter().map(|mut c| {
            if let Some((_, Some(a))) = &mut c.role {
                *a += offset;
            }
            c
        }));
    }
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut owner: Vec<Option<usize>> = vec![None; cands.len()];
    let mut by_key: HashMap<String, usize> = HashMap::default();
    let mut by_entry: HashMap<usize, usize> = HashMap::default();
    let new_cluster = |clusters: &mut Vec<Cluster>, name: String, kind: StakeholderKind, entry: Option<usize>, real: bool| -> usize {
        clusters.push(Cluster {
            tokens: name.split_whitespace().map(str::to_string).collect(),
            name,
            kind,
            entry,
            mentions: Vec::new(),
            role: None,
            affiliation: None,
            evidence: None,
            gov: false,
            country: None,
            real,
        });
        clusters.len() - 1
    };
    let cand_text = |c: &Cand| crate::model::fold_whitespace(&text[c.span.start..c.span.end]);

    // 1. Lexicon names and demonyms.
    for (ci, c) in cands.iter().enumerate() {
        let (e, demonym) = match c.hint {
            Hint::Lexicon(e) => (e, false),
            Hint::Demonym(e) => (e, true),
            Hint::Unknown => continue,
        };
        let k = *by_entry.entry(e).or_insert_with(|| new_cluster(&mut clusters, t.entries[e].name.to_string(), t.entries[e].kind, Some(e), true));
        clusters[k].mentions.push((c.span, c.sentence, demonym));
        by_key.insert(fold(&cand_text(c)), k);
        by_key.insert(fold(t.entries[e].name), k);
        owner[ci] = Some(k);
    }
    // 2. Unknown names of several words, in text order.
    for (ci, c) in cands.iter().enumerate() {
        if c.hint != Hint::Unknown || c.toks.1 - c.toks.0 < 2 || c.acronym {
            continue;
        }
        let name = cand_text(c);
        let key = fold(&name);
        let words: Vec<String> = name.split_whitespace().map(str::to_string).collect();
        let person_like = c.person
            || (c.kind.is_none() && c.country.is_none() && words.len() <= 4 && words.iter().all(|w| name_word(w) || matches!(w.as_str(), "bin" | "al" | "van" | "von" | "de")));
        let mut k = by_key.get(&key).copied();
        if k.is_none() && person_like {
            // "Mateen Qani" → "Abdul Mateen Qani" and the reverse.
            k = clusters.iter().position(|cl| {
                cl.kind == StakeholderKind::Person
                    && (cl.tokens.ends_with(&words) || words.ends_with(&cl.tokens))
            });
            if let Some(k) = k {
                if words.len() > clusters[k].tokens.len() {
                    clusters[k].tokens = words.clone();
                    clusters[k].name = name.clone();
                }
            }
        }
        if c.restricted && k.is_none() {
            continue;
        }
        let k = k.unwrap_or_else(|| {
            let kind = if person_like {
                StakeholderKind::Person
            } else if let Some(kind) = c.kind {
                kind
            } else {
                StakeholderKind::Organization
            };
            let k = new_cluster(&mut clusters, name.clone(), kind, None, true);
            clusters[k].country = c.country;
            k
        });
        clusters[k].mentions.push((c.span, c.sentence, false));
        by_key.insert(key, k);
        owner[ci] = Some(k);
    }
    // 3. Acronyms defined in parentheses join their expansion.
    let by_end: HashMap<(usize, usize), usize> = cands.iter().enumerate().map(|(ci, c)| ((c.sentence, c.toks.1), ci)).collect();
    for ci in 0..cands.len() {
        if !cands[ci].acronym {
            continue;
        }
        // The definer is the candidate ending just before the parenthesis.
        let s = cands[ci].sentence;
        let a = cands[ci].toks.0;
        let def = a.checked_sub(1).and_then(|e| by_end.get(&(s, e)).copied()).filter(|&d| d != ci);
        let Some(def) = def else { continue };
        let Some(dk) = owner[def] else { continue };
        match owner[ci] {
            Some(ak) if ak != dk => {
                // The acronym is a lexicon name: move the definer's mentions over.
                let moved = std::mem::take(&mut clusters[dk].mentions);
                clusters[ak].mentions.extend(moved);
                for o in owner.iter_mut() {
                    if *o == Some(dk) {
                        *o = Some(ak);
                    }
                }
                for v in by_key.values_mut() {
                    if *v == dk {
                        *v = ak;
                    }
                }
            }
            Some(_) => {}
            None => {
                clusters[dk].mentions.push((cands[ci].span, s, false));
                by_key.insert(fold(&cand_text(&cands[ci])), dk);
                owner[ci] = Some(dk);
            }
        }
    }
    // 4. Single unknown words: known key, surname, acronym of a name, near surname, or new.
    for ci in 0..cands.len() {
        let c = &cands[ci];
        if owner[ci].is_some() || c.hint != Hint::Unknown {
            continue;
        }
        let name = cand_text(c);
        let key = fold(&name);
        let mut k = by_key.get(&key).copied();
        if k.is_none() && name_word(&name) {
            // The latest person whose last name this is.
            k = clusters.iter().rposition(|cl| cl.kind == StakeholderKind::Person && cl.tokens.len() > 1 && cl.tokens.last() == Some(&name));
            // Family name first ("Wang Yi" → "Wang") when the first word is not a given name.
            if k.is_none() && !t.given_names.contains(key.as_str()) {
                k = clusters.iter().rposition(|cl| cl.kind == StakeholderKind::Person && cl.tokens.len() == 2 && cl.tokens[0] == name);
            }
        }
        if k.is_none() && is_caps(&name) {
            let letters: String = name.chars().filter(|c| c.is_alphabetic()).collect();
            k = clusters.iter().position(|cl| {
                cl.kind != StakeholderKind::Person && cl.tokens.len() >= 2 && {
                    let ini: String = cl.tokens.iter().filter(|w| is_cap_word(w)).filter_map(|w| w.chars().next()).collect();
                    ini == letters
                }
            });
        }
        let tk = &toks[c.sentence];
        if k.is_none() && name_word(&name) && name.chars().count() >= 5 && speech_context(text, tk, c) && !t.given_names.contains(key.as_str()) {
            let near = clusters.iter().position(|cl| {
                cl.kind == StakeholderKind::Person
                    && cl.tokens.len() > 1
                    && cl.tokens.last().is_some_and(|s| {
                        s.chars().count() >= 5 && s.chars().next() == name.chars().next() && levenshtein(s, &name) <= 2
                    })
            });
            if let Some(nk) = near {
                warnings.push(doc.article.seed.diagnostic_at(
                    c.span.start,
                    format!(
                        "\"{name}\" taken as a misspelling of \"{}\" ({}); check the seed",
                        clusters[nk].tokens.last().map(String::as_str).unwrap_or(""),
                        clusters[nk].name
                    ),
                ));
                k = Some(nk);
            }
        }
        if k.is_none() {
            if c.restricted || c.place || c.initial || t.capitals.contains(&key) || t.non_actor.contains(key.as_str()) || t.months.contains(key.as_str()) {
                continue;
            }
            if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                continue;
            }
            let kind = if c.person {
                StakeholderKind::Person
            } else {
                c.kind.unwrap_or(StakeholderKind::Organization)
            };
            k = Some(new_cluster(&mut clusters, name.clone(), kind, None, true));
        }
        let k = k.expect("set above");
        clusters[k].mentions.push((c.span, c.sentence, false));
        by_key.entry(key).or_insert(k);
        owner[ci] = Some(k);
    }
    // Unnamed groups: "rights groups", "Boeing employees".
    for g in groups::find(text, &toks, &cands, &stats, &restricted) {
        let key = format!("group:{}", fold(&g.name));
        let k = match by_key.get(&key) {
            Some(&k) => k,
            None => {
                let k = new_cluster(&mut clusters, g.name.clone(), StakeholderKind::Group, None, true);
                clusters[k].affiliation = g.by.and_then(|ci| owner[ci]);
                clusters[k].evidence = Some(g.sentence);
                by_key.insert(key, k);
                k
            }
        };
        clusters[k].mentions.push((g.span, g.sentence, false));
    }
    // "X government" / "X regime": a group acting as a government.
    for (ci, c) in cands.iter().enumerate() {
        if let (true, Some(k)) = (c.gov, owner[ci]) {
            clusters[k].gov = true;
            if matches!(clusters[k].kind, StakeholderKind::ArmedGroup | StakeholderKind::Organization | StakeholderKind::Group) {
                clusters[k].kind = StakeholderKind::Government;
            }
        }
    }
    roles::assign(text, &toks, &cands, &owner, &mut clusters);

    // Which clusters survive: some mention outside the restricted headline, and a country known
    // only from a demonym needs two of them or "… government".
    let mut keep: Vec<bool> = clusters
        .iter()
        .map(|cl| {
            if cl.mentions.is_empty() || !cl.real {
                return false;
            }
            let named = cl.mentions.iter().filter(|m| !m.2).count();
            // "Afghans", "Bangladeshis": a plural demonym names people of the country.
            let plural = cl.mentions.iter().any(|m| m.2 && text[m.0.start..m.0.end].ends_with('s'));
            named > 0 || cl.gov || cl.mentions.len() >= 2 || plural
        })
        .collect();

    // A country someone belongs to stays, even if named only by a demonym ("Chinese Foreign
    // Minister Wang Yi").
    for k in 0..clusters.len() {
        if let (true, Some(a)) = (keep[k], clusters[k].affiliation) {
            if clusters[a].real && !clusters[a].mentions.is_empty() {
                keep[a] = true;
            }
        }
    }
    // Government bodies belong to a country or government.
    for k in 0..clusters.len() {
        if !keep[k] || clusters[k].affiliation.is_some() || clusters[k].kind != StakeholderKind::Government || clusters[k].gov {
            continue;
        }
        let country_entry = clusters[k].country.or_else(|| {
            let e = clusters[k].entry?;
            let name = t.entries[e].country?;
            t.lookup(name)
        });
        let mut aff = country_entry.and_then(|e| by_entry.get(&e).copied()).filter(|&a| keep[a]);
        if aff.is_none() {
            // The government the text names most often.
            aff = (0..clusters.len())
                .filter(|&g| g != k && keep[g] && clusters[g].gov)
                .max_by_key(|&g| (clusters[g].mentions.len(), std::cmp::Reverse(g)));
        }
        clusters[k].affiliation = aff;
    }

    // Salience.
    let len = text.len().max(1) as f64;
    let mut raw = vec![0.0f64; clusters.len()];
    {
        let mut quoted = vec![false; clusters.len()];
        let mut subject = vec![0usize; clusters.len()];
        let mut headline = vec![false; clusters.len()];
        for (ci, c) in cands.iter().enumerate() {
            let Some(k) = owner[ci] else { continue };
            if speech_context(text, &toks[c.sentence], c) {
                quoted[k] = true;
            }
            let first = toks[c.sentence].iter().position(|t| t.kind == Tk::Word).unwrap_or(0);
            if c.toks.0 <= first + 1 {
                subject[k] += 1;
            }
            if doc.sentences[c.sentence].paragraph.is_none() {
                headline[k] = true;
            }
        }
        for (k, cl) in clusters.iter().enumerate() {
            let m: f64 = cl.mentions.iter().map(|m| if m.2 { 0.5 } else { 1.0 }).sum();
            let first = cl.mentions.iter().map(|m| m.0.start).min().unwrap_or(0) as f64 / len;
            // An unnamed group ("rights groups") counts for less than a named actor.
            let unnamed = if cl.kind == StakeholderKind::Group && cl.entry.is_none() && cl.name.rsplit(' ').next().is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase)) { 0.6 } else { 1.0 };
            raw[k] = unnamed * (1.0 + m).ln() + 0.6 * (1.0 - first) + if quoted[k] { 0.4 } else { 0.0 } + 0.2 * (1.0 + subject[k] as f64).ln() + if headline[k] { 0.3 } else { 0.0 };
        }
    }
    let max = (0..clusters.len()).filter(|&k| keep[k]).map(|k| raw[k]).fold(0.0f64, f64::max).max(1e-9);

    // Ids, unique in the document.
    let mut order: Vec<usize> = (0..clusters.len()).filter(|&k| keep[k]).collect();
    order.sort_by(|&a, &b| raw[b].partial_cmp(&raw[a]).unwrap_or(std::cmp::Ordering::Equal).then_with(|| clusters[a].name.cmp(&clusters[b].name)));
    let mut ids: HashMap<usize, String> = HashMap::default();
    let mut used: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    for &k in &order {
        let base = crate::slug::id_for_name(&clusters[k].name);
        if crate::slug::mixed_script(&clusters[k].name) {
            let at = clusters[k].mentions.iter().map(|m| m.0.start).min().unwrap_or(0);
            warnings.push(doc.article.seed.diagnostic_at(
                at,
                format!(
                    "\"{}\" mixes Latin letters with look-alike letters of another script; kept apart from other names (id {base}); check the seed",
                    clusters[k].name
                ),
            ));
        }
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(id.clone());
        ids.insert(k, id);
    }
    let out = order
        .iter()
        .map(|&k| {
            let cl = &clusters[k];
            let mut ms = cl.mentions.clone();
            ms.sort();
            ms.dedup_by_key(|m| m.0);
            let mut aliases: Vec<String> = vec![cl.name.clone()];
            for m in &ms {
                let a = crate::model::fold_whitespace(&text[m.0.start..m.0.end]);
                if !aliases.contains(&a) {
                    aliases.push(a);
                }
            }
            Stakeholder {
                id: ids[&k].clone(),
                name: cl.name.clone(),
                kind: cl.kind,
                role: cl.role.clone(),
                affiliation: cl.affiliation.and_then(|a| ids.get(&a).cloned()),
                aliases,
                mentions: ms.iter().map(|m| Mention { span: m.0, sentence: m.1 }).collect(),
                salience: (raw[k] / max).clamp(0.0, 1.0),
            }
        })
        .collect();
    (out, toks)
}

/// A demonym ("Chinese", "Afghans") from the countries lexicon.
pub(crate) fn is_demonym(s: &str) -> bool {
    TABLES.demonym(s).is_some()
}

fn is_cap_word(w: &str) -> bool {
    chunk::is_cap(w)
}

#[cfg(test)]
mod tests;
