//! A suggested content folder ("khanh-hoa", "thanh-hoa/trieu-son") from the
//! issuing body, or else from how the body names its own issuer. Only a
//! suggestion: the caller decides where the file goes.

use super::frontmatter::FrontMatter;
use super::lines::Line;
use crate::text::{fold, slugify};
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Default, Clone, PartialEq)]
struct Units {
    province: Option<String>,
    district: Option<String>,
    commune: Option<String>,
}

/// Cities run by the centre: a "thành phố" of these is a province.
const CENTRAL_CITIES: &[&str] = &[
    "ha-noi",
    "ho-chi-minh",
    "hai-phong",
    "da-nang",
    "can-tho",
    "hue",
];

fn place(units: &mut Units, unit: &str, name: &str) {
    let slug = slugify(name);
    if slug.is_empty() {
        return;
    }
    let slot = match unit {
        "tinh" => &mut units.province,
        "thanh pho" if CENTRAL_CITIES.contains(&slug.as_str()) => &mut units.province,
        "thanh pho" | "huyen" | "quan" | "thi xa" => &mut units.district,
        _ => &mut units.commune,
    };
    if slot.is_none() {
        *slot = Some(slug);
    }
}

/// Reads "… TỈNH KHÁNH HÒA", "UBND HUYỆN TRIỆU SƠN" word by word.
fn units_of(name: &str, units: &mut Units) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let unit_at = |i: usize| -> Option<(&'static str, usize)> {
        let two = folded.get(i + 1).map(|n| format!("{} {n}", folded[i]));
        for u in ["thanh pho", "thi xa", "thi tran"] {
            if two.as_deref() == Some(u) {
                return Some((u, 2));
            }
        }
        ["tinh", "huyen", "quan", "xa", "phuong"]
            .into_iter()
            .find(|u| folded[i] == *u)
            .map(|u| (u, 1))
    };
    let mut i = 0;
    while i < words.len() {
        if let Some((unit, width)) = unit_at(i) {
            let mut j = i + width;
            while j < words.len() && unit_at(j).is_none() {
                j += 1;
            }
            place(units, unit, &words[i + width..j].join(" "));
            i = j;
        } else {
            i += 1;
        }
    }
}

fn self_reference_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố|huyện|quận|thị xã)\s+(\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)*)\s+(?:ban hành|báo cáo|xây dựng)",
        )
        .expect("static regex")
    })
}

fn province_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"\btỉnh\s+(\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)*)").expect("static regex")
    })
}

fn folder(u: &Units) -> Option<String> {
    let parts: Vec<&str> = [&u.province, &u.district, &u.commune]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The suggested folder, with the line it came from and how.
/// The folder of the unit the issuer names, from the registry of every
/// administrative unit (old names resolve to the unit of their period).
fn registry_folder(fm: &FrontMatter) -> Option<&'static str> {
    let issuer = [fm.issuer_parent.as_deref(), fm.issuer.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if issuer.trim().is_empty() {
        return None;
    }
    crate::registry::folder_for_issuer(&issuer, fm.issued)
}

pub fn suggest(
    fm: &FrontMatter,
    issuer_line: usize,
    body: &[Line],
) -> Option<(String, usize, &'static str)> {
    if let Some(found) = registry_folder(fm) {
        return Some((
            found.to_string(),
            issuer_line,
            "from the issuer, by the unit registry",
        ));
    }
    let mut units = Units::default();
    let mut line = issuer_line;
    let mut how = "from the issuer";
    if let Some(p) = &fm.issuer_parent {
        units_of(p, &mut units);
    }
    if let Some(i) = &fm.issuer {
        units_of(i, &mut units);
    }
    if units == Units::default() {
        // The body names its own issuer: "UBND huyện Vĩnh Linh ban hành …".
        let hit = body
            .iter()
            .find_map(|l| self_reference_re().captures(&l.text).map(|c| (c, l.no)));
        let (c, no) = hit?;
        place(&mut units, &fold(&c[1]), &c[2]);
        line = no;
        how = "from the body naming its issuer";
    }
    if units.province.is_none() && (units.district.is_some() || units.commune.is_some()) {
        // A district's province: the first "tỉnh X" the text names.
        if let Some(c) = body.iter().find_map(|l| province_re().captures(&l.text)) {
            units.province = Some(slugify(&c[1]));
        }
    }
    folder(&units).map(|f| (f, line, how))
}
