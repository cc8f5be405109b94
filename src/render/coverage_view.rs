//! The coverage table on a national decision's page: province by province
//! (and district by district within), the documents implementing it, with
//! the chain each one came through, and who has a plan, a report, neither.

use super::views::{DocSummary, JurisdictionView, Views, GROUP_LIMIT};
use crate::content::JurId;
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
    /// Plans the implementing documents of the area cite that are not
    /// published here: known to exist, not missing.
    pub known_plans: Vec<DocSummary>,
    pub known_reports: Vec<DocSummary>,
}

#[derive(Serialize)]
pub struct Summary {
    /// Rows counted against: the provinces in force (a provincial site:
    /// its former districts and its communes in force).
    pub provinces: usize,
    /// What the rows are, in a sentence: "tỉnh, thành phố".
    pub unit_label: &'static str,
    /// Plans published here or known from citations.
    pub with_plan: usize,
    /// Of those, only known from citations.
    pub with_known_plan: usize,
    pub with_report: usize,
    pub with_neither: usize,
    /// The rows with neither, by name.
    pub without: Vec<super::views::Link>,
    /// The 63 provinces of 30 June 2025 (a national site only).
    pub former_total: usize,
    pub former_with_plan: usize,
    pub former_with_report: usize,
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
    // Plans and reports the implementing documents cite that are not
    // published here, by the jurisdiction they belong to.
    let mut known: BTreeMap<JurId, Vec<NodeId>> = BTreeMap::new();
    for i in coverage.all() {
        for &(to, _) in &views.graph.outgoing[i.node] {
            let Some(stub) = views.graph.as_stub(to) else {
                continue;
            };
            if matches!(views.node_kind(to), "ke-hoach" | "bao-cao") {
                let list = known.entry(stub.jurisdiction).or_default();
                if !list.contains(&to) {
                    list.push(to);
                }
            }
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
            known_plans: Vec::new(),
            known_reports: Vec::new(),
        }
    };
    let rows = coverage::rows(site);
    let provinces: Vec<Area> = rows
        .iter()
        .map(|row| {
            let districts = row
                .within
                .iter()
                .copied()
                .filter(|&c| c != row.jurisdiction && coverage.by_jurisdiction.contains_key(&c))
                .map(|c| area(c, Vec::new()))
                .collect();
            let mut a = area(row.jurisdiction, districts);
            for &c in &row.within {
                let (p, r) = has.get(&c).copied().unwrap_or_default();
                a.has_plan |= p;
                a.has_report |= r;
                for &n in known.get(&c).map(Vec::as_slice).unwrap_or(&[]) {
                    let list = if views.node_kind(n) == "ke-hoach" {
                        &mut a.known_plans
                    } else {
                        &mut a.known_reports
                    };
                    list.push(views.summary(n));
                }
            }
            a
        })
        .collect();
    let former: Vec<(bool, bool)> = coverage::former_rows(site)
        .iter()
        .map(|row| {
            row.within.iter().fold((false, false), |acc, c| {
                let (p, r) = has.get(c).copied().unwrap_or_default();
                (acc.0 | p, acc.1 | r)
            })
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

    let nothing = |p: &&Area| {
        !p.has_plan && !p.has_report && p.known_plans.is_empty() && p.known_reports.is_empty()
    };
    let summary = Summary {
        provinces: provinces.len(),
        unit_label: if site.config.unit().is_some() {
            "đơn vị cấp huyện cũ và cấp xã"
        } else {
            "tỉnh, thành phố"
        },
        with_plan: provinces
            .iter()
            .filter(|p| p.has_plan || !p.known_plans.is_empty())
            .count(),
        with_known_plan: provinces
            .iter()
            .filter(|p| !p.has_plan && !p.known_plans.is_empty())
            .count(),
        with_report: provinces.iter().filter(|p| p.has_report).count(),
        with_neither: provinces.iter().filter(nothing).count(),
        without: provinces
            .iter()
            .filter(nothing)
            .map(|p| super::views::Link {
                name: p.jurisdiction.name.clone(),
                url: p.jurisdiction.url.clone(),
            })
            .collect(),
        former_total: former.len(),
        former_with_plan: former.iter().filter(|f| f.0).count(),
        former_with_report: former.iter().filter(|f| f.1).count(),
        documents: coverage.all().count(),
    };
    Some(CoverageView {
        national: entries_in(0).0,
        provinces,
        summary,
        by_kind_year: KindYearTable { years, rows },
    })
}
