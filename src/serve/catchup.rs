//! The site-wide files a page-level rebuild leaves for after the reload
//! message: the search index, the feeds, the open-data API and the sitemap
//! are each made from every document, so they are made again, as the full
//! build makes them, on a copy of the site in a background thread with its
//! own thread pool (so that the next edit's render never queues behind it
//! in the global one). Until they are swapped in, requests for them wait (see
//! `serve::handle`), so a stale one is never served after a reload.

use crate::build;
use crate::content::Site;
use crate::graph::Graph;
use crate::output;
use crate::render::{Page, RenderedBody};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The state after one page-level rebuild.
pub struct Job {
    /// The served version this job catches up.
    pub generation: u64,
    pub site: Site,
    pub graph: Graph,
    /// Without HTML: the search index reads the text only.
    pub bodies: Vec<RenderedBody>,
    /// Rendered pages and static files, for the sitemap.
    pub fresh: Arc<HashSet<String>>,
    /// How long copying the site for this job took (after the reload).
    pub copied: Duration,
}

/// One background thread; a job posted while another waits replaces it,
/// since only the newest state is worth making.
pub struct Worker {
    slot: Mutex<Option<Job>>,
    wake: Condvar,
    busy: AtomicBool,
}

impl Worker {
    /// `done(generation, files, time taken, of which copying)` receives
    /// each finished job's files; the time counts the copy of the site made
    /// for it.
    pub fn start(
        done: impl Fn(u64, Vec<Page>, Duration, Duration) + Send + 'static,
    ) -> Arc<Worker> {
        let worker = Arc::new(Worker {
            slot: Mutex::new(None),
            wake: Condvar::new(),
            busy: AtomicBool::new(false),
        });
        let this = worker.clone();
        std::thread::spawn(move || {
            // Its own pool: the next edit's rebuild renders on the global
            // one and must not wait behind this work.
            let pool = rayon::ThreadPoolBuilder::new().build().ok();
            loop {
                let job = {
                    let mut slot = this.slot.lock().expect("job lock");
                    loop {
                        if let Some(job) = slot.take() {
                            this.busy.store(true, Ordering::SeqCst);
                            break job;
                        }
                        slot = this.wake.wait(slot).expect("job lock");
                    }
                };
                let started = Instant::now();
                let (generation, copied) = (job.generation, job.copied);
                let files = match &pool {
                    Some(pool) => pool.install(|| outputs(job)),
                    None => outputs(job),
                };
                done(generation, files, copied + started.elapsed(), copied);
                this.busy.store(false, Ordering::SeqCst);
            }
        });
        worker
    }

    /// Whether a job posted now would start at once: the caller copies the
    /// site for a job only then, so that quick successive edits do not each
    /// pay for a copy that would be replaced unused.
    pub fn idle(&self) -> bool {
        !self.busy.load(Ordering::SeqCst) && self.slot.lock().expect("job lock").is_none()
    }

    pub fn post(&self, job: Job) {
        *self.slot.lock().expect("job lock") = Some(job);
        self.wake.notify_one();
    }
}

/// The files the full build makes after its render stage, other than the
/// static files, made the same way: index, feeds, API, then the sitemap of
/// everything and robots.txt.
pub fn outputs(job: Job) -> Vec<Page> {
    let site = &job.site;
    let mut files = build::index_files(site, &job.graph, job.bodies);
    files.extend(build::data_files(site, &job.graph));
    let sitemap = output::sitemap::sitemap(
        &site.config,
        job.fresh
            .iter()
            .map(String::as_str)
            .chain(files.iter().map(|p| p.path.as_str())),
    );
    files.push(sitemap);
    files.push(output::sitemap::robots(&site.config));
    files
}
