use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Recomposes text to NFC. Decomposed Vietnamese pulls its combining marks
/// from fallback fonts, so all content is normalised once when loaded.
pub fn nfc(text: &str) -> String {
    // Nearly all text already is NFC; the quick check is several times
    // faster than recomposing a whole document.
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        return text.to_string();
    }
    text.nfc().collect()
}

/// Lower-cases one character and strips its Vietnamese tone and vowel marks,
/// mapping "đ" to "d". Returns `None` for a bare combining mark.
///
/// Also folds look-alikes met in real documents: "Ð" (U+00D0, Icelandic eth)
/// written for "Đ", and "Ƣ/ƣ" (U+01A2/3) that PDF extraction writes for "Ư/ư".
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    match c {
        'đ' | 'Đ' | 'Ð' | 'ð' => return Some('d'),
        'Ƣ' | 'ƣ' => return Some('u'),
        _ => {}
    }
    if is_combining_mark(c) {
        return None;
    }
    let mut base = None;
    for d in std::iter::once(c).nfd() {
        if !is_combining_mark(d) {
            base = Some(d);
            break;
        }
    }
    base.map(|b| b.to_lowercase().next().unwrap_or(b))
}

/// Folds text for matching: NFC-agnostic (NFD input folds the same), lower
/// case, tones and vowel marks removed, "đ" → "d". Keeps every other
/// character, so positions of words are preserved for tokenizers.
pub fn fold(text: &str) -> String {
    text.chars().filter_map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_tones_marks_and_d() {
        assert_eq!(fold("Văn hóa Công vụ"), "van hoa cong vu");
        assert_eq!(fold("ĐẠO ĐỨC, LỐI SỐNG"), "dao duc, loi song");
        assert_eq!(fold("Nam Định"), "nam dinh");
        assert_eq!(fold("1847/QĐ-TTg"), "1847/qd-ttg");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        let nfd: String = "Trường Sơn".nfd().collect();
        assert_eq!(fold(&nfd), "truong son");
        assert_eq!(nfc(&nfd), "Trường Sơn");
    }

    #[test]
    fn folds_lookalikes_from_real_documents() {
        assert_eq!(fold("1847/QÐ-TTg"), "1847/qd-ttg");
        assert_eq!(fold("TRƢỜNG"), "truong");
    }
}
