//! Set algebra between sets and frozensets (`&`, `|`, `-`, `^` and their in-place forms)
//! and the subset comparisons, following CPython's algorithms (so results iterate in
//! CPython's order).

use std::ptr;

use super::table::{self, set};
use super::*;

/// `so & other`, of `so`'s base type: walks the smaller set, probing the larger.
///
/// # Safety
/// Both are sets or frozensets.
pub(crate) unsafe fn intersection(so: *mut PyObject, other: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller; each key is held while it is looked up.
    unsafe {
        if so == other {
            return copy(so);
        }
        let result = make_new_basetype(type_of(so), std::ptr::null_mut())?;
        let (big, small) = if size(other) > size(so) { (other, so) } else { (so, other) };
        let mut pos = 0;
        while let Some(e) = table::next(small, &mut pos) {
            incref(e.key);
            let r = table::contains_entry(big, e.key, e.hash).and_then(|found| {
                if found {
                    table::add_entry(result, e.key, e.hash).map(|_| ())
                } else {
                    Ok(())
                }
            });
            decref(e.key);
            if let Err(err) = r {
                decref(result);
                return Err(err);
            }
        }
        Ok(result)
    }
}

/// `so &= other`: the intersection's table moved into `so`.
///
/// # Safety
/// `so` is a set, `other` a set or frozenset.
pub(crate) unsafe fn intersection_update(so: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let tmp = intersection(so, other)?;
        swap_bodies(so, tmp);
        decref(tmp);
    }
    Ok(())
}

/// Exchanges the contents of two sets (CPython's `set_swap_bodies`), small tables copied.
unsafe fn swap_bodies(a: *mut PyObject, b: *mut PyObject) {
    // SAFETY: per caller, two sets; each table pointer is re-aimed at its new owner's
    // small table where it pointed at the other's.
    unsafe {
        let (x, y) = (set(a), set(b));
        std::mem::swap(&mut x.fill, &mut y.fill);
        std::mem::swap(&mut x.used, &mut y.used);
        std::mem::swap(&mut x.mask, &mut y.mask);
        let (xs, ys) = (x.smalltable.as_mut_ptr(), y.smalltable.as_mut_ptr());
        let (xt, yt) = (x.table, y.table);
        x.table = if yt == ys { xs } else { yt };
        y.table = if xt == xs { ys } else { xt };
        if x.table == xs || y.table == ys {
            ptr::swap(&mut x.smalltable, &mut y.smalltable);
        }
        if check_frozen(a) && check_frozen(b) {
            std::mem::swap(&mut x.hash, &mut y.hash);
        } else {
            x.hash = -1;
            y.hash = -1;
        }
    }
}

/// `so - other`, of `so`'s base type.
///
/// # Safety
/// Both are sets or frozensets.
pub(crate) unsafe fn difference(so: *mut PyObject, other: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller; each key is held while it is looked up.
    unsafe {
        if (size(so) >> 2) > size(other) {
            // Much bigger than `other`: copy, then remove `other`'s elements.
            let result = copy(so)?;
            if let Err(e) = difference_update(result, other) {
                decref(result);
                return Err(e);
            }
            return Ok(result);
        }
        let result = make_new_basetype(type_of(so), std::ptr::null_mut())?;
        let mut pos = 0;
        while let Some(e) = table::next(so, &mut pos) {
            incref(e.key);
            let r = table::contains_entry(other, e.key, e.hash).and_then(|found| {
                if found {
                    Ok(())
                } else {
                    table::add_entry(result, e.key, e.hash).map(|_| ())
                }
            });
            decref(e.key);
            if let Err(err) = r {
                decref(result);
                return Err(err);
            }
        }
        Ok(result)
    }
}

/// `so -= other`.
///
/// # Safety
/// `so` is a set, `other` a set or frozenset.
pub(crate) unsafe fn difference_update(so: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if so == other {
            table::clear(so);
            return Ok(());
        }
        // Far bigger than `so`: only the common elements matter.
        let other = if (size(other) >> 3) > size(so) { intersection(so, other)? } else { new_ref(other) };
        let mut pos = 0;
        let mut r = Ok(());
        while let Some(e) = table::next(other, &mut pos) {
            incref(e.key);
            r = table::discard_entry(so, e.key, e.hash).map(|_| ());
            decref(e.key);
            if r.is_err() {
                break;
            }
        }
        decref(other);
        r?;
        // More than a quarter dummies: rebuild.
        let s = set(so);
        if (s.fill - s.used) as usize <= s.mask as usize / 4 {
            return Ok(());
        }
        let minused = if s.used > 50000 { s.used * 2 } else { s.used * 4 };
        table::resize(so, minused as usize)
    }
}

/// `so ^ other`, of `so`'s base type.
///
/// # Safety
/// Both are sets or frozensets.
pub(crate) unsafe fn symmetric_difference(so: *mut PyObject, other: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let result = make_new_basetype(type_of(so), std::ptr::null_mut())?;
        let r = update(result, other).and_then(|()| symmetric_difference_update_set(result, so));
        if let Err(e) = r {
            decref(result);
            return Err(e);
        }
        Ok(result)
    }
}

/// `so ^= other`.
///
/// # Safety
/// `so` is a set, `other` a set or frozenset.
pub(crate) unsafe fn symmetric_difference_update(so: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if so == other {
            table::clear(so);
            return Ok(());
        }
        symmetric_difference_update_set(so, other)
    }
}

unsafe fn symmetric_difference_update_set(so: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller; each key is held while it is used.
    unsafe {
        let mut pos = 0;
        while let Some(e) = table::next(other, &mut pos) {
            incref(e.key);
            let r = table::discard_entry(so, e.key, e.hash).and_then(|found| {
                if found {
                    Ok(())
                } else {
                    table::add_entry(so, e.key, e.hash).map(|_| ())
                }
            });
            decref(e.key);
            r?;
        }
        Ok(())
    }
}

/// `so <= other` for two sets.
///
/// # Safety
/// Both are sets or frozensets.
pub(crate) unsafe fn issubset(so: *mut PyObject, other: *mut PyObject) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe {
        if size(so) > size(other) {
            return Ok(false);
        }
        let mut pos = 0;
        while let Some(e) = table::next(so, &mut pos) {
            incref(e.key);
            let r = table::contains_entry(other, e.key, e.hash);
            decref(e.key);
            if !r? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// Set comparisons: `==`/`!=` by content (a frozenset's known hash short-cuts inequality),
/// `<=`/`>=` subset and superset, `<`/`>` proper ones.
///
/// # Safety
/// `v` is a set or frozenset, `w` a set or frozenset.
pub(crate) unsafe fn compare(v: *mut PyObject, w: *mut PyObject, op: i32) -> PyResult<bool> {
    use crate::abi::{Py_EQ, Py_GE, Py_GT, Py_LE, Py_LT, Py_NE};
    // SAFETY: per caller.
    unsafe {
        let (lv, lw) = (size(v), size(w));
        match op {
            Py_EQ | Py_NE => {
                let eq = if lv != lw {
                    false
                } else {
                    let (hv, hw) = (set(v).hash, set(w).hash);
                    if hv != -1 && hw != -1 && hv != hw {
                        false
                    } else {
                        issubset(v, w)?
                    }
                };
                Ok(eq == (op == Py_EQ))
            }
            Py_LE => issubset(v, w),
            Py_GE => issubset(w, v),
            Py_LT => Ok(lv < lw && issubset(v, w)?),
            Py_GT => Ok(lv > lw && issubset(w, v)?),
            _ => Err(errors::bad_internal_call()),
        }
    }
}
