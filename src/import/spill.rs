//! A report's printed rows of one output, held in memory while they are few and moved to a
//! file in the staging folder once they grow large: a report of a hundred megabytes must
//! not hold its outputs (several times its size) in memory until its turn to be written.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Past this many bytes, the text goes on in a file (a report of the corpus prints about
/// 100 KB of each kind; an import holds a batch of reports' text at once).
const IN_MEMORY: usize = 1 << 20;

/// How much of a file is handed on at a time, at most (a line longer is handed whole).
const PIECE: usize = 1 << 20;

/// Text printed line by line, in memory or in a file.
pub struct Spill {
    /// Where the text goes once it is large; `None`: it stays in memory.
    path: Option<PathBuf>,
    memory: Vec<u8>,
    file: Option<SpillFile>,
}

/// The file a spill's text went to, removed when the spill is let go of.
struct SpillFile {
    path: PathBuf,
    writer: BufWriter<File>,
}

impl Drop for SpillFile {
    fn drop(&mut self) {
        // a file left behind is removed with the staging folder at the end of the run
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Spill {
    /// Text that moves to the file `path` once it is large (given `None`, never).
    pub fn new(path: Option<PathBuf>) -> Spill {
        Spill {
            path,
            memory: Vec::new(),
            file: None,
        }
    }

    /// Where the text goes, once it is large.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Hands the text on, in order, in pieces that each end at the end of a line, and
    /// removes its file; `read_back` names an error reading the file back.
    pub fn drain<E>(
        mut self,
        mut each: impl FnMut(Vec<u8>) -> Result<(), E>,
        read_back: impl Fn(&Path, std::io::Error) -> E,
    ) -> Result<(), E> {
        let memory = std::mem::take(&mut self.memory);
        let Some(mut spilled) = self.file.take() else {
            return match memory.is_empty() {
                true => Ok(()),
                false => each(memory),
            };
        };
        let path = spilled.path.clone();
        let error = |e| read_back(&path, e);
        spilled.writer.flush().map_err(error)?;
        let mut file = File::open(&path).map_err(error)?;
        let mut piece: Vec<u8> = Vec::new();
        loop {
            let read = (&mut file)
                .take(PIECE as u64)
                .read_to_end(&mut piece)
                .map_err(error)?;
            if read == 0 {
                return match piece.is_empty() {
                    true => Ok(()),
                    false => each(piece),
                };
            }
            // the part past the last line's end waits for the rest of its line
            if let Some(end) = piece.iter().rposition(|&b| b == b'\n') {
                let carried = piece.split_off(end + 1);
                each(std::mem::replace(&mut piece, carried))?;
            }
        }
    }
}

impl Write for Spill {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Some(spilled) = &mut self.file {
            return spilled.writer.write(bytes);
        }
        self.memory.extend_from_slice(bytes);
        if let Some(path) = self.path.as_ref().filter(|_| self.memory.len() > IN_MEMORY) {
            let mut spilled = SpillFile {
                writer: BufWriter::new(File::create(path)?),
                path: path.clone(),
            };
            spilled.writer.write_all(&std::mem::take(&mut self.memory))?;
            self.file = Some(spilled);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(spilled) => spilled.writer.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `lines` lines of about 100 bytes each, numbered.
    fn text(lines: usize) -> Vec<u8> {
        (0..lines)
            .flat_map(|n| format!("{n:>8} {}\n", "x".repeat(90)).into_bytes())
            .collect()
    }

    fn drained(spill: Spill) -> Vec<Vec<u8>> {
        let mut pieces = Vec::new();
        let outcome: Result<(), String> = spill.drain(
            |piece| {
                pieces.push(piece);
                Ok(())
            },
            |path, e| format!("{}: {e}", path.display()),
        );
        assert_eq!(outcome, Ok(()));
        pieces
    }

    #[test]
    fn large_text_goes_to_its_file_and_comes_back_whole_in_lines_and_the_file_goes() {
        let dir = std::env::temp_dir().join(format!("lkjip-spill-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("0.json.table_cells.csv");
        let written = text(30_000); // 3 MB: past the room in memory
        let mut spill = Spill::new(Some(path.clone()));
        for line in written.split_inclusive(|&b| b == b'\n') {
            spill.write_all(line).unwrap();
        }
        assert!(path.exists(), "the text went to its file");
        let pieces = drained(spill);
        assert!(pieces.len() > 1, "handed on in pieces, not at once");
        assert!(pieces
            .iter()
            .all(|p| p.ends_with(b"\n") && p.len() <= PIECE + 100));
        assert_eq!(pieces.concat(), written);
        assert!(!path.exists(), "the file is removed once drained");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn small_text_stays_in_memory_and_a_spill_without_a_path_never_writes() {
        let never = std::env::temp_dir().join("lkjip-spill-never-written");
        let mut small = Spill::new(Some(never.clone()));
        small.write_all(&text(10)).unwrap();
        assert_eq!(drained(small), vec![text(10)]);
        let mut unbounded = Spill::new(None);
        unbounded.write_all(&text(30_000)).unwrap();
        assert_eq!(drained(unbounded), vec![text(30_000)]);
        assert!(!never.exists());
        assert!(drained(Spill::new(None)).is_empty());
    }
}
