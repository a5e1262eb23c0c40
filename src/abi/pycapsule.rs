//! Capsules (CPython's `pycapsule.h`): the destructor type C code passes.

use super::object::PyObject;

/// Called with the capsule when it is deallocated.
pub type PyCapsule_Destructor = Option<unsafe extern "C" fn(*mut PyObject)>;
