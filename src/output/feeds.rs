//! Atom and RSS 2.0 feeds: site-wide, per jurisdiction (with everything
//! below it), per kind, and for news (site-wide and per jurisdiction). URLs
//! are absolute under base_url. Output depends only on the content: entries
//! are the dated documents newest first, a feed's `updated` is its newest
//! entry's date, and ids are the documents' absolute URLs.

use crate::config::Config;
use crate::content::{DocId, Site};
use crate::model::kind::KINDS;
use crate::model::PartialDate;
use crate::render::pages::{newest_first, news_url, subtree_documents};
use crate::render::views::label;
use crate::render::Page;
use rayon::prelude::*;

/// Entries per feed: readers want what is new, not the archive.
pub const FEED_ENTRIES: usize = 50;

/// One feed before it is written in both formats.
struct Feed<'a> {
    /// Folder of the feed files and of the HTML page it mirrors ("khanh-hoa/").
    folder: String,
    title: String,
    docs: Vec<&'a crate::content::Document>,
}

/// Every feed of the site, as `atom.xml` and `rss.xml` in its folder.
pub fn feeds(site: &Site) -> Vec<Page> {
    let title = &site.config.title;
    let docs = |ids: Vec<DocId>| -> Vec<&crate::content::Document> {
        ids.into_iter()
            .map(|i| &site.documents[i])
            .filter(|d| d.issued.is_some())
            .take(FEED_ENTRIES)
            .collect()
    };
    // Each jurisdiction scans the whole site for its subtree: in parallel.
    // Jurisdictions with documents in or below them, or declared by a
    // folder: not every unit of the registry.
    let mut populated = vec![false; site.jurisdictions.len()];
    for d in &site.documents {
        for j in site.jurisdiction_chain(d.jurisdiction) {
            populated[j] = true;
        }
    }
    let mut feeds: Vec<Feed> = site
        .jurisdictions
        .par_iter()
        .enumerate()
        .filter(|(j, jur)| *j == 0 || populated[*j] || jur.source.is_some())
        .flat_map_iter(|(j, jur)| {
            let folder = jur.url_path();
            let name = if j == 0 {
                title.clone()
            } else {
                format!("{} – {title}", jur.name)
            };
            let mut feeds = vec![Feed {
                folder: folder.clone(),
                title: if j == 0 {
                    format!("Văn bản mới – {title}")
                } else {
                    format!("Văn bản mới của {name}")
                },
                docs: docs(subtree_documents(site, j, None)),
            }];
            let news = subtree_documents(site, j, Some(true));
            if !news.is_empty() {
                feeds.push(Feed {
                    folder: news_url(&folder),
                    title: if j == 0 {
                        format!("Tin tức – {title}")
                    } else {
                        format!("Tin tức của {name}")
                    },
                    docs: docs(news),
                });
            }
            feeds
        })
        .collect();
    for kind in KINDS {
        let mut ids: Vec<DocId> = (0..site.documents.len())
            .filter(|&i| site.documents[i].kind == *kind)
            .collect();
        if ids.is_empty() {
            continue;
        }
        newest_first(site, &mut ids);
        feeds.push(Feed {
            folder: format!("loai/{}/", kind.slug),
            title: format!("{} – {title}", kind.name),
            docs: docs(ids),
        });
    }
    feeds
        .par_iter()
        .flat_map_iter(|feed| {
            [
                Page {
                    path: format!("{}atom.xml", feed.folder),
                    content: atom(&site.config, feed).into_bytes(),
                    source: None,
                },
                Page {
                    path: format!("{}rss.xml", feed.folder),
                    content: rss(&site.config, feed).into_bytes(),
                    source: None,
                },
            ]
        })
        .collect()
}

fn entry_title(d: &crate::content::Document) -> String {
    if d.kind.is_news() {
        return d.title.clone();
    }
    let l = label(
        d.kind.name,
        d.number.as_ref().map(|n| n.written.as_str()),
        d.issued,
    );
    format!("{l}: {}", d.title)
}

fn entry_summary(site_config: &Config, d: &crate::content::Document) -> String {
    let _ = site_config;
    let mut parts = Vec::new();
    if let Some(i) = &d.issuer {
        parts.push(i.clone());
    }
    if let Some(a) = &d.news.award {
        parts.push(format!("Hình thức: {a}"));
    }
    if !d.news.commended.is_empty() {
        parts.push(format!("Biểu dương: {}", d.news.commended.join("; ")));
    }
    if let Some(s) = &d.summary {
        parts.push(s.clone());
    }
    parts.join(". ")
}

fn atom(config: &Config, feed: &Feed) -> String {
    let self_url = config.absolute_url(&format!("{}atom.xml", feed.folder));
    let page_url = config.absolute_url(&feed.folder);
    let updated = feed
        .docs
        .iter()
        .filter_map(|d| d.issued)
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), rfc3339);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n");
    x.push_str(&format!("  <title>{}</title>\n", esc(&feed.title)));
    x.push_str(&format!("  <id>{}</id>\n", esc(&self_url)));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        esc(&self_url)
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        esc(&page_url)
    ));
    x.push_str(&format!("  <updated>{updated}</updated>\n"));
    x.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        esc(&config.title)
    ));
    x.push_str("  <generator>vanban</generator>\n");
    for d in &feed.docs {
        let url = config.absolute_url(&d.url_path);
        let date = rfc3339(d.issued.expect("feeds hold dated documents"));
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", esc(&entry_title(d))));
        x.push_str(&format!("    <id>{}</id>\n", esc(&url)));
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            esc(&url)
        ));
        x.push_str(&format!("    <published>{date}</published>\n"));
        x.push_str(&format!("    <updated>{date}</updated>\n"));
        if let Some(issuer) = &d.issuer {
            x.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                esc(issuer)
            ));
        }
        x.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            esc(d.kind.slug),
            esc(d.kind.name)
        ));
        let summary = entry_summary(config, d);
        if !summary.is_empty() {
            x.push_str(&format!("    <summary>{}</summary>\n", esc(&summary)));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

fn rss(config: &Config, feed: &Feed) -> String {
    let self_url = config.absolute_url(&format!("{}rss.xml", feed.folder));
    let page_url = config.absolute_url(&feed.folder);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    x.push_str(&format!("  <title>{}</title>\n", esc(&feed.title)));
    x.push_str(&format!("  <link>{}</link>\n", esc(&page_url)));
    x.push_str(&format!(
        "  <atom:link rel=\"self\" type=\"application/rss+xml\" href=\"{}\"/>\n",
        esc(&self_url)
    ));
    let description = if config.description.is_empty() {
        &feed.title
    } else {
        &config.description
    };
    x.push_str(&format!(
        "  <description>{}</description>\n",
        esc(description)
    ));
    x.push_str("  <language>vi</language>\n");
    x.push_str("  <generator>vanban</generator>\n");
    if let Some(newest) = feed.docs.iter().filter_map(|d| d.issued).max() {
        x.push_str(&format!(
            "  <lastBuildDate>{}</lastBuildDate>\n",
            rfc822(newest)
        ));
    }
    for d in &feed.docs {
        let url = config.absolute_url(&d.url_path);
        x.push_str("  <item>\n");
        x.push_str(&format!("    <title>{}</title>\n", esc(&entry_title(d))));
        x.push_str(&format!("    <link>{}</link>\n", esc(&url)));
        x.push_str(&format!(
            "    <guid isPermaLink=\"true\">{}</guid>\n",
            esc(&url)
        ));
        x.push_str(&format!(
            "    <pubDate>{}</pubDate>\n",
            rfc822(d.issued.expect("feeds hold dated documents"))
        ));
        x.push_str(&format!("    <category>{}</category>\n", esc(d.kind.name)));
        let summary = entry_summary(config, d);
        if !summary.is_empty() {
            x.push_str(&format!(
                "    <description>{}</description>\n",
                esc(&summary)
            ));
        }
        x.push_str("  </item>\n");
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

/// A partial date as an instant: its first day, at midnight in Vietnam.
fn parts(d: PartialDate) -> (i64, u32, u32) {
    (
        i64::from(d.year),
        u32::from(d.month.unwrap_or(1)),
        u32::from(d.day.unwrap_or(1)),
    )
}

fn rfc3339(d: PartialDate) -> String {
    let (y, m, day) = parts(d);
    format!("{y:04}-{m:02}-{day:02}T00:00:00+07:00")
}

fn rfc822(d: PartialDate) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m, day) = parts(d);
    let weekday = DAYS[days_from_civil(y, m, day).rem_euclid(7) as usize];
    format!(
        "{weekday}, {day:02} {} {y:04} 00:00:00 +0700",
        MONTHS[(m - 1) as usize]
    )
}

/// Days since 1970-01-01 (a Thursday) of a proleptic Gregorian date
/// (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Escapes text for XML and drops characters XML 1.0 cannot carry.
fn esc(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || !((c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}')
        })
        .collect();
    crate::text::escape_markup(&allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_both_formats() {
        let d = PartialDate::ymd(2019, 7, 12).unwrap();
        assert_eq!(rfc3339(d), "2019-07-12T00:00:00+07:00");
        assert_eq!(rfc822(d), "Fri, 12 Jul 2019 00:00:00 +0700");
        let partial = PartialDate::new(2022, Some(3), None).unwrap();
        assert_eq!(rfc822(partial), "Tue, 01 Mar 2022 00:00:00 +0700");
    }

    #[test]
    fn escaping_drops_control_characters() {
        assert_eq!(esc("a<b>&\"\u{1}c"), "a&lt;b&gt;&amp;&quot;c");
    }
}
