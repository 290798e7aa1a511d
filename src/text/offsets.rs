//! Byte offsets to character offsets.
//!
//! The core works on UTF-8 byte offsets; Python indexes a `str` by code
//! point. [`CharOffsets`] converts by walking from the previous position, so a
//! document's spans convert in one pass over the text and no table is built.
//! A pure-ASCII text needs no conversion at all.

/// Converts byte offsets of one text to code-point offsets.
#[derive(Clone, Debug)]
pub struct CharOffsets<'a> {
    bytes: &'a [u8],
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    /// A converter for `text`.
    pub fn new(text: &'a str) -> Self {
        CharOffsets {
            bytes: text.as_bytes(),
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `byte`, which must be a char
    /// boundary of the text. Cheapest when called with nearby, increasing
    /// offsets; any order is correct.
    pub fn char_offset(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let byte = byte.min(self.bytes.len());
        if byte >= self.byte {
            self.chars += count_chars(&self.bytes[self.byte..byte]);
        } else {
            self.chars -= count_chars(&self.bytes[byte..self.byte]);
        }
        self.byte = byte;
        self.chars
    }
}

/// Number of code points in a UTF-8 byte slice: the bytes that are not
/// continuation bytes.
#[inline]
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The byte offset of code-point offset `chars` in `text` (clamped to the
/// text's length). Used where a caller hands in Python indices.
pub fn byte_offset(text: &str, chars: usize) -> usize {
    if text.is_ascii() {
        return chars.min(text.len());
    }
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_in_any_order() {
        let text = "Erdoğan met 习近平 and 🇹🇷 Putin.";
        let mut conv = CharOffsets::new(text);
        let mut positions: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        positions.push(text.len());
        // forwards, then backwards, then jumping around
        let expected: Vec<usize> = (0..positions.len()).collect();
        for (i, &b) in positions.iter().enumerate() {
            assert_eq!(conv.char_offset(b), expected[i]);
        }
        for (i, &b) in positions.iter().enumerate().rev() {
            assert_eq!(conv.char_offset(b), expected[i]);
        }
        for &i in &[5, 1, 17, 0, 9, 30] {
            let i = i.min(positions.len() - 1);
            assert_eq!(conv.char_offset(positions[i]), i);
        }
    }

    #[test]
    fn byte_offset_inverts_char_offset() {
        let text = "Straße İstanbul ok";
        let mut conv = CharOffsets::new(text);
        for (b, _) in text.char_indices() {
            let c = conv.char_offset(b);
            assert_eq!(byte_offset(text, c), b);
        }
        assert_eq!(byte_offset(text, 1000), text.len());
        assert_eq!(byte_offset("abc", 2), 2);
    }
}
