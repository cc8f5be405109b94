//! Splitting a content file into front matter and body. TOML between `+++`
//! lines is the native form; YAML between `---` lines is accepted because
//! files exported from other tools use it.

use crate::diagnostics::line_col;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

#[derive(Debug)]
pub struct Split<'a> {
    pub format: Format,
    /// The text between the fences.
    pub front_matter: &'a str,
    /// 1-based line of the first front-matter line in the file.
    pub front_matter_line: usize,
    pub body: &'a str,
    /// 1-based line of the first body line in the file.
    pub body_line: usize,
}

/// A problem with the file's framing, with its 1-based line.
#[derive(Debug, PartialEq, Eq)]
pub struct FramingError {
    pub line: usize,
    pub message: String,
}

pub fn split(text: &str) -> Result<Split<'_>, FramingError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let (fence, format) = match first_line.trim_end() {
        "+++" => ("+++", Format::Toml),
        "---" => ("---", Format::Yaml),
        _ => {
            return Err(FramingError {
                line: 1,
                message: "expected front matter: the file must start with a line `+++` \
                          (TOML) or `---` (YAML)"
                    .into(),
            })
        }
    };
    let start = first_line.len() + line_break_len(&text[first_line.len()..]);
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let front_matter = &text[start..offset];
            let body_start = offset + line.len();
            return Ok(Split {
                format,
                front_matter,
                front_matter_line: 2,
                body: &text[body_start..],
                body_line: line_col(text, body_start).0,
            });
        }
        offset += line.len();
    }
    Err(FramingError {
        line: 1,
        message: format!("front matter opened here is never closed: expected a line `{fence}`"),
    })
}

fn line_break_len(rest: &str) -> usize {
    if rest.starts_with("\r\n") {
        2
    } else {
        usize::from(rest.starts_with('\n'))
    }
}

/// 1-based line and column of `key` in front matter text, for pointing at a
/// field whose value is wrong. Finds `key =` (TOML) or `key:` (YAML) at the
/// start of a line; falls back to the first line.
pub fn locate_key(front_matter: &str, key: &str) -> (usize, usize) {
    let mut offset = 0;
    for line in front_matter.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            let rest = rest.trim_start();
            if rest.starts_with('=') || rest.starts_with(':') {
                let indent = line.len() - trimmed.len();
                return line_col(front_matter, offset + indent);
            }
        }
        offset += line.len();
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml_and_reports_body_line() {
        let s = split("+++\ntitle = \"a\"\n+++\nBody\n").unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.front_matter, "title = \"a\"\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn splits_yaml_with_crlf() {
        let s = split("---\r\ntitle: a\r\n---\r\nBody").unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.front_matter, "title: a\r\n");
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_errors() {
        assert!(split("+++\ntitle = 1\n")
            .unwrap_err()
            .message
            .contains("never closed"));
        assert!(split("# Title\n")
            .unwrap_err()
            .message
            .contains("must start"));
    }

    #[test]
    fn locates_keys_in_both_formats() {
        assert_eq!(locate_key("title = 1\nkind = \"x\"\n", "kind"), (2, 1));
        assert_eq!(locate_key("title: 1\n  kind: x\n", "kind"), (2, 3));
        assert_eq!(locate_key("kinds = 1\n", "kind"), (1, 1));
    }
}
