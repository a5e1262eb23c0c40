//! Exception instances' links and arguments (CPython's `PyException_*`, PEP 3134).

use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{self, errors, exceptions};

/// The exception instance `exc`, or `SystemError` (CPython asserts, so a wrong argument
/// there is a crash).
unsafe fn instance(exc: *mut PyObject) -> Option<*mut PyObject> {
    // SAFETY: NULL or a live object, per the C API.
    if !exc.is_null() && unsafe { exceptions::is_exception_instance(exc) } {
        Some(exc)
    } else {
        errors::bad_internal_call();
        None
    }
}

/// Returns: `exc.args` (a new reference to a tuple).
/// Errors: NULL with `SystemError` if `exc` is not an exception instance.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyException_GetArgs(exc: *mut PyObject) -> *mut PyObject {
    guard("PyException_GetArgs", || {
        // SAFETY: checked instance.
        unsafe { instance(exc).map_or(null_mut(), |e| object::new_ref(exceptions::args_of(e))) }
    })
}

/// `exc.args = args` (`args` borrowed). A tuple is kept as is; another iterable is
/// converted to a tuple (CPython keeps a non-tuple, which breaks `str(exc)` later).
/// Errors (none in CPython) are reported as unraisable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyException_SetArgs(exc: *mut PyObject, args: *mut PyObject) {
    guard("PyException_SetArgs", || {
        // SAFETY: checked instance; `args` live per the C API.
        unsafe {
            let Some(e) = instance(exc) else {
                exceptions::display::write_unraisable(null_mut());
                return;
            };
            if args.is_null() || exceptions::set_args(e, args).is_err() {
                if args.is_null() {
                    errors::bad_internal_call();
                }
                exceptions::display::write_unraisable(null_mut());
            }
        }
    })
}

/// Returns: `exc.__cause__` (a new reference), or NULL (without an exception) if unset.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyException_GetCause(exc: *mut PyObject) -> *mut PyObject {
    guard("PyException_GetCause", || {
        // SAFETY: checked instance.
        unsafe {
            instance(exc).and_then(|e| exceptions::cause_of(e)).map_or(null_mut(), |c| object::new_ref(c))
        }
    })
}

/// `exc.__cause__ = cause`, stealing `cause` (NULL clears); also sets
/// `__suppress_context__`, as `raise ... from cause` does.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyException_SetCause(exc: *mut PyObject, cause: *mut PyObject) {
    guard("PyException_SetCause", || {
        // SAFETY: checked instance; `cause` owned or NULL per the C API.
        unsafe {
            match instance(exc) {
                Some(e) => exceptions::set_cause(e, cause),
                None => object::xdecref(cause),
            }
        }
    })
}

/// Returns: `exc.__context__` (a new reference), or NULL (without an exception) if unset.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyException_GetContext(exc: *mut PyObject) -> *mut PyObject {
    guard("PyException_GetContext", || {
        // SAFETY: checked instance.
        unsafe {
            instance(exc).and_then(|e| exceptions::context_of(e)).map_or(null_mut(), |c| object::new_ref(c))
        }
    })
}

/// `exc.__context__ = context`, stealing `context` (NULL clears).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyException_SetContext(exc: *mut PyObject, context: *mut PyObject) {
    guard("PyException_SetContext", || {
        // SAFETY: checked instance; `context` owned or NULL per the C API.
        unsafe {
            match instance(exc) {
                Some(e) => exceptions::set_context(e, context),
                None => object::xdecref(context),
            }
        }
    })
}

/// Returns: `exc.__traceback__` (a new reference), or NULL (without an exception) if unset.
/// (Tracebacks come with the eval loop: none is set yet.)
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyException_GetTraceback(exc: *mut PyObject) -> *mut PyObject {
    guard("PyException_GetTraceback", || {
        // SAFETY: checked instance.
        unsafe {
            instance(exc)
                .map_or(null_mut(), |e| object::xincref_ret((*(e as *mut PyBaseExceptionObject)).traceback))
        }
    })
}

/// `exc.__traceback__ = tb` (`tb` borrowed): a traceback or `None`, which clears.
///
/// Returns: 0. Errors: -1 with `TypeError("__traceback__ must be a traceback or None")`
/// (traceback objects come with the eval loop, so only `None` is accepted for now).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyException_SetTraceback(exc: *mut PyObject, tb: *mut PyObject) -> std::ffi::c_int {
    guard("PyException_SetTraceback", || {
        // SAFETY: checked instance.
        unsafe {
            let Some(e) = instance(exc) else { return -1 };
            if tb.is_null() {
                errors::type_error("__traceback__ may not be deleted");
                return -1;
            }
            match exceptions::set_traceback(e, tb) {
                Ok(()) => 0,
                Err(_) => -1,
            }
        }
    })
}
