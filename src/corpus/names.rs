//! Vietnamese personal names for signers.

use rand::Rng;

const SURNAMES: &[&str] = &[
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
    "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Mai", "Cao",
    "Hà", "Lương", "Tạ", "Chu",
];

const MIDDLE: &[&str] = &[
    "Văn", "Văn", "Thị", "Đức", "Minh", "Quang", "Hữu", "Ngọc", "Thanh", "Xuân", "Công", "Đình",
    "Hồng", "Anh", "Tiến", "Mạnh", "Thế", "Kim", "Bá", "Trọng",
];

const GIVEN: &[&str] = &[
    "Hùng", "Dũng", "Tuấn", "Hải", "Long", "Nam", "Sơn", "Thắng", "Vinh", "Hòa", "Bình", "Cường",
    "Tâm", "Trung", "Hiếu", "Khánh", "Lâm", "Phúc", "Quân", "Thành", "Hà", "Lan", "Hương", "Mai",
    "Nga", "Thủy", "Hạnh", "Yến", "Nghị", "Toàn", "Thịnh", "Đạt", "Huy", "Kiên", "Nhân", "Tùng",
];

/// A full name: "Lê Đức Vinh".
pub fn person<R: Rng>(rng: &mut R) -> String {
    let surname = SURNAMES[rng.gen_range(0..SURNAMES.len())];
    let middle = MIDDLE[rng.gen_range(0..MIDDLE.len())];
    let given = GIVEN[rng.gen_range(0..GIVEN.len())];
    format!("{surname} {middle} {given}")
}
