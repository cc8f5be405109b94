//! Names in text → units: "UBND tỉnh Quảng Trị", "ỦY BAN NHÂN DÂN TỈNH
//! KHÁNH HÒA", "Sở Nội vụ tỉnh Quảng Trị", "TP. Hồ Chí Minh".
//!
//! Text is split into words and folded ([`crate::text::fold`]: case,
//! diacritics and "Hòa"/"Hoà" tone placement no longer matter). A type word
//! ("tỉnh", "huyện", "thành phố", "tp", "xã"…) followed by the longest run
//! of words that is a known name makes a *mention*. The issuer is the most
//! specific mention; the others (and the caller's context) narrow it down,
//! so "UBND huyện Châu Thành, tỉnh Long An" is one district of eleven. When
//! the text spells diacritics, units spelled the same (tones compared per
//! word, so "Hoà" = "Hòa") win over units that only fold the same
//! ("Thạnh" vs "Thành"). Last, a document date keeps the units that
//! existed then: a 2022 "phường Giảng Võ" is the former ward, a 2025-08 one
//! the new ward.

use super::{Level, Registry, Unit};
use crate::model::PartialDate;
use crate::text::{fold, nfc};
use unicode_normalization::UnicodeNormalization;

/// Other names of units in force, each given as (name, code).
pub(super) const ALIASES: &[(&str, &str)] = &[
    // Tỉnh Thừa Thiên Huế until 31 December 2024.
    ("Thừa Thiên Huế", "46"),
    ("HCM", "79"),
    ("TPHCM", "79"),
    ("Sài Gòn", "79"),
];

/// Type words as folded words, the levels they name, and the official
/// type word they abbreviate (to prefer "thị xã Kỳ Anh" over "huyện Kỳ Anh").
const TYPE_WORDS: &[(&[&str], &[Level], &str)] = &[
    (&["thanh", "pho"], &[Level::Tinh, Level::Huyen], "Thành phố"),
    (&["tp"], &[Level::Tinh, Level::Huyen], "Thành phố"),
    (&["thi", "tran"], &[Level::Xa], "Thị trấn"),
    (&["thi", "xa"], &[Level::Huyen], "Thị xã"),
    (&["tx"], &[Level::Huyen], "Thị xã"),
    (&["dac", "khu"], &[Level::Xa], "Đặc khu"),
    (&["tinh"], &[Level::Tinh], "Tỉnh"),
    (&["huyen"], &[Level::Huyen], "Huyện"),
    (&["quan"], &[Level::Huyen], "Quận"),
    (&["xa"], &[Level::Xa], "Xã"),
    (&["phuong"], &[Level::Xa], "Phường"),
];

/// The longest bare name, in words ("Bà Rịa - Vũng Tàu" is 4).
const MAX_NAME_WORDS: usize = 8;

struct Word<'a> {
    text: &'a str,
    folded: String,
}

fn words(text: &str) -> Vec<Word<'_>> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| {
            let folded: String = fold(w)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            (!folded.is_empty()).then_some(Word { text: w, folded })
        })
        .collect()
}

/// The folded lookup key of a name: "Bà Rịa - Vũng Tàu" → "ba ria vung tau".
pub(super) fn key(name: &str) -> String {
    let name = nfc(name);
    let w: Vec<String> = words(&name).into_iter().map(|w| w.folded).collect();
    w.join(" ")
}

/// A diacritic-exact key insensitive to case and tone placement: each
/// word's tone marks are taken off and appended ("Hoà", "HÒA" → "hoa\u{300}").
fn tone_key<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut tones = Vec::new();
        let mut base = String::new();
        for c in w.nfd().flat_map(char::to_lowercase) {
            match c {
                '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => tones.push(c),
                _ => base.push(c),
            }
        }
        out.extend(base.nfc());
        out.extend(tones);
    }
    out
}

fn has_diacritics(words: &[Word]) -> bool {
    words.iter().any(|w| !w.text.is_ascii())
}

/// Matches a type word at `words[i..]`: its width in words and entry.
fn type_at(words: &[Word], i: usize) -> Option<(usize, &'static [Level], &'static str)> {
    TYPE_WORDS.iter().find_map(|(ws, levels, kind)| {
        let fits =
            ws.len() + i <= words.len() && ws.iter().zip(&words[i..]).all(|(t, w)| w.folded == *t);
        fits.then_some((ws.len(), *levels, *kind))
    })
}

impl Registry {
    /// Units whose bare name is `words`, filtered by a type word's levels
    /// (official type word first) and by spelling when diacritics are given.
    fn lookup(&self, words: &[Word], ty: Option<(&[Level], &str)>) -> Vec<&Unit> {
        let k: Vec<&str> = words.iter().map(|w| w.folded.as_str()).collect();
        let Some(found) = self.names.get(&k.join(" ")) else {
            return Vec::new();
        };
        let mut cands: Vec<&Unit> = found.iter().map(|&i| &self.units[i]).collect();
        if let Some((levels, kind)) = ty {
            cands.retain(|u| levels.contains(&u.level));
            let folded_kind = fold(kind);
            if cands.iter().any(|u| fold(u.kind) == folded_kind) {
                cands.retain(|u| fold(u.kind) == folded_kind);
            }
        }
        if has_diacritics(words) {
            let want = tone_key(words.iter().map(|w| w.text));
            let same: Vec<&Unit> = cands
                .iter()
                .copied()
                .filter(|u| {
                    let bare = nfc(&u.name[u.kind.len()..]);
                    tone_key(self::words(&bare).iter().map(|w| w.text)) == want
                })
                .collect();
            if !same.is_empty() {
                cands = same;
            }
        }
        cands
    }

    /// Keeps the units that existed on `on` (if any did), then orders them:
    /// in force first, then by level and code.
    fn prefer<'a>(&self, mut cands: Vec<&'a Unit>, on: Option<PartialDate>) -> Vec<&'a Unit> {
        if let Some(on) = on {
            if cands.iter().any(|u| u.existed_on(on)) {
                cands.retain(|u| u.existed_on(on));
            }
        }
        cands.sort_by_key(|u| (!u.in_force(), u.level, u.code));
        cands.dedup_by_key(|u| u.idx);
        cands
    }

    /// Units named `name`, with or without its type word ("Khánh Hòa",
    /// "tỉnh Khánh Hoà", "TP. Hồ Chí Minh", "Quận 1"), in any case, with or
    /// without diacritics. All homonyms are returned (eleven "Huyện Châu
    /// Thành"); with a date, only those that existed on it if any did. In
    /// force first, then by level and code.
    pub fn find(&self, name: &str, on: Option<PartialDate>) -> Vec<&Unit> {
        let name = nfc(name);
        let ws = words(&name);
        let mut cands = Vec::new();
        if let Some((width, levels, kind)) = type_at(&ws, 0) {
            cands = self.lookup(&ws[width..], Some((levels, kind)));
        }
        if cands.is_empty() {
            cands = self.lookup(&ws, None);
        }
        self.prefer(cands, on)
    }

    /// The unit(s) that issued a document, from its issuer line ("UBND
    /// huyện Vĩnh Linh", "Sở Nội vụ tỉnh Quảng Trị", "ỦY BAN NHÂN DÂN TỈNH
    /// KHÁNH HÒA"): the most specific unit the text names, narrowed by the
    /// others it names ("xã A, huyện B, tỉnh C"). Without a type word the
    /// whole text is taken as a name ([`Registry::find`]). Several results
    /// mean the text is ambiguous (a district name shared by several
    /// provinces): see [`Registry::resolve_issuer_in`].
    pub fn resolve_issuer(&self, text: &str, on: Option<PartialDate>) -> Vec<&Unit> {
        self.resolve(text, on, None)
    }

    /// [`Registry::resolve_issuer`] within `context` (typically the province
    /// of the document's folder, former or current): only units that lie in
    /// it ([`Registry::lies_in`]); empty if none does.
    pub fn resolve_issuer_in(
        &self,
        text: &str,
        on: Option<PartialDate>,
        context: &Unit,
    ) -> Vec<&Unit> {
        self.resolve(text, on, Some(context))
    }

    fn resolve(&self, text: &str, on: Option<PartialDate>, context: Option<&Unit>) -> Vec<&Unit> {
        let text = nfc(text);
        let ws = words(&text);
        let mixed_case =
            text.chars().any(char::is_lowercase) && text.chars().any(char::is_uppercase);
        let mut mentions: Vec<Vec<&Unit>> = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let Some((width, levels, kind)) = type_at(&ws, i) else {
                i += 1;
                continue;
            };
            let start = i + width;
            // In mixed-case text names are capitalised: "Xã hội" is no
            // commune (unless the official name is not: "Xã é Tòng").
            let lower_start = mixed_case
                && ws
                    .get(start)
                    .and_then(|w| w.text.chars().next())
                    .is_some_and(char::is_lowercase);
            let mut matched = 0;
            for n in (1..=MAX_NAME_WORDS.min(ws.len() - start)).rev() {
                let mut cands = self.lookup(&ws[start..start + n], Some((levels, kind)));
                if lower_start {
                    cands.retain(|u| u.short_name.starts_with(char::is_lowercase));
                }
                if !cands.is_empty() {
                    mentions.push(cands);
                    matched = n;
                    break;
                }
            }
            i = start + matched;
        }
        let in_context = |u: &Unit| context.is_none_or(|c| self.lies_in(u, c));
        if mentions.is_empty() {
            let mut found = self.find(&text, on);
            found.retain(|u| in_context(u));
            return found;
        }
        let depth = |m: &Vec<&Unit>| m.iter().map(|u| u.level).max();
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&m| std::cmp::Reverse(depth(&mentions[m])));
        for &m in &order {
            let mut cands = mentions[m].clone();
            let level = depth(&mentions[m]);
            for (o, other) in mentions.iter().enumerate() {
                if o != m && depth(other) < level {
                    cands.retain(|u| other.iter().any(|a| self.lies_in(u, a)));
                }
            }
            cands.retain(|u| in_context(u));
            if !cands.is_empty() {
                return self.prefer(cands, on);
            }
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::super::registry;
    use super::*;

    fn date(y: u16, m: u8, d: u8) -> Option<PartialDate> {
        PartialDate::ymd(y, m, d)
    }

    fn first(text: &str, on: Option<PartialDate>) -> &'static Unit {
        let found = registry().resolve_issuer(text, on);
        assert!(!found.is_empty(), "{text}: nothing");
        found[0]
    }

    #[test]
    fn keys_fold_case_diacritics_and_punctuation() {
        assert_eq!(key("Bà Rịa - Vũng Tàu"), "ba ria vung tau");
        assert_eq!(key("KHÁNH HOÀ"), key("khanh hòa"));
        assert_eq!(tone_key(["Hoà"].into_iter()), tone_key(["HÒA"].into_iter()));
        assert_ne!(
            tone_key(["Thạnh"].into_iter()),
            tone_key(["Thành"].into_iter())
        );
    }

    #[test]
    fn a_district_issuer_is_the_former_district_under_its_province() {
        let r = registry();
        let found = r.resolve_issuer("UBND huyện Triệu Sơn", None);
        assert_eq!(found.len(), 1);
        let u = found[0];
        assert_eq!((u.name, u.level), ("Huyện Triệu Sơn", Level::Huyen));
        assert_eq!(r.parent(u).unwrap().name, "Tỉnh Thanh Hóa");
        assert_eq!(u.until, PartialDate::ymd(2025, 6, 30));
        let chain = r.successor_chain(u);
        assert_eq!(chain[0].name, "Tỉnh Thanh Hóa");
        assert!(chain[0].in_force());
        assert_eq!(first("Huyện Triệu Sơn", None).code, u.code);
        assert_eq!(first("UBND huyện Vĩnh Linh", None).code, "464");
    }

    #[test]
    fn a_department_resolves_to_its_province() {
        let now = first("Sở Nội vụ tỉnh Quảng Trị", None);
        assert_eq!(
            (now.code, now.name, now.in_force()),
            ("44", "Tỉnh Quảng Trị", true)
        );
        let then = first("Sở Nội vụ tỉnh Quảng Trị", date(2022, 5, 10));
        assert_eq!((then.code, then.in_force()), ("45", false));
        assert_eq!(first("UBND tỉnh Quảng Trị", date(2025, 8, 1)).code, "44");
    }

    #[test]
    fn issuers_match_in_any_case_and_spelling() {
        for text in [
            "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
            "ubnd tinh khanh hoa",
            "UBND tỉnh Khánh Hoà",
            "Uỷ ban nhân dân tỉnh Khánh Hòa",
            "Khánh Hòa",
        ] {
            let u = first(text, None);
            assert_eq!((u.code, u.name), ("56", "Tỉnh Khánh Hòa"), "{text}");
        }
        assert_eq!(first("TP. Hồ Chí Minh", None).code, "79");
        assert_eq!(first("UBND TP.HCM", None).code, "79");
        assert_eq!(first("thành phố Hà Nội", None).code, "01");
        assert_eq!(first("UBND huyện Lệ Thuỷ", None).name, "Huyện Lệ Thủy");
        assert_eq!(
            first("UBND tỉnh Thừa Thiên Huế", date(2022, 1, 1)).code,
            "46"
        );
    }

    #[test]
    fn the_document_date_picks_the_period() {
        let before = first("UBND phường Giảng Võ", date(2022, 3, 1));
        assert_eq!((before.code, before.in_force()), ("00031", false));
        assert_eq!(before.level, Level::Xa);
        let after = first("UBND phường Giảng Võ", date(2025, 8, 15));
        assert_eq!((after.code, after.in_force()), ("00025", true));
        let xa = first("UBND xã Phù Đổng", date(2025, 8, 1));
        assert_eq!(
            (xa.code, xa.in_force(), xa.level),
            ("00541", true, Level::Xa)
        );
        assert_eq!(first("UBND xã Phù Đổng", date(2022, 1, 1)).code, "00544");
        // Without a date both, in force first.
        let both = registry().resolve_issuer("UBND phường Giảng Võ", None);
        assert_eq!(both.len(), 2);
        assert!(both[0].in_force());
    }

    #[test]
    fn a_shared_district_name_is_ambiguous_until_given_a_province() {
        let r = registry();
        let all = r.resolve_issuer("UBND huyện Châu Thành", None);
        assert!(all.len() > 5, "{}", all.len());
        assert!(all.iter().all(|u| u.name == "Huyện Châu Thành"));
        let long_an = r
            .by_code_on("80", PartialDate::ymd(2024, 1, 1).unwrap())
            .unwrap();
        assert_eq!(long_an.name, "Tỉnh Long An");
        let one = r.resolve_issuer_in("UBND huyện Châu Thành", None, long_an);
        assert_eq!(one.len(), 1);
        assert_eq!(r.parent(one[0]).unwrap().code, "80");
        // The new Tây Ninh holds both the former Tây Ninh's and Long An's.
        let tay_ninh = r.by_code("80").unwrap();
        let two = r.resolve_issuer_in("UBND huyện Châu Thành", None, tay_ninh);
        assert_eq!(two.len(), 2);
        // The text's own province narrows it the same way.
        let named = r.resolve_issuer("UBND huyện Châu Thành, tỉnh Long An", None);
        assert_eq!(names_codes(&named), names_codes(&one));
        // A context that holds no such district gives nothing.
        let ha_noi = r.by_code("01").unwrap();
        assert!(r
            .resolve_issuer_in("UBND huyện Châu Thành", None, ha_noi)
            .is_empty());
    }

    fn names_codes(units: &[&Unit]) -> Vec<&'static str> {
        units.iter().map(|u| u.code).collect()
    }

    #[test]
    fn the_most_specific_unit_named_is_the_issuer() {
        let u = first("UBND huyện Vĩnh Linh, tỉnh Quảng Trị", None);
        assert_eq!(u.code, "464");
        let u = first("TỈNH THANH HÓA\nUBND HUYỆN TRIỆU SƠN", None);
        assert_eq!(u.code, "397");
        // "Xã hội" in a department's name is no commune.
        let u = first("Sở Lao động - Thương binh và Xã hội tỉnh Quảng Trị", None);
        assert_eq!(u.code, "44");
    }

    #[test]
    fn issuers_of_the_sample_content_resolve_to_their_folders() {
        let r = registry();
        let path = |text: &str, on: &str| {
            let found = r.resolve_issuer(text, PartialDate::parse_iso(on));
            found.first().map(|u| r.path(u))
        };
        assert_eq!(
            path("UBND huyện Triệu Sơn", "2020-04-06").unwrap(),
            "thanh-hoa/trieu-son"
        );
        assert_eq!(
            path("Ủy ban nhân dân huyện Triệu Sơn", "2019-07-12").unwrap(),
            "thanh-hoa/trieu-son"
        );
        assert_eq!(
            path("UBND huyện Vĩnh Linh", "2024").unwrap(),
            "quang-tri/vinh-linh"
        );
        assert_eq!(
            path("UBND tỉnh Quảng Trị", "2019-03-28").unwrap(),
            "quang-tri"
        );
        assert_eq!(
            path("UBND tỉnh Thanh Hóa", "2020-01-10").unwrap(),
            "thanh-hoa"
        );
        assert_eq!(
            path("Ủy ban nhân dân tỉnh Khánh Hòa", "2021-11").unwrap(),
            "khanh-hoa"
        );
        let nam_dinh = first(
            "Ủy ban nhân dân tỉnh Nam Định",
            PartialDate::parse_iso("2022-03"),
        );
        assert_eq!(r.path(nam_dinh), "nam-dinh");
        assert_eq!(r.successor_chain(nam_dinh)[0].name, "Tỉnh Ninh Bình");
        assert!(r.resolve_issuer("Thủ tướng Chính phủ", None).is_empty());
        assert!(r.resolve_issuer("UBND tỉnh Atlantis", None).is_empty());
    }

    #[test]
    fn every_unit_is_found_by_its_own_name_on_its_own_dates() {
        let r = registry();
        let mut misses = Vec::new();
        for u in r.units() {
            let on = u.until.or(u.since);
            let by_name = r.find(u.name, on);
            let as_issuer = r.resolve_issuer(&format!("UBND {}", u.name), on);
            let folded = r.find(&fold(u.name), on);
            for (how, found) in [("find", by_name), ("issuer", as_issuer), ("folded", folded)] {
                if !found.iter().any(|f| f.idx == u.idx) {
                    misses.push(format!("{how}: {} {}", u.code, u.name));
                }
            }
        }
        assert!(
            misses.is_empty(),
            "{} misses: {:?}",
            misses.len(),
            &misses[..misses.len().min(20)]
        );
    }

    #[test]
    fn find_accepts_names_with_or_without_type_words() {
        let r = registry();
        assert_eq!(r.find("Khánh Hòa", None)[0].code, "56");
        assert_eq!(r.find("Quận 1", None)[0].code, "760");
        assert_eq!(r.find("Bà Rịa - Vũng Tàu", None)[0].code, "77");
        assert_eq!(r.find("thị xã Kỳ Anh", None).len(), 1);
        assert_eq!(r.find("thị xã Kỳ Anh", None)[0].kind, "Thị xã");
        assert!(r.find("Nowhere", None).is_empty());
    }
}
