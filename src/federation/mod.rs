//! Federation: other vanban sites publish a manifest (`/vanban.json`) of
//! their documents and relations; a site that lists them in `config.toml`
//! loads them at build time so that their documents take part in citation
//! resolution as external documents (a plan citing another province's plan
//! links to that province's portal, and a national decision's coverage table
//! counts every federated site's implementing documents).
//!
//! A manifest comes from another organisation, so it is treated as hostile:
//! its size is capped, its shape checked, and every link must be an
//! absolute http(s) URL. A manifest that fails is skipped with a warning and
//! never fails the build; the last good copy is kept in `.vanban-cache/` so
//! that an offline build still sees it.

mod fetch;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The manifest format version this build writes and reads.
pub const MANIFEST_VERSION: u32 = 1;
/// Larger manifests are refused: a real site of 100 000 documents stays far
/// below this, and a hostile one cannot exhaust memory.
pub const MAX_MANIFEST_BYTES: u64 = 32 * 1024 * 1024;
const MAX_DOCUMENTS: usize = 200_000;
const MAX_TEXT: usize = 4_000;
/// Folder under the site root holding the last good copy of each manifest.
pub const CACHE_DIR: &str = ".vanban-cache/federation";

/// `/vanban.json`: a site, its jurisdictions and its documents with their
/// identities (number, issuer, date) and relations.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub vanban_manifest: u32,
    pub title: String,
    pub base_url: String,
    pub jurisdictions: Vec<ManifestJurisdiction>,
    pub documents: Vec<ManifestDocument>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestJurisdiction {
    /// Content path on that site ("khanh-hoa"; "" for its root).
    pub path: String,
    pub name: String,
    pub level: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestDocument {
    pub url: String,
    pub title: String,
    pub kind: String,
    pub number: Option<String>,
    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY".
    pub issued: Option<String>,
    pub issuer: Option<String>,
    /// Path of its jurisdiction in `jurisdictions`.
    pub jurisdiction: String,
    #[serde(default)]
    pub implements: Vec<ManifestRef>,
    #[serde(default)]
    pub cites: Vec<ManifestRef>,
}

/// A document another names: its identity, and its URL when the naming site
/// publishes it or knows it from its own federation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestRef {
    pub number: String,
    pub issued: Option<String>,
    pub issuer: Option<String>,
    pub url: Option<String>,
}

/// A loaded, validated manifest and where it came from.
#[derive(Debug, Clone)]
pub struct ExternalSite {
    /// As written in config.toml.
    pub source: String,
    pub manifest: Manifest,
}

/// Loads every manifest listed in config.toml. Never fails: a manifest that
/// cannot be had or is invalid becomes a warning (and its cached copy, if
/// any, is used).
pub fn load_all(root: &Path, config: &Config) -> (Vec<ExternalSite>, Vec<Diagnostic>) {
    let timeout = std::time::Duration::from_secs(config.federation.timeout.unwrap_or(10).max(1));
    let mut sites = Vec::new();
    let mut warnings = Vec::new();
    for source in &config.federation.manifests {
        match load_one(root, source, timeout) {
            Ok((site, note)) => {
                warnings.extend(note);
                sites.push(site);
            }
            Err(w) => warnings.push(w),
        }
    }
    (sites, warnings)
}

fn warning(code: &'static str, message: String) -> Diagnostic {
    Diagnostic::warning("config.toml", code, message)
}

fn load_one(
    root: &Path,
    source: &str,
    timeout: std::time::Duration,
) -> Result<(ExternalSite, Option<Diagnostic>), Diagnostic> {
    let cache = root.join(CACHE_DIR).join(cache_name(source));
    let fresh = fetch::fetch(root, source, timeout).and_then(|bytes| parse(&bytes));
    match fresh {
        Ok(manifest) => {
            // The cache is a convenience: failing to write it costs nothing
            // but the offline fallback.
            if let Some(dir) = cache.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = std::fs::write(
                &cache,
                serde_json::to_vec(&manifest).expect("manifests serialise"),
            );
            Ok((
                ExternalSite {
                    source: source.to_string(),
                    manifest,
                },
                None,
            ))
        }
        Err(problem) => {
            let cached = std::fs::read(&cache)
                .ok()
                .and_then(|bytes| parse(&bytes).ok());
            match cached {
                Some(manifest) => Ok((
                    ExternalSite {
                        source: source.to_string(),
                        manifest,
                    },
                    Some(warning(
                        "federation-cached",
                        format!(
                            "manifest {source}: {problem}; using the copy cached in {}",
                            Path::new(CACHE_DIR).join(cache_name(source)).display()
                        ),
                    )),
                )),
                None => Err(warning(
                    "federation-skipped",
                    format!("manifest {source}: {problem}; its documents are left out of this build (no cached copy)"),
                )),
            }
        }
    }
}

/// A file name for the cached copy of a manifest: readable, and unique per
/// source through a hash of it.
fn cache_name(source: &str) -> String {
    let mut slug = crate::text::slugify(source);
    slug.truncate(60);
    // FNV-1a: stable across builds and platforms, unlike std's hasher.
    let mut hash: u64 = 0xcbf29ce484222325;
    for b in source.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x100000001b3);
    }
    format!("{slug}-{hash:016x}.json")
}

/// Parses and validates a manifest; the message says what is wrong.
pub fn parse(bytes: &[u8]) -> Result<Manifest, String> {
    if bytes.len() as u64 > MAX_MANIFEST_BYTES {
        return Err(format!(
            "rejected: {} bytes is more than the {} a manifest may have",
            bytes.len(),
            MAX_MANIFEST_BYTES
        ));
    }
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("rejected: not JSON ({e})"))?;
    match value.get("vanban_manifest").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(MANIFEST_VERSION) => {}
        Some(v) => {
            return Err(format!(
                "rejected: manifest version {v} is not the supported version {MANIFEST_VERSION}"
            ))
        }
        None => {
            return Err(
                "rejected: not a vanban manifest (no \"vanban_manifest\": 1 field)".to_string(),
            )
        }
    }
    let manifest: Manifest =
        serde_json::from_value(value).map_err(|e| format!("rejected: wrong schema ({e})"))?;
    validate(&manifest)?;
    Ok(manifest)
}

fn validate(m: &Manifest) -> Result<(), String> {
    if m.documents.len() > MAX_DOCUMENTS {
        return Err(format!(
            "rejected: {} documents is more than {MAX_DOCUMENTS}",
            m.documents.len()
        ));
    }
    check_url("base_url", &m.base_url)?;
    for j in &m.jurisdictions {
        check_url(&format!("jurisdiction \"{}\"", j.path), &j.url)?;
        check_text(&j.name)?;
    }
    for (i, d) in m.documents.iter().enumerate() {
        let what = format!("document {} ({})", i + 1, d.url);
        check_url(&what, &d.url)?;
        for text in [Some(&d.title), d.number.as_ref(), d.issuer.as_ref()]
            .into_iter()
            .flatten()
        {
            check_text(text).map_err(|e| format!("{e} in {what}"))?;
        }
        if !m.jurisdictions.iter().any(|j| j.path == d.jurisdiction) {
            return Err(format!(
                "rejected: {what} names jurisdiction \"{}\" that the manifest does not list",
                d.jurisdiction
            ));
        }
        for r in d.implements.iter().chain(&d.cites) {
            if let Some(url) = &r.url {
                check_url(&format!("a relation of {what}"), url)?;
            }
            check_text(&r.number).map_err(|e| format!("{e} in {what}"))?;
        }
    }
    Ok(())
}

/// Links from a manifest end up in our pages: only absolute http(s) URLs,
/// never `javascript:` or `data:`.
fn check_url(what: &str, url: &str) -> Result<(), String> {
    let lower = url.trim().to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() <= MAX_TEXT
        && !url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '"' || c == '<' || c == '>');
    if ok {
        Ok(())
    } else {
        let shown: String = url.chars().take(80).collect();
        Err(format!(
            "rejected: {what} has the link \"{shown}\", which is not an absolute http(s) URL"
        ))
    }
}

fn check_text(text: &str) -> Result<(), String> {
    if text.len() > MAX_TEXT {
        return Err(format!(
            "rejected: a text of {} bytes is too long",
            text.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(doc_url: &str) -> String {
        serde_json::json!({
            "vanban_manifest": 1, "title": "T", "base_url": "https://kh.example/",
            "jurisdictions": [{"path": "", "name": "Tỉnh Khánh Hòa", "level": "tinh", "url": "https://kh.example/"}],
            "documents": [{"url": doc_url, "title": "K", "kind": "ke-hoach", "number": "6861/KH-UBND",
                "issued": "2019-07-12", "issuer": null, "jurisdiction": "", "implements": [], "cites": []}]
        })
        .to_string()
    }

    #[test]
    fn accepts_a_good_manifest_and_rejects_hostile_links() {
        assert!(parse(manifest("https://kh.example/kh/").as_bytes()).is_ok());
        let e = parse(manifest("javascript:alert(1)").as_bytes()).unwrap_err();
        assert!(
            e.contains("javascript:alert(1)") && e.contains("http(s)"),
            "{e}"
        );
        let e = parse(b"{\"vanban_manifest\": 1, \"title\": 3}").unwrap_err();
        assert!(e.contains("wrong schema"), "{e}");
        let e = parse(b"{\"documents\": []}").unwrap_err();
        assert!(e.contains("not a vanban manifest"), "{e}");
    }

    #[test]
    fn cache_names_are_stable_and_distinct() {
        assert_eq!(
            cache_name("https://a/vanban.json"),
            cache_name("https://a/vanban.json")
        );
        assert_ne!(
            cache_name("https://a/vanban.json"),
            cache_name("https://b/vanban.json")
        );
        assert!(cache_name("https://a/vanban.json").starts_with("https-a-vanban-json-"));
    }
}
