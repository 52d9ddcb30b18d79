//! Export: every format's offsets slice exactly the annotated text (é, 世界, an emoji ZWJ
//! sequence), drops are reported, reports escape the article, and the command writes
//! atomically.

use crate::common::fixture;

use clap::ValueEnum;
use gloss::annotation::Kind;
use gloss::export::{
    CsvOptions, Dropped, ExportOptions, FORMULA_STARTS, Format, Output, export, export_with,
};
use serde_json::Value;

fn stream(format: Format) -> (String, Vec<Dropped>) {
    match export(&[fixture::sample()], format).unwrap() {
        (Output::Stream(s), d) => (s, d),
        (Output::Files(_), _) => panic!("{format} wrote files"),
    }
}

/// The text of code points `start..end`.
fn cps(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn count(dropped: &[Dropped], what: &str) -> usize {
    dropped
        .iter()
        .filter(|d| d.what.starts_with(what))
        .map(|d| d.count)
        .sum()
}

#[test]
fn every_format_has_a_name_and_an_offset_unit() {
    // The list the reader's export picker shows is clap's, names and all.
    assert_eq!(Format::ALL, Format::value_variants());
    for &f in Format::ALL {
        assert_eq!(f.to_possible_value().unwrap().get_name(), f.name());
        assert_eq!(Format::from_str(f.name(), true), Ok(f));
        assert!(!f.offset_unit().is_empty());
    }
    assert_eq!(Format::from_str("MD", true), Ok(Format::Markdown));
    assert!(Format::from_str("nope", true).is_err());
}

#[test]
fn jsonl_offsets_slice_the_text_and_nothing_is_dropped() {
    let (out, dropped) = stream(Format::Jsonl);
    assert!(dropped.is_empty(), "{dropped:?}");
    let line: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let text = line["text"].as_str().unwrap();
    let file = fixture::sample();
    let entities = line["entities"].as_array().unwrap();
    assert_eq!(entities.len(), file.annotations.len());
    for (e, a) in entities.iter().zip(&file.annotations) {
        let (s, t) = (
            e["start_offset"].as_u64().unwrap(),
            e["end_offset"].as_u64().unwrap(),
        );
        assert_eq!(cps(text, s as usize, t as usize), a.text);
    }
    assert_eq!(line["relations"].as_array().unwrap().len(), 2);
}

#[test]
fn brat_t_lines_hold_the_text_at_their_offsets() {
    let (Output::Files(files), dropped) = export(&[fixture::sample()], Format::Brat).unwrap()
    else {
        panic!("brat is files")
    };
    let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
    assert_eq!(
        names,
        [
            "café-talks.txt",
            "café-talks.ann",
            "annotation.conf",
            "tools.conf"
        ]
    );
    let text = &files[0].1;
    assert_eq!(text, fixture::TEXT);
    let ann = &files[1].1;
    let mut t_lines = 0;
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        t_lines += 1;
        let mut parts = line.split('\t');
        let (_, fields, quoted) = (parts.next(), parts.next().unwrap(), parts.next().unwrap());
        let offsets = fields.split_once(' ').unwrap().1;
        let pieces: Vec<String> = offsets
            .split(';')
            .map(|p| {
                let (s, e) = p.split_once(' ').unwrap();
                cps(text, s.parse().unwrap(), e.parse().unwrap())
            })
            .collect();
        assert_eq!(pieces.join(" "), quoted, "{line}");
    }
    assert_eq!(t_lines, 9);
    assert!(
        ann.contains("T8\tClaim 128 136;137 147\tthe plan would fail"),
        "{ann}"
    );
    assert!(ann.contains("R1\tSpeaker Arg1:"));
    assert!(ann.contains("\tReference T"));
    assert!(ann.contains("AnnotatorNotes"));
    assert_eq!(count(&dropped, "line breaks in notes"), 1);
    assert_eq!(count(&dropped, "annotation times"), 9);
    assert!(
        files[2].1.contains(
            "[entities]\nClaim\nFamily\t<NORM>:Actor\nOrg\t<NORM>:Actor\n\
             Person\t<NORM>:Actor\nPlace\t<NORM>:Actor\n"
        ),
        "{}",
        files[2].1
    );
}

#[test]
fn brat_tools_conf_declares_the_actor_normalisation_the_n_lines_use() {
    let Output::Files(files) = export(&[fixture::sample()], Format::Brat).unwrap().0 else {
        panic!("brat is files")
    };
    let file = |name: &str| &files.iter().find(|(p, _)| p.as_os_str() == name).unwrap().1;
    let ann = file("café-talks.ann");
    let databases: Vec<&str> = ann
        .lines()
        .filter(|l| l.starts_with('N'))
        .map(|l| l.split([' ', ':']).nth(2).unwrap())
        .collect();
    assert_eq!(databases, ["Actor", "Actor"], "{ann}");
    // brat skips a normalisation source without <URL>, and queries a database unless DB is
    // <NONE>.
    let tools = file("tools.conf");
    let declared: Vec<&str> = tools
        .lines()
        .skip_while(|l| *l != "[normalization]")
        .skip(1)
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert_eq!(declared, ["Actor\tDB:<NONE>, <URL>:"], "{tools}");
    // Every type that has an N line offers the normalisation.
    let conf = file("annotation.conf");
    for line in ann.lines().filter(|l| l.starts_with('N')) {
        let target = line.split(' ').nth(1).unwrap();
        let t_line = ann
            .lines()
            .find(|l| l.starts_with(&format!("{target}\t")))
            .unwrap();
        let label = t_line.split(['\t', ' ']).nth(1).unwrap();
        assert!(
            conf.contains(&format!("\n{label}\t<NORM>:Actor\n")),
            "{label}: {conf}"
        );
    }
}

#[test]
fn label_studio_regions_slice_the_text() {
    let (out, _) = stream(Format::LabelStudio);
    let tasks: Value = serde_json::from_str(&out).unwrap();
    let task = &tasks[0];
    let text = task["data"]["text"].as_str().unwrap();
    let mut regions = 0;
    for r in task["annotations"][0]["result"].as_array().unwrap() {
        if r["type"] == "labels" {
            regions += 1;
            let v = &r["value"];
            let got = cps(
                text,
                v["start"].as_u64().unwrap() as usize,
                v["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(got, v["text"].as_str().unwrap());
        }
    }
    assert_eq!(regions, 9);
}

/// A Label Studio config read back: its `Labels` controls (name → label values), its
/// relation values, and every other tag as its name (under "tag") and attributes.
type LabelConfig = (
    Vec<(String, Vec<String>)>,
    Vec<String>,
    Vec<Vec<(String, String)>>,
);

/// Reads a Label Studio config.
fn parse_label_config(xml: &str) -> LabelConfig {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut labels, mut relations, mut others) = (Vec::new(), Vec::new(), Vec::new());
    loop {
        let event = reader.read_event().unwrap();
        let tag = match &event {
            Event::Start(t) | Event::Empty(t) => t.clone(),
            Event::Eof => break,
            _ => continue,
        };
        let attrs: Vec<(String, String)> = tag
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned();
                (a.key.as_ref().to_string(), value)
            })
            .collect();
        let attr = |k: &str| {
            attrs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        match tag.name().as_ref() {
            "Labels" => labels.push((attr("name").unwrap(), Vec::new())),
            "Label" => labels.last_mut().unwrap().1.push(attr("value").unwrap()),
            "Relation" => relations.push(attr("value").unwrap()),
            "View" | "Relations" => {}
            name => {
                let mut tag = vec![("tag".to_string(), name.to_string())];
                tag.extend(attrs);
                others.push(tag);
            }
        }
    }
    (labels, relations, others)
}

fn label_studio_with_config(docs: &[gloss::annotation::file::AnnotationFile]) -> (Value, String) {
    let export = export_with(docs, Format::LabelStudio, &ExportOptions::default()).unwrap();
    let Output::Stream(tasks) = export.output else {
        panic!("label-studio is a stream")
    };
    assert_eq!(export.companions.len(), 1);
    let config = &export.companions[0];
    assert_eq!(config.extension, "label-studio.xml");
    (
        serde_json::from_str(&tasks).unwrap(),
        config.contents.clone(),
    )
}

#[test]
fn label_studio_config_declares_every_control_label_and_relation_the_tasks_use() {
    let mut odd = fixture::sample();
    odd.annotations[0].label = "R&D \"<lab>\"".into();
    let (tasks, config) = label_studio_with_config(&[fixture::sample(), odd]);
    let (labels, relations, others) = parse_label_config(&config);
    assert_eq!(
        labels,
        [
            (
                "entity".to_string(),
                ["Family", "Org", "Person", "Place", "R&D \"<lab>\""]
                    .map(String::from)
                    .to_vec()
            ),
            ("claim".to_string(), vec!["Claim".to_string()]),
        ]
    );
    let mut results = 0;
    for task in tasks.as_array().unwrap() {
        for r in task["annotations"][0]["result"].as_array().unwrap() {
            results += 1;
            if r["type"] == "relation" {
                for label in r["labels"].as_array().unwrap() {
                    assert!(relations.iter().any(|v| v == label), "{label}");
                }
                continue;
            }
            let from = r["from_name"].as_str().unwrap();
            let to = r["to_name"].as_str().unwrap();
            let names = |tag: &str, key: &str, value: &str| {
                others.iter().any(|t| {
                    t.contains(&("tag".into(), tag.into()))
                        && t.contains(&(key.into(), value.into()))
                })
            };
            assert!(names("Text", "name", to), "{to}: {config}");
            match r["type"].as_str().unwrap() {
                "labels" => {
                    let control = labels.iter().find(|(name, _)| name == from).unwrap();
                    for label in r["value"]["labels"].as_array().unwrap() {
                        assert!(control.1.iter().any(|v| v == label), "{label}: {config}");
                    }
                }
                "textarea" => {
                    assert!(names("TextArea", "name", from), "{from}: {config}");
                    assert!(names("TextArea", "perRegion", "true"), "{config}");
                }
                other => panic!("{other}"),
            }
        }
    }
    assert!(results > 20);
    assert!(
        others
            .iter()
            .any(|t| t.contains(&("value".into(), "$text".into())))
    );
}

#[test]
fn label_studio_config_offers_the_default_labels_of_a_kind_no_task_uses() {
    let mut entities_only = fixture::sample();
    entities_only.annotations.retain(|a| a.kind == Kind::Entity);
    let (_, config) = label_studio_with_config(&[entities_only]);
    let (labels, _, _) = parse_label_config(&config);
    assert_eq!(labels[1], ("claim".to_string(), vec!["Claim".to_string()]));
}

#[test]
fn prodigy_spans_and_tokens_slice_the_text_and_tokens_rebuild_it() {
    let (out, dropped) = stream(Format::Prodigy);
    let task: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let text = task["text"].as_str().unwrap();
    let tokens = task["tokens"].as_array().unwrap();
    let mut rebuilt = String::new();
    for (i, t) in tokens.iter().enumerate() {
        assert_eq!(t["id"].as_u64().unwrap() as usize, i);
        let got = cps(
            text,
            t["start"].as_u64().unwrap() as usize,
            t["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(got, t["text"].as_str().unwrap());
        rebuilt.push_str(&got);
        if t["ws"].as_bool().unwrap() {
            rebuilt.push(' ');
        }
    }
    assert_eq!(rebuilt, text);
    let file = fixture::sample();
    for s in task["spans"].as_array().unwrap() {
        let got = cps(
            text,
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(file.annotations.iter().any(|a| a.text == got));
        let first = &tokens[s["token_start"].as_u64().unwrap() as usize];
        let last = &tokens[s["token_end"].as_u64().unwrap() as usize];
        assert_eq!(first["start"], s["start"]);
        assert_eq!(last["end"], s["end"]);
    }
    assert_eq!(task["relations"].as_array().unwrap().len(), 2);
    assert_eq!(count(&dropped, "notes"), 2);
    assert_eq!(count(&dropped, "actor names"), 2);
}

#[test]
fn w3c_selectors_agree_with_the_text() {
    let (out, dropped) = stream(Format::W3c);
    assert_eq!(count(&dropped, "annotation times"), 0);
    let collection: Value = serde_json::from_str(&out).unwrap();
    let text = collection["gloss:articles"][0]["gloss:text"]
        .as_str()
        .unwrap();
    let items = collection["first"]["items"].as_array().unwrap();
    assert_eq!(collection["total"].as_u64().unwrap() as usize, items.len());
    for item in items {
        let selectors = item["target"]["selector"].as_array().unwrap();
        let quote = &selectors[0];
        let position = &selectors[1];
        let (s, e) = (
            position["start"].as_u64().unwrap() as usize,
            position["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(cps(text, s, e), quote["exact"].as_str().unwrap());
        let prefix = quote["prefix"].as_str().unwrap();
        assert!(cps(text, 0, s).ends_with(prefix));
        let suffix = quote["suffix"].as_str().unwrap();
        assert!(cps(text, e, text.chars().count()).starts_with(suffix));
    }
}

#[test]
fn csv_rows_slice_the_text_and_quote_per_rfc_4180() {
    let (out, _) = stream(Format::Csv);
    assert!(out.starts_with("article,source,id,kind,label,start,end,text,"));
    assert!(out.ends_with("\r\n"));
    // The claim with a quote, a comma-free "&" and a line break is quoted with "" inside.
    assert!(
        out.contains("\"the 👩‍👩‍👧 family plan \"\"will <b>work</b> & last\"\"\""),
        "{out}"
    );
    let rows = parse_csv(&out);
    let text = fixture::TEXT;
    for row in &rows[1..] {
        assert_eq!(row.len(), 15);
        assert_eq!(
            cps(text, row[5].parse().unwrap(), row[6].parse().unwrap()),
            row[7]
        );
    }
    assert_eq!(rows.len(), 10);
}

/// An article whose title, sentences, annotated text and notes start with what spreadsheets
/// run as formulas.
fn formulas() -> gloss::annotation::file::AnnotationFile {
    let text = "=1+2 was typed. @user replied -5 and +3.";
    let mut tab = fixture::entity("a2", "Person", "@user");
    tab.note = Some("\tindented");
    let mut cr = fixture::entity("a3", "Num", "-5");
    cr.note = Some("\rreturn");
    let mut safe = fixture::entity("a4", "Num", "+3");
    safe.actor = Some("a=b");
    fixture::article(
        "news/formulas.txt",
        text,
        &[fixture::entity("a1", "Num", "=1+2"), tab, cr, safe],
    )
}

fn csv_with(options: CsvOptions) -> (String, Vec<Dropped>) {
    let options = ExportOptions { csv: options };
    let export = export_with(&[formulas()], Format::Csv, &options).unwrap();
    assert!(export.companions.is_empty());
    match export.output {
        Output::Stream(s) => (s, export.dropped),
        Output::Files(_) => panic!("csv is a stream"),
    }
}

#[test]
fn csv_cells_that_spreadsheets_run_as_formulas_get_a_quote_before_them() {
    let (out, dropped) = csv_with(CsvOptions::default());
    let rows = parse_csv(&out);
    let cells: Vec<&String> = rows.iter().flatten().collect();
    assert!(
        cells.iter().all(|c| !c.starts_with(FORMULA_STARTS)),
        "{rows:?}"
    );
    let text = |row: &[String]| row[7].clone();
    assert_eq!(
        rows[1..].iter().map(|r| text(r)).collect::<Vec<_>>(),
        ["'=1+2", "'@user", "'-5", "'+3"]
    );
    assert_eq!(rows[2][12], "'\tindented");
    assert_eq!(rows[3][12], "'\rreturn");
    assert_eq!(rows[4][8], "a=b", "only the first character counts");
    assert_eq!(rows[1][0], "'=1+2 was typed. @user replied -5 and +3.");
    assert!(rows[1][9].starts_with("'=1+2 was typed."), "{rows:?}");
    let prefixed = cells.iter().filter(|c| c.starts_with('\'')).count();
    assert_eq!(
        count(&dropped, "cells a spreadsheet would run as formulas"),
        prefixed
    );
    assert!(!out.starts_with('\u{feff}'));
    // Everything else is as the raw export has it.
    let (raw, raw_dropped) = csv_with(CsvOptions {
        raw_cells: true,
        byte_order_mark: false,
    });
    assert_eq!(count(&raw_dropped, "cells a spreadsheet"), 0);
    let raw_rows = parse_csv(&raw);
    assert_eq!(raw_rows[1][7], "=1+2");
    assert_eq!(raw_rows[3][12], "\rreturn");
    for (row, raw_row) in rows.iter().zip(&raw_rows) {
        for (cell, raw_cell) in row.iter().zip(raw_row) {
            assert!(cell == raw_cell || cell == &format!("'{raw_cell}"));
        }
    }
}

#[test]
fn csv_starts_with_a_byte_order_mark_only_when_asked() {
    let (plain, _) = csv_with(CsvOptions::default());
    let (marked, _) = csv_with(CsvOptions {
        raw_cells: false,
        byte_order_mark: true,
    });
    assert_eq!(marked.strip_prefix('\u{feff}'), Some(plain.as_str()));
}

/// Every row of `text`, the header too, as the `csv` crate reads it (RFC 4180).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn conll_is_iob2_with_entities_only_and_says_what_it_dropped() {
    let (out, dropped) = stream(Format::Conll);
    assert!(out.starts_with("-DOCSTART- -X- O O\n\n"));
    assert!(
        out.contains("Élodie _ _ B-Person\nMartin _ _ I-Person\n"),
        "{out}"
    );
    assert!(
        out.contains("👩‍👩‍👧 _ _ B-Family\nfamily _ _ I-Family\n"),
        "{out}"
    );
    assert!(
        out.contains("世界 _ _ B-Org\nCorp _ _ I-Org\n")
            || out.contains("世 _ _ B-Org\n界 _ _ I-Org\nCorp _ _ I-Org\n"),
        "{out}"
    );
    for line in out.lines().filter(|l| !l.is_empty()) {
        let cols: Vec<&str> = line.split(' ').collect();
        assert_eq!(cols.len(), 4, "{line:?}");
    }
    assert_eq!(count(&dropped, "claims"), 2);
    assert_eq!(count(&dropped, "notes"), 2);
    assert_eq!(count(&dropped, "overlapping or nested entities"), 1);
    assert_eq!(count(&dropped, "speaker links"), 2);
}

#[test]
fn conll_articles_are_split_where_spacy_and_conll_2003_readers_split_documents() {
    let docs = [fixture::sample(), fixture::sample()];
    let Output::Stream(out) = export(&docs, Format::Conll).unwrap().0 else {
        panic!("conll is a stream")
    };
    // spaCy's converter splits at exactly this string; CoNLL-2003 readers at a line that
    // starts with -DOCSTART-.
    let documents: Vec<&str> = out
        .split("-DOCSTART- -X- O O")
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .collect();
    assert_eq!(documents.len(), docs.len(), "{out}");
    let breaks: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("-DOCSTART-"))
        .collect();
    assert_eq!(breaks, ["-DOCSTART- -X- O O"; 2]);
    assert_eq!(documents[0], documents[1]);
}

#[test]
fn html_report_escapes_the_article_and_runs_no_script() {
    let (out, _) = stream(Format::Html);
    assert!(!out.to_lowercase().contains("<script"), "script in report");
    assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(out.contains("&lt;b&gt;work&lt;/b&gt; &amp; last"));
    assert!(out.contains("Content-Security-Policy"));
    assert!(!out.contains("<link") && !out.contains("src="));
    assert!(out.contains("<h2>Actors</h2>") && out.contains("<h2>Claims by speaker</h2>"));
    let actors = out.find("<h2>Actors</h2>").unwrap();
    let claims = out.find("<h2>Claims by speaker</h2>").unwrap();
    assert!(actors < claims);
    assert!(out[claims..].contains("<h3>Vladimir Putin</h3>"));
}

#[test]
fn markdown_report_marks_annotations_and_groups_claims_by_speaker() {
    let (out, _) = stream(Format::Markdown);
    assert!(out.contains("⟦Élodie Martin⟧²"), "{out}");
    assert!(out.contains("\\<b\\>work\\</b\\> \\& last"), "{out}");
    assert!(out.contains("## Actors") && out.contains("## Claims by speaker"));
    assert!(out.contains("### Vladimir Putin"));
    assert!(
        out.contains("- **Élodie Martin** (Person, 2 mentions)"),
        "{out}"
    );
    assert!(
        out.contains("\\-DOCSTART"),
        "a line-start dash must be escaped: {out}"
    );
}

#[test]
fn a_file_whose_quote_does_not_match_its_offsets_is_refused() {
    let mut file = fixture::sample();
    file.annotations[0].text = "something else".into();
    let err = export(&[file], Format::Jsonl).unwrap_err().to_string();
    assert!(err.contains("quotes \"something else\""), "{err}");
    let mut file = fixture::sample();
    file.annotations[0].end = 10_000;
    let err = export(&[file], Format::Csv).unwrap_err().to_string();
    assert!(err.contains("outside the text"), "{err}");
}

#[test]
fn several_files_export_as_one_collection() {
    let a = fixture::sample();
    let mut b = fixture::sample();
    b.annotations.retain(|x| x.kind == Kind::Entity);
    let (Output::Stream(out), _) = export(&[a, b], Format::Jsonl).unwrap() else {
        unreachable!()
    };
    assert_eq!(out.lines().count(), 2);
    let Output::Files(files) = export(&[fixture::sample(), fixture::sample()], Format::Brat)
        .unwrap()
        .0
    else {
        panic!()
    };
    assert!(
        files
            .iter()
            .any(|(p, _)| p.display().to_string() == "café-talks-2.ann")
    );
}

#[test]
fn the_export_command_writes_stream_and_folder_outputs_atomically() {
    use gloss::commands::export::{CsvArgs, ExportArgs, run};
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("café.txt");
    std::fs::write(&article, fixture::TEXT).unwrap();
    let json = gloss::annotation::file::to_json(&fixture::sample());
    std::fs::write(dir.path().join("café.txt.gloss.json"), json).unwrap();
    let out = dir.path().join("out.csv");
    std::fs::write(&out, "old").unwrap();
    let library = dir.path().join("library");
    run(
        ExportArgs {
            files: vec![article.clone()],
            format: Format::Csv,
            output: Some(out.clone()),
            csv: CsvArgs::default(),
        },
        &library,
    )
    .unwrap();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("article,")
    );
    let folder = dir.path().join("brat-out");
    run(
        ExportArgs {
            files: vec![article.clone()],
            format: Format::Brat,
            output: Some(folder.clone()),
            csv: CsvArgs::default(),
        },
        &library,
    )
    .unwrap();
    assert!(folder.join("café-talks.ann").exists() && folder.join("annotation.conf").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Label Studio's tasks come with the labelling config beside them.
    let tasks = dir.path().join("tasks.json");
    run(
        ExportArgs {
            files: vec![article.clone()],
            format: Format::LabelStudio,
            output: Some(tasks.clone()),
            csv: CsvArgs::default(),
        },
        &library,
    )
    .unwrap();
    let (_, config) = label_studio_with_config(&[fixture::sample()]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("tasks.label-studio.xml")).unwrap(),
        config
    );
    assert!(std::fs::read_to_string(&tasks).unwrap().starts_with('['));
    let missing = dir.path().join("none.txt");
    let err = run(
        ExportArgs {
            files: vec![missing],
            format: Format::Csv,
            output: None,
            csv: CsvArgs::default(),
        },
        &library,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("no annotation file beside it"), "{err}");
}

#[test]
fn the_export_command_takes_csv_flags_for_csv_only() {
    use gloss::commands::export::{CsvArgs, ExportArgs, run};
    let dir = tempfile::tempdir().unwrap();
    let annotations = dir.path().join("formulas.txt.gloss.json");
    std::fs::write(&annotations, gloss::annotation::file::to_json(&formulas())).unwrap();
    let library = dir.path().join("library");
    let args = |format, output: &str, csv| ExportArgs {
        files: vec![annotations.clone()],
        format,
        output: Some(dir.path().join(output)),
        csv,
    };
    run(args(Format::Csv, "safe.csv", CsvArgs::default()), &library).unwrap();
    let safe = std::fs::read_to_string(dir.path().join("safe.csv")).unwrap();
    assert!(safe.contains("\r\n'=1+2 was typed."), "{safe}");
    let raw_bom = CsvArgs {
        csv_raw: true,
        csv_bom: true,
    };
    run(args(Format::Csv, "raw.csv", raw_bom), &library).unwrap();
    let raw = std::fs::read(dir.path().join("raw.csv")).unwrap();
    assert!(raw.starts_with(b"\xef\xbb\xbfarticle,"));
    assert!(
        String::from_utf8(raw)
            .unwrap()
            .contains("\r\n=1+2 was typed.")
    );
    let err = run(args(Format::Jsonl, "out.jsonl", raw_bom), &library)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("are for --format csv or articles, not jsonl"),
        "{err}"
    );
    assert!(!dir.path().join("out.jsonl").exists());
}

#[test]
fn articles_export_one_row_per_article_with_status_date_and_counts_per_label() {
    let mut done = fixture::sample();
    done.status = Some("done".into());
    done.date = Some("2019-01-04".into());
    let empty = fixture::article("news/empty.txt", "Nothing happened.", &[]);
    let mut started = fixture::sample();
    started.source = "=HYPERLINK(\"x\")".into();
    let (output, dropped) = export(&[done, empty, started], Format::Articles).unwrap();
    let Output::Stream(csv) = output else {
        panic!("articles wrote files")
    };
    // Read back with a CSV reader, as R's read.csv or pandas would.
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<std::collections::HashMap<String, String>> = reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    assert_eq!(
        header[..9],
        [
            "title",
            "source",
            "date",
            "status",
            "annotations",
            "entities",
            "actors",
            "claims",
            "claims_with_speaker"
        ]
    );
    assert_eq!(rows.len(), 3);
    let row = &rows[0];
    assert_eq!(row["source"], "news/café-talks.txt");
    assert_eq!(row["date"], "2019-01-04");
    assert_eq!(row["status"], "done");
    assert_eq!(
        [
            &row["annotations"],
            &row["entities"],
            &row["actors"],
            &row["claims"]
        ],
        ["9", "7", "5", "2"]
    );
    assert_eq!(row["claims_with_speaker"], "2");
    assert_eq!(row["entity:Person"], "3");
    assert_eq!(row["entity:Place"], "2");
    assert_eq!(row["entity:Org"], "1");
    assert_eq!(rows[1]["status"], "new");
    assert_eq!(rows[1]["entity:Person"], "0");
    assert_eq!(rows[2]["status"], "started");
    // A cell a spreadsheet would run is written as text, and said so.
    assert_eq!(rows[2]["source"], "'=HYPERLINK(\"x\")");
    assert!(
        dropped
            .iter()
            .any(|d| d.what.contains("formulas") && d.count == 1),
        "{dropped:?}"
    );
}
