//! Decoding bytes into `str` and encoding back, with CPython 3.13's error handlers and
//! exception texts, and `wchar_t` (UTF-32 here) conversions.
//!
//! Lone surrogates (U+D800..U+DFFF) cannot be stored: a `str` here is UTF-8, and UTF-8
//! has no encoding for them. So the handlers that produce them, `surrogateescape` and
//! `surrogatepass`, act as `strict` (the `UnicodeDecodeError` the bad bytes deserve), and
//! `PyUnicode_FromOrdinal`, `PyUnicode_FromWideChar` and `%c` raise `ValueError` for a
//! surrogate, where CPython would store it.

use std::fmt::Write as _;

use super::*;
use crate::abi::wchar_t;

/// An `errors` argument (`NULL` is `strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Handler<'a> {
    Strict,
    Replace,
    Ignore,
    BackslashReplace,
    /// `surrogateescape` and `surrogatepass`: act as `strict` (see the module comment).
    Surrogates,
    /// Any other name, looked up (and refused) only when an error needs it, as CPython
    /// does: valid input decodes whatever the name.
    Other(&'a str),
}

impl<'a> Handler<'a> {
    pub(crate) fn parse(name: Option<&'a str>) -> Handler<'a> {
        match name {
            None | Some("strict") => Handler::Strict,
            Some("replace") => Handler::Replace,
            Some("ignore") => Handler::Ignore,
            Some("backslashreplace") => Handler::BackslashReplace,
            Some("surrogateescape" | "surrogatepass") => Handler::Surrogates,
            Some(other) => Handler::Other(other),
        }
    }
}

/// `UnicodeDecodeError(codec, data, start, end, reason)`; its `str()` is CPython's text.
fn decode_error(codec: &str, data: &[u8], start: usize, end: usize, reason: &str) -> PyErr {
    errors::unicode_decode_error(codec, data, start, end, reason)
}

/// What a handler other than the four built in does at the first error: CPython looks the
/// name up in its codec registry; here only the standard names exist.
fn other_handler_error(name: &str) -> PyErr {
    match name {
        "xmlcharrefreplace" | "namereplace" => {
            errors::type_error("don't know how to handle UnicodeDecodeError in error callback")
        }
        _ => errors::lookup_error(&format!("unknown error handler name '{name}'")),
    }
}

/// Applies `handler` to the bad bytes `data[start..end]`: appends the replacement to `out`,
/// or raises.
fn handle(
    handler: Handler,
    out: &mut String,
    codec: &str,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> PyResult<()> {
    match handler {
        Handler::Strict | Handler::Surrogates => Err(decode_error(codec, data, start, end, reason)),
        Handler::Replace => {
            out.push('\u{FFFD}');
            Ok(())
        }
        Handler::Ignore => Ok(()),
        Handler::BackslashReplace => {
            for b in &data[start..end] {
                write!(out, "\\x{b:02x}").expect("writing to a String");
            }
            Ok(())
        }
        Handler::Other(name) => Err(other_handler_error(name)),
    }
}

/// `PyUnicode_DecodeUTF8`: UTF-8 into a `str`. Each maximal invalid subsequence is one
/// error (one U+FFFD under `replace`), as in CPython.
pub(crate) fn decode_utf8(data: &[u8], handler: Handler) -> PyResult<Owned> {
    match std::str::from_utf8(data) {
        Ok(s) => from_str(s),
        Err(_) => from_str(&decode_utf8_lossy(data, handler)?),
    }
}

fn decode_utf8_lossy(data: &[u8], handler: Handler) -> PyResult<String> {
    let mut out = String::with_capacity(data.len());
    let mut at = 0;
    loop {
        match std::str::from_utf8(&data[at..]) {
            Ok(s) => {
                out.push_str(s);
                return Ok(out);
            }
            Err(e) => {
                let good = at + e.valid_up_to();
                // SAFETY: the bytes up to `valid_up_to` are valid UTF-8.
                out.push_str(unsafe { std::str::from_utf8_unchecked(&data[at..good]) });
                let (end, reason) = match e.error_len() {
                    None => (data.len(), "unexpected end of data"),
                    Some(n) if (0xC2..=0xF4).contains(&data[good]) => (good + n, "invalid continuation byte"),
                    Some(n) => (good + n, "invalid start byte"),
                };
                handle(handler, &mut out, "utf-8", data, good, end, reason)?;
                at = end;
            }
        }
    }
}

/// `PyUnicode_DecodeASCII`: every byte above 0x7F is an error of its own.
pub(crate) fn decode_ascii(data: &[u8], handler: Handler) -> PyResult<Owned> {
    if data.is_ascii() {
        // SAFETY: ASCII is UTF-8.
        return from_str(unsafe { std::str::from_utf8_unchecked(data) });
    }
    let mut out = String::with_capacity(data.len());
    for (i, &b) in data.iter().enumerate() {
        if b < 0x80 {
            out.push(b as char);
        } else {
            handle(handler, &mut out, "ascii", data, i, i + 1, "ordinal not in range(128)")?;
        }
    }
    from_str(&out)
}

/// `PyUnicode_DecodeLatin1`: byte `b` is code point `b`; never fails.
pub(crate) fn decode_latin1(data: &[u8]) -> PyResult<Owned> {
    let high = data.iter().filter(|&&b| b >= 0x80).count();
    build(data.len() + high, data.len(), |out| {
        let mut w = 0;
        for &b in data {
            if b < 0x80 {
                out[w] = b;
                w += 1;
            } else {
                out[w] = 0xC0 | (b >> 6);
                out[w + 1] = 0x80 | (b & 0x3F);
                w += 2;
            }
        }
    })
}

/// `repr()`'s escape of a code point (`\xhh`, `\uhhhh`, `\Uhhhhhhhh`), as in messages.
fn escape(out: &mut String, c: u32) {
    let _ = if c <= 0xFF {
        write!(out, "\\x{c:02x}")
    } else if c <= 0xFFFF {
        write!(out, "\\u{c:04x}")
    } else {
        write!(out, "\\U{c:08x}")
    };
}

/// `PyUnicode_AsASCIIString` (`limit` 128) and `PyUnicode_AsLatin1String` (256): the
/// code points as bytes, strictly. The error names the run of unencodable characters.
///
/// # Safety
/// `s` is a `str`.
pub(crate) unsafe fn encode_8bit(s: *mut PyObject, limit: u32) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if is_ascii(s) {
            return bytesobject::from_slice(as_bytes(s));
        }
        let text = as_str(s);
        if let Some(start) = text.chars().position(|c| u32::from(c) >= limit) {
            let run = text.chars().skip(start).take_while(|&c| u32::from(c) >= limit).count();
            let (codec, reason) = if limit == 128 {
                ("ascii", "ordinal not in range(128)")
            } else {
                ("latin-1", "ordinal not in range(256)")
            };
            return Err(errors::unicode_encode_error(codec, s, start, start + run, reason));
        }
        let n = length(s) as usize;
        let b = bytesobject::alloc(n)?;
        let dst = &raw mut (*b).ob_sval as *mut u8;
        for (i, c) in text.chars().enumerate() {
            *dst.add(i) = u32::from(c) as u8;
        }
        Ok(b.cast())
    }
}

/// The `ValueError` for a lone surrogate, which a UTF-8 `str` cannot hold.
pub(crate) fn surrogate_error(c: u32) -> PyErr {
    errors::value_error(&format!(
        "character U+{c:04x} is a lone surrogate: subinterp's str holds UTF-8, which cannot encode surrogates"
    ))
}

/// A code point from C (`PyUnicode_FromOrdinal`, `%c`, `wchar_t`): `Ok(None)` when out of
/// range (callers raise their own texts), an error for a surrogate.
pub(crate) fn code_point(c: u32) -> PyResult<Option<char>> {
    match char::from_u32(c) {
        Some(ch) => Ok(Some(ch)),
        None if (0xD800..=0xDFFF).contains(&c) => Err(surrogate_error(c)),
        None => Ok(None),
    }
}

/// `PyUnicode_FromWideChar` on `w` (UTF-32).
pub(crate) fn from_wide(w: &[wchar_t]) -> PyResult<Owned> {
    let mut nbytes = 0usize;
    for &u in w {
        match code_point(u as u32)? {
            Some(c) => nbytes += c.len_utf8(),
            None => {
                return Err(errors::value_error(&format!(
                    "character U+{:x} is not in range [U+0000; U+10ffff]",
                    u as u32
                )))
            }
        }
    }
    build(nbytes, w.len(), |out| {
        let mut at = 0;
        for &u in w {
            // Checked above.
            let c = char::from_u32(u as u32).unwrap_or('\u{FFFD}');
            at += c.encode_utf8(&mut out[at..]).len();
        }
    })
}

/// `ascii()`'s escaping of text (already a repr): non-ASCII code points become escapes.
pub(crate) fn ascii_escape(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            escape(&mut out, u32::from(c));
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lossy(data: &[u8], h: Handler) -> String {
        decode_utf8_lossy(data, h).unwrap_or_else(|_| "<error>".into())
    }

    #[test]
    fn handlers_replace_maximal_subparts_like_cpython() {
        // Outputs of bytes.decode('utf-8', handler) in CPython 3.13.
        assert_eq!(lossy(b"a\xffb", Handler::Replace), "a\u{FFFD}b");
        assert_eq!(lossy(b"a\xf0\x9f\x98b", Handler::Replace), "a\u{FFFD}b");
        assert_eq!(lossy(b"\xc0\xaf", Handler::Replace), "\u{FFFD}\u{FFFD}");
        assert_eq!(
            lossy(b"\xe2\x82\xac\xff\xfe\xe2\x82\xac", Handler::Replace),
            "\u{20ac}\u{FFFD}\u{FFFD}\u{20ac}"
        );
        assert_eq!(lossy(b"a\xffb", Handler::Ignore), "ab");
        assert_eq!(
            lossy(b"\xe2\x82\xac\xff\xfe\xe2\x82\xac", Handler::BackslashReplace),
            "\u{20ac}\\xff\\xfe\u{20ac}"
        );
        assert_eq!(lossy(b"\xe2\x82", Handler::BackslashReplace), "\\xe2\\x82");
    }

    #[test]
    fn handler_names() {
        assert_eq!(Handler::parse(None), Handler::Strict);
        assert_eq!(Handler::parse(Some("surrogateescape")), Handler::Surrogates);
        assert_eq!(Handler::parse(Some("bogus")), Handler::Other("bogus"));
        assert_eq!(Handler::parse(Some("")), Handler::Other(""));
    }

    #[test]
    fn ascii_escapes_match_cpython() {
        // ascii("a\x01\x7f\x80\xff\u2028\uffff\U0010ffff") in CPython 3.13, minus the quotes.
        let repr = crate::object::floatrepr::str_repr("a\u{1}\u{7f}\u{80}\u{ff}\u{2028}\u{ffff}\u{10ffff}");
        assert_eq!(ascii_escape(&repr), "'a\\x01\\x7f\\x80\\xff\\u2028\\uffff\\U0010ffff'");
    }
}
