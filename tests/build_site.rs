//! `vanban build` end to end on temporary sites and on the bundled one.

mod common;
use common::*;

#[test]
fn bundled_site_has_a_page_for_every_document_and_jurisdiction() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let o = build(&repo_root(), &public, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    for page in [
        "index.html",
        "1847-qd-ttg-2018/index.html",
        "khanh-hoa/index.html",
        "khanh-hoa/6861-kh-ubnd-2019/index.html",
        "quang-tri/index.html",
        "quang-tri/vinh-linh/index.html",
        "quang-tri/vinh-linh/ke-hoach-van-hoa-cong-vu-2024/index.html",
        "thanh-hoa/trieu-son/bao-cao-so-ket-1847/index.html",
        "nam-dinh/cong-van-day-manh-van-hoa-cong-vu/index.html",
        "tin-tuc/trien-khai-de-an-van-hoa-cong-vu/index.html",
        "loai/ke-hoach/index.html",
        "nam/2019/index.html",
        "dia-phuong/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(public.join(page).is_file(), "missing {page}");
    }
    let plan = read(&public.join("khanh-hoa/6861-kh-ubnd-2019/index.html"));
    assert!(plan.contains("lang=\"vi\""), "html lang");
    assert!(plan.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(plan.contains(r#"Số: <span class="nowrap">6861/KH-UBND</span>"#));
    assert!(plan.contains("Lê Đức Vinh"));
    assert!(plan.contains("ngày 12 tháng 7 năm 2019"));
    let former = read(&public.join("quang-tri/vinh-linh/index.html"));
    assert!(
        former.contains("Huyện Vĩnh Linh, đơn vị hành chính cũ</strong>, nay thuộc"),
        "a former district says what it became"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    assert!(build(&repo_root(), a.path(), &[]).status.success());
    assert!(build(&repo_root(), b.path(), &[]).status.success());
    let files = tree(a.path());
    assert_eq!(files, tree(b.path()));
    assert!(files.len() > 40);
    for f in files {
        assert_eq!(
            std::fs::read(a.path().join(&f)).unwrap(),
            std::fs::read(b.path().join(&f)).unwrap(),
            "{}",
            f.display()
        );
    }
}

#[test]
fn links_are_relative_and_absolute_urls_follow_a_sub_path_base_url() {
    let out = tempfile::tempdir().unwrap();
    let o = build(
        &repo_root(),
        out.path(),
        &["--base-url", "https://tinh.gov.vn/van-hoa-cong-vu/"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let sitemap = read(&out.path().join("sitemap.xml"));
    assert!(
        sitemap.contains(
            "<loc>https://tinh.gov.vn/van-hoa-cong-vu/khanh-hoa/6861-kh-ubnd-2019/</loc>"
        ),
        "{sitemap}"
    );
    assert!(read(&out.path().join("robots.txt"))
        .contains("Sitemap: https://tinh.gov.vn/van-hoa-cong-vu/sitemap.xml"));
    let page = read(&out.path().join("khanh-hoa/6861-kh-ubnd-2019/index.html"));
    assert!(
        page.contains("href=\"https://tinh.gov.vn/van-hoa-cong-vu/khanh-hoa/6861-kh-ubnd-2019/\""),
        "canonical"
    );
    assert!(
        page.contains("href=\"../../style.css\""),
        "assets are relative"
    );
    assert!(
        !page.contains("href=/") && !page.contains("href=\"/"),
        "no root-absolute links in pages"
    );
    let not_found = read(&out.path().join("404.html"));
    assert!(
        not_found.contains("href=\"/van-hoa-cong-vu/style.css\""),
        "404 is served at any depth: {not_found}"
    );
}

#[test]
fn every_internal_link_of_the_bundled_site_resolves() {
    let o = vanban()
        .args(["check", "--format", "json", "--root"])
        .arg(repo_root())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let broken: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "broken-link")
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(o.status.success(), "{}", stdout(&o));
}

#[test]
fn init_makes_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("moi");
    let o = vanban().arg("init").arg(&dir).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = vanban()
        .arg("build")
        .arg("--root")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.join("public/1847-qd-ttg-2018/index.html").is_file());
    let again = vanban().arg("init").arg(&dir).output().unwrap();
    assert!(!again.status.success(), "init refuses a non-empty folder");
}

#[test]
fn usage_errors_exit_2_help_and_version_exit_0() {
    assert_eq!(
        vanban()
            .arg("build")
            .arg("--no-such-flag")
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(vanban().output().unwrap().status.code(), Some(2));
    let help = vanban().arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("build"));
    let version = vanban().arg("--version").output().unwrap();
    assert!(stdout(&version).contains(env!("CARGO_PKG_VERSION")));
}

/// A rebuild writes into the output it replaced the time before (rewriting
/// a file is cheaper than creating one); what it leaves must still be
/// exactly what a build into a new folder writes.
#[test]
fn rebuilds_into_the_same_folder_equal_a_fresh_build() {
    let plan = doc(
        "title = \"Kế hoạch thực hiện\"\nkind = \"ke-hoach\"\nnumber = \"5/KH-UBND\"\nissued = \"2019-03-01\"",
        "Thực hiện Quyết định số 1847/QĐ-TTg.\n",
    );
    let report = doc(
        "title = \"Báo cáo kết quả\"\nkind = \"bao-cao\"\nnumber = \"9/BC-UBND\"\nissued = \"2020-01-02\"",
        "Kết quả thực hiện Kế hoạch số 5/KH-UBND.\n",
    );
    let s = site(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/1847.md", &decision_1847()),
        ("content/tinh/_index.md", &province("Tỉnh Mẫu")),
        ("content/tinh/ke-hoach.md", &plan),
        ("content/tinh/bao-cao.md", &report),
    ]);
    let out = s.path().join("public");
    for _ in 0..2 {
        assert!(build(s.path(), &out, &[]).status.success());
    }
    assert!(out.join("tinh/9-bc-ubnd-2020/index.html").exists());
    std::fs::remove_file(s.path().join("content/tinh/bao-cao.md")).unwrap();
    // The third build writes into the first one's files, report included.
    let o = build(s.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(s.path().join(".public.previous").is_dir());
    assert!(
        !out.join("tinh/9-bc-ubnd-2020").exists(),
        "the removed report's page went"
    );

    let fresh = s.path().join("fresh");
    assert!(build(s.path(), &fresh, &[]).status.success());
    let files = tree(&fresh);
    assert_eq!(tree(&out), files);
    for f in files {
        assert_eq!(
            std::fs::read(out.join(&f)).unwrap(),
            std::fs::read(fresh.join(&f)).unwrap(),
            "{}",
            f.display()
        );
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let s = site(&[
        ("content/_index.md", ROOT_INDEX),
        (
            "content/nhap.md",
            &doc(
                "title = \"Dự thảo\"\nkind = \"ke-hoach\"\ndraft = true",
                "Nội dung",
            ),
        ),
    ]);
    let out = s.path().join("public");
    assert!(build(s.path(), &out, &[]).status.success());
    assert!(!out.join("nhap/index.html").exists());
    assert!(build(s.path(), &out, &["--drafts"]).status.success());
    assert!(out.join("nhap/index.html").exists());
}

#[test]
fn markdown_gets_safe_html_ids_footnotes_and_highlighting() {
    let body = "## Tinh thần, thái độ làm việc\n\nVăn bản[^1].\n\n<script>alert(1)</script>\n\n```rust\nfn main() {}\n```\n\n[^1]: Công văn số 254/UBND-NV.\n";
    let s = site(&[
        ("content/_index.md", ROOT_INDEX),
        (
            "content/vb.md",
            &doc("title = \"T\"\nkind = \"huong-dan\"", body),
        ),
    ]);
    let out = s.path().join("public");
    let o = build(s.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&out.join("vb/index.html"));
    // The body is passed through the minifier as comrak wrote it.
    assert!(
        page.contains("<h2 id=\"tinh-than-thai-do-lam-viec\">"),
        "{page}"
    );
    assert!(!page.contains("<script>alert"), "raw HTML is escaped");
    assert!(
        page.contains("class=footnotes") || page.contains("class=\"footnotes"),
        "footnotes"
    );
    assert!(page.contains("hl-"), "code highlighted with classes");
}

#[test]
fn yaml_front_matter_and_site_template_overrides_work() {
    let s = site(&[
        ("content/_index.md", ROOT_INDEX),
        (
            "content/vb.md",
            "---\ntitle: Báo cáo\nkind: bao-cao\nissued: 2022-03\n---\nNội dung.\n",
        ),
        (
            "templates/404.html",
            "<!doctype html><html lang=\"vi\"><title>Riêng</title><p>Trang 404 riêng</p></html>",
        ),
        ("static/extra.txt", "tệp tĩnh"),
    ]);
    let out = s.path().join("public");
    let o = build(s.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&out.join("vb/index.html")).contains("tháng 3 năm 2022"));
    assert!(read(&out.join("404.html")).contains("Trang 404 riêng"));
    assert_eq!(read(&out.join("extra.txt")), "tệp tĩnh");
}

/// Templates are minified once, when the theme loads: layout whitespace by
/// block-level tags goes, a space between inline content stays (even next
/// to an `{% if %}`, whose output decides which of its spaces a browser
/// shows), `<pre>` is kept as written.
/// `static/` HTML, which no template made, goes through minify-html.
#[test]
fn templates_are_minified_once_keeping_what_renders() {
    let template = "<!doctype html>\n<html lang=\"vi\">\n<head>\n  <title>Riêng</title>\n</head>\n<body>\n  <!-- a note for the theme's authors -->\n  <ul>\n    <li>Một</li>\n    <li>Hai</li>\n  </ul>\n  <p><span>a</span>\n  {% if false %}<em>b</em>{% endif %}\n  <span>c</span></p>\n  <pre>  x\n    y</pre>\n</body>\n</html>\n";
    let files = [
        ("content/_index.md", ROOT_INDEX),
        ("templates/404.html", template),
        (
            "static/gioi-thieu.html",
            "<!doctype html>\n<html lang=\"vi\">\n<body>\n  <p>Giới   thiệu</p>\n</body>\n</html>\n",
        ),
    ];
    let s = site(&files);
    let out = s.path().join("public");
    let o = build(s.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        read(&out.join("404.html")),
        "<!doctype html><html lang=\"vi\"><head><title>Riêng</title></head><body><ul><li>Một</li><li>Hai</li></ul><p><span>a</span>  <span>c</span></p><pre>  x\n    y</pre></body></html>"
    );
    assert!(read(&out.join("gioi-thieu.html")).contains("<p>Giới thiệu</p>"));

    write_files(
        s.path(),
        &[("config.toml", "title = \"Thử nghiệm\"\nminify = false\n")],
    );
    assert!(build(s.path(), &out, &[]).status.success());
    assert!(read(&out.join("404.html")).contains("<ul>\n    <li>Một</li>"));
    assert!(read(&out.join("gioi-thieu.html")).contains("<p>Giới   thiệu</p>"));
}

/// A template's syntax error gives the line as the webmaster wrote it, not
/// a line of the minified template.
#[test]
fn a_template_error_names_the_line_as_written() {
    let s = site(&[
        ("content/_index.md", ROOT_INDEX),
        (
            "templates/404.html",
            "<!doctype html>\n<html lang=\"vi\">\n<body>\n\n<p>{% if %}</p>\n</body>\n</html>\n",
        ),
    ]);
    let o = build(s.path(), &s.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("404.html") && err.contains("5:"), "{err}");
}
