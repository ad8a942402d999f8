//! Ingest: reading a report's text dump from disk, with clear errors for what is not one.

use crate::model::{PageReport, RowGeometry};
use crate::pdf::Ocr;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A report's text, read from a file.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where it was read from.
    pub path: PathBuf,
    /// The file name, used to name the report in outputs.
    pub name: String,
    /// The whole text, as printed by the converter.
    pub text: String,
    /// For a PDF: how the cells of each table row line (1-based) were found.
    pub table_rows: BTreeMap<usize, RowGeometry>,
    /// For a PDF: what became of each page (read, without text, failed and why).
    pub pages: Vec<PageReport>,
    /// For the lines (1-based) of pages read by OCR: the words read there and how sure
    /// the reading is (0-100).
    pub ocr_words: BTreeMap<usize, Vec<(String, u8)>>,
}

/// Why a file could not be read as a report.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read the file: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: std::io::Error,
    },
    /// The file holds no text at all.
    #[error("{path}: the file is empty")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file holds binary data.
    #[error("{path}:{line}: binary data (a NUL byte), not a text dump")]
    Binary {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first NUL byte.
        line: usize,
    },
    /// The file is not UTF-8.
    #[error("{path}:{line}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A PDF that cannot be read (the reason says why: encrypted, no text layer, …).
    #[error(transparent)]
    Pdf(#[from] crate::pdf::PdfError),
    /// The file is of a kind this tool does not read.
    #[error("{path}: unsupported file type (expected a .txt or .md text dump, or a .pdf)")]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
}

/// Why a file could not be read, as a program tells failures apart (`summary.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// A PDF that needs a password.
    Encrypted,
    /// A PDF with no text on any page (a scan): OCR is needed.
    NoTextLayer,
    /// A damaged file: a PDF whose structure cannot be read or none of whose pages can,
    /// a text dump with binary data or invalid UTF-8.
    Broken,
    /// A file of a kind lkjip does not read, or beyond its limits (too many pages).
    Unsupported,
    /// An empty file, or a PDF without pages.
    Empty,
    /// A PDF whose streams inflate past the budget for its size (a decompression bomb).
    TooLarge,
    /// The file could not be opened or read (permissions, I/O).
    Io,
    /// lkjip itself failed on the file: a bug to report.
    Internal,
}

impl SourceError {
    /// The kind of this failure.
    pub fn kind(&self) -> FailureKind {
        use crate::pdf::PdfError as P;
        match self {
            SourceError::Unreadable { .. } => FailureKind::Io,
            SourceError::Empty { .. } | SourceError::Pdf(P::NoPages { .. }) => FailureKind::Empty,
            SourceError::Unsupported { .. } | SourceError::Pdf(P::TooManyPages { .. }) => {
                FailureKind::Unsupported
            }
            SourceError::Pdf(P::Encrypted { .. }) => FailureKind::Encrypted,
            SourceError::Pdf(P::TooLarge { .. }) => FailureKind::TooLarge,
            SourceError::Pdf(P::NoTextLayer { .. }) => FailureKind::NoTextLayer,
            SourceError::Binary { .. }
            | SourceError::NotUtf8 { .. }
            | SourceError::Pdf(P::NotPdf { .. } | P::Unreadable { .. } | P::NoPageRead { .. }) => {
                FailureKind::Broken
            }
        }
    }
}

/// File extensions read as text dumps.
pub const TEXT_EXTENSIONS: [&str; 2] = ["txt", "md"];

/// Whether lkjip reads a file of this name as a report: a PDF or a text dump, by extension.
pub fn is_report_file(path: &Path) -> bool {
    extension(path).is_some_and(|e| e == "pdf" || TEXT_EXTENSIONS.contains(&e.as_str()))
}

/// A file's extension in lower case.
fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// What a file is, as its name says: `a Word document (.docx)`, `a file without extension`.
pub fn file_kind(path: &Path) -> String {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return "a file without extension".into();
    };
    let kind = match ext.to_ascii_lowercase().as_str() {
        "doc" | "docx" | "odt" | "rtf" => "a word-processor document",
        "xls" | "xlsx" | "ods" | "csv" => "a spreadsheet",
        "ppt" | "pptx" | "odp" => "a presentation",
        "html" | "htm" => "a web page",
        "png" | "jpg" | "jpeg" | "gif" | "tif" | "tiff" => "an image",
        "zip" | "rar" | "7z" | "gz" => "an archive",
        _ => "a file of another kind",
    };
    format!("{kind}, .{ext}")
}

/// Reads a text dump, or the text layer of a PDF (no page by OCR).
pub fn read(path: &Path) -> Result<Source, SourceError> {
    read_with(path, Ocr::Never)
}

/// Reads a text dump, or a PDF: its text layer, and by OCR the pages `ocr` says.
pub fn read_with(path: &Path, ocr: Ocr) -> Result<Source, SourceError> {
    let is_pdf = extension(path).as_deref() == Some("pdf");
    if !is_report_file(path) {
        return Err(SourceError::Unsupported {
            path: path.to_path_buf(),
        });
    }
    let bytes = std::fs::read(path).map_err(|reason| SourceError::Unreadable {
        path: path.to_path_buf(),
        reason,
    })?;
    match is_pdf {
        true => from_pdf(path, &bytes, ocr),
        false => from_bytes(path, &bytes),
    }
}

/// Reads a PDF's bytes (by OCR the pages `ocr` says); `path` names it in errors and outputs.
pub fn from_pdf(path: &Path, bytes: &[u8], ocr: Ocr) -> Result<Source, SourceError> {
    let pdf = crate::pdf::read_with(path, bytes, ocr)?;
    Ok(Source {
        path: path.to_path_buf(),
        name: file_name(path),
        text: pdf.text,
        table_rows: pdf.table_rows,
        pages: pdf.pages,
        ocr_words: pdf.ocr_words,
    })
}

/// Checks and decodes the bytes of a text dump.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Source, SourceError> {
    let line_of = |offset: usize| 1 + bytes.iter().take(offset).filter(|&&b| b == b'\n').count();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SourceError::Empty {
            path: path.to_path_buf(),
        });
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(SourceError::Binary {
            path: path.to_path_buf(),
            line: line_of(offset),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| SourceError::NotUtf8 {
        path: path.to_path_buf(),
        line: line_of(e.valid_up_to()),
        offset: e.valid_up_to(),
    })?;
    Ok(Source {
        path: path.to_path_buf(),
        name: file_name(path),
        text: text.strip_prefix('\u{feff}').unwrap_or(text).to_string(),
        table_rows: BTreeMap::new(),
        pages: Vec::new(),
        ocr_words: BTreeMap::new(),
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl Source {
    /// The lines of the text; line `n` (1-based) is at index `n - 1` (the vector sized
    /// once: a large dump has millions of lines, and doubling left a third of it unused).
    pub fn lines(&self) -> Vec<&str> {
        let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', self.text.as_bytes()).count() + 1);
        lines.extend(self.text.lines());
        lines
    }

    /// Whether any page was read by OCR.
    pub fn read_by_ocr(&self) -> bool {
        self.pages_read_by_ocr().next().is_some()
    }

    /// The pages (as a viewer counts them) read by OCR.
    pub fn pages_read_by_ocr(&self) -> impl Iterator<Item = u32> + '_ {
        self.pages.iter().filter(|p| p.ocr.is_some()).map(|p| p.page)
    }

    /// How sure OCR is of `text` printed on line `line` (0-100): the least confidence of
    /// the words read there that `text` holds (a word of it, or a part of a word: `96` of
    /// `(96)`), 0 when it holds none of them (nothing OCR read vouches for it); `None` when
    /// the line is not on a page read by OCR.
    pub fn ocr_confidence(&self, line: usize, text: &str) -> Option<u8> {
        let page = crate::model::page_of(&self.pages, line)?;
        self.pages.iter().find(|p| p.page == page)?.ocr?;
        let words = self.ocr_words.get(&line).map_or(&[][..], Vec::as_slice);
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let held = words
            .iter()
            .filter(|(word, _)| tokens.iter().any(|t| word.contains(t)));
        Some(held.map(|&(_, confidence)| confidence).min().unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_place_of_bad_bytes() {
        let p = Path::new("r.txt");
        let err = from_bytes(p, b"ok\nstill ok\nbad \xff byte")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "r.txt:3: not UTF-8 text (invalid byte at offset 16)");
        let err = from_bytes(p, b"text\n\0\0").unwrap_err().to_string();
        assert_eq!(err, "r.txt:2: binary data (a NUL byte), not a text dump");
        assert_eq!(
            from_bytes(p, b" \n\n").unwrap_err().to_string(),
            "r.txt: the file is empty"
        );
        assert!(matches!(
            read(Path::new("x.doc")),
            Err(SourceError::Unsupported { .. })
        ));
    }

    #[test]
    fn lines_are_one_based_by_index() {
        let s = from_bytes(Path::new("r.txt"), b"a\r\nb\n").unwrap();
        assert_eq!(s.lines(), vec!["a", "b"]);
    }
}
