//! Links citations in rendered bodies to the pages they resolved to. The
//! renderer sees text runs, not the raw Markdown the resolver read, so each
//! run is parsed again and matched to the document's resolved citations by
//! number and date.

use super::{Graph, LinkedCitation};
use crate::cite;
use crate::content::Site;
use crate::render::{Linker, LinkerFactory};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub struct CitationLinks<'a> {
    pub site: &'a Site,
    pub graph: &'a Graph,
}

struct DocumentLinks<'a> {
    links: &'a CitationLinks<'a>,
    doc: usize,
    page_root: String,
    /// The document's resolved citations by number key, so that a document
    /// citing thousands is not searched whole for each of them.
    by_key: HashMap<&'a str, Vec<&'a LinkedCitation>>,
    /// The serial numbers ("1847") of the document's resolved citations, or
    /// `None` when one has no serial: a run containing none of them holds no
    /// citation to link, and is not parsed again.
    serials: Option<HashSet<&'a str>>,
}

impl LinkerFactory for CitationLinks<'_> {
    fn for_document(&self, doc: usize, page_root: &str) -> Box<dyn Linker + '_> {
        let resolved = &self.graph.links[doc];
        let mut by_key: HashMap<&str, Vec<&LinkedCitation>> = HashMap::new();
        for link in resolved {
            by_key
                .entry(link.number_key.as_str())
                .or_default()
                .push(link);
        }
        Box::new(DocumentLinks {
            links: self,
            doc,
            page_root: page_root.to_string(),
            by_key,
            serials: serials(resolved),
        })
    }
}

impl Linker for DocumentLinks<'_> {
    fn links(&self, text: &str) -> Vec<(Range<usize>, String)> {
        let resolved = &self.links.graph.links[self.doc];
        if resolved.is_empty() || !self.may_cite(text) {
            return Vec::new();
        }
        cite::find_citations(text)
            .into_iter()
            .filter_map(|c| {
                let key = c.number.key();
                let same_number = self.by_key.get(key.as_str())?.iter();
                let target = match same_number.clone().find(|l| l.date == c.date) {
                    // Resolved as written, or ambiguous and left as text.
                    Some(exact) => exact.target?,
                    None => {
                        // The run may have lost the date to markup: link only
                        // when every mention of the number went to one page.
                        let mut targets: Vec<Option<usize>> =
                            same_number.map(|l| l.target).collect();
                        targets.sort_unstable();
                        targets.dedup();
                        match targets.as_slice() {
                            [Some(only)] => *only,
                            _ => return None,
                        }
                    }
                };
                // A federated site's document is linked on its own portal.
                if let Some(ext) = self
                    .links
                    .graph
                    .as_stub(target)
                    .and_then(|s| s.external.as_ref())
                {
                    return Some((c.span.start..c.number_span.end, ext.url.clone()));
                }
                let url = self.url_of(target)?;
                Some((
                    c.span.start..c.number_span.end,
                    format!("{}{}", self.page_root, url),
                ))
            })
            .collect()
    }
}

/// The leading digits of each number key ("1847" of "1847-QD-TTG"),
/// without repeats; `None` if some key does not start with a serial.
fn serials(resolved: &[LinkedCitation]) -> Option<HashSet<&str>> {
    let mut serials = HashSet::new();
    for link in resolved {
        let serial = link.number_key.split('-').next().unwrap_or("");
        if serial.is_empty() || !serial.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        serials.insert(serial);
    }
    Some(serials)
}

impl DocumentLinks<'_> {
    /// Whether `text` can hold one of the document's resolved citations.
    fn may_cite(&self, text: &str) -> bool {
        match &self.serials {
            // A number begins with its serial, a whole run of digits.
            Some(serials) => text
                .split(|c: char| !c.is_ascii_digit())
                .any(|run| !run.is_empty() && serials.contains(run)),
            None => true,
        }
    }

    fn url_of(&self, node: usize) -> Option<String> {
        let graph = self.links.graph;
        match graph.as_document(node) {
            Some(d) => Some(self.links.site.documents[d].url_path.clone()),
            None => graph.as_stub(node).map(|s| s.url_path.clone()),
        }
    }
}
