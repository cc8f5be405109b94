//! What a page says about itself when it is shared (Zalo, Facebook) or
//! listed by a search engine: its own title, description and picture, as
//! `<meta name="description">`, OpenGraph and Twitter card tags. A document
//! is described by its trích yếu, a news post by its lead (the `summary`,
//! else its first paragraph), any other page by its heading. Addresses in
//! share cards must be absolute, so they are given only when `base_url` is
//! (the build warns once otherwise).

use serde_json::{json, Map, Value};

/// Longest description given, in characters: what share cards show.
const DESCRIPTION_CHARS: usize = 200;

/// The `share` value of one page from the values its template is given.
pub fn share(
    context: &Map<String, Value>,
    site_title: &str,
    site_description: &str,
    base_url: &str,
) -> Value {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let at = |path: &str| text(context_pointer(context, path));
    let absolute = is_absolute(base_url);
    let (kind, title, description, image) = if let Some(title) = at("/doc/title") {
        let label = at("/doc/label").unwrap_or_default();
        let news = at("/doc/kind").as_deref() == Some("tin-bai");
        let lead = at("/doc/summary_text").or_else(|| {
            context
                .get("body")
                .and_then(Value::as_str)
                .and_then(first_paragraph)
        });
        let description = if news {
            lead.unwrap_or_else(|| title.clone())
        } else {
            title.clone()
        };
        let shown = if news || label.is_empty() {
            title
        } else {
            format!("{label}: {title}")
        };
        let image = local_image(context, base_url);
        ("article", shown, description, image)
    } else if let Some(label) = at("/stub/label") {
        let title = at("/stub/title").unwrap_or_default();
        let description = if title.is_empty() {
            label.clone()
        } else {
            title
        };
        ("article", label, description, None)
    } else if let Some(heading) = at("/heading").or_else(|| at("/jurisdiction/name")) {
        let description = format!("{heading} – {site_title}");
        ("website", heading, description, None)
    } else {
        let description = if site_description.is_empty() {
            site_title.to_string()
        } else {
            site_description.to_string()
        };
        ("website", site_title.to_string(), description, None)
    };
    json!({
        "type": kind,
        "title": title,
        "description": shorten(&description),
        "image": image.filter(|_| absolute),
        "absolute": absolute,
    })
}

/// Whether `base_url` gives the host, as share cards, feeds and the sitemap
/// need.
pub fn is_absolute(base_url: &str) -> bool {
    let lower = base_url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && base_url.len() > "https://".len()
}

fn context_pointer<'a>(context: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    let (first, rest) = path
        .trim_start_matches('/')
        .split_once('/')
        .unwrap_or((path.trim_start_matches('/'), ""));
    let value = context.get(first)?;
    if rest.is_empty() {
        Some(value)
    } else {
        value.pointer(&format!("/{rest}"))
    }
}

/// The lead picture of a news post, as an absolute address; pictures on
/// other hosts are not the site's (see `content::images`).
fn local_image(context: &Map<String, Value>, base_url: &str) -> Option<String> {
    let news = context.get("news")?;
    if news.pointer("/image/external").and_then(Value::as_bool) != Some(false) {
        return None;
    }
    let src = news.pointer("/image/site_src").and_then(Value::as_str)?;
    Some(format!("{base_url}{}", src.trim_start_matches('/')))
}

/// The text of the first paragraph of rendered HTML, tags dropped.
fn first_paragraph(html: &str) -> Option<String> {
    let start = html.find("<p>")? + 3;
    let end = html[start..].find("</p>").map_or(html.len(), |e| start + e);
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// At most [`DESCRIPTION_CHARS`] characters, cut at a word with "…".
fn shorten(text: &str) -> String {
    if text.chars().count() <= DESCRIPTION_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(DESCRIPTION_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_news_post_is_described_by_its_lead_and_a_document_by_its_title() {
        let news = json!({
            "doc": {"title": "Biểu dương Bộ phận Một cửa", "label": "Tin bài ngày 10/01/2020", "kind": "tin-bai"},
            "body": "<p>Sáng 10/1, UBND tỉnh <strong>biểu dương</strong> tập thể &amp; cá nhân.</p><p>Hai.</p>",
        });
        let s = share(
            news.as_object().unwrap(),
            "Cổng",
            "",
            "https://tinh.gov.vn/",
        );
        assert_eq!(s["title"], "Biểu dương Bộ phận Một cửa");
        assert_eq!(
            s["description"],
            "Sáng 10/1, UBND tỉnh biểu dương tập thể & cá nhân."
        );
        let plan = json!({"doc": {"title": "Thực hiện Đề án Văn hóa công vụ", "label": "Kế hoạch số 1/KH-UBND"}});
        let s = share(plan.as_object().unwrap(), "Cổng", "", "/");
        assert_eq!(
            s["title"],
            "Kế hoạch số 1/KH-UBND: Thực hiện Đề án Văn hóa công vụ"
        );
        assert_eq!(s["description"], "Thực hiện Đề án Văn hóa công vụ");
        assert_eq!(s["absolute"], false);
    }

    #[test]
    fn long_descriptions_are_cut_at_a_word() {
        let long = "chữ ".repeat(100);
        let short = shorten(&long);
        assert!(
            short.chars().count() <= DESCRIPTION_CHARS + 1 && short.ends_with("chữ…"),
            "{short}"
        );
    }
}
