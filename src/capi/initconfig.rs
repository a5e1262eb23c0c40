//! Initialization statuses and configuration (CPython's `cpython/initconfig.h`).

use std::ffi::{c_char, c_int};

use crate::abi::*;
use crate::status;

/// Returns: a success status.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_Ok() -> PyStatus {
    status::ok()
}

/// Returns: an error status carrying `err_msg` (not copied: it must outlive the status;
/// use a string literal) and no function name, as CPython's.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_Error(err_msg: *const c_char) -> PyStatus {
    PyStatus { _type: _PyStatus_TYPE_ERROR, func: std::ptr::null(), err_msg, exitcode: 0 }
}

/// Returns: the error status `memory allocation failed`.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_NoMemory() -> PyStatus {
    PyStatus_Error(c"memory allocation failed".as_ptr())
}

/// Returns: a status asking to exit the process with `exitcode`.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_Exit(exitcode: c_int) -> PyStatus {
    status::exit(exitcode)
}

/// Returns: 1 if `err` is an error status, else 0.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_IsError(err: PyStatus) -> c_int {
    c_int::from(status::is_error(&err))
}

/// Returns: 1 if `err` is an exit status, else 0.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_IsExit(err: PyStatus) -> c_int {
    c_int::from(status::is_exit(&err))
}

/// Returns: 1 if `err` is an error or exit status (something `Py_ExitStatusException`
/// must handle), else 0.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_Exception(err: PyStatus) -> c_int {
    c_int::from(status::is_exception(&err))
}
