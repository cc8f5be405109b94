//! Reads the text of a .docx (word/document.xml, numbering and footnotes)
//! into Markdown lines: headings from paragraph styles, bold and italics
//! from runs, lists from numbering, tables as pipe tables, footnotes as
//! `[^n]`. Layout tables (the header and signature grids of an official
//! document) are read cell by cell so header inference sees plain lines.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The text of a .docx: the document as Markdown, and the footnote texts
/// ("[^1]: …" lines) kept apart so the closing block stays last.
#[derive(Debug, Default)]
pub struct DocxText {
    pub main: String,
    pub footnotes: String,
}

#[derive(Debug, Default, Clone)]
struct Run {
    text: String,
    bold: bool,
    italic: bool,
    /// A footnote reference, written as-is without emphasis.
    raw: bool,
}

#[derive(Debug, Default, Clone)]
struct Para {
    style: Option<String>,
    num: Option<(String, usize)>,
    runs: Vec<Run>,
}

/// Table rows → cells → paragraphs.
type Rows = Vec<Vec<Vec<Para>>>;

/// A table being read: its rows, the current row, the current cell.
type OpenTable = (Rows, Vec<Vec<Para>>, Vec<Para>);

#[derive(Debug, Clone)]
enum Item {
    Para(Para),
    Table(Rows),
}

/// Largest inflated size of one part (word/document.xml, numbering,
/// footnotes). A real document.xml of a thousand pages is a few MiB.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// Largest inflated size of all parts read, together.
pub const MAX_TOTAL_BYTES: u64 = 128 << 20;
/// Most entries a .docx may list; Word writes a few dozen.
pub const MAX_ENTRIES: usize = 10_000;

pub fn read(bytes: &[u8]) -> Result<DocxText, String> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a .docx (zip): {e}"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "refused: the .docx lists {} zip entries (at most {MAX_ENTRIES}); it is not a Word document or it is a zip bomb",
            zip.len()
        ));
    }
    let mut total: u64 = 0;
    let mut part = |name: &str| -> Result<Option<String>, String> {
        match zip.by_name(name) {
            Ok(f) => {
                let s = read_capped(f, name, MAX_TOTAL_BYTES - total)?;
                total += s.len() as u64;
                Ok(Some(s))
            }
            Err(zip::result::ZipError::FileNotFound) => Ok(None),
            Err(e) => Err(format!("{name}: {e}")),
        }
    };
    let document = part("word/document.xml")?.ok_or("no word/document.xml in the .docx")?;
    let numbering = part("word/numbering.xml")?;
    let footnotes = part("word/footnotes.xml")?;
    let formats = numbering
        .as_deref()
        .map(parse_numbering)
        .unwrap_or_default();
    let items = parse_items(&document)?;
    let mut main: Vec<String> = Vec::new();
    for (_, item) in &items {
        render_item(item, &formats, &mut main);
    }
    let mut notes: Vec<String> = Vec::new();
    if let Some(xml) = footnotes {
        let mut by_id: Vec<(String, Vec<String>)> = Vec::new();
        for (id, item) in parse_items(&xml)? {
            let Some(id) = id else { continue };
            let mut out = Vec::new();
            render_item(&item, &formats, &mut out);
            match by_id.iter_mut().find(|(i, _)| *i == id) {
                Some((_, v)) => v.extend(out),
                None => by_id.push((id, out)),
            }
        }
        for (id, paras) in by_id {
            let text: Vec<String> = paras.into_iter().filter(|p| !p.trim().is_empty()).collect();
            if !text.is_empty() {
                notes.push(format!("[^{id}]: {}", text.join("\n    ").trim()));
            }
        }
    }
    Ok(DocxText {
        main: main.join("\n\n"),
        footnotes: notes.join("\n\n"),
    })
}

/// Inflates one entry, stopping as soon as it passes the part cap or what
/// is left of the total: a declared size is only a hint (it can lie), so the
/// reader itself is bounded and memory never exceeds the cap.
fn read_capped<R: Read>(f: R, name: &str, left: u64) -> Result<String, String> {
    let cap = MAX_PART_BYTES.min(left);
    let refuse = || {
        format!(
            "refused: {name} inflates past {} MiB (the limit for one part is {} MiB, for all parts {} MiB); it is a zip bomb or not a Word document",
            cap >> 20,
            MAX_PART_BYTES >> 20,
            MAX_TOTAL_BYTES >> 20
        )
    };
    let mut buf = Vec::new();
    f.take(cap + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("{name}: {e}"))?;
    if buf.len() as u64 > cap {
        return Err(refuse());
    }
    String::from_utf8(buf).map_err(|e| format!("{name}: not UTF-8 XML: {e}"))
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// `<w:b/>` is on; `<w:b w:val="0"/>` (or false/off) is off.
fn toggle(e: &BytesStart) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// numId → level → numFmt ("bullet", "decimal", …).
fn parse_numbering(xml: &str) -> HashMap<String, HashMap<usize, String>> {
    let mut abstracts: HashMap<String, HashMap<usize, String>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let (mut cur_abs, mut cur_lvl, mut cur_num) = (None::<String>, None::<usize>, None::<String>);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "abstractNum" => cur_abs = attr(&e, "abstractNumId"),
                "lvl" => cur_lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                "numFmt" => {
                    if let (Some(a), Some(l), Some(f)) = (&cur_abs, cur_lvl, attr(&e, "val")) {
                        abstracts.entry(a.clone()).or_default().insert(l, f);
                    }
                }
                "num" => cur_num = attr(&e, "numId"),
                "abstractNumId" => {
                    if let (Some(n), Some(a)) = (&cur_num, attr(&e, "val")) {
                        nums.insert(n.clone(), a);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    nums.into_iter()
        .filter_map(|(n, a)| abstracts.get(&a).map(|m| (n, m.clone())))
        .collect()
}

/// Reads paragraphs and tables in order; each item carries the footnote id
/// it belongs to (footnotes.xml) or `None` (document.xml).
fn parse_items(xml: &str) -> Result<Vec<(Option<String>, Item)>, String> {
    let mut reader = Reader::from_str(xml);
    let mut items: Vec<(Option<String>, Item)> = Vec::new();
    let mut footnote: Option<String> = None;
    let mut para: Option<Para> = None;
    let mut run = Run::default();
    let mut in_rpr = false;
    let mut in_ppr = false;
    let mut in_t = false;
    // Nested tables: a stack of (rows, current row, current cell).
    let mut tables: Vec<OpenTable> = Vec::new();
    loop {
        let ev = reader.read_event().map_err(|e| format!("word XML: {e}"))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.local_name().as_ref() {
                    "footnote" => {
                        let skip = matches!(
                            attr(e, "type").as_deref(),
                            Some("separator" | "continuationSeparator" | "continuationNotice")
                        );
                        footnote = if skip { None } else { attr(e, "id") };
                    }
                    "p" if !empty => para = Some(Para::default()),
                    "pStyle" => {
                        if let Some(p) = para.as_mut() {
                            p.style = attr(e, "val");
                        }
                    }
                    "numId" => {
                        if let Some(p) = para.as_mut() {
                            let level = p.num.as_ref().map_or(0, |n| n.1);
                            p.num = attr(e, "val").map(|v| (v, level));
                        }
                    }
                    "ilvl" => {
                        if let Some(p) = para.as_mut() {
                            let level = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                            let id = p.num.as_ref().map_or(String::new(), |n| n.0.clone());
                            p.num = Some((id, level));
                        }
                    }
                    "r" if !empty => run = Run::default(),
                    "rPr" if !empty => in_rpr = true,
                    "pPr" if !empty => in_ppr = true,
                    "b" if in_rpr => run.bold = toggle(e),
                    "i" if in_rpr => run.italic = toggle(e),
                    "t" if !empty => in_t = true,
                    "tab" if !in_ppr => run.text.push(' '),
                    "br" | "cr" => run.text.push('\n'),
                    "footnoteReference" => {
                        if let (Some(p), Some(id)) = (para.as_mut(), attr(e, "id")) {
                            p.runs.push(Run {
                                text: format!("[^{id}]"),
                                raw: true,
                                ..Run::default()
                            });
                        }
                    }
                    "tbl" if !empty => tables.push((Vec::new(), Vec::new(), Vec::new())),
                    _ => {}
                }
            }
            Event::Text(t) if in_t => run.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_t => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    run.text.push(c);
                } else {
                    let name = r.xml10_content();
                    run.text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_t = false,
                "rPr" => in_rpr = false,
                "pPr" => in_ppr = false,
                "r" => {
                    if let Some(p) = para.as_mut() {
                        if !run.text.is_empty() {
                            p.runs.push(std::mem::take(&mut run));
                        }
                    }
                }
                "p" => {
                    if let Some(p) = para.take() {
                        match tables.last_mut() {
                            Some((_, _, cell)) => cell.push(p),
                            None => items.push((footnote.clone(), Item::Para(p))),
                        }
                    }
                }
                "tc" => {
                    if let Some((_, row, cell)) = tables.last_mut() {
                        row.push(std::mem::take(cell));
                    }
                }
                "tr" => {
                    if let Some((rows, row, _)) = tables.last_mut() {
                        rows.push(std::mem::take(row));
                    }
                }
                "tbl" => {
                    if let Some((rows, _, _)) = tables.pop() {
                        match tables.last_mut() {
                            // A table inside a cell: its paragraphs join the cell.
                            Some((_, _, cell)) => {
                                cell.extend(rows.into_iter().flatten().flatten());
                            }
                            None => items.push((footnote.clone(), Item::Table(rows))),
                        }
                    }
                }
                "footnote" => footnote = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(items)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Wraps text in emphasis markers, keeping surrounding spaces outside
/// (CommonMark ignores "** bold**").
fn emphasise(text: &str, marker: &str) -> String {
    let core = text.trim();
    if core.is_empty() {
        return text.to_string();
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    format!("{lead}{marker}{core}{marker}{trail}")
}

fn render_runs(runs: &[Run], plain: bool) -> String {
    // Adjacent runs with the same emphasis are merged first, so a word split
    // over runs by Word does not become "**Ba****o cáo**".
    let mut merged: Vec<Run> = Vec::new();
    for r in runs {
        match merged.last_mut() {
            Some(m) if !m.raw && !r.raw && m.bold == r.bold && m.italic == r.italic => {
                m.text.push_str(&r.text)
            }
            _ => merged.push(r.clone()),
        }
    }
    let mut out = String::new();
    for r in merged {
        if r.raw {
            out.push_str(&r.text);
            continue;
        }
        let text = escape(&r.text);
        let lines: Vec<String> = text
            .split('\n')
            .map(|seg| {
                if plain {
                    return seg.to_string();
                }
                match (r.bold, r.italic) {
                    (true, true) => emphasise(seg, "***"),
                    (true, false) => emphasise(seg, "**"),
                    (false, true) => emphasise(seg, "*"),
                    _ => seg.to_string(),
                }
            })
            .collect();
        out.push_str(&lines.join("\n"));
    }
    out
}

fn heading_level(style: &str) -> Option<usize> {
    let s = style.to_ascii_lowercase().replace(' ', "");
    let n = s.strip_prefix("heading")?;
    n.parse().ok().filter(|n| (1..=6).contains(n))
}

fn render_para(p: &Para, formats: &HashMap<String, HashMap<usize, String>>) -> String {
    if let Some(level) = p.style.as_deref().and_then(heading_level) {
        let text = render_runs(&p.runs, true).replace('\n', " ");
        return format!("{} {}", "#".repeat(level), text.trim());
    }
    let text = render_runs(&p.runs, false);
    match &p.num {
        Some((id, level)) if !id.is_empty() && id != "0" => {
            let fmt = formats
                .get(id)
                .and_then(|m| m.get(level))
                .map_or("bullet", String::as_str);
            let bullet = if fmt == "bullet" || fmt == "none" {
                "-"
            } else {
                "1."
            };
            format!("{}{bullet} {}", "  ".repeat(*level), text.trim())
        }
        _ => text.trim().to_string(),
    }
}

/// A grid used for layout rather than data: the header (issuer beside
/// Quốc hiệu, number beside date) or the closing block.
fn is_layout_table(rows: &[Vec<Vec<Para>>]) -> bool {
    let text: String = rows
        .iter()
        .flatten()
        .flatten()
        .flat_map(|p| p.runs.iter().map(|r| r.text.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let f = crate::text::fold(&text);
    f.contains("cong hoa xa hoi chu nghia")
        || f.contains("noi nhan")
        || f.contains("so:")
        || f.contains("tm.")
}

fn render_item(
    item: &Item,
    formats: &HashMap<String, HashMap<usize, String>>,
    out: &mut Vec<String>,
) {
    match item {
        Item::Para(p) => {
            let t = render_para(p, formats);
            if !t.trim().is_empty() {
                out.push(t);
            }
        }
        Item::Table(rows) if is_layout_table(rows) => {
            for p in rows.iter().flatten().flatten() {
                let t = render_para(p, formats);
                if !t.trim().is_empty() {
                    out.push(t);
                }
            }
        }
        Item::Table(rows) => {
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            if width == 0 {
                return;
            }
            let mut lines = Vec::new();
            for (k, row) in rows.iter().enumerate() {
                let cells: Vec<String> = (0..width)
                    .map(|c| {
                        row.get(c)
                            .map(|ps| {
                                ps.iter()
                                    .map(|p| render_para(p, formats).replace('\n', " "))
                                    .filter(|t| !t.trim().is_empty())
                                    .collect::<Vec<_>>()
                                    .join(" ")
                                    .replace('|', "\\|")
                            })
                            .unwrap_or_default()
                    })
                    .collect();
                lines.push(format!("| {} |", cells.join(" | ")));
                if k == 0 {
                    lines.push(format!("|{}", " --- |".repeat(width)));
                }
            }
            out.push(lines.join("\n"));
        }
    }
}
