//! The recursion guard of container reprs (CPython's `Py_ReprEnter`/`Py_ReprLeave`): the
//! objects whose repr is being built on this thread state, so that a container that
//! contains itself prints `{...}` instead of recursing forever.
//!
//! Added with dict and set (issue 3); meant for every container's repr (list and tuple too).

use super::*;

/// Marks `op`'s repr as in progress until dropped.
pub(crate) struct ReprGuard(*mut PyObject);

/// `Py_ReprEnter`: a guard if `op`'s repr is not already being built on this thread, else
/// `None` (the caller prints its placeholder). With no thread state there is nothing to
/// record and the guard does nothing.
pub(crate) fn enter(op: *mut PyObject) -> Option<ReprGuard> {
    let ts = crate::tstate::current();
    if ts.is_null() {
        return Some(ReprGuard(std::ptr::null_mut()));
    }
    // SAFETY: the attached thread state is live and used only by this thread.
    let mut active = unsafe { (*ts).repr_guard.borrow_mut() };
    if active.contains(&(op as usize)) {
        return None;
    }
    active.push(op as usize);
    Some(ReprGuard(op))
}

impl Drop for ReprGuard {
    /// `Py_ReprLeave`: forgets the most recent entry for the object.
    fn drop(&mut self) {
        if self.0.is_null() {
            return;
        }
        let ts = crate::tstate::current();
        if ts.is_null() {
            return;
        }
        // SAFETY: as in `enter`.
        let mut active = unsafe { (*ts).repr_guard.borrow_mut() };
        if let Some(i) = active.iter().rposition(|&p| p == self.0 as usize) {
            active.remove(i);
        }
    }
}
