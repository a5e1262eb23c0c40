//! Hashing and comparing keys, shared by `dict` and `set`.
//!
//! Exact `str` keys use their cached hash and compare by UTF-8 bytes; exact `int` and `bool`
//! keys hash and compare by value. Neither can run Python code, so neither reaches a slot,
//! and a lookup that only meets such keys never has to allow for the table changing under
//! it. Everything else goes through `abstract_::hash` and `abstract_::rich_compare_bool`.

use super::super::*;
use crate::abi::{PyASCIIObject, PyLongObject, Py_EQ};

#[inline]
fn str_type() -> *mut PyTypeObject {
    &raw mut unicodeobject::PyUnicode_Type
}

/// `int` and `bool`: neither overrides hashing or equality, so their values decide.
#[inline]
fn is_plain_int(tp: *mut PyTypeObject) -> bool {
    tp == &raw mut longobject::PyLong_Type || tp == &raw mut longobject::PyBool_Type
}

/// `hash(key)`, with the `str` and `int` fast paths.
///
/// # Safety
/// `key` is a live object.
#[inline]
pub(crate) unsafe fn hash(key: *mut PyObject) -> PyResult<Py_hash_t> {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(key);
        if tp == str_type() {
            let h = (*(key as *mut PyASCIIObject)).hash;
            if h != -1 {
                return Ok(h);
            }
            return Ok(unicodeobject::hash(key));
        }
        if is_plain_int(tp) {
            return Ok(int_hash(key));
        }
        abstract_::hash(key)
    }
}

/// CPython's `long_hash`: the value modulo 2**61 - 1, sign kept, -1 mapped to -2.
///
/// # Safety
/// `op` is an `int` (or `bool`).
#[inline]
pub(crate) unsafe fn int_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: per caller; the tag and digits are CPython 3.12's layout.
    unsafe {
        let tag = (*(op as *mut PyLongObject)).long_value.lv_tag;
        if tag >> 3 <= 1 {
            // Compact: at most one digit, below 2**30, so the value is its own hash.
            let d = (*(op as *mut PyLongObject)).long_value.ob_digit[0] as isize;
            let v = (1 - (tag & 3) as isize) * d;
            return if v == -1 { -2 } else { v };
        }
        let mut x: u64 = 0;
        let shift = longobject::SHIFT;
        for &d in longobject::digits(op).iter().rev() {
            x = ((x << shift) & pyhash::MODULUS) | (x >> (pyhash::BITS - shift));
            x += u64::from(d);
            if x >= pyhash::MODULUS {
                x -= pyhash::MODULUS;
            }
        }
        let h = if longobject::sign(op) < 0 { (x as i64).wrapping_neg() as isize } else { x as isize };
        if h == -1 {
            -2
        } else {
            h
        }
    }
}

/// Equality without running Python code, where the types allow it: `Some(equal)` for two
/// exact `str`s or two plain ints, `None` otherwise.
///
/// # Safety
/// Both are live objects.
#[inline]
pub(crate) unsafe fn fast_eq(a: *mut PyObject, b: *mut PyObject) -> Option<bool> {
    // SAFETY: per caller.
    unsafe {
        let (ta, tb) = (type_of(a), type_of(b));
        if ta == str_type() && tb == str_type() {
            return Some(str_eq(a, b));
        }
        if is_plain_int(ta) && is_plain_int(tb) {
            return Some(int_eq(a, b));
        }
        None
    }
}

/// # Safety
/// Both are exact `str`s.
#[inline(never)]
unsafe fn str_eq(a: *mut PyObject, b: *mut PyObject) -> bool {
    // SAFETY: per caller. A str is ASCII-laid-out exactly when its text is ASCII, so equal
    // texts have equal lengths, equal layouts and equal UTF-8 bytes.
    unsafe {
        let (ha, hb) = ((*(a as *mut PyASCIIObject)).hash, (*(b as *mut PyASCIIObject)).hash);
        if ha != -1 && hb != -1 && ha != hb {
            return false;
        }
        unicodeobject::length(a) == unicodeobject::length(b)
            && unicodeobject::as_bytes(a) == unicodeobject::as_bytes(b)
    }
}

/// # Safety
/// Both are `int`s (or `bool`s).
#[inline]
unsafe fn int_eq(a: *mut PyObject, b: *mut PyObject) -> bool {
    // SAFETY: per caller. Ints are normalized (no leading zero digits), so equal values have
    // equal signs and digits; zero may be stored with no digit or one zero digit.
    unsafe {
        let (sa, sb) = (longobject::sign(a), longobject::sign(b));
        sa == sb && (sa == 0 || longobject::digits(a) == longobject::digits(b))
    }
}

/// `a == b` as containers decide it: identity first (as `PyObject_RichCompareBool`), then
/// the fast paths, then the types' comparison.
///
/// # Safety
/// Both are live objects; the caller holds references that keep them alive across
/// whatever the comparison runs.
#[inline]
pub(crate) unsafe fn eq(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    if a == b {
        return Ok(true);
    }
    // SAFETY: per caller.
    unsafe {
        match fast_eq(a, b) {
            Some(r) => Ok(r),
            None => abstract_::rich_compare_bool(a, b, Py_EQ),
        }
    }
}

/// `a == b` through the types' comparison, holding a reference to `a` (a table's key, which
/// the comparison may remove from its table) meanwhile. Out of line: lookups reach it only
/// for keys of the same hash whose types may run Python code.
///
/// # Safety
/// Both are live; the caller holds a reference to `b`.
#[cold]
#[inline(never)]
pub(crate) unsafe fn slow_eq(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe {
        incref(a);
        let r = abstract_::rich_compare_bool(a, b, Py_EQ);
        decref(a);
        r
    }
}
