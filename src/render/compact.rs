//! Minifies HTML templates once, when the theme loads, instead of every
//! page they render. Minifying each page with minify-html was a quarter of
//! a build's CPU time and, once Tera stopped escaping `/`, saved under 4 %
//! of the bytes: the theme's templates are already written compactly, so
//! what is left to remove is the layout whitespace between their tags, and
//! that is the same on every page.
//!
//! The rules are those a browser's rendering allows, so that they hold
//! whatever a template's `{% if %}`s choose at render time:
//! - HTML comments go; Tera's own tags and everything inside an HTML tag
//!   stay exactly as written.
//! - A run of whitespace next to the tag of a block-level element (`<li>`,
//!   `</p>`, `<div>`…) goes: it starts or ends a line box, where a browser
//!   drops it anyway.
//! - Any other run becomes one space, which renders the same.
//! - `<pre>`, `<textarea>`, `<script>` and `<style>` keep their content.

/// Elements whose tags start or end a line box in the default style sheet
/// (block, list item, table parts) and the document's head, where text is
/// not rendered at all.
const BLOCK_LEVEL: &[&str] = &[
    "!doctype",
    "address",
    "article",
    "aside",
    "base",
    "blockquote",
    "body",
    "br",
    "caption",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "meta",
    "nav",
    "ol",
    "optgroup",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Elements whose content is kept byte for byte.
const RAW_CONTENT: &[&str] = &["pre", "textarea", "script", "style"];

/// What the minifier sees in a template's source.
#[derive(Clone, Copy, PartialEq)]
enum Token {
    /// An HTML tag; `block` if it starts or ends a line box.
    Tag { block: bool },
    /// `{{ … }}`, `{% … %}` or `{# … #}`, copied as written.
    Tera,
    /// Text, which may be or contain whitespace.
    Text,
}

/// The template with its layout whitespace and HTML comments removed.
pub fn html_template(source: &str) -> String {
    let pieces = split(source);
    let mut out = String::with_capacity(source.len());
    for (i, &(token, text)) in pieces.iter().enumerate() {
        if token != Token::Text {
            out.push_str(text);
            continue;
        }
        let block_before = i > 0 && matches!(pieces[i - 1].0, Token::Tag { block: true });
        let block_after = matches!(pieces.get(i + 1), Some((Token::Tag { block: true }, _)));
        push_text(&mut out, text, block_before, block_after);
    }
    out
}

/// Collapses the whitespace of a text run, dropping it at an end that
/// touches a block-level tag.
fn push_text(out: &mut String, text: &str, block_before: bool, block_after: bool) {
    let mut words = text.split(is_space).filter(|w| !w.is_empty()).peekable();
    let starts_with_space = text.starts_with(is_space);
    let ends_with_space = text.ends_with(is_space);
    if words.peek().is_none() {
        if !text.is_empty() && !block_before && !block_after {
            out.push(' ');
        }
        return;
    }
    if starts_with_space && !block_before {
        out.push(' ');
    }
    let mut first = true;
    for word in words {
        if !first {
            out.push(' ');
        }
        out.push_str(word);
        first = false;
    }
    if ends_with_space && !block_after {
        out.push(' ');
    }
}

/// HTML's whitespace characters (not the no-break space, which renders).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

/// Cuts a template into tokens; comments are left out and the content of a
/// raw-content element comes as one Tera-like token that is copied as is.
fn split(source: &str) -> Vec<(Token, &str)> {
    let bytes = source.as_bytes();
    let mut pieces = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    // Tokens start with `<` or `{`: ASCII, so never inside a character.
    while let Some(found) = memchr::memchr2(b'<', b'{', &bytes[at..]) {
        at += found;
        let Some((token, end)) = token_at(source, at) else {
            at += 1;
            continue;
        };
        if text_start < at {
            pieces.push((Token::Text, &source[text_start..at]));
        }
        let mut next = end;
        match token {
            Some(Token::Tag { .. }) => {
                pieces.push((token.expect("matched"), &source[at..end]));
                if let Some(name) = raw_content_element(&source[at..end]) {
                    next = raw_content_end(source, end, name);
                    pieces.push((Token::Tera, &source[end..next]));
                }
            }
            Some(other) => pieces.push((other, &source[at..end])),
            None => {} // an HTML comment
        }
        at = next;
        text_start = next;
    }
    if text_start < bytes.len() {
        pieces.push((Token::Text, &source[text_start..]));
    }
    pieces
}

/// The token starting at `at`, if any, and where it ends. `Some((None, _))`
/// is an HTML comment.
fn token_at(source: &str, at: usize) -> Option<(Option<Token>, usize)> {
    let rest = &source[at..];
    for (open, close) in [("{{", "}}"), ("{%", "%}"), ("{#", "#}")] {
        if rest.starts_with(open) {
            let end = rest.find(close).map_or(source.len(), |e| at + e + 2);
            if open == "{%" && is_raw_block(&source[at..end]) {
                let end = find_endraw(source, end);
                return Some((Some(Token::Tera), end));
            }
            return Some((Some(Token::Tera), end));
        }
    }
    if let Some(comment) = rest.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(source.len(), |e| at + 4 + e + 3);
        return Some((None, end));
    }
    let after = rest.as_bytes().get(1).copied()?;
    if !rest.starts_with('<') || !(after.is_ascii_alphabetic() || after == b'/' || after == b'!') {
        return None;
    }
    let end = tag_end(source, at);
    let block = BLOCK_LEVEL.contains(&tag_name(&source[at..end]).as_str());
    Some((Some(Token::Tag { block }), end))
}

/// Where an HTML tag ends: its `>`, not counting one inside quotes or a
/// Tera tag (`{% if a > b %}`).
fn tag_end(source: &str, start: usize) -> usize {
    let bytes = source.as_bytes();
    let mut quote = None;
    let mut at = start + 1;
    while at < bytes.len() {
        let b = bytes[at];
        if b == b'{' && matches!(bytes.get(at + 1), Some(b'{' | b'%' | b'#')) {
            let close = match bytes[at + 1] {
                b'{' => "}}",
                b'%' => "%}",
                _ => "#}",
            };
            at = source[at..].find(close).map_or(bytes.len(), |e| at + e + 2);
            continue;
        }
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return at + 1,
            _ => {}
        }
        at += 1;
    }
    bytes.len()
}

/// A tag's element name in lower case, `/` and `<` left out.
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/' || c == '{')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn raw_content_element(tag: &str) -> Option<&'static str> {
    if tag.starts_with("</") {
        return None;
    }
    let name = tag_name(tag);
    RAW_CONTENT.iter().copied().find(|&n| n == name)
}

/// Where the raw content that starts at `from` ends: at its closing tag.
fn raw_content_end(source: &str, from: usize, name: &str) -> usize {
    let closing = format!("</{name}");
    source[from..]
        .to_ascii_lowercase()
        .find(&closing)
        .map_or(source.len(), |e| from + e)
}

fn is_raw_block(tag: &str) -> bool {
    tag.trim_start_matches("{%")
        .trim_end_matches("%}")
        .trim_matches(|c: char| c == '-' || c.is_whitespace())
        == "raw"
}

/// The end of the `{% endraw %}` tag after `from`.
fn find_endraw(source: &str, from: usize) -> usize {
    let mut at = from;
    while let Some(start) = source[at..].find("{%").map(|s| at + s) {
        let end = source[start..]
            .find("%}")
            .map_or(source.len(), |e| start + e + 2);
        let inner = source[start..end]
            .trim_start_matches("{%")
            .trim_end_matches("%}")
            .trim_matches(|c: char| c == '-' || c.is_whitespace());
        if inner == "endraw" {
            return end;
        }
        at = end;
    }
    source.len()
}

#[cfg(test)]
mod tests {
    use super::html_template as compact;

    #[test]
    fn drops_layout_whitespace_between_block_tags() {
        assert_eq!(
            compact("<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n"),
            "<ul><li>a</li><li>b</li></ul>"
        );
    }

    #[test]
    fn keeps_one_space_between_inline_content() {
        assert_eq!(
            compact("<p><a href=\"x\">a</a>\n   <span>b</span>  and\n\tc</p>"),
            "<p><a href=\"x\">a</a> <span>b</span> and c</p>"
        );
        assert_eq!(
            compact("<td>{{ a }}\n{{ b }}</td>"),
            "<td>{{ a }} {{ b }}</td>"
        );
    }

    #[test]
    fn leaves_tera_tags_and_tag_insides_as_written() {
        let source = "<a href=\"{{ root }}\"{% if a > b %} aria-current=\"page\"{% endif %}\n  class='x  y'>{{ t | default(value=\"  \") }}</a>";
        assert_eq!(compact(source), source);
    }

    #[test]
    fn whitespace_by_a_tera_statement_collapses_but_stays() {
        // At render time the `if` may output nothing: "a" and "b" must not
        // be glued together.
        assert_eq!(
            compact("<span>a</span>\n{% if x %}<em>y</em>{% endif %}\n<span>b</span>"),
            "<span>a</span> {% if x %}<em>y</em>{% endif %} <span>b</span>"
        );
        assert_eq!(
            compact("<ul>\n{% for x in xs %}\n<li>{{ x }}</li>\n{% endfor %}\n</ul>"),
            "<ul>{% for x in xs %}<li>{{ x }}</li>{% endfor %}</ul>"
        );
    }

    #[test]
    fn removes_html_comments_and_keeps_raw_content() {
        assert_eq!(
            compact("<div>\n<!-- note -->\n<pre>  a\n   b </pre>\n<script>\nlet a  = 1;\n</script>\n</div>"),
            "<div><pre>  a\n   b </pre><script>\nlet a  = 1;\n</script></div>"
        );
        assert_eq!(
            compact("{% raw %}<p>\n  {{ kept }}\n</p>{% endraw %}"),
            "{% raw %}<p>\n  {{ kept }}\n</p>{% endraw %}"
        );
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(
            compact("<p>1 < 2  and  3 > 2</p>"),
            "<p>1 < 2 and 3 > 2</p>"
        );
    }
}
