//! Reading dictionaries from files, and the saved-gazetteer format.
//!
//! Input files: CSV and TSV (a header row; aliases `|`-joined in one
//! column; every other column becomes metadata) and JSONL (one entry object
//! per line). Every error names the file, the line and the reason.
//!
//! The saved format is one JSON object:
//!
//! ```json
//! {"format": "quotewise-gazetteer", "version": 1,
//!  "options": {"person_variants": true},
//!  "entries": [
//! {"id": "putin", "name": "Vladimir Putin", "kind": "PERSON", "aliases": ["Putin"]}
//! ]}
//! ```
//!
//! with one entry per line, so that a diff or an error points at the entry.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::entry::{split_aliases, Entry};
use super::GazetteerOptions;
use crate::error::{Error, Result};

/// Name of the saved format, stored in its `format` field.
pub const FORMAT_NAME: &str = "quotewise-gazetteer";
/// Version of the saved format this build writes and reads.
pub const FORMAT_VERSION: u64 = 1;

/// Which column holds which field of a CSV/TSV file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: String,
    pub weight: String,
    pub case_sensitive: String,
    /// Kind of every row when the file has no kind column.
    pub default_kind: Option<String>,
    /// Separator of the names in the aliases column.
    pub alias_separator: char,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            id: "id".into(),
            name: "name".into(),
            kind: "kind".into(),
            aliases: "aliases".into(),
            weight: "weight".into(),
            case_sensitive: "case_sensitive".into(),
            default_kind: None,
            alias_separator: '|',
        }
    }
}

/// File formats the loader knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Tsv,
    Jsonl,
    /// The saved-gazetteer format.
    Json,
}

impl Format {
    /// The format named by `name` (`csv`, `tsv`, `jsonl`, `json`).
    pub fn from_name(name: &str) -> Result<Format> {
        match name.trim_start_matches('.').to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "tsv" | "tab" => Ok(Format::Tsv),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "json" => Ok(Format::Json),
            other => Err(Error::argument(format!(
                "unknown dictionary format {other:?}; use csv, tsv, jsonl or json"
            ))),
        }
    }

    /// The format of `path`, from its extension.
    pub fn from_path(path: &Path) -> Result<Format> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        Format::from_name(ext).map_err(|_| {
            Error::argument(format!(
                "{}: cannot tell the format from the file name; name it .csv, .tsv, .jsonl or .json, or pass the format",
                path.display()
            ))
        })
    }
}

/// Reads a file as UTF-8 text (a byte order mark is dropped).
fn read_text(path: &Path) -> Result<String> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(&shown, &e))?;
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{FEFF}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
            Err(Error::file(
                &shown,
                line,
                format!(
                    "not UTF-8 text (byte 0x{:02x} at offset {at}); re-save the file as UTF-8",
                    bytes[at]
                ),
            ))
        }
    }
}

/// Reads the entries of a dictionary file (and, for the saved format, its
/// options).
pub fn read_file(
    path: &Path,
    format: Option<Format>,
    columns: &Columns,
) -> Result<(Option<GazetteerOptions>, Vec<Entry>)> {
    let format = match format {
        Some(f) => f,
        None => Format::from_path(path)?,
    };
    let text = read_text(path)?;
    let shown = path.display().to_string();
    match format {
        Format::Csv => parse_delimited(&text, b',', columns, &shown).map(|e| (None, e)),
        Format::Tsv => parse_delimited(&text, b'\t', columns, &shown).map(|e| (None, e)),
        Format::Jsonl => parse_jsonl(&text, &shown).map(|e| (None, e)),
        Format::Json => parse_saved(&text, &shown).map(|(o, e)| (Some(o), e)),
    }
}

/// Checks one parsed row and remembers its id, so that every problem is
/// reported with the line it is on.
struct RowChecker<'a> {
    source: &'a str,
    seen: HashMap<String, usize>,
}

impl<'a> RowChecker<'a> {
    fn new(source: &'a str) -> Self {
        RowChecker {
            source,
            seen: HashMap::new(),
        }
    }

    fn check(&mut self, entry: Entry, line: usize) -> Result<Entry> {
        let entry = entry
            .validate()
            .map_err(|e| Error::file(self.source, line, e.message()))?;
        if let Some(first) = self.seen.insert(entry.id.clone(), line) {
            return Err(Error::file(
                self.source,
                line,
                format!("id {:?} repeats the id on line {first}", entry.id),
            ));
        }
        Ok(entry)
    }
}

/// Parses CSV (`delimiter` `,`) or TSV (`\t`) text with a header row.
pub fn parse_delimited(
    text: &str,
    delimiter: u8,
    columns: &Columns,
    source: &str,
) -> Result<Vec<Entry>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(1, |p| p.line() as usize);
        let reason = match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => {
                format!("the row has {len} fields but the header has {expected_len}")
            }
            _ => e.to_string(),
        };
        Error::file(source, line, reason)
    };
    let header: Vec<String> = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let find = |name: &str| header.iter().position(|h| h == name);
    let missing = |what: &str, name: &str| {
        Error::file(
            source,
            1,
            format!(
                "no {what} column {name:?} in the header (columns: {}); name the column or pass its name",
                header.join(", ")
            ),
        )
    };
    let id_col = find(&columns.id).ok_or_else(|| missing("id", &columns.id))?;
    let name_col = find(&columns.name).ok_or_else(|| missing("name", &columns.name))?;
    let kind_col = find(&columns.kind);
    if kind_col.is_none() && columns.default_kind.is_none() {
        return Err(missing("kind", &columns.kind));
    }
    let alias_col = find(&columns.aliases);
    let weight_col = find(&columns.weight);
    let cs_col = find(&columns.case_sensitive);
    let known = [
        Some(id_col),
        Some(name_col),
        kind_col,
        alias_col,
        weight_col,
        cs_col,
    ];

    let mut checker = RowChecker::new(source);
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let kind = match kind_col {
            Some(k) if !field(k).is_empty() => field(k).to_string(),
            _ => columns.default_kind.clone().unwrap_or_default(),
        };
        let mut entry = Entry::new(field(id_col), field(name_col), kind);
        if let Some(c) = alias_col {
            entry.aliases = split_aliases(field(c), columns.alias_separator);
        }
        if let Some(c) = weight_col {
            let w = field(c);
            if !w.is_empty() {
                entry.weight = Some(w.parse::<f64>().map_err(|_| {
                    Error::file(source, line, format!("weight {w:?} is not a number"))
                })?);
            }
        }
        if let Some(c) = cs_col {
            entry.case_sensitive = parse_bool(field(c)).map_err(|v| {
                Error::file(
                    source,
                    line,
                    format!("case_sensitive {v:?} is not true or false"),
                )
            })?;
        }
        let mut metadata = Map::new();
        for (i, name) in header.iter().enumerate() {
            if !known.contains(&Some(i)) && !field(i).is_empty() {
                metadata.insert(name.clone(), Value::String(field(i).to_string()));
            }
        }
        entry.metadata = metadata;
        entries.push(checker.check(entry, line)?);
    }
    Ok(entries)
}

fn parse_bool(v: &str) -> std::result::Result<Option<bool>, String> {
    match v.to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "true" | "1" | "yes" | "y" | "t" => Ok(Some(true)),
        "false" | "0" | "no" | "n" | "f" => Ok(Some(false)),
        _ => Err(v.to_string()),
    }
}

/// Parses JSONL text: one entry object per line; blank lines are skipped.
pub fn parse_jsonl(text: &str, source: &str) -> Result<Vec<Entry>> {
    let mut checker = RowChecker::new(source);
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let entry: Entry = serde_json::from_str(line)
            .map_err(|e| Error::file(source, line_no, json_reason(&e)))?;
        entries.push(checker.check(entry, line_no)?);
    }
    Ok(entries)
}

fn json_reason(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; the caller already names the line.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    if e.is_eof() {
        format!("the JSON ends too early (truncated?): {msg}")
    } else {
        msg
    }
}

#[derive(Deserialize)]
struct SavedHeader {
    format: Option<String>,
    version: Option<Value>,
}

#[derive(Deserialize)]
struct Saved {
    #[serde(default)]
    options: GazetteerOptions,
    entries: Vec<Entry>,
}

/// Parses a saved gazetteer.
pub fn parse_saved(text: &str, source: &str) -> Result<(GazetteerOptions, Vec<Entry>)> {
    let syntax = |e: serde_json::Error| Error::file(source, e.line().max(1), json_reason(&e));
    let header: SavedHeader = serde_json::from_str(text).map_err(syntax)?;
    match header.format.as_deref() {
        Some(FORMAT_NAME) => {}
        Some(other) => {
            return Err(Error::file(
                source,
                1,
                format!("not a saved quotewise gazetteer (format {other:?}, expected {FORMAT_NAME:?})"),
            ))
        }
        None => {
            return Err(Error::file(
                source,
                1,
                format!("not a saved quotewise gazetteer (no \"format\": {FORMAT_NAME:?} field); to read one entry per line use the jsonl format"),
            ))
        }
    }
    match header.version.as_ref().and_then(Value::as_u64) {
        Some(v) if v == FORMAT_VERSION => {}
        Some(v) if v > FORMAT_VERSION => {
            return Err(Error::file(
                source,
                1,
                format!("written by a newer quotewise (format version {v}; this version reads {FORMAT_VERSION}); upgrade quotewise"),
            ))
        }
        other => {
            return Err(Error::file(
                source,
                1,
                format!("unsupported format version {:?} (this version reads {FORMAT_VERSION})", other.map(|v| v.to_string())),
            ))
        }
    }
    let saved: Saved = serde_json::from_str(text).map_err(syntax)?;
    let mut checker = RowChecker::new(source);
    // Entries are written one per line after the header line.
    let entries = saved
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| checker.check(e, i + 2))
        .collect::<Result<Vec<_>>>()?;
    Ok((saved.options, entries))
}

/// Writes a gazetteer in the saved format.
pub fn to_saved_json(options: &GazetteerOptions, entries: &[std::sync::Arc<Entry>]) -> String {
    let mut out = String::with_capacity(64 + entries.len() * 96);
    let options = serde_json::to_string(options).unwrap_or_else(|_| "{}".into());
    out.push_str(&format!(
        "{{\"format\": \"{FORMAT_NAME}\", \"version\": {FORMAT_VERSION}, \"options\": {options}, \"entries\": [\n"
    ));
    for (i, e) in entries.iter().enumerate() {
        // An Entry is plain strings, numbers and JSON values: it always serialises.
        out.push_str(&serde_json::to_string(e.as_ref()).unwrap_or_default());
        out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
    }
    out.push_str("]}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use std::sync::Arc;

    fn cols() -> Columns {
        Columns::default()
    }

    #[test]
    fn csv_with_aliases_and_metadata() {
        let text = "id,name,kind,aliases,weight,party\n\
                    1,Bashar al-Assad,PERSON,Assad|Bashar Assad,2,Baath\n\
                    2,\"Assad, Hafez\",PERSON,,,\n";
        let e = parse_delimited(text, b',', &cols(), "people.csv").unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].aliases, ["Assad", "Bashar Assad"]);
        assert_eq!(e[0].weight, Some(2.0));
        assert_eq!(e[0].metadata["party"], "Baath");
        assert_eq!(e[1].name, "Assad, Hafez");
        assert!(e[1].metadata.is_empty());
    }

    #[test]
    fn bad_rows_name_file_line_and_reason() {
        let cases: &[(&str, &str)] = &[
            (
                "id,name,kind\n1,A,ORG\n2,,ORG\n",
                "people.csv, line 3: entry \"2\": `name` is empty",
            ),
            (
                "id,name,kind\n1,A,ORG\n1,B,ORG\n",
                "people.csv, line 3: id \"1\" repeats the id on line 2",
            ),
            (
                "id,name\n1,A\n",
                "people.csv, line 1: no kind column \"kind\"",
            ),
            (
                "ident,name,kind\n1,A,ORG\n",
                "people.csv, line 1: no id column \"id\"",
            ),
            (
                "id,name,kind\n1,A,ORG\n2,B\n",
                "people.csv, line 3: the row has 2 fields but the header has 3",
            ),
            (
                "id,name,kind,weight\n1,A,ORG,heavy\n",
                "people.csv, line 2: weight \"heavy\" is not a number",
            ),
        ];
        for (text, want) in cases {
            let err = parse_delimited(text, b',', &cols(), "people.csv").unwrap_err();
            assert!(err.to_string().starts_with(want), "got {err}, want {want}");
            assert_eq!(err.kind(), ErrorKind::InvalidFile);
        }
    }

    #[test]
    fn jsonl_lines() {
        let text = "{\"id\": \"a\", \"name\": \"A\", \"kind\": \"ORG\", \"aliases\": \"X|Y\"}\n\n{\"id\": \"b\", \"name\": \"B\"}\n";
        let err = parse_jsonl(text, "d.jsonl").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("d.jsonl, line 3: missing field `kind`"),
            "{err}"
        );
        let ok = parse_jsonl(
            &text.replace("\"B\"}", "\"B\", \"kind\": \"GPE\"}"),
            "d.jsonl",
        )
        .unwrap();
        assert_eq!(ok[0].aliases, ["X", "Y"]);
    }

    #[test]
    fn saved_round_trip_and_versions() {
        let entries: Vec<Arc<Entry>> = vec![
            Arc::new(Entry::new("p", "Vladimir Putin", "PERSON").with_aliases(["Putin"])),
            Arc::new(Entry::new("k", "Kremlin", "ORG")),
        ];
        let opts = GazetteerOptions {
            person_variants: false,
        };
        let text = to_saved_json(&opts, &entries);
        let (o, e) = parse_saved(&text, "g.json").unwrap();
        assert_eq!(o, opts);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0], *entries[0]);

        let newer = text.replace("\"version\": 1", "\"version\": 2");
        let err = parse_saved(&newer, "g.json").unwrap_err();
        assert!(err.to_string().contains("newer quotewise"), "{err}");
        let truncated = &text[..text.len() / 2];
        let err = parse_saved(truncated, "g.json").unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");
        let err = parse_saved("{\"entries\": []}", "g.json").unwrap_err();
        assert!(
            err.to_string().contains("not a saved quotewise gazetteer"),
            "{err}"
        );
    }

    #[test]
    fn non_utf8_file_is_reported_with_its_line() {
        let dir = std::env::temp_dir().join(format!("qw-io-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("latin1.csv");
        std::fs::write(&path, b"id,name,kind\n1,Z\xfcrich,GPE\n").unwrap();
        let err = read_file(&path, None, &cols()).unwrap_err();
        assert!(err.to_string().contains("line 2: not UTF-8"), "{err}");
        let err = read_file(&dir.join("missing.csv"), None, &cols()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        let folder = dir.join("folder.csv");
        std::fs::create_dir_all(&folder).unwrap();
        let err = read_file(&folder, None, &cols()).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::Io,
            "a directory is there but not readable as a file"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
