//! Walking `content/`: folders become jurisdictions and sections, files
//! become documents.

use super::document::{self, deserialize, Placement};
use super::front_matter::{locate_key, split};
use super::jurisdiction::Successor;
use super::raw::{date_text, RawJurisdiction};
use super::units;
use super::{
    Document, JurId, Jurisdiction, Level, LoadFailure, LoadOptions, Loaded, Section, Site,
};
use crate::config::Config;
use crate::diagnostics::{self, line_col, Diagnostic};
use crate::model::PartialDate;
use crate::text::{nfc, slugify};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files read at once while loading content.
const READERS: usize = 16;

/// What a folder's `_index.md` declared.
enum Folder {
    Jurisdiction(Box<Jurisdiction>),
    Section { title: String },
}

pub fn load_site(
    root: PathBuf,
    config: Config,
    options: &LoadOptions,
) -> Result<Loaded, LoadFailure> {
    let content = root.join("content");
    if !content.is_dir() {
        let finding = Diagnostic::error(
            "content",
            "no-content",
            format!("no content folder at {}", content.display()),
        );
        return Err(LoadFailure {
            findings: vec![finding],
            partial: Box::new(Site {
                root,
                config,
                jurisdictions: Vec::new(),
                sections: Vec::new(),
                documents: Vec::new(),
            }),
        });
    }
    let mut findings = Vec::new();
    let mut folders: BTreeMap<String, (PathBuf, Option<Folder>)> = BTreeMap::new();
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    let walked = crate::site_files::walk(&root, &content);
    findings.extend(walked.findings);
    for entry in walked.entries {
        let rel = entry.path().strip_prefix(&content).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            folders.insert(url_folder(rel), (rel.to_path_buf(), None));
        } else if rel.extension().is_some_and(|e| e == "md") {
            let folder = url_folder(rel.parent().unwrap_or(Path::new("")));
            files.push((folder, entry.path().to_path_buf()));
        }
    }

    let read = || -> Vec<(PathBuf, Result<String, Diagnostic>)> {
        files
            .par_iter()
            .map(|(_, path)| (relative(&root, path), read_text(&root, path)))
            .collect()
    };
    // Reading waits on the disk, not the CPU: with the page cache cold (a
    // national portal's 100,000 files), more reads in flight than cores
    // keep the disk busy.
    let sources = match rayon::ThreadPoolBuilder::new().num_threads(READERS).build() {
        Ok(readers) => readers.install(read),
        Err(_) => read(),
    };
    let mut document_files = Vec::new();
    for ((folder, _), (source, text)) in files.into_iter().zip(sources) {
        let text = match text {
            Ok(t) => t,
            Err(d) => {
                findings.push(d);
                continue;
            }
        };
        if source.file_name().is_some_and(|n| n == "_index.md") {
            match parse_folder(&source, &text, &folder) {
                Ok(f) => {
                    if let Some(entry) = folders.get_mut(&folder) {
                        entry.1 = Some(f);
                    }
                }
                Err(mut d) => findings.append(&mut d),
            }
        } else {
            document_files.push((folder, source, text));
        }
    }

    add_units(&mut folders, &units::site_units(&config), &mut findings);
    let (mut jurisdictions, sections, folder_owner) = build_tree(folders, &mut findings);
    units::link(&mut jurisdictions);
    let parsed: Vec<(Option<Document>, Vec<Diagnostic>)> = document_files
        .par_iter()
        .map(|(folder, source, text)| {
            let (jurisdiction, section) = folder_owner[folder].clone();
            let parsed = document::parse(
                text,
                Placement {
                    source,
                    folder_url: &url_prefix(folder),
                    jurisdiction,
                    section,
                },
            );
            with_original(&root, parsed)
        })
        .collect();
    let mut documents = Vec::new();
    for (doc, mut doc_findings) in parsed {
        findings.append(&mut doc_findings);
        if let Some(doc) = doc.filter(|d| options.drafts || !d.draft) {
            documents.push(doc);
        }
    }
    documents.sort_by(|a, b| a.url_path.cmp(&b.url_path).then(a.source.cmp(&b.source)));
    findings.extend(url_collisions(&documents, &jurisdictions));

    diagnostics::sort(&mut findings);
    let site = Site {
        root,
        config,
        jurisdictions,
        sections,
        documents,
    };
    if diagnostics::has_errors(&findings) {
        return Err(LoadFailure {
            findings,
            partial: Box::new(site),
        });
    }
    Ok(Loaded {
        site,
        warnings: findings,
    })
}

/// Parses one document file again, in the folder it was loaded from: `serve`
/// re-reads only the files that changed. `old` is the document as loaded
/// from the same file (same jurisdiction and section).
pub fn reload_document(root: &Path, old: &Document) -> (Option<Document>, Vec<Diagnostic>) {
    let text = match read_text(root, &root.join(&old.source)) {
        Ok(t) => t,
        Err(d) => return (None, vec![d]),
    };
    let folder = old
        .source
        .parent()
        .and_then(|p| p.strip_prefix("content").ok())
        .map(url_folder)
        .unwrap_or_default();
    let parsed = document::parse(
        &text,
        Placement {
            source: &old.source,
            folder_url: &url_prefix(&folder),
            jurisdiction: old.jurisdiction,
            section: old.section.clone(),
        },
    );
    with_original(root, parsed)
}

/// Reads the original file a parsed document names, if any.
fn with_original(
    root: &Path,
    (mut doc, mut findings): (Option<Document>, Vec<Diagnostic>),
) -> (Option<Document>, Vec<Diagnostic>) {
    if let Some(doc) = doc.as_mut() {
        let source = doc.source.clone();
        if let Some(original) = doc.original.as_mut() {
            findings.extend(super::original::inspect(root, &source, original));
        }
    }
    (doc, findings)
}

/// Two documents, or a document and a jurisdiction, that would be written
/// to the same URL. Found here rather than at write time so that they are
/// reported together with every other content error.
fn url_collisions(documents: &[Document], jurisdictions: &[Jurisdiction]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for pair in documents.windows(2) {
        if pair[0].url_path == pair[1].url_path {
            out.push(
                Diagnostic::error(
                    &pair[1].source,
                    "url-collision",
                    format!(
                        "{} and {} would both be written to /{}: give one of them another `slug`",
                        pair[0].source.display(),
                        pair[1].source.display(),
                        pair[1].url_path
                    ),
                )
                .at(1, 1),
            );
        }
    }
    let folders: Vec<String> = jurisdictions.iter().map(Jurisdiction::url_path).collect();
    let reserved: std::collections::HashSet<String> =
        super::reserved_paths(folders.iter().map(String::as_str))
            .into_iter()
            .collect();
    for d in documents.iter().filter(|d| reserved.contains(&d.url_path)) {
        out.push(
            Diagnostic::error(
                &d.source,
                "url-collision",
                format!(
                    "{} would be written to /{}, which the site keeps for its own pages: give it another `slug` or file name",
                    d.source.display(),
                    d.url_path
                ),
            )
            .at(1, 1),
        );
    }
    let by_url: std::collections::HashMap<String, &Jurisdiction> =
        jurisdictions.iter().map(|j| (j.url_path(), j)).collect();
    for d in documents {
        if let Some(j) = by_url.get(&d.url_path) {
            out.push(
                Diagnostic::error(
                    &d.source,
                    "url-collision",
                    format!(
                        "{} would be written over the page of {} (/{}): give it another `slug`",
                        d.source.display(),
                        j.name,
                        d.url_path
                    ),
                )
                .at(1, 1),
            );
        }
    }
    out
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads a file as UTF-8, naming the byte offset of the first bad byte.
fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let rel = relative(root, path);
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::error(&rel, "unreadable", e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let (line, column) = line_col(&text, offset);
        Diagnostic::error(
            &rel,
            "invalid-utf8",
            format!("invalid UTF-8 at byte offset {offset}: save the file as UTF-8 (or import it with `vanban import --from tcvn3|vni`)"),
        )
        .at(line, column)
    })
}

/// The URL form of a folder path: each component slugified, joined by "/".
fn url_folder(rel: &Path) -> String {
    rel.components()
        .map(|c| slugify(&c.as_os_str().to_string_lossy()))
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

fn url_prefix(folder: &str) -> String {
    if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    }
}

fn parse_folder(source: &Path, text: &str, folder: &str) -> Result<Folder, Vec<Diagnostic>> {
    let split = split(text)
        .map_err(|e| vec![Diagnostic::error(source, "front-matter", e.message).at(e.line, 1)])?;
    let raw: RawJurisdiction =
        deserialize(split.format, split.front_matter).map_err(|(offset, message)| {
            let (l, c) = offset.map_or((1, 1), |o| line_col(split.front_matter, o));
            vec![Diagnostic::error(
                source,
                "front-matter",
                format!("invalid front matter: {message}"),
            )
            .at(l + split.front_matter_line - 1, c)]
        })?;
    let at = |key: &str| {
        let (l, c) = locate_key(split.front_matter, key);
        (l + split.front_matter_line - 1, c)
    };
    let Some(level_text) = raw.level.as_deref() else {
        let title = raw
            .title
            .or(raw.name)
            .map(|t| nfc(&t))
            .unwrap_or_else(|| folder.to_string());
        return Ok(Folder::Section { title });
    };
    let mut errors = Vec::new();
    let level = Level::parse(level_text);
    if level.is_none() {
        let (l, c) = at("level");
        errors.push(
            Diagnostic::error(
                source,
                "unknown-level",
                format!(
                    "unknown level \"{level_text}\": expected one of: trung-uong, tinh, huyen, xa"
                ),
            )
            .at(l, c),
        );
    }
    let name = raw
        .name
        .as_deref()
        .map(nfc)
        .filter(|n| !n.trim().is_empty());
    if name.is_none() {
        let (l, c) = at("level");
        errors.push(
            Diagnostic::error(
                source,
                "missing-name",
                "missing `name`: expected the jurisdiction's name, e.g. \"Tỉnh Khánh Hòa\"",
            )
            .at(l, c),
        );
    }
    let until = match raw.until.as_ref() {
        None => None,
        Some(v) => {
            let parsed = date_text(v).and_then(|t| PartialDate::parse_iso(&t));
            if parsed.is_none() {
                let (l, c) = at("until");
                errors.push(
                    Diagnostic::error(
                        source,
                        "invalid-date",
                        format!("invalid date `{v}` for `until`: expected \"YYYY-MM-DD\""),
                    )
                    .at(l, c),
                );
            }
            parsed
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut j = Jurisdiction::new(
        folder.to_string(),
        name.unwrap_or_default(),
        level.unwrap_or(Level::Tinh),
    );
    j.until = until;
    j.successor = raw.successor.map(|s| Successor::Name(nfc(&s)));
    j.description = nfc(split.body);
    j.source = Some(source.to_path_buf());
    j.extra = raw.extra;
    Ok(Folder::Jurisdiction(Box::new(j)))
}

/// Makes every unit the site covers a jurisdiction: the folder at its path
/// (declared or not) becomes it, or a folder without files is added.
fn add_units(
    folders: &mut BTreeMap<String, (PathBuf, Option<Folder>)>,
    site_units: &[(&'static crate::registry::Unit, &'static str)],
    findings: &mut Vec<Diagnostic>,
) {
    // Units in force first: a folder shared by a new province and the
    // former one whose name it kept ("khanh-hoa", both code 56) is the
    // province in force, and [`units::merge_unit`] only dates a folder
    // whose units are all former.
    let (in_force, former): (Vec<_>, Vec<_>) = site_units.iter().partition(|(u, _)| u.in_force());
    for &(unit, path) in in_force.into_iter().chain(former) {
        let entry = folders
            .entry(path.to_string())
            .or_insert_with(|| (PathBuf::from(path), None));
        match &mut entry.1 {
            Some(Folder::Jurisdiction(j)) => units::merge_unit(j, unit),
            folder => *folder = Some(Folder::Jurisdiction(Box::new(units::from_unit(unit, path)))),
        }
    }
    for (_, folder) in folders.values() {
        let Some(Folder::Jurisdiction(j)) = folder else {
            continue;
        };
        if let (Some(path), Some(source)) = (units::misplaced(j), &j.source) {
            findings.push(
                Diagnostic::warning(
                    source,
                    "unit-folder",
                    format!(
                        "{} is an administrative unit whose folder is content/{path}/: move this folder there, or its documents stay apart from the unit's page",
                        j.name
                    ),
                )
                .at(1, 1),
            );
        }
    }
}

type FolderOwner = BTreeMap<String, (JurId, Option<String>)>;

/// Links jurisdictions to their parents and decides, for every folder, which
/// jurisdiction and section its documents belong to.
fn build_tree(
    folders: BTreeMap<String, (PathBuf, Option<Folder>)>,
    findings: &mut Vec<Diagnostic>,
) -> (Vec<Jurisdiction>, Vec<Section>, FolderOwner) {
    let mut jurisdictions: Vec<Jurisdiction> = Vec::new();
    let mut section_titles = BTreeMap::new();
    for (path, (_, folder)) in &folders {
        match folder {
            Some(Folder::Jurisdiction(j)) => jurisdictions.push((**j).clone()),
            Some(Folder::Section { title }) => {
                section_titles.insert(path.clone(), title.clone());
            }
            None if path.is_empty() => {}
            None => {
                section_titles.insert(
                    path.clone(),
                    path.rsplit('/').next().unwrap_or(path).to_string(),
                );
            }
        }
    }
    if jurisdictions.first().is_none_or(|j| !j.path.is_empty()) {
        jurisdictions.insert(
            0,
            Jurisdiction::new(String::new(), "Trung ương".into(), Level::TrungUong),
        );
    }
    let index: BTreeMap<String, JurId> = jurisdictions
        .iter()
        .enumerate()
        .map(|(i, j)| (j.path.clone(), i))
        .collect();
    let nearest = |path: &str| -> JurId {
        let mut p = path;
        loop {
            if let Some(&id) = index.get(p) {
                return id;
            }
            p = p.rfind('/').map_or("", |i| &p[..i]);
        }
    };
    for id in 1..jurisdictions.len() {
        let path = jurisdictions[id].path.clone();
        let parent = nearest(path.rfind('/').map_or("", |i| &path[..i]));
        jurisdictions[id].parent = Some(parent);
        jurisdictions[parent].children.push(id);
        if jurisdictions[id].level <= jurisdictions[parent].level {
            let source = jurisdictions[id].source.clone().unwrap_or_default();
            findings.push(
                Diagnostic::error(
                    source,
                    "level-order",
                    format!(
                        "level \"{}\" cannot sit inside {} (level \"{}\"): move the folder or fix its level",
                        jurisdictions[id].level.slug(),
                        jurisdictions[parent].name,
                        jurisdictions[parent].level.slug()
                    ),
                )
                .at(1, 1),
            );
        }
    }
    for j in jurisdictions.iter_mut() {
        if let Some(Successor::Name(name)) = &j.successor {
            if let Some(&id) = index.get(name.trim_matches('/')) {
                j.successor = Some(Successor::Jurisdiction(id));
            }
        }
    }
    let mut owner = FolderOwner::new();
    for path in folders.keys() {
        let section = section_titles.contains_key(path).then(|| path.clone());
        owner.insert(path.clone(), (nearest(path), section));
    }
    let sections = section_titles
        .into_iter()
        .map(|(path, title)| Section {
            jurisdiction: nearest(&path),
            path,
            title,
        })
        .collect();
    (jurisdictions, sections, owner)
}
