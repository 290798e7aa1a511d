//! Who is who: the entities of a document and the resolution of pronouns,
//! role nouns and short names to them.
//!
//! A forward pass collects the document's entities: gazetteer entries,
//! capitalised names (cased text) and the titles and appositions that
//! describe them (`Syrian President Bashar al-Assad` is a leader, Syrian;
//! `Linda Lamoureux, executive chairwoman of the commission` is a
//! chairwoman). Each entity keeps the fullest name seen, its gender when
//! something tells it (a given name, `Mr.`/`Ms.`, `spokeswoman`, or a
//! pronoun already resolved to it), and every position where it was
//! referred to.
//!
//! Resolution then looks back from a speaker phrase for the nearest
//! compatible entity: `he`/`she` to the nearest person of that gender (or
//! of unknown gender), `they` to a group or organisation, `the senator` to
//! the nearest entity with that role, `the Syrian leader` to a leader
//! described as Syrian, `Lonechild` to `Darian Lonechild`. Speakers found
//! along the way are added as references, so `the source said` finds the
//! `a source in Netanyahu's office` quoted earlier.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::doc::Doc;
use super::lexicon::{Function, Gender, Pronoun, RoleClass, WordInfo};
use super::speakers::{is_name_particle, Head, SpeakerPhrase};
use super::tokens::Kind;
use crate::gazetteer::words::WordSet;
use crate::text::Casing;

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    /// A nationality or other group (`Russians`).
    Group,
    /// A speaker known only by a description (`a source in Netanyahu's
    /// office`, `officials`).
    Descriptor,
}

// (`Tracker::by_key` has one map per kind.)
const _: () = assert!(EntityKind::Descriptor as usize == 4);

/// One entity of a document.
#[derive(Clone, Debug)]
pub struct Entity {
    /// Canonical name: the gazetteer's, the fullest name written, or the
    /// first description.
    pub name: String,
    /// Gazetteer id (index of the mention that introduced it is kept too).
    pub entry: Option<u32>,
    pub kind: EntityKind,
    pub gender: Option<Gender>,
    pub plural: bool,
    /// Roles from titles and appositions, and the words describing them.
    pub roles: Vec<u32>,
    pub modifiers: Vec<String>,
    /// Lowercase last word of a name, or the role label of a descriptor.
    pub key: String,
}

/// A reference to an entity at a token.
#[derive(Clone, Copy, Debug)]
struct Ref {
    token: usize,
    entity: usize,
    /// The entity spoke here (an attribution's speaker).
    speaker: bool,
}

/// The result of resolving a speaker phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// The entity, if one was found or made.
    pub entity: Option<usize>,
    /// How sure the resolution is, in [0, 1].
    pub certainty: f32,
}

/// The entities of a document and where they are referred to.
#[derive(Clone)]
pub struct Tracker {
    pub entities: Vec<Entity>,
    /// References by token (and order of recording).
    refs: std::collections::BTreeMap<(usize, u32), Ref>,
    ref_count: u32,
    /// The first token each entity is referred to at (`usize::MAX` before
    /// any reference), by entity index.
    first_ref: Vec<usize>,
    /// The first entity of each kind with a key, and the first of each
    /// gazetteer entry, for the look-ups that would otherwise scan every
    /// entity (an entity's kind, key and entry never change once made).
    /// (One map per kind, indexed by `EntityKind as usize`.)
    by_key: [FxHashMap<String, usize>; 5],
    by_entry: FxHashMap<u32, usize>,
    /// The surnames that stand alone in the document (read when first asked).
    lone: LoneNames,
    /// The capitalised words, for acronyms (read when first asked).
    capitals: Capitals,
}

fn gender_from_metadata(entry: &crate::gazetteer::Entry) -> Option<Gender> {
    let g = entry.metadata.get("gender")?.as_str()?.to_ascii_lowercase();
    match g.as_str() {
        "f" | "female" | "woman" | "w" => Some(Gender::Female),
        "m" | "male" | "man" => Some(Gender::Male),
        _ => None,
    }
}

impl Tracker {
    /// Collects the entities of `doc`. `entries` gives, for each gazetteer
    /// mention index, its resolved entry (index and entry) if any.
    pub fn new(doc: &Doc<'_>, entries: &[Option<(u32, &crate::gazetteer::Entry)>]) -> Tracker {
        // (Room for the people and organisations of a news story, so that
        // their vector and maps seldom grow; the maps are read by key only,
        // never in their order.)
        fn room<K, V>(n: usize) -> FxHashMap<K, V> {
            FxHashMap::with_capacity_and_hasher(n, Default::default())
        }
        let mut t = Tracker {
            entities: Vec::with_capacity(16),
            refs: std::collections::BTreeMap::new(),
            ref_count: 0,
            first_ref: Vec::new(),
            by_key: [room(8), room(8), room(0), room(0), room(0)],
            by_entry: room(doc.mentions.len().min(16)),
            lone: LoneNames::default(),
            capitals: Capitals::default(),
        };
        let n = doc.len();
        // (Lowercase text: whether each token may be a name word, read once;
        // a name's words are read again from each of its first words.)
        let mut name_words = NameWords::default();
        let mut i = 0;
        while i < n {
            // A photo credit (`(Lauren Pelley / CBC News)`) names no one in
            // the story.
            if doc.kind(i) == Some(Kind::Open) {
                let close = (i + 1..n.min(i + 16)).find(|&k| doc.kind(k) == Some(Kind::Close));
                if let Some(c) = close {
                    if (i + 1..c).any(|k| doc.surface(k) == "/") {
                        i = c + 1;
                        continue;
                    }
                }
            }
            if let Some(m) = doc.mention_at(i) {
                let mut e = i;
                while e < n && doc.mention_at(e) == Some(m) {
                    e += 1;
                }
                if let Some(Some((idx, entry))) = entries.get(m) {
                    let ent = t.entity_for_entry(*idx, entry, doc, i..e);
                    t.describe(doc, ent, i, e);
                    t.refer(i, ent);
                }
                i = e;
                continue;
            }
            if doc.casing == Casing::Uncased {
                if let Some(e) = lowercase_name_end(doc, i, &mut name_words) {
                    if let Some(ent) = t.name_entity(doc, i, e) {
                        t.describe(doc, ent, i, e);
                        t.refer(i, ent);
                    }
                    i = e;
                    continue;
                }
                // `the conservatives`: a party, as `the Conservatives` is in
                // cased text.
                if i > 0 && doc.norm(i - 1) == "the" && is_party(doc.norm(i)) {
                    if let Some(ent) = t.group_entity(doc, i, i + 1) {
                        t.refer(i, ent);
                    }
                    i += 1;
                    continue;
                }
                if let Some(e) = lowercase_org_end(doc, i, &mut name_words) {
                    let ent = t.push_org(doc, i, e);
                    t.refer(i, ent);
                    i = e;
                    continue;
                }
            }
            if doc.casing == Casing::Cased && doc.capitalised(i) && doc.function(i).is_none() {
                // A headline in capitals names no one the rules can tell
                // (`YUGOSLAVIA TO TENDER FOR 100,000 TONNES WHEAT`): past it.
                if doc.tok(i).all_caps && doc.capitals_sentence(i) {
                    i = doc.sentence(i).end;
                    continue;
                }
                let e = name_run_end(doc, i);
                // A run stops where a gazetteer mention starts.
                let e = (i + 1..e)
                    .find(|&k| doc.mention_at(k).is_some())
                    .unwrap_or(e);
                // Titles and what comes before them are no part of the name
                // (`Syrian President Bashar al-Assad`).
                if let Some(k) = (i..e.saturating_sub(1)).rev().find(|&k| is_title(doc, k)) {
                    if doc.mention_at(k + 1).is_none() {
                        i = k + 1;
                        continue;
                    }
                }
                // Nor are ordinary words before a given name and a surname
                // (`Chancellor of the Exchequer Nigel Lawson`).
                if let Some(k) = given_name_inside(doc, i, e) {
                    i = k;
                    continue;
                }
                let found = t
                    .name_entity(doc, i, e)
                    .or_else(|| t.org_entity(doc, i, e))
                    .or_else(|| t.group_entity(doc, i, e));
                if let Some(ent) = found {
                    t.describe(doc, ent, i, e);
                    t.refer(i, ent);
                }
                i = e.max(i + 1);
                continue;
            }
            i += 1;
        }
        t
    }

    /// Adds an entity (the only way entities are made).
    fn push_entity(&mut self, e: Entity) {
        let pos = self.entities.len();
        if let Some(idx) = e.entry {
            self.by_entry.entry(idx).or_insert(pos);
        }
        let firsts = &mut self.by_key[e.kind as usize];
        if !firsts.contains_key(e.key.as_str()) {
            firsts.insert(e.key.clone(), pos);
        }
        self.entities.push(e);
    }

    /// The first entity of `kind` with `key`.
    fn first_by_key(&self, kind: EntityKind, key: &str) -> Option<usize> {
        self.by_key[kind as usize].get(key).copied()
    }

    fn entity_for_entry(
        &mut self,
        idx: u32,
        entry: &crate::gazetteer::Entry,
        doc: &Doc<'_>,
        range: Range<usize>,
    ) -> usize {
        if let Some(&pos) = self.by_entry.get(&idx) {
            return pos;
        }
        let kind = match entry.kind.to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => EntityKind::Person,
            "ORG" | "ORGANIZATION" | "ORGANISATION" => EntityKind::Organisation,
            "NORP" => EntityKind::Group,
            _ => EntityKind::Place,
        };
        let gender = gender_from_metadata(entry).or_else(|| {
            (kind == EntityKind::Person)
                .then(|| given_gender(doc, entry.name.split_whitespace().next().unwrap_or("")))
                .flatten()
        });
        let key = name_key(entry.name.split_whitespace().last().unwrap_or(""));
        let _ = range;
        self.push_entity(Entity {
            name: entry.name.clone(),
            entry: Some(idx),
            kind,
            gender,
            plural: kind == EntityKind::Group,
            roles: Vec::new(),
            modifiers: Vec::new(),
            key: key.into_owned(),
        });
        self.entities.len() - 1
    }

    /// An entity for the capitalised run `a..b` if it looks like a person's
    /// name: two or more words starting with a given name or after a title,
    /// or a single word that repeats a known name's last word.
    fn name_entity(&mut self, doc: &Doc<'_>, a: usize, b: usize) -> Option<usize> {
        let key = name_key(doc.norm(b - 1));
        let after_title = a > 0 && is_title(doc, a - 1);
        let given = doc.info(a).and_then(|w| w.given);
        // `Fraser Highway` is a place, `Hugh Hill` a person.
        let surname_like = b - a == 2
            && given.is_some()
            && matches!(
                doc.norm(a + 1),
                "hill"
                    | "hall"
                    | "wood"
                    | "park"
                    | "lake"
                    | "field"
                    | "brook"
                    | "bridge"
                    | "ford"
                    | "banks"
                    | "rivers"
                    | "stone"
                    | "moore"
                    | "marsh"
                    | "castle"
                    | "bay"
            );
        // (The tests below are read only as far as `full` needs them: most
        // runs, single capitalised words, are no full name by the first.)
        let place =
            || ((a..b).any(|k| is_place_word(doc.norm(k))) && !surname_like) || doc.is_place(a, b);
        // (A single word only by what stands around it: `Martell, the
        // addictions doctor`.)
        let by_context = || {
            b - a <= 4
                && person_context(doc, a, b)
                && (b - a >= 2
                    || (doc.casing == Casing::Cased
                        && !crate::gazetteer::words::is_english_word(doc.norm(a))))
        };
        // (Or by the rest of the article: `Dorie Greenspan` is a person's
        // name when `Greenspan` stands alone elsewhere as one does.)
        let full = (b - a >= 2 && (given.is_some() || after_title || self.lone.has(doc, b - 1))
            || by_context())
            && !place()
            && !looks_like_org(doc, a, b);
        if let Some(pos) = self.first_by_key(EntityKind::Person, &key) {
            let text = doc.span_text(a, b);
            if !(full && other_given_name(&self.entities[pos].name, text)) {
                if full
                    && text.len() > self.entities[pos].name.len()
                    && self.entities[pos].entry.is_none()
                {
                    self.entities[pos].name = one_line(text);
                }
                return Some(pos);
            }
            // `Michael Greenspan` after `Dorie Greenspan`: another person
            // of the same surname (a relative, as a rule). The bare surname
            // stays with the first, as news writing has it; this one is
            // found again by its full name.
            if let Some(other) = self
                .entities
                .iter()
                .position(|e| e.kind == EntityKind::Person && e.name == text)
            {
                return Some(other);
            }
        } else if !full {
            return None;
        }
        self.push_entity(Entity {
            name: one_line(doc.span_text(a, b)),
            entry: None,
            kind: EntityKind::Person,
            gender: given.flatten(),
            plural: false,
            roles: Vec::new(),
            modifiers: Vec::new(),
            key: key.into_owned(),
        });
        Some(self.entities.len() - 1)
    }

    /// An organisation entity for the capitalised run `a..b`, if it names
    /// one (found again by its full name).
    fn org_entity(&mut self, doc: &Doc<'_>, a: usize, b: usize) -> Option<usize> {
        // (`U.S.` is written as an acronym is, but names a place.)
        let org = looks_like_org(doc, a, b) || org_apposition(doc, a, b);
        let acronym_place = b - a == 1 && doc.tok(a).all_caps && doc.is_place(a, b);
        if !org || is_news_agency(doc, a, b) || acronym_place {
            return None;
        }
        Some(self.push_org(doc, a, b))
    }

    /// The organisation entity named by the run `a..b`: found again by its
    /// full name, or a new one.
    fn push_org(&mut self, doc: &Doc<'_>, a: usize, b: usize) -> usize {
        let text = doc.span_text(a, b);
        let wrapped = text.contains('\n');
        let mut key = lowercase(text);
        if wrapped {
            key = one_line(&key);
        }
        if let Some(pos) = self.first_by_key(EntityKind::Organisation, &key) {
            return pos;
        }
        // `the Bank` after `the Bank of England`, `the Commission` after
        // `the Securities and Exchange Commission`: one word of a longer
        // organisation's name, its first or its last, stands for it.
        if b - a == 1 && a > 0 && doc.norm(a - 1) == "the" && !doc.tok(a).all_caps {
            let short = key.as_str();
            if let Some(pos) = self.entities.iter().rposition(|e| {
                e.kind == EntityKind::Organisation && {
                    let mut words = e.key.split(' ').filter(|w| *w != "the");
                    let first = words.next();
                    let last = words.next_back();
                    last.is_some() && (first == Some(short) || last == Some(short))
                }
            }) {
                return pos;
            }
        }
        // An acronym spelled out earlier goes by its full name (`IRCC`).
        let name = (b - a == 1 && doc.tok(a).all_caps)
            .then(|| expand_acronym(doc, &mut self.capitals, doc.surface(a), a))
            .flatten()
            .unwrap_or_else(|| {
                if wrapped {
                    one_line(text)
                } else {
                    text.to_string()
                }
            });
        self.push_entity(Entity {
            name,
            entry: None,
            kind: EntityKind::Organisation,
            gender: None,
            plural: false,
            roles: Vec::new(),
            modifiers: Vec::new(),
            key,
        });
        self.entities.len() - 1
    }

    /// A group named by a capitalised plural after `the` (`the
    /// Conservatives`, `the Liberals`): what `they` may refer to.
    fn group_entity(&mut self, doc: &Doc<'_>, a: usize, b: usize) -> Option<usize> {
        let w = doc.norm(a);
        if b - a != 1
            || a == 0
            || doc.norm(a - 1) != "the"
            || !w.ends_with('s')
            || w.ends_with("ss")
        {
            return None;
        }
        let key = w.to_string();
        if let Some(pos) = self.first_by_key(EntityKind::Group, &key) {
            return Some(pos);
        }
        self.push_entity(Entity {
            name: one_line(doc.span_text(a, b)),
            entry: None,
            kind: EntityKind::Group,
            gender: None,
            plural: true,
            roles: Vec::new(),
            modifiers: Vec::new(),
            key,
        });
        Some(self.entities.len() - 1)
    }

    /// The person a name refers to: the most recently referred person with
    /// this last name, or (a single word) this first name (`Mahathir` for
    /// Mahathir Mohamad, `Jordan` for Jordan Stewart). A bare surname
    /// that two people of different given names share is the first one's,
    /// as in [`name_entity`] (`Greenspan` after `her husband Michael
    /// Greenspan` is still Dorie). (In cased text only: in lowercase text
    /// a full name may be known only where it is written a second time,
    /// so which of the two came first is not known.)
    ///
    /// [`name_entity`]: Tracker::name_entity
    fn person_by_name(&self, doc: &Doc<'_>, r: Range<usize>, at: usize) -> Option<usize> {
        let key = name_key(doc.norm(r.end - 1));
        let single = r.len() == 1;
        let e = self.entities.len();
        let found = self
            .before(at)
            .map(|x| x.entity)
            .chain(e.saturating_sub(LOOKBACK)..e)
            .find(|&e| {
                let ent = &self.entities[e];
                if ent.kind != EntityKind::Person {
                    return false;
                }
                if ent.key == key {
                    return single || first_name_agrees(&ent.name, doc.norm(r.start));
                }
                single
                    && ent
                        .name
                        .split_whitespace()
                        .next()
                        .is_some_and(|f| f.eq_ignore_ascii_case(doc.norm(r.start)))
            })?;
        if single && doc.casing == Casing::Cased && self.entities[found].key == key {
            if let Some(first) = self.first_by_key(EntityKind::Person, &key) {
                if other_given_name(&self.entities[first].name, &self.entities[found].name) {
                    return Some(first);
                }
            }
        }
        Some(found)
    }

    /// Whether an entity may be an organisation: it is one, or it is a
    /// single capitalised word never written as a person's full name
    /// (`Volkswagen said`).
    fn maybe_organisation(&self, ent: usize) -> bool {
        let e = &self.entities[ent];
        e.kind == EntityKind::Organisation
            || (e.kind == EntityKind::Person
                && e.entry.is_none()
                && e.gender.is_none()
                && e.roles.is_empty()
                && !e.name.contains(' '))
    }

    /// The nearest person: a speaker of the last three sentences, else the
    /// nearest person referred to in the last three paragraphs.
    fn nearest_person(&self, at: usize, doc: &Doc<'_>) -> Option<usize> {
        let sentence = doc.sentence_of[at] as usize;
        let paragraph = doc.sentence(at).paragraph;
        let person = |r: &&Ref| {
            self.entities[r.entity].kind == EntityKind::Person && !self.entities[r.entity].plural
        };
        let before = || self.before(at);
        before()
            .take_while(|r| sentence.saturating_sub(doc.sentence_of[r.token] as usize) <= 3)
            .filter(person)
            .find(|r| r.speaker)
            .or_else(|| {
                before()
                    .take_while(|r| paragraph.saturating_sub(doc.sentence(r.token).paragraph) <= 1)
                    .find(person)
            })
            .map(|r| r.entity)
            // Further back: the person the article is most about so far.
            .or_else(|| self.most_referred(at, |e| e.kind == EntityKind::Person && !e.plural))
    }

    /// Of the entities `fits` referred to before `at`, the one referred to
    /// most (of two, the one referred to later): whom the article is most
    /// about so far.
    fn most_referred(&self, at: usize, fits: impl Fn(&Entity) -> bool) -> Option<usize> {
        let mut counts: Vec<(usize, usize, usize)> = Vec::new(); // (entity, refs, last)
        for r in self.before(at) {
            if !fits(&self.entities[r.entity]) {
                continue;
            }
            match counts.iter_mut().find(|c| c.0 == r.entity) {
                Some(c) => c.1 += 1,
                None => counts.push((r.entity, 1, r.token)),
            }
        }
        counts.iter().max_by_key(|c| (c.1, c.2)).map(|c| c.0)
    }

    /// Records titles before (and an apposition after) a name at `a..b`.
    fn describe(&mut self, doc: &Doc<'_>, ent: usize, a: usize, b: usize) {
        if self.entities[ent].kind != EntityKind::Person {
            return;
        }
        // Titles and their modifiers: `Syrian President`, `Sen.`, `Kremlin spokesman`.
        let mut k = a;
        let mut seen_title = false;
        while k > 0 && a - k < 6 {
            let p = k - 1;
            let Some(w) = doc.info(p) else {
                // `Syrian President`, and in lowercase text `syrian president`.
                let describing = doc.capitalised(p)
                    || (doc.casing == Casing::Uncased && doc.function(p).is_none());
                if doc.is_word(p) && describing && seen_title {
                    self.entities[ent].modifiers.push(doc.norm(p).to_string());
                    k -= 1;
                    continue;
                }
                // Gazetteer mentions (NORP, ORG) before a title describe it too.
                if seen_title && doc.mention_at(p).is_some() {
                    self.entities[ent].modifiers.push(doc.norm(p).to_string());
                    k -= 1;
                    continue;
                }
                break;
            };
            if let Some(r) = w.role {
                if !self.entities[ent].roles.contains(&r) {
                    self.entities[ent].roles.push(r);
                }
                if let Some(g) = doc.lexicon.role(r).gender {
                    self.entities[ent].gender.get_or_insert(g);
                }
                seen_title = true;
                k -= 1;
                continue;
            }
            if seen_title
                && (doc.capitalised(p) || doc.mention_at(p).is_some())
                && w.function.is_none()
            {
                self.entities[ent].modifiers.push(doc.norm(p).to_string());
                k -= 1;
                continue;
            }
            break;
        }
        // An apposition: `Linda Lamoureux, executive chairwoman of ...`.
        if doc.kind(b) == Some(Kind::Comma) {
            for q in b + 1..(b + 6).min(doc.len()) {
                if matches!(doc.kind(q), Some(Kind::Comma | Kind::End)) {
                    break;
                }
                if let Some(r) = doc.info(q).and_then(|w| w.role) {
                    if !self.entities[ent].roles.contains(&r) {
                        self.entities[ent].roles.push(r);
                    }
                    if let Some(g) = doc.lexicon.role(r).gender {
                        self.entities[ent].gender.get_or_insert(g);
                    }
                    break;
                }
            }
        }
    }

    /// The entity a speaker phrase refers to, made if needed, and adds the
    /// reference at `token` as a speaker.
    pub fn resolve(
        &mut self,
        doc: &Doc<'_>,
        phrase: &SpeakerPhrase,
        entries: &[Option<(u32, &crate::gazetteer::Entry)>],
    ) -> Resolved {
        let at = phrase.head_range.start;
        let resolved = match &phrase.head {
            Head::Pronoun(p) => self.resolve_pronoun(*p, at, doc),
            Head::Mention(m) => match entries.get(*m).copied().flatten() {
                Some((idx, entry)) => {
                    let ent = self.entity_for_entry(idx, entry, doc, phrase.head_range.clone());
                    Resolved {
                        entity: Some(ent),
                        certainty: 1.0,
                    }
                }
                None => self.descriptor(doc, phrase),
            },
            Head::Name(r)
                if looks_like_org(doc, r.start, r.end)
                    && self.person_by_name(doc, r.clone(), at).is_none() =>
            {
                match self.org_entity(doc, r.start, r.end) {
                    Some(ent) => Resolved {
                        entity: Some(ent),
                        certainty: 0.9,
                    },
                    None => self.descriptor(doc, phrase),
                }
            }
            Head::Name(r)
                if doc.is_place(r.start, r.end)
                    && self.person_by_name(doc, r.clone(), at).is_none() =>
            {
                self.descriptor(doc, phrase)
            }
            Head::Name(r) => {
                let key = name_key(doc.norm(r.end - 1));
                let single = r.len() == 1;
                match self.person_by_name(doc, r.clone(), at) {
                    Some(pos) => Resolved {
                        entity: Some(pos),
                        certainty: 0.95,
                    },
                    None => {
                        // An acronym spelled out earlier (`IRCC`).
                        let acronym = single && doc.tok(r.start).all_caps;
                        let expansion = if acronym {
                            expand_acronym(doc, &mut self.capitals, doc.surface(r.start), r.start)
                        } else {
                            None
                        };
                        let (name, kind) = match expansion {
                            Some(full) => (full, EntityKind::Organisation),
                            None => (one_line(doc.span_text(r.start, r.end)), EntityKind::Person),
                        };
                        if let Some(pos) = self
                            .entities
                            .iter()
                            .position(|e| e.kind == kind && e.name == name)
                        {
                            return self.finish(
                                doc,
                                phrase,
                                Resolved {
                                    entity: Some(pos),
                                    certainty: 0.9,
                                },
                                at,
                            );
                        }
                        self.push_entity(Entity {
                            name,
                            entry: None,
                            kind,
                            gender: doc.info(r.start).and_then(|w| w.given).flatten(),
                            plural: false,
                            roles: phrase.titles.clone(),
                            modifiers: phrase.modifiers.clone(),
                            key: key.into_owned(),
                        });
                        Resolved {
                            entity: Some(self.entities.len() - 1),
                            certainty: 0.9,
                        }
                    }
                }
            }
            Head::Role { role, plural } => self.resolve_role(doc, phrase, *role, *plural, at),
            Head::Other => {
                // `the affable proprietor said`: a definite description of
                // someone the article already named.
                let first = phrase.range.start;
                let last = phrase.range.end - 1;
                // A plural (`the senders`) is not one person.
                let plural = {
                    let w = doc.norm(last);
                    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")
                };
                let definite = doc.norm(first) == "the" && phrase.range.len() <= 5 && !plural;
                let document =
                    DOCUMENT_NOUNS.contains(&doc.norm(last)) || not_a_person(doc.norm(last));
                match (definite && !document)
                    .then(|| self.nearest_person(at, doc))
                    .flatten()
                    .or_else(|| {
                        (!plural && !document)
                            .then(|| self.named_next(doc, at))
                            .flatten()
                    }) {
                    Some(ent) => Resolved {
                        entity: Some(ent),
                        certainty: 0.7,
                    },
                    None => self.descriptor(doc, phrase),
                }
            }
        };
        self.finish(doc, phrase, resolved, at)
    }

    /// Records what an attribution tells about its speaker's entity and
    /// the reference at `at`; returns `resolved`.
    fn finish(
        &mut self,
        doc: &Doc<'_>,
        phrase: &SpeakerPhrase,
        resolved: Resolved,
        at: usize,
    ) -> Resolved {
        if let Some(ent) = resolved.entity {
            // Appositions of a speaker describe it (`Hill, a doctor, said`).
            if let Some(app) = &phrase.apposition {
                if let Some(r) = (app.start..app.end).find_map(|k| doc.info(k).and_then(|w| w.role))
                {
                    if !self.entities[ent].roles.contains(&r) {
                        self.entities[ent].roles.push(r);
                    }
                }
            }
            self.push_ref(Ref {
                token: at,
                entity: ent,
                speaker: true,
            });
        }
        resolved
    }

    fn resolve_pronoun(&mut self, p: Pronoun, at: usize, doc: &Doc<'_>) -> Resolved {
        let want = match p {
            Pronoun::He => Some(Gender::Male),
            Pronoun::She => Some(Gender::Female),
            _ => None,
        };
        let sentence = doc.sentence_of[at] as usize;
        let paragraph = doc.sentence(at).paragraph;
        let fits = |e: &Entity| {
            let kind_ok = match p {
                Pronoun::He | Pronoun::She => e.kind == EntityKind::Person && !e.plural,
                Pronoun::They => {
                    e.plural || matches!(e.kind, EntityKind::Organisation | EntityKind::Group)
                }
                Pronoun::It => {
                    matches!(
                        e.kind,
                        EntityKind::Organisation | EntityKind::Place | EntityKind::Descriptor
                    ) && !e.plural
                }
                _ => false,
            };
            let gender_ok = match (want, e.gender) {
                (Some(w), Some(g)) => w == g,
                _ => true,
            };
            kind_ok && gender_ok
        };
        // `he said` usually goes on with the last speaker: a compatible
        // speaker in the last three sentences wins.
        if let Some(r) = refs_before(&self.refs, at)
            .take_while(|r| sentence.saturating_sub(doc.sentence_of[r.token] as usize) <= 3)
            .find(|r| r.speaker && fits(&self.entities[r.entity]))
        {
            // Unless the topic moved on: a later paragraph opens with another
            // person as its subject (`Myers also cited an idea …` after
            // Danison's quote), and `he said` is that person.
            // So is a person first named in the sentence before, after the
            // last speaker's (`… also produced results for accountant
            // Babatunji Farinloye, 50. “I had a membership,” he says.`).
            let (speaker_at, speaker_paragraph) = (r.token, doc.sentence(r.token).paragraph);
            let introduced = |x: &Ref| {
                doc.sentence_of[x.token] as usize + 1 >= sentence
                    && self.first_ref.get(x.entity).is_some_and(|&f| f >= x.token)
            };
            let shifted = refs_before(&self.refs, at)
                .take_while(|x| x.token > speaker_at)
                .find(|x| {
                    !x.speaker
                        && x.entity != r.entity
                        && fits(&self.entities[x.entity])
                        && ((doc.sentence(x.token).paragraph > speaker_paragraph
                            && opens_as_subject(doc, x.token))
                            || (doc.sentence_of[x.token] > doc.sentence_of[speaker_at]
                                && introduced(x)))
                })
                .map(|x| self.salient(doc, x, &fits, Some(speaker_at)));
            let ent = shifted.unwrap_or(r.entity);
            if let Some(w) = want {
                self.entities[ent].gender.get_or_insert(w);
            }
            return Resolved {
                entity: Some(ent),
                certainty: 0.9,
            };
        }
        let mut fallback: Option<usize> = None;
        for r in refs_before(&self.refs, at) {
            let e = &self.entities[r.entity];
            // Look no further back than three paragraphs.
            if paragraph.saturating_sub(doc.sentence(r.token).paragraph) > 3 {
                break;
            }
            if !fits(e) {
                continue;
            }
            let exact = want.is_some() && e.gender == want;
            // The nearest compatible entity in this or the previous
            // sentence wins; further back, one of the right gender.
            let near = sentence.saturating_sub(doc.sentence_of[r.token] as usize) <= 1;
            if near || exact || want.is_none() {
                let ent = self.salient(doc, r, &fits, None);
                if let Some(w) = want {
                    self.entities[ent].gender.get_or_insert(w);
                }
                return Resolved {
                    entity: Some(ent),
                    certainty: if exact || near { 0.9 } else { 0.75 },
                };
            }
            if fallback.is_none() {
                fallback = Some(self.salient(doc, r, &fits, None));
            }
        }
        match fallback {
            Some(ent) => {
                if let Some(w) = want {
                    self.entities[ent].gender.get_or_insert(w);
                }
                Resolved {
                    entity: Some(ent),
                    certainty: 0.7,
                }
            }
            None => {
                // `…, a company spokesman said. He said …`: with no named
                // person near, a person described by a role who spoke in this
                // sentence or the two before.
                let described = |e: &Entity| {
                    e.kind == EntityKind::Descriptor
                        && !e.plural
                        && e.roles
                            .first()
                            .is_some_and(|&role| !doc.lexicon.role(role).class.is_a_body())
                };
                if want.is_some() {
                    if let Some(r) = refs_before(&self.refs, at)
                        .take_while(|r| {
                            sentence.saturating_sub(doc.sentence_of[r.token] as usize) <= 2
                        })
                        .find(|r| r.speaker && described(&self.entities[r.entity]))
                    {
                        return Resolved {
                            entity: Some(r.entity),
                            certainty: 0.6,
                        };
                    }
                }
                // Further back: the person of this gender the article is
                // most about so far (the most references; of two, the later),
                // not merely the last one quoted: `she urged police` four
                // paragraphs after the mother of the story was last named
                // is the mother, not an expert quoted once in between.
                let entity = want.and_then(|_| {
                    self.most_referred(at, |e| {
                        e.kind == EntityKind::Person && !e.plural && e.gender == want
                    })
                });
                Resolved {
                    entity,
                    certainty: 0.5,
                }
            }
        }
    }

    /// The entity a pronoun takes up when `r` is the nearest that fits: unless
    /// `r` is a subject, a possessor (`Kim's schedule`), the object of a
    /// preposition (`books with Julia Child`) or any other non-subject (`met
    /// Bashar al-Assad`) gives way to a subject that fits in its sentence or
    /// the one before (`Even though Greenspan has co-authored books with …
    /// Julia Child, she maintains …`), referred to after token `after` if
    /// given.
    fn salient(
        &self,
        doc: &Doc<'_>,
        r: &Ref,
        fits: &impl Fn(&Entity) -> bool,
        after: Option<usize>,
    ) -> usize {
        if position(doc, r.token) == Position::Subject {
            return r.entity;
        }
        let sentence = doc.sentence_of[r.token] as usize;
        refs_before(&self.refs, r.token)
            .take_while(|x| {
                after.is_none_or(|a| x.token > a)
                    && doc.sentence_of[x.token] as usize + 1 >= sentence
            })
            .find(|x| {
                x.entity != r.entity
                    && fits(&self.entities[x.entity])
                    && position(doc, x.token) == Position::Subject
            })
            .map_or(r.entity, |x| x.entity)
    }

    fn resolve_role(
        &mut self,
        doc: &Doc<'_>,
        phrase: &SpeakerPhrase,
        role: u32,
        plural: bool,
        at: usize,
    ) -> Resolved {
        let first = phrase.range.start;
        let indefinite = matches!(
            doc.norm(first),
            "a" | "an" | "one" | "another" | "some" | "several" | "two" | "three"
        );
        let class = doc.lexicon.role(role).class;
        // A role that one person holds (not an organisation's, the police's
        // or the military's, and not `source`).
        let held_by_a_person = !class.is_a_body() && doc.lexicon.role(role).label != "source";
        let definite = matches!(doc.norm(first), "the" | "this" | "that");
        if !indefinite && !plural {
            // `the commission`, `the utility`: the nearest organisation whose
            // name has the word, else an organisation that spoke in the last
            // five sentences; with other describing words (`city staff`)
            // the phrase stands for itself.
            if class == RoleClass::Organisation {
                let word = doc.norm(phrase.head_range.start).to_string();
                let sentence = doc.sentence_of[at] as usize;
                let named = self.before(at).find(|r| {
                    let e = &self.entities[r.entity];
                    e.kind == EntityKind::Organisation
                        && e.name.to_lowercase().split_whitespace().any(|w| w == word)
                });
                let spoke = || {
                    self.before(at)
                        .take_while(|r| {
                            sentence.saturating_sub(doc.sentence_of[r.token] as usize) <= 5
                        })
                        .find(|r| r.speaker && self.maybe_organisation(r.entity))
                };
                // `No study was done by TransLink. The agency told CTV …`:
                // a definite bare noun also takes an organisation named in
                // this sentence or the two before, spoken or not.
                let mentioned = || {
                    self.before(at)
                        .take_while(|r| {
                            sentence.saturating_sub(doc.sentence_of[r.token] as usize) <= 2
                        })
                        .find(|r| self.maybe_organisation(r.entity))
                };
                let bare = phrase.modifiers.is_empty();
                let found = named
                    .or_else(|| if bare { spoke() } else { None })
                    .or_else(|| if bare && definite { mentioned() } else { None });
                if let Some(r) = found {
                    return Resolved {
                        entity: Some(r.entity),
                        certainty: 0.75,
                    };
                }
                return self.descriptor(doc, phrase);
            }
            // `the senator`, `the Syrian leader`: the nearest entity with a
            // matching role (a leader-class title for `leader`) and every
            // describing word.
            let label = &doc.lexicon.role(role).label;
            let mods: Vec<&String> = phrase.modifiers.iter().collect();
            let found = self.before(at).find(|r| {
                let e = &self.entities[r.entity];
                let role_fits = e.roles.iter().any(|&er| {
                    er == role
                        || doc.lexicon.role(er).label == *label
                        || (label == "leader" && doc.lexicon.role(er).class == RoleClass::Leader)
                }) || (e.kind == EntityKind::Descriptor && e.key == *label);
                role_fits && mods.iter().all(|m| e.modifiers.contains(m))
            });
            if let Some(r) = found {
                return Resolved {
                    entity: Some(r.entity),
                    certainty: 0.85,
                };
            }
            // `the mayor said` of a `mayoral candidate` named earlier: a
            // definite person role with no match goes to the nearest person.
            let personal =
                held_by_a_person && !matches!(class, RoleClass::Spokesperson | RoleClass::Official);
            if definite && personal {
                if let Some(ent) = self.nearest_person(at, doc) {
                    return Resolved {
                        entity: Some(ent),
                        certainty: 0.7,
                    };
                }
            }
            if definite && mods.is_empty() {
                // `the source said` after `a source in Netanyahu's office`.
                if let Some(pos) = self
                    .entities
                    .iter()
                    .rposition(|e| e.kind == EntityKind::Descriptor && e.key == *label)
                {
                    return Resolved {
                        entity: Some(pos),
                        certainty: 0.8,
                    };
                }
            }
        }
        // `A Vancouver hockey coach says …` then `Stephen Gillis said …`.
        if held_by_a_person && !plural {
            if let Some(ent) = self.named_next(doc, at) {
                return Resolved {
                    entity: Some(ent),
                    certainty: 0.7,
                };
            }
        }
        self.descriptor(doc, phrase)
    }

    /// The person a description at `at` that refers to no one named before
    /// introduces, as a news lede does: the next sentence opens with a full
    /// name written there for the first time (`A Vancouver peewee hockey
    /// coach says he's "amazed" … Stephen Gillis said the video …`, `One
    /// former director indicated … Joseph Manzoli told the Globe …`).
    fn named_next(&self, doc: &Doc<'_>, at: usize) -> Option<usize> {
        let s = *doc.sentence_of.get(at)? as usize;
        let (this, next) = (doc.sentences.get(s)?, doc.sentences.get(s + 1)?);
        if next.paragraph > this.paragraph + 1 {
            return None;
        }
        let start = next.start;
        self.refs
            .range((start, 0)..(start + 1, 0))
            .map(|(_, r)| r.entity)
            .find(|&e| {
                let ent = &self.entities[e];
                ent.kind == EntityKind::Person
                    && ent.name.split_whitespace().nth(1).is_some()
                    && self.first_ref.get(e) == Some(&start)
            })
    }

    /// A descriptor entity named by the phrase itself.
    fn descriptor(&mut self, doc: &Doc<'_>, phrase: &SpeakerPhrase) -> Resolved {
        let text = one_line(doc.span_text(phrase.range.start, phrase.range.end));
        let key = match &phrase.head {
            Head::Role { role, .. } => doc.lexicon.role(*role).label.clone(),
            _ => text.to_lowercase(),
        };
        let plural = matches!(phrase.head, Head::Role { plural: true, .. });
        if let Some(pos) = self
            .entities
            .iter()
            .position(|e| e.kind == EntityKind::Descriptor && e.name.eq_ignore_ascii_case(&text))
        {
            return Resolved {
                entity: Some(pos),
                certainty: 0.8,
            };
        }
        self.push_entity(Entity {
            name: text,
            entry: None,
            kind: EntityKind::Descriptor,
            gender: None,
            plural,
            roles: match &phrase.head {
                Head::Role { role, .. } => vec![*role],
                _ => Vec::new(),
            },
            modifiers: phrase.modifiers.clone(),
            key,
        });
        Resolved {
            entity: Some(self.entities.len() - 1),
            certainty: 0.8,
        }
    }
}

/// A candidate speaker for a phrase: an entity of the document, or the
/// phrase itself as a new description (`entity: None`), with where it
/// stands before the phrase.
#[derive(Clone, Debug, Default)]
pub struct SpeakerCandidate {
    pub entity: Option<usize>,
    /// The rules' own resolution.
    pub rule_choice: bool,
    /// Order of its latest reference before the phrase (0: the latest).
    pub rank: usize,
    /// Sentences and paragraphs since its latest reference.
    pub sentences: usize,
    pub paragraphs: usize,
    /// References to it before the phrase (within the look-back).
    pub refs: usize,
    /// Order among the speakers before the phrase (0: the last speaker).
    pub speaker_rank: Option<usize>,
    /// Sentences since it last spoke.
    pub spoke_sentences: usize,
    /// Referred to earlier in the phrase's sentence.
    pub same_sentence: bool,
    /// Its latest reference opens a sentence.
    pub subject: bool,
    /// Its latest reference stands inside quotation marks.
    pub in_quote: bool,
    /// Where its latest reference stands in its clause.
    pub position: Position,
}

/// Where a reference stands in its clause. A subject is likelier to be
/// taken up by a later `he` or `she` than a possessor (`Kim's schedule`) or
/// the object of a preposition (`books with … Julia Child`, `from Zehaf
/// Bibeau`): the salience order of pronoun resolution since Lappin and
/// Leass. The speaker model learns how much each counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Position {
    /// Opens its clause and a verb follows (`Even though Greenspan has …`).
    Subject,
    /// Written with a possessive (`Kim's`).
    Possessive,
    /// After a preposition, over a determiner and describing words (`with
    /// the legendary Julia Child`).
    Oblique,
    #[default]
    Other,
}

/// Where the reference at token `i` stands: see [`Position`].
pub fn position(doc: &Doc<'_>, i: usize) -> Position {
    let n = doc.len();
    let end = match doc.mention_at(i) {
        Some(m) => (i..n).find(|&k| doc.mention_at(k) != Some(m)).unwrap_or(n),
        // (Past the capitalised words: only a possessive after them counts.)
        None if doc.casing == Casing::Cased => (i + 1..n)
            .find(|&k| !(doc.is_word(k) && doc.capitalised(k)))
            .unwrap_or(n),
        // (In lowercase text, past the words that read as a name's:
        // `bashar al-assad in moscow`.)
        None => (i + 1..n.min(i + 4))
            .find(|&k| !super::speakers::lowercase_name_word(doc, k))
            .unwrap_or(n.min(i + 4)),
    };
    if doc.kind(end) == Some(Kind::Possessive) {
        return Position::Possessive;
    }
    // Back over titles, role words and capitalised words, at most three
    // other lowercase words and a determiner.
    let start = doc.sentence(i).start;
    let (mut k, mut lower) = (i, 0);
    while k > start && i - k < 8 {
        let w = k - 1;
        if !doc.is_word(w) {
            break;
        }
        match doc.function(w) {
            Some(Function::Preposition) => return Position::Oblique,
            Some(Function::Determiner) => k = w,
            None if doc.capitalised(w)
                || is_title(doc, w)
                || doc.info(w).is_some_and(|x| x.role.is_some()) =>
            {
                k = w
            }
            None | Some(Function::Adverb) if lower < 3 => {
                lower += 1;
                k = w;
            }
            _ => break,
        }
    }
    let opens = k == start
        || matches!(doc.kind(k - 1), Some(Kind::Comma))
        || matches!(
            doc.function(k - 1),
            Some(Function::Subordinator | Function::Conjunction)
        );
    let verb_next = doc.is_word(end)
        && !doc.capitalised(end)
        && matches!(
            doc.function(end),
            None | Some(Function::Adverb | Function::Auxiliary | Function::Negation)
        );
    if opens && verb_next {
        Position::Subject
    } else {
        Position::Other
    }
}

/// At most this many entities, besides the rules' choice and the phrase
/// itself, are candidates for a speaker.
const MAX_CANDIDATES: usize = 6;
/// References looked at for candidates and their statistics.
const CANDIDATE_LOOKBACK: usize = 300;

impl Tracker {
    /// The candidate speakers for a phrase at token `at`: the rules' choice,
    /// the latest entities referred to in the last four paragraphs, the two
    /// latest speakers, and the phrase itself.
    pub fn speaker_candidates(
        &self,
        doc: &Doc<'_>,
        at: usize,
        rule_choice: Option<usize>,
    ) -> Vec<SpeakerCandidate> {
        let sentence = doc.sentence_of[at.min(doc.len().saturating_sub(1))] as usize;
        let paragraph = doc.sentence(at).paragraph;
        // (Room for the usual few: no growing.)
        let mut out: Vec<SpeakerCandidate> = Vec::with_capacity(16);
        let mut speakers = 0usize;
        for r in self.before(at).take(CANDIDATE_LOOKBACK) {
            let rs = doc.sentence_of[r.token] as usize;
            let rp = doc.sentence(r.token).paragraph;
            let pos = out.iter().position(|c| c.entity == Some(r.entity));
            let c = match pos {
                Some(p) => &mut out[p],
                None => {
                    let near = paragraph.saturating_sub(rp) <= 3 && out.len() < MAX_CANDIDATES;
                    let chosen = rule_choice == Some(r.entity);
                    if !(near || chosen || (r.speaker && speakers < 2)) {
                        continue;
                    }
                    let rank = out.len();
                    out.push(SpeakerCandidate {
                        entity: Some(r.entity),
                        rank,
                        sentences: sentence.saturating_sub(rs),
                        paragraphs: paragraph.saturating_sub(rp),
                        same_sentence: rs == sentence,
                        subject: doc.sentence(r.token).start == r.token
                            || (doc.sentence(r.token).start..r.token)
                                .all(|k| doc.capitalised(k) || doc.function(k).is_some()),
                        in_quote: doc.quote_at(r.token).is_some(),
                        position: position(doc, r.token),
                        ..SpeakerCandidate::default()
                    });
                    out.last_mut().expect("pushed")
                }
            };
            c.refs += 1;
            if r.speaker && c.speaker_rank.is_none() {
                c.speaker_rank = Some(speakers);
                c.spoke_sentences = sentence.saturating_sub(rs);
                speakers += 1;
            }
        }
        if let Some(e) = rule_choice {
            match out.iter_mut().find(|c| c.entity == Some(e)) {
                Some(c) => c.rule_choice = true,
                None => out.push(SpeakerCandidate {
                    entity: Some(e),
                    rule_choice: true,
                    rank: out.len(),
                    ..SpeakerCandidate::default()
                }),
            }
        }
        out.push(SpeakerCandidate {
            entity: None,
            rule_choice: rule_choice.is_none(),
            rank: out.len(),
            ..SpeakerCandidate::default()
        });
        out
    }

    /// Moves the speaker reference at `at` from the rules' choice to
    /// `to`, or to the phrase itself as a description (`to: None`); returns
    /// the entity now referred to.
    pub fn reassign(
        &mut self,
        doc: &Doc<'_>,
        phrase: &SpeakerPhrase,
        from: Option<usize>,
        to: Option<usize>,
    ) -> Option<usize> {
        let at = phrase.head_range.start;
        // The reference `resolve` recorded is the latest at this token.
        let key = self
            .refs
            .range((at, 0)..=(at, u32::MAX))
            .next_back()
            .map(|(k, r)| (*k, r.entity));
        let to = match to {
            Some(e) => e,
            None => self.descriptor(doc, phrase).entity?,
        };
        match key {
            Some((k, e)) if Some(e) == from => {
                if let Some(r) = self.refs.get_mut(&k) {
                    r.entity = to;
                }
            }
            _ => self.push_ref(Ref {
                token: at,
                entity: to,
                speaker: true,
            }),
        }
        Some(to)
    }

    /// Whether entity `e` was referred to before token `at`.
    pub fn referred_before(&self, e: usize, at: usize) -> bool {
        self.before(at)
            .take(CANDIDATE_LOOKBACK)
            .any(|r| r.entity == e)
    }

    /// The name a candidate would give the speaker.
    pub fn candidate_name<'d>(
        &'d self,
        doc: &'d Doc<'_>,
        phrase: &SpeakerPhrase,
        c: &SpeakerCandidate,
    ) -> &'d str {
        match c.entity {
            Some(e) => &self.entities[e].name,
            None => doc.span_text(phrase.range.start, phrase.range.end),
        }
    }
}

/// How many references back a look-up goes at most: far more than any
/// article needs, and it keeps the work per look-up bounded on long texts.
const LOOKBACK: usize = 4000;

/// Whether the name whose last token is `i` opens its sentence as its
/// subject: only capitalised words (titles, first names) before it, and a
/// lowercase word (a verb, `also`) right after it.
fn opens_as_subject(doc: &Doc<'_>, i: usize) -> bool {
    let start = doc.sentence(i).start;
    if !(start..i).all(|k| doc.is_word(k) && doc.capitalised(k)) {
        return false;
    }
    // Past the rest of the name and an apposition (`Martell, the addictions
    // doctor, is more blunt`).
    let mut j = i + 1;
    while j < doc.len() && doc.is_word(j) && doc.capitalised(j) {
        j += 1;
    }
    if doc.kind(j) == Some(Kind::Comma) {
        match (j + 1..doc.len().min(j + 16))
            .take_while(|&k| doc.kind(k) != Some(Kind::End))
            .find(|&k| doc.kind(k) == Some(Kind::Comma))
        {
            Some(k) => j = k + 1,
            None => return false,
        }
    }
    doc.is_word(j)
        && !doc.capitalised(j)
        && matches!(
            doc.function(j),
            None | Some(Function::Adverb | Function::Auxiliary)
        )
}

/// Whether a full name starting with `first` (lowercase) may be the person
/// called `name`: a full name agrees in its first word too (`Michael
/// Greenspan` is not `Dorie Greenspan`, nor `Statistics Canada`
/// `Infrastructure Canada`), or is a short form of it (`Xander` for
/// `Alexander`).
fn first_name_agrees(name: &str, first: &str) -> bool {
    name.split_whitespace().any(|w| {
        let w = w.to_lowercase();
        w == first
            || (first.len().min(w.len()) >= 4
                && (w.ends_with(first)
                    || w.starts_with(first)
                    || first.ends_with(w.as_str())
                    || first.starts_with(w.as_str())))
    })
}

/// See [`Tracker::before`].
fn refs_before(
    refs: &std::collections::BTreeMap<(usize, u32), Ref>,
    at: usize,
) -> impl Iterator<Item = &Ref> + '_ {
    refs.range(..(at, 0)).rev().take(LOOKBACK).map(|(_, r)| r)
}

impl Tracker {
    /// References before token `at`, the latest first (at most
    /// [`LOOKBACK`]).
    fn before(&self, at: usize) -> impl Iterator<Item = &Ref> + '_ {
        refs_before(&self.refs, at)
    }

    /// A reference at token `i` to `entity` outside any attribution.
    fn refer(&mut self, token: usize, entity: usize) {
        self.push_ref(Ref {
            token,
            entity,
            speaker: false,
        });
    }

    /// Records a reference; of several at one token, the latest recorded
    /// comes first in [`Tracker::before`].
    fn push_ref(&mut self, r: Ref) {
        if self.first_ref.len() <= r.entity {
            self.first_ref.resize(r.entity + 1, usize::MAX);
        }
        self.first_ref[r.entity] = self.first_ref[r.entity].min(r.token);
        self.ref_count += 1;
        self.refs.insert((r.token, self.ref_count), r);
    }
}

/// Whether the full name `new` names someone other than `known` of the
/// same surname: both begin with a given name (no initial) and the two
/// differ (`Dorie Greenspan` / `Michael Greenspan`, not `Kevin Vickers` /
/// `Kevin M. Vickers` or `K. Vickers`).
fn other_given_name(known: &str, new: &str) -> bool {
    fn given(name: &str) -> Option<&str> {
        let mut words = name.split_whitespace();
        let first = words.next()?;
        words.next()?;
        (first.chars().count() > 2 && first.chars().all(char::is_alphabetic)).then_some(first)
    }
    match (given(known), given(new)) {
        (Some(x), Some(y)) => !x.eq_ignore_ascii_case(y),
        _ => false,
    }
}

/// The key under which a name is found again: its last word, lowercase,
/// without an Arabic article (`al-Assad` and `Assad` are one name).
/// (A word already lowercase ASCII, as a token's norm most often is, is
/// its own lowercase form: no copy.)
fn name_key(last: &str) -> Cow<'_, str> {
    if last
        .bytes()
        .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
    {
        let lower = lowercase(last);
        return Cow::Owned(match without_article(&lower) {
            Some(rest) => rest.to_string(),
            None => lower,
        });
    }
    Cow::Borrowed(without_article(last).unwrap_or(last))
}

/// `text` in lowercase. (An ASCII text, most names, by the ASCII
/// conversion, which is the same on ASCII and costs less.)
fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }
}

/// A lowercase name without its Arabic article, if it has one and more.
fn without_article(last: &str) -> Option<&str> {
    // (Each article ends in a hyphen, the third or fourth byte: most names
    // have none there and are compared with none of them.)
    let b = last.as_bytes();
    if b.get(2) != Some(&b'-') && b.get(3) != Some(&b'-') {
        return None;
    }
    for p in [
        "al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ar-",
    ] {
        if let Some(rest) = last.strip_prefix(p) {
            if !rest.is_empty() {
                return Some(rest);
            }
        }
    }
    None
}

/// Words that mark a capitalised name as an organisation's.
const ORG_WORDS: &[&str] = &[
    "hydro",
    "association",
    "council",
    "department",
    "ministry",
    "agency",
    "commission",
    "union",
    "party",
    "bank",
    "group",
    "institute",
    "foundation",
    "centre",
    "center",
    "university",
    "college",
    "school",
    "hospital",
    "police",
    "service",
    "services",
    "press",
    "news",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "corp",
    "corp.",
    "corporation",
    "company",
    "co",
    "co.",
    "plc",
    "llc",
    "gmbh",
    "authority",
    "board",
    "court",
    "society",
    "network",
    "federation",
    "coalition",
    "committee",
    "office",
    "administration",
    "government",
    "club",
    "league",
    "airlines",
    "airline",
    "energy",
    "motors",
    "systems",
    "technologies",
    "labs",
    "media",
    "times",
    "post",
    "herald",
    "journal",
    "tribune",
    "action",
    "alliance",
    "trust",
    "fund",
    "capital",
    "partners",
    "holdings",
    "industries",
    "international",
    "local",
    "cbc",
    "ctv",
    "rcmp",
    "force",
    "forces",
    "army",
    "navy",
    // Company names in business news (`Red Lion Inns Limited Partnership`,
    // `Texas Eastern Petroleum`, `Salomon Brothers`).
    "partnership",
    "limited",
    "lp",
    "bancorp",
    "enterprises",
    "resources",
    "petroleum",
    "mining",
    "mines",
    "foods",
    "stores",
    "pharmaceuticals",
    "laboratories",
    "communications",
    "electric",
    "steel",
    "chemical",
    "chemicals",
    "financial",
    "securities",
    "insurance",
    "investments",
    "brothers",
    "exchange",
    "reserve",
];

/// Words that make a capitalised run a place, not a person (`Fraser
/// Highway`).
const PLACE_WORDS: &[&str] = &[
    "highway",
    "street",
    "avenue",
    "road",
    "boulevard",
    "drive",
    "park",
    "bridge",
    "river",
    "lake",
    "mountain",
    "mountains",
    "island",
    "islands",
    "county",
    "city",
    "province",
    "state",
    "station",
    "airport",
    "square",
    "building",
    "tower",
    "hall",
    "arena",
    "centre",
    "center",
    "valley",
    "bay",
    "beach",
    "coast",
    "harbour",
    "harbor",
    "falls",
    "heights",
    "hill",
    "hills",
    "township",
    "village",
    "district",
    "region",
    "territory",
    "forest",
    "canyon",
    "creek",
    "stadium",
    "field",
    "plaza",
    "mall",
    "market",
    "skytrain",
    "line",
    "route",
];

/// Nouns for documents, reports and institutions: `the study said`, `the
/// white house said` (in lowercased text) speak for themselves.
const DOCUMENT_NOUNS: &[&str] = &[
    "house",
    "kremlin",
    "pentagon",
    "elysee",
    "palace",
    "vatican",
    "ministry",
    "government",
    "administration",
    "office",
    "embassy",
    "department",
    "presidency",
    "cabinet",
    "parliament",
    "congress",
    "senate",
    "court",
    "military",
    "army",
    "council",
    "agency",
    "firm",
    "campaign",
    "team",
    "club",
    "league",
    "bank",
    "board",
    "study",
    "report",
    "post",
    "statement",
    "release",
    "letter",
    "survey",
    "poll",
    "document",
    "filing",
    "memo",
    "blog",
    "website",
    "data",
    "analysis",
    "research",
    "paper",
    "ruling",
    "decision",
    "order",
    "judgment",
    "complaint",
    "lawsuit",
    "tweet",
    "email",
    "e-mail",
    "review",
    "audit",
    "notice",
    "bulletin",
    "guidelines",
    "documents",
    "records",
    "figures",
    "numbers",
    "article",
    "story",
    "website",
    "site",
    "page",
    "video",
    "message",
    "motion",
];

/// Nouns for texts and things that speak for themselves (`the indictment
/// said`, `the bill summary says`, `the newspaper reported`), beside
/// [`DOCUMENT_NOUNS`], and nouns with the endings of abstract nouns (`-ment`,
/// `-tion`, `-ness`, …): no description of a person.
fn not_a_person(w: &str) -> bool {
    const NOUNS: &[&str] = &[
        "summary",
        "newspaper",
        "magazine",
        "paper",
        "indictment",
        "affidavit",
        "petition",
        "transcript",
        "verdict",
        "warrant",
        "manifesto",
        "budget",
        "bill",
        "law",
        "act",
        "legislation",
        "regulation",
        "policy",
        "proposal",
        "plan",
        "agreement",
        "contract",
        "treaty",
        "brief",
        "editorial",
        "column",
        "broadcast",
        "program",
        "programme",
        "ad",
        "advertisement",
        "network",
        "channel",
        "station",
        "book",
        "film",
        "documentary",
        "note",
        "card",
        "sign",
        "banner",
        "headline",
        "index",
        "model",
        "forecast",
        "chart",
    ];
    const ENDINGS: &[&str] = &[
        "ment", "tion", "sion", "ness", "ity", "ance", "ence", "ism", "ship", "hood", "ogy",
    ];
    NOUNS.contains(&w) || (w.len() > 5 && ENDINGS.iter().any(|e| w.ends_with(e)))
}

/// Whether `w` is one of [`ORG_WORDS`] (a [`WordSet`]: the run of every
/// capitalised word is tested).
#[inline]
pub(crate) fn is_org_word(w: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(ORG_WORDS.iter().copied()))
        .contains(w)
}

/// Whether `w` is one of [`PLACE_WORDS`].
fn is_place_word(w: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(PLACE_WORDS.iter().copied()))
        .contains(w)
}

/// Whether the capitalised run `a..b` names an organisation: it has an
/// all-capitals word (`RCMP`, `UFCW`) or an organisation word (`BC Hydro`,
/// `Cloverdale Minor Hockey Association`).
fn looks_like_org(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    (a..b).any(|k| {
        let t = doc.tok(k);
        let acronym = t.all_caps
            && t.kind == Kind::Word
            && doc.casing == Casing::Cased
            && !crate::gazetteer::words::is_english_word(doc.norm(k))
            && !is_ticker(doc.norm(k));
        acronym || is_org_word(doc.norm(k)) || camel_case(doc.surface(k))
    })
}

/// In lowercase text, the end of an organisation's name starting at `i`:
/// one to three words that are no ordinary English words, that an
/// apposition calls an organisation (`rally canada , the group that …`) or
/// that an organisation's role noun introduces (`media buying company
/// groupm`, `transit agency translink`).
fn lowercase_org_end(doc: &Doc<'_>, i: usize, words: &mut NameWords) -> Option<usize> {
    if !words.get(doc, i) || (i > 0 && words.get(doc, i - 1)) {
        return None;
    }
    let mut e = i + 1;
    while e < doc.len() && e < i + 3 && words.get(doc, e) {
        e += 1;
    }
    let introduced = i > 0 && org_noun(doc, i - 1);
    ((introduced || org_apposition(doc, i, e)) && !doc.is_place(i, e)).then_some(e)
}

/// Whether token `k` is an organisation's role noun (`group`, `company`).
fn org_noun(doc: &Doc<'_>, k: usize) -> bool {
    doc.info(k)
        .and_then(|w| w.role)
        .is_some_and(|r| doc.lexicon.role(r).class == RoleClass::Organisation)
}

/// Whether an apposition after the capitalised run `a..b` says it names an
/// organisation: `Rally Canada, the group that organized …`, `Dixon Hall,
/// a non-profit agency,` (a determiner, up to three describing words, an
/// organisation's role noun, then a comma, a relative pronoun or a
/// preposition). Not a fronted adverbial before the subject (`In November,
/// the province proposed`).
fn org_apposition(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    if doc.kind(b) != Some(Kind::Comma)
        || !matches!(doc.norm(b + 1), "the" | "a" | "an")
        || (a > 0 && doc.function(a - 1) == Some(Function::Preposition))
        || doc.function(a) == Some(Function::Day)
    {
        return false;
    }
    let Some(k) = (b + 2..(b + 6).min(doc.len()))
        .take_while(|&k| doc.is_word(k) && doc.function(k).is_none())
        .find(|&k| org_noun(doc, k))
    else {
        return false;
    };
    doc.kind(k + 1) == Some(Kind::Comma)
        || matches!(
            doc.function(k + 1),
            Some(Function::Subordinator | Function::Preposition)
        )
}

/// Whether a word is a stock ticker with its exchange (`hmc.t`, `aapl.o`).
fn is_ticker(norm: &str) -> bool {
    norm.rsplit_once('.')
        .is_some_and(|(code, exchange)| code.len() >= 2 && (1..=2).contains(&exchange.len()))
}

/// A word with a capital inside after a lowercase letter, as brand and
/// company names are written (`TransLink`, `GroupM`, `PayPal`, `WestJet`),
/// not a surname with a particle (`McCallum`, `MacDonald`, `LeBlanc`,
/// `DiCaprio`, `DeSantis`, `VanderZalm`).
fn camel_case(word: &str) -> bool {
    let b = word.as_bytes();
    let Some(k) =
        (1..b.len()).find(|&k| b[k].is_ascii_uppercase() && b[k - 1].is_ascii_lowercase())
    else {
        return false;
    };
    if !b[0].is_ascii_uppercase() {
        return false;
    }
    let prefix = word[..k].to_ascii_lowercase();
    !matches!(
        prefix.as_str(),
        "mc" | "mac" | "de" | "di" | "da" | "du" | "le" | "la" | "van" | "von" | "vander" | "st"
    )
}

/// The capitalised words before token `before` whose initials spell
/// `acronym` (`IRCC`: Immigration, Refugees and Citizenship Canada), joined
/// as written.
///
/// `capitals` are the document's capitalised words read so far
/// ([`Capitals`]).
fn expand_acronym(
    doc: &Doc<'_>,
    capitals: &mut Capitals,
    acronym: &str,
    before: usize,
) -> Option<String> {
    // (The letters on the stack: an acronym of more than eight is none.)
    let mut buf = ['\0'; 8];
    let mut len = 0;
    for c in acronym.chars().filter(|c| c.is_alphabetic()) {
        if len == buf.len() {
            return None;
        }
        buf[len] = c.to_ascii_lowercase();
        len += 1;
    }
    let letters = &buf[..len];
    if letters.len() < 2 {
        return None;
    }
    // Windows of capitalised words (joined by `and`, `of`, `for`, `the`,
    // commas) ending anywhere before `before`. (Only capitalised words can
    // end one: they are read from the list, last first, not by walking
    // back over every token.)
    let last_letter = letters[letters.len() - 1];
    for &(k, initial) in capitals.before(doc, before).iter().rev() {
        // A window ending at k ends with k's initial (the cheap test
        // first, on the initial read once: most capitalised words are not
        // the last of one).
        if initial != last_letter {
            continue;
        }
        let k = k as usize;
        // Walk back from k collecting capitalised words (at most eight: on
        // the stack, last first).
        let mut caps = [0usize; 8];
        caps[0] = k;
        let mut n = 1;
        let mut j = k;
        while j > 0 && n < letters.len() {
            j -= 1;
            if doc.capitalised(j) {
                caps[n] = j;
                n += 1;
            } else if !(matches!(doc.norm(j), "and" | "of" | "for" | "the" | "on")
                || doc.kind(j) == Some(Kind::Comma))
            {
                break;
            }
        }
        if n == letters.len() {
            // (Their initials, first word first, spell the acronym; a
            // capitalised word has an initial.)
            let initials = caps[..n]
                .iter()
                .rev()
                .filter_map(|&c| doc.norm(c).chars().next());
            if initials.eq(letters.iter().copied()) {
                return Some(one_line(doc.span_text(caps[n - 1], k + 1)));
            }
        }
    }
    None
}

/// The capitalised words of a document (token indices, in order, each with
/// its initial: the first character of its norm, `'\0'` for none), read as
/// far as they were asked for: an acronym's expansion looks back only at
/// these, comparing initials first.
#[derive(Clone, Debug, Default)]
struct Capitals {
    list: Vec<(u32, char)>,
    /// Tokens before this one are read.
    read_to: usize,
}

impl Capitals {
    /// The capitalised words before token `before`.
    fn before(&mut self, doc: &Doc<'_>, before: usize) -> &[(u32, char)] {
        if self.read_to == 0 {
            // (Room for a capitalised word every four tokens, more than news
            // has: the list seldom grows.)
            self.list.reserve(doc.len() / 4 + 8);
        }
        while self.read_to < before {
            if doc.capitalised(self.read_to) {
                // (An acronym's letters are alphabetic: `'\0'` matches none.)
                let initial = doc.norm(self.read_to).chars().next().unwrap_or('\0');
                self.list.push((self.read_to as u32, initial));
            }
            self.read_to += 1;
        }
        let end = self.list.partition_point(|&(k, _)| (k as usize) < before);
        &self.list[..end]
    }
}

/// Whether `a..b` names a news agency (`The Canadian Press`, `Reuters`):
/// the writer of the article, not someone in it.
fn is_news_agency(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    // (The words on the stack: a name of more than two words is none.)
    let mut buf = [""; 2];
    let mut n = 0;
    for k in (a..b).filter(|&k| doc.is_word(k)) {
        if n == buf.len() {
            return false;
        }
        buf[n] = doc.norm(k);
        n += 1;
    }
    matches!(
        &buf[..n],
        ["canadian", "press"]
            | ["associated", "press"]
            | ["reuters"]
            | ["afp"]
            | ["agence", "france-presse"]
            | ["bloomberg", "news"]
            | ["postmedia", "news"]
    )
}

/// Whether what stands around the capitalised run `a..b` says it is a
/// person, whatever the given name (`Mississauga accountant Babatunji
/// Farinloye, 50, says`): a person's role noun right before it, or after it
/// an age (`, 50,`), `, who`, or an apposition with a person's role noun
/// (`Tatiana Stanovaya, an independent political expert`).
fn person_context(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    let person_role = |k: usize| {
        doc.is_word(k)
            && !doc.capitalised(k)
            && doc
                .info(k)
                .and_then(|w| w.role)
                .is_some_and(|r| !matches!(doc.lexicon.role(r).class, RoleClass::Organisation))
    };
    if a > 0 && person_role(a - 1) {
        return true;
    }
    if doc.kind(b) != Some(Kind::Comma) {
        return false;
    }
    let next = b + 1;
    let w = doc.norm(next);
    if w == "who" {
        return true;
    }
    if doc.is_word(next)
        && w.len() <= 3
        && w.bytes().all(|c| c.is_ascii_digit())
        && matches!(doc.kind(next + 1), Some(Kind::Comma) | Some(Kind::End))
    {
        return true;
    }
    if matches!(w, "a" | "an" | "the") {
        let mut k = next + 1;
        while k < doc.len() && k < next + 7 && doc.is_word(k) {
            if person_role(k) {
                return true;
            }
            k += 1;
        }
    }
    false
}

/// The given name that starts a person's name inside the capitalised run
/// `a..e` after one or two other words (`Exchequer Nigel Lawson`, `House
/// Republican Thomas Massie`): one or two capitalised words follow it to
/// the run's end. An initial stays (`F. Wilhelm Christians`); an
/// organisation's name is left whole (`Federal Home Loan Bank`, `Perrin
/// Long of Lipper`).
pub(crate) fn given_name_inside(doc: &Doc<'_>, a: usize, e: usize) -> Option<usize> {
    let given = |k: usize| doc.info(k).is_some_and(|w| w.given.is_some());
    if given(a) {
        return None;
    }
    let k = (a + 1..e.saturating_sub(1)).find(|&k| given(k))?;
    let initial = |x: usize| doc.norm(x).trim_end_matches('.').chars().count() == 1;
    let person = k - a <= 2
        && e - k <= 3
        && !(a..k).any(initial)
        && (k + 1..e).all(|x| doc.is_word(x) && doc.capitalised(x))
        && !looks_like_org(doc, k, e);
    person.then_some(k)
}

/// A name as one line: the whitespace inside it, a hard-wrapped line's
/// break included (`Medco Containment Services` / `Inc`), as one space.
fn one_line(text: &str) -> String {
    let b = text.as_bytes();
    let messy = b
        .windows(2)
        .any(|w| matches!(w[0], b'\n' | b'\r' | b'\t') || w == b"  ");
    if messy {
        // (Written in one pass: no list of the words, joined after.)
        let mut out = String::with_capacity(text.len());
        for w in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    } else {
        text.to_string()
    }
}

/// Whether token `i` is a title (`president`, `sen.`, `minister`).
fn is_title(doc: &Doc<'_>, i: usize) -> bool {
    doc.info(i)
        .is_some_and(|w| w.title_abbreviation || w.role.is_some_and(|r| doc.lexicon.role(r).title))
}

/// In lowercase text, the end of a person's name starting at `i`: after a
/// title, or from a known given name, one to four words that are given
/// names or no ordinary English words (`president vladimir putin`, `hassan
/// rouhani`, `leader sayyed hassan nasrallah`).
fn lowercase_name_end(doc: &Doc<'_>, i: usize, words: &mut NameWords) -> Option<usize> {
    let mut name_word = |k: usize| words.get(doc, k);
    if !name_word(i) {
        return None;
    }
    let after_title = i > 0 && is_title(doc, i - 1);
    let given = doc.info(i).is_some_and(|w| w.given.is_some());
    let mut e = i + 1;
    while e < doc.len() && e < i + 4 && name_word(e) {
        e += 1;
    }
    // A given name alone is not enough (it may be an ordinary word in
    // another language); after a title one word is.
    (after_title || (given && e > i + 1)).then_some(e)
}

/// [`may_be_lowercase_name`](crate::quotes::speakers::may_be_lowercase_name)
/// of each token of a document, found when first asked.
#[derive(Default)]
struct NameWords {
    /// Per token: 0 not asked yet, 1 no, 2 yes.
    known: Vec<u8>,
}

impl NameWords {
    fn get(&mut self, doc: &Doc<'_>, k: usize) -> bool {
        if self.known.len() < doc.len() {
            self.known.resize(doc.len(), 0);
        }
        match self.known.get(k) {
            Some(&known) if known != 0 => known == 2,
            Some(_) => {
                let yes = crate::quotes::speakers::may_be_lowercase_name(doc, k);
                self.known[k] = 1 + u8::from(yes);
                yes
            }
            None => crate::quotes::speakers::may_be_lowercase_name(doc, k),
        }
    }
}

/// The capitalised words of a cased document that stand alone as a surname
/// does beside a reporting verb: `Greenspan says`, `, said Greenspan,` (no
/// capitalised word or determiner before it: not `the Star said`; after the
/// verb, no word but a function word after it: not `said Oilers coach`).
/// News writing names a person in full once and by surname after, so a
/// two-word run `Dorie Greenspan` whose last word stands alone so is a
/// person's name, whatever the given name. (Read on the first question
/// only: most runs are settled by a known given name or a title.)
#[derive(Clone, Default)]
struct LoneNames {
    words: Option<FxHashSet<String>>,
}

impl LoneNames {
    fn has(&mut self, doc: &Doc<'_>, k: usize) -> bool {
        let words = self.words.get_or_insert_with(|| {
            let reports = |k: usize| doc.info(k).is_some_and(WordInfo::reports);
            let mut set = FxHashSet::default();
            for i in 0..doc.len() {
                if !doc.capitalised(i)
                    || doc.function(i).is_some()
                    || doc.capitalised(i + 1)
                    || doc
                        .info(i)
                        .is_some_and(|w| w.role.is_some() || w.cue.is_some())
                {
                    continue;
                }
                let first = doc.sentence(i).start == i;
                let alone = if first {
                    reports(i + 1)
                } else {
                    !doc.capitalised(i - 1)
                        && doc.function(i - 1) != Some(Function::Determiner)
                        && (reports(i + 1)
                            || reports(i - 1)
                                && (!doc.is_word(i + 1) || doc.function(i + 1).is_some()))
                };
                if alone {
                    set.insert(doc.norm(i).to_string());
                }
            }
            set
        });
        !words.is_empty() && words.contains(doc.norm(k))
    }
}

/// The gender a given name suggests.
fn given_gender(doc: &Doc<'_>, first: &str) -> Option<Gender> {
    doc.lexicon
        .get(&first.to_lowercase())
        .and_then(|w| w.given)
        .flatten()
}

/// End of a run of capitalised words (with name particles and initials).
fn hyphen_before_capital(doc: &Doc<'_>, i: usize) -> bool {
    doc.kind(i) == Some(Kind::Other)
        && doc.surface(i) == "-"
        && !doc.tok(i).space_before
        && doc.kind(i + 1) == Some(Kind::Word)
        && !doc.tok(i + 1).space_before
        && doc.capitalised(i + 1)
}

word_list!(
    /// The plural names of political parties' members that stand for the
    /// party after `the` (lowercase).
    fn is_party,
    [
        "conservatives",
        "liberals",
        "democrats",
        "republicans",
        "tories",
        "socialists",
        "communists",
        "nationalists",
        "separatists",
        "sovereigntists",
        "progressives",
        "libertarians",
        "greens",
    ]
);

fn name_run_end(doc: &Doc<'_>, i: usize) -> usize {
    let n = doc.len();
    let mut e = i + 1;
    while e < n {
        let cap = doc.capitalised(e)
            && !matches!(
                doc.function(e),
                Some(Function::Pronoun(_)) | Some(Function::Determiner)
            );
        let particle = is_name_particle(doc.norm(e))
            && (doc.capitalised(e + 1) || hyphen_before_capital(doc, e + 1));
        if (cap && doc.tok(e).space_before) || particle || super::speakers::local_number(doc, e) {
            e += 1;
        } else if hyphen_before_capital(doc, e) {
            // `al-Assad`, `Jean-Claude`
            e += 2;
        } else if org_joint(doc, e) {
            e += 1;
        } else {
            break;
        }
    }
    e
}

/// Whether `of` or `and` at `e` joins the capitalised words around it into
/// one organisation's name: `Bank of England` (an organisation's word before
/// `of`), `Securities and Exchange Commission` (one after `and`'s run).
fn org_joint(doc: &Doc<'_>, e: usize) -> bool {
    let of = match doc.norm(e) {
        "of" => true,
        "and" => false,
        _ => return false,
    };
    let next_capital =
        |k: usize| doc.capitalised(k) && doc.tok(k).space_before && doc.function(k).is_none();
    if e == 0 || !doc.tok(e).space_before || !next_capital(e + 1) {
        return false;
    }
    if of {
        return is_org_word(doc.norm(e - 1));
    }
    let mut t = e + 1;
    while t < doc.len() && t - e <= 4 && next_capital(t) {
        t += 1;
    }
    is_org_word(doc.norm(t - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::doc::testing::with_doc;

    /// The position of the first token of `word` in `text`.
    fn position_of(text: &str, word: &str) -> Position {
        with_doc(text, |doc, at| position(doc, at(word)))
    }

    #[test]
    fn positions_of_references() {
        let t = "Even though Greenspan has co-authored books with the legendary Julia Child, \
                 she cooks at home.";
        assert_eq!(position_of(t, "Greenspan"), Position::Subject);
        assert_eq!(position_of(t, "Julia"), Position::Oblique);
        let t = "Spokesperson Lu Kang gave no details about Kim's schedule.";
        assert_eq!(position_of(t, "Lu"), Position::Subject);
        assert_eq!(position_of(t, "Kim"), Position::Possessive);
        let t = "Vickers fired at Zehaf Bibeau. In 2015, Vickers said so. They met Smith.";
        assert_eq!(position_of(t, "Zehaf"), Position::Oblique);
        assert_eq!(position_of(t, "Vickers said"), Position::Subject);
        assert_eq!(position_of(t, "Smith"), Position::Other);
        // Lowercase text: no capitals, but the role words and the possessive.
        let t =
            "chinese foreign ministry spokesperson lu kang gave no details about kim s schedule .";
        assert_eq!(position_of(t, "lu"), Position::Subject);
        assert_eq!(position_of(t, "kim"), Position::Possessive);
        // Past a lowercase name's words: an object, not a subject.
        let t = "vladimir putin met bashar al-assad in moscow .";
        assert_eq!(position_of(t, "vladimir"), Position::Subject);
        assert_eq!(position_of(t, "bashar"), Position::Other);
    }

    /// The text of the capitalised run (with `name_run_end`) at `word`.
    fn run_at(text: &str, word: &str) -> String {
        with_doc(text, |doc, at| {
            let i = at(word);
            one_line(doc.span_text(i, name_run_end(doc, i)))
        })
    }

    #[test]
    fn organisation_names_with_of_and_and() {
        let t = "The Bank of England and the Securities and Exchange Commission met. \
                 Smith and Jones left. The University of Toronto and Ottawa agreed.";
        assert_eq!(run_at(t, "Bank"), "Bank of England");
        assert_eq!(
            run_at(t, "Securities"),
            "Securities and Exchange Commission"
        );
        // No organisation's word: two names.
        assert_eq!(run_at(t, "Smith"), "Smith");
        assert_eq!(run_at(t, "University"), "University of Toronto");
    }

    #[test]
    fn texts_and_abstract_nouns_are_no_person() {
        for w in [
            "indictment",
            "summary",
            "newspaper",
            "statement",
            "investigation",
        ] {
            assert!(not_a_person(w), "{w}");
        }
        for w in ["proprietor", "senator", "mother", "veteran", "spokesman"] {
            assert!(!not_a_person(w), "{w}");
        }
    }
}
