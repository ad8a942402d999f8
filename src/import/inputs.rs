//! Which files an import reads: files, directories (recursively) and glob patterns, in one
//! stable order, optionally cut into a deterministic shard.

use super::ImportError;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A slice of the inputs: the K-th of N (1-based), every N-th file from the K-th on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, from 1.
    pub k: usize,
    /// How many slices.
    pub n: usize,
}

impl FromStr for Shard {
    type Err = ImportError;

    fn from_str(s: &str) -> Result<Shard, ImportError> {
        let bad = || ImportError::BadShard { given: s.to_string() };
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (k, n): (usize, usize) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if k == 0 || k > n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }
}

/// The files an import reads, in import order, and the entries it passed over.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The files to read.
    pub files: Vec<PathBuf>,
    /// Entries not read, each with the reason.
    pub skipped: Vec<Skipped>,
    /// The files met in a directory or through a pattern, not named one by one: one that
    /// holds no report (a README) is passed over, where a file named is read as asked.
    pub walked: HashSet<PathBuf>,
}

/// An input entry not read: unreadable, not a regular file, or a file or directory met
/// again through a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The entry, as found.
    pub path: String,
    /// Unreadable (what it holds is missing from the dataset), or passed over by design.
    pub kind: SkipKind,
    /// Why it was not read.
    pub reason: String,
}

/// Why an input entry was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipKind {
    /// It could not be read (permissions, a broken or looping link): a failure of the run.
    Unreadable,
    /// Not a regular file or directory (a pipe, a socket, a device).
    NotAFile,
    /// A file or directory already read through another path (a link).
    Repeated,
    /// Not a report: a file of another kind (`.docx`, `.xlsx`, `.html` …), or a text file
    /// in which no table, indicator or budget line was found (a README).
    NotAReport,
}

/// A file or directory, whatever the path it is reached by.
type FileId = (u64, u64);

/// Every file the arguments name, in import order, without repeats: a directory gives
/// the files under it (hidden ones skipped; links followed, each directory and file read
/// once), a pattern with `*`, `?` or `[` the files it matches. An entry that cannot be read
/// is named in [`Inputs::skipped`]; a path that does not exist or a pattern that matches
/// nothing is an error.
pub fn expand(args: &[String]) -> Result<Inputs, ImportError> {
    let mut walk = Walk::default();
    for arg in args {
        let path = Path::new(arg);
        if path.exists() {
            walk.entry(path, false);
        } else if arg.contains(['*', '?', '[']) {
            glob_files(arg, &mut walk)?;
        } else {
            return Err(ImportError::Missing { path: arg.clone() });
        }
    }
    Ok(walk.finish())
}

/// The entries met so far.
#[derive(Default)]
struct Walk {
    files: Vec<(PathBuf, FileId)>,
    skipped: Vec<Skipped>,
    walked: HashSet<PathBuf>,
    /// Each directory read, by device and inode, with the path it was first read by.
    directories: HashMap<FileId, PathBuf>,
}

impl Walk {
    /// A file, or a directory read recursively (through a link too, but once); `walked`
    /// when met in a directory or through a pattern, where a file of another kind than a
    /// report is passed over (one named is read as asked, and refused if it cannot be).
    fn entry(&mut self, path: &Path, walked: bool) {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => return self.skip(path, SkipKind::Unreadable, e.to_string()),
        };
        let id = (meta.dev(), meta.ino());
        if meta.is_file() && walked && !crate::source::is_report_file(path) {
            let reason = format!(
                "not a report file ({}); lkjip reads PDFs and text dumps (.pdf, .txt, .md)",
                crate::source::file_kind(path)
            );
            self.skip(path, SkipKind::NotAReport, reason);
        } else if meta.is_file() {
            if walked {
                self.walked.insert(path.to_path_buf());
            }
            self.files.push((path.to_path_buf(), id));
        } else if !meta.is_dir() {
            self.skip(path, SkipKind::NotAFile, "not a regular file".into());
        } else if let Some(first) = self.directories.get(&id) {
            let reason = format!("the same directory as {} (read once)", first.display());
            self.skip(path, SkipKind::Repeated, reason);
        } else {
            self.directories.insert(id, path.to_path_buf());
            self.directory(path);
        }
    }

    /// The entries of a directory, in name order, hidden ones left out.
    fn directory(&mut self, dir: &Path) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                return self.skip(
                    dir,
                    SkipKind::Unreadable,
                    format!("cannot read the directory: {e}"),
                )
            }
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(e) => self.skip(
                    dir,
                    SkipKind::Unreadable,
                    format!("cannot read the directory: {e}"),
                ),
            }
        }
        paths.sort();
        for path in paths {
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if !hidden {
                self.entry(&path, true);
            }
        }
    }

    fn skip(&mut self, path: &Path, kind: SkipKind, reason: String) {
        self.skipped.push(Skipped {
            path: path.display().to_string(),
            kind,
            reason,
        });
    }

    /// The files in import order, each once: a file reached again by another path is
    /// named as skipped.
    fn finish(mut self) -> Inputs {
        let mut files = std::mem::take(&mut self.files);
        files.sort_by_key(|(p, _)| order_key(p));
        files.dedup_by(|a, b| a.0 == b.0);
        let mut first: HashMap<FileId, PathBuf> = HashMap::new();
        let mut kept = Vec::new();
        for (path, id) in files {
            match first.get(&id) {
                Some(earlier) => {
                    let reason = format!("the same file as {} (read once)", earlier.display());
                    self.skip(&path, SkipKind::Repeated, reason);
                }
                None => {
                    first.insert(id, path.clone());
                    kept.push(path);
                }
            }
        }
        Inputs {
            files: kept,
            skipped: self.skipped,
            walked: self.walked,
        }
    }
}

/// The files of one shard.
pub fn shard(files: Vec<PathBuf>, shard: Option<Shard>) -> Vec<PathBuf> {
    match shard {
        None => files,
        Some(s) => files
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % s.n == s.k - 1)
            .map(|(_, f)| f)
            .collect(),
    }
}

/// The import order: by path without its extension, a text dump before the PDF of the same
/// name (so when both hold one report, the text dump's lines are the ones cited).
pub fn order_key(path: &Path) -> (String, u8, String) {
    let rank = match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("txt") => 0,
        Some("md") => 1,
        Some("pdf") => 2,
        _ => 3,
    };
    let stem = path.with_extension("").to_string_lossy().into_owned();
    (stem, rank, path.to_string_lossy().into_owned())
}

fn glob_files(pattern: &str, walk: &mut Walk) -> Result<(), ImportError> {
    let matches = glob::glob(pattern).map_err(|e| ImportError::BadPattern {
        pattern: pattern.to_string(),
        reason: e.msg.to_string(),
    })?;
    let before = (walk.files.len(), walk.skipped.len());
    for path in matches.filter_map(Result::ok).filter(|p| p.is_file()) {
        walk.entry(&path, true);
    }
    if (walk.files.len(), walk.skipped.len()) == before {
        return Err(ImportError::NoMatch {
            pattern: pattern.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_dumps_come_before_the_pdf_of_the_same_name() {
        let mut files = vec![
            PathBuf::from("corpus/b.pdf"),
            PathBuf::from("corpus/b.txt"),
            PathBuf::from("corpus/a.pdf"),
        ];
        files.sort_by_key(|p| order_key(p));
        assert_eq!(
            files,
            ["corpus/a.pdf", "corpus/b.txt", "corpus/b.pdf"].map(PathBuf::from)
        );
    }

    #[test]
    fn shards_cut_the_inputs_into_disjoint_slices_that_cover_them() {
        let files: Vec<PathBuf> = (0..7).map(|i| PathBuf::from(format!("{i}.txt"))).collect();
        let parts: Vec<Vec<PathBuf>> = (1..=3)
            .map(|k| shard(files.clone(), Some(Shard { k, n: 3 })))
            .collect();
        assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), vec![3, 2, 2]);
        let mut all: Vec<PathBuf> = parts.concat();
        all.sort();
        assert_eq!(all, files);
        assert!(
            "0/3".parse::<Shard>().is_err()
                && "4/3".parse::<Shard>().is_err()
                && "x".parse::<Shard>().is_err()
        );
        assert_eq!("2/3".parse::<Shard>().unwrap(), Shard { k: 2, n: 3 });
    }
}
