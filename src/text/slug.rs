use super::fold;

/// A Vietnamese-safe URL slug: folded to ASCII ("đ" → "d"), runs of anything
/// but letters and digits collapsed to one "-", no leading or trailing "-".
///
/// "Tinh thần, thái độ làm việc" → "tinh-than-thai-do-lam-viec".
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_readable() {
        assert_eq!(
            slugify("Tinh thần, thái độ làm việc"),
            "tinh-than-thai-do-lam-viec"
        );
        assert_eq!(slugify("  1847/QĐ-TTg  "), "1847-qd-ttg");
        assert_eq!(slugify("Đề án"), "de-an");
        assert_eq!(slugify("---"), "");
    }

    #[test]
    fn non_latin_letters_do_not_leak_into_slugs() {
        assert_eq!(slugify("a→b"), "a-b");
        assert_eq!(slugify("Hà Nội ©2024"), "ha-noi-2024");
    }
}
