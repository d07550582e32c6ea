//! Stakeholder and relation tests. Cases come from the seed article
//! (`seeds/000_3504891bb809d83d.txt`) and from constructed sentences shaped like wire copy.

use super::*;
use crate::model::Seed;

fn run(text: &str) -> (Vec<Stakeholder>, Vec<Diagnostic>, Document) {
    let seed = Seed::from_text("t.txt", text);
    let doc = crate::segment::segment(crate::clean::clean(seed));
    let mut w = Vec::new();
    let s = extract(&doc, &mut w);
    (s, w, doc)
}

fn find<'a>(s: &'a [Stakeholder], name: &str) -> &'a Stakeholder {
    s.iter().find(|x| x.name == name).unwrap_or_else(|| panic!("{name} not found in {:?}", s.iter().map(|x| &x.name).collect::<Vec<_>>()))
}

#[test]
fn seed_cast_is_complete_with_kinds() {
    let text = include_str!("../../../seeds/000_3504891bb809d83d.txt");
    let (s, warnings, doc) = run(text);
    use StakeholderKind::*;
    for (name, kind) in [
        ("Taliban", Government),
        ("Huawei", Company),
        ("United States", Country),
        ("China", Country),
        ("Turkey", Country),
        ("Pakistan", Country),
        ("NATO", International),
        ("Islamic State", ArmedGroup),
        ("East Turkestan Islamic Movement", ArmedGroup),
        ("Amnesty International", Ngo),
        ("Committee to Protect Journalists", Ngo),
        ("Abdul Mateen Qani", Person),
        ("Amrullah Saleh", Person),
        ("Thomas West", Person),
        ("Reuters", Media),
        ("Bloomberg News", Media),
        ("State Department", Government),
        ("Matt Mahmoudi", Person),
        ("Jonathan Schroeder", Person),
        ("Center for Naval Analyses", Research),
        ("United Nations", International),
    ] {
        assert_eq!(find(&s, name).kind, kind, "{name}");
    }
    // Never a fragment as an actor.
    for bad in ["U.L.", "U.L", "HWT", "RIC", "n't", "Islamic", "Rights", "Kabul", "Sharia", "Islamic Sharia"] {
        assert!(!s.iter().any(|x| x.name == bad || x.aliases.iter().any(|a| a == bad)), "{bad} is not an actor");
    }
    // One stakeholder per actor: ids unique, aliases merged.
    let mut ids: Vec<&str> = s.iter().map(|x| x.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), s.len());
    assert!(find(&s, "United States").aliases.iter().any(|a| a == "U.S."));
    assert!(find(&s, "United States").aliases.iter().any(|a| a == "American"));
    assert!(find(&s, "Turkey").aliases.iter().any(|a| a == "Turkish"));
    assert!(find(&s, "Abdul Mateen Qani").aliases.iter().any(|a| a == "Qani"));
    assert!(find(&s, "East Turkestan Islamic Movement").aliases.iter().any(|a| a == "ETIM"));
    // "Schroden" is a misspelling of Schroeder: merged, with a warning.
    assert!(find(&s, "Jonathan Schroeder").aliases.iter().any(|a| a == "Schroden"));
    assert!(warnings.iter().any(|w| w.message.contains("Schroden")));
    // Roles and affiliations.
    let qani = find(&s, "Abdul Mateen Qani");
    assert_eq!(qani.role.as_deref(), Some("spokesman"));
    assert_eq!(qani.affiliation.as_deref(), Some("ministry-of-interior"));
    assert_eq!(find(&s, "Ministry of Interior").affiliation.as_deref(), Some("taliban"));
    let west = find(&s, "Thomas West");
    assert_eq!(west.role.as_deref(), Some("Special Representative for Afghanistan"));
    assert_eq!(west.affiliation.as_deref(), Some("united-states"));
    assert_eq!(find(&s, "Amrullah Saleh").role.as_deref(), Some("then-vice president"));
    let js = find(&s, "Jonathan Schroeder");
    assert_eq!(js.role.as_deref(), Some("specialist on Afghanistan"));
    assert_eq!(js.affiliation.as_deref(), Some("center-for-naval-analyses"));
    assert_eq!(find(&s, "Matt Mahmoudi").affiliation.as_deref(), Some("amnesty-international"));
    // Salience orders the list.
    assert!(s.windows(2).all(|w| w[0].salience >= w[1].salience));
    assert_eq!(s[0].name, "Taliban");
    // Mentions lie in the seed and read as the name or an alias.
    for x in &s {
        for m in &x.mentions {
            assert!(x.aliases.iter().any(|a| *a == crate::model::fold_whitespace(doc.slice(m.span))));
        }
    }
    // Relations a reader would draw.
    let rel = crate::extract::relations::extract(&doc, &s);
    let has = |a: &str, b: &str| rel.iter().any(|r| (r.from == a && r.to == b) || (r.from == b && r.to == a));
    for (a, b) in [
        ("taliban", "huawei"),
        ("taliban", "united-states"),
        ("china", "pakistan"),
        ("taliban", "islamic-state"),
        ("china", "east-turkestan-islamic-movement"),
        ("nato", "amrullah-saleh"),
    ] {
        assert!(has(a, b), "{a} – {b} missing: {rel:#?}");
    }
    let chat = rel.iter().find(|r| r.from == "china" && r.to == "pakistan").unwrap();
    assert_eq!(chat.kind, crate::model::RelationKind::Meets);
    assert_eq!(chat.label, "met with");
}

#[test]
fn acronym_definition_and_trading_code() {
    // Shaped like the seed's "Huawei [RIC: HWT. U.L.]" and "(ETIM)".
    let (s, _, _) = run("Title here\n\nAcme Holdings (NYSE: ACM) said the Free Valley Front (FVF) attacked a depot. The FVF denied it.\n");
    let fvf = find(&s, "Free Valley Front");
    assert!(fvf.aliases.iter().any(|a| a == "FVF"));
    assert_eq!(fvf.mentions.len(), 3);
    assert!(!s.iter().any(|x| x.name == "NYSE" || x.name == "ACM"));
    assert_eq!(find(&s, "Acme Holdings").kind, StakeholderKind::Company);
}

#[test]
fn title_inside_a_name_gives_role_and_affiliation() {
    let (s, _, _) = run("Title here\n\nOn Monday, Chinese Foreign Minister Wang Yi met French President Emmanuel Macron in Paris. Wang said little.\n");
    let wang = find(&s, "Wang Yi");
    assert_eq!(wang.kind, StakeholderKind::Person);
    assert_eq!(wang.role.as_deref(), Some("Foreign Minister"));
    assert_eq!(wang.affiliation.as_deref(), Some("china"));
    assert_eq!(find(&s, "Emmanuel Macron").affiliation.as_deref(), Some("france"));
    assert!(!s.iter().any(|x| x.name == "Paris" || x.name == "Monday" || x.name == "On"));
    assert!(wang.aliases.iter().any(|a| a == "Wang"));
}

#[test]
fn sentence_initial_common_words_are_not_names() {
    let (s, _, _) = run("Title here\n\nSecurity analysts doubt the plan. Daily outages are common. Officials at Acme Corp said so.\n");
    assert!(!s.iter().any(|x| x.name.starts_with("Security") || x.name == "Daily" || x.name == "Officials"), "{s:?}");
    assert_eq!(find(&s, "Acme Corp").kind, StakeholderKind::Company);
}

#[test]
fn never_panics_on_odd_text() {
    for t in ["(", "[", "A (B", "Mr. ", "’s", "U.S.", "The (ETIM) (", "X-led Y-", "Ⅻ ǅ ǈ"] {
        let _ = run(t);
    }
}

#[test]
fn unnamed_groups_with_their_affiliation() {
    // Shaped like the seed ("rights groups are worried", "Taliban members") and MEANTIME
    // ("Boeing employees"); "to repress demonstrators" must not make "repress demonstrators".
    let (s, _, _) = run(
        "Title here\n\nRights groups are worried the money will be used to repress demonstrators. Boeing employees met Taliban members. He informed reporters.\n",
    );
    let names: Vec<&str> = s.iter().map(|x| x.name.as_str()).collect();
    assert!(names.contains(&"rights groups"), "{names:?}");
    assert!(names.contains(&"demonstrators"), "{names:?}");
    assert!(names.contains(&"reporters"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("repress") || n.contains("informed")), "{names:?}");
    assert_eq!(find(&s, "Boeing employees").affiliation.as_deref(), Some("boeing"));
    assert_eq!(find(&s, "Taliban members").kind, StakeholderKind::Group);
    // Named actors rank above unnamed groups with as many mentions.
    let pos = |n: &str| names.iter().position(|x| *x == n).unwrap();
    assert!(pos("Boeing") < pos("Boeing employees"));
}
