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
use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// The file that marks a folder as a vanban output. vanban replaces,
/// reuses or removes only a folder that holds it (or an empty one): a web
/// root with another site's files, `content/` or the site itself given as
/// `--output-dir` is refused, never emptied.
pub const MARKER: &str = ".vanban-output";
const MARKER_TEXT: &[u8] = b"This folder was written by `vanban build`, which replaces it on \
the next build. vanban never replaces or empties a folder without this file.\n";

/// Folders of the site that an output may neither be nor hold.
const SOURCE_FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];

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
    /// An exclusive lock on the staging folder while the build runs: a
    /// staging folder of this output found locked means another build of it
    /// is running; one found unlocked is what a killed build left. Builds of
    /// other outputs in the same folder (tests in one temporary folder, two
    /// sites side by side) do not wait, and no lock file is left behind.
    _lock: File,
}

fn refused(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

impl Staging {
    /// Prepares to build `out` for the site at `site_root`, refusing an
    /// output folder that vanban did not make (see [`MARKER`]) and one that
    /// is, or holds, the site or its sources.
    pub fn new(out: &Path, site_root: &Path) -> io::Result<Staging> {
        let out = &real(out)?;
        let name = out
            .file_name()
            .ok_or_else(|| refused(format!("{}: the output folder has no name", out.display())))?
            .to_string_lossy()
            .into_owned();
        refuse_sources(out, site_root)?;
        refuse_foreign(out)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::env::current_dir()?,
        };
        std::fs::create_dir_all(&parent)?;
        let out = parent.join(&name);
        clean_stale(&parent, &name, &out)?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(&parent)?
            .keep();
        let mut lock = lock_folder(&dir).inspect_err(|_| {
            let _ = std::fs::remove_dir(&dir);
        })?;
        // Renaming a folder over an empty one replaces it. Only a folder
        // marked as a vanban output is reused. A lock belongs to the folder
        // itself, not its name: the previous output is locked before it
        // is renamed to the staging name, so the staging folder stays
        // locked for the whole build.
        let previous = previous(&parent, &name);
        let recycled = is_ours(&previous)
            && lock_folder(&previous).is_ok_and(|held| {
                let moved = std::fs::rename(&previous, &dir).is_ok();
                if moved {
                    lock = held;
                }
                moved
            });
        if !recycled {
            std::fs::write(dir.join(MARKER), MARKER_TEXT)?;
        }
        Ok(Staging {
            dir,
            out,
            name,
            recycled,
            folders: Mutex::new(HashSet::new()),
            files: Mutex::new(HashSet::new()),
            committed: false,
            _lock: lock,
        })
    }

    /// Replaces the output with what was staged; the replaced output is kept
    /// for the next build to write into.
    pub fn commit(mut self) -> io::Result<()> {
        if self.recycled {
            self.remove_unwritten()?;
        }
        // Checked again: something may have been put there during the build.
        refuse_foreign(&self.out)?;
        let parent = self
            .out
            .parent()
            .expect("staging made it a child")
            .to_path_buf();
        let replaced = swap_in(&self.dir, &self.out, &self.name)?;
        self.committed = true;
        if let Some(old) = replaced {
            // An empty folder (one made to build into) is not worth keeping.
            if std::fs::remove_dir(&old).is_err()
                && std::fs::rename(&old, previous(&parent, &self.name)).is_err()
            {
                // Another folder holds the name `.NAME.previous`: it is left
                // alone, and the replaced output, which is ours, goes.
                remove_ours(&old)?;
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
            } else if !files.contains(rel) && rel != Path::new(MARKER) {
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
            let _ = remove_ours(&self.dir);
        }
    }
}

/// Where the replaced output waits for the next build.
fn previous(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.previous"))
}

/// A folder vanban wrote: it holds the marker file.
fn is_ours(folder: &Path) -> bool {
    std::fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir())
        && std::fs::symlink_metadata(folder.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Removes a folder vanban wrote, its marker last: a removal cut short (a
/// build killed while cleaning up) leaves a folder that is still marked,
/// which the next build can prove is its own and finish removing.
fn remove_ours(folder: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    match std::fs::remove_file(folder.join(MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::remove_dir(folder)
}

fn is_empty_folder(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_none())
}

/// An output that is a file, a link, or a folder of files vanban did not
/// write is refused: replacing it would lose them.
fn refuse_foreign(out: &Path) -> io::Result<()> {
    let shown = out.display();
    match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
        Ok(m) if m.file_type().is_symlink() => Err(refused(format!(
            "{shown} is a symbolic link: give the folder it points to as --output-dir"
        ))),
        Ok(m) if !m.is_dir() => Err(refused(format!(
            "{shown} is a file, not a folder: give --output-dir a folder (a new one, or one vanban built)"
        ))),
        Ok(_) if is_ours(out) || is_empty_folder(out) => Ok(()),
        Ok(_) => Err(refused(format!(
            "{shown} holds files that vanban did not write (it has no {MARKER} file), so a build \
             would replace them: choose a new or empty folder for --output-dir. If the folder holds \
             only an earlier build of this site, delete it yourself first."
        ))),
    }
}

/// The path with its existing part resolved (links, `..`), so that
/// `content/../content` and a link to the site are seen for what they are.
fn real(path: &Path) -> io::Result<PathBuf> {
    let mut at = PathBuf::new();
    for part in std::path::absolute(path)?.components() {
        match part {
            Component::ParentDir => {
                at = at.canonicalize().unwrap_or(at);
                at.pop();
            }
            Component::CurDir => {}
            other => at.push(other),
        }
    }
    let mut rest = Vec::new();
    let mut existing = at.as_path();
    while let (Err(_), Some(parent), Some(part)) = (
        existing.canonicalize(),
        existing.parent(),
        existing.file_name(),
    ) {
        rest.push(part.to_os_string());
        existing = parent;
    }
    let resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    Ok(rest.iter().rev().fold(resolved, |p, part| p.join(part)))
}

/// The output may not be the site, hold it, or be or lie in its sources.
fn refuse_sources(out: &Path, site_root: &Path) -> io::Result<()> {
    let out_real = real(out)?;
    let root = real(site_root)?;
    if root.starts_with(&out_real) {
        return Err(refused(format!(
            "--output-dir {} is or holds the site itself ({}): a build replaces its output folder \
             whole, so choose a folder outside the site's sources, such as public/",
            out.display(),
            root.display()
        )));
    }
    for folder in SOURCE_FOLDERS {
        let source = root.join(folder);
        if source.starts_with(&out_real) || out_real.starts_with(&source) {
            return Err(refused(format!(
                "--output-dir {} is, holds or lies in the site's {folder}/ folder: choose a folder \
                 outside it, such as public/",
                out.display()
            )));
        }
    }
    Ok(())
}

/// Locks a staging folder for the build that made it.
fn lock_folder(dir: &Path) -> io::Result<File> {
    let lock = File::open(dir)?;
    lock.try_lock().map_err(|e| match e {
        std::fs::TryLockError::WouldBlock => io::Error::other("a new staging folder is locked"),
        std::fs::TryLockError::Error(e) => e,
    })?;
    Ok(lock)
}

/// Whether another build holds `folder` (a staging folder of this output).
fn held_by_another_build(folder: &Path) -> io::Result<bool> {
    let Ok(handle) = File::open(folder) else {
        return Ok(false);
    };
    match handle.try_lock() {
        Ok(()) => Ok(false),
        Err(std::fs::TryLockError::WouldBlock) => Ok(true),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Removes what a killed build of this output left: its staging folders
/// and a replaced output it had not yet put away. Only folders that are
/// empty or marked as ours go. An output that a build killed between the
/// two renames of the fallback swap left away is put back.
fn clean_stale(parent: &Path, name: &str, out: &Path) -> io::Result<()> {
    let staging = format!(".{name}.new-");
    let replaced = format!(".{name}.old-");
    let mut stale: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(parent)? {
        let entry = entry?;
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if file_name.starts_with(&staging) || file_name.starts_with(&replaced) {
            stale.push(entry.path());
        }
    }
    stale.sort();
    for folder in &stale {
        if folder.is_dir() && held_by_another_build(folder)? {
            return Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                format!(
                    "another vanban build is writing {} right now: wait for it to finish",
                    out.display()
                ),
            ));
        }
    }
    for folder in stale {
        let is_replaced = folder
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(&replaced));
        if is_replaced && !out.exists() && is_ours(&folder) {
            std::fs::rename(&folder, out)?;
        } else if is_ours(&folder) {
            remove_ours(&folder)?;
        } else if is_empty_folder(&folder) {
            std::fs::remove_dir(&folder)?;
        }
    }
    Ok(())
}

/// Puts `dir` where `out` is, returning where the replaced output went.
/// On Linux the two folders trade places in one step, so no moment exists
/// without an output; elsewhere (or where the file system cannot) the old
/// output is moved aside first.
fn swap_in(dir: &Path, out: &Path, name: &str) -> io::Result<Option<PathBuf>> {
    if !out.exists() {
        std::fs::rename(dir, out)?;
        return Ok(None);
    }
    #[cfg(target_os = "linux")]
    if exchange(dir, out).is_ok() {
        return Ok(Some(dir.to_path_buf()));
    }
    let parent = out.parent().expect("staging made it a child");
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(parent)?
        .keep();
    std::fs::rename(out, &old)?;
    if let Err(e) = std::fs::rename(dir, out) {
        let _ = std::fs::rename(&old, out);
        return Err(e);
    }
    Ok(Some(old))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
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
        let site = out.parent().unwrap().join("site");
        let staging = Staging::new(out, &site)?;
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
            .filter(|e| e.file_type().is_file() && e.file_name() != MARKER)
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
        let staging = Staging::new(&out, &tmp.path().join("site")).unwrap();
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

    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut all = files(dir);
        all.extend(
            std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n == MARKER)
                .map(|n| (n, String::new())),
        );
        all
    }

    #[test]
    fn a_folder_of_files_vanban_did_not_write_is_refused_and_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("www");
        std::fs::create_dir_all(out.join("other-site")).unwrap();
        std::fs::write(out.join("other-site/index.html"), "theirs").unwrap();
        std::fs::write(out.join("robots.txt"), "theirs too").unwrap();
        let before = tree(&out);
        for _ in 0..2 {
            let e = write_atomically(&out, vec![page("index.html", "1")]).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
            assert!(e.to_string().contains(MARKER), "{e}");
        }
        assert_eq!(tree(&out), before, "nothing of theirs was touched");
        assert_eq!(beside(tmp.path()), ["www"], "no folder left beside it");
    }

    #[test]
    fn the_site_itself_or_its_sources_are_never_an_output() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("content/khanh-hoa")).unwrap();
        std::fs::create_dir_all(site.join("themes")).unwrap();
        let mark = |dir: &Path| std::fs::write(dir.join(MARKER), MARKER_TEXT).unwrap();
        // Even a marker someone copied there does not make them outputs.
        mark(&site);
        mark(&site.join("content"));
        for out in [
            site.clone(),
            tmp.path().to_path_buf(),
            site.join("content"),
            site.join("content/khanh-hoa"),
            site.join("content/new-folder"),
            site.join("themes"),
            site.join("public/../content"),
        ] {
            let e = Staging::new(&out, &site).err().expect("refused");
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{}", out.display());
        }
        assert!(Staging::new(&site.join("public"), &site).is_ok());
    }

    #[test]
    fn a_file_given_as_the_output_is_refused_and_nothing_is_left() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("outfile");
        std::fs::write(&out, "a file").unwrap();
        for _ in 0..3 {
            let e = write_atomically(&out, vec![page("index.html", "1")]).unwrap_err();
            assert!(e.to_string().contains("is a file, not a folder"), "{e}");
        }
        assert_eq!(beside(tmp.path()), ["outfile"]);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "a file");
    }

    #[test]
    fn the_next_build_removes_what_killed_builds_left_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomically(&out, vec![page("index.html", "1")]).unwrap();
        let stale = tmp.path().join(".public.new-killed");
        std::fs::create_dir_all(stale.join("a")).unwrap();
        std::fs::write(stale.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(stale.join("a/index.html"), "half").unwrap();
        std::fs::create_dir(tmp.path().join(".public.new-empty")).unwrap();
        let foreign = tmp.path().join(".public.new-not-ours");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
        write_atomically(&out, vec![page("index.html", "2")]).unwrap();
        assert_eq!(
            beside(tmp.path()),
            ["public", ".public.new-not-ours", ".public.previous"]
        );
        assert_eq!(
            std::fs::read_to_string(foreign.join("keep.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn an_output_moved_aside_by_a_killed_swap_is_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomically(&out, vec![page("index.html", "1")]).unwrap();
        std::fs::rename(&out, tmp.path().join(".public.old-killed")).unwrap();
        let staging = Staging::new(&out, &tmp.path().join("site")).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "1"
        );
        drop(staging);
    }

    #[test]
    fn a_previous_folder_without_the_marker_is_neither_reused_nor_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let previous = tmp.path().join(".public.previous");
        std::fs::create_dir(&previous).unwrap();
        std::fs::write(previous.join("notes.txt"), "mine").unwrap();
        write_atomically(&out, vec![page("index.html", "1")]).unwrap();
        write_atomically(&out, vec![page("index.html", "2")]).unwrap();
        assert_eq!(
            files(&previous),
            [("notes.txt".to_string(), "mine".to_string())]
        );
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "2"
        );
        assert!(out.join(MARKER).is_file());
    }

    #[test]
    fn two_builds_of_one_output_never_run_at_once() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let site = tmp.path().join("site");
        let first = Staging::new(&out, &site).unwrap();
        let e = Staging::new(&out, &site).err().expect("locked");
        assert_eq!(e.kind(), io::ErrorKind::WouldBlock);
        first.commit().unwrap();
        assert!(Staging::new(&out, &site).is_ok());
    }

    #[test]
    fn builds_of_two_outputs_in_one_folder_run_at_once() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let a = Staging::new(&tmp.path().join("a"), &site).unwrap();
        let b = Staging::new(&tmp.path().join("b"), &site).expect("not blocked by a");
        b.commit().unwrap();
        a.commit().unwrap();
        assert!(tmp.path().join("a").join(MARKER).is_file());
        assert!(tmp.path().join("b").join(MARKER).is_file());
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
