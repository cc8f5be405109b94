//! The registry of Vietnam's administrative units, before and after the
//! reform of 1 July 2025: the 63 former and 34 current provinces, the 696
//! former districts (the level was abolished), the 10,035 former and 3,321
//! current communes, and which current units took over each former one.
//!
//! Why it is shaped so:
//!
//! - **Compiled in, parsed once.** The data (`data/admin_units.tsv`,
//!   generated from the `vietnamadminunits` package by
//!   `scripts/admin_units.py`; see `data/README.md`) is `include_str!`-ed
//!   and parsed lazily on first use into a `OnceLock`, so a build never
//!   needs the network and a run that never asks pays nothing. All strings
//!   borrow from the embedded text (`&'static str`), no copies.
//! - **A code alone is not an identity.** The GSO reused codes at the
//!   reform: `44` was Quảng Bình and is now the enlarged Quảng Trị, and new
//!   communes carry the code of one of the communes they absorbed. A unit is
//!   therefore a code *and a period*: [`Registry::by_code`] prefers the unit
//!   in force, [`Registry::by_code_on`] picks the one of a date, and the
//!   methods that walk the tree ([`Registry::parent`],
//!   [`Registry::children`], [`Registry::successor_chain`]) take a `&Unit`
//!   rather than a code. Within the data references never clash: a parent
//!   is always of the child's own period, successors are always in force.
//! - **Unchanged provinces are one unit.** The 11 provinces the reform left
//!   alone (Hà Nội, Huế, Quảng Ninh, Thanh Hóa…) have one record, in force,
//!   with no `until` and no `since`: they count among the 63 former *and*
//!   the 34 current provinces, and parent both their former districts and
//!   their new communes. A merged province, even one whose name the new
//!   province kept (Quảng Trị, Khánh Hòa), is a former unit of its own with
//!   `until` = 2025-06-30 and the new province as its successor, because a
//!   2022 "UBND tỉnh Quảng Trị" is not today's (larger) province.
//! - **Matching folds, display does not.** Names keep the package's official
//!   spelling (it writes both "Hòa" and "Hoà"); every lookup goes through
//!   [`crate::text::fold`], so case, diacritics and tone placement never
//!   matter, and slugs come from [`crate::text::slugify`] like every other
//!   slug of the site.

mod grid;
mod resolve;

pub use grid::{tile_grid, Tile, GRID_SIZE};

use crate::model::PartialDate;
use crate::text::slugify;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The data file, one unit a line: code, level, name, parent, until,
/// successors (tab-separated; see `data/README.md`).
const DATA: &str = include_str!("../../data/admin_units.tsv");

/// First day of the two-level system (provinces and communes only).
pub const REFORM_DATE: (u16, u8, u8) = (2025, 7, 1);

/// Administrative level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Tỉnh or thành phố trực thuộc trung ương.
    Tinh,
    /// Huyện, quận, thị xã or thành phố thuộc tỉnh (abolished 1 July 2025).
    Huyen,
    /// Xã, phường, thị trấn (until 1 July 2025) or đặc khu.
    Xa,
}

impl Level {
    /// The slug used in the data file and in content front matter.
    pub fn slug(self) -> &'static str {
        match self {
            Level::Tinh => "tinh",
            Level::Huyen => "huyen",
            Level::Xa => "xa",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "tinh" => Some(Level::Tinh),
            "huyen" => Some(Level::Huyen),
            "xa" => Some(Level::Xa),
            _ => None,
        }
    }
}

impl From<Level> for crate::content::Level {
    fn from(l: Level) -> Self {
        use crate::content::Level as J;
        match l {
            Level::Tinh => J::Tinh,
            Level::Huyen => J::Huyen,
            Level::Xa => J::Xa,
        }
    }
}

/// One administrative unit in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// GSO code: 2 digits for a province, 3 for a district, 5 for a
    /// commune. Unique only together with the period (see the module docs).
    pub code: &'static str,
    pub level: Level,
    /// Official name with its type word: "Tỉnh Khánh Hòa", "Huyện Vĩnh Linh".
    pub name: &'static str,
    /// The type word as written in `name`: "Tỉnh", "Thành phố", "Thị trấn"…
    pub kind: &'static str,
    /// Name without the type word ("Khánh Hòa"), except for numbered units,
    /// which are only ever called by their full name ("Quận 1", "Phường 8").
    pub short_name: &'static str,
    /// Code of the unit that held it in its own period; `None` for a province.
    pub parent: Option<&'static str>,
    /// First day in force, for units the reform created (2025-07-01); `None`
    /// for units that existed before (former units, unchanged provinces).
    pub since: Option<PartialDate>,
    /// Last day in force (2025-06-30) for units that ended at the reform.
    pub until: Option<PartialDate>,
    /// Codes of the units in force that took it over, the default first.
    /// A former province: its new province. A former district: the new
    /// province that holds it (plus, for the five island districts without
    /// communes, the đặc khu that replaced them). A former commune: the new
    /// commune(s) its area went to.
    pub successors: Vec<&'static str>,
    idx: usize,
    parent_idx: Option<usize>,
    successor_idx: Vec<usize>,
}

impl Unit {
    /// Still in force (no `until`).
    pub fn in_force(&self) -> bool {
        self.until.is_none()
    }

    /// Whether the unit existed on some day of `on` (a partial date is a
    /// period: "2025" overlaps both sides of the reform).
    pub fn existed_on(&self, on: PartialDate) -> bool {
        let (first, last) = bounds(on);
        self.since.is_none_or(|s| last >= bounds(s).0)
            && self.until.is_none_or(|u| first <= bounds(u).1)
    }
}

/// First and last day of a partial date's period, as comparable tuples.
fn bounds(d: PartialDate) -> ((u16, u8, u8), (u16, u8, u8)) {
    (
        (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1)),
        (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31)),
    )
}

/// The type words of official names, longest first.
const KINDS: &[(&str, Level)] = &[
    ("Thành phố", Level::Tinh),
    ("Thị trấn", Level::Xa),
    ("Thị xã", Level::Huyen),
    ("Đặc khu", Level::Xa),
    ("Phường", Level::Xa),
    ("Huyện", Level::Huyen),
    ("Quận", Level::Huyen),
    ("Tỉnh", Level::Tinh),
    ("Xã", Level::Xa),
];

/// All units, parsed from the embedded data; see [`registry`].
#[derive(Debug)]
pub struct Registry {
    units: Vec<Unit>,
    /// Code → unit in force.
    current: HashMap<&'static str, usize>,
    /// Code → unit that ended at the reform.
    former: HashMap<&'static str, usize>,
    children: Vec<Vec<usize>>,
    /// Folded bare name (no type word) → units, for [`Registry::find`].
    names: HashMap<String, Vec<usize>>,
    /// Folder path of each unit ([`Registry::path`]), by index.
    paths: Vec<String>,
    /// Folder path → units at it (a merged province and the new one that
    /// kept its name share one).
    by_path: HashMap<String, Vec<usize>>,
    /// Unit → the former units it took over, see [`Registry::predecessors`].
    predecessor_idx: Vec<Vec<usize>>,
}

/// The registry, parsed on first use.
pub fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::parse(DATA).expect("data/admin_units.tsv is well formed"))
}

impl Registry {
    fn parse(data: &'static str) -> Result<Registry, String> {
        let mut units = Vec::new();
        for (no, line) in data.lines().enumerate() {
            let err = |what: &str| format!("admin_units.tsv:{}: {what}", no + 1);
            let cols: Vec<&'static str> = line.split('\t').collect();
            let [code, level, name, parent, until, successors] = cols[..] else {
                return Err(err("expected 6 columns"));
            };
            let level = Level::parse(level).ok_or_else(|| err("bad level"))?;
            let (kind, _) = KINDS
                .iter()
                .find(|(k, _)| name.strip_prefix(k).is_some_and(|r| r.starts_with(' ')))
                .ok_or_else(|| err("name without a type word"))?;
            let bare = &name[kind.len() + 1..];
            let numbered = bare
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X'));
            let until = match until {
                "" => None,
                u => Some(PartialDate::parse_iso(u).ok_or_else(|| err("bad until"))?),
            };
            units.push(Unit {
                code,
                level,
                name,
                kind,
                short_name: if numbered { name } else { bare },
                parent: (!parent.is_empty()).then_some(parent),
                since: None,
                until,
                successors: successors.split(',').filter(|s| !s.is_empty()).collect(),
                idx: units.len(),
                parent_idx: None,
                successor_idx: Vec::new(),
            });
        }
        let mut current = HashMap::new();
        let mut former = HashMap::new();
        for u in &units {
            let map = if u.in_force() {
                &mut current
            } else {
                &mut former
            };
            if map.insert(u.code, u.idx).is_some() {
                return Err(format!("code {} twice in one period", u.code));
            }
        }
        // Created by the reform: every unit in force except the provinces
        // without a former record of their code (the unchanged ones).
        let reform = PartialDate::ymd(REFORM_DATE.0, REFORM_DATE.1, REFORM_DATE.2);
        for u in units.iter_mut() {
            let unchanged = u.level == Level::Tinh && !former.contains_key(u.code);
            if u.in_force() && !unchanged {
                u.since = reform;
            }
        }
        let mut children = vec![Vec::new(); units.len()];
        for u in units.iter_mut() {
            let parent_idx = match u.parent {
                None => None,
                // Same period as the child; a former unit's parent may be an
                // unchanged province, which is "in force".
                Some(p) => Some(
                    if u.in_force() {
                        current.get(p)
                    } else {
                        former.get(p).or_else(|| current.get(p))
                    }
                    .copied()
                    .ok_or_else(|| format!("{}: unknown parent {p}", u.code))?,
                ),
            };
            let successor_idx = u
                .successors
                .iter()
                .map(|s| {
                    current
                        .get(s)
                        .copied()
                        .ok_or_else(|| format!("{}: unknown successor {s}", u.code))
                })
                .collect::<Result<Vec<_>, _>>()?;
            if let Some(p) = parent_idx {
                children[p].push(u.idx);
            }
            u.parent_idx = parent_idx;
            u.successor_idx = successor_idx;
        }
        let mut names: HashMap<String, Vec<usize>> = HashMap::new();
        for u in &units {
            names
                .entry(resolve::key(&u.name[u.kind.len()..]))
                .or_default()
                .push(u.idx);
        }
        for (alias, code) in resolve::ALIASES {
            let idx = current[code];
            names.entry(resolve::key(alias)).or_default().push(idx);
        }
        let paths = folder_paths(&units);
        let mut by_path: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in paths.iter().enumerate() {
            by_path.entry(p.clone()).or_default().push(i);
        }
        let mut r = Registry {
            predecessor_idx: vec![Vec::new(); units.len()],
            units,
            current,
            former,
            children,
            names,
            paths,
            by_path,
        };
        let mut pred = vec![Vec::new(); r.units.len()];
        for u in r.units.iter().filter(|u| !u.in_force()) {
            for &s in &u.successor_idx {
                pred[s].push(u.idx);
            }
            if u.level == Level::Huyen {
                for c in r.successor_communes(u) {
                    if !pred[c.idx].contains(&u.idx) {
                        pred[c.idx].push(u.idx);
                    }
                }
            }
        }
        r.predecessor_idx = pred;
        Ok(r)
    }

    /// The unit (or units) a site's `don_vi` names: a GSO code ("56") or
    /// an official name ("Tỉnh Khánh Hòa", "Khánh Hòa"); in force first.
    pub fn lookup_unit(&self, text: &str) -> Vec<&Unit> {
        let text = text.trim();
        if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
            return self.by_code(text).into_iter().collect();
        }
        self.find(text, None)
    }

    /// The units whose folder is `path` ("quang-tri": the new Quảng Trị and
    /// the former one), in force first.
    pub fn at_path(&self, path: &str) -> Vec<&Unit> {
        let mut v: Vec<&Unit> = self
            .by_path
            .get(path)
            .map(|ids| ids.iter().map(|&i| &self.units[i]).collect())
            .unwrap_or_default();
        v.sort_by_key(|u| (!u.in_force(), u.code));
        v
    }

    /// The former units `unit` took over: those that name it a successor
    /// (a new province's former provinces and districts, a new commune's
    /// former communes) and, for a new commune, the former districts one of
    /// whose communes it took over ([`Registry::successor_communes`]).
    pub fn predecessors(&self, unit: &Unit) -> Vec<&Unit> {
        self.predecessor_idx[unit.idx]
            .iter()
            .map(|&i| &self.units[i])
            .collect()
    }

    /// Every unit of both periods, in the data file's order (level, code,
    /// former before current).
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// The unit with this code, preferring the one in force: `by_code("44")`
    /// is today's Quảng Trị, not the former Quảng Bình.
    pub fn by_code(&self, code: &str) -> Option<&Unit> {
        self.current
            .get(code)
            .or_else(|| self.former.get(code))
            .map(|&i| &self.units[i])
    }

    /// The unit with this code that existed on `on`: `by_code_on("44",
    /// 2022)` is the former Quảng Bình. For a partial date spanning the
    /// reform ("2025") the unit in force wins.
    pub fn by_code_on(&self, code: &str, on: PartialDate) -> Option<&Unit> {
        [self.current.get(code), self.former.get(code)]
            .into_iter()
            .flatten()
            .map(|&i| &self.units[i])
            .find(|u| u.existed_on(on))
    }

    /// The 34 provinces and centrally-run cities in force, by code.
    pub fn provinces_in_force(&self) -> Vec<&Unit> {
        let mut v: Vec<&Unit> = self
            .units
            .iter()
            .filter(|u| u.level == Level::Tinh && u.in_force())
            .collect();
        v.sort_by_key(|u| u.code);
        v
    }

    /// The 63 provinces of 30 June 2025, by code: the 52 merged ones (with
    /// `until`) and the 11 unchanged ones (still in force).
    pub fn former_provinces(&self) -> Vec<&Unit> {
        let mut v: Vec<&Unit> = self
            .units
            .iter()
            .filter(|u| u.level == Level::Tinh && u.since.is_none())
            .collect();
        v.sort_by_key(|u| u.code);
        v
    }

    /// The unit that held `unit` in its own period.
    pub fn parent(&self, unit: &Unit) -> Option<&Unit> {
        unit.parent_idx.map(|i| &self.units[i])
    }

    /// The units `unit` held, by code. For an unchanged province that is
    /// both its former districts and its new communes (filter on `level`).
    pub fn children(&self, unit: &Unit) -> Vec<&Unit> {
        self.children[unit.idx]
            .iter()
            .map(|&i| &self.units[i])
            .collect()
    }

    /// The ancestors of `unit`, nearest first, within its own period.
    pub fn ancestors(&self, unit: &Unit) -> Vec<&Unit> {
        let mut out = Vec::new();
        let mut at = self.parent(unit);
        while let Some(p) = at {
            out.push(p);
            at = self.parent(p);
        }
        out
    }

    /// The province that held `unit` in its own period (itself for a
    /// province): a former district's former province.
    pub fn province_of<'a>(&'a self, unit: &'a Unit) -> &'a Unit {
        self.ancestors(unit).last().copied().unwrap_or(unit)
    }

    /// The units in force that took over `unit`, its own successors first
    /// (the default first), following chains until units in force; `[unit]`
    /// if it is in force. A former province or district gives its one new
    /// province (island districts also their đặc khu).
    pub fn successor_chain(&self, unit: &Unit) -> Vec<&Unit> {
        let mut out: Vec<&Unit> = Vec::new();
        let mut todo = vec![unit.idx];
        let mut seen = vec![unit.idx];
        while let Some(i) = todo.pop() {
            let u = &self.units[i];
            if u.in_force() {
                out.push(u);
                continue;
            }
            for &s in u.successor_idx.iter().rev() {
                if !seen.contains(&s) {
                    seen.push(s);
                    todo.push(s);
                }
            }
        }
        out
    }

    /// The communes in force that took over the area of `unit`: for a
    /// former commune its successors; for a former district those of its
    /// communes (the package maps communes, not districts), in the order of
    /// its communes' codes, each one's default first; for a unit in force,
    /// its communes in force.
    pub fn successor_communes(&self, unit: &Unit) -> Vec<&Unit> {
        let mut out: Vec<&Unit> = Vec::new();
        let mut push = |u: &Unit| {
            for s in self.successor_chain(u) {
                if s.level == Level::Xa && !out.iter().any(|o| o.idx == s.idx) {
                    out.push(&self.units[s.idx]);
                }
            }
        };
        match unit.level {
            Level::Xa => push(unit),
            Level::Huyen => {
                push(unit);
                for c in self.children(unit) {
                    push(c);
                }
            }
            Level::Tinh => {
                for c in self.children(unit) {
                    if c.level == Level::Xa && c.in_force() {
                        push(c);
                    } else {
                        for cc in self.children(c) {
                            push(cc);
                        }
                    }
                }
            }
        }
        out
    }

    /// Whether `unit` lies in `area`, across periods: a former district
    /// lies in its former province and in the new province that province
    /// merged into; a new commune lies in its new province and in every
    /// former province or district one of whose communes it took over. A
    /// former unit does not lie in a *former* province that merely merged
    /// into the same new one (Long An's districts are not Tây Ninh's).
    pub fn lies_in(&self, unit: &Unit, area: &Unit) -> bool {
        if unit.idx == area.idx || self.ancestors(unit).iter().any(|a| a.idx == area.idx) {
            return true;
        }
        match (area.level, area.in_force(), unit.in_force()) {
            // A current (or unchanged) province holds what its own former
            // provinces held.
            (Level::Tinh, true, false) => self
                .successor_chain(self.province_of(unit))
                .iter()
                .any(|p| p.idx == area.idx),
            // A former province or district: the communes that took over
            // its communes.
            (Level::Tinh | Level::Huyen, false, true) if unit.level == Level::Xa => self
                .successor_communes(area)
                .iter()
                .any(|t| t.idx == unit.idx),
            _ => false,
        }
    }

    /// The URL slug of a unit's short name: "khanh-hoa", "vinh-linh",
    /// "ba-ria-vung-tau", "phuong-8".
    pub fn slug(&self, unit: &Unit) -> String {
        slugify(unit.short_name)
    }

    /// The unit's folder path, the slugs of its own period's ancestors
    /// from the province down: "quang-tri/vinh-linh" for the former
    /// district (under the *former* Quảng Trị), "thanh-hoa/trieu-son/nua"
    /// for a former commune, "khanh-hoa/phuong-nha-trang" for the new ward
    /// that shares its name with the former city of Nha Trang. A former
    /// province and the new one that kept its name share a path; any other
    /// two units that would share one are told apart by their type words
    /// (then their codes), and so are units whose slug is a folder the site
    /// keeps for its own pages ("trang", "nhung").
    pub fn path(&self, unit: &Unit) -> &str {
        &self.paths[unit.idx]
    }
}

/// Folder paths of all units, level by level (a child's path extends its
/// parent's final one); see [`Registry::path`].
fn folder_paths(units: &[Unit]) -> Vec<String> {
    let mut paths = vec![String::new(); units.len()];
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for level in [Level::Tinh, Level::Huyen, Level::Xa] {
        let natural = |u: &Unit, slug: String| match u.parent_idx {
            Some(p) => format!("{}/{slug}", paths[p]),
            None => slug,
        };
        let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
        for u in units.iter().filter(|u| u.level == level) {
            groups
                .entry(natural(u, slugify(u.short_name)))
                .or_default()
                .push(u.idx);
        }
        let mut assigned: Vec<(usize, String)> = Vec::new();
        for (path, mut ids) in groups {
            ids.sort_by_key(|&i| (units[i].in_force(), units[i].code));
            // A folder the site keeps, or one a unit of a higher level took
            // (the former city of Nha Trang before the new ward).
            let reserved = crate::content::JURISDICTION_FOLDERS
                .iter()
                .any(|f| path.rsplit('/').next() == Some(*f))
                || taken.contains(&path);
            let same_name_province =
                level == Level::Tinh && ids.iter().all(|&i| units[i].name == units[ids[0]].name);
            for (n, &i) in ids.iter().enumerate() {
                let u = &units[i];
                let keep = same_name_province || (n == 0 && !reserved);
                if keep {
                    assigned.push((i, path.clone()));
                    continue;
                }
                let typed = natural(u, slugify(u.name));
                let clash = ids
                    .iter()
                    .any(|&o| o != i && slugify(units[o].name) == slugify(u.name));
                let p = if clash {
                    format!("{typed}-{}", u.code)
                } else {
                    typed
                };
                assigned.push((i, p));
            }
        }
        for (i, p) in assigned {
            taken.insert(p.clone());
            paths[i] = p;
        }
    }
    paths
}

impl Registry {
    /// Units of the data, matched with a folder: see [`Registry::path`].
    pub fn units_at_paths(&self) -> impl Iterator<Item = (&Unit, &str)> {
        self.units.iter().map(|u| (u, self.paths[u.idx].as_str()))
    }
}

/// The content folder for a document of `issuer` ("UBND huyện Vĩnh Linh"
/// → "quang-tri/vinh-linh", "Sở Nội vụ tỉnh Quảng Trị" → "quang-tri"),
/// for `vanban import` to suggest: `None` when the issuer names no unit, or
/// names several in different folders (a district name that several
/// provinces share, without its province). `issued` picks the period.
pub fn folder_for_issuer(issuer: &str, issued: Option<PartialDate>) -> Option<&'static str> {
    let r = registry();
    let found = r.resolve_issuer(issuer, issued);
    let first = r.path(found.first()?);
    found.iter().all(|u| r.path(u) == first).then_some(first)
}

/// [`Registry::slug`] of the shared registry.
pub fn slug(unit: &Unit) -> String {
    registry().slug(unit)
}

/// [`Registry::path`] of the shared registry.
pub fn path(unit: &Unit) -> &'static str {
    registry().path(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: u16, m: u8, d: u8) -> PartialDate {
        PartialDate::ymd(y, m, d).unwrap()
    }

    fn names(units: &[&Unit]) -> Vec<&'static str> {
        units.iter().map(|u| u.name).collect()
    }

    #[test]
    fn counts_per_level_and_period_match_the_package() {
        let r = registry();
        let count = |level, in_force: bool| {
            r.units()
                .iter()
                .filter(|u| u.level == level && u.in_force() == in_force)
                .count()
        };
        // vietnamadminunits 1.0.4: 3,321 communes in force, 10,035 former
        // communes (its 10,040 legacy rows less the five island districts
        // without communes), 696 former districts.
        assert_eq!(count(Level::Xa, true), 3321);
        assert_eq!(count(Level::Xa, false), 10035);
        assert_eq!(count(Level::Huyen, false), 696);
        assert_eq!(count(Level::Huyen, true), 0);
    }

    #[test]
    fn thirty_four_provinces_in_force_and_sixty_three_former() {
        let r = registry();
        assert_eq!(r.provinces_in_force().len(), 34);
        let former = r.former_provinces();
        assert_eq!(former.len(), 63);
        let unchanged = former.iter().filter(|u| u.in_force()).count();
        assert_eq!(unchanged, 11);
        assert!(former.iter().any(|u| u.name == "Thành phố Hà Nội"));
        assert!(former.iter().any(|u| u.name == "Tỉnh Quảng Bình"));
    }

    #[test]
    fn every_former_province_maps_to_exactly_one_province_in_force() {
        let r = registry();
        for p in r.former_provinces() {
            let chain = r.successor_chain(p);
            assert_eq!(chain.len(), 1, "{}", p.name);
            assert_eq!(chain[0].level, Level::Tinh, "{}", p.name);
            assert!(chain[0].in_force());
        }
        let succ = |code: &str| {
            let p = r.by_code_on(code, date(2024, 1, 1)).unwrap();
            (p.name, r.successor_chain(p)[0].name)
        };
        assert_eq!(succ("44"), ("Tỉnh Quảng Bình", "Tỉnh Quảng Trị"));
        assert_eq!(succ("45"), ("Tỉnh Quảng Trị", "Tỉnh Quảng Trị"));
        assert_eq!(succ("02"), ("Tỉnh Hà Giang", "Tỉnh Tuyên Quang"));
        assert_eq!(succ("74"), ("Tỉnh Bình Dương", "Thành phố Hồ Chí Minh"));
        assert_eq!(succ("52"), ("Tỉnh Bình Định", "Tỉnh Gia Lai"));
        assert_eq!(succ("01"), ("Thành phố Hà Nội", "Thành phố Hà Nội"));
    }

    #[test]
    fn reused_codes_resolve_by_period() {
        let r = registry();
        assert_eq!(r.by_code("44").unwrap().name, "Tỉnh Quảng Trị");
        assert!(r.by_code("44").unwrap().in_force());
        assert_eq!(
            r.by_code_on("44", date(2022, 3, 1)).unwrap().name,
            "Tỉnh Quảng Bình"
        );
        assert_eq!(
            r.by_code_on("44", date(2025, 8, 1)).unwrap().name,
            "Tỉnh Quảng Trị"
        );
        // An unchanged province exists on both sides.
        assert_eq!(r.by_code_on("38", date(2022, 3, 1)).unwrap().code, "38");
        assert!(r.by_code_on("38", date(2022, 3, 1)).unwrap().in_force());
        // Districts exist only before.
        assert!(r.by_code_on("397", date(2025, 8, 1)).is_none());
        assert!(r.by_code("nope").is_none());
    }

    #[test]
    fn a_former_district_hangs_under_its_former_province() {
        let r = registry();
        let vinh_linh = r.by_code("464").unwrap();
        assert_eq!(vinh_linh.name, "Huyện Vĩnh Linh");
        let p = r.parent(vinh_linh).unwrap();
        assert_eq!(
            (p.code, p.name, p.in_force()),
            ("45", "Tỉnh Quảng Trị", false)
        );
        assert_eq!(r.path(vinh_linh), "quang-tri/vinh-linh");
        assert_eq!(names(&r.successor_chain(vinh_linh)), ["Tỉnh Quảng Trị"]);
        assert!(r.successor_chain(vinh_linh)[0].in_force());
    }

    #[test]
    fn children_of_an_unchanged_province_span_both_periods() {
        let r = registry();
        let thanh_hoa = r.by_code("38").unwrap();
        let kids = r.children(thanh_hoa);
        assert!(kids.iter().any(|u| u.name == "Huyện Triệu Sơn"));
        assert!(kids.iter().all(|u| u.level != Level::Tinh));
        assert!(kids.iter().any(|u| u.level == Level::Xa && u.in_force()));
        let trieu_son = r.by_code("397").unwrap();
        assert!(r
            .children(trieu_son)
            .iter()
            .any(|u| u.name == "Thị trấn Nưa"));
    }

    #[test]
    fn a_split_commune_lists_its_default_successor_first() {
        let r = registry();
        // The package splits Phường Cống Vị (Ba Đình) between Phường Ngọc Hà
        // (its default) and Phường Giảng Võ.
        let cong_vi = r.by_code_on("00007", date(2024, 1, 1)).unwrap();
        assert_eq!(cong_vi.name, "Phường Cống Vị");
        let chain = r.successor_chain(cong_vi);
        assert_eq!(cong_vi.successors, ["00008", "00025"]);
        assert_eq!(chain[0].code, "00008");
        assert_eq!(chain.len(), 2);
        assert!(chain.iter().all(|u| u.in_force() && u.level == Level::Xa));
    }

    #[test]
    fn every_former_unit_has_successors_in_force() {
        let r = registry();
        for u in r.units().iter().filter(|u| !u.in_force()) {
            let chain = r.successor_chain(u);
            assert!(!chain.is_empty(), "{} {}", u.code, u.name);
            assert!(chain.iter().all(|s| s.in_force()));
            if u.level == Level::Huyen {
                assert_eq!(chain[0].level, Level::Tinh, "{}", u.name);
            }
        }
    }

    #[test]
    fn a_former_district_maps_to_the_communes_of_its_communes() {
        let r = registry();
        let trieu_son = r.by_code("397").unwrap();
        let communes = r.successor_communes(trieu_son);
        assert!(!communes.is_empty());
        assert!(communes
            .iter()
            .all(|c| c.level == Level::Xa && c.in_force()));
        assert!(communes.iter().all(|c| r.parent(c).unwrap().code == "38"));
        let nua = r.by_code("15718").unwrap();
        let nua_now = r.successor_chain(nua)[0];
        assert!(communes.iter().any(|c| c.code == nua_now.code));
        assert!(r.lies_in(nua_now, trieu_son));
        assert!(r.lies_in(nua_now, r.by_code("38").unwrap()));
        assert!(!r.lies_in(nua_now, r.by_code("464").unwrap()));
        // Island districts without communes went to a đặc khu.
        let con_co = r.by_code("471").unwrap();
        let sz = r.successor_communes(con_co);
        assert_eq!(sz.len(), 1);
        assert_eq!(sz[0].kind, "Đặc khu");
    }

    #[test]
    fn names_are_nfc_with_their_type_word() {
        for u in registry().units() {
            assert_eq!(crate::text::nfc(u.name), u.name);
            assert!(u.name.starts_with(u.kind));
            assert!(!u.short_name.is_empty());
        }
        let r = registry();
        assert_eq!(r.by_code("56").unwrap().short_name, "Khánh Hòa");
    }

    #[test]
    fn folder_paths_are_unique_but_for_provinces_that_kept_their_name() {
        let r = registry();
        let mut seen: HashMap<&str, &Unit> = HashMap::new();
        for (u, p) in r.units_at_paths() {
            if let Some(other) = seen.insert(p, u) {
                assert!(
                    u.level == Level::Tinh && other.name == u.name,
                    "{p}: {} and {}",
                    other.name,
                    u.name
                );
            }
            assert!(!crate::content::JURISDICTION_FOLDERS.contains(&p.rsplit('/').next().unwrap()));
        }
        // The former city keeps its folder; the new ward is told apart.
        let nha_trang = r.find("Thành phố Nha Trang", None);
        assert_eq!(r.path(nha_trang[0]), "khanh-hoa/nha-trang");
        let ward = r.find("Phường Nha Trang", None);
        assert_eq!(r.path(ward[0]), "khanh-hoa/phuong-nha-trang");
        assert_eq!(r.at_path("quang-tri").len(), 2);
        assert!(r.at_path("quang-tri")[0].in_force());
    }

    #[test]
    fn a_new_commune_knows_the_former_communes_and_districts_it_took_over() {
        let r = registry();
        let nua = r.by_code("15718").unwrap();
        let now = r.successor_chain(nua)[0];
        let before = r.predecessors(now);
        assert!(before.iter().any(|u| u.code == "15718"));
        assert!(before.iter().any(|u| u.name == "Huyện Triệu Sơn"));
        let thanh_hoa = r.by_code("38").unwrap();
        assert!(r
            .predecessors(thanh_hoa)
            .iter()
            .any(|u| u.name == "Huyện Triệu Sơn"));
        let ninh_binh = r.by_code("37").unwrap();
        let names: Vec<&str> = r
            .predecessors(ninh_binh)
            .iter()
            .filter(|u| u.level == Level::Tinh)
            .map(|u| u.name)
            .collect();
        assert!(names.contains(&"Tỉnh Nam Định") && names.contains(&"Tỉnh Hà Nam"));
        assert_eq!(r.lookup_unit("56")[0].name, "Tỉnh Khánh Hòa");
        assert_eq!(r.lookup_unit("Tỉnh Khánh Hòa")[0].code, "56");
    }

    #[test]
    fn import_gets_the_folder_of_the_issuer() {
        assert_eq!(
            folder_for_issuer("UBND huyện Vĩnh Linh", None),
            Some("quang-tri/vinh-linh")
        );
        assert_eq!(
            folder_for_issuer("Sở Nội vụ tỉnh Quảng Trị", PartialDate::parse_iso("2022")),
            Some("quang-tri")
        );
        assert_eq!(folder_for_issuer("UBND huyện Châu Thành", None), None);
        assert_eq!(folder_for_issuer("Thủ tướng Chính phủ", None), None);
    }

    #[test]
    fn slugs_are_ascii_short_names() {
        let r = registry();
        let s = |code: &str| r.slug(r.by_code_on(code, date(2024, 1, 1)).unwrap());
        assert_eq!(s("56"), "khanh-hoa");
        assert_eq!(s("464"), "vinh-linh");
        assert_eq!(s("77"), "ba-ria-vung-tau");
        assert_eq!(s("760"), "quan-1");
        assert_eq!(path(r.by_code("15718").unwrap()), "thanh-hoa/trieu-son/nua");
        assert_eq!(path(r.by_code("56").unwrap()), "khanh-hoa");
    }
}
