//! `vanban import` through the command line: what it writes, what it
//! reports, when it refuses, and that an imported site builds.

mod common;
use common::*;

fn seeds() -> std::path::PathBuf {
    repo_root().join("tests/fixtures/seeds")
}

/// Runs `vanban import INPUT --root ROOT ARGS…`.
fn import(input: &std::path::Path, root: &std::path::Path, args: &[&str]) -> std::process::Output {
    vanban()
        .arg("import")
        .arg(input)
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn imports_a_folder_reporting_fields_and_lines() {
    let root = tempfile::tempdir().unwrap();
    let o = import(&seeds(), root.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("number (line 10): 6861/KH-UBND"), "{out}");
    assert!(out.contains("issued (line 12): 2019-07-12"), "{out}");
    assert!(out.contains("not found:"), "{out}");
    assert!(
        out.contains("table-layout leftover"),
        "removed leftovers are listed: {out}"
    );
    assert!(out.contains("5 file(s), 0 failed"), "{out}");
    let plan = read(&root.path().join("content/khanh-hoa/6861-kh-ubnd-2019.md"));
    assert!(plan.starts_with("+++\n"));
    assert!(plan.contains("number = \"6861/KH-UBND\""));
    assert!(
        plan.contains("implements = ["),
        "citations become relations: {plan}"
    );
    assert!(plan.contains("Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ"));
    let report = read(
        &root
            .path()
            .join("content/thanh-hoa/trieu-son")
            .read_dir()
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
    );
    assert!(
        report.contains("issued = \"2022-03\""),
        "blank day gives a partial date: {report}"
    );
    assert!(report.contains("[^1]"), "footnotes are joined: {report}");
}

#[test]
fn dry_run_writes_nothing_and_existing_files_need_force() {
    let root = tempfile::tempdir().unwrap();
    let seed = seeds().join("004_2c6eebdcd6994d7a.txt");
    let dry = import(&seed, root.path(), &["--dry-run"]);
    assert!(dry.status.success());
    assert!(stdout(&dry).contains("would write"));
    assert!(
        !root.path().join("content").exists(),
        "dry run wrote something"
    );

    let into = ["--into", "content/nam-dinh"];
    assert!(import(&seed, root.path(), &into).status.success());
    let written = root
        .path()
        .join("content/nam-dinh")
        .read_dir()
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(&written, "sửa tay").unwrap();
    let again = import(&seed, root.path(), &into);
    assert_eq!(again.status.code(), Some(1));
    assert!(stdout(&again).contains("use --force"), "{}", stdout(&again));
    assert_eq!(read(&written), "sửa tay", "not overwritten");
    let forced = import(&seed, root.path(), &[&into[..], &["--force"]].concat());
    assert!(forced.status.success());
    assert!(read(&written).contains("number = \"/UBND-VP8\""));
}

#[test]
fn json_report_names_every_file() {
    let root = tempfile::tempdir().unwrap();
    let o = import(&seeds(), root.path(), &["--dry-run", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = report.as_array().unwrap();
    assert_eq!(files.len(), 5);
    let news = files
        .iter()
        .find(|f| f["source"].as_str().unwrap().contains("001_"))
        .unwrap();
    // Each field says its line and where it came from.
    let field = |file: &serde_json::Value, name: &str| {
        file["report"]["found"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("{name} in {file:#}"))
    };
    let kind = field(news, "kind");
    assert_eq!(kind["source"], "inferred", "{kind:#}");
    assert_eq!(kind["line"], 1, "{kind:#}");
    let plan = files
        .iter()
        .find(|f| f["source"].as_str().unwrap().contains("002_"))
        .unwrap();
    let number = field(plan, "number");
    assert_eq!(
        (&number["value"], &number["line"], &number["source"]),
        (&"6861/KH-UBND".into(), &10.into(), &"header".into())
    );
    assert_eq!(field(plan, "signer.name")["source"], "closing block");
}

#[test]
fn file_without_kind_or_title_is_a_draft_and_import_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Một đoạn văn không có tiêu đề và không có loại văn bản.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n\nSố: 15/BC-UBND\n\nKhánh Hòa, ngày 3 tháng 4 năm 2020\n\nBÁO CÁO\n\nKết quả thực hiện văn hóa công vụ\n\nNội dung báo cáo.\n",
    )
    .unwrap();
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("config.toml"), "title = \"Nhập\"\n").unwrap();
    let o = import(dir.path(), root.path(), &[]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("1 of 2 files need a kind (written as drafts): a.txt"),
        "{out}"
    );
    assert!(
        out.contains("1 of 2 files need a title (written as drafts): a.txt"),
        "{out}"
    );
    assert!(out.contains("the build would refuse it"), "{out}");
    // Nothing is lost: the draft is written with every word.
    let draft = root
        .path()
        .join("content")
        .read_dir()
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let text = read(&draft);
    assert!(text.contains("draft = true"), "{text}");
    assert!(text.contains("Một đoạn văn không có tiêu đề"), "{text}");
    // The complete file is not a draft and the loader accepts it.
    let report = read(&root.path().join("content/khanh-hoa/15-bc-ubnd-2020.md"));
    assert!(!report.contains("draft"), "{report}");
    assert!(!out.contains("15-bc-ubnd-2020.md\n  error"), "{out}");
}

#[test]
fn imported_seeds_build_and_resolve_their_citations() {
    let root = tempfile::tempdir().unwrap();
    let o = import(&seeds(), root.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // What a webmaster adds by hand: the jurisdictions and the national
    // decision.
    for folder in [
        "quang-tri",
        "quang-tri/vinh-linh",
        "khanh-hoa",
        "thanh-hoa",
        "thanh-hoa/trieu-son",
        "nam-dinh",
    ] {
        let index = format!("content/{folder}/_index.md");
        std::fs::copy(repo_root().join(&index), root.path().join(&index)).unwrap();
    }
    std::fs::copy(
        repo_root().join("content/_index.md"),
        root.path().join("content/_index.md"),
    )
    .unwrap();
    std::fs::copy(
        repo_root().join("content/quyet-dinh-1847-qd-ttg.md"),
        root.path().join("content/quyet-dinh-1847-qd-ttg.md"),
    )
    .unwrap();
    let news = root
        .path()
        .join("content/trien-khai-thuc-hien-de-an-van-hoa-cong-vu.md");
    assert!(
        read(&news).contains("kind = \"tin-bai\""),
        "a headerless post with a headline is news"
    );
    std::fs::write(root.path().join("config.toml"), "title = \"Nhập\"\n").unwrap();

    let out = root.path().join("public");
    let o = build(root.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plan = read(&out.join("khanh-hoa/6861-kh-ubnd-2019/index.html"));
    assert!(
        plan.contains("href=\"../../1847-qd-ttg-2018/\">Quyết định số 1847/QĐ-TTg</a>"),
        "citation linked"
    );
    let decision = read(&out.join("1847-qd-ttg-2018/index.html"));
    for implementer in [
        "khanh-hoa/6861-kh-ubnd-2019/",
        "nam-dinh/",
        "thanh-hoa/trieu-son/",
        "quang-tri/vinh-linh/",
    ] {
        assert!(
            decision.contains(&format!("href=\"../{implementer}")),
            "1847 lists {implementer}"
        );
    }
}

#[test]
fn utf8_file_with_one_bad_byte_stays_utf8_and_names_the_byte() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n\nSố: 15/BC-UBND\n\nKhánh Hòa, ngày 3 tháng 4 năm 2020\n\nBÁO CÁO\n\nKết quả thực hiện văn hóa công vụ\n\nĐội ngũ cán bộ, công chức đã thực hiện nghiêm túc các quy định về văn hóa công vụ; ứng xử lịch sự với người dân.\n"
        .as_bytes()
        .to_vec();
    // One stray Windows-1252 byte on line 12, after "Đội ngũ ".
    let at = bytes
        .windows("cán bộ".len())
        .position(|w| w == "cán bộ".as_bytes())
        .unwrap();
    bytes.insert(at, 0xB8);
    let source = dir.path().join("bao-cao.txt");
    std::fs::write(&source, &bytes).unwrap();
    let root = tempfile::tempdir().unwrap();
    let o = import(&source, root.path(), &[]);
    let out = stdout(&o);
    assert!(
        out.contains("warning: invalid UTF-8 byte at line 12, column 9"),
        "{out}"
    );
    assert!(
        out.contains("encoding: utf-8 (with invalid bytes)"),
        "{out}"
    );
    let written = read(&root.path().join("content/khanh-hoa/15-bc-ubnd-2020.md"));
    assert!(
        written.contains("issuer = \"ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA\""),
        "{written}"
    );
    assert!(
        written.contains("title = \"Kết quả thực hiện văn hóa công vụ\""),
        "{written}"
    );
    assert!(written.contains("Đội ngũ \u{FFFD}cán bộ"), "{written}");
}
