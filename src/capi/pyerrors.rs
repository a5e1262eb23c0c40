//! Raising and inspecting exceptions (CPython's `pyerrors.h`). The current exception lives
//! in the thread state, as one normalized instance (CPython 3.12+).

use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::{guard, guard_or, lossy_str};
use crate::object::{self, errors, exceptions, typeobject};

/// Raises `exc_type` with the message `message` (UTF-8).
///
/// Errors: a NULL or non-exception `exc_type` raises `SystemError` instead.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetString(exc_type: *mut PyObject, message: *const c_char) {
    guard("PyErr_SetString", || {
        // SAFETY: NULL or a C string, per the C API.
        let msg = unsafe { lossy_str(message) }.unwrap_or_default();
        match object::unicodeobject::from_str(&msg) {
            Ok(s) => {
                // SAFETY: `exc_type` is checked by set_object; `s` is ours.
                unsafe {
                    errors::set_object(exc_type, s);
                    object::decref(s);
                }
            }
            Err(_) => {}
        }
    })
}

/// Raises `exc_type` with `value` (borrowed): `value` itself if it is an instance of the
/// type, else the type called with it (a tuple gives the arguments, NULL none). The
/// exception being handled, if any, becomes the new one's `__context__`.
///
/// Errors: a NULL or non-exception `exc_type` raises `SystemError` instead.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetObject(exc_type: *mut PyObject, value: *mut PyObject) {
    // SAFETY: live objects or NULL, per the C API.
    guard("PyErr_SetObject", || unsafe {
        errors::set_object(exc_type, value);
    })
}

/// Raises `exc_type` with no arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetNone(exc_type: *mut PyObject) {
    // SAFETY: forwarded.
    unsafe { PyErr_SetObject(exc_type, null_mut()) }
}

/// Returns: the type of the current exception (borrowed), or NULL if none is set (or no
/// thread state is attached).
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_Occurred() -> *mut PyObject {
    errors::occurred()
}

/// Clears the current exception.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_Clear() {
    errors::clear();
}

/// Takes the current exception, leaving none.
///
/// Returns: a new reference to the exception instance, or NULL if none was set.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_GetRaisedException() -> *mut PyObject {
    errors::take_raised()
}

/// Makes `exc` the current exception (stealing the reference); NULL clears.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetRaisedException(exc: *mut PyObject) {
    // SAFETY: an owned reference or NULL, per the C API.
    guard("PyErr_SetRaisedException", || unsafe {
        errors::set_raised(exc);
    })
}

/// Takes the current exception as (type, value, traceback), each a new reference or NULL
/// (CPython 3.12+ keeps exceptions normalized, so `value` is the instance).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_Fetch(ptype: *mut *mut PyObject, pvalue: *mut *mut PyObject, ptraceback: *mut *mut PyObject) {
    guard("PyErr_Fetch", || {
        let exc = errors::take_raised();
        // SAFETY: out-pointers are valid per the C API (NULL ones are skipped).
        unsafe {
            let (t, tb) = if exc.is_null() {
                (null_mut(), null_mut())
            } else {
                let t = object::new_ref(object::type_of(exc).cast());
                let tb = (*(exc as *mut PyBaseExceptionObject)).traceback;
                (t, object::xincref_ret(tb))
            };
            write_or_drop(ptype, t);
            write_or_drop(pvalue, exc);
            write_or_drop(ptraceback, tb);
        }
    })
}

unsafe fn write_or_drop(out: *mut *mut PyObject, v: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        if out.is_null() {
            object::xdecref(v);
        } else {
            *out = v;
        }
    }
}

/// Sets the current exception from (type, value, traceback), stealing all three; a NULL
/// type clears. A value that is not an instance of the type is normalized (the type called
/// with it).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_Restore(ptype: *mut PyObject, value: *mut PyObject, traceback: *mut PyObject) {
    guard("PyErr_Restore", || {
        // SAFETY: owned references or NULL, per the C API.
        unsafe {
            object::xdecref(traceback);
            if ptype.is_null() {
                object::xdecref(value);
                errors::clear();
                return;
            }
            if !value.is_null()
                && exceptions::is_exception_instance(value)
                && typeobject::is_subtype(object::type_of(value), ptype as *mut PyTypeObject)
            {
                object::decref(ptype);
                errors::set_raised(value);
                return;
            }
            errors::set_object(ptype, value);
            object::decref(ptype);
            object::xdecref(value);
        }
    })
}

/// Returns: 1 if the current exception is an instance of `exc` (a class or a tuple of
/// classes), else 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_ExceptionMatches(exc: *mut PyObject) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyErr_GivenExceptionMatches(errors::occurred(), exc) }
}

/// Returns: 1 if `given` (an exception class or instance) matches `exc` (a class or a
/// tuple of classes, searched recursively), else 0; NULL arguments give 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_GivenExceptionMatches(given: *mut PyObject, exc: *mut PyObject) -> c_int {
    // SAFETY: live objects or NULL, per the C API.
    guard_or("PyErr_GivenExceptionMatches", 0, || c_int::from(unsafe { given_matches(given, exc) }))
}

unsafe fn given_matches(given: *mut PyObject, exc: *mut PyObject) -> bool {
    if given.is_null() || exc.is_null() {
        return false;
    }
    // SAFETY: per caller.
    unsafe {
        let tuple = &raw mut object::tupleobject::PyTuple_Type;
        if typeobject::type_check(exc, tuple) {
            return object::tupleobject::items(exc).iter().any(|&e| given_matches(given, e));
        }
        let given = if exceptions::is_exception_instance(given) { object::type_of(given).cast() } else { given };
        if exceptions::is_exception_class(given) && exceptions::is_exception_class(exc) {
            typeobject::is_subtype(given as *mut PyTypeObject, exc as *mut PyTypeObject)
        } else {
            given == exc
        }
    }
}

/// Raises `MemoryError`.
///
/// Returns: NULL, always (so a function can `return PyErr_NoMemory();`).
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_NoMemory() -> *mut PyObject {
    errors::no_memory();
    null_mut()
}

/// Raises `TypeError("bad argument type for built-in operation")`.
///
/// Returns: 0, always.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_BadArgument() -> c_int {
    errors::bad_argument();
    0
}

/// Raises `SystemError("bad argument to internal function")`: a C caller broke a
/// precondition.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_BadInternalCall() {
    errors::bad_internal_call();
}

/// Returns: the exception being handled (`sys.exception()`), a new reference, or NULL.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_GetHandledException() -> *mut PyObject {
    errors::handled()
}

/// Sets the exception being handled (borrowed); NULL or `None` clears.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetHandledException(exc: *mut PyObject) {
    // SAFETY: NULL or a live object, per the C API.
    guard("PyErr_SetHandledException", || unsafe { errors::set_handled(exc) })
}

/// The C bodies (src/c/format.c).
/// cbindgen:ignore
#[allow(unused_doc_comments)]
unsafe extern "C" {
    fn subinterp_c_PyErr_Format();
    fn subinterp_c_PyErr_FormatV();
}

/// `PyErr_Format(exception, format, ...)`: clears the current exception, formats the
/// message as `PyUnicode_FromFormat` does, and raises `exception` with it. Declared in
/// `pyerrors.h`; this symbol tail-jumps to its C body (see `src/c/README.md`).
///
/// Returns: NULL, always.
/// Errors: the formatting error instead, if formatting fails; `SystemError` if
/// `exception` is not an exception class (or NULL, where CPython crashes).
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyErr_Format() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyErr_Format);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyErr_Format);
}

/// `PyErr_FormatV(exception, format, vargs)`: `PyErr_Format` with a `va_list`.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyErr_FormatV() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyErr_FormatV);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyErr_FormatV);
}
