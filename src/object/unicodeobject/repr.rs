//! `repr()` of a str. ASCII text, the common case, is escaped here in one pass with runs
//! copied whole; text with other characters goes through `floatrepr::str_repr`, which knows
//! Unicode's printable set (CPython 3.13's, Unicode 15.1).

use super::super::floatrepr;

/// Appends `repr(s)` to `out`: single quotes unless the text has `'` and no `"`; `\\`,
/// `\t`, `\n`, `\r` and the quote escaped with a backslash; other control characters as
/// `\xhh`.
pub(crate) fn repr_into(s: &str, out: &mut Vec<u8>) {
    let b = s.as_bytes();
    if !s.is_ascii() {
        out.extend_from_slice(floatrepr::str_repr(s).as_bytes());
        return;
    }
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    out.reserve(b.len() + 2);
    out.push(quote);
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        let mut hex = [b'\\', b'x', 0, 0];
        let escaped: &[u8] = match c {
            b'\\' => b"\\\\",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\'' if quote == b'\'' => b"\\'",
            0x20..=0x7E => continue,
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                hex[2] = HEX[(c >> 4) as usize];
                hex[3] = HEX[(c & 15) as usize];
                &hex
            }
        };
        out.extend_from_slice(&b[run..i]);
        out.extend_from_slice(escaped);
        run = i + 1;
    }
    out.extend_from_slice(&b[run..]);
    out.push(quote);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn repr(s: &str) -> String {
        let mut v = Vec::new();
        repr_into(s, &mut v);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn quoting_like_cpython() {
        assert_eq!(repr("it's"), "\"it's\"");
        assert_eq!(repr("it's \"q\""), "'it\\'s \"q\"'");
        assert_eq!(repr("a\tb\n\r\\\x01\x7f"), "'a\\tb\\n\\r\\\\\\x01\\x7f'");
        assert_eq!(repr(""), "''");
    }

    proptest! {
        #[test]
        fn ascii_fast_path_agrees_with_str_repr(s in "[\\x00-\\x7f]{0,40}") {
            prop_assert_eq!(repr(&s), floatrepr::str_repr(&s));
        }
    }
}
