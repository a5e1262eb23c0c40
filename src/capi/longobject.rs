//! `int` and `bool` (CPython's `longobject.h`, `boolobject.h`).

use std::ffi::c_long;
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{errors, longobject, typeobject};

/// Returns: a new reference to the `int` `v` (small values are shared, immortal objects).
/// Errors: NULL with `MemoryError`.
#[unsafe(no_mangle)]
pub extern "C" fn PyLong_FromLong(v: c_long) -> *mut PyObject {
    guard("PyLong_FromLong", || longobject::from_i64(v as i64).unwrap_or(null_mut()))
}

/// Returns: the value of the `int` `op` as a C `long`.
/// Errors: -1 with `OverflowError` ("Python int too large to convert to C long") if it does
/// not fit, `TypeError` if `op` is not an `int`, `SystemError` for NULL; check
/// `PyErr_Occurred()` to tell -1 from an error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsLong(op: *mut PyObject) -> c_long {
    guard("PyLong_AsLong", || {
        if op.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a live object, per the C API.
        unsafe {
            if !typeobject::type_check(op, &raw mut longobject::PyLong_Type) {
                errors::type_error(&format!(
                    "'{}' object cannot be interpreted as an integer",
                    crate::object::type_name(crate::object::type_of(op))
                ));
                return -1;
            }
            match longobject::as_i64(op) {
                Some(v) => v as c_long,
                None => {
                    errors::overflow_error("Python int too large to convert to C long");
                    -1
                }
            }
        }
    })
}

/// Returns: `True` if `v` is non-zero, else `False` (immortal; the reference may be
/// treated as new).
#[unsafe(no_mangle)]
pub extern "C" fn PyBool_FromLong(v: c_long) -> *mut PyObject {
    longobject::from_bool(v != 0)
}
