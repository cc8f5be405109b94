//! Markdown to HTML through comrak, with what Vietnamese documents need:
//! ASCII heading ids ("Tinh thần, thái độ làm việc" →
//! `tinh-than-thai-do-lam-viec`), citations turned into links, footnotes in
//! Vietnamese, and the text of each section kept for search and topics.

use super::highlight::ClassedHighlighter;
use crate::text::slugify;
use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::{AstNode, NodeLink, NodeValue, Sourcepos};
use comrak::options::Plugins;
use comrak::{Arena, Options};
use regex::Regex;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::{LazyLock, Mutex};

/// A heading of the body, for the table of contents and topic passages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// The text under one heading (or before the first), for search snippets
/// and topic pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passage {
    /// Index into [`RenderedBody::headings`]; None before the first heading.
    pub heading: Option<usize>,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    pub html: String,
    pub headings: Vec<Heading>,
    pub passages: Vec<Passage>,
}

impl RenderedBody {
    /// All text of the body, passages separated by blank lines.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for p in &self.passages {
            if let Some(h) = p.heading {
                out.push_str(&self.headings[h].text);
                out.push('\n');
            }
            out.push_str(&p.text);
            out.push_str("\n\n");
        }
        out
    }
}

/// Finds the citations to link inside one run of text: byte ranges into the
/// run and the (relative) URL each points to.
pub trait Linker {
    fn links(&self, text: &str) -> Vec<(Range<usize>, String)>;
}

/// A linker that links nothing.
pub struct NoLinks;

impl Linker for NoLinks {
    fn links(&self, _: &str) -> Vec<(Range<usize>, String)> {
        Vec::new()
    }
}

pub fn options(allow_html: bool) -> Options<'static> {
    let mut o = Options::default();
    o.extension.strikethrough = true;
    o.extension.table = true;
    o.extension.autolink = true;
    o.extension.footnotes = true;
    o.extension.tasklist = true;
    o.render.r#unsafe = allow_html;
    o.render.escape = !allow_html;
    o
}

pub fn render(markdown: &str, options: &Options, linker: &dyn Linker) -> RenderedBody {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, markdown, options);
    link_citations(&arena, root, linker);
    outside_images_as_links(&arena, root);
    let passages = collect_passages(root);

    let headings = HeadingIds::default();
    let highlighter = ClassedHighlighter;
    let mut plugins = Plugins::default();
    plugins.render.heading_adapter = Some(&headings);
    plugins.render.codefence_syntax_highlighter = Some(&highlighter);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    comrak::format_html_with_plugins(root, options, &mut html, &plugins)
        .expect("writing to a String cannot fail");
    let headings = headings.into_headings();
    RenderedBody {
        html: vietnamese_footnotes(html),
        passages: number_passages(passages, &headings),
        headings,
    }
}

/// Turns each picture whose address is another host's into a link to it,
/// so that the page loads nothing from outside the site (see
/// [`crate::content::images`], which reports them).
fn outside_images_as_links<'a>(arena: &'a Arena<'a>, root: &'a AstNode<'a>) {
    for node in root.descendants() {
        let link = match &node.data.borrow().value {
            NodeValue::Image(link) if crate::content::images::is_outside(&link.url) => link.clone(),
            _ => continue,
        };
        if node.first_child().is_none() {
            let text = NodeValue::Text(link.url.clone().into());
            node.append(arena.alloc(AstNode::from(text)));
        }
        node.data.borrow_mut().value = NodeValue::Link(link);
    }
}

/// Replaces text runs that contain citations with text and link nodes.
fn link_citations<'a>(arena: &'a Arena<'a>, root: &'a AstNode<'a>, linker: &dyn Linker) {
    let texts: Vec<&AstNode> = root
        .descendants()
        .filter(|n| matches!(n.data.borrow().value, NodeValue::Text(_)))
        .filter(|n| {
            !n.ancestors()
                .any(|a| matches!(a.data.borrow().value, NodeValue::Link(_)))
        })
        .collect();
    for node in texts {
        let text = match &node.data.borrow().value {
            NodeValue::Text(t) => t.to_string(),
            _ => continue,
        };
        let links = linker.links(&text);
        if links.is_empty() {
            continue;
        }
        let mut cursor = 0;
        for (range, url) in links {
            if range.start < cursor || range.end > text.len() {
                continue;
            }
            if range.start > cursor {
                node.insert_before(new_text(arena, &text[cursor..range.start]));
            }
            let link = arena.alloc(AstNode::from(NodeValue::Link(Box::new(NodeLink {
                url,
                title: String::new(),
            }))));
            link.append(new_text(arena, &text[range.clone()]));
            node.insert_before(link);
            cursor = range.end;
        }
        if cursor < text.len() {
            node.insert_before(new_text(arena, &text[cursor..]));
        }
        node.detach();
    }
}

fn new_text<'a>(arena: &'a Arena<'a>, text: &str) -> &'a AstNode<'a> {
    arena.alloc(AstNode::from(NodeValue::Text(Cow::Owned(text.to_string()))))
}

/// Text of each block, grouped under the heading it follows. Headings are
/// counted in document order, matching the order the heading adapter sees.
fn collect_passages<'a>(root: &'a AstNode<'a>) -> Vec<(Option<usize>, String)> {
    let mut passages: Vec<(Option<usize>, String)> = vec![(None, String::new())];
    let mut heading_count = 0;
    for node in root.descendants() {
        let value = &node.data.borrow().value;
        match value {
            NodeValue::Heading(_) => {
                passages.push((Some(heading_count), String::new()));
                heading_count += 1;
            }
            NodeValue::Text(_) | NodeValue::Code(_)
                if !node
                    .ancestors()
                    .any(|a| matches!(a.data.borrow().value, NodeValue::Heading(_))) =>
            {
                let text = match value {
                    NodeValue::Text(t) => t.as_ref(),
                    NodeValue::Code(c) => c.literal.as_str(),
                    _ => "",
                };
                passages.last_mut().expect("never empty").1.push_str(text);
            }
            NodeValue::SoftBreak | NodeValue::LineBreak => {
                passages.last_mut().expect("never empty").1.push(' ');
            }
            NodeValue::Paragraph | NodeValue::Item(_) | NodeValue::TableCell => {
                let text = &mut passages.last_mut().expect("never empty").1;
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
            }
            _ => {}
        }
    }
    passages
        .into_iter()
        .filter(|(h, t)| h.is_some() || !t.trim().is_empty())
        .collect()
}

fn number_passages(raw: Vec<(Option<usize>, String)>, headings: &[Heading]) -> Vec<Passage> {
    raw.into_iter()
        .map(|(heading, text)| Passage {
            heading: heading.filter(|&h| h < headings.len()),
            text: text.trim().to_string(),
        })
        .collect()
}

static FOOTNOTE_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"data-footnote-ref>(\d+)</a>").expect("footnote pattern"));

/// comrak labels footnote links in English and marks back-links with "↩",
/// which Vietnamese web fonts do not cover; readers here hear "Chú thích 1"
/// and see "↑".
fn vietnamese_footnotes(html: String) -> String {
    if !html.contains("footnote-backref") {
        return html;
    }
    let html = html
        .replace(
            "aria-label=\"Back to reference ",
            "aria-label=\"Quay lại vị trí chú thích ",
        )
        .replace(">↩<", ">↑<");
    FOOTNOTE_REF
        .replace_all(
            &html,
            "data-footnote-ref aria-label=\"Chú thích $1\">$1</a>",
        )
        .into_owned()
}

/// Gives headings unique ASCII ids and records them.
#[derive(Default)]
struct HeadingIds {
    state: Mutex<(Vec<Heading>, HashMap<String, usize>)>,
}

impl HeadingIds {
    fn into_headings(self) -> Vec<Heading> {
        self.state.into_inner().unwrap_or_else(|e| e.into_inner()).0
    }
}

impl HeadingAdapter for HeadingIds {
    fn enter(
        &self,
        out: &mut dyn fmt::Write,
        heading: &HeadingMeta,
        _: Option<Sourcepos>,
    ) -> fmt::Result {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (headings, seen) = &mut *state;
        let mut id = slugify(&heading.content);
        if id.is_empty() {
            id = "muc".into();
        }
        let count = seen.entry(id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            id = format!("{id}-{count}");
        }
        headings.push(Heading {
            level: heading.level,
            text: heading.content.trim().to_string(),
            id: id.clone(),
        });
        write!(out, "<h{} id=\"{}\">", heading.level, id)
    }

    fn exit(&self, out: &mut dyn fmt::Write, heading: &HeadingMeta) -> fmt::Result {
        write!(out, "</h{}>", heading.level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> RenderedBody {
        render(md, &options(false), &NoLinks)
    }

    #[test]
    fn headings_get_vietnamese_safe_ids() {
        let r = html("## Tinh thần, thái độ làm việc\n\nA\n\n## Tinh thần, thái độ làm việc\n");
        assert!(
            r.html.contains("<h2 id=\"tinh-than-thai-do-lam-viec\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("id=\"tinh-than-thai-do-lam-viec-2\""));
        assert_eq!(r.headings.len(), 2);
        assert_eq!(r.headings[0].text, "Tinh thần, thái độ làm việc");
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let r = html("<script>alert(1)</script>\n");
        assert!(!r.html.contains("<script>"), "{}", r.html);
        let r = render("<b>x</b>\n", &options(true), &NoLinks);
        assert!(r.html.contains("<b>x</b>"));
    }

    #[test]
    fn footnotes_tables_and_strikethrough_render() {
        let r = html("Văn bản[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~cũ~~\n\n[^1]: Công văn số 254/UBND-NV.\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>cũ</del>"));
        assert!(r.html.contains("footnote"));
        assert!(!r.html.contains("Back to reference"));
        assert!(
            r.html.contains("aria-label=\"Chú thích 1\">1</a>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains('↩'), "{}", r.html);
    }

    #[test]
    fn passages_follow_their_headings() {
        let r = html("Mở đầu.\n\n## Trang phục\n\nĂn mặc gọn gàng.\n\n- đeo thẻ\n");
        assert_eq!(r.passages[0].heading, None);
        assert_eq!(r.passages[0].text, "Mở đầu.");
        assert_eq!(r.passages[1].heading, Some(0));
        assert_eq!(r.passages[1].text, "Ăn mặc gọn gàng.\nđeo thẻ");
    }

    struct Fixed;
    impl Linker for Fixed {
        fn links(&self, text: &str) -> Vec<(Range<usize>, String)> {
            text.find("1847/QĐ-TTg")
                .map(|i| vec![(i..i + "1847/QĐ-TTg".len(), "../qd-1847/".to_string())])
                .unwrap_or_default()
        }
    }

    #[test]
    fn citations_become_links_but_not_inside_links() {
        let r = render(
            "Thực hiện 1847/QĐ-TTg nay.\n\n[1847/QĐ-TTg](x)\n",
            &options(false),
            &Fixed,
        );
        assert!(
            r.html
                .contains("Thực hiện <a href=\"../qd-1847/\">1847/QĐ-TTg</a> nay."),
            "{}",
            r.html
        );
        assert_eq!(r.html.matches("../qd-1847/").count(), 1);
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let r = html("```rust\nfn main() {}\n```\n");
        assert!(r.html.contains("class=\"hl-"), "{}", r.html);
        assert!(!r.html.contains("style="), "{}", r.html);
    }
}
