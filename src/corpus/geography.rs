//! The 34 provinces and centrally-run cities in force from 1 July 2025, each
//! with a selection of the districts (huyện, thị xã, thành phố, quận) that
//! existed on its territory until the district level was abolished on
//! 30 June 2025.

/// A province or centrally-run city.
pub struct Province {
    /// Bare name as it follows "tỉnh" / "thành phố": "Quảng Trị".
    pub name: &'static str,
    /// Centrally-run city (thành phố trực thuộc Trung ương).
    pub city: bool,
    /// Former districts, full names with their unit: "Huyện Vĩnh Linh".
    pub districts: &'static [&'static str],
}

const fn p(name: &'static str, districts: &'static [&'static str]) -> Province {
    Province {
        name,
        city: false,
        districts,
    }
}

const fn c(name: &'static str, districts: &'static [&'static str]) -> Province {
    Province {
        name,
        city: true,
        districts,
    }
}

pub const PROVINCES: &[Province] = &[
    c(
        "Hà Nội",
        &[
            "Quận Ba Đình",
            "Quận Hoàn Kiếm",
            "Quận Đống Đa",
            "Quận Cầu Giấy",
            "Quận Hà Đông",
            "Thị xã Sơn Tây",
            "Huyện Ba Vì",
            "Huyện Đông Anh",
            "Huyện Gia Lâm",
            "Huyện Sóc Sơn",
            "Huyện Thanh Trì",
            "Huyện Mỹ Đức",
        ],
    ),
    c(
        "Hải Phòng",
        &[
            "Quận Hồng Bàng",
            "Quận Lê Chân",
            "Quận Ngô Quyền",
            "Huyện An Lão",
            "Huyện Tiên Lãng",
            "Huyện Vĩnh Bảo",
            "Huyện Cát Hải",
            "Thành phố Hải Dương",
            "Thành phố Chí Linh",
            "Thị xã Kinh Môn",
            "Huyện Nam Sách",
            "Huyện Thanh Hà",
        ],
    ),
    c(
        "Huế",
        &[
            "Quận Phú Xuân",
            "Quận Thuận Hóa",
            "Thị xã Hương Thủy",
            "Thị xã Hương Trà",
            "Thị xã Phong Điền",
            "Huyện Quảng Điền",
            "Huyện Phú Vang",
            "Huyện Phú Lộc",
            "Huyện A Lưới",
        ],
    ),
    c(
        "Đà Nẵng",
        &[
            "Quận Hải Châu",
            "Quận Thanh Khê",
            "Quận Sơn Trà",
            "Huyện Hòa Vang",
            "Thành phố Tam Kỳ",
            "Thành phố Hội An",
            "Thị xã Điện Bàn",
            "Huyện Duy Xuyên",
            "Huyện Thăng Bình",
            "Huyện Núi Thành",
            "Huyện Đại Lộc",
        ],
    ),
    c(
        "Hồ Chí Minh",
        &[
            "Quận 1",
            "Quận 3",
            "Quận Bình Thạnh",
            "Quận Gò Vấp",
            "Thành phố Thủ Đức",
            "Huyện Củ Chi",
            "Huyện Cần Giờ",
            "Thành phố Thủ Dầu Một",
            "Thành phố Dĩ An",
            "Thành phố Vũng Tàu",
            "Thành phố Bà Rịa",
            "Huyện Côn Đảo",
        ],
    ),
    c(
        "Cần Thơ",
        &[
            "Quận Ninh Kiều",
            "Quận Bình Thủy",
            "Quận Cái Răng",
            "Huyện Phong Điền",
            "Huyện Cờ Đỏ",
            "Thành phố Sóc Trăng",
            "Huyện Kế Sách",
            "Thị xã Vĩnh Châu",
            "Thành phố Vị Thanh",
            "Thành phố Ngã Bảy",
            "Huyện Châu Thành A",
        ],
    ),
    p(
        "Tuyên Quang",
        &[
            "Thành phố Tuyên Quang",
            "Huyện Sơn Dương",
            "Huyện Yên Sơn",
            "Huyện Chiêm Hóa",
            "Huyện Na Hang",
            "Thành phố Hà Giang",
            "Huyện Đồng Văn",
            "Huyện Mèo Vạc",
            "Huyện Bắc Quang",
        ],
    ),
    p(
        "Cao Bằng",
        &[
            "Thành phố Cao Bằng",
            "Huyện Bảo Lạc",
            "Huyện Hà Quảng",
            "Huyện Trùng Khánh",
            "Huyện Hòa An",
            "Huyện Nguyên Bình",
            "Huyện Quảng Hòa",
        ],
    ),
    p(
        "Lai Châu",
        &[
            "Thành phố Lai Châu",
            "Huyện Tam Đường",
            "Huyện Mường Tè",
            "Huyện Sìn Hồ",
            "Huyện Phong Thổ",
            "Huyện Than Uyên",
            "Huyện Tân Uyên",
            "Huyện Nậm Nhùn",
        ],
    ),
    p(
        "Lào Cai",
        &[
            "Thành phố Lào Cai",
            "Thị xã Sa Pa",
            "Huyện Bát Xát",
            "Huyện Bảo Thắng",
            "Huyện Bắc Hà",
            "Thành phố Yên Bái",
            "Thị xã Nghĩa Lộ",
            "Huyện Văn Yên",
            "Huyện Mù Cang Chải",
        ],
    ),
    p(
        "Thái Nguyên",
        &[
            "Thành phố Thái Nguyên",
            "Thành phố Sông Công",
            "Thành phố Phổ Yên",
            "Huyện Đại Từ",
            "Huyện Định Hóa",
            "Huyện Phú Lương",
            "Thành phố Bắc Kạn",
            "Huyện Ba Bể",
            "Huyện Chợ Đồn",
        ],
    ),
    p(
        "Điện Biên",
        &[
            "Thành phố Điện Biên Phủ",
            "Thị xã Mường Lay",
            "Huyện Điện Biên",
            "Huyện Điện Biên Đông",
            "Huyện Mường Nhé",
            "Huyện Tuần Giáo",
            "Huyện Mường Ảng",
        ],
    ),
    p(
        "Lạng Sơn",
        &[
            "Thành phố Lạng Sơn",
            "Huyện Cao Lộc",
            "Huyện Văn Lãng",
            "Huyện Tràng Định",
            "Huyện Bắc Sơn",
            "Huyện Hữu Lũng",
            "Huyện Chi Lăng",
            "Huyện Lộc Bình",
        ],
    ),
    p(
        "Sơn La",
        &[
            "Thành phố Sơn La",
            "Thị xã Mộc Châu",
            "Huyện Mai Sơn",
            "Huyện Thuận Châu",
            "Huyện Yên Châu",
            "Huyện Sông Mã",
            "Huyện Phù Yên",
            "Huyện Quỳnh Nhai",
        ],
    ),
    p(
        "Phú Thọ",
        &[
            "Thành phố Việt Trì",
            "Thị xã Phú Thọ",
            "Huyện Lâm Thao",
            "Huyện Thanh Sơn",
            "Thành phố Vĩnh Yên",
            "Thành phố Phúc Yên",
            "Huyện Tam Đảo",
            "Thành phố Hòa Bình",
            "Huyện Mai Châu",
            "Huyện Lạc Sơn",
        ],
    ),
    p(
        "Bắc Ninh",
        &[
            "Thành phố Bắc Ninh",
            "Thành phố Từ Sơn",
            "Huyện Tiên Du",
            "Huyện Yên Phong",
            "Huyện Gia Bình",
            "Thành phố Bắc Giang",
            "Huyện Lục Nam",
            "Huyện Yên Thế",
            "Huyện Hiệp Hòa",
        ],
    ),
    p(
        "Quảng Ninh",
        &[
            "Thành phố Hạ Long",
            "Thành phố Cẩm Phả",
            "Thành phố Uông Bí",
            "Thành phố Móng Cái",
            "Thị xã Quảng Yên",
            "Huyện Vân Đồn",
            "Huyện Cô Tô",
            "Huyện Tiên Yên",
            "Huyện Bình Liêu",
        ],
    ),
    p(
        "Hưng Yên",
        &[
            "Thành phố Hưng Yên",
            "Thị xã Mỹ Hào",
            "Huyện Văn Lâm",
            "Huyện Khoái Châu",
            "Huyện Kim Động",
            "Thành phố Thái Bình",
            "Huyện Quỳnh Phụ",
            "Huyện Thái Thụy",
            "Huyện Tiền Hải",
        ],
    ),
    p(
        "Ninh Bình",
        &[
            "Thành phố Hoa Lư",
            "Thành phố Tam Điệp",
            "Huyện Nho Quan",
            "Huyện Kim Sơn",
            "Thành phố Phủ Lý",
            "Huyện Kim Bảng",
            "Huyện Thanh Liêm",
            "Thành phố Nam Định",
            "Huyện Hải Hậu",
            "Huyện Giao Thủy",
        ],
    ),
    p(
        "Thanh Hóa",
        &[
            "Thành phố Thanh Hóa",
            "Thành phố Sầm Sơn",
            "Thị xã Bỉm Sơn",
            "Thị xã Nghi Sơn",
            "Huyện Triệu Sơn",
            "Huyện Thọ Xuân",
            "Huyện Hoằng Hóa",
            "Huyện Quảng Xương",
            "Huyện Ngọc Lặc",
            "Huyện Mường Lát",
            "Huyện Như Thanh",
        ],
    ),
    p(
        "Nghệ An",
        &[
            "Thành phố Vinh",
            "Thị xã Thái Hòa",
            "Thị xã Hoàng Mai",
            "Huyện Diễn Châu",
            "Huyện Yên Thành",
            "Huyện Quỳnh Lưu",
            "Huyện Đô Lương",
            "Huyện Nghi Lộc",
            "Huyện Kỳ Sơn",
            "Huyện Con Cuông",
        ],
    ),
    p(
        "Hà Tĩnh",
        &[
            "Thành phố Hà Tĩnh",
            "Thị xã Hồng Lĩnh",
            "Thị xã Kỳ Anh",
            "Huyện Hương Sơn",
            "Huyện Đức Thọ",
            "Huyện Can Lộc",
            "Huyện Thạch Hà",
            "Huyện Cẩm Xuyên",
            "Huyện Hương Khê",
        ],
    ),
    p(
        "Quảng Trị",
        &[
            "Thành phố Đông Hà",
            "Thị xã Quảng Trị",
            "Huyện Vĩnh Linh",
            "Huyện Gio Linh",
            "Huyện Triệu Phong",
            "Huyện Hải Lăng",
            "Huyện Hướng Hóa",
            "Thành phố Đồng Hới",
            "Huyện Lệ Thủy",
            "Huyện Bố Trạch",
            "Huyện Quảng Ninh",
        ],
    ),
    p(
        "Quảng Ngãi",
        &[
            "Thành phố Quảng Ngãi",
            "Thị xã Đức Phổ",
            "Huyện Bình Sơn",
            "Huyện Sơn Tịnh",
            "Huyện Mộ Đức",
            "Huyện Lý Sơn",
            "Thành phố Kon Tum",
            "Huyện Đắk Hà",
            "Huyện Ngọc Hồi",
        ],
    ),
    p(
        "Gia Lai",
        &[
            "Thành phố Pleiku",
            "Thị xã An Khê",
            "Thị xã Ayun Pa",
            "Huyện Chư Sê",
            "Huyện Đức Cơ",
            "Thành phố Quy Nhơn",
            "Thị xã An Nhơn",
            "Thị xã Hoài Nhơn",
            "Huyện Phù Cát",
            "Huyện Tây Sơn",
        ],
    ),
    p(
        "Khánh Hòa",
        &[
            "Thành phố Nha Trang",
            "Thành phố Cam Ranh",
            "Thị xã Ninh Hòa",
            "Huyện Vạn Ninh",
            "Huyện Diên Khánh",
            "Huyện Khánh Vĩnh",
            "Huyện Trường Sa",
            "Thành phố Phan Rang - Tháp Chàm",
            "Huyện Ninh Hải",
            "Huyện Ninh Phước",
        ],
    ),
    p(
        "Lâm Đồng",
        &[
            "Thành phố Đà Lạt",
            "Thành phố Bảo Lộc",
            "Huyện Đức Trọng",
            "Huyện Di Linh",
            "Thành phố Gia Nghĩa",
            "Huyện Đắk Mil",
            "Thành phố Phan Thiết",
            "Thị xã La Gi",
            "Huyện Tuy Phong",
            "Huyện Phú Quý",
        ],
    ),
    p(
        "Đắk Lắk",
        &[
            "Thành phố Buôn Ma Thuột",
            "Thị xã Buôn Hồ",
            "Huyện Krông Pắc",
            "Huyện Ea H'leo",
            "Huyện Lắk",
            "Thành phố Tuy Hòa",
            "Thị xã Sông Cầu",
            "Thị xã Đông Hòa",
            "Huyện Tuy An",
        ],
    ),
    p(
        "Đồng Nai",
        &[
            "Thành phố Biên Hòa",
            "Thành phố Long Khánh",
            "Huyện Nhơn Trạch",
            "Huyện Long Thành",
            "Huyện Trảng Bom",
            "Huyện Định Quán",
            "Thành phố Đồng Xoài",
            "Thị xã Bình Long",
            "Thị xã Phước Long",
            "Huyện Lộc Ninh",
        ],
    ),
    p(
        "Tây Ninh",
        &[
            "Thành phố Tây Ninh",
            "Thị xã Hòa Thành",
            "Thị xã Trảng Bàng",
            "Huyện Gò Dầu",
            "Huyện Tân Biên",
            "Thành phố Tân An",
            "Thị xã Kiến Tường",
            "Huyện Đức Hòa",
            "Huyện Cần Giuộc",
            "Huyện Bến Lức",
        ],
    ),
    p(
        "Vĩnh Long",
        &[
            "Thành phố Vĩnh Long",
            "Thị xã Bình Minh",
            "Huyện Long Hồ",
            "Huyện Tam Bình",
            "Thành phố Bến Tre",
            "Huyện Ba Tri",
            "Huyện Mỏ Cày Nam",
            "Thành phố Trà Vinh",
            "Thị xã Duyên Hải",
            "Huyện Cầu Ngang",
        ],
    ),
    p(
        "Đồng Tháp",
        &[
            "Thành phố Cao Lãnh",
            "Thành phố Sa Đéc",
            "Thành phố Hồng Ngự",
            "Huyện Tháp Mười",
            "Huyện Lai Vung",
            "Thành phố Mỹ Tho",
            "Thị xã Gò Công",
            "Thị xã Cai Lậy",
            "Huyện Cái Bè",
            "Huyện Chợ Gạo",
        ],
    ),
    p(
        "Cà Mau",
        &[
            "Thành phố Cà Mau",
            "Huyện Năm Căn",
            "Huyện Ngọc Hiển",
            "Huyện U Minh",
            "Huyện Trần Văn Thời",
            "Thành phố Bạc Liêu",
            "Thị xã Giá Rai",
            "Huyện Hồng Dân",
            "Huyện Đông Hải",
        ],
    ),
    p(
        "An Giang",
        &[
            "Thành phố Long Xuyên",
            "Thành phố Châu Đốc",
            "Thị xã Tân Châu",
            "Huyện Chợ Mới",
            "Thị xã Tịnh Biên",
            "Thành phố Rạch Giá",
            "Thành phố Phú Quốc",
            "Thành phố Hà Tiên",
            "Huyện Kiên Lương",
            "Huyện U Minh Thượng",
        ],
    ),
];

/// The administrative unit word a full district name starts with.
pub const DISTRICT_UNITS: &[&str] = &["Thành phố", "Thị xã", "Huyện", "Quận"];

/// Splits "Huyện Vĩnh Linh" into ("huyện", "Vĩnh Linh").
pub fn split_unit(full: &str) -> (&'static str, &str) {
    for unit in DISTRICT_UNITS {
        if let Some(rest) = full.strip_prefix(unit) {
            let lower = match *unit {
                "Thành phố" => "thành phố",
                "Thị xã" => "thị xã",
                "Quận" => "quận",
                _ => "huyện",
            };
            return (lower, rest.trim_start());
        }
    }
    ("huyện", full)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::slugify;
    use std::collections::HashSet;

    #[test]
    fn thirty_four_provinces_with_unique_slugs() {
        assert_eq!(PROVINCES.len(), 34);
        assert_eq!(PROVINCES.iter().filter(|p| p.city).count(), 6);
        let slugs: HashSet<String> = PROVINCES.iter().map(|p| slugify(p.name)).collect();
        assert_eq!(slugs.len(), 34);
        for p in PROVINCES {
            assert!((6..=12).contains(&p.districts.len()), "{}", p.name);
            let mut seen = HashSet::new();
            for d in p.districts {
                let (_, bare) = split_unit(d);
                assert!(DISTRICT_UNITS.iter().any(|u| d.starts_with(u)), "{d}");
                assert!(seen.insert(super::super::district_slug(d, bare)), "{d}");
            }
        }
    }
}
