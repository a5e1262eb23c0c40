//! Runtime and interpreter lifecycle: initialization, finalization, creating and ending
//! interpreters. The C entry points in `capi/pylifecycle.rs` and `capi/pystate.rs` check
//! their arguments and call these.

use std::ffi::c_int;
use std::sync::atomic::Ordering::*;
use std::sync::Arc;

use crate::abi::*;
use crate::config::CoreConfig;
use crate::fatal::fatal;
use crate::gil::Gil;
use crate::interp::{CloseRefused, Interp, WHENCE_RUNTIME, WHENCE_UNKNOWN};
use crate::runtime::{self, RUNNING, RUNTIME, UNINITIALIZED};
use crate::status;
use crate::tstate::{attach, bound, current, detach, thread_key, OnRefusal, ThreadState};

/// `_PyInterpreterConfig_LEGACY_INIT`: what `Py_NewInterpreter` uses.
pub(crate) const LEGACY_CONFIG: PyInterpreterConfig = PyInterpreterConfig {
    use_main_obmalloc: 1,
    allow_fork: 1,
    allow_exec: 1,
    allow_threads: 1,
    allow_daemon_threads: 1,
    check_multi_interp_extensions: 0,
    gil: PyInterpreterConfig_SHARED_GIL,
};

/// The main interpreter: the legacy settings, with a GIL of its own (as CPython's).
const MAIN_CONFIG: PyInterpreterConfig =
    PyInterpreterConfig { gil: PyInterpreterConfig_OWN_GIL, ..LEGACY_CONFIG };

/// Serializes `Py_Initialize*` and `Py_FinalizeEx`; a call re-entering from a callback of
/// the one in progress returns at once instead of deadlocking.
struct LifecycleClaim(#[allow(dead_code)] parking_lot::MutexGuard<'static, ()>);

impl Drop for LifecycleClaim {
    fn drop(&mut self) {
        RUNTIME.lifecycle_owner.store(0, Release);
    }
}

fn claim_lifecycle() -> Option<LifecycleClaim> {
    let me = thread_key();
    if RUNTIME.lifecycle_owner.load(Acquire) == me {
        return None;
    }
    let g = RUNTIME.lifecycle_lock.lock();
    RUNTIME.lifecycle_owner.store(me, Release);
    Some(LifecycleClaim(g))
}

/// `Py_InitializeFromConfig` and friends. A second call while running does nothing.
pub(crate) fn initialize(config: CoreConfig) -> Result<(), PyStatus> {
    let Some(_claim) = claim_lifecycle() else {
        return Err(status::error(
            c"Py_InitializeFromConfig",
            c"cannot initialize the runtime while it is being finalized",
        ));
    };
    if runtime::lifecycle() == RUNNING {
        return Ok(());
    }
    debug_assert_eq!(runtime::lifecycle(), UNINITIALIZED);
    let me = thread_key();
    runtime::forget_finalization();
    runtime::reset_counters(&mut RUNTIME.registry.lock());
    runtime::set_lifecycle(runtime::INITIALIZING, me);
    let install_signals = config.install_signal_handlers;
    *RUNTIME.config.lock() = Some(config);

    let main = runtime::register(|id| {
        Interp::new(id, MAIN_CONFIG, WHENCE_RUNTIME, true, Arc::new(Gil::new()), None)
    })
    .expect("registering the main interpreter while initializing");
    runtime::set_main(Arc::as_ptr(&main), me);
    let ts = ThreadState::create(&main, _PyThreadState_WHENCE_INIT, false)
        .expect("the main interpreter is not closing");
    if !current().is_null() {
        // A thread state left attached across an earlier finalization cannot be valid.
        fatal(Some("Py_InitializeFromConfig"), "a thread state is already attached to this thread");
    }
    // SAFETY: just created; this thread is the initializer, so the attach is allowed.
    let _ = unsafe { attach(ts, "Py_InitializeFromConfig", OnRefusal::Park) };
    if install_signals {
        // As CPython does: a write to a closed pipe or an oversized file reports an error
        // instead of killing the process.
        // SAFETY: setting a signal disposition to SIG_IGN has no other preconditions.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_IGN);
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        }
    }
    if crate::object::init_runtime_types().is_err() {
        crate::object::errors::clear();
        fatal(Some("Py_InitializeFromConfig"), "could not ready the builtin types");
    }
    runtime::set_ever_initialized();
    runtime::set_lifecycle(RUNNING, 0);
    Ok(())
}

/// A thread state of the main interpreter attached to this thread, for finalization: the
/// attached one, else the one last attached here (as CPython 3.13 re-attaches it), else a
/// new one.
unsafe fn finalizer_tstate(main: &Arc<Interp>) -> *mut ThreadState {
    let cur = current();
    // SAFETY: attached and bound thread states are live.
    unsafe {
        if !cur.is_null() {
            if Arc::ptr_eq((*cur).interp(), main) {
                return cur;
            }
            // A subinterpreter's: it goes away with its interpreter.
            detach(cur);
        } else {
            let b = bound();
            if !b.is_null() && Arc::ptr_eq((*b).interp(), main) && !(*b).is_in_use() {
                let _ = attach(b, "Py_FinalizeEx", OnRefusal::Park);
                return b;
            }
        }
        let ts = ThreadState::create(main, _PyThreadState_WHENCE_FINI, true).expect("forced creation");
        let _ = attach(ts, "Py_FinalizeEx", OnRefusal::Park);
        ts
    }
}

/// `Py_FinalizeEx`: ends every interpreter and returns the runtime to uninitialized.
/// The order is CPython 3.13's: wait for PEP 788 guards (ours), run main's pending calls,
/// mark the runtime finalizing, end lingering subinterpreters newest first (their callbacks
/// run), run main's atexit callbacks (and calls queued meanwhile), delete it, then call the
/// `Py_AtExit` functions. Always 0.
pub(crate) fn finalize() -> c_int {
    let Some(_claim) = claim_lifecycle() else { return 0 };
    if runtime::lifecycle() != RUNNING {
        return 0;
    }
    let Some(main) = runtime::main() else { return 0 };
    // SAFETY: the runtime is running, so `main` is live.
    let ts = unsafe { finalizer_tstate(&main) };

    // PEP 788: no new guards anywhere; wait for the open ones with our GIL released, so a
    // guard holder that needs the main GIL can finish.
    for interp in runtime::interps_newest_first() {
        interp.close_and_wait_for_guards(|waiting| unsafe {
            // SAFETY: `ts` is ours, attached when `waiting` starts and detached after.
            if waiting {
                detach(ts);
            } else {
                let _ = attach(ts, "Py_FinalizeEx", OnRefusal::Park);
            }
        });
    }

    // "Make any remaining pending calls" comes first in CPython's Py_FinalizeEx.
    main.run_pending_calls();

    runtime::set_finalizing_tstate(ts as usize);
    runtime::set_lifecycle(runtime::FINALIZING, thread_key());
    // Sleepers on any GIL wake up, see they are refused, and park.
    for interp in runtime::interps_newest_first() {
        interp.gil.wake_all();
    }
    // One at a time, newest first, re-reading the registry: a callback of one may have
    // ended another.
    while let Some(interp) = runtime::interps_newest_first().into_iter().find(|i| !i.is_main) {
        // SAFETY: `ts` is this thread's attached main thread state.
        unsafe { end_lingering(&interp, ts) };
    }

    main.finalizing.store(true, Release);
    main.run_pending_calls();
    main.run_atexit();
    main.clear_state_dict();
    crate::object::gc::collect_at_end(main.gc());
    // SAFETY: we hold the main GIL, so no other main thread state is attached; threads
    // waiting for it were refused and never touch their thread state again.
    unsafe {
        for t in main.threads_snapshot() {
            if t != ts {
                ThreadState::delete(t);
            }
        }
        detach(ts);
        ThreadState::delete(ts);
    }
    retire(&main);
    drop(main);

    // No interpreter is left: what static types were given can go, so the next
    // initialization readies them afresh.
    crate::object::typeobject::reset_static_types();
    *RUNTIME.config.lock() = None;
    crate::config::preinit::forget();
    runtime::set_main(std::ptr::null(), 0);
    runtime::set_lifecycle(UNINITIALIZED, 0);
    // Py_AtExit functions run last, newest first, with no thread state (CPython's order).
    loop {
        let f = RUNTIME.exit_funcs.lock().pop();
        match f {
            Some(f) => f(),
            None => break,
        }
    }
    0
}

/// Ends a subinterpreter still alive at `Py_FinalizeEx`, as CPython 3.13's
/// `finalize_subinterpreters` does: on a fresh thread state of its own.
unsafe fn end_lingering(interp: &Arc<Interp>, main_ts: *mut ThreadState) {
    // SAFETY: per caller.
    unsafe {
        detach(main_ts);
        let fini = ThreadState::create(interp, _PyThreadState_WHENCE_FINI, true).expect("forced creation");
        let _ = attach(fini, "Py_FinalizeEx", OnRefusal::Park);
        interp.finalizing.store(true, Release);
        interp.run_pending_calls();
        interp.run_atexit();
        interp.clear_state_dict();
        crate::object::gc::collect_at_end(interp.gc());
        // We hold its GIL: none of its other thread states is attached.
        for t in interp.threads_snapshot() {
            if t != fini {
                ThreadState::delete(t);
            }
        }
        detach(fini);
        ThreadState::delete(fini);
        retire(interp);
        let _ = attach(main_ts, "Py_FinalizeEx", OnRefusal::Park);
    }
}

/// The last step of ending an interpreter: its GIL (if its own) is drained and the
/// interpreter leaves the registry.
fn retire(interp: &Arc<Interp>) {
    if interp.owns_gil() {
        interp.gil.close_and_drain();
    }
    interp.mark_deleted();
    runtime::unregister(interp);
}

/// Checks a `PyInterpreterConfig` as CPython 3.13's `init_interp_settings` does.
pub(crate) fn check_config(config: &PyInterpreterConfig) -> Result<(), PyStatus> {
    if config.use_main_obmalloc == 0 && config.check_multi_interp_extensions == 0 {
        return Err(status::error(
            c"init_interp_settings",
            c"per-interpreter obmalloc does not support single-phase init extension modules",
        ));
    }
    if !matches!(
        config.gil,
        PyInterpreterConfig_DEFAULT_GIL | PyInterpreterConfig_SHARED_GIL | PyInterpreterConfig_OWN_GIL
    ) {
        return Err(status::error(c"init_interp_settings", c"invalid interpreter config 'gil' value"));
    }
    Ok(())
}

/// The status `Py_NewInterpreter*` give before `Py_Initialize`. Like CPython, which resets its
/// runtime state first, this forgets a past finalization.
pub(crate) fn not_initialized() -> PyStatus {
    if runtime::lifecycle() == UNINITIALIZED {
        runtime::forget_finalization();
    }
    status::error(c"new_interpreter", c"Py_Initialize must be called first")
}

/// `Py_NewInterpreterFromConfig`: a new interpreter whose first thread state is attached to
/// the calling thread. The caller's thread state, if any, is left detached on success and
/// re-attached on failure.
pub(crate) fn new_interpreter(
    config: &PyInterpreterConfig,
    whence: c_int,
) -> Result<*mut ThreadState, PyStatus> {
    if runtime::lifecycle() != RUNNING {
        return Err(not_initialized());
    }
    check_config(config)?;
    let Some(main) = runtime::main() else {
        return Err(status::error(c"new_interpreter", c"Py_Initialize must be called first"));
    };
    let mut resolved = *config;
    let gil = if config.gil == PyInterpreterConfig_OWN_GIL {
        Arc::new(Gil::new())
    } else {
        resolved.gil = PyInterpreterConfig_SHARED_GIL;
        Arc::clone(&main.gil)
    };
    // Main's allocator is shared only under main's GIL: with a GIL of its own, an
    // interpreter asking for `use_main_obmalloc` would race main's threads, so it gets its
    // own heap (CPython accepts the combination and risks that).
    let main_heap = (resolved.use_main_obmalloc != 0 && resolved.gil == PyInterpreterConfig_SHARED_GIL)
        .then(|| main.heap());
    drop(main);

    let save = current();
    if !save.is_null() {
        // SAFETY: the calling thread's attached thread state.
        unsafe { detach(save) };
    }
    let Some(interp) = runtime::register(|id| Interp::new(id, resolved, whence, false, gil, main_heap))
    else {
        if !save.is_null() {
            // SAFETY: still live; it was attached here a moment ago.
            let _ = unsafe { attach(save, "Py_NewInterpreterFromConfig", OnRefusal::Park) };
        }
        return Err(status::error(c"new_interpreter", c"Py_Initialize must be called first"));
    };
    let ts = ThreadState::create(&interp, _PyThreadState_WHENCE_INIT, false)
        .expect("a new interpreter is not closing");
    // SAFETY: just created.
    let _ = unsafe { attach(ts, "Py_NewInterpreterFromConfig", OnRefusal::Park) };
    Ok(ts)
}

/// `PyInterpreterState_New`: a bare interpreter (own GIL, legacy settings), no thread state.
pub(crate) fn new_bare_interpreter() -> Option<Arc<Interp>> {
    let config = PyInterpreterConfig { gil: PyInterpreterConfig_OWN_GIL, ..LEGACY_CONFIG };
    runtime::register(|id| Interp::new(id, config, WHENCE_UNKNOWN, false, Arc::new(Gil::new()), None))
}

/// How `end_interpreter` reports a broken precondition.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum EndMode {
    /// `Py_EndInterpreter`: `Py_FatalError` with CPython's messages.
    Fatal,
    /// `Subinterp_EndInterpreter`: an error code, and nothing is changed.
    Checked,
}

/// `Py_EndInterpreter` / `Subinterp_EndInterpreter`. On success no thread state is attached.
///
/// # Safety
/// `p` is any pointer from C.
pub(crate) unsafe fn end_interpreter(p: *mut PyThreadState, mode: EndMode) -> SubinterpResult {
    const WHO: &str = "Py_EndInterpreter";
    let cur = current();
    let Some(ts) = ThreadState::from_c(p) else {
        return match mode {
            EndMode::Fatal if p.is_null() => fatal(Some(WHO), "NULL thread state"),
            EndMode::Fatal => fatal(Some(WHO), "thread is not current"),
            EndMode::Checked if p.is_null() => SUBINTERP_ERR_NULL_ARGUMENT,
            EndMode::Checked => SUBINTERP_ERR_INVALID_THREAD_STATE,
        };
    };
    if ts != cur {
        return match mode {
            EndMode::Fatal => fatal(Some(WHO), "thread is not current"),
            EndMode::Checked => SUBINTERP_ERR_NOT_CURRENT,
        };
    }
    // SAFETY: `ts` is the attached thread state, so live.
    let interp = Arc::clone(unsafe { (*ts).interp() });
    if interp.is_main {
        return match mode {
            EndMode::Fatal => fatal(Some(WHO), "cannot end the main interpreter; use Py_FinalizeEx()"),
            EndMode::Checked => SUBINTERP_ERR_MAIN_INTERPRETER,
        };
    }
    if interp.finalizing.load(Acquire) {
        // Re-entered from the interpreter's own pending calls or atexit callbacks.
        return match mode {
            EndMode::Fatal => fatal(Some(WHO), "the interpreter is already being ended"),
            EndMode::Checked => SUBINTERP_ERR_FINALIZING,
        };
    }
    match mode {
        EndMode::Checked => match interp.try_close(ts) {
            Ok(()) => {}
            Err(CloseRefused::Closing) => return SUBINTERP_ERR_FINALIZING,
            Err(CloseRefused::GuardsHeld) => return SUBINTERP_ERR_GUARDS_HELD,
            Err(CloseRefused::OtherThreads) => return SUBINTERP_ERR_OTHER_THREADS,
        },
        EndMode::Fatal => interp.close_and_wait_for_guards(|waiting| unsafe {
            // SAFETY: `ts` is ours: attached before and after the wait.
            if waiting {
                detach(ts);
            } else {
                let _ = attach(ts, WHO, OnRefusal::Park);
            }
        }),
    }
    interp.finalizing.store(true, Release);
    interp.run_pending_calls();
    if interp.thread_count() != 1 {
        // Only reachable in Fatal mode: Checked mode refused other thread states up front
        // and closing stops new ones.
        fatal(Some(WHO), "not the last thread");
    }
    // C atexit callbacks run late in teardown, after the last-thread check, as in 3.13
    // (where `_PyAtExit_Fini` calls them).
    interp.run_atexit();
    interp.clear_state_dict();
    // The last collection (CPython's finalize_modules): finalizers of its garbage run.
    crate::object::gc::collect_at_end(interp.gc());
    // SAFETY: `ts` is attached here and the last thread state of `interp`.
    unsafe {
        detach(ts);
        ThreadState::delete(ts);
    }
    retire(&interp);
    SUBINTERP_OK
}

/// `PyInterpreterState_Delete`. Does nothing for a pointer that is not a live interpreter.
pub(crate) fn delete_interpreter(p: *mut PyInterpreterState) {
    const WHO: &str = "PyInterpreterState_Delete";
    let Some(interp) = runtime::lookup(p) else { return };
    if interp.is_main {
        fatal(Some(WHO), "cannot delete the main interpreter; use Py_FinalizeEx()");
    }
    let cur = current();
    // SAFETY: the attached thread state is live.
    if !cur.is_null() && Arc::ptr_eq(unsafe { (*cur).interp() }, &interp) {
        // As CPython: the caller's thread state of that interpreter is detached first.
        // SAFETY: attached on this thread.
        unsafe { detach(cur) };
    }
    if interp.guards_open() > 0 {
        fatal(Some(WHO), "interpreter guards are still held");
    }
    let threads = interp.threads_snapshot();
    for &t in &threads {
        // SAFETY: linked thread states are live.
        if unsafe { (*t).is_in_use() } {
            fatal(Some(WHO), "remaining threads");
        }
    }
    interp.mark_deleted();
    for t in threads {
        // SAFETY: detached and unused, per the check above.
        unsafe { ThreadState::delete(t) };
    }
    retire(&interp);
}

/// `PyInterpreterState_Clear`: drops pending calls and atexit callbacks, clears thread
/// states. The interpreter stays usable.
pub(crate) fn clear_interpreter(interp: &Arc<Interp>) {
    interp.discard_pending_calls();
    interp.discard_atexit();
    interp.clear_state_dict();
    for t in interp.threads_snapshot() {
        // SAFETY: linked thread states are live.
        unsafe { (*t).clear() };
    }
}
