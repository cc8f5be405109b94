//! schema.org JSON-LD for document and stub pages, so that search engines
//! and portals that harvest legislation read a page's identity, status and
//! relations without scraping it: `Legislation` for an administrative or
//! legal document (the vocabulary of the European Legislation Identifier,
//! which schema.org took over), `NewsArticle` for a news post.
//!
//! Relations map to the ELI properties: implements → `legislationApplies`,
//! amends → `legislationAmends`, replaces and repeals (whole or in part) →
//! `legislationRepeals`, corrects → `legislationCorrects`, guides →
//! `legislationEnsuresImplementationOf`; every one of these is also a
//! `legislationChanges` except implements and guides; based_on and cites
//! are `citation`. Addresses are given only under an absolute `base_url`:
//! a relative one would resolve against the wrong page.

use super::views::{DocSummary, StatusView, Views};
use crate::graph::{NodeId, Relation};
use crate::model::validity::Status;
use serde_json::{json, Map, Value};

/// The schema.org properties a relation of this document to another is.
fn properties(relation: Relation) -> &'static [&'static str] {
    match relation {
        Relation::Implements => &["legislationApplies"],
        Relation::Amends => &["legislationAmends", "legislationChanges"],
        Relation::Replaces | Relation::Repeals | Relation::RepealsInPart => {
            &["legislationRepeals", "legislationChanges"]
        }
        Relation::Corrects => &["legislationCorrects", "legislationChanges"],
        Relation::Guides => &["legislationEnsuresImplementationOf"],
        Relation::BasedOn | Relation::Cites => &["citation"],
    }
}

/// schema.org's `LegalForceStatus`, which has no "not yet" and no
/// "unknown": a document not yet in force is not in force, and an unknown
/// status is left out.
fn legal_force(status: Status) -> Option<&'static str> {
    match status {
        Status::InForce => Some("https://schema.org/InForce"),
        Status::PartlyInForce => Some("https://schema.org/PartiallyInForce"),
        Status::NotInForce | Status::NotYetInForce => Some("https://schema.org/NotInForce"),
        Status::Unknown => None,
    }
}

/// The `<script type="application/ld+json">` text of the page of `node`,
/// whose in-force `status` the page shows, made safe to sit inside HTML.
pub fn page_data(views: &Views, node: NodeId, status: &StatusView) -> String {
    let s = views.summary(node);
    let value = if s.news {
        news_article(views, node, &s)
    } else {
        legislation(views, node, &s, status)
    };
    serde_json::to_string(&value)
        .expect("JSON serialises")
        .replace('<', "\\u003c")
}

/// A node as the object of a relation, or the subject of its own page.
fn identity(views: &Views, s: &DocSummary) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("@type".into(), json!("Legislation"));
    let config = &views.site.config;
    if super::is_absolute_base_url(&config.base_url) {
        m.insert("url".into(), json!(config.absolute_url(&s.url)));
    }
    m.insert("name".into(), json!(s.label));
    if let Some(n) = s.number.as_ref().filter(|n| !n.is_empty()) {
        m.insert("legislationIdentifier".into(), json!(n));
    }
    if let Some(d) = &s.date {
        m.insert("legislationDate".into(), json!(d.iso));
    }
    if !s.kind_name.is_empty() {
        m.insert("legislationType".into(), json!(s.kind_name));
    }
    if let Some(issuer) = &s.issuer {
        m.insert(
            "legislationPassedBy".into(),
            json!({"@type": "GovernmentOrganization", "name": issuer}),
        );
    }
    m
}

fn legislation(views: &Views, node: NodeId, s: &DocSummary, status: &StatusView) -> Value {
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.extend(identity(views, s));
    if !s.title.is_empty() {
        m.insert("name".into(), json!(s.title));
        m.insert("alternateName".into(), json!(s.label));
    }
    m.insert("inLanguage".into(), json!("vi"));
    m.insert(
        "legislationJurisdiction".into(),
        json!({"@type": "AdministrativeArea", "name": s.jurisdiction.name}),
    );
    let known = Status::ALL.into_iter().find(|s| s.slug() == status.slug);
    if let Some(force) = known.and_then(legal_force) {
        m.insert("legislationLegalForce".into(), json!(force));
    }
    if let Some(e) = &status.effective {
        m.insert("legislationDateVersion".into(), json!(e.iso));
    }
    let mut related: Vec<(NodeId, Relation)> = views.graph.outgoing[node].clone();
    related.sort_by_key(|&(to, r)| (r, views.node_date(to), to));
    for (to, relation) in related {
        let object = Value::Object(identity(views, &views.summary(to)));
        for &property in properties(relation) {
            let list = m.entry(property).or_insert_with(|| json!([]));
            if let Value::Array(list) = list {
                if !list.contains(&object) {
                    list.push(object.clone());
                }
            }
        }
    }
    Value::Object(m)
}

fn news_article(views: &Views, node: NodeId, s: &DocSummary) -> Value {
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("NewsArticle"));
    let config = &views.site.config;
    if super::is_absolute_base_url(&config.base_url) {
        m.insert("url".into(), json!(config.absolute_url(&s.url)));
    }
    m.insert("headline".into(), json!(s.title));
    m.insert("inLanguage".into(), json!("vi"));
    if let Some(d) = &s.date {
        m.insert("datePublished".into(), json!(d.iso));
    }
    m.insert(
        "publisher".into(),
        json!({"@type": "GovernmentOrganization", "name": config.title}),
    );
    let about: Vec<Value> = views.graph.outgoing[node]
        .iter()
        .map(|&(to, _)| Value::Object(identity(views, &views.summary(to))))
        .collect();
    if !about.is_empty() {
        m.insert("about".into(), Value::Array(about));
    }
    Value::Object(m)
}
