//! Whether a document is in force on a given day, from its own dates and
//! from the documents that replace, repeal or amend it. Derived per node
//! when a page asks, since it depends only on the graph and the day.

use super::{Graph, NodeId, Relation};
use crate::content::Site;
use crate::model::validity::{effective_in_text, reached, Status};
use crate::model::PartialDate;

/// One document changing another's text or force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub by: NodeId,
    pub relation: Relation,
    /// When the change takes effect: the changing document's effective
    /// date, else its issue date.
    pub date: Option<PartialDate>,
    /// The date has come by the day the status is for.
    pub applied: bool,
}

#[derive(Debug, Clone)]
pub struct Validity {
    pub status: Status,
    /// Set in front matter rather than derived.
    pub stated: bool,
    pub effective: Option<PartialDate>,
    pub expires: Option<PartialDate>,
    /// What replaced or repealed it as a whole, when that ended its force.
    pub ended_by: Option<Change>,
    /// Every change, oldest first (undated last).
    pub changes: Vec<Change>,
}

/// The effective date of a node: front matter's `effective`, else what
/// its text states. Unknown for a stub.
pub fn effective(site: &Site, graph: &Graph, node: NodeId) -> Option<PartialDate> {
    let d = &site.documents[graph.as_document(node)?];
    d.effective.or_else(|| effective_in_text(&d.body, d.issued))
}

fn issued(site: &Site, graph: &Graph, node: NodeId) -> Option<PartialDate> {
    match graph.as_document(node) {
        Some(d) => site.documents[d].issued,
        None => graph.as_stub(node).and_then(|s| s.issued),
    }
}

/// The day statuses are for: `--as-of` or `as_of` in config.toml, else
/// today in Vietnam.
pub fn as_of(config: &crate::config::Config) -> PartialDate {
    config.as_of.unwrap_or_else(crate::new::today_in_vietnam)
}

/// The status of `node` on `as_of`.
pub fn validity(site: &Site, graph: &Graph, node: NodeId, as_of: PartialDate) -> Validity {
    let doc = graph.as_document(node).map(|d| &site.documents[d]);
    let effective = effective(site, graph, node);
    let expires = doc.and_then(|d| d.expires);
    let mut changes: Vec<Change> = graph.incoming[node]
        .iter()
        .filter(|(_, r)| r.is_lifecycle())
        .map(|&(by, relation)| {
            let date = self::effective(site, graph, by).or_else(|| issued(site, graph, by));
            Change {
                by,
                relation,
                date,
                applied: date.is_none_or(|d| reached(d, as_of)),
            }
        })
        .collect();
    changes.sort_by_key(|c| (c.date.is_none(), c.date, c.by));
    let ended_by = changes
        .iter()
        .copied()
        .find(|c| c.applied && c.relation.ends_force());
    let derived = if effective.is_some_and(|e| !reached(e, as_of)) {
        Status::NotYetInForce
    } else if ended_by.is_some() || expires.is_some_and(|e| reached(e, as_of)) {
        Status::NotInForce
    } else if changes
        .iter()
        .any(|c| c.applied && matches!(c.relation, Relation::Amends | Relation::RepealsInPart))
    {
        Status::PartlyInForce
    } else if effective.is_some() {
        Status::InForce
    } else {
        Status::Unknown
    };
    let stated = doc.and_then(|d| d.status);
    Validity {
        status: stated.unwrap_or(derived),
        stated: stated.is_some(),
        effective,
        expires,
        ended_by,
        changes,
    }
}
