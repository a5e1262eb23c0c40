//! `str` (CPython's `unicodeobject.h` and `cpython/unicodeobject.h`): construction,
//! decoding and encoding, access, interning. Searching, splitting, joining and comparing
//! are in `methods.rs`; `PyUnicode_FromFormat` in `format.rs`.
//!
//! Where CPython crashes on a bad argument (NULL, or an object that is not a `str` where
//! it does not check), these raise instead: `SystemError("bad argument to internal
//! function")` for NULL, `TypeError("bad argument type for built-in operation")` for a
//! wrong type.

use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::unicodeobject::codecs::{self, Handler};
use crate::object::unicodeobject::{self as uni, intern};
use crate::object::{bytesobject, errors, PyResult};

pub mod format;
pub mod methods;

#[inline]
fn or_null(r: PyResult<*mut PyObject>) -> *mut PyObject {
    r.unwrap_or(null_mut())
}

/// Whether `op` is a `str`; raises `TypeError` (CPython's `PyErr_BadArgument`) if not and
/// `SystemError` if NULL.
pub(crate) unsafe fn arg_str(op: *mut PyObject) -> bool {
    if op.is_null() {
        errors::bad_internal_call();
        return false;
    }
    // SAFETY: a live object, per the C API.
    if unsafe { uni::check(op) } {
        true
    } else {
        errors::bad_argument();
        false
    }
}

/// The bytes C passes as (pointer, size): `Ok(None)` after raising CPython's error for a
/// negative size, SystemError for a NULL pointer with a positive size.
unsafe fn c_bytes<'a>(s: *const c_char, size: Py_ssize_t, negative_msg: &str) -> Option<&'a [u8]> {
    if size < 0 {
        errors::system_error(negative_msg);
        return None;
    }
    if size == 0 {
        return Some(&[]);
    }
    if s.is_null() {
        errors::bad_internal_call();
        return None;
    }
    // SAFETY: `size` readable bytes, per the C API.
    Some(unsafe { std::slice::from_raw_parts(s as *const u8, size as usize) })
}

/// The error handler named by a C string (NULL is `strict`).
unsafe fn handler_name<'a>(errors: *const c_char) -> Option<std::borrow::Cow<'a, str>> {
    // SAFETY: NULL or a C string, per the C API.
    (!errors.is_null()).then(|| unsafe { CStr::from_ptr(errors) }.to_string_lossy())
}

// --- construction -------------------------------------------------------------------------------

/// Decodes the NUL-terminated UTF-8 `s` into a `str`.
///
/// Returns: a new reference (the shared, immortal `''` or one-character string for those).
/// Errors: NULL with `UnicodeDecodeError` for invalid UTF-8, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_FromString(s: *const c_char) -> *mut PyObject {
    guard("PyUnicode_FromString", || {
        if s.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a NUL-terminated string, per the C API: its first byte is readable, and
        // the second too if the first is not the NUL.
        unsafe {
            let c0 = *s as u8;
            if c0 < 0x80 && (c0 == 0 || *s.add(1) == 0) {
                // '' or one ASCII character: the shared statics, without decoding.
                return if c0 == 0 { uni::empty() } else { uni::latin1_char(c0) };
            }
            or_null(codecs::decode_utf8(CStr::from_ptr(s).to_bytes(), Handler::Strict))
        }
    })
}

/// Decodes `size` bytes of UTF-8 at `s` into a `str` (NUL bytes included).
///
/// Returns: a new reference.
/// Errors: NULL with `UnicodeDecodeError` for invalid UTF-8, `SystemError` for a negative
/// size or a NULL `s` with a positive size (CPython's texts).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_FromStringAndSize(s: *const c_char, size: Py_ssize_t) -> *mut PyObject {
    guard("PyUnicode_FromStringAndSize", || {
        if size < 0 {
            errors::system_error("Negative size passed to PyUnicode_FromStringAndSize");
            return null_mut();
        }
        if s.is_null() && size > 0 {
            errors::system_error(
                "NULL string with positive size with NULL passed to PyUnicode_FromStringAndSize",
            );
            return null_mut();
        }
        // SAFETY: checked above; `size` readable bytes otherwise, per the C API.
        let data = if size == 0 {
            &[][..]
        } else {
            unsafe { std::slice::from_raw_parts(s as *const u8, size as usize) }
        };
        or_null(codecs::decode_utf8(data, Handler::Strict))
    })
}

/// Decodes `size` bytes of UTF-8 with the error handler `errors` (NULL or "strict",
/// "replace", "ignore", "backslashreplace"). "surrogateescape" and "surrogatepass" act as
/// "strict": a `str` here is UTF-8 and cannot hold the lone surrogates they would make.
/// Other names raise `LookupError` when an error needs the handler, as CPython.
///
/// Returns: a new reference.
/// Errors: NULL with `UnicodeDecodeError` (CPython's message), `LookupError`, or
/// `SystemError` for a negative size or a NULL `s` with a positive size.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_DecodeUTF8(
    s: *const c_char,
    size: Py_ssize_t,
    errors: *const c_char,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyUnicode_DecodeUTF8Stateful(s, size, errors, null_mut()) }
}

/// Like `PyUnicode_DecodeUTF8`; if `consumed` is not NULL, an incomplete sequence at the
/// end is not an error: it is left undecoded and `*consumed` says how many bytes were used.
///
/// Returns: a new reference. Errors: as `PyUnicode_DecodeUTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_DecodeUTF8Stateful(
    s: *const c_char,
    size: Py_ssize_t,
    errors: *const c_char,
    consumed: *mut Py_ssize_t,
) -> *mut PyObject {
    guard("PyUnicode_DecodeUTF8", || {
        // SAFETY: per the C API.
        let Some(mut data) = (unsafe { c_bytes(s, size, "Negative size passed to PyUnicode_New") }) else {
            return null_mut();
        };
        if !consumed.is_null() {
            data = &data[..complete_prefix(data)];
            // SAFETY: a writable out-pointer, per the C API.
            unsafe { *consumed = data.len() as Py_ssize_t };
        }
        // SAFETY: per the C API.
        let name = unsafe { handler_name(errors) };
        or_null(codecs::decode_utf8(data, Handler::parse(name.as_deref())))
    })
}

/// The length of `data` without a truncated (but so far valid) UTF-8 sequence at its end.
fn complete_prefix(data: &[u8]) -> usize {
    match std::str::from_utf8(data) {
        Ok(_) => data.len(),
        Err(_) => {
            // Only the last three bytes can start an unfinished sequence.
            for back in 1..=3.min(data.len()) {
                let at = data.len() - back;
                if let Err(e) = std::str::from_utf8(&data[at..]) {
                    if e.valid_up_to() == 0 && e.error_len().is_none() {
                        return at;
                    }
                }
            }
            data.len()
        }
    }
}

/// Decodes `size` bytes of ASCII with the error handler `errors` (as
/// `PyUnicode_DecodeUTF8`); each byte above 0x7F is an error.
///
/// Returns: a new reference.
/// Errors: NULL with `UnicodeDecodeError`, `LookupError` or `SystemError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_DecodeASCII(
    s: *const c_char,
    size: Py_ssize_t,
    errors: *const c_char,
) -> *mut PyObject {
    guard("PyUnicode_DecodeASCII", || {
        // SAFETY: per the C API.
        let Some(data) = (unsafe { c_bytes(s, size, "Negative size passed to PyUnicode_New") }) else {
            return null_mut();
        };
        // SAFETY: per the C API.
        let name = unsafe { handler_name(errors) };
        or_null(codecs::decode_ascii(data, Handler::parse(name.as_deref())))
    })
}

/// Decodes `size` bytes of Latin-1 (byte `b` is code point `b`); `errors` is ignored.
///
/// Returns: a new reference.
/// Errors: NULL with `SystemError` for a negative size or NULL `s`, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_DecodeLatin1(
    s: *const c_char,
    size: Py_ssize_t,
    errors: *const c_char,
) -> *mut PyObject {
    guard("PyUnicode_DecodeLatin1", || {
        let _ = errors; // Latin-1 decoding cannot fail.
                        // SAFETY: per the C API.
        let Some(data) = (unsafe { c_bytes(s, size, "Negative size passed to PyUnicode_New") }) else {
            return null_mut();
        };
        or_null(codecs::decode_latin1(data))
    })
}

/// `obj` as an exact `str`: itself if it is one, a copy if it is an instance of a subclass.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError("Can't convert 'T' object to str implicitly")`,
/// `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_FromObject(obj: *mut PyObject) -> *mut PyObject {
    guard("PyUnicode_FromObject", || {
        if obj.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        unsafe {
            if uni::check(obj) {
                return or_null(crate::object::unicodeobject::ops::exact(obj));
            }
            errors::type_error(&format!(
                "Can't convert '{}' object to str implicitly",
                crate::object::type_name(crate::object::type_of(obj))
            ));
        }
        null_mut()
    })
}

/// The one-character string of code point `ordinal` (shared and immortal below U+0100).
///
/// Returns: a new reference.
/// Errors: NULL with `ValueError("chr() arg not in range(0x110000)")`, or `ValueError` for
/// a surrogate (U+D800..U+DFFF), which a UTF-8 `str` cannot hold (CPython stores it).
#[unsafe(no_mangle)]
pub extern "C" fn PyUnicode_FromOrdinal(ordinal: c_int) -> *mut PyObject {
    guard("PyUnicode_FromOrdinal", || {
        let c = if ordinal < 0 { Ok(None) } else { codecs::code_point(ordinal as u32) };
        match c {
            Ok(Some(c)) => {
                let mut buf = [0u8; 4];
                or_null(uni::from_str(c.encode_utf8(&mut buf)))
            }
            Ok(None) => {
                errors::value_error("chr() arg not in range(0x110000)");
                null_mut()
            }
            Err(_) => null_mut(),
        }
    })
}

/// A `str` from `size` wide characters (UTF-32 code points; `size` -1: up to the NUL).
///
/// Returns: a new reference.
/// Errors: NULL with `ValueError("character U+110000 is not in range [U+0000; U+10ffff]")`
/// for a value that is no code point, `ValueError` for a surrogate (which a UTF-8 `str`
/// cannot hold), `SystemError` for a NULL `w` with a non-zero size or a size below -1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_FromWideChar(w: *const wchar_t, size: Py_ssize_t) -> *mut PyObject {
    guard("PyUnicode_FromWideChar", || {
        if w.is_null() && size != 0 {
            errors::bad_internal_call();
            return null_mut();
        }
        if size < -1 {
            errors::system_error("Negative size passed to PyUnicode_New");
            return null_mut();
        }
        let n = if size == -1 {
            // SAFETY: a NUL-terminated wide string, per the C API.
            unsafe { libc::wcslen(w as *const libc::wchar_t) }
        } else {
            size as usize
        };
        // SAFETY: `n` readable wide characters.
        let units = if n == 0 { &[][..] } else { unsafe { std::slice::from_raw_parts(w, n) } };
        or_null(codecs::from_wide(units))
    })
}

/// Copies the code points of `unicode` into `w` (at most `size`, then a NUL if room is
/// left). With `w` NULL, reports the size needed.
///
/// Returns: the number of wide characters written, not counting the NUL; with `w` NULL,
/// the length plus one.
/// Errors: -1 with `TypeError` if `unicode` is not a `str`, `SystemError` for NULL or a
/// negative `size` (CPython crashes on that).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_AsWideChar(
    unicode: *mut PyObject,
    w: *mut wchar_t,
    size: Py_ssize_t,
) -> Py_ssize_t {
    guard("PyUnicode_AsWideChar", || {
        // SAFETY: NULL or live, per the C API.
        if !unsafe { arg_str(unicode) } {
            return -1;
        }
        // SAFETY: a str.
        let (len, text) = unsafe { (uni::length(unicode), uni::as_str(unicode)) };
        if w.is_null() {
            return len + 1;
        }
        if size < 0 {
            errors::bad_internal_call();
            return -1;
        }
        let n = len.min(size);
        for (i, c) in text.chars().take(n as usize).enumerate() {
            // SAFETY: room for `size` >= `n` wide characters, per the C API.
            unsafe { *w.add(i) = u32::from(c) as wchar_t };
        }
        if n < size {
            // SAFETY: as above; `n < size`.
            unsafe { *w.add(n as usize) = 0 };
        }
        n
    })
}

/// The code points of `unicode` as a new NUL-terminated wide string (free it with
/// `PyMem_Free`), and its length (without the NUL) in `*size` if `size` is not NULL.
///
/// Returns: the buffer.
/// Errors: NULL with `ValueError("embedded null character")` if `size` is NULL and the
/// string holds a NUL, `TypeError` for a non-`str`, `SystemError` for NULL, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_AsWideCharString(
    unicode: *mut PyObject,
    size: *mut Py_ssize_t,
) -> *mut wchar_t {
    guard("PyUnicode_AsWideCharString", || {
        // SAFETY: NULL or live, per the C API.
        if !unsafe { arg_str(unicode) } {
            return null_mut();
        }
        // SAFETY: a str.
        let (len, text) = unsafe { (uni::length(unicode) as usize, uni::as_str(unicode)) };
        if size.is_null() && text.as_bytes().contains(&0) {
            errors::value_error("embedded null character");
            return null_mut();
        }
        let buf = crate::object::alloc::malloc((len + 1) * std::mem::size_of::<wchar_t>()) as *mut wchar_t;
        if buf.is_null() {
            errors::no_memory();
            return null_mut();
        }
        // SAFETY: room for `len + 1` wide characters.
        unsafe {
            for (i, c) in text.chars().enumerate() {
                *buf.add(i) = u32::from(c) as wchar_t;
            }
            *buf.add(len) = 0;
            if !size.is_null() {
                *size = len as Py_ssize_t;
            }
        }
        buf
    })
}

// --- access and encoding --------------------------------------------------------------------------

/// The UTF-8 form of a `str`, and its length in bytes in `*size` (if `size` is not NULL).
///
/// Returns: a pointer into the string (valid as long as it lives; do not modify).
/// Errors: NULL with `TypeError` if `op` is not a `str` (`*size` is then -1, as in 3.13),
/// `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_AsUTF8AndSize(op: *mut PyObject, size: *mut Py_ssize_t) -> *const c_char {
    guard("PyUnicode_AsUTF8AndSize", || {
        // SAFETY: NULL or live, per the C API; the bytes live in the string.
        unsafe {
            if !arg_str(op) {
                if !size.is_null() {
                    *size = -1;
                }
                return std::ptr::null();
            }
            let b = uni::as_bytes(op);
            if !size.is_null() {
                *size = b.len() as Py_ssize_t;
            }
            b.as_ptr().cast()
        }
    })
}

/// The NUL-terminated UTF-8 form of a `str`.
///
/// Returns: a pointer into the string (valid as long as it lives; do not modify).
/// Errors: NULL with an exception set, as `PyUnicode_AsUTF8AndSize`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_AsUTF8(op: *mut PyObject) -> *const c_char {
    // SAFETY: forwarded.
    unsafe { PyUnicode_AsUTF8AndSize(op, null_mut()) }
}

/// The UTF-8 form of a `str` as `bytes`.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` for a non-`str`, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_AsUTF8String(unicode: *mut PyObject) -> *mut PyObject {
    guard("PyUnicode_AsUTF8String", || {
        // SAFETY: NULL or live, per the C API.
        if !unsafe { arg_str(unicode) } {
            return null_mut();
        }
        // SAFETY: a str.
        or_null(bytesobject::from_slice(unsafe { uni::as_bytes(unicode) }))
    })
}

/// The string encoded as ASCII, strictly.
///
/// Returns: a new reference to `bytes`.
/// Errors: NULL with `UnicodeEncodeError` (CPython's message, naming the run of
/// unencodable characters), `TypeError` for a non-`str`, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_AsASCIIString(unicode: *mut PyObject) -> *mut PyObject {
    guard("PyUnicode_AsASCIIString", || {
        // SAFETY: NULL or live, per the C API; then a str.
        unsafe {
            if !arg_str(unicode) {
                return null_mut();
            }
            or_null(codecs::encode_8bit(unicode, 128))
        }
    })
}

/// The string encoded as Latin-1, strictly.
///
/// Returns: a new reference to `bytes`.
/// Errors: as `PyUnicode_AsASCIIString` (code points above U+00FF cannot be encoded).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_AsLatin1String(unicode: *mut PyObject) -> *mut PyObject {
    guard("PyUnicode_AsLatin1String", || {
        // SAFETY: NULL or live, per the C API; then a str.
        unsafe {
            if !arg_str(unicode) {
                return null_mut();
            }
            or_null(codecs::encode_8bit(unicode, 256))
        }
    })
}

/// Returns: the length of a `str` in code points.
/// Errors: -1 with `TypeError` if `op` is not a `str`, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_GetLength(op: *mut PyObject) -> Py_ssize_t {
    guard("PyUnicode_GetLength", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !arg_str(op) {
                return -1;
            }
            uni::length(op)
        }
    })
}

/// Returns: code point `index` of `unicode` (O(1): long non-ASCII strings keep an index).
/// Errors: `(Py_UCS4)-1` with `IndexError("string index out of range")`, `TypeError` for
/// a non-`str`, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_ReadChar(unicode: *mut PyObject, index: Py_ssize_t) -> Py_UCS4 {
    crate::ffi::guard_or("PyUnicode_ReadChar", Py_UCS4::MAX, || {
        // SAFETY: NULL or live, per the C API; then a str and an index in range.
        unsafe {
            if !arg_str(unicode) {
                return Py_UCS4::MAX;
            }
            if index < 0 || index >= uni::length(unicode) {
                errors::index_error("string index out of range");
                return Py_UCS4::MAX;
            }
            u32::from(uni::char_at(unicode, index as usize))
        }
    })
}

// --- interning ------------------------------------------------------------------------------------

/// Interns `*p` in the calling thread's interpreter: replaces it with the string of that
/// text already interned there (dropping the reference to `*p` and taking one to that), or
/// records `*p` itself. Each interpreter has its own table. Interned strings stay mortal
/// (as in CPython 3.13): the table does not keep them alive. Objects that are not exact
/// `str`s, and a NULL `*p`, are left alone.
///
/// Errors: none (memory shortage leaves the string un-interned); a NULL `p` raises
/// `SystemError` (CPython crashes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_InternInPlace(p: *mut *mut PyObject) {
    guard("PyUnicode_InternInPlace", || {
        if p.is_null() {
            errors::bad_internal_call();
            return;
        }
        // SAFETY: a pointer to NULL or an owned reference, per the C API.
        unsafe { intern::intern_in_place(p) }
    })
}

/// The interned string holding the UTF-8 text `v` (see `PyUnicode_InternInPlace`).
///
/// Returns: a new reference.
/// Errors: NULL with `UnicodeDecodeError` for invalid UTF-8, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnicode_InternFromString(v: *const c_char) -> *mut PyObject {
    guard("PyUnicode_InternFromString", || {
        if v.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a NUL-terminated string, per the C API.
        let bytes = unsafe { CStr::from_ptr(v) }.to_bytes();
        match std::str::from_utf8(bytes) {
            Ok(text) => or_null(intern::intern_str(text)),
            // Raises the UnicodeDecodeError.
            Err(_) => or_null(codecs::decode_utf8(bytes, Handler::Strict)),
        }
    })
}
