//! Releasing and re-taking the GIL, and pending calls (CPython's `ceval.h`).

use std::ffi::{c_int, c_void};

use crate::abi::*;
use crate::fatal::fatal;
use crate::ffi::{guard, guard_or, guard_result};
use crate::runtime;
use crate::tstate::{attach, current, detach, safe_point, OnRefusal, ThreadState};

use super::pystate::fatal_tstate_null;

/// Detaches the calling thread's thread state, releasing its interpreter's GIL so other
/// threads of that interpreter (or of interpreters sharing the GIL) can run.
/// `Py_BEGIN_ALLOW_THREADS` expands to this.
///
/// Returns: the detached thread state (borrowed); give it back to `PyEval_RestoreThread`.
/// Errors: fatal if no thread state is attached (CPython 3.12's message; 3.13 crashes).
#[unsafe(no_mangle)]
pub extern "C" fn PyEval_SaveThread() -> *mut PyThreadState {
    let cur = current();
    if cur.is_null() {
        fatal_tstate_null("PyEval_SaveThread");
    }
    // SAFETY: attached on this thread.
    unsafe { detach(cur) };
    ThreadState::as_c(cur)
}

/// Attaches `tstate` to the calling thread, waiting for its interpreter's GIL.
/// `Py_END_ALLOW_THREADS` expands to this. While the runtime is finalizing, a thread other
/// than the finalizing one is parked for good (CPython 3.14's behaviour).
///
/// Errors: fatal, with CPython 3.13's messages, if `tstate` is NULL or a thread state is
/// already attached to this thread (where 3.12 deadlocks); also fatal if `tstate` is not a
/// live thread state or is attached to another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyEval_RestoreThread(tstate: *mut PyThreadState) {
    // SAFETY: forwarded.
    unsafe { attach_checked(tstate, "PyEval_RestoreThread") }
}

/// Same as `PyEval_RestoreThread` (the caller must not have an attached thread state).
///
/// Errors: as `PyEval_RestoreThread`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyEval_AcquireThread(tstate: *mut PyThreadState) {
    // SAFETY: forwarded.
    unsafe { attach_checked(tstate, "PyEval_AcquireThread") }
}

unsafe fn attach_checked(tstate: *mut PyThreadState, who: &str) {
    if tstate.is_null() {
        fatal_tstate_null(who);
    }
    let Some(ts) = ThreadState::from_c(tstate) else {
        fatal(Some(who), &format!("invalid thread state {tstate:p}"));
    };
    // SAFETY: validated live.
    let _ = unsafe { attach(ts, who, OnRefusal::Park) };
}

/// Detaches `tstate`, which must be the calling thread's attached thread state.
///
/// Errors: fatal `PyEval_ReleaseThread: wrong thread state` if it is not (CPython 3.12's
/// check; 3.13 detaches whatever is attached), and CPython's "GIL is released" message if
/// nothing is attached.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyEval_ReleaseThread(tstate: *mut PyThreadState) {
    let cur = current();
    if cur.is_null() {
        fatal_tstate_null("PyEval_ReleaseThread");
    }
    if ThreadState::as_c(cur) != tstate {
        fatal(Some("PyEval_ReleaseThread"), "wrong thread state");
    }
    // SAFETY: attached on this thread.
    unsafe { detach(cur) };
}

/// Does nothing (threads are always initialized; deprecated since CPython 3.9).
#[unsafe(no_mangle)]
pub extern "C" fn PyEval_InitThreads() {}

/// Returns: 1 (threads are always initialized; deprecated since CPython 3.9).
#[unsafe(no_mangle)]
pub extern "C" fn PyEval_ThreadsInitialized() -> c_int {
    1
}

/// Queues `func(arg)` to run in the main interpreter's main thread, at its next
/// `Py_MakePendingCalls` (or during finalization). Any thread may call it, with or without
/// an attached thread state. Use `Subinterp_AddPendingCall` for another interpreter.
///
/// Returns: 0 if queued.
/// Errors: -1 if `func` is NULL, the runtime is not initialized, or 32 calls are already
/// queued (CPython 3.13's capacity).
#[unsafe(no_mangle)]
pub extern "C" fn Py_AddPendingCall(
    func: Option<unsafe extern "C" fn(*mut c_void) -> c_int>,
    arg: *mut c_void,
) -> c_int {
    guard("Py_AddPendingCall", || {
        let (Some(func), Some(main)) = (func, runtime::main()) else { return -1 };
        match main.add_pending_call(func, arg) {
            Ok(()) => 0,
            Err(()) => -1,
        }
    })
}

/// A safe point for the calling thread: hands the GIL over if another thread asked for it
/// (a drop request after a whole switch interval of waiting), then runs the calls queued
/// for the current interpreter, oldest first. For the main interpreter they run only in
/// its main thread (CPython's rule: elsewhere this returns 0 and leaves them queued); for
/// a subinterpreter, in any of its threads. Calls never run re-entrantly.
///
/// Returns: 0 when the queue was run (or nothing was due).
/// Errors: -1 if a call returned non-zero (the later ones stay queued), or if no thread
/// state is attached.
#[unsafe(no_mangle)]
pub extern "C" fn Py_MakePendingCalls() -> c_int {
    guard("Py_MakePendingCalls", || {
        let cur = current();
        if cur.is_null() {
            return -1;
        }
        // SAFETY: attached on this thread.
        unsafe { safe_point(cur) };
        // SAFETY: attached, so live.
        let interp = unsafe { (*cur).interp() };
        if interp.is_main && !runtime::is_main_thread() {
            return 0;
        }
        if !interp.has_pending_calls() {
            return 0;
        }
        interp.run_pending_calls()
    })
}

/// Queues `func(arg)` to run in `interp`, at the next `Py_MakePendingCalls` of one of its
/// threads (for the main interpreter: its main thread), or when it ends. Any thread may
/// call it, with or without an attached thread state.
///
/// Returns: `SUBINTERP_OK` if queued.
/// Errors: `SUBINTERP_ERR_NULL_ARGUMENT`, `SUBINTERP_ERR_INVALID_INTERPRETER`,
/// `SUBINTERP_ERR_QUEUE_FULL` (32 queued for main, 300 for a subinterpreter).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Subinterp_AddPendingCall(
    interp: *mut PyInterpreterState,
    func: Option<unsafe extern "C" fn(*mut c_void) -> c_int>,
    arg: *mut c_void,
) -> SubinterpResult {
    guard_result("Subinterp_AddPendingCall", || {
        let Some(func) = func else { return SUBINTERP_ERR_NULL_ARGUMENT };
        if interp.is_null() {
            return SUBINTERP_ERR_NULL_ARGUMENT;
        }
        let Some(interp) = runtime::lookup(interp) else { return SUBINTERP_ERR_INVALID_INTERPRETER };
        match interp.add_pending_call(func, arg) {
            Ok(()) => SUBINTERP_OK,
            Err(()) => SUBINTERP_ERR_QUEUE_FULL,
        }
    })
}

/// Sets the switch interval of `interp`'s GIL (CPython's `sys.setswitchinterval`, which is
/// per GIL): how long a waiting thread sleeps before asking the holder to hand over. An
/// own-GIL interpreter has its own setting; shared-GIL interpreters share main's.
///
/// Returns: `SUBINTERP_OK`.
/// Errors: `SUBINTERP_ERR_NULL_ARGUMENT`, `SUBINTERP_ERR_INVALID_INTERPRETER`,
/// `SUBINTERP_ERR_INVALID_VALUE` if `microseconds` is 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Subinterp_SetSwitchInterval(
    interp: *mut PyInterpreterState,
    microseconds: u64,
) -> SubinterpResult {
    guard_result("Subinterp_SetSwitchInterval", || {
        if interp.is_null() {
            return SUBINTERP_ERR_NULL_ARGUMENT;
        }
        if microseconds == 0 {
            return SUBINTERP_ERR_INVALID_VALUE;
        }
        let Some(interp) = runtime::lookup(interp) else { return SUBINTERP_ERR_INVALID_INTERPRETER };
        interp.gil.set_interval_us(microseconds);
        SUBINTERP_OK
    })
}

/// Reads the switch interval of `interp`'s GIL into `*out_microseconds` (default 5000).
///
/// Returns: `SUBINTERP_OK`.
/// Errors: `SUBINTERP_ERR_NULL_ARGUMENT`, `SUBINTERP_ERR_INVALID_INTERPRETER`; the output
/// is written only on success.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Subinterp_GetSwitchInterval(
    interp: *mut PyInterpreterState,
    out_microseconds: *mut u64,
) -> SubinterpResult {
    guard_result("Subinterp_GetSwitchInterval", || {
        if interp.is_null() || out_microseconds.is_null() {
            return SUBINTERP_ERR_NULL_ARGUMENT;
        }
        let Some(interp) = runtime::lookup(interp) else { return SUBINTERP_ERR_INVALID_INTERPRETER };
        // SAFETY: non-NULL, writable per the C API.
        unsafe { *out_microseconds = interp.gil.interval_us() };
        SUBINTERP_OK
    })
}

/// Whether `interp`'s GIL is held right now, and how often it has been taken, for tests
/// and monitoring. Either output may be NULL.
///
/// Returns: `SUBINTERP_OK`.
/// Errors: `SUBINTERP_ERR_NULL_ARGUMENT`, `SUBINTERP_ERR_INVALID_INTERPRETER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Subinterp_GetGilState(
    interp: *mut PyInterpreterState,
    out_locked: *mut c_int,
    out_switches: *mut u64,
) -> SubinterpResult {
    guard_result("Subinterp_GetGilState", || {
        if interp.is_null() {
            return SUBINTERP_ERR_NULL_ARGUMENT;
        }
        let Some(interp) = runtime::lookup(interp) else { return SUBINTERP_ERR_INVALID_INTERPRETER };
        // SAFETY: NULL-checked, writable per the C API.
        unsafe {
            if !out_locked.is_null() {
                *out_locked = c_int::from(interp.gil.is_locked());
            }
            if !out_switches.is_null() {
                *out_switches = interp.gil.switch_number();
            }
        }
        SUBINTERP_OK
    })
}

/// Returns: 1 if the GIL of the calling thread's interpreter has a pending drop request for
/// this thread (another thread waited a whole switch interval), else 0.
#[unsafe(no_mangle)]
pub extern "C" fn Subinterp_DropRequested() -> c_int {
    guard_or("Subinterp_DropRequested", 0, || {
        let cur = current();
        // SAFETY: attached, so live.
        c_int::from(!cur.is_null() && unsafe { (*cur).drop_requested() })
    })
}
