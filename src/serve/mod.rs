//! `vanban serve`: builds the site into memory, serves it over HTTP on
//! loopback, watches content, templates, static files and config.toml, and
//! rebuilds on every change. An edit of documents that keeps their identity
//! renders only the pages that show them ([`fast`]), with the site-wide
//! files following in the background ([`catchup`]); anything else runs the
//! whole build, reusing what did not change ([`incremental`]). Open pages
//! reload through server-sent events. A build that fails leaves the last
//! good pages served, with the errors shown over them, until a build
//! succeeds again. Nothing is ever written to disk, except by the editor
//! of `serve --edit` ([`edit`]), on loopback only, at the user's request.

pub mod catchup;
pub mod edit;
pub mod fast;
pub mod http;
pub mod incremental;
mod overlay;

use crate::build::{self, BuildOptions};
use crate::diagnostics::Diagnostic;
use crate::render::Page;
use fast::{Live, Plan, Rebuilt};
use incremental::Memo;
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub interface: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
    /// Serve the editor at `/_editor/` (loopback interfaces only).
    pub edit: bool,
}

/// What the server answers with: the last good build and the errors of the
/// latest one, if it failed.
#[derive(Default)]
struct State {
    pages: HashMap<String, Arc<Vec<u8>>>,
    errors: Vec<Diagnostic>,
    version: u64,
    /// After a page-level rebuild, until the site-wide files are made again.
    catch_up: Option<CatchUp>,
    /// Pages a page-level rebuild renders just after its reload message.
    later: HashSet<String>,
}

impl State {
    /// Whether `path` is being made again: a request for it waits.
    fn pending(&self, path: &str) -> bool {
        self.later.contains(path)
            || self
                .catch_up
                .as_ref()
                .is_some_and(|c| !c.fresh.contains(path))
    }
}

struct CatchUp {
    /// The version whose files are being made.
    version: u64,
    /// What is already up to date; any other file is waited for.
    fresh: Arc<HashSet<String>>,
}

struct Shared {
    state: RwLock<State>,
    /// One sender per open event stream.
    clients: Mutex<Vec<Sender<String>>>,
    /// Requests waiting for the site-wide files wait on `caught_up` with
    /// this lock; whoever ends a catch-up takes it before notifying.
    settle: Mutex<()>,
    caught_up: Condvar,
}

impl Shared {
    fn broadcast(&self, event: &str) {
        let mut clients = self.clients.lock().expect("clients lock");
        clients.retain(|c| c.send(event.to_string()).is_ok());
    }

    fn notify_caught_up(&self) {
        let _settle = self.settle.lock().expect("settle lock");
        self.caught_up.notify_all();
    }

    /// Swaps in the site-wide files of `version`, unless a newer rebuild
    /// made them stale already.
    fn finish_catch_up(&self, version: u64, files: Vec<Page>, took: Duration, copied: Duration) {
        let mut state = self.state.write().expect("state lock");
        let fresh = match &state.catch_up {
            Some(c) if c.version == version => c.fresh.clone(),
            _ => return,
        };
        let count = files.len();
        state.pages.retain(|path, _| fresh.contains(path));
        for page in files {
            state.pages.insert(page.path, Arc::new(page.content));
        }
        state.catch_up = None;
        drop(state);
        self.notify_caught_up();
        println!(
            "Caught up in {} ms: search index, feeds, API and sitemap ({count} files; copying the site took {} ms)",
            took.as_millis(),
            copied.as_millis()
        );
        let _ = std::io::stdout().flush();
    }

    /// Blocks while `path` is one of the files a catch-up is making; false
    /// if that takes unreasonably long.
    fn wait_for(&self, path: &str) -> bool {
        let mut settle = self.settle.lock().expect("settle lock");
        loop {
            let pending = self.state.read().expect("state lock").pending(path);
            if !pending {
                return true;
            }
            let (guard, timeout) = self
                .caught_up
                .wait_timeout(settle, Duration::from_secs(120))
                .expect("settle lock");
            settle = guard;
            if timeout.timed_out() {
                return false;
            }
        }
    }
}

pub fn serve(options: &ServeOptions) -> anyhow::Result<()> {
    if options.edit && !options.interface.is_loopback() {
        anyhow::bail!(
            "--edit writes files and is only served on loopback (127.0.0.1 or ::1), not on {}",
            options.interface
        );
    }
    let listener = TcpListener::bind((options.interface, options.port))?;
    let address = listener.local_addr()?;
    let url = format!("http://{address}/");
    let editor = options
        .edit
        .then(|| Arc::new(edit::Editor::new(&options.root, &url)));
    let build_options = BuildOptions {
        root: options.root.clone(),
        output_dir: None,
        base_url: Some(url.clone()),
        drafts: options.drafts,
        as_of: None,
    };
    let shared = Arc::new(Shared {
        state: RwLock::new(State::default()),
        clients: Mutex::new(Vec::new()),
        settle: Mutex::new(()),
        caught_up: Condvar::new(),
    });
    let catching_up = shared.clone();
    let worker = catchup::Worker::start(move |version, files, took, copied| {
        catching_up.finish_catch_up(version, files, took, copied)
    });

    // Watch before the first build so that no edit made during it is lost.
    let (tx, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |e| {
        let _ = tx.send(e);
    })?;
    let root = std::fs::canonicalize(&options.root)?;
    watch_site(&mut watcher, &root)?;

    let mut memo = Memo::default();
    let mut live = rebuild(&build_options, &mut memo, &shared, Instant::now(), None);
    println!(
        "Serving {} at {url} (Ctrl+C to stop)",
        options.root.display()
    );
    if editor.is_some() {
        println!(
            "Editor at {url}{} (loopback only)",
            edit::PREFIX.trim_start_matches('/')
        );
    }
    let _ = std::io::stdout().flush();
    if options.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }

    let server = shared.clone();
    let bound = address.ip();
    std::thread::spawn(move || accept(listener, server, bound, editor));
    let mut serving = Serving {
        options: build_options,
        memo,
        live: live.take(),
        shared,
        worker,
        owed: None,
    };
    watch_loop(&events, &mut watcher, &root, &mut serving);
    Ok(())
}

fn watch_site(watcher: &mut impl Watcher, root: &Path) -> notify::Result<()> {
    // The root itself only for config.toml and folders created later; the
    // output folder of `vanban build` (public/) is never watched.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for dir in ["content", "templates", "static", "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(())
}

/// What a batch of file events asks for.
#[derive(Debug, PartialEq, Eq)]
enum Change {
    None,
    /// Only documents and folders under content/.
    Content,
    /// Templates, static files, themes or config.toml: start afresh.
    Everything,
}

fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    let mut change = Change::None;
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        match first.as_deref() {
            Some("content") => change = Change::Content,
            Some("templates" | "static" | "themes" | "config.toml") => return Change::Everything,
            _ => {}
        }
    }
    change
}

/// What the watch loop keeps between builds.
struct Serving {
    options: BuildOptions,
    memo: Memo,
    /// The last good build whole, when page-level rebuilds can follow it.
    live: Option<Live>,
    shared: Arc<Shared>,
    worker: Arc<catchup::Worker>,
    /// The version whose site-wide files the worker has yet to be given.
    owed: Option<u64>,
}

fn watch_loop(
    events: &Receiver<notify::Result<notify::Event>>,
    watcher: &mut impl Watcher,
    root: &Path,
    serving: &mut Serving,
) {
    loop {
        // While site-wide files are owed, look now and then whether the
        // worker is free to make them.
        let first = if serving.owed.is_some() {
            match events.recv_timeout(Duration::from_millis(50)) {
                Ok(e) => e,
                Err(RecvTimeoutError::Timeout) => {
                    post_owed(serving);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match events.recv() {
                Ok(e) => e,
                Err(_) => return,
            }
        };
        let started = Instant::now();
        let mut paths = Vec::new();
        collect(first, &mut paths);
        // Editors save in several steps: wait until the events pause.
        while started.elapsed() < Duration::from_millis(500) {
            match events.recv_timeout(Duration::from_millis(20)) {
                Ok(e) => collect(e, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let change = classify(root, &paths);
        if change == Change::None {
            continue;
        }
        if change == Change::Everything {
            post_owed_now(serving);
            serving.memo.clear();
            serving.live = None;
            // A templates/ or static/ folder may have just been created.
            let _ = watch_site(watcher, root);
        }
        let changed: std::collections::BTreeSet<PathBuf> = paths
            .iter()
            .filter_map(|p| p.strip_prefix(root).ok())
            .map(Path::to_path_buf)
            .collect();
        let label = changed
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let plan = match &serving.live {
            Some(live) if change == Change::Content => {
                let content: Vec<PathBuf> = changed
                    .into_iter()
                    .filter(|p| p.starts_with("content"))
                    .collect();
                live.plan(root, &content)
            }
            _ => Plan::Full,
        };
        match plan {
            Plan::Nothing => {}
            Plan::Documents(docs) => page_level(serving, &docs, started, &label),
            Plan::Full => {
                post_owed_now(serving);
                rebuild_live(serving, started, &label);
            }
        }
    }
}

/// Hands the background worker the site-wide files still owed, once it is
/// free (a job for an older version would be replaced unused anyway).
fn post_owed(serving: &mut Serving) {
    if serving.worker.idle() {
        post_owed_now(serving);
    }
}

/// Hands the worker the owed files now, before the live build is dropped
/// for a full build (which, if it fails, leaves these pages served).
fn post_owed_now(serving: &mut Serving) {
    let (Some(version), Some(live)) = (serving.owed, &serving.live) else {
        return;
    };
    let copying = Instant::now();
    let (site, graph, bodies) = (
        fast::clone_site(&live.site),
        fast::clone_graph(&live.graph),
        fast::clone_bodies(serving.memo.bodies()),
    );
    serving.worker.post(catchup::Job {
        generation: version,
        site,
        graph,
        bodies,
        fresh: live.fresh.clone(),
        copied: copying.elapsed(),
    });
    serving.owed = None;
}

/// Renders what changed documents touch, swaps it in, reloads open pages,
/// and leaves the site-wide files to the background worker; falls back to
/// the full build when the edit needs it.
fn page_level(serving: &mut Serving, docs: &[usize], started: Instant, label: &str) {
    let live = serving
        .live
        .as_mut()
        .expect("page-level rebuilds need a live build");
    let shared = &serving.shared;
    match fast::rebuild(live, &mut serving.memo, docs) {
        Rebuilt::Done(applied) => {
            let version;
            {
                let mut state = shared.state.write().expect("state lock");
                for (path, bytes) in applied.pages {
                    state.pages.insert(path, bytes);
                }
                state.later = applied.later.paths.iter().cloned().collect();
                state.errors.clear();
                state.version += 1;
                version = state.version;
                state.catch_up = Some(CatchUp {
                    version,
                    fresh: live.fresh.clone(),
                });
            }
            let ms = started.elapsed().as_millis();
            shared.broadcast(&format!(
                "event: reload\ndata: {{\"version\":{version},\"errors\":0,\"ms\":{ms}}}\n\n"
            ));
            let steps = applied
                .steps
                .iter()
                .map(|(name, d)| format!("{name} {} ms", d.as_millis()))
                .collect::<Vec<_>>()
                .join(", ");
            let large = applied.later.paths.len();
            let mut rendered = applied.rendered;
            let mut after = String::new();
            if large > 0 {
                let clock = Instant::now();
                match fast::render_later(live, &mut serving.memo, applied.later) {
                    Ok(pages) => {
                        rendered += pages.len();
                        let mut state = shared.state.write().expect("state lock");
                        for (path, bytes) in pages {
                            state.pages.insert(path, bytes);
                        }
                        state.later.clear();
                    }
                    // The full build clears `later` when it is done, so
                    // that no stale page is served meanwhile.
                    Err(why) => return full_after_page_level(serving, started, label, why),
                }
                shared.notify_caught_up();
                after = format!(
                    "; then {large} large pages in {} ms",
                    clock.elapsed().as_millis()
                );
            }
            let documents = live.site.documents.len();
            println!(
                "Rebuilt after {label} in {ms} ms: {rendered} pages rendered, {} reused; {} bodies rendered, {} reused (page-level: {steps}; {} pages compared{after}); search index, feeds, API and sitemap follow",
                serving.memo.page_count() - rendered,
                applied.bodies,
                documents - applied.bodies,
                applied.considered,
            );
            let _ = std::io::stdout().flush();
            serving.owed = Some(version);
            post_owed(serving);
        }
        Rebuilt::Broken(errors) => {
            for d in &errors {
                eprintln!("{d}");
            }
            let (version, count) = {
                let mut state = shared.state.write().expect("state lock");
                state.errors = errors;
                state.version += 1;
                (state.version, state.errors.len())
            };
            let ms = started.elapsed().as_millis();
            println!(
                "Build failed with {count} error(s) in {ms} ms; still serving the last good build"
            );
            shared.broadcast(&format!(
                "event: reload\ndata: {{\"version\":{version},\"errors\":{count},\"ms\":{ms}}}\n\n"
            ));
            let _ = std::io::stdout().flush();
        }
        Rebuilt::Full(why) => full_after_page_level(serving, started, label, why),
    }
}

/// Replaces the live build with a full one; the old one is dropped first,
/// so two whole sites are never held at once.
fn rebuild_live(serving: &mut Serving, started: Instant, label: &str) {
    serving.live = None;
    serving.live = rebuild(
        &serving.options,
        &mut serving.memo,
        &serving.shared,
        started,
        Some(label),
    );
}

/// The full build, when a page-level rebuild found it cannot do the edit.
fn full_after_page_level(serving: &mut Serving, started: Instant, label: &str, why: &str) {
    println!("{label}: {why}; rebuilding everything");
    // The live build was changed half-way: no copy of it can make
    // the owed files any more. A full build that succeeds makes
    // them; one that fails leaves the overlay over what there is.
    let owed = serving.owed.take().is_some();
    rebuild_live(serving, started, label);
    if owed && serving.live.is_none() {
        serving.shared.state.write().expect("state lock").catch_up = None;
        serving.shared.notify_caught_up();
    }
}

fn collect(event: notify::Result<notify::Event>, paths: &mut Vec<PathBuf>) {
    match event {
        Ok(e) if !matches!(e.kind, EventKind::Access(_)) => paths.extend(e.paths),
        Ok(_) => {}
        Err(e) => eprintln!("warning: file watching: {e}"),
    }
}

/// Builds and swaps the result in, or keeps the last good pages and shows
/// the errors; either way open pages are told to reload. Returns the build
/// whole when it succeeded, for page-level rebuilds to follow.
fn rebuild(
    options: &BuildOptions,
    memo: &mut Memo,
    shared: &Shared,
    started: Instant,
    changed: Option<&str>,
) -> Option<Live> {
    let mut stages = memo.stages();
    let result = build::generate_with(options, &mut stages);
    let reuse = stages.reuse;
    let (pending, captured) = stages.finish();
    let mut kept = None;
    let version;
    let mut errors = 0;
    let mut stages_ms = String::new();
    match result {
        Ok(generated) => {
            stages_ms = generated
                .timings
                .iter()
                .map(|(name, d)| format!("{name} {} ms", d.as_millis()))
                .collect::<Vec<_>>()
                .join(", ");
            let pages: HashMap<String, Arc<Vec<u8>>> = generated
                .pages
                .into_iter()
                .map(|p| (p.path, Arc::new(p.content)))
                .collect();
            memo.commit(pending, &pages);
            let mut state = shared.state.write().expect("state lock");
            state.pages = pages;
            state.errors.clear();
            state.version += 1;
            state.catch_up = None;
            state.later.clear();
            version = state.version;
            drop(state);
            shared.notify_caught_up();
            kept = captured.map(|c| (generated.site, generated.graph, c));
        }
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            let mut state = shared.state.write().expect("state lock");
            state.errors = diagnostics.into_iter().filter(|d| d.is_error()).collect();
            errors = state.errors.len();
            state.version += 1;
            version = state.version;
            // Pages a page-level rebuild left unfinished stay as they were,
            // under the errors.
            if !state.later.is_empty() {
                state.later.clear();
                drop(state);
                shared.notify_caught_up();
            }
        }
    }
    let ms = started.elapsed().as_millis();
    match (changed, errors) {
        (_, 0) => println!(
            "{} in {ms} ms: {} pages rendered, {} reused; {} bodies rendered, {} reused ({stages_ms})",
            changed.map_or_else(|| "Built".to_string(), |c| format!("Rebuilt after {c}")),
            reuse.pages_rendered,
            reuse.pages_reused,
            reuse.bodies_rendered,
            reuse.bodies_reused
        ),
        (_, n) => {
            println!("Build failed with {n} error(s) in {ms} ms; still serving the last good build")
        }
    }
    shared.broadcast(&format!(
        "event: reload\ndata: {{\"version\":{version},\"errors\":{errors},\"ms\":{ms}}}\n\n"
    ));
    let _ = std::io::stdout().flush();
    // After the reload message: what page-level rebuilds keep.
    kept.and_then(|(site, graph, captured)| Live::new(site, graph, captured, memo.bodies()))
}

/// At most this many connections are served at once (each open page holds
/// one for its reload events); more are answered 503 and closed, so a page
/// that opens connections in a loop cannot exhaust threads or descriptors.
const MAX_CONNECTIONS: usize = 128;

fn accept(
    listener: TcpListener,
    shared: Arc<Shared>,
    bound: IpAddr,
    editor: Option<Arc<edit::Editor>>,
) {
    let open = Arc::new(AtomicUsize::new(0));
    for mut stream in listener.incoming().flatten() {
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            http::refuse_busy(&mut stream);
            continue;
        }
        let (shared, open, editor) = (shared.clone(), open.clone(), editor.clone());
        std::thread::spawn(move || {
            let _ = handle(stream, &shared, bound, editor.as_deref());
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

const EVENTS: &str = "/__vanban/events";
const SCRIPT: &str = "/__vanban/reload.js";

fn handle(
    mut stream: TcpStream,
    shared: &Shared,
    bound: IpAddr,
    editor: Option<&edit::Editor>,
) -> std::io::Result<()> {
    let request = match http::read_request(&stream) {
        Ok(r) => r,
        Err(_) => return http::respond(&mut stream, 400, &[], b"bad request\n", false),
    };
    if !request
        .host
        .as_deref()
        .is_some_and(|host| http::host_allowed(host, bound))
    {
        let body = b"vanban serve answers only requests for localhost or its own address\n";
        return http::respond(&mut stream, 421, &[], body, false);
    }
    let path_only = request.target.split(['?', '#']).next().unwrap_or("");
    if let Some(editor) = editor.filter(|_| edit::is_editor_path(path_only)) {
        let answer = editor.handle(&request);
        let mut headers: Vec<(&str, &str)> = vec![("Content-Type", answer.content_type)];
        headers.extend(answer.headers.iter().map(|(k, v)| (*k, v.as_str())));
        headers.extend(edit::SECURITY_HEADERS);
        let head_only = request.method == "HEAD";
        return http::respond(
            &mut stream,
            answer.status,
            &headers,
            &answer.body,
            head_only,
        );
    }
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        return http::respond(&mut stream, 405, &[("Allow", "GET, HEAD")], b"", false);
    }
    if path_only == EVENTS {
        return events(stream, shared);
    }
    if path_only == SCRIPT {
        return http::respond(
            &mut stream,
            200,
            &[("Content-Type", "text/javascript; charset=utf-8")],
            overlay::SCRIPT.as_bytes(),
            head_only,
        );
    }
    let path = match http::output_path(&request.target) {
        Ok(p) => p,
        Err(http::PathError::Escapes) => {
            return http::respond(&mut stream, 403, &[], b"forbidden\n", head_only)
        }
        Err(http::PathError::Bad) => {
            return http::respond(&mut stream, 400, &[], b"bad request\n", head_only)
        }
    };
    let state = loop {
        let state = shared.state.read().expect("state lock");
        if !state.pending(&path) {
            break state;
        }
        drop(state);
        if !shared.wait_for(&path) {
            // The background thread is stuck: serve what there is.
            break shared.state.read().expect("state lock");
        }
    };
    let (status, file, bytes) = match state.pages.get(&path) {
        Some(b) => (200, path.clone(), Some(b.clone())),
        None => {
            let folder = format!("{path}/index.html");
            if !path.ends_with(".html") && state.pages.contains_key(&folder) {
                let location = format!("{}/", path_only);
                drop(state);
                return http::respond(&mut stream, 301, &[("Location", &location)], b"", head_only);
            }
            (
                404,
                "404.html".to_string(),
                state.pages.get("404.html").cloned(),
            )
        }
    };
    let errors = state.errors.clone();
    drop(state);
    let (status, content_type, body) = match bytes {
        Some(b) if file.ends_with(".html") => (
            status,
            http::content_type(&file),
            overlay::inject(&b, &errors),
        ),
        Some(b) => (status, http::content_type(&file), b.as_ref().clone()),
        // Nothing built yet (the first build failed): the errors alone.
        None if !errors.is_empty() => (
            500,
            "text/html; charset=utf-8",
            overlay::error_page(&errors),
        ),
        None => (404, "text/plain; charset=utf-8", b"not found\n".to_vec()),
    };
    http::respond(
        &mut stream,
        status,
        &[("Content-Type", content_type)],
        &body,
        head_only,
    )
}

/// A server-sent-events stream: one `reload` event per build.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let (tx, rx) = mpsc::channel();
    shared.clients.lock().expect("clients lock").push(tx);
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n: connected\n\n",
    )?;
    stream.flush()?;
    loop {
        match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => stream.write_all(event.as_bytes())?,
            // A comment now and then finds closed connections.
            Err(RecvTimeoutError::Timeout) => stream.write_all(b": ping\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        stream.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_edits_are_incremental_and_the_rest_starts_afresh() {
        let root = Path::new("/site");
        let p = |s: &str| root.join(s);
        assert_eq!(classify(root, &[p("content/a/b.md")]), Change::Content);
        assert_eq!(
            classify(root, &[p("content/a.md"), p("templates/base.html")]),
            Change::Everything
        );
        assert_eq!(classify(root, &[p("config.toml")]), Change::Everything);
        assert_eq!(classify(root, &[p("public/index.html")]), Change::None);
        assert_eq!(
            classify(root, &[PathBuf::from("/elsewhere/x")]),
            Change::None
        );
    }
}
