//! A dictionary entry: one person, organisation or place.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// Longest name or alias accepted, in bytes. Longer strings are almost
/// always a mis-parsed file (a whole paragraph in one cell).
pub const MAX_ALIAS_BYTES: usize = 1000;

/// One entry of a gazetteer.
///
/// Serialised as a flat JSON object: the fields below plus any other keys,
/// which are kept as [`Entry::metadata`] and returned untouched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Unique identifier (numbers in a file are turned into strings).
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type, free text: PERSON, ORG, GPE, NORP, ...
    pub kind: String,
    /// Other names the entity goes by. In a file, a list or one string of
    /// `|`-separated names.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "list_or_joined"
    )]
    pub aliases: Vec<String>,
    /// Preference when an alias is shared and the document does not settle
    /// which entry it means: the higher weight wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// `Some(true)`: every form matches only with the same capitalisation;
    /// `Some(false)`: never; `None`: automatic (an all-capitals alias that is
    /// an English word, like `US` or `WHO`, is case-sensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_sensitive: Option<bool>,
    /// Any other fields, returned untouched.
    #[serde(flatten)]
    pub metadata: Map<String, Value>,
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "`id` must be a string or a number, not {other}"
        ))),
    }
}

fn list_or_joined<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(Vec::new()),
        Value::String(s) => Ok(split_aliases(&s, '|')),
        Value::Array(items) => items
            .into_iter()
            .map(|v| match v {
                Value::String(s) => Ok(s),
                other => Err(serde::de::Error::custom(format!(
                    "`aliases` must hold strings, not {other}"
                ))),
            })
            .collect(),
        other => Err(serde::de::Error::custom(format!(
            "`aliases` must be a list of strings or a `|`-separated string, not {other}"
        ))),
    }
}

/// Splits a joined alias string (`"U.S.|USA|America"`).
pub fn split_aliases(s: &str, separator: char) -> Vec<String> {
    s.split(separator)
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from)
        .collect()
}

impl Entry {
    /// An entry with no aliases, weight or metadata.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: impl Into<String>) -> Entry {
        Entry {
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            aliases: Vec::new(),
            weight: None,
            case_sensitive: None,
            metadata: Map::new(),
        }
    }

    /// The same entry with `aliases`.
    pub fn with_aliases<I, S>(mut self, aliases: I) -> Entry
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.aliases = aliases.into_iter().map(Into::into).collect();
        self
    }

    /// The same entry with a `weight`.
    pub fn with_weight(mut self, weight: f64) -> Entry {
        self.weight = Some(weight);
        self
    }

    /// The same entry with case sensitivity set.
    pub fn with_case_sensitive(mut self, case_sensitive: bool) -> Entry {
        self.case_sensitive = Some(case_sensitive);
        self
    }

    /// The weight, 0 where none was given.
    pub fn weight_or_default(&self) -> f64 {
        self.weight.unwrap_or(0.0)
    }

    /// Whether this entry names a person (kind `PERSON`, any case).
    pub fn is_person(&self) -> bool {
        self.kind.eq_ignore_ascii_case("PERSON") || self.kind.eq_ignore_ascii_case("PER")
    }

    /// Checks the fields and tidies whitespace. Returns the reason an entry
    /// cannot be used.
    pub fn validate(mut self) -> Result<Entry> {
        self.id = self.id.trim().to_string();
        if self.id.is_empty() {
            return Err(Error::entry("entry has an empty `id`"));
        }
        let what = |field: &str| format!("entry {:?}: {field}", self.id);
        self.name = tidy(&self.name);
        if self.name.is_empty() {
            return Err(Error::entry(format!("{} is empty", what("`name`"))));
        }
        if self.name.len() > MAX_ALIAS_BYTES {
            return Err(Error::entry(format!(
                "{} is {} bytes long; the limit is {MAX_ALIAS_BYTES}",
                what("`name`"),
                self.name.len()
            )));
        }
        self.kind = self.kind.trim().to_string();
        if self.kind.is_empty() {
            return Err(Error::entry(format!("{} is empty", what("`kind`"))));
        }
        let mut aliases = Vec::with_capacity(self.aliases.len());
        for alias in &self.aliases {
            let alias = tidy(alias);
            if alias.len() > MAX_ALIAS_BYTES {
                return Err(Error::entry(format!(
                    "{} has an alias {} bytes long; the limit is {MAX_ALIAS_BYTES}",
                    what("`aliases`"),
                    alias.len()
                )));
            }
            // Empty aliases (from `a||b` or a trailing `|`) are dropped, not errors.
            if !alias.is_empty() && alias != self.name && !aliases.contains(&alias) {
                aliases.push(alias);
            }
        }
        self.aliases = aliases;
        if let Some(w) = self.weight {
            if !w.is_finite() {
                return Err(Error::entry(format!(
                    "{} must be a finite number, not {w}",
                    what("`weight`")
                )));
            }
        }
        Ok(self)
    }
}

/// Trims and collapses inner whitespace runs to one space.
fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_keeps_metadata() {
        let line = r#"{"id": 7, "name": "Bashar  al-Assad", "kind": "PERSON", "aliases": ["Assad", "", "Assad"], "party": "Baath", "born": 1965}"#;
        let e: Entry = serde_json::from_str(line).unwrap();
        let e = e.validate().unwrap();
        assert_eq!(e.id, "7");
        assert_eq!(e.name, "Bashar al-Assad");
        assert_eq!(e.aliases, vec!["Assad"]);
        assert_eq!(e.metadata["party"], "Baath");
        assert_eq!(e.metadata["born"], 1965);
        let back: Entry = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn rejects_what_cannot_be_matched() {
        let cases = [
            (Entry::new(" ", "X", "ORG"), "empty `id`"),
            (Entry::new("a", "  ", "ORG"), "`name` is empty"),
            (Entry::new("a", "X", ""), "`kind` is empty"),
            (Entry::new("a", "x".repeat(2000), "ORG"), "bytes long"),
            (Entry::new("a", "X", "ORG").with_weight(f64::NAN), "finite"),
        ];
        for (entry, want) in cases {
            let err = entry.validate().unwrap_err();
            assert!(err.message().contains(want), "{err} should mention {want}");
        }
        let err = serde_json::from_str::<Entry>(r#"{"id": [1], "name": "X", "kind": "ORG"}"#)
            .unwrap_err();
        assert!(err
            .to_string()
            .contains("`id` must be a string or a number"));
    }
}
