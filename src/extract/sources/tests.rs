//! Tests of the source extractor. Each case names where it came from.

use super::*;
use crate::model::Seed;

fn run(text: &str) -> Vec<Source> {
    let x = crate::explain(Seed::from_text("t.txt", text), &crate::extract::Options::default());
    x.sources
}

fn names(v: &[Source]) -> Vec<String> {
    v.iter().map(|s| s.name.clone()).collect()
}

#[test]
fn said_that_and_trailing_he_said() {
    // Pattern from the seed (paragraphs 1, 6): an indirect "told Reuters that" and unquoted
    // direct speech ending in ", he said".
    let v = run("Headline here\n\nThe minister Ali Khan told Reuters that the plan was ready.\n\nWe are working on a map of the city, he said.\n");
    assert_eq!(names(&v), vec!["Ali Khan"]);
    assert_eq!(v[0].statements.len(), 2);
    assert_eq!(v[0].statements[0].kind, StatementKind::Indirect);
    assert_eq!(v[0].statements[0].text, "the plan was ready");
    assert_eq!(v[0].statements[1].kind, StatementKind::Direct);
}

fn find<'a>(v: &'a [Source], name: &str) -> &'a Source {
    v.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no source {name:?} in {:?}", names(v)))
}

#[test]
fn no_comment_records() {
    // Forms from the seed (paragraphs 9 and 27) and common wire phrasing.
    let v = run("Headline here\n\nRequests for comment from a representative of the Ruritanian government were not answered. \
                 Acme Corp did not respond to a request for comment. The Freedom Front was unavailable for comment.\n");
    for n in ["Ruritanian government", "Acme Corp", "Freedom Front"] {
        let s = find(&v, n);
        assert_eq!(s.statements.len(), 1, "{n}");
        assert_eq!(s.statements[0].kind, StatementKind::NoComment, "{n}");
    }
    assert_eq!(find(&v, "Ruritanian government").kind, SourceKind::Government);
}

#[test]
fn pronoun_before_its_name() {
    // Seed paragraph 14: "However, she said, “…” A Chinese Foreign Ministry spokesperson said she
    // was unaware …" — the pronoun comes before the speaker it stands for.
    let v = run("Headline here\n\nJohn Smith said the talks went well.\n\nThe deal was signed.\n\nIt rained.\n\n\
                 However, she said, “Ruritania has always supported the peace process.” A Ruritanian Foreign Ministry spokesperson said she was unaware of any talks.\n");
    let s = find(&v, "Ruritanian Foreign Ministry spokesperson");
    assert_eq!(s.statements.len(), 2);
    assert_eq!(s.statements[0].kind, StatementKind::Direct);
    assert_eq!(s.statements[0].text, "Ruritania has always supported the peace process.");
    assert_eq!(s.kind, SourceKind::Official);
    assert!(!s.named);
    assert_eq!(find(&v, "John Smith").statements.len(), 1);
}

#[test]
fn unnamed_role_joins_the_named_person_and_surname() {
    // Seed paragraphs 1, 2, 5, 6, 10: "An interior ministry spokesman told Reuters …", "the
    // spokesman added", "According to Ministry of Interior spokesman Abdul Mateen Qani", "he
    // said", "Qani claimed".
    let v = run("Headline here\n\nA finance ministry spokesman told Reuters that taxes would rise. The rise is large, the spokesman added.\n\n\
                 According to Ministry of Finance spokesman Karl Ostrander, the rise starts in May.\n\n\
                 We are working on the budget, he said.\n\nOstrander claimed that nobody would lose.\n");
    assert_eq!(names(&v), vec!["Karl Ostrander"]);
    let s = &v[0];
    assert_eq!(s.kind, SourceKind::Official);
    let kinds: Vec<StatementKind> = s.statements.iter().map(|x| x.kind).collect();
    assert_eq!(kinds, vec![StatementKind::Indirect, StatementKind::Indirect, StatementKind::AccordingTo, StatementKind::Direct, StatementKind::Indirect]);
    assert!(s.statements[4].judgement, "“claimed” carries a judgement");
    assert!(!s.statements[0].judgement);
}

#[test]
fn anonymous_and_document_sources() {
    // Seed paragraphs 3, 11, 30: readouts, "a source familiar with the conversations",
    // "a U.N. monitoring assessment from July".
    let v = run("Headline here\n\nAccording to a source familiar with the talks, the deal was signed. \
                 According to a U.N. monitoring assessment from May, there may be 500 fighters. Security sources said the border was closed.\n");
    assert_eq!(find(&v, "Source familiar with the talks").kind, SourceKind::Anonymous);
    assert_eq!(find(&v, "U.N. monitoring assessment from May").kind, SourceKind::Document);
    assert_eq!(find(&v, "Security sources").kind, SourceKind::Anonymous);
    assert_eq!(find(&v, "Source familiar with the talks").statements[0].kind, StatementKind::AccordingTo);
}

#[test]
fn quotation_across_paragraphs() {
    // News convention: an open quotation continues in the next paragraph that opens with a quote.
    let text = "Headline here\n\nJane Roe said: “We are ready.\n\n“We will win.”\n";
    let v = run(text);
    let s = find(&v, "Jane Roe");
    assert_eq!(s.statements.len(), 1);
    assert_eq!(s.statements[0].kind, StatementKind::Direct);
    assert!(text[s.statements[0].span.start..s.statements[0].span.end].contains("We will win."));
}

#[test]
fn inverted_and_split_quotes() {
    // MEANTIME-style "…,” said X" and a split quote "“…,” X said, adding that …" (seed p19).
    let v = run("Headline here\n\n\"We love the band,\" said Acme Inc. CEO Mary Major.\n\n\
                 “The plan was different,” Saleh Omar said to Reuters in May, adding that the money had gone.\n");
    let m = find(&v, "Mary Major");
    assert_eq!(m.statements[0].kind, StatementKind::Direct);
    assert_eq!(m.statements[0].text, "We love the band");
    let s = find(&v, "Saleh Omar");
    assert_eq!(s.statements.len(), 2);
    assert_eq!(s.statements[0].text, "The plan was different");
    assert_eq!(s.statements[1].cue, "adding");
}

#[test]
fn disputes_pair_contradicting_claims() {
    // Seed paragraphs 10–13: "no agreements" vs "verbal agreement" vs "no plan was discussed".
    let text = "Headline here\n\nOfficial Ann Lee said that Acme and Beta had a chat, but no agreement or plan was made.\n\n\
                The Daily Planet reported that Acme had reached an agreement with Beta.\n\n\
                Acme told reporters that no plan was discussed.\n\nThe weather was fine.\n";
    let x = crate::explain(Seed::from_text("t.txt", text), &crate::extract::Options::default());
    assert_eq!(x.disputes.len(), 1, "{:?}", x.disputes);
    let d = &x.disputes[0];
    let who: Vec<&str> = d.claims.iter().map(|&(s, _)| x.sources[s].name.as_str()).collect();
    assert!(who.contains(&"Ann Lee") && who.contains(&"Daily Planet") && who.contains(&"Acme"), "{who:?}");
    assert!(!d.topic.is_empty());
}

#[test]
fn no_dispute_without_opposition() {
    let x = crate::explain(
        Seed::from_text("t.txt", "Headline here\n\nAnn Lee said the bridge would open in May.\n\nBob Ray said the bridge would open in May too.\n"),
        &crate::extract::Options::default(),
    );
    assert!(x.disputes.is_empty());
}

#[test]
fn nouns_are_not_cues() {
    // Seed paragraph 4: "There have been no prior reports on how …" has no speaker.
    let v = run("Headline here\n\nThere have been no prior reports on how the city plans to pay. The claims of fraud were dropped.\n");
    assert!(v.is_empty(), "{:?}", names(&v));
}

#[test]
fn seed_bracket_ticker_keeps_claim_whole() {
    // Regression, seed paragraph 10: the sentence splitter cuts "Huawei [RIC: HWT. U.L.] had a
    // …" after "HWT."; the claim must still run to its end.
    let v = run("Headline here\n\nQani claimed that in August, the group and Acme [RIC: ACM. U.L.] had a chat, but no agreements were made.\n");
    let s = &v[0];
    assert!(s.statements[0].text.ends_with("no agreements were made"), "{}", s.statements[0].text);
}

#[test]
fn seed_source_list() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_3504891bb809d83d.txt");
    let Ok(text) = std::fs::read_to_string(path) else { return };
    let x = crate::explain(Seed::from_text("seeds/000_3504891bb809d83d.txt", &text), &crate::extract::Options::default());
    let v = &x.sources;
    let no_comment: Vec<&str> =
        v.iter().filter(|s| s.statements.iter().any(|t| t.kind == StatementKind::NoComment)).map(|s| s.name.as_str()).collect();
    assert_eq!(no_comment, vec!["Turkish government", "ETIM"]);
    let qani = find(v, "Abdul Mateen Qani");
    assert!(qani.statements.len() >= 5, "the spokesman, “he”, Qani: {}", qani.statements.len());
    assert_eq!(find(v, "Amrullah Saleh").statements.len(), 4);
    assert_eq!(find(v, "Jonathan Schroeder").statements.len(), 2, "Schroden is Schroeder");
    assert_eq!(find(v, "Chinese Foreign Ministry spokesperson").statements.len(), 2);
    for n in ["Bloomberg News", "Huawei", "United States", "Thomas West", "Matt Mahmoudi", "Committee to Protect Journalists", "Taliban"] {
        find(v, n);
    }
    assert!(v.len() >= 16);
    // Qani, Bloomberg and Huawei disagree about an agreement.
    assert!(x.disputes.iter().any(|d| {
        let who: Vec<&str> = d.claims.iter().map(|&(s, _)| v[s].name.as_str()).collect();
        who.contains(&"Abdul Mateen Qani") && who.contains(&"Bloomberg News") && who.contains(&"Huawei")
    }));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        /// Any text: no panic, spans inside the text on char boundaries, statements ordered.
        #[test]
        fn spans_are_valid(body in "[A-Za-z“”\"’,.;: \\n]{0,300}") {
            let text = format!("Headline\n\n{body} Jo Ann said “ok,” she said. He said.\n");
            let x = crate::explain(Seed::from_text("t.txt", &text), &crate::extract::Options::default());
            for s in &x.sources {
                prop_assert!(!s.statements.is_empty());
                for w in s.statements.windows(2) {
                    prop_assert!(w[0].span.start <= w[1].span.start);
                }
                for t in &s.statements {
                    prop_assert!(t.span.end <= text.len() && t.span.start <= t.span.end);
                    prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                }
            }
            for d in &x.disputes {
                for &(s, t) in &d.claims {
                    prop_assert!(s < x.sources.len() && t < x.sources[s].statements.len());
                }
            }
        }
    }
}

#[test]
fn relative_clause_cue_ends_with_its_clause() {
    // Seed paragraph 2 ("The Taliban government, which has stated publicly that …, has also
    // spoken with …"): the body's statement ends where the main clause resumes, and a nested
    // "which has claimed responsibility for" is an action, not a statement.
    let v = run("Headline here\n\nThe Ruritanian government, which has stated publicly that it is concerned with fighting the Black Hand, \
                 which has claimed responsibility for several attacks in the north, has also spoken with Acme Corp about cooperation, the spokesman added.\n");
    let g = find(&v, "Ruritanian government");
    assert_eq!(g.statements[0].text, "it is concerned with fighting the Black Hand");
    assert!(!names(&v).iter().any(|n| n == "Black Hand"), "{:?}", names(&v));
}

#[test]
fn claimed_to_have_with_a_moved_object_is_not_a_statement() {
    // Seed paragraph 18: "comparable to those the Taliban claimed to have obtained and whether
    // the administration would alter them" — the infinitive's object is the relative "those".
    let v = run("Headline here\n\nIt was unclear whether the plan was comparable to those the Freedom Front claimed to have obtained and whether the council would alter them.\n");
    assert!(v.iter().all(|s| s.statements.iter().all(|st| st.cue != "claimed")), "{:?}", names(&v));
    // With an object it is one: "claimed in 2022 to have an annual budget of $2 billion".
    let v = run("Headline here\n\nThe Freedom Front claimed in 2022 to have an annual budget of more than $2 billion.\n");
    assert_eq!(find(&v, "Freedom Front").statements.len(), 1);
}

#[test]
fn unnamed_speaker_inside_according_to_is_not_a_source() {
    // Seed paragraph 28: "According to the Taliban army chief, the administration claimed in 2022
    // to have …": the administration's claim is what the army chief said.
    let v = run("Headline here\n\nAccording to the Ruritanian army chief, the administration claimed in 2022 to have a budget of $2 billion.\n");
    assert_eq!(names(&v), vec!["Ruritanian army chief"]);
    // A named speaker inside it is kept: "According to a source, Bloomberg News reported …".
    let v = run("Headline here\n\nAccording to a source familiar with the talks, Bloomberg News reported in August that Acme had reached a deal.\n");
    assert_eq!(v.len(), 2, "{:?}", names(&v));
}

#[test]
fn coordinated_clause_with_its_own_speaker_is_cut() {
    // Seed paragraph 3: "some observers doubt the regime's ability to pay for the initiative, and
    // rights groups are worried that any funding will be used to repress demonstrators."
    let v = run("Headline here\n\nHowever, some observers doubt the council's ability to pay for the plan, and rights groups are worried that any funding will be used against protesters.\n");
    assert_eq!(find(&v, "Observers").statements[0].text, "the council’s ability to pay for the plan".replace('’', "'"));
    let r = find(&v, "Rights groups");
    assert_eq!(r.statements[0].text, "any funding will be used against protesters");
    assert!(!r.on_record);
}

#[test]
fn according_to_in_the_middle_or_before_an_appositive() {
    // Seed paragraphs 19 and 35: "…,” according to Jonathan Schroeder, a specialist on …" and
    // "Urban surveillance, according to analysts, won't …".
    let v = run("Headline here\n\nA camera network would be “useful for the council,” according to Jane Roe, a specialist on Ruritania with the Policy Institute.\n\n\
                 Urban surveillance, according to analysts, won't solve the problem.\n");
    assert_eq!(find(&v, "Jane Roe").statements[0].text, "A camera network would be “useful for the council”");
    assert_eq!(find(&v, "Analysts").statements[0].text, "Urban surveillance won't solve the problem");
}

#[test]
fn on_record_separates_named_and_documents_from_anonymous_and_groups() {
    // Issue 5: the on-record list holds people, institutions, outlets, documents and those who
    // did not answer; anonymous sources and unnamed plurals are listed apart.
    let v = run("Headline here\n\nJane Roe said the plan was ready. According to a U.N. assessment from July, there are 6,000 fighters. \
                 A Ruritanian Foreign Ministry spokesperson said she was unaware of any talks. According to a source familiar with the talks, \
                 no deal was made. Security analysts claim that the plan faces difficulties. Acme Corp did not respond to a request for comment.\n");
    for (n, on) in [
        ("Jane Roe", true),
        ("U.N. assessment from July", true),
        ("Ruritanian Foreign Ministry spokesperson", true),
        ("Source familiar with the talks", false),
        ("Security analysts", false),
        ("Acme Corp", true),
    ] {
        assert_eq!(find(&v, n).on_record, on, "{n}");
    }
}

#[test]
fn quote_paragraph_after_an_attribution_has_the_same_speaker() {
    // Newswire style (issue 5, "quotes with no cue"): a paragraph that is only a quotation
    // continues the speaker of the paragraph before.
    let v = run("Headline here\n\nThe minister, Jane Roe, said on Monday that the plan was ready.\n\n“We will finish the work by June. It is a big job.”\n\n\
                 “Nobody knows,” a resident said.\n\n“It is late.” The council met later.\n");
    let s = find(&v, "Jane Roe");
    assert_eq!(s.statements.len(), 2, "{:?}", s.statements);
    assert_eq!(s.statements[1].kind, StatementKind::Direct);
    assert_eq!(s.statements[1].cue, "");
    assert_eq!(s.statements[1].text, "We will finish the work by June. It is a big job.");
    // A quote with its own cue, or followed by more text, is not given to the previous speaker.
    assert!(!s.statements.iter().any(|st| st.text.contains("Nobody knows") || st.text.contains("It is late")));
}

#[test]
fn an_opening_phrase_is_not_what_was_said() {
    // "In his speech, the president warned of delays": "In his speech" is where it was said.
    let v = run("Headline here\n\nIn his speech, the president warned of delays.\n");
    let s = find(&v, "President");
    assert_eq!(s.statements[0].text, "of delays");
}

#[test]
fn names_in_apposition_and_behind_a_country() {
    // GUM Wikinews (robotics team article): "According to Afghan Ambassador to the United
    // States Hamdullah Mohib, …" and "According to the Afghan team's coach, Alireza Mehraban, …".
    let v = run("Headline here\n\nAccording to Ruritanian Ambassador to the United States Piotr Novak, the team showed progress. \
                 According to the team's coach, Alireza Mehraban, in their first match the robot scored two points.\n");
    assert_eq!(names(&v), vec!["Piotr Novak", "Alireza Mehraban"]);
    assert_eq!(v[1].statements[0].text, "in their first match the robot scored two points");
}

#[test]
fn capitalised_sentence_openers_are_not_names() {
    // GUM Wikinews: "Estimates suggest 8000 migrants …", "Recent reports have revealed …", "They
    // were twice denied visas", "critics blame for denying them entry".
    let v = run("Headline here\n\nEstimates suggest 8000 migrants may be at sea. Recent reports have revealed that a defector was arrested. \
                 They were twice denied visas. Critics blame the council for denying them entry.\n");
    for s in &v {
        assert!(!s.on_record, "{} is on record", s.name);
        assert!(!["Recent", "Twice", "Critics"].contains(&s.name.as_str()), "{}", s.name);
    }
}

#[test]
fn citing_a_reason() {
    // GUM Wikinews: "Citing privacy rules, U.S. officials have not said why …".
    let v = run("Headline here\n\nCiting privacy rules, Ruritanian officials have not said why the team was denied visas.\n");
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].statements[0].text, "privacy rules");
}

#[test]
fn a_body_or_place_before_a_personal_name() {
    // GUM Wikinews: "chief executive of the Refugee Council Enver Solomon told …", "Governor of
    // Washington Chris Gregoire said …", "NASA Administrator Charles Bolden announced …", and
    // "Yonhap news agency" is media.
    let v = run("Headline here\n\nThe chief executive of the Refugee Council Enver Solomon told reporters that the plan must be well thought out. \
                 Governor of Washington Chris Gregoire said the museum had worked hard. NASA Administrator Charles Bolden announced that four orbiters would be shown. \
                 According to Yonhap news agency, the army was put on alert.\n");
    assert_eq!(names(&v), vec!["Enver Solomon", "Chris Gregoire", "Charles Bolden", "Yonhap news agency"]);
    assert_eq!(find(&v, "Yonhap news agency").kind, SourceKind::Media);
}

#[test]
fn surname_opening_a_sentence_and_the_company_claims() {
    // MEANTIME (Apple corpus): "Jobs welcomed everyone … and announced that …" where "jobs" is
    // also a common word, and "The company claims to possess the trademark".
    let v = run("Apple holds its event\n\nApple CEO Steve Jobs opened the show. The jobs of many people depend on it.\n\n\
                 Jobs welcomed everyone to the event and announced that there were 3,800 attendees. The company claims to possess the trademark for iPhone.\n");
    let jobs = find(&v, "Steve Jobs");
    assert!(jobs.statements.iter().any(|s| s.text == "there were 3,800 attendees"), "{:?}", jobs.statements);
    assert!(v.iter().any(|s| s.statements.iter().any(|t| t.cue == "claims")), "{:?}", names(&v));
}

#[test]
fn wire_story_pronouns_companies_and_passive_agents() {
    // A wire-style story (written for this test): "She said" after "Chief executive Maria Lopez
    // told …" in the same paragraph is Lopez, not an earlier spokeswoman; "the company" is the
    // company, not a department that did not answer; "on a conference call that", "in a note
    // that"; "was first reported by The Wall Street Journal".
    let v = run("Acme to cut jobs\n\nAcme Corp said on Tuesday it would cut 1,000 jobs.\n\n\
                 A spokeswoman for the Department of Labor did not respond to a request for comment.\n\n\
                 Chief executive Maria Lopez told analysts on a conference call that the cuts were painful. She said the company expected to save $200 million a year.\n\n\
                 Analysts at Morgan Stanley wrote in a note that the move was overdue. The plan was first reported by The Wall Street Journal.\n");
    let lopez = find(&v, "Maria Lopez");
    let texts: Vec<&str> = lopez.statements.iter().map(|s| s.text.as_str()).collect();
    assert!(texts.contains(&"the cuts were painful"), "{texts:?}");
    assert!(texts.contains(&"the company expected to save $200 million a year"), "{texts:?}");
    let labor = find(&v, "Department of Labor");
    assert!(labor.statements.iter().all(|s| s.kind == StatementKind::NoComment), "{:?}", labor.statements);
    assert!(find(&v, "Acme Corp").statements.iter().any(|s| s.cue == "expected"));
    assert!(v.iter().any(|s| s.statements.iter().any(|t| t.text == "the move was overdue")));
    let wsj = find(&v, "Wall Street Journal");
    assert_eq!(wsj.statements[0].text, "The plan");
    assert_eq!(wsj.kind, SourceKind::Media);
}

#[test]
fn quote_runs_on_after_an_inverted_cue_and_declined_to_say() {
    // Written for this test, in wire style: "“It is a lie,” said opposition leader Anna Nowak.
    // “They are hiding the truth.”" and "He declined to say how many …".
    let v = run("Ministry answers\n\nDefence Minister Piotr Kowalski said the army was ready. He declined to say how many soldiers were deployed.\n\n\
                 “It is a lie,” said opposition leader Anna Nowak. “They are hiding the truth.”\n");
    let n = find(&v, "Anna Nowak");
    let texts: Vec<&str> = n.statements.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, vec!["It is a lie", "They are hiding the truth."]);
    assert!(n.statements.iter().all(|s| s.kind == StatementKind::Direct));
    let k = find(&v, "Piotr Kowalski");
    assert!(k.statements.iter().any(|s| s.kind == StatementKind::NoComment && s.cue == "declined to say"), "{:?}", k.statements);
}
