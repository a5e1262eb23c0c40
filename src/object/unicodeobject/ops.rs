//! What `str` does with its text: concatenation, repetition, slicing by code points,
//! searching, counting, replacing, splitting and joining, with CPython 3.13's semantics
//! and error texts; and the sequence slots built on them.
//!
//! Searching works on the UTF-8 bytes (a match of valid UTF-8 in valid UTF-8 always starts
//! on a character boundary), converting code point bounds to byte offsets through the
//! string's index (`byte_offset`) and results back by counting.

use std::ffi::c_int;

use super::utf8::*;
use super::*;

/// `str.isspace()` for one character (`Py_UNICODE_ISSPACE`): Unicode's White_Space plus the
/// four information separators U+001C..U+001F.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ') || (!c.is_ascii() && c.is_whitespace())
}

/// CPython's `ADJUST_INDICES`: slice bounds, negative ones counted from the end, clipped.
pub(crate) fn adjust_indices(
    start: Py_ssize_t,
    end: Py_ssize_t,
    len: Py_ssize_t,
) -> (Py_ssize_t, Py_ssize_t) {
    let end = if end > len {
        len
    } else if end < 0 {
        (end + len).max(0)
    } else {
        end
    };
    let start = if start < 0 { (start + len).max(0) } else { start };
    (start, end)
}

// --- argument checks with CPython's texts ----------------------------------------------------

/// `ensure_unicode`: "must be str, not T".
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn ensure_str(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if check(op) {
            Ok(())
        } else {
            Err(errors::type_error(&format!("must be str, not {}", type_name(type_of(op)))))
        }
    }
}

/// A str subclass instance as an exact str; an exact str as itself (new references).
///
/// # Safety
/// `op` is a `str`.
pub(crate) unsafe fn exact(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if check_exact(op) {
            Ok(new_ref(op))
        } else {
            from_str(as_str(op))
        }
    }
}

// --- building ---------------------------------------------------------------------------------

/// `left + right` (both strs).
///
/// # Safety
/// Both are `str`s.
pub(crate) unsafe fn concat(left: *mut PyObject, right: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if length(left) == 0 {
            return exact(right);
        }
        if length(right) == 0 {
            return exact(left);
        }
        let (a, b) = (as_bytes(left), as_bytes(right));
        let nchars = (length(left) as usize).checked_add(length(right) as usize);
        let Some(nchars) = nchars.filter(|&n| n <= isize::MAX as usize) else {
            return Err(errors::overflow_error("strings are too large to concat"));
        };
        build(a.len() + b.len(), nchars, |out| {
            out[..a.len()].copy_from_slice(a);
            out[a.len()..].copy_from_slice(b);
        })
    }
}

/// `s * n` (`sq_repeat`): empty for `n <= 0`.
///
/// # Safety
/// `s` is a `str`.
pub(crate) unsafe fn repeat(s: *mut PyObject, n: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let len = length(s);
        if n <= 0 || len == 0 {
            return Ok(empty());
        }
        if n == 1 {
            return exact(s);
        }
        let src = as_bytes(s);
        let (Some(nbytes), Some(nchars)) =
            (src.len().checked_mul(n as usize), (len as usize).checked_mul(n as usize))
        else {
            return Err(errors::overflow_error("repeated string is too long"));
        };
        if nbytes > isize::MAX as usize {
            return Err(errors::overflow_error("repeated string is too long"));
        }
        build(nbytes, nchars, |out| {
            out[..src.len()].copy_from_slice(src);
            let mut done = src.len();
            while done < nbytes {
                let chunk = done.min(nbytes - done);
                out.copy_within(..chunk, done);
                done += chunk;
            }
        })
    }
}

/// Code points `start..end` (`0 <= start`, `end` clipped to the length).
///
/// # Safety
/// `s` is a `str`; `start` and `end` are not negative.
pub(crate) unsafe fn substring(s: *mut PyObject, start: Py_ssize_t, end: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let len = length(s);
        let end = end.min(len);
        if start >= end {
            return Ok(empty());
        }
        if start == 0 && end == len {
            return exact(s);
        }
        let bytes = as_bytes(s);
        let b0 = byte_offset(s, start as usize);
        let b1 = if is_ascii(s) { end as usize } else { advance(bytes, b0, (end - start) as usize) };
        let piece = &bytes[b0..b1];
        build(piece.len(), (end - start) as usize, |out| out.copy_from_slice(piece))
    }
}

/// The one-character string at `i` (in range): a shared static below U+0100.
///
/// # Safety
/// `s` is a `str` and `0 <= i < length`.
pub(crate) unsafe fn char_str(s: *mut PyObject, i: usize) -> PyResult<Owned> {
    // SAFETY: per caller.
    let c = unsafe { char_at(s, i) };
    let mut buf = [0u8; 4];
    from_str(c.encode_utf8(&mut buf))
}

// --- searching -------------------------------------------------------------------------------

/// The bytes of code points `start..end` of `s` (already adjusted, `start <= end`), and the
/// byte offset they begin at.
unsafe fn window<'a>(s: *mut PyObject, start: Py_ssize_t, end: Py_ssize_t) -> (&'a str, usize) {
    // SAFETY: per caller, `s` is a str and the bounds are within it.
    unsafe {
        let text = as_str(s);
        if is_ascii(s) {
            return (&text[start as usize..end as usize], start as usize);
        }
        let b0 = byte_offset(s, start as usize);
        let b1 =
            if end == length(s) { text.len() } else { advance(text.as_bytes(), b0, (end - start) as usize) };
        (&text[b0..b1], b0)
    }
}

/// `PyUnicode_Find`: the code point index of `sub` in `s[start:end]` (first if `forward`,
/// else last), or -1.
///
/// # Safety
/// Both are `str`s.
pub(crate) unsafe fn find(
    s: *mut PyObject,
    sub: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
    forward: bool,
) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe {
        let (start, end) = adjust_indices(start, end, length(s));
        if end - start < length(sub) {
            return -1;
        }
        let (hay, _) = window(s, start, end);
        let needle = as_bytes(sub);
        let hay_b = hay.as_bytes();
        let found = if forward { find_bytes(hay_b, needle) } else { rfind_bytes(hay_b, needle) };
        match found {
            Some(off) => start + count_chars(&hay.as_bytes()[..off]) as Py_ssize_t,
            None => -1,
        }
    }
}

/// `PyUnicode_FindChar`: like [`find`] for one code point (-1 for a value that is none).
///
/// # Safety
/// `s` is a `str`.
pub(crate) unsafe fn find_char(
    s: *mut PyObject,
    ch: u32,
    start: Py_ssize_t,
    end: Py_ssize_t,
    forward: bool,
) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe {
        let (start, end) = adjust_indices(start, end, length(s));
        let Some(c) = char::from_u32(ch) else { return -1 };
        if end - start < 1 {
            return -1;
        }
        let (hay, _) = window(s, start, end);
        let mut buf = [0u8; 4];
        let needle = c.encode_utf8(&mut buf).as_bytes();
        let hay_b = hay.as_bytes();
        let found = if forward { find_bytes(hay_b, needle) } else { rfind_bytes(hay_b, needle) };
        match found {
            Some(off) => start + count_chars(&hay.as_bytes()[..off]) as Py_ssize_t,
            None => -1,
        }
    }
}

/// `PyUnicode_Count`: non-overlapping occurrences of `sub` in `s[start:end]`.
///
/// # Safety
/// Both are `str`s.
pub(crate) unsafe fn count(
    s: *mut PyObject,
    sub: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe {
        let (start, end) = adjust_indices(start, end, length(s));
        if end - start < length(sub) {
            return 0;
        }
        if length(sub) == 0 {
            return end - start + 1;
        }
        let (hay, _) = window(s, start, end);
        let needle = as_bytes(sub);
        if let [c] = needle {
            return hay.bytes().filter(|b| b == c).count() as Py_ssize_t;
        }
        matches(hay.as_bytes(), needle).count() as Py_ssize_t
    }
}

/// `sub in s`.
///
/// # Safety
/// Both are `str`s.
pub(crate) unsafe fn contains(s: *mut PyObject, sub: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { find_bytes(as_bytes(s), as_bytes(sub)).is_some() }
}

/// `s.replace(old, new, maxcount)` (all occurrences for a negative `maxcount`); an empty
/// `old` inserts `new` around every character. Nothing to replace gives `s` itself.
///
/// # Safety
/// All three are `str`s.
pub(crate) unsafe fn replace(
    s: *mut PyObject,
    old: *mut PyObject,
    new: *mut PyObject,
    maxcount: Py_ssize_t,
) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let (text, from, to) = (as_str(s), as_str(old), as_str(new));
        let max = if maxcount < 0 { usize::MAX } else { maxcount as usize };
        let len = length(s) as usize;
        let n = if from.is_empty() {
            (len + 1).min(max)
        } else {
            matches(text.as_bytes(), from.as_bytes()).take(max).count()
        };
        if n == 0 {
            return exact(s);
        }
        let too_long = || errors::overflow_error("replace string is too long");
        let nbytes = to
            .len()
            .checked_mul(n)
            .and_then(|add| (text.len() - from.len() * n).checked_add(add))
            .filter(|&b| b <= isize::MAX as usize)
            .ok_or_else(too_long)?;
        let nchars = (length(new) as usize)
            .checked_mul(n)
            .and_then(|add| (len - length(old) as usize * n).checked_add(add))
            .ok_or_else(too_long)?;
        build(nbytes, nchars, |out| {
            let mut w = 0;
            let mut put = |piece: &[u8]| {
                out[w..w + piece.len()].copy_from_slice(piece);
                w += piece.len();
            };
            let mut last = 0;
            if from.is_empty() {
                let mut inserted = 0;
                for (i, _) in text.char_indices() {
                    if inserted == n {
                        break;
                    }
                    put(&text.as_bytes()[last..i]);
                    put(to.as_bytes());
                    last = i;
                    inserted += 1;
                }
                if inserted < n {
                    put(&text.as_bytes()[last..]);
                    put(to.as_bytes());
                    last = text.len();
                }
            } else {
                for i in matches(text.as_bytes(), from.as_bytes()).take(n) {
                    put(&text.as_bytes()[last..i]);
                    put(to.as_bytes());
                    last = i + from.len();
                }
            }
            put(&text.as_bytes()[last..]);
        })
    }
}

// --- splitting and joining ----------------------------------------------------------------------

/// `s.split(sep, maxsplit)` as a list: runs of whitespace when `sep` is NULL, else the
/// non-empty `sep` (a negative `maxsplit` means no limit). As in CPython, a string with
/// nothing to split gives a list holding the string itself.
///
/// # Safety
/// `s` is a `str`; `sep` is NULL or a `str`.
pub(crate) unsafe fn split(s: *mut PyObject, sep: *mut PyObject, maxsplit: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let text = as_str(s);
        let max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
        let mut parts: Vec<Owned> = Vec::new();
        let result = if sep.is_null() {
            split_whitespace(s, text, max, &mut parts)
        } else {
            let sep = as_str(sep);
            if sep.is_empty() {
                return Err(errors::value_error("empty separator"));
            }
            let mut last = 0;
            let mut r = Ok(());
            for i in matches(text.as_bytes(), sep.as_bytes()).take(max) {
                r = push_piece(&mut parts, s, text, &text[last..i]);
                if r.is_err() {
                    break;
                }
                last = i + sep.len();
            }
            r.and_then(|()| push_piece(&mut parts, s, text, &text[last..]))
        };
        match result {
            Ok(()) => listobject::from_vec(parts),
            Err(e) => {
                for p in parts {
                    decref(p);
                }
                Err(e)
            }
        }
    }
}

/// Adds `piece` (a slice of `text`, the text of `s`) to `parts`: `s` itself if it is all of
/// an exact str, else a new string.
unsafe fn push_piece(parts: &mut Vec<Owned>, s: *mut PyObject, text: &str, piece: &str) -> PyResult<()> {
    // SAFETY: per caller, `s` is a live str.
    let item = unsafe {
        if piece.len() == text.len() && check_exact(s) {
            new_ref(s)
        } else {
            from_str(piece)?
        }
    };
    parts.push(item);
    Ok(())
}

unsafe fn split_whitespace(s: *mut PyObject, text: &str, max: usize, parts: &mut Vec<Owned>) -> PyResult<()> {
    let b = text.as_bytes();
    let space_at = |i: usize| -> (bool, usize) {
        if b[i] < 0x80 {
            (is_space(b[i] as char), 1)
        } else {
            let (c, w) = decode_at(b, i);
            (is_space(c), w)
        }
    };
    let mut i = 0;
    let mut splits = 0;
    loop {
        while i < b.len() {
            let (sp, w) = space_at(i);
            if !sp {
                break;
            }
            i += w;
        }
        if i == b.len() {
            return Ok(());
        }
        if splits == max {
            parts.push(from_str(&text[i..])?);
            return Ok(());
        }
        let mut j = i;
        while j < b.len() {
            let (sp, w) = space_at(j);
            if sp {
                break;
            }
            j += w;
        }
        // SAFETY: per caller.
        unsafe { push_piece(parts, s, text, &text[i..j])? };
        splits += 1;
        i = j;
    }
}

/// `sep.join(items)` for items already collected (borrowed). As CPython's
/// `_PyUnicode_JoinArray`: no items give `''` and one exact str gives itself, before the
/// separator is looked at; a NULL separator means a space.
///
/// # Safety
/// `sep` is NULL or a live object; `items` are live.
pub(crate) unsafe fn join(sep: *mut PyObject, items: &[*mut PyObject]) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        match items {
            [] => return Ok(empty()),
            [one] if check_exact(*one) => return Ok(new_ref(*one)),
            _ => {}
        }
        let sep_text = if sep.is_null() {
            " "
        } else if check(sep) {
            as_str(sep)
        } else {
            return Err(errors::type_error(&format!(
                "separator: expected str instance, {} found",
                type_name(type_of(sep))
            )));
        };
        let sep_chars = count_chars(sep_text.as_bytes());
        let too_long = || errors::overflow_error("join() result is too long for a Python string");
        let gaps = items.len() - 1;
        let mut nbytes = sep_text.len().checked_mul(gaps).ok_or_else(too_long)?;
        let mut nchars = sep_chars.checked_mul(gaps).ok_or_else(too_long)?;
        for (i, &item) in items.iter().enumerate() {
            if !check(item) {
                return Err(errors::type_error(&format!(
                    "sequence item {i}: expected str instance, {} found",
                    type_name(type_of(item))
                )));
            }
            nbytes = nbytes.checked_add(as_bytes(item).len()).ok_or_else(too_long)?;
            nchars = nchars.checked_add(length(item) as usize).ok_or_else(too_long)?;
        }
        if nbytes > isize::MAX as usize {
            return Err(too_long());
        }
        build(nbytes, nchars, |out| {
            let mut w = 0;
            for (i, &item) in items.iter().enumerate() {
                if i > 0 {
                    out[w..w + sep_text.len()].copy_from_slice(sep_text.as_bytes());
                    w += sep_text.len();
                }
                let b = as_bytes(item);
                out[w..w + b.len()].copy_from_slice(b);
                w += b.len();
            }
        })
    }
}

/// `PyUnicode_Join` on any iterable: lists and tuples are read in place, anything else is
/// iterated first ("can only join an iterable" if it cannot be).
///
/// # Safety
/// `sep` is NULL or live; `seq` is live.
pub(crate) unsafe fn join_iterable(sep: *mut PyObject, seq: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(seq);
        if tp == &raw mut listobject::PyList_Type {
            // Checking the items runs no code, so the list cannot change meanwhile.
            return join(sep, listobject::items(seq));
        }
        if tp == &raw mut tupleobject::PyTuple_Type {
            return join(sep, tupleobject::items(seq));
        }
        let it = match abstract_::get_iter(seq) {
            Ok(it) => it,
            Err(e) => {
                if errors::matches(&raw mut exceptions::_PyExc_TypeError) {
                    return Err(errors::type_error("can only join an iterable"));
                }
                return Err(e);
            }
        };
        let mut items: Vec<Owned> = Vec::new();
        let collected = loop {
            match abstract_::iter_next(it) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        decref(it);
        let r = collected.and_then(|()| join(sep, &items));
        for item in items {
            decref(item);
        }
        r
    }
}

// --- the sequence slots ------------------------------------------------------------------------

pub(super) unsafe extern "C" fn sq_length(s: *mut PyObject) -> Py_ssize_t {
    // SAFETY: called through the slot with a str.
    unsafe { length(s) }
}

/// `left + right`, reached when `left` is a str.
pub(super) unsafe extern "C" fn sq_concat(left: *mut PyObject, right: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through the slot with live objects.
    unsafe { concat_checked(left, right).unwrap_or(std::ptr::null_mut()) }
}

/// `PyUnicode_Concat`'s checks, in CPython's order: the left operand first.
///
/// # Safety
/// Both are live objects.
pub(crate) unsafe fn concat_checked(left: *mut PyObject, right: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        ensure_str(left)?;
        if !check(right) {
            return Err(errors::type_error(&format!(
                "can only concatenate str (not \"{}\") to str",
                type_name(type_of(right))
            )));
        }
        concat(left, right)
    }
}

pub(super) unsafe extern "C" fn sq_repeat(s: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through the slot with a str.
    unsafe { repeat(s, n).unwrap_or(std::ptr::null_mut()) }
}

pub(super) unsafe extern "C" fn sq_item(s: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through the slot with a str.
    unsafe {
        if i < 0 || i >= length(s) {
            errors::index_error("string index out of range");
            return std::ptr::null_mut();
        }
        char_str(s, i as usize).unwrap_or(std::ptr::null_mut())
    }
}

/// `s[key]` (`mp_subscript`): an int key (negative from the end) gives a one-character
/// string, a slice a substring (`s` itself for a whole exact str).
pub(super) unsafe extern "C" fn mp_subscript(s: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through the slot with a str and a live key.
    unsafe {
        if abstract_::number::index_check(key) {
            let exc = (&raw mut exceptions::_PyExc_IndexError).cast();
            let Ok(i) = abstract_::number::as_ssize_t(key, exc) else { return std::ptr::null_mut() };
            return sq_item(s, if i < 0 { i + length(s) } else { i });
        }
        if sliceobject::is_slice(key) {
            return slice(s, key).unwrap_or(std::ptr::null_mut());
        }
        errors::type_error(&format!("string indices must be integers, not '{}'", abstract_::oname(key, 200)));
        std::ptr::null_mut()
    }
}

/// `s[slice]`, as CPython's `unicode_subscript`.
unsafe fn slice(s: *mut PyObject, key: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, a str and a slice.
    unsafe {
        let (mut start, mut stop, step) = sliceobject::unpack(key)?;
        let len = length(s);
        let n = sliceobject::adjust_indices(len, &mut start, &mut stop, step);
        if n <= 0 {
            return Ok(empty());
        }
        if step == 1 {
            return substring(s, start, start + n);
        }
        let picked: String = if is_ascii(s) {
            sliceobject::pick(as_bytes(s), start, step, n).into_iter().map(char::from).collect()
        } else {
            let chars: Vec<char> = as_str(s).chars().collect();
            sliceobject::pick(&chars, start, step, n).into_iter().collect()
        };
        from_str(&picked)
    }
}

/// `element in s`.
pub(super) unsafe extern "C" fn sq_contains(s: *mut PyObject, element: *mut PyObject) -> c_int {
    // SAFETY: called through the slot with live objects.
    unsafe {
        match contains_checked(s, element) {
            Ok(b) => c_int::from(b),
            Err(_) => -1,
        }
    }
}

/// `PyUnicode_Contains`'s checks, in CPython's order: the element first.
///
/// # Safety
/// Both are live objects.
pub(crate) unsafe fn contains_checked(s: *mut PyObject, element: *mut PyObject) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe {
        if !check(element) {
            return Err(errors::type_error(&format!(
                "'in <string>' requires string as left operand, not {}",
                type_name(type_of(element))
            )));
        }
        ensure_str(s)?;
        Ok(contains(s, element))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_cpythons() {
        let cpython: Vec<u32> = [
            0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
            0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
            0x205f, 0x3000,
        ]
        .to_vec();
        let ours: Vec<u32> =
            (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|&c| is_space(c)).map(u32::from).collect();
        assert_eq!(ours, cpython, "str.isspace() in CPython 3.13");
    }

    #[test]
    fn indices_adjust_like_slices() {
        assert_eq!(adjust_indices(0, 100, 11), (0, 11));
        assert_eq!(adjust_indices(-5, 100, 11), (6, 11));
        assert_eq!(adjust_indices(-100, -1, 6), (0, 5));
        assert_eq!(adjust_indices(3, -100, 6), (3, 0));
        assert_eq!(adjust_indices(12, 30, 11), (12, 11));
    }
}
