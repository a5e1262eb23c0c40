//! `BaseExceptionGroup` and `ExceptionGroup` (PEP 654): `BaseExceptionGroup(message,
//! exceptions)` with CPython's validation, the choice of class (a `BaseExceptionGroup` of
//! `Exception`s is an `ExceptionGroup`), and `str()`. (`derive`, `split`, `subgroup` are
//! methods: they come with issue 4's calls.)

use std::ffi::c_int;

use super::*;

/// `PyBaseExceptionGroupObject`.
pub(super) const GROUP: Layout = Layout {
    basicsize: size_of::<PyBaseExceptionGroupObject>(),
    new: Some(group_new),
    init: Some(group_init),
    dealloc: Some(group_dealloc),
    str: Some(group_str),
};

#[inline]
unsafe fn group<'a>(op: *mut PyObject) -> &'a mut PyBaseExceptionGroupObject {
    // SAFETY: per caller, an exception group.
    unsafe { &mut *(op as *mut PyBaseExceptionGroupObject) }
}

/// Whether `op` is an exception group.
pub(crate) unsafe fn is_group(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { typeobject::type_check(op, &raw mut _PyExc_BaseExceptionGroup) }
}

/// The nested exceptions of a group (a tuple, borrowed; NULL if not initialized).
pub(crate) unsafe fn exceptions_of(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller, an exception group.
    unsafe { group(op).excs }
}

unsafe extern "C" fn group_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new with a ready group type and an argument tuple.
    unsafe { new_group(tp, args, kwds) }.unwrap_or(null_mut())
}

unsafe fn new_group(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let n = if args.is_null() { 0 } else { tupleobject::size(args) as usize };
        if n != 2 {
            return Err(arity_error("BaseExceptionGroup.__new__()", "exactly", 2, n));
        }
        let (message, excs) = (tupleobject::get_item(args, 0), tupleobject::get_item(args, 1));
        if !typeobject::type_check(message, &raw mut unicodeobject::PyUnicode_Type) {
            return Err(errors::type_error(&format!(
                "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
                short_type_name(type_of(message))
            )));
        }
        if !abstract_::sequence::check(excs) {
            return Err(errors::type_error("second argument (exceptions) must be a sequence"));
        }
        let excs = abstract_::sequence::tuple(excs)?;
        let r = make(tp, args, kwds, message, excs);
        if r.is_err() {
            decref(excs);
        }
        r
    }
}

/// The rest of `BaseExceptionGroup.__new__`, with the exceptions as an owned tuple (stolen
/// on success).
unsafe fn make(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
    message: *mut PyObject,
    excs: Owned,
) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let items = tupleobject::items(excs);
        if items.is_empty() {
            return Err(errors::value_error("second argument (exceptions) must be a non-empty sequence"));
        }
        let mut nested_base = false;
        for (i, &e) in items.iter().enumerate() {
            if !is_exception_instance(e) {
                return Err(errors::value_error(&format!(
                    "Item {i} of second argument (exceptions) is not an exception"
                )));
            }
            if !typeobject::type_check(e, &raw mut _PyExc_Exception) {
                nested_base = true;
            }
        }
        let eg = &raw mut _PyExc_ExceptionGroup;
        let mut cls = tp;
        if cls == eg {
            if nested_base {
                return Err(errors::type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
            }
        } else if cls == &raw mut _PyExc_BaseExceptionGroup {
            if !nested_base {
                cls = eg;
            }
        } else if nested_base && typeobject::is_subtype(cls, &raw mut _PyExc_Exception) {
            return Err(errors::type_error(&format!(
                "Cannot nest BaseExceptions in '{}'",
                abstract_::tname(cls, 200)
            )));
        }
        let obj = base_exception_new(cls, args, kwds);
        if obj.is_null() {
            return Err(PyErr);
        }
        let g = group(obj);
        g.msg = new_ref(message);
        g.excs = excs;
        Ok(obj)
    }
}

unsafe extern "C" fn group_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init with a group.
    unsafe {
        if no_keywords(type_of(op), kwds).is_err() {
            return -1;
        }
        base_exception_init(op, args, kwds)
    }
}

unsafe extern "C" fn group_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on a group with no references.
    unsafe {
        let g = group(op);
        set_field(&mut g.msg, null_mut());
        set_field(&mut g.excs, null_mut());
        base_exception_dealloc(op);
    }
}

/// `str(eg)`: "message (N sub-exception[s])".
unsafe extern "C" fn group_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_str with a group.
    unsafe {
        let g = group(op);
        if g.msg.is_null() || g.excs.is_null() {
            return base_exception_str(op);
        }
        let n = tupleobject::size(g.excs);
        let msg = match str_of(g.msg) {
            Ok(m) => m,
            Err(_) => return null_mut(),
        };
        let text = format!("{msg} ({n} sub-exception{})", if n > 1 { "s" } else { "" });
        unicodeobject::from_str(&text).unwrap_or(null_mut())
    }
}
