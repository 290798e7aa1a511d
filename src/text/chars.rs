//! Character classes shared by folding, matching and sentence splitting.

/// Whether `c` belongs to a word: a letter, a digit, or a combining mark.
///
/// Apostrophes, hyphens and periods are *not* word characters, so `Assad's`,
/// `Russia-backed` and `u.n.-led` all have a word boundary after the name.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Whether the byte `b` starts an ASCII word character.
#[inline]
pub fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Characters that fold to one space: whitespace and hyphens.
///
/// A hyphen matches a space so that `al-Assad` and `al Assad` are one name,
/// and a run of them collapses to a single space.
#[inline]
pub fn is_space_like(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\u{0B}'
            | '\u{0C}'
            | '-'
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'
            ..='\u{200A}'
            | '\u{2010}' // hyphen
            | '\u{2011}' // non-breaking hyphen
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

/// Characters a reader does not see, dropped by folding (soft hyphen,
/// zero-width space and joiners, byte order mark, word joiner).
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Apostrophe look-alikes, all folded to `'`.
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' | '`'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars() {
        for c in ['a', 'Z', '7', 'é', 'ğ', 'İ', 'ß', 'д', '中'] {
            assert!(is_word_char(c), "{c:?} should be a word char");
        }
        for c in ['\'', '’', '-', '.', ' ', '"', '“', '«', '(', '_'] {
            assert!(!is_word_char(c), "{c:?} should not be a word char");
        }
    }

    #[test]
    fn classes_do_not_overlap() {
        for c in ['-', ' ', '\n', '\u{A0}', '\u{2010}'] {
            assert!(is_space_like(c) && !is_apostrophe(c) && !is_invisible(c));
        }
        for c in ['\'', '’', '‘', 'ʼ', '`'] {
            assert!(is_apostrophe(c) && !is_space_like(c));
        }
        assert!(is_invisible('\u{AD}') && !is_space_like('\u{AD}'));
    }
}
