//! Iterators: `PySeqIter_New` (CPython's `iterobject.h`) and `PyObject_SelfIter` (declared
//! in `object.h`; kept here with the iterator types). `PyIter_Check` / `PyIter_Next` are
//! the iterator protocol, in `abstract_.rs`.

use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{self, errors, iterobject};

/// An iterator over any object with `sq_item`: it yields `seq[0]`, `seq[1]`, ... and ends
/// at the first `IndexError` or `StopIteration` (what `iter()` does for sequences without
/// `__iter__`).
///
/// Returns: a new reference.
/// Errors: NULL with `SystemError` if `seq` is NULL or not a sequence (no `sq_item`, or a
/// dict), `MemoryError`.
/// Ownership: `seq` is borrowed (the iterator holds a reference until it is exhausted).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySeqIter_New(seq: *mut PyObject) -> *mut PyObject {
    guard("PySeqIter_New", || {
        // SAFETY: NULL or live, per the C API.
        if seq.is_null() || !unsafe { iterobject::sequence_check(seq) } {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live, per the C API.
        unsafe { iterobject::seq_iter_new(seq) }.unwrap_or(null_mut())
    })
}

/// `tp_iter` for iterators: returns `op` itself.
///
/// Returns: a new reference to `op`.
/// Errors: NULL with `SystemError` if `op` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_SelfIter(op: *mut PyObject) -> *mut PyObject {
    guard("PyObject_SelfIter", || {
        if op.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live, per the C API.
        unsafe { object::new_ref(op) }
    })
}
