//! HTML minification with minify-html, keeping what assistive technology and
//! validators rely on (closing tags and quoted attributes are optional in
//! HTML, but the document stays valid either way).

use std::sync::LazyLock;

static CONFIG: LazyLock<minify_html::Cfg> = LazyLock::new(|| {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = false;
    cfg
});

/// Minifies an output file by its kind: HTML pages and scripts.
pub fn page(page: &mut crate::render::Page) {
    if page.is_html() {
        page.content = html(&page.content);
    } else if page.path.ends_with(".js") {
        page.content = js(&page.content);
    }
}

/// A theme wraps HTML the minifier must pass through as it is in these
/// comments. A document's body is most of its page and comes from comrak
/// already compact: minifying it again was a quarter of a build's CPU time.
/// The comments go away with the rest of the minified page.
pub const VERBATIM_START: &str = "<!--verbatim-->";
pub const VERBATIM_END: &str = "<!--/verbatim-->";

/// Stands for the verbatim part while the rest is minified: text from the
/// Unicode private use area, which minify-html leaves alone.
const PLACEHOLDER: &str = "\u{E000}vanban-verbatim\u{E000}";

pub fn html(bytes: &[u8]) -> Vec<u8> {
    let Some((before, verbatim, after)) = split_verbatim(bytes) else {
        return minify_html::minify(bytes, &CONFIG);
    };
    let mut chrome = Vec::with_capacity(before.len() + PLACEHOLDER.len() + after.len());
    chrome.extend_from_slice(before);
    chrome.extend_from_slice(PLACEHOLDER.as_bytes());
    chrome.extend_from_slice(after);
    let minified = minify_html::minify(&chrome, &CONFIG);
    let Some(at) = memchr::memmem::find(&minified, PLACEHOLDER.as_bytes()) else {
        return minify_html::minify(bytes, &CONFIG);
    };
    let mut out = Vec::with_capacity(minified.len() + verbatim.len());
    out.extend_from_slice(&minified[..at]);
    out.extend_from_slice(verbatim);
    out.extend_from_slice(&minified[at + PLACEHOLDER.len()..]);
    out
}

/// The page before the first verbatim region, the region's content, and
/// the page after it.
fn split_verbatim(bytes: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let start = memchr::memmem::find(bytes, VERBATIM_START.as_bytes())?;
    let inner = start + VERBATIM_START.len();
    let len = memchr::memmem::find(&bytes[inner..], VERBATIM_END.as_bytes())?;
    let end = inner + len;
    Some((
        &bytes[..start],
        &bytes[inner..end],
        &bytes[end + VERBATIM_END.len()..],
    ))
}

/// JavaScript minification (a classic script, not a module) with oxc, the
/// minifier minify-html uses: safe compression and local-name mangling.
/// Returns the input unchanged if it does not parse or would not shrink.
pub fn js(bytes: &[u8]) -> Vec<u8> {
    use oxc_allocator::Allocator;
    use oxc_codegen::{Codegen, CodegenOptions};
    use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
    use oxc_parser::Parser;
    use oxc_span::SourceType;

    let Ok(source) = std::str::from_utf8(bytes) else {
        return bytes.to_vec();
    };
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, SourceType::cjs()).parse();
    if !parsed.errors.is_empty() || parsed.panicked {
        return bytes.to_vec();
    }
    let mut program = parsed.program;
    let minified = Minifier::new(MinifierOptions {
        mangle: Some(MangleOptions::default()),
        compress: Some(CompressOptions::safest()),
    })
    .minify(&allocator, &mut program);
    // Without the minifier's scoping the codegen prints the original names.
    let code = Codegen::new()
        .with_options(CodegenOptions::minify())
        .with_scoping(minified.scoping)
        .with_private_member_mappings(minified.class_private_mappings)
        .build(&program)
        .code;
    if code.len() < bytes.len() {
        code.into_bytes()
    } else {
        bytes.to_vec()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn collapses_whitespace_and_keeps_text() {
        let out = super::html(b"<!doctype html><html lang=\"vi\"><head><title>T</title></head><body>\n  <p>V\xC4\x83n   h\xC3\xB3a</p>\n</body></html>");
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("<p>Văn hóa</p>"), "{out}");
        assert!(out.contains("lang=vi"), "{out}");
    }

    #[test]
    fn leaves_verbatim_regions_as_they_are_and_minifies_around_them() {
        let page = "<html><body>\n  <p class=\"a\">X   y</p>\n<div><!--verbatim--><p>Điều  1</p>\n<p>b</p><!--/verbatim--></div>  <p>z</p></body></html>";
        let out = String::from_utf8(super::html(page.as_bytes())).unwrap();
        assert!(out.contains("<div><p>Điều  1</p>\n<p>b</p></div>"), "{out}");
        assert!(out.contains("<p class=a>X y</p>"), "{out}");
        assert!(
            !out.contains("verbatim") && !out.contains('\u{E000}'),
            "{out}"
        );
        let unclosed = "<p>a   b</p><!--verbatim--><p>c   d</p>";
        let out = String::from_utf8(super::html(unclosed.as_bytes())).unwrap();
        assert_eq!(out, "<p>a b</p><p>c d</p>");
    }

    #[test]
    fn minifies_javascript_and_keeps_what_does_not_parse() {
        let src = b"(function () {\n  // a comment\n  var longName = 'V\xC4\x83n h\xC3\xB3a';\n  window.x = longName + longName;\n})();\n";
        let out = String::from_utf8(super::js(src)).unwrap();
        assert!(out.len() < src.len() / 2, "{out}");
        assert!(
            !out.contains("comment") && !out.contains("longName"),
            "{out}"
        );
        assert!(out.contains("Văn hóa"), "{out}");
        assert_eq!(super::js(b"var = ;"), b"var = ;");
    }
}
