//! Where a citation's issuer sits: "của UBND tỉnh" written in a district
//! report means the province that district lies in; "của Thủ tướng Chính
//! phủ" is national; no issuer at all leaves the question open.

use crate::content::{JurId, Level, Site};
use crate::model::DocNumber;
use crate::text::fold;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The issuer belongs to this jurisdiction.
    Exact(JurId),
    /// Not said: the citing jurisdiction or any above it.
    Nearby,
}

/// Short names of jurisdictions, folded ("khanh hoa" → Tỉnh Khánh Hòa), for
/// issuers that name a place ("UBND tỉnh Quảng Trị").
pub struct PlaceNames {
    by_name: HashMap<String, Vec<JurId>>,
}

const LEVEL_WORDS: [&str; 6] = ["tinh ", "huyen ", "thanh pho ", "thi xa ", "xa ", "quan "];

impl PlaceNames {
    pub fn new(site: &Site) -> Self {
        let mut by_name: HashMap<String, Vec<JurId>> = HashMap::new();
        // Units of the registry are found through it (see `scope`); these
        // are the jurisdictions only a folder declares.
        for (id, j) in site.jurisdictions.iter().enumerate().skip(1) {
            if !j.units.is_empty() {
                continue;
            }
            let folded = fold(&j.name);
            let short = LEVEL_WORDS
                .iter()
                .find_map(|w| folded.strip_prefix(w))
                .unwrap_or(&folded)
                .trim()
                .to_string();
            by_name.entry(short).or_default().push(id);
        }
        PlaceNames { by_name }
    }

    /// The jurisdiction named after a level word in `issuer`, preferring one
    /// in the citing document's chain or province.
    fn named(&self, site: &Site, issuer: &str, citing: JurId) -> Option<JurId> {
        for word in LEVEL_WORDS {
            let mut rest = issuer;
            while let Some(i) = rest.find(word) {
                let after = &rest[i + word.len()..];
                let words: Vec<&str> = after.split_whitespace().collect();
                for n in (1..=words.len().min(4)).rev() {
                    if let Some(ids) = self.by_name.get(&words[..n].join(" ")) {
                        let province = site.province_of(citing);
                        return ids
                            .iter()
                            .copied()
                            .find(|&id| site.jurisdiction_chain(citing).contains(&id))
                            .or_else(|| {
                                ids.iter()
                                    .copied()
                                    .find(|&id| site.province_of(id) == province)
                            })
                            .or_else(|| (ids.len() == 1).then(|| ids[0]));
                    }
                }
                rest = &rest[i + word.len()..];
            }
        }
        None
    }
}

/// Codes of national bodies as numbers write them ("1847/QĐ-TTg").
fn is_national_code(code: &str) -> bool {
    let upper = fold(code).to_ascii_uppercase();
    matches!(
        upper.as_str(),
        "TTG" | "CP" | "QH" | "UBTVQH" | "VPCP" | "TW" | "BCT" | "BCDTW"
    ) || (upper.len() >= 3
        && upper.starts_with('B')
        && !upper.starts_with("BC")
        && !upper.starts_with("BB"))
}

pub fn scope(
    site: &Site,
    places: &PlaceNames,
    citing: JurId,
    issuer: Option<&str>,
    number: &DocNumber,
) -> Scope {
    let Some(issuer) = issuer else {
        return match number.issuer_code() {
            Some(code) if is_national_code(&code) => Scope::Exact(0),
            _ => Scope::Nearby,
        };
    };
    let f = format!("{} ", fold(issuer));
    let national = [
        "thu tuong",
        "chinh phu",
        "quoc hoi",
        "trung uong",
        "bo chinh tri",
    ];
    if national.iter().any(|w| f.contains(w)) || f.starts_with("bo ") {
        return Scope::Exact(0);
    }
    if let Some(id) = super::units::issuer_jurisdiction(site, issuer, citing)
        .or_else(|| places.named(site, &f, citing))
    {
        return Scope::Exact(id);
    }
    let at_level = |level: Level| match level {
        Level::Tinh => site.province_of(citing),
        Level::Huyen => site.district_of(citing),
        _ => None,
    };
    let level = if f.contains("tinh ") || f.starts_with("so ") || f.contains("tinh uy") {
        Some(Level::Tinh)
    } else if f.contains("huyen ")
        || f.starts_with("phong ")
        || f.contains("huyen uy")
        || f.contains("thi xa ")
    {
        Some(Level::Huyen)
    } else {
        None
    };
    level.and_then(at_level).map_or(Scope::Nearby, Scope::Exact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_codes() {
        assert!(is_national_code("TTg"));
        assert!(is_national_code("BNV"));
        assert!(!is_national_code("UBND"));
        assert!(!is_national_code("BC"));
        assert!(!is_national_code("HU"));
    }
}
