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

pub fn html(bytes: &[u8]) -> Vec<u8> {
    minify_html::minify(bytes, &CONFIG)
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
