//! Incremental rebuilds for `serve`: the build runs every stage again, but
//! the render stage keeps what did not change since the previous
//! good build. A document's body is rendered again only when its Markdown,
//! its resolved citations or the pages they point to changed; a page goes
//! through Tera and minification again only when its template context
//! changed. Since a page is a pure function of (template, shared context,
//! page context), the result is byte for byte that of a full build; changes
//! to templates, static files or config.toml clear everything.

use crate::build::Stages;
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::graph::{Graph, LinkedCitation};
use crate::render::{self, Page, PageSink, RenderedBody, Theme};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

/// What the previous good build left for the next one.
#[derive(Default)]
pub struct Memo {
    /// Per document, in the order of `Site::documents`: its rendered body
    /// and the key of what it was rendered from.
    bodies: Vec<RenderedBody>,
    body_keys: Vec<u64>,
    /// Index into `bodies` of each document source.
    body_index: HashMap<PathBuf, usize>,
    /// Per output path of a rendered page: (input key, final bytes).
    pages: HashMap<String, (u64, Arc<Vec<u8>>)>,
    /// Key of the context all pages share.
    shared: Option<u64>,
}

/// How much a build could reuse, for the console and for tests.
#[derive(Debug, Default, Clone, Copy)]
pub struct Reuse {
    pub bodies_rendered: usize,
    pub bodies_reused: usize,
    pub pages_rendered: usize,
    pub pages_reused: usize,
}

impl Memo {
    /// Forgets everything: the next build renders every page.
    pub fn clear(&mut self) {
        *self = Memo::default();
    }

    pub fn stages(&self) -> MemoStages<'_> {
        MemoStages {
            memo: self,
            pending_bodies: Vec::new(),
            pending_pages: HashMap::new(),
            shared: None,
            captured: None,
            reuse: Reuse::default(),
        }
    }

    /// Keeps what a successful build produced. `pages` are the final
    /// (minified) files, shared with what the server serves.
    pub fn commit(&mut self, pending: Pending, pages: &HashMap<String, Arc<Vec<u8>>>) {
        self.body_index = pending
            .bodies
            .iter()
            .enumerate()
            .map(|(i, (source, _, _))| (source.clone(), i))
            .collect();
        (self.body_keys, self.bodies) = pending
            .bodies
            .into_iter()
            .map(|(_, key, body)| (key, body))
            .unzip();
        self.pages = pending
            .pages
            .into_iter()
            .filter_map(|(path, key)| pages.get(&path).map(|b| (path, (key, b.clone()))))
            .collect();
        self.shared = pending.shared;
    }

    /// Document `doc`'s body as last rendered.
    pub fn body(&self, doc: usize) -> &RenderedBody {
        &self.bodies[doc]
    }

    /// Every document's body, in site order (for topic pages and search).
    pub fn bodies(&self) -> &[RenderedBody] {
        &self.bodies
    }

    pub fn set_body(&mut self, doc: usize, key: u64, body: RenderedBody) {
        self.bodies[doc] = body;
        self.body_keys[doc] = key;
    }

    /// The input key of the page last rendered to `path`.
    pub fn page_key(&self, path: &str) -> Option<u64> {
        self.pages.get(path).map(|(k, _)| *k)
    }

    /// The size of the page last rendered to `path`.
    pub fn page_len(&self, path: &str) -> Option<usize> {
        self.pages.get(path).map(|(_, b)| b.len())
    }

    pub fn set_page(&mut self, path: String, key: u64, bytes: Arc<Vec<u8>>) {
        self.pages.insert(path, (key, bytes));
    }

    /// How many pages the render stage made.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// How many rendered pages lie under `prefix`.
    pub fn count_pages(&self, prefix: &str) -> usize {
        self.pages.keys().filter(|p| p.starts_with(prefix)).count()
    }
}

/// What one build would leave in the [`Memo`] if it succeeds.
pub struct Pending {
    /// (source, key, body) per document, in site order.
    bodies: Vec<(PathBuf, u64, RenderedBody)>,
    pages: HashMap<String, u64>,
    shared: Option<u64>,
}

/// What the render stage saw, for rebuilding single pages later.
pub struct Captured {
    pub theme: Theme,
    /// The context every page shares.
    pub base: tera::Context,
    /// Every page the render stage made and every static file: what a
    /// page-level rebuild keeps up to date.
    pub fresh: std::collections::HashSet<String>,
}

impl MemoStages<'_> {
    /// What the build leaves for the next one, and what its render stage saw.
    pub fn finish(self) -> (Pending, Option<Captured>) {
        (
            Pending {
                bodies: self.pending_bodies,
                pages: self.pending_pages,
                shared: self.shared,
            },
            self.captured,
        )
    }
}

/// The render stage of one incremental build.
pub struct MemoStages<'a> {
    memo: &'a Memo,
    pending_bodies: Vec<(PathBuf, u64, RenderedBody)>,
    pending_pages: HashMap<String, u64>,
    shared: Option<u64>,
    captured: Option<Captured>,
    pub reuse: Reuse,
}

impl Stages for MemoStages<'_> {
    fn render(
        &mut self,
        site: &Site,
        graph: &Graph,
        theme: &Theme,
        linkers: &dyn render::LinkerFactory,
        sink: &dyn PageSink,
    ) -> Result<Vec<RenderedBody>, Vec<Diagnostic>> {
        let body_keys: Vec<u64> = (0..site.documents.len())
            .into_par_iter()
            .map(|i| body_key(site, graph, i))
            .collect();
        let known: Vec<Option<RenderedBody>> = site
            .documents
            .par_iter()
            .zip(&body_keys)
            .map(|(d, key)| {
                let i = *self.memo.body_index.get(&d.source)?;
                (self.memo.body_keys[i] == *key).then(|| self.memo.bodies[i].clone())
            })
            .collect();
        self.reuse.bodies_reused = known.iter().filter(|b| b.is_some()).count();
        self.reuse.bodies_rendered = known.len() - self.reuse.bodies_reused;
        let (specs, bodies) = render::page_specs(site, graph, linkers, known);
        self.pending_bodies = site
            .documents
            .iter()
            .zip(body_keys)
            .zip(&bodies)
            .map(|((d, key), body)| (d.source.clone(), key, body.clone()))
            .collect();

        let base = render::site_context(site, graph);
        let shared = hash_json(&base.clone().into_json());
        let same_shared = self.memo.shared == Some(shared);
        self.shared = Some(shared);

        let keyed: Vec<(String, u64, render::pages::PageSpec)> = specs
            .into_par_iter()
            .map(|spec| (render::output_path(&spec.url), spec_key(&spec), spec))
            .collect();
        let mut reused = Vec::new();
        let mut dirty = Vec::new();
        for (path, key, spec) in keyed {
            self.pending_pages.insert(path.clone(), key);
            match self.memo.pages.get(&path) {
                Some((k, bytes)) if same_shared && *k == key => reused.push(Page {
                    path,
                    content: bytes.as_ref().clone(),
                    source: spec.source,
                }),
                _ => dirty.push(spec),
            }
        }
        self.reuse.pages_reused = reused.len();
        self.reuse.pages_rendered = dirty.len();
        let mut fresh: std::collections::HashSet<String> =
            self.pending_pages.keys().cloned().collect();
        fresh.extend(theme.static_files.keys().cloned());
        self.captured = Some(Captured {
            theme: Theme {
                tera: theme.tera.clone(),
                static_files: Default::default(),
                warnings: Vec::new(),
            },
            base: base.clone(),
            fresh,
        });
        render::render_specs(theme, &base, dirty, &site.config.base_url, sink)?;
        for page in reused {
            let path = page.path.clone();
            sink.put(page)
                .map_err(|e| vec![Diagnostic::error(path, "write", e.to_string())])?;
        }
        Ok(bodies)
    }
}

/// Everything a page depends on besides the shared context: its template,
/// its URL and its own context.
pub fn spec_key(spec: &render::pages::PageSpec) -> u64 {
    let mut h = DefaultHasher::new();
    spec.template.hash(&mut h);
    spec.url.hash(&mut h);
    serde_json::to_writer(HashWriter(&mut h), &spec.context).expect("contexts serialise");
    h.finish()
}

/// Everything a document's rendered body depends on: its Markdown, its URL
/// (links are relative), the HTML setting, and where its citations lead.
pub fn body_key(site: &Site, graph: &Graph, doc: usize) -> u64 {
    let d = &site.documents[doc];
    let mut h = DefaultHasher::new();
    d.body.hash(&mut h);
    d.url_path.hash(&mut h);
    site.config.allow_html.hash(&mut h);
    for link in &graph.links[doc] {
        hash_link(site, graph, link, &mut h);
    }
    h.finish()
}

fn hash_link(site: &Site, graph: &Graph, link: &LinkedCitation, h: &mut DefaultHasher) {
    // Not the target's node id: it shifts for every document after one
    // added or removed, while the link it makes (by URL) stays the same.
    link.number_key.hash(h);
    format!("{:?}", link.date).hash(h);
    link.target.is_some().hash(h);
    if let Some(node) = link.target {
        match graph.as_document(node) {
            Some(d) => site.documents[d].url_path.hash(h),
            None => format!("{:?}", graph.as_stub(node)).hash(h),
        }
    }
}

fn hash_json(value: &serde_json::Value) -> u64 {
    let mut h = DefaultHasher::new();
    serde_json::to_writer(HashWriter(&mut h), value).expect("json serialises");
    h.finish()
}

/// Feeds serialised bytes straight into a hasher, without a buffer.
struct HashWriter<'a>(&'a mut DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
