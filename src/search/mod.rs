//! Static full-text search: `build_index` writes term shards (big terms in
//! files of their own), filters and per-document records under `search/`;
//! `search` (Rust) and themes/default/static/search.js (the browser) read
//! them with the same integer scoring and snippets, so both rank alike.

mod format;
mod index;
mod query;
pub mod site;
mod tokenize;

#[cfg(test)]
mod tests;

pub use index::{build_index, build_index_with, IndexOptions};
pub use query::{search, search_with_loader};

use serde::{Deserialize, Serialize};

/// One document as the search index sees it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchDoc {
    pub url: String,
    pub title: String,
    /// Kind slug, e.g. "quyet-dinh".
    pub kind: String,
    pub kind_name: String,
    pub number: Option<String>,
    pub issuer: Option<String>,
    /// ISO date, maybe partial ("2022-03", "2024").
    pub date: Option<String>,
    /// Slug path from the root, e.g. ["thanh-hoa", "trieu-son"].
    pub jurisdictions: Vec<String>,
    pub jurisdiction_names: Vec<String>,
    /// Names of the units in force that took over a former unit's area
    /// (the new province, the communes that now hold a former district),
    /// so that a reader finds a 2022 district report by today's names.
    pub successor_names: Vec<String>,
    /// Plain text.
    pub body: String,
}

pub struct IndexFile {
    /// Relative to the site root, e.g. "search/meta.json".
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: String,
    /// A jurisdiction path ("thanh-hoa/trieu-son") or one slug ("thanh-hoa");
    /// a province includes its districts.
    pub jurisdiction: Option<String>,
    pub kind: Option<String>,
    pub year: Option<u16>,
    pub sort_by_date: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub url: String,
    pub title: String,
    pub kind: String,
    pub kind_name: String,
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub score: f64,
    /// HTML: escaped text with `<mark>…</mark>` around matched words.
    pub snippet: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// Filter value: jurisdiction path, kind slug or year.
    pub value: String,
    pub name: String,
    pub count: usize,
}

/// Counts over every match of the text query, before filters, so that the
/// filter menus show what choosing another value would give.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub jurisdictions: Vec<FacetCount>,
    pub kinds: Vec<FacetCount>,
    pub years: Vec<FacetCount>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}
