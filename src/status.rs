//! Building `PyStatus` values. Every string they point to is `'static`, as CPython's are.

use std::ffi::CStr;

use crate::abi::{_PyStatus_TYPE_ERROR, _PyStatus_TYPE_EXIT, _PyStatus_TYPE_OK, PyStatus};

pub(crate) const fn ok() -> PyStatus {
    PyStatus { _type: _PyStatus_TYPE_OK, func: std::ptr::null(), err_msg: std::ptr::null(), exitcode: 0 }
}

/// An error status naming the function that found it, like CPython's `_PyStatus_ERR`.
pub(crate) const fn error(func: &'static CStr, msg: &'static CStr) -> PyStatus {
    PyStatus { _type: _PyStatus_TYPE_ERROR, func: func.as_ptr(), err_msg: msg.as_ptr(), exitcode: 0 }
}

pub(crate) const fn exit(code: i32) -> PyStatus {
    PyStatus { _type: _PyStatus_TYPE_EXIT, func: std::ptr::null(), err_msg: std::ptr::null(), exitcode: code }
}

pub(crate) fn is_error(s: &PyStatus) -> bool {
    s._type == _PyStatus_TYPE_ERROR
}

pub(crate) fn is_exit(s: &PyStatus) -> bool {
    s._type == _PyStatus_TYPE_EXIT
}

pub(crate) fn is_exception(s: &PyStatus) -> bool {
    s._type != _PyStatus_TYPE_OK
}
