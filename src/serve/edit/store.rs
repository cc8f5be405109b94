//! Where the editor writes, and the checks before it does: a content file
//! only under `content/`, a picture only under `static/anh/`, never a path
//! with `..`, and never over a file changed on disk since it was opened.

use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};

/// Folder under `static/` that uploaded pictures go to.
pub const IMAGE_FOLDER: &str = "anh";

const IMAGE_TYPES: [&str; 5] = ["jpg", "jpeg", "png", "gif", "webp"];

/// The fingerprint of a file's bytes that a form carries from opening to
/// saving ("" for a file that does not exist).
pub fn fingerprint(path: &Path) -> String {
    match std::fs::read(path) {
        Ok(bytes) => {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            format!("{:016x}-{}", h.finish(), bytes.len())
        }
        Err(_) => String::new(),
    }
}

/// Whether every component of `rel` is a plain name (no `..`, `.`, root
/// or drive) and it has no backslash or NUL.
fn plain(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.contains(['\\', '\0'])
        // `components` would drop a "." segment silently.
        && rel.split('/').all(|s| !s.is_empty() && s != "." && s != "..")
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// A content file the editor may write: `content/…/name.md`, not a
/// folder's `_index.md`.
pub fn content_path(root: &Path, rel: &str) -> Result<PathBuf, String> {
    let ok = plain(rel)
        && rel.starts_with("content/")
        && rel.ends_with(".md")
        && !rel.ends_with("/_index.md");
    if ok {
        Ok(root.join(rel))
    } else {
        Err(format!(
            "Không ghi được vào “{rel}”: trình soạn thảo chỉ ghi tệp .md trong thư mục content/ của trang, không nhận đường dẫn có “..”."
        ))
    }
}

/// The file a new post or document is written to: in the folder of the
/// jurisdiction `unit` ("" national), under `tin-tuc/` for news, named by
/// `slug`. Nothing is written yet.
pub fn new_file(root: &Path, unit: &str, news: bool, slug: &str) -> Result<String, String> {
    let known = unit.is_empty()
        || (plain(unit) && root.join("content").join(unit).join("_index.md").is_file());
    if !known {
        return Err(format!(
            "Không có đơn vị “{unit}” trong trang (thư mục content/{unit}/ có _index.md)."
        ));
    }
    if slug.is_empty() || !plain(slug) || slug.contains('/') {
        return Err(
            "Cần nhập tiêu đề (hoặc tên tệp) có chữ cái hoặc chữ số để đặt tên tệp.".into(),
        );
    }
    let mut rel = String::from("content/");
    if !unit.is_empty() {
        rel.push_str(unit);
        rel.push('/');
    }
    if news {
        rel.push_str("tin-tuc/");
    }
    rel.push_str(slug);
    rel.push_str(".md");
    content_path(root, &rel)?;
    Ok(rel)
}

/// A news folder's own file, as `vanban new` writes it, when a post is the
/// first in it.
fn ensure_news_index(folder: &Path) -> Result<(), String> {
    let index = folder.join("_index.md");
    if folder.file_name().is_some_and(|n| n == "tin-tuc") && !index.exists() {
        std::fs::write(&index, "+++\ntitle = \"Tin tức\"\n+++\n")
            .map_err(|e| format!("Không tạo được {}: {e}", index.display()))?;
    }
    Ok(())
}

/// Writes `text` to `rel` unless the file on disk is no longer the one
/// opened (`opened`: its fingerprint then, "" for a new file).
pub fn write_content(root: &Path, rel: &str, opened: &str, text: &str) -> Result<(), String> {
    let path = content_path(root, rel)?;
    let now = fingerprint(&path);
    if now != opened {
        return Err(if opened.is_empty() {
            format!("Đã có tệp {rel}: hãy đặt tiêu đề hoặc tên tệp khác, hoặc mở tệp đó để sửa.")
        } else if now.is_empty() {
            format!("Tệp {rel} đã bị xóa hoặc đổi tên sau khi mở: không lưu, để khỏi ghi nhầm.")
        } else {
            format!("Tệp {rel} đã được sửa ở nơi khác sau khi mở: không lưu đè. Hãy chép phần mình sửa ra ngoài, mở lại tệp rồi sửa tiếp.")
        });
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("Không tạo được thư mục: {e}"))?;
        ensure_news_index(parent)?;
    }
    std::fs::write(&path, text).map_err(|e| format!("Không ghi được {rel}: {e}"))
}

/// Saves an uploaded picture under `static/anh/`, named after `stem` and
/// never over another file; returns its site path ("anh/ten.jpg").
pub fn save_image(
    root: &Path,
    file_name: &str,
    bytes: &[u8],
    stem: &str,
) -> Result<String, String> {
    let ext = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !IMAGE_TYPES.contains(&ext.as_str()) {
        return Err(format!(
            "Tệp “{file_name}” không phải ảnh JPEG, PNG, GIF hoặc WebP: chỉ tải lên được các loại ảnh này."
        ));
    }
    let stem = match crate::new::short_slug(stem) {
        s if s.is_empty() => "anh".to_string(),
        s => s,
    };
    let folder = root.join("static").join(IMAGE_FOLDER);
    std::fs::create_dir_all(&folder).map_err(|e| format!("Không tạo được thư mục ảnh: {e}"))?;
    for n in 1.. {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = folder.join(&name);
        if path.exists() {
            continue;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("Không lưu được ảnh: {e}"))?;
        return Ok(format!("{IMAGE_FOLDER}/{name}"));
    }
    unreachable!("some name is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_content() {
        let root = Path::new("/site");
        assert!(content_path(root, "content/tin-tuc/a.md").is_ok());
        for bad in [
            "content/../config.toml",
            "content/../../etc/x.md",
            "/etc/x.md",
            "static/a.md",
            "content/a/_index.md",
            "content/./a.md",
            "content\\..\\a.md",
            "content/a.txt",
        ] {
            assert!(content_path(root, bad).is_err(), "{bad}");
        }
        assert!(new_file(root, "../x", true, "a").is_err());
        assert!(new_file(root, "", false, "..").is_err());
    }

    #[test]
    fn never_overwrites_a_file_changed_since_it_was_opened() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write_content(root, "content/a.md", "", "one").unwrap();
        assert!(write_content(root, "content/a.md", "", "two")
            .unwrap_err()
            .contains("Đã có tệp"));
        let opened = fingerprint(&root.join("content/a.md"));
        std::fs::write(root.join("content/a.md"), "changed elsewhere").unwrap();
        let err = write_content(root, "content/a.md", &opened, "two").unwrap_err();
        assert!(err.contains("đã được sửa ở nơi khác"), "{err}");
        let opened = fingerprint(&root.join("content/a.md"));
        write_content(root, "content/a.md", &opened, "two").unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join("content/a.md")).unwrap(),
            "two"
        );
    }

    #[test]
    fn pictures_get_free_names_and_other_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = save_image(dir.path(), "IMG 1.JPG", b"x", "Trao thưởng").unwrap();
        let b = save_image(dir.path(), "x.jpg", b"y", "Trao thưởng").unwrap();
        assert_eq!(a, "anh/trao-thuong.jpg");
        assert_eq!(b, "anh/trao-thuong-2.jpg");
        assert!(save_image(dir.path(), "x.svg", b"<svg/>", "a").is_err());
        assert!(save_image(dir.path(), "x.html", b"", "a").is_err());
    }
}
