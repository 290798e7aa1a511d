//! Runs the table-driven cases of `tests/cases/*.toml` against the core.
//! The same files are run from Python by `tests/test_gazetteer_cases.py`.

use std::collections::BTreeMap;

use quotewise::{Entry, Gazetteer, GazetteerOptions};
use serde::Deserialize;

#[derive(Deserialize)]
struct Dictionary {
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Case {
    rule: String,
    dictionary: String,
    text: String,
    expect: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct CaseFile {
    dictionaries: BTreeMap<String, Dictionary>,
    cases: Vec<Case>,
}

fn load(name: &str) -> CaseFile {
    let path = format!("{}/tests/cases/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A mention as the case files write it: [text, id], where an ambiguous
/// mention's id is `?` followed by its candidates joined with `|`.
fn describe(text: &str, m: &quotewise::Mention) -> (String, String) {
    let id = match &m.entry {
        Some(e) => e.id.clone(),
        None => format!(
            "?{}",
            m.candidates
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join("|")
        ),
    };
    (text[m.start..m.end].to_string(), id)
}

#[test]
fn gazetteer_cases() {
    let file = load("gazetteer.toml");
    let gazetteers: BTreeMap<&str, Gazetteer> = file
        .dictionaries
        .iter()
        .map(|(name, d)| {
            let g = Gazetteer::with_entries(GazetteerOptions::default(), d.entries.clone())
                .unwrap_or_else(|e| panic!("dictionary {name}: {e}"));
            (name.as_str(), g)
        })
        .collect();
    let mut failures = Vec::new();
    for case in &file.cases {
        let g = gazetteers
            .get(case.dictionary.as_str())
            .unwrap_or_else(|| panic!("{}: no dictionary {}", case.rule, case.dictionary));
        let got: Vec<(String, String)> = g
            .find(&case.text)
            .unwrap()
            .iter()
            .map(|m| describe(&case.text, m))
            .collect();
        if got != case.expect {
            failures.push(format!(
                "{}\n  text:   {:?}\n  expect: {:?}\n  got:    {:?}",
                case.rule, case.text, case.expect, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        file.cases.len() >= 30,
        "the case file should not shrink unnoticed"
    );
}
