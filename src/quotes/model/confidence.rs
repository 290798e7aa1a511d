//! Features of a finished quote, for the `confidence` model: the
//! probability that the quote and its speaker are both right.
//!
//! The acceptance model says how likely the words are a quote, the speaker
//! model (or the rules' certainty for names and dictionary entries) how
//! likely the speaker is right. Their product is not a probability of both:
//! the two errors are not independent, and each model is over-confident on
//! the data it learned from. The confidence model maps them, with the rule
//! and the kind of speaker, to a probability fitted on held-in predictions
//! of the tuning data (cross-validated), so that of the quotes given 0.9
//! about nine in ten are right.

use super::{p, Features};
use crate::quotes::coref::EntityKind;
use crate::quotes::rules::Rule;

/// How a quote's speaker was found.
#[derive(Clone, Copy, Debug)]
pub struct Evidence {
    /// The head of the speaker phrase (`mention`, `name`, `pronoun`,
    /// `role`, `other`), or `none`.
    pub head: &'static str,
    /// The speaker comes from another attribution.
    pub inherited: bool,
    /// What the speaker was resolved to, if anything.
    pub entity: Option<EntityKind>,
    /// The certainty of the resolution, in (0, 1].
    pub certainty: f32,
    /// The speaker is linked to an entry of the caller's dictionary. The
    /// same certainty means more for a name the caller listed than for a
    /// name read from the text alone, as it must be without a dictionary.
    pub linked: bool,
}

fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

/// Adds the features of a quote found by `rule`, accepted with probability
/// `accept`, with a speaker found as `ev`.
pub fn features(rule: Rule, accept: f32, ev: &Evidence, f: &mut Features) {
    f.real(p!("logit_accept"), logit(accept));
    f.real(p!("logit_speaker"), logit(ev.certainty));
    f.add(p!("rule"), rule.piece());
    f.add2(
        p!("head|inherited"),
        ev.head,
        if ev.inherited { "y" } else { "n" },
    );
    let entity = match ev.entity {
        Some(EntityKind::Person) => "person",
        Some(EntityKind::Organisation) => "org",
        Some(EntityKind::Place) => "place",
        Some(EntityKind::Group) => "group",
        Some(EntityKind::Descriptor) => "descr",
        None => "none",
    };
    f.add(p!("entity"), entity);
    f.add2(
        p!("entity|linked"),
        entity,
        if ev.linked { "y" } else { "n" },
    );
}

/// The confidence without a trained model: the acceptance probability
/// times the square root of the speaker's certainty, less for a speaker
/// that is no person or organisation.
pub fn fallback(accept: f32, ev: &Evidence) -> f32 {
    let kind = match ev.entity {
        Some(EntityKind::Person) | Some(EntityKind::Organisation) => 1.0,
        Some(_) => 0.95,
        None => 0.8,
    };
    (accept * ev.certainty.max(0.3).sqrt() * kind).clamp(0.0, 1.0)
}
