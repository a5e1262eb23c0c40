//! `isinstance()` and `issubclass()` (`PyObject_IsInstance`, `PyObject_IsSubclass`): a class
//! or a tuple of classes (nested tuples searched depth first), with CPython's messages.
//!
//! Until issue 4 brings attribute lookup and calls, three hooks of CPython's are not
//! consulted: a metaclass's `__instancecheck__`/`__subclasscheck__` (so only `type`'s own
//! behaviour applies, which is what every class whose metaclass is `type` gets anyway), an
//! instance's `__class__` when it differs from its type, and `__bases__` of objects that are
//! not classes (CPython's "abstract classes"; without them such an object is not a class).

use super::*;

/// CPython's C recursion limit, which bounds how deep nested tuples of classes may go.
const MAX_DEPTH: u32 = 10_000;

#[inline]
unsafe fn is_type(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { has_flag(type_of(op), Py_TPFLAGS_TYPE_SUBCLASS) }
}

#[inline]
unsafe fn is_tuple(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { has_flag(type_of(op), Py_TPFLAGS_TUPLE_SUBCLASS) }
}

/// `isinstance(inst, cls)`.
pub(crate) unsafe fn is_instance(inst: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe { instance(inst, cls, 0) }
}

unsafe fn instance(inst: *mut PyObject, cls: *mut PyObject, depth: u32) -> PyResult<bool> {
    // SAFETY: per caller, live objects.
    unsafe {
        if type_of(inst) == cls as *mut PyTypeObject {
            return Ok(true);
        }
        if is_type(cls) {
            return Ok(typeobject::is_subtype(type_of(inst), cls as *mut PyTypeObject));
        }
        if is_tuple(cls) {
            if depth >= MAX_DEPTH {
                return Err(errors::recursion_error("maximum recursion depth exceeded in __instancecheck__"));
            }
            for &item in tupleobject::items(cls) {
                if instance(inst, item, depth + 1)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        Err(errors::type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
    }
}

/// `issubclass(derived, cls)`.
pub(crate) unsafe fn is_subclass(derived: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe { subclass(derived, cls, 0) }
}

unsafe fn subclass(derived: *mut PyObject, cls: *mut PyObject, depth: u32) -> PyResult<bool> {
    // SAFETY: per caller, live objects.
    unsafe {
        if is_tuple(cls) {
            if depth >= MAX_DEPTH {
                return Err(errors::recursion_error("maximum recursion depth exceeded in __subclasscheck__"));
            }
            for &item in tupleobject::items(cls) {
                if subclass(derived, item, depth + 1)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if !is_type(derived) {
            return Err(errors::type_error("issubclass() arg 1 must be a class"));
        }
        if !is_type(cls) {
            return Err(errors::type_error(
                "issubclass() arg 2 must be a class, a tuple of classes, or a union",
            ));
        }
        Ok(derived == cls || typeobject::is_subtype(derived as *mut PyTypeObject, cls as *mut PyTypeObject))
    }
}
