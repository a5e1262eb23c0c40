//! Slices of lists: reading (`l[a:b:c]`, `PyList_GetSlice`) and assigning or deleting
//! them (`l[a:b] = x`, `del l[a:b:c]`, `PyList_SetSlice`), and subscripting by index or
//! slice objects. Replaced items are dropped only once the list is back in a consistent
//! state, since dropping them may run code that looks at it.

use std::ffi::c_int;
use std::ptr::null_mut;

use super::listobject::*;
use super::*;

/// `l[lo:hi]` as a new list (bounds clipped, as `PyList_GetSlice`).
///
/// # Safety
/// `op` is a list.
pub(crate) unsafe fn get_slice(op: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let n = size(op);
        let lo = lo.clamp(0, n);
        let hi = hi.clamp(lo, n);
        from_slice(&items(op)[lo as usize..hi as usize])
    }
}

/// `l[lo:hi] = v` (`v` NULL deletes), CPython's `list_ass_slice`: bounds clipped, `v` any
/// iterable ("can only assign an iterable"), `l[a:b] = l` allowed. The replaced items are
/// dropped only once the list is back in shape.
///
/// # Safety
/// `op` is a list, `v` NULL or live.
pub(crate) unsafe fn ass_slice(
    op: *mut PyObject,
    lo: Py_ssize_t,
    hi: Py_ssize_t,
    v: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if v == op {
            let copy = get_slice(op, 0, size(op))?;
            let r = ass_slice_from(op, lo, hi, copy);
            decref(copy);
            return r;
        }
        if v.is_null() {
            return replace_range(op, lo, hi, &[]);
        }
        let seq = sequence_fast(v, "can only assign an iterable")?;
        let r = ass_slice_from(op, lo, hi, seq);
        decref(seq);
        r
    }
}

/// [`ass_slice`] from an exact list or tuple other than `op`.
unsafe fn ass_slice_from(
    op: *mut PyObject,
    lo: Py_ssize_t,
    hi: Py_ssize_t,
    seq: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: per caller; nothing runs between reading `seq`'s items and copying them.
    unsafe { replace_range(op, lo, hi, fast_items(seq)) }
}

/// Replaces `op[lo:hi]` (clipped) with new references to `new_items`.
unsafe fn replace_range(
    op: *mut PyObject,
    lo: Py_ssize_t,
    hi: Py_ssize_t,
    new_items: &[*mut PyObject],
) -> PyResult<()> {
    // SAFETY: per caller, `op` is a list and `new_items` are live and not its own array.
    unsafe {
        let n0 = size(op);
        let lo = lo.clamp(0, n0);
        let hi = hi.clamp(lo, n0);
        let norig = (hi - lo) as usize;
        let n = new_items.len();
        let d = n as Py_ssize_t - norig as Py_ssize_t;
        if n0 + d == 0 {
            clear(op);
            return Ok(());
        }
        let mut recycle_small = [null_mut(); 8];
        let mut recycle_big = Vec::new();
        let recycle: &mut [*mut PyObject] = if norig <= 8 {
            &mut recycle_small[..norig]
        } else {
            recycle_big.try_reserve_exact(norig).map_err(|_| errors::no_memory())?;
            recycle_big.resize(norig, null_mut());
            &mut recycle_big[..]
        };
        let p = fields(op).ob_item;
        if norig > 0 {
            std::ptr::copy_nonoverlapping(p.add(lo as usize), recycle.as_mut_ptr(), norig);
        }
        let tail = (n0 - hi) as usize;
        if d < 0 {
            std::ptr::copy(p.add(hi as usize), p.add((hi + d) as usize), tail);
            if let Err(e) = resize(op, n0 + d) {
                std::ptr::copy(p.add((hi + d) as usize), p.add(hi as usize), tail);
                std::ptr::copy_nonoverlapping(recycle.as_ptr(), p.add(lo as usize), norig);
                return Err(e);
            }
        } else if d > 0 {
            resize(op, n0 + d)?;
            let p = fields(op).ob_item;
            std::ptr::copy(p.add(hi as usize), p.add((hi + d) as usize), tail);
        }
        let p = fields(op).ob_item;
        for (k, &item) in new_items.iter().enumerate() {
            *p.add(lo as usize + k) = new_ref(item);
        }
        for &item in recycle.iter().rev() {
            xdecref(item);
        }
    }
    Ok(())
}

pub(crate) unsafe extern "C" fn list_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through mp_subscript with a list and a live key.
    unsafe {
        if abstract_::number::index_check(key) {
            let Ok(mut i) =
                abstract_::number::as_ssize_t(key, (&raw mut exceptions::_PyExc_IndexError).cast())
            else {
                return null_mut();
            };
            if i < 0 {
                i += size(op);
            }
            return list_item(op, i);
        }
        if sliceobject::is_slice(key) {
            let Ok((mut start, mut stop, step)) = sliceobject::unpack(key) else { return null_mut() };
            let len = sliceobject::adjust_indices(size(op), &mut start, &mut stop, step);
            if len <= 0 {
                return new(0).unwrap_or(null_mut());
            }
            if step == 1 {
                return from_slice(&items(op)[start as usize..stop as usize]).unwrap_or(null_mut());
            }
            let Ok(l) = new(len) else { return null_mut() };
            let (src, dst) = (items(op), fields(l).ob_item);
            let mut cur = start;
            for i in 0..len as usize {
                *dst.add(i) = new_ref(src[cur as usize]);
                cur = cur.wrapping_add(step);
            }
            return l;
        }
        errors::type_error(&format!(
            "list indices must be integers or slices, not {}",
            type_name(type_of(key))
        ));
        null_mut()
    }
}

/// `PySlice_AdjustIndices`, then moves `stop` so that `l[5:2] = ...` inserts before 5.
fn adjust_for_assignment(
    len: Py_ssize_t,
    start: &mut Py_ssize_t,
    stop: &mut Py_ssize_t,
    step: Py_ssize_t,
) -> Py_ssize_t {
    let n = sliceobject::adjust_indices(len, start, stop, step);
    if (step < 0 && *start < *stop) || (step > 0 && *start > *stop) {
        *stop = *start;
    }
    n
}

/// `l[key] = v` / `del l[key]` (`v` NULL), with integer, slice and extended-slice keys.
pub(crate) unsafe extern "C" fn list_ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    v: *mut PyObject,
) -> c_int {
    // SAFETY: called through mp_ass_subscript with a list, a live key, NULL or a live value.
    unsafe {
        if abstract_::number::index_check(key) {
            let Ok(mut i) =
                abstract_::number::as_ssize_t(key, (&raw mut exceptions::_PyExc_IndexError).cast())
            else {
                return -1;
            };
            if i < 0 {
                i += size(op);
            }
            return list_ass_item(op, i, v);
        }
        if !sliceobject::is_slice(key) {
            errors::type_error(&format!(
                "list indices must be integers or slices, not {}",
                type_name(type_of(key))
            ));
            return -1;
        }
        let Ok((mut start, mut stop, step)) = sliceobject::unpack(key) else { return -1 };
        let r = if v.is_null() {
            let len = adjust_for_assignment(size(op), &mut start, &mut stop, step);
            if step == 1 {
                ass_slice(op, start, stop, null_mut())
            } else {
                delete_extended(op, start, step, len)
            }
        } else {
            // `l[::-1] = l` must see the old items: copy first.
            let seq = if v == op {
                get_slice(op, 0, size(op))
            } else {
                sequence_fast(v, "must assign iterable to extended slice")
            };
            let Ok(seq) = seq else { return -1 };
            let len = adjust_for_assignment(size(op), &mut start, &mut stop, step);
            let r = if step == 1 {
                ass_slice_from(op, start, stop, seq)
            } else {
                assign_extended(op, start, step, len, fast_items(seq))
            };
            decref(seq);
            r
        };
        if r.is_ok() {
            0
        } else {
            -1
        }
    }
}

/// `del l[start::step]` for `step != 1`, selecting `len` items.
unsafe fn delete_extended(
    op: *mut PyObject,
    mut start: Py_ssize_t,
    mut step: Py_ssize_t,
    len: Py_ssize_t,
) -> PyResult<()> {
    if len <= 0 {
        return Ok(());
    }
    if step < 0 {
        // Walk the same items forwards.
        start += step * (len - 1);
        step = -step;
    }
    // SAFETY: per caller; the selected indices are within the list.
    unsafe {
        let n = size(op) as usize;
        let p = fields(op).ob_item;
        let mut garbage = Vec::new();
        garbage.try_reserve_exact(len as usize).map_err(|_| errors::no_memory())?;
        let (start, step) = (start as usize, step as usize);
        let mut write = start;
        let mut read = start;
        for k in 0..len as usize {
            let sel = start + k * step;
            std::ptr::copy(p.add(read), p.add(write), sel - read);
            write += sel - read;
            garbage.push(*p.add(sel));
            read = sel + 1;
        }
        std::ptr::copy(p.add(read), p.add(write), n - read);
        fields(op).ob_base.ob_size = (n - len as usize) as Py_ssize_t;
        let r = resize(op, size(op));
        for &item in garbage.iter() {
            decref(item);
        }
        r
    }
}

/// `l[start::step] = items` for `step != 1`: exactly `len` items must come.
unsafe fn assign_extended(
    op: *mut PyObject,
    start: Py_ssize_t,
    step: Py_ssize_t,
    len: Py_ssize_t,
    src: &[*mut PyObject],
) -> PyResult<()> {
    if src.len() as Py_ssize_t != len {
        return Err(errors::value_error(&format!(
            "attempt to assign sequence of size {} to extended slice of size {}",
            src.len(),
            len
        )));
    }
    if len == 0 {
        return Ok(());
    }
    // SAFETY: per caller; the selected indices are within the list.
    unsafe {
        let mut garbage = Vec::new();
        garbage.try_reserve_exact(len as usize).map_err(|_| errors::no_memory())?;
        let p = fields(op).ob_item;
        let mut cur = start;
        for &item in src {
            garbage.push(*p.add(cur as usize));
            *p.add(cur as usize) = new_ref(item);
            cur = cur.wrapping_add(step);
        }
        for item in garbage {
            decref(item);
        }
    }
    Ok(())
}
