//! Features of a candidate attribution, for the `acceptance` model: is this
//! a quote a reader would take from the text?
//!
//! What a rule proposed is described by what the rule is, the cue and its
//! sense, how the content is introduced and what it reads like, and who is
//! said to speak. Pairs of these (`cue|intro=said|that`) let the model learn
//! that `denied` takes a clause after `that` but is no report before a noun.

use super::{bucket, class_piece, p, pronoun_piece, yes, Features, Piece};
use crate::quotes::doc::Doc;
use crate::quotes::lexicon::Function;
use crate::quotes::rules::clause::{is_object_not_clause, words};
use crate::quotes::rules::{Attribution, Rule, Source};
use crate::quotes::speakers::Head;
use crate::quotes::tokens::Kind;
use crate::text::Casing;

/// The feature that carries the rules' weight; training keeps its weight
/// near 1 (it is regularised towards 1, not 0).
pub const PRIOR: Piece<'static> = Piece::new("prior");

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

/// What the words of a content sound like: a speaker's own voice (the
/// present, a modal, a negation, `this`/`here`/`now`, a mental verb, a
/// question) or a narrator's (a third-person pronoun, a report verb, a
/// number, a name). Which of these is present is a feature per rule, so the
/// model learns, for the candidates of stripped and unmarked text above all,
/// which sentences next to an attribution are speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Voice {
    Present,
    Modal,
    Negation,
    Deixis,
    Mental,
    Question,
    Third,
    Report,
    Number,
    Name,
}

impl Voice {
    const ALL: [Voice; 10] = [
        Voice::Present,
        Voice::Modal,
        Voice::Negation,
        Voice::Deixis,
        Voice::Mental,
        Voice::Question,
        Voice::Third,
        Voice::Report,
        Voice::Number,
        Voice::Name,
    ];

    fn piece(self) -> Piece<'static> {
        match self {
            Voice::Present => p!("present"),
            Voice::Modal => p!("modal"),
            Voice::Negation => p!("negation"),
            Voice::Deixis => p!("deixis"),
            Voice::Mental => p!("mental"),
            Voice::Question => p!("question"),
            Voice::Third => p!("third"),
            Voice::Report => p!("report"),
            Voice::Number => p!("number"),
            Voice::Name => p!("name"),
        }
    }
}

// The lexicon's voice bits are the first five `Voice`s, in order.
const _: () = {
    use crate::quotes::lexicon::voice;
    assert!(voice::PRESENT as u16 == 1 << Voice::Present as u16);
    assert!(voice::MODAL as u16 == 1 << Voice::Modal as u16);
    assert!(voice::NEGATION as u16 == 1 << Voice::Negation as u16);
    assert!(voice::DEIXIS as u16 == 1 << Voice::Deixis as u16);
    assert!(voice::MENTAL as u16 == 1 << Voice::Mental as u16);
};

/// The voice bits of the word at `k` in a content starting at `c0`, whose
/// lexicon entry and pronoun are given: the lexicon's (`WordInfo::voice`,
/// the first five `Voice`s in order), then what the token itself shows.
fn voice(
    doc: &Doc<'_>,
    k: usize,
    c0: usize,
    info: Option<&crate::quotes::lexicon::WordInfo>,
    pronoun: Option<crate::quotes::lexicon::Pronoun>,
) -> u16 {
    use crate::quotes::lexicon::Pronoun;
    let bit = |v: Voice| 1u16 << v as u16;
    let mut b = info.map_or(0, |w| u16::from(w.voice));
    match pronoun {
        Some(Pronoun::He | Pronoun::She | Pronoun::They) => b |= bit(Voice::Third),
        Some(_) => {}
        None => {
            if b == 0 && info.is_some_and(|i| i.cue.is_some()) {
                b |= bit(Voice::Report);
            }
            if k > c0 && doc.capitalised(k) && doc.kind(k - 1) != Some(Kind::End) {
                b |= bit(Voice::Name);
            }
        }
    }
    if doc
        .norm(k)
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_digit)
    {
        b |= bit(Voice::Number);
    }
    b
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
fn intro(doc: &Doc<'_>, a: usize) -> Piece<'static> {
    if a == 0 {
        return p!("start");
    }
    let p = a - 1;
    match doc.kind(p) {
        Some(Kind::Colon) => p!("colon"),
        Some(Kind::Comma) => p!("comma"),
        Some(Kind::Quote(_)) => p!("mark"),
        Some(Kind::End) => p!("end"),
        Some(Kind::Break { .. }) => p!("break"),
        Some(Kind::Dash) => p!("dash"),
        Some(Kind::Word) => match doc.norm(p) {
            "that" => p!("that"),
            "whether" | "if" => p!("whether"),
            _ if doc
                .info(p)
                .is_some_and(|w| w.cue.is_some() || !w.particle_cues.is_empty()) =>
            {
                p!("cue")
            }
            _ => p!("word"),
        },
        _ => p!("other"),
    }
}

/// A coarse class of token `i` for what opens or follows content.
fn word_class(doc: &Doc<'_>, i: usize) -> Piece<'static> {
    match doc.kind(i) {
        None => p!("none"),
        Some(Kind::Word) => match doc.function(i) {
            Some(Function::Pronoun(p)) => {
                if p.is_speech_person() {
                    p!("pron12")
                } else {
                    p!("pron3")
                }
            }
            Some(Function::Determiner) => p!("det"),
            Some(Function::Auxiliary) => p!("aux"),
            Some(Function::Negation) => p!("neg"),
            Some(Function::Adverb) => p!("adv"),
            Some(Function::Subordinator) => p!("sub"),
            Some(Function::Conjunction) => p!("conj"),
            Some(Function::Preposition) => {
                if doc.norm(i) == "to" {
                    p!("to")
                } else {
                    p!("prep")
                }
            }
            Some(Function::Day) => p!("day"),
            None if doc.mention_at(i).is_some() => p!("mention"),
            None if doc.capitalised(i) => p!("cap"),
            None if doc.info(i).is_some_and(|w| w.cue.is_some()) => p!("cueword"),
            None if doc.norm(i).ends_with("ing") => p!("ing"),
            None => p!("word"),
        },
        Some(Kind::Quote(_)) => p!("mark"),
        Some(Kind::End) => p!("end"),
        Some(Kind::Comma) => p!("comma"),
        Some(Kind::Colon) => p!("colon"),
        Some(_) => p!("punct"),
    }
}

/// What the content after a cue is built as: a clause after `that`, a
/// colon or marks; `to` and a verb (`vowed to fight`); an object and `to`
/// (`urged Congress to act`), `of` (`accused Holt of being`), `as`
/// (`described it as a carjacking`) or a second noun phrase (`called the
/// program one of …`); a bare object (`denied the request`); a
/// preposition (`spoke of the issue`); or a clause.
///
/// `intro` is [`intro`] of `a`, `object` whether `a..b` is an object
/// ([`is_object_not_clause`]), both found once by the caller.
fn construction(
    doc: &Doc<'_>,
    cue_end: usize,
    a: usize,
    b: usize,
    intro: Piece<'static>,
    object: bool,
) -> Piece<'static> {
    if a >= b {
        return p!("empty");
    }
    match intro.text {
        "that" | "whether" | "colon" => return p!("that"),
        "mark" => return p!("marked"),
        _ => {}
    }
    if doc.quote_at(a).is_some() {
        return p!("marked");
    }
    let first = doc.norm(a);
    if first == "to" {
        return p!("to-inf");
    }
    if doc.function(a) == Some(Function::Preposition) {
        return p!("prep");
    }
    if object || a > cue_end {
        // Past a short object: what follows it.
        let limit = b.min(a + 8);
        for k in a + 1..limit {
            match doc.norm(k) {
                "to" if doc.is_word(k + 1) && doc.function(k + 1).is_none() => return p!("obj-to"),
                "of" if doc.norm(k + 1).ends_with("ing") => return p!("obj-of"),
                "as" => return p!("obj-as"),
                "for" if doc.norm(k + 1).ends_with("ing") => return p!("obj-for"),
                _ => {}
            }
            if doc.quote_at(k).is_some() {
                return p!("obj-marked");
            }
        }
        if object {
            return p!("object");
        }
    }
    p!("clause")
}

/// The kind of the speaker phrase's head (a role's class is a feature of
/// its own).
pub fn head_kind(doc: &Doc<'_>, head: &Head) -> Piece<'static> {
    match head {
        Head::Pronoun(pr) => pronoun_piece(*pr),
        Head::Mention(_) => p!("mention"),
        Head::Name(r) => {
            if r.len() >= 2 {
                p!("name2")
            } else if crate::gazetteer::words::is_english_word(doc.norm(r.start)) {
                p!("name1word")
            } else {
                p!("name1")
            }
        }
        Head::Role { plural: true, .. } => p!("roles"),
        Head::Role { .. } => p!("role"),
        Head::Other => p!("other"),
    }
}

/// Adds the features of candidate `a` to `f`.
pub fn features(doc: &Doc<'_>, a: &Attribution, s: &Situation, f: &mut Features) {
    let rule = a.rule.piece();
    f.add(p!("rule"), rule);
    // The rules' own weight for this reading (how often the pattern is
    // right in news writing), as log-odds: the model starts from it (it is
    // trained as an offset) and learns how far the evidence moves it, so a
    // pattern seldom seen in training keeps about the rules' weight. A
    // reading the rules would not have taken starts low.
    let w = if s.first_choice { a.confidence } else { 0.25 }.clamp(0.05, 0.95);
    f.real(PRIOR, (w / (1.0 - w)).ln());
    f.add2(p!("rule|first"), rule, yes(s.first_choice));
    // The cue's lemma, hashed once for the features that pair it.
    let lemma: Option<Piece<'_>> = a.cue.as_ref().map(|cue| cue_lemma(doc, cue).into());
    for d in a.doubts.iter() {
        f.add2(p!("rule|doubt"), rule, d.piece());
        if let Some(lemma) = lemma {
            f.add2(p!("cue|doubt"), lemma, d.piece());
        }
    }
    f.flag(p!("framed"), s.framed);
    if let Some(r) = s.contested_by {
        f.add2(p!("rule|contested"), rule, r.piece());
    }
    f.add2(p!("rule|rivals"), rule, bucket(s.rivals));
    let form = if doc.stripped {
        p!("stripped")
    } else if doc.casing == Casing::Cased {
        p!("cased")
    } else {
        p!("uncased")
    };
    f.add2(p!("rule|form"), rule, form);

    let (c0, c1) = (a.content.start, a.content.end);
    // One pass over the content: its words, how many stand inside
    // quotation marks, a first- or second-person pronoun, a sentence end.
    let (mut n_words, mut quoted, mut first_person, mut sentence_end) = (0, 0, false, false);
    let mut voices = 0u16;
    for k in c0..c1 {
        match doc.kind(k) {
            Some(Kind::Word) => {
                n_words += 1;
                quoted += usize::from(doc.quote_at(k).is_some());
                let info = doc.info(k);
                let pronoun = info.and_then(crate::quotes::lexicon::WordInfo::pronoun);
                first_person |= pronoun.is_some_and(|p| p.is_speech_person());
                voices |= voice(doc, k, c0, info, pronoun);
            }
            Some(Kind::End) => {
                sentence_end = true;
                if doc.surface(k) == "?" {
                    voices |= 1 << Voice::Question as u16;
                }
            }
            _ => {}
        }
    }
    f.add2(p!("rule|words"), rule, bucket(n_words));
    for v in Voice::ALL {
        if voices & (1 << v as u16) != 0 {
            f.add2(p!("rule|voice"), rule, v.piece());
        }
    }
    // A photo caption set apart like a pull quote (`Open this photo in
    // gallery …`, `Social media video shows …`), by its words or a credit's
    // slash (`Ryan Remiorz / The Canadian Press`).
    if a.rule == Rule::PullQuote {
        let caption = (c0..c1).any(|k| {
            matches!(
                doc.norm(k),
                "photo" | "photos" | "video" | "pictured" | "gallery" | "shows" | "file"
            ) || doc.surface(k) == "/"
        });
        f.flag(p!("pull_caption"), caption);
    }
    let marked = if n_words > 0 && quoted == n_words {
        p!("all")
    } else if quoted > 0 {
        p!("some")
    } else {
        p!("none")
    };
    f.add2(p!("rule|marked"), rule, marked);
    f.add2(p!("rule|person12"), rule, yes(first_person));
    f.add2(p!("rule|has_end"), rule, yes(sentence_end));
    let paragraph = doc.sentence(c0).paragraph;
    f.flag(p!("first_paragraph"), paragraph == 0);
    // (How the content opens and is introduced, found once.)
    let open = word_class(doc, c0);
    let introduced = intro(doc, c0);
    f.add2(p!("rule|open"), rule, open);
    f.add2(p!("rule|intro"), rule, introduced);

    match (&a.cue, lemma) {
        (Some(cue), Some(lemma)) => {
            let verb = doc.info(cue.start).and_then(|w| w.cue);
            f.add(p!("cue"), lemma);
            f.add2(p!("cue|rule"), lemma, rule);
            f.add2(p!("cue|form"), lemma, doc.norm(cue.start));
            if let Some(v) = verb {
                let c = doc.lexicon.cue(v);
                f.add2(p!("class|rule"), c.class.name(), rule);
                f.flag(p!("ambiguous"), c.ambiguous);
                f.flag(p!("no_clause"), !c.that);
            }
            let after = c0 >= cue.end;
            if after {
                f.add2(p!("cue|intro"), lemma, introduced);
                f.add2(p!("cue|open"), lemma, open);
                f.add2(p!("cue|gap"), lemma, bucket(c0 - cue.end));
                let object = is_object_not_clause(doc, c0, c1);
                let built = construction(doc, cue.end, c0, c1, introduced, object);
                f.add2(p!("cue|built"), lemma, built);
                f.add2(p!("rule|built"), rule, built);
                f.add2(p!("cue|object"), lemma, yes(object));
                f.add2(p!("rule|object"), rule, yes(object));
            } else {
                f.add2(
                    p!("cue|before"),
                    lemma,
                    bucket(cue.start.saturating_sub(c1)),
                );
            }
            // What stands before the cue: an adverb, an auxiliary, `and`.
            let prev = cue
                .start
                .checked_sub(1)
                .map_or(p!("none"), |k| word_class(doc, k));
            f.add2(p!("cue|prev"), lemma, prev);
            f.add2(p!("rule|prev"), rule, prev);
            let next = word_class(doc, cue.end);
            f.add2(p!("cue|next"), lemma, next);
            f.add2(p!("rule|next"), rule, next);
            f.flag(
                p!("cue_capitalised"),
                doc.capitalised(cue.start) && doc.sentence(cue.start).start != cue.start,
            );
            f.flag(p!("addressee"), a.addressee.is_some());
            f.add2(p!("cue|addressee"), lemma, yes(a.addressee.is_some()));
            // The cue's sentence is a headline (the first line) or a
            // one-line paragraph.
            let sent = doc.sentence(cue.start);
            f.flag(p!("cue_in_first_sentence"), doc.sentence_of[cue.start] == 0);
            f.add2(
                p!("rule|cue_sentence_words"),
                rule,
                bucket(words(doc, sent.start, sent.end) / 5),
            );
        }
        _ => f.flag(p!("no_cue"), true),
    }

    match &a.speaker {
        Source::Phrase(p) => {
            let head = head_kind(doc, &p.head);
            f.add2(p!("rule|head"), rule, head);
            if let Head::Role { role, .. } = &p.head {
                f.add2(
                    p!("rule|role"),
                    rule,
                    class_piece(doc.lexicon.role(*role).class),
                );
            }
            if let (Some(cue), Some(lemma)) = (&a.cue, lemma) {
                f.add2(p!("cue|head"), lemma, head);
                let before = p.range.end <= cue.start;
                f.add2(
                    p!("rule|speaker_side"),
                    rule,
                    if before { p!("before") } else { p!("after") },
                );
                if before {
                    f.add2(
                        p!("rule|speaker_gap"),
                        rule,
                        bucket(cue.start - p.range.end),
                    );
                }
            }
            f.add2(p!("rule|phrase_len"), rule, bucket(p.range.len()));
            f.flag(p!("apposition"), p.apposition.is_some());
            f.flag(p!("titled"), !p.titles.is_empty());
            let cap = p.range.clone().any(|k| doc.capitalised(k));
            f.add2(p!("head|cap"), head, yes(cap));
            // A determiner before the head: `the study`, `a source`.
            let det = doc.function(p.range.start) == Some(Function::Determiner);
            f.add2(
                p!("head|det"),
                head,
                if det {
                    doc.norm(p.range.start).into()
                } else {
                    p!("-")
                },
            );
            let last = doc.norm(p.head_range.end - 1);
            if matches!(p.head, Head::Other | Head::Role { .. }) {
                f.add2(p!("rule|head_word"), rule, last);
            }
        }
        Source::Inherit(_) => {
            f.add(p!("speaker"), p!("inherit"));
            if let Some(r) = s.source_rule {
                f.add2(p!("rule|source"), rule, r.piece());
            }
            f.add2(p!("rule|back"), rule, bucket(s.paragraphs_back));
            if a.rule == Rule::UnmarkedSpeech {
                let side = if s.before_source {
                    p!("before")
                } else {
                    p!("after")
                };
                f.add2(p!("unmarked|side"), side, bucket(s.sentences_away));
                f.add2(p!("unmarked|person12"), side, yes(first_person));
                f.add2(p!("unmarked|open"), side, open);
            }
        }
        Source::Unknown => f.add(p!("speaker"), p!("unknown")),
    }

    // Quoted spans: a single-mark span and its length.
    if let Some(q) = doc.quote_at(c0).map(|q| doc.quoted[q]) {
        f.add2(p!("rule|double"), rule, yes(q.double));
        f.add2(p!("rule|closed"), rule, yes(q.closed));
    }
}
