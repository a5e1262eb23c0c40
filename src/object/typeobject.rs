//! `type` and `object`, `PyType_Ready` for static types, and the generic allocation slots.
//!
//! Static types (ours and those C code defines) are shared by every interpreter. What
//! `PyType_Ready` builds for them (`tp_bases`, `tp_mro`) must outlive any one interpreter,
//! so it is allocated from the runtime's static heap and made immortal; every readied static
//! type is recorded, and finalization resets them all, so the next initialization readies
//! them afresh.

use std::ffi::c_ulong;
use std::ptr::null_mut;

use parking_lot::Mutex;

use super::alloc::Heap;
use super::*;
use crate::runtime::RUNTIME;

/// `type`: the type of every type.
#[unsafe(no_mangle)]
pub static mut PyType_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut PyType_Type), ob_size: 0 },
    tp_name: c"type".as_ptr(),
    // Heap types (src/object/heaptype.rs): their layout, their member tables, their GC life.
    tp_basicsize: std::mem::size_of::<PyHeapTypeObject>() as Py_ssize_t,
    tp_itemsize: std::mem::size_of::<PyMemberDef>() as Py_ssize_t,
    tp_dealloc: Some(super::heaptype::type_dealloc),
    tp_call: Some(super::heaptype::type_call),
    tp_traverse: Some(super::heaptype::type_traverse),
    tp_clear: Some(super::heaptype::type_clear),
    tp_is_gc: Some(super::heaptype::type_is_gc),
    tp_new: Some(super::heaptype::type_new),
    tp_free: Some(crate::capi::objimpl::PyObject_GC_Del),
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_TYPE_SUBCLASS | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_HAVE_GC,
    tp_repr: Some(type_repr),
    // Weak references to heap types live in `tp_weaklist`; static types keep one list per
    // interpreter (`weakrefobject::weaklist_ptr`).
    tp_weaklistoffset: std::mem::offset_of!(PyTypeObject, tp_weaklist) as Py_ssize_t,
    tp_getattro: Some(super::attr::type_getattro),
    tp_setattro: Some(super::attr::type_setattro),
    tp_getset: super::typedict::TYPE_GETSET.as_mut_ptr().cast(),
    tp_methods: super::typedict::TYPE_METHODS.as_mut_ptr().cast(),
    tp_doc: c"type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type".as_ptr(),
    tp_base: &raw mut PyBaseObject_Type,
    ..TYPE_TEMPLATE
};

/// `object`: the base of every type.
#[unsafe(no_mangle)]
pub static mut PyBaseObject_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut PyType_Type), ob_size: 0 },
    tp_name: c"object".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyObject>() as Py_ssize_t,
    tp_dealloc: Some(object_dealloc),
    tp_repr: Some(object_repr),
    tp_hash: Some(object_hash),
    tp_getattro: Some(super::attr::PyObject_GenericGetAttr_impl),
    tp_setattro: Some(super::attr::PyObject_GenericSetAttr_impl),
    tp_getset: super::typedict::OBJECT_GETSET.as_mut_ptr().cast(),
    tp_methods: super::typedict::OBJECT_METHODS.as_mut_ptr().cast(),
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_IMMUTABLETYPE,
    tp_doc: c"The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n".as_ptr(),
    tp_alloc: Some(crate::capi::typeobject::PyType_GenericAlloc),
    tp_new: Some(object_new),
    tp_free: Some(crate::capi::objimpl::PyObject_Free),
    ..TYPE_TEMPLATE
};

/// Static types readied since initialization (to reset at finalization).
pub(crate) struct StaticTypes {
    readied: Vec<usize>,
    heap: Option<Box<Heap>>,
}

impl StaticTypes {
    pub(crate) const fn new() -> StaticTypes {
        StaticTypes { readied: Vec::new(), heap: None }
    }
}

fn statics() -> &'static Mutex<StaticTypes> {
    &RUNTIME.static_types
}

/// Runs `f` with the calling thread's allocations redirected to the runtime's static heap,
/// under its lock. What `f` allocates must be made immortal: nothing frees it one by one.
pub(crate) fn with_static_heap<R>(f: impl FnOnce() -> R) -> R {
    let mut st = statics().lock();
    let heap: *mut Heap = &mut **st.heap.get_or_insert_with(|| Box::new(Heap::new()));
    let ts = crate::tstate::current();
    // SAFETY: the attached thread state is ours; swapping its heap pointer only affects
    // this thread, and the static heap is used only under the lock we hold.
    let saved = unsafe { (*ts).swap_heap(heap) };
    let r = f();
    // SAFETY: as above.
    unsafe { (*ts).swap_heap(saved) };
    drop(st);
    r
}

/// Makes `op` immortal (PEP 683): reference counting leaves it alone from now on.
pub(crate) unsafe fn immortalize(op: *mut PyObject) {
    // SAFETY: per caller. Immortal objects are never tracked (a static type's tuples come
    // from the static heap but were tracked by the interpreter that readied the type).
    unsafe {
        super::gc::untrack(op);
        (*op).ob_refcnt = _Py_IMMORTAL_REFCNT;
    }
}

/// Forgets every readied static type and frees what was built for them. Called at the end
/// of finalization, when no interpreter is left.
pub(crate) fn reset_static_types() {
    let mut st = statics().lock();
    for &tp in &st.readied {
        let tp = tp as *mut PyTypeObject;
        // SAFETY: readied static types live for the process; nothing runs now.
        unsafe {
            (*tp).tp_flags &= !(Py_TPFLAGS_READY | Py_TPFLAGS_READYING);
            (*tp).tp_bases = null_mut();
            (*tp).tp_mro = null_mut();
            (*tp).tp_dict = null_mut();
            (*tp).tp_version_tag = 0;
        }
    }
    st.readied.clear();
    st.heap = None;
}

/// Readies the core types at initialization (the others ready themselves).
pub(crate) fn init_types() -> PyResult<()> {
    // SAFETY: the statics are ours; readying writes them during initialization only.
    unsafe {
        for tp in [
            &raw mut PyBaseObject_Type,
            &raw mut PyType_Type,
            &raw mut singletons::_PyNone_Type,
            &raw mut singletons::_PyNotImplemented_Type,
            &raw mut singletons::PyEllipsis_Type,
            &raw mut longobject::PyLong_Type,
            &raw mut longobject::PyBool_Type,
            &raw mut floatobject::PyFloat_Type,
            &raw mut tupleobject::PyTuple_Type,
            &raw mut listobject::PyList_Type,
            &raw mut unicodeobject::PyUnicode_Type,
            &raw mut unicodeobject::PyUnicodeIter_Type,
            &raw mut unicodeobject::_PyUnicodeASCIIIter_Type,
            &raw mut bytesobject::PyBytes_Type,
            &raw mut dictobject::PyDict_Type,
            &raw mut dictobject::iter::PyDictIterKey_Type,
            &raw mut dictobject::iter::PyDictIterValue_Type,
            &raw mut dictobject::iter::PyDictIterItem_Type,
            &raw mut setobject::PySet_Type,
            &raw mut setobject::PyFrozenSet_Type,
            &raw mut setobject::PySetIter_Type,
            &raw mut sliceobject::PySlice_Type,
            &raw mut rangeobject::PyRange_Type,
            &raw mut rangeobject::PyRangeIter_Type,
            &raw mut rangeobject::PyLongRangeIter_Type,
            &raw mut iterobject::PyTupleIter_Type,
            &raw mut iterobject::PyListIter_Type,
            &raw mut iterobject::PySeqIter_Type,
            &raw mut capsule::PyCapsule_Type,
            &raw mut bytesobject::PyBytesIter_Type,
            &raw mut bytearrayobject::PyByteArray_Type,
            &raw mut bytearrayobject::PyByteArrayIter_Type,
            &raw mut memoryobject::_PyManagedBuffer_Type,
            &raw mut memoryobject::PyMemoryView_Type,
            &raw mut memoryobject::_PyMemoryIter_Type,
        ] {
            ready(tp)?;
        }
    }
    Ok(())
}

/// `PyType_Ready`: fills in what a type inherits and marks it ready. Idempotent.
pub(crate) unsafe fn ready(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: per caller, `tp` is a type object being set up.
    unsafe {
        if has_flag(tp, Py_TPFLAGS_READY) {
            return Ok(());
        }
        if has_flag(tp, Py_TPFLAGS_READYING) {
            return Err(errors::system_error(&format!(
                "type {} is being readied recursively",
                type_name(tp)
            )));
        }
        let object = &raw mut PyBaseObject_Type;
        if (*tp).tp_base.is_null() && tp != object {
            (*tp).tp_base = object;
        }
        let base = (*tp).tp_base;
        if !base.is_null() {
            ready(base)?;
        }
        (*tp).tp_flags |= Py_TPFLAGS_READYING;
        if (*tp).ob_base.ob_base.ob_type.is_null() {
            (*tp).ob_base.ob_base.ob_type =
                if base.is_null() { &raw mut PyType_Type } else { type_of(base.cast()) };
        }
        // What fails other than for memory is checked here, so no exception is made in
        // the static heap.
        if let Err(e) = super::typedict::validate(tp) {
            (*tp).tp_flags &= !Py_TPFLAGS_READYING;
            return Err(e);
        }
        let build = || -> PyResult<()> {
            build_mro(tp)?;
            super::typedict::fill(tp)?;
            if !base.is_null() {
                inherit(tp, base);
            }
            super::typedict::set_hash_none(tp)?;
            if has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
                super::slotdefs::add_subclass(tp)?;
            }
            Ok(())
        };
        let built = if has_flag(tp, Py_TPFLAGS_HEAPTYPE) { build() } else { with_static_heap(build) };
        if let Err(e) = built {
            (*tp).tp_flags &= !Py_TPFLAGS_READYING;
            return Err(e);
        }
        if has_flag(tp, Py_TPFLAGS_HAVE_GC) && (*tp).tp_traverse.is_none() {
            (*tp).tp_flags &= !Py_TPFLAGS_READYING;
            return Err(errors::system_error(&format!(
                "type {} has the Py_TPFLAGS_HAVE_GC flag but has no traverse function",
                type_name(tp)
            )));
        }
        (*tp).tp_flags = ((*tp).tp_flags & !Py_TPFLAGS_READYING) | Py_TPFLAGS_READY;
        if !has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            // Shared by every interpreter (its descriptors refer to it): immortal, so no
            // interpreter ever writes its count.
            immortalize(tp.cast());
            statics().lock().readied.push(tp as usize);
        }
    }
    Ok(())
}

/// `tp_bases = (base,)` unless set, and `tp_mro`: `(tp,) + base.__mro__` for one base, the
/// C3 linearization of the bases' MROs for several (a static type such as `ExceptionGroup`
/// sets `tp_bases` before it is readied; heap types made by `heaptype` do too).
unsafe fn build_mro(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let static_type = !has_flag(tp, Py_TPFLAGS_HEAPTYPE);
        let base = (*tp).tp_base;
        if (*tp).tp_bases.is_null() {
            let bases =
                if base.is_null() { tupleobject::new(0)? } else { tupleobject::pack(&[base.cast()])? };
            if static_type {
                immortalize(bases);
            }
            (*tp).tp_bases = bases;
        }
        let mro = if tupleobject::size((*tp).tp_bases) > 1 {
            c3_mro(tp)?
        } else {
            let base_mro = if base.is_null() { null_mut() } else { (*base).tp_mro };
            let n = if base_mro.is_null() { 0 } else { tupleobject::size(base_mro) };
            let mro = tupleobject::new(n + 1)?;
            tupleobject::set_item(mro, 0, new_ref(tp.cast()));
            for i in 0..n {
                tupleobject::set_item(mro, i + 1, new_ref(tupleobject::get_item(base_mro, i)));
            }
            mro
        };
        if static_type {
            immortalize(mro);
        }
        (*tp).tp_mro = mro;
    }
    Ok(())
}

/// CPython's `mro_implementation` for several bases: `(tp,) + merge(*[b.__mro__ for b in
/// bases], bases)`, with its errors for duplicate bases and an inconsistent order.
unsafe fn c3_mro(tp: *mut PyTypeObject) -> PyResult<Owned> {
    // SAFETY: per caller, `tp_bases` is a tuple of ready types.
    unsafe {
        let bases = tupleobject::items((*tp).tp_bases);
        for (i, &b) in bases.iter().enumerate() {
            if bases[..i].contains(&b) {
                return Err(errors::type_error(&format!(
                    "duplicate base class {}",
                    short_type_name(b as *mut PyTypeObject)
                )));
            }
        }
        let mut to_merge: Vec<&[*mut PyObject]> = Vec::with_capacity(bases.len() + 1);
        for &b in bases {
            let m = (*(b as *mut PyTypeObject)).tp_mro;
            if m.is_null() {
                return Err(errors::type_error(&format!(
                    "Cannot extend an incomplete type '{}'",
                    type_name(b as *mut PyTypeObject)
                )));
            }
            to_merge.push(tupleobject::items(m));
        }
        to_merge.push(bases);
        let mut remain = vec![0usize; to_merge.len()];
        let mut acc: Vec<*mut PyObject> = vec![tp.cast()];
        'again: loop {
            let mut empty = 0;
            for i in 0..to_merge.len() {
                let Some(&candidate) = to_merge[i].get(remain[i]) else {
                    empty += 1;
                    continue;
                };
                let in_a_tail = to_merge
                    .iter()
                    .zip(&remain)
                    .any(|(l, &r)| l.get(r + 1..).is_some_and(|t| t.contains(&candidate)));
                if in_a_tail {
                    continue;
                }
                acc.push(candidate);
                for (l, r) in to_merge.iter().zip(remain.iter_mut()) {
                    if l.get(*r) == Some(&candidate) {
                        *r += 1;
                    }
                }
                continue 'again;
            }
            if empty == to_merge.len() {
                break;
            }
            let mut heads: Vec<*mut PyObject> = Vec::new();
            for (l, &r) in to_merge.iter().zip(&remain) {
                if let Some(&c) = l.get(r) {
                    if !heads.contains(&c) {
                        heads.push(c);
                    }
                }
            }
            let names: Vec<String> =
                heads.iter().map(|&c| short_type_name(c as *mut PyTypeObject).into_owned()).collect();
            return Err(errors::type_error(&format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        }
        tupleobject::pack(&acc)
    }
}

/// Copies what `tp` leaves empty from `base` (CPython's `inherit_special` and
/// `inherit_slots`, for the slots that exist so far).
unsafe fn inherit(tp: *mut PyTypeObject, base: *mut PyTypeObject) {
    // SAFETY: per caller, both are live type objects.
    unsafe {
        let t = &mut *tp;
        let b = &*base;
        if t.tp_basicsize == 0 {
            t.tp_basicsize = b.tp_basicsize;
        }
        if t.tp_itemsize == 0 {
            t.tp_itemsize = b.tp_itemsize;
        }
        const SUBCLASS_FLAGS: c_ulong = Py_TPFLAGS_LONG_SUBCLASS
            | Py_TPFLAGS_LIST_SUBCLASS
            | Py_TPFLAGS_TUPLE_SUBCLASS
            | Py_TPFLAGS_BYTES_SUBCLASS
            | Py_TPFLAGS_UNICODE_SUBCLASS
            | Py_TPFLAGS_DICT_SUBCLASS
            | Py_TPFLAGS_BASE_EXC_SUBCLASS
            | Py_TPFLAGS_TYPE_SUBCLASS;
        t.tp_flags |= b.tp_flags & SUBCLASS_FLAGS;
        // Instances of a subtype keep the base's pre-header (managed dict and weakrefs).
        t.tp_flags |= b.tp_flags & Py_TPFLAGS_PREHEADER as c_ulong;
        macro_rules! inherit_slot {
            ($($slot:ident),*) => { $( if t.$slot.is_none() { t.$slot = b.$slot; } )* };
        }
        macro_rules! inherit_ptr {
            ($($slot:ident),*) => { $( if t.$slot.is_null() { t.$slot = b.$slot; } )* };
        }
        super::heaptype::inherit_suites(tp, base);
        inherit_ptr!(tp_as_async, tp_as_number, tp_as_sequence, tp_as_mapping, tp_as_buffer);
        inherit_slot!(tp_dealloc, tp_repr, tp_str, tp_call);
        // The char* and object forms of getattr/setattr are inherited as pairs (CPython's
        // inherit_slots), so a type defining only tp_getattr keeps it in charge.
        if t.tp_getattr.is_none() && t.tp_getattro.is_none() {
            t.tp_getattr = b.tp_getattr;
            t.tp_getattro = b.tp_getattro;
        }
        if t.tp_setattr.is_none() && t.tp_setattro.is_none() {
            t.tp_setattr = b.tp_setattr;
            t.tp_setattro = b.tp_setattro;
        }
        // A GC-less type under a GC base becomes GC if it defines neither traverse nor clear
        // (CPython's inherit_special); a GC type under a GC-less base frees with
        // PyObject_GC_Del rather than the base's PyObject_Free (inherit_slots).
        if !has_flag(tp, Py_TPFLAGS_HAVE_GC)
            && b.tp_flags & Py_TPFLAGS_HAVE_GC != 0
            && t.tp_traverse.is_none()
            && t.tp_clear.is_none()
        {
            t.tp_flags |= Py_TPFLAGS_HAVE_GC;
            t.tp_traverse = b.tp_traverse;
            t.tp_clear = b.tp_clear;
        }
        let gc_free: unsafe extern "C" fn(*mut std::ffi::c_void) = crate::capi::objimpl::PyObject_GC_Del;
        let plain_free: unsafe extern "C" fn(*mut std::ffi::c_void) = crate::capi::objimpl::PyObject_Free;
        if (t.tp_flags & Py_TPFLAGS_HAVE_GC) == (b.tp_flags & Py_TPFLAGS_HAVE_GC) {
            inherit_slot!(tp_free);
        } else if t.tp_flags & Py_TPFLAGS_HAVE_GC != 0
            && t.tp_free.is_none()
            && b.tp_free.is_some_and(|f| std::ptr::fn_addr_eq(f, plain_free))
        {
            t.tp_free = Some(gc_free);
        }
        inherit_slot!(tp_iter, tp_iternext, tp_descr_get, tp_descr_set, tp_init, tp_alloc, tp_finalize);
        if !has_flag(tp, Py_TPFLAGS_DISALLOW_INSTANTIATION) {
            inherit_slot!(tp_new);
        }
        // Equality and hashing go together: a type defining one keeps the other unset.
        if t.tp_richcompare.is_none() && t.tp_hash.is_none() {
            t.tp_richcompare = b.tp_richcompare;
            t.tp_hash = b.tp_hash;
        }
        if t.tp_dictoffset == 0 {
            t.tp_dictoffset = b.tp_dictoffset;
        }
        if t.tp_weaklistoffset == 0 {
            t.tp_weaklistoffset = b.tp_weaklistoffset;
        }
    }
}

/// `PyType_IsSubtype`: `a` is `b` or derives from it.
pub(crate) unsafe fn is_subtype(a: *mut PyTypeObject, b: *mut PyTypeObject) -> bool {
    if a == b {
        return true;
    }
    // SAFETY: per caller, both are live types.
    unsafe {
        let mro = (*a).tp_mro;
        if !mro.is_null() {
            return (0..tupleobject::size(mro)).any(|i| tupleobject::get_item(mro, i) == b.cast());
        }
        // Not readied yet: walk the base chain (every type derives from object).
        let mut t = a;
        while !t.is_null() {
            if t == b {
                return true;
            }
            t = (*t).tp_base;
        }
        b == &raw mut PyBaseObject_Type
    }
}

/// `isinstance(op, tp)` for a type object `tp`.
#[inline]
pub(crate) unsafe fn type_check(op: *mut PyObject, tp: *mut PyTypeObject) -> bool {
    // SAFETY: per caller.
    unsafe { type_of(op) == tp || is_subtype(type_of(op), tp) }
}

/// Allocates a zeroed instance of `tp` with room for `nitems` items (CPython's
/// `PyType_GenericAlloc`, which also reserves one extra item for variable-size types).
pub(crate) unsafe fn generic_alloc(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: per caller, `tp` is a ready type.
    unsafe {
        let size = var_size(tp, nitems.max(0) + if (*tp).tp_itemsize != 0 { 1 } else { 0 })
            .ok_or_else(errors::no_memory)?;
        let gc = has_flag(tp, Py_TPFLAGS_HAVE_GC);
        let p = if gc {
            super::preheader::alloc_gc(tp, size)?
        } else {
            let p = alloc::calloc(1, size) as *mut PyObject;
            if p.is_null() {
                return Err(errors::no_memory());
            }
            p
        };
        init_object(p, tp);
        if (*tp).tp_itemsize != 0 {
            (*(p as *mut PyVarObject)).ob_size = nitems;
        }
        if gc {
            // As CPython's PyType_GenericAlloc: GC instances start tracked.
            super::gc::track(p);
        }
        Ok(p)
    }
}

/// `tp_basicsize + nitems * tp_itemsize`, rounded up to a pointer, or `None` on overflow.
pub(crate) unsafe fn var_size(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> Option<usize> {
    // SAFETY: per caller.
    let (basic, item) = unsafe { ((*tp).tp_basicsize as usize, (*tp).tp_itemsize as usize) };
    let size = basic.checked_add(item.checked_mul(nitems as usize)?)?;
    size.checked_next_multiple_of(std::mem::size_of::<usize>())
}

/// Sets up a freshly allocated object's head: one reference, type `tp` (which a heap type
/// gets a reference to, as its instances keep it alive).
pub(crate) unsafe fn init_object(op: *mut PyObject, tp: *mut PyTypeObject) {
    // SAFETY: per caller, `op` is fresh memory of at least an object head.
    unsafe {
        (*op).ob_refcnt = 1;
        (*op).ob_type = tp;
        if has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            incref(tp.cast());
        }
    }
}

/// `object.__dealloc__`: frees with the type's `tp_free`. As in CPython, a heap type's
/// reference is dropped by the heap type's own deallocator (`heaptype::subtype_dealloc`),
/// not here.
pub(crate) unsafe extern "C" fn object_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on an object with no references.
    unsafe {
        let tp = type_of(op);
        super::attr::clear_instance_dict(op);
        match (*tp).tp_free {
            Some(free) => free(op.cast()),
            None if has_flag(tp, Py_TPFLAGS_HAVE_GC) => super::gc::free_object(op),
            None => alloc::free(op.cast()),
        }
    }
}

unsafe extern "C" fn object_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new with a live type and NULL or live arguments.
    unsafe {
        let excess = (!args.is_null() && tupleobject::size(args) > 0) || (!kwds.is_null());
        if excess && (*tp).tp_init.is_none() {
            errors::type_error(&format!("{}() takes no arguments", type_name(tp)));
            return null_mut();
        }
        match (*tp).tp_alloc {
            Some(a) => a(tp, 0),
            None => generic_alloc(tp, 0).unwrap_or(null_mut()),
        }
    }
}

unsafe extern "C" fn object_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a live object.
    unsafe {
        let tp = type_of(op);
        let text = format!("<{} object at {:p}>", type_name(tp), op);
        unicodeobject::from_str(&text).unwrap_or(null_mut())
    }
}

/// `object.__hash__`: by identity, as CPython's `_Py_HashPointer`.
unsafe extern "C" fn object_hash(op: *mut PyObject) -> Py_hash_t {
    let y = op as usize;
    // Bottom bits are always zero (alignment): rotate them away, as CPython does.
    let h = y.rotate_right(4) as isize;
    if h == -1 {
        -2
    } else {
        h
    }
}

unsafe extern "C" fn type_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a type object.
    unsafe {
        // A static type's tp_name already carries its module ("collections.OrderedDict");
        // a heap type keeps its module apart.
        let tp = op as *mut PyTypeObject;
        let text = if has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            match super::heaptype::module_and_qualname(tp) {
                (Some(m), q) if m != "builtins" => format!("<class '{m}.{q}'>"),
                (_, q) => format!("<class '{q}'>"),
            }
        } else {
            format!("<class '{}'>", type_name(tp))
        };
        unicodeobject::from_str(&text).unwrap_or(null_mut())
    }
}
