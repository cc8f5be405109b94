//! Helpers for integration tests that drive the `vanban` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary site made of the given files (paths relative to the root).
pub fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_files(dir.path(), files);
    if !files.iter().any(|(p, _)| *p == "config.toml") {
        std::fs::write(dir.path().join("config.toml"), "title = \"Thử nghiệm\"\n").unwrap();
    }
    dir
}

pub fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

pub fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    vanban()
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output-dir")
        .arg(out)
        .args(extra)
        .output()
        .expect("run vanban")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// All files under `dir`, relative, sorted.
pub fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

pub const ROOT_INDEX: &str = "+++\nname = \"Trung ương\"\nlevel = \"trung-uong\"\n+++\n";

pub fn province(name: &str) -> String {
    format!("+++\nname = \"{name}\"\nlevel = \"tinh\"\n+++\n")
}

pub fn district(name: &str) -> String {
    format!("+++\nname = \"{name}\"\nlevel = \"huyen\"\n+++\n")
}

/// A document file with the given front-matter lines and body.
pub fn doc(front_matter: &str, body: &str) -> String {
    format!("+++\n{front_matter}\n+++\n{body}")
}

/// Quyết định 1847/QĐ-TTg as a metadata-only page, the decision most test
/// sites implement.
pub fn decision_1847() -> String {
    doc(
        "title = \"Phê duyệt Đề án Văn hóa công vụ\"\nkind = \"quyet-dinh\"\nnumber = \"1847/QĐ-TTg\"\nissued = \"2018-12-27\"\nissuer = \"Thủ tướng Chính phủ\"",
        "",
    )
}
