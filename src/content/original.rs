//! The original file of a document: the signed PDF (or Word file) as the
//! issuing body sent it. Portals offer it for download beside the text
//! (NĐ 42/2022 Điều 7), and under NĐ 30/2020 a digitally signed electronic
//! document has the value of the original, so the reader needs to get the
//! very bytes that were signed, with a fingerprint to compare.
//!
//! `original = "ke-hoach-6861.pdf"` in front matter names a file beside the
//! content file. Loading reads it once: its size, type, SHA-256 and, for a
//! PDF, what its signature dictionaries *say* (`/Name`, `/M`, `/Reason`,
//! `/Location`). Those are shown as read from the file; vanban does not
//! verify the signature, and the page says so.

use crate::diagnostics::Diagnostic;
use sha2::{Digest, Sha256};
use std::path::{Component, Path, PathBuf};

/// What front matter asked for, and, once the file was read, what it is.
#[derive(Debug, Clone)]
pub struct Original {
    /// As written in front matter, relative to the content file's folder.
    pub src: String,
    /// Where `original` stands in the content file.
    pub line: usize,
    pub col: usize,
    /// Filled in by [`inspect`]; `None` only in a site that failed to load.
    pub facts: Option<Facts>,
}

/// What the original file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The file, relative to the site root ("content/khanh-hoa/kh.pdf").
    pub path: PathBuf,
    /// Its name in the output, beside the page's `index.html`.
    pub published: String,
    pub size: u64,
    /// "application/pdf", …
    pub media_type: &'static str,
    /// "PDF", "Word", … for the download link.
    pub label: &'static str,
    /// Lower-case hex.
    pub sha256: String,
    /// Signature dictionaries found in a PDF, in file order.
    pub signatures: Vec<Signature>,
}

/// What one PDF signature dictionary says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    pub name: Option<String>,
    /// ISO 8601 in Vietnam time ("2019-07-12T08:30:00+07:00"), as NĐ
    /// 30/2020 Phụ lục I writes the signing time.
    pub time: Option<String>,
    pub reason: Option<String>,
    pub location: Option<String>,
}

/// File types a body issues documents in.
const TYPES: &[(&str, &str, &str)] = &[
    ("pdf", "application/pdf", "PDF"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    ("doc", "application/msword", "Word"),
    ("odt", "application/vnd.oasis.opendocument.text", "ODT"),
    ("rtf", "application/rtf", "RTF"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel",
    ),
    ("xls", "application/vnd.ms-excel", "Excel"),
];

/// Reads the original named by `original` of the document at `source`
/// (relative to `root`) and fills in its facts, or says what is wrong.
pub fn inspect(root: &Path, source: &Path, original: &mut Original) -> Option<Diagnostic> {
    let fail = |code: &'static str, message: String| {
        Some(Diagnostic::error(source, code, message).at(original.line, original.col))
    };
    let rel = Path::new(original.src.trim());
    let safe = !rel.as_os_str().is_empty()
        && rel
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !safe {
        return fail(
            "original-path",
            format!(
                "original \"{}\" must be a file beside the content file or in a folder below it (no \"..\", no absolute path)",
                original.src
            ),
        );
    }
    let ext = rel
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let Some(&(_, media_type, label)) = TYPES.iter().find(|(e, _, _)| *e == ext) else {
        let known: Vec<&str> = TYPES.iter().map(|t| t.0).collect();
        return fail(
            "original-type",
            format!(
                "original \"{}\" is not a document file: expected one of .{}",
                original.src,
                known.join(", .")
            ),
        );
    };
    let path = source.parent().unwrap_or(Path::new("")).join(rel);
    let bytes = match std::fs::read(root.join(&path)) {
        Ok(b) => b,
        Err(e) => {
            return fail(
                "original-missing",
                format!(
                    "original file {} cannot be read ({e}): put the received file beside the content file",
                    path.display()
                ),
            )
        }
    };
    let signatures = if ext == "pdf" {
        pdf_signatures(&bytes)
    } else {
        Vec::new()
    };
    original.facts = Some(Facts {
        published: published_name(rel, &ext),
        path,
        size: bytes.len() as u64,
        media_type,
        label,
        sha256: crate::text::hex(&Sha256::digest(&bytes)),
        signatures,
    });
    None
}

/// The file's name in the output: its own stem as a slug, so that a name
/// with spaces or diacritics still makes a plain address.
fn published_name(rel: &Path, ext: &str) -> String {
    let stem = rel
        .file_stem()
        .map(|s| crate::text::slugify(&s.to_string_lossy()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "ban-goc".to_string());
    format!("{stem}.{ext}")
}

/// Every signature dictionary (`/Type /Sig`, or one with `/ByteRange`) of a
/// PDF. A file lopdf cannot parse has none: the download still works.
pub fn pdf_signatures(bytes: &[u8]) -> Vec<Signature> {
    let Ok(doc) = lopdf::Document::load_mem(bytes) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        let is_sig = dict
            .get(b"Type")
            .and_then(|t| t.as_name())
            .is_ok_and(|n| n == b"Sig" || n == b"DocTimeStamp")
            || dict.has(b"ByteRange");
        if !is_sig || !dict.has(b"Contents") {
            continue;
        }
        let text = |key: &[u8]| {
            dict.get(key)
                .ok()
                .and_then(|o| lopdf::decode_text_string(o).ok())
                .map(|s| crate::text::nfc(s.trim()))
                .filter(|s| !s.is_empty())
        };
        out.push(Signature {
            name: text(b"Name"),
            time: text(b"M").and_then(|m| pdf_date_in_vietnam(&m)),
            reason: text(b"Reason"),
            location: text(b"Location"),
        });
    }
    out
}

/// A PDF date ("D:20190712013000Z", "D:20190712083000+07'00'") as ISO 8601
/// in Vietnam time (UTC+7). `None` when it is not a date.
pub fn pdf_date_in_vietnam(text: &str) -> Option<String> {
    let s = text.trim().strip_prefix("D:").unwrap_or(text.trim());
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() < 8 {
        return None;
    }
    let field = |from: usize, len: usize, default: i64| -> Option<i64> {
        match digits.get(from..from + len) {
            Some(d) => d.parse().ok(),
            None if from >= digits.len() => Some(default),
            None => None,
        }
    };
    let (y, mo, d) = (field(0, 4, 0)?, field(4, 2, 1)?, field(6, 2, 1)?);
    let (h, mi, se) = (field(8, 2, 0)?, field(10, 2, 0)?, field(12, 2, 0)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let offset = pdf_offset_minutes(&s[digits.len()..])?;
    let days = crate::output::feeds::days_from_civil(y, mo as u32, d as u32);
    let minutes = days * 1440 + h * 60 + mi - offset + 7 * 60;
    let (y, mo, d) = crate::new::civil_from_days(minutes.div_euclid(1440));
    let m = minutes.rem_euclid(1440);
    Some(format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{se:02}+07:00",
        m / 60,
        m % 60
    ))
}

/// The offset after a PDF date's digits, in minutes east of UTC: "Z",
/// "+07'00'", "-05'00", or nothing (taken as Vietnam time, where the
/// document was signed).
fn pdf_offset_minutes(rest: &str) -> Option<i64> {
    let rest = rest.trim();
    let sign = match rest.chars().next() {
        None => return Some(7 * 60),
        Some('Z') | Some('z') => return Some(0),
        Some('+') => 1,
        Some('-') => -1,
        Some(_) => return None,
    };
    let digits: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
    let hours: i64 = digits.get(0..2)?.parse().ok()?;
    let minutes: i64 = digits.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
    Some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_become_vietnam_time() {
        let cases = [
            ("D:20190712083000+07'00'", "2019-07-12T08:30:00+07:00"),
            ("D:20190712013000Z", "2019-07-12T08:30:00+07:00"),
            ("D:20191231200000Z", "2020-01-01T03:00:00+07:00"),
            ("D:20200229235959-01'00'", "2020-03-01T07:59:59+07:00"),
            ("D:20190712", "2019-07-12T00:00:00+07:00"),
        ];
        for (pdf, iso) in cases {
            assert_eq!(pdf_date_in_vietnam(pdf).as_deref(), Some(iso), "{pdf}");
        }
        assert_eq!(pdf_date_in_vietnam("hôm qua"), None);
        assert_eq!(pdf_date_in_vietnam("D:20191341"), None);
    }

    #[test]
    fn published_names_are_plain_addresses() {
        assert_eq!(
            published_name(Path::new("Kế hoạch 6861 ký số.PDF"), "pdf"),
            "ke-hoach-6861-ky-so.pdf"
        );
    }
}
