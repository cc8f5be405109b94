//! What `serve` adds to the HTML it sends (never to `build` output): the
//! reload script, and when the latest build failed, an overlay naming each
//! error's file, line and message over the last good page.

use crate::diagnostics::Diagnostic;
use crate::text::escape_markup;

/// Reloads the page after every build; EventSource reconnects by itself
/// when the server restarts.
pub const SCRIPT: &str = r#"(function () {
  var events = new EventSource("/__vanban/events");
  events.addEventListener("reload", function () { location.reload(); });
})();
"#;

const SCRIPT_TAG: &str = r#"<script src="/__vanban/reload.js"></script>"#;

/// The page with the reload script and, if there are errors, the overlay,
/// inserted before `</body>` (or at the end: minified pages may omit it).
pub fn inject(html: &[u8], errors: &[Diagnostic]) -> Vec<u8> {
    let mut extra = String::new();
    if !errors.is_empty() {
        extra.push_str(&overlay(errors));
    }
    extra.push_str(SCRIPT_TAG);
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A page of its own for when no build has succeeded yet.
pub fn error_page(errors: &[Diagnostic]) -> Vec<u8> {
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Lỗi khi dựng trang</title></head><body>{}{SCRIPT_TAG}</body></html>",
        overlay(errors).replace(LAST_GOOD, NO_GOOD)
    )
    .into_bytes()
}

const LAST_GOOD: &str = "Trang đang hiển thị bản dựng thành công gần nhất.";
const NO_GOOD: &str = "Chưa có bản dựng thành công nào.";

fn overlay(errors: &[Diagnostic]) -> String {
    let mut items = String::new();
    for d in errors {
        let position = if d.line > 0 {
            format!("{}:{}", d.file.display(), d.line)
        } else {
            d.file.display().to_string()
        };
        let line = if d.line > 0 {
            format!(
                " <span class=\"vanban-error-line\">(dòng {})</span>",
                d.line
            )
        } else {
            String::new()
        };
        items.push_str(&format!(
            "<li><code class=\"vanban-error-file\">{}</code>{line}: <span class=\"vanban-error-message\">{}</span></li>",
            escape_markup(&position),
            escape_markup(&d.message)
        ));
    }
    format!(
        "<div id=\"vanban-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.92);color:#fff;font:16px/1.5 system-ui,sans-serif;padding:2rem\">\
<h2 style=\"margin-top:0;color:#ffb4b4\">Lỗi khi dựng trang ({} lỗi)</h2>\
<p>{LAST_GOOD} Sửa tệp rồi lưu lại, trang sẽ tự tải lại.</p>\
<ul style=\"font-family:monospace\">{items}</ul></div>",
        errors.len()
    )
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_body_end_or_at_the_end() {
        let page = inject(b"<p>x</p></body></html>", &[]);
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("<p>x</p><script src=\"/__vanban/reload.js\"></script></body>"));
        let minified = String::from_utf8(inject(b"<p>x", &[])).unwrap();
        assert!(minified.ends_with(SCRIPT_TAG));
    }

    #[test]
    fn overlay_names_file_line_and_escaped_message() {
        let d = Diagnostic::error("content/a.md", "front-matter", "expected `=` <here>").at(3, 7);
        let page = String::from_utf8(inject(b"<body></body>", &[d])).unwrap();
        assert!(page.contains("content/a.md:3"));
        assert!(page.contains("expected `=` &lt;here&gt;"));
    }
}
