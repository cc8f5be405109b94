//! The front matter of an imported document (fields per SCHEMA.md), written
//! as TOML. Empty fields are left out, never filled with a guess.

use crate::model::{Kind, PartialDate};
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Signer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Field order follows SCHEMA.md; tables (`signer`) come last as TOML needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FrontMatter {
    /// Set when the text gave no kind or no title: the file is still
    /// written (nothing is lost), but kept out of the site until an editor
    /// fills them in.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Required by the schema, but left out when the text has no trích yếu:
    /// the report says so and the editor fills it in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind_heading: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_parent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipients_label: Option<String>,
    /// The received file, copied beside the content file (`--keep-original`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// Left for the caller's citation parser (see `Imported::body_text`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub implements: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<Signer>,
}

impl FrontMatter {
    pub fn to_toml(&self) -> String {
        // Only strings, lists of strings and one table: cannot fail.
        toml::to_string(self).unwrap_or_default()
    }
}
