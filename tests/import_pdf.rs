//! `vanban import` on PDFs with a text layer: a real decision laid out as
//! its signed PDF (NĐ 30/2020 two-column header, centred title, justified
//! body in Times New Roman's metrics), written by the test in the ways PDF
//! producers write text, then imported through the command line. Scanned
//! (image-only) pages are named in the report; a scan alone is refused.

mod common;
#[path = "import_pdf/writer.rs"]
mod writer;

use common::*;
use std::path::{Path, PathBuf};
use writer::{Face, Fonts, Page, Producer, Run, PAGE_H};

const DECISION: &str = "tests/fixtures/pdf/1829-qd-ubnd-ha-giang.toml";

fn fixture() -> toml::Value {
    toml::from_str(&read(&repo_root().join(DECISION))).expect("fixture is TOML")
}

fn strings(v: &toml::Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} is a list"))
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

fn string(v: &toml::Value, key: &str) -> String {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key}"))
        .to_string()
}

/// Left and right edges of the body text (A4, 30 mm and 15 mm margins).
const MARGIN: f32 = 85.0;
const RIGHT: f32 = 552.0;
const BOTTOM: f32 = 70.0;

/// Lays pages out top-down; starts a new page when one is full.
struct Layout<'a> {
    fonts: &'a Fonts,
    pages: Vec<Page>,
    y: f32,
}

impl<'a> Layout<'a> {
    fn new(fonts: &'a Fonts) -> Self {
        Layout {
            fonts,
            pages: vec![Page::default()],
            y: PAGE_H - 52.0,
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page")
    }

    fn break_if_full(&mut self, pitch: f32) {
        if self.y - pitch < BOTTOM {
            self.pages.push(Page::default());
            self.y = PAGE_H - 60.0;
        }
    }

    fn centred(&mut self, centre: f32, y: f32, size: f32, face: Face, text: &str) -> f32 {
        let w = self.fonts.get(face).width(text, size);
        self.page().runs.push(Run {
            x: centre - w / 2.0,
            y,
            size,
            face,
            text: text.to_string(),
            word_gap: 0.0,
        });
        w
    }

    /// Words of `text` in lines of at most `width` points.
    fn wrap(&self, text: &str, size: f32, face: Face, width: f32) -> Vec<Vec<String>> {
        let font = self.fonts.get(face);
        let mut lines: Vec<Vec<String>> = vec![Vec::new()];
        for word in text.split_whitespace() {
            let line = lines.last_mut().expect("a line");
            let mut candidate = line.join(" ");
            if !candidate.is_empty() {
                candidate.push(' ');
            }
            candidate.push_str(word);
            if !line.is_empty() && font.width(&candidate, size) > width {
                lines.push(vec![word.to_string()]);
            } else {
                line.push(word.to_string());
            }
        }
        lines
    }

    /// The header: issuer and number left, Quốc hiệu and date right, each
    /// line centred in its cell, rules under the issuer and the motto.
    fn header(&mut self, h: &toml::Value) {
        let (left, right) = (153.0, 408.0);
        let top = self.y;
        let issuer = strings(h, "issuer");
        for (k, line) in issuer.iter().enumerate() {
            let face = if k + 1 == issuer.len() {
                Face::Bold
            } else {
                Face::Regular
            };
            self.centred(left, top - 15.0 * k as f32, 13.0, face, line);
        }
        let motto = strings(h, "motto");
        for (k, line) in motto.iter().enumerate() {
            let size = if k == 0 { 12.5 } else { 13.5 };
            let w = self.centred(
                right,
                top - 15.0 * k as f32 - 0.5 * k as f32,
                size,
                Face::Bold,
                line,
            );
            if k + 1 == motto.len() {
                let y = top - 15.0 * k as f32 - 4.0;
                self.page()
                    .rules
                    .push((right - w / 2.0, right + w / 2.0, y));
            }
        }
        let below = top - 15.0 * issuer.len().max(motto.len()) as f32;
        self.page()
            .rules
            .push((left - 30.0, left + 30.0, below + 11.0));
        let row = below - 12.0;
        self.centred(left, row, 13.0, Face::Regular, &string(h, "number"));
        self.centred(right, row, 13.0, Face::Italic, &string(h, "date"));
        self.y = row - 36.0;
    }

    fn title(&mut self, t: &toml::Value) {
        let centre = (MARGIN + RIGHT) / 2.0;
        let y = self.y;
        self.centred(centre, y, 14.0, Face::Bold, &string(t, "kind"));
        self.y -= 17.0;
        for line in self.wrap(&string(t, "summary"), 14.0, Face::Bold, 400.0) {
            let y = self.y;
            self.centred(centre, y, 14.0, Face::Bold, &line.join(" "));
            self.y -= 17.0;
        }
        self.y -= 18.0;
        let y = self.y;
        self.centred(centre, y, 14.0, Face::Bold, &string(t, "authority"));
        self.y -= 28.0;
    }

    /// A justified paragraph with a first-line indent; "Điều N." in bold;
    /// a paragraph all in capitals centred in bold.
    fn paragraph(&mut self, text: &str) {
        let (size, pitch) = (14.0, 18.0);
        if text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        {
            self.break_if_full(pitch);
            let y = self.y;
            self.centred((MARGIN + RIGHT) / 2.0, y, size, Face::Bold, text);
            self.y -= pitch + 6.0;
            return;
        }
        let bold_words = if text.starts_with("Điều ") { 2 } else { 0 };
        let indent = 28.0;
        let first = self.wrap(text, size, Face::Regular, RIGHT - MARGIN - indent);
        let first_line = first[0].clone();
        let rest_text = text
            .split_whitespace()
            .skip(first_line.len())
            .collect::<Vec<_>>()
            .join(" ");
        let mut lines = vec![first_line];
        if !rest_text.is_empty() {
            lines.extend(self.wrap(&rest_text, size, Face::Regular, RIGHT - MARGIN));
        }
        let mut word_no = 0;
        let last = lines.len() - 1;
        for (k, words) in lines.iter().enumerate() {
            self.break_if_full(pitch);
            let x0 = if k == 0 { MARGIN + indent } else { MARGIN };
            let faces: Vec<Face> = (0..words.len())
                .map(|i| {
                    if word_no + i < bold_words {
                        Face::Bold
                    } else {
                        Face::Regular
                    }
                })
                .collect();
            self.justified_line(x0, words, &faces, size, k != last);
            word_no += words.len();
            self.y -= pitch;
        }
        self.y -= 6.0;
    }

    fn justified_line(
        &mut self,
        x0: f32,
        words: &[String],
        faces: &[Face],
        size: f32,
        justify: bool,
    ) {
        let fonts = self.fonts;
        let width = |w: &str, f: Face| fonts.get(f).width(w, size);
        let space = width(" ", Face::Regular);
        let natural: f32 = words
            .iter()
            .zip(faces)
            .map(|(w, f)| width(w, *f))
            .sum::<f32>()
            + space * (words.len() - 1) as f32;
        let gap = if justify && words.len() > 1 {
            (RIGHT - x0 - natural) / (words.len() - 1) as f32
        } else {
            0.0
        };
        let mut x = x0;
        let mut k = 0;
        while k < words.len() {
            let face = faces[k];
            let n = faces[k..].iter().take_while(|f| **f == face).count();
            let text = words[k..k + n].join(" ");
            let w = width(&text, face) + gap * (n - 1) as f32;
            let y = self.y;
            self.page().runs.push(Run {
                x,
                y,
                size,
                face,
                text,
                word_gap: gap,
            });
            x += w + space + gap;
            k += n;
        }
    }
}

/// The decision as PDF pages, with scanned pages inserted before the
/// given (1-based) page numbers of the result.
fn decision_pages(fonts: &Fonts, scans_at: &[usize]) -> Vec<Page> {
    let fx = fixture();
    let mut layout = Layout::new(fonts);
    layout.header(&fx["header"]);
    layout.title(&fx["title"]);
    for p in strings(&fx["body"], "paragraphs") {
        layout.paragraph(&p);
    }
    let mut pages = layout.pages;
    for &at in scans_at {
        pages.insert(
            at - 1,
            Page {
                scan: true,
                ..Page::default()
            },
        );
    }
    pages
}

fn write_pdf(dir: &Path, name: &str, pages: &[Page], fonts: &Fonts, producer: Producer) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, writer::write(pages, fonts, producer)).unwrap();
    path
}

fn import(input: &Path, root: &Path, args: &[&str]) -> std::process::Output {
    vanban()
        .arg("import")
        .arg(input)
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

/// The written file's front matter and body.
fn written(outcome: &serde_json::Value) -> (toml::Value, String) {
    let target = outcome["target"].as_str().expect("a target");
    let text = read(Path::new(target));
    let rest = text.strip_prefix("+++\n").expect("front matter");
    let (fm, body) = rest.split_once("\n+++\n").expect("closed front matter");
    (
        toml::from_str(fm).expect("TOML front matter"),
        body.to_string(),
    )
}

/// The words of Markdown, without emphasis or heading marks.
fn words(markdown: &str) -> Vec<String> {
    markdown
        .replace("**", "")
        .replace('\\', "")
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| c == '#'))
        .map(str::to_string)
        .collect()
}

fn import_json(pdf: &Path, root: &Path) -> (bool, serde_json::Value) {
    let o = import(pdf, root, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&o), stderr(&o)));
    (o.status.success(), v)
}

fn check_decision(outcome: &serde_json::Value, producer: Producer) {
    let fx = fixture();
    let want = &fx["expected"];
    let (fm, body) = written(outcome);
    let field = |k: &str| fm.get(k).and_then(|v| v.as_str()).map(str::to_string);
    for key in ["kind", "number", "issued", "place", "issuer"] {
        assert_eq!(
            field(key),
            Some(string(want, key)),
            "{producer:?}: {key} in {fm:#?}"
        );
    }
    let summary = string(&fx["title"], "summary");
    let title = field("title").unwrap_or_default();
    assert_eq!(
        title.to_lowercase(),
        summary.to_lowercase(),
        "{producer:?}: the title is the trích yếu's words"
    );
    let target = outcome["target"].as_str().unwrap();
    assert!(
        target.contains(&format!("content/{}/", string(want, "suggested_dir"))),
        "{producer:?}: {target}"
    );
    let relations: Vec<String> = ["implements", "cites"]
        .iter()
        .flat_map(|k| outcome[k].as_array().cloned().unwrap_or_default())
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    for number in strings(want, "cites") {
        assert!(
            relations.iter().any(|r| r.contains(&number)),
            "{producer:?}: {number} is cited; found {relations:?}"
        );
    }
    // Every word of the body, in order, and nothing of the header in it.
    let got = words(&body);
    let mut at = 0;
    for w in strings(&fx["body"], "paragraphs")
        .iter()
        .flat_map(|p| words(p))
    {
        match got[at..].iter().position(|g| *g == w) {
            Some(k) => at += k + 1,
            None => panic!("{producer:?}: body word {w:?} missing after word {at} of:\n{body}"),
        }
    }
    assert!(
        !body.contains("CỘNG HÒA"),
        "{producer:?}: header left in the body:\n{body}"
    );
}

#[test]
fn imports_a_two_column_header_and_the_body_from_each_kind_of_text_layer() {
    let fonts = Fonts::load();
    let pages = decision_pages(&fonts, &[]);
    for producer in [Producer::Lines, Producer::Words, Producer::Decomposed] {
        let dir = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        let pdf = write_pdf(dir.path(), "qd-1829.pdf", &pages, &fonts, producer);
        let (ok, v) = import_json(&pdf, root.path());
        assert!(ok, "{producer:?}: {v:#}");
        check_decision(&v[0], producer);
        assert!(
            v[0]["report"]["warnings"]
                .as_array()
                .is_some_and(|w| w.is_empty()),
            "{producer:?}: no page is a scan: {v:#}"
        );
    }
}

#[test]
fn a_folder_import_takes_its_pdfs() {
    let fonts = Fonts::load();
    let dir = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    write_pdf(
        dir.path(),
        "qd-1829.pdf",
        &decision_pages(&fonts, &[]),
        &fonts,
        Producer::Lines,
    );
    let o = import(dir.path(), root.path(), &[]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("1 file(s), 0 failed"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("encoding: pdf (text layer)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_scanned_page_among_text_pages_is_named_and_the_text_pages_import() {
    let fonts = Fonts::load();
    let dir = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    let pages = decision_pages(&fonts, &[2]);
    assert!(
        pages.len() >= 3,
        "the decision spans pages on both sides of the scan"
    );
    let pdf = write_pdf(dir.path(), "qd-1829.pdf", &pages, &fonts, Producer::Lines);
    let (ok, v) = import_json(&pdf, root.path());
    assert!(ok, "{v:#}");
    assert_eq!(
        v[0]["report"]["warnings"],
        serde_json::json!(["trang 2 không có lớp chữ — bản quét?"]),
        "{v:#}"
    );
    check_decision(&v[0], Producer::Lines);
    let o = import(&pdf, root.path(), &["--dry-run", "--force"]);
    assert!(
        stdout(&o).contains("warning: trang 2 không có lớp chữ — bản quét?"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_pdf_of_scanned_pages_only_is_refused_naming_the_pages() {
    let fonts = Fonts::load();
    let dir = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    let scan = Page {
        scan: true,
        ..Page::default()
    };
    let pdf = write_pdf(
        dir.path(),
        "scan.pdf",
        &[scan.clone(), scan],
        &fonts,
        Producer::Lines,
    );
    let o = import(&pdf, root.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("scan.pdf: no page has a text layer"), "{out}");
    assert!(
        out.contains("trang 1, 2 không có lớp chữ — bản quét?"),
        "{out}"
    );
    assert!(
        !root.path().join("content").exists(),
        "nothing is written for a scan"
    );
}
