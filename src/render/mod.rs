//! Render: turns the site and its graph into pages. Document bodies go
//! through comrak, every page through the theme's Tera templates; pages
//! render in parallel and come out in a stable order.

pub mod coverage_view;
pub mod highlight;
pub mod markdown;
pub mod pages;
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

pub struct Rendered {
    pub pages: Vec<Page>,
    /// Per document (same index as `Site::documents`): headings and text.
    pub bodies: Vec<RenderedBody>,
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

pub fn render(
    site: &Site,
    graph: &Graph,
    theme: &Theme,
    linkers: &dyn LinkerFactory,
) -> Result<Rendered, Vec<Diagnostic>> {
    let (specs, bodies) = page_specs(site, graph, linkers, Vec::new());
    let base = base_context(&Views { site, graph });
    let pages = render_specs(theme, &base, specs, &site.config.base_url)?;
    Ok(Rendered { pages, bodies })
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
        .map(|(i, known)| match known {
            Some(body) => pages::document_page_with_body(&views, i, body),
            None => {
                let root = relative_root(&site.documents[i].url_path);
                let linker = linkers.for_document(i, &root);
                pages::document_page(&views, i, linker.as_ref(), &options)
            }
        })
        .collect();
    let (doc_specs, bodies): (Vec<PageSpec>, Vec<RenderedBody>) = documents.into_iter().unzip();

    let mut specs = doc_specs;
    for stub in 0..graph.stubs.len() {
        let node = graph.doc_count + stub;
        specs.push(pages::stub_page(
            &views,
            node,
            official_url(site, graph, node),
        ));
    }
    specs.extend(pages::list_pages(&views));
    specs.extend(pages::topic_pages(&views, &bodies));
    (specs, bodies)
}

/// Renders the given pages through the theme, in parallel, in order.
pub fn render_specs(
    theme: &Theme,
    base: &tera::Context,
    specs: Vec<PageSpec>,
    base_url: &str,
) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let results: Vec<Result<Page, Diagnostic>> = specs
        .into_par_iter()
        .map(|spec| render_page(theme, base, spec, base_url))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(p) => pages.push(p),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        crate::diagnostics::sort(&mut errors);
        errors.dedup_by(|a, b| a.file == b.file && a.message == b.message);
        return Err(errors);
    }
    Ok(pages)
}

/// The context every page shares (site settings and navigation).
pub fn site_context(site: &Site, graph: &Graph) -> tera::Context {
    base_context(&Views { site, graph })
}

fn render_page(
    theme: &Theme,
    base: &tera::Context,
    spec: PageSpec,
    base_url: &str,
) -> Result<Page, Diagnostic> {
    let mut context = base.clone();
    let root = if spec.url.ends_with(".html") {
        // 404.html is served at any depth, so it needs absolute links.
        base_path(base_url)
    } else {
        relative_root(&spec.url)
    };
    context.insert("root", &root);
    context.insert("page_url", &spec.url);
    for (k, v) in spec.context {
        context.insert(k, &v);
    }
    let html = theme.tera.render(spec.template, &context).map_err(|e| {
        Diagnostic::error(
            format!("templates/{}", spec.template),
            "template",
            theme::error_chain(&e),
        )
    })?;
    let path = output_path(&spec.url);
    Ok(Page {
        path,
        content: html.into_bytes(),
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
            .replace("{number}", &percent_encode(&stub.number.written))
            .replace(
                "{year}",
                &stub.issued.map(|d| d.year.to_string()).unwrap_or_default(),
            )
            .replace("{kind}", stub.kind.map_or("", |k| k.slug)),
    )
}

fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
