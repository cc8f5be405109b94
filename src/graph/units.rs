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

/// The jurisdiction of the unit an issuer names ("UBND huyện Vĩnh Linh",
/// "Sở Nội vụ tỉnh Quảng Trị", "UBND xã …"), through the registry: among
/// homonyms, those in the province of the citing document first. `None`
/// when the issuer names no unit of the site, or several that the text
/// cannot tell apart.
pub fn issuer_jurisdiction(site: &Site, issuer: &str, citing: JurId) -> Option<JurId> {
    let r = crate::registry::registry();
    let chain = site.jurisdiction_chain(citing);
    let context = chain
        .iter()
        .rev()
        .find_map(|&j| site.jurisdiction(j).units.first())
        .map(|u| r.province_of(u));
    let mut found = context.map_or_else(Vec::new, |c| r.resolve_issuer_in(issuer, None, c));
    if found.is_empty() {
        found = r.resolve_issuer(issuer, None);
    }
    let first = found.first()?;
    let mut ids: Vec<JurId> = Vec::new();
    for id in found
        .iter()
        .filter_map(|u| site.jurisdiction_by_path(r.path(u)))
    {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if let Some(&near) = ids.iter().find(|id| chain.contains(id)) {
        return Some(near);
    }
    // One unit in two periods (a ward before and after the reform): the
    // one in force, which `resolve_issuer` lists first.
    let one_name = found
        .iter()
        .all(|u| u.name == first.name && u.level == first.level);
    match ids.as_slice() {
        [one] => Some(*one),
        [first_id, ..] if one_name => Some(*first_id),
        _ => None,
    }
}
