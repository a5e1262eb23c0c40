//! `float` (CPython's `floatobject.h`, `cpython/floatobject.h`).
//!
//! Not provided: `PyFloat_GetInfo` (`sys.float_info` is a struct sequence, a type that does
//! not exist yet) and `PyFloat_Pack*`/`Unpack*`.

use std::ffi::c_double;
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::{guard, guard_or};
use crate::object::{errors, floatobject};

/// Returns: a new reference to a float of value `v`.
/// Errors: NULL with `MemoryError`.
#[unsafe(no_mangle)]
pub extern "C" fn PyFloat_FromDouble(v: c_double) -> *mut PyObject {
    guard("PyFloat_FromDouble", || floatobject::from_f64(v).unwrap_or(null_mut()))
}

/// Returns: the value of `op` as a C double: a float's value, else `op.__float__()`
/// (`nb_float`), else `op.__index__()` converted (ints take the `nb_float` path).
/// Errors: -1.0 with `TypeError` ("must be real number, not T", "T.__float__ returned
/// non-float (type U)"), `OverflowError` ("int too large to convert to float"), what
/// `__float__` raised, or a `DeprecationWarning` raised as an error (`__float__` returning a
/// strict subclass of float, `__index__` a strict subclass of int); `TypeError` ("bad argument type for built-in operation") for NULL,
/// as CPython. Check `PyErr_Occurred()` to tell -1.0 from an error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyFloat_AsDouble(op: *mut PyObject) -> c_double {
    guard_or("PyFloat_AsDouble", -1.0, || {
        if op.is_null() {
            errors::bad_argument();
            return -1.0;
        }
        // SAFETY: a live object, per the C API.
        unsafe { floatobject::as_double(op) }.unwrap_or(-1.0)
    })
}

/// Returns: a new reference to the float the str, bytes, bytearray or other buffer `op`
/// spells (`float(op)` for text: surrounding whitespace, underscores between digits,
/// `inf`/`nan`, Unicode digits in a str).
/// Errors: NULL with `ValueError` ("could not convert string to float: <repr>"),
/// `TypeError` ("float() argument must be a string or a real number, not 'T'") for other
/// types, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyFloat_FromString(op: *mut PyObject) -> *mut PyObject {
    guard("PyFloat_FromString", || {
        if op.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        unsafe { floatobject::from_string(op) }.unwrap_or(null_mut())
    })
}

/// Returns: `DBL_MAX`, the largest finite float.
#[unsafe(no_mangle)]
pub extern "C" fn PyFloat_GetMax() -> c_double {
    f64::MAX
}

/// Returns: `DBL_MIN`, the smallest positive normalized float.
#[unsafe(no_mangle)]
pub extern "C" fn PyFloat_GetMin() -> c_double {
    f64::MIN_POSITIVE
}
