//! Runs the table-driven quote cases of `tests/cases/quotes.toml` against
//! the core. The same file is run from Python by `tests/test_quote_cases.py`;
//! both check the same fields in the same way.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use quotewise::gazetteer::Automaton;
use quotewise::quotes::{Form, Quote, QuoteExtractor, QuoteOptions};
use quotewise::text::Casing;
use quotewise::{Entry, Gazetteer, GazetteerOptions};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dictionary {
    entries: Vec<Entry>,
}

/// An expected quote; `None` fields are not checked, `Some("")` means "none".
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Expect {
    text: String,
    speaker: Option<String>,
    speaker_name: Option<String>,
    speaker_id: Option<String>,
    kind: Option<String>,
    marked: Option<bool>,
    cue: Option<String>,
    addressee: Option<String>,
    addressee_id: Option<String>,
    rule: Option<String>,
}

impl Expect {
    /// The fields given, as the case file writes them.
    fn describe(&self) -> String {
        let mut parts = vec![format!("text: {:?}", self.text)];
        let fields = [
            ("speaker", &self.speaker),
            ("speaker_name", &self.speaker_name),
            ("speaker_id", &self.speaker_id),
            ("kind", &self.kind),
            ("cue", &self.cue),
            ("addressee", &self.addressee),
            ("addressee_id", &self.addressee_id),
            ("rule", &self.rule),
        ];
        for (name, value) in fields {
            if let Some(v) = value {
                parts.push(format!("{name}: {v:?}"));
            }
        }
        if let Some(m) = self.marked {
            parts.push(format!("marked: {m}"));
        }
        format!("{{{}}}", parts.join(", "))
    }
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    dictionary: Option<String>,
    entries: Option<Vec<Entry>>,
    casing: Option<String>,
    #[serde(default)]
    thought_verbs: bool,
    #[serde(default)]
    extra_cues: Vec<Vec<String>>,
    #[serde(default)]
    removed_cues: Vec<String>,
    #[serde(default = "yes")]
    unmarked_speech: bool,
    form: Option<String>,
    expect: Vec<Expect>,
    #[serde(default)]
    partial: bool,
    #[serde(default)]
    absent: Vec<String>,
    /// A known miss, with its reason: the case must fail (so the list
    /// stays true) and its failure is not counted.
    known: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    dictionaries: BTreeMap<String, Dictionary>,
    cases: Vec<Case>,
}

fn load() -> CaseFile {
    let path = format!("{}/tests/cases/quotes.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn automaton(entries: &[Entry], what: &str) -> Arc<Automaton> {
    Gazetteer::with_entries(GazetteerOptions::default(), entries.to_vec())
        .and_then(|g| g.automaton())
        .unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// A quote found, with the fields the cases can check (`""` for none).
#[derive(Debug)]
struct Found {
    text: String,
    speaker: String,
    speaker_name: String,
    speaker_id: String,
    kind: String,
    marked: bool,
    cue: String,
    addressee: String,
    addressee_id: String,
    rule: String,
}

impl Found {
    fn new(text: &str, q: &Quote, a: Option<&Automaton>) -> Found {
        let span = |s: Option<quotewise::quotes::Span>| {
            s.map_or_else(String::new, |s| text[s.start..s.end].to_string())
        };
        let id = |e: Option<u32>| match (a, e) {
            (Some(a), Some(e)) => a.entry(e).id.clone(),
            _ => String::new(),
        };
        Found {
            text: text[q.content.start..q.content.end].to_string(),
            speaker: span(q.speaker),
            speaker_name: q.speaker_name.clone().unwrap_or_default(),
            speaker_id: id(q.speaker_entry),
            kind: q.kind.as_str().to_string(),
            marked: q.marked,
            cue: span(q.cue),
            addressee: span(q.addressee),
            addressee_id: id(q.addressee_entry),
            rule: q.rule.to_string(),
        }
    }

    fn describe(&self) -> String {
        format!(
            "{{text: {:?}, speaker: {:?}, speaker_name: {:?}, speaker_id: {:?}, kind: {}, marked: {}, cue: {:?}, addressee: {:?}, rule: {}}}",
            self.text,
            self.speaker,
            self.speaker_name,
            self.speaker_id,
            self.kind,
            self.marked,
            self.cue,
            self.addressee,
            self.rule
        )
    }
}

/// The differences between an expected quote and the quote found.
fn compare(e: &Expect, f: &Found) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |field: &str, want: &Option<String>, got: &str| {
        if let Some(w) = want {
            if w != got {
                out.push(format!("{field}: expected {w:?}, found {got:?}"));
            }
        }
    };
    check("speaker", &e.speaker, &f.speaker);
    check("speaker_name", &e.speaker_name, &f.speaker_name);
    check("speaker_id", &e.speaker_id, &f.speaker_id);
    check("kind", &e.kind, &f.kind);
    check("cue", &e.cue, &f.cue);
    check("addressee", &e.addressee, &f.addressee);
    check("addressee_id", &e.addressee_id, &f.addressee_id);
    check("rule", &e.rule, &f.rule);
    if let Some(m) = e.marked {
        if m != f.marked {
            out.push(format!("marked: expected {m}, found {}", f.marked));
        }
    }
    out
}

/// The problems of one case; empty if it passes.
fn run(case: &Case, dictionaries: &BTreeMap<String, Arc<Automaton>>) -> Vec<String> {
    let a: Option<Arc<Automaton>> = match (&case.dictionary, &case.entries) {
        (Some(_), Some(_)) => panic!("{}: both dictionary and entries", case.name),
        (Some(d), None) => Some(
            dictionaries
                .get(d)
                .unwrap_or_else(|| panic!("{}: no dictionary {d}", case.name))
                .clone(),
        ),
        (None, Some(entries)) => Some(automaton(entries, &case.name)),
        (None, None) => None,
    };
    let casing = match case.casing.as_deref() {
        None | Some("auto") => None,
        Some("cased") => Some(Casing::Cased),
        Some("uncased") => Some(Casing::Uncased),
        Some(other) => panic!("{}: unknown casing {other:?}", case.name),
    };
    let ex = QuoteExtractor::new(QuoteOptions {
        thought_verbs: case.thought_verbs,
        extra_cues: case.extra_cues.clone(),
        removed_cues: case.removed_cues.clone(),
        unmarked_speech: case.unmarked_speech,
        form: match case.form.as_deref() {
            None | Some("auto") => None,
            Some(name) => Some(
                Form::from_name(name)
                    .unwrap_or_else(|| panic!("{}: unknown form {name:?}", case.name)),
            ),
        },
    });
    let analysis = ex.analyse(&case.text, a.as_deref(), casing);
    let found: Vec<Found> = analysis
        .quotes
        .iter()
        .map(|q| Found::new(&case.text, q, a.as_deref()))
        .collect();

    let mut problems = Vec::new();
    let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
    let expected: Vec<&str> = case.expect.iter().map(|e| e.text.as_str()).collect();
    if !case.partial && texts != expected {
        problems.push(format!(
            "quote texts: expected {expected:?}, found {texts:?}"
        ));
    }
    // Each expected quote against the found quote with its text (in order,
    // each found quote used once), so that fields are checked even when the
    // list differs.
    let mut used = vec![false; found.len()];
    for e in &case.expect {
        let hit = (0..found.len()).find(|&i| !used[i] && found[i].text == e.text);
        match hit {
            None if case.partial => problems.push(format!("quote {:?}: not found", e.text)),
            None => {}
            Some(i) => {
                used[i] = true;
                problems.extend(
                    compare(e, &found[i])
                        .into_iter()
                        .map(|p| format!("quote {:?}: {p}", e.text)),
                );
            }
        }
    }
    for t in &case.absent {
        if texts.contains(&t.as_str()) {
            problems.push(format!("quote {t:?}: must not be a quote"));
        }
    }
    if problems.is_empty() {
        return problems;
    }
    let mut report = vec![
        format!("case: {}", case.name),
        format!("  text:     {:?}", case.text),
        format!(
            "  expected: [{}]",
            case.expect
                .iter()
                .map(Expect::describe)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        "  found:".to_string(),
    ];
    report.extend(found.iter().map(|f| format!("    {}", f.describe())));
    if found.is_empty() {
        report.push("    (no quote)".to_string());
    }
    report.extend(problems.iter().map(|p| format!("  - {p}")));
    vec![report.join("\n")]
}

#[test]
fn quote_cases() {
    let file = load();
    let dictionaries: BTreeMap<String, Arc<Automaton>> = file
        .dictionaries
        .iter()
        .map(|(name, d)| (name.clone(), automaton(&d.entries, name)))
        .collect();
    let mut names = BTreeSet::new();
    for case in &file.cases {
        assert!(
            names.insert(case.name.as_str()),
            "case name repeats: {}",
            case.name
        );
    }
    let mut failures: Vec<String> = Vec::new();
    for case in &file.cases {
        let problems = run(case, &dictionaries);
        match (&case.known, problems.is_empty()) {
            (Some(_), true) => failures.push(format!(
                "case: {}\n  the known miss passes now; remove `known`",
                case.name
            )),
            (Some(_), false) => {}
            (None, _) => failures.extend(problems),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} quote case(s) failed:\n\n{}",
        failures.len(),
        file.cases.len(),
        failures.join("\n\n")
    );
    assert!(
        file.cases.len() >= 80,
        "the case file should not shrink unnoticed"
    );
}

/// Every attribution rule is shown at work by at least one case that names
/// it, so a rule cannot lose its last test unnoticed.
#[test]
fn every_rule_has_a_case() {
    let file = load();
    let named: BTreeSet<&str> = file
        .cases
        .iter()
        .flat_map(|c| c.expect.iter().filter_map(|e| e.rule.as_deref()))
        .collect();
    for name in &named {
        assert!(
            quotewise::quotes::Rule::from_name(name).is_some(),
            "a case names an unknown rule: {name}"
        );
    }
    let missing: Vec<&str> = quotewise::quotes::Rule::ALL
        .iter()
        .map(|r| r.name())
        .filter(|n| !named.contains(n))
        .collect();
    assert!(missing.is_empty(), "rules with no case: {missing:?}");
}

/// The names in the first column of every table of `path` whose header's
/// first cell is `rule`.
fn rule_tables(path: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut names = BTreeSet::new();
    let mut in_table = false;
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        if cells.get(1) == Some(&"rule") {
            in_table = true;
            continue;
        }
        if in_table && !cells[1].starts_with("---") {
            names.insert(cells[1].trim_matches('`').to_string());
        }
    }
    names
}

/// README's and DESIGN's rule tables list every rule of the `Rule` enum,
/// and no other.
#[test]
fn docs_list_every_rule() {
    let rules: BTreeSet<String> = quotewise::quotes::Rule::ALL
        .iter()
        .map(|r| r.name().to_string())
        .collect();
    for path in ["README.md", "DESIGN.md"] {
        let listed = rule_tables(path);
        let missing: Vec<&String> = rules.difference(&listed).collect();
        let unknown: Vec<&String> = listed.difference(&rules).collect();
        assert!(
            missing.is_empty() && unknown.is_empty(),
            "{path}: rules missing from its rule tables {missing:?}, unknown rules listed {unknown:?}"
        );
    }
}
