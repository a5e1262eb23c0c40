//! Conversions between `BigInt` and `f64`, and true division: all correctly rounded
//! (round-half-even), as CPython's `PyLong_AsDouble` and `long_true_divide`.

use super::{nat, BigInt, BigIntError};

const MANT_DIG: i64 = f64::MANTISSA_DIGITS as i64; // 53
const MAX_EXP: i64 = f64::MAX_EXP as i64; // 1024
const MIN_EXP: i64 = f64::MIN_EXP as i64; // -1021

/// `x * 2^e` for `|x| >= 1`, exact whenever the result is representable (subnormals too). Done in
/// steps so no intermediate product rounds or overflows on the way to an exact result.
pub(super) fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= f64::from_bits(((1023 + 1000) as u64) << 52);
        e -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1000 {
        x *= f64::from_bits(((1023 - 1000) as u64) << 52);
        e += 1000;
        if x == 0.0 {
            return x;
        }
    }
    // -1000 <= e <= 1000: 2^e is a normal double.
    x * f64::from_bits(((1023 + e) as u64) << 52)
}

impl BigInt {
    /// `int(x)` for a float: truncation toward zero.
    pub(crate) fn from_f64(x: f64) -> Result<BigInt, BigIntError> {
        if x.is_nan() {
            return Err(BigIntError::FloatNaN);
        }
        if x.is_infinite() {
            return Err(BigIntError::FloatInfinity);
        }
        let t = x.trunc();
        if t.abs() < (1u64 << 63) as f64 {
            return Ok(BigInt::from(t as i64));
        }
        // |t| >= 2^63: an integer mantissa times 2^e with e >= 11.
        let bits = t.to_bits();
        let e = ((bits >> 52) & 0x7ff) - 1075;
        let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
        let r = BigInt::from(mant).shl(e).expect("at most 1024 bits");
        Ok(if t < 0.0 { r.neg() } else { r })
    }

    /// `float(self)`, round-half-even; OverflowError past `f64::MAX` after rounding.
    pub(crate) fn to_f64(&self) -> Result<f64, BigIntError> {
        let m = self.mag();
        let mag = match m {
            [] => 0.0,
            // `as` rounds to nearest, ties to even.
            [x] => *x as f64,
            _ => {
                let bits = self.bit_length();
                if bits > MAX_EXP as u64 {
                    return Err(BigIntError::TooLargeForFloat);
                }
                // The top 64 bits, with any nonzero bit below them folded into the lowest
                // bit: that bit sits far below the rounding position (bit 10), so it
                // only breaks ties, exactly as the discarded bits would.
                let shift = bits - 64;
                let (top, sticky) = top_u64(m, shift);
                let f = ldexp((top | sticky as u64) as f64, shift as i64);
                if f.is_infinite() {
                    return Err(BigIntError::TooLargeForFloat);
                }
                f
            }
        };
        Ok(if self.neg { -mag } else { mag })
    }

    /// `self / other` as a float, correctly rounded (CPython's `long_true_divide`).
    pub(crate) fn true_div(&self, other: &BigInt) -> Result<f64, BigIntError> {
        if other.is_zero() {
            return Err(BigIntError::ZeroDivision);
        }
        let negate = self.neg != other.neg;
        let sign = |x: f64| if negate { -x } else { x };
        if self.is_zero() {
            return Ok(sign(0.0));
        }
        let (a, b) = (self.mag(), other.mag());
        let (a_bits, b_bits) = (self.bit_length() as i64, other.bit_length() as i64);
        // Both exactly representable: one IEEE division rounds correctly.
        if a_bits <= MANT_DIG && b_bits <= MANT_DIG {
            return Ok(sign(a[0] as f64 / b[0] as f64));
        }
        let diff = a_bits - b_bits;
        // 2^(diff-1) <= a/b < 2^(diff+1).
        if diff > MAX_EXP {
            return Err(BigIntError::DivisionTooLargeForFloat);
        }
        if diff < MIN_EXP - MANT_DIG - 1 {
            return Ok(sign(0.0));
        }
        // Scale a so the integer quotient has MANT_DIG+2 or MANT_DIG+3 bits (fewer for
        // subnormal results), then round it once with the remainder as sticky bit.
        let shift = diff.max(MIN_EXP) - MANT_DIG - 2;
        let mut inexact = false;
        let x = if shift <= 0 {
            BigInt::from_mag_slice(false, a).shl((-shift) as u64).expect("small shift")
        } else {
            let s = shift as u64;
            inexact = self.trailing_zeros() < s;
            BigInt::from_mag_slice(false, a).shr(s)
        };
        let (q, r) = nat::div_rem(x.mag(), b);
        if !r.is_empty() {
            inexact = true;
        }
        debug_assert!(q.len() == 1);
        let mut x = q[0];
        let x_bits = 64 - x.leading_zeros() as i64;
        let extra_bits = x_bits.max(MIN_EXP - shift) - MANT_DIG;
        debug_assert!(extra_bits >= 2);
        let mask = 1u64 << (extra_bits - 1);
        let low = x | inexact as u64;
        if low & mask != 0 && low & (3 * mask - 1) != 0 {
            x = x.wrapping_add(mask);
        }
        x &= !(2 * mask - 1);
        let dx = x as f64; // exact: at most MANT_DIG significant bits (or 2^x_bits)
        if shift + x_bits >= MAX_EXP && (shift + x_bits > MAX_EXP || dx == ldexp(1.0, x_bits)) {
            return Err(BigIntError::DivisionTooLargeForFloat);
        }
        Ok(sign(ldexp(dx, shift)))
    }
}

/// Bits `[shift, shift+64)` of `m`, and whether any bit below `shift` is set.
fn top_u64(m: &[u64], shift: u64) -> (u64, bool) {
    let (limb, bit) = ((shift / 64) as usize, (shift % 64) as u32);
    let lo = m[limb] >> bit;
    let hi = if bit == 0 { 0 } else { m.get(limb + 1).copied().unwrap_or(0) << (64 - bit) };
    let sticky = m[..limb].iter().any(|&x| x != 0) || (bit != 0 && m[limb] << (64 - bit) != 0);
    (lo | hi, sticky)
}
