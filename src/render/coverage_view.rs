//! The coverage table on a national decision's page: province by province
//! (and district by district within), the documents implementing it, with
//! the chain each one came through, and who has a plan, a report, neither.

use super::views::{DocSummary, JurisdictionView, Views, GROUP_LIMIT};
use crate::content::{JurId, Level};
use crate::graph::coverage::{self, Implementation};
use crate::graph::NodeId;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct CoverageView {
    pub national: Vec<Entry>,
    pub provinces: Vec<Area>,
    pub summary: Summary,
    pub by_kind_year: KindYearTable,
}

#[derive(Serialize)]
pub struct Entry {
    pub doc: DocSummary,
    /// Intermediate documents, nearest first.
    pub via: Vec<DocSummary>,
}

#[derive(Serialize)]
pub struct Area {
    pub jurisdiction: JurisdictionView,
    pub entries: Vec<Entry>,
    /// Implementing documents beyond the [`GROUP_LIMIT`] shown.
    pub more: usize,
    pub districts: Vec<Area>,
    pub has_plan: bool,
    pub has_report: bool,
}

#[derive(Serialize)]
pub struct Summary {
    pub provinces: usize,
    pub with_plan: usize,
    pub with_report: usize,
    pub with_neither: usize,
    pub documents: usize,
}

#[derive(Serialize)]
pub struct KindYearTable {
    pub years: Vec<String>,
    pub rows: Vec<KindYearRow>,
}

#[derive(Serialize)]
pub struct KindYearRow {
    pub kind_name: String,
    pub counts: Vec<usize>,
    pub total: usize,
}

pub fn coverage_view(views: &Views, target: NodeId) -> Option<CoverageView> {
    let site = views.site;
    let coverage = coverage::coverage(site, views.graph, target);
    if coverage.is_empty() {
        return None;
    }
    let entry = |i: &Implementation| Entry {
        doc: views.summary(i.node),
        via: i.via.iter().map(|&n| views.summary(n)).collect(),
    };
    // Newest first, at most GROUP_LIMIT per row; the rest are counted.
    let entries_in = |j: JurId| -> (Vec<Entry>, usize) {
        let mut list: Vec<&Implementation> = coverage
            .by_jurisdiction
            .get(&j)
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        let more = list.len().saturating_sub(GROUP_LIMIT);
        list.sort_by_key(|i| (std::cmp::Reverse(views.node_date(i.node)), i.node));
        list.truncate(GROUP_LIMIT);
        (list.into_iter().map(entry).collect(), more)
    };
    // Whether each jurisdiction, with all below it, has a plan or a report:
    // gathered once up the chains rather than per row.
    let mut has: BTreeMap<JurId, (bool, bool)> = BTreeMap::new();
    for (&jur, list) in &coverage.by_jurisdiction {
        let plan = list.iter().any(|i| views.node_kind(i.node) == "ke-hoach");
        let report = list.iter().any(|i| views.node_kind(i.node) == "bao-cao");
        for ancestor in site.jurisdiction_chain(jur) {
            let flags = has.entry(ancestor).or_default();
            flags.0 |= plan;
            flags.1 |= report;
        }
    }
    let area = |j: JurId, districts: Vec<Area>| {
        let (entries, more) = entries_in(j);
        let (has_plan, has_report) = has.get(&j).copied().unwrap_or_default();
        Area {
            jurisdiction: views.jurisdiction(j),
            entries,
            more,
            districts,
            has_plan,
            has_report,
        }
    };
    let provinces: Vec<Area> = coverage::provinces(site)
        .into_iter()
        .map(|p| {
            let districts = site
                .jurisdiction(p)
                .children
                .iter()
                .copied()
                .filter(|&c| site.jurisdiction(c).level == Level::Huyen)
                .map(|c| area(c, Vec::new()))
                .collect();
            area(p, districts)
        })
        .collect();

    let mut table: BTreeMap<(usize, &'static str), BTreeMap<String, usize>> = BTreeMap::new();
    let mut years = std::collections::BTreeSet::new();
    for i in coverage.all() {
        let s = views.summary(i.node);
        let order = crate::model::kind::KINDS
            .iter()
            .position(|k| k.slug == s.kind)
            .unwrap_or(usize::MAX);
        let year = s
            .date
            .as_ref()
            .map_or_else(|| "Không rõ".to_string(), |d| d.year.to_string());
        years.insert(year.clone());
        *table
            .entry((order, s.kind_name))
            .or_default()
            .entry(year)
            .or_default() += 1;
    }
    let years: Vec<String> = years.into_iter().collect();
    let rows = table
        .into_iter()
        .map(|((_, kind_name), counts)| KindYearRow {
            kind_name: kind_name.to_string(),
            counts: years
                .iter()
                .map(|y| counts.get(y).copied().unwrap_or(0))
                .collect(),
            total: counts.values().sum(),
        })
        .collect();

    let summary = Summary {
        provinces: provinces.len(),
        with_plan: provinces.iter().filter(|p| p.has_plan).count(),
        with_report: provinces.iter().filter(|p| p.has_report).count(),
        with_neither: provinces
            .iter()
            .filter(|p| !p.has_plan && !p.has_report)
            .count(),
        documents: coverage.all().count(),
    };
    Some(CoverageView {
        national: entries_in(0).0,
        provinces,
        summary,
        by_kind_year: KindYearTable { years, rows },
    })
}
