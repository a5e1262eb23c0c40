//! The set's table, CPython's algorithm on CPython's `PySetObject` fields: open addressing
//! over `mask + 1` slots of `(key, hash)`, each probe looking at up to 9 neighbouring slots
//! before jumping (`perturb >>= 5; i = 5*i + 1 + perturb`), deleted slots left as dummies,
//! growth when 3/5 full. Small sets live in the object's own `smalltable`.
//!
//! Following the algorithm exactly gives CPython's iteration order, hence its reprs.
//!
//! A key's `__eq__` may change the set while it is compared; afterwards the table pointer,
//! its size and the slot's key are checked, and the lookup starts over if any changed.

use std::mem::size_of;
use std::ptr::{self, null_mut};

use super::super::dictobject::key;
use super::super::*;
use crate::abi::{setentry, PySetObject, PySet_MINSIZE};

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const MINSIZE: usize = PySet_MINSIZE as usize;

/// What removed keys leave behind (with hash -1). Never handed out, never written.
static DUMMY: ReadOnly<PyObject> = ReadOnly(static_head(null_mut()));

#[inline]
pub(crate) fn dummy() -> *mut PyObject {
    DUMMY.as_mut_ptr()
}

#[inline]
pub(crate) unsafe fn set<'a>(so: *mut PyObject) -> &'a mut PySetObject {
    // SAFETY: per caller, a set or frozenset.
    unsafe { &mut *(so as *mut PySetObject) }
}

/// Sets up an empty table in a freshly allocated set.
///
/// # Safety
/// `so` is a fresh set object.
pub(crate) unsafe fn init_fields(so: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        empty_to_minsize(so);
        let s = set(so);
        s.finger = 0;
        s.weakreflist = null_mut();
    }
}

/// Points the set at its own empty small table (the old table is the caller's).
unsafe fn empty_to_minsize(so: *mut PyObject) {
    // SAFETY: per caller, a set.
    unsafe {
        let s = set(so);
        s.smalltable = [const { setentry { key: null_mut(), hash: 0 } }; MINSIZE];
        s.fill = 0;
        s.used = 0;
        s.mask = MINSIZE as Py_ssize_t - 1;
        s.table = s.smalltable.as_mut_ptr();
        s.hash = -1;
    }
}

/// The slot holding `key`, or the empty slot that ends its probe sequence (key NULL).
///
/// # Safety
/// `so` is a set, `key` live; the caller holds references to both.
pub(crate) unsafe fn lookkey(
    so: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
) -> PyResult<*mut setentry> {
    // SAFETY: per caller. After Python code ran, the table is re-checked before use.
    unsafe {
        'restart: loop {
            let s = set(so);
            let (table, mask) = (s.table, s.mask as usize);
            let mut perturb = hash as usize;
            let mut i = hash as usize & mask;
            loop {
                let mut entry = table.add(i);
                let mut probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
                loop {
                    if (*entry).hash == 0 && (*entry).key.is_null() {
                        return Ok(entry);
                    }
                    if (*entry).hash == hash {
                        let startkey = (*entry).key;
                        if startkey == key {
                            return Ok(entry);
                        }
                        match key::fast_eq(startkey, key) {
                            Some(true) => return Ok(entry),
                            Some(false) => {}
                            None => {
                                let equal = key::slow_eq(startkey, key)?;
                                let s = set(so);
                                if s.table != table || s.mask as usize != mask || (*entry).key != startkey {
                                    continue 'restart;
                                }
                                if equal {
                                    return Ok(entry);
                                }
                            }
                        }
                    }
                    if probes == 0 {
                        break;
                    }
                    probes -= 1;
                    entry = entry.add(1);
                }
                perturb >>= PERTURB_SHIFT;
                i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
            }
        }
    }
}

/// Adds `key` (a new reference is taken if it is stored). Returns whether it was added.
///
/// # Safety
/// `so` is a set, `key` live with hash `hash`.
#[inline]
pub(crate) unsafe fn add_entry(so: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<bool> {
    // SAFETY: per caller; as in `lookkey`.
    unsafe {
        'restart: loop {
            let s = set(so);
            let (table, mask) = (s.table, s.mask as usize);
            let mut perturb = hash as usize;
            let mut i = hash as usize & mask;
            let mut freeslot: *mut setentry = null_mut();
            let found_empty = 'probe: loop {
                let mut entry = table.add(i);
                let mut probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
                loop {
                    if (*entry).hash == 0 && (*entry).key.is_null() {
                        break 'probe entry;
                    }
                    if (*entry).hash == hash {
                        let startkey = (*entry).key;
                        if startkey == key {
                            return Ok(false);
                        }
                        match key::fast_eq(startkey, key) {
                            Some(true) => return Ok(false),
                            Some(false) => {}
                            None => {
                                if key::slow_eq(startkey, key)? {
                                    return Ok(false);
                                }
                                let s = set(so);
                                if s.table != table || s.mask as usize != mask || (*entry).key != startkey {
                                    continue 'restart;
                                }
                            }
                        }
                    } else if (*entry).hash == -1 {
                        freeslot = entry;
                    }
                    if probes == 0 {
                        break;
                    }
                    probes -= 1;
                    entry = entry.add(1);
                }
                perturb >>= PERTURB_SHIFT;
                i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
            };
            let s = set(so);
            if !freeslot.is_null() {
                if (*freeslot).key != dummy() {
                    // A key's `__eq__` filled the dummy slot seen earlier.
                    continue 'restart;
                }
                s.used += 1;
                (*freeslot).key = new_ref(key);
                (*freeslot).hash = hash;
                return Ok(true);
            }
            s.fill += 1;
            s.used += 1;
            (*found_empty).key = new_ref(key);
            (*found_empty).hash = hash;
            if (s.fill as usize) * 5 >= mask * 3 {
                let minused = if s.used > 50000 { s.used * 2 } else { s.used * 4 };
                resize(so, minused as usize)?;
            }
            return Ok(true);
        }
    }
}

/// Places a key known to be absent into a table without dummies (no comparison, no
/// reference counting: the caller does both).
#[inline]
pub(crate) unsafe fn insert_clean(table: *mut setentry, mask: usize, key: *mut PyObject, hash: Py_hash_t) {
    // SAFETY: per caller, the table has an empty slot on the key's probe sequence.
    unsafe {
        let mut perturb = hash as usize;
        let mut i = hash as usize & mask;
        loop {
            let mut entry = table.add(i);
            if (*entry).key.is_null() {
                (*entry).key = key;
                (*entry).hash = hash;
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for _ in 0..LINEAR_PROBES {
                    entry = entry.add(1);
                    if (*entry).key.is_null() {
                        (*entry).key = key;
                        (*entry).hash = hash;
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }
}

/// Rebuilds the table with the smallest power-of-two size above `minused` (at least 8),
/// dropping dummies. Runs no Python code.
///
/// # Safety
/// `so` is a set.
pub(crate) unsafe fn resize(so: *mut PyObject, minused: usize) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let s = set(so);
        let mut newsize = MINSIZE;
        while newsize <= minused {
            newsize = newsize.checked_shl(1).ok_or_else(errors::no_memory)?;
        }
        let mut oldtable = s.table;
        let oldmask = s.mask as usize;
        let old_malloced = oldtable != s.smalltable.as_mut_ptr();
        let mut small_copy = [const { setentry { key: null_mut(), hash: 0 } }; MINSIZE];
        let newtable;
        if newsize == MINSIZE {
            newtable = s.smalltable.as_mut_ptr();
            if newtable == oldtable {
                if s.fill == s.used {
                    return Ok(());
                }
                ptr::copy_nonoverlapping(oldtable, small_copy.as_mut_ptr(), MINSIZE);
                oldtable = small_copy.as_mut_ptr();
            }
        } else {
            let bytes = newsize.checked_mul(size_of::<setentry>()).ok_or_else(errors::no_memory)?;
            newtable = alloc::malloc(bytes) as *mut setentry;
            if newtable.is_null() {
                return Err(errors::no_memory());
            }
        }
        ptr::write_bytes(newtable, 0, newsize);
        s.mask = newsize as Py_ssize_t - 1;
        s.table = newtable;
        let newmask = newsize - 1;
        let d = dummy();
        s.fill = s.used;
        // Stops after the last active slot rather than scanning the whole old table.
        let mut left = s.used as usize;
        let mut j = 0;
        while left > 0 && j <= oldmask {
            let e = *oldtable.add(j);
            if !e.key.is_null() && e.key != d {
                insert_clean(newtable, newmask, e.key, e.hash);
                left -= 1;
            }
            j += 1;
        }
        if old_malloced {
            alloc::free(oldtable as *mut u8);
        }
    }
    Ok(())
}

/// Removes `key` if present (dropping the set's reference last). Returns whether it was.
///
/// # Safety
/// `so` is a set, `key` live with hash `hash`.
pub(crate) unsafe fn discard_entry(so: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe {
        let entry = lookkey(so, key, hash)?;
        if (*entry).key.is_null() {
            return Ok(false);
        }
        let old = (*entry).key;
        (*entry).key = dummy();
        (*entry).hash = -1;
        set(so).used -= 1;
        decref(old);
        Ok(true)
    }
}

/// # Safety
/// `so` is a set, `key` live with hash `hash`.
#[inline]
pub(crate) unsafe fn contains_entry(
    so: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe { Ok(!(*lookkey(so, key, hash)?).key.is_null()) }
}

/// The next active slot at or after `*pos`, advancing `*pos` past it.
///
/// # Safety
/// `so` is a set.
#[inline]
pub(crate) unsafe fn next(so: *mut PyObject, pos: &mut usize) -> Option<setentry> {
    // SAFETY: per caller; `pos` stays within the table.
    unsafe {
        let s = set(so);
        let mask = s.mask as usize;
        let d = dummy();
        let mut i = *pos;
        while i <= mask {
            let e = *s.table.add(i);
            if !e.key.is_null() && e.key != d {
                *pos = i + 1;
                return Some(e);
            }
            i += 1;
        }
        *pos = i;
        None
    }
}

/// Empties the set. The keys are dropped after the set is already empty (their
/// deallocators may touch it).
///
/// # Safety
/// `so` is a set.
pub(crate) unsafe fn clear(so: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        let s = set(so);
        let (mask, used) = (s.mask as usize, s.used as usize);
        let table = s.table;
        let malloced = table != s.smalltable.as_mut_ptr();
        if !malloced && s.fill == 0 {
            return;
        }
        let mut small_copy = [const { setentry { key: null_mut(), hash: 0 } }; MINSIZE];
        let keys_from = if malloced {
            table
        } else {
            ptr::copy_nonoverlapping(table, small_copy.as_mut_ptr(), MINSIZE);
            small_copy.as_mut_ptr()
        };
        empty_to_minsize(so);
        drop_keys(keys_from, mask, used);
        if malloced {
            alloc::free(table as *mut u8);
        }
    }
}

/// Drops the references held by a table's `used` active slots.
///
/// # Safety
/// `table` has `mask + 1` slots, `used` of them active, and no set uses it any more.
pub(crate) unsafe fn drop_keys(table: *mut setentry, mask: usize, used: usize) {
    let d = dummy();
    let mut left = used;
    let mut j = 0;
    // Stops at the last active slot rather than scanning the whole table.
    while left > 0 && j <= mask {
        // SAFETY: per caller.
        unsafe {
            let k = (*table.add(j)).key;
            if !k.is_null() && k != d {
                left -= 1;
                decref(k);
            }
        }
        j += 1;
    }
}

/// CPython's `frozenset_hash_impl`: order-independent, from the slots' hashes.
///
/// # Safety
/// `so` is a set or frozenset.
pub(crate) unsafe fn hash_of(so: *mut PyObject) -> Py_hash_t {
    fn shuffle_bits(h: usize) -> usize {
        ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
    }
    // SAFETY: per caller.
    unsafe {
        let s = set(so);
        let mut hash: usize = 0;
        for j in 0..s.mask as usize + 1 {
            hash ^= shuffle_bits((*s.table.add(j)).hash as usize);
        }
        // Take out the empty slots (hash 0) and dummies (hash -1) included above.
        if (s.mask + 1 - s.fill) & 1 != 0 {
            hash ^= shuffle_bits(0);
        }
        if (s.fill - s.used) & 1 != 0 {
            hash ^= shuffle_bits(usize::MAX);
        }
        hash ^= (s.used as usize).wrapping_add(1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        if hash == usize::MAX {
            hash = 590923713;
        }
        hash as Py_hash_t
    }
}
