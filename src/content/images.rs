//! Pictures that would load from outside the site. The generated site loads
//! nothing from elsewhere (a portal may be read offline, on an intranet, or
//! under a policy that forbids third-party requests), so a Markdown image
//! whose address is another host's (`https://…`, `//host/…`) is rendered as
//! a link to the picture instead of an `<img>`, and loading reports it: a
//! warning in `build`, an error in `check` (code `outside-image`). The fix
//! is to save the picture into the site and use a relative path.

use crate::diagnostics::Diagnostic;
use comrak::nodes::NodeValue;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// Whether an image address points at another host: a scheme that fetches
/// (`http:`, `https:`, `ftp:` …) or a scheme-relative `//host/…`. `data:`
/// pictures are inside the page and stay.
pub fn is_outside(src: &str) -> bool {
    let src = src.trim();
    if src.starts_with("//") || src.starts_with("\\\\") {
        return true;
    }
    match src.split_once(':') {
        Some((scheme, _)) if !scheme.is_empty() && !scheme.contains(['/', '?', '#']) => {
            !scheme.eq_ignore_ascii_case("data")
        }
        _ => false,
    }
}

/// `src` / `srcset` addresses in raw HTML the body may carry.
static HTML_SRC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:src|srcset|poster)\s*=\s*["']?\s*([^"'\s>]+)"#).expect("valid regex")
});

/// One finding per picture of `body` (starting at `body_line` of `file`)
/// that would load from outside the site.
pub fn outside_images(body: &str, body_line: usize, file: &Path) -> Vec<Diagnostic> {
    if !body.contains("![") && !body.to_ascii_lowercase().contains("src") {
        return Vec::new();
    }
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.footnotes = true;
    options.extension.strikethrough = true;
    let root = comrak::parse_document(&arena, body, &options);
    let mut out = Vec::new();
    for node in root.descendants() {
        let data = node.data.borrow();
        let pos = data.sourcepos.start;
        let found: Vec<String> = match &data.value {
            NodeValue::Image(link) if is_outside(&link.url) => vec![link.url.clone()],
            NodeValue::HtmlBlock(html) => outside_in_html(&html.literal),
            NodeValue::HtmlInline(html) => outside_in_html(html),
            _ => Vec::new(),
        };
        for url in found {
            out.push(warning(file, &url).at(body_line + pos.line.max(1) - 1, pos.column.max(1)));
        }
    }
    out
}

/// The finding for one picture at `url` that would load from outside.
pub fn warning(file: &Path, url: &str) -> Diagnostic {
    Diagnostic::warning(
        file,
        "outside-image",
        format!(
            "image \"{url}\" would load from another site: it is shown as a link; save the picture in the site and use a relative path"
        ),
    )
}

fn outside_in_html(html: &str) -> Vec<String> {
    HTML_SRC
        .captures_iter(html)
        .map(|c| c[1].to_string())
        .filter(|src| is_outside(src))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_outside_addresses_from_the_sites_own() {
        for src in [
            "https://a.vn/x.png",
            "http://a.vn/x.png",
            "//a.vn/x.png",
            "HTTPS://A.VN/x",
            "ftp://a/x",
        ] {
            assert!(is_outside(src), "{src}");
        }
        for src in [
            "anh/x.png",
            "/anh/x.png",
            "../x.png",
            "data:image/png;base64,AAAA",
            "x.png?v=1:2",
        ] {
            assert!(!is_outside(src), "{src}");
        }
    }

    #[test]
    fn finds_markdown_and_html_pictures_with_their_lines() {
        let body = "Đoạn một.\n\n![Lễ trao giải](https://bao.vn/anh.jpg)\n\n<img src=\"//cdn.vn/a.png\">\n\n![Ảnh](anh/noi-bo.jpg)\n";
        let found = outside_images(body, 10, Path::new("content/a.md"));
        let lines: Vec<usize> = found.iter().map(|d| d.line).collect();
        assert_eq!(lines, [12, 14]);
        assert!(found
            .iter()
            .all(|d| d.code == "outside-image" && !d.is_error()));
    }
}
