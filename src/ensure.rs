//! Attaching from any thread: the legacy `PyGILState_*` API and PEP 788's guards, views and
//! `PyThreadState_Ensure`/`Release`.
//!
//! `PyGILState_Ensure` cannot report failure, so during or after finalization it parks the
//! calling thread for good (CPython 3.14's behaviour; 3.13 kills the thread, which skips
//! unwinding, and can crash after finalization). The PEP 788 functions never block on a
//! finalizing interpreter: a guard cannot be taken once finalization was requested, and
//! finalization waits for the guards already taken, so `PyThreadState_EnsureFromView`
//! returns NULL instead of hanging.

use std::sync::Arc;

use crate::abi::*;
use crate::fatal::fatal;
use crate::interp::{Interp, InterpShared};
use crate::runtime;
use crate::tstate::{attach, bound, current, detach, park_forever, OnRefusal, ThreadState};

// ---------------------------------------------------------------------------------------
// PyGILState
// ---------------------------------------------------------------------------------------

/// Attach refused for good: the runtime is finalizing or gone.
fn refuse_legacy(who: &str) -> ! {
    if runtime::ever_initialized() {
        park_forever();
    }
    fatal(Some(who), "Python is not initialized (call Py_Initialize first)");
}

/// `PyGILState_Ensure`.
pub(crate) fn gilstate_ensure() -> PyGILState_STATE {
    const WHO: &str = "PyGILState_Ensure";
    let cur = current();
    if !cur.is_null() {
        // SAFETY: the attached thread state is live and only used by this thread.
        let t = unsafe { &*cur };
        t.set_gilstate_counter(t.gilstate_counter() + 1);
        return PyGILState_LOCKED;
    }
    if !runtime::attach_allowed() {
        refuse_legacy(WHO);
    }
    let b = bound();
    // SAFETY: `bound` only returns live thread states.
    let ts = if !b.is_null() && !unsafe { (*b).is_in_use() } {
        b
    } else {
        // A thread Python never saw: a new thread state of the main interpreter, deleted by
        // the matching release (CPython's "auto" thread state).
        let Some(main) = runtime::main() else { refuse_legacy(WHO) };
        let Some(ts) = ThreadState::create(&main, _PyThreadState_WHENCE_GILSTATE, false) else {
            refuse_legacy(WHO)
        };
        // SAFETY: just created.
        unsafe { (*ts).set_gilstate_counter(0) };
        ts
    };
    // SAFETY: live; `Park` never returns on refusal.
    unsafe {
        let _ = attach(ts, WHO, OnRefusal::Park);
        (*ts).set_gilstate_counter((*ts).gilstate_counter() + 1);
    }
    PyGILState_UNLOCKED
}

/// `PyGILState_Release`.
pub(crate) fn gilstate_release(oldstate: PyGILState_STATE) {
    const WHO: &str = "PyGILState_Release";
    let cur = current();
    if cur.is_null() {
        let b = bound();
        if b.is_null() {
            fatal(Some(WHO), "auto-releasing thread-state, but no thread-state for this thread");
        }
        fatal(Some(WHO), &format!("thread state {b:p} must be current when releasing"));
    }
    // SAFETY: the attached thread state is live.
    let t = unsafe { &*cur };
    let n = t.gilstate_counter() - 1;
    t.set_gilstate_counter(n);
    // SAFETY: `cur` is this thread's attached thread state.
    unsafe {
        if n <= 0 {
            // Our auto thread state (or one released more often than ensured, which CPython
            // deletes too).
            t.clear();
            detach(cur);
            ThreadState::delete(cur);
        } else if oldstate == PyGILState_UNLOCKED {
            detach(cur);
        }
    }
}

/// `PyGILState_GetThisThreadState`: the attached thread state, else the one most recently
/// attached on this thread if it still exists.
pub(crate) fn gilstate_this_thread() -> *mut ThreadState {
    let cur = current();
    if cur.is_null() {
        bound()
    } else {
        cur
    }
}

// ---------------------------------------------------------------------------------------
// PEP 788
// ---------------------------------------------------------------------------------------

/// What a `PyInterpreterGuard*` points to.
pub(crate) struct Guard {
    interp: Arc<Interp>,
}

impl Guard {
    pub(crate) fn interp(&self) -> &Arc<Interp> {
        &self.interp
    }
}

/// What a `PyInterpreterView*` points to.
pub(crate) struct View {
    shared: Arc<InterpShared>,
}

/// Takes a guard on the interpreter behind `shared`, returning a strong reference to it.
fn take_guard(shared: &InterpShared) -> Option<Arc<Interp>> {
    let p = Interp::try_guard(shared)?;
    // SAFETY: `try_guard` succeeded, so the interpreter is registered (the registry holds a
    // reference) and cannot be deleted while our guard is open.
    unsafe {
        Arc::increment_strong_count(p);
        Some(Arc::from_raw(p))
    }
}

pub(crate) fn guard_from_current() -> *mut PyInterpreterGuard {
    let cur = current();
    if cur.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: the attached thread state is live.
    let shared = unsafe { &(*cur).interp().shared };
    match take_guard(shared) {
        Some(interp) => Box::into_raw(Box::new(Guard { interp })) as *mut PyInterpreterGuard,
        None => std::ptr::null_mut(),
    }
}

/// # Safety
/// `view` is NULL or from `PyInterpreterView_From*`, not closed.
pub(crate) unsafe fn guard_from_view(view: *mut PyInterpreterView) -> *mut PyInterpreterGuard {
    if view.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: per caller.
    let v = unsafe { &*(view as *const View) };
    match take_guard(&v.shared) {
        Some(interp) => Box::into_raw(Box::new(Guard { interp })) as *mut PyInterpreterGuard,
        None => std::ptr::null_mut(),
    }
}

/// # Safety
/// `guard` is NULL or from `PyInterpreterGuard_From*`, not closed.
pub(crate) unsafe fn guard_close(guard: *mut PyInterpreterGuard) {
    if guard.is_null() {
        return;
    }
    // SAFETY: per caller; allocated with Box by us.
    let g = unsafe { Box::from_raw(guard as *mut Guard) };
    Interp::release_guard(&g.interp.shared);
}

/// # Safety
/// As [`guard_close`].
pub(crate) unsafe fn guard_interpreter(guard: *mut PyInterpreterGuard) -> *mut PyInterpreterState {
    if guard.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: per caller.
    unsafe { (*(guard as *const Guard)).interp.as_c() }
}

pub(crate) fn view_from_current() -> *mut PyInterpreterView {
    let cur = current();
    if cur.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: the attached thread state is live.
    let shared = Arc::clone(unsafe { &(*cur).interp().shared });
    Box::into_raw(Box::new(View { shared })) as *mut PyInterpreterView
}

pub(crate) fn view_from_main() -> *mut PyInterpreterView {
    match runtime::main() {
        Some(main) if runtime::is_initialized() => {
            Box::into_raw(Box::new(View { shared: Arc::clone(&main.shared) })) as *mut PyInterpreterView
        }
        _ => std::ptr::null_mut(),
    }
}

/// # Safety
/// `view` is NULL or from `PyInterpreterView_From*`, not closed.
pub(crate) unsafe fn view_close(view: *mut PyInterpreterView) {
    if !view.is_null() {
        // SAFETY: per caller; allocated with Box by us.
        drop(unsafe { Box::from_raw(view as *mut View) });
    }
}

// Tokens: the previously attached thread state (aligned, so its low bits are free), or
// NO_PREVIOUS; bit 0 says the ensure took an implicit guard (from a view).
const IMPLICIT_GUARD: usize = 0b001;
const NO_PREVIOUS: usize = 0b010;
const TAG_MASK: usize = 0b111;

fn make_token(prev: *mut ThreadState, implicit: bool) -> *mut PyThreadStateToken {
    let base = if prev.is_null() { NO_PREVIOUS } else { prev as usize };
    (base | (usize::from(implicit) * IMPLICIT_GUARD)) as *mut PyThreadStateToken
}

/// `PyThreadState_Ensure` for an interpreter kept alive by a guard the caller holds.
/// NULL on failure (no exception, as PEP 788 says).
pub(crate) fn ensure(interp: &Arc<Interp>, implicit: bool) -> *mut PyThreadStateToken {
    const WHO: &str = "PyThreadState_Ensure";
    let cur = current();
    // SAFETY: thread states reached here are live (attached, or bound and checked).
    unsafe {
        if !cur.is_null() && Arc::ptr_eq((*cur).interp(), interp) {
            (*cur).set_ensure_counter((*cur).ensure_counter() + 1);
            return make_token(cur, implicit);
        }
        let b = if cur.is_null() { bound() } else { std::ptr::null_mut() };
        let ts = if !b.is_null() && Arc::ptr_eq((*b).interp(), interp) && !(*b).is_in_use() {
            b
        } else {
            // Forced: the caller's guard keeps finalization from starting, even if it was
            // already requested (PEP 788: with a guard, Ensure fails only for memory).
            let Some(ts) = ThreadState::create(interp, _PyThreadState_WHENCE_GILSTATE, true) else {
                return std::ptr::null_mut();
            };
            (*ts).set_owned_by_ensure(true);
            ts
        };
        if !cur.is_null() {
            detach(cur);
        }
        if attach(ts, WHO, OnRefusal::Fail).is_err() {
            if (*ts).owned_by_ensure() {
                ThreadState::delete(ts);
            }
            if !cur.is_null() {
                let _ = attach(cur, WHO, OnRefusal::Park);
            }
            return std::ptr::null_mut();
        }
        (*ts).set_ensure_counter((*ts).ensure_counter() + 1);
        make_token(cur, implicit)
    }
}

/// `PyThreadState_EnsureFromView`: a guard for the duration, then `ensure`.
///
/// # Safety
/// `view` is NULL or from `PyInterpreterView_From*`, not closed.
pub(crate) unsafe fn ensure_from_view(view: *mut PyInterpreterView) -> *mut PyThreadStateToken {
    if view.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: per caller.
    let v = unsafe { &*(view as *const View) };
    let Some(interp) = take_guard(&v.shared) else { return std::ptr::null_mut() };
    let token = ensure(&interp, true);
    if token.is_null() {
        Interp::release_guard(&interp.shared);
    }
    token
}

/// `PyThreadState_Release`.
///
/// # Safety
/// `token` must come from the matching `PyThreadState_Ensure*` on this thread.
pub(crate) unsafe fn release(token: *mut PyThreadStateToken) {
    const WHO: &str = "PyThreadState_Release";
    let cur = current();
    if cur.is_null() {
        fatal(Some(WHO), "no thread state is attached");
    }
    let bits = token as usize;
    let implicit = bits & IMPLICIT_GUARD != 0;
    let prev =
        if bits & NO_PREVIOUS != 0 { std::ptr::null_mut() } else { (bits & !TAG_MASK) as *mut ThreadState };
    // SAFETY: the attached thread state is live; `prev` was attached when the token was made
    // and the caller kept it alive.
    unsafe {
        let t = &*cur;
        let n = t.ensure_counter() - 1;
        if n < 0 {
            fatal(Some(WHO), "thread state counter went below zero");
        }
        t.set_ensure_counter(n);
        let guarded = implicit.then(|| Arc::clone(&t.interp().shared));
        if prev != cur {
            if n == 0 && t.owned_by_ensure() {
                t.clear();
                detach(cur);
                ThreadState::delete(cur);
            } else {
                detach(cur);
            }
            if !prev.is_null() {
                let _ = attach(prev, WHO, OnRefusal::Park);
            }
        }
        if let Some(shared) = guarded {
            Interp::release_guard(&shared);
        }
    }
}
