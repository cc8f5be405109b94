//! What the editor knows of the site: its content files, the documents a
//! citation can name, its jurisdictions and `check`'s findings, from a
//! build of the files on disk (drafts included); and the preview of an
//! unsaved file, rendered by a build of a copy of the site.

use crate::build::{self, BuildOptions};
use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// A content file the list shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileEntry {
    /// Relative to the site root, "/"-separated ("content/tin-tuc/a.md").
    pub path: String,
    pub title: String,
    pub kind: String,
    pub news: bool,
    pub draft: bool,
    /// The page's address on the served site, when it built.
    pub url: Option<String>,
}

/// A document a citation field can name.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Known {
    /// As a citation writes it: "Kế hoạch số 84/KH-UBND ngày 12/03/2019".
    pub citation: String,
    pub title: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Place {
    /// Folder under content/ ("" for the national level).
    pub path: String,
    pub name: String,
}

#[derive(Debug, Default)]
pub struct Snapshot {
    pub files: Vec<FileEntry>,
    pub known: Vec<Known>,
    pub places: Vec<Place>,
    /// `check`'s findings (the build's errors when it failed).
    pub findings: Vec<Diagnostic>,
}

impl Snapshot {
    /// The findings about one file.
    pub fn findings_for(&self, rel: &str) -> Vec<&Diagnostic> {
        self.findings
            .iter()
            .filter(|d| slashed(&d.file) == rel)
            .collect()
    }
}

pub fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn options(root: &Path, base_url: &str) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output_dir: None,
        base_url: Some(base_url.to_string()),
        drafts: true,
        as_of: None,
    }
}

pub fn snapshot(root: &Path, base_url: &str) -> Snapshot {
    let generated = match build::generate(&options(root, base_url)) {
        Ok(g) => g,
        Err(errors) => {
            return Snapshot {
                files: files_on_disk(root),
                findings: errors,
                ..Snapshot::default()
            }
        }
    };
    let mut findings = crate::check::findings(&generated);
    crate::diagnostics::sort(&mut findings);
    findings.dedup();
    let site = &generated.site;
    let rel = |p: &Path| slashed(p.strip_prefix(root).unwrap_or(p));
    let mut files: Vec<FileEntry> = site
        .documents
        .iter()
        .map(|d| FileEntry {
            path: rel(&d.source),
            title: d.title.clone(),
            kind: d.kind.name.to_string(),
            news: d.kind.is_news(),
            draft: d.draft,
            url: Some(d.url_path.clone()),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let known = site
        .documents
        .iter()
        .filter(|d| !d.kind.is_news())
        .filter_map(|d| {
            // A number without its serial ("/UBND-VP") names nothing.
            let number = d.number.as_ref().filter(|n| n.serial().is_some())?;
            let date = d
                .issued
                .map_or(String::new(), |i| format!(" ngày {}", i.short_vi()));
            Some(Known {
                citation: format!("{} số {}{date}", d.kind.name, number.written),
                title: d.title.clone(),
            })
        })
        .collect();
    let places = site
        .jurisdictions
        .iter()
        .map(|j| Place {
            path: j.path.clone(),
            name: j.name.clone(),
        })
        .collect();
    Snapshot {
        files,
        known,
        places,
        findings,
    }
}

/// The content files when the site does not build.
fn files_on_disk(root: &Path) -> Vec<FileEntry> {
    let mut files: Vec<FileEntry> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| e.file_name() != "_index.md")
        .map(|e| {
            let path = slashed(e.path().strip_prefix(root).unwrap_or(e.path()));
            FileEntry {
                title: path.clone(),
                news: path.contains("/tin-tuc/"),
                path,
                kind: String::new(),
                draft: false,
                url: None,
            }
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The page `text` would make at `rel` (a path under content/), rendered
/// through the site's own templates by a build of a copy of the site's
/// content, templates and configuration; or the build's errors.
pub fn preview(
    root: &Path,
    base_url: &str,
    rel: &str,
    text: &str,
) -> Result<(String, String), Vec<Diagnostic>> {
    let io = |e: std::io::Error| vec![Diagnostic::error(rel, "preview", e.to_string())];
    let copy = tempfile::tempdir().map_err(io)?;
    for dir in ["content", "templates", "themes"] {
        copy_tree(&root.join(dir), &copy.path().join(dir)).map_err(io)?;
    }
    if root.join("config.toml").is_file() {
        std::fs::copy(root.join("config.toml"), copy.path().join("config.toml")).map_err(io)?;
    }
    let target = copy.path().join(rel);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(&target, text).map_err(io)?;
    let generated = build::generate(&options(copy.path(), base_url))?;
    let doc = generated
        .site
        .documents
        .iter()
        .find(|d| d.source == Path::new(rel) || d.source == target)
        .ok_or_else(|| vec![Diagnostic::error(rel, "preview", "the file made no page")])?;
    let page = format!("{}index.html", doc.url_path);
    let html = generated
        .pages
        .iter()
        .find(|p| p.path == page)
        .map(|p| String::from_utf8_lossy(&p.content).into_owned())
        .ok_or_else(|| vec![Diagnostic::error(rel, "preview", "the file made no page")])?;
    Ok((doc.url_path.clone(), html))
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel: PathBuf = entry
            .path()
            .strip_prefix(from)
            .unwrap_or(entry.path())
            .into();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}
