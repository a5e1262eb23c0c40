//! `set` and `frozenset` (CPython's `setobject.h`), with CPython 3.13's semantics. NULL
//! arguments raise `SystemError` ("bad argument to internal function") where CPython
//! crashes.

use std::ffi::c_int;
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::setobject::{self as set, PyFrozenSet_Type, PySet_Type};
use crate::object::{errors, PyResult};

unsafe fn is_set(op: *mut PyObject) -> bool {
    // SAFETY: NULL or live, per the C API.
    !op.is_null() && unsafe { set::check(op) }
}

unsafe fn is_anyset(op: *mut PyObject) -> bool {
    // SAFETY: NULL or live, per the C API.
    !op.is_null() && unsafe { set::check_any(op) }
}

fn int_result(r: PyResult<bool>) -> c_int {
    match r {
        Ok(b) => c_int::from(b),
        Err(_) => -1,
    }
}

/// A new set holding the elements of `iterable` (NULL: an empty set).
///
/// Returns: a new reference. Errors: NULL with an exception set (`TypeError` if `iterable`
/// is not iterable or an element is unhashable, what iterating raised).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySet_New(iterable: *mut PyObject) -> *mut PyObject {
    guard("PySet_New", || {
        // SAFETY: NULL or live, per the C API.
        unsafe { set::make_new(&raw mut PySet_Type, iterable) }.unwrap_or(null_mut())
    })
}

/// A new frozenset holding the elements of `iterable` (NULL: an empty frozenset). Until it
/// is shared, `PySet_Add` may still fill it.
///
/// Returns: a new reference. Errors: NULL with an exception set, as `PySet_New`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyFrozenSet_New(iterable: *mut PyObject) -> *mut PyObject {
    guard("PyFrozenSet_New", || {
        // SAFETY: NULL or live, per the C API.
        unsafe { set::make_new(&raw mut PyFrozenSet_Type, iterable) }.unwrap_or(null_mut())
    })
}

/// Adds `key` (the set takes its own reference). Also allowed on a frozenset nobody else
/// holds yet (reference count 1), to fill it after `PyFrozenSet_New`.
///
/// Returns: 0. Errors: -1 with `TypeError` for an unhashable key, `SystemError` if `set`
/// is neither a set nor a fresh frozenset, or `key` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySet_Add(set: *mut PyObject, key: *mut PyObject) -> c_int {
    guard("PySet_Add", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            let ok = !set.is_null()
                && !key.is_null()
                && (set::check(set) || (set::check_frozen(set) && (*set).ob_refcnt == 1));
            if !ok {
                errors::bad_internal_call();
                return -1;
            }
            if set::add_key(set, key).is_ok() {
                0
            } else {
                -1
            }
        }
    })
}

/// Removes `key` if present (no `KeyError`).
///
/// Returns: 1 if it was present, 0 if not. Errors: -1 with `TypeError` for an unhashable
/// key, `SystemError` if `set` is not a set (a frozenset is not) or `key` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySet_Discard(set: *mut PyObject, key: *mut PyObject) -> c_int {
    guard("PySet_Discard", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            if !is_set(set) || key.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            int_result(set::discard_key(set, key))
        }
    })
}

/// `key in anyset`. Unlike the `in` operator, an unhashable key (a set too) is an error.
///
/// Returns: 1 or 0. Errors: -1 with `TypeError` for an unhashable key, `SystemError` if
/// `anyset` is not a set or frozenset or `key` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySet_Contains(anyset: *mut PyObject, key: *mut PyObject) -> c_int {
    guard("PySet_Contains", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            if !is_anyset(anyset) || key.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            int_result(set::contains_key(anyset, key))
        }
    })
}

/// Removes and returns an arbitrary element.
///
/// Returns: a new reference. Errors: NULL with `KeyError("pop from an empty set")`,
/// `SystemError` if `set` is not a set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySet_Pop(set: *mut PyObject) -> *mut PyObject {
    guard("PySet_Pop", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_set(set) {
                errors::bad_internal_call();
                return null_mut();
            }
            set::pop(set).unwrap_or(null_mut())
        }
    })
}

/// Removes every element.
///
/// Returns: 0. Errors: -1 with `SystemError` if `set` is not a set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySet_Clear(set: *mut PyObject) -> c_int {
    guard("PySet_Clear", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_set(set) {
                errors::bad_internal_call();
                return -1;
            }
            set::table::clear(set);
            0
        }
    })
}

/// Returns: the number of elements of a set or frozenset.
/// Errors: -1 with `SystemError` if `anyset` is neither.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySet_Size(anyset: *mut PyObject) -> Py_ssize_t {
    guard("PySet_Size", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_anyset(anyset) {
                errors::bad_internal_call();
                return -1;
            }
            set::size(anyset)
        }
    })
}
