//! Topics: the four groups of conduct standards that every plan restates.
//! A topic page gathers, document by document, the passages on it — found
//! from section headings, or tagged in front matter — each linked to its
//! anchor in the document.

use super::markdown::RenderedBody;
use super::views::{DocSummary, Link, Views};
use crate::text::fold;
use serde::Serialize;

pub struct Topic {
    pub slug: &'static str,
    pub name: &'static str,
    /// Folded words a section heading must all contain to be on the topic.
    words: &'static [&'static str],
}

pub const TOPICS: &[Topic] = &[
    Topic {
        slug: "tinh-than-thai-do-lam-viec",
        name: "Tinh thần, thái độ làm việc",
        words: &["tinh than", "thai do"],
    },
    Topic {
        slug: "chuan-muc-giao-tiep-ung-xu",
        name: "Chuẩn mực giao tiếp, ứng xử",
        words: &["giao tiep", "ung xu"],
    },
    Topic {
        slug: "chuan-muc-dao-duc-loi-song",
        name: "Chuẩn mực đạo đức, lối sống",
        words: &["dao duc", "loi song"],
    },
    Topic {
        slug: "trang-phuc",
        name: "Trang phục",
        words: &["trang phuc"],
    },
];

impl Topic {
    pub fn url(&self) -> String {
        format!("chu-de/{}/", self.slug)
    }

    pub fn link(&self) -> Link {
        Link {
            name: self.name.to_string(),
            url: self.url(),
        }
    }

    pub fn matches_heading(&self, heading: &str) -> bool {
        let folded = fold(heading);
        self.words.iter().all(|w| folded.contains(w))
    }
}

#[derive(Clone, Serialize)]
pub struct TopicEntry {
    pub doc: DocSummary,
    pub passages: Vec<PassageView>,
    /// Tagged in front matter rather than found under a heading.
    pub tagged: bool,
}

#[derive(Clone, Serialize)]
pub struct PassageView {
    pub heading: String,
    pub url: String,
    pub excerpt: String,
}

const EXCERPT_WORDS: usize = 60;

/// The entries of one topic, in document order (newest first is the list
/// pages' job; here documents keep the site order for a stable page).
pub fn entries(views: &Views, bodies: &[RenderedBody], topic: &Topic) -> Vec<TopicEntry> {
    (0..views.site.documents.len().min(bodies.len()))
        .filter_map(|i| entry(views, i, &bodies[i], topic))
        .collect()
}

/// Document `doc`'s entry on `topic`'s page, with `body` its rendered body;
/// `None` when it has none.
pub fn entry(views: &Views, doc: usize, body: &RenderedBody, topic: &Topic) -> Option<TopicEntry> {
    let d = &views.site.documents[doc];
    let passages: Vec<PassageView> = body
        .passages
        .iter()
        .filter_map(|p| {
            let heading = &body.headings[p.heading?];
            topic.matches_heading(&heading.text).then(|| PassageView {
                heading: heading.text.clone(),
                url: format!("{}#{}", d.url_path, heading.id),
                excerpt: excerpt(&p.text),
            })
        })
        .collect();
    let tagged = d.topics.iter().any(|t| t == topic.slug);
    (!passages.is_empty() || tagged).then(|| TopicEntry {
        doc: views.doc_summary(d),
        passages,
        tagged,
    })
}

fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= EXCERPT_WORDS {
        words.join(" ")
    } else {
        format!("{} …", words[..EXCERPT_WORDS].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_match_topics_with_or_without_diacritics() {
        assert!(TOPICS[0].matches_heading("1. Tinh thần, thái độ làm việc"));
        assert!(TOPICS[0].matches_heading(
            "1. Về tinh thần, thái độ làm việc của cán bộ, công chức, viên chức;"
        ));
        assert!(TOPICS[2].matches_heading("3. Chuẩn mực đạo đức, lối sống"));
        assert!(TOPICS[3].matches_heading("4. Trang phục khi thực hiện nhiệm vụ"));
        assert!(!TOPICS[1].matches_heading("II. NỘI DUNG THỰC HIỆN"));
    }

    #[test]
    fn topic_slugs_are_their_names() {
        for t in TOPICS {
            assert_eq!(crate::text::slugify(t.name), t.slug);
        }
    }
}
