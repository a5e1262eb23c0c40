//! The object head and reference counting (CPython's `object.h`, `refcount.h`) and the core
//! of the object protocol (`PyObject_Repr`, `PyObject_Str`).

use std::ffi::c_int;
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::{guard, guard_or};
use crate::object::{self, abstract_, errors, reprenter, singletons};

/// Adds a reference to `op` (the function form of `Py_XINCREF`; stable-ABI extensions call
/// it). NULL is fine; immortal objects are left alone (PEP 683).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_IncRef(op: *mut PyObject) {
    // SAFETY: NULL or a live object, per the C API.
    unsafe { object::xincref(op) }
}

/// Drops a reference to `op` (the function form of `Py_XDECREF`), deallocating it when none
/// is left. NULL is fine.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_DecRef(op: *mut PyObject) {
    // SAFETY: NULL or a live object, per the C API.
    unsafe { object::xdecref(op) }
}

/// `Py_INCREF` as a function (what the limited API's inline functions call).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _Py_IncRef(op: *mut PyObject) {
    // SAFETY: a live object, per the C API; NULL tolerated.
    unsafe { object::xincref(op) }
}

/// `Py_DECREF` as a function (what the limited API's inline functions call).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _Py_DecRef(op: *mut PyObject) {
    // SAFETY: a live object, per the C API; NULL tolerated.
    unsafe { object::xdecref(op) }
}

/// Deallocates an object whose reference count reached zero (what `Py_DECREF` calls):
/// runs its type's `tp_dealloc`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _Py_Dealloc(op: *mut PyObject) {
    if op.is_null() {
        return;
    }
    // SAFETY: per the C API, `op` has no references left.
    unsafe { object::dealloc(op) }
}

/// Returns: 1 if `op` is immortal (PEP 683: its reference count is never changed), else 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnstable_IsImmortal(op: *mut PyObject) -> c_int {
    if op.is_null() {
        return 0;
    }
    // SAFETY: a live object, per the C API.
    c_int::from(unsafe { object::is_immortal(op) })
}

/// Returns: 1 if `x` and `y` are the same object (`x is y`), else 0.
#[unsafe(no_mangle)]
pub extern "C" fn Py_Is(x: *mut PyObject, y: *mut PyObject) -> c_int {
    c_int::from(x == y)
}

/// Returns: 1 if `x` is `None`, else 0.
#[unsafe(no_mangle)]
pub extern "C" fn Py_IsNone(x: *mut PyObject) -> c_int {
    c_int::from(x == singletons::none())
}

/// Returns: 1 if `x` is `True`, else 0.
#[unsafe(no_mangle)]
pub extern "C" fn Py_IsTrue(x: *mut PyObject) -> c_int {
    c_int::from(x == object::longobject::from_bool(true))
}

/// Returns: 1 if `x` is `False`, else 0.
#[unsafe(no_mangle)]
pub extern "C" fn Py_IsFalse(x: *mut PyObject) -> c_int {
    c_int::from(x == object::longobject::from_bool(false))
}

/// `repr(op)`.
///
/// Returns: a new reference to a `str`.
/// Errors: NULL with an exception set (what `__repr__` raised, or `TypeError` if it
/// returned a non-string). A NULL `op` gives the string `<NULL>`, as CPython.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Repr(op: *mut PyObject) -> *mut PyObject {
    guard("PyObject_Repr", || {
        if op.is_null() {
            return object::unicodeobject::from_str("<NULL>").unwrap_or(null_mut());
        }
        // SAFETY: a live object, per the C API.
        unsafe { abstract_::repr(op) }.unwrap_or(null_mut())
    })
}

/// `str(op)`.
///
/// Returns: a new reference to a `str`.
/// Errors: NULL with an exception set. A NULL `op` gives `<NULL>`, as CPython.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Str(op: *mut PyObject) -> *mut PyObject {
    guard("PyObject_Str", || {
        if op.is_null() {
            return object::unicodeobject::from_str("<NULL>").unwrap_or(null_mut());
        }
        // SAFETY: a live object, per the C API.
        unsafe { abstract_::str(op) }.unwrap_or(null_mut())
    })
}

/// Returns: 1 if `op` is an instance of `tp` or of a subtype of it, else 0 (the function
/// form of `PyObject_TypeCheck`). NULL arguments give 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyObject_TypeCheck(op: *mut PyObject, tp: *mut PyTypeObject) -> c_int {
    guard_or("_PyObject_TypeCheck", 0, || {
        if op.is_null() || tp.is_null() {
            errors::bad_internal_call();
            return 0;
        }
        // SAFETY: live objects, per the C API.
        c_int::from(unsafe { object::typeobject::type_check(op, tp) })
    })
}

/// Marks the start of `op`'s repr on this thread, for containers whose repr may reach
/// themselves: call it first in `tp_repr` and print a placeholder (`[...]`) if it returns
/// 1; otherwise call `Py_ReprLeave(op)` when done.
///
/// Returns: 0 (entered), 1 (already being repr'd on this thread).
/// Errors: -1 with `MemoryError`; `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_ReprEnter(op: *mut PyObject) -> c_int {
    guard("Py_ReprEnter", || {
        if op.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        match reprenter::enter(op) {
            Ok(true) => 1,
            Ok(false) => 0,
            Err(_) => -1,
        }
    })
}

/// Ends what `Py_ReprEnter(op)` started. Never fails; the current exception is left alone.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_ReprLeave(op: *mut PyObject) {
    guard("Py_ReprLeave", || reprenter::leave(op))
}
