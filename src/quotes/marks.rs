//! Pairing quotation marks into quoted spans.
//!
//! Handles straight and curly marks, guillemets (French `« »` and German
//! `» «`), low-high German marks (`„ “`), TeX-style ` `` '' `, and single
//! quotes, telling a closing `’` from an apostrophe by whether a single
//! quote is open. Quotes nest (`“He said ‘no’.”`); only top-level spans are
//! speech candidates.
//!
//! News quotes a speech over several paragraphs by opening each paragraph
//! with a mark and closing only the last one. A span still open at a
//! paragraph's end therefore continues if the next paragraph opens with a
//! mark of the same family; otherwise it is closed there as *unclosed*.
//! A stray mark can thus never swallow more than its own paragraph.

use super::tokens::{Kind, Mark, Tokens};

/// A quoted span of tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark, or of the last token of the
    /// paragraph for an unclosed span.
    pub close: usize,
    /// Whether a closing mark was found (in this paragraph).
    pub closed: bool,
    /// Whether the mark is of the double family (`"`, `“ ”`, `« »`, `„ “`).
    pub double: bool,
    /// For a paragraph of a multi-paragraph quote: the index (in the
    /// returned list) of the span of the previous paragraph.
    pub continues: Option<usize>,
}

impl Quoted {
    /// Token range of the content (inside the marks).
    pub fn content(&self) -> std::ops::Range<usize> {
        if self.closed {
            self.open + 1..self.close
        } else {
            self.open + 1..self.close + 1
        }
    }
}

/// Longest quoted span, in tokens (about 2,500 words); an unclosed span
/// ends there at the latest.
pub const MAX_QUOTE_TOKENS: usize = 3000;

/// Open marks kept (half of the largest stack).
const MAX_DEPTH: usize = 32;

/// A double-quoted span closed inside other open marks.
#[derive(Clone, Copy, Debug)]
struct Nested {
    span: Quoted,
    /// Token of the innermost mark open around it when it closed.
    encloser: usize,
}

#[derive(Clone, Copy, Debug)]
struct Open {
    token: usize,
    mark: Mark,
    double: bool,
}

/// Whether `mark`, standing where it stands, can close the span opened by
/// `open`.
fn closes(open: Mark, mark: Mark) -> bool {
    use Mark::*;
    match open {
        StraightDouble => matches!(mark, StraightDouble | RightDouble),
        LeftDouble => matches!(mark, RightDouble | StraightDouble),
        LowDouble => matches!(mark, LeftDouble | RightDouble | StraightDouble),
        LeftGuillemet => matches!(mark, RightGuillemet),
        RightGuillemet => matches!(mark, LeftGuillemet),
        DoubleBacktick => matches!(mark, DoubleApostrophe | RightDouble | StraightDouble),
        // `''It's more tinkering,'' said Cole.` (archive style: two
        // apostrophes on both sides).
        DoubleApostrophe => matches!(mark, DoubleApostrophe),
        StraightSingle => matches!(mark, StraightSingle | RightSingle),
        LeftSingle => matches!(mark, RightSingle | StraightSingle),
        LeftSingleGuillemet => matches!(mark, RightSingleGuillemet),
        RightSingleGuillemet => matches!(mark, LeftSingleGuillemet),
        RightSingle | RightDouble => false,
    }
}

/// Whether a mark can open a span given the tokens around it.
fn can_open(tokens: &Tokens, i: usize, mark: Mark) -> bool {
    use Mark::*;
    let next_is_content = tokens
        .get(i + 1)
        .is_some_and(|t| !matches!(t.kind, Kind::Break { .. }));
    match mark {
        LeftDouble | LowDouble | LeftGuillemet | DoubleBacktick | LeftSingle
        | LeftSingleGuillemet => next_is_content,
        // German style opens with `»` directly followed by text.
        RightGuillemet | RightSingleGuillemet => {
            next_is_content && tokens.get(i + 1).is_some_and(|t| !t.space_before)
        }
        // A straight mark opens where it follows a space (or the start) and
        // is followed directly by text.
        StraightDouble | StraightSingle | DoubleApostrophe => {
            tokens
                .get(i)
                .is_some_and(|t| t.space_before || i == 0 || opens_context(tokens, i))
                && tokens
                    .get(i + 1)
                    .is_some_and(|t| !t.space_before && !matches!(t.kind, Kind::Break { .. }))
        }
        RightSingle | RightDouble => false,
    }
}

/// Whether the token before `i` is one after which a quote may open without
/// a space (`(“`, `—“`, `:“`).
fn opens_context(tokens: &Tokens, i: usize) -> bool {
    i > 0
        && matches!(
            tokens.get(i - 1).map(|t| t.kind),
            Some(Kind::Open | Kind::Dash | Kind::Colon | Kind::Quote(_) | Kind::Break { .. })
        )
}

/// Pairs the quotation marks of `tokens`.
pub fn pair_marks(tokens: &Tokens) -> Vec<Quoted> {
    let mut out: Vec<Quoted> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    // Double-quoted spans closed inside open marks, with the depth they were
    // closed at and the token of their innermost encloser: promoted to top
    // level if their enclosers never close.
    let mut pending: Vec<Nested> = Vec::new();
    // Index in `out` of a top-level span that was left open at the end of
    // the previous paragraph and may continue in this one.
    let mut carried: Option<(usize, bool)> = None;
    let n = tokens.len();
    let mut paragraph_start = 0;
    let mut i = 0;
    while i < n {
        let t = tokens.tokens[i];
        match t.kind {
            Kind::Break { paragraph: true } => {
                close_paragraph(
                    tokens,
                    &mut stack,
                    &mut pending,
                    &mut out,
                    &mut carried,
                    paragraph_start,
                    i,
                );
                paragraph_start = i + 1;
            }
            Kind::Quote(mark) => {
                // Close the innermost open span this mark can close.
                if let Some(pos) = stack.iter().rposition(|o| closes(o.mark, mark)) {
                    let prefer_open = matches!(
                        mark,
                        Mark::StraightDouble | Mark::StraightSingle | Mark::DoubleApostrophe
                    ) && can_open(tokens, i, mark)
                        && !can_close_here(tokens, i);
                    if !prefer_open && plural_possessive(tokens, i, mark) {
                        // `'The farmers' anger is real,' he said.`
                        i += 1;
                        continue;
                    }
                    if !prefer_open {
                        let o = stack[pos];
                        // Spans opened inside and never closed are dropped.
                        stack.truncate(pos);
                        if stack.is_empty() && i - o.token > MAX_QUOTE_TOKENS {
                            // Far longer than any quote: two strays.
                            pending.clear();
                        } else if stack.is_empty() {
                            pending.clear();
                            out.push(Quoted {
                                open: o.token,
                                close: i,
                                closed: true,
                                double: o.double,
                                continues: take_carried(
                                    &mut carried,
                                    o.token,
                                    paragraph_start,
                                    o.double,
                                ),
                            });
                        } else if o.double {
                            // Inside a mark that may be a stray: kept if
                            // that one never closes.
                            pending.push(Nested {
                                span: Quoted {
                                    open: o.token,
                                    close: i,
                                    closed: true,
                                    double: true,
                                    continues: None,
                                },
                                encloser: stack[stack.len() - 1].token,
                            });
                        }
                        i += 1;
                        continue;
                    }
                }
                if can_open(tokens, i, mark) {
                    // Real quotes nest two or three deep: a deeper stack
                    // holds strays, the oldest first to go (this keeps the
                    // work per mark bounded).
                    if stack.len() >= 2 * MAX_DEPTH {
                        stack.drain(..MAX_DEPTH);
                    }
                    stack.push(Open {
                        token: i,
                        mark,
                        double: mark.is_double(),
                    });
                }
                // Otherwise a stray closing mark or an apostrophe: ignored.
            }
            _ => {}
        }
        i += 1;
    }
    close_paragraph(
        tokens,
        &mut stack,
        &mut pending,
        &mut out,
        &mut carried,
        paragraph_start,
        n,
    );
    out
}

/// Whether a single mark at `i` that could close a span is rather the
/// apostrophe of a plural possessive (`the farmers' anger`): it follows a
/// word ending in `s`, a lowercase word follows, and a mark of the same
/// kind that stands after punctuation closes later in the paragraph.
fn plural_possessive(tokens: &Tokens, i: usize, mark: Mark) -> bool {
    if !matches!(mark, Mark::StraightSingle | Mark::RightSingle) || i == 0 {
        return false;
    }
    let prev = tokens.tokens[i - 1];
    let after_s = prev.kind == Kind::Word && tokens.norm(i - 1).ends_with('s');
    let next_lower = tokens
        .get(i + 1)
        .is_some_and(|t| t.kind == Kind::Word && t.space_before && !t.capitalised);
    if !after_s || !next_lower {
        return false;
    }
    let limit = (i + 200).min(tokens.len());
    for k in i + 1..limit {
        let t = tokens.tokens[k];
        match t.kind {
            Kind::Break { paragraph: true } => return false,
            Kind::Quote(m) if m == mark => {
                let after_punct =
                    k > 0 && matches!(tokens.tokens[k - 1].kind, Kind::Comma | Kind::End);
                if after_punct && can_close_here(tokens, k) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Whether a straight mark at `i` stands where a closing mark stands: right
/// after text, before a space, punctuation or the end.
fn can_close_here(tokens: &Tokens, i: usize) -> bool {
    let t = tokens.tokens[i];
    !t.space_before
        && tokens
            .get(i + 1)
            .is_none_or(|n| n.space_before || !matches!(n.kind, Kind::Word | Kind::Quote(_)))
}

/// The span of the previous paragraph that this one continues, if the span
/// opened at `open` is the paragraph's first token.
fn take_carried(
    carried: &mut Option<(usize, bool)>,
    open: usize,
    paragraph_start: usize,
    double: bool,
) -> Option<usize> {
    match *carried {
        Some((idx, d)) if open == paragraph_start && d == double => {
            *carried = None;
            Some(idx)
        }
        _ => None,
    }
}

/// At a paragraph's end: a top-level span still open is recorded as
/// unclosed, and carried into the next paragraph if that one opens with a
/// mark of the same family.
fn close_paragraph(
    tokens: &Tokens,
    stack: &mut Vec<Open>,
    pending: &mut Vec<Nested>,
    out: &mut Vec<Quoted>,
    carried: &mut Option<(usize, bool)>,
    paragraph_start: usize,
    end: usize,
) {
    // A span carried into this paragraph ends here unless continued below.
    let previous = carried.take();
    // Spans closed inside marks that are still open at the paragraph's end:
    // those marks were strays (`the ’90s-era deals. “We are …,” he said.`,
    // `He hailed the “historic deal. … "We will win," Putin said.`), unless
    // the quote goes on in the next paragraph.
    let next_opens_same = |o: &Open| {
        tokens.get(end + 1).is_some_and(|t| match t.kind {
            Kind::Quote(m) => m.is_double() == o.double && can_open(tokens, end + 1, m),
            _ => false,
        })
    };
    let promoted: Vec<Quoted> = match stack.first() {
        Some(o) if !(o.double && next_opens_same(o)) => pending
            .iter()
            // The stack holds increasing token indices; the marks below an
            // encloser still open are the ones open when the span closed (or
            // were dropped as strays).
            .filter(|p| stack.binary_search_by_key(&p.encloser, |o| o.token).is_ok())
            .map(|p| p.span)
            .collect(),
        _ => Vec::new(),
    };
    pending.clear();
    if let Some(o) = stack.first().copied() {
        let mut last = end
            .saturating_sub(1)
            .max(o.token)
            .min(o.token + MAX_QUOTE_TOKENS);
        if let Some(first) = promoted.first() {
            last = first.open.saturating_sub(1).max(o.token);
        }
        // An unclosed span reaching to the end of its paragraph (or to the
        // first quote found inside it) is kept only if it holds more than the
        // opening mark, and only for a double mark when quotes were found
        // inside it.
        if last > o.token && (promoted.is_empty() || o.double) {
            out.push(Quoted {
                open: o.token,
                close: last,
                closed: false,
                double: o.double,
                continues: match previous {
                    Some((idx, d)) if o.token == paragraph_start && d == o.double => Some(idx),
                    _ => None,
                },
            });
            if promoted.is_empty() && next_opens_same(&o) {
                *carried = Some((out.len() - 1, o.double));
            }
        }
    }
    out.extend(promoted);
    stack.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::tokens::tokenize;

    /// The content of each top-level span, with `+` for a span that
    /// continues the previous one and `…` for an unclosed one.
    fn spans(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        pair_marks(&tokens)
            .iter()
            .map(|q| {
                let r = q.content();
                let s = if r.is_empty() {
                    String::new()
                } else {
                    text[tokens.tokens[r.start].start..tokens.tokens[r.end - 1].end].to_string()
                };
                format!(
                    "{}{}{}",
                    if q.continues.is_some() { "+" } else { "" },
                    s,
                    if q.closed { "" } else { "…" }
                )
            })
            .collect()
    }

    #[test]
    fn every_common_style() {
        let cases: &[(&str, &[&str])] = &[
            ("\"We will win,\" he said.", &["We will win,"]),
            ("“We will win,” he said.", &["We will win,"]),
            ("« Nous gagnerons », a-t-il dit.", &["Nous gagnerons"]),
            ("»Wir gewinnen«, sagte er.", &["Wir gewinnen"]),
            ("„Wir gewinnen“, sagte er.", &["Wir gewinnen"]),
            ("``We will win,'' he said.", &["We will win,"]),
            ("''We will win,'' he said.", &["We will win,"]),
            (
                "He called it ''a misguided approach.''",
                &["a misguided approach."],
            ),
            ("‘We will win,’ he said.", &["We will win,"]),
            ("'We will win,' he said.", &["We will win,"]),
        ];
        for (text, want) in cases {
            assert_eq!(spans(text), *want, "{text}");
        }
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            spans("Assad’s allies and the leaders’ meeting, he said."),
            Vec::<String>::new()
        );
        assert_eq!(
            spans("‘Don’t look back,’ Assad’s aide said."),
            ["Don’t look back,"]
        );
        assert_eq!(
            spans("In the ’80s rock’n’roll ruled."),
            Vec::<String>::new()
        );
        assert_eq!(
            spans("'Not the '90s any more,' he said of rock 'n' roll."),
            ["Not the '90s any more,"]
        );
        assert_eq!(
            spans("'The farmers' anger is real,' he said."),
            ["The farmers' anger is real,"]
        );
        // A stray single mark does not swallow the double quotes after it.
        assert_eq!(
            spans("The 'deal is dead. \"We look ahead,\" he said."),
            ["We look ahead,"]
        );
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(
            spans("“He told me ‘no’ twice,” she said."),
            ["He told me ‘no’ twice,"]
        );
        assert_eq!(
            spans("\"He said 'never' again,\" she said."),
            ["He said 'never' again,"]
        );
    }

    #[test]
    fn split_and_several_quotes() {
        assert_eq!(spans("“A,” she said. “B.”"), ["A,", "B."]);
        assert_eq!(spans("\"A,\" she said, \"B.\""), ["A,", "B."]);
    }

    #[test]
    fn quotes_over_several_paragraphs() {
        let text =
            "“First paragraph of the speech.\n\n“Second paragraph.\n\n“Third and last,” he said.";
        assert_eq!(
            spans(text),
            [
                "First paragraph of the speech.…",
                "+Second paragraph.…",
                "+Third and last,"
            ]
        );
    }

    #[test]
    fn quotes_inside_a_stray_mark_come_out() {
        // Paragraphs one a line: the stray `“` stays open to the end, but
        // the quotes closed inside it are the article's own.
        assert_eq!(
            spans("He hailed the “historic deal.\nOfficials met.\n\"We will win,\" Putin said."),
            ["historic deal.\nOfficials met.\n…", "We will win,"]
        );
        let many = format!(
            "{} The talks went on. “We will win,” Putin said.",
            "“".repeat(500)
        );
        assert_eq!(spans(&many).last().unwrap(), "We will win,");
        // A real nested quote stays inside.
        assert_eq!(
            spans("“He said “no” to us,” Putin said."),
            ["He said “no” to us,"]
        );
    }

    #[test]
    fn stray_marks_stay_in_their_paragraph() {
        let text = "He said “we will.\n\nThe next paragraph is plain. \"So is this.\"";
        assert_eq!(spans(text), ["we will.…", "So is this."]);
        assert_eq!(spans("” stray closing mark, then “real”."), ["real"]);
        let many = "“".repeat(1000);
        assert!(spans(&many).len() <= 1);
    }
}
