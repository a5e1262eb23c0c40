//! Powers, modular powers and the greatest common divisor.

use super::{mag_bits, nat, BigInt, BigIntError, Limbs, INLINE};
use std::cmp::Ordering;

impl BigInt {
    /// `self ** exp` for `exp >= 0`.
    pub(crate) fn pow_u64(&self, exp: u64) -> Result<BigInt, BigIntError> {
        let m = self.mag();
        let neg = self.neg && exp & 1 == 1;
        match m {
            _ if exp == 0 => return Ok(BigInt::from(1u64)),
            [] => return Ok(BigInt::ZERO),
            [1] => return Ok(BigInt::from_limbs(neg, Limbs::from_u128(1))),
            _ => {}
        }
        let bits = mag_bits(m);
        // Refuse what cannot be allocated up front (a MemoryError, as in CPython) instead of
        // aborting in the middle: the result has at least (bits-1)*exp bits, and a probe
        // reservation of that size fails without touching the memory.
        let result_bits = (bits - 1).checked_mul(exp).ok_or(BigIntError::OutOfMemory)?;
        let limbs = usize::try_from(result_bits / 64 + 1).map_err(|_| BigIntError::OutOfMemory)?;
        if limbs > INLINE {
            Vec::<u64>::new().try_reserve_exact(limbs).map_err(|_| BigIntError::OutOfMemory)?;
        }
        let tz = self.trailing_zeros();
        if tz == bits - 1 {
            // A power of two: a shift, linear instead of a chain of squarings.
            return BigInt::from(1u64).shl(tz * exp).map(|r| if neg { r.neg() } else { r });
        }
        if let [x] = m {
            if exp <= 128 {
                if let Some(p) = (*x as u128).checked_pow(exp as u32) {
                    return Ok(BigInt::from_limbs(neg, Limbs::from_u128(p)));
                }
            }
        }
        // Left-to-right binary: squarings of the growing result dominate, and they are
        // done by the (Karatsuba) multiplication.
        let base = self.abs();
        let mut acc = base.clone();
        for i in (0..63 - exp.leading_zeros()).rev() {
            acc = acc.mul(&acc);
            if (exp >> i) & 1 == 1 {
                acc = acc.mul(&base);
            }
        }
        Ok(if neg { acc.neg() } else { acc })
    }

    /// `self ** exp` (no modulus). A negative `exp` is [`BigIntError::NegativeExponent`]: the
    /// caller computes the float power then, as `long_pow` does.
    pub(crate) fn pow(&self, exp: &BigInt) -> Result<BigInt, BigIntError> {
        if exp.neg {
            return Err(BigIntError::NegativeExponent);
        }
        match exp.to_u64() {
            Some(e) => self.pow_u64(e),
            None => match self.mag() {
                [] => Ok(BigInt::ZERO),
                [1] => Ok(if self.neg && exp.mag()[0] & 1 == 1 { self.clone() } else { BigInt::from(1u64) }),
                _ => Err(BigIntError::OutOfMemory),
            },
        }
    }

    /// Three-argument `pow(self, exp, modulus)` as CPython computes it: the result takes the
    /// modulus's sign, and a negative exponent uses the modular inverse of the base.
    pub(crate) fn pow_mod(&self, exp: &BigInt, modulus: &BigInt) -> Result<BigInt, BigIntError> {
        if modulus.is_zero() {
            return Err(BigIntError::ZeroModulus);
        }
        let m = modulus.abs();
        if m.mag() == [1] {
            return Ok(BigInt::ZERO);
        }
        let mut base = self.mod_floor(&m)?;
        if exp.neg {
            base = mod_inverse(&base, &m).ok_or(BigIntError::NotInvertible)?;
        }
        let r = pow_mod_mag(base.mag(), exp.mag(), m.mag());
        let r = BigInt::from_mag_vec(false, r);
        if modulus.neg && !r.is_zero() {
            return Ok(r.sub(&m));
        }
        Ok(r)
    }

    /// Greatest common divisor of the absolute values (`math.gcd` of two ints).
    pub(crate) fn gcd(&self, other: &BigInt) -> BigInt {
        if let (Some(x), Some(y)) = (self.abs().to_u64(), other.abs().to_u64()) {
            return BigInt::from(gcd_u64(x, y));
        }
        BigInt::from_mag_vec(false, nat::gcd(self.mag(), other.mag()))
    }
}

fn gcd_u64(mut a: u64, mut b: u64) -> u64 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// Inverse of `a` modulo `m` (`0 <= a < m`, `m > 1`), by the extended Euclidean algorithm.
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut r0, mut r1) = (m.clone(), a.clone());
    let (mut s0, mut s1) = (BigInt::ZERO, BigInt::from(1u64));
    while !r1.is_zero() {
        let (q, r) = r0.divmod_floor(&r1).expect("nonzero");
        let s = s0.sub(&q.mul(&s1));
        (r0, r1) = (r1, r);
        (s0, s1) = (s1, s);
    }
    if r0.mag() != [1] {
        return None;
    }
    Some(s0.mod_floor(m).expect("nonzero"))
}

/// `base ** exp mod m` for `base < m`, all magnitudes.
fn pow_mod_mag(base: &[u64], exp: &[u64], m: &[u64]) -> Vec<u64> {
    let reduce = |x: Vec<u64>| -> Vec<u64> {
        if nat::cmp(&x, m) == Ordering::Less {
            x
        } else {
            nat::div_rem(&x, m).1
        }
    };
    if exp.is_empty() {
        return reduce(vec![1]);
    }
    if base.is_empty() {
        return Vec::new();
    }
    // Fixed 4-bit window: a quarter of the multiplications of plain binary for long
    // exponents, at the cost of 14 precomputed products.
    let bits = mag_bits(exp);
    let bit = |i: u64| (exp[(i / 64) as usize] >> (i % 64)) & 1;
    if bits <= 64 {
        let mut acc = base.to_vec();
        for i in (0..bits - 1).rev() {
            acc = reduce(nat::mul_vec(&acc, &acc));
            if bit(i) == 1 {
                acc = reduce(nat::mul_vec(&acc, base));
            }
        }
        return acc;
    }
    let mut table = vec![vec![1u64], base.to_vec()];
    for i in 2..16 {
        let t = reduce(nat::mul_vec(&table[i - 1], base));
        table.push(t);
    }
    let windows = bits.div_ceil(4);
    let mut acc: Vec<u64> = vec![1];
    for w in (0..windows).rev() {
        let mut idx = 0usize;
        for j in (0..4).rev() {
            let i = w * 4 + j;
            idx = (idx << 1) | if i < bits { bit(i) as usize } else { 0 };
        }
        if w + 1 != windows {
            for _ in 0..4 {
                acc = reduce(nat::mul_vec(&acc, &acc));
            }
        }
        if idx != 0 {
            acc = reduce(nat::mul_vec(&acc, &table[idx]));
        }
    }
    nat::trim_vec(&mut acc);
    acc
}
