//! The mapping protocol (CPython's `PyMapping_*`, `abstract.h`). `PyMapping_DelItem` and
//! `PyMapping_DelItemString` are macros in `include/abstract.h`, as in CPython 3.13.

use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

use super::{obj, size, status, truth, utf8_arg};
use crate::abi::*;
use crate::ffi::{guard, guard_or};
use crate::object::abstract_::mapping;
use crate::object::{self, dictobject, errors, exceptions, PyResult};

/// Returns: 1 if `o` is a mapping (its type has `mp_subscript`), else 0 (also for NULL).
/// Never fails.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_Check(o: *mut PyObject) -> c_int {
    // SAFETY: NULL or a live object.
    guard_or("PyMapping_Check", 0, || c_int::from(!o.is_null() && unsafe { mapping::check(o) }))
}

/// `len(o)` for a mapping (`mp_length`).
///
/// Returns: the length. Errors: -1 with `TypeError` ("T is not a mapping" for a sequence,
/// "object of type 'T' has no len()"), what the slot raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_Size(o: *mut PyObject) -> Py_ssize_t {
    guard("PyMapping_Size", || {
        if o.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: a live object, per the C API.
        size(unsafe { mapping::size(o) })
    })
}

/// Another name for `PyMapping_Size` (also a macro in `abstract.h`, as in CPython).
///
/// Returns: the length. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_Length(o: *mut PyObject) -> Py_ssize_t {
    // SAFETY: forwarded.
    unsafe { PyMapping_Size(o) }
}

/// `o[key]` for the UTF-8 text `key`.
///
/// Returns: a new reference. Errors: NULL with an exception set (as `PyObject_GetItem`;
/// `SystemError` for NULL arguments).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_GetItemString(o: *mut PyObject, key: *const c_char) -> *mut PyObject {
    guard("PyMapping_GetItemString", || {
        if o.is_null() || key.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object and a C string, per the C API.
        obj(unsafe { utf8_arg(key).and_then(|k| mapping::get_item_str(o, k)) })
    })
}

unsafe fn write_optional(result: *mut *mut PyObject, r: PyResult<Option<*mut PyObject>>) -> c_int {
    let (rc, v) = match r {
        Ok(Some(v)) => (1, v),
        Ok(None) => (0, null_mut()),
        Err(_) => (-1, null_mut()),
    };
    // SAFETY: per caller, a valid out-pointer.
    unsafe { *result = v };
    rc
}

/// `o[key]` without raising `KeyError` for a missing key (CPython 3.13).
///
/// Returns: 1 with a new reference in `*result`, or 0 with `*result` NULL when the key is
/// missing. Errors: -1 with `*result` NULL and an exception set (anything but `KeyError`;
/// `SystemError` for NULL arguments).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_GetOptionalItem(
    o: *mut PyObject,
    key: *mut PyObject,
    result: *mut *mut PyObject,
) -> c_int {
    guard("PyMapping_GetOptionalItem", || {
        if result.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: live objects and a valid out-pointer, per the C API.
        unsafe {
            if o.is_null() || key.is_null() {
                *result = null_mut();
                errors::null_error();
                return -1;
            }
            write_optional(result, mapping::get_optional_item(o, key))
        }
    })
}

/// `PyMapping_GetOptionalItem` for the UTF-8 text `key` (CPython 3.13).
///
/// Returns: 1, or 0 when the key is missing. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_GetOptionalItemString(
    o: *mut PyObject,
    key: *const c_char,
    result: *mut *mut PyObject,
) -> c_int {
    guard("PyMapping_GetOptionalItemString", || {
        if result.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a live object, a C string and a valid out-pointer, per the C API.
        unsafe {
            if o.is_null() || key.is_null() {
                *result = null_mut();
                errors::null_error();
                return -1;
            }
            write_optional(result, utf8_arg(key).and_then(|k| mapping::get_optional_item_str(o, k)))
        }
    })
}

/// `o[key] = value` for the UTF-8 text `key` (`value` borrowed).
///
/// Returns: 0. Errors: -1 with an exception set (`SystemError` for NULL arguments).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_SetItemString(
    o: *mut PyObject,
    key: *const c_char,
    value: *mut PyObject,
) -> c_int {
    guard("PyMapping_SetItemString", || {
        if o.is_null() || key.is_null() || value.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: live objects and a C string, per the C API.
        status(unsafe { utf8_arg(key).and_then(|k| mapping::set_item_str(o, k, value)) })
    })
}

/// `key in o` for a mapping (CPython 3.13).
///
/// Returns: 1 or 0. Errors: -1 with an exception set (anything `o[key]` raised but
/// `KeyError`; `SystemError` for NULL arguments).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_HasKeyWithError(o: *mut PyObject, key: *mut PyObject) -> c_int {
    guard("PyMapping_HasKeyWithError", || {
        if o.is_null() || key.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        truth(unsafe { mapping::has_key(o, key) })
    })
}

/// `PyMapping_HasKeyWithError` for the UTF-8 text `key` (CPython 3.13).
///
/// Returns: 1 or 0. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_HasKeyStringWithError(o: *mut PyObject, key: *const c_char) -> c_int {
    guard("PyMapping_HasKeyStringWithError", || {
        if o.is_null() || key.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: a live object and a C string, per the C API.
        truth(unsafe {
            utf8_arg(key).and_then(|k| {
                let v = mapping::get_optional_item_str(o, k)?;
                Ok(v.map(|v| object::decref(v)).is_some())
            })
        })
    })
}

/// `key in o` for a mapping, never failing: an error is reported as unraisable (on stderr,
/// "Exception ignored in PyMapping_HasKey(); consider using ...", as CPython 3.13) and gives 0.
///
/// Returns: 1 or 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_HasKey(o: *mut PyObject, key: *mut PyObject) -> c_int {
    guard_or("PyMapping_HasKey", 0, || {
        let r = if o.is_null() || key.is_null() {
            Err(errors::null_error())
        } else {
            // SAFETY: live objects, per the C API.
            unsafe { mapping::has_key(o, key) }
        };
        r.map(c_int::from).unwrap_or_else(|_| {
            exceptions::display::write_unraisable_msg(
                "Exception ignored in PyMapping_HasKey(); consider using PyMapping_HasKeyWithError(), \
                 PyMapping_GetOptionalItem() or PyObject_GetItem()",
                null_mut(),
            );
            0
        })
    })
}

/// `PyMapping_HasKey` for the UTF-8 text `key`, never failing (errors are reported as
/// unraisable and give 0, as CPython 3.13).
///
/// Returns: 1 or 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_HasKeyString(o: *mut PyObject, key: *const c_char) -> c_int {
    guard_or("PyMapping_HasKeyString", 0, || {
        let r = if o.is_null() || key.is_null() {
            Err(errors::null_error())
        } else {
            // SAFETY: a live object and a C string, per the C API.
            unsafe {
                utf8_arg(key).and_then(|k| {
                    let v = mapping::get_optional_item_str(o, k)?;
                    Ok(v.map(|v| object::decref(v)).is_some())
                })
            }
        };
        r.map(c_int::from).unwrap_or_else(|_| {
            exceptions::display::write_unraisable_msg(
                "Exception ignored in PyMapping_HasKeyString(); consider using \
                 PyMapping_HasKeyStringWithError(), PyMapping_GetOptionalItemString() or \
                 PyMapping_GetItemString()",
                null_mut(),
            );
            0
        })
    })
}

/// `list(o.keys())`: for an exact dict its keys in order (`PyDict_Keys`); any other object
/// has its `keys()` method called and the result listed.
///
/// Returns: a new reference to a list. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_Keys(o: *mut PyObject) -> *mut PyObject {
    guard("PyMapping_Keys", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { mapping::method_list(o, dictobject::Part::Keys) })
    })
}

/// `list(o.values())`: for an exact dict its values in order (`PyDict_Values`); other
/// objects as `PyMapping_Keys`.
///
/// Returns: a new reference to a list. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_Values(o: *mut PyObject) -> *mut PyObject {
    guard("PyMapping_Values", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { mapping::method_list(o, dictobject::Part::Values) })
    })
}

/// `list(o.items())`: for an exact dict its `(key, value)` tuples in order
/// (`PyDict_Items`); other objects as `PyMapping_Keys`.
///
/// Returns: a new reference to a list. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMapping_Items(o: *mut PyObject) -> *mut PyObject {
    guard("PyMapping_Items", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { mapping::method_list(o, dictobject::Part::Items) })
    })
}
