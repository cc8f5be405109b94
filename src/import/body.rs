//! The body as Markdown: conversion leftovers removed, lines broken by a PDF
//! or web conversion joined, and structure (headings, points, lists,
//! footnotes) marked — without changing a word.

use super::lines::{
    ends_clause, ends_sentence, first_letter_is_lower, footnote_start, is_all_caps, is_bullet,
    is_pipe_leftover, is_structural, marker, strip_markup, superscript_digit, Line, Marker,
};
use super::report::Report;
use regex::Regex;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq)]
enum BlockKind {
    Para,
    Footnote(u32),
}

#[derive(Debug, Clone)]
struct Block {
    kind: BlockKind,
    lines: Vec<Line>,
    /// Split from the block before inside one run of lines (no blank line
    /// between), so list items stay a tight list.
    tight: bool,
}

fn page_number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"^(?:-\s*\d{1,3}\s*-|\d{1,3}|(?i:trang)\s+\d{1,3}(?:\s*/\s*\d{1,3})?)$")
            .expect("static regex")
    })
}

/// Removes conversion leftovers: lone "|" of table layouts, page numbers,
/// and short lines repeated on every page (running headers).
pub fn remove_leftovers(lines: &[Line], report: &mut Report) -> Vec<Line> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in lines.iter().filter(|l| !l.is_blank()) {
        *counts.entry(l.text.as_str()).or_default() += 1;
    }
    let mut kept = Vec::with_capacity(lines.len());
    for l in lines {
        let t = l.text.as_str();
        if l.is_blank() {
            kept.push(l.clone());
        } else if is_pipe_leftover(t) {
            report.remove(l.no, t, "table-layout leftover");
        } else if page_number_re().is_match(t) {
            report.remove(l.no, t, "page number");
        } else if counts[t] >= 3 && t.chars().count() <= 80 && !ends_clause(t) && !is_structural(t)
        {
            report.remove(l.no, t, "repeated page header");
        } else {
            kept.push(l.clone());
        }
    }
    kept
}

/// A last short line after the final paragraph that is neither a sentence
/// nor a name ("Xổ số miền Bắc" scraped from a news page's sidebar).
pub fn trailing_leftover(lines: &[Line]) -> Option<usize> {
    let mut idx = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .map(|(i, _)| i);
    let last = idx.next_back()?;
    let prev = idx.next_back()?;
    let t = &lines[last].text;
    let words: Vec<&str> = t.split_whitespace().collect();
    let all_capitalised = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let short = words.len() <= 6 && t.chars().count() <= 40;
    let blank_between = last > prev + 1;
    (short
        && blank_between
        && !ends_clause(t)
        && !all_capitalised
        && !is_structural(t)
        && ends_sentence(&lines[prev].text)
        && lines[prev].text.chars().count() >= 200)
        .then_some(last)
}

/// Splits runs of lines into blocks. A conversion that broke every line
/// (one sentence over many lines, no blank lines) is rejoined: a new block
/// starts only at a structural line ("I.", "1.", "a)", "- ", "¹") or after
/// a line that ends a clause.
fn blocks(lines: &[Line], docx: bool) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut i = 0;
    let mut after_blank = true;
    // A footnote text whose marker stood alone ("¹" then a blank line) takes
    // the next run as its text.
    let mut open_footnote = false;
    while i < lines.len() {
        let l = &lines[i];
        if l.is_blank() {
            after_blank = true;
            i += 1;
            continue;
        }
        let t = l.text.as_str();
        let continue_block = !after_blank && !out.is_empty();
        let footnote = footnote_start(t).filter(|_| !docx);
        if let Some((n, _)) = footnote {
            out.push(Block {
                kind: BlockKind::Footnote(n),
                lines: vec![l.clone()],
                tight: false,
            });
            open_footnote = footnote_start(t).is_some_and(|(_, rest)| rest.is_empty());
        } else if after_blank && open_footnote {
            if let Some(b) = out.last_mut() {
                b.lines.push(l.clone());
            }
            open_footnote = false;
        } else if continue_block {
            let last = out.last_mut().expect("non-empty");
            let prev = last.lines.last().expect("block has lines");
            let hard_break = prev.raw.ends_with("  ") || prev.raw.ends_with('\\');
            let split = !docx
                && last.kind == BlockKind::Para
                && (is_structural(t) || ends_clause(&prev.text) || hard_break);
            if docx || !split {
                last.lines.push(l.clone());
            } else {
                out.push(Block {
                    kind: BlockKind::Para,
                    lines: vec![l.clone()],
                    tight: true,
                });
            }
        } else {
            open_footnote = false;
            out.push(Block {
                kind: BlockKind::Para,
                lines: vec![l.clone()],
                tight: false,
            });
        }
        after_blank = false;
        i += 1;
    }
    if docx {
        return out;
    }
    // A sentence broken across a blank line: the next block starts in lower
    // case and the one before did not end a sentence.
    let mut merged: Vec<Block> = Vec::new();
    for b in out {
        if let Some(prev) = merged.last_mut() {
            let first = &b.lines[0].text;
            let last = &prev.lines.last().expect("block has lines").text;
            if b.kind == BlockKind::Para
                && prev.kind == BlockKind::Para
                && first_letter_is_lower(first)
                && !is_structural(first)
                && !ends_sentence(last)
                && !last.ends_with(':')
            {
                prev.lines.extend(b.lines);
                continue;
            }
        }
        merged.push(b);
    }
    merged
}

fn joined_raw(b: &Block) -> String {
    b.lines
        .iter()
        .map(|l| l.raw.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

fn sentence_break_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"[.!?]\s+\p{Lu}").expect("static regex"))
}

/// Whether a block is a numbered heading, and with which marker.
fn heading_marker(b: &Block) -> Option<Marker> {
    if b.kind != BlockKind::Para {
        return None;
    }
    let raw = joined_raw(b);
    let plain = strip_markup(&raw);
    let m = marker(&plain)?;
    let hashed = raw.starts_with('#');
    let unhashed = raw.trim_start_matches('#').trim();
    let bold = unhashed.starts_with("**")
        && unhashed.ends_with("**")
        && unhashed.matches("**").count() == 2;
    let len = plain.chars().count();
    if len > 200 {
        return None;
    }
    let heading = match m {
        Marker::Letter | Marker::Roman => {
            hashed || bold || is_all_caps(&plain) || (len <= 120 && !ends_sentence(&plain))
        }
        Marker::Arabic | Marker::Decimal => {
            let body = plain.split_once(' ').map_or("", |(_, r)| r);
            !sentence_break_re().is_match(body)
                && (hashed
                    || !ends_clause(&plain)
                    || (bold && len <= 120 && !ends_sentence(&plain)))
        }
    };
    heading.then_some(m)
}

/// Numbered sections under one part are all headings or all paragraphs:
/// when one "1." of a part is a heading by form ("3. Về công tác chỉ đạo"),
/// its short one-sentence siblings ending in a full stop are headings too.
fn promote_siblings(blocks: &[Block], markers: &mut [Option<Marker>]) {
    let mut start = 0;
    while start < blocks.len() {
        // A part runs up to the next Letter/Roman heading.
        let end = (start + 1..blocks.len())
            .find(|&k| matches!(markers[k], Some(Marker::Letter | Marker::Roman)))
            .unwrap_or(blocks.len());
        for level in [Marker::Arabic, Marker::Decimal] {
            if (start..end).any(|k| markers[k] == Some(level)) {
                for k in start..end {
                    if markers[k].is_none() && is_short_numbered(&blocks[k], level) {
                        markers[k] = Some(level);
                    }
                }
            }
        }
        start = end;
    }
}

fn is_short_numbered(b: &Block, level: Marker) -> bool {
    if b.kind != BlockKind::Para {
        return false;
    }
    let plain = strip_markup(&joined_raw(b));
    let body = plain.split_once(' ').map_or("", |(_, r)| r);
    marker(&plain) == Some(level)
        && plain.chars().count() <= 120
        && !sentence_break_re().is_match(body)
        && !is_bullet(&plain)
}

/// An unnumbered heading: written with "#", or a short bold line.
fn plain_heading(b: &Block) -> Option<Option<usize>> {
    if b.kind != BlockKind::Para {
        return None;
    }
    let raw = joined_raw(b);
    if raw.starts_with('#') {
        let hashes = raw.chars().take_while(|c| *c == '#').count();
        if raw[hashes..].starts_with(' ') {
            return Some(Some(hashes.min(6)));
        }
    }
    let plain = strip_markup(&raw);
    let bold = raw.starts_with("**") && raw.ends_with("**") && raw.matches("**").count() == 2;
    (bold && b.lines.len() == 1 && plain.chars().count() <= 100 && !ends_clause(&plain))
        .then_some(None)
}

/// Converts body lines to Markdown.
pub fn to_markdown(lines: &[Line], docx: bool) -> String {
    let blocks = blocks(lines, docx);
    if docx {
        return blocks
            .iter()
            .map(|b| {
                b.lines
                    .iter()
                    .map(|l| l.raw.trim_end())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    let mut markers: Vec<Option<Marker>> = blocks.iter().map(heading_marker).collect();
    promote_siblings(&blocks, &mut markers);
    let ranks: BTreeSet<Marker> = markers.iter().flatten().copied().collect();
    let level_of = |m: Marker| 2 + ranks.iter().position(|r| *r == m).unwrap_or(0);
    let footnotes: BTreeSet<u32> = blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Footnote(n) => Some(n),
            _ => None,
        })
        .collect();
    let mut out = String::new();
    let mut last_level = 1;
    let mut prev_bullet = false;
    for (k, b) in blocks.iter().enumerate() {
        let (text, bullet) = match b.kind {
            BlockKind::Footnote(n) => {
                let first = footnote_start(&b.lines[0].text).map_or(String::new(), |(_, r)| r);
                let mut parts: Vec<String> = Vec::new();
                if !first.is_empty() {
                    parts.push(first);
                }
                parts.extend(b.lines[1..].iter().map(|l| l.raw.trim().to_string()));
                (format!("[^{n}]: {}", parts.join("\n    ")), false)
            }
            BlockKind::Para => {
                let raw = joined_raw(b);
                if let Some(m) = markers[k] {
                    last_level = level_of(m).min(6);
                    (
                        format!("{} {}", "#".repeat(last_level), strip_markup(&raw)),
                        false,
                    )
                } else if let Some(h) = plain_heading(b) {
                    let level = h.unwrap_or((last_level + 1).clamp(2, 6));
                    (
                        format!("{} {}", "#".repeat(level), strip_markup(&raw)),
                        false,
                    )
                } else {
                    let bullet = is_bullet(&b.lines[0].text);
                    (link_footnotes(&raw, &footnotes), bullet)
                }
            }
        };
        if !out.is_empty() {
            out.push_str(if b.tight && bullet && prev_bullet {
                "\n"
            } else {
                "\n\n"
            });
        }
        out.push_str(&text);
        prev_bullet = bullet;
    }
    out.push('\n');
    out
}

/// Turns superscript markers that have a footnote text into "[^n]".
fn link_footnotes(text: &str, footnotes: &BTreeSet<u32>) -> String {
    if footnotes.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if superscript_digit(c).is_some() && i > 0 && !chars[i - 1].is_whitespace() {
            let mut n = 0;
            let mut j = i;
            while j < chars.len() {
                match superscript_digit(chars[j]) {
                    Some(d) => n = n * 10 + d,
                    None => break,
                }
                j += 1;
            }
            if footnotes.contains(&n) {
                out.push_str(&format!("[^{n}]"));
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}
