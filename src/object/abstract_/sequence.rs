//! The sequence protocol (CPython's `PySequence_*`): `sq_*` slots with CPython's fallbacks
//! to the number slots, negative indices adjusted by `sq_length`, searching by iteration,
//! and conversion to tuples and lists.
//!
//! Slices (`PySequence_GetSlice`, `SetSlice`, `DelSlice`) go through `mp_subscript` /
//! `mp_ass_subscript` with a `slice(i1, i2)` object, as CPython.

use super::number::{self, BinOp};
use super::*;

#[inline]
fn owned(r: *mut PyObject) -> PyResult<Owned> {
    if r.is_null() {
        Err(PyErr)
    } else {
        Ok(r)
    }
}

/// `PySequence_Check`: has `sq_item` and is not a `dict`. Tuples and lists (and their
/// subclasses, which inherit it) always have `sq_item` in CPython: the flag test says so
/// before the containers give the core types their slots, and is the fast path after.
pub(crate) unsafe fn check(s: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(s);
        has_flag(tp, Py_TPFLAGS_TUPLE_SUBCLASS | Py_TPFLAGS_LIST_SUBCLASS)
            || (!has_flag(tp, Py_TPFLAGS_DICT_SUBCLASS) && sq(s).is_some_and(|m| m.sq_item.is_some()))
    }
}

/// `PySequence_Size`.
pub(crate) unsafe fn size(s: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: per caller.
    unsafe {
        if let Some(f) = sq(s).and_then(|m| m.sq_length) {
            let n = f(s);
            return if n < 0 { Err(PyErr) } else { Ok(n) };
        }
        if mp(s).is_some_and(|m| m.mp_length.is_some()) {
            return Err(errors::type_error(&format!("{} is not a sequence", oname(s, 200))));
        }
        Err(errors::type_error(&format!("object of type '{}' has no len()", oname(s, 200))))
    }
}

/// `PySequence_Concat`: `sq_concat`, else `nb_add` when both are sequences.
pub(crate) unsafe fn concat(s: *mut PyObject, o: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if let Some(f) = sq(s).and_then(|m| m.sq_concat) {
            return owned(f(s, o));
        }
        // Classes defining only `__add__` fill `nb_add`, not `sq_concat`.
        if check(s) && check(o) {
            if let Some(r) = number::binary_op1(s, o, |m| m.nb_add)? {
                return Ok(r);
            }
        }
        Err(errors::type_error(&format!("'{}' object can't be concatenated", oname(s, 200))))
    }
}

/// `PySequence_Repeat`: `sq_repeat`, else `nb_multiply` with an `int` for a sequence.
pub(crate) unsafe fn repeat(o: *mut PyObject, count: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if let Some(f) = sq(o).and_then(|m| m.sq_repeat) {
            return owned(f(o, count));
        }
        if check(o) {
            let n = longobject::from_i64(count as i64)?;
            let r = number::binary_op1(o, n, |m| m.nb_multiply);
            decref(n);
            if let Some(r) = r? {
                return Ok(r);
            }
        }
        Err(errors::type_error(&format!("'{}' object can't be repeated", oname(o, 200))))
    }
}

/// `PySequence_InPlaceConcat`: `sq_inplace_concat`, `sq_concat`, then `+=` for sequences.
pub(crate) unsafe fn in_place_concat(s: *mut PyObject, o: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if let Some(f) = sq(s).and_then(|m| m.sq_inplace_concat.or(m.sq_concat)) {
            return owned(f(s, o));
        }
        if check(s) && check(o) {
            if let Some(r) = in_place_op1(s, o, BinOp::Add)? {
                return Ok(r);
            }
        }
        Err(errors::type_error(&format!("'{}' object can't be concatenated", oname(s, 200))))
    }
}

/// `PySequence_InPlaceRepeat`: `sq_inplace_repeat`, `sq_repeat`, then `*=` for sequences.
pub(crate) unsafe fn in_place_repeat(o: *mut PyObject, count: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if let Some(f) = sq(o).and_then(|m| m.sq_inplace_repeat.or(m.sq_repeat)) {
            return owned(f(o, count));
        }
        if check(o) {
            let n = longobject::from_i64(count as i64)?;
            let r = in_place_op1(o, n, BinOp::Mul);
            decref(n);
            if let Some(r) = r? {
                return Ok(r);
            }
        }
        Err(errors::type_error(&format!("'{}' object can't be repeated", oname(o, 200))))
    }
}

/// The number slots of `v <op>= w` without the sequence fallbacks (`binary_iop1`).
unsafe fn in_place_op1(v: *mut PyObject, w: *mut PyObject, op: BinOp) -> PyResult<Option<Owned>> {
    // SAFETY: per caller.
    unsafe {
        let m = (*type_of(v)).tp_as_number;
        let islot = match op {
            BinOp::Add => (!m.is_null()).then(|| (*m).nb_inplace_add).flatten(),
            _ => (!m.is_null()).then(|| (*m).nb_inplace_multiply).flatten(),
        };
        if let Some(f) = islot {
            let r = f(v, w);
            if r.is_null() {
                return Err(PyErr);
            }
            if r != singletons::not_implemented() {
                return Ok(Some(r));
            }
            decref(r);
        }
        match op {
            BinOp::Add => number::binary_op1(v, w, |m| m.nb_add),
            _ => number::binary_op1(v, w, |m| m.nb_multiply),
        }
    }
}

/// `i += len(s)` for a negative `i`, when the type has `sq_length`.
unsafe fn adjust(s: *mut PyObject, m: &PySequenceMethods, i: Py_ssize_t) -> PyResult<Py_ssize_t> {
    if i >= 0 {
        return Ok(i);
    }
    match m.sq_length {
        Some(len) => {
            // SAFETY: per caller.
            let n = unsafe { len(s) };
            if n < 0 {
                Err(PyErr)
            } else {
                Ok(i + n)
            }
        }
        None => Ok(i),
    }
}

/// `s[i]` (`PySequence_GetItem`).
pub(crate) unsafe fn get_item(s: *mut PyObject, i: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if let Some(m) = sq(s) {
            if let Some(f) = m.sq_item {
                let i = adjust(s, m, i)?;
                return owned(f(s, i));
            }
        }
        if mp(s).is_some_and(|m| m.mp_subscript.is_some()) {
            return Err(errors::type_error(&format!("{} is not a sequence", oname(s, 200))));
        }
        Err(errors::type_error(&format!("'{}' object does not support indexing", oname(s, 200))))
    }
}

/// `s[i] = v` (`PySequence_SetItem`), or `del s[i]` (`PySequence_DelItem`, `deleting`): a
/// NULL `v` deletes through `sq_ass_item` either way, as CPython; `deleting` only chooses
/// the message when the type cannot do it.
pub(crate) unsafe fn set_item(
    s: *mut PyObject,
    i: Py_ssize_t,
    v: *mut PyObject,
    deleting: bool,
) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if let Some(m) = sq(s) {
            if let Some(f) = m.sq_ass_item {
                let i = adjust(s, m, i)?;
                return if f(s, i, v) < 0 { Err(PyErr) } else { Ok(()) };
            }
        }
        if mp(s).is_some_and(|m| m.mp_ass_subscript.is_some()) {
            return Err(errors::type_error(&format!("{} is not a sequence", oname(s, 200))));
        }
        Err(errors::type_error(&format!(
            "'{}' object {}",
            oname(s, 200),
            if deleting { "doesn't support item deletion" } else { "does not support item assignment" }
        )))
    }
}

/// `slice(i1, i2)` (CPython's `_PySlice_FromIndices`).
fn make_slice(i1: Py_ssize_t, i2: Py_ssize_t) -> PyResult<Owned> {
    let start = longobject::from_i64(i1 as i64)?;
    let stop = match longobject::from_i64(i2 as i64) {
        Ok(stop) => stop,
        Err(e) => {
            // SAFETY: ours.
            unsafe { decref(start) };
            return Err(e);
        }
    };
    // SAFETY: live ints; `new` takes its own references.
    unsafe {
        let r = sliceobject::new(start, stop, singletons::none());
        decref(start);
        decref(stop);
        r
    }
}

/// `s[i1:i2]` (`PySequence_GetSlice`), through `mp_subscript`.
pub(crate) unsafe fn get_slice(s: *mut PyObject, i1: Py_ssize_t, i2: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if let Some(f) = mp(s).and_then(|m| m.mp_subscript) {
            let slice = make_slice(i1, i2)?;
            let r = f(s, slice);
            decref(slice);
            return owned(r);
        }
        Err(errors::type_error(&format!("'{}' object is unsliceable", oname(s, 200))))
    }
}

/// `s[i1:i2] = v` (`PySequence_SetSlice`; NULL `v` deletes) or `del s[i1:i2]`
/// (`PySequence_DelSlice`, `deleting`), through `mp_ass_subscript`.
pub(crate) unsafe fn set_slice(
    s: *mut PyObject,
    i1: Py_ssize_t,
    i2: Py_ssize_t,
    v: *mut PyObject,
    deleting: bool,
) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if let Some(f) = mp(s).and_then(|m| m.mp_ass_subscript) {
            let slice = make_slice(i1, i2)?;
            let r = f(s, slice, v);
            decref(slice);
            return if r < 0 { Err(PyErr) } else { Ok(()) };
        }
        let what = if deleting { "deletion" } else { "assignment" };
        Err(errors::type_error(&format!("'{}' object doesn't support slice {what}", oname(s, 200))))
    }
}

/// What [`iter_search`] looks for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Search {
    Count,
    Index,
    Contains,
}

/// CPython's `_PySequence_IterSearch`: iterates `seq` comparing each item (on the left)
/// with `obj` by `==`. Count gives the number of matches, Index the first position
/// (`ValueError` if none), Contains 1 or 0.
pub(crate) unsafe fn iter_search(seq: *mut PyObject, obj: *mut PyObject, op: Search) -> PyResult<Py_ssize_t> {
    // SAFETY: per caller.
    unsafe {
        let mut it = match Iter::new(seq) {
            Ok(it) => it,
            Err(e) => {
                if errors::matches(&raw mut exceptions::_PyExc_TypeError) {
                    return Err(errors::type_error(&format!(
                        "argument of type '{}' is not iterable",
                        oname(seq, 200)
                    )));
                }
                return Err(e);
            }
        };
        let mut n: Py_ssize_t = 0;
        let mut wrapped = false;
        while let Some(item) = it.next()? {
            let cmp = rich_compare_bool(item, obj, Py_EQ);
            decref(item);
            if cmp? {
                match op {
                    Search::Count => {
                        if n == Py_ssize_t::MAX {
                            return Err(errors::overflow_error("count exceeds C integer size"));
                        }
                        n += 1;
                    }
                    Search::Index => {
                        if wrapped {
                            return Err(errors::overflow_error("index exceeds C integer size"));
                        }
                        return Ok(n);
                    }
                    Search::Contains => return Ok(1),
                }
            }
            if op == Search::Index {
                if n == Py_ssize_t::MAX {
                    wrapped = true;
                }
                n = n.wrapping_add(1);
            }
        }
        match op {
            Search::Index => Err(errors::value_error("sequence.index(x): x not in sequence")),
            _ => Ok(n),
        }
    }
}

/// `obj in seq` (`PySequence_Contains`): `sq_contains`, else a search by iteration.
pub(crate) unsafe fn contains(seq: *mut PyObject, obj: *mut PyObject) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe {
        if let Some(f) = sq(seq).and_then(|m| m.sq_contains) {
            let r = f(seq, obj);
            return if r < 0 { Err(PyErr) } else { Ok(r > 0) };
        }
        Ok(iter_search(seq, obj, Search::Contains)? > 0)
    }
}

/// The items of any iterable, owned (what `tuple()` and `list()` are made of).
unsafe fn collect(v: *mut PyObject) -> PyResult<Vec<Owned>> {
    // SAFETY: per caller.
    unsafe {
        let mut it = Iter::new(v)?;
        let hint = length_hint(v, 8).unwrap_or_else(|_| {
            errors::clear();
            8
        });
        let mut items = Vec::with_capacity(hint.clamp(0, 1 << 16) as usize);
        loop {
            match it.next() {
                Ok(Some(item)) => items.push(item),
                Ok(None) => return Ok(items),
                Err(e) => {
                    for item in items {
                        decref(item);
                    }
                    return Err(e);
                }
            }
        }
    }
}

/// A tuple owning `items`.
pub(crate) fn tuple_from_vec(items: Vec<Owned>) -> PyResult<Owned> {
    let t = match tupleobject::new(items.len() as Py_ssize_t) {
        Ok(t) => t,
        Err(e) => {
            for item in items {
                // SAFETY: owned.
                unsafe { decref(item) };
            }
            return Err(e);
        }
    };
    for (i, item) in items.into_iter().enumerate() {
        // SAFETY: a fresh tuple with room for every item.
        unsafe { tupleobject::set_item(t, i as Py_ssize_t, item) };
    }
    Ok(t)
}

/// `tuple(v)` (`PySequence_Tuple`): a tuple is itself.
pub(crate) unsafe fn tuple(v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if type_of(v) == &raw mut tupleobject::PyTuple_Type {
            return Ok(new_ref(v));
        }
        if type_of(v) == &raw mut listobject::PyList_Type {
            return tupleobject::pack(listobject::items(v));
        }
        tuple_from_vec(collect(v)?)
    }
}

/// `list(v)` (`PySequence_List`): always a new list.
pub(crate) unsafe fn list(v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe { listobject::from_vec(collect(v)?) }
}

/// `PySequence_Fast`: an exact list or tuple is itself, anything iterable becomes a list;
/// a `TypeError` (not iterable) is replaced by one with the message `m`.
pub(crate) unsafe fn fast(v: *mut PyObject, m: &str) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(v);
        if tp == &raw mut listobject::PyList_Type || tp == &raw mut tupleobject::PyTuple_Type {
            return Ok(new_ref(v));
        }
        let items = match collect_checked(v) {
            Ok(items) => items,
            Err(e) => {
                if errors::matches(&raw mut exceptions::_PyExc_TypeError) {
                    return Err(errors::type_error(m));
                }
                return Err(e);
            }
        };
        listobject::from_vec(items?)
    }
}

/// [`collect`] split in two: the outer error is from making the iterator (what
/// `PySequence_Fast` rewords), the inner one from iterating.
unsafe fn collect_checked(v: *mut PyObject) -> PyResult<PyResult<Vec<Owned>>> {
    // SAFETY: per caller.
    unsafe {
        let mut it = Iter::new(v)?;
        let mut items = Vec::new();
        loop {
            match it.next() {
                Ok(Some(item)) => items.push(item),
                Ok(None) => return Ok(Ok(items)),
                Err(e) => {
                    for item in items {
                        decref(item);
                    }
                    return Ok(Err(e));
                }
            }
        }
    }
}
