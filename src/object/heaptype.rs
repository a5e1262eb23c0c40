//! Heap types: type objects allocated at run time in the calling interpreter's heap, laid
//! out as CPython 3.13's `PyHeapTypeObject`, made by `PyType_FromSpec` and its family
//! ([`from_metaclass`]) and by `type(name, bases, dict)` ([`type_new`], which
//! `PyErr_NewException` uses).
//!
//! A heap type owns everything it points at: its name buffer (`_ht_tpname`, what `tp_name`
//! points to), its `tp_doc` copy, `ht_name`/`ht_qualname`, its `tp_dict`, `tp_bases`,
//! `tp_mro`, a strong `tp_base`, `ht_module`, and a copy of the spec's `PyMemberDef` table
//! stored after the `PyHeapTypeObject` (the type's variable part). Its slot suites
//! (`tp_as_number`, ...) point into the type object itself.
//!
//! As in CPython, heap types are GC objects (`type` has `Py_TPFLAGS_HAVE_GC`, and its
//! `tp_is_gc` says yes only for heap types): a heap type is on its interpreter's GC list, and
//! [`type_traverse`]/[`type_clear`] are what a collector uses to break the cycle every type
//! is part of (its MRO holds it). Without a collection a heap type lives until its
//! interpreter ends, whose heap is released whole; when its count does reach zero,
//! [`type_dealloc`] frees every part. Instances hold a reference to their heap type; the
//! default deallocator of heap types ([`subtype_dealloc`]) drops it, as CPython's.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::mem::offset_of;
use std::ptr::null_mut;

use super::*;

/// `Py_RELATIVE_OFFSET` (descrobject.h): a member offset counted from the subclass's own
/// data (resolved when the type is made).
const PY_RELATIVE_OFFSET: c_int = 8;

#[inline]
unsafe fn ht(tp: *mut PyTypeObject) -> *mut PyHeapTypeObject {
    tp.cast()
}

/// A NUL-terminated copy of `s` in the interpreter's heap.
fn c_copy(s: &[u8]) -> PyResult<*mut c_char> {
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

// --- slot ids ------------------------------------------------------------------------------

/// Where the slot `id` lives: the offset of a `PyTypeObject` field, and for suite slots the
/// offset inside the suite that field points to (CPython's `pyslot_offsets`). `None` for 0
/// and ids beyond `Py_am_send`.
pub(crate) fn slot_offsets(id: c_int) -> Option<(usize, Option<usize>)> {
    type T = PyTypeObject;
    type N = PyNumberMethods;
    type S = PySequenceMethods;
    type M = PyMappingMethods;
    type A = PyAsyncMethods;
    type B = PyBufferProcs;
    let nb = |f: usize| (offset_of!(T, tp_as_number), Some(f));
    let sq = |f: usize| (offset_of!(T, tp_as_sequence), Some(f));
    let mp = |f: usize| (offset_of!(T, tp_as_mapping), Some(f));
    let am = |f: usize| (offset_of!(T, tp_as_async), Some(f));
    let bf = |f: usize| (offset_of!(T, tp_as_buffer), Some(f));
    let tp = |f: usize| (f, None);
    Some(match id {
        Py_bf_getbuffer => bf(offset_of!(B, bf_getbuffer)),
        Py_bf_releasebuffer => bf(offset_of!(B, bf_releasebuffer)),
        Py_mp_ass_subscript => mp(offset_of!(M, mp_ass_subscript)),
        Py_mp_length => mp(offset_of!(M, mp_length)),
        Py_mp_subscript => mp(offset_of!(M, mp_subscript)),
        Py_nb_absolute => nb(offset_of!(N, nb_absolute)),
        Py_nb_add => nb(offset_of!(N, nb_add)),
        Py_nb_and => nb(offset_of!(N, nb_and)),
        Py_nb_bool => nb(offset_of!(N, nb_bool)),
        Py_nb_divmod => nb(offset_of!(N, nb_divmod)),
        Py_nb_float => nb(offset_of!(N, nb_float)),
        Py_nb_floor_divide => nb(offset_of!(N, nb_floor_divide)),
        Py_nb_index => nb(offset_of!(N, nb_index)),
        Py_nb_inplace_add => nb(offset_of!(N, nb_inplace_add)),
        Py_nb_inplace_and => nb(offset_of!(N, nb_inplace_and)),
        Py_nb_inplace_floor_divide => nb(offset_of!(N, nb_inplace_floor_divide)),
        Py_nb_inplace_lshift => nb(offset_of!(N, nb_inplace_lshift)),
        Py_nb_inplace_multiply => nb(offset_of!(N, nb_inplace_multiply)),
        Py_nb_inplace_or => nb(offset_of!(N, nb_inplace_or)),
        Py_nb_inplace_power => nb(offset_of!(N, nb_inplace_power)),
        Py_nb_inplace_remainder => nb(offset_of!(N, nb_inplace_remainder)),
        Py_nb_inplace_rshift => nb(offset_of!(N, nb_inplace_rshift)),
        Py_nb_inplace_subtract => nb(offset_of!(N, nb_inplace_subtract)),
        Py_nb_inplace_true_divide => nb(offset_of!(N, nb_inplace_true_divide)),
        Py_nb_inplace_xor => nb(offset_of!(N, nb_inplace_xor)),
        Py_nb_int => nb(offset_of!(N, nb_int)),
        Py_nb_invert => nb(offset_of!(N, nb_invert)),
        Py_nb_lshift => nb(offset_of!(N, nb_lshift)),
        Py_nb_multiply => nb(offset_of!(N, nb_multiply)),
        Py_nb_negative => nb(offset_of!(N, nb_negative)),
        Py_nb_or => nb(offset_of!(N, nb_or)),
        Py_nb_positive => nb(offset_of!(N, nb_positive)),
        Py_nb_power => nb(offset_of!(N, nb_power)),
        Py_nb_remainder => nb(offset_of!(N, nb_remainder)),
        Py_nb_rshift => nb(offset_of!(N, nb_rshift)),
        Py_nb_subtract => nb(offset_of!(N, nb_subtract)),
        Py_nb_true_divide => nb(offset_of!(N, nb_true_divide)),
        Py_nb_xor => nb(offset_of!(N, nb_xor)),
        Py_sq_ass_item => sq(offset_of!(S, sq_ass_item)),
        Py_sq_concat => sq(offset_of!(S, sq_concat)),
        Py_sq_contains => sq(offset_of!(S, sq_contains)),
        Py_sq_inplace_concat => sq(offset_of!(S, sq_inplace_concat)),
        Py_sq_inplace_repeat => sq(offset_of!(S, sq_inplace_repeat)),
        Py_sq_item => sq(offset_of!(S, sq_item)),
        Py_sq_length => sq(offset_of!(S, sq_length)),
        Py_sq_repeat => sq(offset_of!(S, sq_repeat)),
        Py_tp_alloc => tp(offset_of!(T, tp_alloc)),
        Py_tp_base => tp(offset_of!(T, tp_base)),
        Py_tp_bases => tp(offset_of!(T, tp_bases)),
        Py_tp_call => tp(offset_of!(T, tp_call)),
        Py_tp_clear => tp(offset_of!(T, tp_clear)),
        Py_tp_dealloc => tp(offset_of!(T, tp_dealloc)),
        Py_tp_del => tp(offset_of!(T, tp_del)),
        Py_tp_descr_get => tp(offset_of!(T, tp_descr_get)),
        Py_tp_descr_set => tp(offset_of!(T, tp_descr_set)),
        Py_tp_doc => tp(offset_of!(T, tp_doc)),
        Py_tp_getattr => tp(offset_of!(T, tp_getattr)),
        Py_tp_getattro => tp(offset_of!(T, tp_getattro)),
        Py_tp_hash => tp(offset_of!(T, tp_hash)),
        Py_tp_init => tp(offset_of!(T, tp_init)),
        Py_tp_is_gc => tp(offset_of!(T, tp_is_gc)),
        Py_tp_iter => tp(offset_of!(T, tp_iter)),
        Py_tp_iternext => tp(offset_of!(T, tp_iternext)),
        Py_tp_methods => tp(offset_of!(T, tp_methods)),
        Py_tp_new => tp(offset_of!(T, tp_new)),
        Py_tp_repr => tp(offset_of!(T, tp_repr)),
        Py_tp_richcompare => tp(offset_of!(T, tp_richcompare)),
        Py_tp_setattr => tp(offset_of!(T, tp_setattr)),
        Py_tp_setattro => tp(offset_of!(T, tp_setattro)),
        Py_tp_str => tp(offset_of!(T, tp_str)),
        Py_tp_traverse => tp(offset_of!(T, tp_traverse)),
        Py_tp_members => tp(offset_of!(T, tp_members)),
        Py_tp_getset => tp(offset_of!(T, tp_getset)),
        Py_tp_free => tp(offset_of!(T, tp_free)),
        Py_nb_matrix_multiply => nb(offset_of!(N, nb_matrix_multiply)),
        Py_nb_inplace_matrix_multiply => nb(offset_of!(N, nb_inplace_matrix_multiply)),
        Py_am_await => am(offset_of!(A, am_await)),
        Py_am_aiter => am(offset_of!(A, am_aiter)),
        Py_am_anext => am(offset_of!(A, am_anext)),
        Py_tp_finalize => tp(offset_of!(T, tp_finalize)),
        Py_am_send => am(offset_of!(A, am_send)),
        _ => return None,
    })
}

/// `PyType_GetSlot`: the slot's value (NULL when unset, or when its suite is missing).
///
/// # Safety
/// `tp` is a live type object.
pub(crate) unsafe fn get_slot(tp: *mut PyTypeObject, id: c_int) -> PyResult<*mut c_void> {
    let Some((off, sub)) = slot_offsets(id) else {
        return Err(errors::bad_internal_call());
    };
    // SAFETY: per caller; the offsets are of pointer-sized fields of the type and its suites.
    unsafe {
        let parent = *((tp as *mut u8).add(off) as *mut *mut c_void);
        match sub {
            _ if parent.is_null() => Ok(null_mut()),
            None => Ok(parent),
            Some(s) => Ok(*((parent as *mut u8).add(s) as *mut *mut c_void)),
        }
    }
}

/// CPython's `inherit_slots` for the slot suites: where `tp` has a suite of its own (heap
/// types always do; static types fill theirs by hand) and `base` has one too, every empty entry of `tp`'s takes the base's.
/// (A type without a suite takes the base's pointer in `typeobject::inherit`.)
///
/// # Safety
/// Both are live types.
pub(crate) unsafe fn inherit_suites(tp: *mut PyTypeObject, base: *mut PyTypeObject) {
    /// Copies each pointer-sized entry of `src` into `dst` where `dst`'s is NULL.
    unsafe fn fill<T>(dst: *mut T, src: *mut T) {
        if dst.is_null() || src.is_null() || dst == src {
            return;
        }
        let n = std::mem::size_of::<T>() / std::mem::size_of::<*mut c_void>();
        let (d, s) = (dst as *mut *mut c_void, src as *mut *mut c_void);
        for i in 0..n {
            // SAFETY: per caller, suites made of pointer-sized entries.
            unsafe {
                if (*d.add(i)).is_null() {
                    *d.add(i) = *s.add(i);
                }
            }
        }
    }
    // SAFETY: per caller.
    unsafe {
        // Static types' suites may live in read-only memory (and are filled by hand).
        if !has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            return;
        }
        let (t, b) = (&*tp, &*base);
        fill(t.tp_as_async, b.tp_as_async);
        fill(t.tp_as_number, b.tp_as_number);
        fill(t.tp_as_sequence, b.tp_as_sequence);
        fill(t.tp_as_mapping, b.tp_as_mapping);
        fill(t.tp_as_buffer, b.tp_as_buffer);
    }
}

// --- bases and metaclasses ------------------------------------------------------------------

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

/// CPython's `best_base`: the base whose layout the new type extends; every base must be a
/// type that allows subclassing.
unsafe fn best_base(bases: &[*mut PyObject]) -> PyResult<*mut PyTypeObject> {
    let mut base: *mut PyTypeObject = null_mut();
    let mut winner: *mut PyTypeObject = null_mut();
    for &b in bases {
        // SAFETY: per caller, live objects.
        unsafe {
            if !has_flag(type_of(b), Py_TPFLAGS_TYPE_SUBCLASS) {
                return Err(errors::type_error("bases must be types"));
            }
            let b = b as *mut PyTypeObject;
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
    if base.is_null() {
        return Err(errors::type_error("bases must be types"));
    }
    Ok(base)
}

/// CPython's `_PyType_CalculateMetaclass`: the most derived of `meta` and the bases'
/// metaclasses.
unsafe fn calculate_metaclass(
    meta: *mut PyTypeObject,
    bases: &[*mut PyObject],
) -> PyResult<*mut PyTypeObject> {
    let mut winner = meta;
    for &b in bases {
        // SAFETY: per caller, live objects.
        unsafe {
            let t = type_of(b);
            if typeobject::is_subtype(winner, t) {
                continue;
            }
            if typeobject::is_subtype(t, winner) {
                winner = t;
                continue;
            }
        }
        return Err(errors::type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the \
             metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

// --- making heap types -----------------------------------------------------------------------

/// A heap type being built: dropped (with everything it holds) unless [`Building::finish`]
/// hands it over.
struct Building(*mut PyTypeObject);

impl Building {
    /// Allocates a heap type of metaclass `meta` with room for `nmembers` members after it.
    unsafe fn alloc(
        meta: *mut PyTypeObject,
        nmembers: usize,
        flags: std::ffi::c_ulong,
    ) -> PyResult<Building> {
        // SAFETY: per caller, `meta` is a ready subtype of `type`.
        unsafe {
            let tp = match (*meta).tp_alloc {
                Some(a) => a(meta, nmembers as Py_ssize_t),
                None => typeobject::generic_alloc(meta, nmembers as Py_ssize_t).unwrap_or(null_mut()),
            } as *mut PyTypeObject;
            if tp.is_null() {
                return Err(PyErr);
            }
            let h = ht(tp);
            (*tp).tp_flags = flags | Py_TPFLAGS_HEAPTYPE;
            (*tp).tp_as_async = &raw mut (*h).as_async;
            (*tp).tp_as_number = &raw mut (*h).as_number;
            (*tp).tp_as_sequence = &raw mut (*h).as_sequence;
            (*tp).tp_as_mapping = &raw mut (*h).as_mapping;
            (*tp).tp_as_buffer = &raw mut (*h).as_buffer;
            Ok(Building(tp))
        }
    }

    fn finish(mut self) -> *mut PyTypeObject {
        std::mem::replace(&mut self.0, null_mut())
    }
}

impl Drop for Building {
    fn drop(&mut self) {
        if self.0.is_null() {
            return;
        }
        // SAFETY: ours alone; its MRO (which would hold it) is dropped first, so the last
        // reference goes and type_dealloc frees every part.
        unsafe {
            let mro = std::mem::replace(&mut (*self.0).tp_mro, null_mut());
            xdecref(mro);
            decref(self.0.cast());
        }
    }
}

/// `PyMemberDef` entries of a NULL-name-terminated table.
unsafe fn count_members(m: *const PyMemberDef) -> usize {
    let mut n = 0;
    // SAFETY: per caller, a terminated table.
    unsafe {
        while !(*m.add(n)).name.is_null() {
            n += 1;
        }
    }
    n
}

/// The spec's slots, up to the terminating id 0.
unsafe fn spec_slots<'a>(spec: *const PyType_Spec) -> &'a [PyType_Slot] {
    // SAFETY: per caller, a terminated table (or NULL: none).
    unsafe {
        let s = (*spec).slots;
        if s.is_null() {
            return &[];
        }
        let mut n = 0;
        while (*s.add(n)).slot != 0 {
            n += 1;
        }
        std::slice::from_raw_parts(s, n)
    }
}

/// `_align_up`: rounds up to the alignment of the largest C scalar (as CPython).
pub(crate) fn align_up(n: Py_ssize_t) -> Py_ssize_t {
    const A: Py_ssize_t = std::mem::align_of::<u128>() as Py_ssize_t;
    (n + A - 1) & !(A - 1)
}

/// The docstring without a leading `name(...)\n--\n\n` signature (CPython's
/// `_PyType_DocWithoutSignature`).
fn doc_without_signature<'a>(name: &str, doc: &'a str) -> &'a str {
    let short = name.rsplit('.').next().unwrap_or(name);
    if let Some(rest) = doc.strip_prefix(short) {
        if rest.starts_with('(') {
            if let Some(end) = rest.find(")\n--\n\n") {
                return &rest[end + 6..];
            }
        }
    }
    doc
}

/// `PyType_FromMetaclass` (and the older `PyType_FromSpec*`, with `allow_tp_new`: a
/// metaclass with its own `tp_new` is deprecated there, refused here).
///
/// # Safety
/// `meta`, `module` and `bases_in` are NULL or live; `spec` is a live spec.
pub(crate) unsafe fn from_metaclass(
    meta: *mut PyTypeObject,
    module: *mut PyObject,
    spec: *const PyType_Spec,
    bases_in: *mut PyObject,
    allow_tp_new: bool,
) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let slots = spec_slots(spec);
        let mut members: *const PyMemberDef = std::ptr::null();
        let mut nmembers = 0usize;
        let (mut weaklistoffset, mut dictoffset, mut vectorcalloffset) = (0, 0, 0);
        let mut doc: Option<*const c_char> = None;
        let mut tp_base: *mut PyObject = null_mut();
        let mut tp_bases: *mut PyObject = null_mut();
        for s in slots {
            if slot_offsets(s.slot).is_none() {
                return Err(errors::runtime_error("invalid slot offset"));
            }
            match s.slot {
                Py_tp_members => {
                    if nmembers != 0 {
                        return Err(errors::system_error("Multiple Py_tp_members slots are not supported."));
                    }
                    members = s.pfunc as *const PyMemberDef;
                    nmembers = count_members(members);
                    for i in 0..nmembers {
                        let m = &*members.add(i);
                        let name = CStr::from_ptr(m.name).to_bytes();
                        match name {
                            b"__weaklistoffset__" => weaklistoffset = m.offset,
                            b"__dictoffset__" => dictoffset = m.offset,
                            b"__vectorcalloffset__" => vectorcalloffset = m.offset,
                            _ => {}
                        }
                        if m.flags & PY_RELATIVE_OFFSET != 0 {
                            if (*spec).basicsize > 0 {
                                return Err(errors::system_error(
                                    "With Py_RELATIVE_OFFSET, basicsize must be negative.",
                                ));
                            }
                            if m.offset < 0 || m.offset >= -((*spec).basicsize as Py_ssize_t) {
                                return Err(errors::system_error(
                                    "Member offset out of range (0..-basicsize)",
                                ));
                            }
                        }
                    }
                }
                Py_tp_doc => {
                    if doc.is_some() {
                        return Err(errors::system_error("Multiple Py_tp_doc slots are not supported."));
                    }
                    doc = Some(s.pfunc as *const c_char);
                }
                Py_tp_base => tp_base = s.pfunc.cast(),
                Py_tp_bases => tp_bases = s.pfunc.cast(),
                _ => {}
            }
        }
        if (*spec).name.is_null() {
            return Err(errors::system_error("Type spec does not define the name field."));
        }
        let full_name = CStr::from_ptr((*spec).name);
        let full = full_name.to_string_lossy();
        let (modname, short) = match full.rfind('.') {
            Some(i) => (Some(&full[..i]), &full[i + 1..]),
            None => (None, &full[..]),
        };

        // The bases: the argument (a type or a tuple), else Py_tp_bases, else Py_tp_base,
        // else object.
        let bases = if !bases_in.is_null() {
            if has_flag(type_of(bases_in), Py_TPFLAGS_TUPLE_SUBCLASS) {
                new_ref(bases_in)
            } else {
                tupleobject::pack(&[bases_in])?
            }
        } else if !tp_bases.is_null() {
            new_ref(tp_bases)
        } else if !tp_base.is_null() {
            tupleobject::pack(&[tp_base])?
        } else {
            tupleobject::pack(&[(&raw mut typeobject::PyBaseObject_Type).cast()])?
        };
        let bases_guard = OwnedGuard(bases);
        let items = tupleobject::items(bases);

        if (*spec).flags as std::ffi::c_ulong & Py_TPFLAGS_IMMUTABLETYPE != 0 {
            for &b in items {
                if has_flag(type_of(b), Py_TPFLAGS_TYPE_SUBCLASS)
                    && !has_flag(b as *mut PyTypeObject, Py_TPFLAGS_IMMUTABLETYPE)
                {
                    exceptions::warnings::warn(
                        &raw mut exceptions::_PyExc_DeprecationWarning,
                        &format!(
                            "Creating immutable type {} from mutable base {} is deprecated, and slated to be \
                             disallowed in Python 3.14.",
                            full,
                            fully_qualified_name(b as *mut PyTypeObject)
                        ),
                        0,
                    )?;
                }
            }
        }

        let meta = if meta.is_null() { &raw mut typeobject::PyType_Type } else { meta };
        let meta = calculate_metaclass(meta, items)?;
        if !has_flag(type_of(meta.cast()), Py_TPFLAGS_TYPE_SUBCLASS)
            || !typeobject::is_subtype(meta, &raw mut typeobject::PyType_Type)
        {
            let r = errors::repr_lossy(meta.cast());
            return Err(errors::type_error(&format!("Metaclass '{r}' is not a subclass of 'type'.")));
        }
        let type_new_fn: newfunc = Some(type_new);
        if (*meta).tp_new.is_some() && (*meta).tp_new.map(|f| f as usize) != type_new_fn.map(|f| f as usize) {
            if allow_tp_new {
                exceptions::warnings::warn(
                    &raw mut exceptions::_PyExc_DeprecationWarning,
                    &format!(
                        "Type {full} uses PyType_Spec with a metaclass that has custom tp_new. This is \
                         deprecated and will no longer be allowed in Python 3.14."
                    ),
                    1,
                )?;
            } else {
                return Err(errors::type_error("Metaclasses with custom tp_new are not supported."));
            }
        }
        let base = best_base(items)?;

        // Sizes: 0 inherits, negative extends the base by that much (aligned).
        let mut basicsize = (*spec).basicsize as Py_ssize_t;
        let mut type_data_offset = basicsize;
        if basicsize == 0 {
            basicsize = (*base).tp_basicsize;
        } else if basicsize < 0 {
            type_data_offset = align_up((*base).tp_basicsize);
            basicsize = type_data_offset + align_up(-basicsize);
            if (*base).tp_itemsize != 0
                && ((*base).tp_flags | (*spec).flags as std::ffi::c_ulong) & Py_TPFLAGS_ITEMS_AT_END == 0
            {
                return Err(errors::system_error(
                    "Cannot extend variable-size class without Py_TPFLAGS_ITEMS_AT_END.",
                ));
            }
        }

        let doc_copy = match doc {
            Some(d) if !d.is_null() => Some(CStr::from_ptr(d)),
            _ => None,
        };
        let built = Building::alloc(meta, nmembers, (*spec).flags as std::ffi::c_ulong)?;
        let tp = built.0;
        let h = ht(tp);
        (*h).ht_module = xincref_ret(module);
        (*tp).tp_base = new_ref(base.cast()).cast();
        (*tp).tp_bases = bases_guard.take();
        if let Some(d) = doc_copy {
            (*tp).tp_doc = c_copy(d.to_bytes())?;
        }
        (*h).ht_name = unicodeobject::from_str(short)?;
        (*h).ht_qualname = new_ref((*h).ht_name);
        (*h)._ht_tpname = c_copy(full_name.to_bytes())?;
        (*tp).tp_name = (*h)._ht_tpname;
        (*tp).tp_basicsize = basicsize;
        (*tp).tp_itemsize = (*spec).itemsize as Py_ssize_t;

        for s in slots {
            match s.slot {
                Py_tp_base | Py_tp_bases | Py_tp_doc => {}
                Py_tp_members => {
                    let copy = (tp as *mut u8).add((*meta).tp_basicsize as usize) as *mut PyMemberDef;
                    std::ptr::copy_nonoverlapping(members, copy, nmembers);
                    for i in 0..nmembers {
                        let m = &mut *copy.add(i);
                        if m.flags & PY_RELATIVE_OFFSET != 0 {
                            m.flags &= !PY_RELATIVE_OFFSET;
                            m.offset += type_data_offset;
                        }
                    }
                    (*tp).tp_members = copy;
                }
                id => {
                    let (off, sub) = slot_offsets(id).expect("checked above");
                    let mut at = (tp as *mut u8).add(off) as *mut *mut c_void;
                    if let Some(sub) = sub {
                        at = ((*at) as *mut u8).add(sub) as *mut *mut c_void;
                    }
                    *at = s.pfunc;
                }
            }
        }
        if (*tp).tp_dealloc.is_none() {
            (*tp).tp_dealloc = Some(subtype_dealloc);
        }
        if vectorcalloffset != 0 {
            (*tp).tp_vectorcall_offset = vectorcalloffset;
        }
        if has_flag(tp, Py_TPFLAGS_DISALLOW_INSTANTIATION) {
            (*tp).tp_new = None;
        }
        (*tp).tp_dict = dictobject::new()?;

        typeobject::ready(tp)?;

        let dict = (*tp).tp_dict;
        if !(*tp).tp_doc.is_null() {
            let d = CStr::from_ptr((*tp).tp_doc).to_string_lossy();
            let s = OwnedGuard(unicodeobject::from_str(doc_without_signature(&full, &d))?);
            set_str_key(dict, "__doc__", s.0)?;
        }
        if weaklistoffset != 0 {
            del_str_key(dict, "__weaklistoffset__")?;
            (*tp).tp_weaklistoffset = weaklistoffset;
        }
        if dictoffset != 0 {
            del_str_key(dict, "__dictoffset__")?;
            (*tp).tp_dictoffset = dictoffset;
        }
        if get_str_key(dict, "__module__")?.is_none() {
            match modname {
                Some(m) => {
                    let s = OwnedGuard(unicodeobject::from_str(m)?);
                    set_str_key(dict, "__module__", s.0)?;
                }
                None => exceptions::warnings::warn(
                    &raw mut exceptions::_PyExc_DeprecationWarning,
                    &format!("builtin type {full} has no __module__ attribute"),
                    1,
                )?,
            }
        }
        Ok(built.finish().cast())
    }
}

/// An owned reference dropped on scope exit unless taken.
struct OwnedGuard(Owned);

impl OwnedGuard {
    fn take(mut self) -> Owned {
        std::mem::replace(&mut self.0, null_mut())
    }
}

impl Drop for OwnedGuard {
    fn drop(&mut self) {
        // SAFETY: an owned reference or NULL.
        unsafe { xdecref(self.0) }
    }
}

unsafe fn set_str_key(dict: *mut PyObject, key: &str, value: *mut PyObject) -> PyResult<()> {
    let k = OwnedGuard(unicodeobject::from_str(key)?);
    // SAFETY: per caller, a dict.
    unsafe { dictobject::set(dict, k.0, value) }
}

unsafe fn del_str_key(dict: *mut PyObject, key: &str) -> PyResult<()> {
    let k = OwnedGuard(unicodeobject::from_str(key)?);
    // SAFETY: per caller, a dict. A missing key is fine (the descriptor may not exist yet).
    unsafe {
        if dictobject::contains(dict, k.0)? {
            dictobject::del(dict, k.0)?;
        }
    }
    Ok(())
}

/// Borrowed `dict[key]`, if present.
unsafe fn get_str_key(dict: *mut PyObject, key: &str) -> PyResult<Option<*mut PyObject>> {
    let k = OwnedGuard(unicodeobject::from_str(key)?);
    // SAFETY: per caller, a dict.
    unsafe { dictobject::get(dict, k.0) }
}

// --- type(name, bases, dict) -----------------------------------------------------------------

/// `type.__new__(metatype, name, bases, dict)`: a class made at run time. The dict is
/// copied into `tp_dict`; `__qualname__` (a `str`) is taken out of it into `ht_qualname`,
/// a `str` `__doc__` is copied into `tp_doc`. With no calling Python frame there are no
/// globals to take `__module__` from, so only the dict sets it (as in CPython called from C).
///
/// # Safety
/// Live arguments; runs under the GIL of the interpreter that will own the type.
pub(crate) unsafe fn new_from_dict(
    metatype: *mut PyTypeObject,
    name: *mut PyObject,
    bases: *mut PyObject,
    dict: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let given = tupleobject::items(bases);
        let winner = calculate_metaclass(metatype, given)?;
        if winner != metatype {
            let type_new_fn: newfunc = Some(type_new);
            if let Some(new) = (*winner).tp_new {
                if Some(new).map(|f| f as usize) != type_new_fn.map(|f| f as usize) {
                    // CPython's type_new: the most derived metaclass makes the class.
                    let args = OwnedGuard(tupleobject::pack(&[name, bases, dict])?);
                    let r = new(winner, args.0, null_mut());
                    return if r.is_null() { Err(PyErr) } else { Ok(r) };
                }
            }
        }
        let bases = if given.is_empty() {
            tupleobject::pack(&[(&raw mut typeobject::PyBaseObject_Type).cast()])?
        } else {
            new_ref(bases)
        };
        let bases_guard = OwnedGuard(bases);
        let base = best_base(tupleobject::items(bases))?;
        let dict = dictobject::copy(dict)?;
        let dict_guard = OwnedGuard(dict);
        let qualname = match get_str_key(dict, "__qualname__")? {
            Some(q) if !unicodeobject::check(q) => {
                return Err(errors::type_error(&format!(
                    "type __qualname__ must be a str, not {}",
                    type_name(type_of(q))
                )));
            }
            Some(q) => {
                let q = new_ref(q);
                del_str_key(dict, "__qualname__")?;
                q
            }
            None => new_ref(name),
        };
        let qualname = OwnedGuard(qualname);
        let slots = match get_str_key(dict, "__slots__")? {
            Some(s) => Some(super::slotdefs::parse_slots(s, base, dict)?),
            None => None,
        };
        let slots_names = OwnedGuard(slots.as_ref().map_or(null_mut(), |s| s.names));
        let nslots = slots.as_ref().map_or(0, |s| s.count());
        let flags = Py_TPFLAGS_BASETYPE | ((*base).tp_flags & Py_TPFLAGS_HAVE_GC);
        let built = Building::alloc(winner, nslots, flags)?;
        let tp = built.0;
        let h = ht(tp);
        (*h).ht_name = new_ref(name);
        (*h).ht_qualname = qualname.take();
        (*h)._ht_tpname = c_copy(unicodeobject::as_bytes(name))?;
        (*tp).tp_name = (*h)._ht_tpname;
        (*tp).tp_base = new_ref(base.cast()).cast();
        (*tp).tp_bases = bases_guard.take();
        (*tp).tp_dict = dict_guard.take();
        if let Some(d) = get_str_key((*tp).tp_dict, "__doc__")? {
            if unicodeobject::check(d) {
                (*tp).tp_doc = c_copy(unicodeobject::as_bytes(d))?;
            }
        }
        (*tp).tp_basicsize = (*base).tp_basicsize;
        (*tp).tp_itemsize = (*base).tp_itemsize;
        (*tp).tp_dealloc = Some(subtype_dealloc);
        let members = (tp as *mut u8).add((*winner).tp_basicsize as usize) as *mut PyMemberDef;
        super::slotdefs::type_new_layout(tp, base, slots.as_ref(), members);
        (*h).ht_slots = slots_names.take();
        typeobject::ready(tp)?;
        super::slotdefs::fixup_slot_dispatchers(tp);
        // Collectable (CPython's type_new: a class is in a cycle with its own MRO).
        gc::track(tp.cast());
        Ok(built.finish().cast())
    }
}

/// `type(name, bases, {'__module__': module, '__doc__': doc})`: what `PyErr_NewException`
/// makes.
///
/// # Safety
/// `bases` is a tuple; runs under the GIL of the interpreter that will own the type.
pub(crate) unsafe fn new_type(
    name: &str,
    module: &str,
    bases: *mut PyObject,
    doc: Option<&str>,
    dict: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let d = OwnedGuard(if dict.is_null() { dictobject::new()? } else { dictobject::copy(dict)? });
        if get_str_key(d.0, "__module__")?.is_none() {
            let m = OwnedGuard(unicodeobject::from_str(module)?);
            set_str_key(d.0, "__module__", m.0)?;
        }
        if let Some(doc) = doc {
            let s = OwnedGuard(unicodeobject::from_str(doc)?);
            set_str_key(d.0, "__doc__", s.0)?;
        }
        let n = OwnedGuard(unicodeobject::from_str(name)?);
        new_from_dict(&raw mut typeobject::PyType_Type, n.0, bases, d.0)
    }
}

/// `type.__new__` (`tp_new` of `type`): `type(name, bases, dict)`.
pub(crate) unsafe extern "C" fn type_new(
    metatype: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new with live arguments.
    unsafe {
        let n = if args.is_null() { 0 } else { tupleobject::size(args) };
        if n != 3 {
            errors::type_error("type() takes 1 or 3 arguments");
            return null_mut();
        }
        let _ = kwds;
        let (name, bases, dict) =
            (tupleobject::get_item(args, 0), tupleobject::get_item(args, 1), tupleobject::get_item(args, 2));
        for (i, (o, want, ok)) in [
            (name, "str", unicodeobject::check(name)),
            (bases, "tuple", has_flag(type_of(bases), Py_TPFLAGS_TUPLE_SUBCLASS)),
            (dict, "dict", dictobject::check(dict)),
        ]
        .into_iter()
        .enumerate()
        {
            if !ok {
                errors::type_error(&format!(
                    "type.__new__() argument {} must be {want}, not {}",
                    i + 1,
                    short_type_name(type_of(o))
                ));
                return null_mut();
            }
        }
        new_from_dict(metatype, name, bases, dict).unwrap_or(null_mut())
    }
}

/// `type.__call__` (`tp_call` of `type`): `type(x)` is `x`'s type; calling a class makes an
/// instance with `tp_new`, then runs `tp_init` on it if it is an instance of the class.
pub(crate) unsafe extern "C" fn type_call(
    callable: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_call with live arguments.
    unsafe {
        let tp = callable as *mut PyTypeObject;
        let nargs = if args.is_null() { 0 } else { tupleobject::size(args) };
        let no_kw = kwds.is_null() || dictobject::size(kwds) == 0;
        if tp == &raw mut typeobject::PyType_Type && nargs == 1 && no_kw {
            return new_ref(type_of(tupleobject::get_item(args, 0)).cast());
        }
        let Some(new) = (*tp).tp_new else {
            errors::type_error(&format!("cannot create '{}' instances", type_name(tp)));
            return null_mut();
        };
        let obj = call::check_result(callable, new(tp, args, kwds));
        if obj.is_null() || !typeobject::type_check(obj, tp) {
            return obj;
        }
        if let Some(init) = (*type_of(obj)).tp_init {
            if init(obj, args, kwds) < 0 {
                decref(obj);
                return null_mut();
            }
        }
        obj
    }
}

// --- the life of heap types and their instances -----------------------------------------------

/// `tp_is_gc` of `type`: only heap types are GC objects (static types are immortal and
/// have no GC header).
pub(crate) unsafe extern "C" fn type_is_gc(op: *mut PyObject) -> c_int {
    // SAFETY: called with a type object.
    c_int::from(unsafe { has_flag(op.cast(), Py_TPFLAGS_HEAPTYPE) })
}

/// `tp_traverse` of `type` (heap types only): what a heap type holds references to.
pub(crate) unsafe extern "C" fn type_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: called by a collector with a type object.
    unsafe {
        let tp = op as *mut PyTypeObject;
        if !has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            return 0;
        }
        let Some(visit) = visit else { return 0 };
        let h = ht(tp);
        for o in [
            (*tp).tp_dict,
            (*tp).tp_cache,
            (*tp).tp_mro,
            (*tp).tp_bases,
            (*tp).tp_base.cast(),
            (*h).ht_module,
            type_of(op).cast(),
        ] {
            if !o.is_null() {
                let r = visit(o, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}

/// `tp_clear` of `type` (heap types only): drops what can take part in a cycle (the dict's
/// contents, the module, the MRO), as CPython's `type_clear`.
pub(crate) unsafe extern "C" fn type_clear(op: *mut PyObject) -> c_int {
    // SAFETY: called by a collector with a heap type object.
    unsafe {
        let tp = op as *mut PyTypeObject;
        if !has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            return 0;
        }
        let h = ht(tp);
        if !(*tp).tp_dict.is_null() {
            dictobject::clear((*tp).tp_dict);
        }
        xdecref(std::mem::replace(&mut (*h).ht_module, null_mut()));
        xdecref(std::mem::replace(&mut (*tp).tp_mro, null_mut()));
        0
    }
}

/// `tp_dealloc` of `type`: frees a heap type and everything it owns (static types are
/// immortal and never get here).
pub(crate) unsafe extern "C" fn type_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on a heap type with no references left.
    unsafe {
        let tp = op as *mut PyTypeObject;
        if !has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            typeobject::immortalize(op);
            return;
        }
        gc::untrack(op);
        let h = ht(tp);
        let t = &mut *tp;
        if !t.tp_weaklist.is_null() {
            super::weakrefobject::clear_weakrefs(op);
        }
        super::slotdefs::remove_subclass(tp);
        for p in [&mut t.tp_dict, &mut t.tp_bases, &mut t.tp_mro, &mut t.tp_cache] {
            xdecref(std::mem::replace(p, null_mut()));
        }
        xdecref(std::mem::replace(&mut t.tp_base, null_mut()).cast());
        let hh = &mut *h;
        for p in [&mut hh.ht_name, &mut hh.ht_qualname, &mut hh.ht_slots, &mut hh.ht_module] {
            xdecref(std::mem::replace(p, null_mut()));
        }
        alloc::free(std::mem::replace(&mut t.tp_doc, std::ptr::null()) as *mut u8);
        alloc::free(std::mem::replace(&mut hh._ht_tpname, null_mut()).cast());
        t.tp_name = std::ptr::null();
        let meta = type_of(op);
        match (*meta).tp_free {
            Some(free) => free(op.cast()),
            None => gc::free_object(op),
        }
        if has_flag(meta, Py_TPFLAGS_HEAPTYPE) {
            decref(meta.cast());
        }
    }
}

/// The default `tp_dealloc` of heap types (CPython's `subtype_dealloc`): runs the nearest
/// base deallocator that is not this one, then drops the instance's reference to its type.
pub(crate) unsafe extern "C" fn subtype_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on an instance with no references left.
    unsafe {
        let tp = type_of(op);
        let me: destructor = Some(subtype_dealloc);
        let mut base = tp;
        while !base.is_null() && (*base).tp_dealloc.map(|f| f as usize) == me.map(|f| f as usize) {
            base = (*base).tp_base;
        }
        if let Some(fin) = (*tp).tp_finalize {
            // PEP 442: the finalizer runs on a live object and may resurrect it.
            (*op).ob_refcnt = 1;
            fin(op);
            (*op).ob_refcnt -= 1;
            if (*op).ob_refcnt != 0 {
                return;
            }
        }
        // Weak references first (CPython's order), unless the base's deallocator does it.
        if super::weakrefobject::supports_weakrefs(tp)
            && (base.is_null() || !super::weakrefobject::supports_weakrefs(base))
        {
            let list = super::weakrefobject::weaklist_ptr(op);
            if !(*list).is_null() {
                super::weakrefobject::clear_weakrefs(op);
            }
        }
        super::slotdefs::clear_slots(op);
        // The instance dict, unless the base's deallocator owns it (CPython's rule).
        let has_dict = |t: *mut PyTypeObject| {
            (*t).tp_dictoffset != 0 || (*t).tp_flags & Py_TPFLAGS_MANAGED_DICT as c_ulong != 0
        };
        if has_dict(tp) && (base.is_null() || !has_dict(base)) {
            super::attr::clear_instance_dict(op);
        }
        if has_flag(tp, Py_TPFLAGS_HAVE_GC) {
            gc::untrack(op);
            if !base.is_null() && has_flag(base, Py_TPFLAGS_HAVE_GC) {
                // The base's deallocator expects a tracked object, as CPython's.
                gc::track(op);
            }
        }
        // A heap base's deallocator drops the type reference itself (CPython's rule).
        let needs_decref =
            has_flag(tp, Py_TPFLAGS_HEAPTYPE) && (base.is_null() || !has_flag(base, Py_TPFLAGS_HEAPTYPE));
        match if base.is_null() { None } else { (*base).tp_dealloc } {
            Some(d) => d(op),
            None => typeobject::object_dealloc(op),
        }
        if needs_decref {
            decref(tp.cast());
        }
    }
}

// --- names and modules ------------------------------------------------------------------------

/// `type.__module__` and `type.__qualname__` of a heap type: the dict's `__module__` if it
/// is a `str` (else none), and `ht_qualname`.
///
/// # Safety
/// `tp` is a heap type.
pub(crate) unsafe fn module_and_qualname(tp: *mut PyTypeObject) -> (Option<String>, String) {
    // SAFETY: per caller, our layout.
    unsafe {
        let h = ht(tp);
        let q = (*h).ht_qualname;
        let qual = if q.is_null() { type_name(tp).into_owned() } else { unicodeobject::as_str(q).to_owned() };
        (module_str(tp), qual)
    }
}

/// A heap type's `__module__` as text, if its dict holds a `str` there.
unsafe fn module_str(tp: *mut PyTypeObject) -> Option<String> {
    // SAFETY: per caller, a heap type.
    unsafe {
        let dict = (*tp).tp_dict;
        if dict.is_null() {
            return None;
        }
        let saved = errors::take_raised();
        let m = get_str_key(dict, "__module__").ok().flatten();
        if !saved.is_null() {
            errors::set_raised(saved);
        }
        m.filter(|&m| unicodeobject::check(m)).map(|m| unicodeobject::as_str(m).to_owned())
    }
}

/// `type.__name__`: a heap type's `ht_name`, a static type's `tp_name` after its last dot.
///
/// # Safety
/// `tp` is a live type.
pub(crate) unsafe fn name(tp: *mut PyTypeObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if has_flag(tp, Py_TPFLAGS_HEAPTYPE) && !(*ht(tp)).ht_name.is_null() {
            return Ok(new_ref((*ht(tp)).ht_name));
        }
        unicodeobject::from_str(&short_type_name(tp))
    }
}

/// `type.__qualname__`: a heap type's `ht_qualname`, a static type's name.
///
/// # Safety
/// `tp` is a live type.
pub(crate) unsafe fn qualname(tp: *mut PyTypeObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if has_flag(tp, Py_TPFLAGS_HEAPTYPE) && !(*ht(tp)).ht_qualname.is_null() {
            return Ok(new_ref((*ht(tp)).ht_qualname));
        }
        unicodeobject::from_str(&short_type_name(tp))
    }
}

/// `type.__module__` (CPython's `type_module`): a heap type's dict entry (AttributeError
/// "__module__" when missing), a static type's `tp_name` before its last dot, or
/// `builtins`.
///
/// # Safety
/// `tp` is a live type.
pub(crate) unsafe fn module_name(tp: *mut PyTypeObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            let dict = (*tp).tp_dict;
            if !dict.is_null() {
                if let Some(m) = get_str_key(dict, "__module__")? {
                    return Ok(new_ref(m));
                }
            }
            return Err(errors::attribute_error("__module__"));
        }
        let n = type_name(tp);
        match n.rfind('.') {
            Some(i) => unicodeobject::from_str(&n[..i]),
            None => unicodeobject::from_str("builtins"),
        }
    }
}

/// `module.qualname`, or just the qualname for `builtins` and `__main__` (CPython 3.13's
/// `PyType_GetFullyQualifiedName`).
///
/// # Safety
/// `tp` is a live type.
pub(crate) unsafe fn fully_qualified_name(tp: *mut PyTypeObject) -> String {
    // SAFETY: per caller.
    unsafe {
        if !has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            return type_name(tp).into_owned();
        }
        let (m, q) = module_and_qualname(tp);
        match m {
            Some(m) if m != "builtins" && m != "__main__" => format!("{m}.{q}"),
            _ => q,
        }
    }
}

/// `PyType_GetModule`: the module a heap type was made with (borrowed).
///
/// # Safety
/// `tp` is a live type.
pub(crate) unsafe fn module_of(tp: *mut PyTypeObject) -> PyResult<*mut PyObject> {
    // SAFETY: per caller.
    unsafe {
        if !has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            return Err(errors::type_error(&format!(
                "PyType_GetModule: Type '{}' is not a heap type",
                type_name(tp)
            )));
        }
        let m = (*ht(tp)).ht_module;
        if m.is_null() {
            return Err(errors::type_error(&format!(
                "PyType_GetModule: Type '{}' has no associated module",
                type_name(tp)
            )));
        }
        Ok(m)
    }
}

/// `ht_module` of a heap type, or NULL (static types have none).
///
/// # Safety
/// `tp` is a live type.
pub(crate) unsafe fn module_or_null(tp: *mut PyTypeObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        if has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            (*ht(tp)).ht_module
        } else {
            null_mut()
        }
    }
}

/// `PyType_GetModuleByDef`: the module of the first class in `tp`'s MRO that was made with
/// a module of definition `def` (borrowed).
///
/// # Safety
/// `tp` is a live, ready type; `def` any pointer (compared only).
pub(crate) unsafe fn module_by_def(tp: *mut PyTypeObject, def: *mut PyModuleDef) -> PyResult<*mut PyObject> {
    // SAFETY: per caller.
    unsafe {
        let mro = (*tp).tp_mro;
        if !mro.is_null() {
            for &c in tupleobject::items(mro) {
                let m = module_or_null(c as *mut PyTypeObject);
                if !m.is_null() && moduleobject::def_of(m) == def {
                    return Ok(m);
                }
            }
        }
        Err(errors::type_error(&format!(
            "PyType_GetModuleByDef: No superclass of '{}' has the given module",
            type_name(tp)
        )))
    }
}
