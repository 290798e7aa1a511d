//! `quotewise.ArrowTable`: a table built by the core, handed to any Arrow
//! consumer through the Arrow PyCapsule interface (`__arrow_c_stream__`):
//! `pyarrow.table(t)`, `polars.DataFrame(t)`, `duckdb.sql("from t")`, …
//! It needs neither pyarrow nor pandas.

use std::ffi::CStr;

use arrow_array::cast::AsArray;
use arrow_array::ffi::FFI_ArrowSchema;
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{Array, RecordBatch, RecordBatchIterator};
use arrow_schema::{DataType, SchemaRef};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyString};

use super::errors;

/// A quote or mention table: record batches (one per chunk of documents)
/// of one schema. Immutable; exporting it does not consume it.
#[pyclass(name = "ArrowTable", module = "quotewise._quotewise", frozen)]
pub struct PyArrowTable {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

impl PyArrowTable {
    pub fn new(schema: SchemaRef, batches: Vec<RecordBatch>) -> Self {
        PyArrowTable { schema, batches }
    }
}

fn schema_capsule<'py>(py: Python<'py>, schema: &SchemaRef) -> PyResult<Bound<'py, PyCapsule>> {
    let ffi = FFI_ArrowSchema::try_from(schema.as_ref())
        .map_err(|e| errors::internal(py, format!("quotewise bug: cannot export a schema: {e}")))?;
    const NAME: &CStr = c"arrow_schema";
    PyCapsule::new_with_value(py, ffi, NAME)
}

/// Element `i` of `array` as a Python value (None for a null), for the
/// types a table holds: booleans, integers, floats, text (plain, large,
/// views) and lists of these (dictionaries: see `to_pydict`).
fn value<'py>(py: Python<'py>, array: &dyn Array, i: usize) -> PyResult<Bound<'py, PyAny>> {
    if array.is_null(i) {
        return Ok(py.None().into_bound(py));
    }
    macro_rules! primitive {
        ($t:ty) => {
            array
                .as_primitive::<$t>()
                .value(i)
                .into_pyobject(py)?
                .into_any()
        };
    }
    Ok(match array.data_type() {
        DataType::Boolean => array
            .as_boolean()
            .value(i)
            .into_pyobject(py)?
            .to_owned()
            .into_any(),
        DataType::Int8 => primitive!(Int8Type),
        DataType::Int16 => primitive!(Int16Type),
        DataType::Int32 => primitive!(Int32Type),
        DataType::Int64 => primitive!(Int64Type),
        DataType::UInt8 => primitive!(UInt8Type),
        DataType::UInt16 => primitive!(UInt16Type),
        DataType::UInt32 => primitive!(UInt32Type),
        DataType::UInt64 => primitive!(UInt64Type),
        DataType::Float32 => primitive!(Float32Type),
        DataType::Float64 => primitive!(Float64Type),
        DataType::Utf8 => PyString::new(py, array.as_string::<i32>().value(i)).into_any(),
        DataType::LargeUtf8 => PyString::new(py, array.as_string::<i64>().value(i)).into_any(),
        DataType::Utf8View => PyString::new(py, array.as_string_view().value(i)).into_any(),
        DataType::List(_) => {
            let items = array.as_list::<i32>().value(i);
            let values = (0..items.len())
                .map(|k| value(py, items.as_ref(), k))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, values)?.into_any()
        }
        other => {
            return Err(errors::argument(
                py,
                format!(
                "an Arrow {other} column has no Python values here; read the table with pyarrow"
            ),
            ))
        }
    })
}

#[pymethods]
impl PyArrowTable {
    /// The table as Python values, column by column: `{name: [values]}`
    /// (what the command line writes as JSONL or CSV, without pyarrow).
    fn to_pydict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for (k, field) in self.schema.fields().iter().enumerate() {
            let mut values = Vec::with_capacity(self.__len__());
            for batch in &self.batches {
                let column = batch.column(k);
                if let Some(dictionary) = column.as_any_dictionary_opt() {
                    // (With no values, every row is null: `normalized_keys`
                    // asserts that there are values, and a batch of no rows
                    // or of nulls only, as the error table of a run whose
                    // every document failed, has none.)
                    if dictionary.values().is_empty() {
                        values.extend((0..column.len()).map(|_| py.None().into_bound(py)));
                        continue;
                    }
                    let keys = dictionary.normalized_keys();
                    for (i, &key) in keys.iter().enumerate().take(column.len()) {
                        values.push(if column.is_null(i) {
                            py.None().into_bound(py)
                        } else {
                            value(py, dictionary.values().as_ref(), key)?
                        });
                    }
                    continue;
                }
                for i in 0..column.len() {
                    values.push(value(py, column.as_ref(), i)?);
                }
            }
            out.set_item(field.name(), PyList::new(py, values)?)?;
        }
        Ok(out)
    }

    /// The table as an Arrow C stream (the PyCapsule interface). A
    /// `requested_schema` is not needed by any consumer of ours and is
    /// ignored, as the interface allows.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(
            self.batches.clone().into_iter().map(Ok),
            self.schema.clone(),
        );
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        const NAME: &CStr = c"arrow_array_stream";
        // The capsule owns the stream; a consumer moves it out (leaving a
        // released one), else dropping the capsule releases it.
        PyCapsule::new_with_value(py, stream, NAME)
    }

    /// The schema as an Arrow C schema (the PyCapsule interface).
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        schema_capsule(py, &self.schema)
    }

    /// The messages of the skipped documents' rows (`errors="skip"`), in order.
    fn error_messages(&self) -> Vec<String> {
        let Ok(k) = self.schema.index_of("error") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for batch in &self.batches {
            if let Some(errors) = batch.column(k).as_string_opt::<i32>() {
                out.extend(errors.iter().flatten().map(str::to_string));
            }
        }
        out
    }

    /// Number of rows.
    fn __len__(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// Number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.__len__()
    }

    /// Number of record batches (one per chunk of documents with rows).
    #[getter]
    fn num_batches(&self) -> usize {
        self.batches.len()
    }

    /// The column names, in order.
    #[getter]
    fn column_names<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.schema.fields().iter().map(|f| f.name().as_str()))
    }

    /// The tables' batches as one table; all must have the schema of the
    /// first (the parts of one call of `quotes_frame`).
    #[staticmethod]
    fn concat(py: Python<'_>, tables: Vec<Bound<'_, PyArrowTable>>) -> PyResult<Self> {
        let Some(first) = tables.first() else {
            return Err(errors::argument(
                py,
                "concat needs at least one table".to_string(),
            ));
        };
        let schema = first.get().schema.clone();
        let mut batches = Vec::new();
        for t in &tables {
            let t = t.get();
            if t.schema != schema {
                return Err(errors::argument(
                    py,
                    format!(
                        "the tables have different schemas: {:?} and {:?}",
                        schema.fields(),
                        t.schema.fields()
                    ),
                ));
            }
            batches.extend(t.batches.iter().cloned());
        }
        Ok(PyArrowTable { schema, batches })
    }

    fn __repr__(&self) -> String {
        let columns: Vec<String> = self
            .schema
            .fields()
            .iter()
            .map(|f| format!("{}: {}", f.name(), f.data_type()))
            .collect();
        format!(
            "ArrowTable(rows={}, batches={}, columns=[{}])",
            self.__len__(),
            self.batches.len(),
            columns.join(", ")
        )
    }
}
