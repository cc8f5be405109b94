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
use crate::model::{Kind, PartialDate};
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
            Ok((site, notes)) => {
                warnings.extend(notes);
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
) -> Result<(ExternalSite, Vec<Diagnostic>), Diagnostic> {
    let cache = root.join(CACHE_DIR).join(cache_name(source));
    let fresh = fetch::fetch(root, source, timeout).and_then(|bytes| parse(&bytes));
    let skipped = |notes: Vec<String>| -> Vec<Diagnostic> {
        notes
            .into_iter()
            .map(|n| {
                warning(
                    "federation-skipped-document",
                    format!("manifest {source}: {n}"),
                )
            })
            .collect()
    };
    match fresh {
        Ok((manifest, notes)) => {
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
                skipped(notes),
            ))
        }
        Err(problem) => {
            let cached = std::fs::read(&cache)
                .ok()
                .and_then(|bytes| parse(&bytes).ok());
            match cached {
                Some((manifest, notes)) => Ok((
                    ExternalSite {
                        source: source.to_string(),
                        manifest,
                    },
                    std::iter::once(warning(
                        "federation-cached",
                        format!(
                            "manifest {source}: {problem}; using the copy cached in {}",
                            Path::new(CACHE_DIR).join(cache_name(source)).display()
                        ),
                    ))
                    .chain(skipped(notes))
                    .collect(),
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

/// Parses and validates a manifest; the message says what is wrong. A
/// manifest whose whole shape is wrong is refused; a document with a bad
/// field is left out, and the returned notes say which and why.
pub fn parse(bytes: &[u8]) -> Result<(Manifest, Vec<String>), String> {
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
    let mut manifest: Manifest =
        serde_json::from_value(value).map_err(|e| format!("rejected: wrong schema ({e})"))?;
    validate(&manifest)?;
    let mut notes: Vec<String> = manifest
        .jurisdictions
        .iter()
        .filter(|j| !KNOWN_LEVELS.contains(&j.level.as_str()))
        .map(|j| {
            format!(
                "jurisdiction \"{}\" has the unknown level \"{}\" (known: {}); it is ignored",
                shown(&j.path),
                shown(&j.level),
                KNOWN_LEVELS.join(", ")
            )
        })
        .collect();
    let documents = std::mem::take(&mut manifest.documents);
    for (i, d) in documents.into_iter().enumerate() {
        match check_document(&manifest, &d) {
            Ok(()) => manifest.documents.push(d),
            Err(problem) => notes.push(format!(
                "document {} ({}) is left out of this build: {problem}",
                i + 1,
                shown(&d.url)
            )),
        }
    }
    Ok((manifest, notes))
}

/// Levels a manifest's jurisdiction may have, as content files name them.
const KNOWN_LEVELS: [&str; 4] = ["trung-uong", "tinh", "huyen", "xa"];

/// A value from a manifest, cut short for a message.
fn shown(text: &str) -> String {
    text.chars().take(80).collect()
}

fn validate(m: &Manifest) -> Result<(), String> {
    if m.documents.len() > MAX_DOCUMENTS {
        return Err(format!(
            "rejected: {} documents is more than {MAX_DOCUMENTS}",
            m.documents.len()
        ));
    }
    let rejected = |e: String| format!("rejected: {e}");
    check_url("base_url", &m.base_url).map_err(rejected)?;
    check_text(&m.title).map_err(rejected)?;
    for j in &m.jurisdictions {
        check_url(&format!("jurisdiction \"{}\"", j.path), &j.url).map_err(rejected)?;
        check_text(&j.name).map_err(rejected)?;
    }
    Ok(())
}

/// Every field of one document: its links, its texts, its kind and dates
/// and the jurisdiction it names.
fn check_document(m: &Manifest, d: &ManifestDocument) -> Result<(), String> {
    check_url("its link", &d.url)?;
    for text in [Some(&d.title), d.number.as_ref(), d.issuer.as_ref()]
        .into_iter()
        .flatten()
    {
        check_text(text)?;
    }
    if Kind::by_slug(&d.kind).is_none() {
        return Err(format!(
            "the kind \"{}\" is not one of {}",
            shown(&d.kind),
            Kind::allowed_list()
        ));
    }
    check_date("issued", d.issued.as_deref())?;
    if !m.jurisdictions.iter().any(|j| j.path == d.jurisdiction) {
        return Err(format!(
            "it names jurisdiction \"{}\" that the manifest does not list",
            shown(&d.jurisdiction)
        ));
    }
    for r in d.implements.iter().chain(&d.cites) {
        if let Some(url) = &r.url {
            check_url("a relation", url)?;
        }
        check_text(&r.number)?;
        if let Some(issuer) = &r.issuer {
            check_text(issuer)?;
        }
        check_date("a relation's date", r.issued.as_deref())?;
    }
    Ok(())
}

/// "YYYY-MM-DD", "YYYY-MM" or "YYYY", and a real day.
fn check_date(what: &str, date: Option<&str>) -> Result<(), String> {
    match date {
        Some(text) if PartialDate::parse_iso(text).is_none() => Err(format!(
            "{what} \"{}\" is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY",
            shown(text)
        )),
        _ => Ok(()),
    }
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
            "{what} has the link \"{shown}\", which is not an absolute http(s) URL"
        ))
    }
}

fn check_text(text: &str) -> Result<(), String> {
    if text.len() > MAX_TEXT {
        return Err(format!("a text of {} bytes is too long", text.len()));
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
        let (good, notes) = parse(manifest("https://kh.example/kh/").as_bytes()).unwrap();
        assert_eq!((good.documents.len(), notes.len()), (1, 0));
        let (hostile, notes) = parse(manifest("javascript:alert(1)").as_bytes()).unwrap();
        assert!(hostile.documents.is_empty());
        assert!(
            notes[0].contains("javascript:alert(1)") && notes[0].contains("http(s)"),
            "{notes:?}"
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
