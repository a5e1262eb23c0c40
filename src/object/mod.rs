//! Objects: the CPython-compatible object model.
//!
//! Every object belongs to exactly one interpreter (its memory comes from that
//! interpreter's heap, `alloc`), or is immortal and shared by all: the static builtin types,
//! `None`, `True`/`False`, small ints and the other singletons. Immortal objects are never
//! written once the runtime is initialized (PEP 683: reference counting skips them), so
//! interpreters running in parallel never share a dirty cache line through them.
//!
//! Reference counts are plain writes, protected by the owning interpreter's GIL.
//!
//! Errors follow CPython: a failing operation sets the current exception on the thread
//! state (`errors`) and returns NULL / -1. Inside Rust that is [`PyResult`]: `Err(PyErr)`
//! means "an exception is set".

use std::ffi::c_ulong;
use std::ptr::null_mut;

use crate::abi::*;

pub(crate) mod abstract_;
pub(crate) mod alloc;
pub(crate) mod attr;
pub(crate) mod bigint;
pub(crate) mod classobject;
pub(crate) mod buffer;
pub(crate) mod bytearrayobject;
pub(crate) mod bytes_methods;
pub(crate) mod bytesobject;
pub(crate) mod call;
pub(crate) mod capsule;
pub(crate) mod descrobject;
pub(crate) mod dictobject;
pub(crate) mod errors;
pub(crate) mod exceptions;
pub(crate) mod floatobject;
pub(crate) mod floatrepr;
pub(crate) mod gc;
pub(crate) mod getargs;
pub(crate) mod heaptype;
pub(crate) mod iterobject;
pub(crate) mod listobject;
pub(crate) mod listslice;
pub(crate) mod listsort;
pub(crate) mod longobject;
pub(crate) mod memoryformat;
pub(crate) mod memoryitems;
pub(crate) mod memoryobject;
pub(crate) mod methodobject;
pub(crate) mod moduleobject;
pub(crate) mod preheader;
pub(crate) mod pyhash;
pub(crate) mod rangeobject;
pub(crate) mod reprenter;
#[cfg(test)]
mod seq_tests;
pub(crate) mod setobject;
pub(crate) mod singletons;
pub(crate) mod sliceobject;
pub(crate) mod slotdefs;
pub(crate) mod structmember;
pub(crate) mod timsort;
pub(crate) mod tupleobject;
pub(crate) mod typedict;
pub(crate) mod typeobject;
pub(crate) mod unicodeobject;
pub(crate) mod weakrefobject;

/// An exception is set on the calling thread's thread state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PyErr;

pub(crate) type PyResult<T> = Result<T, PyErr>;

/// An owned reference (what C calls a "new reference").
pub(crate) type Owned = *mut PyObject;

// --- reference counting (the same logic as the inline functions in object.h) -----------------

/// PEP 683: immortal when the low 32 bits of the count read negative as `i32`.
#[inline]
pub(crate) unsafe fn is_immortal(op: *mut PyObject) -> bool {
    // SAFETY: per caller, `op` is a live object.
    let low = unsafe { (*op).ob_refcnt } as i32;
    low < 0
}

#[inline]
pub(crate) unsafe fn incref(op: *mut PyObject) {
    // SAFETY: per caller, `op` is a live object owned by the current interpreter or immortal.
    unsafe {
        let low = (*op).ob_refcnt as u32;
        let next = low.wrapping_add(1);
        if next == 0 {
            return;
        }
        (*op).ob_refcnt = ((*op).ob_refcnt & !0xFFFF_FFFF) | next as isize;
    }
}

#[inline]
pub(crate) unsafe fn decref(op: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        if is_immortal(op) {
            return;
        }
        (*op).ob_refcnt -= 1;
        if (*op).ob_refcnt == 0 {
            dealloc(op);
        }
    }
}

#[inline]
pub(crate) unsafe fn xincref(op: *mut PyObject) {
    if !op.is_null() {
        // SAFETY: per caller.
        unsafe { incref(op) }
    }
}

#[inline]
pub(crate) unsafe fn xdecref(op: *mut PyObject) {
    if !op.is_null() {
        // SAFETY: per caller.
        unsafe { decref(op) }
    }
}

/// Returns `op` with one more reference, NULL staying NULL.
#[inline]
pub(crate) unsafe fn xincref_ret(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe { xincref(op) };
    op
}

/// Returns `op` with one more reference.
#[inline]
pub(crate) unsafe fn new_ref(op: *mut PyObject) -> Owned {
    // SAFETY: per caller.
    unsafe { incref(op) };
    op
}

/// A C return value from a Rust result: the new reference, or NULL with the exception set.
#[inline]
pub(crate) fn raw(r: PyResult<Owned>) -> *mut PyObject {
    r.unwrap_or(std::ptr::null_mut())
}

/// Calls the type's deallocator (`_Py_Dealloc`).
pub(crate) unsafe fn dealloc(op: *mut PyObject) {
    // SAFETY: per caller, `op` has no references left.
    unsafe {
        let tp = (*op).ob_type;
        match (*tp).tp_dealloc {
            Some(f) => f(op),
            None => typeobject::object_dealloc(op),
        }
    }
}

#[inline]
pub(crate) unsafe fn type_of(op: *mut PyObject) -> *mut PyTypeObject {
    // SAFETY: per caller.
    unsafe { (*op).ob_type }
}

#[inline]
pub(crate) unsafe fn has_flag(tp: *mut PyTypeObject, flag: c_ulong) -> bool {
    // SAFETY: per caller, `tp` is a live type.
    unsafe { (*tp).tp_flags & flag != 0 }
}

/// The type's name as C wrote it (`tp_name`), as text.
pub(crate) unsafe fn type_name<'a>(tp: *mut PyTypeObject) -> std::borrow::Cow<'a, str> {
    // SAFETY: per caller; tp_name is a C string that lives as long as the type.
    unsafe {
        let n = (*tp).tp_name;
        if n.is_null() {
            "?".into()
        } else {
            std::ffi::CStr::from_ptr(n).to_string_lossy()
        }
    }
}

/// The part of `tp_name` after the last dot (what CPython prints in most messages).
pub(crate) unsafe fn short_type_name<'a>(tp: *mut PyTypeObject) -> std::borrow::Cow<'a, str> {
    // SAFETY: per caller.
    match unsafe { type_name(tp) } {
        std::borrow::Cow::Borrowed(s) => s.rsplit('.').next().unwrap_or(s).into(),
        std::borrow::Cow::Owned(s) => s.rsplit('.').next().unwrap_or(&s).to_owned().into(),
    }
}

/// Read-only static data holding raw pointers (slot suites, member tables): C gets `*mut`
/// pointers to it, but nothing writes it, so it can live in read-only memory.
#[repr(transparent)]
pub(crate) struct ReadOnly<T>(pub(crate) T);

// SAFETY: never written after definition, so sharing between threads is sound.
unsafe impl<T> Sync for ReadOnly<T> {}

impl<T> ReadOnly<T> {
    /// The `*mut` pointer C fields want (never written through).
    pub(crate) const fn as_mut_ptr(&'static self) -> *mut T {
        (&raw const self.0).cast_mut()
    }
}

/// The object head of a static (immortal) object of type `tp`.
pub(crate) const fn static_head(tp: *mut PyTypeObject) -> PyObject {
    PyObject { ob_refcnt: _Py_IMMORTAL_REFCNT, ob_type: tp }
}

/// A type object with every slot empty, to build static types from.
pub(crate) const TYPE_TEMPLATE: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(null_mut()), ob_size: 0 },
    tp_name: std::ptr::null(),
    tp_basicsize: 0,
    tp_itemsize: 0,
    tp_dealloc: None,
    tp_vectorcall_offset: 0,
    tp_getattr: None,
    tp_setattr: None,
    tp_as_async: null_mut(),
    tp_repr: None,
    tp_as_number: null_mut(),
    tp_as_sequence: null_mut(),
    tp_as_mapping: null_mut(),
    tp_hash: None,
    tp_call: None,
    tp_str: None,
    tp_getattro: None,
    tp_setattro: None,
    tp_as_buffer: null_mut(),
    tp_flags: 0,
    tp_doc: std::ptr::null(),
    tp_traverse: None,
    tp_clear: None,
    tp_richcompare: None,
    tp_weaklistoffset: 0,
    tp_iter: None,
    tp_iternext: None,
    tp_methods: null_mut(),
    tp_members: null_mut(),
    tp_getset: null_mut(),
    tp_base: null_mut(),
    tp_dict: null_mut(),
    tp_descr_get: None,
    tp_descr_set: None,
    tp_dictoffset: 0,
    tp_init: None,
    tp_alloc: None,
    tp_new: None,
    tp_free: None,
    tp_is_gc: None,
    tp_bases: null_mut(),
    tp_mro: null_mut(),
    tp_cache: null_mut(),
    tp_subclasses: null_mut(),
    tp_weaklist: null_mut(),
    tp_del: None,
    tp_version_tag: 0,
    tp_finalize: None,
    tp_vectorcall: None,
    tp_watched: 0,
    tp_versions_used: 0,
};

/// Readies the builtin static types (once per runtime initialization).
pub(crate) fn init_runtime_types() -> PyResult<()> {
    unicodeobject::init_statics();
    typeobject::init_types()?;
    exceptions::init_types()?;
    methodobject::init_types()?;
    weakrefobject::init_types()?;
    moduleobject::init_types()?;
    descrobject::init_types()?;
    classobject::init_types()?;
    Ok(())
}
