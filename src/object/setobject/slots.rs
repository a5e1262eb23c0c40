//! The `set`, `frozenset` and `set_iterator` type objects and their slots.
//!
//! Not yet: the Python-level methods (`s.add(x)` ...: they come with method objects) and
//! cyclic GC support.

use std::ffi::{c_int, c_ulong};
use std::ptr::null_mut;

use super::table::{self, set};
use super::*;
use crate::abi::{_Py_TPFLAGS_MATCH_SELF, PyNumberMethods, PySequenceMethods, Py_TPFLAGS_BASETYPE};
use crate::object::dictobject::iter::self_iter;

static SET_AS_SEQUENCE: ReadOnly<PySequenceMethods> = ReadOnly(PySequenceMethods {
    sq_length: Some(set_len),
    sq_concat: None,
    sq_repeat: None,
    sq_item: None,
    was_sq_slice: null_mut(),
    sq_ass_item: None,
    was_sq_ass_slice: null_mut(),
    sq_contains: Some(set_contains),
    sq_inplace_concat: None,
    sq_inplace_repeat: None,
});

static SET_AS_NUMBER: ReadOnly<PyNumberMethods> = ReadOnly(PyNumberMethods {
    nb_subtract: Some(set_sub),
    nb_and: Some(set_and),
    nb_xor: Some(set_xor),
    nb_or: Some(set_or),
    nb_inplace_subtract: Some(set_isub),
    nb_inplace_and: Some(set_iand),
    nb_inplace_xor: Some(set_ixor),
    nb_inplace_or: Some(set_ior),
    ..singletons::NUMBER_TEMPLATE
});

/// A frozenset cannot change: its in-place operators fall back to the binary ones.
static FROZENSET_AS_NUMBER: ReadOnly<PyNumberMethods> = ReadOnly(PyNumberMethods {
    nb_subtract: Some(set_sub),
    nb_and: Some(set_and),
    nb_xor: Some(set_xor),
    nb_or: Some(set_or),
    ..singletons::NUMBER_TEMPLATE
});

/// `set`. Unhashable: `tp_hash` stays empty.
#[unsafe(no_mangle)]
pub static mut PySet_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"set".as_ptr(),
    tp_basicsize: std::mem::size_of::<PySetObject>() as Py_ssize_t,
    tp_dealloc: Some(set_dealloc),
    tp_repr: Some(set_repr),
    tp_as_number: SET_AS_NUMBER.as_mut_ptr(),
    tp_as_sequence: SET_AS_SEQUENCE.as_mut_ptr(),
    tp_flags: Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"Build an unordered collection of unique elements.".as_ptr(),
    tp_richcompare: Some(set_richcompare),
    tp_weaklistoffset: std::mem::offset_of!(PySetObject, weakreflist) as Py_ssize_t,
    tp_iter: Some(set_iter),
    tp_init: Some(set_init),
    tp_new: Some(set_new),
    ..TYPE_TEMPLATE
};

/// `frozenset`.
#[unsafe(no_mangle)]
pub static mut PyFrozenSet_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"frozenset".as_ptr(),
    tp_basicsize: std::mem::size_of::<PySetObject>() as Py_ssize_t,
    tp_dealloc: Some(set_dealloc),
    tp_repr: Some(set_repr),
    tp_as_number: FROZENSET_AS_NUMBER.as_mut_ptr(),
    tp_as_sequence: SET_AS_SEQUENCE.as_mut_ptr(),
    tp_hash: Some(frozenset_hash),
    tp_flags: Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"Build an immutable unordered collection of unique elements.".as_ptr(),
    tp_richcompare: Some(set_richcompare),
    tp_weaklistoffset: std::mem::offset_of!(PySetObject, weakreflist) as Py_ssize_t,
    tp_iter: Some(set_iter),
    tp_new: Some(frozenset_new),
    ..TYPE_TEMPLATE
};

/// `set_iterator` (CPython's `setiterobject`).
#[repr(C)]
struct SetIter {
    ob_base: PyObject,
    /// The set (owned); NULL once exhausted.
    si_set: *mut PyObject,
    /// The set's size when iteration began; -1 once a change was reported.
    si_used: Py_ssize_t,
    si_pos: Py_ssize_t,
    len: Py_ssize_t,
}

/// `set_iterator`.
#[unsafe(no_mangle)]
pub static mut PySetIter_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"set_iterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<SetIter>() as Py_ssize_t,
    tp_dealloc: Some(setiter_dealloc),
    tp_flags: 0 as c_ulong,
    tp_iter: Some(self_iter),
    tp_iternext: Some(setiter_next),
    ..TYPE_TEMPLATE
};

unsafe extern "C" fn set_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on a set with no references left.
    unsafe {
        let s = set(op);
        if !s.weakreflist.is_null() {
            weakrefobject::clear_weakrefs(op);
        }
        let (t, mask, used) = (s.table, s.mask as usize, s.used as usize);
        let malloced = t != s.smalltable.as_mut_ptr();
        table::drop_keys(t, mask, used);
        if malloced {
            alloc::free(t as *mut u8);
        }
        typeobject::object_dealloc(op);
    }
}

/// `{1, 2}`, `set()`, `frozenset({1})`, `frozenset()`; a subclass shows its name, as in
/// `S({1})`; `set(...)` for a set already being printed on this thread.
unsafe extern "C" fn set_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a set.
    unsafe { repr(op).unwrap_or(null_mut()) }
}

unsafe fn repr(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a set.
    let name = unsafe { type_name(type_of(op)) };
    // SAFETY: forwarded.
    reprenter::guarded(op, &format!("{name}(...)"), || unsafe { repr_body(op, &name) })
}

unsafe fn repr_body(op: *mut PyObject, name: &str) -> PyResult<Owned> {
    // SAFETY: a set; the elements are held (in a Vec) across their reprs.
    unsafe {
        if size(op) == 0 {
            return unicodeobject::from_str(&format!("{name}()"));
        }
        let mut keys = Vec::with_capacity(size(op) as usize);
        let mut pos = 0;
        while let Some(e) = table::next(op, &mut pos) {
            keys.push(new_ref(e.key));
        }
        let mut body = String::new();
        let mut r = Ok(());
        for (i, &k) in keys.iter().enumerate() {
            if i > 0 {
                body.push_str(", ");
            }
            r = dictobject::append_repr(&mut body, k);
            if r.is_err() {
                break;
            }
        }
        for k in keys {
            decref(k);
        }
        r?;
        let text = if type_of(op) == &raw mut PySet_Type {
            format!("{{{body}}}")
        } else {
            format!("{name}({{{body}}})")
        };
        unicodeobject::from_str(&text)
    }
}

/// `hash(frozenset)`: CPython's algorithm, cached.
unsafe extern "C" fn frozenset_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: called through tp_hash with a frozenset.
    unsafe {
        let s = set(op);
        if s.hash == -1 {
            s.hash = table::hash_of(op);
        }
        s.hash
    }
}

unsafe extern "C" fn set_len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: called through sq_length with a set.
    unsafe { size(op) }
}

unsafe extern "C" fn set_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    // SAFETY: called through sq_contains with a set.
    match unsafe { contains_or_frozen(op, key) } {
        Ok(b) => c_int::from(b),
        Err(_) => -1,
    }
}

unsafe extern "C" fn set_richcompare(v: *mut PyObject, w: *mut PyObject, op: c_int) -> *mut PyObject {
    // SAFETY: called through tp_richcompare with live objects.
    unsafe {
        if !check_any(v) || !check_any(w) || !(crate::abi::Py_LT..=crate::abi::Py_GE).contains(&op) {
            return new_ref(singletons::not_implemented());
        }
        match compare(v, w, op) {
            Ok(b) => longobject::from_bool(b),
            Err(_) => null_mut(),
        }
    }
}

/// Both operands must be sets or frozensets, else NotImplemented.
unsafe fn binary(
    a: *mut PyObject,
    b: *mut PyObject,
    f: unsafe fn(*mut PyObject, *mut PyObject) -> PyResult<Owned>,
) -> *mut PyObject {
    // SAFETY: live objects, per the slot's caller.
    unsafe {
        if !check_any(a) || !check_any(b) {
            return new_ref(singletons::not_implemented());
        }
        f(a, b).unwrap_or(null_mut())
    }
}

/// `other` must be a set or frozenset, else NotImplemented; `so` itself is the result.
unsafe fn inplace(
    so: *mut PyObject,
    other: *mut PyObject,
    f: unsafe fn(*mut PyObject, *mut PyObject) -> PyResult<()>,
) -> *mut PyObject {
    // SAFETY: live objects, per the slot's caller; `so` is a set.
    unsafe {
        if !check_any(other) {
            return new_ref(singletons::not_implemented());
        }
        match f(so, other) {
            Ok(()) => new_ref(so),
            Err(_) => null_mut(),
        }
    }
}

unsafe fn union(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, two sets.
    unsafe {
        let result = copy(a)?;
        if a != b {
            if let Err(e) = update(result, b) {
                decref(result);
                return Err(e);
            }
        }
        Ok(result)
    }
}

unsafe extern "C" fn set_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot call.
    unsafe { binary(a, b, union) }
}

unsafe extern "C" fn set_and(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot call.
    unsafe { binary(a, b, intersection) }
}

unsafe extern "C" fn set_sub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot call.
    unsafe { binary(a, b, difference) }
}

unsafe extern "C" fn set_xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot call.
    unsafe { binary(a, b, symmetric_difference) }
}

unsafe extern "C" fn set_ior(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot call.
    unsafe { inplace(a, b, update) }
}

unsafe extern "C" fn set_iand(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot call.
    unsafe { inplace(a, b, intersection_update) }
}

unsafe extern "C" fn set_isub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot call.
    unsafe { inplace(a, b, difference_update) }
}

unsafe extern "C" fn set_ixor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot call.
    unsafe { inplace(a, b, symmetric_difference_update) }
}

unsafe extern "C" fn set_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iter with a set.
    unsafe {
        let p = alloc::malloc(std::mem::size_of::<SetIter>()) as *mut SetIter;
        if p.is_null() {
            errors::no_memory();
            return null_mut();
        }
        typeobject::init_object(p.cast(), &raw mut PySetIter_Type);
        let n = size(op);
        let it = &mut *p;
        it.si_set = new_ref(op);
        it.si_used = n;
        it.si_pos = 0;
        it.len = n;
        p.cast()
    }
}

unsafe extern "C" fn setiter_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` with a set iterator.
    unsafe {
        xdecref((*(op as *mut SetIter)).si_set);
        typeobject::object_dealloc(op);
    }
}

/// The next element; `RuntimeError: Set changed size during iteration` once the set's size
/// differs from when iteration began.
unsafe extern "C" fn setiter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext with a set iterator.
    unsafe {
        let it = &mut *(op as *mut SetIter);
        let so = it.si_set;
        if so.is_null() {
            return null_mut();
        }
        if it.si_used != size(so) {
            errors::runtime_error("Set changed size during iteration");
            it.si_used = -1;
            return null_mut();
        }
        let mut pos = it.si_pos as usize;
        match table::next(so, &mut pos) {
            Some(e) => {
                it.si_pos = pos as Py_ssize_t;
                it.len -= 1;
                new_ref(e.key)
            }
            None => {
                it.si_pos = pos as Py_ssize_t;
                it.si_set = null_mut();
                decref(so);
                null_mut()
            }
        }
    }
}

/// `set.__new__`: an empty set (filling it is `__init__`'s business).
unsafe extern "C" fn set_new(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new with a set type.
    unsafe { make_new(tp, null_mut()).unwrap_or(null_mut()) }
}

/// `set.__init__(self, [iterable])`: empties the set, then adds the iterable's elements.
unsafe extern "C" fn set_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init with a set, a tuple or NULL, a dict or NULL.
    unsafe {
        if abstract_::no_keywords("set", kwds).is_err() {
            return -1;
        }
        let Some(iterable) = one_optional_arg(args, type_of(op)) else { return -1 };
        if set(op).fill != 0 {
            table::clear(op);
        }
        set(op).hash = -1;
        if !iterable.is_null() && update(op, iterable).is_err() {
            return -1;
        }
        0
    }
}

/// `frozenset.__new__(tp, [iterable])`; `frozenset(f)` of an exact frozenset is `f`.
unsafe extern "C" fn frozenset_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new with a frozenset type.
    unsafe {
        let frozen = &raw mut PyFrozenSet_Type;
        if (tp == frozen || (*tp).tp_init.map(|f| f as usize) == (*frozen).tp_init.map(|f| f as usize))
            && abstract_::no_keywords("frozenset", kwds).is_err()
        {
            return null_mut();
        }
        let Some(iterable) = one_optional_arg(args, tp) else { return null_mut() };
        if tp == frozen && !iterable.is_null() && type_of(iterable) == frozen {
            return new_ref(iterable);
        }
        make_new(tp, iterable).unwrap_or(null_mut())
    }
}

/// The one optional positional argument (NULL if none): `PyArg_UnpackTuple(args,
/// tp_name, 0, 1, ...)`; `None` with `TypeError` for more.
unsafe fn one_optional_arg(args: *mut PyObject, tp: *mut PyTypeObject) -> Option<*mut PyObject> {
    // SAFETY: per caller, NULL or a tuple, and a live type.
    unsafe {
        let n = if args.is_null() { 0 } else { tupleobject::size(args) };
        if n > 1 {
            errors::type_error(&format!("{} expected at most 1 argument, got {n}", type_name(tp)));
            return None;
        }
        Some(if n == 1 { tupleobject::get_item(args, 0) } else { null_mut() })
    }
}
