//! Jurisdictions (the administrative units whose folders hold documents) and
//! plain sections.

use super::JurId;
use crate::model::PartialDate;
use serde::Serialize;
use std::path::PathBuf;

/// Administrative level (cấp hành chính).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Level {
    /// Trung ương: the national level.
    #[serde(rename = "trung-uong")]
    TrungUong,
    /// Tỉnh: province or centrally-run city.
    #[serde(rename = "tinh")]
    Tinh,
    /// Huyện: district (abolished on 1 July 2025).
    #[serde(rename = "huyen")]
    Huyen,
    /// Xã: commune, ward or township.
    #[serde(rename = "xa")]
    Xa,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::TrungUong, Level::Tinh, Level::Huyen, Level::Xa];

    pub fn slug(self) -> &'static str {
        match self {
            Level::TrungUong => "trung-uong",
            Level::Tinh => "tinh",
            Level::Huyen => "huyen",
            Level::Xa => "xa",
        }
    }

    /// Vietnamese name of the level ("Cấp tỉnh").
    pub fn name_vi(self) -> &'static str {
        match self {
            Level::TrungUong => "Trung ương",
            Level::Tinh => "Cấp tỉnh",
            Level::Huyen => "Cấp huyện",
            Level::Xa => "Cấp xã",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.slug() == text.trim())
    }
}

#[derive(Debug, Clone)]
pub struct Jurisdiction {
    /// Folder path under content/, "" for the root ("khanh-hoa",
    /// "thanh-hoa/trieu-son"). Also its URL path.
    pub path: String,
    pub name: String,
    pub level: Level,
    /// Last day it existed, for units merged or abolished in 2025.
    pub until: Option<PartialDate>,
    /// What took it over: a jurisdiction of this site, or a plain name.
    pub successor: Option<Successor>,
    pub parent: Option<JurId>,
    pub children: Vec<JurId>,
    /// The units of the registry it stands for, in force first: one, or a
    /// new province and the former one whose name it kept ("quang-tri").
    /// Empty for a jurisdiction only its `_index.md` declares.
    pub units: Vec<&'static crate::registry::Unit>,
    /// Former jurisdictions of the site it took over (their `successor`):
    /// a new province's former provinces and districts, a new commune's
    /// former communes and districts.
    pub predecessors: Vec<JurId>,
    /// Markdown of its `_index.md` body.
    pub description: String,
    pub source: Option<PathBuf>,
    /// Free-form data for templates.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Successor {
    Jurisdiction(JurId),
    Name(String),
}

impl Jurisdiction {
    pub fn is_former(&self) -> bool {
        self.until.is_some()
    }

    /// A jurisdiction with nothing but its path, name and level; the
    /// registry and `_index.md` fill in the rest.
    pub fn new(path: String, name: String, level: Level) -> Jurisdiction {
        Jurisdiction {
            path,
            name,
            level,
            until: None,
            successor: None,
            parent: None,
            children: Vec::new(),
            units: Vec::new(),
            predecessors: Vec::new(),
            description: String::new(),
            source: None,
            extra: Default::default(),
        }
    }

    /// The GSO code of the unit it stands for ("56"), if any.
    pub fn code(&self) -> Option<&'static str> {
        self.units.first().map(|u| u.code)
    }

    /// URL path of its page ("khanh-hoa/", "" for the root which is home).
    pub fn url_path(&self) -> String {
        if self.path.is_empty() {
            String::new()
        } else {
            format!("{}/", self.path)
        }
    }
}

/// A folder that is not a jurisdiction, such as `tin-tuc/`.
#[derive(Debug, Clone)]
pub struct Section {
    pub path: String,
    pub title: String,
    pub jurisdiction: JurId,
}

/// Folders the renderer gives its own pages at the site's root (lists,
/// search, open data, assets) and inside every jurisdiction's folder
/// (embeds, page numbers). No document, stub or federated document may take
/// one: its page would collide with the site's own.
pub const SITE_FOLDERS: [&str; 12] = [
    "api",
    "chu-de",
    "dia-phuong",
    "fonts",
    "ho-tro-tiep-can",
    "loai",
    "nam",
    "nhung",
    "search",
    "tim-kiem",
    "tin-bai",
    "trang",
];
pub const JURISDICTION_FOLDERS: [&str; 2] = ["nhung", "trang"];

/// The page addresses ("loai/", "khanh-hoa/nhung/") reserved for the site's
/// own pages, given its jurisdictions' folders ("" for the root).
pub fn reserved_paths<'a>(folders: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut paths: Vec<String> = SITE_FOLDERS.iter().map(|f| format!("{f}/")).collect();
    for folder in folders.filter(|f| !f.is_empty()) {
        paths.extend(JURISDICTION_FOLDERS.iter().map(|f| format!("{folder}{f}/")));
    }
    paths
}
