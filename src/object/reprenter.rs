//! `Py_ReprEnter` / `Py_ReprLeave`: what lets a container's repr print `[...]` for itself
//! instead of recursing forever. CPython keeps the containers being repr'd in a list in the
//! thread state's dict; we keep them in a field of the thread state, holding a reference
//! as CPython's list does (`PyThreadState_Clear` drops what is left).

use super::*;

/// `Py_ReprEnter`: `Ok(true)` if `op`'s repr is already being computed on this thread (the
/// caller prints its placeholder), else records it and returns `Ok(false)`; the caller must
/// then call [`leave`]. With no thread state there is nothing to record: `Ok(false)`.
pub(crate) fn enter(op: *mut PyObject) -> PyResult<bool> {
    let ts = crate::tstate::current();
    if ts.is_null() {
        return Ok(false);
    }
    // SAFETY: the attached thread state is live and used by this thread only.
    let running = unsafe { &(*ts).repr_running };
    let mut running = running.borrow_mut();
    if running.contains(&op) {
        return Ok(true);
    }
    running.try_reserve(1).map_err(|_| errors::no_memory())?;
    // SAFETY: `op` is live (the caller's); the entry owns this reference.
    unsafe { incref(op) };
    running.push(op);
    Ok(false)
}

/// `Py_ReprLeave`: forgets `op` (the most recent entry for it). Never fails and leaves the
/// current exception alone.
pub(crate) fn leave(op: *mut PyObject) {
    let ts = crate::tstate::current();
    if ts.is_null() {
        return;
    }
    // SAFETY: as in `enter`.
    let mut running = unsafe { &(*ts).repr_running }.borrow_mut();
    if let Some(i) = running.iter().rposition(|&p| p == op) {
        let owned = running.remove(i);
        drop(running);
        // SAFETY: the reference `enter` took; released after the borrow ends, since a
        // destructor may repr things itself.
        unsafe { decref(owned) };
    }
}

/// Runs `f` for a container's repr under `enter`/`leave`; returns `placeholder` instead if
/// the container is already being repr'd on this thread.
pub(crate) fn guarded(
    op: *mut PyObject,
    placeholder: &str,
    f: impl FnOnce() -> PyResult<Owned>,
) -> PyResult<Owned> {
    if enter(op)? {
        return unicodeobject::from_str(placeholder);
    }
    let r = f();
    leave(op);
    r
}
