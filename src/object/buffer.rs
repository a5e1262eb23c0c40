//! The buffer protocol (PEP 3118): getting and releasing views, `PyBuffer_FillInfo` for
//! exporters of plain bytes, and the layout arithmetic every consumer needs (contiguity,
//! item addresses, copying between strided and contiguous memory), as CPython's
//! `abstract.c` and `memoryobject.c`.
//!
//! The copying and contiguity helpers handle any number of dimensions, strides and
//! PIL-style suboffsets; they read only the `Py_buffer` fields, so they are unit-tested on
//! hand-built views.

use std::ffi::{c_char, c_int, c_void};
use std::ptr::null_mut;

use super::*;

/// CPython's `REQ_*` tests of a request's flags.
#[inline]
pub(crate) fn req(flags: c_int, bits: c_int) -> bool {
    flags & bits == bits
}

/// `PyObject_CheckBuffer`: the type exports buffers.
#[inline]
pub(crate) unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: per caller, a live object.
    unsafe {
        let pb = (*type_of(op)).tp_as_buffer;
        !pb.is_null() && (*pb).bf_getbuffer.is_some()
    }
}

/// `PyObject_GetBuffer`: fills `view` from `op`'s exporter. `PyBUF_READ`/`PyBUF_WRITE` are
/// not request flags (SystemError); a type without the protocol gives CPython's TypeError.
pub(crate) unsafe fn get(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> PyResult<()> {
    if flags == PyBUF_READ || flags == PyBUF_WRITE {
        return Err(errors::bad_internal_call());
    }
    // SAFETY: per caller, `op` is live and `view` writable.
    unsafe {
        let tp = type_of(op);
        let pb = (*tp).tp_as_buffer;
        let get = if pb.is_null() { None } else { (*pb).bf_getbuffer };
        let Some(get) = get else {
            return Err(errors::type_error(&format!(
                "a bytes-like object is required, not '{}'",
                type_name_trunc(tp, 100)
            )));
        };
        if get(op, view, flags) < 0 {
            return Err(PyErr);
        }
    }
    Ok(())
}

/// `PyBuffer_Release`: gives the view back to its exporter and drops the reference it
/// held. A view with no object (already released, or never filled by an exporter) is left
/// alone, so releasing twice is harmless.
pub(crate) unsafe fn release(view: *mut Py_buffer) {
    // SAFETY: per caller, `view` was filled by `get` or `fill_info` (or zeroed).
    unsafe {
        let obj = (*view).obj;
        if obj.is_null() {
            return;
        }
        let pb = (*type_of(obj)).tp_as_buffer;
        if !pb.is_null() {
            if let Some(rel) = (*pb).bf_releasebuffer {
                rel(obj, view);
            }
        }
        (*view).obj = null_mut();
        decref(obj);
    }
}

/// The format `PyBuffer_FillInfo` reports: unsigned bytes.
pub(crate) static FORMAT_B: &std::ffi::CStr = c"B";

/// `PyBuffer_FillInfo`: describes `len` plain bytes at `buf`, owned by `obj` (which gets a
/// reference; NULL is allowed), as the request `flags` asks. As CPython, only `readonly`
/// 1 refuses writable requests.
pub(crate) unsafe fn fill_info(
    view: *mut Py_buffer,
    obj: *mut PyObject,
    buf: *mut c_void,
    len: Py_ssize_t,
    readonly: c_int,
    flags: c_int,
) -> PyResult<()> {
    if view.is_null() {
        return Err(errors::buffer_error("PyBuffer_FillInfo: view==NULL argument is obsolete"));
    }
    if flags != PyBUF_SIMPLE {
        if flags == PyBUF_READ || flags == PyBUF_WRITE {
            return Err(errors::bad_internal_call());
        }
        if req(flags, PyBUF_WRITABLE) && readonly == 1 {
            return Err(errors::buffer_error("Object is not writable."));
        }
    }
    // SAFETY: `view` is writable per caller; `obj` is NULL or live.
    unsafe {
        let v = &mut *view;
        v.obj = xincref_ret(obj);
        v.buf = buf;
        v.len = len;
        v.readonly = readonly;
        v.itemsize = 1;
        v.format = if req(flags, PyBUF_FORMAT) { FORMAT_B.as_ptr().cast_mut() } else { null_mut() };
        v.ndim = 1;
        v.shape = if req(flags, PyBUF_ND) { &raw mut v.len } else { null_mut() };
        v.strides = if req(flags, PyBUF_STRIDES) { &raw mut v.itemsize } else { null_mut() };
        v.suboffsets = null_mut();
        v.internal = null_mut();
    }
    Ok(())
}

/// A `PyBUF_SIMPLE` view held from Rust, released when dropped. It may be moved, so only
/// `buf` and `len` are read (an exporter may point `shape` or `strides` into the view
/// itself); requests needing the layout use [`Held`] on a view that stays put.
pub(crate) struct View(Py_buffer);

impl View {
    /// `PyObject_GetBuffer(op, PyBUF_SIMPLE)`.
    pub(crate) unsafe fn get(op: *mut PyObject) -> PyResult<View> {
        let mut v = View(empty_view());
        // SAFETY: per caller, `op` is live; `v.0` is ours.
        unsafe { get(op, &mut v.0, PyBUF_SIMPLE)? };
        Ok(v)
    }

    /// The bytes (a simple view is contiguous).
    pub(crate) fn bytes(&self) -> &[u8] {
        // SAFETY: the exporter keeps `len` bytes at `buf` alive until release.
        unsafe { slice_of(self.0.buf, self.0.len) }
    }
}

/// Simple views of `a` then `b` (`b` is not asked when `a` fails).
pub(crate) unsafe fn views2(a: *mut PyObject, b: *mut PyObject) -> PyResult<(View, View)> {
    // SAFETY: per caller, live objects.
    unsafe {
        let va = View::get(a)?;
        let vb = View::get(b)?;
        Ok((va, vb))
    }
}

impl Drop for View {
    fn drop(&mut self) {
        // SAFETY: filled by `get`.
        unsafe { release(&mut self.0) }
    }
}

/// Releases a view that lives elsewhere (typically a local `Py_buffer` that is not moved
/// while held) when dropped.
pub(crate) struct Held(pub(crate) *mut Py_buffer);

impl Held {
    /// Fills `*view` from `op` as `flags` asks; the view is released when the result drops.
    ///
    /// # Safety
    /// `op` is live; `view` is writable and stays where it is while the result lives.
    pub(crate) unsafe fn get(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> PyResult<Held> {
        // SAFETY: per caller.
        unsafe {
            *view = empty_view();
            get(op, view, flags)?;
        }
        Ok(Held(view))
    }

    pub(crate) fn view(&self) -> &Py_buffer {
        // SAFETY: per `get`'s contract, the view outlives this guard.
        unsafe { &*self.0 }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        // SAFETY: filled by `get` and still in place.
        unsafe { release(self.0) }
    }
}

/// A `Py_buffer` with every field empty.
pub(crate) const fn empty_view() -> Py_buffer {
    Py_buffer {
        buf: null_mut(),
        obj: null_mut(),
        len: 0,
        itemsize: 0,
        readonly: 0,
        ndim: 0,
        format: null_mut(),
        shape: null_mut(),
        strides: null_mut(),
        suboffsets: null_mut(),
        internal: null_mut(),
    }
}

/// `len` bytes at `buf` as a slice (empty when `len` is 0, whatever `buf` is).
///
/// # Safety
/// `buf` holds `len` readable bytes that outlive the slice.
pub(crate) unsafe fn slice_of<'a>(buf: *const c_void, len: Py_ssize_t) -> &'a [u8] {
    if len <= 0 || buf.is_null() {
        &[]
    } else {
        // SAFETY: per caller.
        unsafe { std::slice::from_raw_parts(buf.cast(), len as usize) }
    }
}

/// `tp_name` cut at `max` bytes, as CPython's `%.<max>s`.
pub(crate) unsafe fn type_name_trunc(tp: *mut PyTypeObject, max: usize) -> String {
    // SAFETY: per caller, a live type.
    let name = unsafe { type_name(tp) };
    truncate_bytes(&name, max).to_owned()
}

/// `s` cut to at most `max` bytes, at a character boundary.
pub(crate) fn truncate_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

// --- layout arithmetic -------------------------------------------------------------------

/// The dimensions of a view: `shape`, `strides` and `suboffsets` as slices, with CPython's
/// implied values filled in (no shape: one dimension of `len / itemsize`; no strides:
/// C-contiguous).
pub(crate) struct Dims {
    pub(crate) shape: Vec<Py_ssize_t>,
    pub(crate) strides: Vec<Py_ssize_t>,
    pub(crate) suboffsets: Option<Vec<Py_ssize_t>>,
}

impl Dims {
    /// # Safety
    /// `v` is a filled view whose arrays have `ndim` entries.
    pub(crate) unsafe fn of(v: &Py_buffer) -> Dims {
        let nd = v.ndim.max(0) as usize;
        // SAFETY: per caller.
        unsafe {
            let shape = if !v.shape.is_null() {
                std::slice::from_raw_parts(v.shape, nd).to_vec()
            } else if nd == 1 {
                vec![if v.itemsize > 0 { v.len / v.itemsize } else { 0 }]
            } else {
                vec![0; nd]
            };
            let strides = if !v.strides.is_null() {
                std::slice::from_raw_parts(v.strides, nd).to_vec()
            } else {
                contiguous_strides(&shape, v.itemsize, 'C')
            };
            let suboffsets =
                (!v.suboffsets.is_null()).then(|| std::slice::from_raw_parts(v.suboffsets, nd).to_vec());
            Dims { shape, strides, suboffsets }
        }
    }
}

/// The extent of dimension `d` of a view (implied for a 1-D view without shape).
///
/// # Safety
/// `v` is a filled view and `d < ndim`.
pub(crate) unsafe fn extent(v: &Py_buffer, d: usize) -> Py_ssize_t {
    if v.shape.is_null() {
        if v.itemsize > 0 {
            v.len / v.itemsize
        } else {
            0
        }
    } else {
        // SAFETY: per caller.
        unsafe { *v.shape.add(d) }
    }
}

/// `PyBuffer_FillContiguousStrides`: the strides of a contiguous array of `shape`
/// (Fortran order for `'F'`, C order otherwise).
pub(crate) fn contiguous_strides(shape: &[Py_ssize_t], itemsize: Py_ssize_t, order: char) -> Vec<Py_ssize_t> {
    let mut strides = vec![0; shape.len()];
    let mut sd = itemsize;
    if order == 'F' {
        for (st, &dim) in strides.iter_mut().zip(shape) {
            *st = sd;
            sd = sd.wrapping_mul(dim);
        }
    } else {
        for (st, &dim) in strides.iter_mut().zip(shape).rev() {
            *st = sd;
            sd = sd.wrapping_mul(dim);
        }
    }
    strides
}

/// CPython's `_IsCContiguous` / `_IsFortranContiguous` on a view's fields.
fn is_contiguous_order(
    len: Py_ssize_t,
    itemsize: Py_ssize_t,
    shape: Option<&[Py_ssize_t]>,
    strides: Option<&[Py_ssize_t]>,
    fortran: bool,
) -> bool {
    if len == 0 {
        return true;
    }
    let Some(strides) = strides else {
        // No strides means C-contiguous; Fortran too if at most one dimension is > 1.
        return !fortran || shape.is_none_or(|s| s.len() <= 1 || s.iter().filter(|&&d| d > 1).count() <= 1);
    };
    let Some(shape) = shape else { return false };
    let mut sd = itemsize;
    let dims: Box<dyn Iterator<Item = (&Py_ssize_t, &Py_ssize_t)>> =
        if fortran { Box::new(shape.iter().zip(strides)) } else { Box::new(shape.iter().zip(strides).rev()) };
    for (&dim, &stride) in dims {
        if dim > 1 && stride != sd {
            return false;
        }
        sd = sd.wrapping_mul(dim);
    }
    true
}

/// `PyBuffer_IsContiguous` for `order` `'C'`, `'F'` or `'A'` (either); anything else, or
/// suboffsets, is not contiguous.
///
/// # Safety
/// `v` is a filled view whose arrays have `ndim` entries.
pub(crate) unsafe fn is_contiguous(v: &Py_buffer, order: c_char) -> bool {
    if !v.suboffsets.is_null() {
        return false;
    }
    let nd = v.ndim.max(0) as usize;
    // SAFETY: per caller.
    let (shape, strides) = unsafe {
        (
            (!v.shape.is_null()).then(|| std::slice::from_raw_parts(v.shape, nd)),
            (!v.strides.is_null()).then(|| std::slice::from_raw_parts(v.strides, nd)),
        )
    };
    let c = || is_contiguous_order(v.len, v.itemsize, shape, strides, false);
    let f = || is_contiguous_order(v.len, v.itemsize, shape, strides, true);
    match order as u8 {
        b'C' => c(),
        b'F' => f(),
        b'A' => c() || f(),
        _ => false,
    }
}

/// The address of the item at `indices` (CPython's `PyBuffer_GetPointer`, which needs
/// strides; here a view without strides counts as C-contiguous).
///
/// # Safety
/// `v` is a filled view; `indices` has `ndim` entries, each within its dimension.
pub(crate) unsafe fn item_pointer(v: &Py_buffer, indices: &[Py_ssize_t]) -> *mut u8 {
    // SAFETY: per caller.
    unsafe {
        let dims = Dims::of(v);
        Layout { base: v.buf.cast(), strides: &dims.strides, suboffsets: dims.suboffsets.as_deref() }
            .address(indices)
    }
}

/// One view's layout for walking its items.
pub(crate) struct Layout<'a> {
    pub(crate) base: *mut u8,
    pub(crate) strides: &'a [Py_ssize_t],
    pub(crate) suboffsets: Option<&'a [Py_ssize_t]>,
}

impl Layout<'_> {
    /// The address of the item at `idx` (following PIL-style indirections).
    ///
    /// # Safety
    /// The layout describes readable memory and `idx` is in range.
    unsafe fn address(&self, idx: &[Py_ssize_t]) -> *mut u8 {
        let mut p = self.base;
        for (d, &i) in idx.iter().enumerate() {
            p = p.wrapping_offset(self.strides[d].wrapping_mul(i));
            if let Some(so) = self.suboffsets {
                if so[d] >= 0 {
                    // SAFETY: per caller, an indirect level holds a pointer.
                    p = unsafe { (*(p as *const *mut u8)).wrapping_offset(so[d]) };
                }
            }
        }
        p
    }
}

/// Calls `f` with the address of each item in every layout, for every index of `shape`, in
/// C order (last index fastest) or Fortran order, until `f` returns false.
///
/// # Safety
/// Every layout describes readable memory of `shape`.
pub(crate) unsafe fn walk(
    shape: &[Py_ssize_t],
    layouts: &[Layout<'_>],
    fortran: bool,
    f: &mut dyn FnMut(&[*mut u8]) -> bool,
) {
    let nd = shape.len();
    let mut ptrs = vec![null_mut::<u8>(); layouts.len()];
    if shape.iter().any(|&d| d <= 0) {
        return;
    }
    let mut idx = vec![0 as Py_ssize_t; nd];
    loop {
        for (p, l) in ptrs.iter_mut().zip(layouts) {
            // SAFETY: per caller; `idx` is within `shape`.
            *p = unsafe { l.address(&idx) };
        }
        if !f(&ptrs) {
            return;
        }
        // Advance the index like an odometer.
        let mut carried = true;
        for k in 0..nd {
            let d = if fortran { k } else { nd - 1 - k };
            idx[d] += 1;
            if idx[d] < shape[d] {
                carried = false;
                break;
            }
            idx[d] = 0;
        }
        if carried {
            return;
        }
    }
}

/// Copies the items of `src` into the contiguous `dst` in `order` (`'F'`: Fortran; else C):
/// the heart of `PyBuffer_ToContiguous`. `dst` holds `src.len` bytes.
///
/// # Safety
/// `src` is a filled view; `dst` is writable for `src.len` bytes.
pub(crate) unsafe fn copy_to_contiguous(dst: *mut u8, src: &Py_buffer, order: c_char) {
    // SAFETY: per caller.
    unsafe {
        if src.len <= 0 {
            return;
        }
        if is_contiguous(src, if order as u8 == b'F' { b'F' as c_char } else { b'C' as c_char }) {
            std::ptr::copy(src.buf as *const u8, dst, src.len as usize);
            return;
        }
        let dims = Dims::of(src);
        let item = src.itemsize.max(0) as usize;
        let mut out = dst;
        let layout =
            Layout { base: src.buf.cast(), strides: &dims.strides, suboffsets: dims.suboffsets.as_deref() };
        walk(&dims.shape, &[layout], order as u8 == b'F', &mut |p| {
            std::ptr::copy(p[0], out, item);
            out = out.add(item);
            true
        });
    }
}

/// Copies up to `len` bytes of contiguous `src` into the items of `dst` in `order`: the
/// heart of `PyBuffer_FromContiguous` (which copies whole items only, as CPython).
///
/// # Safety
/// `dst` is a filled view of writable memory; `src` is readable for `len` bytes.
pub(crate) unsafe fn copy_from_contiguous(dst: &Py_buffer, src: *const u8, len: Py_ssize_t, order: c_char) {
    let len = len.min(dst.len);
    if len <= 0 {
        return;
    }
    // SAFETY: per caller.
    unsafe {
        if is_contiguous(dst, order) {
            std::ptr::copy(src, dst.buf.cast(), len as usize);
            return;
        }
        let dims = Dims::of(dst);
        let item = dst.itemsize.max(1) as usize;
        let mut remaining = len as usize / item;
        let mut from = src;
        let layout =
            Layout { base: dst.buf.cast(), strides: &dims.strides, suboffsets: dims.suboffsets.as_deref() };
        walk(&dims.shape, &[layout], order as u8 == b'F', &mut |p| {
            if remaining == 0 {
                return false;
            }
            std::ptr::copy(from, p[0], item);
            from = from.add(item);
            remaining -= 1;
            true
        });
    }
}

/// A NUL-terminated C string's bytes, or `None` for NULL.
pub(crate) unsafe fn c_str_bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    if p.is_null() {
        None
    } else {
        // SAFETY: per caller, NUL-terminated.
        Some(unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes())
    }
}

/// The format of a view as text (`"B"` when NULL, as the protocol says).
pub(crate) unsafe fn format_of<'a>(v: &Py_buffer) -> &'a [u8] {
    // SAFETY: per caller, NULL or NUL-terminated.
    unsafe { c_str_bytes(v.format) }.unwrap_or(b"B")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(buf: &mut [u8], itemsize: isize, shape: &mut [isize], strides: &mut [isize]) -> Py_buffer {
        let mut v = empty_view();
        v.buf = buf.as_mut_ptr().cast();
        v.itemsize = itemsize;
        v.ndim = shape.len() as c_int;
        v.len = shape.iter().product::<isize>() * itemsize;
        v.shape = shape.as_mut_ptr();
        v.strides = if strides.is_empty() { null_mut() } else { strides.as_mut_ptr() };
        v
    }

    #[test]
    fn contiguity_follows_cpython() {
        let mut buf = [0u8; 24];
        let (mut shape, mut strides) = ([2isize, 3], [3isize, 1]);
        let v = view(&mut buf, 1, &mut shape, &mut strides);
        unsafe {
            assert!(is_contiguous(&v, b'C' as c_char));
            assert!(!is_contiguous(&v, b'F' as c_char));
            assert!(is_contiguous(&v, b'A' as c_char));
            assert!(!is_contiguous(&v, b'X' as c_char));
        }
        let (mut shape, mut strides) = ([2isize, 3], [1isize, 2]);
        let v = view(&mut buf, 1, &mut shape, &mut strides);
        unsafe {
            assert!(!is_contiguous(&v, b'C' as c_char));
            assert!(is_contiguous(&v, b'F' as c_char));
        }
        // One dimension of extent > 1: both orders.
        let (mut shape, mut strides) = ([1isize, 4], [4isize, 1]);
        let v = view(&mut buf, 1, &mut shape, &mut strides);
        unsafe { assert!(is_contiguous(&v, b'F' as c_char) && is_contiguous(&v, b'C' as c_char)) };
        // Every other byte: neither.
        let (mut shape, mut strides) = ([4isize], [2isize]);
        let v = view(&mut buf, 1, &mut shape, &mut strides);
        unsafe { assert!(!is_contiguous(&v, b'A' as c_char)) };
        // No strides: C by definition; Fortran only when effectively 1-D.
        let (mut shape, mut strides) = ([2isize, 3], []);
        let v = view(&mut buf, 1, &mut shape, &mut strides);
        unsafe { assert!(is_contiguous(&v, b'C' as c_char) && !is_contiguous(&v, b'F' as c_char)) };
    }

    #[test]
    fn strided_copies_round_trip() {
        let mut buf: Vec<u8> = (0..12).collect();
        // 2x3 items of 2 bytes, Fortran layout: item (i, j) at 2*i + 4*j.
        let (mut shape, mut strides) = ([2isize, 3], [2isize, 4]);
        let v = view(&mut buf, 2, &mut shape, &mut strides);
        let mut out = [0u8; 12];
        unsafe { copy_to_contiguous(out.as_mut_ptr(), &v, b'C' as c_char) };
        assert_eq!(out, [0, 1, 4, 5, 8, 9, 2, 3, 6, 7, 10, 11]);
        let mut back = [0u8; 12];
        let (mut shape2, mut strides2) = ([2isize, 3], [2isize, 4]);
        let w = view(&mut back, 2, &mut shape2, &mut strides2);
        unsafe { copy_from_contiguous(&w, out.as_ptr(), 12, b'C' as c_char) };
        assert_eq!(back.to_vec(), (0..12).collect::<Vec<u8>>());
        // A short source fills whole items only.
        let mut part = [0xffu8; 12];
        let (mut shape3, mut strides3) = ([2isize, 3], [2isize, 4]);
        let w = view(&mut part, 2, &mut shape3, &mut strides3);
        unsafe { copy_from_contiguous(&w, out.as_ptr(), 5, b'C' as c_char) };
        assert_eq!(&part[..6], &[0, 1, 0xff, 0xff, 4, 5]);
        assert_eq!(&part[2..4], &[0xff, 0xff]);
    }

    #[test]
    fn strides_and_pointers() {
        assert_eq!(contiguous_strides(&[2, 3, 4], 8, 'C'), vec![96, 32, 8]);
        assert_eq!(contiguous_strides(&[2, 3, 4], 8, 'F'), vec![8, 16, 48]);
        let mut buf = [0u8; 16];
        let (mut shape, mut strides) = ([2isize, 4], [8isize, 2]);
        let v = view(&mut buf, 2, &mut shape, &mut strides);
        let p = unsafe { item_pointer(&v, &[1, 3]) };
        assert_eq!(p as usize - buf.as_ptr() as usize, 14);
    }

    #[test]
    fn indirect_items_are_followed() {
        let mut rows: [[u8; 3]; 2] = [[1, 2, 3], [4, 5, 6]];
        let mut ptrs: [*mut u8; 2] = [rows[0].as_mut_ptr(), rows[1].as_mut_ptr()];
        let mut shape = [2isize, 3];
        let mut strides = [std::mem::size_of::<*mut u8>() as isize, 1];
        let mut sub = [0isize, -1];
        let mut v = empty_view();
        v.buf = ptrs.as_mut_ptr().cast();
        v.itemsize = 1;
        v.len = 6;
        v.ndim = 2;
        v.shape = shape.as_mut_ptr();
        v.strides = strides.as_mut_ptr();
        v.suboffsets = sub.as_mut_ptr();
        let mut out = [0u8; 6];
        unsafe {
            assert!(!is_contiguous(&v, b'C' as c_char));
            copy_to_contiguous(out.as_mut_ptr(), &v, b'C' as c_char);
            assert_eq!(*item_pointer(&v, &[1, 2]), 6);
        }
        assert_eq!(out, [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn names_are_cut_like_printf_precision() {
        assert_eq!(truncate_bytes("abcdef", 3), "abc");
        assert_eq!(truncate_bytes("ab\u{e9}", 3), "ab");
        assert_eq!(truncate_bytes("ab", 100), "ab");
    }
}
