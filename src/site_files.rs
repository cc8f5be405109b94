//! Walking a folder of the site (content, templates, static files) under one
//! rule for symbolic links: a link that stays inside the site root is
//! followed, file or folder, and one that leads outside it is refused with a
//! warning. Webmasters link shared folders between sites they keep side by
//! side in one tree; a link to `/etc/passwd` or to another user's files must
//! never be published. Every walk of a site folder goes through [`walk`], so
//! content, `serve`'s watch list and the theme see the same files.

use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, WalkDir};

/// What a walk found: entries in file-name order (hidden names below `dir`
/// left out) and what it could not read or refused.
pub struct Walked {
    pub entries: Vec<DirEntry>,
    pub findings: Vec<Diagnostic>,
}

/// Walks `dir`, which lies in the site at `root`, following symbolic links
/// that resolve inside `root`. A link leading outside, or a loop of links,
/// is left out with a warning naming it; an unreadable entry is an error.
pub fn walk(root: &Path, dir: &Path) -> Walked {
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut findings = Vec::new();
    let mut entries = Vec::new();
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                findings.push(walk_error(root, dir, &e));
                continue;
            }
        };
        if entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.') {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() && !inside(&canonical_root, entry.path()) {
            findings.push(Diagnostic::warning(
                relative(root, entry.path()),
                "symlink-outside-site",
                format!(
                    "symbolic link leads outside the site ({}): left out; copy the file into the site to publish it",
                    target(entry.path()).display()
                ),
            ));
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        entries.push(entry);
    }
    Walked { entries, findings }
}

fn walk_error(root: &Path, dir: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = relative(root, e.path().unwrap_or(dir));
    match e.loop_ancestor() {
        Some(ancestor) => Diagnostic::warning(
            path,
            "symlink-loop",
            format!(
                "symbolic link loops back to {}: left out",
                relative(root, ancestor).display()
            ),
        ),
        None => Diagnostic::error(path, "unreadable", e.to_string()),
    }
}

/// Whether `path` resolves to a place inside `canonical_root`.
fn inside(canonical_root: &Path, path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(canonical_root))
}

fn target(link: &Path) -> PathBuf {
    std::fs::canonicalize(link)
        .or_else(|_| std::fs::read_link(link))
        .unwrap_or_else(|_| link.to_path_buf())
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(walked: &Walked, dir: &Path) -> Vec<String> {
        walked
            .entries
            .iter()
            .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn follows_links_inside_the_site_and_refuses_links_outside() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        let site = tempfile::tempdir().unwrap();
        let content = site.path().join("content");
        std::fs::create_dir_all(content.join("a")).unwrap();
        std::fs::create_dir_all(site.path().join("shared")).unwrap();
        std::fs::write(content.join("a/doc.md"), "x").unwrap();
        std::fs::write(site.path().join("shared/common.md"), "x").unwrap();
        symlink(site.path().join("shared"), content.join("linked")).unwrap();
        symlink(outside.path().join("secret.md"), content.join("leak.md")).unwrap();
        symlink(outside.path(), content.join("leakdir")).unwrap();
        symlink(&content, content.join("a/loop")).unwrap();

        let walked = walk(site.path(), &content);
        let found = names(&walked, &content);
        assert!(found.contains(&"linked/common.md".to_string()), "{found:?}");
        assert!(found.contains(&"a/doc.md".to_string()));
        assert!(
            !found
                .iter()
                .any(|n| n.contains("leak") || n.contains("loop/")),
            "{found:?}"
        );
        let codes: Vec<(&str, String)> = walked
            .findings
            .iter()
            .map(|d| (d.code, d.file.display().to_string()))
            .collect();
        assert!(
            codes.contains(&("symlink-outside-site", "content/leak.md".into())),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("symlink-outside-site", "content/leakdir".into())),
            "{codes:?}"
        );
        assert!(codes.iter().any(|(c, _)| *c == "symlink-loop"), "{codes:?}");
        assert!(walked.findings.iter().all(|d| !d.is_error()));
    }
}
