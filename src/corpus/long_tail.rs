//! The long tail of citations (`bench-corpus --long-tail`): real plans cite
//! many documents that no site publishes, each of them once or twice: a
//! công văn of a provincial department (sở), a kế hoạch of a district's
//! office (phòng). With 4–5 such citations per document nearly every one
//! becomes a stub page of its own, the property that made vanban slow on an
//! independent corpus (issue 19) and that the default corpus, whose
//! outside citations repeat a few national numbers, does not have.
//!
//! Numbers are drawn from 1..=9999 per office, jurisdiction and year, and
//! no office here issues documents in the corpus, so a citation collides
//! with another only by chance (about 1 in 100 at 100,000 documents).

use super::citations::Ref;
use crate::model::PartialDate;
use rand::Rng;

/// Provincial departments: name and the code of their numbers.
const DEPARTMENTS: &[(&str, &str)] = &[
    ("Sở Tài chính", "STC"),
    ("Sở Y tế", "SYT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Tư pháp", "STP"),
    ("Sở Xây dựng", "SXD"),
    ("Sở Công Thương", "SCT"),
    ("Sở Khoa học và Công nghệ", "SKHCN"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    ("Sở Dân tộc và Tôn giáo", "SDTTG"),
];

/// District offices: name and code.
const OFFICES: &[(&str, &str)] = &[
    ("Phòng Tài chính - Kế hoạch", "PTCKH"),
    ("Phòng Giáo dục và Đào tạo", "PGDĐT"),
    ("Phòng Văn hóa và Thông tin", "PVHTT"),
    ("Phòng Y tế", "PYT"),
    ("Phòng Tư pháp", "PTP"),
    ("Phòng Kinh tế - Hạ tầng", "PKTHT"),
];

const LETTER_SUBJECTS: &[&str] = &[
    "về việc báo cáo tình hình thực hiện nhiệm vụ",
    "về việc cung cấp số liệu phục vụ tổng kết",
    "về việc tăng cường kỷ luật, kỷ cương hành chính",
    "về việc góp ý dự thảo kế hoạch",
    "về việc triển khai thực hiện văn hóa công sở",
    "về việc rà soát, đánh giá kết quả thực hiện",
];

const PLAN_SUBJECTS: &[&str] = &[
    "về thực hiện cải cách hành chính",
    "về tổ chức các hoạt động hưởng ứng phong trào thi đua",
    "về tuyên truyền, phổ biến giáo dục pháp luật",
    "về kiểm tra công tác văn thư, lưu trữ",
    "về nâng cao chất lượng phục vụ người dân",
];

/// A jurisdiction as the long tail cites it.
pub struct Place<'a> {
    /// "tỉnh Quảng Trị", "huyện Vĩnh Linh".
    pub province: &'a str,
    /// The citing document's district, if it is one.
    pub district: Option<&'a str>,
}

fn date<R: Rng>(rng: &mut R, year: u16) -> Option<PartialDate> {
    PartialDate::ymd(year, rng.gen_range(1..=12u8), rng.gen_range(1..=28u8))
}

/// One document cited but not on the site: a công văn or kế hoạch of a
/// department of the province, or of an office of the district.
pub fn cite<R: Rng>(rng: &mut R, year: u16, place: &Place) -> Ref {
    let n = rng.gen_range(1..=9999u32);
    let year = year.saturating_sub(rng.gen_range(0..=1)).max(2018);
    let (office, code, where_) = match place.district {
        Some(d) if rng.gen_bool(0.5) => {
            let (o, c) = OFFICES[rng.gen_range(0..OFFICES.len())];
            (o, c, d)
        }
        _ => {
            let (o, c) = DEPARTMENTS[rng.gen_range(0..DEPARTMENTS.len())];
            (o, c, place.province)
        }
    };
    let (kind_name, number, subject) = if rng.gen_bool(0.55) {
        let s = LETTER_SUBJECTS[rng.gen_range(0..LETTER_SUBJECTS.len())];
        ("Công văn", format!("{n}/{code}-VP"), s)
    } else {
        let s = PLAN_SUBJECTS[rng.gen_range(0..PLAN_SUBJECTS.len())];
        ("Kế hoạch", format!("{n}/KH-{code}"), s)
    };
    Ref {
        kind_name,
        number,
        date: date(rng, year),
        issuer: format!("của {office} {where_}"),
        subject: subject.to_string(),
    }
}

/// The 4–5 long-tail citations of one document.
pub fn cites<R: Rng>(rng: &mut R, year: u16, place: &Place) -> Vec<Ref> {
    let count = rng.gen_range(4..=5);
    (0..count).map(|_| cite(rng, year, place)).collect()
}

/// Body length of a long-tail document: about 1,500 words.
pub fn target_words<R: Rng>(rng: &mut R) -> usize {
    rng.gen_range(1300..=1700)
}
