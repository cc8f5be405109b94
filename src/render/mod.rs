//! Render: turns the site and its graph into pages. Document bodies go
//! through comrak, every page through the theme's Tera templates; pages
//! render in parallel and come out in a stable order.

mod compact;
pub mod coverage_view;
pub mod highlight;
mod jsonld;
pub mod markdown;
pub mod pages;
mod share;
pub mod theme;
pub mod topics;
pub mod views;

use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::graph::Graph;
pub use markdown::{Linker, NoLinks, RenderedBody};
use pages::PageSpec;
use rayon::prelude::*;
use std::path::PathBuf;
pub use theme::Theme;
use views::Views;

/// One output file.
#[derive(Debug, Clone)]
pub struct Page {
    /// Output path relative to the output folder ("khanh-hoa/index.html").
    pub path: String,
    pub content: Vec<u8>,
    /// The content file it was made from, for collision messages.
    pub source: Option<PathBuf>,
}

impl Page {
    pub fn is_html(&self) -> bool {
        self.path.ends_with(".html")
    }
}

/// Where finished output files go: a staging folder for `build`, memory for
/// `serve`. Pages arrive from several threads, in no particular order, and
/// are not kept once handed over, so a build never holds the whole site.
pub trait PageSink: Sync {
    fn put(&self, page: Page) -> std::io::Result<()>;
}

/// Builds the linker for one document's body.
pub trait LinkerFactory: Sync {
    fn for_document(&self, doc: usize, page_root: &str) -> Box<dyn Linker + '_>;
}

pub struct NoLinkers;

impl LinkerFactory for NoLinkers {
    fn for_document(&self, _: usize, _: &str) -> Box<dyn Linker + '_> {
        Box::new(NoLinks)
    }
}

/// Renders every page into `sink` and returns each document's body (same
/// index as `Site::documents`, without its HTML) for the search index and
/// topic pages.
pub fn render(
    site: &Site,
    graph: &Graph,
    theme: &Theme,
    linkers: &dyn LinkerFactory,
    sink: &dyn PageSink,
) -> Result<Vec<RenderedBody>, Vec<Diagnostic>> {
    let views = Views { site, graph };
    let base = base_context(&views);
    let options = markdown::options(site.config.allow_html);
    let base_url = &site.config.base_url;
    // A document's page is rendered as soon as its context exists, so the
    // contexts of a whole site never sit in memory together.
    let done: Vec<(RenderedBody, Option<Diagnostic>)> = (0..site.documents.len())
        .into_par_iter()
        .map(|i| {
            let (spec, mut body) = document_spec(&views, linkers, &options, i, None);
            body.html = String::new();
            (body, emit(theme, &base, spec, base_url, sink).err())
        })
        .collect();
    let (bodies, errors): (Vec<RenderedBody>, Vec<Option<Diagnostic>>) = done.into_iter().unzip();
    let mut errors: Vec<Diagnostic> = errors.into_iter().flatten().collect();
    // The list pages' contexts are made on one thread while the stubs
    // render: making them is serial work that would leave a core idle.
    let (stub_errors, list_specs): (Vec<Diagnostic>, _) = rayon::join(
        || {
            (0..graph.stubs.len())
                .into_par_iter()
                .filter_map(|stub| {
                    emit(theme, &base, stub_spec(&views, stub), base_url, sink).err()
                })
                .collect()
        },
        || pages::list_pages(&views),
    );
    errors.extend(stub_errors);
    // List and topic pages go one group after the other, for the same reason.
    let lists = render_specs(theme, &base, list_specs, base_url, sink);
    errors.extend(lists.err().unwrap_or_default());
    let topics = render_specs(
        theme,
        &base,
        pages::topic_pages(&views, &bodies),
        base_url,
        sink,
    );
    errors.extend(topics.err().unwrap_or_default());
    if !errors.is_empty() {
        crate::diagnostics::sort(&mut errors);
        errors.dedup_by(|a, b| a.file == b.file && a.message == b.message);
        return Err(errors);
    }
    Ok(bodies)
}

/// Every page the site has, not yet rendered, and each document's body.
/// `known_bodies[i]`, when given, is used instead of rendering document
/// `i`'s Markdown again (serve passes the bodies of unchanged documents).
pub fn page_specs(
    site: &Site,
    graph: &Graph,
    linkers: &dyn LinkerFactory,
    known_bodies: Vec<Option<RenderedBody>>,
) -> (Vec<PageSpec>, Vec<RenderedBody>) {
    let views = Views { site, graph };
    let options = markdown::options(site.config.allow_html);
    let mut known_bodies = known_bodies;
    known_bodies.resize_with(site.documents.len(), || None);
    let documents: Vec<(PageSpec, RenderedBody)> = known_bodies
        .into_par_iter()
        .enumerate()
        .map(|(i, known)| document_spec(&views, linkers, &options, i, known))
        .collect();
    let (mut specs, bodies): (Vec<PageSpec>, Vec<RenderedBody>) = documents.into_iter().unzip();
    specs.extend(other_specs(&views, &bodies));
    (specs, bodies)
}

fn document_spec(
    views: &Views,
    linkers: &dyn LinkerFactory,
    options: &comrak::Options,
    i: usize,
    known: Option<RenderedBody>,
) -> (PageSpec, RenderedBody) {
    match known {
        Some(body) => pages::document_page_with_body(views, i, body),
        None => {
            let root = relative_root(&views.site.documents[i].url_path);
            let linker = linkers.for_document(i, &root);
            pages::document_page(views, i, linker.as_ref(), options)
        }
    }
}

/// The page of stub `stub` (index into `Graph::stubs`).
pub fn stub_spec(views: &Views, stub: usize) -> PageSpec {
    let node = views.graph.doc_count + stub;
    pages::stub_page(views, node, official_url(views.site, views.graph, node))
}

/// The pages that are not a document's: stubs, lists and topics.
fn other_specs(views: &Views, bodies: &[RenderedBody]) -> Vec<PageSpec> {
    let mut specs: Vec<PageSpec> = (0..views.graph.stubs.len())
        .map(|stub| stub_spec(views, stub))
        .collect();
    specs.extend(pages::list_pages(views));
    specs.extend(pages::topic_pages(views, bodies));
    specs
}

/// Renders the given pages through the theme, in parallel, into `sink`.
/// Every page is tried, so one broken template reports all it breaks.
pub fn render_specs(
    theme: &Theme,
    base: &tera::Context,
    specs: Vec<PageSpec>,
    base_url: &str,
    sink: &dyn PageSink,
) -> Result<(), Vec<Diagnostic>> {
    let mut errors: Vec<Diagnostic> = specs
        .into_par_iter()
        .filter_map(|spec| emit(theme, base, spec, base_url, sink).err())
        .collect();
    if !errors.is_empty() {
        crate::diagnostics::sort(&mut errors);
        errors.dedup_by(|a, b| a.file == b.file && a.message == b.message);
        return Err(errors);
    }
    Ok(())
}

/// Renders one page into `sink`.
fn emit(
    theme: &Theme,
    base: &tera::Context,
    spec: PageSpec,
    base_url: &str,
    sink: &dyn PageSink,
) -> Result<(), Diagnostic> {
    let page = render_page(theme, base, spec, base_url)?;
    let path = page.path.clone();
    sink.put(page)
        .map_err(|e| Diagnostic::error(path, "write", e.to_string()))
}

/// The context every page shares (site settings and navigation).
pub fn site_context(site: &Site, graph: &Graph) -> tera::Context {
    base_context(&Views { site, graph })
}

/// One page through the theme, not yet minified.
pub fn render_page(
    theme: &Theme,
    base: &tera::Context,
    spec: PageSpec,
    base_url: &str,
) -> Result<Page, Diagnostic> {
    let root = if spec.url.ends_with(".html") {
        // 404.html is served at any depth, so it needs absolute links.
        base_path(base_url)
    } else {
        relative_root(&spec.url)
    };
    // The page's values are moved in, not serialised again: on a large
    // site the per-page context is most of what Tera is given.
    let mut values = spec.context;
    let site = base.get("site");
    let site_text = |key: &str| {
        site.and_then(|s| s.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or("")
    };
    let share = share::share(
        &values,
        site_text("title"),
        site_text("description"),
        base_url,
    );
    values.insert("share".into(), share);
    values.insert("root".into(), root.into());
    values.insert("page_url".into(), spec.url.clone().into());
    let mut context =
        tera::Context::from_value(serde_json::Value::Object(values)).expect("an object");
    context.extend(base.clone());
    // Rendered into bytes: `render` would check the whole page is UTF-8,
    // which everything Tera writes already is.
    let mut html = Vec::with_capacity(16 * 1024);
    theme
        .tera
        .render_to(spec.template, &context, &mut html)
        .map_err(|e| {
            Diagnostic::error(
                format!("templates/{}", spec.template),
                "template",
                theme::error_chain(&e),
            )
        })?;
    let path = output_path(&spec.url);
    Ok(Page {
        path,
        content: html,
        source: spec.source,
    })
}

fn base_context(views: &Views) -> tera::Context {
    let config = &views.site.config;
    let mut c = tera::Context::new();
    c.insert(
        "site",
        &serde_json::json!({
            "title": config.title,
            "description": config.description,
            "base_url": config.base_url,
            "extra": config.extra,
        }),
    );
    c.insert("nav", &pages::navigation(views));
    c
}

/// The file a page URL is written to ("khanh-hoa/" → "khanh-hoa/index.html").
pub use share::is_absolute as is_absolute_base_url;

pub fn output_path(url: &str) -> String {
    if url.ends_with(".html") {
        url.to_string()
    } else {
        format!("{url}index.html")
    }
}

/// The relative way back to the site root from a page at `url_path`:
/// "" for the home page, "../../" for "khanh-hoa/6861-kh-ubnd-2019/".
pub fn relative_root(url_path: &str) -> String {
    "../".repeat(url_path.matches('/').count())
}

/// The path part of base_url ("https://x.gov.vn/vhcv/" → "/vhcv/").
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) if base_url.contains("://") => after_scheme[i..].to_string(),
        _ if base_url.starts_with('/') => base_url.to_string(),
        _ => "/".to_string(),
    }
}

fn official_url(site: &Site, graph: &Graph, node: usize) -> Option<String> {
    let template = site.config.official_source_url.as_ref()?;
    let stub = graph.as_stub(node)?;
    Some(
        template
            .replace(
                "{number}",
                &crate::text::percent_encode(&stub.number.written, b""),
            )
            .replace(
                "{year}",
                &stub.issued.map(|d| d.year.to_string()).unwrap_or_default(),
            )
            .replace("{kind}", stub.kind.map_or("", |k| k.slug)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_roots_climb_one_level_per_folder() {
        assert_eq!(relative_root(""), "");
        assert_eq!(relative_root("loai/"), "../");
        assert_eq!(relative_root("khanh-hoa/6861-kh-ubnd-2019/"), "../../");
    }

    #[test]
    fn base_path_is_the_path_of_base_url() {
        assert_eq!(
            base_path("https://tinh.gov.vn/van-hoa-cong-vu/"),
            "/van-hoa-cong-vu/"
        );
        assert_eq!(base_path("https://tinh.gov.vn/"), "/");
        assert_eq!(base_path("/"), "/");
        assert_eq!(base_path("/sub/"), "/sub/");
    }
}
