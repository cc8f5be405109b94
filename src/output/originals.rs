//! The received original of each document (front matter `original`),
//! copied byte for byte beside the document's page, so that the page links
//! to it with a relative address that works under any sub-path.

use crate::content::{Document, Site};
use crate::diagnostics::Diagnostic;
use crate::render::Page;

/// The output path of `doc`'s original, when it has one.
pub fn output_path(doc: &Document) -> Option<String> {
    let facts = doc.original.as_ref()?.facts.as_ref()?;
    Some(format!("{}{}", doc.url_path, facts.published))
}

/// Every document's original, read from the site. `put` takes each page.
pub fn write(
    site: &Site,
    put: impl Fn(Page) -> Result<(), Vec<Diagnostic>> + Sync,
) -> Result<(), Vec<Diagnostic>> {
    use rayon::prelude::*;
    site.documents.par_iter().try_for_each(|doc| {
        let (Some(path), Some(facts)) = (
            output_path(doc),
            doc.original.as_ref().and_then(|o| o.facts.as_ref()),
        ) else {
            return Ok(());
        };
        let content = std::fs::read(site.root.join(&facts.path)).map_err(|e| {
            vec![Diagnostic::error(
                &doc.source,
                "original-missing",
                format!(
                    "original file {} cannot be read ({e})",
                    facts.path.display()
                ),
            )]
        })?;
        put(Page {
            path,
            content,
            source: Some(doc.source.clone()),
        })
    })
}
