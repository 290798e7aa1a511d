//! Reporting cues: the verbs and phrases of the lexicon found in a text
//! (`said`, `pointed out`, `according to`), without those that are negated
//! or no report (`did not say`, `declined to comment`, `is said to`, `his
//! remarks`).

use std::ops::Range;

use super::doc::Doc;
use super::lexicon::{is_negation, is_possessive_determiner, Function, WordInfo};
use super::tokens::Kind;

/// A reporting cue found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct CueHit {
    /// The cue's tokens (with a phrasal verb's particle).
    pub range: Range<usize>,
    /// Index of the verb in the lexicon, or `None` for a phrase.
    pub verb: Option<u32>,
    /// Index of the phrase, for phrase cues.
    pub phrase: Option<usize>,
    /// An `-ing` participle (`saying`).
    pub participle: bool,
}

/// Whether the words before a cue at `i` negate it or make it something
/// other than a report: `declined to comment`, `did not say`, `is said to`,
/// `his remarks`, `no mention`.
pub fn negated_or_not_a_report(doc: &Doc<'_>, i: usize) -> bool {
    // Negation in the same clause, right before: `did not say`, `never said`.
    let mut k = i;
    while k > 0 && i - k < 3 {
        k -= 1;
        if !doc.is_word(k) {
            break;
        }
        // (`don t`, `won t`, `can t`: a stripped contraction.)
        if is_negation(doc.norm(k))
            || (doc.norm(k) == "t" && k > 0 && matches!(doc.norm(k - 1), "don" | "won" | "can"))
        {
            return true;
        }
    }
    if i == 0 {
        return false;
    }
    // The end of a name in cased text: `the United States.` (but not a
    // title-case headline: `Trump Says He Will Run`).
    if doc.capitalised(i)
        && doc.capitalised(i - 1)
        && doc.function(i - 1).is_none()
        && !doc.capitalised(i + 1)
    {
        return true;
    }
    let prev = doc.norm(i - 1);
    if prev == "to" {
        // `declined to say`, `refused to comment`, `wants to say` — but not
        // `went on to say`, `continued to say`.
        let before = doc.norm(i.saturating_sub(2));
        return !matches!(
            before,
            "on" | "continued" | "continues" | "went" | "goes" | "go" | "used"
        );
    }
    // `the town held by Islamic State`, `the claims denied by Moscow`: a
    // passive whose agent follows (not `said by telephone`).
    if doc.norm(i + 1) == "by"
        && !matches!(
            doc.norm(i + 2),
            "phone" | "telephone" | "email" | "e-mail" | "text" | "video" | "videolink" | "letter"
        )
    {
        return true;
    }
    // `is said to`, `was told`, `were asked`: passives.
    if matches!(
        prev,
        "is" | "was" | "were" | "are" | "been" | "being" | "be"
    ) {
        return true;
    }
    // A noun after a preposition: `lobbies its members through e-mails`.
    if doc.function(i - 1) == Some(Function::Preposition)
        && !doc.info(i).is_some_and(|w| w.participle)
    {
        return true;
    }
    // A noun: `the said agreement`, `his remarks`, `no mention`, `a report`.
    doc.function(i - 1) == Some(Function::Determiner)
        || is_possessive_determiner(prev)
        || doc.kind(i - 1) == Some(Kind::Possessive)
}

/// Whether the cue at `i` is a participle describing the document before
/// it, whose own reporting verb follows: `A statement e-mailed to The Globe
/// by Reagan Ruslim said …`, `a letter posted on the union's website says
/// …` (not `the statement added that …`, with no second verb).
pub(crate) fn describes_a_document(doc: &Doc<'_>, i: usize) -> bool {
    if i == 0
        || !doc.norm(i).ends_with("ed")
        || !super::speakers::SENT_NOUNS.contains(&doc.norm(i - 1))
        || doc.function(i + 1) != Some(Function::Preposition)
    {
        return false;
    }
    let end = doc.sentence(i).end.min(i + 25);
    (i + 2..end).any(|k| doc.info(k).is_some_and(|w| w.reports()))
}

/// The phrasal reporting verb of word `i` (whose lexicon entry is `info`)
/// whose particle follows within two tokens and before `limit` (`pointed
/// out`, `pointed it out`, `shot back`), and the token after the particle.
/// (Inlined: `find_cues` asks it of every word.)
#[inline(always)]
pub fn phrasal_cue(doc: &Doc<'_>, i: usize, info: &WordInfo, limit: usize) -> Option<(u32, usize)> {
    // (Most words have none: no search set up for them.)
    if info.particle_cues.is_empty() {
        return None;
    }
    info.particle_cues.iter().find_map(|&c| {
        let particle = doc.lexicon.cue(c).particle.as_deref()?;
        (i + 1..(i + 3).min(limit))
            .find(|&k| doc.norm(k) == particle)
            .map(|k| (c, k + 1))
    })
}

/// Whether the capitalised word `i` is a word of a company's name
/// (`American Express Co`, `American Express <AXP>`): a capitalised word
/// stands before it, and a legal form or a newswire's ticker after it.
pub fn inside_a_company_name(doc: &Doc<'_>, i: usize) -> bool {
    let inside = i > 0
        && i + 1 < doc.len()
        && doc.capitalised(i)
        && !doc.tok(i).all_caps
        && doc.capitalised(i - 1);
    inside
        && (doc.is_word(i + 1) && crate::quotes::speakers::LEGAL_FORMS.contains(&doc.norm(i + 1))
            || doc.surface(i + 1).starts_with('<'))
}

/// Whether the cue word at `i` is a noun after an indefinite article and
/// a modifier (`sounded a conciliatory note in …`, `issued a brief
/// comment`): a cue that is also a count noun, after `a`/`an` and one
/// lowercase word that is no role noun (`a spokesman said`) or cue.
fn noun_after_indefinite(doc: &Doc<'_>, i: usize) -> bool {
    // (Only a cue that is also a count noun: `team members dressed for a
    // game say …` reports; and a participle after a noun is a verb: `a
    // statement calling it …`.)
    i >= 2
        // (`made a controversial comment that …` reports all the same.)
        && doc.norm(i + 1) != "that"
        && matches!(
            doc.norm(i),
            "note"
                | "comment"
                | "report"
                | "claim"
                | "remark"
                | "estimate"
                | "forecast"
                | "reply"
                | "promise"
                | "pledge"
                | "request"
                | "demand"
                | "charge"
                | "answer"
                | "boast"
        )
        && matches!(doc.norm(i - 2), "a" | "an")
        && doc.is_word(i - 1)
        && !doc.capitalised(i - 1)
        && doc.function(i - 1).is_none()
        && doc
            .info(i - 1)
            .is_none_or(|w| w.role.is_none() && w.cue.is_none())
}

/// Every reporting cue of the document.
pub fn find_cues(doc: &Doc<'_>) -> Vec<CueHit> {
    let lex = doc.lexicon;
    // (Room for the cues of a news story, so that the vector seldom grows.)
    let mut out = Vec::with_capacity(16);
    let n = doc.len();
    let mut i = 0;
    while i < n {
        let Some(info) = doc.info(i) else {
            i += 1;
            continue;
        };
        if info.phrase_start {
            let matched = lex.phrases.iter().enumerate().find(|(_, p)| {
                p.words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| doc.is_word(i + k) && doc.norm(i + k) == w)
            });
            if let Some((pi, p)) = matched {
                let end = i + p.words.len();
                // `per` only before a name, an organisation or `the/a`.
                let ok = p.words != ["per"]
                    || doc.mention_at(end).is_some()
                    || doc.capitalised(end)
                    || matches!(doc.norm(end), "the" | "a");
                if ok {
                    out.push(CueHit {
                        range: i..end,
                        verb: None,
                        phrase: Some(pi),
                        participle: false,
                    });
                    i = end;
                    continue;
                }
            }
        }
        // A phrasal verb whose particle follows (`pointed out`), else the
        // plain verb.
        let chosen = phrasal_cue(doc, i, info, n).or_else(|| info.cue.map(|c| (c, i + 1)));
        if let Some((c, end)) = chosen {
            // (A headline in capitals reads its verbs as nouns as often as
            // not: `… SOUNDS CONCILIATORY NOTE IN CHIP DISPUTE`, `U.K.
            // MONEY MARKET SHORTAGE FORECAST REVISED DOWN`; only `SAYS`
            // reports there.)
            let headline_noun =
                doc.tok(i).all_caps && lex.cue(c).lemma != "say" && doc.capitals_sentence(i);
            if !negated_or_not_a_report(doc, i)
                && !describes_a_document(doc, i)
                && !headline_noun
                && !inside_a_company_name(doc, i)
                && !noun_after_indefinite(doc, i)
            {
                out.push(CueHit {
                    range: i..end,
                    verb: Some(c),
                    phrase: None,
                    participle: info.participle,
                });
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::doc::testing::with_doc;

    #[test]
    fn a_cue_word_inside_a_company_name_is_no_cue() {
        for (text, word, inside) in [
            ("American Express Co said it would.", "Express", true),
            ("American Express <AXP> said it would.", "Express", true),
            ("Consolidated Rail Corp said it would.", "Rail", true),
            ("Smith said it would.", "said", false),
            ("The Washington Post said it would.", "Post", false),
        ] {
            let found = with_doc(text, |doc, at| Some(inside_a_company_name(doc, at(word))));
            assert_eq!(found, Some(inside), "{text}");
        }
    }
}
