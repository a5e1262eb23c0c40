//! Arbitrary-precision integers with CPython `int` semantics: the engine behind `int`.
//!
//! This module knows nothing about `PyLongObject`; the object layer wraps a [`BigInt`] and
//! keeps its own `i64` fast path. What it calls:
//!
//! | CPython operation | here |
//! | --- | --- |
//! | `PyLong_FromLong` & co. | `BigInt::from(i32 / u32 / i64 / u64 / i128 / u128)` |
//! | `PyLong_AsLong` & co. | [`BigInt::to_i64`], [`BigInt::to_u64`], [`BigInt::to_i128`], [`BigInt::to_u128`] (`None`: overflow), [`BigInt::low_u64_wrapping`] (`AsUnsignedLongLongMask`) |
//! | `int(float)`, `PyLong_FromDouble` | [`BigInt::from_f64`] (truncates) |
//! | `float(int)`, `PyLong_AsDouble` | [`BigInt::to_f64`] (round-half-even) |
//! | `+ - * -x abs()`, comparisons | [`BigInt::add`], [`BigInt::sub`], [`BigInt::mul`], [`BigInt::neg`], [`BigInt::abs`], `Ord`/`Eq` (also `std::ops` on `&BigInt`) |
//! | `// % divmod()` | [`BigInt::div_floor`], [`BigInt::mod_floor`], [`BigInt::divmod_floor`] |
//! | `/` | [`BigInt::true_div`] (correctly rounded, as `long_true_divide`) |
//! | `**`, `pow(a, b, m)` | [`BigInt::pow`] / [`BigInt::pow_u64`], [`BigInt::pow_mod`] |
//! | `& \| ^ ~ << >>` | [`BigInt::and`], [`BigInt::or`], [`BigInt::xor`], [`BigInt::invert`], [`BigInt::shl`], [`BigInt::shr`] |
//! | `bit_length()`, `bit_count()`, sign | [`BigInt::bit_length`], [`BigInt::bit_count`], [`BigInt::signum`], [`BigInt::is_zero`], [`BigInt::is_negative`], [`BigInt::trailing_zeros`] |
//! | `math.gcd` | [`BigInt::gcd`] |
//! | `hash(int)` | [`BigInt::py_hash`]; [`hash_float_parts`] (`hash(float)` from mantissa and exponent), [`hash_mod_u128`], [`HASH_MODULUS`] |
//! | `repr(int)`, `format(i, 'b'/'o'/'x')` | [`BigInt::repr`], [`BigInt::to_str_radix`] (bases 2..=36, no prefix) |
//! | `int(str, base)`, `int(bytes, base)` | [`BigInt::from_str_radix`], [`BigInt::from_ascii_radix`] |
//! | `_PyLong_AsByteArray` / `_PyLong_FromByteArray` | [`BigInt::to_bytes`], [`BigInt::from_bytes`] |
//!
//! Errors are [`BigIntError`]; each variant gives its exception type ([`BigIntError::kind`])
//! and CPython's text ([`BigIntError::message`]). Left to the caller, because they depend
//! on the call site:
//! - the ZeroDivisionError text (`//` and `divmod`, `%`, `/` differ; see the variant);
//! - "negative shift count" (shift counts here are `u64`), and counts beyond `u64`: `>>`
//!   gives 0 or -1, `<<` of a nonzero value is an OverflowError/MemoryError;
//! - a negative exponent without modulus ([`BigIntError::NegativeExponent`]: compute the
//!   float power);
//! - for `int(text, base)`: negative bases (pass them as out of range), turning non-ASCII
//!   decimal digits into ASCII first, and the repr of the original object in
//!   "invalid literal" ([`invalid_literal_message`]);
//! - `sys.int_max_str_digits`: every text conversion takes it as `max_str_digits`
//!   (0: unlimited); bases that are powers of two are exempt, as in CPython.
//!
//! Representation: sign and magnitude, the magnitude in 64-bit limbs with `u128`
//! intermediates. 64-bit limbs halve the limb count (so the quadratic parts do a quarter of
//! the limb operations of 32-bit limbs) and the 64x64->128 multiply is one instruction on
//! x86-64 and aarch64; the slow 128-by-64 division is avoided with precomputed reciprocals
//! (`nat::div2by1`). Magnitudes of up to three limbs (192 bits) live inline, so values
//! around `i64`/`u128` never allocate; operands of one limb (and two for division) take
//! `i128`/`u128` fast paths. Multiplication is schoolbook below 32 limbs and Karatsuba
//! above; division is Knuth's algorithm D, and Burnikel–Ziegler when divisor and quotient
//! both have 200+ limbs; radix conversion splits by powers of the base above 40 limbs
//! (thresholds measured by the ignored benches in `tests.rs`).

// The object layer (PyLongObject and PyLong_*) is the caller; until it lands only the
// tests reach some of this.
#![allow(dead_code)]

mod bits;
mod digits;
mod float;
mod nat;
mod pow;
mod radix;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::fmt;

/// The exception a [`BigIntError`] becomes.
#[allow(clippy::enum_variant_names)] // Python's names
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    ValueError,
    OverflowError,
    ZeroDivisionError,
    MemoryError,
}

/// Everything that can go wrong in this module; the object layer turns it into an
/// exception of [`BigIntError::kind`] with [`BigIntError::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BigIntError {
    /// ZeroDivisionError. The text depends on the operator: `//` and `divmod()` say
    /// "integer division or modulo by zero" (what `message` gives), `%` says "integer modulo
    /// by zero", `/` says "division by zero".
    ZeroDivision,
    /// ValueError "cannot convert float NaN to integer".
    FloatNaN,
    /// OverflowError "cannot convert float infinity to integer".
    FloatInfinity,
    /// OverflowError "int too large to convert to float".
    TooLargeForFloat,
    /// OverflowError "integer division result too large for a float".
    DivisionTooLargeForFloat,
    /// ValueError "pow() 3rd argument cannot be 0".
    ZeroModulus,
    /// ValueError "base is not invertible for the given modulus".
    NotInvertible,
    /// `pow(a, negative)` without modulus: not an error in Python, the caller computes the
    /// float power instead.
    NegativeExponent,
    /// ValueError "int() base must be >= 2 and <= 36, or 0".
    InvalidBase,
    /// ValueError "invalid literal for int() with base {base}: {repr(text)}": the base as the
    /// caller passed it and the repr of the original object, cut to 200 characters
    /// (`%.200R`); [`invalid_literal_message`] formats it.
    InvalidLiteral,
    /// ValueError for parsing more than `limit` digits in a base that is not a power of two.
    ParseDigitLimit { limit: usize, digits: usize },
    /// ValueError for formatting more than `limit` digits in a base that is not a power of two.
    FormatDigitLimit { limit: usize },
    /// OverflowError "int too big to convert" (`to_bytes` into too few bytes).
    TooBigForBytes,
    /// OverflowError "can't convert negative int to unsigned".
    NegativeToUnsigned,
    /// MemoryError: the result would not fit in memory (a shift or power far too large).
    OutOfMemory,
}

impl BigIntError {
    pub(crate) fn kind(&self) -> ErrorKind {
        use BigIntError::*;
        match self {
            ZeroDivision => ErrorKind::ZeroDivisionError,
            FloatInfinity
            | TooLargeForFloat
            | DivisionTooLargeForFloat
            | TooBigForBytes
            | NegativeToUnsigned => ErrorKind::OverflowError,
            OutOfMemory => ErrorKind::MemoryError,
            FloatNaN
            | ZeroModulus
            | NotInvertible
            | NegativeExponent
            | InvalidBase
            | InvalidLiteral
            | ParseDigitLimit { .. }
            | FormatDigitLimit { .. } => ErrorKind::ValueError,
        }
    }

    /// CPython's exception text (see the variant docs where it depends on the caller).
    pub(crate) fn message(&self) -> String {
        use BigIntError::*;
        match self {
            ZeroDivision => "integer division or modulo by zero".into(),
            FloatNaN => "cannot convert float NaN to integer".into(),
            FloatInfinity => "cannot convert float infinity to integer".into(),
            TooLargeForFloat => "int too large to convert to float".into(),
            DivisionTooLargeForFloat => "integer division result too large for a float".into(),
            ZeroModulus => "pow() 3rd argument cannot be 0".into(),
            NotInvertible => "base is not invertible for the given modulus".into(),
            NegativeExponent => "negative exponent".into(),
            InvalidBase => "int() base must be >= 2 and <= 36, or 0".into(),
            InvalidLiteral => "invalid literal for int()".into(),
            ParseDigitLimit { limit, digits } => format!(
                "Exceeds the limit ({limit} digits) for integer string conversion: value has \
                 {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
            ),
            FormatDigitLimit { limit } => format!(
                "Exceeds the limit ({limit} digits) for integer string conversion; use \
                 sys.set_int_max_str_digits() to increase the limit"
            ),
            TooBigForBytes => "int too big to convert".into(),
            NegativeToUnsigned => "can't convert negative int to unsigned".into(),
            OutOfMemory => String::new(),
        }
    }
}

impl fmt::Display for BigIntError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// CPython's text for [`BigIntError::InvalidLiteral`]; `text_repr` is the `repr()` of the
/// object the caller was given (CPython formats it with `%.200R`).
pub(crate) fn invalid_literal_message(base: u32, text_repr: &str) -> String {
    let cut: String = text_repr.chars().take(200).collect();
    format!("invalid literal for int() with base {base}: {cut}")
}

/// `sys.int_info.default_max_str_digits`.
pub(crate) const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// `sys.hash_info.modulus`: the Mersenne prime 2**61 - 1.
pub(crate) const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;
/// `_PyHASH_BITS`.
pub(crate) const HASH_BITS: u32 = 61;

/// `x mod HASH_MODULUS`, for int hashing here and float hashing in the object layer.
#[inline]
pub(crate) fn hash_mod_u128(x: u128) -> u64 {
    // 2^61 == 1 (mod 2^61-1), so the 61-bit pieces of x add up to x (mod M).
    let m = HASH_MODULUS as u128;
    let s = (x & m) + ((x >> 61) & m) + (x >> 122);
    let mut s = ((s & m) + (s >> 61)) as u64;
    if s >= HASH_MODULUS {
        s -= HASH_MODULUS;
    }
    s
}

/// `hash()` of the finite value `±mantissa * 2^exp`, equal to the hash of the int of the same
/// value when it is an integer: what CPython's float (and Fraction/Decimal) hashing computes.
/// The float layer passes `frexp`'s pieces scaled to an integer mantissa.
pub(crate) fn hash_float_parts(neg: bool, mantissa: u64, exp: i64) -> i64 {
    // 2^61 == 1 (mod M), so 2^exp == 2^(exp mod 61), negative exponents included.
    let e = exp.rem_euclid(HASH_BITS as i64) as u32;
    let x = hash_mod_u128((hash_mod_u128(mantissa as u128) as u128) << e);
    let h = if neg { -(x as i64) } else { x as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

const INLINE: usize = 3;

/// A normalized magnitude (no high zero limbs), inline up to `INLINE` limbs.
#[derive(Clone)]
enum Limbs {
    Inline(u8, [u64; INLINE]),
    Heap(Vec<u64>),
}

impl Limbs {
    const ZERO: Limbs = Limbs::Inline(0, [0; INLINE]);

    fn zeroed(n: usize) -> Limbs {
        if n <= INLINE {
            Limbs::Inline(n as u8, [0; INLINE])
        } else {
            Limbs::Heap(vec![0; n])
        }
    }

    /// Like `zeroed`, but a size that cannot be allocated is a MemoryError, not an abort.
    fn try_zeroed(n: usize) -> Result<Limbs, BigIntError> {
        if n <= INLINE {
            return Ok(Limbs::zeroed(n));
        }
        let mut v = Vec::new();
        v.try_reserve_exact(n).map_err(|_| BigIntError::OutOfMemory)?;
        v.resize(n, 0);
        Ok(Limbs::Heap(v))
    }

    /// Runs `f` on `n` zeroed limbs and keeps the normalized result. Up to one limb more than
    /// fits inline is a stack buffer: sums and products of inline values whose result
    /// still fits inline then never touch the heap.
    fn build(n: usize, f: impl FnOnce(&mut [u64])) -> Limbs {
        if n <= INLINE + 1 {
            let mut buf = [0u64; INLINE + 1];
            f(&mut buf[..n]);
            return Limbs::from_slice(&buf[..n]);
        }
        let mut out = Limbs::Heap(vec![0; n]);
        f(out.as_mut_slice());
        out.normalize();
        out
    }

    fn from_slice(s: &[u64]) -> Limbs {
        let s = nat::trim(s);
        if s.len() <= INLINE {
            let mut buf = [0; INLINE];
            buf[..s.len()].copy_from_slice(s);
            Limbs::Inline(s.len() as u8, buf)
        } else {
            Limbs::Heap(s.to_vec())
        }
    }

    fn from_vec(mut v: Vec<u64>) -> Limbs {
        nat::trim_vec(&mut v);
        if v.len() <= INLINE {
            Limbs::from_slice(&v)
        } else {
            Limbs::Heap(v)
        }
    }

    fn from_u128(x: u128) -> Limbs {
        let (lo, hi) = (x as u64, (x >> 64) as u64);
        let n = if hi != 0 {
            2
        } else if lo != 0 {
            1
        } else {
            0
        };
        Limbs::Inline(n, [lo, hi, 0])
    }

    #[inline]
    fn as_slice(&self) -> &[u64] {
        match self {
            Limbs::Inline(n, buf) => &buf[..*n as usize],
            Limbs::Heap(v) => v,
        }
    }

    #[inline]
    fn as_mut_slice(&mut self) -> &mut [u64] {
        match self {
            Limbs::Inline(n, buf) => &mut buf[..*n as usize],
            Limbs::Heap(v) => v,
        }
    }

    fn normalize(&mut self) {
        match self {
            Limbs::Inline(n, buf) => {
                while *n > 0 && buf[*n as usize - 1] == 0 {
                    *n -= 1;
                }
            }
            Limbs::Heap(v) => {
                nat::trim_vec(v);
                if v.len() <= INLINE {
                    *self = Limbs::from_slice(v);
                }
            }
        }
    }
}

/// An arbitrary-precision signed integer.
///
/// Invariants: the magnitude is normalized and zero is never negative, so equal values
/// have equal representations.
#[derive(Clone)]
pub(crate) struct BigInt {
    neg: bool,
    mag: Limbs,
}

impl BigInt {
    pub(crate) const ZERO: BigInt = BigInt { neg: false, mag: Limbs::ZERO };

    fn from_limbs(neg: bool, mut mag: Limbs) -> BigInt {
        mag.normalize();
        let neg = neg && !mag.as_slice().is_empty();
        BigInt { neg, mag }
    }

    fn from_mag_vec(neg: bool, v: Vec<u64>) -> BigInt {
        BigInt::from_limbs(neg, Limbs::from_vec(v))
    }

    fn from_mag_slice(neg: bool, s: &[u64]) -> BigInt {
        BigInt::from_limbs(neg, Limbs::from_slice(s))
    }

    #[inline]
    fn mag(&self) -> &[u64] {
        self.mag.as_slice()
    }

    /// The value as `i128` when its magnitude fits one limb: the fast path for small
    /// operands, where sums and differences cannot overflow `i128`.
    #[inline]
    fn small(&self) -> Option<i128> {
        match self.mag() {
            [] => Some(0),
            [x] => Some(if self.neg { -(*x as i128) } else { *x as i128 }),
            _ => None,
        }
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.mag().is_empty()
    }

    pub(crate) fn is_negative(&self) -> bool {
        self.neg
    }

    /// -1, 0 or 1 (`_PyLong_Sign`).
    pub(crate) fn signum(&self) -> i32 {
        if self.neg {
            -1
        } else if self.is_zero() {
            0
        } else {
            1
        }
    }

    /// `int.bit_length()`: bits of the magnitude.
    pub(crate) fn bit_length(&self) -> u64 {
        mag_bits(self.mag())
    }

    /// `int.bit_count()`: ones in the magnitude.
    pub(crate) fn bit_count(&self) -> u64 {
        self.mag().iter().map(|x| x.count_ones() as u64).sum()
    }

    /// Trailing zero bits of the magnitude (0 for zero).
    pub(crate) fn trailing_zeros(&self) -> u64 {
        let m = self.mag();
        match m.iter().position(|&x| x != 0) {
            Some(i) => i as u64 * 64 + m[i].trailing_zeros() as u64,
            None => 0,
        }
    }

    pub(crate) fn to_i64(&self) -> Option<i64> {
        match self.mag() {
            [] => Some(0),
            [x] if !self.neg => i64::try_from(*x).ok(),
            [x] => 0i64.checked_sub_unsigned(*x),
            _ => None,
        }
    }

    pub(crate) fn to_u64(&self) -> Option<u64> {
        match (self.neg, self.mag()) {
            (_, []) => Some(0),
            (false, [x]) => Some(*x),
            _ => None,
        }
    }

    pub(crate) fn to_u128(&self) -> Option<u128> {
        match (self.neg, self.mag()) {
            (_, []) => Some(0),
            (false, [x]) => Some(*x as u128),
            (false, [lo, hi]) => Some(((*hi as u128) << 64) | *lo as u128),
            _ => None,
        }
    }

    pub(crate) fn to_i128(&self) -> Option<i128> {
        let m = match self.mag() {
            [] => 0u128,
            [x] => *x as u128,
            [lo, hi] => ((*hi as u128) << 64) | *lo as u128,
            _ => return None,
        };
        if self.neg {
            0i128.checked_sub_unsigned(m)
        } else {
            i128::try_from(m).ok()
        }
    }

    /// The low 64 bits of the two's complement value (`PyLong_AsUnsignedLongLongMask`).
    pub(crate) fn low_u64_wrapping(&self) -> u64 {
        let lo = self.mag().first().copied().unwrap_or(0);
        if self.neg {
            lo.wrapping_neg()
        } else {
            lo
        }
    }

    pub(crate) fn neg(&self) -> BigInt {
        let mut r = self.clone();
        r.neg = !r.neg && !r.is_zero();
        r
    }

    pub(crate) fn abs(&self) -> BigInt {
        BigInt { neg: false, mag: self.mag.clone() }
    }

    pub(crate) fn add(&self, other: &BigInt) -> BigInt {
        if let (Some(a), Some(b)) = (self.small(), other.small()) {
            return BigInt::from(a + b);
        }
        add_signed(self.neg, self.mag(), other.neg, other.mag())
    }

    pub(crate) fn sub(&self, other: &BigInt) -> BigInt {
        if let (Some(a), Some(b)) = (self.small(), other.small()) {
            return BigInt::from(a - b);
        }
        add_signed(self.neg, self.mag(), !other.neg, other.mag())
    }

    pub(crate) fn mul(&self, other: &BigInt) -> BigInt {
        let (a, b) = (self.mag(), other.mag());
        let neg = self.neg != other.neg;
        if a.len() <= 1 && b.len() <= 1 {
            let p = a.first().copied().unwrap_or(0) as u128 * b.first().copied().unwrap_or(0) as u128;
            return BigInt::from_limbs(neg, Limbs::from_u128(p));
        }
        if a.is_empty() || b.is_empty() {
            return BigInt::ZERO;
        }
        let out = Limbs::build(a.len() + b.len(), |o| {
            if b.len() == 1 || a.len() == 1 {
                let (long, m) = if b.len() == 1 { (a, b[0]) } else { (b, a[0]) };
                o[..long.len()].copy_from_slice(long);
                o[long.len()] = nat::mul_1_assign(&mut o[..long.len()], m);
            } else {
                nat::mul_to(o, a, b);
            }
        });
        BigInt::from_limbs(neg, out)
    }

    /// `divmod(self, other)` with Python's floor rules: the quotient rounds toward minus
    /// infinity and the remainder takes the divisor's sign.
    pub(crate) fn divmod_floor(&self, other: &BigInt) -> Result<(BigInt, BigInt), BigIntError> {
        if other.is_zero() {
            return Err(BigIntError::ZeroDivision);
        }
        if let (Some(a), Some(b)) = (self.small(), other.small()) {
            let (mut q, mut r) = (a / b, a % b);
            if r != 0 && ((r < 0) != (b < 0)) {
                q -= 1;
                r += b;
            }
            return Ok((BigInt::from(q), BigInt::from(r)));
        }
        if let (Some(a), Some(b)) = (self.abs().to_u128(), other.abs().to_u128()) {
            // Up to two limbs each: u128 arithmetic, no allocation.
            let (q, r) = (BigInt::from_limbs(self.neg != other.neg, Limbs::from_u128(a / b)), a % b);
            let r = BigInt::from_limbs(self.neg, Limbs::from_u128(r));
            return Ok(floor_adjust(q, r, self.neg != other.neg, other));
        }
        let (q, r) = nat::div_rem(self.mag(), other.mag());
        let q = BigInt::from_mag_vec(self.neg != other.neg, q);
        let r = BigInt::from_mag_vec(self.neg, r);
        Ok(floor_adjust(q, r, self.neg != other.neg, other))
    }

    /// `self // other`.
    pub(crate) fn div_floor(&self, other: &BigInt) -> Result<BigInt, BigIntError> {
        Ok(self.divmod_floor(other)?.0)
    }

    /// `self % other`.
    pub(crate) fn mod_floor(&self, other: &BigInt) -> Result<BigInt, BigIntError> {
        if other.is_zero() {
            return Err(BigIntError::ZeroDivision);
        }
        if let (Some(a), Some(b)) = (self.small(), other.small()) {
            let mut r = a % b;
            if r != 0 && ((r < 0) != (b < 0)) {
                r += b;
            }
            return Ok(BigInt::from(r));
        }
        let r = if let [d] = other.mag() {
            let r = nat::Divisor1::new(*d).rem(self.mag());
            BigInt::from_limbs(self.neg, Limbs::from_u128(r as u128))
        } else {
            BigInt::from_mag_vec(self.neg, nat::div_rem(self.mag(), other.mag()).1)
        };
        if !r.is_zero() && self.neg != other.neg {
            return Ok(r.add(other));
        }
        Ok(r)
    }

    /// `hash(int)`, equal to CPython's for every value (`sys.hash_info.modulus` 2**61-1,
    /// -1 reserved as the error value so `hash(-1) == -2`).
    pub(crate) fn py_hash(&self) -> i64 {
        let mut x = 0u64;
        for &limb in self.mag().iter().rev() {
            x = hash_mod_u128(((x as u128) << 64) | limb as u128);
        }
        let h = if self.neg { -(x as i64) } else { x as i64 };
        if h == -1 {
            -2
        } else {
            h
        }
    }
}

/// Truncated quotient and remainder to floored ones (`signs_differ`: of dividend and divisor).
fn floor_adjust(q: BigInt, r: BigInt, signs_differ: bool, divisor: &BigInt) -> (BigInt, BigInt) {
    if !r.is_zero() && signs_differ {
        return (q.sub(&BigInt::from(1u64)), r.add(divisor));
    }
    (q, r)
}

fn mag_bits(m: &[u64]) -> u64 {
    match m.last() {
        Some(top) => m.len() as u64 * 64 - top.leading_zeros() as u64,
        None => 0,
    }
}

fn add_signed(an: bool, a: &[u64], bn: bool, b: &[u64]) -> BigInt {
    if an == bn {
        let (x, y) = if a.len() >= b.len() { (a, b) } else { (b, a) };
        let out = Limbs::build(x.len() + 1, |o| nat::add_to(o, x, y));
        return BigInt::from_limbs(an, out);
    }
    let (x, y, neg) = match nat::cmp(a, b) {
        Ordering::Equal => return BigInt::ZERO,
        Ordering::Greater => (a, b, an),
        Ordering::Less => (b, a, bn),
    };
    let out = Limbs::build(x.len(), |o| nat::sub_to(o, x, y));
    BigInt::from_limbs(neg, out)
}

impl PartialEq for BigInt {
    fn eq(&self, other: &BigInt) -> bool {
        self.neg == other.neg && self.mag() == other.mag()
    }
}

impl Eq for BigInt {}

impl Ord for BigInt {
    fn cmp(&self, other: &BigInt) -> Ordering {
        match (self.neg, other.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => nat::cmp(self.mag(), other.mag()),
            (true, true) => nat::cmp(other.mag(), self.mag()),
        }
    }
}

impl PartialOrd for BigInt {
    fn partial_cmp(&self, other: &BigInt) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl std::hash::Hash for BigInt {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.neg.hash(state);
        self.mag().hash(state);
    }
}

impl Default for BigInt {
    fn default() -> BigInt {
        BigInt::ZERO
    }
}

impl From<u64> for BigInt {
    fn from(x: u64) -> BigInt {
        BigInt { neg: false, mag: Limbs::from_u128(x as u128) }
    }
}

impl From<i64> for BigInt {
    fn from(x: i64) -> BigInt {
        BigInt { neg: x < 0, mag: Limbs::from_u128(x.unsigned_abs() as u128) }
    }
}

impl From<u128> for BigInt {
    fn from(x: u128) -> BigInt {
        BigInt { neg: false, mag: Limbs::from_u128(x) }
    }
}

impl From<i128> for BigInt {
    fn from(x: i128) -> BigInt {
        BigInt { neg: x < 0, mag: Limbs::from_u128(x.unsigned_abs()) }
    }
}

impl From<u32> for BigInt {
    fn from(x: u32) -> BigInt {
        BigInt::from(x as u64)
    }
}

impl From<i32> for BigInt {
    fn from(x: i32) -> BigInt {
        BigInt::from(x as i64)
    }
}

impl fmt::Display for BigInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.to_str_radix(10, 0).expect("no limit");
        f.write_str(&s)
    }
}

impl fmt::Debug for BigInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

macro_rules! binop {
    ($tr:ident, $m:ident, $f:ident) => {
        impl std::ops::$tr<&BigInt> for &BigInt {
            type Output = BigInt;
            fn $m(self, rhs: &BigInt) -> BigInt {
                BigInt::$f(self, rhs)
            }
        }
    };
}
binop!(Add, add, add);
binop!(Sub, sub, sub);
binop!(Mul, mul, mul);
binop!(BitAnd, bitand, and);
binop!(BitOr, bitor, or);
binop!(BitXor, bitxor, xor);

impl std::ops::Neg for &BigInt {
    type Output = BigInt;
    fn neg(self) -> BigInt {
        BigInt::neg(self)
    }
}

impl std::ops::Not for &BigInt {
    type Output = BigInt;
    fn not(self) -> BigInt {
        self.invert()
    }
}
