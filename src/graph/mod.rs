//! Resolve: turns the citations of every document into a graph of
//! relations between documents, with a page ("stub") for each cited document
//! that is not published here.
//!
//! Nodes are numbered so that `0..site.documents.len()` are the site's
//! documents (same index as [`Site::documents`]) and the rest are stubs.

pub mod coverage;
mod external;
mod linker;
pub mod resolve;
mod scope;
pub mod units;
pub mod update;
pub mod validity;

pub use linker::CitationLinks;
pub use resolve::{Outcome, Resolution};

use crate::content::{DocId, JurId, Site};
use crate::diagnostics::Diagnostic;
use crate::model::{DocNumber, Kind, PartialDate};

pub type NodeId = usize;

/// How one document relates to another it names; shared with the
/// citation reader, so it lives in the model.
pub use crate::model::Relation;

/// A document cited but not published on this site.
#[derive(Debug, Clone)]
pub struct Stub {
    pub url_path: String,
    pub kind: Option<Kind>,
    pub number: DocNumber,
    pub issued: Option<PartialDate>,
    /// The issuer as the citations wrote it, if any did.
    pub issuer: Option<String>,
    pub jurisdiction: JurId,
    /// Published by a federated site: where, so that links lead there.
    pub external: Option<ExternalLink>,
}

/// A document of another vanban site, known from its manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    /// Absolute URL of the document on its own site.
    pub url: String,
    pub title: String,
    /// The title of the site that publishes it.
    pub site: String,
}

/// A citation in a document's text and where it leads, for linking it in
/// the rendered body; `None` when it was ambiguous and must stay text.
#[derive(Debug, Clone)]
pub struct LinkedCitation {
    pub number_key: String,
    pub date: Option<PartialDate>,
    pub target: Option<NodeId>,
}

#[derive(Debug, Default)]
pub struct Graph {
    pub doc_count: usize,
    pub stubs: Vec<Stub>,
    /// Per node: (target, relation), sorted, without duplicates; a pair
    /// may have several relations (amends and based on), see
    /// [`crate::model::relation::combine`].
    pub outgoing: Vec<Vec<(NodeId, Relation)>>,
    /// Per node: (source, relation), sorted, without duplicates.
    pub incoming: Vec<Vec<(NodeId, Relation)>>,
    /// Per document: its resolved citations.
    pub links: Vec<Vec<LinkedCitation>>,
    pub findings: Vec<Diagnostic>,
    /// Every citation found and what became of it, for `vanban check`.
    pub resolutions: Vec<Resolution>,
}

impl Graph {
    /// A graph with no relations: every document stands alone.
    pub fn unlinked(site: &Site) -> Graph {
        let n = site.documents.len();
        Graph {
            doc_count: n,
            stubs: Vec::new(),
            outgoing: vec![Vec::new(); n],
            incoming: vec![Vec::new(); n],
            links: vec![Vec::new(); n],
            findings: Vec::new(),
            resolutions: Vec::new(),
        }
    }

    pub fn node_count(&self) -> usize {
        self.doc_count + self.stubs.len()
    }

    pub fn as_document(&self, node: NodeId) -> Option<DocId> {
        (node < self.doc_count).then_some(node)
    }

    pub fn as_stub(&self, node: NodeId) -> Option<&Stub> {
        node.checked_sub(self.doc_count)
            .and_then(|i| self.stubs.get(i))
    }
}

pub fn resolve(site: &Site) -> Graph {
    resolve::resolve(site)
}

/// Resolves with the documents of federated sites as further candidates.
pub fn resolve_federated(site: &Site, federated: &[crate::federation::ExternalSite]) -> Graph {
    resolve::resolve_with(site, federated)
}
