//! Natural numbers as little-endian slices of `u64` limbs: the algorithms under `BigInt`.
//!
//! Functions here take slices and write into caller-provided buffers where they can, so the
//! caller decides whether the result lives inline or on the heap. Unless a function says
//! otherwise its inputs may carry high zero limbs (Karatsuba halves do).

use std::cmp::Ordering;

/// Operand size (in limbs, of the smaller factor) from which Karatsuba beats schoolbook.
/// `bench_mul_threshold` (tests.rs) on the 2-core dev machine: one Karatsuba level breaks
/// even with schoolbook at 28-32 limbs (694 ns each at 32) and wins from 40 (26% at 64).
pub(super) const KARATSUBA_THRESHOLD: usize = 32;

/// Karatsuba for squares starts later: schoolbook squaring does half the products.
/// `bench_mul_threshold`: one Karatsuba level breaks even at about 48 limbs.
pub(super) const KARATSUBA_SQR_THRESHOLD: usize = 48;

/// Divisor and quotient size (in limbs) from which Burnikel–Ziegler beats Knuth's
/// algorithm D. `bench_div_threshold`, 2n-by-n limbs: even at n = 128 (16 µs), 15% faster
/// at 256 (52 µs against 61 µs), 32% at 512.
pub(super) const BZ_THRESHOLD: usize = 200;

/// Block size (in limbs) below which the Burnikel–Ziegler recursion hands over to Knuth;
/// 80 measured best of 32/48/80/128.
const BZ_BASE: usize = 80;

pub(super) fn trim(a: &[u64]) -> &[u64] {
    let mut n = a.len();
    while n > 0 && a[n - 1] == 0 {
        n -= 1;
    }
    &a[..n]
}

pub(super) fn trim_vec(v: &mut Vec<u64>) {
    let n = trim(v).len();
    v.truncate(n);
}

/// Compares two normalized magnitudes.
pub(super) fn cmp(a: &[u64], b: &[u64]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

#[inline]
fn adc(a: u64, b: u64, carry: bool) -> (u64, bool) {
    let (s, c1) = a.overflowing_add(b);
    let (s, c2) = s.overflowing_add(carry as u64);
    (s, c1 | c2)
}

#[inline]
fn sbb(a: u64, b: u64, borrow: bool) -> (u64, bool) {
    let (s, c1) = a.overflowing_sub(b);
    let (s, c2) = s.overflowing_sub(borrow as u64);
    (s, c1 | c2)
}

/// `a += b` with `a.len() >= b.len()`; returns the carry out of `a`.
pub(super) fn add_assign(a: &mut [u64], b: &[u64]) -> bool {
    let (lo, hi) = a.split_at_mut(b.len());
    let mut carry = false;
    for (x, &y) in lo.iter_mut().zip(b) {
        (*x, carry) = adc(*x, y, carry);
    }
    carry && inc(hi)
}

/// `a += 1`; returns the carry out of `a`.
pub(super) fn inc(a: &mut [u64]) -> bool {
    for x in a {
        let (s, c) = x.overflowing_add(1);
        *x = s;
        if !c {
            return false;
        }
    }
    true
}

/// `a -= 1`; returns the borrow out of `a`.
pub(super) fn dec(a: &mut [u64]) -> bool {
    for x in a {
        let (s, c) = x.overflowing_sub(1);
        *x = s;
        if !c {
            return false;
        }
    }
    true
}

/// `a -= b` with `a.len() >= b.len()`; returns the borrow out of `a`.
pub(super) fn sub_assign(a: &mut [u64], b: &[u64]) -> bool {
    let (lo, hi) = a.split_at_mut(b.len());
    let mut borrow = false;
    for (x, &y) in lo.iter_mut().zip(b) {
        (*x, borrow) = sbb(*x, y, borrow);
    }
    borrow && dec(hi)
}

/// `out = a + b`, `out.len() == a.len() + 1`, `a.len() >= b.len()`.
pub(super) fn add_to(out: &mut [u64], a: &[u64], b: &[u64]) {
    let n = a.len();
    out[..n].copy_from_slice(a);
    out[n] = add_assign(&mut out[..n], b) as u64;
}

/// `out = a - b` for `a >= b`, `out.len() == a.len()`.
pub(super) fn sub_to(out: &mut [u64], a: &[u64], b: &[u64]) {
    out.copy_from_slice(a);
    let borrow = sub_assign(out, b);
    debug_assert!(!borrow);
}

/// `out[..a.len()] += a * m`; returns the carry limb.
#[inline]
pub(super) fn addmul_1(out: &mut [u64], a: &[u64], m: u64) -> u64 {
    let mut carry = 0u64;
    for (o, &x) in out.iter_mut().zip(a) {
        // (2^64-1)^2 + 2*(2^64-1) == 2^128-1: cannot overflow.
        let t = x as u128 * m as u128 + *o as u128 + carry as u128;
        *o = t as u64;
        carry = (t >> 64) as u64;
    }
    carry
}

/// `out[..a.len()] -= a * m`; returns the borrow limb.
#[inline]
pub(super) fn submul_1(out: &mut [u64], a: &[u64], m: u64) -> u64 {
    let mut borrow = 0u64;
    for (o, &x) in out.iter_mut().zip(a) {
        let t = x as u128 * m as u128 + borrow as u128;
        let (r, b) = o.overflowing_sub(t as u64);
        *o = r;
        // t >> 64 == 2^64-1 only when t's low limb is 0, so this cannot overflow.
        borrow = (t >> 64) as u64 + b as u64;
    }
    borrow
}

/// `a *= m` in place; returns the carry limb.
pub(super) fn mul_1_assign(a: &mut [u64], m: u64) -> u64 {
    let mut carry = 0u64;
    for x in a.iter_mut() {
        let t = *x as u128 * m as u128 + carry as u128;
        *x = t as u64;
        carry = (t >> 64) as u64;
    }
    carry
}

/// `a = a * m + c` in place; returns the carry limb.
pub(super) fn mul_add_1_assign(a: &mut [u64], m: u64, c: u64) -> u64 {
    let mut carry = c;
    for x in a.iter_mut() {
        let t = *x as u128 * m as u128 + carry as u128;
        *x = t as u64;
        carry = (t >> 64) as u64;
    }
    carry
}

/// `out = a * b`; `out` is zeroed and `out.len() == a.len() + b.len()`.
pub(super) fn mul_to(out: &mut [u64], a: &[u64], b: &[u64]) {
    if std::ptr::eq(a, b) {
        // Squaring (pow, radix powers) needs only about half the limb products.
        let a = trim(a);
        sqr_to(&mut out[..2 * a.len()], a);
        return;
    }
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let (a, b) = (trim(a), trim(b));
    if b.is_empty() {
        return;
    }
    if b.len() < KARATSUBA_THRESHOLD {
        schoolbook(out, a, b);
    } else if 2 * b.len() <= a.len() {
        lopsided(out, a, b);
    } else {
        karatsuba(out, a, b);
    }
}

pub(super) fn mul_vec(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = vec![0; a.len() + b.len()];
    mul_to(&mut out, a, b);
    trim_vec(&mut out);
    out
}

#[cfg(test)]
pub(super) fn schoolbook_for_bench(out: &mut [u64], a: &[u64], b: &[u64]) {
    schoolbook(out, a, b);
}

#[cfg(test)]
pub(super) fn karatsuba_for_bench(out: &mut [u64], a: &[u64], b: &[u64]) {
    karatsuba(out, a, b);
}

/// `out = a * a`; `out` is zeroed and `out.len() == 2 * a.len()`, `a` normalized.
fn sqr_to(out: &mut [u64], a: &[u64]) {
    if a.is_empty() {
        return;
    }
    if a.len() < KARATSUBA_SQR_THRESHOLD {
        schoolbook_sqr(out, a);
    } else {
        karatsuba_sqr(out, a);
    }
}

#[cfg(test)]
pub(super) fn schoolbook_sqr_for_bench(out: &mut [u64], a: &[u64]) {
    schoolbook_sqr(out, a);
}

#[cfg(test)]
pub(super) fn karatsuba_sqr_for_bench(out: &mut [u64], a: &[u64]) {
    karatsuba_sqr(out, a);
}

fn schoolbook_sqr(out: &mut [u64], a: &[u64]) {
    let n = a.len();
    // Each cross product a[i]*a[j] (i < j) once, then doubled, then the squares a[i]^2.
    for i in 0..n - 1 {
        let c = addmul_1(&mut out[2 * i + 1..i + n], &a[i + 1..], a[i]);
        out[i + n] = c;
    }
    let mut top = 0;
    for x in out.iter_mut() {
        let v = *x;
        *x = (v << 1) | top;
        top = v >> 63;
    }
    debug_assert!(top == 0);
    let mut carry = false;
    for (i, &x) in a.iter().enumerate() {
        let sq = x as u128 * x as u128;
        (out[2 * i], carry) = adc(out[2 * i], sq as u64, carry);
        (out[2 * i + 1], carry) = adc(out[2 * i + 1], (sq >> 64) as u64, carry);
    }
    debug_assert!(!carry);
}

fn karatsuba_sqr(out: &mut [u64], a: &[u64]) {
    let m = a.len() / 2;
    let (a0, a1) = a.split_at(m);
    let a0 = trim(a0);
    {
        let (lo, hi) = out.split_at_mut(2 * m);
        sqr_to(&mut lo[..2 * a0.len()], a0);
        sqr_to(hi, a1);
    }
    let mut sa = vec![0u64; a1.len() + 1];
    sum_into(&mut sa, a0, a1);
    let sa = trim(&sa);
    let mut z1 = vec![0u64; 2 * sa.len() + 1];
    sqr_to(&mut z1[..2 * sa.len()], sa);
    let b1 = sub_assign(&mut z1, trim(&out[..2 * m]));
    let b2 = sub_assign(&mut z1, trim(&out[2 * m..]));
    debug_assert!(!b1 && !b2);
    let c = add_assign(&mut out[m..], trim(&z1));
    debug_assert!(!c);
}

fn schoolbook(out: &mut [u64], a: &[u64], b: &[u64]) {
    // Rows go over the longer operand so the inner loop is as long as possible.
    for (i, &y) in b.iter().enumerate() {
        let c = addmul_1(&mut out[i..i + a.len()], a, y);
        out[i + a.len()] = c;
    }
}

/// `a` much longer than `b`: Karatsuba on `b`-sized slices of `a`, which keeps every
/// product balanced (splitting an unbalanced product in the middle wastes work).
fn lopsided(out: &mut [u64], a: &[u64], b: &[u64]) {
    let n = b.len();
    let mut tmp = vec![0u64; 2 * n];
    let mut pos = 0;
    while pos < a.len() {
        let chunk = &a[pos..(pos + n).min(a.len())];
        let t = &mut tmp[..chunk.len() + n];
        t.fill(0);
        mul_to(t, chunk, b);
        let c = add_assign(&mut out[pos..], t);
        debug_assert!(!c);
        pos += n;
    }
}

/// `a.len() >= b.len() > a.len() / 2`, both at least the threshold.
fn karatsuba(out: &mut [u64], a: &[u64], b: &[u64]) {
    let m = a.len() / 2;
    let (a0, a1) = a.split_at(m);
    let (b0, b1) = b.split_at(m);
    // z0 = a0*b0 into out[..2m], z2 = a1*b1 into out[2m..]; they do not overlap.
    {
        let (lo, hi) = out.split_at_mut(2 * m);
        mul_to(lo, a0, b0);
        mul_to(&mut hi[..a1.len() + b1.len()], a1, b1);
    }
    // z1 = (a0+a1)(b0+b1) - z0 - z2, added at offset m.
    let mut sa = vec![0u64; a1.len().max(m) + 1];
    sum_into(&mut sa, a0, a1);
    let mut sb = vec![0u64; b1.len().max(m) + 1];
    sum_into(&mut sb, b0, b1);
    let (sa, sb) = (trim(&sa), trim(&sb));
    let mut z1 = vec![0u64; sa.len() + sb.len() + 1];
    mul_to(&mut z1[..sa.len() + sb.len()], sa, sb);
    let b0_1 = sub_assign(&mut z1, trim(&out[..2 * m]));
    let b0_2 = sub_assign(&mut z1, trim(&out[2 * m..]));
    debug_assert!(!b0_1 && !b0_2);
    let z1 = trim(&z1);
    let c = add_assign(&mut out[m..], z1);
    debug_assert!(!c);
}

fn sum_into(out: &mut [u64], x: &[u64], y: &[u64]) {
    let (x, y) = if x.len() >= y.len() { (x, y) } else { (y, x) };
    out[..x.len()].copy_from_slice(x);
    let c = add_assign(&mut out[..x.len()], y);
    out[x.len()] = c as u64;
}

/// `a << s` for `s < 64` into `out` (`out.len() == a.len()`); returns the bits shifted out.
pub(super) fn shl_bits(out: &mut [u64], a: &[u64], s: u32) -> u64 {
    if s == 0 {
        out.copy_from_slice(a);
        return 0;
    }
    let mut carry = 0;
    for (o, &x) in out.iter_mut().zip(a) {
        *o = (x << s) | carry;
        carry = x >> (64 - s);
    }
    carry
}

/// `a >> s` for `s < 64` in place; returns the bits shifted out (in the high bits).
pub(super) fn shr_bits_assign(a: &mut [u64], s: u32) -> u64 {
    if s == 0 {
        return 0;
    }
    let mut carry = 0;
    for x in a.iter_mut().rev() {
        let v = *x;
        *x = (v >> s) | carry;
        carry = v << (64 - s);
    }
    carry
}

/// Reciprocal of a normalized divisor (top bit set) for `div2by1` (Möller & Granlund,
/// "Improved division by invariant integers", 2011): floor((2^128-1)/d) - 2^64.
#[inline]
pub(super) fn reciprocal(d: u64) -> u64 {
    debug_assert!(d >> 63 == 1);
    (u128::MAX / d as u128) as u64
}

/// Divides `u1:u0` by the normalized `d` (with `u1 < d`) using its reciprocal `v`:
/// two multiplications instead of the slow 128-by-64 software division.
#[inline]
pub(super) fn div2by1(u1: u64, u0: u64, d: u64, v: u64) -> (u64, u64) {
    debug_assert!(u1 < d);
    let q = (v as u128 * u1 as u128).wrapping_add(((u1 as u128) << 64) | u0 as u128);
    let mut q1 = ((q >> 64) as u64).wrapping_add(1);
    let q0 = q as u64;
    let mut r = u0.wrapping_sub(q1.wrapping_mul(d));
    if r > q0 {
        q1 = q1.wrapping_sub(1);
        r = r.wrapping_add(d);
    }
    if r >= d {
        q1 += 1;
        r -= d;
    }
    (q1, r)
}

/// A single-limb divisor prepared for repeated division.
#[derive(Clone, Copy)]
pub(super) struct Divisor1 {
    d: u64,
    v: u64,
    shift: u32,
}

impl Divisor1 {
    pub(super) fn new(d: u64) -> Self {
        debug_assert!(d != 0);
        let shift = d.leading_zeros();
        let d = d << shift;
        Divisor1 { d, v: reciprocal(d), shift }
    }

    /// `a /= d` in place; returns the remainder.
    pub(super) fn divrem_assign(&self, a: &mut [u64]) -> u64 {
        let s = self.shift;
        let mut r = 0u64;
        if s == 0 {
            for x in a.iter_mut().rev() {
                (*x, r) = div2by1(r, *x, self.d, self.v);
            }
            return r;
        }
        // Shift the dividend on the fly: the quotient of (a << s) / (d << s) is a / d.
        let n = a.len();
        if n == 0 {
            return 0;
        }
        r = a[n - 1] >> (64 - s);
        for i in (0..n).rev() {
            let lo = if i > 0 { a[i - 1] >> (64 - s) } else { 0 };
            let u0 = (a[i] << s) | lo;
            (a[i], r) = div2by1(r, u0, self.d, self.v);
        }
        r >> s
    }

    /// `a mod d` without modifying `a`.
    pub(super) fn rem(&self, a: &[u64]) -> u64 {
        let s = self.shift;
        let n = a.len();
        if n == 0 {
            return 0;
        }
        let mut r = if s == 0 { 0 } else { a[n - 1] >> (64 - s) };
        for i in (0..n).rev() {
            let lo = if i > 0 && s != 0 { a[i - 1] >> (64 - s) } else { 0 };
            let u0 = (a[i] << s) | lo;
            r = div2by1(r, u0, self.d, self.v).1;
        }
        r >> s
    }
}

/// Quotient and remainder of normalized `a` by normalized nonzero `b`.
pub(super) fn div_rem(a: &[u64], b: &[u64]) -> (Vec<u64>, Vec<u64>) {
    debug_assert!(!b.is_empty());
    if cmp(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let mut q = a.to_vec();
        let r = Divisor1::new(b[0]).divrem_assign(&mut q);
        trim_vec(&mut q);
        return (q, if r == 0 { Vec::new() } else { vec![r] });
    }
    // Normalize so the divisor's top bit is set; both algorithms need it.
    let s = b[b.len() - 1].leading_zeros();
    let mut bn = vec![0u64; b.len()];
    shl_bits(&mut bn, b, s);
    let mut an = vec![0u64; a.len() + 1];
    let top = shl_bits(&mut an[..a.len()], a, s);
    an[a.len()] = top;
    let mut q = vec![0u64; a.len() + 1 - b.len()];
    if use_bz(a.len(), b.len()) {
        bz_divrem(&mut q, &mut an, &bn);
    } else {
        knuth_divrem(&mut q, &mut an, &bn);
    }
    trim_vec(&mut q);
    let mut r = an;
    r.truncate(b.len());
    shr_bits_assign(&mut r, s);
    trim_vec(&mut r);
    (q, r)
}

#[cfg(not(test))]
fn use_bz(a_len: usize, b_len: usize) -> bool {
    b_len >= BZ_THRESHOLD && a_len - b_len >= BZ_THRESHOLD
}

#[cfg(test)]
thread_local! {
    /// Lets the benchmarks force one algorithm: Some(true) Burnikel–Ziegler, Some(false) Knuth.
    pub(super) static FORCE_BZ: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
}

#[cfg(test)]
fn use_bz(a_len: usize, b_len: usize) -> bool {
    FORCE_BZ.with(|f| f.get()).unwrap_or(b_len >= BZ_THRESHOLD && a_len - b_len >= BZ_THRESHOLD)
}

/// Knuth's algorithm D (TAOCP 4.3.1). `d` is normalized (top bit set, len >= 2); `u` holds
/// the dividend with `u[top] < d[top]` guaranteed by the extra high limb. On return `q`
/// holds the quotient (`u.len() - d.len()` limbs) and `u[..d.len()]` the remainder.
fn knuth_divrem(q: &mut [u64], u: &mut [u64], d: &[u64]) {
    let n = d.len();
    let d1 = d[n - 1];
    let d0 = d[n - 2];
    let v = reciprocal(d1);
    for j in (0..u.len() - n).rev() {
        let u2 = u[j + n];
        let u1 = u[j + n - 1];
        let u0 = u[j + n - 2];
        // Estimate q from the top two limbs, then correct it with the third: the estimate
        // is then at most one too large (and that only rarely).
        let (mut qhat, mut rhat, mut rhat_ok) = if u2 >= d1 {
            debug_assert!(u2 == d1);
            let (r, o) = u1.overflowing_add(d1);
            (u64::MAX, r, !o)
        } else {
            let (q, r) = div2by1(u2, u1, d1, v);
            (q, r, true)
        };
        while rhat_ok && (qhat as u128 * d0 as u128) > (((rhat as u128) << 64) | u0 as u128) {
            qhat -= 1;
            let (r, o) = rhat.overflowing_add(d1);
            rhat = r;
            rhat_ok = !o;
        }
        let borrow = submul_1(&mut u[j..j + n], d, qhat);
        let (t, under) = u[j + n].overflowing_sub(borrow);
        u[j + n] = t;
        if under {
            qhat -= 1;
            let c = add_assign(&mut u[j..j + n], d);
            u[j + n] = u[j + n].wrapping_add(c as u64);
        }
        q[j] = qhat;
    }
}

/// Burnikel–Ziegler recursive division ("Fast Recursive Division", 1998), the same
/// subquadratic scheme CPython 3.12+ switches to (in `_pylong`) for big operands.
/// Same contract as `knuth_divrem`.
fn bz_divrem(q: &mut [u64], u: &mut [u64], d: &[u64]) {
    // Pad the divisor with low zero limbs to m = j * 2^k (j below the threshold) so every
    // level of the recursion halves evenly; the dividend gets the same padding, which
    // leaves the quotient unchanged and shifts the remainder up by `p` limbs.
    let n = d.len();
    let mut k = 0;
    while n.div_ceil(1 << k) >= BZ_BASE {
        k += 1;
    }
    let m = n.div_ceil(1 << k) << k;
    let p = m - n;
    let mut dp = vec![0u64; m];
    dp[p..].copy_from_slice(d);
    let mut up = vec![0u64; u.len() + p];
    up[p..].copy_from_slice(u);
    // Take the dividend in m-limb blocks from the top, each step a 2m-by-m division whose
    // remainder carries into the next block.
    let total = up.len();
    let blocks = total.div_ceil(m);
    let mut qv = vec![0u64; blocks * m + m];
    let mut r: Vec<u64> = Vec::new();
    for blk in (0..blocks).rev() {
        let lo = blk * m;
        let hi = ((blk + 1) * m).min(total);
        let mut cur = vec![0u64; (hi - lo) + r.len()];
        cur[..hi - lo].copy_from_slice(&up[lo..hi]);
        cur[hi - lo..].copy_from_slice(&r);
        trim_vec(&mut cur);
        let (qb, rb) = div_2n_1n(&cur, &dp);
        qv[lo..lo + qb.len()].copy_from_slice(&qb);
        r = rb;
    }
    let ql = q.len();
    q.copy_from_slice(&qv[..ql]);
    debug_assert!(trim(&qv[ql..]).is_empty());
    debug_assert!(r.len() <= p || trim(&r[..p]).is_empty());
    u.fill(0);
    if r.len() > p {
        u[..r.len() - p].copy_from_slice(&r[p..]);
    }
}

/// Divides `a < d * B^n` (n = d.len(), d normalized) by `d`: quotient of at most n limbs.
fn div_2n_1n(a: &[u64], d: &[u64]) -> (Vec<u64>, Vec<u64>) {
    let n = d.len();
    if n < BZ_BASE || n % 2 == 1 {
        return knuth_plain(a, d);
    }
    let h = n / 2;
    // a = [a_hi (3 halves)] [a_lo (1 half)]: two 3n/2-by-n steps.
    let a_hi = shift_down(a, h);
    let (q1, r1) = div_3n_2n(&a_hi, d);
    let mut a2 = vec![0u64; r1.len() + h];
    a2[h..].copy_from_slice(&r1);
    let low = &a[..h.min(a.len())];
    a2[..low.len()].copy_from_slice(low);
    trim_vec(&mut a2);
    let (q0, r0) = div_3n_2n(&a2, d);
    let mut q = vec![0u64; q1.len() + h + 1];
    q[..q0.len()].copy_from_slice(&q0);
    add_assign(&mut q[h..], &q1);
    trim_vec(&mut q);
    (q, r0)
}

/// Divides `a < d * B^(n/2)` by `d` (n even, d normalized): quotient of at most n/2 limbs.
fn div_3n_2n(a: &[u64], d: &[u64]) -> (Vec<u64>, Vec<u64>) {
    let n = d.len();
    let h = n / 2;
    let (d0, d1) = d.split_at(h);
    // a = [a1 a2 a3] and d = [d1 d0] in half blocks (d1 high). Estimate the quotient from
    // the top: floor([a1 a2] / d1), or B^h - 1 when a1 == d1 (it cannot be larger).
    let a1 = shift_down(a, n);
    let a12 = shift_down(a, h);
    let (mut qhat, r1) = if cmp(trim(&a1), trim(d1)) == Ordering::Less {
        div_2n_1n(trim(&a12), d1)
    } else {
        // r1 = [a1 a2] - (B^h - 1) * d1 = [a1 a2] - d1 * B^h + d1.
        let qh = vec![u64::MAX; h];
        let mut t = vec![0u64; a12.len().max(n) + 1];
        t[..a12.len()].copy_from_slice(&a12);
        let mut d1s = vec![0u64; h + d1.len()];
        d1s[h..].copy_from_slice(d1);
        let borrow = sub_assign(&mut t, trim(&d1s));
        debug_assert!(!borrow);
        add_assign(&mut t, d1);
        trim_vec(&mut t);
        (qh, t)
    };
    trim_vec(&mut qhat);
    // r = r1*B^h + a3 - q*d0; may be negative, fixed by adding d back (at most twice).
    let mut r = vec![0u64; r1.len() + h + 1];
    r[h..h + r1.len()].copy_from_slice(&r1);
    let a3 = &a[..h.min(a.len())];
    r[..a3.len()].copy_from_slice(a3);
    let dq = mul_vec(&qhat, trim(d0));
    // Sign and magnitude of r, in `neg` and `rv`.
    let mut neg = false;
    let mut rv = trim(&r).to_vec();
    if cmp(&rv, &dq) == Ordering::Less {
        neg = true;
        let mut t = dq.clone();
        sub_assign(&mut t, &rv);
        rv = t;
    } else {
        sub_assign(&mut rv, &dq);
    }
    trim_vec(&mut rv);
    while neg {
        // rv holds -r; r += d, q -= 1.
        dec(&mut qhat);
        if cmp(&rv, d) != Ordering::Greater {
            let mut t = d.to_vec();
            sub_assign(&mut t, &rv);
            rv = t;
            neg = false;
        } else {
            sub_assign(&mut rv, d);
        }
        trim_vec(&mut rv);
    }
    trim_vec(&mut qhat);
    trim_vec(&mut rv);
    (qhat, rv)
}

fn shift_down(a: &[u64], limbs: usize) -> Vec<u64> {
    if a.len() <= limbs {
        Vec::new()
    } else {
        a[limbs..].to_vec()
    }
}

/// Knuth on already-normalized `d`, for the base cases of the recursion.
fn knuth_plain(a: &[u64], d: &[u64]) -> (Vec<u64>, Vec<u64>) {
    let a = trim(a);
    if cmp(a, d) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    let mut u = vec![0u64; a.len() + 1];
    u[..a.len()].copy_from_slice(a);
    let mut q = vec![0u64; a.len() + 1 - d.len()];
    knuth_divrem(&mut q, &mut u, d);
    u.truncate(d.len());
    trim_vec(&mut u);
    trim_vec(&mut q);
    (q, u)
}

/// Greatest common divisor of two magnitudes by Lehmer's algorithm (Knuth, TAOCP 4.5.2,
/// Algorithm L): most Euclidean steps are simulated on the leading 62 bits and applied to
/// the full numbers at once as a linear combination, as CPython's `_PyLong_GCD` does.
pub(super) fn gcd(a: &[u64], b: &[u64]) -> Vec<u64> {
    let (mut a, mut b) = (trim(a).to_vec(), trim(b).to_vec());
    loop {
        if cmp(&a, &b) == Ordering::Less {
            std::mem::swap(&mut a, &mut b);
        }
        if b.is_empty() {
            return a;
        }
        if a.len() <= 2 {
            let to = |v: &[u64]| v.iter().rev().fold(0u128, |acc, &x| (acc << 64) | x as u128);
            let g = gcd_u128(to(&a), to(&b));
            let mut v = vec![g as u64, (g >> 64) as u64];
            trim_vec(&mut v);
            return v;
        }
        // 62 bits keep the cofactors below 2^62, so the combination below fits i128.
        let s = a.len() as u64 * 64 - a[a.len() - 1].leading_zeros() as u64 - 62;
        let (mut x, mut y) = (bits_at(&a, s) as i128, bits_at(&b, s) as i128);
        let (mut ca, mut cb, mut cc, mut cd) = (1i128, 0i128, 0i128, 1i128);
        while y + cc > 0 && y + cd > 0 {
            let q = (x + ca) / (y + cc);
            if q != (x + cb) / (y + cd) {
                break;
            }
            (ca, cc) = (cc, ca - q * cc);
            (cb, cd) = (cd, cb - q * cd);
            (x, y) = (y, x - q * y);
        }
        if cb == 0 {
            // The leading bits could not decide a quotient: one full division step.
            let r = div_rem(&a, &b).1;
            a = std::mem::replace(&mut b, r);
        } else {
            let na = lin_comb(ca, &a, cb, &b);
            let nb = lin_comb(cc, &a, cd, &b);
            (a, b) = (na, nb);
        }
    }
}

/// Bits `[s, s+64)` of `m` (zero past its end).
fn bits_at(m: &[u64], s: u64) -> u64 {
    let (i, b) = ((s / 64) as usize, (s % 64) as u32);
    let lo = m.get(i).copied().unwrap_or(0) >> b;
    let hi = if b == 0 { 0 } else { m.get(i + 1).copied().unwrap_or(0) << (64 - b) };
    lo | hi
}

/// `p*a + q*b` for cofactors below 2^62 in magnitude whose result is known to be >= 0.
fn lin_comb(p: i128, a: &[u64], q: i128, b: &[u64]) -> Vec<u64> {
    let mut out = vec![0u64; a.len()];
    let mut carry = 0i128;
    for (i, o) in out.iter_mut().enumerate() {
        let t = p * a[i] as i128 + q * b.get(i).copied().unwrap_or(0) as i128 + carry;
        *o = t as u64;
        carry = t >> 64;
    }
    debug_assert!(carry == 0);
    trim_vec(&mut out);
    out
}

fn gcd_u128(mut a: u128, mut b: u128) -> u128 {
    if a == 0 || b == 0 {
        return a | b;
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
