//! `bytearray`: CPython's layout (`ob_alloc`, `ob_bytes`, `ob_start`, `ob_exports`) and
//! growth policy. The bytes live in a separate block of the interpreter's heap,
//! over-allocated as it grows; deleting from the front moves `ob_start` instead of the
//! bytes. While buffer views are exported (`ob_exports > 0`) the bytes cannot move, so
//! every size change fails with CPython's BufferError.

use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

use super::buffer;
use super::bytes_methods as methods;
use super::bytesobject::{self, small_int};
use super::*;

static BYTEARRAY_AS_SEQUENCE: ReadOnly<PySequenceMethods> = ReadOnly(PySequenceMethods {
    sq_length: Some(bytearray_length),
    sq_concat: Some(bytearray_concat_slot),
    sq_repeat: Some(bytearray_repeat),
    sq_item: Some(bytearray_item),
    was_sq_slice: null_mut(),
    sq_ass_item: Some(bytearray_ass_item),
    was_sq_ass_slice: null_mut(),
    sq_contains: Some(bytearray_contains),
    sq_inplace_concat: Some(bytearray_iconcat),
    sq_inplace_repeat: Some(bytearray_irepeat),
});

static BYTEARRAY_AS_MAPPING: ReadOnly<PyMappingMethods> = ReadOnly(PyMappingMethods {
    mp_length: Some(bytearray_length),
    mp_subscript: Some(bytearray_subscript),
    mp_ass_subscript: Some(bytearray_ass_subscript),
});

static BYTEARRAY_AS_BUFFER: ReadOnly<PyBufferProcs> = ReadOnly(PyBufferProcs {
    bf_getbuffer: Some(bytearray_getbuffer),
    bf_releasebuffer: Some(bytearray_releasebuffer),
});

/// `bytearray`.
#[unsafe(no_mangle)]
pub static mut PyByteArray_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"bytearray".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyByteArrayObject>() as Py_ssize_t,
    tp_dealloc: Some(bytearray_dealloc),
    tp_repr: Some(bytearray_repr),
    tp_as_sequence: BYTEARRAY_AS_SEQUENCE.as_mut_ptr(),
    tp_as_mapping: BYTEARRAY_AS_MAPPING.as_mut_ptr(),
    tp_hash: Some(hash_not_implemented),
    tp_str: Some(bytearray_repr),
    tp_as_buffer: BYTEARRAY_AS_BUFFER.as_mut_ptr(),
    tp_flags: Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_SEQUENCE as std::ffi::c_ulong,
    tp_doc: c"bytearray(iterable_of_ints) -> bytearray".as_ptr(),
    tp_richcompare: Some(bytearray_richcompare),
    tp_iter: Some(bytearray_iter),
    ..TYPE_TEMPLATE
};

/// What `PyByteArray_AS_STRING` gives for an empty bytearray (CPython's symbol; read-only
/// here, as nothing may write it).
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub static _PyByteArray_empty_string: [c_char; 1] = [0];

#[inline]
unsafe fn fields<'a>(op: *mut PyObject) -> &'a mut PyByteArrayObject {
    // SAFETY: per caller, a bytearray.
    unsafe { &mut *(op as *mut PyByteArrayObject) }
}

/// `PyByteArray_Check`.
#[inline]
pub(crate) unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: per caller, live.
    unsafe { typeobject::type_check(op, &raw mut PyByteArray_Type) }
}

/// # Safety
/// `op` is a bytearray.
#[inline]
pub(crate) unsafe fn size(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe { fields(op).ob_base.ob_size }
}

/// `PyByteArray_AS_STRING`: the contents, NUL-terminated (a shared `""` when empty).
///
/// # Safety
/// `op` is a bytearray.
#[inline]
pub(crate) unsafe fn as_ptr(op: *mut PyObject) -> *mut u8 {
    // SAFETY: per caller.
    unsafe {
        let b = fields(op);
        if b.ob_base.ob_size != 0 {
            b.ob_start.cast()
        } else {
            (&raw const _PyByteArray_empty_string).cast_mut().cast()
        }
    }
}

/// The contents. Valid until the bytearray changes size.
///
/// # Safety
/// `op` is a bytearray.
#[inline]
pub(crate) unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [u8] {
    // SAFETY: per caller.
    unsafe { buffer::slice_of(as_ptr(op).cast(), size(op)) }
}

/// `PyByteArray_FromStringAndSize`: a new bytearray of `size` bytes, copied from `data`
/// (left uninitialized when `data` is NULL).
pub(crate) fn new(data: *const u8, size: Py_ssize_t) -> PyResult<Owned> {
    if size < 0 {
        return Err(errors::system_error("Negative size passed to PyByteArray_FromStringAndSize"));
    }
    if size == isize::MAX {
        return Err(errors::no_memory());
    }
    let p = alloc::malloc(std::mem::size_of::<PyByteArrayObject>()) as *mut PyObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    let bytes = if size == 0 { null_mut() } else { alloc::malloc(size as usize + 1) };
    if size != 0 && bytes.is_null() {
        // SAFETY: ours, not yet an object.
        unsafe { alloc::free(p.cast()) };
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of the right sizes.
    unsafe {
        typeobject::init_object(p, &raw mut PyByteArray_Type);
        if !bytes.is_null() {
            if !data.is_null() {
                std::ptr::copy_nonoverlapping(data, bytes, size as usize);
            }
            *bytes.add(size as usize) = 0;
        }
        let b = fields(p);
        b.ob_base.ob_size = size;
        b.ob_alloc = if size == 0 { 0 } else { size + 1 };
        b.ob_bytes = bytes.cast();
        b.ob_start = bytes.cast();
        b.ob_exports = 0;
    }
    Ok(p)
}

/// A new bytearray holding a copy of `data`.
pub(crate) fn from_slice(data: &[u8]) -> PyResult<Owned> {
    new(data.as_ptr(), data.len() as Py_ssize_t)
}

/// CPython's `_canresize`: no exported views.
unsafe fn can_resize(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller, a bytearray.
    if unsafe { fields(op).ob_exports } > 0 {
        return Err(errors::buffer_error("Existing exports of data: object cannot be re-sized"));
    }
    Ok(())
}

/// The allocation CPython's `PyByteArray_Resize` picks for `size` bytes starting
/// `offset` bytes into a block of `alloc`: `None` when the block can stay as it is.
fn resize_policy(size: usize, offset: usize, alloc: usize) -> Option<usize> {
    if size + offset < alloc {
        if size < alloc / 2 {
            // Major downsize: shrink to fit.
            Some(size + 1)
        } else {
            None
        }
    } else if (size as f64) <= alloc as f64 * 1.125 {
        // Moderate growth: over-allocate, as lists do.
        Some(size + (size >> 3) + if size < 9 { 3 } else { 6 })
    } else {
        Some(size + 1)
    }
}

/// `PyByteArray_Resize`.
pub(crate) unsafe fn resize(op: *mut PyObject, requested: Py_ssize_t) -> PyResult<()> {
    if requested < 0 {
        return Err(errors::value_error(&format!("Can only resize to positive sizes, got {requested}")));
    }
    // SAFETY: per caller, a bytearray.
    unsafe {
        if requested == size(op) {
            return Ok(());
        }
        can_resize(op)?;
        let b = fields(op);
        let size = requested as usize;
        let offset = if b.ob_bytes.is_null() { 0 } else { b.ob_start.offset_from(b.ob_bytes) as usize };
        let Some(alloc) = resize_policy(size, offset, b.ob_alloc as usize) else {
            b.ob_base.ob_size = requested;
            *b.ob_start.add(size) = 0;
            return Ok(());
        };
        if alloc > isize::MAX as usize {
            return Err(errors::no_memory());
        }
        let block = if offset > 0 {
            let nb = alloc::malloc(alloc);
            if nb.is_null() {
                return Err(errors::no_memory());
            }
            std::ptr::copy_nonoverlapping(b.ob_start.cast::<u8>(), nb, size.min(b.ob_base.ob_size as usize));
            alloc::free(b.ob_bytes.cast());
            nb
        } else {
            let nb = alloc::realloc(b.ob_bytes.cast(), alloc);
            if nb.is_null() {
                return Err(errors::no_memory());
            }
            nb
        };
        b.ob_bytes = block.cast();
        b.ob_start = block.cast();
        b.ob_base.ob_size = requested;
        b.ob_alloc = alloc as Py_ssize_t;
        *block.add(size) = 0;
    }
    Ok(())
}

/// Deletes bytes `lo..hi` (CPython's `bytearray_setslice_linear` with nothing inserted):
/// from the front by moving `ob_start`, elsewhere by moving the tail down.
unsafe fn delete_range(op: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t) -> PyResult<()> {
    // SAFETY: per caller, a bytearray and 0 <= lo <= hi <= size.
    unsafe {
        let growth = lo - hi;
        if growth == 0 {
            return Ok(());
        }
        can_resize(op)?;
        let n = size(op);
        let b = fields(op);
        if lo == 0 {
            b.ob_start = b.ob_start.offset(-growth);
        } else {
            std::ptr::copy(b.ob_start.offset(hi), b.ob_start.offset(lo), (n - hi) as usize);
        }
        if let Err(e) = resize(op, n + growth) {
            if lo == 0 {
                fields(op).ob_start = fields(op).ob_start.offset(growth);
            } else {
                // The tail already moved: the bytearray is shorter even though the
                // block could not shrink (as CPython).
                fields(op).ob_base.ob_size = n + growth;
            }
            return Err(e);
        }
    }
    Ok(())
}

/// `PyByteArray_Concat`: a new bytearray of `a + b` (any bytes-likes).
pub(crate) unsafe fn concat(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, live objects.
    unsafe {
        let (va, vb) = match buffer::views2(a, b) {
            Ok(v) => v,
            Err(_) => return Err(concat_error(a, b)),
        };
        let (x, y) = (va.bytes(), vb.bytes());
        let Some(total) = x.len().checked_add(y.len()).filter(|&t| t < isize::MAX as usize) else {
            return Err(errors::no_memory());
        };
        let r = new(std::ptr::null(), total as Py_ssize_t)?;
        if total > 0 {
            let d = fields(r).ob_bytes.cast::<u8>();
            std::ptr::copy_nonoverlapping(x.as_ptr(), d, x.len());
            std::ptr::copy_nonoverlapping(y.as_ptr(), d.add(x.len()), y.len());
        }
        Ok(r)
    }
}

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

/// `PyByteArray_FromObject`: `bytearray(op)`: zeros for an int, a copy of a buffer, the
/// values of an iterable of ints. CPython's errors (a str needs an encoding).
pub(crate) unsafe fn from_object(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, live.
    unsafe {
        let tp = type_of(op);
        if has_flag(tp, Py_TPFLAGS_UNICODE_SUBCLASS) {
            return Err(errors::type_error("string argument without an encoding"));
        }
        if abstract_::number::index_check(op) {
            match abstract_::number::as_ssize_t(op, (&raw mut exceptions::_PyExc_OverflowError).cast()) {
                Ok(count) => {
                    if count < 0 {
                        return Err(errors::value_error("negative count"));
                    }
                    let r = new(std::ptr::null(), count)?;
                    std::ptr::write_bytes(as_ptr(r), 0, count as usize);
                    return Ok(r);
                }
                Err(e) => {
                    if !errors::matches(&raw mut exceptions::_PyExc_TypeError) {
                        return Err(e);
                    }
                    errors::clear();
                }
            }
        }
        if buffer::check(op) {
            let mut raw = buffer::empty_view();
            let held = buffer::Held::get(op, &mut raw, PyBUF_FULL_RO)?;
            let v = held.view();
            let r = new(std::ptr::null(), v.len)?;
            if v.len > 0 {
                buffer::copy_to_contiguous(as_ptr(r), v, b'C' as c_char);
            }
            return Ok(r);
        }
        match methods::collect_ints(op, methods::BYTE_RANGE)? {
            Some(data) => from_slice(&data),
            None => Err(errors::type_error(&format!(
                "cannot convert '{}' object to bytearray",
                buffer::type_name_trunc(tp, 200)
            ))),
        }
    }
}

// --- slots -----------------------------------------------------------------------------------

unsafe extern "C" fn bytearray_dealloc(op: *mut PyObject) {
    // SAFETY: called by _Py_Dealloc with a bytearray nobody references.
    unsafe {
        let b = fields(op);
        if b.ob_exports > 0 {
            // Someone kept a view without a reference to its object; the memory goes anyway.
            crate::fatal::write_stderr("SystemError: deallocated bytearray object has exported buffers\n");
        }
        alloc::free(b.ob_bytes.cast());
        typeobject::object_dealloc(op);
    }
}

unsafe extern "C" fn bytearray_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a bytearray.
    unsafe {
        let name = short_type_name(type_of(op));
        methods::repr_object(as_slice(op), true, "bytearray", Some(&name)).unwrap_or(null_mut())
    }
}

/// `PyObject_HashNotImplemented` as a slot: "unhashable type".
pub(crate) unsafe extern "C" fn hash_not_implemented(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: called through tp_hash with a live object.
    unsafe {
        errors::type_error(&format!("unhashable type: '{}'", buffer::type_name_trunc(type_of(op), 200)))
    };
    -1
}

unsafe extern "C" fn bytearray_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    // SAFETY: called through tp_richcompare with live objects.
    unsafe {
        if !buffer::check(a) || !buffer::check(b) {
            return new_ref(singletons::not_implemented());
        }
        let Ok((va, vb)) = buffer::views2(a, b) else {
            errors::clear();
            return new_ref(singletons::not_implemented());
        };
        if !(Py_LT..=Py_GE).contains(&op) {
            errors::bad_argument();
            return null_mut();
        }
        methods::bool_obj(methods::compare(va.bytes(), vb.bytes(), op))
    }
}

unsafe extern "C" fn bytearray_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: called through sq_length with a bytearray.
    unsafe { size(op) }
}

unsafe extern "C" fn bytearray_concat_slot(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through sq_concat with live objects.
    unsafe { concat(a, b) }.unwrap_or(null_mut())
}

unsafe extern "C" fn bytearray_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through sq_repeat with a bytearray.
    unsafe {
        let n = n.max(0) as usize;
        let len = size(op) as usize;
        let Some(total) = len.checked_mul(n).filter(|&t| t < isize::MAX as usize) else {
            errors::no_memory();
            return null_mut();
        };
        let Ok(r) = new(std::ptr::null(), total as Py_ssize_t) else { return null_mut() };
        bytesobject::fill_repeated(as_ptr(r), total, as_ptr(op), len);
        r
    }
}

unsafe extern "C" fn bytearray_irepeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through sq_inplace_repeat with a bytearray.
    unsafe {
        if n == 1 {
            return new_ref(op);
        }
        let n = n.max(0) as usize;
        let len = size(op) as usize;
        let Some(total) = len.checked_mul(n).filter(|&t| t < isize::MAX as usize) else {
            errors::no_memory();
            return null_mut();
        };
        if resize(op, total as Py_ssize_t).is_err() {
            return null_mut();
        }
        let p = as_ptr(op);
        bytesobject::fill_repeated(p, total, p, len);
        new_ref(op)
    }
}

unsafe extern "C" fn bytearray_iconcat(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through sq_inplace_concat with a bytearray and a live object.
    unsafe {
        let Ok(v) = buffer::View::get(other) else {
            concat_error(op, other);
            return null_mut();
        };
        let old = size(op) as usize;
        let add = v.bytes().len();
        let Some(total) = old.checked_add(add).filter(|&t| t < isize::MAX as usize) else {
            errors::no_memory();
            return null_mut();
        };
        if resize(op, total as Py_ssize_t).is_err() {
            return null_mut();
        }
        std::ptr::copy(v.bytes().as_ptr(), as_ptr(op).add(old), add);
        new_ref(op)
    }
}

unsafe extern "C" fn bytearray_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through sq_item with a bytearray.
    unsafe {
        if i < 0 || i >= size(op) {
            errors::index_error("bytearray index out of range");
            return null_mut();
        }
        small_int(*as_ptr(op).add(i as usize))
    }
}

/// `bytearray[i] = value` (`value` NULL deletes), with CPython's order: the value is
/// converted first, since its `__index__` may change the bytearray.
unsafe extern "C" fn bytearray_ass_item(op: *mut PyObject, i: Py_ssize_t, value: *mut PyObject) -> c_int {
    // SAFETY: called through sq_ass_item with a bytearray and NULL or a live value.
    unsafe {
        let byte = if value.is_null() {
            None
        } else {
            match methods::byte_value(value, methods::BYTE_RANGE) {
                Ok(b) => Some(b),
                Err(_) => return -1,
            }
        };
        let n = size(op);
        let i = if i < 0 { i + n } else { i };
        if i < 0 || i >= n {
            errors::index_error("bytearray index out of range");
            return -1;
        }
        match byte {
            Some(b) => {
                *as_ptr(op).add(i as usize) = b;
                0
            }
            None => match delete_range(op, i, i + 1) {
                Ok(()) => 0,
                Err(_) => -1,
            },
        }
    }
}

/// CPython's TypeError for a subscript that is neither an int nor a slice.
unsafe fn bad_index(key: *mut PyObject) -> PyErr {
    // SAFETY: per caller, live.
    let name = unsafe { buffer::type_name_trunc(type_of(key), 200) };
    errors::type_error(&format!("bytearray indices must be integers or slices, not {name}"))
}

/// `bytearray[key]`: an int key (negative from the end) gives an int, a slice a new
/// bytearray.
unsafe extern "C" fn bytearray_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through mp_subscript with a bytearray and a live key.
    unsafe {
        if abstract_::number::index_check(key) {
            let exc = (&raw mut exceptions::_PyExc_IndexError).cast();
            let Ok(i) = abstract_::number::as_ssize_t(key, exc) else { return null_mut() };
            return bytearray_item(op, if i < 0 { i + size(op) } else { i });
        }
        if sliceobject::is_slice(key) {
            // The slice's __index__ calls may resize the bytearray: read it afterwards.
            let Ok((mut start, mut stop, step)) = sliceobject::unpack(key) else { return null_mut() };
            let data = as_slice(op);
            let n = sliceobject::adjust_indices(data.len() as Py_ssize_t, &mut start, &mut stop, step);
            let r = if step == 1 {
                from_slice(&data[start as usize..(start + n.max(0)) as usize])
            } else {
                from_slice(&sliceobject::pick(data, start, step, n))
            };
            return r.unwrap_or(null_mut());
        }
        bad_index(key);
        null_mut()
    }
}

/// `bytearray[key] = value` (NULL deletes) for an int key (slice keys: not yet,
/// `NotImplementedError`).
unsafe extern "C" fn bytearray_ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    // SAFETY: called through mp_ass_subscript with a bytearray, a live key, NULL or a value.
    unsafe {
        if !abstract_::number::index_check(key) {
            if sliceobject::is_slice(key) {
                errors::not_implemented_error(
                    "bytearray slice assignment and deletion are not implemented yet",
                );
            } else {
                bad_index(key);
            }
            return -1;
        }
        let Ok(i) = abstract_::number::as_ssize_t(key, (&raw mut exceptions::_PyExc_IndexError).cast())
        else {
            return -1;
        };
        bytearray_ass_item(op, i, value)
    }
}

unsafe extern "C" fn bytearray_contains(op: *mut PyObject, arg: *mut PyObject) -> c_int {
    // SAFETY: called through sq_contains with a bytearray and a live object; the contents
    // are read after the needle's conversion, which may resize the bytearray.
    match unsafe { methods::needle(arg) } {
        Ok(n) => n.found_in(unsafe { as_slice(op) }) as c_int,
        Err(_) => -1,
    }
}

unsafe extern "C" fn bytearray_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    // SAFETY: called through bf_getbuffer with a bytearray.
    unsafe {
        if view.is_null() {
            errors::buffer_error("bytearray_getbuffer: view==NULL argument is obsolete");
            return -1;
        }
        if buffer::fill_info(view, op, as_ptr(op).cast(), size(op), 0, flags).is_err() {
            return -1;
        }
        fields(op).ob_exports += 1;
        0
    }
}

unsafe extern "C" fn bytearray_releasebuffer(op: *mut PyObject, _view: *mut Py_buffer) {
    // SAFETY: called through bf_releasebuffer with a bytearray that exported a view.
    unsafe { fields(op).ob_exports -= 1 };
}

// --- the iterator ----------------------------------------------------------------------------

/// `bytearray_iterator`: yields the bytes as ints, re-reading the size at every step (the
/// bytearray may change while iterated); drops its bytearray once exhausted.
#[repr(C)]
struct ByteArrayIter {
    ob_base: PyObject,
    it_index: Py_ssize_t,
    it_seq: *mut PyObject,
}

/// `bytearray_iterator`.
#[unsafe(no_mangle)]
pub static mut PyByteArrayIter_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"bytearray_iterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<ByteArrayIter>() as Py_ssize_t,
    tp_dealloc: Some(bytearrayiter_dealloc),
    tp_flags: Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_IMMUTABLETYPE,
    tp_iter: Some(bytesobject::self_iter),
    tp_iternext: Some(bytearrayiter_next),
    ..TYPE_TEMPLATE
};

unsafe extern "C" fn bytearray_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iter with a live object.
    unsafe {
        if !check(op) {
            errors::bad_internal_call();
            return null_mut();
        }
        let it = alloc::malloc(std::mem::size_of::<ByteArrayIter>()) as *mut ByteArrayIter;
        if it.is_null() {
            errors::no_memory();
            return null_mut();
        }
        typeobject::init_object(it.cast(), &raw mut PyByteArrayIter_Type);
        (*it).it_index = 0;
        (*it).it_seq = new_ref(op);
        it.cast()
    }
}

unsafe extern "C" fn bytearrayiter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext with a bytearray_iterator.
    unsafe {
        let it = op as *mut ByteArrayIter;
        let seq = (*it).it_seq;
        if seq.is_null() {
            return null_mut();
        }
        if (*it).it_index < size(seq) {
            let b = *as_ptr(seq).add((*it).it_index as usize);
            (*it).it_index += 1;
            return small_int(b);
        }
        (*it).it_seq = null_mut();
        decref(seq);
        null_mut()
    }
}

unsafe extern "C" fn bytearrayiter_dealloc(op: *mut PyObject) {
    // SAFETY: called by _Py_Dealloc with a bytearray_iterator nobody references.
    unsafe {
        xdecref((*(op as *mut ByteArrayIter)).it_seq);
        alloc::free(op.cast());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_policy_is_cpythons() {
        // Appending one byte at a time to an empty bytearray: 0 -> alloc 4 (1 + 0 + 3).
        assert_eq!(resize_policy(1, 0, 0), Some(2));
        assert_eq!(resize_policy(4, 0, 4), Some(4 + 3));
        assert_eq!(resize_policy(20, 0, 19), Some(20 + 2 + 6));
        // Fits: stays, unless it would use less than half.
        assert_eq!(resize_policy(10, 0, 16), None);
        assert_eq!(resize_policy(3, 0, 16), Some(4));
        // A logical offset counts against the room.
        assert_eq!(resize_policy(10, 6, 16), Some(10 + 1 + 6));
    }
}
