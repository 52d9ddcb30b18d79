//! Tests of the detection engine (`gloss::detect`).
//!
//! * Marked-up strings: `[[Putin]]` marks an entity mention that must be found with
//!   exactly that range; `[[Putin|Person]]` also gives its label (`-` for any) and
//!   `[[Putin|Person|Vladimir Putin]]` its actor. `{{...}}` marks a claim: some claim's
//!   range must contain the marked text; `{{...|Vladimir Putin}}` also names the
//!   speaker's actor, and `{{...|-}}` says there is no single speaker. The markup is
//!   removed before detection; entity markers may stand inside claim markers.
//! * The bundled sample against `tests/fixtures/corpus/seed/expected.toml`.
//! * GUM news (Wikinews, gold entity mentions): prints precision, recall and F1 and
//!   asserts floors.
//! * A property test: no panic and valid ranges on arbitrary text.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;

use gloss::detect::{Detection, Detector, Label};
use gloss::document::sentences::split_sentences;
use proptest::prelude::*;

fn detector() -> &'static Detector {
    static D: OnceLock<Detector> = OnceLock::new();
    D.get_or_init(|| Detector::builtin().expect("builtin gazetteer"))
}

/// Sentences of a text: paragraphs at blank lines, each split by the sentence splitter.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut para: Option<Range<usize>> = None;
    let flush = |p: Range<usize>, out: &mut Vec<Range<usize>>| {
        for r in split_sentences(&text[p.clone()]) {
            out.push(r.start + p.start..r.end + p.start);
        }
    };
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if line.trim().is_empty() {
            if let Some(p) = para.take() {
                flush(p, &mut out);
            }
        } else {
            para = Some(para.map_or(start..pos, |p| p.start..pos));
        }
    }
    if let Some(p) = para.take() {
        flush(p, &mut out);
    }
    out
}

fn detect(text: &str) -> Detection {
    detector().detect(text, &sentences(text))
}

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

// ---------------------------------------------------------------------------------------
// Marked-up strings

struct Marked {
    text: String,
    entities: Vec<(Range<usize>, Option<Label>, Option<String>)>,
    claims: Vec<(Range<usize>, Option<Option<String>>)>,
}

fn parse_markup(src: &str) -> Marked {
    let mut text = String::new();
    let mut entities = Vec::new();
    let mut claims = Vec::new();
    // Open claims: (start in text, speaker being read after '|').
    let mut open_claims: Vec<(usize, Option<String>)> = Vec::new();
    let mut rest = src;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("{{") {
            open_claims.push((text.len(), None));
            rest = r;
        } else if let Some(r) = rest.strip_prefix("}}") {
            let (start, speaker) = open_claims.pop().expect("unbalanced }}");
            let speaker = speaker.map(|s| (s != "-").then_some(s));
            claims.push((start..text.len(), speaker));
            rest = r;
        } else if let Some(r) = rest.strip_prefix("[[") {
            let end = r.find("]]").expect("unclosed [[");
            let mut parts = r[..end].split('|');
            let start = text.len();
            text.push_str(parts.next().unwrap());
            let label = parts
                .next()
                .filter(|l| *l != "-")
                .map(|l| Label::parse(l).expect("label"));
            let actor = parts.next().map(str::to_string);
            entities.push((start..text.len(), label, actor));
            rest = &r[end + 2..];
        } else if c == '|' && open_claims.last().is_some_and(|o| o.1.is_none()) {
            open_claims.last_mut().unwrap().1 = Some(String::new());
            rest = &rest[1..];
        } else {
            match open_claims.last_mut() {
                Some((_, Some(sp))) => sp.push(c),
                _ => text.push(c),
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    assert!(open_claims.is_empty(), "unbalanced {{{{");
    Marked {
        text,
        entities,
        claims,
    }
}

fn check_markup(src: &str) {
    let m = parse_markup(src);
    let d = detect(&m.text);
    let show = |d: &Detection| {
        d.entities
            .iter()
            .map(|e| {
                format!(
                    "{:?}:{}:{}",
                    &m.text[e.range.clone()],
                    e.label.name(),
                    e.actor
                )
            })
            .collect::<Vec<_>>()
    };
    for (range, label, actor) in &m.entities {
        let found = d.entities.iter().find(|e| e.range == *range);
        let Some(e) = found else {
            panic!(
                "{src}\n  missing entity {:?}; found {:?}",
                &m.text[range.clone()],
                show(&d)
            );
        };
        if let Some(l) = label {
            assert_eq!(
                e.label,
                *l,
                "{src}\n  label of {:?}",
                &m.text[range.clone()]
            );
        }
        if let Some(a) = actor {
            assert_eq!(
                &e.actor,
                a,
                "{src}\n  actor of {:?}",
                &m.text[range.clone()]
            );
        }
    }
    for (range, speaker) in &m.claims {
        let found = d
            .claims
            .iter()
            .find(|c| c.range.start <= range.start && range.end <= c.range.end);
        let Some(c) = found else {
            panic!(
                "{src}\n  missing claim {:?}; claims {:?}",
                &m.text[range.clone()],
                d.claims
            );
        };
        if let Some(sp) = speaker {
            let got = c.speaker.map(|i| d.entities[i].actor.clone());
            assert_eq!(&got, sp, "{src}\n  speaker of {:?}", &m.text[range.clone()]);
        }
    }
}

#[test]
fn markup_entities() {
    for src in [
        "[[Putin|Person|Vladimir Putin]] met [[Xi Jinping|Person]] in [[Geneva|Place]].",
        "Chinese President [[Xi Jinping|Person]] spoke to Russian President [[Vladimir Putin|Person]].",
        "The [[Kremlin|Organisation]] said [[Moscow|Place|Russia]] would respond.",
        "He lives in [[Moscow|Place|Moscow]] with his family.",
        "[[Beijing|Place|China]] has not yet released information.",
        "Prices rose in the [[U.S.|Place|United States]] and [[Russia|Place]] last year.",
        "[[France|Place]]’s [[Le Figaro|Organisation]] newspaper reported it.",
        "Texas student [[Ahmed Mohamed|Person]] was arrested. [[Mohamed|Person|Ahmed Mohamed]] built a clock.",
        "Sen. [[Jane Whitlock|Person]] voted against the bill on Tuesday.",
        "Officials at the [[Ministry of Agriculture|Organisation]] were not available.",
        "The [[Qatari Investment Authority|Organisation]] bought the building.",
        "She crossed the [[Danube River|Place]] near [[Budapest|Place]].",
        "The [[Russian government|Place|Russia]] denied the report.",
        "[[Hamdullah Mohib|Person]] is the ambassador.",
        "The [[University of Texas Arlington|Organisation]] hosted the event.",
        "Dr. [[Cres Eastman|Person]] leads the study. [[Eastman|Person|Cres Eastman]] said more work was needed.",
        "Critics of [[Donald Trump|Person]]'s policies met in [[Washington|Place]].",
        "[[Kim Jong-un|Person]] and [[Moon Jae-in|Person]] met at the border.",
        "The attack was claimed by [[Hamas|Organisation]], according to [[Reuters|Organisation]].",
        "[[Bashar al-Assad|Person]] fled to [[Moscow|Place]] in December.",
        "U.S. President [[Donald Trump|Person]] spoke. The [[President|Person|Donald Trump]] left.",
        "Minister of Information [[Moammar al-Eryani|Person]] spoke.",
        "Deputy Emergency Situations Minister [[Alexander Chupriyan|Person]] told TASS.",
        "[[Ted Scambos|Person]] of [[CU Boulder]] agreed.",
        "Dr [[Ali bin Tamim|Person]] blamed the rebels.",
        "American professor [[Marc Lamont Hill|Person]] commented.",
        "Scientologist [[Tom Cruise|Person]] appeared. [[Cruise|Person|Tom Cruise]] smiled.",
        "[[Afghans|Person]] and [[Palestinians|Person]] protested in [[Livorno|Place]], [[Tuscany|Place]].",
        "He chairs the [[Australian Centre for Control of Iodine Deficiency Disorders|Organisation]].",
        "Ms [[Bauchtman|Person]] said so.",
        "The Italian minister of Education [[Stefania Giannini|Person]] agreed.",
        "The [[501st Legion|Organisation]] marched past [[Samoans|Person]].",
    ] {
        check_markup(src);
    }
}

#[test]
fn markup_dates() {
    for src in [
        "The treaty was signed on [[June 28|Date]].",
        "[[Monday, June 28|Date]] was hot.",
        "It happened on [[28 June 2021|Date]], not in [[2001|Date]].",
        "That was [[20 years ago|Date]] and again [[two weeks ago|Date]].",
        "They met on [[Monday|Date]] and again [[last week|Date]].",
        "Prices doubled in the [[1990s|Date]].",
        "Published [[Friday, July 21, 2017|Date]].",
    ] {
        check_markup(src);
    }
    // Numbers that are not years.
    let d = detect("About 2000 people came and paid $1999 each.");
    assert!(
        d.entities.iter().all(|e| e.label != Label::Date),
        "{:?}",
        d.entities
    );
}

#[test]
fn markup_not_names() {
    for text in [
        "However, the plan failed.",
        "The government said nothing.",
        "In recent months, prices rose.",
        "Following the meeting, nothing changed.",
        "Conversely, nobody came.",
    ] {
        let d = detect(text);
        assert!(
            d.entities.is_empty(),
            "{text:?}: {:?}",
            d.entities
                .iter()
                .map(|e| &text[e.range.clone()])
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn markup_claims() {
    for src in [
        "{{[[Putin]] said it was fruitful.|Vladimir Putin}}",
        "{{The [[Kremlin]] announced a new treaty.|Kremlin}}",
        "{{“We will win,” said [[Vladimir Putin]].|Vladimir Putin}}",
        "{{According to [[Reuters]], the talks failed.|Reuters}}",
        "[[Angela Merkel]] arrived late. {{She said the talks had stalled.|Angela Merkel}}",
        "{{Both sides praised their cooperation as “stabilizing.”|-}}",
        "{{Moscow announces 5-year extension of treaty|Russia}}",
        "{{The general view is that it is now more important than ever.|-}}",
        "{{Officials said the road would reopen.|-}}",
        "{{“This is a long quotation that goes on. It has two sentences,” [[Biden]] told reporters.|Joe Biden}}",
        "[[Biden]] spoke first. {{“We are here. We are staying.|-}}\n\nThe next paragraph.",
        "{{[[Putin]] described the meeting as “constructive” and “fruitful.|Vladimir Putin}}",
        "{{The [[BBC]] reported that the ministry denied the claims.|BBC}}",
        "[[Microsoft]] released a patch. {{The company said it fixed the flaw.|Microsoft}}",
        "{{He was told by [[Sergei Lavrov]] that talks would go on.|Sergei Lavrov}}",
        "{{The president of Namibia, [[Hage Geingob]], expressed his sadness.|Hage Geingob}}",
        "{{“Warm water is attacking,” said study co-author [[Karen Alley]].|Karen Alley}}",
        "{{[[Znak.com]] reported that the tenant moved in.|Znak.com}}",
        "{{President [[Donald Trump]] congratulated Pelosi, saying the vote was fair.|Donald Trump}}",
        "{{Researchers in [[Ohio]] said the results were clear.|-}}",
        "{{[[Chelyabinsk]]'s governor promised a payout.|-}}",
        "{{Damodar Naik, spokesperson for the party, said it was over.|Damodar Naik}}",
        "{{The Aam Aadmi Party in Goa, in its statement, said he was kind.|Aam Aadmi Party}}",
        "[[Hatice Cengiz]] called [[Mohammad]]'s admission a maneuver. {{She explained it.|Hatice Cengiz}}",
        "Hatice Cengiz spoke to [[Martin Smith]]. {{She said it was over.|Hatice Cengiz}}",
        "{{According to [[Reuters]] and [[NBC]], the talks failed.|-}}",
        "{{‘We will not give up. We are staying,’ [[Keir Starmer]] told the BBC.|Keir Starmer}}",
        "{{The [[Alachua Sheriff's Office|Organisation]] tweeted the response.|Alachua Sheriff's Office}}",
    ] {
        check_markup(src);
    }
    // Scare quotes alone are no claim.
    let d = detect("Beijing and Moscow are linked by a “strategic partnership” agreement.");
    assert!(d.claims.is_empty(), "{:?}", d.claims);
}

// ---------------------------------------------------------------------------------------
// The bundled sample

#[derive(serde::Deserialize)]
struct Expected {
    actor: Vec<ExpectedActor>,
    date: Vec<ExpectedDates>,
    claim: Vec<ExpectedClaim>,
}

#[derive(serde::Deserialize)]
struct ExpectedActor {
    name: String,
    label: String,
    mentions: Vec<String>,
}

#[derive(serde::Deserialize)]
struct ExpectedDates {
    mentions: Vec<String>,
}

#[derive(serde::Deserialize)]
struct ExpectedClaim {
    contains: String,
    speaker: String,
}

#[test]
fn sample_matches_expected() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("assets/sample/xi-putin-treaty.txt")).unwrap();
    let expected: Expected =
        toml::from_str(&std::fs::read_to_string(corpus().join("seed/expected.toml")).unwrap())
            .unwrap();
    let d = detect(&text);
    let mention = |e: &gloss::detect::EntityMention| &text[e.range.clone()];
    let mut ok_actors = 0;
    for a in &expected.actor {
        let label = Label::parse(&a.label).unwrap();
        for m in &a.mentions {
            let hits: Vec<_> = d.entities.iter().filter(|e| mention(e) == m).collect();
            assert!(!hits.is_empty(), "no mention {m:?} of {}", a.name);
            for e in hits {
                assert_eq!(e.actor, a.name, "actor of {m:?}");
                assert_eq!(e.label, label, "label of {m:?}");
            }
        }
        ok_actors += 1;
    }
    for m in expected.date.iter().flat_map(|d| &d.mentions) {
        assert!(
            d.entities
                .iter()
                .any(|e| e.label == Label::Date && mention(e) == m),
            "no date {m:?}"
        );
    }
    let mut ok_claims = 0;
    for c in &expected.claim {
        let start = text.find(&c.contains).expect("claim text in sample");
        let end = start + c.contains.len();
        let found = d
            .claims
            .iter()
            .find(|k| k.range.start <= start && end <= k.range.end)
            .unwrap_or_else(|| panic!("no claim containing {:?}", c.contains));
        if !c.speaker.is_empty() {
            let got = found.speaker.map(|i| d.entities[i].actor.as_str());
            assert_eq!(got, Some(c.speaker.as_str()), "speaker of {:?}", c.contains);
        } else if let Some(i) = found.speaker {
            // "" means no single actor: any speaker named must not be a lone person.
            panic!("claim {:?} got speaker {}", c.contains, d.entities[i].actor);
        }
        ok_claims += 1;
    }
    // No claim may be attributed to a date, and the only entities are the expected actors
    // and dates.
    let names: Vec<&str> = expected.actor.iter().map(|a| a.name.as_str()).collect();
    for e in &d.entities {
        assert!(
            e.label == Label::Date || names.contains(&e.actor.as_str()),
            "unexpected entity {:?} ({})",
            mention(e),
            e.actor
        );
    }
    println!(
        "sample: {ok_actors}/{} actors, {ok_claims}/{} claims with speakers",
        expected.actor.len(),
        expected.claim.len()
    );
}

// ---------------------------------------------------------------------------------------
// GUM news

#[derive(serde::Deserialize)]
struct GumDoc {
    text: String,
    entities: Vec<GumEntity>,
}

#[derive(serde::Deserialize)]
struct GumEntity {
    start: usize,
    end: usize,
    etype: String,
    has_propn: bool,
}

#[derive(Default, Debug, Clone, Copy)]
struct Score {
    pred: usize,
    pred_ok: usize,
    gold: usize,
    gold_ok: usize,
}

impl Score {
    fn p(&self) -> f64 {
        self.pred_ok as f64 / self.pred.max(1) as f64
    }
    fn r(&self) -> f64 {
        self.gold_ok as f64 / self.gold.max(1) as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn gum_label(etype: &str) -> Option<Label> {
    match etype {
        "person" => Some(Label::Person),
        "organization" => Some(Label::Organisation),
        "place" => Some(Label::Place),
        _ => None,
    }
}

/// Scores the detector on GUM news: (overlap, typed).
fn gum_scores() -> (Score, Score) {
    let src = std::fs::read_to_string(corpus().join("gum-news-dev/gum_news_dev.jsonl")).unwrap();
    let mut overlap = Score::default();
    let mut typed = Score::default();
    for line in src.lines().filter(|l| !l.trim().is_empty()) {
        let doc: GumDoc = serde_json::from_str(line).unwrap();
        // Code point offsets to bytes.
        let mut byte_of: Vec<usize> = doc.text.char_indices().map(|(b, _)| b).collect();
        byte_of.push(doc.text.len());
        let gold: Vec<(Range<usize>, Label)> = doc
            .entities
            .iter()
            .filter(|e| e.has_propn)
            .filter_map(|e| gum_label(&e.etype).map(|l| (byte_of[e.start]..byte_of[e.end], l)))
            .collect();
        let d = detect(&doc.text);
        let preds: Vec<_> = d
            .entities
            .iter()
            .filter(|e| e.label != Label::Date)
            .collect();
        let hit = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        for (score, typed_only) in [(&mut overlap, false), (&mut typed, true)] {
            score.pred += preds.len();
            score.gold += gold.len();
            score.pred_ok += preds
                .iter()
                .filter(|p| {
                    gold.iter()
                        .any(|(g, l)| hit(&p.range, g) && (!typed_only || *l == p.label))
                })
                .count();
            score.gold_ok += gold
                .iter()
                .filter(|(g, l)| {
                    preds
                        .iter()
                        .any(|p| hit(&p.range, g) && (!typed_only || *l == p.label))
                })
                .count();
        }
    }
    (overlap, typed)
}

#[test]
fn gum_news_scores() {
    let (overlap, typed) = gum_scores();
    for (name, s) in [("overlap", overlap), ("typed", typed)] {
        println!(
            "GUM {name:8} P {:.3} R {:.3} F1 {:.3}  ({} pred, {} gold)",
            s.p(),
            s.r(),
            s.f1(),
            s.pred,
            s.gold
        );
    }
    // Floors slightly below the measured figures (overlap F1 0.941, typed F1 0.773).
    assert!(overlap.f1() >= 0.925, "overlap F1 {:.3}", overlap.f1());
    assert!(
        overlap.p() >= 0.91 && overlap.r() >= 0.93,
        "overlap P/R {:.3}/{:.3}",
        overlap.p(),
        overlap.r()
    );
    assert!(typed.f1() >= 0.75, "typed F1 {:.3}", typed.f1());
}

// ---------------------------------------------------------------------------------------
// Properties

fn check_valid(text: &str, d: &Detection) {
    let mut last_end = 0;
    for e in &d.entities {
        let r = &e.range;
        assert!(r.start < r.end && r.end <= text.len(), "range {r:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert!(r.start >= last_end, "overlapping entities");
        last_end = r.end;
        assert!(!e.actor.is_empty());
    }
    for c in &d.claims {
        for r in [&c.range, &c.cue] {
            assert!(r.start < r.end && r.end <= text.len(), "range {r:?}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        assert!(c.range.start <= c.cue.start && c.cue.end <= c.range.end);
        if let Some(s) = c.speaker {
            assert!(s < d.entities.len());
        }
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Putin",
        "Xi Jinping",
        " said ",
        "“",
        "”",
        "\"",
        "'",
        "’s",
        ".",
        ",",
        " ",
        "\n\n",
        "\n",
        "The",
        "the",
        "U.S.",
        "Moscow",
        "in",
        "June",
        "28",
        "2001",
        "years",
        "ago",
        "according",
        "to",
        "Dr.",
        "Mr",
        "of",
        "al-",
        "Université",
        "北京",
        "Москва",
        "‏",
        "🙂",
        "—",
        "-",
        "&",
        "Mohamed",
        "Ministry",
        "told",
        "he",
        "it",
        "announces",
        "Kremlin",
        "Monday",
        "two",
        "weeks",
        "last",
        "week",
        "St.",
        "Ñ",
        "é",
        "ﬁ",
    ]);
    prop_oneof![
        ".{0,200}",
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn detect_never_panics(text in text_strategy()) {
        let d = detect(&text);
        check_valid(&text, &d);
    }

    #[test]
    fn detect_tolerates_bad_sentence_ranges(text in text_strategy(), a in 0usize..300, b in 0usize..300) {
        let d = detector().detect(&text, &[b..a, a..b, 0..usize::MAX]);
        check_valid(&text, &d);
    }
}

#[test]
fn odd_inputs() {
    let big =
        "Putin said “it was fruitful and Xi Jinping agreed in Moscow on June 28 ".repeat(14_000);
    assert!(big.len() > 1_000_000);
    for text in [
        String::new(),
        "...!!!???,,,;;;".to_string(),
        "“".to_string(),
        "\"\"\"\"".to_string(),
        "北京和莫斯科 Putin 說".to_string(),
        "Путин сказал, что Moscow announces".to_string(),
        big,
    ] {
        let d = detect(&text);
        check_valid(&text, &d);
        let d = detector().detect(&text, &[]);
        check_valid(&text, &d);
    }
}

#[test]
fn gazetteer_errors_name_file_and_line() {
    let bad = "[[actor]]\nname = \"X\"\nlabel = \"Thing\"\n";
    let err = Detector::with_gazetteer(&[("bad.toml", bad)])
        .unwrap_err()
        .to_string();
    assert!(err.contains("bad.toml") && err.contains("line 3"), "{err}");
    let broken = "[[actor]]\nname = \"X\"\nlabel = \"Person\"\naliases = [\"a\",\n  oops]\n";
    let err = Detector::with_gazetteer(&[("broken.toml", broken)])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("broken.toml") && err.contains("line 5"),
        "{err}"
    );
    // A multi-line array is valid TOML and read by the full parser.
    let multi =
        "[[actor]]\nname = \"Ann Example\"\nlabel = \"Person\"\naliases = [\n  \"Example\",\n]\n";
    let d = Detector::with_gazetteer(&[("multi.toml", multi)]).unwrap();
    let text = "We met Example today.";
    let got = d.detect(text, std::slice::from_ref(&(0..text.len())));
    assert_eq!(got.entities[0].actor, "Ann Example");
}

#[test]
fn builtin_loads_fast_enough() {
    let t = std::time::Instant::now();
    let d = Detector::builtin().unwrap();
    let took = t.elapsed();
    println!("gazetteer: {} actors in {took:?}", d.actor_count());
    assert!(d.actor_count() > 1000);
}

// ---------------------------------------------------------------------------------------
// The shipped tables, user files, extra verbs and learned actors

/// Entity mentions as (mention, label, actor).
type Mentions = Vec<(String, Label, String)>;
/// Claims as (claim, speaker's actor).
type Claims = Vec<(String, Option<String>)>;

/// Detection over a text as mentions and claims.
fn summary_of(d: &Detector, text: &str) -> (Mentions, Claims) {
    let found = d.detect(text, &sentences(text));
    let entities = found
        .entities
        .iter()
        .map(|e| (text[e.range.clone()].to_string(), e.label, e.actor.clone()))
        .collect();
    let claims = found
        .claims
        .iter()
        .map(|c| {
            let speaker = c.speaker.map(|i| found.entities[i].actor.clone());
            (text[c.range.clone()].to_string(), speaker)
        })
        .collect();
    (entities, claims)
}

#[test]
fn builtin_tables_equal_runtime_compile() {
    let runtime = Detector::with_gazetteer(gloss::detect::BUILTIN_GAZETTEER).unwrap();
    assert_eq!(runtime.actor_count(), detector().actor_count());
    let sample = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/sample/xi-putin-treaty.txt"),
    )
    .unwrap();
    for text in [
        sample.as_str(),
        "Chinese President Xi Jinping met U.S. Secretary of State Antony Blinken in Beijing.",
        "The United Nations Security Council, al-Shabaab and the Kremlin said on Monday.",
        "Russia-China ties: Moscow announces talks with New Delhi, New York and Saint Petersburg.",
    ] {
        assert_eq!(
            summary_of(&runtime, text),
            summary_of(detector(), text),
            "{text}"
        );
    }
}

#[test]
fn user_gazetteers_and_verbs() {
    let user = "[[actor]]\nname = \"Ann Example\"\nlabel = \"Person\"\naliases = [\"Examplova\"]\n\n\
                [[actor]]\nname = \"Widget Works\"\nlabel = \"Organisation\"\n";
    let d = Detector::with_extras(
        &[("mine.toml".to_string(), user.to_string())],
        &["quip".to_string()],
    )
    .unwrap();
    assert_eq!(d.actor_count(), detector().actor_count() + 2);
    let text = "Examplova quipped that Widget Works would move to Paris.";
    let (entities, claims) = summary_of(&d, text);
    assert!(
        entities.contains(&("Examplova".into(), Label::Person, "Ann Example".into())),
        "{entities:?}"
    );
    assert!(
        entities
            .iter()
            .any(|e| e.0 == "Widget Works" && e.1 == Label::Organisation),
        "{entities:?}"
    );
    assert!(entities.iter().any(|e| e.2 == "Paris"), "{entities:?}");
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].1.as_deref(), Some("Ann Example"));
    // Without the extra verb, "quipped" reports nothing.
    assert!(summary_of(detector(), text).1.is_empty());

    let bad = "[[actor]]\nname = \"X\"\nlabel = \"Person\"\naliases = [\"a\",\n  oops]\n";
    let err = Detector::with_extras(&[("bad.toml".to_string(), bad.to_string())], &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("bad.toml") && err.contains("line 5"), "{err}");
}

#[test]
fn learned_actors_win_everywhere() {
    let learned = detector().with_learned(&[
        ("Zorblax Industries".to_string(), Label::Organisation),
        ("Kettering".to_string(), Label::Person),
    ]);
    let text = "Kettering said Zorblax Industries had hired him.";
    let (entities, claims) = summary_of(&learned, text);
    assert!(
        entities.contains(&(
            "Zorblax Industries".into(),
            Label::Organisation,
            "Zorblax Industries".into()
        )),
        "{entities:?}"
    );
    assert!(
        entities
            .iter()
            .any(|e| e.0 == "Kettering" && e.1 == Label::Person),
        "{entities:?}"
    );
    assert_eq!(claims[0].1.as_deref(), Some("Kettering"));
    // The detector it came from is unchanged; learning twice stacks.
    assert_eq!(detector().actor_count() + 2, learned.actor_count());
    let twice = learned.with_learned(&[("Moscow".to_string(), Label::Person)]);
    let (entities, _) = summary_of(&twice, "Moscow met Kettering.");
    assert!(
        entities.contains(&("Moscow".into(), Label::Person, "Moscow".into())),
        "{entities:?}"
    );
}

#[test]
fn prodigy_patterns_lines() {
    let out = gloss::detect::prodigy_patterns(&[
        ("Vladimir Putin".to_string(), Label::Person),
        ("  ".to_string(), Label::Place),
        ("Ministry of \"Truth\"".to_string(), Label::Organisation),
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        r#"{"label":"Person","pattern":[{"lower":"vladimir"},{"lower":"putin"}]}"#
    );
    let v: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(v["pattern"][2]["lower"], "\"truth\"");
}
