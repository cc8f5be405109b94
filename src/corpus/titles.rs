//! Trích yếu (titles) per kind, and the kind mix of each issuer.

use rand::Rng;

/// Who issues a document within a jurisdiction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Issuer {
    /// Ủy ban nhân dân.
    Ubnd = 0,
    /// Sở Nội vụ / Phòng Nội vụ.
    NoiVu = 1,
    /// Tỉnh ủy / Huyện ủy (party committee).
    Party = 2,
    /// The jurisdiction's news portal (tin bài).
    News = 3,
}

/// Picks a kind slug for an issuer.
pub fn pick_kind<R: Rng>(issuer: Issuer, rng: &mut R) -> &'static str {
    let table: &[(&'static str, u32)] = match issuer {
        Issuer::Ubnd => &[
            ("ke-hoach", 30),
            ("bao-cao", 24),
            ("cong-van", 20),
            ("quyet-dinh", 10),
            ("thong-bao", 6),
            ("chi-thi", 4),
            ("chuong-trinh", 3),
            ("to-trinh", 3),
        ],
        Issuer::NoiVu => &[
            ("cong-van", 35),
            ("huong-dan", 25),
            ("bao-cao", 20),
            ("ke-hoach", 15),
            ("thong-bao", 5),
        ],
        Issuer::Party => &[
            ("cong-van", 25),
            ("ke-hoach", 20),
            ("bao-cao", 20),
            ("chi-thi", 10),
            ("thong-bao", 10),
            ("huong-dan", 8),
            ("nghi-quyet", 7),
        ],
        Issuer::News => &[("tin-bai", 1)],
    };
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut x = rng.gen_range(0..total);
    for (slug, w) in table {
        if x < *w {
            return slug;
        }
        x -= w;
    }
    table[0].0
}

/// A title and, for some reports, the kind line as the header writes it.
pub fn title<R: Rng>(
    kind: &str,
    issuer: Issuer,
    place: &str,
    year: u16,
    rng: &mut R,
) -> (String, Option<&'static str>) {
    let pick = |rng: &mut R, n: usize| rng.gen_range(0..n);
    let t = match kind {
        "ke-hoach" | "chuong-trinh" => match pick(rng, 7) {
            0 => format!("Triển khai thực hiện Đề án Văn hóa công vụ trên địa bàn {place}"),
            1 => format!("Thực hiện Đề án Văn hóa công vụ năm {year}"),
            2 => format!("Tổ chức thực hiện phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” năm {year}"),
            3 => format!("Kiểm tra công vụ năm {year}"),
            4 => format!("Tuyên truyền, phổ biến Đề án Văn hóa công vụ năm {year}"),
            5 => format!("Nâng cao chất lượng thực hiện văn hóa công vụ, kỷ luật, kỷ cương hành chính năm {year}"),
            _ => format!("Thực hiện văn hóa công vụ giai đoạn {}-{}", year, year + 2),
        },
        "bao-cao" => {
            if (2021..=2022).contains(&year) && rng.gen_bool(0.3) {
                return (
                    "Về việc triển khai, thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ phê duyệt Đề án Văn hóa công vụ".into(),
                    Some("BÁO CÁO SƠ KẾT"),
                );
            }
            if year >= 2024 && rng.gen_bool(0.3) {
                return (
                    "Tổng kết 05 năm thực hiện Đề án Văn hóa công vụ giai đoạn 2019 - 2024".into(),
                    Some("BÁO CÁO TỔNG KẾT"),
                );
            }
            match pick(rng, 4) {
                0 => format!("Kết quả thực hiện Đề án Văn hóa công vụ năm {year}"),
                1 => format!("Kết quả thực hiện văn hóa công vụ 6 tháng đầu năm {year}"),
                2 => format!("Kết quả kiểm tra việc thực hiện văn hóa công sở tại các cơ quan, đơn vị năm {year}"),
                _ => format!("Kết quả thực hiện kỷ luật, kỷ cương hành chính và văn hóa công vụ năm {year}"),
            }
        }
        "cong-van" => match pick(rng, 6) {
            0 => "V/v đẩy mạnh thực hiện Đề án văn hóa công vụ".into(),
            1 => format!("V/v báo cáo kết quả thực hiện Đề án Văn hóa công vụ năm {year}"),
            2 => "V/v tăng cường kỷ luật, kỷ cương hành chính và văn hóa công vụ".into(),
            3 => "V/v chấn chỉnh việc thực hiện văn hóa công sở".into(),
            4 => "V/v sơ kết 03 năm thực hiện Đề án Văn hóa công vụ".into(),
            _ => "V/v thực hiện trang phục, đeo thẻ công chức, viên chức".into(),
        },
        "quyet-dinh" => match pick(rng, 4) {
            0 => format!("Ban hành Quy chế văn hóa công sở tại các cơ quan hành chính nhà nước trên địa bàn {place}"),
            1 => "Ban hành Quy tắc ứng xử của cán bộ, công chức, viên chức và người lao động".into(),
            2 => format!("Về việc thành lập Đoàn kiểm tra công vụ năm {year}"),
            _ => format!("Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua thực hiện văn hóa công sở năm {year}"),
        },
        "chi-thi" => match pick(rng, 3) {
            0 => "Về việc tăng cường kỷ luật, kỷ cương hành chính và nâng cao văn hóa công vụ trong các cơ quan hành chính nhà nước".into(),
            1 => "Về việc chấn chỉnh lề lối làm việc, nâng cao trách nhiệm người đứng đầu".into(),
            _ => "Về tăng cường thực hiện văn hóa công vụ, giao tiếp, ứng xử của cán bộ, công chức, viên chức".into(),
        },
        "thong-bao" => match pick(rng, 3) {
            0 => format!("Kết luận tại buổi kiểm tra công vụ năm {year}"),
            1 => format!("Kết quả kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính quý {} năm {year}", ["I", "II", "III", "IV"][pick(rng, 4)]),
            _ => format!("Kết quả bình chọn cơ quan, đơn vị thực hiện tốt văn hóa công sở năm {year}"),
        },
        "huong-dan" => match pick(rng, 3) {
            0 => format!("Thực hiện văn hóa công vụ trong các cơ quan, đơn vị năm {year}"),
            1 => format!("Đánh giá, xếp loại việc thực hiện văn hóa công sở năm {year}"),
            _ => "Thực hiện trang phục, thẻ công chức, viên chức và bài trí công sở".into(),
        },
        "to-trinh" => format!("Về việc ban hành Quy chế văn hóa công sở tại các cơ quan hành chính nhà nước trên địa bàn {place}"),
        "nghi-quyet" => "Về nâng cao đạo đức công vụ, văn hóa công vụ của đội ngũ cán bộ, công chức, viên chức giai đoạn 2021 - 2025".into(),
        _ => {
            let cap = super::citations::upper_first(place);
            match pick(rng, 5) {
                0 => format!("{cap} tổ chức hội nghị quán triệt Đề án Văn hóa công vụ"),
                1 => format!("{cap}: Nâng cao hiệu quả thực hiện văn hóa công vụ"),
                2 => format!("Sơ kết thực hiện Đề án Văn hóa công vụ tại {place}"),
                3 => format!("Kiểm tra việc thực hiện văn hóa công sở tại các cơ quan, đơn vị trên địa bàn {place}"),
                _ => format!("Cán bộ, công chức {place} thực hiện “4 xin, 4 luôn”"),
            }
        }
    };
    let _ = issuer;
    (t, None)
}

pub const TOPICS: &[&str] = &[
    "tinh-than-thai-do-lam-viec",
    "giao-tiep-ung-xu",
    "dao-duc-loi-song",
    "trang-phuc",
    "kiem-tra-cong-vu",
    "thi-dua-khen-thuong",
    "cai-cach-hanh-chinh",
];
