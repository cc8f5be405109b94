//! Text helpers shared by every stage: Unicode normalisation, Vietnamese
//! diacritic folding and URL slugs.
//!
//! Folding is the one place that decides when two spellings are "the same"
//! for matching (search, citation numbers, slugs), so every stage calls it
//! instead of rolling its own.

mod fold;
mod slug;

pub use fold::{fold, fold_char, nfc};
pub use slug::slugify;
