//! The front matter exactly as written, before validation. Deserialised with
//! unknown fields denied so that a misspelt key is an error, not silently
//! ignored; free-form data belongs under `extra`.

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub title: Option<String>,
    pub kind: Option<String>,
    pub kind_heading: Option<String>,
    pub number: Option<String>,
    pub issued: Option<DateValue>,
    pub issuer: Option<String>,
    pub issuer_parent: Option<String>,
    pub place: Option<String>,
    #[serde(default)]
    pub addressees: Vec<String>,
    #[serde(default)]
    pub recipients: Vec<String>,
    pub recipients_label: Option<String>,
    pub signer: Option<RawSigner>,
    #[serde(default)]
    pub implements: Vec<String>,
    #[serde(default)]
    pub cites: Vec<String>,
    /// Căn cứ: the legal basis.
    #[serde(default)]
    pub based_on: Vec<String>,
    #[serde(default)]
    pub amends: Vec<String>,
    #[serde(default)]
    pub replaces: Vec<String>,
    #[serde(default)]
    pub repeals: Vec<String>,
    #[serde(default)]
    pub repeals_in_part: Vec<String>,
    /// Đính chính.
    #[serde(default)]
    pub corrects: Vec<String>,
    #[serde(default)]
    pub guides: Vec<String>,
    /// Ngày có hiệu lực.
    pub effective: Option<DateValue>,
    /// Ngày hết hiệu lực.
    pub expires: Option<DateValue>,
    /// The in-force status as the editor states it, over what dates and
    /// relations say: "con-hieu-luc", "het-hieu-luc", …
    pub status: Option<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub summary: Option<String>,
    /// News (`tin-bai`): the units and people commended, as written.
    #[serde(default)]
    pub commended: Vec<String>,
    /// News: the award ("giấy khen", "bằng khen", "biểu dương"), as written.
    pub award: Option<String>,
    /// News: the movement or plan the commendation belongs to, in citation
    /// syntax; resolved like `cites`.
    pub movement: Option<String>,
    pub image: Option<RawImage>,
    /// News: the time of day it reports or was published, "HH:MM".
    pub time: Option<String>,
    /// News: who wrote it, as written.
    pub author: Option<String>,
    /// News: where it comes from: a name, an http(s) address, or both.
    pub source: Option<RawSource>,
    /// The received file (signed PDF, Word), beside the content file.
    pub original: Option<String>,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// An illustration; `alt` is optional here only so that its absence is
/// reported as a located error rather than a serde message.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImage {
    pub src: Option<String>,
    pub alt: Option<String>,
    /// The caption shown under the picture (credit, place, date).
    pub caption: Option<String>,
}

/// A news post's source: `source = "Báo Khánh Hòa"`, `source =
/// "https://…"`, or `source = { name = "…", url = "…" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawSource {
    Text(String),
    Full {
        name: Option<String>,
        url: Option<String>,
    },
}

#[derive(Debug, Default, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawSigner {
    /// The "TM."/"KT."/"Q." line as written, e.g. "TM. ỦY BAN NHÂN DÂN".
    pub authority: Option<String>,
    pub position: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawJurisdiction {
    pub name: Option<String>,
    /// Present only on a jurisdiction; a plain section folder has `title`.
    pub level: Option<String>,
    pub title: Option<String>,
    pub until: Option<DateValue>,
    pub successor: Option<String>,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A date as front matter may write it: a string ("2019-07-12", "2022-03",
/// "2024"), a bare TOML date (2019-07-12), or a bare year (2024). Kept as a
/// `toml::Value` because serde's untagged enums lose TOML's date marker.
pub type DateValue = toml::Value;

/// The text of a date value, or None when it is no kind of date at all.
pub fn date_text(value: &DateValue) -> Option<String> {
    match value {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(y) => Some(y.to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        _ => None,
    }
}
