//! Minimal heap types: what `PyErr_NewException` needs, i.e. `type(name, bases, {})` for
//! classes whose metaclass is `type` (exception subclasses in practice). The type object is
//! allocated in the calling interpreter's heap, flagged `Py_TPFLAGS_HEAPTYPE`, readied with
//! `typeobject::ready` (C3 MRO for several bases), and lives as long as its interpreter: its
//! MRO refers to it, and without the cyclic GC that cycle is only reclaimed with the heap.
//!
//! The full `PyType_FromSpec`/`PyHeapTypeObject` machinery (slots, members, dicts,
//! custom metaclasses, `__slots__`) comes with issue 4 and will replace this layout.

use std::ffi::c_char;
use std::ptr::null_mut;

use super::*;

/// A heap type: the type object, then what `type` keeps for heap types.
#[repr(C)]
struct HeapType {
    ht_type: PyTypeObject,
    /// `__module__` (a `str`), owned.
    module: *mut PyObject,
    /// `__qualname__` (a `str`), owned.
    qualname: *mut PyObject,
    /// The NUL-terminated name `tp_name` points at, from the interpreter's heap.
    name_buf: *mut c_char,
    /// The NUL-terminated `tp_doc`, from the interpreter's heap (or NULL).
    doc_buf: *mut c_char,
}

/// A NUL-terminated copy of `s` in the interpreter's heap.
fn c_copy(s: &str) -> PyResult<*mut c_char> {
    let p = alloc::malloc(s.len() + 1);
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of `len + 1` bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
        *p.add(s.len()) = 0;
    }
    Ok(p.cast())
}

/// CPython's `solid_base`: the most derived base that changes the instance layout.
unsafe fn solid_base(tp: *mut PyTypeObject) -> *mut PyTypeObject {
    // SAFETY: per caller, a ready type.
    unsafe {
        let base = if (*tp).tp_base.is_null() {
            &raw mut typeobject::PyBaseObject_Type
        } else {
            solid_base((*tp).tp_base)
        };
        if (*tp).tp_basicsize != (*base).tp_basicsize || (*tp).tp_itemsize != (*base).tp_itemsize {
            tp
        } else {
            base
        }
    }
}

/// CPython's `best_base`: the base whose layout the new type extends.
unsafe fn best_base(bases: &[*mut PyObject]) -> PyResult<*mut PyTypeObject> {
    let mut base: *mut PyTypeObject = null_mut();
    let mut winner: *mut PyTypeObject = null_mut();
    for &b in bases {
        let b = b as *mut PyTypeObject;
        // SAFETY: per caller, every base is a type (checked by the caller).
        unsafe {
            typeobject::ready(b)?;
            if !has_flag(b, Py_TPFLAGS_BASETYPE) {
                return Err(errors::type_error(&format!(
                    "type '{}' is not an acceptable base type",
                    abstract_::tname(b, 100)
                )));
            }
            let candidate = solid_base(b);
            if winner.is_null() {
                winner = candidate;
                base = b;
            } else if typeobject::is_subtype(winner, candidate) {
                // The first base keeps the layout when it already extends this one.
            } else if typeobject::is_subtype(candidate, winner) {
                winner = candidate;
                base = b;
            } else {
                return Err(errors::type_error("multiple bases have instance lay-out conflict"));
            }
        }
    }
    Ok(base)
}

/// `type(name, bases, {'__module__': module, '__doc__': doc})`: a new heap type.
///
/// # Safety
/// `bases` is a tuple; runs under the GIL of the interpreter that will own the type.
pub(crate) unsafe fn new_type(
    name: &str,
    module: &str,
    bases: *mut PyObject,
    doc: Option<&str>,
) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let object = &raw mut typeobject::PyBaseObject_Type;
        let bases =
            if tupleobject::size(bases) == 0 { tupleobject::pack(&[object.cast()])? } else { new_ref(bases) };
        let r = make(name, module, bases, doc);
        if r.is_err() {
            decref(bases);
        }
        r
    }
}

/// [`new_type`] with an owned bases tuple (stolen on success).
unsafe fn make(name: &str, module: &str, bases: Owned, doc: Option<&str>) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let items = tupleobject::items(bases);
        // The metaclass is the most derived of the bases' metaclasses; only `type` itself
        // is supported before issue 4 (a subclass would have to be called).
        let meta = &raw mut typeobject::PyType_Type;
        for &b in items {
            let m = type_of(b);
            if !typeobject::is_subtype(meta, m) {
                if typeobject::is_subtype(m, meta) {
                    return Err(errors::not_implemented_error(
                        "classes with a metaclass other than type come with issue 4",
                    ));
                }
                return Err(errors::type_error(
                    "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the \
                     metaclasses of all its bases",
                ));
            }
        }
        let base = best_base(items)?;
        let mut guard = Partial(alloc::calloc(1, std::mem::size_of::<HeapType>()) as *mut HeapType);
        if guard.0.is_null() {
            return Err(errors::no_memory());
        }
        let ht = &mut *guard.0;
        ht.name_buf = c_copy(name)?;
        ht.doc_buf = match doc {
            Some(d) => c_copy(d)?,
            None => null_mut(),
        };
        ht.module = unicodeobject::from_str(module)?;
        ht.qualname = unicodeobject::from_str(name)?;
        let tp = &raw mut ht.ht_type;
        typeobject::init_object(tp.cast(), &raw mut typeobject::PyType_Type);
        (*tp).tp_name = ht.name_buf;
        (*tp).tp_doc = ht.doc_buf;
        (*tp).tp_flags = Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE;
        (*tp).tp_base = new_ref(base.cast()).cast();
        (*tp).tp_bases = bases;
        guard.0 = null_mut();
        if let Err(e) = typeobject::ready(tp) {
            // Not readied: nothing refers to it but us (no MRO cycle yet).
            discard(tp as *mut HeapType);
            return Err(e);
        }
        super::slotdefs::fixup_slot_dispatchers(tp);
        Ok(tp.cast())
    }
}

/// Frees a heap type that never became ready (its bases tuple stays the caller's).
unsafe fn discard(ht: *mut HeapType) {
    // SAFETY: per caller, a type no one else refers to.
    unsafe {
        let h = &mut *ht;
        xdecref(h.ht_type.tp_mro);
        xdecref(h.ht_type.tp_base.cast());
        free_parts(h);
        alloc::free(ht.cast());
    }
}

unsafe fn free_parts(h: &mut HeapType) {
    // SAFETY: per caller, owned parts.
    unsafe {
        xdecref(h.module);
        xdecref(h.qualname);
        alloc::free(h.name_buf.cast());
        alloc::free(h.doc_buf.cast());
    }
}

/// A half-built heap type, freed if building fails before it is readied.
struct Partial(*mut HeapType);

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: ours, not yet a live type; its fields are NULL or owned.
            unsafe {
                free_parts(&mut *self.0);
                alloc::free(self.0.cast());
            }
        }
    }
}

/// `type.__module__` and `type.__qualname__` of a heap type made here.
///
/// # Safety
/// `tp` is a heap type made by [`new_type`].
pub(crate) unsafe fn module_and_qualname(tp: *mut PyTypeObject) -> (Option<String>, String) {
    // SAFETY: per caller, our layout.
    unsafe {
        let h = &*(tp as *mut HeapType);
        let s = |o: *mut PyObject| (!o.is_null()).then(|| unicodeobject::as_str(o).to_owned());
        (s(h.module), s(h.qualname).unwrap_or_else(|| type_name(tp).into_owned()))
    }
}
