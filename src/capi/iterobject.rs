//! Iterators: `PySeqIter_New` (CPython's `iterobject.h`), and the iterator protocol's
//! `PyIter_Check` / `PyIter_Next` and `PyObject_SelfIter` (declared in CPython's
//! `abstract.h` and `object.h`; kept here with the iterator types).

use std::ffi::c_int;
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

/// Returns: 1 if `op` is an iterator (its type has `tp_iternext`), else 0. Never raises;
/// NULL gives 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyIter_Check(op: *mut PyObject) -> c_int {
    crate::ffi::guard_or("PyIter_Check", 0, || {
        // SAFETY: NULL or live, per the C API.
        c_int::from(!op.is_null() && unsafe { (*object::type_of(op)).tp_iternext.is_some() })
    })
}

/// The next item of the iterator `iter`.
///
/// Returns: a new reference to the item, or NULL with no exception set when the iterator
/// is exhausted (a `StopIteration` it raised is cleared).
/// Errors: NULL with the exception the iterator raised; `TypeError("'T' object is not an
/// iterator")` if `iter` is not one (CPython crashes there), `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyIter_Next(iter: *mut PyObject) -> *mut PyObject {
    guard("PyIter_Next", || {
        if iter.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live, per the C API.
        match unsafe { object::abstract_::iter_next(iter) } {
            Ok(Some(item)) => item,
            Ok(None) | Err(_) => null_mut(),
        }
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
