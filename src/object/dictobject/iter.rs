//! Iterators over a dict's keys, values and items (`dict_keyiterator`, ...), what `iter(d)`
//! and the views' iterators are. They follow insertion order and refuse to go on once the
//! dict's size changed: `RuntimeError: dictionary changed size during iteration`.

use std::ffi::c_ulong;
use std::ptr::null_mut;

use super::table::dict;
use super::*;

/// What an iterator yields. (Values and items iterators are what `d.values()` and
/// `d.items()` will iterate with, once method objects exist; C reaches only keys for now.)
#[derive(Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)]
pub(crate) enum Kind {
    Keys,
    Values,
    Items,
}

/// CPython's `dictiterobject`.
#[repr(C)]
struct DictIter {
    ob_base: PyObject,
    /// The dict (owned); NULL once exhausted.
    di_dict: *mut PyObject,
    /// The dict's size when iteration began; -1 once a change was reported.
    di_used: Py_ssize_t,
    /// The next entry to look at.
    di_pos: Py_ssize_t,
    /// Items iterators: the last `(key, value)` tuple, reused when nobody else holds it.
    di_result: *mut PyObject,
    /// Items left to yield.
    len: Py_ssize_t,
}

const fn iter_type(name: &'static std::ffi::CStr, next: crate::abi::iternextfunc) -> PyTypeObject {
    PyTypeObject {
        ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
        tp_name: name.as_ptr(),
        tp_basicsize: std::mem::size_of::<DictIter>() as Py_ssize_t,
        tp_dealloc: Some(dictiter_dealloc),
        tp_flags: crate::abi::Py_TPFLAGS_HAVE_GC as c_ulong,
        tp_traverse: Some(dictiter_traverse),
        tp_free: Some(crate::capi::objimpl::PyObject_GC_Del),
        tp_iter: Some(self_iter),
        tp_iternext: next,
        ..TYPE_TEMPLATE
    }
}

/// `dict_keyiterator`.
#[unsafe(no_mangle)]
pub static mut PyDictIterKey_Type: PyTypeObject = iter_type(c"dict_keyiterator", Some(next_key));

/// `dict_valueiterator`.
#[unsafe(no_mangle)]
pub static mut PyDictIterValue_Type: PyTypeObject = iter_type(c"dict_valueiterator", Some(next_value));

/// `dict_itemiterator`.
#[unsafe(no_mangle)]
pub static mut PyDictIterItem_Type: PyTypeObject = iter_type(c"dict_itemiterator", Some(next_item));

/// A new iterator over `mp`.
///
/// # Safety
/// `mp` is a dict.
pub(crate) unsafe fn new(mp: *mut PyObject, kind: Kind) -> PyResult<Owned> {
    let tp = match kind {
        Kind::Keys => &raw mut PyDictIterKey_Type,
        Kind::Values => &raw mut PyDictIterValue_Type,
        Kind::Items => &raw mut PyDictIterItem_Type,
    };
    let p = gc::alloc_object_uninit(std::mem::size_of::<DictIter>())? as *mut DictIter;
    // SAFETY: fresh memory of the right size; `mp` is a live dict.
    unsafe {
        let used = size(mp);
        let result = if kind == Kind::Items {
            match tupleobject::pack(&[singletons::none(), singletons::none()]) {
                Ok(t) => t,
                Err(e) => {
                    gc::free_object(p.cast());
                    return Err(e);
                }
            }
        } else {
            null_mut()
        };
        typeobject::init_object(p.cast(), tp);
        let it = &mut *p;
        it.di_dict = new_ref(mp);
        it.di_used = used;
        it.di_pos = 0;
        it.di_result = result;
        it.len = used;
        gc::track_new(p.cast());
    }
    Ok(p.cast())
}

unsafe extern "C" fn dictiter_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` with one of our iterators.
    unsafe {
        gc::untrack_known(op);
        let it = &mut *(op as *mut DictIter);
        xdecref(it.di_dict);
        xdecref(it.di_result);
        gc::free_object(op);
    }
}

unsafe extern "C" fn dictiter_traverse(
    op: *mut PyObject,
    visit: crate::abi::visitproc,
    arg: *mut std::ffi::c_void,
) -> std::ffi::c_int {
    // SAFETY: called by the collector (or C) with one of our iterators.
    unsafe {
        let it = &*(op as *mut DictIter);
        gc::py_visit!(it.di_dict, visit, arg);
        gc::py_visit!(it.di_result, visit, arg);
    }
    0
}

pub(crate) unsafe extern "C" fn self_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object.
    unsafe { new_ref(op) }
}

/// The next live entry (borrowed key and value), `Ok(None)` when exhausted (the dict is
/// then released), or the error of a dict that changed under the iterator.
unsafe fn advance(op: *mut PyObject) -> PyResult<Option<(*mut PyObject, *mut PyObject)>> {
    // SAFETY: called from tp_iternext with one of our iterators.
    unsafe {
        let it = &mut *(op as *mut DictIter);
        let d = it.di_dict;
        if d.is_null() {
            return Ok(None);
        }
        if it.di_used != dict(d).ma_used {
            it.di_used = -1; // stays broken, as CPython's
            return Err(errors::runtime_error("dictionary changed size during iteration"));
        }
        let mut pos = it.di_pos;
        match next(d, &mut pos) {
            Some(kv) => {
                if it.len == 0 {
                    // Same size, yet more items than there were: keys were replaced.
                    it.di_dict = null_mut();
                    decref(d);
                    return Err(errors::runtime_error("dictionary keys changed during iteration"));
                }
                it.di_pos = pos;
                it.len -= 1;
                Ok(Some(kv))
            }
            None => {
                it.di_dict = null_mut();
                decref(d);
                Ok(None)
            }
        }
    }
}

unsafe extern "C" fn next_key(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext.
    match unsafe { advance(op) } {
        // SAFETY: a live key.
        Ok(Some((k, _))) => unsafe { new_ref(k) },
        _ => null_mut(),
    }
}

unsafe extern "C" fn next_value(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext.
    match unsafe { advance(op) } {
        // SAFETY: a live value.
        Ok(Some((_, v))) => unsafe { new_ref(v) },
        _ => null_mut(),
    }
}

unsafe extern "C" fn next_item(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext with an items iterator.
    unsafe {
        let Ok(Some((k, v))) = advance(op) else { return null_mut() };
        let it = &mut *(op as *mut DictIter);
        let result = it.di_result;
        if !result.is_null() && (*result).ob_refcnt == 1 {
            // Nobody kept the previous tuple: refill it instead of allocating.
            let (old_k, old_v) = (tupleobject::get_item(result, 0), tupleobject::get_item(result, 1));
            tupleobject::set_item(result, 0, new_ref(k));
            tupleobject::set_item(result, 1, new_ref(v));
            decref(old_k);
            decref(old_v);
            // The tuple may have been made, or left by a collection, untracked.
            if !gc::is_tracked(result) && (gc::may_be_tracked(k) || gc::may_be_tracked(v)) {
                gc::track_new(result);
            }
            return new_ref(result);
        }
        tupleobject::pack(&[k, v]).unwrap_or(null_mut())
    }
}
