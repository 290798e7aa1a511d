//! Attribution rules: which words were said, by whom, with which cue.
//!
//! Each pattern of news writing is one variant of [`Rule`], written in its
//! own module below and tried from a list:
//!
//! - for every reporting cue of the text ([`super::cues`]), the rules of
//!   [`CUE_RULES`] in order (`quote_cue`, `according_to`, `quoted_as_saying`,
//!   `participle`, `speaker_cue`, `subject_cue`, `inverted_cue`);
//! - after the choice among the cue's candidates ([`super::select`]), the
//!   quotes with no cue of their own (`continuation`: multi-paragraph
//!   quotes, colon introductions, continuations);
//! - in stripped text, unmarked direct speech (`unmarked_speech`);
//! - with no cue at all, posts pasted into the article (`pasted_post`),
//!   proposed beside the cue rules' candidates.
//!
//! A rule proposes candidate attributions; it does not decide. What is kept
//! is chosen in `select.rs`, and who the speaker is in `coref.rs`.

mod according_to;
pub mod clause;
mod continuation;
mod cue_after;
mod inverted_cue;
mod parenthetical;
mod participle;
mod pasted_post;
mod pull_quote;
mod quote_cue;
mod quoted_as_saying;
mod speaker_cue;
mod subject_cue;
pub mod unmarked_speech;

use std::ops::Range;

use super::cues::{find_cues, CueHit};
use super::doc::Doc;
use super::select::Scorer;
use super::sentences::Sentence;
use super::speakers::{Head, SpeakerPhrase};

pub use clause::Intro;
pub use continuation::continuations;
use speaker_cue::SpeakerBefore;

/// The patterns quotewise attributes quotes with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    QuoteCue,
    SplitQuote,
    AccordingTo,
    QuotedAsSaying,
    SpeakerCue,
    SubjectCue,
    Participle,
    CueAfter,
    InvertedCue,
    Parenthetical,
    MultiParagraph,
    ColonIntro,
    Continuation,
    QuotedPhrase,
    PullQuote,
    UnmarkedSpeech,
    PastedPost,
}

impl Rule {
    /// Every rule, in the order of the documentation tables.
    pub const ALL: [Rule; 17] = [
        Rule::QuoteCue,
        Rule::SplitQuote,
        Rule::AccordingTo,
        Rule::QuotedAsSaying,
        Rule::SpeakerCue,
        Rule::SubjectCue,
        Rule::Participle,
        Rule::CueAfter,
        Rule::InvertedCue,
        Rule::Parenthetical,
        Rule::MultiParagraph,
        Rule::ColonIntro,
        Rule::Continuation,
        Rule::QuotedPhrase,
        Rule::PullQuote,
        Rule::UnmarkedSpeech,
        Rule::PastedPost,
    ];

    /// The rule's name, as results and tables show it (`quote-cue`).
    pub const fn name(self) -> &'static str {
        match self {
            Rule::QuoteCue => "quote-cue",
            Rule::SplitQuote => "split-quote",
            Rule::AccordingTo => "according-to",
            Rule::QuotedAsSaying => "quoted-as-saying",
            Rule::SpeakerCue => "speaker-cue",
            Rule::SubjectCue => "subject-cue",
            Rule::Participle => "participle",
            Rule::CueAfter => "cue-after",
            Rule::InvertedCue => "inverted-cue",
            Rule::Parenthetical => "parenthetical",
            Rule::MultiParagraph => "multi-paragraph",
            Rule::ColonIntro => "colon-intro",
            Rule::Continuation => "continuation",
            Rule::QuotedPhrase => "quoted-phrase",
            Rule::PullQuote => "pull-quote",
            Rule::UnmarkedSpeech => "unmarked-speech",
            Rule::PastedPost => "pasted-post",
        }
    }

    /// The rule's name as a piece of a feature name, hashed when compiling.
    pub fn piece(self) -> crate::quotes::model::Piece<'static> {
        use crate::quotes::model::Piece;
        const PIECES: [Piece<'static>; Rule::ALL.len()] = {
            let mut out = [Piece::new(""); Rule::ALL.len()];
            let mut i = 0;
            while i < Rule::ALL.len() {
                out[i] = Piece::new(Rule::ALL[i].name());
                i += 1;
            }
            out
        };
        PIECES[self as usize]
    }

    /// The rule named `name`, if any.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }

    /// What the rule finds, in a sentence.
    pub const fn description(self) -> &'static str {
        match self {
            Rule::QuoteCue => {
                "a quote closed in the same paragraph at most 17 tokens before the cue, only the speaker between"
            }
            Rule::SplitQuote => "the quote opening right after a quote-cue attribution, same speaker",
            Rule::AccordingTo => "a phrase cue with the source after it",
            Rule::QuotedAsSaying => "a phrase cue with the speaker before it",
            Rule::SpeakerCue => "a speaker phrase, the cue, then the content (after `that`, a colon, marks or directly)",
            Rule::SubjectCue => "the sentence's subject speaks through a cue joined by `but` or `and`",
            Rule::Participle => {
                "a reporting participle after a comma: the earlier attribution's speaker, else the sentence's subject"
            }
            Rule::CueAfter => "the content first, then the speaker and the cue, only adjuncts after",
            Rule::InvertedCue => "the content first, then the cue and the speaker after it",
            Rule::Parenthetical => "a speaker and cue between commas inside the content; both parts, one speaker",
            Rule::MultiParagraph => "the other paragraphs of a quote that runs over several take the attributed one's speaker",
            Rule::ColonIntro => "a quote after a colon whose sentence opens with a name, mention or pronoun",
            Rule::Continuation => {
                "a sentence-like quote with no cue takes the speaker of the last attribution up to two paragraphs back"
            }
            Rule::QuotedPhrase => {
                "a short quoted phrase with no cue of its own: its sentence's subject, else the last speaker"
            }
            Rule::PullQuote => "a paragraph signed by a name on its own: a pull quote or caption",
            Rule::UnmarkedSpeech => {
                "stripped text: sentences with no attribution take the speaker of an adjacent attribution"
            }
            Rule::PastedPost => {
                "a post pasted into the article, signed `Name (@handle) Month D, YYYY`: its author's words"
            }
        }
    }

    /// An example sentence (`[content]`, `{speaker}`, `<cue>`).
    pub const fn example(self) -> &'static str {
        match self {
            Rule::QuoteCue => "“[We will win],” {Putin} <said>.",
            Rule::SplitQuote => "“A,” {she} <said>, “[B].”",
            Rule::AccordingTo => "[The talks failed], <according to> {the Kremlin}.",
            Rule::QuotedAsSaying => "{Putin} <was quoted as saying> [the talks failed].",
            Rule::SpeakerCue => "{Putin} <said> that [the talks failed].",
            Rule::SubjectCue => "{IRCC} declined to give details but <said> [the file is open].",
            Rule::Participle => "{Putin} met Assad, <saying> [the war was over].",
            Rule::CueAfter => "[The talks failed], {Putin} <said> on Tuesday.",
            Rule::InvertedCue => "[The talks failed], <said> {Putin}.",
            Rule::Parenthetical => "[The economy], {he} <said>, [is slowing].",
            Rule::MultiParagraph => "“A … (paragraph) “[B …],” {he} <said>.",
            Rule::ColonIntro => "{Martell} is more blunt: “[It is a crisis].”",
            Rule::Continuation => "“A,” {she} <said>. “[We go on].”",
            Rule::QuotedPhrase => "{Rempel} called the minister a “[chicken]” on Twitter.",
            Rule::PullQuote => {
                "[It is very bad for our seniors.] {Rod Peters}, Lake Cowichan mayor"
            }
            Rule::UnmarkedSpeech => "[we are ready] . we want peace , {putin} <said> .",
            Rule::PastedPost => "[We will win!] — {Donald J. Trump} (@realDonaldTrump) May 1, 2017",
        }
    }

    /// The weight of the rule: how often it is right in news writing. The
    /// confidence of a quote starts from it.
    pub const fn weight(self) -> f32 {
        match self {
            Rule::QuoteCue => 0.92,
            Rule::SplitQuote => 0.88,
            Rule::AccordingTo => 0.80,
            Rule::QuotedAsSaying => 0.84,
            Rule::SpeakerCue => 0.86,
            Rule::SubjectCue => 0.78,
            Rule::Participle => 0.80,
            Rule::CueAfter => 0.82,
            Rule::InvertedCue => 0.82,
            Rule::Parenthetical => 0.78,
            Rule::MultiParagraph => 0.85,
            Rule::ColonIntro => 0.70,
            Rule::Continuation => 0.72,
            Rule::QuotedPhrase => 0.5,
            Rule::PullQuote => 0.5,
            Rule::UnmarkedSpeech => 0.66,
            Rule::PastedPost => 0.90,
        }
    }

    /// Whether the acceptance model decides this rule's candidates. A
    /// pasted post is a quote by what it is (issue 13 of the project: text,
    /// link, `— Name (@handle) date`), whatever the corpora annotated — the
    /// training corpora rarely mark embedded posts as quotes — so its
    /// candidates keep the rule's weight.
    pub const fn learned(self) -> bool {
        !matches!(self, Rule::PastedPost)
    }

    /// Whether an attribution of this rule names its speaker in words a
    /// later quote may go on from (`continuation`).
    pub const fn speaking(self) -> bool {
        matches!(
            self,
            Rule::QuoteCue
                | Rule::SplitQuote
                | Rule::SpeakerCue
                | Rule::SubjectCue
                | Rule::QuotedAsSaying
                | Rule::CueAfter
                | Rule::InvertedCue
                | Rule::ColonIntro
                | Rule::Continuation
                | Rule::MultiParagraph
        )
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a rule doubts about a candidate it proposes anyway: the conditions
/// under which, before the models, it would have proposed nothing. The
/// acceptance model weighs each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Doubt {
    /// The speaker phrase does not open a clause.
    NotClauseStart,
    /// One word of content.
    OneWord,
    /// The cue does not usually take a clause (`discuss`, `thank`).
    NoClauseCue,
    /// Without `that`, a colon or marks, the content reads as an object
    /// (`denied the request`), not a clause.
    Object,
    /// An ambiguous cue (`adds`, `notes`) without a clear speaker or `that`.
    Ambiguous,
    /// A few words after `told`: maybe the audience.
    ShortAudience,
    /// More than adjuncts follow the speaker of an inverted cue.
    MoreAfter,
    /// No comma or dash before a participle.
    NoComma,
}

impl Doubt {
    pub const ALL: [Doubt; 8] = [
        Doubt::NotClauseStart,
        Doubt::OneWord,
        Doubt::NoClauseCue,
        Doubt::Object,
        Doubt::Ambiguous,
        Doubt::ShortAudience,
        Doubt::MoreAfter,
        Doubt::NoComma,
    ];

    /// The doubt's name as a piece of a feature name, hashed when compiling
    /// (a candidate's doubts are features of each score).
    pub fn piece(self) -> crate::quotes::model::Piece<'static> {
        use crate::quotes::model::Piece;
        const PIECES: [Piece<'static>; Doubt::ALL.len()] = {
            let mut out = [Piece::new(""); Doubt::ALL.len()];
            let mut i = 0;
            while i < Doubt::ALL.len() {
                out[i] = Piece::new(Doubt::ALL[i].name());
                i += 1;
            }
            out
        };
        PIECES[self as usize]
    }

    pub const fn name(self) -> &'static str {
        match self {
            Doubt::NotClauseStart => "not-clause-start",
            Doubt::OneWord => "one-word",
            Doubt::NoClauseCue => "no-clause-cue",
            Doubt::Object => "object",
            Doubt::Ambiguous => "ambiguous",
            Doubt::ShortAudience => "short-audience",
            Doubt::MoreAfter => "more-after",
            Doubt::NoComma => "no-comma",
        }
    }
}

/// A set of doubts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Doubts(u16);

impl Doubts {
    pub fn with(mut self, d: Doubt, on: bool) -> Doubts {
        if on {
            self.0 |= 1 << d as u16;
        }
        self
    }
    pub fn has(self, d: Doubt) -> bool {
        self.0 & (1 << d as u16) != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = Doubt> {
        Doubt::ALL.into_iter().filter(move |&d| self.has(d))
    }
}

/// Where a speaker comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// A phrase in the text.
    Phrase(SpeakerPhrase),
    /// The speaker of another attribution (index in the same list).
    Inherit(usize),
    /// Nobody known.
    Unknown,
}

/// One attribution: content, cue, speaker.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    /// Token range of the content (a multi-paragraph quote is one
    /// attribution per paragraph).
    pub content: Range<usize>,
    pub cue: Option<Range<usize>>,
    pub speaker: Source,
    pub addressee: Option<Range<usize>>,
    pub rule: Rule,
    /// The rule's weight for this attribution (a variant may weigh less:
    /// `cue-after` with a comma clause after the cue); once chosen, the
    /// probability the acceptance model gives it.
    pub confidence: f32,
    /// The rules' own first choice for its cue: the first rule of
    /// [`CUE_RULES`] that claims the cue proposed it, with no doubt.
    pub first_choice: bool,
    /// What the rule doubts about it.
    pub doubts: Doubts,
}

impl Attribution {
    /// An attribution found by `rule` at its usual weight.
    pub fn new(
        rule: Rule,
        content: Range<usize>,
        cue: Option<Range<usize>>,
        speaker: Source,
        addressee: Option<Range<usize>>,
    ) -> Attribution {
        Attribution {
            content,
            cue,
            speaker,
            addressee,
            rule,
            confidence: rule.weight(),
            first_choice: true,
            doubts: Doubts::default(),
        }
    }

    /// The same with doubts.
    pub fn doubting(mut self, doubts: Doubts) -> Attribution {
        self.doubts = doubts;
        self
    }

    /// The same with another weight.
    pub fn weighing(mut self, confidence: f32) -> Attribution {
        self.confidence = confidence;
        self
    }
}

/// What a cue rule did with a cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The pattern does not apply: the next rule is tried.
    Pass,
    /// The pattern applies (whether or not it proposed a candidate): the
    /// cue is this rule's, later rules are not tried.
    Claimed,
}

/// What the cue rules know about one cue.
pub struct CueContext<'d, 'a> {
    pub doc: &'d Doc<'a>,
    pub hit: &'d CueHit,
    /// The cue's sentence.
    pub sentence: Sentence,
    /// Whether the cue takes an addressee (`told`), a clause (`said that`),
    /// and whether its form is often no report (`added`, `notes`).
    pub addressee_ok: bool,
    pub takes_clause: bool,
    pub ambiguous: bool,
    /// The speaker phrase before the cue, read once for the rules that
    /// need it.
    before: std::cell::OnceCell<Option<SpeakerBefore>>,
}

impl CueContext<'_, '_> {
    /// The speaker phrase right before the cue and how the sentence reads
    /// around it (`speaker-cue`, `cue-after`, `parenthetical`).
    pub fn speaker_before(&self) -> Option<&SpeakerBefore> {
        self.before
            .get_or_init(|| SpeakerBefore::read(self))
            .as_ref()
    }
}

/// The rules tried for each cue, in order; the first that claims the cue
/// ends the list.
pub const CUE_RULES: [Rule; 9] = [
    Rule::QuoteCue,
    Rule::AccordingTo,
    Rule::QuotedAsSaying,
    Rule::Participle,
    Rule::CueAfter,
    Rule::Parenthetical,
    Rule::SpeakerCue,
    Rule::SubjectCue,
    Rule::InvertedCue,
];

impl Rule {
    /// Tries this cue rule on a cue, appending its candidates to `out`.
    /// (Rules that only come from other rules, or that have no cue, pass.)
    pub fn propose(self, cx: &CueContext<'_, '_>, out: &mut Vec<Attribution>) -> Outcome {
        match self {
            Rule::QuoteCue => quote_cue::propose(cx, out),
            Rule::AccordingTo => according_to::propose(cx, out),
            Rule::QuotedAsSaying => quoted_as_saying::propose(cx, out),
            Rule::Participle => participle::propose(cx, out),
            Rule::CueAfter => cue_after::propose(cx, out),
            Rule::Parenthetical => parenthetical::propose(cx, out),
            Rule::SpeakerCue => speaker_cue::propose(cx, out),
            Rule::SubjectCue => subject_cue::propose(cx, out),
            Rule::InvertedCue => inverted_cue::propose(cx, out),
            _ => Outcome::Pass,
        }
    }
}

/// Candidate attributions for one cue: every cue rule proposes; those of
/// the first rule that claims the cue are its first choice.
fn candidates(doc: &Doc<'_>, hit: &CueHit, out: &mut Vec<Attribution>) {
    let c = hit.range.start;
    // A cue inside direct speech is the speaker's own words (`“They say,
    // ‘you can too,’” he said`), not an attribution of the article.
    let in_speech = doc.quote_at(c).is_some_and(|qi| {
        let q = doc.quoted[qi];
        q.double
            && (q.closed || doc.chained(qi))
            && q.open < c
            && c < q.content().end
            && clause::words(doc, q.open, q.content().end) >= 5
    });
    if in_speech {
        return;
    }
    let (addressee_ok, takes_clause, ambiguous) = match hit.verb {
        Some(v) => {
            let cue = doc.lexicon.cue(v);
            (cue.addressee, cue.that, cue.ambiguous)
        }
        None => (false, true, false),
    };
    let cx = CueContext {
        doc,
        hit,
        sentence: *doc.sentence(c),
        addressee_ok,
        takes_clause,
        ambiguous,
        before: std::cell::OnceCell::new(),
    };
    let mut claimed = false;
    for rule in CUE_RULES {
        let before = out.len();
        let outcome = rule.propose(&cx, out);
        for a in &mut out[before..] {
            a.first_choice = !claimed && a.doubts.is_empty();
        }
        // Another reading than the rules' own needs a speaker phrase with a
        // head: a pronoun, a name, a dictionary entry or a role noun (not
        // `have`, `an apparent`, `that was up to the syrian people`).
        let vague = |a: &Attribution| {
            !a.first_choice && matches!(&a.speaker, Source::Phrase(p) if p.head == Head::Other)
        };
        if out[before..].iter().any(vague) {
            // Drop them (and their heirs), renumbering what inherits from
            // this rule's candidates.
            let mut keep: Vec<Option<usize>> = Vec::with_capacity(out.len() - before);
            let mut next = before;
            for a in &out[before..] {
                let heir_of_dropped = matches!(a.speaker,
                    Source::Inherit(j) if j >= before && keep[j - before].is_none());
                if vague(a) || heir_of_dropped {
                    keep.push(None);
                } else {
                    keep.push(Some(next));
                    next += 1;
                }
            }
            // (Only this rule's candidates are rebuilt: a `retain` over all
            // of `out` made long documents quadratic.)
            let tail: Vec<Attribution> = out.drain(before..).collect();
            out.extend(
                tail.into_iter()
                    .zip(&keep)
                    .filter_map(|(a, kept)| kept.map(|_| a)),
            );
            for a in &mut out[before..] {
                if let Source::Inherit(j) = &mut a.speaker {
                    if *j >= before {
                        *j = keep[*j - before].expect("an heir of a kept candidate");
                    }
                }
            }
        }
        claimed |= outcome == Outcome::Claimed;
    }
}

/// All accepted attributions of a document, in document order: the cue
/// rules' candidates, chosen by `scorer`, then the quotes without a cue.
pub fn attribute(doc: &Doc<'_>, scorer: &mut Scorer<'_>) -> Vec<Attribution> {
    let hits = find_cues(doc);
    // (Room for a few candidates per cue: an Attribution is large, and
    // growing the Vec copied them.)
    let mut cands: Vec<Attribution> = Vec::with_capacity(2 * hits.len() + 4);
    for hit in &hits {
        candidates(doc, hit, &mut cands);
    }
    pasted_post::propose(doc, &mut cands);
    let mut out = super::select::select(doc, cands, scorer);
    continuations(doc, &mut out, scorer);
    pull_quote::propose(doc, &mut out, scorer);
    out
}

#[cfg(test)]
mod tests {
    use super::Rule;

    #[test]
    fn all_lists_the_rules_in_their_order() {
        for (i, r) in Rule::ALL.iter().enumerate() {
            assert_eq!(*r as usize, i, "{r:?}");
            assert_eq!(r.piece().text, r.name());
        }
    }

    #[test]
    fn doubt_pieces_are_their_names() {
        for (i, d) in super::Doubt::ALL.iter().enumerate() {
            assert_eq!(*d as usize, i, "{d:?}");
            assert_eq!(d.piece().text, d.name());
            assert_eq!(
                d.piece().hash,
                crate::quotes::model::Piece::from(d.name()).hash
            );
        }
    }

    #[test]
    fn names_are_unique_and_found_again() {
        for r in Rule::ALL {
            assert_eq!(Rule::from_name(r.name()), Some(r));
            assert!(!r.description().is_empty() && r.example().contains('['));
        }
        let mut names: Vec<_> = Rule::ALL.iter().map(|r| r.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Rule::ALL.len());
    }
}
