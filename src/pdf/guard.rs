//! Isolating the PDF libraries: a panic inside them becomes an error with its message, for
//! the page or file it struck, and is not printed to standard error as a crash.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

/// Panics caught by [`isolate`] since the process started.
static CAUGHT: AtomicUsize = AtomicUsize::new(0);

/// How many panics inside the PDF libraries [`isolate`] has caught in this process: each
/// became an error for its page or file, or a degraded reading (no rules, no tags).
pub fn panics_caught() -> usize {
    CAUGHT.load(Ordering::Relaxed)
}

thread_local! {
    /// Whether this thread is inside [`isolate`], whose caller reports the panic itself.
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work`, turning a panic into `Err` with the panic's message. While it runs, the
/// process's panic hook stays quiet on this thread (other threads are not affected).
pub fn isolate<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    quiet_hook();
    let outer = ISOLATED.with(|f| f.replace(true));
    let outcome = catch_unwind(AssertUnwindSafe(work));
    ISOLATED.with(|f| f.set(outer));
    outcome.map_err(|payload| {
        CAUGHT.fetch_add(1, Ordering::Relaxed);
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_string()))
            .unwrap_or_else(|| "no message".into())
    })
}

/// Wraps the process's panic hook, once, so that it prints nothing for a panic that
/// [`isolate`] catches and reports.
fn quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !ISOLATED.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(isolate(|| 7), Ok(7));
        let caught = isolate(|| -> u8 { panic!("unexpected encoding {:?}", "SymbolSetEncoding") });
        assert_eq!(
            caught,
            Err("unexpected encoding \"SymbolSetEncoding\"".to_string())
        );
        assert_eq!(
            isolate(|| std::panic::panic_any(3_u8)),
            Err("no message".to_string())
        );
    }
}
