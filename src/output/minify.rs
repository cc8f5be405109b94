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

pub fn html(bytes: &[u8]) -> Vec<u8> {
    minify_html::minify(bytes, &CONFIG)
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
}
