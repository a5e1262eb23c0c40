//! Wide strings as the configuration API passes them: `wchar_t` (UTF-32 on Linux), and
//! `PyWideStringList`s whose memory C may free with `PyMem_RawFree`, so everything handed
//! to C comes from libc's `malloc`, as `PyMem_RawMalloc` does.
//!
//! Rust keeps wide strings as `WString` (no terminating NUL). A `wchar_t` is not always a
//! Unicode scalar value: the locale decoder maps undecodable bytes to lone surrogates
//! (`surrogateescape`), so strings stay as code units until they become paths or messages.

use std::ffi::{c_char, OsString};
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

use crate::abi::{wchar_t, PyWideStringList, Py_ssize_t};

/// A wide string without its terminating NUL.
pub(crate) type WString = Vec<wchar_t>;

/// Why a C list could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum BadList {
    /// `length < 0`, or `length > 0` with `items == NULL`.
    Shape,
    /// An item is NULL.
    NullItem,
}

/// `s` as a wide string.
pub(crate) fn w(s: &str) -> WString {
    s.chars().map(|c| c as wchar_t).collect()
}

/// Reads the NUL-terminated wide string at `p`.
///
/// # Safety
/// `p` must be non-NULL and point to a NUL-terminated `wchar_t` string.
pub(crate) unsafe fn read(p: *const wchar_t) -> WString {
    let mut out = Vec::new();
    let mut i = 0;
    // SAFETY: the string is NUL-terminated, so every index up to the NUL is readable.
    unsafe {
        while *p.add(i) != 0 {
            out.push(*p.add(i));
            i += 1;
        }
    }
    out
}

/// Reads an optional wide string (NULL gives `None`).
///
/// # Safety
/// As [`read`], unless `p` is NULL.
pub(crate) unsafe fn read_opt(p: *const wchar_t) -> Option<WString> {
    // SAFETY: non-NULL per the check; the rest is the caller's contract.
    (!p.is_null()).then(|| unsafe { read(p) })
}

/// A `malloc`ed, NUL-terminated copy of `s`, or NULL if memory ran out.
pub(crate) fn to_malloc(s: &[wchar_t]) -> *mut wchar_t {
    let n = s.len() + 1;
    // SAFETY: plain allocation; the result is checked before use.
    let p = unsafe { libc::malloc(n * std::mem::size_of::<wchar_t>()) } as *mut wchar_t;
    if !p.is_null() {
        // SAFETY: `p` has room for `n` wide characters.
        unsafe {
            std::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
            *p.add(s.len()) = 0;
        }
    }
    p
}

/// A NUL-terminated copy kept by Rust (for pointers handed out by the read-back functions).
pub(crate) fn nul_terminated(s: &[wchar_t]) -> Box<[wchar_t]> {
    let mut v = Vec::with_capacity(s.len() + 1);
    v.extend_from_slice(s);
    v.push(0);
    v.into_boxed_slice()
}

/// Reads a C list, checking its shape the way CPython's debug build asserts it.
///
/// # Safety
/// `list.items` must be NULL or point to `list.length` pointers, each NULL or a
/// NUL-terminated wide string.
pub(crate) unsafe fn read_list(list: &PyWideStringList) -> Result<Vec<WString>, BadList> {
    if list.length < 0 || (list.length > 0 && list.items.is_null()) {
        return Err(BadList::Shape);
    }
    let mut out = Vec::with_capacity(list.length as usize);
    for i in 0..list.length as usize {
        // SAFETY: `items` holds `length` pointers (caller's contract).
        let item = unsafe { *list.items.add(i) };
        if item.is_null() {
            return Err(BadList::NullItem);
        }
        // SAFETY: non-NULL and NUL-terminated (caller's contract).
        out.push(unsafe { read(item) });
    }
    Ok(out)
}

/// Frees a list's items and array (allocated with `malloc`) and empties it.
///
/// # Safety
/// The list's memory must come from `malloc` (`PyMem_RawMalloc`) and not be used again.
/// A list of an invalid shape is emptied without freeing what it cannot trust.
pub(crate) unsafe fn clear_list(list: &mut PyWideStringList) {
    if list.length > 0 && !list.items.is_null() {
        for i in 0..list.length as usize {
            // SAFETY: `items` holds `length` malloc'ed pointers (caller's contract);
            // free(NULL) is a no-op.
            unsafe { libc::free(*list.items.add(i) as *mut libc::c_void) };
        }
    }
    // SAFETY: NULL or malloc'ed, per the caller's contract.
    unsafe { libc::free(list.items as *mut libc::c_void) };
    list.length = 0;
    list.items = std::ptr::null_mut();
}

/// A `malloc`ed C list holding copies of `items`; `None` if memory ran out.
pub(crate) fn alloc_list(items: &[WString]) -> Option<PyWideStringList> {
    if items.is_empty() {
        return Some(PyWideStringList { length: 0, items: std::ptr::null_mut() });
    }
    // SAFETY: plain allocation, checked below.
    let arr = unsafe { libc::malloc(items.len() * std::mem::size_of::<*mut wchar_t>()) } as *mut *mut wchar_t;
    if arr.is_null() {
        return None;
    }
    let mut list = PyWideStringList { length: 0, items: arr };
    for (i, item) in items.iter().enumerate() {
        let p = to_malloc(item);
        if p.is_null() {
            // SAFETY: the first `length` items and the array are ours, from malloc.
            unsafe { clear_list(&mut list) };
            return None;
        }
        // SAFETY: `arr` has room for `items.len()` pointers.
        unsafe { *arr.add(i) = p };
        list.length = (i + 1) as Py_ssize_t;
    }
    Some(list)
}

/// Why [`insert`] failed.
pub(crate) enum InsertError {
    NegativeIndex,
    NoMemory,
}

/// CPython's `PyWideStringList_Insert`: an index past the end appends; a negative one fails.
///
/// # Safety
/// The list must be valid and `malloc`ed (see [`read_list`]); `item` NUL-terminated.
pub(crate) unsafe fn insert(
    list: &mut PyWideStringList,
    index: Py_ssize_t,
    item: *const wchar_t,
) -> Result<(), InsertError> {
    let len = list.length;
    if len == Py_ssize_t::MAX {
        return Err(InsertError::NoMemory);
    }
    if index < 0 {
        return Err(InsertError::NegativeIndex);
    }
    let index = index.min(len) as usize;
    // SAFETY: NUL-terminated per the caller's contract.
    let copy = to_malloc(&unsafe { read(item) });
    if copy.is_null() {
        return Err(InsertError::NoMemory);
    }
    let Some(size) = (len as usize + 1).checked_mul(std::mem::size_of::<*mut wchar_t>()) else {
        // SAFETY: ours, just allocated.
        unsafe { libc::free(copy as *mut libc::c_void) };
        return Err(InsertError::NoMemory);
    };
    // SAFETY: `items` is NULL or malloc'ed (caller's contract).
    let items = unsafe { libc::realloc(list.items as *mut libc::c_void, size) } as *mut *mut wchar_t;
    if items.is_null() {
        // SAFETY: ours, just allocated.
        unsafe { libc::free(copy as *mut libc::c_void) };
        return Err(InsertError::NoMemory);
    }
    // SAFETY: `items` has room for `len + 1` pointers; the first `len` are initialized.
    unsafe {
        std::ptr::copy(items.add(index), items.add(index + 1), len as usize - index);
        *items.add(index) = copy;
    }
    list.items = items;
    list.length = len + 1;
    Ok(())
}

/// Decodes bytes from the OS (arguments, environment) as `Py_DecodeLocale` does in the
/// UTF-8 mode: UTF-8, each undecodable byte becoming the lone surrogate U+DC80+byte.
pub(crate) fn decode_locale(bytes: &[u8]) -> WString {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.extend(s.chars().map(|c| c as wchar_t));
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                // SAFETY: `from_utf8` vouched for this prefix.
                out.extend(unsafe { std::str::from_utf8_unchecked(good) }.chars().map(|c| c as wchar_t));
                let n = e.error_len().unwrap_or(bad.len());
                out.extend(bad[..n].iter().map(|&b| 0xDC00 + wchar_t::from(b)));
                rest = &bad[n..];
            }
        }
    }
    out
}

/// The inverse of [`decode_locale`]: UTF-8, with U+DC80..=U+DCFF back to raw bytes.
/// Errors: the index of the first character that cannot be encoded (another surrogate,
/// or a value beyond U+10FFFF).
pub(crate) fn encode_locale(s: &[wchar_t]) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(s.len());
    for (i, &c) in s.iter().enumerate() {
        if (0xDC80..=0xDCFF).contains(&c) {
            out.push((c - 0xDC00) as u8);
            continue;
        }
        let ch = u32::try_from(c).ok().and_then(char::from_u32).ok_or(i)?;
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    Ok(out)
}

/// `s` as text for messages (what cannot be shown becomes U+FFFD).
pub(crate) fn lossy(s: &[wchar_t]) -> String {
    String::from_utf8_lossy(&encode_lossy(s)).into_owned()
}

/// `s` as an OS path: the encoder's bytes, with unencodable characters dropped.
pub(crate) fn to_path(s: &[wchar_t]) -> PathBuf {
    PathBuf::from(OsString::from_vec(encode_lossy(s)))
}

/// A path as a wide string (the inverse of [`to_path`]).
pub(crate) fn from_path(p: &std::path::Path) -> WString {
    use std::os::unix::ffi::OsStrExt;
    decode_locale(p.as_os_str().as_bytes())
}

fn encode_lossy(s: &[wchar_t]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        match encode_locale(rest) {
            Ok(b) => {
                out.extend(b);
                return out;
            }
            Err(i) => {
                out.extend(encode_locale(&rest[..i]).unwrap_or_default());
                rest = &rest[i + 1..];
            }
        }
    }
}

/// Reads a NUL-terminated byte string as `Py_DecodeLocale` would decode it.
///
/// # Safety
/// `p` must be non-NULL and NUL-terminated.
pub(crate) unsafe fn decode_c(p: *const c_char) -> WString {
    // SAFETY: per the caller's contract.
    decode_locale(unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogateescape_round_trips() {
        let bytes = b"a\xff\xc3\xa9\xe2\x82";
        let w = decode_locale(bytes);
        assert_eq!(w, vec![0x61, 0xDCFF, 0xE9, 0xDCE2, 0xDC82]);
        assert_eq!(encode_locale(&w).unwrap(), bytes.to_vec());
        assert_eq!(encode_locale(&[0x61, 0xD800]), Err(1));
    }

    #[test]
    fn insert_clamps_and_rejects_negative() {
        let mut l = PyWideStringList { length: 0, items: std::ptr::null_mut() };
        let a = nul_terminated(&w("a"));
        let b = nul_terminated(&w("b"));
        unsafe {
            assert!(matches!(insert(&mut l, -1, a.as_ptr()), Err(InsertError::NegativeIndex)));
            assert!(insert(&mut l, 99, a.as_ptr()).is_ok());
            assert!(insert(&mut l, 0, b.as_ptr()).is_ok());
            assert_eq!(read_list(&l).unwrap(), vec![w("b"), w("a")]);
            clear_list(&mut l);
        }
        assert_eq!(l.length, 0);
    }
}
