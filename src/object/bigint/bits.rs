//! Bitwise operations with two's complement semantics on negative values, shifts, and
//! fixed-width byte conversion.

use super::{nat, BigInt, BigIntError, Limbs};

/// Yields the limbs of a value's infinite two's complement form, `n` of them: for a
/// negative value `!(|x| - 1)`, computed on the fly so no temporary is allocated.
struct Twos<'a> {
    mag: &'a [u64],
    neg: bool,
    borrow: bool,
    i: usize,
}

impl<'a> Twos<'a> {
    fn new(x: &'a BigInt) -> Self {
        Twos { mag: x.mag(), neg: x.neg, borrow: true, i: 0 }
    }

    #[inline]
    fn next_limb(&mut self) -> u64 {
        let m = self.mag.get(self.i).copied().unwrap_or(0);
        self.i += 1;
        if !self.neg {
            return m;
        }
        let (d, b) = m.overflowing_sub(self.borrow as u64);
        self.borrow = b;
        !d
    }
}

impl BigInt {
    fn bitop(&self, other: &BigInt, op: impl Fn(u64, u64) -> u64) -> BigInt {
        let n = self.mag().len().max(other.mag().len());
        let fill = |x: &BigInt| if x.neg { u64::MAX } else { 0 };
        let neg = op(fill(self), fill(other)) != 0;
        // One spare limb: negating the result can carry out (e.g. -2^64 & -2^64).
        let out = Limbs::build(n + 1, |o| {
            let (mut ta, mut tb) = (Twos::new(self), Twos::new(other));
            for x in o.iter_mut() {
                *x = op(ta.next_limb(), tb.next_limb());
            }
            if neg {
                // Back to sign and magnitude: |r| = !r + 1.
                for x in o.iter_mut() {
                    *x = !*x;
                }
                nat::inc(o);
            }
        });
        BigInt::from_limbs(neg, out)
    }

    pub(crate) fn and(&self, other: &BigInt) -> BigInt {
        if !self.neg && !other.neg {
            let (a, b) = (self.mag(), other.mag());
            let n = a.len().min(b.len());
            let mut out = Limbs::zeroed(n);
            for (o, (x, y)) in out.as_mut_slice().iter_mut().zip(a.iter().zip(b)) {
                *o = x & y;
            }
            return BigInt::from_limbs(false, out);
        }
        self.bitop(other, |x, y| x & y)
    }

    pub(crate) fn or(&self, other: &BigInt) -> BigInt {
        self.bitop(other, |x, y| x | y)
    }

    pub(crate) fn xor(&self, other: &BigInt) -> BigInt {
        self.bitop(other, |x, y| x ^ y)
    }

    /// `~self == -(self + 1)`.
    pub(crate) fn invert(&self) -> BigInt {
        self.add(&BigInt::from(1u64)).neg()
    }

    /// `self << n`. The caller rejects negative counts ("negative shift count"); a result
    /// too large to allocate is [`BigIntError::OutOfMemory`].
    pub(crate) fn shl(&self, n: u64) -> Result<BigInt, BigIntError> {
        let m = self.mag();
        if m.is_empty() {
            return Ok(BigInt::ZERO);
        }
        let limbs = usize::try_from(n / 64).map_err(|_| BigIntError::OutOfMemory)?;
        let bits = (n % 64) as u32;
        let len = limbs.checked_add(m.len() + 1).ok_or(BigIntError::OutOfMemory)?;
        if len > isize::MAX as usize / 8 {
            return Err(BigIntError::OutOfMemory);
        }
        let mut out = Limbs::try_zeroed(len)?;
        let o = out.as_mut_slice();
        let top = nat::shl_bits(&mut o[limbs..limbs + m.len()], m, bits);
        o[limbs + m.len()] = top;
        Ok(BigInt::from_limbs(self.neg, out))
    }

    /// `self >> n`, flooring: negative values round toward minus infinity.
    pub(crate) fn shr(&self, n: u64) -> BigInt {
        let m = self.mag();
        let limbs = (n / 64).min(m.len() as u64) as usize;
        let bits = (n % 64) as u32;
        if limbs >= m.len() {
            return if self.neg { BigInt::from(-1i64) } else { BigInt::ZERO };
        }
        let mut out = Limbs::from_slice(&m[limbs..]);
        let lost_bits = nat::shr_bits_assign(out.as_mut_slice(), bits) != 0;
        let r = BigInt::from_limbs(self.neg, out);
        if self.neg && (lost_bits || m[..limbs].iter().any(|&x| x != 0)) {
            // floor(-m / 2^n) == -ceil(m / 2^n)
            return r.sub(&BigInt::from(1u64));
        }
        r
    }

    /// Writes the value into `out` as a fixed-width integer, like `_PyLong_AsByteArray`
    /// (`int.to_bytes`): two's complement when `signed`.
    pub(crate) fn to_bytes(
        &self,
        out: &mut [u8],
        little_endian: bool,
        signed: bool,
    ) -> Result<(), BigIntError> {
        if self.neg && !signed {
            return Err(BigIntError::NegativeToUnsigned);
        }
        let width = out.len() as u64 * 8;
        // Signed: the value without its sign bit (|x| - 1 for negatives) must fit in
        // width - 1 bits. CPython lets 0 and -1 through at width 0 (as b'').
        let fits = if !signed {
            self.bit_length() <= width
        } else {
            let bits = if self.neg { self.add(&BigInt::from(1u64)).bit_length() } else { self.bit_length() };
            bits <= width.saturating_sub(1)
        };
        if !fits {
            return Err(BigIntError::TooBigForBytes);
        }
        let mut t = Twos::new(self);
        let mut limb = 0u64;
        for i in 0..out.len() {
            if i % 8 == 0 {
                limb = t.next_limb();
            }
            let byte = (limb >> (8 * (i % 8))) as u8;
            let pos = if little_endian { i } else { out.len() - 1 - i };
            out[pos] = byte;
        }
        Ok(())
    }

    /// The value of a fixed-width integer, like `_PyLong_FromByteArray` (`int.from_bytes`).
    pub(crate) fn from_bytes(bytes: &[u8], little_endian: bool, signed: bool) -> BigInt {
        let n = bytes.len();
        let mut limbs = vec![0u64; n.div_ceil(8)];
        for i in 0..n {
            let b = if little_endian { bytes[i] } else { bytes[n - 1 - i] };
            limbs[i / 8] |= (b as u64) << (8 * (i % 8));
        }
        let top_set = n > 0 && (if little_endian { bytes[n - 1] } else { bytes[0] }) & 0x80 != 0;
        if signed && top_set {
            // Negative: |x| = 2^(8n) - raw, i.e. the two's complement negation within
            // the width (sign-extend the top limb first).
            let rem = n % 8;
            if rem != 0 {
                let last = limbs.len() - 1;
                limbs[last] |= u64::MAX << (8 * rem);
            }
            for x in limbs.iter_mut() {
                *x = !*x;
            }
            nat::inc(&mut limbs);
            return BigInt::from_mag_vec(true, limbs);
        }
        BigInt::from_mag_vec(false, limbs)
    }
}
