//! Text handling shared by every stage: character classes, folding for
//! comparison (with alignment back to the original), and offset conversion.

pub mod bytes;
pub mod chars;
pub mod fold;
pub mod offsets;

pub use fold::{fold, Casing, FoldedText};
pub use offsets::CharOffsets;
