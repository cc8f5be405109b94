//! What `vanban build` does with an output folder: it replaces only a
//! folder it wrote (marked by `.vanban-output`) or an empty one, never the
//! site or its sources, and a build killed at any point leaves the
//! published output whole and the next build nothing stale.

mod common;
use common::*;
use std::path::Path;
use std::process::Stdio;

fn small_site() -> tempfile::TempDir {
    site(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/quyet-dinh-1847.md", &decision_1847()),
    ])
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    tree(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(dir.join(&p)).unwrap();
            (p, bytes)
        })
        .collect()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn building_into_content_twice_loses_no_source_file() {
    let s = small_site();
    let before = snapshot(s.path());
    for _ in 0..2 {
        let o = build(s.path(), &s.path().join("content"), &[]);
        assert!(!o.status.success());
        assert!(stderr(&o).contains("content/"), "{}", stderr(&o));
    }
    assert_eq!(snapshot(s.path()), before, "every source file is as it was");
    assert_eq!(names_in(s.path()), ["config.toml", "content"]);
}

#[test]
fn the_sites_template_and_static_folders_are_refused_as_outputs() {
    let s = small_site();
    write_files(
        s.path(),
        &[
            (
                "templates/base.html",
                "<html>{% block main %}{% endblock %}</html>",
            ),
            ("static/logo.svg", "<svg/>"),
        ],
    );
    let before = snapshot(s.path());
    for folder in ["templates", "static", "static/anh"] {
        let o = build(s.path(), &s.path().join(folder), &[]);
        assert!(!o.status.success(), "{folder}");
        assert!(
            stderr(&o).contains("folder: choose a folder"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(snapshot(s.path()), before);
}

#[test]
fn the_site_root_and_its_parent_are_refused_as_outputs() {
    let s = small_site();
    std::fs::create_dir(s.path().join(".git")).unwrap();
    std::fs::write(s.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    let before = snapshot(s.path());
    for out in [s.path().to_path_buf(), s.path().join("..")] {
        let o = build(s.path(), &out, &[]);
        assert!(!o.status.success());
        assert!(stderr(&o).contains("the site itself"), "{}", stderr(&o));
    }
    assert_eq!(snapshot(s.path()), before);
    let parent = s.path().parent().unwrap();
    let name = s.path().file_name().unwrap().to_string_lossy();
    assert!(!parent.join(format!(".{name}.previous")).exists());
}

#[test]
fn a_web_root_with_another_sites_files_is_refused_and_kept() {
    let s = small_site();
    let www = tempfile::tempdir().unwrap();
    write_files(
        www.path(),
        &[
            ("cong-thong-tin/index.html", "<p>cổng</p>"),
            ("robots.txt", "x"),
        ],
    );
    let before = snapshot(www.path());
    for _ in 0..2 {
        let o = build(s.path(), www.path(), &[]);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(
            err.contains(".vanban-output") && err.contains("did not write"),
            "{err}"
        );
    }
    assert_eq!(snapshot(www.path()), before);
}

#[test]
fn a_file_as_the_output_is_named_as_such_and_leaves_nothing() {
    let s = small_site();
    let out = s.path().join("outfile");
    std::fs::write(&out, "notes").unwrap();
    for _ in 0..2 {
        let o = build(s.path(), &out, &[]);
        assert!(!o.status.success());
        assert!(
            stderr(&o).contains("is a file, not a folder"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(names_in(s.path()), ["config.toml", "content", "outfile"]);
}

#[test]
fn an_output_vanban_made_is_marked_and_rebuilt() {
    let s = small_site();
    let out = s.path().join("public");
    for _ in 0..2 {
        let o = build(s.path(), &out, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert!(out.join(".vanban-output").is_file());
    assert!(s.path().join(".public.previous/.vanban-output").is_file());
}

/// A site large enough that a build takes a while, so kills land inside it.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban()
        .args(["bench-corpus", "--docs", "1500", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    dir
}

#[test]
fn builds_killed_at_random_points_never_harm_the_output() {
    let s = corpus();
    let out = s.path().join("public");
    let o = build(s.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let reference = snapshot(&out);
    // Timed on a build that rewrites the previous output, as the killed
    // ones do: the second build makes that folder, the third reuses it.
    let o = build(s.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let started = std::time::Instant::now();
    let o = build(s.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let full = started.elapsed();
    // Kill points spread over the whole build, from a seed that varies.
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    let mut killed = 0;
    for i in 0..6u64 {
        let fraction = ((seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(i * 1442695040888963407))
            >> 33)
            % 90;
        let wait = full.mul_f64(fraction as f64 / 100.0);
        let mut child = vanban()
            .arg("build")
            .arg("--root")
            .arg(s.path())
            .arg("--output-dir")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        child.kill().ok();
        child.wait().unwrap();
        // Whatever the point, the output is the last complete build.
        assert_eq!(snapshot(&out), reference, "kill {i} after {wait:?}");
    }
    assert!(killed > 0, "no build was killed while running");
    let o = build(s.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(snapshot(&out), reference);
    let left: Vec<String> = names_in(s.path())
        .into_iter()
        .filter(|n| n.starts_with(".public"))
        .collect();
    let stale: Vec<(String, Vec<String>)> = left
        .iter()
        .filter(|n| n.as_str() != ".public.previous")
        .map(|n| (n.clone(), names_in(&s.path().join(n))))
        .collect();
    assert_eq!(
        left,
        [".public.previous"],
        "nothing stale is left: {stale:?}"
    );
}
