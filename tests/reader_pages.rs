//! Document pages as a reader sees them, against Nghị định 30/2020/NĐ-CP:
//! the place-date line with its leading zeros, a blank serial left blank,
//! a metadata-only page that says so instead of drawing a header, numbers
//! kept on one line, lower-case level words inside a sentence, and a news
//! post listed once.

mod common;
use common::*;

fn built(files: &[(&str, &str)]) -> (tempfile::TempDir, tempfile::TempDir) {
    let s = site(files);
    let out = tempfile::tempdir().unwrap();
    let o = build(s.path(), out.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    (s, out)
}

/// The text of the part of `html` between two markers.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("{from} in page"));
    let end = html[start..].find(to).map_or(html.len(), |e| start + e);
    &html[start..end]
}

#[test]
fn place_date_line_pads_small_days_and_months_one_and_two() {
    let (_s, out) = built(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/tinh/_index.md", &province("Tỉnh Thử")),
        ("content/tinh/a.md", &doc("title = \"Kế hoạch A\"\nkind = \"ke-hoach\"\nnumber = \"84/KH-UBND\"\nissued = \"2020-04-06\"\nplace = \"Thử\"\nissuer = \"Ủy ban nhân dân tỉnh Thử\"", "Nội dung.\n")),
        ("content/tinh/b.md", &doc("title = \"Kế hoạch B\"\nkind = \"ke-hoach\"\nnumber = \"5/KH-UBND\"\nissued = \"2021-01-15\"\nplace = \"Thử\"", "Nội dung.\n")),
    ]);
    let a = read(&out.path().join("tinh/84-kh-ubnd-2020/index.html"));
    let line = between(&a, "class=\"place-date\"", "</p>");
    assert!(line.contains("Thử, ngày 06 tháng 4 năm 2020"), "{line}");
    let meta = between(&a, "Ngày ban hành", "</tr>");
    assert!(
        meta.contains(">6 tháng 4 năm 2020<"),
        "the metadata row does not repeat \"ngày\": {meta}"
    );
    let b = read(&out.path().join("tinh/5-kh-ubnd-2021/index.html"));
    assert!(between(&b, "class=\"place-date\"", "</p>").contains("ngày 15 tháng 01 năm 2021"));
}

#[test]
fn a_blank_serial_is_shown_blank_before_the_code() {
    let (_s, out) = built(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/tinh/_index.md", &province("Tỉnh Thử")),
        ("content/tinh/cv.md", &doc("title = \"Đẩy mạnh văn hóa công vụ\"\nkind = \"cong-van\"\nnumber = \"/UBND-VP8\"\nissued = \"2021-11\"\nslug = \"cv\"", "Nội dung.\n")),
    ]);
    let page = read(&out.path().join("tinh/cv/index.html"));
    let number = between(&page, "class=\"doc-number\"", "</p>");
    assert!(
        number
            .contains("Số: &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;<span class=\"nowrap\">/UBND-VP8</span>"),
        "{number}"
    );
}

#[test]
fn a_metadata_only_page_says_so_and_draws_no_header() {
    let (_s, out) = built(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/qd.md", &decision_1847()),
    ]);
    let page = read(&out.path().join("1847-qd-ttg-2018/index.html"));
    let text = between(&page, "id=\"toan-van\"", "</section>");
    assert!(text.contains("chưa được đăng tải"), "{text}");
    assert!(
        !text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "no reconstructed header: {text}"
    );
    assert!(
        !page.contains("Đến toàn văn"),
        "no link to a text that is not there"
    );
}

#[test]
fn numbers_in_titles_and_labels_do_not_break() {
    let (_s, out) = built(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/qd.md", &doc("title = \"Ban hành theo Quyết định 319/QĐ-BNV\"\nkind = \"quyet-dinh\"\nnumber = \"12/QĐ-TTg\"\nissued = \"2020-02-03\"", "Nội dung.\n")),
    ]);
    let page = read(&out.path().join("12-qd-ttg-2020/index.html"));
    let h1 = between(&page, "<h1>", "</h1>");
    assert!(
        h1.contains("<span class=\"nowrap\">319/QĐ-BNV</span>"),
        "{h1}"
    );
    assert!(page.contains("Đến toàn văn"), "a full text is one tap away");
}

#[test]
fn level_words_are_lower_case_inside_a_sentence() {
    let (_s, out) = built(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/tinh/_index.md", &province("Tỉnh Thử")),
        ("content/tinh/huyen/_index.md", &district("Huyện Triệu Sơn")),
        ("content/tinh/huyen/a.md", &doc("title = \"Kế hoạch A\"\nkind = \"ke-hoach\"\nnumber = \"8/KH-UBND\"\nissued = \"2020-04-06\"", "Nội dung.\n")),
    ]);
    let page = read(&out.path().join("tinh/huyen/index.html"));
    assert!(
        page.contains("Văn bản của huyện Triệu Sơn"),
        "{}",
        between(&page, "<main", "</main>")
    );
}

#[test]
fn the_bundled_plan_lists_its_commending_news_post_once() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&repo_root(), out.path(), &[]).status.success());
    let plan = read(&out.path().join("khanh-hoa/6861-kh-ubnd-2019/index.html"));
    let post = "tin-tuc/bieu-duong-bo-phan-mot-cua-khanh-hoa/\"";
    assert_eq!(plan.matches(post).count(), 1, "the post is linked once");
    let row = between(&plan, "Văn bản được triển khai", "</tr>");
    assert!(row.contains("1847/QĐ-TTg"), "{row}");
}
