//! Capsules (`PyCapsule`): a C pointer with a name, a context and a destructor, which
//! extension modules use to hand C APIs to each other. The name is not copied: it must
//! outlive the capsule, as in CPython.

use std::ffi::{c_char, c_void, CStr};
use std::ptr::null_mut;

use super::*;

#[repr(C)]
pub(crate) struct Capsule {
    ob_base: PyObject,
    pub(crate) pointer: *mut c_void,
    pub(crate) name: *const c_char,
    pub(crate) context: *mut c_void,
    pub(crate) destructor: PyCapsule_Destructor,
}

/// `PyCapsule`.
#[unsafe(no_mangle)]
pub static mut PyCapsule_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"PyCapsule".as_ptr(),
    tp_basicsize: std::mem::size_of::<Capsule>() as Py_ssize_t,
    tp_dealloc: Some(capsule_dealloc),
    tp_repr: Some(capsule_repr),
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_doc: c"Capsule objects let you wrap a C \"void *\" pointer in a Python\nobject.  They're a way of passing data through the Python interpreter\nwithout creating your own custom type.\n\nCapsules are used for communication between extension modules.\nThey provide a way for an extension module to export a C interface\nto other extension modules, so that extension modules can use the\nPython import mechanism to link to one another.\n".as_ptr(),
    ..TYPE_TEMPLATE
};

/// A new capsule (`pointer` must not be NULL: checked by the caller).
pub(crate) fn new(
    pointer: *mut c_void,
    name: *const c_char,
    destructor: PyCapsule_Destructor,
) -> PyResult<Owned> {
    let p = alloc::malloc(std::mem::size_of::<Capsule>()) as *mut PyObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of the right size.
    unsafe {
        typeobject::init_object(p, &raw mut PyCapsule_Type);
        let c = &mut *(p as *mut Capsule);
        c.pointer = pointer;
        c.name = name;
        c.context = null_mut();
        c.destructor = destructor;
    }
    Ok(p)
}

/// The capsule behind `op` if it is a valid one (an exact capsule with a pointer), else
/// `ValueError("<func> called with invalid PyCapsule object")`.
///
/// # Safety
/// `op` is NULL or live.
pub(crate) unsafe fn legal<'a>(op: *mut PyObject, func: &str) -> PyResult<&'a mut Capsule> {
    // SAFETY: per caller.
    unsafe {
        if op.is_null() || type_of(op) != &raw mut PyCapsule_Type || (*(op as *mut Capsule)).pointer.is_null()
        {
            return Err(errors::value_error(&format!("{func} called with invalid PyCapsule object")));
        }
        Ok(&mut *(op as *mut Capsule))
    }
}

/// CPython's `name_matches`: both NULL, or equal strings.
///
/// # Safety
/// Each is NULL or a NUL-terminated string.
pub(crate) unsafe fn name_matches(a: *const c_char, b: *const c_char) -> bool {
    match (a.is_null(), b.is_null()) {
        (true, true) => true,
        // SAFETY: per caller.
        (false, false) => unsafe { CStr::from_ptr(a) == CStr::from_ptr(b) },
        _ => false,
    }
}

unsafe extern "C" fn capsule_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on a capsule with no references; the destructor sees
    // the capsule whole, as in CPython.
    unsafe {
        if let Some(d) = (*(op as *mut Capsule)).destructor {
            d(op);
        }
        typeobject::object_dealloc(op);
    }
}

/// `<capsule object "name" at 0x...>` (`NULL` unquoted for a nameless capsule).
unsafe extern "C" fn capsule_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a capsule; its name is a C string or NULL.
    unsafe {
        let name = (*(op as *mut Capsule)).name;
        let shown = if name.is_null() {
            "NULL".to_owned()
        } else {
            format!("\"{}\"", CStr::from_ptr(name).to_string_lossy())
        };
        unicodeobject::from_str(&format!("<capsule object {shown} at {op:p}>")).unwrap_or(null_mut())
    }
}
