//! Standard output that a closed reader (`lkjip check … | head`) ends quietly instead of a panic.

use std::io::{ErrorKind, Write};

/// Writes `text` to standard output; a reader that has gone away is not an error.
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
