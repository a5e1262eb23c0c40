//! `str`. An ASCII string is laid out exactly as CPython's compact ASCII strings (its
//! characters follow the `PyASCIIObject` head, so CPython's PEP 393 macros read it); any
//! other string is stored as UTF-8 after a `PyCompactUnicodeObject` head, whose `utf8`
//! field points at it (`state.kind` is 0 there: C code must use the functions). Both end in
//! a NUL. The length in code points is cached, and so is the hash (-1 until computed).
//!
//! Between the head and the UTF-8 text of a non-ASCII string sits one private word: a
//! lazily built index of the byte offset of every 64th code point, so that reaching code
//! point `i` (`PyUnicode_ReadChar`, `Substring`, `Find` with bounds) costs O(1) instead of a
//! scan from the start, as CPython's fixed-width representation gives.
//!
//! `''` and every one-character string U+0000..U+00FF are immortal statics shared by every
//! interpreter (CPython 3.12+ does the same); every constructor returns them. Their hashes
//! depend on the runtime's hash secret, so they are filled in while the runtime
//! initializes ([`init_statics`]) and never written afterwards.
//!
//! Submodules: [`intern`] (the per-interpreter interning table), [`ops`] (searching,
//! splitting, joining, ...), [`codecs`] (decoding and encoding, wide characters),
//! [`format`] (the Rust half of `PyUnicode_FromFormat`), [`repr`], `iter` (the iterator
//! types).

use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

use super::*;
use crate::abi::{Py_EQ, Py_GE, Py_GT, Py_LE, Py_LT, Py_NE};

pub(crate) mod codecs;
pub(crate) mod format;
pub(crate) mod intern;
mod iter;
pub(crate) mod ops;
pub(crate) mod repr;
pub(crate) mod utf8;

pub(crate) use iter::{_PyUnicodeASCIIIter_Type, PyUnicodeIter_Type};

/// `state` bits (CPython's bit-field, as GCC lays it out on little-endian targets).
pub(crate) const STATE_INTERNED_MASK: u32 = 3;
pub(crate) const STATE_KIND_SHIFT: u32 = 2;
pub(crate) const STATE_COMPACT: u32 = 1 << 5;
pub(crate) const STATE_ASCII: u32 = 1 << 6;
pub(crate) const STATE_STATIC: u32 = 1 << 7;

/// `state.interned` values (CPython's `SSTATE_*`).
pub(crate) const SSTATE_NOT_INTERNED: u32 = 0;
pub(crate) const SSTATE_INTERNED_MORTAL: u32 = 1;
pub(crate) const SSTATE_INTERNED_IMMORTAL_STATIC: u32 = 3;

const ASCII_STATE: u32 = STATE_COMPACT | STATE_ASCII | (1 << STATE_KIND_SHIFT);
const UTF8_STATE: u32 = STATE_COMPACT;

/// The head of a non-ASCII string: what C sees, then the code point index (private).
#[repr(C)]
pub(crate) struct Utf8Head {
    pub(crate) base: PyCompactUnicodeObject,
    /// Byte offsets of code points 64, 128, ... (NULL until first needed).
    index: *mut u32,
}

const ASCII_HEAD: usize = size_of::<PyASCIIObject>();
const UTF8_HEAD: usize = size_of::<Utf8Head>();

static UNICODE_AS_SEQUENCE: ReadOnly<PySequenceMethods> = ReadOnly(PySequenceMethods {
    sq_length: Some(ops::sq_length),
    sq_concat: Some(ops::sq_concat),
    sq_repeat: Some(ops::sq_repeat),
    sq_item: Some(ops::sq_item),
    was_sq_slice: null_mut(),
    sq_ass_item: None,
    was_sq_ass_slice: null_mut(),
    sq_contains: Some(ops::sq_contains),
    sq_inplace_concat: None,
    sq_inplace_repeat: None,
});

static UNICODE_AS_MAPPING: ReadOnly<PyMappingMethods> = ReadOnly(PyMappingMethods {
    mp_length: Some(ops::sq_length),
    mp_subscript: Some(ops::mp_subscript),
    mp_ass_subscript: None,
});

/// `str`.
#[unsafe(no_mangle)]
pub static mut PyUnicode_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"str".as_ptr(),
    tp_basicsize: size_of::<PyCompactUnicodeObject>() as Py_ssize_t,
    tp_dealloc: Some(unicode_dealloc),
    tp_repr: Some(unicode_repr),
    tp_as_sequence: UNICODE_AS_SEQUENCE.as_mut_ptr(),
    tp_as_mapping: UNICODE_AS_MAPPING.as_mut_ptr(),
    tp_hash: Some(unicode_hash),
    tp_str: Some(unicode_str),
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_UNICODE_SUBCLASS
        | Py_TPFLAGS_IMMUTABLETYPE
        | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"str(object='') -> str".as_ptr(),
    tp_richcompare: Some(unicode_richcompare),
    tp_iter: Some(iter::unicode_iter),
    ..TYPE_TEMPLATE
};

// --- the static singletons ---------------------------------------------------------------

/// An immortal ASCII string of at most one character.
#[repr(C)]
pub(crate) struct StaticAscii {
    head: PyASCIIObject,
    text: [u8; 8],
}

/// An immortal one-character string U+0080..U+00FF (two bytes of UTF-8).
#[repr(C)]
pub(crate) struct StaticLatin1 {
    head: Utf8Head,
    text: [u8; 8],
}

const fn static_ascii(len: Py_ssize_t, c: u8, hash: Py_hash_t) -> StaticAscii {
    StaticAscii {
        head: PyASCIIObject {
            ob_base: static_head(&raw mut PyUnicode_Type),
            length: len,
            hash,
            state: ASCII_STATE | STATE_STATIC | SSTATE_INTERNED_IMMORTAL_STATIC,
        },
        text: [c, 0, 0, 0, 0, 0, 0, 0],
    }
}

const fn ascii_chars() -> [StaticAscii; 128] {
    let mut out = [const { static_ascii(1, 0, -1) }; 128];
    let mut i = 0;
    while i < 128 {
        out[i] = static_ascii(1, i as u8, -1);
        i += 1;
    }
    out
}

/// `base` is the address of `LATIN1_CHARS`: each string's `utf8` points at its own text.
const fn latin1_chars(base: *mut StaticLatin1) -> [StaticLatin1; 128] {
    const EMPTY: StaticLatin1 = StaticLatin1 {
        head: Utf8Head {
            base: PyCompactUnicodeObject {
                _base: PyASCIIObject {
                    ob_base: static_head(&raw mut PyUnicode_Type),
                    length: 1,
                    hash: -1,
                    state: UTF8_STATE | STATE_STATIC | SSTATE_INTERNED_IMMORTAL_STATIC,
                },
                utf8_length: 2,
                utf8: null_mut(),
            },
            index: null_mut(),
        },
        text: [0; 8],
    };
    let mut out = [EMPTY; 128];
    let mut i = 0;
    while i < 128 {
        let c = 0x80 + i as u32;
        out[i].text[0] = 0xC0 | (c >> 6) as u8;
        out[i].text[1] = 0x80 | (c & 0x3F) as u8;
        let text =
            (base as *mut u8).wrapping_add(i * size_of::<StaticLatin1>() + offset_of!(StaticLatin1, text));
        out[i].head.base.utf8 = text.cast();
        i += 1;
    }
    out
}

/// `''`: immortal, shared. Its hash is 0 whatever the secret.
static mut EMPTY_STR: StaticAscii = static_ascii(0, 0, 0);
/// U+0000..U+007F, immortal, shared.
static mut ASCII_CHARS: [StaticAscii; 128] = ascii_chars();
/// U+0080..U+00FF, immortal, shared.
static mut LATIN1_CHARS: [StaticLatin1; 128] = latin1_chars(&raw mut LATIN1_CHARS as *mut StaticLatin1);

/// `''` (borrowed; immortal).
#[inline]
pub(crate) fn empty() -> *mut PyObject {
    (&raw mut EMPTY_STR).cast()
}

/// The static string of the one character `c` < 256 (borrowed; immortal).
#[inline]
pub(crate) fn latin1_char(c: u8) -> *mut PyObject {
    // SAFETY: both arrays have 128 entries; only their addresses are taken.
    unsafe {
        if c < 0x80 {
            (&raw mut ASCII_CHARS as *mut StaticAscii).add(c as usize).cast()
        } else {
            (&raw mut LATIN1_CHARS as *mut StaticLatin1).add(c as usize - 0x80).cast()
        }
    }
}

/// Chooses the hash secret as CPython does at the process's first `Py_Initialize`
/// (`PYTHONHASHSEED` through the configuration: 0 gives all zeros, N the secret derived
/// from N, unset or "random" the OS's random bytes; later initializations keep it), then
/// fills the static strings' hashes with it. Called while the runtime initializes, before
/// any interpreter can read them.
pub(crate) fn init_statics() {
    crate::runtime::init_hash_secret(|| {
        let seed = crate::runtime::RUNTIME
            .config
            .lock()
            .as_ref()
            .and_then(|c| (c.config.use_hash_seed > 0).then_some(c.config.hash_seed));
        match seed {
            Some(n) => pyhash::HashSecret::from_seed(n as u32),
            None => pyhash::HashSecret::random().unwrap_or_else(|_| {
                crate::fatal::fatal(
                    Some("_Py_HashRandomization_Init"),
                    "failed to get random numbers to initialize Python",
                )
            }),
        }
    });
    let secret = crate::runtime::hash_secret();
    for c in 0..=255u8 {
        let op = latin1_char(c);
        // SAFETY: initialization writes the statics before anything else reads them.
        unsafe {
            let h = pyhash::hash_str(&secret, as_str(op));
            (*(op as *mut PyASCIIObject)).hash = h;
        }
    }
}

// --- construction --------------------------------------------------------------------------

/// A new `str` holding `s` (a shared static one for `''` and one character below U+0100).
pub(crate) fn from_str(s: &str) -> PyResult<Owned> {
    let b = s.as_bytes();
    match b.len() {
        0 => return Ok(empty()),
        1 => return Ok(latin1_char(b[0])),
        2 if b[0] == 0xC2 || b[0] == 0xC3 => return Ok(latin1_char(((b[0] & 0x1F) << 6) | (b[1] & 0x3F))),
        _ => {}
    }
    let ascii = s.is_ascii();
    let nchars = if ascii { b.len() } else { utf8::count_chars(b) };
    let (op, data) = alloc_raw(b.len(), nchars, ascii)?;
    // SAFETY: `data` has room for the bytes.
    unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), data, b.len()) };
    Ok(op)
}

/// A new `str` of `nbytes` bytes of UTF-8 holding `nchars` code points, written by `fill`
/// (which must write valid UTF-8; it is ASCII exactly when `nbytes == nchars`). Short
/// results come back as the shared statics.
pub(crate) fn build(nbytes: usize, nchars: usize, fill: impl FnOnce(&mut [u8])) -> PyResult<Owned> {
    if nchars <= 1 {
        let mut buf = [0u8; 4];
        fill(&mut buf[..nbytes]);
        debug_assert!(std::str::from_utf8(&buf[..nbytes]).is_ok());
        // SAFETY: `fill` wrote valid UTF-8, per the contract.
        return from_str(unsafe { std::str::from_utf8_unchecked(&buf[..nbytes]) });
    }
    let (op, data) = alloc_raw(nbytes, nchars, nbytes == nchars)?;
    // SAFETY: `data` has room for `nbytes` bytes.
    let text = unsafe { std::slice::from_raw_parts_mut(data, nbytes) };
    fill(text);
    debug_assert!(std::str::from_utf8(text).is_ok());
    Ok(op)
}

/// Allocates a string object with room for `nbytes` bytes of text (NUL-terminated here),
/// never a static one. Returns it and where its text goes.
fn alloc_raw(nbytes: usize, nchars: usize, ascii: bool) -> PyResult<(Owned, *mut u8)> {
    let head = if ascii { ASCII_HEAD } else { UTF8_HEAD };
    let size = head.checked_add(nbytes).and_then(|s| s.checked_add(1)).filter(|&s| s <= isize::MAX as usize);
    let Some(size) = size else { return Err(errors::no_memory()) };
    let p = alloc::malloc(size) as *mut PyObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory with room for the head, the text and a NUL.
    unsafe {
        typeobject::init_object(p, &raw mut PyUnicode_Type);
        let a = p as *mut PyASCIIObject;
        (*a).length = nchars as Py_ssize_t;
        (*a).hash = -1;
        let data = (p as *mut u8).add(head);
        *data.add(nbytes) = 0;
        if ascii {
            (*a).state = ASCII_STATE;
        } else {
            (*a).state = UTF8_STATE;
            let h = p as *mut Utf8Head;
            (*h).base.utf8_length = nbytes as Py_ssize_t;
            (*h).base.utf8 = data.cast();
            (*h).index = null_mut();
        }
        Ok((p, data))
    }
}

// --- access ---------------------------------------------------------------------------------

/// Whether `op` is a `str` (or an instance of a subclass).
///
/// # Safety
/// `op` is a live object.
#[inline]
pub(crate) unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { has_flag(type_of(op), Py_TPFLAGS_UNICODE_SUBCLASS) }
}

/// Whether `op` is exactly a `str`.
///
/// # Safety
/// `op` is a live object.
#[inline]
pub(crate) unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { type_of(op) == &raw mut PyUnicode_Type }
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
#[inline]
pub(crate) unsafe fn as_bytes<'a>(op: *mut PyObject) -> &'a [u8] {
    // SAFETY: per caller; the layout is the one `alloc_raw` builds.
    unsafe {
        if is_ascii(op) {
            let len = (*(op as *mut PyASCIIObject)).length as usize;
            std::slice::from_raw_parts((op as *mut u8).add(ASCII_HEAD), len)
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
#[inline]
pub(crate) unsafe fn as_str<'a>(op: *mut PyObject) -> &'a str {
    // SAFETY: per caller; a str always holds valid UTF-8.
    unsafe { std::str::from_utf8_unchecked(as_bytes(op)) }
}

/// Length in code points.
///
/// # Safety
/// `op` is a `str`.
#[inline]
pub(crate) unsafe fn length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe { (*(op as *mut PyASCIIObject)).length }
}

/// `state.interned`.
///
/// # Safety
/// `op` is a `str`.
#[inline]
pub(crate) unsafe fn interned_state(op: *mut PyObject) -> u32 {
    // SAFETY: per caller.
    unsafe { (*(op as *mut PyASCIIObject)).state & STATE_INTERNED_MASK }
}

/// # Safety
/// `op` is a mortal `str` of the current interpreter.
#[inline]
pub(crate) unsafe fn set_interned_state(op: *mut PyObject, v: u32) {
    // SAFETY: per caller.
    unsafe {
        let a = op as *mut PyASCIIObject;
        (*a).state = ((*a).state & !STATE_INTERNED_MASK) | v;
    }
}

/// The hash of a `str`, cached after the first call (CPython's exact value for the
/// runtime's hash secret). Never fails.
///
/// # Safety
/// `op` is a `str`.
pub(crate) unsafe fn hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: per caller.
    unsafe {
        let a = op as *mut PyASCIIObject;
        let h = (*a).hash;
        if h != -1 {
            return h;
        }
        let secret = crate::runtime::hash_secret();
        let h = if is_ascii(op) {
            pyhash::hash_bytes(&secret, as_bytes(op))
        } else {
            pyhash::hash_str(&secret, as_str(op))
        };
        // Immortal strings are shared by interpreters: never written after initialization.
        if !is_immortal(op) {
            (*a).hash = h;
        }
        h
    }
}

/// Code points indexed per entry of a string's index.
const STRIDE: usize = 32;
/// Shorter non-ASCII strings are scanned instead of indexed.
const INDEX_MIN_LEN: usize = 256;

/// The byte offset of code point `i` (`0..=length`; the length gives the end).
///
/// # Safety
/// `op` is a `str`.
pub(crate) unsafe fn byte_offset(op: *mut PyObject, i: usize) -> usize {
    // SAFETY: per caller.
    unsafe {
        if is_ascii(op) {
            return i;
        }
        let bytes = as_bytes(op);
        let len = length(op) as usize;
        if i >= len {
            return bytes.len();
        }
        let (mut pos, mut skip) = (0, i);
        if i >= STRIDE {
            if let Some(index) = code_point_index(op, len) {
                let k = i / STRIDE;
                pos = index[k - 1] as usize;
                skip = i - k * STRIDE;
            }
        }
        utf8::advance(bytes, pos, skip)
    }
}

/// The code point index of a long non-ASCII string, built on first use; `None` for short,
/// immortal or gigantic strings, or when memory is short (callers then scan).
unsafe fn code_point_index<'a>(op: *mut PyObject, len: usize) -> Option<&'a [u32]> {
    // SAFETY: per caller, `op` is a non-ASCII str; only its own interpreter touches it.
    unsafe {
        if len < INDEX_MIN_LEN || is_immortal(op) {
            return None;
        }
        let h = op as *mut Utf8Head;
        let n = (len - 1) / STRIDE;
        if (*h).index.is_null() {
            let bytes = as_bytes(op);
            if bytes.len() > u32::MAX as usize {
                return None;
            }
            let p = alloc::malloc(n * size_of::<u32>()) as *mut u32;
            if p.is_null() {
                return None;
            }
            let mut pos = 0;
            for k in 0..n {
                pos = utf8::advance(bytes, pos, STRIDE);
                *p.add(k) = pos as u32;
            }
            (*h).index = p;
        }
        Some(std::slice::from_raw_parts((*h).index, n))
    }
}

/// Code point `i` (in range).
///
/// # Safety
/// `op` is a `str` and `i < length`.
pub(crate) unsafe fn char_at(op: *mut PyObject, i: usize) -> char {
    // SAFETY: per caller.
    unsafe {
        let bytes = as_bytes(op);
        if is_ascii(op) {
            return bytes[i] as char;
        }
        utf8::decode_at(bytes, byte_offset(op, i)).0
    }
}

// --- slots ------------------------------------------------------------------------------------

unsafe extern "C" fn unicode_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on a str with no references left.
    unsafe {
        if interned_state(op) == SSTATE_INTERNED_MORTAL {
            intern::forget(op);
        }
        if !is_ascii(op) {
            alloc::free((*(op as *mut Utf8Head)).index.cast());
        }
        typeobject::object_dealloc(op);
    }
}

/// `str.__str__`: an exact str is its own str; a subclass gives an exact copy.
unsafe extern "C" fn unicode_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_str with a str.
    unsafe {
        if check_exact(op) {
            new_ref(op)
        } else {
            from_str(as_str(op)).unwrap_or(null_mut())
        }
    }
}

/// `repr(s)`: quoted and escaped exactly as CPython does.
unsafe extern "C" fn unicode_repr(op: *mut PyObject) -> *mut PyObject {
    let mut out = Vec::new();
    // SAFETY: called through tp_repr with a str.
    repr::repr_into(unsafe { as_str(op) }, &mut out);
    // SAFETY: a repr of UTF-8 text is UTF-8.
    from_str(unsafe { std::str::from_utf8_unchecked(&out) }).unwrap_or(null_mut())
}

unsafe extern "C" fn unicode_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: called through tp_hash with a str.
    unsafe { hash(op) }
}

/// Whether two strs hold the same text (their cached hashes, when both are known, settle
/// most inequalities without reading the text).
///
/// # Safety
/// Both are `str`s.
pub(crate) unsafe fn equal(a: *mut PyObject, b: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        if a == b {
            return true;
        }
        let (ha, hb) = ((*(a as *mut PyASCIIObject)).hash, (*(b as *mut PyASCIIObject)).hash);
        if ha != -1 && hb != -1 && ha != hb {
            return false;
        }
        length(a) == length(b) && as_bytes(a) == as_bytes(b)
    }
}

/// Comparisons between strs: code point order, which is UTF-8 byte order. Anything else
/// gives `NotImplemented`.
unsafe extern "C" fn unicode_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: std::ffi::c_int,
) -> *mut PyObject {
    // SAFETY: called through tp_richcompare with live objects.
    unsafe {
        if !check(a) || !check(b) {
            return singletons::not_implemented();
        }
        let r = match op {
            Py_EQ => equal(a, b),
            Py_NE => !equal(a, b),
            _ => {
                let ord = as_bytes(a).cmp(as_bytes(b));
                match op {
                    Py_LT => ord.is_lt(),
                    Py_LE => ord.is_le(),
                    Py_GT => ord.is_gt(),
                    Py_GE => ord.is_ge(),
                    _ => return singletons::not_implemented(),
                }
            }
        };
        longobject::from_bool(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_keeps_the_c_head_first() {
        assert_eq!(size_of::<PyASCIIObject>(), 40);
        assert_eq!(size_of::<PyCompactUnicodeObject>(), 56);
        assert_eq!(UTF8_HEAD, 64);
        assert_eq!(offset_of!(StaticAscii, text), ASCII_HEAD);
        assert_eq!(offset_of!(StaticLatin1, text), UTF8_HEAD);
    }

    #[test]
    fn static_latin1_strings_point_at_their_own_text() {
        for c in 0..=255u8 {
            let op = latin1_char(c);
            // SAFETY: the statics are valid strs (hashes aside).
            unsafe {
                let s = as_str(op);
                assert_eq!(s.chars().collect::<Vec<_>>(), vec![char::from(c)]);
                assert_eq!(length(op), 1);
                assert_eq!(is_ascii(op), c < 0x80);
                assert_eq!(interned_state(op), SSTATE_INTERNED_IMMORTAL_STATIC);
                assert!(is_immortal(op));
            }
        }
        // SAFETY: the empty string static.
        unsafe { assert_eq!((as_str(empty()), length(empty()), hash(empty())), ("", 0, 0)) };
    }

    #[test]
    fn short_constructors_return_the_statics() {
        assert_eq!(from_str("").unwrap(), empty());
        assert_eq!(from_str("a").unwrap(), latin1_char(b'a'));
        assert_eq!(from_str("\u{e9}").unwrap(), latin1_char(0xe9));
        assert_eq!(from_str("\u{ff}").unwrap(), latin1_char(0xff));
        assert_eq!(build(2, 1, |b| b.copy_from_slice("\u{80}".as_bytes())).unwrap(), latin1_char(0x80));
    }
}
