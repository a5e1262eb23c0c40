//! Interning, per interpreter: each interpreter has its own table (a field of `Interp`,
//! used under its GIL), so the same text interned in two interpreters gives two objects,
//! and a table dies with its interpreter. CPython 3.13.0 gives every interpreter its own
//! table too (legacy subinterpreters included).
//!
//! As in CPython 3.13, strings interned at run time stay mortal and the table's
//! reference is not counted: interning leaves the reference count alone, and a string
//! leaves the table when its last reference goes (`unicode_dealloc` calls [`forget`]).
//! The static strings (`''` and the one-character ones) count as interned everywhere
//! (`SSTATE_INTERNED_IMMORTAL_STATIC`), and constructors always return them.
//!
//! The table is open addressing with linear probing over the strings' own (cached) hashes,
//! with backward-shift deletion, so no tombstones build up as strings come and go.

use std::ptr::null_mut;

use super::*;

/// An interpreter's interned strings.
pub(crate) struct Table {
    /// A power of two in length (or empty); NULL marks a free slot.
    slots: Vec<*mut PyObject>,
    used: usize,
}

// SAFETY: the table belongs to one interpreter and is only used under its GIL.
unsafe impl Send for Table {}

impl Table {
    pub(crate) const fn new() -> Table {
        Table { slots: Vec::new(), used: 0 }
    }

    /// How many strings are interned.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.used
    }

    /// The interned string holding `text`, whose hash is `hash`.
    ///
    /// # Safety
    /// Every string in the table is live.
    unsafe fn get(&self, hash: Py_hash_t, text: &[u8]) -> Option<*mut PyObject> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i];
            if s.is_null() {
                return None;
            }
            // SAFETY: per caller; interned strings have their hash cached.
            if unsafe { (*(s as *mut PyASCIIObject)).hash == hash && as_bytes(s) == text } {
                return Some(s);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds `op` (hash cached, not in the table). Fails only when memory is short.
    unsafe fn insert(&mut self, op: *mut PyObject, hash: Py_hash_t) -> Result<(), ()> {
        if (self.used + 1) * 2 > self.slots.len() {
            // SAFETY: per caller.
            unsafe { self.grow()? };
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        while !self.slots[i].is_null() {
            i = (i + 1) & mask;
        }
        self.slots[i] = op;
        self.used += 1;
        Ok(())
    }

    unsafe fn grow(&mut self) -> Result<(), ()> {
        let n = (self.slots.len() * 2).max(64);
        let mut slots = Vec::new();
        slots.try_reserve_exact(n).map_err(|_| ())?;
        slots.resize(n, null_mut());
        let old = std::mem::replace(&mut self.slots, slots);
        let mask = n - 1;
        for s in old.into_iter().filter(|s| !s.is_null()) {
            // SAFETY: table members are live strs with their hash cached.
            let mut i = unsafe { (*(s as *mut PyASCIIObject)).hash } as usize & mask;
            while !self.slots[i].is_null() {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
        Ok(())
    }

    /// Removes `op` (found by identity). Returns whether it was there.
    unsafe fn remove(&mut self, op: *mut PyObject) -> bool {
        if self.slots.is_empty() {
            return false;
        }
        let mask = self.slots.len() - 1;
        // SAFETY: per caller, `op` is a str; interned ones have their hash cached.
        let home_of = |s: *mut PyObject| unsafe { (*(s as *mut PyASCIIObject)).hash } as usize & mask;
        let mut i = home_of(op);
        loop {
            let s = self.slots[i];
            if s.is_null() {
                return false;
            }
            if s == op {
                break;
            }
            i = (i + 1) & mask;
        }
        // Shift later members of the probe run back into the hole where they may go.
        let mut hole = i;
        let mut j = (i + 1) & mask;
        loop {
            let s = self.slots[j];
            if s.is_null() {
                break;
            }
            let home = home_of(s);
            if (j.wrapping_sub(home) & mask) >= (j.wrapping_sub(hole) & mask) {
                self.slots[hole] = s;
                hole = j;
            }
            j = (j + 1) & mask;
        }
        self.slots[hole] = null_mut();
        self.used -= 1;
        true
    }
}

/// The calling thread's interpreter's table, if a thread state is attached.
fn current_table<'a>() -> Option<&'a mut Table> {
    let ts = crate::tstate::current();
    if ts.is_null() {
        return None;
    }
    // SAFETY: the attached thread state holds its interpreter's GIL, which guards the table.
    Some(unsafe { &mut *(*ts).interp().interned() })
}

/// `PyUnicode_InternInPlace`: replaces `*p` by the interned string with its text (taking
/// a reference to that and dropping the one to `*p`), or interns `*p` itself. Anything but
/// an exact `str`, and strings that are already interned or immortal, are left alone.
///
/// # Safety
/// `p` points at NULL or a live object owned by the caller.
pub(crate) unsafe fn intern_in_place(p: *mut *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        let s = *p;
        if s.is_null() || !check_exact(s) || interned_state(s) != SSTATE_NOT_INTERNED || is_immortal(s) {
            return;
        }
        let Some(table) = current_table() else { return };
        let h = hash(s);
        if let Some(t) = table.get(h, as_bytes(s)) {
            incref(t);
            decref(s);
            *p = t;
            return;
        }
        // Out of memory: the string simply stays un-interned, as in CPython.
        if table.insert(s, h).is_ok() {
            set_interned_state(s, SSTATE_INTERNED_MORTAL);
        }
    }
}

/// `PyUnicode_InternFromString` on decoded text: the interned string holding `text` (a
/// new reference), made only if the table lacks it.
pub(crate) fn intern_str(text: &str) -> PyResult<Owned> {
    if text.len() <= 2 {
        // Possibly a static; `from_str` knows.
        let s = from_str(text)?;
        // SAFETY: `s` is ours.
        if unsafe { interned_state(s) } != SSTATE_NOT_INTERNED {
            return Ok(s);
        }
        let mut s = s;
        // SAFETY: a fresh str we own.
        unsafe { intern_in_place(&mut s) };
        return Ok(s);
    }
    if let Some(table) = current_table() {
        let h = pyhash::hash_str(&crate::runtime::hash_secret(), text);
        // SAFETY: table members are live.
        if let Some(t) = unsafe { table.get(h, text.as_bytes()) } {
            // SAFETY: live.
            return Ok(unsafe { new_ref(t) });
        }
    }
    let mut s = from_str(text)?;
    // SAFETY: a fresh str we own.
    unsafe { intern_in_place(&mut s) };
    Ok(s)
}

/// Removes a dying interned string from its interpreter's table.
///
/// # Safety
/// `op` is a str with `SSTATE_INTERNED_MORTAL`, being deallocated.
pub(crate) unsafe fn forget(op: *mut PyObject) {
    if let Some(table) = current_table() {
        // SAFETY: per caller. A string interned by another interpreter (objects moved across
        // interpreters, which the API forbids) is simply not found.
        unsafe { table.remove(op) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fake strs: just the head and text, with a chosen hash (to force collisions).
    fn fake(text: &str, hash: Py_hash_t) -> Box<(PyASCIIObject, [u8; 16])> {
        let mut b = Box::new((
            PyASCIIObject {
                ob_base: static_head(&raw mut PyUnicode_Type),
                length: text.len() as Py_ssize_t,
                hash,
                state: ASCII_STATE,
            },
            [0u8; 16],
        ));
        b.1[..text.len()].copy_from_slice(text.as_bytes());
        b
    }

    #[test]
    fn probe_runs_survive_removal() {
        // SAFETY: the fakes live until the end of the test.
        unsafe {
            let mut t = Table::new();
            // Five strings on one home slot, two on the next: one long probe run.
            let mut objs: Vec<_> = (0..5).map(|i| fake(&format!("s{i}"), 7)).collect();
            objs.extend((5..7).map(|i| fake(&format!("s{i}"), 8)));
            let ptrs: Vec<*mut PyObject> = objs.iter_mut().map(|b| (&raw mut b.0).cast()).collect();
            for &p in &ptrs {
                t.insert(p, (*(p as *mut PyASCIIObject)).hash).unwrap();
            }
            assert_eq!(t.len(), 7);
            assert!(t.remove(ptrs[1]));
            assert!(!t.remove(ptrs[1]));
            assert!(t.remove(ptrs[5]));
            for (i, &p) in ptrs.iter().enumerate() {
                let h = (*(p as *mut PyASCIIObject)).hash;
                let found = t.get(h, format!("s{i}").as_bytes());
                assert_eq!(found, if i == 1 || i == 5 { None } else { Some(p) }, "s{i}");
            }
            assert_eq!(t.len(), 5);
        }
    }

    #[test]
    fn the_table_grows_and_keeps_everything() {
        // SAFETY: as above.
        unsafe {
            let mut t = Table::new();
            let mut objs: Vec<_> =
                (0..1000).map(|i| fake(&format!("k{i}"), (i * 7919) as Py_hash_t)).collect();
            for b in objs.iter_mut() {
                let p: *mut PyObject = (&raw mut b.0).cast();
                t.insert(p, b.0.hash).unwrap();
            }
            for (i, b) in objs.iter_mut().enumerate() {
                let p: *mut PyObject = (&raw mut b.0).cast();
                assert_eq!(t.get(b.0.hash, format!("k{i}").as_bytes()), Some(p));
                if i % 2 == 0 {
                    assert!(t.remove(p));
                }
            }
            assert_eq!(t.len(), 500);
            assert!(t.slots.len().is_power_of_two() && t.slots.len() >= 1000);
        }
    }
}
