//! Cross-links: citations found in the bundled seeds resolve to the right
//! documents, and are shown both ways.

mod common;
use common::*;
use vanban::build::{generate, BuildOptions};
use vanban::graph::Outcome;

/// (citing file, number as written, date, where it resolves to: a URL path,
/// "ambiguous" or "self").
fn resolutions(root: &std::path::Path) -> Vec<(String, String, String, String)> {
    let g = generate(&BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    let url = |n: usize| match g.graph.as_document(n) {
        Some(d) => g.site.documents[d].url_path.clone(),
        None => format!("{} (stub)", g.graph.as_stub(n).unwrap().url_path),
    };
    g.graph
        .resolutions
        .iter()
        .map(|r| {
            let to = match &r.outcome {
                Outcome::Document(n) | Outcome::Stub(n) => url(*n),
                Outcome::Ambiguous(_) => "ambiguous".into(),
                Outcome::SelfReference => "self".into(),
            };
            (
                g.site.documents[r.found.doc]
                    .source
                    .to_string_lossy()
                    .into_owned(),
                r.found.citation.number.written.clone(),
                r.found.citation.date.map(|d| d.iso()).unwrap_or_default(),
                to,
            )
        })
        .collect()
}

/// Every citation in the bundled seeds, in order, and what it must resolve
/// to: checked by hand against the seed texts (tests/fixtures/seeds).
#[test]
fn every_citation_in_the_seeds_resolves_to_the_right_document() {
    let expected: Vec<(String, String, String, String)> =
        serde_json::from_str(include_str!("fixtures/seed_resolutions.json")).unwrap();
    let actual = resolutions(&repo_root());
    for (i, (a, e)) in actual.iter().zip(&expected).enumerate() {
        assert_eq!(a, e, "citation {i}");
    }
    assert_eq!(actual.len(), expected.len(), "number of citations");
}

#[test]
fn two_directives_with_the_same_number_stay_two_pages() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&repo_root(), out.path(), &[]).status.success());
    let province = read(&out.path().join("thanh-hoa/01-ct-ubnd-2021/index.html"));
    let district = read(
        &out.path()
            .join("thanh-hoa/trieu-son/01-ct-ubnd-2021/index.html"),
    );
    assert!(
        province.contains("01/01/2021") && province.contains("Chủ tịch UBND tỉnh"),
        "{province}"
    );
    assert!(
        district.contains("08/01/2021") && district.contains("Chủ tịch UBND huyện"),
        "{district}"
    );
    let report = read(
        &out.path()
            .join("thanh-hoa/trieu-son/bao-cao-so-ket-1847/index.html"),
    );
    assert!(
        report.contains(
            "href=\"../../../thanh-hoa/01-ct-ubnd-2021/\">Chỉ thị số 01/CT-UBND</a> ngày 01/01/2021"
        ),
        "province link in body"
    );
    assert!(report.contains("href=\"../../../thanh-hoa/trieu-son/01-ct-ubnd-2021/\">Chỉ thị số 01/CT-UBND</a> ngày 08/01/2021"), "district link in body");
}

#[test]
fn the_national_decision_shows_every_implementation_with_its_chain() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&repo_root(), out.path(), &[]).status.success());
    let page = read(&out.path().join("1847-qd-ttg-2018/index.html"));
    let coverage = &page[page
        .find("Tình hình triển khai trên cả nước")
        .expect("coverage table")..];
    let row = |from: &str| {
        let start = coverage
            .find(from)
            .unwrap_or_else(|| panic!("{from} missing"));
        let end = coverage[start..].find("</p>").unwrap() + start;
        coverage[start..end].replace(['\n'], " ")
    };
    let vinh_linh = row("href=\"../quang-tri/vinh-linh/ke-hoach-van-hoa-cong-vu-2024/\"");
    assert!(
        vinh_linh.contains("qua") && vinh_linh.contains("1291/KH-UBND"),
        "{vinh_linh}"
    );
    let trieu_son = row("href=\"../thanh-hoa/trieu-son/bao-cao-so-ket-1847/\"");
    let (via_879, via_84) = (
        trieu_son.find("879/KH-UBND").unwrap(),
        trieu_son.find("84/KH-UBND").unwrap(),
    );
    assert!(
        via_879 < via_84,
        "the chain runs report › 879 › 84: {trieu_son}"
    );
    assert!(coverage.contains("href=\"../khanh-hoa/6861-kh-ubnd-2019/\""));
    assert!(coverage.contains("href=\"../nam-dinh/cong-van-day-manh-van-hoa-cong-vu/\""));
    assert!(coverage.contains("Tỉnh Thanh Hóa") && coverage.contains("Huyện Triệu Sơn"));
}

#[test]
fn relations_show_both_ways() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&repo_root(), out.path(), &[]).status.success());
    let plan = read(
        &out.path()
            .join("quang-tri/vinh-linh/ke-hoach-van-hoa-cong-vu-2024/index.html"),
    );
    let meta = &plan[..plan.find("Toàn văn").unwrap()];
    assert!(
        meta.contains("Văn bản được triển khai")
            && meta.contains("1847/QĐ-TTg")
            && meta.contains("1291/KH-UBND"),
        "what it implements comes before the text"
    );
    let provincial = read(&out.path().join("quang-tri/1291-kh-ubnd-2019/index.html"));
    assert!(
        provincial.contains("Được triển khai bởi")
            && provincial
                .contains("href=\"../../quang-tri/vinh-linh/ke-hoach-van-hoa-cong-vu-2024/\"")
    );
    let stub = read(&out.path().join("319-qd-bnv-2019/index.html"));
    assert!(
        stub.contains("chưa đăng tải toàn văn"),
        "a cited document not published here gets a page"
    );
    assert!(
        stub.contains("href=\"../khanh-hoa/6861-kh-ubnd-2019/\""),
        "and shows who cites it"
    );
}

fn two_level_site(extra: &[(&str, String)]) -> tempfile::TempDir {
    let mut files: Vec<(&str, String)> = vec![
        ("content/_index.md", ROOT_INDEX.into()),
        ("content/tinh/_index.md", province("Tỉnh Mẫu")),
        ("content/tinh/huyen/_index.md", district("Huyện Mẫu")),
        ("content/tinh/kh5.md", doc("title = \"Kế hoạch tỉnh\"\nkind = \"ke-hoach\"\nnumber = \"5/KH-UBND\"\nissued = \"2020-01-01\"", "")),
        ("content/tinh/huyen/kh5.md", doc("title = \"Kế hoạch huyện\"\nkind = \"ke-hoach\"\nnumber = \"5/KH-UBND\"\nissued = \"2020-02-02\"", "")),
    ];
    files.extend(extra.iter().cloned());
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    site(&borrowed)
}

#[test]
fn a_citation_that_fits_two_documents_links_to_neither_and_is_reported() {
    let s = two_level_site(&[
        (
            "content/tinh/huyen/bao-cao.md",
            doc("title = \"Báo cáo\"\nkind = \"bao-cao\"", "Thực hiện Kế hoạch số 5/KH-UBND, huyện báo cáo.\n"),
        ),
        (
            "content/tinh/huyen/thong-bao.md",
            doc("title = \"Thông báo\"\nkind = \"thong-bao\"", "Theo Kế hoạch số 5/KH-UBND ngày 02/02/2020, huyện đã làm.\n\nKế hoạch số 5/KH-UBND nêu rõ.\n"),
        ),
    ]);
    let out = s.path().join("public");
    let o = build(s.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("content/tinh/huyen/bao-cao.md:5:11: warning[ambiguous-citation]"),
        "{err}"
    );
    assert!(
        !err.contains("thong-bao.md"),
        "an undated mention follows the same document's dated one: {err}"
    );
    let page = read(&out.join("tinh/huyen/bao-cao/index.html"));
    assert!(
        page.contains("Thực hiện Kế hoạch số 5/KH-UBND, huyện"),
        "the ambiguous one stays text: {page}"
    );
    let other = read(&out.join("tinh/huyen/thong-bao/index.html"));
    assert!(
        other.contains(
            "<a href=\"../../../tinh/huyen/5-kh-ubnd-2020/\">Kế hoạch số 5/KH-UBND</a> ngày 02/02/2020"
        ),
        "the dated one links to the district's plan"
    );
    assert!(
        other.contains(
            "<p><a href=\"../../../tinh/huyen/5-kh-ubnd-2020/\">Kế hoạch số 5/KH-UBND</a> nêu rõ."
        ),
        "{other}"
    );
}

#[test]
fn a_stub_keeps_its_url_when_the_full_text_arrives() {
    let citing = doc(
        "title = \"Báo cáo\"\nkind = \"bao-cao\"",
        "Thực hiện Kế hoạch số 7/KH-UBND ngày 01/02/2020 của UBND tỉnh, huyện báo cáo.\n",
    );
    let s = two_level_site(&[
        ("content/tinh/huyen/bao-cao.md", citing),
        (
            "config.toml",
            "official_source_url = \"https://vanban.example.gov.vn/tim?so={number}&nam={year}\"\n"
                .into(),
        ),
    ]);
    let out = s.path().join("public");
    assert!(build(s.path(), &out, &[]).status.success());
    let stub = read(&out.join("tinh/7-kh-ubnd-2020/index.html"));
    assert!(stub.contains("chưa đăng tải toàn văn"));
    assert!(
        stub.contains("https://vanban.example.gov.vn/tim?so=7%2FKH-UBND&amp;nam=2020"),
        "official source link: {stub}"
    );
    write_files(s.path(), &[("content/tinh/ke-hoach-7.md", "+++\ntitle = \"Toàn văn đã có\"\nkind = \"ke-hoach\"\nnumber = \"7/KH-UBND\"\nissued = \"2020-02-01\"\n+++\nNội dung kế hoạch.\n")]);
    assert!(build(s.path(), &out, &[]).status.success());
    let full = read(&out.join("tinh/7-kh-ubnd-2020/index.html"));
    assert!(full.contains("Toàn văn đã có") && full.contains("Nội dung kế hoạch."));
    assert!(read(&out.join("tinh/huyen/bao-cao/index.html"))
        .contains("href=\"../../../tinh/7-kh-ubnd-2020/\""));
}

#[test]
fn front_matter_relations_merge_with_the_text() {
    let s = two_level_site(&[(
        "content/tinh/huyen/tb.md",
        doc("title = \"Thông báo\"\nkind = \"thong-bao\"\ncites = [\"Kế hoạch số 5/KH-UBND ngày 01/01/2020 của UBND tỉnh\"]", "Theo Kế hoạch số 5/KH-UBND ngày 02/02/2020.\n"),
    )]);
    let out = s.path().join("public");
    assert!(build(s.path(), &out, &[]).status.success());
    let page = read(&out.join("tinh/huyen/tb/index.html"));
    let panel = &page[page.find("id=\"luoc-do\"").unwrap()..];
    let cited = &panel[panel.find("id=\"van-ban-dan-chieu\">Dẫn chiếu").unwrap()..];
    let implemented = &panel[..panel.find("id=\"van-ban-dan-chieu\"").unwrap()];
    // Front matter's mention and the preamble's "Theo …" (implementation)
    // are both kept, each as what it says.
    assert!(
        cited.contains("href=\"../../../tinh/5-kh-ubnd-2020/\"")
            && implemented.contains("Triển khai thực hiện")
            && implemented.contains("href=\"../../../tinh/huyen/5-kh-ubnd-2020/\""),
        "{panel}"
    );
}

#[test]
fn check_reports_findings_as_json_and_fails_on_errors() {
    let s = two_level_site(&[
        ("content/tinh/a.md", doc("title = \"A\"\nkind = \"ke-hoach\"\nnumber = \"1/KH-UBND\"\nissued = \"2021-01-01\"\nimplements = [\"Kế hoạch số 2/KH-UBND ngày 02/01/2021 của UBND tỉnh\"]", "Nội dung.\n")),
        ("content/tinh/b.md", doc("title = \"B\"\nkind = \"ke-hoach\"\nnumber = \"2/KH-UBND\"\nissued = \"2021-01-02\"\nimplements = [\"Kế hoạch số 1/KH-UBND ngày 01/01/2021 của UBND tỉnh\"]", "Nội dung.\n")),
        ("content/tinh/c.md", doc("title = \"C\"\nkind = \"ke-hoach\"", "Không dẫn chiếu gì.\n\nXem [trang cũ](../khong-co/).\n\nTheo Kế hoạch số 5/KH-UBND ngày 09/01/2020 của UBND tỉnh.\n")),
    ]);
    let o = vanban()
        .args(["check", "--format", "json", "--root"])
        .arg(s.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "a broken link is an error");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let has = |code: &str| {
        findings
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {findings:#?}"))
    };
    let broken = has("broken-link");
    assert_eq!(
        (
            broken["file"].as_str(),
            broken["line"].as_u64(),
            broken["severity"].as_str()
        ),
        (Some("content/tinh/c.md"), Some(7), Some("error"))
    );
    assert_eq!(has("relation-cycle")["severity"], "warning");
    assert_eq!(has("date-mismatch")["file"], "content/tinh/c.md");
    assert!(findings
        .iter()
        .all(|f| f["column"].is_u64() && f["message"].is_string()));

    std::fs::write(
        s.path().join("content/tinh/c.md"),
        doc(
            "title = \"C\"\nkind = \"ke-hoach\"",
            "Không dẫn chiếu gì.\n",
        ),
    )
    .unwrap();
    let o = vanban()
        .args(["check", "--root"])
        .arg(s.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "warnings only: {}", stdout(&o));
    assert!(
        stdout(&o).contains("content/tinh/c.md:1:1: warning[no-relations]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn topic_pages_gather_passages_with_anchors() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&repo_root(), out.path(), &[]).status.success());
    let page = read(&out.path().join("chu-de/trang-phuc/index.html"));
    assert!(page.contains("href=\"../../quang-tri/vinh-linh/ke-hoach-van-hoa-cong-vu-2024/#4-trang-phuc-khi-thuc-hien-nhiem-vu\""), "{page}");
    assert!(page.contains("href=\"../../thanh-hoa/trieu-son/bao-cao-so-ket-1847/#4-ve-trang-phuc-cua-can-bo-cong-chuc-vien-chuc\""));
    let plan = read(
        &out.path()
            .join("quang-tri/vinh-linh/ke-hoach-van-hoa-cong-vu-2024/index.html"),
    );
    assert!(plan.contains("id=\"4-trang-phuc-khi-thuc-hien-nhiem-vu\""));
}

#[test]
fn long_implementation_lists_are_capped_and_counted() {
    let decision = decision_1847();
    let plans: Vec<(String, String)> = (1..=25)
        .map(|i| {
            (
                format!("content/tinh/kh{i}.md"),
                doc(
                    &format!("title = \"Kế hoạch {i}\"\nkind = \"ke-hoach\"\nnumber = \"{i}/KH-UBND\"\nissued = \"2020-01-{i:02}\""),
                    "Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ.\n",
                ),
            )
        })
        .collect();
    let mut files: Vec<(&str, &str)> = vec![
        ("content/_index.md", ROOT_INDEX),
        ("content/qd.md", &decision),
    ];
    let province = province("Tỉnh Mẫu");
    files.push(("content/tinh/_index.md", &province));
    files.extend(plans.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    let s = site(&files);
    let out = s.path().join("public");
    assert!(build(s.path(), &out, &[]).status.success());
    let page = read(&out.join("1847-qd-ttg-2018/index.html"));
    assert!(
        page.contains("Còn 5 văn bản triển khai khác: xem văn bản của Tỉnh Mẫu"),
        "coverage row capped"
    );
    assert!(
        page.contains("Còn 5 văn bản khác: xem văn bản của tỉnh Mẫu"),
        "relation group capped"
    );
    assert!(
        page.contains("href=\"../tinh/25-kh-ubnd-2020/\""),
        "the newest are shown"
    );
    assert!(
        !page.contains("href=\"../tinh/1-kh-ubnd-2020/\">"),
        "the oldest are counted, not listed"
    );
}
