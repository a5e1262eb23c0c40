//! `bytes`: CPython's layout (the bytes inline, NUL-terminated). The empty bytes object and
//! the 256 single-byte objects are immortal statics shared by every interpreter, as in
//! CPython 3.12+; constructors hand them out instead of allocating.
//!
//! An immortal object is never written once the runtime runs, so the hash cache
//! (`ob_shash`) is only filled for objects of an interpreter's own heap; the statics hash
//! their one byte afresh each time (`b''` has its hash, 0, from the start).

use std::ffi::c_int;
use std::mem::offset_of;
use std::ptr::null_mut;

use super::buffer;
use super::bytes_methods as methods;
use super::*;

/// Bytes in front of the data: what every `bytes` allocation adds to its length, plus one
/// for the trailing NUL (CPython's `PyBytesObject_SIZE`).
const HEADER: usize = offset_of!(PyBytesObject, ob_sval);

static BYTES_AS_SEQUENCE: ReadOnly<PySequenceMethods> = ReadOnly(PySequenceMethods {
    sq_length: Some(bytes_length),
    sq_concat: Some(bytes_concat_slot),
    sq_repeat: Some(bytes_repeat),
    sq_item: Some(bytes_item),
    was_sq_slice: null_mut(),
    sq_ass_item: None,
    was_sq_ass_slice: null_mut(),
    sq_contains: Some(bytes_contains),
    sq_inplace_concat: None,
    sq_inplace_repeat: None,
});

static BYTES_AS_MAPPING: ReadOnly<PyMappingMethods> = ReadOnly(PyMappingMethods {
    mp_length: Some(bytes_length),
    mp_subscript: Some(bytes_subscript),
    mp_ass_subscript: None,
});

static BYTES_AS_BUFFER: ReadOnly<PyBufferProcs> =
    ReadOnly(PyBufferProcs { bf_getbuffer: Some(bytes_getbuffer), bf_releasebuffer: None });

/// `bytes`.
#[unsafe(no_mangle)]
pub static mut PyBytes_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"bytes".as_ptr(),
    tp_basicsize: HEADER as Py_ssize_t + 1,
    tp_itemsize: 1,
    tp_dealloc: Some(typeobject::object_dealloc),
    tp_repr: Some(bytes_repr),
    tp_as_sequence: BYTES_AS_SEQUENCE.as_mut_ptr(),
    tp_as_mapping: BYTES_AS_MAPPING.as_mut_ptr(),
    tp_hash: Some(bytes_hash),
    tp_str: Some(bytes_repr),
    tp_as_buffer: BYTES_AS_BUFFER.as_mut_ptr(),
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_BYTES_SUBCLASS
        | Py_TPFLAGS_IMMUTABLETYPE
        | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"bytes(iterable_of_ints) -> bytes".as_ptr(),
    tp_richcompare: Some(bytes_richcompare),
    tp_iter: Some(bytes_iter),
    ..TYPE_TEMPLATE
};

/// `b''`: immortal, shared.
pub(crate) static mut EMPTY_BYTES: PyBytesObject = PyBytesObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut PyBytes_Type), ob_size: 0 },
    ob_shash: 0,
    ob_sval: [0],
};

/// A one-byte `bytes` object: `PyBytesObject` with room for the byte and its NUL.
#[repr(C)]
pub(crate) struct SingleByte {
    ob_base: PyVarObject,
    ob_shash: Py_hash_t,
    ob_sval: [u8; 2],
}

const _: () = assert!(offset_of!(SingleByte, ob_sval) == HEADER);

/// `b'\x00'` .. `b'\xff'`: immortal, shared by every interpreter (CPython 3.12+'s
/// `bytes_characters`).
pub(crate) static mut CHARACTERS: [SingleByte; 256] = characters();

const fn characters() -> [SingleByte; 256] {
    let mut out = [const {
        SingleByte {
            ob_base: PyVarObject { ob_base: static_head(&raw mut PyBytes_Type), ob_size: 1 },
            ob_shash: -1,
            ob_sval: [0, 0],
        }
    }; 256];
    let mut i = 0;
    while i < 256 {
        out[i].ob_sval[0] = i as u8;
        i += 1;
    }
    out
}

/// The shared `bytes` of one byte (borrowed; immortal).
#[inline]
pub(crate) fn character(b: u8) -> *mut PyObject {
    // SAFETY: in range of the static array.
    unsafe { (&raw mut CHARACTERS as *mut SingleByte).add(b as usize) }.cast()
}

/// The shared `b''` (borrowed; immortal).
#[inline]
pub(crate) fn empty() -> *mut PyObject {
    (&raw mut EMPTY_BYTES).cast()
}

/// A new `bytes` object of `len` bytes, uninitialized but NUL-terminated (always a fresh
/// object, even for lengths 0 and 1: the caller is about to write it).
pub(crate) fn alloc(len: usize) -> PyResult<*mut PyBytesObject> {
    if len > isize::MAX as usize - HEADER - 1 {
        return Err(errors::overflow_error("byte string is too large"));
    }
    let p = alloc::malloc(HEADER + len + 1) as *mut PyBytesObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of the right size.
    unsafe {
        typeobject::init_object(p.cast(), &raw mut PyBytes_Type);
        (*p).ob_base.ob_size = len as Py_ssize_t;
        (*p).ob_shash = -1;
        *data_ptr(p.cast()).add(len) = 0;
    }
    Ok(p)
}

/// `PyBytes_FromStringAndSize(NULL, len)`: `b''` for 0, else a fresh object to fill.
pub(crate) fn new_uninit(len: usize) -> PyResult<Owned> {
    if len == 0 {
        return Ok(empty());
    }
    alloc(len).map(|p| p.cast())
}

/// A new `bytes` holding a copy of `data` (the shared objects for lengths 0 and 1).
pub(crate) fn from_slice(data: &[u8]) -> PyResult<Owned> {
    match data.len() {
        0 => return Ok(empty()),
        1 => return Ok(character(data[0])),
        _ => {}
    }
    let p = alloc(data.len())?;
    // SAFETY: room for `data.len()` bytes.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), data_ptr(p.cast()), data.len()) };
    Ok(p.cast())
}

/// Where a `bytes` object's data starts.
///
/// # Safety
/// `op` is a `bytes`.
#[inline]
pub(crate) unsafe fn data_ptr(op: *mut PyObject) -> *mut u8 {
    // SAFETY: per caller.
    unsafe { (&raw mut (*(op as *mut PyBytesObject)).ob_sval).cast() }
}

/// # Safety
/// `op` is a `bytes`.
#[inline]
pub(crate) unsafe fn size(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe { (*(op as *mut PyVarObject)).ob_size }
}

/// The bytes of a `bytes` object.
///
/// # Safety
/// `op` is a `bytes`; the slice lives as long as it.
#[inline]
pub(crate) unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [u8] {
    // SAFETY: per caller.
    unsafe { std::slice::from_raw_parts(data_ptr(op), size(op) as usize) }
}

/// `PyBytes_Check`.
#[inline]
pub(crate) unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: per caller, live.
    unsafe { has_flag(type_of(op), Py_TPFLAGS_BYTES_SUBCLASS) }
}

#[inline]
unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: per caller, live.
    unsafe { type_of(op) == &raw mut PyBytes_Type }
}

/// CPython's "can't concat B to A" (the right operand's type first).
unsafe fn concat_error(a: *mut PyObject, b: *mut PyObject) -> PyErr {
    // SAFETY: per caller, live.
    unsafe {
        errors::type_error(&format!(
            "can't concat {} to {}",
            buffer::type_name_trunc(type_of(b), 100),
            buffer::type_name_trunc(type_of(a), 100)
        ))
    }
}

/// `a + b` for bytes-likes: a new `bytes` (or `a` or `b` itself when the other is empty and
/// it is an exact `bytes`).
pub(crate) unsafe fn concat(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, live objects.
    unsafe {
        // Two exact bytes: their buffers are their data, no need to ask for views.
        let views;
        let (x, y) = if check_exact(a) && check_exact(b) {
            (as_slice(a), as_slice(b))
        } else {
            views = match buffer::views2(a, b) {
                Ok(v) => v,
                Err(_) => return Err(concat_error(a, b)),
            };
            (views.0.bytes(), views.1.bytes())
        };
        if x.is_empty() && check_exact(b) {
            return Ok(new_ref(b));
        }
        if y.is_empty() && check_exact(a) {
            return Ok(new_ref(a));
        }
        let Some(total) = x.len().checked_add(y.len()).filter(|&t| t <= isize::MAX as usize) else {
            return Err(errors::no_memory());
        };
        let r = new_uninit(total)?;
        let d = data_ptr(r);
        std::ptr::copy_nonoverlapping(x.as_ptr(), d, x.len());
        std::ptr::copy_nonoverlapping(y.as_ptr(), d.add(x.len()), y.len());
        Ok(r)
    }
}

/// `PyBytes_Concat`: `*pv = *pv + w`, in place when `*pv` is an exact `bytes` nobody else
/// holds; on error `*pv` becomes NULL (its reference dropped).
pub(crate) unsafe fn concat_in_place(pv: *mut *mut PyObject, w: *mut PyObject) {
    // SAFETY: per caller, `pv` is writable and `*pv`, `w` live or NULL.
    unsafe {
        let v = *pv;
        if v.is_null() {
            return;
        }
        if w.is_null() {
            *pv = null_mut();
            decref(v);
            return;
        }
        if (*v).ob_refcnt == 1 && check_exact(v) {
            let Ok(wb) = buffer::View::get(w) else {
                concat_error(v, w);
                *pv = null_mut();
                decref(v);
                return;
            };
            let old = size(v) as usize;
            let add = wb.bytes().len();
            if old.checked_add(add).is_none_or(|t| t > isize::MAX as usize) {
                errors::no_memory();
                *pv = null_mut();
                decref(v);
                return;
            }
            if resize(pv, (old + add) as Py_ssize_t).is_ok() {
                // `w` may be `v` itself, which the resize may have moved: copy from the view.
                std::ptr::copy(wb.bytes().as_ptr(), data_ptr(*pv).add(old), add);
            }
            return;
        }
        let r = concat(v, w).unwrap_or(null_mut());
        *pv = r;
        decref(v);
    }
}

/// `_PyBytes_Resize`: gives `*pv` the length `newsize`, in place when nobody else holds it,
/// else as a copy. On error `*pv` is set to NULL (its reference dropped).
pub(crate) unsafe fn resize(pv: *mut *mut PyObject, newsize: Py_ssize_t) -> PyResult<()> {
    // SAFETY: per caller, `pv` is writable and `*pv` live or NULL.
    unsafe {
        let v = *pv;
        if v.is_null() || !check(v) || newsize < 0 {
            *pv = null_mut();
            xdecref(v);
            return Err(errors::bad_internal_call());
        }
        let old = size(v);
        if old == newsize {
            return Ok(());
        }
        let replace = |pv: *mut *mut PyObject, r: PyResult<Owned>| {
            *pv = r.unwrap_or(null_mut());
            decref(v);
            if (*pv).is_null() {
                Err(PyErr)
            } else {
                Ok(())
            }
        };
        if old == 0 {
            return replace(pv, alloc(newsize as usize).map(|p| p.cast()));
        }
        if newsize == 0 {
            return replace(pv, Ok(empty()));
        }
        if (*v).ob_refcnt != 1 {
            // Shared (an immortal, or held elsewhere): copy what fits.
            let r = alloc(newsize as usize).map(|p| {
                std::ptr::copy_nonoverlapping(data_ptr(v), data_ptr(p.cast()), old.min(newsize) as usize);
                p.cast()
            });
            return replace(pv, r);
        }
        if newsize as usize > isize::MAX as usize - HEADER - 1 {
            *pv = null_mut();
            decref(v);
            return Err(errors::no_memory());
        }
        let p = alloc::realloc(v.cast(), HEADER + newsize as usize + 1) as *mut PyBytesObject;
        if p.is_null() {
            *pv = null_mut();
            alloc::free(v.cast());
            return Err(errors::no_memory());
        }
        (*p).ob_base.ob_size = newsize;
        (*p).ob_shash = -1;
        *data_ptr(p.cast()).add(newsize as usize) = 0;
        *pv = p.cast();
        Ok(())
    }
}

/// `PyBytes_FromObject`: `op` itself for an exact `bytes`; a copy of a buffer's contents
/// (any layout); the values of a list, tuple or iterable of ints. CPython's errors.
pub(crate) unsafe fn from_object(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, live.
    unsafe {
        if check_exact(op) {
            return Ok(new_ref(op));
        }
        if buffer::check(op) {
            let mut raw = buffer::empty_view();
            let held = buffer::Held::get(op, &mut raw, PyBUF_FULL_RO)?;
            let v = held.view();
            let r = new_uninit(v.len.max(0) as usize)?;
            if v.len > 0 {
                buffer::copy_to_contiguous(data_ptr(r), v, b'C' as std::ffi::c_char);
            }
            return Ok(r);
        }
        if !has_flag(type_of(op), Py_TPFLAGS_UNICODE_SUBCLASS) {
            if let Some(data) = methods::collect_ints(op, methods::BYTES_RANGE)? {
                return from_slice(&data);
            }
        }
        Err(errors::type_error(&format!(
            "cannot convert '{}' object to bytes",
            buffer::type_name_trunc(type_of(op), 200)
        )))
    }
}

// --- slots -----------------------------------------------------------------------------------

unsafe extern "C" fn bytes_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a bytes.
    methods::repr_object(unsafe { as_slice(op) }, true, "bytes", None).unwrap_or(null_mut())
}

unsafe extern "C" fn bytes_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: called through tp_hash with a bytes.
    unsafe {
        let b = op as *mut PyBytesObject;
        let cached = (*b).ob_shash;
        if cached != -1 {
            return cached;
        }
        let h = pyhash::hash_bytes(&crate::runtime::hash_secret(), as_slice(op));
        if !is_immortal(op) {
            (*b).ob_shash = h;
        }
        h
    }
}

unsafe extern "C" fn bytes_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    // SAFETY: called through tp_richcompare with live objects, `a` or `b` a bytes.
    unsafe {
        if !(check(a) && check(b)) {
            return new_ref(singletons::not_implemented());
        }
        if !(Py_LT..=Py_GE).contains(&op) {
            errors::bad_argument();
            return null_mut();
        }
        if a == b {
            return methods::bool_obj(matches!(op, Py_EQ | Py_LE | Py_GE));
        }
        methods::bool_obj(methods::compare(as_slice(a), as_slice(b), op))
    }
}

unsafe extern "C" fn bytes_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: called through sq_length with a bytes.
    unsafe { size(op) }
}

unsafe extern "C" fn bytes_concat_slot(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through sq_concat with live objects.
    unsafe { concat(a, b) }.unwrap_or(null_mut())
}

unsafe extern "C" fn bytes_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through sq_repeat with a bytes.
    unsafe {
        let n = n.max(0) as usize;
        let len = size(op) as usize;
        let Some(total) = len.checked_mul(n).filter(|&t| t < isize::MAX as usize - HEADER) else {
            errors::overflow_error("repeated bytes are too long");
            return null_mut();
        };
        if total == len && check_exact(op) {
            return new_ref(op);
        }
        let Ok(r) = new_uninit(total) else { return null_mut() };
        fill_repeated(data_ptr(r), total, data_ptr(op), len);
        r
    }
}

/// Writes `total` bytes: the `len` bytes at `src` repeated, doubling the copied run each
/// time (CPython's `_PyBytes_Repeat`).
///
/// # Safety
/// `dst` is writable for `total` bytes; `src` is readable for `len` bytes and either does
/// not overlap `dst` or is `dst` itself (repeating in place); `total` is a multiple of
/// `len` (or 0).
pub(crate) unsafe fn fill_repeated(dst: *mut u8, total: usize, src: *const u8, len: usize) {
    if total == 0 || len == 0 {
        return;
    }
    // SAFETY: per caller.
    unsafe {
        if len == 1 {
            std::ptr::write_bytes(dst, *src, total);
            return;
        }
        if src != dst.cast_const() {
            std::ptr::copy_nonoverlapping(src, dst, len);
        }
        let mut done = len;
        while done < total {
            let n = done.min(total - done);
            std::ptr::copy_nonoverlapping(dst, dst.add(done), n);
            done += n;
        }
    }
}

/// `bytes[key]`: an int key (negative from the end) gives an int, a slice a `bytes` (the
/// object itself for a whole exact `bytes`).
unsafe extern "C" fn bytes_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through mp_subscript with a bytes and a live key.
    unsafe {
        if abstract_::number::index_check(key) {
            let exc = (&raw mut exceptions::_PyExc_IndexError).cast();
            let Ok(i) = abstract_::number::as_ssize_t(key, exc) else { return null_mut() };
            return bytes_item(op, if i < 0 { i + size(op) } else { i });
        }
        if sliceobject::is_slice(key) {
            let Ok((mut start, mut stop, step)) = sliceobject::unpack(key) else { return null_mut() };
            let data = as_slice(op);
            let n = sliceobject::adjust_indices(data.len() as Py_ssize_t, &mut start, &mut stop, step);
            if n == data.len() as Py_ssize_t && step == 1 && type_of(op) == &raw mut PyBytes_Type {
                return new_ref(op);
            }
            let r = if step == 1 {
                from_slice(&data[start as usize..(start + n.max(0)) as usize])
            } else {
                from_slice(&sliceobject::pick(data, start, step, n))
            };
            return r.unwrap_or(null_mut());
        }
        let name = buffer::type_name_trunc(type_of(key), 200);
        errors::type_error(&format!("byte indices must be integers or slices, not {name}"));
        null_mut()
    }
}

unsafe extern "C" fn bytes_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through sq_item with a bytes.
    unsafe {
        if i < 0 || i >= size(op) {
            errors::index_error("index out of range");
            return null_mut();
        }
        small_int(as_slice(op)[i as usize])
    }
}

/// The `int` for a byte value (a shared small int: no allocation).
#[inline]
pub(crate) fn small_int(b: u8) -> *mut PyObject {
    longobject::small(i64::from(b)).expect("0..=255 are small ints")
}

unsafe extern "C" fn bytes_contains(op: *mut PyObject, arg: *mut PyObject) -> c_int {
    // SAFETY: called through sq_contains with a bytes and a live object.
    match unsafe { methods::needle(arg) } {
        // SAFETY: a bytes, which nothing can change.
        Ok(n) => n.found_in(unsafe { as_slice(op) }) as c_int,
        Err(_) => -1,
    }
}

unsafe extern "C" fn bytes_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    // SAFETY: called through bf_getbuffer with a bytes.
    unsafe {
        match buffer::fill_info(view, op, data_ptr(op).cast(), size(op), 1, flags) {
            Ok(()) => 0,
            Err(_) => -1,
        }
    }
}

// --- the iterator ----------------------------------------------------------------------------

/// `bytes_iterator`: yields the bytes as ints; drops its `bytes` once exhausted.
#[repr(C)]
struct BytesIter {
    ob_base: PyObject,
    it_index: Py_ssize_t,
    it_seq: *mut PyObject,
}

/// `bytes_iterator`.
#[unsafe(no_mangle)]
pub static mut PyBytesIter_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"bytes_iterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<BytesIter>() as Py_ssize_t,
    tp_dealloc: Some(bytesiter_dealloc),
    tp_flags: Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_IMMUTABLETYPE,
    tp_iter: Some(self_iter),
    tp_iternext: Some(bytesiter_next),
    ..TYPE_TEMPLATE
};

/// `tp_iter` of iterators: the iterator itself.
pub(crate) unsafe extern "C" fn self_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iter with a live object.
    unsafe { new_ref(op) }
}

unsafe extern "C" fn bytes_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iter with a live object.
    unsafe {
        if !check(op) {
            errors::bad_internal_call();
            return null_mut();
        }
        let it = alloc::malloc(std::mem::size_of::<BytesIter>()) as *mut BytesIter;
        if it.is_null() {
            errors::no_memory();
            return null_mut();
        }
        typeobject::init_object(it.cast(), &raw mut PyBytesIter_Type);
        (*it).it_index = 0;
        (*it).it_seq = new_ref(op);
        it.cast()
    }
}

unsafe extern "C" fn bytesiter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext with a bytes_iterator.
    unsafe {
        let it = op as *mut BytesIter;
        let seq = (*it).it_seq;
        if seq.is_null() {
            return null_mut();
        }
        if (*it).it_index < size(seq) {
            let b = as_slice(seq)[(*it).it_index as usize];
            (*it).it_index += 1;
            return small_int(b);
        }
        (*it).it_seq = null_mut();
        decref(seq);
        null_mut()
    }
}

unsafe extern "C" fn bytesiter_dealloc(op: *mut PyObject) {
    // SAFETY: called by _Py_Dealloc with a bytes_iterator nobody references.
    unsafe {
        xdecref((*(op as *mut BytesIter)).it_seq);
        alloc::free(op.cast());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeat_fills_by_doubling() {
        let mut out = [0u8; 10];
        unsafe { fill_repeated(out.as_mut_ptr(), 10, b"ab".as_ptr(), 2) };
        assert_eq!(&out, b"ababababab");
        let mut one = [0u8; 5];
        unsafe { fill_repeated(one.as_mut_ptr(), 5, b"x".as_ptr(), 1) };
        assert_eq!(&one, b"xxxxx");
        let mut three = [0u8; 9];
        unsafe { fill_repeated(three.as_mut_ptr(), 9, b"xyz".as_ptr(), 3) };
        assert_eq!(&three, b"xyzxyzxyz");
        let mut in_place = *b"pq\0\0\0\0";
        let p = in_place.as_mut_ptr();
        unsafe { fill_repeated(p, 6, p, 2) };
        assert_eq!(&in_place, b"pqpqpq");
    }

    #[test]
    fn single_byte_statics_are_laid_out_as_bytes() {
        let p = character(0x41);
        unsafe {
            assert!(is_immortal(p));
            assert_eq!(size(p), 1);
            assert_eq!(as_slice(p), b"A");
            assert_eq!(*data_ptr(p).add(1), 0, "NUL-terminated");
            assert_eq!(type_of(p), &raw mut PyBytes_Type);
        }
        assert_eq!(unsafe { as_slice(character(0xff)) }, b"\xff");
    }
}
