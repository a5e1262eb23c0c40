//! `iter(s)`: CPython 3.13 has two iterator types, `str_ascii_iterator` for ASCII strings
//! and `str_iterator` for the others; both are kept (code may look at the type's name).
//! Either walks the UTF-8 text by byte offset, so a whole iteration is O(n), and yields the
//! shared static strings for characters below U+0100.

use std::ptr::null_mut;

use super::*;

#[repr(C)]
struct StrIter {
    ob_base: PyObject,
    /// The string (a strong reference), NULL once exhausted.
    s: *mut PyObject,
    /// Byte offset of the next character.
    pos: usize,
}

/// `str_iterator`: iterates non-ASCII strings.
#[unsafe(no_mangle)]
pub static mut PyUnicodeIter_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"str_iterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<StrIter>() as Py_ssize_t,
    tp_dealloc: Some(iter_dealloc),
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_iter: Some(iter_self),
    tp_iternext: Some(iter_next),
    ..TYPE_TEMPLATE
};

/// `str_ascii_iterator`: iterates ASCII strings. (Internal in CPython: not declared.)
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub static mut _PyUnicodeASCIIIter_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"str_ascii_iterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<StrIter>() as Py_ssize_t,
    tp_dealloc: Some(iter_dealloc),
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_iter: Some(iter_self),
    tp_iternext: Some(iter_next),
    ..TYPE_TEMPLATE
};

/// `str.__iter__`.
pub(super) unsafe extern "C" fn unicode_iter(s: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iter with a str.
    unsafe {
        let tp = if is_ascii(s) { &raw mut _PyUnicodeASCIIIter_Type } else { &raw mut PyUnicodeIter_Type };
        let it = alloc::malloc(std::mem::size_of::<StrIter>()) as *mut StrIter;
        if it.is_null() {
            errors::no_memory();
            return null_mut();
        }
        typeobject::init_object(it.cast(), tp);
        (*it).s = new_ref(s);
        (*it).pos = 0;
        it.cast()
    }
}

unsafe extern "C" fn iter_self(it: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live iterator.
    unsafe { new_ref(it) }
}

/// The next character, or NULL with no exception set when exhausted.
unsafe extern "C" fn iter_next(it: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext with one of our iterators.
    unsafe {
        let it = it as *mut StrIter;
        let s = (*it).s;
        if s.is_null() {
            return null_mut();
        }
        let bytes = as_bytes(s);
        let pos = (*it).pos;
        if pos >= bytes.len() {
            (*it).s = null_mut();
            decref(s);
            return null_mut();
        }
        if bytes[pos] < 0x80 {
            (*it).pos = pos + 1;
            return latin1_char(bytes[pos]);
        }
        let (c, w) = utf8::decode_at(bytes, pos);
        (*it).pos = pos + w;
        let mut buf = [0u8; 4];
        from_str(c.encode_utf8(&mut buf)).unwrap_or(null_mut())
    }
}

unsafe extern "C" fn iter_dealloc(it: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` with no references left.
    unsafe {
        xdecref((*(it as *mut StrIter)).s);
        typeobject::object_dealloc(it);
    }
}
