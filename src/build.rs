//! The build: runs the stages in order — load → resolve → render → index →
//! write — and reports every finding. `serve` calls [`generate`] and keeps
//! the pages in memory; `vanban build` writes them.

use crate::config::Config;
use crate::content::{self, LoadOptions, Site};
use crate::diagnostics::{self, Diagnostic};
use crate::graph::{self, Graph};
use crate::output;
use crate::render::{self, Page, PageSink, RenderedBody, Theme};
use crate::search;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `public/` under the root.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url` of config.toml.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// The day in-force statuses are for; overrides config.toml's `as_of`.
    pub as_of: Option<crate::model::PartialDate>,
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
    /// Every output file, sorted by path.
    pub pages: Vec<Page>,
    pub warnings: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// What a build knows once every file went to its sink.
pub struct Finished {
    pub site: Site,
    pub graph: Graph,
    pub files: usize,
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
    if let Some(day) = options.as_of {
        config.as_of = Some(day);
    }
    if config.as_of.is_none() {
        config.as_of = Some(crate::new::today_in_vietnam());
    }
    Ok(config)
}

/// The render stage: `serve` replaces it with one that reuses what did not
/// change since its previous build.
pub trait Stages {
    /// Puts every rendered page into `sink`; returns each document's body.
    fn render(
        &mut self,
        site: &Site,
        graph: &Graph,
        theme: &Theme,
        linkers: &dyn render::LinkerFactory,
        sink: &dyn PageSink,
    ) -> Result<Vec<RenderedBody>, Vec<Diagnostic>>;
}

/// Renders every page.
pub struct FullStages;

impl Stages for FullStages {
    fn render(
        &mut self,
        site: &Site,
        graph: &Graph,
        theme: &Theme,
        linkers: &dyn render::LinkerFactory,
        sink: &dyn PageSink,
    ) -> Result<Vec<RenderedBody>, Vec<Diagnostic>> {
        render::render(site, graph, theme, linkers, sink)
    }
}

/// Every file in memory, for `serve` and `check`.
pub fn generate(options: &BuildOptions) -> Result<Generated, Vec<Diagnostic>> {
    generate_with(options, &mut FullStages)
}

pub fn generate_with(
    options: &BuildOptions,
    stages: &mut dyn Stages,
) -> Result<Generated, Vec<Diagnostic>> {
    let memory = MemorySink::default();
    let finished = run(options, stages, &memory)?;
    let mut pages = memory.pages.into_inner().expect("no thread panicked");
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Generated {
        site: finished.site,
        graph: finished.graph,
        pages,
        warnings: finished.warnings,
        timings: finished.timings,
    })
}

/// Runs every stage; each output file goes to `sink` as soon as it is made.
pub fn run(
    options: &BuildOptions,
    stages: &mut dyn Stages,
    sink: &dyn PageSink,
) -> Result<Finished, Vec<Diagnostic>> {
    let mut laps = Laps::start();

    let config = load_config(options)?;
    let theme = Theme::load(&options.root, &config.theme, config.minify)?;
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
    if !crate::render::is_absolute_base_url(&site.config.base_url) {
        warnings.push(Diagnostic::warning(
            "config.toml",
            "relative-base-url",
            format!(
                "base_url \"{}\" has no host: feeds, the sitemap and share cards (Zalo, Facebook) need the site's full address, e.g. base_url = \"https://vanhoacongvu.tinh.gov.vn/\"",
                site.config.base_url
            ),
        ));
    }
    warnings.extend(theme.warnings.iter().cloned());
    laps.lap("load");

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
    laps.lap("resolve");

    let out = Output::new(sink);
    let linkers = graph::CitationLinks {
        site: &site,
        graph: &graph,
    };
    let bodies = stages.render(&site, &graph, &theme, &linkers, &out)?;
    laps.lap("render");

    // The index and the feeds/open data both have serial parts (merging
    // index blocks, one feed after the other): side by side they keep both
    // cores busy. Their laps overlap.
    let static_files: Vec<Page> = theme
        .static_files
        .iter()
        .map(|(path, (bytes, origin))| {
            let mut page = Page {
                path: path.clone(),
                content: bytes.clone(),
                source: Some(origin.clone()),
            };
            if site.config.minify {
                output::minify::static_file(&mut page);
            }
            page
        })
        .collect();
    let ((indexed, index_time), (data, data_time)) = rayon::join(
        || timed(|| out.put_all(index_files(&site, &graph, bodies))),
        || {
            timed(|| {
                out.put_all(static_files)?;
                put_data_files(&site, &graph, &out)
            })
        },
    );
    let mut failures = indexed.err().unwrap_or_default();
    failures.extend(data.err().unwrap_or_default());
    if !failures.is_empty() {
        return Err(failures);
    }
    laps.overlapping(&[("index", index_time), ("feeds", data_time)]);
    let mut written = out.into_written();
    let sitemap = output::sitemap::sitemap(&site.config, written.iter().map(|(p, _)| p.as_str()));
    for page in [sitemap, output::sitemap::robots(&site.config)] {
        written.push((page.path.clone(), None));
        put_or_report(sink, page)?;
    }
    let collisions = output::check_collisions(&written);
    if !collisions.is_empty() {
        return Err(collisions);
    }
    laps.lap("sitemap");

    diagnostics::sort(&mut warnings);
    Ok(Finished {
        site,
        graph,
        files: written.len(),
        warnings,
        timings: laps.timings,
    })
}

/// How long each stage took, for the build's closing line.
struct Laps {
    clock: Instant,
    timings: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn start() -> Self {
        Laps {
            clock: Instant::now(),
            timings: Vec::new(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        self.timings.push((name, self.clock.elapsed()));
        self.clock = Instant::now();
    }

    /// Stages that ran side by side, each with its own duration.
    fn overlapping(&mut self, stages: &[(&'static str, Duration)]) {
        self.timings.extend_from_slice(stages);
        self.clock = Instant::now();
    }
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    (work(), start.elapsed())
}

/// The search index of the site, from each document's rendered body.
pub fn index_files(site: &Site, graph: &Graph, bodies: Vec<RenderedBody>) -> Vec<Page> {
    let search_docs = search::site::documents(site, graph, &bodies);
    drop(bodies);
    search::build_index(&search_docs)
        .into_iter()
        .map(|f| Page {
            path: f.path,
            content: f.bytes,
            source: None,
        })
        .collect()
}

/// Feeds and open data: made from the whole site, after its pages.
pub fn data_files(site: &Site, graph: &Graph) -> Vec<Page> {
    let memory = MemorySink::default();
    put_data_files(site, graph, &memory).expect("memory takes every file");
    memory.pages.into_inner().expect("no thread panicked")
}

/// [`data_files`], each file written as soon as it is made.
fn put_data_files(site: &Site, graph: &Graph, sink: &dyn PageSink) -> Result<(), Vec<Diagnostic>> {
    output::feeds::feeds(site)
        .into_par_iter()
        .try_for_each(|page| put_or_report(sink, page))?;
    output::originals::write(site, |page| put_or_report(sink, page))?;
    output::api::write(site, graph, |page| put_or_report(sink, page))
}

fn put_or_report(sink: &dyn PageSink, page: Page) -> Result<(), Vec<Diagnostic>> {
    let path = page.path.clone();
    sink.put(page)
        .map_err(|e| vec![Diagnostic::error(path, "write", e.to_string())])
}

/// The build's side of every sink: remembers which file came from where,
/// for the sitemap and URL collisions.
struct Output<'a> {
    sink: &'a dyn PageSink,
    written: Mutex<Vec<(String, Option<PathBuf>)>>,
}

impl<'a> Output<'a> {
    fn new(sink: &'a dyn PageSink) -> Self {
        Output {
            sink,
            written: Mutex::new(Vec::new()),
        }
    }

    /// Writes in parallel: on a large site creating files is much of the
    /// build, and file systems create them faster from several threads.
    fn put_all(&self, pages: Vec<Page>) -> Result<(), Vec<Diagnostic>> {
        pages
            .into_par_iter()
            .try_for_each(|page| put_or_report(self, page))
    }

    fn into_written(self) -> Vec<(String, Option<PathBuf>)> {
        let mut written = self.written.into_inner().expect("no thread panicked");
        written.sort();
        written
    }

    fn record(&self, page: &Page) {
        self.written
            .lock()
            .expect("no thread panicked")
            .push((page.path.clone(), page.source.clone()));
    }
}

impl PageSink for Output<'_> {
    fn put(&self, page: Page) -> std::io::Result<()> {
        self.record(&page);
        self.sink.put(page)
    }
}

/// Keeps every file, for `serve` and `check`.
#[derive(Default)]
struct MemorySink {
    pages: Mutex<Vec<Page>>,
}

impl PageSink for MemorySink {
    fn put(&self, page: Page) -> std::io::Result<()> {
        self.pages.lock().expect("no thread panicked").push(page);
        Ok(())
    }
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

/// Builds into a staging folder beside the output and swaps it in only when
/// every stage succeeded; a failed build leaves the previous output as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let out = options.output_dir();
    let staging = output::write::Staging::new(&out, &options.root).map_err(BuildError::Io)?;
    let mut finished = run(options, &mut FullStages, &staging).map_err(BuildError::Content)?;
    let clock = Instant::now();
    staging.commit().map_err(BuildError::Io)?;
    finished.timings.push(("swap", clock.elapsed()));
    Ok(BuildReport {
        output_dir: out,
        documents: finished.site.documents.len(),
        stubs: finished.graph.stubs.len(),
        pages: finished.files,
        warnings: finished.warnings,
        timings: finished.timings,
    })
}

/// The root a command works on: `--root`, or the current folder.
pub fn site_root(root: Option<&Path>) -> PathBuf {
    root.map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
