//! Tests for `gloss::document::sentences::split_sentences`: marked-up unit cases for each
//! fix-up, the pySBD golden rules and GUM news paragraphs (with printed scores and floors),
//! and a property test of the range invariants.

use std::collections::HashSet;
use std::ops::Range;
use std::path::PathBuf;

use gloss::document::sentences::split_sentences;
use proptest::prelude::*;

/// Splits `text` and returns the sentences as strings.
fn split(text: &str) -> Vec<&str> {
    split_sentences(text)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

/// Checks a case written as `⟦First sentence.⟧ ⟦Second one.⟧`: the text is the string with
/// the brackets removed, and each bracketed span must come back as one sentence, exactly.
#[track_caller]
fn check(marked: &str) {
    let mut text = String::new();
    let mut expected = Vec::new();
    let mut open = None;
    for c in marked.chars() {
        match c {
            '⟦' => open = Some(text.len()),
            '⟧' => expected.push(open.take().expect("unbalanced ⟧")..text.len()),
            _ => text.push(c),
        }
    }
    assert!(open.is_none(), "unbalanced ⟦ in {marked:?}");
    let got = split_sentences(&text);
    let show = |rs: &[Range<usize>]| {
        rs.iter()
            .map(|r| text[r.clone()].to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(show(&got), show(&expected), "in {text:?}");
    assert_eq!(got, expected, "ranges differ in {text:?}");
}

fn check_invariants(text: &str, ranges: &[Range<usize>]) {
    let mut prev_end = 0;
    for r in ranges {
        assert!(r.start < r.end, "empty range {r:?}");
        assert!(r.start >= prev_end, "unsorted or overlapping {r:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let s = &text[r.clone()];
        assert_eq!(s, s.trim(), "untrimmed {s:?}");
        assert!(
            text[prev_end..r.start].chars().all(char::is_whitespace),
            "non-whitespace dropped before {r:?}"
        );
        prev_end = r.end;
    }
    assert!(text[prev_end..].chars().all(char::is_whitespace));
}

// ---- basics -------------------------------------------------------------------------------

#[test]
fn simple_terminators() {
    check("⟦Hello World.⟧ ⟦My name is Jonas.⟧");
    check("⟦What is your name?⟧ ⟦My name is Jonas.⟧");
    check("⟦There it is!⟧ ⟦I found it.⟧");
    check("  ⟦Leading and trailing space.⟧  ");
    check("⟦No terminal punctuation at all⟧");
    check("");
    check("   ");
}

#[test]
fn titles_and_abbreviations() {
    check("⟦Mr. Smith went home.⟧ ⟦He slept.⟧");
    check("⟦Mrs. Jones and Dr. Who met Sen. Warren, Rep. Ocasio-Cortez and Gov. Newsom.⟧");
    check("⟦Gen. Milley, Col. Mustard and Lt. Dan were there.⟧");
    check("⟦I can see Mt. Fuji from St. Michael's Church on 5th st. near the light.⟧");
    check("⟦That is JFK Jr.'s book.⟧");
    check("⟦Martin Luther King Jr. spoke.⟧");
    check("⟦They closed the deal with Pitt, Briggs & Co. at noon.⟧");
    check("⟦They closed the deal with Pitt, Briggs & Co.⟧ ⟦It closed yesterday.⟧");
    check("⟦Apple Inc. CEO Tim Cook spoke.⟧ ⟦Shares of Acme Corp. rose.⟧");
    check("⟦He works for Foo Ltd.⟧ ⟦The firm is small.⟧");
    check("⟦It was Smith vs. Jones in No. 5 court.⟧");
    check("⟦Bring fruit, e.g. apples, i.e. something sweet, etc.⟧ ⟦Then leave.⟧");
    check("⟦Please turn to p. 55.⟧");
    check("⟦Sales rose, etc.⟧ ⟦Prices fell.⟧");
}

#[test]
fn months() {
    check("⟦The vote is on Jan. 5 and the count on Feb. 12.⟧");
    check("⟦It happened on Sept. 11, 2001, not in Oct. 2002.⟧");
    check("⟦It was delayed until Dec.⟧ ⟦The court then ruled.⟧");
}

#[test]
fn initials() {
    check("⟦My name is Jonas E. Smith.⟧");
    check("⟦We make a good team, you and I.⟧ ⟦Did you see Albert I. Jones yesterday?⟧");
    check("⟦The writer L. Ron Hubbard and J. R. R. Tolkien met George W. Bush.⟧");
    check("⟦He took vitamin C.⟧ ⟦The cold went away.⟧");
}

#[test]
fn multi_period_abbreviations() {
    check("⟦I visited the U.S.A. last year.⟧");
    check("⟦I live in the E.U.⟧ ⟦How about you?⟧");
    check("⟦I live in the U.S.⟧ ⟦How about you?⟧");
    check("⟦I work for the U.S. Government in Virginia.⟧");
    check("⟦I have lived in the U.S. for 20 years.⟧");
    check("⟦She met U.K. Prime Minister Rishi Sunak in Washington D.C.⟧ ⟦The talks went well.⟧");
    check("⟦He moved to the U.N. headquarters.⟧");
}

#[test]
fn am_pm() {
    check(
        "⟦At 5 a.m. Mr. Smith went to the bank.⟧ ⟦He left the bank at 6 P.M.⟧ \
         ⟦Mr. Smith then went to the store.⟧",
    );
    check("⟦The meeting ends at 5 p.m. on Friday.⟧");
    check("⟦It launched at 2:49 a.m. local time (7:49 a.m. UTC) on Saturday.⟧");
    check("⟦He died at 10:00 a.m. Tongan time.⟧ ⟦He was 78.⟧");
    check("⟦The store closed at 9 p.m.⟧ ⟦Police arrived later.⟧");
}

#[test]
fn numbers_urls_emails() {
    check("⟦She has $100.00 in her bag.⟧");
    check("⟦She has $100.00.⟧ ⟦It is in her bag.⟧");
    check("⟦You can find it at N°. 1026.253.553.⟧ ⟦That is where the treasure is.⟧");
    check("⟦Growth was 3.5 percent in 2019.⟧ ⟦2020 was worse.⟧");
    check("⟦Her email is Jane.Doe@example.com.⟧ ⟦I sent her an email.⟧");
    check(
        "⟦The site is: https://www.example.50.com/new-site/awesome_content.html.⟧ \
         ⟦Please check it out.⟧",
    );
    check("⟦See example.com/a?b=c!d for more.⟧");
}

#[test]
fn quotations() {
    check("⟦She turned to him, 'This is great.' she said.⟧");
    check("⟦She turned to him, \"This is great.\" she said.⟧");
    check("⟦She turned to him, \"This is great.\"⟧ ⟦She held the book out to show him.⟧");
    check("⟦She turned to him, “This is great.”⟧ ⟦She held the book out.⟧");
    check("⟦He said ‘no.’⟧ ⟦Then he left.⟧");
    check("⟦“Are you sure?” she asked.⟧ ⟦“Yes!”⟧ ⟦He nodded.⟧");
}

#[test]
fn double_punctuation_and_ellipses() {
    check("⟦Hello!!⟧ ⟦Long time no see.⟧");
    check("⟦Hello??⟧ ⟦Who is there?⟧");
    check("⟦Hello!?⟧ ⟦Is that you?⟧");
    check("⟦Hello?!⟧ ⟦Is that you?⟧");
    check("⟦She works at Yahoo! in the accounting department.⟧");
    check("⟦I never meant that....⟧ ⟦She left the store.⟧");
    check(
        "⟦I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.⟧",
    );
    check("⟦He paused…⟧ ⟦Then he spoke.⟧");
    check("⟦\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).⟧");
    check(
        "⟦One habit was weakened . . . was that of combining words into compounds.⟧ \
         ⟦. . . The practice was not abandoned. . . .⟧",
    );
}

#[test]
fn lists() {
    check("⟦1.) The first item⟧ ⟦2.) The second item⟧");
    check("⟦1.) The first item.⟧ ⟦2.) The second item.⟧");
    check("⟦1) The first item⟧ ⟦2) The second item⟧");
    check("⟦1. The first item⟧ ⟦2. The second item⟧");
    check("⟦1. The first item.⟧ ⟦2. The second item.⟧");
    check("⟦• 9. The first item⟧ ⟦• 10. The second item⟧");
    check("⟦⁃9. The first item⟧ ⟦⁃10. The second item⟧");
    check("⟦a. The first item⟧ ⟦b. The second item⟧ ⟦c. The third list item⟧");
}

#[test]
fn parentheses() {
    check(
        "⟦He teaches science (He previously worked for 5 years as an engineer.) at the local University.⟧",
    );
    check("⟦The World Health Organisation (WHO) recommends it.⟧ ⟦Others agree.⟧");
    check("⟦(This is a whole sentence in brackets.)⟧ ⟦This is not.⟧");
}

#[test]
fn headlines_datelines_and_wrapping() {
    check(
        "⟦Afghan girls win silver at robotics contest⟧\n⟦Friday, July 21, 2017⟧\n⟦A group of teenagers was awarded a medal.⟧",
    );
    check(
        "⟦After visa snags, all-girl Afghan team honored for 'courageous achievement' at international robotics competition⟧\n⟦Friday, July 21, 2017⟧",
    );
    check(
        "⟦The committee said on Tuesday that it would examine the proposal in\n\
         detail before the end of the year, and report back to parliament.⟧ ⟦It declined\n\
         to comment further.⟧",
    );
    check(
        "⟦The minister told reporters that the government would consider every option\n\
         Parliament had put forward over the past few weeks of debate.⟧",
    );
    check(
        "⟦US President Barack Obama tweet to student Ahmed Mohamed⟧ ⟦Image: Twitter / Barack Obama.⟧",
    );
    check("⟦The competition was held this week in Washington D.C.⟧ ⟦Image: United States Navy.⟧");
}

#[test]
fn never_inside_a_word() {
    check("⟦version 1.2.3 of node.js ships today.⟧");
    check("⟦Yahoo!Mail and what?!this are words.⟧");
    let text = "a.b.c.d!e?f.g. H.i.J";
    check_invariants(text, &split_sentences(text));
}

#[test]
fn non_ascii_text() {
    check("⟦Le café était fermé.⟧ ⟦Éric est parti.⟧");
    check("⟦Hello 世界.⟧ ⟦世界 says hi!⟧");
    check("⟦你好。⟧⟦世界很大。⟧⟦再见！⟧");
    check("⟦The family 👨‍👩‍👧‍👦 arrived.⟧ ⟦They were happy 👍🏽!⟧ ⟦Then they left.⟧");
    check("⟦“Nothing will stop us,” she said.⟧ ⟦“We are ready.”⟧");
    check("⟦Straße über Ärger.⟧ ⟦Öl ist teuer.⟧");
    check("⟦A non-breaking\u{a0}space.⟧\u{a0}\u{2003}⟦Another one.⟧");
}

#[test]
fn one_megabyte_single_line() {
    let unit = "Mr. Smith paid $1.50 at 5 p.m. in the U.S. … “Really?!” he said. 世界 👨‍👩‍👧 é ";
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(unit);
    }
    let ranges = split_sentences(&text);
    check_invariants(&text, &ranges);
    assert!(ranges.len() > 1000);

    // One huge word and a huge run of bullets must not go quadratic or panic.
    let word = "a.".repeat(1 << 19);
    check_invariants(&word, &split_sentences(&word));
    let bullets = "• ".repeat(1 << 18);
    check_invariants(&bullets, &split_sentences(&bullets));
}

// ---- corpora --------------------------------------------------------------------------------

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

fn read(rel: &str) -> String {
    let path = corpus_dir().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn expected_sentences(v: &serde_json::Value) -> Vec<String> {
    v["expected"]
        .as_array()
        .expect("expected is an array")
        .iter()
        .map(|s| s.as_str().expect("sentence is a string").trim().to_owned())
        .collect()
}

/// pySBD's 48 English golden rules; prints the score and fails below the floor.
#[test]
fn golden_rules() {
    let rules: serde_json::Value = serde_json::from_str(&read("sbd/golden_rules_en.json")).unwrap();
    let rules = rules.as_array().unwrap();
    let mut passed = 0;
    for rule in rules {
        let text = rule["text"].as_str().unwrap();
        let want = expected_sentences(rule);
        let got: Vec<String> = split(text)
            .into_iter()
            .map(|s| s.trim().to_owned())
            .collect();
        if got == want {
            passed += 1;
        } else {
            println!(
                "golden rule {} ({}) failed:\n  want {want:?}\n  got  {got:?}",
                rule["id"], rule["name"]
            );
        }
    }
    println!("golden rules passed: {passed}/{}", rules.len());
    assert!(passed >= 47, "golden rules passed {passed}/{}", rules.len());
}

/// GUM news dev paragraphs. A boundary is the end offset of every sentence except the
/// paragraph's last; precision, recall and F1 are over all boundaries of all paragraphs.
#[test]
fn gum_news_boundaries() {
    let data = read("sbd/gum_news_dev_paragraphs.jsonl");
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        let mut want = HashSet::new();
        let mut cursor = 0;
        let sentences = expected_sentences(&v);
        for (n, s) in sentences.iter().enumerate() {
            let at = cursor
                + text[cursor..]
                    .find(s.as_str())
                    .expect("expected sentence in text");
            cursor = at + s.len();
            if n + 1 < sentences.len() {
                want.insert(cursor);
            }
        }
        let got_ranges = split_sentences(text);
        let got: HashSet<usize> = got_ranges[..got_ranges.len().saturating_sub(1)]
            .iter()
            .map(|r| r.end)
            .collect();
        for b in &got {
            if want.contains(b) {
                tp += 1;
            } else {
                fp += 1;
                println!(
                    "GUM false boundary in {}: {:?}",
                    v["doc_id"],
                    around(text, *b)
                );
            }
        }
        for b in want.difference(&got) {
            fn_ += 1;
            println!(
                "GUM missed boundary in {}: {:?}",
                v["doc_id"],
                around(text, *b)
            );
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!("GUM news boundaries: tp={tp} fp={fp} fn={fn_} P={p:.4} R={r:.4} F1={f1:.4}");
    assert!(f1 >= 0.97, "GUM boundary F1 {f1:.4} below floor");
}

fn around(text: &str, at: usize) -> String {
    let mut lo = at.saturating_sub(40);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (at + 40).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    format!("{}|{}", &text[lo..at], &text[at..hi])
}

// ---- properties -----------------------------------------------------------------------------

proptest! {
    #[test]
    fn ranges_are_well_formed(text in "\\PC*") {
        let ranges = split_sentences(&text);
        check_invariants(&text, &ranges);
    }

    #[test]
    fn ranges_are_well_formed_on_sentence_like_text(
        text in "([A-Za-zé世👍 ]{0,8}[.!?…。\"”’)( \n•⁃:]{0,3}[ \u{a0}\n]?){0,40}"
    ) {
        let ranges = split_sentences(&text);
        check_invariants(&text, &ranges);
    }
}
