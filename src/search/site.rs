//! What the index stage takes from the rendered site: one [`SearchDoc`] per
//! document (its rendered text) and per cited-but-absent document (so that
//! searching "1291/KH-UBND" finds its page too).

use super::SearchDoc;
use crate::content::{JurId, Site};
use crate::graph::Graph;
use crate::render::views::label;
use crate::render::RenderedBody;
use std::collections::BTreeMap;

pub fn documents(site: &Site, graph: &Graph, bodies: &[RenderedBody]) -> Vec<SearchDoc> {
    let jurisdiction = |j: JurId| -> (Vec<String>, Vec<String>) {
        let chain = site.jurisdiction_chain(j);
        let paths = chain
            .iter()
            .skip(1)
            .map(|&c| {
                site.jurisdiction(c)
                    .path
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        // The root (Trung ương) is no filter value: names pair with paths.
        let names = chain
            .iter()
            .skip(1)
            .map(|&c| site.jurisdiction(c).name.clone())
            .collect();
        (paths, names)
    };
    // Successors are looked up once per jurisdiction that has documents:
    // a national site has every unit of the country as a jurisdiction.
    let mut successors: BTreeMap<JurId, Vec<String>> = BTreeMap::new();
    let used = site
        .documents
        .iter()
        .map(|d| d.jurisdiction)
        .chain(graph.stubs.iter().map(|s| s.jurisdiction));
    for j in used {
        successors
            .entry(j)
            .or_insert_with(|| successor_names(site, j));
    }
    let mut docs: Vec<SearchDoc> = site
        .documents
        .iter()
        .zip(bodies)
        .map(|(d, body)| {
            let (jurisdictions, jurisdiction_names) = jurisdiction(d.jurisdiction);
            SearchDoc {
                url: d.url_path.clone(),
                title: d.title.clone(),
                kind: d.kind.slug.to_string(),
                kind_name: d.kind.name.to_string(),
                number: d.number.as_ref().map(|n| n.written.clone()),
                issuer: d.issuer.clone(),
                date: d.issued.map(|x| x.iso()),
                jurisdictions,
                jurisdiction_names,
                successor_names: successors[&d.jurisdiction].clone(),
                body: body.plain_text(),
            }
        })
        .collect();
    docs.extend(graph.stubs.iter().map(|s| {
        let (jurisdictions, jurisdiction_names) = jurisdiction(s.jurisdiction);
        let kind_name = s.kind.map_or("Văn bản", |k| k.name);
        SearchDoc {
            url: s.url_path.clone(),
            title: label(kind_name, Some(&s.number.written), s.issued),
            kind: s.kind.map_or("", |k| k.slug).to_string(),
            kind_name: kind_name.to_string(),
            number: Some(s.number.written.clone()),
            issuer: s.issuer.clone(),
            date: s.issued.map(|x| x.iso()),
            jurisdictions,
            jurisdiction_names,
            successor_names: successors[&s.jurisdiction].clone(),
            body: String::new(),
        }
    }));
    docs
}

/// The units in force that hold the area of jurisdiction `j` when it is a
/// former unit: its new province (or đặc khu), and for a former district or
/// commune the communes that took it over. Empty for a unit in force.
fn successor_names(site: &Site, j: JurId) -> Vec<String> {
    let r = crate::registry::registry();
    let mut out: Vec<String> = Vec::new();
    for unit in site.jurisdiction(j).units.iter().filter(|u| !u.in_force()) {
        let mut found = r.successor_chain(unit);
        if unit.level != crate::registry::Level::Tinh {
            found.extend(r.successor_communes(unit));
        }
        for s in found {
            if !out.iter().any(|n| n == s.name) {
                out.push(s.name.to_string());
            }
        }
    }
    out
}
