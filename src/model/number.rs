//! Document numbers (số ký hiệu). Four grammars occur in practice:
//! administrative `6861/KH-UBND`, công văn `4587/UBND-TH`, normative
//! `129/2007/QĐ-TTg` and party `425-CV/HU`. A number is displayed as written
//! and matched through its key, which ignores case, diacritics, spacing and
//! the choice of "/" or "-" between parts ("1847/QD-TTG", "733/QĐ/TTg" and
//! "129 /2007/QĐ-TTg" all match their proper forms).

use super::Kind;
use crate::text::fold;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocNumber {
    /// As the document wrote it (NFC), e.g. "6861/KH-UBND", "/BC-UBND".
    pub written: String,
}

impl DocNumber {
    pub fn new(written: &str) -> Self {
        DocNumber {
            written: crate::text::nfc(written.trim()),
        }
    }

    /// The alphanumeric parts, folded to ASCII upper case:
    /// "129/2007/QĐ-TTg" → ["129", "2007", "QD", "TTG"].
    pub fn parts(&self) -> Vec<String> {
        fold(&self.written)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|p| !p.is_empty())
            .map(|p| p.to_ascii_uppercase())
            .collect()
    }

    /// The matching key: parts joined by "-". Two numbers with the same key
    /// are the same number as far as matching goes.
    pub fn key(&self) -> String {
        self.parts().join("-")
    }

    /// The leading serial number, if the number was filled in
    /// ("/BC-UBND" leaves it blank).
    pub fn serial(&self) -> Option<&str> {
        let s = self.written.trim_start();
        let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        (end > 0).then(|| &s[..end])
    }

    /// The year a normative number carries ("129/2007/QĐ-TTg" → 2007).
    pub fn year(&self) -> Option<u16> {
        let parts = self.parts();
        let second = parts.get(1)?;
        if self.serial().is_some() && second.len() == 4 {
            let y: u16 = second.parse().ok()?;
            return (1945..=2200).contains(&y).then_some(y);
        }
        None
    }

    /// The written segment that names the kind: the first alphabetic part
    /// ("KH" in 6861/KH-UBND, "CV" in 425-CV/HU, "UBND" in 4587/UBND-TH).
    fn kind_segment(&self) -> Option<String> {
        let written = self.written.replace('Ð', "Đ");
        written
            .split(|c: char| !c.is_alphanumeric())
            .find(|p| !p.is_empty() && !p.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_string)
    }

    /// The kind the number's abbreviation implies. A number whose first
    /// segment is no kind abbreviation is a công văn's (N/ORG-UNIT).
    pub fn implied_kind(&self) -> Option<Kind> {
        self.kind_segment()?;
        self.abbreviated_kind()
            .or_else(|| Kind::by_slug("cong-van"))
    }

    /// The kind named by an abbreviation in the number, if it has one
    /// ("KH" in 6861/KH-UBND); None for công văn numbers like 4587/UBND-TH.
    pub fn abbreviated_kind(&self) -> Option<Kind> {
        Kind::by_abbr(&self.kind_segment()?)
    }

    /// The issuing body's code as the number writes it ("UBND" in
    /// 6861/KH-UBND, "TTg" in 1847/QĐ-TTg, "HU" in 425-CV/HU).
    pub fn issuer_code(&self) -> Option<String> {
        let written = self.written.replace('Ð', "Đ");
        let segments: Vec<&str> = written
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty() && !p.chars().all(|c| c.is_ascii_digit()))
            .collect();
        match segments.as_slice() {
            [] => None,
            [only] => Some(only.to_string()),
            [first, second, ..] => {
                if Kind::by_abbr(first).is_some() {
                    Some(second.to_string())
                } else {
                    Some(first.to_string())
                }
            }
        }
    }
}

impl std::fmt::Display for DocNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.written)
    }
}

impl serde::Serialize for DocNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        DocNumber::new(s).key()
    }

    #[test]
    fn variants_seen_in_the_wild_share_a_key() {
        let k = key("1847/QĐ-TTg");
        assert_eq!(k, "1847-QD-TTG");
        for v in [
            "1847/QĐ-TTG",
            "1847/QD-TTg",
            "1847/QÐ-TTg",
            "1847 / QĐ - TTg",
        ] {
            assert_eq!(key(v), k, "{v}");
        }
        assert_eq!(key("733/QĐ/TTg"), key("733/QĐ-TTg"));
        assert_eq!(key("129 /2007/QĐ-TTg"), key("129/2007/QĐ-TTg"));
        assert_ne!(key("425-CV/HU"), key("425-CV/TU"));
    }

    #[test]
    fn reads_serial_year_and_kind() {
        let n = DocNumber::new("129/2007/QĐ-TTg");
        assert_eq!(n.serial(), Some("129"));
        assert_eq!(n.year(), Some(2007));
        assert_eq!(n.implied_kind().unwrap().slug, "quyet-dinh");
        assert_eq!(n.issuer_code().as_deref(), Some("TTg"));
        let blank = DocNumber::new("/BC-UBND");
        assert_eq!(blank.serial(), None);
        assert_eq!(blank.implied_kind().unwrap().slug, "bao-cao");
        assert_eq!(DocNumber::new("6861/KH-UBND").year(), None);
    }

    #[test]
    fn cong_van_and_party_numbers() {
        assert_eq!(
            DocNumber::new("4587/UBND-TH").implied_kind().unwrap().slug,
            "cong-van"
        );
        assert_eq!(
            DocNumber::new("425-CV/HU").implied_kind().unwrap().slug,
            "cong-van"
        );
        assert_eq!(
            DocNumber::new("425-CV/HU").issuer_code().as_deref(),
            Some("HU")
        );
        assert_eq!(
            DocNumber::new("494/SNV-CCVC").issuer_code().as_deref(),
            Some("SNV")
        );
    }
}
