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

pub use frontmatter::{FrontMatter, Signer};
pub use report::{FieldFound, Removed, Report};

use crate::model::DocNumber;
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

/// Decodes a text file to Unicode, returning the text and the encoding name.
fn decode(bytes: &[u8], from: SourceEncoding) -> Result<(String, String), String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf8 = std::str::from_utf8(bytes).ok();
    let as_text = || utf8.map_or_else(|| legacy::cp1252_to_string(bytes), str::to_string);
    Ok(match from {
        SourceEncoding::Utf8 => (
            utf8.ok_or("not valid UTF-8 (try the TCVN3 or VNI option)")?
                .to_string(),
            "utf-8".into(),
        ),
        SourceEncoding::Tcvn3 => (legacy::decode_tcvn3(&as_text()), "tcvn3".into()),
        SourceEncoding::Vni => (legacy::decode_vni(&as_text()), "vni".into()),
        SourceEncoding::Auto => convert_detected(
            as_text(),
            if utf8.is_some() {
                "utf-8"
            } else {
                "windows-1252"
            },
        ),
    })
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
        let (t, e) = decode(bytes, opts.from).map_err(|p| err(p.to_string()))?;
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
    let lines = split_lines(&text);
    let n = lines.len();

    let header = header::parse(&lines, &mut fm, &mut report);
    let mut start = header.end;
    if header.end == 0 {
        start = untitled_start(&lines, &mut fm, &mut report);
    }
    let footer = footer::parse(&lines, start, &mut fm, &mut report);
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
    not_found(&fm, suggested_dir.is_some(), &mut report);
    let suggested_file_name = file_name(&fm, name);
    Ok(Imported {
        source: PathBuf::from(name),
        front_matter: fm,
        body: body_md,
        suggested_dir,
        suggested_file_name,
        report,
    })
}

/// Without a header, a lone short first line set apart by a blank line
/// and followed by a paragraph is the document's title (a news headline).
/// Returns the index where the body starts.
fn untitled_start(lines: &[Line], fm: &mut FrontMatter, report: &mut Report) -> usize {
    let Some(first) = lines.iter().position(|l| !l.is_blank()) else {
        return 0;
    };
    let t = &lines[first].text;
    let blank_after = lines.get(first + 1).is_some_and(Line::is_blank);
    let next_para = lines[first + 1..].iter().find(|l| !l.is_blank());
    let ok = blank_after
        && t.chars().count() <= 150
        && !lines::ends_clause(t)
        && !lines::is_structural(t)
        && next_para.is_some_and(|p| p.text.chars().count() >= 200);
    if !ok {
        return 0;
    }
    report.found("title", t, lines[first].no);
    fm.title = Some(t.clone());
    first + 1
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
