//! `float` (`floatobject.h`, `cpython/floatobject.h`): CPython's layout, so
//! `PyFloat_AS_DOUBLE` reads the value directly.

#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

use super::*;

/// `float`: the object head and the value.
#[repr(C)]
pub struct PyFloatObject {
    pub ob_base: PyObject,
    pub ob_fval: f64,
}
