//! Updating a resolved graph after one document's text changed, for
//! `serve`: the document's own citations are found and resolved again with
//! the resolver's rules, its edges replaced, and the graph is left exactly
//! as a full [`resolve`](super::resolve::resolve) of the edited site would
//! make it. That holds only while the document's identity (number, date,
//! jurisdiction, URL) and the set of stub pages stay as they were, so an
//! edit that would add, drop or alter a stub is refused and the caller
//! resolves the whole site instead.

use super::resolve::{
    ambiguity_warning, date_mismatch_warning, distinct_dates, documents_by_number, find_all,
    follow_dated_mentions, linked_target, match_documents, new_stub, resolutions, Found, Outcome,
    PairRelations, Resolution, Target,
};
use super::scope::{scope, PlaceNames};
use super::{Graph, NodeId, Relation, Stub};
use crate::content::{DocId, JurId, Site};
use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What resolving one document needs from the rest of the site; valid as
/// long as no document's identity and no stub changes.
pub struct Index {
    by_key: HashMap<String, Vec<DocId>>,
    places: PlaceNames,
    /// Stub indices (not node ids) per (jurisdiction, number key) group, in
    /// the order the resolver made them.
    stub_groups: HashMap<(JurId, String), Vec<usize>>,
}

impl Index {
    pub fn new(site: &Site, graph: &Graph) -> Index {
        let by_key = documents_by_number(site);
        let mut stub_groups: HashMap<(JurId, String), Vec<usize>> = HashMap::new();
        for (i, s) in graph.stubs.iter().enumerate() {
            if s.external.is_none() {
                stub_groups
                    .entry((s.jurisdiction, s.number.key()))
                    .or_default()
                    .push(i);
            }
        }
        Index {
            by_key,
            places: PlaceNames::new(site),
            stub_groups,
        }
    }
}

/// Why an edit cannot be applied to the graph alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// A relation in front matter is no citation: the full build reports it.
    Errors(Vec<Diagnostic>),
    /// A stub page would appear, disappear or change.
    Stubs,
}

/// What an update changed, for deciding which pages to render again.
#[derive(Debug, Default)]
pub struct Updated {
    /// Nodes whose edge with the document appeared, disappeared or changed
    /// relation.
    pub touched: BTreeSet<NodeId>,
    /// Whether an `implements` edge of the document changed.
    pub implements_changed: bool,
}

/// Resolves document `doc` of `site` again (the caller has already put its
/// new version in place) and updates `graph` to match. On `Err` the graph
/// is left untouched.
pub fn update_document(
    site: &Site,
    graph: &mut Graph,
    index: &Index,
    doc: DocId,
) -> Result<Updated, Refused> {
    let found = find_in(site, doc)?;
    let targets: Vec<Target> = found
        .iter()
        .map(|f| {
            let citing = site.documents[doc].jurisdiction;
            Target {
                scope: scope(
                    site,
                    &index.places,
                    citing,
                    f.citation.issuer.as_deref(),
                    &f.citation.number,
                ),
                citing,
            }
        })
        .collect();

    // Against the site's documents, as the resolver does.
    let (mut outcomes, conflicts) = match_documents(site, &index.by_key, &found, &targets);
    let follows = follow_dated_mentions(&found, &mut outcomes);

    // The rest go to stubs: each group they join (and each group the old
    // version joined) must come out with exactly the stubs it has.
    let old_range = resolution_range(graph, doc);
    let group_of = |i: usize| {
        let t = &targets[follows[i].unwrap_or(i)];
        let jur = match t.scope {
            super::scope::Scope::Exact(j) => j,
            super::scope::Scope::Nearby => t.citing,
        };
        (jur, found[i].citation.number.key())
    };
    let mut new_members: BTreeMap<(JurId, String), Vec<usize>> = BTreeMap::new();
    for (i, outcome) in outcomes.iter().enumerate() {
        if outcome.is_none() {
            new_members.entry(group_of(i)).or_default().push(i);
        }
    }
    let mut groups: BTreeSet<(JurId, String)> = new_members.keys().cloned().collect();
    for r in &graph.resolutions[old_range.clone()] {
        if let Some(g) = stub_group(graph, &r.outcome) {
            groups.insert(g);
        }
    }
    if groups.is_empty() {
        // Nothing of this document is or was a stub.
    } else {
        let members = group_members(graph, &groups, old_range.clone());
        for group in &groups {
            let Some(stubs) = index.stub_groups.get(group) else {
                return Err(Refused::Stubs);
            };
            // The group's members in the resolver's order: documents before
            // this one, this one, documents after it.
            let (before, after) = members.get(group).cloned().unwrap_or_default();
            let mut all: Vec<Found> = before;
            let own = new_members.get(group).map(Vec::as_slice).unwrap_or(&[]);
            all.extend(own.iter().map(|&i| found[i].clone()));
            all.extend(after);
            if !same_stubs(site, graph, group.0, &all, stubs) {
                return Err(Refused::Stubs);
            }
            for &i in own {
                let fitting: Vec<NodeId> = stubs
                    .iter()
                    .filter(
                        |&&s| match (found[i].citation.date, graph.stubs[s].issued) {
                            (Some(a), Some(b)) => a.compatible(&b),
                            _ => true,
                        },
                    )
                    .map(|&s| graph.doc_count + s)
                    .collect();
                outcomes[i] = Some(match fitting.as_slice() {
                    [only] => Outcome::Stub(*only),
                    many => Outcome::Ambiguous(many.to_vec()),
                });
            }
        }
    }

    let resolutions = resolutions(found, outcomes, conflicts);
    Ok(apply(site, graph, doc, old_range, resolutions))
}

/// The document's citations, found as the resolver finds them.
fn find_in(site: &Site, doc: DocId) -> Result<Vec<Found>, Refused> {
    // `find_all` reads nothing but the documents: a site of one is enough.
    let one = Site {
        root: site.root.clone(),
        config: site.config.clone(),
        jurisdictions: Vec::new(),
        sections: Vec::new(),
        documents: vec![site.documents[doc].clone()],
    };
    let (mut found, errors) = find_all(&one);
    if !errors.is_empty() {
        return Err(Refused::Errors(errors));
    }
    for f in &mut found {
        f.doc = doc;
    }
    Ok(found)
}

/// Where the document's citations sit in `graph.resolutions` (in document
/// order, as the resolver found them).
fn resolution_range(graph: &Graph, doc: DocId) -> std::ops::Range<usize> {
    let start = graph.resolutions.partition_point(|r| r.found.doc < doc);
    let end = graph.resolutions.partition_point(|r| r.found.doc <= doc);
    start..end
}

/// The stub group a resolved citation belongs to, if it went to stubs.
fn stub_group(graph: &Graph, outcome: &Outcome) -> Option<(JurId, String)> {
    let node = match outcome {
        Outcome::Stub(n) => *n,
        Outcome::Ambiguous(nodes) => *nodes.first()?,
        _ => return None,
    };
    let stub = graph.as_stub(node)?;
    (stub.external.is_none()).then(|| (stub.jurisdiction, stub.number.key()))
}

type Members = HashMap<(JurId, String), (Vec<Found>, Vec<Found>)>;

/// The other documents' citations in each group: those before the edited
/// document and those after it.
fn group_members(
    graph: &Graph,
    groups: &BTreeSet<(JurId, String)>,
    own: std::ops::Range<usize>,
) -> Members {
    let mut members = Members::new();
    for (i, r) in graph.resolutions.iter().enumerate() {
        if own.contains(&i) {
            continue;
        }
        let Some(g) = stub_group(graph, &r.outcome) else {
            continue;
        };
        if groups.contains(&g) {
            let entry = members.entry(g).or_default();
            if i < own.start {
                entry.0.push(r.found.clone());
            } else {
                entry.1.push(r.found.clone());
            }
        }
    }
    members
}

/// Whether the resolver, given these members of a group, makes exactly the
/// group's current stubs. URLs follow: the same number and date give the
/// same URL when every other stub and document is unchanged.
fn same_stubs(site: &Site, graph: &Graph, jur: JurId, members: &[Found], stubs: &[usize]) -> bool {
    if members.is_empty() {
        return false;
    }
    let distinct = distinct_dates(members.iter().filter_map(|f| f.citation.date));
    let mut scratch = HashSet::new();
    let made: Vec<Stub> = if distinct.is_empty() {
        let all: Vec<usize> = (0..members.len()).collect();
        vec![new_stub(site, jur, members, &all, None, &mut scratch)]
    } else {
        distinct
            .iter()
            .map(|d| {
                let with_date: Vec<usize> = (0..members.len())
                    .filter(|&i| members[i].citation.date.is_some_and(|cd| cd.compatible(d)))
                    .collect();
                new_stub(site, jur, members, &with_date, Some(*d), &mut scratch)
            })
            .collect()
    };
    made.len() == stubs.len()
        && made.iter().zip(stubs).all(|(m, &s)| {
            let old = &graph.stubs[s];
            m.kind == old.kind
                && m.number.written == old.number.written
                && m.issued == old.issued
                && m.issuer == old.issuer
                && m.jurisdiction == old.jurisdiction
        })
}

/// Puts the document's new resolutions, links and edges into the graph.
fn apply(
    site: &Site,
    graph: &mut Graph,
    doc: DocId,
    old_range: std::ops::Range<usize>,
    resolutions: Vec<Resolution>,
) -> Updated {
    let mut edges: BTreeMap<NodeId, PairRelations> = BTreeMap::new();
    let mut all_links = vec![Vec::new(); graph.links.len()];
    for r in &resolutions {
        if let Some(target) = linked_target(r, &mut all_links) {
            edges.entry(target).or_default().add(&r.found);
        }
    }
    let links = std::mem::take(&mut all_links[doc]);
    let new: Vec<(NodeId, Relation)> = edges
        .into_iter()
        .flat_map(|(to, pair)| pair.kept().into_iter().map(move |r| (to, r)))
        .collect();
    let old = std::mem::replace(&mut graph.outgoing[doc], new.clone());
    let mut updated = Updated::default();
    for &(to, relation) in &old {
        if !new.contains(&(to, relation)) {
            graph.incoming[to].retain(|&edge| edge != (doc, relation));
            updated.touched.insert(to);
            updated.implements_changed |= relation == Relation::Implements;
        }
    }
    for &(to, relation) in &new {
        if !old.contains(&(to, relation)) {
            let list = &mut graph.incoming[to];
            let at = list.partition_point(|&edge| edge < (doc, relation));
            list.insert(at, (doc, relation));
            updated.touched.insert(to);
            updated.implements_changed |= relation == Relation::Implements;
        }
    }
    graph.links[doc] = links;

    let source = &site.documents[doc].source;
    graph.findings.retain(|f| {
        !(f.file == *source && matches!(f.code, "ambiguous-citation" | "date-mismatch"))
    });
    graph.findings.extend(
        resolutions
            .iter()
            .filter_map(|r| ambiguity_warning(site, &graph.stubs, r)),
    );
    graph.findings.extend(
        resolutions
            .iter()
            .filter_map(|r| date_mismatch_warning(site, r)),
    );
    graph.resolutions.splice(old_range, resolutions);
    updated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::{load, LoadOptions};

    fn write(root: &std::path::Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
    }

    fn doc(front: &str, body: &str) -> String {
        format!("+++\n{front}\n+++\n{body}")
    }

    fn load_site(root: &std::path::Path) -> Site {
        let config = Config::load(root).unwrap();
        load(root.to_path_buf(), config, &LoadOptions::default())
            .ok()
            .unwrap()
            .site
    }

    /// Edges, links and stubs as comparable text.
    fn shape(site: &Site, g: &Graph) -> String {
        let mut out = String::new();
        for (n, edges) in g.outgoing.iter().enumerate() {
            out.push_str(&format!("out {n}: {edges:?}\n"));
        }
        for (n, edges) in g.incoming.iter().enumerate() {
            out.push_str(&format!("in {n}: {edges:?}\n"));
        }
        for (n, links) in g.links.iter().enumerate() {
            out.push_str(&format!("links {n}: {links:?}\n"));
        }
        for s in &g.stubs {
            out.push_str(&format!("stub {s:?}\n"));
        }
        for r in &g.resolutions {
            out.push_str(&format!("res {:?} {:?}\n", r.found.doc, r.outcome));
        }
        let _ = site;
        out
    }

    const PLAN: &str = "title = \"Kế hoạch\"\nkind = \"ke-hoach\"\nnumber = \"6861/KH-UBND\"\nissued = \"2019-07-12\"\nissuer = \"Ủy ban nhân dân tỉnh Khánh Hòa\"";

    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                ("config.toml", "title = \"Thử\"\n"),
                ("content/_index.md", "+++\nname = \"Trung ương\"\nlevel = \"trung-uong\"\n+++\n"),
                ("content/khanh-hoa/_index.md", "+++\nname = \"Tỉnh Khánh Hòa\"\nlevel = \"tinh\"\n+++\n"),
                (
                    "content/qd.md",
                    &doc("title = \"Đề án\"\nkind = \"quyet-dinh\"\nnumber = \"1847/QĐ-TTg\"\nissued = \"2018-12-27\"\nissuer = \"Thủ tướng Chính phủ\"", "Nội dung.\n"),
                ),
                (
                    "content/khanh-hoa/a.md",
                    &doc(PLAN, "Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ; Kế hoạch số 5/KH-BNV ngày 01/02/2019 của Bộ Nội vụ.\n"),
                ),
                (
                    "content/khanh-hoa/b.md",
                    &doc("title = \"Báo cáo\"\nkind = \"bao-cao\"\nnumber = \"12/BC-UBND\"\nissued = \"2020-12-01\"", "Theo Kế hoạch số 6861/KH-UBND ngày 12/7/2019 và Kế hoạch số 5/KH-BNV ngày 01/02/2019 của Bộ Nội vụ.\n"),
                ),
            ],
        );
        dir
    }

    /// Applies an edit of a.md both ways and compares with a full resolve.
    fn check(body: &str) -> Result<(), Refused> {
        let dir = fixture();
        let root = dir.path();
        let mut site = load_site(root);
        let mut graph = super::super::resolve(&site);
        let index = Index::new(&site, &graph);
        write(root, &[("content/khanh-hoa/a.md", &doc(PLAN, body))]);
        let fresh = load_site(root);
        let i = site
            .documents
            .iter()
            .position(|d| d.source.ends_with("a.md"))
            .unwrap();
        let (new, findings) = crate::content::reload_document(root, &site.documents[i]);
        assert!(findings.is_empty(), "{findings:?}");
        site.documents[i] = new.unwrap();
        update_document(&site, &mut graph, &index, i)?;
        let full = super::super::resolve(&fresh);
        assert_eq!(shape(&site, &graph), shape(&fresh, &full));
        Ok(())
    }

    #[test]
    fn body_edits_give_the_graph_of_a_full_resolve() {
        check("Nội dung mới, không dẫn chiếu gì.\n").unwrap();
        check("Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ; Kế hoạch số 5/KH-BNV ngày 01/02/2019 của Bộ Nội vụ. Thêm một câu.\n").unwrap();
        // Dropping the national decision but keeping the stub's citation.
        check("Kế hoạch số 5/KH-BNV ngày 01/02/2019 của Bộ Nội vụ.\n").unwrap();
        // Citing a document of the site it did not cite before.
        check("Kế hoạch số 5/KH-BNV ngày 01/02/2019 của Bộ Nội vụ; Báo cáo số 12/BC-UBND ngày 01/12/2020.\n").unwrap();
    }

    #[test]
    fn an_edit_that_would_change_a_stub_is_refused() {
        // A citation of a document nobody cited yet: a new stub.
        assert_eq!(
            check("Kế hoạch số 5/KH-BNV ngày 01/02/2019 của Bộ Nội vụ; Công văn số 99/BNV-CCVC ngày 02/03/2020 của Bộ Nội vụ.\n"),
            Err(Refused::Stubs)
        );
    }
}
