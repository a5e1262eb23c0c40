//! The dict's table, CPython's compact design: a sparse hash index of 1, 2, 4 or 8-byte
//! slots (by table size) into a dense array of entries kept in insertion order.
//!
//! ```text
//! Keys: log2_size, index_shift, usable, nentries | indices[size] | entries[usable_fraction(size)]
//! ```
//!
//! An index slot holds an entry number, `EMPTY` (never used) or `DUMMY` (its entry was
//! deleted; probing continues past it). Probing is CPython's: `i = hash & mask`, then
//! `perturb >>= 5; i = (5*i + perturb + 1) & mask`. Deleting leaves a dummy slot and an
//! entry with a NULL key; a resize (when no entry is left, i.e. at 2/3 full) rebuilds the
//! table compactly. One allocation per table, from the interpreter's heap.
//!
//! Lookups may run a key's `__eq__`, which may do anything to the dict. As CPython does, a
//! comparison is followed by a check that the table is the same one, and the entry still
//! holds the key compared (else the lookup starts over). "The same table" is the table
//! pointer and the dict's count of table replacements (`ma_version_tag`), so a new table
//! allocated where a freed one was is not mistaken for it.

use std::mem::size_of;
use std::ptr::{self, null_mut};

use super::super::*;
use super::key;
use crate::abi::{PyDictKeysObject, PyDictObject};

pub(crate) const EMPTY: isize = -1;
pub(crate) const DUMMY: isize = -2;
pub(crate) const LOG2_MINSIZE: u8 = 3;
pub(crate) const MINSIZE: usize = 1 << LOG2_MINSIZE;
const PERTURB_SHIFT: u32 = 5;

/// The head of a table; the index and the entries follow.
#[repr(C)]
pub(crate) struct Keys {
    pub(crate) log2_size: u8,
    /// log2 of the bytes per index slot (0..=3).
    index_shift: u8,
    /// Entries that may still be appended before a resize.
    pub(crate) usable: isize,
    /// Entries appended so far (deleted ones included).
    pub(crate) nentries: isize,
}

const HEADER: usize = size_of::<Keys>();
const _: () = assert!(HEADER % 8 == 0);

/// One key/value pair. A deleted entry has a NULL key and value.
#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct Entry {
    pub(crate) hash: Py_hash_t,
    pub(crate) key: *mut PyObject,
    pub(crate) value: *mut PyObject,
}

/// The table of every empty dict: 8 empty slots, no room for an entry (the first insertion
/// replaces it). Shared by all interpreters and never written, so it is read-only data.
#[repr(C)]
struct EmptyKeys {
    head: Keys,
    indices: [i8; 8],
}

static EMPTY_KEYS: EmptyKeys = EmptyKeys {
    head: Keys { log2_size: LOG2_MINSIZE, index_shift: 0, usable: 0, nentries: 0 },
    indices: [-1; 8],
};

#[inline]
pub(crate) fn empty_keys() -> *mut Keys {
    (&raw const EMPTY_KEYS).cast::<Keys>().cast_mut()
}

/// Two thirds: the most entries a table of `size` slots holds before it grows.
#[inline]
pub(crate) const fn usable_fraction(size: usize) -> usize {
    (size << 1) / 3
}

/// The smallest log2 size whose table has at least `minsize` slots (and at least 8).
#[inline]
pub(crate) fn log2_keysize(minsize: usize) -> u8 {
    (usize::BITS - ((minsize | 8) - 1).leading_zeros()) as u8
}

/// The log2 size of a table that holds `n` entries without growing.
#[inline]
pub(crate) fn log2_keysize_for(n: usize) -> u8 {
    log2_keysize((n * 3).div_ceil(2))
}

fn table_bytes(log2_size: u8) -> Option<(usize, u8)> {
    let size = 1usize.checked_shl(u32::from(log2_size))?;
    let index_shift = match log2_size {
        0..8 => 0,
        8..16 => 1,
        16..32 => 2,
        _ => 3,
    };
    let index = size.checked_shl(index_shift as u32)?;
    let entries = usable_fraction(size).checked_mul(size_of::<Entry>())?;
    Some((HEADER.checked_add(index)?.checked_add(entries)?, index_shift))
}

impl Keys {
    #[inline]
    pub(crate) fn size(&self) -> usize {
        1 << self.log2_size
    }

    #[inline]
    fn mask(&self) -> usize {
        self.size() - 1
    }

    /// # Safety
    /// `k` is a live table.
    #[inline]
    unsafe fn indices(k: *mut Keys) -> *mut u8 {
        // SAFETY: the index follows the head.
        unsafe { (k as *mut u8).add(HEADER) }
    }

    /// # Safety
    /// `k` is a live table.
    #[inline]
    pub(crate) unsafe fn entries(k: *mut Keys) -> *mut Entry {
        // SAFETY: the entries follow the index.
        unsafe { Self::indices(k).add((*k).size() << (*k).index_shift) as *mut Entry }
    }

    /// # Safety
    /// `k` is a live table and `i` below its size.
    #[inline]
    pub(crate) unsafe fn get_index(k: *mut Keys, i: usize) -> isize {
        // SAFETY: per caller; the slot width is the table's.
        unsafe {
            let p = Self::indices(k);
            match (*k).index_shift {
                0 => *(p as *const i8).add(i) as isize,
                1 => *(p as *const i16).add(i) as isize,
                2 => *(p as *const i32).add(i) as isize,
                _ => *(p as *const i64).add(i) as isize,
            }
        }
    }

    /// # Safety
    /// `k` is a live, writable table and `i` below its size.
    #[inline]
    unsafe fn set_index(k: *mut Keys, i: usize, ix: isize) {
        // SAFETY: per caller; `ix` fits the slot width (entries < size).
        unsafe {
            let p = Self::indices(k);
            match (*k).index_shift {
                0 => *(p as *mut i8).add(i) = ix as i8,
                1 => *(p as *mut i16).add(i) = ix as i16,
                2 => *(p as *mut i32).add(i) = ix as i32,
                _ => *(p as *mut i64).add(i) = ix as i64,
            }
        }
    }

    /// The first slot for `hash` holding no entry (empty or dummy). Runs no Python code.
    ///
    /// # Safety
    /// `k` is a live table with at least one empty slot.
    #[inline]
    unsafe fn find_empty_slot(k: *mut Keys, hash: Py_hash_t) -> usize {
        // SAFETY: per caller; probing stays below the size (masked).
        unsafe {
            let mask = (*k).mask();
            let mut i = hash as usize & mask;
            let mut perturb = hash as usize;
            while Self::get_index(k, i) >= 0 {
                perturb >>= PERTURB_SHIFT;
                i = (i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
            }
            i
        }
    }

    /// The slot holding entry `ix` (whose hash is `hash`).
    ///
    /// # Safety
    /// `k` is a live table holding entry `ix`.
    unsafe fn slot_of(k: *mut Keys, hash: Py_hash_t, ix: isize) -> usize {
        // SAFETY: per caller; the entry is reachable from its hash.
        unsafe {
            let mask = (*k).mask();
            let mut i = hash as usize & mask;
            let mut perturb = hash as usize;
            loop {
                let found = Self::get_index(k, i);
                if found == ix {
                    return i;
                }
                debug_assert!(found != EMPTY, "entry not reachable from its hash");
                perturb >>= PERTURB_SHIFT;
                i = (i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
            }
        }
    }
}

/// A new table of `1 << log2_size` slots, all empty, no entries.
pub(crate) fn new_keys(log2_size: u8) -> PyResult<*mut Keys> {
    let (bytes, index_shift) = table_bytes(log2_size).ok_or_else(errors::no_memory)?;
    let k = alloc::malloc(bytes) as *mut Keys;
    if k.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of `bytes` bytes: head, index, entries.
    unsafe {
        k.write(Keys {
            log2_size,
            index_shift,
            usable: usable_fraction(1 << log2_size) as isize,
            nentries: 0,
        });
        // Every byte 0xff: -1 (EMPTY) whatever the slot width.
        ptr::write_bytes(Keys::indices(k), 0xff, 1usize << (log2_size as u32 + index_shift as u32));
    }
    Ok(k)
}

/// Frees a table (not its keys and values). The shared empty table is left alone.
///
/// # Safety
/// `k` is a table no dict uses any more.
pub(crate) unsafe fn free_keys(k: *mut Keys) {
    if k != empty_keys() {
        // SAFETY: per caller, allocated by `new_keys` or `clone_keys`.
        unsafe { alloc::free(k as *mut u8) };
    }
}

/// A byte-for-byte copy of a table (dummies, deleted entries and all); references are not
/// touched.
///
/// # Safety
/// `k` is a live table.
pub(crate) unsafe fn clone_keys(k: *mut Keys) -> PyResult<*mut Keys> {
    // SAFETY: per caller.
    let (bytes, _) = table_bytes(unsafe { (*k).log2_size }).ok_or_else(errors::no_memory)?;
    let c = alloc::malloc(bytes) as *mut Keys;
    if c.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: both blocks hold `bytes` bytes.
    unsafe { ptr::copy_nonoverlapping(k as *const u8, c as *mut u8, bytes) };
    Ok(c)
}

// --- the dict's view of its table ------------------------------------------------------------

#[inline]
pub(crate) unsafe fn dict<'a>(mp: *mut PyObject) -> &'a mut PyDictObject {
    // SAFETY: per caller, a dict.
    unsafe { &mut *(mp as *mut PyDictObject) }
}

#[inline]
pub(crate) unsafe fn keys_of(mp: *mut PyObject) -> *mut Keys {
    // SAFETY: per caller, a dict.
    unsafe { dict(mp).ma_keys as *mut Keys }
}

/// Installs `k` as the dict's table (the old one is the caller's to free).
#[inline]
pub(crate) unsafe fn set_keys(mp: *mut PyObject, k: *mut Keys) {
    // SAFETY: per caller, a dict.
    unsafe {
        let d = dict(mp);
        d.ma_keys = k as *mut PyDictKeysObject;
        d.ma_version_tag = d.ma_version_tag.wrapping_add(1);
    }
}

/// The entry `ix` of the dict's current table.
#[inline]
pub(crate) unsafe fn entry<'a>(mp: *mut PyObject, ix: usize) -> &'a mut Entry {
    // SAFETY: per caller, `ix` < nentries.
    unsafe { &mut *Keys::entries(keys_of(mp)).add(ix) }
}

/// What a lookup found.
pub(crate) enum Probe {
    /// The key is entry `ix`.
    Found(usize),
    /// Absent. `slot` is where it would go in the current table, if known (no Python code
    /// ran since the probe saw it).
    Missing { slot: Option<usize> },
}

/// Looks `key` (with hash `hash`) up in dict `mp`. May run `__eq__` of keys with the same
/// hash, which may change the dict in any way; the lookup then starts over.
///
/// # Safety
/// `mp` is a dict and `key` live; the caller holds references to both.
#[inline]
pub(crate) unsafe fn lookup(mp: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<Probe> {
    // SAFETY: per caller. Every read of the table happens while it is the dict's current
    // one: after Python code ran, the table is re-checked before it is touched again.
    unsafe {
        'restart: loop {
            let k = keys_of(mp);
            let generation = dict(mp).ma_version_tag;
            let mask = (*k).mask();
            let entries = Keys::entries(k);
            let mut i = hash as usize & mask;
            let mut perturb = hash as usize;
            let mut free_slot = None;
            let mut ran_code = false;
            loop {
                let ix = Keys::get_index(k, i);
                if ix >= 0 {
                    let ep = entries.add(ix as usize);
                    let ek = (*ep).key;
                    if ek == key {
                        return Ok(Probe::Found(ix as usize));
                    }
                    if (*ep).hash == hash {
                        match key::fast_eq(ek, key) {
                            Some(true) => return Ok(Probe::Found(ix as usize)),
                            Some(false) => {}
                            None => {
                                let equal = key::slow_eq(ek, key)?;
                                if keys_of(mp) != k
                                    || dict(mp).ma_version_tag != generation
                                    || (*ep).key != ek
                                {
                                    continue 'restart;
                                }
                                if equal {
                                    return Ok(Probe::Found(ix as usize));
                                }
                                ran_code = true;
                            }
                        }
                    }
                } else if ix == EMPTY {
                    let slot = if ran_code { None } else { Some(free_slot.unwrap_or(i)) };
                    return Ok(Probe::Missing { slot });
                } else if free_slot.is_none() {
                    free_slot = Some(i);
                }
                perturb >>= PERTURB_SHIFT;
                i = (i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
            }
        }
    }
}

/// The entry of `key`, if present.
#[inline]
pub(crate) unsafe fn find(mp: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<Option<usize>> {
    // SAFETY: per caller.
    match unsafe { lookup(mp, key, hash) }? {
        Probe::Found(ix) => Ok(Some(ix)),
        Probe::Missing { .. } => Ok(None),
    }
}

/// CPython's `MAINTAIN_TRACKING`: an untracked dict is tracked once it receives a key or
/// value that may be tracked (so a dict of atomic values is never traversed).
///
/// # Safety
/// `mp` is a dict, `key` and `value` live.
#[inline(always)]
unsafe fn maintain_tracking(mp: *mut PyObject, key: *mut PyObject, value: *mut PyObject) {
    // SAFETY: per caller. The common case (neither is a GC object: ints, strs) costs one
    // test of both types' flags together.
    unsafe {
        let flags = (*type_of(key)).tp_flags | (*type_of(value)).tp_flags;
        if flags & crate::abi::Py_TPFLAGS_HAVE_GC != 0 {
            maintain_tracking_slow(mp, key, value);
        }
    }
}

#[cold]
#[inline(never)]
unsafe fn maintain_tracking_slow(mp: *mut PyObject, key: *mut PyObject, value: *mut PyObject) {
    // SAFETY: per caller; `track` checks immortality and whether it is tracked already.
    unsafe {
        if !gc::is_tracked(mp) && (gc::may_be_tracked(key) || gc::may_be_tracked(value)) {
            gc::track(mp);
        }
    }
}

/// Appends a new entry for a key known to be absent, growing the table first if it is full.
/// `slot` is the lookup's free slot, if still valid. Takes new references to `key` and
/// `value`. Runs no Python code.
///
/// # Safety
/// `mp` is a dict without `key`.
#[inline]
pub(crate) unsafe fn insert_new(
    mp: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
    value: *mut PyObject,
    slot: Option<usize>,
) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let mut k = keys_of(mp);
        let mut slot = slot;
        if (*k).usable <= 0 {
            grow(mp)?;
            k = keys_of(mp);
            slot = None;
        }
        let i = match slot {
            Some(i) => i,
            None => Keys::find_empty_slot(k, hash),
        };
        let ix = (*k).nentries;
        Keys::set_index(k, i, ix);
        Keys::entries(k).add(ix as usize).write(Entry { hash, key: new_ref(key), value: new_ref(value) });
        (*k).nentries = ix + 1;
        (*k).usable -= 1;
        dict(mp).ma_used += 1;
        maintain_tracking(mp, key, value);
    }
    Ok(())
}

/// `d[key] = value` (borrowed references; the dict takes its own).
///
/// # Safety
/// `mp` is a dict, `key` and `value` live.
#[inline(always)]
pub(crate) unsafe fn insert(
    mp: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
    value: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        match lookup(mp, key, hash)? {
            Probe::Found(ix) => {
                maintain_tracking(mp, key, value);
                let e = entry(mp, ix);
                let old = std::mem::replace(&mut e.value, new_ref(value));
                // Last: dropping the old value may run code that changes the dict.
                decref(old);
                Ok(())
            }
            Probe::Missing { slot } => insert_new(mp, key, hash, value, slot),
        }
    }
}

/// Removes entry `ix`, returning its key and value (owned: the caller drops them once the
/// dict no longer needs to be consistent for them).
///
/// # Safety
/// `mp` is a dict with a live entry `ix`.
pub(crate) unsafe fn remove_entry(mp: *mut PyObject, ix: usize) -> (Owned, Owned) {
    // SAFETY: per caller.
    unsafe {
        let k = keys_of(mp);
        let e = &mut *Keys::entries(k).add(ix);
        let slot = Keys::slot_of(k, e.hash, ix as isize);
        Keys::set_index(k, slot, DUMMY);
        let old = (std::mem::replace(&mut e.key, null_mut()), std::mem::replace(&mut e.value, null_mut()));
        dict(mp).ma_used -= 1;
        old
    }
}

/// Grows (or compacts) a full table: CPython's growth rate, 3 * used.
unsafe fn grow(mp: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe { resize(mp, log2_keysize(dict(mp).ma_used as usize * 3)) }
}

/// Rebuilds the dict's table with `1 << log2_size` slots, entries compacted in order.
/// Runs no Python code.
///
/// # Safety
/// `mp` is a dict whose entries fit the new size.
pub(crate) unsafe fn resize(mp: *mut PyObject, log2_size: u8) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let old = keys_of(mp);
        let used = dict(mp).ma_used as usize;
        let new = new_keys(log2_size)?;
        let (src, dst) = (Keys::entries(old), Keys::entries(new));
        let n = (*old).nentries as usize;
        if n == used {
            ptr::copy_nonoverlapping(src, dst, n);
        } else {
            let mut j = 0;
            for i in 0..n {
                let e = *src.add(i);
                if !e.key.is_null() {
                    dst.add(j).write(e);
                    j += 1;
                }
            }
            debug_assert_eq!(j, used);
        }
        for i in 0..used {
            let slot = Keys::find_empty_slot(new, (*dst.add(i)).hash);
            Keys::set_index(new, slot, i as isize);
        }
        (*new).nentries = used as isize;
        (*new).usable -= used as isize;
        set_keys(mp, new);
        free_keys(old);
    }
    Ok(())
}

/// The next live entry at or after `pos`: `(ix, entry)`.
///
/// # Safety
/// `mp` is a dict.
#[inline]
pub(crate) unsafe fn next_entry<'a>(mp: *mut PyObject, pos: usize) -> Option<(usize, &'a Entry)> {
    // SAFETY: per caller; indices below nentries are initialized entries.
    unsafe {
        let k = keys_of(mp);
        let n = (*k).nentries as usize;
        let entries = Keys::entries(k);
        let mut i = pos;
        while i < n {
            let e = &*entries.add(i);
            if !e.value.is_null() {
                return Some((i, e));
            }
            i += 1;
        }
        None
    }
}
