//! `memoryview` and the managed buffer behind it, as CPython's `memoryobject.c`.
//!
//! A managed buffer (`managedbuffer`) gets the exporter's buffer once and holds it; every
//! memoryview made from the same export (`memoryview(m)` of a memoryview `m`, contiguous
//! copies) shares it and counts in its `exports`. When the last view is released (or
//! deallocated) the managed buffer gives the export back, so e.g. a bytearray can be
//! resized again. A memoryview can itself export buffers; while it has, it cannot be
//! released.
//!
//! The layout machinery takes any number of dimensions, strides and suboffsets (views are
//! made, compared, hashed and copied in any layout). Indexing takes one index per
//! dimension; sub-views (fewer indices), slicing, `cast` and `tolist` are not implemented.
//! Items are turned into objects for the integer formats, `?`, `c` and `P`
//! ([`memoryformat`]).
//!
//! One difference from CPython: a released memoryview's `view.obj` is NULL (CPython leaves
//! a pointer to an exporter that may be gone), so `PyMemoryView_GET_BASE` never dangles.

use std::ffi::{c_char, c_int};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

use super::buffer::{self, Dims, Layout};
use super::memoryformat as fmt;
use super::*;

// --- the managed buffer ------------------------------------------------------------------------

/// `managedbuffer`.
#[unsafe(no_mangle)]
pub static mut _PyManagedBuffer_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"managedbuffer".as_ptr(),
    tp_basicsize: size_of::<_PyManagedBufferObject>() as Py_ssize_t,
    tp_dealloc: Some(mbuf_dealloc),
    tp_flags: Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_IMMUTABLETYPE,
    ..TYPE_TEMPLATE
};

type Mbuf = _PyManagedBufferObject;

fn mbuf_alloc() -> PyResult<*mut Mbuf> {
    let m = alloc::malloc(size_of::<Mbuf>()) as *mut Mbuf;
    if m.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of the right size.
    unsafe {
        typeobject::init_object(m.cast(), &raw mut _PyManagedBuffer_Type);
        (*m).flags = 0;
        (*m).exports = 0;
        (&raw mut (*m).master).write(buffer::empty_view());
    }
    Ok(m)
}

/// A managed buffer holding `base`'s export for the request `flags`.
unsafe fn mbuf_from_object(base: *mut PyObject, flags: c_int) -> PyResult<*mut Mbuf> {
    let m = mbuf_alloc()?;
    // SAFETY: `m` is fresh; `base` live per caller.
    unsafe {
        if let Err(e) = buffer::get(base, &raw mut (*m).master, flags) {
            (*m).master.obj = null_mut();
            decref(m.cast());
            return Err(e);
        }
    }
    Ok(m)
}

/// Gives the export back to its exporter (once).
unsafe fn mbuf_release(m: *mut Mbuf) {
    // SAFETY: per caller, a live managed buffer.
    unsafe {
        if (*m).flags & _Py_MANAGED_BUFFER_RELEASED != 0 {
            return;
        }
        (*m).flags |= _Py_MANAGED_BUFFER_RELEASED;
        buffer::release(&raw mut (*m).master);
    }
}

unsafe extern "C" fn mbuf_dealloc(op: *mut PyObject) {
    // SAFETY: called by _Py_Dealloc with a managed buffer nobody references.
    unsafe {
        let m = op as *mut Mbuf;
        mbuf_release(m);
        if (*m).flags & _Py_MANAGED_BUFFER_FREE_FORMAT != 0 {
            alloc::free((*m).master.format.cast());
        }
        typeobject::object_dealloc(op);
    }
}

// --- memoryview --------------------------------------------------------------------------------

static MEMORY_AS_SEQUENCE: ReadOnly<PySequenceMethods> = ReadOnly(PySequenceMethods {
    sq_length: Some(memory_length),
    sq_concat: None,
    sq_repeat: None,
    sq_item: Some(memory_item),
    was_sq_slice: null_mut(),
    sq_ass_item: None,
    was_sq_ass_slice: null_mut(),
    sq_contains: None,
    sq_inplace_concat: None,
    sq_inplace_repeat: None,
});

static MEMORY_AS_MAPPING: ReadOnly<PyMappingMethods> = ReadOnly(PyMappingMethods {
    mp_length: Some(memory_length),
    mp_subscript: Some(memory_subscript),
    mp_ass_subscript: Some(memory_ass_sub),
});

static MEMORY_AS_BUFFER: ReadOnly<PyBufferProcs> =
    ReadOnly(PyBufferProcs { bf_getbuffer: Some(memory_getbuf), bf_releasebuffer: Some(memory_releasebuf) });

/// `memoryview`.
#[unsafe(no_mangle)]
pub static mut PyMemoryView_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"memoryview".as_ptr(),
    tp_basicsize: offset_of!(PyMemoryViewObject, ob_array) as Py_ssize_t,
    tp_itemsize: size_of::<Py_ssize_t>() as Py_ssize_t,
    tp_dealloc: Some(memory_dealloc),
    tp_repr: Some(memory_repr),
    tp_as_sequence: MEMORY_AS_SEQUENCE.as_mut_ptr(),
    tp_as_mapping: MEMORY_AS_MAPPING.as_mut_ptr(),
    tp_hash: Some(memory_hash),
    tp_as_buffer: MEMORY_AS_BUFFER.as_mut_ptr(),
    tp_flags: Py_TPFLAGS_SEQUENCE as std::ffi::c_ulong | Py_TPFLAGS_IMMUTABLETYPE,
    tp_doc: c"Create a new memoryview object which references the given object.".as_ptr(),
    tp_richcompare: Some(memory_richcompare),
    tp_weaklistoffset: offset_of!(PyMemoryViewObject, weakreflist) as Py_ssize_t,
    tp_iter: Some(memory_iter),
    ..TYPE_TEMPLATE
};

type Mv = PyMemoryViewObject;

#[inline]
unsafe fn mv<'a>(op: *mut PyObject) -> &'a mut Mv {
    // SAFETY: per caller, a memoryview.
    unsafe { &mut *(op as *mut Mv) }
}

/// `PyMemoryView_Check`.
#[inline]
pub(crate) unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: per caller, live.
    unsafe { type_of(op) == &raw mut PyMemoryView_Type }
}

fn released_error() -> PyErr {
    errors::value_error("operation forbidden on released memoryview object")
}

/// CPython's `CHECK_RELEASED`: the view, or its managed buffer, was released.
#[inline]
unsafe fn check_released(m: &Mv) -> PyResult<()> {
    // SAFETY: a live view has a live managed buffer.
    let mbuf_released = unsafe { (*m.mbuf).flags & _Py_MANAGED_BUFFER_RELEASED != 0 };
    if m.flags & _Py_MEMORYVIEW_RELEASED != 0 || mbuf_released {
        return Err(released_error());
    }
    Ok(())
}

/// A memoryview with room for `ndim` dimensions, not yet attached to a managed buffer.
fn memory_alloc(ndim: c_int) -> PyResult<*mut Mv> {
    let n = ndim as usize;
    let size = offset_of!(Mv, ob_array) + 3 * n.max(1) * size_of::<Py_ssize_t>();
    let p = alloc::malloc(size) as *mut Mv;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of the right size.
    unsafe {
        typeobject::init_object(p.cast(), &raw mut PyMemoryView_Type);
        let m = &mut *p;
        m.ob_base.ob_size = 3 * n as Py_ssize_t;
        m.mbuf = null_mut();
        m.hash = -1;
        m.flags = 0;
        m.exports = 0;
        (&raw mut m.view).write(buffer::empty_view());
        m.view.ndim = ndim;
        let arr = (&raw mut m.ob_array).cast::<Py_ssize_t>();
        m.view.shape = arr;
        m.view.strides = arr.add(n);
        m.view.suboffsets = arr.add(2 * n);
        m.weakreflist = null_mut();
    }
    Ok(p)
}

/// `init_shared_values`: what a view shares with its source. `obj` is borrowed: the
/// managed buffer holds the reference.
fn init_shared_values(dest: &mut Py_buffer, src: &Py_buffer) {
    dest.obj = src.obj;
    dest.buf = src.buf;
    dest.len = src.len;
    dest.itemsize = src.itemsize;
    dest.readonly = src.readonly;
    dest.format = if src.format.is_null() { buffer::FORMAT_B.as_ptr().cast_mut() } else { src.format };
    dest.internal = src.internal;
}

/// `init_shape_strides` and `init_suboffsets`: copies (or derives) the layout.
///
/// # Safety
/// `dest`'s arrays have room for `src.ndim` entries; `src` is a filled view.
unsafe fn init_layout(dest: &mut Py_buffer, src: &Py_buffer) {
    // SAFETY: per caller.
    unsafe {
        if src.ndim == 0 {
            dest.shape = null_mut();
            dest.strides = null_mut();
            dest.suboffsets = null_mut();
            return;
        }
        let dims = Dims::of(src);
        let n = src.ndim as usize;
        std::ptr::copy_nonoverlapping(dims.shape.as_ptr(), dest.shape, n);
        std::ptr::copy_nonoverlapping(dims.strides.as_ptr(), dest.strides, n);
        match &dims.suboffsets {
            Some(so) => std::ptr::copy_nonoverlapping(so.as_ptr(), dest.suboffsets, n),
            None => dest.suboffsets = null_mut(),
        }
    }
}

/// `init_flags`: the layout flags of a view.
unsafe fn init_flags(m: &mut Mv) {
    let v = &m.view;
    // SAFETY: a filled view.
    let mut flags = unsafe {
        match v.ndim {
            0 => _Py_MEMORYVIEW_SCALAR | _Py_MEMORYVIEW_C | _Py_MEMORYVIEW_FORTRAN,
            1 => {
                let contiguous = *v.shape == 1 || *v.strides == v.itemsize;
                if contiguous {
                    _Py_MEMORYVIEW_C | _Py_MEMORYVIEW_FORTRAN
                } else {
                    0
                }
            }
            _ => {
                (if buffer::is_contiguous(v, b'C' as c_char) { _Py_MEMORYVIEW_C } else { 0 })
                    | (if buffer::is_contiguous(v, b'F' as c_char) { _Py_MEMORYVIEW_FORTRAN } else { 0 })
            }
        }
    };
    if !v.suboffsets.is_null() {
        flags = (flags | _Py_MEMORYVIEW_PIL) & !(_Py_MEMORYVIEW_C | _Py_MEMORYVIEW_FORTRAN);
    }
    m.flags = flags;
}

/// Attaches a new view of `src` (the managed buffer's master when `None`) to `mbuf`.
unsafe fn mbuf_add_view(mbuf: *mut Mbuf, src: Option<*const Py_buffer>) -> PyResult<Owned> {
    // SAFETY: per caller, a live managed buffer and a filled view.
    unsafe {
        let src = &*src.unwrap_or(&raw const (*mbuf).master);
        if src.ndim > PyBUF_MAX_NDIM {
            return Err(errors::value_error("memoryview: number of dimensions must not exceed 64"));
        }
        if src.ndim < 0 {
            return Err(errors::bad_internal_call());
        }
        let p = memory_alloc(src.ndim)?;
        let m = &mut *p;
        init_shared_values(&mut m.view, src);
        init_layout(&mut m.view, src);
        init_flags(m);
        m.mbuf = new_ref(mbuf.cast()).cast();
        (*mbuf).exports += 1;
        Ok(p.cast())
    }
}

/// `PyMemoryView_FromObject`: a view of any exporter; a new view sharing a memoryview's
/// export.
pub(crate) unsafe fn from_object(v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, live.
    unsafe {
        if check(v) {
            let m = mv(v);
            check_released(m)?;
            return mbuf_add_view(m.mbuf, Some(&raw const m.view));
        }
        if buffer::check(v) {
            let mbuf = mbuf_from_object(v, PyBUF_FULL_RO)?;
            let r = mbuf_add_view(mbuf, None);
            decref(mbuf.cast());
            return r;
        }
        Err(errors::type_error(&format!(
            "memoryview: a bytes-like object is required, not '{}'",
            buffer::type_name_trunc(type_of(v), 200)
        )))
    }
}

/// `PyMemoryView_FromMemory`: a view of `size` bytes at `mem` (writable for `PyBUF_WRITE`).
pub(crate) unsafe fn from_memory(mem: *mut c_char, size: Py_ssize_t, writable: bool) -> PyResult<Owned> {
    let mbuf = mbuf_alloc()?;
    // SAFETY: `mbuf` is fresh; the memory is the caller's.
    unsafe {
        let filled = buffer::fill_info(
            &raw mut (*mbuf).master,
            null_mut(),
            mem.cast(),
            size,
            (!writable).into(),
            PyBUF_FULL_RO,
        );
        let r = filled.and_then(|()| mbuf_add_view(mbuf, None));
        decref(mbuf.cast());
        r
    }
}

/// `PyMemoryView_FromBuffer`: a view described by `info` (its `obj` is not referenced).
pub(crate) unsafe fn from_buffer(info: &Py_buffer) -> PyResult<Owned> {
    if info.buf.is_null() {
        return Err(errors::value_error("PyMemoryView_FromBuffer(): info->buf must not be NULL"));
    }
    let mbuf = mbuf_alloc()?;
    // SAFETY: `mbuf` is fresh; `info` is a filled view the caller keeps alive.
    unsafe {
        std::ptr::copy_nonoverlapping(info, &raw mut (*mbuf).master, 1);
        (*mbuf).master.obj = null_mut();
        let r = mbuf_add_view(mbuf, None);
        decref(mbuf.cast());
        r
    }
}

/// `PyMemoryView_GetContiguous`: a view of `obj` contiguous in `order` (`'C'`, `'F'` or
/// `'A'`): the object's own memory when it already is, else a read-only copy.
pub(crate) unsafe fn get_contiguous(obj: *mut PyObject, writable: bool, order: c_char) -> PyResult<Owned> {
    // SAFETY: per caller, live.
    unsafe {
        let r = from_object(obj)?;
        let view = &mv(r).view;
        if writable && view.readonly != 0 {
            decref(r);
            return Err(errors::buffer_error("underlying buffer is not writable"));
        }
        if buffer::is_contiguous(view, order) {
            return Ok(r);
        }
        if writable {
            decref(r);
            return Err(errors::buffer_error(
                "writable contiguous buffer requested for a non-contiguous object.",
            ));
        }
        let copy = from_contiguous_copy(view, order);
        decref(r);
        copy
    }
}

/// CPython's `memory_from_contiguous_copy`: a new `bytes` holding `src`'s items in
/// `order`, viewed with `src`'s format and shape.
unsafe fn from_contiguous_copy(src: &Py_buffer, order: c_char) -> PyResult<Owned> {
    // SAFETY: `src` is a filled view of a live memoryview.
    unsafe {
        let bytes = bytesobject::new_uninit(src.len.max(0) as usize)?;
        let mbuf = mbuf_from_object(bytes, PyBUF_FULL_RO);
        decref(bytes);
        let mbuf = mbuf?;
        // The copy outlives `src`, so it keeps its own format string.
        let f = buffer::format_of(src);
        let fcopy = alloc::malloc(f.len() + 1);
        if fcopy.is_null() {
            decref(mbuf.cast());
            return Err(errors::no_memory());
        }
        std::ptr::copy_nonoverlapping(f.as_ptr(), fcopy, f.len());
        *fcopy.add(f.len()) = 0;
        (*mbuf).master.format = fcopy.cast();
        (*mbuf).flags |= _Py_MANAGED_BUFFER_FREE_FORMAT;

        let r = memory_alloc(src.ndim);
        let r = match r {
            Ok(r) => r,
            Err(e) => {
                decref(mbuf.cast());
                return Err(e);
            }
        };
        let m = &mut *r;
        init_shared_values(&mut m.view, &(*mbuf).master);
        m.mbuf = mbuf;
        (*mbuf).exports += 1;
        let dest = &mut m.view;
        dest.itemsize = src.itemsize;
        let dims = Dims::of(src);
        let n = src.ndim.max(0) as usize;
        let ord = if order as u8 == b'F' { 'F' } else { 'C' };
        let strides = buffer::contiguous_strides(&dims.shape, src.itemsize, ord);
        if n > 0 {
            std::ptr::copy_nonoverlapping(dims.shape.as_ptr(), dest.shape, n);
            std::ptr::copy_nonoverlapping(strides.as_ptr(), dest.strides, n);
        }
        dest.suboffsets = null_mut();
        init_flags(m);
        buffer::copy_to_contiguous(m.view.buf.cast(), src, ord as u8 as c_char);
        Ok(r.cast())
    }
}

/// CPython's `_memory_release`: releases the view unless it has exported buffers.
pub(crate) unsafe fn release(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller, a memoryview.
    unsafe {
        let m = mv(op);
        if m.flags & _Py_MEMORYVIEW_RELEASED != 0 {
            return Ok(());
        }
        if m.exports > 0 {
            let s = if m.exports == 1 { "" } else { "s" };
            return Err(errors::buffer_error(&format!("memoryview has {} exported buffer{s}", m.exports)));
        }
        m.flags |= _Py_MEMORYVIEW_RELEASED;
        m.view.obj = null_mut();
        (*m.mbuf).exports -= 1;
        if (*m.mbuf).exports == 0 {
            mbuf_release(m.mbuf);
        }
        Ok(())
    }
}

unsafe extern "C" fn memory_dealloc(op: *mut PyObject) {
    // SAFETY: called by _Py_Dealloc with a memoryview nobody references (so none of its
    // exports is outstanding: each holds a reference).
    unsafe {
        let m = mv(op);
        if !m.mbuf.is_null() {
            let _ = release(op);
            decref(m.mbuf.cast());
        }
        typeobject::object_dealloc(op);
    }
}

unsafe extern "C" fn memory_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a memoryview.
    unsafe {
        let released = if mv(op).flags & _Py_MEMORYVIEW_RELEASED != 0 { "released " } else { "" };
        unicodeobject::from_str(&format!("<{released}memory at {op:p}>")).unwrap_or(null_mut())
    }
}

unsafe extern "C" fn memory_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: called through sq_length/mp_length with a memoryview.
    unsafe {
        let m = mv(op);
        if check_released(m).is_err() {
            return -1;
        }
        if m.view.ndim == 0 {
            1
        } else {
            *m.view.shape
        }
    }
}

/// CPython's `lookup_dimension`: the item pointer one index further into dimension `dim`.
#[inline]
unsafe fn lookup_dimension(
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

unsafe extern "C" fn memory_item(op: *mut PyObject, index: Py_ssize_t) -> *mut PyObject {
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
    let v = unsafe { bytes_methods::index_i128(key) }?;
    isize::try_from(v).map_err(|_| {
        // SAFETY: live.
        let name = unsafe { buffer::type_name_trunc(type_of(key), 200) };
        errors::index_error(&format!("cannot fit '{name}' into an index-sized integer"))
    })
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
            && tupleobject::items(key).iter().all(|&k| bytes_methods::is_index(k))
    }
}

unsafe fn is_empty_tuple(key: *mut PyObject) -> bool {
    // SAFETY: per caller, live.
    unsafe { has_flag(type_of(key), Py_TPFLAGS_TUPLE_SUBCLASS) && tupleobject::size(key) == 0 }
}

unsafe extern "C" fn memory_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
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
        if bytes_methods::is_index(key) {
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

unsafe extern "C" fn memory_ass_sub(op: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> c_int {
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
        } else if bytes_methods::is_index(key) {
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

unsafe extern "C" fn memory_getbuf(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    // SAFETY: called through bf_getbuffer with a memoryview and a writable view.
    match unsafe { getbuf(op, view, flags) } {
        Ok(()) => 0,
        Err(_) => -1,
    }
}

/// CPython's `memory_getbuf`: re-exports the view as the request allows.
unsafe fn getbuf(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> PyResult<()> {
    use buffer::req;
    // SAFETY: per caller.
    unsafe {
        let m = mv(op);
        check_released(m)?;
        if view.is_null() {
            return Err(errors::bad_internal_call());
        }
        let base = &m.view;
        let bf = m.flags;
        let mut v = std::ptr::read(base);
        v.obj = null_mut();
        if flags & PyBUF_WRITABLE != 0 && base.readonly != 0 {
            return Err(errors::buffer_error("memoryview: underlying buffer is not writable"));
        }
        if flags & PyBUF_FORMAT == 0 {
            // The items are seen as unsigned bytes.
            v.format = null_mut();
        }
        let c = bf & _Py_MEMORYVIEW_C != 0;
        let f = bf & _Py_MEMORYVIEW_FORTRAN != 0;
        if req(flags, PyBUF_C_CONTIGUOUS) && !c {
            return Err(errors::buffer_error("memoryview: underlying buffer is not C-contiguous"));
        }
        if req(flags, PyBUF_F_CONTIGUOUS) && !f {
            return Err(errors::buffer_error("memoryview: underlying buffer is not Fortran contiguous"));
        }
        if req(flags, PyBUF_ANY_CONTIGUOUS) && !(c || f) {
            return Err(errors::buffer_error("memoryview: underlying buffer is not contiguous"));
        }
        if !req(flags, PyBUF_INDIRECT) && bf & _Py_MEMORYVIEW_PIL != 0 {
            return Err(errors::buffer_error("memoryview: underlying buffer requires suboffsets"));
        }
        if !req(flags, PyBUF_STRIDES) {
            if !c {
                return Err(errors::buffer_error("memoryview: underlying buffer is not C-contiguous"));
            }
            v.strides = null_mut();
        }
        if !req(flags, PyBUF_ND) {
            if !v.format.is_null() {
                return Err(errors::buffer_error(
                    "memoryview: cannot cast to unsigned bytes if the format flag is present",
                ));
            }
            v.ndim = 1;
            v.shape = null_mut();
        }
        v.obj = new_ref(op);
        view.write(v);
        m.exports += 1;
    }
    Ok(())
}

unsafe extern "C" fn memory_releasebuf(op: *mut PyObject, _view: *mut Py_buffer) {
    // SAFETY: called through bf_releasebuffer with a memoryview that exported a view.
    unsafe { mv(op).exports -= 1 };
}

unsafe extern "C" fn memory_hash(op: *mut PyObject) -> Py_hash_t {
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
            pyhash::hash_bytes(bytesobject::hash_secret(), buffer::slice_of(view.buf, view.len))
        } else {
            let mut tmp = vec![0u8; view.len.max(0) as usize];
            buffer::copy_to_contiguous(tmp.as_mut_ptr(), view, b'C' as c_char);
            pyhash::hash_bytes(bytesobject::hash_secret(), &tmp)
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

unsafe extern "C" fn memory_richcompare(v: *mut PyObject, w: *mut PyObject, op: c_int) -> *mut PyObject {
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

unsafe extern "C" fn memory_iter(op: *mut PyObject) -> *mut PyObject {
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
