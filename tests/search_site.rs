//! The Rust side of the shared search vectors on the bundled site: builds
//! the repository's own content and runs every query of
//! tests/fixtures/search/site_vectors.json through `vanban search --json`.
//! tests/browser/search.test.mjs runs the same file through the search page
//! in Chromium, so the CLI and the browser cannot drift apart.

mod common;

use common::{build, repo_root, stderr, vanban};
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;

/// One fresh build of the bundled site for the whole file.
fn site() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = tempfile::tempdir().expect("temp dir");
        let o = build(&repo_root(), out.path(), &[]);
        assert!(o.status.success(), "build failed: {}", stderr(&o));
        out
    })
    .path()
}

fn vectors() -> Vec<Value> {
    let path = repo_root().join("tests/fixtures/search/site_vectors.json");
    serde_json::from_str(&common::read(&path)).expect("site vectors parse")
}

/// `vanban search` with the vector's query and filters, as JSON.
fn search(v: &Value) -> Value {
    let mut cmd = vanban();
    cmd.arg("search")
        .arg(v["query"].as_str().expect("query"))
        .arg("--site")
        .arg(site())
        .args(["--json", "--limit", "20"]);
    if let Some(j) = v["jurisdiction"].as_str() {
        cmd.args(["--jurisdiction", j]);
    }
    if let Some(k) = v["kind"].as_str() {
        cmd.args(["--kind", k]);
    }
    if let Some(y) = v["year"].as_u64() {
        cmd.args(["--year", &y.to_string()]);
    }
    if v["sortByDate"].as_bool() == Some(true) {
        cmd.arg("--by-date");
    }
    let o = cmd.output().expect("run vanban search");
    assert!(o.status.success(), "search {v}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("search prints JSON")
}

fn urls(r: &Value) -> Vec<String> {
    r["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["url"].as_str().expect("url").to_string())
        .collect()
}

#[test]
fn shared_site_vectors_pass_through_the_cli() {
    let vectors = vectors();
    assert!(
        vectors.len() >= 15,
        "the vector file covers every behaviour"
    );
    let mut failures = Vec::new();
    for v in &vectors {
        let r = search(v);
        let got = urls(&r);
        let expect: Vec<String> = v["expect"]
            .as_array()
            .expect("expect")
            .iter()
            .map(|u| u.as_str().expect("url").to_string())
            .collect();
        if !got.starts_with(&expect) {
            failures.push(format!(
                "{}: expected first {expect:?}, got {got:?}",
                v["query"]
            ));
        }
        if let Some(total) = v["total"].as_u64() {
            if r["total"].as_u64() != Some(total) {
                failures.push(format!(
                    "{} {}: total {} instead of {total}",
                    v["query"], v["note"], r["total"]
                ));
            }
        }
        // The snippet of the first hit is the passage where the words match.
        if let Some(want) = v["snippet"].as_str() {
            let got = r["hits"][0]["snippet"].as_str().unwrap_or("");
            if !got.contains(want) {
                failures.push(format!("{}: snippet {got:?} lacks {want:?}", v["query"]));
            }
        }
        for x in v["exclude"].as_array().into_iter().flatten() {
            if got.iter().any(|u| Some(u.as_str()) == x.as_str()) {
                failures.push(format!("{}: {x} must not match", v["query"]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hits_carry_metadata_and_highlighted_snippets() {
    let r = search(&serde_json::json!({"query": "văn hóa công vụ"}));
    let top = &r["hits"][0];
    assert_eq!(top["kind_name"], "Kế hoạch");
    assert_eq!(top["number"], "6861/KH-UBND");
    assert_eq!(top["issuer"], "Ủy ban nhân dân tỉnh Khánh Hòa");
    assert_eq!(top["date"], "2019-07-12");
    let snippet = top["snippet"].as_str().expect("snippet");
    assert!(
        snippet.contains("<mark>Văn</mark> <mark>hóa</mark>"),
        "{snippet}"
    );
    // Facet counts: a province counts its districts' documents.
    let thanh_hoa = r["facets"]["jurisdictions"]
        .as_array()
        .expect("facets")
        .iter()
        .find(|f| f["value"] == "thanh-hoa")
        .expect("Thanh Hóa facet");
    assert_eq!(thanh_hoa["name"], "Tỉnh Thanh Hóa");
    assert_eq!(thanh_hoa["count"], 4);
}

#[test]
fn the_index_is_split_into_shards_terms_and_records() {
    let dir = site().join("search");
    let count = |sub: &str| std::fs::read_dir(dir.join(sub)).map_or(0, |d| d.count());
    assert!(dir.join("meta.json").is_file());
    assert!(dir.join("filters.bin").is_file());
    assert!(count("s") >= 1, "term shards");
    // Records in chunks (documents and cited stubs): each a varint length,
    // a line of JSON metadata, then the snippet text, gzip-compressed.
    let meta: Value =
        serde_json::from_str(&common::read(&dir.join("meta.json"))).expect("meta parses");
    let docs = meta["docs"].as_u64().expect("docs") as usize;
    let chunks = (0..)
        .map(|c| dir.join(format!("r/{c}.bin")))
        .take_while(|p| p.is_file())
        .map(|p| std::fs::read(p).expect("chunk"))
        .collect::<Vec<_>>();
    assert_eq!(count("r"), 2 * chunks.len(), "every chunk and its .js twin");
    let mut records = Vec::new();
    for c in &chunks {
        let mut pos = 0;
        while pos < c.len() {
            let (mut len, mut shift) = (0usize, 0);
            loop {
                let b = c[pos];
                pos += 1;
                len |= usize::from(b & 0x7f) << shift;
                shift += 7;
                if b < 0x80 {
                    break;
                }
            }
            records.push(c[pos..pos + len].to_vec());
            pos += len;
        }
    }
    assert_eq!(records.len(), docs, "one record per indexed document");
    assert!(
        chunks.len() < docs,
        "{} chunks for {docs} records",
        chunks.len()
    );
    let gzipped = records.iter().any(|record| {
        let nl = record
            .iter()
            .position(|&b| b == b'\n')
            .expect("metadata line");
        serde_json::from_slice::<Value>(&record[..nl]).expect("metadata is JSON");
        record[nl + 1..].starts_with(&[0x1f, 0x8b])
    });
    assert!(gzipped, "snippet texts are gzip");
}

/// The client is minified at build time and stays within its budget; the
/// browser tests run this minified file.
#[test]
fn the_search_client_is_minified_and_small() {
    let built = std::fs::read_to_string(site().join("search.js")).expect("built search.js");
    let source = common::read(&repo_root().join("themes/default/static/search.js"));
    assert!(
        built.len() <= 15 * 1024,
        "search.js is {} bytes minified",
        built.len()
    );
    assert!(
        built.len() * 3 < source.len() * 2,
        "{} of {} bytes",
        built.len(),
        source.len()
    );
    assert!(!built.contains("Mirrors src/search"), "comments are gone");
    assert!(built.lines().count() < 10, "whitespace is gone");
    assert!(built.contains("VanbanSearch"), "the public name is kept");
}
