//! Issuing warnings from C (CPython's `warnings.h`), with CPython 3.13's default filters and
//! output; see `object::exceptions::warnings` for what is and is not shown. The formatting
//! variants (`PyErr_WarnFormat`, `PyErr_ResourceWarning`, `PyErr_WarnExplicitFormat`) need
//! the `%`-format engine, which belongs to `str`.

use std::ffi::{c_char, c_int};

use crate::abi::*;
use crate::capi::abstract_::utf8_arg;
use crate::ffi::guard;
use crate::object::{errors, exceptions::warnings, typeobject, unicodeobject};

/// Issues a warning of `category` (NULL: `RuntimeWarning`) with the UTF-8 `message`. With
/// no Python frame it is attributed to `<sys>:0` and shown once per (message, category) in
/// an interpreter, unless the default filters ignore the category (`DeprecationWarning`,
/// `PendingDeprecationWarning`, `ImportWarning`, `ResourceWarning`). `stack_level` counts
/// Python frames, of which there are none yet.
///
/// Returns: 0. Errors: -1 with an exception set if the warning became an error (not with
/// the default filters) or `message` is NULL or not UTF-8.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_WarnEx(
    category: *mut PyObject,
    message: *const c_char,
    stack_level: Py_ssize_t,
) -> c_int {
    guard("PyErr_WarnEx", || {
        if message.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: NULL or a type, and a C string, per the C API.
        unsafe {
            if !category.is_null() && !typeobject::type_check(category, &raw mut typeobject::PyType_Type) {
                errors::bad_internal_call();
                return -1;
            }
            match utf8_arg(message).and_then(|m| warnings::warn(category.cast(), m, stack_level)) {
                Ok(()) => 0,
                Err(_) => -1,
            }
        }
    })
}

/// Issues a warning attributed to `filename:lineno` in `module` (NULL: the file name
/// without `.py`), all UTF-8; with a `registry` (a dict or `None`) it is shown once.
///
/// Returns: 0. Errors: -1 with an exception set (`TypeError` for a registry that is not a
/// dict or `None`, `SystemError` for NULL strings).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_WarnExplicit(
    category: *mut PyObject,
    message: *const c_char,
    filename: *const c_char,
    lineno: c_int,
    module: *const c_char,
    registry: *mut PyObject,
) -> c_int {
    guard("PyErr_WarnExplicit", || {
        if message.is_null() || filename.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: C strings and NULL or live objects, per the C API.
        unsafe {
            let r = (|| {
                let m = utf8_arg(message)?;
                let f = utf8_arg(filename)?;
                let module = if module.is_null() { None } else { Some(utf8_arg(module)?) };
                warnings::warn_explicit(category.cast(), m, f, i64::from(lineno), module, registry)
            })();
            if r.is_ok() {
                0
            } else {
                -1
            }
        }
    })
}

/// `PyErr_WarnExplicit` with the message, file name and module as `str` objects.
///
/// Returns: 0. Errors: -1 with an exception set (`SystemError` for NULL or non-`str`
/// arguments).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_WarnExplicitObject(
    category: *mut PyObject,
    message: *mut PyObject,
    filename: *mut PyObject,
    lineno: c_int,
    module: *mut PyObject,
    registry: *mut PyObject,
) -> c_int {
    guard("PyErr_WarnExplicitObject", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            let is_str = |o: *mut PyObject| {
                !o.is_null() && typeobject::type_check(o, &raw mut unicodeobject::PyUnicode_Type)
            };
            if !is_str(message) || !is_str(filename) || (!module.is_null() && !is_str(module)) {
                errors::bad_internal_call();
                return -1;
            }
            let module = if module.is_null() { None } else { Some(unicodeobject::as_str(module)) };
            let r = warnings::warn_explicit(
                category.cast(),
                unicodeobject::as_str(message),
                unicodeobject::as_str(filename),
                i64::from(lineno),
                module,
                registry,
            );
            if r.is_ok() {
                0
            } else {
                -1
            }
        }
    })
}
