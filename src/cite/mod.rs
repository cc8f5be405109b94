//! Citations: finding the other documents a document cites, such as
//! "Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ",
//! in body text and in front matter.
//!
//! Citations become links between documents, so the parser must find every
//! one the way Vietnamese administrative text actually writes them (upper
//! case headings, lines broken mid-citation by PDF copies, missing
//! diacritics, look-alike letters, NFD input) and report byte spans into the
//! original text so the link can be placed on the number itself.

mod bodies;
mod folded;
mod parse;
mod preamble;
#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::model::{DocNumber, Kind, PartialDate};

pub use parse::{find_citations, parse_citation};
pub use preamble::{
    is_implementation_preamble, lifecycle_before, preamble_end, Opening, PreambleHints,
    RelationReader,
};

/// One mention of another document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Citation {
    /// The kind named before the number; for "văn bản số N" the kind the
    /// number implies. `None` only when neither says.
    pub kind: Option<Kind>,
    /// As written (NFC).
    pub number: DocNumber,
    pub date: Option<PartialDate>,
    /// The issuing body or office as written after "của", whitespace
    /// collapsed: "Thủ tướng Chính phủ", "Chủ tịch UBND huyện".
    pub issuer: Option<String>,
    /// Byte range in the input from the kind word to the end of the last of
    /// number, date and issuer.
    pub span: Range<usize>,
    /// Byte range in the input of the number, where a link goes.
    pub number_span: Range<usize>,
}
