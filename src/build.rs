//! The build: runs the stages in order — load → resolve → render → index →
//! write — and reports every finding. `serve` calls [`generate`] and keeps
//! the pages in memory; `vanban build` writes them.

use crate::config::Config;
use crate::content::{self, LoadOptions, Site};
use crate::diagnostics::{self, Diagnostic};
use crate::graph::{self, Graph};
use crate::output;
use crate::render::{self, Page, Theme};
use crate::search;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `public/` under the root.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url` of config.toml.
    pub base_url: Option<String>,
    pub drafts: bool,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output_dir
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// Everything a build produced, in memory.
pub struct Generated {
    pub site: Site,
    pub graph: Graph,
    pub pages: Vec<Page>,
    pub warnings: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
}

pub fn load_config(options: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
    let mut config = Config::load(&options.root).map_err(|d| vec![d])?;
    if let Some(url) = &options.base_url {
        config.base_url = url.clone();
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
    }
    Ok(config)
}

/// The render and minify stages: `serve` replaces them with ones that keep
/// what did not change since its previous build.
pub trait Stages {
    fn render(
        &mut self,
        site: &Site,
        graph: &Graph,
        theme: &Theme,
        linkers: &dyn render::LinkerFactory,
    ) -> Result<render::Rendered, Vec<Diagnostic>>;
    fn minify(&mut self, pages: &mut [Page]);
}

/// Renders and minifies every page.
pub struct FullStages;

impl Stages for FullStages {
    fn render(
        &mut self,
        site: &Site,
        graph: &Graph,
        theme: &Theme,
        linkers: &dyn render::LinkerFactory,
    ) -> Result<render::Rendered, Vec<Diagnostic>> {
        render::render(site, graph, theme, linkers)
    }

    fn minify(&mut self, pages: &mut [Page]) {
        pages.par_iter_mut().filter(|p| p.is_html()).for_each(|p| {
            p.content = output::minify::html(&p.content);
        });
    }
}

pub fn generate(options: &BuildOptions) -> Result<Generated, Vec<Diagnostic>> {
    generate_with(options, &mut FullStages)
}

pub fn generate_with(
    options: &BuildOptions,
    stages: &mut dyn Stages,
) -> Result<Generated, Vec<Diagnostic>> {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    let config = load_config(options)?;
    let theme = Theme::load(&options.root, &config.theme)?;
    let loaded = content::load(
        options.root.clone(),
        config,
        &LoadOptions {
            drafts: options.drafts,
        },
    )
    .map_err(|failure| {
        // The documents that did parse may still have bad relations: report
        // those too, so one bad file does not hide the others' errors.
        let mut findings = failure.findings;
        findings.extend(graph::resolve::find_all(&failure.partial).1);
        diagnostics::sort(&mut findings);
        findings
    })?;
    let site = loaded.site;
    let mut warnings = loaded.warnings;
    lap("load", &mut timings);

    // Federated manifests are loaded only when content loaded: their
    // warnings join the build's, and a failing one never fails the build.
    let (federated, federation_warnings) = crate::federation::load_all(&site.root, &site.config);
    warnings.extend(federation_warnings);
    let graph = graph::resolve_federated(&site, &federated);
    if diagnostics::has_errors(&graph.findings) {
        let mut findings = graph.findings;
        diagnostics::sort(&mut findings);
        return Err(findings);
    }
    warnings.extend(graph.findings.iter().cloned());
    lap("resolve", &mut timings);

    let linkers = graph::CitationLinks {
        site: &site,
        graph: &graph,
    };
    let rendered = stages.render(&site, &graph, &theme, &linkers)?;
    let mut pages = rendered.pages;
    lap("render", &mut timings);

    let search_docs = search::site::documents(&site, &graph, &rendered.bodies);
    pages.extend(search::build_index(&search_docs).into_iter().map(|f| Page {
        path: f.path,
        content: f.bytes,
        source: None,
    }));
    lap("index", &mut timings);

    if site.config.minify {
        stages.minify(&mut pages);
    }
    for (path, (bytes, origin)) in &theme.static_files {
        pages.push(Page {
            path: path.clone(),
            content: bytes.clone(),
            source: Some(origin.clone()),
        });
    }
    pages.extend(output::feeds::feeds(&site));
    pages.extend(output::api::pages(&site, &graph));
    pages.push(output::sitemap::sitemap(&site.config, &pages));
    pages.push(output::sitemap::robots(&site.config));
    let collisions = output::check_collisions(&pages);
    if !collisions.is_empty() {
        return Err(collisions);
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    lap("minify", &mut timings);

    diagnostics::sort(&mut warnings);
    Ok(Generated {
        site,
        graph,
        pages,
        warnings,
        timings,
    })
}

pub struct BuildReport {
    pub output_dir: PathBuf,
    pub documents: usize,
    pub stubs: usize,
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Why a build did not write its output.
pub enum BuildError {
    Content(Vec<Diagnostic>),
    Io(std::io::Error),
}

pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut generated = generate(options).map_err(BuildError::Content)?;
    let out = options.output_dir();
    let clock = Instant::now();
    output::write::write_atomically(&out, &generated.pages).map_err(BuildError::Io)?;
    generated.timings.push(("write", clock.elapsed()));
    Ok(BuildReport {
        output_dir: out,
        documents: generated.site.documents.len(),
        stubs: generated.graph.stubs.len(),
        pages: generated.pages.len(),
        warnings: generated.warnings,
        timings: generated.timings,
    })
}

/// The root a command works on: `--root`, or the current folder.
pub fn site_root(root: Option<&Path>) -> PathBuf {
    root.map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
