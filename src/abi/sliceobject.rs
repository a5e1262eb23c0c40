//! `slice` (CPython's `sliceobject.h`): the layout C code reads through `PySliceObject`.

use super::object::PyObject;

/// A slice: `start`, `stop` and `step`, each an object (`None` when left out), as CPython's.
#[repr(C)]
pub struct PySliceObject {
    pub ob_base: PyObject,
    pub start: *mut PyObject,
    pub stop: *mut PyObject,
    pub step: *mut PyObject,
}
