//! Document kinds: the administrative types of Nghị định 30/2020/NĐ-CP
//! (Phụ lục III), the normative kinds, party documents and news.

use crate::text::fold;

/// One kind of document. `slug` is what front matter and URLs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Kind {
    /// Front matter and URL form, e.g. "ke-hoach".
    pub slug: &'static str,
    /// Name as it starts a sentence, e.g. "Kế hoạch".
    pub name: &'static str,
    /// The abbreviation used inside document numbers ("KH" in 6861/KH-UBND).
    pub abbr: Option<&'static str>,
    /// Legal normative documents (luật, nghị định…), numbered N/YYYY/ABBR-ORG.
    pub normative: bool,
}

const fn kind(slug: &'static str, name: &'static str, abbr: Option<&'static str>) -> Kind {
    Kind {
        slug,
        name,
        abbr,
        normative: false,
    }
}

const fn normative(slug: &'static str, name: &'static str, abbr: Option<&'static str>) -> Kind {
    Kind {
        slug,
        name,
        abbr,
        normative: true,
    }
}

/// Every kind vanban knows, in the order of Phụ lục III, then the normative
/// kinds, party kinds and news. Order is the display order of kind lists.
pub const KINDS: &[Kind] = &[
    kind("nghi-quyet", "Nghị quyết", Some("NQ")),
    kind("quyet-dinh", "Quyết định", Some("QĐ")),
    kind("chi-thi", "Chỉ thị", Some("CT")),
    kind("quy-che", "Quy chế", Some("QC")),
    kind("quy-dinh", "Quy định", Some("QyĐ")),
    kind("thong-cao", "Thông cáo", Some("TC")),
    kind("thong-bao", "Thông báo", Some("TB")),
    kind("huong-dan", "Hướng dẫn", Some("HD")),
    kind("chuong-trinh", "Chương trình", Some("CTr")),
    kind("ke-hoach", "Kế hoạch", Some("KH")),
    kind("phuong-an", "Phương án", Some("PA")),
    kind("de-an", "Đề án", Some("ĐA")),
    kind("du-an", "Dự án", Some("DA")),
    kind("bao-cao", "Báo cáo", Some("BC")),
    kind("bien-ban", "Biên bản", Some("BB")),
    kind("to-trinh", "Tờ trình", Some("TTr")),
    kind("hop-dong", "Hợp đồng", Some("HĐ")),
    kind("cong-van", "Công văn", Some("CV")),
    kind("cong-dien", "Công điện", Some("CĐ")),
    kind("ban-ghi-nho", "Bản ghi nhớ", Some("GN")),
    kind("ban-thoa-thuan", "Bản thỏa thuận", Some("TTh")),
    kind("giay-uy-quyen", "Giấy ủy quyền", Some("GUQ")),
    kind("giay-moi", "Giấy mời", Some("GM")),
    kind("giay-gioi-thieu", "Giấy giới thiệu", Some("GGT")),
    kind("giay-nghi-phep", "Giấy nghỉ phép", Some("NP")),
    kind("phieu-gui", "Phiếu gửi", Some("PG")),
    kind("phieu-chuyen", "Phiếu chuyển", Some("PC")),
    kind("phieu-bao", "Phiếu báo", Some("PB")),
    kind("thu-cong", "Thư công", None),
    kind("ket-luan", "Kết luận", Some("KL")),
    normative("hien-phap", "Hiến pháp", None),
    normative("bo-luat", "Bộ luật", None),
    normative("luat", "Luật", None),
    normative("phap-lenh", "Pháp lệnh", None),
    normative("nghi-dinh", "Nghị định", Some("NĐ")),
    normative("thong-tu", "Thông tư", Some("TT")),
    normative("thong-tu-lien-tich", "Thông tư liên tịch", Some("TTLT")),
    kind("tin-bai", "Tin bài", None),
];

impl Kind {
    /// Looks a kind up by slug, Vietnamese name or number abbreviation, with
    /// or without diacritics, in any case ("ke-hoach", "Kế hoạch", "KH").
    pub fn lookup(text: &str) -> Option<Kind> {
        let folded = fold(text.trim());
        let dashed = folded.replace([' ', '_'], "-");
        KINDS
            .iter()
            .find(|k| k.slug == dashed || fold(k.name) == folded)
            .copied()
            .or_else(|| Kind::by_abbr(text.trim()))
    }

    /// The kind whose number abbreviation is `abbr`. An exact match (case
    /// aside) wins, so "HD" is hướng dẫn and "HĐ" hợp đồng; otherwise a
    /// folded match is taken when only one kind has it ("QD" finds QĐ).
    pub fn by_abbr(abbr: &str) -> Option<Kind> {
        let upper = abbr.replace('Ð', "Đ").to_uppercase();
        if let Some(k) = KINDS
            .iter()
            .find(|k| k.abbr.is_some_and(|a| a.to_uppercase() == upper))
        {
            return Some(*k);
        }
        let folded = fold(abbr);
        let mut found = KINDS
            .iter()
            .filter(|k| k.abbr.is_some_and(|a| fold(a) == folded));
        match (found.next(), found.next()) {
            (Some(k), None) => Some(*k),
            _ => None,
        }
    }

    pub fn by_slug(slug: &str) -> Option<Kind> {
        KINDS.iter().find(|k| k.slug == slug).copied()
    }

    /// The allowed slugs, for error messages.
    /// "; did you mean \"ke-hoach\"?" for a near miss of a kind slug, or "".
    pub fn suggestion(typed: &str) -> String {
        crate::text::closest(typed, KINDS.iter().map(|k| k.slug))
            .map(|k| format!("; did you mean \"{k}\"?"))
            .unwrap_or_default()
    }

    pub fn allowed_list() -> String {
        KINDS.iter().map(|k| k.slug).collect::<Vec<_>>().join(", ")
    }

    pub fn is_news(&self) -> bool {
        self.slug == "tin-bai"
    }

    /// Name in lower case as it reads mid-sentence ("kế hoạch").
    pub fn name_lower(&self) -> String {
        self.name.to_lowercase()
    }
}

impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_by_slug_name_and_abbreviation() {
        assert_eq!(Kind::lookup("ke-hoach").unwrap().slug, "ke-hoach");
        assert_eq!(Kind::lookup("Kế hoạch").unwrap().slug, "ke-hoach");
        assert_eq!(Kind::lookup("KH").unwrap().slug, "ke-hoach");
        assert_eq!(Kind::lookup("quyết định").unwrap().slug, "quyet-dinh");
        assert_eq!(Kind::lookup("QD").unwrap().slug, "quyet-dinh");
        assert_eq!(Kind::lookup("tin-bai").unwrap().slug, "tin-bai");
        assert!(Kind::lookup("ke hoach xyz").is_none());
    }

    #[test]
    fn d_and_dj_abbreviations_stay_apart() {
        assert_eq!(Kind::by_abbr("HD").unwrap().slug, "huong-dan");
        assert_eq!(Kind::by_abbr("HĐ").unwrap().slug, "hop-dong");
        assert_eq!(Kind::by_abbr("DA").unwrap().slug, "du-an");
        assert_eq!(Kind::by_abbr("ĐA").unwrap().slug, "de-an");
        assert_eq!(Kind::by_abbr("QÐ").unwrap().slug, "quyet-dinh");
        assert_eq!(Kind::by_abbr("qd").unwrap().slug, "quyet-dinh");
        assert_eq!(Kind::by_abbr("Ctr").unwrap().slug, "chuong-trinh");
    }

    #[test]
    fn slugs_are_unique_and_match_names() {
        for (i, a) in KINDS.iter().enumerate() {
            assert_eq!(crate::text::slugify(a.name), a.slug);
            for b in &KINDS[i + 1..] {
                assert_ne!(a.slug, b.slug);
                if let (Some(x), Some(y)) = (a.abbr, b.abbr) {
                    assert_ne!(x.to_uppercase(), y.to_uppercase());
                }
            }
        }
    }
}
