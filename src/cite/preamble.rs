//! Relation hint: does the citing document implement the cited one?
//!
//! Vietnamese documents name what they implement in a fixed opening
//! ("Thực hiện Quyết định số …; Kế hoạch số …, UBND huyện ban hành …",
//! "Căn cứ …", a title "Về việc triển khai, thực hiện …"), while plain
//! mentions sit in ordinary sentences. The hint looks only at how the clause
//! holding the citation begins.

use std::collections::HashMap;
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
    PreambleHints::new(text).implements(citation)
}

/// [`is_implementation_preamble`] for many citations of one text: each
/// clause is read once, so a list of thousands of citations joined by ";"
/// stays linear instead of walking back through the whole list each time.
pub struct PreambleHints<'a> {
    text: &'a str,
    /// The answer for the clause that ends at each byte offset.
    known: HashMap<usize, bool>,
    /// How many clauses were read, to check that each is read once.
    reads: usize,
}

impl<'a> PreambleHints<'a> {
    pub fn new(text: &'a str) -> Self {
        PreambleHints {
            text,
            known: HashMap::new(),
            reads: 0,
        }
    }

    pub fn implements(&mut self, citation: &Citation) -> bool {
        let text = self.text;
        let mut end = citation.span.start.min(text.len());
        let mut visited = Vec::new();
        let answer = loop {
            if let Some(&known) = self.known.get(&end) {
                break known;
            }
            visited.push(end);
            self.reads += 1;
            let (start, after_semicolon) = clause_start(text, end);
            let clause = fold(
                LEADER
                    .find(&text[start..end])
                    .map_or(&text[start..end], |m| &text[start + m.end()..end]),
            );
            if IMPLEMENTS.is_match(&clause) {
                break true;
            }
            // A clause that opens with a citation continues a list of cited
            // documents; the keyword, if any, opened an earlier clause.
            let opens_with_citation = clause.is_empty() || opens_with_citation(&text[start..end]);
            if !(after_semicolon && opens_with_citation) {
                break false;
            }
            end = start - 1;
        };
        for end in visited {
            self.known.insert(end, answer);
        }
        answer
    }
}

/// A clause is read back at most this far: a longer run without a
/// sentence or list boundary is prose, and no preamble opening.
const MAX_CLAUSE_BYTES: usize = 4_000;

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
        if end - i > MAX_CLAUSE_BYTES {
            return (i + c.len_utf8(), false);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_citations_reads_a_bounded_number_of_clauses_each() {
        let mut text = String::from("Căn cứ ");
        for i in 1..=2_000 {
            text.push_str(&format!("Quyết định số {i}/QĐ-UBND ngày 01/02/2019; "));
        }
        text.push_str("\nỦy ban nhân dân tỉnh ban hành Kế hoạch như sau:");
        let citations = super::super::find_citations(&text);
        assert_eq!(citations.len(), 2_000);
        let mut hints = PreambleHints::new(&text);
        assert!(citations.iter().all(|c| hints.implements(c)));
        // Each citation reads its own clause's head and the clause before
        // it once; walking back from each citation to the list's opening
        // would read about 2,000,000 clauses.
        assert!(hints.reads <= 2 * 2_000, "{} clauses read", hints.reads);
    }

    #[test]
    fn a_clause_is_read_back_a_bounded_distance() {
        let text = format!(
            "Thực hiện {} Quyết định số 12/QĐ-UBND",
            "chữ ".repeat(5_000)
        );
        let citation = &super::super::find_citations(&text)[0];
        let (start, _) = clause_start(&text, citation.span.start);
        assert!(citation.span.start - start <= MAX_CLAUSE_BYTES + 4);
        assert!(!is_implementation_preamble(&text, citation));
    }
}
