//! Bound methods (CPython's `cpython/classobject.h`): `PyMethod_*` and `PyInstanceMethod_*`.

use std::ptr::null_mut;

use crate::abi::PyObject;
use crate::ffi::guard;
use crate::object::{classobject, errors, raw};

/// `func` bound to `self_` (`types.MethodType(func, self)`): calling it calls
/// `func(self_, *args)`.
///
/// Returns: a new reference. Errors: NULL with `SystemError` for a NULL argument (CPython's
/// `PyErr_BadInternalCall` for `self_`), `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMethod_New(func: *mut PyObject, self_: *mut PyObject) -> *mut PyObject {
    guard("PyMethod_New", || {
        if func.is_null() || self_.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live objects, per the C API.
        raw(unsafe { classobject::new(func, self_) })
    })
}

/// The function of a bound method.
///
/// Returns: a borrowed reference. Errors: NULL with `SystemError` if `m` is not a bound
/// method.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMethod_Function(m: *mut PyObject) -> *mut PyObject {
    guard("PyMethod_Function", || {
        // SAFETY: a live object, per the C API.
        if m.is_null() || !unsafe { classobject::check(m) } {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a bound method.
        unsafe { classobject::parts(m).0 }
    })
}

/// The instance a bound method is bound to.
///
/// Returns: a borrowed reference. Errors: NULL with `SystemError` if `m` is not a bound
/// method.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMethod_Self(m: *mut PyObject) -> *mut PyObject {
    guard("PyMethod_Self", || {
        // SAFETY: a live object, per the C API.
        if m.is_null() || !unsafe { classobject::check(m) } {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a bound method.
        unsafe { classobject::parts(m).1 }
    })
}

/// Wraps `func` so that, found on a class, it binds to instances like a Python function.
///
/// Returns: a new reference. Errors: NULL with `SystemError` for NULL, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInstanceMethod_New(func: *mut PyObject) -> *mut PyObject {
    guard("PyInstanceMethod_New", || {
        if func.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        raw(unsafe { classobject::new_instancemethod(func) })
    })
}

/// The callable an `instancemethod` wraps.
///
/// Returns: a borrowed reference. Errors: NULL with `SystemError` if `im` is not one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInstanceMethod_Function(im: *mut PyObject) -> *mut PyObject {
    guard("PyInstanceMethod_Function", || {
        // SAFETY: a live object, per the C API.
        if im.is_null() || !unsafe { classobject::check_instancemethod(im) } {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: an instancemethod.
        unsafe { classobject::instancemethod_function(im) }
    })
}
