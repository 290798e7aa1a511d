//! Features of a candidate attribution, for the `acceptance` model: is this
//! a quote a reader would take from the text?
//!
//! What a rule proposed is described by what the rule is, the cue and its
//! sense, how the content is introduced and what it reads like, and who is
//! said to speak. Pairs of these (`cue|intro=said|that`) let the model learn
//! that `denied` takes a clause after `that` but is no report before a noun.

use super::{bucket, Features};
use crate::quotes::doc::Doc;
use crate::quotes::lexicon::Function;
use crate::quotes::rules::clause::{is_object_not_clause, words};
use crate::quotes::rules::{Attribution, Rule, Source};
use crate::quotes::speakers::Head;
use crate::quotes::tokens::Kind;
use crate::text::Casing;

/// The feature that carries the rules' weight; training keeps its weight
/// near 1 (it is regularised towards 1, not 0).
pub const PRIOR: &str = "prior";

/// What the choice among candidates knows about one candidate beyond the
/// attribution itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct Situation {
    /// The rules' own first choice for the cue (the first rule of the list
    /// that claims it).
    pub first_choice: bool,
    /// Another candidate's content holds this one's cue (`X said Y
    /// stressed Z`).
    pub framed: bool,
    /// Number of candidates proposed for the same cue.
    pub rivals: usize,
    /// For an attribution that takes its speaker from another: the other's
    /// rule, and how many paragraphs back it is.
    pub source_rule: Option<Rule>,
    pub paragraphs_back: usize,
    /// For unmarked speech: how many sentences of speech lie between this
    /// one and its source's, and whether it stands before the source.
    pub sentences_away: usize,
    pub before_source: bool,
    /// Another rule reads the same content under another cue.
    pub contested_by: Option<Rule>,
}

/// The cue's lemma (`say`), or the words of a cue phrase (`according to`).
pub fn cue_lemma<'d>(doc: &'d Doc<'_>, cue: &std::ops::Range<usize>) -> &'d str {
    match doc.info(cue.start).and_then(|w| w.cue) {
        Some(c) if cue.len() == 1 => doc.lexicon.cue(c).lemma.as_str(),
        _ => {
            // Phrasal verbs and phrases: their first word's form names them
            // well enough (`pointed` out, `according` to).
            doc.norm(cue.start)
        }
    }
}

/// How the words right before `a` introduce it.
fn intro(doc: &Doc<'_>, a: usize) -> &'static str {
    if a == 0 {
        return "start";
    }
    let p = a - 1;
    match doc.kind(p) {
        Some(Kind::Colon) => "colon",
        Some(Kind::Comma) => "comma",
        Some(Kind::Quote(_)) => "mark",
        Some(Kind::End) => "end",
        Some(Kind::Break { .. }) => "break",
        Some(Kind::Dash) => "dash",
        Some(Kind::Word) => match doc.norm(p) {
            "that" => "that",
            "whether" | "if" => "whether",
            _ if doc
                .info(p)
                .is_some_and(|w| w.cue.is_some() || !w.particle_cues.is_empty()) =>
            {
                "cue"
            }
            _ => "word",
        },
        _ => "other",
    }
}

/// A coarse class of token `i` for what opens or follows content.
fn word_class(doc: &Doc<'_>, i: usize) -> &'static str {
    match doc.kind(i) {
        None => "none",
        Some(Kind::Word) => match doc.function(i) {
            Some(Function::Pronoun(p)) => {
                if p.is_speech_person() {
                    "pron12"
                } else {
                    "pron3"
                }
            }
            Some(Function::Determiner) => "det",
            Some(Function::Auxiliary) => "aux",
            Some(Function::Negation) => "neg",
            Some(Function::Adverb) => "adv",
            Some(Function::Subordinator) => "sub",
            Some(Function::Conjunction) => "conj",
            Some(Function::Preposition) => {
                if doc.norm(i) == "to" {
                    "to"
                } else {
                    "prep"
                }
            }
            Some(Function::Day) => "day",
            None if doc.mention_at(i).is_some() => "mention",
            None if doc.capitalised(i) => "cap",
            None if doc.info(i).is_some_and(|w| w.cue.is_some()) => "cueword",
            None if doc.norm(i).ends_with("ing") => "ing",
            None => "word",
        },
        Some(Kind::Quote(_)) => "mark",
        Some(Kind::End) => "end",
        Some(Kind::Comma) => "comma",
        Some(Kind::Colon) => "colon",
        Some(_) => "punct",
    }
}

/// What the content after a cue is built as: a clause after `that`, a
/// colon or marks; `to` and a verb (`vowed to fight`); an object and `to`
/// (`urged Congress to act`), `of` (`accused Holt of being`), `as`
/// (`described it as a carjacking`) or a second noun phrase (`called the
/// program one of …`); a bare object (`denied the request`); a
/// preposition (`spoke of the issue`); or a clause.
fn construction(doc: &Doc<'_>, cue_end: usize, a: usize, b: usize) -> &'static str {
    if a >= b {
        return "empty";
    }
    match intro(doc, a) {
        "that" | "whether" | "colon" => return "that",
        "mark" => return "marked",
        _ => {}
    }
    if doc.quote_at(a).is_some() {
        return "marked";
    }
    let first = doc.norm(a);
    if first == "to" {
        return "to-inf";
    }
    if doc.function(a) == Some(Function::Preposition) {
        return "prep";
    }
    if is_object_not_clause(doc, a, b) || a > cue_end {
        // Past a short object: what follows it.
        let limit = b.min(a + 8);
        for k in a + 1..limit {
            match doc.norm(k) {
                "to" if doc.is_word(k + 1) && doc.function(k + 1).is_none() => return "obj-to",
                "of" if doc.norm(k + 1).ends_with("ing") => return "obj-of",
                "as" => return "obj-as",
                "for" if doc.norm(k + 1).ends_with("ing") => return "obj-for",
                _ => {}
            }
            if doc.quote_at(k).is_some() {
                return "obj-marked";
            }
        }
        if is_object_not_clause(doc, a, b) {
            return "object";
        }
    }
    "clause"
}

/// The kind of the speaker phrase's head.
pub fn head_kind(doc: &Doc<'_>, head: &Head) -> String {
    match head {
        Head::Pronoun(p) => format!("pron:{p:?}"),
        Head::Mention(_) => "mention".to_string(),
        Head::Name(r) => {
            if r.len() >= 2 {
                "name2".to_string()
            } else if crate::gazetteer::words::is_english_word(doc.norm(r.start)) {
                "name1word".to_string()
            } else {
                "name1".to_string()
            }
        }
        Head::Role { role, plural } => {
            let class = doc.lexicon.role(*role).class;
            format!("role:{class:?}{}", if *plural { ":pl" } else { "" })
        }
        Head::Other => "other".to_string(),
    }
}

/// Adds the features of candidate `a` to `f`.
pub fn features(doc: &Doc<'_>, a: &Attribution, s: &Situation, f: &mut Features) {
    let rule = a.rule.name();
    f.add("rule", rule);
    // The rules' own weight for this reading (how often the pattern is
    // right in news writing), as log-odds: the model starts from it (it is
    // trained as an offset) and learns how far the evidence moves it, so a
    // pattern seldom seen in training keeps about the rules' weight. A
    // reading the rules would not have taken starts low.
    let w = if s.first_choice { a.confidence } else { 0.25 }.clamp(0.05, 0.95);
    f.real(PRIOR, (w / (1.0 - w)).ln());
    f.add2("rule|first", rule, if s.first_choice { "y" } else { "n" });
    for d in a.doubts.iter() {
        f.add2("rule|doubt", rule, d.name());
        if let Some(cue) = &a.cue {
            f.add2("cue|doubt", cue_lemma(doc, cue), d.name());
        }
    }
    f.flag("framed", s.framed);
    if let Some(r) = s.contested_by {
        f.add2("rule|contested", rule, r.name());
    }
    f.add2("rule|rivals", rule, bucket(s.rivals));
    let form = if doc.stripped {
        "stripped"
    } else if doc.casing == Casing::Cased {
        "cased"
    } else {
        "uncased"
    };
    f.add2("rule|form", rule, form);

    let (c0, c1) = (a.content.start, a.content.end);
    let n_words = words(doc, c0, c1);
    f.add2("rule|words", rule, bucket(n_words));
    // How much of the content stands inside quotation marks.
    let quoted = (c0..c1)
        .filter(|&k| doc.is_word(k) && doc.quote_at(k).is_some())
        .count();
    let marked = if n_words > 0 && quoted == n_words {
        "all"
    } else if quoted > 0 {
        "some"
    } else {
        "none"
    };
    f.add2("rule|marked", rule, marked);
    let first_person = (c0..c1).any(|k| doc.pronoun(k).is_some_and(|p| p.is_speech_person()));
    f.add2("rule|person12", rule, if first_person { "y" } else { "n" });
    let sentence_end = (c0..c1).any(|k| doc.kind(k) == Some(Kind::End));
    f.add2("rule|has_end", rule, if sentence_end { "y" } else { "n" });
    let paragraph = doc.sentence(c0).paragraph;
    f.flag("first_paragraph", paragraph == 0);
    f.add2("rule|open", rule, word_class(doc, c0));
    f.add2("rule|intro", rule, intro(doc, c0));

    match &a.cue {
        Some(cue) => {
            let lemma = cue_lemma(doc, cue);
            let verb = doc.info(cue.start).and_then(|w| w.cue);
            f.add("cue", lemma);
            f.add2("cue|rule", lemma, rule);
            f.add2("cue|form", lemma, doc.norm(cue.start));
            if let Some(v) = verb {
                let c = doc.lexicon.cue(v);
                f.add2("class|rule", &format!("{:?}", c.class), rule);
                f.flag("ambiguous", c.ambiguous);
                f.flag("no_clause", !c.that);
            }
            let after = c0 >= cue.end;
            if after {
                f.add2("cue|intro", lemma, intro(doc, c0));
                f.add2("cue|open", lemma, word_class(doc, c0));
                f.add2("cue|gap", lemma, bucket(c0 - cue.end));
                let object = is_object_not_clause(doc, c0, c1);
                let built = construction(doc, cue.end, c0, c1);
                f.add2("cue|built", lemma, built);
                f.add2("rule|built", rule, built);
                f.add2("cue|object", lemma, if object { "y" } else { "n" });
                f.add2("rule|object", rule, if object { "y" } else { "n" });
            } else {
                f.add2("cue|before", lemma, bucket(cue.start.saturating_sub(c1)));
            }
            // What stands before the cue: an adverb, an auxiliary, `and`.
            let prev = cue
                .start
                .checked_sub(1)
                .map_or("none", |p| word_class(doc, p));
            f.add2("cue|prev", lemma, prev);
            f.add2("rule|prev", rule, prev);
            let next = word_class(doc, cue.end);
            f.add2("cue|next", lemma, next);
            f.add2("rule|next", rule, next);
            f.flag(
                "cue_capitalised",
                doc.capitalised(cue.start) && doc.sentence(cue.start).start != cue.start,
            );
            f.flag("addressee", a.addressee.is_some());
            f.add2(
                "cue|addressee",
                lemma,
                if a.addressee.is_some() { "y" } else { "n" },
            );
            // The cue's sentence is a headline (the first line) or a
            // one-line paragraph.
            let sent = doc.sentence(cue.start);
            f.flag("cue_in_first_sentence", doc.sentence_of[cue.start] == 0);
            f.add2(
                "rule|cue_sentence_words",
                rule,
                bucket(words(doc, sent.start, sent.end) / 5),
            );
        }
        None => f.flag("no_cue", true),
    }

    match &a.speaker {
        Source::Phrase(p) => {
            let head = head_kind(doc, &p.head);
            f.add2("rule|head", rule, &head);
            if let Some(cue) = &a.cue {
                f.add2("cue|head", cue_lemma(doc, cue), &head);
                let before = p.range.end <= cue.start;
                f.add2(
                    "rule|speaker_side",
                    rule,
                    if before { "before" } else { "after" },
                );
                if before {
                    f.add2("rule|speaker_gap", rule, bucket(cue.start - p.range.end));
                }
            }
            f.add2("rule|phrase_len", rule, bucket(p.range.len()));
            f.flag("apposition", p.apposition.is_some());
            f.flag("titled", !p.titles.is_empty());
            let cap = p.range.clone().any(|k| doc.capitalised(k));
            f.add2("head|cap", &head, if cap { "y" } else { "n" });
            // A determiner before the head: `the study`, `a source`.
            let det = doc.function(p.range.start) == Some(Function::Determiner);
            f.add2(
                "head|det",
                &head,
                if det { doc.norm(p.range.start) } else { "-" },
            );
            let last = doc.norm(p.head_range.end - 1);
            if matches!(p.head, Head::Other | Head::Role { .. }) {
                f.add2("rule|head_word", rule, last);
            }
        }
        Source::Inherit(_) => {
            f.add("speaker", "inherit");
            if let Some(r) = s.source_rule {
                f.add2("rule|source", rule, r.name());
            }
            f.add2("rule|back", rule, bucket(s.paragraphs_back));
            if a.rule == Rule::UnmarkedSpeech {
                let side = if s.before_source { "before" } else { "after" };
                f.add2("unmarked|side", side, bucket(s.sentences_away));
                f.add2(
                    "unmarked|person12",
                    side,
                    if first_person { "y" } else { "n" },
                );
                f.add2("unmarked|open", side, word_class(doc, c0));
            }
        }
        Source::Unknown => f.add("speaker", "unknown"),
    }

    // Quoted spans: a single-mark span and its length.
    if let Some(q) = doc.quote_at(c0).map(|q| doc.quoted[q]) {
        f.add2("rule|double", rule, if q.double { "y" } else { "n" });
        f.add2("rule|closed", rule, if q.closed { "y" } else { "n" });
    }
}
