//! The output folder of an import or merge, which always holds one whole dataset or none.
//!
//! ```text
//! OUT/
//!   .lkjip/lock            held (flock) by the run writing here; names its process
//!   .lkjip/runs/<run>/     each run builds its whole dataset in a directory of its own
//!   current -> .lkjip/runs/<run>          the last run that finished, swapped in one rename
//!   indicators.csv -> current/indicators.csv   (each output name, likewise)
//! ```
//!
//! A run killed at any point leaves `current` naming the earlier dataset, whole; the next
//! run removes what the killed one left. Only a folder that is new, empty or already an
//! lkjip output is written to: nothing of a user's is ever overwritten or deleted.

use super::output::{write_error, DATA_FILES, OTHER_OUTPUTS};
use super::ImportError;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The hidden directory that marks a folder as an lkjip output.
const CONTROL: &str = ".lkjip";
/// The link naming the published dataset.
const CURRENT: &str = "current";

/// An output folder, locked for one run.
pub struct OutputFolder {
    root: PathBuf,
    /// Held until the run ends (the lock goes with the process, however it ends).
    _lock: File,
}

/// A dataset being built beside the published one; removed unless published.
pub struct Build {
    root: PathBuf,
    dir: PathBuf,
    published: bool,
}

impl OutputFolder {
    /// Takes `root` for one run: creates it if need be, refuses a folder holding anything
    /// but an lkjip output, locks it, and removes what killed runs left behind.
    pub fn lock(root: &Path) -> Result<OutputFolder, ImportError> {
        std::fs::create_dir_all(root).map_err(|e| write_error(root, e))?;
        refuse_foreign(root)?;
        let runs = root.join(CONTROL).join("runs");
        std::fs::create_dir_all(&runs).map_err(|e| write_error(&runs, e))?;
        let lock = take_lock(&root.join(CONTROL).join("lock"), root)?;
        let folder = OutputFolder {
            root: root.to_path_buf(),
            _lock: lock,
        };
        folder.remove_leftovers()?;
        Ok(folder)
    }

    /// Starts a dataset in a fresh directory of its own.
    pub fn build(&self) -> Result<Build, ImportError> {
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = self
            .root
            .join(CONTROL)
            .join("runs")
            .join(format!("{stamp}-{}", std::process::id()));
        std::fs::create_dir(&dir).map_err(|e| write_error(&dir, e))?;
        Ok(Build {
            root: self.root.clone(),
            dir,
            published: false,
        })
    }

    /// Removes every run directory but the published one, and temporary links.
    fn remove_leftovers(&self) -> Result<(), ImportError> {
        let keep = published_run(&self.root);
        let control = self.root.join(CONTROL);
        let runs = control.join("runs");
        let entries = std::fs::read_dir(&runs).map_err(|e| write_error(&runs, e))?;
        for dir in entries.filter_map(Result::ok).map(|e| e.path()) {
            if Some(&dir) != keep.as_ref() {
                std::fs::remove_dir_all(&dir).map_err(|e| write_error(&dir, e))?;
            }
        }
        let entries = std::fs::read_dir(&control).map_err(|e| write_error(&control, e))?;
        for tmp in entries.filter_map(Result::ok).map(|e| e.path()) {
            if tmp.extension().is_some_and(|x| x == "tmp") {
                std::fs::remove_file(&tmp).map_err(|e| write_error(&tmp, e))?;
            }
        }
        Ok(())
    }
}

impl Build {
    /// Where the dataset is written.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Makes the dataset the folder's, in one rename, and removes the one it replaces.
    pub fn publish(mut self) -> Result<(), ImportError> {
        sync_dir(&self.dir)?;
        let earlier = published_run(&self.root);
        for name in DATA_FILES.iter().chain(OTHER_OUTPUTS) {
            self.link(name, &Path::new(CURRENT).join(name))?;
        }
        let relative = self
            .dir
            .strip_prefix(&self.root)
            .unwrap_or(&self.dir)
            .to_path_buf();
        self.link(CURRENT, &relative)?;
        sync_dir(&self.root)?;
        self.published = true;
        if let Some(earlier) = earlier.filter(|e| *e != self.dir) {
            std::fs::remove_dir_all(&earlier).map_err(|e| write_error(&earlier, e))?;
        }
        Ok(())
    }

    /// Points `root/name` at `target` in one step: a new link renamed over the old name.
    fn link(&self, name: &str, target: &Path) -> Result<(), ImportError> {
        let at = self.root.join(name);
        if std::fs::read_link(&at).is_ok_and(|t| t == target) {
            return Ok(());
        }
        let tmp = self.root.join(CONTROL).join(format!("{name}.tmp"));
        let _ = std::fs::remove_file(&tmp);
        symlink(target, &tmp).map_err(|e| write_error(&tmp, e))?;
        std::fs::rename(&tmp, &at).map_err(|e| write_error(&at, e))
    }
}

impl Drop for Build {
    fn drop(&mut self) {
        if !self.published {
            // best effort: what stays is removed by the next run
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The directory a folder's `current` link names, when it names one of its runs.
pub fn published_run(root: &Path) -> Option<PathBuf> {
    let target = std::fs::read_link(root.join(CURRENT)).ok()?;
    let dir = root.join(target);
    dir.starts_with(root.join(CONTROL).join("runs")).then_some(dir)
}

/// The dataset a folder holds: its published run, or the folder itself when it has none
/// (a copy of an output's files).
pub fn dataset_of(root: &Path) -> PathBuf {
    published_run(root).unwrap_or_else(|| root.to_path_buf())
}

/// Refuses a folder that holds files but is not an lkjip output.
fn refuse_foreign(root: &Path) -> Result<(), ImportError> {
    if root.join(CONTROL).is_dir() {
        return Ok(());
    }
    let entries = std::fs::read_dir(root).map_err(|e| write_error(root, e))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    match names.into_iter().next() {
        None => Ok(()),
        Some(first) => Err(ImportError::Foreign {
            path: root.display().to_string(),
            first,
        }),
    }
}

/// Locks the folder, or names the process that holds it.
fn take_lock(path: &Path, root: &Path) -> Result<File, ImportError> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| write_error(path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            return Err(ImportError::Locked {
                path: root.display().to_string(),
                holder: holder.trim().to_string(),
            });
        }
        Err(TryLockError::Error(e)) => return Err(write_error(path, e)),
    }
    let me = format!("process {}\n", std::process::id());
    file.set_len(0)
        .and_then(|()| file.write_all(me.as_bytes()))
        .map_err(|e| write_error(path, e))?;
    Ok(file)
}

/// Makes a directory's entries durable before it is published.
fn sync_dir(dir: &Path) -> Result<(), ImportError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| write_error(dir, e))
}
