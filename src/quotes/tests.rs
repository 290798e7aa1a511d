//! Unit tests of the whole extractor on short texts.

use super::*;

fn quotes(text: &str) -> Vec<(String, String, String)> {
    let ex = QuoteExtractor::default();
    let a = ex.analyse(text, None, None);
    a.quotes
        .iter()
        .map(|q| {
            (
                text[q.content.start..q.content.end].to_string(),
                q.speaker_name.clone().unwrap_or_default(),
                q.rule.to_string(),
            )
        })
        .collect()
}

#[test]
fn smoke() {
    let got = quotes("“We will win,” Putin said. He added that talks would go on.");
    assert_eq!(got[0].0, "We will win");
    assert_eq!(got[0].1, "Putin");
}
