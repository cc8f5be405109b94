//! Writing the output atomically: a failed build leaves the previous output
//! untouched.

use crate::render::Page;
use rayon::prelude::*;
use std::io;
use std::path::{Component, Path};

/// Writes `pages` into a fresh folder next to `out`, then swaps it in.
pub fn write_atomically(out: &Path, pages: &[Page]) -> io::Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::env::current_dir()?,
    };
    std::fs::create_dir_all(&parent)?;
    let name = out
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "output folder has no name"))?
        .to_string_lossy()
        .into_owned();
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)?;
    write_all(staging.path(), pages)?;
    let staged = staging.keep();
    if out.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(&parent)?
            .keep();
        std::fs::remove_dir(&old)?;
        std::fs::rename(out, &old)?;
        if let Err(e) = std::fs::rename(&staged, out) {
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(&staged);
            return Err(e);
        }
        std::fs::remove_dir_all(&old)?;
    } else if let Err(e) = std::fs::rename(&staged, out) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e);
    }
    Ok(())
}

/// Writes every page under `dir`, refusing any path that would leave it.
pub fn write_all(dir: &Path, pages: &[Page]) -> io::Result<()> {
    let mut folders: Vec<&Path> = pages
        .iter()
        .filter_map(|p| Path::new(&p.path).parent())
        .collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        std::fs::create_dir_all(dir.join(checked(folder)?))?;
    }
    pages
        .par_iter()
        .try_for_each(|p| std::fs::write(dir.join(checked(Path::new(&p.path))?), &p.content))
}

fn checked(path: &Path) -> io::Result<&Path> {
    if path.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(path)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "refusing to write outside the output folder: {}",
                path.display()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Page {
        Page {
            path: path.into(),
            content: text.as_bytes().to_vec(),
            source: None,
        }
    }

    #[test]
    fn replaces_the_previous_output_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomically(&out, &[page("a/index.html", "1"), page("old.html", "x")]).unwrap();
        write_atomically(&out, &[page("a/index.html", "2")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "2"
        );
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn refuses_paths_that_escape() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("keep"), "old").unwrap();
        assert!(write_atomically(&out, &[page("../evil.html", "x")]).is_err());
        assert!(!tmp.path().join("evil.html").exists());
        assert_eq!(std::fs::read_to_string(out.join("keep")).unwrap(), "old");
    }
}
