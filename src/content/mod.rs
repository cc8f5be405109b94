//! Load: reads `content/` into a [`Site`] of jurisdictions and documents.
//!
//! The folder tree is the administrative hierarchy: a folder whose
//! `_index.md` has a `level` is a jurisdiction, any other folder is a plain
//! section (such as `tin-tuc/`) inside the nearest jurisdiction. Files are
//! parsed in parallel and every file's findings are collected, so one bad
//! document never hides the errors of the others.

mod document;
pub(crate) mod front_matter;
pub mod images;
mod jurisdiction;
pub mod original;
mod raw;
mod units;
mod walk;

pub use document::{identity_slug, Document, Image, News, Signer, AWARDS};
pub use jurisdiction::{
    reserved_paths, Jurisdiction, Level, Section, Successor, JURISDICTION_FOLDERS, SITE_FOLDERS,
};
pub use raw::RawSigner;
pub use walk::reload_document;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use std::path::PathBuf;

/// Index of a document in [`Site::documents`].
pub type DocId = usize;
/// Index of a jurisdiction in [`Site::jurisdictions`]; 0 is the root.
pub type JurId = usize;

#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// Sorted by path; index 0 is the root ("Trung ương").
    pub jurisdictions: Vec<Jurisdiction>,
    pub sections: Vec<Section>,
    /// Sorted by URL path.
    pub documents: Vec<Document>,
}

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub drafts: bool,
}

/// A loaded site, or every error found; warnings travel with both.
pub struct Loaded {
    pub site: Site,
    pub warnings: Vec<Diagnostic>,
}

/// A load with errors: the findings, and the documents that did parse, so
/// that later checks (relations) can still report on them.
pub struct LoadFailure {
    pub findings: Vec<Diagnostic>,
    /// Boxed: a `Result` carries its larger variant's size everywhere.
    pub partial: Box<Site>,
}

pub fn load(root: PathBuf, config: Config, options: &LoadOptions) -> Result<Loaded, LoadFailure> {
    walk::load_site(root, config, options)
}

impl Site {
    pub fn jurisdiction(&self, id: JurId) -> &Jurisdiction {
        &self.jurisdictions[id]
    }

    /// The chain from the root down to `id`, root first.
    pub fn jurisdiction_chain(&self, id: JurId) -> Vec<JurId> {
        let mut chain = vec![id];
        let mut current = id;
        while let Some(parent) = self.jurisdictions[current].parent {
            chain.push(parent);
            current = parent;
        }
        chain.reverse();
        chain
    }

    /// Whether `id` is `ancestor` or lies within it. Lists ask this of
    /// every document for every jurisdiction, so it walks up without
    /// allocating a chain.
    pub fn lies_within(&self, id: JurId, ancestor: JurId) -> bool {
        let mut current = Some(id);
        while let Some(j) = current {
            if j == ancestor {
                return true;
            }
            current = self.jurisdictions[j].parent;
        }
        false
    }

    /// The province (level tỉnh) that `id` is or lies in.
    pub fn province_of(&self, id: JurId) -> Option<JurId> {
        self.jurisdiction_chain(id)
            .into_iter()
            .find(|&j| self.jurisdictions[j].level == Level::Tinh)
    }

    /// The district (level huyện) that `id` is or lies in.
    pub fn district_of(&self, id: JurId) -> Option<JurId> {
        self.jurisdiction_chain(id)
            .into_iter()
            .find(|&j| self.jurisdictions[j].level == Level::Huyen)
    }

    pub fn jurisdiction_by_path(&self, path: &str) -> Option<JurId> {
        self.jurisdictions
            .binary_search_by(|j| j.path.as_str().cmp(path))
            .ok()
    }
}
