//! `tuple` (CPython's `tupleobject.h`).

use std::ffi::c_int;
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{self, errors, tupleobject, typeobject};

unsafe fn is_tuple(op: *mut PyObject) -> bool {
    // SAFETY: per caller, live.
    !op.is_null() && unsafe { typeobject::type_check(op, &raw mut tupleobject::PyTuple_Type) }
}

/// A tuple of `size` items, each NULL until set with `PyTuple_SetItem` or
/// `PyTuple_SET_ITEM` (the empty tuple is a shared, immortal object).
///
/// Returns: a new reference.
/// Errors: NULL with `SystemError` for a negative size, `MemoryError` when out of memory.
#[unsafe(no_mangle)]
pub extern "C" fn PyTuple_New(size: Py_ssize_t) -> *mut PyObject {
    guard("PyTuple_New", || tupleobject::new(size).unwrap_or(null_mut()))
}

/// Returns: the number of items of a tuple.
/// Errors: -1 with `SystemError` if `op` is NULL or not a tuple.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyTuple_Size(op: *mut PyObject) -> Py_ssize_t {
    guard("PyTuple_Size", || {
        // SAFETY: NULL or live, per the C API.
        if !unsafe { is_tuple(op) } {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a tuple.
        unsafe { tupleobject::size(op) }
    })
}

/// Returns: item `index` of a tuple (borrowed).
/// Errors: NULL with `IndexError("tuple index out of range")`, or `SystemError` if `op` is
/// not a tuple.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyTuple_GetItem(op: *mut PyObject, index: Py_ssize_t) -> *mut PyObject {
    guard("PyTuple_GetItem", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_tuple(op) {
                errors::bad_internal_call();
                return null_mut();
            }
            if index < 0 || index >= tupleobject::size(op) {
                errors::index_error("tuple index out of range");
                return null_mut();
            }
            tupleobject::get_item(op, index)
        }
    })
}

/// Stores `item` at `index`, stealing the reference (also on error) and dropping what was
/// there. Only for tuples being filled, which nobody else has seen yet.
///
/// Returns: 0. Errors: -1 with `IndexError("tuple assignment index out of range")`, or
/// `SystemError` if `op` is not a tuple or is shared (its reference count is not 1).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyTuple_SetItem(op: *mut PyObject, index: Py_ssize_t, item: *mut PyObject) -> c_int {
    guard("PyTuple_SetItem", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_tuple(op) || (*op).ob_refcnt != 1 {
                object::xdecref(item);
                errors::bad_internal_call();
                return -1;
            }
            if index < 0 || index >= tupleobject::size(op) {
                object::xdecref(item);
                errors::index_error("tuple assignment index out of range");
                return -1;
            }
            let old = tupleobject::get_item(op, index);
            tupleobject::set_item(op, index, item);
            object::xdecref(old);
            0
        }
    })
}

/// `op[low:high]`: a tuple of the items in that range (bounds clipped to the tuple; a whole
/// exact tuple is returned itself).
///
/// Returns: a new reference.
/// Errors: NULL with `SystemError` if `op` is NULL or not a tuple, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyTuple_GetSlice(
    op: *mut PyObject,
    low: Py_ssize_t,
    high: Py_ssize_t,
) -> *mut PyObject {
    guard("PyTuple_GetSlice", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_tuple(op) {
                errors::bad_internal_call();
                return null_mut();
            }
            tupleobject::get_slice(op, low, high).unwrap_or(null_mut())
        }
    })
}

/// Resizes the tuple `*p` in place to `newsize` items (new slots are NULL, dropped ones are
/// released). Only for an exact tuple nobody else holds yet: its reference count must be 1
/// (the empty tuple is also accepted, and replaced). `*p` may move.
///
/// Returns: 0, with `*p` the resized tuple (a reference the caller owns).
/// Errors: -1 with `SystemError` if `p` or `*p` is NULL, `*p` is not an exact tuple, is
/// shared, or `newsize` is negative; `MemoryError`. On error `*p` is released and set to
/// NULL (a NULL `p` is left alone).
/// Ownership: steals `*p` and gives back the result in its place.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyTuple_Resize(p: *mut *mut PyObject, newsize: Py_ssize_t) -> c_int {
    guard("_PyTuple_Resize", || {
        if p.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: `p` points to NULL or an object the caller owns.
        match unsafe { tupleobject::resize(p, newsize) } {
            Ok(()) => 0,
            Err(_) => -1,
        }
    })
}

/// The array form behind `PyTuple_Pack` (called by its C body in `src/c/tupleobject.c`).
///
/// Returns: a new tuple holding new references to the `n` items.
/// Errors: NULL with `SystemError` if `n` is negative or an item is NULL, `MemoryError`.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_tuple_from_array(
    n: Py_ssize_t,
    items: *const *mut PyObject,
) -> *mut PyObject {
    guard("PyTuple_Pack", || {
        if n < 0 || (n > 0 && items.is_null()) {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: `n` readable pointers, per the C body.
        let items = if n == 0 { &[][..] } else { unsafe { std::slice::from_raw_parts(items, n as usize) } };
        if items.iter().any(|p| p.is_null()) {
            errors::bad_internal_call();
            return null_mut();
        }
        tupleobject::pack(items).unwrap_or(null_mut())
    })
}

/// The C body (src/c/tupleobject.c).
/// cbindgen:ignore
#[allow(unused_doc_comments)]
unsafe extern "C" {
    fn subinterp_c_PyTuple_Pack();
}

/// `PyTuple_Pack(n, ...)`: a tuple of the `n` objects given (new references to each).
/// Declared in `tupleobject.h` as `PyObject *PyTuple_Pack(Py_ssize_t n, ...)`; this symbol
/// tail-jumps to its C body (see `src/c/README.md`).
///
/// Returns: a new reference. Errors: NULL with `SystemError` for a NULL item or negative
/// `n`, `MemoryError`.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyTuple_Pack() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyTuple_Pack);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyTuple_Pack);
}
