//! What `bytes` and `bytearray` share (CPython's `bytes_methods.c` and the helpers around
//! it): the `b'...'` repr, `in`, substring search, turning `__index__`-able objects into
//! byte values, and collecting bytes from lists, tuples and iterables.

use std::ffi::c_int;

use super::*;

// --- integers ----------------------------------------------------------------------------

/// The value of an `int` (or subclass), saturated to the `i128` range (every caller only
/// needs to know that a value is out of a much smaller range).
///
/// # Safety
/// `op` is an `int`.
pub(crate) unsafe fn int_to_i128(op: *mut PyObject) -> i128 {
    // SAFETY: per caller.
    unsafe { longobject::as_i128(op).unwrap_or(if longobject::sign(op) < 0 { i128::MIN } else { i128::MAX }) }
}

/// `op.__index__()` (the number protocol's `_PyNumber_Index`) as a saturated `i128`.
pub(crate) unsafe fn index_i128(op: *mut PyObject) -> PyResult<i128> {
    // SAFETY: per caller, live.
    unsafe {
        if has_flag(type_of(op), Py_TPFLAGS_LONG_SUBCLASS) {
            return Ok(int_to_i128(op));
        }
        let r = abstract_::number::index_any(op)?;
        let v = int_to_i128(r);
        decref(r);
        Ok(v)
    }
}

/// One byte from an `__index__`-able object; `msg` is the ValueError text for values
/// outside `range(0, 256)` (CPython says "bytes must be ..." for `bytes()`, "byte must be
/// ..." for `bytearray` and `in`).
pub(crate) unsafe fn byte_value(op: *mut PyObject, msg: &str) -> PyResult<u8> {
    // SAFETY: per caller.
    let v = unsafe { index_i128(op) }?;
    u8::try_from(v).map_err(|_| errors::value_error(msg))
}

pub(crate) const BYTES_RANGE: &str = "bytes must be in range(0, 256)";
pub(crate) const BYTE_RANGE: &str = "byte must be in range(0, 256)";

// --- collecting bytes ----------------------------------------------------------------------

/// The bytes of a list, tuple or other iterable of ints (`bytes(iterable)` and
/// `bytearray(iterable)` without the buffer and str cases). A list is re-read at every
/// step, as an item's `__index__` may change it. `Ok(None)`: not iterable (no exception
/// set), for the caller's "cannot convert" message.
pub(crate) unsafe fn collect_ints(op: *mut PyObject, range_msg: &str) -> PyResult<Option<Vec<u8>>> {
    // SAFETY: per caller, live; items are kept alive by a reference while converted.
    unsafe {
        let tp = type_of(op);
        if tp == &raw mut listobject::PyList_Type {
            let mut out = Vec::with_capacity(listobject::size(op) as usize);
            let mut i = 0;
            while i < listobject::size(op) {
                let item = new_ref(listobject::items(op)[i as usize]);
                let b = byte_value(item, range_msg);
                decref(item);
                out.push(b?);
                i += 1;
            }
            return Ok(Some(out));
        }
        if tp == &raw mut tupleobject::PyTuple_Type {
            let items = tupleobject::items(op);
            let mut out = Vec::with_capacity(items.len());
            for &item in items {
                out.push(byte_value(item, range_msg)?);
            }
            return Ok(Some(out));
        }
        let it = match abstract_::get_iter(op) {
            Ok(it) => it,
            Err(e) => {
                if errors::matches(&raw mut exceptions::_PyExc_TypeError) {
                    errors::clear();
                    return Ok(None);
                }
                return Err(e);
            }
        };
        let mut out = Vec::new();
        let r = loop {
            match abstract_::iter_next(it) {
                Ok(Some(item)) => {
                    let b = byte_value(item, range_msg);
                    decref(item);
                    match b {
                        Ok(b) => out.push(b),
                        Err(e) => break Err(e),
                    }
                }
                Ok(None) => break Ok(Some(out)),
                Err(e) => break Err(e),
            }
        };
        decref(it);
        r
    }
}

// --- repr ----------------------------------------------------------------------------------

/// CPython's `PyBytes_Repr`: `b'...'`, with double quotes when `smartquotes` and the
/// bytes contain `'` but no `"`; `\\`, the quote, `\t`, `\n`, `\r` escaped, other bytes
/// outside printable ASCII as `\xhh`. `bytearray`'s repr (`squote_always`) picks its
/// quotes the same way but escapes every `'`, even inside double quotes, as CPython 3.13.
pub(crate) fn repr_text(data: &[u8], smartquotes: bool, squote_always: bool) -> String {
    let squote = data.contains(&b'\'');
    let quote = if smartquotes && squote && !data.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(data.len() + 3);
    out.push('b');
    out.push(quote as char);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for &c in data {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote || (squote_always && c == b'\'') => {
                out.push('\\');
                out.push(c as char);
            }
            c if !(b' '..0x7f).contains(&c) => {
                out.push_str("\\x");
                out.push(HEX[(c >> 4) as usize] as char);
                out.push(HEX[(c & 15) as usize] as char);
            }
            c => out.push(c as char),
        }
    }
    out.push(quote as char);
    out
}

/// The repr as a `str` object: `b'...'`, or `prefix(b'...')` for bytearray. `kind` names
/// the type in CPython's OverflowError for reprs that could not fit.
pub(crate) fn repr_object(
    data: &[u8],
    smartquotes: bool,
    kind: &str,
    prefix: Option<&str>,
) -> PyResult<Owned> {
    // Only bytearray's repr has a prefix (its type's name), and its own escaping.
    // Each byte takes at most 4 characters; CPython refuses reprs longer than Py_ssize_t.
    if data.len() > (isize::MAX as usize - 3) / 4 {
        return Err(errors::overflow_error(&format!("{kind} object is too large to make repr")));
    }
    let text = repr_text(data, smartquotes, prefix.is_some());
    match prefix {
        None => unicodeobject::from_str(&text),
        Some(p) => unicodeobject::from_str(&format!("{p}({text})")),
    }
}

// --- searching -------------------------------------------------------------------------------

/// What `x in bytes_like` looks for: a byte value, or a substring.
pub(crate) enum Needle {
    Byte(u8),
    Bytes(buffer::View),
}

impl Needle {
    /// `_Py_bytes_contains`'s search, once the needle is known.
    pub(crate) fn found_in(&self, data: &[u8]) -> bool {
        match self {
            Needle::Byte(b) => data.contains(b),
            Needle::Bytes(v) => find(data, v.bytes()).is_some(),
        }
    }
}

/// The needle of `_Py_bytes_contains`: an int (a byte value, ValueError outside
/// `range(0, 256)`), else anything exporting a buffer. As the conversion may run
/// `__index__`, callers read their data only afterwards.
pub(crate) unsafe fn needle(arg: *mut PyObject) -> PyResult<Needle> {
    // SAFETY: per caller, live.
    unsafe {
        // CPython tries the int conversion and clears its error; without `__index__` that
        // always fails, so the exception is not made at all.
        let as_int = if abstract_::number::index_check(arg) {
            abstract_::number::as_ssize_t(arg, std::ptr::null_mut()).ok()
        } else {
            None
        };
        match as_int {
            Some(v) => u8::try_from(v).map(Needle::Byte).map_err(|_| errors::value_error(BYTE_RANGE)),
            None => {
                errors::clear();
                buffer::View::get(arg).map(Needle::Bytes)
            }
        }
    }
}

/// The first position of `needle` in `hay`. Candidates found by their first byte are
/// compared directly (fast on real data); if that work grows past a few times the input's
/// length, the rest is searched with Knuth-Morris-Pratt, so no input takes quadratic time.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let m = needle.len();
    if m == 0 {
        return Some(0);
    }
    if m > hay.len() {
        return None;
    }
    let first = needle[0];
    if m == 1 {
        return hay.iter().position(|&b| b == first);
    }
    let last_start = hay.len() - m;
    let budget = 4 * hay.len() + 64;
    let mut work = 0usize;
    let mut i = 0;
    while i <= last_start {
        match hay[i..=last_start].iter().position(|&b| b == first) {
            None => return None,
            Some(k) => i += k,
        }
        let same = hay[i..i + m].iter().zip(needle).take_while(|(a, b)| a == b).count();
        if same == m {
            return Some(i);
        }
        work += same + 1;
        if work > budget {
            return kmp(&hay[i..], needle).map(|p| p + i);
        }
        i += 1;
    }
    None
}

fn kmp(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let m = needle.len();
    if m == 0 {
        return Some(0);
    }
    let mut fail = vec![0usize; m];
    let mut k = 0;
    for q in 1..m {
        while k > 0 && needle[k] != needle[q] {
            k = fail[k - 1];
        }
        if needle[k] == needle[q] {
            k += 1;
        }
        fail[q] = k;
    }
    let mut q = 0;
    for (i, &c) in hay.iter().enumerate() {
        while q > 0 && needle[q] != c {
            q = fail[q - 1];
        }
        if needle[q] == c {
            q += 1;
        }
        if q == m {
            return Some(i + 1 - m);
        }
    }
    None
}

// --- comparison --------------------------------------------------------------------------------

/// The result of comparing two byte strings as `op` (`Py_LT` .. `Py_GE`): lexicographic by
/// unsigned byte, then by length (CPython's `Py_RETURN_RICHCOMPARE`).
pub(crate) fn compare(a: &[u8], b: &[u8], op: c_int) -> bool {
    let ord = a.cmp(b);
    match op {
        Py_LT => ord.is_lt(),
        Py_LE => ord.is_le(),
        Py_EQ => ord.is_eq(),
        Py_NE => ord.is_ne(),
        Py_GT => ord.is_gt(),
        _ => ord.is_ge(),
    }
}

/// `PyBool` for a comparison result (a new reference to an immortal).
#[inline]
pub(crate) fn bool_obj(b: bool) -> Owned {
    longobject::from_bool(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn repr_matches_cpython() {
        // Outputs measured with CPython 3.13.0.
        assert_eq!(repr_text(b"a'b", true, false), "b\"a'b\"");
        assert_eq!(repr_text(b"a\"b", true, false), "b'a\"b'");
        assert_eq!(repr_text(b"a'\"b", true, false), "b'a\\'\"b'");
        assert_eq!(repr_text(b"\x00\t\n\r\\\x7f\xff ", true, false), "b'\\x00\\t\\n\\r\\\\\\x7f\\xff '");
        assert_eq!(repr_text(b"it's", false, false), "b'it\\'s'");
        assert_eq!(repr_text(b"", true, false), "b''");
        // bytearray's: every ' escaped.
        assert_eq!(repr_text(b"'", true, true), "b\"\\'\"");
        assert_eq!(repr_text(b"a\"b'c", true, true), "b'a\"b\\'c'");
    }

    #[test]
    fn find_edge_cases() {
        assert_eq!(find(b"abc", b""), Some(0));
        assert_eq!(find(b"", b"a"), None);
        assert_eq!(find(b"abc", b"c"), Some(2));
        assert_eq!(find(b"abcabd", b"abd"), Some(3));
        assert_eq!(find(b"ab", b"abc"), None);
        // Adversarial for the direct comparisons: switches to KMP and stays right.
        let hay = vec![b'a'; 10_000];
        let mut needle = vec![b'a'; 500];
        needle.push(b'b');
        assert_eq!(find(&hay, &needle), None);
        let mut hay2 = hay.clone();
        hay2.extend_from_slice(&needle);
        assert_eq!(find(&hay2, &needle), Some(10_000));
    }

    proptest! {
        #[test]
        fn find_agrees_with_naive(hay in proptest::collection::vec(0u8..3, 0..200),
                                  needle in proptest::collection::vec(0u8..3, 0..6)) {
            let naive = if needle.is_empty() { Some(0) } else {
                hay.windows(needle.len()).position(|w| w == &needle[..])
            };
            prop_assert_eq!(find(&hay, &needle), naive);
            prop_assert_eq!(kmp(&hay, &needle), naive);
        }
    }

    #[test]
    fn comparison_is_lexicographic_then_length() {
        assert!(compare(b"abc", b"abd", Py_LT));
        assert!(compare(b"ab", b"abc", Py_LT));
        assert!(compare(b"\xff", b"a", Py_GT));
        assert!(compare(b"x", b"x", Py_GE) && compare(b"x", b"x", Py_LE) && !compare(b"x", b"x", Py_NE));
    }
}
