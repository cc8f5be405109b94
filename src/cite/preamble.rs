//! Relation hint: does the citing document implement the cited one?
//!
//! Vietnamese documents name what they implement in a fixed opening
//! ("Thực hiện Quyết định số …; Kế hoạch số …, UBND huyện ban hành …",
//! "Căn cứ …", a title "Về việc triển khai, thực hiện …"), while plain
//! mentions sit in ordinary sentences. The hint looks only at how the clause
//! holding the citation begins.

use std::sync::LazyLock;

use regex::Regex;

use super::Citation;
use crate::text::fold;

static IMPLEMENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:ve viec|v/v)\s+)?(?:tiep tuc\s+)?(?:thuc hien|trien khai|can cu)(?-u:\b)")
        .expect("preamble pattern")
});

/// A list item or heading number opening a line: "a)", "1.", "2.1.", "-",
/// "**2. ". Such a line starts a new sentence even without a full stop
/// before it, which matters in text whose lines were broken anywhere.
static ITEM_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*[*#>_ \t]*(?:[-+•]|[a-zđ]\)|\d+(?:\.\d+)*[.)]|[IVX]+\.)\s")
        .expect("item pattern")
});

/// Leading list markers and markdown emphasis, to see the clause's first word.
static LEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s|[*#>_]|[-+•]\s|[a-zđ]\)\s|\d+(?:\.\d+)*[.)]\s|[IVX]+\.\s)*")
        .expect("leader pattern")
});

/// True when the citation sits in a clause that begins with "Thực hiện",
/// "Triển khai" or "Căn cứ" (or a title "Về việc triển khai, thực hiện …"),
/// or in a citation list continuing such a clause after ";".
pub fn is_implementation_preamble(text: &str, citation: &Citation) -> bool {
    let mut end = citation.span.start.min(text.len());
    loop {
        let (start, after_semicolon) = clause_start(text, end);
        let clause = fold(
            LEADER
                .find(&text[start..end])
                .map_or(&text[start..end], |m| &text[start + m.end()..end]),
        );
        if IMPLEMENTS.is_match(&clause) {
            return true;
        }
        // A clause that opens with a citation continues a list of cited
        // documents; the keyword, if any, opened an earlier clause.
        let opens_with_citation = clause.is_empty() || opens_with_citation(&text[start..end]);
        if !(after_semicolon && opens_with_citation) {
            return false;
        }
        end = start - 1;
    }
}

fn opens_with_citation(clause: &str) -> bool {
    let body = LEADER.find(clause).map_or(clause, |m| &clause[m.end()..]);
    super::find_citations(body)
        .first()
        .is_some_and(|c| c.span.start == 0)
}

/// Where the clause holding byte `end` starts, and whether it starts after
/// a ";" (rather than at a sentence, paragraph or list-item boundary).
fn clause_start(text: &str, end: usize) -> (usize, bool) {
    let before = &text[..end];
    let mut next: Option<char> = None;
    for (i, c) in before.char_indices().rev() {
        let after = i + c.len_utf8();
        match c {
            ';' => return (after, true),
            '.' | '!' | '?' | ':' if next.is_none_or(char::is_whitespace) => return (after, false),
            '\n' => {
                let line_before = before[..i].rsplit('\n').next().unwrap_or("");
                if line_before.trim().is_empty() || ITEM_MARKER.is_match(&text[after..]) {
                    return (after, false);
                }
            }
            _ => {}
        }
        next = Some(c);
    }
    (0, false)
}
