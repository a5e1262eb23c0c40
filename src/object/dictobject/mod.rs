//! `dict`: CPython 3.13's public head (`PyDictObject`) over a compact, insertion-ordered
//! table (`table`), CPython's design. Exact `str` and `int` keys take fast paths (`key`).
//!
//! Every operation here keeps the dict consistent before it can run Python code (a key's
//! `__eq__`, a value's deallocator): old keys and values are dropped last.

pub(crate) mod iter;
pub(crate) mod key;
mod merge;
mod slots;
pub(crate) mod table;
#[cfg(test)]
mod tests;

use std::ptr::null_mut;

use super::*;
use crate::abi::PyDictObject;
pub(crate) use merge::{equal, merge, merge_from_seq2, update_arg};
pub(crate) use slots::{append_repr, PyDict_Type};
use table::{dict, entry, keys_of, Keys, Probe};

/// Whether `op` is a dict or a subclass (`PyDict_Check`).
///
/// # Safety
/// `op` is live.
#[inline]
pub(crate) unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { has_flag(type_of(op), crate::abi::Py_TPFLAGS_DICT_SUBCLASS) }
}

/// Whether `op` is exactly a dict.
///
/// # Safety
/// `op` is live.
#[inline]
pub(crate) unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { type_of(op) == &raw mut PyDict_Type }
}

/// A new, empty dict (no table allocated until the first insertion).
/// It starts untracked, as CPython's: insertions track it once it holds a key or value
/// that may be tracked (see `table::maintain_tracking`).
pub(crate) fn new() -> PyResult<Owned> {
    let p = gc::alloc_object_uninit(std::mem::size_of::<PyDictObject>())?;
    // SAFETY: fresh memory of the right size.
    unsafe {
        typeobject::init_object(p, &raw mut PyDict_Type);
        init_fields(p);
    }
    Ok(p)
}

/// Sets up the fields of a freshly allocated dict (or dict subclass instance).
///
/// # Safety
/// `p` is a fresh dict object.
pub(crate) unsafe fn init_fields(p: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        let d = dict(p);
        d.ma_used = 0;
        d.ma_version_tag = 0;
        d.ma_keys = table::empty_keys().cast();
        d.ma_values = null_mut();
    }
}

/// A new dict with room for `n` items without resizing (`_PyDict_NewPresized`), up to
/// CPython's cap of 2**17 slots (a huge estimate should not allocate a huge table).
pub(crate) fn new_presized(n: usize) -> PyResult<Owned> {
    let d = new()?;
    let n = n.min(table::usable_fraction(1 << 17));
    if n > table::usable_fraction(table::MINSIZE) {
        // SAFETY: a fresh, empty dict.
        if let Err(e) = unsafe { table::resize(d, table::log2_keysize_for(n)) } {
            // SAFETY: ours.
            unsafe { decref(d) };
            return Err(e);
        }
    }
    Ok(d)
}

/// # Safety
/// `mp` is a dict.
#[inline]
pub(crate) unsafe fn size(mp: *mut PyObject) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe { dict(mp).ma_used }
}

/// `d[key]`: the value (borrowed), `None` if absent.
///
/// # Safety
/// `mp` is a dict, `key` live.
#[inline]
pub(crate) unsafe fn get(mp: *mut PyObject, key: *mut PyObject) -> PyResult<Option<*mut PyObject>> {
    // SAFETY: per caller.
    unsafe {
        let hash = key::hash(key)?;
        get_known_hash(mp, key, hash)
    }
}

/// As [`get`], with the key's hash known.
///
/// # Safety
/// As [`get`].
#[inline]
pub(crate) unsafe fn get_known_hash(
    mp: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
) -> PyResult<Option<*mut PyObject>> {
    // SAFETY: per caller.
    unsafe {
        if size(mp) == 0 {
            return Ok(None);
        }
        Ok(table::find(mp, key, hash)?.map(|ix| entry(mp, ix).value))
    }
}

/// `d[key] = value` (the dict takes its own references).
///
/// # Safety
/// `mp` is a dict, `key` and `value` live.
#[inline]
pub(crate) unsafe fn set(mp: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let hash = key::hash(key)?;
        table::insert(mp, key, hash, value)
    }
}

/// `key in d`.
///
/// # Safety
/// `mp` is a dict, `key` live.
pub(crate) unsafe fn contains(mp: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe { Ok(get(mp, key)?.is_some()) }
}

/// Removes `key` and returns its value (owned), or `None` if absent. The key's hash is
/// computed even for an empty dict only if `hash_empty` (`del d[k]` checks hashability;
/// `PyDict_Pop` does not).
///
/// # Safety
/// `mp` is a dict, `key` live.
pub(crate) unsafe fn pop(mp: *mut PyObject, key: *mut PyObject, hash_empty: bool) -> PyResult<Option<Owned>> {
    // SAFETY: per caller.
    unsafe {
        if size(mp) == 0 && !hash_empty {
            return Ok(None);
        }
        let hash = key::hash(key)?;
        if size(mp) == 0 {
            return Ok(None);
        }
        let Some(ix) = table::find(mp, key, hash)? else { return Ok(None) };
        let (old_key, old_value) = table::remove_entry(mp, ix);
        decref(old_key);
        Ok(Some(old_value))
    }
}

/// `del d[key]`: `KeyError(key)` if absent.
///
/// # Safety
/// `mp` is a dict, `key` live.
pub(crate) unsafe fn del(mp: *mut PyObject, key: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        match pop(mp, key, true)? {
            Some(v) => {
                decref(v);
                Ok(())
            }
            None => Err(errors::key_error(key)),
        }
    }
}

/// `d.setdefault(key, default)`: the value now stored for `key` (borrowed), and whether it
/// was there before.
///
/// # Safety
/// `mp` is a dict, `key` and `default` live.
pub(crate) unsafe fn setdefault(
    mp: *mut PyObject,
    key: *mut PyObject,
    default: *mut PyObject,
) -> PyResult<(*mut PyObject, bool)> {
    // SAFETY: per caller.
    unsafe {
        let hash = key::hash(key)?;
        match table::lookup(mp, key, hash)? {
            Probe::Found(ix) => Ok((entry(mp, ix).value, true)),
            Probe::Missing { slot } => {
                table::insert_new(mp, key, hash, default, slot)?;
                Ok((default, false))
            }
        }
    }
}

/// Empties the dict. Its keys and values are dropped after the dict is already empty, so
/// whatever their deallocators do sees a consistent (empty) dict.
///
/// # Safety
/// `mp` is a dict.
pub(crate) unsafe fn clear(mp: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        let old = keys_of(mp);
        if old == table::empty_keys() {
            return;
        }
        table::set_keys(mp, table::empty_keys());
        dict(mp).ma_used = 0;
        drop_table(old);
    }
}

/// Drops the references a detached table holds, then frees it.
///
/// # Safety
/// `k` is a table no dict uses any more.
pub(crate) unsafe fn drop_table(k: *mut Keys) {
    // SAFETY: per caller; the first `nentries` entries are initialized.
    unsafe {
        let entries = Keys::entries(k);
        for i in 0..(*k).nentries as usize {
            let e = *entries.add(i);
            if !e.key.is_null() {
                decref(e.key);
                xdecref(e.value);
            }
        }
        table::free_keys(k);
    }
}

/// A shallow copy (always an exact `dict`, as CPython's `PyDict_Copy`).
///
/// # Safety
/// `mp` is a dict.
pub(crate) unsafe fn copy(mp: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let used = size(mp) as usize;
        if used == 0 {
            return new();
        }
        let k = keys_of(mp);
        if used >= (*k).nentries as usize * 2 / 3 {
            // Mostly dense: copy the table as it is (CPython's `clone_combined_dict_keys`).
            let d = new()?;
            let c = match table::clone_keys(k) {
                Ok(c) => c,
                Err(e) => {
                    decref(d);
                    return Err(e);
                }
            };
            let entries = Keys::entries(c);
            for i in 0..(*c).nentries as usize {
                let e = *entries.add(i);
                if !e.key.is_null() {
                    incref(e.key);
                    incref(e.value);
                }
            }
            table::set_keys(d, c);
            dict(d).ma_used = used as Py_ssize_t;
            if gc::is_tracked(mp) {
                gc::track_new(d);
            }
            return Ok(d);
        }
        let d = new_presized(used)?;
        let mut pos = 0;
        while let Some((ix, e)) = table::next_entry(mp, pos) {
            // A new table with room for every entry: no resize, no comparison.
            if let Err(err) = table::insert_new(d, e.key, e.hash, e.value, None) {
                decref(d);
                return Err(err);
            }
            pos = ix + 1;
        }
        Ok(d)
    }
}

/// The `PyDict_Next` protocol: the live entry at or after position `*pos` (borrowed key and
/// value), advancing `*pos` past it. Positions are entry numbers, so the order is the
/// insertion order.
///
/// # Safety
/// `mp` is a dict.
#[inline]
pub(crate) unsafe fn next(mp: *mut PyObject, pos: &mut Py_ssize_t) -> Option<(*mut PyObject, *mut PyObject)> {
    if *pos < 0 {
        return None;
    }
    // SAFETY: per caller.
    let (ix, e) = unsafe { table::next_entry(mp, *pos as usize) }?;
    *pos = ix as Py_ssize_t + 1;
    Some((e.key, e.value))
}

/// Which part of each item [`to_list`] collects.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Keys,
    Values,
    Items,
}

/// `list(d.keys())`, `list(d.values())` or `list(d.items())`.
///
/// # Safety
/// `mp` is a dict.
pub(crate) unsafe fn to_list(mp: *mut PyObject, part: Part) -> PyResult<Owned> {
    // SAFETY: per caller. Allocating runs no Python code, so the dict cannot change
    // between sizing the list and filling it.
    unsafe {
        let n = size(mp);
        let list = listobject::new(n)?;
        let items = (*(list as *mut crate::abi::PyListObject)).ob_item;
        let mut pos = 0;
        let mut i = 0;
        while let Some((k, v)) = next(mp, &mut pos) {
            let item = match part {
                Part::Keys => new_ref(k),
                Part::Values => new_ref(v),
                Part::Items => match tupleobject::pack(&[k, v]) {
                    Ok(t) => t,
                    Err(e) => {
                        decref(list);
                        return Err(e);
                    }
                },
            };
            *items.add(i) = item;
            i += 1;
        }
        Ok(list)
    }
}
