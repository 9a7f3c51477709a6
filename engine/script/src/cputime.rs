//! The clock the time budget runs on: CPU time of the calling thread.
//!
//! A wall-clock budget would count the time the OS spends running *other* threads (on a busy
//! 2-core machine a frame thread is easily preempted for 10+ ms) and pause perfectly good scripts.
//! CPU time only grows while the script's thread runs, which is what an endless loop does.

use std::time::Duration;

/// CPU time consumed by this thread so far.
#[cfg(unix)]
pub(crate) fn now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` only writes the `timespec` we own and pass by valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut ts) };
    if rc == 0 {
        Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
    } else {
        wall()
    }
}

/// CPU time consumed by this thread so far (wall time where thread CPU clocks are unavailable).
#[cfg(not(unix))]
pub(crate) fn now() -> Duration {
    wall()
}

fn wall() -> Duration {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}
