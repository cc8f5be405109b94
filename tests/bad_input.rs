//! Bad input: every error names the file and position, all files' errors are
//! reported in one run, and a failed build leaves the previous output alone.

mod common;
use common::*;

fn good_files() -> Vec<(&'static str, String)> {
    vec![
        ("content/_index.md", ROOT_INDEX.to_string()),
        ("content/tinh/_index.md", province("Tỉnh Mẫu")),
        (
            "content/tinh/ke-hoach.md",
            doc("title = \"Triển khai\"\nkind = \"ke-hoach\"\nnumber = \"1/KH-UBND\"\nissued = \"2019-03-01\"", "Nội dung.\n"),
        ),
    ]
}

/// The hidden folders a build left beside `public/`.
fn beside_output(root: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public"))
        .collect()
}

fn make(files: &[(&str, String)]) -> tempfile::TempDir {
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    site(&borrowed)
}

#[test]
fn every_bad_file_is_reported_with_file_line_and_expectation() {
    let mut files = good_files();
    files.push((
        "content/tinh/loai-sai.md",
        doc("title = \"T\"\nkind = \"ke hoach xyz\"", ""),
    ));
    files.push((
        "content/tinh/ngay-sai.md",
        doc(
            "title = \"T\"\nkind = \"bao-cao\"\n\nissued = \"2022-13-01\"",
            "",
        ),
    ));
    files.push((
        "content/tinh/toml-sai.md",
        "+++\ntitle = \"T\"\nkind = ke-hoach\n+++\n".into(),
    ));
    files.push(("content/tinh/khong-dong.md", "+++\ntitle = \"T\"\n".into()));
    files.push((
        "content/tinh/go-sai.md",
        doc("title = \"T\"\nkind = \"ke-hoach\"\nisued = \"2020\"", ""),
    ));
    files.push((
        "content/tinh/quan-he-sai.md",
        doc(
            "title = \"T\"\nkind = \"ke-hoach\"\nimplements = [\"một văn bản nào đó\"]",
            "",
        ),
    ));
    files.push((
        "content/tinh/sai-cap/_index.md",
        "+++\nname = \"Xã\"\nlevel = \"thon\"\n+++\n".into(),
    ));
    let s = make(&files);
    let bytes = [
        b"+++\ntitle = \"V".as_slice(),
        &[0xE1, 0x28],
        b"n\"\nkind = \"ke-hoach\"\n+++\n",
    ]
    .concat();
    std::fs::write(s.path().join("content/tinh/utf8-sai.md"), bytes).unwrap();

    let out = s.path().join("public");
    let o = build(s.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1), "content errors exit 1");
    let err = stderr(&o);
    for expected in [
        "content/tinh/loai-sai.md:3:1: error[unknown-kind]: unknown kind \"ke hoach xyz\": expected one of: nghi-quyet",
        "content/tinh/ngay-sai.md:5:1: error[invalid-date]",
        "content/tinh/toml-sai.md:3:",
        "content/tinh/khong-dong.md:1:1: error[front-matter]: front matter opened here is never closed",
        "content/tinh/go-sai.md:4:",
        "isued",
        "content/tinh/utf8-sai.md:2:",
        "invalid UTF-8 at byte offset 14",
        "content/tinh/sai-cap/_index.md:3:1: error[unknown-level]",
        "content/tinh/quan-he-sai.md:4:1: error[invalid-relation]",
    ] {
        assert!(err.contains(expected), "missing «{expected}» in:\n{err}");
    }
    assert!(
        !out.exists(),
        "nothing is written when the content has errors"
    );
}

#[test]
fn relation_errors_are_reported_with_the_line_they_are_on() {
    let mut files = good_files();
    files.push((
        "content/tinh/quan-he-sai.md",
        doc(
            "title = \"T\"\nkind = \"ke-hoach\"\nimplements = [\"một văn bản nào đó\"]",
            "",
        ),
    ));
    let s = make(&files);
    let o = build(s.path(), &s.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/tinh/quan-he-sai.md:4:1: error[invalid-relation]"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn failed_build_keeps_previous_output() {
    let files = good_files();
    let s = make(&files);
    let out = s.path().join("public");
    assert!(build(s.path(), &out, &[]).status.success());
    let before: Vec<_> = tree(&out)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(out.join(&f)).unwrap()))
        .collect();

    std::fs::write(
        s.path().join("content/tinh/ke-hoach.md"),
        doc("title = \"Đã sửa\"\nkind = \"sai\"", ""),
    )
    .unwrap();
    let o = build(s.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("previous output was left untouched"));
    let after: Vec<_> = tree(&out)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(out.join(&f)).unwrap()))
        .collect();
    assert_eq!(before, after, "the old site is still there, unchanged");
    assert_eq!(
        beside_output(s.path()),
        [".public.previous"],
        "no staging folder left behind, only the one the next build writes into"
    );
}

/// Pages are written as they are rendered; a template that breaks halfway
/// must still leave the previous output as it was, and no staging folder
/// but the one the next build writes into.
#[test]
fn a_build_failing_after_pages_were_written_leaves_the_output_as_it_was() {
    let files = good_files();
    let s = make(&files);
    let out = s.path().join("public");
    assert!(build(s.path(), &out, &[]).status.success());
    let home_before = std::fs::read(out.join("index.html")).unwrap();

    // Only document pages break: list pages and the home page render fine
    // and reach the staging folder before the build fails.
    std::fs::create_dir_all(s.path().join("templates")).unwrap();
    std::fs::write(
        s.path().join("templates/document.html"),
        "{{ no_such_value.field }}",
    )
    .unwrap();
    let o = build(s.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("templates/document.html"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), home_before);
    assert!(out.join("tinh/1-kh-ubnd-2019/index.html").exists());
    assert_eq!(
        beside_output(s.path()),
        [".public.previous"],
        "no staging folder left behind, only the one the next build writes into"
    );
}

#[test]
fn two_documents_for_one_url_is_an_error_naming_both() {
    let mut files = good_files();
    files.push((
        "content/tinh/ban-sao.md",
        doc("title = \"Bản sao\"\nkind = \"ke-hoach\"\nnumber = \"1/KH-UBND\"\nissued = \"2019-05-01\"", ""),
    ));
    files.push((
        "content/tinh/loai-sai.md",
        doc("title = \"T\"\nkind = \"khong-co\"", ""),
    ));
    let s = make(&files);
    let o = build(s.path(), &s.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("error[url-collision]"), "{err}");
    assert!(
        err.contains("content/tinh/ban-sao.md") && err.contains("content/tinh/ke-hoach.md"),
        "{err}"
    );
    assert!(err.contains("/tinh/1-kh-ubnd-2019/"), "{err}");
    assert!(
        err.contains("error[unknown-kind]"),
        "the collision does not hide other errors: {err}"
    );
}

#[test]
fn warnings_do_not_fail_the_build() {
    let mut files = good_files();
    files.push((
        "content/tinh/lech.md",
        doc(
            "title = \"T\"\nkind = \"ke-hoach\"\nnumber = \"6861/QĐ-UBND\"",
            "",
        ),
    ));
    let s = make(&files);
    let o = build(s.path(), &s.path().join("public"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("content/tinh/lech.md:4:1: warning[kind-number-mismatch]"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_slug_cannot_escape_the_output_folder() {
    let mut files = good_files();
    files.push((
        "content/tinh/thoat.md",
        doc(
            "title = \"T\"\nkind = \"ke-hoach\"\nslug = \"../../../../tmp/thoat\"",
            "",
        ),
    ));
    let s = make(&files);
    let out = s.path().join("public");
    assert!(build(s.path(), &out, &[]).status.success());
    assert!(out.join("tinh/tmp-thoat/index.html").is_file());
    assert!(!s.path().join("tmp").exists());
}

#[test]
fn a_document_at_an_address_the_site_keeps_is_an_error_naming_its_file() {
    let mut files = good_files();
    files.push((
        "content/tim-kiem.md",
        doc(
            "title = \"Tìm\"\nkind = \"thong-bao\"\nissued = \"2020-01-01\"",
            "",
        ),
    ));
    let s = make(&files);
    let o = build(s.path(), &s.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let line = err
        .lines()
        .find(|l| l.contains("url-collision"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("content/tim-kiem.md:1:1") && line.contains("/tim-kiem/"),
        "{line}"
    );
}

/// One rule for symbolic links in a site: followed while they stay inside
/// the site root, refused with a warning when they lead outside it.
#[cfg(unix)]
#[test]
fn symlinks_inside_the_site_are_followed_and_outside_refused_with_a_warning() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = doc(
        "title = \"Bí mật ngoài trang\"\nkind = \"cong-van\"\nnumber = \"9/UBND-BM\"\nissued = \"2020-01-02\"",
        "Không được đăng.",
    );
    std::fs::write(outside.path().join("secret.md"), &secret).unwrap();
    std::fs::write(outside.path().join("leak.css"), "body{}").unwrap();
    let s = site(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/quyet-dinh-1847.md", &decision_1847()),
        (
            "shared/ke-hoach-12.md",
            &doc(
                "title = \"Kế hoạch dùng chung\"\nkind = \"ke-hoach\"\nnumber = \"12/KH-UBND\"\nissued = \"2020-03-04\"",
                "Nội dung.",
            ),
        ),
    ]);
    let root = s.path();
    symlink(root.join("shared"), root.join("content/dung-chung")).unwrap();
    symlink(
        outside.path().join("secret.md"),
        root.join("content/bi-mat.md"),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    symlink(
        outside.path().join("leak.css"),
        root.join("static/leak.css"),
    )
    .unwrap();
    let out = root.join("public");
    let o = build(root, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    for link in ["content/bi-mat.md", "static/leak.css"] {
        assert!(
            err.contains(link) && err.contains("symlink-outside-site"),
            "warns about {link}: {err}"
        );
    }
    let published: String = tree(&out)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| read(&out.join(p)))
        .collect();
    assert!(
        published.contains("Kế hoạch dùng chung"),
        "the linked folder is published"
    );
    assert!(!published.contains("Bí mật ngoài trang"));
    assert!(!out.join("leak.css").exists());
}

/// The generated site loads nothing from outside itself: a picture on
/// another host is shown as a link, `build` warns and `check` fails, each
/// naming the file and line.
#[test]
fn pictures_on_other_hosts_are_linked_not_loaded_and_fail_check() {
    let body = "Lễ trao bằng khen.\n\n![Quang cảnh buổi lễ](https://bao.example.vn/anh.jpg)\n\n![](//cdn.example.vn/b.png)\n\n![Ảnh trong trang](anh/le.jpg)\n";
    let s = site(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/quyet-dinh-1847.md", &decision_1847()),
        (
            "content/tin-bai-le.md",
            &doc(
                "title = \"Lễ trao bằng khen\"\nkind = \"tin-bai\"\nissued = \"2020-01-10\"",
                body,
            ),
        ),
    ]);
    let out = s.path().join("public");
    let o = build(s.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    // Front matter ends on line 5, so the body's lines 3 and 5 are 8 and 10.
    for at in ["content/tin-bai-le.md:8:", "content/tin-bai-le.md:10:"] {
        assert!(err.contains(at), "build warns at {at}: {err}");
    }
    let html: String = tree(&out)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| read(&out.join(p)))
        .collect();
    assert!(!html.contains("src=\"https://bao.example.vn"), "not loaded");
    assert!(!html.contains("src=\"//cdn.example.vn"), "not loaded");
    assert!(
        html.contains("href=\"https://bao.example.vn/anh.jpg\""),
        "linked"
    );
    assert!(html.contains("src=\"anh/le.jpg\"") || html.contains("anh/le.jpg"));

    let c = vanban()
        .args(["check", "--root"])
        .arg(s.path())
        .output()
        .unwrap();
    assert!(!c.status.success(), "check fails on an outside picture");
    let all = format!("{}{}", stdout(&c), stderr(&c));
    assert!(
        all.contains("outside-image") && all.contains("content/tin-bai-le.md:8:"),
        "{all}"
    );
}
