//! Partial dates. Real documents leave the day blank ("ngày   tháng 3 năm
//! 2022"), and some give only a year, so a date is a year with an optional
//! month and an optional day, and a partial date matches every full date in
//! its period.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    /// Only present together with `month`.
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<Self> {
        if !(1900..=2200).contains(&year) {
            return None;
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return None;
            }
            if let Some(d) = day {
                if d < 1 || d > days_in_month(year, m) {
                    return None;
                }
            }
        } else if day.is_some() {
            return None;
        }
        Some(PartialDate { year, month, day })
    }

    pub fn ymd(year: u16, month: u8, day: u8) -> Option<Self> {
        Self::new(year, Some(month), Some(day))
    }

    /// Parses the ISO-like forms used in front matter: "2019-07-12",
    /// "2022-03", "2024" (one-digit month or day accepted).
    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let year = parts.next()?.parse().ok()?;
        let month = match parts.next() {
            Some(m) => Some(m.parse().ok()?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(d.parse().ok()?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Self::new(year, month, day)
    }

    /// Parses the day-first numeric form of Vietnamese text: "27/12/2018",
    /// "2/8/2007", "3/2022".
    pub fn parse_dmy(text: &str) -> Option<Self> {
        let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
        let nums: Option<Vec<u16>> = parts.iter().map(|p| p.trim().parse().ok()).collect();
        match nums?.as_slice() {
            [d, m, y] => Self::ymd(*y, u8::try_from(*m).ok()?, u8::try_from(*d).ok()?),
            [m, y] => Self::new(*y, Some(u8::try_from(*m).ok()?), None),
            _ => None,
        }
    }

    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    /// True when both can be the same day: equal where both are known.
    pub fn compatible(&self, other: &PartialDate) -> bool {
        fn agree<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
            match (a, b) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            }
        }
        self.year == other.year && agree(self.month, other.month) && agree(self.day, other.day)
    }

    /// ISO form: "2019-07-12", "2022-03", "2024". Sorts chronologically.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    /// Short Vietnamese form: "12/07/2019", "03/2022", "2024".
    pub fn short_vi(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d:02}/{m:02}/{}", self.year),
            (Some(m), None) => format!("{m:02}/{}", self.year),
            _ => self.year.to_string(),
        }
    }

    /// Long Vietnamese form as the official layout writes it:
    /// "ngày 12 tháng 7 năm 2019", "ngày   tháng 3 năm 2022", "năm 2024".
    pub fn long_vi(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("ngày {d} tháng {m} năm {}", self.year),
            (Some(m), None) => format!("tháng {m} năm {}", self.year),
            _ => format!("năm {}", self.year),
        }
    }

    /// RFC 3339 timestamp at midnight UTC+7 of the first day of the period,
    /// for feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00+07:00",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_and_partial_iso_dates() {
        assert_eq!(
            PartialDate::parse_iso("2019-07-12"),
            PartialDate::ymd(2019, 7, 12)
        );
        assert_eq!(
            PartialDate::parse_iso("2022-03"),
            PartialDate::new(2022, Some(3), None)
        );
        assert_eq!(
            PartialDate::parse_iso("2024"),
            PartialDate::new(2024, None, None)
        );
        assert_eq!(PartialDate::parse_iso("2019-02-30"), None);
        assert_eq!(PartialDate::parse_iso("2019-13"), None);
        assert_eq!(PartialDate::parse_iso("twenty"), None);
        assert_eq!(PartialDate::parse_iso("2019-01-01-01"), None);
    }

    #[test]
    fn parses_day_first_dates() {
        assert_eq!(
            PartialDate::parse_dmy("27/12/2018"),
            PartialDate::ymd(2018, 12, 27)
        );
        assert_eq!(
            PartialDate::parse_dmy("2/8/2007"),
            PartialDate::ymd(2007, 8, 2)
        );
        assert_eq!(
            PartialDate::parse_dmy("3/2022"),
            PartialDate::new(2022, Some(3), None)
        );
        assert_eq!(PartialDate::parse_dmy("32/1/2020"), None);
    }

    #[test]
    fn partial_dates_match_their_period() {
        let march = PartialDate::new(2022, Some(3), None).unwrap();
        assert!(march.compatible(&PartialDate::ymd(2022, 3, 18).unwrap()));
        assert!(!march.compatible(&PartialDate::ymd(2022, 4, 1).unwrap()));
        let y = PartialDate::new(2021, None, None).unwrap();
        assert!(y.compatible(&PartialDate::ymd(2021, 1, 8).unwrap()));
        assert!(!PartialDate::ymd(2021, 1, 1)
            .unwrap()
            .compatible(&PartialDate::ymd(2021, 1, 8).unwrap()));
    }

    #[test]
    fn formats_in_vietnamese() {
        let d = PartialDate::ymd(2019, 7, 12).unwrap();
        assert_eq!(d.long_vi(), "ngày 12 tháng 7 năm 2019");
        assert_eq!(d.short_vi(), "12/07/2019");
        let m = PartialDate::new(2022, Some(3), None).unwrap();
        assert_eq!(m.long_vi(), "tháng 3 năm 2022");
        assert_eq!(m.iso(), "2022-03");
    }
}
