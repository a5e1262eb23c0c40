//! Builtin functions and methods (CPython's `methodobject.h`): `PyCFunction_New`,
//! `PyCFunction_NewEx`, `PyCMethod_New` and the accessors.

use std::ffi::c_int;
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{errors, methodobject};

/// A builtin function for the definition `ml`, with no `self` and no module: what the
/// `PyCFunction_New` macro spells as `PyCMethod_New(ml, self, NULL, NULL)` (this function
/// is the stable ABI's).
///
/// Returns: a new reference. Errors: as `PyCMethod_New`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCFunction_New(ml: *mut PyMethodDef, self_: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded, same contract.
    unsafe { PyCMethod_New(ml, self_, null_mut(), null_mut()) }
}

/// A builtin function for `ml` bound to `self` with `__module__` `module` (the stable ABI's
/// function; the header's macro calls `PyCMethod_New` directly).
///
/// Returns: a new reference. Errors: as `PyCMethod_New`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCFunction_NewEx(
    ml: *mut PyMethodDef,
    self_: *mut PyObject,
    module: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded, same contract.
    unsafe { PyCMethod_New(ml, self_, module, null_mut()) }
}

/// Makes a builtin function object (`builtin_function_or_method`, or `builtin_method` for
/// `METH_METHOD`) from the definition `ml`, which must outlive it. Calling it calls
/// `ml->ml_meth` with `self` (NULL for none) by the convention `ml->ml_flags` names.
///
/// Parameters: `self`, `module` (the `__module__` attribute) and `cls` (the defining class,
/// required with `METH_METHOD` and refused without it) may be NULL; each is borrowed and
/// the function keeps a reference.
/// Returns: a new reference.
/// Errors: NULL with `SystemError`: "<name>() method: bad call flags" for a combination
/// CPython refuses, "attempting to create PyCMethod with a METH_METHOD flag but no class",
/// "attempting to create PyCFunction with class but no METH_METHOD flag", or a NULL `ml`
/// (CPython crashes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCMethod_New(
    ml: *mut PyMethodDef,
    self_: *mut PyObject,
    module: *mut PyObject,
    cls: *mut PyTypeObject,
) -> *mut PyObject {
    guard("PyCMethod_New", || {
        if ml.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live definition; the objects NULL or live, per the C API.
        unsafe { methodobject::new(ml, self_, module, cls) }.unwrap_or(null_mut())
    })
}

/// Checks `op` is a builtin function (`SystemError` "bad argument to internal function"
/// otherwise, also for NULL, where CPython crashes).
unsafe fn checked(op: *mut PyObject) -> bool {
    // SAFETY: NULL or live, per the C API.
    if op.is_null() || !unsafe { methodobject::check(op) } {
        errors::bad_internal_call();
        return false;
    }
    true
}

/// Returns: the C function of a builtin function (`ml_meth`).
/// Errors: NULL with `SystemError` if `op` is not a builtin function.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCFunction_GetFunction(op: *mut PyObject) -> PyCFunction {
    crate::ffi::guard_or("PyCFunction_GetFunction", None, || {
        // SAFETY: checked to be a builtin function.
        unsafe { if checked(op) { (*methodobject::def_of(op)).ml_meth } else { None } }
    })
}

/// Returns: the `self` a builtin function passes (borrowed), NULL for none or for a
/// `METH_STATIC` definition.
/// Errors: NULL with `SystemError` if `op` is not a builtin function.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCFunction_GetSelf(op: *mut PyObject) -> *mut PyObject {
    guard("PyCFunction_GetSelf", || {
        // SAFETY: checked to be a builtin function.
        unsafe { if checked(op) { methodobject::self_of(op) } else { null_mut() } }
    })
}

/// Returns: the `METH_*` flags of a builtin function's definition.
/// Errors: -1 with `SystemError` if `op` is not a builtin function.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCFunction_GetFlags(op: *mut PyObject) -> c_int {
    guard("PyCFunction_GetFlags", || {
        // SAFETY: checked to be a builtin function.
        unsafe { if checked(op) { (*methodobject::def_of(op)).ml_flags } else { -1 } }
    })
}
