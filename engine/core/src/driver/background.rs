//! Background work beside a live loop: a thread the scheduler serves after the loop's.
//!
//! Warming the next effect (compiling its pipelines, loading its models) takes a core for a
//! fraction of a second; on a two-core machine that is the core the render stage needs, and
//! frames drop. On Linux the warming thread runs at a lower priority (nice 10), so it takes
//! only the time the live stages leave. Threads it starts (the ONNX runtime's) inherit it.

/// Runs `work` on a new thread named `name` at background priority and waits for it.
pub(crate) fn run<T: Send>(name: &str, work: impl FnOnce() -> T + Send) -> std::io::Result<T> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn_scoped(scope, || {
                lower_priority();
                work()
            })?;
        handle
            .join()
            .map_err(|_| std::io::Error::other(format!("the thread {name:?} panicked")))
    })
}

/// Makes the calling thread yield to normal-priority ones (best effort: logged if refused).
#[cfg(target_os = "linux")]
#[allow(unsafe_code, reason = "setpriority(2) on this thread's id: FFI")]
fn lower_priority() {
    // SAFETY: gettid has no preconditions; setpriority with PRIO_PROCESS and a thread id changes
    // only that thread's nice value (Linux threads are scheduled entities of their own).
    let done = unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid.unsigned_abs(), 10)
    };
    if done != 0 {
        tracing::debug!(
            "background priority refused: {}",
            std::io::Error::last_os_error()
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}
