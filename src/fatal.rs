//! `Py_FatalError`: print CPython's report to stderr and abort.
//!
//! The text follows CPython 3.13 (`Fatal Python error: FUNC: MESSAGE`, then the runtime
//! state and the current thread), so tools and tests that grep for it keep working. It is
//! written with `write(2)` directly: a fatal error may happen while Rust's stderr lock or
//! an allocator lock is held elsewhere.

use std::fmt::Write as _;

/// Writes `s` to file descriptor 2, retrying on short writes and EINTR.
pub(crate) fn write_stderr(s: &str) {
    let mut bytes = s.as_bytes();
    while !bytes.is_empty() {
        // SAFETY: writing from a valid buffer of the given length.
        let n = unsafe { libc::write(2, bytes.as_ptr().cast(), bytes.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        bytes = &bytes[n as usize..];
    }
}

/// Reports a fatal error as CPython does and aborts the process (SIGABRT).
///
/// `func` is the C function that detected the error (CPython's `__func__` prefix); `None`
/// prints the message alone, as `Py_ExitStatusException` does for a status without one.
#[cold]
pub(crate) fn fatal(func: Option<&str>, msg: &str) -> ! {
    report(func, msg);
    // SAFETY: abort has no preconditions; it does not return.
    unsafe { libc::abort() }
}

/// The same report, then `exit(code)`: what `Py_ExitStatusException` does for an error
/// status (CPython exits with 1 there rather than aborting).
#[cold]
pub(crate) fn fatal_exit(func: Option<&str>, msg: &str, code: i32) -> ! {
    report(func, msg);
    // SAFETY: exit has no preconditions.
    unsafe { libc::exit(code) }
}

fn report(func: Option<&str>, msg: &str) {
    let mut out = String::with_capacity(256);
    out.push_str("Fatal Python error: ");
    if let Some(f) = func {
        out.push_str(f);
        out.push_str(": ");
    }
    out.push_str(msg);
    out.push('\n');
    out.push_str("Python runtime state: ");
    out.push_str(&crate::runtime::describe_state());
    out.push_str("\n\n");
    if crate::runtime::has_interpreters() {
        // SAFETY: pthread_self has no preconditions.
        let me = unsafe { libc::pthread_self() } as u64;
        let _ = write!(out, "Current thread 0x{me:016x} (most recent call first):\n  <no Python frame>\n");
    }
    write_stderr(&out);
}
