//! Index-only harness: runs the search index stage on a synthetic corpus
//! (`vanban bench-corpus`) without rendering it, so that 100,000 documents
//! can be measured while the whole build does not yet stream.
//!
//!   cargo bench --bench search_index -- CORPUS_DIR [OUT_DIR]
//!
//! Documents are read straight from the corpus's Markdown (front matter for
//! the metadata, the Markdown with its markup characters dropped for the
//! body text; the real build indexes the rendered text, which differs only
//! in that markup). Prints one JSON line: documents, index seconds, peak
//! resident memory of the index stage above the memory held before it
//! (Linux: the peak is reset through /proc/self/clear_refs), files and
//! bytes. With OUT_DIR the index is written under OUT_DIR/search/.

use std::path::{Path, PathBuf};
use std::time::Instant;
use vanban::search::SearchDoc;

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn front_matter(text: &str) -> Option<(toml::Table, &str)> {
    let rest = text.strip_prefix("+++\n")?;
    let end = rest.find("\n+++")?;
    let table = rest[..end].parse::<toml::Table>().ok()?;
    let body = rest[end + 4..].trim_start_matches('\n');
    Some((table, body))
}

fn string(t: &toml::Table, key: &str) -> Option<String> {
    t.get(key).and_then(|v| v.as_str()).map(str::to_string)
}

/// Markdown to plain text, roughly: heading marks, emphasis and table pipes
/// dropped, lines kept.
fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let line = line.trim_start_matches(['#', '>', ' ']);
        for c in line.chars() {
            if !matches!(c, '*' | '_' | '|' | '`') {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

/// A folder is a jurisdiction when its `_index.md` has a `level`.
fn jurisdiction(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("_index.md")).ok()?;
    let (t, _) = front_matter(&text)?;
    t.get("level")?;
    string(&t, "name")
}

fn collect(content: &Path, dir: &Path, chain: &[(String, String)], out: &mut Vec<SearchDoc>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read corpus folder")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            let mut sub = chain.to_vec();
            if let Some(jname) = jurisdiction(&path) {
                sub.push((name.to_string(), jname));
            }
            collect(content, &path, &sub, out);
        } else if name.ends_with(".md") && name != "_index.md" {
            let text = std::fs::read_to_string(&path).expect("read document");
            let Some((t, body)) = front_matter(&text) else {
                continue;
            };
            let slug = string(&t, "kind").unwrap_or_default();
            let kind_name = vanban::model::Kind::by_slug(&slug).map_or("", |k| k.name);
            let rel = path.strip_prefix(content).expect("under content");
            let url = format!("{}/", rel.with_extension("").to_string_lossy());
            out.push(SearchDoc {
                url,
                title: string(&t, "title").unwrap_or_default(),
                kind: slug.clone(),
                kind_name: kind_name.to_string(),
                number: string(&t, "number"),
                issuer: string(&t, "issuer"),
                date: string(&t, "issued"),
                jurisdictions: chain.iter().map(|c| c.0.clone()).collect(),
                jurisdiction_names: chain.iter().map(|c| c.1.clone()).collect(),
                successor_names: Vec::new(),
                body: plain(body),
            });
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench` to harness-less targets: skip flags.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(corpus) = args.first() else {
        eprintln!("usage: cargo bench --bench search_index -- CORPUS_DIR [OUT_DIR]");
        std::process::exit(2);
    };
    let content = Path::new(corpus).join("content");
    let t = Instant::now();
    let mut docs = Vec::new();
    collect(&content, &content, &[], &mut docs);
    let load_s = t.elapsed().as_secs_f64();

    // Reset the peak so it measures the index stage alone.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = status_kib("VmRSS:");
    let t = Instant::now();
    let files = vanban::search::build_index(&docs);
    let index_s = t.elapsed().as_secs_f64();
    let peak = status_kib("VmHWM:");

    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    let count = |p: &str| files.iter().filter(|f| f.path.starts_with(p)).count();
    let size = |p: &str| -> usize {
        files
            .iter()
            .filter(|f| f.path.starts_with(p))
            .map(|f| f.bytes.len())
            .sum()
    };
    if let Some(out) = args.get(1) {
        let out = Path::new(out);
        let _ = std::fs::remove_dir_all(out.join("search"));
        for f in &files {
            let path = out.join(&f.path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, &f.bytes).expect("write index file");
        }
    }
    println!(
        "{{\"docs\":{},\"load_s\":{load_s:.2},\"index_s\":{index_s:.2},\"rss_before_mib\":{},\"index_peak_mib\":{},\"extra_mib\":{},\"files\":{},\"bytes\":{bytes},\"shards\":{},\"shard_bytes\":{},\"terms\":{},\"term_bytes\":{},\"records\":{},\"record_bytes\":{}}}",
        docs.len(),
        before / 1024,
        peak / 1024,
        peak.saturating_sub(before) / 1024,
        files.len(),
        count("search/s/"),
        size("search/s/"),
        count("search/t/"),
        size("search/t/"),
        count("search/r/"),
        size("search/r/"),
    );
}
