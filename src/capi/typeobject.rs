//! Type objects (CPython's `object.h` type functions).

use std::ffi::{c_int, c_ulong};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::{guard, guard_or};
use crate::object::{self, errors, typeobject};

/// Readies a static type: fills in what it inherits from its base (`object` by default),
/// builds `__bases__` and `__mro__`, and marks it ready. Safe to call again. A static type
/// readied here is shared by every interpreter; what it gets is immortal.
///
/// Returns: 0. Errors: -1 with an exception set (`SystemError` for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_Ready(tp: *mut PyTypeObject) -> c_int {
    guard("PyType_Ready", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a type object, per the C API.
        match unsafe { typeobject::ready(tp) } {
            Ok(()) => 0,
            Err(_) => -1,
        }
    })
}

/// Returns: 1 if `a` is `b` or a subtype of it, else 0 (also for NULL arguments).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_IsSubtype(a: *mut PyTypeObject, b: *mut PyTypeObject) -> c_int {
    if a.is_null() || b.is_null() {
        return 0;
    }
    // SAFETY: type objects, per the C API.
    c_int::from(unsafe { typeobject::is_subtype(a, b) })
}

/// The default `tp_alloc`: a zeroed instance of `tp` with room for `nitems` items (one more
/// for variable-size types, as CPython), its head set up.
///
/// Returns: a new reference. Errors: NULL with `MemoryError`, or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_GenericAlloc(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyObject {
    guard("PyType_GenericAlloc", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a type object, per the C API.
        unsafe { typeobject::generic_alloc(tp, nitems) }.unwrap_or(null_mut())
    })
}

/// A generic `tp_new`: allocates with the type's `tp_alloc`, ignoring the arguments.
///
/// Returns: a new reference. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_GenericNew(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kwds: *mut PyObject,
) -> *mut PyObject {
    guard("PyType_GenericNew", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a type object, per the C API.
        unsafe {
            match (*tp).tp_alloc {
                Some(a) => a(tp, 0),
                None => typeobject::generic_alloc(tp, 0).unwrap_or(null_mut()),
            }
        }
    })
}

/// Returns: the type's `tp_flags` (0 for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_GetFlags(tp: *mut PyTypeObject) -> c_ulong {
    guard_or("PyType_GetFlags", 0, || {
        if tp.is_null() {
            return 0;
        }
        // SAFETY: a type object, per the C API.
        unsafe { (*tp).tp_flags }
    })
}

/// `type.__name__`: a heap type's own name, a static type's `tp_name` after its last dot.
///
/// Returns: a new reference to a `str`. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_GetName(tp: *mut PyTypeObject) -> *mut PyObject {
    guard("PyType_GetName", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a type object, per the C API.
        unsafe { object::heaptype::name(tp) }.unwrap_or(null_mut())
    })
}

/// `type.__qualname__`: a heap type's qualified name, a static type's name (static types
/// are not nested).
///
/// Returns: a new reference to a `str`. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_GetQualName(tp: *mut PyTypeObject) -> *mut PyObject {
    guard("PyType_GetQualName", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a type object, per the C API.
        unsafe { object::heaptype::qualname(tp) }.unwrap_or(null_mut())
    })
}
