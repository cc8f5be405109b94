//! `vanban serve`: builds the site into memory, serves it over HTTP on
//! loopback, watches content, templates, static files and config.toml, and
//! rebuilds on every change — incrementally when only content changed (see
//! [`incremental`]). Open pages reload through server-sent events. A build
//! that fails leaves the last good pages served, with the errors shown over
//! them, until a build succeeds again. Nothing is ever written to disk.

pub mod http;
pub mod incremental;
mod overlay;

use crate::build::{self, BuildOptions};
use crate::diagnostics::Diagnostic;
use incremental::Memo;
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub interface: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
}

/// What the server answers with: the last good build and the errors of the
/// latest one, if it failed.
#[derive(Default)]
struct State {
    pages: HashMap<String, Arc<Vec<u8>>>,
    errors: Vec<Diagnostic>,
    version: u64,
}

struct Shared {
    state: RwLock<State>,
    /// One sender per open event stream.
    clients: Mutex<Vec<Sender<String>>>,
}

impl Shared {
    fn broadcast(&self, event: &str) {
        let mut clients = self.clients.lock().expect("clients lock");
        clients.retain(|c| c.send(event.to_string()).is_ok());
    }
}

pub fn serve(options: &ServeOptions) -> anyhow::Result<()> {
    let listener = TcpListener::bind((options.interface, options.port))?;
    let address = listener.local_addr()?;
    let url = format!("http://{address}/");
    let build_options = BuildOptions {
        root: options.root.clone(),
        output_dir: None,
        base_url: Some(url.clone()),
        drafts: options.drafts,
    };
    let shared = Arc::new(Shared {
        state: RwLock::new(State::default()),
        clients: Mutex::new(Vec::new()),
    });

    // Watch before the first build so that no edit made during it is lost.
    let (tx, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |e| {
        let _ = tx.send(e);
    })?;
    let root = std::fs::canonicalize(&options.root)?;
    watch_site(&mut watcher, &root)?;

    let mut memo = Memo::default();
    rebuild(&build_options, &mut memo, &shared, Instant::now(), None);
    println!(
        "Serving {} at {url} (Ctrl+C to stop)",
        options.root.display()
    );
    let _ = std::io::stdout().flush();
    if options.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }

    let server = shared.clone();
    std::thread::spawn(move || accept(listener, server));
    watch_loop(
        &events,
        &mut watcher,
        &root,
        &build_options,
        &mut memo,
        &shared,
    );
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

fn watch_loop(
    events: &Receiver<notify::Result<notify::Event>>,
    watcher: &mut impl Watcher,
    root: &Path,
    options: &BuildOptions,
    memo: &mut Memo,
    shared: &Shared,
) {
    while let Ok(first) = events.recv() {
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
            memo.clear();
            // A templates/ or static/ folder may have just been created.
            let _ = watch_site(watcher, root);
        }
        let changed = paths
            .iter()
            .filter_map(|p| p.strip_prefix(root).ok())
            .map(|p| p.display().to_string())
            .collect::<std::collections::BTreeSet<_>>();
        let label = changed.into_iter().collect::<Vec<_>>().join(", ");
        rebuild(options, memo, shared, started, Some(&label));
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
/// the errors; either way open pages are told to reload.
fn rebuild(
    options: &BuildOptions,
    memo: &mut Memo,
    shared: &Shared,
    started: Instant,
    changed: Option<&str>,
) {
    let mut stages = memo.stages();
    let result = build::generate_with(options, &mut stages);
    let reuse = stages.reuse;
    let pending = stages.finish();
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
            version = state.version;
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
}

fn accept(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let shared = shared.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
}

const EVENTS: &str = "/__vanban/events";
const SCRIPT: &str = "/__vanban/reload.js";

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let request = match http::read_request(&stream) {
        Ok(r) => r,
        Err(_) => return http::respond(&mut stream, 400, &[], b"bad request\n", false),
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        return http::respond(&mut stream, 405, &[("Allow", "GET, HEAD")], b"", false);
    }
    let path_only = request.target.split(['?', '#']).next().unwrap_or("");
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
    let state = shared.state.read().expect("state lock");
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
