//! Features of a candidate speaker, for the `speaker` model: is this entity
//! the one the phrase at the cue refers to?
//!
//! The rules resolve a speaker phrase (`he`, `the commissioner`, `the
//! affable proprietor`) to one entity; the model weighs that choice against
//! the other entities the article referred to lately and the phrase itself:
//! how recent each is, whether it spoke, whether it opened a sentence,
//! whether its gender, number and kind fit the phrase, whether its roles are
//! the phrase's.

use super::{bucket, class_piece, p, pronoun_piece, yes, Features, Piece};
use crate::quotes::coref::{EntityKind, Position, SpeakerCandidate, Tracker};
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

/// A phrase's head as the features see it: its kind (`he`, `she`, `they`,
/// `it`, a role class such as `official`, or `other`) and its determiner
/// (`def`, `indef`, `bare`, with `-pl` for a plural). A phrase made up for
/// training (`synthetic`) stands where a name was: its role noun counts as
/// definite.
#[derive(Clone, Copy, Debug)]
pub struct HeadLabel {
    pub kind: Piece<'static>,
    pub det: Piece<'static>,
}

impl HeadLabel {
    pub fn of(doc: &Doc<'_>, phrase: &SpeakerPhrase, synthetic: bool) -> HeadLabel {
        let det = |plural: bool| {
            let d = match doc.norm(phrase.range.start) {
                _ if synthetic => 0,
                "the" | "this" | "that" => 0,
                "a" | "an" | "one" | "another" => 1,
                _ => 2,
            };
            match (d, plural) {
                (0, false) => p!("def"),
                (1, false) => p!("indef"),
                (_, false) => p!("bare"),
                (0, true) => p!("def-pl"),
                (1, true) => p!("indef-pl"),
                (_, true) => p!("bare-pl"),
            }
        };
        match &phrase.head {
            Head::Pronoun(p) => HeadLabel {
                kind: pronoun_piece(*p),
                det: p!("-"),
            },
            Head::Role { role, plural } => HeadLabel {
                kind: class_piece(doc.lexicon.role(*role).class),
                det: det(*plural),
            },
            Head::Other => HeadLabel {
                kind: p!("other"),
                det: det(false),
            },
            Head::Mention(_) => HeadLabel {
                kind: p!("mention"),
                det: p!("-"),
            },
            Head::Name(_) => HeadLabel {
                kind: p!("name"),
                det: p!("-"),
            },
        }
    }
}

/// Adds the features of candidate `c` for `phrase` (whose head is `h`) to
/// `f`.
pub fn features(
    doc: &Doc<'_>,
    tracker: &Tracker,
    phrase: &SpeakerPhrase,
    h: HeadLabel,
    c: &SpeakerCandidate,
    synthetic: bool,
    f: &mut Features,
) {
    let (hk, hd) = (h.kind, h.det);
    f.add3(p!("h|rule"), hk, hd, yes(c.rule_choice));
    let Some(e) = c.entity else {
        f.add2(p!("h|self"), hk, hd);
        f.add3(p!("h|self_len"), hk, hd, bucket(phrase.range.len()));
        return;
    };
    let ent = &tracker.entities[e];
    let kind = match ent.kind {
        EntityKind::Person => p!("person"),
        EntityKind::Organisation => p!("org"),
        EntityKind::Place => p!("place"),
        EntityKind::Group => p!("group"),
        EntityKind::Descriptor => p!("descr"),
    };
    f.add3(p!("h|kind"), hk, hd, kind);
    f.add3(p!("h|rank"), hk, hd, bucket(c.rank));
    f.add3(p!("h|kind|rank"), hk, kind, bucket(c.rank));
    f.add3(p!("h|sentences"), hk, hd, bucket(c.sentences));
    f.add3(p!("h|paragraphs"), hk, hd, bucket(c.paragraphs));
    f.add3(p!("h|refs"), hk, hd, bucket(c.refs));
    f.add3(
        p!("h|speaker_rank"),
        hk,
        hd,
        c.speaker_rank.map_or(p!("never"), bucket),
    );
    if c.speaker_rank.is_some() {
        f.add3(p!("h|spoke_sentences"), hk, hd, bucket(c.spoke_sentences));
    }
    f.add2(p!("h|same_sentence"), hk, yes(c.same_sentence));
    f.add2(p!("h|subject"), hk, yes(c.subject));
    f.add2(p!("h|in_quote"), hk, yes(c.in_quote));
    let position = match c.position {
        Position::Subject => p!("subject"),
        Position::Possessive => p!("possessive"),
        Position::Oblique => p!("oblique"),
        Position::Other => p!("other"),
    };
    f.add2(p!("h|position"), hk, position);
    f.add3(p!("h|position|rank"), hk, position, bucket(c.rank.min(4)));
    f.add2(p!("h|entry"), hk, yes(ent.entry.is_some()));
    f.add3(p!("h|rule|rank"), hk, yes(c.rule_choice), bucket(c.rank));
    // Gender and number against a pronoun.
    if let Head::Pronoun(p) = &phrase.head {
        let want = match p {
            Pronoun::He => Some(Gender::Male),
            Pronoun::She => Some(Gender::Female),
            _ => None,
        };
        let agree = match (want, ent.gender) {
            (Some(w), Some(g)) if w == g => p!("match"),
            (Some(_), Some(_)) => p!("clash"),
            (Some(_), None) => p!("unknown"),
            _ => p!("-"),
        };
        f.add2(p!("h|gender"), hk, agree);
        f.add3(p!("h|gender|kind"), hk, agree, kind);
        f.add2(p!("h|plural"), hk, yes(ent.plural));
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
        let fit = if same {
            p!("same")
        } else if class {
            p!("class")
        } else {
            p!("none")
        };
        f.add3(p!("h|role"), hk, hd, fit);
    }
    if matches!(phrase.head, Head::Role { .. } | Head::Other) {
        let mods = &phrase.modifiers;
        if !mods.is_empty() {
            let all = mods.iter().all(|m| ent.modifiers.contains(m));
            f.add3(
                p!("h|modifiers"),
                hk,
                hd,
                if all { p!("all") } else { p!("not") },
            );
        }
        // `the agency`, `the utility`: a word of the phrase in the name.
        let shared = !synthetic
            && (phrase.head_range.start..phrase.head_range.end).any(|k| {
                doc.is_word(k)
                    && ent
                        .name
                        .split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case(doc.norm(k)))
            });
        f.add2(p!("h|name_word"), hk, yes(shared));
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
