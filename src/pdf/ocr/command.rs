//! Running the OCR programs: bytes in, bytes out, within a time limit, each failure said
//! with the program's name and what it printed.

use super::OcrError;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one program may take on one page before it is stopped.
pub(super) const TIME_LIMIT: Duration = Duration::from_secs(180);

/// Runs `program` with `args`, `input` on its standard input; its standard output, or why
/// it gave none.
pub(super) fn run(program: &str, args: &[&str], input: &[u8]) -> Result<Vec<u8>, OcrError> {
    let mut child = Command::new(program)
        .args(args)
        // one thread a page: pages are read in parallel
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| missing_or(program, &e))?;
    let (mut stdin, mut stdout, mut stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
    std::thread::scope(|s| {
        // a program that stops reading early makes the write fail: its exit status says why
        s.spawn(move || stdin.as_mut().map(|i| i.write_all(input)));
        let out = s.spawn(move || drain(stdout.as_mut()));
        let err = s.spawn(move || drain(stderr.as_mut()));
        let status = wait(&mut child, program)?;
        let out = out.join().unwrap_or_default();
        let err = err.join().unwrap_or_default();
        match status.success() {
            true => Ok(out),
            false => Err(OcrError::Failed {
                program: program.to_string(),
                status: status.code(),
                said: last_line(&err),
            }),
        }
    })
}

/// Everything a pipe gives until it closes.
fn drain(pipe: Option<&mut impl Read>) -> Vec<u8> {
    let mut bytes = Vec::new();
    if let Some(pipe) = pipe {
        let _ = pipe.read_to_end(&mut bytes);
    }
    bytes
}

/// Waits for the program to end, stopping it past the time limit.
fn wait(child: &mut std::process::Child, program: &str) -> Result<std::process::ExitStatus, OcrError> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if start.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(OcrError::TimedOut {
                    program: program.to_string(),
                    seconds: TIME_LIMIT.as_secs(),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(missing_or(program, &e)),
        }
    }
}

/// The error for a program that could not be started: not installed, or another reason.
fn missing_or(program: &str, e: &std::io::Error) -> OcrError {
    match e.kind() {
        std::io::ErrorKind::NotFound => OcrError::Missing {
            program: program.to_string(),
        },
        _ => OcrError::Failed {
            program: program.to_string(),
            status: None,
            said: e.to_string(),
        },
    }
}

/// The last line a program printed to its standard error that says something.
fn last_line(err: &[u8]) -> String {
    let text = String::from_utf8_lossy(err);
    let line = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
    line.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_not_installed_is_named() {
        let err = run("lkjip-no-such-program", &[], b"").unwrap_err();
        assert!(matches!(err, OcrError::Missing { ref program } if program == "lkjip-no-such-program"));
    }

    #[test]
    fn output_and_failure_are_told_apart() {
        assert_eq!(run("sh", &["-c", "cat"], b"page").unwrap(), b"page");
        let err = run("sh", &["-c", "echo bad page >&2; exit 3"], b"").unwrap_err();
        assert_eq!(err.to_string(), "sh failed (exit code 3): bad page");
    }
}
