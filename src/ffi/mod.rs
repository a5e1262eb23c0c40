//! The API boundary: the panic guard every export runs inside, and small helpers for raw
//! C arguments.
//!
//! Each `extern "C"` function is written out literally (cbindgen cannot see macro-made
//! items) and wraps its body in [`guard`], a plain function taking a closure so rustfmt
//! still formats the body. A panic never crosses into C: it is reported on stderr and the
//! function returns its family's error value ([`PanicDefault`]).

use std::ffi::{c_char, c_int, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::abi::{PyStatus, SubinterpResult, SUBINTERP_ERR_PANIC};

/// The value an export returns when a panic was caught inside it.
pub(crate) trait PanicDefault {
    fn panic_default() -> Self;
}

impl PanicDefault for () {
    fn panic_default() -> Self {}
}

impl<T> PanicDefault for *mut T {
    fn panic_default() -> Self {
        std::ptr::null_mut()
    }
}

impl<T> PanicDefault for *const T {
    fn panic_default() -> Self {
        std::ptr::null()
    }
}

/// `int`-returning CPython functions signal failure with -1; `Subinterp_*` functions
/// return `SubinterpResult`, which is also `int`, so they use [`guard_result`] instead.
impl PanicDefault for c_int {
    fn panic_default() -> Self {
        -1
    }
}

impl PanicDefault for isize {
    fn panic_default() -> Self {
        -1
    }
}

impl PanicDefault for i64 {
    fn panic_default() -> Self {
        -1
    }
}

impl PanicDefault for u64 {
    fn panic_default() -> Self {
        0
    }
}

impl PanicDefault for PyStatus {
    fn panic_default() -> Self {
        crate::status::error(c"subinterp", c"internal error (a panic was caught)")
    }
}

/// Runs `f`, turning a panic into the return type's error value.
#[inline(always)]
pub(crate) fn guard<R: PanicDefault>(name: &'static str, f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            report_panic(name, payload.as_ref());
            R::panic_default()
        }
    }
}

/// Like [`guard`], with an explicit value for the panic case (for functions whose error
/// value is not their type's usual one, e.g. `Py_IsInitialized` returns 0).
#[inline(always)]
pub(crate) fn guard_or<R>(name: &'static str, on_panic: R, f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            report_panic(name, payload.as_ref());
            on_panic
        }
    }
}

/// [`guard`] for `Subinterp_*` functions: a panic becomes `SUBINTERP_ERR_PANIC`.
#[inline(always)]
pub(crate) fn guard_result(name: &'static str, f: impl FnOnce() -> SubinterpResult) -> SubinterpResult {
    guard_or(name, SUBINTERP_ERR_PANIC, f)
}

#[cold]
fn report_panic(name: &str, payload: &(dyn std::any::Any + Send)) {
    let msg = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(non-string panic payload)");
    crate::fatal::write_stderr(&format!("subinterp: internal error in {name}: {msg}; the call failed\n"));
}

/// Borrows a C string as UTF-8 text, lossily (for messages only).
///
/// # Safety
/// `p` must be NULL or point to a NUL-terminated string.
pub(crate) unsafe fn lossy_str(p: *const c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-NULL and NUL-terminated per the caller's contract.
    Some(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}
