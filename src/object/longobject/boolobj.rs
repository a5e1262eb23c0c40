//! `bool`'s own slots (CPython's `boolobject.c`): its repr, `&`, `|`, `^` giving a bool for
//! two bools, and `bool(x)`. Everything else is int's.

use std::ptr::null_mut;

use super::*;

pub(crate) static BOOL_AS_NUMBER: ReadOnly<PyNumberMethods> = ReadOnly(PyNumberMethods {
    nb_and: Some(bool_and),
    nb_xor: Some(bool_xor),
    nb_or: Some(bool_or),
    // Spelled out rather than inherited: PyType_Ready copies a missing suite, not
    // missing slots within one.
    ..ops::LONG_NUMBER
});

/// `repr(True)`, `repr(False)` (`str()` falls back to it).
pub(super) unsafe extern "C" fn bool_repr(op: *mut PyObject) -> *mut PyObject {
    let text = if op == from_bool(true) { "True" } else { "False" };
    unicodeobject::from_str(text).unwrap_or(null_mut())
}

/// `bool(x)`: `PyObject_IsTrue(x)`, `False` without argument. No keywords, at most one
/// argument, with CPython's texts.
pub(super) unsafe extern "C" fn bool_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp_new is called with a tuple (or NULL) and NULL or a mapping.
    unsafe {
        if abstract_::no_keywords("bool", kwds).is_err() {
            return null_mut();
        }
        let n = if args.is_null() { 0 } else { tupleobject::size(args) };
        if n > 1 {
            errors::type_error(&format!("bool expected at most 1 argument, got {n}"));
            return null_mut();
        }
        if n == 0 {
            return from_bool(false);
        }
        match abstract_::is_true(tupleobject::get_item(args, 0)) {
            Ok(b) => from_bool(b),
            Err(_) => null_mut(),
        }
    }
}

/// Both operands are bools: the bool result of `f`; else int's slot.
#[inline]
unsafe fn bool_binop(
    a: *mut PyObject,
    b: *mut PyObject,
    f: fn(bool, bool) -> bool,
    int_slot: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject,
) -> *mut PyObject {
    let bool_type = &raw mut PyBool_Type;
    // SAFETY: slot contract: live objects.
    unsafe {
        if type_of(a) != bool_type || type_of(b) != bool_type {
            return int_slot(a, b);
        }
    }
    from_bool(f(a == from_bool(true), b == from_bool(true)))
}

unsafe extern "C" fn bool_and(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe { bool_binop(a, b, |x, y| x & y, ops::long_and) }
}

unsafe extern "C" fn bool_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe { bool_binop(a, b, |x, y| x | y, ops::long_or) }
}

unsafe extern "C" fn bool_xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe { bool_binop(a, b, |x, y| x ^ y, ops::long_xor) }
}
