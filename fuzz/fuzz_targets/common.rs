//! Shared by the fuzz targets: turning fuzzer bytes into a dictionary and a
//! text.

use quotewise::gazetteer::{Entry, Gazetteer, GazetteerOptions};
use quotewise::text::Casing;

/// The input, split at its first NUL: a dictionary (one entry per line,
/// `name|alias|alias`; the line's position picks the kind) and a text. The
/// first byte picks the casing and whether short person forms are made.
pub struct Input {
    pub gazetteer: Option<Gazetteer>,
    pub text: String,
    pub casing: Option<Casing>,
}

const KINDS: [&str; 4] = ["PERSON", "ORG", "GPE", "NORP"];

pub fn split(data: &[u8]) -> Input {
    let (flags, rest) = match data.split_first() {
        Some((f, r)) => (*f, r),
        None => (0, data),
    };
    let all = String::from_utf8_lossy(rest);
    let (dict, text) = match all.split_once('\0') {
        Some((d, t)) => (d.to_string(), t.to_string()),
        None => (String::new(), all.to_string()),
    };
    let casing = match flags % 3 {
        0 => None,
        1 => Some(Casing::Cased),
        _ => Some(Casing::Uncased),
    };
    let entries: Vec<Entry> = dict
        .lines()
        .take(64)
        .enumerate()
        .filter_map(|(i, line)| {
            let mut names = line.split('|').map(str::to_string);
            let name = names.next()?;
            Some(Entry {
                id: format!("e{i}"),
                name,
                kind: KINDS[i % KINDS.len()].to_string(),
                aliases: names.collect(),
                weight: None,
                case_sensitive: match (flags >> 2) % 3 {
                    0 => None,
                    1 => Some(true),
                    _ => Some(false),
                },
                metadata: Default::default(),
            })
        })
        .collect();
    let options = GazetteerOptions {
        person_variants: flags & 0x80 == 0,
    };
    // Invalid entries (empty names, duplicate ids) are refused with an
    // error, which is fine: then there is no dictionary.
    let gazetteer = if entries.is_empty() {
        None
    } else {
        Gazetteer::with_entries(options, entries).ok()
    };
    Input {
        gazetteer,
        text,
        casing,
    }
}

/// Asserts that `start..end` is a non-empty-or-empty valid slice of `text`.
pub fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end, "{what}: start {start} > end {end}");
    assert!(end <= text.len(), "{what}: end {end} past the text ({})", text.len());
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {start}..{end} not on char boundaries"
    );
}
