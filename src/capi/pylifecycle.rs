//! Runtime and interpreter lifecycle (CPython's `pylifecycle.h`, `cpython/pylifecycle.h`).

use std::ffi::{c_char, c_int, c_void};

use crate::abi::*;
use crate::config::CoreConfig;
use crate::fatal::{fatal, fatal_exit};
use crate::ffi::{guard, guard_or, guard_result, lossy_str};
use crate::interp::{AtExitFunc, WHENCE_CAPI, WHENCE_LEGACY_CAPI};
use crate::lifecycle::{self, EndMode, LEGACY_CONFIG};
use crate::runtime::{self, MAX_EXIT_FUNCS, RUNTIME};
use crate::status;
use crate::tstate::ThreadState;

/// Initializes the runtime with signal handlers installed; same as `Py_InitializeEx(1)`.
///
/// Creates the main interpreter (ID 0) and attaches its first thread state to the calling
/// thread, which becomes the main thread. Does nothing if already initialized.
///
/// Errors: a failure is fatal (`Py_ExitStatusException`), as in CPython.
#[unsafe(no_mangle)]
pub extern "C" fn Py_Initialize() {
    Py_InitializeEx(1)
}

/// Initializes the runtime; `initsigs == 0` skips installing signal handlers
/// (`PyConfig.install_signal_handlers`).
///
/// Errors: a failure is fatal (`Py_ExitStatusException`), as in CPython.
#[unsafe(no_mangle)]
pub extern "C" fn Py_InitializeEx(initsigs: c_int) {
    let result = guard_or("Py_InitializeEx", Some(internal_error()), || {
        lifecycle::initialize(CoreConfig::for_initialize_ex(initsigs != 0)).err()
    });
    if let Some(status) = result {
        Py_ExitStatusException(status);
    }
}

/// Returns: 1 between initialization and the start of finalization, else 0.
#[unsafe(no_mangle)]
pub extern "C" fn Py_IsInitialized() -> c_int {
    guard_or("Py_IsInitialized", 0, || c_int::from(runtime::is_initialized()))
}

/// Returns: 1 from the start of `Py_FinalizeEx` until the runtime is initialized again
/// (CPython 3.13 reports 1 after finalization too), else 0.
#[unsafe(no_mangle)]
pub extern "C" fn Py_IsFinalizing() -> c_int {
    guard_or("Py_IsFinalizing", 0, || c_int::from(runtime::is_finalizing()))
}

/// Finalizes the runtime, in CPython 3.13's order: waits for PEP 788 guards, runs the main
/// interpreter's pending calls, marks the runtime finalizing, ends every lingering
/// subinterpreter newest first (their pending calls and atexit callbacks run; 3.12 aborts
/// here instead), runs the main interpreter's atexit callbacks, deletes every thread
/// state, then runs the `Py_AtExit` functions. Threads that try to attach while this runs
/// are parked for good (CPython 3.14's behaviour). `Py_IsFinalizing()` stays 1 until the
/// runtime is initialized again; IDs then start again at 0.
///
/// Any thread may call it. It runs on the calling thread's main-interpreter thread state:
/// the attached one, else the one last attached on this thread, else a new one (a
/// subinterpreter's attached thread state is detached and goes with its interpreter).
///
/// Returns: 0 (also when not initialized, and on a nested call from a callback).
#[unsafe(no_mangle)]
pub extern "C" fn Py_FinalizeEx() -> c_int {
    guard_or("Py_FinalizeEx", -1, lifecycle::finalize)
}

/// `Py_FinalizeEx` with the result ignored.
#[unsafe(no_mangle)]
pub extern "C" fn Py_Finalize() {
    let _ = Py_FinalizeEx();
}

/// Creates an interpreter with `_PyInterpreterConfig_LEGACY_INIT` (shared GIL).
///
/// The calling thread's thread state, if any, is detached; the new interpreter's first
/// thread state is attached and returned. Restore the old one with `PyThreadState_Swap`.
///
/// Returns: the new thread state (owned by the runtime; end it with `Py_EndInterpreter`).
/// Errors: a failure is fatal (`Py_ExitStatusException`), as in CPython.
#[unsafe(no_mangle)]
pub extern "C" fn Py_NewInterpreter() -> *mut PyThreadState {
    let result = guard_or("Py_NewInterpreter", Err(internal_error()), || {
        lifecycle::new_interpreter(&LEGACY_CONFIG, WHENCE_LEGACY_CAPI).map(ThreadState::as_c)
    });
    match result {
        Ok(ts) => ts,
        Err(status) => Py_ExitStatusException(status),
    }
}

fn internal_error() -> PyStatus {
    <PyStatus as crate::ffi::PanicDefault>::panic_default()
}

/// Creates an interpreter from `config` (PEP 684). Every field is honoured: `gil`
/// (`OWN` gives it a GIL of its own, so it runs in parallel with the others; `SHARED` and
/// `DEFAULT` use the main interpreter's), and the feature flags, which
/// `_PyInterpreterState_HasFeature` and `Subinterp_GetInterpreterConfig` report.
///
/// The calling thread's thread state, if any, is detached (also on success, as in
/// CPython). On success `*tstate_p` is the new interpreter's first thread state, attached
/// to the calling thread. No thread state needs to be attached to call this.
///
/// Returns: `PyStatus_Ok()` on success.
/// Errors (a status with CPython's texts; `*tstate_p` is set to NULL and the caller's thread
/// state is attached again): `Py_Initialize must be called first`; `per-interpreter obmalloc
/// does not support single-phase init extension modules` (`use_main_obmalloc == 0` without
/// `check_multi_interp_extensions`); `invalid interpreter config 'gil' value`; and, where
/// CPython would crash, `tstate_p must not be NULL` / `config must not be NULL`.
/// Ownership: the thread state belongs to the runtime; end it with `Py_EndInterpreter`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_NewInterpreterFromConfig(
    tstate_p: *mut *mut PyThreadState,
    config: *const PyInterpreterConfig,
) -> PyStatus {
    guard("Py_NewInterpreterFromConfig", || {
        if tstate_p.is_null() {
            return status::error(c"Py_NewInterpreterFromConfig", c"tstate_p must not be NULL");
        }
        if !runtime::is_initialized() {
            // As CPython: `*tstate_p` is left untouched for this error.
            return lifecycle::not_initialized();
        }
        // SAFETY: non-NULL; the caller passes a writable pointer.
        unsafe { *tstate_p = std::ptr::null_mut() };
        if config.is_null() {
            return status::error(c"Py_NewInterpreterFromConfig", c"config must not be NULL");
        }
        // SAFETY: non-NULL; read once, by value.
        let config = unsafe { *config };
        match lifecycle::new_interpreter(&config, WHENCE_CAPI) {
            Ok(ts) => {
                // SAFETY: checked non-NULL above.
                unsafe { *tstate_p = ThreadState::as_c(ts) };
                status::ok()
            }
            Err(status) => status,
        }
    })
}

/// Ends the interpreter of `tstate`, which must be the calling thread's attached thread
/// state and its interpreter's only one. Waits for PEP 788 guards on it (with its GIL
/// released; a guard the calling thread itself holds therefore waits for ever, as PEP 788
/// specifies), runs its pending calls, checks it is the last thread, runs its atexit
/// callbacks in registration order, then deletes it. On return no thread state is
/// attached; use `PyThreadState_Swap` to attach another.
///
/// Errors: as in CPython, broken preconditions are fatal (`Py_FatalError`):
/// `Py_EndInterpreter: thread is not current`, `Py_EndInterpreter: not the last thread`;
/// and, where CPython crashes or misbehaves, `NULL thread state`, `cannot end the main
/// interpreter; use Py_FinalizeEx()`, `the interpreter is already being ended` (a call from
/// its own callbacks). `Subinterp_EndInterpreter` reports these instead.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_EndInterpreter(tstate: *mut PyThreadState) {
    // SAFETY: `end_interpreter` validates the pointer.
    guard("Py_EndInterpreter", || unsafe {
        let _ = lifecycle::end_interpreter(tstate, EndMode::Fatal);
    })
}

/// Like `Py_EndInterpreter`, but never aborts: every precondition is checked before
/// anything changes, and a failure leaves the interpreter as it was.
///
/// Returns: `SUBINTERP_OK`, after which no thread state is attached.
/// Errors: `SUBINTERP_ERR_NULL_ARGUMENT`, `SUBINTERP_ERR_INVALID_THREAD_STATE`,
/// `SUBINTERP_ERR_NOT_CURRENT` (not the calling thread's attached thread state),
/// `SUBINTERP_ERR_MAIN_INTERPRETER`, `SUBINTERP_ERR_OTHER_THREADS` (other thread states
/// exist in the interpreter), `SUBINTERP_ERR_GUARDS_HELD` (PEP 788 guards are open),
/// `SUBINTERP_ERR_FINALIZING` (it is already being ended, e.g. a call from its own pending
/// calls or atexit callbacks, or the runtime is finalizing).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Subinterp_EndInterpreter(tstate: *mut PyThreadState) -> SubinterpResult {
    // SAFETY: `end_interpreter` validates the pointer.
    guard_result("Subinterp_EndInterpreter", || unsafe {
        lifecycle::end_interpreter(tstate, EndMode::Checked)
    })
}

/// Prints `Fatal Python error: MESSAGE` (with the runtime state) to stderr and aborts.
/// `Python.h` turns `Py_FatalError(msg)` into `_Py_FatalErrorFunc(__func__, msg)`, as
/// CPython's does; this symbol serves code that takes its address.
///
/// Returns: never.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_FatalError(message: *const c_char) -> ! {
    // SAFETY: NULL or a C string, per the C API.
    let msg = unsafe { lossy_str(message) }.unwrap_or_else(|| "<message not set>".into());
    fatal(None, &msg)
}

/// Prints `Fatal Python error: FUNC: MESSAGE` to stderr and aborts.
///
/// Returns: never.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _Py_FatalErrorFunc(func: *const c_char, message: *const c_char) -> ! {
    // SAFETY: NULL or C strings, per the C API.
    let (func, msg) = unsafe { (lossy_str(func), lossy_str(message)) };
    fatal(func.as_deref(), &msg.unwrap_or_else(|| "<message not set>".into()))
}

/// Ends the process for a failed status: `exit(exitcode)` for an exit status; for an error
/// status, CPython's fatal-error report (prefixed with `status.func` if set) then `exit(1)`.
///
/// Returns: never. Calling it with a success status is itself a fatal error, as in CPython.
#[unsafe(no_mangle)]
pub extern "C" fn Py_ExitStatusException(status: PyStatus) -> ! {
    if status::is_exit(&status) {
        // SAFETY: exit has no preconditions.
        unsafe { libc::exit(status.exitcode) }
    }
    if status::is_error(&status) {
        // SAFETY: statuses carry NULL or C strings.
        let (func, msg) = unsafe { (lossy_str(status.func), lossy_str(status.err_msg)) };
        fatal_exit(func.as_deref(), &msg.unwrap_or_else(|| "<message not set>".into()), 1);
    }
    fatal(None, "Py_ExitStatusException() must not be called on success")
}

/// Registers `func` to run after finalization (newest first), at most 32 of them.
/// May be called before `Py_Initialize`.
///
/// Returns: 0 on success, -1 if `func` is NULL or 32 are already registered.
#[unsafe(no_mangle)]
pub extern "C" fn Py_AtExit(func: Option<extern "C" fn()>) -> c_int {
    guard("Py_AtExit", || {
        let Some(func) = func else { return -1 };
        let mut funcs = RUNTIME.exit_funcs.lock();
        if funcs.len() >= MAX_EXIT_FUNCS {
            return -1;
        }
        funcs.push(func);
        0
    })
}

/// Registers `func(data)` to run when `interp` ends (`Py_EndInterpreter`, or finalization
/// for the main and lingering interpreters), in registration order, with a thread state of
/// `interp` attached. (CPython 3.13 runs only the first and the last registered, through a
/// bug in its list; here all run.)
///
/// Returns: 0 on success.
/// Errors: -1 if `interp` is not a live interpreter or `func` is NULL.
/// Ownership: `data` stays the caller's; the callback is responsible for it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnstable_AtExit(
    interp: *mut PyInterpreterState,
    func: Option<unsafe extern "C" fn(*mut c_void)>,
    data: *mut c_void,
) -> c_int {
    guard("PyUnstable_AtExit", || {
        let (Some(interp), Some(func)) = (runtime::lookup(interp), func) else { return -1 };
        interp.add_atexit(func as AtExitFunc, data);
        0
    })
}

/// CPython 3.12's name for `PyUnstable_AtExit`.
///
/// Returns: 0 on success. Errors: -1 as `PyUnstable_AtExit`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _Py_AtExit(
    interp: *mut PyInterpreterState,
    func: Option<unsafe extern "C" fn(*mut c_void)>,
    data: *mut c_void,
) -> c_int {
    // SAFETY: same contract.
    unsafe { PyUnstable_AtExit(interp, func, data) }
}
