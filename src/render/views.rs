//! What templates see: plain serialisable values built from the site and
//! the graph. URLs here are site-relative paths ("khanh-hoa/"); templates
//! prefix them with `root`, the way back to the site root from the page
//! being rendered, so links work under any sub-path and offline.

use crate::content::{Document, JurId, Level, Site};
use crate::content::{Jurisdiction, Signer};
use crate::graph::{Graph, NodeId, Relation};
use crate::model::{Kind, PartialDate};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// One line in a list of documents.
#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    pub url: String,
    pub title: String,
    pub kind: &'static str,
    pub kind_name: &'static str,
    pub number: Option<String>,
    pub date: Option<DateView>,
    pub issuer: Option<String>,
    pub jurisdiction: Link,
    /// Cited here but not published on this site.
    pub stub: bool,
    /// The title of the other vanban site that publishes it, if one does.
    pub published_on: Option<String>,
    pub full_text: bool,
    /// A readable label: "Kế hoạch số 6861/KH-UBND ngày 12/07/2019"; a
    /// news post's headline, since "Tin bài ngày 10/01/2020" names nothing.
    pub label: String,
    /// A news post: lists show its headline and date, not a document label.
    pub news: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub short: String,
    pub long: String,
    /// The place-date line of Nghị định 30/2020/NĐ-CP, Phụ lục I: days
    /// below 10 and months 1 and 2 take a leading zero ("ngày 06 tháng 4
    /// năm 2020", "ngày 15 tháng 01 năm 2021").
    pub official: String,
    /// The long form without its leading "ngày", for a row already
    /// labelled "Ngày ban hành": "12 tháng 7 năm 2019", "tháng 3 năm 2022".
    pub plain: String,
    pub year: u16,
}

/// The width of a number or day left blank for the hand (five spaces
/// that HTML keeps).
pub const BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// See [`DateView::official`].
fn official_long(d: PartialDate) -> String {
    let month = |m: u8| {
        if m <= 2 {
            format!("{m:02}")
        } else {
            m.to_string()
        }
    };
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("ngày {day:02} tháng {} năm {}", month(m), d.year),
        // A blank day is left for the hand, as on the paper: non-breaking
        // spaces, which HTML does not collapse.
        (Some(m), None) => format!("ngày{BLANK}tháng {} năm {}", month(m), d.year),
        _ => format!("năm {}", d.year),
    }
}

impl From<PartialDate> for DateView {
    fn from(d: PartialDate) -> Self {
        DateView {
            iso: d.iso(),
            short: d.short_vi(),
            long: d.long_vi(),
            official: official_long(d),
            plain: d
                .long_vi()
                .strip_prefix("ngày ")
                .map_or_else(|| d.long_vi(), str::to_string),
            year: d.year,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct JurisdictionView {
    pub name: String,
    pub url: String,
    pub level: &'static str,
    pub level_name: &'static str,
    pub former: bool,
    pub until: Option<DateView>,
    pub successor: Option<Link>,
    /// The successor's name as written inside a sentence, its type word in
    /// lower case ("tỉnh Quảng Trị"): "… nay thuộc tỉnh Quảng Trị".
    pub successor_in_text: Option<String>,
    /// GSO code of the administrative unit, if it is one.
    pub code: Option<&'static str>,
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A unit's name inside a sentence: its leading type word in lower case
/// ("Tỉnh Quảng Trị" → "tỉnh Quảng Trị", "Thành phố Huế" → "thành phố Huế").
pub fn name_in_text(name: &str) -> String {
    const TYPE_WORDS: [&str; 9] = [
        "Thành phố",
        "Thị trấn",
        "Thị xã",
        "Đặc khu",
        "Phường",
        "Huyện",
        "Quận",
        "Tỉnh",
        "Xã",
    ];
    match TYPE_WORDS.iter().find(|w| name.starts_with(*w)) {
        Some(w) => format!("{}{}", w.to_lowercase(), &name[w.len()..]),
        None => name.to_string(),
    }
}

/// Documents of one jurisdiction, in a relation list grouped by level and
/// jurisdiction.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub level_name: &'static str,
    pub jurisdiction: Link,
    pub docs: Vec<DocSummary>,
    /// How many more there are than `docs` shows.
    pub more: usize,
}

/// Documents listed per jurisdiction in a relation list or a coverage row;
/// the rest are counted and reached through the jurisdiction's page, so a
/// national decision's page stays readable (and fast to build) when
/// thousands of local documents implement it.
pub const GROUP_LIMIT: usize = 20;

#[derive(Debug, Clone, Serialize)]
pub struct Relations {
    pub implements: Vec<DocSummary>,
    pub cites: Vec<DocSummary>,
    pub implemented_by: Vec<Group>,
    pub cited_by: Vec<Group>,
    /// The lược đồ: every typed relation both ways, in the order of
    /// [`Relation::ALL`], what this document does first.
    pub panel: Vec<RelationSection>,
}

/// One relation in one direction on the lược đồ panel.
#[derive(Debug, Clone, Serialize)]
pub struct RelationSection {
    /// The heading's anchor.
    pub id: String,
    /// "Bị thay thế bởi", "Căn cứ".
    pub heading: &'static str,
    /// What this document does (true) or what others do to it.
    pub forward: bool,
    /// Forward: the documents, oldest first.
    pub docs: Vec<DocSummary>,
    /// Backward: grouped by jurisdiction, like the implementations.
    pub groups: Vec<Group>,
}

/// The in-force banner.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    /// "con-hieu-luc", …, for styling and the search filter.
    pub slug: &'static str,
    /// "Còn hiệu lực", …
    pub name: &'static str,
    pub stated: bool,
    pub effective: Option<DateView>,
    pub expires: Option<DateView>,
    /// What ended its force, with the words for how: "Bị thay thế bởi".
    pub ended_by: Option<ChangeView>,
    /// Every change, oldest first: the history table.
    pub changes: Vec<ChangeView>,
    /// The day the status is for.
    pub as_of: DateView,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    pub wording: &'static str,
    pub doc: DocSummary,
    pub date: Option<DateView>,
    /// Takes effect after the day the status is for.
    pub pending: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    #[serde(flatten)]
    pub summary: DocSummary,
    pub kind_heading: String,
    pub issuer_parent: Option<String>,
    pub issuer_header: Option<String>,
    pub place: Option<String>,
    pub addressees: Vec<String>,
    pub recipients: Vec<String>,
    pub recipients_label: String,
    pub signer: Option<Signer>,
    pub summary_text: Option<String>,
    pub topics: Vec<Link>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub source: Option<String>,
    pub official_url: Option<String>,
}

/// Builds views; holds what every view needs.
pub struct Views<'a> {
    pub site: &'a Site,
    pub graph: &'a Graph,
}

impl<'a> Views<'a> {
    pub fn jurisdiction_link(&self, id: JurId) -> Link {
        let j = self.site.jurisdiction(id);
        Link {
            name: j.name.clone(),
            url: j.url_path(),
        }
    }

    pub fn jurisdiction(&self, id: JurId) -> JurisdictionView {
        let j: &Jurisdiction = self.site.jurisdiction(id);
        JurisdictionView {
            name: j.name.clone(),
            url: j.url_path(),
            level: j.level.slug(),
            level_name: j.level.name_vi(),
            former: j.is_former(),
            until: j.until.map(DateView::from),
            successor: j.successor.as_ref().map(|s| match s {
                crate::content::Successor::Jurisdiction(id) => self.jurisdiction_link(*id),
                crate::content::Successor::Name(name) => Link {
                    name: name.clone(),
                    url: String::new(),
                },
            }),
            successor_in_text: j.successor.as_ref().map(|s| match s {
                crate::content::Successor::Jurisdiction(id) => {
                    name_in_text(&self.site.jurisdiction(*id).name)
                }
                crate::content::Successor::Name(name) => name_in_text(name),
            }),
            code: j.code(),
            extra: j.extra.clone(),
        }
    }

    /// Breadcrumbs from the root down to (and including) `id`.
    pub fn breadcrumbs(&self, id: JurId) -> Vec<Link> {
        self.site
            .jurisdiction_chain(id)
            .into_iter()
            .map(|j| self.jurisdiction_link(j))
            .collect()
    }

    pub fn summary(&self, node: NodeId) -> DocSummary {
        if let Some(doc) = self.graph.as_document(node) {
            return self.doc_summary(&self.site.documents[doc]);
        }
        let stub = self
            .graph
            .as_stub(node)
            .expect("node ids are documents or stubs");
        let kind_name = stub.kind.map_or("Văn bản", |k| k.name);
        DocSummary {
            url: stub.url_path.clone(),
            title: stub
                .external
                .as_ref()
                .map(|e| e.title.clone())
                .unwrap_or_default(),
            published_on: stub.external.as_ref().map(|e| e.site.clone()),
            kind: stub.kind.map_or("", |k| k.slug),
            kind_name,
            number: Some(stub.number.written.clone()),
            date: stub.issued.map(DateView::from),
            issuer: stub.issuer.clone(),
            jurisdiction: self.jurisdiction_link(stub.jurisdiction),
            stub: true,
            full_text: false,
            label: label(kind_name, Some(&stub.number.written), stub.issued),
            news: false,
        }
    }

    pub fn doc_summary(&self, d: &Document) -> DocSummary {
        DocSummary {
            url: d.url_path.clone(),
            title: d.title.clone(),
            kind: d.kind.slug,
            kind_name: d.kind.name,
            number: d.number.as_ref().map(|n| n.written.clone()),
            date: d.issued.map(DateView::from),
            issuer: d.issuer.clone(),
            jurisdiction: self.jurisdiction_link(d.jurisdiction),
            stub: false,
            published_on: None,
            full_text: d.has_full_text(),
            label: if d.kind.is_news() {
                d.title.clone()
            } else {
                label(
                    d.kind.name,
                    d.number.as_ref().map(|n| n.written.as_str()),
                    d.issued,
                )
            },
            news: d.kind.is_news(),
        }
    }

    pub fn document(&self, d: &Document) -> DocumentView {
        DocumentView {
            summary: self.doc_summary(d),
            kind_heading: d
                .kind_heading
                .clone()
                .unwrap_or_else(|| d.kind.name.to_uppercase()),
            issuer_parent: d.issuer_parent.clone(),
            issuer_header: d.issuer.as_ref().map(|i| i.to_uppercase()),
            place: d.place.clone(),
            addressees: d.addressees.clone(),
            recipients: d.recipients.clone(),
            recipients_label: d
                .recipients_label
                .clone()
                .unwrap_or_else(|| "Nơi nhận:".into()),
            signer: d.signer.clone(),
            summary_text: d.summary.clone(),
            topics: Vec::new(),
            extra: d.extra.clone(),
            source: Some(d.source.to_string_lossy().replace('\\', "/")),
            official_url: None,
        }
    }

    pub fn relations(&self, node: NodeId) -> Relations {
        let pick = |edges: &[(NodeId, Relation)], want: Relation| -> Vec<NodeId> {
            edges
                .iter()
                .filter(|(_, r)| *r == want)
                .map(|(n, _)| *n)
                .collect()
        };
        let out = self
            .graph
            .outgoing
            .get(node)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let inc = self
            .graph
            .incoming
            .get(node)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let mut panel = Vec::new();
        for r in Relation::ALL {
            let docs = pick(out, r);
            if !docs.is_empty() {
                panel.push(RelationSection {
                    id: section_id(r.key(), r == Relation::Cites, "van-ban-dan-chieu"),
                    heading: r.forward_vi(),
                    forward: true,
                    docs: self.sorted_summaries(docs),
                    groups: Vec::new(),
                });
            }
        }
        for r in Relation::ALL {
            let docs = pick(inc, r);
            if docs.is_empty() {
                continue;
            }
            let legacy = match r {
                Relation::Implements => Some("van-ban-trien-khai"),
                Relation::Cites => Some("van-ban-lien-quan"),
                _ => None,
            };
            panel.push(RelationSection {
                id: section_id(r.backward_key(), legacy.is_some(), legacy.unwrap_or("")),
                heading: r.backward_vi(),
                forward: false,
                docs: Vec::new(),
                groups: self.grouped(docs),
            });
        }
        Relations {
            implements: self.sorted_summaries(pick(out, Relation::Implements)),
            cites: self.sorted_summaries(pick(out, Relation::Cites)),
            implemented_by: self.grouped(pick(inc, Relation::Implements)),
            cited_by: self.grouped(pick(inc, Relation::Cites)),
            panel,
        }
    }

    /// The in-force status of a node on the build's day.
    pub fn status(&self, node: NodeId) -> StatusView {
        let as_of = crate::graph::validity::as_of(&self.site.config);
        let v = crate::graph::validity::validity(self.site, self.graph, node, as_of);
        let change = |c: &crate::graph::validity::Change| ChangeView {
            wording: c.relation.backward_vi(),
            doc: self.summary(c.by),
            date: c.date.map(DateView::from),
            pending: !c.applied,
        };
        StatusView {
            slug: v.status.slug(),
            name: v.status.name_vi(),
            stated: v.stated,
            effective: v.effective.map(DateView::from),
            expires: v.expires.map(DateView::from),
            ended_by: v.ended_by.as_ref().map(change),
            changes: v.changes.iter().map(change).collect(),
            as_of: as_of.into(),
        }
    }

    pub fn node_jurisdiction(&self, node: NodeId) -> JurId {
        match self.graph.as_document(node) {
            Some(d) => self.site.documents[d].jurisdiction,
            None => self.graph.as_stub(node).map_or(0, |s| s.jurisdiction),
        }
    }

    /// The kind slug of a node ("" for a stub whose kind no citation said).
    pub fn node_kind(&self, node: NodeId) -> &'static str {
        match self.graph.as_document(node) {
            Some(d) => self.site.documents[d].kind.slug,
            None => self
                .graph
                .as_stub(node)
                .and_then(|s| s.kind)
                .map_or("", |k| k.slug),
        }
    }

    pub fn node_date(&self, node: NodeId) -> Option<PartialDate> {
        match self.graph.as_document(node) {
            Some(d) => self.site.documents[d].issued,
            None => self.graph.as_stub(node).and_then(|s| s.issued),
        }
    }

    fn sorted_summaries(&self, mut nodes: Vec<NodeId>) -> Vec<DocSummary> {
        nodes.sort_by_key(|&n| (self.node_date(n), n));
        nodes.into_iter().map(|n| self.summary(n)).collect()
    }

    /// Groups documents by jurisdiction, national first, then by level and
    /// jurisdiction path; dated order inside a group.
    pub fn grouped(&self, nodes: Vec<NodeId>) -> Vec<Group> {
        let mut by_jur: std::collections::BTreeMap<(Level, String), (JurId, Vec<NodeId>)> =
            Default::default();
        for n in nodes {
            let j = self.node_jurisdiction(n);
            let jur = self.site.jurisdiction(j);
            by_jur
                .entry((jur.level, jur.path.clone()))
                .or_insert_with(|| (j, Vec::new()))
                .1
                .push(n);
        }
        by_jur
            .into_values()
            .map(|(j, mut docs)| {
                let more = docs.len().saturating_sub(GROUP_LIMIT);
                docs.sort_by_key(|&n| (std::cmp::Reverse(self.node_date(n)), n));
                docs.truncate(GROUP_LIMIT);
                Group {
                    level_name: self.site.jurisdiction(j).level.name_vi(),
                    jurisdiction: self.jurisdiction_link(j),
                    docs: self.sorted_summaries(docs),
                    more,
                }
            })
            .collect()
    }
}

/// A panel section's anchor: the ids earlier pages had for the relations
/// they already showed, so that links to them keep working.
fn section_id(key: &str, legacy: bool, legacy_id: &str) -> String {
    if legacy {
        legacy_id.to_string()
    } else {
        format!("quan-he-{}", key.replace('_', "-"))
    }
}

/// "Kế hoạch số 6861/KH-UBND ngày 12/07/2019"; "Kế hoạch năm 2024" when
/// unnumbered.
pub fn label(kind_name: &str, number: Option<&str>, date: Option<PartialDate>) -> String {
    let mut s = kind_name.to_string();
    if let Some(n) = number.filter(|n| n.chars().next().is_some_and(|c| c.is_ascii_digit())) {
        s.push_str(" số ");
        s.push_str(n);
    }
    match date {
        Some(d) if d.is_full() => {
            s.push_str(" ngày ");
            s.push_str(&d.short_vi());
        }
        Some(d) => {
            s.push(' ');
            s.push_str(&d.long_vi());
        }
        None => {}
    }
    s
}

pub fn kind_link(kind: Kind) -> Link {
    Link {
        name: kind.name.to_string(),
        url: format!("loai/{}/", kind.slug),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_dates_pad_days_below_ten_and_months_one_and_two() {
        let view = |y, m, d| DateView::from(PartialDate::new(y, m, d).unwrap());
        assert_eq!(
            view(2020, Some(4), Some(6)).official,
            "ngày 06 tháng 4 năm 2020"
        );
        assert_eq!(
            view(2021, Some(1), Some(15)).official,
            "ngày 15 tháng 01 năm 2021"
        );
        assert_eq!(
            view(2019, Some(12), Some(27)).official,
            "ngày 27 tháng 12 năm 2019"
        );
        assert_eq!(
            view(2022, Some(2), None).official,
            format!("ngày{BLANK}tháng 02 năm 2022")
        );
        assert_eq!(view(2024, None, None).official, "năm 2024");
    }

    #[test]
    fn plain_dates_drop_the_leading_ngay() {
        let view = |y, m, d| DateView::from(PartialDate::new(y, m, d).unwrap());
        assert_eq!(view(2019, Some(7), Some(12)).plain, "12 tháng 7 năm 2019");
        assert_eq!(view(2022, Some(3), None).plain, "tháng 3 năm 2022");
        assert_eq!(view(2024, None, None).plain, "năm 2024");
    }
}
