//! `set` and `frozenset`: CPython 3.13's `PySetObject` and its table algorithm (`table`).
//!
//! Element hashing and comparison share the dict's fast paths for exact `str` and `int`
//! (`dictobject::key`).

mod ops;
mod slots;
pub(crate) mod table;
#[cfg(test)]
mod tests;

use std::ptr::null_mut;

use super::dictobject::{self, key};
use super::*;
use crate::abi::{setentry, PySetObject};
pub(crate) use ops::*;
pub(crate) use slots::{PyFrozenSet_Type, PySetIter_Type, PySet_Type};
use table::set;

/// `PySet_Check`: a set or a subclass.
///
/// # Safety
/// `op` is live.
#[inline]
pub(crate) unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { typeobject::type_check(op, &raw mut PySet_Type) }
}

/// `PyFrozenSet_Check`: a frozenset or a subclass.
///
/// # Safety
/// `op` is live.
#[inline]
pub(crate) unsafe fn check_frozen(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { typeobject::type_check(op, &raw mut PyFrozenSet_Type) }
}

/// `PyAnySet_Check`.
///
/// # Safety
/// `op` is live.
#[inline]
pub(crate) unsafe fn check_any(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        tp == &raw mut PySet_Type || tp == &raw mut PyFrozenSet_Type || check(op) || check_frozen(op)
    }
}

/// # Safety
/// `so` is a set or frozenset.
#[inline]
pub(crate) unsafe fn size(so: *mut PyObject) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe { set(so).used }
}

/// A new set of type `tp` (set, frozenset or a subclass), filled from `iterable` if not
/// NULL (CPython's `make_new_set`).
///
/// # Safety
/// `tp` is a ready set or frozenset type; `iterable` NULL or live.
pub(crate) unsafe fn make_new(tp: *mut PyTypeObject, iterable: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let so = if tp == &raw mut PySet_Type || tp == &raw mut PyFrozenSet_Type {
            let p = gc::alloc_object_uninit(std::mem::size_of::<PySetObject>())?;
            typeobject::init_object(p, tp);
            table::init_fields(p);
            // Tracked at once, as CPython's (the table is empty and consistent).
            gc::track_new(p);
            p
        } else {
            let p = match (*tp).tp_alloc {
                Some(a) => a(tp, 0),
                None => typeobject::generic_alloc(tp, 0)?,
            };
            if p.is_null() {
                return Err(PyErr);
            }
            table::init_fields(p);
            p
        };
        if !iterable.is_null() {
            if let Err(e) = update(so, iterable) {
                decref(so);
                return Err(e);
            }
        }
        Ok(so)
    }
}

/// As [`make_new`], with a subclass replaced by its base (`set` or `frozenset`): what set
/// operations return (CPython's `make_new_set_basetype`).
///
/// # Safety
/// As [`make_new`].
pub(crate) unsafe fn make_new_basetype(tp: *mut PyTypeObject, iterable: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let base = if typeobject::is_subtype(tp, &raw mut PySet_Type) {
            &raw mut PySet_Type
        } else {
            &raw mut PyFrozenSet_Type
        };
        make_new(base, iterable)
    }
}

/// Adds `key`.
///
/// # Safety
/// `so` is a set, `key` live.
#[inline]
pub(crate) unsafe fn add_key(so: *mut PyObject, key: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let hash = key::hash(key)?;
        table::add_entry(so, key, hash).map(|_| ())
    }
}

/// Removes `key` if present; returns whether it was.
///
/// # Safety
/// `so` is a set, `key` live.
pub(crate) unsafe fn discard_key(so: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe {
        let hash = key::hash(key)?;
        table::discard_entry(so, key, hash)
    }
}

/// `key in so` (`PySet_Contains`: an unhashable key is an error).
///
/// # Safety
/// `so` is a set or frozenset, `key` live.
pub(crate) unsafe fn contains_key(so: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe {
        let hash = key::hash(key)?;
        table::contains_entry(so, key, hash)
    }
}

/// `key in so` as the `in` operator does it: an unhashable `set` key is looked up as the
/// equal frozenset.
///
/// # Safety
/// As [`contains_key`].
pub(crate) unsafe fn contains_or_frozen(so: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe {
        match contains_key(so, key) {
            Err(_) if check(key) && errors::matches(&raw mut exceptions::_PyExc_TypeError) => {
                errors::clear();
                table::contains_entry(so, key, table::hash_of(key))
            }
            r => r,
        }
    }
}

/// `so.pop()`: removes and returns (owned) an arbitrary element, resuming the search where
/// the last one stopped; `KeyError("pop from an empty set")` when empty.
///
/// # Safety
/// `so` is a set.
pub(crate) unsafe fn pop(so: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller; the search wraps within the table.
    unsafe {
        let s = set(so);
        if s.used == 0 {
            return Err(errors::key_error_msg("pop from an empty set"));
        }
        let mask = s.mask as usize;
        let d = table::dummy();
        let mut i = s.finger as usize & mask;
        loop {
            let k = (*s.table.add(i)).key;
            if !k.is_null() && k != d {
                break;
            }
            i = if i == mask { 0 } else { i + 1 };
        }
        let e = &mut *s.table.add(i);
        let key = e.key;
        e.key = d;
        e.hash = -1;
        s.used -= 1;
        s.finger = i as Py_ssize_t + 1;
        Ok(key)
    }
}

/// Adds every element of `other` (CPython's `set_update_internal`): a set's or frozenset's
/// with their stored hashes, an exact dict's keys likewise, else whatever iterating gives.
///
/// # Safety
/// `so` is a set (or a frozenset being built), `other` live.
pub(crate) unsafe fn update(so: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if check_any(other) {
            return merge(so, other);
        }
        if dictobject::check_exact(other) {
            return update_from_dict(so, other);
        }
        let it = abstract_::get_iter(other)?;
        let r = loop {
            match abstract_::iter_next(it) {
                Ok(Some(k)) => {
                    let r = add_key(so, k);
                    decref(k);
                    if let Err(e) = r {
                        break Err(e);
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        decref(it);
        r
    }
}

unsafe fn update_from_dict(so: *mut PyObject, d: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller, a set and an exact dict.
    unsafe {
        let n = dictobject::size(d) as usize;
        let s = set(so);
        if (s.fill as usize + n) * 5 >= s.mask as usize * 3 {
            table::resize(so, (s.used as usize + n) * 2)?;
        }
        let mut pos = 0;
        while let Some((ix, e)) = dictobject::table::next_entry(d, pos) {
            pos = ix + 1;
            let (k, h) = (e.key, e.hash);
            incref(k);
            let r = table::add_entry(so, k, h);
            decref(k);
            r?;
        }
        Ok(())
    }
}

/// Adds the elements of the set or frozenset `other` (CPython's `set_merge`).
///
/// # Safety
/// `so` is a set, `other` a set or frozenset.
pub(crate) unsafe fn merge(so: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let (s, o) = (set(so), set(other));
        if so == other || o.used == 0 {
            return Ok(());
        }
        if (s.fill + o.used) * 5 >= s.mask * 3 {
            table::resize(so, ((s.used + o.used) * 2) as usize)?;
        }
        let (s, o) = (set(so), set(other));
        let d = table::dummy();
        if s.fill == 0 && s.mask == o.mask && o.fill == o.used {
            // Same size, nothing here, no dummies there: copy slot for slot.
            for i in 0..o.mask as usize + 1 {
                let e = *o.table.add(i);
                if !e.key.is_null() {
                    *s.table.add(i) = setentry { key: new_ref(e.key), hash: e.hash };
                }
            }
            s.fill = o.fill;
            s.used = o.used;
            return Ok(());
        }
        if s.fill == 0 {
            let before = (s.table, s.mask);
            s.fill = o.used;
            s.used = o.used;
            for i in 0..o.mask as usize + 1 {
                let e = *o.table.add(i);
                if !e.key.is_null() && e.key != d {
                    table::insert_clean(before.0, before.1 as usize, new_ref(e.key), e.hash);
                }
            }
            return Ok(());
        }
        let mut i = 0;
        while i <= set(other).mask as usize {
            let e = *set(other).table.add(i);
            i += 1;
            if !e.key.is_null() && e.key != d {
                incref(e.key);
                let r = table::add_entry(so, e.key, e.hash);
                decref(e.key);
                r?;
            }
        }
        Ok(())
    }
}

/// A shallow copy, of the base type (`set` or `frozenset`).
///
/// # Safety
/// `so` is a set or frozenset.
pub(crate) unsafe fn copy(so: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let c = make_new_basetype(type_of(so), null_mut())?;
        if let Err(e) = merge(c, so) {
            decref(c);
            return Err(e);
        }
        Ok(c)
    }
}
