//! Relation hints: what the words around a citation say the citing
//! document does with the cited one.
//!
//! Vietnamese documents name their legal basis and what they carry out in
//! a fixed opening, the preamble: "Căn cứ …;" (legal basis), "Thực hiện /
//! Triển khai / Theo …" (implementation), ending at the enacting formula
//! ("… ban hành Kế hoạch … như sau:", "QUYẾT ĐỊNH:"), and in the trích yếu
//! ("Về việc triển khai, thực hiện …"). The same words in the body are
//! instructions or plain mentions ("Căn cứ Công văn số 720/UBND-TH … để cụ
//! thể hóa" tells subordinate units what to do), so there a citation is a
//! mention unless a lifecycle phrase ("thay thế", "sửa đổi, bổ sung một số
//! điều của", "bãi bỏ", "đính chính") stands right before it.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::Citation;
use crate::model::Relation;
use crate::text::fold;

static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:ve viec|v/v)\s+)?(?:tiep tuc\s+)?(thuc hien|trien khai|can cu|theo|huong dan)(?-u:\b)")
        .expect("preamble pattern")
});

/// "…, UBND tỉnh đã ban hành Kế hoạch số 38/KH-UBND": past the opening
/// list, the clause's own subject speaks; what it names is a mention.
static MAIN_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r",\s*(?:uy ban nhan dan|ubnd|chu tich|so |bo |hoi dong|ban |phong )[^,;]{0,80}?(?:ban hanh|bao cao|de nghi|yeu cau|chi dao|thong bao|xay dung)")
        .expect("main clause pattern")
});

/// A lifecycle phrase ending right before a citation: "thay thế",
/// "sửa đổi, bổ sung một số điều của", "bãi bỏ Điều 3 của", "đính chính".
/// Group 1 is a passive or proposing word ("được sửa đổi", "đề nghị bãi
/// bỏ"): then the phrase is about a third document or only a proposal.
/// Group 3 names a part ("Điều 3 của"): a repeal of part only.
static LIFECYCLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^a-z])(duoc |bi |de nghi |tham muu |de xuat |kien nghi |nghien cuu |xem xet )?(sua doi,? bo sung|sua doi|bo sung|thay the(?: cho)?|bai bo(?: toan bo)?|dinh chinh|huong dan thi hanh|huong dan thuc hien)\s+((?:mot so |mot phan |cac )?(?:dieu|khoan|diem|chuong|muc|phu luc|noi dung|quy dinh)[^;:.]{0,80}?\s+(?:cua|tai|ban hanh kem theo)\s+)?$",
    )
    .expect("lifecycle pattern")
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

/// How the clause holding a citation opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// "Căn cứ …".
    BasedOn,
    /// "Thực hiện …", "Triển khai …", "Theo …", "Về việc triển khai …".
    Implements,
    /// "Hướng dẫn thực hiện …" (a guidance's trích yếu).
    Guides,
}

impl Opening {
    pub fn relation(self) -> Relation {
        match self {
            Opening::BasedOn => Relation::BasedOn,
            Opening::Implements => Relation::Implements,
            Opening::Guides => Relation::Guides,
        }
    }
}

/// True when the citation sits in a clause that begins with "Thực hiện",
/// "Triển khai", "Theo" or "Căn cứ" (or a title "Về việc triển khai, thực
/// hiện …"), or in a citation list continuing such a clause after ";".
/// Looks at the clause only: whether the clause is in the preamble is
/// [`RelationReader`]'s question.
pub fn is_implementation_preamble(text: &str, citation: &Citation) -> bool {
    PreambleHints::new(text)
        .opening(citation)
        .is_some_and(|o| o != Opening::Guides)
}

/// [`is_implementation_preamble`] for many citations of one text: each
/// clause is read once, so a list of thousands of citations joined by ";"
/// stays linear instead of walking back through the whole list each time.
pub struct PreambleHints<'a> {
    text: &'a str,
    /// The answer for the clause that ends at each byte offset: the
    /// opening and where the clause that has it starts.
    known: HashMap<usize, Option<(Opening, usize)>>,
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
        self.opening(citation).is_some_and(|o| o != Opening::Guides)
    }

    /// The opening of the clause (or ";"-list of clauses) the citation is
    /// in, if it is a preamble opening.
    pub fn opening(&mut self, citation: &Citation) -> Option<Opening> {
        let (opening, start) = self.opening_at(citation)?;
        // "Thực hiện …, UBND tỉnh đã ban hành Kế hoạch số 38/KH-UBND": the
        // opening list is over.
        let between = fold(&self.text[start..citation.span.start.min(self.text.len())]);
        (!MAIN_CLAUSE.is_match(&between)).then_some(opening)
    }

    fn opening_at(&mut self, citation: &Citation) -> Option<(Opening, usize)> {
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
            let lead = LEADER.find(&text[start..end]).map_or(0, |m| m.end());
            let clause = fold(&text[start + lead..end]);
            if let Some(caps) = OPENING.captures(&clause) {
                let opening = match &caps[1] {
                    "can cu" => Opening::BasedOn,
                    "huong dan" => Opening::Guides,
                    // "Theo đề nghị của Giám đốc Sở …" names a proposal.
                    "theo" if clause[caps[0].len()..].trim_start().starts_with("de nghi") => {
                        break None
                    }
                    _ => Opening::Implements,
                };
                break Some((opening, start + lead));
            }
            // A clause that opens with a citation continues a list of cited
            // documents; the keyword, if any, opened an earlier clause.
            let opens_with_citation = clause.is_empty() || opens_with_citation(&text[start..end]);
            if !(after_semicolon && opens_with_citation) {
                break None;
            }
            end = start - 1;
        };
        for end in visited {
            self.known.insert(end, answer);
        }
        answer
    }
}

/// A lifecycle relation stated by the words right before a citation.
pub fn lifecycle_before(text: &str, citation: &Citation) -> Option<Relation> {
    let end = citation.span.start.min(text.len());
    let (start, _) = clause_start(text, end);
    let before = fold(&text[start..end]);
    let caps = LIFECYCLE.captures(&before)?;
    if caps.get(1).is_some() {
        return None;
    }
    let verb = caps.get(2).map_or("", |m| m.as_str());
    let part = caps.get(3).is_some();
    Some(if verb.starts_with("thay the") {
        Relation::Replaces
    } else if verb.starts_with("bai bo") {
        if part {
            Relation::RepealsInPart
        } else {
            Relation::Repeals
        }
    } else if verb == "dinh chinh" {
        Relation::Corrects
    } else if verb.starts_with("huong dan") {
        Relation::Guides
    } else {
        Relation::Amends
    })
}

/// Where a document's preamble ends in its body: after the line with the
/// enacting formula ("… như sau:"), or before a line "QUYẾT ĐỊNH:" or
/// "Kính gửi:". Without a formula before the body's first heading, article
/// or list item, the preamble is the run of opening paragraphs that begin
/// with "Căn cứ", "Thực hiện", "Triển khai" or "Theo".
pub fn preamble_end(text: &str) -> usize {
    let mut offset = 0;
    let mut seen_text = false;
    // The end of the opening paragraphs that begin with a preamble keyword.
    let mut run_end = 0;
    let mut in_run = true;
    let mut paragraph_start = true;
    let mut in_addressees = false;
    for line in text.split_inclusive('\n') {
        let line_end = offset + line.len();
        let lead = LEADER.find(line).map_or(0, |m| m.end());
        let folded = fold(
            line[lead..]
                .trim_end()
                .trim_end_matches(['*', '_'])
                .trim_end(),
        );
        let compact = folded.replace(" :", ":");
        let addressee_line = compact.starts_with("kinh gui");
        if matches!(compact.as_str(), "quyet dinh:" | "quyet nghi:" | "chi thi:")
            || (addressee_line && seen_text)
        {
            return offset;
        }
        in_addressees |= addressee_line;
        // The body proper: headings, articles, list items.
        let structural = line.trim_start().starts_with('#')
            || ITEM_MARKER.is_match(line)
            || folded.starts_with("dieu ");
        if (structural && !in_addressees) || offset > MAX_PREAMBLE_BYTES {
            break;
        }
        if compact.ends_with("nhu sau:") {
            return line_end;
        }
        if folded.is_empty() {
            paragraph_start = true;
            in_addressees = false;
        } else if !in_addressees {
            if paragraph_start && in_run {
                in_run = OPENING.is_match(&folded);
            }
            if in_run {
                run_end = line_end;
            }
            seen_text = true;
            paragraph_start = false;
        }
        offset = line_end;
    }
    run_end
}

/// A preamble is at the top: no formula further down than this counts.
const MAX_PREAMBLE_BYTES: usize = 20_000;

/// Reads the relations of one text's citations, in order of the text.
pub struct RelationReader<'a> {
    text: &'a str,
    hints: PreambleHints<'a>,
    /// Citations before this byte are in the preamble.
    preamble_end: usize,
    /// The previous citation's end and lifecycle relation, for lists
    /// ("bãi bỏ Quyết định số 1/QĐ-UBND và Quyết định số 2/QĐ-UBND").
    previous: Option<(usize, Relation)>,
}

impl<'a> RelationReader<'a> {
    /// A document body: its preamble ends at the enacting formula.
    pub fn body(text: &'a str) -> Self {
        Self::with_end(text, preamble_end(text))
    }

    /// A trích yếu: all of it is preamble.
    pub fn title(text: &'a str) -> Self {
        Self::with_end(text, text.len())
    }

    fn with_end(text: &'a str, preamble_end: usize) -> Self {
        RelationReader {
            text,
            hints: PreambleHints::new(text),
            preamble_end,
            previous: None,
        }
    }

    pub fn relation(&mut self, citation: &Citation) -> Relation {
        let continued = self.previous.and_then(|(end, r)| {
            let gap = self.text.get(end..citation.span.start)?;
            matches!(fold(gap).trim(), "" | "," | "va" | ";" | ", va").then_some(r)
        });
        let lifecycle = lifecycle_before(self.text, citation).or(continued);
        self.previous = lifecycle.map(|r| (citation.span.end, r));
        if let Some(r) = lifecycle {
            return r;
        }
        if citation.span.start < self.preamble_end {
            if let Some(opening) = self.hints.opening(citation) {
                return opening.relation();
            }
        }
        Relation::Cites
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
