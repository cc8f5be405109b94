//! The closing block: "Nơi nhận:" with its list, and the signature
//! (the TM./KT. line, the position, the name). Read from the end.

use super::frontmatter::{FrontMatter, Signer};
use super::lines::{edit_distance, is_all_caps, is_bullet, is_pipe_leftover, parse_list, Line};
use super::report::Report;
use crate::text::fold;

/// How many lines from the end the closing block may start.
const FOOTER_SPAN: usize = 60;

/// The closing block found: lines `start..end` (indices) belong to it.
#[derive(Debug, Clone, Copy)]
pub struct Footer {
    pub start: usize,
    pub end: usize,
}

/// "Nơi nhận:", also typed wrong ("Noi nhậm:"): a short line ending in ":"
/// whose letters fold to within two edits of "noi nhan".
fn is_recipients_label(t: &str) -> bool {
    let Some(label) = t.strip_suffix(':') else {
        return false;
    };
    if label.chars().count() > 14 {
        return false;
    }
    let folded: String = fold(label)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    edit_distance(&folded, "noinhan") <= 2
}

/// Prefixes of the signing authority line (thừa lệnh, ký thay…).
const AUTHORITY: &[&str] = &[
    "tm.", "kt.", "q.", "tl.", "tuq.", "t/m", "k/t", "t.m", "k.t",
];

/// First words of the positions that sign documents.
const POSITIONS: &[&str] = &[
    "chu tich",
    "pho chu tich",
    "giam doc",
    "pho giam doc",
    "chanh van phong",
    "pho chanh van phong",
    "truong",
    "pho truong",
    "bo truong",
    "thu truong",
    "thu tuong",
    "pho thu tuong",
    "bi thu",
    "pho bi thu",
    "cuc truong",
    "pho cuc truong",
    "tong cuc truong",
    "vien truong",
    "hieu truong",
    "chanh an",
    "chanh thanh tra",
    "tong giam doc",
    "thu truong co quan",
    "nguoi ky",
];

fn is_authority(t: &str) -> bool {
    let f = fold(t);
    AUTHORITY.iter().any(|a| f.starts_with(a))
}

fn is_position(t: &str) -> bool {
    let f = fold(t);
    is_all_caps(t)
        && POSITIONS.iter().any(|p| {
            f.starts_with(p)
                && f[p.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
}

/// A person's name: two to six words, each capitalised, no digits.
fn is_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && !t.chars().any(|c| c.is_ascii_digit())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase()) && w.chars().all(char::is_alphabetic)
        })
}

fn is_signed_note(t: &str) -> bool {
    let f = fold(t);
    f == "(da ky)" || f == "da ky" || f == "(da ky va dong dau)"
}

struct SignerBlock {
    start: usize,
    end: usize,
    signer: Signer,
    lines: Vec<(String, usize)>,
}

/// Looks for a signature ending at or before index `to` (exclusive),
/// reading upwards: the name, then the capital lines above it.
fn find_signer(lines: &[Line], from: usize, to: usize) -> Option<SignerBlock> {
    let mut i = to;
    let skip = |l: &Line| l.is_blank() || is_pipe_leftover(&l.text) || is_signed_note(&l.text);
    while i > from && skip(&lines[i - 1]) {
        i -= 1;
    }
    if i == from {
        return None;
    }
    let end = i;
    let last = &lines[i - 1];
    let mut name = None;
    if is_name(&last.text) && !is_position(&last.text) && !is_authority(&last.text) {
        name = Some((last.text.clone(), last.no));
        i -= 1;
    }
    let mut caps: Vec<(String, usize)> = Vec::new();
    let mut start = i;
    while i > from {
        let l = &lines[i - 1];
        if skip(l) {
            i -= 1;
            continue;
        }
        if is_all_caps(&l.text) && !is_bullet(&l.text) && l.text.chars().count() <= 80 {
            caps.push((l.text.clone(), l.no));
            i -= 1;
            start = i;
            continue;
        }
        break;
    }
    caps.reverse();
    if !caps.iter().any(|(t, _)| is_authority(t) || is_position(t)) {
        return None;
    }
    // Authority: from the TM./KT. line up to the line before the position.
    let mut signer = Signer::default();
    let pos_at = caps
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, (t, _))| is_position(t))
        .map(|(k, _)| k);
    if is_authority(&caps[0].0) {
        let split = pos_at.unwrap_or(caps.len().saturating_sub(1)).max(1);
        let (a, p) = caps.split_at(split.min(caps.len()));
        signer.authority = Some(join(a));
        if !p.is_empty() {
            signer.position = Some(join(p));
        }
    } else {
        signer.position = Some(join(&caps));
    }
    signer.name = name.map(|(n, _)| n);
    let mut all = caps.clone();
    if let Some(n) = &signer.name {
        all.push((n.clone(), last.no));
    }
    Some(SignerBlock {
        start,
        end,
        signer,
        lines: all,
    })
}

fn join(parts: &[(String, usize)]) -> String {
    parts
        .iter()
        .map(|(t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Finds the closing block in `lines[from..]` and fills `fm`.
pub fn parse(
    lines: &[Line],
    from: usize,
    fm: &mut FrontMatter,
    report: &mut Report,
) -> Option<Footer> {
    let n = lines.len();
    let lower = from.max(n.saturating_sub(FOOTER_SPAN));
    let label_at = (lower..n)
        .rev()
        .find(|&i| is_recipients_label(&lines[i].text));
    let mut footer: Option<Footer> = None;
    if let Some(l) = label_at {
        let label = lines[l].text.clone();
        let (items, after) = parse_list(lines, l + 1);
        if !items.is_empty() {
            report.found(
                "recipients",
                &items
                    .iter()
                    .map(|(s, _)| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
                lines[l].no,
            );
            fm.recipients = items.into_iter().map(|(s, _)| s).collect();
        }
        if label != "Nơi nhận:" {
            report.found("recipients_label", &label, lines[l].no);
            fm.recipients_label = Some(label);
        }
        footer = Some(Footer {
            start: l,
            end: after,
        });
        // The signature after the list, else the one just above the label.
        let block = find_signer(lines, after, n).filter(|b| b.start >= after);
        let block = block.or_else(|| find_signer(lines, from, l));
        if let Some(b) = block {
            footer = Some(Footer {
                start: l.min(b.start),
                end: after.max(b.end),
            });
            record_signer(b, fm, report);
        }
    } else if let Some(b) = find_signer(lines, lower, n) {
        footer = Some(Footer {
            start: b.start,
            end: b.end,
        });
        record_signer(b, fm, report);
    }
    footer
}

fn record_signer(b: SignerBlock, fm: &mut FrontMatter, report: &mut Report) {
    let line_of = |text: &str| {
        b.lines
            .iter()
            .find(|(t, _)| text.starts_with(t.as_str()) || t.starts_with(text))
            .map_or(0, |(_, no)| *no)
    };
    if let Some(a) = &b.signer.authority {
        report.found("signer.authority", a, line_of(a));
    }
    if let Some(p) = &b.signer.position {
        report.found("signer.position", p, line_of(p));
    }
    if let Some(nm) = &b.signer.name {
        report.found("signer.name", nm, line_of(nm));
    }
    fm.signer = Some(b.signer);
}
