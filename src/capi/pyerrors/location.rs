//! Helpers that fill in `SyntaxError` and `ImportError` fields (`PyErr_SyntaxLocation*`,
//! `PyErr_ProgramText*`, `PyErr_SetImportError*`).

use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::{guard, lossy_str};
use crate::object::{self, errors, exceptions};

/// Sets the location of the current exception, if it is a `SyntaxError`: `filename`,
/// `lineno`, `offset` (`col_offset`; negative: `None`), `end_lineno`, `end_offset`, and
/// `text` read from the file. CPython sets these on any exception, in its dict: that comes
/// with attributes (issue 4); other exceptions are left unchanged until then.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_RangedSyntaxLocationObject(
    filename: *mut PyObject,
    lineno: c_int,
    col_offset: c_int,
    end_lineno: c_int,
    end_col_offset: c_int,
) {
    guard("PyErr_RangedSyntaxLocationObject", || {
        // SAFETY: NULL or a live object, per the C API.
        unsafe { exceptions::syntax_location(filename, lineno, col_offset, end_lineno, end_col_offset) }
    })
}

/// `PyErr_RangedSyntaxLocationObject(filename, lineno, col_offset, lineno, -1)`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SyntaxLocationObject(
    filename: *mut PyObject,
    lineno: c_int,
    col_offset: c_int,
) {
    // SAFETY: forwarded.
    unsafe { PyErr_RangedSyntaxLocationObject(filename, lineno, col_offset, lineno, -1) }
}

/// `PyErr_SyntaxLocationObject` with the file name as UTF-8 text (NULL: none).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SyntaxLocationEx(filename: *const c_char, lineno: c_int, col_offset: c_int) {
    guard("PyErr_SyntaxLocationEx", || {
        // SAFETY: NULL or a C string, per the C API.
        let name = match unsafe { lossy_str(filename) } {
            Some(n) => match object::unicodeobject::from_str(&n) {
                Ok(o) => o,
                Err(_) => {
                    errors::clear();
                    null_mut()
                }
            },
            None => null_mut(),
        };
        // SAFETY: forwarded; `name` is ours.
        unsafe {
            PyErr_SyntaxLocationObject(name, lineno, col_offset);
            object::xdecref(name);
        }
    })
}

/// `PyErr_SyntaxLocationEx(filename, lineno, -1)`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SyntaxLocation(filename: *const c_char, lineno: c_int) {
    // SAFETY: forwarded.
    unsafe { PyErr_SyntaxLocationEx(filename, lineno, -1) }
}

/// Returns: line `lineno` (from 1) of the file `filename`, with its newline (a new
/// reference to a `str`; invalid UTF-8 replaced; lines cut at 999 bytes, as CPython), or NULL
/// *without* an exception if the file or line does not exist.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_ProgramTextObject(filename: *mut PyObject, lineno: c_int) -> *mut PyObject {
    // SAFETY: NULL or a live object, per the C API.
    guard("PyErr_ProgramTextObject", || {
        unsafe { exceptions::fields::program_text(filename, lineno) }.unwrap_or(null_mut())
    })
}

/// `PyErr_ProgramTextObject` with the file name as UTF-8 text.
///
/// Returns: a new reference, or NULL without an exception.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_ProgramText(filename: *const c_char, lineno: c_int) -> *mut PyObject {
    guard("PyErr_ProgramText", || {
        // SAFETY: NULL or a C string, per the C API.
        let Some(n) = (unsafe { lossy_str(filename) }) else { return null_mut() };
        let Ok(name) = object::unicodeobject::from_str(&n) else {
            errors::clear();
            return null_mut();
        };
        // SAFETY: `name` is ours.
        unsafe {
            let r = exceptions::fields::program_text(name, lineno).unwrap_or(null_mut());
            object::decref(name);
            r
        }
    })
}

/// Raises `exception(msg, name=name, path=path)` for a subclass of `ImportError` (NULL
/// `name`/`path` are `None`).
///
/// Returns: NULL, always. Errors: `TypeError` ("expected a subclass of ImportError",
/// "expected a message argument").
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetImportErrorSubclass(
    exception: *mut PyObject,
    msg: *mut PyObject,
    name: *mut PyObject,
    path: *mut PyObject,
) -> *mut PyObject {
    guard("PyErr_SetImportErrorSubclass", || {
        if exception.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: NULL or live objects, per the C API.
        unsafe { exceptions::set_import_error(exception, msg, name, path) };
        null_mut()
    })
}

/// Raises `ImportError(msg, name=name, path=path)`.
///
/// Returns: NULL, always.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetImportError(
    msg: *mut PyObject,
    name: *mut PyObject,
    path: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyErr_SetImportErrorSubclass(exceptions::PyExc_ImportError, msg, name, path) }
}
