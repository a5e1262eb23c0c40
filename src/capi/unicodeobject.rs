//! `str` (CPython's `unicodeobject.h`).

use std::ffi::{c_char, CStr};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{errors, typeobject, unicodeobject};

/// Decodes the NUL-terminated UTF-8 `s` into a `str`.
///
/// Returns: a new reference.
/// Errors: NULL with `UnicodeDecodeError` for invalid UTF-8, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_FromString(s: *const c_char) -> *mut PyObject {
    guard("PyUnicode_FromString", || {
        if s.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a NUL-terminated string, per the C API.
        decode(unsafe { CStr::from_ptr(s) }.to_bytes())
    })
}

/// Decodes `size` bytes of UTF-8 at `s` into a `str` (NUL bytes included).
///
/// Returns: a new reference.
/// Errors: NULL with `UnicodeDecodeError` for invalid UTF-8, `SystemError` for a negative
/// size or a NULL `s` with a non-zero size.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_FromStringAndSize(s: *const c_char, size: Py_ssize_t) -> *mut PyObject {
    guard("PyUnicode_FromStringAndSize", || {
        if size < 0 {
            errors::system_error("Negative size passed to PyUnicode_FromStringAndSize");
            return null_mut();
        }
        if s.is_null() {
            if size == 0 {
                return unicodeobject::from_str("").unwrap_or(null_mut());
            }
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: `size` readable bytes, per the C API.
        decode(unsafe { std::slice::from_raw_parts(s as *const u8, size as usize) })
    })
}

fn decode(bytes: &[u8]) -> *mut PyObject {
    match std::str::from_utf8(bytes) {
        Ok(text) => unicodeobject::from_str(text).unwrap_or(null_mut()),
        Err(e) => {
            let start = e.valid_up_to();
            let reason = if e.error_len().is_none() { "unexpected end of data" } else { "invalid start byte" };
            errors::unicode_error(&format!(
                "'utf-8' codec can't decode byte 0x{:02x} in position {start}: {reason}",
                bytes[start]
            ));
            null_mut()
        }
    }
}

/// The UTF-8 form of a `str`, and its length in bytes in `*size` (if `size` is not NULL).
///
/// Returns: a pointer into the string (valid as long as it lives; do not modify).
/// Errors: NULL with `TypeError` if `op` is not a `str`, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_AsUTF8AndSize(op: *mut PyObject, size: *mut Py_ssize_t) -> *const c_char {
    guard("PyUnicode_AsUTF8AndSize", || {
        if op.is_null() {
            errors::bad_internal_call();
            return std::ptr::null();
        }
        // SAFETY: a live object, per the C API; the bytes live in the string.
        unsafe {
            if !typeobject::type_check(op, &raw mut unicodeobject::PyUnicode_Type) {
                errors::bad_argument();
                return std::ptr::null();
            }
            let b = unicodeobject::as_bytes(op);
            if !size.is_null() {
                *size = b.len() as Py_ssize_t;
            }
            b.as_ptr().cast()
        }
    })
}

/// The NUL-terminated UTF-8 form of a `str`.
///
/// Returns: a pointer into the string (valid as long as it lives; do not modify).
/// Errors: NULL with an exception set, as `PyUnicode_AsUTF8AndSize`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_AsUTF8(op: *mut PyObject) -> *const c_char {
    // SAFETY: forwarded.
    unsafe { PyUnicode_AsUTF8AndSize(op, null_mut()) }
}

/// Returns: the length of a `str` in code points.
/// Errors: -1 with `TypeError` if `op` is not a `str`, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_GetLength(op: *mut PyObject) -> Py_ssize_t {
    guard("PyUnicode_GetLength", || {
        if op.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a live object, per the C API.
        unsafe {
            if !typeobject::type_check(op, &raw mut unicodeobject::PyUnicode_Type) {
                errors::bad_argument();
                return -1;
            }
            unicodeobject::length(op)
        }
    })
}
