//! Import: turns a .txt, .md, .docx or .pdf file into a vanban content file
//! (TOML front matter + Markdown body) and a report of what was inferred.
//!
//! Inference only takes what the text gives: header fields of Nghị định
//! 30/2020/NĐ-CP, the closing block, the body's structure. Words are never
//! rewritten; conversion leftovers that are removed are listed in the report.

mod body;
pub mod command;
pub mod docx;
mod footer;
pub mod frontmatter;
mod header;
mod jurisdiction;
pub mod legacy;
mod lines;
pub mod pdf;
pub mod report;
mod web;

pub use frontmatter::{FrontMatter, Signer};
pub use report::{FieldFound, Removed, Report};

use crate::model::{DocNumber, Kind};
use crate::text;
use crate::text::{nfc, slugify};
use lines::{is_pipe_leftover, split_lines, Line};
use std::fmt;
use std::path::{Path, PathBuf};

/// The encoding of a text source. `Auto` detects TCVN3 and VNI.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SourceEncoding {
    #[default]
    Auto,
    Utf8,
    Tcvn3,
    Vni,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub from: SourceEncoding,
}

#[derive(Debug, Clone)]
pub struct Imported {
    pub source: PathBuf,
    pub front_matter: FrontMatter,
    /// Markdown.
    pub body: String,
    /// A content folder for the document's jurisdiction, e.g. "khanh-hoa".
    pub suggested_dir: Option<String>,
    /// "slug.md".
    pub suggested_file_name: String,
    pub report: Report,
    /// Numbers the source gives for the document itself (its header, a
    /// portal panel), which its body must never cite.
    pub own_numbers: Vec<String>,
}

/// An import failure, naming the file and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub problem: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.problem)
    }
}

impl std::error::Error for ImportError {}

impl Imported {
    /// The content file: "+++\n<toml>+++\n\n<body>".
    pub fn to_markdown(&self) -> String {
        let toml = self.front_matter.to_toml();
        let toml = toml.trim_end();
        format!("+++\n{toml}\n+++\n\n{}", self.body)
    }

    /// The body without Markdown markup, for the citation parser that fills
    /// `implements` / `cites`.
    pub fn body_text(&self) -> String {
        plain_text(&self.body)
    }
}

/// Markdown to its words: heading hashes, emphasis, footnote references and
/// escapes dropped, footnote labels dropped, lines kept.
pub fn plain_text(markdown: &str) -> String {
    let refs = regex::Regex::new(r"\[\^\d+\]:?").expect("static regex");
    markdown
        .lines()
        .map(|l| {
            let l = l.trim_start_matches('#').trim();
            let l = refs.replace_all(l, "");
            l.replace("**", "").replace('\\', "")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn import_file(path: &Path, opts: &ImportOptions) -> Result<Imported, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError {
        file: path.display().to_string(),
        problem: format!("cannot read: {e}"),
    })?;
    let mut imported = import_bytes(&path.display().to_string(), &bytes, opts)?;
    imported.source = path.to_path_buf();
    Ok(imported)
}

/// Decodes a text file to Unicode, returning the text, the encoding name
/// and warnings (invalid bytes in a file that is otherwise UTF-8).
fn decode(bytes: &[u8], from: SourceEncoding) -> Result<(String, String, Vec<String>), String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf8 = std::str::from_utf8(bytes).ok();
    let as_text = || utf8.map_or_else(|| legacy::cp1252_to_string(bytes), str::to_string);
    Ok(match from {
        SourceEncoding::Utf8 => match utf8 {
            Some(t) => (t.to_string(), "utf-8".into(), Vec::new()),
            None => {
                let scan = Utf8Scan::new(bytes);
                let at = scan
                    .invalid
                    .first()
                    .map_or(String::new(), |p| format!(" at {p}"));
                return Err(format!("not valid UTF-8{at} (try the TCVN3 or VNI option)"));
            }
        },
        SourceEncoding::Tcvn3 => (legacy::decode_tcvn3(&as_text()), "tcvn3".into(), Vec::new()),
        SourceEncoding::Vni => (legacy::decode_vni(&as_text()), "vni".into(), Vec::new()),
        SourceEncoding::Auto if utf8.is_some() => {
            let (t, e) = convert_detected(as_text(), "utf-8");
            (t, e, Vec::new())
        }
        SourceEncoding::Auto => {
            let scan = Utf8Scan::new(bytes);
            if scan.is_mostly_utf8() {
                let warnings = scan
                    .invalid
                    .iter()
                    .map(|p| format!("invalid UTF-8 byte at {p}, replaced by U+FFFD; the rest is read as UTF-8"))
                    .collect();
                (
                    String::from_utf8_lossy(bytes).into_owned(),
                    "utf-8 (with invalid bytes)".into(),
                    warnings,
                )
            } else {
                let (t, e) = convert_detected(as_text(), "windows-1252");
                (t, e, Vec::new())
            }
        }
    })
}

/// Where a byte sequence is and is not UTF-8: the valid multi-byte letters
/// it holds and the position of each invalid sequence ("line 3, column 7").
struct Utf8Scan {
    multibyte: usize,
    invalid: Vec<String>,
}

impl Utf8Scan {
    fn new(bytes: &[u8]) -> Self {
        let (mut line, mut col) = (1usize, 1usize);
        let mut multibyte = 0;
        let mut invalid = Vec::new();
        for chunk in bytes.utf8_chunks() {
            for c in chunk.valid().chars() {
                multibyte += usize::from(!c.is_ascii());
                if c == '\n' {
                    line += 1;
                    col = 1;
                } else {
                    col += 1;
                }
            }
            if !chunk.invalid().is_empty() {
                invalid.push(format!("line {line}, column {col}"));
                col += 1;
            }
        }
        Utf8Scan { multibyte, invalid }
    }

    /// A legacy file (TCVN3, VNI, Windows-1252) has almost no valid
    /// multi-byte sequences; a UTF-8 file with a few damaged bytes has many.
    fn is_mostly_utf8(&self) -> bool {
        self.multibyte >= 4 && self.multibyte >= 10 * self.invalid.len()
    }
}

fn convert_detected(text: String, plain: &str) -> (String, String) {
    match legacy::detect(&text) {
        Some(legacy::Legacy::Tcvn3) => (legacy::decode_tcvn3(&text), "tcvn3 (detected)".into()),
        Some(legacy::Legacy::Vni) => (legacy::decode_vni(&text), "vni (detected)".into()),
        None => (text, plain.to_string()),
    }
}

pub fn import_bytes(
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Imported, ImportError> {
    let err = |problem: String| ImportError {
        file: name.to_string(),
        problem,
    };
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_docx = ext == "docx";
    let mut warnings = Vec::new();
    let (text, footnotes, encoding) = if is_docx {
        let d = docx::read(bytes).map_err(err)?;
        // Word files typed in .VnTime fonts carry TCVN3 as Latin-1 letters.
        let (main, enc) = match opts.from {
            SourceEncoding::Tcvn3 => (legacy::decode_tcvn3(&d.main), "docx, tcvn3".to_string()),
            SourceEncoding::Vni => (legacy::decode_vni(&d.main), "docx, vni".to_string()),
            SourceEncoding::Utf8 => (d.main, "docx".to_string()),
            SourceEncoding::Auto => {
                let (t, e) = convert_detected(d.main, "docx");
                let e = if e == "docx" { e } else { format!("docx, {e}") };
                (t, e)
            }
        };
        (main, d.footnotes, enc)
    } else if ext == "pdf" {
        let p = pdf::read(bytes).map_err(err)?;
        warnings = p.warnings;
        (p.text, String::new(), "pdf (text layer)".to_string())
    } else {
        let (t, e, w) = decode(bytes, opts.from).map_err(err)?;
        warnings = w;
        (t, String::new(), e)
    };
    let text = nfc(&text);
    let footnotes = nfc(&footnotes);
    let mut report = Report {
        encoding,
        warnings,
        ..Report::default()
    };
    let mut fm = FrontMatter::default();
    let (lines, panel) = web::prepare(split_lines(&text), &mut report);
    let n = lines.len();

    let header = header::parse(&lines, &mut fm, &mut report);
    let mut start = header.end;
    if header.end == 0 {
        start = untitled_start(&lines, &mut fm, &mut report);
    }
    let footer = footer::parse(&lines, start, &mut fm, &mut report);
    apply_panel(&panel, header.end > 0, &mut fm, &mut report);
    let (body_end, tail_start) = footer.map_or((n, n), |f| (f.start, f.end));
    if let Some(f) = footer {
        for l in &lines[f.start..f.end] {
            if is_pipe_leftover(&l.text) {
                report.remove(l.no, &l.text, "table-layout leftover");
            }
        }
    }
    // Text after the signature (an appendix) stays in the body.
    let mut source: Vec<Line> = lines[start..body_end].to_vec();
    let tail: Vec<Line> = lines[tail_start..].to_vec();
    if tail
        .iter()
        .any(|l| !l.is_blank() && !is_pipe_leftover(&l.text))
    {
        source.push(Line {
            no: 0,
            raw: String::new(),
            text: String::new(),
        });
    }
    source.extend(tail);
    if footer.is_none() {
        if let Some(k) = body::trailing_leftover(&source) {
            let l = source.remove(k);
            report.remove(
                l.no,
                &l.text,
                "short line after the final paragraph (page leftover)",
            );
        }
    }
    let kept = body::remove_leftovers(&source, &mut report);
    report.body_lines = ranges(&source);
    let mut body_md = if kept.iter().all(Line::is_blank) {
        String::new()
    } else {
        body::to_markdown(&kept, is_docx)
    };
    if !footnotes.is_empty() {
        body_md = format!("{}\n\n{footnotes}\n", body_md.trim_end());
    }

    let issuer_line = report.line_of("issuer").unwrap_or(0);
    let suggested_dir =
        jurisdiction::suggest(&fm, issuer_line, &lines[start..body_end]).map(|(dir, no, how)| {
            report.found("suggested_dir", &format!("{dir} ({how})"), no);
            dir
        });
    mark_sources(&mut report);
    not_found(&fm, suggested_dir.is_some(), &mut report);
    let suggested_file_name = file_name(&fm, name);
    let own_numbers = fm_numbers(&fm, &panel);
    Ok(Imported {
        source: PathBuf::from(name),
        front_matter: fm,
        body: body_md,
        suggested_dir,
        suggested_file_name,
        own_numbers,
        report,
    })
}

fn fm_numbers(fm: &FrontMatter, panel: &web::Panel) -> Vec<String> {
    fm.number
        .iter()
        .chain(panel.number.iter().map(|(n, _)| n))
        .cloned()
        .collect()
}

/// Says where each value came from: the header (the default), the closing
/// block, the body (a headline) or inference (a kind from the number, a
/// folder from the issuer).
fn mark_sources(report: &mut Report) {
    for f in &mut report.found {
        if f.source != "header" {
            continue;
        }
        if f.field == "suggested_dir" || f.value.contains("(from the number)") {
            f.source = "inferred".into();
        } else if f.field.starts_with("signer") || f.field.starts_with("recipients") {
            f.source = "closing block".into();
        }
    }
}

/// The metadata panel fills what the document's own text did not give:
/// its number, date, kind (unless "Văn bản khác") and signer; its issuer
/// only when there is no header at all (a panel names the province, not
/// the body as the header writes it).
fn apply_panel(panel: &web::Panel, has_header: bool, fm: &mut FrontMatter, report: &mut Report) {
    let from = |field: &str, value: &str, no: usize, report: &mut Report| {
        report.found(field, value, no);
        report.source(field, "metadata panel");
    };
    if let (None, Some((v, no))) = (&fm.number, &panel.number) {
        if v.contains('/') {
            fm.number = Some(DocNumber::new(v).written);
            from("number", v, *no, report);
        }
    }
    if let (None, Some((v, no))) = (&fm.issued, &panel.issued) {
        if let Some(d) = header::numeric_date(v) {
            fm.issued = Some(d);
            from("issued", &d.iso(), *no, report);
        }
    }
    if let (None, Some((v, no))) = (&fm.kind, &panel.kind) {
        if let Some(k) = header::kind_line(&v.to_uppercase()) {
            fm.kind = Some(k);
            from("kind", k.slug, *no, report);
        }
    }
    if !has_header {
        if let (None, Some((v, no))) = (&fm.issuer, &panel.issuer) {
            fm.issuer = Some(v.clone());
            from("issuer", v, *no, report);
        }
    }
    let signer = fm.signer.get_or_insert_with(Signer::default);
    if let (None, Some((v, no))) = (&signer.name, &panel.signer) {
        signer.name = Some(v.clone());
        from("signer.name", v, *no, report);
    }
    if fm.signer == Some(Signer::default()) {
        fm.signer = None;
    }
}

/// A posting time glued to a news headline: "… Đông Anh (14:01 19/08/2019)".
static GLUED_TIME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"\s*\((?:\d{1,2}:\d{2}\s+)?(\d{1,2}/\d{1,2}/\d{4})(?:\s+\d{1,2}:\d{2})?\)\s*$",
    )
    .expect("static regex")
});

/// A posting-time line under a headline: "01/08/2020 - 21:37",
/// "19/08/2019 14:01", "Thứ hai, 19/08/2019".
static POSTED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:[\p{L} ]{2,12},\s*)?(\d{1,2}/\d{1,2}/\d{4})(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*(?:GMT|SA|CH)\S*)?$")
        .expect("static regex")
});

/// Without a header, a lone short first line set apart by a blank line
/// and followed by a paragraph is the document's title: a news headline
/// (the post is `tin-bai`, dated by its posting time when the page shows
/// one) or the title of a headerless report ("Báo cáo …").
/// Returns the index where the body starts.
fn untitled_start(lines: &[Line], fm: &mut FrontMatter, report: &mut Report) -> usize {
    let Some(first) = lines.iter().position(|l| !l.is_blank()) else {
        return 0;
    };
    let written = &lines[first].text;
    let glued = GLUED_TIME.captures(written);
    let t = match &glued {
        Some(c) => written[..c.get(0).map_or(written.len(), |m| m.start())].to_string(),
        None => written.clone(),
    };
    let blank_after = lines.get(first + 1).is_some_and(Line::is_blank);
    // The posting time and a byline may sit between headline and lead.
    let mut posted = glued.and_then(|c| header::numeric_date(&c[1]).map(|d| (d, lines[first].no)));
    let mut next = first + 1;
    while let Some(k) = lines[next.min(lines.len())..]
        .iter()
        .position(|l| !l.is_blank())
        .map(|k| k + next)
    {
        let l = &lines[k].text;
        if let Some(c) = POSTED.captures(l) {
            posted = posted.or(header::numeric_date(&c[1]).map(|d| (d, lines[k].no)));
        } else if l.chars().count() > 40 || lines::ends_clause(l) {
            break;
        }
        next = k + 1;
    }
    let next_para = lines[next.min(lines.len())..]
        .iter()
        .find(|l| !l.is_blank());
    let ok = blank_after
        && t.chars().count() <= 200
        && !t.trim_end().ends_with([':', ';', ','])
        && !lines::is_structural(&t)
        && next_para.is_some_and(|p| p.text.chars().count() >= 120);
    if !ok {
        return 0;
    }
    report.found("title", &t, lines[first].no);
    report.source("title", "headline");
    let kind = named_kind(&t).or_else(|| Kind::by_slug("tin-bai"));
    if let Some(k) = kind {
        report.found("kind", k.slug, lines[first].no);
        report.source("kind", "inferred");
        fm.kind = Some(k);
    }
    if let Some((d, no)) = posted.filter(|_| kind.is_some_and(|k| k.is_news())) {
        report.found("issued", &d.iso(), no);
        report.source("issued", "posting time");
        fm.issued = Some(d);
    }
    fm.title = Some(t);
    first + 1
}

/// The kind a headline starts with ("Báo cáo công tác …" → bao-cao), when
/// the next word is not a number (a headline about a numbered document).
fn named_kind(title: &str) -> Option<Kind> {
    let f = text::fold(title);
    crate::model::kind::KINDS
        .iter()
        .filter(|k| !k.is_news())
        .filter(|k| {
            let name = text::fold(k.name);
            f.strip_prefix(&name).is_some_and(|rest| {
                rest.starts_with(' ')
                    && !rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
                    && !rest.trim_start().starts_with("so ")
            })
        })
        .max_by_key(|k| k.name.len())
        .copied()
}

fn ranges(lines: &[Line]) -> Vec<[usize; 2]> {
    let mut out: Vec<[usize; 2]> = Vec::new();
    for l in lines.iter().filter(|l| l.no > 0) {
        match out.last_mut() {
            Some(r) if r[1] + 1 == l.no => r[1] = l.no,
            _ => out.push([l.no, l.no]),
        }
    }
    out
}

fn not_found(fm: &FrontMatter, dir: bool, report: &mut Report) {
    let signer = fm.signer.as_ref();
    let checks: [(&str, bool); 10] = [
        ("title", fm.title.is_some()),
        ("kind", fm.kind.is_some()),
        ("number", fm.number.is_some()),
        ("issued", fm.issued.is_some()),
        ("issuer", fm.issuer.is_some()),
        ("place", fm.place.is_some()),
        ("recipients", !fm.recipients.is_empty()),
        (
            "signer.position",
            signer.is_some_and(|s| s.position.is_some()),
        ),
        ("signer.name", signer.is_some_and(|s| s.name.is_some())),
        ("suggested_dir", dir),
    ];
    for (field, ok) in checks {
        if !ok {
            report.not_found.push(field.to_string());
        }
    }
    if fm.kind.is_some_and(|k| k.slug == "cong-van") && fm.addressees.is_empty() {
        report.not_found.push("addressees".into());
    }
}

/// "6861-kh-ubnd-2019.md" for a numbered document (numbers restart every
/// year), else the title's first words, else the source file's name.
fn file_name(fm: &FrontMatter, source: &str) -> String {
    let number = fm.number.as_deref().map(DocNumber::new);
    let stem = match number.filter(|n| n.serial().is_some()) {
        Some(n) => {
            let mut s = slugify(&n.written);
            if let (None, Some(d)) = (n.year(), fm.issued) {
                s = format!("{s}-{}", d.year);
            }
            s
        }
        None => {
            let t = fm.title.as_deref().map(slugify).unwrap_or_default();
            let mut cut = String::new();
            for w in t.split('-') {
                if !cut.is_empty() && cut.len() + w.len() + 1 > 60 {
                    break;
                }
                if !cut.is_empty() {
                    cut.push('-');
                }
                cut.push_str(w);
            }
            if cut.is_empty() {
                let stem = Path::new(source)
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("");
                slugify(stem)
            } else {
                cut
            }
        }
    };
    let stem = if stem.is_empty() {
        "van-ban".to_string()
    } else {
        stem
    };
    format!("{stem}.md")
}
