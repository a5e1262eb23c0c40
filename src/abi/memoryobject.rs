//! `memoryview` and the managed buffer it shares with other views of one export
//! (`cpython/memoryobject.h`), laid out as CPython 3.13's: C code reads `view` through
//! `PyMemoryView_GET_BUFFER` and `PyMemoryView_GET_BASE`.

#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

use core::ffi::c_int;

use super::*;

/// The exporter's buffer, obtained once and shared by every memoryview made from it.
#[repr(C)]
pub struct _PyManagedBufferObject {
    pub ob_base: PyObject,
    /// `_Py_MANAGED_BUFFER_*` bits.
    pub flags: c_int,
    /// Memoryviews using `master`.
    pub exports: Py_ssize_t,
    /// What the exporter's `bf_getbuffer` filled in (released with the last view).
    pub master: Py_buffer,
}

/// `memoryview`: a private copy of the managed buffer's view; `ob_array` holds `ndim`
/// shape entries, then `ndim` strides, then `ndim` suboffsets.
#[repr(C)]
pub struct PyMemoryViewObject {
    pub ob_base: PyVarObject,
    pub mbuf: *mut _PyManagedBufferObject,
    /// Cached hash of a read-only view, -1 until computed.
    pub hash: Py_hash_t,
    /// `_Py_MEMORYVIEW_*` bits.
    pub flags: c_int,
    /// Buffers this memoryview itself has handed out and not got back.
    pub exports: Py_ssize_t,
    pub view: Py_buffer,
    pub weakreflist: *mut PyObject,
    pub ob_array: [Py_ssize_t; 1],
}

pub const _Py_MANAGED_BUFFER_RELEASED: c_int = 0x001;
pub const _Py_MANAGED_BUFFER_FREE_FORMAT: c_int = 0x002;

pub const _Py_MEMORYVIEW_RELEASED: c_int = 0x001;
pub const _Py_MEMORYVIEW_C: c_int = 0x002;
pub const _Py_MEMORYVIEW_FORTRAN: c_int = 0x004;
pub const _Py_MEMORYVIEW_SCALAR: c_int = 0x008;
pub const _Py_MEMORYVIEW_PIL: c_int = 0x010;
pub const _Py_MEMORYVIEW_RESTRICTED: c_int = 0x020;
