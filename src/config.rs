//! `config.toml`: what a webmaster sets once for a site.

use crate::diagnostics::{line_col, Diagnostic};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where the site is published; may carry a path
    /// ("https://tinh.gov.vn/van-hoa-cong-vu/"). Used only for absolute URLs
    /// (sitemap, feeds, canonical links): pages link to each other
    /// relatively, so the output works under any sub-path and offline.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_title")]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Raw HTML in Markdown is escaped unless this is set.
    #[serde(default)]
    pub allow_html: bool,
    #[serde(default = "yes")]
    pub minify: bool,
    /// Entries per list page before it is split into pages.
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    /// URL template linking a document that is not published here to an
    /// official source, with `{number}`, `{year}`, `{kind}` placeholders.
    #[serde(default)]
    pub official_source_url: Option<String>,
    /// Other vanban sites whose manifests take part in citation resolution.
    #[serde(default)]
    pub federation: Federation,
    /// The day in-force statuses are computed for ("2024-06-30"); unset,
    /// today in Vietnam. `--as-of` overrides it.
    #[serde(default, rename = "as_of")]
    as_of_raw: Option<toml::Value>,
    /// `as_of` read, or set by the build.
    #[serde(skip)]
    pub as_of: Option<crate::model::PartialDate>,
    /// The administrative unit a provincial (or lower) site publishes for,
    /// by GSO code or name ("56", "Tỉnh Khánh Hòa"); unset, the site is
    /// national. It decides which units of the registry the site knows.
    #[serde(default)]
    pub don_vi: Option<String>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// `[federation]`: manifests (`https://…/vanban.json` or a path relative to
/// the site root) loaded at build time.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Federation {
    #[serde(default)]
    pub manifests: Vec<String>,
    /// Seconds to wait for one manifest before falling back to the cache.
    #[serde(default)]
    pub timeout: Option<u64>,
}

fn default_base_url() -> String {
    "/".into()
}
fn default_title() -> String {
    "Văn bản thực hiện Đề án Văn hóa công vụ".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    50
}
fn yes() -> bool {
    true
}

impl Default for Config {
    fn default() -> Self {
        toml::from_str("").expect("defaults are valid")
    }
}

impl Config {
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join("config.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::error(
                "config.toml",
                "config-unreadable",
                format!("cannot read: {e}"),
            )
        })?;
        Self::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
            Diagnostic::error("config.toml", "config-invalid", e.message().to_string())
                .at(line, col)
        })?;
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        if let Some(value) = &config.as_of_raw {
            config.as_of = Some(parse_as_of(&value_text(value)).ok_or_else(|| {
                let at = text.find("as_of").map_or((0, 0), |i| line_col(text, i));
                Diagnostic::error(
                    "config.toml",
                    "config-invalid",
                    format!("as_of `{value}` is not a day: expected \"YYYY-MM-DD\""),
                )
                .at(at.0, at.1)
            })?);
        }
        if config.paginate == 0 {
            return Err(Diagnostic::error(
                "config.toml",
                "config-invalid",
                "paginate must be at least 1",
            ));
        }
        if let Some(unit) = &config.don_vi {
            if crate::registry::registry().lookup_unit(unit).is_empty() {
                let (line, col) = key_position(text, "don_vi");
                return Err(Diagnostic::error(
                    "config.toml",
                    "unknown-unit",
                    format!("don_vi = \"{unit}\": no administrative unit has this name or code (e.g. \"Tỉnh Khánh Hòa\" or \"56\")"),
                )
                .at(line, col));
            }
        }
        Ok(config)
    }

    /// The unit of a provincial site (`don_vi`), `None` for a national one.
    pub fn unit(&self) -> Option<&'static crate::registry::Unit> {
        let text = self.don_vi.as_deref()?;
        crate::registry::registry()
            .lookup_unit(text)
            .into_iter()
            .next()
    }

    /// The absolute URL of a site-relative path ("khanh-hoa/" →
    /// "https://tinh.gov.vn/van-hoa-cong-vu/khanh-hoa/").
    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }
}

fn value_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A full day "YYYY-MM-DD", for `as_of` and `--as-of`.
pub fn parse_as_of(text: &str) -> Option<crate::model::PartialDate> {
    crate::model::PartialDate::parse_iso(text).filter(|d| d.is_full())
}

/// Line and column of the line that sets `key`, for a message about it.
fn key_position(text: &str, key: &str) -> (usize, usize) {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or((1, 1), |i| (i + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let c = Config::parse("base_url = \"https://tinh.gov.vn/vhcv\"").unwrap();
        assert_eq!(c.base_url, "https://tinh.gov.vn/vhcv/");
        assert_eq!(
            c.absolute_url("khanh-hoa/"),
            "https://tinh.gov.vn/vhcv/khanh-hoa/"
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_position() {
        let e = Config::parse("title = \"x\"\nbase_ur = \"/\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("base_ur"), "{}", e.message);
    }
}
