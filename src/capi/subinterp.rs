//! Our own API beyond CPython's: introspection and error texts. Every function returns a
//! `SubinterpResult` (or a value that cannot fail) and never aborts.

use std::ffi::c_char;

use crate::abi::*;
use crate::ffi::{guard, guard_result};
use crate::runtime;

/// Returns: a static, NUL-terminated English description of `code` (never NULL; unknown
/// codes get "unknown error code").
#[unsafe(no_mangle)]
pub extern "C" fn Subinterp_ErrorMessage(code: SubinterpResult) -> *const c_char {
    let msg: &'static std::ffi::CStr = match code {
        SUBINTERP_OK => c"success",
        SUBINTERP_ERR_NULL_ARGUMENT => c"a required pointer argument was NULL",
        SUBINTERP_ERR_NOT_INITIALIZED => c"the runtime is not initialized",
        SUBINTERP_ERR_INVALID_INTERPRETER => c"not a live interpreter",
        SUBINTERP_ERR_INVALID_THREAD_STATE => c"not a live thread state",
        SUBINTERP_ERR_NOT_CURRENT => c"the thread state is not the calling thread's attached thread state",
        SUBINTERP_ERR_OTHER_THREADS => c"other thread states still exist in the interpreter",
        SUBINTERP_ERR_MAIN_INTERPRETER => c"not allowed on the main interpreter",
        SUBINTERP_ERR_INVALID_VALUE => c"an argument value is out of range",
        SUBINTERP_ERR_FINALIZING => c"the interpreter or runtime is finalizing",
        SUBINTERP_ERR_GUARDS_HELD => c"interpreter guards (PEP 788) are still open",
        SUBINTERP_ERR_QUEUE_FULL => c"the pending-call queue is full",
        SUBINTERP_ERR_PANIC => c"internal error (a panic was caught)",
        _ => c"unknown error code",
    };
    msg.as_ptr()
}

/// Writes counters of what the runtime holds into `*out` (for leak checks: after
/// `Py_FinalizeEx`, `live_interpreters` and `live_thread_states` are 0).
///
/// Returns: `SUBINTERP_OK`. Errors: `SUBINTERP_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Subinterp_GetStats(out: *mut SubinterpStats) -> SubinterpResult {
    guard_result("Subinterp_GetStats", || {
        if out.is_null() {
            return SUBINTERP_ERR_NULL_ARGUMENT;
        }
        // SAFETY: non-NULL, writable per the C API.
        unsafe { *out = runtime::stats() };
        SUBINTERP_OK
    })
}

/// Writes the configuration `interp` was created with into `*out`, `gil` resolved to
/// `PyInterpreterConfig_OWN_GIL` or `PyInterpreterConfig_SHARED_GIL`. The main
/// interpreter reports the legacy settings with its own GIL.
///
/// Returns: `SUBINTERP_OK`. Errors: `SUBINTERP_ERR_NULL_ARGUMENT`,
/// `SUBINTERP_ERR_INVALID_INTERPRETER`; `*out` is written only on success.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Subinterp_GetInterpreterConfig(
    interp: *mut PyInterpreterState,
    out: *mut PyInterpreterConfig,
) -> SubinterpResult {
    guard_result("Subinterp_GetInterpreterConfig", || {
        if interp.is_null() || out.is_null() {
            return SUBINTERP_ERR_NULL_ARGUMENT;
        }
        let Some(interp) = runtime::lookup(interp) else { return SUBINTERP_ERR_INVALID_INTERPRETER };
        // SAFETY: non-NULL, writable per the C API.
        unsafe { *out = interp.config };
        SUBINTERP_OK
    })
}

/// Returns: 1 if `interp` points to a live interpreter, else 0 (never dereferences it).
#[unsafe(no_mangle)]
pub extern "C" fn Subinterp_InterpreterIsAlive(interp: *mut PyInterpreterState) -> std::ffi::c_int {
    guard("Subinterp_InterpreterIsAlive", || std::ffi::c_int::from(runtime::lookup(interp).is_some()))
}

/// Writes what `interp`'s heap holds into `*out`: its live blocks and bytes, its arenas and
/// large blocks. Objects of an interpreter that shares the main interpreter's allocator
/// (`use_main_obmalloc` with the shared GIL) are counted in main's heap.
///
/// The calling thread must have a thread state of `interp` attached (the heap is guarded by
/// that interpreter's GIL).
///
/// Returns: `SUBINTERP_OK`. Errors: `SUBINTERP_ERR_NULL_ARGUMENT`,
/// `SUBINTERP_ERR_INVALID_INTERPRETER`, `SUBINTERP_ERR_NOT_CURRENT` (no thread state of
/// `interp` attached); `*out` is written only on success.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Subinterp_GetHeapStats(
    interp: *mut PyInterpreterState,
    out: *mut SubinterpHeapStats,
) -> SubinterpResult {
    guard_result("Subinterp_GetHeapStats", || {
        if interp.is_null() || out.is_null() {
            return SUBINTERP_ERR_NULL_ARGUMENT;
        }
        let Some(interp) = runtime::lookup(interp) else { return SUBINTERP_ERR_INVALID_INTERPRETER };
        let cur = crate::tstate::current();
        // SAFETY: the attached thread state is live.
        if cur.is_null() || !std::sync::Arc::ptr_eq(unsafe { (*cur).interp() }, &interp) {
            return SUBINTERP_ERR_NOT_CURRENT;
        }
        let h = interp.heap_stats();
        // SAFETY: non-NULL, writable per the C API.
        unsafe {
            *out = SubinterpHeapStats {
                live_blocks: h.live_blocks as Py_ssize_t,
                live_bytes: h.live_bytes as Py_ssize_t,
                arenas: h.arenas as Py_ssize_t,
                large_blocks: h.large_blocks as Py_ssize_t,
            }
        };
        SUBINTERP_OK
    })
}
