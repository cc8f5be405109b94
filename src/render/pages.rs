//! Which pages a site has, and the context each template gets.

use super::markdown::{self, Linker, RenderedBody};
use super::relative_root;
use super::topics::{self, TOPICS};
use super::views::{kind_link, DocSummary, Link, Views};
use crate::content::{DocId, Level, Site};
use crate::graph::NodeId;
use crate::model::kind::KINDS;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

/// A page to render: where it goes, which template, what extra context.
pub struct PageSpec {
    /// Site-relative URL path ("khanh-hoa/", "" for home, "404.html").
    pub url: String,
    pub template: &'static str,
    pub context: serde_json::Map<String, serde_json::Value>,
    pub source: Option<std::path::PathBuf>,
}

impl PageSpec {
    fn new(url: String, template: &'static str) -> Self {
        PageSpec {
            url,
            template,
            context: serde_json::Map::new(),
            source: None,
        }
    }

    fn with(mut self, key: &str, value: impl Serialize) -> Self {
        self.context.insert(
            key.to_string(),
            serde_json::to_value(value).expect("views serialise"),
        );
        self
    }
}

#[derive(Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    /// The URL of page 1.
    pub first: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Links to the first and last pages and to those near the current one.
    /// Linking every page made each page of a 5,000-page list carry 5,000
    /// links: quadratic in time and memory on a national portal.
    pub pages: Vec<PageLink>,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages were left out between this link and the previous one.
    pub gap_before: bool,
}

/// How many pages on each side of the current one are linked.
const PAGE_WINDOW: usize = 2;

fn page_window(current: usize, total: usize, url_of: impl Fn(usize) -> String) -> Vec<PageLink> {
    let near = current.saturating_sub(PAGE_WINDOW).max(1)..=(current + PAGE_WINDOW).min(total);
    let mut numbers: Vec<usize> = std::iter::once(1)
        .chain(near)
        .chain(std::iter::once(total))
        .collect();
    numbers.dedup();
    let mut previous = 0;
    numbers
        .into_iter()
        .map(|n| {
            let link = PageLink {
                number: n,
                url: url_of(n),
                current: n == current,
                gap_before: n > previous + 1 && previous > 0,
            };
            previous = n;
            link
        })
        .collect()
}

/// Splits a list into pages: the first at `base`, the others at
/// `base` + "trang/N/".
pub fn paginate<T: Clone + Serialize>(
    base: &str,
    items: &[T],
    per_page: usize,
    template: &'static str,
    context: &serde_json::Map<String, serde_json::Value>,
) -> Vec<PageSpec> {
    paginate_where(
        base,
        items.len(),
        per_page,
        template,
        context,
        |_| true,
        |r| &items[r],
    )
}

/// The pages of a list of `len` items whose item range `want` accepts, as
/// [`paginate`] makes them, with `items` giving a page's items: `serve`
/// rebuilds only the pages that show an edited document.
pub fn paginate_where<S: Serialize>(
    base: &str,
    len: usize,
    per_page: usize,
    template: &'static str,
    context: &serde_json::Map<String, serde_json::Value>,
    want: impl Fn(std::ops::Range<usize>) -> bool,
    items: impl Fn(std::ops::Range<usize>) -> S,
) -> Vec<PageSpec> {
    let total = len.div_ceil(per_page).max(1);
    let url_of = |n: usize| {
        if n == 1 {
            base.to_string()
        } else {
            format!("{base}trang/{n}/")
        }
    };
    let range = |n: usize| {
        let start = (n - 1) * per_page;
        start.min(len)..(start + per_page).min(len)
    };
    (1..=total)
        .filter(|&n| want(range(n)))
        .map(|n| {
            let mut spec = PageSpec::new(url_of(n), template)
                .with("items", items(range(n)))
                .with(
                    "pagination",
                    Pagination {
                        current: n,
                        total,
                        first: url_of(1),
                        prev: (n > 1).then(|| url_of(n - 1)),
                        next: (n < total).then(|| url_of(n + 1)),
                        pages: page_window(n, total, url_of),
                    },
                );
            for (k, v) in context {
                spec.context.insert(k.clone(), v.clone());
            }
            spec
        })
        .collect()
}

/// Documents newest first; undated last; then by URL for stability.
pub fn newest_first(site: &Site, ids: &mut [DocId]) {
    ids.sort_by(|&a, &b| {
        let (da, db) = (&site.documents[a], &site.documents[b]);
        db.issued
            .is_some()
            .cmp(&da.issued.is_some())
            .then(db.issued.cmp(&da.issued))
            .then(da.url_path.cmp(&db.url_path))
    });
}

/// The document page of `doc`, with its rendered body.
pub fn document_page(
    views: &Views,
    doc: DocId,
    linker: &dyn Linker,
    options: &comrak::Options,
) -> (PageSpec, RenderedBody) {
    let body = markdown::render(&views.site.documents[doc].body, options, linker);
    document_page_with_body(views, doc, body)
}

/// The document page of `doc` around a body rendered earlier: `serve` keeps
/// the bodies of unchanged documents between builds.
pub fn document_page_with_body(
    views: &Views,
    doc: DocId,
    body: RenderedBody,
) -> (PageSpec, RenderedBody) {
    let d = &views.site.documents[doc];
    let toc: Vec<_> = body.headings.iter().filter(|h| h.level <= 3).collect();
    let show_toc = body.headings.iter().filter(|h| h.level == 2).count() >= 2;
    let mut view = views.document(d);
    view.topics = TOPICS
        .iter()
        .filter(|t| {
            d.topics.iter().any(|s| s == t.slug)
                || body.headings.iter().any(|h| t.matches_heading(&h.text))
        })
        .map(|t| t.link())
        .collect();
    let praise = commendations(views, doc);
    let status = views.status(doc);
    // A news post is an article, not an official document: no Quốc hiệu,
    // no số ký hiệu panel, so that no reader takes it for one.
    let template = if d.kind.is_news() {
        "news_post.html"
    } else {
        "document.html"
    };
    let mut spec = PageSpec::new(d.url_path.clone(), template)
        .with("doc", view)
        .with("body", &body.html)
        .with("toc", if show_toc { toc } else { Vec::new() })
        .with("relations", relations_besides(views, doc, &praise))
        .with("jsonld", super::jsonld::page_data(views, doc, &status))
        .with("status", status)
        .with("coverage", national_coverage(views, doc))
        .with("breadcrumbs", views.breadcrumbs(d.jurisdiction))
        .with("jurisdiction", views.jurisdiction(d.jurisdiction))
        .with("news", news_view(views, doc, &relative_root(&d.url_path)))
        .with("commendations", praise)
        .with("original", original_view(d))
        .with(
            "news_list",
            news_url(&views.site.jurisdiction(d.jurisdiction).url_path()),
        );
    spec.source = Some(d.source.clone());
    (spec, body)
}

/// The download of the received original: relative address, type, size
/// in Vietnamese units, SHA-256 and what its signatures say of themselves.
fn original_view(d: &crate::content::Document) -> Option<serde_json::Value> {
    let facts = d.original.as_ref()?.facts.as_ref()?;
    let signatures: Vec<_> = facts
        .signatures
        .iter()
        .map(|s| {
            json!({
                "name": s.name,
                "time": s.time,
                "time_text": s.time.as_deref().map(signing_time_text),
                "reason": s.reason,
                "location": s.location,
            })
        })
        .collect();
    Some(json!({
        "href": facts.published,
        "label": facts.label,
        "media_type": facts.media_type,
        "size": facts.size,
        "size_text": size_text(facts.size),
        "sha256": facts.sha256,
        "signatures": signatures,
    }))
}

/// "245 KB", "1,2 MB" (Vietnamese decimal comma); a file under 1 KB is
/// "1 KB", as portals write it.
fn size_text(bytes: u64) -> String {
    match bytes {
        b if b < 1024 * 1024 => format!("{} KB", b.div_ceil(1024).max(1)),
        b => {
            let tenths = (b * 10).div_ceil(1024 * 1024);
            format!("{},{} MB", tenths / 10, tenths % 10)
        }
    }
}

/// "2019-07-12T08:30:00+07:00" → "08:30:00 ngày 12/7/2019 (giờ Việt Nam)".
fn signing_time_text(iso: &str) -> String {
    let (date, time) = iso.split_once('T').unwrap_or((iso, ""));
    let day = crate::model::PartialDate::parse_iso(date)
        .map(|d| d.short_vi())
        .unwrap_or_else(|| date.to_string());
    format!(
        "{} ngày {day} (giờ Việt Nam)",
        time.get(..8).unwrap_or(time)
    )
}

/// Documents of the national level show how the country implements them.
fn national_coverage(views: &Views, node: NodeId) -> Option<super::coverage_view::CoverageView> {
    if views.node_jurisdiction(node) != 0 {
        return None;
    }
    super::coverage_view::coverage_view(views, node)
}

/// The page of a cited document that is not published here.
pub fn stub_page(views: &Views, node: NodeId, official_url: Option<String>) -> PageSpec {
    let summary = views.summary(node);
    let jur = views.node_jurisdiction(node);
    let external = views
        .graph
        .as_stub(node)
        .and_then(|s| s.external.as_ref())
        .map(|e| json!({"url": e.url, "title": e.title, "site": e.site}));
    let praise = commendations(views, node);
    let status = views.status(node);
    PageSpec::new(summary.url.clone(), "stub.html")
        .with("stub", &summary)
        .with("official_url", official_url)
        .with("external", external)
        .with("relations", relations_besides(views, node, &praise))
        .with("commendations", praise)
        .with("jsonld", super::jsonld::page_data(views, node, &status))
        .with("status", status)
        .with("coverage", national_coverage(views, node))
        .with("breadcrumbs", views.breadcrumbs(jur))
        .with("jurisdiction", views.jurisdiction(jur))
}

/// Home, jurisdictions, kinds, years, sections, search, 404 and the
/// accessibility statement.
pub fn list_pages(views: &Views) -> Vec<PageSpec> {
    list_pages_where(views, None)
}

/// The list pages (of [`list_pages`], [`news_pages`] and [`embed_pages`])
/// whose items include one of `docs`, for `serve` after an edit that keeps
/// every document's place in every list (same identity, same date).
pub fn list_pages_showing(views: &Views, docs: &[DocId]) -> Vec<PageSpec> {
    list_pages_where(views, Some(docs))
}

/// `only`: just the pages listing one of these documents.
fn list_pages_where(views: &Views, only: Option<&[DocId]>) -> Vec<PageSpec> {
    let shows = |ids: &[DocId]| only.is_none_or(|o| ids.iter().any(|i| o.contains(i)));
    let site = views.site;
    let per_page = site.config.paginate;
    let mut pages = Vec::new();
    let all: Vec<DocId> = (0..site.documents.len()).collect();
    let summaries = |ids: &[DocId]| -> Vec<DocSummary> {
        ids.iter()
            .map(|&i| views.doc_summary(&site.documents[i]))
            .collect()
    };

    let mut by_jur: BTreeMap<usize, Vec<DocId>> = BTreeMap::new();
    for &i in &all {
        by_jur
            .entry(site.documents[i].jurisdiction)
            .or_default()
            .push(i);
    }
    let shown = crate::graph::units::shown(site, views.graph);
    let mut subtree_counts = vec![0usize; site.jurisdictions.len()];
    for (&j, ids) in &by_jur {
        for ancestor in site.jurisdiction_chain(j) {
            subtree_counts[ancestor] += ids.len();
        }
    }
    let child_links = |j: usize| -> Vec<serde_json::Value> {
        site.jurisdiction(j)
            .children
            .iter()
            .filter(|&&c| shown[c])
            .map(|&c| json!({"jurisdiction": views.jurisdiction(c), "count": subtree_counts[c]}))
            .collect()
    };

    // Home: the root jurisdiction's own documents, the provinces, the latest.
    let mut latest = all.clone();
    latest.retain(|&i| !site.documents[i].kind.is_news());
    newest_first(site, &mut latest);
    latest.truncate(10);
    let mut news: Vec<DocId> = all
        .iter()
        .copied()
        .filter(|&i| site.documents[i].kind.is_news())
        .collect();
    newest_first(site, &mut news);
    news.truncate(5);
    let mut national = by_jur.get(&0).cloned().unwrap_or_default();
    national.retain(|&i| !site.documents[i].kind.is_news());
    newest_first(site, &mut national);
    if shows(&national) || shows(&latest) || shows(&news) {
        pages.push(
            PageSpec::new(String::new(), "index.html")
                .with("national", summaries(&national))
                .with("children", child_links(0))
                .with("latest", summaries(&latest))
                .with("news", summaries(&news))
                .with("total", all.len()),
        );
    }

    for (j, jur) in site.jurisdictions.iter().enumerate().skip(1) {
        let mut own = by_jur.get(&j).cloned().unwrap_or_default();
        if !shown[j] || !shows(&own) {
            continue;
        }
        newest_first(site, &mut own);
        let mut context = serde_json::Map::new();
        context.insert(
            "jurisdiction".into(),
            serde_json::to_value(views.jurisdiction(j)).unwrap(),
        );
        context.insert(
            "breadcrumbs".into(),
            serde_json::to_value(views.breadcrumbs(j)).unwrap(),
        );
        context.insert("children".into(), serde_json::Value::Array(child_links(j)));
        context.insert(
            "description".into(),
            json!(
                markdown::render(
                    &jur.description,
                    &markdown::options(false),
                    &markdown::NoLinks
                )
                .html
            ),
        );
        context.insert("subtree_count".into(), json!(subtree_counts[j]));
        if !subtree_documents(site, j, Some(true)).is_empty() {
            context.insert("news_list".into(), json!(news_url(&jur.url_path())));
        }
        context.insert(
            "predecessors".into(),
            predecessor_lists(views, j, &subtree_counts),
        );
        let mut specs = paginate_where(
            &jur.url_path(),
            own.len(),
            per_page,
            "jurisdiction.html",
            &context,
            |r| shows(&own[r]),
            |r| summaries(&own[r]),
        );
        let base = jur.url_path();
        if let (Some(first), Some(source)) =
            (specs.first_mut().filter(|s| s.url == base), &jur.source)
        {
            first.source = Some(source.clone());
        }
        pages.extend(specs);
    }

    let mut kind_counts = Vec::new();
    for kind in KINDS {
        let mut ids: Vec<DocId> = all
            .iter()
            .copied()
            .filter(|&i| site.documents[i].kind == *kind)
            .collect();
        // (The counts are only for the full list of pages.)
        if ids.is_empty() || !shows(&ids) {
            continue;
        }
        newest_first(site, &mut ids);
        let link = kind_link(*kind);
        kind_counts.push(json!({"name": link.name, "url": link.url, "count": ids.len()}));
        let mut context = serde_json::Map::new();
        context.insert("heading".into(), json!(kind.name));
        context.insert("list_kind".into(), json!("kind"));
        pages.extend(paginate_where(
            &link.url,
            ids.len(),
            per_page,
            "list.html",
            &context,
            |r| shows(&ids[r]),
            |r| summaries(&ids[r]),
        ));
    }
    if only.is_none() {
        pages.push(PageSpec::new("loai/".into(), "kinds.html").with("kinds", &kind_counts));
    }

    let mut years: BTreeMap<u16, Vec<DocId>> = BTreeMap::new();
    for &i in &all {
        if let Some(y) = site.documents[i].year() {
            years.entry(y).or_default().push(i);
        }
    }
    let mut year_counts = Vec::new();
    for (year, ids) in years.iter_mut().rev() {
        if !shows(ids) {
            continue;
        }
        newest_first(site, ids);
        let url = format!("nam/{year}/");
        year_counts.push(json!({"name": year.to_string(), "url": url, "count": ids.len()}));
        let mut context = serde_json::Map::new();
        context.insert("heading".into(), json!(format!("Văn bản năm {year}")));
        context.insert("list_kind".into(), json!("year"));
        pages.extend(paginate_where(
            &url,
            ids.len(),
            per_page,
            "list.html",
            &context,
            |r| shows(&ids[r]),
            |r| summaries(&ids[r]),
        ));
    }
    if only.is_none() {
        pages.push(PageSpec::new("nam/".into(), "years.html").with("years", &year_counts));
    }

    for section in &site.sections {
        let prefix = format!("{}/", section.path);
        let mut ids: Vec<DocId> = all
            .iter()
            .copied()
            .filter(|&i| site.documents[i].url_path.starts_with(&prefix))
            .collect();
        if ids.is_empty() || !shows(&ids) {
            continue;
        }
        if is_news_section(site, section) {
            // The jurisdiction's news list is the one list of these posts:
            // the folder's own address leads there.
            let target = news_url(&site.jurisdiction(section.jurisdiction).url_path());
            pages.push(
                PageSpec::new(prefix, "moved.html")
                    .with("heading", &section.title)
                    .with("target", target),
            );
            continue;
        }
        newest_first(site, &mut ids);
        let mut context = serde_json::Map::new();
        context.insert("heading".into(), json!(section.title));
        context.insert("list_kind".into(), json!("section"));
        context.insert(
            "breadcrumbs".into(),
            serde_json::to_value(views.breadcrumbs(section.jurisdiction)).unwrap(),
        );
        pages.extend(paginate_where(
            &prefix,
            ids.len(),
            per_page,
            "list.html",
            &context,
            |r| shows(&ids[r]),
            |r| summaries(&ids[r]),
        ));
    }
    if let Some(docs) = only {
        pages.extend(news_pages_where(views, Some(docs)));
        pages.extend(embed_pages_where(views, Some(docs)));
        return pages;
    }

    let tree: Vec<_> = site
        .jurisdiction(0)
        .children
        .iter()
        .filter(|&&p| shown[p])
        .map(|&p| json!({"jurisdiction": views.jurisdiction(p), "count": subtree_counts[p], "children": child_links(p)}))
        .collect();
    pages.push(PageSpec::new("dia-phuong/".into(), "jurisdictions.html").with("tree", tree));

    let levels: Vec<_> = Level::ALL
        .iter()
        .map(|l| json!({"slug": l.slug(), "name": l.name_vi()}))
        .collect();
    pages.push(PageSpec::new("tim-kiem/".into(), "search.html").with("levels", levels));
    pages.push(PageSpec::new(
        "ho-tro-tiep-can/".into(),
        "accessibility.html",
    ));
    pages.push(PageSpec::new("404.html".into(), "404.html"));
    pages.extend(news_pages(views));
    pages.extend(embed_pages(views));
    pages
}

/// Whether a content folder holds news posts only (a `tin-tuc/` folder):
/// its posts are listed by the jurisdiction's news list, not a list of its
/// own.
pub fn is_news_section(site: &Site, section: &crate::content::Section) -> bool {
    let prefix = format!("{}/", section.path);
    let mut docs = site
        .documents
        .iter()
        .filter(|d| d.url_path.starts_with(&prefix))
        .peekable();
    docs.peek().is_some() && docs.all(|d| d.kind.is_news())
}

/// Where the news list of a jurisdiction is ("tin-bai/" site-wide).
pub fn news_url(jurisdiction_url: &str) -> String {
    format!("{jurisdiction_url}tin-bai/")
}

/// Documents issued by the former units `j` took over, unit by unit
/// (the newest [`EMBED_ITEMS`] of each; the rest on its own page).
fn predecessor_lists(views: &Views, j: usize, subtree_counts: &[usize]) -> serde_json::Value {
    let site = views.site;
    let lists: Vec<serde_json::Value> = site
        .jurisdiction(j)
        .predecessors
        .iter()
        .filter(|&&p| subtree_counts[p] > 0)
        .map(|&p| {
            let mut ids = subtree_documents(site, p, None);
            let total = ids.len();
            ids.truncate(EMBED_ITEMS);
            let items: Vec<DocSummary> = ids
                .iter()
                .map(|&i| views.doc_summary(&site.documents[i]))
                .collect();
            json!({"jurisdiction": views.jurisdiction(p), "items": items, "count": total})
        })
        .collect();
    json!(lists)
}

/// Where a jurisdiction's embeddable list of new documents is.
pub fn embed_url(jurisdiction_url: &str) -> String {
    format!("{jurisdiction_url}nhung/")
}

/// Documents of a jurisdiction and everything below it, newest first.
pub fn subtree_documents(site: &Site, jur: usize, news: Option<bool>) -> Vec<DocId> {
    let mut ids: Vec<DocId> = (0..site.documents.len())
        .filter(|&i| {
            let d = &site.documents[i];
            news.is_none_or(|n| d.kind.is_news() == n) && site.lies_within(d.jurisdiction, jur)
        })
        .collect();
    newest_first(site, &mut ids);
    ids
}

/// A news post in a list: its summary and what it commends.
#[derive(Clone, Serialize)]
struct NewsItem {
    #[serde(flatten)]
    summary: DocSummary,
    #[serde(flatten)]
    news: serde_json::Value,
}

/// The commendation details of a news post, with the image's address as
/// seen from a page at `page_root`.
fn news_view(views: &Views, doc: DocId, page_root: &str) -> serde_json::Value {
    let d = &views.site.documents[doc];
    let image = d.image.as_ref().map(|i| {
        // A picture on another host is linked, never loaded (see
        // `content::images`).
        let external = crate::content::images::is_outside(&i.src);
        json!({
            "src": if external { i.src.clone() } else { format!("{page_root}{}", i.src.trim_start_matches('/')) },
            "alt": i.alt,
            "caption": i.caption,
            "external": external,
            "site_src": i.src.trim_start_matches('/'),
        })
    });
    json!({
        "commended": d.news.commended,
        "award": d.news.award,
        "image": image,
        "time": d.news.time,
        "author": d.news.author,
        "source": d.news.source,
        "movement": movement_view(views, doc),
    })
}

/// The plan or movement a news post reports, as written, with the page it
/// resolved to (a published document or a stub) when the citation did.
fn movement_view(views: &Views, doc: DocId) -> Option<serde_json::Value> {
    let (text, _) = views.site.documents[doc].news.movement.as_ref()?;
    let target = crate::cite::parse_citation(text).and_then(|c| {
        let key = c.number.key();
        views
            .graph
            .links
            .get(doc)?
            .iter()
            .find(|l| l.number_key == key && (c.date.is_none() || l.date == c.date))
            .and_then(|l| l.target)
    });
    Some(json!({"text": text, "doc": target.map(|n| views.summary(n))}))
}

/// The relations of `node` less the news posts listed already under
/// "Biểu dương, khen thưởng", so that a post is not listed twice.
fn relations_besides(
    views: &Views,
    node: NodeId,
    commendations: &[DocSummary],
) -> super::views::Relations {
    let mut relations = views.relations(node);
    let listed = |d: &DocSummary| commendations.iter().any(|c| c.url == d.url);
    for group in &mut relations.cited_by {
        group.docs.retain(|d| !listed(d));
    }
    relations.cited_by.retain(|g| !g.docs.is_empty());
    for section in &mut relations.panel {
        section.docs.retain(|d| !listed(d));
        for group in &mut section.groups {
            group.docs.retain(|d| !listed(d));
        }
        section.groups.retain(|g| !g.docs.is_empty());
    }
    relations
        .panel
        .retain(|s| !s.docs.is_empty() || !s.groups.is_empty());
    relations
}

/// The news posts that name `node` as their movement or plan.
fn commendations(views: &Views, node: NodeId) -> Vec<DocSummary> {
    let site = views.site;
    let mut ids: Vec<DocId> = views.graph.incoming[node]
        .iter()
        .filter_map(|&(from, _)| views.graph.as_document(from))
        .filter(|&d| site.documents[d].news.movement.is_some())
        .collect();
    newest_first(site, &mut ids);
    ids.dedup();
    ids.iter()
        .map(|&i| views.doc_summary(&site.documents[i]))
        .collect()
}

/// News list pages: site-wide at "tin-bai/" and per jurisdiction that has
/// news in it or below it, newest first, paginated.
pub fn news_pages(views: &Views) -> Vec<PageSpec> {
    news_pages_where(views, None)
}

/// The jurisdictions whose subtree holds one of `only` (all the site
/// shows without it).
fn subtrees_of(views: &Views, only: Option<&[DocId]>) -> Vec<usize> {
    let site = views.site;
    match only {
        None => crate::graph::units::shown(site, views.graph)
            .into_iter()
            .enumerate()
            .filter_map(|(j, s)| s.then_some(j))
            .collect(),
        Some(docs) => {
            let mut js: Vec<usize> = docs
                .iter()
                .flat_map(|&d| site.jurisdiction_chain(site.documents[d].jurisdiction))
                .chain(std::iter::once(0))
                .collect();
            js.sort_unstable();
            js.dedup();
            js
        }
    }
}

/// `only`: just the pages listing one of these documents.
fn news_pages_where(views: &Views, only: Option<&[DocId]>) -> Vec<PageSpec> {
    let shows = |ids: &[DocId]| only.is_none_or(|o| ids.iter().any(|i| o.contains(i)));
    let site = views.site;
    let mut pages = Vec::new();
    for j in subtrees_of(views, only) {
        let jur = &site.jurisdictions[j];
        let ids = subtree_documents(site, j, Some(true));
        if ids.is_empty() || !shows(&ids) {
            continue;
        }
        let base = news_url(&jur.url_path());
        let root = super::relative_root(&base);
        let items = |r: std::ops::Range<usize>| -> Vec<NewsItem> {
            ids[r]
                .iter()
                .map(|&i| NewsItem {
                    summary: views.doc_summary(&site.documents[i]),
                    news: news_view(views, i, &root),
                })
                .collect()
        };
        let mut context = serde_json::Map::new();
        let heading = if j == 0 {
            "Tin tức".to_string()
        } else {
            format!("Tin tức – {}", jur.name)
        };
        context.insert("heading".into(), json!(heading));
        context.insert(
            "jurisdiction".into(),
            serde_json::to_value(views.jurisdiction(j)).unwrap(),
        );
        context.insert("feed".into(), json!(base));
        if j > 0 {
            context.insert(
                "breadcrumbs".into(),
                serde_json::to_value(views.breadcrumbs(j)).unwrap(),
            );
        }
        // Pages deeper than the first sit one folder further down: their
        // image addresses are computed for the first page's depth.
        let mut specs = paginate_where(
            &base,
            ids.len(),
            site.config.paginate,
            "news.html",
            &context,
            |r| shows(&ids[r]),
            items,
        );
        for spec in specs.iter_mut().filter(|s| s.url != base) {
            let deeper = super::relative_root(&spec.url);
            if let Some(serde_json::Value::Array(items)) = spec.context.get_mut("items") {
                for item in items {
                    if let Some(src) = item.pointer_mut("/image/src") {
                        if let Some(rel) = src.as_str().and_then(|s| s.strip_prefix(root.as_str()))
                        {
                            if !rel.contains("://") {
                                *src = json!(format!("{deeper}{rel}"));
                            }
                        }
                    }
                }
            }
        }
        pages.extend(specs);
    }
    pages
}

/// Newest documents shown in an embedded fragment.
pub const EMBED_ITEMS: usize = 10;

/// One small self-contained page per jurisdiction that a portal can place in
/// an iframe: the newest documents of the jurisdiction and below it.
pub fn embed_pages(views: &Views) -> Vec<PageSpec> {
    embed_pages_where(views, None)
}

/// `only`: just the fragments listing one of these documents.
fn embed_pages_where(views: &Views, only: Option<&[DocId]>) -> Vec<PageSpec> {
    let site = views.site;
    subtrees_of(views, only)
        .into_iter()
        .filter_map(|j| {
            let jur = &site.jurisdictions[j];
            let mut ids = subtree_documents(site, j, None);
            let total = ids.len();
            ids.truncate(EMBED_ITEMS);
            if only.is_some_and(|o| !ids.iter().any(|i| o.contains(i))) {
                return None;
            }
            let items: Vec<DocSummary> = ids
                .iter()
                .map(|&i| views.doc_summary(&site.documents[i]))
                .collect();
            Some(
                PageSpec::new(embed_url(&jur.url_path()), "embed.html")
                    .with("jurisdiction", views.jurisdiction(j))
                    .with("items", items)
                    .with("total", total),
            )
        })
        .collect()
}

/// The topic index and one page per conduct-standard topic.
pub fn topic_pages(views: &Views, bodies: &[RenderedBody]) -> Vec<PageSpec> {
    // Each topic reads every body: one topic per thread.
    let per_topic: Vec<(serde_json::Value, Vec<PageSpec>)> = TOPICS
        .par_iter()
        .map(|topic| {
            let entries = topics::entries(views, bodies, topic);
            let count = json!({"name": topic.name, "url": topic.url(), "count": entries.len()});
            let pages = paginate(
                &topic.url(),
                &entries,
                views.site.config.paginate,
                "topic.html",
                &topic_context(topic),
            );
            (count, pages)
        })
        .collect();
    let (index, pages): (Vec<_>, Vec<_>) = per_topic.into_iter().unzip();
    let mut pages: Vec<PageSpec> = pages.into_iter().flatten().collect();
    pages.push(PageSpec::new("chu-de/".into(), "topics.html").with("topics", index));
    pages
}

fn topic_context(topic: &topics::Topic) -> serde_json::Map<String, serde_json::Value> {
    let mut context = serde_json::Map::new();
    context.insert(
        "topic".into(),
        serde_json::to_value(topic.link()).expect("links serialise"),
    );
    context
}

/// The pages of `topic` that list one of `docs`, as [`topic_pages`] makes
/// them, given the topic's `members` (the documents it has an entry for, in
/// site order): `serve`, after an edit that changed no membership.
pub fn topic_pages_showing(
    views: &Views,
    bodies: &[RenderedBody],
    topic: &topics::Topic,
    members: &[DocId],
    docs: &[DocId],
) -> Vec<PageSpec> {
    paginate_where(
        &topic.url(),
        members.len(),
        views.site.config.paginate,
        "topic.html",
        &topic_context(topic),
        |r| members[r].iter().any(|i| docs.contains(i)),
        |r| {
            members[r]
                .iter()
                .filter_map(|&i| topics::entry(views, i, &bodies[i], topic))
                .collect::<Vec<_>>()
        },
    )
}

/// Navigation shown on every page: provinces, kinds and years.
pub fn navigation(views: &Views) -> serde_json::Value {
    let site = views.site;
    // The provinces in force, and the former ones something is published
    // or cited in: the header of every page is no place for 63 former ones.
    let populated = crate::graph::units::populated(site, views.graph);
    let provinces: Vec<_> = site
        .jurisdictions
        .iter()
        .enumerate()
        .filter(|(i, j)| {
            j.level == Level::Tinh && j.parent == Some(0) && (!j.is_former() || populated[*i])
        })
        .map(|(i, _)| views.jurisdiction(i))
        .collect();
    let kinds: Vec<Link> = KINDS
        .iter()
        .filter(|k| site.documents.iter().any(|d| d.kind == **k))
        .map(|k| kind_link(*k))
        .collect();
    let mut years: Vec<u16> = site.documents.iter().filter_map(|d| d.year()).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    // Only folders at the site root: a jurisdiction's own sections (its
    // news folder) are reached from its page, not from every page's header.
    let sections: Vec<Link> = site
        .sections
        .iter()
        .filter(|s| !s.path.contains('/'))
        .map(|s| Link {
            name: s.title.clone(),
            url: if is_news_section(site, s) {
                news_url("")
            } else {
                format!("{}/", s.path)
            },
        })
        .collect();
    json!({
        "provinces": provinces,
        "kinds": kinds,
        "years": years.iter().map(|y| Link { name: y.to_string(), url: format!("nam/{y}/") }).collect::<Vec<_>>(),
        "sections": sections,
        "topics": TOPICS.iter().map(|t| t.link()).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(current: usize, total: usize) -> Vec<(usize, bool, bool)> {
        page_window(current, total, |n| format!("trang/{n}/"))
            .into_iter()
            .map(|l| (l.number, l.current, l.gap_before))
            .collect()
    }

    #[test]
    fn pagination_links_the_ends_and_the_neighbourhood_only() {
        assert_eq!(window(1, 1), vec![(1, true, false)]);
        assert_eq!(
            window(2, 3),
            vec![(1, false, false), (2, true, false), (3, false, false)]
        );
        assert_eq!(
            window(50, 5000),
            vec![
                (1, false, false),
                (48, false, true),
                (49, false, false),
                (50, true, false),
                (51, false, false),
                (52, false, false),
                (5000, false, true),
            ]
        );
        assert_eq!(window(5000, 5000).len(), 4, "1, 4998, 4999, 5000");
        assert_eq!(window(4, 9)[1], (2, false, false), "no gap between 1 and 2");
    }
}
