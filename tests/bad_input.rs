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
