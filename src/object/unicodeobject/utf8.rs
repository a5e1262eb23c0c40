//! Walking UTF-8 by code points, and searching bytes (memchr/memmem, as fast as CPython's
//! searches on long text).

/// Code points in valid UTF-8: the bytes that are not continuation bytes.
#[inline]
pub(crate) fn count_chars(b: &[u8]) -> usize {
    b.iter().filter(|&&c| (c as i8) >= -0x40).count()
}

/// The byte offset `n` code points after `pos` (valid UTF-8; stops at the end). Eight
/// bytes at a time while the target is further on: a word's character count is 8 minus its
/// continuation bytes (`0b10xxxxxx`).
#[inline]
pub(crate) fn advance(b: &[u8], mut pos: usize, mut n: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while n >= 8 && pos + 8 <= b.len() {
        let w = u64::from_le_bytes(b[pos..pos + 8].try_into().expect("8 bytes"));
        let continuation = (w & HIGH & !(w << 1)).count_ones() as usize;
        let starts = 8 - continuation;
        if starts > n {
            break;
        }
        n -= starts;
        pos += 8;
    }
    // `pos` may be inside a character now: count character starts from here.
    while pos < b.len() {
        if (b[pos] as i8) >= -0x40 {
            if n == 0 {
                return pos;
            }
            n -= 1;
        }
        pos += 1;
    }
    pos
}

/// Where `needle` first occurs in `hay` (memchr/memmem: CPython's speed on long text).
pub(crate) fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    // SAFETY: both ranges are valid for reads of their lengths.
    let p = unsafe {
        match needle.len() {
            0 => return Some(0),
            1 => libc::memchr(hay.as_ptr().cast(), needle[0] as std::ffi::c_int, hay.len()),
            _ => libc::memmem(hay.as_ptr().cast(), hay.len(), needle.as_ptr().cast(), needle.len()),
        }
    };
    (!p.is_null()).then(|| p as usize - hay.as_ptr() as usize)
}

/// Where `needle` last occurs in `hay` (both valid UTF-8).
pub(crate) fn rfind_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    match needle.len() {
        0 => Some(hay.len()),
        n if n > hay.len() => None,
        1 => {
            // SAFETY: `hay` is valid for reads of its length.
            let p = unsafe { libc::memrchr(hay.as_ptr().cast(), needle[0] as std::ffi::c_int, hay.len()) };
            (!p.is_null()).then(|| p as usize - hay.as_ptr() as usize)
        }
        _ => {
            // SAFETY: callers pass valid UTF-8 for both (windows of strs on character
            // boundaries); std's reverse two-way search keeps this linear.
            let (h, n) =
                unsafe { (std::str::from_utf8_unchecked(hay), std::str::from_utf8_unchecked(needle)) };
            h.rfind(n)
        }
    }
}

/// Non-overlapping occurrences of a non-empty `needle`, left to right (byte offsets).
pub(crate) fn matches<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let mut at = 0;
    std::iter::from_fn(move || {
        let i = at + find_bytes(&hay[at..], needle)?;
        at = i + needle.len();
        Some(i)
    })
}

/// The length of the UTF-8 sequence a lead byte starts.
#[inline]
fn utf8_width(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The character at byte `pos` of valid UTF-8, and its length in bytes.
#[inline]
pub(crate) fn decode_at(b: &[u8], pos: usize) -> (char, usize) {
    let w = utf8_width(b[pos]);
    // SAFETY: `b` is valid UTF-8 and `pos` a character boundary, so `w` bytes follow.
    let c = unsafe { std::str::from_utf8_unchecked(&b[pos..pos + w]) }.chars().next().unwrap_or('\0');
    (c, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_walking() {
        let s = "h\u{e9}\u{20ac}\u{1F600}!";
        let b = s.as_bytes();
        assert_eq!(count_chars(b), 5);
        assert_eq!(advance(b, 0, 3), 1 + 2 + 3);
        assert_eq!(advance(b, 0, 99), b.len());
        assert_eq!(decode_at(b, 6), ('\u{1F600}', 4));
    }

    #[test]
    fn advance_counts_characters_in_words() {
        let s = "a\u{e9}\u{20ac}\u{1F600}".repeat(50);
        let b = s.as_bytes();
        let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        for from in [0, 1, 3, 6, 10, 11] {
            let k0 = starts.iter().position(|&x| x == from).unwrap();
            for n in 0..(starts.len() - k0 + 3) {
                let want = starts.get(k0 + n).copied().unwrap_or(b.len());
                assert_eq!(advance(b, from, n), want, "from {from}, n {n}");
            }
        }
    }

    #[test]
    fn byte_searches() {
        let hay = b"abcabcab\xc3\xa9c";
        assert_eq!(find_bytes(hay, b"bc"), Some(1));
        assert_eq!(rfind_bytes(hay, b"bc"), Some(4));
        assert_eq!(rfind_bytes(hay, b"ab"), Some(6));
        assert_eq!(rfind_bytes(hay, b"abc"), Some(3));
        assert_eq!(rfind_bytes(hay, b"\xc3\xa9c"), Some(8));
        assert_eq!(rfind_bytes(hay, b"zz"), None);
        assert_eq!(find_bytes(hay, b""), Some(0));
        assert_eq!(rfind_bytes(hay, b""), Some(hay.len()));
        assert_eq!(find_bytes(b"ab", b"abc"), None);
        assert_eq!(matches(b"aaaaa", b"aa").collect::<Vec<_>>(), vec![0, 2]);
        assert_eq!(rfind_bytes(b"aaaa", b"aa"), Some(2));
    }
}
