//! The quote and mention tables, as Arrow record batches: the one schema
//! of every table quotewise writes (pandas, polars, pyarrow, Dask, Spark
//! and the command line all read it; `quotewise/_rows.py` reads it from
//! here).
//!
//! A table is built in two steps, both off the GIL: on the worker threads,
//! each document's results become rows (`quote_rows`, `mention_rows`) with
//! Python string offsets already computed; then, per chunk of documents,
//! the rows are appended to column builders (a copy of their bytes) and
//! finished into one record batch.
//!
//! The columns and values are the schema's whatever the consumer, but their
//! layout in memory follows it ([`Layout`]), so that pandas and polars take
//! the batches as they are instead of converting them on the calling
//! thread, after the workers are done.

use std::ops::Range;
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int32Builder, Int64Builder, LargeStringBuilder, ListBuilder,
    StringBuilder, StringViewBuilder,
};
use arrow_array::{ArrayRef, DictionaryArray, Int64Array, RecordBatch, StringArray, UInt32Array};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use pyo3::prelude::*;
use rustc_hash::FxHashMap;

use super::errors;

use crate::gazetteer::{Automaton, Match};
use crate::quotes::{Analysis, Quote};
use crate::text::CharOffsets;

/// How a table's text is laid out for the consumer that reads it. The
/// columns, their logical types and their values are the same in each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// As [`Column`] says: text `string`, `kind` and `rule`
    /// dictionary-encoded (the `ArrowTable` a caller gets).
    #[default]
    Arrow,
    /// Text as `large_string`, `kind` and `rule` too: pandas' `string`
    /// dtype holds its text as `large_string` and casts any other text
    /// column (about 30 µs per column of 30,000 rows, on the calling thread).
    Pandas,
    /// Text as `string_view`, polars' own layout: polars takes the buffers
    /// as they are, where it copies `string` text into views (about 0.2 ms
    /// per column of 30,000 rows, on the calling thread).
    Polars,
}

impl Layout {
    /// The `layout` argument of the table calls.
    pub fn parse(py: Python<'_>, name: &str) -> PyResult<Layout> {
        match name {
            "arrow" => Ok(Layout::Arrow),
            "pandas" => Ok(Layout::Pandas),
            "polars" => Ok(Layout::Polars),
            other => Err(errors::argument(
                py,
                format!("layout must be 'arrow', 'pandas' or 'polars', not {other:?}"),
            )),
        }
    }

    fn text(self) -> DataType {
        match self {
            Layout::Arrow => DataType::Utf8,
            Layout::Pandas => DataType::LargeUtf8,
            Layout::Polars => DataType::Utf8View,
        }
    }
}

/// The type of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Text,
    Int,
    Bool,
    Float,
    /// Text from a small set of values (`kind`, `rule`), dictionary-encoded.
    Category,
    /// A list of texts (`about`: dictionary ids).
    TextList,
}

impl Column {
    /// The name Python's schema readers see (`quotewise._rows`).
    pub fn name(self) -> &'static str {
        match self {
            Column::Text => "string",
            Column::Int => "int64",
            Column::Bool => "bool",
            Column::Float => "float64",
            Column::Category => "dictionary",
            Column::TextList => "list<string>",
        }
    }

    fn data_type(self, layout: Layout) -> DataType {
        match self {
            Column::Text => layout.text(),
            Column::Int => DataType::Int64,
            Column::Bool => DataType::Boolean,
            Column::Float => DataType::Float64,
            Column::Category if layout == Layout::Pandas => DataType::LargeUtf8,
            Column::Category => {
                DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
            }
            // pandas keeps a list column's Arrow type: `list<string>` there.
            Column::TextList if layout == Layout::Pandas => {
                DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
            }
            Column::TextList => DataType::List(Arc::new(Field::new("item", layout.text(), true))),
        }
    }
}

/// The columns of a table after `doc_id`: name, type, and whether a value
/// may be missing in a row that is not a skipped document's.
pub type Columns = &'static [(&'static str, Column, bool)];

/// One row per quote.
pub const QUOTE_COLUMNS: Columns = &[
    ("quote", Column::Text, false),
    ("start", Column::Int, false),
    ("end", Column::Int, false),
    ("kind", Column::Category, false),
    ("marked", Column::Bool, false),
    ("speaker", Column::Text, true),
    ("speaker_start", Column::Int, true),
    ("speaker_end", Column::Int, true),
    ("speaker_name", Column::Text, true),
    ("speaker_id", Column::Text, true),
    ("cue", Column::Text, true),
    ("addressee", Column::Text, true),
    ("addressee_id", Column::Text, true),
    ("confidence", Column::Float, false),
    ("rule", Column::Category, false),
    ("about", Column::TextList, false),
];

/// One row per mention.
pub const MENTION_COLUMNS: Columns = &[
    ("text", Column::Text, false),
    ("start", Column::Int, false),
    ("end", Column::Int, false),
    ("entity_id", Column::Text, true),
    ("name", Column::Text, true),
    ("kind", Column::Category, true),
    ("alias", Column::Text, false),
    ("ambiguous", Column::Bool, false),
];

/// The schema of a table of `columns` laid out for `layout`: `doc_id` (the
/// caller's ids' type, else int64 positions) first; under `errors="skip"`,
/// every column may be missing (a skipped document's row has only its
/// `doc_id` and `error`) and `error` comes last.
pub fn schema(columns: Columns, doc_id: Option<&Field>, skip: bool, layout: Layout) -> SchemaRef {
    let doc_id = match doc_id {
        Some(f) => Field::new("doc_id", f.data_type().clone(), f.is_nullable()),
        None => Field::new("doc_id", DataType::Int64, false),
    };
    let mut fields = vec![doc_id];
    fields.extend(columns.iter().map(|&(name, column, nullable)| {
        Field::new(name, column.data_type(layout), nullable || skip)
    }));
    if skip {
        fields.push(Field::new("error", DataType::Utf8, true));
    }
    Arc::new(Schema::new(fields))
}

/// A text column under construction, in the layout's type.
enum TextBuilder {
    Plain(StringBuilder),
    Large(LargeStringBuilder),
    View(StringViewBuilder),
}

impl TextBuilder {
    fn new(layout: Layout) -> Self {
        match layout {
            Layout::Arrow => TextBuilder::Plain(StringBuilder::new()),
            Layout::Pandas => TextBuilder::Large(LargeStringBuilder::new()),
            Layout::Polars => TextBuilder::View(StringViewBuilder::new()),
        }
    }

    fn append_value(&mut self, value: &str) {
        match self {
            TextBuilder::Plain(b) => b.append_value(value),
            TextBuilder::Large(b) => b.append_value(value),
            TextBuilder::View(b) => b.append_value(value),
        }
    }

    fn append_option(&mut self, value: Option<&str>) {
        match self {
            TextBuilder::Plain(b) => b.append_option(value),
            TextBuilder::Large(b) => b.append_option(value),
            TextBuilder::View(b) => b.append_option(value),
        }
    }

    fn append_null(&mut self) {
        self.append_option(None);
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            TextBuilder::Plain(b) => Arc::new(b.finish()),
            TextBuilder::Large(b) => Arc::new(b.finish()),
            TextBuilder::View(b) => Arc::new(b.finish()),
        }
    }
}

/// A list-of-texts column under construction, in the layout's type.
enum TextListBuilder {
    Plain(ListBuilder<StringBuilder>),
    View(ListBuilder<StringViewBuilder>),
}

impl TextListBuilder {
    fn new(layout: Layout) -> Self {
        match layout {
            Layout::Arrow | Layout::Pandas => {
                TextListBuilder::Plain(ListBuilder::new(StringBuilder::new()))
            }
            Layout::Polars => TextListBuilder::View(ListBuilder::new(StringViewBuilder::new())),
        }
    }

    /// Appends one list, of `values`.
    fn append<'a>(&mut self, values: impl Iterator<Item = &'a str>) {
        match self {
            TextListBuilder::Plain(b) => {
                values.for_each(|v| b.values().append_value(v));
                b.append(true);
            }
            TextListBuilder::View(b) => {
                values.for_each(|v| b.values().append_value(v));
                b.append(true);
            }
        }
    }

    fn append_null(&mut self) {
        match self {
            TextListBuilder::Plain(b) => b.append(false),
            TextListBuilder::View(b) => b.append(false),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            TextListBuilder::Plain(b) => Arc::new(b.finish()),
            TextListBuilder::View(b) => Arc::new(b.finish()),
        }
    }
}

/// A text column from a small set of values under construction:
/// dictionary-encoded, or plain text for pandas ([`Layout::Pandas`]).
struct CategoryBuilder {
    keys: Int32Builder,
    values: Vec<String>,
    index: FxHashMap<String, i32>,
    /// The plain text column instead, for pandas.
    plain: Option<LargeStringBuilder>,
}

impl CategoryBuilder {
    fn new(layout: Layout) -> Self {
        CategoryBuilder {
            keys: Int32Builder::new(),
            values: Vec::new(),
            index: FxHashMap::default(),
            plain: (layout == Layout::Pandas).then(LargeStringBuilder::new),
        }
    }

    fn append(&mut self, value: Option<&str>) {
        if let Some(plain) = &mut self.plain {
            plain.append_option(value);
            return;
        }
        let Some(value) = value else {
            self.keys.append_null();
            return;
        };
        let key = match self.index.get(value) {
            Some(&k) => k,
            None => {
                let k = i32::try_from(self.values.len()).unwrap_or(i32::MAX);
                self.values.push(value.to_string());
                self.index.insert(value.to_string(), k);
                k
            }
        };
        self.keys.append_value(key);
    }

    fn finish(mut self) -> Result<ArrayRef, ArrowError> {
        if let Some(mut plain) = self.plain {
            return Ok(Arc::new(plain.finish()));
        }
        let values = StringArray::from_iter_values(&self.values);
        Ok(Arc::new(DictionaryArray::try_new(
            self.keys.finish(),
            Arc::new(values),
        )?))
    }
}

/// A table's rows, one document at a time.
pub trait Rows {
    /// One row of the table (computed on a worker thread).
    type Row: Send + Sync + 'static;
    /// What a row's ids and names are looked up in.
    type Context: ?Sized;
    /// No rows yet, to be laid out for `layout`.
    fn new(layout: Layout) -> Self;
    /// Appends one row.
    fn push(&mut self, context: &Self::Context, text: &str, row: &Self::Row);
    /// Appends a row of missing values (a skipped document's).
    fn push_missing(&mut self);
    /// The columns, in schema order after `doc_id`.
    fn finish(self) -> Result<Vec<ArrayRef>, ArrowError>;
}

/// The `doc_id` column of a chunk's rows: the ids at `positions` (indices
/// into the batch's documents), or without ids the positions plus
/// `offset` (the batch's first document's index in the whole input).
fn doc_ids(
    positions: Vec<u32>,
    offset: usize,
    ids: Option<&ArrayRef>,
) -> Result<ArrayRef, ArrowError> {
    match ids {
        Some(ids) => arrow_select::take::take(ids.as_ref(), &UInt32Array::from(positions), None),
        None => Ok(Arc::new(Int64Array::from_iter_values(
            positions.into_iter().map(|p| (offset + p as usize) as i64),
        ))),
    }
}

/// One document of a chunk, for `record_batch`: its position in the
/// batch, its text, and its rows or, for a skipped document, the message.
pub type DocRows<'a, R> = (usize, &'a str, Result<&'a [R], &'a str>);

/// The record batch of a chunk's documents (`schema` from [`schema`],
/// for `layout`).
pub fn record_batch<'a, T: Rows>(
    (schema, layout): (&SchemaRef, Layout),
    context: &T::Context,
    (offset, ids): (usize, Option<&ArrayRef>),
    docs: impl Iterator<Item = DocRows<'a, T::Row>>,
) -> Result<RecordBatch, ArrowError> {
    let skip = schema.column_with_name("error").is_some();
    let mut rows = T::new(layout);
    let mut positions = Vec::new();
    let mut error = StringBuilder::new();
    for (position, text, result) in docs {
        let position = u32::try_from(position)
            .map_err(|_| ArrowError::InvalidArgumentError("too many documents".into()))?;
        match result {
            Ok(found) => {
                for row in found {
                    rows.push(context, text, row);
                    positions.push(position);
                    error.append_null();
                }
            }
            Err(message) => {
                rows.push_missing();
                positions.push(position);
                error.append_value(message);
            }
        }
    }
    let mut columns = vec![doc_ids(positions, offset, ids)?];
    columns.extend(rows.finish()?);
    if skip {
        columns.push(Arc::new(error.finish()));
    }
    RecordBatch::try_new(schema.clone(), columns)
}

/// A span's bytes and its Python string offsets.
type CharSpan = (Range<usize>, i64, i64);

fn char_span(offsets: &mut CharOffsets<'_>, start: usize, end: usize) -> CharSpan {
    (
        start..end,
        offsets.char_offset(start) as i64,
        offsets.char_offset(end) as i64,
    )
}

/// The name of the rule that found a quote.
fn rule_name(q: &Quote) -> &'static str {
    q.rule.name()
}

/// A quote, ready to be appended to a table.
pub struct QuoteRow {
    content: CharSpan,
    kind: &'static str,
    marked: bool,
    speaker: Option<CharSpan>,
    speaker_name: Option<String>,
    speaker_entry: Option<u32>,
    cue: Option<Range<usize>>,
    addressee: Option<Range<usize>>,
    addressee_entry: Option<u32>,
    confidence: f64,
    rule: &'static str,
    /// The entries mentioned inside the quote, in order, without repeats.
    about: Vec<u32>,
}

/// The rows of one analysed document (on a worker thread).
pub fn quote_rows(text: &str, analysis: Analysis) -> Vec<QuoteRow> {
    let mut offsets = CharOffsets::new(text);
    let mentions = &analysis.mentions;
    analysis
        .quotes
        .into_iter()
        .map(|q| {
            let mut about: Vec<u32> = Vec::new();
            for e in q.mentions.iter().filter_map(|&i| mentions.get(i)?.entry) {
                if !about.contains(&e) {
                    about.push(e);
                }
            }
            QuoteRow {
                content: char_span(&mut offsets, q.content.start, q.content.end),
                kind: q.kind.as_str(),
                marked: q.marked,
                speaker: q.speaker.map(|s| char_span(&mut offsets, s.start, s.end)),
                speaker_entry: q.speaker_entry,
                cue: q.cue.map(|s| s.start..s.end),
                addressee: q.addressee.map(|s| s.start..s.end),
                addressee_entry: q.addressee_entry,
                // As the Python tables always had it: four decimals, so the
                // f32 reads as the number the rule gave, not 0.8500000238.
                confidence: (f64::from(q.confidence) * 1e4).round() / 1e4,
                rule: rule_name(&q),
                about,
                speaker_name: q.speaker_name,
            }
        })
        .collect()
}

/// The columns of a quote table under construction.
pub struct QuoteColumns {
    quote: TextBuilder,
    start: Int64Builder,
    end: Int64Builder,
    kind: CategoryBuilder,
    marked: BooleanBuilder,
    speaker: TextBuilder,
    speaker_start: Int64Builder,
    speaker_end: Int64Builder,
    speaker_name: TextBuilder,
    speaker_id: TextBuilder,
    cue: TextBuilder,
    addressee: TextBuilder,
    addressee_id: TextBuilder,
    confidence: Float64Builder,
    rule: CategoryBuilder,
    about: TextListBuilder,
}

impl Rows for QuoteColumns {
    type Row = QuoteRow;
    /// The gazetteer's automaton, if the quotes were linked to one.
    type Context = Option<Arc<Automaton>>;

    fn new(layout: Layout) -> Self {
        QuoteColumns {
            quote: TextBuilder::new(layout),
            start: Int64Builder::new(),
            end: Int64Builder::new(),
            kind: CategoryBuilder::new(layout),
            marked: BooleanBuilder::new(),
            speaker: TextBuilder::new(layout),
            speaker_start: Int64Builder::new(),
            speaker_end: Int64Builder::new(),
            speaker_name: TextBuilder::new(layout),
            speaker_id: TextBuilder::new(layout),
            cue: TextBuilder::new(layout),
            addressee: TextBuilder::new(layout),
            addressee_id: TextBuilder::new(layout),
            confidence: Float64Builder::new(),
            rule: CategoryBuilder::new(layout),
            about: TextListBuilder::new(layout),
        }
    }

    fn push(&mut self, automaton: &Self::Context, text: &str, q: &QuoteRow) {
        let id = |e: Option<u32>| Some(automaton.as_ref()?.entry(e?).id.as_str());
        let slice = |r: &Option<Range<usize>>| r.as_ref().map(|r| &text[r.clone()]);
        self.quote.append_value(&text[q.content.0.clone()]);
        self.start.append_value(q.content.1);
        self.end.append_value(q.content.2);
        self.kind.append(Some(q.kind));
        self.marked.append_value(q.marked);
        self.speaker
            .append_option(q.speaker.as_ref().map(|s| &text[s.0.clone()]));
        self.speaker_start
            .append_option(q.speaker.as_ref().map(|s| s.1));
        self.speaker_end
            .append_option(q.speaker.as_ref().map(|s| s.2));
        self.speaker_name.append_option(q.speaker_name.as_deref());
        self.speaker_id.append_option(id(q.speaker_entry));
        self.cue.append_option(slice(&q.cue));
        self.addressee.append_option(slice(&q.addressee));
        self.addressee_id.append_option(id(q.addressee_entry));
        self.confidence.append_value(q.confidence);
        self.rule.append(Some(q.rule));
        self.about
            .append(q.about.iter().filter_map(|&e| id(Some(e))));
    }

    fn push_missing(&mut self) {
        for b in [
            &mut self.quote,
            &mut self.speaker,
            &mut self.speaker_name,
            &mut self.speaker_id,
            &mut self.cue,
            &mut self.addressee,
            &mut self.addressee_id,
        ] {
            b.append_null();
        }
        for b in [
            &mut self.start,
            &mut self.end,
            &mut self.speaker_start,
            &mut self.speaker_end,
        ] {
            b.append_null();
        }
        self.kind.append(None);
        self.marked.append_null();
        self.confidence.append_null();
        self.rule.append(None);
        self.about.append_null();
    }

    fn finish(mut self) -> Result<Vec<ArrayRef>, ArrowError> {
        Ok(vec![
            self.quote.finish(),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            self.kind.finish()?,
            Arc::new(self.marked.finish()),
            self.speaker.finish(),
            Arc::new(self.speaker_start.finish()),
            Arc::new(self.speaker_end.finish()),
            self.speaker_name.finish(),
            self.speaker_id.finish(),
            self.cue.finish(),
            self.addressee.finish(),
            self.addressee_id.finish(),
            Arc::new(self.confidence.finish()),
            self.rule.finish()?,
            self.about.finish(),
        ])
    }
}

/// The entry whose kind a match has: the entry meant, or, for an ambiguous
/// match, the first candidate if every candidate has the same kind.
pub fn kind_entry(automaton: &Automaton, entry: Option<u32>, candidates: &[u32]) -> Option<u32> {
    if entry.is_some() {
        return entry;
    }
    let first = *candidates.first()?;
    let kind = &automaton.entry(first).kind;
    candidates
        .iter()
        .all(|&c| automaton.entry(c).kind == *kind)
        .then_some(first)
}

/// A mention, ready to be appended to a table.
pub struct MentionRow {
    span: CharSpan,
    entry: Option<u32>,
    kind_entry: Option<u32>,
    slot: u32,
    form: u32,
}

/// The rows of one document's matches (on a worker thread).
pub fn mention_rows(automaton: &Automaton, text: &str, matches: Vec<Match>) -> Vec<MentionRow> {
    let mut offsets = CharOffsets::new(text);
    matches
        .into_iter()
        .map(|m| MentionRow {
            span: char_span(&mut offsets, m.start, m.end),
            entry: m.entry,
            kind_entry: kind_entry(automaton, m.entry, &m.candidates),
            slot: m.slot,
            form: m.form,
        })
        .collect()
}

/// The columns of a mention table under construction.
pub struct MentionColumns {
    text: TextBuilder,
    start: Int64Builder,
    end: Int64Builder,
    entity_id: TextBuilder,
    name: TextBuilder,
    kind: CategoryBuilder,
    alias: TextBuilder,
    ambiguous: BooleanBuilder,
}

impl Rows for MentionColumns {
    type Row = MentionRow;
    type Context = Automaton;

    fn new(layout: Layout) -> Self {
        MentionColumns {
            text: TextBuilder::new(layout),
            start: Int64Builder::new(),
            end: Int64Builder::new(),
            entity_id: TextBuilder::new(layout),
            name: TextBuilder::new(layout),
            kind: CategoryBuilder::new(layout),
            alias: TextBuilder::new(layout),
            ambiguous: BooleanBuilder::new(),
        }
    }

    fn push(&mut self, automaton: &Automaton, text: &str, m: &MentionRow) {
        let entry = m.entry.map(|e| automaton.entry(e));
        self.text.append_value(&text[m.span.0.clone()]);
        self.start.append_value(m.span.1);
        self.end.append_value(m.span.2);
        self.entity_id.append_option(entry.map(|e| e.id.as_str()));
        self.name.append_option(entry.map(|e| e.name.as_str()));
        self.kind
            .append(m.kind_entry.map(|e| automaton.entry(e).kind.as_str()));
        self.alias.append_value(automaton.form_at(m.slot, m.form));
        self.ambiguous.append_value(entry.is_none());
    }

    fn push_missing(&mut self) {
        for b in [
            &mut self.text,
            &mut self.entity_id,
            &mut self.name,
            &mut self.alias,
        ] {
            b.append_null();
        }
        self.start.append_null();
        self.end.append_null();
        self.kind.append(None);
        self.ambiguous.append_null();
    }

    fn finish(mut self) -> Result<Vec<ArrayRef>, ArrowError> {
        Ok(vec![
            self.text.finish(),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            self.entity_id.finish(),
            self.name.finish(),
            self.kind.finish()?,
            self.alias.finish(),
            Arc::new(self.ambiguous.finish()),
        ])
    }
}
