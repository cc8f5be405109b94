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
    assert!(
        news["report"]["not_found"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "kind"),
        "{news:#}"
    );
}

#[test]
fn imported_seeds_build_and_resolve_their_citations() {
    let root = tempfile::tempdir().unwrap();
    let o = import(&seeds(), root.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // What a webmaster adds by hand: the jurisdictions, the national
    // decision, and the kind of the news article (no text says it).
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
    let text = read(&news).replacen("+++\n", "+++\nkind = \"tin-bai\"\n", 1);
    std::fs::write(&news, text).unwrap();
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
