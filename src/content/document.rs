//! One document: its validated front matter and its Markdown body.

use super::front_matter::{locate_key, split, Format};
use super::raw::{date_text, RawDocument, RawSigner, RawSource};
use super::JurId;
use crate::diagnostics::{line_col, Diagnostic};
use crate::model::validity::Status;
use crate::model::{DocNumber, Kind, PartialDate, Relation};
use crate::text::{nfc, slugify};
use std::path::{Path, PathBuf};

pub type Signer = RawSigner;

#[derive(Debug, Clone)]
pub struct Document {
    /// Path of the source file relative to the site root.
    pub source: PathBuf,
    /// Site-relative URL path, always ending in "/" ("khanh-hoa/6861-kh-ubnd-2019/").
    pub url_path: String,
    pub jurisdiction: JurId,
    /// The plain section folder it sits in, if any ("tin-tuc").
    pub section: Option<String>,
    /// The trích yếu.
    pub title: String,
    pub kind: Kind,
    pub kind_heading: Option<String>,
    pub number: Option<DocNumber>,
    pub issued: Option<PartialDate>,
    pub issuer: Option<String>,
    pub issuer_parent: Option<String>,
    pub place: Option<String>,
    pub addressees: Vec<String>,
    pub recipients: Vec<String>,
    pub recipients_label: Option<String>,
    pub signer: Option<Signer>,
    /// Relations stated in front matter, in citation syntax, each with the
    /// line it was written on, in the order of [`Relation::ALL`].
    pub relations: Vec<(Relation, String, usize)>,
    /// Ngày có hiệu lực and ngày hết hiệu lực, as front matter states them.
    pub effective: Option<PartialDate>,
    pub expires: Option<PartialDate>,
    /// The in-force status stated in front matter, if any.
    pub status: Option<Status>,
    pub topics: Vec<String>,
    pub draft: bool,
    pub summary: Option<String>,
    /// What a news post (`tin-bai`) says about a commendation.
    pub news: News,
    pub image: Option<Image>,
    /// The received file, published beside the page.
    pub original: Option<super::original::Original>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Markdown body (NFC).
    pub body: String,
    /// 1-based line in the source file where the body starts.
    pub body_line: usize,
}

/// A commendation's details, all optional.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct News {
    /// Units and people commended, as written.
    pub commended: Vec<String>,
    /// "giấy khen", "bằng khen", "biểu dương" — as written.
    pub award: Option<String>,
    /// The movement or plan it belongs to, in citation syntax, with its line;
    /// resolved as a citation so that the plan's page lists it.
    #[serde(skip)]
    pub movement: Option<(String, usize)>,
    /// The time of day, "HH:MM", shown after the date.
    pub time: Option<String>,
    pub author: Option<String>,
    pub source: Option<Source>,
}

/// Where a news post comes from. An address is shown as a plain link:
/// nothing is loaded from it.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Source {
    pub name: Option<String>,
    pub url: Option<String>,
}

/// An illustration with its required text alternative.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Image {
    pub src: String,
    pub alt: String,
    pub caption: Option<String>,
}

/// Award forms a commendation may take; the text may go on ("Bằng khen của
/// Chủ tịch UBND tỉnh").
pub const AWARDS: [&str; 3] = ["giấy khen", "bằng khen", "biểu dương"];

impl Document {
    /// A document with no body is published as metadata only
    /// ("chưa đăng tải toàn văn").
    pub fn has_full_text(&self) -> bool {
        !self.body.trim().is_empty()
    }

    pub fn year(&self) -> Option<u16> {
        self.issued.map(|d| d.year)
    }
}

/// Where a document file sits in the tree.
pub struct Placement<'a> {
    /// Source path relative to the site root, for messages.
    pub source: &'a Path,
    /// URL path of the folder it is in ("khanh-hoa/", "" for content/).
    pub folder_url: &'a str,
    pub jurisdiction: JurId,
    pub section: Option<String>,
}

/// Parses one document file. Returns the document (None if it has errors)
/// and every finding.
pub fn parse(text: &str, at: Placement<'_>) -> (Option<Document>, Vec<Diagnostic>) {
    let mut findings = Vec::new();
    let file = at.source.to_path_buf();
    let split = match split(text) {
        Ok(s) => s,
        Err(e) => {
            findings.push(Diagnostic::error(&file, "front-matter", e.message).at(e.line, 1));
            return (None, findings);
        }
    };
    let fm_line = split.front_matter_line;
    let at_key = |key: &str| {
        let (l, c) = locate_key(split.front_matter, key);
        (l + fm_line - 1, c)
    };
    let raw: RawDocument = match deserialize(split.format, split.front_matter) {
        Ok(raw) => raw,
        Err((offset, message)) => {
            let (l, c) = offset.map_or((0, 0), |o| line_col(split.front_matter, o));
            let line = if l == 0 { fm_line } else { l + fm_line - 1 };
            findings.push(
                Diagnostic::error(
                    &file,
                    "front-matter",
                    format!("invalid front matter: {message}"),
                )
                .at(line, c.max(1)),
            );
            return (None, findings);
        }
    };
    let mut error = |key: &str, code: &'static str, message: String| {
        let (l, c) = at_key(key);
        findings.push(Diagnostic::error(&file, code, message).at(l, c));
    };

    let title = raw
        .title
        .as_deref()
        .map(nfc)
        .filter(|t| !t.trim().is_empty());
    if title.is_none() {
        error(
            "title",
            "missing-title",
            "missing `title`: expected the trích yếu of the document".into(),
        );
    }
    let kind = match raw.kind.as_deref() {
        None => {
            error(
                "kind",
                "missing-kind",
                format!("missing `kind`: expected one of: {}", Kind::allowed_list()),
            );
            None
        }
        Some(k) => {
            let found = Kind::lookup(k);
            if found.is_none() {
                error(
                    "kind",
                    "unknown-kind",
                    format!(
                        "unknown kind \"{k}\"{}: expected one of: {}",
                        Kind::suggestion(k),
                        Kind::allowed_list()
                    ),
                );
            }
            found
        }
    };
    let mut date_of = |key: &str, value: Option<&toml::Value>| match value {
        None => None,
        Some(value) => {
            let parsed = date_text(value).and_then(|t| PartialDate::parse_iso(&t));
            if parsed.is_none() {
                error(
                    key,
                    "invalid-date",
                    format!(
                        "invalid date `{value}` for `{key}`: expected \"YYYY-MM-DD\", or \"YYYY-MM\" / \"YYYY\" when the document leaves the day or month blank{}",
                        date_suggestion(value)
                    ),
                );
            }
            parsed
        }
    };
    let issued = date_of("issued", raw.issued.as_ref());
    let effective = date_of("effective", raw.effective.as_ref());
    let expires = date_of("expires", raw.expires.as_ref());
    let status = match raw.status.as_deref() {
        None => None,
        Some(text) => {
            let found = Status::lookup(text);
            if found.is_none() {
                error(
                    "status",
                    "invalid-status",
                    format!(
                        "unknown status \"{text}\": expected one of: {}",
                        Status::allowed_list()
                    ),
                );
            }
            found
        }
    };
    let slug = match raw.slug.as_deref() {
        Some(s) => {
            let slug = slugify(s);
            if slug.is_empty() {
                error(
                    "slug",
                    "invalid-slug",
                    format!("slug \"{s}\" has no letters or digits"),
                );
            }
            slug
        }
        None => String::new(),
    };
    let award = raw.award.as_deref().map(nfc);
    if let Some(a) = &award {
        let folded = crate::text::fold(a);
        if !AWARDS
            .iter()
            .any(|known| folded.starts_with(&crate::text::fold(known)))
        {
            error(
                "award",
                "invalid-award",
                format!(
                    "award \"{a}\" is not one of: {} (the text may go on, e.g. \"bằng khen của Chủ tịch UBND tỉnh\")",
                    AWARDS.join(", ")
                ),
            );
        }
    }
    let source = match parse_source(raw.source.as_ref()) {
        Ok(source) => source,
        Err(message) => {
            error("source", "invalid-source", message);
            None
        }
    };
    let time = match raw.time.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => {
            let valid = parse_time(t);
            if valid.is_none() {
                error(
                    "time",
                    "invalid-time",
                    format!("invalid time \"{t}\": expected \"HH:MM\" on a 24-hour clock, e.g. \"08:30\""),
                );
            }
            valid
        }
    };
    let image = match &raw.image {
        None => None,
        Some(img) => {
            let (l, c) = locate_table(split.front_matter, "image");
            let at = (l + fm_line - 1, c);
            let src = img.src.as_deref().map(str::trim).unwrap_or("");
            let alt = img.alt.as_deref().map(nfc).unwrap_or_default();
            if src.is_empty() {
                findings.push(
                    Diagnostic::error(
                        &file,
                        "image-src",
                        "`image` has no `src`: expected the path or URL of the picture",
                    )
                    .at(at.0, at.1),
                );
            } else if !safe_image_src(src) {
                findings.push(
                    Diagnostic::error(
                        &file,
                        "image-src",
                        format!(
                            "image src \"{src}\" is neither a relative path nor an http(s) URL"
                        ),
                    )
                    .at(at.0, at.1),
                );
            }
            if alt.trim().is_empty() {
                findings.push(
                    Diagnostic::error(
                        &file,
                        "image-alt",
                        "`image` has no `alt`: describe what the picture shows (e.g. alt = \"Đồng chí Chủ tịch UBND tỉnh trao bằng khen cho tập thể Bộ phận Một cửa\") so that readers who cannot see it get the same information",
                    )
                    .at(at.0, at.1),
                );
            }
            Some(Image {
                src: src.to_string(),
                alt: alt.trim().to_string(),
                caption: img
                    .caption
                    .as_deref()
                    .map(nfc)
                    .filter(|c| !c.trim().is_empty()),
            })
        }
    };
    let number = raw
        .number
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .map(DocNumber::new);
    let (Some(title), Some(kind)) = (title, kind) else {
        return (None, findings);
    };
    if findings.iter().any(Diagnostic::is_error) {
        return (None, findings);
    }
    if let Some(n) = &number {
        if let Some(implied) = n.abbreviated_kind() {
            if implied != kind && !kind.is_news() {
                let (l, c) = at_key("number");
                findings.push(
                    Diagnostic::warning(
                        &file,
                        "kind-number-mismatch",
                        format!(
                            "number \"{n}\" is that of a {} but kind is {}",
                            implied.name_lower(),
                            kind.name_lower()
                        ),
                    )
                    .at(l, c),
                );
            }
        }
    }

    let slug = if !slug.is_empty() {
        slug
    } else {
        identity_slug(number.as_ref(), issued).unwrap_or_else(|| {
            slugify(at.source.file_stem().and_then(|s| s.to_str()).unwrap_or(""))
        })
    };
    let mut relations = Vec::new();
    for (relation, items) in [
        (Relation::Replaces, raw.replaces),
        (Relation::Repeals, raw.repeals),
        (Relation::RepealsInPart, raw.repeals_in_part),
        (Relation::Amends, raw.amends),
        (Relation::Corrects, raw.corrects),
        (Relation::Guides, raw.guides),
        (Relation::Implements, raw.implements),
        (Relation::BasedOn, raw.based_on),
        (Relation::Cites, raw.cites),
    ] {
        let line = at_key(relation.key()).0;
        relations.extend(items.into_iter().map(|i| (relation, nfc(&i), line)));
    }
    let doc = Document {
        source: file.clone(),
        url_path: format!("{}{}/", at.folder_url, slug),
        jurisdiction: at.jurisdiction,
        section: at.section,
        title,
        kind,
        kind_heading: raw.kind_heading.map(|s| nfc(&s)),
        number,
        issued,
        issuer: raw.issuer.map(|s| nfc(&s)),
        issuer_parent: raw.issuer_parent.map(|s| nfc(&s)),
        place: raw.place.map(|s| nfc(&s)),
        addressees: raw.addressees.iter().map(|s| nfc(s)).collect(),
        recipients: raw.recipients.iter().map(|s| nfc(s)).collect(),
        recipients_label: raw.recipients_label.map(|s| nfc(&s)),
        signer: raw.signer.map(|s| Signer {
            authority: s.authority.map(|x| nfc(&x)),
            position: s.position.map(|x| nfc(&x)),
            name: s.name.map(|x| nfc(&x)),
        }),
        relations,
        effective,
        expires,
        status,
        topics: raw.topics.iter().map(|t| slugify(t)).collect(),
        draft: raw.draft,
        summary: raw.summary.map(|s| nfc(&s)),
        news: News {
            commended: raw.commended.iter().map(|s| nfc(s)).collect(),
            award,
            movement: raw
                .movement
                .as_deref()
                .filter(|m| !m.trim().is_empty())
                .map(|m| (nfc(m), at_key("movement").0)),
            time,
            author: raw
                .author
                .as_deref()
                .map(nfc)
                .filter(|a| !a.trim().is_empty()),
            source,
        },
        image,
        original: raw.original.filter(|o| !o.trim().is_empty()).map(|src| {
            let (line, col) = at_key("original");
            super::original::Original {
                src: nfc(&src),
                line,
                col,
                facts: None,
            }
        }),
        extra: raw.extra,
        body: nfc(split.body),
        body_line: split.body_line,
    };
    findings.extend(super::images::outside_images(
        &doc.body,
        doc.body_line,
        &file,
    ));
    if let Some(image) = doc
        .image
        .as_ref()
        .filter(|i| super::images::is_outside(&i.src))
    {
        let (l, c) = locate_table(split.front_matter, "image");
        findings.push(super::images::warning(&file, &image.src).at(l + fm_line - 1, c));
    }
    (Some(doc), findings)
}

/// "; did you mean \"2019-07-12\"?" for a date written day first, as
/// Vietnamese text writes it ("12/7/2019", "12.07.2019").
fn date_suggestion(value: &toml::Value) -> String {
    let Some(text) = date_text(value) else {
        return String::new();
    };
    PartialDate::parse_dmy(&text)
        .map(|d| format!("; did you mean \"{}\"?", d.iso()))
        .unwrap_or_default()
}

/// Where a table (`[image]`) or key (`image = {…}`, `image:`) starts.
fn locate_table(front_matter: &str, key: &str) -> (usize, usize) {
    let header = format!("[{key}]");
    for (i, line) in front_matter.lines().enumerate() {
        if line.trim() == header {
            return (i + 1, 1);
        }
    }
    locate_key(front_matter, key)
}

/// A news post's source as written: a name, an http(s) address, or both.
/// Any other address (javascript:, a relative path) is refused.
fn parse_source(raw: Option<&RawSource>) -> Result<Option<Source>, String> {
    let (name, url) = match raw {
        None => return Ok(None),
        Some(RawSource::Text(text)) if is_web_address(text.trim()) => {
            (None, Some(text.trim().to_string()))
        }
        Some(RawSource::Text(text)) => (Some(nfc(text)), None),
        Some(RawSource::Full { name, url }) => (
            name.as_deref().map(nfc),
            url.as_deref().map(|u| u.trim().to_string()),
        ),
    };
    let name = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    let url = url.filter(|u| !u.is_empty());
    if let Some(u) = url.as_deref().filter(|u| !is_web_address(u)) {
        return Err(format!(
            "source url \"{u}\" is not an http(s) address: expected e.g. \"https://baokhanhhoa.vn/…\""
        ));
    }
    if name.is_none() && url.is_none() {
        return Err("`source` is empty: give the name of the source, its address, or both".into());
    }
    Ok(Some(Source { name, url }))
}

fn is_web_address(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !text.contains(char::is_whitespace)
}

/// "8:30" or "08:30" → "08:30"; None unless a valid 24-hour time.
fn parse_time(text: &str) -> Option<String> {
    let (h, m) = text.split_once(':')?;
    let (h, m): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && text.len() <= 5).then(|| format!("{h:02}:{m:02}"))
}

/// A picture may come from the site itself or an http(s) address; anything
/// else (javascript:, data:) has no place in a public page.
fn safe_image_src(src: &str) -> bool {
    match src.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') => {
            let s = scheme.to_ascii_lowercase();
            s == "http" || s == "https"
        }
        _ => !src.starts_with("//"),
    }
}

/// The URL slug a numbered document gets from its identity, so that a page
/// made for a cited-but-absent document keeps its URL when the full text is
/// added: "6861/KH-UBND" of 2019 → "6861-kh-ubnd-2019". A number that
/// carries its year ("129/2007/QĐ-TTg") needs no second one.
pub fn identity_slug(number: Option<&DocNumber>, issued: Option<PartialDate>) -> Option<String> {
    let number = number?;
    number.serial()?;
    let base = slugify(&number.written);
    Some(match (number.year(), issued) {
        (None, Some(d)) => format!("{base}-{}", d.year),
        _ => base,
    })
}

pub(super) fn deserialize<T: serde::de::DeserializeOwned>(
    format: Format,
    text: &str,
) -> Result<T, (Option<usize>, String)> {
    match format {
        Format::Toml => {
            toml::from_str(text).map_err(|e| (e.span().map(|s| s.start), e.message().to_string()))
        }
        Format::Yaml => {
            let text = if text.trim().is_empty() { "{}" } else { text };
            serde_yaml_ng::from_str(text)
                .map_err(|e| (e.location().map(|l| l.index()), e.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Option<Document>, Vec<Diagnostic>) {
        parse(
            text,
            Placement {
                source: Path::new("content/khanh-hoa/kh.md"),
                folder_url: "khanh-hoa/",
                jurisdiction: 1,
                section: None,
            },
        )
    }

    #[test]
    fn numbered_documents_get_identity_urls() {
        let (doc, findings) = parse_str(
            "+++\ntitle = \"Triển khai\"\nkind = \"ke-hoach\"\nnumber = \"6861/KH-UBND\"\nissued = 2019-07-12\n+++\nNội dung\n",
        );
        assert!(findings.is_empty(), "{findings:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.url_path, "khanh-hoa/6861-kh-ubnd-2019/");
        assert_eq!(doc.issued, PartialDate::ymd(2019, 7, 12));
        assert_eq!(doc.body_line, 7);
    }

    #[test]
    fn unnumbered_documents_use_the_file_name() {
        let (doc, _) =
            parse_str("+++\ntitle = \"T\"\nkind = \"Kế hoạch\"\nissued = \"2024\"\n+++\n");
        assert_eq!(doc.unwrap().url_path, "khanh-hoa/kh/");
    }

    #[test]
    fn unknown_kind_lists_the_allowed_ones_at_its_line() {
        let (doc, findings) = parse_str("+++\ntitle = \"T\"\nkind = \"ke hoach xyz\"\n+++\n");
        assert!(doc.is_none());
        let f = &findings[0];
        assert_eq!((f.code, f.line, f.column), ("unknown-kind", 3, 1));
        assert!(f.message.contains("ke-hoach, "), "{}", f.message);
    }

    #[test]
    fn partial_dates_are_accepted_and_bad_ones_located() {
        let (doc, _) =
            parse_str("+++\ntitle = \"T\"\nkind = \"bao-cao\"\nissued = \"2022-03\"\n+++\n");
        assert_eq!(doc.unwrap().issued, PartialDate::new(2022, Some(3), None));
        let (_, findings) =
            parse_str("+++\ntitle = \"T\"\nkind = \"bao-cao\"\nissued = \"2022-13-01\"\n+++\n");
        assert_eq!((findings[0].code, findings[0].line), ("invalid-date", 4));
        let (_, findings) =
            parse_str("+++\ntitle = \"T\"\nkind = \"bao-cao\"\nissued = \"12/7/2019\"\n+++\n");
        assert!(
            findings[0]
                .message
                .ends_with("did you mean \"2019-07-12\"?"),
            "{}",
            findings[0].message
        );
        let (_, findings) = parse_str("+++\ntitle = \"T\"\nkind = \"ke-hoac\"\n+++\n");
        assert!(findings[0].message.contains("did you mean \"ke-hoach\"?"));
    }

    #[test]
    fn toml_syntax_errors_point_into_the_file() {
        let (_, findings) = parse_str("+++\ntitle = \"T\"\nkind = ke-hoach\n+++\n");
        assert_eq!(findings[0].code, "front-matter");
        assert_eq!(findings[0].line, 3);
    }

    #[test]
    fn yaml_front_matter_is_accepted() {
        let (doc, findings) =
            parse_str("---\ntitle: Báo cáo\nkind: bao-cao\nissued: 2022-03\n---\nX\n");
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(doc.unwrap().issued, PartialDate::new(2022, Some(3), None));
    }

    #[test]
    fn contradicting_abbreviation_is_a_warning() {
        let (doc, findings) =
            parse_str("+++\ntitle = \"T\"\nkind = \"ke-hoach\"\nnumber = \"6861/QĐ-UBND\"\n+++\n");
        assert!(doc.is_some());
        assert_eq!(findings[0].code, "kind-number-mismatch");
        assert!(!findings[0].is_error());
        assert_eq!(findings[0].line, 4);
    }

    #[test]
    fn slugs_cannot_escape_the_output_folder() {
        let (doc, _) = parse_str(
            "+++\ntitle = \"T\"\nkind = \"ke-hoach\"\nslug = \"../../etc/passwd\"\n+++\n",
        );
        assert_eq!(doc.unwrap().url_path, "khanh-hoa/etc-passwd/");
    }

    #[test]
    fn news_front_matter_is_read_and_missing_alt_is_located() {
        let (doc, findings) = parse_str(
            "+++\ntitle = \"T\"\nkind = \"tin-bai\"\ncommended = [\"Bộ phận Một cửa\"]\naward = \"Bằng khen của Chủ tịch UBND tỉnh\"\nmovement = \"Kế hoạch số 6861/KH-UBND\"\n[image]\nsrc = \"anh.jpg\"\nalt = \"Trao bằng khen\"\n+++\n",
        );
        assert!(findings.is_empty(), "{findings:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.news.commended, ["Bộ phận Một cửa"]);
        assert_eq!(doc.news.movement.as_ref().unwrap().1, 6);
        assert_eq!(doc.image.unwrap().alt, "Trao bằng khen");

        let (doc, findings) = parse_str(
            "+++\ntitle = \"T\"\nkind = \"tin-bai\"\n\n[image]\nsrc = \"anh.jpg\"\n+++\n",
        );
        assert!(doc.is_none());
        assert_eq!((findings[0].code, findings[0].line), ("image-alt", 5));
        let (_, findings) = parse_str(
            "+++\ntitle = \"T\"\nkind = \"tin-bai\"\naward = \"huân chương\"\n[image]\nsrc = \"javascript:alert(1)\"\nalt = \"x\"\n+++\n",
        );
        let codes: Vec<_> = findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["invalid-award", "image-src"]);
    }

    #[test]
    fn decomposed_text_is_recomposed() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Văn hóa".nfd().collect();
        let (doc, _) = parse_str(&format!(
            "+++\ntitle = \"{nfd}\"\nkind = \"ke-hoach\"\n+++\n{nfd}\n"
        ));
        let doc = doc.unwrap();
        assert_eq!(doc.title, "Văn hóa");
        assert_eq!(doc.body.trim(), "Văn hóa");
    }
}
