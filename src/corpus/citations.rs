//! Citations as Vietnamese documents write them: "Quyết định số
//! 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ về việc phê duyệt Đề
//! án Văn hóa công vụ". Also the fixed national documents (in the corpus)
//! and the documents cited but never generated.

use crate::model::PartialDate;
use rand::Rng;

/// A citable document.
#[derive(Debug, Clone)]
pub struct Ref {
    /// Kind name as it starts a citation: "Quyết định".
    pub kind_name: &'static str,
    /// Number as written: "1847/QĐ-TTg".
    pub number: String,
    /// The full date the citing document knows.
    pub date: Option<PartialDate>,
    /// "của Thủ tướng Chính phủ".
    pub issuer: String,
    /// "về việc phê duyệt Đề án Văn hóa công vụ" (may be empty).
    pub subject: String,
}

/// How a date is printed inside a citation: "06/4/2020" or "06/04/2020".
#[derive(Debug, Clone, Copy)]
pub enum DateStyle {
    PadDay,
    PadBoth,
    Plain,
}

impl DateStyle {
    pub fn pick<R: Rng>(rng: &mut R) -> Self {
        match rng.gen_range(0..10) {
            0..=5 => DateStyle::PadDay,
            6..=8 => DateStyle::PadBoth,
            _ => DateStyle::Plain,
        }
    }

    pub fn format(self, date: &PartialDate) -> String {
        match (date.month, date.day, self) {
            (Some(m), Some(d), DateStyle::PadDay) => format!("{d:02}/{m}/{}", date.year),
            (Some(m), Some(d), DateStyle::PadBoth) => format!("{d:02}/{m:02}/{}", date.year),
            (Some(m), Some(d), DateStyle::Plain) => format!("{d}/{m}/{}", date.year),
            (Some(m), None, _) => format!("{m}/{}", date.year),
            _ => date.year.to_string(),
        }
    }
}

impl Ref {
    /// "Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ".
    pub fn short(&self, style: DateStyle) -> String {
        let mut s = format!("{} số {}", self.kind_name, self.number);
        if let Some(d) = &self.date {
            if d.day.is_some() {
                s.push_str(" ngày ");
            } else {
                s.push_str(" tháng ");
            }
            s.push_str(&style.format(d));
        }
        if !self.issuer.is_empty() {
            s.push(' ');
            s.push_str(&self.issuer);
        }
        s
    }

    /// The short form followed by the subject.
    pub fn full(&self, style: DateStyle) -> String {
        let mut s = self.short(style);
        if !self.subject.is_empty() {
            s.push(' ');
            s.push_str(&self.subject);
        }
        s
    }

    /// "Quyết định số 1847/QĐ-TTg": a later mention of the same document.
    pub fn bare(&self) -> String {
        format!("{} số {}", self.kind_name, self.number)
    }
}

/// A document of the national level that the corpus contains.
pub struct National {
    pub kind: &'static str,
    pub number: &'static str,
    pub date: (u16, u8, u8),
    pub issuer: &'static str,
    pub title: &'static str,
    pub signer: Option<(&'static str, &'static str, &'static str)>,
    /// Whether the corpus carries some text for it (otherwise metadata only).
    pub body: bool,
}

pub const NATIONAL: &[National] = &[
    National {
        kind: "quyet-dinh",
        number: "1847/QĐ-TTg",
        date: (2018, 12, 27),
        issuer: "Thủ tướng Chính phủ",
        title: "Phê duyệt Đề án Văn hóa công vụ",
        signer: Some(("KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Trương Hòa Bình")),
        body: true,
    },
    National {
        kind: "quyet-dinh",
        number: "129/2007/QĐ-TTg",
        date: (2007, 8, 2),
        issuer: "Thủ tướng Chính phủ",
        title: "Ban hành Quy chế văn hóa công sở tại các cơ quan hành chính nhà nước",
        signer: Some(("", "THỦ TƯỚNG", "Nguyễn Tấn Dũng")),
        body: false,
    },
    National {
        kind: "quyet-dinh",
        number: "733/QĐ-TTg",
        date: (2019, 6, 14),
        issuer: "Thủ tướng Chính phủ",
        title: "Ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” giai đoạn 2019 - 2025",
        signer: None,
        body: true,
    },
    National {
        kind: "quyet-dinh",
        number: "319/QĐ-BNV",
        date: (2019, 4, 18),
        issuer: "Bộ Nội vụ",
        title: "Ban hành Kế hoạch triển khai thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ phê duyệt Đề án Văn hóa công vụ",
        signer: Some(("", "BỘ TRƯỞNG", "Lê Vĩnh Tân")),
        body: true,
    },
    National {
        kind: "chi-thi",
        number: "26/CT-TTg",
        date: (2016, 9, 5),
        issuer: "Thủ tướng Chính phủ",
        title: "Về tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước các cấp",
        signer: Some(("", "THỦ TƯỚNG", "Nguyễn Xuân Phúc")),
        body: false,
    },
    National {
        kind: "nghi-quyet",
        number: "76/NQ-CP",
        date: (2021, 7, 15),
        issuer: "Chính phủ",
        title: "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030",
        signer: Some(("TM. CHÍNH PHỦ", "THỦ TƯỚNG", "Phạm Minh Chính")),
        body: false,
    },
];

impl National {
    pub fn partial_date(&self) -> PartialDate {
        PartialDate::ymd(self.date.0, self.date.1, self.date.2).expect("valid national date")
    }

    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            "chi-thi" => "Chỉ thị",
            "nghi-quyet" => "Nghị quyết",
            _ => "Quyết định",
        }
    }

    pub fn to_ref(&self) -> Ref {
        Ref {
            kind_name: self.kind_name(),
            number: self.number.to_string(),
            date: Some(self.partial_date()),
            issuer: format!("của {}", self.issuer),
            subject: subject_of(self.kind, self.title),
        }
    }
}

/// Legal bases every Quyết định may cite; none are in the corpus.
pub const LEGAL_BASES: &[&str] = &[
    "Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13 ngày 19/6/2015;",
    "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương số 47/2019/QH14 ngày 22/11/2019;",
    "Căn cứ Luật Cán bộ, công chức số 22/2008/QH12 ngày 13/11/2008;",
    "Căn cứ Luật Viên chức số 58/2010/QH12 ngày 15/11/2010;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
    "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;",
];

/// A document cited but never generated: issued by a body that has no
/// documents in the corpus, so it cannot collide with a corpus number.
pub fn outside<R: Rng>(rng: &mut R, year: u16, province: &str) -> Ref {
    let month = rng.gen_range(1..=12u8);
    let day = rng.gen_range(1..=28u8);
    let date = PartialDate::ymd(year, month, day);
    let n = rng.gen_range(1..=3500u32);
    match rng.gen_range(0..7) {
        0 => Ref {
            kind_name: "Công văn",
            number: format!("{n}/BNV-CCVC"),
            date,
            issuer: "của Bộ Nội vụ".into(),
            subject: "về việc báo cáo kết quả thực hiện văn hóa công vụ".into(),
        },
        1 => Ref {
            kind_name: "Hướng dẫn",
            number: format!("{}-HD/BTCTU", n % 60 + 1),
            date,
            issuer: format!("của Ban Tổ chức Tỉnh ủy {province}"),
            subject: "về đánh giá, xếp loại chất lượng cán bộ, công chức".into(),
        },
        2 => Ref {
            kind_name: "Kế hoạch",
            number: format!("{n}/KH-SVHTTDL"),
            date,
            issuer: "của Sở Văn hóa, Thể thao và Du lịch".into(),
            subject: "về việc xây dựng môi trường văn hóa trong các cơ quan, đơn vị".into(),
        },
        3 => Ref {
            kind_name: "Công văn",
            number: format!("{}/LĐLĐ", n % 900 + 1),
            date,
            issuer: format!("của Liên đoàn Lao động tỉnh {province}"),
            subject: "về việc hưởng ứng phong trào thi đua văn hóa công sở".into(),
        },
        4 => Ref {
            kind_name: "Chỉ thị",
            number: "05-CT/TW".into(),
            date: PartialDate::ymd(2016, 5, 15),
            issuer: "của Bộ Chính trị".into(),
            subject: "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
                .into(),
        },
        5 => Ref {
            kind_name: "Nghị định",
            number: "30/2020/NĐ-CP".into(),
            date: PartialDate::ymd(2020, 3, 5),
            issuer: "của Chính phủ".into(),
            subject: "về công tác văn thư".into(),
        },
        _ => Ref {
            kind_name: "Công văn",
            number: format!("{n}/VPCP-TCCV"),
            date,
            issuer: "của Văn phòng Chính phủ".into(),
            subject: "về việc tăng cường kỷ luật, kỷ cương hành chính".into(),
        },
    }
}

/// The subject phrase of a citation made from a document's trích yếu:
/// "V/v đẩy mạnh …" → "về việc đẩy mạnh …", "Phê duyệt …" → "về việc phê
/// duyệt …", a report's "Kết quả …" → "về kết quả …".
pub fn subject_of(kind: &str, title: &str) -> String {
    if let Some(rest) = title.strip_prefix("V/v ") {
        return format!("về việc {rest}");
    }
    let lowered = lower_first(title);
    if lowered.starts_with("về ") {
        return lowered;
    }
    match kind {
        "bao-cao" | "thong-bao" => format!("về {lowered}"),
        _ => format!("về việc {lowered}"),
    }
}

/// Lower-cases the first letter.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Upper-cases the first letter.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_citations_as_documents_write_them() {
        let r = NATIONAL[0].to_ref();
        assert_eq!(
            r.full(DateStyle::PadDay),
            "Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ về việc phê duyệt Đề án Văn hóa công vụ"
        );
        let d = PartialDate::ymd(2020, 4, 6).unwrap();
        assert_eq!(DateStyle::PadDay.format(&d), "06/4/2020");
        assert_eq!(DateStyle::PadBoth.format(&d), "06/04/2020");
        assert_eq!(DateStyle::Plain.format(&d), "6/4/2020");
        assert_eq!(
            subject_of("cong-van", "V/v đẩy mạnh thực hiện"),
            "về việc đẩy mạnh thực hiện"
        );
        assert_eq!(
            subject_of("bao-cao", "Kết quả thực hiện"),
            "về kết quả thực hiện"
        );
        assert_eq!(subject_of("chi-thi", "Về tăng cường"), "về tăng cường");
    }
}
