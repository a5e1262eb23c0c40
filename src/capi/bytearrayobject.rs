//! `bytearray` (CPython's `bytearrayobject.h`). CPython only asserts that the arguments of
//! `PyByteArray_Size`, `_AsString` and `_Resize` are bytearrays; these functions check and
//! raise SystemError instead.

use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{bytearrayobject, errors};

unsafe fn is_bytearray(op: *mut PyObject) -> bool {
    // SAFETY: NULL or live, per the C API.
    !op.is_null() && unsafe { bytearrayobject::check(op) }
}

/// `bytearray(o)`: zeros for an int, a copy of a buffer (any layout), the values of a
/// list, tuple or iterable of ints in `range(0, 256)`.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError("string argument without an encoding")` for a `str`,
/// `ValueError("negative count")`, `TypeError("cannot convert 'T' object to bytearray")`,
/// `ValueError("byte must be in range(0, 256)")`, CPython's TypeError for a non-integer
/// item, what iteration raises; `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyByteArray_FromObject(o: *mut PyObject) -> *mut PyObject {
    guard("PyByteArray_FromObject", || {
        if o.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live, per the C API.
        unsafe { bytearrayobject::from_object(o) }.unwrap_or(null_mut())
    })
}

/// A new bytearray of `size` bytes copied from `s` (uninitialized when `s` is NULL).
///
/// Returns: a new reference.
/// Errors: NULL with `SystemError("Negative size passed to
/// PyByteArray_FromStringAndSize")`, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyByteArray_FromStringAndSize(s: *const c_char, size: Py_ssize_t) -> *mut PyObject {
    guard("PyByteArray_FromStringAndSize", || bytearrayobject::new(s.cast(), size).unwrap_or(null_mut()))
}

/// A new bytearray holding `a + b` (any two bytes-like objects).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError("can't concat B to A")`, `MemoryError`; `SystemError` for
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyByteArray_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard("PyByteArray_Concat", || {
        if a.is_null() || b.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live, per the C API.
        unsafe { bytearrayobject::concat(a, b) }.unwrap_or(null_mut())
    })
}

/// Returns: the length of a bytearray.
/// Errors: -1 with `SystemError` if `o` is NULL or not a bytearray.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyByteArray_Size(o: *mut PyObject) -> Py_ssize_t {
    guard("PyByteArray_Size", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_bytearray(o) {
                errors::bad_internal_call();
                return -1;
            }
            bytearrayobject::size(o)
        }
    })
}

/// Returns: the contents of a bytearray, NUL-terminated (borrowed: valid until it is
/// resized or freed; writable).
/// Errors: NULL with `SystemError` if `o` is NULL or not a bytearray.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyByteArray_AsString(o: *mut PyObject) -> *mut c_char {
    guard("PyByteArray_AsString", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_bytearray(o) {
                errors::bad_internal_call();
                return null_mut();
            }
            bytearrayobject::as_ptr(o).cast()
        }
    })
}

/// Changes the length of a bytearray to `len` (new bytes are uninitialized).
///
/// Returns: 0.
/// Errors: -1 with `BufferError("Existing exports of data: object cannot be re-sized")`
/// while buffer views of it are held, `ValueError("Can only resize to positive sizes, got
/// N")`, `MemoryError`; `SystemError` if `o` is NULL or not a bytearray.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyByteArray_Resize(o: *mut PyObject, len: Py_ssize_t) -> c_int {
    guard("PyByteArray_Resize", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_bytearray(o) {
                errors::bad_internal_call();
                return -1;
            }
            match bytearrayobject::resize(o, len) {
                Ok(()) => 0,
                Err(_) => -1,
            }
        }
    })
}
