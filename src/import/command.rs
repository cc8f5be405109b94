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
    /// Copy a received .pdf / .docx beside the content file and name it in
    /// `original`, so that the page offers it for download.
    pub keep_original: bool,
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
    /// Fields the build requires that the text did not give ("kind",
    /// "title"): the file is written as a draft.
    pub needs: Vec<String>,
    /// Errors the build's loader found in the written file.
    pub loader_errors: Vec<String>,
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
    let mut outcomes: Vec<FileOutcome> = expand(&command.inputs)
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
                needs: Vec::new(),
                loader_errors: Vec::new(),
            },
            Ok(mut imported) => {
                add_relations(&mut imported);
                let needs = needs(&imported);
                imported.front_matter.draft = !needs.is_empty();
                let target = target_path(command, &imported);
                let original = kept_original(command, &source, &target);
                if let Some(o) = &original {
                    imported.front_matter.original =
                        o.file_name().map(|n| n.to_string_lossy().into_owned());
                }
                let error = refusal(command, &planned, &target, original.as_deref());
                planned.insert(target.clone());
                let mut written = false;
                let mut error = error;
                if error.is_none() && !command.dry_run {
                    let copied = copy_original(&source, original.as_deref());
                    match copied.and_then(|()| write(&target, &imported.to_markdown())) {
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
                    needs,
                    loader_errors: Vec::new(),
                }
            }
        })
        .collect();
    if !command.dry_run {
        check_with_loader(&command.root, &mut outcomes);
    }
    outcomes
}

/// The fields a content file must have for the build to load it.
fn needs(imported: &Imported) -> Vec<String> {
    let fm = &imported.front_matter;
    let mut out = Vec::new();
    if fm.kind.is_none() {
        out.push("kind".to_string());
    }
    if fm.title.is_none() {
        out.push("title".to_string());
    }
    out
}

/// Loads the site with the build's own loader (drafts included) and adds
/// every error it finds in a file just written to that file's outcome, so
/// import never reports success for a file the build would refuse.
fn check_with_loader(root: &Path, outcomes: &mut [FileOutcome]) {
    if !outcomes.iter().any(|o| o.written) {
        return;
    }
    let config = crate::config::Config::load(root).unwrap_or_default();
    let options = crate::content::LoadOptions { drafts: true };
    let findings = match crate::content::load(root.to_path_buf(), config, &options) {
        Ok(loaded) => loaded.warnings,
        Err(failure) => failure.findings,
    };
    for o in outcomes.iter_mut().filter(|o| o.written) {
        let Some(target) = &o.target else { continue };
        let relative = target.strip_prefix(root).unwrap_or(target);
        let mine: Vec<String> = findings
            .iter()
            .filter(|d| d.is_error() && (d.file == relative || d.file == *target))
            .map(|d| format!("the build would refuse it: {d}"))
            .collect();
        if !mine.is_empty() && o.error.is_none() {
            o.error = Some(mine.join("\n"));
        }
        o.loader_errors = mine;
    }
}

/// "3 of 14 files need a kind: a.txt, b.txt": one line per missing field.
pub fn summary(outcomes: &[FileOutcome]) -> Vec<String> {
    let mut by_field: Vec<(String, Vec<String>)> = Vec::new();
    for o in outcomes {
        for f in &o.needs {
            let name = o.source.file_name().map_or_else(
                || o.source.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            match by_field.iter_mut().find(|(k, _)| k == f) {
                Some((_, files)) => files.push(name),
                None => by_field.push((f.clone(), vec![name])),
            }
        }
    }
    by_field
        .into_iter()
        .map(|(field, files)| {
            format!(
                "{} of {} files need a {field} (written as drafts): {}",
                files.len(),
                outcomes.len(),
                files.join(", ")
            )
        })
        .collect()
}

/// Citations in the body become relations, one per cited number (its
/// first dated mention): those in an opening "Thực hiện …"/"Căn cứ …"
/// clause are what the document implements, the rest what it cites. A
/// document never cites its own number (a trích yếu or an annex note that
/// repeats it).
pub fn add_relations(imported: &mut Imported) {
    let text = &imported.body;
    let own: Vec<String> = imported
        .own_numbers
        .iter()
        .map(|n| crate::model::DocNumber::new(n).key())
        .filter(|k| !k.is_empty())
        .collect();
    // (number key, as written, dated, implemented)
    let mut by_number: Vec<(String, String, bool, bool)> = Vec::new();
    let mut hints = cite::PreambleHints::new(text);
    for c in cite::find_citations(text) {
        let key = c.number.key();
        if own.contains(&key) {
            continue;
        }
        let written = whole_citation(text, &c);
        let implements = hints.implements(&c);
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

/// The citation as the text writes it, whitespace collapsed; when the
/// sentence gave the date or issuer before the number ("Ngày 18/4/2019, Bộ
/// Nội vụ ban hành Quyết định số 319/QĐ-BNV"), they are written after it
/// in the usual order, so the relation keeps them.
fn whole_citation(text: &str, c: &cite::Citation) -> String {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let written = squash(&text[c.span.clone()]);
    let reread = cite::parse_citation(&written);
    let complete =
        reread.is_some_and(|r| r.date == c.date && r.issuer == c.issuer && r.number == c.number);
    if complete {
        return written;
    }
    let mut out = squash(&text[c.span.start..c.number_span.start]);
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(&c.number.written);
    if let Some(d) = c.date {
        out.push_str(&match (d.day, d.month) {
            (Some(day), Some(m)) => format!(" ngày {day:02}/{m:02}/{}", d.year),
            (None, Some(m)) => format!(" tháng {m:02} năm {}", d.year),
            _ => format!(" năm {}", d.year),
        });
    }
    if let Some(i) = &c.issuer {
        out.push_str(" của ");
        out.push_str(i);
    }
    out
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

/// Why the imported file (and its kept original) may not be written.
fn refusal(
    command: &ImportCommand,
    planned: &BTreeSet<PathBuf>,
    target: &Path,
    original: Option<&Path>,
) -> Option<String> {
    if planned.contains(target) {
        return Some(format!(
            "{} is also the target of another imported file; import it with --into another folder",
            target.display()
        ));
    }
    std::iter::once(target)
        .chain(original)
        .find(|p| p.exists() && !command.force)
        .map(|busy| format!("{} exists; use --force to overwrite it", busy.display()))
}

fn copy_original(source: &Path, original: Option<&Path>) -> std::io::Result<()> {
    let Some(o) = original else { return Ok(()) };
    if let Some(parent) = o.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::copy(source, o).map(|_| ())
}

/// Where `--keep-original` copies a received PDF or Word file: beside the
/// content file, under the same name with the file's own extension.
fn kept_original(command: &ImportCommand, source: &Path, target: &Path) -> Option<PathBuf> {
    let ext = source.extension()?.to_str()?.to_ascii_lowercase();
    (command.keep_original && matches!(ext.as_str(), "pdf" | "docx"))
        .then(|| target.with_extension(ext))
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}
