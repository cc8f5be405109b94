//! `vanban check`: what a portal team's CI wants to know before publishing —
//! unresolved and ambiguous citations, citation dates that contradict the
//! cited document (reported by the resolver, which links them to it), relation cycles, documents that cite and implement
//! nothing, and internal links that lead nowhere. Errors fail the check;
//! warnings do not.

use crate::build::{self, BuildOptions, Generated};
use crate::content::Site;
use crate::diagnostics::{self, line_col, Diagnostic};
use crate::graph::{Graph, NodeId, Outcome};
use crate::render::Page;
use regex::Regex;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

/// Every finding, sorted; content errors stop the check early as they stop
/// a build.
pub fn check(options: &BuildOptions) -> Vec<Diagnostic> {
    let generated = match build::generate(options) {
        Ok(g) => g,
        Err(errors) => return errors,
    };
    let mut findings = findings(&generated);
    diagnostics::sort(&mut findings);
    findings.dedup();
    findings
}

pub fn findings(g: &Generated) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = g.warnings.iter().cloned().map(strict).collect();
    out.extend(citation_findings(&g.site, &g.graph));
    out.extend(cycles(&g.site, &g.graph));
    out.extend(isolated(&g.site, &g.graph));
    out.extend(broken_links(&g.site, &g.pages));
    out.extend(unfinished_posts(&g.site));
    out
}

/// News posts that still carry what `vanban new` wrote for the editor to
/// replace, or that no jurisdiction owns although the site has some.
fn unfinished_posts(site: &Site) -> Vec<Diagnostic> {
    let has_units = site.jurisdictions.len() > 1;
    let mut out = Vec::new();
    for d in site.documents.iter().filter(|d| d.kind.is_news()) {
        if d.body.trim() == crate::new::PLACEHOLDER_BODY {
            out.push(
                Diagnostic::warning(
                    &d.source,
                    "placeholder-text",
                    format!(
                        "the body is still the placeholder \"{}\" that `vanban new` wrote: write the post",
                        crate::new::PLACEHOLDER_BODY
                    ),
                )
                .at(d.body_line, 1),
            );
        }
        if has_units && d.jurisdiction == 0 {
            out.push(Diagnostic::warning(
                &d.source,
                "news-without-jurisdiction",
                "this news post is filed under the national level: move it into the tin-tuc/ folder of the province, district or commune it is about (vanban new --under …)",
            ));
        }
    }
    out
}

/// What `build` lets through with a warning but a site must not publish:
/// a picture loaded from another host breaks "the site loads nothing from
/// outside itself", and a citation whose date contradicts the only document
/// of that number and issuer is a typo in published text (the build links
/// it to that document; `check` makes the editor correct it).
fn strict(mut d: Diagnostic) -> Diagnostic {
    if matches!(d.code, "outside-image" | "date-mismatch") {
        d.severity = diagnostics::Severity::Error;
    }
    d
}

fn citation_findings(site: &Site, graph: &Graph) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in &graph.resolutions {
        let source = &site.documents[r.found.doc].source;
        if let Outcome::Stub(node) = r.outcome {
            let url = graph.as_stub(node).map_or("", |s| s.url_path.as_str());
            out.push(
                Diagnostic::warning(
                    source,
                    "unresolved-citation",
                    format!(
                        "\"{}\" is not published on this site; its page is /{url}",
                        r.found.written
                    ),
                )
                .at(r.found.line, r.found.column),
            );
        }
    }
    out
}

/// Implementation chains that come back to where they started.
fn cycles(site: &Site, graph: &Graph) -> Vec<Diagnostic> {
    let n = graph.node_count();
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    let mut out = Vec::new();
    let mut reported = BTreeSet::new();
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(NodeId, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let edges = &graph.outgoing[node];
            if *next < edges.len() {
                let (to, _) = edges[*next];
                *next += 1;
                if state[to] == 1 {
                    let mut members: Vec<NodeId> = stack
                        .iter()
                        .map(|(x, _)| *x)
                        .skip_while(|&x| x != to)
                        .collect();
                    members.sort_unstable();
                    if reported.insert(members.clone()) {
                        out.push(cycle_finding(site, graph, &members));
                    }
                } else if state[to] == 0 {
                    state[to] = 1;
                    stack.push((to, 0));
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    out
}

fn cycle_finding(site: &Site, graph: &Graph, members: &[NodeId]) -> Diagnostic {
    let names: Vec<String> = members
        .iter()
        .map(|&m| format!("/{}", url_of(site, graph, m)))
        .collect();
    let file = members
        .iter()
        .find_map(|&m| graph.as_document(m))
        .map(|d| site.documents[d].source.clone())
        .unwrap_or_default();
    Diagnostic::warning(
        file,
        "relation-cycle",
        format!(
            "these documents cite or implement each other in a circle: {}",
            names.join(" → ")
        ),
    )
}

fn url_of(site: &Site, graph: &Graph, node: NodeId) -> String {
    match graph.as_document(node) {
        Some(d) => site.documents[d].url_path.clone(),
        None => graph
            .as_stub(node)
            .map(|s| s.url_path.clone())
            .unwrap_or_default(),
    }
}

/// Full-text documents that neither cite nor implement anything are
/// usually missing their "Thực hiện …" line or front-matter relations.
fn isolated(site: &Site, graph: &Graph) -> Vec<Diagnostic> {
    site.documents
        .iter()
        .enumerate()
        .filter(|(i, d)| d.has_full_text() && !d.kind.is_news() && graph.outgoing[*i].is_empty())
        .map(|(_, d)| {
            Diagnostic::warning(
                &d.source,
                "no-relations",
                "the document cites nothing and implements nothing: add `implements = [\"…\"]` if it carries out another document",
            )
            .at(1, 1)
        })
        .collect()
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:href|src)=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#).expect("link pattern")
});
static ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\sid=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#).expect("id pattern")
});

/// Links between pages of the site that lead to no page, or to a missing
/// anchor. Reported on the content file a link was written in, at the line
/// it was written on when it can be found there.
fn broken_links(site: &Site, pages: &[Page]) -> Vec<Diagnostic> {
    let by_path: HashMap<&str, &Page> = pages.iter().map(|p| (p.path.as_str(), p)).collect();
    let mut ids_cache: HashMap<&str, BTreeSet<String>> = HashMap::new();
    let mut out = Vec::new();
    for page in pages.iter().filter(|p| p.is_html() && p.path != "404.html") {
        let html = String::from_utf8_lossy(&page.content);
        let dir = page.path.rsplit_once('/').map_or("", |(d, _)| d);
        for caps in LINK.captures_iter(&html) {
            let raw = caps
                .get(1)
                .or(caps.get(2))
                .or(caps.get(3))
                .map_or("", |m| m.as_str());
            let href = raw.replace("&amp;", "&");
            if href.is_empty()
                || href.contains(':')
                || href.starts_with("//")
                || href.starts_with('/')
            {
                continue;
            }
            let (path_part, fragment) = href
                .split_once('#')
                .map_or((href.as_str(), None), |(p, f)| (p, Some(f)));
            let path_part = path_part.split('?').next().unwrap_or("");
            let target = if path_part.is_empty() {
                Some(page.path.clone())
            } else {
                join(dir, path_part)
            };
            let target_page = target.as_deref().and_then(|t| {
                by_path
                    .get(t)
                    .or_else(|| {
                        by_path
                            .get(format!("{}index.html", t.trim_end_matches("index.html")).as_str())
                    })
                    .or_else(|| by_path.get(format!("{t}/index.html").as_str()))
                    .copied()
            });
            let problem = match (target_page, fragment) {
                (None, _) => Some(format!("link to \"{href}\" leads to no page of the site")),
                (Some(t), Some(f)) if !f.is_empty() && t.is_html() => {
                    let ids = ids_cache.entry(t.path.as_str()).or_insert_with(|| {
                        ID.captures_iter(&String::from_utf8_lossy(&t.content))
                            .filter_map(|c| {
                                c.get(1)
                                    .or(c.get(2))
                                    .or(c.get(3))
                                    .map(|m| m.as_str().to_string())
                            })
                            .collect()
                    });
                    (!ids.contains(f))
                        .then(|| format!("link to \"{href}\": the page has no anchor \"#{f}\""))
                }
                _ => None,
            };
            if let Some(message) = problem {
                out.push(locate_link(site, page, raw, message));
            }
        }
    }
    out
}

fn locate_link(site: &Site, page: &Page, href: &str, message: String) -> Diagnostic {
    let file = page
        .source
        .clone()
        .unwrap_or_else(|| format!("(generated) {}", page.path).into());
    let mut d = Diagnostic::error(file, "broken-link", message);
    if let Some(doc) = site
        .documents
        .iter()
        .find(|doc| Some(&doc.source) == page.source.as_ref())
    {
        if let Some(i) = doc.body.find(href.trim_start_matches("./")) {
            let (line, column) = line_col(&doc.body, i);
            d = d.at(doc.body_line + line - 1, column);
        }
    }
    d
}

/// Resolves a relative link against a page's folder; None if it climbs out
/// of the site.
fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if rel.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn joins_relative_links() {
        assert_eq!(join("khanh-hoa/x", "../../loai/").as_deref(), Some("loai/"));
        assert_eq!(join("a", "b.css").as_deref(), Some("a/b.css"));
        assert_eq!(join("", "../x"), None);
        assert_eq!(join("a/b", "../..").as_deref(), Some(""));
    }
}
