//! Text columns read in place from Arrow memory (pyarrow arrays, polars
//! Series through `to_arrow()`), without making a Python str per document.
//!
//! Python hands over the three buffers of a `string` or `large_string`
//! array (validity bitmap, offsets, UTF-8 data) as buffer-protocol objects,
//! with the array's offset and length; the batch calls then take their
//! documents straight from those bytes. Every offset is checked before use:
//! a malformed array fails the documents it touches, never the process.

use pyo3::buffer::PyBuffer;
use pyo3::prelude::*;

use super::batch::{Item, OnError};
use super::errors;

/// The strings of one Arrow `string`/`large_string` array, read in place.
#[pyclass(name = "_ArrowStrings", module = "quotewise._quotewise", frozen)]
pub struct PyArrowStrings {
    data: PyBuffer<u8>,
    offsets: PyBuffer<u8>,
    validity: Option<PyBuffer<u8>>,
    /// The array's offset into its buffers (a slice of a larger array).
    start: usize,
    len: usize,
    /// 64-bit offsets (`large_string`) rather than 32-bit (`string`).
    large: bool,
}

/// The bytes of a buffer (C-contiguous, checked when it was taken).
fn bytes(buffer: &PyBuffer<u8>) -> &[u8] {
    let len = buffer.len_bytes();
    if len == 0 {
        return &[];
    }
    // SAFETY: `buffer` holds the exporter's buffer (a pyarrow Buffer, which
    // is immutable) alive and pinned for as long as the PyBuffer lives, the
    // pointer is valid for `len_bytes()` bytes, and it was checked to be
    // C-contiguous; u8 has no alignment or validity requirements.
    unsafe { std::slice::from_raw_parts(buffer.buf_ptr() as *const u8, len) }
}

fn contiguous(py: Python<'_>, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<PyBuffer<u8>> {
    let buffer = PyBuffer::<u8>::get(obj)?;
    if !buffer.is_c_contiguous() {
        return Err(errors::argument(
            py,
            format!("the Arrow {what} buffer is not contiguous"),
        ));
    }
    Ok(buffer)
}

#[pymethods]
impl PyArrowStrings {
    /// Takes the buffers of a string array: `data` and `offsets` (bytes-like,
    /// e.g. `memoryview(buf).cast("B")`), `validity` (or None), the array's
    /// `offset` and `length`, and whether the offsets are 64-bit.
    #[new]
    #[pyo3(signature = (data, offsets, validity, offset, length, large))]
    fn new(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        offsets: &Bound<'_, PyAny>,
        validity: Option<&Bound<'_, PyAny>>,
        offset: usize,
        length: usize,
        large: bool,
    ) -> PyResult<Self> {
        let strings = PyArrowStrings {
            data: contiguous(py, data, "data")?,
            offsets: contiguous(py, offsets, "offsets")?,
            validity: validity
                .map(|v| contiguous(py, v, "validity"))
                .transpose()?,
            start: offset,
            len: length,
            large,
        };
        let width = if large { 8 } else { 4 };
        let needed = offset
            .checked_add(length)
            .and_then(|n| n.checked_add(1))
            .and_then(|n| n.checked_mul(width));
        if length > 0 && needed.is_none_or(|n| n > strings.offsets.len_bytes()) {
            return Err(errors::argument(
                py,
                format!(
                    "the Arrow offsets buffer ({} bytes) is too short for {length} strings at offset {offset}",
                    strings.offsets.len_bytes()
                ),
            ));
        }
        let bits = offset.saturating_add(length).div_ceil(8);
        if let Some(v) = &strings.validity {
            if v.len_bytes() < bits {
                return Err(errors::argument(
                    py,
                    "the Arrow validity buffer is too short".to_string(),
                ));
            }
        }
        Ok(strings)
    }

    fn __len__(&self) -> usize {
        self.len
    }
}

impl PyArrowStrings {
    /// The `k`-th offset of the array (`k` in `0..=len`).
    fn offset_at(&self, k: usize) -> Option<usize> {
        let raw = bytes(&self.offsets);
        let i = self.start + k;
        if self.large {
            let b = raw.get(i * 8..i * 8 + 8)?;
            usize::try_from(i64::from_le_bytes(b.try_into().ok()?)).ok()
        } else {
            let b = raw.get(i * 4..i * 4 + 4)?;
            usize::try_from(i32::from_le_bytes(b.try_into().ok()?)).ok()
        }
    }

    fn is_valid(&self, k: usize) -> bool {
        match &self.validity {
            None => true,
            Some(v) => {
                let i = self.start + k;
                bytes(v).get(i / 8).is_some_and(|b| b & (1 << (i % 8)) != 0)
            }
        }
    }

    /// The batch's documents, as the batch calls take them: a null is a
    /// missing text (empty); a string whose offsets fall outside the data
    /// or whose bytes are not UTF-8 raises naming its index (under
    /// `errors="skip"`, it is an item that says why). `offset` is the index
    /// of the first string in the caller's input.
    pub fn items(
        &self,
        py: Python<'_>,
        on_error: OnError,
        offset: usize,
    ) -> PyResult<Vec<Item<'_>>> {
        let data = bytes(&self.data);
        (0..self.len)
            .map(|k| {
                if !self.is_valid(k) {
                    return Ok(Ok(""));
                }
                let i = offset + k;
                let text = match (self.offset_at(k), self.offset_at(k + 1)) {
                    (Some(a), Some(b)) if a <= b && b <= data.len() => {
                        std::str::from_utf8(&data[a..b]).map_err(|e| {
                            format!(
                                "document {i}: the Arrow string is not UTF-8 (byte {})",
                                e.valid_up_to()
                            )
                        })
                    }
                    _ => Err(format!(
                        "document {i}: the Arrow array's offsets are out of bounds"
                    )),
                };
                match (text, on_error) {
                    (Ok(t), _) => Ok(Ok(t)),
                    (Err(message), OnError::Skip) => Ok(Err(message)),
                    (Err(message), OnError::Raise) => Err(errors::invalid_text(py, message)),
                }
            })
            .collect()
    }
}
