//! `tuple`: CPython's layout (items inline). The empty tuple is a static, immortal
//! singleton shared by every interpreter.

use std::mem::offset_of;
use std::ptr::null_mut;

use super::*;
use crate::abi::{Py_EQ, Py_GT, Py_LE, Py_LT, Py_NE};

/// `tuple`.
#[unsafe(no_mangle)]
pub static mut PyTuple_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"tuple".as_ptr(),
    tp_basicsize: offset_of!(PyTupleObject, ob_item) as Py_ssize_t,
    tp_itemsize: std::mem::size_of::<*mut PyObject>() as Py_ssize_t,
    tp_dealloc: Some(tuple_dealloc),
    tp_repr: Some(tuple_repr),
    tp_as_sequence: TUPLE_AS_SEQUENCE.as_mut_ptr(),
    tp_as_mapping: TUPLE_AS_MAPPING.as_mut_ptr(),
    tp_hash: Some(tuple_hash),
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_TUPLE_SUBCLASS
        | Py_TPFLAGS_IMMUTABLETYPE
        | _Py_TPFLAGS_MATCH_SELF
        | Py_TPFLAGS_SEQUENCE as std::ffi::c_ulong,
    tp_doc: c"Built-in immutable sequence.".as_ptr(),
    tp_richcompare: Some(tuple_richcompare),
    tp_iter: Some(iterobject::tuple_iter),
    tp_new: Some(tuple_new),
    tp_traverse: Some(tuple_traverse),
    tp_free: Some(crate::capi::objimpl::PyObject_GC_Del),
    ..TYPE_TEMPLATE
};

static TUPLE_AS_SEQUENCE: ReadOnly<PySequenceMethods> = ReadOnly(PySequenceMethods {
    sq_length: Some(tuple_length),
    sq_concat: Some(tuple_concat),
    sq_repeat: Some(tuple_repeat),
    sq_item: Some(tuple_item),
    was_sq_slice: null_mut(),
    sq_ass_item: None,
    was_sq_ass_slice: null_mut(),
    sq_contains: Some(tuple_contains),
    sq_inplace_concat: None,
    sq_inplace_repeat: None,
});

static TUPLE_AS_MAPPING: ReadOnly<PyMappingMethods> = ReadOnly(PyMappingMethods {
    mp_length: Some(tuple_length),
    mp_subscript: Some(tuple_subscript),
    mp_ass_subscript: None,
});

/// `()`: immortal, shared.
pub(crate) static mut EMPTY_TUPLE: PyTupleObject = PyTupleObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut PyTuple_Type), ob_size: 0 },
    ob_item: [null_mut()],
};

/// The empty tuple (borrowed; immortal).
#[inline]
pub(crate) fn empty() -> *mut PyObject {
    (&raw mut EMPTY_TUPLE).cast()
}

/// Bytes for a tuple of `n` items.
fn alloc_size(n: Py_ssize_t) -> Option<usize> {
    (n as usize)
        .checked_mul(std::mem::size_of::<*mut PyObject>())
        .and_then(|b| b.checked_add(offset_of!(PyTupleObject, ob_item)))
        .filter(|&b| b <= isize::MAX as usize)
}

/// A tuple of `n` items, all NULL until set with [`set_item`] (CPython's `PyTuple_New`).
pub(crate) fn new(n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::bad_internal_call());
    }
    if n == 0 {
        return Ok(empty());
    }
    let t = alloc_items(n as usize)?;
    // SAFETY: `t` has room for `n` items. Tracked at once, as CPython's PyTuple_New (the
    // items are filled in later; traversal skips NULL).
    unsafe {
        std::ptr::write_bytes((*(t as *mut PyTupleObject)).ob_item.as_mut_ptr(), 0, n as usize);
        gc::track_new(t);
    }
    Ok(t)
}

/// A tuple of `n` > 0 items whose item slots are not yet written (the caller fills every
/// one before the tuple is seen): what `pack` needs without zeroing first.
#[inline]
fn alloc_items(n: usize) -> PyResult<Owned> {
    let size = alloc_size(n as Py_ssize_t).ok_or_else(errors::no_memory)?;
    let p = gc::alloc_object_uninit(size)?;
    // SAFETY: fresh memory of the right size.
    unsafe {
        typeobject::init_object(p, &raw mut PyTuple_Type);
        (*(p as *mut PyVarObject)).ob_size = n as Py_ssize_t;
    }
    Ok(p)
}

/// A tuple holding new references to `items`. It is tracked only if an item may be (a
/// tuple of atomic objects can never be part of a cycle: CPython tracks it and untracks
/// it at its first collection; we skip both steps).
#[inline]
pub(crate) fn pack(items: &[*mut PyObject]) -> PyResult<Owned> {
    if items.is_empty() {
        return Ok(empty());
    }
    let t = alloc_items(items.len())?;
    // SAFETY: `t` is fresh with room for every item; items are live.
    unsafe {
        let dst = (*(t as *mut PyTupleObject)).ob_item.as_mut_ptr();
        let mut track = false;
        for (i, &item) in items.iter().enumerate() {
            *dst.add(i) = new_ref(item);
            track |= gc::may_be_tracked(item);
        }
        if track {
            gc::track_new(t);
        }
    }
    Ok(t)
}

/// # Safety
/// `t` is a tuple.
#[inline]
pub(crate) unsafe fn size(t: *mut PyObject) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe { (*(t as *mut PyVarObject)).ob_size }
}

/// The items (borrowed).
///
/// # Safety
/// `t` is a tuple; the slice lives as long as it.
#[inline]
pub(crate) unsafe fn items<'a>(t: *mut PyObject) -> &'a [*mut PyObject] {
    // SAFETY: per caller; the items follow the head.
    unsafe { std::slice::from_raw_parts((*(t as *mut PyTupleObject)).ob_item.as_ptr(), size(t) as usize) }
}

/// Borrowed item `i`.
///
/// # Safety
/// `t` is a tuple and `i` in range.
#[inline]
pub(crate) unsafe fn get_item(t: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe { *(*(t as *mut PyTupleObject)).ob_item.as_mut_ptr().add(i as usize) }
}

/// Stores `v` (stolen) at `i` without dropping what was there: for filling new tuples.
///
/// # Safety
/// `t` is a tuple and `i` in range.
#[inline]
pub(crate) unsafe fn set_item(t: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    // SAFETY: per caller.
    unsafe { *(*(t as *mut PyTupleObject)).ob_item.as_mut_ptr().add(i as usize) = v };
}

#[inline]
unsafe fn is_tuple(op: *mut PyObject) -> bool {
    // SAFETY: per caller, live.
    unsafe { has_flag(type_of(op), Py_TPFLAGS_TUPLE_SUBCLASS) }
}

#[inline]
unsafe fn is_exact(op: *mut PyObject) -> bool {
    // SAFETY: per caller, live.
    unsafe { type_of(op) == &raw mut PyTuple_Type }
}

pub(crate) unsafe extern "C" fn tuple_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on a tuple with no references.
    unsafe {
        gc::untrack_known(op);
        for i in (0..size(op)).rev() {
            xdecref(get_item(op, i));
        }
        if is_exact(op) {
            gc::free_object(op);
        } else {
            typeobject::object_dealloc(op);
        }
    }
}

/// `tp_traverse`: the items (NULL while a new tuple is being filled).
unsafe extern "C" fn tuple_traverse(
    op: *mut PyObject,
    visit: crate::abi::visitproc,
    arg: *mut std::ffi::c_void,
) -> std::ffi::c_int {
    // SAFETY: called by the collector (or C) with a tuple.
    unsafe {
        for i in (0..size(op)).rev() {
            gc::py_visit!(get_item(op, i), visit, arg);
        }
    }
    0
}

/// `PyTuple_GetSlice`: `t[lo:hi]` with the bounds clipped; an exact tuple sliced whole is
/// returned itself.
///
/// # Safety
/// `t` is a tuple.
pub(crate) unsafe fn get_slice(t: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let n = size(t);
        let lo = lo.max(0);
        let hi = hi.min(n).max(lo);
        if lo == 0 && hi == n && is_exact(t) {
            return Ok(new_ref(t));
        }
        if hi <= lo {
            return Ok(empty());
        }
        pack(&items(t)[lo as usize..hi as usize])
    }
}

/// `_PyTuple_Resize`: grows or shrinks the exact tuple `*pv`, which nobody else may hold
/// (its reference count is 1; the empty tuple is also accepted). New slots are NULL.
/// On error `*pv` is released and set to NULL.
///
/// # Safety
/// `pv` points to NULL or a live object owned by the caller.
pub(crate) unsafe fn resize(pv: *mut *mut PyObject, newsize: Py_ssize_t) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let v = *pv;
        if v.is_null() || !is_exact(v) || (size(v) != 0 && (*v).ob_refcnt != 1) || newsize < 0 {
            *pv = null_mut();
            xdecref(v);
            return Err(errors::bad_internal_call());
        }
        let old = size(v);
        if old == newsize {
            return Ok(());
        }
        if newsize == 0 {
            decref(v);
            *pv = empty();
            return Ok(());
        }
        if old == 0 {
            // The empty tuple is a shared static: never resized in place.
            decref(v);
            *pv = null_mut();
            *pv = new(newsize)?;
            return Ok(());
        }
        for i in newsize..old {
            let item = get_item(v, i);
            set_item(v, i, null_mut());
            xdecref(item);
        }
        if alloc_size(newsize).is_none() {
            *pv = null_mut();
            decref(v);
            return Err(errors::no_memory());
        }
        let sv = match gc::resize(v.cast(), newsize) {
            Ok(sv) => sv as *mut PyObject,
            Err(e) => {
                *pv = null_mut();
                decref(v);
                return Err(e);
            }
        };
        if newsize > old {
            let base = (*(sv as *mut PyTupleObject)).ob_item.as_mut_ptr();
            std::ptr::write_bytes(base.add(old as usize), 0, (newsize - old) as usize);
        }
        *pv = sv;
        Ok(())
    }
}

/// `PySequence_Tuple`: an exact tuple is itself, anything else iterable is copied.
///
/// # Safety
/// `v` is live.
pub(crate) unsafe fn sequence_tuple(v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if is_exact(v) {
            return Ok(new_ref(v));
        }
        if listobject::is_list(v) {
            return pack(listobject::items(v));
        }
        let l = listobject::new(0)?;
        let r = listobject::extend(l, v).and_then(|()| pack(listobject::items(l)));
        decref(l);
        r
    }
}

/// `tuple()`, `tuple(iterable)`; for a subclass, an instance holding the same items.
unsafe extern "C" fn tuple_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new with an argument tuple and NULL or a mapping.
    unsafe {
        if abstract_::no_keywords("tuple", kwds).is_err() {
            return null_mut();
        }
        let args = if args.is_null() { &[][..] } else { items(args) };
        if args.len() > 1 {
            errors::type_error(&format!("tuple expected at most 1 argument, got {}", args.len()));
            return null_mut();
        }
        let t = match args.first() {
            None => empty(),
            Some(&iterable) => match sequence_tuple(iterable) {
                Ok(t) => t,
                Err(_) => return null_mut(),
            },
        };
        if tp == &raw mut PyTuple_Type {
            return t;
        }
        let n = size(t);
        let sub = match (*tp).tp_alloc {
            Some(alloc) => alloc(tp, n),
            None => typeobject::generic_alloc(tp, n).unwrap_or(null_mut()),
        };
        if !sub.is_null() {
            for (i, &item) in items(t).iter().enumerate() {
                set_item(sub, i as Py_ssize_t, new_ref(item));
            }
        }
        decref(t);
        sub
    }
}

// --- comparison, shared with other immutable sequences ---------------------------------------

/// `Py_RETURN_RICHCOMPARE(a, b, op)` for lengths.
pub(crate) fn compare_sizes(a: Py_ssize_t, b: Py_ssize_t, op: i32) -> Owned {
    let r = match op {
        Py_LT => a < b,
        Py_LE => a <= b,
        Py_EQ => a == b,
        Py_NE => a != b,
        Py_GT => a > b,
        _ => a >= b,
    };
    longobject::from_bool(r)
}

/// Lexicographic comparison of two item arrays, CPython's tuple algorithm: the first index
/// where the items are not `==` decides, by comparing those two items with `op` (`==` and
/// `!=` answer at once); if there is none, the lengths decide.
///
/// # Safety
/// The items are live and stay so for the call (the arrays cannot change under it).
pub(crate) unsafe fn compare_items(v: &[*mut PyObject], w: &[*mut PyObject], op: i32) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let mut i = 0;
        while i < v.len() && i < w.len() {
            if !abstract_::rich_compare_bool(v[i], w[i], Py_EQ)? {
                break;
            }
            i += 1;
        }
        if i >= v.len() || i >= w.len() {
            return Ok(compare_sizes(v.len() as Py_ssize_t, w.len() as Py_ssize_t, op));
        }
        match op {
            Py_EQ => Ok(longobject::from_bool(false)),
            Py_NE => Ok(longobject::from_bool(true)),
            _ => abstract_::rich_compare(v[i], w[i], op),
        }
    }
}

// --- slots ----------------------------------------------------------------------------------

unsafe extern "C" fn tuple_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a tuple.
    unsafe {
        let n = size(op);
        if n == 0 {
            return unicodeobject::from_str("()").unwrap_or(null_mut());
        }
        // A tuple can hold itself only through an object that holds it (immutability), but
        // that still recurses, so CPython guards tuples too.
        reprenter::guarded(op, "(...)", || {
            let mut text = String::with_capacity(2 + 3 * n as usize);
            text.push('(');
            for (i, &item) in items(op).iter().enumerate() {
                if i > 0 {
                    text.push_str(", ");
                }
                let r = abstract_::repr(item)?;
                text.push_str(unicodeobject::as_str(r));
                decref(r);
            }
            if n == 1 {
                text.push(',');
            }
            text.push(')');
            unicodeobject::from_str(&text)
        })
        .unwrap_or(null_mut())
    }
}

/// CPython's `tuplehash` (xxHash rounds over the items' hashes, see `pyhash::hash_tuple`).
unsafe extern "C" fn tuple_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: called through tp_hash with a tuple.
    unsafe {
        let mut failed = false;
        let h = pyhash::hash_tuple(items(op).iter().map(|&item| match abstract_::hash(item) {
            Ok(h) => h,
            Err(_) => {
                failed = true;
                -1
            }
        }));
        if failed {
            -1
        } else {
            h
        }
    }
}

unsafe extern "C" fn tuple_richcompare(v: *mut PyObject, w: *mut PyObject, op: i32) -> *mut PyObject {
    // SAFETY: called through tp_richcompare with live objects.
    unsafe {
        if !is_tuple(v) || !is_tuple(w) {
            return new_ref(singletons::not_implemented());
        }
        compare_items(items(v), items(w), op).unwrap_or(null_mut())
    }
}

unsafe extern "C" fn tuple_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: called through sq_length with a tuple.
    unsafe { size(op) }
}

unsafe extern "C" fn tuple_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through sq_concat with a tuple and a live object.
    unsafe {
        if size(a) == 0 && is_exact(b) {
            return new_ref(b);
        }
        if !is_tuple(b) {
            errors::type_error(&format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                type_name(type_of(b))
            ));
            return null_mut();
        }
        if size(b) == 0 && is_exact(a) {
            return new_ref(a);
        }
        let (na, nb) = (size(a), size(b));
        let Ok(t) = new(na + nb) else { return null_mut() };
        let dst = (*(t as *mut PyTupleObject)).ob_item.as_mut_ptr();
        for (i, &item) in items(a).iter().chain(items(b)).enumerate() {
            *dst.add(i) = new_ref(item);
        }
        t
    }
}

unsafe extern "C" fn tuple_repeat(a: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through sq_repeat with a tuple.
    unsafe {
        let len = size(a);
        if (len == 0 || n == 1) && is_exact(a) {
            return new_ref(a);
        }
        if len == 0 || n <= 0 {
            return empty();
        }
        if len > Py_ssize_t::MAX / n {
            errors::no_memory();
            return null_mut();
        }
        let Ok(t) = new(len * n) else { return null_mut() };
        let src = items(a);
        let dst = (*(t as *mut PyTupleObject)).ob_item.as_mut_ptr();
        for &item in src {
            for _ in 0..n {
                incref(item);
            }
        }
        for k in 0..n as usize {
            std::ptr::copy_nonoverlapping(src.as_ptr(), dst.add(k * src.len()), src.len());
        }
        t
    }
}

unsafe extern "C" fn tuple_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through sq_item with a tuple.
    unsafe {
        if i < 0 || i >= size(op) {
            errors::index_error("tuple index out of range");
            return null_mut();
        }
        new_ref(get_item(op, i))
    }
}

unsafe extern "C" fn tuple_contains(op: *mut PyObject, el: *mut PyObject) -> std::ffi::c_int {
    // SAFETY: called through sq_contains with a tuple and a live object.
    unsafe {
        for &item in items(op) {
            match abstract_::rich_compare_bool(item, el, Py_EQ) {
                Ok(true) => return 1,
                Ok(false) => {}
                Err(_) => return -1,
            }
        }
        0
    }
}

unsafe extern "C" fn tuple_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through mp_subscript with a tuple and a live key.
    unsafe {
        if abstract_::number::index_check(key) {
            let Ok(mut i) =
                abstract_::number::as_ssize_t(key, (&raw mut exceptions::_PyExc_IndexError).cast())
            else {
                return null_mut();
            };
            if i < 0 {
                i += size(op);
            }
            return tuple_item(op, i);
        }
        if sliceobject::is_slice(key) {
            let Ok((mut start, mut stop, step)) = sliceobject::unpack(key) else { return null_mut() };
            let n = size(op);
            let len = sliceobject::adjust_indices(n, &mut start, &mut stop, step);
            if len <= 0 {
                return empty();
            }
            if start == 0 && step == 1 && len == n && is_exact(op) {
                return new_ref(op);
            }
            let Ok(t) = new(len) else { return null_mut() };
            let src = items(op);
            let mut cur = start;
            for i in 0..len {
                set_item(t, i, new_ref(src[cur as usize]));
                cur = cur.wrapping_add(step);
            }
            return t;
        }
        errors::type_error(&format!(
            "tuple indices must be integers or slices, not {}",
            type_name(type_of(key))
        ));
        null_mut()
    }
}
