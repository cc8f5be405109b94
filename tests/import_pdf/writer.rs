//! Writes the test PDFs: pages of positioned text in Liberation Serif
//! (metric-compatible with Times New Roman, with Vietnamese glyphs), as a
//! word processor's "save as PDF" lays them out, and image-only pages as a
//! scanner makes them. The fonts are embedded whole as CID fonts with a
//! ToUnicode map, the way signed PDFs from document-management systems
//! carry them, so the importer reads the text only through that map.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeSet;
use unicode_normalization::UnicodeNormalization;

const FONT_DIR: &str = "/usr/share/fonts/truetype/liberation2";
pub const PAGE_W: f32 = 595.0;
pub const PAGE_H: f32 = 842.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

impl Face {
    const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Italic];

    fn file(self) -> &'static str {
        match self {
            Face::Regular => "LiberationSerif-Regular.ttf",
            Face::Bold => "LiberationSerif-Bold.ttf",
            Face::Italic => "LiberationSerif-Italic.ttf",
        }
    }

    fn resource(self) -> Name<'static> {
        match self {
            Face::Regular => Name(b"F1"),
            Face::Bold => Name(b"F2"),
            Face::Italic => Name(b"F3"),
        }
    }
}

/// How a producer writes the words of a line into the content stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Producer {
    /// One string per line, spaces as space glyphs (a word processor).
    Lines,
    /// Every word placed on its own, no space glyphs (many PDF libraries).
    Words,
    /// Letters and their tone marks as separate glyphs (base letter, then
    /// zero-width combining marks), as some converters write Vietnamese.
    Decomposed,
}

/// A run of text at a baseline position, in one face and size.
#[derive(Debug, Clone)]
pub struct Run {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub face: Face,
    pub text: String,
    /// Extra space added after each word to justify the line.
    pub word_gap: f32,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub runs: Vec<Run>,
    /// Horizontal rules (x0, x1, y), as under the header's lines.
    pub rules: Vec<(f32, f32, f32)>,
    /// A scanned page: one grey image covering the page, no text.
    pub scan: bool,
}

/// A loaded font face: its bytes and what layout needs from it.
pub struct Font {
    data: Vec<u8>,
}

impl Font {
    pub fn load(face: Face) -> Font {
        let path = format!("{FONT_DIR}/{}", face.file());
        let data = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{path}: {e} (apt-get install fonts-liberation2)"));
        Font { data }
    }

    fn face(&self) -> ttf_parser::Face<'_> {
        ttf_parser::Face::parse(&self.data, 0).expect("a TrueType font")
    }

    fn glyph(&self, c: char) -> u16 {
        self.face()
            .glyph_index(c)
            .unwrap_or_else(|| panic!("Liberation Serif has no glyph for {c:?}"))
            .0
    }

    /// Advance of a glyph in thousandths of the size (PDF glyph space).
    fn advance(&self, gid: u16) -> f32 {
        let f = self.face();
        let adv = f.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0);
        adv as f32 * 1000.0 / f.units_per_em() as f32
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.nfc().map(|c| self.advance(self.glyph(c))).sum::<f32>() * size / 1000.0
    }
}

pub struct Fonts {
    fonts: Vec<(Face, Font)>,
}

impl Fonts {
    pub fn load() -> Fonts {
        Fonts {
            fonts: Face::ALL.iter().map(|&f| (f, Font::load(f))).collect(),
        }
    }

    pub fn get(&self, face: Face) -> &Font {
        &self
            .fonts
            .iter()
            .find(|(f, _)| *f == face)
            .expect("loaded")
            .1
    }
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The characters a producer writes for `text`, one glyph each.
fn glyph_chars(text: &str, producer: Producer) -> Vec<char> {
    match producer {
        Producer::Decomposed => text.nfd().collect(),
        _ => text.nfc().collect(),
    }
}

/// Writes the pages into a PDF file's bytes.
pub fn write(pages: &[Page], fonts: &Fonts, producer: Producer) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog = alloc();
    let tree = alloc();
    let font_refs: Vec<(Face, Ref)> = Face::ALL.iter().map(|&f| (f, alloc())).collect();
    let image = alloc();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_refs.iter().map(|p| p.0))
        .count(pages.len() as i32);
    for (page, &(page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let mut p = pdf.page(page_ref);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(content_ref);
        let mut res = p.resources();
        if page.scan {
            res.x_objects().pair(Name(b"Im1"), image);
        } else {
            let mut f = res.fonts();
            for &(face, r) in &font_refs {
                f.pair(face.resource(), r);
            }
        }
        res.finish();
        p.finish();
        let content = page_content(page, fonts, producer);
        pdf.stream(content_ref, &content);
    }
    let used: BTreeSet<char> = pages
        .iter()
        .flat_map(|p| &p.runs)
        .flat_map(|r| glyph_chars(&r.text, producer))
        .collect();
    for &(face, r) in &font_refs {
        embed_font(&mut pdf, &mut alloc, r, fonts.get(face), face, &used);
    }
    // A grey "scan": a small noisy image stretched over the page.
    let samples: Vec<u8> = (0..64 * 64u32)
        .map(|i| (200 + (i * 37 % 50)) as u8)
        .collect();
    let mut img = pdf.image_xobject(image, &samples);
    img.width(64).height(64).bits_per_component(8);
    img.color_space().device_gray();
    img.finish();
    pdf.finish()
}

fn page_content(page: &Page, fonts: &Fonts, producer: Producer) -> Vec<u8> {
    let mut c = Content::new();
    if page.scan {
        c.save_state();
        c.transform([PAGE_W, 0.0, 0.0, PAGE_H, 0.0, 0.0]);
        c.x_object(Name(b"Im1"));
        c.restore_state();
        return c.finish().to_vec();
    }
    for &(x0, x1, y) in &page.rules {
        c.set_line_width(0.6);
        c.move_to(x0, y);
        c.line_to(x1, y);
        c.stroke();
    }
    for run in &page.runs {
        let font = fonts.get(run.face);
        c.begin_text();
        c.set_font(run.face.resource(), run.size);
        match producer {
            Producer::Words => {
                let mut x = run.x;
                let space = font.width(" ", run.size) + run.word_gap;
                for word in run.text.split(' ') {
                    c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, run.y]);
                    c.show(Str(&encode(font, &glyph_chars(word, producer))));
                    x += font.width(word, run.size) + space;
                }
            }
            Producer::Lines | Producer::Decomposed => {
                c.set_text_matrix([1.0, 0.0, 0.0, 1.0, run.x, run.y]);
                // Justification as a word processor writes it: a negative
                // adjustment (in thousandths of the size) after each space.
                let adjust = -run.word_gap * 1000.0 / run.size;
                let mut tj = c.show_positioned();
                let mut items = tj.items();
                let words: Vec<&str> = run.text.split(' ').collect();
                for (k, word) in words.iter().enumerate() {
                    let mut chars = glyph_chars(word, producer);
                    if k + 1 < words.len() {
                        chars.push(' ');
                    }
                    items.show(Str(&encode(font, &chars)));
                    if k + 1 < words.len() && adjust != 0.0 {
                        items.adjust(adjust);
                    }
                }
                items.finish();
                tj.finish();
            }
        }
        c.end_text();
    }
    c.finish().to_vec()
}

/// Two-byte glyph ids (Identity-H).
fn encode(font: &Font, chars: &[char]) -> Vec<u8> {
    chars
        .iter()
        .flat_map(|&c| font.glyph(c).to_be_bytes())
        .collect()
}

fn embed_font(
    pdf: &mut Pdf,
    alloc: &mut impl FnMut() -> Ref,
    type0: Ref,
    font: &Font,
    face: Face,
    used: &BTreeSet<char>,
) {
    let (cid, descriptor, file, cmap) = (alloc(), alloc(), alloc(), alloc());
    let name = Name(match face {
        Face::Regular => b"LiberationSerif".as_slice(),
        Face::Bold => b"LiberationSerif-Bold",
        Face::Italic => b"LiberationSerif-Italic",
    });
    let system = || SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(type0)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);
    let glyphs = font.face().number_of_glyphs();
    let marks: BTreeSet<u16> = used
        .iter()
        .filter(|c| is_mark(**c))
        .map(|&c| font.glyph(c))
        .collect();
    let mut c = pdf.cid_font(cid);
    c.subtype(CidFontType::Type2)
        .base_font(name)
        .system_info(system())
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    c.widths().consecutive(
        0,
        (0..glyphs).map(|g| {
            if marks.contains(&g) {
                0.0
            } else {
                font.advance(g)
            }
        }),
    );
    c.finish();
    let mut flags = FontFlags::SERIF | FontFlags::NON_SYMBOLIC;
    if face == Face::Italic {
        flags |= FontFlags::ITALIC;
    }
    pdf.font_descriptor(descriptor)
        .name(name)
        .flags(flags)
        .bbox(Rect::new(-600.0, -300.0, 2000.0, 1000.0))
        .italic_angle(if face == Face::Italic { -15.0 } else { 0.0 })
        .ascent(891.0)
        .descent(-216.0)
        .cap_height(662.0)
        .stem_v(80.0)
        .font_file2(file);
    pdf.stream(file, &font.data)
        .pair(Name(b"Length1"), font.data.len() as i32);
    let mut map = UnicodeCmap::new(Name(b"Custom"), system());
    let mut seen = BTreeSet::new();
    for &ch in used {
        let g = font.glyph(ch);
        if seen.insert(g) {
            map.pair(g, ch);
        }
    }
    pdf.cmap(cmap, &map.finish());
}
