//! The short forms a news writer uses for a person, generated from the full
//! name so that users do not have to list them.
//!
//! From `Recep Tayyip Erdoğan` we generate `Tayyip Erdoğan`, `Recep Erdoğan`
//! and `Erdoğan`; from `Bashar al-Assad`, `al-Assad` and `Assad`; from
//! `George W. Bush`, `George Bush`, `W. Bush` and `Bush`; from `Xi Jinping`,
//! `Xi`. A first name alone is never generated.

use super::words::is_title;

/// A generated form of a person's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// The form, as it would be written.
    pub text: String,
    /// Whether the form names the person in full (keeps a given name), as
    /// opposed to a surname alone.
    pub full: bool,
}

/// Name particles that belong to the surname (`van Gogh`, `bin Salman`).
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "van", "von", "de", "da", "di", "du", "del", "della", "der",
    "den", "la", "le", "dos", "das", "do", "ter", "ten", "zu", "st.",
];

/// Arabic article prefixes written with a hyphen (`al-Assad`, `ash-Shaar`).
const HYPHEN_PARTICLES: &[&str] = &[
    "al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "ul-",
];

/// Generational suffixes dropped before finding the surname.
const SUFFIXES: &[&str] = &[
    "jr", "jr.", "sr", "sr.", "jnr", "jnr.", "snr", "snr.", "ii", "iii", "iv",
];

/// Titles followed by a given name, not a surname (`King Salman`, `Pope
/// Francis`, `Sir Keir`): the name after them is never generated alone.
const GIVEN_NAME_TITLES: &[&str] = &[
    "king", "queen", "prince", "princess", "pope", "sheikh", "emir", "sir", "dame", "lady",
];

/// Chinese, Korean and Vietnamese family names written first. Kept to those
/// that are not also common English given names.
const FAMILY_NAME_FIRST: &[&str] = &[
    "xi", "li", "wang", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "zhu",
    "hu", "guo", "gao", "lin", "luo", "zheng", "liang", "xie", "tang", "feng", "deng", "cao",
    "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "du", "ye", "cheng",
    "wei", "su", "ding", "ren", "shen", "yao", "cui", "zhong", "tan", "fan", "jin", "shi", "liao",
    "jia", "xia", "wen", "fu", "fang", "zou", "xiong", "bai", "meng", "qin", "qiu", "hou", "yin",
    "xue", "yan", "duan", "lei", "mao", "hao", "kong", "shao", "qian", "dai", "kim", "choi",
    "jung", "kang", "cho", "yoon", "jang", "lim", "moon", "shin", "ryu", "nguyen",
];

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn is_initial(token: &str) -> bool {
    let letters: Vec<char> = token.trim_end_matches('.').chars().collect();
    letters.len() == 1 && letters[0].is_alphabetic()
}

/// The generated forms of a person's `name`, not including the name itself.
/// Forms are distinct; their order is stable.
pub fn person_variants(name: &str) -> Vec<Variant> {
    let mut tokens: Vec<&str> = name
        .split_whitespace()
        .map(|t| t.trim_end_matches(','))
        .filter(|t| !t.is_empty())
        .collect();
    let mut out: Vec<Variant> = Vec::new();
    let push = |text: String, full: bool, out: &mut Vec<Variant>| {
        if !text.is_empty() && text != name && !out.iter().any(|v| v.text == text) {
            out.push(Variant { text, full });
        }
    };

    // Drop titles in front and generational suffixes behind. A name that is
    // only a title and one name (`King Salman`, `Pope Francis`) stays whole:
    // the bare name would be a first name alone.
    let mut dropped_title = false;
    while tokens.len() > 2 && is_title(&lower(tokens[0])) {
        tokens.remove(0);
        dropped_title = true;
    }
    while tokens.len() > 2 && SUFFIXES.contains(&lower(tokens[tokens.len() - 1]).as_str()) {
        tokens.pop();
    }
    if tokens.len() < 2
        || (tokens.len() == 2 && GIVEN_NAME_TITLES.contains(&lower(tokens[0]).as_str()))
    {
        return out;
    }
    if dropped_title || tokens.len() < name.split_whitespace().count() {
        push(tokens.join(" "), true, &mut out);
    }

    // Family name first (Xi Jinping, Kim Jong-un): the first token is the
    // surname news uses alone.
    if tokens.len() <= 3 && FAMILY_NAME_FIRST.contains(&lower(tokens[0]).as_str()) {
        push(tokens[0].to_string(), false, &mut out);
        return out;
    }

    // The surname: the last token with the particles before it.
    let n = tokens.len();
    let mut k = n - 1;
    while k > 1 && PARTICLES.contains(&lower(tokens[k - 1]).as_str()) {
        k -= 1;
    }
    let surname = tokens[k..].join(" ");
    let given = &tokens[..k];

    // Longer forms first: suffixes that keep at least one given name
    // (`Tayyip Erdogan`), then first name + surname (`Recep Erdogan`),
    // then the name without middle initials (`George Bush`).
    for j in 1..k {
        push(tokens[j..].join(" "), true, &mut out);
    }
    if k >= 2 {
        push(format!("{} {}", given[0], surname), true, &mut out);
    }
    let no_initials: Vec<&str> = tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| *i == 0 || *i >= k || !is_initial(t))
        .map(|(_, t)| *t)
        .collect();
    if no_initials.len() >= 2 {
        push(no_initials.join(" "), true, &mut out);
    }

    // The surname alone, with and without its particles.
    push(surname.clone(), false, &mut out);
    let last = tokens[n - 1];
    if k < n - 1 {
        push(last.to_string(), false, &mut out);
    }
    let last_lower = lower(last);
    if let Some(p) = HYPHEN_PARTICLES
        .iter()
        .find(|p| last_lower.starts_with(**p))
    {
        let bare = &last[p.len()..];
        if bare.chars().next().is_some_and(char::is_alphabetic) {
            push(bare.to_string(), false, &mut out);
            // The full name without its particle (`Bashar Assad`).
            push(format!("{} {bare}", given.join(" ")), true, &mut out);
        }
    } else if k < n - 1 {
        push(format!("{} {last}", given.join(" ")), true, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(name: &str) -> Vec<String> {
        person_variants(name).into_iter().map(|v| v.text).collect()
    }

    #[test]
    fn news_writers_short_forms() {
        let cases: &[(&str, &[&str])] = &[
            ("Vladimir Putin", &["Putin"]),
            ("Bashar al-Assad", &["al-Assad", "Assad", "Bashar Assad"]),
            (
                "Recep Tayyip Erdoğan",
                &["Tayyip Erdoğan", "Recep Erdoğan", "Erdoğan"],
            ),
            ("George W. Bush", &["W. Bush", "George Bush", "Bush"]),
            (
                "Martin Luther King Jr.",
                &["Martin Luther King", "Luther King", "Martin King", "King"],
            ),
            (
                "Ludwig van Beethoven",
                &["van Beethoven", "Beethoven", "Ludwig Beethoven"],
            ),
            (
                "Mohammed bin Salman",
                &["bin Salman", "Salman", "Mohammed Salman"],
            ),
            (
                "Abdel Fattah al-Sisi",
                &[
                    "Fattah al-Sisi",
                    "Abdel al-Sisi",
                    "al-Sisi",
                    "Sisi",
                    "Abdel Fattah Sisi",
                ],
            ),
            ("Xi Jinping", &["Xi"]),
            ("Kim Jong-un", &["Kim"]),
            ("Dr. Anthony Fauci", &["Anthony Fauci", "Fauci"]),
            ("King Salman", &[]),
            ("Pope Francis", &[]),
            ("Madonna", &[]),
            ("Mr. Smith", &["Smith"]),
            ("Theresa May", &["May"]),
        ];
        for (name, want) in cases {
            assert_eq!(forms(name), *want, "variants of {name:?}");
        }
    }

    #[test]
    fn never_a_first_name_alone() {
        for name in [
            "Vladimir Putin",
            "Recep Tayyip Erdoğan",
            "Martin Luther King Jr.",
            "Justin Trudeau",
            "Sheikh Hasina Wazed",
            "Jean-Claude Juncker",
        ] {
            let first = name
                .split_whitespace()
                .find(|t| !is_title(&lower(t)))
                .unwrap();
            assert!(
                !forms(name).iter().any(|f| f == first),
                "{name}: generated {first:?} alone"
            );
        }
    }

    #[test]
    fn full_forms_are_marked() {
        let v = person_variants("Recep Tayyip Erdoğan");
        let full: Vec<_> = v
            .iter()
            .filter(|v| v.full)
            .map(|v| v.text.as_str())
            .collect();
        assert_eq!(full, ["Tayyip Erdoğan", "Recep Erdoğan"]);
        assert!(!v.iter().find(|v| v.text == "Erdoğan").unwrap().full);
    }
}
