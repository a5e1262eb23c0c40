//! Index-walking iterators: over tuples (`tuple_iterator`), lists (`list_iterator`) and any
//! object with `sq_item` (`iterator`, CPython's `PySeqIter_Type`). All three are laid out
//! as CPython's: the position, then the sequence, dropped (set to NULL) once exhausted, so
//! an exhausted iterator stays exhausted and no longer keeps its sequence alive.

use std::ptr::null_mut;

use super::*;

#[repr(C)]
struct IndexIter {
    ob_base: PyObject,
    index: Py_ssize_t,
    seq: *mut PyObject,
}

const fn iter_type(name: &'static std::ffi::CStr, next: iternextfunc) -> PyTypeObject {
    PyTypeObject {
        ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
        tp_name: name.as_ptr(),
        tp_basicsize: std::mem::size_of::<IndexIter>() as Py_ssize_t,
        tp_dealloc: Some(index_iter_dealloc),
        tp_flags: Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_HAVE_GC,
        tp_traverse: Some(index_iter_traverse),
        tp_free: Some(crate::capi::objimpl::PyObject_GC_Del),
        tp_iter: Some(crate::capi::iterobject::PyObject_SelfIter),
        tp_iternext: next,
        ..TYPE_TEMPLATE
    }
}

/// `tuple_iterator`.
#[unsafe(no_mangle)]
pub static mut PyTupleIter_Type: PyTypeObject = iter_type(c"tuple_iterator", Some(tuple_iter_next));

/// `list_iterator`.
#[unsafe(no_mangle)]
pub static mut PyListIter_Type: PyTypeObject = iter_type(c"list_iterator", Some(list_iter_next));

/// `iterator`: iterates any object with `sq_item` (`PySeqIter_New`).
#[unsafe(no_mangle)]
pub static mut PySeqIter_Type: PyTypeObject = iter_type(c"iterator", Some(seq_iter_next));

unsafe fn new_index_iter(tp: *mut PyTypeObject, seq: *mut PyObject) -> PyResult<Owned> {
    let p = gc::alloc_object_uninit(std::mem::size_of::<IndexIter>())?;
    // SAFETY: fresh memory of the right size; `seq` is live per caller.
    unsafe {
        typeobject::init_object(p, tp);
        let it = &mut *(p as *mut IndexIter);
        it.index = 0;
        it.seq = new_ref(seq);
        gc::track_new(p);
    }
    Ok(p)
}

unsafe extern "C" fn index_iter_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on one of our iterators with no references.
    unsafe {
        gc::untrack_known(op);
        xdecref((*(op as *mut IndexIter)).seq);
        gc::free_object(op);
    }
}

/// `tp_traverse`: the sequence, until exhausted.
unsafe extern "C" fn index_iter_traverse(
    op: *mut PyObject,
    visit: crate::abi::visitproc,
    arg: *mut std::ffi::c_void,
) -> std::ffi::c_int {
    // SAFETY: called by the collector (or C) with one of our iterators.
    unsafe { gc::py_visit!((*(op as *mut IndexIter)).seq, visit, arg) };
    0
}

/// Drops the sequence of an exhausted iterator.
unsafe fn exhaust(it: &mut IndexIter) {
    let seq = std::mem::replace(&mut it.seq, null_mut());
    // SAFETY: the iterator owned it.
    unsafe { xdecref(seq) };
}

/// `tuple.__iter__`.
pub(crate) unsafe extern "C" fn tuple_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iter with a tuple.
    unsafe { new_index_iter(&raw mut PyTupleIter_Type, op).unwrap_or(null_mut()) }
}

unsafe extern "C" fn tuple_iter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext with a tuple iterator.
    unsafe {
        let it = &mut *(op as *mut IndexIter);
        if it.seq.is_null() {
            return null_mut();
        }
        if it.index < tupleobject::size(it.seq) {
            let item = tupleobject::get_item(it.seq, it.index);
            it.index += 1;
            return new_ref(item);
        }
        exhaust(it);
        null_mut()
    }
}

/// `list.__iter__`.
pub(crate) unsafe extern "C" fn list_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iter with a list.
    unsafe { new_index_iter(&raw mut PyListIter_Type, op).unwrap_or(null_mut()) }
}

/// The list is read afresh at every step, so it may grow or shrink meanwhile: the iterator
/// ends at the first position past its end at that moment.
unsafe extern "C" fn list_iter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext with a list iterator.
    unsafe {
        let it = &mut *(op as *mut IndexIter);
        if it.seq.is_null() {
            return null_mut();
        }
        let items = listobject::items(it.seq);
        if let Some(&item) = items.get(it.index as usize) {
            it.index += 1;
            return new_ref(item);
        }
        exhaust(it);
        null_mut()
    }
}

/// `PySeqIter_New`: an iterator calling `seq`'s `sq_item` with 0, 1, 2, ... until it raises
/// `IndexError` or `StopIteration`.
pub(crate) unsafe fn seq_iter_new(seq: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, live.
    unsafe { new_index_iter(&raw mut PySeqIter_Type, seq) }
}

/// `PySequence_GetItem(seq, i)` for `i >= 0`.
unsafe fn sequence_item(seq: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: per caller, live.
    unsafe {
        let tp = type_of(seq);
        let sq = (*tp).tp_as_sequence;
        if let Some(f) = if sq.is_null() { None } else { (*sq).sq_item } {
            return f(seq, i);
        }
        let mp = (*tp).tp_as_mapping;
        if !mp.is_null() && (*mp).mp_subscript.is_some() {
            errors::type_error(&format!("{} is not a sequence", type_name(tp)));
        } else {
            errors::type_error(&format!("'{}' object does not support indexing", type_name(tp)));
        }
        null_mut()
    }
}

unsafe extern "C" fn seq_iter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext with a sequence iterator.
    unsafe {
        let it = &mut *(op as *mut IndexIter);
        if it.seq.is_null() {
            return null_mut();
        }
        if it.index == Py_ssize_t::MAX {
            errors::overflow_error("iter index too large");
            return null_mut();
        }
        let item = sequence_item(it.seq, it.index);
        if !item.is_null() {
            it.index += 1;
            return item;
        }
        if errors::matches(&raw mut exceptions::_PyExc_IndexError)
            || errors::matches(&raw mut exceptions::_PyExc_StopIteration)
        {
            errors::clear();
            exhaust(it);
        }
        null_mut()
    }
}

/// `PySequence_Check`: has `sq_item` and is not a dict (what `iter()` falls back on).
pub(crate) unsafe fn sequence_check(op: *mut PyObject) -> bool {
    // SAFETY: per caller, live.
    unsafe {
        let tp = type_of(op);
        if has_flag(tp, Py_TPFLAGS_DICT_SUBCLASS) {
            return false;
        }
        let sq = (*tp).tp_as_sequence;
        !sq.is_null() && (*sq).sq_item.is_some()
    }
}
