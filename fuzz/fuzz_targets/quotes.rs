//! The quote extractor on random texts (with a random dictionary or none):
//! no panic, and every span it returns is in bounds, on character
//! boundaries, with mentions and sentences in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotewise::quotes::QuoteExtractor;

mod common;

fuzz_target!(|data: &[u8]| {
    let input = common::split(data);
    let automaton = input.gazetteer.as_ref().and_then(|g| g.automaton().ok());
    let extractor = QuoteExtractor::default();
    let text = input.text.as_str();
    let analysis = extractor.analyse(text, automaton.as_deref(), input.casing);
    for q in &analysis.quotes {
        common::check_span(text, q.content.start, q.content.end, "quote");
        for (span, what) in [(q.speaker, "speaker"), (q.cue, "cue"), (q.addressee, "addressee")] {
            if let Some(s) = span {
                common::check_span(text, s.start, s.end, what);
            }
        }
        assert!((0.0..=1.0).contains(&q.confidence), "confidence {}", q.confidence);
        for &m in &q.mentions {
            let m = &analysis.mentions[m];
            assert!(q.content.start <= m.start && m.end <= q.content.end, "mention outside its quote");
        }
    }
    let mut last = 0;
    for s in &analysis.sentences {
        common::check_span(text, s.start, s.end, "sentence");
        assert!(s.start >= last, "sentences out of order");
        last = s.end;
    }
});
