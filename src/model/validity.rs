//! In-force status (tình trạng hiệu lực) of a document, and the effective
//! date its own text states. The status is derived, never guessed: from
//! the effective and expiry dates and from what replaces, repeals or
//! amends the document, as of one given day, so that a build is the same
//! whatever the clock says when it is given that day.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::PartialDate;
use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Còn hiệu lực.
    InForce,
    /// Hết hiệu lực một phần: amended, or some provisions repealed.
    PartlyInForce,
    /// Hết hiệu lực toàn bộ: replaced, repealed or expired.
    NotInForce,
    /// Chưa có hiệu lực: takes effect later.
    NotYetInForce,
    /// Không xác định: nothing known says.
    Unknown,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::InForce,
        Status::PartlyInForce,
        Status::NotInForce,
        Status::NotYetInForce,
        Status::Unknown,
    ];

    pub fn name_vi(self) -> &'static str {
        match self {
            Status::InForce => "Còn hiệu lực",
            Status::PartlyInForce => "Hết hiệu lực một phần",
            Status::NotInForce => "Hết hiệu lực toàn bộ",
            Status::NotYetInForce => "Chưa có hiệu lực",
            Status::Unknown => "Không xác định",
        }
    }

    /// The front-matter value and CSS class: "con-hieu-luc".
    pub fn slug(self) -> &'static str {
        match self {
            Status::InForce => "con-hieu-luc",
            Status::PartlyInForce => "het-hieu-luc-mot-phan",
            Status::NotInForce => "het-hieu-luc-toan-bo",
            Status::NotYetInForce => "chua-co-hieu-luc",
            Status::Unknown => "khong-xac-dinh",
        }
    }

    /// Reads a front-matter value: the slug or the Vietnamese name, with
    /// or without diacritics; "het-hieu-luc" is the whole document.
    pub fn lookup(text: &str) -> Option<Status> {
        let slug = crate::text::slugify(text);
        if slug == "het-hieu-luc" {
            return Some(Status::NotInForce);
        }
        Status::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub fn allowed_list() -> String {
        Status::ALL
            .iter()
            .map(|s| s.slug())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The first day of a (possibly partial) date's period.
pub fn first_day(d: PartialDate) -> (u16, u8, u8) {
    (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

/// True when `date` has begun by `as_of`: its period's first day is not
/// after it.
pub fn reached(date: PartialDate, as_of: PartialDate) -> bool {
    first_day(date) <= first_day(as_of)
}

static EFFECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"co hieu luc(?: thi hanh)?(?: ke)? tu ngay (?:ky|ban hanh|(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{1,2}) thang (\d{1,2}) nam (\d{4}))",
    )
    .expect("effective pattern")
});

/// The effective date a document's text states: "có hiệu lực (thi hành)
/// kể từ ngày ký" (its issue date) or "… kể từ ngày 01/01/2020".
pub fn effective_in_text(body: &str, issued: Option<PartialDate>) -> Option<PartialDate> {
    // Folding the whole body of every document was much of what the status
    // cost; the phrase is found in the text as written, and only a window
    // around each "hiệu lực" is folded for the pattern.
    let caps = hieu_luc_at(body).find_map(|at| {
        let window =
            fold(&body[char_floor(body, at.saturating_sub(8))..char_floor(body, at + 160)]);
        let caps = EFFECTIVE.captures(&window)?;
        let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u16>().ok());
        Some([1, 2, 3, 4, 5, 6].map(num))
    })?;
    let ymd = |d: Option<u16>, m: Option<u16>, y: Option<u16>| {
        PartialDate::ymd(y?, u8::try_from(m?).ok()?, u8::try_from(d?).ok()?)
    };
    if caps[0].is_some() {
        ymd(caps[0], caps[1], caps[2])
    } else if caps[3].is_some() {
        ymd(caps[3], caps[4], caps[5])
    } else {
        issued
    }
}

/// Where "hiệu lực" begins in `text`, in order, in any case and with or
/// without diacritics.
fn hieu_luc_at(text: &str) -> impl Iterator<Item = usize> + '_ {
    const FORMS: [&str; 6] = [
        "hiệu lực",
        "Hiệu lực",
        "HIỆU LỰC",
        "hieu luc",
        "Hieu luc",
        "HIEU LUC",
    ];
    let mut at: Vec<usize> = FORMS
        .iter()
        .flat_map(|f| text.match_indices(f).map(|(i, _)| i))
        .collect();
    at.sort_unstable();
    at.into_iter()
}

/// The char boundary at or before `at`, within `text`.
fn char_floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_states_when_the_document_takes_effect() {
        let issued = PartialDate::ymd(2019, 7, 12);
        assert_eq!(
            effective_in_text("Quyết định này có hiệu lực kể từ ngày ký.", issued),
            issued
        );
        assert_eq!(
            effective_in_text(
                "Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 9 năm 2019",
                issued
            ),
            PartialDate::ymd(2019, 9, 1)
        );
        assert_eq!(
            effective_in_text("có hiệu lực từ ngày 5/10/2020", issued),
            PartialDate::ymd(2020, 10, 5)
        );
        assert_eq!(
            effective_in_text("Kế hoạch này thực hiện ngay.", issued),
            None
        );
    }

    #[test]
    fn the_effective_phrase_is_found_anywhere_in_any_case() {
        let issued = PartialDate::ymd(2019, 7, 12);
        let long = format!(
            "{}Điều 3. Quyết định này CÓ HIỆU LỰC KỂ TỪ NGÀY 15/8/2019. Ông Đặng Văn Ơn…",
            "Nâng cao hiệu lực, hiệu quả quản lý nhà nước. ".repeat(500)
        );
        assert_eq!(
            effective_in_text(&long, issued),
            PartialDate::ymd(2019, 8, 15)
        );
        assert_eq!(
            effective_in_text("Quyet dinh nay co hieu luc ke tu ngay ky", issued),
            issued
        );
        assert_eq!(effective_in_text("ở cuối: có hiệu lực", issued), None);
    }

    #[test]
    fn statuses_read_from_front_matter_in_either_spelling() {
        assert_eq!(Status::lookup("Còn hiệu lực"), Some(Status::InForce));
        assert_eq!(Status::lookup("het-hieu-luc"), Some(Status::NotInForce));
        assert_eq!(
            Status::lookup("Hết hiệu lực một phần"),
            Some(Status::PartlyInForce)
        );
        assert_eq!(Status::lookup("bị treo"), None);
    }
}
