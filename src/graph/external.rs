//! The documents of federated sites as resolution candidates: indexed by
//! number, each placed in the jurisdiction of this site that has the same
//! name (or content path) as its own, so that scoping by issuer works on
//! them as on local documents.

use super::{ExternalLink, Stub};
use crate::content::{identity_slug, JurId, Site};
use crate::federation::{ExternalSite, ManifestDocument};
use crate::model::{DocNumber, Kind, PartialDate};
use crate::text::{fold, slugify};
use std::collections::{HashMap, HashSet};

pub struct ExternalDoc<'a> {
    pub doc: &'a ManifestDocument,
    pub site_title: &'a str,
    pub jur: JurId,
    pub number: Option<DocNumber>,
    pub issued: Option<PartialDate>,
}

pub struct Externals<'a> {
    pub docs: Vec<ExternalDoc<'a>>,
    by_key: HashMap<String, Vec<usize>>,
    pub by_url: HashMap<&'a str, usize>,
}

impl<'a> Externals<'a> {
    pub fn new(site: &Site, federated: &'a [ExternalSite]) -> Self {
        // Declared jurisdictions and provinces by name; other units of the
        // registry (homonyms abound) through it, below.
        let by_name: HashMap<String, JurId> = site
            .jurisdictions
            .iter()
            .enumerate()
            .filter(|(_, j)| j.source.is_some() || j.level <= crate::content::Level::Tinh)
            .map(|(i, j)| (fold(&j.name), i))
            .collect();
        let local: HashSet<(String, JurId)> = site
            .documents
            .iter()
            .filter_map(|d| Some((d.number.as_ref()?.key(), d.jurisdiction)))
            .collect();
        let mut docs = Vec::new();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_url = HashMap::new();
        for ext in federated {
            let m = &ext.manifest;
            let jur_of: HashMap<&str, JurId> = m
                .jurisdictions
                .iter()
                .map(|j| {
                    let id = by_name
                        .get(&fold(&j.name))
                        .copied()
                        .or_else(|| site.jurisdiction_by_path(&j.path))
                        .or_else(|| super::units::issuer_jurisdiction(site, &j.name, 0))
                        .unwrap_or(0);
                    (j.path.as_str(), id)
                })
                .collect();
            for d in &m.documents {
                let jur = jur_of
                    .get(d.jurisdiction.as_str())
                    .copied()
                    .filter(|&j| j != 0)
                    .or_else(|| {
                        let issuer = d.issuer.as_deref()?;
                        super::units::issuer_jurisdiction(site, issuer, 0)
                    })
                    .unwrap_or(0);
                let number = d
                    .number
                    .as_deref()
                    .filter(|n| !n.trim().is_empty())
                    .map(DocNumber::new);
                let key = number
                    .as_ref()
                    .filter(|n| n.serial().is_some())
                    .map(|n| n.key());
                // The same document published here too: this site's copy wins.
                if key
                    .as_ref()
                    .is_some_and(|k| local.contains(&(k.clone(), jur)))
                {
                    continue;
                }
                if by_url.contains_key(d.url.as_str()) {
                    continue;
                }
                let index = docs.len();
                by_url.insert(d.url.as_str(), index);
                if let Some(k) = key {
                    by_key.entry(k).or_default().push(index);
                }
                docs.push(ExternalDoc {
                    doc: d,
                    site_title: &m.title,
                    jur,
                    number,
                    issued: d.issued.as_deref().and_then(PartialDate::parse_iso),
                });
            }
        }
        Externals {
            docs,
            by_key,
            by_url,
        }
    }

    /// The one external document a citation can mean, if exactly one fits.
    pub fn find(
        &self,
        key: &str,
        date: Option<PartialDate>,
        in_scope: impl Fn(JurId) -> bool,
    ) -> Option<usize> {
        let fitting: Vec<usize> = self
            .by_key
            .get(key)?
            .iter()
            .copied()
            .filter(|&e| in_scope(self.docs[e].jur))
            .filter(|&e| match (date, self.docs[e].issued) {
                (Some(a), Some(b)) => a.compatible(&b),
                _ => true,
            })
            .collect();
        match fitting.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }

    /// The local page for an external document; it links to the original.
    pub fn stub(
        &self,
        site: &Site,
        index: usize,
        ext: &ExternalDoc<'_>,
        taken: &mut HashSet<String>,
    ) -> Stub {
        let folder = site.jurisdiction(ext.jur).url_path();
        let slug = identity_slug(ext.number.as_ref(), ext.issued)
            .or_else(|| {
                let last = ext.doc.url.trim_end_matches('/').rsplit('/').next()?;
                Some(slugify(last)).filter(|s| !s.is_empty())
            })
            .unwrap_or_else(|| format!("van-ban-lien-thong-{}", index + 1));
        let mut url_path = format!("{folder}{slug}/");
        let mut n = 2;
        while taken.contains(&url_path) {
            url_path = format!("{folder}{slug}-{n}/");
            n += 1;
        }
        taken.insert(url_path.clone());
        Stub {
            url_path,
            kind: Kind::lookup(&ext.doc.kind),
            number: ext.number.clone().unwrap_or_else(|| DocNumber::new("")),
            issued: ext.issued,
            issuer: ext.doc.issuer.clone(),
            jurisdiction: ext.jur,
            external: Some(ExternalLink {
                url: ext.doc.url.clone(),
                title: ext.doc.title.clone(),
                site: ext.site_title.to_string(),
            }),
        }
    }
}
