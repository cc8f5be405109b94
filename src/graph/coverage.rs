//! Coverage: how a national decision is implemented across the country —
//! every document that implements it directly or through a chain (a district
//! plan implementing a provincial plan that implements the decision), by
//! province and district.

use super::{Graph, NodeId, Relation};
use crate::content::{JurId, Level, Site};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// One implementing document and the chain that leads from it to the
/// decision (its intermediate documents, nearest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Implementation {
    pub node: NodeId,
    pub via: Vec<NodeId>,
}

#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Per jurisdiction (the one each implementing document belongs to).
    pub by_jurisdiction: BTreeMap<JurId, Vec<Implementation>>,
}

impl Coverage {
    pub fn is_empty(&self) -> bool {
        self.by_jurisdiction.is_empty()
    }

    pub fn all(&self) -> impl Iterator<Item = &Implementation> {
        self.by_jurisdiction.values().flatten()
    }
}

/// Every document that implements `target`, directly or through others.
/// Each is shown with its longest chain, so that a district report that
/// names both the national decision and the plans in between is shown
/// coming through those plans, as the chain of command runs.
pub fn coverage(site: &Site, graph: &Graph, target: NodeId) -> Coverage {
    let mut reached: BTreeSet<NodeId> = BTreeSet::new();
    let mut queue = VecDeque::from([target]);
    while let Some(node) = queue.pop_front() {
        for &(from, relation) in &graph.incoming[node] {
            if relation == Relation::Implements && from != target && reached.insert(from) {
                queue.push_back(from);
            }
        }
    }
    // The implementation edges among the reached documents, found from the
    // side of what is implemented: a document with thousands of citations
    // is not scanned again for every document it implements.
    let mut implements: BTreeMap<NodeId, Vec<NodeId>> = BTreeMap::new();
    for &to in reached.iter().chain([&target]) {
        for &(from, relation) in &graph.incoming[to] {
            if relation == Relation::Implements && reached.contains(&from) {
                implements.entry(from).or_default().push(to);
            }
        }
    }
    let mut depth: BTreeMap<NodeId, (usize, Option<NodeId>)> =
        BTreeMap::from([(target, (0, None))]);
    for &node in &reached {
        longest(&implements, node, &mut depth, &mut BTreeSet::new());
    }
    let mut coverage = Coverage::default();
    for &node in &reached {
        let mut via = Vec::new();
        let mut step = depth.get(&node).and_then(|d| d.1);
        while let Some(s) = step.filter(|&s| s != target) {
            via.push(s);
            step = depth.get(&s).and_then(|d| d.1);
        }
        let jur = match graph.as_document(node) {
            Some(d) => site.documents[d].jurisdiction,
            None => graph.as_stub(node).map_or(0, |s| s.jurisdiction),
        };
        coverage
            .by_jurisdiction
            .entry(jur)
            .or_default()
            .push(Implementation { node, via });
    }
    coverage
}

/// Length of the longest implementation chain from `node` to the target,
/// and the next node on it; a relation cycle is cut where it closes.
fn longest(
    implements: &BTreeMap<NodeId, Vec<NodeId>>,
    node: NodeId,
    memo: &mut BTreeMap<NodeId, (usize, Option<NodeId>)>,
    on_path: &mut BTreeSet<NodeId>,
) -> Option<usize> {
    if let Some(&(d, _)) = memo.get(&node) {
        return Some(d);
    }
    if !on_path.insert(node) {
        return None;
    }
    let mut best: Option<(usize, NodeId)> = None;
    for &to in implements.get(&node).map(Vec::as_slice).unwrap_or(&[]) {
        if let Some(d) = longest(implements, to, memo, on_path) {
            if best.is_none_or(|(b, _)| d + 1 > b) {
                best = Some((d + 1, to));
            }
        }
    }
    on_path.remove(&node);
    let (d, next) = best?;
    memo.insert(node, (d, Some(next)));
    Some(d)
}

/// One row of a coverage table: a jurisdiction, and the jurisdictions
/// whose documents count for it (itself, what lies below it, and the
/// former units it took over with what lay below them).
#[derive(Debug, Clone)]
pub struct Row {
    pub jurisdiction: JurId,
    pub within: Vec<JurId>,
}

/// The rows a coverage table counts against. A national site: the
/// provinces in force (all 34, and any province a folder declares that the
/// registry does not know), each with its former provinces. A provincial
/// site (`don_vi`): its former districts and its communes in force, each
/// commune with the former communes and districts it took over.
pub fn rows(site: &Site) -> Vec<Row> {
    let heads: Vec<JurId> = match site.config.unit() {
        None => site
            .jurisdictions
            .iter()
            .enumerate()
            .filter(|(_, j)| j.level == Level::Tinh && j.parent == Some(0) && !j.is_former())
            .map(|(i, _)| i)
            .collect(),
        Some(_) => site
            .jurisdictions
            .iter()
            .enumerate()
            .filter(|(_, j)| {
                (j.level == Level::Huyen && j.is_former())
                    || (j.level == Level::Xa && !j.is_former())
            })
            .map(|(i, _)| i)
            .collect(),
    };
    heads.into_iter().map(|h| row(site, h, true)).collect()
}

/// The 63 provinces of 30 June 2025 (the merged ones and the unchanged
/// ones), each with what lay below it; empty for a provincial site.
pub fn former_rows(site: &Site) -> Vec<Row> {
    if site.config.unit().is_some() {
        return Vec::new();
    }
    let r = crate::registry::registry();
    let mut ids: Vec<JurId> = r
        .former_provinces()
        .iter()
        .filter_map(|u| site.jurisdiction_by_path(r.path(u)))
        .collect();
    ids.dedup();
    ids.into_iter().map(|h| row(site, h, false)).collect()
}

fn row(site: &Site, head: JurId, with_predecessors: bool) -> Row {
    let mut roots = vec![head];
    if with_predecessors {
        let level = site.jurisdiction(head).level;
        roots.extend(
            site.jurisdiction(head)
                .predecessors
                .iter()
                .copied()
                .filter(|&p| site.jurisdiction(p).level == level || level == Level::Xa),
        );
    }
    let mut within = Vec::new();
    while let Some(j) = roots.pop() {
        if within.contains(&j) {
            continue;
        }
        within.push(j);
        roots.extend(site.jurisdiction(j).children.iter().copied());
    }
    within.sort_unstable();
    Row {
        jurisdiction: head,
        within,
    }
}
