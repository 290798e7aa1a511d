//! Short byte strings as numbers, for the word tables and the automaton's
//! hash: a word of one to eight bytes read as one `u64`.

/// The bytes of a word of one to eight bytes in a `u64`, little-endian,
/// the rest zeros. (Two overlapping reads, no copy loop: a copy into a
/// buffer of the slice's length is a call to `memcpy`.)
#[inline]
pub fn pack(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!((1..=8).contains(&n));
    if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        lo | hi << (8 * (n - 4))
    } else {
        u64::from(b[0])
            | u64::from(b[n / 2]) << (8 * (n / 2))
            | u64::from(b[n - 1]) << (8 * (n - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_one_to_eight_bytes_pack_as_their_zero_padded_bytes() {
        for n in 1..=8 {
            let b: Vec<u8> = (0..n).map(|k| 0xa1 + k as u8).collect();
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&b);
            assert_eq!(pack(&b), u64::from_le_bytes(padded), "length {n}");
        }
    }
}
