//! Reads the text layer of a PDF (the signed PDF a document-management
//! system issues, NĐ 30/2020) into lines in reading order, so the rest of
//! import sees what it sees from a .txt or .docx: the two-column header as
//! the issuer's lines, then the Quốc hiệu's lines (as a .docx header table
//! is read, cell by cell), then the body, one paragraph after another.
//!
//! Why pdf-extract: the candidates were run on the tests' PDFs of a real
//! decision (tests/import_pdf.rs): Liberation Serif (Times New Roman's
//! metrics) in Identity-H fonts that only a ToUnicode map decodes, the NĐ
//! 30/2020 header in two columns, written three ways (whole lines with
//! space glyphs as word processors do, words placed one by one without
//! spaces, tone marks as separate combining glyphs).
//! - pdf-extract (on lopdf): decodes ToUnicode (all three right, the
//!   combining marks as NFD, composed here) and hands every glyph with its
//!   text matrix, width and size to an `OutputDev`, which is what reading
//!   order needs. Small (a few thousand lines, pure Rust, lopdf without its
//!   default features), at 0.12.1 on crates.io. Its own plain-text output
//!   puts the header's cells on shared lines ("TỈNH HÀ GIANG CỘNG HÒA XÃ
//!   HỘI…"), so the layout below is ours.
//! - lopdf's `extract_text`: text in drawing order without positions, so
//!   columns and paragraphs cannot be rebuilt; words placed one by one
//!   lose their spaces ("ỦYBANNHÂNDÂN").
//! - pdf (pdf-rs): a parser; text state, fonts and ToUnicode are left to
//!   the user — the hand-written code the project avoids.
//! - pdf_oxide: positions and layout, but ~450,000 lines and some forty
//!   dependencies (crypto, images, logging) on a 0.3 series with releases
//!   every few days: too much weight for reading one text layer; not built.
//! - pdfium-render, mupdf, poppler: C libraries that Debian's default
//!   install lacks.
//!
//! A page without text is named in the report ("trang 2 không có lớp chữ —
//! bản quét?"); a file in which no page has text is refused rather than
//! imported as an empty document.

mod layout;

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The text of a PDF and the pages that gave none.
#[derive(Debug, Default)]
pub struct PdfText {
    /// Lines in reading order; a blank line between paragraphs and after
    /// the header block.
    pub text: String,
    /// Report lines for pages without a text layer, in Vietnamese.
    pub warnings: Vec<String>,
}

/// One glyph as drawn: its origin on the baseline, advance and size in
/// page units, and the text the font's map gives it.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    advance: f64,
    size: f64,
    text: String,
}

#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
    width: f64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.width = media_box.urx - media_box.llx;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        self.glyphs.push(Glyph {
            x: trm.m31,
            y: trm.m32,
            advance: width * size,
            size,
            text: text.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// What one page gave.
enum PageText {
    Text(Vec<String>),
    /// No text, but an image: a scan.
    Scan,
    /// Nothing drawn at all.
    Blank,
}

/// Reads a PDF's text layer. Errors are whole-file problems: not a PDF,
/// a password, or no page with text.
pub fn read(bytes: &[u8]) -> Result<PdfText, String> {
    let mut doc = Document::load_mem(bytes).map_err(|e| format!("not a readable PDF: {e}"))?;
    if doc.is_encrypted() {
        // Signed PDFs are often locked against editing only: the empty
        // user password opens them.
        doc.decrypt("")
            .map_err(|_| "the PDF needs a password to open".to_string())?;
    }
    let mut out = PdfText::default();
    let mut lines: Vec<String> = Vec::new();
    let (mut scans, mut blanks) = (Vec::new(), Vec::new());
    for (&no, &id) in &doc.get_pages() {
        match page_text(&doc, no, id)? {
            PageText::Text(page) => {
                if !lines.is_empty() && page.first().is_some_and(|l| l.is_empty()) {
                    lines.push(String::new());
                }
                lines.extend(page.into_iter().skip_while(String::is_empty));
            }
            PageText::Scan => scans.push(no),
            PageText::Blank => blanks.push(no),
        }
    }
    let list = |pages: &[u32]| {
        pages
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !scans.is_empty() {
        out.warnings.push(format!(
            "trang {} không có lớp chữ — bản quét?",
            list(&scans)
        ));
    }
    if !blanks.is_empty() {
        out.warnings
            .push(format!("trang {} trống, không có chữ", list(&blanks)));
    }
    if lines.iter().all(String::is_empty) {
        let why = out.warnings.join("; ");
        return Err(format!(
            "no page has a text layer, nothing to import ({why}); import the document's own PDF or .docx, or run OCR on the scan first"
        ));
    }
    out.text = lines.join("\n");
    out.text.push('\n');
    Ok(out)
}

fn page_text(doc: &Document, no: u32, id: (u32, u16)) -> Result<PageText, String> {
    let mut collector = Collector::default();
    // pdf-extract panics on some malformed content; that page's text is
    // then an error naming the page, not a crash of the whole import.
    let run = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc_page(doc, &mut collector, no)
    }));
    match run {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(format!("page {no}: cannot read its text: {e}")),
        Err(_) => {
            return Err(format!(
                "page {no}: cannot read its text (malformed content)"
            ))
        }
    }
    let glyphs: Vec<Glyph> = collector
        .glyphs
        .into_iter()
        .filter(|g| g.size > 0.0 && g.x.is_finite() && g.y.is_finite())
        .collect();
    if glyphs.iter().all(|g| g.text.trim().is_empty()) {
        return Ok(if draws_image(doc, id) {
            PageText::Scan
        } else {
            PageText::Blank
        });
    }
    Ok(PageText::Text(layout::page_lines(glyphs, collector.width)))
}

/// Whether the page's content paints an XObject or an inline image.
fn draws_image(doc: &Document, id: (u32, u16)) -> bool {
    let Ok(content) = doc.get_page_content(id) else {
        return false;
    };
    pdf_extract::content::Content::decode(&content).is_ok_and(|c| {
        c.operations
            .iter()
            .any(|op| op.operator == "Do" || op.operator == "BI")
    })
}
