//! The internal document model that flows through every stage.
//!
//! In: nothing (this module only defines types). Out: the types each stage fills in:
//!
//! ```text
//! Seed ──clean──▶ CleanArticle ──segment──▶ Document ──extract──▶ Explainer ──emit──▶ files
//! ```
//!
//! Every extracted fact carries a [`Span`]: byte offsets `[start, end)` into [`Seed::text`], the
//! seed file's text as read (after a UTF-8 BOM is dropped and the bytes are decoded to UTF-8). The
//! public `explainer/1` wire format lives in [`crate::wire`] and is converted from these types, so
//! the internal ones stay free to change.
//!
//! What it gets wrong: a seed that had to be transcoded (Latin-1, UTF-16) has spans into the
//! decoded UTF-8 text, not into the bytes on disk; `Seed::transcoded` records that.

use std::fmt;

/// Byte range `[start, end)` into [`Seed::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn as_array(&self) -> [usize; 2] {
        [self.start, self.end]
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A warning or error attached to a place in a seed. Rendered as `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// 1-based line, 0 when the diagnostic is about the whole file.
    pub line: usize,
    /// 1-based column in characters, 0 when unknown.
    pub col: usize,
    pub message: String,
}

/// A calendar date (proleptic Gregorian), used for the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Ymd {
    /// Parses `YYYY-MM-DD`, rejecting impossible dates (February 30, month 13).
    pub fn parse(s: &str) -> Option<Ymd> {
        let mut it = s.trim().splitn(3, '-');
        let y: i32 = it.next()?.parse().ok()?;
        let m: u32 = it.next()?.parse().ok()?;
        let d: u32 = it.next()?.parse().ok()?;
        if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
            return None;
        }
        Some(Ymd { year: y, month: m, day: d })
    }
}

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Where the publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrigin {
    /// A dateline or "Published …" line in the seed.
    Text,
    /// `--published` on the command line.
    Option,
    /// A per-seed settings file (`seeds/<name>.toml`).
    Override,
    /// Guessed from other evidence (e.g. the latest full date in the text).
    Inferred,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub date: Ymd,
    pub origin: DateOrigin,
    /// The dateline in the seed, when the date came from the text.
    pub span: Option<Span>,
}

/// One seed file, decoded.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Path as shown to users and written to `seed.file`, with `/` separators (`seeds/x.txt`).
    pub file: String,
    /// The decoded text; spans index into it.
    pub text: String,
    /// SHA-256 of the bytes on disk, lower-case hex.
    pub sha256: String,
    /// `Some("UTF-16LE")` etc. when the bytes were not UTF-8.
    pub transcoded: Option<&'static str>,
    pub warnings: Vec<Diagnostic>,
    /// What the file was: plain text (spans index the decoded text) or an HTML page (spans
    /// index the text extracted from it, see [`crate::html`]).
    pub format: SeedFormat,
    /// For an HTML seed: the page's blocks in `text` and its own metadata.
    pub page: Option<Box<Page>>,
}

/// The format of a seed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SeedFormat {
    /// `.txt`: the text of a page (a scrape of the rendered page, or a clean article).
    #[default]
    Text,
    /// `.html`, `.htm`, `.html.gz`: a saved web page; its main content is extracted.
    Html,
}

impl SeedFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SeedFormat::Text => "text",
            SeedFormat::Html => "html",
        }
    }
    /// What `span` offsets index into, for explainer/1's `text_basis`.
    pub fn text_basis(self) -> &'static str {
        match self {
            SeedFormat::Text => "seed text",
            SeedFormat::Html => "extracted text",
        }
    }
}

/// What an HTML page says about itself (JSON-LD, OpenGraph, `<meta>`, `<time>`), as written
/// (trimmed, white space folded); dates as `YYYY-MM-DD` when they parse.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub headline: Option<String>,
    pub description: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub section: Option<String>,
    pub keywords: Vec<String>,
    pub canonical: Option<String>,
    pub language: Option<String>,
    pub published: Option<Ymd>,
    pub modified: Option<Ymd>,
}

/// The extracted content of an HTML seed: its blocks, as spans into [`Seed::text`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The headline line at the top of the extracted text, when the page has one.
    pub headline: Option<Span>,
    /// Headings, paragraphs, quotes and list items, in page order.
    pub blocks: Vec<(ParagraphKind, Span)>,
    pub meta: PageMeta,
}

impl Seed {
    /// Builds a seed from text already in memory (tests, fuzzing).
    pub fn from_text(file: &str, text: &str) -> Seed {
        crate::ingest::decode(file, text.as_bytes()).expect("UTF-8 text always decodes")
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    /// A diagnostic pointing at `offset`.
    pub fn diagnostic_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.line_col(offset);
        Diagnostic { line, col, message: message.into() }
    }
}

/// The largest char boundary `<= i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParagraphKind {
    Text,
    Heading,
    Quote,
}

impl ParagraphKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ParagraphKind::Text => "text",
            ParagraphKind::Heading => "heading",
            ParagraphKind::Quote => "quote",
        }
    }
}

/// A block of the cleaned article.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// `p1`, `p2`, … in order.
    pub id: String,
    pub kind: ParagraphKind,
    /// Display text: the seed slice with line breaks folded to single spaces.
    pub text: String,
    /// The block in the seed, trimmed of surrounding white space.
    pub span: Span,
}

/// Something cleaning dropped from the article body.
#[derive(Debug, Clone)]
pub struct Removed {
    pub text: String,
    pub reason: String,
    pub span: Span,
}

/// The output of `clean`: the article with the page chrome taken off.
#[derive(Debug, Clone)]
pub struct CleanArticle {
    pub seed: Seed,
    pub title: String,
    pub title_span: Option<Span>,
    /// Kickers stripped from the headline ("Exclusive").
    pub labels: Vec<String>,
    /// Section kicker ("Politics"), title-cased.
    pub section: Option<String>,
    pub published: Option<Published>,
    pub paragraphs: Vec<Paragraph>,
    pub removed: Vec<Removed>,
    /// The article's authors (from its byline or the page's metadata), in order.
    pub authors: Vec<String>,
    /// The date the article was last updated, when the page states one.
    pub updated: Option<Ymd>,
    /// The place of a dateline ("KABUL" in "KABUL, Oct 30 (Reuters) -"), title-cased.
    pub place: Option<String>,
}

/// A sentence of the cleaned article.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Trimmed sentence span in the seed.
    pub span: Span,
    /// Index into `CleanArticle::paragraphs`; `None` for the headline and the dateline, which
    /// are segmented too (so their dates and names are found) but are not article paragraphs.
    pub paragraph: Option<usize>,
}

/// The output of `segment`: a cleaned article split into sentences.
#[derive(Debug, Clone)]
pub struct Document {
    pub article: CleanArticle,
    /// In text order (by span); every sentence lies inside its paragraph's span.
    pub sentences: Vec<Sentence>,
}

impl Document {
    pub fn text(&self) -> &str {
        &self.article.seed.text
    }
    pub fn slice(&self, span: Span) -> &str {
        self.article.seed.slice(span)
    }
    /// Sentence text with line breaks folded to spaces (for display).
    pub fn sentence_text(&self, i: usize) -> String {
        fold_whitespace(self.slice(self.sentences[i].span))
    }
    /// The paragraph id (`p7`) of a sentence; `None` for the headline and dateline.
    pub fn paragraph_id(&self, sentence: usize) -> Option<&str> {
        self.sentences[sentence].paragraph.map(|p| self.article.paragraphs[p].id.as_str())
    }
    /// Indices of the sentences of the article body (not the headline or dateline).
    pub fn body_sentences(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.sentences.len()).filter(|&i| self.sentences[i].paragraph.is_some())
    }
    /// Index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }
}

/// Folds every run of white space (including line breaks) into one space and trims.
pub fn fold_whitespace(s: &str) -> String {
    // Most sentences are folded already: one scan and one copy instead of a word-by-word rebuild.
    if is_folded(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `s` is its own [`fold_whitespace`]: no white space but single ASCII spaces between words.
fn is_folded(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // ASCII (most text): whole-slice tests the compiler vectorises, instead of a byte loop.
    if s.is_ascii() {
        // Tab, line feed, vertical tab, form feed, carriage return: bytes 9 to 13.
        let control = b.iter().fold(false, |acc, &c| acc | (c.wrapping_sub(9) < 5));
        let double = b.windows(2).fold(false, |acc, w| acc | ((w[0] == b' ') & (w[1] == b' ')));
        return !control && !double;
    }
    let mut prev_space = false;
    for (i, &c) in b.iter().enumerate() {
        if c < 0x80 {
            if c == b' ' {
                if prev_space {
                    return false;
                }
                prev_space = true;
                continue;
            }
            // The other ASCII white space of `char::is_whitespace`: tab, line feed, vertical
            // tab, form feed, carriage return.
            if (9..=13).contains(&c) {
                return false;
            }
        } else if c >= 0xC0 && s[i..].chars().next().is_some_and(char::is_whitespace) {
            // A lead byte: the character may be Unicode white space (no-break space, …).
            return false;
        }
        prev_space = false;
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Extracted facts. Each one refers to the sentence it came from by index into
// `Document::sentences`.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateType {
    Date,
    Time,
    Duration,
    Set,
}

impl DateType {
    pub fn as_str(self) -> &'static str {
        match self {
            DateType::Date => "date",
            DateType::Time => "time",
            DateType::Duration => "duration",
            DateType::Set => "set",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Day,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Precision {
    pub const ALL: [Precision; 7] =
        [Precision::Day, Precision::Month, Precision::Season, Precision::Quarter, Precision::Year, Precision::Decade, Precision::Century];
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Quarter => "quarter",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }
    pub fn parse(s: &str) -> Option<Precision> {
        Precision::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateMod {
    Approx,
    Before,
    After,
    Start,
    Mid,
    End,
}

impl DateMod {
    pub const ALL: [DateMod; 6] = [DateMod::Approx, DateMod::Before, DateMod::After, DateMod::Start, DateMod::Mid, DateMod::End];
    pub fn as_str(self) -> &'static str {
        match self {
            DateMod::Approx => "approx",
            DateMod::Before => "before",
            DateMod::After => "after",
            DateMod::Start => "start",
            DateMod::Mid => "mid",
            DateMod::End => "end",
        }
    }
    pub fn parse(s: &str) -> Option<DateMod> {
        DateMod::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Anchor {
    Absolute,
    Publication,
    Previous,
    Unresolved,
}

impl Anchor {
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Absolute => "absolute",
            Anchor::Publication => "publication",
            Anchor::Previous => "previous",
            Anchor::Unresolved => "unresolved",
        }
    }
}

/// A temporal expression.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub span: Span,
    pub text: String,
    /// TIMEX3 value: `2021`, `2021-01`, `XXXX-08`, `P4Y`, `2021-SU`, `PAST_REF` …
    pub value: String,
    pub kind: DateType,
    pub precision: Option<Precision>,
    pub modifier: Option<DateMod>,
    pub anchor: Anchor,
    pub inferred: bool,
    pub sentence: usize,
}

/// A dated fact for the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Index into `Explainer::dates`.
    pub date: usize,
    pub sentence: usize,
    pub title: String,
    /// Stakeholder ids.
    pub actors: Vec<String>,
    /// Index into `Explainer::sources`.
    pub source: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StakeholderKind {
    Person,
    Government,
    Country,
    Organization,
    Company,
    ArmedGroup,
    Ngo,
    Media,
    International,
    Research,
    Group,
}

impl StakeholderKind {
    pub const ALL: [StakeholderKind; 11] = [
        StakeholderKind::Person,
        StakeholderKind::Government,
        StakeholderKind::Country,
        StakeholderKind::Organization,
        StakeholderKind::Company,
        StakeholderKind::ArmedGroup,
        StakeholderKind::Ngo,
        StakeholderKind::Media,
        StakeholderKind::International,
        StakeholderKind::Research,
        StakeholderKind::Group,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            StakeholderKind::Person => "person",
            StakeholderKind::Government => "government",
            StakeholderKind::Country => "country",
            StakeholderKind::Organization => "organization",
            StakeholderKind::Company => "company",
            StakeholderKind::ArmedGroup => "armed-group",
            StakeholderKind::Ngo => "ngo",
            StakeholderKind::Media => "media",
            StakeholderKind::International => "international",
            StakeholderKind::Research => "research",
            StakeholderKind::Group => "group",
        }
    }
    pub fn parse(s: &str) -> Option<StakeholderKind> {
        StakeholderKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
    /// The kind as a wire string reads it; an unknown kind (an editor's own word) is drawn and
    /// typed as an organisation.
    pub fn of_wire(s: &str) -> StakeholderKind {
        StakeholderKind::parse(s).unwrap_or(StakeholderKind::Organization)
    }
    /// The one table of what each kind is called and typed as: the label readers see (the
    /// map's nodes and legend, and through `[extra.ui.actor_kinds]` in the theme's `theme.toml`,
    /// which a test holds to this table, the cards and stakeholder pages) and the schema.org
    /// type of the page's JSON-LD.
    const TABLE: [(StakeholderKind, &'static str, &'static str); 11] = [
        (StakeholderKind::Person, "person", "Person"),
        (StakeholderKind::Government, "government", "GovernmentOrganization"),
        (StakeholderKind::Country, "country", "Country"),
        (StakeholderKind::Organization, "organisation", "Organization"),
        (StakeholderKind::Company, "company", "Corporation"),
        (StakeholderKind::ArmedGroup, "armed group", "Organization"),
        (StakeholderKind::Ngo, "NGO", "NGO"),
        (StakeholderKind::Media, "news media", "NewsMediaOrganization"),
        (StakeholderKind::International, "international body", "Organization"),
        (StakeholderKind::Research, "research body", "ResearchOrganization"),
        (StakeholderKind::Group, "group", "Organization"),
    ];
    fn row(self) -> &'static (StakeholderKind, &'static str, &'static str) {
        &Self::TABLE[self as usize]
    }
    /// What readers read: "person", "armed group", "NGO".
    pub fn label(self) -> &'static str {
        self.row().1
    }
    /// The label for the start of a line: "Person", "Armed group", "NGO".
    pub fn label_capitalised(self) -> &'static str {
        const CAPS: [&str; 11] =
            ["Person", "Government", "Country", "Organisation", "Company", "Armed group", "NGO", "News media", "International body", "Research body", "Group"];
        CAPS[self as usize]
    }
    /// The schema.org type of a stakeholder of this kind.
    pub fn schema_type(self) -> &'static str {
        self.row().2
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub sentence: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stakeholder {
    /// ASCII kebab-case, unique within the document (and stable across documents for one name).
    pub id: String,
    pub name: String,
    pub kind: StakeholderKind,
    pub role: Option<String>,
    /// Stakeholder id this one belongs to.
    pub affiliation: Option<String>,
    pub aliases: Vec<String>,
    /// In text order.
    pub mentions: Vec<Mention>,
    /// 0..=1.
    pub salience: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    Meets,
    Cooperates,
    Supports,
    Opposes,
    Criticizes,
    Attacks,
    Negotiates,
    PartOf,
    SpeaksFor,
    Other,
}

impl RelationKind {
    pub const ALL: [RelationKind; 10] = [
        RelationKind::Meets,
        RelationKind::Cooperates,
        RelationKind::Supports,
        RelationKind::Opposes,
        RelationKind::Criticizes,
        RelationKind::Attacks,
        RelationKind::Negotiates,
        RelationKind::PartOf,
        RelationKind::SpeaksFor,
        RelationKind::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Meets => "meets",
            RelationKind::Cooperates => "cooperates",
            RelationKind::Supports => "supports",
            RelationKind::Opposes => "opposes",
            RelationKind::Criticizes => "criticizes",
            RelationKind::Attacks => "attacks",
            RelationKind::Negotiates => "negotiates",
            RelationKind::PartOf => "part-of",
            RelationKind::SpeaksFor => "speaks-for",
            RelationKind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<RelationKind> {
        RelationKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How far the article vouches for a relation: in its own voice (`Stated`), as someone's words
/// (`Claimed`: reported speech, a quotation, "according to", "reportedly"), negated or denied
/// (`Denied`: "was not partnering with", "denied meeting"), or as a possibility or an aim
/// (`Hypothetical`: "would", "seeks to", "prevent … from attacking").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Certainty {
    Stated,
    Claimed,
    Denied,
    Hypothetical,
}

impl Certainty {
    pub const ALL: [Certainty; 4] = [Certainty::Stated, Certainty::Claimed, Certainty::Denied, Certainty::Hypothetical];
    /// The contract's names, in [`Certainty::ALL`] order (what a settings file may say).
    pub const NAMES: [&'static str; 4] = ["stated", "claimed", "denied", "hypothetical"];
    pub fn as_str(self) -> &'static str {
        Certainty::NAMES[self as usize]
    }
    pub fn parse(s: &str) -> Option<Certainty> {
        Certainty::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub from: String,
    pub to: String,
    pub kind: RelationKind,
    pub label: String,
    pub sentence: usize,
    pub certainty: Certainty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceKind {
    Official,
    Government,
    Company,
    Media,
    Ngo,
    Expert,
    Document,
    Anonymous,
    Group,
    Person,
}

impl SourceKind {
    pub const ALL: [SourceKind; 10] = [
        SourceKind::Official,
        SourceKind::Government,
        SourceKind::Company,
        SourceKind::Media,
        SourceKind::Ngo,
        SourceKind::Expert,
        SourceKind::Document,
        SourceKind::Anonymous,
        SourceKind::Group,
        SourceKind::Person,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Official => "official",
            SourceKind::Government => "government",
            SourceKind::Company => "company",
            SourceKind::Media => "media",
            SourceKind::Ngo => "ngo",
            SourceKind::Expert => "expert",
            SourceKind::Document => "document",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Group => "group",
            SourceKind::Person => "person",
        }
    }
    pub fn parse(s: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatementKind {
    Direct,
    Indirect,
    AccordingTo,
    NoComment,
}

impl StatementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Indirect => "indirect",
            StatementKind::AccordingTo => "according-to",
            StatementKind::NoComment => "no-comment",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub kind: StatementKind,
    /// The cue as written ("said", "according to", "declined to comment").
    pub cue: String,
    /// What was said (the quote or the reported content).
    pub text: String,
    /// The statement's extent in the seed (content and cue).
    pub span: Span,
    pub sentence: usize,
    /// The cue verb carries a judgement ("claimed", "admitted").
    pub judgement: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub name: String,
    /// Stakeholder id, when the speaker is one.
    pub stakeholder: Option<String>,
    pub kind: SourceKind,
    pub named: bool,
    /// In text order.
    pub statements: Vec<Statement>,
    /// Identifiable to a reader: a named person or body, a document, or an unnamed official
    /// of a named body ("a Foreign Ministry spokesperson"). Anonymous sources ("a source
    /// familiar with …") and unnamed plural groups ("analysts", "some observers") are not.
    pub on_record: bool,
}

/// Claims from different sources about the same matter that contradict each other.
#[derive(Debug, Clone, PartialEq)]
pub struct Dispute {
    /// What the claims are about, short.
    pub topic: String,
    /// (source index, statement index) pairs, in text order.
    pub claims: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub span: Span,
    pub text: String,
    pub value: f64,
    pub unit: Option<String>,
    pub sentence: usize,
}

/// Everything extracted from one article.
#[derive(Debug, Clone)]
pub struct Explainer {
    pub doc: Document,
    pub slug: String,
    pub summary: String,
    /// The sentence the summary begins with (index into `Document::sentences`).
    pub summary_sentence: Option<usize>,
    /// The sentence that says why the story matters, if the opening has one.
    pub why: Option<usize>,
    /// The sentence that says what comes next, if any.
    pub next: Option<usize>,
    pub dates: Vec<DateMention>,
    pub events: Vec<Event>,
    pub stakeholders: Vec<Stakeholder>,
    pub relations: Vec<Relation>,
    pub sources: Vec<Source>,
    pub disputes: Vec<Dispute>,
    pub figures: Vec<Figure>,
    /// Warnings from every stage (the seed's included), sorted by position.
    pub warnings: Vec<Diagnostic>,
}

#[cfg(test)]
mod fold_tests {
    use super::*;

    /// The word-by-word rebuild `fold_whitespace` did before its already-folded shortcut.
    fn reference(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    // Cases: ASCII and Unicode white space (no-break space, thin space, ideographic space,
    // next line U+0085, vertical tab) at the ends, doubled and alone.
    #[test]
    fn fold_whitespace_matches_the_reference() {
        for s in ["", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\u{b}b", "a\u{a0}b", "\u{a0}a", "a\u{2009}", "a\u{3000}b", "a\u{85}b", "é ü", "“Yes,” he said.", "a \nb"] {
            assert_eq!(fold_whitespace(s), reference(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_whitespace_matches_the_reference_on_any_text(s in "[a \t\n\u{b}\u{a0}\u{2009}\u{3000}\u{85}é’]{0,24}") {
            proptest::prop_assert_eq!(fold_whitespace(&s), reference(&s));
        }
    }
}

#[cfg(test)]
mod kind_tests {
    use super::StakeholderKind;

    /// One table: its rows in the enum's order, the capitalised labels the labels, and the
    /// theme's `[extra.ui.actor_kinds]` (what cards and stakeholder pages print) the same labels.
    #[test]
    fn stakeholder_kind_labels_are_one_table_and_the_theme_agrees() {
        let theme: toml::Value =
            toml::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/explainer/theme.toml")).unwrap()).unwrap();
        let ui = &theme["extra"]["ui"]["actor_kinds"];
        for k in StakeholderKind::ALL {
            assert_eq!(StakeholderKind::TABLE[k as usize].0, k);
            assert_eq!(StakeholderKind::parse(k.as_str()), Some(k));
            let (label, caps) = (k.label(), k.label_capitalised());
            assert_eq!(caps.to_lowercase(), label.to_lowercase(), "{k:?}");
            assert!(caps.starts_with(|c: char| c.is_uppercase()), "{k:?}");
            assert_eq!(ui.get(k.as_str()).and_then(|v| v.as_str()), Some(label), "theme.toml [extra.ui.actor_kinds] {} must read {label:?}", k.as_str());
        }
        assert_eq!(ui.as_table().unwrap().len(), StakeholderKind::ALL.len(), "theme.toml lists a kind the extractors do not make");
        assert_eq!(StakeholderKind::of_wire("an editor's word"), StakeholderKind::Organization);
    }
}
