//! The sequence protocol (CPython's `PySequence_*`, `abstract.h`). `PySequence_Fast_GET_SIZE`,
//! `PySequence_Fast_GET_ITEM`, `PySequence_Fast_ITEMS` and `PySequence_ITEM` are macros in
//! `include/abstract.h`.

use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

use super::{obj, size, status, truth};
use crate::abi::*;
use crate::ffi::{guard, guard_or, lossy_str};
use crate::object::abstract_::sequence::{self, Search};
use crate::object::errors;

/// Returns: 1 if `o` is a sequence (its type has `sq_item` and it is not a `dict`), else 0
/// (also for NULL). Never fails.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_Check(o: *mut PyObject) -> c_int {
    // SAFETY: NULL or a live object.
    guard_or("PySequence_Check", 0, || c_int::from(!o.is_null() && unsafe { sequence::check(o) }))
}

/// `len(o)` for a sequence (`sq_length`).
///
/// Returns: the length. Errors: -1 with `TypeError` ("T is not a sequence" for a mapping,
/// "object of type 'T' has no len()"), what the slot raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_Size(o: *mut PyObject) -> Py_ssize_t {
    guard("PySequence_Size", || {
        if o.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: a live object, per the C API.
        size(unsafe { sequence::size(o) })
    })
}

/// Another name for `PySequence_Size` (also a macro in `abstract.h`, as in CPython).
///
/// Returns: the length. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_Length(o: *mut PyObject) -> Py_ssize_t {
    // SAFETY: forwarded.
    unsafe { PySequence_Size(o) }
}

/// `o1 + o2` for sequences: `sq_concat`, else `nb_add` when both are sequences.
///
/// Returns: a new reference. Errors: NULL with `TypeError` ("'T' object can't be
/// concatenated"), what a slot raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_Concat(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    guard("PySequence_Concat", || {
        if o1.is_null() || o2.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: live objects, per the C API.
        obj(unsafe { sequence::concat(o1, o2) })
    })
}

/// `o * count` for a sequence: `sq_repeat`, else `nb_multiply` with an `int`.
///
/// Returns: a new reference. Errors: NULL with `TypeError` ("'T' object can't be repeated"),
/// what a slot raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_Repeat(o: *mut PyObject, count: Py_ssize_t) -> *mut PyObject {
    guard("PySequence_Repeat", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { sequence::repeat(o, count) })
    })
}

/// `o1 += o2` for sequences: `sq_inplace_concat`, `sq_concat`, then `+=` when both are
/// sequences. The result may be `o1` itself.
///
/// Returns: a new reference. Errors: NULL with `TypeError` ("'T' object can't be
/// concatenated"), what a slot raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_InPlaceConcat(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    guard("PySequence_InPlaceConcat", || {
        if o1.is_null() || o2.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: live objects, per the C API.
        obj(unsafe { sequence::in_place_concat(o1, o2) })
    })
}

/// `o *= count` for a sequence: `sq_inplace_repeat`, `sq_repeat`, then `*=` with an `int`.
/// The result may be `o` itself.
///
/// Returns: a new reference. Errors: NULL with `TypeError` ("'T' object can't be repeated"),
/// what a slot raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_InPlaceRepeat(o: *mut PyObject, count: Py_ssize_t) -> *mut PyObject {
    guard("PySequence_InPlaceRepeat", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { sequence::in_place_repeat(o, count) })
    })
}

/// `o[i]`: `sq_item`, a negative `i` counted from the end (through `sq_length`).
///
/// Returns: a new reference. Errors: NULL with `TypeError` ("'T' object does not support
/// indexing", "T is not a sequence"), what the slot raised (`IndexError`), `SystemError`
/// for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_GetItem(o: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard("PySequence_GetItem", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { sequence::get_item(o, i) })
    })
}

/// `o[i] = v` (`v` borrowed): `sq_ass_item`, a negative `i` counted from the end. A NULL
/// `v` deletes the item, as in CPython.
///
/// Returns: 0. Errors: -1 with `TypeError` ("'T' object does not support item assignment"),
/// what the slot raised, `SystemError` for a NULL `o`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_SetItem(o: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    guard("PySequence_SetItem", || {
        if o.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: live objects (or NULL `v`), per the C API.
        status(unsafe { sequence::set_item(o, i, v, false) })
    })
}

/// `del o[i]`: `sq_ass_item` with NULL, a negative `i` counted from the end.
///
/// Returns: 0. Errors: -1 with `TypeError` ("'T' object doesn't support item deletion"),
/// what the slot raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_DelItem(o: *mut PyObject, i: Py_ssize_t) -> c_int {
    guard("PySequence_DelItem", || {
        if o.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: a live object, per the C API.
        status(unsafe { sequence::set_item(o, i, null_mut(), true) })
    })
}

/// `o[i1:i2]`, through `mp_subscript` with `slice(i1, i2)`.
///
/// Returns: a new reference. Errors: NULL with `TypeError` ("'T' object is unsliceable"),
/// what the slot raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_GetSlice(
    o: *mut PyObject,
    i1: Py_ssize_t,
    i2: Py_ssize_t,
) -> *mut PyObject {
    guard("PySequence_GetSlice", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { sequence::get_slice(o, i1, i2) })
    })
}

/// `o[i1:i2] = v`, through `mp_ass_subscript` with a `slice` (see `PySequence_GetSlice`).
/// A NULL `v` deletes, as in CPython.
///
/// Returns: 0. Errors: -1 with `TypeError` ("'T' object doesn't support slice assignment"),
/// what the slot raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_SetSlice(
    o: *mut PyObject,
    i1: Py_ssize_t,
    i2: Py_ssize_t,
    v: *mut PyObject,
) -> c_int {
    guard("PySequence_SetSlice", || {
        if o.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: live objects (or NULL `v`), per the C API.
        status(unsafe { sequence::set_slice(o, i1, i2, v, false) })
    })
}

/// `del o[i1:i2]`, through `mp_ass_subscript` with a `slice` (see `PySequence_GetSlice`).
///
/// Returns: 0. Errors: -1 with `TypeError` ("'T' object doesn't support slice deletion"),
/// what the slot raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_DelSlice(o: *mut PyObject, i1: Py_ssize_t, i2: Py_ssize_t) -> c_int {
    guard("PySequence_DelSlice", || {
        if o.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: a live object, per the C API.
        status(unsafe { sequence::set_slice(o, i1, i2, null_mut(), true) })
    })
}

/// `value in o`: `sq_contains`, else a search by iteration (each item compared on the left
/// with `==`).
///
/// Returns: 1 or 0. Errors: -1 with `TypeError` ("argument of type 'T' is not iterable"),
/// what a comparison raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_Contains(o: *mut PyObject, value: *mut PyObject) -> c_int {
    guard("PySequence_Contains", || {
        if o.is_null() || value.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        truth(unsafe { sequence::contains(o, value) })
    })
}

/// Another name for `PySequence_Contains` (also a macro in `abstract.h`, as in CPython).
///
/// Returns: 1 or 0. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_In(o: *mut PyObject, value: *mut PyObject) -> c_int {
    // SAFETY: forwarded.
    unsafe { PySequence_Contains(o, value) }
}

/// The number of items of the iterable `o` equal to `value` (`o.count(value)`).
///
/// Returns: the count. Errors: -1 with `TypeError` ("argument of type 'T' is not iterable"),
/// what a comparison raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_Count(o: *mut PyObject, value: *mut PyObject) -> Py_ssize_t {
    guard("PySequence_Count", || {
        if o.is_null() || value.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        size(unsafe { sequence::iter_search(o, value, Search::Count) })
    })
}

/// The position of the first item of the iterable `o` equal to `value` (`o.index(value)`).
///
/// Returns: the index. Errors: -1 with `ValueError` ("sequence.index(x): x not in
/// sequence"), `TypeError` ("argument of type 'T' is not iterable"), what a comparison
/// raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_Index(o: *mut PyObject, value: *mut PyObject) -> Py_ssize_t {
    guard("PySequence_Index", || {
        if o.is_null() || value.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        size(unsafe { sequence::iter_search(o, value, Search::Index) })
    })
}

/// `tuple(o)`: a tuple is returned itself, any other iterable is copied.
///
/// Returns: a new reference. Errors: NULL with `TypeError` ("'T' object is not iterable"),
/// what iterating raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_Tuple(o: *mut PyObject) -> *mut PyObject {
    guard("PySequence_Tuple", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { sequence::tuple(o) })
    })
}

/// `list(o)`: a new list of the items of the iterable `o`.
///
/// Returns: a new reference. Errors: NULL with `TypeError` ("'T' object is not iterable"),
/// what iterating raised, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_List(o: *mut PyObject) -> *mut PyObject {
    guard("PySequence_List", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { sequence::list(o) })
    })
}

/// `o` as a list or tuple for `PySequence_Fast_GET_ITEM`: an exact list or tuple is `o`
/// itself, any other iterable becomes a list. If `o` is not iterable, the `TypeError`
/// carries the message `m`.
///
/// Returns: a new reference to a list or tuple. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySequence_Fast(o: *mut PyObject, m: *const c_char) -> *mut PyObject {
    guard("PySequence_Fast", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object and NULL or a C string, per the C API.
        unsafe {
            let msg = lossy_str(m).unwrap_or_default();
            obj(sequence::fast(o, &msg))
        }
    })
}
