//! The builtin exception hierarchy (CPython 3.13's), as static types shared by every
//! interpreter, and `BaseException`'s behaviour: `args`, `str()`, `repr()`, and the
//! `__context__`/`__cause__` links the error machinery uses.
//!
//! C code names each type through a `PyObject *` variable (`PyExc_ValueError`) pointing at
//! a static type object (`_PyExc_ValueError`), as in CPython.
//!
//! The types with extra fields (OSError's errno, SyntaxError's location, ImportError's name,
//! the Unicode errors, StopIteration's value, SystemExit's code, AttributeError and
//! NameError's names, exception groups) share BaseException's layout and behaviour here;
//! their fields are added on top of it.

use std::ffi::CStr;
use std::mem::size_of;
use std::ptr::null_mut;

use super::*;

mod types;
pub(crate) use types::*;

/// A static exception type deriving (by default) from BaseException's behaviour.
pub(super) const fn exc_type(meta: *mut PyTypeObject, name: &'static CStr, doc: &'static CStr) -> PyTypeObject {
    PyTypeObject {
        ob_base: PyVarObject { ob_base: static_head(meta), ob_size: 0 },
        tp_name: name.as_ptr(),
        tp_basicsize: size_of::<PyBaseExceptionObject>() as Py_ssize_t,
        tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BASE_EXC_SUBCLASS | Py_TPFLAGS_IMMUTABLETYPE,
        tp_doc: doc.as_ptr(),
        tp_new: Some(base_exception_new),
        tp_init: Some(base_exception_init),
        tp_dealloc: Some(base_exception_dealloc),
        tp_repr: Some(base_exception_repr),
        tp_str: Some(base_exception_str),
        ..TYPE_TEMPLATE
    }
}

/// The instance raised when even a `MemoryError` cannot be allocated: immortal, shared,
/// with no arguments. Nothing may set its context (that would write shared memory), so the
/// error machinery raises it bare.
static mut LAST_RESORT_MEMORY_ERROR: PyBaseExceptionObject = PyBaseExceptionObject {
    ob_base: static_head(&raw mut _PyExc_MemoryError),
    dict: null_mut(),
    args: (&raw mut tupleobject::EMPTY_TUPLE).cast(),
    notes: null_mut(),
    traceback: null_mut(),
    context: null_mut(),
    cause: null_mut(),
    suppress_context: 0,
};

pub(crate) fn last_resort_memory_error() -> *mut PyObject {
    (&raw mut LAST_RESORT_MEMORY_ERROR).cast()
}

/// Readies every builtin exception type (at initialization).
pub(crate) fn init_types() -> PyResult<()> {
    for tp in all_types() {
        // SAFETY: our static types, readied during initialization.
        unsafe { typeobject::ready(tp)? };
    }
    Ok(())
}

/// Whether `op` is an exception class (`PyExceptionClass_Check`).
pub(crate) unsafe fn is_exception_class(op: *mut PyObject) -> bool {
    // SAFETY: per caller, a live object.
    unsafe {
        has_flag(type_of(op), Py_TPFLAGS_TYPE_SUBCLASS)
            && has_flag(op as *mut PyTypeObject, Py_TPFLAGS_BASE_EXC_SUBCLASS)
    }
}

/// Whether `op` is an exception instance (`PyExceptionInstance_Check`).
pub(crate) unsafe fn is_exception_instance(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { has_flag(type_of(op), Py_TPFLAGS_BASE_EXC_SUBCLASS) }
}

#[inline]
unsafe fn fields<'a>(exc: *mut PyObject) -> &'a mut PyBaseExceptionObject {
    // SAFETY: per caller, an exception instance.
    unsafe { &mut *(exc as *mut PyBaseExceptionObject) }
}

/// An instance of `tp` made from `value` the way `PyErr_SetObject` does: no value gives no
/// arguments, a tuple gives its items, anything else is the single argument.
pub(crate) unsafe fn create(tp: *mut PyTypeObject, value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, `tp` is an exception class and `value` NULL or live.
    unsafe {
        let args = if value.is_null() {
            tupleobject::empty()
        } else if typeobject::type_check(value, &raw mut tupleobject::PyTuple_Type) {
            new_ref(value)
        } else {
            tupleobject::pack(&[value])?
        };
        let r = call_type(tp, args);
        decref(args);
        r
    }
}

/// `tp(*args)` through `tp_new` and `tp_init`.
unsafe fn call_type(tp: *mut PyTypeObject, args: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let Some(new) = (*tp).tp_new else {
            return Err(errors::type_error(&format!("cannot create '{}' instances", type_name(tp))));
        };
        let obj = new(tp, args, null_mut());
        if obj.is_null() {
            return Err(PyErr);
        }
        if let Some(init) = (*type_of(obj)).tp_init {
            if init(obj, args, null_mut()) < 0 {
                decref(obj);
                return Err(PyErr);
            }
        }
        Ok(obj)
    }
}

/// The `__context__` of an exception, if set (borrowed).
pub(crate) unsafe fn context_of(exc: *mut PyObject) -> Option<*mut PyObject> {
    // SAFETY: per caller.
    let c = unsafe { fields(exc).context };
    (!c.is_null()).then_some(c)
}

/// Sets `__context__` (stealing `ctx`; NULL clears).
pub(crate) unsafe fn set_context(exc: *mut PyObject, ctx: Owned) {
    // SAFETY: per caller.
    unsafe {
        let old = std::mem::replace(&mut fields(exc).context, ctx);
        xdecref(old);
    }
}

/// The `args` tuple (borrowed).
pub(crate) unsafe fn args_of(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe { fields(exc).args }
}

unsafe extern "C" fn base_exception_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    _kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new with a ready exception type.
    unsafe {
        let obj = match (*tp).tp_alloc {
            Some(a) => a(tp, 0),
            None => typeobject::generic_alloc(tp, 0).unwrap_or(null_mut()),
        };
        if obj.is_null() {
            return null_mut();
        }
        let f = fields(obj);
        f.args = if args.is_null() { tupleobject::empty() } else { new_ref(args) };
        obj
    }
}

unsafe extern "C" fn base_exception_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> std::ffi::c_int {
    // SAFETY: called through tp_init with an exception instance.
    unsafe {
        if !kwds.is_null() && !crate::object::abstract_::is_empty_mapping(kwds) {
            errors::type_error(&format!("{}() takes no keyword arguments", short_type_name(type_of(op))));
            return -1;
        }
        let new = if args.is_null() { tupleobject::empty() } else { new_ref(args) };
        let old = std::mem::replace(&mut fields(op).args, new);
        xdecref(old);
    }
    0
}

unsafe extern "C" fn base_exception_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on an instance with no references.
    unsafe {
        let f = fields(op);
        for p in [&mut f.dict, &mut f.args, &mut f.notes, &mut f.traceback, &mut f.context, &mut f.cause] {
            let old = std::mem::replace(p, null_mut());
            xdecref(old);
        }
        typeobject::object_dealloc(op);
    }
}

/// `str(exc)`: "" for no arguments, `str(arg)` for one, `str(args)` for several.
unsafe extern "C" fn base_exception_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_str with an exception instance.
    unsafe {
        let args = fields(op).args;
        match tupleobject::size(args) {
            0 => unicodeobject::from_str(""),
            1 => abstract_::str(tupleobject::get_item(args, 0)),
            _ => abstract_::str(args),
        }
        .unwrap_or(null_mut())
    }
}

/// `repr(exc)`: `Name(repr(arg), ...)`.
unsafe extern "C" fn base_exception_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with an exception instance.
    unsafe {
        let name = short_type_name(type_of(op));
        let mut text = format!("{name}(");
        for (i, &a) in tupleobject::items(fields(op).args).iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            match abstract_::repr(a) {
                Ok(r) => {
                    text.push_str(unicodeobject::as_str(r));
                    decref(r);
                }
                Err(_) => return null_mut(),
            }
        }
        text.push(')');
        unicodeobject::from_str(&text).unwrap_or(null_mut())
    }
}

/// `str(KeyError(k))` is `repr(k)`, so a missing empty-string key reads `''`, not nothing.
pub(super) unsafe extern "C" fn keyerror_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_str with a KeyError.
    unsafe {
        let args = fields(op).args;
        if tupleobject::size(args) == 1 {
            abstract_::repr(tupleobject::get_item(args, 0)).unwrap_or(null_mut())
        } else {
            base_exception_str(op)
        }
    }
}
