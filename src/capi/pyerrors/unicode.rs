//! The Unicode errors' accessors (`PyUnicodeEncodeError_*`, `PyUnicodeDecodeError_*`,
//! `PyUnicodeTranslateError_*`). CPython 3.13 reads the fields of whatever object it is
//! given; these check it (`TypeError("expecting a UnicodeDecodeError object, got T")`, as
//! CPython 3.14) and that the fields have their types (CPython's "object attribute must be
//! bytes", "reason attribute must be unicode", ...).

use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

use crate::abi::*;
use crate::capi::abstract_::utf8_arg;
use crate::ffi::guard;
use crate::object::exceptions::unicode::{self, Kind};
use crate::object::{self, errors, unicodeobject, PyResult};

unsafe fn obj_or_null(
    name: &'static str,
    exc: *mut PyObject,
    f: impl FnOnce(*mut PyObject) -> PyResult<*mut PyObject>,
) -> *mut PyObject {
    guard(name, || {
        if exc.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        f(exc).unwrap_or(null_mut())
    })
}

unsafe fn int_status(
    name: &'static str,
    exc: *mut PyObject,
    f: impl FnOnce(*mut PyObject) -> PyResult<()>,
) -> c_int {
    guard(name, || {
        if exc.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        if f(exc).is_ok() {
            0
        } else {
            -1
        }
    })
}

unsafe fn get_pos(
    name: &'static str,
    exc: *mut PyObject,
    out: *mut Py_ssize_t,
    start: bool,
    kind: Kind,
) -> c_int {
    if out.is_null() {
        errors::bad_internal_call();
        return -1;
    }
    // SAFETY: a live object and a valid out-pointer, per the C API.
    unsafe {
        int_status(name, exc, |e| {
            let v = if start { unicode::get_start(e, kind)? } else { unicode::get_end(e, kind)? };
            *out = v;
            Ok(())
        })
    }
}

unsafe fn set_pos(name: &'static str, exc: *mut PyObject, v: Py_ssize_t, start: bool, kind: Kind) -> c_int {
    // SAFETY: a live object, per the C API.
    unsafe {
        int_status(name, exc, |e| {
            let f = unicode::check(e, kind)?;
            if start {
                f.start = v
            } else {
                f.end = v
            }
            Ok(())
        })
    }
}

unsafe fn set_reason(name: &'static str, exc: *mut PyObject, reason: *const c_char, kind: Kind) -> c_int {
    if reason.is_null() {
        errors::bad_internal_call();
        return -1;
    }
    // SAFETY: a live object and a C string, per the C API.
    unsafe {
        int_status(name, exc, |e| {
            let f = unicode::check(e, kind)?;
            let r = unicodeobject::from_str(utf8_arg(reason)?)?;
            let old = std::mem::replace(&mut f.reason, r);
            object::xdecref(old);
            Ok(())
        })
    }
}

/// A new `UnicodeDecodeError(encoding, bytes(object[:length]), start, end, reason)`.
///
/// Returns: a new reference. Errors: NULL with an exception set (`SystemError` for NULL
/// strings or a negative length, `UnicodeDecodeError` for text that is not UTF-8).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeDecodeError_Create(
    encoding: *const c_char,
    object: *const c_char,
    length: Py_ssize_t,
    start: Py_ssize_t,
    end: Py_ssize_t,
    reason: *const c_char,
) -> *mut PyObject {
    guard("PyUnicodeDecodeError_Create", || {
        if encoding.is_null() || reason.is_null() || length < 0 || (object.is_null() && length > 0) {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: C strings and `length` readable bytes, per the C API.
        unsafe {
            let data = if length == 0 {
                &[][..]
            } else {
                std::slice::from_raw_parts(object as *const u8, length as usize)
            };
            let r = utf8_arg(encoding)
                .and_then(|enc| Ok((enc, utf8_arg(reason)?)))
                .and_then(|(enc, why)| unicode::decode_error_new(enc, data, start, end, why));
            r.unwrap_or(null_mut())
        }
    })
}

/// Returns: the `encoding` of a `UnicodeEncodeError` (a new reference to a `str`).
/// Errors: NULL with `TypeError` ("encoding attribute must be unicode", wrong object).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetEncoding(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, per the C API.
    unsafe {
        obj_or_null("PyUnicodeEncodeError_GetEncoding", exc, |e| {
            let f = unicode::check(e, Kind::Encode)?;
            unicode::get_str(f.encoding, "encoding")
        })
    }
}

/// Returns: the `object` of a `UnicodeEncodeError` (a new reference to a `str`).
/// Errors: NULL with `TypeError` ("object attribute must be unicode", wrong object).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetObject(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, per the C API.
    unsafe { obj_or_null("PyUnicodeEncodeError_GetObject", exc, |e| unicode::get_object(e, Kind::Encode)) }
}

/// Stores the `start` of a `UnicodeEncodeError` in `*start`, clamped into the object (0 to len-1).
///
/// Returns: 0. Errors: -1 with `TypeError` (wrong object, bad `object` field).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetStart(exc: *mut PyObject, start: *mut Py_ssize_t) -> c_int {
    // SAFETY: forwarded.
    unsafe { get_pos("PyUnicodeEncodeError_GetStart", exc, start, true, Kind::Encode) }
}

/// Sets the `start` of a `UnicodeEncodeError` (not checked against the object, as CPython 3.13).
///
/// Returns: 0. Errors: -1 with `TypeError` for a wrong object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeEncodeError_SetStart(exc: *mut PyObject, start: Py_ssize_t) -> c_int {
    // SAFETY: forwarded.
    unsafe { set_pos("PyUnicodeEncodeError_SetStart", exc, start, true, Kind::Encode) }
}

/// Stores the `end` of a `UnicodeEncodeError` in `*end`, clamped into the object (1 to len).
///
/// Returns: 0. Errors: -1 with `TypeError` (wrong object, bad `object` field).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetEnd(exc: *mut PyObject, end: *mut Py_ssize_t) -> c_int {
    // SAFETY: forwarded.
    unsafe { get_pos("PyUnicodeEncodeError_GetEnd", exc, end, false, Kind::Encode) }
}

/// Sets the `end` of a `UnicodeEncodeError` (not checked against the object, as CPython 3.13).
///
/// Returns: 0. Errors: -1 with `TypeError` for a wrong object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeEncodeError_SetEnd(exc: *mut PyObject, end: Py_ssize_t) -> c_int {
    // SAFETY: forwarded.
    unsafe { set_pos("PyUnicodeEncodeError_SetEnd", exc, end, false, Kind::Encode) }
}

/// Returns: the `reason` of a `UnicodeEncodeError` (a new reference to a `str`).
/// Errors: NULL with `TypeError` ("reason attribute must be unicode", wrong object).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetReason(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, per the C API.
    unsafe {
        obj_or_null("PyUnicodeEncodeError_GetReason", exc, |e| {
            let f = unicode::check(e, Kind::Encode)?;
            unicode::get_str(f.reason, "reason")
        })
    }
}

/// Sets the `reason` of a `UnicodeEncodeError` to the UTF-8 text `reason`.
///
/// Returns: 0. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeEncodeError_SetReason(exc: *mut PyObject, reason: *const c_char) -> c_int {
    // SAFETY: forwarded.
    unsafe { set_reason("PyUnicodeEncodeError_SetReason", exc, reason, Kind::Encode) }
}

/// Returns: the `encoding` of a `UnicodeDecodeError` (a new reference to a `str`).
/// Errors: NULL with `TypeError` ("encoding attribute must be unicode", wrong object).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetEncoding(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, per the C API.
    unsafe {
        obj_or_null("PyUnicodeDecodeError_GetEncoding", exc, |e| {
            let f = unicode::check(e, Kind::Decode)?;
            unicode::get_str(f.encoding, "encoding")
        })
    }
}

/// Returns: the `object` of a `UnicodeDecodeError` (a new reference to a `bytes`).
/// Errors: NULL with `TypeError` ("object attribute must be bytes", wrong object).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetObject(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, per the C API.
    unsafe { obj_or_null("PyUnicodeDecodeError_GetObject", exc, |e| unicode::get_object(e, Kind::Decode)) }
}

/// Stores the `start` of a `UnicodeDecodeError` in `*start`, clamped into the object (0 to len-1).
///
/// Returns: 0. Errors: -1 with `TypeError` (wrong object, bad `object` field).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetStart(exc: *mut PyObject, start: *mut Py_ssize_t) -> c_int {
    // SAFETY: forwarded.
    unsafe { get_pos("PyUnicodeDecodeError_GetStart", exc, start, true, Kind::Decode) }
}

/// Sets the `start` of a `UnicodeDecodeError` (not checked against the object, as CPython 3.13).
///
/// Returns: 0. Errors: -1 with `TypeError` for a wrong object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeDecodeError_SetStart(exc: *mut PyObject, start: Py_ssize_t) -> c_int {
    // SAFETY: forwarded.
    unsafe { set_pos("PyUnicodeDecodeError_SetStart", exc, start, true, Kind::Decode) }
}

/// Stores the `end` of a `UnicodeDecodeError` in `*end`, clamped into the object (1 to len).
///
/// Returns: 0. Errors: -1 with `TypeError` (wrong object, bad `object` field).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetEnd(exc: *mut PyObject, end: *mut Py_ssize_t) -> c_int {
    // SAFETY: forwarded.
    unsafe { get_pos("PyUnicodeDecodeError_GetEnd", exc, end, false, Kind::Decode) }
}

/// Sets the `end` of a `UnicodeDecodeError` (not checked against the object, as CPython 3.13).
///
/// Returns: 0. Errors: -1 with `TypeError` for a wrong object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeDecodeError_SetEnd(exc: *mut PyObject, end: Py_ssize_t) -> c_int {
    // SAFETY: forwarded.
    unsafe { set_pos("PyUnicodeDecodeError_SetEnd", exc, end, false, Kind::Decode) }
}

/// Returns: the `reason` of a `UnicodeDecodeError` (a new reference to a `str`).
/// Errors: NULL with `TypeError` ("reason attribute must be unicode", wrong object).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetReason(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, per the C API.
    unsafe {
        obj_or_null("PyUnicodeDecodeError_GetReason", exc, |e| {
            let f = unicode::check(e, Kind::Decode)?;
            unicode::get_str(f.reason, "reason")
        })
    }
}

/// Sets the `reason` of a `UnicodeDecodeError` to the UTF-8 text `reason`.
///
/// Returns: 0. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeDecodeError_SetReason(exc: *mut PyObject, reason: *const c_char) -> c_int {
    // SAFETY: forwarded.
    unsafe { set_reason("PyUnicodeDecodeError_SetReason", exc, reason, Kind::Decode) }
}

/// Returns: the `object` of a `UnicodeTranslateError` (a new reference to a `str`).
/// Errors: NULL with `TypeError` ("object attribute must be unicode", wrong object).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeTranslateError_GetObject(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, per the C API.
    unsafe {
        obj_or_null("PyUnicodeTranslateError_GetObject", exc, |e| unicode::get_object(e, Kind::Translate))
    }
}

/// Stores the `start` of a `UnicodeTranslateError` in `*start`, clamped into the object (0 to len-1).
///
/// Returns: 0. Errors: -1 with `TypeError` (wrong object, bad `object` field).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeTranslateError_GetStart(
    exc: *mut PyObject,
    start: *mut Py_ssize_t,
) -> c_int {
    // SAFETY: forwarded.
    unsafe { get_pos("PyUnicodeTranslateError_GetStart", exc, start, true, Kind::Translate) }
}

/// Sets the `start` of a `UnicodeTranslateError` (not checked against the object, as CPython 3.13).
///
/// Returns: 0. Errors: -1 with `TypeError` for a wrong object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeTranslateError_SetStart(exc: *mut PyObject, start: Py_ssize_t) -> c_int {
    // SAFETY: forwarded.
    unsafe { set_pos("PyUnicodeTranslateError_SetStart", exc, start, true, Kind::Translate) }
}

/// Stores the `end` of a `UnicodeTranslateError` in `*end`, clamped into the object (1 to len).
///
/// Returns: 0. Errors: -1 with `TypeError` (wrong object, bad `object` field).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeTranslateError_GetEnd(exc: *mut PyObject, end: *mut Py_ssize_t) -> c_int {
    // SAFETY: forwarded.
    unsafe { get_pos("PyUnicodeTranslateError_GetEnd", exc, end, false, Kind::Translate) }
}

/// Sets the `end` of a `UnicodeTranslateError` (not checked against the object, as CPython 3.13).
///
/// Returns: 0. Errors: -1 with `TypeError` for a wrong object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeTranslateError_SetEnd(exc: *mut PyObject, end: Py_ssize_t) -> c_int {
    // SAFETY: forwarded.
    unsafe { set_pos("PyUnicodeTranslateError_SetEnd", exc, end, false, Kind::Translate) }
}

/// Returns: the `reason` of a `UnicodeTranslateError` (a new reference to a `str`).
/// Errors: NULL with `TypeError` ("reason attribute must be unicode", wrong object).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeTranslateError_GetReason(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, per the C API.
    unsafe {
        obj_or_null("PyUnicodeTranslateError_GetReason", exc, |e| {
            let f = unicode::check(e, Kind::Translate)?;
            unicode::get_str(f.reason, "reason")
        })
    }
}

/// Sets the `reason` of a `UnicodeTranslateError` to the UTF-8 text `reason`.
///
/// Returns: 0. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicodeTranslateError_SetReason(
    exc: *mut PyObject,
    reason: *const c_char,
) -> c_int {
    // SAFETY: forwarded.
    unsafe { set_reason("PyUnicodeTranslateError_SetReason", exc, reason, Kind::Translate) }
}
