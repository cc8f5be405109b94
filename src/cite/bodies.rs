//! The names of central bodies, as official text writes them.
//!
//! An issuer such as "Bộ Lao động - Thương binh và Xã hội" or "Bộ Kế hoạch
//! và Đầu tư" holds the very punctuation and "và" that end an issuer
//! anywhere else, and after "Bộ Tài chính" the trích yếu often follows with
//! a capital ("… của Bộ Tài chính Hướng dẫn …"). Word rules cannot tell
//! these apart, so the issuer reader first looks the words up here: a known
//! name is taken whole, and a central body's name ends the issuer. Each
//! ministry's name also gives the name of the provincial department that
//! mirrors it ("Sở Kế hoạch và Đầu tư"), which may go on with its place.

use std::sync::LazyLock;

use crate::text::fold;

/// Ministries and ministry-level bodies without the leading "Bộ", past and
/// present names; the long forms keep their commas and hyphens, which the
/// matcher treats alike.
const MINISTRIES: &[&str] = &[
    "Lao động - Thương binh và Xã hội",
    "Kế hoạch và Đầu tư",
    "Văn hóa, Thể thao và Du lịch",
    "Tài nguyên và Môi trường",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Giáo dục và Đào tạo",
    "Khoa học và Công nghệ",
    "Thông tin và Truyền thông",
    "Giao thông vận tải",
    "Dân tộc và Tôn giáo",
    "Tài chính",
    "Nội vụ",
    "Tư pháp",
    "Xây dựng",
    "Công Thương",
    "Y tế",
    "Quốc phòng",
    "Công an",
    "Ngoại giao",
];

/// Central bodies other than ministries: government, Party, National
/// Assembly, courts and procuracy.
const CENTRAL: &[&str] = &[
    "Thủ tướng Chính phủ",
    "Chính phủ",
    "Văn phòng Chính phủ",
    "Thanh tra Chính phủ",
    "Ngân hàng Nhà nước Việt Nam",
    "Ủy ban Dân tộc",
    "Kiểm toán Nhà nước",
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "Văn phòng Quốc hội",
    "Chủ tịch nước",
    "Văn phòng Chủ tịch nước",
    "Ban Chấp hành Trung ương Đảng",
    "Ban Chấp hành Trung ương",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Văn phòng Trung ương Đảng",
    "Ban Tổ chức Trung ương",
    "Ban Tuyên giáo Trung ương",
    "Tòa án nhân dân tối cao",
    "Viện kiểm sát nhân dân tối cao",
    "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
];

/// Offices held together, written with a comma: "Bộ trưởng, Chủ nhiệm Văn
/// phòng Chính phủ". The body's name follows.
const JOINT_TITLES: &[&str] = &[
    "Bộ trưởng, Chủ nhiệm",
    "Bộ trưởng, Tổng Thanh tra",
    "Bộ trưởng, Trưởng ban",
];

/// A known name: its folded words, and whether it ends an issuer (a
/// central body has no place after it; a department or a title goes on).
struct Name {
    words: Vec<String>,
    ends: bool,
}

static NAMES: LazyLock<Vec<Name>> = LazyLock::new(|| {
    let words = |s: &str| -> Vec<String> {
        fold(s)
            .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut names = Vec::new();
    for m in MINISTRIES {
        names.push(Name {
            words: words(&format!("Bộ {m}")),
            ends: true,
        });
        names.push(Name {
            words: words(&format!("Sở {m}")),
            ends: false,
        });
    }
    for c in CENTRAL {
        names.push(Name {
            words: words(c),
            ends: true,
        });
    }
    for t in JOINT_TITLES {
        names.push(Name {
            words: words(t),
            ends: false,
        });
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.words.len()));
    names
});

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '-' | '–')
}

/// The known name `ftext` (folded) starts with: the folded byte where it
/// ends, relative to `ftext`, and whether it ends the issuer. Between words
/// any run of spaces, commas and hyphens is accepted, so "Lao động,
/// Thương binh" and "Lao động - Thương binh" are one name.
pub(super) fn known_name(ftext: &str) -> Option<(usize, bool)> {
    NAMES.iter().find_map(|name| {
        let mut pos = 0;
        for (i, word) in name.words.iter().enumerate() {
            if i > 0 {
                let gap = ftext[pos..].find(|c: char| !is_separator(c))?;
                if gap == 0 {
                    return None;
                }
                pos += gap;
            }
            ftext[pos..].strip_prefix(word.as_str())?;
            pos += word.len();
            if ftext[pos..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                return None;
            }
        }
        Some((pos, name.ends))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ministry_names_match_with_comma_or_hyphen() {
        for t in [
            "bo lao dong, thuong binh va xa hoi ve viec",
            "bo lao dong - thuong binh va xa hoi ve viec",
        ] {
            assert_eq!(known_name(t), Some((t.find(" ve").unwrap(), true)));
        }
    }

    #[test]
    fn a_department_mirrors_its_ministry_and_goes_on() {
        let t = "so tai nguyen va moi truong tinh nghe an";
        assert_eq!(
            known_name(t),
            Some(("so tai nguyen va moi truong".len(), false))
        );
    }

    #[test]
    fn a_longer_word_is_no_match() {
        assert_eq!(known_name("bo tai chinhx"), None);
        assert_eq!(known_name("chinh phuong"), None);
    }

    #[test]
    fn joint_titles_go_on_to_the_body() {
        let t = "bo truong, chu nhiem uy ban dan toc";
        assert_eq!(known_name(t), Some(("bo truong, chu nhiem".len(), false)));
    }
}
