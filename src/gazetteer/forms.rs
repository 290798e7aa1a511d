//! The forms under which an entry is searched: its name, its aliases and,
//! for people, the generated short forms, each folded into a search key and
//! labelled with the rules that apply to it.

use super::entry::Entry;
use super::variants::person_variants;
use super::words::is_english_word;
use crate::text::chars::is_word_char;
use crate::text::fold;

/// Where a form comes from. Explicit forms (the name and the user's
/// aliases) take precedence over generated ones when they collide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// The canonical name.
    Name,
    /// An alias the user gave.
    Alias,
    /// A short form generated from a person's name.
    Generated,
}

/// One searchable form of an entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    /// The form as written (`U.S.`, `al-Assad`).
    pub text: String,
    /// The folded search key (`u.s`, `al assad`).
    pub key: String,
    /// Where the form comes from.
    pub origin: Origin,
    /// Whether the form names the entity in full, so that later short forms
    /// in the same document can refer to it.
    pub full: bool,
    /// Whether the key is an ordinary English word (`may`, `brown`).
    pub word: bool,
    /// Whether the text must have the same capitalisation as the form.
    pub case_sensitive: bool,
    /// Whether the entry was declared case-insensitive: the form then
    /// matches in any capitalisation, even where it is an English word.
    pub case_free: bool,
    /// Whether the form is a dotted abbreviation (`U.S.`), whose trailing
    /// period is optional in text.
    pub dotted: bool,
}

/// The search key of a form and whether it is a dotted abbreviation.
///
/// `U.S.`, `U.S` and `u.s.` all give `u.s`: the trailing period of an
/// abbreviation is dropped from the key and taken back from the text when
/// it is there.
pub fn search_key(text: &str) -> (String, bool) {
    // Folding keeps runs of spaces (`al - Assad` → `al   assad`); a key has
    // single spaces, and the matcher reads any run in a text as one.
    let folded = fold(text);
    let folded = if folded.contains("  ") {
        folded
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        folded
    };
    let trimmed = folded.trim_matches(' ');
    let stem = trimmed.strip_suffix('.').unwrap_or(trimmed);
    // Ends in `x.y`, where `x` and `y` are single letters.
    let b = stem.as_bytes();
    let n = b.len();
    let dotted = n >= 3
        && b[n - 2] == b'.'
        && b[n - 1].is_ascii_alphabetic()
        && b[n - 3].is_ascii_alphabetic()
        && (n == 3 || !b[n - 4].is_ascii_alphanumeric());
    if dotted {
        (stem.to_string(), true)
    } else {
        (trimmed.to_string(), false)
    }
}

/// Whether `text` is written in capitals only (at least two letters).
fn all_capitals(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// All the forms of `entry`, in priority order, without two forms of the
/// same key.
pub fn entry_forms(entry: &Entry, person_variants_on: bool) -> Vec<Form> {
    let mut forms: Vec<Form> = Vec::new();
    let add = |text: &str, origin: Origin, full_variant: bool, forms: &mut Vec<Form>| {
        let (key, dotted) = search_key(text);
        if !key.chars().any(is_word_char) {
            return;
        }
        let word = is_english_word(&key);
        let case_sensitive = match entry.case_sensitive {
            Some(cs) => cs,
            None => !dotted && word && all_capitals(text),
        };
        let full = match origin {
            Origin::Name => true,
            Origin::Alias => !word,
            Origin::Generated => full_variant && !word,
        };
        let push = |key: String, forms: &mut Vec<Form>| {
            if !forms.iter().any(|f| f.key == key) {
                forms.push(Form {
                    text: text.to_string(),
                    key,
                    origin,
                    full,
                    word,
                    case_sensitive,
                    case_free: entry.case_sensitive == Some(false),
                    dotted,
                });
            }
        };
        // The stripped style writes `o brien` for `O'Brien`.
        let spaced = key.contains('\'').then(|| {
            key.split(['\'', ' '])
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        });
        push(key, forms);
        if let Some(spaced) = spaced.filter(|k| k.chars().any(is_word_char)) {
            push(spaced, forms);
        }
    };
    add(&entry.name, Origin::Name, true, &mut forms);
    for alias in &entry.aliases {
        add(alias, Origin::Alias, true, &mut forms);
    }
    if person_variants_on && entry.is_person() {
        for v in person_variants(&entry.name) {
            add(&v.text, Origin::Generated, v.full, &mut forms);
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_abbreviations_share_a_key() {
        for text in ["U.S.", "U.S", "u.s.", " U.S. "] {
            assert_eq!(search_key(text), ("u.s".to_string(), true), "{text:?}");
        }
        assert_eq!(search_key("U.S.A."), ("u.s.a".to_string(), true));
        assert_eq!(
            search_key("Washington, D.C."),
            ("washington, d.c".to_string(), true)
        );
        assert_eq!(search_key("Jr."), ("jr.".to_string(), false));
        assert_eq!(search_key("US"), ("us".to_string(), false));
        assert_eq!(search_key("al-Assad"), ("al assad".to_string(), false));
        assert_eq!(search_key("al - Assad"), ("al assad".to_string(), false));
        assert_eq!(search_key("0- 0"), ("0 0".to_string(), false));
    }

    #[test]
    fn acronyms_that_are_words_are_case_sensitive() {
        let e = Entry::new("who", "World Health Organization", "ORG").with_aliases(["WHO"]);
        let forms = entry_forms(&e, true);
        let who = forms.iter().find(|f| f.key == "who").unwrap();
        assert!(who.case_sensitive && who.word && !who.full);
        let e =
            Entry::new("nato", "North Atlantic Treaty Organization", "ORG").with_aliases(["NATO"]);
        let nato = entry_forms(&e, true)
            .into_iter()
            .find(|f| f.key == "nato")
            .unwrap();
        assert!(!nato.case_sensitive && nato.full);
        let e = Entry::new("us", "United States", "GPE").with_aliases(["US", "U.S."]);
        let forms = entry_forms(&e, true);
        assert!(forms.iter().find(|f| f.key == "us").unwrap().case_sensitive);
        assert!(
            !forms
                .iter()
                .find(|f| f.key == "u.s")
                .unwrap()
                .case_sensitive
        );
        let e = e.with_case_sensitive(false);
        assert!(!entry_forms(&e, true).iter().any(|f| f.case_sensitive));
    }

    #[test]
    fn person_forms_carry_their_rules() {
        let e = Entry::new("may", "Theresa May", "PERSON");
        let forms = entry_forms(&e, true);
        let may = forms.iter().find(|f| f.key == "may").unwrap();
        assert_eq!(may.origin, Origin::Generated);
        assert!(may.word && !may.full && !may.case_sensitive);
        assert!(entry_forms(&e, false).iter().all(|f| f.key != "may"));
        let e = Entry::new("ob", "Conan O’Brien", "PERSON");
        let keys: Vec<String> = entry_forms(&e, true).into_iter().map(|f| f.key).collect();
        assert_eq!(
            keys,
            ["conan o'brien", "conan o brien", "o'brien", "o brien"]
        );
    }
}
