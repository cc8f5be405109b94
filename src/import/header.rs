//! The header block of Nghị định 30/2020/NĐ-CP: issuing body (and parent),
//! Quốc hiệu and Tiêu ngữ, number, place and date, kind and trích yếu, and
//! the "Kính gửi:" list of a công văn. Everything is taken as written.

use super::frontmatter::FrontMatter;
use super::lines::{
    ends_clause, is_all_caps, is_pipe_leftover, is_rule, marker, parse_list, starts_with_folded,
    Line,
};
use super::report::Report;
use crate::model::{DocNumber, Kind, PartialDate};
use crate::text::fold;
use regex::Regex;
use std::sync::OnceLock;

/// How far down a header can reach, in non-blank lines.
const HEADER_SPAN: usize = 40;

/// Inferred issuer lines, kept for the jurisdiction guess.
#[derive(Debug, Default)]
pub struct Header {
    /// Index of the first body line.
    pub end: usize,
}

fn number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^(?i:số|so)\s*:\s*(.*)$").expect("static regex"))
}

fn date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"^(?:(?P<place>[^,\d|]{2,40}),\s*)?(?:(?i:ngày)\s*(?P<d>\d{1,2})?\s*(?i:tháng)\s*(?P<m>\d{1,2})?\s*(?i:năm)\s*(?P<y>\d{4})|(?i:ngày\s*)?(?P<nd>\d{1,2})\s*[/.-]\s*(?P<nm>\d{1,2})\s*[/.-]\s*(?P<ny>\d{4}))\s*[.|]?$",
        )
        .expect("static regex")
    })
}

fn vv_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^(?:V/v|V/V|v/v)\s*\S").expect("static regex"))
}

/// The Quốc hiệu, or a piece of it when a conversion broke it over lines
/// ("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM"). Never an issuer.
fn is_quoc_hieu(t: &str) -> bool {
    let f = fold(t);
    let f = f.trim_end_matches(['|', ' ']);
    f.starts_with("cong hoa xa hoi")
        || f == "cong hoa"
        || f.starts_with("chu nghia viet nam")
        || f == "xa hoi chu nghia viet nam"
        || f == "nghia viet nam"
}

/// "31/12/2020", "5.9.2016", "ngày 31/12/2020": a numeric date.
pub fn numeric_date(t: &str) -> Option<PartialDate> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| {
        Regex::new(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$").expect("static regex")
    });
    let c = re.captures(t.trim())?;
    let day: u8 = c[1].parse().ok()?;
    let month: u8 = c[2].parse().ok()?;
    PartialDate::new(c[3].parse().ok()?, Some(month), Some(day))
}

/// The Tiêu ngữ, or a piece of it ("Độc lập -" / "Tự do - Hạnh phúc").
fn is_tieu_ngu(t: &str) -> bool {
    let f = fold(t);
    let f = f.trim_matches(['|', ' ', '-', '–']);
    (f.contains("doc lap") && f.contains("tu do") && f.contains("hanh phuc"))
        || f == "doc lap"
        || (f.starts_with("tu do") && f.contains("hanh phuc"))
        || f == "hanh phuc"
}

/// A kind line: all capitals and starting with a kind's name ("KẾ HOẠCH",
/// "BÁO CÁO SƠ KẾT"). Longer names are tried first ("THÔNG TƯ LIÊN TỊCH").
pub fn kind_line(t: &str) -> Option<Kind> {
    if !is_all_caps(t) || t.chars().count() > 60 {
        return None;
    }
    let mut kinds: Vec<&Kind> = crate::model::kind::KINDS
        .iter()
        .filter(|k| !k.is_news())
        .collect();
    kinds.sort_by_key(|k| std::cmp::Reverse(k.name.len()));
    kinds
        .into_iter()
        .find(|k| starts_with_folded(t, &fold(k.name)))
        .copied()
}

fn is_addressee_label(t: &str) -> bool {
    starts_with_folded(t, "kinh gui")
}

/// Words that start the name of an administrative unit.
const UNIT_WORDS: &[&str] = &[
    "tinh",
    "thanh pho",
    "huyen",
    "quan",
    "thi xa",
    "thi tran",
    "xa",
    "phuong",
];

fn starts_with_unit(t: &str) -> bool {
    UNIT_WORDS.iter().any(|w| starts_with_folded(t, w))
}

fn has_unit(t: &str) -> bool {
    let f = format!(" {} ", fold(t));
    UNIT_WORDS.iter().any(|w| f.contains(&format!(" {w} ")))
}

/// A body name cut mid-phrase by a conversion: "ỦY" / "BAN NHÂN DÂN",
/// "HỘI ĐỒNG NHÂN" / "DÂN", "CHỦ TỊCH ỦY BAN" / "NHÂN DÂN".
fn name_unfinished(t: &str) -> bool {
    let f = fold(t);
    let last = f.split_whitespace().last().unwrap_or("");
    matches!(
        last,
        "uy" | "ban" | "nhan" | "hoi" | "dong" | "chu" | "tich" | "thuong" | "vu" | "thu"
    ) && !f.ends_with("thuong vu quoc hoi")
}

/// "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN" with no unit after it: the
/// header lost its second row, so it names no issuer by itself.
fn is_bare_council(t: &str) -> bool {
    let f = fold(t);
    let f = f.trim_start_matches("chu tich ").trim();
    f == "uy ban nhan dan" || f == "hoi dong nhan dan" || f == "ubnd" || f == "hdnd"
}

/// Groups the capital lines above the Quốc hiệu into bodies: a line that
/// starts with a unit ("TỈNH KHÁNH HÒA") completes a body that names none
/// yet ("ỦY BAN NHÂN DÂN"); otherwise a line starts a new body.
fn group_bodies(lines: &[(String, usize)]) -> Vec<(String, usize)> {
    let mut bodies: Vec<(String, usize)> = Vec::new();
    for (t, no) in lines {
        match bodies.last_mut() {
            Some((prev, _))
                if !has_unit(prev)
                    && (starts_with_unit(t) || !is_all_caps(t) || name_unfinished(prev)) =>
            {
                prev.push(' ');
                prev.push_str(t);
            }
            _ => bodies.push((t.clone(), *no)),
        }
    }
    bodies
}

/// The all-capitals line in the few lines after `from` that repeats the
/// bare body name with its unit ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG").
fn authority_line(lines: &[Line], from: usize, bare: &str) -> Option<(String, usize)> {
    let f = fold(bare);
    let f = f.trim_start_matches("chu tich ").trim();
    lines[from.min(lines.len())..]
        .iter()
        .filter(|l| !l.is_blank())
        .take(4)
        .find(|l| {
            let t = fold(&l.text);
            is_all_caps(&l.text)
                && t.trim_start_matches("chu tich ").starts_with(f)
                && has_unit(&l.text)
        })
        .map(|l| (l.text.clone(), l.no))
}

/// The line naming who enacts, between the trích yếu and the preamble of
/// a decision or resolution ("ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "CHỦ TỊCH ỦY
/// BAN NHÂN DÂN TỈNH", "BỘ TRƯỞNG BỘ NỘI VỤ", "CHÍNH PHỦ").
fn is_authority(t: &str) -> bool {
    const STARTS: &[&str] = &[
        "uy ban nhan dan",
        "uy ban thuong vu",
        "hoi dong nhan dan",
        "chu tich uy ban",
        "chu tich ubnd",
        "chinh phu",
        "thu tuong chinh phu",
        "bo truong",
        "giam doc so",
        "quoc hoi",
    ];
    let f = fold(t);
    is_all_caps(t) && t.chars().count() <= 70 && STARTS.iter().any(|s| f.starts_with(s))
}

fn next_non_blank(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len().min(from + 3)).find(|&k| !lines[k].is_blank())
}

/// A date line read: its place, its date, and the index after it.
struct DateLine {
    place: Option<String>,
    date: Option<PartialDate>,
    end: usize,
}

/// The date line at `i`, or the date line a conversion broke over up to
/// three lines ("Sơn" / "La, ngày 16 tháng 11" / "năm 2018").
fn date_lines(lines: &[Line], i: usize) -> Option<DateLine> {
    let mut text = lines[i].text.clone();
    let mut k = i;
    for _ in 0..3 {
        if let Some(c) = date_re().captures(&text) {
            let num = |a: &str, b: &str| {
                c.name(a)
                    .or_else(|| c.name(b))
                    .and_then(|m| m.as_str().parse::<u16>().ok())
            };
            let year = num("y", "ny").unwrap_or(0);
            let month = num("m", "nm").and_then(|m| u8::try_from(m).ok());
            let day = num("d", "nd").and_then(|d| u8::try_from(d).ok());
            return Some(DateLine {
                place: c.name("place").map(|p| p.as_str().trim().to_string()),
                date: PartialDate::new(year, month, day.filter(|_| month.is_some())),
                end: k + 1,
            });
        }
        let next = next_non_blank(lines, k + 1)?;
        let t = &lines[next].text;
        if t.chars().count() > 40 || is_quoc_hieu(t) || number_re().is_match(t) {
            return None;
        }
        text = format!("{text} {t}");
        k = next;
    }
    None
}

/// Reads the header from the top of `lines`, filling `fm` and `report`.
pub fn parse(lines: &[Line], fm: &mut FrontMatter, report: &mut Report) -> Header {
    let mut i = 0;
    let mut issuer_lines: Vec<(String, usize)> = Vec::new();
    let mut recognised = false;
    let mut seen = 0;
    let mut kind_line_no = None;
    while i < lines.len() && seen < HEADER_SPAN {
        let line = &lines[i];
        let t = line.text.as_str();
        if line.is_blank() {
            i += 1;
            continue;
        }
        seen += 1;
        if is_pipe_leftover(t) {
            report.remove(line.no, t, "table-layout leftover");
            i += 1;
            continue;
        }
        if is_rule(t) && (recognised || !issuer_lines.is_empty()) {
            report.remove(line.no, t, "header rule");
            i += 1;
            continue;
        }
        // "CỘNG" alone then "HÒA XÃ HỘI …": a heading broken by conversion.
        let joined_qh = lines
            .get(i + 1)
            .map(|n| format!("{t} {}", n.text))
            .filter(|j| is_quoc_hieu(j) && !is_quoc_hieu(t));
        if is_quoc_hieu(t) || joined_qh.is_some() {
            recognised = true;
            i += if joined_qh.is_some() { 2 } else { 1 };
            continue;
        }
        if is_tieu_ngu(t) {
            recognised = true;
            i += 1;
            continue;
        }
        if let Some(c) = number_re().captures(t) {
            recognised = true;
            let mut value = c[1]
                .trim()
                .trim_end_matches(['*', '_', '|'])
                .trim()
                .to_string();
            let mut next = i + 1;
            if value.is_empty() {
                // "Số:" in one cell, the number on the next line.
                if let Some(k) = next_non_blank(lines, i + 1) {
                    let v = lines[k].text.trim_end_matches(['|', ' ']);
                    if v.contains('/') && !v.contains(' ') {
                        value = v.to_string();
                        next = k + 1;
                    }
                }
            }
            if value.contains(['/', '-']) && fm.number.is_none() {
                fm.number = Some(DocNumber::new(&value).written);
                report.found("number", &value, line.no);
            }
            i = next;
            continue;
        }
        if let Some(d) = date_lines(lines, i) {
            recognised = true;
            if let Some(place) = d.place {
                report.found("place", &place, line.no);
                fm.place = Some(place);
            }
            if let Some(date) = d.date {
                fm.issued = Some(date);
                report.found("issued", &date.iso(), line.no);
            }
            i = d.end;
            continue;
        }
        if vv_re().is_match(t) && fm.title.is_none() {
            recognised = true;
            let (title, next) = collect_title(lines, i, false);
            report.found("title", &title, line.no);
            fm.title = Some(title);
            if fm.kind.is_none() {
                fm.kind = Kind::by_slug("cong-van");
                report.found(
                    "kind",
                    "cong-van (\"V/v\" trích yếu of a công văn)",
                    line.no,
                );
            }
            i = next;
            continue;
        }
        if is_addressee_label(t) {
            recognised = true;
            let rest = t.split_once(':').map_or("", |(_, r)| r).trim();
            let mut items: Vec<(String, usize)> = Vec::new();
            if !rest.is_empty() {
                items.push((
                    rest.trim_start_matches(['-', '+', ' ']).to_string(),
                    line.no,
                ));
            }
            let (more, next) = parse_list(lines, i + 1);
            items.extend(more);
            if !items.is_empty() {
                report.found(
                    "addressees",
                    &items
                        .iter()
                        .map(|(s, _)| s.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                    line.no,
                );
                fm.addressees = items.into_iter().map(|(s, _)| s).collect();
            }
            i = next;
            continue;
        }
        if let Some(kind) = kind_line(t) {
            if kind_line_no.is_none() && fm.title.is_none() {
                recognised = true;
                kind_line_no = Some(line.no);
                report.found("kind", kind.slug, line.no);
                fm.kind = Some(kind);
                if fold(t) != fold(kind.name) {
                    fm.kind_heading = Some(t.to_string());
                    report.found("kind_heading", t, line.no);
                }
                // The trích yếu follows the kind line, after blank lines.
                let mut j = i + 1;
                while j < lines.len() && lines[j].is_blank() && j <= i + 2 {
                    j += 1;
                }
                if j < lines.len() && is_title_start(lines, j) {
                    let (title, next) = collect_title(lines, j, true);
                    report.found("title", &title, lines[j].no);
                    fm.title = Some(title);
                    i = next;
                } else {
                    i += 1;
                }
                continue;
            }
        }
        // A trích yếu in capitals right under the number and date, its kind
        // line lost in the copy (the kind then comes from the number).
        if recognised
            && fm.title.is_none()
            && kind_line_no.is_none()
            && fm.number.is_some()
            && is_all_caps(t)
            && !is_authority(t)
            && marker(t).is_none()
        {
            let (title, next) = collect_title(lines, i, true);
            report.found("title", &title, line.no);
            fm.title = Some(title);
            i = next;
            continue;
        }
        // Capital lines before anything else is recognised name the issuer.
        if !recognised && is_all_caps(t) && t.chars().count() <= 80 && marker(t).is_none() {
            issuer_lines.push((t.to_string(), line.no));
            i += 1;
            continue;
        }
        break;
    }
    if !recognised {
        // No header at all: nothing was taken, the body starts at the top.
        for l in lines.iter().take(i) {
            report.unremove(l.no);
        }
        return Header { end: 0 };
    }
    let mut bodies = group_bodies(&issuer_lines);
    if let Some(k) = bodies.iter().position(|(b, _)| is_bare_council(b)) {
        // The unit's row was lost: the authority line under the trích yếu
        // ("ỦY BAN NHÂN DÂN TỈNH HÀ NAM") names the body in full, else no
        // issuer is known.
        match authority_line(lines, i, &bodies[k].0) {
            Some(full) => bodies[k] = full,
            None => {
                bodies.truncate(k);
            }
        }
    }
    if let Some((issuer, no)) = bodies.last() {
        fm.issuer = Some(issuer.clone());
        report.found("issuer", issuer, *no);
        if bodies.len() > 1 {
            let parent: Vec<&str> = bodies[..bodies.len() - 1]
                .iter()
                .map(|(s, _)| s.as_str())
                .collect();
            let parent = parent.join(" ");
            report.found("issuer_parent", &parent, bodies[0].1);
            fm.issuer_parent = Some(parent);
        }
    }
    if fm.kind.is_none() {
        if let Some(n) = &fm.number {
            if let Some(k) = DocNumber::new(n).implied_kind() {
                let no = report.line_of("number").unwrap_or(0);
                report.found("kind", &format!("{} (from the number)", k.slug), no);
                fm.kind = Some(k);
            }
        }
    }
    Header { end: i }
}

/// Whether the line at `j` can start a trích yếu: not a body heading, not a
/// long paragraph of body text.
fn is_title_start(lines: &[Line], j: usize) -> bool {
    let t = &lines[j].text;
    if marker(t).is_some() || t.is_empty() {
        return false;
    }
    if is_all_caps(t) || lines[j].raw.trim_start().starts_with("**") {
        return true;
    }
    let f = fold(t);
    if f.starts_with("ve viec") || f.starts_with("v/v") {
        return true;
    }
    // A short line set apart by a blank line.
    let (title, next) = collect_title(lines, j, true);
    title.chars().count() <= 250 && lines.get(next).is_none_or(|l| l.is_blank())
}

/// Collects a trích yếu starting at `start`: a run of capital lines when it
/// starts in capitals ("TRIỂN" / "KHAI THỰC HIỆN …" is one heading), the
/// bold span when it is bold, otherwise the lines up to a blank line.
fn collect_title(lines: &[Line], start: usize, after_kind: bool) -> (String, usize) {
    let first = &lines[start];
    let caps = is_all_caps(&first.text);
    let bold = first.raw.trim_start().starts_with("**");
    let mut parts = vec![first.text.clone()];
    let mut i = start + 1;
    let bold_closed = |raw: &str| raw.trim_end().ends_with("**");
    let mut closed = bold && bold_closed(&first.raw) && first.raw.trim().len() > 2;
    while i < lines.len() && parts.len() < 6 {
        let l = &lines[i];
        if l.is_blank() || is_pipe_leftover(&l.text) {
            break;
        }
        let t = &l.text;
        if is_quoc_hieu(t) || is_tieu_ngu(t) || number_re().is_match(t) || date_re().is_match(t) {
            break;
        }
        if is_addressee_label(t) || marker(t).is_some() || is_authority(t) {
            break;
        }
        if caps {
            if !is_all_caps(t) {
                break;
            }
        } else if bold {
            if closed {
                break;
            }
            closed = bold_closed(&l.raw);
        } else if ends_clause(parts.last().map_or("", |s| s)) && after_kind {
            break;
        }
        parts.push(t.clone());
        i += 1;
    }
    (parts.join(" "), i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::split_lines;

    fn parse_text(text: &str) -> (FrontMatter, Report, usize) {
        let mut fm = FrontMatter::default();
        let mut report = Report::default();
        let h = parse(&split_lines(text), &mut fm, &mut report);
        (fm, report, h.end)
    }

    #[test]
    fn parent_body_above_the_issuer() {
        let (fm, report, _) = parse_text(
            "UBND TỈNH KHÁNH HÒA\nSỞ NỘI VỤ\nSố: 494/SNV-CCVC\nV/v báo cáo sơ kết\nKhánh Hòa, ngày   tháng 3 năm 2022\n\nNội dung.",
        );
        assert_eq!(fm.issuer_parent.as_deref(), Some("UBND TỈNH KHÁNH HÒA"));
        assert_eq!(fm.issuer.as_deref(), Some("SỞ NỘI VỤ"));
        assert_eq!(fm.issued.map(|d| d.iso()).as_deref(), Some("2022-03"));
        assert_eq!(fm.kind.map(|k| k.slug), Some("cong-van"));
        assert_eq!(report.line_of("issuer_parent"), Some(1));
    }

    #[test]
    fn blank_serial_is_kept_and_unknown_text_is_not_a_header() {
        let (fm, _, _) = parse_text("Số: /BC-UBND\n\nBÁO CÁO\n\nVề việc thử\n\nThân bài.");
        assert_eq!(fm.number.as_deref(), Some("/BC-UBND"));
        assert_eq!(fm.kind_heading, None);
        let (fm, report, end) = parse_text("Một đoạn văn.\n");
        assert_eq!(fm, FrontMatter::default());
        assert!(report.found.is_empty());
        assert_eq!(end, 0);
    }
}
