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
//! ([`memoryformat`]); item access, comparison, hashing and iteration live in
//! [`memoryitems`].
//!
//! One difference from CPython: a released memoryview's `view.obj` is NULL (CPython leaves
//! a pointer to an exporter that may be gone), so `PyMemoryView_GET_BASE` never dangles.

use std::ffi::{c_char, c_int};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

use super::buffer::{self, Dims};
use super::memoryitems::{
    memory_ass_sub, memory_hash, memory_item, memory_iter, memory_richcompare, memory_subscript,
};
use super::*;

pub(crate) use super::memoryitems::_PyMemoryIter_Type;

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

pub(super) type Mv = PyMemoryViewObject;

#[inline]
pub(super) unsafe fn mv<'a>(op: *mut PyObject) -> &'a mut Mv {
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
pub(super) unsafe fn check_released(m: &Mv) -> PyResult<()> {
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
        if !m.weakreflist.is_null() {
            weakrefobject::clear_weakrefs(op);
        }
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
