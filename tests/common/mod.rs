//! Helpers shared by the integration tests: paths into `../shared/`, and PDFs written out
//! object by object.

#![allow(dead_code, reason = "each test crate uses the helpers it needs")]

use std::path::PathBuf;
use std::process::{Command, Output};

/// The repository's root (the tests run lkjip from there).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh scratch directory for one test, removed when the test is done with it (and
/// first, if an earlier run was killed before it could be).
pub fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("lkjip-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    Scratch(dir)
}

/// A scratch directory, removed with everything in it when dropped: test runs leave no
/// folders behind in the system's temporary directory.
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;

    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl AsRef<std::path::Path> for Scratch {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Scratch {
    /// Keeps the directory past this value, for a fixture every test of the process shares
    /// (a synthetic corpus made once): left behind when the process ends.
    pub fn keep(self) -> PathBuf {
        let dir = self.0.clone();
        std::mem::forget(self);
        dir
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `lkjip` binary, to run from the repository's root.
pub fn lkjip() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lkjip"));
    command.current_dir(root());
    command
}

/// Runs `lkjip ARGS…` from the repository's root to its end.
pub fn run(args: &[&str]) -> Output {
    lkjip()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run lkjip: {e}"))
}

/// A path under `../shared/` beside the clone, which must exist.
pub fn shared(path: &str) -> PathBuf {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(path);
    assert!(
        full.exists(),
        "{} is missing: the tests read the shared inputs from ../shared beside the clone",
        full.display()
    );
    full
}

/// A real PDF of `../shared/real-pdfs/` read, and the findings its check gives.
pub fn checked_real(name: &str) -> (lkjip::report::ReportDocument, Vec<lkjip::findings::Finding>) {
    checked(&format!("real-pdfs/{name}.pdf"))
}

/// A file of `../shared/` (`pdf-samples/NAME.pdf`) read, and the findings its check gives.
pub fn checked(file: &str) -> (lkjip::report::ReportDocument, Vec<lkjip::findings::Finding>) {
    let path = shared(file);
    let source = lkjip::source::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = lkjip::report::extract(&source);
    let findings = lkjip::check::check(&doc, &source);
    (doc, findings)
}

/// A PDF of the given objects (numbered from 1, the first the catalog), with a correct
/// cross-reference table.
pub fn pdf_of(objects: &[String]) -> Vec<u8> {
    let bytes: Vec<Vec<u8>> = objects.iter().map(|o| o.as_bytes().to_vec()).collect();
    pdf_of_bytes(&bytes)
}

/// A PDF of the given objects as bytes (a stream's data may be binary), like [`pdf_of`].
pub fn pdf_of_bytes(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj", i + 1).bytes());
        out.extend(object);
        out.extend(b"endobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    let trailer = format!(
        "trailer<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend(trailer.bytes());
    out
}
