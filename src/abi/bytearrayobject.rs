//! `bytearray`'s layout (`cpython/bytearrayobject.h`), as CPython 3.13's: C code reads
//! `ob_start` through `PyByteArray_AS_STRING`.

#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

use core::ffi::c_char;

use super::*;

/// `bytearray`: a separate, over-allocated byte buffer. `ob_start` is where the contents
/// begin inside `ob_bytes` (deleting from the front moves it instead of the bytes);
/// `ob_exports` counts the buffer views handed out, while which it cannot be resized.
#[repr(C)]
pub struct PyByteArrayObject {
    pub ob_base: PyVarObject,
    /// Bytes allocated at `ob_bytes` (0 when `ob_bytes` is NULL).
    pub ob_alloc: Py_ssize_t,
    pub ob_bytes: *mut c_char,
    pub ob_start: *mut c_char,
    pub ob_exports: Py_ssize_t,
}
