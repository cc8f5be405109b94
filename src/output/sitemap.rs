//! sitemap.xml and robots.txt, with absolute URLs under base_url.

use crate::config::Config;
use crate::render::Page;
use crate::text::escape_markup;

pub fn sitemap<'a>(config: &Config, paths: impl Iterator<Item = &'a str>) -> Page {
    let mut urls: Vec<String> = paths
        .filter(|p| p.ends_with("index.html"))
        .map(|p| config.absolute_url(p.trim_end_matches("index.html")))
        .collect();
    urls.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape_markup(&url));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    Page {
        path: "sitemap.xml".into(),
        content: xml.into_bytes(),
        source: None,
    }
}

pub fn robots(config: &Config) -> Page {
    Page {
        path: "robots.txt".into(),
        content: format!(
            "User-agent: *\nAllow: /\nSitemap: {}\n",
            config.absolute_url("sitemap.xml")
        )
        .into_bytes(),
        source: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_lists_pages_under_the_base_url() {
        let config = Config::parse("base_url = \"https://tinh.gov.vn/vhcv/\"").unwrap();
        let map = sitemap(
            &config,
            ["index.html", "khanh-hoa/index.html", "404.html"].into_iter(),
        );
        let text = String::from_utf8(map.content).unwrap();
        assert!(text.contains("<loc>https://tinh.gov.vn/vhcv/</loc>"));
        assert!(text.contains("<loc>https://tinh.gov.vn/vhcv/khanh-hoa/</loc>"));
        assert!(!text.contains("404"));
    }
}
