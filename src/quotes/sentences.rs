//! Sentence and paragraph boundaries.
//!
//! Cased prose: a sentence ends at `.`, `!`, `?` or `…` (with any closing
//! quotation marks and brackets after it) when the next token can start a
//! sentence — a capitalised word, a digit, an opening mark — and the period
//! does not end an abbreviation (`Mr.`, `Gen.`, `Jan.`) or an initial
//! (`George W. Bush`). A dotted abbreviation that absorbed the sentence's
//! period (`… in the U.S. The talks …`) ends a sentence before a word that
//! usually starts one.
//!
//! Stripped text (lowercased and tokenized, as in preprocessed corpora) has
//! its periods standing alone (` . `) and often one sentence per line: a
//! lone period ends a sentence whatever follows.
//!
//! Paragraphs (a blank line) always end a sentence; a single line break
//! does after sentence-final punctuation, so hard-wrapped lines stay
//! together.

use super::tokens::{Kind, Mark, Tokens};
use super::unmarked::glued;
use crate::text::Casing;

/// A sentence: a token range and the paragraph it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

impl Sentence {
    /// Its token range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

word_list!(
    /// Words after whose period a sentence does not end.
    fn abbreviation,
    [
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "lt", "col", "maj", "capt", "sgt",
        "cpl", "pte", "pvt", "adm", "cmdr", "cdr", "gov", "sen", "rep", "rev", "hon", "insp",
        "supt", "det", "const", "no", "nos", "vol", "fig", "inc", "corp", "co", "ltd", "bros", "vs",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ave",
        "blvd", "rd", "mt", "ft", "approx", "dept", "est", "univ", "assn", "e.g", "i.e", "cf", "al",
    ]
);

word_list!(
    /// Capitalised words that usually start a sentence (to end one after a
    /// dotted abbreviation such as `U.S.`).
    fn starter,
    [
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
        "those", "but", "and", "in", "on", "at", "for", "if", "when", "while", "as", "after",
        "before", "there", "his", "her", "their", "its", "our", "my", "some", "many", "most", "no",
        "not", "so", "yet", "still", "however", "meanwhile", "earlier", "later", "last",
    ]
);

/// Whether the line that ends at the line break `i` is written in capitals
/// only, two words or more: a headline (`RAINFALL EASES DROUGHT IN NORTH
/// CHINA`), which ends there with no point.
fn capitals_line_before(tokens: &Tokens, i: usize) -> bool {
    let mut words = 0;
    for k in (0..i).rev() {
        let t = &tokens.tokens[k];
        match t.kind {
            Kind::Break { .. } => break,
            Kind::Word if t.all_caps => words += 1,
            // (A number has no letters to tell, nor has a dotted
            // abbreviation: `U.K. MONEY MARKET SHORTAGE FORECAST`.)
            Kind::Word
                if !tokens.norm(k).contains(char::is_alphabetic)
                    || tokens.norm(k).contains('.') => {}
            Kind::Word => return false,
            _ => {}
        }
    }
    words >= 2
}

fn is_closing(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Close
            | Kind::Quote(
                Mark::RightDouble
                    | Mark::StraightDouble
                    | Mark::RightSingle
                    | Mark::StraightSingle
                    | Mark::DoubleApostrophe
                    | Mark::RightGuillemet
                    | Mark::LeftDouble
            )
    )
}

/// Longest sentence, in tokens; longer runs are cut (news sentences stay
/// far below: a 100-word sentence is about 120 tokens).
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Splits `tokens` into sentences.
///
/// `paragraphs` are the tokens (in order) that start a paragraph whose line
/// break was removed (the unmarked form, `unmarked.rs`).
pub fn split(text: &str, tokens: &Tokens, casing: Casing, paragraphs: &[usize]) -> Vec<Sentence> {
    let n = tokens.len();
    // (Room for sentences of sixteen tokens: news sentences are longer, so
    // the Vec seldom grows.)
    let mut out = Vec::with_capacity(n / 16 + 4);
    let mut start = 0;
    let mut paragraph = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Sentence>, start: usize, end: usize, paragraph: usize| {
        if end > start {
            out.push(Sentence {
                start,
                end,
                paragraph,
            });
        }
    };
    // The next of `paragraphs` not yet reached (`usize::MAX` after the
    // last): one comparison per token.
    let mut next_break = 0;
    let mut next_break_at = paragraphs.first().copied().unwrap_or(usize::MAX);
    while i < n {
        if next_break_at <= i {
            push(&mut out, start, i, paragraph);
            start = i;
            paragraph += 1;
            // (Several at one token count once.)
            next_break += 1;
            while paragraphs.get(next_break).is_some_and(|&p| p <= i) {
                next_break += 1;
            }
            next_break_at = paragraphs.get(next_break).copied().unwrap_or(usize::MAX);
        }
        let t = tokens.tokens[i];
        match t.kind {
            Kind::Break { paragraph: is_para } => {
                let after_end = i > 0
                    && (matches!(tokens.tokens[i - 1].kind, Kind::End | Kind::Colon)
                        || (is_closing(tokens.tokens[i - 1].kind)
                            && i >= 2
                            && matches!(tokens.tokens[i - 2].kind, Kind::End)));
                // (A line break where a sentence would start is left out.)
                if is_para
                    || after_end
                    || casing == Casing::Uncased
                    || start == i
                    || (casing == Casing::Cased && capitals_line_before(tokens, i))
                {
                    push(&mut out, start, i, paragraph);
                    start = i + 1;
                    if is_para {
                        paragraph += 1;
                    }
                }
            }
            Kind::End => {
                // Take closing marks and brackets along.
                let mut j = i + 1;
                while j < n && is_closing(tokens.tokens[j].kind) && !tokens.tokens[j].space_before {
                    j += 1;
                }
                if ends_here(text, tokens, i, j, casing) {
                    push(&mut out, start, j, paragraph);
                    start = j;
                    i = j;
                    continue;
                }
            }
            // The date of a pasted post glued to the next sentence
            // (`December 31, 2016This is`) ends a paragraph.
            Kind::Word if i > start && t.end - t.start == 4 && glued(text, tokens, i + 1) => {
                push(&mut out, start, i + 1, paragraph);
                paragraph += 1;
                start = i + 1;
            }
            Kind::Word if t.end > t.start && text.as_bytes()[t.end - 1] == b'.' => {
                // `U.S.` may have absorbed the sentence's period, also at
                // the end of a hard-wrapped line (`Trenton, N.J.\n    It
                // said`).
                let wrapped = matches!(
                    tokens.get(i + 1).map(|nt| nt.kind),
                    Some(Kind::Break { paragraph: false })
                );
                let j = i + 1 + usize::from(wrapped);
                let starts = tokens.get(j).is_some_and(|nt| {
                    nt.kind == Kind::Word && nt.capitalised && starter(tokens.norm(j))
                });
                if casing == Casing::Cased && starts {
                    push(&mut out, start, i + 1, paragraph);
                    // (The line break, if any, opens no sentence: the break
                    // arm above leaves out a break where a sentence starts.)
                    start = i + 1;
                }
            }
            _ => {}
        }
        i += 1;
        // No real sentence is this long (a run of text without
        // punctuation): cut it, so that work per sentence stays bounded.
        if i - start >= MAX_SENTENCE_TOKENS && i < n {
            push(&mut out, start, i, paragraph);
            start = i;
        }
    }
    push(&mut out, start, n, paragraph);
    // Drop sentences that are only breaks.
    out.retain(|s| {
        tokens.tokens[s.start..s.end]
            .iter()
            .any(|t| !matches!(t.kind, Kind::Break { .. }))
    });
    out
}

/// Whether the sentence-final mark at token `i` (with closing marks up to
/// `j`) ends a sentence.
fn ends_here(text: &str, tokens: &Tokens, i: usize, j: usize, casing: Casing) -> bool {
    let t = tokens.tokens[i];
    let mark = &text[t.start..t.end];
    let next = tokens.get(j);
    let Some(next) = next else { return true };
    if matches!(next.kind, Kind::Break { .. }) {
        return true;
    }
    if mark == "." && i > 0 {
        let prev = tokens.tokens[i - 1];
        if prev.kind == Kind::Word && !t.space_before {
            let word = tokens.norm(i - 1);
            // An initial (`W.`) or an abbreviation (`Gen.`).
            if (word.chars().count() == 1 && prev.capitalised) || abbreviation(word) {
                return false;
            }
            // A point on a word before a comma is an abbreviation's (`etc.
            // ,` in stripped text, where a sentence's own point stands
            // apart).
            if next.kind == Kind::Comma {
                return false;
            }
        }
        // No sentence opens with a comma: `mitch mcconnell , r-ky . , said`
        // (a state's abbreviation whose point the tokenizer set apart).
        if next.kind == Kind::Comma {
            return false;
        }
        // Stripped text: a period standing alone ends the sentence.
        if t.space_before {
            return true;
        }
    }
    match casing {
        // Stripped text: a lone `.`, `!` or `?` ends a sentence; an
        // ellipsis inside a line does not.
        Casing::Uncased => !matches!(mark, "..." | "…") || next.capitalised,
        Casing::Cased => match next.kind {
            Kind::Word => {
                next.capitalised
                    || text[next.start..next.end].starts_with(|c: char| c.is_ascii_digit())
                    || !next.space_before
            }
            Kind::Quote(_) | Kind::Open | Kind::Dash => true,
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::tokens::tokenize;

    fn sentences(text: &str, casing: Casing) -> Vec<String> {
        let tokens = tokenize(text);
        split(text, &tokens, casing, &[])
            .iter()
            .map(|s| {
                let a = tokens.tokens[s.start].start;
                let b = tokens.tokens[s.end - 1].end;
                text[a..b].to_string()
            })
            .collect()
    }

    #[test]
    fn cased_news_prose() {
        let text = "Gen. Smith met Mr. Putin in the U.S. The talks ended. \"We agreed,\" he said. George W. Bush was not there! Why? Talks resume Jan. 5 in St. Petersburg.";
        assert_eq!(
            sentences(text, Casing::Cased),
            [
                "Gen. Smith met Mr. Putin in the U.S.",
                "The talks ended.",
                "\"We agreed,\" he said.",
                "George W. Bush was not there!",
                "Why?",
                "Talks resume Jan. 5 in St. Petersburg.",
            ]
        );
    }

    #[test]
    fn a_dotted_abbreviation_at_a_line_end_ends_its_sentence() {
        let text = "It bought a newspaper in Trenton, N.J.\n    It said the deal closed in the U.S.\nArmy base.";
        assert_eq!(
            sentences(text, Casing::Cased),
            [
                "It bought a newspaper in Trenton, N.J.",
                "It said the deal closed in the U.S.\nArmy base.",
            ]
        );
    }

    #[test]
    fn a_headline_in_capitals_ends_at_its_line_break() {
        let text = "RAINFALL EASES DROUGHT IN 1987\nSpring rain has helped, the New\nChina News Agency said.\nIt said\nUS AID rose.";
        assert_eq!(
            sentences(text, Casing::Cased),
            [
                "RAINFALL EASES DROUGHT IN 1987",
                "Spring rain has helped, the New\nChina News Agency said.",
                "It said\nUS AID rose.",
            ]
        );
    }

    #[test]
    fn quotes_with_several_sentences() {
        let text = "“We still have a long way to go. But this is over,” Putin told Assad.";
        assert_eq!(
            sentences(text, Casing::Cased),
            [
                "“We still have a long way to go.",
                "But this is over,” Putin told Assad."
            ]
        );
    }

    #[test]
    fn stripped_style() {
        let text = "we don t want to look backwards .\nwe welcome all those who truly want to see a political solution .\nu.s. officials have said assad has no future .";
        assert_eq!(
            sentences(text, Casing::Uncased),
            [
                "we don t want to look backwards .",
                "we welcome all those who truly want to see a political solution .",
                "u.s. officials have said assad has no future .",
            ]
        );
        // An abbreviation's point before a comma ends no sentence.
        let text = "fewer days off etc. , kim says . we agree .";
        assert_eq!(
            sentences(text, Casing::Uncased),
            ["fewer days off etc. , kim says .", "we agree ."]
        );
    }

    #[test]
    fn wrapped_lines_and_paragraphs() {
        let text = "Showers continued in\nthe Bahia cocoa zone, he said.\n\nArrivals fell";
        let got = sentences(text, Casing::Cased);
        assert_eq!(
            got,
            [
                "Showers continued in\nthe Bahia cocoa zone, he said.",
                "Arrivals fell"
            ]
        );
        let tokens = tokenize(text);
        let s = split(text, &tokens, Casing::Cased, &[]);
        assert_eq!((s[0].paragraph, s[1].paragraph), (0, 1));
    }
}
