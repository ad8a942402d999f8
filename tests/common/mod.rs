//! Helpers shared by the integration tests: paths into `../shared/`, and PDFs written out
//! object by object.

#![allow(dead_code, reason = "each test crate uses the helpers it needs")]

use std::path::PathBuf;

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

/// A PDF of the given objects (numbered from 1, the first the catalog), with a correct
/// cross-reference table.
pub fn pdf_of(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj{object}endobj\n", i + 1).bytes());
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
