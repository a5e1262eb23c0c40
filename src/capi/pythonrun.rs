//! Printing exceptions (CPython's `pythonrun.h`: `PyErr_Print`, `PyErr_Display`). The
//! output is what CPython 3.13's default `sys.excepthook` (the `traceback` module) prints for
//! an exception without a traceback; see `object::exceptions::display`.

use std::ffi::c_int;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{errors, exceptions::display};

/// Prints the current exception on stderr and clears it: `Type: message`, its notes, and
/// its `__cause__`/`__context__` chain (exception groups as nested boxes). A `SystemExit`
/// ends the process instead (status `code`, 0 for `None`; another `code` is printed and the
/// status is 1), after finalizing when called in the main interpreter, as CPython's
/// `Py_Exit`. Does nothing if no exception is set. `set_sys_last_vars` is for
/// `sys.last_exc`, which comes with the `sys` module.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_PrintEx(set_sys_last_vars: c_int) {
    let _ = set_sys_last_vars;
    // SAFETY: the current exception belongs to this thread.
    guard("PyErr_PrintEx", || unsafe { display::print_current() })
}

/// `PyErr_PrintEx(1)`.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_Print() {
    PyErr_PrintEx(1)
}

/// Prints the exception `value` on stderr as `PyErr_Print` does (without clearing anything
/// or handling `SystemExit`). `exc_type` and `tb` are ignored, as in CPython 3.12+ (the
/// instance carries both). A `value` that is not an exception prints CPython's
/// "TypeError: print_exception(): Exception expected for value, T found".
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_Display(exc_type: *mut PyObject, value: *mut PyObject, tb: *mut PyObject) {
    let _ = (exc_type, tb);
    guard("PyErr_Display", || {
        if value.is_null() {
            errors::bad_internal_call();
            return;
        }
        // SAFETY: a live object, per the C API.
        unsafe { display::display(value) }
    })
}

/// `PyErr_Display(NULL, exc, NULL)`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_DisplayException(exc: *mut PyObject) {
    // SAFETY: forwarded.
    unsafe { PyErr_Display(std::ptr::null_mut(), exc, std::ptr::null_mut()) }
}
