//! Module definitions as C sees them (`moduleobject.h`, `modsupport.h`): CPython 3.13's
//! `PyModuleDef` and its slots. The module object itself is private (CPython's is too).

#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

use core::ffi::{c_char, c_int, c_void};

use super::*;

/// The head every `PyModuleDef` starts with (`PyModuleDef_HEAD_INIT`).
#[repr(C)]
pub struct PyModuleDef_Base {
    pub ob_base: PyObject,
    pub m_init: Option<unsafe extern "C" fn() -> *mut PyObject>,
    pub m_index: Py_ssize_t,
    pub m_copy: *mut PyObject,
}

/// One multi-phase initialization slot (`Py_mod_create`, `Py_mod_exec`, ...).
#[repr(C)]
pub struct PyModuleDef_Slot {
    pub slot: c_int,
    pub value: *mut c_void,
}

/// A module definition.
#[repr(C)]
pub struct PyModuleDef {
    pub m_base: PyModuleDef_Base,
    pub m_name: *const c_char,
    pub m_doc: *const c_char,
    pub m_size: Py_ssize_t,
    pub m_methods: *mut PyMethodDef,
    pub m_slots: *mut PyModuleDef_Slot,
    pub m_traverse: traverseproc,
    pub m_clear: inquiry,
    pub m_free: freefunc,
}

pub const Py_mod_create: c_int = 1;
pub const Py_mod_exec: c_int = 2;
pub const Py_mod_multiple_interpreters: c_int = 3;
pub const Py_mod_gil: c_int = 4;
pub const _Py_mod_LAST_SLOT: c_int = 4;

/// `modsupport.h`: the API version `PyModule_Create` passes.
pub const PYTHON_API_VERSION: c_int = 1013;
/// `modsupport.h`: the stable ABI version.
pub const PYTHON_ABI_VERSION: c_int = 3;
