//! Converts a generated vanban site's `content/` into Hugo content, for the
//! build-time comparison of `benches/run.sh`.
//!
//! Hugo wants `date` (a full date) where vanban has `issued` (possibly
//! partial), a `title` on every list page, and project fields under
//! `[params]` (a top-level `kind` would clash with Hugo's page kinds). The
//! body is copied unchanged. The conversion is line-based and expects the
//! layout `generate` writes: top-level keys first, tables after.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Hugo's own front-matter keys, kept at the top level.
const HUGO_KEYS: &[&str] = &["title", "slug", "draft", "weight"];

/// The peer a site is converted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer {
    Hugo,
    Zola,
}

impl Peer {
    /// The table that holds the project's own fields.
    fn table(self) -> &'static str {
        match self {
            Peer::Hugo => "params",
            Peer::Zola => "extra",
        }
    }
}

/// Converts one file's front matter for Hugo; `None` if it has none.
pub fn convert(source: &str) -> Option<String> {
    convert_for(source, Peer::Hugo)
}

/// Converts one file's front matter for `peer`; `None` if it has none.
pub fn convert_for(source: &str, peer: Peer) -> Option<String> {
    let table = peer.table();
    let rest = source.strip_prefix("+++\n")?;
    let end = rest.find("\n+++\n").map(|e| e + 1).or_else(|| {
        rest.strip_suffix("+++")
            .filter(|r| r.ends_with('\n') || r.is_empty())
            .map(str::len)
    })?;
    let front = &rest[..end];
    let body = rest[end..].strip_prefix("+++").unwrap_or("");
    let body = body.strip_prefix('\n').unwrap_or(body);

    let mut top = String::new();
    let mut params = String::new();
    let mut tables = String::new();
    let mut in_table = false;
    let mut to_top = false;
    let mut has_title = false;
    let mut name_value: Option<String> = None;
    for line in front.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') && !line.starts_with(' ') && !is_continuation(trimmed) {
            in_table = true;
            let header = trimmed
                .strip_prefix("[[")
                .map(|h| format!("[[{table}.{h}"))
                .unwrap_or_else(|| format!("[{table}.{}", &trimmed[1..]));
            tables.push_str(&header);
            tables.push('\n');
            continue;
        }
        if in_table {
            tables.push_str(line);
            tables.push('\n');
            continue;
        }
        let key = line.split('=').next().unwrap_or("").trim();
        let is_key_line = !key.is_empty()
            && line.contains('=')
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if is_key_line {
            let value = line.split_once('=').map(|x| x.1.trim()).unwrap_or("");
            match key {
                "issued" => {
                    if let Some(date) = full_date(value) {
                        top.push_str(&format!("date = {date}\n"));
                    }
                    to_top = false;
                }
                "name" => {
                    name_value = Some(value.to_string());
                    to_top = false;
                }
                k if HUGO_KEYS.contains(&k) => {
                    has_title |= k == "title";
                    to_top = true;
                }
                _ => to_top = false,
            }
        }
        let dest = if to_top { &mut top } else { &mut params };
        dest.push_str(line);
        dest.push('\n');
    }
    if !has_title {
        if let Some(name) = name_value {
            top.push_str(&format!("title = {name}\n"));
        }
    }
    let mut out = String::with_capacity(source.len() + 64);
    out.push_str("+++\n");
    out.push_str(&top);
    if !params.trim().is_empty() {
        out.push_str(&format!("[{table}]\n"));
        out.push_str(&params);
    }
    out.push_str(&tables);
    out.push_str("+++\n");
    out.push_str(body);
    Some(out)
}

/// A line inside a multi-line array that happens to start with "[".
fn is_continuation(trimmed: &str) -> bool {
    !trimmed.ends_with(']') || trimmed.contains('=')
}

/// `"2022-03"` → `2022-03-01`; `"2024"` → `2024-01-01`.
fn full_date(value: &str) -> Option<String> {
    let v = value.trim().trim_matches('"');
    let d = crate::model::PartialDate::parse_iso(v)?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        d.year,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1)
    ))
}

/// Writes the Hugo version of `src/content` (a vanban site) into
/// `out/content`, and returns how many Markdown files it converted. Hugo's
/// `hugo.toml` and layouts are the caller's (see `benches/run.sh`).
pub fn write_hugo_site(src: &Path, out: &Path) -> io::Result<usize> {
    write_site(src, out, Peer::Hugo)
}

/// Writes the `peer` version of `src/content` into `out/content`, and
/// returns how many Markdown files it converted; the peer's configuration
/// and templates are the caller's (see `benches/run.sh`).
pub fn write_site(src: &Path, out: &Path, peer: Peer) -> io::Result<usize> {
    let mut count = 0;
    convert_dir(&src.join("content"), &out.join("content"), peer, &mut count)?;
    Ok(count)
}

fn convert_dir(from: &Path, to: &Path, peer: Peer, count: &mut usize) -> io::Result<()> {
    fs::create_dir_all(to)?;
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            convert_dir(&path, &target, peer, count)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            let source = fs::read_to_string(&path)?;
            let converted = convert_for(&source, peer).unwrap_or(source);
            let mut f = io::BufWriter::new(fs::File::create(&target)?);
            f.write_all(converted.as_bytes())?;
            f.flush()?;
            *count += 1;
        } else {
            fs::copy(&path, &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The TOML front matter of a converted file.
    fn front_of(out: &str) -> toml::Table {
        let front = out.strip_prefix("+++\n").unwrap().split("+++\n").next();
        toml::from_str(front.unwrap()).unwrap()
    }

    #[test]
    fn moves_fields_under_params_and_fills_the_date() {
        let src = "+++\ntitle = \"Kế hoạch\"\nkind = \"ke-hoach\"\nissued = \"2022-03\"\nrecipients = [\"Lưu: VT.\"]\n\n[signer]\nname = \"A\"\n+++\nBody [^1]\n";
        let out = convert(src).unwrap();
        let front = front_of(&out);
        assert_eq!(front["title"].as_str(), Some("Kế hoạch"));
        assert_eq!(
            front["date"].as_datetime().unwrap().to_string(),
            "2022-03-01"
        );
        assert_eq!(front["params"]["kind"].as_str(), Some("ke-hoach"));
        assert_eq!(front["params"]["signer"]["name"].as_str(), Some("A"));
        assert!(front.get("kind").is_none());
        assert!(out.ends_with("+++\nBody [^1]\n"));
    }

    #[test]
    fn zola_gets_the_fields_under_extra() {
        let src = "+++\ntitle = \"Kế hoạch\"\nkind = \"ke-hoach\"\nissued = \"2024\"\n\n[signer]\nname = \"A\"\n+++\nBody\n";
        let out = convert_for(src, Peer::Zola).unwrap();
        let front = front_of(&out);
        assert_eq!(
            front["date"].as_datetime().unwrap().to_string(),
            "2024-01-01"
        );
        assert_eq!(front["extra"]["kind"].as_str(), Some("ke-hoach"));
        assert_eq!(front["extra"]["signer"]["name"].as_str(), Some("A"));
        assert!(front.get("params").is_none() && front.get("kind").is_none());
    }

    #[test]
    fn jurisdiction_names_become_titles() {
        let out = convert(
            "+++\nname = \"Huyện Vĩnh Linh\"\nlevel = \"huyen\"\nuntil = 2025-06-30\n+++\nMô tả\n",
        )
        .unwrap();
        assert!(out.contains("title = \"Huyện Vĩnh Linh\"\n[params]\nname = "));
        assert!(out.contains("until = 2025-06-30"));
    }
}
