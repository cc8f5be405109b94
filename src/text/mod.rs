//! Text helpers shared by every stage: Unicode normalisation, Vietnamese
//! diacritic folding, URL slugs and markup escaping.
//!
//! Folding is the one place that decides when two spellings are "the same"
//! for matching (search, citation numbers, slugs), so every stage calls it
//! instead of rolling its own.

mod escape;
mod fold;
mod slug;
mod suggest;

pub use escape::{escape_markup, hex, percent_encode};
pub use fold::{fold, fold_char, nfc};
pub use slug::slugify;
pub use suggest::{closest, edit_distance};
