//! The object head and reference counting (CPython's `object.h`, `refcount.h`) and the
//! object protocol's `object.h` part: repr/str/ascii/bytes, hashing, rich comparison,
//! truth, `PyCallable_Check`, `PyObject_Print`, `PyObject_Dir`, `Py_ReprEnter`. The
//! `abstract.h` part is in `capi::abstract_`.

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

/// `hash(op)`: the type's `tp_hash` (a type not readied yet is readied first, as CPython).
///
/// Returns: the hash (never -1). Errors: -1 with `TypeError` ("unhashable type: 'T'"), what
/// `tp_hash` raised, or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Hash(op: *mut PyObject) -> Py_hash_t {
    guard("PyObject_Hash", || {
        if op.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a live object, per the C API.
        unsafe { abstract_::hash(op) }.unwrap_or(-1)
    })
}

/// The `tp_hash` of unhashable types: always raises.
///
/// Returns: -1 with `TypeError("unhashable type: 'T'")`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_HashNotImplemented(op: *mut PyObject) -> Py_hash_t {
    guard("PyObject_HashNotImplemented", || {
        if op.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a live object, per the C API.
        unsafe { abstract_::hash_not_implemented(op) };
        -1
    })
}

/// `v <op> w` for `op` one of `Py_LT`, `Py_LE`, `Py_EQ`, `Py_NE`, `Py_GT`, `Py_GE`: the
/// reflected comparison of a subtype of `v`'s type first, then `v`'s, then `w`'s; `==` and
/// `!=` fall back to identity.
///
/// Returns: a new reference (usually `True` or `False`, but any object a slot returned).
/// Errors: NULL with `TypeError` ("'<' not supported between instances of 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL or a bad `op` (an exception already set
/// is kept for NULL arguments, as CPython).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_RichCompare(
    v: *mut PyObject,
    w: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard("PyObject_RichCompare", || {
        if v.is_null() || w.is_null() {
            if errors::occurred().is_null() {
                errors::bad_internal_call();
            }
            return null_mut();
        }
        // SAFETY: live objects, per the C API.
        unsafe { abstract_::rich_compare(v, w, op) }.unwrap_or(null_mut())
    })
}

/// `PyObject_RichCompare` as a truth value; for `Py_EQ` and `Py_NE`, identity gives the
/// answer without calling the comparison (as CPython).
///
/// Returns: 1 or 0. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_RichCompareBool(v: *mut PyObject, w: *mut PyObject, op: c_int) -> c_int {
    // Identity answers == and != without a call (the common case in container searches).
    if v == w && !v.is_null() && (op == Py_EQ || op == Py_NE) {
        return c_int::from(op == Py_EQ);
    }
    guard("PyObject_RichCompareBool", || {
        if v.is_null() || w.is_null() {
            if errors::occurred().is_null() {
                errors::bad_internal_call();
            }
            return -1;
        }
        // SAFETY: live objects, per the C API.
        match unsafe { abstract_::rich_compare_bool(v, w, op) } {
            Ok(b) => c_int::from(b),
            Err(_) => -1,
        }
    })
}

/// `bool(op)`: `nb_bool`, else `mp_length`, else `sq_length`, else true.
///
/// Returns: 1 or 0. Errors: -1 with what a slot raised, or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_IsTrue(op: *mut PyObject) -> c_int {
    guard("PyObject_IsTrue", || {
        if op.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a live object, per the C API.
        match unsafe { abstract_::is_true(op) } {
            Ok(b) => c_int::from(b),
            Err(_) => -1,
        }
    })
}

/// `not op`.
///
/// Returns: 1 or 0. Errors: -1 with an exception set (as `PyObject_IsTrue`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Not(op: *mut PyObject) -> c_int {
    // SAFETY: forwarded.
    match unsafe { PyObject_IsTrue(op) } {
        r if r < 0 => r,
        r => c_int::from(r == 0),
    }
}

/// Returns: 1 if `op` is callable (its type has `tp_call`), else 0 (also for NULL). Never
/// fails.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCallable_Check(op: *mut PyObject) -> c_int {
    // SAFETY: NULL or a live object.
    guard_or("PyCallable_Check", 0, || c_int::from(!op.is_null() && unsafe { abstract_::callable_check(op) }))
}

/// Writes `repr(op)` to `fp` (`str(op)` with `Py_PRINT_RAW`), as UTF-8; a NULL `op` prints
/// `<nil>`.
///
/// Returns: 0. Errors: -1 with an exception set (what `repr`/`str` raised, `OSError` from a
/// failed write, `SystemError` for a NULL `fp`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Print(op: *mut PyObject, fp: *mut libc::FILE, flags: c_int) -> c_int {
    guard("PyObject_Print", || {
        if fp.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: an open stream and NULL or a live object, per the C API.
        match unsafe { abstract_::print(op, fp, flags) } {
            Ok(()) => 0,
            Err(_) => -1,
        }
    })
}

/// `ascii(op)`: `repr(op)` with non-ASCII characters escaped (`\xNN`, `\uNNNN`,
/// `\UNNNNNNNN`).
///
/// Returns: a new reference to a `str`. Errors: NULL with an exception set. A NULL `op`
/// gives `<NULL>`, as CPython.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_ASCII(op: *mut PyObject) -> *mut PyObject {
    guard("PyObject_ASCII", || {
        if op.is_null() {
            return object::unicodeobject::from_str("<NULL>").unwrap_or(null_mut());
        }
        // SAFETY: a live object, per the C API.
        unsafe { abstract_::ascii(op) }.unwrap_or(null_mut())
    })
}

/// `bytes(op)`: a `bytes` object is itself; a buffer is copied; a list, tuple or other
/// iterable of ints in range(256) is converted (`__bytes__` is consulted once attribute
/// lookup exists, issue 4).
///
/// Returns: a new reference to a `bytes`. Errors: NULL with `TypeError` ("cannot convert 'T'
/// object to bytes"), `ValueError` ("bytes must be in range(0, 256)"). A NULL `op` gives
/// `b'<NULL>'`, as CPython.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Bytes(op: *mut PyObject) -> *mut PyObject {
    guard("PyObject_Bytes", || {
        if op.is_null() {
            return object::bytesobject::from_slice(b"<NULL>").unwrap_or(null_mut());
        }
        // SAFETY: a live object, per the C API.
        unsafe { abstract_::bytes(op) }.unwrap_or(null_mut())
    })
}

/// `dir(op)`. Needs attribute lookup (`__dir__`, the type's dict), which comes with issue 4:
/// until then `NotImplementedError`. `PyObject_Dir(NULL)` (the current frame's names) gives
/// CPython's `SystemError("frame does not exist")`, there being no Python frame.
///
/// Returns: a new reference to a list. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Dir(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: NULL or a live object.
    guard("PyObject_Dir", || unsafe { abstract_::dir(op) }.unwrap_or(null_mut()))
}

/// Guards a recursive `repr` (of a container that may contain itself): records that `op`'s
/// repr is being computed on this thread.
///
/// Returns: 0 if it was not (it is recorded now: call `Py_ReprLeave(op)` when done), 1 if it
/// already is (print `...` instead); 0 with no thread state attached (nothing to record, as
/// CPython). Errors: -1 with an exception set (`MemoryError`, `SystemError` for NULL).
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
