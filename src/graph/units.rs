//! Which jurisdictions a site shows. A national site knows some 14,000
//! administrative units (every province, former district and commune of
//! both periods), and a page for each would bury the few that matter: a
//! jurisdiction gets a page only when something is published or cited in
//! it (a document, a stub, a federated document), when it is an ancestor or
//! a successor of one that does, when its folder declares it (`_index.md`),
//! or when it is a province (in force or former), so that the list of
//! provinces is complete.

use super::Graph;
use crate::content::{JurId, Level, Site, Successor};

/// Per jurisdiction, whether the site shows it; see the module docs.
pub fn shown(site: &Site, graph: &Graph) -> Vec<bool> {
    let n = site.jurisdictions.len();
    let mut shown = vec![false; n];
    let mut seeds: Vec<JurId> = vec![0];
    seeds.extend(site.documents.iter().map(|d| d.jurisdiction));
    seeds.extend(graph.stubs.iter().map(|s| s.jurisdiction));
    for (i, j) in site.jurisdictions.iter().enumerate() {
        if j.source.is_some() || (j.level == Level::Tinh && j.parent == Some(0)) {
            seeds.push(i);
        }
    }
    while let Some(j) = seeds.pop() {
        if shown[j] {
            continue;
        }
        let mut at = Some(j);
        while let Some(a) = at {
            if !shown[a] {
                shown[a] = true;
                if let Some(Successor::Jurisdiction(s)) = site.jurisdictions[a].successor {
                    seeds.push(s);
                }
            }
            at = site.jurisdictions[a].parent;
        }
    }
    shown
}

/// Per jurisdiction, whether it or a jurisdiction below it holds a
/// document or a stub: what a list of units should name.
pub fn populated(site: &Site, graph: &Graph) -> Vec<bool> {
    let mut out = vec![false; site.jurisdictions.len()];
    let seeds = site
        .documents
        .iter()
        .map(|d| d.jurisdiction)
        .chain(graph.stubs.iter().map(|s| s.jurisdiction));
    for j in seeds {
        let mut at = Some(j);
        while let Some(a) = at.filter(|&a| !out[a]) {
            out[a] = true;
            at = site.jurisdictions[a].parent;
        }
    }
    out
}
