//! Synthetic corpus for benchmarks: `generate` writes N realistic documents
//! as a vanban site (34 provinces, their former districts, the national
//! level), deterministically for a seed. `hugo::write_hugo_site` converts
//! such a site for Hugo, to compare build times.
//!
//! Generation runs in three passes: plan every document (place, issuer,
//! kind, date, title), number them per issuer and year in date order, then
//! write them, citing documents planned earlier.

mod bodies;
mod citations;
mod geography;
pub mod hugo;
mod long_tail;
mod names;
mod phrases;
mod text;
mod titles;

use crate::model::{Kind, PartialDate};
use crate::text::slugify;
use bodies::Cites;
use citations::{outside, subject_of, DateStyle, Ref, NATIONAL};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use text::Ctx;
use titles::{Issuer, TOPICS};

/// What to generate beside the documents' own structure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CorpusOptions {
    /// Each document (about 1,500 words) also cites 4–5 documents that are
    /// not on the site, nearly all distinct: see [`long_tail`].
    pub long_tail: bool,
}

/// What `generate` wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorpusStats {
    /// Documents (`*.md` other than `_index.md`).
    pub documents: usize,
    /// Jurisdiction folders, the root included.
    pub jurisdictions: usize,
    /// Bytes written, all files included.
    pub bytes: u64,
}

/// A jurisdiction of the generated site.
struct Jur {
    /// "Huyện Vĩnh Linh", "Tỉnh Quảng Trị", "Thành phố Hà Nội".
    name: String,
    /// "Vĩnh Linh".
    bare: String,
    /// "huyện", "tỉnh", "thành phố", "thị xã", "quận".
    unit: &'static str,
    /// Content path: "quang-tri/vinh-linh".
    path: String,
    /// The enclosing province (itself for a province).
    province: usize,
    district: bool,
    /// Signers per issuer: head until 2021, head from 2021, two deputies.
    roster: [[String; 4]; 3],
}

impl Jur {
    /// "huyện Vĩnh Linh".
    fn place(&self) -> String {
        format!("{} {}", self.unit, self.bare)
    }

    /// "UBND huyện Vĩnh Linh".
    fn ubnd_short(&self) -> String {
        format!("UBND {}", self.place())
    }

    fn party_name(&self) -> (String, &'static str) {
        let (word, code) = match self.unit {
            "tỉnh" => ("Tỉnh ủy", "TU"),
            "thành phố" => ("Thành ủy", "TU"),
            "thị xã" => ("Thị ủy", "TU"),
            "quận" => ("Quận ủy", "QU"),
            _ => ("Huyện ủy", "HU"),
        };
        (format!("{word} {}", self.bare), code)
    }
}

/// The folder name of a former district: "vinh-linh", or "quan-1" when the
/// name is a number.
pub(crate) fn district_slug(full: &str, bare: &str) -> String {
    if bare.chars().all(|c| c.is_ascii_digit()) {
        slugify(full)
    } else {
        slugify(bare)
    }
}

fn build_world<R: Rng>(rng: &mut R) -> Vec<Jur> {
    let roster = |rng: &mut R| -> [[String; 4]; 3] {
        std::array::from_fn(|_| std::array::from_fn(|_| names::person(rng)))
    };
    let mut jurs = vec![Jur {
        name: "Trung ương".into(),
        bare: "Trung ương".into(),
        unit: "",
        path: String::new(),
        province: 0,
        district: false,
        roster: roster(rng),
    }];
    for p in geography::PROVINCES {
        let pi = jurs.len();
        let unit = if p.city { "thành phố" } else { "tỉnh" };
        let path = slugify(p.name);
        jurs.push(Jur {
            name: format!("{} {}", citations::upper_first(unit), p.name),
            bare: p.name.into(),
            unit,
            path: path.clone(),
            province: pi,
            district: false,
            roster: roster(rng),
        });
        for d in p.districts {
            let (unit, bare) = geography::split_unit(d);
            jurs.push(Jur {
                name: (*d).into(),
                bare: bare.into(),
                unit,
                path: format!("{path}/{}", district_slug(d, bare)),
                province: pi,
                district: true,
                roster: roster(rng),
            });
        }
    }
    jurs
}

/// One planned document.
struct Doc {
    jur: usize,
    issuer: Issuer,
    kind: &'static str,
    /// The full date (what citing documents know).
    date: PartialDate,
    /// The date as published: sometimes only month or year.
    shown: PartialDate,
    /// 0 when the number was left blank.
    serial: u32,
    normative: bool,
    number: String,
    title: String,
    heading: Option<&'static str>,
}

fn date_key(d: &PartialDate) -> u32 {
    d.year as u32 * 10_000 + d.month.unwrap_or(6) as u32 * 100 + d.day.unwrap_or(15) as u32
}

fn random_date<R: Rng>(rng: &mut R, district: bool) -> PartialDate {
    let year = rng.gen_range(2019..=2025u16);
    let last_month = if district && year == 2025 { 6 } else { 12 };
    let month = rng.gen_range(1..=last_month);
    let day = rng.gen_range(1..=crate::model::date::days_in_month(year, month));
    PartialDate::ymd(year, month, day).expect("valid date")
}

fn plan<R: Rng>(jurs: &[Jur], count: usize, rng: &mut R) -> Vec<Doc> {
    let provinces: Vec<usize> = (0..jurs.len())
        .filter(|&i| i > 0 && !jurs[i].district)
        .collect();
    let mut docs = Vec::with_capacity(count);
    for _ in 0..count {
        let pi = provinces[rng.gen_range(0..provinces.len())];
        let jur = if rng.gen_bool(0.35) {
            pi
        } else {
            let n = geography::PROVINCES[provinces.iter().position(|&x| x == pi).unwrap_or(0)]
                .districts
                .len();
            pi + 1 + rng.gen_range(0..n)
        };
        let issuer = match rng.gen_range(0..100) {
            0..=61 => Issuer::Ubnd,
            62..=77 => Issuer::NoiVu,
            78..=91 => Issuer::Party,
            _ => Issuer::News,
        };
        let kind = titles::pick_kind(issuer, rng);
        let date = random_date(rng, jurs[jur].district);
        let blank =
            issuer == Issuer::Ubnd && matches!(kind, "bao-cao" | "cong-van") && rng.gen_bool(0.04);
        let shown = if blank || (kind != "tin-bai" && rng.gen_bool(0.07)) {
            PartialDate::new(date.year, date.month, None).expect("month")
        } else if kind != "tin-bai" && rng.gen_bool(0.02) {
            PartialDate::new(date.year, None, None).expect("year")
        } else {
            date
        };
        let normative = kind == "quyet-dinh" && issuer == Issuer::Ubnd && rng.gen_bool(0.15);
        let (title, heading) = titles::title(kind, issuer, &jurs[jur].place(), date.year, rng);
        docs.push(Doc {
            jur,
            issuer,
            kind,
            date,
            shown,
            serial: u32::from(!blank && kind != "tin-bai"),
            normative,
            number: String::new(),
            title,
            heading,
        });
    }
    docs
}

/// Numbers every document: serials increase with the date inside each
/// register (issuer and year; party committees and normative decisions
/// keep one register per kind), with gaps for the documents not in the
/// corpus.
fn number(jurs: &[Jur], docs: &mut [Doc], rng: &mut impl Rng) {
    let mut registers: BTreeMap<(usize, Issuer, u16, &'static str), Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        if d.serial == 0 {
            continue;
        }
        let class = if d.issuer == Issuer::Party || d.normative {
            d.kind
        } else {
            ""
        };
        registers
            .entry((d.jur, d.issuer, d.date.year, class))
            .or_default()
            .push(i);
    }
    for ((jur, issuer, year, _), mut list) in registers {
        list.sort_by_key(|&i| (date_key(&docs[i].date), i));
        let j = &jurs[jur];
        let gap = match (issuer, j.district) {
            (Issuer::Ubnd, false) => 60,
            (Issuer::Ubnd, true) => 20,
            _ => 6,
        };
        let mut serial = 0u32;
        for i in list {
            let d = &mut docs[i];
            serial += if d.normative || issuer == Issuer::Party {
                rng.gen_range(1..=3)
            } else {
                rng.gen_range(1..=gap)
            };
            d.serial = serial;
            d.number = format_number(j, d, year);
        }
    }
    for d in docs
        .iter_mut()
        .filter(|d| d.serial == 0 && d.kind != "tin-bai")
    {
        let j = &jurs[d.jur];
        d.number = format_number(j, d, d.date.year);
    }
}

fn abbr(kind: &str) -> &'static str {
    Kind::by_slug(kind).and_then(|k| k.abbr).unwrap_or("CV")
}

fn format_number(j: &Jur, d: &Doc, year: u16) -> String {
    let serial = if d.serial == 0 {
        String::new()
    } else {
        d.serial.to_string()
    };
    let code = issuer_code(j, d.issuer);
    match d.issuer {
        Issuer::Party => format!("{serial}-{}/{code}", abbr(d.kind)),
        _ if d.kind == "cong-van" => {
            let units: &[&str] = match (d.issuer, j.district) {
                (Issuer::Ubnd, false) => &["VP", "TH", "NC", "KGVX"],
                (Issuer::Ubnd, true) => &["VP", "NV", "TH"],
                (_, false) => &["CCVC", "TCBC", "XDCQ"],
                _ => &["CCVC", "VP"],
            };
            // The unit follows from the serial so a number stays stable.
            let unit = units[d.serial as usize % units.len()];
            format!("{serial}/{code}-{unit}")
        }
        _ if d.normative => format!("{serial}/{year}/{}-{code}", abbr(d.kind)),
        _ => format!("{serial}/{}-{code}", abbr(d.kind)),
    }
}

fn issuer_code(j: &Jur, issuer: Issuer) -> &'static str {
    match issuer {
        Issuer::Ubnd | Issuer::News => "UBND",
        Issuer::NoiVu if j.district => "PNV",
        Issuer::NoiVu => "SNV",
        Issuer::Party => j.party_name().1,
    }
}

/// Issuer, issuer_parent and the short name used in text.
fn issuer_names(jurs: &[Jur], j: &Jur, issuer: Issuer) -> (String, Option<String>, String) {
    match issuer {
        Issuer::Ubnd | Issuer::News => (
            format!("Ủy ban nhân dân {}", j.place()),
            None,
            j.ubnd_short(),
        ),
        Issuer::NoiVu => {
            let office = if j.district {
                "Phòng Nội vụ"
            } else {
                "Sở Nội vụ"
            };
            (office.into(), Some(j.ubnd_short()), office.into())
        }
        Issuer::Party => {
            let (name, _) = j.party_name();
            let parent = j
                .district
                .then(|| format!("Đảng bộ {}", jurs[j.province].place()));
            (name.clone(), parent, name)
        }
    }
}

/// How another document cites `d`.
fn ref_of<R: Rng>(jurs: &[Jur], d: &Doc, from: &Jur, rng: &mut R) -> Ref {
    let j = &jurs[d.jur];
    let same_province = j.province == from.province && !std::ptr::eq(j, from);
    let issuer = match d.issuer {
        Issuer::Ubnd | Issuer::News => {
            let who = if d.kind == "chi-thi" {
                "Chủ tịch UBND"
            } else {
                "UBND"
            };
            if same_province && rng.gen_bool(0.3) {
                format!("của {who} {}", j.unit)
            } else {
                format!("của {who} {}", j.place())
            }
        }
        Issuer::NoiVu => {
            let office = if j.district {
                "Phòng Nội vụ"
            } else {
                "Sở Nội vụ"
            };
            if rng.gen_bool(0.5) {
                format!("của {office}")
            } else {
                format!("của {office} {}", j.place())
            }
        }
        Issuer::Party => {
            let (name, _) = j.party_name();
            if rng.gen_bool(0.5) {
                format!(
                    "của Ban Thường vụ {}",
                    name.split(' ').take(2).collect::<Vec<_>>().join(" ")
                )
            } else {
                format!("của {name}")
            }
        }
    };
    Ref {
        kind_name: Kind::by_slug(d.kind).map(|k| k.name).unwrap_or("Văn bản"),
        number: d.number.clone(),
        date: Some(d.date),
        issuer,
        subject: subject_of(d.kind, &d.title),
    }
}

/// Per jurisdiction and issuer, the numbered documents in date order, as
/// (date key, document, kind).
/// (date key, document, kind).
type Entry = (u32, usize, &'static str);

struct Index {
    lists: Vec<[Vec<Entry>; 3]>,
}

impl Index {
    fn new(jurs: &[Jur], docs: &[Doc]) -> Self {
        let mut lists: Vec<[Vec<Entry>; 3]> = (0..jurs.len()).map(|_| Default::default()).collect();
        for (i, d) in docs.iter().enumerate() {
            if d.serial > 0 && d.issuer != Issuer::News {
                lists[d.jur][d.issuer as usize].push((date_key(&d.date), i, d.kind));
            }
        }
        for l in lists.iter_mut().flatten() {
            l.sort_unstable();
        }
        Index { lists }
    }

    /// Up to `max` documents of `jur`/`issuer` of the given kinds issued
    /// before `before`, chosen among the most recent ones, in date order.
    fn earlier<R: Rng>(
        &self,
        (jur, issuer): (usize, Issuer),
        kinds: &[&str],
        before: &PartialDate,
        max: usize,
        rng: &mut R,
    ) -> Vec<usize> {
        let list = &self.lists[jur][issuer as usize];
        let key = date_key(before);
        let end = list.partition_point(|e| e.0 < key);
        let candidates: Vec<&(u32, usize, &str)> = list[..end]
            .iter()
            .rev()
            .filter(|e| kinds.contains(&e.2))
            .take(12)
            .collect();
        let mut picked: Vec<(u32, usize)> = candidates
            .choose_multiple(rng, max.min(candidates.len()))
            .map(|e| (e.0, e.1))
            .collect();
        picked.sort_unstable();
        picked.into_iter().map(|e| e.1).collect()
    }
}

const PLANS: &[&str] = &[
    "ke-hoach",
    "chuong-trinh",
    "quyet-dinh",
    "chi-thi",
    "nghi-quyet",
];
const REQUESTS: &[&str] = &["cong-van", "huong-dan", "ke-hoach"];

/// The documents `docs[i]` cites, and those its footnote lists.
fn choose_cites<R: Rng>(
    jurs: &[Jur],
    docs: &[Doc],
    index: &Index,
    national: &[Ref],
    i: usize,
    rng: &mut R,
) -> Cites {
    let d = &docs[i];
    let j = &jurs[d.jur];
    let province = j.province;
    let mut primary: Vec<Ref> = Vec::new();
    let mut footnote: Vec<Ref> = Vec::new();
    let before = d.date;
    let from_corpus = |list: Vec<usize>, rng: &mut R, out: &mut Vec<Ref>| {
        for k in list {
            out.push(ref_of(jurs, &docs[k], j, rng));
        }
    };
    let upper = match d.issuer {
        Issuer::Party => Issuer::Party,
        _ => Issuer::Ubnd,
    };
    match d.kind {
        "bao-cao" => {
            if j.district {
                let who = if rng.gen_bool(0.6) {
                    Issuer::NoiVu
                } else {
                    Issuer::Ubnd
                };
                let l = index.earlier((province, who), REQUESTS, &before, 1, rng);
                from_corpus(l, rng, &mut primary);
            } else if rng.gen_bool(0.5) {
                primary.push(outside(rng, before.year, &j.bare));
            }
            if d.title.contains("1847") || rng.gen_bool(0.3) {
                primary.push(national[0].clone());
            }
            let own = index.earlier((d.jur, d.issuer), PLANS, &before, 1, rng);
            from_corpus(own, rng, &mut primary);
            let listed = index.earlier(
                (d.jur, d.issuer),
                &["ke-hoach", "cong-van", "quyet-dinh", "chi-thi", "huong-dan"],
                &before,
                4,
                rng,
            );
            from_corpus(listed, rng, &mut footnote);
        }
        "tin-bai" => {
            if rng.gen_bool(0.5) {
                let l = index.earlier((d.jur, Issuer::Ubnd), PLANS, &before, 1, rng);
                from_corpus(l, rng, &mut primary);
            }
        }
        "thong-bao" => {
            let l = index.earlier((d.jur, d.issuer), PLANS, &before, 1, rng);
            from_corpus(l, rng, &mut primary);
        }
        _ => {
            if d.issuer != Issuer::Party || rng.gen_bool(0.5) {
                primary.push(national[0].clone());
            }
            if d.title.contains("thi đua") {
                primary.push(national[2].clone());
            }
            if !j.district && d.issuer == Issuer::Ubnd && rng.gen_bool(0.5) {
                primary.push(national[3].clone());
            }
            if d.kind == "chi-thi" && rng.gen_bool(0.4) {
                primary.push(national[4].clone());
            }
            if j.district {
                let l = index.earlier((province, upper), PLANS, &before, 1, rng);
                from_corpus(l, rng, &mut primary);
            }
            if d.issuer == Issuer::NoiVu {
                let l = index.earlier((d.jur, Issuer::Ubnd), PLANS, &before, 1, rng);
                from_corpus(l, rng, &mut primary);
            }
            if rng.gen_bool(0.25) {
                primary.push(outside(
                    rng,
                    before.year.saturating_sub(1).max(2018),
                    &jurs[province].bare,
                ));
            }
            if matches!(
                d.kind,
                "ke-hoach" | "chuong-trinh" | "huong-dan" | "cong-van" | "to-trinh"
            ) && rng.gen_bool(0.35)
            {
                let l = index.earlier(
                    (d.jur, d.issuer),
                    &["ke-hoach", "cong-van", "quyet-dinh", "bao-cao"],
                    &before,
                    3,
                    rng,
                );
                from_corpus(l, rng, &mut footnote);
                if footnote.is_empty() {
                    footnote.push(national[3].clone());
                    footnote.push(national[2].clone());
                }
            }
        }
    }
    // A few citations leave out date and issuer name: ambiguous in a corpus
    // where every district has its own "84/KH-UBND".
    if rng.gen_bool(0.03) {
        if let Some(r) = primary
            .iter_mut()
            .find(|r| !NATIONAL.iter().any(|n| n.number == r.number))
        {
            r.date = None;
            r.issuer = "của UBND".into();
            r.subject.clear();
        }
    }
    if matches!(d.kind, "quyet-dinh" | "chi-thi" | "tin-bai") {
        footnote.clear();
    }
    Cites {
        primary,
        footnote,
        style: DateStyle::pick(rng),
    }
}

/// TOML basic string.
fn toml_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn toml_kv(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    toml_str(out, value);
    out.push('\n');
}

fn toml_list(out: &mut String, key: &str, items: &[String]) {
    out.push_str(key);
    out.push_str(" = [");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        toml_str(out, item);
    }
    out.push_str("]\n");
}

fn recipients(jurs: &[Jur], j: &Jur, issuer: Issuer, kind: &str) -> Vec<String> {
    let mut r: Vec<String> = Vec::with_capacity(8);
    if issuer == Issuer::Party {
        let (name, _) = j.party_name();
        if j.district {
            r.push(format!(
                "Ban Thường vụ {} (b/c);",
                jurs[j.province].party_name().0
            ));
        } else {
            r.push("Ban Bí thư Trung ương Đảng (b/c);".into());
        }
        r.push(format!(
            "Các đồng chí {} viên;",
            name.split(' ').take(2).collect::<Vec<_>>().join(" ")
        ));
        r.push("Các chi, đảng bộ trực thuộc;".into());
        r.push(format!(
            "Lưu Văn phòng {}.",
            name.split(' ').take(2).collect::<Vec<_>>().join(" ")
        ));
        return r;
    }
    if j.district {
        let p = &jurs[j.province];
        r.push(format!("UBND {} (b/c);", p.place()));
        r.push("Sở Nội vụ (b/c);".into());
        r.push(format!(
            "TT {}, TT HĐND {} (b/c);",
            j.party_name().0,
            j.unit
        ));
        if issuer != Issuer::Ubnd {
            r.push(format!("UBND {};", j.unit));
        } else {
            r.push(format!("CT, các PCT UBND {};", j.unit));
        }
        r.push(format!("Các cơ quan, đơn vị thuộc {};", j.unit));
        r.push(format!("UBND các {};", communes(j.unit)));
    } else {
        r.push("Bộ Nội vụ (b/c);".into());
        r.push(format!(
            "TT {}, TT HĐND {} (b/c);",
            j.party_name().0,
            j.unit
        ));
        r.push(format!("Chủ tịch, các PCT UBND {};", j.unit));
        r.push("Các sở, ban, ngành;".into());
        r.push(format!(
            "UBND các {};",
            if j.unit == "thành phố" {
                "quận, huyện, thị xã"
            } else {
                "huyện, thị xã, thành phố"
            }
        ));
    }
    if kind == "cong-van" {
        r.insert(0, "Như trên;".into());
    }
    r.push(match issuer {
        Issuer::NoiVu => "Lưu: VT, CCVC.".into(),
        Issuer::Party => "Lưu Văn phòng.".into(),
        _ => "Lưu: VT, NV.".into(),
    });
    r
}

/// The commune-level units under a district: "xã, thị trấn" under a huyện.
fn communes(unit: &str) -> &'static str {
    match unit {
        "quận" => "phường",
        "huyện" => "xã, thị trấn",
        _ => "xã, phường",
    }
}

fn addressees(jurs: &[Jur], j: &Jur) -> Vec<String> {
    if j.district {
        vec![
            format!("Thủ trưởng các cơ quan chuyên môn thuộc UBND {};", j.unit),
            format!("Chủ tịch UBND các {}.", communes(j.unit)),
        ]
    } else {
        let _ = jurs;
        vec![
            format!("Thủ trưởng các sở, ban, ngành thuộc UBND {};", j.unit),
            format!(
                "Chủ tịch UBND các {};",
                if j.unit == "thành phố" {
                    "quận, huyện, thị xã"
                } else {
                    "huyện, thị xã, thành phố"
                }
            ),
            "Thủ trưởng các đơn vị sự nghiệp công lập.".into(),
        ]
    }
}

fn signer(j: &Jur, d: &Doc, rng: &mut impl Rng) -> (String, String, String) {
    let roster = &j.roster[(d.issuer as usize).min(2)];
    let head = if d.date.year < 2021 {
        &roster[0]
    } else {
        &roster[1]
    };
    let deputy = &roster[2 + rng.gen_range(0..2)];
    let chief = rng.gen_bool(0.5) || d.kind == "chi-thi";
    match d.issuer {
        Issuer::Party => {
            let (pos, name) = if chief {
                ("BÍ THƯ", head)
            } else {
                ("PHÓ BÍ THƯ", deputy)
            };
            ("T/M BAN THƯỜNG VỤ".into(), pos.into(), name.clone())
        }
        Issuer::NoiVu => {
            let title = if j.district {
                "TRƯỞNG PHÒNG"
            } else {
                "GIÁM ĐỐC"
            };
            if chief {
                (String::new(), title.into(), head.clone())
            } else {
                (
                    format!("KT. {title}"),
                    format!("PHÓ {title}"),
                    deputy.clone(),
                )
            }
        }
        _ => {
            if d.kind == "chi-thi" {
                (String::new(), "CHỦ TỊCH".into(), head.clone())
            } else if chief {
                (
                    "TM. ỦY BAN NHÂN DÂN".into(),
                    "CHỦ TỊCH".into(),
                    head.clone(),
                )
            } else {
                ("KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into(), deputy.clone())
            }
        }
    }
}

/// Writes files, counting bytes.
struct Out {
    root: PathBuf,
    bytes: u64,
}

impl Out {
    fn write(&mut self, rel: &str, content: &str) -> io::Result<()> {
        let path = self.root.join(rel);
        let mut f = io::BufWriter::with_capacity(64 * 1024, fs::File::create(path)?);
        f.write_all(content.as_bytes())?;
        f.flush()?;
        self.bytes += content.len() as u64;
        Ok(())
    }
}

fn jurisdiction_index(jurs: &[Jur], j: &Jur) -> String {
    let mut s = String::from("+++\n");
    toml_kv(&mut s, "name", &j.name);
    if j.path.is_empty() {
        toml_kv(&mut s, "level", "trung-uong");
        s.push_str("+++\nVăn bản của các cơ quan Trung ương về văn hóa công vụ.\n");
        return s;
    }
    if j.district {
        toml_kv(&mut s, "level", "huyen");
        s.push_str("until = 2025-06-30\n");
        let p = &jurs[j.province];
        toml_kv(&mut s, "successor", &p.path);
        s.push_str("+++\n");
        let _ = writeln!(
            s,
            "{} là đơn vị hành chính cấp huyện thuộc {} đến ngày 30/6/2025.",
            j.name,
            p.place()
        );
    } else {
        toml_kv(&mut s, "level", "tinh");
        s.push_str("+++\n");
    }
    s
}

/// Writes `docs` documents to `out` (a vanban site: `config.toml` and
/// `content/`). The same `seed` and `docs` give byte-identical files.
pub fn generate(out: &Path, docs: usize, seed: u64) -> io::Result<CorpusStats> {
    generate_with(out, docs, seed, CorpusOptions::default())
}

/// [`generate`] with options; the default options give the same files.
pub fn generate_with(
    out: &Path,
    docs: usize,
    seed: u64,
    opts: CorpusOptions,
) -> io::Result<CorpusStats> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let jurs = build_world(&mut rng);
    let n_national = docs.min(NATIONAL.len());
    let mut planned = plan(&jurs, docs - n_national, &mut rng);
    number(&jurs, &mut planned, &mut rng);
    let index = Index::new(&jurs, &planned);
    let national: Vec<Ref> = NATIONAL.iter().map(|n| n.to_ref()).collect();

    let content = out.join("content");
    fs::create_dir_all(&content)?;
    let mut w = Out {
        root: out.to_path_buf(),
        bytes: 0,
    };
    w.write(
        "config.toml",
        "title = \"Văn hóa công vụ — kho văn bản thử nghiệm\"\nbase_url = \"/\"\n",
    )?;
    for j in &jurs {
        let dir = if j.path.is_empty() {
            "content".to_string()
        } else {
            format!("content/{}", j.path)
        };
        fs::create_dir_all(out.join(&dir))?;
        w.write(&format!("{dir}/_index.md"), &jurisdiction_index(&jurs, j))?;
    }

    let mut buf = String::with_capacity(64 * 1024);
    for n in &NATIONAL[..n_national] {
        buf.clear();
        buf.push_str("+++\n");
        toml_kv(&mut buf, "title", n.title);
        toml_kv(&mut buf, "kind", n.kind);
        toml_kv(&mut buf, "number", n.number);
        toml_kv(&mut buf, "issued", &n.partial_date().iso());
        toml_kv(&mut buf, "issuer", n.issuer);
        toml_kv(&mut buf, "place", "Hà Nội");
        if n.number == "319/QĐ-BNV" {
            toml_list(
                &mut buf,
                "implements",
                &[national[0].short(DateStyle::PadDay)],
            );
        }
        if let Some((authority, position, name)) = n.signer {
            buf.push_str("\n[signer]\n");
            if !authority.is_empty() {
                toml_kv(&mut buf, "authority", authority);
            }
            toml_kv(&mut buf, "position", position);
            toml_kv(&mut buf, "name", name);
        }
        buf.push_str("+++\n");
        if n.body {
            let ctx = Ctx {
                cap: "Trung ương".into(),
                place: "cả nước".into(),
                org: n.issuer.into(),
                units: "các bộ, ngành, địa phương",
                lower: "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương".into(),
                agencies: "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ".into(),
                nv: "Bộ Nội vụ",
                nv_parent: "Bộ Nội vụ",
                subject: citations::lower_first(n.title),
                day: citations::DateStyle::Plain.format(&n.partial_date()),
                year: n.date.0,
            };
            let cites = Cites {
                primary: Vec::new(),
                footnote: Vec::new(),
                style: DateStyle::PadDay,
            };
            buf.push_str(&bodies::body("ke-hoach", &ctx, &cites, &mut rng));
            buf.push('\n');
        }
        w.write(&format!("content/{}.md", slugify(n.number)), &buf)?;
    }

    let mut news_sections: BTreeSet<usize> = BTreeSet::new();
    for i in 0..planned.len() {
        let mut cites = choose_cites(&jurs, &planned, &index, &national, i, &mut rng);
        let d = &planned[i];
        let j = &jurs[d.jur];
        let target = if opts.long_tail {
            cites.primary.extend(long_tail_cites(&jurs, d, &mut rng));
            Some(long_tail::target_words(&mut rng))
        } else {
            None
        };
        let mut dir = format!("content/{}", j.path);
        if d.kind == "tin-bai" {
            dir.push_str("/tin-tuc");
            if news_sections.insert(d.jur) {
                fs::create_dir_all(out.join(&dir))?;
                w.write(
                    &format!("{dir}/_index.md"),
                    "+++\ntitle = \"Tin tức\"\n+++\n",
                )?;
            }
        }
        let file = if d.serial > 0 {
            format!("{dir}/{}-{}.md", d.date.year, slugify(&d.number))
        } else {
            format!("{dir}/{}-{}-{}.md", d.date.year, d.kind, i + 1)
        };
        buf.clear();
        write_document(&mut buf, &jurs, d, &cites, target, &mut rng);
        w.write(&file, &buf)?;
    }

    Ok(CorpusStats {
        documents: n_national + planned.len(),
        jurisdictions: jurs.len(),
        bytes: w.bytes,
    })
}

/// The long-tail citations of `d`: departments of its province, offices of
/// its district.
fn long_tail_cites(jurs: &[Jur], d: &Doc, rng: &mut ChaCha8Rng) -> Vec<Ref> {
    let j = &jurs[d.jur];
    let province = jurs[j.province].place();
    let district = j.place();
    let place = long_tail::Place {
        province: &province,
        district: j.district.then_some(district.as_str()),
    };
    long_tail::cites(rng, d.date.year, &place)
}

fn write_document(
    buf: &mut String,
    jurs: &[Jur],
    d: &Doc,
    cites: &Cites,
    target: Option<usize>,
    rng: &mut ChaCha8Rng,
) {
    let j = &jurs[d.jur];
    let (issuer, parent, short) = issuer_names(jurs, j, d.issuer);
    buf.push_str("+++\n");
    toml_kv(buf, "title", &d.title);
    toml_kv(buf, "kind", d.kind);
    if let Some(h) = d.heading {
        toml_kv(buf, "kind_heading", h);
    }
    if !d.number.is_empty() {
        toml_kv(buf, "number", &d.number);
    }
    toml_kv(buf, "issued", &d.shown.iso());
    let news = d.kind == "tin-bai";
    if !news {
        toml_kv(buf, "issuer", &issuer);
        if let Some(p) = &parent {
            toml_kv(buf, "issuer_parent", p);
        }
        let place = if j.bare.chars().all(|c| c.is_ascii_digit()) {
            j.name.clone()
        } else {
            j.bare.clone()
        };
        toml_kv(buf, "place", &place);
        if matches!(d.kind, "cong-van" | "chi-thi") || (d.kind == "bao-cao" && rng.gen_bool(0.2)) {
            let a = if d.kind == "bao-cao" {
                vec![format!("Sở Nội vụ {}.", jurs[j.province].place())]
            } else {
                addressees(jurs, j)
            };
            toml_list(buf, "addressees", &a);
        }
        toml_list(buf, "recipients", &recipients(jurs, j, d.issuer, d.kind));
        if rng.gen_bool(0.005) {
            toml_kv(buf, "recipients_label", "Noi nhận:");
        }
        if matches!(d.kind, "ke-hoach" | "chuong-trinh" | "huong-dan")
            && !cites.primary.is_empty()
            && rng.gen_bool(0.35)
        {
            let items: Vec<String> = cites
                .primary
                .iter()
                .filter(|r| r.date.is_some())
                .take(2)
                .map(|r| r.short(DateStyle::PadDay))
                .collect();
            if !items.is_empty() {
                toml_list(buf, "implements", &items);
            }
        }
        if rng.gen_bool(0.1) {
            let extra = outside(rng, d.date.year, &jurs[j.province].bare);
            toml_list(buf, "cites", &[extra.short(DateStyle::PadDay)]);
        }
    }
    if rng.gen_bool(0.6) {
        let n = rng.gen_range(1..=3);
        let topics: Vec<String> = TOPICS
            .choose_multiple(rng, n)
            .map(|t| t.to_string())
            .collect();
        toml_list(buf, "topics", &topics);
    }
    if !news {
        let (authority, position, name) = signer(j, d, rng);
        buf.push_str("\n[signer]\n");
        if !authority.is_empty() {
            toml_kv(buf, "authority", &authority);
        }
        toml_kv(buf, "position", &position);
        toml_kv(buf, "name", &name);
    } else {
        buf.push_str("\n[extra]\n");
        toml_kv(buf, "author", &names::person(rng));
        toml_kv(
            buf,
            "source",
            &format!("Cổng thông tin điện tử {}", j.place()),
        );
    }
    buf.push_str("+++\n");

    let lower = if j.district {
        format!("UBND các {}", communes(j.unit))
    } else if j.unit == "thành phố" {
        "UBND các quận, huyện, thị xã".to_string()
    } else {
        "UBND các huyện, thị xã, thành phố".to_string()
    };
    let agencies = if j.district {
        format!("các cơ quan chuyên môn thuộc UBND {}", j.unit)
    } else {
        format!("các sở, ban, ngành thuộc {}", j.unit)
    };
    let ctx = Ctx {
        cap: j.unit.to_string(),
        place: j.place(),
        org: short,
        units: "các cơ quan, đơn vị, địa phương",
        lower,
        agencies,
        nv: if j.district {
            "Phòng Nội vụ"
        } else {
            "Sở Nội vụ"
        },
        nv_parent: if j.district {
            "Sở Nội vụ"
        } else {
            "Bộ Nội vụ"
        },
        subject: citations::lower_first(&d.title),
        day: DateStyle::Plain.format(&d.date),
        year: d.date.year,
    };
    let body = match target {
        Some(t) => bodies::body_of(d.kind, &ctx, cites, rng, t),
        None => bodies::body(d.kind, &ctx, cites, rng),
    };
    buf.push_str(&body);
    buf.push('\n');
}

#[cfg(test)]
mod tests;
