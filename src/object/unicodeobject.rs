//! `str`. An ASCII string is laid out exactly as CPython's compact ASCII strings (its
//! characters follow the `PyASCIIObject` head, so CPython's PEP 393 macros read it); any
//! other string is stored as UTF-8 after a `PyCompactUnicodeObject` head, whose `utf8`
//! field points at it. Both end in a NUL. Length in code points is cached; the hash too.

use std::mem::size_of;
use std::ptr::null_mut;

use super::*;

/// `state` bits (CPython's bit-field, as GCC lays it out on little-endian targets).
pub(crate) const STATE_KIND_SHIFT: u32 = 2;
pub(crate) const STATE_COMPACT: u32 = 1 << 5;
pub(crate) const STATE_ASCII: u32 = 1 << 6;
pub(crate) const STATE_STATIC: u32 = 1 << 7;

/// `str`.
#[unsafe(no_mangle)]
pub static mut PyUnicode_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"str".as_ptr(),
    tp_basicsize: size_of::<PyCompactUnicodeObject>() as Py_ssize_t,
    tp_dealloc: Some(typeobject::object_dealloc),
    tp_repr: Some(unicode_repr),
    tp_str: Some(unicode_str),
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_UNICODE_SUBCLASS | Py_TPFLAGS_IMMUTABLETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"str(object='') -> str".as_ptr(),
    ..TYPE_TEMPLATE
};

/// A new `str` holding `s`.
pub(crate) fn from_str(s: &str) -> PyResult<Owned> {
    let ascii = s.is_ascii();
    let head = if ascii { size_of::<PyASCIIObject>() } else { size_of::<PyCompactUnicodeObject>() };
    let p = alloc::malloc(head + s.len() + 1) as *mut PyObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory with room for the head, the text and a NUL.
    unsafe {
        typeobject::init_object(p, &raw mut PyUnicode_Type);
        let a = p as *mut PyASCIIObject;
        (*a).hash = -1;
        let data = (p as *mut u8).add(head);
        std::ptr::copy_nonoverlapping(s.as_ptr(), data, s.len());
        *data.add(s.len()) = 0;
        if ascii {
            (*a).length = s.len() as Py_ssize_t;
            (*a).state = STATE_COMPACT | STATE_ASCII | (1 << STATE_KIND_SHIFT);
        } else {
            (*a).length = s.chars().count() as Py_ssize_t;
            (*a).state = STATE_COMPACT;
            let c = p as *mut PyCompactUnicodeObject;
            (*c).utf8_length = s.len() as Py_ssize_t;
            (*c).utf8 = data.cast();
        }
    }
    Ok(p)
}

/// Whether `op`'s characters are all ASCII.
///
/// # Safety
/// `op` is a `str`.
#[inline]
pub(crate) unsafe fn is_ascii(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { (*(op as *mut PyASCIIObject)).state & STATE_ASCII != 0 }
}

/// The UTF-8 bytes of a `str` (without the NUL).
///
/// # Safety
/// `op` is a `str`; the slice lives as long as it.
pub(crate) unsafe fn as_bytes<'a>(op: *mut PyObject) -> &'a [u8] {
    // SAFETY: per caller; the layout is the one `from_str` builds.
    unsafe {
        if is_ascii(op) {
            let len = (*(op as *mut PyASCIIObject)).length as usize;
            std::slice::from_raw_parts((op as *mut u8).add(size_of::<PyASCIIObject>()), len)
        } else {
            let c = op as *mut PyCompactUnicodeObject;
            std::slice::from_raw_parts((*c).utf8 as *const u8, (*c).utf8_length as usize)
        }
    }
}

/// The text of a `str`.
///
/// # Safety
/// `op` is a `str`; the text lives as long as it.
pub(crate) unsafe fn as_str<'a>(op: *mut PyObject) -> &'a str {
    // SAFETY: per caller; a str always holds valid UTF-8.
    unsafe { std::str::from_utf8_unchecked(as_bytes(op)) }
}

/// Length in code points.
///
/// # Safety
/// `op` is a `str`.
pub(crate) unsafe fn length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe { (*(op as *mut PyASCIIObject)).length }
}

/// `str.__str__`: an exact str is its own str; a subclass gives an exact copy.
unsafe extern "C" fn unicode_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_str with a str.
    unsafe {
        if type_of(op) == &raw mut PyUnicode_Type {
            new_ref(op)
        } else {
            from_str(as_str(op)).unwrap_or(null_mut())
        }
    }
}

/// `repr(s)`: quoted and escaped exactly as CPython does.
unsafe extern "C" fn unicode_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a str.
    from_str(&super::floatrepr::str_repr(unsafe { as_str(op) })).unwrap_or(null_mut())
}
