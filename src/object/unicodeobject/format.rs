//! The Rust half of `PyUnicode_FromFormat`, `PyBytes_FromFormat` and `PyErr_Format`.
//!
//! The C half (`src/c/format.c`) walks the format string and the `va_list`: it parses each
//! conversion (flags, width, precision, size modifier), validates it as CPython 3.13 does,
//! fetches the argument with the right C type, and hands the piece to a [`Writer`] here,
//! which pads, truncates and appends it. The texts of every error are CPython's.
//!
//! Semantics (measured on CPython 3.13.0):
//! * integers are printed without precision or width first; then the precision pads the
//!   digits (not the sign) with zeros, and the width pads the whole with spaces on the
//!   left, spaces on the right (`-`), or zeros after the sign (`0`, even with a precision:
//!   `%05.3d` of -42 is `-0042`);
//! * strings and objects are truncated to the precision in code points and padded to the
//!   width with spaces (`0` is ignored); `%s` is the exception: its precision counts bytes,
//!   cut before decoding (with `replace`), as CPython does;
//! * a negative `*` precision counts as 0 for strings (CPython prints nothing for `%s` and
//!   `%ls` then, and garbles the rest of the output for `%U`/`%S`/`%R`/`%A`/`%T`: here the
//!   rest is kept).

use std::borrow::Cow;

use super::*;

/// A conversion's flags, width and precision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Spec {
    /// `-`: pad on the right.
    pub(crate) ljust: bool,
    /// `0`: pad numbers with zeros.
    pub(crate) zero: bool,
    /// `#`: for `%T` and `%N`, the `module:qualname` form.
    pub(crate) alt: bool,
    pub(crate) width: Option<usize>,
    pub(crate) precision: Option<usize>,
}

/// The output of one format call: UTF-8 text for `str` and errors, bytes for `bytes`.
pub(crate) struct Writer {
    buf: Vec<u8>,
    bytes: bool,
}

fn no_memory<T>(_: T) -> PyErr {
    errors::no_memory()
}

impl Writer {
    pub(crate) fn new(bytes: bool, hint: usize) -> Writer {
        let mut buf = Vec::new();
        // Room for the format and a few conversions, so that most calls allocate once (a
        // hint only: growing later reports a real shortage).
        let _ = buf.try_reserve(hint.saturating_add(64));
        Writer { buf, bytes }
    }

    /// Whether this builds `bytes` (`PyBytes_FromFormat`).
    pub(crate) fn is_bytes(&self) -> bool {
        self.bytes
    }

    fn push(&mut self, b: &[u8]) -> PyResult<()> {
        self.buf.try_reserve(b.len()).map_err(no_memory)?;
        self.buf.extend_from_slice(b);
        Ok(())
    }

    fn fill(&mut self, byte: u8, n: usize) -> PyResult<()> {
        self.buf.try_reserve(n).map_err(no_memory)?;
        self.buf.resize(self.buf.len() + n, byte);
        Ok(())
    }

    /// Literal text of the format string. A `str` format must be ASCII.
    pub(crate) fn text(&mut self, b: &[u8]) -> PyResult<()> {
        if !self.bytes {
            if let Some(&c) = b.iter().find(|&&c| c >= 0x80) {
                return Err(errors::value_error(&format!(
                    "PyUnicode_FromFormatV() expects an ASCII-encoded format string, got a non-ASCII byte: 0x{c:02x}"
                )));
            }
        }
        self.push(b)
    }

    /// `%d %i %u %x %X %o`: `magnitude` with a minus sign if `negative`.
    pub(crate) fn int(&mut self, spec: Spec, negative: bool, magnitude: u64, conv: u8) -> PyResult<()> {
        let mut digits = [0u8; 24];
        let (base, alphabet): (u64, &[u8; 16]) = match conv {
            b'x' => (16, b"0123456789abcdef"),
            b'X' => (16, b"0123456789ABCDEF"),
            b'o' => (8, b"0123456789abcdef"),
            _ => (10, b"0123456789abcdef"),
        };
        let mut n = 0;
        let mut m = magnitude;
        loop {
            digits[digits.len() - 1 - n] = alphabet[(m % base) as usize];
            n += 1;
            m /= base;
            if m == 0 {
                break;
            }
        }
        let digits = &digits[digits.len() - n..];
        let zeros = spec.precision.map_or(0, |p| p.saturating_sub(n));
        let body = usize::from(negative) + zeros + n;
        let pad = spec.width.map_or(0, |w| w.saturating_sub(body));
        if pad > 0 && !spec.ljust && !spec.zero {
            self.fill(b' ', pad)?;
        }
        if negative {
            self.push(b"-")?;
        }
        if pad > 0 && !spec.ljust && spec.zero {
            self.fill(b'0', pad)?;
        }
        self.fill(b'0', zeros)?;
        self.push(digits)?;
        if pad > 0 && spec.ljust {
            self.fill(b' ', pad)?;
        }
        Ok(())
    }

    /// `%c`: a code point (`str`) or a byte (`bytes`).
    pub(crate) fn char(&mut self, c: i32) -> PyResult<()> {
        if self.bytes {
            return match u8::try_from(c) {
                Ok(b) => self.push(&[b]),
                Err(_) => Err(errors::overflow_error(
                    "PyBytes_FromFormatV(): %c format expects an integer in range [0; 255]",
                )),
            };
        }
        let ch = if c < 0 { None } else { codecs::code_point(c as u32)? };
        let Some(ch) = ch else {
            return Err(errors::overflow_error("character argument not in range(0x110000)"));
        };
        let mut b = [0u8; 4];
        self.push(ch.encode_utf8(&mut b).as_bytes())
    }

    /// Text truncated to the precision (code points) and padded to the width with spaces.
    pub(crate) fn padded(&mut self, spec: Spec, text: &str) -> PyResult<()> {
        let mut chars = if text.is_ascii() { text.len() } else { utf8::count_chars(text.as_bytes()) };
        let mut text = text;
        if let Some(p) = spec.precision {
            if chars > p {
                text = &text[..utf8::advance(text.as_bytes(), 0, p)];
                chars = p;
            }
        }
        let pad = spec.width.map_or(0, |w| w.saturating_sub(chars));
        if !spec.ljust {
            self.fill(b' ', pad)?;
        }
        self.push(text.as_bytes())?;
        if spec.ljust {
            self.fill(b' ', pad)?;
        }
        Ok(())
    }

    /// `%s`: a C string. For `str`, the precision counts bytes (cut first, then decoded
    /// with `replace`); for `bytes`, a precision of 0 or less means the whole string.
    pub(crate) fn c_string(&mut self, spec: Spec, s: &[u8]) -> PyResult<()> {
        if self.bytes {
            return self.push(s);
        }
        let text = String::from_utf8_lossy(s);
        self.padded(Spec { precision: None, ..spec }, &text)
    }

    /// `%ls`: a wide string (its precision counts `wchar_t`s, cut by the caller).
    pub(crate) fn wide_string(&mut self, spec: Spec, w: &[crate::abi::wchar_t]) -> PyResult<()> {
        let s = codecs::from_wide(w)?;
        // SAFETY: a fresh str, dropped after use.
        unsafe {
            let r = self.padded(Spec { precision: None, ..spec }, as_str(s));
            decref(s);
            r
        }
    }

    /// `%U %S %R %A %T %N` (and `%V` given an object): the object's text.
    ///
    /// # Safety
    /// `obj` is NULL or a live object.
    pub(crate) unsafe fn object(&mut self, spec: Spec, conv: u8, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: per caller.
        unsafe {
            if obj.is_null() {
                return match conv {
                    b'S' | b'R' | b'A' => self.padded(spec, "<NULL>"),
                    // CPython crashes on these.
                    _ => Err(errors::bad_internal_call()),
                };
            }
            match conv {
                b'U' => {
                    if !check(obj) {
                        return Err(errors::bad_internal_call());
                    }
                    self.padded(spec, as_str(obj))
                }
                b'T' => self.padded(spec, &type_fullname(type_of(obj), spec.alt)),
                b'N' => {
                    if !typeobject::type_check(obj, &raw mut typeobject::PyType_Type) {
                        return Err(errors::type_error("%N argument must be a type"));
                    }
                    self.padded(spec, &type_fullname(obj.cast(), spec.alt))
                }
                b'R' | b'A' if check_exact(obj) => {
                    // A str's repr, without making it an object first; straight into the
                    // output when nothing pads or truncates it.
                    let text = as_str(obj);
                    if spec.width.is_none() && spec.precision.is_none() && (conv == b'R' || text.is_ascii()) {
                        self.buf.try_reserve(text.len() + 2).map_err(no_memory)?;
                        super::repr::repr_into(text, &mut self.buf);
                        return Ok(());
                    }
                    let mut r = Vec::new();
                    super::repr::repr_into(text, &mut r);
                    // SAFETY: a repr of UTF-8 text is UTF-8.
                    let r = std::str::from_utf8_unchecked(&r);
                    let text = if conv == b'A' { codecs::ascii_escape(r) } else { Cow::Borrowed(r) };
                    self.padded(spec, &text)
                }
                _ => {
                    let s = if conv == b'S' { abstract_::str(obj)? } else { abstract_::repr(obj)? };
                    let text = as_str(s);
                    let text = if conv == b'A' { codecs::ascii_escape(text) } else { Cow::Borrowed(text) };
                    let r = self.padded(spec, &text);
                    decref(s);
                    r
                }
            }
        }
    }

    /// The result: a `str` or a `bytes` object.
    pub(crate) fn finish(self) -> PyResult<Owned> {
        if self.bytes {
            bytesobject::from_slice(&self.buf)
        } else {
            debug_assert!(std::str::from_utf8(&self.buf).is_ok());
            // SAFETY: every piece appended is UTF-8 (literal text is checked to be ASCII).
            from_str(unsafe { std::str::from_utf8_unchecked(&self.buf) })
        }
    }
}

/// A type's fully qualified name for `%T`/`%N` (CPython 3.13's
/// `_PyType_GetFullyQualifiedName`). A static type's is its `tp_name` (CPython uses it as
/// is, with or without `#`); heap types name theirs the same way until types carry
/// `__module__` and `__qualname__`.
unsafe fn type_fullname<'a>(tp: *mut PyTypeObject, _alt: bool) -> Cow<'a, str> {
    // SAFETY: per caller, a live type.
    unsafe { type_name(tp) }
}

/// The error for a bad conversion: `what` 0 is an invalid conversion (`at` is the rest of
/// the format string, from its `%`), 1 a width and 2 a precision too big.
pub(crate) fn fail(what: i32, at: &str) -> PyErr {
    match what {
        1 => errors::value_error("width too big"),
        2 => errors::value_error("precision too big"),
        _ => errors::system_error(&format!("invalid format string: {at}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(flags: &str, width: Option<usize>, precision: Option<usize>) -> Spec {
        Spec { ljust: flags.contains('-'), zero: flags.contains('0'), alt: false, width, precision }
    }

    fn int(s: Spec, v: i64, conv: u8) -> String {
        let mut w = Writer::new(false, 0);
        w.int(s, v < 0, v.unsigned_abs(), conv).unwrap_or_else(|_| panic!("no error expected"));
        String::from_utf8(w.buf).unwrap()
    }

    #[test]
    fn integers_pad_like_cpython() {
        // PyUnicode_FromFormat("%d|%5d|%-5d|%05d|%.3d|%5.3d|%-5.3d|%05.3d", ...) in 3.13.0.
        let specs = [
            spec("", None, None),
            spec("", Some(5), None),
            spec("-", Some(5), None),
            spec("0", Some(5), None),
            spec("", None, Some(3)),
            spec("", Some(5), Some(3)),
            spec("-", Some(5), Some(3)),
            spec("0", Some(5), Some(3)),
        ];
        let pos: Vec<String> = specs.iter().map(|&s| int(s, 42, b'd')).collect();
        assert_eq!(pos.join("|"), "42|   42|42   |00042|042|  042|042  |00042");
        let neg: Vec<String> = specs.iter().map(|&s| int(s, -42, b'd')).collect();
        assert_eq!(neg.join("|"), "-42|  -42|-42  |-0042|-042| -042|-042 |-0042");
        assert_eq!(int(spec("-0", Some(5), None), 3, b'd'), "3    ");
        assert_eq!(int(spec("", None, Some(0)), 0, b'd'), "0");
        assert_eq!(int(spec("", None, Some(3)), 10, b'x'), "00a");
        assert_eq!(int(spec("", Some(5), None), 8, b'o'), "   10");
        assert_eq!(int(spec("", None, None), 255, b'X'), "FF");
        assert_eq!(int(spec("", None, None), i64::MIN, b'd'), "-9223372036854775808");
    }

    #[test]
    fn strings_truncate_and_pad_in_code_points() {
        let mut w = Writer::new(false, 0);
        let u = "h\u{e9}llo\u{1F600}";
        for s in [
            spec("", None, None),
            spec("", Some(10), None),
            spec("-", Some(10), None),
            spec("", None, Some(3)),
            spec("", Some(10), Some(3)),
            spec("0", Some(8), Some(0)),
        ] {
            w.padded(s, u).unwrap_or_else(|_| panic!("no error expected"));
            w.buf.push(b'|');
        }
        assert_eq!(
            String::from_utf8(w.buf).unwrap(),
            "h\u{e9}llo\u{1F600}|    h\u{e9}llo\u{1F600}|h\u{e9}llo\u{1F600}    |h\u{e9}l|       h\u{e9}l|        |"
        );
    }
}
