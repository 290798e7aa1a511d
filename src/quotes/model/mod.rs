//! The learned parts of attribution: small linear models that score what
//! the rules propose.
//!
//! Rules propose candidate attributions and candidate speakers; a logistic
//! model gives each the probability that it is right. Three models ship with
//! quotewise, written as weight files in `model/weights/` and compiled into
//! the library:
//!
//! - `acceptance` — is this candidate attribution a quote? (the rule, the
//!   cue and its sense, how the content is introduced and what it reads
//!   like, the speaker phrase; `acceptance.rs`);
//! - `speaker` — is this entity the speaker of this attribution? (recency,
//!   subject position, gender and number, person or organisation or
//!   document, role words, earlier speakers; `speaker.rs`);
//! - `confidence` — are the quote and its speaker both right? (the two
//!   probabilities above, the rule and the kind of speaker; fitted on
//!   held-in predictions so that it is calibrated; `confidence.rs`).
//!
//! Features are named strings (`rule=quote-cue`, `cue|rule=said|cue-after`)
//! hashed piece by piece (`feature_hash`), so a weight file is readable, a
//! model's reasons can be printed, and scoring builds no string. Scoring is a sum of weights and a logistic
//! function: deterministic, the same on every thread count. The weights are
//! learned by `scripts/train_models.py` from the labelled corpora (see the
//! README's model card), and the file format is versioned: a file of
//! another format is refused at load.

pub mod acceptance;
pub mod confidence;
pub mod speaker;

use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};

use crate::error::{Error, Result};

/// The format version of the weight files this build reads.
pub const FORMAT_VERSION: u32 = 1;

static ACCEPTANCE: &str = include_str!("weights/acceptance.tsv");
static SPEAKER: &str = include_str!("weights/speaker.tsv");
static CONFIDENCE: &str = include_str!("weights/confidence.tsv");
static LOWERCASE_WORDS: &str = include_str!("weights/lowercase_words.txt");

/// Whether `word` (lowercase) is an ordinary word, not a name: one of the
/// short English word list (`gazetteer::words`), or one that cased news
/// writes in lowercase inside a sentence far more often than capitalised
/// (`motorcade`, `pipeline`, `handed`; learned by
/// `scripts/train_models.py` from the cased training texts and
/// Reuters-21578 into `weights/lowercase_words.txt`). Lowercase text has no
/// capitals to tell a name by, and asks this instead. (One set of both
/// lists: the stripped form asks it of about every second word.)
pub fn ordinary_word(word: &str) -> bool {
    use crate::gazetteer::words::{word_lines, WordSet, WORDS_TEXT};
    static WORDS: OnceLock<WordSet> = OnceLock::new();
    WORDS
        .get_or_init(|| WordSet::new(word_lines(WORDS_TEXT).chain(word_lines(LOWERCASE_WORDS))))
        .contains(word)
}

/// A fast 64-bit hash of one piece of a feature name, eight bytes at a time
/// (in the manner of rustc's FxHasher, with the length mixed in). The same
/// on every platform: bytes are read little-endian. A `const fn`, so the
/// pieces written in the code (`p!("rule|first")`) are hashed at compile
/// time.
pub const fn piece_hash(piece: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = piece.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        let mut w: u64 = 0;
        let mut k = 0;
        while k < 8 && i + k < bytes.len() {
            w |= (bytes[i + k] as u64) << (8 * k);
            k += 1;
        }
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
        i += 8;
    }
    (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(K)
}

/// One piece of a feature's name with its hash.
#[derive(Clone, Copy, Debug)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub hash: u64,
}

impl Piece<'static> {
    /// A piece known when compiling (see [`p!`]).
    pub const fn new(text: &'static str) -> Piece<'static> {
        Piece {
            text,
            hash: piece_hash(text),
        }
    }
}

impl<'a> From<&'a str> for Piece<'a> {
    fn from(text: &'a str) -> Piece<'a> {
        Piece {
            text,
            hash: piece_hash(text),
        }
    }
}

/// A piece of a feature name hashed when compiling: `p!("rule|first")`.
macro_rules! p {
    ($s:literal) => {{
        const P: $crate::quotes::model::Piece<'static> = $crate::quotes::model::Piece::new($s);
        P
    }};
}
pub(crate) use p;

/// A pronoun's subject form, as a piece.
pub fn pronoun_piece(p: crate::quotes::lexicon::Pronoun) -> Piece<'static> {
    use crate::quotes::lexicon::Pronoun;
    match p {
        Pronoun::He => p!("he"),
        Pronoun::She => p!("she"),
        Pronoun::They => p!("they"),
        Pronoun::It => p!("it"),
        Pronoun::I => p!("i"),
        Pronoun::We => p!("we"),
        Pronoun::You => p!("you"),
    }
}

/// A role class's name, as a piece.
pub fn class_piece(c: crate::quotes::lexicon::RoleClass) -> Piece<'static> {
    use crate::quotes::lexicon::RoleClass as C;
    match c {
        C::Leader => p!("leader"),
        C::Politician => p!("politician"),
        C::Official => p!("official"),
        C::Spokesperson => p!("spokesperson"),
        C::Military => p!("military"),
        C::Police => p!("police"),
        C::Legal => p!("legal"),
        C::Business => p!("business"),
        C::Expert => p!("expert"),
        C::Activist => p!("activist"),
        C::Religious => p!("religious"),
        C::Person => p!("person"),
        C::Organisation => p!("organisation"),
    }
}

/// `y` or `n`.
pub fn yes(b: bool) -> Piece<'static> {
    if b {
        p!("y")
    } else {
        p!("n")
    }
}

/// Joins the hash so far with the next piece's.
const fn mix(h: u64, piece: u64) -> u64 {
    (h.rotate_left(23) ^ piece).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The hash of a feature's full name. A name is a group and its values,
/// `group=v1|v2|…` (`rule=quote-cue`, `cue|rule=said|quote-cue`), or a
/// group alone (`framed`, `prior`); groups hold no `=` and values no `|`,
/// so a name read from a weight file hashes as the pieces it was made of.
pub fn feature_hash(name: &str) -> u64 {
    match name.split_once('=') {
        Some((group, values)) => values
            .split('|')
            .fold(piece_hash(group), |h, v| mix(h, piece_hash(v))),
        None => piece_hash(name),
    }
}

/// The features of one candidate: hashed, and with their names when the
/// caller records them (for training and for explaining a score).
#[derive(Clone, Debug, Default)]
pub struct Features {
    hashes: Vec<(u64, f32)>,
    names: Option<Vec<(String, f32)>>,
}

impl Features {
    /// An empty feature set; `record` keeps the names too.
    pub fn new(record: bool) -> Features {
        Features {
            hashes: Vec::with_capacity(64),
            names: record.then(Vec::new),
        }
    }

    /// Empties the set for the next candidate (keeping its memory).
    pub fn clear(&mut self) {
        self.hashes.clear();
        if let Some(n) = &mut self.names {
            n.clear();
        }
    }

    /// Whether the names are kept.
    pub fn recording(&self) -> bool {
        self.names.is_some()
    }

    // (Every feature is pushed inline, a hash and a value; the names, only
    // when recording, are written out of line so that the scoring path
    // stays a few instructions per feature.)

    /// The binary feature `group=value`.
    #[inline(always)]
    pub fn add<'x>(&mut self, group: Piece<'static>, value: impl Into<Piece<'x>>) {
        let v = value.into();
        let h = mix(group.hash, v.hash);
        self.hashes.push((h, 1.0));
        if let Some(names) = &mut self.names {
            record(names, &[group, v], 1.0);
        }
    }

    /// The binary feature `group=a|b`, a conjunction of two values.
    #[inline(always)]
    pub fn add2<'x, 'y>(
        &mut self,
        group: Piece<'static>,
        a: impl Into<Piece<'x>>,
        b: impl Into<Piece<'y>>,
    ) {
        let (a, b) = (a.into(), b.into());
        let h = mix(mix(group.hash, a.hash), b.hash);
        self.hashes.push((h, 1.0));
        if let Some(names) = &mut self.names {
            record(names, &[group, a, b], 1.0);
        }
    }

    /// The binary feature `group=a|b|c`.
    #[inline(always)]
    pub fn add3<'x, 'y, 'z>(
        &mut self,
        group: Piece<'static>,
        a: impl Into<Piece<'x>>,
        b: impl Into<Piece<'y>>,
        c: impl Into<Piece<'z>>,
    ) {
        let (a, b, c) = (a.into(), b.into(), c.into());
        let h = mix(mix(mix(group.hash, a.hash), b.hash), c.hash);
        self.hashes.push((h, 1.0));
        if let Some(names) = &mut self.names {
            record(names, &[group, a, b, c], 1.0);
        }
    }

    /// The binary feature `name`, if `on`.
    #[inline(always)]
    pub fn flag(&mut self, name: Piece<'static>, on: bool) {
        if on {
            self.hashes.push((name.hash, 1.0));
            if let Some(names) = &mut self.names {
                record(names, &[name], 1.0);
            }
        }
    }

    /// The real-valued feature `name` with value `x`.
    #[inline(always)]
    pub fn real(&mut self, name: Piece<'static>, x: f32) {
        if x != 0.0 {
            self.hashes.push((name.hash, x));
            if let Some(names) = &mut self.names {
                record(names, &[name], x);
            }
        }
    }

    /// The names and values recorded (empty unless recording).
    pub fn names(&self) -> &[(String, f32)] {
        self.names.as_deref().unwrap_or(&[])
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

/// Records a feature's name, `group` or `group=v1|v2|…` from `pieces`
/// (recording only: out of the scoring path).
#[cold]
#[inline(never)]
fn record(names: &mut Vec<(String, f32)>, pieces: &[Piece<'_>], value: f32) {
    let mut name = pieces[0].text.to_string();
    for (k, p) in pieces[1..].iter().enumerate() {
        name.push(if k == 0 { '=' } else { '|' });
        name.push_str(p.text);
    }
    names.push((name, value));
}

/// A bucket label for a count: `0`, `1`, `2`, `3`, `4-5`, `6-9`, `10-19`,
/// `20+`.
pub fn bucket(n: usize) -> Piece<'static> {
    match n {
        0 => p!("0"),
        1 => p!("1"),
        2 => p!("2"),
        3 => p!("3"),
        4..=5 => p!("4-5"),
        6..=9 => p!("6-9"),
        10..=19 => p!("10-19"),
        _ => p!("20+"),
    }
}

/// A logistic model over hashed features.
#[derive(Clone, Debug)]
pub struct LinearModel {
    pub name: String,
    bias: f32,
    /// The weights by feature hash.
    weights: WeightTable,
    /// What the file says of its training (comment lines).
    pub provenance: Vec<String>,
    /// For a model that weighs the rules' choice against others: how much
    /// more (in log-odds) another candidate must score to be taken instead
    /// (a line `override <TAB> x`; 0 by default, `inf` for never).
    pub override_margin: f32,
    /// For a model that accepts or refuses: the probability from which it
    /// accepts (a line `threshold <TAB> p`; 0.5 by default).
    pub threshold: f32,
}

impl LinearModel {
    /// Reads a weight file: a header line `quotewise-model <TAB> name <TAB>
    /// format`, comment lines starting with `#`, a line `bias <TAB> w`, maybe
    /// lines `override <TAB> x` and `threshold <TAB> p`, then one `weight <TAB> feature name` per
    /// line.
    pub fn parse(text: &str, expect_name: &str) -> Result<LinearModel> {
        let mut lines = text.lines().enumerate();
        let header = lines.next().map(|(_, l)| l).unwrap_or("");
        let parts: Vec<&str> = header.split('\t').collect();
        if parts.len() != 3 || parts[0] != "quotewise-model" {
            return Err(Error::argument(format!(
                "model {expect_name}: not a quotewise weight file (first line {header:?})"
            )));
        }
        if parts[1] != expect_name {
            return Err(Error::argument(format!(
                "model {expect_name}: the file holds the model {:?}",
                parts[1]
            )));
        }
        let version: u32 = parts[2].parse().map_err(|_| {
            Error::argument(format!(
                "model {expect_name}: bad format version {:?}",
                parts[2]
            ))
        })?;
        if version != FORMAT_VERSION {
            return Err(Error::argument(format!(
                "model {expect_name}: format version {version}, this build reads {FORMAT_VERSION}; retrain with scripts/train_models.py"
            )));
        }
        let mut model = LinearModel {
            name: expect_name.to_string(),
            bias: 0.0,
            weights: WeightTable::default(),
            provenance: Vec::new(),
            override_margin: 0.0,
            threshold: 0.5,
        };
        // (Read into a general map first: a later line of a feature
        // replaces an earlier one.)
        let mut weights: FxHashMap<u64, f32> = FxHashMap::default();
        for (no, line) in lines {
            if let Some(c) = line.strip_prefix('#') {
                model.provenance.push(c.trim().to_string());
                continue;
            }
            if line.is_empty() {
                continue;
            }
            let bad = || Error::argument(format!("model {expect_name}, line {}: {line:?}", no + 1));
            let (w, name) = line.split_once('\t').ok_or_else(bad)?;
            if w == "bias" {
                model.bias = name.parse().map_err(|_| bad())?;
                continue;
            }
            if w == "threshold" {
                model.threshold = name.parse().map_err(|_| bad())?;
                if !(0.0..=1.0).contains(&model.threshold) {
                    return Err(bad());
                }
                continue;
            }
            if w == "override" {
                model.override_margin = name.parse().map_err(|_| bad())?;
                if model.override_margin.is_nan() || model.override_margin < 0.0 {
                    return Err(bad());
                }
                continue;
            }
            let w: f32 = w.parse().map_err(|_| bad())?;
            if !w.is_finite() {
                return Err(bad());
            }
            weights.insert(feature_hash(name), w);
        }
        model.weights = WeightTable::new(&weights);
        Ok(model)
    }

    /// The weight of a feature by name (0 if unknown).
    pub fn weight(&self, name: &str) -> f32 {
        self.weights.get(feature_hash(name)).unwrap_or(0.0)
    }

    /// Number of weights.
    pub fn len(&self) -> usize {
        self.weights.len
    }

    /// Whether the model has no weights (an untrained model scores every
    /// candidate by its bias).
    pub fn is_empty(&self) -> bool {
        self.weights.len == 0
    }

    /// The linear score (log-odds) of `f`.
    pub fn margin(&self, f: &Features) -> f32 {
        let mut s = self.bias;
        for &(h, x) in &f.hashes {
            if let Some(w) = self.weights.get(h) {
                s += w * x;
            }
        }
        s
    }

    /// The probability the model gives `f`.
    pub fn probability(&self, f: &Features) -> f32 {
        sigmoid(self.margin(f))
    }
}

/// A model's weights by feature hash, for scoring: open addressing with
/// linear probing, a slot found by the hash's own top bits (a feature hash
/// is already well mixed, [`mix`]), at most three quarters full. A look-up,
/// most often of a feature without a weight, is a few instructions where a
/// general hash map hashes the hash again and probes a group of slots.
#[derive(Clone, Debug, Default)]
struct WeightTable {
    /// `(hash, weight)`; an empty slot holds hash 0.
    slots: Vec<(u64, f32)>,
    /// The weight of hash 0, which cannot be stored in a slot.
    zero: Option<f32>,
    /// `64 - log2(slots.len())`: a hash's top bits are its first slot.
    shift: u32,
    /// The number of weights.
    len: usize,
}

impl WeightTable {
    fn new(weights: &FxHashMap<u64, f32>) -> WeightTable {
        let size = (weights.len() * 4 / 3 + 1).next_power_of_two().max(2);
        let mut t = WeightTable {
            slots: vec![(0, 0.0); size],
            zero: weights.get(&0).copied(),
            shift: 64 - size.trailing_zeros(),
            len: weights.len(),
        };
        for (&h, &w) in weights {
            if h == 0 {
                continue;
            }
            let mut i = t.first_slot(h);
            while t.slots[i].0 != 0 {
                i = (i + 1) & (size - 1);
            }
            t.slots[i] = (h, w);
        }
        t
    }

    #[inline]
    fn first_slot(&self, h: u64) -> usize {
        (h >> self.shift) as usize
    }

    /// The weight of the feature hashed `h`, if it has one.
    #[inline]
    fn get(&self, h: u64) -> Option<f32> {
        if h == 0 {
            return self.zero;
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.first_slot(h);
        loop {
            let &(k, w) = self.slots.get(i)?;
            if k == h {
                return Some(w);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The logistic function.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// The models compiled into the library.
#[derive(Debug)]
pub struct Models {
    pub acceptance: LinearModel,
    pub speaker: LinearModel,
    pub confidence: LinearModel,
}

impl Models {
    fn parse() -> Result<Models> {
        Models::from_files(ACCEPTANCE, SPEAKER, CONFIDENCE)
    }

    /// Models read from the text of their weight files.
    pub fn from_files(acceptance: &str, speaker: &str, confidence: &str) -> Result<Models> {
        Ok(Models {
            acceptance: LinearModel::parse(acceptance, "acceptance")?,
            speaker: LinearModel::parse(speaker, "speaker")?,
            confidence: LinearModel::parse(confidence, "confidence")?,
        })
    }

    /// The built-in models, read once.
    pub fn builtin() -> Arc<Models> {
        static BUILTIN: OnceLock<Arc<Models>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Arc::new(Models::parse().expect("the built-in models parse (checked by tests)"))
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lowercase_words_are_of_this_format_and_tell_words_from_names() {
        let first = LOWERCASE_WORDS.lines().next().expect("a header");
        assert_eq!(
            first,
            format!("# quotewise lowercase words {FORMAT_VERSION}")
        );
        for w in ["motorcade", "pipeline", "handed", "the", "cook"] {
            assert!(ordinary_word(w), "{w}");
        }
        for w in [
            "nasrallah",
            "hemming",
            "morgan",
            "# quotewise lowercase words 1",
        ] {
            assert!(!ordinary_word(w), "{w}");
        }
    }

    #[test]
    fn the_weight_table_holds_the_weights_and_nothing_else() {
        let m = Models::parse().expect("built-in weight files");
        for (model, text) in [
            (&m.acceptance, ACCEPTANCE),
            (&m.speaker, SPEAKER),
            (&m.confidence, CONFIDENCE),
        ] {
            // The file's weights, read again into a general map.
            let weights: FxHashMap<u64, f32> = text
                .lines()
                .filter_map(|line| {
                    let (w, name) = line.split_once('\t')?;
                    Some((feature_hash(name), w.parse::<f32>().ok()?))
                })
                .collect();
            assert_eq!(model.len(), weights.len());
            for (&h, &w) in &weights {
                assert_eq!(model.weights.get(h), Some(w));
            }
            // (Hashes of the kind features have, most without a weight.)
            for k in 0..10_000u64 {
                let h = mix(k, 0x1234_5678);
                assert_eq!(model.weights.get(h), weights.get(&h).copied());
            }
        }
        let mut weights = FxHashMap::default();
        weights.insert(0, 0.5);
        weights.insert(7, -1.0);
        let t = WeightTable::new(&weights);
        assert_eq!(
            (t.get(0), t.get(7), t.get(8)),
            (Some(0.5), Some(-1.0), None)
        );
        let empty = WeightTable::new(&FxHashMap::default());
        assert_eq!((empty.get(0), empty.get(1)), (None, None));
        assert_eq!(WeightTable::default().get(3), None);
    }

    #[test]
    fn the_builtin_models_load() {
        let m = Models::parse().expect("built-in weight files");
        assert_eq!(m.acceptance.name, "acceptance");
        assert_eq!(m.speaker.name, "speaker");
        assert_eq!(m.confidence.name, "confidence");
    }

    #[test]
    fn features_hash_as_their_names() {
        let mut f = Features::new(true);
        f.add(p!("rule"), "quote-cue");
        f.add2(p!("cue|rule"), "said", "quote-cue");
        f.add3(p!("h|kind|rank"), "he", "person", bucket(4));
        f.flag(p!("marked"), true);
        f.flag(p!("unmarked"), false);
        f.real(p!("words"), 0.5);
        let names: Vec<&str> = f.names().iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "rule=quote-cue",
                "cue|rule=said|quote-cue",
                "h|kind|rank=he|person|4-5",
                "marked",
                "words"
            ]
        );
        assert_ne!(
            feature_hash("rule=quote-cue"),
            feature_hash("rule=quote-cue|")
        );
        assert_ne!(feature_hash("a=b|c"), feature_hash("a=c|b"));
        for ((h, _), (n, _)) in f.hashes.iter().zip(f.names()) {
            assert_eq!(*h, feature_hash(n));
        }
    }

    #[test]
    fn a_file_is_checked_at_load() {
        let ok =
            "quotewise-model\tacceptance\t1\n# trained on x\nbias\t-0.5\n1.5\trule=quote-cue\n";
        let m = LinearModel::parse(ok, "acceptance").unwrap();
        assert_eq!(m.weight("rule=quote-cue"), 1.5);
        assert_eq!(m.provenance, ["trained on x"]);
        let mut f = Features::new(false);
        f.add(p!("rule"), "quote-cue");
        assert!((m.margin(&f) - 1.0).abs() < 1e-6);
        let newer = ok.replace("\t1\n", "\t2\n");
        let err = LinearModel::parse(&newer, "acceptance")
            .unwrap_err()
            .to_string();
        assert!(err.contains("format version 2"), "{err}");
        assert!(LinearModel::parse(ok, "speaker").is_err());
        assert!(LinearModel::parse("hello", "acceptance").is_err());
        assert!(LinearModel::parse(&ok.replace("1.5", "x"), "acceptance").is_err());
    }
}
