//! Which files an import reads: files, directories (recursively) and glob patterns, in one
//! stable order, optionally cut into a deterministic shard.

use super::ImportError;
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

/// Every file the arguments name, in import order, without repeats: a directory gives
/// the files under it (hidden ones skipped), a pattern with `*`, `?` or `[` the files it
/// matches. A path that does not exist or a pattern that matches nothing is an error.
pub fn expand(args: &[String]) -> Result<Vec<PathBuf>, ImportError> {
    let mut files = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        if path.is_dir() {
            walk(path, &mut files)?;
        } else if path.exists() {
            files.push(path.to_path_buf());
        } else if arg.contains(['*', '?', '[']) {
            glob_files(arg, &mut files)?;
        } else {
            return Err(ImportError::Missing { path: arg.clone() });
        }
    }
    files.sort_by_key(|p| order_key(p));
    files.dedup();
    Ok(files)
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

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), ImportError> {
    let unreadable = |e: std::io::Error| ImportError::Walk {
        path: dir.display().to_string(),
        reason: e.to_string(),
    };
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

fn glob_files(pattern: &str, files: &mut Vec<PathBuf>) -> Result<(), ImportError> {
    let matches = glob::glob(pattern).map_err(|e| ImportError::BadPattern {
        pattern: pattern.to_string(),
        reason: e.msg.to_string(),
    })?;
    let before = files.len();
    files.extend(matches.filter_map(Result::ok).filter(|p| p.is_file()));
    if files.len() == before {
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
