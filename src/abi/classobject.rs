//! Bound methods (CPython's `cpython/classobject.h`).

use super::object::{vectorcallfunc, PyObject};

/// `method` instances (`types.MethodType`): CPython 3.13's layout.
#[repr(C)]
pub struct PyMethodObject {
    pub ob_base: PyObject,
    /// The callable implementing the method.
    pub im_func: *mut PyObject,
    /// The instance it is bound to.
    pub im_self: *mut PyObject,
    /// Weak references to the method.
    pub im_weakreflist: *mut PyObject,
    pub vectorcall: vectorcallfunc,
}

/// `instancemethod` instances.
#[repr(C)]
pub struct PyInstanceMethodObject {
    pub ob_base: PyObject,
    pub func: *mut PyObject,
}
