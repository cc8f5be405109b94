//! `vanban import`: imports files and folders into content files, adding
//! the citations the body makes as front-matter relations, and never
//! overwriting an existing file unless asked to.

use super::{import_file, ImportOptions, Imported};
use crate::cite;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub struct ImportCommand {
    pub inputs: Vec<PathBuf>,
    pub root: PathBuf,
    /// Folder under the root to write into; by default the folder the
    /// document's jurisdiction suggests, under content/.
    pub into: Option<PathBuf>,
    pub dry_run: bool,
    pub force: bool,
    pub options: ImportOptions,
}

#[derive(Serialize)]
pub struct FileOutcome {
    pub source: PathBuf,
    pub target: Option<PathBuf>,
    pub written: bool,
    pub error: Option<String>,
    pub report: Option<super::Report>,
    pub implements: Vec<String>,
    pub cites: Vec<String>,
}

const IMPORTABLE: [&str; 4] = ["txt", "md", "docx", "pdf"];

/// Files to import: the files named, and the importable files of folders.
pub fn expand(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| {
                    p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| IMPORTABLE.contains(&e))
                })
                .collect();
            out.append(&mut found);
        } else {
            out.push(input.clone());
        }
    }
    out
}

pub fn run(command: &ImportCommand) -> Vec<FileOutcome> {
    let mut planned: BTreeSet<PathBuf> = BTreeSet::new();
    expand(&command.inputs)
        .into_iter()
        .map(|source| match import_file(&source, &command.options) {
            Err(e) => FileOutcome {
                source,
                target: None,
                written: false,
                error: Some(e.to_string()),
                report: None,
                implements: Vec::new(),
                cites: Vec::new(),
            },
            Ok(mut imported) => {
                add_relations(&mut imported);
                let target = target_path(command, &imported);
                let error = if planned.contains(&target) {
                    Some(format!("{} is also the target of another imported file; import it with --into another folder", target.display()))
                } else if target.exists() && !command.force {
                    Some(format!("{} exists; use --force to overwrite it", target.display()))
                } else {
                    None
                };
                planned.insert(target.clone());
                let mut written = false;
                let mut error = error;
                if error.is_none() && !command.dry_run {
                    match write(&target, &imported.to_markdown()) {
                        Ok(()) => written = true,
                        Err(e) => error = Some(format!("cannot write {}: {e}", target.display())),
                    }
                }
                FileOutcome {
                    source,
                    target: Some(target),
                    written,
                    error,
                    implements: imported.front_matter.implements.clone(),
                    cites: imported.front_matter.cites.clone(),
                    report: Some(imported.report),
                }
            }
        })
        .collect()
}

/// Citations in the body become relations, one per cited number (its
/// first dated mention): those in an opening "Thực hiện …"/"Căn cứ …"
/// clause are what the document implements, the rest what it cites.
fn add_relations(imported: &mut Imported) {
    let text = &imported.body;
    // (number key, as written, dated, implemented)
    let mut by_number: Vec<(String, String, bool, bool)> = Vec::new();
    for c in cite::find_citations(text) {
        let written = text[c.span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let implements = cite::is_implementation_preamble(text, &c);
        let key = c.number.key();
        match by_number.iter_mut().find(|e| e.0 == key) {
            Some(entry) => {
                entry.3 |= implements;
                if !entry.2 && c.date.is_some() {
                    entry.1 = written;
                    entry.2 = true;
                }
            }
            None => by_number.push((key, written, c.date.is_some(), implements)),
        }
    }
    for (_, written, _, implements) in by_number {
        if implements {
            imported.front_matter.implements.push(written);
        } else {
            imported.front_matter.cites.push(written);
        }
    }
}

fn target_path(command: &ImportCommand, imported: &Imported) -> PathBuf {
    let folder = match &command.into {
        Some(into) => command.root.join(into),
        None => {
            let mut f = command.root.join("content");
            if let Some(dir) = &imported.suggested_dir {
                f = f.join(dir);
            }
            f
        }
    };
    folder.join(&imported.suggested_file_name)
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}
