//! Open data for portals: `api/documents.json` (every document with its
//! metadata, URL, relations and in-force status), one `api/van-ban/<path>.json` per document,
//! the JSON Schemas of both under `api/schema/`, and `vanban.json`, the
//! manifest other vanban sites federate with. All URLs are absolute under
//! base_url, since the files are read from elsewhere.

use crate::config::Config;
use crate::content::{Document, Site};
use crate::federation::{
    Manifest, ManifestDocument, ManifestJurisdiction, ManifestRef, MANIFEST_VERSION,
};
use crate::graph::{Graph, NodeId, Relation};
use crate::model::validity::Status;
use crate::render::Page;
use rayon::prelude::*;
use serde_json::{json, Value};

pub const DOCUMENTS_PATH: &str = "api/documents.json";
pub const DOCUMENTS_SCHEMA_PATH: &str = "api/schema/documents.schema.json";
pub const DOCUMENT_SCHEMA_PATH: &str = "api/schema/document.schema.json";
pub const MANIFEST_PATH: &str = "vanban.json";
pub const MANIFEST_SCHEMA_PATH: &str = "api/schema/vanban.schema.json";

/// Where the JSON file of a document is ("khanh-hoa/6861-kh-ubnd-2019/" →
/// "api/van-ban/khanh-hoa/6861-kh-ubnd-2019.json").
pub fn document_json_path(url_path: &str) -> String {
    format!("api/van-ban/{}.json", url_path.trim_end_matches('/'))
}

/// Every open-data file, each handed to `put` as soon as it is made: the
/// per-document files carry every document's text, too much to hold at once
/// on a national portal.
pub fn write<E: Send>(
    site: &Site,
    graph: &Graph,
    put: impl Fn(Page) -> Result<(), E> + Sync,
) -> Result<(), E> {
    let config = &site.config;
    // Each document's entry is serialised once, on any thread, and
    // documents.json is stitched from those bytes: it is hundreds of
    // megabytes, too much to hold as JSON values.
    let entries: Vec<Vec<u8>> = (0..site.documents.len())
        .into_par_iter()
        .map(|i| {
            let d = &site.documents[i];
            let entry = document(site, graph, i);
            let compact = serde_json::to_vec(&entry).expect("JSON serialises");
            let mut full = entry;
            full["$schema"] = json!(config.absolute_url(DOCUMENT_SCHEMA_PATH));
            full["body"] = json!(d.body);
            // Minified like the pages: indentation was a quarter of these
            // files, the largest part of a site after its pages.
            put(json_file(
                document_json_path(&d.url_path),
                &full,
                !config.minify,
            ))?;
            Ok(compact)
        })
        .collect::<Result<_, E>>()?;
    put(documents_list(config, entries))?;
    put(json_page(MANIFEST_PATH.into(), &manifest(site, graph)))?;
    put(json_page(
        DOCUMENTS_SCHEMA_PATH.into(),
        &documents_schema(config),
    ))?;
    put(json_page(
        DOCUMENT_SCHEMA_PATH.into(),
        &document_schema(config),
    ))?;
    put(json_page(
        MANIFEST_SCHEMA_PATH.into(),
        &manifest_schema(config),
    ))
}

/// documents.json: the site, the count and every entry, in document order.
fn documents_list(config: &Config, entries: Vec<Vec<u8>>) -> Page {
    let head = json!({
        "$schema": config.absolute_url(DOCUMENTS_SCHEMA_PATH),
        "site": {"title": config.title, "base_url": config.base_url},
        "count": entries.len(),
    });
    let mut content = serde_json::to_vec(&head).expect("JSON serialises");
    content.pop(); // the closing brace: "documents" goes last
    content.extend_from_slice(b",\"documents\":[");
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            content.extend_from_slice(b",\n");
        }
        content.extend_from_slice(entry);
    }
    content.extend_from_slice(b"]}\n");
    Page {
        path: DOCUMENTS_PATH.into(),
        content,
        source: None,
    }
}

fn json_page(path: String, value: &impl serde::Serialize) -> Page {
    json_file(path, value, true)
}

fn json_file(path: String, value: &impl serde::Serialize, pretty: bool) -> Page {
    let mut content = if pretty {
        serde_json::to_vec_pretty(value)
    } else {
        serde_json::to_vec(value)
    }
    .expect("JSON serialises");
    content.push(b'\n');
    Page {
        path,
        content,
        source: None,
    }
}

/// A document's entry in documents.json.
fn document(site: &Site, graph: &Graph, i: usize) -> Value {
    let config = &site.config;
    let d = &site.documents[i];
    let j = site.jurisdiction(d.jurisdiction);
    // Every relation both ways, each under its own name, empty when none.
    let mut relations = serde_json::Map::new();
    for r in Relation::ALL {
        relations.insert(r.key().into(), Value::Array(Vec::new()));
        relations.insert(r.backward_key().into(), Value::Array(Vec::new()));
    }
    for &(to, relation) in &graph.outgoing[i] {
        if let Some(Value::Array(list)) = relations.get_mut(relation.key()) {
            list.push(reference(site, graph, to));
        }
    }
    for &(from, relation) in &graph.incoming[i] {
        if let Some(Value::Array(list)) = relations.get_mut(relation.backward_key()) {
            list.push(reference(site, graph, from));
        }
    }
    json!({
        "url": config.absolute_url(&d.url_path),
        "json": config.absolute_url(&document_json_path(&d.url_path)),
        "title": d.title,
        "kind": d.kind.slug,
        "kind_name": d.kind.name,
        "number": d.number.as_ref().map(|n| n.written.clone()),
        "issued": d.issued.map(|x| x.iso()),
        "issuer": d.issuer,
        "jurisdiction": {"path": j.path, "name": j.name, "level": j.level.slug()},
        "signer": d.signer,
        "full_text": d.has_full_text(),
        "news": if d.kind.is_news() { json!({
            "commended": d.news.commended,
            "award": d.news.award,
            "image": d.image.as_ref().map(|img| json!({"src": absolute_src(config, &img.src), "alt": img.alt})),
        }) } else { Value::Null },
        "relations": relations,
        "status": status(site, graph, i),
    })
}

/// The in-force status on the build's day, as the page's banner says it.
fn status(site: &Site, graph: &Graph, node: NodeId) -> Value {
    let as_of = crate::graph::validity::as_of(&site.config);
    let v = crate::graph::validity::validity(site, graph, node, as_of);
    json!({
        "slug": v.status.slug(),
        "name": v.status.name_vi(),
        "stated": v.stated,
        "effective": v.effective.map(|x| x.iso()),
        "expires": v.expires.map(|x| x.iso()),
        "ended_by": v.ended_by.map(|c| reference(site, graph, c.by)),
        "as_of": as_of.iso(),
    })
}

fn absolute_src(config: &Config, src: &str) -> String {
    if src.starts_with("http://") || src.starts_with("https://") {
        src.to_string()
    } else {
        config.absolute_url(src)
    }
}

/// Another document named in a relation.
fn reference(site: &Site, graph: &Graph, node: NodeId) -> Value {
    let config = &site.config;
    if let Some(d) = graph.as_document(node) {
        let d: &Document = &site.documents[d];
        return json!({
            "url": config.absolute_url(&d.url_path),
            "number": d.number.as_ref().map(|n| n.written.clone()),
            "kind": d.kind.slug,
            "issued": d.issued.map(|x| x.iso()),
            "issuer": d.issuer,
            "title": d.title,
            "published": "here",
        });
    }
    let s = graph.as_stub(node).expect("nodes are documents or stubs");
    json!({
        "url": s.external.as_ref().map_or_else(|| config.absolute_url(&s.url_path), |e| e.url.clone()),
        "number": Some(s.number.written.clone()).filter(|n| !n.is_empty()),
        "kind": s.kind.map(|k| k.slug),
        "issued": s.issued.map(|x| x.iso()),
        "issuer": s.issuer,
        "title": s.external.as_ref().map(|e| e.title.clone()),
        "published": if s.external.is_some() { "federated" } else { "not-published" },
    })
}

/// The jurisdictions a manifest lists: those documents are in (and their
/// ancestors) and those a folder declares, not every unit of the registry.
fn manifest_jurisdictions(site: &Site) -> impl Iterator<Item = &crate::content::Jurisdiction> {
    let mut listed = vec![false; site.jurisdictions.len()];
    listed[0] = true;
    for d in &site.documents {
        for j in site.jurisdiction_chain(d.jurisdiction) {
            listed[j] = true;
        }
    }
    site.jurisdictions
        .iter()
        .zip(listed)
        .filter(|(j, l)| *l || j.source.is_some())
        .map(|(j, _)| j)
}

/// The manifest: this site's own documents only (never those it federates),
/// with what they implement and cite.
pub fn manifest(site: &Site, graph: &Graph) -> Manifest {
    let config = &site.config;
    let refs = |i: usize, want: Relation| -> Vec<ManifestRef> {
        graph.outgoing[i]
            .iter()
            .filter(|(_, r)| *r == want)
            .filter_map(|&(to, _)| {
                if let Some(t) = graph.as_document(to) {
                    let t = &site.documents[t];
                    return Some(ManifestRef {
                        number: t.number.as_ref()?.written.clone(),
                        issued: t.issued.map(|x| x.iso()),
                        issuer: t.issuer.clone(),
                        url: Some(config.absolute_url(&t.url_path)),
                    });
                }
                let s = graph.as_stub(to)?;
                Some(ManifestRef {
                    number: s.number.written.clone(),
                    issued: s.issued.map(|x| x.iso()),
                    issuer: s.issuer.clone(),
                    url: s.external.as_ref().map(|e| e.url.clone()),
                })
            })
            .collect()
    };
    Manifest {
        vanban_manifest: MANIFEST_VERSION,
        title: config.title.clone(),
        base_url: config.base_url.clone(),
        jurisdictions: manifest_jurisdictions(site)
            .map(|j| ManifestJurisdiction {
                path: j.path.clone(),
                name: j.name.clone(),
                level: j.level.slug().to_string(),
                url: config.absolute_url(&j.url_path()),
            })
            .collect(),
        documents: site
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| ManifestDocument {
                url: config.absolute_url(&d.url_path),
                title: d.title.clone(),
                kind: d.kind.slug.to_string(),
                number: d.number.as_ref().map(|n| n.written.clone()),
                issued: d.issued.map(|x| x.iso()),
                issuer: d.issuer.clone(),
                jurisdiction: site.jurisdiction(d.jurisdiction).path.clone(),
                implements: refs(i, Relation::Implements),
                cites: refs(i, Relation::Cites),
            })
            .collect(),
    }
}

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

fn nullable(t: &str) -> Value {
    json!({"type": [t, "null"]})
}

fn date() -> Value {
    json!({"type": ["string", "null"], "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"})
}

fn reference_schema() -> Value {
    json!({
        "type": "object",
        "required": ["url", "number", "kind", "issued", "issuer", "title", "published"],
        "properties": {
            "url": {"type": "string", "format": "uri"},
            "number": nullable("string"),
            "kind": nullable("string"),
            "issued": date(),
            "issuer": nullable("string"),
            "title": nullable("string"),
            "published": {"enum": ["here", "federated", "not-published"]}
        },
        "additionalProperties": false
    })
}

/// Every relation both ways, each a list of references.
fn relations_schema(refs: &Value) -> Value {
    let names: Vec<&str> = Relation::ALL
        .iter()
        .flat_map(|r| [r.key(), r.backward_key()])
        .collect();
    let properties: serde_json::Map<String, Value> = names
        .iter()
        .map(|n| (n.to_string(), refs.clone()))
        .collect();
    json!({
        "type": "object",
        "required": names,
        "properties": properties,
        "additionalProperties": false
    })
}

fn status_schema() -> Value {
    let slugs: Vec<&str> = Status::ALL.iter().map(|s| s.slug()).collect();
    json!({
        "type": "object",
        "required": ["slug", "name", "stated", "effective", "expires", "ended_by", "as_of"],
        "properties": {
            "slug": {"enum": slugs},
            "name": {"type": "string"},
            "stated": {"type": "boolean"},
            "effective": date(),
            "expires": date(),
            "ended_by": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/reference"}]},
            "as_of": date()
        },
        "additionalProperties": false
    })
}

fn entry_schema() -> Value {
    let refs = json!({"type": "array", "items": {"$ref": "#/$defs/reference"}});
    json!({
        "type": "object",
        "required": ["url", "json", "title", "kind", "kind_name", "number", "issued", "issuer",
                     "jurisdiction", "signer", "full_text", "news", "relations", "status"],
        "properties": {
            "url": {"type": "string", "format": "uri"},
            "json": {"type": "string", "format": "uri"},
            "title": {"type": "string", "minLength": 1},
            "kind": {"type": "string", "pattern": "^[a-z-]+$"},
            "kind_name": {"type": "string"},
            "number": nullable("string"),
            "issued": date(),
            "issuer": nullable("string"),
            "jurisdiction": {
                "type": "object",
                "required": ["path", "name", "level"],
                "properties": {
                    "path": {"type": "string"},
                    "name": {"type": "string"},
                    "level": {"enum": ["trung-uong", "tinh", "huyen", "xa"]}
                },
                "additionalProperties": false
            },
            "signer": {
                "type": ["object", "null"],
                "properties": {
                    "authority": nullable("string"),
                    "position": nullable("string"),
                    "name": nullable("string")
                },
                "additionalProperties": false
            },
            "full_text": {"type": "boolean"},
            "news": {
                "type": ["object", "null"],
                "required": ["commended", "award", "image"],
                "properties": {
                    "commended": {"type": "array", "items": {"type": "string"}},
                    "award": nullable("string"),
                    "image": {
                        "type": ["object", "null"],
                        "required": ["src", "alt"],
                        "properties": {
                            "src": {"type": "string"},
                            "alt": {"type": "string", "minLength": 1}
                        },
                        "additionalProperties": false
                    }
                },
                "additionalProperties": false
            },
            "relations": relations_schema(&refs),
            "status": status_schema()
        }
    })
}

pub fn documents_schema(config: &Config) -> Value {
    json!({
        "$schema": DRAFT,
        "$id": config.absolute_url(DOCUMENTS_SCHEMA_PATH),
        "title": "vanban: danh sách văn bản",
        "type": "object",
        "required": ["site", "count", "documents"],
        "properties": {
            "$schema": {"type": "string"},
            "site": {
                "type": "object",
                "required": ["title", "base_url"],
                "properties": {"title": {"type": "string"}, "base_url": {"type": "string"}}
            },
            "count": {"type": "integer", "minimum": 0},
            "documents": {"type": "array", "items": {"$ref": "#/$defs/document"}}
        },
        "additionalProperties": false,
        "$defs": {
            "document": {
                "allOf": [entry_schema()],
                "unevaluatedProperties": false
            },
            "reference": reference_schema()
        }
    })
}

pub fn document_schema(config: &Config) -> Value {
    json!({
        "$schema": DRAFT,
        "$id": config.absolute_url(DOCUMENT_SCHEMA_PATH),
        "title": "vanban: một văn bản",
        "allOf": [entry_schema()],
        "required": ["body"],
        "properties": {
            "$schema": {"type": "string"},
            "body": {"type": "string", "description": "Toàn văn (Markdown); rỗng khi chưa đăng tải"}
        },
        "unevaluatedProperties": false,
        "$defs": {"reference": reference_schema()}
    })
}

pub fn manifest_schema(config: &Config) -> Value {
    let identity = json!({
        "type": "object",
        "required": ["number", "issued", "issuer", "url"],
        "properties": {
            "number": {"type": "string"},
            "issued": date(),
            "issuer": nullable("string"),
            "url": nullable("string")
        },
        "additionalProperties": false
    });
    json!({
        "$schema": DRAFT,
        "$id": config.absolute_url(MANIFEST_SCHEMA_PATH),
        "title": "vanban: bản kê liên thông (vanban.json)",
        "type": "object",
        "required": ["vanban_manifest", "title", "base_url", "jurisdictions", "documents"],
        "properties": {
            "vanban_manifest": {"const": MANIFEST_VERSION},
            "title": {"type": "string"},
            "base_url": {"type": "string"},
            "jurisdictions": {"type": "array", "items": {
                "type": "object",
                "required": ["path", "name", "level", "url"],
                "properties": {
                    "path": {"type": "string"},
                    "name": {"type": "string"},
                    "level": {"enum": ["trung-uong", "tinh", "huyen", "xa"]},
                    "url": {"type": "string"}
                },
                "additionalProperties": false
            }},
            "documents": {"type": "array", "items": {
                "type": "object",
                "required": ["url", "title", "kind", "number", "issued", "issuer", "jurisdiction", "implements", "cites"],
                "properties": {
                    "url": {"type": "string"},
                    "title": {"type": "string"},
                    "kind": {"type": "string"},
                    "number": nullable("string"),
                    "issued": date(),
                    "issuer": nullable("string"),
                    "jurisdiction": {"type": "string"},
                    "implements": {"type": "array", "items": identity},
                    "cites": {"type": "array", "items": identity}
                },
                "additionalProperties": false
            }}
        },
        "additionalProperties": false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_list_is_valid_json_with_entries_in_order() {
        let config = Config::parse("base_url = \"https://tinh.gov.vn/\"").unwrap();
        let entries = vec![br#"{"title":"A"}"#.to_vec(), br#"{"title":"B"}"#.to_vec()];
        let page = documents_list(&config, entries);
        let value: Value = serde_json::from_slice(&page.content).unwrap();
        assert_eq!(value["count"], 2);
        assert_eq!(value["documents"][0]["title"], "A");
        assert_eq!(value["documents"][1]["title"], "B");
        assert_eq!(value["site"]["base_url"], "https://tinh.gov.vn/");
        let empty = documents_list(&config, Vec::new());
        let value: Value = serde_json::from_slice(&empty.content).unwrap();
        assert_eq!(value["documents"], json!([]));
    }
}
