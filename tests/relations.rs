//! Typed relations through the built site: what a document is based on,
//! implements, amends, replaces, repeals, corrects or guides, read from the
//! document's structure and lifecycle phrases or set in front matter, shown
//! both ways with their Vietnamese wording; the in-force status as of the
//! build's day; and a citation whose date was mistyped.

mod common;
use common::*;
use std::path::Path;

/// A site with a province ("tinh") whose UBND issues every document.
fn province_site(files: &[(&str, String)]) -> tempfile::TempDir {
    let mut all: Vec<(&str, String)> = vec![
        ("content/_index.md", ROOT_INDEX.into()),
        ("content/tinh/_index.md", province("Tỉnh Mẫu")),
    ];
    all.extend(files.iter().cloned());
    let borrowed: Vec<(&str, &str)> = all.iter().map(|(p, t)| (*p, t.as_str())).collect();
    site(&borrowed)
}

fn built(s: &tempfile::TempDir, extra: &[&str]) -> std::path::PathBuf {
    let out = s.path().join("public");
    let o = build(s.path(), &out, extra);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

fn page(out: &Path, url: &str) -> String {
    read(&out.join(url).join("index.html"))
}

/// The lược đồ section headed `heading` on `html`, up to the next section.
fn section<'a>(html: &'a str, heading: &str) -> Option<&'a str> {
    let panel = &html[html.find("id=\"luoc-do\"")?..];
    let at = panel.find(&format!("\">{heading}</h3>"))?;
    let rest = &panel[at..];
    Some(&rest[..rest.find("</section>").unwrap_or(rest.len())])
}

fn listed(html: &str, heading: &str, href: &str) -> bool {
    section(html, heading).is_some_and(|s| s.contains(&format!("href=\"{href}\"")))
}

fn plan(number: &str, issued: &str, extra: &str, body: &str) -> String {
    doc(
        &format!("title = \"Kế hoạch {number}\"\nkind = \"ke-hoach\"\nnumber = \"{number}\"\nissued = \"{issued}\"\nissuer = \"UBND tỉnh Mẫu\"\n{extra}"),
        body,
    )
}

fn decision(number: &str, issued: &str, extra: &str, body: &str) -> String {
    doc(
        &format!("title = \"Quyết định {number}\"\nkind = \"quyet-dinh\"\nnumber = \"{number}\"\nissued = \"{issued}\"\nissuer = \"UBND tỉnh Mẫu\"\n{extra}"),
        body,
    )
}

#[test]
fn the_preamble_gives_basis_and_implementation_and_the_body_only_mentions() {
    let s = province_site(&[(
        "content/tinh/kh.md",
        plan(
            "7/KH-UBND",
            "2020-03-01",
            "",
            "Căn cứ Quyết định số 1/QĐ-UBND ngày 02/01/2020 của UBND tỉnh;\n\n\
             Thực hiện Kế hoạch số 2/KH-UBND ngày 03/01/2020 của UBND tỉnh;\n\n\
             Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:\n\n\
             ## I. NHIỆM VỤ\n\n\
             1. Căn cứ Công văn số 3/UBND-VP ngày 04/01/2020 của UBND tỉnh, các sở triển khai hiệu quả Quyết định số 4/QĐ-UBND ngày 05/01/2020 của UBND tỉnh.\n",
        ),
    )]);
    let out = built(&s, &["--as-of", "2024-06-30"]);
    let kh = page(&out, "tinh/7-kh-ubnd-2020");
    assert!(listed(&kh, "Căn cứ", "../../tinh/1-qd-ubnd-2020/"), "{kh}");
    assert!(listed(
        &kh,
        "Triển khai thực hiện",
        "../../tinh/2-kh-ubnd-2020/"
    ));
    for mention in ["../../tinh/3-ubnd-vp-2020/", "../../tinh/4-qd-ubnd-2020/"] {
        assert!(listed(&kh, "Dẫn chiếu", mention), "{mention} is a mention");
        assert!(!listed(&kh, "Triển khai thực hiện", mention));
        assert!(!listed(&kh, "Căn cứ", mention));
    }
    let back = "../../tinh/7-kh-ubnd-2020/";
    assert!(listed(
        &page(&out, "tinh/1-qd-ubnd-2020"),
        "Là căn cứ của",
        back
    ));
    assert!(listed(
        &page(&out, "tinh/2-kh-ubnd-2020"),
        "Được triển khai bởi",
        back
    ));
    let mentioned = page(&out, "tinh/4-qd-ubnd-2020");
    assert!(listed(&mentioned, "Được dẫn chiếu bởi", back));
    assert!(section(&mentioned, "Được triển khai bởi").is_none());
}

#[test]
fn lifecycle_phrases_are_typed_and_shown_both_ways_with_their_words() {
    let s = province_site(&[
        (
            "content/tinh/qd20.md",
            decision(
                "20/QĐ-UBND",
                "2021-05-10",
                "",
                "Điều 1. Ban hành Quy chế văn hóa công sở.\n\n\
                 Điều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 10/QĐ-UBND ngày 05/3/2019 của UBND tỉnh.\n\n\
                 Điều 3. Bãi bỏ Quyết định số 12/QĐ-UBND ngày 06/3/2019 của UBND tỉnh.\n",
            ),
        ),
        (
            "content/tinh/qd21.md",
            decision(
                "21/QĐ-UBND",
                "2021-06-01",
                "",
                "Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 11/QĐ-UBND ngày 07/3/2019 của UBND tỉnh như sau:\n\n\
                 Điều 2. Đính chính Quyết định số 13/QĐ-UBND ngày 08/3/2019 của UBND tỉnh.\n",
            ),
        ),
        (
            "content/tinh/hd.md",
            doc(
                "title = \"Hướng dẫn thực hiện Kế hoạch số 14/KH-UBND ngày 09/3/2019 của UBND tỉnh\"\nkind = \"huong-dan\"\nnumber = \"22/HD-SNV\"\nissued = \"2021-07-01\"",
                "Nội dung hướng dẫn.\n",
            ),
        ),
    ]);
    let out = built(&s, &["--as-of", "2024-06-30"]);
    let q20 = page(&out, "tinh/20-qd-ubnd-2021");
    let q21 = page(&out, "tinh/21-qd-ubnd-2021");
    let hd = page(&out, "tinh/22-hd-snv-2021");
    let cases = [
        (
            &q20,
            "Thay thế",
            "10-qd-ubnd-2019",
            "Bị thay thế bởi",
            "20-qd-ubnd-2021",
        ),
        (
            &q20,
            "Bãi bỏ",
            "12-qd-ubnd-2019",
            "Bị bãi bỏ bởi",
            "20-qd-ubnd-2021",
        ),
        (
            &q21,
            "Sửa đổi, bổ sung",
            "11-qd-ubnd-2019",
            "Được sửa đổi, bổ sung bởi",
            "21-qd-ubnd-2021",
        ),
        (
            &q21,
            "Đính chính",
            "13-qd-ubnd-2019",
            "Được đính chính bởi",
            "21-qd-ubnd-2021",
        ),
        (
            &hd,
            "Hướng dẫn",
            "14-kh-ubnd-2019",
            "Được hướng dẫn bởi",
            "22-hd-snv-2021",
        ),
    ];
    for (citing, forward, target, backward, citer) in cases {
        let to = format!("../../tinh/{target}/");
        assert!(listed(citing, forward, &to), "{forward} {target}");
        assert!(
            !listed(citing, "Dẫn chiếu", &to),
            "{target} is more than a mention"
        );
        let target_page = page(&out, &format!("tinh/{target}"));
        assert!(
            listed(&target_page, backward, &format!("../../tinh/{citer}/")),
            "{backward} {citer} on {target}"
        );
    }
}

#[test]
fn front_matter_overrides_what_the_text_says() {
    let s = province_site(&[
        (
            "content/tinh/kh.md",
            plan(
                "8/KH-UBND",
                "2020-03-01",
                "cites = [\"Kế hoạch số 2/KH-UBND ngày 03/01/2020 của UBND tỉnh\"]\namends = [\"Quyết định số 5/QĐ-UBND ngày 04/01/2020 của UBND tỉnh\"]",
                "Thực hiện Kế hoạch số 2/KH-UBND ngày 03/01/2020 của UBND tỉnh, UBND tỉnh ban hành Kế hoạch như sau:\n\nNội dung.\n",
            ),
        ),
        ("content/tinh/kh2.md", plan("2/KH-UBND", "2020-01-03", "", "")),
    ]);
    let out = built(&s, &["--as-of", "2024-06-30"]);
    let kh = page(&out, "tinh/8-kh-ubnd-2020");
    assert!(listed(&kh, "Dẫn chiếu", "../../tinh/2-kh-ubnd-2020/"));
    assert!(
        section(&kh, "Triển khai thực hiện").is_none(),
        "front matter says it only cites"
    );
    assert!(listed(
        &kh,
        "Sửa đổi, bổ sung",
        "../../tinh/5-qd-ubnd-2020/"
    ));
    let amended = page(&out, "tinh/5-qd-ubnd-2020");
    assert!(listed(
        &amended,
        "Được sửa đổi, bổ sung bởi",
        "../../tinh/8-kh-ubnd-2020/"
    ));
    assert!(
        amended.contains("Hết hiệu lực một phần"),
        "an amended document is partly out of force"
    );
}

#[test]
fn the_khanh_hoa_plan_implements_only_what_its_preamble_names() {
    let out = tempfile::tempdir().unwrap();
    let o = build(&repo_root(), out.path(), &["--as-of", "2024-06-30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plan = page(out.path(), "khanh-hoa/6861-kh-ubnd-2019");
    for implemented in ["../../1847-qd-ttg-2018/", "../../319-qd-bnv-2019/"] {
        assert!(
            listed(&plan, "Triển khai thực hiện", implemented),
            "{implemented}"
        );
    }
    for mentioned in ["3777-qd-ubnd-2015", "720-ubnd-th-2019", "4587-ubnd-th-2019"] {
        let href = format!("../../khanh-hoa/{mentioned}/");
        assert!(!listed(&plan, "Triển khai thực hiện", &href), "{mentioned}");
        assert!(!listed(&plan, "Căn cứ", &href), "{mentioned}");
        assert!(listed(&plan, "Dẫn chiếu", &href), "{mentioned}");
        let stub = page(out.path(), &format!("khanh-hoa/{mentioned}"));
        assert!(
            section(&stub, "Được triển khai bởi").is_none(),
            "{mentioned}"
        );
        assert!(listed(
            &stub,
            "Được dẫn chiếu bởi",
            "../../khanh-hoa/6861-kh-ubnd-2019/"
        ));
    }
    // The national decision still lists the plan among its implementations.
    let national = page(out.path(), "1847-qd-ttg-2018");
    assert!(listed(
        &national,
        "Được triển khai bởi",
        "../khanh-hoa/6861-kh-ubnd-2019/"
    ));
}

fn status_line(html: &str) -> &str {
    let at = html.find("class=\"validity").expect("a status banner");
    &html[at..at + html[at..].find("</p>").unwrap()]
}

#[test]
fn each_page_says_whether_the_document_is_in_force_on_the_given_day() {
    let s = province_site(&[
        (
            "content/tinh/qd10.md",
            decision(
                "10/QĐ-UBND",
                "2019-03-05",
                "",
                "Quyết định này có hiệu lực kể từ ngày ký.\n",
            ),
        ),
        (
            "content/tinh/qd20.md",
            decision(
                "20/QĐ-UBND",
                "2021-05-10",
                "effective = \"2021-06-01\"",
                "Quyết định này thay thế Quyết định số 10/QĐ-UBND ngày 05/3/2019 của UBND tỉnh.\n",
            ),
        ),
        (
            "content/tinh/qd30.md",
            decision(
                "30/QĐ-UBND",
                "2024-01-02",
                "effective = \"2030-01-01\"",
                "Nội dung.\n",
            ),
        ),
        (
            "content/tinh/qd40.md",
            decision(
                "40/QĐ-UBND",
                "2020-01-02",
                "effective = \"2020-01-02\"\nexpires = \"2022-12-31\"",
                "Nội dung.\n",
            ),
        ),
        (
            "content/tinh/qd50.md",
            decision(
                "50/QĐ-UBND",
                "2020-01-02",
                "status = \"Hết hiệu lực\"",
                "Nội dung.\n",
            ),
        ),
        (
            "content/tinh/kh.md",
            plan("9/KH-UBND", "2020-01-02", "", "Nội dung.\n"),
        ),
    ]);
    let out = built(&s, &["--as-of", "2024-06-30"]);
    let replaced = status_line(&page(&out, "tinh/10-qd-ubnd-2019")).to_string();
    assert!(
        replaced.contains("Hết hiệu lực toàn bộ")
            && replaced.contains("bị thay thế bởi")
            && replaced.contains("href=\"../../tinh/20-qd-ubnd-2021/\"")
            && replaced.contains("01/06/2021"),
        "names what replaced it and when: {replaced}"
    );
    assert!(replaced.contains("tính đến ngày <time datetime=\"2024-06-30\">30/06/2024"));
    assert!(status_line(&page(&out, "tinh/20-qd-ubnd-2021")).contains("Còn hiệu lực"));
    let future = status_line(&page(&out, "tinh/30-qd-ubnd-2024")).to_string();
    assert!(
        future.contains("Chưa có hiệu lực") && future.contains("01/01/2030"),
        "{future}"
    );
    assert!(status_line(&page(&out, "tinh/40-qd-ubnd-2020")).contains("Hết hiệu lực toàn bộ"));
    assert!(status_line(&page(&out, "tinh/50-qd-ubnd-2020")).contains("Hết hiệu lực toàn bộ"));
    assert!(status_line(&page(&out, "tinh/9-kh-ubnd-2020")).contains("Không xác định"));

    // Before the replacement took effect, the old decision was in force;
    // after 2030 the future one is.
    let out = built(&s, &["--as-of", "2021-05-20"]);
    assert!(status_line(&page(&out, "tinh/10-qd-ubnd-2019")).contains("Còn hiệu lực"));
    let out = built(&s, &["--as-of", "2030-01-01"]);
    assert!(status_line(&page(&out, "tinh/30-qd-ubnd-2024")).contains("Còn hiệu lực"));

    // config.toml's as_of does the same; a bad day is a located error.
    std::fs::write(
        s.path().join("config.toml"),
        "title = \"Thử\"\nas_of = \"2021-05-20\"\n",
    )
    .unwrap();
    let out = built(&s, &[]);
    assert!(status_line(&page(&out, "tinh/10-qd-ubnd-2019")).contains("Còn hiệu lực"));
    let o = build(
        s.path(),
        &s.path().join("public"),
        &["--as-of", "2021-13-01"],
    );
    assert!(
        !o.status.success() && stderr(&o).contains("2021-13-01"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_mistyped_date_links_to_the_known_document_and_is_reported_where_it_was_written() {
    let s = province_site(&[
        ("content/quyet-dinh-1847.md", decision_1847()),
        (
            "content/tinh/kh.md",
            plan(
                "6/KH-UBND",
                "2020-03-01",
                "",
                "Mở đầu.\n\nThực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2019 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:\n",
            ),
        ),
    ]);
    let out = s.path().join("public");
    let o = build(s.path(), &out, &["--as-of", "2024-06-30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !out.join("1847-qd-ttg-2019").exists(),
        "no page for a document that does not exist"
    );
    let kh = page(&out, "tinh/6-kh-ubnd-2020");
    assert!(
        kh.contains("href=\"../../1847-qd-ttg-2018/\""),
        "linked to the known decision"
    );
    let warnings = stderr(&o);
    let line = warnings
        .lines()
        .find(|l| l.contains("warning[date-mismatch]"))
        .unwrap_or_else(|| panic!("{warnings}"));
    assert!(line.starts_with("content/tinh/kh.md:11:"), "{line}");
    assert!(
        line.contains("ngày 27/12/2019 khác ngày ban hành 27/12/2018"),
        "{line}"
    );

    let o = vanban()
        .args([
            "check",
            "--format",
            "json",
            "--as-of",
            "2024-06-30",
            "--root",
        ])
        .arg(s.path())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let codes: Vec<&str> = findings.iter().filter_map(|f| f["code"].as_str()).collect();
    assert_eq!(
        codes.iter().filter(|c| **c == "date-mismatch").count(),
        1,
        "{codes:?}"
    );
    // `check` makes it an error, with the right date to write.
    assert_eq!(o.status.code(), Some(1), "check fails on the typo");
    let mismatch = findings
        .iter()
        .find(|f| f["code"] == "date-mismatch")
        .unwrap();
    assert_eq!(mismatch["severity"], "error");
    assert!(mismatch["message"]
        .as_str()
        .unwrap()
        .contains("correct the date to 27/12/2018"));
    assert!(!codes.contains(&"unresolved-citation"), "{codes:?}");
}

/// The schema.org JSON-LD of a page.
fn json_ld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let at = html.find(open).expect("a JSON-LD script") + open.len();
    let text = &html[at..at + html[at..].find("</script>").unwrap()];
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn status_and_typed_relations_are_machine_readable_on_pages_and_in_open_data() {
    let s = province_site(&[
        (
            "content/tinh/qd10.md",
            decision("10/QĐ-UBND", "2019-03-05", "", "Nội dung.\n"),
        ),
        (
            "content/tinh/qd20.md",
            decision(
                "20/QĐ-UBND",
                "2021-05-10",
                "effective = \"2021-06-01\"",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Quyết định này thay thế Quyết định số 10/QĐ-UBND ngày 05/3/2019 của UBND tỉnh và sửa đổi, bổ sung một số điều của Quyết định số 7/QĐ-UBND ngày 02/01/2018 của UBND tỉnh.\n",
            ),
        ),
    ]);
    let base = "https://tinh.example.gov.vn/vhcv/";
    let out = built(&s, &["--as-of", "2024-06-30", "--base-url", base]);
    let old = json_ld(&page(&out, "tinh/10-qd-ubnd-2019"));
    assert_eq!(old["@context"], "https://schema.org");
    assert_eq!(old["@type"], "Legislation");
    assert_eq!(old["legislationIdentifier"], "10/QĐ-UBND");
    assert_eq!(old["legislationDate"], "2019-03-05");
    assert_eq!(old["legislationType"], "Quyết định");
    assert_eq!(old["legislationPassedBy"]["name"], "UBND tỉnh Mẫu");
    assert_eq!(
        old["legislationLegalForce"],
        "https://schema.org/NotInForce"
    );
    assert_eq!(old["url"], format!("{base}tinh/10-qd-ubnd-2019/"));

    let new = json_ld(&page(&out, "tinh/20-qd-ubnd-2021"));
    assert_eq!(new["legislationLegalForce"], "https://schema.org/InForce");
    assert_eq!(new["legislationDateVersion"], "2021-06-01");
    let ids = |property: &str| -> Vec<String> {
        new[property]
            .as_array()
            .unwrap_or_else(|| panic!("{property} in {new:#}"))
            .iter()
            .map(|r| {
                r["legislationIdentifier"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    };
    assert_eq!(ids("legislationRepeals"), ["10/QĐ-UBND"]);
    assert_eq!(ids("legislationAmends"), ["7/QĐ-UBND"]);
    assert_eq!(ids("legislationChanges"), ["10/QĐ-UBND", "7/QĐ-UBND"]);
    // The amended decision is not published here: its stub says so too.
    let stub = json_ld(&page(&out, "tinh/7-qd-ubnd-2018"));
    assert_eq!(stub["legislationIdentifier"], "7/QĐ-UBND");
    assert_eq!(
        stub["legislationLegalForce"],
        "https://schema.org/PartiallyInForce"
    );

    // Open data carries the same status, with what ended the old one's force.
    let api: serde_json::Value =
        serde_json::from_str(&read(&out.join("api/van-ban/tinh/10-qd-ubnd-2019.json"))).unwrap();
    let status = &api["status"];
    assert_eq!(status["slug"], "het-hieu-luc-toan-bo", "{api:#}");
    assert_eq!(status["name"], "Hết hiệu lực toàn bộ");
    assert_eq!(status["as_of"], "2024-06-30");
    assert_eq!(status["ended_by"]["number"], "20/QĐ-UBND");
    assert_eq!(api["relations"]["replaced_by"][0]["number"], "20/QĐ-UBND");
}
