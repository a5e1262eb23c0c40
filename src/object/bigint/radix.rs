//! Text conversion: `to_str_radix` (`str`, `repr`, `format`) and `from_str_radix`
//! (`int(text, base)`).
//!
//! Bases that are powers of two convert bit by bit in linear time and have no digit limit.
//! Other bases work on chunks of as many digits as fit in a limb (19 decimal digits) and
//! split large numbers by powers of the chunk base (divide and conquer), so with
//! Karatsuba and Burnikel–Ziegler underneath both directions are subquadratic.

use super::{nat, BigInt, BigIntError, Limbs};

/// Below this many limbs, repeated division by the chunk base beats splitting.
/// `bench_against_cpython` at 1e3..1e5 digits is flat from 20 to 80 and 30-60% slower at 160.
const TO_STR_DC_THRESHOLD: usize = 40;
/// Below this many chunks, multiply-accumulate beats splitting (same measurement).
const PARSE_DC_THRESHOLD: usize = 40;

/// The largest power of `base` that fits a limb, and its exponent.
fn chunk_base(base: u32) -> (u64, usize) {
    let mut p = base as u64;
    let mut k = 1;
    while let Some(q) = p.checked_mul(base as u64) {
        p = q;
        k += 1;
    }
    (p, k)
}

/// `pows[i] = chunk^(2^i)` while `pows[i]` has at most `max_limbs` limbs.
fn chunk_powers(chunk: u64, max_limbs: usize) -> Vec<Vec<u64>> {
    let mut pows = vec![vec![chunk]];
    loop {
        let last = pows.last().expect("nonempty");
        if last.len() * 2 > max_limbs + 1 {
            return pows;
        }
        let next = nat::mul_vec(last, last);
        pows.push(next);
    }
}

fn digit_char(d: u64) -> u8 {
    b"0123456789abcdefghijklmnopqrstuvwxyz"[d as usize]
}

impl BigInt {
    /// The digits of the value in `base` (2..=36), lowercase, `-` for negatives, no prefix:
    /// `repr`/`str` with base 10, `format(x, 'b'/'o'/'x')` with 2/8/16.
    ///
    /// `max_str_digits` is `sys.get_int_max_str_digits()` (0: no limit); it applies to
    /// bases that are not powers of two and counts digits without the sign.
    pub(crate) fn to_str_radix(&self, base: u32, max_str_digits: usize) -> Result<String, BigIntError> {
        assert!((2..=36).contains(&base), "base out of range");
        let m = self.mag();
        let mut out: Vec<u8> = Vec::new();
        if self.neg {
            out.push(b'-');
        }
        if m.is_empty() {
            return Ok("0".into());
        }
        if base.is_power_of_two() {
            let k = base.trailing_zeros() as u64;
            let bits = self.bit_length();
            let ndig = bits.div_ceil(k);
            for i in (0..ndig).rev() {
                out.push(digit_char(bit_field(m, i * k, k as u32)));
            }
        } else if base == 10 && m.len() <= 2 {
            // Small values: the standard library's formatting is fast.
            let v = self.abs().to_u128().expect("two limbs");
            out.extend_from_slice(v.to_string().as_bytes());
            check_out_limit(out.len() - self.neg as usize, max_str_digits)?;
        } else {
            if max_str_digits > 0 {
                // Refuse before doing the work: a lower bound of the digit count.
                let lower =
                    ((self.bit_length() - 1) as f64 * (2f64.ln() / (base as f64).ln()) * (1.0 - 1e-12))
                        .floor() as u64
                        + 1;
                if lower > max_str_digits as u64 {
                    return Err(BigIntError::FormatDigitLimit { limit: max_str_digits });
                }
            }
            let (chunk, k) = chunk_base(base);
            let mut chunks = Vec::new();
            if m.len() < TO_STR_DC_THRESHOLD {
                chunks_naive(m, chunk, &mut chunks);
            } else {
                let pows = chunk_powers(chunk, m.len());
                // Smallest level whose power exceeds m: m < chunk^(2^level).
                let mut level = 0;
                while level < pows.len() && nat::cmp(m, &pows[level]) != std::cmp::Ordering::Less {
                    level += 1;
                }
                chunks_dc(m, level, &pows, chunk, false, &mut chunks);
            }
            while chunks.len() > 1 && chunks[chunks.len() - 1] == 0 {
                chunks.pop();
            }
            let top = chunks.pop().expect("nonzero");
            let start = out.len();
            push_digits(&mut out, top, base, 0);
            for &c in chunks.iter().rev() {
                push_digits(&mut out, c, base, k);
            }
            check_out_limit(out.len() - start, max_str_digits)?;
        }
        Ok(String::from_utf8(out).expect("ASCII"))
    }

    /// `repr(self)` / `str(self)`: [`BigInt::to_str_radix`] in base 10.
    pub(crate) fn repr(&self, max_str_digits: usize) -> Result<String, BigIntError> {
        self.to_str_radix(10, max_str_digits)
    }

    /// `int(text, base)` for a `str`, with CPython's rules: surrounding whitespace, a sign,
    /// a `0x`/`0o`/`0b` prefix matching the base (base 0 detects it, and then rejects
    /// nonzero numbers with leading zeros), single underscores between digits.
    ///
    /// Non-ASCII decimal digits must already be turned into ASCII by the caller (as
    /// `_PyUnicode_TransformDecimalAndSpaceToASCII`); Unicode whitespace is accepted here.
    /// `max_str_digits` as in [`BigInt::to_str_radix`]: 0 means no limit, otherwise it is at
    /// least 640 (what `sys.set_int_max_str_digits` allows).
    pub(crate) fn from_str_radix(
        text: &str,
        base: u32,
        max_str_digits: usize,
    ) -> Result<BigInt, BigIntError> {
        let body = text.trim_start_matches(char::is_whitespace);
        let scan = scan(body.as_bytes(), base)?;
        if !body[scan.end..].chars().all(char::is_whitespace) {
            return Err(BigIntError::InvalidLiteral);
        }
        scan.value(body.as_bytes(), max_str_digits)
    }

    /// `int(bytes, base)`: as [`BigInt::from_str_radix`] but only ASCII whitespace, as CPython's
    /// `PyLong_FromString` on a byte string.
    pub(crate) fn from_ascii_radix(
        text: &[u8],
        base: u32,
        max_str_digits: usize,
    ) -> Result<BigInt, BigIntError> {
        let lead = text.iter().take_while(|c| is_ascii_space(**c)).count();
        let body = &text[lead..];
        let scan = scan(body, base)?;
        if !body[scan.end..].iter().all(|c| is_ascii_space(*c)) {
            return Err(BigIntError::InvalidLiteral);
        }
        scan.value(body, max_str_digits)
    }
}

fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

fn check_out_limit(ndigits: usize, max: usize) -> Result<(), BigIntError> {
    if max > 0 && ndigits > max {
        return Err(BigIntError::FormatDigitLimit { limit: max });
    }
    Ok(())
}

/// `k` bits of `m` starting at bit `pos` (`k <= 5`).
fn bit_field(m: &[u64], pos: u64, k: u32) -> u64 {
    let (i, b) = ((pos / 64) as usize, (pos % 64) as u32);
    let mut v = m[i] >> b;
    if b + k > 64 {
        if let Some(next) = m.get(i + 1) {
            v |= next << (64 - b);
        }
    }
    v & ((1 << k) - 1)
}

/// Appends the digits of `c`, zero-padded to `width`.
fn push_digits(out: &mut Vec<u8>, mut c: u64, base: u32, width: usize) {
    let mut buf = [0u8; 64];
    let mut n = 0;
    while c > 0 || n < width.max(1) {
        buf[n] = digit_char(c % base as u64);
        c /= base as u64;
        n += 1;
    }
    out.extend(buf[..n].iter().rev());
}

/// Little-endian chunk digits of `m` by repeated division (quadratic; for small `m`).
fn chunks_naive(m: &[u64], chunk: u64, out: &mut Vec<u64>) {
    let d = nat::Divisor1::new(chunk);
    let mut v = m.to_vec();
    while !v.is_empty() {
        out.push(d.divrem_assign(&mut v));
        nat::trim_vec(&mut v);
    }
}

/// Little-endian chunk digits of `m < chunk^(2^level)`; exactly `2^level` of them if `pad`.
fn chunks_dc(m: &[u64], level: usize, pows: &[Vec<u64>], chunk: u64, pad: bool, out: &mut Vec<u64>) {
    if level == 0 || m.len() < TO_STR_DC_THRESHOLD {
        let start = out.len();
        chunks_naive(m, chunk, out);
        if pad {
            out.resize(start + (1 << level), 0);
        }
        return;
    }
    let (q, r) = nat::div_rem(m, &pows[level - 1]);
    chunks_dc(&r, level - 1, pows, chunk, true, out);
    chunks_dc(&q, level - 1, pows, chunk, pad, out);
}

fn digit_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => (c - b'0') as u32,
        b'a'..=b'z' => (c - b'a') as u32 + 10,
        b'A'..=b'Z' => (c - b'A') as u32 + 10,
        _ => 99,
    }
}

/// Where the digits of a literal are, as found by [`scan`].
struct Scan {
    neg: bool,
    base: u32,
    error_if_nonzero: bool,
    start: usize,
    end: usize,
    digits: usize,
}

/// Checks sign, prefix and digits at the start of `s` (leading whitespace already gone)
/// as `PyLong_FromString` does. Trailing text is the caller's to check, and it comes
/// before the digit limit (CPython reports the invalid literal then).
fn scan(s: &[u8], base: u32) -> Result<Scan, BigIntError> {
    if base == 1 || base > 36 {
        return Err(BigIntError::InvalidBase);
    }
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    let mut neg = false;
    if at(0) == b'+' {
        i += 1;
    } else if at(0) == b'-' {
        neg = true;
        i += 1;
    }
    let mut base = base;
    let mut error_if_nonzero = false;
    let p1 = at(i + 1).to_ascii_lowercase();
    if base == 0 {
        base = match (at(i), p1) {
            (b'0', b'x') => 16,
            (b'0', b'o') => 8,
            (b'0', b'b') => 2,
            (b'0', _) => {
                // "Old" C-style octal like 010 is invalid, but it may still be zero.
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    if at(i) == b'0' && matches!((base, p1), (16, b'x') | (8, b'o') | (2, b'b')) {
        i += 2;
        if at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'_' {
        return Err(BigIntError::InvalidLiteral);
    }
    let start = i;
    let mut digits = 0usize;
    let mut prev = 0u8;
    while i < s.len() && (digit_value(s[i]) < base || s[i] == b'_') {
        if s[i] == b'_' {
            if prev == b'_' {
                return Err(BigIntError::InvalidLiteral);
            }
        } else {
            digits += 1;
        }
        prev = s[i];
        i += 1;
    }
    if prev == b'_' || i == start {
        return Err(BigIntError::InvalidLiteral);
    }
    Ok(Scan { neg, base, error_if_nonzero, start, end: i, digits })
}

impl Scan {
    fn value(&self, s: &[u8], max_digits: usize) -> Result<BigInt, BigIntError> {
        let text = &s[self.start..self.end];
        let mag = if self.base.is_power_of_two() {
            parse_binary(text, self.digits, self.base)
        } else {
            if max_digits > 0 && self.digits > max_digits {
                return Err(BigIntError::ParseDigitLimit { limit: max_digits, digits: self.digits });
            }
            parse_chunked(text, self.digits, self.base)
        };
        let value = BigInt::from_limbs(self.neg, mag);
        if self.error_if_nonzero && !value.is_zero() {
            return Err(BigIntError::InvalidLiteral);
        }
        Ok(value)
    }
}

fn parse_binary(text: &[u8], digits: usize, base: u32) -> Limbs {
    let k = base.trailing_zeros() as usize;
    let mut out = Limbs::zeroed((digits * k).div_ceil(64));
    let o = out.as_mut_slice();
    let mut pos = 0usize;
    for &c in text.iter().rev() {
        if c == b'_' {
            continue;
        }
        let d = digit_value(c) as u64;
        let (li, b) = (pos / 64, pos % 64);
        o[li] |= d << b;
        if b + k > 64 {
            o[li + 1] |= d >> (64 - b);
        }
        pos += k;
    }
    out
}

fn parse_chunked(text: &[u8], digits: usize, base: u32) -> Limbs {
    let (chunk, k) = chunk_base(base);
    // Chunks aligned at the low end, so every chunk but the top one has k digits.
    let mut chunks = vec![0u64; digits.div_ceil(k)];
    let mut n = 0usize;
    for &c in text {
        if c == b'_' {
            continue;
        }
        let idx = (digits - 1 - n) / k;
        chunks[idx] = chunks[idx] * base as u64 + digit_value(c) as u64;
        n += 1;
    }
    if chunks.len() < PARSE_DC_THRESHOLD {
        let mut acc = Limbs::zeroed(chunks.len());
        let a = acc.as_mut_slice();
        let mut used = 0;
        for &c in chunks.iter().rev() {
            let carry = nat::mul_add_1_assign(&mut a[..used], chunk, c);
            if carry != 0 {
                a[used] = carry;
                used += 1;
            }
        }
        return acc;
    }
    let levels = usize::BITS - (chunks.len() - 1).leading_zeros();
    let mut pows = vec![vec![chunk]];
    for _ in 1..levels {
        let last = pows.last().expect("nonempty");
        let next = nat::mul_vec(last, last);
        pows.push(next);
    }
    Limbs::from_vec(from_chunks_dc(&chunks, &pows, chunk))
}

/// The value of little-endian chunk digits: high half times a power plus low half.
fn from_chunks_dc(ch: &[u64], pows: &[Vec<u64>], chunk: u64) -> Vec<u64> {
    if ch.len() < PARSE_DC_THRESHOLD {
        let mut acc: Vec<u64> = Vec::with_capacity(ch.len());
        for &c in ch.iter().rev() {
            let carry = nat::mul_add_1_assign(&mut acc, chunk, c);
            if carry != 0 {
                acc.push(carry);
            }
        }
        return acc;
    }
    // Split at the largest power of two below the length, so powers are reused.
    let level = (usize::BITS - 1 - (ch.len() - 1).leading_zeros()) as usize;
    let (lo, hi) = ch.split_at(1 << level);
    let lo = from_chunks_dc(lo, pows, chunk);
    let hi = from_chunks_dc(hi, pows, chunk);
    let mut r = vec![0u64; hi.len() + pows[level].len() + 1];
    nat::mul_to(&mut r[..hi.len() + pows[level].len()], &hi, &pows[level]);
    nat::add_assign(&mut r, &lo);
    nat::trim_vec(&mut r);
    r
}
