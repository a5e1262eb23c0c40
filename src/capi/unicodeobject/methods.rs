//! `str` operations of the C API: slicing, concatenation, joining, splitting, searching,
//! replacing and comparing, with CPython 3.13's semantics and error texts.

use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

use super::{arg_str, or_null};
use crate::abi::*;
use crate::ffi::{guard, guard_or};
use crate::object::unicodeobject::{self as uni, ops};
use crate::object::{self, errors, longobject};

/// Code points `start..end` of `unicode` (`end` is clipped to the length; `start >= end`
/// gives `''`; all of an exact `str` gives the string itself).
///
/// Returns: a new reference.
/// Errors: NULL with `IndexError("string index out of range")` for a negative bound,
/// `TypeError` for a non-`str` (CPython reads it as one), `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_Substring(
    unicode: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
) -> *mut PyObject {
    guard("PyUnicode_Substring", || {
        // SAFETY: NULL or live, per the C API; then a str.
        unsafe {
            if !arg_str(unicode) {
                return null_mut();
            }
            if start < 0 || end < 0 {
                errors::index_error("string index out of range");
                return null_mut();
            }
            or_null(ops::substring(unicode, start, end))
        }
    })
}

/// `left + right`.
///
/// Returns: a new reference (one operand itself when the other is empty).
/// Errors: NULL with `TypeError("must be str, not T")` for the left operand,
/// `TypeError('can only concatenate str (not "T") to str')` for the right,
/// `OverflowError`, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_Concat(left: *mut PyObject, right: *mut PyObject) -> *mut PyObject {
    guard("PyUnicode_Concat", || {
        if left.is_null() || right.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live objects, per the C API.
        or_null(unsafe { ops::concat_checked(left, right) })
    })
}

/// `*pleft += right`: replaces `*pleft` (whose reference is dropped) with the
/// concatenation, or with NULL on error.
///
/// Errors: `*pleft` set to NULL with an exception set: `SystemError("bad argument to
/// internal function")` unless both are `str`s (CPython's check), or the concatenation's
/// error; a NULL `*pleft` stays NULL (with `SystemError` unless an exception is already
/// set); a NULL `pleft` raises `SystemError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_Append(pleft: *mut *mut PyObject, right: *mut PyObject) {
    guard("PyUnicode_Append", || {
        if pleft.is_null() {
            if errors::occurred().is_null() {
                errors::bad_internal_call();
            }
            return;
        }
        // SAFETY: a pointer to NULL or an owned reference, per the C API.
        unsafe {
            let left = *pleft;
            if left.is_null() || right.is_null() || !uni::check(left) || !uni::check(right) {
                if errors::occurred().is_null() {
                    errors::bad_internal_call();
                }
                object::xdecref(left);
                *pleft = null_mut();
                return;
            }
            let r = or_null(ops::concat(left, right));
            object::decref(left);
            *pleft = r;
        }
    })
}

/// `PyUnicode_Append`, then drops the reference to `right` (stolen).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_AppendAndDel(pleft: *mut *mut PyObject, right: *mut PyObject) {
    // SAFETY: forwarded; `right` is owned, per the C API.
    unsafe {
        PyUnicode_Append(pleft, right);
        object::xdecref(right);
    }
}

/// `separator.join(seq)` for any iterable `seq` of `str`s (a NULL separator is a space).
///
/// Returns: a new reference (an exact `str` alone is returned itself).
/// Errors: NULL with `TypeError("can only join an iterable")`, `TypeError("sequence item
/// 1: expected str instance, int found")`, `TypeError("separator: expected str instance,
/// int found")`, `OverflowError`, or `SystemError("null argument to internal routine")`
/// for a NULL `seq` (CPython's text).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_Join(separator: *mut PyObject, seq: *mut PyObject) -> *mut PyObject {
    guard("PyUnicode_Join", || {
        if seq.is_null() {
            errors::system_error("null argument to internal routine");
            return null_mut();
        }
        // SAFETY: live objects (or a NULL separator), per the C API.
        or_null(unsafe { ops::join_iterable(separator, seq) })
    })
}

/// `s.split(sep, maxsplit)`: split at runs of whitespace when `sep` is NULL, else at `sep`;
/// at most `maxsplit` splits (negative: no limit).
///
/// Returns: a new reference to a list of `str`s.
/// Errors: NULL with `TypeError("must be str, not T")`, `ValueError("empty separator")`,
/// `SystemError` for a NULL `s`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_Split(
    s: *mut PyObject,
    sep: *mut PyObject,
    maxsplit: Py_ssize_t,
) -> *mut PyObject {
    guard("PyUnicode_Split", || {
        if s.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live objects (sep may be NULL), per the C API.
        unsafe {
            if ops::ensure_str(s).is_err() || (!sep.is_null() && ops::ensure_str(sep).is_err()) {
                return null_mut();
            }
            or_null(ops::split(s, sep, maxsplit))
        }
    })
}

/// Checks both operands of a search: "must be str, not T" (CPython's `ensure_unicode`).
unsafe fn both_str(a: *mut PyObject, b: *mut PyObject) -> bool {
    if a.is_null() || b.is_null() {
        errors::bad_internal_call();
        return false;
    }
    // SAFETY: live objects, per the C API.
    unsafe { ops::ensure_str(a).is_ok() && ops::ensure_str(b).is_ok() }
}

/// Returns: 1 if `element` occurs in `container`, 0 if not.
/// Errors: -1 with `TypeError("'in <string>' requires string as left operand, not T")`
/// for a non-`str` element, `TypeError("must be str, not T")` for the container,
/// `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_Contains(container: *mut PyObject, element: *mut PyObject) -> c_int {
    guard("PyUnicode_Contains", || {
        if container.is_null() || element.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        match unsafe { ops::contains_checked(container, element) } {
            Ok(b) => c_int::from(b),
            Err(_) => -1,
        }
    })
}

/// Where `substr` occurs in `str[start:end]` (slice semantics: negative bounds count from
/// the end): the first occurrence if `direction > 0`, else the last.
///
/// Returns: the code point index, or -1 if absent.
/// Errors: -2 with `TypeError("must be str, not T")`, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_Find(
    str: *mut PyObject,
    substr: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
    direction: c_int,
) -> Py_ssize_t {
    guard_or("PyUnicode_Find", -2, || {
        // SAFETY: live objects, per the C API; then strs.
        unsafe {
            if !both_str(str, substr) {
                return -2;
            }
            ops::find(str, substr, start, end, direction > 0)
        }
    })
}

/// Like `PyUnicode_Find` for the code point `ch`.
///
/// Returns: its index, or -1 if absent (also for a value that is no code point).
/// Errors: -2 with `TypeError` if `str` is not a `str` (CPython reads it as one),
/// `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_FindChar(
    str: *mut PyObject,
    ch: Py_UCS4,
    start: Py_ssize_t,
    end: Py_ssize_t,
    direction: c_int,
) -> Py_ssize_t {
    guard_or("PyUnicode_FindChar", -2, || {
        // SAFETY: NULL or live, per the C API; then a str.
        unsafe {
            if !arg_str(str) {
                return -2;
            }
            ops::find_char(str, ch, start, end, direction > 0)
        }
    })
}

/// Returns: the number of non-overlapping occurrences of `substr` in `str[start:end]`
/// (an empty `substr` occurs between every two characters and at both ends).
/// Errors: -1 with `TypeError("must be str, not T")`, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_Count(
    str: *mut PyObject,
    substr: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
) -> Py_ssize_t {
    guard("PyUnicode_Count", || {
        // SAFETY: live objects, per the C API; then strs.
        unsafe {
            if !both_str(str, substr) {
                return -1;
            }
            ops::count(str, substr, start, end)
        }
    })
}

/// `str.replace(substr, replstr, maxcount)` (every occurrence for a negative `maxcount`).
///
/// Returns: a new reference (`str` itself when nothing is replaced).
/// Errors: NULL with `TypeError("must be str, not T")`, `OverflowError`, `SystemError`
/// for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_Replace(
    str: *mut PyObject,
    substr: *mut PyObject,
    replstr: *mut PyObject,
    maxcount: Py_ssize_t,
) -> *mut PyObject {
    guard("PyUnicode_Replace", || {
        // SAFETY: live objects, per the C API; then strs.
        unsafe {
            if !both_str(str, substr) || !both_str(str, replstr) {
                return null_mut();
            }
            or_null(ops::replace(str, substr, replstr, maxcount))
        }
    })
}

/// Compares two strings by code points.
///
/// Returns: -1, 0 or 1.
/// Errors: -1 with `TypeError("Can't compare T and U")` unless both are `str`s,
/// `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_Compare(left: *mut PyObject, right: *mut PyObject) -> c_int {
    guard("PyUnicode_Compare", || {
        if left.is_null() || right.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        unsafe {
            if !uni::check(left) || !uni::check(right) {
                errors::type_error(&format!(
                    "Can't compare {} and {}",
                    object::type_name(object::type_of(left)),
                    object::type_name(object::type_of(right))
                ));
                return -1;
            }
            uni::as_bytes(left).cmp(uni::as_bytes(right)) as c_int
        }
    })
}

/// Compares a string with the NUL-terminated C string `string`, each byte taken as a code
/// point (Latin-1).
///
/// Returns: -1, 0 or 1 (a NUL inside `uni` makes it the longer one).
/// Errors: none for valid arguments (as CPython); for a non-`str` `uni`, -1 with
/// `TypeError`, and for NULL, -1 with `SystemError` (CPython crashes on both).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_CompareWithASCIIString(
    uni: *mut PyObject,
    string: *const c_char,
) -> c_int {
    guard("PyUnicode_CompareWithASCIIString", || {
        if string.is_null() || !unsafe { arg_str(uni) } {
            if string.is_null() {
                errors::bad_internal_call();
            }
            return -1;
        }
        // SAFETY: a str and a C string, per the C API.
        let (text, other) = unsafe { (uni::as_str(uni), CStr::from_ptr(string).to_bytes()) };
        let mine = text.chars().map(u32::from);
        let theirs = other.iter().map(|&b| u32::from(b));
        mine.cmp(theirs) as c_int
    })
}

/// Returns: 1 if `unicode` is a `str` whose UTF-8 form is the NUL-terminated `string`,
/// else 0 (never raises for a non-`str`, as CPython).
/// Errors: 0 with `SystemError` for a NULL argument (CPython crashes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_EqualToUTF8(unicode: *mut PyObject, string: *const c_char) -> c_int {
    guard_or("PyUnicode_EqualToUTF8", 0, || {
        if string.is_null() {
            errors::bad_internal_call();
            return 0;
        }
        // SAFETY: a C string, per the C API.
        let b = unsafe { CStr::from_ptr(string) }.to_bytes();
        // SAFETY: forwarded.
        unsafe { equal_to(unicode, b) }
    })
}

/// Returns: 1 if `unicode` is a `str` whose UTF-8 form is the `size` bytes at `string`,
/// else 0 (never raises for a non-`str` or a negative size, as CPython).
/// Errors: 0 with `SystemError` for a NULL `unicode`, or a NULL `string` with a positive
/// `size`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_EqualToUTF8AndSize(
    unicode: *mut PyObject,
    string: *const c_char,
    size: Py_ssize_t,
) -> c_int {
    guard_or("PyUnicode_EqualToUTF8AndSize", 0, || {
        if size < 0 {
            return 0;
        }
        if string.is_null() && size > 0 {
            errors::bad_internal_call();
            return 0;
        }
        // SAFETY: `size` readable bytes, per the C API.
        let b = if size == 0 {
            &[][..]
        } else {
            unsafe { std::slice::from_raw_parts(string as *const u8, size as usize) }
        };
        // SAFETY: forwarded.
        unsafe { equal_to(unicode, b) }
    })
}

unsafe fn equal_to(unicode: *mut PyObject, b: &[u8]) -> c_int {
    if unicode.is_null() {
        errors::bad_internal_call();
        return 0;
    }
    // SAFETY: a live object, per the C API.
    unsafe { c_int::from(uni::check(unicode) && uni::as_bytes(unicode) == b) }
}

/// Compares two strings with the operator `op` (`Py_LT` ... `Py_GE`).
///
/// Returns: a new reference to `True` or `False`, or `NotImplemented` unless both are
/// `str`s.
/// Errors: NULL with `SystemError` for NULL or a bad `op`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_RichCompare(
    left: *mut PyObject,
    right: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard("PyUnicode_RichCompare", || {
        if left.is_null() || right.is_null() || !(Py_LT..=Py_GE).contains(&op) {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live objects, per the C API.
        unsafe {
            if !uni::check(left) || !uni::check(right) {
                return object::singletons::not_implemented();
            }
            let (a, b) = (uni::as_bytes(left), uni::as_bytes(right));
            let r = match op {
                Py_EQ => uni::equal(left, right),
                Py_NE => !uni::equal(left, right),
                Py_LT => a < b,
                Py_LE => a <= b,
                Py_GT => a > b,
                _ => a >= b,
            };
            longobject::from_bool(r)
        }
    })
}
