//! The dictionary matcher on random dictionaries and texts: no panic, and
//! every match is an in-bounds, ordered, non-overlapping span on character
//! boundaries that names an entry of the dictionary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotewise::gazetteer::find_with;

mod common;

fuzz_target!(|data: &[u8]| {
    let input = common::split(data);
    let Some(gazetteer) = input.gazetteer else {
        return;
    };
    let Ok(automaton) = gazetteer.automaton() else {
        return;
    };
    let matches = find_with(&automaton, &input.text, input.casing);
    let mut last_end = 0;
    for m in &matches {
        common::check_span(&input.text, m.start, m.end, "match");
        assert!(m.start < m.end, "empty match at {}", m.start);
        assert!(m.start >= last_end, "overlapping or unordered matches");
        last_end = m.end;
        if let Some(e) = m.entry {
            assert!((e as usize) < gazetteer.len(), "entry {e} out of range");
        }
        for &c in &m.candidates {
            assert!((c as usize) < gazetteer.len(), "candidate {c} out of range");
        }
    }
    // The same text twice gives the same matches (no state leaks between
    // calls through the scratch buffers).
    assert_eq!(find_with(&automaton, &input.text, input.casing), matches);
});
