//! Word splitting and term keys shared by the index writer and the reader.
//! js/search.js mirrors every function here; a change on one side must be
//! made on the other, or the shared test vectors fail.

use crate::text::fold_char;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks (grave, acute, tilde, hook, dot below).
/// Vowel marks (breve, circumflex, horn) are not tones and stay in place.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

#[derive(Clone, Copy)]
enum Class {
    /// A letter or digit; the byte is its folded ASCII form.
    Word(u8),
    /// A bare combining mark: part of the word it follows.
    Mark,
    Sep,
}

fn classify_slow(c: char) -> Class {
    match fold_char(c) {
        None => Class::Mark,
        Some(f) if f.is_ascii_alphanumeric() => Class::Word(f as u8),
        Some(_) => Class::Sep,
    }
}

/// `fold_char` decomposes every call; a table over the Latin blocks (all
/// Vietnamese letters live below U+2000) keeps indexing 10^8 words fast.
fn classify(c: char) -> Class {
    const TABLE_END: u32 = 0x2000;
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    let code = c as u32;
    if code >= TABLE_END {
        return classify_slow(c);
    }
    let table = TABLE.get_or_init(|| {
        (0..TABLE_END)
            .map(|i| match char::from_u32(i).map(classify_slow) {
                Some(Class::Word(b)) => b,
                Some(Class::Mark) => 1,
                _ => 0,
            })
            .collect()
    });
    match table[code as usize] {
        0 => Class::Sep,
        1 => Class::Mark,
        b => Class::Word(b),
    }
}

/// Calls `f(lower, folded, start, end)` for every word of `text`: a maximal
/// run of characters that fold to ASCII letters or digits (combining marks
/// stay with their word). `lower` is the lower-cased text as written,
/// `folded` its ASCII fold; `start..end` are byte offsets into `text`.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str, &str, usize, usize)) {
    let mut lower = String::new();
    let mut folded = String::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match classify(c) {
            Class::Word(b) => {
                start.get_or_insert(i);
                if c.is_ascii() {
                    lower.push(c.to_ascii_lowercase());
                } else {
                    lower.extend(c.to_lowercase());
                }
                folded.push(b as char);
            }
            Class::Mark if start.is_some() => lower.push(c),
            _ => {
                if let Some(s) = start.take() {
                    f(&lower, &folded, s, i);
                    lower.clear();
                    folded.clear();
                }
            }
        }
    }
    if let Some(s) = start {
        f(&lower, &folded, s, text.len());
    }
}

/// Counts the words of `text` without building them (document lengths
/// must be known before postings are written).
pub fn count_words(text: &str) -> u32 {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        match classify(c) {
            Class::Word(_) => {
                n += u32::from(!in_word);
                in_word = true;
            }
            Class::Mark => {}
            Class::Sep => in_word = false,
        }
    }
    n
}

/// The "exact" form of a lower-cased word: NFC with its tone marks moved to
/// the end, so old and new tone placement ("hoá", "hóa") give one key while
/// "hòa" and "hóa" stay apart.
pub fn exact_key(lower: &str) -> String {
    let mut base = String::with_capacity(lower.len() + 2);
    let mut tones = String::new();
    for c in lower.nfd() {
        if TONES.contains(&c) {
            tones.push(c);
        } else {
            base.push(c);
        }
    }
    base.push_str(&tones);
    base.nfc().collect()
}

/// Digit parts lose leading zeros so "01/CT-UBND" and "1/CT-UBND" meet.
pub fn number_part(part: &str) -> &str {
    if part.bytes().all(|b| b.is_ascii_digit()) {
        let t = part.trim_start_matches('0');
        if t.is_empty() {
            "0"
        } else {
            t
        }
    } else {
        part
    }
}

/// The canonical number term of some folded parts: digit parts in order,
/// then code parts in order ("qd ttg 1847" and "1847/QĐ-TTg" both give
/// "#1847-qd-ttg"). `None` unless there are both digits and codes.
pub fn number_term<'a>(parts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let (mut digits, mut codes) = (Vec::new(), Vec::new());
    for p in parts {
        if p.bytes().all(|b| b.is_ascii_digit()) {
            digits.push(number_part(p));
        } else {
            codes.push(p);
        }
    }
    if digits.is_empty() || codes.is_empty() {
        return None;
    }
    digits.extend(codes);
    Some(format!("#{}", digits.join("-")))
}

/// Index terms of a document number: the full canonical term, the serial
/// term ("#1847"), and the code parts (for recognising codes in queries).
pub fn number_terms(written: &str) -> (Option<String>, Option<String>, Vec<String>) {
    let mut parts = Vec::new();
    for_each_word(written, |_, folded, _, _| parts.push(folded.to_string()));
    let full = number_term(parts.iter().map(String::as_str));
    let serial = parts
        .first()
        .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
        .map(|p| format!("#{}", number_part(p)));
    let codes = parts
        .into_iter()
        .filter(|p| !p.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    (full, serial, codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for_each_word(text, |l, f, _, _| out.push((l.to_string(), f.to_string())));
        out
    }

    #[test]
    fn splits_syllables_and_folds() {
        let w = words("Văn hóa công vụ, 1847/QĐ-TTg");
        let folded: Vec<&str> = w.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(folded, ["van", "hoa", "cong", "vu", "1847", "qd", "ttg"]);
        assert_eq!(w[5].0, "qđ");
        let nfd: String = "Đạo đức".nfd().collect();
        let w = words(&nfd);
        assert_eq!(w[0].1, "dao");
        assert_eq!(exact_key(&w[0].0), exact_key("đạo"));
    }

    #[test]
    fn old_and_new_tone_placement_share_an_exact_key() {
        assert_eq!(exact_key("hoá"), exact_key("hóa"));
        assert_eq!(exact_key("thuỷ"), exact_key("thủy"));
        assert_ne!(exact_key("hòa"), exact_key("hóa"));
        // Tones move to the end: a key, never shown.
        assert_eq!(exact_key("đạo"), "đao\u{323}".nfc().collect::<String>());
    }

    #[test]
    fn number_terms_are_order_free() {
        let (full, serial, codes) = number_terms("1847/QĐ-TTg");
        assert_eq!(full.as_deref(), Some("#1847-qd-ttg"));
        assert_eq!(serial.as_deref(), Some("#1847"));
        assert_eq!(codes, ["qd", "ttg"]);
        assert_eq!(number_term(["qd", "ttg", "1847"]), full);
        assert_eq!(number_terms("01/CT-UBND").0.as_deref(), Some("#1-ct-ubnd"));
        assert_eq!(number_terms("/BC-UBND").1, None);
    }
}
