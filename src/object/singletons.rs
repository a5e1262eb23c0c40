//! `None`, `NotImplemented` and `Ellipsis`: immortal, static, shared by every interpreter.

use std::ffi::c_int;

use super::*;

/// `None`.
#[unsafe(no_mangle)]
pub static mut _Py_NoneStruct: PyObject = static_head(&raw mut _PyNone_Type);

/// `NotImplemented`.
#[unsafe(no_mangle)]
pub static mut _Py_NotImplementedStruct: PyObject = static_head(&raw mut _PyNotImplemented_Type);

/// `Ellipsis` (`...`).
#[unsafe(no_mangle)]
pub static mut _Py_EllipsisObject: PyObject = static_head(&raw mut PyEllipsis_Type);

/// Read-only: a type's slot suites are never written after they are defined.
static NONE_AS_NUMBER: ReadOnly<PyNumberMethods> =
    ReadOnly(PyNumberMethods { nb_bool: Some(none_bool), ..NUMBER_TEMPLATE });

/// `type(None)`.
#[unsafe(no_mangle)]
pub static mut _PyNone_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"NoneType".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyObject>() as Py_ssize_t,
    tp_dealloc: Some(immortal_dealloc),
    tp_repr: Some(none_repr),
    tp_as_number: NONE_AS_NUMBER.as_mut_ptr(),
    tp_hash: Some(none_hash),
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE,
    tp_doc: c"The type of the None singleton.".as_ptr(),
    ..TYPE_TEMPLATE
};

/// `type(NotImplemented)`.
#[unsafe(no_mangle)]
pub static mut _PyNotImplemented_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"NotImplementedType".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyObject>() as Py_ssize_t,
    tp_dealloc: Some(immortal_dealloc),
    tp_repr: Some(notimplemented_repr),
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE,
    tp_doc: c"The type of the NotImplemented singleton.".as_ptr(),
    ..TYPE_TEMPLATE
};

/// `type(...)`.
#[unsafe(no_mangle)]
pub static mut PyEllipsis_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"ellipsis".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyObject>() as Py_ssize_t,
    tp_dealloc: Some(immortal_dealloc),
    tp_repr: Some(ellipsis_repr),
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE,
    tp_doc: c"The type of the Ellipsis singleton.".as_ptr(),
    ..TYPE_TEMPLATE
};

/// A number suite with every slot empty.
pub(crate) const NUMBER_TEMPLATE: PyNumberMethods = PyNumberMethods {
    nb_add: None,
    nb_subtract: None,
    nb_multiply: None,
    nb_remainder: None,
    nb_divmod: None,
    nb_power: None,
    nb_negative: None,
    nb_positive: None,
    nb_absolute: None,
    nb_bool: None,
    nb_invert: None,
    nb_lshift: None,
    nb_rshift: None,
    nb_and: None,
    nb_xor: None,
    nb_or: None,
    nb_int: None,
    nb_reserved: std::ptr::null_mut(),
    nb_float: None,
    nb_inplace_add: None,
    nb_inplace_subtract: None,
    nb_inplace_multiply: None,
    nb_inplace_remainder: None,
    nb_inplace_power: None,
    nb_inplace_lshift: None,
    nb_inplace_rshift: None,
    nb_inplace_and: None,
    nb_inplace_xor: None,
    nb_inplace_or: None,
    nb_floor_divide: None,
    nb_true_divide: None,
    nb_inplace_floor_divide: None,
    nb_inplace_true_divide: None,
    nb_index: None,
    nb_matrix_multiply: None,
    nb_inplace_matrix_multiply: None,
};

#[inline]
pub(crate) fn none() -> *mut PyObject {
    &raw mut _Py_NoneStruct
}

#[inline]
pub(crate) fn not_implemented() -> *mut PyObject {
    &raw mut _Py_NotImplementedStruct
}

#[inline]
pub(crate) fn ellipsis() -> *mut PyObject {
    &raw mut _Py_EllipsisObject
}

/// Static objects are never deallocated; reaching this means C code dropped a reference it
/// did not own from an object whose count it had made mortal. CPython aborts too.
pub(crate) unsafe extern "C" fn immortal_dealloc(op: *mut PyObject) {
    // SAFETY: only the type name is read.
    let name = unsafe { type_name(type_of(op)) };
    crate::fatal::fatal(Some("_Py_Dealloc"), &format!("deallocating an immortal {name} object"));
}

unsafe extern "C" fn none_repr(_: *mut PyObject) -> *mut PyObject {
    unicodeobject::from_str("None").unwrap_or(std::ptr::null_mut())
}

unsafe extern "C" fn notimplemented_repr(_: *mut PyObject) -> *mut PyObject {
    unicodeobject::from_str("NotImplemented").unwrap_or(std::ptr::null_mut())
}

unsafe extern "C" fn ellipsis_repr(_: *mut PyObject) -> *mut PyObject {
    unicodeobject::from_str("Ellipsis").unwrap_or(std::ptr::null_mut())
}

unsafe extern "C" fn none_bool(_: *mut PyObject) -> c_int {
    0
}

/// CPython 3.12+ hashes `None` to a constant, so hashes of `None`-holding values do not
/// depend on where the singleton sits in memory.
unsafe extern "C" fn none_hash(_: *mut PyObject) -> Py_hash_t {
    0xFCA8_6420
}
