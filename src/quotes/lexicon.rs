//! The word lists the extractor reads: reporting cues (`lexicon/cues.toml`),
//! role nouns and titles (`lexicon/roles.toml`), given names with their
//! usual gender (`lexicon/given_names.tsv`), and the closed classes written
//! below (pronouns, determiners, auxiliaries, ...). All were written for
//! quotewise; the files document their own formats.
//!
//! Everything is compiled into one table from a lowercase word form to what
//! the extractor needs to know about it, looked up once per token.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::text::bytes::pack;

static CUES_TOML: &str = include_str!("lexicon/cues.toml");
static ROLES_TOML: &str = include_str!("lexicon/roles.toml");
static GIVEN_NAMES_TSV: &str = include_str!("lexicon/given_names.tsv");
static PLACES_TXT: &str = include_str!("lexicon/places.txt");

/// Kind of reporting cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CueClass {
    Speech,
    Writing,
    Thought,
}

/// A reporting verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    pub lemma: String,
    pub class: CueClass,
    /// Takes the hearer (or the person talked about) as object.
    pub addressee: bool,
    /// Takes a clause complement with the reported content.
    pub that: bool,
    /// Particle of a phrasal verb (`out` in `point out`).
    pub particle: Option<String>,
    /// Often not speech: needs supporting context.
    pub ambiguous: bool,
    /// A speech verb only as a tag after what was said (`“…,” she
    /// opened`): what follows it is never content (`Tory opened the
    /// meeting`).
    pub tag_only: bool,
}

/// Where the speaker stands relative to a cue phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhraseSpeaker {
    /// `according to X`
    After,
    /// `X was quoted as saying`
    Before,
}

/// A multi-word cue that is not a verb form (`according to`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub words: Vec<String>,
    pub speaker: PhraseSpeaker,
    pub class: CueClass,
}

/// Group of a role noun.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoleClass {
    Leader,
    Politician,
    Official,
    Spokesperson,
    Military,
    Police,
    Legal,
    Business,
    Expert,
    Activist,
    Religious,
    Person,
    Organisation,
}

impl RoleClass {
    /// Whether roles of the class are held by a body, not a person: an
    /// organisation's (`the commission`), the police's or the military's.
    pub const fn is_a_body(self) -> bool {
        matches!(
            self,
            RoleClass::Organisation | RoleClass::Police | RoleClass::Military
        )
    }

    /// The class's name, lowercase.
    pub const fn name(self) -> &'static str {
        match self {
            RoleClass::Leader => "leader",
            RoleClass::Politician => "politician",
            RoleClass::Official => "official",
            RoleClass::Spokesperson => "spokesperson",
            RoleClass::Military => "military",
            RoleClass::Police => "police",
            RoleClass::Legal => "legal",
            RoleClass::Business => "business",
            RoleClass::Expert => "expert",
            RoleClass::Activist => "activist",
            RoleClass::Religious => "religious",
            RoleClass::Person => "person",
            RoleClass::Organisation => "organisation",
        }
    }
}

impl CueClass {
    /// The class's name, lowercase.
    pub const fn name(self) -> &'static str {
        match self {
            CueClass::Speech => "speech",
            CueClass::Writing => "writing",
            CueClass::Thought => "thought",
        }
    }
}

impl Pronoun {
    /// The pronoun's subject form.
    pub const fn name(self) -> &'static str {
        match self {
            Pronoun::He => "he",
            Pronoun::She => "she",
            Pronoun::They => "they",
            Pronoun::It => "it",
            Pronoun::I => "i",
            Pronoun::We => "we",
            Pronoun::You => "you",
        }
    }
}

/// Grammatical gender of a word or a given name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    Female,
    Male,
}

/// A role noun (`president`, `spokeswoman`, `officials`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// The first singular form, as a label.
    pub label: String,
    pub class: RoleClass,
    pub gender: Option<Gender>,
    /// Written before names as a title (`President Assad`, `Sen. Smith`).
    pub title: bool,
}

/// Closed-class words the rules test for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Function {
    /// he, she, they, it, him, her, them, ...
    Pronoun(Pronoun),
    /// the, a, an, this, that (as determiner), his, her, its, ...
    Determiner,
    /// has, had, have, will, would, was, is, could, ...
    Auxiliary,
    /// not, never, n't
    Negation,
    /// also, later, then, again, earlier, previously, ...
    Adverb,
    /// that, which, who, whom, whose, because, if, when, while, ...
    Subordinator,
    /// and, but, or, so, yet, nor
    Conjunction,
    /// in, on, at, of, for, with, from, to, by, about, ...
    Preposition,
    /// monday ... sunday, today, yesterday, tonight
    Day,
}

/// A personal pronoun and what it can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pronoun {
    /// he, him, his, himself
    He,
    /// she, her, hers, herself
    She,
    /// they, them, their, themselves
    They,
    /// it, its, itself
    It,
    /// i, me, my, mine, myself
    I,
    /// we, us, our, ours, ourselves
    We,
    /// you, your, yours, yourself
    You,
}

impl Pronoun {
    /// First or second person: the voice of direct speech.
    pub fn is_speech_person(self) -> bool {
        matches!(self, Pronoun::I | Pronoun::We | Pronoun::You)
    }

    /// Whether the form is a subject form (can be a speaker: `he said`).
    pub fn subject_form(word: &str) -> bool {
        matches!(word, "he" | "she" | "they" | "it" | "i" | "we" | "you")
    }
}

/// Whether `word` negates what follows (`not`, `never`, `no`, `didn't`).
pub fn is_negation(word: &str) -> bool {
    negation_word(word)
}

/// Possessive determiners: a cue after one is a noun (`his remarks`).
pub fn is_possessive_determiner(word: &str) -> bool {
    matches!(
        word,
        "his" | "her" | "their" | "its" | "our" | "my" | "your"
    )
}

/// Everything known about one lowercase word form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// Index of the (particle-less) cue this is a form of.
    pub cue: Option<u32>,
    /// Phrasal cues this is a form of (`point out`, `call for`): each needs
    /// its particle after the form.
    pub particle_cues: Vec<u32>,
    /// Whether the form is the `-ing` participle (`saying`).
    pub participle: bool,
    /// Index of the role this is a form of, and whether the form is plural.
    pub role: Option<u32>,
    pub plural: bool,
    /// The gender of a given name with this spelling.
    pub given: Option<Option<Gender>>,
    pub function: Option<Function>,
    /// First word of a cue phrase (index into phrases).
    pub phrase_start: bool,
    /// A role title abbreviation (`sen.`, `gov.`, `dr.`).
    pub title_abbreviation: bool,
    /// What the word says of the voice of a content, as bits of [`voice`]
    /// (`is`: the present; `will`: a modal; `think`: a mental verb).
    pub voice: u8,
}

impl WordInfo {
    /// Whether the form is a reporting verb that is not its `-ing`
    /// participle (`said`, `says`, `told`): a report of its own.
    #[inline]
    pub fn reports(&self) -> bool {
        self.cue.is_some() && !self.participle
    }

    /// The pronoun this form is, if it is one.
    #[inline]
    pub fn pronoun(&self) -> Option<Pronoun> {
        match self.function {
            Some(Function::Pronoun(p)) => Some(p),
            _ => None,
        }
    }
}

/// Bits of [`WordInfo::voice`]: words of a speaker's own voice, which the
/// acceptance model weighs in a content (`model/acceptance.rs`).
pub mod voice {
    pub const PRESENT: u8 = 1;
    pub const MODAL: u8 = 1 << 1;
    pub const NEGATION: u8 = 1 << 2;
    pub const DEIXIS: u8 = 1 << 3;
    pub const MENTAL: u8 = 1 << 4;
}

/// The words of each voice bit (in stripped text the halves of a split
/// contraction too: `don t`, `we re`, `i ve`, `i m`, `won t`).
const VOICE_WORDS: [(&[&str], u8); 5] = [
    (
        &[
            "is", "are", "am", "isn", "aren", "has", "have", "do", "does", "don", "doesn", "re",
            "ve", "m",
        ],
        voice::PRESENT,
    ),
    (
        &[
            "will", "would", "can", "could", "should", "must", "might", "shall", "ll", "won",
            "wouldn", "couldn", "shouldn", "can't", "won't",
        ],
        voice::MODAL,
    ),
    (
        &[
            "not", "never", "no", "nobody", "nothing", "none", "nor", "t", "n't", "don't",
            "doesn't", "isn't", "aren't", "didn't",
        ],
        voice::NEGATION,
    ),
    (&["this", "these", "here", "now", "today"], voice::DEIXIS),
    (
        &[
            "think", "believe", "want", "need", "know", "feel", "hope", "love", "going", "gonna",
            "guess", "wish",
        ],
        voice::MENTAL,
    ),
];

/// The compiled lexicon.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub cues: Vec<Cue>,
    pub phrases: Vec<Phrase>,
    pub roles: Vec<Role>,
    // Fx hashing: the keys are short words and the map is ours, so the
    // DoS-resistant default hasher only costs time (it was 5% of a run).
    words: FxHashMap<Box<str>, WordInfo>,
    /// The words of one to eight bytes (most of a text's), keyed by their
    /// bytes packed in a `u64` ([`pack`]) and their length: a look-up
    /// hashes one integer and compares two. Built from `words` by
    /// [`Lexicon::indexed`] once the lexicon is complete.
    short: ShortWords,
    /// Lowercase names of places (countries, cities, regions), as bytes
    /// (a name joined from words is looked up without a UTF-8 check).
    places: FxHashSet<Box<[u8]>>,
}

#[derive(Deserialize)]
struct CueFile {
    #[serde(default)]
    verb: Vec<CueEntry>,
    #[serde(default)]
    phrase: Vec<PhraseEntry>,
}

#[derive(Deserialize)]
struct CueEntry {
    lemma: String,
    forms: Vec<String>,
    class: CueClass,
    addressee: bool,
    that: bool,
    #[serde(default)]
    particle: Option<String>,
    #[serde(default)]
    ambiguous: bool,
    #[serde(default)]
    tag_only: bool,
}

#[derive(Deserialize)]
struct PhraseEntry {
    text: String,
    speaker: PhraseSpeaker,
    class: CueClass,
}

#[derive(Deserialize)]
struct RoleFile {
    role: Vec<RoleEntry>,
}

#[derive(Deserialize)]
struct RoleEntry {
    forms: Vec<String>,
    #[serde(default)]
    plural: Vec<String>,
    class: RoleClass,
    #[serde(default)]
    gender: String,
    #[serde(default)]
    title: bool,
    #[serde(default)]
    abbreviations: Vec<String>,
}

const PRONOUNS: &[(&str, Pronoun)] = &[
    ("he", Pronoun::He),
    ("him", Pronoun::He),
    ("his", Pronoun::He),
    ("himself", Pronoun::He),
    ("she", Pronoun::She),
    ("her", Pronoun::She),
    ("hers", Pronoun::She),
    ("herself", Pronoun::She),
    ("they", Pronoun::They),
    ("them", Pronoun::They),
    ("their", Pronoun::They),
    ("theirs", Pronoun::They),
    ("themselves", Pronoun::They),
    ("it", Pronoun::It),
    ("its", Pronoun::It),
    ("itself", Pronoun::It),
    ("i", Pronoun::I),
    ("me", Pronoun::I),
    ("my", Pronoun::I),
    ("mine", Pronoun::I),
    ("myself", Pronoun::I),
    ("i'm", Pronoun::I),
    ("i've", Pronoun::I),
    ("i'd", Pronoun::I),
    ("i'll", Pronoun::I),
    ("we", Pronoun::We),
    ("us", Pronoun::We),
    ("our", Pronoun::We),
    ("ours", Pronoun::We),
    ("ourselves", Pronoun::We),
    ("we're", Pronoun::We),
    ("we've", Pronoun::We),
    ("we'll", Pronoun::We),
    ("we'd", Pronoun::We),
    ("you", Pronoun::You),
    ("your", Pronoun::You),
    ("yours", Pronoun::You),
    ("yourself", Pronoun::You),
    ("yourselves", Pronoun::You),
    ("you're", Pronoun::You),
    ("you've", Pronoun::You),
    ("you'll", Pronoun::You),
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "another", "each", "every", "some", "any",
    "several", "many", "most", "few", "two", "three", "four", "five", "one", "both", "all",
    "other", "such", "no",
];

const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "having", "will", "would", "was", "were", "is", "are", "am", "be",
    "been", "being", "did", "does", "do", "can", "could", "may", "might", "must", "should",
    "shall", "ought", "'s", "'ve", "'d", "'ll", "ve", "d", "ll",
];

word_list!(
    NEGATIONS,
    negation_word,
    [
        "not", "never", "n't", "nt", "no", "neither", "nor", "cannot", "don't", "didn't", "won't",
        "wouldn't", "doesn't", "hasn't", "haven't", "couldn't", "wasn't", "isn't", "aren't",
        "weren't",
        // Stripped text splits `didn't` into `didn t`: the first halves that
        // are no other word (`don`, `won`, `can` are; see
        // `negated_or_not_a_report`).
        "didn", "wouldn", "doesn", "hasn", "haven", "hadn", "couldn", "shouldn", "wasn", "isn",
        "aren", "weren", "mustn",
    ]
);

const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "again",
    "earlier",
    "previously",
    "recently",
    "first",
    "once",
    "repeatedly",
    "reportedly",
    "allegedly",
    "simply",
    "flatly",
    "quickly",
    "publicly",
    "privately",
    "separately",
    "further",
    "frequently",
    "often",
    "always",
    "already",
    "just",
    "only",
    "still",
    "now",
    "today",
    "yesterday",
    "tonight",
    "openly",
    "bluntly",
    "candidly",
    "angrily",
    "firmly",
    "clearly",
    "explicitly",
    "recently",
    "initially",
    "ultimately",
    "finally",
    "subsequently",
    "immediately",
    "quietly",
    "loudly",
    "proudly",
    "cautiously",
    "confidently",
    "tersely",
    "succinctly",
    "jokingly",
    "frankly",
    "emphatically",
    "insistently",
    "even",
    "however",
    "meanwhile",
    "too",
    "nonetheless",
    "nevertheless",
    "instead",
    "thus",
    "therefore",
    "indeed",
    "actually",
    "apparently",
    "usually",
    "generally",
    "typically",
    "personally",
    "herself",
    "himself",
    "themselves",
    "itself",
];

const SUBORDINATORS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "because", "if", "when", "whenever", "while",
    "whereas", "although", "though", "unless", "until", "since", "as", "after", "before", "where",
    "whether", "why", "how", "what", "than", "so",
];

const CONJUNCTIONS: &[&str] = &["and", "but", "or", "yet", "nor", "plus"];

const PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "at",
    "of",
    "for",
    "with",
    "from",
    "to",
    "by",
    "about",
    "into",
    "onto",
    "over",
    "under",
    "between",
    "among",
    "against",
    "during",
    "through",
    "throughout",
    "across",
    "toward",
    "towards",
    "without",
    "within",
    "upon",
    "near",
    "behind",
    "beyond",
    "beside",
    "besides",
    "despite",
    "amid",
    "amidst",
    "around",
    "via",
    "like",
    "unlike",
    "including",
    "regarding",
    "concerning",
    "outside",
    "inside",
    "off",
    "out",
    "up",
    "down",
];

const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "tomorrow",
    "weekend",
];

impl Lexicon {
    /// The built-in lexicon, compiled once.
    pub fn builtin() -> Arc<Lexicon> {
        static BUILTIN: OnceLock<Arc<Lexicon>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Arc::new(Lexicon::parse().expect("the built-in lexicon parses (checked by tests)"))
            })
            .clone()
    }

    fn parse() -> Result<Lexicon> {
        let cues: CueFile =
            toml::from_str(CUES_TOML).map_err(|e| Error::argument(format!("cues.toml: {e}")))?;
        let roles: RoleFile =
            toml::from_str(ROLES_TOML).map_err(|e| Error::argument(format!("roles.toml: {e}")))?;
        let mut lex = Lexicon::default();
        for entry in cues.verb {
            lex.add_cue(
                Cue {
                    lemma: entry.lemma,
                    class: entry.class,
                    addressee: entry.addressee,
                    that: entry.that,
                    particle: entry.particle,
                    ambiguous: entry.ambiguous,
                    tag_only: entry.tag_only,
                },
                &entry.forms,
            );
        }
        for p in cues.phrase {
            let words: Vec<String> = p.text.split_whitespace().map(str::to_string).collect();
            if let Some(first) = words.first() {
                lex.info_mut(first).phrase_start = true;
            }
            lex.phrases.push(Phrase {
                words,
                speaker: p.speaker,
                class: p.class,
            });
        }
        for r in roles.role {
            let idx = lex.roles.len() as u32;
            let gender = match r.gender.as_str() {
                "f" => Some(Gender::Female),
                "m" => Some(Gender::Male),
                _ => None,
            };
            lex.roles.push(Role {
                label: r.forms.first().cloned().unwrap_or_default(),
                class: r.class,
                gender,
                title: r.title,
            });
            for f in &r.forms {
                let info = lex.info_mut(f);
                info.role.get_or_insert(idx);
            }
            for f in &r.plural {
                let info = lex.info_mut(f);
                if info.role.is_none() {
                    info.role = Some(idx);
                    info.plural = true;
                }
            }
            for a in &r.abbreviations {
                let info = lex.info_mut(a);
                info.title_abbreviation = true;
                info.role.get_or_insert(idx);
            }
        }
        for line in GIVEN_NAMES_TSV.lines().skip(1) {
            let mut parts = line.split('\t');
            let (Some(name), Some(g)) = (parts.next(), parts.next()) else {
                continue;
            };
            let gender = match g.trim() {
                "f" => Some(Gender::Female),
                "m" => Some(Gender::Male),
                _ => None,
            };
            lex.info_mut(name.trim()).given = Some(gender);
        }
        lex.places = PLACES_TXT
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| l.trim().as_bytes().into())
            .collect();
        for &(w, p) in PRONOUNS {
            lex.info_mut(w).function = Some(Function::Pronoun(p));
        }
        let classes: [(&[&str], Function); 8] = [
            (DETERMINERS, Function::Determiner),
            (AUXILIARIES, Function::Auxiliary),
            (NEGATIONS, Function::Negation),
            (ADVERBS, Function::Adverb),
            (SUBORDINATORS, Function::Subordinator),
            (CONJUNCTIONS, Function::Conjunction),
            (PREPOSITIONS, Function::Preposition),
            (DAYS, Function::Day),
        ];
        for (words, class) in classes {
            for w in words {
                let info = lex.info_mut(w);
                info.function.get_or_insert(class);
            }
        }
        for (words, bit) in VOICE_WORDS {
            for w in words {
                lex.info_mut(w).voice |= bit;
            }
        }
        Ok(lex.indexed())
    }

    /// The lexicon with its index of short words rebuilt from `words`
    /// (after every change to them).
    fn indexed(mut self) -> Lexicon {
        self.short = ShortWords::new(
            self.words
                .iter()
                .filter(|(w, _)| (1..=8).contains(&w.len()))
                .map(|(w, info)| (pack(w.as_bytes()), (w.len(), info.clone()))),
        );
        self
    }

    fn info_mut(&mut self, word: &str) -> &mut WordInfo {
        self.words.entry(word.into()).or_default()
    }

    fn add_cue(&mut self, cue: Cue, forms: &[String]) {
        let idx = self.cues.len() as u32;
        let phrasal = cue.particle.is_some();
        self.cues.push(cue);
        for f in forms {
            let participle = f.ends_with("ing");
            let info = self.info_mut(f);
            if phrasal {
                info.particle_cues.push(idx);
            } else if info.cue.is_none() {
                // A form shared by two plain verbs keeps the first.
                info.cue = Some(idx);
            }
            info.participle = participle;
        }
    }

    /// What is known about the lowercase word `word`.
    #[inline(always)]
    pub fn get(&self, word: &str) -> Option<&WordInfo> {
        let b = word.as_bytes();
        if (1..=8).contains(&b.len()) {
            return match self.short.get(pack(b)) {
                Some((len, info)) if *len == b.len() => Some(info),
                _ => None,
            };
        }
        self.words.get(word)
    }

    /// Whether `name` (lowercase, single spaces) is a place (`canada`,
    /// `fraser valley`, `new york`).
    pub fn is_place(&self, name: &str) -> bool {
        self.is_place_bytes(name.as_bytes())
    }

    /// [`Lexicon::is_place`] for the name's bytes.
    pub fn is_place_bytes(&self, name: &[u8]) -> bool {
        self.places.contains(name)
    }

    /// The cue at `index`.
    pub fn cue(&self, index: u32) -> &Cue {
        &self.cues[index as usize]
    }

    /// The role at `index`.
    pub fn role(&self, index: u32) -> &Role {
        &self.roles[index as usize]
    }

    /// A copy with the user's changes: `thought` turns belief verbs on,
    /// `add` adds verbs as speech cues (each a lemma and its forms, or just
    /// forms), `remove` removes forms or whole lemmas.
    pub fn customised(&self, add: &[Vec<String>], remove: &[String], thought: bool) -> Lexicon {
        let mut lex = self.clone();
        if !thought {
            let is_thought = |c: &u32| self.cues[*c as usize].class == CueClass::Thought;
            for info in lex.words.values_mut() {
                if info.cue.as_ref().is_some_and(is_thought) {
                    info.cue = None;
                }
                info.particle_cues.retain(|c| !is_thought(c));
            }
            lex.phrases.retain(|p| p.class != CueClass::Thought);
        }
        for forms in add {
            let Some(lemma) = forms.first() else { continue };
            let cue = Cue {
                lemma: lemma.to_lowercase(),
                class: CueClass::Speech,
                addressee: false,
                that: true,
                particle: None,
                ambiguous: false,
                tag_only: false,
            };
            let forms: Vec<String> = forms.iter().map(|f| f.to_lowercase()).collect();
            // Added forms take precedence over an existing entry.
            for f in &forms {
                lex.info_mut(f).cue = None;
            }
            lex.add_cue(cue, &forms);
        }
        for r in remove {
            let r = r.to_lowercase();
            let lemma_idx: Vec<u32> = lex
                .cues
                .iter()
                .enumerate()
                .filter(|(_, c)| c.lemma == r)
                .map(|(i, _)| i as u32)
                .collect();
            for info in lex.words.values_mut() {
                if info.cue.is_some_and(|c| lemma_idx.contains(&c)) {
                    info.cue = None;
                }
                info.particle_cues.retain(|c| !lemma_idx.contains(c));
            }
            if let Some(info) = lex.words.get_mut(r.as_str()) {
                info.cue = None;
                info.particle_cues.clear();
            }
            lex.phrases.retain(|p| p.words.join(" ") != r);
        }
        lex.indexed()
    }
}

/// The short words of the lexicon by their packed bytes ([`pack`]): open
/// addressing with linear probing, at most three quarters full, a slot
/// found by the key's top bits after one multiplication. A look-up (one
/// for each word of a text) is a few instructions, where a general hash
/// map also probes a group of control bytes. As a map built from the same
/// pairs in the same order: a later pair replaces an earlier one's value.
#[derive(Clone, Debug, Default)]
struct ShortWords {
    /// `(key, 1 + index in entries)`; an empty slot holds index 0.
    slots: Vec<(u64, u32)>,
    /// The words' lengths and entries.
    entries: Vec<(usize, WordInfo)>,
    /// `64 - log2(slots.len())`.
    shift: u32,
}

impl ShortWords {
    fn new(pairs: impl Iterator<Item = (u64, (usize, WordInfo))>) -> ShortWords {
        let pairs: Vec<_> = pairs.collect();
        let size = (pairs.len() * 4 / 3 + 1).next_power_of_two().max(2);
        let mut t = ShortWords {
            slots: vec![(0, 0); size],
            entries: Vec::with_capacity(pairs.len()),
            shift: 64 - size.trailing_zeros(),
        };
        for (key, value) in pairs {
            let mut i = t.slot(key);
            loop {
                let (k, e) = t.slots[i];
                if e == 0 {
                    t.entries.push(value);
                    t.slots[i] = (key, t.entries.len() as u32);
                    break;
                }
                if k == key {
                    t.entries[e as usize - 1] = value;
                    break;
                }
                i = (i + 1) & (size - 1);
            }
        }
        t
    }

    /// The first slot of `key`.
    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The length and entry of the word packed as `key`.
    #[inline]
    fn get(&self, key: u64) -> Option<&(usize, WordInfo)> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.slot(key);
        loop {
            let &(k, e) = self.slots.get(i)?;
            if e == 0 {
                return None;
            }
            if k == key {
                return self.entries.get(e as usize - 1);
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_found_as_in_the_map() {
        let lex = Lexicon::builtin();
        let custom = lex.customised(
            &[vec!["zing".into(), "zings".into()]],
            &["said".into()],
            true,
        );
        for l in [&*lex, &custom] {
            for (w, info) in &l.words {
                assert_eq!(
                    l.get(w).map(|i| format!("{i:?}")),
                    Some(format!("{info:?}")),
                    "{w}"
                );
                for other in [
                    format!("{w}x"),
                    format!("x{w}"),
                    w[..w.char_indices().last().map_or(0, |(i, _)| i)].to_string(),
                ] {
                    let want = l.words.get(other.as_str()).map(|i| format!("{i:?}"));
                    assert_eq!(l.get(&other).map(|i| format!("{i:?}")), want, "{other}");
                }
            }
            assert!(l.get("a\0").is_none() || l.words.contains_key("a\0"));
        }
    }

    #[test]
    fn builtin_lexicon_parses_and_knows_the_basics() {
        let lex = Lexicon::builtin();
        assert!(lex.cues.len() >= 250, "{} cues", lex.cues.len());
        for w in [
            "said", "says", "told", "added", "warned", "tweeted", "insisted", "saying",
        ] {
            let info = lex.get(w).unwrap_or_else(|| panic!("{w} missing"));
            let cue = lex.cue(info.cue.unwrap_or_else(|| panic!("{w} is no cue")));
            assert_ne!(cue.class, CueClass::Thought, "{w}");
        }
        assert!(lex.get("saying").unwrap().participle);
        assert!(lex.cue(lex.get("told").unwrap().cue.unwrap()).addressee);
        assert!(lex.phrases.iter().any(|p| p.words == ["according", "to"]));
        let role = lex.role(lex.get("spokeswoman").unwrap().role.unwrap());
        assert_eq!(role.gender, Some(Gender::Female));
        assert!(lex.get("officials").unwrap().plural);
        assert_eq!(lex.get("vladimir").unwrap().given, Some(Some(Gender::Male)));
        // Common names the first list missed.
        assert_eq!(lex.get("stephen").unwrap().given, Some(Some(Gender::Male)));
        assert_eq!(lex.get("teresa").unwrap().given, Some(Some(Gender::Female)));
        assert_eq!(
            lex.get("she").unwrap().function,
            Some(Function::Pronoun(Pronoun::She))
        );
    }

    #[test]
    fn thought_verbs_are_off_unless_asked_for() {
        let lex = Lexicon::builtin();
        let believes = lex.get("believes").unwrap().cue.unwrap();
        assert_eq!(lex.cue(believes).class, CueClass::Thought);
        let default = lex.customised(&[], &[], false);
        assert!(default.get("believes").unwrap().cue.is_none());
        assert!(default.get("said").unwrap().cue.is_some());
        let custom = lex.customised(
            &[vec!["opine".into(), "opines".into(), "opined".into()]],
            &["say".into()],
            true,
        );
        assert!(custom.get("believes").unwrap().cue.is_some());
        assert!(custom.get("opined").unwrap().cue.is_some());
        assert!(custom.get("said").unwrap().cue.is_none());
    }
}
