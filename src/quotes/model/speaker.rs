//! Features of a candidate speaker, for the `speaker` model: is this entity
//! the one the phrase at the cue refers to?
//!
//! The rules resolve a speaker phrase (`he`, `the commissioner`, `the
//! affable proprietor`) to one entity; the model weighs that choice against
//! the other entities the article referred to lately and the phrase itself:
//! how recent each is, whether it spoke, whether it opened a sentence,
//! whether its gender, number and kind fit the phrase, whether its roles are
//! the phrase's.

use super::{bucket, Features};
use crate::quotes::coref::{EntityKind, SpeakerCandidate, Tracker};
use crate::quotes::doc::Doc;
use crate::quotes::lexicon::{Gender, Pronoun};
use crate::quotes::speakers::{Head, SpeakerPhrase};

/// The heads whose resolution the model weighs: pronouns, role nouns and
/// other descriptions. (A dictionary entry or a full name is certain.)
pub fn ranks(phrase: &SpeakerPhrase) -> bool {
    matches!(
        phrase.head,
        Head::Pronoun(Pronoun::He | Pronoun::She | Pronoun::They | Pronoun::It)
            | Head::Role { .. }
            | Head::Other
    )
}

/// A short label for the phrase's head. (A phrase made up for training,
/// `synthetic`, stands where a name was: its role noun counts as definite.)
fn head_label(doc: &Doc<'_>, phrase: &SpeakerPhrase, synthetic: bool) -> String {
    match &phrase.head {
        Head::Pronoun(p) => format!("{p:?}").to_lowercase(),
        Head::Role { role, plural } => {
            let r = doc.lexicon.role(*role);
            let det = match doc.norm(phrase.range.start) {
                _ if synthetic => "def",
                "the" | "this" | "that" => "def",
                "a" | "an" | "one" | "another" => "indef",
                _ => "bare",
            };
            format!(
                "role:{:?}:{det}{}",
                r.class,
                if *plural { ":pl" } else { "" }
            )
        }
        Head::Other => {
            let det = match doc.norm(phrase.range.start) {
                "the" => "def",
                "a" | "an" => "indef",
                _ => "bare",
            };
            format!("other:{det}")
        }
        Head::Mention(_) => "mention".to_string(),
        Head::Name(_) => "name".to_string(),
    }
}

/// Adds the features of candidate `c` for `phrase` to `f`.
pub fn features(
    doc: &Doc<'_>,
    tracker: &Tracker,
    phrase: &SpeakerPhrase,
    c: &SpeakerCandidate,
    synthetic: bool,
    f: &mut Features,
) {
    let h = head_label(doc, phrase, synthetic);
    let h = h.as_str();
    f.add2("h|rule", h, if c.rule_choice { "y" } else { "n" });
    let Some(e) = c.entity else {
        f.add("h|self", h);
        let words = phrase.range.len();
        f.add2("h|self_len", h, bucket(words));
        return;
    };
    let ent = &tracker.entities[e];
    let kind = match ent.kind {
        EntityKind::Person => "person",
        EntityKind::Organisation => "org",
        EntityKind::Place => "place",
        EntityKind::Group => "group",
        EntityKind::Descriptor => "descr",
    };
    f.add2("h|kind", h, kind);
    f.add2("h|rank", h, bucket(c.rank));
    f.add2("h|kind|rank", &format!("{h}|{kind}"), bucket(c.rank));
    f.add2("h|sentences", h, bucket(c.sentences));
    f.add2("h|paragraphs", h, bucket(c.paragraphs));
    f.add2("h|refs", h, bucket(c.refs));
    f.add2("h|speaker_rank", h, c.speaker_rank.map_or("never", bucket));
    if c.speaker_rank.is_some() {
        f.add2("h|spoke_sentences", h, bucket(c.spoke_sentences));
    }
    f.flag(&format!("{h}|same_sentence"), c.same_sentence);
    f.flag(&format!("{h}|subject"), c.subject);
    f.flag(&format!("{h}|in_quote"), c.in_quote);
    f.flag(&format!("{h}|entry"), ent.entry.is_some());
    f.add2(
        "h|rule|rank",
        &format!("{h}|{}", c.rule_choice),
        bucket(c.rank),
    );
    // Gender and number against a pronoun.
    if let Head::Pronoun(p) = &phrase.head {
        let want = match p {
            Pronoun::He => Some(Gender::Male),
            Pronoun::She => Some(Gender::Female),
            _ => None,
        };
        let agree = match (want, ent.gender) {
            (Some(w), Some(g)) if w == g => "match",
            (Some(_), Some(_)) => "clash",
            (Some(_), None) => "unknown",
            _ => "-",
        };
        f.add2("h|gender", h, agree);
        f.add2("h|gender|kind", &format!("{h}|{agree}"), kind);
        f.add2("h|plural", h, if ent.plural { "y" } else { "n" });
    }
    // Roles and describing words against a role noun or description.
    if let Head::Role { role, .. } = &phrase.head {
        let label = &doc.lexicon.role(*role).label;
        let same = ent
            .roles
            .iter()
            .any(|r| r == role || doc.lexicon.role(*r).label == *label)
            || (ent.kind == EntityKind::Descriptor && ent.key == *label);
        let class = ent
            .roles
            .iter()
            .any(|r| doc.lexicon.role(*r).class == doc.lexicon.role(*role).class);
        f.add2(
            "h|role",
            h,
            if same {
                "same"
            } else if class {
                "class"
            } else {
                "none"
            },
        );
    }
    if matches!(phrase.head, Head::Role { .. } | Head::Other) {
        let mods = &phrase.modifiers;
        if !mods.is_empty() {
            let all = mods.iter().all(|m| ent.modifiers.contains(m));
            f.add2("h|modifiers", h, if all { "all" } else { "not" });
        }
        // `the agency`, `the utility`: a word of the phrase in the name.
        let name = ent.name.to_lowercase();
        let shared = (phrase.head_range.start..phrase.head_range.end)
            .any(|k| doc.is_word(k) && name.split_whitespace().any(|w| w == doc.norm(k)));
        f.flag(&format!("{h}|name_word"), shared && !synthetic);
    }
}

/// For training by self-supervision: the phrases that could have stood
/// for `entity` where the text names it in full — `he` or `she` if its
/// gender is known, and `the <role>` for each role it was given (`Prime
/// Minister Justin Trudeau … the prime minister said`).
pub fn hidden_forms(
    doc: &Doc<'_>,
    tracker: &Tracker,
    entity: usize,
    at: std::ops::Range<usize>,
) -> Vec<SpeakerPhrase> {
    let ent = &tracker.entities[entity];
    let mut out = Vec::new();
    if ent.kind != EntityKind::Person {
        return out;
    }
    let phrase = |head: Head| SpeakerPhrase {
        range: at.clone(),
        head_range: at.clone(),
        head,
        titles: Vec::new(),
        modifiers: Vec::new(),
        apposition: None,
    };
    match ent.gender {
        Some(Gender::Male) => out.push(phrase(Head::Pronoun(Pronoun::He))),
        Some(Gender::Female) => out.push(phrase(Head::Pronoun(Pronoun::She))),
        None => {}
    }
    if let Some(&role) = ent
        .roles
        .iter()
        .find(|&&r| doc.lexicon.role(r).class != crate::quotes::lexicon::RoleClass::Organisation)
    {
        out.push(phrase(Head::Role {
            role,
            plural: false,
        }));
    }
    out
}
