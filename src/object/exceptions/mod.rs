//! The builtin exception hierarchy (CPython 3.13's), as static types shared by every
//! interpreter, and its behaviour: `BaseException` (`args`, `str()`, `repr()`, the
//! `__context__`/`__cause__`/`__traceback__` links, `__notes__`), and the subclasses with
//! fields, in CPython's layouts (`cpython/pyerrors.h`): `OSError` (errno → subclass),
//! `SyntaxError`, `ImportError`, the Unicode errors, `StopIteration`, `SystemExit`,
//! `AttributeError`, `NameError`, and the exception groups.
//!
//! C code names each type through a `PyObject *` variable (`PyExc_ValueError`) pointing at
//! a static type object (`_PyExc_ValueError`), as in CPython.
//!
//! Attributes (`e.errno`, `e.__notes__`, ...) come with issue 4's attribute machinery; the
//! fields they will read are the ones filled here. `__notes__` is kept in the instance's
//! `notes` field (CPython keeps it in the instance dict): its attribute maps to that field.

use std::ffi::{c_int, CStr};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

use super::*;

pub(crate) mod display;
pub(crate) mod fields;
mod group;
pub(crate) mod kwargs;
mod oserror;
mod types;
pub(crate) mod unicode;
pub(crate) mod warnings;

#[cfg(test)]
mod tests;

pub(crate) use fields::{set_import_error, syntax_location};
pub(crate) use oserror::set_from_errno;
pub(crate) use types::*;

/// What an exception type's instances look like and do: the slots that differ between the
/// families of `cpython/pyerrors.h`.
pub(super) struct Layout {
    pub(super) basicsize: usize,
    pub(super) new: newfunc,
    pub(super) init: initproc,
    pub(super) dealloc: destructor,
    pub(super) str: reprfunc,
}

/// `BaseException` and the types that add nothing to it.
pub(super) const BASE: Layout = Layout {
    basicsize: size_of::<PyBaseExceptionObject>(),
    new: Some(base_exception_new),
    init: Some(base_exception_init),
    dealloc: Some(base_exception_dealloc),
    str: Some(base_exception_str),
};

/// A static exception type with `BaseException`'s behaviour.
pub(super) const fn exc_type(
    meta: *mut PyTypeObject,
    name: &'static CStr,
    doc: &'static CStr,
) -> PyTypeObject {
    exc_type_with(meta, name, doc, &BASE)
}

/// A static exception type of the family `layout`.
pub(super) const fn exc_type_with(
    meta: *mut PyTypeObject,
    name: &'static CStr,
    doc: &'static CStr,
    layout: &Layout,
) -> PyTypeObject {
    PyTypeObject {
        ob_base: PyVarObject { ob_base: static_head(meta), ob_size: 0 },
        tp_name: name.as_ptr(),
        tp_basicsize: layout.basicsize as Py_ssize_t,
        tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BASE_EXC_SUBCLASS | Py_TPFLAGS_IMMUTABLETYPE,
        tp_doc: doc.as_ptr(),
        tp_new: layout.new,
        tp_init: layout.init,
        tp_dealloc: layout.dealloc,
        tp_repr: Some(base_exception_repr),
        tp_str: layout.str,
        tp_dictoffset: offset_of!(PyBaseExceptionObject, dict) as Py_ssize_t,
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

/// Readies every builtin exception type (at initialization). `ExceptionGroup` derives from
/// both `BaseExceptionGroup` and `Exception`: its `__bases__` is made here (finalization
/// forgets it with the other readied data), and `ready` builds its MRO by C3.
pub(crate) fn init_types() -> PyResult<()> {
    for tp in all_types() {
        // SAFETY: our static types, readied during initialization.
        unsafe { typeobject::ready(tp)? };
    }
    // SAFETY: as above; the bases tuple is immortal data of the static heap.
    unsafe {
        let eg = &raw mut _PyExc_ExceptionGroup;
        if (*eg).tp_bases.is_null() {
            let bases = typeobject::with_static_heap(|| {
                tupleobject::pack(&[
                    (&raw mut _PyExc_BaseExceptionGroup).cast(),
                    (&raw mut _PyExc_Exception).cast(),
                ])
            })?;
            typeobject::immortalize(bases);
            (*eg).tp_bases = bases;
        }
        typeobject::ready(eg)?;
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
pub(super) unsafe fn fields<'a>(exc: *mut PyObject) -> &'a mut PyBaseExceptionObject {
    // SAFETY: per caller, an exception instance.
    unsafe { &mut *(exc as *mut PyBaseExceptionObject) }
}

/// Replaces an owned field, dropping what it held.
#[inline]
pub(super) unsafe fn set_field(slot: &mut *mut PyObject, value: Owned) {
    let old = std::mem::replace(slot, value);
    // SAFETY: the field owned its reference.
    unsafe { xdecref(old) };
}

/// An instance of `tp` made from `value` the way `PyErr_SetObject` does: no value gives no
/// arguments, a tuple gives its items, anything else is the single argument.
pub(crate) unsafe fn create(tp: *mut PyTypeObject, value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, `tp` is an exception class and `value` NULL or live.
    unsafe {
        let args = if value.is_null() || value == singletons::none() {
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
pub(crate) unsafe fn call_type(tp: *mut PyTypeObject, args: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let Some(new) = (*tp).tp_new else {
            return Err(errors::type_error(&format!("cannot create '{}' instances", type_name(tp))));
        };
        let obj = new(tp, args, null_mut());
        if obj.is_null() {
            return Err(PyErr);
        }
        // As `type.__call__`: `__init__` runs only on instances of the type called.
        if typeobject::type_check(obj, tp) {
            if let Some(init) = (*type_of(obj)).tp_init {
                if init(obj, args, null_mut()) < 0 {
                    decref(obj);
                    return Err(PyErr);
                }
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

/// The `__cause__` of an exception, if set (borrowed).
pub(crate) unsafe fn cause_of(exc: *mut PyObject) -> Option<*mut PyObject> {
    // SAFETY: per caller.
    let c = unsafe { fields(exc).cause };
    (!c.is_null()).then_some(c)
}

/// Sets `__context__` (stealing `ctx`; NULL clears).
pub(crate) unsafe fn set_context(exc: *mut PyObject, ctx: Owned) {
    // SAFETY: per caller.
    unsafe { set_field(&mut fields(exc).context, ctx) }
}

/// Sets `__cause__` (stealing `cause`; NULL clears) and `__suppress_context__`, as
/// `raise ... from cause` does (`PyException_SetCause`).
pub(crate) unsafe fn set_cause(exc: *mut PyObject, cause: Owned) {
    // SAFETY: per caller.
    unsafe {
        let f = fields(exc);
        f.suppress_context = 1;
        set_field(&mut f.cause, cause);
    }
}

/// The `args` tuple (borrowed).
pub(crate) unsafe fn args_of(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe { fields(exc).args }
}

/// `exc.args = args` (`PyException_SetArgs`): a tuple (or subclass) is kept as is; another
/// iterable is converted, as the `args` attribute setter does (CPython stores a non-tuple as
/// is, and later crashes formatting it).
pub(crate) unsafe fn set_args(exc: *mut PyObject, args: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let t = if has_flag(type_of(args), Py_TPFLAGS_TUPLE_SUBCLASS) {
            new_ref(args)
        } else {
            abstract_::sequence::tuple(args)?
        };
        set_field(&mut fields(exc).args, t);
    }
    Ok(())
}

/// `exc.__traceback__ = tb` (`PyException_SetTraceback`): a traceback or `None`. Traceback
/// objects come with the eval loop, so only `None` is accepted for now.
pub(crate) unsafe fn set_traceback(exc: *mut PyObject, tb: *mut PyObject) -> PyResult<()> {
    if tb != singletons::none() {
        return Err(errors::type_error("__traceback__ must be a traceback or None"));
    }
    // SAFETY: per caller.
    unsafe { set_field(&mut fields(exc).traceback, null_mut()) };
    Ok(())
}

/// `exc.add_note(note)` (CPython's `_PyException_AddNote`): appends to `__notes__`, a list
/// made on first use. (Its callers, the `add_note` method and `except*`, come with issue 4
/// and the eval loop.)
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) unsafe fn add_note(exc: *mut PyObject, note: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller, an exception instance and a live note.
    unsafe {
        if !typeobject::type_check(note, &raw mut unicodeobject::PyUnicode_Type) {
            return Err(errors::type_error(&format!(
                "note must be a str, not '{}'",
                type_name(type_of(note))
            )));
        }
        let f = fields(exc);
        if f.notes.is_null() {
            f.notes = listobject::new(0)?;
        } else if !typeobject::type_check(f.notes, &raw mut listobject::PyList_Type) {
            return Err(errors::type_error("Cannot add note: __notes__ is not a list"));
        }
        listobject::append(f.notes, note)
    }
}

/// The `__notes__` of an exception (borrowed), if any.
pub(crate) unsafe fn notes_of(exc: *mut PyObject) -> Option<*mut PyObject> {
    // SAFETY: per caller.
    let n = unsafe { fields(exc).notes };
    (!n.is_null()).then_some(n)
}

/// `raise` semantics for an exception type and value (`PyErr_NormalizeException`): the
/// value becomes an instance of the type (the type called with it unless it already is
/// one, whose more derived class is then believed). Errors while doing so replace the
/// pair with the new exception, as CPython does.
pub(crate) unsafe fn normalize(ty: &mut *mut PyObject, val: &mut *mut PyObject) {
    // SAFETY: per caller, owned references (the value may be NULL).
    unsafe {
        if ty.is_null() {
            return;
        }
        if val.is_null() {
            *val = new_ref(singletons::none());
        }
        if !is_exception_class(*ty) {
            return;
        }
        let inclass = if is_exception_instance(*val) { Some(type_of(*val)) } else { None };
        let is_subclass = inclass.is_some_and(|c| typeobject::is_subtype(c, *ty as *mut PyTypeObject));
        if !is_subclass {
            match create(*ty as *mut PyTypeObject, *val) {
                Ok(fixed) => set_field(val, fixed),
                Err(_) => {
                    // The error that happened is what gets raised instead.
                    decref(*ty);
                    decref(*val);
                    let exc = errors::take_raised();
                    *ty = new_ref(type_of(exc).cast());
                    *val = exc;
                }
            }
        } else if let Some(c) = inclass {
            if c.cast() != *ty {
                set_field(ty, new_ref(c.cast()));
            }
        }
    }
}

pub(super) unsafe extern "C" fn base_exception_new(
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

/// Raises CPython's `_PyArg_NoKeywords` error if `kwds` is a non-empty mapping.
pub(super) unsafe fn no_keywords(tp: *mut PyTypeObject, kwds: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe { abstract_::no_keywords(&abstract_::tname(tp, 200), kwds) }
}

pub(super) unsafe extern "C" fn base_exception_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    // SAFETY: called through tp_init with an exception instance.
    unsafe {
        if no_keywords(type_of(op), kwds).is_err() {
            return -1;
        }
        let new = if args.is_null() { tupleobject::empty() } else { new_ref(args) };
        set_field(&mut fields(op).args, new);
    }
    0
}

/// Drops the references every exception holds (the families add theirs before calling it).
pub(super) unsafe fn clear_base(op: *mut PyObject) {
    // SAFETY: per caller, an exception instance being deallocated.
    unsafe {
        let f = fields(op);
        for p in [&mut f.dict, &mut f.args, &mut f.notes, &mut f.traceback, &mut f.context, &mut f.cause] {
            set_field(p, null_mut());
        }
    }
}

pub(super) unsafe extern "C" fn base_exception_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on an instance with no references.
    unsafe {
        clear_base(op);
        typeobject::object_dealloc(op);
    }
}

/// `str(exc)`: "" for no arguments, `str(arg)` for one, `str(args)` for several.
pub(super) unsafe extern "C" fn base_exception_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_str with an exception instance.
    unsafe { base_str(op) }.unwrap_or(null_mut())
}

pub(super) unsafe fn base_str(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, an exception instance.
    unsafe {
        let args = fields(op).args;
        match tupleobject::size(args) {
            0 => unicodeobject::from_str(""),
            1 => abstract_::str(tupleobject::get_item(args, 0)),
            _ => abstract_::str(args),
        }
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

/// CPython's `PyArg_ParseTuple` arity error for an unnamed function: "function takes
/// exactly 5 arguments (4 given)".
pub(super) fn arity_error(func: &str, kind: &str, n: usize, given: usize) -> PyErr {
    errors::type_error(&format!(
        "{func} takes {kind} {n} argument{} ({given} given)",
        if n == 1 { "" } else { "s" }
    ))
}

/// A string for `str()`-style messages: `str(op)`, or `<T str() failed>`-free fallbacks are
/// the caller's business; this one propagates the error.
pub(super) unsafe fn str_of(op: *mut PyObject) -> PyResult<String> {
    // SAFETY: per caller, a live object.
    unsafe {
        let s = abstract_::str(op)?;
        let text = unicodeobject::as_str(s).to_owned();
        decref(s);
        Ok(text)
    }
}

/// `repr(op)` as a Rust string; the error propagates.
pub(super) unsafe fn repr_of(op: *mut PyObject) -> PyResult<String> {
    // SAFETY: per caller, a live object.
    unsafe {
        let s = abstract_::repr(op)?;
        let text = unicodeobject::as_str(s).to_owned();
        decref(s);
        Ok(text)
    }
}
