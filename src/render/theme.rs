//! The theme: Tera templates and static files. A site's own `templates/`
//! and `static/` override the theme's file by file, as in Zola. The default
//! theme is compiled into the binary so that `vanban init` and sites without
//! a `themes/` folder work with one binary; a `themes/<name>/` folder on
//! disk takes precedence.

use crate::diagnostics::Diagnostic;
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub struct Theme {
    pub tera: tera::Tera,
    /// Output path → (bytes, where it came from), sorted.
    pub static_files: BTreeMap<String, (Vec<u8>, PathBuf)>,
    /// What loading it found that does not stop the build (a symbolic link
    /// leading outside the site, left out).
    pub warnings: Vec<Diagnostic>,
}

/// A file found in a theme or site folder: its relative name, text and the
/// path to report in messages.
struct SourceFile {
    name: String,
    bytes: Vec<u8>,
    origin: PathBuf,
}

impl Theme {
    /// Loads the theme; with `minify`, HTML templates are minified here,
    /// once, rather than every page they render.
    pub fn load(root: &Path, name: &str, minify: bool) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = root.join("themes").join(name);
        let mut warnings = Vec::new();
        let (mut templates, mut statics) = if theme_dir.is_dir() {
            (
                read_dir_files(root, &theme_dir.join("templates"), &mut warnings)?,
                read_dir_files(root, &theme_dir.join("static"), &mut warnings)?,
            )
        } else if name == "default" {
            (embedded("templates"), embedded("static"))
        } else {
            return Err(vec![Diagnostic::error(
                "config.toml",
                "unknown-theme",
                format!(
                    "theme \"{name}\" not found: expected a folder {}",
                    theme_dir.display()
                ),
            )]);
        };
        override_with(
            &mut templates,
            read_dir_files(root, &root.join("templates"), &mut warnings)?,
        );
        override_with(
            &mut statics,
            read_dir_files(root, &root.join("static"), &mut warnings)?,
        );

        let mut errors = Vec::new();
        let mut sources = Vec::new();
        for file in templates.into_values() {
            match String::from_utf8(file.bytes) {
                Ok(text) => sources.push((file.name, text, file.origin)),
                Err(_) => errors.push(Diagnostic::error(
                    &file.origin,
                    "invalid-utf8",
                    "template is not UTF-8",
                )),
            }
        }
        let mut tera = new_tera();
        if errors.is_empty() {
            let minified: Vec<(&str, String)> = sources
                .iter()
                .map(|(name, text, _)| {
                    let text = if minify && name.ends_with(".html") {
                        super::compact::html_template(text)
                    } else {
                        text.clone()
                    };
                    (name.as_str(), text)
                })
                .collect();
            if let Err(e) = tera.add_raw_templates(minified.iter().map(|(n, t)| (*n, t.as_str()))) {
                // Report the error against the template as written, whose
                // lines the message's line numbers refer to.
                let as_written = sources.iter().map(|(n, t, _)| (n.as_str(), t.as_str()));
                let e = new_tera().add_raw_templates(as_written).err().unwrap_or(e);
                errors.push(template_error(&e, &sources));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let static_files = statics
            .into_values()
            .map(|f| (f.name, (f.bytes, f.origin)))
            .collect();
        Ok(Theme {
            tera,
            static_files,
            warnings,
        })
    }
}

fn new_tera() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::text::escape_markup);
    tera.register_filter("nobreak", nobreak_filter);
    tera.register_filter("lower_first", lower_first_filter);
    tera
}

/// `{{ title | nobreak | safe }}`: the text escaped, with each document
/// number in it ("319/QĐ-BNV", "1847/QĐ-TTg") kept on one line, so that a
/// narrow screen never splits "319/QĐ-" from "BNV". The characters stay as
/// written (a copied title still holds ordinary hyphens).
fn nobreak_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = tera::try_get_value!("nobreak", "value", String, value);
    Ok(tera::Value::String(nobreak(&text)))
}

/// `{{ name | lower_first }}`: a jurisdiction's name inside a sentence,
/// its level word in lower case ("văn bản của huyện Triệu Sơn"); proper
/// names after it keep their capitals.
fn lower_first_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = tera::try_get_value!("lower_first", "value", String, value);
    let mut chars = text.chars();
    let out = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    Ok(tera::Value::String(out))
}

/// See [`nobreak_filter`]: words holding a digit and a "/" or "-" joined
/// to letters or digits are wrapped in `<span class="nowrap">`.
pub fn nobreak(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let numberish = word.chars().any(|c| c.is_ascii_digit())
            && word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .contains(['/', '-']);
        let escaped = crate::text::escape_markup(word);
        if numberish {
            out.push_str("<span class=\"nowrap\">");
            out.push_str(&escaped);
            out.push_str("</span>");
        } else {
            out.push_str(&escaped);
        }
    }
    out
}

/// Names the template file a Tera error is about when its message says.
fn template_error(e: &tera::Error, sources: &[(String, String, PathBuf)]) -> Diagnostic {
    let message = error_chain(e);
    let origin = sources
        .iter()
        .find(|(n, _, _)| {
            message.contains(&format!("'{n}'")) || message.contains(&format!("`{n}`"))
        })
        .map_or_else(|| PathBuf::from("templates"), |(_, _, o)| o.clone());
    Diagnostic::error(origin, "template", message)
}

/// Tera puts the useful part of an error in its sources.
pub fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

fn override_with(base: &mut BTreeMap<String, SourceFile>, overrides: BTreeMap<String, SourceFile>) {
    base.extend(overrides);
}

fn embedded(sub: &str) -> BTreeMap<String, SourceFile> {
    let mut out = BTreeMap::new();
    if let Some(dir) = DEFAULT_THEME.get_dir(sub) {
        collect_embedded(dir, sub, &mut out);
    }
    out
}

fn collect_embedded(dir: &Dir<'static>, sub: &str, out: &mut BTreeMap<String, SourceFile>) {
    for file in dir.files() {
        let name = file
            .path()
            .strip_prefix(sub)
            .unwrap_or(file.path())
            .to_string_lossy()
            .replace('\\', "/");
        out.insert(
            name.clone(),
            SourceFile {
                name,
                bytes: file.contents().to_vec(),
                origin: Path::new("(built-in theme)").join(file.path()),
            },
        );
    }
    for d in dir.dirs() {
        collect_embedded(d, sub, out);
    }
}

fn read_dir_files(
    root: &Path,
    dir: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<BTreeMap<String, SourceFile>, Vec<Diagnostic>> {
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let walked = crate::site_files::walk(root, dir);
    let (errors, found): (Vec<_>, Vec<_>) = walked.findings.into_iter().partition(|d| d.is_error());
    if !errors.is_empty() {
        return Err(errors);
    }
    warnings.extend(found);
    for entry in walked.entries {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = rel.to_string_lossy().replace('\\', "/");
        let origin = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        let bytes = std::fs::read(entry.path())
            .map_err(|e| vec![Diagnostic::error(&origin, "unreadable", e.to_string())])?;
        out.insert(
            name.clone(),
            SourceFile {
                name,
                bytes,
                origin,
            },
        );
    }
    Ok(out)
}

#[cfg(test)]
mod nobreak_tests {
    use super::nobreak;

    #[test]
    fn document_numbers_are_kept_on_one_line_and_text_is_escaped() {
        assert_eq!(
            nobreak("Quyết định số 319/QĐ-BNV ngày 12/7/2019 <b>"),
            "Quyết định số <span class=\"nowrap\">319/QĐ-BNV</span> ngày \
             <span class=\"nowrap\">12/7/2019</span> &lt;b&gt;"
        );
        assert_eq!(nobreak("Văn hóa công vụ - 2024"), "Văn hóa công vụ - 2024");
    }
}
