//! Write: the last stage. Minifies pages, adds the sitemap and robots.txt,
//! checks that no two sources claim one output path, and writes everything
//! into a temporary folder beside the output that replaces it only when
//! every file was written.

pub mod api;
pub mod feeds;
pub mod minify;
pub mod sitemap;
pub mod write;

use crate::diagnostics::Diagnostic;
use crate::render::Page;
use std::collections::BTreeMap;

/// Two pages for one path is an error naming both sources.
pub fn check_collisions(pages: &[Page]) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<&str, &Page> = BTreeMap::new();
    let mut errors = Vec::new();
    for page in pages {
        if let Some(first) = seen.insert(&page.path, page) {
            let name = |p: &Page| {
                p.source.as_ref().map_or_else(
                    || "a generated page".to_string(),
                    |s| s.display().to_string(),
                )
            };
            let file = page
                .source
                .clone()
                .or_else(|| first.source.clone())
                .unwrap_or_default();
            errors.push(Diagnostic::error(
                file,
                "url-collision",
                format!(
                    "{} and {} would both be written to /{}: give one of them another `slug` or file name",
                    name(first),
                    name(page),
                    page.path.trim_end_matches("index.html")
                ),
            ));
        }
    }
    errors
}
