//! What the importer inferred, from which line, what it could not find and
//! what it removed — so an editor can check every guess.

use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldFound {
    pub field: String,
    pub value: String,
    /// 1-based line of the decoded source text (0: not tied to one line).
    pub line: usize,
    /// Where the value came from: "header", "closing block", "metadata
    /// panel", "body" or "inferred".
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Removed {
    pub line: usize,
    pub text: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub found: Vec<FieldFound>,
    pub not_found: Vec<String>,
    pub removed: Vec<Removed>,
    /// "utf-8", "tcvn3", "vni", "windows-1252", "docx" …
    pub encoding: String,
    /// Problems in the source that did not stop the import, each with its
    /// place ("invalid UTF-8 byte at line 3, column 7 …", a PDF page
    /// without a text layer).
    pub warnings: Vec<String>,
    /// Source line ranges (1-based, inclusive) the body was made from; the
    /// rest was header, closing block or removed leftovers.
    pub body_lines: Vec<[usize; 2]>,
}

impl Report {
    pub fn found(&mut self, field: &str, value: &str, line: usize) {
        self.found.push(FieldFound {
            field: field.to_string(),
            value: value.to_string(),
            line,
            source: "header".to_string(),
        });
    }

    /// Marks where the last-found `field` came from.
    pub fn source(&mut self, field: &str, source: &str) {
        if let Some(f) = self.found.iter_mut().rev().find(|f| f.field == field) {
            f.source = source.to_string();
        }
    }

    pub fn remove(&mut self, line: usize, text: &str, reason: &str) {
        self.removed.push(Removed {
            line,
            text: text.to_string(),
            reason: reason.to_string(),
        });
    }

    /// Forgets a removal (the header scan gave up, so nothing was taken).
    pub fn unremove(&mut self, line: usize) {
        self.removed.retain(|r| r.line != line);
    }

    pub fn line_of(&self, field: &str) -> Option<usize> {
        self.found.iter().find(|f| f.field == field).map(|f| f.line)
    }

    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "encoding: {}", self.encoding);
        for w in &self.warnings {
            let _ = writeln!(s, "warning: {w}");
        }
        let _ = writeln!(s, "found:");
        for f in &self.found {
            let from = if f.source == "header" {
                String::new()
            } else {
                format!(" [{}]", f.source)
            };
            let _ = writeln!(s, "  {} (line {}): {}{from}", f.field, f.line, f.value);
        }
        if self.not_found.is_empty() {
            let _ = writeln!(s, "not found: -");
        } else {
            let _ = writeln!(s, "not found: {}", self.not_found.join(", "));
        }
        let _ = writeln!(s, "removed:");
        for r in &self.removed {
            let _ = writeln!(s, "  line {}: {:?} ({})", r.line, r.text, r.reason);
        }
        s
    }
}
