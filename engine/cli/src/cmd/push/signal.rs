//! Ctrl-C / SIGTERM → a clean stop: the first signal asks the pipeline to drain and close the
//! stream; a second one ends the process at once (the handler puts the default action back).
//!
//! The only `unsafe` of the CLI, at the libc edge.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(sig: libc::c_int) {
    REQUESTED.store(true, Ordering::SeqCst);
    // SAFETY: `signal` is async-signal-safe (POSIX.1-2008 list); SIG_DFL is always valid.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
    }
}

/// Installs the handler for SIGINT and SIGTERM.
pub fn install() {
    let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: `on_signal` only stores to an atomic and calls `signal`, both
        // async-signal-safe; the handler has the C ABI and signature `signal` expects.
        unsafe {
            libc::signal(sig, handler);
        }
    }
}

/// Whether a stop was requested.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}
