//! Interpreter and thread states (CPython's `pystate.h`, `cpython/pystate.h`), the
//! `PyGILState_*` API and PEP 788's guards, views and `PyThreadState_Ensure`.
//!
//! Functions returning `void` that receive a pointer which is not a live interpreter or
//! thread state do nothing (CPython would crash); where CPython documents a fatal error,
//! the same fatal error happens here.

use std::ffi::{c_int, c_ulong};

use crate::abi::*;
use crate::ensure;
use crate::fatal::fatal;
use crate::ffi::{guard, guard_or};
use crate::lifecycle;
use crate::runtime;
use crate::tstate::{attach, current, detach, OnRefusal, ThreadState};

/// CPython's `_Py_FatalError_TstateNULL`.
pub(crate) fn fatal_tstate_null(func: &str) -> ! {
    fatal(
        Some(func),
        "the function must be called with the GIL held, after Python initialization and before \
         Python finalization, but the GIL is released (the current Python thread state is NULL)",
    )
}

// ---------------------------------------------------------------------------------------
// Interpreters
// ---------------------------------------------------------------------------------------

/// Creates a bare interpreter (its own GIL, legacy feature flags) with no thread state.
/// No thread state needs to be attached.
///
/// Returns: the interpreter (owned by the runtime; delete it with
/// `PyInterpreterState_Clear` + `PyInterpreterState_Delete`).
/// Errors: NULL if the runtime is not initialized.
#[unsafe(no_mangle)]
pub extern "C" fn PyInterpreterState_New() -> *mut PyInterpreterState {
    guard("PyInterpreterState_New", || {
        lifecycle::new_bare_interpreter().map_or(std::ptr::null_mut(), |i| i.as_c())
    })
}

/// Resets an interpreter: drops its queued pending calls and atexit callbacks and clears
/// its thread states. Does nothing if `interp` is not a live interpreter.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInterpreterState_Clear(interp: *mut PyInterpreterState) {
    guard("PyInterpreterState_Clear", || {
        if let Some(interp) = runtime::lookup(interp) {
            lifecycle::clear_interpreter(&interp);
        }
    })
}

/// Deletes an interpreter and its remaining (unused) thread states. A thread state of it
/// attached to the calling thread is detached first, as in CPython. Does nothing if
/// `interp` is not a live interpreter.
///
/// Errors (fatal, where CPython would corrupt memory): the main interpreter (use
/// `Py_FinalizeEx`), a thread state of it attached on another thread
/// (`remaining threads`), open PEP 788 guards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInterpreterState_Delete(interp: *mut PyInterpreterState) {
    guard("PyInterpreterState_Delete", || lifecycle::delete_interpreter(interp))
}

/// Returns: the interpreter of the attached thread state (borrowed; never NULL).
/// Errors: fatal if no thread state is attached, with CPython's message.
#[unsafe(no_mangle)]
pub extern "C" fn PyInterpreterState_Get() -> *mut PyInterpreterState {
    let cur = current();
    if cur.is_null() {
        fatal_tstate_null("PyInterpreterState_Get");
    }
    // SAFETY: the attached thread state is live.
    unsafe { (*cur).interp().as_c() }
}

/// Returns: the main interpreter (borrowed), or NULL if the runtime is not initialized.
/// No thread state needs to be attached.
#[unsafe(no_mangle)]
pub extern "C" fn PyInterpreterState_Main() -> *mut PyInterpreterState {
    runtime::main_ptr()
}

/// Returns: the interpreter's ID: 0 for main, then increasing, never reused while the
/// runtime lives.
/// Errors: -1 if `interp` is NULL ("no interpreter provided") or not a live interpreter
/// ("not a live interpreter"; CPython reads freed memory there), with `RuntimeError` set
/// when a thread state is attached (with none there is nowhere to set it).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInterpreterState_GetID(interp: *mut PyInterpreterState) -> i64 {
    guard("PyInterpreterState_GetID", || match runtime::lookup(interp) {
        Some(i) => i.id,
        None => {
            if !crate::tstate::current().is_null() {
                crate::object::errors::runtime_error(if interp.is_null() {
                    "no interpreter provided"
                } else {
                    "not a live interpreter"
                });
            }
            -1
        }
    })
}

/// The interpreter's dict for extension modules' per-interpreter data
/// (`PyInterpreterState_GetDict`).
///
/// Returns: a borrowed reference, valid until the interpreter ends; made on first use by a
/// thread attached to `interp`.
/// Errors: NULL with no exception set if `interp` is NULL or not a live interpreter, or
/// the dict does not exist yet and the caller is not attached to `interp` (CPython would
/// allocate it with the caller's interpreter's memory), or it cannot be made.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInterpreterState_GetDict(interp: *mut PyInterpreterState) -> *mut PyObject {
    guard("PyInterpreterState_GetDict", || {
        runtime::lookup(interp).map_or(std::ptr::null_mut(), |i| i.state_dict())
    })
}

/// The calling thread state's dict, where extensions keep per-thread data
/// (`PyThreadState_GetDict`).
///
/// Returns: a borrowed reference, valid until the thread state is cleared; made on first use.
/// Errors: NULL with no exception set if no thread state is attached or the dict cannot be
/// made.
#[unsafe(no_mangle)]
pub extern "C" fn PyThreadState_GetDict() -> *mut PyObject {
    guard("PyThreadState_GetDict", || {
        let ts = crate::tstate::current();
        if ts.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: the attached thread state is live and used by this thread only.
        let slot = unsafe { &(*ts).state_dict };
        if slot.get().is_null() {
            match crate::object::dictobject::new() {
                Ok(d) => slot.set(d),
                Err(_) => crate::object::errors::clear(),
            }
        }
        slot.get()
    })
}

/// Returns: the newest live interpreter (borrowed), or NULL.
#[unsafe(no_mangle)]
pub extern "C" fn PyInterpreterState_Head() -> *mut PyInterpreterState {
    guard("PyInterpreterState_Head", runtime::head)
}

/// Returns: the next older live interpreter (borrowed), or NULL at the end of the list or
/// if `interp` is not a live interpreter.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInterpreterState_Next(interp: *mut PyInterpreterState) -> *mut PyInterpreterState {
    guard("PyInterpreterState_Next", || runtime::next(interp))
}

/// Returns: the newest thread state of `interp` (borrowed), or NULL if it has none or
/// `interp` is not a live interpreter. Follow with `PyThreadState_Next`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInterpreterState_ThreadHead(
    interp: *mut PyInterpreterState,
) -> *mut PyThreadState {
    guard("PyInterpreterState_ThreadHead", || {
        runtime::lookup(interp).map_or(std::ptr::null_mut(), |i| ThreadState::as_c(i.thread_head()))
    })
}

/// CPython 3.12's feature-flag query (`Py_RTFLAGS_*`).
///
/// Returns: 1 if every bit of `feature` is set for `interp`, else 0 (also for a pointer
/// that is not a live interpreter).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyInterpreterState_HasFeature(
    interp: *mut PyInterpreterState,
    feature: c_ulong,
) -> c_int {
    guard_or("_PyInterpreterState_HasFeature", 0, || {
        runtime::lookup(interp).map_or(0, |i| c_int::from(i.feature_flags & feature == feature))
    })
}

// ---------------------------------------------------------------------------------------
// Thread states
// ---------------------------------------------------------------------------------------

/// Creates a thread state for `interp`, not attached. It is bound to the calling thread
/// for `PyGILState_*` if that thread has none. No thread state needs to be attached.
///
/// Returns: the new thread state (owned by the runtime until `PyThreadState_Delete`).
/// Errors: NULL if `interp` is not a live interpreter or is being finalized.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyThreadState_New(interp: *mut PyInterpreterState) -> *mut PyThreadState {
    guard("PyThreadState_New", || {
        runtime::lookup(interp)
            .and_then(|i| ThreadState::create(&i, _PyThreadState_WHENCE_UNKNOWN, false))
            .map_or(std::ptr::null_mut(), ThreadState::as_c)
    })
}

/// Resets a thread state's bookkeeping. Does nothing for an invalid pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyThreadState_Clear(tstate: *mut PyThreadState) {
    guard("PyThreadState_Clear", || {
        if let Some(ts) = ThreadState::from_c(tstate) {
            // SAFETY: validated live.
            unsafe { (*ts).clear() };
        }
    })
}

/// Deletes a thread state that is not attached. Does nothing for an invalid pointer.
///
/// Errors: fatal `PyThreadState_Delete: tstate %p is still current` if it is the calling
/// thread's attached thread state (CPython's message), and, where CPython would corrupt
/// memory, `tstate %p is still attached to another thread`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyThreadState_Delete(tstate: *mut PyThreadState) {
    guard("PyThreadState_Delete", || {
        let Some(ts) = ThreadState::from_c(tstate) else { return };
        if ts == current() {
            fatal(Some("PyThreadState_Delete"), &format!("tstate {tstate:p} is still current"));
        }
        // SAFETY: validated live.
        if unsafe { (*ts).is_in_use() } {
            fatal(
                Some("PyThreadState_Delete"),
                &format!("tstate {tstate:p} is still attached to another thread"),
            );
        }
        // SAFETY: live and not attached anywhere.
        unsafe { ThreadState::delete(ts) };
    })
}

/// Detaches and deletes the calling thread's attached thread state.
///
/// Errors: fatal if no thread state is attached (CPython's message).
#[unsafe(no_mangle)]
pub extern "C" fn PyThreadState_DeleteCurrent() {
    let cur = current();
    if cur.is_null() {
        fatal_tstate_null("_PyThreadState_DeleteCurrent");
    }
    // SAFETY: attached on this thread.
    unsafe {
        detach(cur);
        ThreadState::delete(cur);
    }
}

/// Returns: the attached thread state (borrowed).
/// Errors: fatal if none is attached, with CPython's message.
#[unsafe(no_mangle)]
pub extern "C" fn PyThreadState_Get() -> *mut PyThreadState {
    let cur = current();
    if cur.is_null() {
        fatal_tstate_null("PyThreadState_Get");
    }
    ThreadState::as_c(cur)
}

/// Returns: the attached thread state (borrowed), or NULL.
#[unsafe(no_mangle)]
pub extern "C" fn PyThreadState_GetUnchecked() -> *mut PyThreadState {
    ThreadState::as_c(current())
}

/// CPython 3.5–3.12's name for `PyThreadState_GetUnchecked`.
///
/// Returns: the attached thread state (borrowed), or NULL.
#[unsafe(no_mangle)]
pub extern "C" fn _PyThreadState_UncheckedGet() -> *mut PyThreadState {
    ThreadState::as_c(current())
}

/// Detaches the calling thread's thread state (releasing its GIL) and attaches `tstate`
/// (taking its interpreter's GIL, waiting if needed); NULL only detaches. Swapping to a
/// thread state of an own-GIL interpreter therefore switches GILs. During finalization a
/// thread other than the finalizing one is parked for good (CPython 3.14's behaviour).
///
/// Returns: the previously attached thread state (borrowed), or NULL.
/// Errors: fatal if `tstate` is not a live thread state or is attached to another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyThreadState_Swap(tstate: *mut PyThreadState) -> *mut PyThreadState {
    let new = if tstate.is_null() {
        None
    } else {
        match ThreadState::from_c(tstate) {
            Some(ts) => Some(ts),
            None => fatal(Some("PyThreadState_Swap"), &format!("invalid thread state {tstate:p}")),
        }
    };
    let old = current();
    // SAFETY: `old` is attached here; `new` was validated.
    unsafe {
        if !old.is_null() {
            detach(old);
        }
        if let Some(ts) = new {
            let _ = attach(ts, "PyThreadState_Swap", OnRefusal::Park);
        }
    }
    ThreadState::as_c(old)
}

/// Returns: the interpreter of `tstate` (borrowed), or NULL for an invalid pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyThreadState_GetInterpreter(tstate: *mut PyThreadState) -> *mut PyInterpreterState {
    match ThreadState::from_c(tstate) {
        // SAFETY: validated live.
        Some(ts) => unsafe { (*ts).interp().as_c() },
        None => std::ptr::null_mut(),
    }
}

/// Returns: the thread state's ID, unique within its interpreter (from 1, as CPython's).
/// Errors: 0 for an invalid pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyThreadState_GetID(tstate: *mut PyThreadState) -> u64 {
    // SAFETY: validated live.
    ThreadState::from_c(tstate).map_or(0, |ts| unsafe { (*ts).id })
}

/// Returns: the next older thread state of the same interpreter (borrowed), or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyThreadState_Next(tstate: *mut PyThreadState) -> *mut PyThreadState {
    match ThreadState::from_c(tstate) {
        // SAFETY: validated live; the link is read atomically.
        Some(ts) => ThreadState::as_c(unsafe { ThreadState::next(ts) }),
        None => std::ptr::null_mut(),
    }
}

// ---------------------------------------------------------------------------------------
// PyGILState
// ---------------------------------------------------------------------------------------

/// Makes sure the calling thread has an attached thread state, from any thread (one Python
/// never saw included). If one is attached, it is used. Otherwise the thread state most
/// recently attached on this thread is re-attached, or a new one of the main interpreter
/// is made (deleted again by the matching release). Calls nest.
///
/// During or after finalization the thread is parked for good (CPython 3.14; prefer
/// `PyThreadState_EnsureFromView`, which fails instead).
///
/// Returns: `PyGILState_LOCKED` if a thread state was already attached, else
/// `PyGILState_UNLOCKED`; pass it to the matching `PyGILState_Release`.
/// Errors: fatal if the runtime was never initialized.
#[unsafe(no_mangle)]
pub extern "C" fn PyGILState_Ensure() -> PyGILState_STATE {
    guard_or("PyGILState_Ensure", PyGILState_LOCKED, ensure::gilstate_ensure)
}

/// Undoes the matching `PyGILState_Ensure`: at the outermost level the thread state it
/// made is deleted; with `PyGILState_UNLOCKED` the thread is detached.
///
/// Errors: fatal, with CPython's messages, if this thread has no attached thread state.
#[unsafe(no_mangle)]
pub extern "C" fn PyGILState_Release(oldstate: PyGILState_STATE) {
    guard("PyGILState_Release", || ensure::gilstate_release(oldstate))
}

/// Returns: the attached thread state, else the one most recently attached on this thread
/// if it still exists, else NULL (borrowed).
#[unsafe(no_mangle)]
pub extern "C" fn PyGILState_GetThisThreadState() -> *mut PyThreadState {
    guard("PyGILState_GetThisThreadState", || ThreadState::as_c(ensure::gilstate_this_thread()))
}

/// Returns: 1 if the calling thread has an attached thread state, else 0. (CPython returns
/// 1 unconditionally once any subinterpreter was created; this answer stays exact.)
#[unsafe(no_mangle)]
pub extern "C" fn PyGILState_Check() -> c_int {
    c_int::from(!current().is_null())
}

// ---------------------------------------------------------------------------------------
// PEP 788 (CPython 3.15)
// ---------------------------------------------------------------------------------------

/// Takes a guard on the current interpreter: it cannot start finalizing until the guard is
/// closed. Needs an attached thread state.
///
/// Returns: a new guard; close it with `PyInterpreterGuard_Close`.
/// Errors: NULL if no thread state is attached or finalization of the interpreter was
/// already requested.
#[unsafe(no_mangle)]
pub extern "C" fn PyInterpreterGuard_FromCurrent() -> *mut PyInterpreterGuard {
    guard("PyInterpreterGuard_FromCurrent", ensure::guard_from_current)
}

/// Takes a guard on the interpreter `view` refers to. No thread state needs to be attached.
///
/// Returns: a new guard; close it with `PyInterpreterGuard_Close`.
/// Errors: NULL (no exception) if `view` is NULL, or the interpreter is gone or finalizing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInterpreterGuard_FromView(
    view: *mut PyInterpreterView,
) -> *mut PyInterpreterGuard {
    // SAFETY: NULL or a view from us, per the C API.
    guard("PyInterpreterGuard_FromView", || unsafe { ensure::guard_from_view(view) })
}

/// Closes a guard, letting the interpreter finalize once no guard remains. NULL is fine;
/// closing the same guard twice is not. Cannot fail; needs no thread state.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInterpreterGuard_Close(guard_: *mut PyInterpreterGuard) {
    // SAFETY: NULL or a guard from us, per the C API.
    guard("PyInterpreterGuard_Close", || unsafe { ensure::guard_close(guard_) })
}

/// Returns: the guarded interpreter (borrowed; valid while the guard is open), or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInterpreterGuard_GetInterpreter(
    guard_: *mut PyInterpreterGuard,
) -> *mut PyInterpreterState {
    // SAFETY: NULL or a guard from us, per the C API.
    guard("PyInterpreterGuard_GetInterpreter", || unsafe { ensure::guard_interpreter(guard_) })
}

/// Makes a view of the current interpreter: a reference that stays safe to use after the
/// interpreter is gone. Needs an attached thread state.
///
/// Returns: a new view; close it with `PyInterpreterView_Close`.
/// Errors: NULL if no thread state is attached.
#[unsafe(no_mangle)]
pub extern "C" fn PyInterpreterView_FromCurrent() -> *mut PyInterpreterView {
    guard("PyInterpreterView_FromCurrent", ensure::view_from_current)
}

/// Makes a view of the main interpreter. Needs no thread state.
///
/// Returns: a new view; close it with `PyInterpreterView_Close`.
/// Errors: NULL if the runtime is not initialized.
#[unsafe(no_mangle)]
pub extern "C" fn PyInterpreterView_FromMain() -> *mut PyInterpreterView {
    guard("PyInterpreterView_FromMain", ensure::view_from_main)
}

/// Closes (frees) a view. NULL is fine. Cannot fail; needs no thread state.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInterpreterView_Close(view: *mut PyInterpreterView) {
    // SAFETY: NULL or a view from us, per the C API.
    guard("PyInterpreterView_Close", || unsafe { ensure::view_close(view) })
}

/// Makes sure the calling thread has an attached thread state of the guarded interpreter,
/// from any thread: the attached one if it matches (nesting counted), else the one last
/// attached on this thread if it matches, else a new one (deleted by the matching release).
/// A thread state of another interpreter attached here is detached until the release.
///
/// Returns: a token for `PyThreadState_Release` (not a thread state).
/// Errors: NULL, no exception, if `guard` is NULL; do not call `PyThreadState_Release` then.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyThreadState_Ensure(guard_: *mut PyInterpreterGuard) -> *mut PyThreadStateToken {
    guard("PyThreadState_Ensure", || {
        if guard_.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: a guard from us, open, per the C API.
        let g = unsafe { &*(guard_ as *const ensure::Guard) };
        ensure::ensure(g.interp(), false)
    })
}

/// `PyThreadState_Ensure` for the interpreter `view` refers to; the interpreter stays
/// guarded until the matching release. Never blocks on a finalizing interpreter.
///
/// Returns: a token for `PyThreadState_Release`.
/// Errors: NULL, no exception, if `view` is NULL or the interpreter is gone or finalizing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyThreadState_EnsureFromView(
    view: *mut PyInterpreterView,
) -> *mut PyThreadStateToken {
    // SAFETY: NULL or a view from us, per the C API.
    guard("PyThreadState_EnsureFromView", || unsafe { ensure::ensure_from_view(view) })
}

/// Undoes the matching `PyThreadState_Ensure*`: the thread state it made is deleted at the
/// outermost level, and the thread state attached before (if any) is attached again.
///
/// Errors: fatal if no thread state is attached or the nesting count goes below zero.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyThreadState_Release(token: *mut PyThreadStateToken) {
    // SAFETY: a token from the matching ensure, per the C API.
    guard("PyThreadState_Release", || unsafe { ensure::release(token) })
}
