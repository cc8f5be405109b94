//! Writing the output atomically: a failed build leaves the previous output
//! untouched.
//!
//! The output a build replaces is not deleted but kept beside it as
//! `.NAME.previous`, and the next build writes into that folder: rewriting
//! a file keeps its inode, creating one costs a new one. Creating hundreds
//! of thousands of files is much of a large build, and on ext4 without a
//! journal it gets several times slower for minutes after as many files
//! were deleted — which a build that removed its previous output did.

use crate::render::{Page, PageSink};
use std::collections::HashSet;
use std::io::{self, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// A folder beside the output that pages are written into as they are made;
/// [`Staging::commit`] swaps it in. It starts as the previous build's
/// output when there is one. Dropped without a commit, it becomes the
/// folder the next build starts from, and the output stays as it was.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    name: String,
    /// Whether `dir` started with the files of an earlier build.
    recycled: bool,
    /// Folders already created, so each is made once, not once per page.
    folders: Mutex<HashSet<PathBuf>>,
    /// Files written, to remove the earlier build's others before the swap.
    files: Mutex<HashSet<PathBuf>>,
    committed: bool,
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
            .tempdir_in(&parent)?
            .keep();
        // Renaming a folder over an empty one replaces it; if another build
        // took the previous output first, this one starts empty.
        let recycled = std::fs::rename(previous(&parent, &name), &dir).is_ok();
        Ok(Staging {
            dir,
            out: parent.join(&name),
            name,
            recycled,
            folders: Mutex::new(HashSet::new()),
            files: Mutex::new(HashSet::new()),
            committed: false,
        })
    }

    /// Replaces the output with what was staged; the replaced output is kept
    /// for the next build to write into.
    pub fn commit(mut self) -> io::Result<()> {
        if self.recycled {
            self.remove_unwritten()?;
        }
        let out = &self.out;
        let parent = out.parent().expect("staging made it a child");
        let mut replaced = None;
        if out.exists() {
            let old = tempfile::Builder::new()
                .prefix(&format!(".{}.old-", self.name))
                .tempdir_in(parent)?
                .keep();
            std::fs::rename(out, &old)?;
            replaced = Some(old);
        }
        if let Err(e) = std::fs::rename(&self.dir, out) {
            if let Some(old) = &replaced {
                let _ = std::fs::rename(old, out);
            }
            return Err(e);
        }
        self.committed = true;
        if let Some(old) = replaced {
            // An empty folder (one made to build into) is not worth keeping.
            if std::fs::remove_dir(&old).is_err()
                && std::fs::rename(&old, previous(parent, &self.name)).is_err()
            {
                std::fs::remove_dir_all(&old)?;
            }
        }
        Ok(())
    }

    /// Removes what an earlier build wrote and this one did not.
    fn remove_unwritten(&self) -> io::Result<()> {
        let files = self.files.lock().expect("no thread panicked");
        let written_folders = self.folders.lock().expect("no thread panicked");
        let mut folders: HashSet<&Path> = HashSet::new();
        for folder in written_folders.iter() {
            // A folder's ancestors were added with it.
            for f in folder.ancestors().filter(|f| !f.as_os_str().is_empty()) {
                if !folders.insert(f) {
                    break;
                }
            }
        }
        let mut walk = walkdir::WalkDir::new(&self.dir).min_depth(1).into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.map_err(io::Error::other)?;
            let rel = entry.path().strip_prefix(&self.dir).expect("walked below");
            if entry.file_type().is_dir() {
                if !folders.contains(rel) {
                    std::fs::remove_dir_all(entry.path())?;
                    walk.skip_current_dir();
                }
            } else if !files.contains(rel) {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let parent = self.out.parent().expect("staging made it a child");
        if std::fs::rename(&self.dir, previous(parent, &self.name)).is_err() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Where the replaced output waits for the next build.
fn previous(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.previous"))
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
                if self.recycled {
                    clear_folder_path(&self.dir, folder)?;
                }
                std::fs::create_dir_all(self.dir.join(folder))?;
                self.folders
                    .lock()
                    .expect("no thread panicked")
                    .insert(folder.to_path_buf());
            }
        }
        let target = self.dir.join(path);
        if !self.recycled {
            return std::fs::write(target, &page.content);
        }
        self.files
            .lock()
            .expect("no thread panicked")
            .insert(path.to_path_buf());
        match clear_file_path(&target)? {
            Some(old_len) => rewrite(&target, old_len, &page.content),
            None => std::fs::write(target, &page.content),
        }
    }
}

/// Writes over an earlier file of `old_len` bytes without first cutting it
/// to nothing: ext4 flushes a file truncated to zero and rewritten as soon
/// as it is closed (its `auto_da_alloc`), which made rebuilds wait on the
/// disk for every page.
fn rewrite(target: &Path, old_len: u64, content: &[u8]) -> io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(target)?;
    file.write_all(content)?;
    let len = content.len() as u64;
    if old_len > len {
        file.set_len(len)?;
    }
    Ok(())
}

/// Removes earlier files where `folder` and its ancestors are to be.
fn clear_folder_path(root: &Path, folder: &Path) -> io::Result<()> {
    let mut at = root.to_path_buf();
    for part in folder.components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => std::fs::remove_file(&at)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => break,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Makes way for a file to be rewritten: an earlier folder of that name
/// goes, and so does a file with other names (hard links, as a snapshot of
/// the published site may hold), which rewriting in place would change too.
/// Returns the length of the earlier file that stays to be written over.
fn clear_file_path(target: &Path) -> io::Result<Option<u64>> {
    match std::fs::symlink_metadata(target) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(target).map(|()| None),
        Ok(m) if !m.is_file() || m.nlink() > 1 => std::fs::remove_file(target).map(|()| None),
        Ok(m) => Ok(Some(m.len())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
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
        assert_eq!(
            beside(tmp.path()),
            ["public", ".public.previous"],
            "no staging folder left behind; the replaced output is kept"
        );
    }

    /// The folders in `parent`, the output first.
    fn beside(parent: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort_by_key(|n| (n.starts_with('.'), n.clone()));
        names
    }

    fn inode(path: &Path) -> u64 {
        std::fs::metadata(path).unwrap().ino()
    }

    fn files(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                let text = std::fs::read_to_string(e.path()).unwrap();
                (rel.to_string_lossy().into_owned(), text)
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn a_rebuild_rewrites_the_files_of_the_output_before_the_previous() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = vec![
            page("a/index.html", "1, longer than what replaces it"),
            page("grows.html", "g"),
            page("gone/deep/index.html", "x"),
            page("was-file", "f"),
            page("was-folder/index.html", "d"),
            page("stale.json", "s"),
        ];
        write_atomically(&out, first).unwrap();
        let a = inode(&out.join("a/index.html"));
        // A snapshot of the published site made with hard links.
        let snapshot = tmp.path().join("snapshot.html");
        std::fs::hard_link(out.join("stale.json"), &snapshot).unwrap();
        write_atomically(&out, vec![page("a/index.html", "2")]).unwrap();
        // The third build writes into the first one's folder.
        let third = vec![
            page("a/index.html", "3"),
            page("grows.html", "grown longer"),
            page("was-file/index.html", "now a folder"),
            page("was-folder", "now a file"),
            page("stale.json", "rewritten"),
        ];
        write_atomically(&out, third.clone()).unwrap();
        assert_eq!(inode(&out.join("a/index.html")), a, "the file was reused");
        let fresh = tmp.path().join("fresh");
        write_atomically(&fresh, third).unwrap();
        assert_eq!(
            files(&out),
            files(&fresh),
            "nothing of earlier builds is left"
        );
        assert_eq!(std::fs::read_to_string(&snapshot).unwrap(), "s");
        assert_eq!(
            files(&tmp.path().join(".public.previous")),
            [("a/index.html".to_string(), "2".to_string())]
        );
    }

    #[test]
    fn a_failed_build_leaves_the_output_and_keeps_its_folder_for_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomically(&out, vec![page("index.html", "1")]).unwrap();
        let staging = Staging::new(&out).unwrap();
        staging.put(page("index.html", "half")).unwrap();
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "1"
        );
        assert_eq!(beside(tmp.path()), ["public", ".public.previous"]);
        write_atomically(&out, vec![page("other.html", "2")]).unwrap();
        assert_eq!(files(&out), [("other.html".to_string(), "2".to_string())]);
    }

    #[test]
    fn building_into_an_empty_folder_keeps_nothing_beside_it() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir(&out).unwrap();
        write_atomically(&out, vec![page("index.html", "1")]).unwrap();
        assert_eq!(beside(tmp.path()), ["public"]);
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
