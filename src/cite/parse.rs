//! The citation grammar: `KIND [số] NUMBER [ngày DATE] [của ISSUER]`.
//!
//! Matching runs on the folded text (see `folded`), so one pattern covers
//! upper-case headings, missing diacritics, NFD input and the look-alike
//! letters of PDF extraction. What the citation returns is cut from the
//! original text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::bodies::known_name;
use super::folded::Folded;
use super::Citation;
use crate::model::kind::KINDS;
use crate::model::{DocNumber, Kind, PartialDate};
use crate::text::{fold, nfc};

/// A number: a serial, then parts joined by "/" (spacing tolerated, as in
/// "129 /2007/QĐ-TTg") or a tight "-" (a spaced dash is more often prose,
/// "1847/QĐ-TTg - Đề án…"). Letters are ASCII once folded.
/// "&" joins two offices in a code ("1554/UBND-VH&TT").
const NUMBER: &str = r"\d+[a-z]?(?:[ \t]*/[ \t]*[0-9a-z&]+|-[0-9a-z&]+)+";

/// A bare serial after "số": "Công văn số 3927", "Quyết định số 1847 của …".
const SERIAL: &str = r"\d+";

/// Folded kind names, longest first so "thong tu lien tich" beats
/// "thong tu". "văn bản" is no kind: its number tells the kind.
static KIND_NAMES: LazyLock<Vec<(String, Option<Kind>)>> = LazyLock::new(|| {
    let mut names: Vec<(String, Option<Kind>)> =
        KINDS.iter().map(|k| (fold(k.name), Some(*k))).collect();
    names.push(("van ban".to_string(), None));
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    names
});

/// Word boundaries are ASCII (`(?-u:\b)`): the folded text is ASCII where it
/// matters, and a Unicode boundary would keep the regex off its fast DFA.
static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    let kinds = KIND_NAMES
        .iter()
        .map(|(name, _)| {
            name.split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r"(?-u:\b)(?P<kind>{kinds})(?P<gap>\s+)(?:(?P<so>so(?-u:\b)[ \t]*:?)\s*)?(?:(?P<num>{NUMBER})|(?P<serial>{SERIAL}))"
    ))
    .expect("citation pattern")
});

/// A bare number at the start of a front-matter value.
static BARE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^\s*(?P<num>{NUMBER})")).expect("number pattern"));

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^,?\s+ngay\s+(?:
            (?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})
          | (?:(?P<ld>\d{1,2})\s+)?thang\s+(?P<lm>\d{1,2}),?\s+nam\s+(?P<ly>\d{4})
        )(?-u:\b)",
    )
    .expect("date pattern")
});

static OF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s+cua\s+").expect("của pattern"));

/// The longest issuer taken, in words; a runaway issuer is prose.
const MAX_ISSUER_WORDS: usize = 12;

/// Every citation in `text`, in order of position.
pub fn find_citations(text: &str) -> Vec<Citation> {
    let folded = Folded::new(text);
    let mut found: Vec<Citation> = Vec::new();
    let mut taken_to = 0;
    for caps in CITATION.captures_iter(&folded.text) {
        let whole = caps.get(0).expect("group 0");
        if whole.start() < taken_to || is_header_line(&caps) {
            continue;
        }
        let written_kind = normalize_space(&caps["kind"]);
        let kind = KIND_NAMES
            .iter()
            .find(|(name, _)| *name == written_kind)
            .and_then(|(_, kind)| *kind);
        let complete_at = |num: regex::Match, bare: bool| {
            complete(&folded, whole.start(), kind, num.range(), bare)
        };
        let citation = match (caps.name("num"), caps.name("serial")) {
            (Some(num), _) => complete_at(num, false),
            // A bare serial only after "số" and a named kind.
            (None, Some(serial)) if caps.name("so").is_some() && kind.is_some() => {
                complete_at(serial, true)
            }
            _ => None,
        };
        if let Some((mut citation, end)) = citation {
            taken_to = end;
            lead_in(&folded, whole.start(), &mut citation);
            found.push(citation);
        }
    }
    numbers_after_so(&folded, &mut found);
    resolve_serials(&mut found);
    found
}

/// "Luật Cán bộ, công chức và Luật Viên chức số 52/2019/QH14", "Báo cáo
/// thẩm định số 18/BCTĐ-STP": a name or a qualifier stands between the kind
/// word and "số". A full number after "số" is a citation all the same, its
/// kind implied by the number; "Số:" and a "Số …" opening a line are the
/// header's own number.
static SO_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u:\b)so[ \t]+(?P<num>{NUMBER})")).expect("số pattern")
});

fn numbers_after_so(folded: &Folded, found: &mut Vec<Citation>) {
    let ftext = folded.text.as_str();
    let mut extra = Vec::new();
    for caps in SO_NUMBER.captures_iter(ftext) {
        let whole = caps.get(0).expect("group 0");
        let line_start = ftext[..whole.start()].rfind('\n').map_or(0, |k| k + 1);
        if ftext[line_start..whole.start()]
            .chars()
            .all(|c| c.is_whitespace() || c == '|')
        {
            continue;
        }
        let span = folded.span(whole.range());
        if found
            .iter()
            .any(|c| c.span.start < span.end && span.start < c.span.end)
        {
            continue;
        }
        let num = caps.name("num").expect("num");
        if let Some((mut citation, _)) = complete(folded, whole.start(), None, num.range(), false) {
            lead_in(folded, whole.start(), &mut citation);
            extra.push(citation);
        }
    }
    if !extra.is_empty() {
        found.extend(extra);
        found.sort_by_key(|c| c.span.start);
    }
}

/// "Ngày 18/4/2019, Bộ Nội vụ ban hành Quyết định số 319/QĐ-BNV", "UBND
/// huyện Đông Anh có Văn bản số 1554/UBND-VH&TT": news writes the date and
/// the issuer before the number. Read from the start of the sentence when
/// the citation itself gives none.
static LEAD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[a-z]{2,6}\s+-\s+)?ngay\s+(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?,?\s+",
    )
    .expect("lead date pattern")
});

/// What joins a leading issuer to the kind word: "vừa ban hành", "đã ký
/// ban hành", "có", "đã phát hành".
static LEAD_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s+(?:(?:vua|da|moi|cung|tiep tuc)\s+)*(?:(?:ky\s+)?ban\s+hanh|co|phat\s+hanh|ky)\s+$",
    )
    .expect("lead verb pattern")
});

/// "Theo đề nghị của Sở Nội vụ tại Tờ trình số …", "… và Giám đốc Sở Nội
/// vụ tại Văn bản số …": the proposer named before the proposal.
static PROPOSER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?:de nghi cua|va)\s+").expect("proposer pattern"));

static AT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s+tai\s+$").expect("tại pattern"));

/// `start` is the folded byte where the citation's kind word begins.
fn lead_in(folded: &Folded, start: usize, c: &mut Citation) {
    if c.date.is_some() && c.issuer.is_some() {
        return;
    }
    let ftext = folded.text.as_str();
    let before = &ftext[..start];
    let sentence = before.rfind(['.', ';', '\n', ':']).map_or(0, |k| k + 1);
    let mut from = sentence + (before[sentence..].len() - before[sentence..].trim_start().len());
    let mut date = None;
    if let Some(caps) = LEAD_DATE.captures(&ftext[from..start]) {
        let n = |k: &str| caps.name(k).and_then(|m| m.as_str().parse::<u16>().ok());
        date = n("y").and_then(|y| {
            PartialDate::new(
                y,
                n("m").and_then(|m| u8::try_from(m).ok()),
                n("d").and_then(|d| u8::try_from(d).ok()),
            )
        });
        from += caps.get(0).expect("group 0").end();
    }
    let joins = |range: &Range<usize>, re: &Regex| {
        range.end <= start && re.is_match(&ftext[range.end..start])
    };
    let lead = issuer_words(folded, from).filter(|r| joins(r, &LEAD_VERB));
    let proposer = || {
        PROPOSER
            .find_iter(&ftext[from..start])
            .filter_map(|m| issuer_words(folded, from + m.end()))
            .find(|r| joins(r, &AT))
    };
    let Some(range) = lead.or_else(proposer) else {
        return;
    };
    if c.issuer.is_none() {
        let written = &folded.original[folded.span(range)];
        c.issuer = Some(nfc(&normalize_space(written)));
    }
    if c.date.is_none() {
        c.date = date;
    }
}

/// A bare serial ("Quyết định số 1847") takes the full number of the same
/// kind the text gives elsewhere ("1847/QĐ-TTg"), when only one matches.
fn resolve_serials(found: &mut [Citation]) {
    let full: Vec<(String, Option<&'static str>, DocNumber)> = found
        .iter()
        .filter(|c| c.number.written.contains('/'))
        .map(|c| {
            let serial = c.number.written.split('/').next().unwrap_or("").trim();
            (serial.to_string(), c.kind.map(|k| k.slug), c.number.clone())
        })
        .collect();
    for c in found.iter_mut() {
        if c.number.written.contains('/') {
            continue;
        }
        let serial = c.number.written.trim();
        let kind = c.kind.map(|k| k.slug);
        let mut matches: Vec<&DocNumber> = full
            .iter()
            .filter(|(s, k, _)| s == serial && *k == kind)
            .map(|(_, _, n)| n)
            .collect();
        matches.sort_by_key(|n| n.key());
        matches.dedup_by_key(|n| n.key());
        if let [only] = matches.as_slice() {
            c.number = (*only).clone();
        }
    }
}

/// One citation written on its own, as in front matter: "Quyết định số
/// 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ". A bare number
/// ("1847/QĐ-TTg") is accepted too, its kind implied by the number. Text
/// after the citation (a title, "về việc …") is ignored; `None` when the
/// text does not start with a citation.
pub fn parse_citation(text: &str) -> Option<Citation> {
    let lead = text.len() - text.trim_start().len();
    if let Some(first) = find_citations(text).into_iter().next() {
        if first.span.start == lead {
            return Some(first);
        }
    }
    let folded = Folded::new(text);
    let num = BARE_NUMBER.captures(&folded.text)?.name("num")?;
    let (citation, _) = complete(&folded, num.start(), None, num.range(), false)?;
    Some(citation)
}

/// "Số: 6861/KH-UBND" on the line under a "KẾ HOẠCH" heading is the
/// document's own number, not a citation.
fn is_header_line(caps: &Captures) -> bool {
    caps.name("so").is_some_and(|so| so.as_str().ends_with(':')) && caps["gap"].contains('\n')
}

fn normalize_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds the citation whose kind word starts at folded byte `start` and
/// whose number is at `num`, reading the optional date and issuer after it.
/// Returns it with the folded byte where it ends.
fn complete(
    folded: &Folded,
    start: usize,
    kind: Option<Kind>,
    num: Range<usize>,
    bare: bool,
) -> Option<(Citation, usize)> {
    let ftext = folded.text.as_str();
    let number_text = &ftext[num.clone()];
    let after = ftext[num.end..].chars().next();
    if !(bare || number_text.bytes().any(|b| b.is_ascii_alphabetic()))
        || after.is_some_and(char::is_alphanumeric)
        || (bare && matches!(after, Some('/' | '-' | '&')))
    {
        return None;
    }
    let number_span = folded.span(num.clone());
    let number = DocNumber::new(&folded.original[number_span.clone()]);
    let kind = kind.or_else(|| number.implied_kind());

    let mut end = num.end;
    let mut date = None;
    if let Some(caps) = DATE.captures(&ftext[end..]) {
        let part = |a: &str, b: &str| caps.name(a).or_else(|| caps.name(b));
        let num = |m: Option<regex::Match>| m.and_then(|m| m.as_str().parse::<u16>().ok());
        let year = num(part("y", "ly"));
        let month = num(part("m", "lm")).and_then(|m| u8::try_from(m).ok());
        let day = num(part("d", "ld")).and_then(|d| u8::try_from(d).ok());
        if let Some(d) = year.and_then(|y| PartialDate::new(y, month, day)) {
            date = Some(d);
            end += caps.get(0).expect("group 0").end();
        }
    }

    let mut issuer = None;
    if let Some(of) = OF.find(&ftext[end..]) {
        if let Some(range) = issuer_words(folded, end + of.end()) {
            let written = &folded.original[folded.span(range.clone())];
            issuer = Some(nfc(&normalize_space(written)));
            end = range.end;
        }
    }

    let citation = Citation {
        kind,
        number,
        date,
        issuer,
        span: folded.span(start..end),
        number_span,
    };
    Some((citation, end))
}

/// Words that end an issuer even when capitalised in an upper-case heading.
const STOP_WORDS: &[&str] = &[
    "ve", "gui", "tai", "da", "va", "de", "nham", "theo", "trong", "ngay", "la", "duoc", "cho",
    "voi", "den", "se", "khi", "tren", "nhu", "ma", "nay", "luon", "cung", "con", "vua", "co",
    "moi", "ky", "phat",
];

const STOP_PHRASES: &[[&str; 2]] = &[["ban", "hanh"], ["phe", "duyet"]];

/// Lower-case words that belong inside the names of public bodies
/// ("Ủy ban nhân dân thành phố", "Ban Chấp hành Trung ương").
const BODY_WORDS: &[&str] = &[
    "ban", "nhan", "dan", "tinh", "huyen", "xa", "phuong", "thi", "tran", "thanh", "pho", "quan",
    "trung", "uong",
];

/// Words that name the level of a locality; the capitalised words after
/// them are the place's name.
const PLACE_WORDS: &[&str] = &["tinh", "huyen", "xa", "phuong", "tran", "pho", "quan"];

/// Last words after which an issuer cannot end ("Thủ tướng", "Ủy ban nhân
/// dân", "Chủ tịch"), so a line break there is only a wrapped line.
const UNFINISHED: &[&str] = &[
    "thu", "tuong", "uy", "ban", "nhan", "dan", "ubnd", "hdnd", "chu", "tich", "bo", "so", "pho",
    "truong", "giam", "doc", "chinh", "hoi", "dong", "thanh", "thi", "cuc", "tong", "van", "phong",
    "thuong", "truc", "chap", "hanh", "bi",
];

/// Words after which "ủy" completes a name ("Tỉnh ủy", "Đảng ủy").
const UY_COMPLETES: &[&str] = &[
    "tinh", "huyen", "thanh", "dang", "quan", "xa", "phuong", "thi",
];

/// Reads the issuer that starts at folded byte `from`, right after "của".
///
/// An issuer is the name of a body or office, so it starts with a capital
/// and goes on with capitalised words, the lower-case tail syllable of each
/// ("Thủ tướng Chính phủ", "Bộ Nội vụ") and the lower-case words of body
/// names ("Ủy ban nhân dân tỉnh"); the prose that follows ("về việc…",
/// "luôn được…") stops it. Returns the folded byte range of the words.
fn issuer_words(folded: &Folded, from: usize) -> Option<Range<usize>> {
    let ftext = folded.text.as_str();
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut tail_budget = 0;
    let mut in_place = false;
    let mut pos = from;
    loop {
        let gap_end = ftext[pos..]
            .find(|c: char| !c.is_whitespace())
            .map_or(ftext.len(), |i| pos + i);
        let breaks = ftext[pos..gap_end].matches('\n').count();
        if breaks >= 2 || (breaks == 1 && !words.is_empty() && !unfinished(ftext, &words)) {
            break;
        }
        let word_end = ftext[gap_end..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(ftext.len(), |i| gap_end + i);
        let word = &ftext[gap_end..word_end];
        if word.is_empty() || word.bytes().any(|b| b.is_ascii_digit()) {
            break;
        }
        if let Some((len, ends)) = known_name(&ftext[gap_end..]) {
            // A known name is taken whole, its commas, hyphens and "và"
            // included; a central body's name ends the issuer.
            words.push((gap_end, gap_end + len));
            pos = gap_end + len;
            tail_budget = 0;
            in_place = false;
            if ends {
                break;
            }
            continue;
        }
        let original = &folded.original[folded.span(gap_end..word_end)];
        let capital = original.chars().next().is_some_and(char::is_uppercase);
        let all_caps = !original.chars().any(char::is_lowercase);
        if words.is_empty() {
            // "của Kế hoạch này" names a document, not its issuer.
            if !capital || kind_name_len(&ftext[gap_end..]).is_some() {
                return None;
            }
        } else if starts_citation(&ftext[gap_end..]) {
            // The next citation begins; it must not be swallowed.
            break;
        } else {
            let next = next_word(ftext, word_end);
            let stops = (!capital || all_caps) && STOP_WORDS.contains(&word)
                || STOP_PHRASES
                    .iter()
                    .any(|[a, b]| *a == word && Some(*b) == next);
            if stops {
                break;
            }
        }
        if capital {
            // Every syllable of a place name is capitalised: after "tỉnh
            // Tuyên Quang" a lower-case word is the trích yếu.
            tail_budget = usize::from(!in_place);
        } else if PLACE_WORDS.contains(&word) {
            tail_budget = 0;
            in_place = true;
        } else if BODY_WORDS.contains(&word) {
            tail_budget = 0;
        } else if tail_budget > 0 {
            tail_budget -= 1;
        } else {
            break;
        }
        words.push((gap_end, word_end));
        pos = word_end;
        if words.len() == MAX_ISSUER_WORDS {
            break;
        }
    }
    let first = words.first()?;
    let last = words.last()?;
    Some(first.0..last.1)
}

/// The length of the kind name `ftext` starts with, if any.
fn kind_name_len(ftext: &str) -> Option<usize> {
    KIND_NAMES.iter().find_map(|(name, _)| {
        let mut rest = ftext;
        for word in name.split(' ') {
            rest = rest.trim_start().strip_prefix(word)?;
            if rest.chars().next().is_some_and(char::is_alphanumeric) {
                return None;
            }
        }
        Some(ftext.len() - rest.len())
    })
}

/// A kind name followed by "số" or a number: "Bộ Kế hoạch và Đầu tư" is a
/// name, "UBND tỉnh Quyết định số 5/QĐ-UBND" holds a second citation.
fn starts_citation(ftext: &str) -> bool {
    kind_name_len(ftext).is_some_and(|len| {
        let rest = ftext[len..].trim_start();
        rest.starts_with("so") || rest.starts_with(|c: char| c.is_ascii_digit())
    })
}

fn unfinished(ftext: &str, words: &[(usize, usize)]) -> bool {
    let word = |i: usize| &ftext[words[i].0..words[i].1];
    let last = word(words.len() - 1);
    if last == "uy" && words.len() >= 2 {
        return !UY_COMPLETES.contains(&word(words.len() - 2));
    }
    UNFINISHED.contains(&last)
}

fn next_word(ftext: &str, from: usize) -> Option<&str> {
    let rest = ftext[from..].trim_start();
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}
