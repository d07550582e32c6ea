//! Sources: who is on record saying what, and who would not say.
//!
//! In: the segmented document and its stakeholders. Out: sources in order of first appearance,
//! each with its statements in text order, and the disputes between them.
//!
//! How: every sentence (the headline included) is tokenised ([`tokens`]); capitalised runs are
//! grouped into people and organisations ([`names`]); [`cues`] finds attributions of every form:
//! speech and thought verbs from `data/cue-verbs.txt` with the noun phrase next to them as the
//! speaker ("X said that", "…, X added", "…,” said X", "X, the envoy, stated", "X, which has
//! stated", "…, adding that"), "according to X", and no-comment records
//! (`data/no-comment.txt`: "did not respond", "Requests for comment from X were not answered").
//! Speakers are then resolved here: "he"/"she" to the nearest earlier person of a compatible
//! gender within two paragraphs, else to the next named speaker of the same paragraph ("However,
//! she said, … A spokesperson said she …"); "it"/"they" to the nearest organisation; "the
//! spokesman", "the company" to the nearest speaker or name with that role; a surname or a typo
//! of it to the full name. An unnamed role ("an interior ministry spokesman") joins the named
//! person whose role words contain it. Statements of one speaker form one source; a source linked
//! to a stakeholder (by mention overlap or name) takes its id, and named sources of one
//! stakeholder merge ("the Taliban government" into "the Taliban"); an unnamed role links to the
//! body it names ("a Chinese Foreign Ministry spokesperson") without merging into it.
//! A statement is `direct` when its content is a quotation or unquoted first-person speech
//! ("We are working …, he said."), which continues into the next first-person sentences and
//! quotations that run across paragraphs. A paragraph that is one quotation with no cue, right
//! after a paragraph ending in an attributed statement, goes to that speaker (empty cue).
//! A source is `on_record` when a reader can tell who it is: named speakers, documents, and
//! unnamed officials or bodies in the singular; anonymous sources ("a source familiar with …")
//! and unnamed plurals ("analysts", "rights groups") are listed but not on record.
//! Disputes come from [`disputes`].
//!
//! Bounded: at most [`MAX_PER_SENTENCE`] statements from one sentence, the first by cue
//! position (sentences themselves are at most `segment::MAX_SENTENCE` bytes).
//!
//! What it gets wrong: no parser, so long subjects are cut to their last noun phrase, and a
//! quotation with no cue in its sentence, the next, or the paragraph before is left
//! unattributed, and a cue-less quote paragraph after an interview question would be given to
//! the last speaker; gender is only known
//! from titles, role words and earlier pronouns; cognitive verbs ("expects", "fears") count as
//! statements, as MEANTIME counts them.

pub mod cues;
pub mod disputes;
pub mod lex;
pub mod names;
pub mod tokens;

use crate::model::{Dispute, Document, Source, SourceKind, Span, Stakeholder, StakeholderKind, Statement, StatementKind};
use cues::{Raw, SpeakerAt};
use lex::Gender;
use names::{Ctx, EntKind};
use std::collections::BTreeSet;
use tokens::Quote;

/// Who a statement is resolved to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// A named person or organisation (index into `Ctx::entities`).
    Ent(usize),
    /// A named body that is not a run of capitals ("the Turkish government").
    Named(String),
    /// An unnamed speaker, by its folded description ("chinese foreign ministry spokesperson").
    Desc(String),
}

/// A speaker phrase, analysed.
#[derive(Debug, Clone)]
struct Desc {
    span: Span,
    /// As written, leading article dropped.
    text: String,
    pronoun: Option<String>,
    entity: Option<usize>,
    /// Lower-case words without determiners.
    words: Vec<String>,
    head: String,
    definite: bool,
    named_body: bool,
}

fn describe(ctx: &Ctx, s: usize, i: usize, j: usize) -> Desc {
    let toks = &ctx.sents[s];
    let span = ctx.range_span(s, i, j);
    if j - i == 1 && lex::is_pronoun(&toks[i].lower) {
        return Desc {
            span,
            text: ctx.range_text(s, i, j),
            pronoun: Some(toks[i].lower.to_string()),
            entity: None,
            words: vec![],
            head: toks[i].lower.to_string(),
            definite: false,
            named_body: false,
        };
    }
    let mut a = i;
    let mut definite = false;
    while a < j && lex::is_det(&toks[a].lower) {
        definite |= matches!(toks[a].lower.as_str(), "the" | "this" | "that" | "these" | "those");
        a += 1;
    }
    // "a representative of the Turkish government" → the government.
    if let Some(k) = (a..j).find(|&k| matches!(toks[k].lower.as_str(), "of" | "for")) {
        if k > a && k <= a + 2 && !toks[k - 1].cap && matches!(toks[k - 1].lower.as_str(), "representative" | "representatives") && k + 1 < j {
            return describe(ctx, s, k + 1, j);
        }
    }
    let a = a.min(j);
    let words: Vec<String> = toks[a..j].iter().filter(|t| t.is_word()).map(|t| t.lower.trim_end_matches('.').to_string()).collect();
    // The head: the first source or role noun ("readouts from such discussions", "security
    // sources and U.N. data"), else the last word before a preposition.
    let head = words
        .iter()
        .find(|w| lex::SOURCE_NOUNS.contains_key(w.as_str()) || lex::ROLE_NOUNS.contains_key(w.as_str()))
        .or_else(|| words.iter().find(|w| lex::ORG_ROLE_NOUNS.contains(&w.as_str())))
        .cloned()
        .or_else(|| {
            let k = words.iter().position(|w| matches!(w.as_str(), "of" | "from" | "with" | "on" | "in" | "at" | "for" | "familiar"));
            words[..k.unwrap_or(words.len())].last().cloned()
        })
        .or_else(|| words.last().cloned())
        .unwrap_or_default();
    // The entity: the last person named in the phrase, else an organisation the phrase ends with.
    let mut entity = None;
    for r in ctx.names_window(s, a, j).iter().filter(|r| r.sent == s && r.i >= a && r.j <= j) {
        if let Some(e) = r.entity {
            if ctx.entities[e].kind == EntKind::Person {
                entity = Some(e);
            } else if r.j == j && entity.map_or(true, |x| ctx.entities[x].kind != EntKind::Person) {
                entity = Some(e);
            }
        }
    }
    // "Matt Mahmoudi of Amnesty International": the person, not the organisation at the end.
    if let Some(e) = entity {
        if ctx.entities[e].kind != EntKind::Person {
            if let Some(p) = ctx.names_window(s, a, j).iter().filter(|r| r.sent == s && r.i >= a && r.j < j).filter_map(|r| r.entity).find(|&x| ctx.entities[x].kind == EntKind::Person) {
                entity = Some(p);
            }
        }
    }
    // "Jobs announced …" opening a sentence, where "jobs" is also a common word: the person
    // or organisation of that name elsewhere in the text.
    if entity.is_none() && j - a == 1 && toks[a].cap && !lex::is_pronoun(&toks[a].lower) {
        let w = toks[a].lower.as_str();
        entity = ctx
            .entities
            .iter()
            .position(|e| e.kind == EntKind::Person && e.name.contains(' ') && e.name.rsplit(' ').next().is_some_and(|x| x.to_lowercase() == w))
            .or_else(|| ctx.entities.iter().position(|e| e.kind != EntKind::Person && e.name.to_lowercase() == w));
    }
    let has_name = (a..j).any(|k| ctx.is_name_token(s, k));
    let named_body = entity.is_none() && has_name && (lex::ORG_WORDS.contains_key(head.as_str()) && !lex::ROLE_NOUNS.contains_key(head.as_str()));
    let mut text = ctx.range_text(s, a, j);
    if let Some(f) = text.chars().next() {
        if f.is_lowercase() {
            text = f.to_uppercase().collect::<String>() + &text[f.len_utf8()..];
        }
    }
    Desc { span, text, pronoun: None, entity, words, head, definite, named_body }
}

/// A source being assembled.
struct Src {
    key: Key,
    name: String,
    words: BTreeSet<String>,
    head: String,
    raws: Vec<usize>,
    speaker_spans: Vec<Span>,
}

/// Byte offset where paragraph `p` starts (its first sentence), or 0.
fn doc_para_start(ctx: &Ctx, p: usize) -> usize {
    (0..ctx.sents.len()).find(|&s| ctx.para[s] == Some(p)).and_then(|s| ctx.sents[s].first()).map_or(0, |t| t.span.start)
}

fn is_person_head(h: &str) -> bool {
    lex::ROLE_NOUNS.contains_key(h) || matches!(h, "official" | "person" | "source" | "man" | "woman")
}

/// A paragraph that is one quotation and nothing else, with no cue of its own, right after a
/// paragraph that ends with an attributed statement: newswire style gives it to the same
/// speaker ("Jane Roe said the plan was ready.¶“We will finish by June.”"). Its cue is empty.
fn quote_paragraphs(doc: &Document, ctx: &Ctx, quotes: &[Quote], raws: &mut Vec<Raw>) {
    let text = doc.text();
    let paras = &doc.article.paragraphs;
    // Paragraph → its last statement (by cue position), found once.
    let last_in = last_raw_by(raws, |r| ctx.para[r.sent]);
    // First sentence of each paragraph.
    let mut first_sent: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for (s, p) in ctx.para.iter().enumerate() {
        if let Some(p) = p {
            first_sent.entry(*p).or_insert(s);
        }
    }
    for pi in 1..paras.len() {
        let p = paras[pi].span;
        if last_in.contains_key(&pi) || !last_in.contains_key(&(pi - 1)) {
            continue;
        }
        let qi = quotes.partition_point(|q| q.span.start < p.start);
        let Some(q) = quotes.get(qi).filter(|q| q.span.start == p.start) else { continue };
        let rest = &text[q.span.end.min(p.end)..p.end];
        if !q.closed || rest.chars().any(char::is_alphanumeric) {
            continue;
        }
        // A quotation left open in the previous paragraph already runs on into this one.
        let prev = paras[pi - 1].span;
        let from = quotes.partition_point(|x| x.span.start < prev.start);
        if quotes[from..qi].iter().any(|x| prev.contains(Span::new(x.span.start, x.span.start)) && !x.closed) {
            continue;
        }
        // The last statement of the previous paragraph, if it was spoken (not "according to",
        // not a no-comment).
        let Some(&last) = last_in.get(&(pi - 1)) else { continue };
        if raws[last].kind != StatementKind::Indirect || raws[last].bare {
            continue;
        }
        let Some(&s0) = first_sent.get(&pi) else { continue };
        let Some(sent) = (s0..doc.sentences.len()).take_while(|&s| ctx.para[s] == Some(pi)).find(|&s| doc.sentences[s].span.end > q.span.start) else { continue };
        raws.push(continued_quote(q.span, sent, last));
    }
}

/// For each key (a paragraph, a sentence) the raw statement with the last cue, ties to the later
/// raw; raws whose key is `None` are left out.
fn last_raw_by(raws: &[Raw], key: impl Fn(&Raw) -> Option<usize>) -> std::collections::BTreeMap<usize, usize> {
    let mut last: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for (k, r) in raws.iter().enumerate() {
        if let Some(x) = key(r) {
            let e = last.entry(x).or_insert(k);
            if (raws[*e].cue_span.start, *e) < (r.cue_span.start, k) {
                *e = k;
            }
        }
    }
    last
}

/// A quotation with no cue of its own that continues the speaker of raw `of`.
fn continued_quote(quote: Span, sent: usize, of: usize) -> Raw {
    Raw {
        kind: StatementKind::Indirect,
        cue: String::new(),
        lemma: "say".into(),
        cue_span: Span::new(quote.start, quote.start),
        content: quote,
        sent,
        speaker: SpeakerAt::SameAs(of),
        quoted: true,
        bare: false,
    }
}

/// A sentence that is one quotation and nothing else, with no cue, right after a sentence of
/// the same paragraph with an attributed quotation: the same speaker goes on ("“It is a lie,”
/// said Anna Nowak. “They are hiding the truth.”"). Its cue is empty.
fn quote_sentences(doc: &Document, ctx: &Ctx, quotes: &[Quote], raws: &mut Vec<Raw>) {
    let text = doc.text();
    let with_raw: BTreeSet<usize> = raws.iter().map(|r| r.sent).collect();
    // The last quoted statement of each sentence, found once (quotes are sorted by start).
    let last_quoted = last_raw_by(raws, |r| (r.kind == StatementKind::Indirect && r.quoted && !r.bare).then_some(r.sent));
    let mut added: Vec<(usize, usize)> = Vec::new();
    for s in 1..doc.sentences.len() {
        if with_raw.contains(&s) || ctx.para[s].is_none() || ctx.para[s] != ctx.para[s - 1] {
            continue;
        }
        let sp = doc.sentences[s].span;
        let qi = quotes.partition_point(|q| q.span.start < sp.start);
        let Some(q) = quotes.get(qi).filter(|q| q.span.start == sp.start && q.closed) else { continue };
        if text[q.span.end.min(sp.end)..sp.end].chars().any(char::is_alphanumeric) {
            continue;
        }
        // The previous sentence's quoted statement, or one added just before (a run of quotes).
        let prev = added.last().filter(|&&(ps, _)| ps == s - 1).map(|&(_, k)| k).or_else(|| last_quoted.get(&(s - 1)).copied());
        let Some(prev) = prev else { continue };
        raws.push(continued_quote(q.span, s, prev));
        added.push((s, raws.len() - 1));
    }
}

/// Extracts sources and disputes.
/// Most statements taken from one sentence (by cue order); see the module doc.
pub const MAX_PER_SENTENCE: usize = 8;

pub fn extract(doc: &Document, stakeholders: &[Stakeholder]) -> (Vec<Source>, Vec<Dispute>) {
    let text = doc.text();
    let sents: Vec<Vec<tokens::Token>> = doc.sentences.iter().map(|s| tokens::tokenize(text, s.span)).collect();
    let para: Vec<Option<usize>> = doc.sentences.iter().map(|s| s.paragraph).collect();
    let mut ctx = names::build(text, sents, para, stakeholders);
    // Quotations, paragraph by paragraph.
    let mut quotes: Vec<Quote> = Vec::new();
    for p in &doc.article.paragraphs {
        quotes.extend(tokens::quotes_in(text, p.span));
    }
    if let Some(t) = doc.article.title_span {
        quotes.extend(tokens::quotes_in(text, t));
    }
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    // Raw attributions.
    let mut raws: Vec<Raw> = Vec::new();
    for s in 0..ctx.sents.len() {
        cues::find(&ctx, s, &quotes, &mut raws);
    }
    quote_sentences(doc, &ctx, &quotes, &mut raws);
    quote_paragraphs(doc, &ctx, &quotes, &mut raws);
    // Resolve speakers, in text order of the cues.
    let mut order: Vec<usize> = (0..raws.len()).collect();
    order.sort_by_key(|&k| (raws[k].cue_span.start, k));
    let mut keys: Vec<Option<(Key, Desc)>> = vec![None; raws.len()];
    // Indexes that keep `resolve` from rescanning every cue for each cue (a paragraph of
    // thousands of "he said" was quadratic): where each raw is in `order`; for each position,
    // the next one that the forward search for a speaker would look at (see `jump`); and the
    // positions resolved so far, ascending.
    let mut pos_of = vec![0; raws.len()];
    for (q, &k) in order.iter().enumerate() {
        pos_of[k] = q;
    }
    let jump = jump_table(&ctx, &raws, &order);
    let mut resolved_pos: Vec<usize> = Vec::new();
    for (pos, &k) in order.iter().enumerate() {
        let seq = Seq { order: &order, pos_of: &pos_of, jump: &jump, resolved: &resolved_pos };
        let resolved = resolve(&mut ctx, &raws, &keys, &seq, pos, k, &mut Vec::new());
        if std::env::var_os("EXPLAINER_DEBUG_SOURCES").is_some() {
            let r = &raws[k];
            let sp = match r.speaker {
                SpeakerAt::Np { sent, i, j } => ctx.range_text(sent, i, j),
                SpeakerAt::SameAs(o) => format!("same as #{o}"),
            };
            eprintln!("#{k} {:?} cue={:?} speaker={sp:?} -> {:?}", r.kind, r.cue, resolved.as_ref().map(|(k, d)| (k, &d.text, &d.head)));
        }
        if resolved.is_some() {
            resolved_pos.push(pos);
        }
        keys[k] = resolved;
    }
    // Group into sources, at most MAX_PER_SENTENCE statements from one sentence (a sentence of
    // nothing but cues, "According to According to …", would otherwise make one source per cue,
    // each with the sentence).
    let mut srcs: Vec<Src> = Vec::new();
    let mut per_sentence: rustc_hash::FxHashMap<usize, usize> = Default::default();
    for &k in &order {
        let Some((key, d)) = keys[k].clone() else { continue };
        let taken = per_sentence.entry(raws[k].sent).or_default();
        if *taken >= MAX_PER_SENTENCE {
            continue;
        }
        *taken += 1;
        let idx = match srcs.iter().position(|s| s.key == key) {
            Some(i) => i,
            None => {
                let name = match &key {
                    Key::Ent(e) => ctx.entities[*e].name.clone(),
                    _ => d.text.clone(),
                };
                srcs.push(Src { key: key.clone(), name, words: d.words.iter().cloned().collect(), head: d.head.clone(), raws: vec![], speaker_spans: vec![] });
                srcs.len() - 1
            }
        };
        srcs[idx].raws.push(k);
        srcs[idx].speaker_spans.push(d.span);
    }
    // An unnamed role joins the named person whose roles contain its words.
    let mut merged_into: Vec<Option<usize>> = vec![None; srcs.len()];
    for a in 0..srcs.len() {
        let Key::Desc(_) = srcs[a].key else { continue };
        if !is_person_head(&srcs[a].head) || srcs[a].words.len() < 2 {
            continue;
        }
        let want: BTreeSet<&str> = srcs[a].words.iter().map(|w| w.as_str()).filter(|w| *w != "'s").collect();
        let target = (0..srcs.len()).find(|&b| {
            let Key::Ent(e) = srcs[b].key else { return false };
            let ent = &ctx.entities[e];
            if ent.kind != EntKind::Person {
                return false;
            }
            let mut have: BTreeSet<String> = ent.roles.clone();
            for sp in &srcs[b].speaker_spans {
                for w in ctx.slice(*sp).split(|c: char| !c.is_alphanumeric()) {
                    if !w.is_empty() {
                        have.insert(w.to_lowercase());
                    }
                }
            }
            want.iter().all(|w| have.contains(*w))
        });
        if let Some(b) = target {
            merged_into[a] = Some(b);
        }
    }
    for a in 0..srcs.len() {
        if let Some(b) = merged_into[a] {
            let moved = std::mem::take(&mut srcs[a].raws);
            let spans = std::mem::take(&mut srcs[a].speaker_spans);
            srcs[b].raws.extend(moved);
            srcs[b].speaker_spans.extend(spans);
        }
    }
    srcs.retain(|s| !s.raws.is_empty());
    // Stakeholder links; sources of one stakeholder merge.
    let mut linked: Vec<Option<usize>> = srcs.iter().map(|s| link(&ctx, s, stakeholders)).collect();
    let mut a = 0;
    let merges = |k: &Key| !matches!(k, Key::Desc(_));
    while a < srcs.len() {
        if let (Some(st), true) = (linked[a], merges(&srcs[a].key)) {
            if let Some(b) = (0..a).find(|&b| linked[b] == Some(st) && merges(&srcs[b].key)) {
                // "The Taliban government" joins "the Taliban" under the name's shorter form.
                if matches!(srcs[a].key, Key::Ent(_)) && matches!(srcs[b].key, Key::Named(_)) {
                    srcs[b].name = srcs[a].name.clone();
                    srcs[b].key = srcs[a].key.clone();
                }
                let moved = std::mem::take(&mut srcs[a].raws);
                let spans = std::mem::take(&mut srcs[a].speaker_spans);
                srcs[b].raws.extend(moved);
                srcs[b].speaker_spans.extend(spans);
                srcs.remove(a);
                linked.remove(a);
                continue;
            }
        }
        a += 1;
    }
    // Bare cues ("He said.") take the speech before them.
    let mut has_raw_in_para: BTreeSet<usize> = BTreeSet::new();
    for r in &raws {
        if !r.bare {
            has_raw_in_para.insert(ctx.paragraph_of(r.sent));
        }
    }
    // Build the statements.
    let brackets = Brackets::new(text);
    let mut out: Vec<Source> = Vec::new();
    for (si, s) in srcs.iter().enumerate() {
        let mut sts: Vec<Statement> = Vec::new();
        let mut ks = s.raws.clone();
        ks.sort_by_key(|&k| (raws[k].cue_span.start, k));
        ks.dedup();
        // (span, cue) of the statements kept: a later raw with the same pair is dropped before
        // its text is built (a 1 MB sentence of repeated cues gives thousands of them).
        let mut seen: BTreeSet<(Span, &str)> = BTreeSet::new();
        for k in ks {
            if let Some(st) = statement(doc, &ctx, &raws, &quotes, &brackets, k, &has_raw_in_para, &seen) {
                if seen.insert((st.span, raws[k].cue.as_str())) {
                    sts.push(st);
                }
            }
        }
        if sts.is_empty() {
            continue;
        }
        sts.sort_by_key(|st| (st.span.start, st.span.end));
        let stakeholder = linked[si].map(|i| stakeholders[i].clone());
        let kind = source_kind(&ctx, s, stakeholder.as_ref());
        let named = match &s.key {
            Key::Ent(_) | Key::Named(_) => true,
            Key::Desc(_) => false,
        };
        let on_record = on_record(kind, named, &s.name, stakeholder.as_ref());
        out.push(Source { name: s.name.clone(), stakeholder: stakeholder.map(|x| x.id), kind, named, statements: sts, on_record });
    }
    out.sort_by_key(|s| (s.statements[0].span.start, s.statements[0].span.end, s.name.clone()));
    let disputes = disputes::find(doc, &out);
    (out, disputes)
}

/// Whether a reader can tell who is speaking: named speakers, documents and unnamed officials or
/// bodies in the singular ("a Chinese Foreign Ministry spokesperson", "the prior
/// administration") are on record; anonymous sources and unnamed plurals ("analysts", "U.S.
/// officials", "rights activists") are not.
fn on_record(kind: SourceKind, named: bool, name: &str, stakeholder: Option<&Stakeholder>) -> bool {
    if kind == SourceKind::Anonymous {
        return false;
    }
    if named {
        return true;
    }
    if kind == SourceKind::Document {
        // A document is on record when the text says whose or which it is ("a U.N. assessment",
        // "readouts from such discussions"), not for bare "estimates" or "recent reports".
        let mut words = name.split_whitespace();
        let _first = words.next();
        return words.any(|w| w.starts_with(|c: char| c.is_uppercase()) || matches!(w, "from" | "by" | "of"));
    }
    let head = name.rsplit([' ', ',']).find(|w| !w.is_empty()).unwrap_or("").to_lowercase();
    // The head noun of the first conjunct decides for lists ("Demonstrators, videos and …").
    let plural = name.contains([',']) || name.contains(" and ") || (head.ends_with('s') && !head.ends_with("ss") && !head.ends_with("us") && !head.ends_with("ics"));
    match kind {
        SourceKind::Official | SourceKind::Government | SourceKind::Company | SourceKind::Media | SourceKind::Ngo => {
            !plural && stakeholder.is_none_or(|s| s.kind != StakeholderKind::Group)
        }
        _ => false,
    }
}

/// The raws in text order of their cues, with the indexes [`resolve`] walks them by.
struct Seq<'a> {
    order: &'a [usize],
    /// Position of each raw in `order`.
    pos_of: &'a [usize],
    /// See [`jump_table`].
    jump: &'a [usize],
    /// Positions whose raws have a key, ascending (all before the one being resolved).
    resolved: &'a [usize],
}

/// Raws the forward search for a speaker passes over: a speaker given as "same as" another
/// raw, or a lone pronoun.
fn passed_over(ctx: &Ctx, r: &Raw) -> bool {
    match r.speaker {
        SpeakerAt::Np { sent, i, j } => j - i == 1 && lex::is_pronoun(&ctx.sents[sent][i].lower),
        SpeakerAt::SameAs(_) => true,
    }
}

/// For each position `q` in `order`: the first position from `q` on that is not passed over or
/// is in another paragraph than `q` (`order.len()` when none).
fn jump_table(ctx: &Ctx, raws: &[Raw], order: &[usize]) -> Vec<usize> {
    let n = order.len();
    let mut jump = vec![n; n];
    for q in (0..n).rev() {
        let para = |q: usize| ctx.paragraph_of(raws[order[q]].sent);
        jump[q] = if !passed_over(ctx, &raws[order[q]]) {
            q
        } else if q + 1 < n && para(q + 1) == para(q) {
            jump[q + 1]
        } else {
            q + 1
        };
    }
    jump
}

/// Resolves the speaker of raw `k` (at `pos` in text order).
fn resolve(ctx: &mut Ctx, raws: &[Raw], keys: &[Option<(Key, Desc)>], seq: &Seq<'_>, pos: usize, k: usize, seen: &mut Vec<usize>) -> Option<(Key, Desc)> {
    if seen.contains(&k) {
        return None;
    }
    seen.push(k);
    let r = &raws[k];
    let (s, i, j) = match r.speaker {
        SpeakerAt::SameAs(o) => {
            if let Some(x) = keys.get(o).cloned().flatten() {
                return Some(x);
            }
            let opos = *seq.pos_of.get(o)?;
            return resolve(ctx, raws, keys, seq, opos, o, seen);
        }
        SpeakerAt::Np { sent, i, j } => (sent, i, j),
    };
    let d = describe(ctx, s, i, j);
    let here = ctx.sents[s][i].span.start;
    let p = ctx.paragraph_of(s);
    if let Some(pr) = d.pronoun.clone() {
        let gender = match pr.as_str() {
            "he" => Some(Gender::Male),
            "she" => Some(Gender::Female),
            _ => None,
        };
        let person = gender.is_some();
        // Earlier candidates: name runs and resolved speakers within two paragraphs.
        let mut best: Option<(usize, Key, Option<Desc>)> = None;
        for run in ctx.names_before(here).iter().filter(|x| ctx.paragraph_of(x.sent) + 2 >= p) {
            let Some(e) = run.entity else { continue };
            let ent = &ctx.entities[e];
            let ok = if person { ent.kind == EntKind::Person && (ent.gender.is_none() || ent.gender == gender) } else { ent.kind == EntKind::Org };
            if ok && best.as_ref().map_or(true, |(b, _, _)| run.span.start >= *b) {
                best = Some((run.span.start, Key::Ent(e), None));
            }
        }
        // Only positions with a key can be candidates: those, in order, before `pos`.
        let before = &seq.resolved[..seq.resolved.partition_point(|&q| q < pos)];
        for &o in before.iter().map(|&q| &seq.order[q]) {
            let Some((key, od)) = &keys[o] else { continue };
            if ctx.paragraph_of(raws[o].sent) + 2 < p {
                continue;
            }
            let ok = match key {
                Key::Ent(e) => {
                    let ent = &ctx.entities[*e];
                    if person { ent.kind == EntKind::Person && (ent.gender.is_none() || ent.gender == gender) } else { ent.kind == EntKind::Org }
                }
                Key::Desc(_) => person == is_person_head(&od.head) && od.pronoun.is_none(),
                Key::Named(_) => !person,
            };
            let at = od.span.start;
            if ok && best.as_ref().map_or(true, |(b, _, _)| at >= *b) {
                best = Some((at, key.clone(), Some(od.clone())));
            }
        }
        // A speaker named later in the same paragraph, when nothing fits before it.
        let best_here = best.as_ref().is_some_and(|(at, _, _)| *at >= doc_para_start(ctx, p));
        if best.is_none() || pr == "she" && !best_here && !ctx.entities.iter().any(|e| e.gender == Some(Gender::Female)) {
            let mut q = pos + 1;
            while q < seq.order.len() {
                if ctx.paragraph_of(raws[seq.order[q]].sent) != p {
                    break;
                }
                // Lone pronouns and "same as" speakers are passed over (what `describe` would
                // mark as a pronoun, and no noun phrase): jump to the next raw that is not, or
                // to a paragraph change.
                let next = seq.jump[q];
                if next != q {
                    q = next;
                    continue;
                }
                let (opos, o) = (q, seq.order[q]);
                q += 1;
                if let SpeakerAt::Np { sent, i, j } = raws[o].speaker {
                    let od = describe(ctx, sent, i, j);
                    let fits = !person || od.entity.is_some_and(|e| ctx.entities[e].kind == EntKind::Person) || (od.entity.is_none() && is_person_head(&od.head));
                    if od.pronoun.is_none() && fits {
                        if let Some((key, ante)) = resolve(ctx, raws, keys, seq, opos, o, seen) {
                            best = Some((od.span.start, key, Some(ante)));
                            break;
                        }
                    }
                }
            }
        }
        let (_, key, ante) = best?;
        if let (Key::Ent(e), Some(g)) = (&key, gender) {
            if ctx.entities[*e].gender.is_none() {
                ctx.entities[*e].gender = Some(g);
            }
        }
        // Name the source after the antecedent, keep the pronoun's span.
        let mut named = ante.unwrap_or(d.clone());
        named.span = d.span;
        return Some((key, named));
    }
    if let Some(e) = d.entity {
        return Some((Key::Ent(e), d));
    }
    if d.named_body {
        return Some((Key::Named(d.words.join(" ")), d));
    }
    let short = d.words.len() == 1 || (d.words.len() == 2 && lex::ROLE_NOUNS.contains_key(d.head.as_str()) && ctx.sents[s][j - 1].cap);
    if d.definite && short {
        // "the spokesman", "the company", "the Prime Minister".
        let h = d.head.clone();
        let org_role = lex::ORG_ROLE_NOUNS.contains(&h.as_str());
        let mut best: Option<(usize, Key)> = None;
        let before = &seq.resolved[..seq.resolved.partition_point(|&q| q < pos)];
        for &o in before.iter().map(|&q| &seq.order[q]) {
            let Some((key, od)) = &keys[o] else { continue };
            if ctx.paragraph_of(raws[o].sent) + 3 < p {
                continue;
            }
            let fits = od.head == h
                || match key {
                    Key::Ent(e) => ctx.entities[*e].roles.contains(&h) || (org_role && ctx.entities[*e].kind == EntKind::Org && org_fits(&h, &ctx.entities[*e])),
                    _ => false,
                };
            if fits && best.as_ref().map_or(true, |(b, _)| od.span.start >= *b) {
                best = Some((od.span.start, key.clone()));
            }
        }
        // An organisation noun takes the nearest organisation that spoke; failing that, the
        // nearest organisation named.
        let spoke = best.is_some();
        // An organisation named earlier in the same sentence comes first ("In a statement on the
        // Airbus website, the company said").
        if org_role {
            if let Some(run) = ctx
                .names_before(here)
                .iter()
                .filter(|x| x.sent == s)
                .filter(|x| x.entity.is_some_and(|e| ctx.entities[e].kind == EntKind::Org && org_fits(&h, &ctx.entities[e])))
                .last()
            {
                return Some((Key::Ent(run.entity.unwrap_or_default()), d));
            }
        }
        for run in ctx.names_before(here).iter() {
            let Some(e) = run.entity else { continue };
            let ent = &ctx.entities[e];
            let fits = ent.roles.contains(&h) || (org_role && !spoke && ent.kind == EntKind::Org && org_fits(&h, ent) && ctx.paragraph_of(run.sent) + 2 >= p);
            if fits && best.as_ref().map_or(true, |(b, _)| run.span.start >= *b) {
                best = Some((run.span.start, Key::Ent(e)));
            }
        }
        if let Some((_, key)) = best {
            return Some((key, d));
        }
    }
    if d.words.is_empty() {
        return None;
    }
    Some((Key::Desc(d.words.join(" ")), d))
}

/// Whether an organisation noun can stand for a named organisation: "the company" is not "the
/// Department of Labor", "the ministry" is not "Acme Corp". Unknown kinds fit anything.
fn org_fits(noun: &str, ent: &names::Entity) -> bool {
    let lower = ent.name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().map(|w| w.trim_end_matches('.')).collect();
    let kind = match ent.body {
        Some(StakeholderKind::Company) => Some(SourceKind::Company),
        Some(StakeholderKind::Government | StakeholderKind::Country | StakeholderKind::International) => Some(SourceKind::Government),
        Some(StakeholderKind::Media) => Some(SourceKind::Media),
        _ => org_kind(&words, &words.join(" ")),
    };
    let want = match noun {
        "ministry" | "department" | "agency" => SourceKind::Government,
        "newspaper" | "broadcaster" | "outlet" => SourceKind::Media,
        "group" | "organisation" | "organization" | "network" => return true,
        _ => SourceKind::Company,
    };
    kind.is_none_or(|k| k == want)
}

/// The stakeholder a source stands for: one whose mention overlaps a speaker phrase, else one
/// whose name or alias equals the source's name.
fn link(ctx: &Ctx, s: &Src, stakeholders: &[Stakeholder]) -> Option<usize> {
    let _ = ctx;
    let fold = |x: &str| {
        let x = x.trim().to_lowercase();
        x.strip_prefix("the ").map(str::to_string).unwrap_or(x)
    };
    let name = fold(&s.name);
    if let Some(i) = stakeholders.iter().position(|st| fold(&st.name) == name || st.aliases.iter().any(|a| fold(a) == name)) {
        return Some(i);
    }
    // Mention overlap, the longest overlap first; a person's phrase must hit the person.
    let mut best: Option<(usize, usize)> = None;
    for (i, st) in stakeholders.iter().enumerate() {
        for m in &st.mentions {
            for sp in &s.speaker_spans {
                if m.span.overlaps(*sp) {
                    let ov = m.span.end.min(sp.end) - m.span.start.max(sp.start);
                    // The mention must cover the phrase's head (its end) to stand for it.
                    // A named body ("the Turkish government") or a role speaking for one ("a
                    // Chinese Foreign Ministry spokesperson") stands for the body it names.
                    let stands = m.span.end >= sp.end || matches!(s.key, Key::Named(_)) || (matches!(s.key, Key::Desc(_)) && is_person_head(&s.head));
                    if stands && best.map_or(true, |(_, b)| ov > b) {
                        best = Some((i, ov));
                    }
                }
            }
        }
    }
    best.map(|(i, _)| i)
}

fn org_kind(words: &[&str], joined: &str) -> Option<SourceKind> {
    if lex::MEDIA.contains(joined) || words.iter().any(|w| lex::MEDIA.contains(w)) {
        return Some(SourceKind::Media);
    }
    if lex::COUNTRIES.contains(joined) {
        return Some(SourceKind::Government);
    }
    // "Yonhap news agency", "Korean Central News Agency": a media word wins over the body word.
    if words.iter().any(|w| lex::ORG_WORDS.get(w) == Some(&"media")) {
        return Some(SourceKind::Media);
    }
    for w in words.iter().rev() {
        if let Some(k) = lex::ORG_WORDS.get(w) {
            return parse_kind(k);
        }
    }
    None
}

fn parse_kind(k: &str) -> Option<SourceKind> {
    Some(match k {
        "official" => SourceKind::Official,
        "government" => SourceKind::Government,
        "company" => SourceKind::Company,
        "media" => SourceKind::Media,
        "ngo" => SourceKind::Ngo,
        "expert" => SourceKind::Expert,
        "document" => SourceKind::Document,
        "anonymous" => SourceKind::Anonymous,
        "group" => SourceKind::Group,
        "person" => SourceKind::Person,
        _ => return None,
    })
}

fn from_stakeholder(k: StakeholderKind) -> SourceKind {
    match k {
        StakeholderKind::Person => SourceKind::Person,
        StakeholderKind::Government | StakeholderKind::Country | StakeholderKind::International => SourceKind::Government,
        StakeholderKind::Company => SourceKind::Company,
        StakeholderKind::Ngo => SourceKind::Ngo,
        StakeholderKind::Media => SourceKind::Media,
        StakeholderKind::Research => SourceKind::Expert,
        StakeholderKind::Organization | StakeholderKind::ArmedGroup | StakeholderKind::Group => SourceKind::Group,
    }
}

fn source_kind(ctx: &Ctx, s: &Src, st: Option<&Stakeholder>) -> SourceKind {
    match &s.key {
        Key::Ent(e) => {
            let ent = &ctx.entities[*e];
            let lower = ent.name.to_lowercase();
            let words: Vec<&str> = lower.split(' ').map(|w| w.trim_end_matches('.')).collect();
            if ent.kind == EntKind::Person {
                for r in &ent.roles {
                    if let Some(k) = lex::ROLE_NOUNS.get(r.as_str()).and_then(|k| parse_kind(k)) {
                        return k;
                    }
                }
                if let Some(a) = &ent.affiliation {
                    let al = a.to_lowercase();
                    let aw: Vec<&str> = al.split(' ').collect();
                    if let Some(k) = org_kind(&aw, &al) {
                        return k;
                    }
                }
                return st.map_or(SourceKind::Person, |x| match from_stakeholder(x.kind) {
                    SourceKind::Person => SourceKind::Person,
                    _ => SourceKind::Person,
                });
            }
            if let Some(k) = org_kind(&words, &lower) {
                return k;
            }
            if ent.kind == EntKind::Place {
                return SourceKind::Government;
            }
            st.map_or(SourceKind::Group, |x| from_stakeholder(x.kind))
        }
        Key::Named(n) => {
            let words: Vec<&str> = n.split(' ').collect();
            org_kind(&words, n).or_else(|| st.map(|x| from_stakeholder(x.kind))).unwrap_or(SourceKind::Group)
        }
        Key::Desc(_) => {
            let h = s.head.as_str();
            if let Some(k) = lex::SOURCE_NOUNS.get(h).and_then(|k| parse_kind(k)) {
                return k;
            }
            if let Some(k) = lex::ROLE_NOUNS.get(h).and_then(|k| parse_kind(k)) {
                return k;
            }
            if lex::ORG_ROLE_NOUNS.contains(&h) {
                return SourceKind::Company;
            }
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            org_kind(&words, &s.words.iter().cloned().collect::<Vec<_>>().join(" ")).unwrap_or(if h.ends_with('s') { SourceKind::Group } else { SourceKind::Person })
        }
    }
}

fn first_person(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').any(|w| matches!(w, "We" | "we" | "I" | "our" | "Our" | "us" | "my" | "My"))
}

/// Byte offsets of the brackets in the text, so that "are the brackets of this range unbalanced"
/// costs two binary searches, not a scan of the range (which made one long sentence of many
/// cues quadratic).
struct Brackets {
    open_sq: Vec<usize>,
    close_sq: Vec<usize>,
    open_par: Vec<usize>,
    close_par: Vec<usize>,
}

impl Brackets {
    fn new(text: &str) -> Brackets {
        let mut b = Brackets { open_sq: vec![], close_sq: vec![], open_par: vec![], close_par: vec![] };
        // Brackets are rare: a vectorised search for each pair beats a test of every byte.
        let bytes = text.as_bytes();
        for i in memchr::memchr2_iter(b'[', b']', bytes) {
            if bytes[i] == b'[' { b.open_sq.push(i) } else { b.close_sq.push(i) }
        }
        for i in memchr::memchr2_iter(b'(', b')', bytes) {
            if bytes[i] == b'(' { b.open_par.push(i) } else { b.close_par.push(i) }
        }
        b
    }

    /// More `[` than `]`, or more `(` than `)`, in `text[a..b]`.
    fn unbalanced(&self, a: usize, b: usize) -> bool {
        let count = |v: &[usize]| v.partition_point(|&x| x < b) - v.partition_point(|&x| x < a);
        count(&self.open_sq) > count(&self.close_sq) || count(&self.open_par) > count(&self.close_par)
    }
}

/// Builds the statement of raw `k`; `None` too when its (span, cue) is in `seen` already.
#[allow(clippy::too_many_arguments)]
fn statement(
    doc: &Document,
    ctx: &Ctx,
    raws: &[Raw],
    quotes: &[Quote],
    brackets: &Brackets,
    k: usize,
    has_raw_in_para: &BTreeSet<usize>,
    seen: &BTreeSet<(Span, &str)>,
) -> Option<Statement> {
    let r = &raws[k];
    let text = doc.text();
    let mut content = r.content;
    if r.bare {
        // The speech is the previous sentence of the paragraph, or the previous paragraph when
        // it has no attribution of its own.
        let s = r.sent;
        if s == 0 {
            return None;
        }
        let p = ctx.paragraph_of(s);
        let prev = s - 1;
        let pp = ctx.paragraph_of(prev);
        if ctx.para[prev].is_none() || (pp != p && has_raw_in_para.contains(&pp)) {
            return None;
        }
        let para_span = doc.article.paragraphs.get(pp)?.span;
        content = if pp == p { doc.sentences[prev].span } else { para_span };
    }
    // A sentence cut inside brackets ("Huawei [RIC: HWT. U.L.] had …") goes on in the next one.
    {
        let sent = doc.sentences[r.sent].span;
        let mut s = r.sent;
        if content.end + 2 >= sent.end && content.start >= sent.start && brackets.unbalanced(sent.start, content.end) {
            let mut acc = sent;
            while brackets.unbalanced(acc.start, acc.end) && s + 1 < doc.sentences.len() && doc.sentences[s + 1].paragraph == doc.sentences[r.sent].paragraph && s < r.sent + 3 {
                s += 1;
                acc.end = doc.sentences[s].span.end;
            }
            if acc.end > sent.end {
                let tail = text[..acc.end].trim_end_matches(['.', '!', '?']).len();
                content.end = tail.max(content.end);
            }
        }
    }
    let mut kind = r.kind;
    let mut span = Span::new(content.start.min(r.cue_span.start), content.end.max(r.cue_span.end));
    let mut quoted = r.quoted;
    let raw_text = &text[content.start..content.end];
    let starts_quote = raw_text.starts_with(['“', '"', '„', '«']);
    // Evaluated only when needed: it scans the content after the quotation.
    let quote_to_end = || {
        cues::quote_at(quotes, content.start).is_some_and(|q| {
            let rest = &text[quotes[q].span.end.min(content.end)..content.end];
            !rest.chars().any(char::is_alphanumeric)
        })
    };
    if kind == StatementKind::Indirect {
        if quoted && starts_quote && quote_to_end() {
            kind = StatementKind::Direct;
        } else if content.end <= r.cue_span.start && first_person(raw_text) && !raw_text.contains(['“', '"']) {
            kind = StatementKind::Direct;
            quoted = false;
        } else if r.bare && first_person(raw_text) {
            kind = StatementKind::Direct;
        }
    }
    // A quotation left open at the end of its paragraph runs on into paragraphs that open
    // with a quote mark.
    if kind == StatementKind::Direct && quoted {
        if let Some(q) = cues::quote_at(quotes, content.start) {
            let mut q = quotes[q];
            while !q.closed {
                let Some(pi) = doc.article.paragraphs.iter().position(|p| p.span.contains(Span::new(q.span.start, q.span.start))) else { break };
                let Some(next) = doc.article.paragraphs.get(pi + 1) else { break };
                let Some(nq) = quotes.iter().find(|x| x.span.start == next.span.start) else { break };
                content.end = content.end.max(nq.span.end);
                span.end = span.end.max(nq.span.end);
                q = *nq;
            }
        }
    }
    // Unquoted first-person speech continues into the next first-person sentences of the
    // paragraph that have no attribution of their own.
    if kind == StatementKind::Direct && !quoted && content.end <= r.cue_span.start {
        let p = ctx.paragraph_of(r.sent);
        let mut s = r.sent + 1;
        while s < doc.sentences.len() && ctx.para[s] == Some(p) && !raws.iter().any(|x| x.sent == s) {
            let st = doc.sentences[s].span;
            if !first_person(&text[st.start..st.end]) {
                break;
            }
            span.end = span.end.max(st.end);
            s += 1;
        }
    }
    if seen.contains(&(span, r.cue.as_str())) {
        return None;
    }
    let mut said = crate::model::fold_whitespace(&text[content.start..content.end]);
    if kind == StatementKind::Direct && span.end > content.end && !quoted {
        said = crate::model::fold_whitespace(&text[content.start..content.end]);
        // Include the continuation sentences after the cue's sentence.
        let cue_sent_end = doc.sentences[r.sent].span.end;
        if span.end > cue_sent_end {
            // The cue's sentence ended the speech with a comma (", he said."): the speech's
            // own sentence ends there.
            let t = said.trim_end_matches([',', ';', ' ']).len();
            said.truncate(t);
            if !said.ends_with(['.', '!', '?', '…']) {
                said.push('.');
            }
            said.push(' ');
            said.push_str(&crate::model::fold_whitespace(&text[cue_sent_end..span.end]));
        }
    }
    if kind == StatementKind::Direct && quoted {
        said = crate::model::fold_whitespace(&text[content.start..content.end.max(span.end).min(content.end)]);
        said = said.trim_matches(|c: char| matches!(c, '“' | '”' | '"' | '„' | '«' | '»')).trim_end_matches(',').trim().to_string();
    }
    let mut said = said.trim_end_matches([',', ';']).trim().to_string();
    // "Urban surveillance, according to analysts, won't …": the attribution in the middle is
    // not part of what was said.
    if r.kind == StatementKind::AccordingTo && content.start < r.cue_span.start && r.cue_span.end < content.end {
        if let cues::SpeakerAt::Np { sent, j, .. } = r.speaker {
            let sp_end = ctx.sents[sent][j - 1].span.end;
            if sp_end < content.end {
                let head = text[content.start..r.cue_span.start].trim_end().trim_end_matches(',').trim_end();
                let tail = text[sp_end..content.end].trim_start().trim_start_matches(',').trim_start();
                if !head.is_empty() && !tail.is_empty() {
                    said = crate::model::fold_whitespace(&format!("{head} {tail}"));
                }
            }
        }
    }
    // A quotation that closed after its own comma (“…,” according to X): drop the comma.
    for q in ['”', '"'] {
        let comma_q = format!(",{q}");
        if said.ends_with(&comma_q) {
            said.truncate(said.len() - comma_q.len());
            said.push(q);
        }
    }
    if said.is_empty() {
        return None;
    }
    Some(Statement {
        kind,
        cue: r.cue.clone(),
        text: said,
        span,
        sentence: r.sent,
        judgement: lex::JUDGEMENT.contains(r.lemma.as_str()),
    })
}

#[cfg(test)]
mod tests;
