//! Resolving citations to documents. A document's identity is its number
//! together with its issuer and date, never the number alone: candidates
//! are narrowed by the issuer's jurisdiction, then by date, and a citation
//! that still has two candidates links to neither.

use super::external::Externals;
use super::scope::{scope, PlaceNames, Scope};
use super::{Graph, LinkedCitation, NodeId, Relation, Stub};
use crate::cite::{self, Citation};
use crate::content::{identity_slug, DocId, JurId, Site};
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::federation::ExternalSite;
use crate::model::{Kind, PartialDate};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One citation of one document, where it was written.
#[derive(Debug, Clone)]
pub struct Found {
    pub doc: DocId,
    pub citation: Citation,
    pub relation: Relation,
    /// Stated in front matter, which overrides what the text says.
    pub declared: bool,
    pub line: usize,
    pub column: usize,
    /// The citation as written, for messages.
    pub written: String,
}

/// What became of a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A document of this site.
    Document(NodeId),
    /// Not published here: linked to the page made for it.
    Stub(NodeId),
    /// Several documents fit; linked to none.
    Ambiguous(Vec<NodeId>),
    /// Points back at the citing document itself.
    SelfReference,
}

#[derive(Debug, Clone)]
pub struct Resolution {
    pub found: Found,
    pub outcome: Outcome,
    /// A document with this number and issuer exists, but its date differs.
    pub date_conflict: Option<NodeId>,
}

/// Every citation in the site: body and title text, and the front-matter
/// `implements`/`cites` lists. Front matter that is no citation is an error.
pub fn find_all(site: &Site) -> (Vec<Found>, Vec<Diagnostic>) {
    let per_doc: Vec<(Vec<Found>, Vec<Diagnostic>)> = site
        .documents
        .par_iter()
        .enumerate()
        .map(|(i, d)| {
            let mut found = Vec::new();
            let mut errors = Vec::new();
            for (text, first_line, place) in [(&d.title, 0, "title"), (&d.body, d.body_line, "body")] {
                let mut reader = if place == "title" {
                    TextReader::title(text)
                } else {
                    TextReader::body(text)
                };
                for c in cite::find_citations(text) {
                    found.push(reader.found(i, c, first_line, place));
                }
            }
            // A news post's movement is a mention of the plan, so that the
            // plan's page lists the commendation without counting it as an
            // implementation in coverage tables.
            let movement = d.news.movement.iter().map(|(t, l)| (Relation::Cites, t.clone(), *l));
            for (relation, text, line) in d.relations.iter().cloned().chain(movement) {
                let (text, line) = (&text, &line);
                    match cite::parse_citation(text) {
                        Some(citation) => found.push(Found {
                            doc: i,
                            citation,
                            relation,
                            declared: true,
                            line: *line,
                            column: 1,
                            written: text.clone(),
                        }),
                        None => errors.push(
                            Diagnostic::error(
                                &d.source,
                                "invalid-relation",
                                format!(
                                    "\"{text}\" is not a citation: expected e.g. \"Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ\""
                                ),
                            )
                            .at(*line, 1),
                        ),
                    }
            }
            (found, errors)
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = Vec::new();
    for (mut f, mut e) in per_doc {
        all.append(&mut f);
        errors.append(&mut e);
    }
    (all, errors)
}

/// One text's citations read in order: line positions and the relation
/// hints are looked up, not recomputed from the start for each.
struct TextReader<'a> {
    lines: LineIndex<'a>,
    relations: cite::RelationReader<'a>,
}

impl<'a> TextReader<'a> {
    fn body(text: &'a str) -> Self {
        TextReader {
            lines: LineIndex::new(text),
            relations: cite::RelationReader::body(text),
        }
    }

    fn title(text: &'a str) -> Self {
        TextReader {
            lines: LineIndex::new(text),
            relations: cite::RelationReader::title(text),
        }
    }

    fn found(&mut self, doc: DocId, citation: Citation, first_line: usize, place: &str) -> Found {
        let relation = self.relations.relation(&citation);
        from_text(doc, &self.lines, relation, citation, first_line, place)
    }
}

fn from_text(
    doc: DocId,
    lines: &LineIndex,
    relation: Relation,
    citation: Citation,
    first_line: usize,
    place: &str,
) -> Found {
    let text = lines.text();
    let (line, column) = lines.line_col(citation.span.start);
    let written = text[citation.span.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Found {
        doc,
        relation,
        declared: false,
        // The title sits in front matter; report it on the file's first line.
        line: if place == "title" {
            1
        } else {
            first_line + line - 1
        },
        column: if place == "title" { 1 } else { column },
        written,
        citation,
    }
}

/// Where a citation looks for its document.
pub(super) struct Target {
    pub(super) scope: Scope,
    /// The citing document's jurisdiction.
    pub(super) citing: JurId,
}

pub fn resolve(site: &Site) -> Graph {
    resolve_with(site, &[])
}

pub fn resolve_with(site: &Site, federated: &[ExternalSite]) -> Graph {
    let (found, mut findings) = find_all(site);
    let places = PlaceNames::new(site);
    let by_key = documents_by_number(site);
    let targets: Vec<Target> = found
        .iter()
        .map(|f| {
            let citing = site.documents[f.doc].jurisdiction;
            Target {
                scope: scope(
                    site,
                    &places,
                    citing,
                    f.citation.issuer.as_deref(),
                    &f.citation.number,
                ),
                citing,
            }
        })
        .collect();

    // First against the site's documents.
    let (mut outcomes, conflicts) = match_documents(site, &by_key, &found, &targets);

    // A later mention often drops what the first one said ("Kế hoạch số
    // 65/KH-UBND" after "Kế hoạch số 65/KH-UBND ngày 03/4/2020 của UBND
    // tỉnh"): an undated mention follows the same document's dated ones
    // when they all agree.
    let follows = follow_dated_mentions(&found, &mut outcomes);

    // Not published here but by a federated site: linked there.
    let externals = Externals::new(site, federated);
    let mut ext_target: Vec<Option<usize>> = vec![None; found.len()];
    if !externals.docs.is_empty() {
        for i in 0..found.len() {
            if outcomes[i].is_none() && follows[i].is_none() {
                let c = &found[i].citation;
                ext_target[i] =
                    externals.find(&c.number.key(), c.date, |j| in_scope(site, &targets[i], j));
            }
        }
        for i in 0..found.len() {
            if let Some(f) = follows[i] {
                ext_target[i] = ext_target[f];
            }
        }
    }

    // Then the rest become stubs: one per issuer's jurisdiction, number and
    // date; an undated citation joins the single dated stub it can be.
    let doc_count = site.documents.len();
    let stub_group = |i: usize| {
        let t = &targets[follows[i].unwrap_or(i)];
        let jur = match t.scope {
            Scope::Exact(j) => j,
            Scope::Nearby => t.citing,
        };
        (jur, found[i].citation.number.key())
    };
    let mut groups: BTreeMap<(JurId, String), Vec<usize>> = BTreeMap::new();
    for i in 0..found.len() {
        if outcomes[i].is_none() && ext_target[i].is_none() {
            groups.entry(stub_group(i)).or_default().push(i);
        }
    }
    let mut stubs: Vec<Stub> = Vec::new();
    let mut taken: HashSet<String> = site.documents.iter().map(|d| d.url_path.clone()).collect();
    let folders: Vec<String> = site.jurisdictions.iter().map(|j| j.url_path()).collect();
    taken.extend(crate::content::reserved_paths(
        folders.iter().map(String::as_str),
    ));
    taken.extend(folders);
    for ((jur, _), members) in groups {
        let distinct = distinct_dates(members.iter().filter_map(|&i| found[i].citation.date));
        let first_stub = stubs.len();
        if distinct.is_empty() {
            stubs.push(new_stub(site, jur, &found, &members, None, &mut taken));
        } else {
            for d in &distinct {
                let with_date: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&i| found[i].citation.date.is_some_and(|cd| cd.compatible(d)))
                    .collect();
                stubs.push(new_stub(
                    site,
                    jur,
                    &found,
                    &with_date,
                    Some(*d),
                    &mut taken,
                ));
            }
        }
        for &i in &members {
            let fitting: Vec<NodeId> = (first_stub..stubs.len())
                .filter(|&s| match (found[i].citation.date, stubs[s].issued) {
                    (Some(a), Some(b)) => a.compatible(&b),
                    _ => true,
                })
                .map(|s| doc_count + s)
                .collect();
            outcomes[i] = Some(match fitting.as_slice() {
                [only] => Outcome::Stub(*only),
                many => Outcome::Ambiguous(many.to_vec()),
            });
        }
    }

    let extra_edges = attach_externals(
        site,
        &places,
        &externals,
        &ext_target,
        &mut outcomes,
        &mut stubs,
        &mut taken,
    );

    let resolutions = resolutions(found, outcomes, conflicts);
    findings.extend(
        resolutions
            .iter()
            .filter_map(|r| ambiguity_warning(site, &stubs, r)),
    );
    findings.extend(
        resolutions
            .iter()
            .filter_map(|r| date_mismatch_warning(site, r)),
    );
    assemble(site, stubs, resolutions, findings, extra_edges)
}

/// Makes a stub for each external document that is cited here, or relates
/// to a document here (directly or through other external documents), and
/// returns the relations external documents state.
fn attach_externals(
    site: &Site,
    places: &PlaceNames,
    externals: &Externals,
    ext_target: &[Option<usize>],
    outcomes: &mut [Option<Outcome>],
    stubs: &mut Vec<Stub>,
    taken: &mut HashSet<String>,
) -> Vec<((NodeId, NodeId), Relation)> {
    if externals.docs.is_empty() {
        return Vec::new();
    }
    let by_key = documents_by_number(site);
    // What each external document's relations point at: a document here,
    // or another external document (by its URL).
    enum To {
        Local(DocId),
        External(usize),
    }
    let mut relations: Vec<Vec<(To, Relation)>> = Vec::with_capacity(externals.docs.len());
    for e in &externals.docs {
        let mut out = Vec::new();
        for (r, relation) in e
            .doc
            .implements
            .iter()
            .map(|r| (r, Relation::Implements))
            .chain(e.doc.cites.iter().map(|r| (r, Relation::Cites)))
        {
            if let Some(j) = r.url.as_deref().and_then(|u| externals.by_url.get(u)) {
                out.push((To::External(*j), relation));
                continue;
            }
            let number = crate::model::DocNumber::new(&r.number);
            let target = Target {
                scope: scope(site, places, e.jur, r.issuer.as_deref(), &number),
                citing: e.jur,
            };
            let candidates: Vec<DocId> = by_key
                .get(&number.key())
                .map(Vec::as_slice)
                .unwrap_or(&[])
                .iter()
                .copied()
                .filter(|&c| in_scope(site, &target, site.documents[c].jurisdiction))
                .collect();
            let date = r.issued.as_deref().and_then(PartialDate::parse_iso);
            let (matching, _) = by_date(&candidates, date, |c| site.documents[c].issued);
            if let [only] = matching.as_slice() {
                out.push((To::Local(*only), relation));
            }
        }
        relations.push(out);
    }
    // Which external documents take part: those cited here, those relating
    // to a document here, and those relating to one that takes part.
    let mut included = vec![false; externals.docs.len()];
    let mut queue: Vec<usize> = Vec::new();
    for &e in ext_target.iter().flatten() {
        if !included[e] {
            included[e] = true;
            queue.push(e);
        }
    }
    let mut referrers: HashMap<usize, Vec<usize>> = HashMap::new();
    for (e, rels) in relations.iter().enumerate() {
        for (to, _) in rels {
            match to {
                To::Local(_) if !included[e] => {
                    included[e] = true;
                    queue.push(e);
                }
                To::External(j) => referrers.entry(*j).or_default().push(e),
                _ => {}
            }
        }
    }
    while let Some(e) = queue.pop() {
        for &r in referrers.get(&e).map(Vec::as_slice).unwrap_or(&[]) {
            if !included[r] {
                included[r] = true;
                queue.push(r);
            }
        }
    }
    let mut node_of: HashMap<usize, NodeId> = HashMap::new();
    for (e, ext) in externals.docs.iter().enumerate() {
        if !included[e] {
            continue;
        }
        node_of.insert(e, site.documents.len() + stubs.len());
        stubs.push(externals.stub(site, e, ext, taken));
    }
    for (i, t) in ext_target.iter().enumerate() {
        if let Some(e) = t {
            outcomes[i] = Some(Outcome::Stub(node_of[e]));
        }
    }
    let mut edges = Vec::new();
    for (e, rels) in relations.iter().enumerate() {
        let Some(&from) = node_of.get(&e) else {
            continue;
        };
        for (to, relation) in rels {
            let to = match to {
                To::Local(d) => *d,
                To::External(j) => match node_of.get(j) {
                    Some(&n) => n,
                    None => continue,
                },
            };
            if to != from {
                edges.push(((from, to), *relation));
            }
        }
    }
    edges
}

/// For each undated citation, the dated mention of the same number in the
/// same document it stands for, when the document's dated mentions agree.
/// Resolves it to their document when they found one; otherwise returns the
/// mention so that the undated citation joins its stub.
/// Numbered documents by the matching key of their number.
pub(super) fn documents_by_number(site: &Site) -> HashMap<String, Vec<DocId>> {
    let mut by_key: HashMap<String, Vec<DocId>> = HashMap::new();
    for (i, d) in site.documents.iter().enumerate() {
        if let Some(n) = &d.number {
            if n.serial().is_some() {
                by_key.entry(n.key()).or_default().push(i);
            }
        }
    }
    by_key
}

/// Each citation with its outcome, once every citation has one, and the
/// document its date conflicts with.
pub(super) fn resolutions(
    found: Vec<Found>,
    outcomes: Vec<Option<Outcome>>,
    conflicts: Vec<Option<NodeId>>,
) -> Vec<Resolution> {
    found
        .into_iter()
        .zip(outcomes)
        .zip(conflicts)
        .map(|((found, outcome), date_conflict)| Resolution {
            found,
            outcome: outcome.expect("every citation has an outcome"),
            date_conflict,
        })
        .collect()
}

/// Each citation against the site's documents: what it resolves to, if a
/// document in its scope fits, and a document whose date contradicts it.
pub(super) fn match_documents(
    site: &Site,
    by_key: &HashMap<String, Vec<DocId>>,
    found: &[Found],
    targets: &[Target],
) -> (Vec<Option<Outcome>>, Vec<Option<NodeId>>) {
    found
        .iter()
        .zip(targets)
        .map(|(f, t)| {
            let candidates = by_key
                .get(&f.citation.number.key())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let in_scope: Vec<DocId> = candidates
                .iter()
                .copied()
                .filter(|&c| in_scope(site, t, site.documents[c].jurisdiction))
                .collect();
            let (matching, conflict) =
                by_date(&in_scope, f.citation.date, |c| site.documents[c].issued);
            let outcome = match (matching.as_slice(), conflict) {
                // A mistyped date: the one document it can mean.
                ([], Some(c)) if c == f.doc => Some(Outcome::SelfReference),
                ([], Some(c)) => Some(Outcome::Document(c)),
                ([], None) => None,
                ([only], _) if *only == f.doc => Some(Outcome::SelfReference),
                ([only], _) => Some(Outcome::Document(*only)),
                (many, _) => Some(Outcome::Ambiguous(many.to_vec())),
            };
            (outcome, conflict)
        })
        .unzip()
}

pub(super) fn follow_dated_mentions(
    found: &[Found],
    outcomes: &mut [Option<Outcome>],
) -> Vec<Option<usize>> {
    let mut dated: HashMap<(DocId, String), Vec<usize>> = HashMap::new();
    for (i, f) in found.iter().enumerate() {
        if f.citation.date.is_some() {
            dated
                .entry((f.doc, f.citation.number.key()))
                .or_default()
                .push(i);
        }
    }
    let mut follows = vec![None; found.len()];
    for (i, f) in found.iter().enumerate() {
        let open = matches!(outcomes[i], None | Some(Outcome::Ambiguous(_)));
        if f.citation.date.is_some() || !open {
            continue;
        }
        let Some(siblings) = dated.get(&(f.doc, f.citation.number.key())) else {
            continue;
        };
        let first = siblings[0];
        let same_date = siblings
            .iter()
            .all(|&j| found[j].citation.date == found[first].citation.date);
        let same_outcome = siblings.iter().all(|&j| outcomes[j] == outcomes[first]);
        if !(same_date && same_outcome) {
            continue;
        }
        match &outcomes[first] {
            Some(Outcome::Document(t)) => outcomes[i] = Some(Outcome::Document(*t)),
            None => {
                outcomes[i] = None;
                follows[i] = Some(first);
            }
            _ => {}
        }
    }
    follows
}

/// The dates that name different documents: the most specific ones, since a
/// partial date compatible with a fuller one is the same document.
pub(super) fn distinct_dates(dates: impl Iterator<Item = PartialDate>) -> Vec<PartialDate> {
    let mut dates: Vec<PartialDate> = dates.collect();
    dates.sort();
    dates.dedup();
    dates
        .iter()
        .copied()
        .filter(|d| {
            !dates
                .iter()
                .any(|o| o != d && o.compatible(d) && more_specific(o, d))
        })
        .collect()
}

pub(super) fn more_specific(a: &PartialDate, b: &PartialDate) -> bool {
    (a.month.is_some() as u8 + a.day.is_some() as u8)
        > (b.month.is_some() as u8 + b.day.is_some() as u8)
}

pub(super) fn in_scope(site: &Site, t: &Target, candidate: JurId) -> bool {
    match t.scope {
        Scope::Exact(j) => candidate == j,
        Scope::Nearby => candidate == 0 || site.jurisdiction_chain(t.citing).contains(&candidate),
    }
}

/// Candidates whose date fits the citation's, and one whose date conflicts
/// when that is the only reason nothing fits.
pub(super) fn by_date(
    candidates: &[DocId],
    date: Option<PartialDate>,
    date_of: impl Fn(DocId) -> Option<PartialDate>,
) -> (Vec<DocId>, Option<NodeId>) {
    let Some(date) = date else {
        return (candidates.to_vec(), None);
    };
    let fitting: Vec<DocId> = candidates
        .iter()
        .copied()
        .filter(|&c| date_of(c).is_none_or(|d| d.compatible(&date)))
        .collect();
    // Counters restart each year, so a mismatch is a mistyped date only in
    // the same year, or on the same day and month a year off ("27/12/2019"
    // for 27/12/2018); and only when one document fits that way.
    let mistyped: Vec<DocId> = if fitting.is_empty() {
        candidates
            .iter()
            .copied()
            .filter(|&c| date_of(c).is_some_and(|d| likely_mistyped(date, d)))
            .collect()
    } else {
        Vec::new()
    };
    let conflict = match mistyped.as_slice() {
        [only] => Some(*only),
        _ => None,
    };
    (fitting, conflict)
}

/// Whether a citation's date `written` may be a slip for `actual`.
fn likely_mistyped(written: PartialDate, actual: PartialDate) -> bool {
    written.year == actual.year
        || (written.is_full()
            && written.month == actual.month
            && written.day == actual.day
            && written.year.abs_diff(actual.year) == 1)
}

/// The warning for a citation whose date contradicts the one document it
/// can mean, which it links to instead of making a page for a document
/// that does not exist.
pub(super) fn date_mismatch_warning(site: &Site, r: &Resolution) -> Option<Diagnostic> {
    let other = &site.documents[r.date_conflict?];
    let written = r
        .found
        .citation
        .date
        .map(|d| d.short_vi())
        .unwrap_or_default();
    let actual = other.issued.map(|d| d.short_vi()).unwrap_or_default();
    let number = other.number.as_ref().map_or("", |n| n.written.as_str());
    Some(
        Diagnostic::warning(
            &site.documents[r.found.doc].source,
            "date-mismatch",
            format!(
                "\"{}\": ngày {written} khác ngày ban hành {actual} của {} số {number} (/{}); linked to it — correct the date to {actual}",
                r.found.written, other.kind.name, other.url_path
            ),
        )
        .at(r.found.line, r.found.column),
    )
}

/// A page for a cited document that is not published here. Its URL is the
/// one the document would get if published, unless that is taken by
/// another document with the same number in the same year (then the full
/// date tells them apart).
pub(super) fn new_stub(
    site: &Site,
    jur: JurId,
    found: &[Found],
    members: &[usize],
    date: Option<PartialDate>,
    taken: &mut HashSet<String>,
) -> Stub {
    let first = &found[members[0]].citation;
    let kind: Option<Kind> = members
        .iter()
        .find_map(|&i| found[i].citation.kind)
        .or(first.kind);
    let issuer = members
        .iter()
        .find_map(|&i| found[i].citation.issuer.clone());
    let slug = identity_slug(Some(&first.number), date)
        .unwrap_or_else(|| crate::text::slugify(&first.number.written));
    let folder = site.jurisdiction(jur).url_path();
    let mut url_path = format!("{folder}{slug}/");
    if taken.contains(&url_path) {
        let dated = format!("{slug}-{}", date.map(|d| d.iso()).unwrap_or_default());
        let dated = dated.trim_end_matches('-').to_string();
        url_path = format!("{folder}{dated}/");
        let mut n = 2;
        while taken.contains(&url_path) {
            url_path = format!("{folder}{dated}-{n}/");
            n += 1;
        }
    }
    taken.insert(url_path.clone());
    Stub {
        url_path,
        kind,
        number: first.number.clone(),
        issued: date,
        issuer,
        jurisdiction: jur,
        external: None,
    }
}

pub(super) fn ambiguity_warning(site: &Site, stubs: &[Stub], r: &Resolution) -> Option<Diagnostic> {
    let Outcome::Ambiguous(nodes) = &r.outcome else {
        return None;
    };
    let names: Vec<String> = nodes
        .iter()
        .map(|&n| match site.documents.get(n) {
            Some(d) => d.url_path.clone(),
            None => stubs[n - site.documents.len()].url_path.clone(),
        })
        .collect();
    Some(
        Diagnostic::warning(
            &site.documents[r.found.doc].source,
            "ambiguous-citation",
            format!(
                "\"{}\" fits {} documents (/{}); not linked: add the date or the issuer (\"của …\") to tell them apart",
                r.found.written,
                nodes.len(),
                names.join(", /")
            ),
        )
        .at(r.found.line, r.found.column),
    )
}

fn assemble(
    site: &Site,
    stubs: Vec<Stub>,
    resolutions: Vec<Resolution>,
    findings: Vec<Diagnostic>,
    extra_edges: Vec<((NodeId, NodeId), Relation)>,
) -> Graph {
    let n = site.documents.len() + stubs.len();
    let mut found: BTreeMap<(NodeId, NodeId), PairRelations> = BTreeMap::new();
    for (pair, relation) in extra_edges {
        found.entry(pair).or_default().declared.push(relation);
    }
    let mut links: Vec<Vec<LinkedCitation>> = vec![Vec::new(); site.documents.len()];
    for r in &resolutions {
        let Some(target) = linked_target(r, &mut links) else {
            continue;
        };
        found
            .entry((r.found.doc, target))
            .or_default()
            .add(&r.found);
    }
    let mut outgoing = vec![Vec::new(); n];
    let mut incoming = vec![Vec::new(); n];
    for ((from, to), pair) in found {
        for relation in pair.kept() {
            outgoing[from].push((to, relation));
            incoming[to].push((from, relation));
        }
    }
    for list in &mut incoming {
        list.sort_unstable();
    }
    Graph {
        doc_count: site.documents.len(),
        stubs,
        outgoing,
        incoming,
        links,
        findings,
        resolutions,
    }
}

/// Records where a citation links in its document's text and returns its
/// target, if it has one that is not the document itself.
pub(super) fn linked_target(r: &Resolution, links: &mut [Vec<LinkedCitation>]) -> Option<NodeId> {
    let target = match r.outcome {
        Outcome::Document(t) | Outcome::Stub(t) => Some(t),
        Outcome::Ambiguous(_) => None,
        Outcome::SelfReference => return None,
    };
    links[r.found.doc].push(LinkedCitation {
        number_key: r.found.citation.number.key(),
        date: r.found.citation.date,
        target,
    });
    target
}

/// Every relation one document's mentions of another state.
#[derive(Default)]
pub(super) struct PairRelations {
    declared: Vec<Relation>,
    text: Vec<Relation>,
}

impl PairRelations {
    pub(super) fn add(&mut self, f: &Found) {
        if f.declared {
            self.declared.push(f.relation);
        } else {
            self.text.push(f.relation);
        }
    }

    /// Front matter, when it says anything about the pair, overrides what
    /// the text says.
    pub(super) fn kept(self) -> Vec<Relation> {
        if self.declared.is_empty() {
            crate::model::relation::combine(self.text)
        } else {
            crate::model::relation::combine(self.declared)
        }
    }
}
