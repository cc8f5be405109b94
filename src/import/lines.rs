//! Source lines and the small predicates every stage uses on them.

use crate::text::fold;
use regex::Regex;
use std::sync::OnceLock;

/// One source line: `no` is its 1-based line number in the decoded text,
/// `raw` the line as written, `text` the line without Markdown emphasis or
/// heading markers and trimmed, which is what inference looks at.
#[derive(Debug, Clone)]
pub struct Line {
    pub no: usize,
    pub raw: String,
    pub text: String,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

pub fn split_lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(i, raw)| Line {
            no: i + 1,
            raw: raw.trim_end_matches('\r').to_string(),
            text: strip_markup(raw),
        })
        .collect()
}

/// The words of a line without Markdown emphasis, heading hashes, hard
/// breaks or surrounding space: "### **Noi nhậm:**" → "Noi nhậm:".
pub fn strip_markup(raw: &str) -> String {
    let mut s = raw.trim();
    while let Some(rest) = s.strip_prefix('#') {
        s = rest;
    }
    let s = s.trim().trim_end_matches('\\');
    s.replace("**", "").replace("__", "").trim().to_string()
}

/// True when every letter is upper case and there is at least one letter.
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            if c.is_lowercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters > 0
}

/// Ends a sentence or clause, so a PDF line break after it is a real break.
pub fn ends_clause(s: &str) -> bool {
    let t = s.trim_end_matches(['*', '_', ' ', ')', '"', '”', '’']);
    t.ends_with(['.', ';', ':', '!', '?', '…'])
}

/// Ends a sentence (not a clause): ". ! ? …" and "./.".
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['*', '_', ' ', ')', '"', '”', '’']);
    t.ends_with(['.', '!', '?', '…'])
}

/// A lone table-layout pipe left by a web or PDF conversion.
pub fn is_pipe_leftover(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| c == '|' || c == ' ')
}

/// A rule of dashes or underscores drawn under a header line.
pub fn is_rule(s: &str) -> bool {
    let t = s.trim();
    t.chars().count() >= 3
        && t.chars()
            .all(|c| matches!(c, '-' | '_' | '=' | '~' | '—' | '–' | ' '))
}

pub fn first_letter_is_lower(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase())
}

pub fn starts_with_folded(s: &str, prefix: &str) -> bool {
    let f = fold(s);
    f.starts_with(prefix)
        && f[prefix.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("static regex"))
}

/// Numbering markers that start headings and points, by rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Marker {
    /// "A.", "B." — above parts in long reports.
    Letter,
    /// "I.", "II."
    Roman,
    /// "1.", "2."
    Arabic,
    /// "3.1.", "3.1"
    Decimal,
}

pub fn marker(text: &str) -> Option<Marker> {
    static LETTER: OnceLock<Regex> = OnceLock::new();
    static ROMAN: OnceLock<Regex> = OnceLock::new();
    static ARABIC: OnceLock<Regex> = OnceLock::new();
    static DECIMAL: OnceLock<Regex> = OnceLock::new();
    if re(&ROMAN, r"^[IVXL]{1,6}\.\s").is_match(text) {
        Some(Marker::Roman)
    } else if re(&LETTER, r"^[A-ZĐ]\.\s+\S").is_match(text) {
        Some(Marker::Letter)
    } else if re(&DECIMAL, r"^\d{1,2}\.\d{1,2}\.?\s").is_match(text) {
        Some(Marker::Decimal)
    } else if re(&ARABIC, r"^\d{1,2}\.\s").is_match(text) {
        Some(Marker::Arabic)
    } else {
        None
    }
}

/// "a) …", "đ) …": a point of a section.
pub fn is_point(text: &str) -> bool {
    static POINT: OnceLock<Regex> = OnceLock::new();
    re(&POINT, r"^[a-zđ]\)\s").is_match(text)
}

/// "- …", "+ …", "* …", "• …": a bullet.
pub fn is_bullet(text: &str) -> bool {
    static BULLET: OnceLock<Regex> = OnceLock::new();
    re(&BULLET, r"^[-+*•–]\s").is_match(text)
}

pub const SUPERSCRIPTS: &[char] = &['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

pub fn superscript_digit(c: char) -> Option<u32> {
    SUPERSCRIPTS.iter().position(|s| *s == c).map(|p| p as u32)
}

/// "¹ text" or a lone "¹": the start of a footnote text. Returns the number
/// and the rest of the line.
pub fn footnote_start(text: &str) -> Option<(u32, String)> {
    let digits: String = text
        .chars()
        .take_while(|c| superscript_digit(*c).is_some())
        .collect();
    if digits.is_empty() {
        return None;
    }
    let rest = text[digits.len()..].to_string();
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let n = digits
        .chars()
        .fold(0u32, |acc, c| acc * 10 + superscript_digit(c).unwrap_or(0));
    Some((n, rest.trim().to_string()))
}

/// Any line that starts a new block by its form.
pub fn is_structural(text: &str) -> bool {
    marker(text).is_some()
        || is_point(text)
        || is_bullet(text)
        || footnote_start(text).is_some()
        || text.starts_with('|')
}

pub use crate::text::edit_distance;

/// Parses a "- item" list that follows a label ("Kính gửi:", "Nơi nhận:")
/// starting at `start`. Items are kept as written without the "- "; a line
/// without a bullet right after an item continues it (a wrapped line).
/// Returns the items with their line numbers and the index after the list.
pub fn parse_list(lines: &[Line], start: usize) -> (Vec<(String, usize)>, usize) {
    let mut items: Vec<(String, usize)> = Vec::new();
    let mut i = start;
    let mut blank_run = 0;
    while i < lines.len() {
        let t = &lines[i].text;
        if lines[i].is_blank() {
            blank_run += 1;
            // A blank after the list ends it unless another item follows
            // (Word writes each item as its own paragraph); before the first
            // item it is layout.
            if !items.is_empty() {
                let next = lines[i..].iter().find(|l| !l.is_blank());
                if blank_run > 1 || !next.is_some_and(|l| is_bullet(&l.text)) {
                    break;
                }
            }
            if blank_run > 2 {
                break;
            }
            i += 1;
            continue;
        }
        if is_pipe_leftover(t) {
            break;
        }
        if is_bullet(t) {
            let item = t[t.char_indices().nth(1).map_or(t.len(), |(p, _)| p)..].trim();
            items.push((item.to_string(), lines[i].no));
            blank_run = 0;
            i += 1;
            continue;
        }
        match items.last_mut() {
            // A wrapped item continues on a line of its own.
            Some((last, _)) if blank_run == 0 && !is_all_caps(t) => {
                last.push(' ');
                last.push_str(t);
                i += 1;
            }
            _ => break,
        }
    }
    (items, i)
}
