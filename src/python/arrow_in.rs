//! Text columns read in place from Arrow memory, through the Arrow
//! PyCapsule interface: any object with `__arrow_c_stream__` or
//! `__arrow_c_array__` (pyarrow arrays, chunked arrays, tables and record
//! batches, polars Series and DataFrames, pandas Arrow-backed columns,
//! DuckDB results, nanoarrow). No Python `str` is made for a document.
//!
//! The C data interface is imported with arrow-rs (`arrow_array::ffi`,
//! `ffi_stream`), which takes the producer's buffers without copying or
//! validating them. Each document is then checked as it is read: its
//! offsets (or its string view) must lie inside the array's buffers, and its
//! bytes must be UTF-8. A malformed array fails the documents it touches,
//! never the process or the other documents. (What the C data interface
//! cannot show, no consumer can check: it carries no buffer sizes for
//! `string` and `large_string`, so the data buffer is as long as the last
//! offset says.)

use std::collections::VecDeque;
use std::ffi::CStr;
use std::sync::{Mutex, MutexGuard};

use arrow_array::cast::AsArray;
use arrow_array::ffi::{from_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::{ArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::{make_array, new_empty_array, Array, ArrayReader, ArrayRef};
use arrow_data::ArrayData;
use arrow_schema::{DataType, Field};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyList, PyString, PyTuple};

use super::args::{Item, OnError};
use super::errors;
use crate::parallel::{map_in_order_grouped, Threads};

/// Where each array of the source holds the texts (and the ids).
#[derive(Clone, Copy, Debug)]
enum Layout {
    /// The array is the text column.
    Column,
    /// The array is a table's record batch (a struct): its children at
    /// these indices.
    Table { text: usize, id: Option<usize> },
}

/// Where the arrays come from.
enum Source {
    Stream(ArrayStreamReader),
    Arrays(VecDeque<ArrayRef>),
}

struct State {
    source: Source,
    /// What is left of the array being read: texts, and ids.
    rest: Option<(ArrayRef, Option<ArrayRef>)>,
}

/// An Arrow text column (or a table with one), read a chunk at a time.
#[pyclass(name = "_ArrowTexts", module = "quotewise._quotewise", frozen)]
pub struct PyArrowTexts {
    state: Mutex<State>,
    layout: Layout,
    /// The types of the text and id columns (for an empty chunk).
    types: (DataType, Option<DataType>),
}

/// A chunk of an Arrow text column, with the ids of its documents.
#[pyclass(name = "_ArrowChunk", module = "quotewise._quotewise", frozen)]
pub struct PyArrowChunk {
    texts: ArrayData,
    ids: Option<ArrayRef>,
}

const STREAM: &CStr = c"arrow_array_stream";
const SCHEMA: &CStr = c"arrow_schema";
const ARRAY: &CStr = c"arrow_array";

fn capsule<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyCapsule>> {
    obj.cast::<PyCapsule>().cloned().map_err(|_| {
        errors::argument(
            obj.py(),
            format!("{what} did not return a PyCapsule (a broken Arrow exporter)"),
        )
    })
}

fn arrow_error(py: Python<'_>, e: impl std::fmt::Display) -> PyErr {
    errors::argument(py, format!("cannot read the Arrow data: {e}"))
}

/// The arrays of an object exporting `__arrow_c_stream__` or
/// `__arrow_c_array__`, and their field.
fn import(data: &Bound<'_, PyAny>) -> PyResult<(Source, Field)> {
    let py = data.py();
    if data.hasattr("__arrow_c_stream__")? {
        let capsule = capsule(
            &data.call_method0("__arrow_c_stream__")?,
            "__arrow_c_stream__",
        )?;
        let pointer = capsule.pointer_checked(Some(STREAM))?;
        // Safety: a capsule named "arrow_array_stream" holds an
        // `ArrowArrayStream` (the PyCapsule interface); `from_raw` moves it
        // out and leaves a released one behind, so the capsule's destructor
        // does not release it a second time.
        let stream = unsafe { FFI_ArrowArrayStream::from_raw(pointer.as_ptr().cast()) };
        let reader = ArrayStreamReader::try_new(stream).map_err(|e| arrow_error(py, e))?;
        let field = reader.field().as_ref().clone();
        return Ok((Source::Stream(reader), field));
    }
    if data.hasattr("__arrow_c_array__")? {
        let pair = data.call_method0("__arrow_c_array__")?;
        let pair = pair.cast::<PyTuple>().map_err(|_| {
            errors::argument(
                py,
                "__arrow_c_array__ did not return a (schema, array) pair".to_string(),
            )
        })?;
        if pair.len() != 2 {
            return Err(errors::argument(
                py,
                "__arrow_c_array__ did not return a (schema, array) pair".to_string(),
            ));
        }
        let schema = capsule(&pair.get_item(0)?, "__arrow_c_array__")?;
        let array = capsule(&pair.get_item(1)?, "__arrow_c_array__")?;
        let schema_pointer = schema.pointer_checked(Some(SCHEMA))?;
        let array_pointer = array.pointer_checked(Some(ARRAY))?;
        // Safety: the capsules are named as the PyCapsule interface says,
        // so they hold an `ArrowSchema` (borrowed here, the capsule keeps it
        // alive) and an `ArrowArray`, which `from_raw` moves out (leaving a
        // released one for the capsule's destructor). `from_ffi` trusts the
        // producer's buffers as every C-data consumer must; each document
        // is checked when it is read (`text_at`).
        let (field, data) = unsafe {
            let schema: &FFI_ArrowSchema = schema_pointer.cast().as_ref();
            let field = Field::try_from(schema).map_err(|e| arrow_error(py, e))?;
            let array = FFI_ArrowArray::from_raw(array_pointer.as_ptr().cast());
            (
                field,
                from_ffi(array, schema).map_err(|e| arrow_error(py, e))?,
            )
        };
        return Ok((Source::Arrays(VecDeque::from([make_array(data)])), field));
    }
    Err(errors::argument(
        py,
        format!(
            "a {} is not Arrow data (it has neither __arrow_c_stream__ nor __arrow_c_array__)",
            errors::type_name(data)
        ),
    ))
}

/// Whether documents can be read from arrays of this type.
fn holds_text(data_type: &DataType) -> bool {
    match data_type {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null => true,
        DataType::Dictionary(key, value) => {
            key.is_dictionary_key_type()
                && matches!(
                    value.as_ref(),
                    DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
                )
        }
        _ => false,
    }
}

/// Where the texts and the ids are in arrays of `field`'s type, and the
/// types of those columns.
type Columns = (Layout, (DataType, Option<DataType>));

fn layout(
    py: Python<'_>,
    field: &Field,
    text: Option<&str>,
    id: Option<&str>,
) -> PyResult<Columns> {
    let (layout, text_type) = match field.data_type() {
        DataType::Struct(fields) => {
            let names: Vec<&str> = fields.iter().map(|f| f.name().as_str()).collect();
            let find = |name: &str| -> PyResult<usize> {
                names.iter().position(|n| *n == name).ok_or_else(|| {
                    let shown: Vec<String> =
                        names.iter().take(20).map(|n| format!("{n:?}")).collect();
                    errors::argument(
                        py,
                        format!(
                            "the table has no column {name:?}; its columns are: {}{}",
                            shown.join(", "),
                            if names.len() > 20 { ", …" } else { "" }
                        ),
                    )
                })
            };
            let text = match text {
                Some(name) => find(name)?,
                None if names.len() == 1 => 0,
                None => find("text")?,
            };
            let id = id.map(find).transpose()?;
            (Layout::Table { text, id }, fields[text].data_type())
        }
        other => {
            if let Some(id) = id {
                return Err(errors::argument(
                    py,
                    format!("id={id:?} names a column, but the data is one column of texts"),
                ));
            }
            (Layout::Column, other)
        }
    };
    if !holds_text(text_type) {
        return Err(errors::argument(
            py,
            format!("the text column must hold strings, not Arrow {text_type}"),
        ));
    }
    let id_type = match (field.data_type(), layout) {
        (DataType::Struct(fields), Layout::Table { id: Some(i), .. }) => {
            Some(fields[i].data_type().clone())
        }
        _ => None,
    };
    Ok((layout, (text_type.clone(), id_type)))
}

impl PyArrowTexts {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The texts and ids of one array of the source.
    fn split(&self, py: Python<'_>, array: ArrayRef) -> PyResult<(ArrayRef, Option<ArrayRef>)> {
        match self.layout {
            Layout::Column => Ok((array, None)),
            Layout::Table { text, id } => {
                let table = array.as_struct_opt().ok_or_else(|| {
                    arrow_error(py, "the stream gave an array that is not a table")
                })?;
                Ok((
                    table.column(text).clone(),
                    id.map(|i| table.column(i).clone()),
                ))
            }
        }
    }
}

#[pymethods]
impl PyArrowTexts {
    /// Imports `data` (an Arrow exporter); `text` and `id` name the columns
    /// of a table (a single column needs neither).
    #[new]
    #[pyo3(signature = (data, text=None, id=None))]
    fn new(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        text: Option<&str>,
        id: Option<&str>,
    ) -> PyResult<Self> {
        let (source, field) =
            errors::guard(py, || "importing Arrow data".to_string(), || import(data))?;
        let (layout, types) = layout(py, &field, text, id)?;
        Ok(PyArrowTexts {
            state: Mutex::new(State { source, rest: None }),
            layout,
            types,
        })
    }

    /// A chunk of no documents, with the columns' types (the table of an
    /// empty input keeps the type of its ids).
    fn empty(&self) -> PyArrowChunk {
        PyArrowChunk {
            texts: new_empty_array(&self.types.0).to_data(),
            ids: self.types.1.as_ref().map(new_empty_array),
        }
    }

    /// The next chunk of at most `max_rows` documents, or None at the end.
    fn next(&self, py: Python<'_>, max_rows: usize) -> PyResult<Option<PyArrowChunk>> {
        let max_rows = max_rows.max(1);
        let mut state = self.state();
        loop {
            if let Some((texts, ids)) = state.rest.take() {
                let n = texts.len().min(max_rows);
                if n > 0 {
                    if n < texts.len() {
                        let rest = texts.len() - n;
                        state.rest =
                            Some((texts.slice(n, rest), ids.as_ref().map(|i| i.slice(n, rest))));
                    }
                    return Ok(Some(PyArrowChunk {
                        texts: texts.to_data().slice(0, n),
                        ids: ids.map(|i| i.slice(0, n)),
                    }));
                }
            }
            // The producer may be Python code (a generator behind a
            // RecordBatchReader): it runs here, with the GIL held.
            let next = errors::guard(
                py,
                || "reading an Arrow stream".to_string(),
                || match &mut state.source {
                    Source::Stream(reader) => Ok(reader.next()),
                    Source::Arrays(arrays) => Ok(arrays.pop_front().map(Ok)),
                },
            )?;
            match next {
                None => return Ok(None),
                Some(Err(e)) => return Err(arrow_error(py, e)),
                Some(Ok(array)) => state.rest = Some(self.split(py, array)?),
            }
        }
    }
}

/// The signed, native-endian integer of `width` bytes at element `k` of
/// `bytes`, if it is there (the C data interface uses the host's byte order).
fn int_at(bytes: &[u8], k: usize, width: usize) -> Option<i64> {
    let b = bytes.get(k.checked_mul(width)?..k.checked_mul(width)?.checked_add(width)?)?;
    Some(match width {
        1 => i64::from(i8::from_ne_bytes([b[0]])),
        2 => i64::from(i16::from_ne_bytes(b.try_into().ok()?)),
        4 => i64::from(i32::from_ne_bytes(b.try_into().ok()?)),
        _ => i64::from_ne_bytes(b.try_into().ok()?),
    })
}

const OUT_OF_BOUNDS: &str = "the Arrow array's offsets are out of bounds";

fn utf8(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes)
        .map_err(|e| format!("the Arrow string is not UTF-8 (byte {})", e.valid_up_to()))
}

/// The text of element `i` of a string array (None for a null), checked:
/// offsets or views inside the buffers, bytes UTF-8.
fn text_at(data: &ArrayData, i: usize) -> Result<Option<&str>, String> {
    if matches!(data.data_type(), DataType::Null) || data.is_null(i) {
        return Ok(None);
    }
    let at = data.offset() + i;
    let buffer = |k: usize| data.buffers().get(k).map_or(&[][..], |b| b.as_slice());
    match data.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 => {
            let width = if matches!(data.data_type(), DataType::Utf8) {
                4
            } else {
                8
            };
            let (offsets, values) = (buffer(0), buffer(1));
            let bounds = int_at(offsets, at, width).zip(int_at(offsets, at + 1, width));
            match bounds.map(|(a, b)| (usize::try_from(a), usize::try_from(b))) {
                Some((Ok(a), Ok(b))) if a <= b && b <= values.len() => {
                    utf8(&values[a..b]).map(Some)
                }
                _ => Err(OUT_OF_BOUNDS.to_string()),
            }
        }
        DataType::Utf8View => {
            // A view is 16 bytes: the length, then either the string itself
            // (up to 12 bytes) or its prefix, buffer index and offset.
            let view = buffer(0)
                .get(at * 16..at * 16 + 16)
                .ok_or_else(|| OUT_OF_BOUNDS.to_string())?;
            let field =
                |k: usize| i32::from_ne_bytes([view[k], view[k + 1], view[k + 2], view[k + 3]]);
            let len = usize::try_from(field(0)).map_err(|_| OUT_OF_BOUNDS.to_string())?;
            let bytes = if len <= 12 {
                &view[4..4 + len]
            } else {
                let index = usize::try_from(field(8)).ok();
                let start = usize::try_from(field(12)).ok();
                index
                    .zip(start)
                    .and_then(|(index, start)| {
                        data.buffers()
                            .get(index + 1)?
                            .as_slice()
                            .get(start..start.checked_add(len)?)
                    })
                    .ok_or_else(|| OUT_OF_BOUNDS.to_string())?
            };
            utf8(bytes).map(Some)
        }
        DataType::Dictionary(key, _) => {
            let width = key.primitive_width().unwrap_or(8);
            let raw = int_at(buffer(0), at, width);
            // Unsigned keys (polars' categoricals) read as their bits.
            let raw = match (key.is_unsigned_integer(), width) {
                (true, 1) => raw.map(|k| k & 0xff),
                (true, 2) => raw.map(|k| k & 0xffff),
                (true, 4) => raw.map(|k| k & 0xffff_ffff),
                _ => raw,
            };
            let key = raw
                .and_then(|k| usize::try_from(k).ok())
                .filter(|&k| data.child_data().first().is_some_and(|v| k < v.len()))
                .ok_or_else(|| "the Arrow dictionary key is out of range".to_string())?;
            text_at(&data.child_data()[0], key)
        }
        other => Err(format!("an Arrow {other} is not text")),
    }
}

impl PyArrowChunk {
    /// The batch's documents, as the batch calls take them: a null is a
    /// missing text (empty); a string that cannot be read raises naming its
    /// index (under `errors="skip"`, it is an item that says why).
    /// `offset` is the index of the first string in the caller's input.
    /// The checks (UTF-8 above all) run on `threads`, without the GIL.
    pub fn items(
        &self,
        py: Python<'_>,
        (on_error, offset, threads): (OnError, usize, Threads),
    ) -> PyResult<Vec<Item<'_>>> {
        let indices: Vec<usize> = (0..self.texts.len()).collect();
        let checked = py.detach(|| {
            map_in_order_grouped(threads, &indices, 256, |&k| {
                text_at(&self.texts, k)
                    .map(|t| t.unwrap_or(""))
                    .map_err(|why| format!("document {}: {why}", offset + k))
            })
        });
        if on_error == OnError::Raise {
            if let Some(Err(message)) = checked.iter().find(|item| item.is_err()) {
                return Err(errors::invalid_text(py, message.clone()));
            }
        }
        Ok(checked)
    }

    /// The ids of the chunk's documents, if the table had an id column.
    pub fn ids(&self) -> Option<ArrayRef> {
        self.ids.clone()
    }
}

#[pymethods]
impl PyArrowChunk {
    fn __len__(&self) -> usize {
        self.texts.len()
    }

    /// The documents as Python str (None for a missing text, or one that
    /// cannot be read: its batch call reports why).
    fn texts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = (0..self.texts.len()).map(|k| match text_at(&self.texts, k) {
            Ok(Some(text)) => PyString::new(py, text).into_any(),
            _ => py.None().into_bound(py),
        });
        PyList::new(py, items)
    }
}
