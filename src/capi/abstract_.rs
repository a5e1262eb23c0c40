//! The abstract object layer (CPython's `abstract.h`): the object protocol's `abstract.c`
//! part here, the number, sequence and mapping protocols in the submodules.
//!
//! A NULL object argument is CPython's `null_error`: `SystemError("null argument to internal
//! routine")`, unless an exception is already set (the one from the call that produced the
//! NULL), which is kept.

use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::{guard, guard_or};
use crate::object::{self, abstract_, errors, unicodeobject, PyResult};

pub mod mapping;
pub mod number;
pub mod sequence;

/// An object result for C: the object, or NULL with the exception set.
#[inline]
pub(crate) fn obj(r: PyResult<*mut PyObject>) -> *mut PyObject {
    r.unwrap_or(null_mut())
}

/// A status result for C: 0, or -1 with the exception set.
#[inline]
pub(crate) fn status(r: PyResult<()>) -> c_int {
    if r.is_ok() {
        0
    } else {
        -1
    }
}

/// A truth result for C: 1 or 0, or -1 with the exception set.
#[inline]
pub(crate) fn truth(r: PyResult<bool>) -> c_int {
    match r {
        Ok(b) => c_int::from(b),
        Err(_) => -1,
    }
}

/// A size result for C: the size, or -1 with the exception set.
#[inline]
pub(crate) fn size(r: PyResult<Py_ssize_t>) -> Py_ssize_t {
    r.unwrap_or(-1)
}

/// The text of a C string argument, or the exception to raise (`UnicodeDecodeError` for
/// invalid UTF-8, as `PyUnicode_FromString` would).
pub(crate) unsafe fn utf8_arg<'a>(s: *const c_char) -> PyResult<&'a str> {
    // SAFETY: per caller, a NUL-terminated string.
    let bytes = unsafe { CStr::from_ptr(s) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|e| {
        let start = e.valid_up_to();
        let reason = if e.error_len().is_none() { "unexpected end of data" } else { "invalid start byte" };
        errors::unicode_decode_error("utf-8", bytes, start, start + 1, reason)
    })
}

/// `type(o)`.
///
/// Returns: a new reference to the type of `o`.
/// Errors: NULL with `SystemError` if `o` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Type(o: *mut PyObject) -> *mut PyObject {
    guard("PyObject_Type", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        unsafe { object::new_ref(object::type_of(o).cast()) }
    })
}

/// `len(o)`: `sq_length`, then `mp_length`.
///
/// Returns: the length. Errors: -1 with `TypeError` ("object of type 'T' has no len()"),
/// what the slot raised, or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Size(o: *mut PyObject) -> Py_ssize_t {
    guard("PyObject_Size", || {
        if o.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: a live object, per the C API.
        size(unsafe { abstract_::length(o) })
    })
}

/// Another name for `PyObject_Size` (also a macro in `abstract.h`, as in CPython).
///
/// Returns: the length. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Length(o: *mut PyObject) -> Py_ssize_t {
    // SAFETY: forwarded.
    unsafe { PyObject_Size(o) }
}

/// `len(o)` if `o` has a length, else `default_value` (`__length_hint__` is consulted once
/// attribute lookup exists, issue 4).
///
/// Returns: the length or `default_value`. Errors: -1 with an exception set (a `TypeError`
/// from the length is swallowed, as CPython does).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_LengthHint(o: *mut PyObject, default_value: Py_ssize_t) -> Py_ssize_t {
    guard("PyObject_LengthHint", || {
        if o.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: a live object, per the C API.
        size(unsafe { abstract_::length_hint(o, default_value) })
    })
}

/// `o[key]`: `mp_subscript`, else `sq_item` with `key.__index__()` (negative indices
/// counted from the end).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("'T' object is not subscriptable", "sequence index must be
/// integer, not 'T'"), `IndexError` if the index does not fit `Py_ssize_t`, what the slot
/// raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GetItem(o: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard("PyObject_GetItem", || {
        if o.is_null() || key.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: live objects, per the C API.
        obj(unsafe { abstract_::get_item(o, key) })
    })
}

/// `o[key] = v` (`v` is borrowed: the container takes its own reference).
///
/// Returns: 0. Errors: -1 with `TypeError` ("'T' object does not support item assignment"),
/// what the slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_SetItem(o: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> c_int {
    guard("PyObject_SetItem", || {
        if o.is_null() || key.is_null() || v.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        status(unsafe { abstract_::set_item(o, key, v) })
    })
}

/// `del o[key]`.
///
/// Returns: 0. Errors: -1 with `TypeError` ("'T' object does not support item deletion"),
/// what the slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_DelItem(o: *mut PyObject, key: *mut PyObject) -> c_int {
    guard("PyObject_DelItem", || {
        if o.is_null() || key.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        status(unsafe { abstract_::set_item(o, key, null_mut()) })
    })
}

/// `del o[key]` for the UTF-8 text `key`.
///
/// Returns: 0. Errors: -1 with an exception set (as `PyObject_DelItem`, or
/// `UnicodeDecodeError` for a key that is not UTF-8).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_DelItemString(o: *mut PyObject, key: *const c_char) -> c_int {
    guard("PyObject_DelItemString", || {
        if o.is_null() || key.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: a live object and a C string, per the C API.
        status(unsafe {
            utf8_arg(key).and_then(|k| {
                let k = unicodeobject::from_str(k)?;
                let r = abstract_::set_item(o, k, null_mut());
                object::decref(k);
                r
            })
        })
    })
}

/// `iter(o)`: `tp_iter`, whose result must be an iterator.
///
/// Returns: a new reference to an iterator.
/// Errors: NULL with `TypeError` ("'T' object is not iterable"; a sequence with only
/// `sq_item` gets its iterator once the sequence-iterator type exists), or what `tp_iter`
/// raised.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GetIter(o: *mut PyObject) -> *mut PyObject {
    guard("PyObject_GetIter", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { abstract_::get_iter(o) })
    })
}

/// `aiter(o)`: `am_aiter`, whose result must be an async iterator.
///
/// Returns: a new reference. Errors: NULL with `TypeError` ("'T' object is not an async
/// iterable") or what `am_aiter` raised.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GetAIter(o: *mut PyObject) -> *mut PyObject {
    guard("PyObject_GetAIter", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { abstract_::get_aiter(o) })
    })
}

/// Returns: 1 if `o` is an iterator (its type has `tp_iternext`), else 0. Never fails.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyIter_Check(o: *mut PyObject) -> c_int {
    guard_or("PyIter_Check", 0, || {
        // SAFETY: NULL or a live object.
        c_int::from(!o.is_null() && unsafe { abstract_::iter_check(o) })
    })
}

/// Returns: 1 if `o` is an async iterator (its type has `am_anext`), else 0. Never fails.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyAIter_Check(o: *mut PyObject) -> c_int {
    guard_or("PyAIter_Check", 0, || {
        // SAFETY: NULL or a live object.
        c_int::from(!o.is_null() && unsafe { abstract_::aiter_check(o) })
    })
}

/// `next(iter)`.
///
/// Returns: a new reference to the next item, or NULL *without* an exception when the
/// iterator is exhausted (a `StopIteration` is cleared).
/// Errors: NULL with an exception set: what `tp_iternext` raised, or `TypeError` if `iter`
/// is not an iterator (CPython crashes there), `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyIter_Next(iter: *mut PyObject) -> *mut PyObject {
    guard("PyIter_Next", || {
        if iter.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        unsafe { abstract_::iter_next(iter) }.ok().flatten().unwrap_or(null_mut())
    })
}

/// `isinstance(inst, cls)`: `cls` is a class or a (nested) tuple of classes. A metaclass's
/// `__instancecheck__` and an instance's own `__class__` need attribute lookup and calls
/// (issue 4): until then only the type relation counts (what `type` itself does).
///
/// Returns: 1 or 0. Errors: -1 with `TypeError` ("isinstance() arg 2 must be a type, a tuple
/// of types, or a union"), `RecursionError` for absurdly nested tuples, `SystemError` for
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_IsInstance(inst: *mut PyObject, cls: *mut PyObject) -> c_int {
    guard("PyObject_IsInstance", || {
        if inst.is_null() || cls.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        truth(unsafe { abstract_::isinstance::is_instance(inst, cls) })
    })
}

/// `issubclass(derived, cls)`: `cls` is a class or a (nested) tuple of classes. A
/// metaclass's `__subclasscheck__` and `__bases__` of non-classes need attribute lookup
/// (issue 4).
///
/// Returns: 1 or 0. Errors: -1 with `TypeError` ("issubclass() arg 1 must be a class",
/// "issubclass() arg 2 must be a class, a tuple of classes, or a union"), `SystemError` for
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_IsSubclass(derived: *mut PyObject, cls: *mut PyObject) -> c_int {
    guard("PyObject_IsSubclass", || {
        if derived.is_null() || cls.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        truth(unsafe { abstract_::isinstance::is_subclass(derived, cls) })
    })
}
