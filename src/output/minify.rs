//! Minification of scripts and of the HTML files a site ships as they are
//! in `static/`. Pages made from templates are not minified here: their
//! templates are, once, when the theme loads (`render::compact`).

use std::sync::LazyLock;

static CONFIG: LazyLock<minify_html::Cfg> = LazyLock::new(|| {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = false;
    cfg
});

/// Minifies a file of the theme's or site's `static/` folder: scripts and
/// HTML (which no template made). Generated files are never scripts.
pub fn static_file(page: &mut crate::render::Page) {
    if page.is_html() {
        page.content = minify_html::minify(&page.content, &CONFIG);
    } else if page.path.ends_with(".js") {
        page.content = js(&page.content);
    }
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
    use crate::render::Page;

    #[test]
    fn static_html_is_minified() {
        let html = "<!doctype html><html lang=\"vi\"><body>\n  <p>V\u{103}n   h\u{f3}a</p>\n</body></html>";
        let mut file = Page {
            path: "gioi-thieu.html".into(),
            content: html.into(),
            source: None,
        };
        super::static_file(&mut file);
        let out = String::from_utf8(file.content).unwrap();
        assert!(
            out.contains("<p>Văn hóa</p>") && out.contains("lang=vi"),
            "{out}"
        );
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
