//! Import: gloss → F → gloss keeps everything F can hold (property tests over generated
//! articles with overlapping spans and non-ASCII text), and bad input is refused with the
//! file, the line and the annotation named, writing nothing.

use crate::common::fixture;

use std::path::Path;

use gloss::annotation::Kind;
use gloss::annotation::file::AnnotationFile;
use gloss::annotation::model::Annotation;
use gloss::export::{Format, Output, export};
use gloss::import::{ImportFormat, import_str};
use proptest::prelude::*;

/// What a format keeps besides spans, labels, kinds, speakers, actors and notes.
#[derive(Clone, Copy)]
struct Keeps {
    ids: bool,
    times: bool,
    titles: bool,
    /// Line breaks in notes (brat writes them as spaces).
    note_breaks: bool,
}

const ALL: Keeps = Keeps {
    ids: true,
    times: true,
    titles: true,
    note_breaks: true,
};

fn canon(file: &AnnotationFile, keeps: Keeps) -> Vec<String> {
    let key = |id: &str| {
        let a = file.annotations.iter().find(|a| a.id == id).unwrap();
        if keeps.ids {
            a.id.clone()
        } else {
            format!("{}-{}-{}", a.start, a.end, a.label)
        }
    };
    let mut lines: Vec<String> = file
        .annotations
        .iter()
        .map(|a| {
            let note = a.note.as_ref().map(|n| {
                if keeps.note_breaks {
                    n.clone()
                } else {
                    n.replace('\n', " ")
                }
            });
            let mut line = format!(
                "{} {} {:?} {} {:?} {:?} {:?} {:?}",
                a.start,
                a.end,
                a.kind,
                a.label,
                a.text,
                a.actor,
                note,
                a.speaker.as_deref().map(key)
            );
            if keeps.ids {
                line.push_str(&format!(" id={}", a.id));
            }
            if keeps.times {
                line.push_str(&format!(" {} {}", a.created, a.modified));
            }
            line
        })
        .collect();
    lines.sort();
    let mut head = vec![file.text.clone()];
    if keeps.titles {
        head.push(file.title.clone());
        head.push(file.source.clone());
    }
    head.extend(lines);
    head
}

/// Exports `file` to `format` and imports the result back.
fn round_trip(file: &AnnotationFile, format: Format, back: ImportFormat) -> AnnotationFile {
    let (output, _) = export(std::slice::from_ref(file), format).unwrap();
    let mut imported = match output {
        Output::Stream(s) => import_str(back, Path::new("in.json"), &s, None).unwrap().0,
        Output::Files(files) => {
            let ann = files
                .iter()
                .find(|(p, _)| p.extension().is_some_and(|e| e == "ann"))
                .unwrap();
            let txt = files
                .iter()
                .find(|(p, _)| p.extension().is_some_and(|e| e == "txt"))
                .unwrap();
            import_str(back, &ann.0, &ann.1, Some(&txt.1)).unwrap().0
        }
    };
    assert_eq!(imported.len(), 1);
    imported.remove(0).file
}

const WORDS: &[&str] = &[
    "é",
    "Café",
    "世界",
    "👩‍👩‍👧",
    "Putin",
    "said",
    "«quote»",
    "&",
    "<b>",
    "a\"b",
    "x,y",
    "Ελλάδα",
    "co-op",
    "U.S.",
    "e\u{301}t\u{e9}",
    "🇫🇷",
    "日本語",
    "-DOCSTART-",
    "#tag",
    "1.",
];
const SEPARATORS: &[&str] = &[" ", " ", " ", "\n", "\n\n", "  ", ", "];
const LABELS: &[&str] = &["Person", "Org", "Claim", "Lieu_é", "世界"];
const ACTORS: &[&str] = &["Vladimir Putin", "Xi 世界", "Élodie"];
const NOTES: &[&str] = &["a note", "é & <b>", "two\nlines", "tab\there"];

#[derive(Debug, Clone)]
struct SpanSpec {
    first: usize,
    words: usize,
    claim: bool,
    label: usize,
    actor: Option<usize>,
    note: Option<usize>,
    speaker: Option<usize>,
}

fn arb_article() -> impl Strategy<Value = AnnotationFile> {
    let words = prop::collection::vec((0..WORDS.len(), 0..SEPARATORS.len()), 1..40);
    let spans = prop::collection::vec(
        (
            0usize..40,
            1usize..6,
            any::<bool>(),
            0..LABELS.len(),
            prop::option::of(0..ACTORS.len()),
            prop::option::of(0..NOTES.len()),
            prop::option::of(0usize..20),
        ),
        0..20,
    );
    (words, spans).prop_map(|(words, spans)| {
        let mut text = String::new();
        let mut ranges = Vec::new();
        for (i, &(w, s)) in words.iter().enumerate() {
            if i > 0 {
                text.push_str(SEPARATORS[s]);
            }
            let start = text.len();
            text.push_str(WORDS[w]);
            ranges.push(start..text.len());
        }
        let specs: Vec<SpanSpec> = spans
            .into_iter()
            .map(|(first, n, claim, label, actor, note, speaker)| SpanSpec {
                first: first % ranges.len(),
                words: n,
                claim,
                label,
                actor,
                note,
                speaker,
            })
            .collect();
        let annotations: Vec<Annotation> = specs
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let last = (s.first + s.words - 1).min(ranges.len() - 1);
                let speaker = s
                    .speaker
                    .filter(|_| s.claim)
                    .map(|j| j % specs.len())
                    .filter(|&j| j != i && !specs[j].claim)
                    .map(|j| format!("a{}", j + 1));
                Annotation {
                    id: format!("a{}", i + 1),
                    kind: if s.claim { Kind::Claim } else { Kind::Entity },
                    label: LABELS[s.label].into(),
                    range: ranges[s.first].start..ranges[last].end,
                    actor: s.actor.map(|a| ACTORS[a].into()),
                    speaker,
                    note: s.note.map(|n| NOTES[n].into()),
                    created: format!("2026-01-0{}T00:00:00Z", 1 + i % 9),
                    modified: format!("2026-02-0{}T00:00:00Z", 1 + i % 9),
                }
            })
            .collect();
        let title = text.lines().next().unwrap_or_default().to_string();
        fixture::build("news/arb-é.txt", &title, &text, annotations)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn jsonl_round_trip_keeps_everything(file in arb_article()) {
        let back = round_trip(&file, Format::Jsonl, ImportFormat::Doccano);
        prop_assert_eq!(back, file);
    }

    #[test]
    fn label_studio_round_trip_keeps_all_but_times(file in arb_article()) {
        let back = round_trip(&file, Format::LabelStudio, ImportFormat::LabelStudio);
        let keeps = Keeps { times: false, ..ALL };
        prop_assert_eq!(canon(&back, keeps), canon(&file, keeps));
    }

    #[test]
    fn w3c_round_trip_keeps_everything(file in arb_article()) {
        let back = round_trip(&file, Format::W3c, ImportFormat::W3c);
        prop_assert_eq!(back, file);
    }

    #[test]
    fn brat_round_trip_keeps_spans_kinds_speakers_actors_and_notes(file in arb_article()) {
        let back = round_trip(&file, Format::Brat, ImportFormat::Brat);
        let keeps = Keeps { ids: false, times: false, titles: false, note_breaks: false };
        prop_assert_eq!(canon(&back, keeps), canon(&file, keeps));
    }
}

#[test]
fn the_sample_round_trips_through_every_import_format() {
    let file = fixture::sample();
    assert_eq!(
        round_trip(&file, Format::Jsonl, ImportFormat::Doccano),
        file
    );
    assert_eq!(round_trip(&file, Format::W3c, ImportFormat::W3c), file);
    let keeps = Keeps {
        times: false,
        ..ALL
    };
    assert_eq!(
        canon(
            &round_trip(&file, Format::LabelStudio, ImportFormat::LabelStudio),
            keeps
        ),
        canon(&file, keeps)
    );
    let keeps = Keeps {
        ids: false,
        times: false,
        titles: false,
        note_breaks: false,
    };
    assert_eq!(
        canon(&round_trip(&file, Format::Brat, ImportFormat::Brat), keeps),
        canon(&file, keeps)
    );
}

fn error(format: ImportFormat, path: &str, contents: &str, text: Option<&str>) -> String {
    import_str(format, Path::new(path), contents, text)
        .unwrap_err()
        .to_string()
}

#[test]
fn brat_errors_name_the_file_the_line_and_the_annotation() {
    let text = "Putin said so.";
    let ann = "T1\tPerson 0 5\tPutin\nT2\tPerson 6 10\tsaid\nT3\tPerson 11 30\tso.\n";
    let e = error(ImportFormat::Brat, "doc.ann", ann, Some(text));
    assert!(
        e.starts_with("doc.ann: line 3: annotation \"T3\": offsets 11..30 outside"),
        "{e}"
    );
    let ann = "T1\tPerson 0 5\tPutin\nT2\tPerson 6 10\tSaid\n";
    let e = error(ImportFormat::Brat, "doc.ann", ann, Some(text));
    assert!(
        e.starts_with("doc.ann: line 2: annotation \"T2\": quotes \"Said\""),
        "{e}"
    );
    let e = error(
        ImportFormat::Brat,
        "doc.ann",
        "T1 Person 0 5 Putin\n",
        Some(text),
    );
    assert!(e.starts_with("doc.ann: line 1:"), "{e}");
    let e = error(
        ImportFormat::Brat,
        "doc.ann",
        "T1\tPerson 0 5\tPutin\nR1\tSpeaker Arg1:T9 Arg2:T1\n",
        Some(text),
    );
    assert!(e.starts_with("doc.ann: line 2: annotation \"R1\""), "{e}");
}

#[test]
fn brat_attributes_notes_and_relations_of_events_are_dropped_with_the_events() {
    let text = "Putin attacked the plan.";
    // The event's lines come after and before the lines that refer to it, as brat writes them.
    let ann = "A1\tNegation E1\n\
        T1\tPerson 0 5\tPutin\n\
        T2\tAttack 6 14\tattacked\n\
        E1\tAttack:T2 Agent:T1\n\
        A2\tConfidence E1 L1\n\
        #1\tAnnotatorNotes E1\tcheck the date\n\
        N1\tReference E1 Wiki:123\tAttack\n\
        R1\tCause Arg1:E1 Arg2:T1\n\
        #2\tAnnotatorNotes T1\tthe president\n\
        N2\tReference T1 Actor:Vladimir_Putin\tVladimir Putin\n\
        #3\tAnnotatorNotes R1\ton the relation\n";
    let (files, dropped) =
        import_str(ImportFormat::Brat, Path::new("doc.ann"), ann, Some(text)).unwrap();
    let file = &files[0].file;
    assert_eq!(file.annotations.len(), 2);
    let putin = &file.annotations[0];
    assert_eq!(putin.note.as_deref(), Some("the president"));
    assert_eq!(putin.actor.as_deref(), Some("Vladimir Putin"));
    let counts: Vec<(&str, usize)> = dropped.iter().map(|d| (d.what.as_str(), d.count)).collect();
    assert_eq!(
        counts,
        [
            ("attributes of events (dropped with the events)", 2),
            ("events", 1),
            ("notes of events (dropped with the events)", 1),
            ("normalisations of events (dropped with the events)", 1),
            ("relations of events (dropped with the events)", 1),
            ("notes of relations (gloss keeps nothing on a relation)", 1),
        ]
    );
    // A reference to no annotation at all is still an error.
    let e = error(
        ImportFormat::Brat,
        "doc.ann",
        "T1\tPerson 0 5\tPutin\nA1\tNegation E7\n",
        Some(text),
    );
    assert!(
        e.starts_with("doc.ann: line 2: annotation \"A1\": refers to \"E7\""),
        "{e}"
    );
}

#[test]
fn doccano_errors_name_the_line_and_the_entity() {
    let good = r#"{"text":"Putin said so.","entities":[{"id":7,"start_offset":0,"end_offset":5,"label":"Person"}],"relations":[]}"#;
    let bad = r#"{"text":"Putin said so.","entities":[{"id":8,"start_offset":6,"end_offset":99,"label":"Person"}],"relations":[]}"#;
    let e = error(
        ImportFormat::Doccano,
        "x.jsonl",
        &format!("{good}\n{bad}\n"),
        None,
    );
    assert!(
        e.starts_with(
            "x.jsonl: line 2: annotation \"8\": offsets 6..99 outside the text (14 characters)"
        ),
        "{e}"
    );
    let e = error(
        ImportFormat::Doccano,
        "x.jsonl",
        &format!("{good}\n{{\"text\": 3}}\n"),
        None,
    );
    assert!(e.starts_with("x.jsonl: line 2:"), "{e}");
    // The older "label" form imports too.
    let old = r#"{"id":1,"text":"EU rejects German call","label":[[0,2,"ORG"],[11,17,"MISC"]],"Comments":[]}"#;
    let (files, _) = import_str(ImportFormat::Doccano, Path::new("x.jsonl"), old, None).unwrap();
    assert_eq!(files[0].file.annotations[1].text, "German");
}

#[test]
fn label_studio_errors_name_the_line_and_the_region() {
    let json = r#"[
  {"id": 1, "data": {"text": "Putin said so."},
   "annotations": [{"result": [
     {"id": "r1", "from_name": "entity", "to_name": "text", "type": "labels",
      "value": {"start": 0, "end": 5, "text": "Putin", "labels": ["Person"]}},
     {"id": "r2", "from_name": "entity", "to_name": "text", "type": "labels",
      "value": {"start": 6, "end": 10, "text": "sa1d", "labels": ["Person"]}}
   ]}]}
]"#;
    let e = error(ImportFormat::LabelStudio, "ls.json", json, None);
    assert!(
        e.starts_with("ls.json: line 6: annotation \"r2\": quotes \"sa1d\""),
        "{e}"
    );
}

#[test]
fn w3c_errors_name_the_line_and_the_annotation() {
    let (out, _) = export(&[fixture::sample()], Format::W3c).unwrap();
    let Output::Stream(mut json) = out else {
        panic!()
    };
    json = json.replacen("\"exact\":\"Putin\"", "\"exact\":\"Pution\"", 1);
    let e = error(ImportFormat::W3c, "w.jsonld", &json, None);
    assert!(
        e.contains(": annotation \"urn:gloss:annotation:") && e.contains("quotes \"Pution\""),
        "{e}"
    );
    assert!(e.starts_with("w.jsonld: line "), "{e}");
    // Quote-only annotations are found by searching.
    let one = r#"{"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:x:1","type":"Annotation",
      "bodyValue":"a comment","target":{"source":"urn:x:text","selector":{"type":"TextQuoteSelector","exact":"Putin"}}}"#;
    let e = error(ImportFormat::W3c, "w.jsonld", one, None);
    assert!(e.contains("no article text for target source"), "{e}");
}

#[test]
fn the_import_command_refuses_to_overwrite_and_writes_nothing_on_error() {
    use gloss::commands::import::{ImportArgs, run};
    let dir = tempfile::tempdir().unwrap();
    let Output::Files(files) = export(&[fixture::sample()], Format::Brat).unwrap().0 else {
        panic!()
    };
    for (name, contents) in &files {
        std::fs::write(dir.path().join(name), contents).unwrap();
    }
    let ann = dir.path().join("café-talks.ann");
    let args = |force| ImportArgs {
        force,
        ..import_args(ImportFormat::Brat, vec![ann.clone()], None)
    };
    run(args(false)).unwrap();
    let written = dir.path().join("café-talks.txt.gloss.json");
    let json = std::fs::read_to_string(&written).unwrap();
    let parsed = gloss::annotation::file::parse(&written, &json).unwrap();
    assert_eq!(parsed.text, fixture::TEXT);
    assert_eq!(parsed.annotations.len(), 9);
    let e = format!("{:#}", run(args(false)).unwrap_err());
    assert!(e.contains("exists (use --force to replace it)"), "{e}");
    run(args(true)).unwrap();
    // A bad second input: nothing is written for the first either.
    let out = dir.path().join("out");
    let bad = dir.path().join("bad.ann");
    std::fs::write(&bad, "T1\tPerson 0 5\tNope\n").unwrap();
    std::fs::write(dir.path().join("bad.txt"), "Putin").unwrap();
    let e = run(import_args(
        ImportFormat::Brat,
        vec![ann.clone(), bad],
        Some(out.clone()),
    ))
    .unwrap_err()
    .to_string();
    assert!(e.contains("bad.ann: line 1: annotation \"T1\""), "{e}");
    assert!(!out.exists());
}

/// The sample with a claim that has no speaker, as exported for doccano.
fn doccano_project() -> (AnnotationFile, serde_json::Value) {
    let mut file = fixture::sample();
    let mut alone = fixture::claim("a10", "Élodie laughed", None);
    alone.note = Some("no speaker");
    let extra = fixture::article("x", fixture::TEXT, &[alone]);
    file.annotations.extend(extra.annotations);
    file.annotations.sort_by_key(|a| (a.start, a.end));
    let Output::Stream(jsonl) = export(std::slice::from_ref(&file), Format::Jsonl)
        .unwrap()
        .0
    else {
        panic!("jsonl is a stream")
    };
    (file, serde_json::from_str(jsonl.trim()).unwrap())
}

/// What doccano exports after a user deleted `delete` (a gloss id), relabelled `relabel` to
/// `label` and added a span `add`: entities and relations under doccano's own ids, in another
/// order, relations of the deleted span gone with it, and "gloss" as it was imported.
fn edited_in_doccano(
    file: &AnnotationFile,
    mut line: serde_json::Value,
    delete: &str,
    (relabel, label): (&str, &str),
    add: (&str, &str),
) -> serde_json::Value {
    let doccano_id = |i: u64| 9000 + 7 * i;
    let position = |id: &str| file.annotations.iter().position(|a| a.id == id).unwrap() as u64;
    let (deleted, relabelled) = (position(delete), position(relabel));
    let mut entities: Vec<serde_json::Value> = line["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["id"] != deleted)
        .map(|e| {
            let mut e = e.clone();
            let id = e["id"].as_u64().unwrap();
            if id == relabelled {
                e["label"] = label.into();
            }
            e["id"] = doccano_id(id).into();
            e
        })
        .collect();
    entities.reverse();
    let start = fixture::TEXT.find(add.0).unwrap();
    let start = fixture::TEXT[..start].chars().count();
    entities.push(serde_json::json!({
        "id": doccano_id(100), "label": add.1, "start_offset": start,
        "end_offset": start + add.0.chars().count(),
    }));
    let relations: Vec<serde_json::Value> = line["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["from_id"] != deleted && r["to_id"] != deleted)
        .enumerate()
        .map(|(n, r)| {
            serde_json::json!({
                "id": 500 + n, "type": r["type"],
                "from_id": doccano_id(r["from_id"].as_u64().unwrap()),
                "to_id": doccano_id(r["to_id"].as_u64().unwrap()),
            })
        })
        .collect();
    line["entities"] = entities.into();
    line["relations"] = relations.into();
    line["id"] = 77.into();
    line["Comments"] = serde_json::json!([]);
    line
}

/// The annotations of `file` as (text, kind, label, actor, note, speaker's text).
fn described(file: &AnnotationFile) -> Vec<String> {
    let mut out: Vec<String> = file
        .annotations
        .iter()
        .map(|a| {
            let speaker = a.speaker.as_ref().map(|s| {
                let s = file.annotations.iter().find(|o| &o.id == s).unwrap();
                format!("{}/{}", s.text, s.label)
            });
            format!(
                "{:?} {:?} {} actor={:?} note={:?} speaker={:?}",
                a.text, a.kind, a.label, a.actor, a.note, speaker
            )
        })
        .collect();
    out.sort();
    out
}

fn drop_counts(dropped: &[gloss::export::Dropped]) -> Vec<(String, usize)> {
    dropped.iter().map(|d| (d.what.clone(), d.count)).collect()
}

#[test]
fn doccano_edits_keep_each_span_with_its_own_gloss_data_or_report_it_dropped() {
    let (file, line) = doccano_project();
    // Delete 世界 Corp (which has a note), relabel Putin (who has an actor and speaks a
    // claim) as Org, add a Claim the user marked in doccano.
    let added = "-DOCSTART- is not a token here";
    let edited = edited_in_doccano(&file, line, "a2", ("a3", "Org"), (added, "Claim"));
    let (files, dropped) = import_str(
        ImportFormat::Doccano,
        Path::new("project.jsonl"),
        &edited.to_string(),
        None,
    )
    .unwrap();
    let back = &files[0].file;
    let mut expected: AnnotationFile = file.clone();
    expected.annotations.retain(|a| a.id != "a2");
    for a in &mut expected.annotations {
        if a.id == "a3" {
            a.label = "Org".into();
            a.actor = None;
        }
    }
    let mut want = described(&expected);
    want.push(format!(
        "{added:?} Claim Claim actor=None note=None speaker=None"
    ));
    want.sort();
    assert_eq!(described(back), want);
    // Every span that kept its offsets and label kept its gloss id and times; the relabelled
    // one is a new annotation.
    for a in &back.annotations {
        let same = |o: &&gloss::annotation::file::StoredAnnotation| {
            (o.start, o.end, &o.label) == (a.start, a.end, &a.label)
        };
        match file.annotations.iter().find(same) {
            Some(old) => assert_eq!(
                (&old.id, &old.created, &old.modified),
                (&a.id, &a.created, &a.modified)
            ),
            None => assert!(a.text == "Putin" || a.text == added, "{a:?}"),
        }
    }
    assert_eq!(
        drop_counts(&dropped),
        [
            (
                "gloss annotations whose span was deleted or relabelled in doccano (their id, \
                 kind and times)"
                    .to_string(),
                2
            ),
            (
                "notes of spans deleted or relabelled in doccano".to_string(),
                1
            ),
            (
                "actor names of spans deleted or relabelled in doccano".to_string(),
                1
            ),
        ]
    );
}

#[test]
fn doccano_edits_without_relation_labelling_report_speaker_links_to_changed_spans() {
    let (file, line) = doccano_project();
    let added = "-DOCSTART- is not a token here";
    let mut edited = edited_in_doccano(&file, line, "a2", ("a3", "Org"), (added, "Claim"));
    // A project without relation labelling exports sorted [start, end, label] triples.
    let mut triples: Vec<(u64, u64, String)> = edited["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["start_offset"].as_u64().unwrap(),
                e["end_offset"].as_u64().unwrap(),
                e["label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    triples.sort();
    let edited = {
        let object = edited.as_object_mut().unwrap();
        object.remove("entities");
        object.remove("relations");
        object.insert("label".into(), serde_json::json!(triples));
        &edited
    };
    let (files, dropped) = import_str(
        ImportFormat::Doccano,
        Path::new("project.jsonl"),
        &edited.to_string(),
        None,
    )
    .unwrap();
    let back = &files[0].file;
    let described = described(back);
    // Putin's claim keeps its kind and note but not its speaker, who was relabelled.
    assert!(
        described.contains(
            &"\"the plan\\nwould fail\" Claim Claim actor=None note=None speaker=None".to_string()
        ),
        "{described:#?}"
    );
    assert!(
        described.iter().any(|d| d.contains(" family plan ")
            && d.ends_with("speaker=Some(\"Élodie Martin/Person\")")),
        "{described:#?}"
    );
    assert!(
        described.contains(
            &"\"Élodie laughed\" Claim Claim actor=None note=Some(\"no speaker\") speaker=None"
                .to_string()
        )
    );
    let counts = drop_counts(&dropped);
    assert!(
        counts.contains(&(
            "speaker links to spans deleted or relabelled in doccano".to_string(),
            1
        )),
        "{counts:?}"
    );
}

#[test]
fn doccano_gloss_data_without_offsets_is_matched_to_no_span_and_reported() {
    // As an older gloss wrote it: the entry names its span by position only.
    let line = r#"{"text":"Putin said so.","entities":[{"id":3,"start_offset":6,"end_offset":10,"label":"Claim"},{"id":4,"start_offset":0,"end_offset":5,"label":"Person"}],"relations":[],"gloss":{"annotations":[{"entity":0,"id":"a1","kind":"entity","actor":"Vladimir Putin"}]}}"#;
    let (files, dropped) =
        import_str(ImportFormat::Doccano, Path::new("old.jsonl"), line, None).unwrap();
    assert!(files[0].file.annotations.iter().all(|a| a.actor.is_none()));
    assert_eq!(
        drop_counts(&dropped),
        [(
            "gloss annotations written by an older gloss without offsets, so matched to no span"
                .to_string(),
            1
        )]
    );
}

/// `gloss import` of `files` in `format`, with the default columns and without --force.
fn import_args(
    format: ImportFormat,
    files: Vec<std::path::PathBuf>,
    output: Option<std::path::PathBuf>,
) -> gloss::commands::import::ImportArgs {
    gloss::commands::import::ImportArgs {
        format,
        files,
        output,
        force: false,
        text: "text".into(),
        title: "title".into(),
        url: "url".into(),
        date: "date".into(),
        id: "id".into(),
    }
}

/// The annotation files in `dir`, by name, parsed.
fn imported_files(dir: &Path) -> Vec<(String, AnnotationFile)> {
    let mut files: Vec<(String, AnnotationFile)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|path| {
            let json = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, gloss::annotation::file::parse(&path, &json).unwrap())
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

#[test]
fn csv_rows_become_one_article_file_each_named_by_id_or_title() {
    use gloss::commands::import::run;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("news.csv");
    // A byte order mark, quoted fields with commas, quotes and line breaks, a row without
    // text, a repeated title, and an escape sequence in the text.
    std::fs::write(
        &csv,
        "\u{feff}id,title,url,date,text\n\
         42,\"Moscow, again\",https://news.example/42,2019-01-04,\"Putin said \"\"no\"\".\nThen left.\"\n\
         ,Rain,,,It rained.\n\
         ,Rain,,,It rained again \u{1b}[31mred.\n\
         7,Empty,,,\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    run(import_args(
        ImportFormat::Csv,
        vec![csv.clone()],
        Some(out.clone()),
    ))
    .unwrap();
    let files = imported_files(&out);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["42.gloss.json", "rain-2.gloss.json", "rain.gloss.json"]
    );
    let first = &files[0].1;
    assert_eq!(first.title, "Moscow, again");
    assert_eq!(first.source, "https://news.example/42");
    assert_eq!(first.date.as_deref(), Some("2019-01-04"));
    assert_eq!(first.text, "Putin said \"no\".\nThen left.");
    assert!(first.annotations.is_empty());
    let rain = &files[2].1;
    assert_eq!(rain.text, "It rained.");
    assert_eq!(rain.date, None);
    assert!(rain.source.ends_with("news.csv:4"), "{}", rain.source);
    assert!(!files[1].1.text.contains('\u{1b}'), "{:?}", files[1].1.text);
    // The files open as articles, and a second import refuses to replace them.
    let e = format!(
        "{:#}",
        run(import_args(
            ImportFormat::Csv,
            vec![csv.clone()],
            Some(out.clone())
        ))
        .unwrap_err()
    );
    assert!(e.contains("exists (use --force to replace it)"), "{e}");
    assert_eq!(imported_files(&out).len(), 3);
}

#[test]
fn jsonl_rows_take_the_keys_named_and_numbers_as_ids() {
    use gloss::commands::import::run;
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("news.jsonl");
    std::fs::write(
        &jsonl,
        "{\"body\": \"Putin spoke.\", \"headline\": \"Kremlin\", \"story_id\": 12}\n\n{\"body\": null}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let mut args = import_args(ImportFormat::Jsonl, vec![jsonl], Some(out.clone()));
    args.text = "body".into();
    args.title = "headline".into();
    args.id = "story_id".into();
    run(args).unwrap();
    let files = imported_files(&out);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].0, "12.gloss.json");
    assert_eq!(files[0].1.title, "Kremlin");
    assert_eq!(files[0].1.text, "Putin spoke.");
}

#[test]
fn bad_rows_name_the_file_and_the_row_and_nothing_is_written() {
    use gloss::commands::import::run;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let cases: Vec<(&str, ImportFormat, Vec<u8>, &str)> = vec![
        (
            "no-text.csv",
            ImportFormat::Csv,
            b"title,body\nA,B\n".to_vec(),
            "no-text.csv: line 1: no column \"text\" for the text (the header has \"title\", \"body\"; name it with --text)",
        ),
        (
            "fields.csv",
            ImportFormat::Csv,
            b"text,title\nfine,A\ntoo,many,fields\n".to_vec(),
            "fields.csv: line 3: 3 fields where the header has 2",
        ),
        (
            "latin1.csv",
            ImportFormat::Csv,
            b"text\nfine\ncaf\xe9\n".to_vec(),
            "latin1.csv: line 3: the text is not UTF-8",
        ),
        (
            "quote.csv",
            ImportFormat::Csv,
            [
                b"text\nfine\n\"never closed\n".to_vec(),
                b"x".repeat(gloss::import::ROW_CAP + 100_000),
            ]
            .concat(),
            "quote.csv: line 3: the row is longer than 16 MB (a quote never closed?)",
        ),
        (
            "bad.jsonl",
            ImportFormat::Jsonl,
            b"{\"text\": \"fine\"}\n{\"text\": \"broken\"\n".to_vec(),
            "bad.jsonl: line 2: column 17: EOF while parsing an object",
        ),
        (
            "list.jsonl",
            ImportFormat::Jsonl,
            b"{\"text\": [\"a\"]}\n".to_vec(),
            "list.jsonl: line 1: \"text\" is neither text nor a number",
        ),
        (
            "long.jsonl",
            ImportFormat::Jsonl,
            [
                b"{\"text\": \"".to_vec(),
                b"x".repeat(gloss::import::ROW_CAP + 100_000),
            ]
            .concat(),
            "long.jsonl: line 1: the row is longer than 16 MB (a quote never closed?)",
        ),
    ];
    for (name, format, contents, expected) in cases {
        let input = dir.path().join(name);
        std::fs::write(&input, contents).unwrap();
        let e = format!(
            "{:#}",
            run(import_args(format, vec![input], Some(out.clone())))
                .err()
                .unwrap_or_else(|| panic!("{name}: imported"))
        );
        assert!(e.contains(expected), "{name}: {e}");
        assert!(
            !out.exists() || std::fs::read_dir(&out).unwrap().count() == 0,
            "{name}: something was written"
        );
    }
    let e = format!(
        "{:#}",
        run(import_args(
            ImportFormat::Csv,
            vec![dir.path().join("no-text.csv")],
            None
        ))
        .unwrap_err()
    );
    assert!(e.contains("name their folder with -o DIR"), "{e}");
}
