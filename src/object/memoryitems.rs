//! Reading and writing a memoryview's items: indexing (one index per dimension, or a
//! tuple of them), assignment, iteration, equality item by item in any layout, and
//! hashing, as CPython's `memoryobject.c`. Items become objects through [`memoryformat`].

use std::ffi::{c_char, c_int};
use std::mem::size_of;
use std::ptr::null_mut;

use super::buffer::{self, Dims, Layout};
use super::memoryformat as fmt;
use super::memoryobject::{check, check_released, mv};
use super::*;

#[inline]
pub(super) unsafe fn lookup_dimension(
    view: &Py_buffer,
    ptr: *mut u8,
    dim: usize,
    index: Py_ssize_t,
) -> PyResult<*mut u8> {
    // SAFETY: per caller, `dim < ndim` of a filled view with shape and strides.
    unsafe {
        let n = *view.shape.add(dim);
        let i = if index < 0 { index + n } else { index };
        if i < 0 || i >= n {
            return Err(errors::index_error(&format!("index out of bounds on dimension {}", dim + 1)));
        }
        let mut p = ptr.wrapping_offset((*view.strides.add(dim)).wrapping_mul(i));
        if !view.suboffsets.is_null() && *view.suboffsets.add(dim) >= 0 {
            p = (*(p as *const *mut u8)).wrapping_offset(*view.suboffsets.add(dim));
        }
        Ok(p)
    }
}

/// The item at `ptr` as an object.
#[inline]
unsafe fn unpack_single(ch: u8, ptr: *const u8) -> PyResult<Owned> {
    // SAFETY: per caller, an item of format `ch`.
    match unsafe { fmt::unpack(ch, ptr) } {
        Some(s) => fmt::to_object(ch, s),
        None => Err(fmt::unsupported(ch)),
    }
}

pub(super) unsafe extern "C" fn memory_item(op: *mut PyObject, index: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through sq_item with a memoryview.
    unsafe { item(op, index) }.unwrap_or(null_mut())
}

#[inline]
unsafe fn item(op: *mut PyObject, index: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: per caller, a memoryview.
    unsafe {
        let m = mv(op);
        check_released(m)?;
        let ch = fmt::view_char(m.view.format)?;
        match m.view.ndim {
            0 => Err(errors::type_error("invalid indexing of 0-dim memory")),
            1 => {
                let p = lookup_dimension(&m.view, m.view.buf.cast(), 0, index)?;
                if ch == b'B' {
                    // The common case: a small int, no allocation.
                    return Ok(bytesobject::small_int(*p));
                }
                unpack_single(ch, p)
            }
            _ => Err(errors::not_implemented_error("multi-dimensional sub-views are not implemented")),
        }
    }
}

/// `PyNumber_AsSsize_t(key, PyExc_IndexError)`.
unsafe fn index_for_item(key: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: per caller, live.
    unsafe { abstract_::number::as_ssize_t(key, (&raw mut exceptions::_PyExc_IndexError).cast()) }
}

/// A tuple of indices, one per dimension (CPython's `is_multiindex` + `ptr_from_tuple`).
unsafe fn ptr_from_tuple(view: &Py_buffer, key: *mut PyObject) -> PyResult<*mut u8> {
    // SAFETY: per caller, a tuple of index objects and a filled view.
    unsafe {
        let items = tupleobject::items(key);
        if items.len() > view.ndim as usize {
            return Err(errors::type_error(&format!(
                "cannot index {}-dimension view with {}-element tuple",
                view.ndim,
                items.len()
            )));
        }
        let mut p = view.buf as *mut u8;
        for (dim, &k) in items.iter().enumerate() {
            p = lookup_dimension(view, p, dim, index_for_item(k)?)?;
        }
        Ok(p)
    }
}

unsafe fn is_multiindex(key: *mut PyObject) -> bool {
    // SAFETY: per caller, live.
    unsafe {
        has_flag(type_of(key), Py_TPFLAGS_TUPLE_SUBCLASS)
            && tupleobject::items(key).iter().all(|&k| abstract_::number::index_check(k))
    }
}

unsafe fn is_empty_tuple(key: *mut PyObject) -> bool {
    // SAFETY: per caller, live.
    unsafe { has_flag(type_of(key), Py_TPFLAGS_TUPLE_SUBCLASS) && tupleobject::size(key) == 0 }
}

pub(super) unsafe extern "C" fn memory_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through mp_subscript with a memoryview and a live key.
    unsafe { subscript(op, key) }.unwrap_or(null_mut())
}

unsafe fn subscript(op: *mut PyObject, key: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let m = mv(op);
        check_released(m)?;
        let view = &m.view;
        if view.ndim == 0 {
            if is_empty_tuple(key) {
                let ch = fmt::view_char(view.format)?;
                return unpack_single(ch, view.buf.cast());
            }
            if key == singletons::ellipsis() {
                return Ok(new_ref(op));
            }
            return Err(errors::type_error("invalid indexing of 0-dim memory"));
        }
        if abstract_::number::index_check(key) {
            return item(op, index_for_item(key)?);
        }
        if is_multiindex(key) {
            let ch = fmt::view_char(view.format)?;
            if (tupleobject::size(key) as c_int) < view.ndim {
                return Err(errors::not_implemented_error("sub-views are not implemented"));
            }
            return unpack_single(ch, ptr_from_tuple(view, key)?);
        }
        Err(errors::type_error("memoryview: invalid slice key"))
    }
}

pub(super) unsafe extern "C" fn memory_ass_sub(
    op: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    // SAFETY: called through mp_ass_subscript with a memoryview, a live key, NULL or a value.
    match unsafe { ass_sub(op, key, value) } {
        Ok(()) => 0,
        Err(_) => -1,
    }
}

unsafe fn ass_sub(op: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let m = mv(op);
        check_released(m)?;
        let ch = fmt::view_char(m.view.format)?;
        if m.view.readonly != 0 {
            return Err(errors::type_error("cannot modify read-only memory"));
        }
        if value.is_null() {
            return Err(errors::type_error("cannot delete memory"));
        }
        let size = m.view.itemsize.max(0) as usize;
        let ptr = if m.view.ndim == 0 {
            if key != singletons::ellipsis() && !is_empty_tuple(key) {
                return Err(errors::type_error("invalid indexing of 0-dim memory"));
            }
            m.view.buf.cast()
        } else if abstract_::number::index_check(key) {
            if m.view.ndim > 1 {
                return Err(errors::not_implemented_error("sub-views are not implemented"));
            }
            lookup_dimension(&m.view, m.view.buf.cast(), 0, index_for_item(key)?)?
        } else if is_multiindex(key) {
            if (tupleobject::size(key) as c_int) < m.view.ndim {
                return Err(errors::not_implemented_error("sub-views are not implemented"));
            }
            ptr_from_tuple(&m.view, key)?
        } else {
            return Err(errors::type_error("memoryview: invalid slice key"));
        };
        let bytes = fmt::pack(ch, value)?;
        // The value's conversion may have run code that released this view (gh-92888).
        check_released(mv(op))?;
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr, size.min(bytes.len()));
        Ok(())
    }
}

pub(super) unsafe extern "C" fn memory_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: called through tp_hash with a memoryview.
    unsafe { hash(op) }.unwrap_or(-1)
}

unsafe fn hash(op: *mut PyObject) -> PyResult<Py_hash_t> {
    // SAFETY: per caller, a memoryview.
    unsafe {
        let m = mv(op);
        if m.hash != -1 {
            return Ok(m.hash);
        }
        check_released(m)?;
        let view = &m.view;
        if view.readonly == 0 {
            return Err(errors::value_error("cannot hash writable memoryview object"));
        }
        if !matches!(fmt::native(buffer::format_of(view)), Some(n) if matches!(n.ch, b'B' | b'b' | b'c')) {
            return Err(errors::value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
        }
        if !view.obj.is_null() {
            abstract_::hash(view.obj)?;
        }
        let h = if m.flags & _Py_MEMORYVIEW_C != 0 {
            pyhash::hash_bytes(&crate::runtime::hash_secret(), buffer::slice_of(view.buf, view.len))
        } else {
            let mut tmp = vec![0u8; view.len.max(0) as usize];
            buffer::copy_to_contiguous(tmp.as_mut_ptr(), view, b'C' as c_char);
            pyhash::hash_bytes(&crate::runtime::hash_secret(), &tmp)
        };
        m.hash = h;
        Ok(h)
    }
}

/// Whether a view's base can no longer be read (CPython's `BASE_INACCESSIBLE`).
unsafe fn inaccessible(op: *mut PyObject) -> bool {
    // SAFETY: per caller, a memoryview.
    unsafe { check_released(mv(op)).is_err() }
}

pub(super) unsafe extern "C" fn memory_richcompare(
    v: *mut PyObject,
    w: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    // SAFETY: called through tp_richcompare with a memoryview `v` and a live `w`.
    unsafe {
        if op != Py_EQ && op != Py_NE {
            return new_ref(singletons::not_implemented());
        }
        let equal = if inaccessible(v) {
            Ok(Some(v == w))
        } else if check(w) {
            if inaccessible(w) {
                Ok(Some(v == w))
            } else {
                views_equal(&mv(v).view, &mv(w).view).map(Some)
            }
        } else {
            let mut raw = buffer::empty_view();
            match buffer::Held::get(w, &mut raw, PyBUF_FULL_RO) {
                Ok(held) => views_equal(&mv(v).view, held.view()).map(Some),
                Err(_) => {
                    errors::clear();
                    Ok(None)
                }
            }
        };
        match equal {
            Ok(Some(eq)) => bytes_methods::bool_obj(eq == (op == Py_EQ)),
            Ok(None) => new_ref(singletons::not_implemented()),
            Err(_) => null_mut(),
        }
    }
}

/// Item-by-item equality of two views of the same shape (CPython's `memory_richcompare`
/// core); views of different shapes are unequal.
unsafe fn views_equal(a: &Py_buffer, b: &Py_buffer) -> PyResult<bool> {
    // SAFETY: both are filled views.
    unsafe {
        if a.ndim != b.ndim {
            return Ok(false);
        }
        for d in 0..a.ndim.max(0) as usize {
            let (x, y) = (buffer::extent(a, d), buffer::extent(b, d));
            if x != y {
                return Ok(false);
            }
            if x == 0 {
                break;
            }
        }
        let (fa, fb) = (buffer::format_of(a), buffer::format_of(b));
        let unsupported = |f: &[u8]| {
            errors::not_implemented_error(&format!(
                "memoryview: unsupported format {}",
                String::from_utf8_lossy(f)
            ))
        };
        let na = fmt::native(fa).ok_or_else(|| unsupported(fa))?;
        let nb = fmt::native(fb).ok_or_else(|| unsupported(fb))?;
        // Same integer format, both C-contiguous: the bytes decide.
        let byte_exact = na == nb
            && matches!(
                na.ch,
                b'b' | b'B'
                    | b'c'
                    | b'h'
                    | b'H'
                    | b'i'
                    | b'I'
                    | b'l'
                    | b'L'
                    | b'q'
                    | b'Q'
                    | b'n'
                    | b'N'
                    | b'P'
            );
        if byte_exact
            && a.itemsize == na.size as Py_ssize_t
            && b.itemsize == na.size as Py_ssize_t
            && buffer::is_contiguous(a, b'C' as c_char)
            && buffer::is_contiguous(b, b'C' as c_char)
        {
            return Ok(buffer::slice_of(a.buf, a.len) == buffer::slice_of(b.buf, b.len));
        }
        if a.ndim == 0 {
            return Ok(scalar_pair_eq(na.ch, a.buf.cast(), nb.ch, b.buf.cast()));
        }
        let (da, db) = (Dims::of(a), Dims::of(b));
        let la = Layout { base: a.buf.cast(), strides: &da.strides, suboffsets: da.suboffsets.as_deref() };
        let lb = Layout { base: b.buf.cast(), strides: &db.strides, suboffsets: db.suboffsets.as_deref() };
        let mut equal = true;
        buffer::walk(&da.shape, &[la, lb], false, &mut |p| {
            equal = scalar_pair_eq(na.ch, p[0], nb.ch, p[1]);
            equal
        });
        Ok(equal)
    }
}

unsafe fn scalar_pair_eq(ca: u8, pa: *const u8, cb: u8, pb: *const u8) -> bool {
    // SAFETY: per caller, items of the given (native) formats.
    match unsafe { (fmt::unpack(ca, pa), fmt::unpack(cb, pb)) } {
        (Some(x), Some(y)) => fmt::scalar_eq(x, y),
        _ => false,
    }
}

// --- iteration -------------------------------------------------------------------------------

/// `memory_iterator`: the items of a 1-D view.
#[repr(C)]
struct MemoryIter {
    ob_base: PyObject,
    it_index: Py_ssize_t,
    it_seq: *mut PyObject,
    it_length: Py_ssize_t,
    it_fmt: u8,
}

/// `memory_iterator`.
#[unsafe(no_mangle)]
pub static mut _PyMemoryIter_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"memory_iterator".as_ptr(),
    tp_basicsize: size_of::<MemoryIter>() as Py_ssize_t,
    tp_dealloc: Some(memoryiter_dealloc),
    tp_flags: Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_IMMUTABLETYPE,
    tp_iter: Some(bytesobject::self_iter),
    tp_iternext: Some(memoryiter_next),
    ..TYPE_TEMPLATE
};

pub(super) unsafe extern "C" fn memory_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iter with a live object.
    unsafe { iter(op) }.unwrap_or(null_mut())
}

unsafe fn iter(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if !check(op) {
            return Err(errors::bad_internal_call());
        }
        let m = mv(op);
        check_released(m)?;
        match m.view.ndim {
            0 => return Err(errors::type_error("invalid indexing of 0-dim memory")),
            1 => {}
            _ => {
                return Err(errors::not_implemented_error("multi-dimensional sub-views are not implemented"))
            }
        }
        let ch = fmt::view_char(m.view.format)?;
        let it = alloc::malloc(size_of::<MemoryIter>()) as *mut MemoryIter;
        if it.is_null() {
            return Err(errors::no_memory());
        }
        typeobject::init_object(it.cast(), &raw mut _PyMemoryIter_Type);
        (*it).it_index = 0;
        (*it).it_seq = new_ref(op);
        (*it).it_length = *m.view.shape;
        (*it).it_fmt = ch;
        Ok(it.cast())
    }
}

unsafe extern "C" fn memoryiter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext with a memory_iterator.
    unsafe {
        let it = &mut *(op as *mut MemoryIter);
        let seq = it.it_seq;
        if seq.is_null() {
            return null_mut();
        }
        if it.it_index < it.it_length {
            let m = mv(seq);
            if check_released(m).is_err() {
                return null_mut();
            }
            let i = it.it_index;
            it.it_index += 1;
            let p = match lookup_dimension(&m.view, m.view.buf.cast(), 0, i) {
                Ok(p) => p,
                Err(_) => return null_mut(),
            };
            if it.it_fmt == b'B' {
                return bytesobject::small_int(*p);
            }
            return unpack_single(it.it_fmt, p).unwrap_or(null_mut());
        }
        it.it_seq = null_mut();
        decref(seq);
        null_mut()
    }
}

unsafe extern "C" fn memoryiter_dealloc(op: *mut PyObject) {
    // SAFETY: called by _Py_Dealloc with a memory_iterator nobody references.
    unsafe {
        xdecref((*(op as *mut MemoryIter)).it_seq);
        alloc::free(op.cast());
    }
}
