//! Write: the last stage. Minifies pages, adds the sitemap and robots.txt,
//! checks that no two sources claim one output path, and writes everything
//! into a temporary folder beside the output that replaces it only when
//! every file was written.

pub mod api;
pub mod feeds;
pub mod minify;
pub mod originals;
pub mod sitemap;
pub mod write;

use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Two pages for one path is an error naming both sources.
pub fn check_collisions(written: &[(String, Option<PathBuf>)]) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<&str, &Option<PathBuf>> = BTreeMap::new();
    let mut errors = Vec::new();
    for (path, source) in written {
        if let Some(first) = seen.insert(path, source) {
            let name = |s: &Option<PathBuf>| {
                s.as_ref().map_or_else(
                    || "a generated page".to_string(),
                    |s| s.display().to_string(),
                )
            };
            let file = source.clone().or_else(|| first.clone()).unwrap_or_default();
            errors.push(Diagnostic::error(
                file,
                "url-collision",
                format!(
                    "{} and {} would both be written to /{}: give one of them another `slug` or file name",
                    name(first),
                    name(source),
                    path.trim_end_matches("index.html")
                ),
            ));
        }
    }
    errors
}
