//! The editor's pages: Tera templates compiled into the binary (they are
//! never part of a theme, so never published), and what they are given.

use super::fields::{Field, Input, Values};
use super::site::{Known, Place, Snapshot};
use crate::diagnostics::Diagnostic;
use crate::import::Report;
use serde::Serialize;

pub const CSS: &str = include_str!("editor.css");
pub const JS: &str = include_str!("editor.js");

pub fn templates() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(crate::text::escape_markup);
    tera.add_raw_templates([
        ("layout.html", include_str!("templates/layout.html")),
        ("list.html", include_str!("templates/list.html")),
        ("findings.html", include_str!("templates/findings.html")),
        ("form.html", include_str!("templates/form.html")),
        ("review.html", include_str!("templates/review.html")),
        ("import.html", include_str!("templates/import.html")),
        ("message.html", include_str!("templates/message.html")),
    ])
    .expect("the editor's templates are valid");
    tera
}

/// A field as the form shows it.
#[derive(Serialize)]
pub struct FieldView {
    key: &'static str,
    id: String,
    label: &'static str,
    help: &'static str,
    input: &'static str,
    required: bool,
    value: String,
    /// Where the importer found it.
    found: Option<Found>,
}

#[derive(Serialize, Clone)]
pub struct Found {
    line: usize,
    source: String,
}

fn input_name(input: Input) -> &'static str {
    match input {
        Input::Text => "text",
        Input::Date => "date",
        Input::Time => "time",
        Input::Lines => "lines",
        Input::Citation => "citation",
        Input::Citations => "citations",
        Input::Area => "area",
        Input::Kind => "kind",
        Input::Check => "check",
    }
}

pub fn field_views(fields: &[Field], values: &Values, report: Option<&Report>) -> Vec<FieldView> {
    fields
        .iter()
        .map(|f| FieldView {
            key: f.key,
            id: f.key.replace(['.', '_'], "-"),
            label: f.label,
            help: f.help,
            input: input_name(f.input),
            required: f.required,
            value: values.get(f.key).cloned().unwrap_or_default(),
            found: report.and_then(|r| {
                let found = r.found.iter().find(|x| x.field == f.key)?;
                Some(Found {
                    line: found.line,
                    source: source_vi(&found.source).to_string(),
                })
            }),
        })
        .collect()
}

/// The importer's name for where a value came from, in Vietnamese.
fn source_vi(source: &str) -> &str {
    match source {
        "header" => "phần đầu văn bản",
        "closing block" => "phần cuối văn bản",
        "metadata panel" => "bảng thông tin của cổng",
        "body" => "nội dung",
        "inferred" => "suy ra từ văn bản",
        "headline" => "tiêu đề tin",
        "posting time" => "thời gian đăng",
        other => other,
    }
}

/// A finding of `check`, labelled in Vietnamese.
#[derive(Serialize)]
pub struct FindingView {
    level: &'static str,
    label: &'static str,
    file: String,
    show_file: bool,
    line: usize,
    message: String,
    code: &'static str,
}

pub fn finding_views(findings: &[&Diagnostic], show_file: bool) -> Vec<FindingView> {
    findings
        .iter()
        .map(|d| FindingView {
            level: if d.is_error() { "loi" } else { "canh-bao" },
            label: if d.is_error() { "Lỗi" } else { "Cảnh báo" },
            file: super::site::slashed(&d.file),
            show_file,
            line: d.line,
            message: d.message.clone(),
            code: d.code,
        })
        .collect()
}

#[derive(Serialize)]
pub struct FoundRow {
    label: String,
    value: String,
    line: usize,
    source: String,
}

#[derive(Serialize)]
pub struct RemovedRow {
    line: usize,
    text: String,
    reason: String,
}

/// The import's report, field by field, for review.
#[derive(Serialize)]
pub struct Review {
    source: String,
    encoding: String,
    found: Vec<FoundRow>,
    not_found: Vec<String>,
    removed: Vec<RemovedRow>,
    warnings: Vec<String>,
}

fn label_of(key: &str) -> String {
    if key == "suggested_dir" {
        return "Thư mục đề xuất".into();
    }
    super::fields::DOCUMENT
        .iter()
        .find(|f| f.key == key)
        .map_or_else(|| key.to_string(), |f| f.label.to_string())
}

pub fn review(source: &str, report: &Report) -> Review {
    Review {
        source: source.to_string(),
        encoding: report.encoding.clone(),
        found: report
            .found
            .iter()
            .map(|f| FoundRow {
                label: label_of(&f.field),
                value: f.value.clone(),
                line: f.line,
                source: source_vi(&f.source).to_string(),
            })
            .collect(),
        not_found: report.not_found.iter().map(|k| label_of(k)).collect(),
        removed: report
            .removed
            .iter()
            .map(|r| RemovedRow {
                line: r.line,
                text: r.text.clone(),
                reason: r.reason.clone(),
            })
            .collect(),
        warnings: report.warnings.clone(),
    }
}

#[derive(Serialize)]
pub struct KindOption {
    slug: &'static str,
    name: &'static str,
}

/// The kinds a document form offers (news has a form of its own).
pub fn kinds() -> Vec<KindOption> {
    crate::model::kind::KINDS
        .iter()
        .filter(|k| !k.is_news())
        .map(|k| KindOption {
            slug: k.slug,
            name: k.name,
        })
        .collect()
}

/// What every form page is given about the site.
pub fn site_context(context: &mut tera::Context, snapshot: &Snapshot) {
    let known: &[Known] = &snapshot.known;
    let places: &[Place] = &snapshot.places;
    context.insert("known", known);
    context.insert("places", places);
    context.insert("kinds", &kinds());
}

/// `text` percent-encoded for a query string; "/" of a path stays.
pub fn query_escape(text: &str) -> String {
    crate::text::percent_encode(text, b"/")
}
