//! A folded copy of a text that remembers where each folded character came
//! from, so patterns can be written once in plain lower-case ASCII and still
//! report byte ranges of the original (possibly NFD, mixed-case) input.

use std::ops::Range;
use std::sync::LazyLock;

use crate::text::fold_char;

/// Latin-1 Supplement to Latin Extended Additional: every precomposed
/// Vietnamese letter and the look-alikes PDF extraction writes.
const TABLE_START: u32 = 0xC0;
const TABLE_END: u32 = 0x1F00;

/// `fold_char` precomputed over the Latin blocks: it decomposes every
/// letter it sees, which made folding most of the time of a parse.
static TABLE: LazyLock<Vec<Option<char>>> = LazyLock::new(|| {
    (TABLE_START..TABLE_END)
        .map(|u| char::from_u32(u).and_then(fold_char))
        .collect()
});

fn fold_fast(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    match u32::from(c) {
        u @ TABLE_START..TABLE_END => TABLE[(u - TABLE_START) as usize],
        _ => fold_char(c),
    }
}

pub(super) struct Folded<'a> {
    pub original: &'a str,
    /// `fold(original)`: lower case, no tone or vowel marks, "đ" → "d".
    pub text: String,
    /// For every byte of `text`, the original byte where its character starts.
    starts: Vec<usize>,
    /// For every byte of `text`, the original byte where its character ends,
    /// including the combining marks that folding dropped after it, so a span
    /// never cuts an NFD letter in two.
    ends: Vec<usize>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len() + 1);
        let mut ends = Vec::with_capacity(original.len() + 1);
        for (i, c) in original.char_indices() {
            let end = i + c.len_utf8();
            match fold_fast(c) {
                Some(f) => {
                    text.push(f);
                    for _ in 0..f.len_utf8() {
                        starts.push(i);
                        ends.push(end);
                    }
                }
                None => {
                    // A bare combining mark belongs to the letter before it.
                    let last = text.chars().next_back().map_or(0, char::len_utf8);
                    let n = ends.len();
                    for e in &mut ends[n - last..] {
                        *e = end;
                    }
                }
            }
        }
        starts.push(original.len());
        ends.push(original.len());
        Folded {
            original,
            text,
            starts,
            ends,
        }
    }

    /// The original byte range of a folded byte range.
    pub fn span(&self, folded: Range<usize>) -> Range<usize> {
        if folded.is_empty() {
            let at = self.starts[folded.start];
            return at..at;
        }
        self.starts[folded.start]..self.ends[folded.end - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn the_table_folds_like_fold_char() {
        for u in 0..0x3000 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(fold_fast(c), fold_char(c), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn maps_folded_ranges_back_to_nfd_bytes() {
        let nfd: String = "Quyết định số".nfd().collect();
        let f = Folded::new(&nfd);
        assert_eq!(f.text, "quyet dinh so");
        let word = f.span(6..10);
        assert_eq!(crate::text::nfc(&nfd[word]), "định");
        assert_eq!(&f.original[f.span(0..1)], "Q");
        assert_eq!(f.span(13..13), nfd.len()..nfd.len());
    }
}
