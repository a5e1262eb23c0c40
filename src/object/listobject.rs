//! `list`: CPython's layout (a separate item array, over-allocated as it grows) and its
//! operations. Anything that may run Python code (comparisons, reprs, decrefs that
//! deallocate) happens with the list in a consistent state, and list contents are read
//! afresh after it, since that code may have changed the list. Slices are in `listslice`,
//! sorting in `listsort`.

use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

use super::*;
use crate::abi::{visitproc, Py_EQ, Py_NE};

/// `list`.
#[unsafe(no_mangle)]
pub static mut PyList_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"list".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyListObject>() as Py_ssize_t,
    tp_dealloc: Some(list_dealloc),
    tp_repr: Some(list_repr),
    tp_as_sequence: LIST_AS_SEQUENCE.as_mut_ptr(),
    tp_as_mapping: LIST_AS_MAPPING.as_mut_ptr(),
    tp_hash: Some(hash_not_implemented),
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_LIST_SUBCLASS
        | Py_TPFLAGS_IMMUTABLETYPE
        | _Py_TPFLAGS_MATCH_SELF
        | Py_TPFLAGS_SEQUENCE as std::ffi::c_ulong,
    tp_traverse: Some(list_traverse),
    tp_clear: Some(list_tp_clear),
    tp_free: Some(crate::capi::objimpl::PyObject_GC_Del),
    tp_doc: c"Built-in mutable sequence.\n\nIf no argument is given, the constructor creates a new empty list.\nThe argument must be an iterable if specified.".as_ptr(),
    tp_richcompare: Some(list_richcompare),
    tp_iter: Some(iterobject::list_iter),
    tp_init: Some(list_init),
    tp_new: Some(crate::capi::typeobject::PyType_GenericNew),
    ..TYPE_TEMPLATE
};

static LIST_AS_SEQUENCE: ReadOnly<PySequenceMethods> = ReadOnly(PySequenceMethods {
    sq_length: Some(list_length),
    sq_concat: Some(list_concat),
    sq_repeat: Some(list_repeat),
    sq_item: Some(list_item),
    was_sq_slice: null_mut(),
    sq_ass_item: Some(list_ass_item),
    was_sq_ass_slice: null_mut(),
    sq_contains: Some(list_contains),
    sq_inplace_concat: Some(list_inplace_concat),
    sq_inplace_repeat: Some(list_inplace_repeat),
});

static LIST_AS_MAPPING: ReadOnly<PyMappingMethods> = ReadOnly(PyMappingMethods {
    mp_length: Some(list_length),
    mp_subscript: Some(listslice::list_subscript),
    mp_ass_subscript: Some(listslice::list_ass_subscript),
});

#[inline]
pub(crate) unsafe fn fields<'a>(op: *mut PyObject) -> &'a mut PyListObject {
    // SAFETY: per caller, a list.
    unsafe { &mut *(op as *mut PyListObject) }
}

#[inline]
pub(crate) unsafe fn is_list(op: *mut PyObject) -> bool {
    // SAFETY: per caller, live.
    unsafe { has_flag(type_of(op), Py_TPFLAGS_LIST_SUBCLASS) }
}

/// A list of `n` items, each NULL until set (CPython's `PyList_New`).
pub(crate) fn new(n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::bad_internal_call());
    }
    let items =
        if n == 0 { null_mut() } else { alloc::calloc(n as usize, std::mem::size_of::<*mut PyObject>()) };
    if n != 0 && items.is_null() {
        return Err(errors::no_memory());
    }
    let p = match gc::alloc_object_uninit(std::mem::size_of::<PyListObject>()) {
        Ok(p) => p,
        Err(e) => {
            // SAFETY: ours, not yet given out.
            unsafe { alloc::free(items) };
            return Err(e);
        }
    };
    // SAFETY: fresh memory of the right size; tracked once its fields are set (as
    // CPython's PyList_New: the NULL items are skipped by traversal).
    unsafe {
        typeobject::init_object(p, &raw mut PyList_Type);
        let l = fields(p);
        l.ob_base.ob_size = n;
        l.ob_item = items.cast();
        l.allocated = n;
        gc::track_new(p);
    }
    Ok(p)
}

/// A list holding new references to `items`.
pub(crate) fn from_slice(items: &[*mut PyObject]) -> PyResult<Owned> {
    let l = new(items.len() as Py_ssize_t)?;
    // SAFETY: a fresh list with room for every item; the items are live.
    unsafe {
        for (i, &item) in items.iter().enumerate() {
            *fields(l).ob_item.add(i) = new_ref(item);
        }
    }
    Ok(l)
}

/// A list that takes ownership of `items`.
#[allow(dead_code)] // for the other object types' constructors
pub(crate) fn from_vec(items: Vec<Owned>) -> PyResult<Owned> {
    let l = match new(items.len() as Py_ssize_t) {
        Ok(l) => l,
        Err(e) => {
            for i in items {
                // SAFETY: owned.
                unsafe { decref(i) };
            }
            return Err(e);
        }
    };
    for (i, item) in items.into_iter().enumerate() {
        // SAFETY: fresh list with room for every item.
        unsafe { *fields(l).ob_item.add(i) = item };
    }
    Ok(l)
}

/// # Safety
/// `op` is a list.
#[inline]
pub(crate) unsafe fn size(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe { fields(op).ob_base.ob_size }
}

/// The items in use (borrowed).
///
/// # Safety
/// `op` is a list; the slice is valid until the list changes (so not across anything that
/// may run Python code).
pub(crate) unsafe fn items<'a>(op: *mut PyObject) -> &'a [*mut PyObject] {
    // SAFETY: per caller.
    unsafe {
        let l = fields(op);
        if l.ob_item.is_null() {
            &[]
        } else {
            std::slice::from_raw_parts(l.ob_item, l.ob_base.ob_size as usize)
        }
    }
}

/// CPython's `list_resize`: sets the size to `newsize`, reallocating (with about 1/8
/// over-allocation, so appends are amortized constant time) when it does not fit or would
/// use less than half of the array. Slots past the old size are uninitialized.
///
/// # Safety
/// `op` is a list.
pub(crate) unsafe fn resize(op: *mut PyObject, newsize: Py_ssize_t) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let l = fields(op);
        let allocated = l.allocated;
        if allocated >= newsize && newsize >= (allocated >> 1) {
            l.ob_base.ob_size = newsize;
            return Ok(());
        }
        let mut grown = (newsize as usize + (newsize as usize >> 3) + 6) & !3;
        if newsize - l.ob_base.ob_size > grown as Py_ssize_t - newsize {
            grown = (newsize as usize + 3) & !3;
        }
        if newsize == 0 {
            alloc::free(l.ob_item.cast());
            l.ob_item = null_mut();
            l.allocated = 0;
            l.ob_base.ob_size = 0;
            return Ok(());
        }
        let bytes = grown
            .checked_mul(std::mem::size_of::<*mut PyObject>())
            .filter(|&b| b <= isize::MAX as usize)
            .ok_or_else(errors::no_memory)?;
        let items = alloc::realloc(l.ob_item.cast(), bytes);
        if items.is_null() {
            return Err(errors::no_memory());
        }
        l.ob_item = items.cast();
        l.allocated = grown as Py_ssize_t;
        l.ob_base.ob_size = newsize;
    }
    Ok(())
}

/// Appends a new reference to `item`.
///
/// # Safety
/// `op` is a list, `item` live.
pub(crate) unsafe fn append(op: *mut PyObject, item: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let l = fields(op);
        let n = l.ob_base.ob_size;
        if n < l.allocated {
            *l.ob_item.add(n as usize) = new_ref(item);
            l.ob_base.ob_size = n + 1;
            return Ok(());
        }
        resize(op, n + 1)?;
        *fields(op).ob_item.add(n as usize) = new_ref(item);
    }
    Ok(())
}

/// `list.insert(where, v)` (`PyList_Insert`): negative positions count from the end; out of
/// range positions are clipped.
///
/// # Safety
/// `op` is a list, `v` live.
pub(crate) unsafe fn insert(op: *mut PyObject, mut at: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let n = size(op);
        resize(op, n + 1)?;
        if at < 0 {
            at = (at + n).max(0);
        }
        let at = at.min(n) as usize;
        let p = fields(op).ob_item;
        std::ptr::copy(p.add(at), p.add(at + 1), n as usize - at);
        *p.add(at) = new_ref(v);
    }
    Ok(())
}

/// Empties the list. The items are dropped after the list is empty, since dropping them
/// may run code that looks at it (it may even have been refilled when this returns).
///
/// # Safety
/// `op` is a list.
pub(crate) unsafe fn clear(op: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        let l = fields(op);
        let items = l.ob_item;
        if items.is_null() {
            return;
        }
        let n = l.ob_base.ob_size;
        l.ob_base.ob_size = 0;
        l.ob_item = null_mut();
        l.allocated = 0;
        for i in (0..n as usize).rev() {
            xdecref(*items.add(i));
        }
        alloc::free(items.cast());
    }
}

/// `PySequence_Fast(v, msg)`: `v` itself if it is an exact list or tuple, else a new list
/// of its items; a non-iterable raises `TypeError(msg)`.
pub(crate) unsafe fn sequence_fast(v: *mut PyObject, msg: &str) -> PyResult<Owned> {
    // SAFETY: per caller, live.
    unsafe {
        let tp = type_of(v);
        if tp == &raw mut PyList_Type || tp == &raw mut tupleobject::PyTuple_Type {
            return Ok(new_ref(v));
        }
        let it = match abstract_::get_iter(v) {
            Ok(it) => it,
            Err(e) => {
                if errors::matches(&raw mut exceptions::_PyExc_TypeError) {
                    return Err(errors::type_error(msg));
                }
                return Err(e);
            }
        };
        let l = new(0);
        let r = l.and_then(|l| match extend_from_iter(l, it) {
            Ok(()) => Ok(l),
            Err(e) => {
                decref(l);
                Err(e)
            }
        });
        decref(it);
        r
    }
}

/// The items of an exact list or tuple from [`sequence_fast`].
pub(crate) unsafe fn fast_items<'a>(seq: *mut PyObject) -> &'a [*mut PyObject] {
    // SAFETY: per caller, an exact list or tuple.
    unsafe {
        if is_list(seq) {
            items(seq)
        } else {
            tupleobject::items(seq)
        }
    }
}

/// Appends what the iterator `it` yields.
unsafe fn extend_from_iter(op: *mut PyObject, it: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller, a list and an iterator.
    unsafe {
        while let Some(item) = abstract_::iter_next(it)? {
            let r = append(op, item);
            decref(item);
            r?;
        }
    }
    Ok(())
}

/// `list.extend(iterable)` (`PyList_Extend`, `l += iterable`). `l.extend(l)` doubles `l`.
///
/// # Safety
/// `op` is a list, `iterable` live.
pub(crate) unsafe fn extend(op: *mut PyObject, iterable: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if iterable == op {
            return inplace_repeat(op, 2);
        }
        let tp = type_of(iterable);
        if tp == &raw mut PyList_Type || tp == &raw mut tupleobject::PyTuple_Type {
            let src = fast_items(iterable);
            if src.is_empty() {
                return Ok(());
            }
            let m = size(op);
            resize(op, m + src.len() as Py_ssize_t)?;
            let dst = fields(op).ob_item.add(m as usize);
            for (i, &item) in src.iter().enumerate() {
                *dst.add(i) = new_ref(item);
            }
            return Ok(());
        }
        let it = abstract_::get_iter(iterable)?;
        let r = extend_from_iter(op, it);
        decref(it);
        r
    }
}

/// `l *= n`: the items repeated `n` times in place (`n <= 0` empties the list).
///
/// # Safety
/// `op` is a list.
pub(crate) unsafe fn inplace_repeat(op: *mut PyObject, n: Py_ssize_t) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let len = size(op);
        if len == 0 || n == 1 {
            return Ok(());
        }
        if n < 1 {
            clear(op);
            return Ok(());
        }
        if len > Py_ssize_t::MAX / n {
            return Err(errors::no_memory());
        }
        resize(op, len * n)?;
        let p = fields(op).ob_item;
        for j in 0..len as usize {
            let item = *p.add(j);
            for _ in 1..n {
                incref(item);
            }
        }
        for k in 1..n as usize {
            std::ptr::copy_nonoverlapping(p, p.add(k * len as usize), len as usize);
        }
    }
    Ok(())
}

/// `PyList_Reverse`.
///
/// # Safety
/// `op` is a list.
pub(crate) unsafe fn reverse(op: *mut PyObject) {
    // SAFETY: per caller; the array holds `size` items.
    unsafe {
        let l = fields(op);
        if l.ob_base.ob_size > 1 {
            std::slice::from_raw_parts_mut(l.ob_item, l.ob_base.ob_size as usize).reverse();
        }
    }
}

pub(crate) unsafe extern "C" fn list_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on a list with no references.
    unsafe {
        gc::untrack_known(op);
        let l = fields(op);
        for i in (0..l.ob_base.ob_size).rev() {
            xdecref(*l.ob_item.add(i as usize));
        }
        alloc::free(l.ob_item.cast());
        if type_of(op) == &raw mut PyList_Type {
            gc::free_object(op);
        } else {
            typeobject::object_dealloc(op);
        }
    }
}

/// `tp_traverse`: the items.
unsafe extern "C" fn list_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: called by the collector (or C) with a list; the items are live or NULL.
    unsafe {
        let l = fields(op);
        for i in (0..l.ob_base.ob_size).rev() {
            gc::py_visit!(*l.ob_item.add(i as usize), visit, arg);
        }
    }
    0
}

/// `tp_clear`: empties the list (what breaks a cycle through it).
unsafe extern "C" fn list_tp_clear(op: *mut PyObject) -> c_int {
    // SAFETY: called by the collector with a list.
    unsafe { clear(op) };
    0
}

/// `list.__init__`: `list()`, `list(iterable)`; an existing list is emptied first.
unsafe extern "C" fn list_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init with a list, an argument tuple and NULL or a mapping.
    unsafe {
        if abstract_::no_keywords("list", kwds).is_err() {
            return -1;
        }
        let args = if args.is_null() { &[][..] } else { tupleobject::items(args) };
        if args.len() > 1 {
            errors::type_error(&format!("list expected at most 1 argument, got {}", args.len()));
            return -1;
        }
        clear(op);
        match args.first() {
            Some(&iterable) if extend(op, iterable).is_err() => -1,
            _ => 0,
        }
    }
}

/// `PyObject_HashNotImplemented`: what unhashable types put in `tp_hash`.
pub(crate) unsafe extern "C" fn hash_not_implemented(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: called through tp_hash with a live object.
    unsafe { errors::type_error(&format!("unhashable type: '{}'", type_name(type_of(op)))) };
    -1
}

// --- slots ----------------------------------------------------------------------------------

unsafe extern "C" fn list_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a list.
    unsafe {
        if size(op) == 0 {
            return unicodeobject::from_str("[]").unwrap_or(null_mut());
        }
        reprenter::guarded(op, "[...]", || {
            let mut text = String::from("[");
            // An item's repr may change the list: re-read it every time.
            let mut i = 0;
            while i < size(op) {
                if i > 0 {
                    text.push_str(", ");
                }
                let item = new_ref(*fields(op).ob_item.add(i as usize));
                let r = abstract_::repr(item);
                decref(item);
                let r = r?;
                text.push_str(unicodeobject::as_str(r));
                decref(r);
                i += 1;
            }
            text.push(']');
            unicodeobject::from_str(&text)
        })
        .unwrap_or(null_mut())
    }
}

unsafe extern "C" fn list_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: called through sq_length with a list.
    unsafe { size(op) }
}

unsafe extern "C" fn list_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through sq_concat with a list and a live object.
    unsafe {
        if !is_list(b) {
            errors::type_error(&format!(
                "can only concatenate list (not \"{}\") to list",
                type_name(type_of(b))
            ));
            return null_mut();
        }
        let (ia, ib) = (items(a), items(b));
        let Ok(l) = new(ia.len() as Py_ssize_t + ib.len() as Py_ssize_t) else { return null_mut() };
        let dst = fields(l).ob_item;
        for (i, &item) in ia.iter().chain(ib).enumerate() {
            *dst.add(i) = new_ref(item);
        }
        l
    }
}

unsafe extern "C" fn list_repeat(a: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through sq_repeat with a list.
    unsafe {
        let len = size(a);
        if len == 0 || n <= 0 {
            return new(0).unwrap_or(null_mut());
        }
        if len > Py_ssize_t::MAX / n {
            errors::no_memory();
            return null_mut();
        }
        let Ok(l) = new(len * n) else { return null_mut() };
        let src = items(a);
        let dst = fields(l).ob_item;
        for &item in src {
            for _ in 0..n {
                incref(item);
            }
        }
        for k in 0..n as usize {
            std::ptr::copy_nonoverlapping(src.as_ptr(), dst.add(k * src.len()), src.len());
        }
        l
    }
}

pub(crate) unsafe extern "C" fn list_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through sq_item with a list.
    unsafe {
        match items(op).get(i as usize) {
            Some(&item) if i >= 0 => new_ref(item),
            _ => {
                errors::index_error("list index out of range");
                null_mut()
            }
        }
    }
}

/// `l[i] = v`, or `del l[i]` when `v` is NULL.
pub(crate) unsafe extern "C" fn list_ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    // SAFETY: called through sq_ass_item with a list and NULL or a live object.
    unsafe {
        let n = size(op);
        if i < 0 || i >= n {
            errors::index_error("list assignment index out of range");
            return -1;
        }
        let p = fields(op).ob_item;
        let old = *p.add(i as usize);
        if v.is_null() {
            std::ptr::copy(p.add(i as usize + 1), p.add(i as usize), (n - i - 1) as usize);
            fields(op).ob_base.ob_size = n - 1;
        } else {
            *p.add(i as usize) = new_ref(v);
        }
        decref(old);
        0
    }
}

unsafe extern "C" fn list_contains(op: *mut PyObject, el: *mut PyObject) -> c_int {
    // SAFETY: called through sq_contains with a list and a live object.
    unsafe {
        let mut i = 0;
        while let Some(&item) = items(op).get(i) {
            incref(item);
            let r = abstract_::rich_compare_bool(item, el, Py_EQ);
            decref(item);
            match r {
                Ok(true) => return 1,
                Ok(false) => {}
                Err(_) => return -1,
            }
            i += 1;
        }
        0
    }
}

unsafe extern "C" fn list_inplace_concat(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through sq_inplace_concat with a list and a live object.
    unsafe {
        match extend(op, other) {
            Ok(()) => new_ref(op),
            Err(_) => null_mut(),
        }
    }
}

unsafe extern "C" fn list_inplace_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through sq_inplace_repeat with a list.
    unsafe {
        match inplace_repeat(op, n) {
            Ok(()) => new_ref(op),
            Err(_) => null_mut(),
        }
    }
}

/// Lists compare item by item (CPython's algorithm, as tuples, plus a length shortcut for
/// `==`/`!=`). The lists may change during the item comparisons: sizes and items are read
/// afresh each step and the items held while compared.
unsafe extern "C" fn list_richcompare(v: *mut PyObject, w: *mut PyObject, op: c_int) -> *mut PyObject {
    // SAFETY: called through tp_richcompare with live objects.
    unsafe {
        if !is_list(v) || !is_list(w) {
            return new_ref(singletons::not_implemented());
        }
        if size(v) != size(w) && (op == Py_EQ || op == Py_NE) {
            return longobject::from_bool(op == Py_NE);
        }
        let mut i = 0;
        while i < size(v) && i < size(w) {
            let (a, b) = (*fields(v).ob_item.add(i as usize), *fields(w).ob_item.add(i as usize));
            if a != b {
                incref(a);
                incref(b);
                let r = abstract_::rich_compare_bool(a, b, Py_EQ);
                decref(a);
                decref(b);
                match r {
                    Err(_) => return null_mut(),
                    Ok(false) => break,
                    Ok(true) => {}
                }
            }
            i += 1;
        }
        if i >= size(v) || i >= size(w) {
            return tupleobject::compare_sizes(size(v), size(w), op);
        }
        if op == Py_EQ || op == Py_NE {
            return longobject::from_bool(op == Py_NE);
        }
        let (a, b) = (*fields(v).ob_item.add(i as usize), *fields(w).ob_item.add(i as usize));
        incref(a);
        incref(b);
        let r = abstract_::rich_compare(a, b, op);
        decref(a);
        decref(b);
        r.unwrap_or(null_mut())
    }
}
