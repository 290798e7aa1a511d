//! Finding the noun phrase that names a speaker next to a cue, and what its
//! head is: a pronoun, a gazetteer entry, a capitalised name, a role noun
//! (`the senator`, `officials`) or some other description.
//!
//! No parser is involved. A speaker phrase is delimited by what surrounds
//! it — the start of the clause (sentence start, comma, colon, quotation
//! mark, subordinator) on one side and the cue on the other — with asides
//! skipped (`Lavrov, speaking in Moscow, said`, `Hill, a doctor, said`) and
//! adverbs between phrase and cue ignored (`Putin also said`, `Putin on
//! Tuesday said`).

use std::ops::Range;

use super::cues::phrasal_cue;
use super::doc::Doc;
use super::lexicon::{Function, Pronoun, WordInfo};
use super::model::ordinary_word;
use super::tokens::{Kind, MONTHS};
use crate::gazetteer::words::is_english_word;
use crate::text::Casing;

/// Longest speaker phrase accepted, in tokens.
pub const MAX_SPEAKER_TOKENS: usize = 14;

/// What the head of a speaker phrase is.
#[derive(Clone, Debug, PartialEq)]
pub enum Head {
    /// `he`, `she`, `they`, `it`, `I`, `we`
    Pronoun(Pronoun),
    /// A gazetteer mention (index into the document's mentions).
    Mention(usize),
    /// A capitalised name not in the gazetteer (token range).
    Name(Range<usize>),
    /// A role noun (`spokesman`, `officials`, `the company`): the role's
    /// index and whether the form is plural.
    Role { role: u32, plural: bool },
    /// Anything else: the phrase stands for itself.
    Other,
}

/// A speaker phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeakerPhrase {
    /// The whole phrase (`Syrian President Bashar al-Assad`, `a source in
    /// Netanyahu's office`).
    pub range: Range<usize>,
    /// The head's tokens (`Bashar al-Assad`, `source`).
    pub head_range: Range<usize>,
    pub head: Head,
    /// Role nouns written as titles before a name in the phrase, and the
    /// lowercase words before them (`syrian` in `Syrian President ...`).
    pub titles: Vec<u32>,
    pub modifiers: Vec<String>,
    /// An apposition after the phrase (`Hill, a doctor, said`): its range.
    pub apposition: Option<Range<usize>>,
}

impl SpeakerPhrase {
    /// A phrase that is a name and nothing else (`Trump said`, `Smith,
    /// who backed the bill, said`), with its apposition if it has one.
    fn name(r: Range<usize>, apposition: Option<Range<usize>>) -> SpeakerPhrase {
        SpeakerPhrase {
            range: r.clone(),
            head_range: r.clone(),
            head: Head::Name(r),
            titles: Vec::new(),
            modifiers: Vec::new(),
            apposition,
        }
    }
}

/// Nouns for what someone sends or writes (`a statement from X`, `a study
/// by X`): its author is the speaker.
pub(crate) const SENT_NOUNS: &[&str] = &[
    "statement",
    "release",
    "letter",
    "email",
    "e-mail",
    "memo",
    "tweet",
    "post",
    "message",
    "note",
    "video",
    "report",
    "study",
    "survey",
    "analysis",
    "poll",
    "paper",
];

/// Whether token `i` ends a clause for the purpose of finding a speaker
/// phrase that starts after it.
fn is_boundary(doc: &Doc<'_>, i: usize) -> bool {
    match doc.kind(i) {
        None => true,
        Some(Kind::Word) => {
            (matches!(
                doc.function(i),
                Some(Function::Subordinator) | Some(Function::Conjunction)
            ) && doc.norm(i) != "and"
                // (`attorneys in states such as Pennsylvania said`: the
                // examples are part of the phrase.)
                && !(doc.norm(i) == "as" && i > 0 && doc.norm(i - 1) == "such"))
                // A reporting participle starts a clause of its own
                // (`…, noting the board lobbies its members`).
                || doc.info(i).is_some_and(|w| {
                    w.participle && (w.cue.is_some() || !w.particle_cues.is_empty())
                }) && !crate::quotes::cues::inside_a_company_name(doc, i)
                // `a video featuring veterans explaining that …`: the
                // phrase after it is the participle's subject.
                || matches!(doc.norm(i), "featuring" | "including") && !places_after(doc, i + 1)
        }
        Some(Kind::Possessive) => false,
        Some(Kind::Other) => false,
        Some(_) => true,
    }
}

/// Units of time in a time phrase (`two weeks ago`, `last month`; also a
/// month's name, [`MONTHS`], or a day's: `last October`, `this Monday`).
const TIME_UNITS: &[&str] = &[
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "night",
    "morning",
    "afternoon",
    "evening",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
];

/// Words that count or measure in a time phrase (`less than two weeks ago`,
/// `a few days ago`).
const TIME_AMOUNTS: &[&str] = &[
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "few", "several", "couple", "of", "than", "less", "more", "about",
    "nearly", "almost", "just", "some", "many",
];

/// Words that place a unit of time relative to now (`last week`, `this
/// month`).
const TIME_RELATIVE: &[&str] = &["last", "this", "next", "earlier", "later"];

/// Words before `this` or `last` in a time phrase (`earlier this month`).
const TIME_EDGES: &[&str] = &["earlier", "late", "early", "later"];

/// The start of a time phrase that ends right before `j` and follows a
/// phrase of its own (`The ministry earlier this month said`, `Smith two
/// years ago said`): a subject has no time in it.
fn time_before(doc: &Doc<'_>, j: usize, floor: usize) -> Option<usize> {
    if j < floor + 3 {
        return None;
    }
    let unit = |k: usize| {
        TIME_UNITS.contains(&doc.norm(k))
            || MONTHS.contains(&doc.norm(k))
            || doc.function(k) == Some(Function::Day)
    };
    let start = if doc.norm(j - 1) == "ago" {
        let mut k = j - 1;
        while k > floor + 1
            && j - k < 6
            && (unit(k - 1)
                || TIME_AMOUNTS.contains(&doc.norm(k - 1))
                || doc.surface(k - 1).starts_with(|c: char| c.is_ascii_digit()))
        {
            k -= 1;
        }
        (k < j - 2 && (k..j - 1).any(unit)).then_some(k)?
    } else if TIME_RELATIVE.contains(&doc.norm(j - 2)) && unit(j - 1) {
        let k = j - 2;
        if k > floor + 1
            && matches!(doc.norm(k), "this" | "last")
            && TIME_EDGES.contains(&doc.norm(k - 1))
        {
            k - 1
        } else {
            k
        }
    } else {
        return None;
    };
    // (Something must be left to speak.)
    (start > floor && doc.is_word(start - 1)).then_some(start)
}

/// Whether the capitalised run at `i` names a place (`including
/// Pennsylvania`): examples of the phrase before, which speaks.
fn places_after(doc: &Doc<'_>, i: usize) -> bool {
    let mut e = i;
    while e < doc.len() && e - i < 4 && doc.capitalised(e) {
        e += 1;
    }
    doc.is_place(i, e)
}

/// Tokens allowed between a speaker phrase and its cue.
fn is_gap(doc: &Doc<'_>, i: usize) -> bool {
    (matches!(
        doc.function(i),
        Some(Function::Adverb) | Some(Function::Auxiliary)
    ) && !matches!(doc.norm(i), "that" | "as")
        // `has since said`
        || doc.norm(i) == "since" && i > 0 && doc.function(i - 1) == Some(Function::Auxiliary))
        && !name_before_cue(doc, i)
        // (In lowercase text any word before a cue may be a name: an
        // adverb is one the word list knows or one with an adjective's
        // ending, `forcefully`, `specifically`; `connolly said` stays a name.)
        || manner_adverb(doc, i)
            && (doc.casing == Casing::Cased
                || is_english_word(doc.norm(i))
                || [
                    "fully", "ically", "ously", "ively", "ently", "antly", "ately", "edly",
                    "ingly", "ably", "ibly", "ctly", "ally",
                ]
                .iter()
                .any(|e| doc.norm(i).ends_with(e)))
}

/// An adverb of manner in `-ly` (`forcefully told`, `quietly said`): a
/// lowercase word, no name, role or dictionary entry, and none of the nouns
/// and adjectives that end so (`family`, `assembly`, `ally`).
fn manner_adverb(doc: &Doc<'_>, i: usize) -> bool {
    let w = doc.norm(i);
    w.len() >= 6
        && w.ends_with("ly")
        && doc.is_word(i)
        && !doc.capitalised(i)
        && doc.mention_at(i).is_none()
        && doc.function(i).is_none()
        && doc
            .info(i)
            .is_none_or(|x| x.role.is_none() && x.given.is_none() && x.cue.is_none())
        && !matches!(
            w,
            "family"
                | "assembly"
                | "supply"
                | "anomaly"
                | "monopoly"
                | "butterfly"
                | "weekly"
                | "monthly"
                | "quarterly"
                | "daily"
                | "elderly"
                | "italy"
                | "july"
        )
}

/// Whether token `i` stands right before an inflected reporting verb
/// (`said`, `says`, `told`, `added`; not `say`, which an auxiliary may
/// precede: `he may say`).
fn before_finite_cue(doc: &Doc<'_>, i: usize) -> bool {
    finite_cue(doc, i + 1) || time_then_finite_cue(doc, i + 1)
}

/// Whether tokens `k`, `k + 1` are a preposition and a day or a month
/// (`on Tuesday`, `in March`; not `for May`, a person).
fn on_day(doc: &Doc<'_>, k: usize) -> bool {
    doc.function(k) == Some(Function::Preposition)
        && (doc.function(k + 1) == Some(Function::Day)
            || MONTHS.contains(&doc.norm(k + 1))
                && matches!(doc.norm(k), "in" | "on" | "since" | "until" | "during"))
}

/// Whether a time phrase starts at `t` and a finite reporting verb follows
/// it (`Smith last week said`, `Trump two years ago said`, `May on Tuesday
/// said`): the word before `t` stands where only a subject can, as right
/// before the verb.
fn time_then_finite_cue(doc: &Doc<'_>, t: usize) -> bool {
    // (Asked of every capitalised word before a non-cue: only a word that
    // can open a time phrase of `time_before`, or `on Tuesday`, goes on. The
    // month of a time phrase is no subject: `which in May this year
    // agreed`.)
    if t >= doc.len() || !doc.is_word(t) || t >= 2 && on_day(doc, t - 2) {
        return false;
    }
    let n = doc.norm(t);
    let opens = doc.function(t) == Some(Function::Preposition)
        || TIME_RELATIVE.contains(&n)
        || TIME_EDGES.contains(&n)
        || TIME_AMOUNTS.contains(&n)
        || n.starts_with(|c: char| c.is_ascii_digit());
    opens
        && (t + 2..(t + 7).min(doc.len())).any(|c| {
            finite_cue(doc, c)
                && (c == t + 2 && on_day(doc, t) || time_before(doc, c, t - 1) == Some(t))
        })
}

/// Whether token `c` is an inflected, finite form of a reporting verb, a
/// phrasal one included when its particle follows (`pointed out`, `shot
/// back`).
fn finite_cue(doc: &Doc<'_>, c: usize) -> bool {
    doc.info(c).is_some_and(|w| {
        let lex = doc.lexicon;
        // (The base form is the lemma's first word: `point` of `point
        // out`; compared without searching the lemma.)
        let inflected = |cu: u32| {
            let (lemma, w) = (lex.cue(cu).lemma.as_bytes(), doc.norm(c).as_bytes());
            !(lemma.starts_with(w) && lemma.get(w.len()).is_none_or(|&b| b == b' '))
        };
        !w.participle
            && (w.cue.is_some_and(inflected)
                // (`hit back` may be a past too: with its particle, the
                // base form counts.)
                || phrasal_cue(doc, c, w, doc.len()).is_some())
    })
}

/// A word that is a name where it stands, even when it is also an English
/// word or a modal: right before an inflected reporting verb (`Trump said`,
/// `May said`, `cook said` in lowercase text), where only a subject can
/// stand. Pronouns, determiners, role nouns and the like are not.
pub fn name_before_cue(doc: &Doc<'_>, i: usize) -> bool {
    before_finite_cue(doc, i)
        && (doc.capitalised(i) || doc.casing == Casing::Uncased)
        && may_be_a_name(doc, i)
}

/// Whether word `i` may be a name where a name stands (next to a reporting
/// verb): no function word but a modal (a modal takes only a verb's base
/// form after it, so before `said` it is a name, `May`, `Will`; `have said`,
/// `was told` keep their auxiliary), no role noun or cue, no plural noun.
fn may_be_a_name(doc: &Doc<'_>, i: usize) -> bool {
    doc.is_word(i)
        && match doc.function(i) {
            None => true,
            Some(Function::Auxiliary) => matches!(doc.norm(i), "may" | "will" | "can"),
            _ => false,
        }
        && doc
            .info(i)
            .is_none_or(|w| w.role.is_none() && w.cue.is_none())
        && !plural_looking(doc, i)
}

/// In lowercase text, a word that can be part of a name: a given name or no
/// ordinary English word, and no cue, role or function word (`sayyed`,
/// `hassan`, `nasrallah`).
pub fn lowercase_name_word(doc: &Doc<'_>, k: usize) -> bool {
    doc.casing == Casing::Uncased
        && may_be_lowercase_name(doc, k)
        && (doc.info(k).is_some_and(|w| w.given.is_some()) || !inflected_word(doc.norm(k)))
}

/// A word that may stand in a lowercase name: a given name or no ordinary
/// word ([`ordinary_word`]: of the English word list, which lacks most `-ed`
/// and `-ing` forms (see [`lowercase_name_word`]), or of the words news
/// writes in lowercase), and no cue, role, function word or half of a split
/// contraction (`don t`).
pub fn may_be_lowercase_name(doc: &Doc<'_>, k: usize) -> bool {
    // (The lexicon's answers first: they rule out most words at once.)
    doc.is_word(k)
        && doc.function(k).is_none()
        && doc
            .info(k)
            .is_none_or(|w| w.cue.is_none() && w.role.is_none())
        && !doc.split_contraction(k)
        && (doc.info(k).is_some_and(|w| w.given.is_some()) || !ordinary_word(doc.norm(k)))
}

/// Whether `w` is an English word's `-ed` or `-ing` form (`declined`,
/// `talked`, `saying`, `making`), which the word list lacks; `sayyed` is no
/// such form.
fn inflected_word(w: &str) -> bool {
    let stem = |suffix: &str| w.strip_suffix(suffix).filter(|s| s.len() >= 2);
    let english = |s: &str| is_english_word(s) || is_english_word(&format!("{s}e"));
    stem("ed").is_some_and(english)
        || stem("d").is_some_and(is_english_word)
        || stem("ing").is_some_and(english)
}

/// A lowercase word that reads as a plural noun (`analysts`, `residents`).
fn plural_looking(doc: &Doc<'_>, i: usize) -> bool {
    let w = doc.norm(i);
    !doc.capitalised(i)
        && w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && doc.info(i).is_none_or(|x| x.given.is_none())
}

/// Whether token `a` opens a participle or relative clause (`speaking in
/// Moscow`, `who joined the board`, `according to …`, `dated April 2`).
fn opens_clause(doc: &Doc<'_>, a: usize) -> bool {
    let first = doc.norm(a);
    first.ends_with("ing") || matches!(first, "who" | "which" | "whose" | "according" | "dated")
}

/// Whether the phrase `a..b` (between two commas) reads as an aside or an
/// apposition rather than a clause: it starts with an `-ing` word, `who`,
/// `which`, a determiner, a role noun, an age, or is short and has no cue.
fn is_aside(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    // (A long one opens with a role or a determiner: `director of the
    // Center for American Women and Politics at the Eagleton Institute of
    // Politics at Rutgers University`.)
    let describes = || {
        matches!(doc.function(a), Some(Function::Determiner))
            || doc.info(a).is_some_and(|w| w.role.is_some())
    };
    if a >= b || b - a > 24 || b - a > 16 && !describes() {
        return false;
    }
    if opens_clause(doc, a) {
        return true;
    }
    // A clause is no aside: no cue, no subject pronoun, no sentence end.
    // (A cue of a relative clause inside an apposition is no clause's:
    // `Tatiana Stanovaya, an expert who writes about the Kremlin, noted`.)
    let relative = |i: usize| {
        let who = |k: usize| matches!(doc.norm(k), "who" | "which");
        (i > a && who(i - 1))
            || (i > a + 1 && doc.function(i - 1) == Some(Function::Adverb) && who(i - 2))
    };
    !(a..b).any(|i| {
        reports_in(doc, a, i) && !relative(i)
            || doc
                .pronoun(i)
                .is_some_and(|_| Pronoun::subject_form(doc.norm(i)))
            || (matches!(
                doc.kind(i),
                Some(Kind::End | Kind::Quote(_) | Kind::Colon | Kind::Semicolon)
            ) && !abbreviation_point(doc, i))
    })
}

/// Whether token `i` of a phrase starting at `a` is a reporting verb, not
/// a cue word used as a noun: after a determiner or a possessive (`a
/// co-author of the report`, `the campaign's press secretary`), or before
/// a role noun (`press secretary`).
fn reports_in(doc: &Doc<'_>, a: usize, i: usize) -> bool {
    doc.info(i).is_some_and(WordInfo::reports)
        && !(i > a
            && (doc.function(i - 1) == Some(Function::Determiner)
                // `the campaign's press secretary`
                || doc.kind(i - 1) == Some(Kind::Possessive)))
        // `press secretary`: a noun before a role noun
        && doc.info(i + 1).is_none_or(|w| w.role.is_none())
        // `American Express Co`: a word of a company's name.
        && !(i > a && crate::quotes::cues::inside_a_company_name(doc, i))
}

/// Whether token `i` is the point of an abbreviation inside a phrase
/// (`Bullpen Research Inc., told`, `Martin Luther King Jr., said`): a `.`
/// right after a word and right before a comma ends no sentence.
fn abbreviation_point(doc: &Doc<'_>, i: usize) -> bool {
    doc.kind(i) == Some(Kind::End)
        && doc.surface(i) == "."
        && i > 0
        && doc.is_word(i - 1)
        && doc.kind(i + 1) == Some(Kind::Comma)
}

/// Where the aside that ends before token `end` starts: right after the
/// comma before it (or at `floor`); `None` if a sentence end, colon,
/// semicolon or quotation mark stands in between (an abbreviation's point,
/// `D-Calif.,`, is none).
fn aside_start(doc: &Doc<'_>, end: usize, floor: usize) -> Option<usize> {
    let mut k = end;
    while k > floor && doc.kind(k - 1) != Some(Kind::Comma) {
        k -= 1;
        if matches!(
            doc.kind(k),
            Some(Kind::End | Kind::Colon | Kind::Semicolon | Kind::Quote(_))
        ) && !abbreviation_point(doc, k)
        {
            return None;
        }
    }
    Some(k)
}

/// The opening of a short bracket that ends right before `j` and follows a
/// word (`Perdue (R-Ga.)`; a stock ticker's angle brackets too, as in
/// `Beecham Group Plc <BHAM.L>`).
fn bracket_before(doc: &Doc<'_>, j: usize, floor: usize) -> Option<usize> {
    if !(j > floor + 2 && closes_bracket(doc, j - 1)) {
        return None;
    }
    (j.saturating_sub(8).max(floor + 1)..j - 1)
        .rev()
        .find(|&k| opens_bracket(doc, k) || closes_bracket(doc, k))
        .filter(|&k| opens_bracket(doc, k) && k + 1 < j - 1 && doc.is_word(k - 1))
}

/// Whether token `k` opens a bracket, a round one or a newswire's angle
/// bracket around a ticker or a company's name (`<BHAM.L>`, `<Ivaco Inc>`).
fn opens_bracket(doc: &Doc<'_>, k: usize) -> bool {
    doc.kind(k) == Some(Kind::Open) || (doc.kind(k) == Some(Kind::Other) && doc.surface(k) == "<")
}

/// Whether token `k` closes a bracket (see [`opens_bracket`]).
fn closes_bracket(doc: &Doc<'_>, k: usize) -> bool {
    doc.kind(k) == Some(Kind::Close) || (doc.kind(k) == Some(Kind::Other) && doc.surface(k) == ">")
}

/// A name in brackets that ends right before `j` and opens its clause
/// (`<Ivaco Inc> said`): the phrase of the name inside.
fn bracketed_name(doc: &Doc<'_>, j: usize, floor: usize) -> Option<SpeakerPhrase> {
    if j < floor + 3 || !closes_bracket(doc, j - 1) {
        return None;
    }
    let o = (j.saturating_sub(10).max(floor)..j - 1)
        .rev()
        .find(|&k| opens_bracket(doc, k))?;
    let inside = o + 1..j - 1;
    let name = !inside.is_empty()
        && inside
            .clone()
            .all(|k| doc.is_word(k) && (doc.capitalised(k) || doc.norm(k) == "and"))
        && doc.capitalised(o + 1);
    if !name || !(o == floor || is_boundary(doc, o - 1)) {
        return None;
    }
    let mut phrase =
        analyse(doc, inside).filter(|p| matches!(p.head, Head::Name(_) | Head::Mention(_)))?;
    phrase.range = o..j;
    Some(phrase)
}

/// The speaker phrase that ends right before token `end` (usually a cue),
/// starting no earlier than `floor`. Asides between commas are skipped.
pub fn phrase_before(doc: &Doc<'_>, end: usize, floor: usize) -> Option<SpeakerPhrase> {
    find_phrase_before(doc, end, floor).map(|p| whole_company_name(doc, p))
}

/// A name read as its legal form alone (`Inc`, `Corp`) when the words of
/// the company's name before it were taken for something else: a role
/// (`Swiss Bank Corp`, `Shearson Lehman Brothers Inc`), an auxiliary
/// (`Heekin Can Inc`), a number (`Banc One Corp`) or a participle
/// (`Reading Co`). The capitalised words right before the legal form, inside
/// the phrase, are the name.
fn whole_company_name(doc: &Doc<'_>, mut p: SpeakerPhrase) -> SpeakerPhrase {
    let Head::Name(r) = &p.head else {
        return p;
    };
    if r.len() != 1 || !LEGAL_FORMS.contains(&doc.norm(r.start)) {
        return p;
    }
    let mut s = r.start;
    while s > p.range.start && doc.is_word(s - 1) && doc.capitalised(s - 1) {
        s -= 1;
    }
    if s < r.start {
        let r = s..r.end;
        p.head_range = r.clone();
        p.head = Head::Name(r);
    }
    p
}

fn find_phrase_before(doc: &Doc<'_>, end: usize, floor: usize) -> Option<SpeakerPhrase> {
    let mut j = end;
    while j > floor && is_gap(doc, j - 1) {
        j -= 1;
    }
    // `… as a carjacking and said she …`: the verb is the second of its
    // subject's; no phrase ends in `and`.
    if j > floor && doc.norm(j - 1) == "and" {
        return None;
    }
    // `Putin on Tuesday said`, `The Bank in March said`
    if j >= floor + 2 && on_day(doc, j - 2) {
        j -= 2;
    }
    // `The State Department less than two weeks ago said`, `The ministry
    // earlier this month said`
    if let Some(t) = time_before(doc, j, floor) {
        j = t;
    }
    // `veteran MPs who say …`, `Lohmar, who said …`: the relative
    // pronoun's antecedent speaks.
    if j > floor + 1 && doc.norm(j - 1) == "who" {
        let mut e = j - 1;
        if e > floor + 1 && doc.kind(e - 1) == Some(Kind::Comma) {
            e -= 1;
        }
        return tail_phrase(doc, e, floor);
    }
    // `<Ivaco Inc> said`, `(Ivaco Inc) said`: a company's name set in
    // brackets, as newswires mark one with no ticker, is the speaker.
    if let Some(phrase) = bracketed_name(doc, j, floor) {
        return Some(phrase);
    }
    let mut apposition = None;
    // `Sen. David Perdue (R-Ga.) said`: a short bracket after the name
    // describes it.
    if let Some(o) = bracket_before(doc, j, floor) {
        apposition = Some(o + 1..j - 1);
        j = o;
    }
    if apposition.is_none() && j > floor && doc.kind(j - 1) == Some(Kind::Comma) {
        // An aside between two commas: `Lavrov, speaking in Moscow, said`.
        let k = aside_start(doc, j - 1, floor)?;
        if k == floor || !is_aside(doc, k, j - 1) {
            return None;
        }
        apposition = Some(k..j - 1);
        j = k - 1;
        // (And a bracket before the aside: `Sen. Johnny Isakson (R-Ga.),
        // one of the co-authors, said`.)
        if let Some(o) = bracket_before(doc, j, floor) {
            j = o;
        }
    }
    if j <= floor {
        return None;
    }
    let mut a = j;
    while a > floor && !is_boundary(doc, a - 1) && j - a < MAX_SPEAKER_TOKENS {
        a -= 1;
    }
    // `A senior official speaking on condition of anonymity said`, `One
    // aide talking to reporters said`: a reporting participle right after
    // a word describes the phrase before it, which speaks.
    if apposition.is_none()
        && a > floor + 1
        && j - a <= 8
        && doc.is_word(a - 2)
        && doc
            .info(a - 1)
            .is_some_and(|w| w.participle && w.cue.is_some())
        // (`Software Publishing Corp said`: a word of a company's name.)
        && !crate::quotes::cues::inside_a_company_name(doc, a - 1)
    {
        if let Some(mut p) = tail_phrase(doc, a - 1, floor) {
            p.apposition = Some(a - 1..j);
            return Some(p);
        }
    }
    if a > floor && !is_boundary(doc, a - 1) {
        // Too long to be a speaker phrase as a whole (`… to The Globe by
        // Reagan Ruslim, who joined the board, said`): the name, mention or
        // role phrase that ends right here may still be the speaker.
        let mut phrase = tail_phrase(doc, j, floor)?;
        phrase.apposition = apposition;
        return Some(phrase);
    }
    // `And he said …`: a leading `and` joins the clause to the one before
    // (`and` ends no phrase, so that `Smith and Jones` is one) and is no
    // part of the speaker.
    // (So are a leading `but` and a focusing adverb: `Even China, …,
    // said`.)
    if a + 1 < j
        && matches!(
            doc.norm(a),
            "and" | "but" | "even" | "also" | "only" | "still"
        )
    {
        a += 1;
    }
    // One word, then an aside, then a finite cue: where only a subject
    // stands, so a name even when it is also a word (`Smith, who backed
    // the bill, said`, `Sanders, a senator from Vermont, said`).
    if apposition.is_some()
        && j == a + 1
        && (doc.capitalised(a) || doc.casing == Casing::Uncased)
        && doc.mention_at(a).is_none()
        && may_be_a_name(doc, a)
        && finite_cue(doc, end)
    {
        return Some(SpeakerPhrase::name(a..j, apposition));
    }
    // A second aside that names no one (`Lucille Roybal Allard, D-Calif.,
    // the incoming chairwoman of the panel, said`) joins the first.
    let mut tries = 0;
    let mut phrase = loop {
        if let Some(p) = analyse(doc, a..j) {
            break p;
        }
        let app = apposition.as_ref().filter(|_| tries < 2)?;
        let k = aside_start(doc, j, floor)?;
        if k <= floor + 1 || k == j || !is_aside(doc, k, j) {
            return None;
        }
        apposition = Some(k..app.end);
        j = k - 1;
        a = j;
        while a > floor && !is_boundary(doc, a - 1) && j - a < MAX_SPEAKER_TOKENS {
            a -= 1;
        }
        if a == j || (a > floor && !is_boundary(doc, a - 1)) {
            return None;
        }
        tries += 1;
    };
    // `the lanky, bespectacled professor said`: adjectives split by a comma
    // belong to the phrase.
    if apposition.is_none() && a >= floor + 3 && doc.kind(a - 1) == Some(Kind::Comma) {
        let lowercase_word =
            |k: usize| doc.is_word(k) && doc.function(k).is_none() && !doc.capitalised(k);
        // (A singular role noun with no determiner of its own: `the economy,
        // officials said` keeps its content.)
        if doc.casing == Casing::Cased
            && lowercase_word(a)
            && matches!(phrase.head, Head::Role { plural: false, .. })
        {
            let comma = a - 1;
            let mut d = comma;
            while d > floor + 1 && comma - d < 2 && lowercase_word(d - 1) {
                d -= 1;
            }
            if d < comma && doc.function(d - 1) == Some(Function::Determiner) {
                phrase.range.start = d - 1;
                a = d - 1;
            }
        }
    }
    // More asides: `Rep. Lucille Roybal Allard, D-Calif., the incoming
    // chairwoman of ..., said`. While this phrase is itself between commas
    // and reads as an aside, a better-headed phrase before it is the
    // speaker.
    if apposition.is_some() {
        let mut seg = a..j;
        // (Up to three asides; one that names no one is passed over:
        // `Tareq Hadad, the co-founder of Peace By Chocolate, a company
        // based in Antigonish, N.S., says`.)
        for _ in 0..3 {
            if seg.start <= floor + 1
                || doc.kind(seg.start - 1) != Some(Kind::Comma)
                || matches!(phrase.head, Head::Mention(_) | Head::Pronoun(_))
                // (A full name is no aside: `…, D.C., Republican candidate
                // Sen. Lindsey Graham said`.)
                || matches!(&phrase.head, Head::Name(r) if r.len() >= 2)
                || !is_aside(doc, seg.start, seg.end)
            {
                break;
            }
            let prev_end = seg.start - 1;
            let mut pa = prev_end;
            while pa > floor && !is_boundary(doc, pa - 1) && prev_end - pa < MAX_SPEAKER_TOKENS {
                pa -= 1;
            }
            if pa == prev_end || (pa > floor && !is_boundary(doc, pa - 1)) {
                break;
            }
            // `In October, Mrs. Clinton, the nominee, proposed`: a fronted
            // phrase that opens with a preposition is no subject.
            if doc.function(pa) == Some(Function::Preposition) {
                break;
            }
            let Some(prev) = analyse(doc, pa..prev_end) else {
                break;
            };
            let after = seg.start;
            seg = pa..prev_end;
            // (The name ends the part before the aside: in `Facebook created
            // the tool, a spokeswoman, Anna White, said` that part is the
            // content.)
            let ends_part = match &prev.head {
                Head::Mention(m) => doc.mention_at(prev_end - 1) == Some(*m),
                Head::Name(r) => r.end == prev_end,
                _ => false,
            };
            if ends_part {
                let app_end = apposition.as_ref().map_or(after, |r| r.end);
                phrase = prev;
                apposition = Some(after..app_end);
                a = pa;
            }
        }
    }
    // `One red-state Democrat, Montana Sen. Jon Tester, said`: the named
    // apposition is the speaker.
    // So is a full name after a one-word name (`Keeper of the Ruler's Seal,
    // Syed Danial Syed Ahmad, said`).
    if let Some(app) = &apposition {
        // (A full name, `Ben Myers`, has a one-word head but is no
        // one-word name: `Ben Myers, the president of the firm Bullpen
        // Research, said` is Myers speaking.)
        let full_name = phrase.range.len() >= 2
            && phrase
                .range
                .clone()
                .all(|i| doc.capitalised(i) && doc.function(i).is_none());
        let one_word = matches!(&phrase.head, Head::Name(r) if r.len() == 1) && !full_name;
        // `Lavrov, speaking in Moscow, said`: a clause-like aside names no
        // speaker.
        // (Nor does an indefinite one: `Alabama's secretary of state, a
        // Republican, said`.)
        let clause_like = opens_clause(doc, app.start)
            || doc.function(app.start) == Some(Function::Preposition)
            || matches!(doc.norm(app.start), "a" | "an");
        if (matches!(phrase.head, Head::Role { .. } | Head::Other) || one_word) && !clause_like {
            if let Some(mut named) = analyse(doc, app.clone()).filter(|p| match &p.head {
                Head::Mention(_) => true,
                Head::Name(r) => !one_word || r.len() >= 2,
                _ => false,
            }) {
                if let Head::Role { role, .. } = phrase.head {
                    named.titles.push(role);
                }
                named.range = a..app.end;
                return Some(named);
            }
        }
    }
    phrase.apposition = apposition;
    Some(phrase)
}

/// The speaker-like phrase that ends right before token `end`: a gazetteer
/// mention, a capitalised name (with its titles), a subject pronoun, or a
/// role noun with its determiner and modifiers.
fn tail_phrase(doc: &Doc<'_>, end: usize, floor: usize) -> Option<SpeakerPhrase> {
    let last = end.checked_sub(1)?;
    if last < floor {
        return None;
    }
    let mut a = last;
    if let Some(m) = doc.mention_at(last) {
        while a > floor && doc.mention_at(a - 1) == Some(m) {
            a -= 1;
        }
    } else if doc.capitalised(last) && doc.function(last).is_none() {
        while a > floor && doc.capitalised(a - 1) && doc.function(a - 1).is_none() {
            a -= 1;
        }
    } else if doc.pronoun(last).is_some() {
        // a single pronoun
    } else if doc.info(last).is_some_and(|w| w.role.is_some()) {
        let mut k = last;
        while k > floor && last - k < 4 {
            k -= 1;
            if matches!(doc.function(k), Some(Function::Determiner)) {
                a = k;
                break;
            }
            if !doc.is_word(k) || doc.function(k).is_some() {
                break;
            }
        }
    } else {
        return None;
    }
    // Titles right before a name (`Mayor Doug McCallum`).
    while a > floor
        && doc.info(a - 1).is_some_and(|w| {
            w.title_abbreviation || w.role.is_some_and(|r| doc.lexicon.role(r).title)
        })
    {
        a -= 1;
    }
    analyse(doc, a..end).filter(|p| !matches!(p.head, Head::Other))
}

/// The speaker phrase that starts right after token `start` (an inverted
/// `said Putin`), ending at the clause's end.
pub fn phrase_after(doc: &Doc<'_>, start: usize, ceiling: usize) -> Option<SpeakerPhrase> {
    find_phrase_after(doc, start, ceiling).map(|p| whole_company_name(doc, p))
}

fn find_phrase_after(doc: &Doc<'_>, start: usize, ceiling: usize) -> Option<SpeakerPhrase> {
    let mut b = start;
    while b < ceiling && b - start < MAX_SPEAKER_TOKENS {
        // `says Greenspan while visiting … with her husband Michael
        // Greenspan`: a subordinate clause after the name is no part of it.
        if b > start && doc.function(b) == Some(Function::Subordinator) {
            break;
        }
        match doc.kind(b) {
            Some(Kind::Word | Kind::Possessive | Kind::Other) => b += 1,
            _ => break,
        }
    }
    // `said in an interview that …` has no speaker after the cue.
    if b == start
        || matches!(
            doc.function(start),
            Some(Function::Preposition | Function::Subordinator)
        )
    {
        return None;
    }
    // `said Hugh Hill, a doctor.`: the apposition is not the speaker.
    let mut phrase = analyse(doc, start..b)?;
    if doc.kind(b) == Some(Kind::Comma) {
        let mut e = b + 1;
        while e < ceiling
            && matches!(
                doc.kind(e),
                Some(Kind::Word | Kind::Possessive | Kind::Other)
            )
        {
            e += 1;
        }
        if e > b + 1 && is_aside(doc, b + 1, e) {
            // `says Campbell's partner, Jason Louth`: the named apposition
            // is the speaker (not a name inside a relative clause: `says the
            // Cambridge resident, who sold copies of his comic Forgotten
            // Grunt`).
            if matches!(phrase.head, Head::Role { .. } | Head::Other) && !opens_clause(doc, b + 1) {
                if let Some(named) = analyse(doc, b + 1..e)
                    .filter(|p| matches!(p.head, Head::Mention(_) | Head::Name(_)))
                {
                    let mut named = named;
                    if let Head::Role { role, .. } = phrase.head {
                        named.titles.push(role);
                    }
                    return Some(named);
                }
            }
            phrase.apposition = Some(b + 1..e);
        }
    }
    Some(phrase)
}

/// Classifies the phrase `range`, finding its head. `None` if nothing in
/// it can speak (only function words, or a clause).
pub fn analyse(doc: &Doc<'_>, range: Range<usize>) -> Option<SpeakerPhrase> {
    let (a, b) = (range.start, range.end);
    if a >= b {
        return None;
    }
    // A single pronoun.
    if b - a == 1 {
        if let Some(p) = doc.pronoun(a) {
            if !Pronoun::subject_form(doc.norm(a)) {
                return None;
            }
            return Some(SpeakerPhrase {
                range: a..b,
                head_range: a..b,
                head: Head::Pronoun(p),
                titles: Vec::new(),
                modifiers: Vec::new(),
                apposition: None,
            });
        }
    }
    // A phrase that contains a cue or a subject pronoun in the middle is a
    // clause, not a speaker (a cue word after a determiner is a noun: `the
    // founder of the press`; one that describes a document is no cue: `a
    // statement e-mailed to The Globe`).
    if (a..b).any(|i| {
        reports_in(doc, a, i)
            && doc.info(i).is_some_and(|w| w.role.is_none())
            && !crate::quotes::cues::describes_a_document(doc, i)
    }) {
        return None;
    }
    let mut titles = Vec::new();
    let mut modifiers = Vec::new();
    let mut i = a;
    // Skip a leading preposition phrase of time (`On Tuesday Putin`).
    while i < b
        && matches!(
            doc.function(i),
            Some(Function::Preposition | Function::Day | Function::Adverb)
        )
    {
        i += 1;
    }
    // `in a move the company said was needed`, `In early November the
    // company announced`: a determiner right after a noun starts another
    // phrase (the first is the antecedent of a reduced relative clause, or
    // an adjunct of time); the speaker is the last.
    // (Not after a participle that follows a role noun: `Lawmakers
    // leaving a Republican conference meeting said`.)
    if let Some(k) = (i + 1..b).rev().find(|&k| {
        matches!(doc.norm(k), "the" | "a" | "an")
            && doc.is_word(k - 1)
            && doc.function(k - 1).is_none()
            && doc.info(k - 1).is_none_or(|w| w.cue.is_none())
            && !(k >= i + 2
                && doc.norm(k - 1).ends_with("ing")
                && doc.info(k - 2).is_some_and(|w| w.role.is_some()))
    }) {
        if let Some(phrase) = analyse(doc, k..b).filter(|p| !matches!(p.head, Head::Other)) {
            return Some(phrase);
        }
    }
    // `Richard Shelby of Alabama`: a person's home after the full name
    // describes; the name is the head.
    if let Some(k) = (i + 2..b).find(|&k| doc.norm(k) == "of") {
        if doc.info(i).is_some_and(|w| w.given.is_some())
            && (i..k).all(|x| doc.capitalised(x))
            && k + 1 < b
            && doc.capitalised(k + 1)
        {
            if let Some(mut phrase) =
                analyse(doc, i..k).filter(|x| matches!(x.head, Head::Name(_) | Head::Mention(_)))
            {
                phrase.range = i..b;
                return Some(phrase);
            }
        }
    }
    // `Wise's dad`, `the province's Department of Community Services`: the
    // possessor describes; the head comes after the last possessive.
    if let Some(p) = (i..b)
        .rev()
        .find(|&k| doc.kind(k) == Some(Kind::Possessive))
    {
        // `Moody's Investors Service Inc`, `McDonald's Corp`: a company
        // named after its founder is one name with its possessive.
        if let Some(first) = company_with_possessive(doc, i, p, b) {
            return Some(name_head(i..b, first..b, Vec::new(), Vec::new()));
        }
        // `a source in Netanyahu's office`: the possessive sits inside a
        // preposition phrase after the head.
        let prep = (i + 1..p).find(|&k| doc.function(k) == Some(Function::Preposition));
        if let Some(k) = prep {
            if let Some(mut phrase) = analyse(doc, i..k).filter(|x| !matches!(x.head, Head::Other))
            {
                phrase.range = i..b;
                return Some(phrase);
            }
        }
        if p + 1 < b {
            let mut phrase = analyse(doc, p + 1..b)?;
            phrase.range = i..b;
            phrase.modifiers.extend(
                (i..p)
                    .filter(|&k| doc.is_word(k))
                    .map(|k| doc.norm(k).to_string()),
            );
            return Some(phrase);
        }
    }
    // `A statement from Reagan Ruslim`, `a study by Civic Action`: a
    // document's author speaks through it.
    if let Some(d) = (i..b.min(i + 3)).find(|&k| SENT_NOUNS.contains(&doc.norm(k))) {
        if let Some(k) = (d + 1..b.min(d + 6)).find(|&k| matches!(doc.norm(k), "from" | "by")) {
            if let Some(mut phrase) = analyse(doc, k + 1..b)
                .filter(|x| matches!(x.head, Head::Name(_) | Head::Mention(_) | Head::Role { .. }))
            {
                phrase.range = i..b;
                return Some(phrase);
            }
        }
    }
    let start_of_phrase = i;
    // A title or role followed by a name, anywhere in the phrase: the name
    // is the head, whatever describes it first (`Cloverdale Minor Hockey
    // Association president Marty Jones`, `Cambridge cartoonist Andre
    // Campbell`).
    for k in start_of_phrase..b {
        let Some(role) = doc.info(k).and_then(|w| w.role) else {
            continue;
        };
        if doc.mention_at(k).is_some() {
            continue;
        }
        if let Some((head, hr)) = find_name_after_role(doc, k + 1, b) {
            if hr.end == b || (hr.end..b).all(|x| !doc.is_word(x)) {
                if let Some(first) = company_around_role(doc, k, &head, &hr, start_of_phrase) {
                    modifiers.extend(describing_words(doc, start_of_phrase..k));
                    let (range, name) = (start_of_phrase..b, first..hr.end);
                    return Some(name_head(range, name, titles, modifiers));
                }
                titles.push(role);
                modifiers.extend(describing_words(doc, start_of_phrase..k));
                return Some(SpeakerPhrase {
                    range: start_of_phrase..b,
                    head_range: hr,
                    head,
                    titles,
                    modifiers,
                    apposition: None,
                });
            }
        }
    }
    while i < b {
        // A gazetteer mention of a speaker-like kind is the head, unless a
        // role noun follows it (`U.S. officials`, `Kremlin spokesman`).
        if let Some(m) = doc.mention_at(i) {
            let mut e = i;
            while e < b && doc.mention_at(e) == Some(m) {
                e += 1;
            }
            let role_follows = (e..b)
                .take(3)
                .any(|k| doc.info(k).is_some_and(|w| w.role.is_some()));
            // `the last Syrian town`: a mention followed by a common noun
            // describes it.
            let noun_follows = !role_follows
                && (e..b).any(|k| {
                    doc.is_word(k)
                        && doc.mention_at(k).is_none()
                        && !doc.capitalised(k)
                        && doc.function(k).is_none()
                });
            if noun_follows {
                modifiers.push(doc.norm(i).to_string());
                i = e;
                continue;
            }
            if !role_follows || name_follows_role(doc, e, b) {
                let head = if role_follows {
                    // `Kremlin spokesman Dmitry Peskov`: the name after the role.
                    match find_name_after_role(doc, e, b) {
                        Some(h) => h,
                        None => (Head::Mention(m), i..e),
                    }
                } else {
                    (Head::Mention(m), i..e)
                };
                return Some(SpeakerPhrase {
                    range: start_of_phrase..b,
                    head_range: head.1,
                    head: head.0,
                    titles,
                    modifiers,
                    apposition: None,
                });
            }
            modifiers.push(doc.norm(i).to_string());
            i = e;
            continue;
        }
        if let Some(info) = doc.info(i) {
            if let Some(role) = info.role {
                // A title followed by a name: the name is the head.
                if doc.lexicon.role(role).title || info.title_abbreviation {
                    if let Some((head, hr)) = find_name_after_role(doc, i + 1, b) {
                        titles.push(role);
                        return Some(SpeakerPhrase {
                            range: start_of_phrase..b,
                            head_range: hr,
                            head,
                            titles,
                            modifiers,
                            apposition: None,
                        });
                    }
                }
                // Otherwise the role noun is the head (`a Kremlin spokesman`,
                // `the senator`, `officials`); a multi-word role (`foreign
                // minister`) ends at its last word.
                // A role noun right after it is the head of the compound (`a
                // company spokesman`, `government officials`).
                let (mut i, mut role, mut info) = (i, role, info);
                let mut e = i + 1;
                loop {
                    while e < b && doc.info(e).is_some_and(|w| w.role == Some(role)) {
                        e += 1;
                    }
                    let next = (e < b).then(|| doc.info(e)).flatten();
                    let Some((next_role, next)) = next.and_then(|w| w.role.map(|r| (r, w))) else {
                        break;
                    };
                    (i, role, info) = (e, next_role, next);
                }
                return Some(SpeakerPhrase {
                    range: start_of_phrase..b,
                    head_range: i..e,
                    head: Head::Role {
                        role,
                        plural: info.plural,
                    },
                    titles,
                    modifiers,
                    apposition: None,
                });
            }
        }
        let name_here = i + 1 == b && doc.capitalised(i) && name_before_cue(doc, i);
        if (doc.capitalised(i) && doc.function(i).is_none() && !sentence_initial_word(doc, i))
            || name_here
        {
            let mut a = i;
            let mut e = name_end(doc, i, b);
            // A place (`Edmonton`), or a name inside a preposition phrase
            // after a noun (`sergeant-at-arms of the House of Commons`),
            // describes the speaker; it is not the speaker.
            let in_pp = (i > start_of_phrase + 1
                && matches!(doc.function(i - 1), Some(Function::Preposition)))
                || (i > start_of_phrase + 2
                    && matches!(doc.function(i - 1), Some(Function::Determiner))
                    && matches!(doc.function(i - 2), Some(Function::Preposition)));
            // (So does a date before the noun it dates: `the March 9
            // letter`.)
            let date = i > start_of_phrase
                && doc.function(i - 1) == Some(Function::Determiner)
                && MONTHS.contains(&doc.norm(i))
                && doc.surface(i + 1).starts_with(|c: char| c.is_ascii_digit())
                && e < b
                && doc.is_word(e)
                && !doc.capitalised(e);
            if doc.is_place(i, e) || in_pp || date {
                modifiers.extend((i..e).map(|x| doc.norm(x).to_string()));
                i = e;
                continue;
            }
            // A role noun right after the name, then a preposition phrase:
            // the role is the head (`Democratic leaders in Congress`), unless
            // the name is a person's (`Mike Boswell chairman of Sunshine`).
            let mut after = e;
            while after < b && doc.info(after).is_some_and(|w| w.role.is_some()) {
                after += 1;
            }
            let person = doc.info(a).is_some_and(|w| w.given.is_some());
            if after > e
                && after < b
                && !person
                && doc.function(after) == Some(Function::Preposition)
            {
                modifiers.extend(describing_words(doc, a..e));
                return Some(role_head(
                    doc,
                    start_of_phrase..b,
                    e..after,
                    titles,
                    modifiers,
                ));
            }
            // Several names in one phrase (`Cambridge cartoonist Andre
            // Campbell`): the one that ends the phrase is the speaker.
            let mut k = e;
            while k < b {
                if doc.capitalised(k) && doc.function(k).is_none() {
                    let ke = name_end(doc, k, b);
                    if ke == b {
                        modifiers.extend(
                            (a..k)
                                .filter(|&x| doc.is_word(x))
                                .map(|x| doc.norm(x).to_string()),
                        );
                        a = k;
                        e = ke;
                        break;
                    }
                    k = ke;
                } else {
                    k += 1;
                }
            }
            // A role noun after the name is the head (`Cambridge resident`).
            if let Some(r) = (e..b).find(|&x| doc.info(x).is_some_and(|w| w.role.is_some())) {
                if (r + 1..b).all(|x| doc.info(x).is_some_and(|w| w.role.is_some())) {
                    modifiers.extend(describing_words(doc, a..r));
                    return Some(role_head(doc, start_of_phrase..b, r..b, titles, modifiers));
                }
            }
            // `Democrat Al Franken`: words before a given name and a
            // surname describe.
            if let Some(k) = crate::quotes::coref::given_name_inside(doc, a, e) {
                modifiers.extend(describing_words(doc, a..k));
                a = k;
            }
            return Some(name_head(start_of_phrase..b, a..e, titles, modifiers));
        }
        if doc.is_word(i) && doc.function(i).is_none() {
            modifiers.push(doc.norm(i).to_string());
        }
        i += 1;
    }
    // No recognisable head. In lowercase text, up to three words that are no
    // ordinary English words are likely a name (`lonechild said`, `sayyed
    // hassan nasrallah`); otherwise the phrase stands for itself.
    let content: Vec<usize> = (start_of_phrase..b)
        .filter(|&k| doc.is_word(k) && doc.function(k).is_none())
        .collect();
    // One word where only a subject stands (`trump said`, `may said`), or
    // right after an inflected cue at the clause's end (`, said cook .`).
    let lone_name = b - start_of_phrase == 1
        && (name_before_cue(doc, start_of_phrase)
            || (start_of_phrase > 0
                && finite_cue(doc, start_of_phrase - 1)
                && !doc.is_word(b)
                && may_be_a_name(doc, start_of_phrase)));
    if lone_name {
        return Some(SpeakerPhrase::name(start_of_phrase..b, None));
    }
    let &last = content.last()?;
    let name_like = |k: usize| {
        !doc.split_contraction(k)
            && (doc.info(k).is_some_and(|w| w.given.is_some()) || !is_english_word(doc.norm(k)))
    };
    // A given name makes what follows a surname (`hugh hill`, `gordon brown`).
    let given_first = content.len() >= 2
        && doc.info(content[0]).is_some_and(|w| w.given.is_some())
        && !doc.split_contraction(content[0]);
    let head = if content.len() <= 3
        && content.len() == b - start_of_phrase
        && (given_first || content.iter().all(|&k| name_like(k)))
    {
        Head::Name(content[0]..last + 1)
    } else {
        Head::Other
    };
    let head_range = match &head {
        Head::Name(r) => r.clone(),
        _ => start_of_phrase..b,
    };
    Some(SpeakerPhrase {
        range: start_of_phrase..b,
        head_range,
        head,
        titles: Vec::new(),
        modifiers: Vec::new(),
        apposition: None,
    })
}

/// Whether token `i` is an ordinary English word capitalised only because it
/// starts a sentence (`Multiple IPs`, `Our engineering department`), and
/// not the first word of a name (`North Korea`, `General Motors Corp`).
fn sentence_initial_word(doc: &Doc<'_>, i: usize) -> bool {
    let starts = i == 0
        || doc.sentence(i).start == i
        || matches!(doc.kind(i - 1), Some(Kind::Quote(_) | Kind::Break { .. }));
    starts && is_english_word(doc.norm(i)) && doc.mention_at(i).is_none() && !opens_name(doc, i)
}

/// A phrase over `range` whose head is the name `head`.
fn name_head(
    range: Range<usize>,
    head: Range<usize>,
    titles: Vec<u32>,
    modifiers: Vec<String>,
) -> SpeakerPhrase {
    SpeakerPhrase {
        range,
        head_range: head.clone(),
        head: Head::Name(head),
        titles,
        modifiers,
        apposition: None,
    }
}

/// A phrase over `range` whose head is the role noun starting `head`.
fn role_head(
    doc: &Doc<'_>,
    range: Range<usize>,
    head: Range<usize>,
    titles: Vec<u32>,
    modifiers: Vec<String>,
) -> SpeakerPhrase {
    let info = doc.info(head.start).expect("a role noun");
    SpeakerPhrase {
        range,
        head_range: head,
        head: Head::Role {
            role: info.role.expect("a role noun"),
            plural: info.plural,
        },
        titles,
        modifiers,
        apposition: None,
    }
}

/// Whether the capitalised word `i` runs on into a name: a capitalised word
/// that is no role or function word follows (`North Korea`, `White House`,
/// `Royal Bank`), and `i` is no `-ly` adverb (`Separately Smith said`).
/// A place keeps its first word apart (`North Korea`: the place describes,
/// as elsewhere, and `Korea` stands for its government).
fn opens_name(doc: &Doc<'_>, i: usize) -> bool {
    let next = i + 1;
    doc.is_word(next)
        && doc.capitalised(next)
        && doc.function(next).is_none()
        && doc.info(next).is_none_or(|w| {
            w.role.is_none()
                && !w.title_abbreviation
                && (w.cue.is_none() || crate::quotes::cues::inside_a_company_name(doc, next))
        })
        && !doc.norm(i).ends_with("ly")
        && !doc.is_place(i, i + 2)
        && !doc.is_place(i, i + 3)
}

/// `J.C. Penney co Inc`, `Jacobs Engineering group Inc`: newswires write a
/// company word before the legal form in lowercase; it is part of the name.
fn lowercase_company_word(doc: &Doc<'_>, k: usize) -> bool {
    matches!(doc.norm(k), "co" | "cos" | "group" | "corp")
        && doc.capitalised(k + 1)
        && LEGAL_FORMS.contains(&doc.norm(k + 1))
}

/// Company names' last words that say what a name is, not what it does
/// (`Inc`, `Corp`, `Plc`).
pub(crate) const LEGAL_FORMS: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "plc",
    "llc",
    "gmbh",
];

/// Where the company name starts that runs over the possessive at `p`
/// (`Moody's Investors Service Inc`, `Standard and Poor's Corp`): the
/// words after it are capitalised and end in a legal form, the possessor
/// is a capitalised name that is no place (`Britain's Vodafone Group Plc`
/// is Vodafone's).
fn company_with_possessive(doc: &Doc<'_>, floor: usize, p: usize, b: usize) -> Option<usize> {
    let tail_ok = p + 1 < b
        && (p + 1..b).all(|k| doc.is_word(k) && doc.capitalised(k))
        && LEGAL_FORMS.contains(&doc.norm(b - 1));
    if !tail_ok || p == floor || !doc.capitalised(p - 1) {
        return None;
    }
    let mut first = p - 1;
    while first > floor
        && ((doc.is_word(first - 1) && doc.capitalised(first - 1))
            || (doc.norm(first - 1) == "and" && first >= floor + 2 && doc.capitalised(first - 2)))
    {
        first -= 1;
    }
    (!doc.is_place(first, p)).then_some(first)
}

/// Where the company name starts whose capitalised role word `k` is part
/// of it, the name found after it (`name`) ending in a company word:
/// `General Motors Corp`, `Beecham Group Plc`, `Painewebber Group Inc`.
fn company_around_role(
    doc: &Doc<'_>,
    k: usize,
    head: &Head,
    name: &Range<usize>,
    floor: usize,
) -> Option<usize> {
    // (`Edison Brothers Stores Inc`: more capitalised role words may
    // stand between the role and the name's last word.)
    let company = (k + 1..name.start)
        .all(|x| doc.capitalised(x) && doc.info(x).is_some_and(|w| w.role.is_some()))
        && matches!(head, Head::Name(_))
        && (doc.capitalised(k) || lowercase_company_word(doc, k))
        && doc.info(k).is_some_and(|w| !w.title_abbreviation)
        && crate::quotes::coref::is_org_word(doc.norm(name.end - 1));
    if !company {
        return None;
    }
    let mut first = k;
    while first > floor
        && doc.is_word(first - 1)
        && doc.capitalised(first - 1)
        && doc.function(first - 1).is_none()
    {
        first -= 1;
    }
    Some(first)
}

/// Whether a capitalised name or a person mention follows the role words
/// starting at `i` (`spokesman Dmitry Peskov`).
fn name_follows_role(doc: &Doc<'_>, i: usize, b: usize) -> bool {
    find_name_after_role(doc, i, b).is_some()
}

/// Whether the capitalised role word at `i` is the given name that opens
/// the name after a lowercase role (`economist Dean Baker`): it is a given
/// name, and a capitalised word that is no role or function word follows.
fn given_name_after_role(doc: &Doc<'_>, i: usize, b: usize) -> bool {
    i > 0
        && i + 1 < b
        && doc.capitalised(i)
        && doc.is_word(i - 1)
        && !doc.capitalised(i - 1)
        && doc.info(i).is_some_and(|w| w.given.is_some())
        && doc.capitalised(i + 1)
        && doc.function(i + 1).is_none()
        && doc
            .info(i + 1)
            .is_none_or(|w| w.role.is_none() && !w.title_abbreviation)
}

/// The name right after a title or role (and its own multi-word tail):
/// `President | Bashar al-Assad`, `Sen. | Murray Sinclair`.
fn find_name_after_role(doc: &Doc<'_>, mut i: usize, b: usize) -> Option<(Head, Range<usize>)> {
    // Skip the rest of a multi-word title (`Foreign Minister`).
    while i < b
        && doc
            .info(i)
            .is_some_and(|w| w.role.is_some() || w.title_abbreviation)
        && !given_name_after_role(doc, i, b)
    {
        i += 1;
    }
    if i >= b {
        return None;
    }
    // `Secretary of State Mike Pompeo`: the title's complement, then the
    // name (from its given name, else its last two words).
    if doc.norm(i) == "of" && i > 0 && doc.capitalised(i - 1) {
        let mut k = i + 1;
        if doc.norm(k) == "the" {
            k += 1;
        }
        if k < b && doc.capitalised(k) && doc.mention_at(k).is_none() {
            let e = name_end(doc, k, b);
            // (The complement may have joiners of its own: the name comes
            // after the last, `Minister of State for Foreign Affairs Anwar
            // Gargash`; in `Minister of State for Finance, Tom Hockin,`
            // there is none.)
            let k = (k..e)
                .rev()
                .find(|&x| doc.function(x).is_some())
                .map_or(k, |x| x + 1);
            if e - k >= 3 {
                let first = (k + 1..e - 1)
                    .find(|&x| doc.info(x).is_some_and(|w| w.given.is_some()))
                    .unwrap_or(e - 2);
                return Some((Head::Name(first..e), first..e));
            }
            if let Some(m) = doc.mention_at(e) {
                let mut me = e;
                while me < b && doc.mention_at(me) == Some(m) {
                    me += 1;
                }
                return Some((Head::Mention(m), e..me));
            }
        }
    }
    if let Some(m) = doc.mention_at(i) {
        let mut e = i;
        while e < b && doc.mention_at(e) == Some(m) {
            e += 1;
        }
        return Some((Head::Mention(m), i..e));
    }
    if doc.capitalised(i) && doc.function(i).is_none() {
        let e = name_end(doc, i, b);
        // `Deputy Prime Minister Kim Mahn-je`, `Assistant Treasury
        // Secretary David Mulford`: the capitalised words of a longer title
        // run on to its own role noun; the name follows the last title word
        // that has a name after it.
        if let Some(r) = (i + 1..e.saturating_sub(1)).rev().find(|&r| {
            doc.info(r)
                .is_some_and(|w| w.role.is_some() || w.title_abbreviation)
        }) {
            return find_name_after_role(doc, r + 1, e);
        }
        if doc.is_place(i, e) {
            return None;
        }
        return Some((Head::Name(i..e), i..e));
    }
    // In lowercase text, the name words that end the phrase (`hezbollah
    // leader sayyed hassan nasrallah`).
    if lowercase_name_word(doc, i) && (i..b).all(|k| lowercase_name_word(doc, k)) && b - i <= 4 {
        if doc.is_place(i, b) {
            return None;
        }
        return Some((Head::Name(i..b), i..b));
    }
    None
}

/// End of a capitalised name starting at `i`: capitalised words, initials,
/// and the particles of names (`al`, `de`, `van`, `bin`).
/// The content words of `r` (no function words), normalised: what describes
/// a head (`syrian` in `Syrian President`).
fn describing_words<'d>(doc: &'d Doc<'_>, r: Range<usize>) -> impl Iterator<Item = String> + 'd {
    r.filter(|&x| doc.is_word(x) && doc.function(x).is_none())
        .map(|x| doc.norm(x).to_string())
}

/// Whether `word` (normalised) is a particle inside a name (`al` in `Bashar
/// al Assad`, `van` in `Ursula von der Leyen`) when a capitalised word
/// follows.
pub fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "al" | "de"
            | "da"
            | "van"
            | "von"
            | "bin"
            | "der"
            | "la"
            | "le"
            | "del"
            | "di"
            | "du"
            | "ibn"
    )
}

/// Whether token `e` is a union local's number, part of its name (`UFCW
/// Local 832`).
pub fn local_number(doc: &Doc<'_>, e: usize) -> bool {
    e > 0
        && doc.norm(e - 1) == "local"
        && doc.capitalised(e - 1)
        && doc.surface(e).bytes().all(|c| c.is_ascii_digit())
}

fn name_end(doc: &Doc<'_>, i: usize, b: usize) -> usize {
    let mut e = i + 1;
    while e < b {
        let cap = doc.capitalised(e) && doc.function(e).is_none();
        let particle = is_name_particle(doc.norm(e)) && doc.capitalised(e + 1);
        // Organisation names: `Department of Community Services`; not a
        // person's home after the name (`Richard Shelby of Alabama`).
        let person = e - i >= 2 && doc.info(i).is_some_and(|w| w.given.is_some());
        let joiner = matches!(doc.norm(e), "of" | "for" | "and" | "the" | "on")
            && !(person && doc.norm(e) == "of")
            && doc.capitalised(e + 1)
            && e + 1 < b;
        // (`J.C. Penney co Inc`)
        let company_word = e + 1 < b && lowercase_company_word(doc, e);
        if cap || particle || joiner || company_word || local_number(doc, e) {
            e += 1;
        } else {
            break;
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::doc::testing::with_doc;

    /// The text of part `part` (its range or its head's) of the speaker
    /// phrase before the first `said` of `text`.
    fn before_said(text: &str, part: fn(&SpeakerPhrase) -> &Range<usize>) -> Option<String> {
        with_doc(text, |doc, at| {
            let c = at("said");
            let p = phrase_before(doc, c, doc.sentence(c).start)?;
            let r = part(&p);
            Some(doc.span_text(r.start, r.end).to_string())
        })
    }

    /// The text of the speaker phrase before the first `said` of `text`.
    fn phrase_before_said(text: &str) -> Option<String> {
        before_said(text, |p| &p.range)
    }

    /// The head of the speaker phrase before the first `said` of `text`.
    fn head_before_said(text: &str) -> Option<String> {
        before_said(text, |p| &p.head_range)
    }

    #[test]
    fn time_phrases_before_the_cue_are_skipped() {
        for (text, phrase) in [
            (
                "The State Department less than two weeks ago said it would.",
                "The State Department",
            ),
            (
                "The ministry earlier this month said it would.",
                "The ministry",
            ),
            ("Jagelewski last week said it would.", "Jagelewski"),
            ("the ministry two years ago said it would .", "the ministry"),
            ("The Bank in March said it would.", "The Bank"),
            ("Smith last week said it would.", "Smith"),
            ("A spokesman for May said it would.", "A spokesman for May"),
        ] {
            assert_eq!(phrase_before_said(text).as_deref(), Some(phrase), "{text}");
        }
    }

    #[test]
    fn asides_and_examples_before_the_cue() {
        for (text, phrase) in [
            // A fronted phrase is no subject; the named apposition speaks.
            (
                "In October, Mrs. Clinton, the nominee, said it would.",
                "Mrs. Clinton",
            ),
            // Places given as examples stay in the phrase.
            (
                "Attorneys in states such as Pennsylvania said it would.",
                "Attorneys in states such as Pennsylvania",
            ),
        ] {
            assert_eq!(phrase_before_said(text).as_deref(), Some(phrase), "{text}");
        }
    }

    #[test]
    fn company_names_with_role_nouns_or_a_lowercase_company_word() {
        for (text, head) in [
            (
                "Edison Brothers Stores Inc said it would.",
                "Edison Brothers Stores Inc",
            ),
            ("J.C. Penney co Inc said it would.", "J.C. Penney co Inc"),
            (
                "Jacobs Engineering group Inc\nsaid it would.",
                "Jacobs Engineering group Inc",
            ),
        ] {
            assert_eq!(head_before_said(text).as_deref(), Some(head), "{text}");
        }
    }

    #[test]
    fn a_title_running_on_to_a_second_role_noun_is_no_part_of_the_name() {
        for (text, head) in [
            (
                "Deputy Prime Minister Kim Mahn-je said it would.",
                "Kim Mahn-je",
            ),
            (
                "Assistant Treasury Secretary David\nMulford said it would.",
                "David\nMulford",
            ),
            (
                "Finance Minister Jozef Koziol said it would.",
                "Jozef Koziol",
            ),
        ] {
            assert_eq!(head_before_said(text).as_deref(), Some(head), "{text}");
        }
    }
}
