//! Merging into a dict (`PyDict_Merge`, `PyDict_MergeFromSeq2`, `d |= other`) and dict
//! equality.

use super::table::{self, dict, keys_of, Keys, Probe};
use super::*;

/// `PyDict_Merge(a, b, override)`: `override` 1 replaces existing values, 0 keeps them, 2
/// raises `KeyError(key)` on a duplicate (what `f(**a, **b)` needs).
///
/// The source must be a dict. CPython reads other mappings (and dict subclasses that
/// override `__iter__`) through `b.keys()` and `b[key]`, attribute calls that come with
/// attribute lookup. Until then a dict subclass is read as a dict, and any other object
/// raises CPython's error for an object without `keys`: `AttributeError: 'T' object has no
/// attribute 'keys'`.
///
/// # Safety
/// `a` is a dict, `b` live.
pub(crate) unsafe fn merge(a: *mut PyObject, b: *mut PyObject, override_: i32) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if !check(b) {
            return Err(errors::attribute_error(&format!(
                "'{}' object has no attribute 'keys'",
                type_name(type_of(b))
            )));
        }
        merge_dict(a, b, override_)
    }
}

unsafe fn merge_dict(a: *mut PyObject, b: *mut PyObject, override_: i32) -> PyResult<()> {
    // SAFETY: per caller, both dicts. The source's table is re-read after anything that may
    // run Python code, and a change of its entry count stops the merge (CPython's check).
    unsafe {
        let other_used = size(b) as usize;
        if a == b || other_used == 0 {
            return Ok(());
        }
        let mut override_ = override_;
        if size(a) == 0 {
            override_ = 1;
            let ok = keys_of(b);
            let dense = (*ok).nentries as usize == other_used;
            if dense
                && ((*ok).log2_size == table::LOG2_MINSIZE
                    || table::usable_fraction((*ok).size() / 2) < other_used)
            {
                // Copy the source's table as it is (CPython clones a clean source too).
                let c = table::clone_keys(ok)?;
                let entries = Keys::entries(c);
                for i in 0..(*c).nentries as usize {
                    let e = *entries.add(i);
                    incref(e.key);
                    incref(e.value);
                }
                let old = keys_of(a);
                table::set_keys(a, c);
                dict(a).ma_used = other_used as Py_ssize_t;
                if gc::is_tracked(b) {
                    gc::track(a);
                }
                // `a` was empty: its old table holds no references.
                table::free_keys(old);
                return Ok(());
            }
        }
        // One resize up front rather than several while inserting.
        if table::usable_fraction((*keys_of(a)).size()) < other_used {
            table::resize(a, table::log2_keysize_for(size(a) as usize + other_used))?;
        }
        let n = (*keys_of(b)).nentries as usize;
        for i in 0..n {
            let e = *Keys::entries(keys_of(b)).add(i);
            if e.value.is_null() {
                continue;
            }
            incref(e.key);
            incref(e.value);
            let r = merge_one(a, e.key, e.hash, e.value, override_);
            decref(e.value);
            decref(e.key);
            r?;
            if (*keys_of(b)).nentries as usize != n {
                return Err(errors::runtime_error("dict mutated during update"));
            }
        }
        Ok(())
    }
}

unsafe fn merge_one(
    a: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
    value: *mut PyObject,
    override_: i32,
) -> PyResult<()> {
    // SAFETY: per caller; the caller holds references to key and value.
    unsafe {
        if override_ == 1 {
            return table::insert(a, key, hash, value);
        }
        match table::lookup(a, key, hash)? {
            Probe::Missing { slot } => table::insert_new(a, key, hash, value, slot),
            Probe::Found(_) if override_ != 0 => Err(errors::key_error(key)),
            Probe::Found(_) => Ok(()),
        }
    }
}

/// `PyDict_MergeFromSeq2`: adds the items of an iterable of 2-item sequences (lists,
/// tuples, or any iterable of length 2). `override_` false keeps existing values.
///
/// # Safety
/// `d` is a dict, `seq2` live.
pub(crate) unsafe fn merge_from_seq2(d: *mut PyObject, seq2: *mut PyObject, override_: bool) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let it = abstract_::get_iter(seq2)?;
        let mut i: usize = 0;
        let r = loop {
            let item = match abstract_::iter_next(it) {
                Ok(Some(item)) => item,
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            };
            let r = add_pair(d, item, i, override_);
            decref(item);
            if let Err(e) = r {
                break Err(e);
            }
            i += 1;
        };
        decref(it);
        r
    }
}

/// One element of [`merge_from_seq2`]: `item` must be a sequence of length 2.
unsafe fn add_pair(d: *mut PyObject, item: *mut PyObject, i: usize, override_: bool) -> PyResult<()> {
    // SAFETY: per caller, live objects.
    unsafe {
        let fast = match sequence_items(item) {
            Ok(v) => v,
            Err(e) => {
                if errors::matches(&raw mut exceptions::_PyExc_TypeError) {
                    return Err(errors::type_error(&format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    )));
                }
                return Err(e);
            }
        };
        let r = if fast.len() != 2 {
            Err(errors::value_error(&format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                fast.len()
            )))
        } else if override_ {
            set(d, fast[0], fast[1])
        } else {
            setdefault(d, fast[0], fast[1]).map(|_| ())
        };
        for o in fast {
            decref(o);
        }
        r
    }
}

/// The items of `op` (new references), as `PySequence_Fast` sees them: a list's or tuple's
/// items, else whatever iterating it gives.
unsafe fn sequence_items(op: *mut PyObject) -> PyResult<Vec<Owned>> {
    // SAFETY: per caller, live.
    unsafe {
        let tp = type_of(op);
        if typeobject::is_subtype(tp, &raw mut listobject::PyList_Type) {
            return Ok(listobject::items(op).iter().map(|&o| new_ref(o)).collect());
        }
        if typeobject::is_subtype(tp, &raw mut tupleobject::PyTuple_Type) {
            return Ok(tupleobject::items(op).iter().map(|&o| new_ref(o)).collect());
        }
        let it = abstract_::get_iter(op)?;
        let mut out = Vec::new();
        let r = loop {
            match abstract_::iter_next(it) {
                Ok(Some(o)) => out.push(o),
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        decref(it);
        if let Err(e) = r {
            for o in out {
                decref(o);
            }
            return Err(e);
        }
        Ok(out)
    }
}

/// `dict.update(arg)` and `d |= arg`: a dict merges, anything else must be an iterable of
/// pairs. (CPython first asks whether `arg` has a `keys` attribute; with attribute lookup
/// still to come, only dicts are taken as mappings here.)
///
/// # Safety
/// `d` is a dict, `arg` live.
pub(crate) unsafe fn update_arg(d: *mut PyObject, arg: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if check(arg) {
            merge(d, arg, 1)
        } else {
            merge_from_seq2(d, arg, true)
        }
    }
}

/// `a == b` for two dicts: same size, and every key of `a` maps to an equal value in `b`.
///
/// # Safety
/// Both are dicts.
pub(crate) unsafe fn equal(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    // SAFETY: per caller. `a`'s table is re-read on every step: comparisons may change it.
    unsafe {
        if size(a) != size(b) {
            return Ok(false);
        }
        let mut i = 0;
        while i < (*keys_of(a)).nentries as usize {
            let e = *Keys::entries(keys_of(a)).add(i);
            i += 1;
            if e.value.is_null() {
                continue;
            }
            // Keep the key and value alive across whatever the comparisons run.
            incref(e.key);
            incref(e.value);
            let r = (|| {
                let Some(bval) = get_known_hash(b, e.key, e.hash)? else { return Ok(false) };
                incref(bval);
                let r = key::eq(e.value, bval);
                decref(bval);
                r
            })();
            decref(e.key);
            decref(e.value);
            if !r? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
