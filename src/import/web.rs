//! What a web copy adds around a document: page chrome ("Đăng nhập",
//! "Đang tải văn bản...", menus, comment forms), a legal portal's metadata
//! panel ("Thuộc tính văn bản": Số hiệu, Loại văn bản, Người ký …) and the
//! table-layout pipes of a flattened header. Chrome is removed (and listed
//! in the report); the panel is read as metadata, never as body text or
//! citations, and is only a fallback for what the document itself says.

use super::lines::Line;
use super::report::Report;
use crate::text::fold;
use regex::Regex;
use std::sync::LazyLock;

/// Panel labels, folded, longest first so "ngay ban hanh" is not read as
/// "ban hanh". The value of each runs to the next label or the line's end.
const PANEL_LABELS: &[&str] = &[
    "thuoc tinh van ban",
    "so, ky hieu",
    "so ky hieu",
    "so hieu",
    "loai van ban",
    "noi ban hanh",
    "co quan ban hanh",
    "nguoi ky",
    "ngay ban hanh",
    "ngay co hieu luc",
    "ngay hieu luc",
    "ngay het hieu luc",
    "ngay dang cong bao",
    "ngay cong bao",
    "so cong bao",
    "tinh trang hieu luc",
    "tinh trang",
    "linh vuc",
    "chuc danh",
    "nguon thu nhap",
    "nganh",
    "nghanh",
];

/// What a metadata panel says, each value with its source line.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Panel {
    pub number: Option<(String, usize)>,
    pub kind: Option<(String, usize)>,
    pub issuer: Option<(String, usize)>,
    pub signer: Option<(String, usize)>,
    pub issued: Option<(String, usize)>,
}

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let mut labels: Vec<&str> = PANEL_LABELS.to_vec();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let alt = labels
        .iter()
        .map(|l| regex::escape(l).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(r"(?:^|[\s|])(?P<label>{alt})\s*:?(?:[\s|]|$)")).expect("panel labels")
});

/// Lines that are page furniture of a portal or news site, folded and
/// compared whole (or as a prefix where marked by a trailing '*').
const CHROME: &[&str] = &[
    "dang nhap",
    "dang ky",
    "dang xuat",
    "dang tai van ban...",
    "dang tai van ban",
    "tu khoa:*",
    "tu khoa :*",
    "chia se bai viet",
    "chia se",
    "tin lien quan",
    "tin lien quan:",
    "cac bai moi dang",
    "cac bai da dang :",
    "cac bai da dang:",
    "bai viet xem",
    "viet binh luan",
    "binh luan",
    "gui binh luan",
    "ho ten:(*)",
    "so dien thoai:",
    "tieu de:(*)",
    "noi dung:(*)",
    "email:",
    "ma xac nhan:",
    "in bai viet",
    "in",
    "luu",
    "bao loi",
    "ghi chu",
    "theo doi vb",
    "tai ve",
    "danh muc",
    "he thong phap luat",
    "you are on page*",
    "tai quyet dinh tai day!",
    "tai phu luc tai day!",
    "tong dai truc tuyen*",
    "de su dung toan bo tien ich*",
    "day la tien ich danh cho tai khoan*",
    "quay lai",
    "ve dau trang",
    "top",
];

fn is_chrome(text: &str) -> bool {
    let f = fold(text.trim());
    CHROME.iter().any(|c| match c.strip_suffix('*') {
        Some(prefix) => f.starts_with(prefix),
        None => f == *c,
    })
}

/// A line of a portal's menu bullets ("  • Tổng quan"), or text indented
/// inside one: the bullet and the indent are layout, not Markdown.
fn strip_bullet(raw: &str) -> Option<&str> {
    let t = raw.trim_start();
    t.strip_prefix('•').map(str::trim_start)
}

/// Splits the cells of a header table flattened with "|" onto one line
/// each ("ỦY BAN NHÂN DÂN | CỘNG HÒA … |") and drops the trailing pipe of a
/// cell ("Số: 18/CT-UBND |"). Only lines outside Markdown tables.
fn split_cells(line: &Line) -> Vec<Line> {
    let t = line.text.trim();
    if !t.contains('|') || t.starts_with('|') {
        return vec![line.clone()];
    }
    t.split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| Line {
            no: line.no,
            raw: c.to_string(),
            text: c.to_string(),
        })
        .collect()
}

/// Reads the panel line `t`: (folded label, value) pairs.
fn panel_fields(t: &str) -> Vec<(String, String)> {
    // One folded char per original char, so positions carry over.
    let orig: Vec<char> = t.chars().collect();
    let f: String = orig
        .iter()
        .map(|c| crate::text::fold_char(*c).unwrap_or(' '))
        .collect();
    let byte_to_char = |b: usize| f[..b].chars().count();
    let hits: Vec<(String, usize, usize)> = LABEL
        .captures_iter(&f)
        .filter_map(|c| {
            let l = c.name("label")?;
            let whole = c.get(0)?;
            Some((
                l.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
                byte_to_char(l.start()),
                byte_to_char(whole.end()),
            ))
        })
        .collect();
    let mut out = Vec::new();
    for (k, (label, _, value_start)) in hits.iter().enumerate() {
        let end = hits.get(k + 1).map_or(orig.len(), |h| h.1);
        let start = (*value_start).min(end);
        let value: String = orig[start..end].iter().collect();
        let value = value.trim_matches(|c: char| c == '|' || c == ':' || c.is_whitespace());
        out.push((label.clone(), value.to_string()));
    }
    out
}

/// A line that starts with a panel label (after table pipes).
fn starts_panel(t: &str) -> bool {
    let f = fold(t.trim_start_matches(['|', ' ']));
    PANEL_LABELS.iter().any(|l| {
        f.starts_with(l)
            && f[l.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn placeholder(v: &str) -> bool {
    let f = fold(v);
    v.is_empty()
        || f.starts_with("dang cap nhat")
        || f.starts_with("da biet")
        || f.starts_with("chua")
        || f == "khong"
}

/// Cleans the lines of a web copy: drops chrome, reads and drops the
/// metadata panel, splits flattened header cells and undoes menu bullets.
pub fn prepare(lines: Vec<Line>, report: &mut Report) -> (Vec<Line>, Panel) {
    let bulleted = lines
        .iter()
        .filter(|l| !l.is_blank())
        .filter(|l| strip_bullet(&l.raw).is_some())
        .count();
    let mut panel = Panel::default();
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut header_region = true;
    for mut line in lines {
        if bulleted >= 3 {
            if let Some(rest) = strip_bullet(&line.raw) {
                line.text = super::lines::strip_markup(rest);
                line.raw = rest.to_string();
            }
        }
        // Indentation is layout: never a Markdown code block.
        line.raw = line.raw.trim_start().to_string();
        if line.is_blank() {
            out.push(line);
            continue;
        }
        let t = line.text.clone();
        if is_chrome(&t) {
            report.remove(line.no, &t, "web page chrome");
            continue;
        }
        if header_region && starts_panel(&t) {
            if panel == Panel::default() {
                drop_page_title(&mut out, report);
            }
            read_panel(&t, line.no, &mut panel);
            report.remove(line.no, &t, "metadata panel (read as metadata)");
            continue;
        }
        // The panel sits above the document: its header ends the search.
        let f = fold(&t);
        if f.contains("cong hoa xa hoi") || f.starts_with("so:") || f.starts_with("so :") {
            header_region = false;
        }
        out.extend(split_cells(&line));
    }
    (out, panel)
}

/// The portal's own headline above its panel ("Kế hoạch 70/KH-UBND 2022
/// Chiến lược …") is the page's title, never the document's.
fn drop_page_title(out: &mut Vec<Line>, report: &mut Report) {
    let content: Vec<usize> = (0..out.len()).filter(|&k| !out[k].is_blank()).collect();
    if let [only] = content.as_slice() {
        let l = out.remove(*only);
        report.remove(l.no, &l.text, "portal page title above its metadata panel");
    }
}

fn read_panel(t: &str, no: usize, panel: &mut Panel) {
    for (label, value) in panel_fields(t) {
        if placeholder(&value) {
            continue;
        }
        let slot = match label.as_str() {
            "so hieu" | "so, ky hieu" | "so ky hieu" => &mut panel.number,
            "loai van ban" => &mut panel.kind,
            "co quan ban hanh" | "noi ban hanh" => &mut panel.issuer,
            "nguoi ky" => &mut panel.signer,
            "ngay ban hanh" => &mut panel.issued,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some((value, no));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_fields_per_line_and_pipes() {
        let f = panel_fields("Số hiệu: 70/KH-UBND Loại văn bản: Kế hoạch");
        assert_eq!(
            f,
            vec![
                ("so hieu".into(), "70/KH-UBND".into()),
                ("loai van ban".into(), "Kế hoạch".into())
            ]
        );
        let f = panel_fields("Số hiệu: | 1383/QĐ-BNV | Loại văn bản: | Quyết định |");
        assert_eq!(f[0].1, "1383/QĐ-BNV");
        assert_eq!(f[1].1, "Quyết định");
        let f = panel_fields("| Người ký | Nguyễn Khắc Toàn |");
        assert_eq!(f, vec![("nguoi ky".into(), "Nguyễn Khắc Toàn".into())]);
        let f = panel_fields("Ngày công báo: Đang cập nhật Số công báo: 511&512-06/2019");
        assert_eq!(f[1], ("so cong bao".into(), "511&512-06/2019".into()));
    }
}
