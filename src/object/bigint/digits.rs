//! Conversion between a `BigInt` and the 30-bit digits of CPython's `PyLongObject`: the
//! boundary the object layer crosses when a value leaves its own fast paths.

use super::{BigInt, Limbs};

const SHIFT: u32 = 30;
const MASK: u64 = (1 << SHIFT) - 1;

impl BigInt {
    /// The value `±sum(d[i] * 2^(30 i))` (`neg` is ignored for zero). Each digit must be
    /// below 2^30; high zero digits are allowed.
    pub(crate) fn from_digits30(neg: bool, d: &[u32]) -> BigInt {
        let nlimbs = (d.len() * SHIFT as usize).div_ceil(64);
        let mut mag = Limbs::zeroed(nlimbs);
        let out = mag.as_mut_slice();
        let mut acc: u128 = 0;
        let mut bits = 0u32;
        let mut k = 0;
        for &x in d {
            debug_assert!(u64::from(x) <= MASK);
            acc |= u128::from(x) << bits;
            bits += SHIFT;
            if bits >= 64 {
                out[k] = acc as u64;
                k += 1;
                acc >>= 64;
                bits -= 64;
            }
        }
        if bits > 0 && k < out.len() {
            out[k] = acc as u64;
        }
        BigInt::from_limbs(neg, mag)
    }

    /// How many 30-bit digits the magnitude has (0 for zero).
    pub(crate) fn digits30_len(&self) -> usize {
        (self.bit_length() as usize).div_ceil(SHIFT as usize)
    }

    /// Writes the magnitude's 30-bit digits, least significant first, into `out`, which
    /// must have exactly [`BigInt::digits30_len`] entries.
    pub(crate) fn write_digits30(&self, out: &mut [u32]) {
        debug_assert_eq!(out.len(), self.digits30_len());
        let mut acc: u128 = 0;
        let mut bits = 0u32;
        let mut limbs = self.mag().iter();
        for slot in out.iter_mut() {
            if bits < SHIFT {
                if let Some(&l) = limbs.next() {
                    acc |= u128::from(l) << bits;
                    bits += 64;
                }
            }
            *slot = (acc as u64 & MASK) as u32;
            acc >>= SHIFT;
            bits = bits.saturating_sub(SHIFT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_round_trip() {
        for v in [
            BigInt::ZERO,
            BigInt::from(1u64),
            BigInt::from((1u64 << 30) - 1),
            BigInt::from(1u64 << 30),
            BigInt::from(u64::MAX),
            BigInt::from(i64::MIN),
            BigInt::from(u128::MAX),
            BigInt::from(-(1i128 << 90)),
            BigInt::from(u128::MAX).mul(&BigInt::from(u128::MAX)).mul(&BigInt::from(12345u64)),
        ] {
            let mut d = vec![0u32; v.digits30_len()];
            v.write_digits30(&mut d);
            assert!(d.last().is_none_or(|&x| x != 0), "normalized");
            assert!(d.iter().all(|&x| x <= MASK as u32));
            assert_eq!(BigInt::from_digits30(v.is_negative(), &d), v);
        }
        assert_eq!(BigInt::from_digits30(true, &[0, 0]), BigInt::ZERO);
        assert_eq!(BigInt::from_digits30(false, &[5, 1]), BigInt::from((1u64 << 30) + 5));
    }
}
