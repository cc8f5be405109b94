//! Writing the output atomically: a failed build leaves the previous output
//! untouched.

use crate::render::{Page, PageSink};
use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// A fresh folder beside the output that pages are written into as they are
/// made; [`Staging::commit`] swaps it in. Dropped without a commit, it is
/// removed and the previous output stays as it was.
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
    name: String,
    /// Folders already created, so each is made once, not once per page.
    folders: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    pub fn new(out: &Path) -> io::Result<Staging> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::env::current_dir()?,
        };
        std::fs::create_dir_all(&parent)?;
        let name = out
            .file_name()
            .ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidInput, "output folder has no name")
            })?
            .to_string_lossy()
            .into_owned();
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(&parent)?;
        Ok(Staging {
            dir,
            out: parent.join(&name),
            name,
            folders: Mutex::new(HashSet::new()),
        })
    }

    /// Replaces the output with what was staged.
    pub fn commit(self) -> io::Result<()> {
        let staged = self.dir.keep();
        let out = &self.out;
        if out.exists() {
            let parent = out.parent().expect("staging made it a child");
            let old = tempfile::Builder::new()
                .prefix(&format!(".{}.old-", self.name))
                .tempdir_in(parent)?
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
}

impl PageSink for Staging {
    fn put(&self, page: Page) -> io::Result<()> {
        let path = checked(Path::new(&page.path))?;
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            let known = self
                .folders
                .lock()
                .expect("no thread panicked")
                .contains(folder);
            if !known {
                std::fs::create_dir_all(self.dir.path().join(folder))?;
                self.folders
                    .lock()
                    .expect("no thread panicked")
                    .insert(folder.to_path_buf());
            }
        }
        std::fs::write(self.dir.path().join(path), &page.content)
    }
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

    fn write_atomically(out: &Path, pages: Vec<Page>) -> io::Result<()> {
        let staging = Staging::new(out)?;
        pages.into_iter().try_for_each(|p| staging.put(p))?;
        staging.commit()
    }

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
        write_atomically(&out, vec![page("a/index.html", "1"), page("old.html", "x")]).unwrap();
        write_atomically(&out, vec![page("a/index.html", "2")]).unwrap();
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
        assert!(write_atomically(&out, vec![page("../evil.html", "x")]).is_err());
        assert!(!tmp.path().join("evil.html").exists());
        assert_eq!(std::fs::read_to_string(out.join("keep")).unwrap(), "old");
    }
}
