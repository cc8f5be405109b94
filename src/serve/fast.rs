//! Page-level rebuilds: when only documents' files changed and each keeps
//! its identity (URL, number, kind, date, jurisdiction, draft), `serve`
//! parses just those files, resolves just their citations
//! ([`graph::update`]), and renders just the pages that can show them: the
//! document's own page, the pages of documents and stubs whose relation
//! lists it entered, left or appears in, the coverage tables of the
//! national documents it implements, and — when what lists show of it
//! changed — the list and topic pages that list it. Identity decides a
//! document's place in every list (lists are sorted by date, then URL;
//! topic pages keep site order), so those pages are found without making
//! the others. Every other page is provably the same, so the result equals
//! a full build's; the site-wide files (search index, feeds, API, sitemap)
//! follow in the background ([`super::catchup`]), and very large pages of
//! other documents just after the reload message. Anything else — a new,
//! removed or renamed file, `_index.md`, a changed identity, a stub that
//! would change, federated manifests — goes through the full build.

use super::incremental::{body_key, spec_key, Captured, Memo};
use crate::content::{self, DocId, Document, Site};
use crate::diagnostics::{self, Diagnostic};
use crate::graph::update::{self, Index, Refused};
use crate::graph::{CitationLinks, Graph, NodeId, Relation};
use crate::render::markdown::{self, RenderedBody};
use crate::render::pages::{self, PageSpec};
use crate::render::topics::{self, TOPICS};
use crate::render::views::Views;
use crate::render::{self, LinkerFactory, Theme};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The last good build, kept whole between builds.
pub struct Live {
    pub site: Site,
    pub graph: Graph,
    theme: Theme,
    base: tera::Context,
    index: Index,
    by_source: HashMap<PathBuf, DocId>,
    /// Folders under content/ (relative to the root, "content/khanh-hoa"):
    /// a folder's disappearance changes jurisdictions or sections.
    dirs: HashSet<PathBuf>,
    /// Original files (signed PDFs) documents publish beside their pages.
    originals: HashSet<PathBuf>,
    /// Pages this module keeps up to date (rendered pages and static files);
    /// everything else follows a page-level rebuild in the background.
    pub fresh: Arc<HashSet<String>>,
    /// Documents changed in a batch that could not be applied (a broken
    /// file): applied with the next batch.
    pending: BTreeSet<DocId>,
    /// Per topic of [`TOPICS`], the documents it has an entry for, in site
    /// order: where a document's entry is on the topic's pages.
    topic_members: Vec<Vec<DocId>>,
    /// Pages of other documents larger than this (bytes) are rendered after
    /// the reload message.
    large_page: usize,
}

impl Live {
    /// `None` when the site federates other sites: their documents take
    /// part in resolution, which only the full build does. `bodies` are the
    /// build's, in site order.
    pub fn new(
        site: Site,
        graph: Graph,
        captured: Captured,
        bodies: &[RenderedBody],
    ) -> Option<Live> {
        if !site.config.federation.manifests.is_empty() {
            return None;
        }
        let index = Index::new(&site, &graph);
        let by_source = site
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.source.clone(), i))
            .collect();
        let dirs = content_dirs(&site.root);
        let originals = site
            .documents
            .iter()
            .filter_map(|d| original_facts(d).map(|f| f.path.clone()))
            .collect();
        let topic_members = topic_members(&site, &graph, bodies);
        Some(Live {
            site,
            graph,
            theme: captured.theme,
            base: captured.base,
            index,
            by_source,
            dirs,
            originals,
            fresh: Arc::new(captured.fresh),
            pending: BTreeSet::new(),
            topic_members,
            // Tests make every page large to see these pages follow.
            large_page: std::env::var("VANBAN_SERVE_LARGE_PAGE")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(LARGE_PAGE),
        })
    }

    /// What a batch of changed paths (relative to the site root, all under
    /// content/) asks for.
    pub fn plan(&self, root: &Path, changed: &[PathBuf]) -> Plan {
        let mut docs: BTreeSet<DocId> = self.pending.clone();
        for rel in changed {
            if rel
                .components()
                .skip(1)
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            {
                // The walk never reads hidden files or folders.
                continue;
            }
            let path = root.join(rel);
            if let Some(&doc) = self.by_source.get(rel) {
                if path.is_file() {
                    docs.insert(doc);
                    continue;
                }
                return Plan::Full;
            }
            if rel.extension().is_some_and(|e| e == "md")
                || self.originals.contains(rel)
                || path.is_dir()
                || self.dirs.contains(rel)
            {
                return Plan::Full;
            }
            // Any other file under content/ (an editor's backup or
            // temporary file) is not read by the build.
        }
        if docs.is_empty() {
            Plan::Nothing
        } else {
            Plan::Documents(docs.into_iter().collect())
        }
    }
}

/// What a batch of changes needs.
#[derive(Debug, PartialEq, Eq)]
pub enum Plan {
    /// Nothing the build reads.
    Nothing,
    /// These documents' files changed.
    Documents(Vec<DocId>),
    /// A full build.
    Full,
}

pub enum Rebuilt {
    /// Pages to swap in.
    Done(Applied),
    /// The changed files have errors: nothing changed, the last good pages
    /// stay.
    Broken(Vec<Diagnostic>),
    /// Only a full build can do it; the [`Live`] state is no longer valid.
    Full(&'static str),
}

/// Final (minified) pages by output path.
pub type Pages = Vec<(String, Arc<Vec<u8>>)>;

pub struct Applied {
    /// Final (minified) pages that changed.
    pub pages: Pages,
    /// Large pages of other documents that show the changed ones, left for
    /// [`render_later`] after the reload message; until then requests for
    /// them wait, so they are never served stale.
    pub later: Later,
    /// Pages whose context was built and compared.
    pub considered: usize,
    /// Pages that went through the templates again.
    pub rendered: usize,
    pub bodies: usize,
    pub steps: Vec<(&'static str, Duration)>,
}

/// Pages a page-level rebuild leaves for just after its reload message.
#[derive(Default)]
pub struct Later {
    nodes: Vec<NodeId>,
    /// Their output paths.
    pub paths: Vec<String>,
}

/// A page whose last output was larger than this is rendered after the
/// reload message: a national decision's page lists thousands of local
/// documents in its relation and coverage tables (5 MB at 10,000
/// documents) and takes longer to build, render and minify than the whole
/// rest of an edit.
const LARGE_PAGE: usize = 256 * 1024;

/// Applies the changed documents `docs` to `live` and `memo` and renders
/// what they touch, but for large pages of other documents (see
/// [`Applied::later`]).
pub fn rebuild(live: &mut Live, memo: &mut Memo, docs: &[DocId]) -> Rebuilt {
    let mut steps = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name, steps: &mut Vec<(&'static str, Duration)>| {
        steps.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    // Parse: every changed file, before anything is touched.
    let mut parsed = Vec::with_capacity(docs.len());
    let mut errors = Vec::new();
    for &d in docs {
        let (doc, findings) = content::reload_document(&live.site.root, &live.site.documents[d]);
        errors.extend(findings.into_iter().filter(Diagnostic::is_error));
        if let Some(doc) = doc {
            parsed.push((d, doc));
        }
    }
    if !errors.is_empty() {
        live.pending.extend(docs);
        diagnostics::sort(&mut errors);
        return Rebuilt::Broken(errors);
    }
    if parsed.len() != docs.len() {
        return Rebuilt::Full("a document is no longer published");
    }
    let views = Views {
        site: &live.site,
        graph: &live.graph,
    };
    // The documents whose line in lists changed.
    let mut shown: Vec<DocId> = Vec::new();
    let mut old_topic_entries = Vec::with_capacity(parsed.len());
    for (d, new) in &parsed {
        let old = &live.site.documents[*d];
        if !same_identity(old, new) {
            return Rebuilt::Full("a document's identity changed");
        }
        if appearance(&views, old) != appearance(&views, new) {
            shown.push(*d);
        }
        old_topic_entries.push(topic_entries(&views, *d, memo.body(*d)));
    }
    let shown_changed = !shown.is_empty();
    // The national documents whose coverage tables may show these.
    let mut nationals: BTreeSet<NodeId> = BTreeSet::new();
    for &d in docs {
        nationals.extend(national_implemented(&live.site, &live.graph, d));
    }
    lap("parse", &mut steps);

    // Resolve: only the changed documents' citations.
    let mut touched: BTreeSet<NodeId> = BTreeSet::new();
    let mut implements_changed = false;
    for (n, (d, new)) in parsed.into_iter().enumerate() {
        let old = std::mem::replace(&mut live.site.documents[d], new);
        match update::update_document(&live.site, &mut live.graph, &live.index, d) {
            Ok(u) => {
                touched.extend(u.touched);
                implements_changed |= u.implements_changed;
            }
            Err(Refused::Errors(e)) if n == 0 => {
                live.site.documents[d] = old;
                live.pending.extend(docs);
                return Rebuilt::Broken(e);
            }
            Err(Refused::Errors(_)) => return Rebuilt::Full("a relation is no citation"),
            Err(Refused::Stubs) => return Rebuilt::Full("a stub page would change"),
        }
    }
    live.pending.clear();
    lap("resolve", &mut steps);

    // Render: the documents' own pages first, with their new bodies.
    let site = &live.site;
    let graph = &live.graph;
    let views = Views { site, graph };
    let linkers = CitationLinks { site, graph };
    let options = markdown::options(site.config.allow_html);
    let mut specs: Vec<PageSpec> = Vec::new();
    // Per topic, the documents whose entry on it changed, and whether one
    // entered or left it.
    let mut topic_docs: Vec<Vec<DocId>> = vec![Vec::new(); TOPICS.len()];
    let mut topic_joined = false;
    for (&d, old_entries) in docs.iter().zip(old_topic_entries) {
        let root = render::relative_root(&site.documents[d].url_path);
        let linker = linkers.for_document(d, &root);
        let (spec, body) = pages::document_page(&views, d, linker.as_ref(), &options);
        let new_entries = topic_entries(&views, d, &body);
        for (t, (old, new)) in old_entries.iter().zip(&new_entries).enumerate() {
            if old != new {
                topic_docs[t].push(d);
                if old.is_some() != new.is_some() {
                    topic_joined = true;
                    let members = &mut live.topic_members[t];
                    match members.binary_search(&d) {
                        Ok(i) => {
                            members.remove(i);
                        }
                        Err(i) => members.insert(i, d),
                    }
                }
            }
        }
        specs.push(spec);
        memo.set_body(d, body_key(site, graph, d), body);
    }
    // Then every page that can show them.
    let mut nodes = touched;
    if shown_changed {
        for &d in docs {
            nodes.extend(graph.incoming[d].iter().map(|&(n, _)| n));
            nodes.extend(graph.outgoing[d].iter().map(|&(n, _)| n));
        }
    }
    if shown_changed || implements_changed {
        for &d in docs {
            nationals.extend(national_implemented(site, graph, d));
        }
        nodes.extend(nationals);
    }
    for &d in docs {
        nodes.remove(&d);
    }
    let mut later = Later::default();
    for n in nodes {
        let path = render::output_path(&node_url(&views, n));
        if memo
            .page_len(&path)
            .is_some_and(|len| len > live.large_page)
        {
            later.nodes.push(n);
            later.paths.push(path);
        } else {
            specs.push(node_spec(&views, memo, n));
        }
    }
    lap("pages", &mut steps);
    if shown_changed {
        // Every document keeps its place in every list (same identity):
        // only the pages that list one of them change.
        specs.extend(pages::list_pages_showing(&views, &shown));
        lap("lists", &mut steps);
    }
    if topic_joined {
        // One entered or left a topic: its later pages shift, and the
        // topic index counts it.
        let topic_specs = pages::topic_pages(&views, memo.bodies());
        // A topic page more or fewer changes the sitemap and links: rare,
        // and left to the full build.
        let prefix = topic_specs
            .last()
            .map(|s| s.url.clone())
            .unwrap_or_default();
        if memo.count_pages(&prefix) != topic_specs.len() {
            return Rebuilt::Full("the number of topic pages changed");
        }
        specs.extend(topic_specs);
        lap("topics", &mut steps);
    } else if topic_docs.iter().any(|d| !d.is_empty()) {
        for ((topic, members), changed) in TOPICS.iter().zip(&live.topic_members).zip(&topic_docs) {
            if !changed.is_empty() {
                specs.extend(pages::topic_pages_showing(
                    &views,
                    memo.bodies(),
                    topic,
                    members,
                    changed,
                ));
            }
        }
        lap("topics", &mut steps);
    }

    let considered = specs.len();
    let (pages, rendered) = match render_changed(&live.theme, &live.base, site, memo, specs) {
        Ok(done) => done,
        Err(why) => return Rebuilt::Full(why),
    };
    lap("render", &mut steps);
    Rebuilt::Done(Applied {
        pages,
        later,
        considered,
        rendered,
        bodies: docs.len(),
        steps,
    })
}

/// Renders the pages [`rebuild`] left for after its reload message.
pub fn render_later(live: &Live, memo: &mut Memo, later: Later) -> Result<Pages, &'static str> {
    let views = Views {
        site: &live.site,
        graph: &live.graph,
    };
    let specs: Vec<PageSpec> = later
        .nodes
        .into_par_iter()
        .map(|n| node_spec(&views, memo, n))
        .collect();
    render_changed(&live.theme, &live.base, &live.site, memo, specs).map(|(pages, _)| pages)
}

/// The page of node `n`, a document (with its body as last rendered) or a
/// stub.
fn node_spec(views: &Views, memo: &Memo, n: NodeId) -> PageSpec {
    match views.graph.as_document(n) {
        Some(doc) => pages::document_page_with_body(views, doc, memo.body(doc).clone()).0,
        None => render::stub_spec(views, n - views.graph.doc_count),
    }
}

fn node_url(views: &Views, n: NodeId) -> String {
    match views.graph.as_document(n) {
        Some(doc) => views.site.documents[doc].url_path.clone(),
        None => views.summary(n).url,
    }
}

/// Puts through the templates only the pages whose context changed, and
/// records them in `memo`; returns them and how many there were.
fn render_changed(
    theme: &Theme,
    base: &tera::Context,
    site: &Site,
    memo: &mut Memo,
    specs: Vec<PageSpec>,
) -> Result<(Pages, usize), &'static str> {
    let keyed: Vec<(String, u64, PageSpec)> = specs
        .into_par_iter()
        .map(|spec| (render::output_path(&spec.url), spec_key(&spec), spec))
        .collect();
    let mut dirty = Vec::new();
    for (path, key, spec) in keyed {
        match memo.page_key(&path) {
            Some(k) if k == key => {}
            Some(_) => dirty.push((path, key, spec)),
            None => return Err("a page appeared"),
        }
    }
    let rendered = dirty.len();
    let base_url = &site.config.base_url;
    let done: Result<Vec<(String, u64, Vec<u8>)>, Diagnostic> = dirty
        .into_par_iter()
        .map(|(path, key, spec)| {
            let page = render::render_page(theme, base, spec, base_url)?;
            Ok((path, key, page.content))
        })
        .collect();
    let Ok(done) = done else {
        return Err("a template failed");
    };
    let mut pages = Vec::with_capacity(done.len());
    for (path, key, bytes) in done {
        let bytes = Arc::new(bytes);
        memo.set_page(path.clone(), key, bytes.clone());
        pages.push((path, bytes));
    }
    Ok((pages, rendered))
}

/// What decides a document's URL, its place in lists and the stubs and
/// navigation around it.
fn same_identity(a: &Document, b: &Document) -> bool {
    a.source == b.source
        && a.url_path == b.url_path
        && a.jurisdiction == b.jurisdiction
        && a.section == b.section
        && a.kind == b.kind
        && a.number.as_ref().map(|n| &n.written) == b.number.as_ref().map(|n| &n.written)
        && a.issued == b.issued
        && a.draft == b.draft
        && original_facts(a) == original_facts(b)
}

/// A document's original file as published: when it changes, the file
/// beside the page must be written again, which only the full build does.
fn original_facts(d: &Document) -> Option<&crate::content::original::Facts> {
    d.original.as_ref().and_then(|o| o.facts.as_ref())
}

/// Everything other pages show of a document: its line in lists and
/// relation lists, what a news post commends, and its tagged topics.
fn appearance(views: &Views, d: &Document) -> String {
    serde_json::to_string(&(
        views.doc_summary(d),
        &d.news,
        d.news.movement.is_some(),
        &d.image,
        &d.topics,
    ))
    .expect("views serialise")
}

/// The document's entry on each topic page, serialised (`None` where it
/// has none): topic pages are made of each document's entry, in site order.
fn topic_entries(views: &Views, doc: DocId, body: &RenderedBody) -> Vec<Option<String>> {
    TOPICS
        .iter()
        .map(|t| {
            topics::entry(views, doc, body, t)
                .map(|e| serde_json::to_string(&e).expect("topic entries serialise"))
        })
        .collect()
}

/// Per topic, the documents with an entry on it, in site order.
fn topic_members(site: &Site, graph: &Graph, bodies: &[RenderedBody]) -> Vec<Vec<DocId>> {
    let views = Views { site, graph };
    TOPICS
        .iter()
        .map(|t| {
            (0..site.documents.len().min(bodies.len()))
                .into_par_iter()
                .filter(|&d| topics::entry(&views, d, &bodies[d], t).is_some())
                .collect()
        })
        .collect()
}

/// The national-level nodes `doc` implements, directly or through others:
/// their coverage tables list it.
fn national_implemented(site: &Site, graph: &Graph, doc: DocId) -> BTreeSet<NodeId> {
    let mut seen = BTreeSet::from([doc]);
    let mut queue = vec![doc];
    while let Some(n) = queue.pop() {
        for &(to, relation) in &graph.outgoing[n] {
            if relation == Relation::Implements && seen.insert(to) {
                queue.push(to);
            }
        }
    }
    seen.remove(&doc);
    seen.retain(|&n| {
        let jur = match graph.as_document(n) {
            Some(d) => site.documents[d].jurisdiction,
            None => graph.as_stub(n).map_or(0, |s| s.jurisdiction),
        };
        jur == 0
    });
    seen
}

fn content_dirs(root: &Path) -> HashSet<PathBuf> {
    crate::site_files::walk(root, &root.join("content"))
        .entries
        .into_iter()
        .filter(|e| e.file_type().is_dir())
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect()
}

/// A copy of the site for work that runs beside the next edits.
pub fn clone_site(site: &Site) -> Site {
    Site {
        root: site.root.clone(),
        config: site.config.clone(),
        jurisdictions: site.jurisdictions.clone(),
        sections: site.sections.clone(),
        documents: site.documents.clone(),
    }
}

/// A copy of the graph's nodes and edges (without the resolver's record of
/// every citation, which only `check` reads).
pub fn clone_graph(graph: &Graph) -> Graph {
    Graph {
        doc_count: graph.doc_count,
        stubs: graph.stubs.clone(),
        outgoing: graph.outgoing.clone(),
        incoming: graph.incoming.clone(),
        links: graph.links.clone(),
        findings: Vec::new(),
        resolutions: Vec::new(),
    }
}

/// Bodies without their HTML: what the search index reads.
pub fn clone_bodies(bodies: &[RenderedBody]) -> Vec<RenderedBody> {
    bodies
        .iter()
        .map(|b| RenderedBody {
            html: String::new(),
            headings: b.headings.clone(),
            passages: b.passages.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{self, BuildOptions};

    #[test]
    fn only_edits_of_known_documents_are_page_level() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("content")).unwrap();
        for (path, text) in [
            ("config.toml", "title = \"Thử\"\n"),
            (
                "content/_index.md",
                "+++\nname = \"Trung ương\"\nlevel = \"trung-uong\"\n+++\n",
            ),
            (
                "content/a.md",
                "+++\ntitle = \"Thử\"\nkind = \"ke-hoach\"\n+++\nNội dung.\n",
            ),
        ] {
            std::fs::write(root.join(path), text).unwrap();
        }
        let memo = Memo::default();
        let mut stages = memo.stages();
        let options = BuildOptions {
            root: root.to_path_buf(),
            ..Default::default()
        };
        let generated = build::generate_with(&options, &mut stages).ok().unwrap();
        let (_, captured) = stages.finish();
        let live = Live::new(generated.site, generated.graph, captured.unwrap(), &[]).unwrap();
        let plan = |paths: &[&str]| {
            let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            live.plan(root, &paths)
        };
        assert_eq!(plan(&["content/a.md"]), Plan::Documents(vec![0]));
        // Editors' swap, lock and backup files are never read.
        assert_eq!(plan(&["content/.a.md.swp", "content/a.md~"]), Plan::Nothing);
        assert_eq!(
            plan(&["content/a.md", "content/.#a.md"]),
            Plan::Documents(vec![0])
        );
        // New files, folder descriptions and folders change the tree.
        assert_eq!(plan(&["content/b.md"]), Plan::Full);
        assert_eq!(plan(&["content/_index.md"]), Plan::Full);
        std::fs::create_dir(root.join("content/moi")).unwrap();
        assert_eq!(plan(&["content/moi"]), Plan::Full);
        std::fs::remove_file(root.join("content/a.md")).unwrap();
        assert_eq!(plan(&["content/a.md"]), Plan::Full);
    }
}
